"""The top of a page: navigation, header fields, the title (chosen and read by ``page_title.py``), and where the
body starts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .dates import is_date_line, parse_date
from .lineclass import (
    SENTENCE_PUNCT,
    field_items,
    is_body_like,
    is_footer,
    is_navigation,
    is_widget,
    starts_with_label,
    table_cells,
    table_row_items,
)
from .page_title import DocNumber, pick_title, read_title
from .pattern_cache import compiled
from .records import WHITESPACE, HeaderField, Line, Stretch
from .rules import HAN
from .rules.cues import HOME_SPACE, POSITION
from .rules.fields import DATE_LABEL_WORDS, is_title_label
from .rules.lines import (
    ABOUT_WORD,
    DOC_NUMBER,
    DOC_NUMBER_DAMAGED,
    HEADING_LINE,
    ORDER_HEAD,
    ORDER_NUMBER,
    SUBTITLE,
    TOC_HEAD,
)
from .rules.markers import BY_ID, DECIMAL_BARE, DECIMAL_BARE_STYLE
from .rules.numerals import to_int
from .rules.punct import STOPS

_CRUMB_SPLIT = compiled(r"[>＞»›→]")
_CRUMB_SLASH = compiled(r"\s*+[/／\\]\s*+")


def _breadcrumb(lines: Sequence[Line]) -> list[str]:
    """The navigation path: the 当前位置 line and its continuation lines, else the first 首页 > … line."""
    start = next((i for i, ln in enumerate(lines) if POSITION.search(ln.stripped)), None)
    if start is None:
        start = next((i for i, ln in enumerate(lines) if _CRUMB_SPLIT.search(ln.stripped)), None)
        if start is None:
            return []
    if _CRUMB_SPLIT.match(lines[start].stripped) and start > 0 \
            and lines[start - 1].position == lines[start].position - 1 \
            and len(lines[start - 1].stripped) <= 10:  # 首页 / > 要闻 / > 山西要闻
        start -= 1
    picked = [lines[start]]
    bare = not POSITION.sub("", lines[start].stripped).strip(WHITESPACE)  # 当前位置： with crumbs below it
    for ln in lines[start + 1:]:
        if ln.position != picked[-1].position + 1 or not (bare or _CRUMB_SPLIT.match(ln.stripped)):
            break
        picked.append(ln)
    crumbs: list[str] = []
    for ln in picked:
        text = POSITION.sub("", ln.stripped)
        splitter = _CRUMB_SPLIT if _CRUMB_SPLIT.search(text) else _CRUMB_SLASH
        crumbs.extend(p.strip(WHITESPACE + "-－–—|｜") for p in splitter.split(text))  # 首页-> leaves 首页-
    out: list[str] = []
    for crumb in crumbs:  # the home link set apart by a space only: 首页 预决算 > … is two crumbs
        home = HOME_SPACE.match(crumb)
        out.extend((home.group(1), crumb[home.end():]) if home else (crumb,))
    return [c for c in out if c]


def _crumbs_below(lines: Sequence[Line], kinds: list[str], why: dict[int, str]) -> None:
    """Crumbs rendered one per line under a bare 当前位置： line are navigation too."""
    for i, kind in enumerate(kinds):
        if kind != "navigation" or not POSITION.search(lines[i].stripped):
            continue
        if POSITION.sub("", lines[i].stripped).strip(WHITESPACE):
            continue
        j = i + 1
        marked: list[int] = []
        while j < len(kinds) and j - i <= 12 and kinds[j] in ("other", "navigation") \
                and len(lines[j].stripped) <= 10 and not SENTENCE_PUNCT.search(lines[j].stripped):
            if kinds[j] == "other":
                marked.append(j)
                why[j] = "crumb-under-position"
            kinds[j] = "navigation"
            j += 1
        if marked and "other" not in kinds[j:]:  # the last short line was the title
            kinds[marked[-1]] = "other"
            del why[marked[-1]]


Fields = list[HeaderField]

# the cue behind each kind of head line (Stretch.rule), unless a later step says otherwise
_RULE = {"navigation": "navigation-cue", "header": "header-field", "widget": "widget-cue", "footer": "footer-cue"}


class Head(NamedTuple):
    """What the lines before the body hold."""

    body_start: int
    """Index of the first body line."""
    title: Line | None
    fields: tuple[HeaderField, ...]
    bare_date: tuple[str, tuple[int, int]] | None
    """The first date alone on its line under the title (no label) and its span."""
    doc_number: tuple[str, tuple[int, int]] | None
    breadcrumb: tuple[str, ...]
    removed: tuple[Stretch, ...]


def _kind(line: Line, found: dict[int, Fields]) -> str:
    """What a head line is; a header line's fields are kept in ``found`` under its number."""
    if not line.stripped:
        return "blank"
    if is_navigation(line) and not starts_with_label(line):  # 法規類別：法律 / 行政 > 某部 is a field
        return "navigation"
    items = field_items(line)
    if items:
        found[line.position] = items
        return "header"
    if is_widget(line):
        return "widget"
    if is_footer(line):
        return "footer"
    return "other"


