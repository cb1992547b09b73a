"""The JSON writer: a Report's plain data (``report_data.py``) as the bytes ``json.dumps`` would write, with
orjson when it is installed, and a large page's JSON written node by node in pieces."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .outline_node import OutlineNode
from .report_data import Analysed, node_data

if TYPE_CHECKING:
    from .report_data import ErrorRecordData, ReportData

_orjson: ModuleType | None
try:  # the fast encoder when it is installed; the standard library's gives the same bytes
    import orjson as _orjson
except ImportError:  # pragma: no cover - a platform without an orjson wheel
    _orjson = None

_FLOAT_LO, _FLOAT_HI = 1e-4, 1e16
"""Floats that both encoders write alike: outside this range Python writes 1e-05 where orjson writes 0.00001.
``Metric.value`` is the Report's only float (``tests/test_json_writer.py`` checks the models say so)."""


def _fast(data: ReportData | ErrorRecordData) -> bool:
    """Whether orjson writes ``data`` byte for byte as ``json.dumps`` does: every metric's value in range."""
    if _orjson is None:
        return False
    if "error" in data:  # an error record holds no float
        return True
    for metric in data["metrics"]:
        value = abs(metric["value"])
        if value and not _FLOAT_LO <= value < _FLOAT_HI:
            return False
    return True


def _json_dumps(data: Any, indent: int | None) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def _dump(value: Any, indented: bool) -> bytes:
    assert _orjson is not None
    out: bytes = _orjson.dumps(value, option=_orjson.OPT_INDENT_2 if indented else 0)
    return out


def dumps_bytes(data: ReportData | ErrorRecordData, indent: int | None = 2) -> bytes:
    """``dumps(data, indent)`` encoded as UTF-8 (a character that cannot be becomes ``?``)."""
    if indent in (None, 2) and _fast(data):
        try:
            return _dump(data, indent == 2)
        except TypeError:  # a lone surrogate or an integer past 64 bits: the standard encoder
            pass
    return _json_dumps(data, indent).encode("utf-8", "replace")


def dumps(data: ReportData | ErrorRecordData, indent: int | None = 2) -> str:
    """The Report's plain data as JSON, byte for byte what ``Report.model_dump_json`` gives."""
    if indent in (None, 2) and _fast(data):
        try:
            return _dump(data, indent == 2).decode("utf-8")
        except TypeError:  # a lone surrogate or an integer past 64 bits: the standard encoder
            pass
    return _json_dumps(data, indent)


PIECE = 1 << 16


def json_pieces(report: ReportData | Analysed, indent: int | None = 2, *, consume: bool = False) -> Iterator[bytes]:
    """``dumps(data, indent)`` as UTF-8 pieces of about 64 KB, never holding the whole text.

    Indented JSON is what a single large page is written as; its text is several times the
    page's size, so it is encoded as it is written: each member of the Report's top-level lists
    (an outline root, a metric …) on its own. One-line JSON is encoded whole but on a large page.
    Given the outline as a tree (``Analysed``), each node's data is built as it is written.
    The pieces hold the Report's parts, not ``report`` itself: with ``consume`` (the caller keeps
    no other hold on the report), each part is dropped once it is written."""
    data = report.partial if isinstance(report, Analysed) else report
    large = len(data.get("text", "")) > LARGE_PAGE
    if (indent == 2 or (indent is None and large)) and _fast(data):
        walked: dict[str, Any] = dict(data)
        if isinstance(report, Analysed):
            walked["outline"] = report.roots
        return _join_bytes(_pieces(walked, 0, large, indent == 2, consume))
    return _whole_pieces(report, indent)


def _whole_pieces(report: ReportData | Analysed, indent: int | None) -> Iterator[bytes]:
    whole = report.report() if isinstance(report, Analysed) else report
    if indent is None:
        yield dumps_bytes(whole, None)
        return
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent, separators=(",", ": "))
    yield from chunked(encoder.iterencode(whole))


def _encoded(value: Any, depth: int, indented: bool = True) -> bytes:
    """``value`` as JSON (indented, at ``depth`` levels in: JSON strings hold no raw line break, so
    indenting every line break is exact); a value orjson refuses (a lone surrogate, an integer past
    64 bits) goes through the standard encoder. An outline node is encoded as its data."""
    if isinstance(value, OutlineNode):
        value = node_data(value)
    try:
        out = _dump(value, indented)
    except TypeError:
        out = _json_dumps(value, 2 if indented else None).encode("utf-8", "replace")
    return out.replace(b"\n", b"\n" + b"  " * depth) if depth and indented else out


STRING_PIECE = 1 << 13
"""Characters of a long string encoded at a time: orjson reserves about 36 bytes a character while it
encodes a string, so a piece of 8,192 holds 0.3 MB where the whole body's text would hold 36 per character."""


