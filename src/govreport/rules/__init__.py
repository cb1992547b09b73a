"""Vocabularies as data: each entry carries examples and counter-examples that the
test-suite checks (tests/test_rules.py), so a table change is reviewed with its cases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
"""A Han character (CJK unified ideographs, extension A, compatibility ideographs)."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One named pattern with lines it must match and lines it must not."""

    name: str
    pattern: str
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()


def alt(words: Iterable[str]) -> str:
    """Join words into a regex alternation, longest first; refuse an empty table."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        raise ValueError("alt() needs at least one word")
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


PADDED_MAX = 4
"""Header tables pad short labels to one width; longer ones are written without padding."""


def alt_spaced(words: Iterable[str]) -> str:
    """Like ``alt``, but a word of up to ``PADDED_MAX`` characters may have white space between its
    characters, as header tables pad labels to one width (索 引 号, 标　　题, 主 题 词)."""
    items = sorted({"".join(w.split()) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not items:
        raise ValueError("alt_spaced() needs at least one word")
    return "(?:" + "|".join(r"\s*+".join(re.escape(ch) for ch in w) if len(w) <= PADDED_MAX else re.escape(w)
                            for w in items) + ")"
