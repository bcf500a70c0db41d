"""Verdicts from a query executor's result rows (DuckDB, Spark).

A query executor hands back result rows with the observed value, gap,
progress and pace already computed; :func:`row_verdict` turns such a row,
with its compiled check row, into the same :class:`~govplan.Verdict` as the
in-process executor's, explained by the same wording.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs
import pendulum

from ..model.targets import Basis
from ..values.quantities import Quantity
from ..values.units import Unit
from .check_details import CheckDetails
from .check_table import BasisCode, ComparatorCode, CompiledTarget, ReasonCode, StatusCode
from .codes import Truth
from .comparisons import Span, acceptor, truth
from .executors.result_columns import severity_of
from .gaps import gap_ends
from .verdicts import Severity, Status, Verdict
from .wording import threshold_symbols

__all__ = ["RowFacts", "RowSources", "row_verdict"]


@attrs.frozen(kw_only=True)
class RowSources:
    """The given values a result row was worked out from, looked up when it is read.

    Attributes:
        current: The result row's value as written (``70多%``); for a change,
            growth or difference, the level it was worked out from.
        other: The baseline (change, growth) or reference (difference) level.
        value_missing: The result row exists but carries no value.

    """

    current: Quantity | None = None
    other: Quantity | None = None
    value_missing: bool = False


_TOLD = frozenset(
    {
        ReasonCode.COMPARED,
        ReasonCode.DERIVED,
        ReasonCode.ON_TRACK,
        ReasonCode.BEHIND_PACE,
        ReasonCode.SHORT_OF_TARGET,
        ReasonCode.ALREADY_BREACHED,
        ReasonCode.ALREADY_REACHED,
    }
)
"""The reasons whose sentence tells the gap (an interval of gaps when indeterminate)."""


_TRUTH_OF_STATUS = {
    Status.MET: Truth.ALL,
    Status.INDETERMINATE: Truth.SOME,
    Status.MISSED: Truth.NONE,
    Status.BASICALLY_MET: Truth.NONE,
}


def _gap_band(
    row: CompiledTarget,
    status: Status,
    reason: ReasonCode,
    observed: Quantity | None,
    pace: Quantity | None,
) -> tuple[Fraction | None, Fraction | None]:
    """The gap the sentence tells, as the in-process verdict works it out."""
    if observed is None or reason not in _TOLD:
        return None, None
    span = Span(observed.low, observed.high, observed.low_open, observed.high_open)
    anchor: Decimal | Fraction = row.threshold
    answer: Truth
    if reason in (ReasonCode.COMPARED, ReasonCode.DERIVED):
        # The query's status is the comparator truth (its shown ends may be rounded).
        answer = _TRUTH_OF_STATUS[status]
    elif pace is not None and pace.low is not None:
        # A cumulative interim total is held to the pro-rata pace.
        answer = truth(*span, pace.low, True, None, False)
        if reason is ReasonCode.BEHIND_PACE:
            anchor = Fraction(pace.low)
    else:
        answer = acceptor(row.low, row.low_closed, row.high, row.high_closed)(*span)
    upper = (
        row.upper if anchor is row.threshold and row.comparator is ComparatorCode.BETWEEN else None
    )
    ends = gap_ends(span, anchor, answer, told=True, upper=upper)
    return (None, None) if ends is None else ends


def row_verdict(
    row: CompiledTarget,
    status: Status,
    reason: ReasonCode,
    *,
    scope: str | None,
    label: str | None,
    issuer: str | None,
    as_of: pendulum.Date | None,
    names: dict[str, str],
    observed: Quantity | None = None,
    gap: Quantity | None = None,
    progress: Decimal | None = None,
    pace: Quantity | None = None,
    sources: RowSources | None = None,
    gap_unit: Unit | None = None,
    refs: tuple[str, ...] = (),
    note: str | None = None,
) -> Verdict:
    """The verdict of one result row of check row *row*, worded on demand.

    Args:
        row: The compiled check the result row is about.
        status: The row's status.
        reason: The row's reason code (the query's: which sentence explains it).
        scope: The slice's scope (``None``: the target's own, the issuer's).
        label: The slice's label (a template's sub-unit, or breakdown values
            joined by ``/``); ``None`` for a target checked once.
        issuer: The plan's issuer (the scope of an unscoped check).
        as_of: The evaluation day, if any.
        names: Organisation names by id, for the sentence.
        observed: The observed value (a level, change, growth or difference).
        gap: Observed minus threshold.
        progress: The share of the way to the target.
        pace: The pro-rata pace a cumulative interim total was held to.
        sources: The values the row was worked out from, as given (the
            result as written, the baseline or reference), when known.
        gap_unit: The unit of the gap told (default the threshold's
            difference unit; 个百分点 for a growth worked out from two levels).
        refs: The ids of the given rows the row was judged on.
        note: The value row's note.

    """
    target, indicator = row.target, row.indicator
    failing = status is Status.NO_DATA and row.missing_fails
    found = sources or RowSources()
    written = found.current
    as_written = (
        reason is ReasonCode.COMPARED
        and row.basis is BasisCode.LEVEL
        and written is not None
        and written.unit == row.unit
    )
    if as_written:
        # The result as written (70多%), as the in-process verdict shows it.
        observed = written
    name_en = indicator.name_en or indicator.id
    details = _Details(
        row=row,
        status=status,
        reason=reason,
        name_zh=indicator.name if label is None else f"{indicator.name}（{label}）",
        name_en=name_en if label is None else f"{name_en} ({label})",
        as_of=as_of,
        observed=observed,
        observed_derived=not as_written,
        pace=pace,
        gap_unit=gap_unit or row.gap_unit,
        names=names,
        sources=found,
    )
    where = scope or issuer
    leads = row.responsible
    if not leads:
        responsible: tuple[str, ...] = (where,) if where else ()
    else:
        responsible = tuple(dict.fromkeys((where, *leads))) if where else leads
    return Verdict(
        rule="targets",
        subject=target.id if label is None else f"{target.id}@{label}",
        status=status,
        severity=Severity.FAILURE if failing else _severity_of(status, row.binding),
        reason=reason,
        indicator_id=target.indicator_id,
        scope=scope,
        observed=observed,
        expected=threshold_symbols(target),
        gap=gap,
        progress=progress,
        goal_id=row.goal.id if row.goal else None,
        section_id=row.section.id if row.section else None,
        responsible=responsible,
        refs=refs,
        note=note,
        facts=RowFacts(details),
    )


@attrs.frozen(kw_only=True)
class _Details:
    """What a result row's sentence is built from (the gap it tells is worked out then)."""

    row: CompiledTarget
    status: Status
    reason: ReasonCode
    name_zh: str
    name_en: str
    as_of: pendulum.Date | None
    observed: Quantity | None
    observed_derived: bool
    pace: Quantity | None
    gap_unit: Unit
    names: dict[str, str]
    sources: RowSources

    def build(self) -> CheckDetails:
        row, found = self.row, self.sources
        gap_low, gap_high = _gap_band(row, self.status, self.reason, self.observed, self.pace)
        reference = row.target.basis is Basis.REFERENCE
        return CheckDetails(
            row=row,
            reason=self.reason,
            name_zh=self.name_zh,
            name_en=self.name_en,
            due=row.due,
            as_of=self.as_of,
            observed=self.observed,
            observed_derived=self.observed_derived,
            current=found.current if found.other is not None else None,
            baseline=None if reference else found.other,
            reference=found.other if reference else None,
            pace=self.pace,
            gap_low=gap_low,
            gap_high=gap_high,
            gap_unit=Quantity._trusted(Decimal(0), self.gap_unit),
            names=self.names,
            value_missing=found.value_missing,
        )


class RowFacts:
    """A query executor's result row's facts: the sentence is written when explained.

    Holds either the sentence's details themselves or what they are built
    from; they are built (once) when first read.
    """

    __slots__ = ("_built", "_source")

    def __init__(self, details: CheckDetails | _Details) -> None:
        self._source = details
        self._built: CheckDetails | None = details if isinstance(details, CheckDetails) else None

    @property
    def details(self) -> CheckDetails:
        """What the sentence shows."""
        if self._built is None:
            assert isinstance(self._source, _Details)
            self._built = self._source.build()
        return self._built

    def render(self, verdict: Verdict, lang: Literal["zh", "en"]) -> str:
        """The sentence of the check, from the same wording as the in-process verdicts."""
        from .wording import target_sentence

        return target_sentence(verdict, self.details, lang)


def _severity_of(status: Status, binding: bool) -> Severity:
    return Severity[severity_of(StatusCode[status.name], binding).name]
