"""A header table rendered one cell per line (索 引 号： / 000014349/2005-00155 / … / 主 题 词：), the layout of
the State Council's document library and the portals built like it: a label alone on its line takes the
next line as its value, except when the label is empty and the next line opens the document's title block.

Constructed cases (made up in that layout; no text copied from a real page) and, where the shared corpus
holds them, real pages of the class read in place (skipped without it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport.models import Report

CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"
TABLE = ("索 引 号：\n000000001/2005-00001\n主题分类：\n其他\n发文机关：\n某省人民政府办公厅\n成文日期：\n2005年07月14日\n"
         "标　　题：\n{title}\n发文字号：\n某政办函〔2005〕9号\n发布日期：\n2018年12月24日\n主 题 词：\n{keywords}")
BODY = "某某委员：\n你们提出的提案收悉，现答复如下：\n一、加强制度建设。全年制定文件3件。\n"


def _page(title: str, block: str, keywords: str = "") -> str:
    return f"{TABLE.format(title=title, keywords=keywords)}\n{block}\n某政办函〔2005〕9号\n{BODY}"


def _removed(report: Report, kind: str) -> list[str]:
    return [r.text for r in report.removed if r.kind == kind]


@pytest.mark.parametrize("lines", [
    ["某省人民政府办公厅对省政协十届三次会议", "第27号提案的答复"],  # a title broken after the first line
    ["某省人民政府办公厅转发省地震局", "关于加强防震减灾工作", "意见报告的通知"],  # three lines, the 关于 in the middle
    ["某省人民政府办公厅", "关于某市在考察工作时", "所提问题和建议办理情况的函"],  # the issuer alone on the first line
])
def test_an_empty_last_label_does_not_take_the_title_block(lines: list[str]) -> None:
    title = "".join(lines)
    report = govreport.parse(_page(title, "\n".join(lines)))  # constructed
    assert report.meta.title == title
    assert report.meta.fields.get("主题词", "") == ""
    assert _removed(report, "title") == lines  # every line of the block is the title's, none is navigation
    assert report.outline[0].marker == "一、"


def test_a_label_with_a_value_keeps_it() -> None:
    """The same table with 主题词 filled in: the value is the label's, the title block follows it."""
    lines = ["某省人民政府办公厅对省政协十届四次会议", "第46号提案的答复"]
    report = govreport.parse(_page("".join(lines), "\n".join(lines), keywords="文秘工作　提案　函"))  # constructed
    assert report.meta.fields["主题词"] == "文秘工作　提案　函"
    assert _removed(report, "title") == lines


def test_an_order_letterhead_under_an_empty_label_is_not_its_value() -> None:
    page = TABLE.format(title="某省道路运输条例实施细则", keywords="") + (
        "\n某省人民政府令\n第12号\n《某省道路运输条例实施细则》已经省人民政府常务会议通过，现予公布，自2019年1月1日起施行。\n"
        "省长　某某\n2018年12月18日\n某省道路运输条例实施细则\n第一条　为了规范道路运输，制定本细则。\n")  # constructed
    report = govreport.parse(page)
    assert report.meta.fields.get("主题词", "") == ""
    assert report.meta.title == "某省道路运输条例实施细则"


@pytest.mark.parametrize(("path", "title_lines"), [
    ("raw/gk-govcn-zhengxie-2741-dafu-2005.html", 2),
    ("raw/gk-govcn-dizhen-fangyu-1996.html", 3),
    ("raw/html-govcn-sichuan-kaocha-han-2004.html", 3),
    ("raw/zc-raw-gov-geshui-shishi-tiaoli-2018.html", 1),
])
def test_real_pages_of_the_class(path: str, title_lines: int) -> None:
    page = CORPUS / path
    if not page.is_file():
        pytest.skip(f"{path} is not in the shared corpus beside this checkout")
    report = govreport.parse_file(page)
    assert report.meta.fields.get("主题词", "") == ""
    assert len(_removed(report, "title")) == title_lines
    assert not any(r.rule == "above-title" for r in report.removed)


def test_a_value_the_title_ends_with_stays_the_labels() -> None:
    """分类： / 统计公报 above 某省2022年国民经济和社会发展统计公报: the value names the column, the title holds
    it at its end, not its start."""
    page = ("索引号：\n0000001/2023-0001\n分类：\n统计公报\n某省2022年国民经济和社会发展统计公报\n"
            "2022年，全省经济稳定增长。全年地区生产总值3200亿元，增长4.7%。\n")  # constructed
    report = govreport.parse(page)
    assert report.meta.fields["分类"] == "统计公报"
    assert report.meta.title == "某省2022年国民经济和社会发展统计公报"


def test_a_portals_dispatch_date_publishes_and_a_notices_signs() -> None:
    """发文日期 in a portal's header table is when the page was published; in a 公文 (發文日期 / 發文字號 /
    主旨：…) it is the notice's dispatch date, which signs it when no signature block does."""
    portal = govreport.parse("索引号：\n0000001/2021-01\n发布机构：\n某县税务局\n发文日期：\n2021-10-08 15:47\n"
                             "某县税务局2021年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息120条。\n")  # constructed
    assert portal.meta.published is not None and portal.meta.published.iso == "2021-10-08"
    assert portal.meta.signed is None
    notice = govreport.parse("某市政府公告\n發文日期：中華民國108年1月25日\n發文字號：府都規字第1080000001號\n"
                             "主旨：公告某都市計畫案自108年1月28日起公開展覽30天。\n依據：都市計畫法第19條。\n")  # constructed
    assert notice.meta.signed is not None and notice.meta.signed.iso == "2019-01-25"


def test_a_pipe_row_with_the_document_number_and_a_notices_date() -> None:
    """Constructed: 发布文号 in a flattened header table is the 文号; 公告日 dates a Taiwan procurement notice."""
    report = govreport.parse("索引号 | 0000001/202110-00013 | 组配分类 | 公开制度 |\n"
                             "发布文号 | 某办函〔2021〕30号 | 关键词 | 公开制度 |\n"
                             "某县2021年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息120条。\n")
    assert report.meta.doc_number == "某办函〔2021〕30号"
    assert report.meta.fields["关键词"] == "公开制度"
    notice = govreport.parse("更正決標公告\n公告日：108/09/27\n[機關名稱]某市某區公所\n本案決標金額新臺幣120萬元。\n")
    assert notice.meta.published is not None and notice.meta.published.iso == "2019-09-27"


def test_an_empty_attachment_field_closing_the_page_is_no_body() -> None:
    """Constructed: a portal template's 附件： with nothing under it, above the footer, is not the last body line;
    附件： with its list under it stays body."""
    empty = govreport.parse("某县统计公报\n一、综合\n全年生产总值100亿元。\n附件：\n扫一扫在手机打开当前页\n")
    assert empty.text.splitlines()[-1] == "全年生产总值100亿元。"
    listed = govreport.parse("某县通知\n一、综合\n全年生产总值100亿元。\n附件：\n1.某某统计表\n")
    assert listed.text.splitlines()[-2:] == ["附件：", "1.某某统计表"]
