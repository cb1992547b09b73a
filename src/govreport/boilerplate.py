"""Line classification: navigation, header fields, title, body, signature block, footer.

``layout(lines)`` splits a page into the parts a Report needs. It works on whole
lines and never rewrites them, so every part keeps its span in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import is_date_line, shifted
from .records import WHITESPACE, DateFound, Issue, Line, Stretch
from .rules import HAN, alt
from .rules.cues import FOOTER, NAVIGATION, SIGNATURE_NOTE, WIDGETS
from .rules.fields import BARE_LABELS, META_LABELS, OTHER_LABELS, TAIL_LABELS, meta_key
from .rules.markers import STYLES

_ALL_LABELS = tuple(x for labels in META_LABELS.values() for x in labels) + OTHER_LABELS
# cue patterns use only what the stdlib re module offers; it scans long lines faster
# a label may follow its neighbour's value directly: <span>2021-03-01</span><span>来源：…</span>
_LABEL_RE = re.compile(rf"(?P<label>{alt(_ALL_LABELS)})\s*+[:：]")
_BARE_RE = re.compile(rf"(?:^|(?<=\s))(?P<label>{alt(BARE_LABELS)})(?=[\s])")
_TAIL_RE = re.compile(rf"^[（(【\[]?\s*+{alt(TAIL_LABELS)}\s*+[:：]")
_NAV_RE = [re.compile(c.pattern) for c in NAVIGATION]
_WIDGET_RE = re.compile("|".join(f"(?:{c.pattern})" for c in WIDGETS))
_FOOTER_RE = re.compile("|".join(f"(?:{c.pattern})" for c in FOOTER), re.I)
_NOTE_RE = re.compile(SIGNATURE_NOTE.pattern)
_HEAD_MARKER = re.compile("|".join(f"(?:{s.head})" for s in STYLES if not s.weak).replace("(?P<n>", "(?:"))
_DOC_NUMBER = re.compile(
    rf"^(?P<n>{HAN}{{1,14}}\s*+[〔［\[（(【]\s*+\d{{4}}\s*+[〕］\]）)】]\s*+第?\s*+\d{{1,5}}\s*+号)$")
_VALUE_EDGES = WHITESPACE + "|｜【】[]"
_LEADING_DATE = re.compile(
    r"(?P<date>(?:19|20)\d{2}\s*+[-/.年]\s*+\d{1,2}\s*+[-/.月]\s*+\d{1,2}\s*+日?(?:\s*+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
    r"[\s\u3000\xa0|｜]++")
_BODY_PUNCT = re.compile(r"[。；;！？!?]|[，,].{6,}")
_SUBTITLE = re.compile(r"^(?:——|--|—|[（(]\s*+\d{4}年|[（(]\s*+[〇○零一二]{4}年)")
_TITLE_WORDS = re.compile(
    r"报告|總結|总结|通知|方案|意见|意見|办法|辦法|规定|規定|规划|規劃|计划|計劃|决定|決定|公告|通告|通报|批复|纪要|"
    r"要点|细则|条例|決議|决议|讲话|講話|公报|說明|说明|答复|清单|年报|实施|情况|情況|工作|建设|函|令|制度|指南|问答|解读")
_ORG_SUFFIX = re.compile(
    r"(?:局|署|司|委员会|委員會|委|人民政府|政府|办公室|辦公室|办公厅|辦公廳|厅|廳|院|部|中心|所|站|处|處|科|会|會|组|組|队|隊|"
    r"公司|集团|集團|管委会|办|辦|馆|館|社|学校|學校|医院|醫院|联合会|协会|協會|党委|党组|支部|街道|镇|鎮|乡|鄉|村)$")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?：:]")
_ORG_DATE = re.compile(r"^(?P<org>\S.{1,38}?)[\s\u3000\xa0]++(?P<date>\S.{5,20})$")
_TOC_HEAD = re.compile(r"^[目][\s　]*+[录錄]$")
_TOC_PAGE = re.compile(r"[\s　.．…·•\-—_]*+\d{0,4}$")
_ATTACHMENT = re.compile(r"^(?:附件|附表|附錄|附录)\s*+[0-9０-９一二三四五六七八九十]*\s*+[:：]?")


@dataclass(slots=True)
class Layout:
    """What ``layout`` finds. Line indices refer to the tuple of Lines passed in."""

    title: Line | None = None
    body: list[Line] = field(default_factory=list)
    removed: list[Stretch] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    issuer: str | None = None
    signed: DateFound | None = None
    fields: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    doc_number: tuple[str, tuple[int, int]] | None = None
    issues: list[Issue] = field(default_factory=list)
    attachments_at: list[int] = field(default_factory=list)
    """Offsets of attachment headings (附件1) after the signature: numbering restarts there."""


def is_navigation(text: str) -> bool:
    stripped = text.strip(WHITESPACE)
    if any(p.search(stripped) for p in _NAV_RE):
        return True
    return len(stripped) <= 120 and sum(stripped.count(ch) for ch in ">＞»›") >= 2


def is_widget(text: str) -> bool:
    stripped = text.strip(WHITESPACE)
    return len(stripped) <= 60 and _WIDGET_RE.search(stripped) is not None


def is_footer(text: str) -> bool:
    stripped = text.strip(WHITESPACE)
    return len(stripped) <= 200 and _FOOTER_RE.search(stripped) is not None


def field_items(line: Line, bare: bool = True) -> list[tuple[str, str, tuple[int, int]]]:
    """``label: value`` pairs on a header line, or [] when the line does not start with a label."""
    text = line.text
    lead = len(text) - len(text.lstrip(WHITESPACE))
    dated = _LEADING_DATE.match(text, lead)  # 2021-06-01 10:20　来源：市政府办公室
    if dated is not None:
        rest = field_items(Line.of(line.no, line.start, " " * dated.end() + text[dated.end():]), bare)
        if rest:
            found = dated.group("date")
            return [("日期", found, (line.start + lead, line.start + lead + len(found))), *rest]
    matches = list(_LABEL_RE.finditer(text, lead))
    if not matches or matches[0].start() != lead:
        if not bare:
            return []
        matches = list(_BARE_RE.finditer(text, lead))
        if not matches or matches[0].start() != lead:
            return []
    items = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        raw = text[m.end():end]
        value = raw.strip(_VALUE_EDGES)
        vstart = m.end() + (len(raw) - len(raw.lstrip(_VALUE_EDGES)))
        items.append((m.group("label"), value, (line.start + vstart, line.start + vstart + len(value))))
    return items


def is_body_like(text: str) -> bool:
    """A paragraph of prose or a numbered heading, as opposed to a short page label."""
    stripped = text.strip(WHITESPACE)
    if not stripped:
        return False
    if _HEAD_MARKER.match(stripped):
        return True
    if (stripped[-1] in "。！？!?…" and len(stripped) >= 2) or (stripped[-1] in "；;：:" and len(stripped) >= 4):
        return True
    return len(stripped) >= 15 and _BODY_PUNCT.search(stripped) is not None


def _title_score(text: str, distance: int) -> float:
    stripped = text.strip(WHITESPACE)
    score = 3.0 if _TITLE_WORDS.search(stripped) else 0.0
    score += min(len(stripped), 30) / 10
    if _SENTENCE_PUNCT.search(stripped[-1:]):
        score -= 2
    return score - 0.2 * distance


def _is_title_candidate(text: str) -> bool:
    stripped = text.strip(WHITESPACE)
    if not 2 <= len(stripped) <= 100 or _SUBTITLE.match(stripped) or _DOC_NUMBER.match(stripped):
        return False
    return is_date_line(stripped) is None


_POSITION = re.compile(NAVIGATION[0].pattern)
_CRUMB_SPLIT = re.compile(r"[>＞»›→]")
_CRUMB_SLASH = re.compile(r"\s*+[/／\\]\s*+")


def _breadcrumb(lines: list[Line]) -> list[str]:
    """The navigation path: the 当前位置 line and its continuation lines, else the first 首页 > … line."""
    start = next((i for i, ln in enumerate(lines) if _POSITION.search(ln.stripped)), None)
    if start is None:
        start = next((i for i, ln in enumerate(lines) if _CRUMB_SPLIT.search(ln.stripped)), None)
        if start is None:
            return []
    picked = [lines[start]]
    bare = not _POSITION.sub("", lines[start].stripped).strip(WHITESPACE)  # 当前位置： with crumbs below it
    for ln in lines[start + 1:]:
        if ln.no != picked[-1].no + 1 or not (bare or _CRUMB_SPLIT.match(ln.stripped)):
            break
        picked.append(ln)
    crumbs: list[str] = []
    for ln in picked:
        text = _POSITION.sub("", ln.stripped)
        splitter = _CRUMB_SPLIT if _CRUMB_SPLIT.search(text) else _CRUMB_SLASH
        crumbs.extend(p.strip(WHITESPACE) for p in splitter.split(text))
    return [c for c in crumbs if c]


def _crumbs_below(lines: tuple[Line, ...], kinds: list[str]) -> None:
    """Crumbs rendered one per line under a bare 当前位置： line are navigation too."""
    for i, kind in enumerate(kinds):
        if kind != "navigation" or not _POSITION.search(lines[i].stripped):
            continue
        if _POSITION.sub("", lines[i].stripped).strip(WHITESPACE):
            continue
        j = i + 1
        marked: list[int] = []
        while j < len(kinds) and j - i <= 12 and kinds[j] in ("other", "navigation") \
                and len(lines[j].stripped) <= 10 and not _SENTENCE_PUNCT.search(lines[j].stripped):
            if kinds[j] == "other":
                marked.append(j)
            kinds[j] = "navigation"
            j += 1
        if marked and "other" not in kinds[j:]:  # the last short line was the title
            kinds[marked[-1]] = "other"


def _head(lines: tuple[Line, ...], layout: Layout, hint_title: str | None, site: str | None = None) -> int:
    """Classify the lines before the body; return the index of the first body line."""
    first_body = next((i for i, ln in enumerate(lines)
                       if _TOC_HEAD.match(ln.stripped) or (is_body_like(ln.text) and not field_items(ln)
                       and not is_navigation(ln.text) and not is_widget(ln.text))), len(lines))
    kinds: list[str] = []
    for ln in lines[:first_body]:
        if not ln.stripped:
            kinds.append("blank")
        elif is_navigation(ln.text):
            kinds.append("navigation")
        elif field_items(ln):
            kinds.append("header")
        elif is_widget(ln.text):
            kinds.append("widget")
        elif is_footer(ln.text):
            kinds.append("footer")
        else:
            kinds.append("other")
    _crumbs_below(lines, kinds)
    others = [i for i, k in enumerate(kinds) if k == "other"]
    title_at: int | None = None
    if others:
        candidates = [i for i in others if _is_title_candidate(lines[i].text)] or others
        nonblank_after = {i: sum(1 for k in kinds[i + 1:] if k != "blank") for i in candidates}
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

        title_at = max(candidates, key=lambda i: (score(i), i))
        layout.title = lines[title_at]
        issuer_at = title_at - 1  # 舟山市人民政府办公室 / 关于印发……的通知: one title on two lines
        if (issuer_at >= 0 and kinds[issuer_at] == "other" and lines[title_at].stripped.startswith("关于")
                and _ORG_SUFFIX.search(lines[issuer_at].stripped) and len(lines[issuer_at].stripped) <= 40):
            head_line, tail_line = lines[issuer_at], lines[title_at]
            layout.title = Line(head_line.no, head_line.start, tail_line.end, head_line.text + "\n" + tail_line.text,
                                head_line.stripped + tail_line.stripped, head_line.content_start,
                                tail_line.content_end)
            kinds[issuer_at] = "title-part"
        if title_at + 1 < first_body and first_body == len(lines):
            first_body = title_at + 1
            kinds = kinds[:first_body]
    nav_lines = [lines[i] for i, k in enumerate(kinds) if k == "navigation"]
    layout.breadcrumb = _breadcrumb(nav_lines)
    bare_dates: list[tuple[str, str, tuple[int, int]]] = []
    for i, kind in enumerate(kinds):
        ln = lines[i]
        if kind == "blank":
            continue
        if i == title_at or kind == "title-part":
            layout.removed.append(Stretch("title", (ln.content_start, ln.content_end), ln.stripped))
            continue
        if kind == "header":
            layout.fields.extend(field_items(ln))
        elif kind == "other":
            doc = _DOC_NUMBER.match(ln.stripped)
            if doc and layout.doc_number is None:
                layout.doc_number = (doc.group("n"), (ln.content_start, ln.content_end))
            kind = "header" if title_at is not None and i > title_at else "navigation"
            if _SUBTITLE.match(ln.stripped) or doc:
                kind = "header"
            if is_date_line(ln.text) is not None:  # a bare date under the title: the publication date
                kind = "header"
                bare_dates.append(("日期", ln.stripped, (ln.content_start, ln.content_end)))
        layout.removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped))
    if bare_dates and not any(meta_key(label) == "published" for label, _, _ in layout.fields):
        layout.fields.append(bare_dates[0])
    return first_body


def _footer_start(lines: tuple[Line, ...], lo: int) -> int:
    """Index where the footer starts (len(lines) when there is none)."""
    start = len(lines)
    i = len(lines) - 1
    while i >= lo:
        ln = lines[i]
        text = ln.stripped
        if not text:
            i -= 1
            continue
        cue = is_footer(ln.text) or is_widget(ln.text) or (is_navigation(ln.text) and not is_body_like(ln.text))
        if cue or (_TAIL_RE.match(text) and len(text) <= 80):
            start = i
        elif len(text) > 30 or is_body_like(text) or is_date_line(text) or _ORG_SUFFIX.search(text):
            break
        i -= 1
    return start


def _org_lines(lines: tuple[Line, ...], before: int, lo: int) -> list[int]:
    found: list[int] = []
    i = before - 1
    while i >= lo and len(found) < 3:
        ln = lines[i]
        text = ln.stripped
        if not text:
            if found:
                break
            i -= 1
            continue
        if len(text) <= 40 and not _SENTENCE_PUNCT.search(text) and _ORG_SUFFIX.search(text) \
                and not _HEAD_MARKER.match(text):
            found.insert(0, i)
            i -= 1
            continue
        break
    return found


def _signature(lines: tuple[Line, ...], lo: int, hi: int, layout: Layout) -> int:
    """Find the signature block in lines[lo:hi]; return the index where it starts (or hi)."""
    i = hi - 1
    notes: list[int] = []
    while i >= lo and (not lines[i].stripped or _NOTE_RE.match(lines[i].stripped)):
        if lines[i].stripped:
            notes.append(i)
        i -= 1
    if i < lo:
        return hi
    date_line = is_date_line(lines[i].text)
    org_idx: list[int]
    if date_line is None:
        split = _ORG_DATE.match(lines[i].stripped)
        dated = is_date_line(split.group("date")) if split else None
        if split and dated and _ORG_SUFFIX.search(split.group("org")):
            layout.signed = shifted(dated, lines[i].content_start + split.start("date"))
            layout.issuer = split.group("org")
            start = i
        else:
            org_idx = _org_lines(lines, i + 1, lo)
            prev = next((j for j in range(org_idx[0] - 1, lo - 1, -1) if lines[j].stripped), None) if org_idx else None
            if not org_idx or prev is None or not is_body_like(lines[prev].text):
                return hi
            layout.issuer = " ".join(lines[j].stripped for j in org_idx)
            start = org_idx[0]
    else:
        layout.signed = shifted(date_line, lines[i].start)
        org_idx = _org_lines(lines, i, lo)
        layout.issuer = " ".join(lines[j].stripped for j in org_idx) or None
        start = org_idx[0] if org_idx else i
    if layout.signed is not None and layout.signed.issue is not None:
        layout.issues.append(layout.signed.issue)
    layout.signature = [ln for ln in lines[start:i + 1] if ln.stripped]
    for j in sorted(notes):
        ln = lines[j]
        layout.removed.append(Stretch("note", (ln.content_start, ln.content_end), ln.stripped))
    return start


def _attachment_split(lines: tuple[Line, ...], lo: int, hi: int) -> int:
    """Index of the first attachment heading that follows a signature date, or hi."""
    for i in range(lo, hi):
        if _ATTACHMENT.match(lines[i].stripped) and len(lines[i].stripped) <= 60:
            prev = next((j for j in range(i - 1, lo - 1, -1) if lines[j].stripped), None)
            if prev is not None and (is_date_line(lines[prev].text) or _NOTE_RE.match(lines[prev].stripped)):
                return i
    return hi


def _toc(body: list[Line]) -> tuple[list[Line], list[Stretch]]:
    """A table of contents (目录 and heading lines that the body repeats) is not body."""
    for i, ln in enumerate(body[:60]):
        if not _TOC_HEAD.match(ln.stripped):
            continue
        j = i + 1
        entries: list[str] = []
        while j < len(body) and len(body[j].stripped) <= 80 and body[j].stripped[-1] not in "。；;：:" and (
                _HEAD_MARKER.match(body[j].stripped) or body[j].stripped[-1].isdigit()):
            entry = _TOC_PAGE.sub("", body[j].stripped)
            if entries and entry == entries[0]:  # the body starts again with the first entry
                break
            entries.append(entry)
            j += 1
        rest = "\n".join(x.stripped for x in body[j:])
        if len(entries) >= 2 and sum(bool(e) and e in rest for e in entries) * 2 >= len(entries):
            toc = [Stretch("toc", (x.content_start, x.content_end), x.stripped) for x in body[i:j]]
            return body[:i] + body[j:], toc
        return body, []
    return body, []


def layout(lines: tuple[Line, ...], hint_title: str | None = None, site: str | None = None) -> Layout:
    """Split the page into title/header, body, signature and footer.

    ``hint_title`` (an HTML page's ArticleTitle or <title>) raises a matching line;
    ``site`` (its SiteName) lowers a line that only names the site."""
    result = Layout()
    body_start = _head(lines, result, hint_title, site)
    footer_at = _footer_start(lines, body_start)
    attach_at = _attachment_split(lines, body_start, footer_at)
    sig_at = _signature(lines, body_start, attach_at, result)
    for i in range(body_start, footer_at):
        ln = lines[i]
        if not ln.stripped or sig_at <= i < attach_at:
            continue
        kind = None
        if is_widget(ln.text):
            kind = "widget"
        elif not is_body_like(ln.text) and is_footer(ln.text):
            kind = "footer"
        if kind:
            result.removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped))
        else:
            result.body.append(ln)
    result.body, toc = _toc(result.body)
    result.removed.extend(toc)
    if attach_at < footer_at:
        result.attachments_at.append(lines[attach_at].content_start)
    for ln in lines[footer_at:]:
        if ln.stripped:
            tail = field_items(ln, bare=False)
            result.fields.extend(tail)
            kind = "header" if tail else "widget" if is_widget(ln.text) else "footer"
            result.removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped))
    result.removed.sort(key=lambda s: s.span)
    return result
