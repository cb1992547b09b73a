"""The outline tree: levels from the order in which styles open inside each branch.

A style already open in the current branch closes everything below it and starts a
sibling; a new style opens a level below the current one. GB/T 9704 order
(第一部分 > 第一章 > 第一节 > 第一条 > 一、 > (一) > 1. > (1) > ①) breaks ties when a
numbered run does not start at 1.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple, cast

from .lines import starts_of
from .lost import inferred_title
from .marker_candidates import NESTED, Marker
from .outline_node import NodePage, OutlineNode
from .pattern_cache import compiled
from .records import WHITESPACE, Issue, Line
from .rules.markers import BY_ID, INSERTED_SIGN, STYLE_ORDER
from .rules.punct import SENTENCE_END
from .titles import title_below, title_of


class _Drafts(NamedTuple):
    """The tree while it is placed, as columns by marker: the page's markers in order are the tree read in
    pre-order, so each marker's level places it (its parent is the last marker before it one level up). A
    marker's entry is set to None once its node is built, so that it is freed then."""

    markers: list[Marker | None]
    levels: bytearray
    titles: list[str]
    title_at: array[int]  # where the title starts, counted from the marker's start


def _inserted(m: Marker, previous: int) -> bool:
    """第 12-1 條 after 第 12 條, 第 七 編之一 after 第 七 編: inserted under its namesake's number."""
    return m.number == previous and any(c in m.marker for c in INSERTED_SIGN)


NEST_LOOKAHEAD = 400
"""How many markers ahead a run that starts again at 1 inside an open run of its style is followed to see
whether the open run goes on after it."""


def _nests(markers: Sequence[Marker], i: int, stack: list[Marker], bound: int | None, keys: Sequence[str],
           next_not_one: Sequence[int]) -> bool:
    """Whether markers[i], a 1 while a run of its style is open, starts a sub-list under the node before it:
    an open run of its style goes on after the new run ends (1. … 1. 2. 3. … 2.; 四、 … 一、二、三、 … 五、).
    The runs that follow are tracked as the page numbers them; a number that continues none of them, an
    ancestor's next marker, an attachment (``bound``) or NEST_LOOKAHEAD markers leave it a restart.
    ``keys`` are the markers' keys; ``next_not_one[i]`` is the index of the next marker of marker i's key
    whose number is not 1 (only such a marker can show the open run going on: a page of nothing but 1s is
    answered without following it)."""
    if next_not_one[i] > i + NEST_LOOKAHEAD:
        return False
    key = keys[i]
    open_keys = [n.key for n in stack]
    outer = open_keys.index(key)
    ancestors = set(open_keys[:outer])
    runs = [n.number for n in stack if n.key == key]
    base = len(runs)
    runs.append(1)
    for j in range(i + 1, min(len(markers), i + 1 + NEST_LOOKAHEAD)):
        m, mkey = markers[j], keys[j]
        if m.restart or (bound is not None and m.start >= bound) or mkey in ancestors:
            return False
        if mkey != key:
            continue
        if m.number == runs[-1] + 1:
            runs[-1] = m.number
            continue
        if m.number == 1:
            runs.append(1)
            continue
        k = len(runs) - 1
        while k >= 0 and runs[k] + 1 != m.number:
            k -= 1
        if k < 0:
            return False
        if k < base:
            return True
        del runs[k + 1:]
        runs[k] = m.number
    return False


MAX_DEPTH = 32
"""The deepest level the outline opens. Real documents reach 7 (6,287 pages of the shared corpus); a page
that would nest deeper (hundreds of lines of 一、 between 四、 and 五、, each a sub-list of the one before)
has its deeper headings placed at this level, so that every reader of the tree (pydantic, JSON encoders,
recursive code) can follow it."""


class _Placed(NamedTuple):
    """What placing a node noticed."""

    gap: Issue | None
    """The gap in its numbering, as a warning."""
    capped: bool
    """It would have opened a level below MAX_DEPTH."""


