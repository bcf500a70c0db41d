"""Derived values: how a derived row was made, and values from a rate's own counts.

Shared by the roll-up pre-pass (:mod:`~govplan.engine.rollup`) and the
executors: a :class:`Derivation` names the rows a derived value came from; a
quotient without a finite decimal form is enclosed exactly in a tiny open
interval (:func:`span_quantity`); an observation with numerator and
denominator but no value gets its value from them, and one whose stated
value disagrees with them at the stated precision is a disagreement.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from ..errors import GovplanError
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..values.quantities import Quantity
from ..values.units import Unit
from .comparisons import Span, Truth

__all__ = [
    "Derivation",
    "DerivationKind",
    "breakdown_key",
    "from_counts",
    "rate_in_unit",
    "rate_of_counts",
    "span_quantity",
]

_PLACES = 6  # what the query executors hold exactly


class DerivationKind(enum.StrEnum):
    """Where a derived value came from."""

    COUNTS = "counts"
    """A rate's value from its own numerator and denominator."""
    UNITS = "units"
    """Added up over the sub-units of a scope."""
    PERIODS = "periods"
    """Added up over sub-periods (or, for a stock, the last of them)."""


@attrs.frozen(kw_only=True)
class Derivation:
    """How one derived value row was made.

    Attributes:
        kind: Counts, sub-units or sub-periods.
        sources: The value rows of the observations it came from (own
            observations, however deep the roll-up went), in order.
        partial: Some parts are missing: the value is a lower bound.
        missing: The sub-units (ids) or sub-periods (labels) with no value.
        blocked: The sub-units or sub-periods whose values cannot be added
            (a rate without counts, a unit that does not convert); when any
            is blocked, or a rate's parts are missing, the row has no value.
        exact: The value exactly, in the indicator's unit (the row's value
            encloses a quotient that has no finite decimal form in a tiny
            open interval); ``None`` when the row has no value.

    """

    kind: DerivationKind
    sources: tuple[int, ...] = ()
    partial: bool = False
    missing: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    exact: Span | None = None


def _fraction_decimal(value: Fraction) -> Decimal | None:
    """*value* as an exact decimal, or ``None`` when it does not terminate soon."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1 or max(twos, fives) > 40:
        return None
    places = max(twos, fives)
    scaled = value * 10**places
    assert scaled.denominator == 1
    return Decimal(scaled.numerator).scaleb(-places)


def _bound(value: object, up: bool) -> tuple[Decimal | None, bool]:
    """A bound as a decimal: exact within 6 places, else rounded outwards there and open."""
    if value is None:
        return None, False
    if isinstance(value, Decimal):
        return value, False
    assert isinstance(value, (Fraction, int))
    exact = _fraction_decimal(Fraction(value))
    if exact is not None and -int(exact.as_tuple().exponent) <= _PLACES:
        return exact, False
    step = Fraction(1, 10**_PLACES)
    whole = Fraction(value) / step
    rounded = (
        (-(-whole.numerator // whole.denominator)) if up else whole.numerator // whole.denominator
    )
    return Decimal(rounded).scaleb(-_PLACES), True


def span_quantity(span: Span, unit: Unit) -> Quantity:
    """An exact quantity enclosing *span* (a non-terminating quotient gets a tiny open interval)."""
    low, low_rounded = _bound(span.low, up=False)
    high, high_rounded = _bound(span.high, up=True)
    return Quantity(
        low=low,
        high=high,
        unit=unit,
        low_open=span.low_open or low_rounded or low is None,
        high_open=span.high_open or high_rounded or high is None,
    )


def rate_in_unit(numerator: Span, denominator: Span, unit: Unit) -> Span | None:
    """Σ numerator / Σ denominator in *unit* (a rate unit counts in hundredths: % is 1)."""
    quotient = numerator.divide(denominator)
    if quotient is None:
        return None
    return quotient.scale(Fraction(100) / unit.factor) if unit.dimension == "rate" else quotient


def breakdown_key(breakdown: Mapping[str, str]) -> str:
    """A breakdown's slice key (``"area=城市"``); empty for the whole."""
    return ";".join(f"{k}={v}" for k, v in sorted(breakdown.items())) if breakdown else ""


def rate_of_counts(observation: Observation, unit: Unit) -> Span | None:
    """The rate an observation's numerator and denominator give, in *unit*."""
    numerator, denominator = observation.numerator, observation.denominator
    if numerator is None or denominator is None:
        return None
    try:
        top = Span.of(numerator, denominator.unit)
    except GovplanError:
        return None
    return rate_in_unit(top, Span.of(denominator, denominator.unit), unit)


def from_counts(
    observations: Sequence[Observation], indicators: Mapping[str, Indicator], *, issuer: str | None
) -> tuple[list[Observation], list[Derivation], dict[int, Quantity]]:
    """Values from counts, and the rows whose stated value disagrees with theirs.

    Returns the derived rows (a value-less row with counts, when it is the last
    level row of its cell), how each was made, and by row the value the counts
    give where a stated value disagrees with them.
    """
    from .claim_rules import stated_span

    out: list[Observation] = []
    how: list[Derivation] = []
    disagreements: dict[int, Quantity] = {}
    counted = [row for row, o in enumerate(observations) if o.numerator is not None]
    if not counted:
        return out, how, disagreements
    last: dict[tuple[object, ...], int] = {}
    for row, o in enumerate(observations):
        if o.change_from is None:
            last[(o.indicator_id, o.scope or issuer, o.period, breakdown_key(o.breakdown))] = row
    for row in counted:
        o = observations[row]
        indicator = indicators.get(o.indicator_id)
        if indicator is None:
            continue
        unit = indicator.unit if o.value is None else o.value.unit
        computed = rate_of_counts(o, unit)
        if computed is None:
            continue
        if o.value is not None:
            if computed.overlap(stated_span(o.value, unit)) is Truth.NONE:
                disagreements[row] = span_quantity(computed, unit)
        elif (
            o.change_from is None
            and last.get((o.indicator_id, o.scope or issuer, o.period, breakdown_key(o.breakdown)))
            == row
        ):
            out.append(attrs.evolve(o, value=span_quantity(computed, unit), id=None))
            how.append(Derivation(kind=DerivationKind.COUNTS, sources=(row,), exact=computed))
    return out, how, disagreements
