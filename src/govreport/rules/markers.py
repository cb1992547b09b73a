"""Outline marker styles: how each opens a heading at a paragraph start, and how it
may open an item inside a paragraph. Order in STYLES is GB/T 9704 order (shallow first)
and is the default level order."""

from __future__ import annotations

from typing import NamedTuple

from . import HAN
from .numerals import CIRCLED, CN_FORMAL, CN_MARKER
from .punct import PROSE, SENTENCE_OR_COLON

N = f"[{CN_MARKER}]{{1,4}}+"
N_PLAIN_CHARS = "一二三四五六七八九十百零〇两"
N_PLAIN = f"[{N_PLAIN_CHARS}]{{1,4}}+"  # 一、 without the financial numerals (壹、 is its own style)
DIGITS = "0123456789０１２３４５６７８９"
D = r"[0-9０-９]{1,3}+"
N_ORD = f"[{CN_MARKER}千]{{1,7}}+"
"""The number of 第…条 / 第…章: a code runs to 第一千二百六十条 (seven characters) or 第 1225 條."""
D_ORD = r"[0-9０-９]{1,4}+"
SP = "[ \u3000\xa0]{0,2}+"
"""One space the law database (and PDF text) puts inside 第 1 條 / 第 一 章 around the number."""
GLUED_TITLE = rf"[^\s{PROSE}]{{2,40}}+$"
"""A title glued to its marker with no space (第一部分单位概况): the rest of the line is a short heading with
no sentence punctuation, so the marker cannot be the subject of a sentence (第一部分人员参加了培训。)."""
INSERTED_CN = f"(?:{SP}之{SP}[一二三四五六七八九十]{{1,3}}+)?+"
INSERTED_SIGN = "-－之"
"""An article or book inserted after its namesake (第 12-1 條, 第十二條之一, 第 七 編之一) is numbered as its
namesake and continues the run without a gap."""
QUANTITY_AFTER_NUMBER = "万亿千百%％个元年月日倍次人家件项米吨亩号"
"""Characters that, right after a decimal or an arabic marker, make it a quantity, not a heading
(1.2亿元, 3、5年, 2、3个). Kept apart from rules/units.py on purpose: a unit's first character is
not enough (公 opens 公里 but also 2、公开方式, 平 opens 平方米 but also 3、平台建设), so only
characters that after a number always count or measure are listed. tests/test_rules.py checks
that each one still begins a unit, a multiplier or 号 (an ordinal), and the cases below."""
MULTIPLIER_AFTER_SPACE = "万亿%％"
"""Characters that make a decimal a quantity even after a space (18.45 亿户, 854.2 万多条): PDF text wraps a
sentence right after its number, so a wrapped line can start with one. Only multipliers and the percent
sign: after a space a unit's character may open a heading's words (1.2 人员保障, 2.1 年度计划)."""
QUANTITY_EXAMPLES = ("1.2亿元", "3、5年", "2、3个", "12.5%", "1、2人", "2，3倍", "3.5万吨", "18.45 亿户",
                     "854.2 万多条留言")
"""Text that must not open an arabic-dot or decimal heading."""
QUANTITY_COUNTER = ("2、公开方式", "3、平台建设", "1.1 总体目标", "2、完善制度", "1.平方米单价", "1.2 人员保障",
                    "2.1 年度计划")
"""Text that opens one (after 1. a quantity needs a digit: 1.2, so 1.平 is a heading)."""


