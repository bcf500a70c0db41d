"""One meaning, several ways to run it: batch and target by target, objects and columns.

A plan evaluated in one batch and the same plan evaluated one target at a
time give identical verdicts and sentences; results given as observation
objects and as value columns give identical verdicts too.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g

from .golden_cases import build, generate


def _said(evaluation: g.Evaluation) -> list[tuple[Any, ...]]:
    return [(*v.fields(), v.explain("zh"), v.explain("en")) for v in evaluation]


def _one_target(plan: g.Plan, target: g.Target) -> g.Plan:
    sections = tuple(
        attrs.evolve(
            section,
            goals=tuple(
                attrs.evolve(goal, targets=tuple(t for t in goal.targets if t is target))
                for goal in section.goals
            ),
        )
        for section in plan.sections
    )
    return attrs.evolve(plan, sections=sections)


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=10**6))
def test_batch_and_target_by_target_agree(index: int) -> None:
    case = generate(index)
    plan, observations, rules = build(case)
    rules = rules.only("targets")
    batch = g.evaluate(plan, observations, as_of=case["as_of"], rules=rules)
    one_by_one: list[tuple[Any, ...]] = []
    for target in plan.targets():
        single = g.evaluate(
            _one_target(plan, target), observations, as_of=case["as_of"], rules=rules
        )
        one_by_one.extend(_said(single))
    assert _said(batch) == one_by_one
    assert list(batch) == [v for t in plan.targets() for v in g.evaluate(
        _one_target(plan, t), observations, as_of=case["as_of"], rules=rules)]  # fmt: skip


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=10**6))
def test_objects_and_value_columns_agree(index: int) -> None:
    case = generate(index)
    plan, observations, rules = build(case)
    rules = rules.only("targets")
    exact = [o for o in observations if o.value is None or o.value.is_exact]
    plain = [o for o in exact if not o.breakdown and o.change_from is None]
    columns = g.ValueColumns.of(
        indicator_id=[o.indicator_id for o in plain],
        period=[o.period for o in plain],
        value=[None if o.value is None else o.value.value for o in plain],
        unit=[o.value.unit if o.value else g.PERCENT for o in plain],
        scope=[o.scope for o in plain],
        id=[o.id for o in plain],
    )
    from_objects = g.evaluate(plan, plain, as_of=case["as_of"], rules=rules)
    from_columns = g.evaluate(plan, columns, as_of=case["as_of"], rules=rules)
    assert [v.fields() for v in from_objects] == [v.fields() for v in from_columns]
    assert [v.explain("en") for v in from_objects] == [v.explain("en") for v in from_columns]
    assert from_objects.counts() == from_columns.counts()
    assert from_objects.passes == from_columns.passes


def test_codes_and_verdicts_tell_the_same_story() -> None:
    for index in range(200):
        case = generate(index)
        plan, observations, rules = build(case)
        evaluation = g.evaluate(plan, observations, as_of=case["as_of"], rules=rules)
        verdicts = list(evaluation)
        assert len(evaluation) == len(verdicts)
        counts = evaluation.counts()
        for status in g.Status:
            assert counts[status] == sum(v.status is status for v in verdicts)
        assert evaluation.passes == (not any(v.severity is g.Severity.FAILURE for v in verdicts))
        assert evaluation.failures() == tuple(
            v for v in verdicts if v.severity is g.Severity.FAILURE
        )
        for verdict in verdicts[:3]:
            assert evaluation.verdict(verdict.subject) == verdict


@settings(max_examples=30)
@given(
    st.lists(st.decimals("80", "100", places=2), min_size=2, max_size=30),
    st.sampled_from(["at_least", "at_most", "more_than", "less_than", "equal"]),
    st.booleans(),
)
def test_template_paths_agree(values: list[Any], comparator: str, binding: bool) -> None:
    """One row per unit (the direct column path) and registered units (the keyed path)."""
    indicator = g.Indicator(id="rate", name="入学率", unit=g.PERCENT)
    target = g.Target(
        id="t", indicator_id="rate", comparator=comparator, value="90%", period="2011",
        for_each="scope", commitment="ensure" if binding else "strive",
    )  # fmt: skip
    goal = g.Goal(id="g", title="任务", targets=(target,))
    units = [f"u{k}" for k in range(len(values))]
    bare = g.Plan(
        id="p", title="计划", period="2011", indicators=(indicator,),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )  # fmt: skip
    registered = attrs.evolve(
        bare,
        issuer="bureau",
        organisations=(
            g.Organisation(id="bureau", name="局"),
            *(g.Organisation(id=u, name=u, parent_id="bureau") for u in units),
        ),
    )
    results = [
        g.Observation(
            indicator_id="rate", period="2011", value=g.Quantity.of(v, g.PERCENT), scope=u
        )
        for u, v in zip(units, values, strict=True)
    ]
    direct = g.evaluate(bare, results)
    keyed = g.evaluate(registered, results)
    assert [(v.subject, v.status, v.severity, v.gap) for v in direct] == [
        (v.subject, v.status, v.severity, v.gap) for v in keyed
    ]
    assert [v.explain("en") for v in direct] == [v.explain("en") for v in keyed]
