"""Line cues shared by the layout stages: what a single line looks like.

Navigation, widgets, footers and header fields are recognised from the vocabularies in
``rules/``; nothing here rewrites a line, so every finding keeps its span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .lines import split_where
from .pattern_cache import compiled
from .records import WHITESPACE, DateFound, HeaderField, Issue, Line, Stretch
from .rules import HAN, alt, alt_spaced, any_of
from .rules.cues import FOOTER, NAVIGATION, WIDGETS
from .rules.fields import BARE_DATE_LABEL, BARE_LABELS, BODY_LABELS, META_LABELS, OTHER_LABELS, TAIL_LABELS
from .rules.lines import SALUTATION
from .rules.markers import STRONG_HEAD
from .rules.punct import CLAUSE_BREAKS, COLONS, COMMAS, PROSE, SEMICOLONS, SENTENCE_END, STOPS

ALL_LABELS = tuple(x for labels in META_LABELS.values() for x in labels) + OTHER_LABELS
# cue patterns use only what the stdlib re module offers; it scans long lines faster
# a label may follow its neighbour's value directly: <span>2021-03-01</span><span>来源：…</span>
_LABEL_RE = compiled(rf"(?P<label>{alt_spaced(ALL_LABELS)})\s*+[:：]")
# a header-table cell that is a label: 索 引 号 | 成文日期: | 公开目录：
_CELL_LABEL = compiled(rf"(?:{alt_spaced(ALL_LABELS + BARE_LABELS)})\s*+[:：]?|{HAN}{{2,8}}[:：]")
_CELL_SPLIT = compiled(r"[|｜]")
# a cell that holds a known label and its value: 发文时间:2020-12-31
_CELL_FIELD = compiled(rf"(?P<label>{alt_spaced(ALL_LABELS)}|{HAN}{{2,6}})\s*+[:：]\s*+(?P<value>\S.{{0,60}})")
BODY_LABEL = compiled(rf"{alt(BODY_LABELS)}\s*+[:：]")
# a site's name and address standing before the header fields of a news page
_SITE_PREFIX = compiled(r"\S{2,20}[\s\u3000]++(?:https?://)?[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++/?[\s\u3000]++")
# labels set in lenticular brackets, the law-database notation: 【发布部门】最高人民法院【发文字号】法发[2019]7号
_BRACKET_RE = compiled(rf"【\s*+(?P<label>{alt(ALL_LABELS)})\s*+】")
_BARE_RE = compiled(rf"(?:^|(?<=\s))(?P<label>{alt_spaced(BARE_LABELS)})(?=[\s])")
TAIL_FIELD = compiled(rf"^[（(【\[]?\s*+{alt(TAIL_LABELS)}\s*+[:：]")
_NAV_RE = any_of(NAVIGATION)
_WIDGET_RE = any_of(WIDGETS)
_FOOTER_RE = any_of(FOOTER)
HEAD_MARKER = compiled(STRONG_HEAD)
_WRAPPERS = {"（": "）", "(": ")", "【": "】", "[": "]"}
_BULLET = compiled(r"[•·●◆■▪◇○*\-]\s*+")
_ANY_LABEL = compiled(rf"(?<![^\s])(?P<label>{HAN}{{2,6}})\s*+[:：]")
_ANY_LABEL_FIRST = compiled(rf"{HAN}{{2,6}}\s*+[:：]\s*+[^\s:：]")
_EMPTY_LABEL = compiled(rf"{HAN}{{2,8}}[:：]$")
_VALUE_EDGES = WHITESPACE + "|｜【】[]"
_SQUARE_LABEL = compiled(rf"\[(?P<label>{HAN}[^\[\]\n:：]{{1,38}}+)\](?=\s*+[^\s\[][^\[\n]{{0,60}}$)")
"""A label in square brackets with a short value after it, one to a line, as procurement records print
their fields ([機關名稱]臺南市政府, [標案案號]108B0030); a line of such fields glued together stays text."""
_MONTH_DAY_TIME = r"\s*+[-/.年]\s*+\d{1,2}\s*+[-/.月]\s*+\d{1,2}\s*+日?(?:\s*+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
"""What follows a header date's year: month, day and an optional time (年6月1日 10:20, /06/01)."""
_LEADING_DATE = compiled(
    rf"(?P<date>(?:19|20)\d{{2}}{_MONTH_DAY_TIME})"
    r"[\s\u3000\xa0|｜]*+")  # the label may follow the date directly: 2022年01月18日来源:1
