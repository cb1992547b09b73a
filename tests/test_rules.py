"""Every vocabulary entry is checked against its own examples and counter-examples."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport.rules
from govreport.lineclass import field_items, is_footer, is_navigation, is_widget
from govreport.metrics import find_metrics
from govreport.records import Line
from govreport.rules import Cue, alt, any_of, fields, guarded, opening_class, units
from govreport.rules.cues import FOOTER, NAVIGATION, WIDGETS
from govreport.rules.markers import STYLES
from govreport.rules.numerals import EXAMPLES, FULLWIDTH_DIGITS, cn_to_int, to_int


def _all_cues() -> list[Cue]:
    """Every Cue defined in a module of govreport.rules, alone or in a tuple: a new table is
    checked without being listed here."""
    found: dict[str, Cue] = {}
    for info in pkgutil.iter_modules(govreport.rules.__path__):
        module = importlib.import_module(f"govreport.rules.{info.name}")
        for value in vars(module).values():
            for cue in value if isinstance(value, tuple) else (value,):
                if isinstance(cue, Cue):
                    assert found.setdefault(cue.name, cue) is cue, f"two cues are named {cue.name!r}"
    return sorted(found.values(), key=lambda c: c.name)


CUES = _all_cues()


def test_every_table_module_is_collected() -> None:
    names = {c.name for c in CUES}
    assert {"position", "site-info", "signature-note", "org-suffix", "title-end", "doc-number", "toc-head"} <= names


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.name)
def test_cue_examples(cue: Cue) -> None:
    assert cue.examples, f"{cue.name} has no examples"
    for text in cue.examples:
        assert cue.search(text), f"{cue.name} should match {text!r}"
    for text in cue.counter:
        assert not cue.search(text), f"{cue.name} should not match {text!r}"


@pytest.mark.parametrize(("cues", "predicate"), [(NAVIGATION, is_navigation), (WIDGETS, is_widget),
                                                 (FOOTER, is_footer)], ids=["navigation", "widget", "footer"])
def test_cue_groups_through_their_predicates(cues: tuple[Cue, ...], predicate: object) -> None:
    """A cue's examples are also what the line test built from its group accepts (the group is one
    combined pattern with length limits); its counter-examples are refused by the whole group."""
    assert callable(predicate)
    for cue in cues:
        for text in cue.examples:
            assert predicate(text), f"{cue.name}: {text!r}"
        for text in cue.counter:
            assert not predicate(text), f"{cue.name}: {text!r}"


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.id)
def test_marker_style_examples(style: object) -> None:
    from govreport.rules.markers import MarkerStyle

    assert isinstance(style, MarkerStyle)
    head = re.compile(style.heading.replace("(?P<n>", "(?:"))
    assert style.examples, f"{style.id} has no examples"
    for text in style.examples:
        assert head.match(text), f"{style.id} should open {text!r}"
    for text in style.counter:
        assert not head.match(text), f"{style.id} should not open {text!r}"


@pytest.mark.parametrize(("text", "value"), EXAMPLES)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(("text", "value"), [("１２", 12), ("3", 3), ("十二", 12)])
def test_ordinals(text: str, value: int) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize(("glyph", "value"), [("③", 3), ("⑳", 20)])
def test_glyph_markers_are_numbered_by_their_style(glyph: str, value: int) -> None:
    """A one-character marker's number comes from its style's glyphs, read through the parser."""
    import govreport
    from govreport.rules.markers import GLYPH_VALUES

    assert GLYPH_VALUES[glyph] == value
    assert [n.number for n in govreport.parse(f"某某工作总结\n{glyph}其他工作").outline] == [value]


def test_bad_numerals_raise() -> None:
    with pytest.raises(ValueError):
        cn_to_int("")
    with pytest.raises(ValueError):
        cn_to_int("十x")


def test_alt_refuses_empty_and_prefers_longest() -> None:
    with pytest.raises(ValueError):
        alt([])
    assert re.match(alt(["来源", "信息来源"]), "信息来源").group(0) == "信息来源"


def test_han_is_every_ideograph_unicode_names() -> None:
    """HAN (the one Han class patterns use) holds every CJK ideograph this Python's Unicode
    database names, extension B and later included, and no kana, hangul or punctuation."""
    import sys
    import unicodedata

    from govreport.rules import HAN, is_han

    han = re.compile(HAN)
    for code in range(0x3000, sys.maxunicode + 1):
        ch = chr(code)
        name = unicodedata.name(ch, "")
        ideograph = name.startswith(("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"))
        if ideograph:
            assert han.fullmatch(ch) and is_han(ch), name
        elif name:
            assert not is_han(ch), name
    for ch in "あア한。，〇":
        assert not han.fullmatch(ch)
    assert is_han("𠙶") and is_han("𪚥")  # extension B, rare characters in names


def test_a_removal_rule_must_be_registered() -> None:
    from govreport.records import REMOVAL_RULES, Stretch

    assert Stretch("footer", (0, 4), "版权所有", "footer-cue").rule in REMOVAL_RULES
    with pytest.raises(ValueError, match=r"records\.REMOVAL_RULES"):
        Stretch("footer", (0, 4), "版权所有", "looks-like-a-footer")


def test_a_warning_code_must_be_registered() -> None:
    from govreport.records import WARNINGS, Issue

    assert Issue("date-repaired", "Date read with a repair.").code in WARNINGS
    with pytest.raises(ValueError, match=r"records\.WARNINGS"):
        Issue("date-broken", "not a registered code")


def test_quantity_after_number_table() -> None:
    """QUANTITY_AFTER_NUMBER, read by the arabic-dot and decimal heads: every character still
    begins a unit, a multiplier or 号 (the table cannot drift from rules/units.py unnoticed),
    each one after 2、 or 1.2 stops a heading, and the table's own cases hold."""
    from govreport.rules.markers import QUANTITY_AFTER_NUMBER, QUANTITY_COUNTER, QUANTITY_EXAMPLES
    from govreport.rules.units import MULTIPLIERS, UNITS_ALL

    heads = {s.id: re.compile(s.head.replace("(?P<n>", "(?:")) for s in STYLES}

    def opens(text: str) -> bool:
        return bool(heads["arabic-dot"].match(text) or heads["decimal"].match(text))

    starts = {u[0] for u in UNITS_ALL} | {m[0] for m in MULTIPLIERS} | {"号"}
    for ch in QUANTITY_AFTER_NUMBER:
        assert ch in starts, f"{ch!r} begins no unit or multiplier"
        assert not opens(f"2、{ch}") and not opens(f"1.2{ch}"), ch
    for text in QUANTITY_EXAMPLES:
        assert not opens(text), text
    for text in QUANTITY_COUNTER:
        assert opens(text), text


