"""A corpus as typed tables: a DuckDB file (``govreport extract pages/ -o corpus.duckdb``).

Tables, keyed by the document's resolved ``path`` (``given`` keeps the path as it was named):
``documents`` (one row per page, dates as DATE with their precision), ``nodes``, ``metrics``,
``refs`` (cited documents), ``fields`` (the header fields, one row per label), ``warnings``,
``removed`` and ``errors``. ``COLUMNS`` (``table_rows.py``) is the one description of them that
the DuckDB schema and the CSV and Parquet tables (``table_files.py``) are made from. Rows are
written in bulk, one transaction per chunk of documents, so an interrupt or a full disk keeps every
chunk committed before it; the chunking and the holding of signals during a write are shared with
the table files. Running again on the same pages replaces their rows. DuckDB is an optional
dependency, imported only here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import STDIN_NAME
from .table_rows import COLUMNS as COLUMNS  # re-exported: the tables' columns, as before at govreport.tables
from .table_rows import TABLES as TABLES
from .table_rows import error_rows, resolved, rows_of

if TYPE_CHECKING:
    from .report_data import ErrorRecordData, ReportData

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


class ChunkedWriter:
    """What the DuckDB and table-file writers share: documents gathered into ``Chunks``, flushed when full."""

    chunk: Chunks

    def flush(self) -> None:
        raise NotImplementedError

    def add(self, report: ReportData, key: str | None = None) -> None:
        given = report["source"]["path"] or STDIN_NAME
        key = key or resolved(given)
        if self.chunk.add(rows_of(report, key), key, given):
            self.flush()

    def add_error(self, record: ErrorRecordData, key: str | None = None) -> None:
        given = record["source"]["path"] or STDIN_NAME
        key = key or resolved(given)
        if self.chunk.add(error_rows(record, key), key, given):
            self.flush()

    def first_unwritten(self) -> str | None:
        return self.chunk.first()


class Database(ChunkedWriter):
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
            with signals_held():
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


@contextmanager
def signals_held() -> Iterator[None]:
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
