"""Structure and unstructure hooks for values: text, numbers, dates, periods, units, quantities.

Files hold only strings, numbers, booleans, lists and mappings: quantities
are written as their text ("300多人", "96%"), periods as "2011-Q3", dates as
ISO 8601, decimals as strings.  Each hook accepts exactly what a file may
write for its type and raises a :class:`~govplan.ParseError` saying what was
expected otherwise; the converter adds the field path.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
import reprlib
from decimal import Decimal

import cattrs
import pendulum

from ..errors import GovplanError, ParseError, ValidationError
from ..model.events import parse_datetime
from ..values.numbers import MAX_DIGITS, plain_digits
from ..values.periods import Period, parse_date, parse_period
from ..values.quantities import Quantity
from ..values.quantity_text import format_quantity, parse_quantity
from ..values.units import Unit, parse_unit
from .document_kinds import kind_of

__all__ = [
    "expect_str",
    "kind_of_value",
    "register_value_hooks",
    "shown",
    "structure_date",
    "structure_decimal",
    "structure_enum",
    "structure_int",
    "structure_period",
    "structure_quantity",
    "structure_text",
    "unstructure_quantity",
]

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 2, 60, 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def shown(value: object) -> str:
    """A short repr of *value* for a message, however large or deeply shared it is."""
    return _REPR.repr(value)


_KINDS = {
    bool: "a boolean",
    int: "a whole number",
    float: "a number",
    Decimal: "a number",
    str: "a text",
    dict: "a mapping",
    list: "a list",
    tuple: "a list",
    type(None): "null",
}


def kind_of_value(value: object) -> str:
    """What a file's *value* is, in the file's terms ("a whole number", "a mapping", "null")."""
    return _KINDS.get(type(value)) or f"a {type(value).__name__}"


def expect_str(value: object, what: str, example: str) -> str:
    """*value* if it is text, else a ParseError saying *what* was expected."""
    if not isinstance(value, str):
        raise ParseError(
            f"not {what}: {shown(value)} is {kind_of_value(value)}",
            value=value,
            expected=f"a string such as {example!r}",
        )
    return value


def structure_decimal(value: object, _type: object) -> Decimal:
    """An exact decimal: a finite Decimal, an integer or numeric text; never a float."""
    from ..values.numbers import parse_decimal

    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return parse_decimal(value)
    if isinstance(value, Decimal):
        raise ParseError(
            f"not a finite number: {value}", value=value, expected="a decimal such as '0.95'"
        )
    raise ParseError(
        f"not a number: {shown(value)}",
        value=value,
        expected="a decimal written as a string, e.g. '0.95' (floats are not exact)",
    )


# Values are immutable and documents repeat them ("2011", "96%"): parse each text once.
_parse_date = functools.lru_cache(maxsize=4096)(parse_date)
_parse_period = functools.lru_cache(maxsize=4096)(parse_period)
_parse_quantity = functools.lru_cache(maxsize=16384)(parse_quantity)


def structure_date(value: object, _type: object) -> pendulum.Date:
    """A calendar date: a date, or its ISO 8601 text."""
    if value.__class__ is str:
        return _parse_date(value)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return parse_date(value)
    return _parse_date(expect_str(value, "a date", "2011-03-11"))


_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")


def structure_int(value: object, _type: object) -> int:
    """A whole number: an integer, or its digits as text; never 2.7 (→ 2) nor true (→ 1)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    if isinstance(value, Decimal):
        problem = f"not a whole number: {value}"
    elif isinstance(value, bool):
        problem = f"not a number: {str(value).lower()} is a boolean"
    else:
        problem = f"not a whole number: {shown(value)}"
    raise ParseError(problem, value=value, expected="a whole number such as 3")


def structure_mapping(value: object, _type: object) -> dict[str, str]:
    """A mapping of text to text (an observation's breakdown)."""
    if not isinstance(value, dict):
        raise ParseError(
            f"not a mapping: {shown(value)} is {kind_of_value(value)}",
            value=value,
            expected="a mapping of names to texts, e.g. {城市: 741万元}",
        )
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise ParseError(
                f"not text: {shown(key)}: {shown(item)}",
                field=str(key),
                value=item,
                expected="names and values written as text (quote them in YAML)",
            )
    return dict(value)


def structure_text(value: object, _type: object) -> str:
    """Text, and only text: a number is not quietly made a string."""
    if not isinstance(value, str):
        raise ParseError(
            f"not text: {shown(value)} is {kind_of_value(value)}",
            value=value,
            expected="a string (quote it in YAML)",
        )
    return value


def structure_bool(value: object, _type: object) -> bool:
    """``true`` or ``false``, and only those."""
    if not isinstance(value, bool):
        raise ParseError(
            f"not true or false: {shown(value)}", value=value, expected="a boolean (true/false)"
        )
    return value


