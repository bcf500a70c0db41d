"""Reading and writing quantities as the documents state them.

``parse_quantity`` turns "96%", "1436万元", "300多名", "近500人", "90%以上",
"十几个" or "第二名" into a :class:`~govplan.Quantity`; ``format_quantity`` writes
the canonical text that reads back to an equal quantity.

Bound words follow Chinese statutory usage (Civil Code art. 1259): 以上, 以下,
以内 include the number; 超过, 不满 exclude it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import GovplanError, ParseError
from .numbers import CHINESE_NUMERAL_CHARS, normalize_text, parse_chinese_integer
from .quantities import Quantity
from .units import parse_unit as lookup_unit

__all__ = ["DEFAULT_TOLERANCE", "format_quantity", "parse_quantity"]

DEFAULT_TOLERANCE = Decimal("0.05")
"""Relative half-width of 约N / N左右, and the depth below N of 近N."""

# Prefix words: (low_closed?, high_closed?) of a one-sided bound, or an approximation.
_AT_LEAST = ("达到", "不低于", "不少于", "至少")
_MORE_THAN = ("超过", "高于", "多于")
_AT_MOST = ("不超过", "不高于", "不多于")
_LESS_THAN = ("不满", "不足", "不到", "低于", "少于")
_ABOUT = ("大约", "约")
_NEAR = ("将近", "近")
_PREFIXES = sorted(
    (*_AT_LEAST, *_MORE_THAN, *_AT_MOST, *_LESS_THAN, *_ABOUT, *_NEAR), key=len, reverse=True
)
_SUFFIXES = ("以上", "以下", "以内", "之内", "左右")

_NUMBER = (
    r"(?P<arabic>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    rf"|(?P<some>几)(?P<some_power>[十百千])"
    rf"|(?P<chinese>[{CHINESE_NUMERAL_CHARS}]+)"
)
_PATTERN = re.compile(
    rf"(?P<prefix>{'|'.join(_PREFIXES)}|第|前)?"
    rf"(?:{_NUMBER})"
    r"(?P<approx>多|余|几)?"
    r"(?P<unit>.*?)"
    rf"(?P<suffix>{'|'.join(_SUFFIXES)})?"
)
_BOUND = r"[+-]?\d+(?:\.\d+)?"
_BRACKETS = re.compile(
    rf"(?P<open>[(\[])\s*(?P<low>{_BOUND})?\s*,\s*(?P<high>{_BOUND})?\s*(?P<close>[)\]])(?P<unit>.*)"
)
_POWER_STEP = {"十": 10, "百": 100, "千": 1000}


def parse_quantity(text: str, *, tolerance: Decimal = DEFAULT_TOLERANCE) -> Quantity:
    """Read a value as a plan or report states it.

    >>> parse_quantity("1436万元")
    Quantity(low=Decimal('1436'), high=Decimal('1436'), unit=Unit(symbol='万元', ...), ...)
    >>> format_quantity(parse_quantity("300多名"))
    '(300,400)名'
    >>> format_quantity(parse_quantity("近500人"))
    '[475.00,500)人'

    Args:
        text: The stated value, e.g. ``"99.54%"``, ``"60多万平方米"``,
            ``"近500人"``, ``"十几个"``, ``"第二名"`` or ``"(300,400)人"``.
        tolerance: For 约N and N左右 the interval is N ± tolerance·N; for 近N
            it is [N − tolerance·N, N).

    Raises:
        ParseError: *text* is not a quantity (the message quotes it).
        UnknownUnitError: The unit written after the number is unknown.

    """
    if not isinstance(text, str):
        raise ParseError(f"not a quantity: {text!r}", value=text, expected='a string such as "96%"')
    folded = normalize_text(text).replace(" ", "")
    try:
        bracket = _BRACKETS.fullmatch(folded)
        quantity = _from_brackets(bracket) if bracket else _from_words(folded, tolerance)
    except GovplanError as exc:
        if repr(text) in exc.message:
            raise
        raise type(exc)(
            f"not a quantity: {text!r}: {exc.message}", value=text, expected=exc.expected
        ) from None
    return Quantity(
        low=quantity.low,
        high=quantity.high,
        unit=quantity.unit,
        low_open=quantity.low_open,
        high_open=quantity.high_open,
        stated=text,
    )


def _from_brackets(match: re.Match[str]) -> Quantity:
    low, high = match["low"], match["high"]
    return Quantity(
        low=None if low is None else Decimal(low),
        high=None if high is None else Decimal(high),
        unit=lookup_unit(match["unit"]),
        low_open=match["open"] == "(",
        high_open=match["close"] == ")",
    )


def _from_words(folded: str, tolerance: Decimal) -> Quantity:
    match = _PATTERN.fullmatch(folded)
    if match is None:
        raise ParseError(
            f"not a quantity: {folded!r}",
            value=folded,
            expected='a number with a unit, e.g. "96%", "1436万元", "300多人"',
        )
    prefix, suffix, approx = match["prefix"], match["suffix"], match["approx"]
    if match["arabic"]:
        number = Decimal(match["arabic"].replace(",", ""))
    elif match["some"]:
        # 几十 is some tens: (10, 100); 几百: (100, 1000).
        power = _POWER_STEP[match["some_power"]]
        return _interval(Decimal(power), Decimal(power * 10), match["unit"], True, True)
    else:
        number = Decimal(parse_chinese_integer(match["chinese"]))
    unit_text = match["unit"]

    if prefix in ("第", "前"):
        if approx or suffix or unit_text not in ("", "名", "位"):
            raise ParseError(f"not a rank: {folded!r}", value=folded, expected="第N名 or 前N名")
        rank = lookup_unit("名次")
        if prefix == "第":
            return Quantity.of(number, rank)
        return Quantity(low=Decimal(1), high=number, unit=rank)

    if approx:
        if prefix or suffix:
            raise ParseError(
                f"cannot combine {approx!r} with {prefix or suffix!r} in {folded!r}",
                value=folded,
            )
        if number <= 0:
            raise ParseError(f"{folded!r}: {approx!r} needs a positive number", value=folded)
        # 300多 lies between 300 and the next step of its last significant digit.
        exponent = number.normalize().as_tuple().exponent
        assert isinstance(exponent, int)  # finite: the pattern admits only digits
        step = Decimal(1).scaleb(exponent)
        return _interval(number, number + step, unit_text, True, True)

    word = prefix or suffix
    if prefix and suffix:
        raise ParseError(f"cannot combine {prefix!r} with {suffix!r} in {folded!r}", value=folded)
    if word is None:
        return Quantity.of(number, lookup_unit(unit_text))
    if word in ("以上", *_AT_LEAST):
        return _interval(number, None, unit_text, False, True)
    if word in _MORE_THAN:
        return _interval(number, None, unit_text, True, True)
    if word in ("以下", "以内", "之内", *_AT_MOST):
        return _interval(None, number, unit_text, True, False)
    if word in _LESS_THAN:
        return _interval(None, number, unit_text, True, True)
    spread = abs(number) * tolerance
    if word in _NEAR:
        return _interval(number - spread, number, unit_text, False, True)
    # 约N, 大约N, N左右
    return _interval(number - spread, number + spread, unit_text, False, False)


def _interval(
    low: Decimal | None, high: Decimal | None, unit_text: str, low_open: bool, high_open: bool
) -> Quantity:
    return Quantity(
        low=low, high=high, unit=lookup_unit(unit_text), low_open=low_open, high_open=high_open
    )


def _number(value: Decimal) -> str:
    return format(value, "f")


def format_quantity(quantity: Quantity) -> str:
    """Write *quantity* as text that :func:`parse_quantity` reads back equal.

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
