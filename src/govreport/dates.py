"""Dates: Arabic, Chinese-numeral and damaged forms, to ISO with a span."""

from __future__ import annotations

import datetime as dt
import re

from .pattern_cache import compiled, guard
from .records import DateFound, Issue
from .rules import ahead_guarded
from .rules.numerals import FULLWIDTH_DIGITS, cn_to_int

_Y = r"(?P<y>(?:19|20)\d{2})"
_CNY = r"(?P<y>[〇○零ＯΟOo0一二三四五六七八九]{4})"
_CNMD = "一二三四五六七八九十"
_SEP = r"\s*+[年/\-.．]\s*+"

# ordered: full dates first; each is tried at a position, the first that matches wins. Each form
# carries what it reads (text → ISO date, None where the text cannot decide: 129 is 1-29 or 12-9),
# and NOT_DATES holds text no form may read as a date; tests/test_dates.py
# checks both through find_dates, the function production calls.
DATE_FORMS: tuple[tuple[str, str, tuple[tuple[str, str | None], ...]], ...] = (
    ("ymd", rf"{_Y}{_SEP}(?P<m>\d{{1,2}})\s*+[月/\-.．]\s*+(?P<d>\d{{1,2}})(?!\d)\s*+日?",
     (("2021-01-25", "2021-01-25"), ("2020年12月29日", "2020-12-29"), ("2020/1/8", "2020-01-08"),
      ("2020.12.29", "2020-12-29"), ("２０２０年１２月２９日", "2020-12-29"), ("2021 年 3 月 1 日", "2021-03-01"))),
    ("cn_ymd", rf"{_CNY}\s*+年\s*+(?P<m>[{_CNMD}]{{1,2}})\s*+月\s*+(?P<d>[{_CNMD}]{{1,3}})\s*+日?",
     (("二〇二〇年十二月二十九日", "2020-12-29"), ("二○二一年一月五日", "2021-01-05"),
      ("二零一一年二月二十三日", "2011-02-23"), ("二Ο一一年二月二十三日", "2011-02-23"),
      ("二〇一一年二月二十三", "2011-02-23"))),
    ("roc", r"(?:中華民國|中华民国|民國|民国)?\s*+(?<![\d])(?P<y>1[01]\d|[4-9]\d)\s*+年\s*+(?P<m>\d{1,2})\s*+月\s*+"
            r"(?P<d>\d{1,2})\s*+日", (("中華民國110年1月5日", "2021-01-05"), ("110年12月30日", "2021-12-30"))),
    ("roc_num", r"(?<![\d./-])(?P<y>1[01]\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d./-])",
     (("110-03-05", "2021-03-05"), ("111/1/8", "2022-01-08"))),
    ("y_mmdd", rf"{_Y}\s*+年\s*+(?P<md>\d{{3,4}})(?!\d)\s*+日?", (("2020年1229", "2020-12-29"), ("2020年129日", None))),
    ("ym", rf"{_Y}\s*+[年\-/.．]\s*+(?P<m>\d{{1,2}})(?!\d)\s*+月?",
     (("2020年12月", "2020-12"), ("2021-01", "2021-01"))),
    ("cn_ym", rf"{_CNY}\s*+年\s*+(?P<m>[{_CNMD}]{{1,2}})\s*+月", (("二〇二〇年十二月", "2020-12"),)),
    ("y", rf"{_Y}\s*+年(?!度)", (("2020年", "2020"),)),
)
NOT_DATES: tuple[str, ...] = ("2020年度", "第1229号", "110年度", "12.29", "二〇二〇", "1.2亿元", "三年行动计划")
"""Text that looks numeric or calendrical but holds no date."""
# every form behind the characters one can open with (digits, Chinese numerals, 民國, white space), which the
# engine skips to: the whole alternation cost 300 ns a character of a page's first 4,000 (PAGE_DATE_WINDOW)
_PATTERN = compiled(guard("|".join(f"(?P<{name}>{p.replace('?P<', f'?P<{name}_')})" for name, p, _ in DATE_FORMS),
                          0, ahead_guarded))
# the two Minguo forms, for a scan of a whole page: the guard lets the scan skip every character that
# cannot start one (the forms open with an optional 民國 and white space, which a run of spaces
# would otherwise make quadratic). The scan reads the page as it stands: each digit, point and
# separator the forms name is widened to its full-width twin too (what FULLWIDTH_DIGITS turns into
# it; \d already takes both), so that the page is not translated first.
_BOTH_WIDTHS = (("1[01]\\d", "[1１][01０１]\\d"), ("[4-9]\\d", "[4-9４-９]\\d"), ("[\\d./-]", "[\\d./．-]"),
                ("[-/.]", "[-/.．]"))


