"""Header fields, navigation, widgets, footers and signature blocks."""

from __future__ import annotations

import pytest

import govreport
from govreport.boilerplate import field_items, is_footer, is_navigation, is_widget
from govreport.records import Line


def fields(text: str) -> list[tuple[str, str]]:
    return [(label, value) for label, value, _ in field_items(Line.of(0, 0, text))]


@pytest.mark.parametrize(("line", "expected"), [
    ("发布日期:2021-01-25    浏览次数:    信息来源:市科学技术局     作者:字号:[ ]",
     [("发布日期", "2021-01-25"), ("浏览次数", ""), ("信息来源", "市科学技术局"), ("作者", ""), ("字号", "")]),
    ("发布时间：2021-01-20 09:30\xa0\xa0信息来源：县政府办公室",
     [("发布时间", "2021-01-20 09:30"), ("信息来源", "县政府办公室")]),
    ("索引号 001008009005001/2021-179790", [("索引号", "001008009005001/2021-179790")]),
    ("组配分类 市政府工作报告 发布机构 市政府办公室", [("组配分类", "市政府工作报告"), ("发布机构", "市政府办公室")]),
    ("發佈日期：2021年01月15日　來源：法務處", [("發佈日期", "2021年01月15日"), ("來源", "法務處")]),
    ("文号：舟政发〔2019〕31号　　成文日期：2019-11-20", [("文号", "舟政发〔2019〕31号"), ("成文日期", "2019-11-20")]),
    # labels padded to one width, and header tables flattened to |-separated cells (constructed)
    ("索 引 号：000014349/2018-00213", [("索引号", "000014349/2018-00213")]),
    ("标　　题：关于某某工作的通知", [("标题", "关于某某工作的通知")]),
    ("索 引 号 | 1162/2025-48086 | 主题分类 | 其他 |", [("索引号", "1162/2025-48086"), ("主题分类", "其他")]),
    ("文号 | 成文日期: | 2025年04月15日 | |", [("文号", ""), ("成文日期", "2025年04月15日")]),
    ("文 号 | 有 效 性 |", [("文号", ""), ("有效性", "")]),
    ("湖南司法厅 sft.hunan.gov.cn 时间:2021年01月19日 11:00", [("时间", "2021年01月19日 11:00")]),
])
def test_header_fields(line: str, expected: list[tuple[str, str]]) -> None:
    assert fields(line) == expected


@pytest.mark.parametrize("line", ["2020年，我局认真贯彻落实", "一、总体要求", "时间过得很快，来源于群众"])
def test_not_header_fields(line: str) -> None:
    assert fields(line) == []


@pytest.mark.parametrize(("line", "kind"), [
    ("当前位置:首页", "navigation"), ("> 计划公报 > 年度总结", "navigation"), ("首页 > 政务公开 > 通知公告", "navigation"),
    ("打印本页 关闭窗口", "widget"), ("【打印】【关闭】", "widget"), ("列印本頁　關閉視窗", "widget"),
    ("扫一扫在手机打开当前页", "widget"), ("字号：【大 中 小】", "widget"),
    ("主办单位：舟山市科学技术局", "footer"), ("浙ICP备05003373号", "footer"), ("网站地图 | 联系我们", "footer"),
    ("Produced By 大汉网络 大汉版通发布系统", "footer"),
])
def test_cues(line: str, kind: str) -> None:
    checks = {"navigation": is_navigation, "widget": is_widget, "footer": is_footer}
    assert checks[kind](line)


@pytest.mark.parametrize("line", ["一、总体要求", "全年办理案件8件。", "舟山市科学技术局"])
def test_body_is_no_cue(line: str) -> None:
    assert not (is_navigation(line) or is_widget(line) or is_footer(line))


