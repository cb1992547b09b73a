#!/usr/bin/env python3
"""govreport against trafilatura and against a one-pass floor: every measure of issue 20, side by side.

    python benchmarks/bench.py            # the full run (several minutes; the dense shapes need ~4 GB)
    python benchmarks/bench.py --quick    # fewer runs, smaller batches and shapes (about a minute)
    python benchmarks/bench.py --compiled # also the in-process row of the compiled build (GOVREPORT_COMPILE=1)

Prints one Markdown table to stdout: measure, govreport, reference, ratio, target. Every timing
is the median of paired runs (govreport and the reference alternately, so that a busy machine
slows both alike); a ratio is the median of the per-pair ratios. Nothing here is asserted.
The reference is trafilatura, installed by the ``bench`` extra (``pip install -e '.[bench]'``).

The rows:

- in-process: ``govreport.parse(seed text)`` + ``model_dump_json()`` against
  ``trafilatura.extract(seed as rich HTML, output_format="json", with_metadata=True)``. The rich HTML
  is built here from the seed page: a ``<head>`` with ``<title>``, ``ArticleTitle`` and ``PubDate``,
  a navigation block, the title as ``<h1>``, each line a ``<p>`` in an ``<article>``, a footer.
- with ``--compiled``, the in-process row again for the compiled build: the wheel that ``GOVREPORT_COMPILE=1``
  builds (mypyc; README, "A compiled build") is unpacked beside the run and measured in a process of its own.
- in-process, the JSON route: ``govreport.parse_json(seed as UTF-8 bytes)``, the Report's JSON without the models
  (what a pipeline that stores JSON calls), against the same trafilatura call.
- the one-pass floor: what any reading of the page must at least do, in one pass each: a marker scan
  (a pattern guarded by the characters a marker can start with, anchored at line starts: 一、 （一） 1.
  （1） ① 第一章 …), a number+unit scan (a pattern guarded by the digits: 12.5%, 3个, 1.2亿元 …),
  and ``json.dumps`` of the hits with their spans. govreport's in-process time over it. Below it, the part of
  that time the regular-expression engine itself takes: each call one ``parse`` makes on govreport's patterns,
  recorded and replayed alone.
- one page, whole process (bytecode written and read, as an installed command has it): ``govreport extract seed.txt`` against the ``trafilatura`` command on the
  rich HTML (standard input), and each command's ``--version`` (start-up alone).
- batch: the shared corpus's HTML pages copied ×10 (×2 with --quick), ``govreport extract DIR
  --jobs 2 -o OUT/`` against ``trafilatura --input-dir DIR --output-dir OUT --json --with-metadata
  --parallel 2``.
- peak memory per input byte: (peak RSS of the run − peak RSS of the same run on a one-line page)
  divided by the input's size; the API rows parse in one process (measured with ``resource.getrusage``):
  ``parse_json`` (the Report's JSON straight from the page, one line) and, beside it, ``parse_bytes`` +
  ``model_dump_json()`` (the same bytes through the models); the CLI rows run ``govreport extract FILE``. The
  10 MB page is the seed repeated; the dense shapes are 100,000 lines of ``一、``, ``a\\n`` ×7M,
  ``一<br>`` ×2M and a million HTML tags (a tenth of each with --quick: per byte they compare), and the
  densest shape found: 200,000 lines of ``1)``, a node every three bytes. The projection at the default
  ``--max-bytes`` takes the worst of them.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the sources, or (for the compiled build's row) the unpacked compiled wheel that --compiled gives here
sys.path.insert(0, os.environ.get("GOVREPORT_BENCH_SRC", str(ROOT / "src")))

import govreport  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "tests" / "fixtures" / "documents" / "zhoushan-kjj-2020" / "input.txt"
BIN = Path(sys.executable).parent
TINY = "一、总体要求\n"
# the commands run as installed: with their bytecode written and read, whatever the caller's environment says
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# the one-pass floor: a marker at a line start, guarded by the characters a marker can open with
_MARKER = re.compile(
    r"(?m)^[ \t\u3000]*+(?=[一二三四五六七八九十（(0-9０-９①-⑳第])"
    r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[.．、](?![0-9])"
    r"|[（(][0-9０-９]{1,2}[）)]|[①-⑳]|第[一二三四五六七八九十百]{1,4}[部章节条])")
# a number with its unit, guarded by the digits
_QUANTITY = re.compile(
    r"(?=[0-9０-９])[0-9０-９]++(?:[.．][0-9０-９]++)?\s*+"
    r"(?P<unit>%|％|万元|亿元|元|万人|万|亿|个|项|件|次|人|家|户|平方米|公里|吨|台|条|篇|场|天)")

TARGETS = {
    "in-process": "≤ 0.30× (goal 0.25×)",
    "floor": "≤ 3×",
    "page": "≤ 0.60×",
    "batch": "≤ 0.25×",
    "api": "≤ 10 B",
    "cli": "≤ 8 B",
    "dense": "≤ 50 B",
}


def floor(text: str) -> str:
    """The one-pass floor: markers and number+unit hits with their spans, as JSON."""
    markers = [{"marker": m.group(0).strip(), "span": m.span()} for m in _MARKER.finditer(text)]
    numbers = [{"value": m.group(0)[: m.start("unit") - m.start()].strip(), "unit": m.group("unit"), "span": m.span()}
               for m in _QUANTITY.finditer(text)]
    return json.dumps({"markers": markers, "metrics": numbers}, ensure_ascii=False)


def regex_share(text: str) -> tuple[float, float, int]:
    """The time ``re`` itself takes in ``govreport.parse(text)``: every call one parse makes on govreport's compiled
    patterns (``pattern_cache.compiled``) is recorded, then replayed alone (best of 20), so that what remains of the
    in-process time is govreport's Python. Run in a process of its own, since recording means compiling the
    patterns behind a recorder. Returns the replay's best time, the best time of ``parse`` itself in the same
    process (the patterns' calls go through the recorder there too, so it is an upper bound), and the calls."""
    probe = (
        "import json, sys, time\n"
        "from govreport import pattern_cache as pc\n"
        "calls, on = [], [False]\n"
        "class Recorded:\n"
        "    def __init__(self, p): self.p = p\n"
        "    def __getattr__(self, name):\n"
        "        a = getattr(self.p, name)\n"
        "        if not callable(a): return a\n"
        "        def call(*x, **k):\n"
        "            if on[0]: calls.append((a, name == 'finditer', x, k))\n"
        "            return a(*x, **k)\n"
        "        return call\n"
        "compiled = pc.compiled\n"
        "pc.compiled = lambda p, f=0: Recorded(compiled(p, f))\n"
        "import govreport\n"
        "text = sys.stdin.read()\n"
        "govreport.parse(text); on[0] = True; govreport.parse(text); on[0] = False\n"
        "def replay():\n"
        "    for a, many, x, k in calls:\n"
        "        found = a(*x, **k)\n"
        "        if many: list(found)\n"
        "def timed(f):\n"
        "    start = time.perf_counter(); f(); return time.perf_counter() - start\n"
        "pc.compiled = compiled\n"
        "best, whole = [], []\n"
        "for _ in range(20):\n"
        "    best.append(timed(replay)); whole.append(timed(lambda: govreport.parse(text)))\n"
        "print(json.dumps([min(best), min(whole), len(calls)]))\n")
    env = {**ENV, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", probe], input=text, capture_output=True, text=True, check=True,
                         env=env)
    spent, whole, calls = json.loads(out.stdout)
    return float(spent), float(whole), int(calls)


def rich_html(text: str) -> str:
    """The seed page as a portal would serve it: head metadata, navigation, <h1>, one <p> a line, a footer."""
    report = govreport.parse(text)
    title = report.meta.title or ""
    published = report.meta.published.iso if report.meta.published else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line != title)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="ArticleTitle" content="{html.escape(title)}">'
            f'<meta name="PubDate" content="{published}"></head>\n<body>'
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>\n'
            f'<article><h1>{html.escape(title)}</h1>\n{paragraphs}\n</article>\n'
            '<div class="footer">版权所有 网站地图 联系我们</div></body></html>\n')


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median seconds of ``a`` and of ``b`` run alternately, and the median of the per-pair ratios."""
    a()
    b()
    ta, tb, ratios = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        a()
        x = time.perf_counter() - t
        t = time.perf_counter()
        b()
        y = time.perf_counter() - t
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def run(cmd: list[str], stdin: bytes | None = None) -> None:
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")


_PEAK = ("import resource, subprocess, sys\n"
         "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)\n"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
_API = ("import resource, sys\nimport govreport, govreport.pipeline, govreport.models\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "if sys.argv[2] == 'json':\n"
        "    govreport.parse_json(data, path=sys.argv[1], max_bytes=None)\n"
        "else:\n"
        "    govreport.parse_bytes(data, path=sys.argv[1], max_bytes=None).model_dump_json()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def peak_kb(cmd: list[str]) -> int:
    """Peak resident memory (KiB) of ``cmd`` and its children."""
    out = subprocess.run([sys.executable, "-c", _PEAK, *cmd], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.split()[-1])


def per_byte_cli(path: Path, tiny: Path, extra: list[str]) -> tuple[float, float, float]:
    """Bytes of peak memory per input byte of ``govreport extract``, its peak in MB and its seconds."""
    base = peak_kb([str(BIN / "govreport"), "extract", str(tiny), *extra])
    t = time.perf_counter()
    peak = peak_kb([str(BIN / "govreport"), "extract", str(path), *extra])
    wall = time.perf_counter() - t
    return (peak - base) * 1024 / path.stat().st_size, peak / 1024, wall


def per_byte_api(path: Path, tiny: Path, route: str) -> tuple[float, float]:
    """Bytes of peak memory per input byte of the page's JSON made in one process, and its peak in MB:
    ``route`` "json" is ``parse_json``, "models" is ``parse_bytes`` + ``model_dump_json()``."""
    env = {**ENV, "PYTHONPATH": str(ROOT / "src")}
    peaks = [int(subprocess.run([sys.executable, "-c", _API, str(p), route], capture_output=True, text=True,
                                check=True, env=env).stdout) for p in (tiny, path)]
    return (peaks[1] - peaks[0]) * 1024 / path.stat().st_size, peaks[1] / 1024


def compiled_in_process(seed: Path, runs: int) -> tuple[float, float, float] | str:
    """The in-process row for the compiled build: the wheel built with GOVREPORT_COMPILE=1, unpacked, and measured
    in a process of its own (``--in-process-only``); a sentence instead when it cannot be built here."""
    import zipfile

    env = {**ENV, "GOVREPORT_COMPILE": "1"}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # the environment's own hatchling and mypy when it has them (the test extra), else pip fetches them
        has_tools = all(importlib.util.find_spec(name) is not None for name in ("hatchling", "mypy", "setuptools"))
        isolation = ["--no-build-isolation"] if has_tools else []
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, str(ROOT),
                               "-w", str(tmp)], capture_output=True, text=True, env=env)
        wheels = list(tmp.glob("govreport-*.whl"))
        if done.returncode or not wheels or wheels[0].name.endswith("-none-any.whl"):
            return "not built here: " + (done.stderr.strip().splitlines() or ["no compiled wheel"])[-1][:80]
        with zipfile.ZipFile(wheels[0]) as zf:
            zf.extractall(tmp / "site")
        out = subprocess.run([sys.executable, __file__, "--in-process-only", "--seed", str(seed), "--runs", str(runs)],
                             capture_output=True, text=True, check=True,
                             env={**env, "GOVREPORT_BENCH_SRC": str(tmp / "site")})
        where, a, b, r = json.loads(out.stdout)
        if not where.endswith(tuple(EXTENSION_SUFFIXES)):
            return f"not compiled: govreport.outline came from {where}"
        return a, b, r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer runs, ×2 batches, a tenth of the dense shapes")
    ap.add_argument("--seed", type=Path, default=SEED, help="the page of the single-page rows [default: the seed]")
    ap.add_argument("--compiled", action="store_true", help="also the in-process row of the compiled build")
    ap.add_argument("--in-process-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--runs", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    try:
        import trafilatura
    except ImportError as exc:
        raise SystemExit(f"bench.py: trafilatura does not import ({exc}); pip install -e '.[bench]'") from None
    quick = args.quick
    runs_in, runs_cmd, copies, scale = (30, 3, 2, 0.1) if quick else (200, 9, 10, 1.0)
    rows: list[tuple[str, str, str, str, str]] = []
    if args.in_process_only:  # the compiled build's process: the in-process row as JSON
        from govreport import outline

        text = args.seed.read_text(encoding="utf-8")
        page = rich_html(text)
        a, b, r = paired(lambda: govreport.parse(text).model_dump_json(),
                         lambda: trafilatura.extract(page, output_format="json", with_metadata=True),
                         args.runs or runs_in)
        print(json.dumps([outline.__file__, a, b, r]))
        return 0

    def add(measure: str, ours: str, ref: str, ratio: str, target: str) -> None:
        rows.append((measure, ours, ref, ratio, target))
        print(f"  {measure}: {ours} | {ref} | {ratio}", file=sys.stderr)

    text = args.seed.read_text(encoding="utf-8")
    page = rich_html(text)
    print(f"seed {args.seed} ({len(text):,} chars; rich HTML {len(page.encode()):,} bytes); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", file=sys.stderr)

    ours_fn: Callable[[], object] = lambda: govreport.parse(text).model_dump_json()  # noqa: E731
    ref_fn: Callable[[], object] = lambda: trafilatura.extract(page, output_format="json", with_metadata=True)  # noqa: E731
    a, b, r = paired(ours_fn, ref_fn, runs_in)
    add("in-process: parse(seed)+JSON vs trafilatura.extract(rich HTML, json, metadata)",
        f"{a * 1e3:.2f} ms", f"{b * 1e3:.2f} ms", f"{r:.2f}×", TARGETS["in-process"])
    if args.compiled:
        built = compiled_in_process(args.seed, runs_in)
        measure = "in-process, compiled build (GOVREPORT_COMPILE=1): parse(seed)+JSON vs trafilatura.extract"
        if isinstance(built, str):
            add(measure, built, "", "", TARGETS["in-process"])
        else:
            a, b, r = built
            add(measure, f"{a * 1e3:.2f} ms", f"{b * 1e3:.2f} ms", f"{r:.2f}×", TARGETS["in-process"])
    seed_bytes = text.encode("utf-8")
    a, b, r = paired(lambda: govreport.parse_json(seed_bytes), ref_fn, runs_in)
    add("in-process, the JSON route: parse_json(seed bytes) vs trafilatura.extract(rich HTML, json, metadata)",
        f"{a * 1e3:.2f} ms", f"{b * 1e3:.2f} ms", f"{r:.2f}×", TARGETS["in-process"])
    a, b, r = paired(ours_fn, lambda: floor(text), runs_in)
    add("in-process: parse(seed)+JSON vs the one-pass floor", f"{a * 1e3:.2f} ms", f"{b * 1e3:.3f} ms",
        f"{r:.1f}×", TARGETS["floor"])
    spent, whole, calls = regex_share(text)
    add(f"of parse(seed), the regular-expression engine alone ({calls} calls, replayed; beside it parse in that "
        "process, its calls recorded: the share is a lower bound)",
        f"{spent * 1e3:.2f} ms", f"{whole * 1e3:.2f} ms (parse)", f"{spent / whole:.0%}", "")

    exe, tr = str(BIN / "govreport"), str(BIN / "trafilatura")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        seed_txt = tmp / "seed.txt"
        seed_txt.write_text(text, encoding="utf-8")
        page_bytes = page.encode()
        a, b, r = paired(lambda: run([exe, "--version"]), lambda: run([tr, "--version"]), runs_cmd)
        add("start-up: govreport --version vs trafilatura --version", f"{a * 1e3:.0f} ms", f"{b * 1e3:.0f} ms",
            f"{r:.2f}×", "")
        a, b, r = paired(lambda: run([exe, "extract", str(seed_txt)]),
                         lambda: run([tr, "--json", "--with-metadata"], stdin=page_bytes), runs_cmd)
        add("one page, whole process: govreport extract seed.txt vs trafilatura CLI on the HTML",
            f"{a * 1e3:.0f} ms", f"{b * 1e3:.0f} ms", f"{r:.2f}×", TARGETS["page"])

        html_files = [p for folder in ("docs", "raw") for p in sorted((SHARED / folder).glob("*.htm*"))]
        if html_files:
            batch = tmp / "html"
            batch.mkdir()
            for i in range(copies):
                for p in html_files:
                    shutil.copyfile(p, batch / f"{i:02d}_{p.name}")
            n = len(html_files) * copies
            counter = iter(range(10**6))

            def ours_batch() -> None:
                run([exe, "extract", str(batch), "--jobs", "2", "--quiet", "-o", f"{tmp}/g{next(counter)}/"])

            def ref_batch() -> None:
                run([tr, "--input-dir", str(batch), "--output-dir", f"{tmp}/t{next(counter)}", "--json",
                     "--with-metadata", "--parallel", "2"])

            a, b, r = paired(ours_batch, ref_batch, max(1, runs_cmd // 3))
            add(f"batch: corpus HTML ×{copies} ({n} files), --jobs 2 vs trafilatura --parallel 2",
                f"{a:.2f} s ({n / a:.0f}/s)", f"{b:.2f} s ({n / b:.0f}/s)", f"{r:.2f}×", TARGETS["batch"])
        else:
            add("batch: corpus HTML ×10", "skipped: ../shared/corpus is absent", "", "", TARGETS["batch"])

        tiny = tmp / "tiny.txt"
        tiny.write_text(TINY, encoding="utf-8")
        big = tmp / "page10.txt"
        size = int(10 * 2**20 * scale)
        big.write_text((text * (size // len(text.encode()) + 1)), encoding="utf-8")
        mb = big.stat().st_size / 2**20
        per, peak = per_byte_api(big, tiny, "json")
        add(f"peak memory per input byte, {mb:.1f} MB page, API (parse_json)",
            f"{per:.1f} B (peak {peak:.0f} MB)", "", "", TARGETS["api"])
        per, peak = per_byte_api(big, tiny, "models")
        add(f"peak memory per input byte, {mb:.1f} MB page, API through the models (parse_bytes + model_dump_json)",
            f"{per:.1f} B (peak {peak:.0f} MB)", "", "", TARGETS["api"])
        per, peak, wall = per_byte_cli(big, tiny, [])
        add(f"peak memory per input byte, {mb:.1f} MB page, CLI", f"{per:.1f} B (peak {peak:.0f} MB, {wall:.1f} s)",
            "", "", TARGETS["cli"])

        shapes = [
            (f"{int(100_000 * scale):,} lines of 一、", "dun.txt", lambda n: "一、\n" * n, 100_000),
            (f"a\\n ×{7 * scale:g}M", "a.txt", lambda n: "a\n" * n, 7_000_000),
            (f"一<br> ×{2 * scale:g}M", "br.html", lambda n: "<html><body>" + "一<br>" * n + "</body></html>",
             2_000_000),
            (f"{scale:g}M HTML tags", "tags.html",
             lambda n: "<html><body>" + "<p><b>一、</b>正文。</p>" * n + "</body></html>", 500_000),
            (f"{int(200_000 * scale):,} lines of 1)", "paren.txt", lambda n: "1)\n" * n, 200_000),
        ]
        worst = 0.0
        for label, name, make, count in shapes:
            path = tmp / name
            path.write_text(make(int(count * scale)), encoding="utf-8")
            per, peak, wall = per_byte_cli(path, tiny, [])
            worst = max(worst, per)
            add(f"peak memory per input byte, {label} ({path.stat().st_size / 2**20:.2f} MB), CLI",
                f"{per:.0f} B (peak {peak:.0f} MB, {wall:.1f} s)", "", "", TARGETS["dense"])
            path.unlink()
        add("the densest shape at the default --max-bytes (64 MB), projected", f"{worst * 64 / 1024:.1f} GB", "", "",
            f"≤ {50 * 64 / 1024:.1f} GB")

    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    header = ("measure", "govreport", "reference", "ratio", "target")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]

    def line(cells: tuple[str, ...] | list[str]) -> str:
        return "| " + " | ".join(f"{c:{w}}" for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
