"""A whole evaluation on the query engines: target checks in SQL, the other rules beside them.

``evaluate(..., engine="duckdb")`` runs every rule of the rule set: the target
checks as one query, measures, claims, inspections and events in process.  The
verdicts — subjects, order, statuses, severities, gaps and progress, and the
sentences of the rules run in process — are the python engine's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import govplan as g
from govplan.engine.executors.duckdb import connect
from tests.executor_cases import case, outcome

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOCUMENTS = (
    ("education-bureau/plan-2011.yaml", ("education-bureau/results-2011.yaml",)),
    ("education-bureau/report-2010.yaml", ()),
    ("commerce-bureau/report-2011.yaml", ()),
    ("sanitation-post/post.yaml", ("sanitation-post/results-2011.yaml",)),
    ("survey-day3/day3.yaml", ()),
    ("training-session/event.yaml", ()),
)


def _full(verdicts: Any) -> list[tuple[Any, ...]]:
    """The outcome of every verdict with its rule; the sentences of the in-process rules.

    A target verdict read from a query row is worded from that row (status,
    observed ends, gap, progress, pace); its outcome is what is compared here.
    """
    return [
        (*row, rule, None if rule == "targets" else (v.explain("zh"), v.explain("en")))
        for row, v in zip(outcome(verdicts), verdicts, strict=True)
        for rule in (getattr(v, "rule", None),)
    ]


def _same_evaluation(expected: g.Evaluation, found: Any) -> None:
    assert _full(list(found)) == _full(list(expected))
    assert found.counts() == expected.counts()
    assert found.passes == expected.passes
    assert len(found) == len(expected)
    assert [v.subject for v in found.failures()] == [v.subject for v in expected.failures()]


@pytest.mark.parametrize(("document", "results"), DOCUMENTS)
@pytest.mark.parametrize("as_of", [None, "2011-06-30"])
def test_every_rule_kind_gives_the_python_verdicts_on_duckdb(
    document: str, results: tuple[str, ...], as_of: str | None
) -> None:
    subject = g.load(EXAMPLES / document)
    given_results: list[Any] = [g.load(EXAMPLES / name) for name in results]
    expected = g.evaluate(subject, given_results, as_of=as_of)
    found = g.evaluate(subject, given_results, as_of=as_of, engine="duckdb")
    assert isinstance(found, g.ColumnarEvaluation)
    rules = {getattr(v, "rule", None) for v in expected}
    if "targets" in rules:
        assert found.source is not None  # the target checks ran as a query
    _same_evaluation(expected, found)


def test_a_rule_set_without_targets_runs_nothing_on_the_query_engine() -> None:
    plan = g.load(EXAMPLES / "education-bureau/plan-2011.yaml")
    rules = g.RuleSet(rules=("deadlines",))
    expected = g.evaluate(plan, rules=rules)
    found = g.evaluate(plan, rules=rules, engine="duckdb")
    assert found.source is None
    _same_evaluation(expected, found)


def test_rules_after_the_targets_keep_their_place() -> None:
    plan = g.load(EXAMPLES / "education-bureau/plan-2011.yaml")
    results = [g.load(EXAMPLES / "education-bureau/results-2011.yaml")]
    rules = g.RuleSet(rules=("deadlines", "targets"))
    expected = g.evaluate(plan, results, rules=rules)
    found = g.evaluate(plan, results, rules=rules, engine="duckdb")
    assert next(getattr(v, "rule", None) for v in found) == "deadlines"
    _same_evaluation(expected, found)


def test_an_unknown_engine_is_refused_by_name() -> None:
    plan = g.load(EXAMPLES / "education-bureau/plan-2011.yaml")
    with pytest.raises(g.ValidationError, match="engine"):
        g.evaluate(plan, engine="sqlite")  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def con() -> object:
    return connect()


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(min_value=0, max_value=10**7))
def test_generated_plans_with_every_rule_give_the_python_verdicts(index: int, con: Any) -> None:
    plan, observations, rules, as_of = case(index)
    every_rule = g.default_rules().configure(
        "targets", basically_met=rules.get("targets").basically_met
    )
    expected = g.evaluate(plan, observations, as_of=as_of, rules=every_rule)
    found = g.evaluate_columns(
        plan, observations, as_of=as_of, rules=every_rule, engine="duckdb", connection=con
    )
    _same_evaluation(expected, found)
