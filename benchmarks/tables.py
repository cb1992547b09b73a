#!/usr/bin/env python3
"""The cost of writing tables: the same batch to JSONL, to DuckDB (and to CSV and Parquet tables when
the command line has them), wall time and the ratio to JSONL.

    python benchmarks/tables.py                               # docs + raw of the shared corpus
    python benchmarks/tables.py --only bulk --jobs 2 --runs 1 # the 6,071 bulk documents

Each run writes into a fresh temporary directory; the medians of ``--runs`` are printed as a Markdown
table, wall time and CPU time (user + system of the command and its workers, steadier than wall time
on a busy machine). Nothing here is asserted; the ratios are what to read.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

TARGETS = {"jsonl": ["-o", "{dir}/all.jsonl"], "duckdb": ["-o", "{dir}/corpus.duckdb"],
           "csv tables": ["-o", "{dir}/tables/", "--format", "tables"],
           "parquet tables": ["-o", "{dir}/tables/", "--format", "parquet"]}


def supported(args: list[str]) -> bool:
    """Whether this govreport knows the --format a target uses (older checkouts have no table formats)."""
    if "--format" not in args:
        return True
    known = subprocess.run([sys.executable, "-c", "from govreport.formats import FORMATS; print(*FORMATS)"],
                           capture_output=True, text=True, check=False).stdout.split()
    return args[args.index("--format") + 1] in known


def timed(inputs: list[str], args: list[str], jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the workers included) of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "govreport", "extract", *inputs, "--jobs", str(jobs), "--quiet",
               *(a.format(dir=tmp) for a in args)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        took = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
        return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", help="a folder of the shared corpus (repeatable) [default: docs, raw]")
    ap.add_argument("--corpus", type=Path, action="append", help="another directory of documents (repeatable)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    inputs = [str(p) for p in args.corpus or []] + [str(SHARED / name) for name in args.only or
                                                   ([] if args.corpus else ["docs", "raw"])]
    missing = [p for p in inputs if not Path(p).is_dir()]
    if missing:
        raise SystemExit(f"no such directory: {', '.join(missing)}")
    print(f"inputs: {', '.join(inputs)}; --jobs {args.jobs}; median of {args.runs}\n")
    print("| output | wall s | × JSONL | CPU s | × JSONL |\n|---|---:|---:|---:|---:|")
    base: tuple[float, float] | None = None
    for name, target in TARGETS.items():
        if not supported(target):
            continue
        runs = [timed(inputs, target, args.jobs) for _ in range(args.runs)]
        took = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        base = base or took
        print(f"| {name} | {took[0]:.2f} | {took[0] / base[0]:.2f} | {took[1]:.2f} | {took[1] / base[1]:.2f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
