"""Volunteer teams and events (社区服务队, 宣讲会, 培训, 调研).

An event holds its schedule, preparation, materials, agenda, roles, attendance
and the summary written afterwards.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re

import attrs
import pendulum

from ..errors import ParseError, ValidationError
from ..values.periods import LOCAL_TIMEZONE, Period
from ..values.quantities import Quantity
from ..values.validators import check_id, check_optional_id, check_text, require_unique_ids
from .indicators import Indicator
from .measures import Measure
from .organisations import Organisation, Person

__all__ = [
    "AgendaItem",
    "Attendance",
    "EventKind",
    "EventSummary",
    "Material",
    "MaterialSource",
    "PreparationTask",
    "RoleAssignment",
    "SummaryPoint",
    "Team",
    "TeamMember",
    "VenueSetup",
    "VolunteerEvent",
    "Weekday",
    "parse_datetime",
    "parse_weekday",
]


class Weekday(enum.StrEnum):
    """A day of the week, as documents state it (星期五, 周五, 礼拜五)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @classmethod
    def of(cls, day: _dt.date) -> Weekday:
        """The weekday *day* falls on."""
        return list(cls)[day.weekday()]

    @property
    def chinese(self) -> str:
        """The weekday in Chinese ("星期五")."""
        return "星期" + "一二三四五六日"[list(Weekday).index(self)]


_CHINESE_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def parse_weekday(text: str) -> Weekday:
    """Read a weekday: ``"星期五"``, ``"周五"``, ``"礼拜五"``, ``"friday"``.

    Raises:
        ParseError: Not a weekday.

    """
    if not isinstance(text, str):
        raise ParseError(
            f"not a weekday: {text!r}", value=text, expected="a string such as 星期五 or friday"
        )
    folded = text.strip().lower()
    match = re.fullmatch(r"(?:星期|周|礼拜)([一二三四五六日天])", folded)
    if match:
        return list(Weekday)[_CHINESE_DAYS[match[1]]]
    try:
        return Weekday(folded)
    except ValueError:
        raise ParseError(
            f"not a weekday: {text!r}", value=text, expected="星期一 … 星期日, or monday … sunday"
        ) from None


def parse_datetime(text: str | _dt.datetime) -> pendulum.DateTime:
    """Read a date and time; without an offset it is local time (Asia/Shanghai).

    Raises:
        ParseError: Not a date and time.

    """
    if isinstance(text, _dt.datetime):
        if text.tzinfo is None:
            return pendulum.instance(text, tz=LOCAL_TIMEZONE)
        return pendulum.instance(text)
    if not isinstance(text, str):
        raise ParseError(f"not a date and time: {text!r}", value=text, expected="ISO 8601")
    parsed: object
    try:
        parsed = pendulum.parse(text.strip(), tz=LOCAL_TIMEZONE, strict=True)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        parsed = _with_seconds_offset(text.strip())
    if not isinstance(parsed, pendulum.DateTime) or ("T" not in text and " " not in text.strip()):
        raise ParseError(
            f"not a date and time: {text!r}",
            value=text,
            expected="ISO 8601 such as 2011-03-11T18:00:00+08:00",
        )
    return parsed


def _with_seconds_offset(text: str) -> pendulum.DateTime | None:
    """A date and time whose offset has seconds, or ``None``.

    Shanghai's offset before 1901 is its local mean time, +08:05:43: ``isoformat``
    writes it so, and pendulum does not read it back.
    """
    if re.search(r"[+-][01][0-9]:[0-5][0-9]:[0-5][0-9]$", text) is None:
        return None
    try:
        return pendulum.instance(_dt.datetime.fromisoformat(text))
    except ValueError:
        return None


class EventKind(enum.StrEnum):
    """What sort of event it is."""

    BRIEFING = "briefing"
    """宣讲会."""
    TRAINING = "training"
    """培训."""
    SURVEY = "survey"
    """调研 / 调查."""
    SERVICE = "service"
    """服务活动 (英语角, 义务家教 …)."""
    MEETING = "meeting"
    """会议."""


