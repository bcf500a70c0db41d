"""The in-process executor's whole-column level path: final exact levels, a column at a time.

A template target over sub-units on a ledger of one period is the common
case: one value row per sub-unit, each an exact level in the threshold's unit.
:class:`LevelColumns` answers such checks in bulk — the comparator truth's
column form (:func:`~govplan.engine.comparisons.point_test`) over the value
column, the codes written with ``bytes.translate`` — and in a tight loop when
the rows need picking.  Any check it cannot answer so is handed back to the
general path (the ``fallback`` of :meth:`LevelColumns.scopes`).  Property tests
hold every shortcut here to the general path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import is_, itemgetter
from typing import Any, TypeVar, cast

from ..check_table import CompiledTarget, ReasonCode, StatusCode, ValueColumns
from ..comparisons import Acceptor, Span, point_test
from ..value_columns import RowIndex
from .progress import point_progress
from .result_columns import (
    SEVERITY_TABLE,
    STATUS_BY_TRUTH,
    CheckResults,
    Derived,
    Rebuilt,
    severity_of,
)

__all__ = ["LevelColumns"]

_T = TypeVar("_T")

MET, MISSED = StatusCode.MET, StatusCode.MISSED
BASICALLY_MET = StatusCode.BASICALLY_MET
_FALSE = repeat(False)
# Status of an exact value by whether it is acceptable (False 0, True 1), for bytes.translate.
_STATUS_OF_BOOL = bytes((MISSED, MET)) + bytes(254)
# Status of a compared result by its Truth (NONE 0, ALL 1, SOME 2), for bytes.translate.
_STATUS_OF_TRUTH_CODE = bytes(STATUS_BY_TRUTH) + bytes(253)

Fallback = Callable[[str], None]
"""The general path for one scope's check (what the fast path cannot answer)."""


