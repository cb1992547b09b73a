"""Renderers: a Report's plain data (``report_data.py``) as JSON, Markdown, CSV rows or a terminal tree."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .rules.punct import COLONS, COMMAS, SEMICOLONS

if TYPE_CHECKING:
    from .report_data import DateData, ErrorRecordData, MetricData, NodeData, ReportData

CSV_HEADER = ("path", "title", "node", "heading_path", "raw", "value", "unit", "kind", "qualifier", "label",
              "start", "end")


_orjson: ModuleType | None
try:  # the fast encoder when it is installed; the standard library's gives the same bytes
    import orjson as _orjson
except ImportError:  # pragma: no cover - a platform without an orjson wheel
    _orjson = None

_FLOAT_LO, _FLOAT_HI = 1e-4, 1e16
"""Floats that both encoders write alike: outside this range Python writes 1e-05 where orjson writes 0.00001.
``Metric.value`` is the Report's only float (``tests/test_render.py`` checks the models say so)."""


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


def json_pieces(data: ReportData, indent: int | None = 2) -> Iterator[bytes]:
    """``dumps(data, indent)`` as UTF-8 pieces of about 64 KB, never holding the whole text.

    Indented JSON is what a single large page is written as; its text is several times the
    page's size, so it is encoded as it is written: each member of the Report's top-level lists
    (an outline root, a metric …) on its own. One-line JSON is encoded whole."""
    if indent is None:
        yield dumps_bytes(data, None)
        return
    if indent == 2 and _fast(data):
        yield from _join_bytes(_orjson_pieces(data))
        return
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent, separators=(",", ": "))
    yield from chunked(encoder.iterencode(data))


def _encoded(value: Any, depth: int) -> bytes:
    """``value`` as indented JSON at ``depth`` levels in (JSON strings hold no raw line break, so
    indenting every line break is exact); a value orjson refuses (a lone surrogate, an integer past
    64 bits) goes through the standard encoder."""
    try:
        out = _dump(value, True)
    except TypeError:
        out = _json_dumps(value, 2).encode("utf-8", "replace")
    return out.replace(b"\n", b"\n" + b"  " * depth) if depth else out


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
    """Whether ``value`` is encoded in one orjson call: not a string longer than a piece, not a list of objects,
    and not an object holding either (an outline node with children, a node's text on a page of one long
    paragraph)."""
    if isinstance(value, str):
        return len(value) <= STRING_PIECE
    if isinstance(value, list):
        return not value or not isinstance(value[0], dict)
    if isinstance(value, dict):
        return all(_whole(v) for v in value.values() if isinstance(v, (str, list)))
    return True


def _pieces(value: Any, depth: int, deep: bool) -> Iterator[bytes]:
    """``value`` as indented JSON at ``depth`` levels in, in pieces made as they are written: lists of
    objects and the objects that hold them are walked, long strings cut, the rest encoded whole. Members of
    a list of objects are walked too when ``deep``, else encoded whole."""
    if _whole(value):
        yield _encoded(value, depth)
    elif isinstance(value, str):
        yield from _string_pieces(value)
    elif isinstance(value, dict):
        pad = b"\n" + b"  " * (depth + 1)
        lead = b"{"
        plain: dict[str, Any] = {}  # members written whole, encoded together
        for key, member in value.items():
            if _whole(member):
                plain[key] = member
                continue
            if plain:  # "{\n  k: v,\n  k2: v2\n}" indented: the members without the braces
                body = _encoded(plain, depth)
                yield lead + body[1:body.rindex(b"\n")]
                lead, plain = b",", {}
            yield lead + pad + _encoded(key, 0) + b": "
            lead = b","
            yield from _pieces(member, depth + 1, deep)
        if plain:
            body = _encoded(plain, depth)
            yield lead + body[1:body.rindex(b"\n")]
        yield b"\n" + b"  " * depth + b"}"
    else:
        pad = b"\n" + b"  " * (depth + 1)
        for n, member in enumerate(value):
            yield b"[" + pad if n == 0 else b"," + pad
            if deep:
                yield from _pieces(member, depth + 1, deep)
            else:
                yield _encoded(member, depth + 1)
        yield b"\n" + b"  " * depth + b"]"


LARGE_PAGE = 1 << 16
"""Characters of body text past which a Report's JSON is written node by node: below it each outline root
and each metric is encoded whole (faster, and a small page's JSON is small)."""