_BODY_PUNCT = compiled(f"[{SENTENCE_END}]|[{COMMAS}].{{6,}}")
SENTENCE_PUNCT = compiled(f"[{PROSE}]")
TOC_PAGE = compiled(r"[\s　.．…·•\-—_]*+\d{0,4}$")


class Layout(NamedTuple):
    """What ``layout`` finds: the page's parts, each line keeping its span in the source."""

    title: Line | None
    body: Sequence[Line]
    removed: tuple[Stretch, ...]
    """Everything that is neither body nor signature, in page order."""
    signature: Sequence[Line]
    issuer: str | None
    signed: DateFound | None
    fields: tuple[HeaderField, ...]
    """Header fields above the body, in page order."""
    tail_fields: tuple[HeaderField, ...]
    """Fields in the footer below the body (责任编辑：…, 发布日期：…)."""
    bare_date: tuple[str, tuple[int, int]] | None
    """A date alone on its line under the title, with no label."""
    breadcrumb: tuple[str, ...]
    doc_number: tuple[str, tuple[int, int]] | None
    """A document number standing alone in the head or glued before the title."""
    issues: tuple[Issue, ...]
    attachments_at: tuple[int, ...]
    """Offsets of attachment headings (附件1) after the signature: numbering restarts there."""
    contents: tuple[int, ...] = ()
    """Offsets of the body lines of a table of contents kept as text (a page that holds nothing after
    it): they are never outline."""


def _stripped(text: str | Line) -> str:
    return text.stripped if isinstance(text, Line) else text.strip(WHITESPACE)


def is_navigation(text: str | Line) -> bool:
    stripped = _stripped(text)
    if _NAV_RE.search(stripped):
        return True
    return len(stripped) <= 120 and sum(stripped.count(ch) for ch in ">＞»›") >= 2


def is_widget(text: str | Line) -> bool:
    stripped = _stripped(text)
    bullet = _BULLET.match(stripped)  # • 分享到 :
    if bullet is not None:
        stripped = stripped[bullet.end():]
    if stripped[-1:] in STOPS and _CLAUSE.search(stripped) is not None:
        return False  # a sentence that names a widget's word (……依據戶籍資料列印製發。), not a widget
    return len(stripped) <= 60 and _WIDGET_RE.search(stripped) is not None


def is_footer(text: str | Line) -> bool:
    stripped = _stripped(text)
    return len(stripped) <= 200 and _FOOTER_RE.search(stripped) is not None


def _label(raw: str) -> str:
    """A label as the table knows it: padding and a trailing colon dropped (索 引 号： → 索引号)."""
    return "".join(raw.split()).rstrip(":：")


def table_cells(line: Line) -> list[tuple[str, int]]:
    """The cells of a line flattened from a table (``|``-separated), each with its offset into the
    line's text, leading empty cells dropped; [] when the line has no ``|``."""
    text = line.text
    if "|" not in text and "｜" not in text:
        return []
    cells: list[tuple[int, int]] = []
    pos = 0
    for sep in _CELL_SPLIT.finditer(text):
        cells.append((pos, sep.start()))
        pos = sep.end()
    cells.append((pos, len(text)))
    trimmed = []
    for a, b in cells:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip(WHITESPACE))
        trimmed.append((piece.strip(WHITESPACE), a + lead))
    while trimmed and not trimmed[0][0]:
        trimmed.pop(0)
    return trimmed