SIGNATURES = [
    ("org then date", "正文内容到此结束。\n舟山市科学技术局\n2020年12月29日", "舟山市科学技术局", "2020-12-29"),
    ("damaged date", "正文内容到此结束。\n舟山市科学技术局\n2020年1229", "舟山市科学技术局", "2020-12-29"),
    ("Chinese numerals", "正文。\n\n舟山市人民政府\n二〇一九年十一月二十日", "舟山市人民政府", "2019-11-20"),
    ("two issuers", "正文。\n中共舟山市委办公室\n舟山市人民政府办公室\n2021年3月1日",
     "中共舟山市委办公室 舟山市人民政府办公室", "2021-03-01"),
    ("two issuers a blank line apart", "正文。\n\n中共舟山市委办公室\n\n舟山市人民政府办公室\n\n2021年3月1日",
     "中共舟山市委办公室 舟山市人民政府办公室", "2021-03-01"),
    ("issuer and date on one line", "正文。\n舟山市司法局　2021年2月3日", "舟山市司法局", "2021-02-03"),
    ("date alone", "正文。\n2020年12月30日", None, "2020-12-30"),
    ("date above the issuer", "正文内容到此结束。\n2021年3月1日\n舟山市司法局", "舟山市司法局", "2021-03-01"),
    ("note below", "正文。\n舟山市人民政府办公室\n2021年3月12日\n（此件公开发布）", "舟山市人民政府办公室", "2021-03-12"),
]


@pytest.mark.parametrize(("name", "text", "issuer", "signed"), SIGNATURES, ids=[s[0] for s in SIGNATURES])
def test_signature_block(name: str, text: str, issuer: str | None, signed: str) -> None:
    report = govreport.parse(text)
    assert report.meta.issuer == issuer
    assert report.meta.signed is not None and report.meta.signed.iso == signed
    assert report.signature is not None
    assert report.signature.text not in report.text
    assert report.text.startswith("正文")


def test_repaired_signature_date_is_warned_with_its_span() -> None:
    text = "正文。\n舟山市科学技术局\n2020年1229"
    report = govreport.parse(text)
    [warning] = report.warnings
    assert warning.code == "date-repaired" and warning.span is not None
    assert text[warning.span[0]:warning.span[1]] == "2020年1229"
    assert report.meta.signed is not None and report.meta.signed.repaired


def test_no_signature_when_the_last_line_is_prose() -> None:
    report = govreport.parse("一、总体要求\n全年完成任务。")
    assert report.signature is None and report.meta.issuer is None


def test_title_is_picked_over_site_name_and_menus() -> None:
    text = ("舟山市科学技术局\n首页\n政务公开\n当前位置：首页 > 通知公告\n关于开展2021年度科技项目申报工作的通知\n"
            "发布日期：2021-03-01 来源：市科技局\n各有关单位：\n现将有关事项通知如下。")
    report = govreport.parse(text)
    assert report.meta.title == "关于开展2021年度科技项目申报工作的通知"
    assert report.meta.breadcrumb == ["首页", "通知公告"]
    assert report.text.splitlines()[0] == "各有关单位："


def test_empty_author_is_null_and_other_fields_are_kept() -> None:
    report = govreport.parse("标题很长的工作报告\n发布日期：2021-01-25 作者： 索引号：123/2021-1\n正文第一段内容很长，包含标点。")
    assert report.meta.author is None
    assert report.meta.fields == {"索引号": "123/2021-1"}


@pytest.mark.parametrize(("text", "title"), [
    ("标题：关于开展检查的通知\n发布日期：2021-01-01\n各单位：\n现将有关事项通知如下。", "关于开展检查的通知"),
    ("关于开展2021年度安全生产大检查的通知\n标题：关于开展2021年度安全…\n各单位：\n现将有关事项通知如下。",
     "关于开展2021年度安全生产大检查的通知"),
])
def test_title_header_field(text: str, title: str) -> None:
    assert govreport.parse(text).meta.title == title


def test_slash_breadcrumb_and_record_lines_after_the_signature() -> None:
    text = ("当前位置：首页 / 政务公开 / 通知公告\n关于做好2022年防汛工作的通知\n各单位：\n现将有关事项通知如下。\n一、提高认识\n"
            "舟山市人民政府办公室\n2022年5月1日\n抄送：市委办公室，市人大常委会办公室。\n"
            "舟山市人民政府办公室　　　2022年5月2日印发\n[ 打印 ] [ 关闭 ]")
    report = govreport.parse(text)
    assert report.meta.breadcrumb == ["首页", "政务公开", "通知公告"]
    assert (report.meta.issuer, report.meta.signed and report.meta.signed.iso) == ("舟山市人民政府办公室", "2022-05-01")
    assert [r.kind for r in report.removed if "抄送" in r.text or "印发" in r.text] == ["note", "note"]
    assert "抄送" not in report.text


