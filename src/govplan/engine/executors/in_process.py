"""The in-process executor: one pass over a check table and the results.

This is the reference semantics of a check.  For each check row (each scope
or slice of a template row) it finds the final result for the target's scope
and period — or, before the due day, the latest interim result — turns it
into an exact interval in the threshold's unit (a level, a change or growth
against the baseline, or a difference from a reference scope), and asks the
one comparator truth (:func:`~govplan.engine.comparisons.truth`) whether it
lies in the acceptable interval.  Time turns a missing result into *pending*
before the due day and *no data* after it; no data past the due day of a
binding target (``missing_fails``) fails the run.

The pass writes small codes into columns (:class:`CheckResults`); everything
a verdict shows is worked out from them when a verdict is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from itertools import repeat
from operator import is_, itemgetter
from typing import Any, TypeVar, cast

import pendulum

from ...model.observations import Observation
from ...model.organisations import Organisation
from ...values.periods import Period
from ..check_table import (
    BasisCode,
    CheckTable,
    CompiledTarget,
    ForEachCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
    Truth,
    ValueColumns,
    slice_key,
    value_columns,
)
from ..comparisons import Acceptor, Span, acceptor, point_test, truth
from ..value_columns import RowIndex
from .interim import covering_row, decides, interim_rows
from .progress import RISING, point_progress, progress_share
from .result_columns import CheckResults, Derived, severity_of
from .row_values import (
    as_fraction,
    convert_span,
    difference_of,
    known_rows,
    level_row,
    point_growth,
    states_change,
    value_span,
)

__all__ = ["CheckResults", "Derived", "point_progress", "progress_share", "run_checks"]

_T = TypeVar("_T")

MET, MISSED, BASICALLY_MET = StatusCode.MET, StatusCode.MISSED, StatusCode.BASICALLY_MET
INDETERMINATE, PENDING, AT_RISK = StatusCode.INDETERMINATE, StatusCode.PENDING, StatusCode.AT_RISK
NO_DATA = StatusCode.NO_DATA
# Status of a compared result, indexed by its Truth (NONE 0, ALL 1, SOME 2).
_STATUS_OF = (MISSED, MET, INDETERMINATE)
_FALSE = repeat(False)
# Status of an exact value by whether it is acceptable (False 0, True 1), for bytes.translate.
_STATUS_OF_BOOL = bytes((MISSED, MET)) + bytes(254)


# Status code → severity code, as byte tables (non-binding, binding) for bytes.translate.
_SEVERITY_TABLE = tuple(
    bytes(severity_of(StatusCode(c), binding) if c in set(StatusCode) else 0 for c in range(256))
    for binding in (False, True)
)


# The reason of a binding target's no data that fails the run.
_FAILING_REASON = {
    ReasonCode.NO_RESULT: ReasonCode.NO_RESULT_FAILS,
    ReasonCode.NO_VALUE: ReasonCode.NO_VALUE_FAILS,
    ReasonCode.NOT_DERIVABLE: ReasonCode.NOT_DERIVABLE_FAILS,
}


class _Pass:
    """One executor pass: state shared by every check of one run."""

    def __init__(
        self,
        table: CheckTable,
        values: ValueColumns,
        as_of: pendulum.Date | None,
        organisations: Sequence[Organisation],
    ) -> None:
        self.table = table
        self.values = values
        self.obs = values.rows
        self.as_of = as_of
        self.organisations = organisations
        self.index = RowIndex(values, table.issuer)
        self.out = CheckResults(table=table, values=values, as_of=as_of)
        self._plain: bool | None = None
        self._changes: bool | None = None
        # Whether any value row was derived by roll-up or contradicts its counts.
        self.rolled_up = bool(values.derivations or values.disagreements)
        self._shared: dict[int, object] = {}

    def run(self) -> CheckResults:
        for row in self.table.rows:
            if row.for_each is ForEachCode.NONE:
                self.check(row, row.target.scope, "", None)
            elif row.for_each is ForEachCode.SCOPE:
                self.each_scope(row)
            else:
                self.each_slice(row)
        return self.out

    def each_scope(self, row: CompiledTarget) -> None:
        parent = row.scope
        scopes = dict.fromkeys(o.id for o in self.organisations if o.parent_id == parent)
        accept = acceptor(row.low, row.low_closed, row.high, row.high_closed)
        fast = (
            row.basis is BasisCode.LEVEL
            and row.baseline is None
            and (self.as_of is None or row.target.period.end <= self.as_of)
            and not self.values.derivations
            and not self.values.disagreements
        )
        if fast:
            self.fast_scopes(row, scopes, accept)
            return
        for scope in self.index.level_scopes(row.target.indicator_id):
            if scope != parent:
                scopes[scope] = None
        if row.basis is not BasisCode.LEVEL and self.as_of is None and not self.rolled_up:
            self.final_scopes(row, scopes, accept)
            return
        for scope in scopes:
            self.check(row, scope, "", None, accept)

    def final_scopes(self, row: CompiledTarget, scopes: dict[str, None], accept: Acceptor) -> None:
        """The checks of a template row on a change, growth or difference, time playing no part.

        What :meth:`check` and :meth:`judge` do for such a row, with the row's
        lookups made once: every result compared is written here, with the same
        :meth:`final` span and the same truth; any other check (no result, a
        missing value, a miss within the tolerance) goes through :meth:`check`.
        """
        if row.basis is BasisCode.GROWTH:
            # A growth is a Fraction: the same ends as Fractions compare faster.
            accept = acceptor(
                as_fraction(row.low), row.low_closed, as_fraction(row.high), row.high_closed
            )
        slices = self.index.slices(row.target.indicator_id)
        issuer, period, obs, final = self.index.issuer, row.target.period, self.obs, self.final
        out, tolerance, number = self.out, row.tolerance, row.check
        severities, derived = _SEVERITY_TABLE[row.binding], out.derived
        compared = ReasonCode.COMPARED
        for scope in scopes:
            found = slices.get(scope or issuer) or []
            result = final(row, found, level_row(found, obs, period), scope, "")
            span = None if result is None else result.span
            if span is None:
                self.check(row, scope, "", None, accept)
                continue
            assert result is not None
            answer = accept(span.low, span.high, span.low_open, span.high_open)
            status = _STATUS_OF[answer]
            if status is MISSED and tolerance:
                self.check(row, scope, "", None, accept)
                continue
            derived[len(out.status)] = Derived(span, result.refs, -1, result.pace, answer)
            out.check.append(number)
            out.scope.append(scope)
            out.breakdown.append(None)
            out.value_row.append(result.refs[0])
            out.status.append(status)
            out.severity.append(severities[status])
            out.reason.append(compared)

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

    def fast_scopes(self, row: CompiledTarget, scopes: dict[str, None], accept: Acceptor) -> None:
        """Final exact levels in the threshold's unit: the common case, in a tight loop.

        The same truth (*accept*, or its column form
        :func:`~govplan.engine.comparisons.point_test`) and the same statuses as
        :meth:`check`; rows that are not plain exact levels go through :meth:`check`.
        """
        values, issuer, parent = self.values, self.table.issuer, row.scope
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
            )
            if direct and self.whole_columns(row, row_scopes, None, accept, candidates, pick):
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
            if scope != parent:
                scopes[scope] = None
        lows, highs, low_open, units = values.low, values.high, values.low_open, values.unit
        high_open = values.high_open
        if self.whole_columns(row, list(scopes), last, accept):
            return
        out = self.out
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
                    status = _STATUS_OF[accept(low, low, False, False)]
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
                    # An interval (300多) in the threshold's unit: judged as judge() does.
                    span = Span(low, highs[found], low_open[found], high_open[found])
                    answer = accept(*span)
                    status = _STATUS_OF[answer]
                    if not (status is MISSED and tolerance):
                        derived[len(status_col)] = Derived(span, (found,), -1, None, answer)
                        checks.append(number)
                        scopes_out.append(scope)
                        breakdowns.append(None)
                        value_rows.append(found)
                        status_col.append(status)
                        severity_col.append(_SEVERITY_TABLE[binding][status])
                        reason_col.append(compared)
                        continue
            self.check(row, scope, "", None, accept)

    def whole_columns(
        self,
        row: CompiledTarget,
        order: Sequence[str],
        last: dict[str | None, int] | None,
        accept: Acceptor,
        found: list[int] | None = None,
        pick: Callable[[list[Any]], tuple[Any, ...]] | None = None,
    ) -> bool:
        """Column at a time, when every check has an exact value in the threshold's unit.

        The truth of each check is still the comparator truth's
        (:func:`~govplan.engine.comparisons.point_test`, the column form of
        :func:`~govplan.engine.comparisons.acceptor`); only the bookkeeping
        around it is done in bulk.  False (nothing written) when any check
        needs the general path.
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
        if (
            (not one_unit and pick(values.unit).count(row.unit) != count)
            or not (plain or all(map(is_, lows, pick(values.high))))
            or (not plain and any(pick(values.low_open)))
            or any(map(is_, lows, repeat(None)))  # identity: Decimal == None is slow
        ):
            return False
        test = point_test(row.low, row.low_closed, row.high, row.high_closed)
        if test is None:
            statuses = bytes(map(_STATUS_OF.__getitem__, map(accept, lows, lows, _FALSE, _FALSE)))
        else:
            statuses = bytes(test(lows)).translate(_STATUS_OF_BOOL)
        if row.tolerance and MISSED in statuses:
            return False  # basically met needs each miss's progress: the general loop
        out = self.out
        out.status += statuses
        out.severity += statuses.translate(_SEVERITY_TABLE[row.binding])
        out.reason += bytes((ReasonCode.COMPARED,)) * count
        out.check.extend(array("i", (row.check,)) * count)
        out.value_row.extend(array("i", found))
        out.scope += order
        out.breakdown += [None] * count
        return True

    def each_slice(self, row: CompiledTarget) -> None:
        accept = acceptor(row.low, row.low_closed, row.high, row.high_closed)
        prefix = f"{row.scope}|"
        for key, breakdown in self.index.breakdown_slices(row.target.indicator_id).items():
            if key.startswith(prefix):
                self.check(row, row.target.scope, slice_key(breakdown), breakdown, accept)

    def check(
        self,
        row: CompiledTarget,
        scope: str | None,
        breakdown_key: str,
        breakdown: Mapping[str, str] | None,
        accept: Acceptor | None = None,
    ) -> None:
        """The general path: any basis, intervals, interim results and time."""
        if accept is None:
            accept = acceptor(row.low, row.low_closed, row.high, row.high_closed)
        as_of = self.as_of
        found = self.index.rows(row.target.indicator_id, scope, breakdown_key)
        if as_of is not None:
            found = known_rows(found, self.obs, as_of)
        ended = as_of is None or as_of > row.due
        status, reason, value_row, derived = self.judge(
            row, found, scope, breakdown_key, ended, accept
        )
        if value_row >= 0 and self.rolled_up:
            status, reason = self.rolled(row, status, reason, value_row, derived)
        out = self.out
        position = len(out.status)
        out.check.append(row.check)
        out.scope.append(scope if row.for_each is ForEachCode.SCOPE else row.target.scope)
        out.breakdown.append(breakdown)
        out.value_row.append(value_row)
        out.status.append(status)
        if status is NO_DATA and row.missing_fails:
            # Missing is not passing: a binding target past its due day with no data.
            out.severity.append(SeverityCode.FAILURE)
            reason = _FAILING_REASON[reason]
        elif status is StatusCode.INCONSISTENT:
            # A result that contradicts its own counts cannot pass a binding target.
            out.severity.append(SeverityCode.FAILURE if row.binding else SeverityCode.WARNING)
        else:
            out.severity.append(_SEVERITY_TABLE[row.binding][status])
        out.reason.append(reason)
        if derived is not None:
            out.derived[position] = derived

    def rolled(
        self,
        row: CompiledTarget,
        status: StatusCode,
        reason: ReasonCode,
        value_row: int,
        derived: Derived | None,
    ) -> tuple[StatusCode, ReasonCode]:
        """The status and reason of a check that judged a derived or self-contradicting row."""
        values = self.values
        used = (value_row,) if derived is None else derived.refs
        if values.disagreements and any(r in values.disagreements for r in values.sources(used)):
            return StatusCode.INCONSISTENT, ReasonCode.COUNTS_DISAGREE
        if value_row in values.derivations:
            if reason is ReasonCode.COMPARED:
                return status, ReasonCode.DERIVED
            if reason is ReasonCode.NO_VALUE:
                return status, ReasonCode.NOT_DERIVABLE
        return status, reason

    def judge(
        self,
        row: CompiledTarget,
        found: list[int],
        scope: str | None,
        breakdown_key: str,
        ended: bool,
        accept: Acceptor,
    ) -> tuple[StatusCode, ReasonCode, int, Derived | None]:
        obs = self.obs
        target = row.target
        current = level_row(found, obs, target.period)
        if current < 0 and row.basis is BasisCode.LEVEL and row.due < target.period.end:
            # Data covering the period up to its deadline decides at the deadline.
            current = covering_row(found, obs, target.period, row.due)
        result = self.final(row, found, current, scope, breakdown_key)
        if result is not None and result.span is not None:
            span = result.span
            answer: Truth = accept(span.low, span.high, span.low_open, span.high_open)
            status = _STATUS_OF[answer]
            baseline = -1
            if target.baseline is not None and row.basis is BasisCode.LEVEL:
                baseline = level_row(found, obs, target.baseline)
            if status is MISSED and row.tolerance:
                base = None if baseline < 0 else value_span(obs[baseline], row.unit)
                share = progress_share(row, span, base)
                if share is not None and share >= row.tolerance:
                    status = BASICALLY_MET
            derived = Derived(result.span, result.refs, baseline, result.pace, answer)
            return status, ReasonCode.COMPARED, result.refs[0], derived
        if row.cumulative and row.basis is BasisCode.LEVEL:
            decided = self.decided(row, found, accept)
            if decided is not None:
                return decided
        if result is not None:
            status = NO_DATA if ended else PENDING
            return status, ReasonCode.NO_VALUE, result.refs[0], result
        if ended:
            return NO_DATA, ReasonCode.NO_RESULT, -1, None
        interim = self.interim(row, found)
        if interim < 0 or row.basis is not BasisCode.LEVEL:
            return PENDING, ReasonCode.NOT_DUE, -1, None
        return self.pace(row, interim, accept)

    def final(
        self,
        row: CompiledTarget,
        found: list[int],
        current: int,
        scope: str | None,
        breakdown_key: str,
    ) -> Derived | None:
        """The result for the target's whole period, on the target's basis."""
        obs, target, unit = self.obs, row.target, row.unit
        base = row.indicator.unit
        if row.basis is BasisCode.LEVEL:
            if current < 0:
                return None
            return Derived(span=self.span_of(current, row), refs=(current,))
        if row.basis is BasisCode.REFERENCE:
            assert target.reference_scope is not None
            others = known_rows(
                self.index.rows(target.indicator_id, target.reference_scope, breakdown_key),
                obs,
                self.as_of,
            )
            reference = level_row(others, obs, target.period)
            if current < 0:
                return None
            now = obs[current].value
            if now is None or reference < 0 or obs[reference].value is None:
                return Derived(span=None, refs=(current,))
            then = obs[reference].value
            assert then is not None
            difference = Span.of(now, base) - Span.of(then, base)
            return Derived(
                span=convert_span(difference, difference_of(base), unit), refs=(current, reference)
            )
        assert target.baseline is not None
        stated = (
            [r for r in found if states_change(obs[r], target.baseline, target.period)]
            if self.stated_changes()
            else ()
        )
        if stated:
            change = obs[stated[-1]].value
            assert change is not None
            if change.unit.is_compatible(unit):
                return Derived(span=Span.of(change, unit), refs=(stated[-1],))
        baseline = level_row(found, obs, target.baseline)
        if current < 0:
            return None
        now = obs[current].value
        if now is None or baseline < 0 or obs[baseline].value is None:
            return Derived(span=None, refs=(current,))
        then = obs[baseline].value
        assert then is not None
        current_span, before = Span.of(now, base), Span.of(then, base)
        refs = (current, baseline)
        if row.basis is BasisCode.CHANGE:
            return Derived(
                span=convert_span(current_span - before, difference_of(base), unit), refs=refs
            )
        if (
            current_span.is_point
            and before.is_point
            and not (current_span.low_open or current_span.high_open)
            and not (before.low_open or before.high_open)
        ):
            # Exact values: the growth is one exact quotient (held to the span
            # arithmetic below by a property test).
            return Derived(span=point_growth(current_span.low, before.low), refs=refs)
        ratio = current_span.divide(before)
        span = None if ratio is None else (ratio - Span.point(1)).scale(Fraction(100))
        return Derived(span=span, refs=refs)

    def span_of(self, value_row: int, row: CompiledTarget) -> Span | None:
        """The value of *value_row* in the threshold's unit (a derived quotient exactly)."""
        derivation = self.values.derivations.get(value_row)
        if derivation is not None and derivation.exact is not None:
            return convert_span(derivation.exact, row.indicator.unit, row.unit)
        return value_span(self.obs[value_row], row.unit)

    def interim(self, row: CompiledTarget, found: list[int]) -> int:
        """The latest level row inside the target's period that ends before its end, or -1."""
        rows = interim_rows(row, found, self.obs)
        return rows[0] if rows else -1

    def decided(
        self, row: CompiledTarget, found: list[int], accept: Acceptor
    ) -> tuple[StatusCode, ReasonCode, int, Derived | None] | None:
        """A cumulative target already decided by an interim total, for good (or ``None``).

        Before the due day, at it and after it (see :mod:`.interim`); the latest
        deciding row is named.
        """
        for r in interim_rows(row, found, self.obs):
            span = self.span_of(r, row)
            status = None if span is None else decides(row, span, accept)
            if status is not None:
                assert span is not None
                derived = Derived(span=span, refs=(r,), truth=accept(*span))
                reason = (
                    ReasonCode.ALREADY_REACHED if status is MET else ReasonCode.ALREADY_BREACHED
                )
                return status, reason, r, derived
        return None

    def pace(
        self, row: CompiledTarget, interim: int, accept: Acceptor
    ) -> tuple[StatusCode, ReasonCode, int, Derived | None]:
        """Judge an interim result before the due day: on track, at risk, or already missed."""
        observation = self.obs[interim]
        span = self.span_of(interim, row)
        assert span is not None
        if row.cumulative and row.comparator in RISING:
            # A cumulative total should have grown in step with the days passed.
            share = Period.between(row.target.period.start, row.due).elapsed(observation.period.end)
            pace = Fraction(row.threshold) * share
            answer = truth(
                span.low, span.high, span.low_open, span.high_open, pace, True, None, False
            )
            derived = Derived(span=span, refs=(interim,), pace=pace, truth=answer)
            if answer is Truth.ALL:
                return PENDING, ReasonCode.ON_TRACK, interim, derived
            return AT_RISK, ReasonCode.BEHIND_PACE, interim, derived
        answer = accept(span.low, span.high, span.low_open, span.high_open)
        derived = Derived(span=span, refs=(interim,), truth=answer)
        # (A cumulative total already over a ceiling was decided by decided().)
        if answer is Truth.ALL:
            return PENDING, ReasonCode.ON_TRACK, interim, derived
        return AT_RISK, ReasonCode.SHORT_OF_TARGET, interim, derived


def run_checks(
    table: CheckTable,
    values: ValueColumns | Sequence[Observation],
    *,
    as_of: pendulum.Date | None = None,
    organisations: Sequence[Organisation] = (),
) -> CheckResults:
    """Run every check of *table* against the results in one pass.

    Args:
        table: The compiled checks.
        values: The results, as value columns or observations (their order
            matters: for one slice and period the last level given wins).
        as_of: The evaluation day; ``None`` checks as if every period had ended.
        organisations: The organisations known, for the sub-units of a
            template target's scope.

    """
    if not isinstance(values, ValueColumns):
        values = value_columns(values)
    return _Pass(table, values, as_of, organisations).run()
