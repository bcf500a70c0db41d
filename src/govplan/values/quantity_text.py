"""Reading and writing quantities as the documents state them.

``parse_quantity`` turns "96%", "1436万元", "300多名", "近500人", "90%以上",
"十几个", "2万多元", "百分之九十五", "7-9%" or "第二名" into a :class:`~govplan.Quantity`;
``format_quantity`` writes the canonical text that reads back to an equal
quantity.

Bound words follow Chinese statutory usage (Civil Code art. 1259): 以上, 以下,
以内 and 届满 include the number; 超过, 不满 and 以外 exclude it.

The reader is a single left-to-right pass (no backtracking regular
expression over the whole text), so its time is linear in the input.
"""

from __future__ import annotations

import re
from decimal import Decimal, Inexact, localcontext

import attrs

from ..errors import GovplanError, ParseError
from .normalize import normalize
from .numbers import (
    CHINESE_NUMERAL_CHARS,
    MAX_DIGITS,
    parse_chinese_integer,
    parse_chinese_number,
    parse_decimal,
    split_fraction_word,
)
from .quantities import Quantity
from .unit_table import MULTIPLIERS
from .units import DEFAULT_UNITS, Unit, UnitRegistry

__all__ = ["DEFAULT_TOLERANCE", "format_quantity", "parse_quantity"]

DEFAULT_TOLERANCE = Decimal("0.05")
"""Relative half-width of 约N / N左右, and the depth below N of 近N."""

# Prefix words: one-sided bounds, or an approximation.
AT_LEAST_WORDS = ("达到", "不低于", "不少于", "至少", "届满", "不小于")
MORE_THAN_WORDS = ("超过", "高于", "多于", "大于", "突破", "超")
AT_MOST_WORDS = ("不超过", "不高于", "不多于", "不大于", "最多", "至多")
LESS_THAN_WORDS = ("不满", "不足", "不到", "低于", "少于", "小于")
ABOUT_WORDS = ("约合", "约为", "大约", "约")
NEAR_WORDS = ("将近", "接近", "近")
_PREFIXES = sorted(
    (*AT_LEAST_WORDS, *MORE_THAN_WORDS, *AT_MOST_WORDS, *LESS_THAN_WORDS, *ABOUT_WORDS,
     *NEAR_WORDS),
    key=len,
    reverse=True,
)  # fmt: skip
AT_LEAST_SUFFIXES = ("以上", "之上")
MORE_THAN_SUFFIXES = ("以外", "开外")
AT_MOST_SUFFIXES = ("以下", "以内", "之内", "之下")
ABOUT_SUFFIXES = ("左右", "上下")
_SUFFIXES = (*AT_LEAST_SUFFIXES, *MORE_THAN_SUFFIXES, *AT_MOST_SUFFIXES, *ABOUT_SUFFIXES)
APPROX_MARKS = ("多", "余")

# At most nine thousands groups (MAX_DIGITS): reading stays constant-time per number.
_ARABIC = re.compile(
    r"[+-]?(?>[0-9]{1,3}(?:,[0-9]{3}){1,9}+(?![0-9,])|[0-9]++)(?:\.[0-9]++)?", re.ASCII
)
_CHINESE = re.compile(rf"负?[{CHINESE_NUMERAL_CHARS}]+(?:点[{CHINESE_NUMERAL_CHARS[:21]}]+)?")
_SOME = re.compile(r"几([十百千万])")
_POWER_STEP = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
_BIG = "万亿"


def _check_tolerance(tolerance: object) -> Decimal:
    if isinstance(tolerance, float | bool) or not isinstance(tolerance, Decimal | int | str):
        raise ParseError(
            f"tolerance: not an exact number: {tolerance!r}",
            field="tolerance",
            value=tolerance,
            expected='a Decimal, an int or a string such as "0.05" (floats are not exact)',
        )
    try:
        value = parse_decimal(tolerance) if isinstance(tolerance, str) else Decimal(tolerance)
    except ParseError:
        value = Decimal(-1)
    if not 0 <= value < 1:
        raise ParseError(
            f"tolerance must be at least 0 and below 1, not {tolerance!r}",
            field="tolerance",
            value=tolerance,
            expected='a share such as Decimal("0.05")',
        )
    return value


