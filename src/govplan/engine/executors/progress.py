"""Progress: the share of the way from a start to a target's threshold."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

from ..check_table import ComparatorCode, CompiledTarget, DirectionCode, Number
from ..comparisons import Span

__all__ = ["PROGRESSING", "RISING", "point_progress", "progress_share"]

RISING = (ComparatorCode.AT_LEAST, ComparatorCode.MORE_THAN)
"""Comparators of a floor (the value should rise to the threshold)."""
PROGRESSING = (*RISING, ComparatorCode.AT_MOST, ComparatorCode.LESS_THAN)
"""Comparators whose checks have a progress share."""
_PLACES = Decimal("0.0001")


_DECIMAL = decimal.Context(prec=28)


def _as_decimal(share: Fraction) -> Decimal:
    return _DECIMAL.divide(Decimal(share.numerator), Decimal(share.denominator)).quantize(
        _PLACES, context=_DECIMAL
    )


def progress_share(row: CompiledTarget, span: Span, baseline: Span | None) -> Decimal | None:
    """The share of the way to the target, to four places; never actual/target for a decrease.

    From the baseline when a level target has one (and it differs from the
    target), else from zero for a rising target of an indicator that does not
    improve downwards.  ``None`` when the result is an interval.
    """
    if not span.is_point:
        return None
    assert span.low is not None
    return point_progress(row, span.low, baseline)


def point_progress(row: CompiledTarget, value: Number, baseline: Span | None) -> Decimal | None:
    """:func:`progress_share` of an exact result *value*."""
    if row.comparator not in PROGRESSING:
        return None
    threshold = row.threshold
    if baseline is not None and baseline.is_point and baseline.low != threshold:
        assert baseline.low is not None
        start = Fraction(baseline.low)
        return _as_decimal((Fraction(value) - start) / (Fraction(threshold) - start))
    if (
        row.comparator in RISING
        and row.direction is not DirectionCode.LOWER
        and threshold > 0
        and value >= 0
    ):
        if isinstance(value, Decimal) and isinstance(threshold, Decimal):
            return _DECIMAL.divide(value, threshold).quantize(_PLACES, context=_DECIMAL)
        return _as_decimal(Fraction(value) / Fraction(threshold))
    return None
