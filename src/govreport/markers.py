"""Marker detection: where each outline marker stands in the body, and whether it is real.

``find_markers(paragraphs)`` returns accepted Markers in document order. Candidates
come from the style table in ``rules/markers.py``; weak and inline candidates are kept
only as part of a run that has its 1 and 2 (一是……二是……), and never after a
character that makes them a word (统一是) or a citation (第三条第(一)项).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .records import WHITESPACE, Line
from .rules.markers import CITE_PREFIX, CLAUSE_END, SENTENCE_END, SHI_FALSE_PREFIX, STYLES, Style
from .rules.numerals import to_int

_HEAD = regex.compile(
    "|".join(f"(?P<h{i}>{s.head})" for i, s in enumerate(STYLES)), regex.V0)
_INLINE_STYLES: tuple[Style, ...] = tuple(s for s in STYLES if s.inline)
_INLINE = regex.compile(
    "|".join(f"(?P<i{i}>{s.inline})" for i, s in enumerate(_INLINE_STYLES)), regex.V0)
_ATTACHMENT_LIST = regex.compile(r"(?:附件|附表|附件清单)\s*+[:：]\s*+")
_DOTS = regex.compile(r"[.．]")
_SENTENCE = regex.compile(f"[{regex.escape(SENTENCE_END)}]")
_TRAILING = WHITESPACE + "，,、。；;：:！？!?…—-"


@dataclass(frozen=True, slots=True)
class Marker:
    """An outline marker found in the body."""

    style: str
    kind: str
    """``heading`` (starts a paragraph) or ``item`` (inside a paragraph)."""
    number: int
    marker: str
    start: int
    end: int
    para: int
    """Index of the paragraph (body line) it stands in."""
    weak: bool = False
    restart: bool = False
    """An attachment list (附件：1. …): numbering starts again at level 1."""

    @property
    def key(self) -> str:
        """The style as the outline stacks it: each depth of 1.2.3 numbering is its own level."""
        if self.style == "decimal":
            return f"decimal:{self.marker.count('.') + self.marker.count('．')}"
        return self.style


def _number(match: regex.Match[str]) -> int | None:
    captures = [c for c in match.captures("n") if c]
    try:
        return to_int(_DOTS.split(captures[-1])[-1]) if captures else None
    except ValueError:
        return None


def _which(match: regex.Match[str], prefix: str, count: int) -> int:
    """Index of the alternative (named prefix+i) that matched."""
    for i in range(count):
        if match.start(f"{prefix}{i}") != -1:
            return i
    raise AssertionError("a combined marker pattern matched without an alternative")


def _head_candidate(line: Line, para: int) -> Marker | None:
    pos = line.content_start - line.start
    listing = _ATTACHMENT_LIST.match(line.text, pos)
    if listing is not None:
        pos = listing.end()
    match = _HEAD.match(line.text, pos)
    if match is None:
        return None
    style = STYLES[_which(match, "h", len(STYLES))]
    number = _number(match)
    if number is None or number == 0:
        return None
    return Marker(style.id, "heading", number, match.group(0), line.start + match.start(),
                  line.start + match.end(), para, style.weak and listing is None, listing is not None)


def _inline_ok(text: str, at: int, style: str, number: int, head: Marker | None, line: Line) -> bool:
    before = text[:at].rstrip(" \t\xa0\u3000")
    prev = before[-1:] if before else ""
    if style == "cn-shi" and text[at - 1:at] in SHI_FALSE_PREFIX:
        return False
    if style in ("cn-paren", "arabic-paren", "cn-ordinal") and text[at - 1:at] in CITE_PREFIX:
        return False
    if style == "arabic-dot":
        return not prev or prev in "。；;：:！？!?"
    if not prev or prev in CLAUSE_END:
        return True
    # a run glued to its heading without punctuation: (二)完善制度体系一是加强……
    if head is not None and number == 1 and style in ("cn-shi", "cn-ordinal"):
        between = text[head.end - line.start:at]
        return _SENTENCE.search(between) is None
    return False


def _candidates(body: list[Line]) -> list[Marker]:
    found: list[Marker] = []
    for para, line in enumerate(body):
        head = _head_candidate(line, para)
        if head is not None:
            found.append(head)
        text = line.text
        pos = head.end - line.start if head else line.content_start - line.start
        for match in _INLINE.finditer(text, pos):
            style = _INLINE_STYLES[_which(match, "i", len(_INLINE_STYLES))]
            number = _number(match)
            if number is None or number == 0:
                continue
            if match.start() == line.content_start - line.start:
                continue
            if _inline_ok(text, match.start(), style.id, number, head, line):
                found.append(Marker(style.id, "item", number, match.group(0), line.start + match.start(),
                                    line.start + match.end(), para, True))
    return found


def _validate(cands: list[Marker]) -> list[Marker]:
    """Keep strong headings; keep weak/inline markers only inside a numbered run."""
    scope = 0
    scopes: list[int] = []
    for c in cands:
        if not c.weak and c.kind == "heading":
            scope += 1
        scopes.append(scope)
    accepted: list[Marker] = []
    last: dict[tuple[int, str], int] = {}
    for i, c in enumerate(cands):
        if not c.weak:
            accepted.append(c)
            continue
        key = (scopes[i], c.style)
        if c.number == 1:
            ok = _has_two(cands, scopes, i)
        else:
            ok = last.get(key) == c.number - 1
        if ok:
            last[key] = c.number
            accepted.append(c)
    return accepted


def _has_two(cands: list[Marker], scopes: list[int], i: int) -> bool:
    style, scope = cands[i].style, scopes[i]
    for j in range(i + 1, len(cands)):
        if scopes[j] != scope:
            return False
        if cands[j].style == style:
            return cands[j].number == 2
    return False


def find_markers(body: list[Line]) -> list[Marker]:
    """Accepted markers of the body paragraphs, in document order."""
    return _validate(_candidates(body))


def title_of(marker: Marker, line: Line, next_start: int | None) -> tuple[str, tuple[int, int]]:
    """The heading words after a marker: up to the first sentence end or the next marker."""
    text = line.text
    begin = marker.end - line.start
    while begin < len(text) and text[begin] in WHITESPACE + ":：":
        begin += 1
    stop = len(text)
    found = _SENTENCE.search(text, begin)
    if found is not None:
        stop = found.start()
    if next_start is not None and line.start <= next_start < line.start + stop:
        stop = next_start - line.start
    title = text[begin:stop].rstrip(_TRAILING)
    return title, (line.start + begin, line.start + begin + len(title))
