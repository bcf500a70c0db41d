"""Roll-up on the query engines gives the python engine's verdicts.

Hypothesis generates organisation trees (two or three levels), indicators
that aggregate (sum, last, ratio) or not, templates over sub-units, monthly
and yearly results with gaps, and as-of days; ``evaluate(engine="duckdb")``
and the DuckDB ledger path must give the same subjects, statuses,
severities, gaps and progress as ``engine="python"``.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import govplan as g
from govplan.engine.check_table import ReasonCode
from tests.executor_cases import outcome
from tests.unmatched_cases import PERSON, write
from tests.unmatched_cases import plan as unmatched_plan
from tests.unmatched_cases import target as unmatched_target

YEAR = g.Period.year(2011)
_UNITS = {"sum": g.parse_unit("万元"), "last": g.parse_unit("人"), "ratio": g.PERCENT}
_CHANGE_UNITS = {"ratio": g.parse_unit("个百分点")}
_SMALLER = {"sum": g.parse_unit("元"), "last": g.parse_unit("万人"), "none": g.parse_unit("元")}


@st.composite
def rolled_cases(draw: st.DrawFn) -> tuple[g.Plan, list[g.Observation], str | None]:
    counties = draw(st.integers(min_value=1, max_value=3))
    organisations = [g.Organisation(id="city", name="市")]
    leaves: list[str] = []
    for c in range(counties):
        organisations.append(g.Organisation(id=f"c{c}", name=f"县{c}", parent_id="city"))
        for s in range(draw(st.integers(min_value=0, max_value=3))):
            organisations.append(
                g.Organisation(id=f"c{c}s{s}", name=f"校{c}{s}", parent_id=f"c{c}")
            )
            leaves.append(f"c{c}s{s}")
            # Sometimes a fourth level: classes below a school.
            for k in range(draw(st.integers(min_value=0, max_value=1))):
                organisations.append(
                    g.Organisation(id=f"c{c}s{s}k{k}", name=f"班{c}{s}{k}", parent_id=f"c{c}s{s}")
                )
    scopes = [o.id for o in organisations]
    aggregation = draw(st.sampled_from(["sum", "last", "ratio", "none"]))
    unit = _UNITS.get(aggregation, g.parse_unit("万元"))
    indicator = g.Indicator(id="x", name="指标", unit=unit, aggregation=aggregation)
    plain = g.Indicator(id="y", name="对照", unit=g.PERCENT)
    threshold = Decimal(draw(st.integers(min_value=1, max_value=200)))
    comparator = draw(st.sampled_from(["at_least", "at_most", "between"]))
    targets = [
        g.Target(
            id="t-city",
            indicator_id="x",
            comparator=comparator,
            value=g.Quantity.of(threshold, unit),
            upper=g.Quantity.of(threshold + 15, unit) if comparator == "between" else None,
            period=YEAR,
            scope="city",
        ),
        g.Target(
            id="t-each",
            indicator_id="x",
            comparator="at_least",
            value=g.Quantity.of(threshold / 4, unit),
            period=YEAR,
            scope="city",
            for_each="scope",
        ),
        g.Target(
            id="t-plain",
            indicator_id="y",
            comparator="at_least",
            value=g.Quantity.of(Decimal(50), g.PERCENT),
            period=YEAR,
            scope="city",
            for_each="scope",
        ),
        # A change (in percentage points for a rate) against the year before: judged on
        # two levels, either of which may disagree with its counts.
        g.Target(
            id="t-change",
            indicator_id="x",
            comparator="at_least",
            basis="change",
            baseline=g.Period.year(2010),
            value=g.Quantity.of(threshold / 10, _CHANGE_UNITS.get(aggregation, unit)),
            period=YEAR,
            scope="city",
            for_each="scope",
        ),
    ]
    observations: list[g.Observation] = []
    yearly_only = draw(st.booleans())
    for scope in draw(st.lists(st.sampled_from(scopes), max_size=8)):
        monthly = not yearly_only and draw(st.booleans())
        year = draw(st.sampled_from([YEAR, YEAR, g.Period.year(2010)]))
        period = g.Period.month(2011, draw(st.integers(1, 12))) if monthly else year
        amount = Decimal(draw(st.integers(min_value=0, max_value=150)))
        if aggregation == "ratio":
            # Most quotients of counts have no six-place form (41/53): 3, 7, 53, 97.
            # 0: a sub-unit with none to count (0 of 0), whose rate is no rate.
            bottom = draw(st.sampled_from([1, 2, 4, 5, 8, 10, 20, 25, 40, 3, 7, 53, 97, 0]))
            top = draw(st.integers(min_value=0, max_value=bottom))
            # A rate stated beside its counts: agreeing, disagreeing, or none.
            stated = draw(st.sampled_from([None, top * 100 // max(bottom, 1), 100 - top]))
            # A stated rate sometimes in ‰: its counts are compared in ‰.
            permille = draw(st.booleans())
            value = None
            if stated is not None:
                value = (
                    g.Quantity.of(Decimal(stated) * 10, g.parse_unit("‰"))
                    if permille
                    else g.Quantity.of(Decimal(stated), unit)
                )
            observations.append(
                g.Observation(
                    indicator_id="x",
                    period=period,
                    scope=scope,
                    value=value,
                    numerator=g.Quantity.of(top, g.parse_unit("人")),
                    denominator=g.Quantity.of(bottom, g.parse_unit("人")),
                )
            )
        else:
            # Sometimes in another unit: converting exactly (元, 万人), or with no six-place
            # form in the indicator's unit (0.000001元 is 10^-10 万元).  (A value of another
            # dimension: see test_a_value_of_another_dimension_blocks_the_sum.)
            written = draw(st.sampled_from(["own", "own", "scaled", "tiny"]))
            value = g.Quantity.of(amount, unit)
            if written == "scaled":
                smaller = _SMALLER[aggregation]
                factor = unit.factor / smaller.factor
                scaled = amount * factor.numerator / factor.denominator
                value = g.Quantity.of(scaled + Decimal("0.5"), smaller)
            elif written == "tiny":
                value = g.Quantity.of(Decimal("0.000001"), _SMALLER[aggregation])
            observations.append(
                g.Observation(indicator_id="x", period=period, scope=scope, value=value)
            )
        observations.append(
            g.Observation(
                indicator_id="y",
                period=YEAR,
                scope=scope,
                value=g.Quantity.of(Decimal(draw(st.integers(0, 100))), g.PERCENT),
            )
        )
    plan = g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="city",
        indicators=(indicator, plain),
        organisations=tuple(organisations),
        sections=(
            g.Section(
                id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=tuple(targets)),)
            ),
        ),
    )
    as_of = draw(st.sampled_from([None, "2011-06-30", "2012-01-31"]))
    # A yearly result comes with the year before (the change target's baseline):
    # a query row judged without a baseline is worded apart from the roll-up.
    before = g.Period.year(2010)
    for o in list(observations):
        if o.indicator_id == "x" and o.period.kind is g.PeriodKind.YEAR:
            observations.append(attrs.evolve(o, period=before if o.period == YEAR else YEAR))
    # One value per cell: two different values for one cell are refused.
    cells = {(o.indicator_id, o.scope, o.period): o for o in observations}
    # Ids, so that every verdict's refs name the results it used.
    named = [attrs.evolve(o, id=f"o{n}") for n, o in enumerate(cells.values())]
    return plan, named, as_of


def _same(expected: g.Evaluation, found: Any) -> None:
    assert outcome(list(found)) == outcome(expected.verdicts)
    assert [v.reason for v in found] == [v.reason for v in expected.verdicts]
    assert found.counts() == expected.counts()
    assert found.passes == expected.passes


def _worded_alike(expected: g.Evaluation, found: Any) -> None:
    """The same refs, and the same sentences in both languages, verdict by verdict."""
    for mine, theirs in zip(found, expected.verdicts, strict=True):
        assert mine.refs == theirs.refs, mine.subject
        assert mine.explain("zh") == theirs.explain("zh")
        assert mine.explain("en") == theirs.explain("en")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=rolled_cases())
def test_roll_up_on_duckdb_gives_the_python_verdicts(
    drawn: tuple[g.Plan, list[g.Observation], str | None],
) -> None:
    plan, observations, as_of = drawn
    expected = g.evaluate(plan, observations, as_of=as_of)
    found = g.evaluate(plan, observations, as_of=as_of, engine="duckdb")
    _same(expected, found)
    _worded_alike(expected, found)
    tiny = Decimal("0.000001")
    if all(
        o.period.kind is g.PeriodKind.YEAR and (o.value is None or o.value.value != tiny)
        for o in observations
    ):
        # A roll-up over sub-units runs in the query: rates without a six-place form,
        # values in another unit too.
        assert not found.local


def _ledger(path: Path, observations: list[g.Observation]) -> None:
    lines = ["指标,填报单位,期间,数值,分子,分母"]
    for o in observations:
        value = "" if o.value is None else str(o.value.value)
        top = "" if o.numerator is None else str(o.numerator.value)
        bottom = "" if o.denominator is None else str(o.denominator.value)
        lines.append(f"{o.indicator_id},{o.scope},{o.period},{value},{top},{bottom}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=rolled_cases())
def test_roll_up_from_a_ledger_on_duckdb_gives_the_python_verdicts(
    drawn: tuple[g.Plan, list[g.Observation], str | None], tmp_path_factory: Any
) -> None:
    plan, observations, as_of = drawn
    if not observations:
        return
    path = tmp_path_factory.mktemp("rolled") / "ledger.csv"
    _ledger(path, observations)
    expected = g.evaluate_ledgers(plan, [path], engine="python", as_of=as_of)
    assert isinstance(expected, g.Evaluation)
    found = g.evaluate_ledgers(plan, [path], engine="duckdb", as_of=as_of)
    _same(expected, found)


def test_the_roll_up_runs_in_the_query_and_says_what_was_derived() -> None:
    plan, observations, as_of = _fixed()
    expected = g.evaluate(plan, observations, as_of=as_of)
    found = g.evaluate(plan, observations, as_of=as_of, engine="duckdb")
    assert not found.local  # nothing ran in process
    assert found.source is not None
    _same(expected, found)
    city = found.verdict("t-city")
    assert city.reason == ReasonCode.DERIVED
    assert city.explain("zh") == expected.verdict("t-city").explain("zh")
    assert "由下级单位的2条数据汇总" in city.explain("zh")
    assert "rolled up from 2 sub-unit results" in city.explain("en")


def _reasons(plan: g.Plan, observations: list[g.Observation]) -> list[tuple[str, int, str]]:
    expected = g.evaluate(plan, observations)
    found = g.evaluate(plan, observations, engine="duckdb")
    assert not found.local
    _same(expected, found)
    for mine, theirs in zip(found, expected.verdicts, strict=True):
        assert mine.refs == theirs.refs
        assert mine.explain("zh") == theirs.explain("zh")
        assert mine.explain("en") == theirs.explain("en")
    return [(v.subject, v.reason, v.explain("en")) for v in found]


def test_a_partial_sum_is_a_lower_bound_naming_the_missing_sub_unit() -> None:
    plan, observations, _ = _fixed()
    found = _reasons(plan, observations[:1])
    city = next(r for r in found if r[0] == "t-city")
    assert city[1] == ReasonCode.DERIVED
    assert "乙县 missing, so a lower bound" in city[2]


def test_a_rate_without_counts_is_not_derivable_naming_the_sub_unit() -> None:
    plan, observations = _rates(
        [("a", 45, 50, None), ("b", None, None, Decimal(90))],
    )
    found = _reasons(plan, observations)
    assert found[0][1] == ReasonCode.NOT_DERIVABLE_FAILS  # a binding target past its day
    assert "乙县 give a rate without its counts" in found[0][2]


def test_counts_give_the_rate_and_a_stated_rate_that_disagrees_is_inconsistent() -> None:
    plan, observations = _rates([("a", 45, 50, None), ("b", 40, 50, None)])
    found = _reasons(plan, observations)
    assert found[0][1] == ReasonCode.DERIVED  # (45 + 40) / (50 + 50) = 85%
    plan, observations = _rates([("a", 45, 50, Decimal(96)), ("b", 40, 50, None)])
    found = _reasons(plan, observations)
    assert found[0][1] == ReasonCode.COUNTS_DISAGREE


@pytest.mark.parametrize(
    "rows",
    [
        [("a", 3, 0, Decimal(96)), ("b", 40, 50, None)],  # 3 of 0, stated 96%
        [("a", 0, 0, None), ("b", 40, 50, None)],  # 0 of 0: no rate
        [("a", 45, 50, None), ("b", 0, 0, Decimal(80))],
    ],
)
def test_a_zero_denominator_gives_the_python_verdicts_not_a_division_error(
    rows: list[tuple[str, int | None, int | None, Decimal | None]],
) -> None:
    plan, observations = _rates(rows)
    _reasons(plan, observations)  # was DuckDB's "Division by zero" from the query


def _rates(
    rows: list[tuple[str, int | None, int | None, Decimal | None]],
) -> tuple[g.Plan, list[g.Observation]]:
    people = g.parse_unit("人")
    organisations = (
        g.Organisation(id="city", name="市"),
        g.Organisation(id="a", name="甲县", parent_id="city"),
        g.Organisation(id="b", name="乙县", parent_id="city"),
    )
    indicator = g.Indicator(id="r", name="达标率", unit=g.PERCENT, aggregation="ratio")
    target = g.Target(
        id="t-rate",
        indicator_id="r",
        comparator="at_least",
        value=g.Quantity.of(80, g.PERCENT),
        period=YEAR,
        scope="city",
        commitment="ensure",
    )
    plan = g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="city",
        indicators=(indicator,),
        organisations=organisations,
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=(target,)),)),
        ),
    )
    observations = [
        g.Observation(
            id=f"r-{scope}",
            indicator_id="r",
            period=YEAR,
            scope=scope,
            value=None if value is None else g.Quantity.of(value, g.PERCENT),
            numerator=None if top is None else g.Quantity.of(top, people),
            denominator=None if bottom is None else g.Quantity.of(bottom, people),
        )
        for scope, top, bottom, value in rows
    ]
    return plan, observations


def _fixed() -> tuple[g.Plan, list[g.Observation], str | None]:
    money = g.parse_unit("万元")
    organisations = (
        g.Organisation(id="city", name="市"),
        g.Organisation(id="a", name="甲县", parent_id="city"),
        g.Organisation(id="b", name="乙县", parent_id="city"),
    )
    indicator = g.Indicator(id="x", name="投入", unit=money, aggregation="sum")
    plain = g.Indicator(id="y", name="对照", unit=g.PERCENT)
    targets = (
        g.Target(
            id="t-plain",
            indicator_id="y",
            comparator="at_least",
            value=g.Quantity.of(50, g.PERCENT),
            period=YEAR,
            scope="city",
            for_each="scope",
        ),
        g.Target(
            id="t-city",
            indicator_id="x",
            comparator="at_least",
            value=g.Quantity.of(100, money),
            period=YEAR,
            scope="city",
        ),
    )
    plan = g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="city",
        indicators=(indicator, plain),
        organisations=organisations,
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=targets),)),
        ),
    )
    observations = [
        g.Observation(indicator_id="x", period=YEAR, scope="a", value=g.Quantity.of(60, money)),
        g.Observation(indicator_id="x", period=YEAR, scope="b", value=g.Quantity.of(50, money)),
        g.Observation(indicator_id="y", period=YEAR, scope="a", value=g.Quantity.of(40, g.PERCENT)),
    ]
    return plan, observations, None


@pytest.fixture(scope="module")
def spark() -> Any:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 or later on PATH (java -version)")
    pytest.importorskip("pyspark", reason="Spark tests need pyspark: pip install 'govplan[spark]'")
    from govplan.engine.executors.spark import spark_session

    session = spark_session(master="local[2]")
    yield session
    session.stop()


@pytest.mark.spark
def test_the_roll_up_on_spark_gives_the_python_verdicts(spark: Any) -> None:
    # One fixed case (Spark plans each relation in seconds): a sum over sub-units,
    # and a rate from counts, one of them disagreeing with its stated rate.
    plan, observations, _ = _fixed()
    rates, counted = _rates([("a", 45, 50, Decimal(96)), ("b", 40, 50, None)])
    goal = plan.sections[0].goals[0]
    goal = attrs.evolve(goal, targets=(*goal.targets, *rates.sections[0].goals[0].targets))
    plan = attrs.evolve(
        plan,
        indicators=(*plan.indicators, *rates.indicators),
        sections=(attrs.evolve(plan.sections[0], goals=(goal,)),),
    )
    observations = observations + counted
    expected = g.evaluate(plan, observations)
    found = g.evaluate_columns(plan, observations, engine="spark", spark=spark)
    assert not found.local
    _same(expected, found)
    assert {v.reason for v in found} >= {ReasonCode.DERIVED, ReasonCode.COUNTS_DISAGREE}
    assert [v.explain("en") for v in found] == [v.explain("en") for v in expected]
    # A rate with no six-place form (41/53), measured exactly in the query.
    plan, observations = _rates([("a", 1, 3, None), ("b", 40, 50, None)])
    expected = g.evaluate(plan, observations)
    found = g.evaluate_columns(plan, observations, engine="spark", spark=spark)
    assert not found.local
    _same(expected, found)
    _worded_alike(expected, found)


def test_a_roll_up_over_months_runs_in_process_beside_the_query() -> None:
    plan, observations, _ = _fixed()
    money = g.parse_unit("万元")
    monthly = [
        g.Observation(
            indicator_id="x",
            period=g.Period.month(2011, m),
            scope="a",
            value=g.Quantity.of(5, money),
        )
        for m in range(1, 13)
    ]
    observations = [o for o in observations if o.scope != "a" or o.indicator_id != "x"]
    expected = g.evaluate(plan, observations + monthly)
    found = g.evaluate(plan, observations + monthly, engine="duckdb")
    assert [v.subject for _, v in found.local] == ["t-city"]  # sub-periods: in process
    _same(expected, found)


def test_a_rate_without_six_exact_decimals_is_judged_exactly_in_the_query() -> None:
    # 41/53 of 100% = 77.358490566…%: met or missed as the exact quotient is, its
    # gap and progress rounded as the in-process engine rounds them.
    plan, observations = _rates([("a", 1, 3, None), ("b", 40, 50, None)])
    found = _reasons(plan, observations)
    assert found[0][1] == ReasonCode.DERIVED
    assert "observed 77.36%" in found[0][2]
    verdict = g.evaluate(plan, observations, engine="duckdb").verdict("t-rate")
    assert verdict.gap == g.Quantity.of(Decimal("-2.6415"), g.parse_unit("个百分点"))
    assert verdict.progress == Decimal("0.9670")


@pytest.mark.parametrize("threshold", ["77.358490", "77.358491"])
def test_a_rate_without_six_exact_decimals_beside_a_threshold_at_its_neighbours(
    threshold: str,
) -> None:
    # The quotient lies strictly between 77.358490 and 77.358491: at least the
    # lower is met, at least the upper is missed; the gap is never a made-up 0.
    plan, observations = _rates([("a", 1, 3, None), ("b", 40, 50, None)])
    plan = _with_target(plan, value=g.Quantity.of(Decimal(threshold), g.PERCENT))
    expected = g.evaluate(plan, observations)
    found = g.evaluate(plan, observations, engine="duckdb")
    assert not found.local
    _same(expected, found)
    _worded_alike(expected, found)
    assert found.verdict("t-rate").status is (
        g.Status.MET if threshold.endswith("0") else g.Status.MISSED
    )


def test_a_rate_from_one_rows_counts_without_six_exact_decimals_in_the_query() -> None:
    plan, observations = _rates([("a", 41, 53, None), ("b", 40, 50, None)])
    plan = _with_target(plan, scope="a")
    expected = g.evaluate(plan, observations)
    found = g.evaluate(plan, observations, engine="duckdb")
    assert not found.local
    _same(expected, found)
    _worded_alike(expected, found)
    assert found.verdict("t-rate").reason == ReasonCode.DERIVED


@pytest.mark.parametrize(
    ("change", "local"),
    [
        ({"value": g.Quantity.of(800, g.parse_unit("‰"))}, True),  # another unit
        ({"tolerance": Decimal("0.9")}, True),  # basically met: a share of the exact value
        ({"comparator": "at_most"}, False),
        ({"comparator": "between", "upper": g.Quantity.of(90, g.PERCENT)}, False),
    ],
)
def test_which_level_checks_of_a_rate_without_six_places_stay_in_process(
    change: dict[str, Any], local: bool
) -> None:
    plan, observations = _rates([("a", 1, 3, None), ("b", 40, 49, None)])
    plan = _with_target(plan, **change)
    expected = g.evaluate(plan, observations)
    found = g.evaluate(plan, observations, engine="duckdb")
    assert bool(found.local) is local
    _same(expected, found)
    _worded_alike(expected, found)


def test_a_value_of_another_dimension_blocks_the_sum() -> None:
    # 5人 under an amount in 万元 adds to nothing: the county's sum is not derivable.
    plan, observations, _ = _fixed()
    people = g.parse_unit("人")
    observations = [
        observations[0],
        g.Observation(indicator_id="x", period=YEAR, scope="b", value=g.Quantity.of(5, people)),
    ]
    plan = attrs.evolve(plan, sections=(_only_city(plan.sections[0]),))
    found = _reasons(plan, observations)
    assert found[0][1] == ReasonCode.NOT_DERIVABLE


def test_values_in_other_units_add_up_in_the_indicators_unit() -> None:
    # 600000元 + 50万元 = 110万元, exactly, in the query.
    plan, observations, _ = _fixed()
    yuan = g.parse_unit("元")
    observations = [
        g.Observation(indicator_id="x", period=YEAR, scope="a", value=g.Quantity.of(600000, yuan)),
        *observations[1:],
    ]
    found = _reasons(plan, observations)
    city = next(r for r in found if r[0] == "t-city")
    assert city[1] == ReasonCode.DERIVED
    assert "observed 1.1 million yuan" in city[2]


@pytest.mark.parametrize("basis", ["change", "growth"])
def test_a_baseline_at_odds_with_its_counts_makes_a_change_inconsistent_in_the_query(
    basis: str,
) -> None:
    # 2010: 96% stated, 45/50 = 90% counted: a change or growth over 2010 is inconsistent.
    plan, observations = _rates([("a", 45, 50, Decimal(96)), ("b", 40, 50, None)])
    before = [attrs.evolve(o, id=f"{o.id}-2010", period=g.Period.year(2010)) for o in observations]
    now = _rates([("a", 46, 50, None), ("b", 41, 50, None)])[1]
    unit = g.parse_unit("个百分点") if basis == "change" else g.PERCENT
    plan = _with_target(
        plan, basis=basis, baseline=g.Period.year(2010), value=g.Quantity.of(1, unit)
    )
    expected = g.evaluate(plan, before + now)
    found = g.evaluate(plan, before + now, engine="duckdb")
    assert not found.local
    _same(expected, found)
    assert found.verdict("t-rate").reason == ReasonCode.COUNTS_DISAGREE


def _only_city(section: g.Section) -> g.Section:
    goal = section.goals[0]
    kept = tuple(t for t in goal.targets if t.id == "t-city")
    return attrs.evolve(section, goals=(attrs.evolve(goal, targets=kept),))


def _with_target(plan: g.Plan, **change: Any) -> g.Plan:
    goal = plan.sections[0].goals[0]
    target = attrs.evolve(goal.targets[0], **change)
    goal = attrs.evolve(goal, targets=(target,))
    return attrs.evolve(plan, sections=(attrs.evolve(plan.sections[0], goals=(goal,)),))


_SCHOOL_TEMPLATE = unmatched_plan(
    [unmatched_target(0, "pupils", "2010"), unmatched_target(1, "pupils", "2010", "s1", "scope")]
)
"""A level target of the bureau on pupils (which sum) beside a template over 一中's sub-units.

