"""Quantities: parsing what the documents write, exact units, intervals."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as g
from govplan import testing


@pytest.mark.parametrize(
    ("text", "low", "high", "symbol", "low_open", "high_open"),
    [
        ("96%", "96", "96", "%", False, False),
        ("99.54%", "99.54", "99.54", "%", False, False),
        ("1436万元", "1436", "1436", "万元", False, False),
        ("12600㎡", "12600", "12600", "㎡", False, False),
        ("3000m", "3000", "3000", "m", False, False),
        ("4.81个百分点", "4.81", "4.81", "个百分点", False, False),
        ("300多名", "300", "400", "名", True, True),
        ("500余亩", "500", "600", "亩", True, True),
        ("60多万平方米", "60", "70", "万平方米", True, True),
        ("20余万元", "20", "30", "万元", True, True),
        ("2400多人次", "2400", "2500", "人次", True, True),
        ("近500人", "475", "500", "人", False, True),
        ("约3000m", "2850", "3150", "m", False, False),
        ("3000m左右", "2850", "3150", "m", False, False),
        ("90%以上", "90", None, "%", False, True),
        ("超过90%", "90", None, "%", True, True),
        ("1%以内", None, "1", "%", True, False),
        ("不满18人", None, "18", "人", True, True),
        ("十几个", "10", "20", "个", True, True),
        ("几十个", "10", "100", "个", True, True),
        ("三堂课", "3", "3", "堂", False, False),
        ("二十六件", "26", "26", "件", False, False),
        ("2瓶", "2", "2", "瓶", False, False),
        ("第二名", "2", "2", "名次", False, False),
        ("前三名", "1", "3", "名次", False, False),
        ("１４３６万元", "1436", "1436", "万元", False, False),
        ("1,436.5万元", "1436.5", "1436.5", "万元", False, False),
        ("(300,400]人", "300", "400", "人", True, False),
        ("-0.5个百分点", "-0.5", "-0.5", "个百分点", False, False),
    ],
)
def test_parse_quantity_reads_the_seed_wordings(
    text: str, low: str | None, high: str | None, symbol: str, low_open: bool, high_open: bool
) -> None:
    quantity = g.parse_quantity(text)
    assert quantity.low == (None if low is None else Decimal(low))
    assert quantity.high == (None if high is None else Decimal(high))
    assert quantity.unit.symbol == symbol
    assert (quantity.low_open, quantity.high_open) == (low_open, high_open)
    assert str(quantity) == text
    assert g.parse_quantity(g.format_quantity(quantity)) == quantity


def test_tolerance_of_approximate_values_is_the_callers() -> None:
    assert g.parse_quantity("约100人", tolerance=Decimal("0.1")).low == Decimal(90)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "9６%x", "%", "多人", "300多多人", "约300人以上", "--5人", "1.2.3%", "第二个"],
)
def test_garbage_is_a_govplan_error_quoting_the_text(text: str) -> None:
    with pytest.raises(g.GovplanError) as caught:
        g.parse_quantity(text)
    assert repr(text.strip()) in str(caught.value) or repr(text) in str(caught.value)
    assert isinstance(caught.value, ValueError | KeyError)


def test_unknown_unit_is_a_key_error_naming_the_unit() -> None:
    with pytest.raises(g.UnknownUnitError, match="万斗") as caught:
        g.parse_quantity("3万斗")
    assert isinstance(caught.value, KeyError)


def test_percent_and_percentage_points_do_not_mix() -> None:
    with pytest.raises(g.UnitMismatchError, match="个百分点"):
        g.convert_units(1, g.PERCENT, g.PERCENTAGE_POINT)
    assert g.difference_unit(g.PERCENT) is g.PERCENTAGE_POINT


def test_counting_units_do_not_mix_but_persons_are_persons() -> None:
    with pytest.raises(g.UnitMismatchError):
        g.convert_units(1, g.parse_unit("人"), g.parse_unit("人次"))
    with pytest.raises(g.UnitMismatchError):
        g.convert_units(1, g.parse_unit("所"), g.parse_unit("个"))
    assert g.convert_units(60, g.parse_unit("名"), g.parse_unit("人")) == 60


def test_scaled_units_convert_exactly() -> None:
    assert g.convert_units(1, g.parse_unit("亿元"), g.parse_unit("万元")) == 10_000
    assert g.convert_units(1436, g.parse_unit("万元"), g.parse_unit("元")) == 14_360_000
    assert g.convert_units(1, g.parse_unit("亩"), g.parse_unit("㎡")) == Fraction(2000, 3)
    assert g.convert_units(3, g.parse_unit("km"), g.parse_unit("m")) == 3000
    assert g.parse_unit("万美元").dimension != g.parse_unit("万元").dimension


def test_a_mu_in_square_metres_stays_exact_until_shown() -> None:
    maize = g.parse_quantity("500亩")
    assert maize.bounds_in(g.parse_unit("㎡")) == (Fraction(1_000_000, 3), Fraction(1_000_000, 3))
    with pytest.raises(g.UnitMismatchError, match="no exact decimal form"):
        maize.to(g.parse_unit("㎡"))
    assert g.parse_quantity("3亩").to(g.parse_unit("㎡")).value == Decimal(2000)


def test_exact_sums_have_no_float_error() -> None:
    assert Decimal("732") + Decimal("716.5") == Decimal("1448.5")
    assert g.parse_quantity("99.5%").value >= Decimal("99.5")


def test_interval_has_no_single_value() -> None:
    with pytest.raises(g.ParseError, match="interval"):
        _ = g.parse_quantity("300多人").value


def test_quantity_rejects_floats_and_empty_intervals() -> None:
    with pytest.raises(g.ParseError, match="floats are not exact"):
        g.Quantity.of(0.1, g.PERCENT)  # type: ignore[arg-type]
    with pytest.raises(g.ParseError, match="empty"):
        g.Quantity(low=Decimal(1), high=Decimal(1), unit=g.PERCENT, low_open=True)
    with pytest.raises(g.ParseError, match="above"):
        g.Quantity(low=Decimal(2), high=Decimal(1), unit=g.PERCENT)


@given(st.sampled_from(g.known_units()), st.sampled_from(g.known_units()), st.fractions())
def test_conversion_is_exact_and_invertible(a: g.Unit, b: g.Unit, value: Fraction) -> None:
    if a.dimension != b.dimension:
        with pytest.raises(g.UnitMismatchError):
            g.convert_units(value, a, b)
        return
    assert g.convert_units(g.convert_units(value, a, b), b, a) == value


@given(testing.quantities())
def test_canonical_text_reads_back_equal(quantity: g.Quantity) -> None:
    assert g.parse_quantity(g.format_quantity(quantity)) == quantity


@given(st.text(max_size=20))
def test_parse_quantity_raises_only_govplan_errors(text: str) -> None:
    with contextlib.suppress(g.GovplanError):
        g.parse_quantity(text)


_RANGE_ENDS = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@given(
    ends=st.tuples(_RANGE_ENDS, _RANGE_ENDS).map(sorted),
    dash=st.sampled_from(["-", "—", "～", "~", "至", "到"]),
    symbol=st.sampled_from(["%", "万元", "人", "个百分点", "亩"]),
    unit_on_both=st.booleans(),
)
def test_a_range_reads_as_the_closed_interval_of_its_ends(
    ends: list[Decimal], dash: str, symbol: str, unit_on_both: bool
) -> None:
    low, high = ends
    first = f"{low}{symbol}" if unit_on_both else f"{low}"
    quantity = g.parse_quantity(f"{first}{dash}{high}{symbol}")
    assert (quantity.low, quantity.high) == (low, high)
    assert not quantity.low_open
    assert not quantity.high_open
    assert quantity.unit == g.parse_unit(symbol)
    assert g.parse_quantity(g.format_quantity(quantity)) == quantity


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-7%", "runs from 9 down to 7"),
        ("3万-5万元", "different units"),
        ("7%-9个百分点", "different units"),
        ("7-9%以上", "cannot combine a range with '以上'"),
        ("约7-9%", "cannot combine a range with '约'"),
    ],
)
def test_a_range_that_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(g.ParseError, match=message) as caught:
        g.parse_quantity(text)
    assert text in str(caught.value)
