"""The ``govreport`` command: read arguments, call the library, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .batch import (
    DEFAULT_GLOBS,
    STDIN,
    Item,
    Options,
    Outcome,
    expand,
    identities,
    left_out_summary,
    read_list,
    run_all,
)
from .errors import DEFAULT_MAX_BYTES
from .formats import BY_SUFFIX, FORMATS, format_help
from .output import OutputError, UsageError, Writer, target_kind

if TYPE_CHECKING:
    from rich.progress import Progress

app = typer.Typer(
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    add_completion=False,
    no_args_is_help=True,
    help="Turn scraped Chinese government portal pages into a clean, traceable JSON outline.",
)


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


# the --format choices: the output-format registry's names
Format = StrEnum("Format", {name: name for name in FORMATS})  # type: ignore[misc]

SMALL_BATCH = 8
PLAIN_EVERY = 5.0
"""Seconds between progress lines when stderr is not a terminal (nohup, a log file)."""
ENCODINGS_HINT = "utf-8, gb18030, gbk, gb2312, big5, big5hkscs, utf-16, utf-16-le, utf-16-be"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govreport {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,  # noqa: UP045
                                                    help="Show the version and exit.")] = None,
) -> None:
    """Turn scraped Chinese government portal pages into a clean, traceable JSON outline."""


def _unknown_encoding(name: str) -> bool:
    from .source import check_encoding  # decoding is imported only when a command runs

    return check_encoding(name) is None


def _fail(message: str) -> None:
    if sys.stderr is not None:
        sys.stderr.write(f"govreport: {message}\n")


def _progress(enabled: bool) -> Progress | None:
    """A progress bar on stderr (rich is imported only when one is shown)."""
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[bold]govreport[/bold]"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn(),
                    TextColumn("[red]{task.fields[failed]} failed[/red]"),
                    console=Console(stderr=True), transient=True)


@app.command(
    epilog=(
        "[bold]Examples[/bold]\n\n"
        "  govreport extract page.txt                      one Report as JSON\n\n"
        "  govreport extract page.html --format md         the outline as Markdown\n\n"
        "  cat page.txt | govreport extract -              read standard input\n\n"
        "  govreport extract pages/ --jobs 4 > all.jsonl   a whole folder, one Report per line\n\n"
        "  govreport extract pages/ --format csv --excel > metrics.csv"
    ),
)
def extract(
    inputs: Annotated[Optional[list[str]], typer.Argument(  # noqa: UP045
        help="Files or directories to read; '-' reads standard input.", show_default=False)] = None,
    format: Annotated[Optional[Format], typer.Option(  # noqa: UP045
        "--format", "-f", help=format_help(), show_default=False)] = None,
    output_name: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--output", "-o", show_default=False,
        help="Write here instead of stdout: a file (.jsonl/.json/.csv/.md/.txt hold every result, in input order), "
        "a directory (an existing one, or a name ending in '/': one file per input, a.html → a.html.json) or a "
        ".duckdb database of typed tables. Any other ending is refused.")] = None,
    files_from: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--files-from", help="Read input paths from this list, one per line ('-' for stdin).")] = None,
    glob: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--glob", help="File name patterns to take from directories (repeatable; any case). By default: "
        + " ".join(DEFAULT_GLOBS) + ".",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, show_default=False,
        help="Worker processes; 0 means one per CPU (none for fewer than 8 inputs). [default: 0]")] = 0,
    encoding: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--encoding", "-e", help="Force the input encoding (utf-8, gb18030, big5, utf-16 …) instead of detecting.")]
    = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="Read inputs as text or HTML instead of sniffing.")] = InputFormat.auto,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")]
    = DEFAULT_MAX_BYTES,
    indent: Annotated[int, typer.Option("--indent", min=0, help="JSON indentation (0: one line).")] = 2,
    excel: Annotated[bool, typer.Option("--excel", help="Start CSV output with the BOM Excel needs.")] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", "--skip-existing", help="With -o FILE.jsonl, -o DIR/ or a .duckdb file: keep the results "
        "already there whose input is unchanged (same path and sha256), do the rest (resume a stopped batch).")]
    = False,
    timeout: Annotated[Optional[float], typer.Option(  # noqa: UP045
        "--timeout", min=0.1, show_default=False,
        help="Seconds one document may take in a worker before it fails as an error record. [default: 300]")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
    stdin_name: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--stdin-name", show_default=False,
        help="The path standard input goes by in every output (source.path, tables, messages, its result file "
        "in -o DIR/). [default: null in JSON, '-' elsewhere]")] = None,
) -> None:
    """Extract metadata, outline, metrics and references from government pages."""
    names = list(inputs or [])
    if files_from:
        try:
            names.extend(read_list(files_from))
        except OSError as exc:
            _fail(f"{files_from}: cannot read the list ({exc.strerror or exc}); check the path")
            raise typer.Exit(2) from None
    if not names:
        _fail("no input; name files or directories, or '-' for standard input")
        raise typer.Exit(2)
    if names.count(STDIN) > 1:
        _fail("standard input ('-') can be read only once")
        raise typer.Exit(2)
    if encoding is not None and _unknown_encoding(encoding):
        _fail(f"unknown encoding {encoding!r}; use one of {ENCODINGS_HINT} (or any name Python's codecs know)")
        raise typer.Exit(2)
    output = Path(output_name) if output_name else None
    unknown = None
    try:
        kind = target_kind(output, output_name)
    except UsageError as exc:
        kind, unknown = "file", str(exc)
    left_out: Counter[str] = Counter()
    skip = identities([str(output)]) if kind == "dir" and output is not None else frozenset()
    items = list(expand(names, tuple(glob) if glob else DEFAULT_GLOBS, skip, left_out))
    if stdin_name:
        items = [Item(STDIN, stdin_name.lstrip("/"), name=stdin_name) if i.path == STDIN else i for i in items]
    many = len(items) > 1 or any(os.path.isdir(n) for n in names if n != STDIN)
    if format is not None:
        fmt = format.value
    elif kind == "file" and output is not None and output.suffix.lower() in BY_SUFFIX:
        fmt = BY_SUFFIX[output.suffix.lower()]
    else:
        fmt = "jsonl" if many else "json"
    if kind != "duckdb" and FORMATS[fmt].tables:
        if output is None or not (output.is_dir() or (output_name or "").endswith(("/", os.sep))):
            _fail(f"--format {fmt} writes one file per table; name a directory for them, ending in '/': -o tables/")
            raise typer.Exit(2)
        kind = "tables"
        if resume:
            _fail(f"--resume cannot continue --format {fmt}: its tables are written whole at the end; "
                  "write to a .duckdb file to resume, or run again without it")
            raise typer.Exit(2)
    if FORMATS[fmt].framing == "page" and many and kind in ("stdout", "file"):
        _fail(f"--format {fmt} gives one page per input; write several to a directory: -o DIR/")
        raise typer.Exit(2)
    problem = _output_problem(kind, fmt, output, items, resume) or unknown
    if problem:
        _fail(problem)
        raise typer.Exit(2)
    tty = kind == "stdout" and sys.stdout is not None and sys.stdout.isatty()
    rendered = "jsonl" if kind in ("duckdb", "tables") else fmt  # tables are made from each page's JSON
    options = Options(rendered, encoding, None if input_format is InputFormat.auto else input_format.value,
                      max_bytes, indent or None, tty)
    # by default a handful of documents is parsed in-process: starting workers would cost more
    workers = jobs or ((os.cpu_count() or 1) if len(items) >= SMALL_BATCH else 1)
    workers = min(workers, max(len(items), 1))
    real_inputs = _input_paths(items) if kind == "dir" else frozenset()  # only a directory can hold an input
    writer = Writer("jsonl" if kind == "duckdb" else fmt, kind, output, many, excel, real_inputs, resume)
    raise typer.Exit(_run(items, options, workers, writer, many, quiet, timeout, left_out_summary(left_out)))


def _input_paths(items: list[Item]) -> frozenset[str]:
    return frozenset(os.path.realpath(i.path) for i in items if i.path != STDIN)


def _output_problem(kind: str, fmt: str, output: Path | None, items: list[Item], resume: bool) -> str | None:
    """Why this -o (with --resume) cannot be written, before any input is read."""
    if output is not None and kind in ("file", "duckdb") and os.path.realpath(output) in _input_paths(items):
        return f"-o {output} is one of the inputs; choose another output file"
    if resume and kind == "stdout":
        return "--resume needs -o: a .jsonl file, a directory (-o DIR/) or a .duckdb file"
    if resume and kind == "file" and fmt != "jsonl":
        return (f"--resume cannot continue {output}: a {fmt} file is written whole; resume with a .jsonl file, "
                "a directory (-o DIR/) or a .duckdb file")
    return None


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: object) -> None:
    raise _Interrupted(signum)


def _run(items: list[Item], options: Options, workers: int, writer: Writer, many: bool, quiet: bool,
         timeout: float | None, left_out: str = "") -> int:
    import signal
    import time

    if writer.kind == "stdout" and sys.stdout is None:  # govreport … >&-
        _fail("standard output is closed; redirect it (> FILE) or write with -o FILE")
        return 1
    progress = _progress(many and not quiet and sys.stderr is not None and sys.stderr.isatty())
    plain = many and not quiet and progress is None and sys.stderr is not None
    done = failed = warnings = 0
    started = shown_at = time.monotonic()
    # SIGINT too: a command started with '&' by a script inherits SIGINT ignored, and must still stop on it
    previous = {signum: signal.signal(signum, _on_signal) for signum in (signal.SIGTERM, signal.SIGINT)}
    wanted = items
    outcomes = None
    try:
        wanted = writer.plan(items)
        writer.skipped += len(items) - len(wanted)
        writer.start()
        outcomes = run_all(wanted, options, workers, timeout=timeout)
        if progress is not None:
            progress.start()
            task = progress.add_task("extract", total=len(wanted), rate="0.0", failed=0)
        for outcome in outcomes:
            problem = None
            if outcome.error is None:
                problem = writer.write(outcome)
                if problem is not None:
                    outcome = Outcome(outcome.item, error_code="output-error", error=problem)
            if outcome.error is not None:
                failed += 1
                _fail(f"{outcome.item.shown}: {outcome.error}")
                writer.error(outcome)
            else:
                done += 1
                warnings += outcome.warnings
            if progress is not None:
                rate = (done + failed) / max(time.monotonic() - started, 1e-6)
                progress.update(task, advance=1, rate=f"{rate:.1f}", failed=failed)
            elif plain and time.monotonic() - shown_at >= PLAIN_EVERY:  # stderr is a log: a line now and then
                shown_at = time.monotonic()
                _fail(f"{done + failed} of {len(wanted)} inputs, {failed} failed, "
                      f"{(done + failed) / max(shown_at - started, 1e-6):.1f} docs/s")
        writer.finish()
        if sys.stdout is not None:
            sys.stdout.flush()
            if hasattr(sys.stdout, "buffer"):
                sys.stdout.buffer.flush()
    except BrokenPipeError:
        # the reader went away (… | head), or there is no stdout at all: stop quietly
        writer.abort()
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
        except OSError:
            pass
        return 0
    except (KeyboardInterrupt, _Interrupted) as exc:
        first = writer.first_unwritten() or (wanted[writer.handled].shown if writer.handled < len(wanted) else None)
        kept = writer.abort()
        signum = exc.signum if isinstance(exc, _Interrupted) else signal.SIGINT
        _fail(f"interrupted after {writer.handled} of {len(wanted)} inputs" + (f"; {kept}" if kept else "")
              + _unwritten(writer, first, "run"))
        return 128 + int(signum)
    except OutputError as exc:
        kept = writer.abort()
        _fail(str(exc) + (f"; {kept}" if kept else "")
              + _unwritten(writer, exc.item.shown if exc.item is not None else None, "free space and run"))
        return 1
    except OSError as exc:
        writer.abort()
        _fail(f"cannot write output ({exc.strerror or exc}); check the output path and free space")
        return 1
    finally:
        if outcomes is not None:
            outcomes.close()  # stops the workers now, whatever ended the loop
        if progress is not None:
            progress.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    lost = len(wanted) - done - failed  # never above 0 unless govreport has a bug: then it is said, and fails
    if many and not quiet and sys.stderr is not None:
        seconds = time.monotonic() - started
        skipped = f", {writer.skipped} skipped" if writer.skipped else ""
        missing = f", {lost} missing" if lost else ""
        left = f"; {left_out}" if left_out else ""
        sys.stderr.write(f"govreport: {len(items)} inputs: {done} done, {failed} failed{skipped}{missing}, "
                         f"{warnings} warnings in {seconds:.1f}s{left}\n")
    if lost:
        _fail(f"{lost} of {len(wanted)} inputs gave neither a result nor an error record; this is a govreport bug, "
              "please report it (--jobs 1 avoids the worker pool)")
    return 1 if failed or lost else 0


def _unwritten(writer: Writer, first: str | None, then: str) -> str:
    """The end of a stop's one line: the first input whose result is not written, and how to go on."""
    if first is None:
        return ""
    how = f"; {then} again with --resume to finish" if writer.resumable() else ""
    return f"; the first unwritten input is {first}{how}"


@app.command()
def schema(
    indent: Annotated[int, typer.Option("--indent", min=0, help="JSON indentation.")] = 2,
) -> None:
    """Print the JSON Schema of a Report, generated from the models."""
    from .schema import report_schema

    typer.echo(report_schema(indent or None))


def main() -> None:
    """Entry point for the ``govreport`` script."""
    app()
