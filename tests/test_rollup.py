"""Roll-up over the organisation tree and over time (DESIGN §6).

A target on a unit with no observation of its own is checked against a value
derived from its sub-units' or sub-periods' observations, as the indicator's
aggregation says; partial coverage gives a lower bound.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import ReasonCode

PERSON = g.parse_unit("人")
WAN = g.parse_unit("万元")
YEAR = g.Period.year(2011)
ORGS = (
    g.Organisation(id="bureau", name="教育局"),
    g.Organisation(id="a", name="学校A", parent_id="bureau"),
    g.Organisation(id="b", name="学校B", parent_id="bureau"),
)
RATE = g.Indicator(id="rate", name="合格率", unit=g.PERCENT, aggregation="ratio")
MONEY = g.Indicator(id="money", name="投入", unit=WAN, aggregation="sum")


def _plan(target: g.Target, *indicators: g.Indicator) -> g.Plan:
    goal = g.Goal(id="g", title="任务", targets=(target,))
    return g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="bureau",
        indicators=indicators,
        organisations=ORGS,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _at_least(indicator: g.Indicator, value: int | str) -> g.Target:
    return g.Target(
        id="t",
        indicator_id=indicator.id,
        comparator="at_least",
        value=g.Quantity.of(Decimal(value), indicator.unit),
        period=YEAR,
    )


def _counted(scope: str, top: int, bottom: int, **more: object) -> g.Observation:
    return g.Observation(
        id=f"o-{scope}",
        indicator_id="rate",
        period=YEAR,
        scope=scope,
        numerator=g.Quantity.of(top, PERSON),
        denominator=g.Quantity.of(bottom, PERSON),
        **more,  # type: ignore[arg-type]
    )


def test_a_bureau_rate_is_the_sum_of_counts_not_the_mean_of_rates() -> None:
    # 99 of 100 and 5 of 10: 104/110 = 94.5 %, missed (the mean of rates would be 74.5 %).
    observations = [
        _counted("a", 99, 100, value=g.Quantity.of(99, g.PERCENT)),
        _counted("b", 5, 10),
    ]
    verdict = g.evaluate(_plan(_at_least(RATE, 95), RATE), observations).verdict("t")
    assert verdict.status is g.Status.MISSED
    assert verdict.reason is ReasonCode.DERIVED
    assert verdict.refs == ("o-a", "o-b")
    assert verdict.observed is not None
    assert verdict.observed.value == Decimal("94.5455")
    assert "由下级单位的2条数据汇总" in verdict.explain("zh")
    assert "rolled up from 2 sub-unit results" in verdict.explain("en")


def test_a_sub_unit_rate_without_counts_makes_the_rate_underivable() -> None:
    observations = [
        _counted("a", 99, 100),
        g.Observation(
            indicator_id="rate", period=YEAR, scope="b", value=g.Quantity.of(50, g.PERCENT)
        ),
    ]
    verdict = g.evaluate(_plan(_at_least(RATE, 95), RATE), observations).verdict("t")
    assert verdict.status is g.Status.NO_DATA
    assert verdict.reason in (ReasonCode.NOT_DERIVABLE, ReasonCode.NOT_DERIVABLE_FAILS)
    assert "学校B只有比率而无分子分母" in verdict.explain("zh")
    assert "学校B give a rate without its counts" in verdict.explain("en")


def test_counts_without_a_value_give_the_value() -> None:
    observation = g.Observation(
        id="o",
        indicator_id="rate",
        period=YEAR,
        numerator=g.Quantity.of(96, PERSON),
        denominator=g.Quantity.of(100, PERSON),
    )
    verdict = g.evaluate(_plan(_at_least(RATE, 95), RATE), [observation]).verdict("t")
    assert verdict.status is g.Status.MET
    assert verdict.reason is ReasonCode.DERIVED
    assert verdict.refs == ("o",)
    assert "由分子分母算得" in verdict.explain("zh")


def test_counts_without_a_value_give_the_value_even_when_the_indicator_does_not_roll_up() -> None:
    plain = g.Indicator(id="rate", name="合格率", unit=g.PERCENT)
    observation = _counted("bureau", 96, 100)
    verdict = g.evaluate(_plan(_at_least(plain, 95), plain), [observation]).verdict("t")
    assert verdict.status is g.Status.MET


def test_a_stated_value_that_disagrees_with_its_counts_is_inconsistent() -> None:
    plain = g.Indicator(id="rate", name="合格率", unit=g.PERCENT)
    observation = _counted("bureau", 90, 100, value=g.Quantity.of(96, g.PERCENT))
    verdict = g.evaluate(_plan(_at_least(plain, 95), plain), [observation]).verdict("t")
    assert verdict.status is g.Status.INCONSISTENT
    assert verdict.reason is ReasonCode.COUNTS_DISAGREE
    assert verdict.severity is g.Severity.FAILURE  # a plain target is binding
    assert "填报值96%与其分子分母算得的90%不符" in verdict.explain("zh")
    assert "disagrees with the 90%" in verdict.explain("en")


def test_a_stated_value_within_its_precision_of_its_counts_is_consistent() -> None:
    # 1718 / 3397 = 50.574…% agrees with a stated 50.6%.
    observation = _counted("bureau", 1718, 3397, value=g.Quantity.of(Decimal("50.6"), g.PERCENT))
    verdict = g.evaluate(_plan(_at_least(RATE, 50), RATE), [observation]).verdict("t")
    assert verdict.status is g.Status.MET
    assert verdict.reason is ReasonCode.COMPARED


def _money(scope: str | None, period: g.Period, value: int | str, oid: str) -> g.Observation:
    return g.Observation(
        id=oid, indicator_id="money", period=period, scope=scope, value=g.Quantity.of(value, WAN)
    )


def test_a_missing_sub_unit_leaves_a_lower_bound() -> None:
    ceiling = g.Target(
        id="t",
        indicator_id="money",
        comparator="at_most",
        value=g.Quantity.of(15, WAN),
        period=YEAR,
    )
    plan = _plan(ceiling, MONEY)
    over = g.evaluate(plan, [_money("a", YEAR, 20, "oa")]).verdict("t")
    assert over.status is g.Status.MISSED  # at least 20 > 15, whatever B spent
    assert "缺学校B" in over.explain("zh")
    under = g.evaluate(plan, [_money("a", YEAR, 10, "oa")]).verdict("t")
    assert under.status is g.Status.INDETERMINATE  # at least 10: maybe within 15


def test_months_of_a_flow_add_up_to_the_year() -> None:
    months = [_money(None, g.Period.month(2011, m), 10, f"m{m}") for m in range(1, 13)]
    verdict = g.evaluate(_plan(_at_least(MONEY, 120), MONEY), months).verdict("t")
    assert verdict.status is g.Status.MET
    assert verdict.reason is ReasonCode.DERIVED
    assert verdict.observed == g.Quantity.of(120, WAN)
    assert len(verdict.refs) == 12


def test_nothing_is_derived_unless_the_indicator_says_how() -> None:
    plain = g.Indicator(id="money", name="投入", unit=WAN)
    months = [_money(None, g.Period.month(2011, m), 10, f"m{m}") for m in range(1, 13)]
    verdict = g.evaluate(_plan(_at_least(plain, 120), plain), months).verdict("t")
    assert verdict.status is g.Status.NO_DATA


def test_a_stock_takes_the_value_at_the_period_end() -> None:
    stock = g.Indicator(id="money", name="在编教师", unit=WAN, aggregation="last")
    rows = [
        _money(None, g.Period.half(2011, 1), 200, "h1"),
        _money(None, g.Period.half(2011, 2), 90, "h2"),
    ]
    verdict = g.evaluate(_plan(_at_least(stock, 100), stock), rows).verdict("t")
    assert verdict.status is g.Status.MISSED  # 90 at year end, not 290
    assert verdict.refs == ("h2",)


def test_an_own_observation_wins_over_a_derived_value() -> None:
    rows = [_money("a", YEAR, 80, "oa"), _money("b", YEAR, 80, "ob"), _money(None, YEAR, 50, "own")]
    verdict = g.evaluate(_plan(_at_least(MONEY, 100), MONEY), rows).verdict("t")
    assert verdict.status is g.Status.MISSED
    assert verdict.reason is ReasonCode.COMPARED
    assert verdict.refs == ("own",)


def test_schools_months_roll_up_to_the_bureau_year() -> None:
    rows = [
        _money(school, g.Period.quarter(2011, q), 10, f"{school}{q}")
        for school in ("a", "b")
        for q in range(1, 5)
    ]
    verdict = g.evaluate(_plan(_at_least(MONEY, 80), MONEY), rows).verdict("t")
    assert verdict.status is g.Status.MET
    assert verdict.observed == g.Quantity.of(80, WAN)
    assert len(verdict.refs) == 8


def test_aggregation_reads_from_files() -> None:
    converter = g.make_converter()
    data = {"id": "x", "name": "人数", "unit": "人", "aggregation": "sum"}
    indicator = converter.structure(data, g.Indicator)
    assert indicator.aggregation is g.Aggregation.SUM
    assert converter.unstructure(indicator)["aggregation"] == "sum"
    assert g.Indicator(id="y", name="率", unit=g.PERCENT).aggregation is g.Aggregation.NONE
    schema = g.json_schema("indicator")
    assert schema["$defs"]["indicator"]["properties"]["aggregation"] == {
        "enum": ["sum", "last", "ratio", "none"]
    }


_COUNTS = st.tuples(st.integers(0, 500), st.integers(1, 500)).map(lambda pair: (min(pair), pair[1]))


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(st.integers(0, 10**6), min_size=2, max_size=2))
def test_law_roll_up_is_the_sum_of_parts(parts: list[int]) -> None:
    rows = [_money(s, YEAR, v, f"o{s}") for s, v in zip(("a", "b"), parts, strict=True)]
    total = sum(parts)
    plan = _plan(_at_least(MONEY, total), MONEY)
    verdict = g.evaluate(plan, rows).verdict("t")
    assert verdict.status is g.Status.MET
    assert verdict.observed == g.Quantity.of(total, WAN)
    above = g.evaluate(_plan(_at_least(MONEY, total + 1), MONEY), rows).verdict("t")
    assert above.status is g.Status.MISSED


@settings(max_examples=40, deadline=None)
@given(first=_COUNTS, second=_COUNTS, threshold=st.integers(0, 100))
def test_law_rate_roll_up_is_sum_of_numerators_over_sum_of_denominators(
    first: tuple[int, int], second: tuple[int, int], threshold: int
) -> None:
    rows = [_counted("a", *first), _counted("b", *second)]
    rate = Fraction(first[0] + second[0], first[1] + second[1]) * 100
    verdict = g.evaluate(_plan(_at_least(RATE, threshold), RATE), rows).verdict("t")
    expected = g.Status.MET if rate >= threshold else g.Status.MISSED
    assert verdict.status is expected, (rate, threshold)


@settings(max_examples=15, deadline=None)
@given(
    parts=st.dictionaries(
        st.tuples(st.sampled_from(["bureau", "a", "b"]), st.integers(1, 4)),
        _COUNTS,
        max_size=8,
    ),
    threshold=st.integers(0, 100),
    as_of=st.sampled_from(["2011-06-30", "2011-12-31", None]),
)
def test_duckdb_sees_the_derived_rows_too(
    parts: dict[tuple[str, int], tuple[int, int]], threshold: int, as_of: str | None
) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    rows = [
        g.Observation(
            indicator_id="rate",
            period=g.Period.quarter(2011, quarter),
            scope=scope,
            numerator=g.Quantity.of(top, PERSON),
            denominator=g.Quantity.of(bottom, PERSON),
        )
        for (scope, quarter), (top, bottom) in parts.items()
    ]
    plan = _plan(_at_least(RATE, threshold), RATE)
    expected = g.evaluate(plan, rows, as_of=as_of)
    found = g.evaluate_columns(plan, rows, as_of=as_of, engine="duckdb")
    # Statuses and severities; a quotient without a finite decimal form reaches
    # the query executors as a 6-place enclosure, so its shown gap may differ.
    assert [(v.subject, v.status, v.severity) for v in found] == [
        (v.subject, v.status, v.severity) for v in expected
    ]


def test_a_row_without_a_value_is_missing_not_a_blocked_part() -> None:
    rows = [
        _money("a", YEAR, 80, "oa"),
        g.Observation(id="ob", indicator_id="money", period=YEAR, scope="b"),
        g.Observation(id="own", indicator_id="money", period=YEAR),
    ]
    verdict = g.evaluate(_plan(_at_least(MONEY, 50), MONEY), rows).verdict("t")
    # The bureau's empty row does not hide its schools; B's empty row is missing.
    assert verdict.status is g.Status.MET
    assert verdict.reason is ReasonCode.DERIVED
    assert "缺学校B" in verdict.explain("zh")


def test_a_change_between_two_partial_sums_is_indeterminate_and_says_it_is_unknown() -> None:
    # 甲县 alone in both years: each year's total is a lower bound, so the change is
    # unbounded both ways — shown as unknown, never a crash or a made-up number.
    year, before = g.Period.year(2011), g.Period.year(2010)
    schools = g.parse_unit("所")
    organisations = (
        g.Organisation(id="city", name="全市"),
        g.Organisation(id="a", name="甲县", parent_id="city"),
        g.Organisation(id="b", name="乙县", parent_id="city"),
    )
    target = g.Target(
        id="t",
        indicator_id="x",
        comparator="at_least",
        basis="change",
        baseline=before,
        value=g.Quantity.of(3, schools),
        period=year,
        scope="city",
    )
    plan = g.Plan(
        id="p",
        title="计划",
        period=year,
        issuer="city",
        indicators=(g.Indicator(id="x", name="学校", unit=schools, aggregation="sum"),),
        organisations=organisations,
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=(target,)),)),
        ),
    )
    observations = [
        g.Observation(indicator_id="x", period=p, scope="a", value=g.Quantity.of(n, schools))
        for p, n in ((year, 10), (before, 8))
    ]
    verdict = g.evaluate(plan, observations).verdict("t")
    assert verdict.status is g.Status.INDETERMINATE
    assert verdict.observed is None
    assert verdict.gap is None
    assert "实际10所以上，2010年为8所以上，变化无法确定" in verdict.explain("zh")
    assert "a change of unknown size" in verdict.explain("en")
