"""What one line of a page's head or closing block looks like: title words and document types,
issuer suffixes, salutations, subtitles, document numbers, attachment headings, a table of
contents. Simplified and traditional forms sit side by side.

Each table is a ``Cue``: head.py, closing.py and lineclass.py call the cue itself, and
tests/test_rules.py checks the same compiled pattern against the examples and counter-examples.
"""

from __future__ import annotations

import re

from . import HAN, Cue, alt

# a pinyin gloss a traditional mirror puts after a character it converted (關(guān)于, 發(fā), 號(hào)): it never
# ends a title, a document number or an issuer's name early
GLOSS = r"(?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）])"
GLOSSED = Cue(
    "gloss", rf"^{HAN}{GLOSS}$",
    ("關(guān)", "發(fā)", "號(hào)", "實(shí)", "見(jiàn)"),
    ("(一)", "（LOF）", "（2021）", "意见(试行)"))


def glossed(word: str) -> str:
    """A word as a pattern in which each character may carry a pinyin gloss (關(guān)于 for 關于)."""
    return "".join(re.escape(ch) + f"{GLOSS}?" for ch in word)


def alt_glossed(words: tuple[str, ...]) -> str:
    """Like ``alt``, each word allowing the glosses of a traditional mirror."""
    return "(?:" + "|".join(glossed(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# words that make a line read like a document's title (the head scores its title candidates by them)
TITLE_WORD_LIST: tuple[str, ...] = (
    "报告", "總結", "总结", "通知", "方案", "意见", "意見", "办法", "辦法", "规定", "規定", "规划", "規劃", "计划",
    "計劃", "决定", "決定", "公告", "通告", "通报", "批复", "纪要", "要点", "细则", "条例", "決議", "决议", "讲话",
    "講話", "公报", "预案", "預案", "决算", "決算", "预算", "預算", "說明", "说明", "答复", "清单", "年报", "实施",
    "情况", "情況", "工作", "建设", "函", "令", "制度", "指南", "问答", "解读",
)
TITLE_WORDS = Cue(
    "title-words", alt(TITLE_WORD_LIST),
    ("舟山市科学技术局2020年法治政府建设年度报告", "关于印发某某实施方案的通知", "2021年政府信息公开工作年度报告",
     "某某县人民政府关于某某事项的批复", "某某区2023年部门决算"),
    ("首页", "舟山市科学技术局", "信息公开目录", "政务公开"))

# the document type that closes a title block: a title line not ending so continues on the next line
DOCUMENT_TYPES: tuple[str, ...] = (
    "通知", "通報", "通报", "决定", "決定", "决议", "決議", "意见", "意見", "办法", "辦法", "方案", "规定", "規定",
    "细则", "細則", "报告", "報告", "总结", "總結", "公告", "通告", "批复", "批覆", "复函", "覆函", "函", "规划",
    "規劃", "计划", "計劃", "要点", "要點", "预案", "預案", "条例", "條例", "纪要", "紀要", "公报", "公報", "决算",
    "決算", "预算", "預算", "安排", "说明", "說明", "答复", "答覆", "规则", "規則", "指引", "指南", "清单", "清單",
    "年报", "年報", "讲话", "講話", "令", "请示", "請示", "章程", "标准", "標準", "措施", "解读", "解讀",
)
TITLE_END = Cue(
    "title-end", rf"{alt_glossed(DOCUMENT_TYPES)}[）)]?$",
    ("关于印发某某实施方案的通知", "舟山市科学技术局2020年法治政府建设年度报告", "某某市人民政府令",
     "（关于某某事项的批复）", "臺北市政府年度施政報告", "推進(jìn)城市建設(shè)的意見(jiàn)"),
    ("舟山市科学技术局2020年法治政府", "关于印发某某实施方案的通知的", "一、总体情况", "（2021年1月15日）"))

# the last words of an issuer's name: a signature line or the organ above a title ends with one
ORG_SUFFIXES: tuple[str, ...] = (
    "局", "署", "司", "委员会", "委員會", "委", "人民政府", "政府", "办公室", "辦公室", "办公厅", "辦公廳", "厅", "廳",
    "院", "部", "中心", "所", "站", "处", "處", "科", "会", "會", "组", "組", "队", "隊", "公司", "集团", "集團",
    "管委会", "办", "辦", "馆", "館", "社", "学校", "學校", "医院", "醫院", "联合会", "协会", "協會", "党委", "党组",
    "支部", "街道", "镇", "鎮", "乡", "鄉", "村", "海关", "海關", "政协", "政協", "银行", "銀行", "分行", "支行",
    "共青团", "團委", "团委",
)
ORG_SUFFIX = Cue(
    "org-suffix", rf"{alt_glossed(ORG_SUFFIXES)}$",
    ("舟山市科学技术局", "某某县人民政府", "某某区司法局办公室", "中共某某市委", "某某镇", "臺北市政府衛生局",
     "某某市人民政府办公厅", "常州市人民政府辦(bàn)公室"),
    ("2020年12月29日", "法治政府建设年度报告", "特此报告", "某某局2020年工作总结"))

# a salutation or a lead-in opens the body: 各单位：, 各位代表：, 市政府各部门：, 同志们：, 报告如下：
SALUTATION_OPENERS: tuple[str, ...] = ("各", "诸", "尊敬")
SALUTATION_ENDS: tuple[str, ...] = (
    "如下", "以下", "代表", "同志", "们", "单位", "政府", "部门", "局", "委", "办", "员", "会", "处", "室", "院", "所",
    "厅", "市", "区", "县", "镇", "街道", "公司", "部", "省", "州", "盟", "旗", "乡",
)
SALUTATION = Cue(
    "salutation", rf"^{alt(SALUTATION_OPENERS)}|{alt(SALUTATION_ENDS)}[:：]$",
    ("各单位：", "各位代表：", "市政府各部门：", "同志们：", "现将有关情况报告如下：", "尊敬的各位来宾", "某某县人民政府：",
     "武警总部：", "某某省："),
    ("文件类型：", "所属主题：", "发布机构：", "一、总体情况"))

# the line under a title that dates or places it: ——在……会议上的讲话, （2021年1月15日）
SUBTITLE = Cue(
    "subtitle", r"^(?:——|--|—|[（(]\s*+\d{4}年|[（(]\s*+[〇○零一二]{4}年)",
    ("——在全市法治政府建设工作会议上的讲话", "（2021年1月15日）", "(二〇二一年一月十五日在某某市第十六届人民代表大会上)",
     "—2020年度"),
    ("（一）总体情况", "2021年工作要点", "（此件公开发布）"))

# a document number: issuer's abbreviation, the year in brackets, a serial (舟科〔2020〕15号); the
# characters of a traditional mirror may carry their gloss (常政發(fā)〔2010〕182號(hào))
_DOC = (rf"(?:{HAN}{GLOSS}?){{1,14}}\s*+[〔［\[（(【]\s*+\d{{4}}\s*+[〕］\]）)】]\s*+第?\s*+\d{{1,5}}\s*+[号號]"
        rf"{GLOSS}?")
DOC_NUMBER = Cue(
    "doc-number", rf"^(?P<n>{_DOC})$",
    ("舟科〔2020〕15号", "梁政发【2023】7号", "国办发[2019]第3号", "浙政办发（2021）12號", "某政发 〔2020〕 3 号",
     "常政發(fā)〔2010〕182號(hào)"),
    ("舟科〔2020〕15号文件精神", "2020年12月29日", "〔2020〕15号", "无〔〕号"))
# a document number a scrape damaged: its closing 〕 or its 号 lost (characters a portal set in a
# private font), kept as written with a warning. Only with 〔, the bracket GB/T 9704 reserves for
# document numbers, so that no other line reads as one.
DOC_NUMBER_DAMAGED = Cue(
    "doc-number-damaged", rf"^(?P<n>{HAN}{{1,14}}\s*+〔\s*+\d{{4}}\s*+〕?\s*+第?\s*+\d{{1,5}}\s*+[号號]?)$",
    ("牟政办发〔201746", "某政发〔2020〕15", "某政办〔2021〕3号"),
    ("〔2020〕15", "某政发（2017）46", "某政发〔2017", "依据某政发〔2017〕46号文件"))
# a document number the CMS glued in front of the title: 梁政发【2023】7号关于印发……的通知
DOC_PREFIX = Cue(
    "doc-prefix", rf"^(?P<n>{_DOC})\s*+(?=\S)",
    ("梁政发【2023】7号关于印发某某方案的通知", "舟科〔2020〕15号 关于某某的报告"),
    ("舟科〔2020〕15号", "关于印发某某方案的通知"))
# a document number glued after the title in brackets: ……的通知（某政发〔2024〕12号）, ……的通知[某政办发[2009]8号]
DOC_SUFFIX = Cue(
    "doc-suffix", rf"[\s　]*+[（(\[【［〔]\s*+(?P<n>{_DOC})\s*+[）)\]】］〕]$",
    ("关于印发某某措施的通知（某政发〔2024〕12号）", "关于做好春耕工作的通知[某政办发[2009]8号]",
     "某某办法的通知(岳办发〔2017〕2号)", "关于某某的意见 【某办发〔2020〕3号】"),
    ("关于印发某某措施的通知", "某某条例（2020年修订）", "关于转发《某某通知》（某政发〔2024〕12号）的通知"))
# a 文号 field that holds no number: 无〔〕号, 无, 〔〕号, /
DOC_NUMBER_NONE = Cue(
    "doc-number-none", r"^(?:无|無|暂无|暫無|[/／\-－—]+)?\s*+(?:[〔［\[（(【]\s*+[〕］\]）)】])?\s*+[号號]?$",
    ("无〔〕号", "无", "〔〕号", "/", "—"),
    ("某政发〔2024〕12号", "第3号", "府授法字第1100000001號"))

# an attachment heading after the signature (附件1, 附表二：…; 附： in older notices, only with its
# colon): outline numbering starts again there
ATTACHMENT_WORDS: tuple[str, ...] = ("附件", "附表", "附錄", "附录")
ATTACHMENT = Cue(
    "attachment", rf"^(?:{alt(ATTACHMENT_WORDS)}\s*+[0-9０-９一二三四五六七八九十]*\s*+[:：]?|附\s*+[:：])",
    ("附件1", "附件：", "附表二 某某统计表", "附錄", "附件 ３：", "附:《某某省公文处理实施细则》", "附：1．某某表"),
    ("附近居民", "附加条款", "一、附件", "附带民事诉讼"))
# an attachment list in the body (附件：1. 某某表 2. …): its numbers are not the outline's
ATTACHMENT_LIST_WORDS: tuple[str, ...] = (*ATTACHMENT_WORDS, "附件清单")
# (no ^: markers.py matches it at the paragraph's first character, and ^ does not anchor at a position)
ATTACHMENT_LIST = Cue(
    "attachment-list", rf"{alt(ATTACHMENT_LIST_WORDS)}\s*+[:：]\s*+",
    ("附件：1.某某统计表", "附件清单：", "附表： 1. 某某表"),
    ("附件1", "附件下载", "附加条款：一"))

# the heading of a table of contents (目录, 目 录, （目錄）)
TOC_HEAD = Cue(
    "toc-head", r"^[（(]?目[\s　]*+[录錄次][）)]?$",
    ("目录", "目 录", "（目錄）", "目　录", "目次", "目 次"),
    ("目录清单", "目前", "政府信息公开目录"))

# the word that opens a title's subject (关于印发……的通知): a title block runs from the line holding it
ABOUT: tuple[str, ...] = ("关于", "關於", "關于")
ABOUT_WORD = Cue(
    "about", alt_glossed(ABOUT),
    ("关于印发某某方案的通知", "市政府關(guān)于大力實(shí)施商標(biāo)戰(zhàn)略", "某某局關於某某的公告"),
    ("某某市人民政府办公室", "2021年工作总结"))

# a speaker's byline under a work report's subtitle (市長 魏堯), never the title
OFFICIAL_TITLES: tuple[str, ...] = (
    "市长", "市長", "区长", "區長", "县长", "縣長", "省长", "省長", "州长", "州長", "镇长", "鎮長", "主任", "书记", "書記",
    "局长", "局長", "主席", "总理", "總理", "部长", "部長", "院长", "院長",
)
BYLINE = Cue(
    "byline", rf"^\S{{0,20}}?{alt(OFFICIAL_TITLES)}[\s\u3000]*+\S{{2,4}}$",
    ("市長 魏堯", "市长　王某某", "国务院总理 李某", "某某县县长某某某"),
    ("市长热线服务情况的通报", "关于市长信箱的通知", "2021年政府工作报告"))

# the heading of an order or announcement that promulgates a document: the document is the title,
# the order's number the document number (中华人民共和国国务院令 第660号, 某省人大常委会公告（第12号）)
_ORDER_NO = r"(?:[〔［\[（(【]\s*+\d{4}\s*+[〕］\]）)】]\s*+)?[（(]?\s*+第\s*+[0-9０-９一二三四五六七八九十百千〇零]{1,6}\s*+[号號][）)]?"
ORDER_NUMBER = Cue(
    "order-number", rf"^{_ORDER_NO}$",
    ("第660号", "（第12号）", "第 三十一 号", "〔2024〕第3号"),
    ("第一条", "第660号文件", "2024年第3期"))
ORDER_HEAD = Cue(
    "order-head", rf"^(?P<organ>(?!.*(?:关于|關於))\S.{{0,40}}?(?:令|公告))\s*+(?P<n>{_ORDER_NO})$"
                  rf"|^(?P<bare>(?!.*(?:关于|關於))\S.{{0,40}}?令)$",
    ("中华人民共和国国务院令", "中华人民共和国国务院令 第660号", "某省人民代表大会常务委员会公告（第12号）",
     "某部 某总局令〔2024〕第3号", "中华人民共和国主席令（第三十一号）"),
    ("关于废止某某令的通知", "某市人民政府公告", "某某县人民政府关于某某的公告（第3号）", "军令如山"))
# the sentence that promulgates the document under an order: 《存款保险条例》已经……通过，现予公布
PROMULGATION = Cue(
    "promulgation", r"^《(?P<t>[^《》]{2,80})》(?:已经|已於|已于|已由|经|業經|业经)\S*?(?:公布|發布|发布|施行|通过|通過)",
    ("《存款保险条例》已经2014年10月29日国务院第67次常务会议通过，现予公布，自2015年5月1日起施行。",
     "《某省河道管理条例》已由某省人民代表大会常务委员会于2019年3月28日通过，现予公布。"),
    ("《存款保险条例》是一部重要的法规。", "根据《某某条例》规定，制定本办法。"))
# the country an order's organ is named after: 中华人民共和国国务院令 → 国务院令 第660号
ORDER_COUNTRY = Cue(
    "order-country", r"^(?:中华人民共和国|中華人民共和國)(?=\S)",
    ("中华人民共和国国务院令", "中華人民共和國主席令"),
    ("国务院令", "中华人民共和国"))

# a chapter, section or article heading, also as law databases space it (第 1 條, 第 一 章 總則): it opens
# the body and is never the page's title
HEADING_LINE = Cue(
    "heading-line", r"^第\s*+[0-9０-９一二三四五六七八九十百千零〇]{1,6}\s*+[编編章节節条條](?:\s|$|之)",
    ("第 1 條", "第 一 章 總則", "第一章 总则", "第十二条 本办法自公布之日起施行。", "第 3 條之 1"),
    ("第一责任人", "第1号", "第三方评估", "第二十条第(一)项规定的情形"))
# a portal column name joined to the title by a dash (应急预案—某市突发公共事件总体应急预案): the column
# is dropped when what follows the dash is a whole title
COLUMN_DASH = Cue(
    "column-dash", rf"^(?P<column>{HAN}{{2,10}})\s*+(?:——|—|–|--|-|－)\s*+(?=\S{{6}})",
    ("应急预案—某市突发公共事件总体应急预案", "通知公告 - 关于某某的通知", "政策文件——某某管理暂行办法"),
    ("2021年—2025年规划", "关于某某的通知", "某某市人民政府办公室关于转发某某——的通知"))
# a line with no word in it (a rule of * or =, a run of | cells): never a title
NO_WORDS = Cue(
    "no-words", r"^[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]*+$",
    ("********************", "====================", "| | |", "——————", "…"),
    ("某某工作总结", "2021", "* 某某 *"))
# the empty cells a flattened table leaves after a line (某某年度报告 | | |)
TRAILING_CELLS = Cue(
    "trailing-cells", r"(?:\s*+[|｜])++\s*+$",
    ("某某年度报告 | | |", "某某年度报告｜"),
    ("某某年度报告", "某某 | 某某"))
# a line of nothing but the empty cells of a flattened table (| |, ||||): never body
EMPTY_CELLS = Cue(
    "empty-cells", r"^[|｜](?:[\s\u3000\xa0]*+[|｜])*+$",
    ("| |", "||||", "｜ ｜", "|"),
    ("| 某某 |", "某某 | |", "一、总体情况"))
# the page number a PDF or Word export left on a line of its own between pages: — 3 —, - 12 -, 第 3 页 共 9 页
PAGE_NUMBER = Cue(
    "page-number", r"^(?:[-—–－]\s*+\d{1,4}\s*+[-—–－]|第\s*+\d{1,4}\s*+[页頁](?:\s*+[,，/／]?\s*+共\s*+\d{1,4}\s*+[页頁])?)$",
    ("— 1 —", "- 12 -", "－3－", "第 3 页 共 9 页", "第2頁"),
    ("— 在某某会议上的讲话", "第3页至第5页所列", "- 1 -、", "1"))
# the salutation that opens a notice's body, read at the start of a stretch of text (各县区人民政府：……)
SALUTATION_OPENING = Cue(
    "salutation-opening", r"^(?:各|诸|尊敬的)\S{1,40}?[:：]",
    ("各县区人民政府： 现将有关事项通知如下。", "各位代表： 现在，我代表市人民政府", "尊敬的各位来宾："),
    ("各地要高度重视。", "一、总体情况"))
