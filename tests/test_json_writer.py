"""The JSON writer: orjson where it writes the standard library's bytes, the standard encoder elsewhere."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import json_writer, models, pipeline, report_data

from .conftest import DOCUMENTS, document_inputs

SHARED_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs"
SEED = (DOCUMENTS / "zhoushan-kjj-2020" / "input.txt").read_text(encoding="utf-8")


def _stdlib(data: Any, indent: int | None) -> bytes:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators).encode("utf-8", "replace")


def _written(data: dict[str, Any], indent: int | None) -> bytes:
    pieces = b"".join(json_writer.json_pieces(data, indent))
    assert json_writer.dumps(data, indent).encode("utf-8", "replace") == pieces
    assert json_writer.dumps_bytes(data, indent) == pieces
    return pieces


def _written_from_tree(analysed: report_data.Analysed, indent: int | None) -> bytes:
    """The Report written as the command line writes it: each outline node's data built from the tree as it
    is written; the same bytes as the whole Report's data written."""
    pieces = b"".join(json_writer.json_pieces(analysed, indent))
    assert _written(analysed.report(), indent) == pieces
    return pieces


def _pages() -> list[Path]:
    shared = sorted(SHARED_DOCS.glob("*")) if SHARED_DOCS.is_dir() else []
    return document_inputs() + shared


@pytest.mark.parametrize("indent", [2, None])
def test_every_page_is_written_as_the_standard_encoder_writes_it(indent: int | None) -> None:
    pages = _pages()
    for path in pages:
        source, evidence = pipeline.decode_bytes(path.read_bytes(), path.name)
        analysed = pipeline.analyse_parts(source, str(path), evidence)
        assert _written_from_tree(analysed, indent) == _stdlib(analysed.report(), indent), path


def _report_with(value: float, text: str = "正文", path: str = "a.txt") -> dict[str, Any]:
    """A constructed Report's data holding one metric of ``value`` and ``text`` in a removed stretch."""
    data = pipeline.analyse_data(pipeline.decode_bytes("一、总体要求\n完成率为95%。\n".encode(), path)[0], path)
    data["metrics"][0]["value"] = value
    data["removed"] = [{"kind": "footer", "rule": "footer-cue", "text": text, "span": (0, 1)}]
    return data


@pytest.mark.parametrize("value", [95.0, 0.0, -3.5, 1e-4, 1e-5, 2.5e-7, 1e15, 1e16, 1.5e17, 1e300,
                                   float("inf"), float("nan"), 0.30000000000000004])
@pytest.mark.parametrize("indent", [2, None])
def test_floats_either_encoder_would_write_differently_are_written_as_before(value: float,
                                                                            indent: int | None) -> None:
    data = _report_with(value)  # constructed: orjson writes 1e-05 as 0.00001 and inf as null
    assert _written(data, indent) == _stdlib(data, indent)


@pytest.mark.parametrize("text", ["\ud800", "控制\x00\x1f\x7f字符", "\u2028\u2029\ufeff", "引号\"反斜杠\\/"])
@pytest.mark.parametrize("indent", [2, None])
def test_strings_orjson_refuses_or_escapes_are_written_as_before(text: str, indent: int | None) -> None:
    data = _report_with(12.0, text)  # constructed: a lone surrogate, control characters, separators
    assert _written(data, indent) == _stdlib(data, indent)


def test_an_integer_past_64_bits_is_written_as_before() -> None:
    data = _report_with(12.0)
    data["source"]["chars"] = 2**70  # constructed: orjson refuses it
    assert _written(data, 2) == _stdlib(data, 2)
    assert _written(data, None) == _stdlib(data, None)


def _floats(model: type[Any], seen: set[type[Any]]) -> list[str]:
    """The float fields reachable from ``model``: ``json_writer._fast`` checks the metrics' values only."""
    if model in seen:
        return []
    seen.add(model)
    found: list[str] = []
    for name, field in model.model_fields.items():
        stack: list[Any] = [field.annotation]
        while stack:
            tp = stack.pop()
            if tp is float:
                found.append(f"{model.__name__}.{name}")
            elif isinstance(tp, type) and issubclass(tp, models.BaseModel):
                found.extend(_floats(tp, seen))
            else:
                stack.extend(typing.get_args(tp))
    return found


def test_the_metrics_value_is_the_reports_only_float() -> None:
    assert _floats(models.Report, set()) == ["Metric.value"]


def test_without_orjson_the_standard_encoder_writes_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _report_with(1e-5)
    monkeypatch.setattr(json_writer, "_orjson", None)
    assert _written(data, 2) == _stdlib(data, 2)
    assert _written(data, None) == _stdlib(data, None)


