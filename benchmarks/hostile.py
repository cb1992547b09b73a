#!/usr/bin/env python3
"""Pathological inputs: each case run through `govreport extract`, with outcome, seconds, peak MB.

    python benchmarks/hostile.py            # full sizes (a 50 MB file, a million tags …)
    python benchmarks/hostile.py --small    # a tenth of the sizes
    python benchmarks/hostile.py --doubling # each hostile shape at 1 MB and 2 MB: seconds, peak MB, ratios

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
SEED = ROOT / "tests" / "fixtures" / "documents" / "zhoushan-kjj-2020" / "input.txt"


def cases(scale: float) -> list[tuple[str, str, Callable[[], bytes]]]:
    n = lambda x: max(1, int(x * scale))  # noqa: E731
    seed = SEED.read_text(encoding="utf-8")
    styles = ["一、", "（一）", "1.", "（1）", "①", "第一部分 ", "第一章 ", "第一节 ", "第一条 ", "1.1 "]
    return [
        ("50 MB text file", "big.txt", lambda: (seed * (n(50 * 2**20) // len(seed.encode()) + 1)).encode()),
        ("5 MB page with its line breaks lost", "lost.txt",
         lambda: (seed.replace("\n", "    ") * (n(5 * 2**20) // len(seed.encode()) + 1)).encode()),
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
         lambda: ('<meta charset="utf-8">' + seed.replace("\n", "<br>")).encode("gbk", "replace")),
        ("UTF-8 declared as GBK", "utf8.html",
         lambda: ('<meta charset="gbk">' + seed.replace("\n", "<br>")).encode("utf-8")),
        ("random bytes", "random.txt", lambda: os.urandom(n(1_000_000))),
        ("over --max-bytes (default 64 MB)", "huge.txt", lambda: b"a" * (64 * 2**20 + 1)),
    ]


def shapes() -> list[tuple[str, str, Callable[[int], bytes]]]:
    """Hostile shapes that grow with a size in bytes (the linearity test's shapes, full size)."""
    def fill(unit: str, size: int, head: str = "", tail: str = "") -> bytes:
        return (head + unit * (size // len(unit.encode()) + 1) + tail).encode()

    toc = "".join(f"第{i % 9 + 1}部分 第{i}项内容……{i % 90 + 1}\n" for i in range(200))
    return [
        ("table of contents (目录, dot leaders)", "toc.txt", lambda b: fill(toc, b, "某部门决算\n目录\n")),
        ("heading lines 一、", "headings.txt", lambda b: fill("一、总体要求\n", b)),
        ("inline markers (一)…一是…二是", "markers.txt", lambda b: fill("（一）加强领导。一是健全制度；二是落实责任。\n", b)),
        ("digits", "digits.txt", lambda b: fill("1234567890", b, "全年完成", "件。")),
        ("NBSP / ideographic-space runs", "nbsp.txt", lambda b: fill("工作情况\xa0\xa0\xa0\xa0（一）加强领导。\u3000\u3000", b)),
        ("HTML <div></x>", "a.html", lambda b: fill("<div></x>", b)),
        ("HTML <b></p>", "b.html", lambda b: fill("<b></p>", b)),
        ("HTML <div/>", "c.html", lambda b: fill("<div/>", b)),
        ("HTML <p>x (many paragraphs)", "d.html", lambda b: fill("<p>x", b)),
    ]


def doubling() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text("一、总体要求\n", encoding="utf-8")
        base = run(tiny)[2]
        for name, filename, make in shapes():
            cells = [name]
            seconds = []
            for size in (2**20, 2**21):
                path = Path(tmp) / filename
                data = make(size)
                path.write_bytes(data)
                _, dt, peak = run(path)
                seconds.append(dt)
                cells += [f"{dt:.2f}", f"{peak:.0f}", f"{max(peak - base, 0) * 2**20 / len(data):.0f}"]
                path.unlink()
            cells.append(f"{seconds[1] / seconds[0]:.2f}")
            rows.append(cells)
            print(" | ".join(cells), file=sys.stderr)
    print(f"Bytes per input byte leave out the {base:.0f} MB that a one-line page costs.\n")
    print("| shape | 1 MB s | 1 MB peak MB | bytes/input byte | 2 MB s | 2 MB peak MB | bytes/input byte | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


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
    ap.add_argument("--doubling", action="store_true", help="each hostile shape at 1 MB and 2 MB")
    args = ap.parse_args()
    if args.doubling:
        return doubling()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text("一、总体要求\n", encoding="utf-8")
        base = run(tiny)[2]  # the interpreter and its imports: what every run costs before its page
        for name, filename, make in cases(0.1 if args.small else 1.0):
            path = Path(tmp) / filename
            data = make()
            path.write_bytes(data)
            outcome, dt, peak = run(path)
            grown = max(peak - base, 0) * 2**20 / len(data)
            rows.append((name, f"{len(data) / 2**20:.2f} MB", outcome, f"{dt:.2f}", f"{peak:.0f}", f"{grown:.1f}"))
            print(" | ".join(rows[-1]), file=sys.stderr)
            path.unlink()
    print(f"Peak MB is the whole process; bytes per input byte leave out the {base:.0f} MB that a one-line page "
          "costs.\n")
    print("| case | size | outcome | seconds | peak MB | bytes per input byte |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
