"""Periods and deadlines: the calendar spans targets and results refer to.

A :class:`Period` is an inclusive span of calendar days in local time
(Asia/Shanghai): a year (the fiscal year), a half, a quarter, a month, a school
term or any interval.  A :class:`Deadline` is the last day on which something
still counts as on time; "2012年以前" (before 2012) is due 2011-12-31.

School terms follow the mainland calendar: the spring term (春季学期) runs
1 February – 31 July, the autumn term (秋季学期) 1 September – 31 January.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from fractions import Fraction

import attrs
import pendulum

from ..errors import ParseError
from .numbers import normalize_text, parse_chinese_integer

__all__ = [
    "LOCAL_TIMEZONE",
    "Deadline",
    "Period",
    "PeriodKind",
    "parse_date",
    "parse_deadline",
    "parse_period",
]

LOCAL_TIMEZONE = pendulum.timezone("Asia/Shanghai")
"""The time zone of every date and time govplan reads without an explicit offset."""


class PeriodKind(enum.StrEnum):
    """What kind of calendar span a :class:`Period` is."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    TERM = "term"
    DAY = "day"
    INTERVAL = "interval"


def parse_date(text: str | _dt.date) -> pendulum.Date:
    """Read an ISO 8601 date (``"2011-03-11"``) or a Chinese one (``"2011年3月11日"``).

    Raises:
        ParseError: Not a date, or an impossible one such as 2011-02-30.

    """
    if isinstance(text, _dt.date):
        return pendulum.date(text.year, text.month, text.day)
    if not isinstance(text, str):
        raise ParseError(f"not a date: {text!r}", value=text, expected="an ISO date string")
    folded = normalize_text(text)
    match = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})(?:日|号)?", folded)
    if match is None:
        raise ParseError(
            f"not a date: {text!r}", value=text, expected="a date like 2011-03-11 or 2011年3月11日"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return pendulum.date(year, month, day)
    except ValueError as exc:
        raise ParseError(
            f"impossible date: {text!r} ({exc})", value=text, expected="a real calendar day"
        ) from None


def _calendar_date(year: int, month: int, day: int) -> pendulum.Date:
    """The day *year*-*month*-*day*, or a :class:`ParseError` for a year outside 1–9999."""
    if not 1 <= year <= 9999:
        raise ParseError(
            f"impossible year {year}: a calendar date has a year from 1 to 9999",
            value=year,
            expected="a four-digit year such as 2011 (write the year the text means)",
        )
    return pendulum.date(year, month, day)


def _month_end(year: int, month: int) -> pendulum.Date:
    return _calendar_date(year, month, 1).end_of("month")


def _bounds(kind: PeriodKind, year: int, index: int) -> tuple[pendulum.Date, pendulum.Date]:
    if kind is PeriodKind.YEAR:
        return _calendar_date(year, 1, 1), _calendar_date(year, 12, 31)
    if kind is PeriodKind.HALF:
        first = 1 + 6 * (index - 1)
        return _calendar_date(year, first, 1), _month_end(year, first + 5)
    if kind is PeriodKind.QUARTER:
        first = 1 + 3 * (index - 1)
        return _calendar_date(year, first, 1), _month_end(year, first + 2)
    if kind is PeriodKind.MONTH:
        return _calendar_date(year, index, 1), _month_end(year, index)
    # School terms: index 1 is the spring term, 2 the autumn term.
    if index == 1:
        return _calendar_date(year, 2, 1), _calendar_date(year, 7, 31)
    return _calendar_date(year, 9, 1), _calendar_date(year + 1, 1, 31)


_INDEX_RANGE = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12, PeriodKind.TERM: 2}


def _check_period(instance: Period) -> None:
    if instance.start > instance.end:
        raise ParseError(
            f"the period starts ({instance.start}) after it ends ({instance.end})",
            field="start",
            expected="start <= end",
        )


