"""The round-trip law: ``loads(dumps(x, f), f) == x`` for every model class and format."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govplan
from govplan import testing

FORMATS = ("json", "yaml", "toml")

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "plan": testing.plans(),
    "report": testing.reports(),
    "goal": testing.goals(),
    "section": testing.sections(),
    "target": testing.targets(),
    "indicator": testing.indicators(),
    "observation": testing.observations(),
    "measure": testing.measures(),
    "organisation": testing.organisations(),
    "person": testing.people(),
    "deadline": testing.deadlines(),
    "sum_claim": testing.sum_claims(["a", "b"]),
    "rate_claim": testing.rate_claims(["a", "b"]),
    "change_claim": testing.change_claims(["a", "b"]),
    "rule_set": testing.rule_sets(),
    "scorecard": testing.scorecards(),
    "verdict": testing.verdicts(),
    "evaluation": testing.evaluations(),
    "inspection": testing.inspections(earlier=["spring-check", "autumn-check"]),
    "finding": testing.findings(["unit"]),
    "pledge": testing.pledges(),
    "recurring_activity": testing.recurring_activities(),
    "recurrence": testing.recurrences(),
    "volunteer_event": testing.volunteer_events(),
    "team": testing.teams([], []),
    "post": testing.posts(),
    "checklist_item": testing.checklist_items(),
    "source_document": testing.source_documents(),
    "sanction": testing.sanctions(),
    "qualitative_target": testing.qualitative_targets(scopes=["city", "province"]),
    "standing_claim": testing.standing_claims(["a", "b"], ["city", "province"]),
    "completion_claim": testing.completion_claims(["a", "b"], ["quota", "plan"]),
    "rectification": testing.rectifications(["finding"], ["unit", "person"]),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(STRATEGIES))
def test_round_trip(kind: str, fmt: govplan.Format) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(STRATEGIES[kind])
    def check(obj: Any) -> None:
        text = govplan.dumps(obj, fmt)
        assert govplan.loads(text, fmt) == obj
        assert govplan.loads(text, fmt, type=type(obj)) == obj

    check()
