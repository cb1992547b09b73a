"""A corpus as typed tables: a DuckDB file (``govreport extract pages/ -o corpus.duckdb``).

Tables, keyed by the document's resolved ``path`` (``given`` keeps the path as it was named):
``documents`` (one row per page, dates as DATE with their precision), ``nodes``, ``metrics``,
``refs`` (cited documents), ``fields`` (the header fields, one row per label), ``warnings``,
``removed`` and ``errors``. ``COLUMNS`` is the one description of them that the DuckDB schema and
the CSV and Parquet tables are made from. Rows are written in bulk, one transaction per chunk of
documents, so an interrupt or a full disk keeps every chunk committed before it. Running again on
the same pages replaces their rows. DuckDB is an optional dependency, imported only here.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .records import STDIN_NAME

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
ADDED_LATER = (("removed", "rule"), ("documents", "given"), ("documents", "generator"), ("errors", "given"))
"""Columns a database written by an earlier govreport lacks; they are added in place, rows kept."""


def _schema() -> str:
    tables = [f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{c} {t}' for c, t in cols)});"
              for name, cols in COLUMNS.items()]
    types = {(name, c): t for name, cols in COLUMNS.items() for c, t in cols}
    added = [f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS {c} {types[name, c]};" for name, c in ADDED_LATER]
    return "\n".join([*tables, *added])


SCHEMA = _schema()
FLUSH_EVERY = 64
"""Documents buffered before their rows are committed in one transaction."""
FLUSH_SECONDS = 2.0
"""… or seconds since the last commit, whichever comes first: an interrupt loses at most that."""


def resolved(path: str | None) -> str:
    """The key of a document: its path made absolute, links resolved; standard input keeps its name."""
    if path is None or path == STDIN_NAME:
        return STDIN_NAME
    return os.path.realpath(path)


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


def _generator(report: dict[str, Any]) -> str | None:
    made = report.get("generator")
    return f"{made['name']} {made['version']}" if made else None


def rows_of(report: dict[str, Any], key: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """A Report (as JSON data) as rows of each table (in ``COLUMNS`` order), keyed by ``key`` (by
    default the resolved ``source.path``)."""
    given = report["source"]["path"] or STDIN_NAME
    path = key or resolved(given)
    meta = report["meta"]
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    nodes = rows["nodes"]
    stack: list[tuple[list[dict[str, Any]], str | None]] = [(report["outline"], None)]
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


def error_rows(record: dict[str, Any], key: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """An error record as rows (an ``errors`` row and nothing else)."""
    given = record["source"]["path"] or STDIN_NAME
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    rows["errors"] = [(key or resolved(given), given, record["error"]["code"], record["error"]["message"])]
    return rows


class Chunks:
    """Rows of documents gathered until a chunk is full (``FLUSH_EVERY`` documents or ``FLUSH_SECONDS``);
    the same page given twice keeps its last rows. A sink writes each chunk in one go."""

    def __init__(self) -> None:
        self.pending: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        self.keys: dict[str, str] = {}
        """Keys of the pending documents → the path each was given as (the first is the first unwritten)."""
        self.since = time.monotonic()

    def add(self, rows: dict[str, list[tuple[Any, ...]]], key: str, given: str) -> bool:
        """Add a document's rows; True when the chunk is full."""
        if key in self.keys:
            self.pending = {name: [r for r in table if r[0] != key] for name, table in self.pending.items()}
            del self.keys[key]
        for name, table in rows.items():
            self.pending[name].extend(table)
        self.keys[key] = given
        return len(self.keys) >= FLUSH_EVERY or time.monotonic() - self.since >= FLUSH_SECONDS

    def first(self) -> str | None:
        """The path of the first document not yet written, as it was given."""
        return next(iter(self.keys.values()), None)

    def clear(self) -> None:
        self.pending = {name: [] for name in TABLES}
        self.keys = {}
        self.since = time.monotonic()


class TableError(Exception):
    """Writing the tables failed (a lock, a full disk); ``first`` is the first unwritten input."""

    def __init__(self, message: str, first: str | None = None) -> None:
        super().__init__(message)
        self.first = first


class Interrupted(KeyboardInterrupt):
    """DuckDB stopped a statement on SIGINT (its own InterruptException): the run was interrupted."""


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise TableError("writing a .duckdb file needs DuckDB: pip install '.[duckdb]' in govreport's checkout "
                         "(or pip install duckdb)") from None
    return duckdb


