"""Marker candidates: where an outline marker could stand in the body.

Every style of ``rules/markers.py`` is scanned at once, with one combined pattern per position: at a
paragraph's start (``line_start_candidate``), inside a paragraph after a clause end or glued to its
heading (``candidates``: 一是……二是……), and a ``joined`` style's heading whose paragraph break the page
lost (``joined_candidates``). A candidate is never the middle of a number, a citation (第三条第(一)项) or
inside a cited 《title》; whether it is a marker is the page's numbering's to decide (``markers.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from sys import intern
from typing import TYPE_CHECKING, NamedTuple

from .pattern_cache import compiled
from .records import WHITESPACE, Line
from .rules.lines import ATTACHMENT_LIST
from .rules.markers import (
    BY_ID,
    CLAUSE_END,
    DECIMAL_BARE,
    DECIMAL_BARE_STYLE,
    GLYPH_VALUES,
    HEADING_STOPS,
    INLINE_OPENS,
    JOINED_OPENS,
    MARKDOWN_LEAD,
    STYLES,
    MarkerStyle,
)
from .rules.numerals import CN_MARKER, to_int
from .rules.punct import PROSE, SENTENCE_OR_COLON

if TYPE_CHECKING:
    from .report_data import NodeKind

_NUMBER_CHARS = "0123456789０１２３４５６７８９" + CN_MARKER


def _combine(patterns: list[str], prefix: str, first: str = "") -> tuple[re.Pattern[str], list[list[str]]]:
    """One stdlib pattern with an alternative per style (group ``{prefix}{i}``); the
    numeral groups ``n`` of alternative i are renamed ``n{i}_{k}`` (re wants unique names).
    ``first``, the characters a marker can start with, lets a scan skip prose quickly."""
    parts, numerals = [], []
    for i, pattern in enumerate(patterns):
        names: list[str] = []

        def rename(_: re.Match[str], i: int = i, names: list[str] = names) -> str:
            names.append(f"n{i}_{len(names)}")
            return f"(?P<{names[-1]}>"

        parts.append(f"(?P<{prefix}{i}>{re.sub(r'[(][?]P<n>', rename, pattern)})")
        numerals.append(names)
    guard = f"(?=[{first}])" if first else ""
    return compiled(guard + "(?:" + "|".join(parts) + ")"), numerals


_HEAD, _HEAD_NUMERALS = _combine([s.heading for s in STYLES], "h")
_INLINE_STYLES: tuple[MarkerStyle, ...] = tuple(s for s in STYLES if s.inline is not None)
_INLINE, _INLINE_NUMERALS = _combine([s.inline_pattern or "" for s in _INLINE_STYLES], "i", INLINE_OPENS)
_GLUED_RUN: tuple[MarkerStyle, ...] = tuple(s for s in STYLES if s.glued_run)
_JOINED_STYLES: tuple[MarkerStyle, ...] = tuple(s for s in STYLES if s.joined)
_JOINED, _JOINED_NUMERALS = _combine([s.heading for s in _JOINED_STYLES], "j", JOINED_OPENS)
_NOT_AFTER_ANY = "".join(dict.fromkeys("".join(s.not_after for s in STYLES)))
"""Characters that make any inline marker after them a word or a citation (统一是, 第(一)项)."""
_NOT_BEFORE_JOINED = _NOT_AFTER_ANY + "（("
"""Characters no joined heading stands right after: those of ``_NOT_AFTER_ANY``, and an opening bracket (the 1)
after it is the inside of a paragraph's own (1))."""
DOTS = compiled(r"[.．]")
_MARKDOWN = compiled(MARKDOWN_LEAD)
_DECIMAL_BARE = compiled(DECIMAL_BARE)
_BARE_TITLE_MAX = 30


def table_row(text: str) -> bool:
    """A flattened table row holds a cell separator (第二十条第(一)项 |, 规章 | 0 | 0 |, ||)."""
    return "|" in text or "｜" in text


SENTENCE = compiled(f"[{HEADING_STOPS}]")
TRAILING = WHITESPACE + PROSE + "、…—-"


WEAK, RESTART, INFERRED, NESTED = 1, 2, 4, 8
"""The bits of ``Marker.flags``."""


