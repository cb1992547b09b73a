"""Documents cited by title in 《》."""

from __future__ import annotations

from collections.abc import Sequence

from .pattern_cache import compiled
from .records import Line

_CITED = compiled(r"《(?P<title>[^《》\n]{1,200}+)》")
_OPEN_AT_END = compiled(r"《(?P<head>[^《》\n]{0,200}+)$")
_CLOSE_AT_START = compiled(r"^(?P<tail>[^《》\n]{0,200}+)》")
TITLE_MAX = 200
"""The longest title read inside 《》."""


def references_in(text: str, body: Sequence[Line]) -> list[tuple[str, tuple[int, int]]]:
    """(title, span) of each 《…》 in the body's lines, in order; a title that a hard-wrapped scrape broke across
    two adjacent lines (……根据《 / 中华人民共和国政府信息公开条例》) is read whole, its title without the break.
    Spans index ``text``."""
    out: list[tuple[str, tuple[int, int]]] = []
    carried: tuple[str, int] | None = None  # the head of a title left open at the end of the line before
    for i, line in enumerate(body):
        skip = 0
        if carried is not None:
            closing = _CLOSE_AT_START.match(line.text)
            title = _joined(carried[0], closing.group("tail")) if closing else ""
            if closing is not None and 0 < len(title) <= TITLE_MAX:
                out.append((title, (carried[1], line.start + closing.end())))
                skip = closing.end()
            carried = None
        out.extend((m.group("title"), (line.start + m.start(), line.start + m.end()))
                   for m in _CITED.finditer(line.text, skip))
        following = body[i + 1] if i + 1 < len(body) else None
        opened = _OPEN_AT_END.search(line.text, skip)
        if opened is not None and following is not None and not text[line.end:following.start].strip():
            carried = (opened.group("head"), line.start + opened.start())
    return out


def _joined(head: str, tail: str) -> str:
    """The two parts of a title broken across lines, the break dropped (one space kept between two Latin
    words: 基于OPC / UA的 → 基于OPC UA的)."""
    head, tail = head.strip(), tail.strip()
    space = " " if head[-1:].isascii() and head[-1:].isalnum() and tail[:1].isascii() and tail[:1].isalnum() else ""
    return head + space + tail