class MarkerStyle(NamedTuple):
    """A marker style.

    ``head`` matches at a paragraph start (after white space); ``inline`` matches
    inside a paragraph and is only accepted after a sentence or clause end and when
    the run it belongs to has a 1 and a 2. ``weak`` styles at a paragraph start need
    such a run too (一是 alone is often prose). ``opens`` are the characters an inline
    marker of the style may start with; ``glyphs`` its one-character markers (①, ⑴).
    Every other place reads a style through this entry: ``heading`` and ``inline_pattern``
    (with the glyphs), ``GLYPH_VALUES`` (their numbers), ``INLINE_OPENS`` (the inline
    scan's guard), ``STRONG_HEAD`` and ``JOINED_HEAD`` (line classification and lost line
    breaks)."""

    id: str
    head: str
    inline: str | None = None
    shown: str = ""
    """The style as the README and the Report's schema show it next to its id (一、, (一), 第一章)."""
    weak: bool = False
    opens: str = ""
    """The characters an inline marker of this style may start with (its glyphs aside)."""
    glyphs: str = ""
    """One-character markers of this style in order, the Nth numbering N (①…⑳, ⑴…⒇): matched at a
    paragraph start, and inline when the style has an inline form, without being written into a pattern."""
    joined: bool = False
    """After a space in a long line, a heading of this style shows where a scrape joined paragraphs; inside a
    paragraph, one whose number stands between two headings of its run (三、 ……。四、…… before 五、) is a heading
    whose paragraph break the page lost."""
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    per_depth: bool = False
    """Each depth of its numbering is its own outline level (1.1 under 1, 1.1.1 under 1.1)."""
    through: bool = False
    """Numbered through the whole document, across chapters and sections (第十九条 after 第十八条):
    a number is checked against the document's last one, and never against its level's."""
    not_after: str = ""
    """Characters right before an inline marker that make it a word or a citation (统一是, 第(一)项)."""
    after_stop: bool = False
    """Inline, it must follow a sentence end or a colon (依據：一、……。二、……), not a comma."""
    glued_first: bool = False
    """A run's first item may be glued to its heading's words: (二)完善制度体系一是加强……"""
    glued_run: bool = False
    """A run's next number may be glued to the end of the sentence before it: ……工作二是建立……;
    a strong heading of the style seeds the run (一、…… then 二、 inside the same paragraph)."""
    table_row: bool = False
    """It numbers the rows of a table (（一）予以公开, 1.属于国家秘密), where it is no heading."""
    inferable: bool = False
    """A heading of this style that lost its marker may be recovered from its numbered siblings."""
    uniform: bool = False
    """A page writes all its markers of this style in one shape (第 N 條 throughout, or 第N条): a line that
    starts with another shape (第二十一條規定辦理) is a citation once most markers agree."""

    @property
    def heading(self) -> str:
        """The pattern at a paragraph start: ``head`` or one of the glyphs."""
        parts = [p for p in (self.head, f"(?P<n>[{self.glyphs}])" if self.glyphs else "") if p]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    @property
    def inline_pattern(self) -> str | None:
        """The pattern inside a paragraph: ``inline`` or one of the glyphs (None: the style is never inline)."""
        if self.inline is None:
            return None
        parts = [p for p in (self.inline, f"(?P<n>[{self.glyphs}])" if self.glyphs else "") if p]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


# characters that turn 一是 into a word (统一是, 唯一是, 之一是 …) rather than a marker
SHI_FALSE_PREFIX = "统統唯之同单單专專划劃万萬归歸其逐第某任"
# characters after which an inline (一) is a citation, not a list marker (第三条第(一)项)
CITE_PREFIX = "第条條款项項"

