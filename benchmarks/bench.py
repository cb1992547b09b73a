#!/usr/bin/env python3
"""govreport benchmark: in-process speed per stage, scaling, CLI cold start and batches.

    python benchmarks/bench.py                      # the shared corpus if present, else the fixtures
    python benchmarks/bench.py --corpus DIR --repeat 40 --runs 7

Prints one table (Markdown) to stdout. Timings are medians on this machine; nothing
here is asserted. With the ``bench`` extra installed (trafilatura, psutil) the same run
measures trafilatura on the same HTML files, side by side, and peak RSS of batches.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import govreport  # noqa: E402
from govreport import pipeline, render  # noqa: E402
from govreport.pipeline import decode_bytes  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
SEED = SHARED / "docs" / "zhoushan-kjj-2020.txt"
SAMPLE = FIXTURES / "zhoushan-kjj-2020" / "input.txt"
EXTS = (".txt", ".htm", ".html")


def corpus_files(roots: list[Path]) -> list[Path]:
    files = [p for r in roots for p in sorted(r.rglob("*")) if p.suffix.lower() in EXTS and p.is_file()]
    return [p for p in files if "gold" not in p.parts]


def median_time(fn: Callable[[], object], runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def stage_times(data: bytes, name: str, runs: int) -> dict[str, float]:
    """Median seconds of each pipeline stage for one document."""
    samples: dict[str, list[float]] = {k: [] for k in ("decode", "classify", "outline", "metrics", "assemble",
                                                       "serialise")}
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        source, evidence = decode_bytes(data, name)
        t1 = time.perf_counter()
        classified = pipeline.classify(source, evidence)
        t2 = time.perf_counter()
        outlined = pipeline.outline(classified)
        t3 = time.perf_counter()
        enriched = pipeline.enrich(classified, outlined)
        t4 = time.perf_counter()
        plain = pipeline.assemble(classified, outlined, enriched, name)
        t5 = time.perf_counter()
        render.dumps(plain, None)
        t6 = time.perf_counter()
        for key, value in zip(samples, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            samples[key].append(value)
    return {k: statistics.median(v[1:]) for k, v in samples.items()}


def parse_and_serialise(data: bytes, name: str) -> int:
    """The Python API: parse_bytes → Report → JSON."""
    report = govreport.parse_bytes(data, path=name, max_bytes=None)
    return len(report.model_dump_json())


def extract_json(data: bytes, name: str) -> int:
    """What the command line does per document: decode, analyse to plain data, json.dumps."""
    source, evidence = decode_bytes(data, name)
    return len(render.dumps(pipeline.analyse_data(source, name, evidence), None))


class PeakRSS:
    """Peak resident memory of a process and its children, sampled every 10 ms (needs psutil)."""

    def __init__(self, pid: int) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self.available = False
            return
        self.available = True
        self._proc = psutil.Process(pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
                total = sum(p.memory_info().rss for p in procs)
                self.peak = max(self.peak, total / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.01)

    def stop(self) -> str:
        self._stop.set()
        return f"{self.peak:.0f} MB" if self.available else "n/a (pip install psutil)"


def run_command(cmd: list[str], stdin: bytes | None = None) -> tuple[float, str, int]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss = PeakRSS(proc.pid)
    _, err = proc.communicate(stdin)
    wall = time.perf_counter() - t
    peak = rss.stop()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return wall, peak, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", help="directory of documents (repeatable)")
    ap.add_argument("--runs", type=int, default=7, help="repetitions per timing (median)")
    ap.add_argument("--repeat", type=int, default=100, help="copies of the corpus in the batch runs")
    ap.add_argument("--seed", type=Path, help="the single page timed on its own [default: the seed page]")
    args = ap.parse_args()
    roots = args.corpus or ([SHARED / "docs", SHARED / "raw"] if SHARED.exists() else [FIXTURES])
    files = corpus_files([r for r in roots if r.exists()])
    if not files:
        raise SystemExit("no documents found")
    seed = args.seed or (SEED if SEED.exists() else SAMPLE)
    docs = [(p, p.read_bytes()) for p in files]
    html_files = [p for p in files if p.suffix.lower() in (".htm", ".html")]
    rows: list[tuple[str, str]] = []
    add = rows.append

    print(f"corpus: {len(files)} files ({len(html_files)} HTML) from {', '.join(str(r) for r in roots)}; "
          f"seed: {seed}", file=sys.stderr)
    add(("python", sys.version.split()[0]))
    add(("machine", f"{os.cpu_count()} CPUs"))

    # in-process
    seed_data = seed.read_bytes()
    seed_chars = len(decode_bytes(seed_data, seed.name)[0].text)
    seed_t = median_time(lambda: parse_and_serialise(seed_data, seed.name), args.runs * 20)
    add(("parse+serialise, seed page", f"{seed_t * 1000:.3f} ms ({seed_chars:,} chars, "
                                      f"{seed_chars / seed_t / 1e6:.2f} M chars/s)"))
    per_doc, total_chars, total_t = [], 0, 0.0
    for path, data in docs:
        t = median_time(lambda d=data, n=path.name: parse_and_serialise(d, n), args.runs)
        chars = len(decode_bytes(data, path.name)[0].text)
        per_doc.append(t)
        total_chars += chars
        total_t += t
    add(("parse+serialise, corpus median per doc", f"{statistics.median(per_doc) * 1000:.3f} ms"))
    cli_t = median_time(lambda: extract_json(seed_data, seed.name), args.runs * 20)
    add(("CLI path in-process (analyse_data + json), seed page", f"{cli_t * 1000:.3f} ms "
                                                                  f"({seed_chars / cli_t / 1e6:.2f} M chars/s)"))
    add(("parse+serialise, corpus throughput", f"{total_chars / total_t / 1e6:.2f} M chars/s "
                                               f"({total_chars:,} chars in {total_t * 1000:.1f} ms)"))
    stages: dict[str, float] = {}
    for path, data in docs:
        for k, v in stage_times(data, path.name, args.runs).items():
            stages[k] = stages.get(k, 0.0) + v
    whole = sum(stages.values())
    for k, v in stages.items():
        add((f"  stage {k} (corpus total)", f"{v * 1000:.2f} ms ({v / whole:.0%})"))

    # scaling
    longest = max(docs, key=lambda d: len(d[1]))
    base_text = decode_bytes(longest[1], longest[0].name)[0].text
    base = median_time(lambda: govreport.parse(base_text).model_dump_json(), args.runs)
    for k in (4, 16):
        text = "\n".join([base_text] * k)
        t = median_time(lambda x=text: govreport.parse(x).model_dump_json(), max(3, args.runs // 2))
        add((f"scaling {k}× {longest[0].name}", f"{t / base:.2f}× the 1× time ({t * 1000:.1f} ms)"))
    mb_text = "\n".join([base_text] * (2**20 // max(len(base_text.encode()), 1) + 1))
    t = median_time(lambda: govreport.parse(mb_text).model_dump_json(), 3)
    add(("1 MB document", f"{t:.3f} s ({len(mb_text.encode()) / 2**20:.2f} MB, {len(mb_text):,} chars)"))

    # CLI
    exe = [sys.executable, "-m", "govreport"]
    colds = [run_command([*exe, "extract", str(seed)])[0] for _ in range(args.runs)]
    add(("CLI cold start, one file (python -m govreport)", f"{statistics.median(colds) * 1000:.0f} ms"))
    script = shutil.which("govreport")
    if script:
        colds = [run_command([script, "extract", str(seed)])[0] for _ in range(args.runs)]
        add(("CLI cold start, one file (govreport script)", f"{statistics.median(colds) * 1000:.0f} ms"))
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch"
        for i in range(args.repeat):
            for path, _ in docs:
                target = batch / f"copy{i:03d}" / path.relative_to(path.anchor).as_posix().replace("/", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        n = len(docs) * args.repeat
        walls = {}
        for jobs in (1, 2):
            wall, peak, _ = run_command([*exe, "extract", str(batch), "--jobs", str(jobs), "--quiet"])
            walls[jobs] = wall
            add((f"CLI batch {n} files, --jobs {jobs}", f"{wall:.2f} s, {n / wall:.0f} docs/s, peak RSS {peak}"))
        add(("  --jobs 2 speed-up", f"{walls[1] / walls[2]:.2f}×"))
        listing = Path(tmp) / "list.txt"
        paths = [str(p) for p in sorted(batch.rglob("*")) if p.is_file()]
        listing.write_text("\n".join(paths * 10) + "\n", encoding="utf-8")
        big = {}
        for jobs in (1, 2):
            wall, peak, _ = run_command([*exe, "extract", "--files-from", str(listing), "--jobs", str(jobs), "--quiet"])
            big[jobs] = wall
            add((f"CLI batch {n * 10} files (listed ×10), --jobs {jobs}", f"{wall:.2f} s, {n * 10 / wall:.0f} docs/s, "
                                                                           f"peak RSS {peak}"))
        add(("  --jobs 2 speed-up on the ×10 batch", f"{big[1] / big[2]:.2f}×"))
        # reference
        html_batch = Path(tmp) / "html"
        html_batch.mkdir()
        for i in range(args.repeat):
            for path in html_files:
                shutil.copyfile(path, html_batch / f"{i:03d}_{path.parent.name}_{path.name}")
        try:
            import trafilatura
        except ImportError:
            add(("trafilatura reference", "not installed (pip install -e '.[bench]')"))
        else:
            m = len(html_files) * args.repeat
            out = Path(tmp) / "trafilatura-out"
            tr_wall, tr_peak, _ = run_command([sys.executable, "-m", "trafilatura.cli", "--input-dir", str(html_batch),
                                               "--output-dir", str(out), "--json", "--with-metadata",
                                               "--parallel", "2"])
            gr_wall, gr_peak, _ = run_command([*exe, "extract", str(html_batch), "--jobs", "2", "--quiet",
                                               "-o", str(Path(tmp) / "govreport-out")])
            add((f"HTML batch {m} files, trafilatura --parallel 2", f"{tr_wall:.2f} s, peak RSS {tr_peak}"))
            add((f"HTML batch {m} files, govreport --jobs 2", f"{gr_wall:.2f} s, peak RSS {gr_peak} "
                                                             f"({gr_wall / tr_wall:.2f}× trafilatura's time)"))
            html_docs = [(p.read_text(encoding="utf-8", errors="replace"), p.read_bytes(), p.name) for p in html_files]
            tr_t = median_time(lambda: [trafilatura.extract(h, output_format="json", with_metadata=True)
                                        for h, _, _ in html_docs], args.runs)
            gr_t = median_time(lambda: [parse_and_serialise(b, n) for _, b, n in html_docs], args.runs)
            k = len(html_docs)
            add(("in-process per HTML page, trafilatura.extract", f"{tr_t / k * 1000:.2f} ms"))
            add(("in-process per HTML page, govreport.parse_bytes", f"{gr_t / k * 1000:.2f} ms "
                                                                   f"({gr_t / tr_t:.2f}× trafilatura's time)"))
            tr_cold = [run_command([sys.executable, "-m", "trafilatura.cli", "--json", "--with-metadata"],
                                   stdin=html_docs[0][1])[0] for _ in range(args.runs)]
            gr_cold = [run_command([*exe, "extract", "-"], stdin=html_docs[0][1])[0] for _ in range(args.runs)]
            add(("CLI cold start on one HTML page, trafilatura", f"{statistics.median(tr_cold) * 1000:.0f} ms"))
            add(("CLI cold start on one HTML page, govreport", f"{statistics.median(gr_cold) * 1000:.0f} ms"))

    width = max(len(k) for k, _ in rows)
    print(f"| {'measure':{width}} | result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for k, v in rows:
        print(f"| {k:{width}} | {v} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
