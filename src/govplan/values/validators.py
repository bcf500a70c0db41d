"""Validators shared by the model classes (ids, non-empty text, unique ids)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from ..errors import ValidationError

__all__ = [
    "check_id",
    "check_limit",
    "check_optional_id",
    "check_text",
    "decimal_in",
    "require_unique_ids",
    "to_decimal",
]


def check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id is a non-empty string without white space ("g04", "教育局", "t4.dropout")."""
    # value.split() == [value]: non-empty and no white space anywhere (faster than a regex).
    if not isinstance(value, str) or value.split() != [value]:
        raise ValidationError(
            f"not an id: {value!r}",
            field=attribute.name,
            value=value,
            expected="a non-empty string without spaces",
        )


def check_limit(limit: object) -> int | None:
    """A *limit* argument (how many items to return): ``None`` for all, or an int >= 0."""
    if limit is None or (isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0):
        return limit
    raise ValidationError(
        f"limit must be a whole number of items (0 or more) or None, not {limit!r}",
        field="limit",
        value=limit,
        expected="an int >= 0, or None for all of them",
    )


def check_optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Like :func:`check_id`, but ``None`` is allowed."""
    if value is not None:
        check_id(instance, attribute, value)


def check_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Required text must be a non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            f"empty text: {value!r}", field=attribute.name, value=value, expected="non-blank text"
        )


def to_decimal(value: object) -> object:
    """A field converter: whole numbers and numeric text become Decimals.

    Anything else (a float, which is not exact, or a wrong type) is passed on
    unchanged for the field's validator to refuse by name.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        from .numbers import parse_decimal

        return parse_decimal(value)
    return value


def decimal_in(
    low: Decimal, high: Decimal | None, *, low_open: bool, example: str
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: an optional Decimal within low..high (``low_open`` excludes *low*)."""
    bounds = f"{'(' if low_open else '['}{low}, {'∞)' if high is None else f'{high}]'}"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        inside = isinstance(value, Decimal) and (value > low if low_open else value >= low)
        if not inside or (high is not None and value > high):  # type: ignore[operator]
            raise ValidationError(
                f"{attribute.name} must be in {bounds}, not {value!r}"
                + (" (a float is not exact)" if isinstance(value, float) else ""),
                field=attribute.name,
                value=value,
                expected=f"a decimal such as {example}",
            )

    return check


def require_unique_ids(field: str, items: Iterable[Any]) -> None:
    """Raise if two of *items* share an ``id``; the error names the second one's index."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise ValidationError(
                f"duplicate id {item.id!r} (also at index {seen[item.id]})",
                field=f"{field}[{index}].id",
                value=item.id,
                expected="ids unique within the document",
            )
        seen[item.id] = index
