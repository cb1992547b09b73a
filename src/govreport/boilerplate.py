"""Line classification: navigation, header fields, title, body, signature block, footer.

``layout(lines)`` splits a page into the parts a Report needs. It works on whole
lines and never rewrites them, so every part keeps its span in the source. The top of
the page is ``head.py``, the bottom ``closing.py``, the single-line cues ``lineclass.py``.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from .closing import (
    attachment_heads,
    attachment_split,
    footer_start,
    signature_block,
    split_glued_signature,
    split_glued_title,
)
from .head import read_head
from .lineclass import (
    HEAD_MARKER,
    TOC_PAGE,
    Layout,
    field_items,
    is_body_like,
    is_footer,
    is_navigation,
    is_widget,
    split_glued_body,
)
from .lines import cut_out, select
from .pattern_cache import compiled
from .records import HeaderField, Line, Stretch
from .rules import HAN
from .rules.lines import EMPTY_CELLS, PAGE_NUMBER, TOC_HEAD
from .rules.markers import DECIMAL_BARE
from .rules.punct import CLAUSE_BREAKS, COLONS, COMMAS, SEMICOLONS, SENTENCE_END

__all__ = ["Layout", "field_items", "is_body_like", "is_footer", "is_navigation", "is_widget", "layout"]


_TOC_BARE = compiled(DECIMAL_BARE.replace("(?P<n>", "(?:"))
_TOC_PUNCT = compiled(f"[{SENTENCE_END}{COMMAS}]")
_TOC_LEADERS = compiled(r"(?:[.．…·•]{3,}+|…{2,}+)\s*+$")
"""Dot leaders that end an entry whose page number was lost (前 言......)."""
_LEADERS_PAGE = compiled(r"(?:[.．…·•]{3,}+|…{2,}+|-{4,}+)\s*+\d{1,4}\s*+$")
"""An entry set with dot leaders and its page number (第一部分 单位概况……………3): no heading of a body ends so."""
TOC_MIN_LEADERS = 2
"""Consecutive entries with dot leaders and page numbers that are a table of contents without a 目录 label."""
_TOC_LEADER_RUN = compiled(r"[.．…·•]{3,}+")
_NO_TOC_END = "。" + SEMICOLONS + COLONS
_SENTENCE_ENDED = "。" + SEMICOLONS
_TOC_TITLE_LEAD = COLONS + "、.．"
_TOC_JOINERS = " " + CLAUSE_BREAKS + "|｜"
"""Dot leaders anywhere in a line: two entries a PDF put on one line (前 言...... 1 一、总体要求...... 2)."""
TOC_MIN_UNHEADED = 4
"""Marked entries an unheaded table of contents needs (the body must also repeat it)."""


def _toc_entry(text: str) -> str | None:
    """The heading words of a table-of-contents line (marker, dot leaders, page number dropped), or
    None when the line cannot be one: 第一部分 部门概况……1, 1 总则, 1.1 编制目的, 一、单位 主要职责."""
    if text[-1] in _NO_TOC_END or (len(text) > 80 and len(_TOC_LEADER_RUN.sub("", text)) > 80):  # leaders do not count
        return None
    marked = HEAD_MARKER.match(text) or _TOC_BARE.match(text)
    if marked is None and not text[-1].isdigit() and not _TOC_LEADERS.search(text):
        return None
    words = TOC_PAGE.sub("", text[marked.end():] if marked else text)
    joined = "".join(words.split())
    if marked is None and _TOC_WORDS.search(joined) is None:  # 112/6/25, 09:00~10:00: a table's cells, no entry
        return None
    return joined.lstrip(_TOC_TITLE_LEAD) or None


_TOC_WORDS = compiled(f"{HAN}{{2}}")
"""An entry without a marker (部门概况 12) names its section in words before its page number."""


_TOC_JOIN = compiled(rf"[{CLAUSE_BREAKS}|｜]\s*+(?=(?:{HEAD_MARKER.pattern}))")


def _toc_line(text: str) -> set[str] | None:
    """The entries of a table of contents the crawler joined into one line with commas (一、概述,
    (一)注重……,(二)……,二、……), or None: at least TOC_MIN_UNHEADED marked, short entries."""
    if not HEAD_MARKER.match(text):
        return None
    parts = [p.strip(_TOC_JOINERS) for p in _TOC_JOIN.split(text)]
    if len(parts) < TOC_MIN_UNHEADED or any(len(p) > 40 or not HEAD_MARKER.match(p) for p in parts):
        return None
    entries = {_toc_entry(p.rstrip("。")) for p in parts if p}
    return {e for e in entries if e}


def _short_heading(text: str) -> bool:
    """A heading line that lost its number, or the wrapped end of a long entry (况说明)."""
    return len(text) <= 12 and not _TOC_PUNCT.search(text) and not text[-1].isdigit()


def _toc_run(body: Sequence[Line], i: int) -> tuple[int, set[str], int]:
    """The entries from ``i``: where they end, their heading words, and how many were marked.
    The run stops where an entry comes again (the body starts repeating the contents), or its first
    entry's marker does (第一部分 alone on its line, its title below)."""
    seen: set[str] = set()
    marked = 0
    j = i
    first = HEAD_MARKER.match(body[i].stripped) if i < len(body) else None
    while j < len(body):
        text = body[j].stripped
        if j > i and ((first is not None and text.startswith(first.group(0))) or TOC_HEAD.match(text)):
            break  # the body repeats the first entry, or a 目录 line opens contents of their own
        if j > i and _LEADERS_PAGE.match(text):  # only leaders and a page number: the entry above wrapped
            j += 1
            continue
        entry = _toc_entry(text)
        if entry is None:
            bare = "".join(text.split())
            if not _short_heading(text) or j + 1 >= len(body) or bare in seen:
                break
            entry, counted = bare, 0
        else:
            counted = 1
        if entry in seen:
            break
        seen.add(entry)
        marked += counted
        j += 1
    return j, seen, marked