def _place(stack: list[Marker], m: Marker, articles: list[int], last: dict[str, int],
           nested: bool = False) -> _Placed:
    """Put ``m`` under the open marker it belongs to: it ends on the stack, its level the stack's height."""
    issue = None
    through = BY_ID[m.style].through
    if through:
        # articles (第N条) are numbered through the whole document, across chapters and sections
        if articles and m.number != articles[-1] + 1 and not _inserted(m, articles[-1]):
            issue = Issue("numbering-gap", f"Article {m.marker!r} follows article {articles[-1]}.",
                          (m.start, m.end))
        articles.append(m.number)
    styles = [n.key for n in stack]
    if m.kind == "heading" and (nested or m.key not in styles):
        while stack and stack[-1].kind == "item":
            stack.pop()
        styles = [n.key for n in stack]
    if nested:  # a sub-list in its parent run's style: below the current node, as a style not yet open
        pass
    elif m.key in styles:
        open_at = [k for k, key in enumerate(styles) if key == m.key]
        going_on = [k for k in open_at if stack[k].number + 1 == m.number]
        at = going_on[-1] if going_on else open_at[-1] if m.number == 1 or len(open_at) > 1 else open_at[0]
        prev = stack[at]
        del stack[at:]
        expected = prev.number + 1
        # a run that starts again at 1 under the same parent is a new list (an article's second list of
        # items after a paragraph of its own), never a gap
        if m.number != expected and m.number != 1 and not through \
                and not _inserted(m, prev.number):
            what = "restarts at" if m.number <= prev.number else "skips to"
            issue = Issue("numbering-gap", f"Numbering {what} {m.marker!r} after {prev.marker!r}.",
                          (m.start, m.end))
    elif m.number != 1:
        order = STYLE_ORDER[m.style]
        while stack and STYLE_ORDER[stack[-1].style] >= order and stack[-1].kind == "heading":
            stack.pop()
        # (三) under 二、 after (一)(二) under 一、: the document numbers this level through its parents
        if not through and last.get(m.key) != m.number - 1:
            issue = Issue("numbering-gap", f"Numbered run starts at {m.marker!r} instead of 1.",
                          (m.start, m.end))
    if m.kind == "heading":
        last[m.key] = m.number
    capped = len(stack) >= MAX_DEPTH
    if capped:
        del stack[MAX_DEPTH - 1:]
    stack.append(m)
    return _Placed(issue, capped)


def _freeze(drafts: _Drafts, lo: int, hi: int, depth: int, prefix: str, end: int,
            page: NodePage) -> tuple[OutlineNode, ...]:
    """The placed markers in [lo, hi) at level ``depth`` (with the subtree after each) as nodes: ids by position
    (1, 1.2 …), each node's content ending before its next sibling (or its parent's bound ``end``), its own text
    ending where its first child starts. A marker is dropped from ``drafts`` once its node is built."""
    markers, levels = drafts.markers, drafts.levels
    nodes: list[OutlineNode] = []
    i = lo
    while i < hi:
        j = i + 1
        while j < hi and levels[j] > depth:
            j += 1
        m = markers[i]
        assert m is not None
        nxt = markers[j] if j < hi else None
        bound = nxt.start if nxt is not None else end
        index = len(nodes) + 1
        children = _freeze(drafts, i + 1, j, depth + 1, f"{prefix}{index}.", bound, page) if j > i + 1 else ()
        start = m.start
        end_at = _content_end(page.body, page.starts, start, bound) - start
        own_end_at = children[0].start - start if children else end_at
        nodes.append(OutlineNode(start, m.style, m.kind, m.marker, m.number, m.flags, drafts.titles[i],
                                 drafts.title_at[i], depth, prefix, index, end_at, own_end_at, children, page))
        markers[i] = None
        i = j
    return tuple(nodes)