def _orjson_pieces(data: ReportData) -> Iterator[bytes]:
    """``json.dumps(data, indent=2)`` in pieces, made as they are written. Each member of a top-level list
    (an outline root, a metric …) is encoded alone; on a large page each child node too, and a long string
    (the body's text) a piece at a time, so that the pieces never hold much more than one leaf's JSON."""
    yield from _pieces(data, 0, len(data.get("text", "")) > LARGE_PAGE)


def _join_bytes(pieces: Iterable[bytes], size: int = PIECE) -> Iterator[bytes]:
    parts: list[bytes] = []
    count = 0
    for part in pieces:
        parts.append(part)
        count += len(part)
        if count >= size:
            yield b"".join(parts)
            parts.clear()
            count = 0
    if parts:
        yield b"".join(parts)


def chunked(pieces: Iterable[str], size: int = PIECE) -> Iterator[bytes]:
    """Strings joined into UTF-8 pieces of about ``size`` characters (the JSON and the audit page)."""
    parts: list[str] = []
    count = 0
    for part in pieces:
        parts.append(part)
        count += len(part)
        if count >= size:
            yield "".join(parts).encode("utf-8", "replace")
            parts.clear()
            count = 0
    if parts:
        yield "".join(parts).encode("utf-8", "replace")


def _walk_items(nodes: list[NodeData], depth: int) -> Iterator[tuple[NodeData, int]]:
    """Nodes in document order with how many items enclose them (for list indentation)."""
    for node in nodes:
        yield node, depth
        yield from _walk_items(node["children"], depth + (node["kind"] == "item"))


def shown_marker(node: NodeData) -> str:
    """The marker as a reader sees it; a node whose marker the page lost shows its number as ``[3?]``."""
    return f"[{node['number']}?]" if node["inferred"] else node["marker"]


