"""Exact interval arithmetic and three-valued comparison, in rational numbers.

A :class:`Span` is what a quantity becomes inside a check: its bounds as
:class:`~fractions.Fraction` in one unit, so that 亩 → ㎡ or 万元 → 元 stays exact
and sums of "400余万" and "100万" stay honest intervals.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from operator import and_, ge, gt, le, lt, mul
from typing import Any, NamedTuple

from ..model.targets import Comparator
from ..values.quantities import Quantity
from ..values.units import Unit
from .check_table import Number, Truth, acceptable

__all__ = [
    "Span",
    "Truth",
    "acceptor",
    "compare",
    "point_differences",
    "point_test",
    "ratio_test",
    "span_to_quantity",
    "to_quantity",
    "truth",
]


def _f(value: Number) -> Fraction:
    # By type, not isinstance: Fraction's numbers ABC makes isinstance slow.
    kind = type(value)
    if kind is Fraction:
        return value  # type: ignore[return-value]
    if kind is Decimal:
        return Fraction(*value.as_integer_ratio())
    return value if isinstance(value, Fraction) else Fraction(value)


_EXACT = decimal.Context(prec=80, traps=[decimal.Inexact, decimal.Rounded])


def _negative(value: Number) -> Number:
    """Exactly -*value* (``-decimal`` would round to the context's precision)."""
    return value.copy_negate() if isinstance(value, Decimal) else -value


def _sum(first: Number, second: Number) -> Number:
    """An exact sum: in decimals when both are decimals (and it fits), else in fractions."""
    if isinstance(first, Decimal) and isinstance(second, Decimal):
        try:
            return _EXACT.add(first, second)
        except (decimal.Inexact, decimal.Rounded):
            pass
    return _f(first) + _f(second)


def _difference(first: Number, second: Number) -> Number:
    """An exact difference: in decimals when both are decimals (and it fits), else fractions."""
    if isinstance(first, Decimal) and isinstance(second, Decimal):
        try:
            return _EXACT.subtract(first, second)
        except (decimal.Inexact, decimal.Rounded):
            pass
    return _f(first) - _f(second)


class Span(NamedTuple):
    """An interval of exact numbers; ``None`` bounds are unbounded (and open).

    A small immutable record (a named tuple: checks make many of them).

    Bounds are :class:`~fractions.Fraction` after arithmetic; a span read
    straight from a decimal value may hold its :class:`~decimal.Decimal` bounds
    (comparisons mix the two exactly; arithmetic converts first).
    """

    low: Number | None
    high: Number | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: Fraction | int) -> Span:
        """The single value *value*."""
        return cls(Fraction(value), Fraction(value))

    @classmethod
    def of(cls, quantity: Quantity, unit: Unit) -> Span:
        """*quantity* converted exactly to *unit* (its own decimals when the unit is the same)."""
        if quantity.unit is unit or quantity.unit == unit:
            return cls(quantity.low, quantity.high, quantity.low_open, quantity.high_open)
        low, high = quantity.bounds_in(unit)
        return cls(low, high, quantity.low_open, quantity.high_open)

    @property
    def is_point(self) -> bool:
        """Whether the span holds exactly one value."""
        return self.low is not None and self.low == self.high

    def __add__(self, other: Span) -> Span:  # type: ignore[override]
        low = None if self.low is None or other.low is None else _sum(self.low, other.low)
        high = None if self.high is None or other.high is None else _sum(self.high, other.high)
        return Span(low, high, self.low_open or other.low_open, self.high_open or other.high_open)

    def __neg__(self) -> Span:
        return Span(
            None if self.high is None else _negative(self.high),
            None if self.low is None else _negative(self.low),
            self.high_open,
            self.low_open,
        )

    def __sub__(self, other: Span) -> Span:
        """``self + (-other)``, without building the negation (each end exact)."""
        low = None if self.low is None or other.high is None else _difference(self.low, other.high)
        high = None if self.high is None or other.low is None else _difference(self.high, other.low)
        return Span(low, high, self.low_open or other.high_open, self.high_open or other.low_open)

    def scale(self, factor: Fraction) -> Span:
        """Every point multiplied by a positive *factor*."""
        assert factor > 0
        return Span(
            None if self.low is None else _f(self.low) * factor,
            None if self.high is None else _f(self.high) * factor,
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
        low = _f(self.low) / _f(other.high)
        high = None if self.high is None else _f(self.high) / _f(other.low)
        return Span(low, high, self.low_open or other.high_open, self.high_open or other.low_open)

    def widen(self, half_width: Fraction) -> Span:
        """The span grown by *half_width* on each bounded side (closed there)."""
        return Span(
            None if self.low is None else _f(self.low) - half_width,
            None if self.high is None else _f(self.high) + half_width,
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
        return truth(
            self.low, self.high, self.low_open, self.high_open,
            other.low, not other.low_open, other.high, not other.high_open,
        )  # fmt: skip


def truth(
    low: Number | None,
    high: Number | None,
    low_open: bool,
    high_open: bool,
    t_low: Number | None,
    t_low_closed: bool,
    t_high: Number | None,
    t_high_closed: bool,
) -> Truth:
    """Whether the observed interval lies in the acceptable one: the comparator truth.

    The observed interval runs from *low* to *high* (``None``: unbounded;
    ``*_open``: the end excluded), the acceptable one from *t_low* to *t_high*
    (``*_closed``: the end included, as 以上 / 以下 / 以内 include it and 超过 /
    不满 exclude it).  ALL: every observed point is acceptable; NONE: none is;
    SOME: indeterminate.  An exact value is the interval ``[v, v]``.  Every
    check, exact or approximate, is answered by the one rule in :func:`acceptor`.

    >>> from decimal import Decimal as D
    >>> truth(D("95.5"), D("95.5"), False, False, D(96), True, None, False).name
    'NONE'
    >>> truth(D(300), D(400), True, True, D(350), True, None, False).name
    'SOME'
    """
    return acceptor(t_low, t_low_closed, t_high, t_high_closed)(low, high, low_open, high_open)


_ALL, _NONE, _SOME = Truth.ALL, Truth.NONE, Truth.SOME
Acceptor = Callable[[Number | None, Number | None, bool, bool], Truth]


def acceptor(
    t_low: Number | None, t_low_closed: bool, t_high: Number | None, t_high_closed: bool
) -> Acceptor:
    """The comparator truth with the acceptable interval bound once (one check row's test).

    The returned function answers, for an observed interval, ALL / NONE / SOME
    (see :func:`truth`).
    """

    def accept(low: Number | None, high: Number | None, low_open: bool, high_open: bool) -> Truth:
        # Every observed point is at or above the acceptable low end ...
        if t_low is None:
            above = True
        elif low is None:
            above = False
        else:
            above = low > t_low or (low == t_low and (t_low_closed or low_open))
        # ... and at or below its high end: all acceptable.
        if above and (
            t_high is None
            or (
                high is not None
                and (high < t_high or (high == t_high and (t_high_closed or high_open)))
            )
        ):
            return _ALL
        # Entirely below the low end, or entirely above the high end: none is.
        below = (
            t_low is not None
            and high is not None
            and (high < t_low or (high == t_low and (high_open or not t_low_closed)))
        )
        beyond = (
            t_high is not None
            and low is not None
            and (low > t_high or (low == t_high and (low_open or not t_high_closed)))
        )
        return _NONE if below or beyond else _SOME

    return accept


PointTest = Callable[[Sequence[Number]], Iterator[bool]]


def point_test(
    t_low: Number | None, t_low_closed: bool, t_high: Number | None, t_high_closed: bool
) -> PointTest | None:
    """:func:`acceptor` for a column of exact values, at C speed: True where ALL, else NONE.

    For an exact value (the interval ``[v, v]``) the truth is never SOME when
    the acceptable interval is not empty, so it is one or two comparisons per
    value, mapped over the column without a Python call per value.  ``None``
    when the acceptable interval is empty (then :func:`acceptor` answers).
    A property test holds this to :func:`acceptor` point by point.
    """
    if (
        t_low is not None
        and t_high is not None
        and (t_low > t_high or (t_low == t_high and not (t_low_closed and t_high_closed)))
    ):
        return None
    above: Callable[[Any, Any], bool] | None = (
        None if t_low is None else (ge if t_low_closed else gt)
    )
    under: Callable[[Any, Any], bool] | None = (
        None if t_high is None else (le if t_high_closed else lt)
    )

    def test(values: Sequence[Number]) -> Iterator[bool]:
        if above is not None and under is not None:
            return map(and_, map(above, values, repeat(t_low)), map(under, values, repeat(t_high)))
        if above is not None:
            return map(above, values, repeat(t_low))
        if under is not None:
            return map(under, values, repeat(t_high))
        return repeat(True, len(values))

    return test


def point_differences(firsts: Sequence[Number], seconds: Sequence[Number]) -> list[Number]:
    """Each exact difference ``first - second``: both ends of ``Span(a, a) - Span(b, b)``."""
    return list(map(_difference, firsts, seconds))


RatioTest = Callable[[Sequence[int], Sequence[int]], Iterator[bool]]


def ratio_test(
    t_low: Number | None, t_low_closed: bool, t_high: Number | None, t_high_closed: bool
) -> RatioTest | None:
    """:func:`point_test` for exact rationals given as numerators and positive denominators.

    ``n / d`` is compared with an end ``p / q`` as ``n × q`` with ``p × d`` (both
    denominators positive), so no :class:`~fractions.Fraction` is built per
    value.  ``None`` when the acceptable interval is empty.  A property test
    holds this to :func:`acceptor` value by value.
    """
    if point_test(t_low, t_low_closed, t_high, t_high_closed) is None:
        return None
    above: Callable[[Any, Any], bool] | None = (
        None if t_low is None else (ge if t_low_closed else gt)
    )
    under: Callable[[Any, Any], bool] | None = (
        None if t_high is None else (le if t_high_closed else lt)
    )
    low_p, low_q = (0, 1) if t_low is None else t_low.as_integer_ratio()
    high_p, high_q = (0, 1) if t_high is None else t_high.as_integer_ratio()

    def ends(
        test: Callable[[Any, Any], bool], p: int, q: int, nums: Sequence[int], dens: Sequence[int]
    ) -> Iterator[bool]:
        return map(test, map(mul, nums, repeat(q)), map(mul, dens, repeat(p)))

    def test(nums: Sequence[int], dens: Sequence[int]) -> Iterator[bool]:
        if above is not None and under is not None:
            return map(
                and_,
                ends(above, low_p, low_q, nums, dens),
                ends(under, high_p, high_q, nums, dens),
            )
        if above is not None:
            return ends(above, low_p, low_q, nums, dens)
        if under is not None:
            return ends(under, high_p, high_q, nums, dens)
        return repeat(True, len(nums))

    return test


def compare(
    observed: Span, comparator: Comparator, value: Fraction, upper: Fraction | None = None
) -> Truth:
    """Whether the points of *observed* satisfy ``observed <comparator> value``.

    Boundaries follow Civil Code art. 1259: AT_LEAST / AT_MOST include *value*,
    MORE_THAN / LESS_THAN exclude it.  ZERO compares with *value* (0).
    """
    t_low, t_low_closed, t_high, t_high_closed = acceptable(comparator, value, upper)
    return truth(
        observed.low, observed.high, observed.low_open, observed.high_open,
        t_low, t_low_closed, t_high, t_high_closed,
    )  # fmt: skip


_DISPLAY_PLACES = Decimal("0.0001")


def to_quantity(value: Number, unit: Unit) -> Quantity:
    """A display quantity for an exact rational.

    Exact when the rational has a finite decimal form, else rounded to four places.
    """
    if isinstance(value, Decimal):
        return Quantity.of(value, unit)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) != value:
        decimal = decimal.quantize(_DISPLAY_PLACES)
    return Quantity.of(decimal, unit)


def known_quantity(span: Span, unit: Unit) -> Quantity | None:
    """:func:`span_to_quantity`, or ``None`` when *span* is unbounded both ways.

    A change between two lower bounds (partial sums in both years) says
    nothing of its size: no quantity, not a made-up one.
    """
    if span.low is None and span.high is None:
        return None
    return span_to_quantity(span, unit)


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
