"""Marker detection: where each outline marker stands in the body, and whether it is real.

``find_markers(paragraphs)`` returns accepted Markers in document order. Candidates
come from the style table in ``rules/markers.py``; weak and inline candidates are kept
only as part of a run that has its 1 and 2 (一是……二是……), and never after a
character that makes them a word (统一是) or a citation (第三条第(一)项).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .records import WHITESPACE, Line
from .rules.lines import ATTACHMENT_LIST
from .rules.markers import (
    BY_ID,
    CLAUSE_END,
    DECIMAL_BARE,
    DECIMAL_BARE_STYLE,
    GLYPH_VALUES,
    INLINE_OPENS,
    JOINED_OPENS,
    MARKDOWN_LEAD,
    SENTENCE_END,
    STYLES,
    Style,
)
from .rules.numerals import CN_MARKER, to_int

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
    return re.compile(guard + "(?:" + "|".join(parts) + ")"), numerals


_HEAD, _HEAD_NUMERALS = _combine([s.heading for s in STYLES], "h")
_INLINE_STYLES: tuple[Style, ...] = tuple(s for s in STYLES if s.inline is not None)
_INLINE, _INLINE_NUMERALS = _combine([s.inline_pattern or "" for s in _INLINE_STYLES], "i", INLINE_OPENS)
_GLUED_RUN: tuple[Style, ...] = tuple(s for s in STYLES if s.glued_run)
_JOINED_STYLES: tuple[Style, ...] = tuple(s for s in STYLES if s.joined)
_JOINED, _JOINED_NUMERALS = _combine([s.heading for s in _JOINED_STYLES], "j", JOINED_OPENS)
_NOT_AFTER_ANY = "".join(dict.fromkeys("".join(s.not_after for s in STYLES)))
"""Characters that make any inline marker after them a word or a citation (统一是, 第(一)项)."""
_DOTS = re.compile(r"[.．]")
_MARKDOWN = re.compile(MARKDOWN_LEAD)
_DECIMAL_BARE = re.compile(DECIMAL_BARE)
_BARE_TITLE_MAX = 30
# a flattened table row holds a cell separator (第二十条第(一)项 |, 规章 | 0 | 0 |, ||)
_TABLE_ROW = re.compile(r"[|｜]")
_SENTENCE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_TRAILING = WHITESPACE + "，,、。；;：:！？!?…—-"


class Marker(NamedTuple):
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
    inferred: bool = False
    """Recovered from its siblings: the source lost it (``marker`` is "")."""
    nested: bool = False
    """A member of a list that restarts under an item of the same style (1. 组织领导 / 1. … 2. … / 2. 制度建设):
    a level of its own below that item."""

    @property
    def key(self) -> str:
        """The style as the outline stacks it: each depth of 1.2.3 numbering is its own level, and a list
        nested in an item of its own style is a level below it."""
        if BY_ID[self.style].per_depth:
            return f"{self.style}:{self.marker.count('.') + self.marker.count('．')}"
        return self.style + "^" if self.nested else self.style


def _number(match: re.Match[str], names: list[str]) -> int | None:
    captured = next((c for c in map(match.group, names) if c), None)
    if captured in GLYPH_VALUES:
        return GLYPH_VALUES[captured]
    try:
        return to_int(_DOTS.split(captured)[-1]) if captured else None
    except ValueError:
        return None


def _head_candidate(line: Line, para: int) -> Marker | None:
    pos = _MARKDOWN.match(line.text, line.content_start - line.start).end()  # type: ignore[union-attr]
    listing = ATTACHMENT_LIST.match(line.text, pos)
    if listing is not None:
        pos = listing.end()
    match = _HEAD.match(line.text, pos)
    if match is None or match.lastgroup is None:
        return _bare_decimal(line, para, pos) if listing is None else None
    which = int(match.lastgroup[1:])
    style = STYLES[which]
    number = _number(match, _HEAD_NUMERALS[which])
    if number is None or number == 0:
        return None
    return Marker(style.id, "heading", number, match.group(0), line.start + match.start(),
                  line.start + match.end(), para, style.weak and listing is None, listing is not None)


def _bare_decimal(line: Line, para: int, pos: int) -> Marker | None:
    """A bare 1 总则 heading alone on its line (only kept when its 1.1 follows: ``_keep_bare``)."""
    match = _DECIMAL_BARE.match(line.text, pos)
    if match is None:
        return None
    rest = line.text[match.end():].strip(WHITESPACE)
    if len(rest) > _BARE_TITLE_MAX or _SENTENCE.search(rest) or "，" in rest or "," in rest:
        return None
    number = to_int(match.group("n"))
    if not number:
        return None
    marker = match.group("n")
    return Marker(DECIMAL_BARE_STYLE, "heading", number, marker, line.start + match.start(),
                  line.start + match.start() + len(marker), para)


def _keep_bare(cands: list[Marker]) -> list[Marker]:
    """A bare number heads its section only when the next decimal marker is its own N.1."""
    following: list[Marker | None] = [None] * len(cands)  # the next dotted decimal marker after each
    nxt: Marker | None = None
    for i in range(len(cands) - 1, -1, -1):
        following[i] = nxt
        if BY_ID[cands[i].style].per_depth and _DOTS.search(cands[i].marker):
            nxt = cands[i]
    kept: list[Marker] = []
    for c, after in zip(cands, following, strict=True):
        if BY_ID[c.style].per_depth and not _DOTS.search(c.marker):
            parts = _DOTS.split(after.marker) if after is not None else []
            if len(parts) != 2 or to_int(parts[0]) != c.number:
                continue
        kept.append(c)
    return kept


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
            found = _SENTENCE.search(text, head_end)
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


def _inline_ok(text: str, at: int, style: Style, number: int, head: Marker | None, context: _LineContext) -> bool:
    if context.in_title(at):  # inside a cited 《title》
        return False
    prev = _previous(text, at)
    if style.not_after and text[at - 1:at] in style.not_after:  # 统一是, 第三条第(一)项
        return False
    if style.after_stop:  # 依據：一、……。二、……: after a colon or sentence end
        return not prev or prev in "。；;：:！？!?"
    if not prev or prev in CLAUSE_END:
        return True
    # a run glued to its heading without punctuation: (二)完善制度体系一是加强……
    return head is not None and number == 1 and style.glued_first and at < context.first_stop


def _candidates(body: Sequence[Line]) -> list[Marker]:
    found: list[Marker] = []
    for para, line in enumerate(body):
        if _TABLE_ROW.search(line.stripped):  # a table flattened to |-separated cells is never outline
            continue
        head = _head_candidate(line, para)
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
                found.append(Marker(style.id, "item", number, match.group(0), line.start + match.start(),
                                    line.start + match.end(), para, True))
    return found


def _validate(cands: list[Marker], cut_at: int | None = None) -> list[Marker]:
    """Keep strong headings; keep weak/inline markers only inside a numbered run. ``cut_at``: the
    paragraph from which the page was cut off, where a run may have lost its 2 to the cut."""
    scope = 0
    scopes: list[int] = []
    for c in cands:
        if not c.weak and c.kind == "heading":
            scope += 1
        scopes.append(scope)
    accepted: list[Marker] = []
    last: dict[tuple[int, str], int] = {}
    last_head: dict[str, int] = {}  # weak runs that open paragraphs, by style
    for i, c in enumerate(cands):
        if not c.weak:
            accepted.append(c)
            if c.kind == "heading":  # 一、 opening a paragraph whose 二、…十五、 run on inside it
                last[(scopes[i], c.style)] = c.number
            continue
        key = (scopes[i], c.style)
        if c.number == 1:
            ok = _has_two(cands, scopes, i, cut_at is not None and c.para >= cut_at)
        else:
            ok = last.get(key) == c.number - 1
            # paragraphs opened by 第一，第二，第三，… may hold numbered lists of their own (一、二、三、):
            # 第四， still continues the paragraphs' run
            ok = ok or (c.kind == "heading" and last_head.get(c.style) == c.number - 1)
        if ok:
            last[key] = c.number
            if c.kind == "heading":
                last_head[c.style] = c.number
            accepted.append(c)
    return accepted


def _has_two(cands: list[Marker], scopes: list[int], i: int, cut: bool = False) -> bool:
    style, scope = cands[i].style, scopes[i]
    for j in range(i + 1, len(cands)):
        if scopes[j] != scope:
            return False
        if cands[j].style == style:
            return cands[j].number == 2
    return cut  # the page stops before the run could reach its 二是


_WHOLE_END = "。！？!?；;：:”」』）)》…．.】]"
CUT_TAIL = 3
"""Paragraphs before the end of a page cut mid-sentence where a lone 一是 is still a run's first."""


