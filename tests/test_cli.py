"""The command line: formats, stdin, exit codes, and stdout holding nothing but data."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govreport.cli import app
from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "kjj-fazhi-2020" / "input.txt"
HTML = DOCUMENTS / "kjj-fazhi-2020-html" / "input.html"
runner = CliRunner()


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_json_is_the_only_thing_on_stdout() -> None:
    code, out, err = run("extract", str(SEED))
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["meta"]["signed"] == {"raw": "2020年1229", "iso": "2020-12-29", "span": [919, 928], "repaired": True}


def test_stdin() -> None:
    code, out, _ = run("extract", "-", input=SEED.read_bytes())
    assert code == 0
    report = json.loads(out)
    assert report["source"]["path"] is None
    assert report["meta"]["title"] == "舟山市科学技术局2020年法治政府建设工作总结"


def test_text_format_is_the_clean_body() -> None:
    code, out, _ = run("extract", str(SEED), "--format", "text")
    assert code == 0
    assert out.startswith("2020年，我局在市委")
    assert "打印本页" not in out and "发布日期" not in out and "2020年1229" not in out


def test_source_format_prints_what_spans_index() -> None:
    code, out, _ = run("extract", str(HTML), "--format", "source")
    report = json.loads(run("extract", str(HTML))[1])
    assert code == 0
    node = report["outline"][0]
    assert out[node["span"][0]:node["span"][0] + 2] == "一、"


def test_markdown() -> None:
    code, out, _ = run("extract", str(SEED), "--format", "md")
    assert code == 0
    assert out.startswith("# 舟山市科学技术局2020年法治政府建设工作总结\n")
    assert "## 一、法治政府建设主要工作" in out and "### (二)完善依法行政制度体系" in out
    assert "`252.63%` (年度检查计划完成率)" in out


def test_tree_on_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    code, out, _ = run("extract", str(SEED), "--format", "tree")
    assert code == 0 and "一、法治政府建设主要工作" in out.replace("\n", "")


def test_markdown_lists_every_removed_stretch_with_its_rule() -> None:
    import govreport

    code, out, _ = run("extract", str(SEED), "--format", "md")
    assert code == 0
    section = out.split("\n## Removed\n\n", 1)[1].splitlines()
    report = govreport.parse_file(SEED)
    assert [line.split("` ", 1)[0] for line in section if line] == [f"- `{r.rule}" for r in report.removed]
    assert "- `navigation-cue` 当前位置" in out


def test_tree_ends_with_the_signature_the_removals_and_the_warnings() -> None:
    """The seed page: its repaired signature date, its six removed lines by rule, its warnings."""
    code, out, _ = run("extract", str(DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"), "--format", "tree")
    assert code == 0
    assert out.splitlines()[-3:] == [
        "舟山市科学技术局 · signed 2020-12-29 (from 2020年1229) · published 2021-01-25",
        "removed 6: navigation-cue 2 · title 1 · header-field 1 · widget-cue 1 · footer-cue 1",
        "warnings: marker-inferred ×2 · date-repaired",
    ]


def test_csv_header_quoting_and_excel_bom() -> None:
    code, out, _ = run("extract", str(SEED), "--format", "csv", "--excel")
    assert code == 0 and out.startswith("\ufeffpath,title,node,heading_path,raw,value")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 22
    big = next(r for r in rows if r["raw"] == "1.2亿元")
    assert (big["value"], big["unit"], big["kind"], big["node"]) == ("120000000", "元", "money", "1.3.3")
    assert big["heading_path"].startswith("一、法治政府建设主要工作 > (三)推进科技领域“放管服”改革 > 三是")


def test_jsonl_is_the_default_for_several_inputs() -> None:
    code, out, _ = run("extract", str(SEED), str(HTML), "--jobs", "1", "--quiet")
    assert code == 0
    lines = out.splitlines()
    assert [json.loads(x)["source"]["format"] for x in lines] == ["text", "html"]


def test_json_format_for_several_inputs_is_an_array() -> None:
    code, out, _ = run("extract", str(SEED), str(HTML), "--format", "json", "--jobs", "1", "--quiet")
    assert code == 0 and len(json.loads(out)) == 2


def test_missing_file_is_one_line_and_exit_1() -> None:
    code, out, err = run("extract", "no/such/file.txt")
    assert code == 1 and out == ""
    assert err == "govreport: no/such/file.txt: no such file; check the path\n"


def test_bad_encoding_names_the_fix() -> None:
    code, _, err = run("extract", str(SEED), "--encoding", "big5")
    assert code == 1 and "drop --encoding" in err and err.count("\n") == 1


def test_usage_errors_exit_2() -> None:
    assert run("extract")[0] == 2
    assert run("extract", str(SEED), "--format", "yaml")[0] == 2
    assert run("extract", "-", "-")[0] == 2


def test_errors_in_a_batch_become_records_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "dir.txt").mkdir()
    code, out, err = run("extract", str(SEED), str(tmp_path / "binary.html"), str(tmp_path / "missing.txt"),
                         str(tmp_path / "empty.txt"), str(tmp_path / "dir.txt"), "--jobs", "1", "--quiet")
    records = [json.loads(x) for x in out.splitlines()]
    assert code == 1
    assert [r.get("error", {}).get("code") for r in records] == [None, "binary-input", "unreadable", None, "unreadable"]
    assert records[3]["warnings"][0]["code"] == "empty-input"
    assert len(err.splitlines()) == 3 and all(line.startswith("govreport: ") for line in err.splitlines())


def test_output_directory_mirrors_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run("extract", str(DOCUMENTS), "-o", f"{out}/", "--jobs", "1", "--quiet")
    assert code == 0 and stdout == ""
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert "documents/kjj-fazhi-2020/input.txt.json" in written  # the input keeps its extension
    assert "documents/kjj-fazhi-2020-html/input.html.json" in written
    assert not any(p.endswith("expected.json") for p in written)


def test_files_from(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{SEED}\n\n{HTML}\n", encoding="utf-8")
    code, out, _ = run("extract", "--files-from", str(listing), "--quiet", "--jobs", "1")
    assert code == 0 and len(out.splitlines()) == 2


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("govreport ")
    code, out, _ = run("extract", "--help")
    assert code == 0 and "Examples" in out and "--format" in out


def test_schema_command_matches_the_committed_schema() -> None:
    code, out, _ = run("schema")
    committed = (Path(__file__).parent.parent / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert code == 0
    assert out == committed, "schema/report.schema.json is stale: govreport schema > schema/report.schema.json"


def test_python_dash_m_and_closed_stdout() -> None:
    proc = subprocess.run([sys.executable, "-m", "govreport", "extract", str(SEED), "--format", "jsonl"],
                          capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout)["meta"]["issuer"] == "舟山市科学技术局"
    script = (f"{sys.executable} -m govreport extract {DOCUMENTS} {DOCUMENTS} {DOCUMENTS} --jobs 2 --quiet "
              "| head -c 10 > /dev/null; echo ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", script], capture_output=True, check=False, timeout=120)
    assert proc.stdout.strip() in (b"0", b"141") and b"Traceback" not in proc.stderr


def test_import_does_not_pull_in_the_cli_stack() -> None:
    code = "import sys, govreport; print(sorted(m for m in ('typer', 'rich', 'selectolax') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("indent", [None, 2])
def test_cli_json_is_byte_identical_to_the_models_json(indent: int | None) -> None:
    import govreport
    from govreport.batch import Item, Options, run_one
    from tests.conftest import document_inputs

    for path in document_inputs():
        outcome = run_one(Item(str(path), path.name), Options("json", None, None, None, indent))
        assert not isinstance(outcome.output, bytes)  # rendered in this process: pieces, written as they come
        output = b"".join(outcome.output).decode("utf-8")
        assert output == govreport.parse_file(path).model_dump_json(indent=indent)


def test_large_json_is_written_in_pieces_that_join_to_the_whole() -> None:
    from govreport import json_writer, pipeline

    text = SEED.read_text(encoding="utf-8") * 40  # about 0.6 MB of JSON
    data = pipeline.analyse_data(pipeline.decode_bytes(text.encode("utf-8"), "big.txt")[0], "big.txt")
    pieces = list(json_writer.json_pieces(data, 2))
    assert len(pieces) > 4 and max(map(len, pieces)) < 4 * json_writer.PIECE
    assert b"".join(pieces).decode("utf-8") == json_writer.dumps(data, 2)


def test_json_output_does_not_load_pydantic() -> None:
    code = ("import sys; from govreport.cli import main; sys.argv = ['govreport', 'extract', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('pydantic' in sys.modules, 'rich' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "False False"
