"""The bottom of a page: footer, signature block (issuer and date), notes and attachments."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from .dates import is_date_line, shifted
from .lineclass import (
    HEAD_MARKER,
    SENTENCE_PUNCT,
    TAIL_FIELD,
    is_body_like,
    is_footer,
    is_navigation,
    is_sentences,
    is_widget,
)
from .lines import split_where
from .pattern_cache import compiled
from .records import WHITESPACE, DateFound, Line, Stretch
from .rules.cues import SIGNATURE_NOTE, SITE_NOTICE
from .rules.lines import ATTACHMENT, BYLINE, ORG_SUFFIX, SALUTATION_OPENING, TITLE_END
from .rules.punct import CLAUSE_BREAKS, SENTENCE_END, STATEMENT_END

_COUNTER = compiled(r"\d{5,12}")


def footer_start(lines: Sequence[Line], lo: int, title: str | None = None) -> int:
    """Index where the footer starts (len(lines) when there is none). A visitor counter (14142766)
    and the page title repeated under the article (a related-links box) are footer there too, and so
    is the portal's notice about itself (网站改版升级的公告) when a footer or widget cue stands above it."""
    start = len(lines)
    i = len(lines) - 1
    while i >= lo:
        ln = lines[i]
        text = ln.stripped
        if not text:
            i -= 1
            continue
        cue = (is_footer(ln) and not is_sentences(text)) or is_widget(ln) \
            or (is_navigation(ln) and not is_body_like(ln)) or _COUNTER.fullmatch(text) is not None \
            or (title is not None and text == title) or _EMPTY_ATTACHMENTS.fullmatch(text) is not None
        if cue or (TAIL_FIELD.match(text) and len(text) <= 80):
            start = i
        elif SITE_NOTICE.search(text) is not None and len(text) <= 200:
            pass  # the portal's notice about itself: footer if a cue stands above it (start moves there)
        elif len(text) > 30 or is_body_like(text) or is_date_line(text) or ORG_SUFFIX.search(text) \
                or HEAD_MARKER.match(text):  # a numbered list below a contact block is body (1.總教練▸…)
            break
        i -= 1
    return _link_box(lines, lo, start)


_EMPTY_ATTACHMENTS = compiled(r"(?:相关|相關)?附件\s*+[:：]?+")
"""A portal template's attachment field with nothing under it (附件：, 相關附件:), below the last body line."""
_BOX_LINE = 64
"""The longest line a link box holds: the headlines of linked articles, with no sentence end."""


def _link_box(lines: Sequence[Line], lo: int, start: int) -> int:
    """A closing cue (扫一扫在手机打开当前页, 相关稿件, 友情链接, 责任编辑：…) followed only by short lines
    (the names of linked sites and departments) starts the footer there."""
    i = start - 1
    found = start
    while i >= lo:
        ln = lines[i]
        text = ln.stripped
        if text:
            cue = (is_footer(ln) and not is_sentences(text)) or is_widget(ln) \
                or (TAIL_FIELD.match(text) is not None and len(text) <= 80) or _EMPTY_ATTACHMENTS.fullmatch(text)
            if cue:
                found = i
            elif len(text) > _BOX_LINE or text[-1] in SENTENCE_END or HEAD_MARKER.match(text):
                return found  # an article's sentence, or a numbered list (名單： / 1.總教練▸…): body
        i -= 1
    return start  # no article above the cue: it is not the end of one


def _org_lines(lines: Sequence[Line], before: int, lo: int) -> list[int]:
    found: list[int] = []
    i = before - 1
    while i >= lo and len(found) < 3:
        ln = lines[i]
        text = ln.stripped
        if not text or SIGNATURE_NOTE.match(text):  # joint issuers may stand a blank line apart
            i -= 1
            continue
        text = _unbracketed(text)  # （某县统计局）: a bulletin signed in brackets
        if len(text) <= 40 and not SENTENCE_PUNCT.search(text) and (ORG_SUFFIX.search(text) or BYLINE.match(text)) \
                and not HEAD_MARKER.match(text):
            found.insert(0, i)
            i -= 1
            continue
        break
    return found


def _issuer(lines: Sequence[Line], idx: list[int]) -> str | None:
    """The organisations that sign, in page order, one space apart (中国人民银行　　民政部 → 中国人民银行 民政部);
    a person signing with a post (总理 李某, 某部部长 张某) is no issuer."""
    return " ".join(" ".join(_unbracketed(lines[j].stripped).split()) for j in idx
                    if not BYLINE.match(lines[j].stripped)) or None


def _unbracketed(text: str) -> str:
    """``text`` without one pair of brackets around the whole of it (（某县统计局） → 某县统计局)."""
    if len(text) > 2 and text[0] in "（(" and text[-1] in "）)" and not any(c in text[1:-1] for c in "（()）"):
        return text[1:-1].strip()
    return text


