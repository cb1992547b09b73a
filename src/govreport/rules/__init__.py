"""Vocabularies as data: each entry carries examples and counter-examples that the
test-suite checks (tests/test_rules.py), so a table change is reviewed with its cases."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..pattern_cache import compiled, guard

HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2A6DF),  # extension B (rare characters in names: 𠙶, 𡒄 …)
    (0x2A700, 0x2EE5F),  # extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # compatibility ideographs supplement
    (0x30000, 0x323AF),  # extensions G, H
)
HAN_CHARS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
"""The ranges of ``HAN`` without the brackets, to combine in a character class."""
HAN = f"[{HAN_CHARS}]"
"""A Han ideograph, every CJK block included: the one definition that patterns use (the standard
library's ``re`` has no ``\\p{Han}``; ``tests/test_rules.py`` checks this against Unicode's names)."""


def is_han(ch: str) -> bool:
    """Whether one character is a Han ideograph (``HAN`` as a test on a single character)."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF:  # the unified block first: nearly every character a page holds
        return True
    return code >= 0x3400 and any(lo <= code <= hi for lo, hi in HAN_RANGES)


@dataclass(frozen=True, slots=True)
class Cue:
    """One named pattern with lines it must match and lines it must not.

    The pattern is compiled once, on its first use (most cues serve only some pages, and the
    command line starts without compiling them); production calls ``search``/``match``/``sub`` on
    the cue itself and the test-suite checks the same compiled pattern against the examples, so a
    table and the code that reads it cannot disagree on flags or anchoring. A pattern meant for
    ``match`` starts with ``^``, one meant for a whole line also ends with ``$``, so that
    ``search`` (what the test uses) means the same."""

    name: str
    pattern: str
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    flags: int = 0
    _regex: re.Pattern[str] | None = field(init=False, default=None, repr=False, compare=False)

    @property
    def regex(self) -> re.Pattern[str]:
        regex = self._regex
        if regex is None:
            regex = compiled(self.pattern, self.flags)
            object.__setattr__(self, "_regex", regex)
        return regex

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos)

    def sub(self, repl: str, text: str) -> str:
        return self.regex.sub(repl, text)


class Deferred:
    """A regular expression compiled on its first use: for a module's patterns that only some pages
    (or no command but ``extract``) need, so that importing the module compiles nothing."""

    __slots__ = ("_regex", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        regex = self._regex
        if regex is None:
            regex = self._regex = compiled(self.pattern, self.flags)
        return regex

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, pos, endpos)


def _class_item(op: Any, av: Any, c: Any) -> str | None:
    """One item of a character class as pattern text, or None for one this analysis does not follow."""
    if op is c.LITERAL:
        return _class_char(av)
    if op is c.RANGE:
        return f"{_class_char(av[0])}-{_class_char(av[1])}"
    if op is c.CATEGORY:
        found: str | None = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}.get(av)
        return found
    return None


def _class_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


