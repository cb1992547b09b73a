"""The audit pages (``--format html`` and the corpus ``index.html``).

The markup is checked in Python first (spans → properly nested elements, escaping, counts against
the JSON), then in headless Chromium: the DOM a browser builds from the page has one element per
node, metric, removed stretch and warning, each with its span; a page whose text holds HTML and
script stays inert; nothing is requested from the network; the index sorts; the sample page's
screenshot is saved (``pytest tests/test_audit.py --update-golden`` writes docs/seed-audit.png).

Chromium comes from Debian's packages (.ci/run installs it). Where it cannot be had the browser
tests skip, except under CI (``CI`` set), where its absence fails them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govreport.audit.index import read_summary
from govreport.audit.page import render_page, walk
from govreport.audit.spans import Mark, markup
from govreport.cli import app
from govreport.pipeline import analyse_data, decode_bytes
from tests.conftest import DOCUMENTS, document_inputs

ROOT = Path(__file__).parent.parent
SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
SCREENSHOT = ROOT / "docs" / "seed-audit.png"
KINDS = ("node", "metric", "reference", "date", "removed", "warning", "signature")
VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "source", "area", "col", "embed", "track", "base"}


# -- reading markup back -------------------------------------------------------------------------

class Tree(HTMLParser):
    """Elements with their attributes and the text offsets they cover; fails on unbalanced tags."""

    def __init__(self, root_id: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.root_id = root_id
        self.stack: list[tuple[str, dict[str, str | None], int]] = []
        self.inside = root_id is None
        self.depth_in = 0
        self.text: list[str] = []
        self.size = 0
        self.elements: list[tuple[dict[str, str | None], int, int]] = []
        self.all_attrs: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.all_attrs.append((tag, found))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag in VOID:
            return
        if not self.inside and found.get("id") == self.root_id:
            self.inside = True
            self.depth_in = len(self.stack) + 1
        self.stack.append((tag, found, self.size))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.all_attrs.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes <{self.stack[-1][0] if self.stack else ''}>"
        _, attrs, start = self.stack.pop()
        if self.inside and len(self.stack) >= self.depth_in:
            self.elements.append((attrs, start, self.size))
        if self.root_id is not None and self.inside and len(self.stack) < self.depth_in:
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        if self.inside and not self._in_script:
            self.text.append(data)
            self.size += len(data)


def read_markup(html: str, root_id: str | None = None) -> Tree:
    tree = Tree(root_id)
    tree.feed(html)
    tree.close()
    assert not tree.stack or root_id is not None
    return tree


def coverage(tree: Tree, key: str) -> dict[str, list[tuple[int, int]]]:
    """The ranges each marked element covers: its first fragment (``id``) and its continuations
    (``data-of``)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for attrs, start, end in tree.elements:
        name = attrs.get("id") or attrs.get("data-of")
        if name is not None and name.startswith(key):
            out.setdefault(name, []).append((start, end))
    return out


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _mark(name: str, start: int, end: int, rank: int = 0) -> Mark:
    return Mark(start, end, rank, (("id", name), ("data-kind", "x")), (("data-of", name),))


# -- spans → markup -------------------------------------------------------------------------------

def test_crossing_spans_are_split_and_nested_and_every_character_kept() -> None:
    # constructed: a crosses b, c crosses b's end, d is empty inside b, e equals a, z holds all
    text = "0123456789ABCDEFGHIJ"
    marks = [_mark("a", 0, 10), _mark("b", 5, 15), _mark("d", 7, 7), _mark("c", 12, 20, 1), _mark("e", 0, 10, 3),
             _mark("z", 0, 20, 5)]
    html = "".join(markup(text, marks))
    tree = read_markup(f'<div id="r">{html}</div>', "r")
    assert "".join(tree.text) == text
    covered = coverage(tree, "")
    for m in marks:
        assert merged(covered[m.attrs[0][1]]) == ([(m.start, m.end)] if m.end > m.start else [(7, 7)])
    # one first fragment per mark, whatever the splitting
    assert Counter(a.get("id") for a, _, _ in tree.elements if a.get("data-kind")) == {m.attrs[0][1]: 1 for m in marks}
    # the crossing ones were split; the nested ones were not
    assert len(covered["b"]) == 2 and len(covered["z"]) == 1 and len(covered["c"]) == 1
    # equal spans nest by rank: e (rank 3) inside a (rank 0)
    assert html.index('id="a"') < html.index('id="e"')


