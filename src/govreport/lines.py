"""The lines stage: the decoded text as ``Line``s, each with its exact span.

``split_lines`` splits the text at its line feeds and, in a line longer than ``LONG_LINE``, where the
scrape lost a paragraph break (an indentation run after text, or single spaces before numbered headings
and after sentence ends); ``split_where`` splits lines again where a later stage finds two paragraphs
glued into one (a signature glued to the body). No character is added or dropped.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from .records import Line
from .rules import Deferred
from .rules.markers import JOINED_HEAD
from .rules.punct import COLONS, SEMICOLONS, SENTENCE_OR_COLON

# In a long line, an indentation run (two ideographic spaces, or four NBSP/spaces) after text
# is where a scrape lost a paragraph break: ……工作。　　二、主要做法　　(一)……
_LOST_BREAK = Deferred("(?<=[^\\s\u3000\xa0])(?=\u3000\u3000|[\xa0 ]{4})")
LONG_LINE = 300


# A long line without indentation runs whose paragraphs the scrape joined with single spaces:
# ……专项应急预案。 附件:…… 1.总则 1.1目的依据 …: split at a space after a sentence end, or
# before a numbered heading, around a date standing alone (a signature), when the line has at
# least SPACE_BREAKS_MIN spaces before numbered headings
_MARKER_AHEAD = f"(?:{JOINED_HEAD}|[（(]?目[ 　]?[录錄][）)]?[ \xa0\u3000])"
_GAP = "[ \xa0\u3000]"
_SPACE_MARKER = Deferred(f"(?<=\\S)(?={_GAP}{_MARKER_AHEAD})")
_GLUED_MARKER = Deferred(f"(?<=[。{SEMICOLONS}{COLONS}])(?={_MARKER_AHEAD})")
_DATE_ALONE = f"(?:19|20)[0-9]{{2}}年[0-9]{{1,2}}月[0-9]{{1,2}}日{_GAP}"
_SPACE_BREAK = Deferred(
    f"(?<=[{SENTENCE_OR_COLON}）)”])(?={_GAP}\\S)"  # after a sentence end
    f"|(?<=\\S)(?={_GAP}{_MARKER_AHEAD})"  # before a numbered heading
    f"|(?<=\\S)(?={_GAP}(?:[^\\s]{{2,30}}{_GAP})?{_DATE_ALONE})"  # before a signature: issuer, date
    f"|(?:(?<=月[0-9]日)|(?<=月[0-9][0-9]日))(?={_GAP}\\S)")  # after it
SPACE_BREAKS_MIN = 4
TABLE_ROW_BARS = 3
"""Cell bars that make a long line one row of a flattened table (| a | b |), never joined paragraphs."""


def _cuts(chunk: str) -> list[int]:
    """Where a long line lost its paragraph breaks: indentation runs, else single spaces."""
    if "\u3000\u3000" in chunk or "\xa0\xa0\xa0\xa0" in chunk or "    " in chunk:
        return [m.start() for m in _LOST_BREAK.finditer(chunk)]
    if " " not in chunk and "\xa0" not in chunk and "\u3000" not in chunk:
        return []
    if chunk.count("|") + chunk.count("｜") >= TABLE_ROW_BARS:  # a table row's cells hold spaces, not paragraphs
        return []
    spaced = sum(1 for _ in _SPACE_MARKER.finditer(chunk))
    # a line whose markers mostly follow 。/： directly runs its items inline (一、……。二、……): not joined paragraphs
    if spaced < SPACE_BREAKS_MIN or spaced <= sum(1 for _ in _GLUED_MARKER.finditer(chunk)):
        return []
    return [m.start() for m in _SPACE_BREAK.finditer(chunk)]


COLUMN_LINES = 65_536
"""A page with more lines than this, averaging under ``COLUMN_CHARS`` characters, keeps them as ``LineColumns``
(offsets, each Line built when read) instead of a tuple of Lines: a Line costs about 200 bytes, which a page of short
lines (``a`` ×7M) multiplies into gigabytes."""
COLUMN_CHARS = 16
"""Lines of a page of prose average 40-100 characters: their Lines cost a few bytes per byte of the page, and reading
them as columns would only make the stages slower (about 1.4 times on a 13 MB page)."""


def split_lines(text: str) -> Sequence[Line]:
    """Split LF-normalised text into Lines with offsets.

    A line longer than ``LONG_LINE`` is also split where an indentation run follows text, so
    that pages scraped without line breaks still have paragraphs. Every Line keeps
    its exact span; no character is added or dropped. A page of more than ``COLUMN_LINES`` short lines
    gets the same lines as ``LineColumns``."""
    breaks = text.count("\n")
    if breaks >= COLUMN_LINES and len(text) < breaks * COLUMN_CHARS:
        return LineColumns.of(text)
    return tuple(Line.of(i, at, piece) for i, (at, piece) in enumerate(_pieces(text.split("\n"))))


def _pieces(chunks: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Each line's start and text, from the text's lines in order; a line longer than ``LONG_LINE`` is cut where
    it lost its paragraph breaks."""
    start = 0
    for chunk in chunks:
        cuts = _cuts(chunk) if len(chunk) > LONG_LINE else []
        if cuts:
            cut = 0
            for found in cuts:
                if found > cut:
                    yield start + cut, chunk[cut:found]
                    cut = found
            yield start + cut, chunk[cut:]
        else:
            yield start, chunk
        start += len(chunk) + 1


