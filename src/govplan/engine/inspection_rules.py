"""Rules for inspections, rectifications, responsibility pledges and recurring activities."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.inspections import (
    Finding,
    Inspection,
    InspectionResult,
    Rectification,
    RectificationStatus,
)
from ..model.recurrence import RecurringActivity
from ..model.reports import Report
from ..values.quantities import Quantity
from .activity_wording import ActivityFacts, ActivityReason, activity_verdict
from .comparisons import Span, Truth
from .rules import Context, SubjectRule
from .verdicts import Severity, Status, Verdict

__all__ = ["CoverageRule", "InspectionRule", "RectificationRule", "RecurringRule", "SanctionRule"]


class _ReportRule(SubjectRule):
    """A rule about the inspection side of a :class:`~govplan.Report`."""

    subjects = (Report,)


class InspectionRule(_ReportRule):
    """Was each inspection carried out, and what did it find (rule name ``"inspections"``).

    "Nothing found" is a result (``met``); an inspection not carried out by
    its date is ``no_data``, and before it ``pending``.
    """

    name = "inspections"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per inspection, in the report's order."""
        assert isinstance(subject, Report)
        for inspection in subject.inspections:
            yield self._judge(inspection, context)

    def _judge(self, inspection: Inspection, context: Context) -> Verdict:
        units = inspection.inspecting_units + inspection.inspected_units
        refs: tuple[str, ...] = ()
        status = Status.MET
        if inspection.result is InspectionResult.NOTHING_FOUND:
            reason = ActivityReason.NOTHING_FOUND
        elif inspection.result is InspectionResult.NOT_STATED:
            reason = ActivityReason.RESULT_NOT_STATED
        elif inspection.result is InspectionResult.FINDINGS:
            reason = ActivityReason.FINDINGS
            refs = tuple(f.id for f in inspection.findings)
        else:
            last = inspection.date or (inspection.period.end if inspection.period else None)
            due = context.as_of is not None and last is not None and context.as_of <= last
            status = Status.PENDING if due else Status.NO_DATA
            reason = ActivityReason.NOT_CARRIED_OUT
        facts = ActivityFacts(
            reason=reason,
            name_zh=inspection.title,
            kind="inspection",
            id=inspection.id,
            figures={"count": len(inspection.findings)},
        )
        return activity_verdict(
            self.name, inspection.id, status, facts, responsible=units, refs=refs
        )


class RectificationRule(_ReportRule):
    """Every finding has a rectification, done on time and verified (``"rectifications"``)."""

    name = "rectifications"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per finding without a rectification, and per rectification."""
        assert isinstance(subject, Report)
        for inspection in subject.inspections:
            answered = {r.finding_id for r in inspection.rectifications}
            for finding in inspection.findings:
                if finding.id not in answered:
                    yield self._unanswered(inspection, finding)
            for rectification in inspection.rectifications:
                yield self._judge(rectification, context)

    def _unanswered(self, inspection: Inspection, finding: Finding) -> Verdict:
        facts = ActivityFacts(
            reason=ActivityReason.NO_RECTIFICATION,
            name_zh=inspection.title,
            kind="finding",
            id=finding.id,
            figures={"finding": finding.description},
        )
        return activity_verdict(
            self.name, finding.id, Status.MISSED, facts,
            severity=Severity.FAILURE, responsible=(finding.unit,) if finding.unit else (),
        )  # fmt: skip

    def _judge(self, rectification: Rectification, context: Context) -> Verdict:
        r, as_of = rectification, context.as_of
        due = r.deadline.due if r.deadline else None
        units = (r.owner,) if r.owner else ()
        if r.status is RectificationStatus.DONE:
            if due is not None and r.completed_on is not None and r.completed_on > due:
                status, reason = Status.DONE_LATE, ActivityReason.RECTIFIED_LATE
            elif r.verified_by is None:
                status, reason = Status.UNVERIFIED, ActivityReason.RECTIFIED_UNVERIFIED
            else:
                status, reason = Status.MET, ActivityReason.RECTIFIED
        elif due is None:
            status, reason = Status.NO_DATA, ActivityReason.RECTIFICATION_NO_DEADLINE
        elif as_of is None or as_of > due:
            status, reason = Status.OVERDUE, ActivityReason.RECTIFICATION_OVERDUE
        else:
            status, reason = Status.PENDING, ActivityReason.RECTIFICATION_NOT_DUE
        facts = ActivityFacts(
            reason=reason,
            name_zh=f"整改“{r.action}”",
            kind="rectification",
            id=r.id,
            figures={
                "done": r.completed_on,
                "due": due,
                "as_of": as_of,
                "verifier": r.verified_by,
                "verified_on": r.verified_on,
            },
        )
        return activity_verdict(
            self.name, r.id, status, facts,
            severity=Severity.FAILURE if status is Status.OVERDUE else None,
            responsible=units, refs=(r.finding_id,),
        )  # fmt: skip


class SanctionRule(_ReportRule):
    """A sanction is imposed on no more than the finding counts (rule name ``"sanctions"``)."""

    name = "sanctions"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per sanction whose count can be set against its finding's count."""
        assert isinstance(subject, Report)
        for inspection in subject.inspections:
            for finding in inspection.findings:
                if finding.count is None:
                    continue
                for index, sanction in enumerate(finding.sanctions):
                    if sanction.count is not None:
                        yield self._judge(finding, index, sanction.action, sanction.count)

    def _judge(self, finding: Finding, index: int, action: str, count: Quantity) -> Verdict:
        assert finding.count is not None
        unit = finding.count.unit
        imposed, found = Span.of(count, unit), Span.of(finding.count, unit)
        if imposed.high is not None and found.low is not None and imposed.high <= found.low:
            truth = Truth.ALL
        elif imposed.low is not None and found.high is not None and imposed.low > found.high:
            truth = Truth.NONE
        else:
            truth = Truth.SOME
        status = {
            Truth.ALL: Status.CONSISTENT,
            Truth.NONE: Status.INCONSISTENT,
            Truth.SOME: Status.INDETERMINATE,
        }[truth]
        facts = ActivityFacts(
            reason=ActivityReason.SANCTION,
            name_zh=f"“{action}”",
            kind="finding",
            id=finding.id,
            figures={"imposed": count, "found": finding.count},
        )
        return activity_verdict(
            self.name, f"{finding.id}.sanctions[{index}]", status, facts,
            refs=(finding.id,), observed=count,
        )  # fmt: skip


