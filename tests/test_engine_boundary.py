"""Constructors check at the boundary: text is read, wrong types are named, ids resolve."""

from __future__ import annotations

from typing import Any

import pytest

import govplan as g

YEAR = g.Period.year(2011)


def test_target_values_and_periods_may_be_given_as_text() -> None:
    target = g.Target(
        id="t", indicator_id="rate", comparator="at_least", value="95%", period="2011",
        baseline="2010", basis="change",
    )  # fmt: skip
    assert target.value == g.parse_quantity("95%")
    assert target.period == YEAR
    assert target.baseline == g.Period.year(2010)
    observation = g.Observation(indicator_id="rate", period="2011-H1", value="300多人")
    assert observation.period == g.Period.half(2011, 1)
    assert observation.value == g.parse_quantity("300多人")


@pytest.mark.parametrize(
    ("field", "bad"),
    [("value", 95), ("value", 95.0), ("upper", object()), ("period", 2012), ("baseline", 2010)],
)
def test_a_wrong_type_is_refused_naming_the_field(field: str, bad: Any) -> None:
    fields: dict[str, Any] = {
        "id": "t", "indicator_id": "rate", "comparator": "between", "period": YEAR,
        "value": "90%", "upper": "95%",
    }  # fmt: skip
    fields[field] = bad
    with pytest.raises(g.FieldTypeError, match=rf"^{field}: expected a") as raised:
        g.Target(**fields)
    assert isinstance(raised.value, TypeError)
    assert raised.value.field == field


def test_unreadable_text_is_refused_naming_the_field() -> None:
    with pytest.raises(g.ParseError, match=r"^value: ") as raised:
        g.Target(id="t", indicator_id="rate", comparator="at_least", value="9６%x", period=YEAR)
    assert raised.value.field == "value"
    with pytest.raises(g.ParseError, match=r"^period: "):
        g.Observation(indicator_id="rate", period="next year")


def test_collections_become_tuples_so_model_objects_hash() -> None:
    target = g.Target(id="t", indicator_id="rate", comparator="at_least", value="95%", period=YEAR)
    goal = g.Goal(id="g", title="任务", targets=[target])
    plan = g.Plan(
        id="p", title="计划", period="2011", sections=[g.Section(id="s", title="一", goals=[goal])],
        indicators=[g.Indicator(id="rate", name="入学率", unit=g.PERCENT)],
    )  # fmt: skip
    assert isinstance(plan.sections, tuple)
    assert isinstance(goal.targets, tuple)
    assert hash(plan) == hash(plan)
    assert len({plan, plan}) == 1
    with pytest.raises(g.FieldTypeError, match=r"^targets: expected a sequence"):
        g.Goal(id="g", title="任务", targets=target)


def test_an_unknown_indicator_is_named_at_evaluation() -> None:
    target = g.Target(
        id="t", indicator_id="nowhere", comparator="at_least", value="95%", period=YEAR
    )
    goal = g.Goal(id="g", title="任务", targets=(target,))
    plan = g.Plan(
        id="p", title="计划", period=YEAR, sections=(g.Section(id="s", title="一", goals=(goal,)),)
    )
    with pytest.raises(g.DanglingReferenceError, match="unknown indicator 'nowhere'") as raised:
        g.evaluate(plan)
    assert raised.value.field == "targets[t].indicator_id"
    assert isinstance(raised.value, KeyError)
