"""Converters that check model fields at the boundary, naming the field.

``Target(value="95%")`` reads the text with :func:`~govplan.parse_quantity`;
``period="2012"`` reads it with :func:`~govplan.parse_period`; anything else
of the wrong type is refused at construction with a :class:`~govplan.FieldTypeError`
naming the field, never an ``AttributeError`` later in the engine.  Sequences
become tuples, so model objects hash.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..errors import FieldTypeError, GovplanError, ParseError
from ..values.periods import Period, parse_period
from ..values.quantities import Quantity

__all__ = [
    "member",
    "members",
    "optional_period",
    "optional_quantity",
    "period",
    "quantity",
    "tuple_of",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def _read(field: str, text: str, parse: Callable[[str], T], example: str) -> T:
    try:
        return parse(text)
    except GovplanError as error:
        raise ParseError(
            error.message, field=field, value=text, expected=error.expected or example
        ) from None


def quantity(field: str) -> Callable[[Any], Quantity]:
    """A converter for a required quantity field: a Quantity, or its text (``"95%"``)."""

    def convert(value: Any) -> Quantity:
        if isinstance(value, Quantity):
            return value
        if isinstance(value, str):
            from ..values.quantity_text import parse_quantity

            return _read(field, value, parse_quantity, "a quantity such as 95%")
        raise FieldTypeError(
            f"expected a Quantity or its text, got {type(value).__name__} {value!r}",
            field=field,
            value=value,
            expected="a Quantity, or text such as '95%' or '1436万元'",
        )

    return convert


def optional_quantity(field: str) -> Callable[[Any], Quantity | None]:
    """:func:`quantity`, or ``None``."""
    required = quantity(field)
    return lambda value: None if value is None else required(value)


def period(field: str) -> Callable[[Any], Period]:
    """A converter for a period field: a Period, or its text (``"2012"``, ``"2011-H1"``)."""

    def convert(value: Any) -> Period:
        if isinstance(value, Period):
            return value
        if isinstance(value, str):
            return _read(field, value, parse_period, "a period such as 2011 or 2011-H1")
        raise FieldTypeError(
            f"expected a Period or its text, got {type(value).__name__} {value!r}",
            field=field,
            value=value,
            expected="a Period, or text such as '2012', '2011-H1', '2011-Q3'",
        )

    return convert


def optional_period(field: str) -> Callable[[Any], Period | None]:
    """:func:`period`, or ``None``."""
    required = period(field)
    return lambda value: None if value is None else required(value)


def members(enum_type: type[E]) -> dict[Any, E]:
    """The members of *enum_type* by value, for :func:`member`."""
    return {item.value: item for item in enum_type}


def member(enum_type: type[E], by_value: dict[Any, E], value: Any) -> E:
    """The member of *enum_type* whose value is *value*: ``enum_type(value)``, looked up directly.

    A bad value raises what ``enum_type(value)`` raises, naming the value.
    """
    try:
        return by_value[value]
    except (KeyError, TypeError):  # TypeError: an unhashable value (a list)
        return enum_type(value)


def tuple_of(field: str) -> Callable[[Any], tuple[Any, ...]]:
    """A converter making any iterable (a list) a tuple; a single string or mapping is refused."""

    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, tuple):
            return value
        if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
            raise FieldTypeError(
                f"expected a sequence, got {type(value).__name__} {value!r}",
                field=field,
                value=value,
                expected="a tuple or list",
            )
        return tuple(value)

    return convert


# Named converters, one per field name (type checkers follow named functions).
_period, _optional_period = period("period"), optional_period("baseline")
_change_from = optional_period("change_from")
_value, _upper = optional_quantity("value"), optional_quantity("upper")
_numerator, _denominator = optional_quantity("numerator"), optional_quantity("denominator")


def period_field(value: Any) -> Period:
    """``period``: a Period or its text."""
    return value if value.__class__ is Period else _period(value)


def baseline_field(value: Any) -> Period | None:
    """``baseline``: a Period, its text, or ``None``."""
    if value is None or value.__class__ is Period:
        return value
    return _optional_period(value)


def change_from_field(value: Any) -> Period | None:
    """``change_from``: a Period, its text, or ``None``."""
    if value is None or value.__class__ is Period:
        return value
    return _change_from(value)


def value_field(value: Any) -> Quantity | None:
    """``value``: a Quantity, its text, or ``None``."""
    if value is None or value.__class__ is Quantity:
        return value
    return _value(value)


def upper_field(value: Any) -> Quantity | None:
    """``upper``: a Quantity, its text, or ``None``."""
    if value is None or value.__class__ is Quantity:
        return value
    return _upper(value)


def numerator_field(value: Any) -> Quantity | None:
    """``numerator``: a Quantity, its text, or ``None``."""
    if value is None or value.__class__ is Quantity:
        return value
    return _numerator(value)


def denominator_field(value: Any) -> Quantity | None:
    """``denominator``: a Quantity, its text, or ``None``."""
    if value is None or value.__class__ is Quantity:
        return value
    return _denominator(value)


_TUPLES = {
    name: tuple_of(name)
    for name in (
        "targets", "measures", "goals", "organisations", "people", "indicators", "sections",
    )
}  # fmt: skip


def targets_field(value: Any) -> tuple[Any, ...]:
    """``targets`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["targets"](value)


def measures_field(value: Any) -> tuple[Any, ...]:
    """``measures`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["measures"](value)


def goals_field(value: Any) -> tuple[Any, ...]:
    """``goals`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["goals"](value)


def organisations_field(value: Any) -> tuple[Any, ...]:
    """``organisations`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["organisations"](value)


def people_field(value: Any) -> tuple[Any, ...]:
    """``people`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["people"](value)


def indicators_field(value: Any) -> tuple[Any, ...]:
    """``indicators`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["indicators"](value)


def sections_field(value: Any) -> tuple[Any, ...]:
    """``sections`` as a tuple."""
    if value.__class__ is tuple:
        return value
    return _TUPLES["sections"](value)
