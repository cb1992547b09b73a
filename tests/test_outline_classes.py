"""The outline classes real pages showed (issue 18), each on a constructed page run through
``govreport.parse``. The texts are written for these tests; the real pages of each class are in
../shared/corpus (bulk/tw_laws, bulk/pkulaw_policies, bulk/gwr_wikisource, docs)."""

from __future__ import annotations

import json

import pytest

import govreport
from tests.invariants import shape


def outline(text: str) -> list[tuple[int, str, str]]:
    """(level, marker, title) of every node, in document order."""
    return [(level, marker, title) for _, level, marker, title in shape(govreport.parse(text))]


def codes(text: str) -> list[str]:
    return [w.code for w in govreport.parse(text).warnings]


ARTICLES = [
    ("an article alone on its line, its text below",
     "某某管理办法\n第一章 总则\n第一条\n为了规范管理，制定本办法。\n第二条\n本办法适用于全市。\n第二章 附则\n第三条\n本办法自发布之日起施行。",
     [(1, "第一章", "总则"), (2, "第一条", ""), (2, "第二条", ""), (1, "第二章", "附则"), (2, "第三条", "")]),
    ("an article alone on its line takes a short heading line below as its title",
     "某某规范\n第一条\n总体要求\n本规范适用于全市。\n第二条\n加强管理。严格执行。",
     [(1, "第一条", "总体要求"), (1, "第二条", "")]),
    ("an article with its text on its line",
     "某某管理办法\n第一条　为了规范管理，制定本办法。\n第二条　本办法适用于全市。",
     [(1, "第一条", "为了规范管理，制定本办法"), (1, "第二条", "本办法适用于全市")]),
    ("the law-database layout: spaces inside the marker, Arabic and Chinese numerals",
     "某某法\n第 一 章 總則\n第 1 條\n為規範管理，特制定本法。\n第 2 條\n本法用詞定義如下︰\n一、下水：指排水。\n二、其他。"
     "\n第 二 章 罰則\n第 3 條\n本法自公布日施行。",
     [(1, "第 一 章", "總則"), (2, "第 1 條", ""), (2, "第 2 條", ""), (3, "一、", "下水"), (3, "二、", "其他"),
      (1, "第 二 章", "罰則"), (2, "第 3 條", "")]),
    ("an inserted article keeps its namesake's number and the run goes on",
     "某某條例\n第 1 條\n本條例依法制定。\n第 1-1 條\n本條例之主管機關為內政部。\n第 2 條\n本條例自公布日施行。",
     [(1, "第 1 條", ""), (1, "第 1-1 條", ""), (1, "第 2 條", "")]),
    ("a code's articles past 999, in Arabic and in Chinese numerals",
     "某某民法\n第 999 條\n甲。\n第 1000 條\n乙。\n第 1001 條\n丙。",
     [(1, "第 999 條", ""), (1, "第 1000 條", ""), (1, "第 1001 條", "")]),
    ("Chinese numerals of seven characters",
     "某某民法典\n第九百九十九条　甲。\n第一千条　乙。\n第一千二百五十九条　丙。\n第一千二百六十条　本法自公布之日起施行。",
     [(1, "第九百九十九条", "甲"), (1, "第一千条", "乙"), (1, "第一千二百五十九条", "丙"),
      (1, "第一千二百六十条", "本法自公布之日起施行")]),
    ("books above chapters",
     "某某訴訟法\n第 一 編 總則\n第 一 章 法例\n第 1 條\n本法依法制定。\n第 二 編 第一審\n第 一 章 公訴\n第 2 條\n本法施行。",
     [(1, "第 一 編", "總則"), (2, "第 一 章", "法例"), (3, "第 1 條", ""), (1, "第 二 編", "第一審"),
      (2, "第 一 章", "公訴"), (3, "第 2 條", "")]),
    ("Markdown bold around an article marker alone: its title is the sentence after it",
     "# 某某管理办法\n\n## 第一章 总则\n\n**第一条** 为了规范管理，制定本办法。\n\n**第二条** 本办法适用于全市。",
     [(1, "第一章", "总则"), (2, "第一条", "为了规范管理，制定本办法"), (2, "第二条", "本办法适用于全市")]),
    ("Markdown headings: the # and ** are read past",
     "某某工作报告\n## 第一章 总则\n**一、总体情况**\n今年完成了任务。\n**二、主要做法**\n我们做了很多。\n### （一）加强领导\n内容如下。",
     [(1, "第一章", "总则"), (2, "一、", "总体情况"), (2, "二、", "主要做法"), (3, "（一）", "加强领导")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), ARTICLES, ids=[c[0] for c in ARTICLES])
def test_articles_and_chapters(name: str, text: str, expected: list[tuple[int, str, str]]) -> None:
    assert outline(text) == expected


def test_an_inserted_article_is_no_numbering_gap() -> None:
    text = "某某條例\n第 1 條\n本條例依法制定。\n第 1-1 條\n本條例之主管機關為內政部。\n第 2 條\n本條例自公布日施行。"
    assert "numbering-gap" not in codes(text)
    assert "numbering-gap" in codes(text.replace("第 2 條", "第 3 條"))


def test_markdown_lead_stays_outside_the_marker_span() -> None:
    text = "某某工作报告\n## 第一章 总则\n本章内容。"
    node = govreport.parse(text).outline[0]
    assert text[node.span[0]:node.span[0] + 3] == "第一章"
    assert node.title == "总则"


PARTS = [
    ("a part with its title glued to the marker",
     "某局2024年度单位决算\n第一部分单位概况\n一、主要职责\n负责全县工作。\n第二部分2024年度单位决算情况说明\n一、收入支出决算总体情况\n"
     "收入总计100万元。",
     [(1, "第一部分", "单位概况"), (2, "一、", "主要职责"), (1, "第二部分", "2024年度单位决算情况说明"),
      (2, "一、", "收入支出决算总体情况")]),
    ("a 目录 with a header field before its entries, the body repeating it",
     "某局2024年度单位决算\n目录\n公开时间:2025年10月15日\n第一部分单位概况\n一、主要职责\n二、机构设置\n第二部分单位决算情况说明\n"
     "第一部分单位概况\n一、主要职责\n负责全县工作。\n二、机构设置\n下设办公室。",
     [(1, "第一部分", "单位概况"), (2, "一、", "主要职责"), (2, "二、", "机构设置")]),
    ("a traditional-character 目錄 whose first part the body repeats with its title below",
     "某局2024年度部門決算\n目錄\n第一部分某局部門概況\n一、部門職責\n第二部分部門決算表\n一、收入支出決算總表\n二、收入決算表\n"
     "第一部分\n某局部門概況\n一、部門職責\n（一）負責全縣工作。",
     [(1, "第一部分", "某局部門概況"), (2, "一、", "部門職責"), (3, "（一）", "負責全縣工作")]),
    ("a 目录 whose entries are not all markers, up to where the body repeats its first entry",
     "某区2022年决算公开\n目 录\n第一部分 决算报告\n第二部分 决算报表\n1、2022年度一般公共预算收入表\n2、2022年度一般公共预算支出表\n"
     "第三部分 相关说明\n第一部分 决算报告\n一、收入情况\n全年收入100万元。",
     [(1, "第一部分", "决算报告"), (2, "一、", "收入情况")]),
    ("a page cut right after its 目录, entries set with dot leaders and page numbers",
     "某局2023年度单位决算\n目录\n公开时间:2024年9月20日\n第一部分 单位概况..................3\n一、主要职责.....................\n"
     "二、机构设置.....................\n第二部分 单位决算情况说明............5\n一、收入支出决算总体情况说明..........",
     []),
    ("a part with a colon before its title, first line of the body",
     "某某单位2023年度部门预算\n第一部分：单位概况\n一、主要职能\n负责全市工作。\n第二部分：预算说明\n一、收支预算\n收入100万元。",
     [(1, "第一部分", "单位概况"), (2, "一、", "主要职能"), (1, "第二部分", "预算说明"), (2, "一、", "收支预算")]),
    ("a table of contents with dot leaders and page numbers and no 目录 label, the body repeating it",
     "某某单位2023年度部门决算\n第一部分 单位概况……………………3\n第二部分 决算表……………………5\n第一部分 单位概况\n"
     "一、主要职能\n负责全市工作。\n第二部分 决算表\n见附表。",
     [(1, "第一部分", "单位概况"), (2, "一、", "主要职能"), (1, "第二部分", "决算表")]),
    ("a table of contents with dot leaders and no 目录 label, the page cut right after it",
     "某某单位2023年度部门决算\n第一部分 单位概况........3\n第二部分 决算表........5\n第三部分 情况说明........9", []),
    ("a traditional table of contents headed 目次, the body repeating it",
     "某某機關年度施政計畫\n目次\n壹、施政目標\n貳、施政重點\n參、預期成效\n壹、施政目標\n提升效能。\n貳、施政重點\n一、推動數位治理。\n"
     "參、預期成效\n民眾滿意度提升。",
     [(1, "壹、", "施政目標"), (1, "貳、", "施政重點"), (2, "一、", "推動數位治理"), (1, "參、", "預期成效")]),
    ("table of contents entries whose dot leaders and page numbers wrapped onto the next line",
     "某某局2023年度部门决算\n目录\n第一部分 单位概况\n………………3\n第二部分 决算情况说明\n………………5\n第一部分 单位概况\n"
     "一、主要职责\n负责全县工作。\n第二部分 决算情况说明\n收入100万元。",
     [(1, "第一部分", "单位概况"), (2, "一、", "主要职责"), (1, "第二部分", "决算情况说明")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), PARTS, ids=[c[0] for c in PARTS])
def test_parts_and_tables_of_contents(name: str, text: str, expected: list[tuple[int, str, str]]) -> None:
    assert outline(text) == expected


def test_a_header_field_inside_a_table_of_contents_is_a_field() -> None:
    report = govreport.parse(PARTS[1][1])
    assert report.meta.published is not None and report.meta.published.iso == "2025-10-15"
    assert any(r.rule == "header-field" and r.text.startswith("公开时间") for r in report.removed)


def test_a_glued_part_marker_in_a_sentence_is_no_heading() -> None:
    assert outline("某局工作总结\n第一部分人员参加了培训，第二部分人员值班。") == []


def _style_ids() -> list[str]:
    from govreport.rules.markers import STYLES

    return [s.id for s in STYLES]


@pytest.mark.parametrize("style_id", _style_ids())
def test_every_style_example_is_read_through_the_parser(style_id: str) -> None:
    """Each style's examples open a node of that style, and its counter-examples none, in a parsed page
    (a weak style's examples together, as the run of 1 and 2 it needs)."""
    from govreport.rules.markers import BY_ID, MARKDOWN_LEAD

    style = BY_ID[style_id]
    tail = "，确保各项工作落到实处。"  # a sentence, so that no short line reads as part of the title block
    pages = ["\n".join(e + tail for e in style.examples)] if style.weak else list(style.examples)
    for page in pages:
        nodes = govreport.parse(f"某某工作总结\n{page}").outline
        assert nodes and nodes[0].style == style_id, (page, nodes[:1])
    for counter in style.counter:
        assert not [n for n in govreport.parse(f"某某工作总结\n{counter}").outline if n.style == style_id], counter
    if style.inline is not None:  # the inline scan's guard holds every character the style's markers start with
        import re

        inline = re.compile((style.inline_pattern or "").replace("(?P<n>", "(?:"))
        for example in style.examples:
            at = re.match(MARKDOWN_LEAD, example).end()  # type: ignore[union-attr]
            if inline.match(example, at):
                assert example[at] in style.opens + style.glyphs, (style_id, example)


def test_one_character_parenthesised_numbers_are_arabic_paren() -> None:
    """Constructed: ⑴ ⑵ (one character each) as the spec settles them, headings and inline items."""
    text = "某某工作方案\n一、工作任务\n⑴加强组织领导\n成立领导小组。\n⑵完善工作制度\n健全制度体系。\n二、保障措施\n重点抓好：⑴抓落实；⑵抓督查。"
    report = govreport.parse(text)
    assert outline(text) == [(1, "一、", "工作任务"), (2, "⑴", "加强组织领导"), (2, "⑵", "完善工作制度"),
                             (1, "二、", "保障措施"), (2, "⑴", "抓落实"), (2, "⑵", "抓督查")]
    first = report.outline[0].children[1]
    assert (first.style, first.number) == ("arabic-paren", 2)
    assert not report.warnings


def test_a_page_that_holds_only_its_contents_keeps_them_as_text() -> None:
    report = govreport.parse(PARTS[4][1])
    assert report.outline == []
    assert "第一部分 单位概况" in report.text and "一、主要职责" in report.text
    assert report.meta.published is not None and report.meta.published.iso == "2024-09-20"


def test_a_line_that_opens_with_a_heading_marker_and_is_no_node_is_warned() -> None:
    """Constructed: a citation a line starts with, among 第 N 條 articles, is no node but is pointed at."""
    text = "某某法\n第 1 條\n本法依法制定。\n第 2 條\n主管機關之職掌如下：\n第四條規定之事項，由主管機關辦理。\n第 3 條\n本法自公布日施行。"
    report = govreport.parse(text)
    assert [n.marker for n in report.outline] == ["第 1 條", "第 2 條", "第 3 條"]
    unplaced = [w for w in report.warnings if w.code == "heading-unplaced"]
    assert len(unplaced) == 1 and unplaced[0].span is not None
    assert text[unplaced[0].span[0]:unplaced[0].span[1]] == "第四條規定之事項，由主管機關辦理。"
    assert "citation" in unplaced[0].message  # the page writes its articles 第 N 條: 第四條 is cited
    assert not [w for w in govreport.parse(text.replace("第四條規定之事項", "前條規定之事項")).warnings
                if w.code == "heading-unplaced"]


def test_a_run_of_headings_that_comes_again_is_a_toc_suspect() -> None:
    """Constructed: three headings with no 目录 label that the body repeats (too few to be removed as a
    table of contents) are kept as outline, with one toc-suspect warning over the first run."""
    text = "某某报告\n一、总体情况\n二、主要做法\n三、存在问题\n一、总体情况\n今年完成任务。\n二、主要做法\n做法很多。\n三、存在问题\n问题不少。"
    suspects = [w for w in govreport.parse(text).warnings if w.code == "toc-suspect"]
    assert len(suspects) == 1 and suspects[0].span is not None
    assert text[suspects[0].span[0]:suspects[0].span[1]] == "一、总体情况\n二、主要做法\n三、存在问题"
    once = "某某报告\n一、总体情况\n今年完成任务。\n二、主要做法\n做法很多。\n三、存在问题\n问题不少。"
    assert not [w for w in govreport.parse(once).warnings if w.code == "toc-suspect"]
    assert "table of contents" in suspects[0].message


def test_a_list_two_articles_share_is_not_called_a_table_of_contents() -> None:
    """Constructed: the same clauses under two articles (laws repeat them) are kept under each, and the
    warning says they are a shared list, not a table of contents."""
    clauses = "一、放火者。\n二、強制性交者。\n三、擄人勒贖者。\n"
    text = f"某某法\n第 1 條\n犯下列之罪者，不得假釋：\n{clauses}第 2 條\n犯下列之罪者，不適用前條：\n{clauses}第 3 條\n本法施行。"
    report = govreport.parse(text)
    assert [(n.marker, len(n.children)) for n in report.outline] == [("第 1 條", 3), ("第 2 條", 3), ("第 3 條", 0)]
    suspects = [w for w in report.warnings if w.code == "toc-suspect"]
    assert len(suspects) == 1 and "table of contents" not in suspects[0].message
    assert "share" in suspects[0].message


def test_a_wrapped_line_that_starts_with_a_quantity_is_no_decimal_heading() -> None:
    """Constructed: PDF text wraps a sentence right after its number, so lines start with 18.45 亿户 and
    854.2 万多条; they are quantities, and the page's real 1.1 / 1.2 headings stay its outline."""
    text = ("某某发展报告\n一、总体情况\n1.1 基础设施\n全国移动物联网终端用户数达到\n18.45 亿户，成为首个实现的国家。\n"
            "1.2 政务服务\n网络征求意见活动共收到\n854.2 万多条留言。")
    assert [(level, marker) for level, marker, _ in outline(text)] == [(1, "一、"), (2, "1.1"), (2, "1.2")]
    assert not [w for w in govreport.parse(text).warnings if w.code == "numbering-gap"]


def test_contents_entries_with_dot_leaders_and_no_page_number_are_contents() -> None:
    """Constructed: a 目 录 whose first line holds two entries (a PDF's 前 言...... 1 一、总体要求...... 2) and
    whose leaders lost some page numbers (三、建设内容......) is a table of contents, not outline."""
    text = ("某某标准体系建设指南\n目 录\n前 言" + "." * 60 + " 1 一、总体要求" + "." * 60 + " 2\n（一）基本原则................2\n"
            "（二）建设目标................3\n二、标准体系结构..............3\n三、建设内容....................\n"
            "（一）基础共性标准............5\n四、组织实施....................\n1\n前 言\n为加快推动发展，制定本指南。\n"
            "一、总体要求\n紧密围绕战略目标，建立健全标准体系。\n（一）基本原则\n统筹规划，分步实施。\n（二）建设目标\n到2025年，基本建成。\n"
            "二、标准体系结构\n标准体系由三部分组成。\n三、建设内容\n（一）基础共性标准\n包括术语标准。\n四、组织实施\n加强统筹协调。")
    assert outline(text) == [(1, "一、", "总体要求"), (2, "（一）", "基本原则"), (2, "（二）", "建设目标"),
                             (1, "二、", "标准体系结构"), (1, "三、", "建设内容"), (2, "（一）", "基础共性标准"),
                             (1, "四、", "组织实施")]
    assert any(r.rule == "toc-headed" and r.text.startswith("前 言") for r in govreport.parse(text).removed)
    assert any(r.rule == "toc-headed" and r.text.startswith("三、建设内容") for r in govreport.parse(text).removed)


def test_a_contents_block_after_lines_that_end_in_numbers_is_still_contents() -> None:
    """Constructed: a notice whose contact lines end in phone numbers, then the attached guide's title and
    its 目录: the contents are found from their 目录 line, not swallowed by the lines before it."""
    text = ("关于印发某某指南的通知\n各有关单位：\n现将《某某指南》印发给你们，请认真贯彻执行。\n联系人及电话：\n"
            "某某部某某司　张某 010-12345678\n某某委员会某某部 李某 010-87654321\n某某指南\n（2015年12月）\n目录\n"
            "一、 总体要求\n（一） 指导思想\n（二） 基本原则\n二、 建设思路\n（一） 系统架构\n三、 组织实施\n"
            "加快推进某某工作，是落实战略部署的重要举措。\n一、总体要求\n（一） 指导思想\n充分发挥标准的引导作用。\n"
            "（二） 基本原则\n统筹规划，分类施策。\n二、建设思路\n（一） 系统架构\n架构分为三个维度。\n三、组织实施\n加强统筹协调。")
    assert [m for _, m, _ in outline(text)] == ["一、", "（一）", "（二）", "二、", "（一）", "三、"]
    assert [w for w in govreport.parse(text).warnings if w.code == "toc-suspect"] == []

# --- lost and misplaced headings (constructed; real pages: bulk/pkulaw_policies/00178.txt lost two (一),
# docs/haikou-gongzuo-guize-2011.txt and raw/zc-raw-gov-guowuyuan-gongzuo-guize-2004.html number 一、 through
# their chapters) ---------------------------------------------------------------------------------------------

LOST_FIRST = ("某某行动方案\n一、总体要求\n（一）指导思想\n坚持创新驱动。\n（二）工作目标\n到2025年取得成效。\n三、重点任务\n"
              "实施重点企业培育工程。围绕产业链布局，培育一批领军企业，带动上下游协同发展。\n1.培育领军企业。支持企业做大做强。\n"
              "2.引进创新型企业。积极引进研究机构。\n（二）实施场景赋能工程。以场景应用带动产业发展。\n3.加快产品研发。\n"
              "四、保障措施\n加强组织协调。建立工作专班，统筹推进各项工作，定期调度进展。\n（二）加大政策支持。引导企业加大投入。\n")


def test_a_run_that_starts_at_two_under_its_parent_recovers_its_first_heading() -> None:
    """The paragraph right under 三、 reads as a heading sentence (实施……工程。) and the cn-paren run that
    follows starts at （二）: it is the lost （一）, and 1. 2. are its children, not 三、's."""
    report = govreport.parse(LOST_FIRST)
    third, fourth = report.outline[1], report.outline[2]
    assert [(c.marker, c.number, c.inferred, c.title) for c in third.children] == [
        ("", 1, True, "实施重点企业培育工程"), ("（二）", 2, False, "实施场景赋能工程")]
    assert [c.marker for c in third.children[0].children] == ["1.", "2."]
    assert [(c.marker, c.inferred) for c in fourth.children] == [("", True), ("（二）", False)]
    assert "numbering-gap" in codes(LOST_FIRST)  # 二、 itself is still missing, and said so
    assert codes(LOST_FIRST).count("marker-inferred") == 2


def test_an_introduction_under_the_parent_is_not_taken_for_the_lost_first_heading() -> None:
    """A paragraph that opens with a clause (围绕……，) or a run whose (一) is there infers nothing."""
    intro = LOST_FIRST.replace("实施重点企业培育工程。围绕产业链布局，", "围绕产业链布局，实施重点企业培育工程，")
    assert [c.marker for c in govreport.parse(intro).outline[1].children] == ["1.", "2.", "（二）"]
    whole = LOST_FIRST.replace("实施重点企业培育工程。", "（一）实施重点企业培育工程。")
    assert "marker-inferred" not in codes(whole.replace("加强组织协调。", "（一）加强组织协调。"))


def test_a_heading_whose_parent_was_lost_stays_where_its_numbering_puts_it() -> None:
    """一、 then 1.–3., then （二） with no heading sentence before it: nothing is inferred from nothing (the
    spec's lost heading); （二） stays under 一、 and both runs are warned of."""
    text = "某某报告\n一、主要工作\n1.加强学习。\n2.完善制度。\n3.推进改革。\n（二）存在问题\n1.问题一。\n2.问题二。\n三、下一步计划\n（一）继续推进\n做好工作。\n"
    report = govreport.parse(text)
    assert outline(text) == [(1, "一、", "主要工作"), (2, "1.", "加强学习"), (2, "2.", "完善制度"), (2, "3.", "推进改革"),
                             (2, "（二）", "存在问题"), (3, "1.", "问题一"), (3, "2.", "问题二"), (1, "三、", "下一步计划"),
                             (2, "（一）", "继续推进")]
    assert codes(text).count("numbering-gap") == 2 and not any(n.inferred for n in report.outline)


def test_numbering_that_runs_through_chapters_nests_under_each_chapter() -> None:
    """四、 under 第二章 after 三、 under 第一章: the chapters hold their sections, and a run continued
    through its parents is no numbering gap."""
    text = ("某某工作规则\n第一章 总则\n一、目的\n为了规范工作。\n二、原则\n依法办事。\n三、范围\n适用于全市。\n"
            "第二章 职责\n四、职责分工\n各负其责。\n五、协调配合\n密切配合。\n")
    assert outline(text) == [(1, "第一章", "总则"), (2, "一、", "目的"), (2, "二、", "原则"), (2, "三、", "范围"),
                             (1, "第二章", "职责"), (2, "四、", "职责分工"), (2, "五、", "协调配合")]
    assert "numbering-gap" not in codes(text)

def _kinds(text: str) -> list[tuple[int, str, str]]:
    """(level, marker, kind) of every node."""
    def walk(nodes: list[govreport.Node]) -> list[tuple[int, str, str]]:
        return [item for n in nodes for item in [(n.level, n.marker, n.kind), *walk(n.children)]]

    return walk(govreport.parse(text).outline)


LOST_BREAKS = [
    ("a heading glued after a sentence end, between two headings of its run, holds the list below it",
     "某某通知\n一、本通知所称终端是指移动终端。\n二、申请许可应当符合标准。\n三、生产企业应当提供配置信息。四、生产企业不得预置以下软件：\n"
     "（一）擅自收集用户信息的；\n（二）擅自调用通信功能的。\n五、生产企业应当报备变化。",
     [(1, "一、", "heading"), (1, "二、", "heading"), (1, "三、", "heading"), (1, "四、", "heading"),
      (2, "（一）", "heading"), (2, "（二）", "heading"), (1, "五、", "heading")]),
    ("an article glued after the article before it",
     "某某办法\n第一章 总则\n第十四条 机构应制定方案。第十五条 主管部门应加强指导。\n第十六条 各地应纳入监管。",
     [(1, "第一章", "heading"), (2, "第十四条", "heading"), (2, "第十五条", "heading"), (2, "第十六条", "heading")]),
    ("a heading glued to the sentence before it without punctuation, its run on both sides",
     "某某指南\n一、加强安全管理\n（一）加强产品设计。产品应设计为：\n1.具备相应的硬件。\n2.保持驾驶员对系统的可控性（二）明确系统边界。"
     "企业明确系统的能力条件。\n（三）确保控制策略合理。企业确保系统具备退出策略。",
     [(1, "一、", "heading"), (2, "（一）", "heading"), (3, "1.", "heading"), (3, "2.", "heading"),
      (2, "（二）", "heading"), (2, "（三）", "heading")]),
    ("a decimal glued after a sentence end between its siblings",
     "某某规范\n1 标识要求\n1.1 应在显示区域下方持续显示提示文字。1.2 生成图片时应添加显式标识。\n1.3 生成音频时应添加隐式标识。",
     [(1, "1", "heading"), (2, "1.1", "heading"), (2, "1.2", "heading"), (2, "1.3", "heading")]),
    ("the last heading of a run glued after a sentence end",
     "某某通知\n一、总体要求\n加强管理。\n二、主要任务\n完善制度。\n三、其他事项\n各单位认真执行。四、本通知自发布之日起施行。",
     [(1, "一、", "heading"), (1, "二、", "heading"), (1, "三、", "heading"), (1, "四、", "heading")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), LOST_BREAKS, ids=[c[0] for c in LOST_BREAKS])
def test_a_heading_whose_paragraph_break_was_lost(name: str, text: str, expected: list[tuple[int, str, str]]) -> None:
    """Constructed: the page's numbering shows where it lost a paragraph break before a heading."""
    assert _kinds(text) == expected
    assert not [w for w in govreport.parse(text).warnings if w.code == "numbering-gap"]


def test_an_inline_list_under_one_heading_stays_items() -> None:
    """Constructed counter-cases: an inline list of a heading's own style under a single heading, a marker that
    does not fit between its neighbours, and a weak style's members several to a paragraph stay as they are."""
    single = "某某公告\n貳、各場域指引如下：\n一、餐飲業：開放內用。二、夜市：禁止試吃。三、婚宴：採梅花座。\n参、其他事項依規定辦理。"
    assert [k for _, _, k in _kinds(single)] == ["heading", "heading", "item", "item", "heading"]
    cited = "某某办法\n一、总体要求\n加强管理，按本办法第三、四项执行。各单位认真落实。\n二、主要任务\n完善制度。"
    assert [m for _, m, _ in outline(cited)] == ["一、", "二、"]
    weak = "某某报告\n重在治本。第一，加强领导。第二，完善政策。\n第三，加大投入。第四，开展整治。\n第五，强化管理。"
    assert [k for _, _, k in _kinds(weak)] == ["item", "item", "heading", "item", "heading"]


def test_an_attachment_heading_with_its_title_below_restarts_numbering_without_a_signature() -> None:
    """Constructed: a page stored without a signature the parser can read (its date lost its day) still
    attaches its documents under 附件1 / 附件2 lines with their titles below; each attachment's numbering
    starts again at level 1 instead of nesting under the attachment list's last item."""
    text = ("关于加强某某管理的通知\n各有关单位：\n一、总体要求\n加强管理。\n二、保障措施\n（一）强化责任落实。企业要落实主体责任。\n"
            "附件：1.某某管理技术指南\n2.某某参数参照表\n某某部\n2024年月日\n附件1\n某某管理技术指南\n"
            "为加强管理，制定本指南。\n一、加强企业能力建设\n（一）健全安全保障能力。企业制定安全管理制度。\n"
            "（二）加强安全监测。企业建立监测机制。\n二、强化产品安全管理\n（三）加强产品安全设计。企业明确安全目标。\n"
            "附件2\n某某参数参照表\n一、填表说明\n按要求填写。")
    shape_ = [(level, marker) for level, marker, _ in outline(text)]
    assert shape_[shape_.index((1, "2.")) + 1:] == [
        (1, "一、"), (2, "（一）"), (2, "（二）"), (1, "二、"), (2, "（三）"), (1, "一、")], shape_


def test_a_list_nested_in_an_item_of_its_own_style_restarts_under_that_item() -> None:
    """Constructed (an attachment's indicator table): 1. items under a 1. item restart under their parent
    instead of joining the outer run, which resumes at 2. after them."""
    text = ("附件\n某某考核指标体系\n1.组织领导（10分）\n1.成立领导小组，明确责任分工。\n2.制定年度工作方案并按期报送。\n"
            "2.制度建设（20分）\n1.完善规章制度，及时清理。\n2.建立考核机制。\n3.结果运用（10分）\n1.考核结果纳入绩效。\n")
    assert outline(text) == [(1, "1.", "组织领导（10分）"), (2, "1.", "成立领导小组，明确责任分工"),
                             (2, "2.", "制定年度工作方案并按期报送"), (1, "2.", "制度建设（20分）"),
                             (2, "1.", "完善规章制度，及时清理"), (2, "2.", "建立考核机制"), (1, "3.", "结果运用（10分）"),
                             (2, "1.", "考核结果纳入绩效")]
    assert "numbering-gap" not in codes(text)


def test_two_lists_one_after_the_other_stay_side_by_side() -> None:
    """Constructed (bulk/tw_laws shape): an article's second and third lists, each after a paragraph of its
    own, restart at 1 beside the first; the numbers alone (1 2 1 2 3 4 5 1 2 3) would also read as lists
    nested in 二、 and 五、, but 二、 ends its sentence and a paragraph stands before each list."""
    text = ("某某法\n第 7 條\n行政院應設審議會，辦理下列事項：\n一、全國計畫之審議。\n二、部門計畫之協調。\n"
            "中央主管機關應設審議會，辦理下列事項：\n一、甲之審議。\n二、乙之審議。\n三、丙之復議。\n四、丁之審議。\n五、戊之審議。\n"
            "直轄市主管機關應設審議會，辦理下列事項：\n一、己之審議。\n二、庚之審議。\n三、辛之審議。\n第 8 條\n本法施行。")
    assert [(level, marker) for level, marker, _ in outline(text)] == [
        (1, "第 7 條"), *[(2, m) for m in ("一、", "二、", "一、", "二、", "三、", "四、", "五、", "一、", "二、", "三、")],
        (1, "第 8 條")]


def test_a_marker_that_lost_its_punctuation_is_read_from_its_run() -> None:
    """Constructed (bulk/tw_laws shape: 十  進行研究… between 九、 and 十一、): the one unmarked paragraph
    between two members that skip a number opens with that number and spaces: it is that member."""
    items = "".join(f"{n}、第{n}項行為。\n" for n in "一二三四五六七八九")
    text = f"某某法\n第 5 條\n下列行為非屬無害：\n{items}十  進行研究或測量活動。\n十一、其他活動。\n第 6 條\n本法施行。"
    report = govreport.parse(text)
    article = report.outline[0]
    assert [(c.marker, c.number, c.title) for c in article.children][-2:] == [("十", 10, "進行研究或測量活動"),
                                                                            ("十一、", 11, "其他活動")]
    assert "marker-damaged" in codes(text) and "numbering-gap" not in codes(text)
    assert "marker-damaged" not in codes(text.replace("十  進行", "另外進行"))  # no numeral, no member


def test_financial_numerals_that_are_words_open_no_heading() -> None:
    """Constructed: 陸、海、空軍 (land, sea and air forces) opens articles of military laws; with no 伍 before it
    and no 柒 after it, 陸 is the word. A run of 壹、貳、參、 stays a run."""
    text = "某某條例\n第 1 條\n陸、海、空軍現役軍人著有功績者，得頒給勳章。\n第 2 條\n陸、海、空軍人員之獎懲，依本條例行之。"
    assert [(n.marker, [c.marker for c in n.children]) for n in govreport.parse(text).outline] == [
        ("第 1 條", []), ("第 2 條", [])]
    plan = "某某計畫\n壹、計畫依據\n依相關規定辦理。\n貳、計畫目標\n提升服務品質。\n參、實施期程\n自即日起實施。"
    assert [n.marker for n in govreport.parse(plan).outline] == ["壹、", "貳、", "參、"]
NESTED_RUNS = [
    ("a box's 1.–3. under item 1. of an outer 1. run that goes on with 2.",
     "某某规划\n一、重点任务\n1.建立基础理论体系。\n聚焦重大科学问题。\n专栏1 基础理论\n1.大数据智能理论。研究新方法。\n2.跨媒体感知理论。研究感知计算。\n"
     "3.混合增强智能理论。研究人机协同。\n2.建立关键共性技术体系。\n围绕提升竞争力。\n专栏2 关键技术\n1.知识计算引擎。研究知识加工。\n"
     "2.跨媒体分析推理。研究统一表征。\n3.群体智能技术。研究群智激励。\n3.统筹布局创新平台。\n建设开源平台。",
     [(1, "一、"), (2, "1."), (3, "1."), (3, "2."), (3, "3."), (2, "2."), (3, "1."), (3, "2."), (3, "3."), (2, "3.")]),
    ("a list 一、–三、 under section 四、, which 五、 continues",
     "某某工作报告\n一、发展农业\n依靠政策和科学。\n二、发展消费品工业\n调整服务方向。\n三、加强能源建设\n提高能源利用效率。\n四、有重点地进行技术改造\n技术改造要着重抓好以下几个方面：\n一、节约能源，降低消耗；\n"
     "二、改革产品结构，提高质量；\n三、合理地利用资源。\n要制订技术改造规划。\n五、分批进行企业整顿\n整顿要分期分批进行。",
     [(1, "一、"), (1, "二、"), (1, "三、"), (1, "四、"), (2, "一、"), (2, "二、"), (2, "三、"), (1, "五、")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), NESTED_RUNS, ids=[c[0] for c in NESTED_RUNS])
def test_a_run_that_restarts_inside_an_open_run_of_its_style_nests(name: str, text: str,
                                                                   expected: list[tuple[int, str]]) -> None:
    """Constructed: a run that starts again at 1 while a run of its own style is open, where the open run
    goes on after it (1. … 1. 2. 3. … 2.), is a sub-list under the node before it, not the outer run's
    restart; a second list under the same parent that nothing outer continues stays a restart."""
    assert [(level, marker) for level, marker, _ in outline(text)] == expected
    assert not [w for w in govreport.parse(text).warnings if w.code == "numbering-gap"]


def test_a_second_list_under_one_parent_stays_a_restart() -> None:
    text = "某某办法\n第一条 有下列情形之一的，予以处理：\n一、迟报的；\n二、漏报的。\n有下列情形之一的，从重处理：\n一、瞒报的；\n二、谎报的。\n第二条 本办法自公布之日起施行。"
    assert [(level, marker) for level, marker, _ in outline(text)] == [
        (1, "第一条"), (2, "一、"), (2, "二、"), (2, "一、"), (2, "二、"), (1, "第二条")]


def test_a_long_table_row_is_never_split_into_paragraphs() -> None:
    """Constructed (a Markdown table as scrapers and READMEs write it): a row longer than a paragraph whose
    cells hold counts after spaces (意见 57, 通知 57) is one row, not paragraphs joined by a scrape, so no
    count opens a heading."""
    cell = "意见 57, 通知 57, 方案/规划/行动计划 38, 办法/规定 17, 其他 47（标题为译文，正文为中文，多数摘自某数据库）"
    row = f"| `policies` | 某某仓库 | `data/policies.xlsx` | 250 → 216 | {cell} | 2013-2024 年，各部门发布 | 未说明 |" * 2
    text = f"# 某某语料说明\n\n| 目录 | 来源 | 路径 | 条数 | 类型 | 年份 | 许可 |\n|---|---|---|---|---|---|---|\n{row}\n"
    assert len(row) > 300
    assert govreport.parse(text).outline == []


def test_restarts_read_the_same_without_following_a_run_of_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 inside an open run of its style is followed up to NEST_LOOKAHEAD markers to see whether the open run
    goes on; only a later marker of its key numbered other than 1 can show that, so the outline skips following
    when none comes (a page of 10,000 lines of 一、 took 1.3 ms a line). Constructed pages of random numbering,
    with ones and without: the outline is the same as when every 1 is followed."""
    import random

    from govreport import outline as outline_module

    rng = random.Random(20)
    numerals = "一二三四五六七八九十"

    def run(n: int, style: str) -> list[str]:
        return [f"{numerals[k]}、事项。" if style == "dun" else f"{k + 1}.事项。" for k in range(n)]

    pages = []
    for _ in range(60):  # an outer run whose items hold inner runs of the same style, some of them long
        style = rng.choice(["dun", "dot"])
        page = ["某某工作报告"]
        for k in range(rng.randint(2, 9)):
            page.append(run(k + 1, style)[-1])
            page.append("正文段落。")
            if rng.random() < 0.6:
                page.extend(run(rng.randint(1, 6), style) if rng.random() < 0.8 else run(1, style) * rng.randint(2, 450))
        pages.append("\n".join(page))
    pages.append("\n".join(["一、工作"] * 600 + ["二、措施"]))  # the open run goes on 600 markers later
    fast = [outline(page) for page in pages]
    monkeypatch.setattr(outline_module, "_next_not_one", lambda markers, keys: list(range(1, len(markers) + 1)))
    assert [outline(page) for page in pages] == fast
    assert any(level > 1 for page in fast for level, _, _ in page)


@pytest.mark.parametrize("ones", [40, 300, 399])
def test_an_outline_nested_past_any_document_is_held_at_max_depth(ones: int) -> None:
    """Constructed: hundreds of lines of 一、 between 四、 and 五、 nest each under the one before (the open run
    goes on after each); the tree stops at MAX_DEPTH levels with one warning, and the page parses through the
    API and the command alike (deeper trees broke pydantic's validation and the JSON encoder's nesting limit)."""
    from govreport.outline import MAX_DEPTH

    text = "\n".join(["某某工作报告", "四、事项。", "正文段落。", *["一、事项。"] * ones, "五、事项。"])
    report = govreport.parse(text)
    levels = [level for level, _, _ in outline(text)]
    assert len(levels) == ones + 2
    assert max(levels) == min(ones + 1, MAX_DEPTH)
    deep = [w for w in report.warnings if w.code == "outline-too-deep"]
    assert len(deep) == (1 if ones + 1 > MAX_DEPTH else 0)
    assert json.loads(report.model_dump_json())["outline"][-1]["marker"] == "五、"


@pytest.mark.parametrize(("text", "expected"), [
    ("某某公告\n一、更正「前瞻計畫&mdash;某區抽水站工程」公聽會紀錄內容：如下。\n二、路線：由台86線大潭交流道&rarr;中正南路左轉。\n",
     [(1, "一、", "更正「前瞻計畫&mdash;某區抽水站工程」公聽會紀錄內容"), (1, "二、", "路線")]),
    ("某某宣導\n家長可以這樣做：一、傾聽－留心孩子的心聲&ensp;&ensp;當孩子願意分享想法與感受時，先放下評價與指責。"
     "二、陪伴－給予理解與關懷&ensp;&ensp;面對成長中的挑戰與挫折，陪伴孩子一起面對問題。\n",
     [(1, "一、", "傾聽－留心孩子的心聲"), (1, "二、", "陪伴－給予理解與關懷")]),
], ids=["entity-semicolon", "entity-spaces"])
def test_html_entities_a_text_scrape_kept(text: str, expected: list[tuple[int, str, str]]) -> None:
    """Constructed: the ; of &mdash; or &rarr; ends no title; a run of &ensp; is the break the scrape lost."""
    assert outline(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("某某方案\n一、总体要求（一）指导思想。坚持以人民为中心。（二）基本原则。坚持统筹推进。\n二、重点任务（一）加强建设。（二）强化保障。\n",
     [(1, "一、", "总体要求"), (2, "（一）", "指导思想"), (2, "（二）", "基本原则"),
      (1, "二、", "重点任务"), (2, "（一）", "加强建设"), (2, "（二）", "强化保障")]),
    ("某某方案\n一、主要任务(1)加强组织领导。成立领导小组。(2)完善制度。\n",
     [(1, "一、", "主要任务"), (2, "(1)", "加强组织领导"), (2, "(2)", "完善制度")]),
    # no second item: the (一) stays in the heading's words
    ("某某方案\n一、落实好（一）号文件精神。全年完成8项。\n", [(1, "一、", "落实好（一）号文件精神")]),
], ids=["cn-paren", "arabic-paren", "alone"])
def test_a_run_glued_to_its_heading_when_its_second_item_follows(text: str,
                                                                 expected: list[tuple[int, str, str]]) -> None:
    """Constructed: a scrape that lost the break between a heading and its first sub-item (一、总体要求（一）……):
    the first item is read where its second follows in the paragraph."""
    assert outline(text) == expected


def test_a_citation_broken_across_lines_is_read_whole() -> None:
    """Constructed: a hard-wrapped scrape breaks a 《》 title across two lines; it is one reference, its title
    without the break (a space kept between two Latin words), its span from 《 to 》."""
    text = ("一、概况\n本报告根据《\n某某省政府信息公开规定》（以下简称《规定》）和《基于OPC\nUA的车间网络架构》编制。\n"
            "二、其他\n详见《\n")
    report = govreport.parse(text)
    assert [r.title for r in report.references] == ["某某省政府信息公开规定", "规定", "基于OPC UA的车间网络架构"]
    first = report.references[0].span
    assert text[first[0]:first[1]] == "《\n某某省政府信息公开规定》"
