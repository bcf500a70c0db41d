"""Periods as reports write them inside sentences, with their spans.

Reports name the period a figure covers in many ways: 2012年, 2012年1—6月,
1至9月, 上半年, 一季度, 前三季度, 截至9月底, 到2015年, 十二五期间, 2011年秋季学期,
2011—2012学年.  :func:`find_periods` finds each such phrase in a text (one
linear pass) and reads it as a :class:`~govplan.Period`, taking the year from
the caller when the phrase names none.
"""

from __future__ import annotations

import re

import attrs
import pendulum

from ..errors import ParseError
from .normalize import normalize
from .numbers import parse_chinese_integer
from .periods import Period

__all__ = ["PeriodMention", "find_periods", "period_matches", "read_period_phrase"]

_CN = "一二三四五六七八九十〇零两"
_YEAR = rf"(?P<year>[0-9]{{4}}|[{_CN}]{{4}})年(?:度)?"
_NUM = rf"[0-9]{{1,2}}|[{_CN}]{{1,3}}"
_DASH = r"(?:—{1,2}|–|-|~|至|到)"
_PHRASE = re.compile(
    rf"(?P<fyp>[“\"]?(?P<plan>[{_CN}]{{1,3}})五[”\"]?(?P<fyp_part>期间|时期|末|初|以来|规划期|规划))"
    rf"|(?P<school>(?P<sy1>[0-9]{{4}})(?:年)?{_DASH}(?P<sy2>[0-9]{{4}})(?:年)?学年)"
    rf"|(?P<years>(?P<y1>[0-9]{{4}})(?:年)?{_DASH}(?P<y2>[0-9]{{4}})年)"
    rf"|(?P<from_month>从(?:(?P<fm_year>[0-9]{{4}})年)?(?P<fm_month>{_NUM})月(?:份)?(?:开始|起|以来))"
    rf"|(?P<to_date>(?:截至|截止到|截止|到)(?:(?P<td_year>[0-9]{{4}})年)?"
    rf"(?P<td_month>{_NUM})月(?:(?P<td_day>{_NUM})日|(?P<td_end>底|末))?)"
    rf"|(?P<by>(?:到|至|截至|截止到|截止)(?P<by_year>[0-9]{{4}})年(?P<by_end>底|末)?)"
    rf"|(?:{_YEAR})?(?:"
    rf"(?P<months>(?P<m1>{_NUM})(?:月(?:份)?)?{_DASH}(?P<m2>{_NUM})月(?:份)?)"
    rf"|(?P<half>[上下])半年"
    rf"|(?P<first_q>前(?P<fq>[一二三两1-3]))季度"
    rf"|第?(?P<quarter>[一二三四1-4])季度"
    rf"|(?P<term>春季|秋季)学期"
    rf"|(?P<month>{_NUM})月(?:份)?(?![0-9{_CN}]{{1,3}}[日号])"
    rf")"
    rf"|(?P<year_only>(?P<yo>[0-9]{{4}}|[{_CN}]{{4}})年(?:度)?)"
)


# Where a period phrase may start: the first digit of a run, a Chinese numeral or
# a lead word.  Matching only there keeps the search linear (the regular
# expression engine would retry inside every digit run).
_START = re.compile(rf"(?<![0-9])[0-9]|[“\"从截到至上下前第春秋{_CN}]")


_VERB_ENDS = frozenset("加高降升长少落减增")