@attrs.frozen
class Number:
    """A number read at a position: its value (or interval) and where it ends."""

    low: Decimal
    high: Decimal
    open_ends: bool
    end: int
    unit_prefix: str = ""
    """万 or 亿 that a Chinese numeral ended with, moved to the unit (三万人 → 3 万人)."""
    unit_hint: str | None = None
    """The unit a fraction word stands for (百分之 → %)."""


def exact(operation: str, left: Decimal, right: Decimal) -> Decimal:
    """``left + right`` or ``left * right`` computed exactly, or a ParseError."""
    with localcontext() as context:
        context.prec = 4 * MAX_DIGITS
        context.traps[Inexact] = True
        try:
            return left + right if operation == "+" else left * right
        except Inexact:
            raise ParseError(
                f"{left} {operation} {right} has no exact result",
                value=str(left),
                expected=f"numbers of at most {MAX_DIGITS} digits",
            ) from None


def read_number(text: str, start: int = 0) -> Number | None:
    """Read the number written at *text[start:]*: Arabic, Chinese, 百分之N or 十几 / 几十.

    Text must be normalised (:func:`~govplan.values.normalize.normalize`).
    Returns ``None`` when no number starts there.
    """
    fraction = split_fraction_word(text[start : start + 5])
    if fraction is not None:
        unit, _ = fraction
        word_end = text.index("之", start) + 1
        inner = read_number(text, word_end)
        if inner is None or inner.unit_hint is not None or inner.unit_prefix:
            return None
        return attrs.evolve(inner, unit_hint=unit)
    if match := _ARABIC.match(text, start):
        value = parse_decimal(match.group())
        return Number(value, value, False, match.end())
    if match := _SOME.match(text, start):
        step = _POWER_STEP[match[1]]
        return Number(Decimal(step), Decimal(step * 10), True, match.end())
    match = _CHINESE.match(text, start)
    if match is None:
        return None
    numeral, end = match.group(), match.end()
    prefix = ""
    if "点" not in numeral:
        while numeral and numeral[-1] in _BIG and len(numeral) > 1:
            prefix, numeral = numeral[-1] + prefix, numeral[:-1]
    else:
        while end < len(text) and text[end] in _BIG:
            prefix, end = prefix + text[end], end + 1
    if end < len(text) and text[end] == "几" and numeral.endswith("十"):
        # 十几 / 二十几: (10, 20), (20, 30).
        low = Decimal(parse_chinese_integer(numeral))
        return Number(low, low + 10, True, end + 1, unit_prefix=prefix)
    if not numeral:  # pragma: no cover - the pattern needs one numeral character
        return None
    value = parse_chinese_number(numeral)
    return Number(value, value, False, end, unit_prefix=prefix)