@attrs.frozen(kw_only=True)
class TeamMember:
    """A team member and their role in the team."""

    person_id: str = attrs.field(validator=check_id)
    role: str | None = None


@attrs.frozen(kw_only=True)
class Team:
    """A volunteer team (服务队).

    Attributes:
        id: Stable id.
        name: The team's name ("沐阳综合社区服务队").
        organisation_ids: The organisations it belongs to.
        purpose: What it is for (性质和宗旨), verbatim.
        members: Its members, where listed.

    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    organisation_ids: tuple[str, ...] = ()
    purpose: str | None = None
    members: tuple[TeamMember, ...] = ()


@attrs.frozen(kw_only=True)
class PreparationTask:
    """A preparation step with its date or date range (联系嘉宾 3月5日).

    Attributes:
        id: Stable id.
        action: What is done, verbatim.
        when: The day or days it is done.
        owner: Who does it, as the source says ("两个院的干事").
        deliverable: What it produces, if countable.

    """

    id: str = attrs.field(validator=check_id)
    action: str = attrs.field(validator=check_text)
    when: Period
    owner: str | None = None
    deliverable: Quantity | None = None


class MaterialSource(enum.StrEnum):
    """Who brings a material."""

    ORGANISERS = "organisers"
    ATTENDEES = "attendees"
    """自带: every attendee brings their own."""


@attrs.frozen(kw_only=True)
class Material:
    """An item to have at the event (1部相机, 纸张30张, 每人一支笔（自带）).

    Attributes:
        item: What it is.
        quantity: How many, with the counting unit.
        per_person: Whether the quantity is for each attendee.
        provided_by: Organisers, or each attendee (自带).
        purpose: What it is for ("为活动拍照").

    """

    item: str = attrs.field(validator=check_text)
    quantity: Quantity | None = None
    per_person: bool = False
    provided_by: MaterialSource = attrs.field(
        default=MaterialSource.ORGANISERS, converter=MaterialSource
    )
    purpose: str | None = None


@attrs.frozen(kw_only=True)
class VenueSetup:
    """Who prepares the venue, and how long before the start (提前30分钟)."""

    by: str = attrs.field(validator=check_text)
    lead_time: Quantity
    action: str | None = None


@attrs.frozen(kw_only=True)
class AgendaItem:
    """One step of the programme, in order, with the roles responsible.

    Attributes:
        order: Its place in the programme.
        activity: What happens, verbatim.
        roles: The roles the source makes responsible for it (none if it names none).
        note: A remark on the step or its wording, kept apart from the verbatim text.

    """

    order: int
    activity: str = attrs.field(validator=check_text)
    roles: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class RoleAssignment:
    """A role at the event (主持人, 记录人, 拍照人) and who fills it, once decided."""

    role: str = attrs.field(validator=check_text)
    person: str | None = None


@attrs.frozen(kw_only=True)
class Attendance:
    """The sign-in list (签到名单) and the head count."""

    names: tuple[str, ...] = ()
    count: Quantity | None = None


@attrs.frozen(kw_only=True)
class SummaryPoint:
    """A titled point of a summary ("开拓思维、考虑全面" and its explanation).

    Attributes:
        title: The point's heading.
        text: Its explanation, verbatim (typos included).
        note: A remark on the wording (a suspected typo), kept apart from the text.

    """

    title: str = attrs.field(validator=check_text)
    text: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class EventSummary:
    """What the team said afterwards (工作总结): strengths, shortcomings, improvements.

    Attributes:
        written_on: The day of the summary.
        overview: The opening paragraph, verbatim.
        strengths: 工作优点及进步性.
        shortcomings: 工作不足, with their causes.
        improvements: 改进措施: measures for the next days.
        closing: The closing paragraph, verbatim.

    """

    written_on: pendulum.Date | None = None
    overview: str | None = None
    strengths: tuple[SummaryPoint, ...] = ()
    shortcomings: tuple[SummaryPoint, ...] = ()
    improvements: tuple[Measure, ...] = ()
    closing: str | None = None


def _check_event(instance: VolunteerEvent) -> None:
    if instance.location_decided and instance.location is None:
        raise ValidationError(
            "a decided location needs a name",
            field="location",
            expected="the place, or location_decided: false (未确定)",
        )
    if not instance.location_decided and instance.location is not None:
        raise ValidationError(
            "the location is named but marked undecided", field="location_decided"
        )
    if instance.ends_at is not None and instance.ends_at < instance.starts_at:
        raise ValidationError("the event ends before it starts", field="ends_at")
    require_unique_ids("preparation", instance.preparation)
    require_unique_ids("organisations", instance.organisations)
    require_unique_ids("people", instance.people)


@attrs.frozen(kw_only=True)
class VolunteerEvent:
    """A volunteer event or activity day, from its plan to its summary.

    Attributes:
        id: Stable id.
        kind: Briefing, training, survey, service, meeting.
        title: The event's name.
        starts_at: When it starts, in Asia/Shanghai.
        ends_at: When it ends, if stated.
        stated_when: The time as the source words it ("2011年3月11号(星期五)晚上六点").
        stated_weekday: The weekday the source gives, to be checked against the date.
        team_id: The team holding it.
        purpose: 活动目的, verbatim.
        activities: What the team will do (办英语角, 开英语晚会 …).
        task: The day's task, for an activity day ("调查民营市场与中兴大市场的产品价格").
        organisers: Ids of the organising units.
        guests: Ids of invited guests (with their titles in the people list).
        audience: 活动对象, verbatim.
        location: Where, once decided.
        location_decided: ``False`` for 未确定.
        preparation: 活动准备: dated steps.
        materials: 物品准备.
        setup: Who sets up the venue, how early.
        agenda: 活动流程, in order.
        roles: Roles to fill at the event.
        precautions: 注意事项.
        expected_attendance: How many are expected (到场人数).
        attendance: The sign-in list, once taken.
        measures: What the event should do, e.g. carried over from an earlier summary.
        summary: The summary written afterwards.
        organisations: Every unit named.
        people: Every person named.
        teams: The teams named.
        indicators: Indicators used by the measures' deliverables or by duties.
        issued_by: The unit that wrote the plan, as the source names it.
        issued_on: The day the plan or summary was signed.
        source: Where the text comes from.

    """

    id: str = attrs.field(validator=check_id)
    kind: EventKind = attrs.field(converter=EventKind)
    title: str = attrs.field(validator=check_text)
    starts_at: pendulum.DateTime
    ends_at: pendulum.DateTime | None = None
    stated_when: str | None = None
    stated_weekday: Weekday | None = attrs.field(
        default=None, converter=attrs.converters.optional(Weekday)
    )
    team_id: str | None = attrs.field(default=None, validator=check_optional_id)
    purpose: str | None = None
    activities: tuple[str, ...] = ()
    task: str | None = None
    organisers: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    audience: str | None = None
    location: str | None = None
    location_decided: bool = True
    preparation: tuple[PreparationTask, ...] = ()
    materials: tuple[Material, ...] = ()
    setup: VenueSetup | None = None
    agenda: tuple[AgendaItem, ...] = ()
    roles: tuple[RoleAssignment, ...] = ()
    precautions: tuple[str, ...] = ()
    expected_attendance: Quantity | None = None
    attendance: Attendance | None = None
    measures: tuple[Measure, ...] = ()
    summary: EventSummary | None = None
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    teams: tuple[Team, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    issued_by: str | None = None
    issued_on: pendulum.Date | None = None
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_event(self)

    @property
    def day(self) -> pendulum.Date:
        """The local calendar day the event starts on."""
        local = self.starts_at.in_timezone(LOCAL_TIMEZONE)
        return pendulum.date(local.year, local.month, local.day)

    def next_day(self, *, id: str, task: str | None = None) -> VolunteerEvent:
        """The following day's event, with this day's improvement measures carried over."""
        carried = self.summary.improvements if self.summary else ()
        return attrs.evolve(
            self,
            id=id,
            starts_at=self.starts_at.add(days=1),
            ends_at=None if self.ends_at is None else self.ends_at.add(days=1),
            stated_when=None,
            stated_weekday=None,
            task=task,
            measures=self.measures + carried,
            summary=None,
            attendance=None,
            issued_on=None,
        )