_DOC_HEAD = compiled(rf"{HAN}{{1,5}}")



_STAMP_REST = compiled(r"[\s\u3000\xa0|｜/]+\S")


def _stamp(line: Line) -> tuple[str, tuple[int, int]] | None:
    """The date of a news page's timestamp line under its title, a date and time then a short name with no
    label (2021-06-01 10:20 | 某区融媒体中心): the date and time with their span, or None."""
    stripped = line.stripped
    found = parse_date(stripped)
    if found is None or found.span[0] != 0 or found.iso is None or len(found.iso) < 10:
        return None
    rest = stripped[len(found.raw):]
    if not _STAMP_REST.match(rest) or len(rest) > 30 or SENTENCE_PUNCT.search(rest):
        return None
    return found.raw, (line.content_start, line.content_start + len(found.raw))


def _record(lines: Sequence[Line], kinds: list[str], why: dict[int, str], title_at: int | None,
            found: dict[int, Fields], doc_number: DocNumber | None
            ) -> tuple[Fields, tuple[str, tuple[int, int]] | None, DocNumber | None, list[Stretch]]:
    """Header fields, the first bare date, the document number and the removed stretches of the head's lines."""
    fields: Fields = []
    bare_date: tuple[str, tuple[int, int]] | None = None
    removed: list[Stretch] = []
    for i, kind in enumerate(kinds):
        ln = lines[i]
        if kind == "blank":
            continue
        rule = why.get(i) or _RULE.get(kind, "")
        if i == title_at or kind == "title-part":
            kind, rule = "title", "title" if i == title_at else "title-block"
        elif kind == "header":
            fields.extend(found[ln.position])
        elif kind == "other":
            doc = DOC_NUMBER.match(ln.stripped) or DOC_NUMBER_DAMAGED.match(ln.stripped)
            if doc and doc_number is None:
                doc_number = (doc.group("n"), (ln.content_start, ln.content_end))
                if i > 0 and kinds[i - 1] == "other" and i - 1 != title_at \
                        and _DOC_HEAD.fullmatch(lines[i - 1].stripped):
                    # the issuer's abbreviation broken onto the line above (国科函 / 规〔2021〕258号)
                    doc_number = (lines[i - 1].stripped + doc.group("n"), (lines[i - 1].content_start, ln.content_end))
            below = title_at is not None and i > title_at
            kind, rule = ("header", "under-title") if below else ("navigation", "above-title")
            if SUBTITLE.match(ln.stripped) or doc or ORDER_NUMBER.match(ln.stripped):
                kind, rule = "header", "subtitle" if SUBTITLE.match(ln.stripped) else "doc-number"
            dated = _stamp(ln) if below else None
            if is_date_line(ln.text) is not None or dated is not None:
                kind, rule = "header", "bare-date"
                if bare_date is None:
                    bare_date = dated or (ln.stripped, (ln.content_start, ln.content_end))
        removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped, rule))
    return fields, bare_date, doc_number, removed


def _value_below(label: str, line: Line) -> bool:
    """Whether ``line`` is the value of a label that stands alone on the line above it (a header
    table rendered one cell per line: 标　　题： / 国务院办公厅关于……的通知). A value is short, is
    not a label itself, and only a title field's value reads like a title (关于……)."""
    text = line.stripped
    if not text or len(text) > 120 or field_items(line) or is_navigation(line) or is_widget(line):
        return False
    if not is_title_label(label) and ABOUT_WORD.search(text):
        return False
    if is_date_line(text) is not None and not any(w in label for w in DATE_LABEL_WORDS):
        return False
    return not (text[-1] in STOPS or (len(text) > 40 and SENTENCE_PUNCT.search(text)))


def _opens_title(line: Line, found: dict[int, Fields], hint_title: str | None) -> bool:
    """Whether ``line``, under an empty label that ends a header table (主 题 词：), opens the document's
    title block instead of being the label's value: the title the page declares (its 标题 field above, or
    the HTML title) starts with it, or it is an order's letterhead (中华人民共和国国务院令); 分类： / 统计公报
    above the title 某省统计公报 is a value."""
    text = "".join(line.stripped.split())
    order = ORDER_HEAD.match(text)
    if order is not None and order.group("bare"):  # a letterhead; 国令第707号 is a 发文字号's value
        return True
    titles = [v for fs in found.values() for label, v, _ in fs if v and is_title_label(label)]
    return len(text) >= 4 and any("".join(t.split()).startswith(text) for t in (*titles, hint_title or "") if t)