def parse_quantity(
    text: str,
    *,
    tolerance: Decimal | int | str = DEFAULT_TOLERANCE,
    units: UnitRegistry = DEFAULT_UNITS,
) -> Quantity:
    """Read a value as a plan or report states it.

    >>> parse_quantity("1436万元")
    Quantity(low=Decimal('1436'), high=Decimal('1436'), unit=Unit(symbol='万元', ...), ...)
    >>> format_quantity(parse_quantity("300多名"))
    '(300,400)名'
    >>> format_quantity(parse_quantity("近500人"))
    '[475.00,500)人'
    >>> format_quantity(parse_quantity("2万多元"))
    '(2,3)万元'

    Args:
        text: The stated value, e.g. ``"99.54%"``, ``"60多万平方米"``,
            ``"近500人"``, ``"十几个"``, ``"第二名"``, ``"百分之九十五"``,
            ``"12.5/10万"``, ``"(300,400)人"`` or a range ``"7-9%"`` (both
            ends included, one unit, the low end first).
        tolerance: For 约N and N左右 the interval is N ± tolerance·N; for 近N
            it is [N − tolerance·N, N).  A Decimal, an int or a numeric string.
        units: The unit registry to read units from.

    Raises:
        ParseError: *text* is not a quantity (the message quotes it), or
            *tolerance* is not an exact share (the message names it).
        UnknownUnitError: The unit written after the number is unknown.

    """
    spread = _check_tolerance(tolerance)
    if not isinstance(text, str):
        raise ParseError(f"not a quantity: {text!r}", value=text, expected='a string such as "96%"')
    folded = "".join(normalize(text).text.split())
    try:
        if folded.startswith(("(", "[")):
            quantity = _from_brackets(folded, units)
        else:
            quantity = _from_words(folded, spread, units)
    except GovplanError as exc:
        shown = text if len(text) <= 60 else text[:60] + "…"
        if repr(shown) in exc.message:
            raise
        raise type(exc)(
            f"not a quantity: {shown!r}: {exc.message}", value=shown, expected=exc.expected
        ) from None
    return Quantity(
        low=quantity.low,
        high=quantity.high,
        unit=quantity.unit,
        low_open=quantity.low_open,
        high_open=quantity.high_open,
        stated=text,
    )


_BRACKET_BOUND = re.compile(r"[+-]?[0-9]++(?:\.[0-9]++)?", re.ASCII)


def _from_brackets(folded: str, units: UnitRegistry) -> Quantity:
    close = next((index for index, ch in enumerate(folded) if ch in ")]"), -1)
    inside, unit_text = folded[1:close], folded[close + 1 :]
    low_text, comma, high_text = inside.partition(",")
    if close < 0 or not comma:
        raise ParseError(f"not an interval: {folded!r}", value=folded, expected="e.g. (300,400]人")
    bounds: list[Decimal | None] = []
    for bound in (low_text, high_text):
        if bound and not _BRACKET_BOUND.fullmatch(bound):
            raise ParseError(f"not a bound: {bound!r}", value=bound, expected="a decimal")
        bounds.append(parse_decimal(bound) if bound else None)
    if bounds[0] is None and bounds[1] is None:
        raise ParseError(
            f"an interval needs at least one bound: {folded!r}",
            value=folded,
            expected="e.g. (300,)人 or (,400]人",
        )
    return Quantity(
        low=bounds[0],
        high=bounds[1],
        unit=units.parse(unit_text),
        low_open=folded[0] == "(",
        high_open=folded[close] == ")",
    )


def _strip(text: str, words: tuple[str, ...], *, at_end: bool) -> tuple[str | None, str]:
    for word in words:
        if text.endswith(word) if at_end else text.startswith(word):
            return word, (text[: -len(word)] if at_end else text[len(word) :])
    return None, text


def step_of(number: Decimal) -> Decimal:
    """The step of the last significant digit: 300 → 100, 2 → 1, 2.5 → 0.1."""
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite: the reader admits only digits
    return Decimal(1).scaleb(exponent)


