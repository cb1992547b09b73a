"""Spans to markup: elements over a text by ``[start, end)`` spans, properly nested whatever the
spans do.

Spans of a Report nest (a metric in an item in a heading) and sometimes cross (a warning that
starts inside a node and ends after it, a removed header line holding a date). HTML needs
elements that nest, so an element whose span crosses another is split into fragments: the first
fragment carries the element's own attributes (``data-kind``, ``id`` …), every later fragment
only its continuation attributes (its class, ``data-of``). Counting ``data-kind`` therefore
counts elements, one per span, and the fragments of each element cover its span exactly.

The algorithm keeps the stack of open elements ordered by end, outermost (latest end) at the
bottom, so that at any position the elements ending there are on top and close cleanly. An
element opening at a position closes the open elements that end before it does (they cross
it), opens, and reopens them inside itself as continuations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """An element over ``text[start:end]``; ``rank`` orders elements of one span, outer first."""

    start: int
    end: int
    rank: int
    attrs: Attrs
    cont: Attrs = ()
    """Attributes of each fragment after the first (when the element has to be split)."""
    tag: str = "span"


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "\0": "\ufffd"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                       "\r": "&#13;", "\n": "&#10;", "\0": "\ufffd"})


def escape_text(text: str) -> str:
    """Text as HTML character data: markup characters escaped, a carriage return kept as one
    (the parser would turn it into a line feed). NUL, which HTML cannot hold, becomes U+FFFD."""
    return text.translate(_TEXT)


def escape_attr(value: str) -> str:
    return value.translate(_ATTR)


def start_tag(tag: str, attrs: Attrs) -> str:
    return "<" + tag + "".join(f' {name}="{escape_attr(value)}"' for name, value in attrs) + ">"


def markup(text: str, marks: Sequence[Mark]) -> Iterator[str]:
    """``text`` escaped, with every mark as an element over its span, properly nested.

    Spans are clamped to the text; an empty span gives an empty element where it stands. The
    pieces are yielded as they are made, so a long page is never held as one string."""
    size = len(text)
    spans = [(min(max(m.start, 0), size), 0) for m in marks]
    spans = [(s, min(max(m.end, s), size)) for (s, _), m in zip(spans, marks, strict=True)]
    order = sorted(range(len(marks)), key=lambda i: (spans[i][0], -spans[i][1], marks[i].rank, i))
    stack: list[int] = []  # indexes of open marks; their ends never increase from bottom to top
    pos = 0
    k = 0
    while k < len(order) or stack:
        # the next position where something opens or closes
        nxt = spans[order[k]][0] if k < len(order) else size
        if stack:
            nxt = min(nxt, spans[stack[-1]][1])
        if nxt > pos:
            yield escape_text(text[pos:nxt])
            pos = nxt
        while stack and spans[stack[-1]][1] == pos:
            yield f"</{marks[stack.pop()].tag}>"
        while k < len(order) and spans[order[k]][0] == pos:
            i = order[k]
            k += 1
            mark = marks[i]
            end = spans[i][1]
            if end == pos:  # an empty span: an empty element, inside what is open here
                yield start_tag(mark.tag, mark.attrs) + f"</{mark.tag}>"
                continue
            crossed: list[int] = []
            while stack and spans[stack[-1]][1] < end:
                j = stack.pop()
                crossed.append(j)
                yield f"</{marks[j].tag}>"
            yield start_tag(mark.tag, mark.attrs)
            stack.append(i)
            for j in reversed(crossed):
                yield start_tag(marks[j].tag, marks[j].cont)
                stack.append(j)
    if pos < size:
        yield escape_text(text[pos:])