def structure_texts(value: object, _type: object) -> tuple[str, ...]:
    """A list of texts (a bare string is refused, not split into characters)."""
    # A bare string would otherwise be split into its characters.
    if not isinstance(value, list | tuple):
        raise ParseError(
            f"not a list: {shown(value)} is {kind_of_value(value)}",
            value=value,
            expected="a list of strings, e.g. ['教育局'] (write [] for none)",
        )
    return tuple(structure_text(item, str) for item in value)


def structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    """A member of *type_* by its value; a ParseError listing the choices otherwise."""
    try:
        return type_(value)
    except (ValueError, TypeError):  # TypeError: an unhashable value (a list)
        choices = ", ".join(str(member.value) for member in type_)
        raise ParseError(
            f"not a valid {kind_of(type_).replace('_', ' ')}: {shown(value)}",
            value=value,
            expected=f"one of {choices}",
        ) from None


def structure_datetime(value: object, _type: object) -> pendulum.DateTime:
    """A date and time: a datetime, or its ISO 8601 text."""
    if isinstance(value, _dt.datetime):
        return parse_datetime(value)
    return parse_datetime(expect_str(value, "a date and time", "2011-03-11T18:00:00+08:00"))


def structure_period(value: object, _type: object) -> Period:
    """A period: its text (``"2011-Q3"``), or a bare year as YAML and TOML read it."""
    if value.__class__ is str:
        return _parse_period(value)
    # YAML and TOML read a bare year as an integer.
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise ParseError(
                f"not a period: the year {value} is out of range",
                value=value,
                expected="a year from 1 to 9999, or a period such as '2011-Q3'",
            )
        return Period.year(value)
    return _parse_period(expect_str(value, "a period", "2011-Q3"))


def structure_quantity(value: object, _type: object) -> Quantity:
    """A quantity from its text (``"96%"``, ``"300多人"``), each text parsed once."""
    if value.__class__ is str:
        return _parse_quantity(value)
    return _parse_quantity(expect_str(value, "a quantity", "96%"))


def unstructure_quantity(quantity: Quantity) -> str:
    """The text of *quantity*: its source wording when that still reads back equal.

    Raises:
        ValidationError: A bound has more digits than a file is read back with
            (28, ``MAX_DIGITS``): the file would not load.

    """
    if quantity.stated is not None:
        try:
            if parse_quantity(quantity.stated) == quantity:
                return quantity.stated
        except GovplanError:
            pass
    for name, bound in (("low", quantity.low), ("high", quantity.high)):
        if bound is not None and plain_digits(bound) > MAX_DIGITS:
            raise ValidationError(
                f"cannot write the quantity {reprlib.repr(format_quantity(quantity))}: its {name}"
                f" bound has {plain_digits(bound)} digits written out, and a file is read back"
                f" with at most {MAX_DIGITS}",
                value=quantity,
                expected=f"at most {MAX_DIGITS} significant digits: round the value, "
                "or state it in a larger unit (万, 亿)",
            )
    return format_quantity(quantity)


def structure_unit(value: object, _type: object) -> Unit:
    """A unit of measure from its symbol (``"万元"``)."""
    return parse_unit(expect_str(value, "a unit", "万元"))


def _is_engine_enum(type_: object) -> bool:
    return (
        isinstance(type_, type)
        and issubclass(type_, enum.Enum)
        and type_.__module__.startswith("govplan.engine.")
    )


def register_value_hooks(converter: cattrs.Converter, *, detailed: bool) -> None:
    """Register the value hooks on *converter* (``detailed``: the error-locating path)."""
    converter.register_structure_hook(str, structure_text)
    converter.register_structure_hook(bool, structure_bool)
    converter.register_structure_hook(int, structure_int)
    converter.register_structure_hook_func(lambda t: t == dict[str, str], structure_mapping)
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], structure_texts)
    # StrEnum before str in the MRO: without this, members pass through as enums.
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    if detailed:
        converter.register_structure_hook(enum.StrEnum, structure_enum)
    else:
        # Enum fields with an attrs converter convert their own value; the
        # detailed path names bad ones.  The engine's enums have no converter.
        converter.register_structure_hook(enum.StrEnum, lambda value, _: value)
        converter.register_structure_hook_func(_is_engine_enum, structure_enum)
    converter.register_structure_hook(Decimal, structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(pendulum.Date, structure_date)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.DateTime, structure_datetime)
    converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    converter.register_structure_hook(Period, structure_period)
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(Unit, structure_unit)
    converter.register_unstructure_hook(Unit, lambda u: u.symbol)
    converter.register_structure_hook(Quantity, structure_quantity)
    converter.register_unstructure_hook(Quantity, unstructure_quantity)
