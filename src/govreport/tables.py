"""A corpus as typed tables in a DuckDB file (``govreport extract pages/ -o corpus.duckdb``).

Tables, keyed by the document's ``path``: ``documents`` (one row per page, dates as DATE with
their precision), ``nodes``, ``metrics``, ``refs`` (cited documents), ``warnings``,
``removed`` and ``errors``. Running again on the same pages replaces their rows. DuckDB is an
optional dependency (``pip install 'govreport[duckdb]'``), imported only here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path VARCHAR PRIMARY KEY, sha256 VARCHAR, format VARCHAR, encoding VARCHAR, chars INTEGER,
    title VARCHAR, breadcrumb VARCHAR[], published DATE, published_precision VARCHAR, published_raw VARCHAR,
    signed DATE, signed_precision VARCHAR, signed_raw VARCHAR, source VARCHAR, author VARCHAR,
    doc_number VARCHAR, issuer VARCHAR, fields JSON, text VARCHAR, preamble VARCHAR,
    n_nodes INTEGER, n_metrics INTEGER, n_refs INTEGER, n_warnings INTEGER);
CREATE TABLE IF NOT EXISTS nodes (
    path VARCHAR, id VARCHAR, parent VARCHAR, level INTEGER, kind VARCHAR, style VARCHAR, marker VARCHAR,
    number INTEGER, title VARCHAR, inferred BOOLEAN, span_start INTEGER, span_end INTEGER,
    title_start INTEGER, title_end INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS metrics (
    path VARCHAR, node VARCHAR, raw VARCHAR, value DOUBLE, unit VARCHAR, kind VARCHAR, qualifier VARCHAR,
    label VARCHAR, span_start INTEGER, span_end INTEGER);
CREATE TABLE IF NOT EXISTS refs (
    path VARCHAR, node VARCHAR, title VARCHAR, span_start INTEGER, span_end INTEGER);
CREATE TABLE IF NOT EXISTS warnings (
    path VARCHAR, code VARCHAR, message VARCHAR, span_start INTEGER, span_end INTEGER);
CREATE TABLE IF NOT EXISTS removed (
    path VARCHAR, kind VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, rule VARCHAR);
-- a database written before removed.rule existed gains the column (appended, as above)
ALTER TABLE removed ADD COLUMN IF NOT EXISTS rule VARCHAR;
CREATE TABLE IF NOT EXISTS errors (
    path VARCHAR, code VARCHAR, message VARCHAR);
"""
TABLES = ("documents", "nodes", "metrics", "refs", "warnings", "removed", "errors")
FLUSH_EVERY = 500
"""Documents buffered before their rows go to the database in one transaction."""


def _date(value: dict[str, Any] | None) -> tuple[str | None, str | None, str | None]:
    """(DATE as ISO text, precision, raw): a partial date keeps its first day and says so."""
    if not value:
        return None, None, None
    iso = value.get("iso")
    if not iso:
        return None, None, value.get("raw")
    parts = iso.split("-")
    precision = {3: "day", 2: "month", 1: "year"}[len(parts)]
    full = "-".join([*parts, *["01"] * (3 - len(parts))])
    return full, precision, value.get("raw")


def _span(span: list[int] | tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def rows_of(report: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """A Report (as JSON data) as rows of each table."""
    path = report["source"]["path"] or "<stdin>"
    meta = report["meta"]
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}

    def walk(nodes: list[dict[str, Any]], parent: str | None) -> None:
        for n in nodes:
            rows["nodes"].append((path, n["id"], parent, n["level"], n["kind"], n["style"], n["marker"], n["number"],
                                  n["title"], n["inferred"], *_span(n["span"]), *_span(n["title_span"]), n["text"]))
            walk(n["children"], n["id"])

    walk(report["outline"], None)
    rows["metrics"] = [(path, m["node"], m["raw"], m["value"], m["unit"], m["kind"], m["qualifier"], m["label"],
                        *_span(m["span"])) for m in report["metrics"]]
    rows["refs"] = [(path, r["node"], r["title"], *_span(r["span"])) for r in report["references"]]
    rows["warnings"] = [(path, w["code"], w["message"], *_span(w["span"])) for w in report["warnings"]]
    rows["removed"] = [(path, r["kind"], r["text"], *_span(r["span"]), r["rule"]) for r in report["removed"]]
    published, signed = _date(meta["published"]), _date(meta["signed"])
    src = report["source"]
    rows["documents"] = [(path, src["sha256"], src["format"], src["encoding"], src["chars"], meta["title"],
                          meta["breadcrumb"], *published, *signed, meta["source"], meta["author"],
                          meta["doc_number"], meta["issuer"], json.dumps(meta["fields"], ensure_ascii=False),
                          report["text"], report["preamble"], len(rows["nodes"]), len(rows["metrics"]),
                          len(rows["refs"]), len(rows["warnings"]))]
    return rows


class Database:
    """Rows of Reports and error records, written in transactions of ``FLUSH_EVERY`` documents."""

    def __init__(self, path: Path) -> None:
        try:
            import duckdb
        except ImportError:
            from .output import OutputError

            raise OutputError("writing a .duckdb file needs DuckDB: pip install 'govreport[duckdb]'") from None
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(path))
        self.con.execute(SCHEMA)
        self.pending: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        self.paths: list[str] = []

    def has(self, path: str) -> bool:
        found = self.con.execute("SELECT 1 FROM documents WHERE path = ? LIMIT 1", [path]).fetchone()
        return found is not None

    def _forget(self, path: str) -> None:
        """Drop pending rows of ``path`` (the same page given twice in one batch keeps its last rows)."""
        if path in self.paths:
            self.pending = {name: [r for r in rows if r[0] != path] for name, rows in self.pending.items()}

    def add(self, report: dict[str, Any]) -> None:
        path = report["source"]["path"] or "<stdin>"
        self._forget(path)
        for name, rows in rows_of(report).items():
            self.pending[name].extend(rows)
        self.paths.append(path)
        if len(self.paths) >= FLUSH_EVERY:
            self.flush()

    def add_error(self, record: dict[str, Any]) -> None:
        path = record["source"]["path"] or "<stdin>"
        self._forget(path)
        self.pending["errors"].append((path, record["error"]["code"], record["error"]["message"]))
        self.paths.append(path)

    def flush(self) -> None:
        if not self.paths:
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _batch (path VARCHAR)")
            con.execute("DELETE FROM _batch")
            con.executemany("INSERT INTO _batch VALUES (?)", [(p,) for p in dict.fromkeys(self.paths)])
            for name in TABLES:  # a page run again replaces its rows
                con.execute(f"DELETE FROM {name} WHERE path IN (SELECT path FROM _batch)")
            for name in TABLES:
                rows = self.pending[name]
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.pending = {name: [] for name in TABLES}
        self.paths = []

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.con.close()
