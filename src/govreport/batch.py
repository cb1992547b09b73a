"""Many inputs: expand paths, run documents in a process pool, keep input order.

Workers return rendered strings, never Reports, so only text crosses processes and
memory stays flat: at most ``window`` documents are in flight at any time.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from typing import NamedTuple

from .errors import GovreportError, unexpected
from .records import STDIN_NAME, shown_path

DEFAULT_GLOBS = ("*.txt", "*.htm", "*.html", "*.shtml", "*.xhtml", "*.jsp", "*.asp", "*.aspx", "*.php", "*.md")
"""What a folder gives by default: text, saved pages under the endings portals serve them with, and
Markdown (spec: Markdown as scrapers write it is plain text). Matched without regard to case, and a
saved name's query is not part of its ending (``page.htm?id=42`` is a ``.htm``)."""
STDIN = "-"


def display(path: str) -> str:
    """A path as it can be printed and put in JSON: each undecodable file-name byte is written ``\\xNN``."""
    return shown_path(path)


def matches(name: str, globs: tuple[str, ...]) -> bool:
    """Whether a file name is taken by the patterns: case-insensitive, with or without its ``?query``."""
    lowered = name.lower()
    bare = lowered.split("?", 1)[0]
    return any(fnmatch.fnmatchcase(lowered, g.lower()) or fnmatch.fnmatchcase(bare, g.lower()) for g in globs)


def ending(name: str) -> str:
    """A left-out file's ending as the summary counts it (``.pdf``; ``no ending``)."""
    return os.path.splitext(name.lower().split("?", 1)[0])[1] or "no ending"


def left_out_summary(left_out: Counter[str]) -> str:
    """``3 files left out: 2 .pdf, 1 .tsv`` (empty when the walk took every file)."""
    total = sum(left_out.values())
    if not total:
        return ""
    kinds = ", ".join(f"{n} {e}" for e, n in sorted(left_out.items(), key=lambda x: (-x[1], x[0])))
    return f"{total} file{'s' if total != 1 else ''} left out: {kinds} (--glob takes them)"


class Item(NamedTuple):
    """One input: a path (or ``-`` for stdin) and its path relative to what was named."""

    path: str
    rel: str
    problem: str | None = None
    """Set when the input is known to be unusable before reading (e.g. a walk error)."""
    name: str | None = None
    """What standard input is called (--stdin-name): its ``source.path`` and its key in the tables."""

    @property
    def shown(self) -> str:
        """The path for messages and ``source.path`` (``-``, or its --stdin-name, for standard input)."""
        return (self.name or STDIN_NAME) if self.path == STDIN else display(self.path)


class Options(NamedTuple):
    format: str
    encoding: str | None
    input_format: str | None
    max_bytes: int | None
    indent: int | None
    tty: bool = False
    """Whether the output is a terminal (the tree is coloured for one)."""


class Outcome(NamedTuple):
    item: Item
    output: bytes | Iterator[bytes] = b""
    """The rendered document in UTF-8: whole when it comes from a worker process, else pieces
    rendered as they are written (a large page's JSON is never held whole)."""
    error_code: str | None = None
    error: str | None = None
    warnings: int = 0
    sha256: str | None = None
    """The sha256 of the input's bytes, when they were read (what resume compares)."""


def _walk(root: str, globs: tuple[str, ...], skip: frozenset[tuple[int, int]] = frozenset(),
          left_out: Counter[str] | None = None) -> Iterator[Item]:
    """Files under ``root`` in sorted order, directories depth-first; iterative, so a tree of any
    depth is walked (os.walk recurses), links to directories are not followed, a file reached twice
    through hard links is taken once. Directories in ``skip`` (device, inode) are not entered (the
    output directory); files the patterns do not take are counted in ``left_out`` by ending."""
    seen: set[tuple[int, int]] = set()
    problems: list[tuple[str, str]] = []
    stack = [root]
    while stack:
        top = stack.pop()
        try:
            with os.scandir(top) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append((top, exc.strerror or str(exc)))
            continue
        subdirs: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if not skip or not _in(entry, skip):
                    subdirs.append(entry.path)
                continue
            if not matches(entry.name, globs):
                if left_out is not None:
                    left_out[ending(entry.name)] += 1
                continue
            try:
                st = os.stat(entry.path)
            except OSError:
                yield Item(entry.path, os.path.relpath(entry.path, root),
                           "cannot be read (a broken link or a vanished file)")
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            yield Item(entry.path, os.path.relpath(entry.path, root))
        stack.extend(reversed(subdirs))
    for where, why in problems:
        yield Item(where, where, f"cannot list it ({why})")