def _values_row(labels: Fields, line: Line) -> Fields:
    """The values of a header table whose labels stand in the row above (索引号 | 文号 | 日期, then
    0001/2011-7 | 宛政〔2011〕7号 | 2011-03-01), or [] when ``line`` is not that row: as many cells, none a label."""
    cells = table_cells(line)
    if len(cells) != len(labels) or field_items(line) or any(not v for v, _ in cells):
        return []
    return [(label, value, (line.start + at, line.start + at + len(value)))
            for (label, _, _), (value, at) in zip(labels, cells, strict=True)]


_BARE = compiled(DECIMAL_BARE)
_SUB = compiled(BY_ID[DECIMAL_BARE_STYLE].heading)


def _opens_decimal(lines: Sequence[Line], line: Line) -> bool:
    """A bare ``1 总则`` followed by its ``1.1``: the first heading of a decimal-numbered body."""
    bare = _BARE.match(line.stripped)
    if bare is None or len(line.stripped) > 32:
        return False
    nxt = next((x for x in lines[line.position + 1:line.position + 4] if x.stripped), None)
    sub = _SUB.match(nxt.stripped) if nxt is not None else None
    return sub is not None and to_int(re.split("[.．]", sub.group("n"))[0]) == to_int(bare.group("n"))


CELLS_ABOVE = 5
"""Plain short lines above a title candidate that make it one cell of a table (a page head has fewer)."""


def read_head(lines: Sequence[Line], hint_title: str | None, site: str | None = None) -> Head:
    """Classify the lines before the body."""
    kinds: list[str] = []
    why: dict[int, str] = {}  # a line whose kind a later step decided: the rule that did
    found: dict[int, Fields] = {}
    waiting: Line | None = None  # a label alone on its line, its value on the next line
    labels_row: Line | None = None  # a table row of labels only, its values in the row below
    after_empty = False
    for ln in lines:  # the body starts at the first prose or numbered line that is not a header line (or 目录)
        if not ln.stripped:
            kinds.append("blank")
            continue
        if labels_row is not None:
            paired = _values_row(found[labels_row.position], ln)
            if paired:
                found[labels_row.position], found[ln.position] = [], paired
                labels_row = None
                why[len(kinds)] = "value-row"
                kinds.append("header")
                continue
            labels_row = None
        if waiting is not None:
            label = found[waiting.position][0][0]
            previous, waiting = waiting, None
            if _value_below(label, ln) and (is_title_label(label) or not _opens_title(ln, found, hint_title)):
                found[previous.position] = [(label, ln.stripped, (ln.content_start, ln.content_end))]
                found[ln.position] = []
                why[len(kinds)] = "value-under-label"
                kinds.append("header")
                after_empty = False
                continue
        kind = _kind(ln, found)
        if kind == "header" and len(found[ln.position]) > 1 and not any(v for _, v, _ in found[ln.position]) \
                and table_row_items(ln):
            labels_row = ln
        empty_label = kind == "header" and len(found[ln.position]) == 1 and not found[ln.position][0][1] \
            and not table_row_items(ln)
        # a run of empty labels (信息索引号： / 文号： / 发布机构：) is a list of empty fields,
        # not a table rendered one cell per line
        if empty_label and not after_empty:
            waiting = ln
        after_empty = empty_label
        if TOC_HEAD.match(ln.stripped) or (kind in ("other", "footer") and is_body_like(ln)) \
                or (kind == "other" and HEADING_LINE.match(ln.stripped)) \
                or (kind == "other" and _opens_decimal(lines, ln)):
            break
        kinds.append(kind)
    first_body = len(kinds)
    _crumbs_below(lines, kinds, why)
    title_at = pick_title(lines, kinds, hint_title, site)
    above = kinds[:title_at].count("other") if title_at is not None else 0
    if title_at is not None and first_body == len(lines) and above >= 2 \
            and ("other" not in kinds[title_at + 1:] or above >= CELLS_ABOVE):
        title_at = None  # no prose, and the title would be the page's last line or stand under a table's cells
    title = glued = None
    if title_at is not None:
        declared = (hint_title or "", *(v for fs in found.values() for label, v, _ in fs
                                        if v and is_title_label(label)))
        title, glued = read_title(lines, kinds, title_at, first_body, declared)
        if title_at + 1 < first_body and first_body == len(lines):  # no prose at all: the body follows the title
            # and the header fields right under it (公告日：…, a record's [標案案號]…)
            first_body = next((i for i in range(title_at + 1, first_body) if kinds[i] not in ("header", "blank")),
                              title_at + 1)
            kinds = kinds[:first_body]
    elif first_body == len(lines) and "other" in kinds:
        # no prose and no title (a table flattened into cells, one per line or tab-separated): the page's
        # lines from its first one that is no navigation, field or widget are its body
        first_body = kinds.index("other")
        kinds = kinds[:first_body]
    breadcrumb = _breadcrumb([lines[i] for i, k in enumerate(kinds) if k == "navigation"])
    fields, bare_date, doc_number, removed = _record(lines, kinds, why, title_at, found, glued)
    return Head(first_body, title, tuple(fields), bare_date, doc_number, tuple(breadcrumb), tuple(removed))
