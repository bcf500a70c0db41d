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
a verdict shows is worked out from them when a verdict is read.  Template
targets on a plain ledger are answered a whole column at a time by the same
truth's column forms (:mod:`.level_columns` for levels, :mod:`.change_columns`
for changes and growth); property tests hold those paths to this one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

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
from ..comparisons import Acceptor, Span, acceptor, truth
from ..value_columns import RowIndex
from .change_columns import write_changes
from .interim import covering_row, decides, interim_rows
from .level_columns import LevelColumns
from .progress import RISING, point_progress, progress_share
from .result_columns import SEVERITY_TABLE, STATUS_BY_TRUTH, CheckResults, Derived
from .row_values import (
    as_fraction,
    compared_levels,
    convert_span,
    known_rows,
    level_row,
    states_change,
    value_span,
)

__all__ = ["CheckResults", "Derived", "point_progress", "progress_share", "run_checks"]

MET, MISSED, BASICALLY_MET = StatusCode.MET, StatusCode.MISSED, StatusCode.BASICALLY_MET
PENDING, AT_RISK, NO_DATA = StatusCode.PENDING, StatusCode.AT_RISK, StatusCode.NO_DATA


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
        self.columns = LevelColumns(values, self.index)
        # Whether any value row was derived by roll-up or contradicts its counts.
        self.rolled_up = bool(values.derivations or values.disagreements)

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
        # Then the other scopes observed, as the query adds them: never the issuer
        # (the plan's own unit, no sub-unit of the template's scope).
        issuer = self.index.issuer
        for scope in self.index.level_scopes(row.target.indicator_id):
            if scope != parent and scope != issuer:
                scopes[scope] = None
        if row.basis is not BasisCode.LEVEL and self.as_of is None and not self.rolled_up:
            self.final_scopes(row, scopes, accept)
            return
        for scope in scopes:
            self.check(row, scope, "", None, accept)

    def fast_scopes(self, row: CompiledTarget, scopes: dict[str, None], accept: Acceptor) -> None:
        """Final levels in the threshold's unit (see :meth:`.LevelColumns.scopes`)."""
        self.columns.scopes(
            row, scopes, accept, self.out, lambda scope: self.check(row, scope, "", None, accept)
        )

    def final_scopes(self, row: CompiledTarget, scopes: dict[str, None], accept: Acceptor) -> None:
        """The checks of a template row on a change, growth or difference, time playing no part.

        A ledger of exact levels for every scope is answered a column at a
        time (:func:`.write_changes`).  Else what :meth:`check` and :meth:`judge`
        do for such a row, with the row's lookups made once: every result
        compared is written here, with the same :meth:`final` span and the same
        truth; any other check (no result, a missing value, a miss within the
        tolerance) goes through :meth:`check`.
        """
        if write_changes(self.values, self.index, row, list(scopes), self.out):
            return
        if row.basis is BasisCode.GROWTH:
            # A growth is a Fraction: the same ends as Fractions compare faster.
            accept = acceptor(
                as_fraction(row.low), row.low_closed, as_fraction(row.high), row.high_closed
            )
        slices = self.index.slices(row.target.indicator_id)
        issuer, period, obs, final = self.index.issuer, row.target.period, self.obs, self.final
        out, tolerance, number = self.out, row.tolerance, row.check
        severities, derived = SEVERITY_TABLE[row.binding], out.derived
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
            status = STATUS_BY_TRUTH[answer]
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
            out.severity.append(SEVERITY_TABLE[row.binding][status])
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
            status = STATUS_BY_TRUTH[answer]
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
            return Derived(
                span=compared_levels(row.basis, now, then, base, unit), refs=(current, reference)
            )
        assert target.baseline is not None
        stated = (
            [r for r in found if states_change(obs[r], target.baseline, target.period)]
            if self.columns.stated_changes()
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
        return Derived(
            span=compared_levels(row.basis, now, then, base, unit), refs=(current, baseline)
        )

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
