"""Where results go: standard output, one file, a directory mirroring the inputs, or a DuckDB file.

Every file is written to a temporary name beside it and renamed into place only when complete,
so an interrupted run or a full disk never leaves a half-written result. In a directory,
an output is never written through a symbolic link, never onto an input, and a problem with
one output fails that input alone.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import STDIN, Item, Outcome

# the extension a result file gets after the input's own name (a.html → a.html.json)
EXTENSIONS = {"json": ".json", "jsonl": ".json", "text": ".txt", "md": ".md", "tree": ".txt", "csv": ".csv",
              "source": ".txt"}
# a PATH with one of these endings names one file that holds every result, in input order
STREAM_SUFFIXES = frozenset({".jsonl", ".json", ".csv", ".md", ".txt", ".ndjson"})
DATABASE_SUFFIXES = frozenset({".duckdb", ".ddb"})


class OutputError(Exception):
    """Writing failed in a way that must stop the run (a full disk); ``item`` is the first unwritten input."""

    def __init__(self, message: str, item: Item | None = None) -> None:
        super().__init__(message)
        self.item = item


def target_kind(out: Path | None, raw: str | None, many: bool) -> str:
    """``stdout``, ``file`` (one file), ``dir`` (one file per input) or ``duckdb``."""
    if out is None:
        return "stdout"
    if out.suffix.lower() in DATABASE_SUFFIXES:
        return "duckdb"
    if out.is_dir() or (raw or "").endswith(("/", os.sep)):
        return "dir"
    if not many or out.suffix.lower() in STREAM_SUFFIXES:
        return "file"
    return "dir"


def error_record(item: Item, code: str | None, message: str | None) -> dict[str, Any]:
    return {"source": {"path": None if item.path == STDIN else item.shown},
            "error": {"code": code or "error", "message": message or ""}}


def _write_atomically(target: Path, chunks: list[bytes]) -> None:
    """Write to a temporary file beside ``target``, then rename it into place."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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

    # -- the stream: stdout or one file ------------------------------------------------------------

    def start(self) -> None:
        if self.kind == "file":
            assert self.out is not None
            import tempfile

            self.out.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.out.name}.", suffix=".part", dir=self.out.parent)
            self._stream = os.fdopen(fd, "wb")
        elif self.kind == "duckdb":
            from .tables import Database

            assert self.out is not None
            self._db = Database(self.out)
        if self.kind in ("stdout", "file"):
            if self.fmt == "csv":
                from .render import to_csv

                self._emit(("\ufeff" if self.excel else "") + to_csv([], header=True))
            elif self.fmt == "json" and self.many:
                self._emit("[\n")

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

    def _framed(self, data: bytes, shown: str) -> None:
        if self.fmt == "json":
            lead = b",\n" if self.many and self.count else b""
            self._emit(lead + data.rstrip(b"\n") + (b"" if self.many else b"\n"))
        elif self.fmt in ("text", "md", "source", "tree") and self.many:
            self._emit(f"==> {shown} <==\n".encode() + data + b"\n")
        else:
            self._emit(data)
        self.count += 1

    # -- results and errors ------------------------------------------------------------------------

    def wants(self, item: Item) -> bool:
        """False when --skip-existing finds this input's result already written."""
        if not self.skip_existing:
            return True
        if self.kind == "dir" and self.out is not None and item.path != STDIN:
            return not self._target(item).exists()
        if self.kind == "duckdb" and self._db is not None and item.path != STDIN:
            return not self._db.has(item.shown)
        return True

    def write(self, outcome: Outcome) -> str | None:
        """Write one result; returns a message when this input's output could not be written."""
        data = outcome.output if isinstance(outcome.output, bytes) else outcome.output.encode("utf-8", "replace")
        if self.fmt == "tree":
            data = _tree(data.decode("utf-8")).encode("utf-8")
        if self.kind == "dir":
            return self._to_file(outcome.item, data)
        if self.kind == "duckdb":
            self._db.add(json.loads(data))
            self.count += 1
            return None
        self._framed(data, outcome.item.shown)
        return None

    def error(self, outcome: Outcome) -> None:
        record = error_record(outcome.item, outcome.error_code, outcome.error)
        if self.kind == "duckdb":
            self._db.add_error(record)
        elif self.kind in ("stdout", "file") and (self.fmt == "jsonl" or (self.fmt == "json" and self.many)):
            indent = 2 if self.fmt == "json" else None
            self._framed((json.dumps(record, ensure_ascii=False, indent=indent) + "\n").encode("utf-8"),
                         outcome.item.shown)

    def finish(self) -> None:
        if self.kind in ("stdout", "file") and self.fmt == "json" and self.many:
            self._emit("\n]\n")
        if self._stream is not None:
            self._stream.close()
            self._stream = None
            assert self.out is not None and self._tmp is not None
            os.replace(self._tmp, self.out)
            self._tmp = None
        if self._db is not None:
            self._db.close()
            self._db = None

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
            self._db.close()
            self._db = None

    # -- a directory of results --------------------------------------------------------------------

    def _target(self, item: Item) -> Path:
        assert self.out is not None
        rel = Path(item.rel)
        return self.out / rel.parent / (rel.name + EXTENSIONS[self.fmt])

    def _to_file(self, item: Item, data: bytes) -> str | None:
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
        if self.fmt == "csv":
            from .render import to_csv

            data = (("\ufeff" if self.excel else "") + to_csv([], header=True)).encode("utf-8") + data
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, [data if data.endswith(b"\n") else data + b"\n"])
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise OutputError(f"cannot write {target} ({exc.strerror}); free space and run again with "
                                  "--skip-existing to resume", item) from None
            return f"cannot write its result {target} ({exc.strerror or exc}); fix the output directory"
        self._written[target] = source
        self.count += 1
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


def _tree(report_json: str) -> str:
    from rich.console import Console

    from .models import Report
    from .render import to_tree

    tty = sys.stdout is not None and sys.stdout.isatty()
    console = Console(file=None, record=True, width=None if tty else 100, force_terminal=tty, soft_wrap=False)
    with console.capture() as capture:
        console.print(to_tree(Report.model_validate_json(report_json)))
    return capture.get()