class _ChunkedWriter:
    """What the DuckDB and table-file writers share: documents gathered into ``Chunks``, flushed when full."""

    chunk: Chunks

    def flush(self) -> None:
        raise NotImplementedError

    def add(self, report: dict[str, Any], key: str | None = None) -> None:
        given = report["source"]["path"] or STDIN_NAME
        key = key or resolved(given)
        if self.chunk.add(rows_of(report, key), key, given):
            self.flush()

    def add_error(self, record: dict[str, Any], key: str | None = None) -> None:
        given = record["source"]["path"] or STDIN_NAME
        key = key or resolved(given)
        if self.chunk.add(error_rows(record, key), key, given):
            self.flush()

    def first_unwritten(self) -> str | None:
        return self.chunk.first()


class Database(_ChunkedWriter):
    """Rows of Reports and error records, committed a chunk at a time."""

    def __init__(self, path: Path) -> None:
        duckdb = _duckdb()
        self.where = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(path))
            self.con.execute(SCHEMA)
        except duckdb.IOException as exc:
            raise TableError(_why(path, exc)) from None
        except duckdb.Error as exc:
            raise TableError(f"cannot open {path} as a DuckDB database ({_first_line(exc)}); "
                             "choose another --output") from None
        self.chunk = Chunks()
        # keys already in the database: only their rows need deleting when they are written again
        self.known: set[str] = {k for (k,) in self.con.execute(
            "SELECT path FROM documents UNION SELECT path FROM errors").fetchall()}

    def has(self, path: str) -> bool:
        return resolved(path) in self.known

    def sha256_of(self, path: str) -> str | None:
        """The sha256 of the input bytes whose rows the database holds for ``path`` (None: no rows)."""
        found = self.con.execute("SELECT sha256 FROM documents WHERE path = ? LIMIT 1", [resolved(path)]).fetchone()
        return None if found is None else str(found[0])

    def _insert(self) -> None:
        """The chunk's rows, one INSERT per table with each column passed as one list."""
        con = self.con
        again = [k for k in self.chunk.keys if k in self.known]
        if again:  # a page run again replaces its rows
            for name in TABLES:
                con.execute(f"DELETE FROM {name} WHERE path IN (SELECT unnest($1))", [again])
        for name, rows in self.chunk.pending.items():
            if rows:
                names = [c for c, _ in COLUMNS[name]]
                values = ", ".join(f"unnest(${i + 1})" for i in range(len(names)))
                con.execute(f"INSERT INTO {name} ({', '.join(names)}) SELECT {values}",
                            [list(column) for column in zip(*rows, strict=True)])

    def flush(self) -> None:
        if not self.chunk.keys:
            return
        duckdb = _duckdb()
        con = self.con
        try:
            with _signals_held():
                con.execute("BEGIN TRANSACTION")
                try:
                    self._insert()
                    con.execute("COMMIT")
                except BaseException:
                    _rollback(con)
                    raise
        except duckdb.InterruptException:
            raise Interrupted() from None
        except duckdb.Error as exc:
            raise TableError(_why(self.where, exc), self.chunk.first()) from None
        except RuntimeError as exc:  # DuckDB's word for a signal that reached it while converting parameters
            if "interrupt" in str(exc).lower():
                raise Interrupted() from None
            raise
        self.known.update(self.chunk.keys)
        self.chunk.clear()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.abort()

    def abort(self) -> None:
        """Close without writing what is pending: every committed chunk stays."""
        try:
            self.con.close()
        except Exception:  # closing after a failed write: what was committed is on disk already
            pass


ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "BOOLEAN": "bool_", "DATE": "date32",
               "JSON": "string"}
"""DuckDB's column types as pyarrow's (``VARCHAR[]`` is a list of strings), so that Parquet tables read back
with the types of the DuckDB tables."""


def _csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists as JSON, booleans as true/false, floats always with a point (so that a
    DOUBLE column of whole numbers is not read back as integers), None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


