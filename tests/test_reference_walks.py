"""The fast reference walks agree with the slow ones that build field paths.

``check_references`` first asks cheap questions (is any id repeated? does any
reference dangle?) and builds paths only when the answer is yes; a fast walk
that missed a case would let a bad document load in silence.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.errors import GovplanError
from govplan.model.plans import Plan
from govplan.model.references import (
    _any_repeated,
    _located_duplicates,
    _located_plan_problems,
    _plan_resolves,
    _records,
    check_references,
)
from govplan.testing import plans, posts, reports, volunteer_events

documents = st.one_of(plans(), reports(), volunteer_events(), posts())


def _repeat_an_id(data: st.DataObject, document: Any) -> Any | None:
    """A copy of *document* with one listed record somewhere in it given twice."""
    listed = [
        path
        for path, record in _records(document, "")
        if path.endswith("]") and getattr(record, "id", None) is not None
    ]
    if not listed:
        return None
    steps = data.draw(st.sampled_from(listed)).split(".")
    try:
        return _given_twice(document, steps)
    except GovplanError:  # a class that refuses repeated ids itself
        return None


def _given_twice(record: Any, steps: list[str]) -> Any:
    name, _, index = steps[0].partition("[")
    items = getattr(record, name)
    if not index:  # a record held in a field of its own (an event's summary)
        return attrs.evolve(record, **{name: _given_twice(items, steps[1:])})
    at = int(index[:-1])
    if len(steps) == 1:
        changed = (*items, items[at])
    else:
        changed = (*items[:at], _given_twice(items[at], steps[1:]), *items[at + 1 :])
    return attrs.evolve(record, **{name: changed})


@settings(max_examples=60)
@given(documents)
def test_the_fast_walk_finds_a_repeat_exactly_when_the_slow_walk_does(document: Any) -> None:
    assert _any_repeated(document) == bool(_located_duplicates(document))


@settings(max_examples=60)
@given(documents, st.data())
def test_an_id_repeated_anywhere_is_found(document: Any, data: st.DataObject) -> None:
    repeated = _repeat_an_id(data, document)
    if repeated is None:
        return
    assert _any_repeated(repeated)
    problems = check_references(repeated)
    assert any("duplicate id" in problem.message for problem in problems)


# Where a plan's goals name an id: (record field of a goal, field of that record, a tuple?).
_PLAN_REFERENCES = [
    ("targets", "indicator_id", False),
    ("targets", "scope", False),
    ("targets", "reference_scope", False),
    ("measures", "lead", True),
    ("measures", "co_responsible", True),
    ("qualitative_targets", "indicator_id", False),
    ("qualitative_targets", "scope", False),
    ("qualitative_targets", "reference_scopes", True),
]


def _dangle(data: st.DataObject, plan: Plan) -> Plan | None:
    """A copy of *plan* with one reference somewhere in its goals naming an unknown id."""
    places = [
        (s, g, kind, i, name, many)
        for s, section in enumerate(plan.sections)
        for g, goal in enumerate(section.goals)
        for kind, name, many in _PLAN_REFERENCES
        for i in range(len(getattr(goal, kind)))
    ]
    if not places:
        return None
    s, g, kind, i, name, many = data.draw(st.sampled_from(places))
    section = plan.sections[s]
    goal = section.goals[g]
    record = getattr(goal, kind)[i]
    try:
        wrong = (*getattr(record, name), "nowhere") if many else "nowhere"
        record = attrs.evolve(record, **{name: wrong})
    except GovplanError:  # a record that refuses the change itself
        return None
    changed: dict[str, Any] = {kind: _replaced(getattr(goal, kind), i, record)}
    goal = attrs.evolve(goal, **changed)
    section = attrs.evolve(section, goals=_replaced(section.goals, g, goal))
    return attrs.evolve(plan, sections=_replaced(plan.sections, s, section))


def _replaced(items: tuple[Any, ...], at: int, item: Any) -> tuple[Any, ...]:
    return (*items[:at], item, *items[at + 1 :])


@settings(max_examples=60)
@given(plans(), st.data())
def test_the_fast_plan_test_agrees_with_the_located_walk(plan: Plan, data: st.DataObject) -> None:
    dangling = _dangle(data, plan) if data.draw(st.booleans()) else plan
    if dangling is None:
        return
    units = {o.id for o in dangling.organisations}
    indicators = {i.id for i in dangling.indicators}
    located = _located_plan_problems(dangling, units, indicators)
    assert _plan_resolves(dangling, units, indicators) == (not located)
    if dangling is not plan:
        assert any("nowhere" in problem.message for problem in check_references(dangling))