class Marker(NamedTuple):
    """An outline marker found in the body (its ``marker`` string interned: a page holds each spelling once;
    its end and flags read from its start and one small int, so that a page of headings holds less)."""

    style: str
    kind: NodeKind
    """``heading`` (starts a paragraph) or ``item`` (inside a paragraph)."""
    number: int
    marker: str
    start: int
    body_line: int
    """Index of the paragraph (body line) it stands in."""
    flags: int = 0
    """WEAK | RESTART | INFERRED | NESTED, read as the properties of those names."""

    @property
    def end(self) -> int:
        return self.start + len(self.marker)

    @property
    def weak(self) -> bool:
        return bool(self.flags & WEAK)

    @property
    def restart(self) -> bool:
        """An attachment list (附件：1. …): numbering starts again at level 1."""
        return bool(self.flags & RESTART)

    @property
    def inferred(self) -> bool:
        """Recovered from its siblings: the source lost it (``marker`` is "")."""
        return bool(self.flags & INFERRED)

    @property
    def nested(self) -> bool:
        """A member of a list that restarts under an item of the same style (1. 组织领导 / 1. … 2. … / 2. 制度建设):
        a level of its own below that item."""
        return bool(self.flags & NESTED)

    @property
    def key(self) -> str:
        """The style as the outline stacks it: each depth of 1.2.3 numbering is its own level, and a list
        nested in an item of its own style is a level below it."""
        if BY_ID[self.style].per_depth:
            return f"{self.style}:{self.marker.count('.') + self.marker.count('．')}"
        return self.style + "^" if self.flags & NESTED else self.style


def marked_paragraphs(markers: Iterable[Marker], paragraphs: int) -> bytearray:
    """A flag for each of ``paragraphs`` body lines: whether one of ``markers`` stands in it (a bytearray, not a
    set of a page's every index)."""
    flags = bytearray(paragraphs)
    for m in markers:
        flags[m.body_line] = 1
    return flags


def _number(match: re.Match[str], names: list[str]) -> int | None:
    captured = next((c for c in map(match.group, names) if c), None)
    if captured in GLYPH_VALUES:
        return GLYPH_VALUES[captured]
    try:
        return to_int(DOTS.split(captured)[-1]) if captured else None
    except ValueError:
        return None


def line_start_candidate(line: Line, body_line: int) -> Marker | None:
    pos = _MARKDOWN.match(line.text, line.content_start - line.start).end()  # type: ignore[union-attr]
    listing = ATTACHMENT_LIST.match(line.text, pos)
    if listing is not None:
        pos = listing.end()
    match = _HEAD.match(line.text, pos)
    if match is None or match.lastgroup is None:
        return _bare_decimal(line, body_line, pos) if listing is None else None
    which = int(match.lastgroup[1:])
    style = STYLES[which]
    number = _number(match, _HEAD_NUMERALS[which])
    if number is None or number == 0:
        return None
    return Marker(style.id, "heading", number, intern(match.group(0)), line.start + match.start(), body_line,
                  (WEAK if style.weak and listing is None else 0) | (RESTART if listing is not None else 0))


def _bare_decimal(line: Line, body_line: int, pos: int) -> Marker | None:
    """A bare 1 总则 heading alone on its line (only kept when its 1.1 follows: ``_keep_bare``)."""
    match = _DECIMAL_BARE.match(line.text, pos)
    if match is None:
        return None
    rest = line.text[match.end():].strip(WHITESPACE)
    if len(rest) > _BARE_TITLE_MAX or SENTENCE.search(rest) or "，" in rest or "," in rest:
        return None
    number = to_int(match.group("n"))
    if not number:
        return None
    marker = intern(match.group("n"))
    return Marker(DECIMAL_BARE_STYLE, "heading", number, marker, line.start + match.start(), body_line)


