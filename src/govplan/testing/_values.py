"""Strategies for values: ids, text, decimals, units, quantities, dates, periods."""

from __future__ import annotations

from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from ..values.periods import Deadline, Period
from ..values.quantities import Quantity
from ..values.units import Unit, known_units, parse_unit

__all__ = ["dates", "deadlines", "decimals", "ids", "periods", "quantities", "texts", "units"]


def ids() -> st.SearchStrategy[str]:
    """Stable ids: short ASCII or Chinese words without spaces."""
    return st.from_regex(r"[a-z\u4e00-\u4e2f][a-z0-9_.\u4e00-\u4e2f-]{0,10}", fullmatch=True)


def texts() -> st.SearchStrategy[str]:
    """Non-blank text, Chinese and otherwise (no control characters)."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn"))
    return st.text(alphabet, min_size=1, max_size=30).filter(lambda s: bool(s.strip()))


def decimals(*, min_value: int = -(10**9), max_value: int = 10**9) -> st.SearchStrategy[Decimal]:
    """Finite decimals with up to four decimal places."""
    return st.decimals(
        min_value=min_value, max_value=max_value, places=4, allow_nan=False, allow_infinity=False
    ) | st.integers(min_value, max_value).map(Decimal)


def units() -> st.SearchStrategy[Unit]:
    """Registered units, plus units scaled by 万."""
    return st.sampled_from(known_units()) | st.sampled_from(["万人", "万平方米", "万"]).map(
        parse_unit
    )


@st.composite
def quantities(draw: st.DrawFn, unit: Unit | None = None, *, exact: bool | None = None) -> Quantity:
    """Quantities in *unit* (any unit if ``None``): exact values or intervals."""
    of = unit if unit is not None else draw(units())
    if exact is None:
        exact = draw(st.booleans())
    first = draw(decimals())
    if exact:
        return Quantity.of(first, of)
    second = draw(decimals())
    low, high = sorted((first, second))
    if low == high:
        high = low + 1
    bounded_low, bounded_high = draw(st.sampled_from([(1, 1), (1, 0), (0, 1)]))
    return Quantity(
        low=low if bounded_low else None,
        high=high if bounded_high else None,
        unit=of,
        low_open=draw(st.booleans()) if bounded_low else True,
        high_open=draw(st.booleans()) if bounded_high else True,
    )


def dates() -> st.SearchStrategy[pendulum.Date]:
    """Calendar days from 1990 to 2100."""
    return st.dates(min_value=pendulum.date(1990, 1, 1), max_value=pendulum.date(2100, 12, 31)).map(
        lambda d: pendulum.date(d.year, d.month, d.day)
    )


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Periods of every kind: years, halves, quarters, months, terms, days, intervals."""
    year = draw(st.integers(1990, 2100))
    choice = draw(st.sampled_from(["year", "half", "quarter", "month", "term", "day", "interval"]))
    if choice == "year":
        return Period.year(year)
    if choice == "half":
        return Period.half(year, draw(st.integers(1, 2)))
    if choice == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if choice == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    if choice == "term":
        return Period.term(year, draw(st.sampled_from(["spring", "autumn"])))
    first, second = sorted((draw(dates()), draw(dates())))
    return Period.day(first) if choice == "day" else Period.between(first, second)


def deadlines() -> st.SearchStrategy[Deadline]:
    """Deadlines, with or without the source wording."""
    return st.builds(Deadline, due=dates(), stated=st.none() | texts())
