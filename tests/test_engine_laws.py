"""The laws of DESIGN §5 for the engine, as Hypothesis properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

import govplan as g
from govplan.engine.comparisons import Span, Truth, compare
from govplan.testing import decimals, quantities

S = g.Status
PLAIN = (
    g.Comparator.AT_LEAST,
    g.Comparator.AT_MOST,
    g.Comparator.MORE_THAN,
    g.Comparator.LESS_THAN,
    g.Comparator.EQUAL,
)


def _holds(value: Fraction, comparator: g.Comparator, threshold: Fraction) -> bool:
    return {
        g.Comparator.AT_LEAST: value >= threshold,
        g.Comparator.AT_MOST: value <= threshold,
        g.Comparator.MORE_THAN: value > threshold,
        g.Comparator.LESS_THAN: value < threshold,
        g.Comparator.EQUAL: value == threshold,
    }[comparator]


def _verdict(comparator: g.Comparator, threshold: Decimal, observed: g.Quantity) -> g.Status:
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        indicators=(g.Indicator(id="i", name="指标", unit=g.PERCENT),),
        sections=(
            g.Section(
                id="s",
                title="一",
                goals=(
                    g.Goal(
                        id="g",
                        title="任务",
                        targets=(
                            g.Target(
                                id="t",
                                indicator_id="i",
                                comparator=comparator,
                                value=g.Quantity.of(threshold, g.PERCENT),
                                period=g.Period.year(2011),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    observation = g.Observation(indicator_id="i", value=observed, period=g.Period.year(2011))
    return g.evaluate(plan, [observation]).verdict("t").status


@given(decimals(), decimals(), decimals(min_value=0))
def test_a_value_meeting_an_at_least_target_still_meets_it_when_larger(
    threshold: Decimal, value: Decimal, more: Decimal
) -> None:
    for comparator in (g.Comparator.AT_LEAST, g.Comparator.MORE_THAN):
        if _verdict(comparator, threshold, g.Quantity.of(value, g.PERCENT)) is S.MET:
            larger = g.Quantity.of(value + more, g.PERCENT)
            assert _verdict(comparator, threshold, larger) is S.MET


@given(decimals(), decimals(), decimals(min_value=0))
def test_a_value_meeting_an_at_most_target_still_meets_it_when_smaller(
    threshold: Decimal, value: Decimal, less: Decimal
) -> None:
    for comparator in (g.Comparator.AT_MOST, g.Comparator.LESS_THAN):
        if _verdict(comparator, threshold, g.Quantity.of(value, g.PERCENT)) is S.MET:
            smaller = g.Quantity.of(value - less, g.PERCENT)
            assert _verdict(comparator, threshold, smaller) is S.MET


@given(st.sampled_from(PLAIN), decimals())
def test_boundaries_follow_article_1259(comparator: g.Comparator, threshold: Decimal) -> None:
    inclusive = comparator in (g.Comparator.AT_LEAST, g.Comparator.AT_MOST, g.Comparator.EQUAL)
    at_threshold = _verdict(comparator, threshold, g.Quantity.of(threshold, g.PERCENT))
    assert at_threshold is (S.MET if inclusive else S.MISSED)


def _witnesses(span: Span, threshold: Fraction) -> list[Fraction]:
    """Points of *span* on both sides of and at the threshold and near its ends."""
    tiny = Fraction(1, 10**9)
    points = [threshold, threshold - tiny, threshold + tiny]
    for end in (span.low, span.high):
        if end is not None:
            bound = Fraction(end)
            points += [bound, bound - tiny, bound + tiny]
    points += [threshold - 10**12, threshold + 10**12]
    return [p for p in points if span.contains(p)]


@given(quantities(g.PERCENT, exact=False), st.sampled_from(PLAIN), decimals())
def test_interval_verdicts_agree_with_every_point(
    observed: g.Quantity, comparator: g.Comparator, threshold: Decimal
) -> None:
    span = Span.of(observed, g.PERCENT)
    limit = Fraction(threshold)
    truth = compare(span, comparator, limit)
    points = _witnesses(span, limit)
    assume(points)
    meets = [_holds(p, comparator, limit) for p in points]
    if truth is Truth.ALL:
        assert all(meets)
    elif truth is Truth.NONE:
        assert not any(meets)
    else:
        assert any(meets)
        assert not all(meets) or (comparator is g.Comparator.EQUAL and not span.is_point)


@given(quantities(g.PERCENT, exact=False), st.sampled_from(PLAIN), decimals())
def test_the_engine_reports_interval_truth_as_status(
    observed: g.Quantity, comparator: g.Comparator, threshold: Decimal
) -> None:
    truth = compare(Span.of(observed, g.PERCENT), comparator, Fraction(threshold))
    expected = {Truth.ALL: S.MET, Truth.NONE: S.MISSED, Truth.SOME: S.INDETERMINATE}[truth]
    assert _verdict(comparator, threshold, observed) is expected
