"""Quantities: an exact decimal, or an interval of decimals, with a unit.

Reports state approximate figures ("300多人", "近500人", "90%以上"); govplan
keeps them as intervals rather than rounding them to a point, so that a check
on them can honestly answer *indeterminate*.  An exact value is the degenerate
closed interval ``[v, v]``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from ..errors import ParseError, UnitMismatchError
from .units import Unit, convert_units

__all__ = ["Quantity", "negate"]


def _check_bounds(instance: Quantity) -> None:
    low, high = instance.low, instance.high
    for name, bound in (("low", low), ("high", high)):
        if bound is not None and not bound.is_finite():
            raise ParseError(f"{name} bound is not a finite number: {bound}", field=name)
    if low is None and high is None:
        raise ParseError(
            "an interval needs at least one bound",
            field="low",
            expected="a low bound, a high bound or both (an unknown value is None, not a Quantity)",
        )
    if low is None and not instance.low_open:
        raise ParseError("an unbounded low end must be open", field="low_open")
    if high is None and not instance.high_open:
        raise ParseError("an unbounded high end must be open", field="high_open")
    if low is not None and high is not None:
        if low > high:
            raise ParseError(
                f"low bound {low} is above high bound {high}",
                field="low",
                expected="low <= high",
            )
        if low == high and (instance.low_open or instance.high_open):
            raise ParseError(
                f"the interval around {low} is empty", field="low", expected="a non-empty interval"
            )


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        from .numbers import parse_decimal

        return parse_decimal(value)
    raise ParseError(
        f"not a number: {value!r}",
        value=value,
        expected="a Decimal, an int or a numeric string (floats are not exact)",
    )


@attrs.frozen(kw_only=True)
class Quantity:
    """A value with a unit: exact (``low == high``) or an interval.

    Attributes:
        low: The lower bound, or ``None`` when unbounded below.
        high: The upper bound, or ``None`` when unbounded above.
        unit: The unit both bounds are in.
        low_open: Whether *low* itself is excluded ("300多" excludes 300).
        high_open: Whether *high* itself is excluded.
        stated: The source text it was read from, if any ("300多人").  Kept
            for display and written back to files; not part of equality.

    """

    low: Decimal | None = attrs.field(converter=_decimal)
    high: Decimal | None = attrs.field(converter=_decimal)
    unit: Unit
    low_open: bool = False
    high_open: bool = False

    def __attrs_post_init__(self) -> None:
        _check_bounds(self)

    stated: str | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def of(cls, value: Decimal | int | str, unit: Unit, *, stated: str | None = None) -> Quantity:
        """An exact quantity: ``Quantity.of(Decimal("96"), PERCENT)``."""
        exact = _decimal(value)
        return cls(low=exact, high=exact, unit=unit, stated=stated)

    @classmethod
    def _trusted(cls, value: Decimal, unit: Unit) -> Quantity:
        """An exact quantity from a finite Decimal the caller vouches for, unvalidated.

        For hot paths that derive values from validated ones (a verdict's gap).
        """
        quantity = object.__new__(cls)
        for name, field_value in (
            ("low", value),
            ("high", value),
            ("unit", unit),
            ("low_open", False),
            ("high_open", False),
            ("stated", None),
        ):
            object.__setattr__(quantity, name, field_value)
        return quantity

    @property
    def is_exact(self) -> bool:
        """Whether this is a single value rather than an interval."""
        return self.low is not None and self.low == self.high and not self.low_open

    @property
    def value(self) -> Decimal:
        """The exact value.

        Raises:
            ValueError: The quantity is an interval; use :attr:`low`/:attr:`high`.

        """
        if not self.is_exact:
            raise ParseError(
                f"{self} is an interval, not an exact value",
                value=str(self),
                expected="an exact quantity (check is_exact first)",
            )
        assert self.low is not None
        return self.low

    def bounds_in(self, target: Unit) -> tuple[Fraction | None, Fraction | None]:
        """The bounds converted exactly to *target* units (rationals, no rounding)."""
        low = None if self.low is None else convert_units(Fraction(self.low), self.unit, target)
        high = None if self.high is None else convert_units(Fraction(self.high), self.unit, target)
        return low, high

    def to(self, target: Unit) -> Quantity:
        """This quantity in *target* units.

        Raises:
            UnitMismatchError: *target* measures another dimension, or the
                converted value has no finite decimal form (500 亩 in ㎡ is
                1000000/3: use :meth:`bounds_in` to keep it exact).

        """
        if target == self.unit:
            return self
        low, high = self.bounds_in(target)
        return Quantity(
            low=_to_decimal(low, target),
            high=_to_decimal(high, target),
            unit=target,
            low_open=self.low_open,
            high_open=self.high_open,
        )

    def contains(self, value: Decimal) -> bool:
        """Whether the exact *value* (in this quantity's unit) lies in the interval."""
        low_ok = self.low is None or (value > self.low if self.low_open else value >= self.low)
        high_ok = self.high is None or (value < self.high if self.high_open else value <= self.high)
        return low_ok and high_ok

    def __str__(self) -> str:
        """The source wording if there is one, else the canonical text."""
        if self.stated is not None:
            return self.stated
        return _format(self)


def _format(quantity: Quantity) -> str:
    # Bound on first use: the text module imports this one.
    global _format
    from .quantity_text import format_quantity

    _format = format_quantity
    return format_quantity(quantity)


def _to_decimal(value: Fraction | None, unit: Unit) -> Decimal | None:
    if value is None:
        return None
    numerator, denominator = value.numerator, value.denominator
    # A fraction has a finite decimal form iff its denominator has no prime
    # factor other than 2 and 5.
    rest = denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        raise UnitMismatchError(
            f"{value} {unit.symbol} has no exact decimal form",
            value=str(value),
            expected="a unit whose conversion factor gives a finite decimal",
        )
    digits = 0
    while 10**digits % denominator:
        digits += 1
    scaled = Decimal(numerator * (10**digits // denominator)).as_tuple()
    return Decimal((scaled.sign, scaled.digits, -digits))


def negate(quantity: Quantity) -> Quantity:
    """The quantity with its sign turned (a decrease of 5 is a change of −5)."""
    return Quantity(
        low=None if quantity.high is None else -quantity.high,
        high=None if quantity.low is None else -quantity.low,
        unit=quantity.unit,
        low_open=quantity.high_open,
        high_open=quantity.low_open,
    )
