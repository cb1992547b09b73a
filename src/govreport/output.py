"""Where results go: standard output, one file, a directory mirroring the inputs, or a DuckDB file.

Every file is written to a temporary name beside it and renamed into place only when complete,
so an interrupted run or a full disk never leaves a half-written result. This module frames the
stream (standard output or one file, resumed in place for JSONL) and hands rows to the tables
(``tables.py``, ``table_files.py``); a directory of results is ``output_dir.py``.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import STDIN, Item, Outcome, display
from .files import JsonlLine, mode_for, scan_jsonl, sha256_of, temporary, umask_mode
from .formats import BY_SUFFIX, FORMATS
from .output_dir import MANIFEST as MANIFEST  # where a directory's manifest is, as before at govreport.output
from .output_dir import OutputDir, pieces_of
from .records import error_record, path_bytes

if TYPE_CHECKING:
    from .report_data import ErrorRecordData, ReportData


def _key(item: Item) -> str:
    """A document's key in the tables: its resolved path (``z.txt``, ``./z.txt`` and the absolute path are one)."""
    from .records import STDIN_NAME

    return (item.name or STDIN_NAME) if item.path == STDIN else display(os.path.realpath(item.path))


# a PATH with one of these endings names one file that holds every result, in input order
STREAM_SUFFIXES = frozenset(BY_SUFFIX)
DATABASE_SUFFIXES = frozenset({".duckdb", ".ddb"})
RESUMABLE_FORMATS = frozenset({"jsonl"})
"""Formats whose single file a resumed run continues (one whole record per line)."""


class OutputError(Exception):
    """Writing failed in a way that must stop the run (a full disk); ``item`` is the first unwritten input."""

    def __init__(self, message: str, item: Item | None = None) -> None:
        super().__init__(message)
        self.item = item


class UsageError(Exception):
    """An --output or --resume that cannot work: one line and exit 2, before any input is read."""


def known_endings() -> str:
    files = ", ".join([*sorted(STREAM_SUFFIXES), *sorted(DATABASE_SUFFIXES, reverse=True)])
    return f"name a file ending in {files}, or a directory (one that exists, or a name ending in '/')"


def target_kind(out: Path | None, raw: str | None) -> str:
    """``stdout``, ``file`` (one file), ``dir`` (one file per input) or ``duckdb`` (``tables``, one file
    per table, is chosen by the format); an ending govreport does not know is a UsageError, never a guess."""
    if out is None:
        return "stdout"
    if (raw or "").endswith(("/", os.sep)) or out.is_dir():
        return "dir"
    suffix = out.suffix.lower()
    if suffix in DATABASE_SUFFIXES:
        return "duckdb"
    if suffix in STREAM_SUFFIXES:
        return "file"
    said = f"does not know the ending '{out.suffix}'" if out.suffix else "needs an ending to know what to write"
    raise UsageError(f"{raw}: govreport {said}; {known_endings()}")


