"""Chinese numerals: characters and their values (simplified, traditional, financial)."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "０": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
    "参": 3,  # the simplified variant a page may write for 參 in 参、 (not in CN_DIGIT: no metric reads it)
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

# character classes for regexes (without brackets)
CN_DIGIT = "零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
CN_SMALL = "十拾百佰千仟"
CN_NUM = CN_DIGIT + CN_SMALL
# ordinal numerals as used in list markers (一、 … 二十、, 百 for long lists)
CN_MARKER = "一二三四五六七八九十百零〇两壹贰貳叁參肆伍陆陸柒捌玖拾"
# financial numerals: 壹、貳、參、 head a level above 一、 in Taiwan's official documents
CN_FORMAL = "壹贰貳叁參肆伍陆陸柒捌玖拾"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

EXAMPLES: tuple[tuple[str, int], ...] = (
    ("十九", 19), ("十", 10), ("一百二十三", 123), ("一百零五", 105), ("两", 2), ("三千", 3000),
    ("二〇二〇", 2020), ("一万二千", 12000), ("十二", 12), ("二十九", 29), ("贰拾", 20), ("一亿三千万", 130_000_000),
)


def cn_to_int(text: str) -> int:
    """Value of a Chinese numeral: 十九 → 19, 二〇二〇 → 2020 (digit strings read positionally).

    Raises ValueError for an empty string or a character that is not a numeral.
    """
    if not text:
        raise ValueError("empty numeral")
    if all(ch in DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        elif ch in BIG_UNITS:
            section += number
            number = 0
            if not section and not total:  # 万 alone, 万余户: one ten-thousand (as 百 alone is one hundred)
                section = 1
            if BIG_UNITS[ch] == 100_000_000:
                total = (total + section) * BIG_UNITS[ch]
            else:
                total += section * BIG_UNITS[ch]
            section = 0
        else:
            raise ValueError(f"not a Chinese numeral: {ch!r}")
    return total + section + number


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
"""Circled numbers, the Nth numbering N (a style's ``glyphs`` in rules/markers.py give their values)."""


def to_int(text: str) -> int:
    """An ordinal written in Arabic (full- or half-width) or Chinese numerals (one-character markers
    such as ③ are read through their style's glyphs: rules/markers.py GLYPH_VALUES)."""
    ascii_text = text.translate(FULLWIDTH_DIGITS)
    if ascii_text.isdigit():
        return int(ascii_text)
    return cn_to_int(text)
