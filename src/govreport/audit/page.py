"""One document's audit page: its source text with the extraction drawn over it by span.

The page holds the text govreport read (``--format source``), every character in reading order,
with an element for each node, metric, cited document, date, removed stretch and the signature
block, each carrying ``data-kind`` and ``data-span="start,end"``; beside it the outline as a tree
that jumps to each node, the metadata and the warnings, each linked to its span. Everything from
the input is escaped; the page loads nothing (its Content-Security-Policy forbids it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..json_writer import chunked
from .assets import CSP, PAGE_CSS, PAGE_JS
from .spans import Attrs, Mark, escape_attr, escape_text, markup

if TYPE_CHECKING:
    from ..report_data import DateData, MetricData, NodeData, ReportData
SUMMARY_ID = "govreport-summary"

# elements over one span nest in this order, outermost first
RANK = {"node": 0, "signature": 1, "removed": 2, "warning": 3, "heading": 4, "marker": 5, "reference": 6,
        "date": 7, "metric": 8, "gap": 9}
BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
"""Blank lines between paragraphs: kept in the text, drawn as one even gap."""


def _span(span: Any) -> str:
    return "" if span is None else f"{span[0]},{span[1]}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def walk(nodes: list[NodeData]) -> Iterator[NodeData]:
    """Nodes in document order, parents before their children."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node["children"]))


def summary(data: ReportData) -> dict[str, Any]:
    """What the corpus index shows of a page (it travels in the page's head)."""
    meta = data["meta"]
    signed = meta["signed"]
    return {
        "path": data["source"]["path"],
        "title": meta["title"],
        "issuer": meta["issuer"],
        "signed": (signed["iso"] or signed["raw"]) if signed else None,
        "signed_repaired": bool(signed and signed["repaired"]),
        "nodes": sum(1 for _ in walk(data["outline"])),
        "metrics": len(data["metrics"]),
        "references": len(data["references"]),
        "removed": len(data["removed"]),
        "warnings": dict(Counter(w["code"] for w in data["warnings"])),
        "chars": data["source"]["chars"],
    }