def _from_words(folded: str, tolerance: Decimal, units: UnitRegistry) -> Quantity:
    prefix, rest = _strip(folded, (*_PREFIXES, "第", "前"), at_end=False)
    suffix, rest = _strip(rest, _SUFFIXES, at_end=True)
    number = read_number(rest)
    if number is None:
        raise ParseError(
            f"not a quantity: {folded!r}",
            value=folded,
            expected='a number with a unit, e.g. "96%", "1436万元", "300多人"',
        )
    unit_text = number.unit_prefix + rest[number.end :]
    if prefix in ("第", "前"):
        return _rank(folded, prefix, number, unit_text, suffix, units)
    ranged = read_range(rest, number)
    if ranged is not None:
        return _range(folded, prefix or suffix, ranged, units)
    approx = None
    # 2万多元, 1万余人: the mark sits between the multiplier and the unit.
    head = 0
    while head < len(unit_text) and unit_text[head] in MULTIPLIERS and head < 3:
        head += 1
    if unit_text[head : head + 1] in APPROX_MARKS:
        approx, unit_text = unit_text[head], unit_text[:head] + unit_text[head + 1 :]
    elif unit_text.endswith(APPROX_MARKS) and unit_text[:-1] in ("%", "个百分点", "‰"):
        approx, unit_text = unit_text[-1], unit_text[:-1]  # 70%多
    if number.unit_hint is not None:
        if unit_text:
            raise ParseError(
                f"unexpected {unit_text!r} after a fraction word in {folded!r}", value=folded
            )
        unit_text = number.unit_hint
    unit = units.parse(unit_text)
    if number.open_ends:
        if approx or prefix or suffix:
            raise ParseError(f"cannot qualify an approximate number in {folded!r}", value=folded)
        return Quantity(low=number.low, high=number.high, unit=unit, low_open=True, high_open=True)
    value = number.low
    if approx:
        if prefix or suffix:
            raise ParseError(
                f"cannot combine {approx!r} with {prefix or suffix!r} in {folded!r}",
                value=folded,
            )
        if value <= 0:
            raise ParseError(f"{folded!r}: {approx!r} needs a positive number", value=folded)
        # 300多 lies between 300 and the next step of its last significant digit.
        high = exact("+", value, step_of(value))
        return Quantity(low=value, high=high, unit=unit, low_open=True, high_open=True)
    if prefix and suffix:
        raise ParseError(f"cannot combine {prefix!r} with {suffix!r} in {folded!r}", value=folded)
    return bounded(value, unit, prefix or suffix, tolerance)


RANGE_DASH = re.compile(r"—{1,2}|-|–|~|〜|至|到")
"""What stands between the two ends of a range (7-9%, 7%—9%, 三至五人)."""


@attrs.frozen
class Range:
    """Two numbers written as a range, with the unit text after the second."""

    low: Number
    high: Number
    unit_text: str
    """The text after the second end (its unit, and whatever follows)."""
    first_unit: str
    """The unit as written after the first end, if any ("%" in 7%-9%)."""
    dash: tuple[int, int]
    """Where the dash between the ends stands."""


def read_range(text: str, first: Number) -> Range | None:
    """The range that starts with *first* in *text* (normalised), or ``None``.

    The first end may carry the unit too (7%-9%); a second number that is not
    followed by the same unit, or a mark (多, 几) on either end, is no range.
    """
    dash = None
    for end in range(first.end, min(len(text), first.end + 6)):
        dash = RANGE_DASH.match(text, end)
        if dash is not None:
            break
        if text[end].isdigit() or text[end] in "多余几":
            return None
    if dash is None or first.open_ends:
        return None
    try:
        second = read_number(text, dash.end())
    except GovplanError:
        return None
    if second is None or second.open_ends:
        return None
    return Range(
        low=first,
        high=second,
        unit_text=second.unit_prefix + text[second.end :],
        first_unit=first.unit_prefix + text[first.end : dash.start()],
        dash=(dash.start(), dash.end()),
    )


