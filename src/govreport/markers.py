"""Marker detection: which outline markers of the body are real.

``find_markers(paragraphs)`` returns accepted Markers in document order. Candidates come from
``marker_candidates.py``; the page's own numbering decides which are markers: weak and inline
candidates are kept only as part of a run that has its 1 and 2 (一是……二是……), a ``uniform`` style
written in one shape makes another shape a citation, articles numbered through the document make a
step back a citation, rows of a flattened table are no headings, and a ``joined`` heading inside a
paragraph is a heading whose break was lost when its number stands between two headings of its run.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from .marker_candidates import DOTS, Marker, candidates, joined_candidates, line_start_candidate, table_row
from .pattern_cache import compiled
from .records import Line
from .rules.markers import BY_ID
from .rules.numerals import CN_MARKER, to_int
from .rules.punct import SENTENCE_OR_COLON


def _keep_bare(cands: list[Marker]) -> list[Marker]:
    """A bare number heads its section only when the next decimal marker is its own N.1."""
    following: list[Marker | None] = [None] * len(cands)  # the next dotted decimal marker after each
    nxt: Marker | None = None
    for i in range(len(cands) - 1, -1, -1):
        following[i] = nxt
        if BY_ID[cands[i].style].per_depth and DOTS.search(cands[i].marker):
            nxt = cands[i]
    kept: list[Marker] = []
    for c, after in zip(cands, following, strict=True):
        if BY_ID[c.style].per_depth and not DOTS.search(c.marker):
            parts = DOTS.split(after.marker) if after is not None else []
            if len(parts) != 2 or to_int(parts[0]) != c.number:
                continue
        kept.append(c)
    return kept



def _validate(cands: list[Marker], cut_at: int | None = None) -> list[Marker]:
    """Keep strong headings; keep weak/inline markers only inside a numbered run. ``cut_at``: the
    paragraph from which the page was cut off, where a run may have lost its 2 to the cut."""
    scope = 0
    scopes = array("q")  # a page of headings holds no int object per candidate
    for c in cands:
        if not c.weak and c.kind == "heading":
            scope += 1
        scopes.append(scope)
    accepted: list[Marker] = []
    last: dict[str, int] = {}  # the last number of each style in the current scope (scopes only grow)
    last_head: dict[str, int] = {}  # weak runs that open paragraphs, by style
    scope = 0
    for i, c in enumerate(cands):
        if scopes[i] != scope:
            scope = scopes[i]
            last.clear()
        if not c.weak:
            accepted.append(c)
            if c.kind == "heading":  # 一、 opening a paragraph whose 二、…十五、 run on inside it
                last[c.style] = c.number
            continue
        key = c.style
        if c.number == 1:
            ok = _has_two(cands, scopes, i, cut_at is not None and c.body_line >= cut_at)
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


def _has_two(cands: list[Marker], scopes: Sequence[int], i: int, cut: bool = False) -> bool:
    style, scope = cands[i].style, scopes[i]
    for j in range(i + 1, len(cands)):
        if scopes[j] != scope:
            return False
        if cands[j].style == style:
            return cands[j].number == 2
    return cut  # the page stops before the run could reach its 二是


_WHOLE_END = SENTENCE_OR_COLON + "”」』）)》…．.】]"
CUT_TAIL = 3
"""Paragraphs before the end of a page cut mid-sentence where a lone 一是 is still a run's first."""


def _cut_at(body: Sequence[Line]) -> int | None:
    """The paragraph index from which a lone 一是 may have lost its 二是 to a page cut mid-sentence."""
    if not body or not body[-1].stripped or body[-1].stripped[-1] in _WHOLE_END:
        return None
    return max(0, len(body) - CUT_TAIL)


_NUMERIC_CELL = compiled(r"[0-9０-９.．,，%％‰\s/／—–\-－]+")
TABLE_MIN_NUMBERS = 3


def _pipe_cells(body: Sequence[Line]) -> list[bool]:
    """Lines of a table flattened to |-separated cells, and the lines between two such rows (or after
    the last one, where a page was cut inside its table)."""
    rows = [table_row(ln.stripped) for ln in body]
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
        while j < len(body) and len(body[j].stripped) <= 40 and body[j].stripped[-1:] not in SENTENCE_OR_COLON:
            j += 1
        cells = [k for k in range(i, j) if _NUMERIC_CELL.fullmatch(body[k].stripped)]
        if len(cells) >= TABLE_MIN_NUMBERS:
            for k in range(i, cells[-1] + 1):  # the table ends with its last number cell
                flags[k] = True
        i = j + 1 if j == i else j
    return flags


def _row_label(body: Sequence[Line], body_line: int, cells: list[bool]) -> bool:
    """A numbered table row (（一）予以公开, 1.属于国家秘密) stands at ``body_line``."""
    if body_line >= len(body) or not cells[body_line]:
        return False
    candidate = line_start_candidate(body[body_line], body_line)
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
        if cells[c.body_line]:
            after = body[c.body_line + 1].stripped if c.body_line + 1 < len(body) else ""
            if c.kind != "heading" or top is None or c.style != top.style or c.number != top.number + 1 \
                    or _NUMERIC_CELL.fullmatch(after) or _row_label(body, c.body_line + 1, cells):
                continue
        if c.kind == "heading" and not c.weak and (top is None or c.style == top.style):
            top = c
        kept.append(c)
    return kept


_INSERTED_TAIL = compiled("[-－][0-9０-９]+|[ \u3000\xa0]?之.*")
_NUMERAL_RUN = compiled(f"[0-9０-９{CN_MARKER}]+")
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
    cited.update(c.body_line for c in cands if c.start in drop)
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
            cited.add(c.body_line)
            continue
        last = c.number
    return [c for c in cands if c.start not in drop] if drop else cands



def _family(m: Marker) -> tuple[str, str]:
    """A run's identity: its style key, and for 1.2.3 numbering the number it stands under (1.2)."""
    return m.key, m.marker[:m.marker.rfind(".")] if BY_ID[m.style].per_depth else ""


def _lost_breaks(markers: list[Marker], body: Sequence[Line]) -> list[Marker]:
    """Headings whose paragraph break the page lost: a marker of a ``joined`` style inside a paragraph is a
    heading when its number stands between two headings of its run (三、……。四、…… before 五、; ……可控性(八)……
    between (七) and (九)), or, after a sentence end, ends a run of at least two headings (五、 / 六、……。七、本通知
    自发布之日起施行). The page's numbering is the evidence: an inline list under a single heading of its style
    (一、餐饮：……。二、夜市：……) stays a list of items."""
    heads = [m for m in markers if m.kind == "heading" and not m.weak and BY_ID[m.style].joined]
    if not heads:  # a glued candidate is only promoted beside a heading of its run
        return markers
    glued = joined_candidates(body, {m.style for m in heads})
    if not glued:
        return markers
    taken = array("q", (m.start for m in heads))  # in order: searched, not a set of a page's every heading
    runs: dict[tuple[str, str], list[tuple[Marker, bool | None]]] = {}
    for m in heads:
        runs.setdefault(_family(m), []).append((m, None))
    for entry in glued:
        g = entry[0]
        k = bisect_left(taken, g.start)
        if k == len(taken) or taken[k] != g.start:
            runs.setdefault(_family(g), []).append(entry)
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
    found = _lone_words(_through_runs(_one_shape(_keep_bare(candidates(body)), cited), cited))
    return _lost_breaks(_validate(_drop_table_rows(found, body), _cut_at(body)), body), frozenset(cited)
