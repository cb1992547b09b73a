"""Title, document number, signature, header fields and boilerplate, class by class.

Each class has constructed cases (the pages are made up in the shape real portals lay them out; no
text is copied from a real page) read through ``govreport.parse``, and, where the shared corpus holds
one, a real page of the class read in place from ``../shared/corpus`` (skipped without it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport.models import Report

CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"
BODY = "各有关单位：\n现将有关事项通知如下，请认真贯彻执行。\n"


def real(path: str) -> Report:
    """A real page of the shared corpus, parsed as a file is."""
    page = CORPUS / path
    if not page.is_file():
        pytest.skip(f"{path} is not in the shared corpus beside this checkout")
    return govreport.parse_file(page)


# --- a 文号 glued to the title ------------------------------------------------------------------

@pytest.mark.parametrize(("head", "title", "doc_number"), [
    ("某市人民政府关于印发《某市优化营商环境若干措施》的通知（某政发〔2024〕12号）\n",
     "某市人民政府关于印发《某市优化营商环境若干措施》的通知", "某政发〔2024〕12号"),
    ("某县人民政府办公室关于做好春耕生产工作的通知[某政办发[2009]8号]\n",
     "某县人民政府办公室关于做好春耕生产工作的通知", "某政办发[2009]8号"),
    ("某县人民政府办公室关于做好春耕生产工作的通知(某政办发[2009]8号)\n",
     "某县人民政府办公室关于做好春耕生产工作的通知", "某政办发[2009]8号"),
    # the number after a title broken over two lines closes its last line
    ("某市人民政府办公室关于印发某市\n防汛抗旱应急预案的通知（某政办发〔2021〕3号）\n",
     "某市人民政府办公室关于印发某市防汛抗旱应急预案的通知", "某政办发〔2021〕3号"),
    # a 转发 title citing a document with its number inside is whole
    ("某区人民政府关于转发《某市人民政府关于加强安全生产的通知》（某政发〔2024〕12号）的通知\n",
     "某区人民政府关于转发《某市人民政府关于加强安全生产的通知》（某政发〔2024〕12号）的通知", None),
])
def test_a_document_number_glued_after_the_title(head: str, title: str, doc_number: str | None) -> None:
    report = govreport.parse("当前位置：首页 > 政策文件\n" + head + "发布日期：2024-03-05\n" + BODY)
    assert report.meta.title == title
    assert report.meta.doc_number == doc_number
    assert report.text.startswith("各有关单位")


def test_the_glued_number_keeps_its_span() -> None:
    text = "某县人民政府关于某某工作的通知（某政发〔2024〕12号）\n" + BODY
    report = govreport.parse(text)
    assert report.meta.doc_number == "某政发〔2024〕12号"
    [title] = [r for r in report.removed if r.rule == "title"]
    assert text[title.span[0]:title.span[1]] == text.splitlines()[0]  # the whole line, number included, is accounted for


@pytest.mark.parametrize("table", [
    "索引号 | 文号 | 发布日期\n11330900/2011-00012 | 某政〔2011〕7号 | 2011-03-01\n",
    "索引号 | 11330900/2011-00012 | 文号 | 某政〔2011〕7号 | 发布日期 | 2011-03-01 |\n",
])
def test_a_document_number_in_a_flattened_header_table(table: str) -> None:
    """A header table flattened to ``|`` rows: labels beside their values, or a row of labels over a row of values."""
    report = govreport.parse(table + "某市人民政府关于加强安全生产工作的决定\n" + BODY)
    assert report.meta.doc_number == "某政〔2011〕7号"
    assert report.meta.published is not None and report.meta.published.iso == "2011-03-01"
    assert report.meta.fields["索引号"] == "11330900/2011-00012"
    assert report.meta.title == "某市人民政府关于加强安全生产工作的决定"
    assert "11330900" not in report.text


def test_a_document_number_broken_before_its_bracket() -> None:
    report = govreport.parse("某部关于支持某市建设试验区的函\n某科函\n规〔2021〕58号\n某省人民政府：\n现函复如下。\n")
    assert report.meta.doc_number == "某科函规〔2021〕58号"
    assert report.meta.title == "某部关于支持某市建设试验区的函"


def test_real_pages_with_a_glued_or_broken_document_number() -> None:
    glued = real("raw/gk-yueyang-zwgk-yijian-2017.txt")
    assert glued.meta.doc_number == "岳办发〔2017〕2号"
    assert glued.meta.title is not None and glued.meta.title.endswith("的通知")
    broken = real("docs/most-ai-syq-zhengzhou-han-2021.txt")
    assert broken.meta.doc_number == "国科函规〔2021〕258号"


# --- orders and announcements that promulgate a document -----------------------------------------

PROMULGATED = "{head}《某某存款保障条例》已经2014年10月29日某某第67次常务会议通过，现予公布，自2015年5月1日起施行。\n" \
    "{sign}某某存款保障条例\n第一条 为了建立和规范存款保障制度，制定本条例。\n第二条 本条例适用于境内各类银行。\n"


@pytest.mark.parametrize(("head", "sign", "doc_number", "issuer"), [
    ("中华人民共和国国务院令\n第660号\n", "总理 李某\n2015年2月17日\n", "国务院令 第660号", None),
    ("中华人民共和国国务院令 第660号\n", "总理　李某\n2015年2月17日\n", "国务院令 第660号", None),
    ("某省人民代表大会常务委员会公告（第12号）\n", "某省人民代表大会常务委员会\n2015年2月17日\n",
     "某省人民代表大会常务委员会公告（第12号）", "某省人民代表大会常务委员会"),
    ("某部 某总局令〔2024〕第3号\n", "某部部长 张某\n某总局局长 李某\n2015年2月17日\n", "某部 某总局令〔2024〕第3号", None),
])
def test_an_order_that_promulgates_a_document(head: str, sign: str, doc_number: str, issuer: str | None) -> None:
    """The title is the promulgated document's, the number the order's; the order's signature signs."""
    report = govreport.parse(PROMULGATED.format(head=head, sign=sign))
    assert report.meta.title == "某某存款保障条例"
    assert report.meta.doc_number == doc_number
    assert report.meta.issuer == issuer
    assert report.meta.signed is not None and report.meta.signed.iso == "2015-02-17"
    assert report.text.startswith("《某某存款保障条例》已经")
    assert "李某" not in report.text
    assert [n.marker for n in report.outline] == ["第一条", "第二条"]
    assert not [w for w in report.warnings if w.code == "doc-number-damaged"]