STYLES: tuple[MarkerStyle, ...] = (
    MarkerStyle("part", shown="第一部分", head=rf"第{SP}(?P<n>{N}|{D}){SP}(?:部分|[编編]{INSERTED_CN})(?=[\s　:：、，,]|$|{GLUED_TITLE})",
          examples=("第一部分 总体要求", "第二部分：重点任务", "第 一 編 總則", "第 七 編之一 協商程序", "第一部分单位概况",
                    "第二部分2024年度单位决算情况说明"),
          counter=("第一部分人员参加了培训。", "第一部分内容由办公室负责，第二部分由财务室负责"), uniform=True,
          joined=True),
    MarkerStyle("chapter", shown="第一章", head=rf"第{SP}(?P<n>{N_ORD}|{D_ORD}){SP}章{INSERTED_CN}(?=[\s　:：、]|[^\s节]|$)",
          examples=("第一章 总则", "第十二章　附则", "第 一 章 總則", "第 2 章 罰則", "第 五 章之一 沒收"),
          counter=("第一章节",), uniform=True, joined=True),
    MarkerStyle("section", shown="第一节", head=rf"第{SP}(?P<n>{N_ORD}|{D_ORD}){SP}[节節]{INSERTED_CN}(?=[\s　:：、]|\S|$)",
          examples=("第一节 一般规定", "第 三 節 調查", "第 四 節 之 一 保證保險"), counter=(), uniform=True, joined=True),
    MarkerStyle("article", shown="第一条", head=rf"第{SP}(?P<n>{N_ORD}|{D_ORD})(?:[-－]{D})?{SP}[条條]{INSERTED_CN}(?=[\s　]|[^款项項、至及或与與和第]|$)",
          examples=("第一条 为了规范", "第十九条　本办法", "第一条", "第 1 條", "第 12-1 條", "第十二條之一", "第 1000 條",
                    "第一千二百六十条 本法自公布之日起施行"),
          counter=("第一条款", "第七條、第十一條", "第二條第四項", "第五条至第七条"), through=True, uniform=True,
          joined=True),
    MarkerStyle("cn-financial", shown="壹、", head=rf"(?P<n>[{CN_FORMAL}参]{{1,3}}+)、", inline=rf"(?P<n>[{CN_FORMAL}参]{{1,3}}+)、", opens=CN_FORMAL + "参",
          examples=("壹、本府轄管場域", "貳、 指引摘要", "参、其他"), counter=("参加会议", "一、总体要求"),
          after_stop=True, glued_run=True),
    MarkerStyle("cn-dun", shown="一、", head=rf"(?P<n>{N})(?:、|[.．](?![0-9０-９]))", inline=rf"(?P<n>{N_PLAIN})、", opens=N_PLAIN_CHARS,
          examples=("一、总体要求", "十二、其他", "二.工作措施"), counter=("一是加强", "十四五规划"),
          after_stop=True, glued_run=True, table_row=True, inferable=True, joined=True),
    MarkerStyle("cn-paren", shown="(一)", head=rf"[（(〔](?P<n>{N})[）)〕]", inline=rf"[（(〔](?P<n>{N})[）)〕]", opens="（(〔",
          examples=("（一）依法全面履行政府职能", "(二)完善制度", "〔三〕其他"), counter=("（区）政府", "(附件)"),
          not_after=CITE_PREFIX, table_row=True, inferable=True, joined=True),
    MarkerStyle("decimal", shown="1.1", head=rf"(?P<n>{D}(?:[.．]{D}){{1,4}}+)(?![.．0-9０-９{QUANTITY_AFTER_NUMBER}]|[ \u3000]++[{MULTIPLIER_AFTER_SPACE}])"
          rf"(?=[\s　]|{HAN})",
          examples=("1.1 总体目标", "2.3.1 工作任务"), counter=("1.2亿元", "3.5%的增长", "18.45 亿户，位居世界第一。"), per_depth=True, table_row=True,
          joined=True),
    MarkerStyle("arabic-dot", shown="1.", head=rf"(?P<n>{D})(?:[.．](?![0-9０-９])|[、，,](?![0-9０-９{QUANTITY_AFTER_NUMBER}]))",
          inline=rf"(?P<n>[0-9０-９]{{1,2}})[.．、](?![0-9０-９{QUANTITY_AFTER_NUMBER}])", opens=DIGITS,
          examples=("1.加强学习", "2、完善制度", "3．其他"), counter=("2020.12.29", "12.5%", "3、5年"),
          after_stop=True, table_row=True, inferable=True, joined=True),
    MarkerStyle("arabic-paren", shown="(1)", head=rf"(?:[（(](?P<n>{D})[）)]|(?P<n>{D})[）)])", inline=rf"[（(](?P<n>{D})[）)]", opens="（(",
          glyphs="⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", examples=("（1）加强学习", "(2)完善制度", "3）其他", "⑴加强学习", "⒇其他"),
          counter=(), not_after=CITE_PREFIX, table_row=True, inferable=True, joined=True),
    MarkerStyle("circled", shown="①", head="", inline="", glyphs=CIRCLED, examples=("①加强", "⑳其他"), counter=(), table_row=True),
    MarkerStyle("cn-shi", shown="一是", head=rf"(?P<n>{N})是(?=\S)", inline=rf"(?P<n>{N})是", weak=True, opens=CN_MARKER,
          examples=("一是加强组织领导", "二是完善制度"), counter=("一般是", "是一项"), not_after=SHI_FALSE_PREFIX,
          glued_first=True, glued_run=True),
    MarkerStyle("cn-ordinal", shown="第一，", head=rf"(?:第|其)(?P<n>[{CN_MARKER}]{{1,3}})[，,、：:](?!\s*$)",
          inline=rf"(?:第|其)(?P<n>[{CN_MARKER}]{{1,3}})[，,、：:]", weak=True, opens="第其",
          examples=("第一，加强学习", "其二，完善制度"), counter=("第一责任人", "全国第一"), not_after=CITE_PREFIX,
          glued_first=True),
)
BY_ID: dict[str, MarkerStyle] = {s.id: s for s in STYLES}
GLYPH_VALUES: dict[str, int] = {g: i + 1 for s in STYLES for i, g in enumerate(s.glyphs)}
"""The number of every one-character marker (③ → 3)."""
INLINE_OPENS = "".join(dict.fromkeys("".join(s.opens + s.glyphs for s in STYLES if s.inline is not None)))
"""Every character an inline marker can start with: the inline scan skips prose up to one."""
JOINED_OPENS = "".join(dict.fromkeys("第" + DIGITS + "".join(s.opens + s.glyphs for s in STYLES if s.joined)))
"""Every character a ``joined`` heading can start with (第 for 第一部分/章/节/条, a digit for 1.1, the styles'
own ``opens`` and glyphs): the scan for headings whose paragraph break was lost skips prose up to one."""

