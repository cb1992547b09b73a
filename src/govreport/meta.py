"""Metadata: the one place that decides a Report's ``meta`` from the page's layout and its evidence.

The layout says which lines are the title, the header fields, the signature and the footer;
the evidence is what an HTML page declares about itself (<title>, ArticleTitle, PubDate …).
``decide`` weighs the two: a 标题 field against the title line, 发布日期 against other date
labels, a date alone under the title, and the PubDate the page shows.
"""

from __future__ import annotations

from typing import NamedTuple

from .dates import find_dates, parse_date, parse_field_date
from .lineclass import Layout
from .pattern_cache import compiled
from .records import DateFound, Evidence, HeaderField, Issue
from .report_data import DateData, MetaData
from .rules.fields import (
    BARE_DATE_LABEL,
    DISPATCH_LABELS,
    FONT_SIZE_LABELS,
    ISSUER_LABELS,
    PUBLISHED_FIRST,
    WRITTEN_LABELS,
    meta_key,
)
from .rules.lines import DOC_NUMBER, DOC_NUMBER_DAMAGED, DOC_NUMBER_NONE

PAGE_DATE_WINDOW = 4000
"""A declared PubDate counts only when the page shows the same date within its first characters."""

_TITLE_PARTS = compiled(r"\s*+(?:[_|｜]|\s[-–—]\s|--|——)\s*+")


def title_hint(evidence: Evidence) -> str | None:
    """The title the page declares: its ArticleTitle, else its <title> without the site name portals
    append (关于……的通知_舟山市人民政府 → 关于……的通知). Classification raises the line that matches it."""
    if evidence.article_title:
        return evidence.article_title
    if not evidence.page_title:
        return None
    parts = [p for p in _TITLE_PARTS.split(evidence.page_title) if p and p != evidence.site]
    return max(parts, key=len) if parts else None


def date_data(found: DateFound | None) -> DateData | None:
    """A date as the Report writes it."""
    if found is None:
        return None
    return {"raw": found.raw, "iso": found.iso, "span": found.span, "repaired": found.repaired}


def _page_date(text: str, declared: str | None) -> DateFound | None:
    """The page's declared PubDate, found where the page shows it (a date needs a span)."""
    wanted = parse_date(declared) if declared else None
    if wanted is None or wanted.iso is None:
        return None
    return next((d for d in find_dates(text[:PAGE_DATE_WINDOW]) if d.iso == wanted.iso), None)


_SUBJECT = compiled(r"主\s*+旨\s*+[:：]")
"""The subject line of an official notice (公文: 發文日期 / 發文字號 / 主旨：…)."""


def _written_date(found: tuple[HeaderField, ...], text: str) -> DateFound | None:
    """With no signature block, the 成文日期 header field is the signing date; else the 发文日期 of a 公文
    (a page with a 主旨 line), which is its dispatch date. A portal's header table without a 主旨 gives its
    发文日期 as the page's publication date only (发文日期 | 2021-10-08 15:47)."""
    notice = _SUBJECT.search(text, 0, PAGE_DATE_WINDOW) is not None
    for labels in (WRITTEN_LABELS, DISPATCH_LABELS if notice else ()):  # 成文日期 first, else a 公文's 发文日期
        for label, value, span in found:
            if label in labels:
                date = parse_field_date(value, span[0])
                if date is not None:
                    return date
    return None


def _title(line: str | None, field: object, hint: str | None) -> str | None:
    """The title: a 标题 header field, unless it is a truncated form of the title line."""
    if isinstance(field, str) and field:
        if line and line.startswith(field.rstrip("…. ")) and len(line) > len(field.rstrip("…. ")):
            return line
        return field
    return line or hint or None


