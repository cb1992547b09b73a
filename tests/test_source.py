"""Encodings: the same page in every encoding portals use gives the same Report."""

from __future__ import annotations

import codecs

import pytest

import govreport
from govreport.source import decode, looks_like_html
from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "kjj-fazhi-2020" / "input.txt"
TRADITIONAL = DOCUMENTS / "traditional-2020" / "input.txt"


def _strip(report: govreport.Report) -> dict[str, object]:
    data = report.model_dump(mode="json")
    data["source"] = {k: v for k, v in data["source"].items() if k not in ("encoding", "sha256")}  # type: ignore[union-attr]
    return data


@pytest.mark.parametrize(("encoding", "expected"), [
    ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
])
def test_simplified_page_in_any_encoding(encoding: str, expected: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    baseline = govreport.parse_bytes(text.encode("utf-8"), path="seed")
    report = govreport.parse_bytes(data, path="seed")
    assert report.source.encoding == expected
    assert _strip(report) == _strip(baseline)


def test_traditional_page_in_big5() -> None:
    text = TRADITIONAL.read_text(encoding="utf-8")
    report = govreport.parse_bytes(text.encode("big5"), path="t")
    baseline = govreport.parse_bytes(text.encode("utf-8"), path="t")
    assert report.source.encoding == "big5"
    assert _strip(report) == _strip(baseline)


def test_crlf_and_cr_become_lf() -> None:
    text = SEED.read_text(encoding="utf-8")
    crlf = govreport.parse_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    lf = govreport.parse_bytes(text.encode("utf-8"))
    assert crlf.source.chars == lf.source.chars
    assert crlf.outline == lf.outline


def test_forced_encoding_and_its_error() -> None:
    data = "一、总体要求".encode("gbk")
    assert decode(data, "gbk")[0] == "一、总体要求"
    with pytest.raises(govreport.DecodeError, match="not valid utf-8"):
        decode(data, "utf-8")
    with pytest.raises(govreport.DecodeError, match="unknown encoding"):
        decode(data, "no-such-codec")


def test_undecodable_bytes_become_replacement_with_warning() -> None:
    data = "一、总体要求\n全年完成任务。".encode() + b"\xff\xfe\xfa" + "二、保障措施".encode("gbk")[:3]
    report = govreport.parse_bytes(data)
    assert "decode-replaced" in [w.code for w in report.warnings]
    report.model_dump_json()  # no lone surrogates: serialisation must succeed


def test_binary_input_is_refused() -> None:
    with pytest.raises(govreport.BinaryInputError):
        govreport.parse_bytes(b"%PDF-1.4\n%\xe2\xe3")
    with pytest.raises(govreport.BinaryInputError):
        govreport.parse_bytes(b"\x00" * 100)


def test_empty_input_is_an_empty_report_with_a_warning() -> None:
    report = govreport.parse_bytes(b"")
    assert report.text == "" and report.outline == []
    assert [w.code for w in report.warnings] == ["empty-input"]


def test_declared_charset_is_verified_against_the_bytes() -> None:
    page = '<html><head><meta charset="utf-8"><title>通知</title></head><body><p>一、总体要求</p><p>全年完成任务。</p></body></html>'
    report = govreport.parse_bytes(page.encode("gbk"), path="x.html")
    assert report.source.encoding == "gb18030"
    assert report.outline[0].title == "总体要求"
    lying = page.replace("utf-8", "gb2312")
    report = govreport.parse_bytes(lying.encode("utf-8"), path="x.html")
    assert report.source.encoding == "utf-8"
    assert report.outline[0].title == "总体要求"


@pytest.mark.parametrize(("data", "name", "html"), [
    (b"<!DOCTYPE html><html>", None, True), (b"  <html lang='zh'>", None, True), (b"\xef\xbb\xbf<!doctype html>", None, True),
    (b"plain", "page.htm", True), ("一、总体要求".encode(), None, False), (b"<p>x", None, True),
])
def test_html_sniffing(data: bytes, name: str | None, html: bool) -> None:
    assert looks_like_html(data, name) is html


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    report = govreport.parse_bytes(text.encode(codec), path="seed")
    assert report.source.encoding == "utf-16"
    assert report.meta.title == govreport.parse(text).meta.title


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_inside_its_last_character_is_a_truncation_not_gb18030(cut: int) -> None:
    page = "一、总体要求\n全年完成任务八项。".encode()
    report = govreport.parse_bytes(page[:-cut])
    assert report.source.encoding == "utf-8"
    assert [w.code for w in report.warnings] == ["decode-truncated"]
    assert report.text.endswith("全年完成任务八项\ufffd")


def test_utf16_without_bom_that_lost_its_last_byte_is_read() -> None:
    data = "一、总体要求\n全年完成任务八项。".encode("utf-16-le")[:-1]
    report = govreport.parse_bytes(data)
    assert report.source.encoding == "utf-16" and report.outline[0].title == "总体要求"
    assert "decode-truncated" in [w.code for w in report.warnings]
