"""The README's examples as a user pastes them: examples/dask_metrics.py runs as printed on a folder of
pages (skipped without the dask extra), and install hints name the checkout, not PyPI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCUMENTS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_dask_example_runs_as_printed(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    script = ROOT / "examples" / "dask_metrics.py"
    assert script.read_text(encoding="utf-8") in README  # cog pastes the file itself
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("zhoushan-kjj-2020", "plan-2021", "kjj-fazhi-2020-html"):
        source = next((DOCUMENTS / name).glob("input.*"))
        shutil.copy(source, pages / f"{name}{source.suffix}")
    (pages / "scan.txt").write_bytes(b"%PDF-1.4 not a page")
    proc = subprocess.run([sys.executable, str(script), str(pages), str(tmp_path / "metrics")], capture_output=True,
                          text=True, timeout=600, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    frame = pd.read_parquet(tmp_path / "metrics")
    cli = subprocess.run([sys.executable, "-m", "govreport", "extract", str(pages), "--jobs", "1", "--quiet"],
                         capture_output=True, timeout=600, check=False)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert len(frame) == sum(len(r.get("metrics", [])) for r in expected) > 0
    assert set(frame["path"]) == {r["source"]["path"] for r in expected if r.get("metrics")}


def test_install_hints_name_the_checkout() -> None:
    """`pip install 'govreport[duckdb]'` fails outside PyPI; from a checkout it is '.[duckdb]'."""
    sources = [README, *(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "govreport").rglob("*.py"))]
    assert not [s for s in sources if re.search(r"pip install '?govreport\[", s)]
    assert "pip install '.[dask]'" in README and "pip install -q '.[duckdb]'" in README


def test_progress_is_a_plain_line_now_and_then_when_stderr_is_a_log(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Under nohup or 2>log there is no bar: a line every PLAIN_EVERY seconds says how far the batch is."""
    from typer.testing import CliRunner

    from govreport import cli

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):
        shutil.copy(DOCUMENTS / "zhoushan-kjj-2020" / "input.txt", pages / f"p{i:02d}.txt")
    monkeypatch.setattr(cli, "PLAIN_EVERY", 0.0)  # every input, so that the test does not wait
    result = CliRunner().invoke(cli.app, ["extract", str(pages), "--jobs", "1", "-o", str(tmp_path / "all.jsonl")])
    assert result.exit_code == 0
    lines = [x for x in result.output.splitlines() if " of 12 inputs" in x]
    assert lines[0].startswith("govreport: 1 of 12 inputs, 0 failed, ") and lines[0].endswith(" docs/s")
    assert lines[-1].startswith("govreport: 12 of 12 inputs")
    assert "\x1b[" not in result.output  # no terminal escapes in a log
    quiet = CliRunner().invoke(cli.app, ["extract", str(pages), "--jobs", "1", "-q", "-o", str(tmp_path / "q.jsonl")])
    assert quiet.output == ""