def _positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text``, found by ``str.find`` (no Python step per character)."""
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


class _LineContext:
    """What inline checks need to know about one paragraph, computed once (linear in its length)."""

    def __init__(self, text: str, head_end: int | None) -> None:
        self.opens = _positions(text, "《")
        self.closes = _positions(text, "》")
        self.first_stop = len(text)  # the first sentence end after a line-start heading
        if head_end is not None:
            found = SENTENCE.search(text, head_end)
            self.first_stop = found.start() if found else len(text)

    def in_title(self, at: int) -> bool:
        last_open = bisect_left(self.opens, at) - 1
        last_close = bisect_left(self.closes, at) - 1
        return last_open >= 0 and (last_close < 0 or self.closes[last_close] < self.opens[last_open])


def _previous(text: str, at: int) -> str:
    """The character before ``at``, skipping spaces ("" at the paragraph start)."""
    i = at - 1
    while i >= 0 and text[i] in " \t\xa0\u3000":
        i -= 1
    return text[i] if i >= 0 else ""


def _inline_ok(text: str, at: int, style: MarkerStyle, number: int, head: Marker | None, context: _LineContext) -> bool:
    if context.in_title(at):  # inside a cited 《title》
        return False
    prev = _previous(text, at)
    if style.not_after and text[at - 1:at] in style.not_after:  # 统一是, 第三条第(一)项
        return False
    if style.after_stop:  # 依據：一、……。二、……: after a colon or sentence end
        return not prev or prev in SENTENCE_OR_COLON
    if not prev or prev in CLAUSE_END:
        return True
    # a run glued to its heading without punctuation: (二)完善制度体系一是加强……; of any style when its
    # second item follows in the paragraph, the break a scrape lost: 一、总体要求（一）指导思想。……（二）……
    return head is not None and number == 1 and at < context.first_stop \
        and (style.glued_first or _second_follows(text, at, style))


def _second_follows(text: str, at: int, style: MarkerStyle) -> bool:
    """Whether the next marker of ``style`` after the one at ``at`` in ``text`` is its number 2."""
    for match in _INLINE.finditer(text, at + 1):
        which = int(match.lastgroup[1:]) if match.lastgroup else 0
        if _INLINE_STYLES[which] is style:
            return _number(match, _INLINE_NUMERALS[which]) == 2
    return False


def candidates(body: Sequence[Line]) -> list[Marker]:
    found: list[Marker] = []
    for body_line, line in enumerate(body):
        if table_row(line.stripped):  # a table flattened to |-separated cells is never outline
            continue
        head = line_start_candidate(line, body_line)
        if head is not None:
            found.append(head)
        text = line.text
        pos = head.end - line.start if head else line.content_start - line.start
        context: _LineContext | None = None
        run_no = {s.id: head.number if head is not None and head.style == s.id and not s.weak else 0
                  for s in _GLUED_RUN}
        # the last 一是 / 一、 number accepted in this paragraph: 二是 / 九、 glued to the sentence before continue it
        for match in _INLINE.finditer(text, pos):
            which = int(match.lastgroup[1:]) if match.lastgroup else 0
            style = _INLINE_STYLES[which]
            number = _number(match, _INLINE_NUMERALS[which])
            if number is None or number == 0:
                continue
            if match.start() == line.content_start - line.start:
                continue
            if context is None:
                context = _LineContext(text, head.end - line.start if head else None)
            ok = _inline_ok(text, match.start(), style, number, head, context)
            last_no = run_no.get(style.id, 0)
            if not ok and last_no and number == last_no + 1 and not context.in_title(match.start()) \
                    and text[match.start() - 1:match.start()] not in _NOT_AFTER_ANY:
                ok = True  # glued to the end of the sentence before it: ……清理工作二是建立健全……, ……快篩九、
            if ok:
                if style.id in run_no:
                    run_no[style.id] = number
                found.append(Marker(style.id, "item", number, intern(match.group(0)), line.start + match.start(),
                                    body_line, WEAK))
    return found


def joined_candidates(body: Sequence[Line], styles: Collection[str]) -> list[tuple[Marker, bool]]:
    """Headings of a ``joined`` style inside a paragraph, each with whether a sentence end stands before it
    (……执行。四、……); never the middle of a number (十二、, 12.), a citation (第(一)项) or a 《title》. Only
    ``styles`` are kept: a style no paragraph opens with has no run to join."""
    found: list[tuple[Marker, bool]] = []
    for body_line, line in enumerate(body):
        text = line.text
        if table_row(line.stripped):
            continue
        context: _LineContext | None = None
        for match in _JOINED.finditer(text, line.content_start - line.start + 1):
            at = match.start()
            before = text[at - 1]
            prev = _previous(text, at)
            if not prev or before in _NUMBER_CHARS or (before.isascii() and before.isalnum()) \
                    or before in _NOT_BEFORE_JOINED:
                continue
            which = int(match.lastgroup[1:]) if match.lastgroup else 0
            if _JOINED_STYLES[which].id not in styles:
                continue
            number = _number(match, _JOINED_NUMERALS[which])
            if not number:
                continue
            context = context or _LineContext(text, None)
            if context.in_title(at):
                continue
            found.append((Marker(_JOINED_STYLES[which].id, "heading", number, intern(match.group(0)), line.start + at,
                                 body_line), prev in HEADING_STOPS))
    return found

