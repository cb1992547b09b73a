"""Saved HTML pages → text, one block per line, plus the <meta> evidence portals carry.

Rendering uses lexbor (through selectolax): a fast, error-tolerant HTML5 parser
written in C that decodes entities and copes with broken markup and deep nesting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .pattern_cache import compiled
from .records import Issue

BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
)
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button", "head")
# <meta name=…> fields Chinese government sites carry, by what they are evidence for
META_NAMES = ("ArticleTitle", "PubDate", "ContentSource", "SiteName", "ColumnName", "Author", "Keywords",
              "Description", "Url", "ColumnType", "ColumnDescription", "SiteDomain", "SiteIDCode")

# lexbor's tree builder slows down quadratically with nesting depth; pages nested deeper
# than this are rendered by a flat, linear tag stripper instead
MAX_DEPTH = 3000
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr"})

_SEP = "\ue000"
_EMPTY_BLOCKS = frozenset({"br", "hr"})
"""Block elements that hold nothing: replaced by one separator instead of getting one on each side (lexbor keeps
every text node inserted). A <br> seldom reaches the tree: ``_breaks_as_separators`` replaces it before parsing."""
_BREAK_OR_RAW = compiled(
    r"<(?:!--.*?-->"  # a comment, the raw text of these elements and a <meta>'s attributes keep what they hold
    r"|(script|style|title|textarea|xmp|iframe|noembed|noframes|noscript)(?=[\s/>])[^>]*+>.*?</\1\s*+>"
    r"|meta(?=[\s/>])[^>]*+>"
    r"|(br(?=[\s/>])[^<>]*+>|/br\s*+>))", re.I | re.S)
"""A line break (<br>, <br/>, </br>, which HTML5 reads as <br>), or what holds one that is no element. Every
branch opens with the ``<`` written once before them, so that a search skips to the next ``<`` in C instead of
trying the pattern at each character (0.8 ms of a 47 kB page before)."""
_HAS_BREAK = compiled(r"</?br[\s/>]", re.I)
_SPACE = compiled(r"[ \t\r\n\f][ \t\r\n\f]*+")
"""A run of HTML's white space: written to open with a class, which a search skips to in C (``re`` does not for a
pattern that opens with a repeat)."""
_BROKEN_ENTITY = compiled(r"&(?:sp|nbsp|ensp|emsp|amp;nbsp);?+")


_TAG = compiled(r"<(/?+)([A-Za-z][A-Za-z0-9]*+)[^<>]*+>")
_BLOCK_TAG = compiled(rf"</?+(?:{'|'.join(BLOCK_TAGS)})\b[^<>]*+>", re.I)
_ANY_TAG = compiled(r"<[/!?]?+[A-Za-z][^<>]*+>")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    """What rendering noticed: a page nested too deeply for the HTML parser, stripped flat."""

FLATTENED = Issue("html-flattened", "The page nests elements too deeply to parse; its tags were stripped and block "
                                    "elements kept as line breaks.", None)


# elements whose start tag closes an open element of the same name (HTML5's implied end tags)
SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "rp", "rt"})


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """An estimate of the deepest nesting the HTML5 tree builder will build, counting up to ``limit``.

    It counts what the parser does, not what the markup claims: an end tag closes only an element
    of its name that is open (a stray ``</x>`` closes nothing), ``<div/>`` on a non-void element
    opens it (HTML5 ignores the slash), and ``<p>``/``<li>``/``<td>`` … close an open sibling."""
    if html.count("<") < limit:
        return 0
    open_by_name: dict[str, int] = {}
    depth = deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in VOID_TAGS:
            continue
        if match.group(1):
            if open_by_name.get(name, 0):
                open_by_name[name] -= 1
                depth -= 1
            continue
        if name in SELF_CLOSING_SIBLINGS and open_by_name.get(name, 0):
            continue  # closes the open one and opens itself: the depth stays
        open_by_name[name] = open_by_name.get(name, 0) + 1
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest >= limit:
                return deepest
    return deepest


def _drop_between(html: str, opener: str, closer: str) -> str:
    """Remove every opener…closer stretch (case-insensitive); an unclosed one runs to the end."""
    low = html.lower()
    parts, pos = [], 0
    while True:
        start = low.find(opener, pos)
        if start < 0:
            parts.append(html[pos:])
            return "".join(parts)
        parts.append(html[pos:start])
        end = low.find(closer, start + len(opener))
        if end < 0:
            return "".join(parts)
        pos = end + len(closer)


def render_flat(html: str) -> Page:
    """A linear rendering for pathological pages: block tags become line breaks, others vanish."""
    from html import unescape

    text = _drop_between(html, "<!--", "-->")
    for tag in ("script", "style", "noscript", "template", "head"):
        text = _drop_between(text, f"<{tag}", f"</{tag}>")
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(_SEP, text))
    text = _BROKEN_ENTITY.sub("\xa0", unescape(text))
    lines = (part.strip(" ") for part in _SPACE.sub(" ", text).split(_SEP))
    return Page("\n".join(line for line in lines if line.strip()), None, {}, (FLATTENED,))


def _breaks_as_separators(html: str) -> str:
    """Every <br> element of the page replaced by the separator its rendering would put in its place, before the
    page is parsed: a page of text broken by <br>s (一<br>二<br>…) then parses to a few text nodes instead of two nodes
    a line (lexbor's tree took about 50 bytes per byte of such a page). Comments and the raw text of scripts, styles,
    titles and text areas keep their <br>s."""
    if _HAS_BREAK.search(html) is None:
        return html
    return _BREAK_OR_RAW.sub(lambda m: _SEP if m.group(2) else m.group(0), html)


def render(html: str) -> Page:
    """The page's text rendering: block elements on lines of their own, scripts dropped."""
    html = html.replace(_SEP, " ")
    if nesting_depth(html) >= MAX_DEPTH:
        return render_flat(html)
    html = _breaks_as_separators(html)
    text, title, meta = _parsed(html)
    if len(html) > TRIM_AT:
        release_freed_memory()
    lines = (part.strip(" ") for part in _SPACE.sub(" ", text).split(_SEP))  # no run of white space holds a _SEP
    return Page("\n".join(line for line in lines if line.strip()), title or None, meta)


def _parsed(html: str) -> tuple[str, str | None, dict[str, str]]:
    """The page's text with a separator around each block element, its <title> and <meta> fields, read from
    lexbor's tree, which is freed when this returns."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
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
        return "", title, meta
    for node in root.css(",".join(BLOCK_TAGS)):
        if node.tag in _EMPTY_BLOCKS:  # one separator in its place instead of one on each side: a text node fewer
            node.replace_with(_SEP)
        else:
            node.insert_before(_SEP)
            node.insert_after(_SEP)
    return _BROKEN_ENTITY.sub("\xa0", root.text(deep=True, separator="")), title, meta


TRIM_AT = 1 << 18
"""Characters of HTML past which the memory lexbor's tree held is given back to the system once it is freed."""


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere). lexbor
    builds its tree in the C heap; freed, those pages stay with the process, and Python's own small objects,
    which live in arenas mapped apart, never reuse them: a large page's tree (about 35 bytes per byte of HTML,
    50 for a page of <br>) otherwise stays in the process's memory while every later stage adds its own."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], object] | None:
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
