"""Shared helpers for the executor tests: one outcome shape for every executor."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
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


NOTES = ("", "受疫情影响，数据为初步统计", "已核实", " ", "含民办学校\u3000", "'-已整改")
"""Notes a ledger's 备注 column may hold: blank ones, Chinese text, white space around it,
and one escaped against spreadsheet formulas as govplan's CSV templates escape it."""

LEDGER_HEADER = ("指标", "填报单位", "期间", "数值", "编号", "备注")


def ledger_rows(observations: Sequence[g.Observation]) -> list[g.Observation]:
    """The observations a ledger can hold (no breakdown, no change against a period)."""
    return [o for o in observations if not o.breakdown and o.change_from is None]


def write_ledger(path: Path, observations: Sequence[g.Observation], notes: Sequence[str]) -> Path:
    """A CSV ledger of *observations* (see :func:`ledger_rows`), the k-th row noted ``notes[k]``.

    Each value is written as it reads (``95多%``, ``(95,96]%``, ``3万元``), a
    missing one as a blank cell; *notes* are used in turn.
    """
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(LEDGER_HEADER)
        for k, o in enumerate(ledger_rows(observations)):
            value = "" if o.value is None else str(o.value)
            note = notes[k % len(notes)] if notes else ""
            writer.writerow([o.indicator_id, o.scope or "", str(o.period), value, o.id or "", note])
    return path