# a bare depth-1 number in a decimal-numbered document: 1 总则 / 1总则 (kept only when 1.1 follows)
DECIMAL_BARE = rf"(?P<n>{D})(?![0-9０-９])[\s　]*+(?={HAN})"
DECIMAL_BARE_EXAMPLES = ("1 总则", "2　组织机构和职责", "1总则")
DECIMAL_BARE_COUNTER = ("2020年", "1.1 编制目的")
DECIMAL_BARE_STYLE = "decimal"
"""The style a bare 1 总则 heading belongs to: the first depth of 1.1 numbering."""

STYLE_ORDER: dict[str, int] = {s.id: i for i, s in enumerate(STYLES)}

MARKDOWN_LEAD = r"(?:#{1,6}+[ \t\u3000]*+)?+(?:\*\*|__)?+"
"""What a Markdown scrape writes before a heading (## 第一章 总则, **一、总体情况**): read past, kept out of
the marker's span."""
MARKDOWN_LEAD_EXAMPLES = ("## 第一章 总则", "**一、总体情况**", "### （一）加强领导")
MARKDOWN_CLOSE = "*_"
"""Characters a Markdown heading ends with (**一、总体情况**): not part of its title."""
STRONG_HEAD = MARKDOWN_LEAD + "(?:" + "|".join(f"(?:{s.heading})" for s in STYLES if not s.weak).replace(
    "(?P<n>", "(?:") + ")"
"""A line that opens with a strong (non-weak) heading marker of any style, a Markdown lead allowed."""
JOINED_HEAD = "(?:" + "|".join(f"(?:{s.heading})" for s in STYLES if s.joined).replace("(?P<n>", "(?:") + ")"
"""A heading of a ``joined`` style: after a space in a long line, where a scrape lost a paragraph break."""

# a clause end that may precede an inline marker
CLAUSE_END = PROSE + "、）)\u3000 \t\xa0"
HEADING_STOPS = SENTENCE_OR_COLON + "︰"
"""Where a heading's words stop (a sentence end or a colon, the vertical-form ︰ too), and what a heading that a
scrape joined into its paragraph follows (……执行。四、……)."""

# verbs that open a heading of a plan or a list of measures (加强……, 提升……): an unmarked paragraph
# after numbered siblings that opens with one lost its marker (seed page: (三)加强领导干部……)
DIRECTIVE_OPENERS: tuple[str, ...] = (
    "加强", "加快", "提升", "提高", "推进", "推动", "完善", "深化", "强化", "健全", "建立", "建设", "落实", "开展",
    "做好", "抓好", "持续", "进一步", "坚持", "严格", "规范", "优化", "全面", "扎实", "积极", "大力", "切实", "着力",
    "加強", "加快", "提昇", "推進", "推動", "深化", "強化", "健全", "建立", "落實", "開展", "堅持", "嚴格", "規範", "優化",
)
DIRECTIVE_EXAMPLES = ("加强领导干部法制宣传教育继续加强法治宣传教育", "提升科技执法管理水平加强执法工作组织领导")
DIRECTIVE_COUNTER = ("2021年，我局将认真贯彻", "总之，我们将继续努力", "全年共办理案件12件")
# words that open a closing or linking paragraph, never a lost heading
NOT_A_HEADING_OPENERS: tuple[str, ...] = (
    "总之", "总的来看", "综上", "同时", "此外", "另外", "今后", "下一步", "我们", "我局", "我县", "我市", "我区", "特此",
    "以上", "全年", "今年", "其中", "但是", "但", "因此", "通过",
)
