"""Rules for volunteer events: weekday, preparation, location, roles, attendance."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from ..errors import ValidationError
from ..model.events import VolunteerEvent, Weekday
from ..model.targets import Comparator
from ..values.quantities import Quantity
from .activity_wording import ActivityFacts, ActivityReason, activity_verdict
from .comparisons import Span, Truth, compare
from .rules import Context, SubjectRule
from .verdicts import Status, Verdict

__all__ = ["AttendanceRule", "LocationRule", "PreparationRule", "RoleRule", "WeekdayRule"]


class _EventRule(SubjectRule):
    """A rule about a :class:`~govplan.VolunteerEvent`."""

    subjects = (VolunteerEvent,)

    def verdict(
        self,
        event: VolunteerEvent,
        subject: str,
        status: Status,
        reason: ActivityReason,
        **figures: object,
    ) -> Verdict:
        facts = ActivityFacts(
            reason=reason, name_zh=event.title, kind="event", id=event.id, figures=figures
        )
        return activity_verdict(self.name, subject, status, facts, responsible=event.organisers)


def _happened(event: VolunteerEvent, context: Context) -> bool:
    """Whether the event has started by the evaluation day (always, for a final check)."""
    return context.as_of is None or context.as_of >= event.day


class WeekdayRule(_EventRule):
    """The weekday the source states matches the date (rule name ``"weekday"``)."""

    name = "weekday"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict when the source states a weekday."""
        assert isinstance(subject, VolunteerEvent)
        stated = subject.stated_weekday
        if stated is None:
            return
        actual = Weekday.of(subject.day)
        ok = actual is stated
        yield self.verdict(
            subject,
            f"{subject.id}.weekday",
            Status.CONSISTENT if ok else Status.INCONSISTENT,
            ActivityReason.WEEKDAY,
            day=subject.day,
            actual=actual,
            stated=stated,
        )


class PreparationRule(_EventRule):
    """No preparation task is due after the event (rule name ``"preparation"``)."""

    name = "preparation"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per preparation task."""
        assert isinstance(subject, VolunteerEvent)
        for task in subject.preparation:
            late = task.when.end > subject.day
            yield self.verdict(
                subject,
                task.id,
                Status.INCONSISTENT if late else Status.CONSISTENT,
                ActivityReason.PREPARATION,
                action=task.action,
                task=task.id,
                when=task.when,
                late=late,
                day=subject.day,
            )


class LocationRule(_EventRule):
    """The location is decided in time (rule name ``"location"``).

    Undecided (未确定) more than ``warning_days`` (a setting, default 7) before
    the event is pending; within them, at risk; on the day or after, missed.
    """

    name = "location"
    defaults = MappingProxyType({"warning_days": 7})

    def check_setting(self, key: str, value: object) -> object:
        """``warning_days`` is a whole number of days, 0 or more."""
        super().check_setting(key, value)
        days = int(value) if isinstance(value, str) and value.isdigit() else value
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValidationError(
                f"warning_days must be a whole number of days, not {value!r}",
                field=key,
                value=value,
                expected="an integer 0 or more, such as 7",
            )
        return days

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict about the location."""
        assert isinstance(subject, VolunteerEvent)
        if subject.location_decided:
            yield self.verdict(
                subject, f"{subject.id}.location", Status.MET, ActivityReason.LOCATION_DECIDED,
                location=subject.location,
            )  # fmt: skip
            return
        days = int(self.warning_days)  # type: ignore[call-overload]
        if _happened(subject, context):
            status = Status.MISSED
        else:
            assert context.as_of is not None
            left = (subject.day - context.as_of).days
            status = Status.AT_RISK if left <= days else Status.PENDING
        as_of = context.as_of or subject.day
        yield self.verdict(
            subject, f"{subject.id}.location", status, ActivityReason.LOCATION_UNDECIDED,
            as_of=as_of, day=subject.day, days=days,
        )  # fmt: skip


class RoleRule(_EventRule):
    """Every role of the agenda has somebody assigned (rule name ``"roles"``)."""

    name = "roles"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per role named by the roles list or the agenda."""
        assert isinstance(subject, VolunteerEvent)
        assigned = {r.role: r.person for r in subject.roles}
        for item in subject.agenda:
            for role in item.roles:
                assigned.setdefault(role, None)
        for role, person in assigned.items():
            if person is not None:
                status, reason = Status.MET, ActivityReason.ROLE_ASSIGNED
            else:
                status = Status.MISSED if _happened(subject, context) else Status.PENDING
                reason = ActivityReason.ROLE_UNASSIGNED
            yield self.verdict(
                subject, f"{subject.id}.role.{role}", status, reason, role=role, person=person
            )


class AttendanceRule(_EventRule):
    """Attendance reaches the expected number (rule name ``"attendance"``)."""

    name = "attendance"

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict when an expected attendance is stated."""
        assert isinstance(subject, VolunteerEvent)
        expected = subject.expected_attendance
        if expected is None:
            return
        key = f"{subject.id}.attendance"
        if not _happened(subject, context):
            yield self.verdict(
                subject, key, Status.PENDING, ActivityReason.NOT_HELD_YET, expected=expected
            )
            return
        sign_in = subject.attendance
        if sign_in is None:
            yield self.verdict(
                subject, key, Status.NO_DATA, ActivityReason.NO_SIGN_IN, expected=expected
            )
            return
        unit = expected.unit
        present = Span.of(sign_in.count, unit) if sign_in.count else Span.point(len(sign_in.names))
        low, _ = expected.bounds_in(unit)
        assert low is not None
        truth = compare(present, Comparator.AT_LEAST, low)
        status = {Truth.ALL: Status.MET, Truth.NONE: Status.MISSED}.get(truth, Status.INDETERMINATE)
        yield self.verdict(
            subject, key, status, ActivityReason.ATTENDANCE,
            count_zh=sign_in.count or f"{len(sign_in.names)}{unit.symbol}",
            count=sign_in.count or Quantity.of(len(sign_in.names), unit),
            expected=expected,
        )  # fmt: skip