@pytest.mark.parametrize("head", ["关于废止某某令的通知\n", "某市人民政府公告\n"])
def test_titles_that_name_an_order_or_announcement_are_kept(head: str) -> None:
    report = govreport.parse(head + BODY)
    assert report.meta.title == head.strip() and report.meta.doc_number is None


def test_real_pages_of_a_promulgating_order() -> None:
    for path, title in (("docs/zc-gov-zhuanli-daili-tiaoli-2018.html", "专利代理条例"),
                        ("raw/zc-raw-gov-geshui-shishi-tiaoli-2018.html", "中华人民共和国个人所得税法实施条例")):
        report = real(path)
        assert report.meta.title == title
        assert report.meta.doc_number is not None and "第70" in report.meta.doc_number


# --- title lines that are not titles -------------------------------------------------------------

def test_a_law_database_header_gives_the_title_and_its_fields() -> None:
    text = ("法規名稱：某某法施行細則\n法規類別：行政 > 某部 > 某目\n修正日期：民國 112 年 06 月 28 日\n"
            "法規網址：https://law.example.gov.tw/LawAll.aspx?pcode=A0000001\n\n第 1 條\n本細則依某某法第三十條規定訂定之。\n"
            "第 2 條\n本法所稱主管機關，在中央為某部。\n")
    report = govreport.parse(text)
    assert report.meta.title == "某某法施行細則"
    assert report.meta.breadcrumb == []
    assert report.meta.fields["法規類別"] == "行政 > 某部 > 某目"
    assert report.text.startswith("第 1 條\n本細則")


