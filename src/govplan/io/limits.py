"""How much input govplan accepts before doing any costly work.

A document, a ledger or a command line can come from anyone.  Each limit is
checked before the work it protects (a file's size before it is read, the
depth of nesting before a parser recurses, the size of a YAML alias expansion
before anything is built), so that a hostile file of a few hundred bytes cannot
take seconds or gigabytes.  Exceeding a limit is a :class:`~govplan.LoadError`
naming the file, the line where there is one, the limit and how to raise it.
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        from ..errors import ValidationError

        raise ValidationError(
            f"{attribute.name} must be a positive integer, not {value!r}",
            field=attribute.name,
            value=value,
            expected="an int >= 1",
        )


@attrs.frozen(kw_only=True, slots=True)
class Limits:
    """The largest input govplan accepts; pass one to :func:`~govplan.load` to change them.

    >>> Limits().depth
    64
    >>> Limits(document_size=1_000).document_size
    1000

    Attributes:
        document_size: The largest file, in bytes, or text, in characters.
        depth: The deepest nesting of lists and mappings.
        alias_nodes: How many values YAML aliases (``*name``) may add in all
            once expanded (the "billion laughs" file adds billions from a few
            hundred bytes).
        number_length: The longest number written as digits, in characters.
        exponent: The largest exponent a number may have (``1e999999`` has 999999).
        items: The most items in one list or mapping.
        cell_size: The longest single value (a text in a document, a ledger cell),
            in characters.

    """

    document_size: int = attrs.field(default=32 * 1024 * 1024, validator=_positive)
    depth: int = attrs.field(default=64, validator=_positive)
    alias_nodes: int = attrs.field(default=10_000, validator=_positive)
    number_length: int = attrs.field(default=100, validator=_positive)
    exponent: int = attrs.field(default=100, validator=_positive)
    items: int = attrs.field(default=1_000_000, validator=_positive)
    cell_size: int = attrs.field(default=1_000_000, validator=_positive)


DEFAULT_LIMITS = Limits()
"""The limits used when none are given."""


def over_limit(what: str, found: int, limit: int, name: str) -> str:
    """The message for a limit exceeded: what, by how much, and how to raise it."""
    return (
        f"{what}: {found:,} is over the limit of {limit:,} "
        f"(raise it with govplan.Limits({name}=...) if the input is genuine)"
    )
