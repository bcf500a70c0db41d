"""Shortcuts the engine takes on whole columns are held to the long way round.

Each property below runs one input both ways: with the shortcut the engine
takes on a plain ledger, and with it switched off.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.matching import check_duplicates

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
