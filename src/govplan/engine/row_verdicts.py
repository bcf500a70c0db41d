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

from ..values.quantities import Quantity
from .check_details import CheckDetails
from .check_table import CompiledTarget, ReasonCode, StatusCode
from .executors.result_columns import severity_of
from .verdicts import Severity, Status, Verdict
from .wording import threshold_symbols

__all__ = ["RowFacts", "row_verdict"]

_REASON_OF_STATUS = {
    Status.MET: ReasonCode.COMPARED,
    Status.BASICALLY_MET: ReasonCode.COMPARED,
    Status.MISSED: ReasonCode.COMPARED,
    Status.INDETERMINATE: ReasonCode.COMPARED,
    Status.NO_DATA: ReasonCode.NO_RESULT,
}


def _reason(status: Status, observed: Quantity | None, pace: Quantity | None) -> ReasonCode:
    """The reason code a result row's status and facts stand for."""
    reason = _REASON_OF_STATUS.get(status)
    if reason is None:
        if status is Status.AT_RISK:
            return ReasonCode.BEHIND_PACE if pace is not None else ReasonCode.SHORT_OF_TARGET
        return ReasonCode.ON_TRACK if observed is not None else ReasonCode.NOT_DUE
    if reason is ReasonCode.COMPARED and observed is None:
        return ReasonCode.NO_RESULT
    return reason


def row_verdict(
    row: CompiledTarget,
    status: Status,
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
) -> Verdict:
    """The verdict of one result row of check row *row*, worded on demand.

    Args:
        row: The compiled check the result row is about.
        status: The row's status.
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

    """
    target, indicator = row.target, row.indicator
    reason = _reason(status, observed, pace)
    failing = status is Status.NO_DATA and row.missing_fails
    if failing:
        reason = ReasonCode.NO_RESULT_FAILS
    name_en = indicator.name_en or indicator.id
    point = None if gap is None else Fraction(gap.low) if gap.low is not None else None
    details = CheckDetails(
        row=row,
        reason=reason,
        name_zh=indicator.name if label is None else f"{indicator.name}（{label}）",
        name_en=name_en if label is None else f"{name_en} ({label})",
        due=row.due,
        as_of=as_of,
        observed=observed,
        observed_derived=False,
        pace=pace,
        gap_low=point,
        gap_high=point,
        gap_unit=Quantity._trusted(Decimal(0), row.gap_unit),
        names=names,
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
        facts=RowFacts(details=details),
    )


@attrs.frozen
class RowFacts:
    """A query executor's result row's facts: the sentence is written when explained."""

    details: CheckDetails

    def render(self, verdict: Verdict, lang: Literal["zh", "en"]) -> str:
        """The sentence of the check, from the same wording as the in-process verdicts."""
        from .wording import target_sentence

        return target_sentence(verdict, self.details, lang)


def _severity_of(status: Status, binding: bool) -> Severity:
    return Severity[severity_of(StatusCode[status.name], binding).name]
