"""Quantities and non-quantities, taken from the kinds of sentences reports are made of."""

from __future__ import annotations

import pytest

import govreport
from govreport.metrics import find_metrics
from govreport.records import Line


def metrics(text: str) -> list[tuple[str, float, str, str | None]]:
    return [(m.raw, m.value, m.unit, m.qualifier) for m in find_metrics(Line.of(0, 0, text))]


POSITIVE = [
    ("全年专题研究法治工作8次", [("8次", 8, "次", None)]),
    ("年度检查计划完成率为252.63%", [("252.63%", 252.63, "%", None)]),
    ("兑现科技政策资金1.2亿元", [("1.2亿元", 120_000_000, "元", None)]),
    ("共清理文件十九件", [("十九件", 19, "件", None)]),
    ("培训两次，参训人员三个", [("两次", 2, "次", None), ("三个", 3, "个", None)]),
    ("惠及企业2,501个", [("2,501个", 2501, "个", None)]),
    ("惠及企业２５０１个", [("２５０１个", 2501, "个", None)]),
    ("减少证明材料约30份", [("约30份", 30, "份", "约")]),
    ("办件量3000余件", [("3000余件", 3000, "件", "余")]),
    ("引进项目100多家", [("100多家", 100, "家", "多")]),
    ("增长15%以上", [("15%以上", 15, "%", "以上")]),
    ("达到300家左右", [("300家左右", 300, "家", "左右")]),
    ("超过80万人", [("超过80万人", 800_000, "人", "超过")]),
    ("接待群众1.2万人次", [("1.2万人次", 12_000, "人次", None)]),
    ("提高5个百分点", [("5个百分点", 5, "个百分点", None)]),
    ("压缩至1.5个工作日", [("1.5个工作日", 1.5, "个工作日", None)]),
    ("占比百分之三十", [("百分之三十", 30, "%", None)]),
    ("5年内完成", [("5年", 5, "年", None)]),
    ("连续三年获评优秀", [("三年", 3, "年", None)]),
    ("增长3%-5%", [("3%", 3, "%", None), ("5%", 5, "%", None)]),
    ("宽度480-560米", [("480", 480, "米", None), ("560米", 560, "米", None)]),
    ("营业收入1523.26万", [("1523.26万", 15_232_600, "", None)]),
    ("三千余件", [("三千余件", 3000, "件", "余")]),
    ("一百二十三个", [("一百二十三个", 123, "个", None)]),
    ("投入资金5000余万元", [("5000余万元", 50_000_000, "元", "余")]),
    # Chinese numerals with inner multipliers and mixed forms are one number
    ("共接待一万二千人次", [("一万二千人次", 12_000, "人次", None)]),
    ("投资三点二五亿元", [("三点二五亿元", 325_000_000, "元", None)]),
    ("新增就业1万2千人", [("1万2千人", 12_000, "人", None)]),
    ("每月補助2萬零8元", [("2萬零8元", 20_008, "元", None)]),
    ("惠及一万五千户", [("一万五千户", 15_000, "户", None)]),
    ("中央政府總預算1.25兆元", [("1.25兆元", 1_250_000_000_000, "元", None)]),
    ("装机容量5兆瓦", [("5兆瓦", 5, "兆瓦", None)]),
    ("应当在20日内答复", [("20日", 20, "日", None)]),
    ("最迟不超过4个小时", [("不超过4个小时", 4, "个小时", "不超过")]),
    ("报告由六部分组成", [("六部分", 6, "部分", None)]),
    ("室內距離1.5公尺", [("1.5公尺", 1.5, "公尺", None)]),
    ("联席会议每年召开两次会议", [("两次", 2, "次", None)]),
    ("专题培训班分七期举办", [("七期", 7, "期", None)]),
    ("购置九台设备", [("九台", 9, "台", None)]),
    ("年满60周岁的老人", [("60周岁", 60, "周岁", None)]),
    ("浓度为35微克/立方米", [("35微克/立方米", 35, "微克/立方米", None)]),
    ("二十余个", [("二十余个", 20, "个", "余")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_quantities(text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert metrics(text) == expected


NEGATIVE = [
    "不宜跑零次",                          # 零 in a slogan
    "二〇〇五年六月十一日印发",              # a year in Chinese numerals
    "北京时间6月24日12时55分对接",           # a clock time
    "本市圖書館7/27起恢復開館",              # a day written m/d
    "三次产业结构比例调整",                  # a name
    "完成了市十五屆人大四次會議確定的任務",    # the session of a congress
    "于25日召开会议",                      # a day of the month
    "友谊医院通州院区二期开诊运行",           # a project phase
    "自80年代后期以来",                     # a decade
    "长春市九台区全力打造",                  # a place name
    "配合2019台南市跨年晚会活动",             # a year before a place name
    "2020年，我局认真贯彻落实",            # a year
    "2020年度工作要点",                    # a year
    "于2021年1月19日发现",                 # a date
    "1-11月完成情况",                      # a month range
    "根据舟政办发〔2021〕18号文件",         # a document number
    "根据舟政办发[2021]18号文件",
    "位列全省第一，排名第4",                # ordinals
    "进入全国前十",                        # a rank
    "贯彻《法治政府建设实施纲要（2015-2020年）》",  # inside a cited title
    "深化“最多跑一次”改革",                # a slogan in quotes
    "推进“三项制度”落实",
    "完成一批项目，推进一项工作",            # 一 meaning "a"
    "三大任务扎实推进",                     # number + 大 + noun
    "“十四五”规划",
    "十四五规划编制",                       # a plan name
    "政务服务2.0平台",                     # a version
    "联系电话：0580-2022222",              # a phone number
    "邮编316000",                         # a postcode
    "县十六届人大五次会议",                  # ordinal names of meetings
    "十分重要",                           # 十分 is an adverb
    "一是加强领导，二是完善制度",            # list markers
    "G20峰会和5G网络",                     # names
    "惠及数十家企业，几十个项目",            # vague amounts
    "2020-2022年行动计划",                 # a range of years
    "PM2.5浓度",
    "民國110年施政計畫",                   # a Minguo year
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_quantities(text: str) -> None:
    assert metrics(text) == []


@pytest.mark.parametrize(("text", "label"), [
    ("年度检查计划完成率为252.63%", "年度检查计划完成率"),
    ("城乡居民人均可支配收入分别达到6.8万元", "城乡居民人均可支配收入"),
    ("规上工业企业复工率100%", "规上工业企业复工率"),
    ("全年专题研究法治工作8次", None),
])
def test_labels(text: str, label: str | None) -> None:
    found = find_metrics(Line.of(0, 0, text))
    assert found and found[-1].label == label


def test_spans_point_at_raw_text() -> None:
    text = "　　其中，完成率为98.5%，办结3000余件。"
    line = Line.of(3, 40, text)
    for m in find_metrics(line):
        assert text[m.span[0] - 40:m.span[1] - 40] == m.raw


@pytest.mark.parametrize(("unit", "kind"), [("%", "percent"), ("元", "money"), ("件", "count"), ("平方米", "measure")])
def test_kinds(unit: str, kind: str) -> None:
    from govreport.rules.units import kind_of

    assert kind_of(unit) == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("新建公園8處", [("8處", 8, "處", None)]),
    ("綠地增加約12公頃", [("約12公頃", 12, "公頃", "約")]),
    ("提高3個百分點", [("3個百分點", 3, "個百分點", None)]),
    ("受益超過12萬人次", [("超過12萬人次", 120_000, "人次", "超過")]),
])
def test_traditional_units(text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert metrics(text) == expected


def test_minguo_years_on_a_page_dated_by_the_minguo_calendar() -> None:
    """Constructed: a page dated 中華民國110年 names its other years so (108年 is a year, no quantity); a
    number that only ends in 1xx (2.108年, 3108年) or a plain count of years (3年) is still read."""
    from govreport.lines import split_lines
    from govreport.metrics import metrics_in

    text = "中華民國110年1月5日\n本計畫自108年起執行3年，另以2.108年及3108年計。"
    lines = split_lines(text)
    found = [m.raw for m in metrics_in(text, lines[1:])]
    assert found == ["3年", "2.108年", "3108年"]


@pytest.mark.parametrize(("text", "label"), [
    ("2015年全县实现财政总收入为232033万元", "全县实现财政总收入"),  # the year before the label is not part of it
    ("其余6项指标均实现100%", "指标"),  # nor the unit of the count before it
    ("比年初增加121749万元", None),  # the base of a change is not what changed
    ("占地区生产总值的比重为30%", "比重"),
    ("1991至2007年間之年平均經濟成長率達10.5%", "年平均經濟成長率"),
    ("工程完工後受益對象為學甲區秀昌里周邊地區民眾共約3000人", None),  # the run is longer than the window
    ("完成率为252.63%", "完成率"),
])
def test_a_label_names_what_is_measured(text: str, label: str | None) -> None:
    """Constructed sentences: the label is whole words that name the measure, or none."""
    report = govreport.parse("一、概况\n" + text + "。\n")
    assert report.metrics[-1].label == label
