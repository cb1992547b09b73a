"""Quantities stated in the body: value, unit, kind, qualifier, label, span.

Numbers are found in each paragraph with one pattern; what is not a quantity
(years, dates, document numbers, ordinals, numbers inside 《》 or quoted names,
一 meaning "a", names like 三大任务 or 十四五) is excluded by masks and small checks,
never by rewriting the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .records import Line
from .rules import alt
from .rules.numerals import CN_DIGIT, CN_NUM, FULLWIDTH_DIGITS, cn_to_int
from .rules.units import (
    ARABIC_ONLY,
    LABEL_LINKS,
    LABEL_TAIL,
    MULTIPLIERS,
    ORDINAL_NAMES,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    UNITS_ALL,
    kind_of,
)

_ARABIC = r"[0-9０-９]++(?:[,，][0-9]{3}+)*+(?:[.．][0-9０-９]++)?+"
_CHINESE = rf"(?:[{CN_DIGIT}十拾][{CN_NUM}]*+)"
_NUMBER = rf"(?:(?P<ar>{_ARABIC})|(?P<cn>{_CHINESE}))"
_UNIT = alt(UNITS_ALL)
_MULT = alt(MULTIPLIERS)
_QPRE = alt(PREFIX_QUALIFIERS)
_QSUF = alt(SUFFIX_QUALIFIERS)

_METRIC = regex.compile(
    rf"(?P<qpre>{_QPRE})?"
    rf"(?:百分之(?P<pct>{_ARABIC}|{_CHINESE}(?:点[{CN_DIGIT}]++)?)"
    rf"|{_NUMBER}(?P<mult>{_MULT})?(?P<qmid>余|多)?(?P<unit>{_UNIT})?)"
    rf"(?P<qsuf>{_QSUF})?",
    regex.V0,
)
_RANGE = regex.compile(r"\s*+(?:-|~|～|—|–|至|到)\s*+")
_MASK = regex.compile(
    r"《[^《》\n]{0,200}+》|“[^“”\n]{0,24}+”|\"[^\"\n]{0,24}+\"|「[^「」\n]{0,24}+」|‘[^‘’\n]{0,24}+’"
    r"|[〔\[［【(（]\s*+(?:19|20)\d{2}\s*+[〕\]］】)）]\s*+第?\s*+\d++\s*+号"
    r"|(?:19|20)\d{2}\s*+[-/.年]\s*+\d{1,2}\s*+[-/.月]\s*+\d{1,2}\s*+日?"
    r"|\d{1,2}\s*+月\s*+\d{1,2}\s*+日|\d{1,2}\s*+[:：]\s*+\d{2}(?:[:：]\d{2})?"
    r"|[0-9]{1,2}\s*+[-~至到]\s*+[0-9]{1,2}\s*+月|十[一二三四五]五|[A-Za-z]+[0-9.]+[A-Za-z]*+"
    r"|\d++\s*+年\s*+\d++\s*+月|\d{7,}+|\d{3,4}-\d{7,8}"
)
_LABEL = regex.compile(
    rf"(?P<label>\p{{Han}}{{2,16}}?)(?:{alt(LABEL_LINKS)})$|(?P<label>\p{{Han}}{{1,16}}?[率比])$", regex.V0)
_LABEL_CUT = regex.compile(r".*[的和及与、，,在对将把了]")
_LABEL_TAIL = regex.compile(f"{alt(LABEL_TAIL)}+$")


@dataclass(frozen=True, slots=True)
class MetricFound:
    raw: str
    value: float
    unit: str
    kind: str
    qualifier: str | None
    label: str | None
    span: tuple[int, int]


def _value(match: regex.Match[str]) -> Decimal | None:
    if match.group("pct") is not None:
        text = match.group("pct").translate(FULLWIDTH_DIGITS)
        if "点" in text:
            whole, frac = text.split("点", 1)
            return Decimal(f"{cn_to_int(whole)}.{''.join(str(cn_to_int(c)) for c in frac)}")
        return Decimal(text) if text[0].isdigit() else Decimal(cn_to_int(text))
    if match.group("ar") is not None:
        number = Decimal(match.group("ar").translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", ""))
    else:
        try:
            number = Decimal(cn_to_int(match.group("cn")))
        except ValueError:
            return None
    mult = match.group("mult")
    return number * MULTIPLIERS[mult] if mult else number


def _is_quantity(match: regex.Match[str], text: str) -> bool:
    unit, cn, ar = match.group("unit") or "", match.group("cn"), match.group("ar")
    start = match.start("ar") if ar is not None else match.start("cn") if cn is not None else match.start()
    before = text[start - 1:start]
    if match.group("pct") is not None:
        return True
    if before == "第" or (before == "前" and cn is not None):
        return False
    if before and (before.isdigit() or before in ".．" or (before.isascii() and before.isalpha())):
        return False
    after = text[match.end():match.end() + 1]
    if cn is not None:
        if not unit or (cn == "一" and not match.group("mult")) or unit in ARABIC_ONLY:
            return False
        if after == "大" or text[match.end("unit") - 1:match.end("unit") + 1] == "个大":
            return False
        if text.startswith(ORDINAL_NAMES, match.end()):
            return False
    elif not unit and not match.group("mult"):
        return False
    if unit.startswith("年") and ar is not None and len(ar) == 4 and ar[:2] in ("19", "20") and "." not in ar:
        return False
    return not (unit == "年" and after and after in "度级")


def _qualifier(match: regex.Match[str]) -> str | None:
    for name in ("qpre", "qmid", "qsuf"):
        if match.group(name):
            return match.group(name)
    return None


def _label(text: str, start: int) -> str | None:
    found = _LABEL.search(text[max(0, start - 24):start])
    if not found:
        return None
    label = _LABEL_TAIL.sub("", _LABEL_CUT.sub("", found.group("label")))
    return label if len(label) >= 2 else None


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _MASK.finditer(text)]


def find_metrics(line: Line) -> list[MetricFound]:
    """Every quantity in one body paragraph."""
    text = line.text
    if not any(ch.isdigit() or ch in CN_NUM for ch in text):
        return []
    masks = _masked(text)
    found: list[MetricFound] = []
    pending: list[regex.Match[str]] = []
    for match in _METRIC.finditer(text):
        if not match.group(0) or any(a < match.end() and match.start() < b for a, b in masks):
            continue
        unit = match.group("unit") or ""
        if match.group("ar") is not None and not unit and not match.group("mult") and match.group("pct") is None:
            tail = _RANGE.match(text, match.end())
            if tail is not None:
                pending = [match]
            continue
        if not _is_quantity(match, text):
            pending = []
            continue
        for first in pending:
            if _RANGE.fullmatch(text, first.end(), match.start()) and match.group("ar") is not None:
                found.append(_metric(first, text, line.start, unit or "%", match.group("mult")))
        pending = []
        found.append(_metric(match, text, line.start, "%" if match.group("pct") is not None else unit))
    return found


def _metric(match: regex.Match[str], text: str, offset: int, unit: str, mult: str | None = None) -> MetricFound:
    value = _value(match) or Decimal(0)
    if mult and not match.group("mult"):
        value *= MULTIPLIERS[mult]
    if unit == "％":
        unit = "%"
    begin = match.start("qpre") if match.group("qpre") else match.start()
    raw = text[begin:match.end()]
    return MetricFound(raw, float(value), unit, kind_of(unit), _qualifier(match), _label(text, begin),
                       (offset + begin, offset + match.end()))
