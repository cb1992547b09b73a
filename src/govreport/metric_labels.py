"""What a number measures: a metric's label, read from the words right before it (完成率为252.63%).

The label is the run of Han characters before the number (or before the link word that joins them: 为,
达到, 占 …), from its last stop word (的, 和, 在 …) on, without the adverbs that end it (分别, 同比 …). It
is left out rather than guessed where the words do not name a measure: a run longer than the window it
is read in (where the name starts is unknown: 受益對象為學甲區秀昌里… cut inside 受益), or a comparison base
(比上年, 比年初: what the change is measured against). A unit or year that ends the number before it is not
part of the label (2015年全县财政总收入为…: 全县财政总收入).
"""

from __future__ import annotations

import re

from .pattern_cache import compiled
from .rules import HAN, alt, is_han
from .rules.units import COMPARISON_BASES, LABEL_ENDINGS, LABEL_LINKS, LABEL_STOPS, LABEL_TAIL, UNITS_ALL


def _by_last(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their last character, longest first, for quick endswith checks."""
    out: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        out.setdefault(word[-1], []).append(word)
    return {k: tuple(v) for k, v in out.items()}


_LINKS_BY_LAST = _by_last(LABEL_LINKS)
_TAILS_BY_LAST = _by_last(LABEL_TAIL)
_LAST_STOP = compiled(f".*[{re.escape(LABEL_STOPS)}]")
_HAN_RUN = compiled(f"{HAN}*+")
# what ends the number standing before a label: its unit, or a year's 年 with the part of the year it names
_NUMBER_END = compiled(f"(?:年[末底初度内內间間]?|{alt(UNITS_ALL)})(?:以上|以下|以内|以內)?")
# a comparison base opens the words: 比上年, 较去年同期 (比重, 比例 and 比率 are measures)
_COMPARED = compiled("[比较較](?![重例率])")
WINDOW = 24
"""Characters before a number that its label is read in."""


def _han_tail(text: str, limit: int) -> str:
    """The run of Han characters that ends ``text`` (at most ``limit`` long): read backwards, in one match."""
    run = _HAN_RUN.match(text[::-1], 0, limit).end()  # type: ignore[union-attr]  # *+ always matches
    return text[len(text) - run:]


def label_before(text: str, start: int) -> str | None:
    """What is measured, when the words right before the number at ``start`` name it."""
    window = text[max(0, start - WINDOW):start]
    link = next((w for w in _LINKS_BY_LAST.get(window[-1:], ()) if window.endswith(w)), None)
    words = window[:len(window) - len(link)] if link is not None else window
    limit = 16 if link is not None else 17
    head = _han_tail(words, limit)
    if link is None and not head.endswith(LABEL_ENDINGS):
        return None
    # the run goes on before the window: unless a stop word is in it, where the name starts is unknown
    unbounded = len(head) == limit and len(words) > limit and is_han(words[-limit - 1])
    if words[len(words) - len(head) - 1:len(words) - len(head)].isdigit():
        end = _NUMBER_END.match(head)  # 2015年全县…, 24项督查…: the number before it ends with its unit
        head = head[end.end():] if end is not None else head
    stop = _LAST_STOP.match(head)  # the words after the last stop word (的, 和, 在 …)
    if stop is None and unbounded:
        return None
    label = head[stop.end():] if stop else head
    while label:
        tail = next((w for w in _TAILS_BY_LAST.get(label[-1], ()) if label.endswith(w)), None)
        if tail is None:
            break
        label = label[:-len(tail)]
    if _COMPARED.match(label) or label in COMPARISON_BASES:
        return None  # 比上年增加121749万元: the base of the change, not what changed
    return label if len(label) >= 2 else None