def test_a_date_leading_the_header_line_is_the_publication_date() -> None:
    text = "关于做好防汛工作的通知\n2021-06-01 10:20　来源：市水利局　浏览次数：12\n各单位：\n现将有关事项通知如下。"
    report = govreport.parse(text)
    assert report.meta.published is not None and report.meta.published.raw == "2021-06-01 10:20"
    assert report.meta.source == "市水利局"
    assert report.meta.title == "关于做好防汛工作的通知"


def test_a_bare_date_under_the_title_is_the_publication_date() -> None:
    report = govreport.parse("关于做好防汛工作的通知\n2021年06月01日\n各单位：\n现将有关事项通知如下。")
    assert report.meta.published is not None and report.meta.published.iso == "2021-06-01"
    assert report.meta.title == "关于做好防汛工作的通知"


def test_issuer_and_subject_lines_make_one_title() -> None:
    text = ("当前位置：首页 > 通知公告\n舟山市人民政府办公室\n关于做好2022年防汛工作的通知\n发布日期：2022-05-01\n"
            "各县（区）人民政府：\n现将有关事项通知如下。")
    report = govreport.parse(text)
    assert report.meta.title == "舟山市人民政府办公室关于做好2022年防汛工作的通知"
    assert [r.text for r in report.removed if r.kind == "title"] == ["舟山市人民政府办公室", "关于做好2022年防汛工作的通知"]


def test_fields_glued_together_by_inline_html() -> None:
    assert fields("发布时间：2021-03-01来源：市司法局浏览次数：作者：") == [
        ("发布时间", "2021-03-01"), ("来源", "市司法局"), ("浏览次数", ""), ("作者", "")]


def test_a_short_title_under_one_crumb_per_line_stays_the_title() -> None:
    report = govreport.parse("当前位置：\n首页\n>\n政务公开\n2021年工作总结\n全年完成各项任务。")
    assert report.meta.title == "2021年工作总结"
    assert report.meta.breadcrumb == ["首页", "政务公开"]


def test_written_date_field_signs_a_page_without_signature_block() -> None:
    report = govreport.parse("关于印发某办法的通知\n成文日期：2021-03-05　发布日期：2021-03-08\n各单位：\n现印发给你们，请遵照执行。")
    assert report.meta.signed is not None and report.meta.signed.iso == "2021-03-05"
    assert report.meta.published is not None and report.meta.published.iso == "2021-03-08"
    assert report.meta.issuer is None


def test_bare_widget_lines_between_signature_and_footer() -> None:
    text = ("关于做好防汛工作的通知\n各单位：\n现将有关事项通知如下。\n舟山市水利局\n2022年5月1日\n"
            "【打印】\n关闭\n【返回顶部】\n手机版\n主办单位：舟山市水利局")
    report = govreport.parse(text)
    assert (report.meta.issuer, report.meta.signed and report.meta.signed.iso) == ("舟山市水利局", "2022-05-01")
    assert report.text == "各单位：\n现将有关事项通知如下。"


def test_bulleted_header_fields() -> None:
    text = ("• 信息索引号:\n  • 文号:\n  • 发布机构:\n2021年度市政府重点工作任务半年度完成情况\n发布时间:2021-07-30 11:42\n"
            "信息来源:\n信息来源:市政府办公室\n\n一、经济运行\n全市地区生产总值同比增长12.5%。")
    report = govreport.parse(text)
    assert report.meta.title == "2021年度市政府重点工作任务半年度完成情况"
    assert report.meta.published is not None and report.meta.published.iso == "2021-07-30"
    assert report.meta.source == "市政府办公室"
    assert report.text == "一、经济运行\n全市地区生产总值同比增长12.5%。"


