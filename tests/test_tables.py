"""The corpus as tables: DuckDB written in bulk and keyed by the resolved path, the long ``fields``
table, and a database that meets a lock, a full disk or an interrupt. Pages are the seed page and
constructed ones."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
CMD = [sys.executable, "-m", "govreport", "extract"]
duckdb = pytest.importorskip("duckdb")


def extract(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args, "--quiet"], capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=cwd)


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = SEED.read_bytes()
    for i in range(count):
        (folder / f"p{i:05d}.txt").write_bytes(data)
    return folder


def test_one_page_named_three_ways_is_one_document_keyed_by_its_resolved_path(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "corpus.duckdb"
    proc = extract("z.txt", "./z.txt", str(tmp_path / "z.txt"), "-o", str(db), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT path, given FROM documents").fetchall() == [(str(tmp_path / "z.txt"),
                                                                            str(tmp_path / "z.txt"))]
    metrics = con.execute("SELECT count(*) FROM metrics").fetchone()
    assert metrics is not None and 0 < metrics[0] < 40  # counted once, not three times
    assert con.execute("SELECT DISTINCT path FROM metrics").fetchall() == [(str(tmp_path / "z.txt"),)]


def test_the_fields_table_is_long_one_row_per_label(tmp_path: Path) -> None:
    page = tmp_path / "notice.txt"  # constructed: a header of labelled fields above a short notice
    page.write_text("索引号：11330900002608543K/2021-123\n主题分类：科技\n有效性：有效\n关于开展科技周活动的通知\n"
                    "各单位：\n请认真组织。\n", encoding="utf-8")
    db = tmp_path / "corpus.duckdb"
    assert extract(str(page), str(SEED), "-o", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT label, value FROM fields WHERE path = ? ORDER BY label", [str(page)]).fetchall()
    assert ("主题分类", "科技") in rows and ("有效性", "有效") in rows
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'fields'").fetchall())
    assert types == {"path": "VARCHAR", "label": "VARCHAR", "value": "VARCHAR"}


def test_a_database_open_in_another_process_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(120)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        proc = extract(str(SEED), "-o", str(db))
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(db) in proc.stderr and "another" in proc.stderr


def test_a_full_disk_keeps_committed_rows_and_names_the_first_unwritten_input(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True,
                             check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        pages = _pages(tmp_path / "pages", 600)
        proc = extract(str(pages), "-o", str(disk / "corpus.duckdb"), "--jobs", "1", timeout=300)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and "the first unwritten input is" in proc.stderr
        assert str(pages / "p") in proc.stderr
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _committed(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute("SELECT count(*) FROM documents").fetchone()
        return int(found[0]) if found else 0
    finally:
        con.close()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupt_stops_at_once_and_keeps_committed_rows(tmp_path: Path, signum: int, code: int) -> None:
    pages = _pages(tmp_path / "pages", 3000)
    db = tmp_path / "corpus.duckdb"
    proc = subprocess.Popen([*CMD, str(pages), "--jobs", "2", "-o", str(db), "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("corpus.duckdb*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(4)  # several commits in
    proc.send_signal(signum)
    sent = time.monotonic()
    _, err = proc.communicate(timeout=120)
    waited = time.monotonic() - sent
    assert proc.returncode == code, err
    text = err.decode()
    assert text.count("\n") == 1 and "Traceback" not in text and "interrupted after" in text
    assert "the first unwritten input is" in text
    kept = _committed(db)
    assert 0 < kept < 3000
    # the interrupt does not wait for the workers to finish their share: generous, not a timing
    assert waited < 10, f"took {waited:.1f}s to stop"


def test_an_interrupt_inside_a_commit_is_an_interrupt_not_a_traceback(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB turns a Ctrl-C inside a query into its own InterruptException; govreport reports it
    as an interrupt (130) and keeps what earlier commits wrote."""
    from typer.testing import CliRunner

    from govreport import tables
    from govreport.cli import app

    pages = _pages(tmp_path / "pages", 200)
    db = tmp_path / "corpus.duckdb"
    real = tables.Database._insert
    calls = {"n": 0}

    def interrupted(self: tables.Database) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")
        real(self)

    monkeypatch.setattr(tables.Database, "_insert", interrupted)
    monkeypatch.setattr(tables, "FLUSH_EVERY", 50)
    monkeypatch.setattr(tables, "FLUSH_SECONDS", 3600.0)  # chunks by count alone, however slow the machine
    result = CliRunner().invoke(app, ["extract", str(pages), "-o", str(db), "--jobs", "1", "--quiet"])
    assert result.exit_code == 130, result.output
    assert "interrupted after" in result.output and "Traceback" not in result.output
    assert "the first unwritten input is" in result.output and "p00050.txt" in result.output
    assert _committed(db) == 50


