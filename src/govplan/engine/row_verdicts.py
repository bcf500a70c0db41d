"""Verdicts from a query executor's result rows (DuckDB, Spark).

A query executor hands back result rows with the observed value, gap,
progress and pace already computed; these turn such a row into the same
:class:`~govplan.Verdict` as the in-process executor's, explained by the same
wording.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from ..model.targets import Target
from ..values.quantities import Quantity
from .check_details import CheckDetails
from .check_table import CompiledTarget, ReasonCode, StatusCode, compile_checks
from .executors.result_columns import severity_of
from .rules import Context
from .verdicts import Severity, Status, Verdict
from .wording import threshold_symbols

__all__ = ["RowFacts"]


@attrs.frozen(kw_only=True)
class _Where:
    """Where a check sits (goal, section) and which slice it covers."""

    goal: Any = None
    section: Any = None
    scope: str | None = None
    breakdown: dict[str, str] = attrs.field(factory=dict)
    label: str | None = None
    leads: tuple[str, ...] = ()


_REASON_OF_STATUS = {
    Status.MET: ReasonCode.COMPARED,
    Status.BASICALLY_MET: ReasonCode.COMPARED,
    Status.MISSED: ReasonCode.COMPARED,
    Status.INDETERMINATE: ReasonCode.COMPARED,
    Status.NO_DATA: ReasonCode.NO_RESULT,
}


class _Prepared:
    """A target's compiled row and context, for verdicts from an executor's result rows."""

    def __init__(self, row: CompiledTarget, context: Context) -> None:
        self.row = row
        self.context = context

    @classmethod
    def of(cls, target: Target, context: Context) -> _Prepared:
        """Compile *target* in *context*."""
        table = compile_checks(
            [target],
            context.indicators,
            issuer=context.issuer,
            basically_met=context.settings.setting("targets", "basically_met"),
            allow_missing=context.allow_missing,
        )
        return cls(table.rows[0], context)

    def verdict(
        self,
        status: Status,
        where: _Where,
        *,
        observed: Quantity | None = None,
        gap: Quantity | None = None,
        progress: Decimal | None = None,
        pace: Quantity | None = None,
    ) -> Verdict:
        """The verdict of one result row, worded on demand by the wording module."""
        row, target, indicator = self.row, self.row.target, self.row.indicator
        reason = _REASON_OF_STATUS.get(status)
        if reason is None:
            if status is Status.AT_RISK:
                reason = ReasonCode.BEHIND_PACE if pace is not None else ReasonCode.SHORT_OF_TARGET
            else:
                reason = ReasonCode.ON_TRACK if observed is not None else ReasonCode.NOT_DUE
        if reason is ReasonCode.COMPARED and observed is None:
            reason = ReasonCode.NO_RESULT
        failing = status is Status.NO_DATA and row.missing_fails
        if failing:
            reason = ReasonCode.NO_RESULT_FAILS
        label = where.label
        name_en = indicator.name_en or indicator.id
        names = {o.id: o.name for o in self.context.organisations}
        point = None if gap is None else Fraction(gap.low) if gap.low is not None else None
        details = CheckDetails(
            row=row,
            reason=reason,
            name_zh=indicator.name if label is None else f"{indicator.name}（{label}）",
            name_en=name_en if label is None else f"{name_en} ({label})",
            due=row.due,
            as_of=self.context.as_of,
            observed=observed,
            observed_derived=False,
            pace=pace,
            gap_low=point,
            gap_high=point,
            gap_unit=Quantity._trusted(Decimal(0), row.gap_unit),
            names=names,
        )
        scope = where.scope or self.context.issuer
        leads = where.leads
        if not leads:
            responsible: tuple[str, ...] = (scope,) if scope else ()
        else:
            responsible = tuple(dict.fromkeys((scope, *leads))) if scope else leads
        return Verdict(
            rule="targets",
            subject=target.id if label is None else f"{target.id}@{label}",
            status=status,
            severity=Severity.FAILURE if failing else _severity_of(status, row.binding),
            reason=reason,
            indicator_id=target.indicator_id,
            scope=where.scope,
            observed=observed,
            expected=threshold_symbols(target),
            gap=gap,
            progress=progress,
            goal_id=where.goal.id if where.goal else None,
            section_id=where.section.id if where.section else None,
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
