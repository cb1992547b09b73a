"""Internal records passed between pipeline stages (frozen, slotted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from .report_data import ErrorRecordData, GeneratorData, PathData

SCHEMA_VERSION: Final = "1"
"""The Report contract's version (spec/output.md); models.py and the pipeline's data both carry it."""


def generator() -> GeneratorData:
    """Which program wrote a Report: ``{"name": "govreport", "version": …}``, in every Report."""
    from . import __version__

    return {"name": "govreport", "version": __version__}


STDIN_NAME: Final = "-"
"""Standard input's path in every output that needs one (tables, CSV, messages), unless --stdin-name names it."""


def path_bytes(path: str) -> bytes:
    """A path's bytes as the file system holds them (undecodable bytes come in as surrogate escapes)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file system produced: kept as written
        return path.encode("utf-8", "surrogatepass")


def shown_path(path: str) -> str:
    """A path as valid Unicode: each byte of the name that is not UTF-8 is written ``\\xNN``
    (``\\xb9\\xa4.txt``): readable, and two GBK names never print alike as they do with U+FFFD."""
    return path_bytes(path).decode("utf-8", "backslashreplace")


def path_fields(path: str | None) -> PathData:
    """``source.path``, and ``source.path_bytes`` (base64 of the exact bytes) when the path is not UTF-8.

    JSON readers such as DuckDB and pandas reject lone surrogates, so a file name in GBK bytes is
    never written as one: ``path`` is its readable ``\\xNN`` spelling and ``path_bytes`` the file
    system's bytes, lossless (``base64.b64decode`` gives what ``open`` takes)."""
    if path is None:
        return {"path": None}
    raw = path_bytes(path)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        import base64

        return {"path": raw.decode("utf-8", "backslashreplace"), "path_bytes": base64.b64encode(raw).decode("ascii")}
    return {"path": path}


def error_record(path: str | None, code: str, message: str) -> ErrorRecordData:
    """What the output carries for an input that could not be parsed (``models.ErrorRecord``'s shape)."""
    return {"source": path_fields(path), "error": {"code": code, "message": message}}


class Line(NamedTuple):
    """One line of the decoded text. ``start``/``end`` index the text; ``end`` excludes the newline.

    A named tuple rather than a frozen dataclass: documents have many lines, and a tuple is
    built about three times faster."""

    position: int
    """Its index in the page's lines, from 0 (``lines[ln.position + 1]`` is the line below); a stage that splits
    a line in two (``lines.split_where``) numbers the lines again."""
    start: int
    end: int
    text: str
    stripped: str = ""
    """The text without leading and trailing white space (NBSP and ideographic space included)."""
    content_start: int = 0
    """Offset of the first non-blank character (``end`` for a blank line)."""
    content_end: int = 0
    """Offset just after the last non-blank character (``end`` for a blank line)."""

    @classmethod
    def of(cls, position: int, start: int, text: str) -> Line:
        stripped = text.strip(WHITESPACE)
        end = start + len(text)
        if not stripped:
            return cls(position, start, end, text, "", end, end)
        if stripped is text:  # nothing to strip: the offsets are the line's own (shared, not copied: big pages)
            return cls(position, start, end, text, text, start, end)
        lead = len(text) - len(text.lstrip(WHITESPACE))
        return cls(position, start, end, text, stripped, start + lead, start + lead + len(stripped))


WARNINGS: dict[str, str] = {
    "date-repaired": "a damaged date was read with a repair (2020年1229 → 2020-12-29)",
    "date-undecided": "a date whose ISO form cannot be decided (iso is null)",
    "date-invalid": "a date that is not a calendar date (2月30日)",
    "doc-number-damaged": "a document number that lost its closing 〕 or 号 (牟政办发〔201746), kept as written",
    "numbering-gap": "a numbered run skips, restarts or starts past 1",
    "marker-inferred": "a node whose marker the page lost, recovered from its siblings",
    "marker-damaged": "a marker that lost its punctuation (十  進行… between 九、 and 十一、), read as its number",
    "heading-unplaced": "a short line that opens with a strong heading marker (第一条, 一、, (一) …) and is no node",
    "toc-suspect": "a run of headings that comes again later in the outline: a table of contents kept as outline?",
    "outline-too-deep": "headings that would nest deeper than 32 levels, placed at level 32 (no real document does)",
    "decode-replaced": "undecodable byte sequences became U+FFFD",
    "decode-truncated": "the input stops inside its last character (a cut page)",
    "encoding-suspect": "a forced --encoding leaves no Chinese character in a page of non-ASCII bytes",
    "html-flattened": "HTML nested too deeply to parse was stripped flat",
    "empty-input": "the input holds no text",
}
"""Every warning code a Report can carry, with what it means: the one list that stages raise from
and the README's table is generated from."""


