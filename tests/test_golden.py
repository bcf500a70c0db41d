"""The engine reproduces its pinned outcomes: the worked examples and generated plans.

Every status, severity, gap and progress (and the subjects, in order) must
match what ``tests/data/golden`` recorded; the wording of explanations may
improve and is not pinned here (the examples' expected output pins it).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from .golden_cases import DATA, example_runs, outcome, run, unpack


def _same(found: list[list[Any]], pinned: list[list[Any]]) -> bool:
    """Equal, comparing gap and progress as numbers (50.50 equals 50.5)."""
    if len(found) != len(pinned):
        return False
    for mine, theirs in zip(found, pinned, strict=True):
        if mine[:4] != theirs[:4]:
            return False
        gap, pinned_gap = mine[4], theirs[4]
        if (gap is None) != (pinned_gap is None):
            return False
        if gap is not None and (
            gap[2] != pinned_gap[2]
            or Decimal(gap[0]) != Decimal(pinned_gap[0])
            or Decimal(gap[1]) != Decimal(pinned_gap[1])
        ):
            return False
        progress, pinned_progress = mine[5], theirs[5]
        if (progress is None) != (pinned_progress is None):
            return False
        if progress is not None and Decimal(progress) != Decimal(pinned_progress):
            return False
    return True


def _records(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_the_worked_examples_keep_their_outcomes() -> None:
    pinned = {record["name"]: record["verdicts"] for record in _records("examples.jsonl")}
    runs = dict(example_runs())
    assert runs.keys() == pinned.keys()
    for name, evaluation in runs.items():
        found = outcome(evaluation)
        assert _same(found, pinned[name]), (name, found, pinned[name])


@pytest.mark.parametrize("part", range(4))
def test_generated_plans_keep_their_outcomes(part: int) -> None:
    records = _records("generated.jsonl")
    assert len(records) >= 2000
    for index in range(part, len(records), 4):
        record = records[index]
        found = outcome(run(unpack(record["case"])))
        assert _same(found, record["verdicts"]), (index, found, record["verdicts"])


def test_the_pinned_outcomes_cover_every_target_status() -> None:
    seen = {tuple(v[1:4]) for r in _records("generated.jsonl") for v in r["verdicts"]}
    for status in ("met", "missed", "basically_met", "indeterminate", "pending", "at_risk"):
        assert any(rule == "targets" and s == status for rule, s, _ in seen), status
    assert ("targets", "missed", "failure") in seen
    assert ("targets", "missed", "shortfall") in seen
