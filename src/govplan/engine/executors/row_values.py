"""What a check reads from its value rows: the level for a period, spans, changes and growth."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pendulum

from ...model.observations import Observation
from ...values.periods import Period
from ...values.quantities import Quantity
from ...values.units import Unit, convert_units, difference_unit
from ..check_table import BasisCode, Number
from ..comparisons import Span

__all__ = [
    "as_fraction",
    "compared_levels",
    "convert_span",
    "difference_of",
    "growth_ratios",
    "known_rows",
    "level_row",
    "point_growth",
    "states_change",
    "value_span",
]


def known_rows(
    rows: list[int], observations: Sequence[Observation], as_of: pendulum.Date | None
) -> list[int]:
    """*rows* whose period has ended by *as_of* (all of them when there is no day)."""
    if as_of is None:
        return rows
    return [r for r in rows if observations[r].period.end <= as_of]


def level_row(rows: list[int], observations: Sequence[Observation], period: Period) -> int:
    """The last level row for exactly *period*, or -1."""
    for row in reversed(rows):
        o = observations[row]
        if o.change_from is None and (o.period is period or o.period == period):
            return row
    return -1


def states_change(observation: Observation, baseline: Period, period: Period) -> bool:
    """Whether *observation* states the change from *baseline* over *period* (with a value)."""
    change = observation.change_from
    if change is None or not (change is baseline or change == baseline):
        return False
    found = observation.period
    return (found is period or found == period) and observation.value is not None


def as_fraction(value: Number | None) -> Fraction | None:
    """*value* as an exact Fraction (``None`` stays ``None``)."""
    return None if value is None else Fraction(value)


def point_growth(now: Number | None, then: Number | None) -> Span | None:
    """Growth in percent of an exact value over an exact baseline: ``(now / then - 1) × 100``.

    ``None`` as for :meth:`Span.divide <govplan.engine.comparisons.Span.divide>`:
    when the baseline is not above zero or the value is below zero.
    """
    assert now is not None
    assert then is not None
    if then <= 0 or now < 0:
        return None
    a, b = now.as_integer_ratio()
    c, d = then.as_integer_ratio()
    growth = Fraction((a * d - c * b) * 100, b * c)
    return Span(growth, growth)


def value_span(observation: Observation, unit: Unit) -> Span | None:
    """The observation's value as a span in *unit*; ``None`` when it has no value."""
    return None if observation.value is None else Span.of(observation.value, unit)


_DIFFERENCES: dict[int, tuple[Unit, Unit]] = {}


def difference_of(unit: Unit) -> Unit:
    """:func:`~govplan.difference_unit`, remembered per unit object (checks ask it per row)."""
    found = _DIFFERENCES.get(id(unit))
    if found is None or found[0] is not unit:
        found = _DIFFERENCES[id(unit)] = (unit, difference_unit(unit))
    return found[1]


def convert_span(span: Span, source: Unit, target: Unit) -> Span:
    """*span* converted exactly from the unit *source* to *target*."""
    if source is target or source == target:
        return span
    return span.scale(convert_units(Fraction(1), source, target))


def compared_levels(
    basis: BasisCode, now: Quantity, then: Quantity, base: Unit, unit: Unit
) -> Span | None:
    """The change, growth or difference of level *now* over *then*, in the threshold's *unit*.

    Both levels are in the indicator's unit *base*.  A growth is in percent
    (``None`` when the baseline may be zero, as :meth:`Span.divide
    <govplan.engine.comparisons.Span.divide>`); a change or a difference from a
    reference scope is in the difference unit of *base*, converted to *unit*.
    """
    current, before = Span.of(now, base), Span.of(then, base)
    if basis is not BasisCode.GROWTH:
        return convert_span(current - before, difference_of(base), unit)
    if (
        current.is_point
        and before.is_point
        and not (current.low_open or current.high_open)
        and not (before.low_open or before.high_open)
    ):
        # Exact values: the growth is one exact quotient (held to the span
        # arithmetic below by a property test).
        return point_growth(current.low, before.low)
    ratio = current.divide(before)
    return None if ratio is None else (ratio - Span.point(1)).scale(Fraction(100))


def growth_ratios(
    nows: Sequence[Number], thens: Sequence[Number]
) -> tuple[list[int], list[int]] | None:
    """:func:`point_growth` of each pair, unreduced: numerators and (positive) denominators.

    ``None`` when some pair has no growth (a baseline not above zero, a value
    below zero).  For a column of exact growths compared without building a
    Fraction each (see :func:`~govplan.engine.comparisons.ratio_test`).
    """
    numerators, denominators = [], []
    for now, then in zip(nows, thens, strict=True):
        if then <= 0 or now < 0:
            return None
        a, b = now.as_integer_ratio()
        c, d = then.as_integer_ratio()
        numerators.append((a * d - c * b) * 100)
        denominators.append(b * c)
    return numerators, denominators