@pytest.mark.parametrize(("head", "title"), [
    ("第一章 总则\n", None),                                      # a chapter heading opens the body
    ("第 一 章 總則\n", None),
    ("********************\n某县2020年法治政府建设工作总结\n====================\n", "某县2020年法治政府建设工作总结"),
    ("====================\n", None),
    ("文件类别 | 决定 |\n某市人民政府关于表彰先进集体的决定\n", "某市人民政府关于表彰先进集体的决定"),
    ("文件类别 | 决定 |\n", None),
    ("应急预案—某市突发公共事件总体应急预案\n", "某市突发公共事件总体应急预案"),
    ("某县2021年政府信息公开工作年度报告 | | |\n", "某县2021年政府信息公开工作年度报告"),
    ("当前位置：首页 > 政务公开\n发布日期：2021-01-05\n", None),
])
def test_lines_that_are_not_the_title(head: str, title: str | None) -> None:
    report = govreport.parse(head + "第一条 为了规范某某工作，根据有关规定，制定本办法。\n第二条 本办法适用于本市。\n")
    assert report.meta.title == title
    assert report.text.splitlines()[-2].startswith("第一条")


@pytest.mark.parametrize("title", ["某某报告——在某会议上的讲话", "2021年—2025年某某发展规划", "某某画展｜爱如潮水"])
def test_dashes_and_bars_inside_a_real_title_are_kept(title: str) -> None:
    assert govreport.parse(title + "\n" + BODY).meta.title == title


def test_real_page_of_the_law_database_layout() -> None:
    report = real("bulk/tw_laws/00001.txt")
    assert report.meta.title is not None and report.meta.title.endswith("條例")
    assert report.text.startswith("第 1 條")
    assert "法規類別" in report.meta.fields and report.meta.breadcrumb == []


# --- signatures ----------------------------------------------------------------------------------

NOTICE = "关于做好某某工作的通知\n各县区人民政府：\n现将有关事项通知如下，请认真贯彻执行。\n"


@pytest.mark.parametrize(("text", "issuer", "signed", "last"), [
    # a page whose line breaks were lost: the signature closes the last line
    ("关于做好某某工作的通知 各县区人民政府： 现将有关事项通知如下。特此通知。 某市人民政府 二〇一一年二月二十三日\n",
     "某市人民政府", "2011-02-23", "特此通知。"),
    (NOTICE + "一、提高认识。各地要高度重视。 二、加强领导。特此通知。 某市人民政府办公室 2011年2月23日\n",
     "某市人民政府办公室", "2011-02-23", "特此通知。"),
    # a person with a post: no issuer, the date kept
    (NOTICE + "市长 王某\n2020年1月1日\n", None, "2020-01-01", "贯彻执行。"),
    (NOTICE + "市长　王某　　2020年1月1日\n", None, "2020-01-01", "贯彻执行。"),
    # two organisations, on one line or two, joined by one space
    (NOTICE + "中国人民银行 民政部 2024年1月5日\n", "中国人民银行 民政部", "2024-01-05", "贯彻执行。"),
    (NOTICE + "中国人民银行　　民政部\n2024年1月5日\n", "中国人民银行 民政部", "2024-01-05", "贯彻执行。"),
    # a signature followed by a 主题词 line and the record of a 公文
    (NOTICE + "某市人民政府\n2020年1月1日\n主题词：安全生产 通知\n抄送：市委办公室。\n某市人民政府办公室 2020年1月2日印发\n",
     "某市人民政府", "2020-01-01", "贯彻执行。"),
    # dates with 零, a Greek or Latin O for 〇, and a date that lost its 日
    (NOTICE + "某市人民政府\n二零一一年二月二十三日\n", "某市人民政府", "2011-02-23", "贯彻执行。"),
    (NOTICE + "某市人民政府\n二Ο一一年二月二十三日\n", "某市人民政府", "2011-02-23", "贯彻执行。"),
    (NOTICE + "某市人民政府\n二〇一一年二月二十三\n", "某市人民政府", "2011-02-23", "贯彻执行。"),
])
def test_signature_classes(text: str, issuer: str | None, signed: str, last: str) -> None:
    report = govreport.parse(text)
    assert report.meta.issuer == issuer
    assert report.meta.signed is not None and report.meta.signed.iso == signed
    assert report.signature is not None and report.signature.text not in report.text
    assert report.text.endswith(last)