@dataclass
class Writer:
    """Writes outcomes with the framing each format needs."""

    fmt: str
    kind: str
    out: Path | None
    many: bool
    excel: bool = False
    inputs: frozenset[str] = frozenset()
    """Real paths of the inputs: an output is never written onto one of them."""
    resume: bool = False
    """Keep what an earlier run wrote for inputs whose bytes are unchanged; do the rest (``plan``)."""
    count: int = 0
    skipped: int = 0
    handled: int = 0
    """Inputs whose result or failure is in the output: the next outcome is the first unwritten input."""
    _stream: Any = None
    _tmp: str | None = None
    _committed: int = 0
    """Where the last whole record of the stream file ends."""
    _records: int = 0
    _kept: int = 0
    """Lines of an earlier run that a resumed stream keeps."""
    _drop: list[JsonlLine] = field(default_factory=list)
    _end: int = 0
    _mode: int = 0o644
    _db: Any = None
    _dir: OutputDir | None = None
    """A directory of results (``kind`` ``dir``)."""

    def __post_init__(self) -> None:
        if self.kind == "dir":
            assert self.out is not None
            self._dir = OutputDir(self.out, self.fmt, self.excel, self.inputs)

    # -- resume ------------------------------------------------------------------------------------

    def plan(self, items: list[Item]) -> list[Item]:
        """The inputs still to do: with ``resume``, an input whose result is there and was made from
        the same bytes (path and sha256) is skipped; every other input is done (again)."""
        if not self.resume:
            return items
        if self.kind == "file":
            return self._plan_stream(items)
        if self._dir is not None:
            return self._dir.plan(items)
        if self.kind == "duckdb":
            self._open_db()
            return [i for i in items if i.path == STDIN or not self._db_done(i)]
        return items

    def _plan_stream(self, items: list[Item]) -> list[Item]:
        assert self.out is not None
        if not self.out.is_file():
            return items
        lines, self._end = scan_jsonl(self.out)
        by_key: dict[bytes, list[JsonlLine]] = {}
        for line in lines:
            if line.key is not None:
                by_key.setdefault(line.key, []).append(line)
        wanted: list[Item] = []
        redo: set[bytes] = set()
        for item in items:
            if item.path == STDIN:
                wanted.append(item)
                continue
            key = path_bytes(item.path)
            known = by_key.get(key, [])
            shas = {line.sha256 for line in known if line.sha256}
            if shas and key not in redo and sha256_of(item.path) in shas:
                continue
            wanted.append(item)
            if known:
                redo.add(key)
        self._drop = [line for line in lines if line.key in redo]
        self._kept = len(lines) - len(self._drop)
        return wanted

    def _db_done(self, item: Item) -> bool:
        sha = self._db.sha256_of(_key(item))
        return sha is not None and sha == sha256_of(item.path)

    def _open_db(self) -> None:
        if self._db is None:
            from .tables import Database, TableError

            assert self.out is not None
            try:
                self._db = Database(self.out)
            except TableError as exc:
                raise OutputError(str(exc)) from None

    # -- the stream: stdout or one file ------------------------------------------------------------

    def start(self) -> None:
        self._mode = umask_mode()
        if self.kind == "file":
            assert self.out is not None
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.resume and self.out.is_file():
                self._continue()
            else:
                fd, self._tmp = temporary(self.out, mode_for(self.out, self._mode))
                self._stream = os.fdopen(fd, "wb")
        elif self.kind == "duckdb":
            self._open_db()
        elif self.kind == "tables":
            from .table_files import TableFiles
            from .tables import TableError

            assert self.out is not None
            try:
                self._db = TableFiles(self.out, "parquet" if self.fmt == "parquet" else "csv")
            except TableError as exc:
                raise OutputError(str(exc)) from None
        elif self._dir is not None:
            self._dir.start(self._mode)
        if self.kind in ("stdout", "file"):
            prologue = FORMATS[self.fmt].prologue
            if prologue is not None:
                self._emit(prologue(self.excel))
            elif self._array:
                self._emit("[\n")
            if self._stream is not None:
                self._stream.flush()
                self._committed = self._stream.tell()

    def _continue(self) -> None:
        """Resume a JSONL file: append to it in place, or, when lines of inputs done again must go
        (error records, pages whose bytes changed), copy the lines kept to a new file first."""
        assert self.out is not None
        if not self._drop:
            self._stream = open(self.out, "r+b")
            self._stream.truncate(self._end)  # a half line a killed run left behind
            self._stream.seek(self._end)
            return
        fd, self._tmp = temporary(self.out, mode_for(self.out, self._mode))
        self._stream = os.fdopen(fd, "wb")
        drop = {line.start for line in self._drop}
        try:
            with open(self.out, "rb") as old:
                offset = 0
                for raw in old:
                    if offset >= self._end:
                        break
                    if offset not in drop:
                        self._stream.write(raw)
                    offset += len(raw)
            self._stream.flush()
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot rewrite {self.out} to resume it ({exc.strerror or exc}); it is unchanged",
                              None) from None

    @property
    def _array(self) -> bool:
        """Several results of a format framed as a JSON array."""
        return self.many and FORMATS[self.fmt].framing == "array"

    def _emit(self, data: str | bytes) -> None:
        raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
        if self._stream is not None:
            self._stream.write(raw)
            return
        stream = getattr(sys.stdout, "buffer", None)
        if sys.stdout is None:
            raise BrokenPipeError(errno.EPIPE, "standard output is closed")
        if stream is None:
            sys.stdout.write(raw.decode("utf-8", "replace"))
        else:
            stream.write(raw)

    def _framed(self, output: bytes | Iterator[bytes], item: Item) -> None:
        framing = FORMATS[self.fmt].framing
        try:
            if framing == "array" and self.many and self.count:
                self._emit(b",\n")
            elif framing == "headed" and self.many:
                self._emit(f"==> {item.shown} <==\n".encode())
            for piece in pieces_of(output):
                self._emit(piece)
            if (framing == "headed" and self.many) or (framing == "array" and not self.many):
                self._emit(b"\n")
            if self._stream is None:
                self.count, self.handled = self.count + 1, self.handled + 1
                return
            self._stream.flush()  # a whole record is on disk before it counts
            end = self._stream.tell()
        except OSError as exc:
            if self._stream is None:
                raise
            raise OutputError(f"cannot write {self.out} ({exc.strerror or exc})", item) from None
        # one statement with no call in it: a signal cannot land between the three
        self._committed, self.count, self.handled = end, self.count + 1, self.handled + 1

    # -- results and errors ------------------------------------------------------------------------

    def write(self, outcome: Outcome) -> str | None:
        """Write one result; returns a message when this input's output could not be written."""
        if self._dir is not None:
            if self._dir.repeated(outcome.item):  # the same input named twice: written once
                self.skipped, self.handled = self.skipped + 1, self.handled + 1
                return None
            problem = self._dir.write(outcome.item, outcome.output, outcome.sha256)
            if problem is None:
                self.count, self.handled = self.count + 1, self.handled + 1
            return problem
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add, json.loads(b"".join(pieces_of(outcome.output))), outcome.item)
            self.count, self.handled = self.count + 1, self.handled + 1
            return None
        self._framed(outcome.output, outcome.item)
        return None

    def error(self, outcome: Outcome) -> None:
        record = error_record(outcome.item.name if outcome.item.path == STDIN else outcome.item.path,
                              outcome.error_code or "error", outcome.error or "")
        if self._dir is not None:
            self._dir.failed(outcome)
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add_error, record, outcome.item)
        elif self.kind in ("stdout", "file") and FORMATS[self.fmt].records and (
                self.many or FORMATS[self.fmt].framing != "array"):
            indent = 2 if self._array else None
            self._framed((json.dumps(record, ensure_ascii=False, indent=indent)
                          + ("" if self._array else "\n")).encode("utf-8"), outcome.item)
            return
        self.handled += 1

    def _tables(self, add: Any, data: ReportData | ErrorRecordData | None, item: Item | None) -> None:
        """Add rows (or, with no item, commit the last chunk); a lock or a full disk stops the run."""
        from .tables import TableError

        try:
            add(data, _key(item)) if item is not None else add()
        except TableError as exc:
            # a database keeps its committed chunks; unfinished table files are removed whole
            first = exc.first or (item.shown if item is not None and self.kind == "duckdb" else None)
            raise OutputError(str(exc), Item(first, first) if first else None) from None

    def first_unwritten(self) -> str | None:
        """The first input whose result is not written yet, when the output keeps what it wrote."""
        return self._db.first_unwritten() if self._db is not None else None

    def finish(self) -> None:
        if self.kind in ("stdout", "file") and self._array:
            self._emit("\n]\n")
        if self._stream is not None:
            self._stream.close()
            self._stream = None
            assert self.out is not None
            if self._tmp is not None:
                if self.count or self._drop:
                    os.replace(self._tmp, self.out)
                else:  # nothing to write (a single input failed): an earlier file stays as it was
                    os.unlink(self._tmp)
                self._tmp = None
        if self._dir is not None:
            self._dir.finish()
        if self._db is not None:
            db, self._db = self._db, None
            self._tables(db.close, None, None)

    def abort(self) -> str:
        """Stop writing and say what the output keeps. A JSONL file keeps its whole lines (a resumed
        run continues from them); any other stream file is dropped and an earlier one stays as it
        was; the files of a directory are whole; a database keeps what it committed."""
        said = ""
        if self._stream is not None:
            try:
                self._stream.close()
            except OSError:
                pass  # a full disk: what was committed is on disk
            self._stream = None
            assert self.out is not None
            if self.fmt in RESUMABLE_FORMATS and (self.count or self._drop or self._tmp is None):
                try:
                    os.truncate(self._tmp or self.out, self._committed)
                    if self._tmp is not None:
                        os.replace(self._tmp, self.out)
                        self._tmp = None
                    said = f"{self.out} keeps {self._kept + self.count} whole lines"
                except OSError:
                    pass
            if self._tmp is None and not said:
                said = f"{self.out} is unchanged"
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None
            said = f"{self.out} is unchanged" if self.out is not None and self.out.exists() else "no file was written"
        if self.kind == "dir":
            said = "every result file written is whole"
        elif self.kind == "duckdb" and self._db is not None:
            said = "committed rows kept"
        if self._dir is not None:
            self._dir.abort()
        if self._db is not None:
            self._db.abort()
            self._db = None
        return said

    def resumable(self) -> bool:
        """Whether ``--resume`` can continue this output after a stop."""
        return self.kind in ("dir", "duckdb") or (self.kind == "file" and self.fmt in RESUMABLE_FORMATS)