def _metrics(text: str) -> list[tuple[str, float, str]]:
    return [(m.raw, m.value, m.unit) for m in find_metrics(Line.of(0, 0, text))]


@pytest.mark.parametrize("unit", units.UNITS_ALL)
def test_every_unit_is_read(unit: str) -> None:
    """Each unit of rules/units.py, simplified and traditional, is read after an Arabic number and,
    unless it needs one, after a Chinese numeral; the units listed as not standing alone are not."""
    written = unit.translate(FULLWIDTH_DIGITS)  # ％ is reported as %
    arabic = _metrics(f"全年共完成12{unit}。")
    assert arabic == ([] if unit in units.NOT_ALONE else [(f"12{unit}", 12.0, written)])
    chinese = _metrics(f"全年共完成十二{unit}。")
    refused = unit in units.NOT_ALONE or unit in units.NOT_ALONE_CHINESE or unit in units.ARABIC_ONLY
    assert chinese == ([] if refused else [(f"十二{unit}", 12.0, written)])


@pytest.mark.parametrize(("text", "expected"), units.EXAMPLES)
def test_unit_examples(text: str, expected: tuple[tuple[str, float, str], ...]) -> None:
    assert _metrics(text) == [(raw, float(value), unit) for raw, value, unit in expected]


@pytest.mark.parametrize("text", units.COUNTER)
def test_unit_counter_examples(text: str) -> None:
    assert _metrics(text) == []


