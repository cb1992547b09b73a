"""Headings whose marker the page lost or damaged, recovered from the numbering around them.

``infer_lost(markers, body)`` adds, each with a warning: unmarked heading paragraphs inside a run
(``marker-inferred``), the first heading of a run that starts at （二） under its parent
(``marker-inferred``), and a marker that lost its punctuation between two members that skip its number
(``marker-damaged``). ``inferred_title`` is the title of a node whose marker was lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from .marker_candidates import INFERRED, Marker, marked_paragraphs, table_row
from .pattern_cache import compiled
from .records import Issue, Line
from .rules.markers import BY_ID, DIRECTIVE_OPENERS, N_PLAIN_CHARS, NOT_A_HEADING_OPENERS, STYLE_ORDER
from .rules.numerals import CN_FORMAL, to_int
from .rules.punct import PROSE

_LEAD = compiled(f"[{PROSE}]")
MAX_INFERRED = 3


def _lost_heading(line: Line, directive: bool) -> bool:
    """Whether an unmarked paragraph reads like a heading paragraph that lost its marker."""
    text = line.stripped
    if len(text) < 30 or text.startswith(NOT_A_HEADING_OPENERS) or table_row(text) or text[0].isdigit():
        return False
    lead = _LEAD.search(text)
    if lead is None or not 6 <= lead.start() <= 40:
        return False
    return not directive or text.startswith(DIRECTIVE_OPENERS)


class Recovered(NamedTuple):
    """The markers with those the page lost or damaged recovered, in document order, and a warning
    for each one recovered."""

    markers: list[Marker]
    issues: tuple[Issue, ...]


def infer_lost(markers: list[Marker], body: Sequence[Line]) -> Recovered:
    """Recover headings whose marker the page lost, where their siblings make it clear: after a run
    (一)(二)… of one-paragraph headings, the unmarked paragraphs up to the next heading are the
    run's next members when the numbering resumes after them ((一)(二) ? (四)), or, at the end of
    the run's parent, when they open like the run's headings (加强……, 提升……). Precision first."""
    heads = [m for m in markers if m.kind == "heading" and not m.weak and not m.inferred]
    marked_paras = marked_paragraphs(markers, len(body))
    added: list[Marker] = []
    issues: list[Issue] = []
    run: list[Marker] = []
    for k, m in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        if run and (m.key != run[-1].key or m.number != run[-1].number + 1):
            run = []
        run.append(m)
        if not BY_ID[m.style].inferable or m.key != m.style or run[0].number != 1:
            continue
        end = nxt.body_line if nxt is not None else len(body)
        gap = list(range(m.body_line + 1, end))
        if not gap or len(gap) > MAX_INFERRED or any(marked_paras[p] for p in gap):
            continue
        singles = all(b.body_line == a.body_line + 1 for a, b in pairwise(run))
        resumes = nxt is not None and nxt.key == m.key and nxt.number == m.number + len(gap) + 1
        closes = nxt is None or (nxt.key != m.key and STYLE_ORDER[nxt.style] < STYLE_ORDER[m.style])
        if not singles or not (resumes or (closes and len(run) >= 2)):
            continue
        if not all(_lost_heading(body[p], directive=not resumes) for p in gap):
            continue
        for j, p in enumerate(gap, 1):
            line = body[p]
            lost = Marker(m.style, "heading", m.number + j, "", line.content_start, p, INFERRED)
            added.append(lost)
            message = (f"This paragraph has lost its marker; its {m.style} siblings make it "
                       f"number {lost.number} of their run.")
            issues.append(Issue("marker-inferred", message, (line.content_start, line.content_end)))
        run = []
    for found in (_lost_first(heads, marked_paras, body), _damaged(heads, marked_paras, body)):
        added.extend(found.markers)
        issues.extend(found.issues)
    if not added:
        return Recovered(markers, ())
    return Recovered(sorted([*markers, *added], key=lambda x: x.start), tuple(issues))


_BARE_NUMERAL = {
    "cn-dun": compiled(f"[{N_PLAIN_CHARS}]{{1,4}}+(?=[ \u3000\xa0]++\\S)"),
    "cn-financial": compiled(f"[{CN_FORMAL}]{{1,3}}+(?=[ \u3000\xa0]++\\S)"),
    "arabic-dot": compiled("[0-9０-９]{1,3}+(?=[ \u3000\xa0]++\\S)"),
}
"""A marker of these styles that lost its 、 or . (十  進行研究…): the numeral, then only spaces."""


def _damaged(heads: list[Marker], marked: bytearray, body: Sequence[Line]) -> Recovered:
    """A member of a run whose punctuation the page lost (九、… / 十  進行研究… / 十一、…): the one unmarked
    paragraph between two members that skip a number opens with exactly that number and a space."""
    added: list[Marker] = []
    issues: list[Issue] = []
    for a, b in pairwise(heads):
        bare = _BARE_NUMERAL.get(a.style)
        if bare is None or b.key != a.key or b.number != a.number + 2 or a.key != a.style:
            continue
        between = [p for p in range(a.body_line + 1, b.body_line) if not marked[p]]
        found = [(p, hit) for p in between if (hit := bare.match(body[p].text, body[p].content_start - body[p].start))]
        if len(found) != 1:
            continue
        p, hit = found[0]
        try:
            number = to_int(hit.group(0))
        except ValueError:
            continue
        if number != a.number + 1:
            continue
        line = body[p]
        start, end = line.start + hit.start(), line.start + hit.end()
        added.append(Marker(a.style, "heading", number, hit.group(0), start, p))
        issues.append(Issue("marker-damaged", f"The marker {hit.group(0)!r} lost its punctuation; its run "
                            f"({a.marker!r} before, {b.marker!r} after) makes it number {number}.",
                            (start, end)))
    return Recovered(added, tuple(issues))


LOST_FIRST_TITLE = 20
"""The longest heading sentence a lost first heading opens its paragraph with (实施重点企业链式培育工程。); a
longer first sentence describes the parent (……子体系主要用于统一……要求。)."""


def _lost_first(heads: list[Marker], marked: bytearray, body: Sequence[Line]) -> Recovered:
    """A run that starts at 2 right under its parent heading, whose first paragraph reads as the run's
    first heading run into its text (三、重点任务 / 实施重点企业链式培育工程。围绕…… / 1.… 2.… / （二）…): the
    page lost that heading's （一）. Only when nothing of the run's style stands between the parent and (二),
    and the paragraph's lead clause ends in a full stop (a heading sentence, not an introduction)."""
    added: list[Marker] = []
    issues: list[Issue] = []
    for k, m in enumerate(heads):
        if m.number != 2 or m.key != m.style or not BY_ID[m.style].inferable:
            continue
        rank = STYLE_ORDER[m.style]
        j = k - 1
        while j >= 0 and STYLE_ORDER[heads[j].style] > rank:  # the lost heading's own children (1. 2. 3.)
            j -= 1
        if j < 0 or STYLE_ORDER[heads[j].style] >= rank:
            continue  # no parent heading right above, or the run's own style (a (一) there)
        p = heads[j].body_line + 1
        if p >= m.body_line or marked[p] or (j + 1 < len(heads) and heads[j + 1].body_line == p):
            continue
        line = body[p]
        lead = _LEAD.search(line.stripped)
        if lead is None or lead.group(0) != "。" or lead.start() > LOST_FIRST_TITLE \
                or not _lost_heading(line, directive=False):
            continue
        added.append(Marker(m.style, "heading", 1, "", line.content_start, p, INFERRED))
        issues.append(Issue("marker-inferred", f"This paragraph has lost its marker; the {m.style} run that "
                            "follows starts at 2, so it is number 1.", (line.content_start, line.content_end)))
    return Recovered(added, tuple(issues))


def inferred_title(line: Line) -> tuple[str, tuple[int, int]]:
    """The lead clause of a paragraph that lost its marker, as its title."""
    text = line.stripped
    lead = _LEAD.search(text)
    title = text[:lead.start()] if lead else text
    return title, (line.content_start, line.content_start + len(title))