def _in(entry: os.DirEntry[str], skip: frozenset[tuple[int, int]]) -> bool:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) in skip


def identities(paths: Iterable[str]) -> frozenset[tuple[int, int]]:
    """(device, inode) of the paths that exist: what the walk compares directories against."""
    found = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return frozenset(found)


def expand(inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
           skip: frozenset[tuple[int, int]] = frozenset(), left_out: Counter[str] | None = None) -> Iterator[Item]:
    """Inputs in the order given; directories walked recursively in sorted order, without entering the
    directories in ``skip``; files a walk does not take are counted in ``left_out``."""
    for raw in inputs:
        if raw == STDIN:
            yield Item(STDIN, "stdin")
        elif os.path.isdir(raw):
            base = os.path.basename(os.path.normpath(raw))
            found = False
            for item in _walk(raw, globs, skip, left_out):
                found = True
                yield Item(item.path, os.path.join(base, item.rel) if base not in ("", ".", "..") else item.rel,
                           item.problem)
            if not found:
                yield Item(raw, base, f"is a directory with no files matching {' '.join(globs)}; use --glob")
        else:
            rel = os.path.normpath(raw)
            rel = rel.lstrip(os.sep)
            while rel.startswith(".." + os.sep):
                rel = rel[3:]
            yield Item(raw, rel)


def read_list(path: str) -> Iterator[str]:
    """Paths from a --files-from list, one per line (``-`` reads the list from stdin)."""
    stream = sys.stdin if path == STDIN else open(path, encoding="utf-8", errors="surrogateescape")
    try:
        for line in stream:
            line = line.rstrip("\n").rstrip("\r")
            if line.strip():
                yield line
    finally:
        if stream is not sys.stdin:
            stream.close()


def _read(item: Item, options: Options) -> bytes:
    from .pipeline import read_input

    if item.path == STDIN:
        data = sys.stdin.buffer.read(options.max_bytes + 1 if options.max_bytes is not None else -1)
        if options.max_bytes is not None and len(data) > options.max_bytes:
            from .errors import TooLargeError

            raise TooLargeError(f"standard input is over the limit of {options.max_bytes:,} bytes; raise --max-bytes")
        return data
    return read_input(item.path, options.max_bytes)


def run_one(item: Item, options: Options, data: bytes | None = None) -> Outcome:
    """Parse and render one input; every failure becomes an Outcome with an error."""
    from .formats import FORMATS, RenderOptions
    from .pipeline import analyse_parts, decode_bytes

    if item.problem:
        return Outcome(item, error_code="unreadable", error=item.problem)
    fmt = FORMATS[options.format]
    try:
        raw = data if data is not None else _read(item, options)
        name = item.name if item.path == STDIN else item.path
        source, hints = decode_bytes(raw, name, options.encoding, options.input_format)
        del raw
        report = analyse_parts(source, name, hints) if fmt.render is not None else None
    except GovreportError as exc:
        return Outcome(item, error_code=exc.code, error=str(exc))
    except Exception as exc:  # too deep, out of memory, or govreport's own bug: the other inputs go on
        code, message = unexpected(exc)
        return Outcome(item, error_code=code, error=message)
    style = RenderOptions(options.indent, options.tty)
    if fmt.render is not None and report is not None:
        return Outcome(item, iter(fmt.render(report, source, style)), warnings=len(report.partial["warnings"]),
                       sha256=source.sha256)
    assert fmt.render_text is not None, f"the {fmt.name} format has no renderer"
    return Outcome(item, iter(fmt.render_text(source, style)), sha256=source.sha256)