@pytest.mark.parametrize(("line", "body"), [
    ("文件类型：", False), ("所属主题:", False), ("各单位：", True), ("各位代表：", True), ("市政府各部门：", True),
    ("同志们：", True), ("主要做法如下：", True),
])
def test_an_empty_unknown_label_is_not_the_body_start(line: str, body: bool) -> None:
    from govreport.boilerplate import is_body_like

    assert is_body_like(line) is body


def test_header_fields_with_labels_outside_the_table() -> None:
    report = govreport.parse("当前位置：首页\n关于开展检查的通知\n文件类型：通知　　所属主题：安全生产\n各单位：\n现将有关事项通知如下。")
    assert report.meta.title == "关于开展检查的通知"
    assert report.meta.fields == {"文件类型": "通知", "所属主题": "安全生产"}
    assert report.text == "各单位：\n现将有关事项通知如下。"


def test_a_bracketed_source_line_closing_the_page() -> None:
    report = govreport.parse("关于开展检查的通知\n各单位：\n现将有关事项通知如下。\n（来源：市综合执法局）")
    assert report.meta.source == "市综合执法局"
    assert report.text == "各单位：\n现将有关事项通知如下。"


def test_header_table_one_cell_per_line() -> None:
    """A header table rendered one cell per line: each label alone, its value on the next line (constructed)."""
    text = ("索 引 号：\n000014349/2018-00213\n主题分类：\n综合政务\\其他\n成文日期：\n2018年12月04日\n"
            "标　　题：\n某某市人民政府关于2019年部分节假日安排的通知\n发文字号：\n某政发〔2018〕15号\n"
            "发布日期：\n2018年12月06日\n主 题 词：\n某某市人民政府关于2019年\n部分节假日安排的通知\n"
            "各区人民政府：\n现将2019年节假日安排通知如下。\n一、元旦：1月1日放假，共1天。\n")
    report = govreport.parse(text)
    assert report.meta.title == "某某市人民政府关于2019年部分节假日安排的通知"
    assert report.meta.doc_number == "某政发〔2018〕15号"
    assert report.meta.published is not None and report.meta.published.iso == "2018-12-06"
    assert report.meta.fields["索引号"] == "000014349/2018-00213"
    assert report.meta.fields["主题词"] == ""  # the title block below an empty 主题词 is not its value
    assert "索 引 号" not in report.text and "000014349" not in report.text
    assert report.text.startswith("各区人民政府：")


@pytest.mark.parametrize("html", [False, True])
def test_a_date_under_an_empty_author_label_is_the_page_date(html: bool) -> None:
    """A byline rendered one cell per line (constructed): 作者： is empty, and the date under it is the
    page's date, not the author; a <meta name="author"> naming the site does not fill the empty field."""
    lines = ["某某网 > 时政新闻 >", "某某座谈会在京召开", "来源：新华社", "作者：", "2023-12-01 14:43",
             "新华社北京11月30日电 座谈会30日上午在北京召开。", "会议强调，要推动各项工作取得新的突破。"]
    if html:
        page = ('<html><head><meta charset="utf-8"><meta name="author" content="某某网"><title>某某座谈会在京召开</title>'
                "</head><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>")
        report = govreport.parse_bytes(page.encode("utf-8"), path="page.html")
    else:
        report = govreport.parse("\n".join(lines) + "\n")
    assert report.meta.author is None
    assert report.meta.published is not None and report.meta.published.iso == "2023-12-01"
    assert report.meta.source == "新华社"
    assert report.text.startswith("新华社北京11月30日电")


def test_publication_date_prefers_fabu_riqi() -> None:
    text = "生成日期：2021-03-15\n发布日期：2021-03-16\n关于某某的通知\n各单位：\n现将有关事项通知如下。\n"
    report = govreport.parse(text)
    assert report.meta.published is not None and report.meta.published.iso == "2021-03-16"
    assert report.meta.fields["生成日期"] == "2021-03-15"


