"""Recurring activities (每周五政治学习, 每月例会): a rule plus the log of sessions held."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from ..errors import ValidationError
from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.validators import check_id, check_optional_id, check_text
from .events import Weekday

__all__ = ["Frequency", "HeldSession", "Recurrence", "RecurringActivity"]


class Frequency(enum.StrEnum):
    """How often an activity recurs."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


def _check_recurrence(instance: Recurrence) -> None:
    if instance.interval < 1:
        raise ValidationError("the interval must be at least 1", field="interval")
    if instance.frequency is Frequency.WEEKLY and instance.weekday is None:
        raise ValidationError("a weekly recurrence needs a weekday", field="weekday")
    if instance.frequency is Frequency.MONTHLY and not 1 <= (instance.day_of_month or 0) <= 28:
        raise ValidationError(
            "a monthly recurrence needs a day of the month from 1 to 28",
            field="day_of_month",
            expected="1 to 28, so that every month has it",
        )


@attrs.frozen(kw_only=True)
class Recurrence:
    """When an activity is due: every day, every (n-th) week on a weekday, or monthly.

    >>> fridays = Recurrence(frequency=Frequency.WEEKLY, weekday=Weekday.FRIDAY)
    >>> len(fridays.dates(Period.month(2011, 3)))
    4
    """

    frequency: Frequency = attrs.field(converter=Frequency)
    interval: int = 1
    weekday: Weekday | None = attrs.field(
        default=None, converter=attrs.converters.optional(Weekday)
    )
    day_of_month: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_recurrence(self)

    def dates(self, period: Period, *, until: _dt.date | None = None) -> tuple[pendulum.Date, ...]:
        """Every due day within *period* (and not after *until*)."""
        last = period.end if until is None else min(period.end, until)
        found: list[pendulum.Date] = []
        if self.frequency is Frequency.MONTHLY:
            assert self.day_of_month is not None
            month = pendulum.date(period.start.year, period.start.month, 1)
            step = 0
            while month <= last:
                day = month.replace(day=self.day_of_month)
                if period.start <= day <= last and step % self.interval == 0:
                    found.append(day)
                month = month.add(months=1)
                step += 1
            return tuple(found)
        day = period.start
        if self.frequency is Frequency.WEEKLY:
            assert self.weekday is not None
            target = list(Weekday).index(self.weekday)
            day = day.add(days=(target - day.weekday()) % 7)
        stride = self.interval * (7 if self.frequency is Frequency.WEEKLY else 1)
        while day <= last:
            found.append(day)
            day = day.add(days=stride)
        return tuple(found)


@attrs.frozen(kw_only=True)
class HeldSession:
    """One session actually held."""

    date: pendulum.Date
    topic: str | None = None
    attendance: Quantity | None = None


@attrs.frozen(kw_only=True)
class RecurringActivity:
    """A recurring activity and the log of its sessions.

    Attributes:
        id: Stable id.
        title: What it is ("机关干部政治学习").
        recurrence: When it is due ("每周五").
        period: The period it runs over.
        organiser: The organising unit's id.
        participants: Who takes part, verbatim.
        content: What it covers, verbatim.
        sessions: The sessions actually held; ``None`` when no log is kept
            (then nobody can tell whether sessions were missed).

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    recurrence: Recurrence
    period: Period
    organiser: str | None = attrs.field(default=None, validator=check_optional_id)
    participants: str | None = None
    content: str | None = None
    sessions: tuple[HeldSession, ...] | None = None
