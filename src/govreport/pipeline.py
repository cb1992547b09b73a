"""The pipeline: decode → lines → layout → markers → outline → enrich → Report.

The stages build the Report as plain JSON-ready data (``analyse_data``), so that the
command line can serialise it without loading pydantic; ``analyse`` and the ``parse*``
functions wrap the same data in the public pydantic models.
"""

from __future__ import annotations

import gc
import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import source as src
from .boilerplate import Layout, layout
from .errors import DEFAULT_MAX_BYTES, GovreportError, TooLargeError, UnreadableError, unexpected
from .lines import split_lines, starts_of, stripped_text
from .lost import infer_lost
from .markers import find_markers
from .meta import Decided, decide, title_hint
from .metrics import metrics_in
from .outline import build
from .outline_checks import toc_suspects, unplaced
from .outline_node import OutlineNode, slice_body
from .pattern_cache import compiled
from .pattern_cache import save as save_patterns
from .records import SCHEMA_VERSION, Evidence, Issue, error_record, generator, path_fields
from .references import references_in
from .report_data import (
    Analysed,
    ErrorRecordData,
    MetricData,
    ReferenceData,
    ReportData,
    SignatureData,
    WarningData,
)

if TYPE_CHECKING:
    from .models import Report

_SURROGATE = compiled("[\ud800-\udfff]")


def _flatten(nodes: tuple[OutlineNode, ...], out: list[OutlineNode]) -> list[OutlineNode]:
    for n in nodes:
        out.append(n)
        _flatten(n.children, out)
    return out


class Classified(NamedTuple):
    """After ``classify``: the source's lines split into title/header, body, signature and footer."""

    source: src.Source
    evidence: Evidence
    layout: Layout


class Outlined(NamedTuple):
    """After ``outline``: the tree of markers over the body, and what placing them noticed."""

    roots: tuple[OutlineNode, ...]
    flat: list[OutlineNode]
    issues: tuple[Issue, ...]


class Enriched(NamedTuple):
    """After ``enrich``: metrics and references with the node each stands in."""

    metrics: list[MetricData]
    references: list[ReferenceData]
    issues: tuple[Issue, ...] = ()


def classify(source: src.Source, evidence: Evidence) -> Classified:
    """Stage: lines → layout (navigation, header fields, title, body, signature, footer)."""
    return Classified(source, evidence, layout(split_lines(source.text), title_hint(evidence), evidence.site))


def outline(classified: Classified) -> Outlined:
    """Stage: body paragraphs → markers → the outline tree."""
    body = classified.layout.body
    contents = set(classified.layout.contents)
    found, cited = find_markers(body)
    recovered = infer_lost([m for m in found if body[m.body_line].start not in contents], body)
    del found  # the markers build keeps (and frees as their nodes are built) are the only ones left
    left_out = unplaced(body, recovered.markers, contents, cited)
    tree = build(recovered.markers, body, classified.layout.attachments_at)  # uses up recovered.markers
    flat = _flatten(tree.roots, [])
    issues = (*recovered.issues, *tree.issues, *left_out, *toc_suspects(flat, tree.roots))
    return Outlined(tree.roots, flat, issues)


def enrich(classified: Classified, outlined: Outlined) -> Enriched:
    """Stage: metrics and cited documents, each tied to the node it stands in."""
    starts = [n.start for n in outlined.flat]
    flat = outlined.flat

    def node_at(pos: int) -> str | None:
        i = bisect_right(starts, pos) - 1
        return flat[i].id if i >= 0 else None

    def at_marker(pos: int) -> bool:  # 1.3分级分类: 1.3 numbers a heading, it is no metric
        i = bisect_left(starts, pos)
        while i < len(starts) and starts[i] == pos:
            if flat[i].marker:
                return True
            i += 1
        return False

    metrics: list[MetricData] = [
        {"raw": m.raw, "value": m.value, "unit": m.unit, "kind": m.kind, "qualifier": m.qualifier, "label": m.label,
         "span": m.span, "node": node_at(m.span[0])}
        for m in metrics_in(classified.source.text, classified.layout.body) if not at_marker(m.span[0])]
    references: list[ReferenceData] = [{"title": cited, "span": span, "node": node_at(span[0])}
                                       for cited, span in references_in(classified.source.text, classified.layout.body)]
    return Enriched(metrics, references)