@pytest.mark.parametrize(("name", "closing", "issuer", "signed"), [
    ("issuer and date", "某县人民政府\n2023年3月9日\n（此件公开发布）\n", "某县人民政府", "2023-03-09"),
    ("note between issuer and date", "某县人民政府办公室\n（此件公开发布）\n二〇一七年六月二十三日\n", "某县人民政府办公室", "2017-06-23"),
    ("date only", "2020年7月8日\n", None, "2020-07-08"),
])
def test_signature_of_a_notice_before_its_attached_plan(name: str, closing: str, issuer: str | None,
                                                        signed: str) -> None:
    """A notice, its signature, then the plan it issues (constructed): the signature stands mid-page,
    and the plan's numbering starts again at level 1."""
    text = ("关于印发某县应急预案的通知\n各乡镇人民政府：\n现将《某县应急预案》印发给你们，请认真贯彻执行。\n" + closing
            + "某县应急预案\n一、总则\n为做好应急工作，制定本预案。\n二、组织体系\n县政府统一领导。\n")
    report = govreport.parse(text)
    assert report.meta.issuer == issuer
    assert report.meta.signed is not None and report.meta.signed.iso == signed
    assert report.signature is not None and report.signature.text not in report.text
    assert [(n.level, n.marker) for n in report.outline] == [(1, "一、"), (1, "二、")]
    assert "某县应急预案" in report.text.splitlines()


@pytest.mark.parametrize("label", ["附：", "附:", "附件："])
def test_signature_above_an_attachment_label(label: str) -> None:
    """An older notice labels what it attaches with 附： (constructed): the issuer and date above the
    label still sign the notice, and the attached rules number from level 1."""
    text = ("某省人民政府关于印发《某省公文处理实施细则》的通知\n各市人民政府：\n"
            "现将《某省公文处理实施细则》印发你们，自2001年1月1日起施行。\n某省人民政府\n二○○○年十二月二十五日\n"
            f"{label}《某省公文处理实施细则》\n第一章 总则\n第一条 为做好公文处理工作，制定本细则。\n"
            "第二条 本细则适用于全省各级行政机关。\n")
    report = govreport.parse(text)
    assert report.meta.issuer == "某省人民政府"
    assert report.meta.signed is not None and report.meta.signed.iso == "2000-12-25"
    assert [(n.level, n.marker) for n in report.outline] == [(1, "第一章")]
    assert [n.marker for n in report.outline[0].children] == ["第一条", "第二条"]


@pytest.mark.parametrize(("head", "title", "doc_number"), [
    ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n",
     "西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知", "西政办〔2020〕20号"),
    ("全国人民代表大会常务委员会\n关于批准财政部发行特别国债购买外汇及\n调整2007年末国债余额限额的决议\n",
     "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议", None),
    ("梁政发【2023】7号关于印发梁山县突发事件总体应急预案的通知\n", "关于印发梁山县突发事件总体应急预案的通知",
     "梁政发【2023】7号"),
    ("鲁政发〔2014〕20号《山东省人民政府关于深化预算管理制度改革的实施意见》\n",
     "山东省人民政府关于深化预算管理制度改革的实施意见", "鲁政发〔2014〕20号"),
    ("懷政辦發〔2023〕9號\n懷化市人民政府辦公室關于印發實施方案的通知\n", "懷化市人民政府辦公室關于印發實施方案的通知", "懷政辦發〔2023〕9號"),
])
def test_title_block(head: str, title: str, doc_number: str | None) -> None:
    """Title blocks as portals lay them out (the title and number forms are real, the pages constructed)."""
    report = govreport.parse(head + "各有关单位：\n现将有关事项通知如下，请认真贯彻执行。\n")
    assert report.meta.title == title
    assert report.meta.doc_number == doc_number
    assert report.text.startswith("各有关单位")


def test_link_box_and_counter_after_the_article_are_footer() -> None:
    """Below the article: a share widget, a related-links box of short site names, the title again and a
    visitor counter (constructed in the shape of gov.cn and provincial pages)."""
    text = ("某区召开法治政府建设推进会\n会议强调，要切实提高政治站位，把各项任务落到实处。\n"
            "扫一扫在手机打开当前页\n相关稿件\n国务院部门网站\n中国科学院\n某区召开法治政府建设推进会\n14142766\n")
    report = govreport.parse(text)
    assert report.text == "会议强调，要切实提高政治站位，把各项任务落到实处。"
    assert [r.text for r in report.removed][-2:] == ["某区召开法治政府建设推进会", "14142766"]