def _cut_at(body: Sequence[Line]) -> int | None:
    """The paragraph index from which a lone 一是 may have lost its 二是 to a page cut mid-sentence."""
    if not body or not body[-1].stripped or body[-1].stripped[-1] in _WHOLE_END:
        return None
    return max(0, len(body) - CUT_TAIL)


_CELL_END = "。；;！？!?：:"
_NUMERIC_CELL = re.compile(r"[0-9０-９.．,，%％‰\s/／—–\-－]+")
TABLE_MIN_NUMBERS = 3


def _pipe_cells(body: Sequence[Line]) -> list[bool]:
    """Lines of a table flattened to |-separated cells, and the lines between two such rows (or after
    the last one, where a page was cut inside its table)."""
    rows = [bool(_TABLE_ROW.search(ln.stripped)) for ln in body]
    flags = list(rows)
    for i in range(1, len(body)):
        if not rows[i] and rows[i - 1] and (i + 1 == len(body) or rows[i + 1]):
            flags[i] = True
    return flags


def table_cells(body: Sequence[Line]) -> list[bool]:
    """Which paragraphs are cells of a table rendered one cell per line.

    A table is a run of short lines without sentence punctuation that holds at least
    three cells of bare numbers (信息公开年报 tables, statistics)."""
    flags = _pipe_cells(body)
    numeric = sum(1 for ln in body if len(ln.stripped) <= 20 and _NUMERIC_CELL.fullmatch(ln.stripped))
    if numeric < TABLE_MIN_NUMBERS:  # no table anywhere: skip the run scan
        return flags
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and len(body[j].stripped) <= 40 and body[j].stripped[-1:] not in _CELL_END:
            j += 1
        cells = [k for k in range(i, j) if _NUMERIC_CELL.fullmatch(body[k].stripped)]
        if len(cells) >= TABLE_MIN_NUMBERS:
            for k in range(i, cells[-1] + 1):  # the table ends with its last number cell
                flags[k] = True
        i = j + 1 if j == i else j
    return flags


