"""Shortcuts the engine takes on whole columns are held to the long way round.

Each property below runs one input both ways: with the shortcut the engine
takes on a plain ledger, and with it switched off.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import compile_checks
from govplan.engine.comparisons import Span
from govplan.engine.executors.in_process import _Pass, run_checks
from govplan.engine.executors.row_values import point_growth
from govplan.engine.matching import check_duplicates
from govplan.engine.target_rules import TargetVerdicts
from govplan.engine.value_columns import equal_codes, value_columns

_YEAR = g.Period.year(2011)
_SCOPES = st.none() | st.sampled_from(["u0", "u1", "u2", "u3", "u4", "issuer"])


@settings(max_examples=200)
@given(scopes=st.lists(_SCOPES, max_size=8))
def test_distinct_scopes_is_no_scope_twice_and_none_missing(scopes: list[str | None]) -> None:
    values = g.ValueColumns.of(
        indicator_id=["i"] * len(scopes),
        period=[_YEAR] * len(scopes),
        value=[Decimal(1)] * len(scopes),
        unit=g.PERCENT,
        scope=scopes,
    )
    expected = None not in scopes and len(set(scopes)) == len(scopes)
    assert values.distinct_scopes() is expected
    known = values.knowing_scopes()
    assert known.scopes_distinct is expected
    assert known.distinct_scopes() is expected
    assert known.scope is values.scope  # shared, not copied


def _plan() -> g.Plan:
    target = g.Target(
        id="t",
        indicator_id="i",
        comparator="at_least",
        value=g.Quantity.of(90, g.PERCENT),
        period=_YEAR,
        for_each="scope",
    )
    goal = g.Goal(id="g", title="任务", targets=(target,))
    return g.Plan(
        id="p",
        title="计划",
        period=_YEAR,
        issuer="issuer",
        indicators=(g.Indicator(id="i", name="指标", unit=g.PERCENT),),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _outcome(plan: g.Plan, values: g.ValueColumns) -> object:
    try:
        check_duplicates(values, plan, issuer=plan.issuer)
    except g.ValidationError as error:
        return str(error)
    evaluation = g.evaluate(plan, values, rules=g.RuleSet().only("targets"))
    return [(v.fields(), v.explain("zh"), v.explain("en")) for v in evaluation]


@settings(max_examples=100)
@given(
    rows=st.lists(
        st.tuples(
            _SCOPES,
            st.sampled_from(["i", "other"]),
            st.sampled_from([Decimal(89), Decimal(90), Decimal(95)]),
        ),
        max_size=8,
    )
)
def test_the_distinct_scope_shortcut_changes_no_outcome(
    rows: list[tuple[str | None, str, Decimal]],
) -> None:
    plan = _plan()
    values = g.ValueColumns.of(
        indicator_id=[r[1] for r in rows],
        period=[_YEAR] * len(rows),
        value=[r[2] for r in rows],
        unit=g.PERCENT,
        scope=[r[0] for r in rows],
    )
    shortcut = _outcome(plan, values.knowing_scopes())
    long_way = _outcome(plan, attrs.evolve(values, scopes_distinct=False))
    assert shortcut == long_way


def test_a_conflict_is_still_named_when_scopes_repeat() -> None:
    values = g.ValueColumns.of(
        indicator_id=["i", "i"],
        period=[_YEAR, _YEAR],
        value=[Decimal(90), Decimal(91)],
        unit=g.PERCENT,
        scope=["u0", "u0"],
    )
    assert values.knowing_scopes().scopes_distinct is False
    with pytest.raises(g.ValidationError, match=r"observations\[1\]|row 1"):
        g.evaluate(_plan(), values)


_PERIODS = st.sampled_from([2010, 2011]).map(g.Period.year)  # equal, not identical, objects


@settings(max_examples=200)
@given(column=st.lists(st.none() | _PERIODS, max_size=10))
def test_equal_codes_are_equal_exactly_where_the_values_are(
    column: list[g.Period | None],
) -> None:
    codes = equal_codes(column)
    for first, a in enumerate(column):
        for second, b in enumerate(column):
            assert (codes[first] == codes[second]) is (a == b)


def _first_conflict(values: g.ValueColumns, issuer: str | None) -> tuple[int, int] | None:
    """The duplicate check's meaning, the long way: the first row whose cell an earlier row
    gave a different value (only the target's indicator is checked)."""
    seen: dict[tuple[object, ...], int] = {}
    for row in range(len(values)):
        if values.indicator_id[row] != "i":
            continue
        key = (
            values.indicator_id[row],
            values.scope[row] or issuer,
            values.period[row],
            values.change_from[row],
        )
        first = seen.setdefault(key, row)
        if first != row and values.quantity(first) != values.quantity(row):
            return first, row
    return None


@settings(max_examples=200)
@given(
    rows=st.lists(
        st.tuples(
            _SCOPES,
            st.sampled_from(["i", "other"]),
            _PERIODS,
            st.none() | _PERIODS,
            st.sampled_from([Decimal(89), Decimal(90)]),
        ),
        max_size=8,
    )
)
def test_the_duplicate_check_refuses_exactly_the_conflicting_cells(
    rows: list[tuple[str | None, str, g.Period, g.Period | None, Decimal]],
) -> None:
    values = g.ValueColumns.of(
        indicator_id=[r[1] for r in rows],
        period=[r[2] for r in rows],
        value=[r[4] for r in rows],
        unit=g.PERCENT,
        scope=[r[0] for r in rows],
    )
    values.change_from[:] = [r[3] for r in rows]
    conflict = _first_conflict(values, "issuer")
    for columns in (values, values.knowing_scopes()):
        if conflict is None:
            check_duplicates(columns, _plan(), issuer="issuer")
        else:
            with pytest.raises(g.ValidationError, match=rf"observations\[{conflict[1]}\]"):
                check_duplicates(columns, _plan(), issuer="issuer")


_AMOUNTS = st.decimals(min_value=-5, max_value=500, places=2, allow_nan=False)


@settings(max_examples=300)
@given(now=_AMOUNTS, then=_AMOUNTS)
def test_point_growth_is_the_span_arithmetic(now: Decimal, then: Decimal) -> None:
    ratio = Span(now, now).divide(Span(then, then))
    expected = None if ratio is None else (ratio - Span.point(1)).scale(Fraction(100))
    assert point_growth(now, then) == expected


class _CheckByCheck(_Pass):
    """The executor with every template check taken one at a time by ``check``."""

    def fast_scopes(self, row, scopes, accept):  # type: ignore[no-untyped-def]
        for scope in self.index.level_scopes(row.target.indicator_id):
            if scope != row.scope:
                scopes[scope] = None
        for scope in scopes:
            self.check(row, scope, "", None, accept)

    def final_scopes(self, row, scopes, accept):  # type: ignore[no-untyped-def]
        for scope in scopes:
            self.check(row, scope, "", None, accept)


_BASE, _NOW = g.Period.year(2010), g.Period.year(2011)
_BASES = ("level", "change", "growth", "reference")
_VALUE = st.decimals(min_value=-1, max_value=12, places=1, allow_nan=False)


@st.composite
def _quantities(draw: st.DrawFn) -> g.Quantity | None:
    kind = draw(st.sampled_from(["none", "exact", "exact", "interval"]))
    if kind == "none":
        return None
    low = draw(_VALUE)
    if kind == "exact":
        return g.Quantity.of(low, g.PERCENT)
    width = draw(st.sampled_from([Decimal(0), Decimal(1), Decimal(5)]))
    return g.Quantity(
        low=low,
        high=low + width,  # width 0: a closed point held as two objects
        unit=g.PERCENT,
        low_open=bool(width) and draw(st.booleans()),
        high_open=bool(width) and draw(st.booleans()),
    )


@st.composite
def _general_plans(draw: st.DrawFn) -> tuple[g.Plan, list[g.Observation], str | None]:
    bases = draw(st.lists(st.sampled_from(_BASES), min_size=1, max_size=3))
    targets, indicators = [], []
    for k, basis in enumerate(bases):
        comparator = draw(st.sampled_from(["at_least", "at_most", "more_than", "between"]))
        value = draw(st.integers(min_value=-2, max_value=8))
        unit = g.PERCENT if basis in ("level", "growth") else g.PERCENTAGE_POINT
        targets.append(
            g.Target(
                id=f"t{k}",
                indicator_id=f"i{k}",
                comparator=comparator,
                basis=basis,
                baseline=_BASE if basis in ("change", "growth") else None,
                reference_scope="ref" if basis == "reference" else None,
                value=g.Quantity.of(value, unit),
                upper=g.Quantity.of(value + 3, unit) if comparator == "between" else None,
                period=_NOW,
                for_each="scope",
                commitment=draw(st.sampled_from(["ensure", "strive"])),
            )
        )
        indicators.append(g.Indicator(id=f"i{k}", name=f"指标{k}", unit=g.PERCENT))
    observations = [
        g.Observation(
            indicator_id=f"i{draw(st.integers(0, len(bases) - 1))}",
            scope=draw(st.sampled_from(["u0", "u1", "u2", "ref"])),
            period=period,
            value=draw(_quantities()),
            change_from=_BASE if stated else None,
        )
        for period, stated in draw(
            st.lists(
                st.tuples(st.sampled_from([_BASE, _NOW]), st.just(False)),
                max_size=14,
            )
        )
    ]
    if draw(st.booleans()):
        observations.append(
            g.Observation(
                indicator_id="i0",
                scope="u1",
                period=_NOW,
                change_from=_BASE,
                value=g.Quantity.of(draw(_VALUE), g.PERCENTAGE_POINT),
            )
        )
    # One result per cell (two that differ are refused before any check).
    cells = {(o.indicator_id, o.scope, o.period, o.change_from): o for o in observations}
    goal = g.Goal(id="g", title="任务", targets=tuple(targets))
    plan = g.Plan(
        id="p",
        title="计划",
        period=_NOW,
        indicators=tuple(indicators),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )
    tolerance = draw(st.none() | st.sampled_from(["0.5", "0.9"]))
    return plan, list(cells.values()), tolerance


@settings(max_examples=150)
@given(_general_plans())
def test_template_loops_are_check_by_check(
    case: tuple[g.Plan, list[g.Observation], str | None],
) -> None:
    plan, observations, tolerance = case
    table = compile_checks(plan, basically_met=None if tolerance is None else Decimal(tolerance))
    values = value_columns(observations)
    slow = _CheckByCheck(table, values, None, ()).run()
    fast = run_checks(table, values)
    assert fast.columns() == slow.columns()
    # The exact-level fast path keeps no derived facts (its verdicts read the value row);
    # the column runs rebuild theirs when read: the general path's, fact for fact.
    for position in range(len(fast)):
        found = fast.derived_at(position)
        assert found is None or found == slow.derived_at(position)
    verdicts = [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(fast, None, {})
    ]
    assert verdicts == [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(slow, None, {})
    ]


_SUB_UNITS = ("u0", "u1", "u2", "u3")


@st.composite
def _complete_ledgers(draw: st.DrawFn) -> tuple[g.Plan, list[g.Observation], str | None]:
    """Template targets on a level, a change and a growth, every sub-unit given both years.

    Per indicator: exact values (the column runs take them), values exact or
    intervals (a level run takes them), or any (some missing); a baseline of
    zero or below, a tolerance: the general path takes the row then.
    """
    bases = draw(st.lists(st.sampled_from(["level", "change", "growth"]), min_size=1, max_size=3))
    targets, indicators, observations = [], [], []
    for k, basis in enumerate(bases):
        comparator = draw(st.sampled_from(["at_least", "at_most", "more_than", "between"]))
        value = draw(st.integers(min_value=-2, max_value=8))
        unit = g.PERCENTAGE_POINT if basis == "change" else g.PERCENT
        targets.append(
            g.Target(
                id=f"t{k}",
                indicator_id=f"i{k}",
                comparator=comparator,
                basis=basis,
                baseline=_BASE if basis != "level" else None,
                value=g.Quantity.of(value, unit),
                upper=g.Quantity.of(value + 3, unit) if comparator == "between" else None,
                period=_NOW,
                for_each="scope",
                commitment=draw(st.sampled_from(["ensure", "strive"])),
            )
        )
        indicators.append(g.Indicator(id=f"i{k}", name=f"指标{k}", unit=g.PERCENT))
        plain = draw(st.booleans())
        for scope in _SUB_UNITS:
            for period in (_BASE, _NOW) if basis != "level" else (_NOW,):
                quantity = g.Quantity.of(draw(_VALUE), g.PERCENT) if plain else draw(_quantities())
                observations.append(
                    g.Observation(indicator_id=f"i{k}", scope=scope, period=period, value=quantity)
                )
    goal = g.Goal(id="g", title="任务", targets=tuple(targets))
    plan = g.Plan(
        id="p",
        title="计划",
        period=_NOW,
        indicators=tuple(indicators),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )
    tolerance = draw(st.none() | st.none() | st.sampled_from(["0.5", "0.9"]))
    return plan, observations, tolerance


def _same_both_ways(plan: g.Plan, values: g.ValueColumns, tolerance: str | None) -> None:
    table = compile_checks(plan, basically_met=None if tolerance is None else Decimal(tolerance))
    slow = _CheckByCheck(table, values, None, ()).run()
    fast = run_checks(table, values)
    assert fast.columns() == slow.columns()
    for position in range(len(fast)):
        found = fast.derived_at(position)
        assert found is None or found == slow.derived_at(position)
    verdicts = [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(fast, None, {})
    ]
    assert verdicts == [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(slow, None, {})
    ]


@settings(max_examples=150)
@given(_complete_ledgers(), st.booleans())
def test_column_runs_are_check_by_check(
    case: tuple[g.Plan, list[g.Observation], str | None], as_columns: bool
) -> None:
    plan, observations, tolerance = case
    values = value_columns(observations)
    if as_columns:
        # The same results as bare columns: the rebuilt facts read the columns.
        values = attrs.evolve(values, observations=None, id=[], note=[])
    _same_both_ways(plan, values, tolerance)


def test_column_runs_are_taken_on_a_complete_ledger() -> None:
    """The runs above are not vacuous: a plain ledger goes through them."""
    targets = (
        g.Target(id="t-level", indicator_id="i-level", comparator="at_least",
                 value=g.Quantity.of(300, g.parse_unit("人")), period=_NOW, for_each="scope"),
        g.Target(id="t-change", indicator_id="i-rate", comparator="at_least", basis="change",
                 baseline=_BASE, value=g.Quantity.of(2, g.PERCENTAGE_POINT), period=_NOW,
                 for_each="scope"),
        g.Target(id="t-growth", indicator_id="i-money", comparator="at_least", basis="growth",
                 baseline=_BASE, value=g.Quantity.of(8, g.PERCENT), period=_NOW,
                 for_each="scope"),
    )  # fmt: skip
    person, money = g.parse_unit("人"), g.parse_unit("万元")
    observations = []
    for k, scope in enumerate(_SUB_UNITS):
        low = Decimal(250 + 40 * k)
        observations.append(
            g.Observation(indicator_id="i-level", period=_NOW, scope=scope,
                          value=g.Quantity(low=low, high=low + 100, unit=person,
                                           low_open=True, high_open=True))
        )  # fmt: skip
        for indicator, unit in (("i-rate", g.PERCENT), ("i-money", money)):
            for period, value in ((_BASE, Decimal(80)), (_NOW, Decimal(80 + 3 * k))):
                observations.append(
                    g.Observation(indicator_id=indicator, period=period, scope=scope,
                                  value=g.Quantity.of(value, unit))
                )  # fmt: skip
    goal = g.Goal(id="g", title="任务", targets=targets)
    plan = g.Plan(
        id="p",
        title="计划",
        period=_NOW,
        indicators=(
            g.Indicator(id="i-level", name="参训人数", unit=person),
            g.Indicator(id="i-rate", name="入学率", unit=g.PERCENT),
            g.Indicator(id="i-money", name="投入", unit=money),
        ),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )
    values = value_columns(observations)
    results = run_checks(compile_checks(plan), values)
    assert [(run.start, run.stop, run.others is not None) for run in results.rebuilt] == [
        (0, 4, False),
        (4, 8, True),
        (8, 12, True),
    ]
    assert not results.derived  # nothing kept per check
    statuses = [v.status.value for v in TargetVerdicts(results, None, {})]
    # 250–350 and 290–390 straddle 300; changes 0, 3, 6, 9 pp; growths 0, 3.75, 7.5, 11.25 %.
    assert statuses == [
        *("indeterminate", "indeterminate", "met", "met"),
        *("missed", "met", "met", "met"),
        *("missed", "missed", "missed", "met"),
    ]
    _same_both_ways(plan, values, None)


_RATIONAL_ENDS = st.none() | st.decimals(min_value=-3, max_value=3, places=1, allow_nan=False)


@settings(max_examples=300)
@given(
    low=_RATIONAL_ENDS,
    low_closed=st.booleans(),
    high=_RATIONAL_ENDS,
    high_closed=st.booleans(),
    values=st.lists(st.tuples(st.integers(-40, 40), st.integers(1, 12)), min_size=1, max_size=12),
)
def test_ratio_test_is_the_acceptor_on_exact_rationals(
    low: Decimal | None,
    low_closed: bool,
    high: Decimal | None,
    high_closed: bool,
    values: list[tuple[int, int]],
) -> None:
    from govplan.engine.check_table import Truth
    from govplan.engine.comparisons import acceptor, ratio_test

    test = ratio_test(low, low_closed, high, high_closed)
    if test is None:
        assert low is not None
        assert high is not None
        assert low >= high
        return
    accept = acceptor(low, low_closed, high, high_closed)
    expected = [accept(Fraction(n, d), Fraction(n, d), False, False) for n, d in values]
    got = test([n for n, _ in values], [d for _, d in values])
    assert [Truth.ALL if ok else Truth.NONE for ok in got] == expected


@settings(max_examples=300)
@given(pairs=st.lists(st.tuples(_AMOUNTS, _AMOUNTS), min_size=1, max_size=8))
def test_growth_ratios_and_differences_are_the_span_arithmetic(
    pairs: list[tuple[Decimal, Decimal]],
) -> None:
    from govplan.engine.comparisons import point_differences
    from govplan.engine.executors.row_values import growth_ratios

    nows, thens = [p[0] for p in pairs], [p[1] for p in pairs]
    differences = point_differences(nows, thens)
    for now, then, difference in zip(nows, thens, differences, strict=True):
        span = Span(now, now) - Span(then, then)
        assert span.low == span.high == difference
    ratios = growth_ratios(nows, thens)
    growths = [point_growth(now, then) for now, then in pairs]
    if ratios is None:
        assert None in growths
        return
    assert [Span(Fraction(n, d), Fraction(n, d)) for n, d in zip(*ratios, strict=True)] == growths
