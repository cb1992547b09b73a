"""Header field labels seen on government portals, by the Meta key they feed.

Keys that are not Meta fields end up in ``meta.fields`` under their label as written.
Traditional-character forms sit beside the simplified ones. A label of up to four characters
is also found padded (索 引 号, 标　　题), so no table lists the padded form. tests/test_rules.py
reads every label in the line 标签：值 (and padded), every bare label in 标签 值, and the
whole-line cases at the end of this file.
"""

from __future__ import annotations

# meta key -> labels (simplified and traditional)
META_LABELS: dict[str, tuple[str, ...]] = {
    "published": ("发布日期", "发布时间", "發佈日期", "發布日期", "發佈時間", "發布時間", "公布日期", "公布时间",
                  "公开日期", "公開日期", "公开时间", "公開時間", "發稿時間", "发稿时间", "發稿日期", "发稿日期", "发文日期", "發文日期", "发文时间", "發文時間", "生成日期", "发布于",
                  "日期", "时间", "時間", "更新时间", "更新時間", "发表时间", "上传时间", "刊发时间",
                  "公告日", "公告日期"),
    "source": ("信息来源", "信息來源", "来源", "來源", "文章来源", "文章來源", "稿件来源", "出处", "出處", "資料來源",
               "资料来源", "新聞來源", "发表单位", "發表單位", "稿源", "發稿單位", "发稿单位"),
    "author": ("作者", "撰稿", "撰稿人", "供稿", "供稿人"),
    "doc_number": ("发文字号", "發文字號", "文号", "文號", "文件编号", "文件編號", "发文编号", "发布文号", "發布文號"),
    "title": ("标题", "標題", "信息名称", "信息名稱", "文件名称", "名称", "法規名稱", "法规名称"),
}

# labels that only ever live in the header block (never in body prose at a line start)
OTHER_LABELS: tuple[str, ...] = (
    "索引号", "索引號", "信息索引号", "主题分类", "主題分類", "组配分类", "組配分類", "体裁分类", "體裁分類",
    "服务对象分类", "发布机构", "發佈機構", "發布機構", "发文机关", "發文機關", "成文日期", "公开方式",
    "公開方式", "公开范围", "公開範圍", "公开时限", "有效性", "效力状态", "规范性文件统一编号", "统一编号", "关键词",
    "關鍵詞", "主题词", "主題詞", "所属机构", "所屬機構", "内容概述", "浏览次数", "瀏覽次數", "点击数", "點擊數",
    "点击率", "点击量", "访问量", "訪問量", "访问次数", "訪問次數", "阅读次数", "閱讀次數", "阅读量", "浏览量",
    "字号", "字號", "字体", "字體", "责任编辑", "責任編輯", "编辑", "編輯", "审核", "審核", "校对", "校對",
    "发布人", "录入", "分享", "所属栏目", "栏目", "信息分类", "公文种类", "文种", "实施日期", "废止日期",
    "更新日期", "發布單位", "發佈單位", "發布機關", "點閱次數", "點閱數", "瀏覽人次", "字級",
    "分类", "分類", "制发机构", "制發機構", "发文机构", "發文機構", "公开目录", "公開目錄", "公开责任部门",
    "公开形式", "公開形式", "发布单位", "所属分类", "信息类别", "成文时间", "成文時間", "失效日期", "生效日期",
    "附件", "責任部門", "责任部门", "效力级别", "效力級別", "时效性", "時效性", "发布部门", "發布部門", "生效时间", "废止时间", "浏览字体",
    "标签", "標籤", "法規類別", "法规类别", "修正日期", "法規網址", "法规网址", "制定日期",
    "發稿人", "发稿人", "業務承辦人", "业务承办人", "新聞聯絡人", "新闻联络人", "新聞聯繫人", "新闻联系人",
    "主题导航", "主題導航",
)

# published labels that win over any other date label on the page (the spec: 发布日期 first)
PUBLISHED_FIRST: tuple[str, ...] = ("发布日期", "發佈日期", "發布日期", "发布时间", "發佈時間", "發布時間")

# labels that may close a page below the body (责任编辑：…), so they are boilerplate there too
TAIL_LABELS: tuple[str, ...] = (
    "责任编辑", "責任編輯", "编辑", "編輯", "审核", "審核", "校对", "校對", "信息来源", "信息來源", "来源", "來源",
    "浏览次数", "瀏覽次數", "点击数", "发布日期", "发布时间", "發佈日期", "作者", "撰稿", "供稿", "文章来源",
    "标签", "標籤", "关键词", "關鍵詞", "主题词", "主題詞", "更新时间", "更新時間", "更新日期",
    # a press release's contact block (發稿單位：… / 業務承辦人：… 電話：… / 新聞聯絡人：…)
    "發稿單位", "发稿单位", "發稿人", "发稿人", "發稿時間", "发稿时间", "業務承辦人", "业务承办人", "新聞聯絡人",
    "新闻联络人", "新聞聯繫人", "新闻联系人",
)