def _row_label(body: Sequence[Line], para: int, cells: list[bool]) -> bool:
    """A numbered table row (（一）予以公开, 1.属于国家秘密) stands at ``para``."""
    if para >= len(body) or not cells[para]:
        return False
    candidate = _head_candidate(body[para], para)
    return candidate is not None and BY_ID[candidate.style].table_row


def _drop_table_rows(cands: list[Marker], body: Sequence[Line]) -> list[Marker]:
    """Inside a table, a marker is a row label unless it continues the document's top-level numbering
    and is followed neither by a cell of numbers nor by another numbered row."""
    cells = table_cells(body)
    if not any(cells):
        return cands
    kept: list[Marker] = []
    top: Marker | None = None
    for c in cands:
        if c.restart:
            top = None
        if cells[c.para]:
            after = body[c.para + 1].stripped if c.para + 1 < len(body) else ""
            if c.kind != "heading" or top is None or c.style != top.style or c.number != top.number + 1 \
                    or _NUMERIC_CELL.fullmatch(after) or _row_label(body, c.para + 1, cells):
                continue
        if c.kind == "heading" and not c.weak and (top is None or c.style == top.style):
            top = c
        kept.append(c)
    return kept


_INSERTED_TAIL = re.compile("[-－][0-9０-９]+|[ \u3000\xa0]?之.*")
_NUMERAL_RUN = re.compile(f"[0-9０-９{CN_MARKER}]+")
SHAPE_MAJORITY = 3
"""Through-numbered headings a page must write in one shape before another shape counts against a
candidate (第 1 條 … 第 36 條 make a line-start 第七條、第十一條 a citation)."""


