"""Saved HTML pages: the rendering keeps blocks on lines and drops scripts."""

from __future__ import annotations

import pytest

import govreport
from govreport.html import render
from tests.conftest import DOCUMENTS
from tests.invariants import shape


def test_html_and_text_scrape_give_the_same_outline_and_metrics() -> None:
    html = govreport.parse_file(DOCUMENTS / "kjj-fazhi-2020-html" / "input.html")
    text = govreport.parse_file(DOCUMENTS / "kjj-fazhi-2020" / "input.txt")
    assert html.source.format == "html"
    assert shape(html) == shape(text)
    assert [(m.raw, m.value, m.unit, m.node) for m in html.metrics] == [(m.raw, m.value, m.unit, m.node) for m in text.metrics]
    assert html.meta.model_dump(exclude={"published", "signed"}) == text.meta.model_dump(exclude={"published", "signed"})
    assert html.text == text.text


def test_rendering_blocks_scripts_comments_and_entities() -> None:
    page = render(
        "<html><head><title>站点 - 标题</title><meta name='ArticleTitle' content='标题'>"
        "<style>p{}</style></head><body><!-- 注释 --><div>一、总体<b>要求</b></div>"
        "<p>第一段&nbsp;正文&amp;说明&sp;结束<br>第二行</p><script>var x='<p>脚本</p>';</script>"
        "<table><tr><td>单元1</td><td>单元2</td></tr></table></body></html>")
    assert page.text.splitlines() == ["一、总体要求", "第一段\xa0正文&说明\xa0结束", "第二行", "单元1", "单元2"]
    assert page.title == "站点 - 标题"
    assert page.meta["ArticleTitle"] == "标题"


def test_meta_title_is_evidence_not_an_answer() -> None:
    page = ("<html><head><title>舟山市人民政府门户网站</title><meta name='ArticleTitle' content='关于做好防汛工作的通知'></head>"
            "<body><div>舟山市人民政府门户网站</div><div>当前位置：首页 > 通知公告</div><h1>关于做好防汛工作的通知</h1>"
            "<div>发布日期：2021-06-01</div><p>各县（区）人民政府：</p><p>现将有关事项通知如下。</p></body></html>")
    report = govreport.parse_bytes(page.encode("utf-8"), path="p.html")
    assert report.meta.title == "关于做好防汛工作的通知"
    assert report.meta.published is not None and report.meta.published.iso == "2021-06-01"


def test_deeply_nested_html_renders() -> None:
    depth = 20_000
    page = "<div>" * depth + "一、总体要求" + "</div>" * depth
    assert "一、总体要求" in render(page).text


def test_meta_fields_fill_what_the_page_text_lacks() -> None:
    page = ("<html><head><meta name='PubDate' content='2021-06-01 09:00'><meta name='ContentSource' content='市水利局'>"
            "<meta name='Author' content='王某'></head><body><h1>关于做好防汛工作的通知</h1><div>2021年06月01日</div>"
            "<p>各县（区）人民政府：</p><p>现将有关事项通知如下。</p></body></html>")
    report = govreport.parse_bytes(page.encode("utf-8"), path="p.html")
    assert report.meta.published is not None and report.meta.published.iso == "2021-06-01"
    assert report.meta.published.raw == "2021年06月01日"
    # the source fills in from ContentSource; <meta name='Author'> is no visible label, so no author (the spec)
    assert (report.meta.source, report.meta.author) == ("市水利局", None)


def test_a_meta_date_the_page_never_shows_is_not_invented() -> None:
    page = "<html><head><meta name='PubDate' content='2021-06-01'></head><body><p>现将有关事项通知如下。</p></body></html>"
    assert govreport.parse_bytes(page.encode("utf-8"), path="p.html").meta.published is None


def test_site_name_is_not_the_title() -> None:
    page = ("<html><head><title>舟山市人民政府</title><meta name='SiteName' content='舟山市人民政府'></head><body>"
            "<div>舟山市人民政府</div><div>2021年度工作报告</div><p>全年完成任务。</p></body></html>")
    assert govreport.parse_bytes(page.encode("utf-8"), path="p.html").meta.title == "2021年度工作报告"


def test_breadcrumb_rendered_one_crumb_per_line() -> None:
    page = ("<html><body><div class='crumb'>当前位置：<ul><li><a>首页</a></li><li>&gt;</li><li><a>政务公开</a></li>"
            "<li>&gt;</li><li><a>通知公告</a></li></ul></div><h1>关于做好2022年防汛工作的通知</h1>"
            "<p>各县（区）人民政府：</p><p>现将有关事项通知如下。</p></body></html>")
    report = govreport.parse_bytes(page.encode("utf-8"), path="p.html")
    assert report.meta.breadcrumb == ["首页", "政务公开", "通知公告"]
    assert report.meta.title == "关于做好2022年防汛工作的通知"


def test_page_title_without_site_name_when_the_body_has_no_title_line() -> None:
    page = ("<html><head><title>关于做好2022年防汛工作的通知_舟山市人民政府</title></head><body>"
            "<p>各县（区）人民政府：</p><p>现将有关事项通知如下。</p></body></html>")
    assert govreport.parse_bytes(page.encode("utf-8"), path="p.html").meta.title == "关于做好2022年防汛工作的通知"


# Constructed pages where a <br> stands where the HTML5 tree builder treats it apart: in a paragraph, straight in a
# table (moved before it), in the head, as </br>, in every spelling, and where it is no element (a comment, a
# script, a title, a text area, a <meta>'s content)
BREAK_PAGES = [
    "<p>一<br>二<BR/>三<br />四<br clear='all'>五</br>六</p>",
    "<html><head><title>标题<br>二</title><meta name='Description' content='一<br>二'><br>正文</head>"
    "<body>甲<br>乙</body></html>",
    "<table><br><tr><td>单元<br>一</td></tr>外<br>面</table>后",
    "<div>一<!-- <br> --><script>var a = '<br>';</script><textarea>一<br>二</textarea>二<br><brx>三<br-x>四</div>",
    "<ul><li>一<br></li><li><br>二</li></ul>  <br>  <br>  结尾",
    "<pre>一\n<br>\n二</pre><p>三&nbsp;<br>&nbsp;四</p>",
]


def test_breaks_become_separators_before_parsing_and_render_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's <br>s are replaced by the rendering's own separator before it is parsed (a page of text broken by
    <br>s then parses to a few text nodes instead of two a line): every page renders as it did when lexbor read the
    <br> elements, <meta> values and titles included."""
    from govreport import html as html_stage

    replaced = [html_stage.render(page) for page in BREAK_PAGES]
    monkeypatch.setattr(html_stage, "_breaks_as_separators", lambda html: html)
    as_elements = [html_stage.render(page) for page in BREAK_PAGES]
    assert replaced == as_elements
    assert replaced[0].text.splitlines() == ["一", "二", "三", "四", "五", "六"]
    assert replaced[1].title == "标题<br>二" and replaced[1].meta["Description"] == "一<br>二"


def test_only_break_elements_are_replaced() -> None:
    from govreport.html import _SEP, _breaks_as_separators

    assert _breaks_as_separators("一<br>二<BR/>三</br >四") == f"一{_SEP}二{_SEP}三{_SEP}四"
    kept = "<!-- <br> --><script>'<br>'</script><title><br></title><meta content='<br>'><brx><br-x>"
    assert _breaks_as_separators(kept) == kept
    assert _breaks_as_separators("无换行<p>一</p>") == "无换行<p>一</p>"
