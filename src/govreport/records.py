"""Internal records passed between pipeline stages (frozen, slotted)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple


class Line(NamedTuple):
    """One line of the decoded text. ``start``/``end`` index the text; ``end`` excludes the newline.

    A named tuple rather than a frozen dataclass: documents have many lines, and a tuple is
    built about three times faster."""

    no: int
    start: int
    end: int
    text: str
    stripped: str = ""
    """The text without leading and trailing white space (NBSP and ideographic space included)."""
    content_start: int = 0
    """Offset of the first non-blank character (``end`` for a blank line)."""
    content_end: int = 0
    """Offset just after the last non-blank character (``end`` for a blank line)."""

    @classmethod
    def of(cls, no: int, start: int, text: str) -> Line:
        stripped = text.strip(WHITESPACE)
        end = start + len(text)
        if not stripped:
            return cls(no, start, end, text, "", end, end)
        lead = len(text) - len(text.lstrip(WHITESPACE))
        return cls(no, start, end, text, stripped, start + lead, start + lead + len(stripped))


@dataclass(frozen=True, slots=True)
class Issue:
    """A warning found by a stage: stable ``code``, one English sentence, optional span."""

    code: str
    message: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class DateFound:
    raw: str
    iso: str | None
    span: tuple[int, int]
    repaired: bool = False
    issue: Issue | None = None


@dataclass(frozen=True, slots=True)
class Stretch:
    """A removed stretch: ``kind`` says why (navigation, header, title, widget, footer …)."""

    kind: str
    span: tuple[int, int]
    text: str


@dataclass(slots=True)
class Fields:
    """Header fields in the order found: (label, value, span of the value)."""

    items: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)


# white space as portals use it: ASCII, NBSP, ideographic space, zero-width and BOM
WHITESPACE = (" \t\n\r\f\v\xa0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
              "\u200b\u202f\u205f\ufeff")


# In a long line, an indentation run (two ideographic spaces, or four NBSP/spaces) after text
# is where a scrape lost a paragraph break: ……工作。　　二、主要做法　　(一)……
_LOST_BREAK = re.compile("(?<=[^\\s\u3000\xa0])(?=\u3000\u3000|[\xa0 ]{4})")
LONG_LINE = 300


def split_lines(text: str) -> tuple[Line, ...]:
    """Split LF-normalised text into Lines with offsets.

    A line longer than ``LONG_LINE`` is also split where an indentation run follows text, so
    that pages scraped without line breaks still have paragraphs. Every Line keeps
    its exact span; no character is added or dropped."""
    lines: list[Line] = []
    start = 0
    for chunk in text.split("\n"):
        if len(chunk) > LONG_LINE and ("\u3000\u3000" in chunk or "\xa0" in chunk or "    " in chunk):
            cut = 0
            for found in _LOST_BREAK.finditer(chunk):
                lines.append(Line.of(len(lines), start + cut, chunk[cut:found.start()]))
                cut = found.start()
            lines.append(Line.of(len(lines), start + cut, chunk[cut:]))
        else:
            lines.append(Line.of(len(lines), start, chunk))
        start += len(chunk) + 1
    return tuple(lines)