def test_spans_outside_the_text_are_clamped_and_markup_in_the_text_is_escaped() -> None:
    text = 'a<b>&"c\rd\0'  # constructed
    html = "".join(markup(text, [_mark("x", -3, 2), _mark("y", 4, 99)]))
    assert "<b>" not in html and "a&lt;" in html and "b&gt;" in html and "&amp;" in html and "&#13;" in html
    tree = read_markup(f'<div id="r">{html}</div>', "r")
    assert "".join(tree.text) == text.replace("\0", "\ufffd")
    assert coverage(tree, "x") == {"x": [(0, 2)]} and coverage(tree, "y") == {"y": [(4, len(text))]}


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40).flatmap(lambda n: st.tuples(
    st.text(alphabet="ab<&\n一", min_size=n, max_size=n),
    st.lists(st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2), st.integers(0, 3)), max_size=12))))
def test_any_spans_give_balanced_markup_that_covers_each_span_exactly(case: tuple[str, list[tuple[int, int, int]]]) -> None:
    text, raw = case
    marks = [_mark(f"m{i}", min(s, e), max(s, e), r) for i, (s, e, r) in enumerate(raw)]
    tree = read_markup(f'<div id="r">{"".join(markup(text, marks))}</div>', "r")
    assert "".join(tree.text) == text
    covered = coverage(tree, "m")
    for i, m in enumerate(marks):
        start = min(max(m.start, 0), len(text))
        end = min(max(m.end, start), len(text))
        assert merged(covered[f"m{i}"]) == [(start, end)], (text, m)
        firsts = [(s, e) for a, s, e in tree.elements if a.get("id") == f"m{i}"]
        assert len(firsts) == 1 and firsts[0][0] == start


# -- the page, read as markup ----------------------------------------------------------------------

def _report(path: Path) -> tuple[dict[str, Any], str]:
    source, hints = decode_bytes(path.read_bytes(), str(path))
    return analyse_data(source, str(path), hints), source.text


def _page(data: dict[str, Any], text: str) -> str:
    return b"".join(render_page(data, text)).decode("utf-8")


def _expected_spans(data: dict[str, Any]) -> dict[str, Counter[str]]:
    meta = data["meta"]
    spans: dict[str, list[Any]] = {
        "node": [n["span"] for n in walk(data["outline"])],
        "metric": [m["span"] for m in data["metrics"]],
        "reference": [r["span"] for r in data["references"]],
        "date": [meta[k]["span"] for k in ("published", "signed") if meta[k] is not None],
        "removed": [r["span"] for r in data["removed"]],
        "warning": [w["span"] for w in data["warnings"]],
        "signature": [data["signature"]["span"]] if data["signature"] else [],
    }
    return {k: Counter("" if s is None else f"{s[0]},{s[1]}" for s in v) for k, v in spans.items()}


