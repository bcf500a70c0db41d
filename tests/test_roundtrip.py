"""The round-trip law: ``loads(dumps(x, f), f) == x`` for every model class and format."""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
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


@functools.cache
def _example_report() -> Any:
    return govplan.load(
        Path(__file__).parent.parent / "examples/education-bureau/results-2011.yaml"
    )


def _results_holding(quantity: govplan.Quantity) -> Any:
    """The education bureau's 2011 results with *quantity* as the first value."""
    report = _example_report()
    first, *rest = report.observations
    observation = attrs.evolve(first, value=attrs.evolve(quantity, unit=first.value.unit))
    return attrs.evolve(report, observations=(observation, *rest))


_WIDE_BOUNDS = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=Decimal("-1e40"), max_value=Decimal("1e40")
)


@settings(max_examples=150, deadline=None)
@given(low=_WIDE_BOUNDS, high=_WIDE_BOUNDS, fmt=st.sampled_from(FORMATS))
def test_a_quantity_is_written_so_that_it_reads_back_or_refused_before_writing(
    low: Decimal, high: Decimal, fmt: govplan.Format
) -> None:
    low, high = min(low, high), max(low, high)
    results = _results_holding(govplan.Quantity(low=low, high=high, unit=govplan.PERCENT))
    text = _dumped(results, fmt)
    if isinstance(text, govplan.ValidationError):
        assert "a file is read back with at most 28" in str(text)
        return
    assert govplan.loads(text, fmt) == results


def _dumped(obj: object, fmt: govplan.Format) -> str | govplan.ValidationError:
    try:
        return govplan.dumps(obj, fmt)
    except govplan.ValidationError as error:
        return error


@pytest.mark.parametrize(
    ("value", "digits"), [("1E+40", 41), ("123456789012345678901234567890.5", 31)]
)
def test_a_quantity_too_long_to_read_back_is_not_written(value: str, digits: int) -> None:
    results = _results_holding(govplan.Quantity.of(Decimal(value), govplan.PERCENT))
    with pytest.raises(govplan.ValidationError, match=f"low bound has {digits} digits") as caught:
        govplan.dumps(results, "json")
    assert "round the value" in str(caught.value)


def test_a_long_approximate_value_keeps_its_wording_and_reads_back() -> None:
    quantity = govplan.parse_quantity("9" * 28 + "多万元")  # (28 nines, 10^28): 29 digits
    results = _results_holding(quantity)
    assert govplan.loads(govplan.dumps(results, "yaml"), "yaml") == results