def _paths(nodes: list[NodeData], prefix: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        here = (*prefix, f"{shown_marker(node)}{node['title']}")
        out[node["id"]] = here
        out.update(_paths(node["children"], here))
    return out


def _format_value(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def _csv_id(node: str | None) -> str:
    """A node id as CSV writes it: as everywhere else (``1.10``); readers are told to read it as text."""
    return node or ""


def csv_rows(report: ReportData) -> list[list[str]]:
    """One row per metric: where it stands and what it says (a page without metrics has none)."""
    paths = _paths(report["outline"])
    path, title = report["source"]["path"] or "-", report["meta"]["title"] or ""
    rows = []
    for m in report["metrics"]:
        rows.append([path, title, _csv_id(m["node"]), " > ".join(paths.get(m["node"] or "", ())), m["raw"],
                     _format_value(m["value"]), m["unit"], m["kind"], m["qualifier"] or "", m["label"] or "",
                     str(m["span"][0]), str(m["span"][1])])
    return rows


def to_csv(rows: list[list[str]], header: bool) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def _metric_md(m: MetricData) -> str:
    extra = ", ".join(x for x in (m["label"], m["qualifier"]) if x)
    return f"`{m['raw']}`" + (f" ({extra})" if extra else "")


_TITLE_TAIL = "。" + COLONS + SEMICOLONS + COMMAS + "、"
"""What separates a heading's words from the text after them (一、总体要求。……, （一）组织领导：……)."""


def _after_title(node: NodeData) -> str:
    """The node's own text after its marker and title."""
    text, marker, title = node["text"], node["marker"], node["title"]
    rest = text[len(marker):] if text.startswith(marker) else text
    rest = rest[len(title):] if rest.lstrip().startswith(title) else rest
    return rest.strip().lstrip(_TITLE_TAIL).strip()


def _shown_date(date: DateData | None) -> str | None:
    """A date as the human views show it: ISO when it was read, else as the page wrote it."""
    return (date["iso"] or date["raw"]) if date is not None else None


def to_markdown(report: ReportData) -> str:
    """The outline as Markdown: headings for heading nodes, bullets for items, metrics under each."""
    meta = report["meta"]
    out = [f"# {meta['title'] or report['source']['path'] or 'Untitled document'}", ""]
    facts = [("Published", _shown_date(meta["published"])),
             ("Source", meta["source"]), ("Author", meta["author"]), ("Document number", meta["doc_number"]),
             ("Issuer", meta["issuer"]), ("Signed", _shown_date(meta["signed"])),
             ("Breadcrumb", " > ".join(meta["breadcrumb"]) or None)]
    out.extend(f"- **{k}:** {v}" for k, v in facts if v)
    if any(v for _, v in facts):
        out.append("")
    if report["preamble"]:
        out.extend([report["preamble"].replace("\n", "\n\n"), ""])
    by_node: dict[str | None, list[MetricData]] = {}
    for m in report["metrics"]:
        by_node.setdefault(m["node"], []).append(m)
    for node, depth in _walk_items(report["outline"], 0):
        rest = _after_title(node)
        metrics = "; ".join(_metric_md(m) for m in by_node.get(node["id"], []))
        if node["kind"] == "heading":
            out.append(f"{'#' * min(node['level'] + 1, 6)} {shown_marker(node)}{node['title']}")
            out.extend(["", rest.replace("\n", "\n\n")] if rest else [])
            out.extend(["", f"Metrics: {metrics}"] if metrics else [])
            out.append("")
        else:
            pad = "  " * depth
            out.append(f"{pad}- **{shown_marker(node)}{node['title']}**" + (f" {rest}" if rest else ""))
            if metrics:
                out.append(f"{pad}  Metrics: {metrics}")
            if not node["children"]:
                out.append("")
    if report["references"]:
        out.append("## References")
        out.append("")
        out.extend(f"- 《{r['title']}》" for r in report["references"])
        out.append("")
    if report["warnings"]:
        out.append("## Warnings")
        out.append("")
        out.extend(f"- `{w['code']}`: {w['message']}" for w in report["warnings"])
        out.append("")
    if report["removed"]:  # what the page held besides the document, and the rule that dropped it
        out.append("## Removed")
        out.append("")
        out.extend(f"- `{r['rule'] or r['kind']}` {_md_inline(r['text'])}" for r in report["removed"])
        out.append("")
    return "\n".join(out)


def _md_inline(text: str) -> str:
    """Page text as one Markdown list item: line breaks kept as spaces, markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(text.split()))


def tree_text(report: ReportData, tty: bool) -> str:
    """The tree as text: coloured for a terminal, plain and 100 columns wide for a file or a pipe."""
    from rich.console import Console

    console = Console(file=None, record=True, width=None if tty else 100, force_terminal=tty, soft_wrap=False)
    with console.capture() as capture:
        console.print(to_tree(report))
        for line in tree_footer(report):
            console.print(line, style="dim", markup=False, highlight=False)
    return capture.get()


def tree_footer(report: ReportData) -> list[str]:
    """What a reader checks under the tree: who signed and when, what was dropped and why, what
    was warned of (a repaired date, a gap in the numbering)."""
    from collections import Counter

    meta = report["meta"]
    signed, published = meta["signed"], meta["published"]
    facts = [meta["issuer"] or ""]
    if signed is not None:
        repaired = f" (from {signed['raw']})" if signed["repaired"] else ""
        facts.append(f"signed {_shown_date(signed)}{repaired}")
    if meta["doc_number"]:
        facts.append(meta["doc_number"])
    if published is not None:
        facts.append(f"published {_shown_date(published)}")
    lines = [" · ".join(f for f in facts if f)] if any(facts) else []
    removed, warnings = report["removed"], report["warnings"]
    if removed:
        rules = Counter(r["rule"] or r["kind"] for r in removed)
        lines.append(f"removed {len(removed)}: " + " · ".join(f"{rule} {n}" for rule, n in rules.items()))
    if warnings:
        codes = Counter(w["code"] for w in warnings)
        lines.append("warnings: " + " · ".join(code if n == 1 else f"{code} ×{n}" for code, n in codes.items()))
    return lines


def to_tree(report: ReportData) -> object:
    """A rich Tree of the outline (rich is imported only here)."""
    from rich.markup import escape
    from rich.tree import Tree

    title = escape(report["meta"]["title"] or report["source"]["path"] or "document")
    root = Tree(f"[bold]{title}[/bold]")
    metrics: dict[str, list[str]] = {}
    for m in report["metrics"]:
        metrics.setdefault(m["node"] or "", []).append(m["raw"])

    def add(branch: Tree, nodes: list[NodeData]) -> None:
        for node in nodes:
            label = f"[cyan]{escape(shown_marker(node))}[/cyan]{escape(node['title'])}"
            if node["id"] in metrics:
                label += f"  [dim]{escape(' · '.join(metrics[node['id']]))}[/dim]"
            add(branch.add(label), node["children"])

    add(root, report["outline"])
    return root
