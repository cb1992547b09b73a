"""A corpus's index of audit pages: ``index.html`` in ``-o DIR/``, one row per input.

Each row gives the title (linking to the page), issuer, signature date, node and metric counts,
warnings by code, or the input's error. The table is plain HTML in input order; a little script
sorts it by a column (a click on its head, or ``index.html#sort=-warnings`` when opened).
Rows are written to a temporary file as the pages come, so the index of a million pages needs
no more memory than the index of ten.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .assets import CSP, INDEX_CSS, INDEX_JS
from .page import SUMMARY_ID
from .spans import escape_attr, escape_text

NAME = "index.html"
_SUMMARY = re.compile(rb'<script type="application/json" id="' + SUMMARY_ID.encode() + rb'">(.*?)</script>', re.S)
HEAD_BYTES = 1 << 16
"""How much of an existing page is read for its summary (the head comes first and is small)."""

NUM = ' class="num"'
COLUMNS = (("order", "#", True), ("title", "document", False), ("issuer", "issuer", False),
           ("signed", "signed", False), ("nodes", "nodes", True), ("metrics", "metrics", True),
           ("warnings", "warnings", True), ("error", "error", False))


def read_summary(head: bytes) -> dict[str, Any] | None:
    """The summary an audit page carries in its head, or None."""
    found = _SUMMARY.search(head)
    if found is None:
        return None
    try:
        value = json.loads(found.group(1).decode("utf-8", "replace"))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class CorpusIndex:
    """Collects one row per input while a batch runs; ``finish`` writes ``index.html``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._rows = tempfile.TemporaryFile()
        self.count = 0
        self.pages = 0
        self.failures = 0
        self.totals: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()

    # -- rows ---------------------------------------------------------------------------------------

    def add(self, shown: str, target: Path, head: bytes) -> None:
        """A page was written to ``target``; ``head`` is its first piece."""
        found = read_summary(head)
        if found is None:
            self.failed(shown, "no-summary", f"{target} holds no govreport summary", target)
            return
        self._page(shown, target, found)

    def add_existing(self, shown: str, target: Path) -> None:
        """A page left from an earlier run (--skip-existing) is listed as it is."""
        try:
            with open(target, "rb") as fh:
                head = fh.read(HEAD_BYTES)
        except OSError as exc:
            self.failed(shown, "unreadable", f"its page {target} cannot be read ({exc.strerror or exc})")
            return
        self.add(shown, target, head)

    def failed(self, shown: str, code: str, message: str, target: Path | None = None) -> None:
        self.count += 1
        self.failures += 1
        self.codes["error"] += 1
        link = self._link(shown, target) if target is not None else escape_text(shown)
        cells = [f'<td class="num">{self.count}</td>',
                 f'<td class="doc" data-v="{escape_attr(shown)}">{link}</td>',
                 '<td></td>', '<td></td>', '<td class="num" data-v="-1"></td>', '<td class="num" data-v="-1"></td>',
                 '<td class="num" data-v="-1"></td>',
                 f'<td class="error" data-v="{escape_attr(code)}"><code>{escape_text(code)}</code> '
                 f"{escape_text(message)}</td>"]
        self._row('<tr class="err">' + "".join(cells) + "</tr>\n")

    def _page(self, shown: str, target: Path, s: dict[str, Any]) -> None:
        self.count += 1
        self.pages += 1
        warnings: dict[str, int] = {str(k): int(v) for k, v in (s.get("warnings") or {}).items()}
        for key in ("nodes", "metrics", "references", "removed"):
            self.totals[key] += int(s.get(key) or 0)
        self.codes.update(warnings)
        title = str(s.get("title") or "")
        signed = str(s.get("signed") or "")
        fix = ' <span class="n hot" title="repaired date">repaired</span>' if s.get("signed_repaired") else ""
        chips = "".join(f"<code>{escape_text(code)}{f' ×{n}' if n > 1 else ''}</code>"
                        for code, n in sorted(warnings.items()))
        cells = [f'<td class="num">{self.count}</td>',
                 f'<td class="doc" data-v="{escape_attr(title or shown)}">{self._link(shown, target, title)}</td>',
                 f'<td>{escape_text(str(s.get("issuer") or ""))}</td>',
                 f'<td data-v="{escape_attr(signed)}">{escape_text(signed)}{fix}</td>',
                 *(f'<td class="num" data-v="{n}">{n:,}</td>' for n in (int(s.get("nodes") or 0),
                                                                      int(s.get("metrics") or 0))),
                 f'<td class="num warn" data-v="{sum(warnings.values())}">{chips}</td>',
                 '<td class="error" data-v=""></td>']
        self._row("<tr>" + "".join(cells) + "</tr>\n")

    def _link(self, shown: str, target: Path, title: str = "") -> str:
        href = quote(target.relative_to(self.out).as_posix(), safe="/")
        name = escape_text(title or shown)
        under = f'<span class="p">{escape_text(shown)}</span>' if title else ""
        return f'<a href="{escape_attr(href)}">{name}</a>{under}'

    def _row(self, row: str) -> None:
        self._rows.write(row.encode("utf-8", "replace"))

    # -- the file -----------------------------------------------------------------------------------

    def _pieces(self) -> Iterator[bytes]:
        from .. import __version__

        head = [
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n",
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>govreport index · {self.count:,} inputs</title>\n<style>{INDEX_CSS}</style>\n</head>\n",
            '<body>\n<div class="wrap">\n<h1>govreport audit index</h1>\n',
            f'<p class="sub">{self.count:,} inputs · {self.pages:,} pages · {self.failures:,} failed · '
            f"govreport {escape_text(__version__)} · click a column to sort</p>\n",
            '<ul class="totals">',
            *(f"<li><b>{self.totals[k]:,}</b> {k}</li>" for k in ("nodes", "metrics", "references", "removed")),
            *(f'<li><code>{escape_text(code)}</code> <span class="n hot">{n:,}</span></li>'
              for code, n in sorted(self.codes.items())),
            '</ul>\n<div class="sheet"><table id="docs">\n<thead><tr>',
            *(f'<th data-col="{col}"{NUM if num else ""}><a href="#sort={col}">{label}</a></th>'
              for col, label, num in COLUMNS),
            "</tr></thead>\n<tbody>\n",
        ]
        yield "".join(head).encode("utf-8")
        self._rows.seek(0)
        while chunk := self._rows.read(1 << 16):
            yield chunk
        yield f"</tbody>\n</table></div>\n</div>\n<script>{INDEX_JS}</script>\n</body>\n</html>\n".encode()

    def finish(self, inputs: frozenset[str] = frozenset()) -> Path:
        """Write ``index.html`` beside the pages (never onto an input) and return its path."""
        from ..files import write_atomically
        from ..output import OutputError

        target = self.out / NAME
        try:
            if os.path.realpath(target) in inputs or target.is_symlink():
                raise OutputError(f"the index {target} would overwrite an input or a link; choose another --output")
            self.out.mkdir(parents=True, exist_ok=True)
            write_atomically(target, self._pieces())
        except OSError as exc:
            raise OutputError(f"cannot write the index {target} ({exc.strerror or exc})") from None
        finally:
            self.discard()
        return target

    def discard(self) -> None:
        self._rows.close()
