#!/usr/bin/env python3
"""Pathological inputs: each case run through `govreport extract`, with outcome, seconds, peak MB.

    python benchmarks/hostile.py            # full sizes (a 50 MB file, a million tags …)
    python benchmarks/hostile.py --small    # a tenth of the sizes

Prints a Markdown table. Every case must end with a Report or a one-line error, in
time roughly proportional to its size, with bounded memory, and without a traceback.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "documents" / "kjj-fazhi-2020" / "input.txt"


def cases(scale: float) -> list[tuple[str, str, Callable[[], bytes]]]:
    n = lambda x: max(1, int(x * scale))  # noqa: E731
    seed = SEED.read_text(encoding="utf-8")
    styles = ["一、", "（一）", "1.", "（1）", "①", "第一部分 ", "第一章 ", "第一节 ", "第一条 ", "1.1 "]
    return [
        ("50 MB text file", "big.txt", lambda: (seed * (n(50 * 2**20) // len(seed.encode()) + 1)).encode()),
        ("2 MB single line, no punctuation", "line.txt", lambda: ("政府工作" * n(2**19)).encode()),
        ("100,000 lines of 一、", "dun.txt", lambda: ("一、\n" * n(100_000)).encode()),
        ("10,000 nested marker styles", "nested.txt",
         lambda: "\n".join(styles[i % len(styles)] + "标题" for i in range(n(10_000))).encode()),
        ("10,000-deep decimal numbering", "decimal.txt",
         lambda: "\n".join(".".join(["1"] * (i + 1)) + " 标题" for i in range(n(2_000))).encode()),
        ("100,000 digits", "digits.txt", lambda: ("1" * n(100_000) + "件").encode()),
        ("100,000 (", "parens.txt", lambda: ("(" * n(100_000)).encode()),
        ("100,000 第", "di.txt", lambda: ("第" * n(100_000) + "一条").encode()),
        ("100,000 一是", "shi.txt", lambda: ("一是" * n(100_000)).encode()),
        ("100,000 %", "pct.txt", lambda: ("%" * n(100_000)).encode()),
        ("one paragraph of 100,000 inline items", "items.txt",
         lambda: ("（一）总体要求" + "，一是加强" * n(100_000) + "。").encode()),
        ("100,000 《 without 》", "quote.txt", lambda: ("《" * n(100_000) + "1件").encode()),
        ("HTML nested 100,000 deep", "deep.html",
         lambda: ("<div>" * n(100_000) + "一、总体要求" + "</div>" * n(100_000)).encode()),
        ("HTML with a million tags", "tags.html",
         lambda: ("<html><body>" + "<p><b>一、</b>正文。</p>" * n(500_000) + "</body></html>").encode()),
        ("all NUL bytes", "nul.txt", lambda: b"\x00" * n(1_000_000)),
        ("GBK declared as UTF-8", "gbk.html",
         lambda: ('<meta charset="utf-8">' + seed.replace("\n", "<br>")).encode("gbk")),
        ("UTF-8 declared as GBK", "utf8.html",
         lambda: ('<meta charset="gbk">' + seed.replace("\n", "<br>")).encode("utf-8")),
        ("random bytes", "random.txt", lambda: os.urandom(n(1_000_000))),
        ("over --max-bytes (default 64 MB)", "huge.txt", lambda: b"a" * (64 * 2**20 + 1)),
    ]


def run(path: Path) -> tuple[str, float, float]:
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "dt = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "err = p.stderr.decode(errors='replace').strip().splitlines()\n"
        "print(p.returncode, dt, peak, err[-1] if err else '', sep='\\t')\n"
    )
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "govreport", "extract", str(path),
                          "--quiet"], capture_output=True, text=True, check=True, timeout=900)
    rc, dt, peak, err = out.stdout.rstrip("\n").split("\t", 3)
    outcome = f"exit {rc}" + (f": {err}" if err else ", Report")
    if "Traceback" in out.stdout or ("Error" in err and "govreport:" not in err):
        outcome += "  ← TRACEBACK"
    return outcome, float(dt), float(peak)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="a tenth of the sizes")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, filename, make in cases(0.1 if args.small else 1.0):
            path = Path(tmp) / filename
            data = make()
            path.write_bytes(data)
            outcome, dt, peak = run(path)
            rows.append((name, f"{len(data) / 2**20:.2f} MB", outcome, f"{dt:.2f}", f"{peak:.0f}"))
            print(" | ".join(rows[-1]), file=sys.stderr)
            path.unlink()
    print("| case | size | outcome | seconds | peak MB |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
