"""The ``govreport`` command: read arguments, call the library, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .batch import DEFAULT_GLOBS, STDIN, Item, Options, Outcome, expand, read_list, run_all
from .pipeline import DEFAULT_MAX_BYTES

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


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    md = "md"
    tree = "tree"
    csv = "csv"
    source = "source"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


SMALL_BATCH = 8

EXTENSIONS = {"json": ".json", "jsonl": ".json", "text": ".txt", "md": ".md", "tree": ".txt", "csv": ".csv",
              "source": ".txt"}


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


def _fail(message: str) -> None:
    sys.stderr.write(f"govreport: {message}\n")


def _out_path(out: Path, item: Item, fmt: str, many: bool) -> Path:
    if not many and not out.is_dir():
        return out
    rel = Path(item.rel)
    return out / rel.with_suffix(EXTENSIONS[fmt])


class _Writer:
    """Writes outcomes to stdout or to files, with the framing each format needs."""

    def __init__(self, fmt: str, out: Path | None, many: bool, excel: bool) -> None:
        self.fmt, self.out, self.many, self.excel = fmt, out, many, excel
        self.count = 0

    def _stdout(self, data: str | bytes) -> None:
        """All data goes to stdout as UTF-8 through one binary stream, in the order written."""
        raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(raw.decode("utf-8", "replace"))
        else:
            stream.write(raw)

    def start(self) -> None:
        if self.out is not None:
            return
        if self.fmt == "csv":
            from .render import to_csv

            self._stdout(("\ufeff" if self.excel else "") + to_csv([], header=True))
        elif self.fmt == "json" and self.many:
            self._stdout("[\n")

    def write(self, outcome: Outcome) -> None:
        data = outcome.output if isinstance(outcome.output, bytes) else outcome.output.encode("utf-8", "replace")
        if self.fmt == "tree":
            data = self._tree(data.decode("utf-8")).encode("utf-8")
        if self.out is not None:
            self._to_file(outcome.item, data)
            return
        if self.fmt == "json":
            self._stdout((b",\n" if self.many and self.count else b"") + data + (b"" if self.many else b"\n"))
        elif self.fmt in ("text", "md", "source", "tree") and self.many:
            self._stdout(f"==> {outcome.item.shown} <==\n".encode() + data + b"\n")
        else:
            self._stdout(data)
        self.count += 1

    def error(self, outcome: Outcome) -> None:
        if self.fmt == "jsonl" and self.out is None:
            import json

            record = {"source": {"path": None if outcome.item.path == STDIN else outcome.item.shown},
                      "error": {"code": outcome.error_code, "message": outcome.error}}
            self._stdout(json.dumps(record, ensure_ascii=False) + "\n")

    def finish(self) -> None:
        if self.out is None and self.fmt == "json" and self.many:
            self._stdout("\n]\n")

    def _tree(self, report_json: str) -> str:
        from rich.console import Console

        from .models import Report
        from .render import to_tree

        console = Console(file=None, record=True, width=None if sys.stdout.isatty() else 100,
                          force_terminal=sys.stdout.isatty(), soft_wrap=False)
        with console.capture() as capture:
            console.print(to_tree(Report.model_validate_json(report_json)))
        return capture.get()

    def _to_file(self, item: Item, data: bytes) -> None:
        assert self.out is not None
        target = _out_path(self.out, item, self.fmt, self.many)
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt == "csv":
            from .render import to_csv

            data = (("\ufeff" if self.excel else "") + to_csv([], header=True)).encode("utf-8") + data
        target.write_bytes(data if data.endswith(b"\n") else data + b"\n")


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
        "--format", "-f", help="json (one document), jsonl (one per line; the default for several inputs), "
        "text, md, tree, csv (one row per metric) or source (the text that spans index).",
        show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", help="Write to this file; with several inputs, a directory mirroring their paths.")] = None,
    files_from: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--files-from", help="Read input paths from this list, one per line ('-' for stdin).")] = None,
    glob: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--glob", help="File name patterns to take from directories (repeatable).  [default: *.txt *.htm *.html]",
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
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
    items = list(expand(names, tuple(glob) if glob else DEFAULT_GLOBS))
    many = len(items) > 1 or any(os.path.isdir(n) for n in names if n != STDIN)
    fmt = (format.value if format else ("jsonl" if many else "json"))
    if output is not None and many and output.exists() and not output.is_dir():
        _fail(f"{output}: with several inputs --output must be a directory")
        raise typer.Exit(2)
    options = Options(fmt, encoding, None if input_format is InputFormat.auto else input_format.value,
                      max_bytes, indent or None)
    # by default a handful of documents is parsed in-process: starting workers would cost more
    workers = jobs or ((os.cpu_count() or 1) if len(items) >= SMALL_BATCH else 1)
    workers = min(workers, max(len(items), 1))
    raise typer.Exit(_run(items, options, workers, output, many, excel, quiet))


def _run(items: list[Item], options: Options, workers: int, output: Path | None, many: bool, excel: bool,
         quiet: bool) -> int:
    writer = _Writer(options.format, output, many, excel)
    progress = _progress(many and not quiet and sys.stderr.isatty())
    done = failed = warnings = 0
    import time

    started = time.monotonic()
    try:
        writer.start()
        if progress is not None:
            progress.start()
            task = progress.add_task("extract", total=len(items), rate="0.0", failed=0)
        for outcome in run_all(items, options, workers):
            if outcome.error is not None:
                failed += 1
                _fail(f"{outcome.item.shown}: {outcome.error}")
                writer.error(outcome)
            else:
                done += 1
                warnings += outcome.warnings
                writer.write(outcome)
            if progress is not None:
                rate = (done + failed) / max(time.monotonic() - started, 1e-6)
                progress.update(task, advance=1, rate=f"{rate:.1f}", failed=failed)
        writer.finish()
        sys.stdout.flush()
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        # the reader went away (… | head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        _fail(f"cannot write output ({exc.strerror or exc})")
        return 1
    finally:
        if progress is not None:
            progress.stop()
    if many and not quiet:
        seconds = time.monotonic() - started
        sys.stderr.write(f"govreport: {done} done, {failed} failed, {warnings} warnings in {seconds:.1f}s\n")
    return 1 if failed else 0


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
