"""Hypothesis strategies that generate valid govplan objects.

Use them to property-test code that consumes govplan objects:

>>> from hypothesis import given
>>> from govplan.testing import plans
>>> @given(plans())
... def test_my_tool_accepts_any_plan(plan):
...     assert my_tool(plan) is not None

Every strategy yields objects that pass validation and whose references
resolve, so ``govplan.loads(govplan.dumps(x))`` succeeds for each of them.
This module imports :mod:`hypothesis`; install ``govplan[test]`` to use it.
"""

from ._activities import (
    checklist_items,
    findings,
    inspections,
    pledges,
    rectifications,
    recurrences,
    recurring_activities,
    sanctions,
    source_documents,
)
from ._documents import (
    bands,
    change_claims,
    claims,
    completion_claims,
    evaluations,
    goals,
    indicators,
    measures,
    observations,
    organisations,
    people,
    plans,
    qualitative_targets,
    rate_claims,
    reports,
    rule_sets,
    scorecards,
    sections,
    standing_claims,
    sum_claims,
    targets,
    verdicts,
)
from ._events import posts, teams, volunteer_events
from ._values import dates, deadlines, decimals, ids, periods, quantities, texts, units

__all__ = [
    "bands",
    "change_claims",
    "checklist_items",
    "claims",
    "completion_claims",
    "dates",
    "deadlines",
    "decimals",
    "evaluations",
    "findings",
    "goals",
    "ids",
    "indicators",
    "inspections",
    "measures",
    "observations",
    "organisations",
    "people",
    "periods",
    "plans",
    "pledges",
    "posts",
    "qualitative_targets",
    "quantities",
    "rate_claims",
    "rectifications",
    "recurrences",
    "recurring_activities",
    "reports",
    "rule_sets",
    "sanctions",
    "scorecards",
    "sections",
    "source_documents",
    "standing_claims",
    "sum_claims",
    "targets",
    "teams",
    "texts",
    "units",
    "verdicts",
    "volunteer_events",
]