def _content_end(body: Sequence[Line], starts: Sequence[int], lo: int, hi: int) -> int:
    """End of the last body content in [lo, hi) (``lo`` when there is none)."""
    i = bisect_left(starts, hi) - 1
    while i >= 0 and body[i].end > lo:
        line = body[i]
        a, b = max(lo, line.start), min(hi, line.end)
        piece = line.text[a - line.start: b - line.start].rstrip(WHITESPACE)
        if piece:
            return a + len(piece)
        i -= 1
    return lo


_SENTENCE_END = compiled(f"[{SENTENCE_END}]")


def _two_levels(numbers: Sequence[int], holds: Sequence[bool], follows: Sequence[bool]) -> list[bool] | None:
    """Whether a run of one style under one parent reads as a list whose items hold lists of the same
    style (1, 1, 2, 2, 1, 2: 1.组织领导 / 1.… 2.… / 2.制度建设 / 1.… 2.…): which members are inner, or None.
    The outer numbers step by one, each inner list counts 1, 2, …, and the outer run must resume after an
    inner list at least once; an inner list starts only under a member that can hold one (``holds``: a
    heading with no sentence of its own, or one that ends in a colon) and in the paragraph right after it
    (``follows``). Otherwise the run stays flat: an article's second list after a paragraph of its own
    restarts at 1 (一、…二、…。 / 主管機關應…： / 一、…)."""
    n = len(numbers)
    seen: set[tuple[int, int, int]] = set()

    def walk(i: int, outer: int, inner: int) -> list[bool] | None:  # inner 0: no inner list open
        if i == n:
            return []
        if (i, outer, inner) in seen:
            return None
        seen.add((i, outer, inner))
        x = numbers[i]
        tries = []
        if (inner and x == inner + 1) or (not inner and x == 1 and holds[i - 1] and follows[i]):
            tries.append((True, outer, x))  # an inner list goes on, or one starts under the outer item
        if x == outer + 1:
            tries.append((False, x, 0))
        for is_inner, o, k in tries:
            rest = walk(i + 1, o, k)
            if rest is not None:
                return [is_inner, *rest]
        return None

    if n < 4 or numbers.count(1) < 2:
        return None
    found = walk(1, numbers[0], 0)
    if found is None:
        return None
    flags = [False, *found]
    resumed = any(a and not b for a, b in pairwise(flags))
    return flags if resumed else None


def _can_hold(m: Marker, body: Sequence[Line]) -> bool:
    """A member that may hold a list: its paragraph has no sentence of its own, or ends in a colon."""
    text = body[m.body_line].stripped
    return text.endswith((":", "：")) or _SENTENCE_END.search(text) is None


def _nest_same_style(markers: list[Marker], restarts: Sequence[int], body: Sequence[Line]) -> list[Marker]:
    """Mark the inner members of lists nested in an item of their own style (see ``_two_levels``). A run is
    the headings of one style between two headings of a style ranked above it (or an attachment's start).
    ``_nests`` follows the numbering alone while the tree is built; this pass settles, from the layout, the
    two-level lists whose numbers read both ways (3.结果运用 after an inner 2.: the outer run's 3, or the inner
    run's?): a member that holds a list has no sentence of its own."""
    groups: dict[str, array[int]] = {}  # each style's run of marker indices (an array: no int object per marker)
    runs: list[array[int]] = []
    bounds = sorted(restarts)
    for i, m in enumerate(markers):
        if bounds and m.start >= bounds[0]:
            bounds.pop(0)
            runs.extend(groups.values())
            groups = {}
        if m.kind != "heading" or m.weak:
            continue
        rank = STYLE_ORDER[m.style]
        for key in [k for k in groups if STYLE_ORDER[k] > rank]:  # a heading above closes the runs below it
            runs.append(groups.pop(key))
        if not BY_ID[m.style].per_depth and not BY_ID[m.style].through:
            groups.setdefault(m.style, array("l")).append(i)
    runs.extend(groups.values())
    inner: set[int] = set()
    for run in runs:
        members = [markers[i] for i in run]
        follows = [False, *(b.body_line == a.body_line + 1 for a, b in pairwise(members))]
        flags = _two_levels([m.number for m in members], [_can_hold(m, body) for m in members], follows)
        if flags is not None:
            inner.update(i for i, flag in zip(run, flags, strict=True) if flag)
    if not inner:
        return markers
    return [m._replace(flags=m.flags | NESTED) if i in inner else m for i, m in enumerate(markers)]