def embed_json(value: Any) -> str:
    """JSON that can stand inside a <script> data block: no character of it can end the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# -- the marks over the text -----------------------------------------------------------------------

def _node_marks(node: NodeData, text: str) -> list[Mark]:
    start, end = node["span"]
    level = min(int(node["level"]), 9)
    css = f"node l{level} {node['kind']}" + (" inf" if node["inferred"] else "")
    marks = [Mark(start, end, RANK["node"],
                  (("id", f"n{node['id']}"), ("class", css), ("data-kind", "node"), ("data-span", _span(node["span"])),
                   ("data-id", node["id"]), ("data-level", str(node["level"])), ("data-style", node["style"])),
                  (("class", css), ("data-of", f"n{node['id']}")))]
    marker = node["marker"]
    t_start, t_end = node["title_span"]
    head_end = max(start + (len(marker) if text[start:start + len(marker)] == marker else 0),
                   t_end if node["title"] and t_start >= start else start)
    head_end = min(head_end, end)
    if head_end > start or node["inferred"]:
        kind = "hd" if node["kind"] == "heading" else "it"
        head = f"{kind} l{level}" + (" inf" if node["inferred"] else "")
        attrs: Attrs = (("class", head),)
        if node["inferred"]:
            attrs += (("data-shown", f"[{node['number']}?]"),)
        head_start = t_start if node["inferred"] and t_start >= start else start
        marks.append(Mark(head_start, max(head_end, head_start), RANK["heading"], attrs, (("class", head),)))
    if marker and text[start:start + len(marker)] == marker:
        marks.append(Mark(start, start + len(marker), RANK["marker"], (("class", "mk"),), (("class", "mk"),)))
    return marks


def _metric_tip(m: MetricData) -> str:
    lines = [f"{_number(m['value'])} {m['unit']}".rstrip(), f"kind: {m['kind']}"]
    if m["label"]:
        lines.append(f"label: {m['label']}")
    if m["qualifier"]:
        lines.append(f"qualifier: {m['qualifier']}")
    lines.append(f"in node {m['node']}" if m["node"] else "in the preamble")
    return "\n".join(lines)


def _date_mark(name: str, date: DateData) -> Mark:
    tip = f"{name} · {date['iso'] or 'date not decided'}"
    if date["repaired"]:
        tip += f"\nrepaired from “{date['raw']}”"
    css = "date fix" if date["repaired"] else "date"
    start, end = date["span"]
    return Mark(start, end, RANK["date"],
                (("id", f"d-{name}"), ("class", css), ("data-kind", "date"), ("data-span", _span(date["span"])),
                 ("data-date", name), ("data-iso", date["iso"] or ""), ("data-raw", date["raw"]),
                 ("data-repaired", "true" if date["repaired"] else "false"), ("tabindex", "0"), ("data-tip", tip)),
                (("class", css), ("data-of", f"d-{name}")))


def marks(data: ReportData, text: str) -> list[Mark]:
    """Every element the page draws over the text."""
    out: list[Mark] = []
    for node in walk(data["outline"]):
        out.extend(_node_marks(node, text))
    signature = data["signature"]
    if signature is not None:
        start, end = signature["span"]
        out.append(Mark(start, end, RANK["signature"],
                        (("id", "sig"), ("class", "sig"), ("data-kind", "signature"),
                         ("data-span", _span(signature["span"]))), (("class", "sig"), ("data-of", "sig"))))
    for i, r in enumerate(data["removed"]):
        rule = r.get("rule") or r["kind"]
        out.append(Mark(r["span"][0], r["span"][1], RANK["removed"],
                        (("id", f"r{i}"), ("class", f"rm k-{r['kind']}"), ("data-kind", "removed"),
                         ("data-span", _span(r["span"])), ("data-removed", r["kind"]), ("data-rule", rule),
                         ("data-label", f"{r['kind']} · {rule}"), ("title", f"removed: {r['kind']}, by {rule}")),
                        (("class", "rm"), ("data-of", f"r{i}"))))
    for i, w in enumerate(data["warnings"]):
        if w["span"] is not None:
            out.append(Mark(w["span"][0], w["span"][1], RANK["warning"],
                            (("id", f"w{i}"), ("class", "wm"), ("data-code", w["code"]), ("title", w["message"])),
                            (("class", "wm"), ("data-of", f"w{i}"))))
    for i, ref in enumerate(data["references"]):
        out.append(Mark(ref["span"][0], ref["span"][1], RANK["reference"],
                        (("id", f"c{i}"), ("class", "ref"), ("data-kind", "reference"),
                         ("data-span", _span(ref["span"])), ("tabindex", "0"),
                         ("data-tip", f"cited document\n《{ref['title']}》")),
                        (("class", "ref"), ("data-of", f"c{i}"))))
    meta = data["meta"]
    for name, date in (("published", meta["published"]), ("signed", meta["signed"])):
        if date is not None:
            out.append(_date_mark(name, date))
    for i, m in enumerate(data["metrics"]):
        out.append(Mark(m["span"][0], m["span"][1], RANK["metric"],
                        (("id", f"m{i}"), ("class", "met"), ("data-kind", "metric"), ("data-span", _span(m["span"])),
                         ("data-value", _number(m["value"])), ("data-unit", m["unit"]), ("data-metric", m["kind"]),
                         ("data-label", m["label"] or ""), ("tabindex", "0"), ("data-tip", _metric_tip(m))),
                        (("class", "met"), ("data-of", f"m{i}"))))
    out.extend(Mark(found.start() + 1, found.end(), RANK["gap"], (("class", "gap"),), (("class", "gap"),))
               for found in BLANK_LINES.finditer(text))
    return out


# -- the side panel ------------------------------------------------------------------------------

def _tree(nodes: list[NodeData], metrics: Counter[str], text: str) -> Iterator[str]:
    yield "<ol>"
    for node in nodes:
        css = " ".join(c for c in (node["kind"], "inf" if node["inferred"] else "") if c)
        shown = f"[{node['number']}?]" if node["inferred"] else node["marker"]
        title = node["title"] or " ".join(node["text"][len(node["marker"]):].split())[:40]
        count = metrics.get(node["id"], 0)
        badge = f'<span class="n" title="{count} metrics">{count}</span>' if count else ""
        yield (f'<li class="{css}"><a href="#n{escape_attr(node["id"])}" title="{escape_attr(shown + title)}">'
               f'<span class="tmk l{min(int(node["level"]), 9)}">{escape_text(shown)}</span>'
               f'<span class="t">{escape_text(title)}</span>{badge}</a>')
        if node["children"]:
            yield from _tree(node["children"], metrics, text)
        yield "</li>"
    yield "</ol>"


def _date_dd(name: str, date: DateData | None) -> str:
    if date is None:
        return '<span class="at">none</span>'
    shown = escape_text(date["iso"] or date["raw"])
    fix = (f' <span class="tag fix">repaired from “{escape_text(date["raw"])}”</span>' if date["repaired"] else "")
    return f'<a href="#d-{name}">{shown}</a>{fix}'


def _meta(data: ReportData) -> Iterator[str]:
    meta = data["meta"]
    source = data["source"]
    rows: list[tuple[str, str]] = [
        ("title", escape_text(meta["title"] or "—")),
        ("issuer", escape_text(meta["issuer"] or "—")),
        ("signed", _date_dd("signed", meta["signed"])),
        ("published", _date_dd("published", meta["published"])),
        ("doc. number", escape_text(meta["doc_number"] or "—")),
        ("source", escape_text(meta["source"] or "—")),
        ("author", escape_text(meta["author"] or "—")),
        ("breadcrumb", escape_text(" › ".join(meta["breadcrumb"]) or "—")),
    ]
    rows.extend((escape_text(label), escape_text(value or "—")) for label, value in meta["fields"].items())
    yield '<dl class="meta">'
    yield from (f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    yield "</dl>"
    yield '<dl class="meta" style="margin-top:.6rem">'
    yield f"<dt>file</dt><dd>{escape_text(source['path'] or 'standard input')}</dd>"
    yield (f"<dt>read as</dt><dd>{escape_text(source['format'])} · {escape_text(source['encoding'])} · "
           f"{source['chars']:,} characters</dd>")
    yield f'<dt>sha256</dt><dd><code title="{escape_attr(source["sha256"])}">{source["sha256"][:16]}…</code></dd>'
    yield "</dl>"


def _warnings(data: ReportData) -> Iterator[str]:
    yield '<ol class="warns">'
    for i, w in enumerate(data["warnings"]):
        code = escape_text(w["code"])
        link = f'<a href="#w{i}"><code>{code}</code></a>' if w["span"] is not None else f"<code>{code}</code>"
        at = f"{w['span'][0]}–{w['span'][1]}" if w["span"] is not None else "no span"
        yield (f'<li data-kind="warning" data-span="{_span(w["span"])}" data-code="{escape_attr(w["code"])}">'
               f'{link} {escape_text(w["message"])} <span class="at">{at}</span></li>')
    yield "</ol>"


def _removed(data: ReportData) -> Iterator[str]:
    yield '<ol class="rms">'
    for i, r in enumerate(data["removed"]):
        words = " ".join(r["text"].split())
        shown = words if len(words) <= 60 else words[:59] + "…"
        yield (f'<li><a href="#r{i}">{escape_text(r["kind"])} · {escape_text(r.get("rule") or r["kind"])}</a> '
               f'<span class="what">{escape_text(shown)}</span></li>')
    yield "</ol>"


def _references(data: ReportData) -> Iterator[str]:
    yield '<ol class="refs">'
    for i, ref in enumerate(data["references"]):
        yield f'<li><a href="#c{i}">《{escape_text(ref["title"])}》</a></li>'
    yield "</ol>"


def _box(name: str, count: int, body: Iterable[str], open_: bool = True, hot: bool = False) -> Iterator[str]:
    yield f'<details class="box"{" open" if open_ else ""}><summary>{name}'
    yield f'<span class="n{" hot" if hot and count else ""}">{count}</span></summary>'
    yield from body
    yield "</details>"


LEGEND = ('<div class="legend"><span><b class="hd l1">一、</b> heading</span> <span><b class="it l3">一是</b> item'
          '</span> <span class="hd inf">[3?] inferred</span> <span class="met">12个</span> metric '
          '<span class="ref">《…》</span> cited <span class="date">date</span> <span class="date fix">repaired'
          '</span> <span class="sig">signature</span> <span class="rm">removed</span></div>')


def _head(data: ReportData) -> str:
    title = data["meta"]["title"] or data["source"]["path"] or "standard input"
    return ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="govreport">\n<title>{escape_text(title)} · govreport audit</title>\n'
            f'<script type="application/json" id="{SUMMARY_ID}">{embed_json(summary(data))}</script>\n'
            f"<style>{PAGE_CSS}</style>\n</head>\n")


def _body(data: ReportData, text: str) -> Iterator[str]:
    from .. import __version__

    meta = data["meta"]
    metrics_by_node = Counter(m["node"] for m in data["metrics"] if m["node"])
    nodes = sum(1 for _ in walk(data["outline"]))
    title = meta["title"] or data["source"]["path"] or "standard input"
    yield '<body>\n<div class="layout">\n<aside class="side">\n'
    yield '<div class="brand"><b>govreport</b> audit</div>\n'
    yield from _box("Outline", nodes, ['<nav class="tree">', *_tree(data["outline"], metrics_by_node, text), "</nav>"])
    yield from _box("Warnings", len(data["warnings"]), _warnings(data), hot=True)
    yield from _box("Document", len(meta["fields"]) + 8, _meta(data))
    yield from _box("Removed", len(data["removed"]), _removed(data), open_=False)
    yield from _box("Cited documents", len(data["references"]), _references(data), open_=False)
    yield LEGEND
    yield '\n</aside>\n<main class="page">\n<header class="head">'
    yield f"<h1>{escape_text(title)}</h1>"
    sub = [escape_text(meta["issuer"] or ""), f"signed {_date_dd('signed', meta['signed'])}" if meta["signed"] else "",
           escape_text(data["source"]["path"] or "standard input")]
    yield '<div class="sub">' + " · ".join(s for s in sub if s) + "</div>"
    counts = [(nodes, "nodes"), (len(data["metrics"]), "metrics"), (len(data["references"]), "cited"),
              (len(data["removed"]), "removed"), (len(data["warnings"]), "warnings")]
    yield '<ul class="counts">' + "".join(f"<li><b>{n:,}</b> {what}</li>" for n, what in counts) + "</ul>"
    yield ('<div class="opts"><label><input type="checkbox" id="hide-removed"> hide removed stretches</label>'
           "<span>hover or focus a number, date or 《title》 for what was read</span></div>")
    yield '</header>\n<article class="sheet"><div class="src" id="src">'
    yield from markup(text, marks(data, text))
    yield "</div></article>\n"
    yield (f'<p class="foot">govreport {escape_text(__version__)} · <code>data-span</code> is [start, end) in '
           "code points of the text <code>govreport extract --format source</code> prints</p>\n")
    yield f"</main>\n</div>\n<script>{PAGE_JS}</script>\n</body>\n</html>\n"


def render_page(data: ReportData, text: str) -> Iterator[bytes]:
    """The page as UTF-8 pieces; the first piece is the whole head, summary included."""
    yield _head(data).encode("utf-8", "replace")
    yield from chunked(_body(data, text))
