"""Reading numbers as the documents write them: Arabic or Chinese, exactly.

Arabic numbers are ASCII or full-width digits only (٣ or 𝟏𝟐 are not digits
here).  Chinese numerals cover every integer form ``cn2an.an2cn`` writes
(一亿九千零三十七万一千五百八十九, 二千零一十一, the financial 壹贰叁 forms, the
digit-by-digit 二〇一一), decimals (三点五), negatives (负五) and the fractions
百分之 / 千分之 / 万分之 / 十万分之; 十几 / 几十 are approximate values, read by
the quantity parser as intervals.  A test holds this reader equal to cn2an over
the integers it writes; cn2an itself is not needed at run time.

Every reader here is a single pass: linear in the length of its input.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, overload

from ..errors import ParseError

__all__ = [
    "CHINESE_NUMERAL_CHARS",
    "MAX_DIGITS",
    "normalize_text",
    "parse_chinese_integer",
    "parse_chinese_number",
    "parse_decimal",
    "plain_decimal",
    "plain_digits",
]

MAX_DIGITS = 28
"""The most significant digits a number may have (Decimal's default precision).

A longer number is refused rather than silently rounded.
"""

_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．，＋－−％（）［］～℅︰：",
    "0123456789.,+--%()[]~%::",
)
_DECIMAL = re.compile(r"[+-]?(?>[0-9]{1,3}(?:,[0-9]{3})++|[0-9]++)(?:\.[0-9]++)?", re.ASCII)

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_POWERS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_POWERS) + "".join(_BIG)
"""Every character a Chinese numeral may contain (digits, 十百千, 万亿, financial forms)."""

_FRACTION_WORDS = {"百分之": "%", "千分之": "‰", "万分之": "‱", "十万分之": "/10万"}


def normalize_text(text: str) -> str:
    """Fold full-width digits and signs to ASCII (℅ → %, ︰ → :) and strip surrounding space.

    Unicode NFKC would also turn ㎡ into "m2" and 𝟏 into 1; this folds only the
    full-width forms Chinese text uses for numbers.
    """
    return text.translate(_FULL_WIDTH).strip()


def _check_length(digits: str, text: str) -> None:
    significant = digits.lstrip("+-0").replace(".", "").replace(",", "").lstrip("0")
    if len(significant) > MAX_DIGITS:
        raise ParseError(
            f"number too long: {text[:40]!r}{'…' if len(text) > 40 else ''} "
            f"has {len(significant)} significant digits",
            value=text[:40],
            expected=f"at most {MAX_DIGITS} significant digits (it would be rounded)",
        )


def plain_digits(value: Decimal) -> int:
    """How many digits :func:`parse_decimal` counts in *value* written out (``format(value, "f")``).

    Leading zeros do not count; trailing ones do (1E+3 is ``1000``: 4 digits).
    Counted from the digits and the exponent, without writing a long number out.

    >>> plain_digits(Decimal("1E+3")), plain_digits(Decimal("0.00120")), plain_digits(Decimal(0))
    (4, 3, 0)
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return 0  # not finite: refused elsewhere
    leading = next((index for index, digit in enumerate(digits) if digit), len(digits))
    if leading == len(digits):
        return 0
    return len(digits) - leading + max(exponent, 0)


def parse_decimal(text: str) -> Decimal:
    """Read an Arabic decimal number exactly (``"1,436.5"`` → ``Decimal("1436.5")``).

    Raises:
        ParseError: *text* is not a plain finite number of at most
            :data:`MAX_DIGITS` significant digits.

    """
    folded = normalize_text(text)
    if not _DECIMAL.fullmatch(folded):
        raise ParseError(f"not a number: {text!r}", value=text, expected="a decimal like 99.54")
    _check_length(folded, text)
    try:
        return Decimal(folded.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ParseError(f"not a number: {text!r}", value=text) from exc


def _bad(text: str) -> ParseError:
    return ParseError(
        f"not a Chinese numeral: {text!r}",
        value=text,
        expected="a numeral like 二十六, 十二万五千 or 一千九百三十七万一千五百八十九",
    )


def _digit_by_digit(text: str) -> int | None:
    """二〇一一 → 2011: three or more bare digits, or any run with 〇, read digit by digit."""
    if len(text) < 2 or any(ch not in _DIGITS or ch == "两" for ch in text):
        return None
    if len(text) == 2 and "〇" not in text and "零" not in text:
        return None  # 三五 is "three or five", not 35
    if len(text) > MAX_DIGITS:
        raise ParseError(
            f"number too long: {text[:40]!r}…",
            value=text[:40],
            expected=f"at most {MAX_DIGITS} digits",
        )
    return int("".join(str(_DIGITS[ch]) for ch in text))


def parse_chinese_integer(text: str) -> int:
    """Read a Chinese integer (``"三"`` → 3, ``"十二万五千"`` → 125000, ``"二〇一一"`` → 2011).

    One 亿 section and one 万 section at most (万亿 counts as one), each below
    ten thousand, as cn2an writes them; a single digit right after 万 or 亿 is
    the next place (一万五 → 15000).

    Raises:
        ParseError: *text* is not such a numeral.

    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise _bad(text)
    direct = _digit_by_digit(text)
    if direct is not None:
        return direct
    yi: int | None = None
    wan: int | None = None
    section, digit, last_small, zero_after_big = 0, None, 10_000, False
    previous_big = 0
    for ch in text:
        if ch in _DIGITS:
            value = _DIGITS[ch]
            if digit is not None and value != 0 and digit != 0:
                raise _bad(text)
            if value == 0 and previous_big:
                zero_after_big = True
            digit = value
            continue
        if ch in _POWERS:
            power = _POWERS[ch]
            if power >= last_small or digit == 0:
                raise _bad(text)
            # 十 alone at the start of a section means 一十.
            section += (1 if digit is None else digit) * power
            digit, last_small, previous_big = None, power, 0
            continue
        group = section + (digit or 0)
        if ch == "万":
            if wan is not None or group == 0:
                raise _bad(text)
            wan = group
        else:
            if yi is not None or (group == 0 and not wan):
                raise _bad(text)
            yi = (wan or 0) * 10_000 + group
            wan = None
        section, digit, last_small, zero_after_big = 0, None, 10_000, False
        previous_big = _BIG[ch]
    if digit is not None and previous_big and not zero_after_big:
        # 一万五: the digit right after 万 is thousands.
        section, digit = digit * previous_big // 10, None
    total = (yi or 0) * 100_000_000 + (wan or 0) * 10_000 + section + (digit or 0)
    if len(str(total)) > MAX_DIGITS:
        raise ParseError(
            f"number too long: {text[:40]!r}",
            value=text[:40],
            expected=f"at most {MAX_DIGITS} digits",
        )
    return total


def parse_chinese_number(text: str) -> Decimal:
    """Read a Chinese number exactly: an integer, 负N, or a decimal such as 三点五 or 零点五.

    >>> parse_chinese_number("三点五")
    Decimal('3.5')
    >>> parse_chinese_number("一千九百三十七万一千五百八十九")
    Decimal('19371589')

    Raises:
        ParseError: *text* is not a Chinese number.

    """
    sign = 1
    body = text
    if body.startswith("负"):
        sign, body = -1, body[1:]
    whole, point, fraction = body.partition("点")
    if not point:
        return Decimal(sign * parse_chinese_integer(whole))
    if not fraction or any(ch not in _DIGITS or ch == "两" for ch in fraction):
        raise _bad(text)
    integer = parse_chinese_integer(whole)
    digits = "".join(str(_DIGITS[ch]) for ch in fraction)
    _check_length(f"{integer}{digits}", text)
    value = Decimal(f"{integer}.{digits}")
    return -value if sign < 0 else value


def split_fraction_word(text: str) -> tuple[str, str] | None:
    """``"百分之九十五"`` → ``("%", "九十五")``: the unit a 百分之 / 千分之 … word stands for."""
    for word, unit in _FRACTION_WORDS.items():
        if text.startswith(word):
            return unit, text[len(word) :]
    return None


@overload
def plain_decimal(value: Decimal) -> Decimal: ...
@overload
def plain_decimal(value: Any) -> Decimal | None: ...
def plain_decimal(value: Any) -> Decimal | None:
    """*value* as a decimal without trailing zeros, never in exponent form (96.000000 → 96).

    ``None`` stays ``None`` (a query's NULL); numbers read back from a query's
    fixed-point columns are shown as they would be written.
    """
    if value is None:
        return None
    number = Decimal(value)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()
