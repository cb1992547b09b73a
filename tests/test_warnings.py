"""One route for warnings: each stage's frozen result carries its own ``issues``, decoding included, and
``pipeline.warnings_of`` is the one place they meet, in a fixed order (no span first, then by span)."""

from __future__ import annotations

from govreport import pipeline
from govreport.meta import decide
from govreport.records import Issue


def _codes(issues: tuple[Issue, ...]) -> list[str]:
    return [i.code for i in issues]


def test_decoding_carries_its_own_warnings() -> None:
    """Constructed bytes: a page cut inside its last character, a page with undecodable bytes, a forced
    encoding that loses every Chinese character, an empty page, and HTML too deeply nested to parse."""
    page = "一、总体要求\n全年完成任务八项。".encode()
    cut, _ = pipeline.decode_bytes(page[:-1])
    assert _codes(cut.issues) == ["decode-truncated"]
    assert cut.issues[0].span == (len(cut.text) - 1, len(cut.text)) and cut.text.endswith("\ufffd")

    replaced, _ = pipeline.decode_bytes(page + b"\xff\xfe\xfa" + "二、保障措施".encode("gbk")[:3])
    assert _codes(replaced.issues) == ["decode-replaced"] and replaced.issues[0].span is None

    latin, _ = pipeline.decode_bytes(("一、总体要求，全年完成任务八项。" * 4).encode("gbk"), encoding="latin-1")
    assert _codes(latin.issues) == ["encoding-suspect"]

    empty, _ = pipeline.decode_bytes(b" \n\n")
    assert _codes(empty.issues) == ["empty-input"]

    deep, _ = pipeline.decode_bytes(("<div>" * 3100 + "一、总体要求" + "</div>" * 3100).encode(), "deep.html")
    assert _codes(deep.issues) == ["html-flattened"] and deep.text == "一、总体要求"

    clean, _ = pipeline.decode_bytes(page)
    assert clean.issues == ()


def test_parse_of_a_string_raises_the_decode_warnings_of_its_text() -> None:
    report = pipeline.parse("一、总体要求\n全年完成任务\udcff八项。\n")  # constructed: a lone surrogate
    assert [w.code for w in report.warnings] == ["decode-replaced"]
    assert [w.code for w in pipeline.parse("\n").warnings] == ["empty-input"]


# constructed: a number skipped in the outline (三、 after 一、), a published date that lost its 月 and a
# signing date that lost its 月/日, behind undecodable bytes
PAGE = ("关于印发某某办法的通知\n发布日期：2021年0125日\n一、总体要求\n全年完成任务".encode() + b"\xff\xfe"
        + "。\n三、保障措施\n加强领导。\n某某市人民政府\n2020年1229\n".encode())


def test_each_stage_carries_the_warnings_it_raised_and_the_report_gathers_them_in_order() -> None:
    source, evidence = pipeline.decode_bytes(PAGE, "page.txt")
    classified = pipeline.classify(source, evidence)
    outlined = pipeline.outline(classified)
    enriched = pipeline.enrich(classified, outlined)
    decided = decide(classified.layout, evidence, source.text)
    assert _codes(source.issues) == ["decode-replaced"]
    assert _codes(classified.layout.issues) == ["date-repaired"]  # the signature's date
    assert _codes(outlined.issues) == ["numbering-gap"]
    assert enriched.issues == ()
    assert _codes(decided.issues) == ["date-repaired"]  # the published date
    gathered = pipeline.warnings_of(source, classified.layout, outlined, enriched, decided)
    data = pipeline.assemble(classified, outlined, enriched, "page.txt")
    assert data["warnings"] == gathered
    # the one with no span first, then in the order they stand in the text
    assert [w["code"] for w in gathered] == ["decode-replaced", "date-repaired", "numbering-gap", "date-repaired"]
    spans = [w["span"] for w in gathered[1:]]
    assert spans == sorted(spans, key=lambda s: s or (-1, -1)) and None not in spans
    assert gathered[1]["span"] == decided.issues[0].span and gathered[3]["span"] == classified.layout.issues[0].span
