"""Memory on a large page: the command's peak grows by under 20 bytes per input byte.

A large page is written as it is encoded (its indented JSON is four times the page), never held
whole. Measured as peak resident memory of a `govreport extract` process, less that of the same
command on a one-line page (the interpreter and its imports), so the figure is the page's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


def _html_peak_per_byte(tmp_path: Path, body: str) -> float:
    """The command's peak on an HTML page of ``body``, over its peak on a one-line page, per byte of the page."""
    small, page = tmp_path / "small.txt", tmp_path / "page.html"
    small.write_text("一、总体要求\n", encoding="utf-8")
    page.write_text("<html><body>" + body + "</body></html>", encoding="utf-8")
    return (_peak(page) - _peak(small)) / page.stat().st_size


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


def test_the_json_of_a_page_where_every_line_is_a_heading_is_written_a_node_at_a_time() -> None:
    """Constructed: 25,000 lines of 一、, every line an outline node. The command line's json and jsonl
    renderers build each node's data as they write it and drop it after: writing holds under 20 bytes per
    input byte over the analysed page, where every node's dict built at once took about 90."""
    import tracemalloc

    from govreport import pipeline
    from govreport.formats import FORMATS, RenderOptions

    data = ("一、\n" * 25_000).encode("utf-8")
    source, evidence = pipeline.decode_bytes(data, "dense.txt")
    analysed = pipeline.analyse_parts(source, "dense.txt", evidence)
    assert len(analysed.roots) == 25_000
    for fmt, indent in (("json", 2), ("jsonl", None)):
        render = FORMATS[fmt].render
        assert render is not None
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            written = sum(len(piece) for piece in render(analysed, source, RenderOptions(indent)))
            peak = tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()
        assert written > 25 * len(data)
        assert peak < 20 * len(data), f"{fmt}: {peak / len(data):.1f} bytes per input byte"


def test_a_large_html_page_gives_back_the_memory_of_its_parsed_tree(tmp_path: Path) -> None:
    """Constructed: 20,000 paragraphs <p><b>一、</b>正文。</p>, every one an outline node. lexbor's tree of the
    page (about 35 bytes per byte of HTML) is freed as soon as its text is read, before the text is cut into
    lines, and its pages go back to the system instead of staying beside every later stage's records: the
    command peaks under 65 bytes per input byte over a one-line page (about 52), where it took about 77."""
    per_byte = _html_peak_per_byte(tmp_path, "<p><b>一、</b>正文。</p>" * 20_000)
    assert per_byte < 65, f"{per_byte:.1f} bytes per input byte"


def test_a_page_of_text_broken_by_br_costs_under_45_bytes_per_input_byte(tmp_path: Path) -> None:
    """Constructed: 70,000 lines of 一<br> (490 KB). Its <br>s become separators before the page is parsed, so the
    parser builds a few text nodes instead of two nodes a line, and its 70,000 lines are kept as columns: the
    command peaks under 45 bytes per input byte over a one-line page (about 24), where it took about 84."""
    per_byte = _html_peak_per_byte(tmp_path, "一<br>" * 70_000)
    assert per_byte < 45, f"{per_byte:.1f} bytes per input byte"


@pytest.mark.parametrize(("line", "bound"), [("一、", 56), ("1)", 122)])
def test_a_page_where_every_line_is_a_heading_costs_a_bounded_number_of_bytes_per_input_byte(
        tmp_path: Path, line: str, bound: int) -> None:
    """Constructed: 70,000 lines of 一、 (490 KB) or of 1) (210 KB), every line an outline node. A node is a light
    record (offsets from its marker's start, its marker's fields copied in, its text read from the body when
    written); the tree is placed as columns by marker (a level, a title), each marker freed as its node is built;
    no stage keeps a set or dict over every marker. The command peaks, over a one-line page, at 46-48 bytes
    per input byte for 一、 (bound 56; it took 72 with a Marker in every node, 144 before that) and 106-110 for 1)
    (bound 122; 126 with the drafts as records, 152 and 315 before). Resident memory moves by a few bytes per
    byte from one run of the machine to another, hence the margins."""
    small, page = tmp_path / "small.txt", tmp_path / "page.txt"
    small.write_text("一、总体要求\n", encoding="utf-8")
    page.write_text(f"{line}\n" * 70_000, encoding="utf-8")
    per_byte = (_peak(page) - _peak(small)) / page.stat().st_size
    assert per_byte < bound, f"{per_byte:.1f} bytes per input byte"


def test_classifying_a_page_of_many_short_lines_holds_little_beyond_its_lines() -> None:
    """Constructed: 50,000 lines of ``a`` (no prose, no title). Classifying them holds the lines (about 200
    bytes each) and little else at once: looking for a title and for attachments in the body reads the lines
    without a list, set or dict over every line, so the peak stays under 40 bytes a line above what
    classification keeps, where it was about 70."""
    import tracemalloc

    from govreport import pipeline

    lines = 50_000
    source, evidence = pipeline.decode_bytes(b"a\n" * lines, "a.txt")
    tracemalloc.start()
    try:
        classified = pipeline.classify(source, evidence)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(classified.layout.body) == lines
    assert (peak - held) / lines < 40, f"{(peak - held) / lines:.0f} bytes a line beyond what is kept"


def test_a_report_held_in_memory_shares_its_models_fields_sets() -> None:
    """Constructed: 2,000 numbered lines, each with two quantities (about 1,000 outline nodes and 4,000 metrics).
    pydantic gives every model a set of the fields its data named (about 730 bytes); the Report's nodes, metrics,
    references, removed stretches and warnings share one set per class instead, so the Report held after parsing
    takes about 850 bytes per node or metric, where it took about 1,580."""
    import gc
    import tracemalloc

    import govreport

    page = "\n".join(f"{i}. 第{i}项工作完成率为{i}%，新增{i}个项目。" for i in range(1, 2001))
    govreport.parse(page[:200])  # the pattern caches and the shared sets are the process's, not this page's
    tracemalloc.start()
    try:
        report = govreport.parse(page)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    models = len(report.outline) + len(report.metrics)
    assert len(report.outline) > 900 and len(report.metrics) > 3_000
    assert held / models < 1_100, f"{held / models:.0f} bytes per node or metric"


def test_shared_fields_sets_answer_as_before_and_a_copy_takes_its_own() -> None:
    """Sharing changes no answer: ``model_fields_set`` holds the fields the data named, two Reports' nodes share
    one set, and ``model_copy(update=…)`` adds to a copy of it, never to the shared set."""
    import govreport
    from govreport.models import Node

    seed_a, seed_b = govreport.parse(SEED), govreport.parse(SEED)
    node_a, node_b = seed_a.outline[0], seed_b.outline[-1].children[0]
    assert node_a.model_fields_set == set(Node.model_fields)
    assert node_a.model_fields_set is node_b.model_fields_set
    assert seed_a.metrics[0].model_fields_set is seed_b.metrics[-1].model_fields_set
    copied = node_a.model_copy(update={"title": "x"})
    assert copied.model_fields_set is not node_a.model_fields_set and copied.title == "x"
    assert node_a.model_fields_set == set(Node.model_fields)
    again = govreport.Report.model_validate_json(seed_a.model_dump_json())
    assert again == seed_a and again.outline[0].model_fields_set is node_a.model_fields_set
