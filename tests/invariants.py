"""Checks every Report must pass: spans slice back, trees nest, nothing is lost."""

from __future__ import annotations

from govreport.models import Node, Report
from govreport.records import WHITESPACE


def shape(report: Report) -> list[tuple[str, int, str, str]]:
    """(id, level, marker, title) of every node in document order: the outline to compare."""
    return [(n.id, n.level, n.marker, n.title) for n in _nodes(report.outline)]


def _nodes(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        out.extend(_nodes(n.children))
    return out


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch not in WHITESPACE)


def check_spans(report: Report, source: str) -> None:
    for n in _nodes(report.outline):
        a, b = n.span
        assert 0 <= a <= b <= len(source)
        assert source[a:a + len(n.marker)] == n.marker, (n.id, n.marker)
        assert source[n.title_span[0]:n.title_span[1]] == n.title
        inside, at = source[a:b], 0
        for piece in n.text.split("\n"):  # its own text lies inside its span, in order
            found = inside.find(piece, at)
            assert found >= 0, (n.id, piece)
            at = found + len(piece)
        for c in n.children:
            assert a <= c.span[0] <= c.span[1] <= b, (n.id, c.id)
        for x, y in zip(n.children, n.children[1:], strict=False):
            assert x.span[1] <= y.span[0]
    for m in report.metrics:
        assert source[m.span[0]:m.span[1]] == m.raw
    for r in report.references:
        cited = source[r.span[0]:r.span[1]]
        if "\n" in cited:  # a title a hard-wrapped page broke across two lines: the title drops the break only
            head, tail = cited.split("\n", 1)
            assert "\n" not in tail and "".join(r.title.split()) == "".join((head + tail).strip("《》").split())
        else:
            assert cited == f"《{r.title}》"
    for s in report.removed:
        assert source[s.span[0]:s.span[1]] == s.text
    for d in (report.meta.published, report.meta.signed):
        if d is not None:
            assert source[d.span[0]:d.span[1]] == d.raw
    for w in report.warnings:
        if w.span is not None:
            assert 0 <= w.span[0] <= w.span[1] <= len(source)


def check_ids(report: Report) -> None:
    ids = [n.id for n in _nodes(report.outline)]
    assert len(ids) == len(set(ids))
    for n in _nodes(report.outline):
        for i, c in enumerate(n.children, 1):
            assert c.id == f"{n.id}.{i}" and c.level == n.level + 1


def check_nothing_lost(report: Report, source: str) -> None:
    """Body, removed stretches and the signature block cover every non-blank character once."""
    covered = bytearray(len(source))
    spans = [s.span for s in report.removed]
    if report.signature is not None:
        spans.append(report.signature.span)
    for a, b in spans:
        for i in range(a, b):
            assert not covered[i], f"character {i} is in two removed stretches"
            covered[i] = 1
    rest = "".join(ch for i, ch in enumerate(source) if not covered[i])
    assert _squash(rest) == _squash(report.text)
    parts = [report.preamble] + [n.text for n in _nodes(report.outline)]
    assert _squash("".join(parts)) == _squash(report.text)
    if report.signature is not None:
        a, b = report.signature.span
        assert _squash(source[a:b]) == _squash(report.signature.text)


def check_all(report: Report, source: str) -> None:
    assert report.source.chars == len(source)
    check_spans(report, source)
    check_ids(report)
    check_nothing_lost(report, source)
