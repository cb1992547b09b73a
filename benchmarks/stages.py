#!/usr/bin/env python3
"""Where the time of one page goes: each stage of the pipeline, in process, in microseconds.

    python benchmarks/stages.py                          # the seed page
    python benchmarks/stages.py ../shared/corpus/docs    # every page of a folder (.txt, .html), summed
    python benchmarks/stages.py PAGE --runs 50

Each stage runs on the previous stage's result (decode → classify → outline → enrich → assemble → JSON),
then the API's model layer (``Report.model_validate`` and ``model_dump_json``); a row's time is the median
over the runs of the stage's time, summed over the pages. The cyclic garbage collector is paused as
``pipeline.analyse_data`` pauses it. Nothing here is asserted: it is for reading before and after a change.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govreport import pipeline  # noqa: E402
from govreport.json_writer import dumps  # noqa: E402
from govreport.models import Report  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "documents" / "zhoushan-kjj-2020" / "input.txt"


def _pages(target: Path) -> list[Path]:
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.suffix.lower() in (".txt", ".html", ".htm"))
    return [target]


def _timed(steps: list[tuple[str, Callable[[Any], Any]]], start: Any) -> dict[str, float]:
    out: dict[str, float] = {}
    value = start
    for name, step in steps:
        t = time.perf_counter()
        value = step(value)
        out[name] = time.perf_counter() - t
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("target", nargs="?", type=Path, default=SEED, help="a page or a folder [default: the seed]")
    ap.add_argument("--runs", type=int, default=0, help="runs per page [default: about 2 s of runs]")
    args = ap.parse_args()
    pages = _pages(args.target)
    if not pages:
        print(f"{args.target}: no .txt or .html page", file=sys.stderr)
        return 1
    inputs = [(p.read_bytes(), str(p)) for p in pages]

    def steps(raw: bytes, name: str) -> list[tuple[str, Callable[[Any], Any]]]:
        state: dict[str, Any] = {}

        def decode(_: Any) -> Any:
            state["source"], state["evidence"] = pipeline.decode_bytes(raw, name)
            return state["source"]

        def classify(source: Any) -> Any:
            state["classified"] = pipeline.classify(source, state["evidence"])
            return state["classified"]

        def outline(classified: Any) -> Any:
            state["outlined"] = pipeline.outline(classified)
            return state["outlined"]

        def enrich(outlined: Any) -> Any:
            return pipeline.enrich(state["classified"], outlined)

        def assemble(enriched: Any) -> Any:
            return pipeline.assemble(state["classified"], state["outlined"], enriched, name)

        return [("decode", decode), ("classify (lines, layout)", classify), ("outline (markers, tree)", outline),
                ("enrich (metrics, references)", enrich), ("assemble (meta, data)", assemble),
                ("JSON (json_writer.dumps)", lambda data: (data, dumps(data, 2))[0]),
                ("API: Report.model_validate", Report.model_validate),
                ("API: model_dump_json", lambda report: report.model_dump_json())]

    runs = args.runs
    if runs <= 0:  # about two seconds
        t = time.perf_counter()
        for raw, name in inputs:
            _timed(steps(raw, name), None)
        runs = max(3, min(500, int(2 / max(time.perf_counter() - t, 1e-6))))
    totals: dict[str, float] = {}
    gc.disable()
    try:
        for raw, name in inputs:
            samples: dict[str, list[float]] = {}
            for _ in range(runs):
                for stage, seconds in _timed(steps(raw, name), None).items():
                    samples.setdefault(stage, []).append(seconds)
            for stage, values in samples.items():
                totals[stage] = totals.get(stage, 0.0) + statistics.median(values)
    finally:
        gc.enable()
    whole = sum(totals.values())
    chars = sum(len(raw) for raw, _ in inputs)
    print(f"{len(inputs)} page(s), {chars:,} bytes, {runs} runs each; medians summed over the pages\n")
    print("| stage | µs | share |\n|---|---:|---:|")
    for stage, seconds in totals.items():
        print(f"| {stage} | {seconds * 1e6:,.0f} | {seconds / whole:.0%} |")
    print(f"| all | {whole * 1e6:,.0f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
