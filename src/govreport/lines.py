"""The lines stage: the decoded text as ``Line``s, each with its exact span.

``split_lines`` splits the text at its line feeds and, in a line longer than ``LONG_LINE``, where the
scrape lost a paragraph break (an indentation run after text, or single spaces before numbered headings
and after sentence ends); ``split_where`` splits lines again where a later stage finds two paragraphs
glued into one (a signature glued to the body). No character is added or dropped.
"""

from __future__ import annotations

from collections.abc import Callable

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


def split_lines(text: str) -> tuple[Line, ...]:
    """Split LF-normalised text into Lines with offsets.

    A line longer than ``LONG_LINE`` is also split where an indentation run follows text, so
    that pages scraped without line breaks still have paragraphs. Every Line keeps
    its exact span; no character is added or dropped."""
    lines: list[Line] = []
    start = 0
    for chunk in text.split("\n"):
        cuts = _cuts(chunk) if len(chunk) > LONG_LINE else []
        if cuts:
            cut = 0
            for found in cuts:
                if found > cut:
                    lines.append(Line.of(len(lines), start + cut, chunk[cut:found]))
                    cut = found
            lines.append(Line.of(len(lines), start + cut, chunk[cut:]))
        else:
            lines.append(Line.of(len(lines), start, chunk))
        start += len(chunk) + 1
    return tuple(lines)


def split_where(lines: tuple[Line, ...], cut_of: Callable[[Line], int]) -> tuple[Line, ...]:
    """The lines with each one that ``cut_of`` gives an offset into its text (0: none) split in two there,
    renumbered; every part keeps its exact span. The same tuple when nothing was split."""
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
