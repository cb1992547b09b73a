"""The README's promises: its commands are the ones CI runs, its generated parts (the formats
table, the ``--help`` text) are fresh, and every registered command and format works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govreport.cli import app
from govreport.formats import FORMATS
from tests.conftest import DOCUMENTS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    install_and_run, test = _quick_start()
    assert "govreport extract" in install_and_run
    assert (ROOT / install_and_run.split()[-1]).exists(), "the sample page named in the quick start is missing"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_readme_generated_parts_are_fresh() -> None:
    from cogapp import Cog

    # cog reruns the README's [[[cog]]] blocks and fails when their output differs from what is pasted
    assert Cog().main(["cog", "--check", str(ROOT / "README.md")]) == 0, "run: cog -r README.md"


def test_every_command_is_documented_and_has_help() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names == ["extract", "schema"]
    runner = CliRunner()
    for name in names:
        assert f"govreport {name}" in README
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_renders_the_sample_page_to_stdout_and_to_its_file(name: str, tmp_path: Path) -> None:
    fmt = FORMATS[name]
    page = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
    runner = CliRunner()
    if fmt.tables:  # one file per table: a directory is needed (tests/test_tables.py reads them back)
        assert runner.invoke(app, ["extract", str(page), "--format", name]).exit_code == 2
        if name == "parquet":
            pytest.importorskip("pyarrow")
        assert runner.invoke(app, ["extract", str(page), "--format", name, "-o", f"{tmp_path}/t/"]).exit_code == 0
        assert len(list((tmp_path / "t").iterdir())) == 8
        return
    shown = runner.invoke(app, ["extract", str(page), "--format", name])
    assert shown.exit_code == 0 and "舟山" in shown.stdout
    result = runner.invoke(app, ["extract", str(page), "--format", name, "-o", f"{tmp_path}/out/", "--quiet"])
    assert result.exit_code == 0
    (written,) = (tmp_path / "out").rglob(f"input.txt{fmt.extension}")  # the input's path, mirrored
    assert written.read_text(encoding="utf-8").strip() == shown.stdout.strip()
    for suffix in fmt.suffixes:  # -o FILE with this ending and no --format chooses this format
        out = tmp_path / f"all{suffix}"
        assert runner.invoke(app, ["extract", str(page), "-o", str(out)]).exit_code == 0
        assert out.read_text(encoding="utf-8").strip() == shown.stdout.strip()
