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
