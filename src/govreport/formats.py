"""Output formats: one registry that the command line, the batch runner, the writer and the docs read.

A format is a name, the help the command line shows, the ending its result files get, how
several results share one stream (``framing``), and a renderer from one analysed document to
UTF-8 pieces. Adding a format is one entry here (and its renderer in ``render.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from .audit.index import CorpusIndex
    from .report_data import Analysed
    from .source import Source

Framing = Literal["array", "lines", "headed", "page"]
"""``array``: one JSON document alone, several as one JSON array; ``lines``: results one after
another (JSON Lines, CSV rows); ``headed``: several results each under a ``==> path <==`` line;
``page``: one document per output, so several go only to a directory."""


class RenderOptions(NamedTuple):
    """How a document is rendered: the json format's indentation (jsonl is always one line), and
    whether the reader is a terminal."""

    indent: int | None = 2
    tty: bool = False


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str
    help: str
    extension: str
    """The ending a result file gets after the input's own name in a directory (a.html → a.html.json); each
    format's own, so that two formats written into one directory never overwrite each other (json and
    jsonl share ``.json``: the same Report)."""
    framing: Framing
    render: Callable[[Analysed, Source, RenderOptions], Iterable[bytes]] | None
    """The analysed document (its Report's data, ``Analysed.report()``) as UTF-8 pieces; None for a format that
    needs only the decoded text (``render_text``), so that no analysis runs for it."""
    suffixes: tuple[str, ...] = ()
    """Endings of an --output FILE that choose this format when --format is not given."""
    records: bool = False
    """Whether an input that fails gets an error record in the output stream (machine formats)."""
    render_text: Callable[[Source, RenderOptions], Iterable[bytes]] | None = None
    """The decoded text alone as UTF-8 pieces, for a format whose ``render`` is None."""
    prologue: Callable[[bool], str] | None = None
    """What a stream or a result file starts with (CSV's header row), given whether Excel's BOM is wanted."""
    tables: bool = False
    """Written as tables, one file per table in an --output DIR (``table_files.py``), from the JSONL the
    workers render."""
    index: Callable[[Path], CorpusIndex] | None = None
    """In ``-o DIR/``: what lists every input's result in the directory (html's index.html)."""


def _utf8(text: str) -> Iterator[bytes]:
    yield text.encode("utf-8", "replace")


def _json(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from .json_writer import json_pieces

    return json_pieces(doc, style.indent)  # each outline node's data built as it is written


def _jsonl(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from itertools import chain

    from .json_writer import json_pieces

    return chain(json_pieces(doc, None), (b"\n",))


def _text(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    text = doc.partial["text"]
    return _utf8(text + "\n" if text else "")


def _md(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from .render import to_markdown

    return _utf8(to_markdown(doc.report()))


def _tree(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from .render import tree_text

    return _utf8(tree_text(doc.report(), style.tty))


def _csv(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from .render import csv_rows, to_csv

    return _utf8(to_csv(csv_rows(doc.report()), header=False))


def _csv_header(excel: bool) -> str:
    from .render import to_csv

    return ("\ufeff" if excel else "") + to_csv([], header=True)


def _source(source: Source, style: RenderOptions) -> Iterable[bytes]:
    text = source.text
    return _utf8(text + ("\n" if text and not text.endswith("\n") else ""))


def _html(doc: Analysed, source: Source, style: RenderOptions) -> Iterable[bytes]:
    from .audit.page import render_page

    return render_page(doc.report(), source.text)


def _html_index(out: Path) -> CorpusIndex:
    from .audit.index import CorpusIndex

    return CorpusIndex(out)


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("json", "one document; several as a JSON array", ".json", "array", _json,
                 (".json",), records=True),
    OutputFormat("jsonl", "one per line; the default for several inputs", ".json", "lines", _jsonl,
                 (".jsonl", ".ndjson"), records=True),
    OutputFormat("text", "the body text", ".text.txt", "headed", _text, (".txt",)),
    OutputFormat("md", "the outline as Markdown, with references, warnings and what was removed", ".md", "headed",
                 _md, (".md",)),
    OutputFormat("tree", "the outline as a tree, then the signature, removals and warnings", ".tree.txt", "headed",
                 _tree),
    OutputFormat("csv", "one row per metric", ".csv", "lines", _csv, (".csv",), prologue=_csv_header),
    # source keeps the plain .txt (a.html.txt beside a.html.json, as scripts that read spans expect); text and tree
    # carry their own endings, so the three never overwrite each other in one directory
    OutputFormat("source", "the text that spans index", ".txt", "headed", None, render_text=_source),
    OutputFormat("tables", "every table (documents, nodes, metrics, refs, fields, warnings, removed, errors) as "
                 "CSV, one file each in -o DIR/", "", "lines", _jsonl, tables=True),
    OutputFormat("parquet", "the same tables as Parquet, one file each in -o DIR/ (extra: parquet)", "", "lines",
                 _jsonl, tables=True),
    OutputFormat("html", "an audit page: the extraction drawn over the page's own text; -o DIR/ adds index.html",
                 ".html", "page", _html, (".html", ".htm"), index=_html_index),
)}

BY_SUFFIX = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}
"""An --output FILE's ending → the format it chooses."""


def format_help() -> str:
    """The --format help: every format with what it gives."""
    return ", ".join(f"{f.name} ({f.help})" for f in FORMATS.values()) + "."
