"""Line classification: navigation, header fields, title, body, signature block, footer.

``layout(lines)`` splits a page into the parts a Report needs. It works on whole
lines and never rewrites them, so every part keeps its span in the source. The top of
the page is ``head.py``, the bottom ``closing.py``, the single-line cues ``lineclass.py``.
"""

from __future__ import annotations

from .closing import attachment_split, footer_start, signature_block
from .head import read_head
from .lineclass import (
    HEAD_MARKER,
    TOC_HEAD,
    TOC_PAGE,
    Layout,
    field_items,
    is_body_like,
    is_footer,
    is_navigation,
    is_widget,
)
from .records import Line, Stretch

__all__ = ["Layout", "field_items", "is_body_like", "is_footer", "is_navigation", "is_widget", "layout"]


def _toc(body: list[Line]) -> tuple[list[Line], list[Stretch]]:
    """A table of contents (目录 and heading lines that the body repeats) is not body."""
    for i, ln in enumerate(body[:60]):
        if not TOC_HEAD.match(ln.stripped):
            continue
        j = i + 1
        entries: list[str] = []
        while j < len(body) and len(body[j].stripped) <= 80 and body[j].stripped[-1] not in "。；;：:" and (
                HEAD_MARKER.match(body[j].stripped) or body[j].stripped[-1].isdigit()):
            entry = TOC_PAGE.sub("", body[j].stripped)
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
    body_start = read_head(lines, result, hint_title, site)
    footer_at = footer_start(lines, body_start)
    attach_at = attachment_split(lines, body_start, footer_at)
    sig_at = signature_block(lines, body_start, attach_at, result)
    for i in range(body_start, footer_at):
        ln = lines[i]
        if not ln.stripped or sig_at <= i < attach_at:
            continue
        kind = None
        if is_widget(ln):
            kind = "widget"
        elif not is_body_like(ln) and is_footer(ln):
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
            kind = "header" if tail else "widget" if is_widget(ln) else "footer"
            result.removed.append(Stretch(kind, (ln.content_start, ln.content_end), ln.stripped))
    result.removed.sort(key=lambda s: s.span)
    return result