class CoverageRule(_ReportRule):
    """Every unit that signed a pledge is inspected within its period (``"coverage"``)."""

    name = "coverage"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per pledge with organisations among its signatories."""
        assert isinstance(subject, Report)
        units = {o.id: o.name for o in subject.organisations}
        for pledge in subject.pledges:
            signed = [s for s in pledge.signatories if s in units]
            if not signed:
                continue
            visited = {
                unit
                for inspection in subject.inspections
                if inspection.result is not InspectionResult.NOT_DONE
                and inspection.took_place_within(pledge.period)
                for unit in inspection.inspected_units
            }
            missing = [s for s in signed if s not in visited]
            ended = context.as_of is None or pledge.period.has_ended(context.as_of)
            status = Status.MET if not missing else Status.MISSED if ended else Status.PENDING
            facts = ActivityFacts(
                reason=ActivityReason.NOT_INSPECTED if missing else ActivityReason.ALL_INSPECTED,
                name_zh=pledge.title,
                kind="pledge",
                id=pledge.id,
                figures={
                    "period": pledge.period,
                    "names_zh": "、".join(units[s] for s in signed),
                    "missing_zh": "、".join(units[s] for s in missing),
                    "missing": tuple(missing),
                },
            )
            yield activity_verdict(self.name, pledge.id, status, facts, responsible=tuple(signed))


class RecurringRule(_ReportRule):
    """Recurring sessions were held as often as the recurrence requires (``"recurring"``)."""

    name = "recurring"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per recurring activity."""
        assert isinstance(subject, Report)
        for activity in subject.activities:
            yield self._judge(activity, context)

    def _judge(self, activity: RecurringActivity, context: Context) -> Verdict:
        until = context.as_of
        due = activity.recurrence.dates(activity.period, until=until)
        units = (activity.organiser,) if activity.organiser else ()
        if activity.sessions is None:
            status, reason, held = Status.NO_DATA, ActivityReason.NO_LOG, 0
        else:
            held = sum(
                1
                for s in activity.sessions
                if activity.period.contains(s.date) and (until is None or s.date <= until)
            )
            ended = until is None or activity.period.has_ended(until)
            behind = Status.MISSED if ended else Status.AT_RISK
            status = Status.MET if held >= len(due) else behind
            reason = ActivityReason.SESSIONS
        facts = ActivityFacts(
            reason=reason,
            name_zh=activity.title,
            kind="activity",
            id=activity.id,
            figures={"due": len(due), "held": held},
        )
        return activity_verdict(self.name, activity.id, status, facts, responsible=units)
