"""Which govreport wrote an output, and what standard input is called: every Report names its
generator, the DuckDB documents table too, the version is one number with a CHANGELOG entry, and
standard input has one spelling in every output (or the name --stdin-name gives it)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import govreport
from tests.conftest import DOCUMENTS

ROOT = Path(__file__).parent.parent
SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"


def extract(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govreport", "extract", *args, "--quiet"], input=stdin,
                          capture_output=True, timeout=300, check=False)


def test_every_report_names_its_generator_and_version() -> None:
    import importlib.metadata

    report = json.loads(extract(str(SEED), "--format", "json").stdout)
    assert report["generator"] == {"name": "govreport", "version": govreport.__version__}
    assert list(report)[:2] == ["schema_version", "generator"]
    assert importlib.metadata.version("govreport") == govreport.__version__
    assert govreport.parse_record(SEED)["generator"]["version"] == govreport.__version__
    assert govreport.parse("一、总体要求").generator is not None


def test_the_version_is_set_once_and_the_changelog_has_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]  # read from govreport/__init__.py
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    latest = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert latest is not None and latest.group(1) == govreport.__version__


def test_a_report_without_a_generator_still_validates() -> None:
    """Reports written before the field existed stay valid against the schema."""
    jsonschema = pytest.importorskip("jsonschema")
    from govreport.schema import report_schema

    report = json.loads(extract(str(SEED), "--format", "json").stdout)
    del report["generator"]
    jsonschema.validate(report, json.loads(report_schema()))


def test_duckdb_documents_say_which_govreport_wrote_them(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    db = tmp_path / "corpus.duckdb"
    assert extract(str(SEED), "-o", str(db)).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT generator FROM documents").fetchall() == [(f"govreport {govreport.__version__}",)]


def test_standard_input_has_one_spelling_outside_json(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    page = SEED.read_bytes()
    report = json.loads(extract("-", "--format", "json", stdin=page).stdout)
    assert report["source"]["path"] is None  # the contract: null in JSON
    rows = list(csv.reader(io.StringIO(extract("-", "--format", "csv", stdin=page).stdout.decode())))
    assert {r[0] for r in rows[1:]} == {"-"}
    db = tmp_path / "corpus.duckdb"
    assert extract("-", "-o", str(db), stdin=page).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT path, given FROM documents").fetchall() == [("-", "-")]
    con.close()
    failed = extract("-", "--format", "jsonl", stdin=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert failed.stderr.decode().startswith("govreport: -: ")
    assert json.loads(failed.stdout)["source"]["path"] is None


def test_stdin_name_names_standard_input_in_every_output(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    page = SEED.read_bytes()
    name = ["--stdin-name", "saved/page.txt"]
    report = json.loads(extract("-", *name, "--format", "json", stdin=page).stdout)
    assert report["source"]["path"] == "saved/page.txt"
    rows = list(csv.reader(io.StringIO(extract("-", *name, "--format", "csv", stdin=page).stdout.decode())))
    assert {r[0] for r in rows[1:]} == {"saved/page.txt"}
    db = tmp_path / "corpus.duckdb"
    assert extract("-", *name, "-o", str(db), stdin=page).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT path, given FROM documents").fetchall() == [("saved/page.txt", "saved/page.txt")]
    con.close()
    assert extract("-", *name, "-o", f"{tmp_path}/out/", stdin=page).returncode == 0
    assert (tmp_path / "out" / "saved" / "page.txt.json").is_file()
    failed = extract("-", *name, "--format", "jsonl", stdin=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert failed.stderr.decode().startswith("govreport: saved/page.txt: ")
    assert json.loads(failed.stdout)["source"]["path"] == "saved/page.txt"
