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
    REGULAR = "regular"
    """定期: at regular intervals that the source does not state; no due dates follow."""


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
    if len(set(instance.except_dates)) != len(instance.except_dates):
        raise ValidationError("a date is excepted twice", field="except_dates")


@attrs.frozen(kw_only=True)
class Recurrence:
    """When an activity is due: every day, every (n-th) week on a weekday, or monthly.

    ``except_dates`` are due days on which it is not held (public holidays
    falling on its weekday); ``REGULAR`` (定期) states no interval at all.

    >>> fridays = Recurrence(frequency=Frequency.WEEKLY, weekday=Weekday.FRIDAY)
    >>> len(fridays.dates(Period.month(2011, 3)))
    4
    >>> import pendulum
    >>> len(Recurrence(frequency="weekly", weekday="friday",
    ...                except_dates=(pendulum.date(2011, 3, 4),)).dates(Period.month(2011, 3)))
    3
    """

    frequency: Frequency = attrs.field(converter=Frequency)
    interval: int = 1
    weekday: Weekday | None = attrs.field(
        default=None, converter=attrs.converters.optional(Weekday)
    )
    day_of_month: int | None = None
    except_dates: tuple[pendulum.Date, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_recurrence(self)

    def dates(self, period: Period, *, until: _dt.date | None = None) -> tuple[pendulum.Date, ...]:
        """Every due day within *period* (and not after *until*), less the excepted dates.

        Raises:
            ValidationError: The recurrence is ``REGULAR`` (定期): it states no
                interval, so no due day can be listed.

        """
        if self.frequency is Frequency.REGULAR:
            raise ValidationError(
                "a regular recurrence (定期) states no interval, so its due days cannot be listed",
                field="frequency",
                value=self.frequency.value,
                expected="daily, weekly or monthly to count due sessions",
            )
        found = self._dates(period, until)
        if not self.except_dates:
            return found
        excepted = set(self.except_dates)
        return tuple(day for day in found if day not in excepted)

    def _dates(self, period: Period, until: _dt.date | None) -> tuple[pendulum.Date, ...]:
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
