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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import STDIN, Item, Outcome, display
from .files import JsonlLine, exact_path, mode_for, scan_jsonl, sha256_of, temporary, umask_mode, write_atomically
from .formats import BY_SUFFIX, FORMATS
from .records import error_record, path_bytes, path_fields


def _key(item: Item) -> str:
    """A document's key in the tables: its resolved path (``z.txt``, ``./z.txt`` and the absolute path are one)."""
    from .records import STDIN_NAME

    return (item.name or STDIN_NAME) if item.path == STDIN else display(os.path.realpath(item.path))


# a PATH with one of these endings names one file that holds every result, in input order
STREAM_SUFFIXES = frozenset(BY_SUFFIX)
DATABASE_SUFFIXES = frozenset({".duckdb", ".ddb"})
RESUMABLE_FORMATS = frozenset({"jsonl"})
"""Formats whose single file a resumed run continues (one whole record per line)."""
MANIFEST = ".govreport-manifest.jsonl"
"""In an output directory: one line per result written, {"result": …, "sha256": …} of its input."""


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


def _pieces(output: bytes | Iterator[bytes]) -> Iterator[bytes]:
    if isinstance(output, bytes):
        yield output
    else:
        yield from output


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
    _done: dict[bytes, str] = field(default_factory=dict)
    _existing: list[Item] = field(default_factory=list)
    """Inputs of a directory whose results a resumed run keeps."""
    _manifest: Any = None
    _mode: int = 0o644
    _written: dict[Path, str] = field(default_factory=dict)
    _db: Any = None
    _index: Any = None
    """In a directory, what lists every input's result (the html format's index.html)."""

    # -- resume ------------------------------------------------------------------------------------

    def plan(self, items: list[Item]) -> list[Item]:
        """The inputs still to do: with ``resume``, an input whose result is there and was made from
        the same bytes (path and sha256) is skipped; every other input is done (again)."""
        if not self.resume:
            return items
        if self.kind == "file":
            return self._plan_stream(items)
        if self.kind == "dir":
            self._read_manifest()
            wanted = []
            for item in items:
                if item.path != STDIN and self._dir_done(item):
                    self._existing.append(item)
                else:
                    wanted.append(item)
            return wanted
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

    def _dir_done(self, item: Item) -> bool:
        target = self._target(item)
        sha = self._done.get(path_bytes(os.path.relpath(target, self.out)))
        return sha is not None and target.is_file() and sha == sha256_of(item.path)

    def _read_manifest(self) -> None:
        assert self.out is not None
        try:
            with open(self.out / MANIFEST, "rb") as fh:
                for raw in fh:
                    try:
                        entry = json.loads(raw)
                        key = exact_path(entry, "result")
                    except (ValueError, AttributeError):
                        continue
                    if key is not None and isinstance(entry.get("sha256"), str):
                        self._done[key] = entry["sha256"]
        except OSError:
            pass

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
            from .tables import TableError, TableFiles

            assert self.out is not None
            try:
                self._db = TableFiles(self.out, "parquet" if self.fmt == "parquet" else "csv")
            except TableError as exc:
                raise OutputError(str(exc)) from None
        elif self.kind == "dir" and FORMATS[self.fmt].index is not None:
            assert self.out is not None
            self._index = FORMATS[self.fmt].index(self.out)  # type: ignore[misc]
            for item in self._existing:  # results a resumed run keeps are rows of the index too
                self._index.add_existing(item.shown, self._target(item))
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
            for piece in _pieces(output):
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
        if self.kind == "dir":
            problem = self._to_file(outcome.item, outcome.output, outcome.sha256)
            if problem is None:
                self.handled += 1
            return problem
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add, json.loads(b"".join(_pieces(outcome.output))), outcome.item)
            self.count, self.handled = self.count + 1, self.handled + 1
            return None
        self._framed(outcome.output, outcome.item)
        return None

    def error(self, outcome: Outcome) -> None:
        record = error_record(outcome.item.name if outcome.item.path == STDIN else outcome.item.path,
                              outcome.error_code or "error", outcome.error or "")
        if self._index is not None:
            self._index.failed(outcome.item.shown, outcome.error_code or "error", outcome.error or "")
        if self.kind in ("duckdb", "tables"):
            self._tables(self._db.add_error, record, outcome.item)
        elif self.kind in ("stdout", "file") and FORMATS[self.fmt].records and (
                self.many or FORMATS[self.fmt].framing != "array"):
            indent = 2 if self._array else None
            self._framed((json.dumps(record, ensure_ascii=False, indent=indent)
                          + ("" if self._array else "\n")).encode("utf-8"), outcome.item)
            return
        self.handled += 1

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
            assert self.out is not None
            if self._tmp is not None:
                if self.count or self._drop:
                    os.replace(self._tmp, self.out)
                else:  # nothing to write (a single input failed): an earlier file stays as it was
                    os.unlink(self._tmp)
                self._tmp = None
        self._close_manifest()
        if self._db is not None:
            db, self._db = self._db, None
            self._tables(db.close, {}, None)
        if self._index is not None:
            index, self._index = self._index, None
            index.finish(self.inputs)

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
        self._close_manifest()
        if self._db is not None:
            self._db.abort()
            self._db = None
        if self._index is not None:
            self._index.discard()
            self._index = None
        return said

    def resumable(self) -> bool:
        """Whether ``--resume`` can continue this output after a stop."""
        return self.kind in ("dir", "duckdb") or (self.kind == "file" and self.fmt in RESUMABLE_FORMATS)

    def _close_manifest(self) -> None:
        if self._manifest is not None:
            try:
                self._manifest.close()
            except OSError:
                pass
            self._manifest = None

    # -- a directory of results --------------------------------------------------------------------

    def _target(self, item: Item) -> Path:
        assert self.out is not None
        rel = Path(item.rel)
        return self.out / rel.parent / (rel.name + FORMATS[self.fmt].extension)

    def _to_file(self, item: Item, output: bytes | Iterator[bytes], sha256: str | None) -> str | None:
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
            write_atomically(target, pieces, self._mode)
            if sha256 is not None:
                self._record(target, sha256)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise OutputError(f"cannot write {target} ({exc.strerror})", item) from None
            return f"cannot write its result {target} ({exc.strerror or exc}); fix the output directory"
        self._written[target] = source
        self.count += 1
        if self._index is not None:
            self._index.add(item.shown, target, first[0] if first else b"")
        return None

    def _record(self, target: Path, sha256: str) -> None:
        """A line in the directory's manifest: which input bytes this result was made from."""
        assert self.out is not None
        if self._manifest is None:
            self._manifest = open(self.out / MANIFEST, "ab")
            if self._manifest.tell():
                with open(self.out / MANIFEST, "rb") as fh:
                    fh.seek(-1, os.SEEK_END)
                    if fh.read(1) != b"\n":
                        self._manifest.write(b"\n")  # a half line a full disk left: the next line starts clean
        fields = path_fields(os.path.relpath(target, self.out))
        entry = {"result": fields["path"], **({"result_bytes": fields["path_bytes"]} if "path_bytes" in fields
                                              else {}), "sha256": sha256}
        self._manifest.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        self._manifest.flush()

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

