#!/usr/bin/env python3
"""Every bulk document of the shared corpus parses with spans, nesting and nothing-lost holding.

    python benchmarks/bulk_invariants.py                 # ../shared/corpus/bulk, every folder
    python benchmarks/bulk_invariants.py --only tw_laws

The same checks as tests/test_corpus.py (tests/invariants.py) over the 6,071 bulk documents: too slow
for the test suite, so it is a benchmark. Prints, per folder, documents checked and failed, and each
failure's first line; exit 1 when any fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.invariants import check_all  # noqa: E402

from govreport.models import Report  # noqa: E402
from govreport.pipeline import analyse_data, decode_bytes  # noqa: E402

BULK = ROOT.parent / "shared" / "corpus" / "bulk"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", default=[], help="a bulk folder (repeatable)")
    args = ap.parse_args()
    if not BULK.is_dir():
        sys.exit(f"bulk_invariants: {BULK} not found (the shared corpus is not beside this checkout)")
    failed = 0
    started = time.perf_counter()
    for folder in sorted(p for p in BULK.iterdir() if p.is_dir() and p.name != "manifests"):
        if args.only and folder.name not in args.only:
            continue
        files = sorted(folder.glob("*.txt"))
        bad = 0
        for path in files:
            try:
                source, evidence = decode_bytes(path.read_bytes(), path.name)
                report = Report.model_validate(analyse_data(source, str(path), evidence))
                check_all(report, source.text)
                assert report.text or report.outline or not source.text.strip(), "nothing kept"
            except Exception as exc:
                bad += 1
                why = str(exc).splitlines()[0][:160] if str(exc) else ""
                print(f"  {folder.name}/{path.name}: {type(exc).__name__}: {why}")
        failed += bad
        print(f"{folder.name}: {len(files)} documents, {bad} failed")
    print(f"all: {failed} failed in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
