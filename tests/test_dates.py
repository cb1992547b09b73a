from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.dates import DATE_FORMS, NOT_DATES, find_dates, is_date_line, minguo_dated, parse_date
from govreport.rules.numerals import FULLWIDTH_DIGITS

CASES = [
    # raw, iso, repaired, warning code
    ("2021-01-25", "2021-01-25", False, None),
    ("2020年12月29日", "2020-12-29", False, None),
    ("２０２０年１２月２９日", "2020-12-29", False, None),
    ("2020/1/8", "2020-01-08", False, None),
    ("二〇二〇年十二月二十九日", "2020-12-29", False, None),
    ("二○二一年一月五日", "2021-01-05", False, None),
    ("2020年1229", "2020-12-29", True, "date-repaired"),
    ("2020年0105日", "2020-01-05", True, "date-repaired"),
    ("2020年129", None, False, "date-undecided"),
    ("2020年1329", None, False, "date-undecided"),
    ("2020年13月45日", None, False, "date-invalid"),
    ("2020年12月", "2020-12", False, None),
    ("2021年01月15日", "2021-01-15", False, None),
    ("中華民國110年1月5日", "2021-01-05", False, None),   # Taiwan's Minguo calendar
    ("110年12月30日", "2021-12-30", False, None),
    ("110-03-05", "2021-03-05", False, None),
]


@pytest.mark.parametrize(("name", "pattern", "examples"), DATE_FORMS, ids=[f[0] for f in DATE_FORMS])
def test_date_form_table(name: str, pattern: str, examples: tuple[tuple[str, str | None], ...]) -> None:
    """Each form's examples are read whole, as one date, to the ISO date the table gives."""
    assert examples, f"date form {name} has no examples"
    for text, iso in examples:
        found = find_dates(text)
        assert [(d.span, d.iso) for d in found] == [((0, len(text)), iso)], f"{name}: {text!r}"


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(("raw", "iso", "repaired", "code"), CASES)
def test_date_forms(raw: str, iso: str | None, repaired: bool, code: str | None) -> None:
    found = parse_date(raw)
    assert found is not None
    assert (found.iso, found.repaired) == (iso, repaired)
    assert (found.issue.code if found.issue else None) == code
    assert raw[found.span[0]:found.span[1]] == found.raw


def test_time_is_kept_in_raw_and_span_is_offset() -> None:
    found = parse_date("2021-01-20 09:30", 100)
    assert found is not None and found.raw == "2021-01-20 09:30" and found.span == (100, 116)


@pytest.mark.parametrize("line", ["2020年1229", "　2020年12月29日", "二〇一九年十一月二十日"])
def test_signature_date_lines(line: str) -> None:
    assert is_date_line(line) is not None


@pytest.mark.parametrize("line", ["2020年，我局认真贯彻", "发布日期：2021-01-25", "2020年", ""])
def test_not_date_lines(line: str) -> None:
    assert is_date_line(line) is None


def test_find_dates_in_prose() -> None:
    text = "自2020年1月1日起施行，至2024年12月31日止"
    assert [d.iso for d in find_dates(text)] == ["2020-01-01", "2024-12-31"]


@pytest.mark.parametrize(("line", "iso", "raw"), [
    ("20171116", "2017-11-16", "20171116"),          # a Chinese-numeral signature date whose 年月日 were lost
    ("{ 2017 6 23", "2017-06-23", "2017 6 23"),      # the same, digits apart, behind a stray bracket
])
def test_signature_date_that_lost_its_marks_is_repaired(line: str, iso: str, raw: str) -> None:
    found = is_date_line(line)
    assert found is not None and found.iso == iso and found.raw == raw and found.repaired
    assert found.issue is not None and found.issue.code == "date-repaired"
    assert line[found.span[0]:found.span[1]] == raw


@pytest.mark.parametrize("line", ["12345678", "2017 13 40", "20171340"])
def test_digit_runs_that_are_no_date_are_not_signature_dates(line: str) -> None:
    assert is_date_line(line) is None


# the scan for a Minguo date reads full-width digits where they stand; it must agree with reading the
# page after FULLWIDTH_DIGITS (what every other date form does). Constructed cases.
_MINGUO_ASCII = re.compile("(?=[中民0-9])(?:" + "|".join(p.replace("?P<", f"?P<{name}_") for name, p, _ in DATE_FORMS
                                                        if name in ("roc", "roc_num")) + ")")