def _job(item: Item, options: Options) -> tuple[bytes, str | None, str | None, int, str | None]:
    """A worker's work on one input: its output goes back whole as UTF-8 bytes, so the parent only
    copies it out; with it the sha256 of the input's bytes (what resume compares)."""
    outcome = run_one(item, options)
    try:
        output = outcome.output if isinstance(outcome.output, bytes) else b"".join(outcome.output)
    except Exception as exc:  # rendering failed on this page
        return (b"", *unexpected(exc), 0, None)
    return (output, outcome.error_code, outcome.error, outcome.warnings, outcome.sha256)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        if item.path == STDIN:  # stdin belongs to this process: a chunk of its own
            if chunk:
                yield chunk
                chunk = []
            yield [item]
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


DEFAULT_TIMEOUT = 300.0
"""Seconds a worker may spend on one document (each its own) before it is stopped and the document fails."""


def _quiet_worker() -> None:
    """Workers leave SIGINT to the parent, which stops them; a Ctrl-C prints nothing from them.

    A worker's stderr goes to /dev/null: what a document does wrong comes back as its error
    record, and a worker stopped while the pool is torn down (its sibling killed, a restart)
    would otherwise print the pool's own traceback into the user's terminal. GOVREPORT_DEBUG=1
    keeps it."""
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not os.environ.get("GOVREPORT_DEBUG"):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


_WARM_PAGES = (("warm.txt", "一、总体要求\n（一）工作目标。全年完成任务8项，占比100%。\n".encode()),
               ("warm.html", "<html><body><p>一、总体要求</p><p>1.工作目标</p></body></html>".encode()))
"""Constructed pages a worker parses before it says it is ready, one per input route."""


def _start_worker(options: Options) -> None:
    """A worker's set-up: quiet (``_quiet_worker``), then warm. Its first parse would otherwise import
    the pipeline, the models and the HTML parser, about 0.2 s, on the clock of the first input it was
    given; the parse here does that before the pool starts any input's clock. A failure here is left
    for the real inputs to meet and report."""
    _quiet_worker()
    for name, data in _WARM_PAGES:
        try:
            outcome = run_one(Item(STDIN, name, name=name), options, data=data)
            if not isinstance(outcome.output, bytes):
                for _ in outcome.output:
                    pass
        except Exception:  # warming is an optimisation, never a fault
            pass


def _failed(item: Item, code: str, message: str) -> Outcome:
    return Outcome(item, error_code=code, error=message)


def _local(item: Item, options: Options) -> Outcome | None:
    """Standard input belongs to this process: it is read and parsed here, not in a worker."""
    return run_one(item, options) if item.path == STDIN else None


def run_all(items: Iterable[Item], options: Options, jobs: int, chunk: int = 16,
            timeout: float | None = None) -> Generator[Outcome, None, None]:
    """Outcomes in input order; with jobs > 1 (or a timeout) a pool of worker processes.

    Documents go to workers in chunks, so that process hand-offs do not cost more than
    short documents take; at most ``jobs * 4`` chunks are held at once. A document over ``timeout``
    seconds of its own fails alone; a worker that dies (the OOM killer, a signal) fails only the
    document it was on, after one retry alone; the worker is replaced and the chunk's other
    documents go on (``workers.Pool``).
    Every input gives an Outcome; when the run ends early (an interrupt, a closed stdout, an
    error) every worker is killed, so none outlives it."""
    if jobs <= 1 and timeout is None:
        for item in items:
            yield run_one(item, options)
        return
    from functools import partial

    from .workers import Pool

    pool = Pool(max(jobs, 1), partial(_job, options=options), partial(_start_worker, options=options),
                timeout if timeout is not None else DEFAULT_TIMEOUT,
                wrap=lambda item, result: Outcome(item, *result), failed=_failed,
                local=partial(_local, options=options))
    finished = False
    try:
        yield from pool.run(_chunks(items, chunk), window=max(jobs, 1) * 4)
        finished = True
    finally:
        pool.close(kill=not finished)
