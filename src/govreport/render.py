"""Renderers: a Report's plain data (``report_data.py``) as Markdown, CSV rows or a terminal tree (JSON:
``json_writer.py``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .rules.punct import COLONS, COMMAS, SEMICOLONS

if TYPE_CHECKING:
    from .report_data import DateData, MetricData, NodeData, ReportData

CSV_HEADER = ("path", "title", "node", "heading_path", "raw", "value", "unit", "kind", "qualifier", "label",
              "start", "end")


def _walk_items(nodes: list[NodeData], depth: int) -> Iterator[tuple[NodeData, int]]:
    """Nodes in document order with how many items enclose them (for list indentation)."""
    for node in nodes:
        yield node, depth
        yield from _walk_items(node["children"], depth + (node["kind"] == "item"))


def shown_marker(node: NodeData) -> str:
    """The marker as a reader sees it; a node whose marker the page lost shows its number as ``[3?]``."""
    return f"[{node['number']}?]" if node["inferred"] else node["marker"]


def _paths(nodes: list[NodeData], prefix: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        here = (*prefix, f"{shown_marker(node)}{node['title']}")
        out[node["id"]] = here
        out.update(_paths(node["children"], here))
    return out


def _format_value(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def _csv_id(node: str | None) -> str:
    """A node id as CSV writes it: as everywhere else (``1.10``); readers are told to read it as text."""
    return node or ""


def csv_rows(report: ReportData) -> list[list[str]]:
    """One row per metric: where it stands and what it says (a page without metrics has none)."""
    paths = _paths(report["outline"])
    path, title = report["source"]["path"] or "-", report["meta"]["title"] or ""
    rows = []
    for m in report["metrics"]:
        rows.append([path, title, _csv_id(m["node"]), " > ".join(paths.get(m["node"] or "", ())), m["raw"],
                     _format_value(m["value"]), m["unit"], m["kind"], m["qualifier"] or "", m["label"] or "",
                     str(m["span"][0]), str(m["span"][1])])
    return rows


def to_csv(rows: list[list[str]], header: bool) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def _metric_md(m: MetricData) -> str:
    extra = ", ".join(x for x in (m["label"], m["qualifier"]) if x)
    return f"`{m['raw']}`" + (f" ({extra})" if extra else "")


_TITLE_TAIL = "。" + COLONS + SEMICOLONS + COMMAS + "、"
"""What separates a heading's words from the text after them (一、总体要求。……, （一）组织领导：……)."""


def _after_title(node: NodeData) -> str:
    """The node's own text after its marker and title."""
    text, marker, title = node["text"], node["marker"], node["title"]
    rest = text[len(marker):] if text.startswith(marker) else text
    rest = rest[len(title):] if rest.lstrip().startswith(title) else rest
    return rest.strip().lstrip(_TITLE_TAIL).strip()


def _shown_date(date: DateData | None) -> str | None:
    """A date as the human views show it: ISO when it was read, else as the page wrote it."""
    return (date["iso"] or date["raw"]) if date is not None else None


