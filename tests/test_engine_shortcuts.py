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
    # The exact-level fast path keeps no derived facts (its verdicts read the value row).
    assert fast.derived == {k: d for k, d in slow.derived.items() if k in fast.derived}
    verdicts = [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(fast, None, {})
    ]
    assert verdicts == [
        (v.fields(), v.explain("zh"), v.explain("en")) for v in TargetVerdicts(slow, None, {})
    ]
