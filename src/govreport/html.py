"""Saved HTML pages → text, one block per line, plus the <meta> evidence portals carry.

Rendering uses lexbor (through selectolax): a fast, error-tolerant HTML5 parser
written in C that decodes entities and copes with broken markup and deep nesting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
)
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button", "head")
# <meta name=…> fields Chinese government sites carry, by what they are evidence for
META_NAMES = ("ArticleTitle", "PubDate", "ContentSource", "SiteName", "ColumnName", "Author", "Keywords",
              "Description", "Url", "ColumnType", "ColumnDescription", "SiteDomain", "SiteIDCode")

_SEP = "\ue000"
_SPACE = regex.compile(r"[ \t\r\n\f]++")
_BROKEN_ENTITY = regex.compile(r"&(?:sp|nbsp|ensp|emsp|amp;nbsp);?+")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def render(html: str) -> Page:
    """The page's text rendering: block elements on lines of their own, scripts dropped."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html.replace(_SEP, " "))
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        name = attrs.get("name") or attrs.get("property") or ""
        content = attrs.get("content")
        if name and content and name not in meta:
            meta[name] = content.strip()
    title_node = tree.css_first("title")
    title = _SPACE.sub(" ", title_node.text()).strip() if title_node is not None else None
    tree.strip_tags(list(DROP_TAGS))
    root = tree.body or tree.root
    if root is None:
        return Page("", title or None, meta)
    for node in root.css(",".join(BLOCK_TAGS)):
        node.insert_before(_SEP)
        node.insert_after(_SEP)
    text = _BROKEN_ENTITY.sub("\xa0", root.text(deep=True, separator=""))
    lines = (_SPACE.sub(" ", part).strip(" ") for part in text.split(_SEP))
    return Page("\n".join(line for line in lines if line.strip()), title or None, meta)
