"""The result columns of one in-process pass, and the severity of a target check.

:class:`CheckResults` holds, per check, small codes in columns (see
:data:`~govplan.engine.table_columns.RESULT_COLUMNS`); :class:`Derived` holds
the few facts a check off the fast path worked out beyond its value row.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from fractions import Fraction
from operator import attrgetter
from typing import NamedTuple

import attrs
import pendulum

from ...model.observations import Observation
from ..check_table import (
    CheckTable,
    ReasonCode,
    SeverityCode,
    StatusCode,
    Truth,
    ValueColumns,
    slice_key,
)
from ..comparisons import Span, acceptor
from .row_values import compared_levels

__all__ = [
    "SEVERITY_TABLE",
    "STATUS_BY_TRUTH",
    "CheckResults",
    "Derived",
    "Rebuilt",
    "severity_of",
]

MET, MISSED, PENDING = StatusCode.MET, StatusCode.MISSED, StatusCode.PENDING


def severity_of(status: StatusCode, binding: bool) -> SeverityCode:
    """A target check's severity: a miss fails a binding target, else is a shortfall."""
    if status is MISSED:
        return SeverityCode.FAILURE if binding else SeverityCode.SHORTFALL
    if status is MET or status is PENDING:
        return SeverityCode.INFO
    return SeverityCode.WARNING


STATUS_BY_TRUTH = (MISSED, MET, StatusCode.INDETERMINATE)
"""Status of a compared result, indexed by its :class:`~govplan.engine.check_table.Truth`."""

SEVERITY_TABLE = tuple(
    bytes(severity_of(StatusCode(c), binding) if c in set(StatusCode) else 0 for c in range(256))
    for binding in (False, True)
)
"""Status code → severity code, as byte tables (non-binding, binding) for ``bytes.translate``."""


class Derived(NamedTuple):
    """What a check derived beyond its value row.

    Kept only for checks off the fast path (the common final exact level needs
    nothing beyond its value row).

    Attributes:
        span: The judged interval in the threshold's unit (a level, change,
            growth or difference); ``None`` when a value it needs is missing.
        refs: The value rows used, in order (current, then baseline or reference).
        baseline: The value row of a level target's baseline (for progress).
        pace: The pro-rata pace a cumulative interim total was held to.
        truth: The comparator truth, when the result was compared.

    """

    span: Span | None = None
    refs: tuple[int, ...] = ()
    baseline: int = -1
    pace: Fraction | None = None
    truth: Truth | None = None


class Rebuilt(NamedTuple):
    """A run of checks written a column at a time whose :class:`Derived` facts are rebuilt on read.

    Attributes:
        start: The position of the run's first check.
        stop: The position after its last check.
        others: Per check, the second value row compared (the baseline of a
            change or growth); ``None`` for a run of levels, whose span is
            their value row's.

    """

    start: int
    stop: int
    others: array[int] | None = None


_START = attrgetter("start")


@attrs.define(slots=True, eq=False)
class CheckResults:
    """The result columns of one pass (see :data:`~govplan.engine.check_table.RESULT_COLUMNS`).

    Attributes:
        table: The compiled checks.
        values: The results, by value row.
        as_of: The evaluation day, if any.
        check: The check row of each result.
        scope: Each result's slice scope (``None``: the target's own scope).
        breakdown: Each result's breakdown slice label (``None``: no slice).
        status: Status codes.
        severity: Severity codes.
        reason: Reason codes.
        value_row: The value row judged, or -1.
        derived: Extra facts of the checks that have any, by result position
            (read them with :meth:`derived_at`).
        rebuilt: Runs of checks whose facts are rebuilt when read (see :meth:`derived_at`).

    """

    table: CheckTable
    values: ValueColumns
    as_of: pendulum.Date | None
    check: array[int] = attrs.field(factory=lambda: array("i"))
    scope: list[str | None] = attrs.field(factory=list)
    breakdown: list[Mapping[str, str] | None] = attrs.field(factory=list)
    status: bytearray = attrs.field(factory=bytearray)
    severity: bytearray = attrs.field(factory=bytearray)
    reason: bytearray = attrs.field(factory=bytearray)
    value_row: array[int] = attrs.field(factory=lambda: array("i"))
    derived: dict[int, Derived] = attrs.field(factory=dict)
    rebuilt: list[Rebuilt] = attrs.field(factory=list)

    def __len__(self) -> int:
        return len(self.status)

    def add_compared(
        self,
        check: int,
        binding: bool,
        statuses: bytes,
        value_rows: Sequence[int],
        scopes: Sequence[str | None],
    ) -> int:
        """Append a run of compared results of check row *check*; the run's first position.

        A column path writes a template's sub-units at once: their statuses,
        the severities those give, the value rows judged and the scopes.
        """
        start, count = len(self.status), len(statuses)
        self.status += statuses
        self.severity += statuses.translate(SEVERITY_TABLE[binding])
        self.reason += bytes((ReasonCode.COMPARED,)) * count
        self.check.extend(array("i", (check,)) * count)
        self.value_row.extend(array("i", value_rows))
        self.scope += scopes
        self.breakdown += [None] * count
        return start

    def derived_at(self, position: int) -> Derived | None:
        """What the check at *position* derived beyond its value row, or ``None``.

        ``None`` for a final exact level in the threshold's unit (its verdict
        reads the value row).  A check written in a column run is rebuilt here,
        with the span the general path works out (:func:`.compared_levels`)
        and the one comparator truth: the same facts, not kept per check.
        """
        found = self.derived.get(position)
        if found is not None or not self.rebuilt:
            return found
        # Runs are written in order of position: the last one starting at or before it.
        at = bisect_right(self.rebuilt, position, key=_START) - 1
        if at < 0 or position >= self.rebuilt[at].stop:
            return None
        return self._rebuild(position, self.rebuilt[at])

    def _rebuild(self, position: int, run: Rebuilt) -> Derived | None:
        row = self.table.rows[self.check[position]]
        values, first = self.values, self.value_row[position]
        accept = acceptor(row.low, row.low_closed, row.high, row.high_closed)
        if run.others is None:
            low, high, low_open = values.low[first], values.high[first], values.low_open[first]
            if low is not None and high is low and not low_open:
                return None  # an exact level, read from its value row
            span = Span(low, high, low_open, values.high_open[first])
            return Derived(span, (first,), -1, None, accept(*span))
        second = run.others[position - run.start]
        now, then = values.quantity(first), values.quantity(second)
        assert now is not None
        assert then is not None
        found = compared_levels(row.basis, now, then, row.indicator.unit, row.unit)
        assert found is not None
        return Derived(found, (first, second), -1, None, accept(*found))

    def columns(self) -> dict[str, list[object]]:
        """The result columns (:data:`~govplan.engine.check_table.RESULT_COLUMNS`), column-wise.

        What a query executor must reproduce: ``scope`` is resolved (a check of
        the issuer's own target names the issuer), ``breakdown`` is the slice key.
        """
        rows = self.table.rows
        return {
            "check": list(self.check),
            "scope": [
                rows[c].scope if s is None else s
                for c, s in zip(self.check, self.scope, strict=True)
            ],
            "breakdown": [slice_key(b) if b else "" for b in self.breakdown],
            "status": list(self.status),
            "severity": list(self.severity),
            "reason": list(self.reason),
            "value_row": list(self.value_row),
        }

    @property
    def observations(self) -> Sequence[Observation]:
        """The observation of each value row (built on read for column input)."""
        return self.values.rows
