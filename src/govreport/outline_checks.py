"""What placing the outline noticed: heading lines no node starts at, and runs of headings that come again
(a table of contents read as outline)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .marker_candidates import Marker, marked_paragraphs, table_row
from .markers import table_cells
from .outline_node import OutlineNode
from .pattern_cache import compiled
from .records import Issue, Line
from .rules.markers import STRONG_HEAD
from .rules.punct import SENTENCE_END

UNPLACED_MAX = 60
"""The longest line an unplaced heading warning is raised for (a longer one is a paragraph)."""
_STRONG = compiled(STRONG_HEAD)


def unplaced(body: Sequence[Line], markers: Sequence[Marker], skip: Collection[int] = (),
             cited: Collection[int] = ()) -> list[Issue]:
    """Short body lines that open with a strong heading marker where no node starts: a citation a line
    starts with, or a heading the numbering did not place. ``skip``: line offsets that are never outline;
    ``cited``: paragraphs (indices) whose marker the page's own numbering shows to be a citation (第十五條所稱…
    among 第 N 條 headings, a step back in a run of articles): the message says so."""
    placed = marked_paragraphs((m for m in markers if m.kind == "heading"), len(body))
    cells = table_cells(body)  # the rows of a table (（一）予以公开 over its numbers) are not warned of
    issues = []
    for i, line in enumerate(body):
        text = line.stripped
        if placed[i] or cells[i] or line.start in skip or len(text) > UNPLACED_MAX or table_row(text):
            continue
        found = _STRONG.match(text)
        if found is not None:
            why = (": the page's own numbering reads it as a citation" if i in cited else "")
            issues.append(Issue("heading-unplaced", f"This line opens with the heading marker {found.group(0)!r} "
                                f"but is no outline node{why}.", (line.content_start, line.content_end)))
    return issues


TOC_RUN = 3


_SENTENCE_END = compiled(f"[{SENTENCE_END}]")


def _parent_key(node: OutlineNode, roots: Sequence[OutlineNode]) -> tuple[str, str] | None:
    """The marker and title of the node's parent, found by its id (1.2.: the first root's second child), None
    for a root."""
    path = node.parent_id.split(".")[:-1]
    if not path:
        return None
    parent = roots[int(path[0]) - 1]
    for k in path[1:]:
        parent = parent.children[int(k) - 1]
    return parent.marker, parent.title


def _toc_like(first: Sequence[OutlineNode], again: Sequence[OutlineNode], roots: Sequence[OutlineNode]) -> bool:
    """Whether a repeated run of headings reads as a table of contents (or one list twice): its first
    entries are bare headings (no sentence of their own), or both runs stand under the same heading. A list
    of clauses two articles share (一、放火者。二、強制性交者。 under 第 33 條 and again under 第 50 條) is not."""
    if not any(_SENTENCE_END.search(n.text) for n in first):
        return True
    return _parent_key(first[0], roots) == _parent_key(again[0], roots)


def toc_suspects(flat: Sequence[OutlineNode], roots: Sequence[OutlineNode]) -> list[Issue]:
    """A run of at least TOC_RUN headings (marker and title) that comes again later in the outline, one
    warning per run, spanning its first occurrence: a table of contents read as outline, or a list a
    page repeats."""
    heads = [n for n in flat if n.kind == "heading" and n.marker and not n.weak]
    distinct: dict[tuple[str, str], tuple[str, str]] = {}  # a page of one heading again and again holds it once
    keys = [distinct.setdefault(key, key) for key in ((n.marker, n.title) for n in heads)]
    first: dict[tuple[tuple[str, str], ...], int] = {}
    warned: set[int] = set()
    issues = []
    i = 0
    while i + TOC_RUN <= len(keys):
        seen = first.setdefault(tuple(keys[i:i + TOC_RUN]), i)
        if seen == i or i < seen + TOC_RUN:
            i += 1
            continue
        length = TOC_RUN
        while i + length < len(keys) and seen + length < i and keys[seen + length] == keys[i + length]:
            length += 1
        i += length
        if seen in warned:  # the same run a third time: warned of once
            continue
        warned.add(seen)
        a, b = heads[seen], heads[seen + length - 1]
        toc = _toc_like(heads[seen:seen + length], heads[i - length:i], roots)
        what = (": a table of contents kept as outline?" if toc
                else " under another heading, each entry with a sentence of its own: a list two sections share?")
        issues.append(Issue("toc-suspect", f"The headings {a.marker!r}…{b.marker!r} come again later "
                            f"in the outline{what}", (a.start, b.title_span[1])))
    return issues