def _fields(found: list[HeaderField]) -> tuple[dict[str, str], DateFound | None, dict[str, str]]:
    """Meta keys from labelled fields, ``published``, and ``fields``: every other label (the date labels
    that did not give ``published`` among them). 发布日期 wins, else the first date label that parses."""
    picked: dict[str, str] = {}
    published: tuple[int, DateFound] | None = None
    for i, (label, value, span) in enumerate(found):
        if meta_key(label) == "published" and (published is None or (
                label in PUBLISHED_FIRST and found[published[0]][0] not in PUBLISHED_FIRST)):
            date = parse_field_date(value, span[0])
            if date is not None:
                published = (i, date)
    other: dict[str, str] = {}
    for i, (label, value, _) in enumerate(found):
        key = meta_key(label)
        if key is None or (key == "published" and (published is None or i != published[0])):
            if label not in other and label not in FONT_SIZE_LABELS:
                other[label] = value
        elif key == "doc_number" and value and DOC_NUMBER_NONE.match(value):  # 文号：无〔〕号 names no number
            other.setdefault(label, value)
        elif key != "published" and key not in picked and value:
            picked[key] = value
    return picked, published[1] if published is not None else None, other


def _issuer_field(found: tuple[HeaderField, ...]) -> str | None:
    """With no signature block, the 发文机关 header field names the issuer."""
    return next((value for label, value, _ in found if label in ISSUER_LABELS and value), None)


class Decided(NamedTuple):
    """After ``decide``: the Report's ``meta``, and the warnings deciding it raised."""

    meta: MetaData
    issues: tuple[Issue, ...]


def _damaged_number(lay: Layout) -> Issue | None:
    """A document number the layout found that lost its closing 〕 or 号."""
    if lay.doc_number is None:
        return None
    number, span = lay.doc_number
    if DOC_NUMBER.match(number) is None and DOC_NUMBER_DAMAGED.match(number):
        return Issue("doc-number-damaged", f"Document number {number!r} has lost its closing 〕 or 号; kept as "
                                           "written.", span)
    return None


def decide(lay: Layout, evidence: Evidence, text: str) -> Decided:
    """The Report's ``meta`` and the warnings deciding it raised: a repaired or undecided published
    date, a damaged document number, a repaired or undecided signing date, in that order."""
    found = list(lay.fields)
    if lay.bare_date is not None and not any(meta_key(label) == "published" for label, _, _ in found):
        found.append((BARE_DATE_LABEL, *lay.bare_date))
    found.extend(lay.tail_fields)
    picked, labelled_date, fields = _fields(found)
    damaged = None
    if lay.doc_number and "doc_number" not in picked:
        picked["doc_number"] = lay.doc_number[0]
        damaged = _damaged_number(lay)
    title = _title(lay.title.stripped if lay.title is not None else None, picked.pop("title", None),
                   title_hint(evidence))
    labelled = (*lay.fields, *lay.tail_fields)
    written = _written_date(labelled, text) if lay.signed is None else None
    meta: MetaData = {
        "title": title, "breadcrumb": list(lay.breadcrumb),
        "published": date_data(labelled_date) or date_data(_page_date(text, evidence.published)),
        "source": picked.get("source") or evidence.source or None,
        # the author comes from a visible label only: a page's <meta name="author"> names a CMS account
        # or the site, and an empty 作者： is no author
        "author": picked.get("author") or None,
        "doc_number": picked.get("doc_number"), "issuer": lay.issuer if lay.signature else _issuer_field(labelled),
        "signed": date_data(lay.signed or written),
        "fields": fields}
    # a date field the page has besides the one that gave ``published`` (公开日期:2024926) is damaged all the same
    others = (parse_field_date(value, span[0]) for label, value, span in found
              if meta_key(label) == "published" and labelled_date is not None and span[0] != labelled_date.span[0]
              and (labelled_date.span[0] < span[0] or labelled_date.span[0] >= span[1]))
    issues = (labelled_date.issue if labelled_date is not None else None, damaged,
              written.issue if written is not None else None, *(d.issue for d in others if d is not None))
    return Decided(meta, tuple(i for i in issues if i is not None))