class LevelColumns:
    """Facts about one pass's value columns, worked out once, and the level checks they allow."""

    __slots__ = ("_changes", "_plain", "_shared", "index", "values")

    def __init__(self, values: ValueColumns, index: RowIndex) -> None:
        self.values = values
        self.index = index
        self._plain: bool | None = None
        self._changes: bool | None = None
        self._shared: dict[int, object] = {}

    def plain_levels(self) -> bool:
        """Whether every value row is a whole-scope level with an exact closed value (or none).

        Worked out once per pass over whole columns, at C speed; then the fast
        path need not test each candidate row for a change, a slice or an interval.
        """
        found = self._plain
        if found is None:
            values = self.values
            found = self._plain = not (
                any(values.change_from)
                or any(values.breakdown)
                or any(values.low_open)
                or any(values.high_open)
                or not (values.low is values.high or all(map(is_, values.low, values.high)))
            )
        return found

    def stated_changes(self) -> bool:
        """Whether any value row states a change (worked out once per pass, at C speed)."""
        found = self._changes
        if found is None:
            found = self._changes = any(self.values.change_from)
        return found

    def shared(self, column: list[_T]) -> _T | None:
        """The one object every row of *column* holds (by identity), else ``None``.

        A pointer scan, remembered per column for the pass (a ledger of one
        period and one unit needs no per-row test of either).
        """
        key = id(column)
        if key not in self._shared:
            first = column[0] if column else None
            same = first is not None and all(map(is_, column, repeat(first)))
            self._shared[key] = first if same else None
        return cast("_T | None", self._shared[key])

    def scopes(
        self,
        row: CompiledTarget,
        scopes: dict[str, None],
        accept: Acceptor,
        out: CheckResults,
        fallback: Fallback,
    ) -> None:
        """Final levels in the threshold's unit: the common case, in bulk or in a tight loop.

        *scopes* are the registered sub-units of the row's scope; the sub-units
        the value rows name are added to them.  The same truth (*accept*, or
        its column form :func:`~govplan.engine.comparisons.point_test`) and the
        same statuses as the general path; rows that are not levels in the
        threshold's unit go through *fallback*.
        """
        values, issuer, parent = self.values, self.index.issuer, row.scope
        period, unit, binding, number = row.target.period, row.unit, row.binding, row.check
        # One scan: the scopes named by level rows, in order of first appearance
        # (the sub-units to check), and per scope the last whole-scope level row
        # for the target's period.
        v_scope, v_period, v_change = values.scope, values.period, values.change_from
        v_breakdown = values.breakdown
        candidates = self.index.by_indicator.get(row.target.indicator_id, [])
        count = len(candidates)
        pick = (
            itemgetter(*candidates)
            if count > 1
            else lambda column: tuple(column[r] for r in candidates)
        )
        row_scopes = pick(v_scope)
        distinct = values.distinct_scopes()  # no scope twice, none missing (whole column)
        last: dict[str | None, int]
        named: dict[str, None]
        if (
            (
                self.plain_levels()
                or (pick(v_change).count(None) == count and pick(v_breakdown).count(None) == count)
            )
            and (self.shared(v_period) is period or pick(v_period).count(period) == count)
            # identity: no string is read
            and (distinct or not any(map(is_, row_scopes, repeat(None))))
        ):
            # Every row a whole-scope level of the target's period (a ledger
            # of one period).  One row per sub-unit, none of them registered:
            # the rows are the checks, in order.
            direct = (
                not scopes
                and (distinct or len(set(row_scopes)) == count)
                and ((distinct and parent is None) or parent not in row_scopes)
                and (issuer is None or issuer == parent or issuer not in row_scopes)
            )
            if direct and self.write(row, row_scopes, None, accept, out, candidates, pick):
                return
            named = dict.fromkeys(row_scopes)
            last = dict(zip(row_scopes, candidates, strict=True))
        else:
            last, named = {}, {}
            for candidate in candidates:
                if v_change[candidate] is not None:
                    continue
                scope = v_scope[candidate]
                if scope:
                    named[scope] = None
                p = v_period[candidate]
                if v_breakdown[candidate] is None and (p is period or p == period):
                    last[scope or issuer] = candidate
        for scope in named:
            if scope != parent and scope != issuer:  # the issuer: no sub-unit (as the query)
                scopes[scope] = None
        lows, highs, low_open, units = values.low, values.high, values.low_open, values.unit
        high_open = values.high_open
        if self.write(row, list(scopes), last, accept, out):
            return
        checks, scopes_out, breakdowns = out.check, out.scope, out.breakdown
        value_rows, status_col, severity_col = out.value_row, out.status, out.severity
        reason_col = out.reason
        tolerance = row.tolerance
        met_severity = severity_of(MET, binding)
        missed_severity = severity_of(MISSED, binding)
        compared = ReasonCode.COMPARED
        derived = out.derived
        for scope in scopes:
            found = last.get(scope, -1)
            if found >= 0:
                low = lows[found]
                u = units[found]
                if (
                    low is not None
                    and highs[found] is low
                    and not low_open[found]
                    and (u is unit or u == unit)
                ):
                    status = STATUS_BY_TRUTH[accept(low, low, False, False)]
                    if status is MISSED and tolerance:
                        share = point_progress(row, low, None)
                        if share is not None and share >= tolerance:
                            status = BASICALLY_MET
                    checks.append(number)
                    scopes_out.append(scope)
                    breakdowns.append(None)
                    value_rows.append(found)
                    status_col.append(status)
                    severity_col.append(
                        met_severity
                        if status is MET
                        else missed_severity
                        if status is MISSED
                        else severity_of(status, binding)
                    )
                    reason_col.append(compared)
                    continue
                if u is not None and (u is unit or u == unit):
                    # An interval (300多) in the threshold's unit: judged as the general path does.
                    span = Span(low, highs[found], low_open[found], high_open[found])
                    answer = accept(*span)
                    status = STATUS_BY_TRUTH[answer]
                    if not (status is MISSED and tolerance):
                        derived[len(status_col)] = Derived(span, (found,), -1, None, answer)
                        checks.append(number)
                        scopes_out.append(scope)
                        breakdowns.append(None)
                        value_rows.append(found)
                        status_col.append(status)
                        severity_col.append(SEVERITY_TABLE[binding][status])
                        reason_col.append(compared)
                        continue
            fallback(scope)

    def write(
        self,
        row: CompiledTarget,
        order: Sequence[str],
        last: dict[str | None, int] | None,
        accept: Acceptor,
        out: CheckResults,
        found: list[int] | None = None,
        pick: Callable[[list[Any]], tuple[Any, ...]] | None = None,
    ) -> bool:
        """Column at a time, when every check has a value in the threshold's unit.

        The truth of each check is still the comparator truth's: for exact
        values its column form (:func:`~govplan.engine.comparisons.point_test`),
        else :func:`~govplan.engine.comparisons.acceptor` mapped over the
        intervals; only the bookkeeping around it is done in bulk, and a run with
        intervals is noted (:class:`.Rebuilt`) so that their spans are read
        from their value rows when a verdict is.  False (nothing written) when
        any check needs the general path.
        """
        values, count = self.values, len(order)
        if count < 2:
            return False
        if found is None:
            assert last is not None
            found = list(map(last.get, order, repeat(-1)))
            if -1 in found:
                return False
        if pick is None:
            pick = itemgetter(*found)
        lows = pick(values.low)
        plain = self.plain_levels()
        one_unit = self.shared(values.unit) is row.unit
        if not one_unit and pick(values.unit).count(row.unit) != count:
            return False
        exact = (
            (plain or all(map(is_, lows, pick(values.high))))
            and (plain or not any(pick(values.low_open)))
            and not any(map(is_, lows, repeat(None)))  # identity: Decimal == None is slow
        )
        test = point_test(row.low, row.low_closed, row.high, row.high_closed)
        if not exact:
            # Intervals (300多) among them, every row with a value in the
            # threshold's unit: the acceptor on each, its truth as the status.
            highs, low_open, high_open = (
                pick(values.high),
                pick(values.low_open),
                pick(values.high_open),
            )
            statuses = bytes(map(accept, lows, highs, low_open, high_open)).translate(
                _STATUS_OF_TRUTH_CODE
            )
        elif test is None:
            statuses = bytes(
                map(STATUS_BY_TRUTH.__getitem__, map(accept, lows, lows, _FALSE, _FALSE))
            )
        else:
            statuses = bytes(test(lows)).translate(_STATUS_OF_BOOL)
        if row.tolerance and MISSED in statuses:
            return False  # basically met needs each miss's progress: the general loop
        start = out.add_compared(row.check, row.binding, statuses, found, order)
        if not exact:
            # The spans of the intervals are their value rows': rebuilt when read.
            out.rebuilt.append(Rebuilt(start, start + count))
        return True
