"""Exact interval arithmetic and three-valued comparison, in rational numbers.

A :class:`Span` is what a quantity becomes inside a check: its bounds as
:class:`~fractions.Fraction` in one unit, so that 亩 → ㎡ or 万元 → 元 stays exact
and sums of "400余万" and "100万" stay honest intervals.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from ..model.targets import Comparator
from ..values.quantities import Quantity
from ..values.units import Unit

__all__ = ["Span", "Truth", "compare", "to_quantity"]


class Truth(enum.Enum):
    """The three-valued answer of a check on an interval."""

    ALL = "all"
    """Every point of the interval satisfies the condition."""
    NONE = "none"
    """No point does."""
    SOME = "some"
    """Some points do and some do not: the answer is indeterminate."""


@attrs.frozen
class Span:
    """An interval of rationals; ``None`` bounds are unbounded (and open)."""

    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: Fraction | int) -> Span:
        """The single value *value*."""
        return cls(Fraction(value), Fraction(value))

    @classmethod
    def of(cls, quantity: Quantity, unit: Unit) -> Span:
        """*quantity* converted exactly to *unit*."""
        low, high = quantity.bounds_in(unit)
        return cls(low, high, quantity.low_open, quantity.high_open)

    @property
    def is_point(self) -> bool:
        """Whether the span holds exactly one value."""
        return self.low is not None and self.low == self.high

    def __add__(self, other: Span) -> Span:
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        return Span(low, high, self.low_open or other.low_open, self.high_open or other.high_open)

    def __neg__(self) -> Span:
        return Span(
            None if self.high is None else -self.high,
            None if self.low is None else -self.low,
            self.high_open,
            self.low_open,
        )

    def __sub__(self, other: Span) -> Span:
        return self + (-other)

    def scale(self, factor: Fraction) -> Span:
        """Every point multiplied by a positive *factor*."""
        assert factor > 0
        return Span(
            None if self.low is None else self.low * factor,
            None if self.high is None else self.high * factor,
            self.low_open,
            self.high_open,
        )

    def divide(self, other: Span) -> Span | None:
        """The quotient, or ``None`` when *other* may be zero or is unbounded.

        Both spans are taken as non-negative (counts, money, rates).
        """
        if other.low is None or other.high is None or other.low <= 0:
            return None
        if self.low is None or self.low < 0:
            return None
        low = self.low / other.high
        high = None if self.high is None else self.high / other.low
        return Span(low, high, self.low_open or other.high_open, self.high_open or other.low_open)

    def widen(self, half_width: Fraction) -> Span:
        """The span grown by *half_width* on each bounded side (closed there)."""
        return Span(
            None if self.low is None else self.low - half_width,
            None if self.high is None else self.high + half_width,
            self.low_open and half_width == 0,
            self.high_open and half_width == 0,
        )

    def contains(self, value: Fraction) -> bool:
        """Whether *value* lies in the span."""
        above = self.low is None or (value > self.low if self.low_open else value >= self.low)
        below = self.high is None or (value < self.high if self.high_open else value <= self.high)
        return above and below

    def overlap(self, other: Span) -> Truth:
        """ALL when *self* lies within *other*, NONE when disjoint, else SOME."""
        inside = _at_least(self, other.low, other.low_open) and _at_most(
            self, other.high, other.high_open
        )
        if inside:
            return Truth.ALL
        disjoint = _entirely_below(self, other) or _entirely_below(other, self)
        return Truth.NONE if disjoint else Truth.SOME


def _at_least(span: Span, bound: Fraction | None, bound_open: bool) -> bool:
    """Every point of *span* is above the lower *bound*."""
    if bound is None:
        return True
    if span.low is None:
        return False
    if bound_open:
        return span.low > bound or (span.low == bound and span.low_open)
    return span.low >= bound


def _at_most(span: Span, bound: Fraction | None, bound_open: bool) -> bool:
    if bound is None:
        return True
    if span.high is None:
        return False
    if bound_open:
        return span.high < bound or (span.high == bound and span.high_open)
    return span.high <= bound


def _entirely_below(first: Span, second: Span) -> bool:
    if first.high is None or second.low is None:
        return False
    if first.high < second.low:
        return True
    return first.high == second.low and (first.high_open or second.low_open)


def _truth(all_meet: bool, none_meet: bool) -> Truth:
    return Truth.ALL if all_meet else Truth.NONE if none_meet else Truth.SOME


def compare(
    observed: Span, comparator: Comparator, value: Fraction, upper: Fraction | None = None
) -> Truth:
    """Whether the points of *observed* satisfy ``observed <comparator> value``.

    Boundaries follow Civil Code art. 1259: AT_LEAST / AT_MOST include *value*,
    MORE_THAN / LESS_THAN exclude it.  ZERO compares with *value* (0).
    """
    low, high = observed.low, observed.high
    if comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        strict = comparator is Comparator.MORE_THAN
        all_meet = _at_least(observed, value, strict)
        none_meet = high is not None and (
            high < value or (high == value and (strict or observed.high_open))
        )
        return _truth(all_meet, none_meet)
    if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.RANK_WITHIN):
        strict = comparator is Comparator.LESS_THAN
        all_meet = _at_most(observed, value, strict)
        none_meet = low is not None and (
            low > value or (low == value and (strict or observed.low_open))
        )
        return _truth(all_meet, none_meet)
    if comparator is Comparator.BETWEEN:
        assert upper is not None
        return observed.overlap(Span(value, upper))
    # EQUAL and ZERO
    if observed.is_point:
        return Truth.ALL if observed.low == value else Truth.NONE
    return Truth.SOME if observed.contains(value) else Truth.NONE


_DISPLAY_PLACES = Decimal("0.0001")


def to_quantity(value: Fraction, unit: Unit) -> Quantity:
    """A display quantity for an exact rational.

    Exact when the rational has a finite decimal form, else rounded to four places.
    """
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) != value:
        decimal = decimal.quantize(_DISPLAY_PLACES)
    return Quantity.of(decimal, unit)


def span_to_quantity(span: Span, unit: Unit) -> Quantity:
    """A display quantity for *span* (bounds rounded as in :func:`to_quantity`)."""
    if span.is_point:
        assert span.low is not None
        return to_quantity(span.low, unit)
    low = None if span.low is None else to_quantity(span.low, unit).value
    high = None if span.high is None else to_quantity(span.high, unit).value
    if low is not None and high is not None and low == high:
        return Quantity.of(low, unit)
    return Quantity(low=low, high=high, unit=unit, low_open=span.low_open, high_open=span.high_open)