@attrs.frozen(kw_only=True, order=False)
class Period:
    """An inclusive span of calendar days, with the kind of span it is.

    Build one with :meth:`year`, :meth:`half`, :meth:`quarter`, :meth:`month`,
    :meth:`term`, :meth:`day` or :meth:`between`, or read one with
    :func:`parse_period`.

    >>> Period.year(2011).contains(pendulum.date(2011, 6, 30))
    True
    >>> str(Period.term(2011, "autumn"))
    '2011-autumn'
    """

    kind: PeriodKind = attrs.field(converter=PeriodKind)
    start: pendulum.Date
    end: pendulum.Date

    @classmethod
    def _of(cls, kind: PeriodKind, year: int, index: int = 1) -> Period:
        limit = _INDEX_RANGE.get(kind, 1)
        if not 1 <= index <= limit:
            raise ParseError(
                f"no {kind.value} number {index} in a year",
                value=index,
                expected=f"1 to {limit}",
            )
        start, end = _bounds(kind, year, index)
        return cls(kind=kind, start=start, end=end)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar (and fiscal) year *year*."""
        return cls._of(PeriodKind.YEAR, year)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The first (1, 上半年) or second (2, 下半年) half of *year*."""
        return cls._of(PeriodKind.HALF, year, half)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1–4 of *year*."""
        return cls._of(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month 1–12 of *year*."""
        return cls._of(PeriodKind.MONTH, year, month)

    @classmethod
    def term(cls, year: int, term: str) -> Period:
        """The ``"spring"`` (春季) or ``"autumn"`` (秋季) school term starting in *year*."""
        index = {"spring": 1, "春季": 1, "autumn": 2, "秋季": 2}.get(term)
        if index is None:
            raise ParseError(
                f"unknown school term {term!r}", value=term, expected="spring or autumn"
            )
        return cls._of(PeriodKind.TERM, year, index)

    @classmethod
    def day(cls, day: _dt.date) -> Period:
        """A single calendar day."""
        date = parse_date(day)
        return cls(kind=PeriodKind.DAY, start=date, end=date)

    @classmethod
    def between(cls, start: _dt.date, end: _dt.date) -> Period:
        """Any inclusive span from *start* to *end*."""
        return cls(kind=PeriodKind.INTERVAL, start=parse_date(start), end=parse_date(end))

    def __attrs_post_init__(self) -> None:
        _check_period(self)
        if self.kind in (PeriodKind.INTERVAL, PeriodKind.DAY):
            if self.kind is PeriodKind.DAY and self.start != self.end:
                raise ParseError("a day period must start and end on the same day", field="end")
            return
        month = self.start.month
        index = {
            PeriodKind.HALF: 1 + (month - 1) // 6,
            PeriodKind.QUARTER: 1 + (month - 1) // 3,
            PeriodKind.MONTH: month,
            PeriodKind.TERM: 1 if month < 8 else 2,
        }.get(self.kind, 1)
        expected = _bounds(self.kind, self.start.year, index)
        if expected != (self.start, self.end):
            raise ParseError(
                f"a {self.kind.value} cannot run from {self.start} to {self.end}",
                field="end",
                expected=f"{expected[0]} to {expected[1]}",
            )

    def _label(self) -> str:
        # Four digits always (0247), as parse_period reads them back.
        year, month = f"{self.start.year:04d}", self.start.month
        match self.kind:
            case PeriodKind.YEAR:
                return f"{year}"
            case PeriodKind.HALF:
                return f"{year}-H{1 + (month - 1) // 6}"
            case PeriodKind.QUARTER:
                return f"{year}-Q{1 + (month - 1) // 3}"
            case PeriodKind.MONTH:
                return f"{year}-{month:02d}"
            case PeriodKind.TERM:
                return f"{year}-{'spring' if month < 8 else 'autumn'}"
            case PeriodKind.DAY:
                return self.start.isoformat()
            case _:
                return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self) -> str:
        return self._label()

    @property
    def days(self) -> int:
        """How many calendar days the period spans."""
        return (self.end - self.start).days + 1

    def contains(self, date: _dt.date) -> bool:
        """Whether *date* falls within the period (both ends included)."""
        return self.start <= date <= self.end

    def has_ended(self, as_of: _dt.date) -> bool:
        """Whether the whole period lies before *as_of* (its last day has passed)."""
        return as_of > self.end

    def has_started(self, as_of: _dt.date) -> bool:
        """Whether *as_of* is on or after the first day of the period."""
        return as_of >= self.start

    def elapsed(self, as_of: _dt.date) -> Fraction:
        """The share of the period's days that have passed by the end of *as_of*, 0 to 1."""
        if as_of < self.start:
            return Fraction(0)
        if as_of >= self.end:
            return Fraction(1)
        return Fraction((as_of - self.start).days + 1, self.days)