def test_a_signature_above_an_attachment_list() -> None:
    report = govreport.parse(NOTICE + "某市人民政府\n2020年1月1日\n附件：1.某某统计表\n2.某某汇总表\n")
    assert (report.meta.issuer, report.meta.signed and report.meta.signed.iso) == ("某市人民政府", "2020-01-01")
    assert "某市人民政府" not in report.text


def test_a_sentence_ending_in_an_organisation_and_a_date_is_not_split() -> None:
    report = govreport.parse(NOTICE + "会议由某市人民政府主持。会期 2011年2月23日\n")
    assert report.meta.issuer is None and report.signature is None


def test_real_pages_signed_jointly_or_by_a_person() -> None:
    joint = real("raw/gk-govcn-wujing-qianzhi-pifu-1996.html")
    assert joint.meta.issuer == "国务院 中央军委"
    person = real("docs/zc-gov-zhuanli-daili-tiaoli-2018.html")
    assert person.signature is not None and "李克强" in person.signature.text and "李克强" not in person.text
    assert person.meta.signed is not None and person.meta.signed.iso == "2018-11-06"


# --- header fields -------------------------------------------------------------------------------

def test_the_dispatching_organ_field_names_the_issuer_only_without_a_signature() -> None:
    head = "关于做好某某工作的通知\n发文机关：某市人民政府\n发布机构：某市人民政府办公室\n"
    unsigned = govreport.parse(head + NOTICE.split("\n", 1)[1])
    assert unsigned.meta.issuer == "某市人民政府"
    assert unsigned.meta.fields["发布机构"] == "某市人民政府办公室" and unsigned.meta.source is None
    signed = govreport.parse(head + NOTICE.split("\n", 1)[1] + "某市人民政府办公室\n2020年1月1日\n")
    assert signed.meta.issuer == "某市人民政府办公室"


def test_author_comes_from_a_visible_label_only() -> None:
    page = ('<html><head><meta charset="utf-8"><meta name="author" content="某某网"><title>某某座谈会在京召开</title>'
            "</head><body><p>某某座谈会在京召开</p><p>来源：新华社</p><p>会议强调，要推动各项工作取得新的突破。</p></body></html>")
    assert govreport.parse_bytes(page.encode("utf-8"), path="page.html").meta.author is None
    labelled = page.replace("<p>来源：新华社</p>", "<p>来源：新华社　作者：王某</p>")
    assert govreport.parse_bytes(labelled.encode("utf-8"), path="page.html").meta.author == "王某"


@pytest.mark.parametrize("head", ["某政发〔2020〕3号\n2020年01月05日\n", "2020-01-05 10:20\n"])
def test_an_unlabelled_date_in_the_header_block_is_published(head: str) -> None:
    report = govreport.parse("关于做好某某工作的通知\n" + head + NOTICE.split("\n", 1)[1])
    assert report.meta.published is not None and report.meta.published.iso == "2020-01-05"
    assert report.text.startswith("各县区人民政府")


@pytest.mark.parametrize("head", [
    "关于做好某某工作的通知\n发文字号：\n发布日期：2020-01-05\n作者：\n来源：某市政府办公室\n",
    "文号： | 发布日期：2020-01-05 |\n关于做好某某工作的通知\n来源：某市政府办公室\n",
    "关于做好某某工作的通知\n文号：发布日期：2020-01-05 来源：某市政府办公室\n",
    "发文字号: | 发文时间:2020-01-05 |\n关于做好某某工作的通知\n来源：某市政府办公室\n",
    "文 号 | 无〔〕号 | 主 题 词 | |\n关于做好某某工作的通知\n发布日期：2020-01-05\n来源：某市政府办公室\n",
])
def test_an_empty_label_swallows_nothing(head: str) -> None:
    report = govreport.parse(head + NOTICE.split("\n", 1)[1])
    assert report.meta.doc_number is None and report.meta.author is None
    assert report.meta.published is not None and report.meta.published.iso == "2020-01-05"
    assert report.meta.source == "某市政府办公室"
    assert report.meta.title == "关于做好某某工作的通知"
    assert report.text.startswith("各县区人民政府")