class TableFiles(_ChunkedWriter):
    """One file per table in a directory (``documents.csv`` … or ``documents.parquet`` …), each written to a
    temporary name beside it, a chunk at a time, and renamed into place when the run ends."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder, self.kind = folder, kind
        self.suffix = ".parquet" if kind == "parquet" else ".csv"
        if kind == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise TableError("writing Parquet tables needs pyarrow: pip install '.[parquet]' in govreport's "
                                 "checkout (or pip install pyarrow)") from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TableError(f"cannot make {folder} ({exc.strerror or exc}); choose another --output") from None
        self.chunk = Chunks()
        self.parts: dict[str, Path] = {name: folder / f".{name}{self.suffix}.part" for name in TABLES}
        self.writers: dict[str, Any] = {}

    def has(self, path: str) -> bool:
        return False

    def _open(self, name: str) -> Any:
        if name in self.writers:
            return self.writers[name]
        columns = COLUMNS[name]
        if self.kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.schema([(c, pa.list_(pa.string()) if t == "VARCHAR[]"
                                 else getattr(pa, ARROW_TYPES[t.split()[0]])()) for c, t in columns])
            writer: Any = pq.ParquetWriter(self.parts[name], schema)
        else:
            import csv

            fh = open(self.parts[name], "w", encoding="utf-8", newline="")
            writer = (fh, csv.writer(fh, lineterminator="\n"))
            writer[1].writerow([c for c, _ in columns])
        self.writers[name] = writer
        return writer

    def _write(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        writer = self._open(name)
        if self.kind == "parquet":
            import datetime

            import pyarrow as pa

            columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in COLUMNS[name]]
            for i, (_, t) in enumerate(COLUMNS[name]):
                if t == "DATE":
                    columns[i] = [datetime.date.fromisoformat(v) if v else None for v in columns[i]]
            writer.write_table(pa.Table.from_arrays(columns, schema=writer.schema))
        else:
            writer[1].writerows([_csv_cell(v) for v in row] for row in rows)

    def flush(self) -> None:
        if not self.chunk.keys:
            return
        try:
            with _signals_held():
                for name, rows in self.chunk.pending.items():
                    if rows:
                        self._write(name, rows)
        except OSError as exc:  # the unfinished tables are removed: nothing is half-written, nothing kept
            raise TableError(f"cannot write the tables in {self.folder} ({exc.strerror or exc}); no table was "
                             "written: free space and run again") from None
        self.chunk.clear()

    def close(self) -> None:
        """Write what is pending and put every table in place (a table with no rows has its header)."""
        self.flush()
        try:
            for name in TABLES:
                self._open(name)
            for name in TABLES:
                self._finish(name)
            for name in TABLES:
                os.replace(self.parts[name], self.folder / f"{name}{self.suffix}")
        except OSError as exc:
            self.abort()
            raise TableError(f"cannot write the tables in {self.folder} ({exc.strerror or exc}); no table was "
                             "written: free space and run again") from None

    def _finish(self, name: str) -> None:
        writer = self.writers.pop(name)
        if self.kind == "parquet":
            writer.close()
        else:
            writer[0].close()

    def abort(self) -> None:
        """Remove the unfinished tables: the directory keeps only tables written whole."""
        for name in list(self.writers):
            try:
                self._finish(name)
            except Exception:  # closing a file that failed to write: it is removed next
                pass
        for part in self.parts.values():
            try:
                part.unlink()
            except OSError:
                pass


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait while a chunk is written (a fraction of a second), then act as they would
    have: the chunk is whole and the interrupt names the first input after it. Python runs signal
    handlers in the main thread only, and DuckDB runs them inside its queries, so the handlers are
    swapped for ones that only take note, whichever thread the signal reached."""
    import signal
    import threading

    held = (signal.SIGINT, signal.SIGTERM)
    before = {s: signal.getsignal(s) for s in held}
    if threading.current_thread() is not threading.main_thread() or None in before.values():
        yield
        return
    caught: list[int] = []
    for s in held:
        signal.signal(s, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])


def _rollback(con: Any) -> None:
    try:
        con.execute("ROLLBACK")
    except Exception:  # the transaction is gone already (DuckDB ended it on the error)
        pass


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _why(path: Path, exc: BaseException) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (f"{path} is open in another process (a notebook, another govreport); close it there, or write "
                "to another --output")
    if "space" in text.lower() or "disk" in text.lower():
        return f"cannot write {path} (no space left on the device); free space and run again with --skip-existing"
    return f"cannot write {path} ({_first_line(exc)}); check the output path and free space"
