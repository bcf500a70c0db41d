"""Interim results: the rows that stand for a period before its end, and when they decide it.

A result for part of a target's period (a half, the months so far, 1 January
to 30 November) is *interim*.  The latest one is judged against the pace
before the due day; for a cumulative target — whose totals only grow — any
one that already reaches a floor or breaches a ceiling decides the target for
good (DESIGN §6: time is monotone).  A result from the period's start up to
its deadline (or later, before its end) is final at the deadline.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from ...model.observations import Observation
from ...values.periods import Period
from ..check_table import ComparatorCode, CompiledTarget, StatusCode, Truth
from ..comparisons import Acceptor, Span, truth

__all__ = ["covering_row", "decides", "interim_rows"]

_RISING = (ComparatorCode.AT_LEAST, ComparatorCode.MORE_THAN)


def interim_rows(
    row: CompiledTarget, found: Sequence[int], observations: Sequence[Observation]
) -> list[int]:
    """Level rows with a value inside *row*'s period that end before it and by its due day.

    Latest end first; for one end, the longer stretch (a year-to-date total
    before a month), then the first given.
    """
    period, due = row.target.period, row.due
    rows = [
        r
        for r in found
        if (o := observations[r]).change_from is None
        and o.value is not None
        and period.start <= o.period.start
        and o.period.end < period.end
        and o.period.end <= due
    ]
    rows.sort(key=lambda r: (-observations[r].period.end.toordinal(), observations[r].period.start))
    return rows


def decides(row: CompiledTarget, span: Span, accept: Acceptor) -> StatusCode | None:
    """MET or MISSED when an interim total of a cumulative target decides it; else ``None``.

    A total that reaches a floor is met; one wholly above the acceptable
    interval's high end (a ceiling, a zero, the top of a range) is missed.
    """
    if row.comparator in _RISING:
        return StatusCode.MET if accept(*span) is Truth.ALL else None
    if row.high is not None:
        above = truth(*span, None, False, row.high, row.high_closed)
        if above is Truth.NONE:
            return StatusCode.MISSED
    return None


def covering_row(
    rows: Sequence[int], observations: Sequence[Observation], period: Period, due: pendulum.Date
) -> int:
    """The level row from *period*'s start to its deadline or later (before its end), or -1.

    The latest-ending one; for one end, the last given.
    """
    best, best_end = -1, due
    for row in rows:
        o = observations[row]
        end = o.period.end
        if (
            o.change_from is None
            and o.period.start == period.start
            and best_end <= end < period.end
        ):
            best, best_end = row, end
    return best
