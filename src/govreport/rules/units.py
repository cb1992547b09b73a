"""Units and measure words for metrics, with their kind; multipliers; qualifiers."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report_data import MetricKind

PERCENT = ("%", "％", "个百分点", "百分点", "‰", "个千分点", "千分点")
MONEY = ("元", "美元", "港元", "欧元", "人民币", "日元", "日圆", "日圓", "英镑", "英鎊", "新台币", "台币")
MEASURE = (
    "平方公里", "平方千米", "平方米", "立方米", "公里", "千米", "米", "厘米", "毫米", "公顷", "亩",
    "吨", "千克", "公斤", "克", "斤", "千瓦时", "千瓦", "兆瓦", "瓦", "度", "标箱", "标准箱", "升", "毫升",
    "年", "个月", "月份", "周岁", "周", "天", "日", "个小时", "小时", "公尺", "公分", "公里", "分钟", "秒", "个工作日", "工作日", "学时", "课时", "岁",
    "平方公尺", "立方公尺", "吨标准煤", "吨标煤", "℃", "°C",
    "人公里", "吨公里", "微克/立方米", "毫克/立方米", "微克", "毫克", "成", "kg", "km", "m²", "GW", "MW", "kW", "TEU",
)
COUNT = (
    "人次", "户次", "件次", "条次", "车次", "架次", "批次", "剂次", "场次", "班次", "家次", "份次", "次", "项", "条", "件",
    "名", "个", "份", "家", "户", "人", "位", "批", "场", "期", "篇", "本", "册", "部", "台", "辆", "艘", "座",
    "所", "处", "起", "宗", "笔", "张", "套", "类", "种", "支", "只", "头", "株", "棵", "间", "栋", "幢", "层",
    "轮", "届", "门", "张床", "床", "剂", "例", "对", "款", "块", "组", "队", "团", "课", "讲", "页", "票", "枚", "卷",
    "箱", "袋", "瓶", "盒", "辆次", "艘次", "吨次", "章", "部分", "集", "口", "人口", "根", "羽", "席",
    "倍", "分", "星", "级",
)
MULTIPLIERS: dict[str, int] = {
    "万亿": 1_000_000_000_000, "千万": 10_000_000, "百万": 1_000_000, "万": 10_000, "萬": 10_000,
    "亿": 100_000_000, "億": 100_000_000, "千": 1_000, "兆": 1_000_000_000_000,
}
PREFIX_QUALIFIERS = ("约", "近", "超过", "超", "逾", "将近", "接近", "不足", "不到", "不少于", "不低于", "不超过",
                     "至少", "最多", "最高", "最低", "大约", "約", "超過", "將近", "不少於", "不低於", "不超過", "大約",
                     # a bound said as a rule: 不得超过五年 is at most five years (超过 alone would say the reverse)
                     "不得超过", "不得超過", "不得低于", "不得低於", "不得少于", "不得少於", "不得高于", "不得高於",
                     "不高于", "不高於", "不多于", "不多於", "不满", "不滿", "未满", "未滿",
                     # 约为8.5亿元: the qualifier is 约 (QUALIFIER_LINKS)
                     "约为", "約為", "约合", "約合")
# a prefix qualifier's link to the number, dropped from the qualifier: 约为 → 约
QUALIFIER_LINKS = ("为", "為", "合")
# words that end in a prefix qualifier and are no qualifier: 最近1次 is the latest one
NOT_QUALIFIER_WORDS = ("最近", "附近", "临近", "臨近")
SUFFIX_QUALIFIERS = ("以上", "以下", "以内", "以內", "左右", "余", "餘", "多", "上下", "之多", "以來",
                     "及以上", "及以下", "及以内", "及以內")
# the qualifiers that may stand between a number and its multiplier or unit (3万余人, 3萬餘人, 20多万)
MID_QUALIFIERS = "余餘多"
# words that may name a measure's label before it: 完成率为 / 达到 / 占
LABEL_LINKS = ("为", "為", "達", "达到", "達到", "达", "佔", "是", "占", "超过", "超", "共", "共计", "累计", "合计", "总计", "实现", "增长",
               "下降", "提高", "提升", "减少", "增加", "同比增长", "同比下降", "约", "近", "：", ":")

# units whose kind is not "count"
KINDS: dict[str, MetricKind] = {u: "percent" for u in PERCENT}
KINDS.update({u: "money" for u in MONEY})
KINDS.update({u: "measure" for u in MEASURE})

# traditional forms of the characters units are written with (處, 公頃, 個百分點 …)
TRADITIONAL = str.maketrans(
    "处顷户个项条张辆场吨亩门间栋层轮届剂对块组队团课讲页笔种类只头时钟岁周点厘标准车学万亿级册欧台币",
    "處頃戶個項條張輛場噸畝門間棟層輪屆劑對塊組隊團課講頁筆種類隻頭時鐘歲週點釐標準車學萬億級冊歐臺幣",
)
# units that need an Arabic number (分 after a Chinese numeral is prose: 十分重要)
_ARABIC_ONLY = frozenset({"根", "羽", "席", "分", "星", "级", "组", "课", "讲", "页", "票", "头", "门", "对", "只", "支", "团", "队",
                          "度", "克", "升", "秒", "床", "块", "本", "部", "所", "处", "类", "种", "款", "张", "届"})
ARABIC_ONLY = _ARABIC_ONLY | {u.translate(TRADITIONAL) for u in _ARABIC_ONLY}
# 周 before 年 is an anniversary (80周年), not a number of weeks
ANNIVERSARY_UNITS = ("周", "週")
# numerals that are never ordinals: before an Arabic-only unit they still count (两级, 兩處, 两种)
CARDINAL_ONLY = ("两", "兩")
# words after a measure that make a Chinese-numeral count an ordinal name (五次会议, 十九届五中全会)
ORDINAL_NAMES = ("会议", "全会", "全体会议", "常委会", "代表大会", "党代会", "會議", "全會", "全體會議", "常委會",
                 "代表大會")
# words before a fraction that make it a scale, not a quantity (比例尺六千分之一)
SCALE_BEFORE = ("比例尺", "比例尺為", "比例尺为")
# words after N次 that make it the ordinal of a plenary session (十九届中央纪委三次全会), not a count
PLENARY_AFTER = ("全会", "全會", "全体会议", "全體會議")
# characters before a percentage that make it a factor of a formula, not a quantity (…总台次数×100%)
FORMULA_BEFORE = "×*÷"
# a per-unit after a unit, kept in the unit as written: 元/人月, 800万吨/年, 103.9部/百人
PER_UNITS = ("人月", "人·月", "百人", "千人", "万人", "萬人", "人", "户", "戶", "年", "月", "日", "天", "小时", "小時",
             "亩", "畝", "吨", "噸", "公斤", "千克", "平方米", "立方米", "公里", "次", "件", "台", "辆", "輛")
# words after a measure that always make the number part of a name (三次产业)
NAME_AFTER = ("产业", "產業")
# a numeral, a measure word and the character after it that name something (七人普: the seventh population census)
NAME_WITH_MEASURE = ("人普",)
# verbs of a move in a ranking: a number of places (名/位) after them is a change of rank, not a count
# (前进了三名, 下降6名, 排名上升5位); 提升/晋升 are left out: 提升3名干部 promotes three people
RANK_MOVES = ("前进", "前進", "进步", "進步", "退步", "上升", "跃升", "躍升", "攀升", "后退", "後退", "下降", "下滑", "前移", "后移", "後移",
              "退后", "退後")
RANK_UNITS = ("名", "位")
# a bare 百/千/万 that is a number by itself: 百亿, 千亿, 万亿 (百億規模, 千亿级产业集群) and 百余, 千多, 万余
# before a measure word (培训百余人, 惠及万余户); 千万 alone is "by all means", 百万/千家万户 stay words
BARE_BEFORE_MULTIPLIER = {"百": "亿億", "千": "亿億", "万": "亿億", "萬": "亿億"}
BARE_BEFORE_QUALIFIER = ("百", "千", "万", "萬")
# qualifiers after which a bare 百/千/万 before a measure word is a number: 近千人, 超百家, 近百年, 超千万元
BARE_AFTER_QUALIFIER = ("约", "約", "近", "超", "逾", "超过", "超過")
# a numeral + measure word that means "secondary", not a count: 二次污染, 嚴防二次崩塌 (twice is 两次)
SECONDARY = ("二次",)
# set phrases with a numeral and a multiplier that count nothing
NUMBER_IDIOMS = ("十万火急", "十萬火急", "十万八千里", "十萬八千里", "百万雄师", "百萬雄師",
                 # the names of policies and doctrines written with a count, quoted or not (八项规定)
                 "八项规定", "八項規定", "四项基本原则", "四項基本原則", "五项原则", "五項原則", "四个现代化", "四個現代化",
                 "三个世界", "三個世界", "三个代表", "三個代表", "四个全面", "四个意识", "四个自信", "两个维护", "两个确立",
                 "两个一百年", "五位一体", "三严三实", "两学一做", "两个务必", "四个服从", "两条腿走路")
# a figure, table or attachment number before 所示/所列/所述 (如图1所示, 附件1所列): 所 is no measure word there
REFERENCE_AFTER_SUO = "示列述"
# characters before a Chinese numeral that make it a rank or an estimate, not a count (前十, 数十家, 几十, 若干)
NOT_COUNT_BEFORE = "前数數几幾若"
# the character after a number + measure word that makes it a name (三大任务, 四个大局)
NAME_AFTER_MEASURE = "大"
# characters before a numeral + measure that make it a session of a congress (十九届五中全会)
SESSION_BEFORE = "届屆大"
# after N日, these make it a duration (20日内); else it is a day of the month
DAY_DURATION_AFTER = ("内", "內", "以内", "以內")
# after N年, these make it no duration (2020年度, 80年代, 三年级)
NOT_DURATION_AFTER_YEAR = "度级級代春夏秋冬"  # 108年秋季班: a (Minguo) year's term
# what a change is measured against: never the label of the change (比上年增加…, 上年增长…)
COMPARISON_BASES = ("上年", "去年", "同期", "上年同期", "去年同期", "年初", "上月", "上季度", "前年")
# words that end a label even without a link word before the number (完成率252.63%, 占比30%)
LABEL_ENDINGS = ("率", "比")
# characters a label does not run back across (的, 和, a comma …): 收入的增长率为 → 增长率
LABEL_STOPS = "的之和及与、，,在对将把了"
# words after a number of years that make it the name of a plan or a campaign (三年行动计划,
# 五年规划, 三年攻坚), not a duration
PLAN_AFTER_YEARS = ("目标", "目標", "行动", "行動", "滚动", "滾動", "计划", "計劃", "計畫", "规划", "規劃", "攻坚", "攻堅", "方案",
                    "义务教育", "義務教育", "一贯制", "一貫制", "国教", "國教")
# a minus sign written before a number belongs to its value (增长-4.7%), unless the character before the
# sign makes it a range dash or part of a code (3%-5%, 480-560米, A-3)
MINUS_SIGNS = "-－−"
# what joins the two ends of a range (3%-5%, 3－5年, 5―6级, 480〜560米)
RANGE_DASHES = ("-", "－", "−", "~", "～", "〜", "—", "–", "―", "至", "到")
# what joins a list of ordinals under one 第 (第4、10款, 第二、三项): the later numbers are ordinals too
ORDINAL_LIST_JOINS = "、和及与與或"
# characters before a numeral + 期 that make it a count of sessions (分七期, 共办三期); else a phase
SESSION_COUNT_BEFORE = "分共办辦计計"
# characters after N台 that make it a place name (九台区, 七台河, 2019台南), not N machines
PLACE_AFTER_TAI = "区區河县縣市山北南中东東灣湾"
# adverbs that end a label but are not part of it (收入分别达到 → 收入)
LABEL_TAIL = ("分别", "分別", "均", "都", "已", "已经", "将", "共", "累计", "同比", "较上年", "比上年", "年均", "平均", "全年",
              "总计", "合计", "共计", "预计", "力争", "大幅", "持续", "稳步", "进一步")
SIMPLIFIED = {v: k for k, v in TRADITIONAL.items()}
_SIMPLE_UNITS: tuple[str, ...] = tuple(dict.fromkeys(PERCENT + MONEY + MEASURE + COUNT))
UNITS_ALL: tuple[str, ...] = tuple(dict.fromkeys(_SIMPLE_UNITS + tuple(u.translate(TRADITIONAL) for u in _SIMPLE_UNITS)))


@cache  # a page asks it of every metric, of a few hundred units in all
def kind_of(unit: str) -> MetricKind:
    if unit[-1:] in ")）":  # 场(次): the kind of the measure word before its parenthesised second one
        unit = unit[:max(unit.rfind("("), unit.rfind("（"))]
    unit = unit.translate(SIMPLIFIED)
    if unit in KINDS:
        return KINDS[unit]
    if "/" in unit:  # 元/人月, 吨/年: the kind of the unit before the per-unit
        return kind_of(unit[:unit.index("/")])
    if unit.endswith("元"):
        return "money"
    if unit in COUNT:
        return "count"
    return "other"


# Each unit is checked (tests/test_rules.py) in the sentence 全年共完成12<unit>。 and, unless it needs
# an Arabic number, 全年共完成十二<unit>。: both must give one metric of 12 in that unit. These units
# are not metrics in that sentence, for the reason given:
NOT_ALONE: dict[str, str] = {
    "日": "after a number 日 is a day of the month (25日) unless 内 follows: 5日内 is a duration",
}
NOT_ALONE_CHINESE: dict[str, str] = {
    "期": "after a Chinese numeral 期 names a phase (二期工程) unless 分/共/办 precede it (分七期)",
}
# text -> the metrics it holds (raw, value, unit), in order: the cases the spec names
EXAMPLES: tuple[tuple[str, tuple[tuple[str, float, str], ...]], ...] = (
    ("完成率为252.63%", (("252.63%", 252.63, "%"),)),
    ("投入1.2亿元", (("1.2亿元", 120_000_000, "元"),)),
    ("办理十九件", (("十九件", 19, "件"),)),
    ("召开两次", (("两次", 2, "次"),)),
    ("在5日内办结", (("5日", 5, "日"),)),
    ("分七期举办", (("七期", 7, "期"),)),
    ("新建12万平方米", (("12万平方米", 120_000, "平方米"),)),
    ("占百分之三十", (("百分之三十", 30, "%"),)),
    ("服务1万2千人", (("1万2千人", 12_000, "人"),)),
    ("增长3%-5%", (("3%", 3, "%"), ("5%", 5, "%"))),
    ("长480-560米", (("480", 480, "米"), ("560米", 560, "米"))),
    ("用电12千瓦时", (("12千瓦时", 12, "千瓦时"),)),
    ("全长十二千米", (("十二千米", 12, "千米"),)),
    ("提高十二个百分点", (("十二个百分点", 12, "个百分点"),)),
    ("预算1.25兆", (("1.25兆", 1_250_000_000_000, ""),)),
    ("由六部分组成", (("六部分", 6, "部分"),)),
    ("下降-4.7%", (("-4.7%", -4.7, "%"),)),
    ("培训一万二千人次", (("一万二千人次", 12_000, "人次"),)),
    ("分为国家级和省级两级", (("两级", 2, "级"),)),
    ("設置兩處觀景點", (("兩處", 2, "處"),)),
    ("月薪調漲至2萬9千5百元", (("2萬9千5百元", 29_500, "元"),)),
    ("10年成長近七成", (("10年", 10, "年"), ("近七成", 7, "成"))),
    ("四口之家", (("四口", 4, "口"),)),
    ("工作5周", (("5周", 5, "周"),)),
    ("108年元旦4天連假期間(107年12月29日至108年1月1日)", (("4天", 4, "天"),)),  # Minguo-dated: 108年 is a year
    ("建党100年来", (("100年", 100, "年"),)),
    ("也成立了百億規模的基金", (("百億", 10_000_000_000, ""),)),
    ("千亿规模的产业集群", (("千亿", 100_000_000_000, ""),)),
    ("经济总量突破万亿", (("万亿", 1_000_000_000_000, ""),)),
    ("投入百亿元资金", (("百亿元", 10_000_000_000, "元"),)),
    ("培训干部百余人", (("百余人", 100, "人"),)),
    ("惠及万余户", (("万余户", 10_000, "户"),)),
    ("形成二十亿规模的基金", (("二十亿", 2_000_000_000, ""),)),
    ("募集三千万资金", (("三千万", 30_000_000, ""),)),
    ("近千人参加", (("近千人", 1_000, "人"),)),
    ("引进超百家企业", (("超百家", 100, "家"),)),
    ("投资超千万元", (("超千万元", 10_000_000, "元"),)),
    ("期限为3－5年", (("3", 3, "年"), ("5年", 5, "年"))),
    ("可能发生5―6级地震", (("5", 5, "级"), ("6级", 6, "级"))),
    ("預估會有12-13級強陣風", (("12", 12, "級"), ("13級", 13, "級"))),
    ("共有3萬餘人參加，辦理1,200餘件", (("3萬餘人", 30_000, "人"), ("1,200餘件", 1_200, "件"))),
    ("最高不超過15萬元，於3日以內辦結", (("不超過15萬元", 150_000, "元"), ("3日以內", 3, "日"))),
    ("由2,300萬臺灣人民決定", (("2,300萬", 23_000_000, ""),)),
    ("購置3臺電腦、出版2冊專書，經費1萬歐元", (("3臺", 3, "臺"), ("2冊", 2, "冊"), ("1萬歐元", 10_000, "歐元"))),
    ("长480〜560米", (("480", 480, "米"), ("560米", 560, "米"))),
    ("旅客运输周转量455.6亿人公里", (("455.6亿人公里", 45_560_000_000, "人公里"),)),
    ("货物运输周转量5119.8亿吨公里", (("5119.8亿吨公里", 511_980_000_000, "吨公里"),)),
    ("辖区 72 个网格 260 余名专职人员", (("72 个", 72, "个"), ("260 余名", 260, "名"))),  # text laid out with spaces
    ("收入 1,234.56 万元，增长 5.6 %", (("1,234.56 万元", 12_345_600, "元"), ("5.6 %", 5.6, "%"))),
    ("力争三到五年时间内完成", (("三", 3, "年"), ("五年", 5, "年"))),
    ("在三至五个工作日内办结", (("三", 3, "个工作日"), ("五个工作日", 5, "个工作日"))),
    ("举办警示教育3场(次)，40人（次）", (("3场(次)", 3, "场(次)"), ("40人（次）", 40, "人（次）"))),
    ("补扣期限最长不得超过五年，连续不满六年，总投资约为8.5亿元，入围企业3家及以上，旅游收入超万亿元",
     (("不得超过五年", 5, "年"), ("不满六年", 6, "年"), ("约为8.5亿元", 850_000_000, "元"), ("3家及以上", 3, "家"),
      ("超万亿元", 1_000_000_000_000, "元"))),
    ("房屋建筑面积约有一亿五千万平方公尺，7×24小时服务，29*38公分信封", (("一亿五千万平方公尺", 150_000_000, "平方公尺"),
                                                       ("24小时", 24, "小时"), ("38公分", 38, "公分"))),
    ("原公告日期係指最近1次招標公告", (("1次", 1, "次"),)),
    ("生产总值1102284万元，总人口12345678人，电话12345678", (("1102284万元", 11_022_840_000, "元"),
                                                         ("12345678人", 12_345_678, "人"))),
    ("投入1兆2,500億元的經費（約3 兆4160億美元），總經費約為1億3,525萬元、1億5千萬元",
     (("1兆2,500億元", 1_250_000_000_000, "元"), ("約3 兆4160億美元", 3_416_000_000_000, "美元"),
      ("約為1億3,525萬元", 135_250_000, "元"), ("1億5千萬元", 150_000_000, "元"))),
    ("低保标准825元/人月，炼油规模800万吨/年，普及率为103.9部/百人，消费量1281.17万吨标准煤",
     (("825元/人月", 825, "元/人月"), ("800万吨/年", 8_000_000, "吨/年"), ("103.9部/百人", 103.9, "部/百人"),
      ("1281.17万吨标准煤", 12_811_700, "吨标准煤"))),
    ("主動公開7800餘條次，比上年下降1.15个千分点，面積2413.22平方公尺，平均气温19.0℃，30万人口，24.953兆人民幣",
     (("7800餘條次", 7800, "條次"), ("1.15个千分点", 1.15, "个千分点"), ("2413.22平方公尺", 2413.22, "平方公尺"),
      ("19.0℃", 19, "℃"), ("30万人口", 300_000, "人口"), ("24.953兆人民幣", 24_953_000_000_000, "人民幣"))),
    ("日本政府提供了1億1千萬日圓的捐款，折合新台幣3億元", (("1億1千萬日圓", 110_000_000, "日圓"), ("3億元", 300_000_000, "元"))),
    ("年产130根曲轴，家禽143.3万羽，汽车5,300席", (("130根", 130, "根"), ("143.3万羽", 1_433_000, "羽"),
                                             ("5,300席", 5300, "席"))),
    ("人员不超过五分之一，排放量为千分之五，占2分之1", (("不超过五分之一", 0.2, ""), ("千分之五", 5, "‰"), ("2分之1", 0.5, ""))),
    ("四分之三的县", (("四分之三", 0.75, ""),)),
    ("产量三亿三千五百多万吨，收入一千四百多亿元，增长到3万多亿元", (("三亿三千五百多万吨", 335_000_000, "吨"),
                                                     ("一千四百多亿元", 140_000_000_000, "元"),
                                                     ("3万多亿元", 3_000_000_000_000, "元"))),
    ("兼領二分之一一次退職酬勞金，標準不少于 30 项", (("二分之一", 0.5, ""), ("不少于 30 项", 30, "项"))),
    ("洽詢電話：(06)2991111分機8888，計2件", (("2件", 2, "件"),)),
    ("采购设备2万台（件），培训12人（其中女性5人）", (("2万台（件）", 20_000, "台（件）"), ("12人", 12, "人"),
                                                  ("5人", 5, "人"))),
)
# text that holds no metric: a word, a place, an ordinal name, 一 as "a", a plan, a document number
COUNTER: tuple[str, ...] = (
    "十分重要", "九台区", "七台河", "三次产业", "十九届五中全会", "开展一次", "一个", "二期工程", "三年行动计划",
    "〔2016〕26号", "9时30分", "十四五", "2020年12月29日", "建成二级公路", "三级响应",
    "建党80周年", "民选30週年", "憲法法庭113年憲判字第9號", "大陸人士", "队伍人员", "一成不变",
    "４2008年馬總統的兩岸政見", "千万不要大意", "十万火急的任务", "千家万户", "成百上千", "数百亿元", "几千亿元",
    "百万雄师过大江", "万一发生险情", "经过千辛万苦", "上千家企业", "依第3條第4、10款規定", "第二、三项",
    "防止二次污染", "嚴防二次崩塌發生", "巩固九年义务教育成果", "推動十二年國教", "建设九年一贯制学校",
    "依照第3-5条规定", "依照第三至五条规定", "依照第 3 条规定", "2021 年度部门决算", "數十家企業", "幾百人",
    "國小三年級學生", "07对外经济", "计算方法：出院患者手术台次数/同期出院患者总人数×100%", "十九届中央纪委三次全会",
    "依採購法第104條或105條", "防震减灾十年目标", "108年秋季班", "意义十分之大", "如图1所示", "按附件2所列标准", "落实中央八项规定精神",
    "坚持四项基本原则", "附比例尺六千分之一計畫圖", "較2011年又前进了三名", "排名下降6名", "全省排名上升5位", "成立七人普工作领导小组",
)