def _shape(marker: str) -> str:
    """How a marker is written, its number aside: 第 N 條 (Arabic, spaced) is not 第N條 (Chinese)."""
    marker = _INSERTED_TAIL.sub("", marker)  # 第 五 章之一, 第 3-1 條: the namesake's shape
    return _NUMERAL_RUN.sub(lambda m: "9" if m.group(0)[0] in "0123456789０１２３４５６７８９" else "九", marker)


def _one_shape(cands: list[Marker], cited: set[int]) -> list[Marker]:
    """A page writes the markers of a ``uniform`` style in one shape: once SHAPE_MAJORITY of them agree and
    outnumber the rest, a candidate in another shape is a citation a wrapped line happens to start with
    (第 20 條 …\n第二十一條規定辦理 …\n第 21 條)."""
    by_style: dict[str, list[Marker]] = {}
    for c in cands:
        if c.kind == "heading" and BY_ID[c.style].uniform:
            by_style.setdefault(c.style, []).append(c)
    drop: set[int] = set()
    for run in by_style.values():
        shapes = Counter(_shape(c.marker) for c in run)
        main, count = shapes.most_common(1)[0]
        if count >= SHAPE_MAJORITY and count > len(run) - count:
            drop.update(c.start for c in run if _shape(c.marker) != main)
    cited.update(c.para for c in cands if c.start in drop)
    return [c for c in cands if c.start not in drop] if drop else cands


def _through_runs(cands: list[Marker], cited: set[int]) -> list[Marker]:
    """Articles are numbered through the document: one that steps back (第 36 條 then a line starting
    第七條、第十一條…) is a citation, unless it starts a run again at 1 (an attachment's own articles)."""
    drop: set[int] = set()
    last = 0
    for c in cands:
        if not BY_ID[c.style].through or c.kind != "heading":
            continue
        if last and c.number != 1 and c.number < last:
            drop.add(c.start)
            cited.add(c.para)
            continue
        last = c.number
    return [c for c in cands if c.start not in drop] if drop else cands


_STOPS = SENTENCE_END + "。"


def _joined_candidates(body: Sequence[Line]) -> list[tuple[Marker, bool]]:
    """Headings of a ``joined`` style inside a paragraph, each with whether a sentence end stands before it
    (……执行。四、……); never the middle of a number (十二、, 12.), a citation (第(一)项) or a 《title》."""
    found: list[tuple[Marker, bool]] = []
    for para, line in enumerate(body):
        text = line.text
        if _TABLE_ROW.search(line.stripped):
            continue
        context: _LineContext | None = None
        for match in _JOINED.finditer(text, line.content_start - line.start + 1):
            at = match.start()
            before = text[at - 1]
            prev = _previous(text, at)
            if not prev or before in _NUMBER_CHARS or (before.isascii() and before.isalnum()) \
                    or before in _NOT_AFTER_ANY:
                continue
            which = int(match.lastgroup[1:]) if match.lastgroup else 0
            number = _number(match, _JOINED_NUMERALS[which])
            if not number:
                continue
            context = context or _LineContext(text, None)
            if context.in_title(at):
                continue
            found.append((Marker(_JOINED_STYLES[which].id, "heading", number, match.group(0), line.start + at,
                                 line.start + match.end(), para), prev in _STOPS))
    return found


def _family(m: Marker) -> tuple[str, str]:
    """A run's identity: its style key, and for 1.2.3 numbering the number it stands under (1.2)."""
    return m.key, m.marker[:m.marker.rfind(".")] if BY_ID[m.style].per_depth else ""


