"""The words of a heading: on its marker's line up to the first sentence end, or the short line below a
marker that stands alone."""

from __future__ import annotations

from collections.abc import Sequence

from .marker_candidates import SENTENCE, TRAILING, Marker, table_row
from .pattern_cache import compiled
from .records import WHITESPACE, Line
from .rules import HAN, HAN_CHARS
from .rules.markers import MARKDOWN_CLOSE


def title_of(marker: Marker, line: Line, next_start: int | None) -> tuple[str, tuple[int, int]]:
    """The heading words after a marker: up to the first sentence end or the next marker."""
    text = line.text
    begin = marker.end - line.start
    while begin < len(text) and text[begin] in WHITESPACE + ":：":
        begin += 1
    if text.startswith(("**", "__"), begin):  # **第一条** 为了……: the bold around the marker closes after it
        begin += 2
        while begin < len(text) and text[begin] in WHITESPACE + ":：":
            begin += 1
    stop = len(text)
    if next_start is not None and line.start <= next_start < line.start + stop:
        stop = max(next_start - line.start, begin)
    found = SENTENCE.search(text, begin, stop)  # searched only up to the next marker: linear per line
    while found is not None and text[found.start()] == ";" \
            and _ENTITY.search(text, max(begin, found.start() - 9), found.end()):  # &rarr; in a scraped page
        found = SENTENCE.search(text, found.end(), stop)
    if found is not None:
        stop = found.start()
    # 1.1目的依据 提高政府……: a lost break ends the heading (an item's too where the scrape kept the break's
    # spaces as entities: 心聲&ensp;&ensp;當孩子……)
    entity = text.find("&", begin, stop) >= 0
    gap = _TITLE_GAP.search(text, begin, stop) if marker.kind == "heading" or entity else None
    if gap is not None and stop - gap.end() >= _GAP_REST and (marker.kind == "heading" or "&" in gap.group(0)):
        stop = gap.start()
    title = text[begin:stop].rstrip(TRAILING + MARKDOWN_CLOSE).rstrip(TRAILING)
    return title, (line.start + begin, line.start + begin + len(title))


_ENTITY = compiled(r"&(?:[A-Za-z]{2,8}+|#[0-9]{2,6}+|#[xX][0-9A-Fa-f]{2,5}+);$")
"""An HTML entity a text scrape kept as written (&mdash;, &#8220;): its ; ends no sentence."""
TITLE_BELOW_MAX = 30
# a space between two Han characters after at least two heading words, with a sentence's worth after it
_TITLE_GAP = compiled(f"(?<={HAN}[{HAN_CHARS}）)])(?:[ \xa0\u3000]|&(?:ensp|emsp|nbsp|thinsp|#160|#12288);)++(?={HAN})")
_GAP_REST = 12


def title_below(marker: Marker, body: Sequence[Line], following: Marker | None) -> tuple[str, tuple[int, int]] | None:
    """A marker alone on its line (一、 / 总体情况) takes the next line as its title when that line
    is a short heading line: no sentence end, no marker of its own."""
    if marker.body_line + 1 >= len(body) or (following is not None and following.body_line == marker.body_line + 1):
        return None
    below = body[marker.body_line + 1]
    text = below.stripped.rstrip(TRAILING)
    if not text or len(below.stripped) > TITLE_BELOW_MAX or SENTENCE.search(below.stripped) \
            or table_row(text):
        return None
    return text, (below.content_start, below.content_start + len(text))