def _next_not_one(markers: Sequence[Marker], keys: Sequence[str]) -> array[int]:
    """For each marker, the index of the next marker of its key whose number is not 1 (len(markers) if none),
    as an array: no int object per marker."""
    none = len(markers)
    found = array("l", [none]) * none
    seen: dict[str, int] = {}
    for i in range(none - 1, -1, -1):
        found[i] = seen.get(keys[i], none)
        if markers[i].number != 1:
            seen[keys[i]] = i
    return found


class Tree(NamedTuple):
    """The outline's roots, and the warnings placing them raised: gaps in the numbering, a nesting held at
    MAX_DEPTH."""

    roots: tuple[OutlineNode, ...]
    issues: tuple[Issue, ...]


def build(accepted: list[Marker], body: Sequence[Line], restarts: Sequence[int]) -> Tree:
    """The tree of accepted markers. ``restarts`` are offsets where numbering starts afresh (附件).
    ``accepted`` is used up (emptied, or its markers dropped one by one): once the tree is placed, each marker
    is held by the drafts alone and freed when its node, which copies the marker's fields, is built."""
    markers = _nest_same_style(accepted, restarts, body)
    issues: list[Issue] = []
    levels, titles, title_at = bytearray(len(markers)), [], array("l")
    stack: list[Marker] = []
    articles: list[int] = []
    last: dict[str, int] = {}  # the last heading number of each style, across parents
    pending = sorted(restarts)
    keys = [m.key for m in markers]
    next_not_one = _next_not_one(markers, keys)
    capped = False
    for i, m in enumerate(markers):
        while pending and pending[0] <= m.start:
            pending.pop(0)
            stack.clear()
        if m.restart:
            stack.clear()
        nested = m.number == 1 and not BY_ID[m.style].through and any(n.key == keys[i] for n in stack) \
            and _nests(markers, i, stack, pending[0] if pending else None, keys, next_not_one)
        nxt = markers[i + 1].start if i + 1 < len(markers) and markers[i + 1].body_line == m.body_line else None
        title, tspan = title_of(m, body[m.body_line], nxt)
        if m.inferred:  # no heading words were marked off: the paragraph's lead clause
            title, tspan = inferred_title(body[m.body_line])
        elif not title and m.kind == "heading" and nxt is None:
            title, tspan = title_below(m, body, markers[i + 1] if i + 1 < len(markers) else None) or (title, tspan)
        titles.append(title)
        title_at.append(tspan[0] - m.start)
        placed = _place(stack, m, articles, last, nested)
        levels[i] = len(stack)
        if placed.gap is not None:
            issues.append(placed.gap)
        if placed.capped and not capped:
            capped = True
            issues.append(Issue("outline-too-deep", f"The outline would nest deeper than {MAX_DEPTH} levels from "
                                                    f"{m.marker!r} on; deeper headings stand at level {MAX_DEPTH}.",
                                (m.start, m.end)))
    if accepted is not markers:  # the markers as first accepted, before any was marked nested
        accepted.clear()
    del keys, next_not_one, stack
    if not body:
        return Tree((), tuple(issues))
    drafts = _Drafts(cast("list[Marker | None]", markers), levels, titles, title_at)
    del markers  # held by drafts alone: each is freed as its node is built
    return Tree(_freeze(drafts, 0, len(levels), 1, "", body[-1].end, NodePage(body, starts_of(body))), tuple(issues))