def _found_spans(attrs: list[tuple[str, dict[str, str | None]]]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for _, a in attrs:
        kind = a.get("data-kind")
        if kind is not None:
            found[kind][a.get("data-span") or ""] += 1
    return found


@pytest.mark.parametrize("path", document_inputs(), ids=lambda p: p.parent.name)
def test_each_fixture_page_has_one_element_per_item_with_its_span_over_its_text(path: Path) -> None:
    data, text = _report(path)
    tree = read_markup(_page(data, text), "src")
    assert "".join(tree.text) == text.replace("\0", "\ufffd")  # every character, in reading order
    assert _found_spans(tree.all_attrs) == _expected_spans(data)
    # each element covers exactly its span of the text (fragments included)
    covered = coverage(tree, "")
    for attrs, start, _ in tree.elements:
        if attrs.get("data-kind") and attrs.get("data-span"):
            lo, hi = (int(x) for x in str(attrs["data-span"]).split(","))
            pieces = covered[str(attrs["id"])]
            assert start == lo and merged(pieces) == [(lo, hi)]
    # the outline tree beside the text jumps to every node
    hrefs = [a["href"] for tag, a in tree.all_attrs if tag == "a" and (a.get("href") or "").startswith("#n")]
    ids = {a.get("id") for _, a in tree.all_attrs}
    assert len(hrefs) == sum(1 for _ in walk(data["outline"])) and all(h[1:] in ids for h in hrefs if h)
    summary = read_summary(next(render_page(data, text)))
    assert summary is not None and summary["nodes"] == len(hrefs) and summary["title"] == data["meta"]["title"]


INJECTION = (  # constructed: a page whose text holds markup that must stay text
    "关于<script>document.documentElement.setAttribute('data-pwned','script')</script>的通知\n"
    "一、总体要求\n"
    "<img src=\"http://127.0.0.1:{port}/img\" onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
    "完成率为98%。\n"
    "二、\"><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg>《<b>规定</b>》\n"
    "<style>@import url(http://127.0.0.1:{port}/css);</style><iframe src=\"http://127.0.0.1:{port}/frame\"></iframe>\n"
    "</div></main><script src=\"http://127.0.0.1:{port}/js\"></script>&lt;&amp;\n"
)


def test_a_page_whose_text_holds_html_and_script_keeps_it_as_characters() -> None:
    text = INJECTION.format(port=9)
    data = analyse_data(decode_bytes(text.encode(), "inject.txt")[0], "inject.txt")
    html = _page(data, text)
    tree = read_markup(html, "src")
    assert "".join(tree.text) == text
    tags = Counter(tag for tag, _ in tree.all_attrs)
    assert tags["script"] == 2 and tags["img"] == tags["svg"] == tags["iframe"] == tags["style"] - 1 == 0
    assert not [a for _, a in tree.all_attrs if any(k.startswith("on") for k in a)]
    assert not [a for _, a in tree.all_attrs if "src" in a]
    assert "127.0.0.1" not in "".join(tree.scripts)


def test_a_long_page_is_written_in_pieces() -> None:
    data, text = _report(SEED)
    big = (text + "\n") * 60  # constructed: the sample page 60 times (about 250,000 characters)
    data = analyse_data(decode_bytes(big.encode(), "big.txt")[0], "big.txt")
    pieces = list(render_page(data, big))
    assert len(pieces) > 10 and max(len(p) for p in pieces[1:]) < 4 * 65536
    assert read_summary(pieces[0]) is not None


# -- the command ---------------------------------------------------------------------------------

def test_html_is_chosen_by_the_ending_and_several_inputs_need_a_directory(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(SEED), "-o", str(tmp_path / "seed.html")])
    assert result.exit_code == 0
    assert (tmp_path / "seed.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["extract", str(SEED), str(SEED.with_name("expected.json")), "--format", "html"])
    assert result.exit_code == 2 and "-o DIR/" in result.output
    piped = runner.invoke(app, ["extract", "-", "--format", "html"], input=SEED.read_bytes())
    assert piped.exit_code == 0 and 'data-kind="metric"' in piped.stdout and "standard input" in piped.stdout


def test_a_directory_of_pages_gets_an_index_with_a_row_per_input_failed_ones_included(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)  # constructed: binary, fails
    shutil.copy(DOCUMENTS / "plan-2021" / "input.txt", inputs / "plan.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--format", "html", "-o", f"{out}/", "--quiet"])
    assert result.exit_code == 1
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.name != "index.html")
    assert len(pages) == 2 and all(p.startswith("in/") for p in pages)
    tree = read_markup((out / "index.html").read_text(encoding="utf-8"))
    rows = [a for tag, a in tree.all_attrs if tag == "tr"]
    assert len(rows) == 4 and [a.get("class") for a in rows].count("err") == 1  # a header and three inputs
    links = [a["href"] for tag, a in tree.all_attrs if tag == "a" and not (a.get("href") or "#").startswith("#")]
    assert sorted(str(h) for h in links) == pages  # each page's row links to it
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "binary" in index and "舟山市科学技术局2020年法治舟山(法治政府)工作总结" in index
    # resumed: pages already there are listed as they are
    (out / "index.html").unlink()
    result = CliRunner().invoke(app, ["extract", str(inputs), "--format", "html", "-o", f"{out}/", "--quiet",
                                      "--skip-existing"])
    again = read_markup((out / "index.html").read_text(encoding="utf-8"))
    assert len([a for tag, a in again.all_attrs if tag == "tr"]) == 4


