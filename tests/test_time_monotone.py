"""Time is monotone (DESIGN §6): interim data of a cumulative indicator count.

A ceiling or zero-incident target breached by interim data is missed for
good; a floor reached by year-to-date data is met; data covering the period
up to its deadline decides at the deadline.  For fixed observations, a later
``as_of`` never turns met or missed back into pending or no data.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import ReasonCode
from tests.golden_cases import build, generate

CASES = g.parse_unit("起")
YEAR = g.Period.year(2011)
INCIDENTS = g.Indicator(id="incidents", name="安全事故", unit=CASES, direction="lower")
ORGS = (
    g.Organisation(id="bureau", name="教育局"),
    g.Organisation(id="a", name="学校A", parent_id="bureau"),
    g.Organisation(id="b", name="学校B", parent_id="bureau"),
)
FINAL = {g.Status.MET, g.Status.MISSED}
UNDECIDED = {g.Status.PENDING, g.Status.NO_DATA}
DAYS = (
    "2011-03-31",
    "2011-06-30",
    "2011-09-30",
    "2011-11-30",
    "2011-12-31",
    "2012-01-15",
    None,
)


def _plan(*targets: g.Target, indicators: tuple[g.Indicator, ...] = (INCIDENTS,)) -> g.Plan:
    goal = g.Goal(id="g", title="任务", targets=targets)
    return g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="bureau",
        indicators=indicators,
        organisations=ORGS,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _incidents(period: g.Period, count: int, oid: str = "o") -> g.Observation:
    return g.Observation(
        id=oid, indicator_id="incidents", period=period, value=g.Quantity.of(count, CASES)
    )


ZERO = g.Target(id="t", indicator_id="incidents", comparator="zero", period=YEAR, cumulative=True)


@pytest.mark.parametrize("as_of", ["2011-06-30", "2011-12-31", "2012-01-15", None])
def test_an_incident_in_the_first_half_misses_a_cumulative_zero_target_for_good(
    as_of: str | None,
) -> None:
    verdict = g.evaluate(_plan(ZERO), [_incidents(g.Period.half(2011, 1), 1)], as_of=as_of)
    found = verdict.verdict("t")
    assert found.status is g.Status.MISSED
    assert found.reason is ReasonCode.ALREADY_BREACHED
    assert found.refs == ("o",)


def test_a_floor_reached_by_year_to_date_data_is_met_before_the_end() -> None:
    built = g.Indicator(id="built", name="新建校舍", unit=g.parse_unit("所"))
    target = g.Target(
        id="t",
        indicator_id="built",
        comparator="at_least",
        value=g.Quantity.of(3, built.unit),
        period=YEAR,
        cumulative=True,
    )
    observation = g.Observation(
        id="o",
        indicator_id="built",
        period=g.Period.half(2011, 1),
        value=g.Quantity.of(4, built.unit),
    )
    plan = _plan(target, indicators=(built,))
    for as_of in ("2011-06-30", "2011-09-30", None):
        found = g.evaluate(plan, [observation], as_of=as_of).verdict("t")
        assert found.status is g.Status.MET, as_of
        assert found.reason is ReasonCode.ALREADY_REACHED
        assert "累计已达4所" in found.explain("zh")
        assert "already reaches" in found.explain("en")


def test_data_up_to_the_deadline_decides_at_the_deadline() -> None:
    rate = g.Indicator(id="rate", name="入学率", unit=g.PERCENT)
    target = g.Target(
        id="t",
        indicator_id="rate",
        comparator="at_least",
        value=g.Quantity.of(95, g.PERCENT),
        period=YEAR,
        deadline=g.Deadline(stated="11月底", due=g.parse_date("2011-11-30")),
    )
    observation = g.Observation(
        id="o",
        indicator_id="rate",
        period=g.Period.between(g.parse_date("2011-01-01"), g.parse_date("2011-11-30")),
        value=g.Quantity.of(Decimal("96.5"), g.PERCENT),
    )
    plan = _plan(target, indicators=(rate,))
    for as_of in ("2011-11-30", "2011-12-15", None):
        found = g.evaluate(plan, [observation], as_of=as_of).verdict("t")
        assert found.status is g.Status.MET, as_of
        assert found.refs == ("o",)


def test_a_cumulative_exact_target_below_its_value_midway_is_at_risk_not_missed() -> None:
    target = g.Target(
        id="t",
        indicator_id="incidents",
        comparator="equal",
        value=g.Quantity.of(10, CASES),
        period=YEAR,
        cumulative=True,
    )
    found = g.evaluate(
        _plan(target), [_incidents(g.Period.half(2011, 1), 4)], as_of="2011-06-30"
    ).verdict("t")
    assert found.status is g.Status.AT_RISK
    over = g.evaluate(
        _plan(target), [_incidents(g.Period.half(2011, 1), 12)], as_of="2011-06-30"
    ).verdict("t")
    assert over.status is g.Status.MISSED


def test_a_flow_indicator_is_cumulative_without_saying_so() -> None:
    flow = g.Indicator(id="incidents", name="安全事故", unit=CASES, aggregation="sum")
    target = g.Target(id="t", indicator_id="incidents", comparator="zero", period=YEAR)
    months = [_incidents(g.Period.month(2011, 2), 1, "feb")]
    found = g.evaluate(_plan(target, indicators=(flow,)), months, as_of="2011-03-31").verdict("t")
    assert found.status is g.Status.MISSED


def _statuses(
    plan: g.Plan, observations: list[g.Observation], rules: Any = None
) -> list[dict[str, g.Status]]:
    runs = []
    for as_of in DAYS:
        evaluation = g.evaluate(plan, observations, as_of=as_of, rules=rules)
        runs.append({v.subject: v.status for v in evaluation})
    return runs


def _assert_monotone(runs: list[dict[str, g.Status]]) -> None:
    for earlier, later in pairwise(runs):
        for subject, status in earlier.items():
            if status in FINAL and subject in later:
                assert later[subject] not in UNDECIDED, (subject, status, later[subject])


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=10**7))
def test_law_a_later_day_never_undoes_a_final_verdict_on_generated_plans(index: int) -> None:
    plan, observations, settings_ = build(generate(index))
    rules = g.RuleSet(rules=("targets",)).configure(
        "targets", basically_met=settings_.basically_met
    )
    _assert_monotone(_statuses(plan, observations, rules))


_MONTHS = st.dictionaries(
    st.tuples(st.sampled_from(["bureau", "a", "b"]), st.integers(1, 12)),
    st.integers(0, 6),
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(
    months=_MONTHS,
    comparator=st.sampled_from(["at_least", "at_most", "zero", "between", "equal"]),
    threshold=st.integers(0, 20),
    aggregation=st.sampled_from(["sum", "none"]),
    cumulative=st.booleans(),
)
def test_law_a_later_day_never_undoes_a_final_verdict_with_roll_up(
    months: dict[tuple[str, int], int],
    comparator: str,
    threshold: int,
    aggregation: str,
    cumulative: bool,
) -> None:
    flow = g.Indicator(
        id="incidents", name="事故", unit=CASES, direction="lower", aggregation=aggregation
    )
    target = g.Target(
        id="t",
        indicator_id="incidents",
        comparator=comparator,
        value=None if comparator == "zero" else g.Quantity.of(threshold, CASES),
        upper=g.Quantity.of(threshold + 5, CASES) if comparator == "between" else None,
        period=YEAR,
        cumulative=cumulative,
        for_each="scope" if threshold % 2 else None,
    )
    observations = [
        g.Observation(
            indicator_id="incidents",
            period=g.Period.month(2011, month),
            scope=scope,
            value=g.Quantity.of(count, CASES),
        )
        for (scope, month), count in months.items()
    ]
    _assert_monotone(_statuses(_plan(target, indicators=(flow,)), observations))
