"""The outline tree: levels from the order in which styles open inside each branch.

A style already open in the current branch closes everything below it and starts a
sibling; a new style opens a level below the current one. GB/T 9704 order
(第一部分 > 第一章 > 第一节 > 第一条 > 一、 > (一) > 1. > (1) > ①) breaks ties when a
numbered run does not start at 1.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from .markers import Marker, inferred_title, title_below, title_of
from .records import WHITESPACE, Issue, Line
from .rules.markers import STYLE_ORDER


@dataclass(slots=True)
class OutlineNode:
    marker: Marker
    title: str
    title_span: tuple[int, int]
    level: int = 1
    id: str = ""
    start: int = 0
    end: int = 0
    own_end: int = 0
    text: str = ""
    children: list[OutlineNode] = field(default_factory=list)


def _place(stack: list[OutlineNode], node: OutlineNode, issues: list[Issue], articles: list[int]) -> None:
    m = node.marker
    if m.style == "article":
        # articles are numbered through the whole document, across chapters and sections
        if articles and m.number != articles[-1] + 1:
            issues.append(Issue("numbering-gap", f"Article {m.marker!r} follows article {articles[-1]}.",
                                (m.start, m.end)))
        articles.append(m.number)
    styles = [n.marker.key for n in stack]
    if m.kind == "heading" and m.key not in styles:
        while stack and stack[-1].marker.kind == "item":
            stack.pop()
        styles = [n.marker.key for n in stack]
    if m.key in styles:
        at = styles.index(m.key)
        prev = stack[at]
        del stack[at:]
        expected = prev.marker.number + 1
        if m.number != expected and not (m.number == 1 and m.kind == "item") and m.style != "article":
            what = "restarts at" if m.number <= prev.marker.number else "skips to"
            issues.append(Issue("numbering-gap", f"Numbering {what} {m.marker!r} after {prev.marker.marker!r}.",
                                (m.start, m.end)))
    elif m.number != 1:
        order = STYLE_ORDER[m.style]
        while stack and STYLE_ORDER[stack[-1].marker.style] >= order and stack[-1].marker.kind == "heading":
            stack.pop()
        if m.style != "article":
                issues.append(Issue("numbering-gap", f"Numbered run starts at {m.marker!r} instead of 1.",
                                (m.start, m.end)))
    node.level = len(stack) + 1
    if stack:
        stack[-1].children.append(node)
    stack.append(node)


def _assign(nodes: list[OutlineNode], prefix: str) -> None:
    for i, node in enumerate(nodes, 1):
        node.id = f"{prefix}{i}"
        _assign(node.children, node.id + ".")


def _ends(nodes: list[OutlineNode], end: int, body: Sequence[Line], starts: list[int]) -> None:
    for i, node in enumerate(nodes):
        bound = nodes[i + 1].start if i + 1 < len(nodes) else end
        node.end = _content_end(body, starts, node.start, bound)
        _ends(node.children, bound, body, starts)
        node.own_end = node.children[0].start if node.children else node.end
        node.text = slice_body(body, starts, node.start, node.own_end)


def _content_end(body: Sequence[Line], starts: list[int], lo: int, hi: int) -> int:
    """End of the last body content in [lo, hi) (``lo`` when there is none)."""
    i = bisect_left(starts, hi) - 1
    while i >= 0 and body[i].end > lo:
        line = body[i]
        a, b = max(lo, line.start), min(hi, line.end)
        piece = line.text[a - line.start: b - line.start].rstrip(WHITESPACE)
        if piece:
            return a + len(piece)
        i -= 1
    return lo


def slice_body(body: Sequence[Line], starts: list[int], lo: int, hi: int) -> str:
    """Body text in [lo, hi), one paragraph per line, paragraphs trimmed."""
    parts = []
    i = max(bisect_right(starts, lo) - 1, 0)
    while i < len(body) and body[i].start < hi:
        line = body[i]
        a, b = max(lo, line.start), min(hi, line.end)
        if a < b:
            piece = line.text[a - line.start: b - line.start].strip(WHITESPACE)
            if piece:
                parts.append(piece)
        i += 1
    return "\n".join(parts)


def build(markers: list[Marker], body: Sequence[Line],
          restarts: Sequence[int]) -> tuple[list[OutlineNode], list[Issue]]:
    """The tree of accepted markers. ``restarts`` are offsets where numbering starts afresh (附件)."""
    issues: list[Issue] = []
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    articles: list[int] = []
    pending = sorted(restarts)
    for i, m in enumerate(markers):
        while pending and pending[0] <= m.start:
            pending.pop(0)
            stack.clear()
        if m.restart:
            stack.clear()
        nxt = markers[i + 1].start if i + 1 < len(markers) and markers[i + 1].para == m.para else None
        title, tspan = title_of(m, body[m.para], nxt)
        if m.inferred:  # no heading words were marked off: the paragraph's lead clause
            title, tspan = inferred_title(body[m.para])
        elif not title and m.kind == "heading" and nxt is None:
            title, tspan = title_below(m, body, markers[i + 1] if i + 1 < len(markers) else None) or (title, tspan)
        node = OutlineNode(m, title, tspan, start=m.start)
        _place(stack, node, issues, articles)
        if node.level == 1:
            roots.append(node)
    _assign(roots, "")
    if body:
        starts = [ln.start for ln in body]
        _ends(roots, body[-1].end, body, starts)
    return roots, issues