_CANONICAL = re.compile(
    r"(?P<year>\d{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<month>\d{2})"
    r"|(?P<term>spring|autumn)))?"
)
_CN_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"


def _to_int(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_integer(text)


def _parse_canonical(text: str) -> Period:
    match = _CANONICAL.fullmatch(text)
    if match is None:
        raise ParseError(f"not a period: {text!r}", value=text)
    year = int(match["year"])
    if match["half"]:
        return Period.half(year, int(match["half"]))
    if match["quarter"]:
        return Period.quarter(year, int(match["quarter"]))
    if match["month"]:
        return Period.month(year, int(match["month"]))
    if match["term"]:
        return Period.term(year, match["term"])
    return Period.year(year)


_CHINESE_PERIOD = re.compile(
    rf"(?P<year>\d{{4}})年(?:度)?"
    rf"(?:(?P<half>上|下)半年|第?(?P<quarter>[1-4一二三四])季度|(?P<month>{_CN_NUMBER})月(?:份)?"
    rf"|(?P<term>春季|秋季)(?:学期)?)?"
)
_RANGE_SEPARATORS = re.compile(r"\s*(?:—|–|-{1,2}|~|至|到)\s*")


def parse_period(text: str, *, year: int | None = None) -> Period:
    """Read a period as plans and reports write it.

    Canonical forms: ``"2011"``, ``"2011-H1"``, ``"2011-Q3"``, ``"2011-03"``,
    ``"2011-autumn"``, ``"2011-03-08"``, ``"2011-03-08/2011-03-10"``, or the
    Chinese forms ``"2011年"``, ``"2011年上半年"``, ``"2011年第三季度"``,
    ``"2011年3月"``, ``"2011年秋季学期"`` and ``"3月8日—3月10日"`` (with *year*);
    and the phrases of :func:`~govplan.find_periods`: ``"2012年1—6月"``,
    ``"1至9月"``, ``"上半年"``, ``"一季度"``, ``"前三季度"``, ``"截至9月底"``,
    ``"到2015年"``, ``"十二五期间"``, ``"2011—2012学年"`` (those naming no
    year take *year*).

    >>> str(parse_period("3月8日—3月10日", year=2011))
    '2011-03-08/2011-03-10'

    Raises:
        ParseError: Not a period, or an impossible one.

    """
    try:
        return _read_period(text, year)
    except ParseError as exc:
        raise _naming(exc, text, "period") from None


def _naming(exc: ParseError, text: str, what: str) -> ParseError:
    """*exc*, or a copy whose message quotes *text* when it did not (an impossible year)."""
    if repr(text) in exc.message:
        return exc
    return ParseError(
        f"impossible {what} {text!r}: {exc.message}", value=text, expected=exc.expected
    )


def _read_period(text: str, year: int | None) -> Period:
    if not isinstance(text, str):
        raise ParseError(f"not a period: {text!r}", value=text, expected="a string like 2011-Q3")
    folded = "".join(normalize_text(text).split())
    if _CANONICAL.fullmatch(folded):
        return _parse_canonical(folded)
    if "/" in folded:
        start, _, end = folded.partition("/")
        return Period.between(parse_date(start), parse_date(end))
    match = _CHINESE_PERIOD.fullmatch(folded)
    if match:
        y = int(match["year"])
        if match["half"]:
            return Period.half(y, 1 if match["half"] == "上" else 2)
        if match["quarter"]:
            return Period.quarter(y, _to_int(match["quarter"]))
        if match["month"]:
            return Period.month(y, _to_int(match["month"]))
        if match["term"]:
            return Period.term(y, match["term"])
        return Period.year(y)
    from .period_text import read_period_phrase

    try:
        return read_period_phrase(folded, year=year)
    except ParseError as exc:
        if "names no year" in exc.message:
            raise ParseError(f"{text!r} names no year", value=text, expected=_WITH_YEAR) from None
    try:
        parts = _RANGE_SEPARATORS.split(folded)
        if len(parts) == 2 and all(parts):
            first = _day(parts[0], year)
            return Period.between(first, _day(parts[1], first.year))
        return Period.day(_day(folded, year))
    except ParseError as exc:
        if "impossible" in exc.message or "names no year" in exc.message:
            raise
        raise ParseError(
            f"not a period: {text!r}",
            value=text,
            expected="e.g. 2011, 2011-H1, 2011-Q3, 2011-03, 2011-autumn, 2011-03-08/2011-03-10",
        ) from None


_WITH_YEAR = "its year written with it (2011年上半年), or a year= argument"
"""What a period without its year needs: said to the person who wrote it and to the caller."""


def _day(text: str, year: int | None) -> pendulum.Date:
    match = re.fullmatch(rf"(?:(\d{{4}})年)?({_CN_NUMBER})月({_CN_NUMBER})(?:日|号)", text)
    if match is None:
        return parse_date(text)
    if match[1] is None and year is None:
        raise ParseError(f"{text!r} names no year", value=text, expected=_WITH_YEAR)
    y = int(match[1]) if match[1] else year
    assert y is not None
    return parse_date(f"{y}-{_to_int(match[2])}-{_to_int(match[3])}")


@attrs.frozen(kw_only=True)
class Deadline:
    """The last day on which something still counts as done on time.

    Attributes:
        due: That day (inclusive).
        stated: How the source put it ("11月底", "2012年以前"), if it was read from text.

    """

    due: pendulum.Date
    stated: str | None = None

    def is_overdue(self, as_of: _dt.date) -> bool:
        """Whether *as_of* is past the due day."""
        return as_of > self.due

    def __str__(self) -> str:
        return self.stated or self.due.isoformat()


_PART_OF_MONTH = {"初": 10, "上旬": 10, "中旬": 20}


def parse_deadline(text: str, *, year: int) -> Deadline:
    """Read a deadline as plans state it, within the plan's *year*.

    ``"11月底"`` / ``"11月末"`` / ``"11月下旬"`` → 30 November; ``"11月中旬"`` → the
    20th; ``"11月初"`` / ``"上旬"`` → the 10th; ``"年底"`` / ``"年末"`` → 31
    December; ``"年初"`` → 31 March (the first quarter); ``"2012年以前"`` →
    31 December 2011; ``"上半年"`` → 30 June; a date or a range such as
    ``"3月8日—3月10日"`` → its last day.

    >>> parse_deadline("11月底", year=2011).due
    Date(2011, 11, 30)

    Raises:
        ParseError: Not a deadline.

    """
    if not isinstance(text, str):
        raise ParseError(
            f"not a deadline: {text!r}", value=text, expected="a string like 11月底 or 2011-11-30"
        )
    try:
        due = _deadline_day(text, year)
    except ParseError as exc:
        raise _naming(exc, text, "deadline") from None
    return Deadline(due=due, stated=text)


def _deadline_day(text: str, year: int) -> pendulum.Date:
    folded = normalize_text(text)
    due: pendulum.Date | None = None
    if folded in ("年底", "年末", "年终", "全年", "本年"):
        due = _calendar_date(year, 12, 31)
    elif folded == "年初":
        due = _calendar_date(year, 3, 31)
    elif folded in ("上半年", "年中"):
        due = _calendar_date(year, 6, 30)
    elif match := re.fullmatch(r"(\d{4})年(?:以前|之前|前)", folded):
        due = _calendar_date(int(match[1]) - 1, 12, 31)
    elif match := re.fullmatch(
        rf"(?:(\d{{4}})年)?({_CN_NUMBER})月(底|末|下旬|中旬|上旬|初)", folded
    ):
        y, month = int(match[1] or year), _to_int(match[2])
        if not 1 <= month <= 12:
            raise ParseError(f"no month {month} in {text!r}", value=text, expected="1 to 12")
        day = _PART_OF_MONTH.get(match[3])
        due = _calendar_date(y, month, day) if day else _month_end(y, month)
    else:
        try:
            due = parse_period(folded, year=year).end
        except ParseError:
            raise ParseError(
                f"not a deadline: {text!r}",
                value=text,
                expected="e.g. 11月底, 年底, 年初, 2012年以前, 2011-11-30",
            ) from None
    return due
