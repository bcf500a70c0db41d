"""The gap of a target check: how far the observed value is from what was wanted.

A point result gives a point gap; a missed interval the gap from its nearest
end (none when that end is excluded and touches the threshold: never a
made-up 0); a band (a between range, or 8%左右 where neither direction is
better) has gap 0 inside it and is measured from its nearer end outside it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .check_table import Truth
from .comparisons import Span

__all__ = ["band_gap", "gap_ends"]


def gap_ends(
    span: Span,
    threshold: Decimal | Fraction,
    truth: Truth | None,
    *,
    told: bool = False,
    upper: Decimal | Fraction | None = None,
) -> tuple[Fraction | None, Fraction | None] | None:
    """The gap of *span* from *threshold*: a point, or (when *told*) an interval.

    A point result gives a point gap; a missed interval gives the gap from
    its nearest end, or none when that end is excluded and touches the
    threshold (近300 against at least 300: never a made-up 0).  With *told*,
    an indeterminate interval gives the interval of gaps (for the sentence;
    the verdict's gap stays absent, never a made-up number).

    With an *upper* end the target is a band [*threshold*, *upper*] (a
    between range, or 8%左右 where neither direction is better): a value
    inside it has no gap (0), one outside it is measured from the nearer end.
    """
    if upper is not None:
        return _band_gap_ends(span, Fraction(threshold), Fraction(upper), truth, told=told)
    if span.is_point:
        assert span.low is not None
        gap = Fraction(span.low) - Fraction(threshold)
        return gap, gap
    if truth is Truth.NONE:
        nearest = span.high if span.high is not None and span.high <= threshold else span.low
        if nearest is not None and nearest != threshold:
            gap = Fraction(nearest) - Fraction(threshold)
            return gap, gap
        # An excluded end at the threshold (近300 against 300以上): the gap is
        # below any number one could name, not 0.
        return None
    if told and span.low is not None and span.high is not None:
        return Fraction(span.low) - Fraction(threshold), Fraction(span.high) - Fraction(threshold)
    return None


def band_gap(
    value: Decimal | Fraction, low: Decimal | Fraction, high: Decimal | Fraction
) -> Fraction:
    """The gap of *value* from the band [*low*, *high*]: 0 inside, else from the nearer end."""
    if value > high:
        return Fraction(value) - Fraction(high)
    if value < low:
        return Fraction(value) - Fraction(low)
    return Fraction(0)


def _band_gap_ends(
    span: Span, low: Fraction, high: Fraction, truth: Truth | None, *, told: bool
) -> tuple[Fraction | None, Fraction | None] | None:
    if span.is_point:
        assert span.low is not None
        gap = band_gap(span.low, low, high)
        return gap, gap
    if truth is Truth.NONE:
        # Wholly below the band (its high end is nearest) or wholly above it.
        below = span.high is not None and span.high <= low
        nearest = span.high if below else span.low
        if nearest is None or nearest in (low, high):
            return None  # an excluded end touching the band: no made-up 0
        gap = band_gap(nearest, low, high)
        return gap, gap
    if told and span.low is not None and span.high is not None:
        # The gap grows with the value, so its interval runs between the ends' gaps.
        return band_gap(span.low, low, high), band_gap(span.high, low, high)
    return None
