"""Numbers: Chinese numerals held equal to cn2an, traditional forms to OpenCC, strict digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.values.normalize import TRADITIONAL_TO_SIMPLIFIED, normalize
from govplan.values.numbers import parse_chinese_integer, parse_chinese_number

cn2an = pytest.importorskip("cn2an")


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.sampled_from(["low", "up"]))
def test_every_integer_cn2an_writes_reads_back(number: int, mode: str) -> None:
    assert parse_chinese_integer(cn2an.an2cn(number, mode)) == number


@settings(max_examples=100)
@given(st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False))
def test_every_decimal_cn2an_writes_reads_back(number: Decimal) -> None:
    text = format(number.normalize(), "f")
    assert parse_chinese_number(cn2an.an2cn(text)) == Decimal(text)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("十二万五千人", "125000人"),
        ("一千九百三十七万一千五百八十九人", "19371589人"),
        ("三点五亿元", "3.5亿元"),
        ("零点五个百分点", "0.5个百分点"),
        ("百分之九十五", "95%"),
        ("百分之零点五", "0.5%"),
        ("千分之三", "3‰"),
        ("万分之二", "2‱"),
        ("十万分之二十", "20/10万"),
        ("二〇一一年", "2011年"),
        ("三万人", "3万人"),
        ("负五个百分点", "-5个百分点"),
        ("壹佰贰拾叁元", "123元"),
    ],
)
def test_chinese_numerals_in_quantities(text: str, quantity: str) -> None:
    assert g.parse_quantity(text) == g.parse_quantity(quantity)


def test_traditional_table_agrees_with_opencc() -> None:
    opencc = pytest.importorskip("opencc")
    converter = opencc.OpenCC("t2s")
    assert {t: converter.convert(t) for t in TRADITIONAL_TO_SIMPLIFIED} == TRADITIONAL_TO_SIMPLIFIED


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("12萬億元", "12万亿元"),
        ("３０℅", "30%"),
        ("1 436人", "1436人"),
        ("1\u2009436人", "1436人"),
        ("1，436万元", "1436万元"),
        ("兩個百分點", "2个百分点"),
    ],
)
def test_noisy_forms_normalise(text: str, quantity: str) -> None:
    assert g.parse_quantity(text) == g.parse_quantity(quantity)


def test_normalising_keeps_each_characters_origin() -> None:
    normalized = normalize("約 １２，６００萬元")
    assert normalized.text == "约12600万元"
    start, end = normalized.span(1, len(normalized.text))
    assert "約 １２，６００萬元"[start:end] == "１２，６００萬元"


@pytest.mark.parametrize("text", ["٣人", "𝟏𝟐人", "١٢%", "३%", "第0名", "第-1名", "第1.5名", "(,)%"])
def test_lenient_readings_are_refused(text: str) -> None:
    with pytest.raises(g.ParseError) as caught:
        g.parse_quantity(text)
    assert repr(text) in str(caught.value)


def test_an_interval_needs_a_bound() -> None:
    with pytest.raises(g.ParseError, match="at least one bound"):
        g.parse_quantity("(,)%")
    with pytest.raises(g.ParseError, match="at least one bound"):
        g.Quantity(low=None, high=None, unit=g.PERCENT, low_open=True, high_open=True)


def test_long_numbers_are_refused_not_rounded() -> None:
    long = "1" * 29
    with pytest.raises(g.ParseError, match="29 significant digits"):
        g.parse_quantity(f"({long},)人")
    with pytest.raises(g.ParseError, match="too long"):
        g.parse_quantity(f"{long}人")
    exact = "9" * 28
    assert g.parse_quantity(f"{exact}多人").high == Decimal(10**28)
    assert g.parse_quantity(f"约{exact}人").low == Decimal(exact) * Decimal("0.95")


@pytest.mark.parametrize("tolerance", [Decimal("0.1"), 0, "0.1"])
def test_tolerance_accepts_exact_numbers(tolerance: Decimal | int | str) -> None:
    quantity = g.parse_quantity("约100人", tolerance=tolerance)
    assert quantity.low == 100 - 100 * Decimal(tolerance)


@pytest.mark.parametrize("tolerance", [0.05, "abc", Decimal(1), -1, True])
def test_bad_tolerance_is_an_error_naming_it(tolerance: object) -> None:
    with pytest.raises(g.ParseError, match="tolerance") as caught:
        g.parse_quantity("约100人", tolerance=tolerance)  # type: ignore[arg-type]
    assert caught.value.field == "tolerance" or "tolerance" in caught.value.message