def test_a_sidebar_of_headlines_under_the_editor_line_is_footer() -> None:
    """A news page whose article ends with 编辑： and a sidebar of linked headlines under 更多>> boxes,
    some headlines longer than a site name (constructed in the shape of a news portal)."""
    text = ("某某座谈会在京召开\n来源：新华社\n会议强调，要加强科技创新和产业创新深度融合，培育发展新动能。\n"
            "有关部门负责同志参加座谈会。\n编辑：王某\n无标题文档\n时政新闻\n更多>>\n"
            "某某杂志发表重要文章《时刻保持解决大党独有难题的清醒和坚定，把党的自我革命进行到底》\n"
            "某某同某国总统会谈\n专题\n更多>>\n全国科技活动周 - National Science and Technology Week\n"
            "关于我们\n联系我们\n版权所有：某某网\n")
    report = govreport.parse(text)
    assert report.text.splitlines() == ["会议强调，要加强科技创新和产业创新深度融合，培育发展新动能。", "有关部门负责同志参加座谈会。"]
    assert report.meta.fields.get("编辑") == "王某"
    assert {r.rule for r in report.removed if r.text == "更多>>"} == {"widget-cue"}


def test_a_share_widget_above_a_list_does_not_swallow_it() -> None:
    text = "分享到：\n一、总体要求\n二、主要任务\n三、保障措施\n"
    assert [n.marker for n in govreport.parse(text).outline] == ["一、", "二、", "三、"]


def test_header_fields_glued_to_the_notice_body_are_split_at_its_first_label() -> None:
    """A 公告 whose crawler glued the header fields to its 主旨 (constructed in that shape)."""
    text = ("發文日期：中華民國107年12月19日發文字號：府都綜字第1071396815A號附件：計畫書1份主旨：某計畫自即日起發布實施，特此公告。\n"
            "依據：一、都市計畫法第21條。二、內政部函。\n")
    report = govreport.parse(text)
    assert report.meta.doc_number == "府都綜字第1071396815A號"
    assert report.meta.signed is not None and report.meta.signed.iso == "2018-12-19"
    assert report.text.startswith("主旨：某計畫")
    assert [(n.level, n.marker, n.kind) for n in report.outline] == [(1, "一、", "item"), (1, "二、", "item")]


def test_no_title_line_means_no_title_not_a_subtitle_or_byline() -> None:
    text = "——2016年1月6日在某市第十五屆人民代表大會第五次會議上\n市長 王某\n各位代表:\n現在，我代表市人民政府向大會報告工作。\n"
    report = govreport.parse(text)
    assert report.meta.title is None
    assert report.text.startswith("各位代表")


def test_label_value_lines_are_not_titles_and_padded_bare_labels_are_fields() -> None:
    text = ("某县审计局2020年部门决算\n保密审查情况:已审查\n部门主要负责人审签情况:已审签\n"
            "公开目录 县区年度报告 发布日期 2021-02-20 09:00\n名  称 某县审计局2020年部门决算\n"
            "根据有关规定，现公开本局2020年部门决算。\n")
    report = govreport.parse(text)
    assert report.meta.title == "某县审计局2020年部门决算"
    assert report.meta.published is not None and report.meta.published.iso == "2021-02-20"


def test_bracketed_labels_of_law_databases_are_header_fields() -> None:
    text = "【发布部门】某省高级人民法院【发文字号】某法发[2019]7号【发布日期】2019.01.24【效力级别】工作文件\n2019年是关键之年，总的工作要求是坚持依法治理。\n"
    report = govreport.parse(text)
    assert report.meta.doc_number == "某法发[2019]7号"
    assert report.meta.published is not None and report.meta.published.iso == "2019-01-24"
    assert report.meta.title is None and report.text.startswith("2019年是关键之年")


@pytest.mark.parametrize("line", ["某街道2020年法治政府建设情况.docx", "请输入搜索", "点击收听年报语音朗读", "欢迎来到某某市中医医院"])
def test_page_furniture_is_never_the_title(line: str) -> None:
    report = govreport.parse(line + "\n某街道2020年法治政府建设情况报告\n2020年，在区委、区政府的正确领导下，街道严格依法行政。\n")
    assert report.meta.title == "某街道2020年法治政府建设情况报告"