def test_real_pages_of_header_fields() -> None:
    table = real("docs/ho2-shangdang-tjj-zongjie-2020.txt")
    assert table.meta.doc_number is None and table.meta.issuer == "长治市上党区统计局"
    assert real("docs/ho2-lianyun-sucheng-xxgk-2021.txt").meta.doc_number is None
    assert real("docs/html-govcn-gongbao-tebie-guozhai-2007.html").meta.author is None


# --- boilerplate in and after the body -----------------------------------------------------------

ARTICLE = "某区召开安全生产工作会议\n会议强调，要切实提高政治站位，把各项任务落到实处。\n会议还部署了下一阶段工作。\n"
KEPT = "会议强调，要切实提高政治站位，把各项任务落到实处。\n会议还部署了下一阶段工作。"


@pytest.mark.parametrize("foot", [
    "网友评论\n共0条评论\n发表评论\n验证码：\n看不清，换一张\n加载更多\n",           # a comment widget
    "相关报道：\n某区部署安全生产工作\n",                                          # a related-reports link line
    "推荐图片\n某区春色\n相关新闻\n某区部署安全生产工作\n某区召开防汛会议\n",          # picture and news boxes
    "正文下载链接：\n某某通知.doc\n某某通知.pdf\n",                                  # download links
    "转载请注明来源：某某网\n未经授权，禁止转载。\n",                                 # reprint notices
    "版权所有：某某网\n",
    "更新日期：2021-06-02\n修订日期：2021-06-03\n",                                  # revision stamps
    "最後更新人員某某局最後更新時間114/06/02 14:00\n",
    "标签：安全生产 会议\n",                                                        # tag lines
    "主题词：安全 会议\n",
])
def test_boilerplate_after_a_news_article(foot: str) -> None:
    report = govreport.parse(ARTICLE + foot)
    assert report.text == KEPT
    assert report.meta.title == "某区召开安全生产工作会议"


@pytest.mark.parametrize("head", [
    "特殊稿件右侧区域内容请使用tab按钮切换浏览\n",                                  # screen-reader hints
    "跳到主要內容區塊\n",
    "2021-06-01 10:20 | 某区融媒体中心\n",                                          # the timestamp line of a news page
    "2021年06月01日 10:20　　【字体：大 中 小】\n",
])
def test_boilerplate_above_a_news_article(head: str) -> None:
    lines = ARTICLE.split("\n", 1)
    report = govreport.parse(lines[0] + "\n" + head + lines[1]) if head[0].isdigit() else govreport.parse(head + ARTICLE)
    assert report.text == KEPT
    assert report.meta.title == "某区召开安全生产工作会议"
    if head[0].isdigit():
        assert report.meta.published is not None and report.meta.published.iso == "2021-06-01"


def test_empty_cells_of_a_flattened_table_are_removed_and_named() -> None:
    report = govreport.parse("某县2021年统计数据\n一、总体情况\n全县完成生产总值12亿元。\n| |\n||||\n二、主要指标\n增长5%。\n")
    assert report.text == "一、总体情况\n全县完成生产总值12亿元。\n二、主要指标\n增长5%。"
    assert [r.rule for r in report.removed if "|" in r.text] == ["empty-cells", "empty-cells"]


@pytest.mark.parametrize("line", ["会议听取了网友评论的汇总情况。", "未经批准擅自占用耕地的，依法处理。", "最后更新的数据表明，增长5%。"])
def test_body_sentences_with_boilerplate_words_are_kept(line: str) -> None:
    report = govreport.parse(ARTICLE + line + "\n")
    assert report.text.endswith(line)


def test_real_pages_with_boilerplate_in_and_after_the_body() -> None:
    related = real("docs/gov-report-2026-beijing.txt")
    assert "相关报道" not in related.text
    download = real("docs/most-ai-syq-zhiyin-2020.txt")
    assert "正文下载链接" not in download.text
    hint = real("docs/shanghai-putuo-xxgk-2022h1.txt")
    assert "tab按钮" not in hint.text
    cells = real("docs/gk-qu-tjj-xxgk-2023.txt")
    assert not [ln for ln in cells.text.splitlines() if set(ln.strip()) <= {"|", " "}]
    stamp = real("bulk/tw_tainan/02057.txt")
    assert "最後更新" not in stamp.text