def table_row_items(line: Line) -> list[tuple[str, str, tuple[int, int]]]:
    """The fields of a header-table row flattened to ``|``-separated cells, or [] when its first
    cell is not a label: 索 引 号 | 0144/2018-04736 | 分 类 | 年报 |, 文号 | 成文日期: | 2021年4月15日 |.
    A label cell followed by another label cell has an empty value; a cell may hold a label and its
    value (发文字号: | 发文时间:2020-12-31 |: the second cell is a field of its own, not the first's value)."""
    trimmed = table_cells(line)
    if not trimmed:
        return []
    if not _CELL_LABEL.fullmatch(trimmed[0][0]):  # a first cell with its value needs another label cell in the row
        if not _CELL_FIELD.fullmatch(trimmed[0][0]) or not any(
                _CELL_LABEL.fullmatch(c) or _CELL_FIELD.fullmatch(c) for c, _ in trimmed[1:]):
            return []
    items: list[tuple[str, str, tuple[int, int]]] = []
    i = 0
    while i < len(trimmed):
        cell, at = trimmed[i]
        whole = _CELL_FIELD.fullmatch(cell) if cell and not _CELL_LABEL.fullmatch(cell) else None
        if whole is not None:
            value = whole.group("value")
            vat = at + whole.start("value")
            items.append((_label(whole.group("label")), value, (line.start + vat, line.start + vat + len(value))))
            i += 1
            continue
        if not cell or not _CELL_LABEL.fullmatch(cell):
            i += 1
            continue
        value, vat = ("", at + len(cell))
        if i + 1 < len(trimmed) and not _CELL_LABEL.fullmatch(trimmed[i + 1][0]) \
                and not _CELL_FIELD.fullmatch(trimmed[i + 1][0]):
            value, vat = trimmed[i + 1]
            i += 1
        items.append((_label(cell), value, (line.start + vat, line.start + vat + len(value))))
        i += 1
    return items


def field_items(line: Line, bare: bool = True) -> list[tuple[str, str, tuple[int, int]]]:
    """``label: value`` pairs on a header line, or [] when the line does not start with a label."""
    text = line.text
    lead = line.content_start - line.start
    row = table_row_items(line)
    if row:
        return row
    bullet = _BULLET.match(text, lead)  # • 信息索引号：
    if bullet is not None:
        lead = bullet.end()
    limit = len(text)
    unknown = False
    closing = _WRAPPERS.get(text[lead:lead + 1])  # （来源：市司法局）
    if closing is not None and line.stripped.endswith(closing) and closing not in line.stripped[1:-1]:
        lead, limit = lead + 1, line.content_end - line.start - 1
    dated = _LEADING_DATE.match(text, lead)  # 2021-06-01 10:20　来源：市政府办公室
    if dated is not None:
        rest = field_items(Line.of(line.position, line.start, " " * dated.end() + text[dated.end():]), bare)
        if rest:
            found = dated.group("date")
            return [(BARE_DATE_LABEL, found, (line.start + lead, line.start + lead + len(found))), *rest]
    if _LABEL_RE.match(text, lead):  # only a line that starts with a label is scanned whole
        matches = list(_LABEL_RE.finditer(text, lead))
    elif _BRACKET_RE.match(text, lead):
        matches = list(_BRACKET_RE.finditer(text, lead))
    elif bare and _SQUARE_LABEL.match(text, lead):  # [機關名稱]臺南市政府: a record's field, its label in brackets
        matches = [_SQUARE_LABEL.match(text, lead)]  # type: ignore[list-item]
    elif bare and (site := _SITE_PREFIX.match(text, lead)) is not None and _LABEL_RE.match(text, site.end()):
        matches = list(_LABEL_RE.finditer(text, site.end()))  # 湖南司法厅 sft.hunan.gov.cn 时间:2021年01月19日
    elif bare and _BARE_RE.match(text, lead):
        matches = list(_BARE_RE.finditer(text, lead))
    elif bare and _ANY_LABEL_FIRST.match(text, lead) and not SALUTATION.search(line.stripped) \
            and not BODY_LABEL.match(text, lead) and not HEAD_MARKER.match(text, lead):  # 第一部分：单位概况
        matches = list(_ANY_LABEL.finditer(text, lead))  # 文件类型：通知　所属主题：安全 (labels not in the table)
        unknown = True
    else:
        return []
    items = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else limit
        raw = text[m.end():end]
        value = raw.strip(_VALUE_EDGES)
        if unknown and is_prose(value) and _GLUED_DATE.match(value) is None:
            return []  # 市長提示：一、台南蜜棗本月首度通過檢疫，…: a paragraph, not a field
        vstart = m.end() + (len(raw) - len(raw.lstrip(_VALUE_EDGES)))
        items.append((_label(m.group("label")), value, (line.start + vstart, line.start + vstart + len(value))))
    return items