# -- in a browser ----------------------------------------------------------------------------------

def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing under CI: .ci/run installs it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def _browse(url: str, tmp: Path, *extra: str) -> str:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--disable-background-networking", "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
           *extra, url]
    result = subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    return result.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    where = tmp_path_factory.mktemp("seed")
    shown = os.path.relpath(SEED)  # as a user names it from the checkout: tests/fixtures/…/input.txt
    result = CliRunner().invoke(app, ["extract", shown, "-o", str(where / "seed.html")])
    assert result.exit_code == 0
    data = json.loads(CliRunner().invoke(app, ["extract", str(SEED)]).stdout)
    return where / "seed.html", data


def test_in_chromium_the_sample_page_has_an_element_per_item_each_with_its_span(
        seed_page: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    page, data = seed_page
    dom = _browse(page.as_uri(), tmp_path, "--dump-dom")
    tree = read_markup(dom, "src")
    found = _found_spans(tree.all_attrs)
    assert found == _expected_spans(data)
    assert all(found[kind] for kind in KINDS)  # the sample page has some of each
    assert "".join(tree.text) == decode_bytes(SEED.read_bytes())[0].text
    # the outline tree is there, beside the text, with a link to each node
    nodes = sum(found["node"].values())
    assert dom.count('href="#n') == nodes and 'class="side"' in dom


def test_in_chromium_the_sample_page_reads_with_scripts_off_and_prints(
        seed_page: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    # scripts off: the same page with a policy that forbids every script (headless Chromium's own
    # switch for it leaves --dump-dom nothing to dump); the page's script marks <html> when it runs
    page, data = seed_page
    html = page.read_text(encoding="utf-8")
    off = tmp_path / "noscript.html"
    off.write_text(html.replace("script-src 'unsafe-inline'", "script-src 'none'", 1), encoding="utf-8")
    with_scripts = _browse(page.as_uri(), tmp_path, "--dump-dom")
    dom = _browse(off.as_uri(), tmp_path, "--dump-dom")
    assert '<html lang="zh" class="js">' in with_scripts and '<html lang="zh">' in dom
    tree = read_markup(dom, "src")
    assert _found_spans(tree.all_attrs) == _expected_spans(data)
    assert dom.count('href="#n') == sum(1 for _ in walk(data["outline"]))
    assert "".join(tree.text) == decode_bytes(SEED.read_bytes())[0].text
    pdf = tmp_path / "seed.pdf"
    _browse(page.as_uri(), tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    printed = pdf.read_bytes()
    pages = re.search(rb"/Count (\d+)", printed)
    assert printed.startswith(b"%PDF") and pages is not None and int(pages.group(1)) >= 3  # the whole text, paged


def _serve() -> tuple[ThreadingHTTPServer, list[str]]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def test_in_chromium_a_hostile_page_stays_inert_and_requests_nothing(tmp_path: Path) -> None:
    server, hits = _serve()
    try:
        port = server.server_address[1]
        text = INJECTION.format(port=port)
        (tmp_path / "inject.txt").write_text(text, encoding="utf-8")
        # the control: the same text served as HTML runs its script and makes its requests
        (tmp_path / "control.html").write_text(text, encoding="utf-8")
        control = _browse((tmp_path / "control.html").as_uri(), tmp_path, "--dump-dom")
        assert _pwned(control) and hits, "the control page should run its script and load"
        hits.clear()
        result = CliRunner().invoke(app, ["extract", str(tmp_path / "inject.txt"), "-o", str(tmp_path / "p.html")])
        assert result.exit_code == 0
        dom = _browse((tmp_path / "p.html").as_uri(), tmp_path, "--dump-dom")
    finally:
        server.shutdown()
    assert not _pwned(dom) and hits == []
    tree = read_markup(dom, "src")
    assert "".join(tree.text) == text
    assert not [a for _, a in tree.all_attrs if "src" in a or any(k.startswith("on") for k in a)]
    assert all(str(a.get("href", "#")).startswith("#") for _, a in tree.all_attrs)
    assert "default-src 'none'" in dom and "http:" not in dom.replace(f"http://127.0.0.1:{port}/", "")


def _pwned(dom: str) -> bool:
    """Whether a script of the page's text ran: each would mark the <html> element."""
    return any("data-pwned" in attrs for tag, attrs in read_markup(dom).all_attrs if tag == "html")


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_in_chromium_the_sample_page_screenshot(seed_page: tuple[Path, dict[str, Any]], tmp_path: Path,
                                                request: pytest.FixtureRequest) -> None:
    page, _ = seed_page
    shot = tmp_path / "seed-audit.png"
    _browse(page.as_uri(), tmp_path, "--window-size=1400,1000", f"--screenshot={shot}")
    assert _png_size(shot) == (1400, 1000) and shot.stat().st_size > 100_000  # text, colour: not a blank page
    if request.config.getoption("--update-golden"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(shot, SCREENSHOT)
    assert _png_size(SCREENSHOT) == (1400, 1000)
    assert "docs/seed-audit.png" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not SHARED_DOCS.is_dir(), reason="../shared/corpus/docs is not here")
def test_in_chromium_an_index_of_the_shared_docs_opens_and_sorts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(app, ["extract", str(SHARED_DOCS), "--format", "html", "-o", f"{out}/", "--quiet"])
    inputs = sorted(p for p in SHARED_DOCS.rglob("*") if p.suffix in (".txt", ".html", ".htm"))
    summaries = {}
    for page in out.rglob("*.html"):
        if page.name != "index.html":
            found = read_summary(page.read_bytes()[:65536])
            assert found is not None
            summaries[page.relative_to(out).as_posix()] = found
    assert len(summaries) + (out / "index.html").read_text(encoding="utf-8").count('class="err"') == len(inputs)
    for order, key in (("-nodes", "nodes"), ("metrics", "metrics")):
        dom = _browse((out / "index.html").as_uri() + f"#sort={order}", tmp_path, "--dump-dom")
        links = list(_row_links(dom))
        assert len(links) == len(summaries)
        values = [summaries[link][key] for link in links]
        assert values == sorted(values, reverse=order.startswith("-")), order
        assert f'data-col="{key}" class="num" aria-sort="{"descending" if order[0] == "-" else "ascending"}"' in dom


def _row_links(dom: str) -> Iterator[str]:
    tree = read_markup(dom)
    for tag, attrs in tree.all_attrs:
        href = attrs.get("href") or ""
        if tag == "a" and href and not href.startswith("#"):
            from urllib.parse import unquote

            yield unquote(href)
