"""Shared helpers for the executor tests: one outcome shape for every executor."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import govplan as g
import govplan.engine.evaluation
from tests.golden_cases import build, generate

COVERING_CASES = (0, 1, 2, 3, 4, 5, 6, 10, 321)
"""Golden cases that together hold every comparator, basis, template kind, status and as-of."""


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def outcome(verdicts: Any) -> list[tuple[Any, ...]]:
    """Subject, status, severity, gap (value and unit) and progress of every verdict, in order."""
    return [
        (
            v.subject,
            v.status,
            v.severity,
            None if v.gap is None else (_number(v.gap.low), _number(v.gap.high), v.gap.unit),
            _number(v.progress),
        )
        for v in verdicts
    ]


def sentences(verdicts: Any) -> list[tuple[Any, ...]]:
    """Subject, reason, refs, note and both languages' sentences of every verdict, in order."""
    return [
        (v.subject, v.reason, v.refs, v.note, v.explain("zh"), v.explain("en")) for v in verdicts
    ]


def case(index: int) -> tuple[g.Plan, list[g.Observation], g.RuleSet, str | None]:
    """Golden case *index*: its plan, observations, target-rule settings and as-of day."""
    description = generate(index)
    plan, observations, settings = build(description)
    rules = g.RuleSet(rules=("targets",)).configure("targets", basically_met=settings.basically_met)
    return plan, observations, rules, description["as_of"]