def warnings_of(source: src.Source, lay: Layout, outlined: Outlined, enriched: Enriched,
                decided: Decided) -> list[WarningData]:
    """Every stage's warnings, the one place they meet: decoding's, then classification's, the outline's,
    enrichment's and deciding the meta's, ordered by where they stand (those with no span first)."""
    issues = sorted((*source.issues, *lay.issues, *outlined.issues, *enriched.issues, *decided.issues),
                    key=lambda w: (w.span or (-1, -1)))
    return [{"code": w.code, "message": w.message, "span": w.span} for w in issues]


def assemble(classified: Classified, outlined: Outlined, enriched: Enriched, path: str | None) -> ReportData:
    """Stage: everything found → the Report's data, keys in the order of the models' fields (the meta
    decided here, by ``meta.decide``)."""
    return Analysed(_from_lines(classified, outlined, enriched, path), outlined.roots).report()


def _from_lines(classified: Classified, outlined: Outlined, enriched: Enriched, path: str | None) -> ReportData:
    """Every part of the Report's data that reads the page's lines; the outline is left empty, in its place."""
    source, lay = classified.source, classified.layout
    decided = decide(lay, classified.evidence, source.text)
    body_starts = starts_of(lay.body)
    preamble = ""
    if lay.body:
        end = outlined.roots[0].start if outlined.roots else lay.body[-1].end
        preamble = slice_body(lay.body, body_starts, lay.body[0].start, end)
    signature: SignatureData | None = None
    if lay.signature:
        first, last = lay.signature[0], lay.signature[-1]
        signature = {"text": "\n".join(ln.stripped for ln in lay.signature),
                     "span": (first.content_start, last.content_end)}
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": generator(),
        "source": {**path_fields(path), "format": source.format, "encoding": source.encoding, "sha256": source.sha256,
                   "chars": len(source.text)},
        "meta": decided.meta,
        "text": stripped_text(lay.body),
        "preamble": preamble,
        "outline": [],
        "metrics": enriched.metrics,
        "references": enriched.references,
        "removed": [{"kind": s.kind, "rule": s.rule, "text": s.text, "span": s.span} for s in lay.removed],
        "signature": signature,
        "warnings": warnings_of(source, lay, outlined, enriched, decided),
    }


_paused = 0
_was_enabled = False
_paused_lock = threading.Lock()


@contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector while documents are analysed.

    A page builds tens of thousands of small objects that reference counting frees; the cyclic
    collector would rescan them over and over, which makes large pages superlinear (a 2N page
    took 2.6-2.8 times an N page) and costs about 30%. The first analysis to start pauses it,
    the last to finish switches it back on as it was."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def analyse_parts(source: src.Source, path: str | None = None, evidence: Evidence | None = None) -> Analysed:
    """Run every stage on decoded text; the Report's data but the outline's, and the outline's tree (the
    command line's JSON writer builds each node's data as it writes it)."""
    with _no_cycle_collector():
        classified = classify(source, evidence or Evidence())
        outlined = outline(classified)
        data = _from_lines(classified, outlined, enrich(classified, outlined), path)
        return Analysed(data, outlined.roots)  # the lines (a copy of the page's text) go here


def analyse_data(source: src.Source, path: str | None = None, evidence: Evidence | None = None) -> ReportData:
    """Run every stage on decoded text; the Report as plain data (dicts, lists, tuples)."""
    analysed = analyse_parts(source, path, evidence)
    with _no_cycle_collector():
        return analysed.report()


def analyse(source: src.Source, path: str | None = None, evidence: Evidence | None = None) -> Report:
    """Run every stage on decoded text; the Report's data validated into the public models."""
    from .models import Report

    return Report.model_validate(analyse_data(source, path, evidence))


def decode_bytes(data: bytes, name: str | None = None, encoding: str | None = None,
                 format: str | None = None) -> tuple[src.Source, Evidence]:
    """Stage: bytes → Source (HTML rendered to text; decoding's warnings in ``issues``) and what the page declares
    about itself."""
    src.check_binary(data)
    is_html = format == "html" or (format is None and src.looks_like_html(data, name))
    declared = src.declared_charset(data) if is_html and not encoding else None
    text, used, replaced = src.decode(data, encoding, declared)
    text = src.normalize_newlines(text)
    suspect = used if encoding and src.lost_chinese(data, text) else None
    if not is_html:
        issues = src.decoding_issues(text, replaced, suspect)
        return src.Source(text, used, src.sha256(data), "text", issues), Evidence()
    from .html import render

    page = render(text)
    said = {k.lower(): v for k, v in page.meta.items() if v}
    evidence = Evidence(page.title, said.get("articletitle"), said.get("sitename"), said.get("pubdate"),
                        said.get("contentsource"), said.get("author"))
    issues = src.decoding_issues(page.text, replaced, suspect, page.issues)
    return src.Source(page.text, used, src.sha256(data), "html", issues), evidence