def _string_pieces(text: str) -> Iterator[bytes]:
    """A long string as JSON, a piece at a time: escaping is per character, so the pieces of the
    string's parts make the string's JSON."""
    yield b'"'
    for at in range(0, len(text), STRING_PIECE):
        part = text[at:at + STRING_PIECE]
        try:
            out = _dump(part, False)
        except TypeError:
            out = _json_dumps(part, None).encode("utf-8", "replace")
        yield out[1:-1]
    yield b'"'


def _whole(value: Any) -> bool:
    """Whether ``value`` is encoded in one orjson call: not a string longer than a piece, not a list of objects
    (or of outline nodes), and not an object holding either (an outline node with children, a node's text on a
    page of one long paragraph)."""
    if isinstance(value, str):
        return len(value) <= STRING_PIECE
    if isinstance(value, (list, tuple)):
        return not value or not isinstance(value[0], (dict, OutlineNode))
    if isinstance(value, dict):
        return all(_whole(v) for v in value.values() if isinstance(v, (str, list, tuple)))
    return True


def _node_fields(node: OutlineNode) -> dict[str, Any]:
    """A node's data with its children left as nodes, so that each child's data is built as it is written."""
    fields = cast(dict[str, Any], node_data(node, []))
    fields["children"] = node.children
    return fields


def _pad(depth: int, indented: bool) -> bytes:
    return b"\n" + b"  " * depth if indented else b""


def _pieces(value: Any, depth: int, deep: bool, indented: bool = True, drain: bool = False) -> Iterator[bytes]:
    """``value`` as JSON (indented at ``depth`` levels in, or on one line), in pieces made as they are written:
    lists of objects and the objects that hold them are walked, long strings cut, the rest encoded whole.
    Members of a list of objects are walked too when ``deep``, else encoded whole. An outline node is written
    as its data, built here: walked, its children's data is built one child at a time. ``drain`` takes each
    member out of the (top-level) object as it is written, so that what is written is freed."""
    if isinstance(value, OutlineNode):
        value = _node_fields(value)
    if _whole(value):
        yield _encoded(value, depth, indented)
    elif isinstance(value, str):
        yield from _string_pieces(value)
    elif isinstance(value, dict):
        pad, colon = _pad(depth + 1, indented), b": " if indented else b":"
        lead = b"{"
        plain: dict[str, Any] = {}  # members written whole, encoded together
        for key, member in _drained(value) if drain else value.items():
            if _whole(member):
                plain[key] = member
                continue
            if plain:  # "{\n  k: v,\n  k2: v2\n}" indented: the members without the braces
                yield lead + _members(plain, depth, indented)
                lead, plain = b",", {}
            yield lead + pad + _encoded(key, 0) + colon
            lead = b","
            yield from _pieces(member, depth + 1, deep, indented)
        if plain:
            yield lead + _members(plain, depth, indented)
        yield _pad(depth, indented) + b"}"
    else:
        pad = _pad(depth + 1, indented)
        for n, member in enumerate(value):
            yield b"[" + pad if n == 0 else b"," + pad
            if deep:
                yield from _pieces(member, depth + 1, deep, indented)
            else:
                yield _encoded(member, depth + 1, indented)
        yield _pad(depth, indented) + b"]"


def _drained(value: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key in list(value):
        yield key, value.pop(key)


def _members(plain: dict[str, Any], depth: int, indented: bool) -> bytes:
    """An object's members as its JSON writes them, without the braces (and the line break before the closing one)."""
    body = _encoded(plain, depth, indented)
    return body[1:body.rindex(b"\n")] if indented else body[1:-1]


LARGE_PAGE = 1 << 16
"""Characters of body text past which a Report's JSON, indented or on one line, is written node by node: each
child node is encoded alone and a long string (the body's text) a piece at a time, so that the pieces never
hold much more than one leaf's JSON. Below it each outline root and each metric is encoded whole, and one-line
JSON all at once (faster, and a small page's JSON is small)."""


_Piece = TypeVar("_Piece", str, bytes)


def _batches(pieces: Iterable[_Piece], size: int) -> Iterator[list[_Piece]]:
    """The pieces in runs of about ``size`` (characters or bytes, as they are measured by ``len``)."""
    parts: list[_Piece] = []
    count = 0
    for part in pieces:
        parts.append(part)
        count += len(part)
        if count >= size:
            yield parts
            parts = []
            count = 0
    if parts:
        yield parts


def _join_bytes(pieces: Iterable[bytes], size: int = PIECE) -> Iterator[bytes]:
    return (b"".join(batch) for batch in _batches(pieces, size))


def chunked(pieces: Iterable[str], size: int = PIECE) -> Iterator[bytes]:
    """Strings joined into UTF-8 pieces of about ``size`` characters (the JSON and the audit page)."""
    return ("".join(batch).encode("utf-8", "replace") for batch in _batches(pieces, size))