def _minguo_read_translated(text: str) -> bool:
    return _MINGUO_ASCII.search(text.translate(FULLWIDTH_DIGITS)) is not None


@pytest.mark.parametrize(("text", "dated"), [
    ("中華民國110年1月5日公布", True), ("中華民國１１０年１月５日公布", True), ("民国９９年１２月３０日", True),
    ("１１０-０３-０５", True), ("１１０．３．５", True), ("110．03．05", True), ("１１０/1/8", True),
    ("2021-03-05", False), ("２０２１年３月５日", False), ("第１１０-０３-０５", True), ("1１０-03-05-1", False),
    ("3.１１０-03-05", False), ("1110-03-05", False), ("１1０年1月1日", True), ("９9年1月1日", True), ("１３０年1月1日", False),
])
def test_minguo_dated_reads_both_widths(text: str, dated: bool) -> None:
    assert minguo_dated(text) is dated
    assert _minguo_read_translated(text) is dated


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="中華民國民国年月日 　0123456789０１２３４５６７８９.．-/％%a", max_size=24))
def test_minguo_dated_agrees_with_the_translated_page(text: str) -> None:
    assert minguo_dated(text) is _minguo_read_translated(text)


def test_every_date_form_holds_a_digit_or_nian() -> None:
    """is_date_line skips a line with no digit and no 年 before trying the forms: every form's examples,
    the damaged ones included, must hold one (a new form without either would need the skip widened)."""
    from govreport.dates import _DATE_CHAR

    examples = [raw for _, _, cases in DATE_FORMS for raw, _ in cases]
    assert len(examples) >= 8 and all(_DATE_CHAR.search(raw) for raw in examples)
    assert is_date_line("二〇二〇年十二月二十九日") is not None and is_date_line("２０２０．１２．２９") is not None
    assert is_date_line("{ 2017 6 23") is not None and is_date_line("十二月二十九日") is None


@pytest.mark.parametrize(("value", "iso", "code"), [
    ("2024926", "2024-09-26", "date-repaired"),  # month and day ran together: one reading is a date
    ("20240926", "2024-09-26", None),  # the compact form as it stands
    ("2024112", None, "date-undecided"),  # 1-12 or 11-2
    ("2024132", None, "date-undecided"),  # neither reading is a date
    ("2024-09-26", "2024-09-26", None),
])
def test_a_date_fields_value_of_digits_only(value: str, iso: str | None, code: str | None) -> None:
    """Constructed header fields: 公开日期:2024926 is a damaged date, repaired with a warning."""
    from govreport.dates import parse_field_date

    found = parse_field_date(value)
    assert found is not None and found.iso == iso and found.raw == value
    assert (found.issue.code if found.issue else None) == code
    report = govreport.parse(f"某县2023年度部门决算\n公开日期:{value}\n一、部门概况\n全年支出100万元。\n")
    assert report.meta.published is not None and report.meta.published.iso == iso
    assert [w.code for w in report.warnings if w.code.startswith("date-")] == ([code] if code else [])


def test_digits_in_prose_are_no_date() -> None:
    """Only a date field's value is read this way: a telephone number in the body stays a number."""
    report = govreport.parse("某县2023年度部门决算\n一、部门概况\n咨询电话2024926，全年支出100万元。\n")  # constructed
    assert report.meta.published is None and not report.warnings


def test_a_damaged_date_field_besides_the_published_one_is_warned_of() -> None:
    page = "某医院2023年度部门决算\n发布时间:2024-09-24 16:08:34\n公开日期:2024926\n一、部门概况\n全年支出100万元。\n"
    report = govreport.parse(page)  # constructed
    assert report.meta.published is not None and report.meta.published.iso == "2024-09-24"
    assert [w.code for w in report.warnings] == ["date-repaired"]
    span = report.warnings[0].span
    assert span is not None and page[span[0]:span[1]] == "2024926"


def test_a_published_field_with_no_year() -> None:
    """Constructed: a press release dated by month, day and time only gives published with its raw text and
    no iso, and says so."""
    report = govreport.parse("某市新聞\n發稿單位：工務局\n發稿時間：1月28日10:40\n本市公園今日正式啟用，歡迎市民前往。\n")
    assert report.meta.published is not None
    assert (report.meta.published.raw, report.meta.published.iso) == ("1月28日10:40", None)
    assert [w.code for w in report.warnings] == ["date-undecided"]
    assert govreport.parse("發稿時間：13月1日\n本市公園今日正式啟用。\n").meta.published is None  # no such month
