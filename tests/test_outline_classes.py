"""The outline classes real pages showed (issue 18), each on a constructed page run through
``govreport.parse``. The texts are written for these tests; the real pages of each class are in
../shared/corpus (bulk/tw_laws, bulk/pkulaw_policies, bulk/gwr_wikisource, docs)."""

from __future__ import annotations

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
    ("books above chapters",
     "某某訴訟法\n第 一 編 總則\n第 一 章 法例\n第 1 條\n本法依法制定。\n第 二 編 第一審\n第 一 章 公訴\n第 2 條\n本法施行。",
     [(1, "第 一 編", "總則"), (2, "第 一 章", "法例"), (3, "第 1 條", ""), (1, "第 二 編", "第一審"),
      (2, "第 一 章", "公訴"), (3, "第 2 條", "")]),
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
