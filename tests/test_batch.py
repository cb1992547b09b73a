"""Batches: order kept, parallel output identical to serial, bad inputs isolated."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.batch import Item, Options, Outcome, expand, run_all, run_one
from tests.conftest import DOCUMENTS

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"


def _extract(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govreport", "extract", *args, "--quiet", "--format", "jsonl"],
                          capture_output=True, timeout=600, check=False)


def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(300))
    inputs = [str(DOCUMENTS), str(tmp_path), str(tmp_path / "missing.txt"), str(DOCUMENTS)]
    pages = [str(SHARED / "docs"), str(SHARED / "raw")] if SHARED.exists() else []  # bulk/ is for benchmarks/
    inputs += pages
    serial = _extract(*inputs, "--jobs", "1")
    parallel = _extract(*inputs, "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    lines = serial.stdout.splitlines()
    assert len(lines) == 2 * len(list(DOCUMENTS.glob("*/input.*"))) + 3 + (
        len(list(expand(pages))))


def test_directory_order_is_sorted_and_input_order_kept(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "c.htm", "skip.pdf", "sub/z.txt", "sub/a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("一、总体要求\n全年完成任务。", encoding="utf-8")
    items = list(expand([str(tmp_path / "b.txt"), str(tmp_path)]))
    assert [i.rel for i in items] == [str(tmp_path / "b.txt").lstrip("/"), *(f"{tmp_path.name}/{x}" for x in
                                                 ("a.html", "b.txt", "c.htm", "sub/a.txt", "sub/z.txt"))]
    assert all(isinstance(i, Item) and i.problem is None for i in items)
    globbed = list(expand([str(tmp_path)], ("*.pdf",)))
    assert [i.rel for i in globbed] == [f"{tmp_path.name}/skip.pdf"]


def _buggy_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """govreport's analysis made to fail on one page (constructed: a bug that raises IndexError on a
    page whose text holds 毒), as a real bug on an unseen page would."""
    from govreport import pipeline

    real = pipeline.analyse_parts

    def analyse(source: Any, *args: Any) -> Any:
        if "毒" in source.text:
            raise IndexError("list index out of range")
        return real(source, *args)

    monkeypatch.setattr(pipeline, "analyse_parts", analyse)


def test_a_bug_on_one_page_is_an_error_record_and_the_batch_goes_on(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _buggy_analysis(monkeypatch)
    monkeypatch.delenv("GOVREPORT_DEBUG", raising=False)
    good = tmp_path / "a.txt"
    good.write_bytes(SEED.read_bytes())
    bad = tmp_path / "b.txt"
    bad.write_text("关于某某的通知\n全年完成毒品查处任务。\n", encoding="utf-8")
    options = Options("jsonl", None, None, None, None)
    items = [Item(str(bad), "b.txt"), Item(str(good), "a.txt")]
    outcomes = list(run_all(items, options, jobs=1))
    assert [o.error_code for o in outcomes] == ["internal-error", None]
    # in a (forked) worker too: the bug is the page's error record, not a dead worker
    assert [o.error_code for o in run_all(items, options, jobs=2)] == ["internal-error", None]
    message = outcomes[0].error or ""
    assert "IndexError: list index out of range" in message and "\n" not in message and "report it" in message
    record = govreport.parse_record(bad)
    assert record["error"]["code"] == "internal-error"


def test_govreport_debug_lets_a_bug_raise_with_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _buggy_analysis(monkeypatch)
    monkeypatch.setenv("GOVREPORT_DEBUG", "1")
    bad = tmp_path / "b.txt"
    bad.write_text("关于某某的通知\n全年完成毒品查处任务。\n", encoding="utf-8")
    with pytest.raises(IndexError):
        run_one(Item(str(bad), "b.txt"), Options("jsonl", None, None, None, None))


def test_the_summary_counts_inputs_and_a_lost_input_fails_the_batch(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Constructed fault: the runner made to end one outcome early, as the worker pool once did when
    its first chunk finished last. The batch must say so and fail instead of exiting 0."""
    from typer.testing import CliRunner

    from govreport import cli

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    whole = runner.invoke(cli.app, ["extract", str(tmp_path), "-o", str(out)])
    assert whole.exit_code == 0 and "govreport: 3 inputs: 3 done, 0 failed, " in whole.stderr
    real = cli.run_all

    def early(items: list[Item], *args: Any, **kwargs: Any) -> Iterator[Outcome]:
        outcomes = real(items, *args, **kwargs)
        try:
            yield from itertools.islice(outcomes, len(items) - 1)
        finally:
            outcomes.close()

    monkeypatch.setattr(cli, "run_all", early)
    cut = runner.invoke(cli.app, ["extract", str(tmp_path), "-o", str(out)])
    assert cut.exit_code == 1 and "3 inputs: 2 done, 0 failed, 1 missing" in cut.stderr
    assert "1 of 3 inputs gave neither a result nor an error record" in cut.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    quiet = runner.invoke(cli.app, ["extract", str(tmp_path), "-o", str(out), "--quiet"])
    assert quiet.exit_code == 1 and quiet.stderr.count("\n") == 1 and "1 of 3 inputs" in quiet.stderr
