"""The tables' columns, and a Report or an error record as rows of them.

``COLUMNS`` is the one description of the tables that the DuckDB schema (``tables.py``) and the CSV
and Parquet tables (``table_files.py``) are made from; ``rows_of`` turns a Report, as JSON data,
into rows in that order, keyed by the document's resolved path.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from .records import STDIN_NAME

if TYPE_CHECKING:
    from .report_data import DateData, ErrorRecordData, NodeData, ReportData, Span

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("path", "VARCHAR PRIMARY KEY"), ("given", "VARCHAR"), ("generator", "VARCHAR"), ("sha256", "VARCHAR"),
        ("format", "VARCHAR"), ("encoding", "VARCHAR"), ("chars", "INTEGER"), ("title", "VARCHAR"),
        ("breadcrumb", "VARCHAR[]"), ("published", "DATE"), ("published_precision", "VARCHAR"),
        ("published_raw", "VARCHAR"), ("signed", "DATE"), ("signed_precision", "VARCHAR"), ("signed_raw", "VARCHAR"),
        ("source", "VARCHAR"), ("author", "VARCHAR"), ("doc_number", "VARCHAR"), ("issuer", "VARCHAR"),
        ("fields", "JSON"), ("text", "VARCHAR"), ("preamble", "VARCHAR"), ("n_nodes", "INTEGER"),
        ("n_metrics", "INTEGER"), ("n_refs", "INTEGER"), ("n_warnings", "INTEGER")),
    "nodes": (
        ("path", "VARCHAR"), ("id", "VARCHAR"), ("parent", "VARCHAR"), ("level", "INTEGER"), ("kind", "VARCHAR"),
        ("style", "VARCHAR"), ("marker", "VARCHAR"), ("number", "INTEGER"), ("title", "VARCHAR"),
        ("inferred", "BOOLEAN"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("title_start", "INTEGER"),
        ("title_end", "INTEGER"), ("text", "VARCHAR")),
    "metrics": (
        ("path", "VARCHAR"), ("node", "VARCHAR"), ("raw", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"),
        ("kind", "VARCHAR"), ("qualifier", "VARCHAR"), ("label", "VARCHAR"), ("span_start", "INTEGER"),
        ("span_end", "INTEGER")),
    "refs": (("path", "VARCHAR"), ("node", "VARCHAR"), ("title", "VARCHAR"), ("span_start", "INTEGER"),
             ("span_end", "INTEGER")),
    "fields": (("path", "VARCHAR"), ("label", "VARCHAR"), ("value", "VARCHAR")),
    "warnings": (("path", "VARCHAR"), ("code", "VARCHAR"), ("message", "VARCHAR"), ("span_start", "INTEGER"),
                 ("span_end", "INTEGER")),
    "removed": (("path", "VARCHAR"), ("kind", "VARCHAR"), ("text", "VARCHAR"), ("span_start", "INTEGER"),
                ("span_end", "INTEGER"), ("rule", "VARCHAR")),
    "errors": (("path", "VARCHAR"), ("given", "VARCHAR"), ("code", "VARCHAR"), ("message", "VARCHAR")),
}
"""Every table's columns and their DuckDB types, in order: the rows of ``rows_of`` follow it."""
TABLES = tuple(COLUMNS)


def resolved(path: str | None) -> str:
    """The key of a document: its path made absolute, links resolved; standard input keeps its name."""
    if path is None or path == STDIN_NAME:
        return STDIN_NAME
    return os.path.realpath(path)


def _date(value: DateData | None) -> tuple[str | None, str | None, str | None]:
    """(DATE as ISO text, precision, raw): a partial date keeps its first day and says so."""
    if not value:
        return None, None, None
    iso = value["iso"]
    if not iso:
        return None, None, value["raw"]
    parts = iso.split("-")
    precision = {3: "day", 2: "month", 1: "year"}[len(parts)]
    full = "-".join([*parts, *["01"] * (3 - len(parts))])
    return full, precision, value["raw"]


def _span(span: Span | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def _generator(report: ReportData) -> str | None:
    made = report.get("generator")
    return f"{made['name']} {made['version']}" if made else None


def rows_of(report: ReportData, key: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """A Report (as JSON data) as rows of each table (in ``COLUMNS`` order), keyed by ``key`` (by
    default the resolved ``source.path``)."""
    given = report["source"]["path"] or STDIN_NAME
    path = key or resolved(given)
    meta = report["meta"]
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    nodes = rows["nodes"]
    stack: list[tuple[list[NodeData], str | None]] = [(report["outline"], None)]
    while stack:  # depth-first, in document order
        children, parent = stack.pop()
        for i, n in enumerate(children):
            nodes.append((path, n["id"], parent, n["level"], n["kind"], n["style"], n["marker"], n["number"],
                          n["title"], n["inferred"], *_span(n["span"]), *_span(n["title_span"]), n["text"]))
            if n["children"]:
                stack.append((children[i + 1:], parent))
                stack.append((n["children"], n["id"]))
                break
    rows["metrics"] = [(path, m["node"], m["raw"], m["value"], m["unit"], m["kind"], m["qualifier"], m["label"],
                        *_span(m["span"])) for m in report["metrics"]]
    rows["refs"] = [(path, r["node"], r["title"], *_span(r["span"])) for r in report["references"]]
    rows["fields"] = [(path, label, value) for label, value in meta["fields"].items()]
    rows["warnings"] = [(path, w["code"], w["message"], *_span(w["span"])) for w in report["warnings"]]
    rows["removed"] = [(path, r["kind"], r["text"], *_span(r["span"]), r["rule"]) for r in report["removed"]]
    published, signed = _date(meta["published"]), _date(meta["signed"])
    src = report["source"]
    rows["documents"] = [(path, given, _generator(report), src["sha256"], src["format"], src["encoding"],
                          src["chars"], meta["title"], meta["breadcrumb"], *published, *signed, meta["source"],
                          meta["author"], meta["doc_number"], meta["issuer"],
                          json.dumps(meta["fields"], ensure_ascii=False), report["text"], report["preamble"],
                          len(nodes), len(rows["metrics"]), len(rows["refs"]), len(rows["warnings"]))]
    return rows


def error_rows(record: ErrorRecordData, key: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """An error record as rows (an ``errors`` row and nothing else)."""
    given = record["source"]["path"] or STDIN_NAME
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    rows["errors"] = [(key or resolved(given), given, record["error"]["code"], record["error"]["message"])]
    return rows
