"""Comparators and commitment levels: how a stated value bounds a result, and how firmly.

They are words of the value layer (the statement reader produces them) and of the
model (a :class:`~govplan.Target` holds them).  The comparators follow Chinese
statutory usage (Civil Code art. 1259): 以上, 以下, 以内 and 届满 include the
number; 超过, 不满 and 以外 exclude it.
"""

from __future__ import annotations

import enum

__all__ = ["Commitment", "Comparator", "flip"]


class Comparator(enum.StrEnum):
    """How an observed value is compared with a target's value."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    EQUAL = "equal"
    BETWEEN = "between"
    ZERO = "zero"
    RANK_WITHIN = "rank_within"


class Commitment(enum.StrEnum):
    """How firmly the plan words the target."""

    ENSURE = "ensure"
    """确保: must be reached; missing it fails the check run."""
    STRIVE = "strive"
    """力争 / 争取: an aspiration; missing it is a shortfall, not a failure."""
    PLAIN = "plain"
    """Stated without either word; treated as binding unless the nature says otherwise."""


_FLIP = {
    Comparator.AT_LEAST: Comparator.AT_MOST,
    Comparator.AT_MOST: Comparator.AT_LEAST,
    Comparator.MORE_THAN: Comparator.LESS_THAN,
    Comparator.LESS_THAN: Comparator.MORE_THAN,
}


def flip(comparator: Comparator | None) -> Comparator | None:
    """The comparator of the negated quantity (at least 5 down is at most −5)."""
    return None if comparator is None else _FLIP.get(comparator, comparator)