def test_title_block_across_blank_lines_with_its_clause_begun_two_lines_up() -> None:
    text = ("某省人民政府办公厅关于印发某省\n\n进一步支持民间投资发展\n\n实施方案的通知\n\n某府办〔2023〕5号\n\n"
            "各地级以上市人民政府：\n现将方案印发给你们，请认真组织实施。\n")
    report = govreport.parse(text)
    assert report.meta.title == "某省人民政府办公厅关于印发某省进一步支持民间投资发展实施方案的通知"
    assert report.meta.doc_number == "某府办〔2023〕5号"


def test_every_removed_stretch_names_the_rule_that_removed_it() -> None:
    """A constructed page: each dropped line says which cue dropped it."""
    from govreport.boilerplate import layout
    from govreport.lines import split_lines

    page = ("当前位置：首页 > 政务公开 > 通知公告\n"
            "某某市人民政府办公室关于做好2021年防汛工作的通知\n"
            "发布日期：2021-05-06  信息来源：市政府办公室\n"
            "打印本页 关闭窗口\n"
            "一、总体要求\n"
            "各地各部门要切实做好防汛工作，确保安全度汛。\n"
            "某某市人民政府办公室\n"
            "2021年5月6日\n"
            "（此件公开发布）\n"
            "主办单位：某某市人民政府办公室\n")
    lay = layout(split_lines(page))
    rules = {s.text: (s.kind, s.rule) for s in lay.removed}
    assert rules["当前位置：首页 > 政务公开 > 通知公告"] == ("navigation", "navigation-cue")
    assert rules["某某市人民政府办公室关于做好2021年防汛工作的通知"] == ("title", "title")
    assert rules["发布日期：2021-05-06  信息来源：市政府办公室"] == ("header", "header-field")
    assert rules["打印本页 关闭窗口"] == ("widget", "widget-cue")
    assert rules["（此件公开发布）"] == ("note", "signature-note")
    assert rules["主办单位：某某市人民政府办公室"] == ("footer", "footer-cue")
    assert all(s.rule for s in lay.removed)


def test_a_damaged_document_number_is_kept_as_written_with_a_warning() -> None:
    """Constructed: a scrape lost the 〕 and 号 of the number under the title (牟政办发〔201746 on a
    real page). It is meta.doc_number as written, removed as the doc-number line, and warned of;
    a whole number gives no warning."""
    damaged = govreport.parse("某某县人民政府办公室关于印发某某预案的通知\n某政办发〔201746\n各乡镇人民政府：\n现将预案印发给你们，请认真贯彻执行。")
    assert damaged.meta.doc_number == "某政办发〔201746"
    assert [w.code for w in damaged.warnings] == ["doc-number-damaged"]
    assert any(r.rule == "doc-number" and r.text == "某政办发〔201746" for r in damaged.removed)
    whole = govreport.parse("某某县人民政府办公室关于印发某某预案的通知\n某政办发〔2017〕46号\n各乡镇人民政府：\n现将预案印发给你们。")
    assert whole.meta.doc_number == "某政办发〔2017〕46号" and whole.warnings == []


def test_the_portals_notice_about_itself_below_a_widget_is_footer() -> None:
    """Constructed: under the article's share widget the portal shows a notice about its own
    upgrade; it is footer there. The same words ending a report with no cue below the body stay
    body (a disclosure report may say the site was upgraded)."""
    page = ("某某县召开座谈会\n会议听取了各方面的意见建议，与会代表踊跃发言。\n扫一扫在手机打开当前页\n"
            "关于某某县人民政府网站(新版)内测的公告\n某某县人民政府网站正在进行全面改版升级,内测期间,网站部分栏目还在不断调整")
    report = govreport.parse(page)
    assert "内测" not in report.text and "踊跃发言" in report.text
    assert [r.rule for r in report.removed if "网站" in r.text] == ["below-footer", "below-footer"]
    body = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n全年完成政府网站改版升级，新版网站于6月上线运行。"
    assert "改版升级" in govreport.parse(body).text
