"""Deadline rules for measures: done on time, done late, overdue, or no deadline."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.measures import Measure, MeasureStatus
from ..model.plans import Goal, Plan, Section
from .activity_wording import ActivityFacts, ActivityReason, activity_verdict
from .rules import Context, SubjectRule
from .verdicts import Status, Verdict

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
        reason = ActivityReason.DONE_NO_DEADLINE if done else ActivityReason.NO_DEADLINE
    elif done and measure.completed_on is not None and measure.completed_on > deadline.due:
        status, reason = Status.DONE_LATE, ActivityReason.DONE_LATE
    elif done:
        status, reason = Status.MET, ActivityReason.DONE_ON_TIME
    elif measure.status is None and (as_of is None or as_of > deadline.due):
        status, reason = Status.NO_DATA, ActivityReason.NO_STATUS_PAST_DUE
    elif measure.status is None:
        status, reason = Status.PENDING, ActivityReason.NO_STATUS_NOT_DUE
    elif as_of is None or as_of > deadline.due:
        status, reason = Status.OVERDUE, ActivityReason.NOT_DONE_PAST_DUE
    else:
        status, reason = Status.PENDING, ActivityReason.NOT_DONE_NOT_DUE
    figures = (
        {}
        if deadline is None
        else {
            "deadline": deadline,
            "due": deadline.due,
            "done": measure.completed_on,
            "as_of": as_of,
        }
    )
    facts = ActivityFacts(
        reason=reason, name_zh=measure.action, kind="measure", id=measure.id, figures=figures
    )
    return activity_verdict(
        "deadlines",
        measure.id,
        status,
        facts,
        goal_id=goal.id,
        section_id=section.id,
        responsible=measure.lead + measure.co_responsible,
        expected=None if deadline is None else f"by {deadline.due}",
    )
