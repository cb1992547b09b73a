"""Where results go: standard output, one file, a directory mirroring the inputs, or a DuckDB file.

Every file is written to a temporary name beside it and renamed into place only when complete,
so an interrupted run or a full disk never leaves a half-written result. In a directory,
an output is never written through a symbolic link, never onto an input, and a problem with
one output fails that input alone.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import STDIN, Item, Outcome, display
from .formats import BY_SUFFIX, FORMATS
from .records import error_record


def _key(item: Item) -> str:
    """A document's key in the tables: its resolved path (``z.txt``, ``./z.txt`` and the absolute path are one)."""
    from .records import STDIN_NAME

    return (item.name or STDIN_NAME) if item.path == STDIN else display(os.path.realpath(item.path))


# a PATH with one of these endings names one file that holds every result, in input order
STREAM_SUFFIXES = frozenset(BY_SUFFIX)
DATABASE_SUFFIXES = frozenset({".duckdb", ".ddb"})


class OutputError(Exception):
    """Writing failed in a way that must stop the run (a full disk); ``item`` is the first unwritten input."""

    def __init__(self, message: str, item: Item | None = None) -> None:
        super().__init__(message)
        self.item = item


def target_kind(out: Path | None, raw: str | None, many: bool) -> str:
    """``stdout``, ``file`` (one file), ``dir`` (one file per input) or ``duckdb`` (``tables``, one file per
    table, is chosen by the format)."""
    if out is None:
        return "stdout"
    if out.suffix.lower() in DATABASE_SUFFIXES:
        return "duckdb"
    if out.is_dir() or (raw or "").endswith(("/", os.sep)):
        return "dir"
    if not many or out.suffix.lower() in STREAM_SUFFIXES:
        return "file"
    return "dir"


def _pieces(output: bytes | Iterator[bytes]) -> Iterator[bytes]:
    if isinstance(output, bytes):
        yield output
    else:
        yield from output