FIELD_PROSE = 60
"""A value longer than this with sentence punctuation is a paragraph: no header field holds one (a label the
table does not know followed by one is the paragraph's lead-in, 市長提示：…)."""


def is_prose(value: str) -> bool:
    """A paragraph's worth of sentences: longer than FIELD_PROSE, with a full stop or two clause breaks."""
    return len(value) > FIELD_PROSE and (_FULL_STOP.search(value) is not None or len(_CLAUSE.findall(value)) >= 2)


def is_sentences(text: str) -> bool:
    """A line of prose: a paragraph (``is_prose``) or a sentence of three clauses or more that ends with a
    full stop (本局推動無障礙環境，辦理說明會，協助業者改善設施。), which no footer or navigation row is."""
    return is_prose(text) or (text[-1:] in STOPS and len(_CLAUSE.findall(text)) >= 2)


_FULL_STOP = compiled(f"[{STOPS}]")
_CLAUSE = compiled(f"[{CLAUSE_BREAKS}]")
_ENDS_SENTENCE = STOPS + "…"
_ENDS_CLAUSE = SEMICOLONS + COLONS


def starts_with_label(line: Line) -> bool:
    """Whether the line opens with a header label the tables know, followed by its colon (栏目：, 法規類別：)."""
    return _LABEL_RE.match(line.text, line.content_start - line.start) is not None


def is_body_like(text: str | Line) -> bool:
    """A paragraph of prose or a numbered heading, as opposed to a short page label."""
    stripped = _stripped(text)
    if not stripped:
        return False
    if HEAD_MARKER.match(stripped) or BODY_LABEL.match(stripped):  # 依據：…, 主旨：… open a notice's body
        return True
    if _EMPTY_LABEL.match(stripped) and not SALUTATION.search(stripped):  # 文件类型： with its value missing
        return False
    if (stripped[-1] in _ENDS_SENTENCE and len(stripped) >= 2) or (stripped[-1] in _ENDS_CLAUSE and len(stripped) >= 4):
        return True
    return len(stripped) >= 15 and _BODY_PUNCT.search(stripped) is not None


def split_glued_body(lines: Sequence[Line], head_lines: int = 8) -> Sequence[Line]:
    """Lines of the page's head where a crawler glued header fields to the notice's body
    (發文日期：…發文字號：…主旨：…) are split before the body label, so that each part is classified
    on its own; the parts keep their exact spans."""
    def cut_of(ln: Line) -> int:
        if ln.position >= head_lines or not ln.stripped:
            return 0
        found = BODY_LABEL.search(ln.text)
        if found is not None and found.start() > ln.content_start - ln.start \
                and field_items(Line.of(ln.position, ln.start, ln.text[:found.start()])):
            return found.start()
        return _date_glued_to_body(ln)

    return split_where(lines, cut_of)


_GLUED_DATE = compiled(rf"\d{{2,4}}{_MONTH_DAY_TIME}")
"""A date (and time) a header field holds, the year Western or Minguo (111年4月26日 15:25, 108/05/15)."""


GLUED_BODY_MIN = 20
"""The least a body glued after a header date holds: a sentence (a weekday or a time zone is no body)."""


def _date_glued_to_body(ln: Line) -> int:
    """Where a header line's last field, a date (and time), ends when the page's body is glued to it
    (發稿時間：111年4月26日 15:25臺南市南區…, 公告日：108/05/15該顯示之欄位…): an offset into the line, 0 when
    the line is no such thing."""
    items = field_items(ln)
    if not items:
        return 0
    _, value, (start, _end) = items[-1]
    date = _GLUED_DATE.match(value)
    if date is None:
        return 0
    rest = value[date.end():]
    if len(rest) < GLUED_BODY_MIN or _CLAUSE.search(rest) is None or _FULL_STOP.search(rest) is None:
        return 0
    return start - ln.start + date.end()
