"""A press release's contact block after its body (發稿單位：… / 業務承辦人：… 電話：… / 新聞聯絡人：…), the
close of a city government's news pages: header fields, not body text; and what follows it that is body
(a numbered list) stays body. Also the page numbers a PDF export leaves between pages (— 3 —), the other
furniture that stood in a body's text.

Constructed cases (no text copied from a real page) and a real page of the class read in place from
``../shared/corpus`` (skipped without it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport

CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"
RELEASE = "某市推動社區大學課程\n某社區大學秋季班課程現正招生中，共開設136門課程。\n歡迎市民踴躍報名。\n"


def test_the_contact_block_is_fields_not_text() -> None:
    report = govreport.parse(RELEASE + "發稿單位：某市政府教育局\n業務承辦人：社會教育科王某某專員 電話：1234567＃1156\n"
                             "新聞聯絡人：局本部李某某 電話：1234567＃8333\n")  # constructed
    assert report.text.splitlines()[-1] == "歡迎市民踴躍報名。"
    assert report.meta.source == "某市政府教育局"
    assert report.meta.fields["業務承辦人"].startswith("社會教育科")
    assert report.meta.fields["新聞聯絡人"].startswith("局本部")
    assert [r.kind for r in report.removed if "聯絡人" in r.text or "承辦人" in r.text] == ["header", "header"]


def test_a_one_line_sender_with_a_telephone_is_a_field() -> None:
    report = govreport.parse(RELEASE + "發稿人：心理健康科 某某某連絡電話：06-1234567 轉 165\n")  # constructed
    assert "發稿人" not in report.text
    assert report.meta.fields["發稿人"].startswith("心理健康科")


def test_a_numbered_list_below_the_contact_block_stays_body() -> None:
    roster = ["1.總教練▸某某某", "2.投手教練▸某某某", "3.投手▸某某某"]
    report = govreport.parse(RELEASE + "發稿單位：某市政府體育局\n新聞聯絡人：某某某\n教練、選手名單：\n"
                             + "\n".join(roster) + "\n")  # constructed
    for line in roster:
        assert line in report.text


def test_a_real_release() -> None:
    page = CORPUS / "raw" / "tw-tainan-zengwen-shequdaxue-2019.txt"
    if not page.is_file():
        pytest.skip("the shared corpus is not beside this checkout")
    report = govreport.parse_file(page)
    assert not any(w in report.text for w in ("發稿單位", "業務承辦人", "新聞聯絡人"))
    assert report.meta.source is not None and "教育局" in report.meta.source


def test_an_exports_page_numbers_are_no_body() -> None:
    """Constructed: a PDF export keeps its page numbers on lines of their own (— 1 —); they are removed as the
    page's footers, and the text around them is kept whole."""
    report = govreport.parse("某某规划\n一、总体要求\n第一段内容。\n— 1 —\n第二段内容。\n第 2 页 共 9 页\n二、工作措施\n全年开展8次。\n")
    assert report.text == "一、总体要求\n第一段内容。\n第二段内容。\n二、工作措施\n全年开展8次。"
    assert [(r.kind, r.rule) for r in report.removed if r.rule == "page-number"] == [("footer", "page-number")] * 2