TOC_MAX_LINES = 150


def _repeat_of_first(body: Sequence[Line], first: int) -> int:
    """Where the body repeats the first entry of a table of contents (第一部分 决算报告 … 第一部分 决算报告),
    when every line before it reads as an entry (short, no sentence end); 0 when it does not."""
    marked = HEAD_MARKER.match(body[first].stripped) if first < len(body) else None
    if marked is None:
        return 0
    entry = _toc_entry(body[first].stripped)
    for k in range(first + 1, min(len(body), first + TOC_MAX_LINES)):
        text = body[k].stripped
        if text.startswith(marked.group(0)) and (_toc_entry(text) == entry or _toc_entry(text) is None):
            return k
        if len(TOC_PAGE.sub("", text)) > 80 or text[-1] in _SENTENCE_ENDED:
            return 0
    return 0


def _toc(body: Sequence[Line]) -> tuple[Sequence[Line], list[Stretch], list[HeaderField]]:
    """A table of contents is not body: a block headed 目录 (even when the page stops before the body
    repeats it: then, when nothing follows it, its entries stay as text, in ``Layout.contents``, since
    they are all the page holds), or a run of heading lines whose entries the body then repeats."""
    def cut(i: int, j: int, rule: str) -> tuple[Sequence[Line], list[Stretch], list[HeaderField]]:
        toc = [Stretch("toc", (x.content_start, x.content_end), x.stripped, rule) for x in body[i:j]]
        return cut_out(body, i, j), toc, []

    i = 0
    while i < len(body):
        text = body[i].stripped
        if i < 60 and TOC_HEAD.match(text):
            first = i + 1  # a header field may stand between 目录 and its entries (公开时间：…)
            while first < len(body) and field_items(body[first], bare=False):
                first += 1
            j, _, marked = _toc_run(body, first)
            j = max(j, _repeat_of_first(body, first))
            if marked >= 2:
                kept, toc, fields = cut(i, j, "toc-headed")
                for k in range(i + 1, first):
                    x = body[k]
                    toc[k - i] = Stretch("header", (x.content_start, x.content_end), x.stripped, "header-field")
                    fields.extend(field_items(x, bare=False))
                return kept, toc, fields
            i += 1
            continue
        joined = _toc_line(text)
        if joined and i + 1 < len(body) and _toc_entry(body[i + 1].stripped) in joined:
            return cut(i, i + 1, "toc-repeated")
        if _toc_entry(text) is None and not _short_heading(text):
            i += 1
            continue
        j, seen, marked = _toc_run(body, i)
        if j - i >= TOC_MIN_LEADERS and all(_LEADERS_PAGE.search(body[k].stripped) for k in range(i, j)):
            return cut(i, j, "toc-leaders")
        if marked >= TOC_MIN_UNHEADED and j < len(body):
            again = _toc_entry(body[j].stripped) or "".join(body[j].stripped.split())
            if again in seen:
                return cut(i, j, "toc-repeated")
        i = max(j, i + 1)
    return body, [], []


