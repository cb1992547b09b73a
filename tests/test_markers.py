"""Markers and their false friends, as they stand in report paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from tests.invariants import shape


def outline(text: str) -> list[tuple[int, str, str]]:
    """(level, marker, title) of every node, in document order."""
    return [(level, marker, title) for _, level, marker, title in shape(govreport.parse(text))]


CASES = [
    ("headings of every depth",
     "一、总体要求\n（一）指导思想\n1.坚持依法行政\n（1）健全制度\n①明确职责\n②细化流程\n(2)强化监督\n2.加强队伍\n（二）工作目标\n二、主要任务",
     [(1, "一、", "总体要求"), (2, "（一）", "指导思想"), (3, "1.", "坚持依法行政"), (4, "（1）", "健全制度"),
      (5, "①", "明确职责"), (5, "②", "细化流程"), (4, "(2)", "强化监督"), (3, "2.", "加强队伍"),
      (2, "（二）", "工作目标"), (1, "二、", "主要任务")]),
    ("a document that starts at (一)",
     "（一）基本情况\n1.人员\n（二）存在问题",
     [(1, "（一）", "基本情况"), (2, "1.", "人员"), (1, "（二）", "存在问题")]),
    ("heading glued to its first item",
     "(二)完善依法行政制度体系一是加强规范性文件管理；二是开展文件清理。",
     [(1, "(二)", "完善依法行政制度体系"), (2, "一是", "加强规范性文件管理"), (2, "二是", "开展文件清理")]),
    ("a heading whose body follows a lost break on its line",
     "一、总体情况 根据条例规定，本局编制了年度报告，现予公布。\n二、2021 年度收入支出决算总体情况\n",
     [(1, "一、", "总体情况"), (1, "二、", "2021 年度收入支出决算总体情况")]),
    ("items after a sentence end",
     "一、工作情况\n全年共办理案件。一是加强组织领导，成立领导小组；二是健全制度。三是强化考核。",
     [(1, "一、", "工作情况"), (2, "一是", "加强组织领导，成立领导小组"), (2, "二是", "健全制度"), (2, "三是", "强化考核")]),
    ("第一，… ordinal items",
     "主要做法如下。第一，强化学习。第二，完善制度。",
     [(1, "第一，", "强化学习"), (1, "第二，", "完善制度")]),
    ("clause items in parentheses after a colon",
     "第三条　应当履行下列职责：（一）编制目录；（二）归集数据。",
     [(1, "第三条", "应当履行下列职责"), (2, "（一）", "编制目录"), (2, "（二）", "归集数据")]),
    ("circled items",
     "重点抓好三项工作：①抓项目；②抓招商；③抓保障。",
     [(1, "①", "抓项目"), (1, "②", "抓招商"), (1, "③", "抓保障")]),
    ("parts, chapters and articles",
     "第一部分 总体要求\n第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于本市。\n第二章 附则\n第三条 本办法自发布之日起施行。",
     [(1, "第一部分", "总体要求"), (2, "第一章", "总则"), (3, "第一条", "为了规范管理，制定本办法"),
      (3, "第二条", "本办法适用于本市"), (2, "第二章", "附则"), (3, "第三条", "本办法自发布之日起施行")]),
    ("decimal headings",
     "1.1 总体目标\n1.2 具体指标\n1.2.1 经济指标",
     [(1, "1.1", "总体目标"), (1, "1.2", "具体指标"), (2, "1.2.1", "经济指标")]),
    ("full-width and traditional forms",
     "一．總體要求\n（一）指導思想\n１．堅持依法行政\n２、加強隊伍",
     [(1, "一．", "總體要求"), (2, "（一）", "指導思想"), (3, "１．", "堅持依法行政"), (3, "２、", "加強隊伍")]),
    ("a heading followed by body on its line",
     "（三）推进改革。全年办理事项100件。",
     [(1, "（三）", "推进改革")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_outline(name: str, text: str, expected: list[tuple[int, str, str]]) -> None:
    assert outline(text) == expected


FALSE_FRIENDS = [
    "各部门要统一是非标准，明确职责。",
    "这是唯一是从的做法。",
    "考核结果是评价依据之一是明确的。",
    "落实第一责任人制度，争创全国第一。",
    "各县(区)政府、市直各单位。",
    "按照第三条第(一)项的规定执行。",
    "贯彻《条例》第一条规定，完成率100%。",
    "他一是一，二是二。",             # a saying without a clause end before 一是
    "2020.12.29召开会议。",
    "12.5%的增长来自服务业。",
    "第一部分人员未到岗。",
]


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_markers(text: str) -> None:
    assert outline(text) == []


def test_numbering_gap_is_warned_not_invented() -> None:
    report = govreport.parse("一、总体要求\n三、保障措施")
    assert [n.marker for n in report.outline] == ["一、", "三、"]
    assert [w.code for w in report.warnings] == ["numbering-gap"]


def test_attachment_restarts_numbering() -> None:
    text = ("关于开展检查的通知\n各单位：\n现将有关事项通知如下。\n一、检查内容\n二、检查方式\n某某市人民政府\n2021年3月1日\n"
            "附件1\n检查表\n一、基本信息\n二、检查结果")
    report = govreport.parse(text)
    assert [(n.id, n.marker) for n in report.outline] == [("1", "一、"), ("2", "二、"), ("3", "一、"), ("4", "二、")]
    assert not report.warnings


def test_table_of_contents_is_not_outline() -> None:
    text = ("2021年政府信息公开工作年度报告\n目  录\n一、总体情况……………1\n二、主动公开情况……………3\n三、存在问题……………5\n"
            "一、总体情况\n全年公开信息100条。\n二、主动公开情况\n主动公开信息80条。\n三、存在问题\n及时性有待提高。")
    report = govreport.parse(text)
    assert [n.marker + n.title for n in report.outline] == ["一、总体情况", "二、主动公开情况", "三、存在问题"]
    assert [r.kind for r in report.removed].count("toc") == 4
    assert "……" not in report.text and not report.warnings


def test_table_row_labels_are_not_outline() -> None:
    text = ("一、总体情况\n全年公开信息。\n二、收到和处理申请情况\n申请人情况\n自然人\n一、本年新收申请数量\n4\n0\n"
            "三、本年度办理结果\n（一）予以公开\n3\n0\n四、结转下年度继续办理\n0\n三、存在的主要问题\n及时性有待提高。")
    assert outline(text) == [(1, "一、", "总体情况"), (1, "二、", "收到和处理申请情况"), (1, "三、", "存在的主要问题")]


def test_short_heading_lines_without_numbers_are_not_a_table() -> None:
    text = "一、总体要求\n二、主要任务\n（一）提升服务\n（二）推进共享\n三、保障措施"
    assert [m for _, m, _ in outline(text)] == ["一、", "二、", "（一）", "（二）", "三、"]


def test_numbers_inside_cited_titles_are_not_markers() -> None:
    assert outline("依据《关于加强管理的通知（一）第1号》：（二）完善制度；（三）加强监督。") == []


def test_a_page_scraped_without_line_breaks_keeps_its_paragraphs() -> None:
    from tests.conftest import DOCUMENTS

    lines = (DOCUMENTS / "kjj-fazhi-2020" / "input.txt").read_text(encoding="utf-8").splitlines()
    body = "　　".join(x.strip() for x in lines[5:20] if x.strip())  # the body on one line, indents kept
    flat = govreport.parse("\n".join(lines[:5]) + "\n　　" + body)
    full = govreport.parse("\n".join(lines[:5] + lines[5:20]))

    assert shape(flat) == shape(full) and len(shape(full)) > 10
    assert [m.raw for m in flat.metrics] == [m.raw for m in full.metrics]


def test_financial_numerals_head_a_level_above() -> None:
    text = "壹、前言\n貳、施政重點\n一、市政建設\n（一）道路養護\n二、社會福利\n參、結語"
    assert outline(text) == [(1, "壹、", "前言"), (1, "貳、", "施政重點"), (2, "一、", "市政建設"), (3, "（一）", "道路養護"),
                             (2, "二、", "社會福利"), (1, "參、", "結語")]


def test_bare_number_heads_a_decimal_document() -> None:
    """1 总则 (no dot) is the depth-1 node of a decimal-numbered plan when its 1.1 follows (constructed)."""
    text = ("某县突发事件应急预案\n1　总则\n1.1　编制目的\n为了有效应对突发事件，制定本预案。\n1.2　适用范围\n本预案适用于全县。\n"
            "2　组织机构\n2.1　指挥部\n指挥部负责统一领导。\n")
    assert outline(text) == [(1, "1", "总则"), (2, "1.1", "编制目的"), (2, "1.2", "适用范围"),
                             (1, "2", "组织机构"), (2, "2.1", "指挥部")]


def test_bare_number_without_its_subsections_is_not_a_heading() -> None:
    text = "一、基本情况\n3个工作组已经成立\n全年完成任务。\n"
    assert outline(text) == [(1, "一、", "基本情况")]


def test_unheaded_contents_that_the_body_repeats_are_not_outline() -> None:
    """A run of heading lines without 目录, top-level numbers lost, repeated by the body (constructed)."""
    toc = "总则\n1.1 编制目的\n1.2 编制依据\n组织体系\n2.1 指挥机构\n2.2 办事机构\n"
    body = "1 总则\n1.1 编制目的\n为保障公众安全，制定本预案。\n1.2 编制依据\n依据有关法律。\n"
    page = "某县突发事件应急预案\n各乡镇：\n现将预案印发给你们。\n" + toc + body
    report = govreport.parse(page)
    assert outline(page) == [(1, "1", "总则"), (2, "1.1", "编制目的"), (2, "1.2", "编制依据")]
    assert [r.text for r in report.removed if r.kind == "toc"] == [
        "总则", "1.1 编制目的", "1.2 编制依据", "组织体系", "2.1 指挥机构", "2.2 办事机构"]


def test_contents_joined_into_one_line_that_the_body_repeats_are_not_outline() -> None:
    """A crawler joined the contents into one line with commas; the body then repeats the headings
    (constructed in the shape of an annual disclosure report)."""
    toc = "一、概述,(一)注重重点推进,深化公开内容。,(二)注重开拓创新。,二、主动公开情况,(一)主动公开范围,三、主要问题,\n"
    body = "一、概述\n本年度报告根据《条例》编制。\n(一)注重重点推进,深化公开内容。全年公开信息1200条。\n"
    report = govreport.parse("某市2012年政府信息公开年度报告\n" + toc + body)
    assert [(n.marker, n.title) for n in report.outline] == [("一、", "概述")]
    assert [(n.marker, n.title) for n in report.outline[0].children] == [("(一)", "注重重点推进,深化公开内容")]
    assert [r.rule for r in report.removed if r.kind == "toc"] == ["toc-repeated"]
    assert not report.warnings


def test_a_paragraph_that_lists_its_points_with_markers_stays_body() -> None:
    text = "某局工作总结\n一、总体情况。全年完成三项任务,(一)制度建设,(二)队伍建设,(三)作风建设,成效明显。\n二、下一步打算\n"
    report = govreport.parse(text)
    assert not [r for r in report.removed if r.kind == "toc"]


def test_headed_contents_of_a_page_cut_before_the_body_are_not_outline() -> None:
    text = ("某局2020年部门决算\n目 录\n第一部分 部门概况\n一、部门主要职责\n二、部门决算单位构成\n"
            "第二部分 2020年部门决算表\n一、收入支出决算总表\n")
    assert outline(text) == []


def test_marker_alone_takes_the_short_line_below_as_title() -> None:
    text = "一、\n总体情况\n全年主动公开信息1000条。\n二、\n本年度，我县收到申请12件，均按时答复。\n"
    assert outline(text) == [(1, "一、", "总体情况"), (1, "二、", "")]


def test_pipe_table_rows_are_never_outline() -> None:
    """A disclosure table flattened to |-separated cells (constructed): row labels with markers are cells,
    while the next top-level heading between two table rows still continues the numbering."""
    text = ("一、总体情况\n本年度主动公开信息。\n二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 |\n"
            "规章 | 0 |\n三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系) |\n一、本年新收政府信息公开申请数量 |\n0 |\n"
            "(一)予以公开 |\n(二)部分公")
    assert outline(text) == [(1, "一、", "总体情况"), (1, "二、", "主动公开政府信息情况"),
                             (1, "三、", "收到和处理政府信息公开申请情况")]


def _inferred(text: str) -> list[tuple[int, str, str, bool]]:
    report = govreport.parse(text)
    out = []
    stack = list(reversed(report.outline))
    while stack:
        node = stack.pop()
        out.append((node.level, node.marker, node.title, node.inferred))
        stack.extend(reversed(node.children))
    return out


def test_lost_markers_are_inferred_where_the_numbering_resumes() -> None:
    """(一)(二) ? (四): the paragraph between is (三) with its marker lost (constructed)."""
    text = ("一、主要思路\n（一）科学编制规划。立足实际，认真研究全市发展思路目标和重点任务。\n"
            "（二）健全工作制度。建立健全组织机制，明确责任分工，制定具体工作计划。\n"
            "深化执法改革推进执法规范化建设，有效整合执法力量，提升执法水平和效率。\n"
            "（四）加强队伍建设。开展业务培训，提高执法人员的法治素养和业务能力。\n")
    got = _inferred(text)
    assert got[3] == (2, "", "深化执法改革推进执法规范化建设", True)
    assert [n[1] for n in got] == ["一、", "（一）", "（二）", "", "（四）"]
    assert any(w.code == "marker-inferred" for w in govreport.parse(text).warnings)


def test_lost_markers_at_the_end_of_a_run_need_a_directive_opening() -> None:
    base = ("三、下一步工作\n（一）科学编制规划。立足实际，认真研究全市发展思路目标和重点任务。\n"
            "（二）健全工作制度。建立健全组织机制，明确责任分工，制定具体工作计划。\n")
    lost = base + "加强领导干部法制宣传教育继续加强法治宣传教育，增强法律法规学习的系统性和规范性。\n"
    closing = base + "2021年，我局将认真贯彻上级部署，进一步推进法治政府建设，为全市发展提供保障。\n"
    assert [n[3] for n in _inferred(lost)] == [False, False, False, True]
    assert [n[3] for n in _inferred(closing)] == [False, False, False]


def test_a_heading_with_continuation_paragraphs_infers_nothing() -> None:
    text = ("一、工作情况\n（一）加强组织领导。成立领导小组，由主要负责人任组长，统筹推进各项工作。\n"
            "加强督促检查，定期通报工作进展情况，确保各项任务按时完成并取得实效。\n"
            "（二）完善制度体系。制定出台多项制度，规范工作流程，提升工作效率。\n"
            "加强制度执行情况的监督检查，及时发现并纠正问题，确保制度落到实处。\n")
    assert not any(n[3] for n in _inferred(text))


def test_financial_numerals_have_their_own_style_and_lists_run_inline() -> None:
    """壹、 is cn-financial (参、 its simplified variant); 一、 opens a paragraph whose 二、… run on inside it,
    one of them glued to the sentence before (constructed from a Taiwan press-release shape)."""
    text = ("壹、共通原則：一律戴口罩。\n貳、各場域指引如下：\n一、餐飲業：開放內用。二、夜市：禁止試吃。三、婚宴：採梅花座"
            "四、學校：維持現行規定。\n参、其他事項依規定辦理。\n")
    report = govreport.parse(text)
    assert [(n.style, n.marker) for n in report.outline] == [("cn-financial", "壹、"), ("cn-financial", "貳、"),
                                                              ("cn-financial", "参、")]
    assert [(c.marker, c.title) for c in report.outline[1].children] == [
        ("一、", "餐飲業"), ("二、", "夜市"), ("三、", "婚宴"), ("四、", "學校")]


def test_a_lone_first_item_at_a_cut_off_page_end_is_kept() -> None:
    """Pages stored as heads stop mid-sentence: a 一是 whose 二是 was cut off is still an item."""
    cut = "一、概述\n（一）统筹部署。\n一是加强组织领导，积极落实任务。将工作列入领导分工，提出工"
    whole = "一、概述\n（一）统筹部署。\n一是加强组织领导，积极落实任务。将工作列入领导分工。"
    assert [m for _, m, _ in outline(cut)] == ["一、", "（一）", "一是"]
    assert [m for _, m, _ in outline(whole)] == ["一、", "（一）"]


def test_paragraphs_joined_by_single_spaces_are_split_again() -> None:
    """A page whose scrape joined every paragraph into one line with single spaces (constructed)."""
    body = ("各科室，各村: 为提高处置突发事件的能力，制定本预案，现印发给你们。 附件:某镇突发事件总体应急预案 "
            "某市某区某镇人民政府 2020年10月22日 某镇突发事件总体应急预案 1.总则 1.1目的依据 提高政府保障公共安全的能力，"
            "最大程度地预防和减少突发公共事件及其造成的损害，保障公众的生命财产安全，维护社会稳定，促进经济社会全面发展。 1.2现状特点 某镇地处山区，自然灾害时有发生。 1.3工作原则 (1)以人为本，预防为主。"
            "切实履行政府的社会管理职能。 (2)统一领导，分级负责。建立健全分类管理的体制。"
            + "各部门要按照职责分工做好相关工作，确保预案落到实处。" * 3)
    report = govreport.parse("文号 | 某政〔2020〕72号 |\n" + body + "\n")
    assert [(level, marker) for level, marker, _ in outline("文号 | 某政〔2020〕72号 |\n" + body + "\n")] == [
        (1, "1."), (2, "1.1"), (2, "1.2"), (2, "1.3"), (3, "(1)"), (3, "(2)")]
    assert report.meta.issuer == "某市某区某镇人民政府"
    assert report.meta.signed is not None and report.meta.signed.iso == "2020-10-22"


def test_a_long_line_of_inline_items_is_not_split_at_its_spaces() -> None:
    text = ("壹、依據：某要點。貳、公告事項：一、標租房地：（如附表） (一)土地：某段地號土地。 (二)房屋：某市場2樓。"
            "二、租賃期間：為期2年。三、投標資格：依法登記者。四、投標方式：通訊投標。五、開標日期：另行公告。"
            "六、附加說明： (一)押標金另計。 (二)得標人應於通知後繳款。 (三)餘請詳投標須知。七、檢舉受理單位：本處。" * 2)
    marks = [m for _, m, _ in outline(text)][:5]
    assert marks == ["壹、", "貳、", "一、", "(一)", "(二)"]


def test_paragraph_runs_continue_past_their_own_lists() -> None:
    """第一，第二，第三， open paragraphs; the third holds 一、二、三、; 第四， still continues (constructed)."""
    text = ("第一，我們要打造更安全的國家。\n第二，我們要邁向繁榮。\n第三，我們要建構均衡發展：\n"
            "一、我們追求世代的均衡。\n二、我們追求城鄉的均衡。\n第四，我們要促成團結。\n")
    assert [(level, marker) for level, marker, _ in outline(text)] == [
        (1, "第一，"), (1, "第二，"), (1, "第三，"), (2, "一、"), (2, "二、"), (1, "第四，")]


# constructed pages, one per style flag of rules/markers.py: what the flag makes the outline do
FLAG_CASES = [
    ("per_depth", "1 总则\n1.1 编制目的\n1.2 适用范围\n2 组织机构\n2.1 领导小组",
     [(1, "1", "总则"), (2, "1.1", "编制目的"), (2, "1.2", "适用范围"), (1, "2", "组织机构"), (2, "2.1", "领导小组")]),
    ("through", "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二章 职责\n第二条 各部门按职责分工负责。",
     [(1, "第一章", "总则"), (2, "第一条", "为了规范管理，制定本办法"), (1, "第二章", "职责"),
      (2, "第二条", "各部门按职责分工负责")]),
    ("not_after", "各部门要统一是非标准，一是加强学习；二是依照第三条第(一)项规定执行。",
     [(1, "一是", "加强学习"), (1, "二是", "依照第三条第(一)项规定执行")]),
    ("after_stop", "在工作中，一、加强学习；二、完善制度。\n在工作中，（一）加强学习；（二）完善制度。",
     [(1, "（一）", "加强学习"), (1, "（二）", "完善制度")]),
    ("glued_first", "(二)完善依法行政制度体系一是加强规范性文件管理；二是开展文件清理。",
     [(1, "(二)", "完善依法行政制度体系"), (2, "一是", "加强规范性文件管理"), (2, "二是", "开展文件清理")]),
    ("glued_run", "今年我们：一是加强规范性文件管理工作二是建立健全制度。",
     [(1, "一是", "加强规范性文件管理工作"), (1, "二是", "建立健全制度")]),
    ("table_row", "一、总体情况\n本年度申请的办理结果如下。\n（一）予以公开\n12\n（二）部分公开\n3\n（三）不予公开\n0\n"
     "二、存在问题\n个别答复不够规范。",
     [(1, "一、", "总体情况"), (1, "二、", "存在问题")]),
    ("opens", "重点抓好两项工作：（一）抓项目；（二）抓招商。",
     [(1, "（一）", "抓项目"), (1, "（二）", "抓招商")]),
    ("glyphs", "重点抓好三项工作：①抓项目；②抓招商；③抓保障。\n⑤其他",
     [(1, "①", "抓项目"), (1, "②", "抓招商"), (1, "③", "抓保障"), (1, "⑤", "其他")]),
    ("joined", "一、总体情况。" + "根据条例规定，本局编制了年度报告，现予公布。" * 12 + " 二、主动公开情况。"
     + "全年主动公开信息一百条，比上年有所增加。" * 4 + " 三、存在问题。" + "公开的及时性有待提高。" * 3
     + " 四、下一步工作。" + "我们将继续努力。" * 2,
     [(1, "一、", "总体情况"), (1, "二、", "主动公开情况"), (1, "三、", "存在问题"), (1, "四、", "下一步工作")]),
    ("uniform", "第 1 條\n本法依憲法制定。\n第 2 條\n本法之主管機關，依第三條規定定之。\n第 3 條\n主管機關之職掌如下：\n"
     "第四條規定之事項，由主管機關辦理。\n第 4 條\n本法自公布日施行。",
     [(1, "第 1 條", ""), (1, "第 2 條", ""), (1, "第 3 條", ""), (1, "第 4 條", "")]),
    ("inferable", "一、主要工作\n（一）加强学习\n学习内容丰富。\n（二）完善制度\n制度更加健全。\n"
     "加强执法监督，全年共开展执法检查十二次，发现问题及时整改到位。\n二、下一步打算",
     [(1, "一、", "主要工作"), (2, "（一）", "加强学习"), (2, "（二）", "完善制度"), (1, "二、", "下一步打算")]),
]


@pytest.mark.parametrize(("flag", "text", "expected"), FLAG_CASES, ids=[c[0] for c in FLAG_CASES])
def test_style_flags(flag: str, text: str, expected: list[tuple[int, str, str]]) -> None:
    """Each behaviour flag of a marker style is set on some style and does what its docstring says,
    on a constructed page under a title line."""
    from govreport.rules.markers import STYLES

    assert any(getattr(s, flag) for s in STYLES), f"no style sets {flag}"
    assert outline(f"某某局2020年工作总结\n{text}") == expected


def test_every_style_flag_has_a_case() -> None:
    from typing import get_type_hints

    from govreport.rules.markers import MarkerStyle

    flags = {name for name, kind in get_type_hints(MarkerStyle).items()
             if kind in (bool, str) and name not in ("id", "head", "weak", "shown")}
    assert flags == {c[0] for c in FLAG_CASES}


def test_every_style_is_shown_in_the_readme_and_the_schema() -> None:
    """Each style's ``shown`` form is what the README's Styles list and the schema's ``style`` description print."""
    from govreport.models import Node
    from govreport.rules.markers import STYLES

    shown = [s.shown for s in STYLES]
    assert all(shown) and len(set(shown)) == len(shown)
    description = Node.model_fields["style"].description or ""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for style in STYLES:
        assert f"{style.id} ({style.shown})" in description
        assert f"`{style.id}` ({style.shown})" in readme


