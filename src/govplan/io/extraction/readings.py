"""Values found in a sentence: where each is, and the quantity it states.

This module finds *where* a sentence states a value and hands the phrase to the
values layer (:func:`govplan.parse_quantity`) to read; it does not read numbers
itself.  Numbers that state no figure -- dates (2010年, 11月), ordinals
(第四轮), document numbers ([2011]7号), slogans in quotes (“三创”) -- are left
out; a number that should state a figure but cannot be read is returned as
unread, with the reason, and never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ...errors import GovplanError
from ...values.numbers import normalize_text
from ...values.quantities import Quantity
from ...values.quantity_text import parse_quantity
from ...values.units import DEFAULT_UNITS

__all__ = ["Reading", "Unreadable", "find_readings"]


@attrs.frozen(kw_only=True, slots=True)
class Reading:
    """A value stated in a sentence.

    Attributes:
        start: Where the value phrase starts in the sentence's text.
        end: Where it ends.
        text: The phrase as written ("300多名", "95%以上", "第二名").
        quantity: What it states.
        approx: The approximation word (多, 余, 约, 近, 左右, 几), if any.
        zero: Whether it is a zero statement (无一人, 没有发生一起).

    """

    start: int
    end: int
    text: str
    quantity: Quantity
    approx: str | None = None
    zero: bool = False


@attrs.frozen(kw_only=True, slots=True)
class Unreadable:
    """A number that seems to state a figure but could not be read."""

    start: int
    end: int
    text: str
    reason: str


_DIGITS = "0-9０-９"
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_PREFIX = (
    "不低于|不少于|至少|达到|超过|高于|多于|不超过|不高于|不多于|不满|不足|不到|低于|少于|"
    "大约|约|将近|近|第|前"
)
_SUFFIX = "以上|以下|以内|之内|左右"
_VALUE = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    rf"(?P<number>[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?(?:[万亿])?|[{_CN_DIGITS}]+(?:[万亿])?)"
    r"(?P<approx>多|余|几)?"
    r"(?P<unit>(?:/(?:10|100|1000)?[万千])?[^\s，。；、,;：:（）()“”‘’《》\[\]【】„‟〔〕.．/0-9０-９]{0,6})"
)
_SUFFIX_AFTER = re.compile(rf"(?:{_SUFFIX})")
# Words after a number that make it a date, a time or a label, not a figure.
_NOT_FIGURE = re.compile(
    r"(?:年|月|日|号|时|点|周岁|届|级|批|轮|季度|世纪|代|章|条例|部分|篇章|楼|栋|版|号文|至|到)"
)
_REFERENCE = "该这此"
_CN_UNITS = frozenset("所个名人次项件堂间座期家户处起条篇份台辆套株册张部支口")
_ZERO = re.compile(
    r"(?:无一(?P<u1>[人例起件个所次])(?:[^\s，。；,;]{0,6}))"
    r"|(?:(?:没有|未)(?:发生|出现)(?:过)?一(?P<u2>[起例件次个人])"
    r"(?:[^\s，。；,;]{0,12}))"
)


def _chinese_figure(text: str, start: int, number: str, unit: str) -> bool:
    """Whether a number in Chinese numerals states a figure (三堂课) or is a phrase (一处)."""
    if not unit or unit[0] not in _CN_UNITS or (start > 0 and text[start - 1] == "几"):
        return False
    if number == "一":
        return unit[0] in "所人名" and not unit.startswith(("人一", "名一"))
    return number != "两" or unit[0] in "所人名座台辆家户间"


def _unit_words(unit: str) -> Iterator[str]:
    for length in range(len(unit), -1, -1):
        yield unit[:length]


def _inside_quotes(text: str, position: int) -> bool:
    for opening, closing in ("“”", "《》", "‘’", "「」"):
        before = text.rfind(opening, 0, position)
        if before >= 0 and text.find(closing, before, position) < 0:
            after = text.find(closing, position)
            if after >= 0:
                return True
    return False


def _document_number(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "[〔［【(（„" and "号" in text[start : start + 12]


def find_readings(text: str) -> tuple[tuple[Reading, ...], tuple[Unreadable, ...]]:
    """The values stated in a sentence, and the numbers that could not be read.

    >>> found, unread = find_readings("全区共有幼儿园72所，其中民办幼儿园70所，入园率达96%以上")
    >>> [(r.text, str(r.quantity)) for r in found]
    [('72所', '72所'), ('70所', '70所'), ('96%以上', '96%以上')]
    >>> find_readings("2010年11月底前完成")
    ((), ())
    """
    found: list[Reading] = []
    unread: list[Unreadable] = []
    for match in _ZERO.finditer(text):
        unit = match.group("u1") or match.group("u2")
        found.append(
            Reading(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                quantity=parse_quantity(f"0{unit}"),
                zero=True,
            )
        )
    zero_spans = [(r.start, r.end) for r in found]
    position = 0
    while True:
        hit = _VALUE.search(text, position)
        if hit is None:
            break
        start = hit.start()
        # Look again just after the number: a skipped hit must not hide the next value.
        position = hit.end("number")
        if any(a <= start < b for a, b in zero_spans):
            continue
        if start > 0 and text[start - 1] in _REFERENCE + "每":
            continue  # 该4所学校: the schools already counted
        if hit.group("prefix") == "前" and start > 0 and text[start - 1] in "以之年月日提":
            position = start + 1  # 2012年以前50%: 前 ends 以前, it is not a rank
            continue
        number = hit.group("number")
        prefix = hit.group("prefix") or ""
        chinese = not number[0].isdigit() and number[0] not in "０１２３４５６７８９"
        unit = hit.group("unit")
        if _inside_quotes(text, start) or _document_number(text, start):
            continue
        if _NOT_FIGURE.match(unit) and not hit.group("approx"):
            continue
        if prefix == "第" and not unit.startswith(("名", "位")):
            continue
        if chinese and not _chinese_figure(text, start, number, unit):
            continue
        if not unit or (not unit[0].isalpha() and unit[0] not in "%％‰‱㎡℃"):
            continue  # a bare number: an enumeration or a label, not a figure
        reading = _read(text, hit, prefix, unit)
        if reading is None:
            if not chinese and prefix not in ("第", "前"):
                unread.append(
                    Unreadable(
                        start=start,
                        end=hit.end(),
                        text=hit.group(0),
                        reason="no known unit after the number",
                    )
                )
            continue
        found.append(reading)
        position = max(position, reading.end)
    found.sort(key=lambda r: r.start)
    return tuple(found), tuple(unread)


def _read(text: str, match: re.Match[str], prefix: str, unit: str) -> Reading | None:
    body_start = match.start("number")
    core = text[body_start : match.start("unit")]
    for word in _unit_words(unit):
        if word and DEFAULT_UNITS.lookup(normalize_text(word)) is None:
            continue  # not a unit: no need to ask the quantity reader
        end = match.start("unit") + len(word)
        suffix_match = _SUFFIX_AFTER.match(text, end)
        suffix = suffix_match.group(0) if suffix_match else ""
        # A unit is known by the values layer; try the longest first.
        for with_prefix in (prefix,) if prefix else ("",):
            phrase = f"{with_prefix}{core}{word}{suffix}"
            try:
                quantity = parse_quantity(phrase)
            except GovplanError:
                if suffix:
                    try:
                        quantity = parse_quantity(f"{with_prefix}{core}{word}")
                    except GovplanError:
                        continue
                    suffix = ""
                else:
                    continue
            if not word and not suffix and prefix not in ("第", "前"):
                # A bare number: only a figure when the unit is a percent sign or the like.
                return None
            stop = end + len(suffix)
            approx = (
                match.group("approx")
                or (prefix if prefix in ("约", "大约", "近", "将近") else None)
                or ("左右" if suffix == "左右" else None)
            )
            return Reading(
                start=match.start(),
                end=stop,
                text=text[match.start() : stop],
                quantity=quantity,
                approx=approx,
            )
    return None