def _chunks(text: str) -> Iterator[str]:
    """The text's lines one at a time (``str.split`` would hold every one of a dense page's lines at once)."""
    start = 0
    while (nl := text.find("\n", start)) >= 0:
        yield text[start:nl]
        start = nl + 1
    yield text[start:]


def split_where(lines: Sequence[Line], cut_of: Callable[[Line], int]) -> Sequence[Line]:
    """The lines with each one that ``cut_of`` gives an offset into its text (0: none) split in two there,
    renumbered; every part keeps its exact span. The same sequence when nothing was split."""
    if isinstance(lines, LineColumns):
        return lines.split_where(cut_of)
    out: list[Line] = []
    changed = False
    for ln in lines:
        cut = cut_of(ln)
        if cut:
            out.append(Line.of(len(out), ln.start, ln.text[:cut]))
            out.append(Line.of(len(out), ln.start + cut, ln.text[cut:]))
            changed = True
        else:
            out.append(ln._replace(position=len(out)) if changed else ln)
    return tuple(out) if changed else lines


def _offsets(text: str) -> str:
    """The array type code that holds every offset into ``text``."""
    return "i" if len(text) < 2**31 else "q"


class LineColumns(Sequence[Line]):
    """The lines of a large page as columns of offsets into its text, each ``Line`` built when it is read.

    The same Lines, in the same order, as ``split_lines`` gives a smaller page (``tests/test_lines.py`` reads every
    fixture page both ways); a stage reads them as it reads a tuple: by index, slice, iteration and ``len``. A slice,
    and the ``select``ed lines a stage keeps (the body), are views over the same columns, their Lines keeping
    their ``position`` in the page. About 16 bytes a line instead of about 200."""

    __slots__ = ("_cols", "_rows", "_text")

    def __init__(self, text: str, cols: tuple[array[int], array[int], array[int], array[int]],
                 rows: range | array[int]) -> None:
        self._text = text
        self._cols = cols  # start, end, content_start, content_end
        self._rows = rows

    @classmethod
    def of(cls, text: str) -> LineColumns:
        """The lines of ``text``, split as ``split_lines`` splits them."""
        code = _offsets(text)
        cols = (array(code), array(code), array(code), array(code))
        for at, piece in _pieces(_chunks(text)):
            cls._add(cols, Line.of(0, at, piece))
        return cls(text, cols, range(len(cols[0])))

    @staticmethod
    def _add(cols: tuple[array[int], array[int], array[int], array[int]], line: Line) -> None:
        """Append a Line's offsets to the columns."""
        cols[0].append(line.start)
        cols[1].append(line.end)
        cols[2].append(line.content_start)
        cols[3].append(line.content_end)

    def _line(self, row: int) -> Line:
        starts, ends, heads, tails = self._cols
        start, end, head, tail = starts[row], ends[row], heads[row], tails[row]
        text = self._text[start:end]
        return Line(row, start, end, text, text if head == start and tail == end else self._text[head:tail], head,
                    tail)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Line: ...

    @overload
    def __getitem__(self, i: slice) -> LineColumns: ...

    def __getitem__(self, i: int | slice) -> Line | LineColumns:
        if isinstance(i, slice):
            return LineColumns(self._text, self._cols, self._rows[i])
        return self._line(self._rows[i])

    def __iter__(self) -> Iterator[Line]:
        text = self._text
        starts, ends, heads, tails = self._cols
        for row in self._rows:  # _line, inlined: every stage reads every line this way, several times
            start, end, head, tail = starts[row], ends[row], heads[row], tails[row]
            line = text[start:end]
            yield Line(row, start, end, line, line if head == start and tail == end else text[head:tail], head, tail)

    def __add__(self, other: LineColumns) -> LineColumns:
        if other._cols is not self._cols:
            return NotImplemented
        return LineColumns(self._text, self._cols, array("q", self._rows) + array("q", other._rows))

    def select(self, rows: array[int]) -> LineColumns:
        """The lines at these positions of the page, as a view over the same columns."""
        return LineColumns(self._text, self._cols, rows)

    def starts(self) -> array[int]:
        """Each line's ``start``, in order."""
        starts = self._cols[0]
        return array(starts.typecode, (starts[r] for r in self._rows))

    def split_where(self, cut_of: Callable[[Line], int]) -> LineColumns:
        """``split_where`` over the whole page's columns: the same object when nothing was split."""
        cuts = [(ln, cut) for ln in self if (cut := cut_of(ln))]
        if not cuts:
            return self
        code = _offsets(self._text)
        cols = (array(code), array(code), array(code), array(code))
        done = 0
        for ln, cut in cuts:
            for old, new in zip(self._cols, cols, strict=True):
                new.extend(old[done:ln.position])
            self._add(cols, Line.of(0, ln.start, ln.text[:cut]))
            self._add(cols, Line.of(0, ln.start + cut, ln.text[cut:]))
            done = ln.position + 1
        for old, new in zip(self._cols, cols, strict=True):
            new.extend(old[done:])
        return LineColumns(self._text, cols, range(len(cols[0])))


def select(lines: Sequence[Line], rows: array[int]) -> Sequence[Line]:
    """The lines at these positions of the page: a view when the page's lines are columns, else a tuple."""
    if isinstance(lines, LineColumns):
        return lines.select(rows)
    return tuple(lines[i] for i in rows)


def cut_out(lines: Sequence[Line], i: int, j: int) -> Sequence[Line]:
    """The lines without ``lines[i:j]``."""
    if isinstance(lines, LineColumns):
        return lines[:i] + lines[j:]
    return (*lines[:i], *lines[j:])


def starts_of(lines: Sequence[Line]) -> Sequence[int]:
    """Each line's ``start``, in order (an array for columns)."""
    if isinstance(lines, LineColumns):
        return lines.starts()
    return [ln.start for ln in lines]


JOIN_BATCH = 4096


def stripped_text(lines: Sequence[Line]) -> str:
    """The lines' stripped texts, one per line, joined a batch of lines at a time: a page of many short lines
    never holds every line's string at once."""
    return "\n".join(["\n".join([ln.stripped for ln in lines[i:i + JOIN_BATCH]])
                      for i in range(0, len(lines), JOIN_BATCH)])