def _both_widths(pattern: str) -> str:
    for ascii_only, both in _BOTH_WIDTHS:
        pattern = pattern.replace(ascii_only, both)
    return pattern


_MINGUO = compiled("(?=[中民0-9０-９])(?:" + "|".join(_both_widths(p.replace("?P<", f"?P<{name}_"))
                                                        for name, p, _ in DATE_FORMS if name in ("roc", "roc_num"))
                     + ")")
_TIME = compiled(r"\s*+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
        return f"{y:04d}"
    except ValueError:
        return None


_ZERO = str.maketrans(dict.fromkeys("○ＯΟOo0", "〇"))
"""The zeros a year written in Chinese numerals is found with: 〇, ○, a full-width or Greek O, a Latin O."""


def _cn(text: str) -> int:
    return cn_to_int(text.translate(_ZERO))


def _repair_mmdd(y: int, md: str) -> tuple[str | None, str]:
    """2020年1229 → 2020-12-29. A 3-digit run (129) is read only when one reading is a date."""
    readings = []
    if len(md) == 4:
        readings.append((int(md[:2]), int(md[2:])))
    else:
        readings.extend([(int(md[:1]), int(md[1:])), (int(md[:2]), int(md[2:]))])
    valid = [iso for m, d in readings if (iso := _iso(y, m, d)) is not None]
    if len(valid) == 1:
        return valid[0], "ok"
    return None, "ambiguous" if valid else "invalid"


def _found(match: re.Match[str], offset: int) -> DateFound:
    kind = match.lastgroup or ""
    g = match.groupdict()
    span = (offset + match.start(), offset + match.end())
    raw = match.group(0)
    if kind == "ymd":
        iso = _iso(int(g["ymd_y"]), int(g["ymd_m"]), int(g["ymd_d"]))
    elif kind in ("roc", "roc_num"):  # the Minguo calendar of Taiwan's government pages: year 1 is 1912
        iso = _iso(int(g[f"{kind}_y"]) + 1911, int(g[f"{kind}_m"]), int(g[f"{kind}_d"]))
    elif kind == "cn_ymd":
        iso = _iso(_cn(g["cn_ymd_y"]), cn_to_int(g["cn_ymd_m"]), cn_to_int(g["cn_ymd_d"]))
    elif kind == "y_mmdd":
        iso, how = _repair_mmdd(int(g["y_mmdd_y"]), g["y_mmdd_md"])
        if iso:
            msg = f"Date {raw!r} has no 月/日 between month and day; read as {iso}."
            return DateFound(raw, iso, span, True, Issue("date-repaired", msg, span))
        msg = f"Date {raw!r} is damaged and its month and day are {how}; iso left empty."
        return DateFound(raw, None, span, False, Issue("date-undecided", msg, span))
    elif kind == "ym":
        iso = _iso(int(g["ym_y"]), int(g["ym_m"]))
    elif kind == "cn_ym":
        iso = _iso(_cn(g["cn_ym_y"]), cn_to_int(g["cn_ym_m"]))
    else:
        iso = _iso(int(g["y_y"]))
    if iso is None:
        return DateFound(raw, None, span, False, Issue("date-invalid", f"Date {raw!r} is not a calendar date.", span))
    return DateFound(raw, iso, span)


def find_dates(text: str, offset: int = 0) -> list[DateFound]:
    """Every date in ``text``; spans are shifted by ``offset``."""
    ascii_text = text.translate(FULLWIDTH_DIGITS)
    return [_found(m, offset) for m in _PATTERN.finditer(ascii_text)]


def minguo_dated(text: str) -> bool:
    """Whether ``text`` holds a date of the Minguo calendar (中華民國110年1月5日, 110年1月5日, 110-03-05)."""
    return _MINGUO.search(text) is not None


def parse_date(text: str, offset: int = 0) -> DateFound | None:
    """The first date in ``text`` (with a trailing time kept in ``raw``), or None."""
    ascii_text = text.translate(FULLWIDTH_DIGITS)
    match = _PATTERN.search(ascii_text)
    if match is None:
        return None
    found = _found(match, offset)
    time = _TIME.match(ascii_text, match.end())
    if time:
        end = match.end() + len(time.group(0))
        found = DateFound(text[match.start():end], found.iso, (found.span[0], offset + end), found.repaired,
                          found.issue)
    else:
        found = DateFound(text[match.start():match.end()], found.iso, found.span, found.repaired, found.issue)
    return found


_MONTH_DAY = compiled(r"\s*+(?P<m>\d{1,2})\s*+月\s*+(?P<d>\d{1,2})\s*+日(?:\s*+\d{1,2}[:：]\d{2})?\s*+")
_RUN_TOGETHER = compiled(r"\s*+(?P<y>(?:19|20)\d{2})(?P<md>\d{3,4})\s*+")


def parse_field_date(value: str, offset: int = 0) -> DateFound | None:
    """The date a date field's value holds (发布日期：…, 公开日期：…): as ``parse_date``, and also a value of
    digits only, which no page's prose is read for: 20240926 as it stands, and 2024926, whose month and
    day ran together, repaired with a warning (read only when one reading is a date); and a month and day
    with no year (發稿時間：1月28日10:40), its iso left empty with a warning."""
    found = parse_date(value, offset)
    if found is not None:
        return found
    ascii_value = value.translate(FULLWIDTH_DIGITS)
    month_day = _MONTH_DAY.fullmatch(ascii_value)
    if month_day is not None and 1 <= int(month_day.group("m")) <= 12 and 1 <= int(month_day.group("d")) <= 31:
        span = (offset + month_day.start("m"), offset + month_day.end())
        raw = value[month_day.start("m"):month_day.end()]
        msg = f"Date {raw!r} names no year; iso left empty."
        return DateFound(raw, None, span, False, Issue("date-undecided", msg, span))
    run = _RUN_TOGETHER.fullmatch(ascii_value)
    if run is None:
        return None
    span = (offset + run.start("y"), offset + run.end("md"))
    raw = value[run.start("y"):run.end("md")]
    iso, how = _repair_mmdd(int(run.group("y")), run.group("md"))
    if len(run.group("md")) == 4 and iso is not None:
        return DateFound(raw, iso, span)
    if iso is not None:
        msg = f"Date {raw!r} has no separator between year, month and day; read as {iso}."
        return DateFound(raw, iso, span, True, Issue("date-repaired", msg, span))
    msg = f"Date {raw!r} has no separator between year, month and day, which are {how}; iso left empty."
    return DateFound(raw, None, span, False, Issue("date-undecided", msg, span))


def shifted(found: DateFound, offset: int) -> DateFound:
    """The same date with its span (and its warning's span) moved by ``offset``."""
    span = (found.span[0] + offset, found.span[1] + offset)
    issue = Issue(found.issue.code, found.issue.message, span) if found.issue is not None else None
    return DateFound(found.raw, found.iso, span, found.repaired, issue)


# a signature date that lost its 年月日 (a Chinese-numeral date a scrape could not keep):
# survive run together or apart, sometimes behind a stray bracket: 20171116, { 2017 6 23
_LOST_MARKS = compiled(r"[{\[(（【]?\s*+(?P<y>(?:19|20)\d{2})"
                         r"(?:(?P<m>\d{2})(?P<d>\d{2})|\s++(?P<m2>\d{1,2})\s++(?P<d2>\d{1,2}))")


def _lost_marks(stripped: str, lead: int) -> DateFound | None:
    match = _LOST_MARKS.fullmatch(stripped.translate(FULLWIDTH_DIGITS))
    if match is None:
        return None
    y, m, d = match.group("y"), match.group("m") or match.group("m2"), match.group("d") or match.group("d2")
    iso = _iso(int(y), int(m), int(d))
    if iso is None:
        return None
    start = lead + match.start("y")
    span = (start, lead + len(stripped))
    raw = stripped[match.start("y"):]
    return DateFound(raw, iso, span, True,
                     Issue("date-repaired", f"Date {raw!r} has lost its 年/月/日; read as {iso}.", span))


# every date form holds a digit (Arabic or full-width) or 年 (二〇二〇年十二月): a line without one is no date
_DATE_CHAR = compiled("[0-9０-９年]")


def is_date_line(text: str) -> DateFound | None:
    """The date when ``text`` is nothing but a date (a signature date line), else None."""
    stripped = text.strip(" \t\xa0\u3000")
    if not stripped or len(stripped) > 24 or _DATE_CHAR.search(stripped) is None:
        return None
    lead = len(text) - len(text.lstrip(" \t\xa0\u3000"))
    lost = _lost_marks(stripped, lead)
    if lost is not None:
        return lost
    found = parse_date(stripped, lead)
    if found is None or found.span != (lead, lead + len(stripped)) or (found.iso is not None and len(found.iso) == 4):
        return None
    return found
