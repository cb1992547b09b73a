#!/usr/bin/env python3
"""How long a 1 MB page's audit page takes to write and to open in headless Chromium.

    python benchmarks/audit_page.py             # a page of about 1 MB, 3 runs
    python benchmarks/audit_page.py --mb 4 --runs 5

The page is made by joining the largest text pages of ../shared/corpus (the sample page
repeated when the corpus is absent) until it holds the size asked for; it is written to a
temporary directory, never to the repository. Printed: the input's size, its counts, the
seconds ``govreport extract PAGE -o PAGE.html`` takes (the whole command), the page's size,
and the seconds Chromium takes to load it and to lay it out and paint it (a screenshot), next
to the same for a tiny page, so that Chromium's own start-up can be told apart.
Medians; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SAMPLE = ROOT / "tests" / "fixtures" / "documents" / "zhoushan-kjj-2020" / "input.txt"


def big_page(size: int) -> str:
    """Real pages joined (each a paragraph run of its own) until ``size`` UTF-8 bytes."""
    pages = sorted((p for p in SHARED.rglob("*.txt") if "manifests" not in p.parts), key=lambda p: -p.stat().st_size)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in pages[:40]] or [SAMPLE.read_text("utf-8")]
    out: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            out.append(text)
            total += len(text.encode("utf-8"))
            if total >= size:
                break
    return "\n\n".join(out)


def timed(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    govreport = str(Path(sys.executable).with_name("govreport"))
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        page = where / "big.txt"
        page.write_text(big_page(int(args.mb * 1_000_000)), encoding="utf-8")
        out = where / "big.html"
        write = timed([govreport, "extract", str(page), "-o", str(out)], args.runs)
        json_time = timed([govreport, "extract", str(page), "-o", str(where / "big.json")], args.runs)
        head = out.read_bytes()[:4096].decode("utf-8", "replace")
        counts = head.split('id="govreport-summary">', 1)[1].split("</script>", 1)[0]
        print(f"input: {page.stat().st_size:,} bytes; page: {out.stat().st_size:,} bytes")
        print(f"summary: {counts}")
        print(f"govreport extract big.txt -o big.html: {write:.2f} s (the same to JSON: {json_time:.2f} s)")
        if chromium is None:
            print("chromium is not installed: no browser times")
            return
        tiny = where / "tiny.html"
        tiny.write_text("<!DOCTYPE html><p>一</p>", encoding="utf-8")
        flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                 f"--user-data-dir={where / 'profile'}"]
        for what, extra in (("load (--dump-dom)", ["--dump-dom"]),
                            ("load, lay out, paint (--screenshot)", [f"--screenshot={where / 'shot.png'}",
                                                                     "--window-size=1400,1000"])):
            base = timed([*flags, *extra, tiny.as_uri()], args.runs)
            full = timed([*flags, *extra, out.as_uri()], args.runs)
            print(f"chromium {what}: {full:.2f} s (a tiny page: {base:.2f} s; difference {full - base:.2f} s)")


if __name__ == "__main__":
    main()