def test_a_level_numbered_through_its_parents_is_no_gap() -> None:
    """Constructed, in the State Council's style: (一)(二) under 一、 and (三)(四) under 二、 is one
    run through the document, not a run that starts at (三); a real skip is still warned."""
    through = govreport.parse("某某意见\n一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、重点任务\n（三）加强监管。\n（四）优化服务。")
    assert [w.code for w in through.warnings] == []
    assert [(lv, m) for lv, m, _ in outline("某某意见\n一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、重点任务\n（三）加强监管。")] \
        == [(1, "一、"), (2, "（一）"), (2, "（二）"), (1, "二、"), (2, "（三）")]
    skipped = govreport.parse("某某意见\n一、总体要求\n（一）指导思想。\n二、重点任务\n（三）加强监管。")
    assert [w.code for w in skipped.warnings] == ["numbering-gap"]


def test_a_joined_heading_never_starts_inside_a_bracketed_marker() -> None:
    """Constructed: a paragraph opening with (1) holds no joined candidate 1) at its second character (the inside
    of its own marker), while a (2) after a sentence end in the same paragraph is still one."""
    from govreport.lines import split_lines
    from govreport.marker_candidates import joined_candidates

    body = split_lines("(1)加强组织领导。(2)完善制度体系。\n（一）压实责任。（二）强化考核。\n")
    found = [(m.marker, m.start) for m, _ in joined_candidates(body, {"arabic-paren", "cn-paren"})]
    assert found == [("(2)", 10), ("（二）", 29)]
