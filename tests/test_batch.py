"""Batches: order kept, parallel output identical to serial, bad inputs isolated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govreport.batch import Item, expand
from tests.conftest import DOCUMENTS

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def _extract(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govreport", "extract", *args, "--quiet", "--format", "jsonl"],
                          capture_output=True, timeout=600, check=False)


def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(300))
    inputs = [str(DOCUMENTS), str(tmp_path), str(tmp_path / "missing.txt"), str(DOCUMENTS)]
    if SHARED.exists():
        inputs.append(str(SHARED))
    serial = _extract(*inputs, "--jobs", "1")
    parallel = _extract(*inputs, "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    lines = serial.stdout.splitlines()
    assert len(lines) == 2 * len(list(DOCUMENTS.glob("*/input.*"))) + 3 + (
        len(list(expand([str(SHARED)]))) if SHARED.exists() else 0)


def test_directory_order_is_sorted_and_input_order_kept(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "c.htm", "skip.md", "sub/z.txt", "sub/a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("一、总体要求\n全年完成任务。", encoding="utf-8")
    items = list(expand([str(tmp_path / "b.txt"), str(tmp_path)]))
    assert [i.rel for i in items] == [str(tmp_path / "b.txt").lstrip("/"), *(f"{tmp_path.name}/{x}" for x in
                                                 ("a.html", "b.txt", "c.htm", "sub/a.txt", "sub/z.txt"))]
    assert all(isinstance(i, Item) and i.problem is None for i in items)
    globbed = list(expand([str(tmp_path)], ("*.md",)))
    assert [i.rel for i in globbed] == [f"{tmp_path.name}/skip.md"]