def _range(folded: str, word: str | None, ranged: Range, units: UnitRegistry) -> Quantity:
    if word is not None:
        raise ParseError(
            f"cannot combine a range with {word!r} in {folded!r}",
            value=folded,
            expected="a range such as 7-9% or a bound such as 7%以上, not both",
        )
    low, high = ranged.low, ranged.high
    if low.unit_hint or high.unit_hint:
        if low.unit_hint != high.unit_hint or ranged.unit_text or ranged.first_unit:
            raise ParseError(f"not a range: {folded!r}", value=folded)
        unit_text = high.unit_hint or ""
    else:
        unit_text = ranged.unit_text
        if ranged.first_unit and ranged.first_unit != unit_text:
            raise ParseError(
                f"the two ends of {folded!r} are in different units "
                f"({ranged.first_unit!r} and {unit_text!r})",
                value=folded,
                expected="one unit for both ends, e.g. 7%-9% or 7-9%",
            )
    unit = units.parse(unit_text)
    if high.low < low.low:
        raise ParseError(
            f"the range {folded!r} runs from {low.low} down to {high.low}",
            value=folded,
            expected=f"the low end first: {high.low}-{low.low}",
        )
    return Quantity(low=low.low, high=high.low, unit=unit)


def bounded(value: Decimal, unit: Unit, word: str | None, tolerance: Decimal) -> Quantity:
    """The quantity a bound or approximation word makes of *value* (None: exactly it)."""
    if word is None:
        return Quantity(low=value, high=value, unit=unit)
    if word in AT_LEAST_WORDS or word in AT_LEAST_SUFFIXES:
        return Quantity(low=value, high=None, unit=unit, high_open=True)
    if word in MORE_THAN_WORDS or word in MORE_THAN_SUFFIXES:
        return Quantity(low=value, high=None, unit=unit, low_open=True, high_open=True)
    if word in AT_MOST_WORDS or word in AT_MOST_SUFFIXES:
        return Quantity(low=None, high=value, unit=unit, low_open=True)
    if word in LESS_THAN_WORDS:
        return Quantity(low=None, high=value, unit=unit, low_open=True, high_open=True)
    spread = exact("*", abs(value), tolerance)
    if word in NEAR_WORDS:
        return Quantity(low=exact("+", value, -spread), high=value, unit=unit, high_open=True)
    # 约N, 大约N, N左右, N上下
    return Quantity(low=exact("+", value, -spread), high=exact("+", value, spread), unit=unit)


def _rank(
    folded: str,
    prefix: str,
    number: Number,
    unit_text: str,
    suffix: str | None,
    units: UnitRegistry,
) -> Quantity:
    value = number.low
    if (
        suffix
        or number.open_ends
        or number.unit_hint
        or unit_text not in ("", "名", "位", "强")
        or value != value.to_integral_value()
        or value < 1
    ):
        raise ParseError(
            f"not a rank: {folded!r}",
            value=folded,
            expected="第N名 or 前N名 with N a positive whole number",
        )
    rank = units.parse("名次")
    if prefix == "第":
        return Quantity(low=value, high=value, unit=rank)
    return Quantity(low=Decimal(1), high=value, unit=rank)


def _number(value: Decimal) -> str:
    return format(value, "f")


def format_quantity(quantity: Quantity) -> str:
    """Write *quantity* as text that :func:`parse_quantity` reads back equal.

    That holds when each bound has at most
    28 (``MAX_DIGITS``) digits written out, as the reader
    allows; :func:`~govplan.dump` refuses to write a longer one.

    >>> from govplan import PERCENT
    >>> format_quantity(Quantity.of("99.54", PERCENT))
    '99.54%'
    """
    low, high, symbol = quantity.low, quantity.high, quantity.unit.symbol
    if quantity.is_exact:
        assert low is not None
        return f"{_number(low)}{symbol}"
    if low is not None and high is None and not quantity.low_open:
        return f"{_number(low)}{symbol}以上"
    if low is not None and high is None:
        return f"超过{_number(low)}{symbol}"
    if low is None and high is not None and not quantity.high_open:
        return f"{_number(high)}{symbol}以下"
    if low is None and high is not None:
        return f"不满{_number(high)}{symbol}"
    opening = "(" if quantity.low_open else "["
    closing = ")" if quantity.high_open else "]"
    low_text = "" if low is None else _number(low)
    high_text = "" if high is None else _number(high)
    return f"{opening}{low_text},{high_text}{closing}{symbol}"