def _labelled() -> list[tuple[str, str | None]]:
    return [(label, key) for key, labels in fields.META_LABELS.items() for label in labels] + \
        [(label, None) for label in fields.OTHER_LABELS]


def _fields(text: str, bare: bool = True) -> list[tuple[str, str]]:
    return [(label, value) for label, value, _ in field_items(Line.of(0, 0, text), bare)]


@pytest.mark.parametrize(("label", "key"), _labelled(), ids=lambda x: x or "-")
def test_every_label_is_read(label: str, key: str | None) -> None:
    """Each header label is read from 标签：值 (padded too when it is short) and feeds its Meta key;
    a label of the other table feeds none (it lands in meta.fields)."""
    from govreport.rules import PADDED_MAX
    from govreport.rules.fields import meta_key

    forms = [label, " ".join(label)] if len(label) <= PADDED_MAX else [label]
    for form in forms:
        assert _fields(f"{form}：某某值") == [(label, "某某值")], form
    assert meta_key(label) == key


def test_no_label_is_listed_twice() -> None:
    from collections import Counter

    from govreport.rules.fields import BARE_LABELS, TAIL_LABELS

    for table in ([label for label, _ in _labelled()], BARE_LABELS, TAIL_LABELS):
        assert [x for x, n in Counter(table).items() if n > 1] == []


def test_bare_tail_and_body_labels() -> None:
    """Bare labels are read without a colon (索引号 001008); tail labels open a footer field; body
    labels (主旨：, 依据：) are never header fields and make a line body text."""
    from govreport.lineclass import TAIL_FIELD, is_body_like
    from govreport.rules.fields import BARE_LABELS, BODY_LABELS, TAIL_LABELS

    for label in BARE_LABELS:
        assert _fields(f"{label} 某某值") == [(label, "某某值")], label
    for label in TAIL_LABELS:
        assert TAIL_FIELD.match(f"{label}：某某") and TAIL_FIELD.match(f"（{label}：某某）"), label
    for label in BODY_LABELS:
        assert _fields(f"{label}：某某事项") == [] and is_body_like(f"{label}：某某事项"), label


@pytest.mark.parametrize(("text", "expected"), fields.FIELD_EXAMPLES)
def test_field_examples(text: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert _fields(text) == list(expected)


@pytest.mark.parametrize("text", fields.FIELD_COUNTER)
def test_field_counter_examples(text: str) -> None:
    assert _fields(text) == []


# first-character guards: a guarded pattern must find exactly what the pattern finds (constructed cases)
@pytest.mark.parametrize(("pattern", "flags", "opens"), [
    ("abc|de", 0, "ad"), ("^abc|de", 0, "d"), ("^abc", 0, ""), ("a?b", 0, "ab"), (r"(?<=x)y", 0, "y"),
    (r"[0-9]+年|[一二]月", 0, "0-9一二"), (r"\s*+x", 0, r"\sx"), ("(?:中|民)?\\d", 0, "\\d中民"),
    ("^a|b", re.MULTILINE, "ab"), (r"\S+", 0, None), ("a*", 0, None), (".x", 0, None), ("[^a]", 0, None),
    (r"x|\d?", 0, None), ("(?i:a)", 0, None), ("Copyright|©", re.I, "C©"),
])
def test_opening_class(pattern: str, flags: int, opens: str | None) -> None:
    assert opening_class(pattern, flags) == opens


_GROUP_TEXT = "".join(sorted({ch for cue in (*NAVIGATION, *WIDGETS, *FOOTER) for ex in (*cue.examples, *cue.counter)
                              for ch in ex}))


@pytest.mark.parametrize("cues", [NAVIGATION, WIDGETS, FOOTER], ids=["navigation", "widgets", "footer"])
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_GROUP_TEXT, "打印", "关闭", "ICP", "copyright", "上一篇", " ", "　", "\n"]),
                max_size=30).map("".join))
