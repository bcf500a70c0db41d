"""The fast level path and the general path are one meaning.

The in-process executor answers plain exact levels a whole column at a time
(:func:`~govplan.engine.comparisons.point_test`); everything else goes through
the general path (:func:`~govplan.engine.comparisons.acceptor`, a check at a
time).  These properties hold the two together: point by point for the
comparator truth, and check by check for whole plans of template targets.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import Truth, compile_checks
from govplan.engine.comparisons import Span, acceptor, point_test
from govplan.engine.executors.in_process import CheckResults, _Pass, run_checks
from govplan.engine.target_rules import TargetVerdicts

_NUMBERS = st.decimals(min_value=-5, max_value=5, places=2, allow_nan=False)


@settings(max_examples=300)
@given(
    low=st.none() | _NUMBERS,
    low_closed=st.booleans(),
    high=st.none() | _NUMBERS,
    high_closed=st.booleans(),
    values=st.lists(_NUMBERS, min_size=1, max_size=20),
)
def test_point_test_is_the_acceptor_on_exact_values(
    low: Decimal | None,
    low_closed: bool,
    high: Decimal | None,
    high_closed: bool,
    values: list[Decimal],
) -> None:
    accept = acceptor(low, low_closed, high, high_closed)
    test = point_test(low, low_closed, high, high_closed)
    truths = [accept(v, v, False, False) for v in values]
    if test is None:
        # An empty acceptable interval: the general path answers.
        assert low is not None
        assert high is not None
        assert low >= high
        return
    assert [Truth.ALL if ok else Truth.NONE for ok in test(values)] == truths


class _GeneralOnly(_Pass):
    """The same pass with every check taken by the general path."""

    def fast_scopes(self, row, scopes, accept):  # type: ignore[no-untyped-def]
        for scope in self.index.level_scopes(row.target.indicator_id):
            if scope != row.scope:
                scopes[scope] = None
        for scope in scopes:
            self.check(row, scope, "", None, accept)


_COMPARATORS = ("at_least", "at_most", "more_than", "less_than", "between", "equal")
_YEAR, _OTHER = g.Period.year(2011), g.Period.year(2010)


@st.composite
def _plans(draw: st.DrawFn) -> tuple[g.Plan, g.ValueColumns, str | None]:
    comparators = draw(st.lists(st.sampled_from(_COMPARATORS), min_size=1, max_size=3))
    tolerance = draw(st.none() | st.sampled_from(["0.9", "0.95"]))
    targets, indicators = [], []
    for k, name in enumerate(comparators):
        value = draw(st.integers(min_value=85, max_value=95))
        targets.append(
            g.Target(
                id=f"t{k}",
                indicator_id=f"i{k}",
                comparator=name,
                value=g.Quantity.of(value, g.PERCENT),
                upper=g.Quantity.of(value + 3, g.PERCENT) if name == "between" else None,
                period=_YEAR,
                for_each="scope",
                commitment=draw(st.sampled_from(["ensure", "strive"])),
            )
        )
        indicators.append(g.Indicator(id=f"i{k}", name=f"指标{k}", unit=g.PERCENT))
    rows = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=len(comparators) - 1),
                st.integers(min_value=0, max_value=12),
                st.none() | st.decimals(min_value=80, max_value=100, places=1),
                st.booleans(),
                st.sampled_from([g.PERCENT, g.PERCENT, g.parse_unit("‰")]),
            ),
            min_size=0,
            max_size=30,
        )
    )
    if draw(st.booleans()):
        # A ledger of one period, one row per sub-unit.
        # Every value given, in the threshold's unit: the column-at-a-time path.
        rows = [
            (i, n, Decimal(90) if v is None else v, True, g.PERCENT)
            for n, (i, _, v, _, _) in enumerate(rows)
        ]
    # One result per indicator, scope and period (two that differ are refused).
    rows = list({(r[0], r[1], r[3]): r for r in reversed(rows)}.values())[::-1]
    goal = g.Goal(id="g", title="任务", targets=tuple(targets))
    plan = g.Plan(
        id="p",
        title="计划",
        period=_YEAR,
        indicators=tuple(indicators),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )
    columns = g.ValueColumns.of(
        indicator_id=[f"i{r[0]}" for r in rows],
        period=[_YEAR if r[3] else _OTHER for r in rows],
        value=[r[2] for r in rows],
        unit=[r[4] for r in rows],
        scope=[f"u{r[1]}" for r in rows],
    )
    return plan, columns, tolerance


def _general(plan: g.Plan, columns: g.ValueColumns, tolerance: str | None) -> CheckResults:
    table = compile_checks(
        plan,
        {i.id: i for i in plan.indicators},
        issuer=None,
        basically_met=None if tolerance is None else Decimal(tolerance),
    )
    return _GeneralOnly(table, columns, None, ()).run()


@settings(max_examples=150)
@given(_plans())
def test_fast_level_path_is_the_general_path(
    case: tuple[g.Plan, g.ValueColumns, str | None],
) -> None:
    plan, columns, tolerance = case
    general = _general(plan, columns, tolerance)
    fast = run_checks(general.table, columns)
    assert fast.columns() == general.columns()


@settings(max_examples=60)
@given(_plans())
def test_fast_level_verdicts_read_as_the_general_ones(
    case: tuple[g.Plan, g.ValueColumns, str | None],
) -> None:
    plan, columns, tolerance = case
    rules = g.RuleSet().only("targets")
    if tolerance is not None:
        rules = rules.configure("targets", basically_met=tolerance)
    fast = list(g.evaluate(plan, columns, rules=rules))
    general = list(TargetVerdicts(_general(plan, columns, tolerance), None, {}))
    assert [v.fields() for v in fast] == [v.fields() for v in general]
    assert [(v.explain("zh"), v.explain("en")) for v in fast] == [
        (v.explain("zh"), v.explain("en")) for v in general
    ]


_ENDS = st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=3) | st.fractions()


@settings(max_examples=200)
@given(
    first=st.tuples(_ENDS, _ENDS, st.booleans(), st.booleans()),
    second=st.tuples(_ENDS, _ENDS, st.booleans(), st.booleans()),
)
def test_span_difference_is_adding_the_negation(
    first: tuple[Decimal | None, Decimal | None, bool, bool],
    second: tuple[Decimal | None, Decimal | None, bool, bool],
) -> None:
    a, b = Span(*first), Span(*second)
    assert a - b == a + (-b)


@pytest.mark.parametrize("bad", [0.5, Decimal("NaN"), Decimal("Infinity"), "95"])
def test_value_columns_name_a_value_that_is_not_exact(bad: object) -> None:
    with pytest.raises(g.ValidationError) as caught:
        g.ValueColumns.of(
            indicator_id=["i0", "i0", "i0"],
            period=[_YEAR] * 3,
            value=[Decimal(90), None, bad],  # type: ignore[list-item]
            unit=g.PERCENT,
        )
    assert caught.value.field == "value[2]"
    assert "not an exact finite number" in str(caught.value)
