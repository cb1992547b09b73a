"""An outline node as the pipeline keeps it: a light record of offsets into the page, with its marker's
fields copied in (no ``Marker`` is kept once the tree is built), its title and text read from the body
when asked for, so that a page where every line is a heading holds no copy of its text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .marker_candidates import INFERRED, WEAK
from .records import WHITESPACE, Line

if TYPE_CHECKING:
    from .report_data import NodeKind


class NodePage(NamedTuple):
    """What every node of a page's outline reads its text from: the body and where each of its lines starts."""

    body: Sequence[Line]
    starts: Sequence[int]


@dataclass(frozen=True, slots=True, eq=False)
class OutlineNode:
    """A heading or an inline item: its marker's fields, its place in the tree and offsets counted from its
    marker's start."""

    start: int  # where its marker starts
    style: str  # the marker's style (``rules.markers``)
    kind: NodeKind  # "heading" or "item"
    marker: str  # the marker as written ("" when inferred)
    number: int
    flags: int  # the marker's flags (``marker_candidates``: WEAK, INFERRED …)
    title: str
    title_at: int  # where the title starts, counted from ``start``
    level: int
    parent_id: str  # the parent's id and a dot ("" for a root), one string its siblings share
    index: int  # its place among its siblings, from 1
    end_at: int  # end of its last content, its children's included, counted from ``start``
    own_end_at: int  # end of its own text (where its first child starts, else ``end``), counted from ``start``
    children: tuple[OutlineNode, ...]
    page: NodePage

    @property
    def weak(self) -> bool:
        return bool(self.flags & WEAK)

    @property
    def inferred(self) -> bool:
        return bool(self.flags & INFERRED)

    @property
    def id(self) -> str:  # its path of places from the root: 1, 1.2, 1.2.3 …
        return f"{self.parent_id}{self.index}"

    @property
    def end(self) -> int:
        return self.start + self.end_at

    @property
    def own_end(self) -> int:
        return self.start + self.own_end_at

    @property
    def title_span(self) -> tuple[int, int]:
        start = self.start + self.title_at
        return start, start + len(self.title)

    @property
    def text(self) -> str:  # the node's own text, one paragraph per line
        return slice_body(self.page.body, self.page.starts, self.start, self.own_end)


def slice_body(body: Sequence[Line], starts: Sequence[int], lo: int, hi: int) -> str:
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