_GAP = compiled(r"[\s\u3000\xa0]++")


def org_and_date(text: str) -> tuple[list[str], DateFound] | None:
    """A signature written on one line: one to three organisations (or a person with a post) and the date,
    white space between them (某市人民政府 二〇一一年二月二十三日, 中国人民银行 民政部 2024年1月5日): the names
    and the date, its span within ``text``; None when ``text`` is not that."""
    for gap in _GAP.finditer(text):
        dated = is_date_line(text[gap.end():])
        if dated is None:
            continue
        head = text[:gap.start()]
        if BYLINE.match(head):
            return [head], shifted(dated, gap.end())
        names = _GAP.split(head)
        if 1 <= len(names) <= 3 and all(len(n) <= 40 and ORG_SUFFIX.search(n) and not SENTENCE_PUNCT.search(n)
                                        for n in names):
            return names, shifted(dated, gap.end())
        return None
    return None


_STATEMENT_END = compiled(f"[{STATEMENT_END}]")


def split_glued_signature(lines: Sequence[Line]) -> Sequence[Line]:
    """A line whose breaks a scrape lost, ending in a sentence and then a signature (……特此通知。 某市人民政府
    二〇一一年二月二十三日), is split before the signature, so that the signature block is read as one; both
    parts keep their exact spans."""
    return split_where(lines, _signature_cut)


def _signature_cut(ln: Line) -> int:
    """Where the signature glued after a line's last sentence starts (0 when there is none)."""
    if not ln.stripped or len(ln.stripped) <= 12 or ln.stripped[-1] not in "日0123456789〇○一二三四五六七八九十":
        return 0
    ends = list(_STATEMENT_END.finditer(ln.text))
    if not ends:
        return 0
    rest = ln.text[ends[-1].end():]
    lead = len(rest) - len(rest.lstrip(WHITESPACE))
    if rest.strip(WHITESPACE) and org_and_date(rest.strip(WHITESPACE)) is not None:
        return ends[-1].end() + lead
    return 0


class SignatureBlock(NamedTuple):
    """The signature block: where it starts (``hi`` when there is none), its lines, issuer and date,
    and the notes (（此件公开发布）) below it."""

    start: int
    lines: Sequence[Line] = ()
    issuer: str | None = None
    signed: DateFound | None = None
    notes: tuple[Stretch, ...] = ()


def signature_block(lines: Sequence[Line], lo: int, hi: int) -> SignatureBlock:
    """Find the signature block in lines[lo:hi]."""
    i = hi - 1
    notes: list[int] = []
    while i >= lo and (not lines[i].stripped or SIGNATURE_NOTE.match(lines[i].stripped)):
        if lines[i].stripped:
            notes.append(i)
        i -= 1
    if i < lo:
        return SignatureBlock(hi)
    date_line = is_date_line(lines[i].text)
    org_idx: list[int]
    signed: DateFound | None = None
    issuer: str | None
    if date_line is None:
        split = org_and_date(lines[i].stripped)
        if split is not None and split[0]:  # 舟山市科学技术局 2020年12月29日, 中国人民银行 民政部 2024年1月5日
            signed = shifted(split[1], lines[i].content_start)
            issuer = " ".join(org for org in split[0] if not BYLINE.match(org)) or None
            start = i
        else:
            org_idx = _org_lines(lines, i + 1, lo)
            prev = next((j for j in range(org_idx[0] - 1, lo - 1, -1) if lines[j].stripped), None) if org_idx else None
            dated = is_date_line(lines[prev].text) if prev is not None else None
            if dated is not None and prev is not None:  # the date above the issuer
                signed = shifted(dated, lines[prev].start)
                start = prev
            elif not org_idx or prev is None or not is_body_like(lines[prev]):
                return SignatureBlock(hi)
            else:
                start = org_idx[0]
            issuer = _issuer(lines, org_idx)
    else:
        signed = shifted(date_line, lines[i].start)
        org_idx = _org_lines(lines, i, lo)
        issuer = _issuer(lines, org_idx)
        start = org_idx[0] if org_idx else i
    block = tuple(ln for ln in lines[start:i + 1] if ln.stripped)
    noted = tuple(Stretch("note", (lines[j].content_start, lines[j].content_end), lines[j].stripped, "signature-note")
                  for j in sorted(notes))
    return SignatureBlock(start, block, issuer, signed, noted)


def _nonblank(lines: Sequence[Line], i: int, step: int, lo: int, hi: int, skip_notes: bool = False) -> int | None:
    """The next non-blank line from ``i`` in direction ``step`` within [lo, hi), notes skipped if asked."""
    while lo <= i < hi:
        text = lines[i].stripped
        if text and not (skip_notes and SIGNATURE_NOTE.match(text)):
            return i
        i += step
    return None