# --- traditional mirrors with pinyin glosses -----------------------------------------------------

def test_pinyin_glosses_cut_neither_title_nor_number_nor_signature() -> None:
    """A traditional mirror that glosses the characters it converted (關(guān)于), constructed in that shape."""
    text = ("某州市人民政府文件\n某政發(fā)〔2010〕182號(hào)\n市政府關(guān)于大力實(shí)施商標(biāo)戰(zhàn)略\n"
            "推進(jìn)創(chuàng)新型城市建設(shè)的意見(jiàn)\n各轄市、區(qū)人民政府：\n為貫徹落實(shí)有關(guān)要求，特制定本意見(jiàn)。\n"
            "某州市人民政府辦(bàn)公室\n二〇一〇年十二月八日\n")
    report = govreport.parse(text)
    assert report.meta.title == "市政府關(guān)于大力實(shí)施商標(biāo)戰(zhàn)略推進(jìn)創(chuàng)新型城市建設(shè)的意見(jiàn)"
    assert report.meta.doc_number == "某政發(fā)〔2010〕182號(hào)"
    assert report.meta.issuer == "某州市人民政府辦(bàn)公室"
    assert report.meta.signed is not None and report.meta.signed.iso == "2010-12-08"
    assert report.text.startswith("各轄市")


def test_real_traditional_mirrors_with_glosses() -> None:
    changzhou = real("docs/trad-changzhou-shangbiao-2010.txt")
    assert changzhou.meta.doc_number == "常政發(fā)〔2010〕182號(hào)"
    assert changzhou.meta.title is not None and changzhou.meta.title.startswith("市政府關(guān)于")
    assert real("docs/trad-shanghai-zhengwu-chengxin-2017.txt").meta.doc_number == "滬府發(fā)〔2017〕92號"


def test_the_title_of_a_page_whose_line_breaks_were_lost() -> None:
    text = "关于做好某某工作的通知 各县区人民政府： 现将有关事项通知如下。特此通知。 某市人民政府 二〇一一年二月二十三日\n"
    report = govreport.parse(text)
    assert report.meta.title == "关于做好某某工作的通知"
    assert report.text == "各县区人民政府： 现将有关事项通知如下。特此通知。"
    report = govreport.parse("某县2019年政府信息公开工作年度报告 一、总体情况 2019年，全县政府信息公开工作稳步推进。\n")
    assert report.meta.title == "某县2019年政府信息公开工作年度报告"
    assert [n.marker for n in report.outline] == ["一、"]


def test_a_title_with_a_space_before_a_plain_sentence_is_not_split() -> None:
    """Only a heading marker or a salutation after the gap shows where the body starts."""
    line = "某县2019年工作总结 全年各项工作稳步推进，完成了年初确定的目标任务。"
    report = govreport.parse(line + "\n")
    assert report.meta.title is None and report.text == line


def test_real_page_whose_line_breaks_were_lost() -> None:
    report = real("docs/ho2-qingshui-xxgk-2019.txt")
    assert report.meta.title is not None and report.meta.title.endswith("年度报告")
    assert report.text.startswith("一、总体情况")


def test_a_date_glued_to_the_next_label_and_a_home_crumb_set_apart_by_a_space() -> None:
    text = ("当前位置：首页 政务公开 > 年度报告\n2021年某街道政府信息公开工作年度报告\n2022年01月18日来源:某街道办事处\n"
            "一、总体情况\n全年主动公开信息120条。\n")
    report = govreport.parse(text)
    assert report.meta.breadcrumb == ["首页", "政务公开", "年度报告"]
    assert report.meta.published is not None and report.meta.published.iso == "2022-01-18"
    assert report.meta.source == "某街道办事处"
    assert report.text.startswith("一、总体情况")


# --- pages whose body looked like their head: nothing of the body is lost ------------------------

LEAD_IN = ("市長提示：一、今年的防汛工作做得很好，各局處都應提前整備，災害發生時迅速應變。二、請各局處加強宣導，"
           "提醒市民注意安全，並隨時留意氣象資訊。")


