"""The README's promises: its commands are the ones CI runs, its formats exist."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from govreport.cli import Format, app

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


def test_every_format_and_command_is_documented_with_help() -> None:
    for fmt in Format:
        assert fmt.value in README
    runner = CliRunner()
    for command in ("extract", "schema"):
        assert f"govreport {command}" in README
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