# labels that may stand without a colon, separated by white space (索引号 001008/2021-1)
BARE_LABELS: tuple[str, ...] = (
    "索引号", "信息索引号", "组配分类", "主题分类", "发布机构", "生成日期", "成文日期", "公开方式", "公开范围",
    "发文字号", "文号", "有效性", "体裁分类", "发文机关", "所属机构", "公開方式", "索引號", "發佈機構",
    "名称", "发布日期", "公开目录", "成文时间", "废止日期", "信息名称",
)


_KEYS: dict[str, str] = {x.replace("　", ""): key for key, labels in META_LABELS.items() for x in labels}


def meta_key(label: str) -> str | None:
    """The Meta key a label feeds, or None for labels that go to ``meta.fields``."""
    return _KEYS.get(label.replace("　", "").replace(" ", ""))


def is_title_label(label: str) -> bool:
    """A label whose value is the document's title (标题, 文件名称 …)."""
    return meta_key(label) == "title"

# labels that open the body of an official notice (公文): its subject, basis, explanation and
# items. They are never header fields, and a header line the crawler glued to one is split there.
BODY_LABELS: tuple[str, ...] = (
    "主旨", "依據", "依据", "說明", "说明", "公告事項", "公告事项", "辦法", "附註", "附注", "事由",
)

# with no signature block, these header fields give `signed`: 成文日期 first, else the dispatch date
WRITTEN_LABELS: tuple[str, ...] = ("成文日期", "成文時間", "成文时间")
DISPATCH_LABELS: tuple[str, ...] = ("发文日期", "發文日期")

# with no signature block, this header field names the issuer (发布机构 names the page's publisher, never the issuer)
ISSUER_LABELS: tuple[str, ...] = ("发文机关", "發文機關")

BARE_DATE_LABEL = "日期"
"""The label a date gets when it stands with no label of its own: alone under the title, or at the
start of a header line (2021-06-01 10:20　来源：…); it feeds ``published``."""
# a label alone on its line takes a date on the next line as its value only when it names a date or
# a time (发布日期： / 2023-12-01); under 作者： or 来源： a date is the page's date, not the value
DATE_LABEL_WORDS: tuple[str, ...] = ("日期", "时间", "時間", "日", "年", "期", "时", "時")

# the page's font-size widget (字号：大 中 小): a header line, never a field worth keeping
FONT_SIZE_LABELS: tuple[str, ...] = ("字号", "字號", "字体", "字體", "字級")


# header lines as pages write them -> the (label, value) pairs read from them, in order
FIELD_EXAMPLES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("发布时间：2021-01-19 来源：市司法局 浏览次数：125",
     (("发布时间", "2021-01-19"), ("来源", "市司法局"), ("浏览次数", "125"))),
    ("索 引 号：001008/2021-00012", (("索引号", "001008/2021-00012"),)),
    ("【发布部门】最高人民法院【发文字号】法发[2019]7号", (("发布部门", "最高人民法院"), ("发文字号", "法发[2019]7号"))),
    ("索引号 001008/2021-1 发布机构 舟山市科学技术局", (("索引号", "001008/2021-1"), ("发布机构", "舟山市科学技术局"))),
    ("（来源：市司法局）", (("来源", "市司法局"),)),
    ("2021-06-01 10:20　来源：市政府办公室", (("日期", "2021-06-01 10:20"), ("来源", "市政府办公室"))),
    ("索 引 号 | 0144/2018-04736 | 分 类 | 年报 |", (("索引号", "0144/2018-04736"), ("分类", "年报"))),
    ("文件类型：通知　所属主题：安全", (("文件类型", "通知"), ("所属主题", "安全"))),
    ("某某司法厅 sft.example.gov.cn 时间:2021年01月19日", (("时间", "2021年01月19日"),)),
    ("• 信息索引号：11330900002611773Y/2021-00012", (("信息索引号", "11330900002611773Y/2021-00012"),)),
    ("法規類別：法律 / 行政 > 某部 > 某目", (("法規類別", "法律 / 行政 > 某部 > 某目"),)),
    ("發文日期：中華民國110年1月5日 發文字號：府授法字第1100000001號",
     (("發文日期", "中華民國110年1月5日"), ("發文字號", "府授法字第1100000001號"))),
)
# lines that open like a field but are body text: salutations, a notice's body labels, prose, headings
FIELD_COUNTER: tuple[str, ...] = (
    "各单位：", "依据：《某某条例》第五条", "主旨：公告修正某某辦法。", "一、总体情况", "来源于群众的意见建议得到及时回应。",
    "现将有关情况报告如下：", "时间紧、任务重，全局上下齐心协力。",
)
