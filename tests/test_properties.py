"""Property tests: arbitrary and mixed-up documents never break the Report's promises."""

from __future__ import annotations

import json
from functools import lru_cache

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.pipeline import decode_bytes
from govreport.rules.fields import BARE_LABELS, META_LABELS
from govreport.schema import report_schema
from tests.conftest import all_texts, document_inputs
from tests.invariants import check_all

FRAGMENTS = [
    "一、", "（一）", "(二)", "1.", "２．", "（1）", "①", "②", "一是", "二是", "三是", "第一，", "第二，", "第一章", "第一条",
    "1.1 ", "统一是", "第(一)项", "县(区)", "当前位置：首页 > 通知", "发布日期：2021-01-25 来源：市政府", "作者：",
    "打印本页 关闭窗口", "主办单位：某局", "浙ICP备0001号", "舟山市科学技术局", "2020年1229", "二〇二〇年十二月二十九日",
    "8次", "252.63%", "1.2亿元", "十九件", "约30份", "3%-5%", "《条例》", "“最多跑一次”", "。", "；", "：", "\n", "\n\n",
    "\xa0\xa0", "\u3000\u3000", "\x00", "\r\n", "\r", "附件1", "（此件公开发布）", "%%%", "((((", "第第第",
    *(f"{label}：" for labels in META_LABELS.values() for label in labels), *(f"{x} " for x in BARE_LABELS),
]


@lru_cache(maxsize=1)
def _lines() -> list[str]:
    return [line for text in all_texts() for line in text.splitlines() if line.strip()]


def documents() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(_lines()),
        st.text(max_size=30),
        st.text(alphabet="一二三是、（）()0123456789.．%年月日件次元万亿　 \n。；：", max_size=30),
    )
    return st.lists(piece, max_size=40).map("".join)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_parse_keeps_its_promises(text: str) -> None:
    report = govreport.parse(text)
    check_all(report, report_source(text))
    json.loads(report.model_dump_json())


def report_source(text: str) -> str:
    from govreport.source import normalize_newlines

    return normalize_newlines(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_parse_bytes_never_raises_anything_untyped(data: bytes) -> None:
    try:
        report = govreport.parse_bytes(data)
    except govreport.GovreportError:
        return
    source, _ = decode_bytes(data)
    check_all(report, source.text)
    json.loads(report.model_dump_json())


@settings(max_examples=60, deadline=None)
@given(documents(), st.booleans())
def test_html_pages_keep_their_promises(text: str, wrap: bool) -> None:
    body = "".join(f"<p>{line}</p>" if wrap else f"{line}<br>" for line in text.split("\n"))
    data = f"<html><body><div>{body}</div></body></html>".encode("utf-8", "surrogatepass")
    try:
        report = govreport.parse_bytes(data, path="x.html")
    except govreport.GovreportError:
        return
    source, _ = decode_bytes(data, "x.html")
    check_all(report, source.text)


def test_every_fixture_keeps_its_promises_and_validates() -> None:
    schema = json.loads(report_schema())
    for path in document_inputs():
        report = govreport.parse_file(path)
        source, _ = decode_bytes(path.read_bytes(), path.name)
        check_all(report, source.text)
        jsonschema.validate(json.loads(report.model_dump_json()), schema)