@pytest.mark.parametrize("string_piece", [1, 7, 37, 8192])
@pytest.mark.parametrize("indent", [2, None])
def test_a_large_page_written_node_by_node_is_written_as_before(monkeypatch: pytest.MonkeyPatch,
                                                                string_piece: int, indent: int | None) -> None:
    """Every page, written as a large page is (child nodes encoded alone, each node's data built from the
    tree as it is written, long strings cut into pieces of ``string_piece`` characters), indented or on one
    line, gives the standard encoder's bytes."""
    monkeypatch.setattr(json_writer, "LARGE_PAGE", -1)
    monkeypatch.setattr(json_writer, "STRING_PIECE", string_piece)
    for path in _pages():
        source, evidence = pipeline.decode_bytes(path.read_bytes(), path.name)
        analysed = pipeline.analyse_parts(source, str(path), evidence)
        assert _written_from_tree(analysed, indent) == _stdlib(analysed.report(), indent), path


@pytest.mark.parametrize("text", ["正文\ud800尾" * 20000, "引号\"反斜杠\\制表\t换行\n" * 6000, "😀" * 70000,
                                  "a\x00b\x1f" * 20000])
def test_long_strings_cut_anywhere_are_written_as_before(text: str) -> None:
    """Constructed: a body longer than a string piece, holding what escapes (quotes, backslashes, control
    characters), what orjson refuses (a lone surrogate) and characters outside the BMP, cut at every place
    a piece can end, nested in a node's text as well as in the body's text."""
    data = _report_with(95.0, text)
    data["text"] = text
    data["outline"][0]["text"] = text
    data["outline"][0]["children"] = [dict(data["outline"][0], children=[], text=text[:100])]
    assert len(text) > json_writer.LARGE_PAGE
    assert _written(data, 2) == _stdlib(data, 2)
    assert _written(data, None) == _stdlib(data, None)


def test_writing_a_large_page_holds_no_copy_of_its_text() -> None:
    """The JSON of a page with a long body is written without holding the body's JSON (or orjson's
    buffer for it, about 36 bytes a character) at once: for 240,000 characters of body text (constructed)
    the writer's peak stays under 2 MB over the data it writes, where the text encoded whole took 9 MB."""
    import tracemalloc

    paragraph = "一、总体要求\n" + "全面推进依法行政，完成率为95%。" * 20 + "\n"
    source, evidence = pipeline.decode_bytes((paragraph * 700).encode(), "large.txt")
    data = pipeline.analyse_data(source, "large.txt", evidence)
    assert len(data["text"]) > 200_000
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        written = sum(len(piece) for piece in json_writer.json_pieces(data, 2))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert written > 600_000
    assert peak < 2_000_000, peak


@pytest.mark.parametrize("large", [False, True])
def test_parse_json_gives_the_bytes_of_the_models_json(monkeypatch: pytest.MonkeyPatch, large: bool) -> None:
    """``govreport.parse_json`` never builds the models, yet gives what they would write, for every page (the
    fixtures, and docs/ when ../shared is beside the checkout), on one line and indented by 2 or 4; ``large``
    writes every page as a large page is written (node by node, each part dropped once written)."""
    if large:
        monkeypatch.setattr(json_writer, "LARGE_PAGE", -1)
    for path in _pages():
        data = path.read_bytes()
        report = pipeline.parse_bytes(data, path=str(path))
        for indent in (None, 2, 4):
            assert pipeline.parse_json(data, path=str(path), indent=indent) == \
                report.model_dump_json(indent=indent).encode("utf-8"), (path, indent)


def test_parse_json_refuses_what_parse_bytes_refuses() -> None:
    with pytest.raises(govreport.TooLargeError):
        govreport.parse_json("一、总体要求\n".encode(), max_bytes=4)
    with pytest.raises(govreport.BinaryInputError):
        govreport.parse_json(b"%PDF-1.7\n\x00\x01\x02", path="report.pdf")
    with pytest.raises(ValueError, match="indent"):
        govreport.parse_json("一、总体要求\n".encode(), indent=-1)


def test_writing_a_large_page_it_owns_frees_each_part_once_written() -> None:
    """``json_pieces(…, consume=True)`` drops each top-level part of the Report (the text, the outline, the metrics …)
    once it is written, so that the JSON accumulated in memory (``parse_json``) is not held beside the whole
    analysed page. On 1 MB of the seed page (about 2.9 MB of JSON) the peak while writing stays under twice the
    JSON's size over the memory in use before (measured 1.4 times); holding every part to the end, it was 2.8."""
    import io
    import tracemalloc

    data = (SEED * (2**20 // len(SEED.encode("utf-8")) + 1)).encode("utf-8")
    tracemalloc.start()
    try:
        source, evidence = pipeline.decode_bytes(data, "page.txt")
        pieces = json_writer.json_pieces(pipeline.analyse_parts(source, "page.txt", evidence), None, consume=True)
        del source
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        out = io.BytesIO()
        for piece in pieces:
            out.write(piece)
        grown = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    written = len(out.getvalue())
    assert written > 2 * len(data)
    assert grown < 2 * written, (grown, written)