ERRORS: dict[str, str] = {
    "unreadable": "the path cannot be opened or read: missing, a directory, no permission, a FIFO, a broken link",
    "binary-input": "the bytes are not text: a PDF, Word or zip file, an image, NUL bytes",
    "decode-error": "the bytes cannot be decoded with the --encoding that was forced",
    "too-large": "the input is over --max-bytes, or needs more memory than there is",
    "too-deep": "the document nests too deeply to process",
    "input-error": "the input cannot be read as a document for another reason, given in the message",
    "timeout": "the document took longer than --timeout seconds in a worker",
    "worker-died": "the worker process parsing it died twice (the OOM killer, a signal)",
    "output-error": "its result could not be written (a path collision, a link, an unwritable directory)",
    "internal-error": "govreport itself failed on it: a bug, to report with the file",
    "error": "a failure with no more specific code",
}
"""Every error code an error record can carry, with when: the schema's enum and the README's table
are generated from it."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A warning found by a stage: a ``code`` of ``WARNINGS``, one English sentence, optional span."""

    code: str
    message: str
    span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.code not in WARNINGS:
            raise ValueError(f"unknown warning code {self.code!r}; add it to records.WARNINGS")


class DateFound(NamedTuple):
    raw: str
    iso: str | None
    span: tuple[int, int]
    repaired: bool = False
    issue: Issue | None = None


REMOVAL_RULES: dict[str, str] = {
    "navigation-cue": "a navigation cue matched the line (当前位置, 首页 >, 欢迎访问 …: rules/cues.py)",
    "crumb-under-position": "a breadcrumb line under a bare 当前位置：",
    "above-title": "a short line above the title, in the page's head",
    "header-field": "a header field (发布日期：…, 来源：…, 索引号 …: rules/fields.py)",
    "value-under-label": "the value of a header label that stands alone on the line above",
    "value-row": "a header-table row of values under its row of labels (索引号 | 文号 | 日期)",
    "widget-cue": "a page widget (打印, 关闭, 字号, 分享 …: rules/cues.py)",
    "empty-cells": "a line of empty table cells (| | |) a flattened table left behind",
    "page-number": "a page number an export left on a line of its own between two pages (— 3 —)",
    "footer-cue": "a footer cue (主办单位, ICP备, 网站地图 …: rules/cues.py)",
    "title": "the title line (it is meta.title)",
    "title-block": "a line of a title written over several lines",
    "under-title": "a short line between the title and the body",
    "doc-number": "the document number under the title (舟科〔2020〕15号)",
    "subtitle": "the subtitle under the title (——在……会议上的讲话, （2021年1月15日）)",
    "bare-date": "a date alone under the title (it gives meta.published)",
    "toc-headed": "a table of contents under 目录",
    "toc-repeated": "an unheaded table of contents whose entries the body repeats",
    "toc-leaders": "an unheaded table of contents set with dot leaders and page numbers (the body may be cut off)",
    "tail-field": "a field below the body (责任编辑：…, 发布日期：…)",
    "below-footer": "a line after the footer started",
    "signature-note": "a note under the signature (（此件公开发布）, 抄送：…)",
}
"""Every rule that removes a stretch, with what it means: ``removed[].rule`` in a Report is one of
these, and the README's table is generated from it."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A removed stretch: ``kind`` says what it is (navigation, header, title, widget, footer …),
    ``rule`` which rule of ``REMOVAL_RULES`` removed it."""

    kind: str
    span: tuple[int, int]
    text: str
    rule: str

    def __post_init__(self) -> None:
        if self.rule not in REMOVAL_RULES:
            raise ValueError(f"unknown removal rule {self.rule!r}; add it to records.REMOVAL_RULES")


HeaderField = tuple[str, str, tuple[int, int]]
"""A header field as found: its label as written, its value, and the span of the value."""


# white space as portals use it: ASCII, NBSP, ideographic space, zero-width and BOM
WHITESPACE = (" \t\n\r\f\v\xa0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
              "\u200b\u202f\u205f\ufeff")


class Evidence(NamedTuple):
    """What a page says about itself besides its text: returned with the decoded text, read by
    classification (the title hint) and by ``meta.decide``."""

    page_title: str | None = None
    """The HTML <title> as written (portals append the site name)."""
    article_title: str | None = None
    """<meta name=ArticleTitle>."""
    site: str | None = None
    """<meta name=SiteName>: a line that only names the site is not the title."""
    published: str | None = None
    """<meta name=PubDate> as written; it counts only where the page shows the same date."""
    source: str | None = None
    """<meta name=ContentSource>."""
    author: str | None = None
    """<meta name=Author>."""