def test_a_label_the_table_does_not_know_before_a_paragraph_is_body() -> None:
    """Constructed: a one-line page that opens with an unknown label and a colon (市長提示：…) followed by
    a paragraph is no header field: its sentences are the body, and its numbered items the outline."""
    report = govreport.parse(LEAD_IN)
    assert report.meta.fields == {} and not report.removed
    assert report.text.startswith("市長提示：一、今年的防汛工作") and [n.marker for n in report.outline] == ["一、", "二、"]
    short = govreport.parse("文件类型：通知\n" + BODY)  # a short value is still a field
    assert short.meta.fields == {"文件类型": "通知"}


@pytest.mark.parametrize(("head", "label", "value", "iso"), [
    ("發稿單位：工務局發稿時間：111年4月26日 15:25", "發稿時間", "111年4月26日 15:25", "2022-04-26"),
    ("公告日：108/05/15", "公告日", "108/05/15", "2019-05-15"),  # a Taiwan notice's 公告日 dates it
])
def test_a_date_field_glued_to_the_body_is_split_from_it(head: str, label: str, value: str, iso: str | None) -> None:
    """Constructed: the crawler glued the body to the last header field, a date (and time): the field
    keeps the date, the body keeps every sentence."""
    body = "本市明和特色公園今日正式啟用，市長親自到場主持，並感謝各界支持，園區設有共融遊具及無障礙設施，歡迎市民前往。"
    report = govreport.parse(head + body)
    assert report.text == body
    if iso is not None:
        assert report.meta.published is not None and report.meta.published.iso == iso
        assert report.meta.published.raw == value
    else:
        assert report.meta.fields[label] == value


def test_a_press_release_date_label_gives_published() -> None:
    """Constructed: 發稿日期 is a publication date label, like 發稿時間."""
    report = govreport.parse("某某局新聞稿\n發稿日期：114年10月9日\n" + "本局今日舉辦說明會，說明相關規定。\n")
    assert report.meta.published is not None and report.meta.published.iso == "2025-10-09"


def test_paragraphs_that_name_a_footer_word_are_not_the_footer() -> None:
    """Constructed: an article about accessibility (無障礙, also a portal's footer link) keeps its closing
    paragraphs; the short footer row after them is still the footer."""
    paras = [f"第{i}段：本局推動無障礙環境，辦理說明會，協助業者改善無障礙設施，提升城市友善程度，落實平權理念。" for i in range(1, 4)]
    text = "某某局新聞稿\n\n" + "\n\n".join(paras) + "\n\n網站導覽 | 無障礙 | 隱私權政策\n"
    report = govreport.parse(text)
    assert all(p in report.text for p in paras)
    assert [s.text for s in report.removed if s.kind == "footer"] == ["網站導覽 | 無障礙 | 隱私權政策"]


def test_a_page_with_no_prose_keeps_its_table_as_body() -> None:
    """Constructed: a page that is one table, flattened into tab-separated cells on one line or one cell
    per line, holds no sentence and no title: its cells are its body (not navigation, not a table of
    contents, though its dates and times end in digits and its values repeat)."""
    rows = [("中西區", "某某宮", "王先生", "108/1/27", "09:00~10:00"), ("中西區", "某某宮", "王先生", "108/2/3", "09:00~10:00"),
            ("北區", "某某廟", "李先生", "108/2/3", "10:00~11:00"), ("北區", "某某廟", "李先生", "108/2/10", "10:00~11:00")]
    header = ("區別", "寺廟名稱", "負責人", "活動日期", "活動時間")
    one_line = "\t\t\t".join("\t\t\t".join(r) for r in (header, *rows))
    per_cell = "\n".join(c for r in (header, *rows) for c in r)
    for text in (one_line, per_cell):
        report = govreport.parse(text)
        assert not report.removed, [s.rule for s in report.removed]
        assert "中西區" in report.text and "10:00~11:00" in report.text and report.meta.title is None


@pytest.mark.parametrize("line", ["# 某某市2023年法治政府建设年度报告", "**某某市2023年法治政府建设年度报告**",
                                  "## **某某市2023年法治政府建设年度报告**"])
