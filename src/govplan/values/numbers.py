"""Reading numbers as the documents write them: Arabic or Chinese, exactly.

Chinese numerals here cover what plans and reports use for counts (一 … 九千九百
九十九, 两, 〇/零, and 十几 / 几十 as approximate values); 万 and 亿 are read by
the quantity parser as multipliers.  A general converter library would not read
十几 as the interval it is, so this small reader is kept in-house.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..errors import ParseError

__all__ = ["normalize_text", "parse_chinese_integer", "parse_decimal"]

_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．，＋－−％（）［］～",
    "0123456789.,+--%()[]~",
)
_DECIMAL = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_POWERS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_POWERS)


def normalize_text(text: str) -> str:
    """Fold full-width digits and signs to ASCII and strip surrounding space.

    Unicode NFKC would also turn ㎡ into "m2"; this folds only what numbers need.
    """
    return text.translate(_FULL_WIDTH).strip()


def parse_decimal(text: str) -> Decimal:
    """Read an Arabic decimal number exactly (``"1,436.5"`` → ``Decimal("1436.5")``).

    Raises:
        ParseError: *text* is not a plain finite number.

    """
    folded = normalize_text(text)
    if not _DECIMAL.fullmatch(folded):
        raise ParseError(f"not a number: {text!r}", value=text, expected="a decimal like 99.54")
    try:
        return Decimal(folded.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ParseError(f"not a number: {text!r}", value=text) from exc


def parse_chinese_integer(text: str) -> int:
    """Read a Chinese integer below ten thousand (``"三"`` → 3, ``"二十六"`` → 26).

    Raises:
        ParseError: *text* is not such a numeral.

    """
    if not text or any(ch not in _DIGITS and ch not in _POWERS for ch in text):
        raise ParseError(
            f"not a Chinese numeral: {text!r}", value=text, expected="a numeral like 二十六"
        )
    total, digit, last_power = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0 and digit != 0:
                raise ParseError(f"not a Chinese numeral: {text!r}", value=text)
            digit = _DIGITS[ch]
            continue
        power = _POWERS[ch]
        if power >= last_power:
            raise ParseError(f"not a Chinese numeral: {text!r}", value=text)
        # 十 alone at the start means 一十.
        total += (1 if digit is None else digit) * power
        digit, last_power = None, power
    return total + (digit or 0)