def test_a_guarded_cue_group_finds_what_its_cues_find(cues: tuple[Cue, ...], text: str) -> None:
    unguarded = re.compile("|".join(f"(?:{c.pattern})" for c in cues), cues[0].flags)
    guarded_group = any_of(cues)
    assert guarded_group.pattern != unguarded.pattern  # the guard is there
    for pos in (0, 1, 3):
        found, expected = guarded_group.search(text, pos), unguarded.search(text, pos)
        assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))


def test_every_cue_example_is_found_by_its_guarded_group() -> None:
    for cues in (NAVIGATION, WIDGETS, FOOTER):
        group = any_of(cues)
        for cue in cues:
            for text in cue.examples:
                assert group.search(text) is not None, (cue.name, text)
                assert re.compile(guarded(cue.pattern, cue.flags), cue.flags).search(text).span() == \
                    cue.search(text).span(), (cue.name, text)


def test_punctuation_sets_compose_and_read_the_same_in_a_character_class() -> None:
    """rules/punct.py's sets go into character classes unescaped (f"[{PROSE}]"), into ``in`` tests and into
    strip(): each must hold no character a class reads as syntax, and a class of it must match exactly its
    characters, full-width and ASCII forms alike."""
    from govreport.rules import punct

    sets = {name: value for name, value in vars(punct).items() if name.isupper() and isinstance(value, str)}
    assert {"STOPS", "SEMICOLONS", "COLONS", "COMMAS", "SENTENCE_END", "SENTENCE_OR_COLON", "PROSE"} <= set(sets)
    for name, chars in sets.items():
        assert not set(chars) & set("]\\^-"), name
        assert len(set(chars)) == len(chars), f"{name} repeats a character"
        in_class = re.compile(f"[{chars}]")
        assert all(in_class.fullmatch(ch) for ch in chars), name
        assert not in_class.search("一二abc 1　"), name  # constructed: words, digits and spaces are no punctuation
    # the wider sets hold the narrower ones, so that a sentence end is also prose everywhere
    assert set(punct.STOPS) <= set(punct.SENTENCE_END) <= set(punct.SENTENCE_OR_COLON) <= set(punct.PROSE)
    assert set(punct.CLAUSE_BREAKS) <= set(punct.PROSE) and set(punct.STATEMENT_END) <= set(punct.STOPS)
    for full, ascii_form in (("。", None), ("！", "!"), ("？", "?"), ("；", ";"), ("：", ":"), ("，", ",")):
        assert full in punct.PROSE and (ascii_form is None or ascii_form in punct.PROSE)


def test_a_lookahead_guard_finds_what_the_bare_pattern_finds() -> None:
    """Constructed: a pattern behind its lookahead guard (the engine skips to the guard's characters) matches
    where the bare pattern does, white space that may open a match included; a pattern anchored at the start
    of the text keeps the guard that leaves the start open."""
    from govreport.pattern_cache import compiled
    from govreport.rules import ahead_guarded, guarded

    bare = r"(?P<year>\s*+[12]\d{3}年)|(?P<run>[一二]是)"
    ahead = ahead_guarded(bare)
    assert ahead.startswith("(?=[") and ahead.endswith(f"(?:{bare})")
    text = "  2020年，一是…… 3020年 二是 x1999年\n\t1998年"
    found = [(m.span(), m.lastgroup) for m in compiled(ahead).finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in re.finditer(bare, text)] and len(found) == 5
    for anchored in (r"^目录|第[一二]章", r"(?:\A|，)一是"):
        assert ahead_guarded(anchored) == guarded(anchored)
