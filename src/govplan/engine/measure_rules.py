"""Deadline rules for measures: done on time, done late, overdue, or no deadline."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.measures import Measure, MeasureStatus
from ..model.plans import Goal, Plan, Section
from .rules import Context, SubjectRule
from .verdicts import Status, Verdict, make_verdict

__all__ = ["DeadlineRule"]


class DeadlineRule(SubjectRule):
    """Checks every measure of a plan against its deadline (rule name ``"deadlines"``).

    Cancelled measures are not checked.  A measure without a deadline gets
    ``no_data``: nobody can tell whether it is late.  So does a measure whose
    status is not recorded once its deadline has passed: missing is not "not done".
    """

    name = "deadlines"
    subjects = (Plan,)

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per measure that is not cancelled, in plan order."""
        assert isinstance(subject, Plan)
        for section in subject.sections:
            for goal in section.goals:
                for measure in goal.measures:
                    if measure.status is not MeasureStatus.CANCELLED:
                        yield _judge(measure, goal, section, context)


def _judge(measure: Measure, goal: Goal, section: Section, context: Context) -> Verdict:
    as_of = context.as_of
    deadline = measure.deadline
    done = measure.status is MeasureStatus.DONE
    if deadline is None:
        status = Status.MET if done else Status.NO_DATA
        zh = "已完成（未规定期限）。" if done else "未规定完成期限，无法判断是否逾期。"
        en = (
            "done (no deadline was set)."
            if done
            else "no deadline is set: lateness cannot be told."
        )
    elif done and measure.completed_on is not None and measure.completed_on > deadline.due:
        status = Status.DONE_LATE
        zh = f"于{measure.completed_on}完成，晚于期限{deadline}（{deadline.due}）。"
        en = f"done on {measure.completed_on}, after the deadline {deadline.due}."
    elif done:
        status = Status.MET
        when = f"于{measure.completed_on}" if measure.completed_on else ""
        zh = f"已{when}按期完成，期限{deadline}（{deadline.due}）。"
        en = f"done on time for the deadline {deadline.due}."
    elif measure.status is None and (as_of is None or as_of > deadline.due):
        status = Status.NO_DATA
        zh = f"期限{deadline}（{deadline.due}）已过，未记录完成情况，无法判断是否逾期。"
        en = f"no status is recorded, so whether it was done by {deadline.due} cannot be told."
    elif measure.status is None:
        status = Status.PENDING
        zh = f"截至{as_of}未记录完成情况，期限{deadline}（{deadline.due}）未到。"
        en = f"no status is recorded as of {as_of}; due {deadline.due}."
    elif as_of is None or as_of > deadline.due:
        status = Status.OVERDUE
        zh = f"期限{deadline}（{deadline.due}）已过，尚未完成。"
        en = f"not done although due {deadline.due}."
    else:
        status = Status.PENDING
        zh = f"截至{as_of}尚未完成，期限{deadline}（{deadline.due}）未到。"
        en = f"not done as of {as_of}; due {deadline.due}."
    return make_verdict(
        "deadlines",
        measure.id,
        status,
        f"{measure.action}：{zh}",
        f"{measure.id}: {en}",
        goal_id=goal.id,
        section_id=section.id,
        responsible=measure.lead + measure.co_responsible,
        expected=None if deadline is None else f"by {deadline.due}",
    )