def parse(text: str, *, path: str | None = None) -> Report:
    """Parse an already decoded plain-text page."""
    raw = text.encode("utf-8", "surrogatepass")
    clean, replaced = _SURROGATE.subn("\ufffd", src.normalize_newlines(text))
    return analyse(src.Source(clean, "utf-8", src.sha256(raw), "text", src.decoding_issues(clean, replaced)), path)


def _decoded(data: bytes, path: str | None, encoding: str | None, format: str | None,
             max_bytes: int | None) -> tuple[src.Source, Evidence]:
    """``decode_bytes``, after refusing bytes over ``max_bytes``."""
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"the input is {len(data):,} bytes, over the limit of {max_bytes:,}; raise --max-bytes")
    return decode_bytes(data, path, encoding, format)


def parse_bytes(data: bytes, *, path: str | None = None, encoding: str | None = None, format: str | None = None,
                max_bytes: int | None = DEFAULT_MAX_BYTES) -> Report:
    """Parse raw bytes: the encoding is detected (or forced), HTML is sniffed (or forced)."""
    source, evidence = _decoded(data, path, encoding, format, max_bytes)
    return analyse(source, path, evidence)


def parse_json(data: bytes, *, path: str | None = None, encoding: str | None = None, format: str | None = None,
               max_bytes: int | None = DEFAULT_MAX_BYTES, indent: int | None = None) -> bytes:
    """Parse raw bytes straight to the Report's JSON, UTF-8: the bytes of ``parse_bytes(…).model_dump_json(indent=…)``
    (with ``indent=2``, what ``govreport extract`` writes), without building the models. The faster, lighter route
    for a pipeline that stores JSON: each outline node's data is built as it is written, never all at once."""
    import io

    from .json_writer import json_pieces

    if indent is not None and indent < 0:
        raise ValueError(f"indent must be None or at least 0, not {indent}")
    source, evidence = _decoded(data, path, encoding, format, max_bytes)
    analysed = analyse_parts(source, path, evidence)
    del source
    pieces = json_pieces(analysed, indent, consume=True)
    del analysed  # held by the pieces alone now: each part of the Report is freed once written, as the JSON grows
    out = io.BytesIO()
    for piece in pieces:
        out.write(piece)
    return out.getvalue()


def read_input(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing directories, FIFOs, devices and oversized files with typed errors."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise UnreadableError("no such file; check the path") from None
    except OSError as exc:
        raise UnreadableError(f"cannot read it ({exc.strerror or exc}); check the path and permissions") from None
    import stat

    if stat.S_ISDIR(st.st_mode):
        raise UnreadableError("is a directory; pass the files in it, or the directory itself as an input")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableError("not a regular file (a FIFO, socket or device); skipped")
    if max_bytes is not None and st.st_size > max_bytes:
        raise TooLargeError(f"the file is {st.st_size:,} bytes, over the limit of {max_bytes:,}; raise --max-bytes")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes is not None else -1)
    except OSError as exc:
        raise UnreadableError(f"cannot read it ({exc.strerror or exc}); check the path and permissions") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"the file is over the limit of {max_bytes:,} bytes; raise --max-bytes")
    return data


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None, format: str | None = None,
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> Report:
    """Read and parse one file."""
    data = read_input(path, max_bytes)
    return parse_bytes(data, path=str(path), encoding=encoding, format=format, max_bytes=max_bytes)


def parse_record(path: str | os.PathLike[str], *, encoding: str | None = None, format: str | None = None,
                 max_bytes: int | None = DEFAULT_MAX_BYTES) -> ReportData | ErrorRecordData:
    """One file as a JSONL line of the command line holds it, as plain JSON data: the Report, or an
    error record ``{"source": {"path": …}, "error": {"code": …, "message": …}}`` when the input is bad.

    A plain, picklable function that never raises for bad input: the one to map over a corpus with
    Dask, multiprocessing or Spark."""
    import json

    from .json_writer import dumps

    name = str(path)
    try:
        data = read_input(path, max_bytes)
        source, evidence = decode_bytes(data, name, encoding, format)
        report = analyse_data(source, name, evidence)
    except GovreportError as exc:
        return error_record(name, exc.code, str(exc))
    except Exception as exc:  # too deep, out of memory, or govreport's own bug: a map over a corpus goes on
        return error_record(name, *unexpected(exc))
    result: ReportData = json.loads(dumps(report, None))  # JSON data: spans as lists
    return result


save_patterns()  # the first run on an interpreter keeps its compiled patterns for the next (pattern_cache.py)