def to_markdown(report: ReportData) -> str:
    """The outline as Markdown: headings for heading nodes, bullets for items, metrics under each."""
    meta = report["meta"]
    out = [f"# {meta['title'] or report['source']['path'] or 'Untitled document'}", ""]
    facts = [("Published", _shown_date(meta["published"])),
             ("Source", meta["source"]), ("Author", meta["author"]), ("Document number", meta["doc_number"]),
             ("Issuer", meta["issuer"]), ("Signed", _shown_date(meta["signed"])),
             ("Breadcrumb", " > ".join(meta["breadcrumb"]) or None)]
    out.extend(f"- **{k}:** {v}" for k, v in facts if v)
    if any(v for _, v in facts):
        out.append("")
    if report["preamble"]:
        out.extend([report["preamble"].replace("\n", "\n\n"), ""])
    by_node: dict[str | None, list[MetricData]] = {}
    for m in report["metrics"]:
        by_node.setdefault(m["node"], []).append(m)
    for node, depth in _walk_items(report["outline"], 0):
        rest = _after_title(node)
        metrics = "; ".join(_metric_md(m) for m in by_node.get(node["id"], []))
        if node["kind"] == "heading":
            out.append(f"{'#' * min(node['level'] + 1, 6)} {shown_marker(node)}{node['title']}")
            out.extend(["", rest.replace("\n", "\n\n")] if rest else [])
            out.extend(["", f"Metrics: {metrics}"] if metrics else [])
            out.append("")
        else:
            pad = "  " * depth
            out.append(f"{pad}- **{shown_marker(node)}{node['title']}**" + (f" {rest}" if rest else ""))
            if metrics:
                out.append(f"{pad}  Metrics: {metrics}")
            if not node["children"]:
                out.append("")
    if report["references"]:
        out.append("## References")
        out.append("")
        out.extend(f"- 《{r['title']}》" for r in report["references"])
        out.append("")
    if report["warnings"]:
        out.append("## Warnings")
        out.append("")
        out.extend(f"- `{w['code']}`: {w['message']}" for w in report["warnings"])
        out.append("")
    if report["removed"]:  # what the page held besides the document, and the rule that dropped it
        out.append("## Removed")
        out.append("")
        out.extend(f"- `{r['rule'] or r['kind']}` {_md_inline(r['text'])}" for r in report["removed"])
        out.append("")
    return "\n".join(out)


def _md_inline(text: str) -> str:
    """Page text as one Markdown list item: line breaks kept as spaces, markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(text.split()))


def tree_text(report: ReportData, tty: bool) -> str:
    """The tree as text: coloured for a terminal, plain and 100 columns wide for a file or a pipe."""
    from rich.console import Console

    console = Console(file=None, record=True, width=None if tty else 100, force_terminal=tty, soft_wrap=False)
    with console.capture() as capture:
        console.print(to_tree(report))
        for line in tree_footer(report):
            console.print(line, style="dim", markup=False, highlight=False)
    return capture.get()


def tree_footer(report: ReportData) -> list[str]:
    """What a reader checks under the tree: who signed and when, what was dropped and why, what
    was warned of (a repaired date, a gap in the numbering)."""
    from collections import Counter

    meta = report["meta"]
    signed, published = meta["signed"], meta["published"]
    facts = [meta["issuer"] or ""]
    if signed is not None:
        repaired = f" (from {signed['raw']})" if signed["repaired"] else ""
        facts.append(f"signed {_shown_date(signed)}{repaired}")
    if meta["doc_number"]:
        facts.append(meta["doc_number"])
    if published is not None:
        facts.append(f"published {_shown_date(published)}")
    lines = [" · ".join(f for f in facts if f)] if any(facts) else []
    removed, warnings = report["removed"], report["warnings"]
    if removed:
        rules = Counter(r["rule"] or r["kind"] for r in removed)
        lines.append(f"removed {len(removed)}: " + " · ".join(f"{rule} {n}" for rule, n in rules.items()))
    if warnings:
        codes = Counter(w["code"] for w in warnings)
        lines.append("warnings: " + " · ".join(code if n == 1 else f"{code} ×{n}" for code, n in codes.items()))
    return lines


def to_tree(report: ReportData) -> object:
    """A rich Tree of the outline (rich is imported only here)."""
    from rich.markup import escape
    from rich.tree import Tree

    title = escape(report["meta"]["title"] or report["source"]["path"] or "document")
    root = Tree(f"[bold]{title}[/bold]")
    metrics: dict[str, list[str]] = {}
    for m in report["metrics"]:
        metrics.setdefault(m["node"] or "", []).append(m["raw"])

    def add(branch: Tree, nodes: list[NodeData]) -> None:
        for node in nodes:
            label = f"[cyan]{escape(shown_marker(node))}[/cyan]{escape(node['title'])}"
            if node["id"] in metrics:
                label += f"  [dim]{escape(' · '.join(metrics[node['id']]))}[/dim]"
            add(branch.add(label), node["children"])

    add(root, report["outline"])
    return root