def _first(items: Any, flags: int, c: Any) -> tuple[set[str] | None, bool]:
    """The class items one of which opens every match of ``items`` found at a position after the
    start of the text (None: any character may), and whether ``items`` can match the empty string."""
    found: set[str] = set()
    for op, av in items:
        if op is c.AT:
            if av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING) and not flags & re.MULTILINE:
                return found, False  # what follows matches only at the start of the text
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):  # zero-width: the next item opens the match
            continue
        if op is c.LITERAL:
            found.add(_class_char(av))
            return found, False
        if op is c.IN:
            for item_op, item_av in av:
                item = _class_item(item_op, item_av, c)
                if item is None:  # a negated class, \\S, \\D …
                    return None, False
                found.add(item)
            return found, False
        nullable = False
        sub: set[str] | None
        if op is c.BRANCH:
            sub = set()
            for branch in av[1]:
                opens, empty = _first(branch.data, flags, c)
                if opens is None:
                    return None, False
                sub |= opens
                nullable |= empty
        elif op is c.SUBPATTERN:
            _, add, _, inner = av
            if add & re.IGNORECASE and not flags & re.IGNORECASE:
                return None, False
            sub, nullable = _first(inner.data, flags | add, c)
        elif op is c.ATOMIC_GROUP:
            sub, nullable = _first(av.data, flags, c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, _, inner = av
            sub, nullable = _first(inner.data, flags, c)
            nullable = nullable or least == 0
        else:  # ., a back-reference, a conditional …
            return None, False
        if sub is None:
            return None, False
        found |= sub
        if not nullable:
            return found, False
    return found, True


def opening_class(pattern: str, flags: int = 0) -> str | None:
    """The characters (as the body of a character class) that every match of ``pattern`` found after
    the start of the text begins with; None when any character may, or when the pattern is beyond
    this reading of the standard library's parser (then no guard is added)."""
    return _read(pattern, flags)[0]


def _read(pattern: str, flags: int) -> tuple[str | None, bool]:
    """From one parse of ``pattern``: its ``opening_class``, and whether any part of it is anchored at the start
    of the text (``_anchored``; True when the parser cannot be read)."""
    try:
        parser, constants = importlib.import_module("re._parser"), importlib.import_module("re._constants")
        data = parser.parse(pattern, flags).data
        opens, empty = _first(data, flags, constants)
        anchored = _anchored(data, constants)
    except Exception:  # the parser is the standard library's private one: when it changes, no guard
        return None, True
    return (None if opens is None or empty else "".join(sorted(opens))), anchored


def _behind(pattern: str, opens: str | None) -> str:
    """``pattern`` behind the guard ``guarded`` writes for the opening class ``opens``."""
    if opens is None:
        return pattern
    return f"(?:^|(?=[{opens}]))(?:{pattern})" if opens else f"^(?:{pattern})"


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a first-character guard: a search then skips, at the cost of one class test,
    every position where no match can begin, instead of trying each alternative there (a long
    alternation of cue words costs 100-300 ns a character unguarded, 10-20 guarded). The guard is
    ``(?:^|(?=[…]))``: the start of the text stays open to the alternatives anchored there."""
    return _behind(pattern, opening_class(pattern, flags))


def _anchored(items: Any, c: Any) -> bool:
    """Whether the start-of-text anchor (``^``, ``\\A``) stands anywhere in ``items``."""
    for op, av in items:
        if op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
            return True
        if op is c.BRANCH:
            inner = list(av[1])
        elif op is c.SUBPATTERN:
            inner = [av[3]]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner = [av[2]]
        elif op in (c.ASSERT, c.ASSERT_NOT):
            inner = [av[1]]
        elif op is c.ATOMIC_GROUP:
            inner = [av]
        elif op is c.GROUPREF_EXISTS:
            inner = [b for b in av[1:] if b is not None]
        else:
            continue
        if any(_anchored(sub.data, c) for sub in inner):
            return True
    return False


def ahead_guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a lookahead guard, ``(?=[…])``, when no part of it is anchored at the start of the
    text (``guarded`` otherwise): the engine then skips to the guard's characters itself, testing each
    character of a long text in C instead of trying every alternative there (``pattern_cache._skip_to_guard``)."""
    opens, anchored = _read(pattern, flags)
    if not opens or anchored:
        return _behind(pattern, opens)
    return f"(?=[{opens}])(?:{pattern})"


def any_of(cues: Iterable[Cue]) -> re.Pattern[str]:
    """One pattern matching where any of ``cues`` matches, compiled with their (shared) flags behind the
    first-character guard of them all (``guarded``)."""
    cues = tuple(cues)
    flags = {c.flags for c in cues}
    if len(flags) != 1:
        raise ValueError(f"any_of() needs cues with one set of flags, got {sorted(flags)}")
    flag = flags.pop()
    return compiled(guard("|".join(f"(?:{c.pattern})" for c in cues), flag, guarded), flag)


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
