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
from .comparisons import Span, Truth
from .rules import Context, SubjectRule
from .verdicts import Severity, Status, Verdict, make_verdict

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
        title = inspection.title
        units = inspection.inspecting_units + inspection.inspected_units
        if inspection.result is InspectionResult.NOTHING_FOUND:
            return make_verdict(
                self.name, inspection.id, Status.MET,
                f"{title}：已开展，未发现问题。", f"{inspection.id}: carried out; nothing found.",
                responsible=units,
            )  # fmt: skip
        if inspection.result is InspectionResult.NOT_STATED:
            return make_verdict(
                self.name, inspection.id, Status.MET,
                f"{title}：已开展，来源未说明检查结果。",
                f"{inspection.id}: carried out; the source does not state the result.",
                responsible=units,
            )  # fmt: skip
        if inspection.result is InspectionResult.FINDINGS:
            count = len(inspection.findings)
            return make_verdict(
                self.name, inspection.id, Status.MET,
                f"{title}：已开展，发现问题{count}项。",
                f"{inspection.id}: carried out; {count} finding(s).",
                responsible=units, refs=tuple(f.id for f in inspection.findings),
            )  # fmt: skip
        last = inspection.date or (inspection.period.end if inspection.period else None)
        due = context.as_of is not None and last is not None and context.as_of <= last
        status = Status.PENDING if due else Status.NO_DATA
        return make_verdict(
            self.name, inspection.id, status,
            f"{title}：尚未开展（未检查，不等于未发现问题）。",
            f"{inspection.id}: not carried out yet (not inspected is not 'nothing found').",
            responsible=units,
        )  # fmt: skip


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
        return make_verdict(
            self.name, finding.id, Status.MISSED,
            f"{inspection.title}发现的问题“{finding.description}”没有整改措施。",
            f"{finding.id}: a finding of {inspection.id} has no rectification.",
            severity=Severity.FAILURE, responsible=(finding.unit,) if finding.unit else (),
        )  # fmt: skip

    def _judge(self, rectification: Rectification, context: Context) -> Verdict:
        r, as_of = rectification, context.as_of
        due = r.deadline.due if r.deadline else None
        units = (r.owner,) if r.owner else ()
        head_zh, head_en = f"整改“{r.action}”：", f"{r.id}: "
        if r.status is RectificationStatus.DONE:
            if due is not None and r.completed_on is not None and r.completed_on > due:
                status = Status.DONE_LATE
                zh, en = (
                    f"于{r.completed_on}完成，晚于期限{due}。",
                    f"done on {r.completed_on}, after {due}.",
                )
            elif r.verified_by is None:
                status = Status.UNVERIFIED
                zh, en = "已完成，尚无验收。", "done, but nobody has verified it."
            else:
                status = Status.MET
                when = f"于{r.verified_on}" if r.verified_on else ""
                zh = f"已完成，经{r.verified_by}{when}验收。"
                en = f"done and verified by {r.verified_by}."
        elif due is None:
            status = Status.NO_DATA
            zh, en = "尚未完成，且未规定期限。", "not done, and no deadline is set."
        elif as_of is None or as_of > due:
            status = Status.OVERDUE
            zh, en = f"期限{due}已过，尚未完成。", f"not done although due {due}."
        else:
            status = Status.PENDING
            zh, en = f"截至{as_of}尚未完成，期限{due}未到。", f"not done as of {as_of}; due {due}."
        return make_verdict(
            self.name, r.id, status, head_zh + zh, head_en + en,
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
        word_zh = {Status.CONSISTENT: "一致", Status.INCONSISTENT: "不一致"}.get(status, "无法判定")
        return make_verdict(
            self.name, f"{finding.id}.sanctions[{index}]", status,
            f"“{action}”{count}，所查处{finding.count}，{word_zh}。",
            f"{finding.id}: '{action}' imposed on {count} of {finding.count}: {status.value}.",
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
            names_zh = "、".join(units[s] for s in signed)
            missing_zh = "、".join(units[s] for s in missing)
            zh = (
                f"{pledge.title}：签订单位{names_zh}在{pledge.period}内均已接受检查。"
                if not missing
                else f"{pledge.title}：{missing_zh}在{pledge.period}内尚未接受检查。"
            )
            en = (
                f"{pledge.id}: every signatory was inspected within {pledge.period}."
                if not missing
                else f"{pledge.id}: not inspected within {pledge.period}: {', '.join(missing)}."
            )
            yield make_verdict(self.name, pledge.id, status, zh, en, responsible=tuple(signed))


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
            return make_verdict(
                self.name, activity.id, Status.NO_DATA,
                f"{activity.title}：应开展{len(due)}次，但没有活动记录，无法核对。",
                f"{activity.id}: {len(due)} session(s) due, but no log is kept.",
                responsible=units,
            )  # fmt: skip
        held = [
            s
            for s in activity.sessions
            if activity.period.contains(s.date) and (until is None or s.date <= until)
        ]
        ended = until is None or activity.period.has_ended(until)
        behind = Status.MISSED if ended else Status.AT_RISK
        status = Status.MET if len(held) >= len(due) else behind
        return make_verdict(
            self.name, activity.id, status,
            f"{activity.title}：应开展{len(due)}次，实际记录{len(held)}次。",
            f"{activity.id}: {len(held)} of {len(due)} due session(s) held.",
            responsible=units,
        )  # fmt: skip