def _phrases(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    end = 0
    for start in _START.finditer(text):
        at = start.start()
        if at < end:
            continue
        if text[at] in "到至" and text[at - 1 : at] in _VERB_ENDS:
            continue  # 增加到2022年6月: a level reached in that month, not "by" it
        match = _PHRASE.match(text, at)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


@attrs.frozen(kw_only=True)
class PeriodMention:
    """A period phrase found in a text.

    Attributes:
        text: The phrase as written ("1至9月").
        span: Its start and end offsets in the text searched.
        period: The period it names, or ``None`` when it names no year and
            the caller gave none.
        to_date: Whether it is a year-to-date span (截至9月底, 1至9月, 前三季度):
            cumulative figures up to its end.

    """

    text: str
    span: tuple[int, int]
    period: Period | None
    to_date: bool = False


def _int(text: str) -> int:
    return int(text) if text.isascii() else parse_chinese_integer(text)


def _year(text: str | None, default: int | None) -> int | None:
    if text is None:
        return default
    return _int(text)


def _first_to(year: int, month: int, day: int | None) -> Period:
    if day is None:
        return _months(year, 1, month)
    return Period.between(pendulum.date(year, 1, 1), pendulum.date(year, month, day))


def _months(year: int, first: int, last: int) -> Period:
    if not 1 <= first <= last <= 12:
        raise ParseError(
            f"no months {first} to {last} in a year", value=f"{first}-{last}", expected="1 to 12"
        )
    if (first, last) == (1, 12):
        return Period.year(year)
    if last == first:
        return Period.month(year, first)
    for kind, size in (("half", 6), ("quarter", 3)):
        if last - first + 1 == size and (first - 1) % size == 0:
            index = 1 + (first - 1) // size
            return Period.half(year, index) if kind == "half" else Period.quarter(year, index)
    return Period.between(
        pendulum.date(year, first, 1), pendulum.date(year, last, 1).end_of("month")
    )


def _read(match: re.Match[str], default_year: int | None) -> tuple[Period | None, bool]:
    group = match.group
    if group("fyp"):
        number = parse_chinese_integer(group("plan"))
        if number < 3:
            raise ParseError(f"no dates for five-year plan {number}", value=group("fyp"))
        first = 1966 + 5 * (number - 3)
        if group("fyp_part") == "末":
            return Period.year(first + 4), False
        if group("fyp_part") == "初":
            return Period.year(first), False
        return Period.between(pendulum.date(first, 1, 1), pendulum.date(first + 4, 12, 31)), False
    if group("school"):
        first = int(group("sy1"))
        return Period.between(pendulum.date(first, 9, 1), pendulum.date(first + 1, 7, 31)), False
    if group("years"):
        first, last = int(group("y1")), int(group("y2"))
        return Period.between(pendulum.date(first, 1, 1), pendulum.date(last, 12, 31)), False
    if group("by"):
        return Period.year(int(group("by_year"))), False
    if group("from_month"):
        year = _year(group("fm_year"), default_year)
        if year is None:
            return None, False
        return _months(year, _int(group("fm_month")), 12), False
    if group("to_date"):
        year = _year(group("td_year"), default_year)
        if year is None:
            return None, True
        day = group("td_day")
        return _first_to(year, _int(group("td_month")), _int(day) if day else None), True
    if group("year_only"):
        return Period.year(_int(group("yo"))), False
    year = _year(group("year"), default_year)
    if year is None:
        return None, bool(group("months") or group("first_q"))
    if group("months"):
        first, last = _int(group("m1")), _int(group("m2"))
        return _months(year, first, last), first == 1
    if group("half"):
        return Period.half(year, 1 if group("half") == "上" else 2), False
    if group("first_q"):
        count = _int(group("fq").replace("两", "二"))
        return _months(year, 1, 3 * count), True
    if group("quarter"):
        return Period.quarter(year, _int(group("quarter"))), False
    if group("term"):
        return Period.term(year, group("term")), False
    return Period.month(year, _int(group("month"))), False


def find_periods(text: str, *, year: int | None = None) -> tuple[PeriodMention, ...]:
    """Every period phrase in *text*, in order, with spans into *text* as written.

    >>> [str(m.period) for m in find_periods("2012年1—6月，全市完成投资；上半年增长8%", year=2012)]
    ['2012-H1', '2012-H1']

    Args:
        text: A sentence or a paragraph.
        year: The year of phrases that name none (上半年, 1至9月); without it
            their :attr:`~PeriodMention.period` is ``None``.

    """
    if not isinstance(text, str):
        raise ParseError(f"not text: {text!r}", value=text, expected="a string")
    normalized = normalize(text)
    found: list[PeriodMention] = []
    for start, end, period, to_date in period_matches(normalized.text, year):
        first, last = normalized.span(start, end)
        found.append(
            PeriodMention(text=text[first:last], span=(first, last), period=period, to_date=to_date)
        )
    return tuple(found)


def period_matches(normalized: str, year: int | None) -> list[tuple[int, int, Period | None, bool]]:
    """Period phrases in normalised text: (start, end, period, to_date) in its offsets."""
    found: list[tuple[int, int, Period | None, bool]] = []
    for match in _phrases(normalized):
        try:
            period, to_date = _read(match, year)
        except (ParseError, ValueError):
            continue  # "13月" or "二十五期间" names no period: not a period phrase
        found.append((match.start(), match.end(), period, to_date))
    return found


def read_period_phrase(text: str, *, year: int | None = None) -> Period:
    """Read one whole period phrase ("1至9月", "十二五期间", "截至9月底").

    Raises:
        ParseError: *text* is not one period phrase, or it names no year and
            *year* is not given.

    """
    normalized = normalize(text.strip()).text
    match = _PHRASE.fullmatch(normalized)
    if match is None:
        raise ParseError(f"not a period: {text!r}", value=text)
    try:
        period, _ = _read(match, year)
    except ValueError as exc:
        raise ParseError(f"impossible period: {text!r} ({exc})", value=text) from None
    if period is None:
        raise ParseError(
            f"{text!r} names no year",
            value=text,
            expected="its year written with it (2012年上半年), or a year= argument (year=2012)",
        )
    return period
