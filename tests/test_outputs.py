"""Outputs a pipeline can trust: no collisions, one file when asked, errors inside the contract,
typed tables in DuckDB, CSV that survives type inference, resumable batches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from govreport.schema import report_schema
from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
HTML = DOCUMENTS / "kjj-fazhi-2020-html" / "input.html"
SHARED = Path(__file__).parent.parent.parent / "shared" / "corpus"


def extract(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport", "extract", *args, "--quiet"], capture_output=True,
                          text=True, timeout=600, check=False, cwd=cwd)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """a.txt and a.html side by side, a sub-folder, and a binary file (a PDF)."""
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.txt").write_bytes(SEED.read_bytes())
    (pages / "a.html").write_bytes(HTML.read_bytes())
    (pages / "sub" / "b.txt").write_bytes(SEED.read_bytes())
    (pages / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    return pages


def test_directory_output_keeps_every_result(mixed: Path, tmp_path: Path) -> None:
    proc = extract(str(mixed), "-o", str(tmp_path / "out") + "/")
    assert proc.returncode == 1
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == [".govreport-manifest.jsonl", "pages/a.html.json", "pages/a.txt.json", "pages/sub/b.txt.json"]
    manifest = (tmp_path / "out" / ".govreport-manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["result"] for x in manifest) == written[1:]  # what resume compares
    assert "scan.txt: this is a PDF document: convert it to text first" in proc.stderr
    assert not list((tmp_path / "out").rglob("*.part"))


def test_one_file_holds_every_line_and_each_validates_against_the_schema(mixed: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    proc = extract(str(mixed), "-o", str(target))
    assert proc.returncode == 1 and target.is_file()
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4
    schema = json.loads(report_schema())
    for line in lines:
        jsonschema.validate(line, schema)
    assert [line["error"]["code"] for line in lines if "error" in line] == ["binary-input"]


def test_json_array_keeps_failed_inputs_as_error_records(mixed: Path) -> None:
    proc = extract(str(mixed), "--format", "json")
    records = json.loads(proc.stdout)
    assert len(records) == 4 and sum("error" in r for r in records) == 1


def test_the_same_input_twice_is_written_once_and_a_collision_fails_one_input(tmp_path: Path) -> None:
    for side in ("x", "y"):
        (tmp_path / side / "pages").mkdir(parents=True)
        (tmp_path / side / "pages" / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    twice = extract(str(tmp_path / "x" / "pages"), str(tmp_path / "x" / "pages"), "-o", str(out) + "/")
    assert twice.returncode == 0 and [p.name for p in out.rglob("*.json")] == ["a.txt.json"]
    clash = extract(str(tmp_path / "x" / "pages"), str(tmp_path / "y" / "pages"), "-o", str(tmp_path / "o2") + "/")
    assert clash.returncode == 1 and "would overwrite the result of" in clash.stderr


def test_outputs_never_go_through_a_link_or_onto_an_input(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_bytes(SEED.read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "pages").symlink_to(outside)
    proc = extract(str(pages), "-o", str(out))
    assert proc.returncode == 1 and "symbolic link" in proc.stderr and not list(outside.iterdir())
    text = extract("pages", "-o", ".", "--format", "text", cwd=tmp_path)
    assert (pages / "a.txt").read_bytes() == SEED.read_bytes()
    assert text.returncode == 0 and (pages / "a.txt.text.txt").exists()


def test_skip_existing_resumes_a_directory_batch(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    extract("pages/a.txt", "pages/sub", "-o", "out/", cwd=tmp_path)
    first = (out / "pages" / "a.txt.json").stat().st_mtime_ns
    proc = subprocess.run([sys.executable, "-m", "govreport", "extract", "pages/a.txt", "pages/a.html",
                           "-o", "out/", "--skip-existing"], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 0 and "1 done, 0 failed, 1 skipped" in proc.stderr
    assert (out / "pages" / "a.txt.json").stat().st_mtime_ns == first and (out / "pages" / "a.html.json").exists()


def test_unknown_encoding_is_a_usage_error_before_any_input() -> None:
    proc = extract(str(SEED), "--encoding", "foo")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "unknown encoding 'foo'" in proc.stderr and "gb18030" in proc.stderr


def test_a_forced_single_byte_encoding_on_a_chinese_page_is_warned() -> None:
    proc = extract(str(SEED), "--encoding", "latin-1")
    codes = [w["code"] for w in json.loads(proc.stdout)["warnings"]]
    assert "encoding-suspect" in codes


@pytest.mark.parametrize(("magic", "named"), [(b"%PDF-1.7", "PDF"), (b"PK\x03\x04\x14\x00", "docx"),
                                             (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word .doc")])
def test_office_and_pdf_files_are_named_with_the_fix(tmp_path: Path, magic: bytes, named: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(magic + bytes(200))
    proc = extract(str(page))
    assert proc.returncode == 1 and named in proc.stderr and "convert" in proc.stderr


def test_csv_ids_survive_pandas_and_duckdb_and_offsets_stay_integers(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    numerals = "一二三四五六七八九十"
    page = tmp_path / "ten.txt"  # constructed: every node id has two parts, the tenth is 1.10
    page.write_text("一、工作情况\n" + "".join(f"（{n}）第{n}项工作。全年完成{i + 2}件。\n" for i, n in enumerate(numerals)),
                    encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("关于某事的通知\n各单位：\n请认真贯彻执行。\n", encoding="utf-8")
    target = tmp_path / "metrics.csv"
    assert extract(str(page), str(empty), "-o", str(target)).returncode == 0
    frame = pd.read_csv(target, dtype={"node": str})  # as the README says to read it
    assert list(frame["node"].dropna())[-2:] == ["1.9", "1.10"]  # the id as the JSON writes it
    assert not frame["path"].str.endswith("empty.txt").any()  # no row of empty metric columns
    assert str(frame["start"].dtype) == "int64" and str(frame["end"].dtype) == "int64"
    relation = duckdb.sql(f"SELECT node, start FROM read_csv('{target}', types={{'node': 'VARCHAR'}})")
    assert [r[0] for r in relation.fetchall() if r[0]][-1] == "1.10"
    assert str(relation.types[1]) == "BIGINT"


def test_duckdb_tables_are_typed_and_a_rerun_replaces_rows(mixed: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    db = tmp_path / "corpus.duckdb"
    for _ in range(2):
        extract(str(mixed), "-o", str(db))
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM errors").fetchone() == (1,)
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'documents'").fetchall())
    assert types["signed"] == "DATE" and types["breadcrumb"] == "VARCHAR[]"
    assert dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_name = 'metrics'").fetchall())["value"] == "DOUBLE"
    signed = con.execute("SELECT signed, signed_precision FROM documents WHERE path LIKE '%a.txt'").fetchone()
    assert str(signed[0]) == "2020-12-29" and signed[1] == "day"


def test_duckdb_removed_rows_say_why_and_an_older_database_gains_the_column(tmp_path: Path) -> None:
    """removed.rule is written for every removed stretch; a database made before the column existed
    (its removed table has five columns) is extended in place, its rows kept."""
    duckdb = pytest.importorskip("duckdb")
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE removed (path VARCHAR, kind VARCHAR, text VARCHAR, span_start INTEGER, "
                "span_end INTEGER)")
    con.execute("INSERT INTO removed VALUES ('earlier.txt', 'footer', '版权所有', 0, 4)")
    con.close()
    assert extract(str(SEED), "-o", str(db)).returncode == 0
    con = duckdb.connect(str(db))
    rows = dict(con.execute("SELECT text, rule FROM removed").fetchall())
    assert rows["版权所有"] is None  # the earlier page's row is kept, without a rule
    assert rows["当前位置:首页"] == "navigation-cue" and rows["打印本页 关闭窗口"] == "widget-cue"


@pytest.mark.skipif(not (SHARED / "docs").is_dir(), reason="the shared corpus is not beside this checkout")
def test_duckdb_row_counts_match_the_jsonl_of_the_shared_corpus(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    db = tmp_path / "corpus.duckdb"
    pages = (str(SHARED / "docs"), str(SHARED / "raw"))  # the portal pages; bulk/ is for benchmarks/ and the diff
    assert extract(*pages, "-o", str(db)).returncode == 0
    lines = [json.loads(x) for x in extract(*pages).stdout.splitlines()]

    def count(nodes: list[dict[str, object]]) -> int:
        return sum(1 + count(n["children"]) for n in nodes)  # type: ignore[arg-type]

    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (len(lines),)
    assert con.execute("SELECT count(*) FROM nodes").fetchone() == (sum(count(r["outline"]) for r in lines),)
    assert con.execute("SELECT count(*) FROM metrics").fetchone() == (sum(len(r["metrics"]) for r in lines),)


def test_the_error_record_the_outputs_write_is_the_models_error_record() -> None:
    import govreport
    from govreport.models import ErrorRecord
    from govreport.records import error_record

    record = error_record("a.pdf", "binary", "a PDF file; convert it to text first")
    assert ErrorRecord.model_validate(record).model_dump(mode="json") == record
    assert govreport.parse_record("/no/such/page.txt") == error_record("/no/such/page.txt", "unreadable",
                                                                     "no such file; check the path")
