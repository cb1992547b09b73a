"""Quantities stated in the body: value, unit, kind, qualifier, label, span.

One pattern finds numbers that carry a unit, a multiplier (万/亿) or a range dash;
what is not a quantity (years, dates, document numbers, ordinals, numbers inside 《》
or quoted names, 一 meaning "a", names like 三大任务 or 十四五) is excluded by masks
and small checks, never by rewriting the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from .dates import minguo_dated
from .metric_labels import label_before
from .pattern_cache import compiled
from .records import Line
from .rules import alt, is_han
from .rules.numerals import CN_DIGIT, CN_FORMAL, CN_NUM, FULLWIDTH_DIGITS, SMALL_UNITS, cn_to_int
from .rules.units import (
    ANNIVERSARY_UNITS,
    ARABIC_ONLY,
    BARE_AFTER_QUALIFIER,
    BARE_BEFORE_MULTIPLIER,
    BARE_BEFORE_QUALIFIER,
    CARDINAL_ONLY,
    DAY_DURATION_AFTER,
    FORMULA_BEFORE,
    MID_QUALIFIERS,
    MINUS_SIGNS,
    MULTIPLIERS,
    NAME_AFTER,
    NAME_AFTER_MEASURE,
    NAME_WITH_MEASURE,
    NOT_COUNT_BEFORE,
    NOT_DURATION_AFTER_YEAR,
    NOT_QUALIFIER_WORDS,
    NUMBER_IDIOMS,
    ORDINAL_LIST_JOINS,
    ORDINAL_NAMES,
    PER_UNITS,
    PLACE_AFTER_TAI,
    PLAN_AFTER_YEARS,
    PLENARY_AFTER,
    PREFIX_QUALIFIERS,
    QUALIFIER_LINKS,
    RANGE_DASHES,
    RANK_MOVES,
    RANK_UNITS,
    REFERENCE_AFTER_SUO,
    SCALE_BEFORE,
    SECONDARY,
    SESSION_BEFORE,
    SESSION_COUNT_BEFORE,
    SUFFIX_QUALIFIERS,
    UNITS_ALL,
    kind_of,
)

if TYPE_CHECKING:
    from .report_data import MetricKind

# one width throughout: ４2008年 is a list number glued to a year, not 42008
_ARABIC = (r"(?:[0-9]++(?:[,，][0-9]{3}+)*+(?:[.．][0-9]++)?+"
           r"|[０-９]++(?:[,，][０-９]{3}+)*+(?:[.．][０-９]++)?+)")
# units written with a numeral's or a multiplier's character (千米, 千瓦时, 百分点): where one begins,
# the numeral has ended (十二千米 is 12 千米, not 2010 米) and no multiplier is taken (12千瓦时)
_NUMERAL_UNITS = alt(u for u in UNITS_ALL if u[0] in CN_NUM or any(u.startswith(m) for m in MULTIPLIERS))
_CHINESE = rf"[{CN_DIGIT}十拾](?:(?!{_NUMERAL_UNITS})[{CN_NUM}])*+"
# a Chinese numeral with inner multipliers and a decimal part: 一万二千, 三点二五 (亿元 follows)
_CN_COMPOUND = rf"{_CHINESE}(?:[万萬亿億]{_CHINESE})*+(?:点[{CN_DIGIT}]++)?+"
_DASH = rf"\s*+{alt(RANGE_DASHES)}\s*+"
# a Chinese numeral read strictly, digit and place by place (三十五, 十一, 一百二十): 二分之一一次 is 1/2 and 一次
_NUMERAL = rf"(?=[{CN_DIGIT}十百千])(?:[{CN_DIGIT}]?[十百千])*+[{CN_DIGIT}]?"
# 台/臺 before a place character is a name (九台区, 七台河, 2,300萬臺灣人民), never the unit: the
# number before it keeps its multiplier and no unit
_UNIT = rf"(?:{alt(u for u in UNITS_ALL if u not in ('台', '臺'))}|[台臺](?![{PLACE_AFTER_TAI}]))"
# 兆 is 10^12 on Taiwan pages (1.25兆); before 瓦/赫/帕/焦 it is the SI prefix of a unit (兆瓦)
_MULT = alt(m for m in MULTIPLIERS if m != "兆") + "|兆(?![瓦赫帕焦])"
_FIRST = rf"[百千万萬0-9０-９{CN_DIGIT}十拾]"
# the part of an amount under a larger multiplier: 1兆2,500億元, 3 兆4160億美元, 1億3,525萬元, 1億5千萬
_LOWER_NUMBER = r"(?:[0-9０-９]{1,3}+[,，][0-9０-９]{3}+|[0-9０-９]{1,4}+)(?:[千仟](?=[万萬]))?+"
_LOWER = rf"(?<=兆){_LOWER_NUMBER}[亿億万萬]|(?<=[亿億]){_LOWER_NUMBER}[万萬]"
# 百亿, 万余户, 近千人: a bare 百/千/万 as a number, only before 亿, before 余/多 and a unit, or after a
# qualifier and before a unit (rules/units.py)
_BARE = "|".join([*(f"{c}(?=[{after}])" for c, after in BARE_BEFORE_MULTIPLIER.items()),
                  f"[{''.join(BARE_BEFORE_QUALIFIER)}](?=[{MID_QUALIFIERS}]{_UNIT})",
                  "(?:" + "|".join(f"(?<={q})" for q in BARE_AFTER_QUALIFIER)
                  + f")[{''.join(BARE_BEFORE_QUALIFIER)}](?=[万萬亿億]?{_UNIT})"])

# stdlib re (possessive quantifiers, Python ≥ 3.11): its first-character guard makes the
# scan skip the prose between numbers quickly
_METRIC = compiled(
    rf"(?={_FIRST})"
    rf"(?:百分之(?P<pct>{_ARABIC}|{_CHINESE}(?:点[{CN_DIGIT}]++)?)"
    rf"|千分之(?P<pml>{_ARABIC}|{_NUMERAL}(?:点[{CN_DIGIT}]++)?)"  # 千分之五 → 5 ‰
    # 三分之一 → 1/3, 四分之三 → 0.75, with an empty unit (the spec's settled case)
    rf"|(?P<fden>{_NUMERAL}|[0-9０-９]{{1,4}}+)分之(?P<fnum>{_ARABIC}|{_NUMERAL}(?:点[{CN_DIGIT}]++)?)"
    rf"|(?:(?P<ar>{_ARABIC})|(?P<cn>{_CN_COMPOUND}|{_BARE})(?=[{MID_QUALIFIERS}]?[万萬亿億]|[{MID_QUALIFIERS}]?{_UNIT}|{_DASH}[{CN_DIGIT}十]))"
    rf"(?P<gap>(?<=[0-9０-９])[ \xa0]"
    rf"(?=[{MID_QUALIFIERS}]?(?:{_MULT})?[{MID_QUALIFIERS}]?(?:{_UNIT})|[兆亿億][0-9０-９]))?"
    rf"(?P<qmid0>[{MID_QUALIFIERS}])?(?P<mult>(?!{_NUMERAL_UNITS})(?:{_MULT}))?(?P<mult2>(?<=[万萬])[{MID_QUALIFIERS}]?[亿億])?(?P<lower>{_LOWER})?(?P<more>(?<=[万萬亿億])(?:零[0-9０-９]{{1,4}}+|[0-9０-９]{{1,4}}+(?!{_NUMERAL_UNITS})[千仟百佰十拾])++)?"
    rf"(?P<qmid>[{MID_QUALIFIERS}])?(?P<unit>{_UNIT})?"
    # 3场(次), 2万台（件）: a second measure word; 元/人月, 800万吨/年: a per-unit; both kept as written
    rf"(?(unit)(?P<also>[(（](?:{_UNIT})[)）])?(?P<per>[/／](?:{alt(PER_UNITS)}))?))"
    rf"(?P<qsuf>{alt(SUFFIX_QUALIFIERS)})?"
)
_NAMES_WITH_MEASURE = ("个" + NAME_AFTER_MEASURE, *NAME_WITH_MEASURE)
"""A measure word and the character after it that make the number part of a name (四个大局, 七人普)."""
_QPRE = compiled(rf"(?:{alt(PREFIX_QUALIFIERS)})[ \xa0\u3000]?+$")  # a space may follow it: 不少于 30 项
_RANGE = compiled(_DASH)
# every branch opens with its quotation mark, so the engine skips to the next one without trying the
# pattern at each character
_QUOTED = compiled(r"《[^《》\n]{0,200}+》|“[^“”\n]{0,24}+”|\"[^\"\n]{0,24}+\"|「[^「」\n]{0,24}+」|‘[^‘’\n]{0,24}+’")
_NAMED_NUMBER = compiled(
    r"(?=[0-9A-Za-z〔\[［【(（十])(?:"
    r"[〔\[［【(（]\s*+(?:19|20)\d{2}\s*+[〕\]］】)）]\s*+第?\s*+\d++\s*+号"
    r"|(?:19|20)\d{2}\s*+[-/.年]\s*+\d{1,2}\s*+[-/.月]\s*+\d{1,2}\s*+日?"
    r"|\d{1,2}\s*+月\s*+\d{1,2}\s*+日|\d{1,2}\s*+[:：]\s*+\d{2}(?:[:：]\d{2})?"
    r"|[0-9]{1,2}\s*+[-~至到]\s*+[0-9]{1,2}\s*+月|十[一二三四五]五|[A-Za-z]++[0-9.]++[A-Za-z]*+"
    r"|\d{1,2}\s*+[时時点點]\s*+\d{1,2}\s*+分(?:\s*+\d{1,2}\s*+秒)?|\d{1,2}/\d{1,2}(?![\d/])"
    r"|\d{2,4}\s*+年\s*+\S{1,8}?字第\s*+\d++\s*+[号號]"  # 113年憲判字第9號: a case or document number
    r"|\d++\s*+年\s*+\d++\s*+月|\d{3,4}-\d{7,8}|(?:(?<=民國)|(?<=民国))\d{2,3}\s*+年"
    # a run of seven or more digits is a telephone, postcode or identity number, unless a multiplier or
    # a unit follows it (生产总值1102284万元, 总人口12345678人; 2567126分機 is a telephone's extension); a run
    # of sixteen or more is no amount. Tried at a run's first digit only, so that a long run costs one try
    rf"|(?<!\d)(?:\d{{16,}}+|\d{{7,15}}+(?![\d万萬亿億]|(?!分[機机]){_UNIT})))"
)
_IDIOM = compiled(alt(NUMBER_IDIOMS))
_ORDINAL_NUMBER = rf"(?:[0-9０-９]++|[{CN_NUM}]++)"
# 第4、10款, 第二、三项, 第104條或105條: the numbers after the first are ordinals under its 第
_ORDINAL_PART = rf"{_ORDINAL_NUMBER}\s*+[条條款项項章节節]?+"
_ORDINAL_LIST = compiled(
    rf"第\s*+{_ORDINAL_PART}(?:\s*+[{ORDINAL_LIST_JOINS}]\s*+{_ORDINAL_PART})*+\s*+[{ORDINAL_LIST_JOINS}]\s*+$")


_HAS_NUMBER = compiled(_FIRST)
_MIXED_PART = compiled(r"零?([0-9]+)([千仟百佰十拾]?)")


class MetricFound(NamedTuple):
    raw: str
    value: float
    unit: str
    kind: MetricKind
    qualifier: str | None
    label: str | None
    span: tuple[int, int]


def _plain(text: str) -> Decimal:
    """A number written without multipliers: 252.63, 三十, 三点五."""
    text = text.translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", "")
    if "点" in text:
        whole, frac = text.split("点", 1)
        return Decimal(f"{cn_to_int(whole)}.{''.join(str(cn_to_int(c)) for c in frac)}")
    return Decimal(text) if text[0].isdigit() else Decimal(cn_to_int(text))


def _value(match: re.Match[str]) -> Decimal:
    share = match.group("pct") or match.group("pml")
    if share is not None:
        return _plain(share)
    if match.group("fnum") is not None:
        return _plain(match.group("fnum")) / _plain(match.group("fden"))
    ar = match.group("ar")
    if ar is not None:
        number = Decimal(ar.translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", ""))
    else:
        number = _cn_value(match.group("cn"))
    mult = match.group("mult")
    value = number * MULTIPLIERS[mult] if mult else number
    if match.group("mult2"):  # 3万多亿元: 万 and 亿 together, a qualifier between them
        value *= MULTIPLIERS["亿"]
    cn = match.group("cn")
    if mult and cn:  # 一亿五千万: the 万 multiplies the 五千 after the larger 亿 only
        inner = max((i for i, c in enumerate(cn) if MULTIPLIERS.get(c, 0) > MULTIPLIERS[mult]), default=-1)
        if 0 <= inner < len(cn) - 1:
            value = _cn_value(cn[:inner + 1]) + _cn_value(cn[inner + 1:]) * MULTIPLIERS[mult]
    lower = match.group("lower")  # 1兆2,500億元, 1億5千萬
    if lower:
        digits = lower[:-1].translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", "")
        value += Decimal(digits.rstrip("千仟")) * (1000 if digits[-1] in "千仟" else 1) * MULTIPLIERS[lower[-1]]
    more = match.group("more")  # 1万2千人, 2萬零8元, 2萬9千5百元
    if more:
        for digits, place in _MIXED_PART.findall(more.translate(FULLWIDTH_DIGITS)):
            value += Decimal(digits) * (SMALL_UNITS[place] if place else 1)
    return value


def _cn_value(text: str) -> Decimal:
    """一万二千 → 12000, 三点二五 → 3.25 (digits after 点 read one by one)."""
    whole, _, frac = text.partition("点")
    number = Decimal(cn_to_int(whole))
    if frac:
        number += Decimal("0." + "".join(str(cn_to_int(c)) for c in frac))
    return number


def _ratio_unit(match: re.Match[str]) -> str | None:
    """The unit of a share or a fraction (百分之三十 → %, 千分之五 → ‰, 三分之一 → ""), None for any other number."""
    pct, pml, fnum = match.group("pct", "pml", "fnum")
    return "%" if pct else "‰" if pml else "" if fnum else None


def _is_quantity(match: re.Match[str], text: str) -> bool:
    if _ratio_unit(match) is not None:  # 比例尺六千分之一 is a map's scale
        return match.group("fnum") is None or (_plain(match.group("fden")) != 0
                                                and not text.endswith(SCALE_BEFORE, 0, match.start()))
    unit, cn, ar = match.group("unit") or "", match.group("cn"), match.group("ar")
    start = match.start("ar") if ar is not None else match.start("cn")
    at = start
    if match.group("gap") is not None:  # 第 3 条 in text laid out with spaces: the 第 is still before it
        while at and text[at - 1] in " \xa0":
            at -= 1
    before = text[at - 1:at] if at else ""
    if before == "第" or (before and before in NOT_COUNT_BEFORE and cn is not None):  # 第四, 前十, 数十家
        return False
    if before and before in ORDINAL_LIST_JOINS and _ORDINAL_LIST.search(text, max(0, start - 16), start):
        return False  # 第4、10款: the 10 is an ordinal under the same 第
    if before and (before.isdigit() or before in ".．" or (before.isascii() and before.isalpha())
                   or (before in FORMULA_BEFORE and unit in ("%", "％"))):  # …×100%: a formula's factor
        return False
    if ar is not None and len(ar) > 1 and ar[0] in "0０" and ar[1] not in ".．":
        return False  # 07对外经济, (06)2991111: a section or area number, not a quantity
    after = text[match.end():match.end() + 1]
    if cn is not None:
        if _cn_value(cn) == 0:  # 跑零次, 零投诉: a slogan, not a count
            return False
        # 大陸人士, 队伍人员: one financial numeral alone is a word (陸 land, 伍 ranks) unless it writes money
        if len(cn) == 1 and cn in CN_FORMAL and not match.group("mult") and kind_of(unit) != "money":
            return False
        # 二级 is a rank, 两级 two levels: 两 only ever counts, so it reads the Arabic-only units too
        if (cn == "一" and not match.group("mult")) or (unit in ARABIC_ONLY and cn not in CARDINAL_ONLY) \
                or after == NAME_AFTER_MEASURE:
            return False
        if text[match.end("unit") - 1:match.end("unit") + 1] in _NAMES_WITH_MEASURE \
                or text.startswith(NAME_AFTER, match.end()):
            return False
        # 十五屆人大四次會議, 十九届五中全会: the session of a congress, not a count (召开两次会议 is one)
        if before in SESSION_BEFORE and text.startswith(ORDINAL_NAMES, match.end()):
            return False
        # 二次污染: secondary, not twice; 三次全会: the third plenary session
        if cn + unit in SECONDARY or (unit == "次" and text.startswith(PLENARY_AFTER, match.end())):
            return False
        if unit == "期" and (not before or before not in SESSION_COUNT_BEFORE):  # 二期工程: a phase; 分七期: sessions
            return False
    if unit in RANK_UNITS and text[max(0, at - 3):at].removesuffix("了").endswith(RANK_MOVES):
        return False  # 前进了三名, 下降6名: a change of rank
    if unit == "所" and after and after in REFERENCE_AFTER_SUO:
        return False  # 如图1所示, 附件1所列: a figure's or an attachment's number
    if unit.startswith("年") and cn is not None and len(cn) == 4 and all(c in CN_DIGIT for c in cn):
        return False  # 二〇〇五年 is a year
    if unit.startswith("年") and ar is not None and len(ar) == 4 and ar[:2] in ("19", "20") and "." not in ar:
        return False
    if unit == "日" and match.group("qsuf") not in DAY_DURATION_AFTER \
            and not text.startswith(DAY_DURATION_AFTER, match.end()):  # 20日内, 3日以内: durations; 25日 a day
        return False
    if unit in ANNIVERSARY_UNITS and after == "年":  # 80周年, 30週年: an anniversary, not weeks
        return False
    if unit == "年" and text.startswith(PLAN_AFTER_YEARS, match.end()):  # 三年行动计划: a plan's name
        return False
    return not (unit == "年" and after and after in NOT_DURATION_AFTER_YEAR)  # 2020年度, 80年代: not durations


def _qualifier(match: re.Match[str], qpre: str) -> str | None:
    mid = (match.group("mult2") or "")[:-1]
    return qpre or match.group("qmid0") or mid or match.group("qmid") or match.group("qsuf") or None


# on a page with a Minguo date (110年1月5日, 110-03-05) the other 1xx年 are Minguo years too. The lookbehind
# stands after the 1 ((?<![\d.．]1) there is (?<![\d.．]) before it), so that the pattern opens with a literal,
# which the engine skips to instead of trying the pattern at every character (93 → 3 µs a Taiwan page)
_ROC_YEAR = compiled(r"1(?<![\d.．]1)[01]\d\s*+年")


class _Masks:
    """Sorted, non-overlapping spans where numbers are names, not quantities."""

    def __init__(self, text: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(text) if endpos is None else endpos
        spans = [m.span() for m in _QUOTED.finditer(text, pos, end)]
        spans.extend(m.span() for m in _NAMED_NUMBER.finditer(text, pos, end))
        spans.extend(m.span() for m in _IDIOM.finditer(text, pos, end))
        if minguo_dated(text):  # a page that dates by the Minguo calendar names its years so: 108年元旦
            spans.extend(m.span() for m in _ROC_YEAR.finditer(text, pos, end))
        spans.sort()
        self.spans: list[tuple[int, int]] = []
        for a, b in spans:  # merged, so that a bisect finds the one span that may overlap
            if self.spans and a < self.spans[-1][1]:
                self.spans[-1] = (self.spans[-1][0], max(b, self.spans[-1][1]))
            else:
                self.spans.append((a, b))
        self.starts = [a for a, _ in self.spans]

    def hits(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, b - 1) - 1
        return i >= 0 and self.spans[i][1] > a


_UNIT_ENDS = frozenset(u[-1] for u in UNITS_ALL) | frozenset(m[-1] for m in MULTIPLIERS)


def _signed(text: str, at: int) -> bool:
    """A minus sign stands right before the number at ``at``: 增长-4.7%, （-3.2%）, but not the dash of
    a range (3%-5%, 480-560米, 3萬元-5萬元: a unit or a number before it) or of a code (A-3)."""
    if at == 0 or text[at - 1] not in MINUS_SIGNS:
        return False
    before = text[at - 2:at - 1]
    if not before:
        return True
    if is_han(before):
        return before not in _UNIT_ENDS  # 增长-4.7% is signed; 3萬元-5萬元 is a range
    return not before.isalnum() and before not in "%％‰.．)）]】"


def _metric(match: re.Match[str], text: str, unit: str, mult: str | None = None) -> MetricFound:
    value = _value(match)
    if mult and not match.group("mult"):
        value *= MULTIPLIERS[mult]
    if unit == "％":
        unit = "%"
    begin = match.start()
    if match.group("ar") is not None and _signed(text, begin):
        begin -= 1
        value = -value
    qpre = _QPRE.search(text, max(0, begin - 5), begin)
    said = qpre.group(0).rstrip(" \xa0\u3000") if qpre else ""
    labelled = True
    if qpre is not None and text[max(0, qpre.start() - 1):qpre.start() + len(said)].endswith(NOT_QUALIFIER_WORDS):
        qpre, said, labelled = None, "", False  # 最近三年: the latest three years, with no label before them
    if qpre is not None:
        begin = qpre.start()
    if len(said) > 1 and said.endswith(QUALIFIER_LINKS):  # 约为 → 约
        said = said[:-1]
    return MetricFound(text[begin:match.end()], float(value), unit, kind_of(unit),
                       _qualifier(match, said), label_before(text, begin) if labelled else None, (begin, match.end()))


def _scan(text: str, pos: int, endpos: int, masks: _Masks, out: list[MetricFound]) -> None:
    pending: re.Match[str] | None = None
    for match in _METRIC.finditer(text, pos, endpos):
        if masks.hits(match.start(), match.end()):
            pending = None
            continue
        ratio = _ratio_unit(match)
        if ratio is None and match.group("unit") is None and match.group("mult") is None:
            pending = match  # the first end of a range: 480-560米, 三到五年
            continue
        first = pending if pending is not None and (pending.group("ar") is None) == (match.group("ar") is None) \
            and _RANGE.fullmatch(text, pending.end(), match.start()) else None  # the range's first end
        try:  # 第3-5条, 第三至五条: a range of ordinals
            quantity = _is_quantity(match, text) and not (first is not None
                                                          and text[first.start() - 1:first.start()] == "第")
        except ValueError:  # a run of numeral characters that is no number (两亿万)
            quantity = False
        if not quantity:
            pending = None
            continue
        if ratio is not None:
            unit = ratio
        else:  # (a compiled build checks the types a name holds: the groups, which may be None, get their own names)
            word, also, per = match.group("unit", "also", "per")
            unit = (word or "") + (also or "") + (per or "") if also or per else word or ""
        if first is not None:
            out.append(_metric(first, text, unit or "%", match.group("mult")))
        pending = None
        out.append(_metric(match, text, unit))


def metrics_in(text: str, lines: Sequence[Line]) -> list[MetricFound]:
    """Every quantity in the given lines of ``text``; spans index ``text``."""
    out: list[MetricFound] = []
    masks: _Masks | None = None
    for line in lines:
        if not _HAS_NUMBER.search(text, line.start, line.end):
            continue
        if masks is None:  # numbers as names, looked for where the body is
            masks = _Masks(text, line.start, lines[-1].end)
        _scan(text, line.start, line.end, masks, out)
    return out


def find_metrics(line: Line) -> list[MetricFound]:
    """Every quantity in one paragraph; spans are shifted by the line's offset."""
    found = metrics_in(line.text, [Line.of(line.position, 0, line.text)])
    return [MetricFound(m.raw, m.value, m.unit, m.kind, m.qualifier, m.label,
                        (m.span[0] + line.start, m.span[1] + line.start)) for m in found]
