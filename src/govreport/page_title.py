"""The page's title: which line of the head it is, the block of lines it spans, and what is glued to it.

``pick_title`` chooses among the unclassified head lines by title words, length, nearness to the
body and agreement with the page's ArticleTitle; ``read_title`` joins the lines of a title written
over several lines and takes off what is no part of it (Markdown, a portal column name, a document
number glued to it), or gives the promulgated document's title for an order (国务院令 第660号).
"""

from __future__ import annotations

from collections.abc import Sequence

from .dates import is_date_line
from .lineclass import SENTENCE_PUNCT
from .pattern_cache import compiled
from .records import WHITESPACE, Line
from .rules import HAN
from .rules.lines import (
    ABOUT_WORD,
    BYLINE,
    COLUMN_DASH,
    DOC_NUMBER,
    DOC_PREFIX,
    DOC_SUFFIX,
    HEADING_LINE,
    NO_WORDS,
    ORDER_COUNTRY,
    ORDER_HEAD,
    ORDER_NUMBER,
    ORG_SUFFIX,
    PROMULGATION,
    SUBTITLE,
    TITLE_END,
    TITLE_WORDS,
    TRAILING_CELLS,
)
from .rules.punct import COLONS, COMMAS, SEMICOLONS

DocNumber = tuple[str, tuple[int, int]]
"""A document number as found: its text and span."""


def _title_score(text: str, distance: int) -> float:
    stripped = text.strip(WHITESPACE)
    score = 3.0 if TITLE_WORDS.search(stripped) else 0.0
    score += min(len(stripped), 30) / 10
    if SENTENCE_PUNCT.search(stripped[-1:]):
        score -= 2
    return score - 0.2 * distance


# a header field the table does not know, with a short value (保密审查情况:已审查)
_LABEL_VALUE = compiled(f"^[^{COLONS}。{COMMAS}{SEMICOLONS}\\s]{{2,16}}[{COLONS}]\\s*+\\S{{1,12}}$")


def _never_title(text: str) -> bool:
    stripped = text.strip(WHITESPACE)
    return bool(BYLINE.match(stripped) or _LABEL_VALUE.match(stripped))


_BRACKET_LEAD = compiled(rf"\[{HAN}[^\]\n]{{0,120}}\]")


def _is_title_candidate(text: str) -> bool:
    whole = text.strip(WHITESPACE)
    stripped = TRAILING_CELLS.sub("", whole)
    if not 2 <= len(stripped) <= 100 or SUBTITLE.match(stripped) or DOC_NUMBER.match(stripped):
        return False
    inner = stripped.count("|") + stripped.count("｜")  # a row of a flattened table: 文件类别 | 决定 |
    if inner >= 2 or (inner and stripped != whole):
        return False
    if _BRACKET_LEAD.match(stripped):  # [投標廠商1], [甲]一[乙]二: a record's labels, never its title
        return False
    return is_date_line(stripped) is None and not _never_title(stripped) \
        and not NO_WORDS.match(stripped) and not HEADING_LINE.match(stripped)  # a rule of *, a chapter heading

def pick_title(lines: Sequence[Line], kinds: list[str], hint_title: str | None, site: str | None) -> int | None:
    """The line that is the title: title words and length count, nearness to the body, and agreement
    with the page's ArticleTitle; a line that only names the site does not."""
    candidates = [i for i, k in enumerate(kinds) if k == "other" and _is_title_candidate(lines[i].text)]
    if not candidates:  # a page whose title line is missing has no title, never a subtitle or byline
        return None
    after = [0] * (len(kinds) + 1)  # non-blank lines below each line, counted once from the bottom
    for i in range(len(kinds) - 1, -1, -1):
        after[i] = after[i + 1] + (kinds[i] != "blank")
    nonblank_after = {i: after[i + 1] for i in candidates}
    hint = "".join((hint_title or "").split())
    site_name = "".join((site or "").split())

    def score(i: int) -> float:
        bonus = 0.0
        compact = "".join(lines[i].stripped.split())
        if hint and compact and (compact == hint or (len(compact) >= 6 and compact in hint)):
            bonus = 10.0
        if site_name and compact == site_name:
            bonus -= 10.0
        return _title_score(lines[i].text, nonblank_after[i]) + bonus

    return max(candidates, key=lambda i: (score(i), i))