def _lost_breaks(markers: list[Marker], body: Sequence[Line]) -> list[Marker]:
    """Headings whose paragraph break the page lost: a marker of a ``joined`` style inside a paragraph is a
    heading when its number stands between two headings of its run (三、……。四、…… before 五、; ……可控性(八)……
    between (七) and (九)), or, after a sentence end, ends a run of at least two headings (五、 / 六、……。七、本通知
    自发布之日起施行). The page's numbering is the evidence: an inline list under a single heading of its style
    (一、餐饮：……。二、夜市：……) stays a list of items."""
    glued = _joined_candidates(body)
    if not glued:
        return markers
    heads = [m for m in markers if m.kind == "heading" and not m.weak and BY_ID[m.style].joined]
    taken = {m.start for m in heads}
    runs: dict[tuple[str, str], list[tuple[Marker, bool | None]]] = {}
    for m in heads:
        runs.setdefault(_family(m), []).append((m, None))
    for g, stop in glued:
        if g.start not in taken:
            runs.setdefault(_family(g), []).append((g, stop))
    promoted: list[Marker] = []
    for seq in runs.values():
        seq.sort(key=lambda e: e[0].start)
        i = 0
        while i < len(seq):
            j = i
            while j < len(seq) and seq[j][1] is not None:
                j += 1
            if j > i:
                promoted.extend(_chain(seq, i, j))
            i = j + 1
    if not promoted:
        return markers
    at = {m.start for m in promoted}
    return sorted([*(m for m in markers if m.start not in at), *promoted], key=lambda m: m.start)


def _chain(seq: list[tuple[Marker, bool | None]], i: int, j: int) -> list[Marker]:
    """Which glued candidates seq[i:j], between the headings seq[i-1] and seq[j] of their run, the numbering
    makes headings: the consecutive stretch from the number after the heading before to the number before the
    heading after, or, at the run's end, the consecutive stretch after a run of two headings."""
    before = seq[i - 1][0] if i > 0 else None
    after = seq[j][0] if j < len(seq) else None
    segment = seq[i:j]
    if after is not None:
        k = len(segment) - 1
        if segment[k][0].number + 1 != after.number:
            return []
        while k > 0 and segment[k - 1][0].number + 1 == segment[k][0].number:
            k -= 1
        chain = segment[k:]
        if before is not None:
            return [m for m, _ in chain] if before.number + 1 == chain[0][0].number else []
        return [m for m, _ in chain] if chain[0][1] else []  # the run's heading before it was lost with its page head
    earlier = seq[i - 2][0] if i > 1 and seq[i - 2][1] is None else None
    if before is None or earlier is None or earlier.number + 1 != before.number:
        return []
    numbers = [m.number for m, _ in segment]
    if numbers != list(range(before.number + 1, before.number + 1 + len(segment))) or not all(s for _, s in segment):
        return []
    return [m for m, _ in segment]


WORD_NUMERALS = {"cn-financial": "陸陆伍拾"}
"""Numerals of a style that are also words at a line start (陸、海、空軍: land, sea and air; 伍 a rank or a
surname; 拾 to pick up)."""


def _lone_words(cands: list[Marker]) -> list[Marker]:
    """A heading marked with one of WORD_NUMERALS with no member of its run on either side (no 伍 before
    陸, no 柒 after it) is the word, not a marker: 陸、海、空軍於戰事發生時… ."""
    numbers: dict[str, set[int]] = {}
    for c in cands:
        if c.kind == "heading" and c.style in WORD_NUMERALS:
            numbers.setdefault(c.style, set()).add(c.number)
    if not numbers:
        return cands
    drop = {c.start for c in cands if c.kind == "heading" and c.style in numbers
            and c.marker.rstrip("、") in WORD_NUMERALS[c.style]
            and c.number - 1 not in numbers[c.style] and c.number + 1 not in numbers[c.style]}
    return [c for c in cands if c.start not in drop] if drop else cands


def find_markers(body: Sequence[Line]) -> tuple[list[Marker], frozenset[int]]:
    """Accepted markers of the body paragraphs, in document order, and the paragraphs (indices) whose
    line-start marker was read as a citation (第十五條所稱… among 第 N 條 headings, a step back in a run of
    articles): no heading was lost there."""
    cited: set[int] = set()
    found = _lone_words(_through_runs(_one_shape(_keep_bare(_candidates(body)), cited), cited))
    return _lost_breaks(_validate(_drop_table_rows(found, body), _cut_at(body)), body), frozenset(cited)
