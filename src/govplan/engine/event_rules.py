"""Rules for volunteer events: weekday, preparation, location, roles, attendance."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from ..errors import ValidationError
from ..model.events import VolunteerEvent, Weekday
from ..model.targets import Comparator
from .comparisons import Span, Truth, compare
from .rules import Context, SubjectRule
from .verdicts import Status, Verdict, make_verdict

__all__ = ["AttendanceRule", "LocationRule", "PreparationRule", "RoleRule", "WeekdayRule"]


class _EventRule(SubjectRule):
    """A rule about a :class:`~govplan.VolunteerEvent`."""

    subjects = (VolunteerEvent,)

    def verdict(
        self, event: VolunteerEvent, subject: str, status: Status, zh: str, en: str
    ) -> Verdict:
        return make_verdict(
            self.name,
            subject,
            status,
            f"{event.title}：{zh}",
            f"{event.id}: {en}",
            responsible=event.organisers,
        )


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
            f"{subject.day}是{actual.chinese}，所述{stated.chinese}，"
            f"{'一致' if ok else '不一致'}。",
            f"{subject.day} is a {actual.value}; the source says {stated.value}: "
            f"{'consistent' if ok else 'inconsistent'}.",
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
                f"准备工作“{task.action[:20]}”安排在{task.when}，"
                f"{'晚于' if late else '不晚于'}活动日{subject.day}。",
                f"preparation {task.id} falls on {task.when}, "
                f"{'after' if late else 'not after'} the event on {subject.day}.",
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
                subject, f"{subject.id}.location", Status.MET,
                f"活动地点已确定：{subject.location}。",
                f"the location is decided: {subject.location}.",
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
            subject, f"{subject.id}.location", status,
            f"截至{as_of}活动地点仍未确定（活动日{subject.day}，提前{days}天预警）。",
            f"the location is still undecided as of {as_of} (event on {subject.day}; "
            f"warning {days} days ahead).",
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
                status, zh, en = Status.MET, f"{role}由{person}担任。", f"{role} is {person}."
            else:
                status = Status.MISSED if _happened(subject, context) else Status.PENDING
                zh, en = f"{role}尚无人担任。", f"nobody is assigned as {role}."
            yield self.verdict(subject, f"{subject.id}.role.{role}", status, zh, en)


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
                subject, key, Status.PENDING,
                f"活动尚未举行，预计到场{expected}。", f"not held yet; {expected} expected.",
            )  # fmt: skip
            return
        sign_in = subject.attendance
        if sign_in is None:
            yield self.verdict(
                subject, key, Status.NO_DATA,
                f"没有签到记录，预计到场{expected}。", f"no sign-in list; {expected} expected.",
            )  # fmt: skip
            return
        unit = expected.unit
        present = Span.of(sign_in.count, unit) if sign_in.count else Span.point(len(sign_in.names))
        low, _ = expected.bounds_in(unit)
        assert low is not None
        truth = compare(present, Comparator.AT_LEAST, low)
        status = {Truth.ALL: Status.MET, Truth.NONE: Status.MISSED}.get(truth, Status.INDETERMINATE)
        count = sign_in.count or f"{len(sign_in.names)}{unit.symbol}"
        yield self.verdict(
            subject, key, status,
            f"签到{count}，预计{expected}。", f"{count} signed in against {expected} expected.",
        )  # fmt: skip