一中 has none: the bureau's sum, derived for t0, is no sub-unit of 一中 and
answers t0 alone (once a verdict ``t1@bureau`` in process, none in the query).
"""


def test_a_template_over_a_school_gives_no_verdict_for_the_bureau_its_sum_was_derived_for(
    tmp_path: Path,
) -> None:
    ledger = write(tmp_path / "台账.csv", [("pupils", "s1", "2010", "0")])
    expected = g.evaluate_ledgers(_SCHOOL_TEMPLATE, [ledger], engine="python")
    assert isinstance(expected, g.Evaluation)
    found = g.evaluate_ledgers(_SCHOOL_TEMPLATE, [ledger], engine="duckdb")
    _same(expected, found)
    _worded_alike(expected, found)
    assert [v.subject for v in found] == ["t0"]
    assert found.verdict("t0").reason == ReasonCode.DERIVED
    row = g.Observation(
        indicator_id="pupils",
        scope="s1",
        period=g.Period.year(2010),
        value=g.Quantity.of(0, PERSON),
    )
    expected = g.evaluate(_SCHOOL_TEMPLATE, [row])
    found = g.evaluate(_SCHOOL_TEMPLATE, [row], engine="duckdb")
    _same(expected, found)
    _worded_alike(expected, found)
    assert [v.subject for v in expected.verdicts] == ["t0"]


def test_a_template_over_a_school_gives_no_verdict_for_a_result_of_the_issuer() -> None:
    # The issuer's own result, named by its id: no sub-unit of 一中 either.
    plan = unmatched_plan([unmatched_target(1, "each", "2011", "s1", "scope")])
    row = g.Observation(
        indicator_id="each", scope="bureau", period=YEAR, value=g.Quantity.of(5, g.PERCENT)
    )
    expected = g.evaluate(plan, [row])
    found = g.evaluate(plan, [row], engine="duckdb")
    _same(expected, found)
    assert expected.verdicts == ()