TITLE_PART_MAX = 60


def _title_part(lines: Sequence[Line], kinds: list[str], i: int) -> bool:
    """Line ``i`` can belong to a title block: an unclassified short line without sentence punctuation."""
    if not 0 <= i < len(kinds) or kinds[i] != "other":
        return False
    text = lines[i].stripped
    return len(text) <= TITLE_PART_MAX and not SENTENCE_PUNCT.search(text) and DOC_NUMBER.match(text) is None \
        and is_date_line(text) is None


def _neighbour(kinds: list[str], i: int, step: int) -> int:
    """The next non-blank line index from ``i`` in direction ``step`` (may be out of range)."""
    i += step
    while 0 <= i < len(kinds) and kinds[i] == "blank":
        i += step
    return i


def _title_line(lines: Sequence[Line], kinds: list[str], title_at: int, declared: tuple[str, ...] = ()) -> Line:
    """The whole title block joined across its line breaks: the issuer line above a 关于…… line
    (舟山市人民政府办公室 / 关于……的通知), lines of one title broken before its document type
    (关于印发……法治政府建设 / 工作安排的通知), and lines above it that, joined to it, are part of the
    title the page declares (its 标题 field or HTML title: 国务院办公厅对全国政协十届三次会议 / 第2741号提案的答复)."""
    top = bottom = title_at
    below = _neighbour(kinds, bottom, 1)
    for _ in range(3):  # the title continues until its document type closes it
        if TITLE_END.search(lines[bottom].stripped) or not _title_part(lines, kinds, below):
            break
        bottom, below = below, _neighbour(kinds, below, 1)
    if not TITLE_END.search(lines[bottom].stripped):
        bottom = title_at
    if not ABOUT_WORD.search(lines[top].stripped):  # the 关于 clause began up to three lines above
        above = top
        for _ in range(3):
            above = _neighbour(kinds, above, -1)
            if not _title_part(lines, kinds, above) or TITLE_END.search(lines[above].stripped):
                break
            if ABOUT_WORD.search(lines[above].stripped):
                top = above
                break
    above = _neighbour(kinds, top, -1)  # the issuer above 关于……: 舟山市人民政府办公室 / 关于……的通知
    if _title_part(lines, kinds, above) and ABOUT_WORD.match(lines[top].stripped) \
            and ORG_SUFFIX.search(lines[above].stripped) and len(lines[above].stripped) <= 40:
        top = above
    above = _neighbour(kinds, top, -1)
    for _ in range(3 if declared else 0):
        if not _title_part(lines, kinds, above):
            break
        block = "".join("".join(lines[i].stripped.split()) for i in range(above, bottom + 1) if kinds[i] != "blank")
        if not any(block in title for title in declared):
            break
        top, above = above, _neighbour(kinds, above, -1)
    if top == bottom:
        return lines[title_at]
    for i in range(top, bottom + 1):
        if i != title_at and kinds[i] == "other":
            kinds[i] = "title-part"
    first, last = lines[top], lines[bottom]
    text = "\n".join(ln.text for ln in lines[top:bottom + 1])
    joined = "".join(ln.stripped for ln in lines[top:bottom + 1])
    return Line(first.position, first.start, last.end, text, joined, first.content_start, last.content_end)




_MARKDOWN_TITLE = compiled(r"^#{1,6}+[ \t\u3000]*+(?:\*\*|__)?+|^(?:\*\*|__)|(?:\*\*|__)$")
"""What a Markdown scrape writes around a title line (# 标题, **标题**): not part of the title."""