def _write_atomically(target: Path, chunks: Iterable[bytes]) -> None:
    """Write to a temporary file beside ``target``, then rename it into place; the file ends with a
    line break."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            last = b"\n"
            for chunk in chunks:
                if chunk:
                    fh.write(chunk)
                    last = chunk[-1:]
            if last != b"\n":
                fh.write(b"\n")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _noting_first(pieces: Iterator[bytes], first: list[bytes]) -> Iterator[bytes]:
    """The pieces, with the first non-empty one kept in ``first`` (an audit page's head)."""
    for piece in pieces:
        if piece and not first:
            first.append(piece)
        yield piece


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
    skip_existing: bool = False
    count: int = 0
    skipped: int = 0
    _stream: Any = None
    _tmp: str | None = None
    _written: dict[Path, str] = field(default_factory=dict)
    _db: Any = None
    _index: Any = None
    """In a directory, what lists every input's result (the html format's index.html)."""

    # -- the stream: stdout or one file ------------------------------------------------------------

    def start(self) -> None:
        if self.kind == "file":
            assert self.out is not None
            import tempfile

            self.out.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.out.name}.", suffix=".part", dir=self.out.parent)
            self._stream = os.fdopen(fd, "wb")
        elif self.kind == "duckdb":
            from .tables import Database, TableError

            assert self.out is not None
            try:
                self._db = Database(self.out)
            except TableError as exc:
                raise OutputError(str(exc)) from None
        elif self.kind == "tables":
            from .tables import TableError, TableFiles

            assert self.out is not None
            try:
                self._db = TableFiles(self.out, "parquet" if self.fmt == "parquet" else "csv")
            except TableError as exc:
                raise OutputError(str(exc)) from None
        elif self.kind == "dir" and FORMATS[self.fmt].index is not None:
            assert self.out is not None
            self._index = FORMATS[self.fmt].index(self.out)  # type: ignore[misc]
        if self.kind in ("stdout", "file"):
            prologue = FORMATS[self.fmt].prologue
            if prologue is not None:
                self._emit(prologue(self.excel))
            elif self._array:
                self._emit("[\n")

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

    def _framed(self, output: bytes | Iterator[bytes], shown: str) -> None:
        framing = FORMATS[self.fmt].framing
        if framing == "array" and self.many and self.count:
            self._emit(b",\n")
        elif framing == "headed" and self.many:
            self._emit(f"==> {shown} <==\n".encode())
        for piece in _pieces(output):
            self._emit(piece)
        if (framing == "headed" and self.many) or (framing == "array" and not self.many):
            self._emit(b"\n")
        self.count += 1

    # -- results and errors ------------------------------------------------------------------------

    def wants(self, item: Item) -> bool:
        """False when --skip-existing finds this input's result already written."""
        if not self.skip_existing:
            return True
        if self.kind == "dir" and self.out is not None and item.path != STDIN:
            exists = self._target(item).exists()
            if exists and self._index is not None:
                self._index.add_existing(item.shown, self._target(item))
            return not exists
        if self.kind == "duckdb" and self._db is not None and item.path != STDIN:
            return not self._db.has(_key(item))
        return True

    def write(self, outcome: Outcome) -> str | None:
        """Write one result; returns a message when this input's output could not be written."""
        if self.kind == "dir":
            return self._to_file(outcome.item, outcome.output)
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add, json.loads(b"".join(_pieces(outcome.output))), outcome.item)
            self.count += 1
            return None
        self._framed(outcome.output, outcome.item.shown)
        return None

    def error(self, outcome: Outcome) -> None:
        record = error_record(outcome.item.name if outcome.item.path == STDIN else outcome.item.shown,
                              outcome.error_code or "error", outcome.error or "")
        if self._index is not None:
            self._index.failed(outcome.item.shown, outcome.error_code or "error", outcome.error or "")
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add_error, record, outcome.item)
        elif self.kind in ("stdout", "file") and FORMATS[self.fmt].records and (
                self.many or FORMATS[self.fmt].framing != "array"):
            indent = 2 if self._array else None
            self._framed((json.dumps(record, ensure_ascii=False, indent=indent)
                          + ("" if self._array else "\n")).encode("utf-8"), outcome.item.shown)

    def _tables(self, add: Any, data: dict[str, Any], item: Item | None) -> None:
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
            assert self.out is not None and self._tmp is not None
            os.replace(self._tmp, self.out)
            self._tmp = None
        if self._db is not None:
            db, self._db = self._db, None
            self._tables(db.close, {}, None)
        if self._index is not None:
            index, self._index = self._index, None
            index.finish(self.inputs)

    def abort(self) -> None:
        """Drop what is unfinished: the temporary stream file; a database keeps what it committed."""
        if self._stream is not None:
            try:
                self._stream.close()
            except OSError:
                pass
            self._stream = None
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None
        if self._db is not None:
            self._db.abort()
            self._db = None
        if self._index is not None:
            self._index.discard()
            self._index = None

    # -- a directory of results --------------------------------------------------------------------

    def _target(self, item: Item) -> Path:
        assert self.out is not None
        rel = Path(item.rel)
        return self.out / rel.parent / (rel.name + FORMATS[self.fmt].extension)

    def _to_file(self, item: Item, output: bytes | Iterator[bytes]) -> str | None:
        assert self.out is not None
        target = self._target(item)
        source = os.path.realpath(item.path) if item.path != STDIN else STDIN
        earlier = self._written.get(target)
        if earlier is not None:
            if earlier == source:  # the same input named twice: written once
                self.skipped += 1
                return None
            return (f"its result {target} would overwrite the result of {earlier}; "
                    "name the inputs' parent directory instead, so that their paths differ")
        problem = self._unsafe(target)
        if problem:
            return problem
        prologue = FORMATS[self.fmt].prologue
        pieces = _pieces(output)
        if prologue is not None:
            pieces = itertools.chain([prologue(self.excel).encode("utf-8")], pieces)
        first: list[bytes] = []
        if self._index is not None:
            pieces = _noting_first(pieces, first)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, pieces)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise OutputError(f"cannot write {target} ({exc.strerror}); free space and run again with "
                                  "--skip-existing to resume", item) from None
            return f"cannot write its result {target} ({exc.strerror or exc}); fix the output directory"
        self._written[target] = source
        self.count += 1
        if self._index is not None:
            self._index.add(item.shown, target, first[0] if first else b"")
        return None

    def _unsafe(self, target: Path) -> str | None:
        """Why writing ``target`` would leave the output directory or hit an input, if it would."""
        assert self.out is not None
        here = target
        while here != self.out and here != here.parent:
            if here.is_symlink():
                return f"its result path {here} is a symbolic link; govreport never writes through one"
            here = here.parent
        if os.path.realpath(target) in self.inputs:
            return f"its result {target} would overwrite an input; choose another --output"
        if target.is_dir():
            return f"its result path {target} is a directory; remove it or choose another --output"
        return None