def test_a_markdown_title_is_read_without_its_markup(line: str) -> None:
    """Constructed: a Markdown scrape writes the title as a heading or in bold; the title is the words."""
    report = govreport.parse(line + "\n\n## 一、主要工作\n\n今年完成了任务。\n")
    assert report.meta.title == "某某市2023年法治政府建设年度报告"
    assert [(n.marker, n.title) for n in report.outline] == [("一、", "主要工作")]


def test_a_procurement_record_keeps_its_title_and_its_bracketed_fields() -> None:
    """Constructed (the shape of Taiwan's procurement notices): a document-type title, then one field to a
    line with its label in square brackets, and no prose. The title is the first line, the fields are header
    fields (none of them the title), and a line of fields glued together stays text."""
    text = ("決標公告\n公告日:108/06/12\n[機關代碼]3.95\n[機關名稱]某某市政府\n[標案案號]108B0030\n[招標方式]公開招標\n"
            "[標案名稱]某某服務採購案\n[決標公告日期]108/06/12\n[投標廠商1]\n[廠商名稱]某某公司\n[決標金額]900,000元\n"
            "[附加說明]\n[甲]一[乙]二[丙]三\n註：以上公告內容如與招標文件不一致者，請依規定向招標機關反映。\n")
    report = govreport.parse(text)
    assert report.meta.title == "決標公告"
    assert report.meta.fields["標案名稱"] == "某某服務採購案" and report.meta.fields["機關名稱"] == "某某市政府"
    assert report.text.startswith("註：以上公告內容")
    removed = [r.text for r in report.removed]
    for line in text.splitlines():  # nothing lost: every line is text, a header field or listed as removed
        assert line in report.text or line in removed, line


def test_a_closing_paragraph_that_names_a_footer_word_stays_body() -> None:
    """Constructed: the last paragraph of a notice names its 主辦單位 (a footer cue on portals) inside a
    sentence; it is the notice's last item, not a footer under it."""
    last = "四、公聽會當天如遇天災或人力無法抗拒情事，主辦單位或主持人得終止會議之進行，並另行公告再行召開公聽會事宜。"
    text = "依據：某某條例第10條規定辦理。\n公告事項：一、事由：說明某某工程計畫概況。二、日期：113年3月15日。三、地點：區公所。" + last
    report = govreport.parse(text)
    assert not [r for r in report.removed if r.kind == "footer"] and last in report.text


def test_a_sentence_that_names_a_widget_word_stays_body() -> None:
    """Constructed (bulk/tw_laws shape): an article's sentence that says 列印 (print, also a portal's print
    button) is body; a bare print button is still a widget."""
    sentence = "國民身分證及戶口名簿，由戶政事務所依據戶籍資料列印製發。"
    report = govreport.parse(f"某某法\n第 1 條\n本法依法制定。\n第 2 條\n{sentence}\n列印本頁  關閉視窗\n")
    assert sentence in report.text
    assert [r.text for r in report.removed if r.kind == "widget"] == ["列印本頁  關閉視窗"]


def test_a_bulletin_signed_in_brackets_above_an_empty_attachment_field() -> None:
    """Constructed: a statistics bulletin closes with its issuer in brackets, then the portal's empty 附件：
    and its footer: the issuer signs it, and neither line is body."""
    report = govreport.parse("某县2015年国民经济和社会发展统计公报\n一、综合\n全年生产总值110亿元，增长8.5%。\n"
                             "（某县统计局）\n附件：\n关联稿件：\n扫一扫在手机打开当前页\n")
    assert report.meta.issuer == "某县统计局"
    assert report.text.splitlines()[-1] == "全年生产总值110亿元，增长8.5%。"


@pytest.mark.parametrize("head", ["", "某街2020年法治政府建设情况.docx\n"])
def test_a_title_glued_to_the_first_sentence(head: str) -> None:
    """Constructed: a Word or PDF export that lost its line breaks opens with the title, a space and the first
    sentence (under a file name line too): the title is split from the body at the gap."""
    report = govreport.parse(head + "某街2020年法治政府建设情况报告 2020年，在区委、区政府的正确领导下，我街道深入推进依法行政。"
                             "现将有关情况报告如下：一、主要举措。全年开展培训8次。\n")
    assert report.meta.title == "某街2020年法治政府建设情况报告"
    assert report.preamble.startswith("2020年，在区委")