def test_rows_written_in_bulk_match_the_report(tmp_path: Path) -> None:
    """Every table's rows come back with the Report's values and types (dates, lists, JSON, integers)."""
    import json

    import govreport

    record = govreport.parse_record(SEED)
    db = tmp_path / "corpus.duckdb"
    assert extract(str(SEED), "-o", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    title, breadcrumb, signed, fields, n_metrics = con.execute(
        "SELECT title, breadcrumb, signed, fields, n_metrics FROM documents").fetchone() or ()
    assert title == record["meta"]["title"] and breadcrumb == record["meta"]["breadcrumb"]
    assert str(signed) == record["meta"]["signed"]["iso"] and json.loads(fields) == record["meta"]["fields"]
    assert n_metrics == len(record["metrics"])
    got = con.execute("SELECT raw, value, node, span_start, span_end FROM metrics ORDER BY span_start").fetchall()
    assert got == [(m["raw"], m["value"], m["node"], *m["span"]) for m in record["metrics"]]
    assert os.path.isabs(con.execute("SELECT path FROM nodes LIMIT 1").fetchone()[0])  # type: ignore[index]


TEN = "一、工作情况\n" + "".join(f"（{n}）第{n}项工作。全年完成{i + 2}件。\n" for i, n in enumerate("一二三四五六七八九十"))
"""Constructed: a heading with ten sub-items, so that node ids run 1.1 … 1.10."""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seed page, a page whose ids run to 1.10, one without metrics, one with a header field, a PDF."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_bytes(SEED.read_bytes())
    (pages / "ten.txt").write_text(TEN, encoding="utf-8")
    (pages / "empty.txt").write_text("关于某事的通知\n各单位：\n请认真贯彻执行。\n", encoding="utf-8")
    (pages / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    return pages


def _duckdb_tables(pages: Path, tmp_path: Path) -> Any:
    db = tmp_path / "corpus.duckdb"
    assert extract(str(pages), "-o", str(db)).returncode == 1  # the PDF fails
    return duckdb.connect(str(db), read_only=True)


def test_parquet_tables_have_the_duckdb_tables_columns_types_and_rows(corpus: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    proc = extract(str(corpus), "-o", f"{tmp_path}/tables/", "--format", "parquet")
    assert proc.returncode == 1 and "scan.txt" in proc.stderr
    con = _duckdb_tables(corpus, tmp_path)
    from govreport.tables import TABLES

    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        target = tmp_path / "tables" / f"{table}.parquet"
        got = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{target}')").fetchall()
        want = con.execute(f"DESCRIBE {table}").fetchall()
        # the same columns and types (JSON is text in Parquet)
        assert [(r[0], r[1]) for r in got] == [(r[0], r[1].replace("JSON", "VARCHAR")) for r in want], table
        assert len(pd.read_parquet(target)) == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    nodes = pd.read_parquet(tmp_path / "tables" / "nodes.parquet")
    assert nodes["span_start"].dtype.kind == "i" and nodes["number"].dtype.kind == "i"
    ten = nodes[nodes["path"].str.endswith("ten.txt")]
    assert list(ten["id"])[-2:] == ["1.9", "1.10"]
    errors = pd.read_parquet(tmp_path / "tables" / "errors.parquet")
    assert list(errors["code"]) == ["binary-input"]


def test_csv_tables_read_back_with_integers_and_one_spelling_of_node_ids(corpus: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    assert extract(str(corpus), "-o", f"{tmp_path}/tables/", "--format", "tables").returncode == 1
    con = _duckdb_tables(corpus, tmp_path)
    from govreport.tables import COLUMNS, TABLES

    folder = tmp_path / "tables"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for table in TABLES:
        frame = pd.read_csv(folder / f"{table}.csv", dtype={"id": str, "parent": str, "node": str})
        assert list(frame.columns) == [c for c, _ in COLUMNS[table]], table
        assert len(frame) == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
        for column, sql in COLUMNS[table]:
            if sql == "INTEGER" and frame[column].notna().all() and len(frame):
                assert frame[column].dtype.kind == "i", (table, column)  # integers stay integers
    metrics = pd.read_csv(folder / "metrics.csv", dtype={"node": str})
    assert metrics["span_start"].dtype.kind == "i" and metrics["value"].dtype.kind == "f"
    assert not metrics["path"].str.endswith("empty.txt").any()  # a page without metrics has no empty row
    assert list(metrics[metrics["path"].str.endswith("ten.txt")]["node"])[-2:] == ["1.9", "1.10"]
    documents = pd.read_csv(folder / "documents.csv")
    assert documents["path"].str.endswith("empty.txt").any()  # … it is in documents
    assert documents["n_metrics"].dtype.kind == "i"
    read = duckdb.sql(f"SELECT node FROM read_csv('{folder / 'metrics.csv'}', types={{'node': 'VARCHAR'}}) "
                      "WHERE path LIKE '%ten.txt'").fetchall()
    assert [r[0] for r in read][-1] == "1.10"
    spans = duckdb.sql(f"DESCRIBE SELECT span_start, n FROM (SELECT span_start, 1 AS n FROM "
                       f"read_csv_auto('{folder / 'nodes.csv'}'))").fetchall()
    assert spans[0][1] in ("BIGINT", "INTEGER")


def test_table_formats_need_a_directory_and_parquet_names_its_extra(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    proc = extract(str(SEED), "--format", "parquet")
    assert proc.returncode == 2 and "-o tables/" in proc.stderr and "Traceback" not in proc.stderr
    from typer.testing import CliRunner

    from govreport.cli import app

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the parquet extra were not installed
    result = CliRunner().invoke(app, ["extract", str(SEED), "-o", f"{tmp_path}/t/", "--format", "parquet"])
    assert result.exit_code == 1
    assert "pip install '.[parquet]'" in result.output and result.output.count("\n") == 1


def test_table_files_cannot_resume_and_say_so(tmp_path: Path) -> None:
    proc = extract(str(SEED), "-o", f"{tmp_path}/t/", "--format", "tables", "--skip-existing")
    assert proc.returncode == 2 and ".duckdb" in proc.stderr and not (tmp_path / "t").exists()


def test_table_files_go_to_a_directory_named_as_one(tmp_path: Path) -> None:
    """-o all.csv --format tables would make a directory called all.csv: a usage error instead."""
    proc = extract(str(SEED), "-o", str(tmp_path / "all.csv"), "--format", "tables")
    assert proc.returncode == 2 and "ending in '/'" in proc.stderr and not (tmp_path / "all.csv").exists()
    (tmp_path / "existing").mkdir()
    assert extract(str(SEED), "-o", str(tmp_path / "existing"), "--format", "tables").returncode == 0
    assert (tmp_path / "existing" / "documents.csv").is_file()


def test_table_files_on_a_full_disk_leave_nothing_half_written(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True,
                             check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        pages = _pages(tmp_path / "pages", 300)
        proc = extract(str(pages), "-o", f"{disk}/tables/", "--format", "tables", "--jobs", "1", timeout=300)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and "no table was written" in proc.stderr
        assert list((disk / "tables").iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