def _trimmed(title: Line) -> Line:
    """The title without Markdown around it (# 某某报告), without the empty cells a flattened table left
    after it (某某年度报告 | | |) and
    without a portal column name joined to it by a dash (应急预案—某市突发公共事件总体应急预案)."""
    text = _MARKDOWN_TITLE.sub("", TRAILING_CELLS.sub("", title.stripped)) or title.stripped
    column = COLUMN_DASH.match(text)
    rest = text[column.end():] if column is not None else ""
    # what follows the dash is a title of its own, not a speech's subtitle (某某报告——在某会议上的讲话)
    if column is not None and TITLE_END.search(rest) and not rest.startswith("在") \
            and not ABOUT_WORD.search(column.group("column")):
        text = rest
    return title if text == title.stripped else title._replace(stripped=text)


def _unglued(title: Line) -> tuple[Line, DocNumber | None]:
    """The title without a document number glued in front (鲁政发〔2014〕20号《……意见》) or after it in
    brackets (……的通知（某政发〔2024〕12号）), and that number, the page's document number; a title
    left wholly inside 《》 loses the marks."""
    after = DOC_SUFFIX.search(title.stripped)
    if after is not None and after.start() >= 4:
        end = title.content_end - (len(title.stripped) - after.end("n"))  # the number closes the title's last line
        number = after.group("n")
        return title._replace(stripped=title.stripped[:after.start()]), (number, (end - len(number), end))
    glued = DOC_PREFIX.match(title.stripped)
    if glued is None:
        return title, None
    rest = title.stripped[glued.end():]
    if rest.startswith("《") and rest.endswith("》") and rest.count("《") == 1:
        rest = rest[1:-1]
    if len(rest) < 4:
        return title, None
    start = title.content_start
    return title._replace(stripped=rest), (glued.group("n"), (start, start + len(glued.group("n"))))


def _promulgated(lines: Sequence[Line], kinds: list[str], title_at: int, first_body: int
                 ) -> tuple[Line, DocNumber] | None:
    """An order or announcement that promulgates a document (中华人民共和国国务院令 / 第660号 / 《存款保险条例》
    已经……通过，现予公布): the document's own title, and the order's number with its organ, as the page
    writes them (国务院令 第660号; the country before the organ dropped)."""
    head = lines[title_at]
    order = ORDER_HEAD.match(head.stripped)
    if order is None:
        return None
    if order.group("n"):
        number = ORDER_COUNTRY.sub("", head.stripped)
        span = (head.content_start + (len(head.stripped) - len(number)), head.content_end)
    else:
        below = _neighbour(kinds, title_at, 1)
        if not (below < first_body and kinds[below] == "other" and ORDER_NUMBER.match(lines[below].stripped)):
            return None
        number = f"{ORDER_COUNTRY.sub('', head.stripped)} {lines[below].stripped}"
        span = (head.content_start + len(head.stripped) - len(ORDER_COUNTRY.sub('', head.stripped)),
                lines[below].content_end)
    for ln in lines[first_body:first_body + 6]:
        said = PROMULGATION.match(ln.stripped)
        if said is None:
            continue
        name = said.group("t")
        own = next((x for x in lines[ln.position + 1:] if "".join(x.stripped.split()) == "".join(name.split())), None)
        at = ln.content_start + said.start("t")
        return (own if own is not None else Line.of(ln.position, at, name)), (number, span)
    return None


def read_title(lines: Sequence[Line], kinds: list[str], title_at: int, first_body: int,
               declared: tuple[str, ...] = ()) -> tuple[Line, DocNumber | None]:
    """The title that line ``title_at`` begins, as the Report gives it (the promulgated document's own
    title, or the title block without Markdown, a column name or a glued document number), and the
    document number found with it; lines of a title block become ``title-part`` in ``kinds``."""
    return _promulgated(lines, kinds, title_at, first_body) \
        or _unglued(_trimmed(_title_line(lines, kinds, title_at, tuple("".join(t.split()) for t in declared if t))))