def _opens_document(line: Line) -> bool:
    """The title of a document attached after a notice's signature (……实施方案, 附件1): a short
    line that is neither prose, nor a numbered heading, nor a date."""
    text = line.stripped
    return (len(text) <= 60 and not SENTENCE_PUNCT.search(text) and not is_body_like(line)
            and is_date_line(text) is None and not is_footer(line) and not is_widget(line))


def _closes_notice(lines: Sequence[Line], i: int, lo: int) -> bool:
    """Line ``i`` is a date that signs what stands above it: an issuer line, or prose (a date-only signature)."""
    if is_date_line(lines[i].text) is None:
        return False
    prev = _nonblank(lines, i - 1, -1, lo, i, skip_notes=True)
    if prev is None:
        return False
    text = lines[prev].stripped
    if len(text) <= 40 and not SENTENCE_PUNCT.search(text) and (ORG_SUFFIX.search(text) or BYLINE.match(text)):
        return True
    return is_body_like(lines[prev]) and text[-1] in STATEMENT_END


def attachment_split(lines: Sequence[Line], lo: int, hi: int) -> int:
    """Index where a document attached after the signature starts (an attachment heading after a
    signature date, or the attached plan's title after a notice's signature), or hi."""
    for i in range(lo, hi):
        text = lines[i].stripped
        if not text:
            continue
        if ATTACHMENT.match(text) and len(text) <= 60:
            prev = _nonblank(lines, i - 1, -1, lo, i)
            if prev is not None and (is_date_line(lines[prev].text) or SIGNATURE_NOTE.match(lines[prev].stripped)):
                return i
        if _closes_notice(lines, i, lo):
            nxt = _nonblank(lines, i + 1, 1, lo, hi, skip_notes=True)
            if nxt is not None and _opens_document(lines[nxt]) and not ORG_SUFFIX.search(lines[nxt].stripped) \
                    and _nonblank(lines, nxt + 1, 1, lo, hi) is not None:
                return nxt
    return hi


def attachment_heads(lines: Sequence[Line], lo: int, hi: int) -> list[int]:
    """Indices of the attachment headings that stand alone on their line with the attached document's title
    below (附件1 / 某某实施方案, 附件 / 典型场景): each starts a document of its own, whether or not a
    signature stands before it (a page stored without its signature still attaches its documents)."""
    heads = []
    for i in range(lo, hi):
        text = lines[i].stripped
        found = ATTACHMENT.match(text) if text else None
        if found is None or found.end() != len(text) or text[-1] in ":：":
            continue
        below = _nonblank(lines, i + 1, 1, lo, hi)
        if below is not None and _opens_document(lines[below]) and not ATTACHMENT.match(lines[below].stripped):
            heads.append(i)
    return heads


_TITLE_GAP = compiled(r"[\s\u3000\xa0]++(?=\S)")
TITLE_SPLIT_MAX = 60
"""The longest title a page whose line breaks were lost may open with."""


def split_glued_title(lines: Sequence[Line]) -> Sequence[Line]:
    """A page whose line breaks were lost opens with its title, a space, then its body (某县2019年政府信息公开
    工作年度报告 一、总体情况 …, 关于做好某某工作的通知 各县区人民政府： …, 某街2020年法治政府建设情况报告
    2020年，在区委…): the first line (or the second, under a file name or a site line) is split after the
    title, at the first gap where what stands before it closes with a document type and what follows opens
    the body (a heading marker, a salutation, or a sentence: a clause break within its first words)."""
    for first in islice((ln for ln in lines if ln.stripped), 2):  # read lazily: lines may be columns
        if len(first.stripped) <= 20:
            continue
        lead = first.content_start - first.start
        for gap in _TITLE_GAP.finditer(first.text, lead):
            if gap.start() - lead > TITLE_SPLIT_MAX:
                break
            before, after = first.text[lead:gap.start()], first.text[gap.end():]
            if TITLE_END.search(before) and len(after.strip(WHITESPACE)) >= 10 \
                    and (HEAD_MARKER.match(after) or SALUTATION_OPENING.match(after)
                         or (len(after) > 40 and _CLAUSE_BREAK.search(after, 0, 24) is not None)):
                return _split_at(lines, first.position, gap.end())
    return lines


_CLAUSE_BREAK = compiled(f"[{CLAUSE_BREAKS}{SENTENCE_END}]")


def _split_at(lines: Sequence[Line], position: int, cut: int) -> Sequence[Line]:
    """The lines with the one at ``position`` split in two at ``cut`` (an offset into its text)."""
    return split_where(lines, lambda ln: cut if ln.position == position else 0)
