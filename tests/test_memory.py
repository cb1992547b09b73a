"""Memory on a large page: the command's peak grows by under 20 bytes per input byte.

A large page is written as it is encoded (its indented JSON is four times the page), never held
whole. Measured as peak resident memory of a `govreport extract` process, less that of the same
command on a one-line page (the interpreter and its imports), so the figure is the page's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import DOCUMENTS

SEED = (DOCUMENTS / "zhoushan-kjj-2020" / "input.txt").read_text(encoding="utf-8")
PER_BYTE = 20

_PEAK = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
)


def _peak(path: Path, *args: str) -> int:
    """Peak resident bytes of `govreport extract PATH ARGS` (writing its JSON to /dev/null)."""
    out = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "govreport", "extract", str(path),
                          "--quiet", *args], capture_output=True, text=True, check=True, timeout=300)
    code, peak = out.stdout.split()
    assert code == "0"
    return int(peak)


def test_a_large_page_costs_under_20_bytes_per_input_byte(tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("一、总体要求\n", encoding="utf-8")
    data = (SEED * (4 * 2**20 // len(SEED.encode("utf-8")) + 1)).encode("utf-8")  # a 4 MB page
    large.write_bytes(data)
    base = _peak(small)
    for args in ((), ("-o", str(tmp_path / "large.json"))):  # to standard output, and to a file
        grown = _peak(large, *args) - base
        assert grown < PER_BYTE * len(data), f"{grown / len(data):.1f} bytes per input byte with {args}"
    assert (tmp_path / "large.json").stat().st_size > 3 * len(data)