def _attachments(lines: Sequence[Line], body: Sequence[Line], attach_at: int, footer_at: int) -> tuple[int, ...]:
    """Where attached documents start in the body: the first after the signature, and every attachment heading
    with its title below."""
    first = [lines[attach_at].content_start] if attach_at < footer_at else []
    heads = {lines[i].content_start for i in attachment_heads(lines, 0, footer_at)}
    in_body = {ln.content_start for ln in body if ln.content_start in heads} if heads else set()
    return tuple(sorted({*first, *in_body}))


def layout(lines: Sequence[Line], hint_title: str | None = None, site: str | None = None) -> Layout:
    """Split the page into title/header, body, signature and footer.

    ``hint_title`` (an HTML page's ArticleTitle or <title>) raises a matching line;
    ``site`` (its SiteName) lowers a line that only names the site."""
    lines = split_glued_signature(split_glued_title(split_glued_body(lines)))
    head = read_head(lines, hint_title, site)
    body_start = head.body_start
    footer_at = footer_start(lines, body_start, head.title.stripped if head.title is not None else None)
    attach_at = attachment_split(lines, body_start, footer_at)
    sig = signature_block(lines, body_start, attach_at)
    removed = [*head.removed, *sig.notes]
    kept_at = array("q")
    for ln in lines[body_start:footer_at]:
        i = ln.position
        if not ln.stripped or sig.start <= i < attach_at:
            continue
        kind = rule = None
        if is_widget(ln):
            kind = "widget"
        elif EMPTY_CELLS.match(ln.stripped):  # | | | left by a flattened table
            kind, rule = "widget", "empty-cells"
        elif PAGE_NUMBER.match(ln.stripped):  # — 3 — between two pages of an export
            kind, rule = "footer", "page-number"
        elif not is_body_like(ln) and is_footer(ln):
            kind = "footer"
        if kind:
            removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped, rule or f"{kind}-cue"))
        else:
            kept_at.append(i)
    found = select(lines, kept_at)
    body, toc, tail = _toc(found)
    contents: tuple[int, ...] = ()
    if toc and not body and toc[0].rule == "toc-headed":  # the page holds its contents only: they are its text
        kept = {s.span[0] for s in toc if s.kind == "toc"}
        body = tuple(ln for ln in found if ln.content_start in kept)
        toc = [s for s in toc if s.kind != "toc"]
        contents = tuple(ln.start for ln in body)
    removed.extend(toc)
    for ln in lines[footer_at:]:
        if ln.stripped:
            fields = field_items(ln, bare=False)
            tail.extend(fields)
            kind = "header" if fields else "widget" if is_widget(ln) else "footer"
            rule = "tail-field" if fields else "widget-cue" if kind == "widget" \
                else "footer-cue" if is_footer(ln) else "below-footer"
            removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped, rule))
    removed.sort(key=lambda s: s.span)
    issues = (sig.signed.issue,) if sig.signed is not None and sig.signed.issue is not None else ()
    return Layout(title=head.title, body=body, removed=tuple(removed), signature=sig.lines,
                  issuer=sig.issuer, signed=sig.signed, fields=head.fields, tail_fields=tuple(tail),
                  bare_date=head.bare_date, breadcrumb=head.breadcrumb, doc_number=head.doc_number,
                  issues=issues, attachments_at=_attachments(lines, body, attach_at, footer_at),
                  contents=contents)
