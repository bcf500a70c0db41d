"""Periods and deadlines: exact calendar semantics in local time."""

from __future__ import annotations

import contextlib
import datetime
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan import testing


@pytest.mark.parametrize(
    ("text", "start", "end", "canonical"),
    [
        ("2011", "2011-01-01", "2011-12-31", "2011"),
        ("2011年", "2011-01-01", "2011-12-31", "2011"),
        ("2011-H1", "2011-01-01", "2011-06-30", "2011-H1"),
        ("2011年下半年", "2011-07-01", "2011-12-31", "2011-H2"),
        ("2011年第三季度", "2011-07-01", "2011-09-30", "2011-Q3"),
        ("2011-Q1", "2011-01-01", "2011-03-31", "2011-Q1"),
        ("2012年2月", "2012-02-01", "2012-02-29", "2012-02"),
        ("2011年春季学期", "2011-02-01", "2011-07-31", "2011-spring"),
        ("2011年秋季", "2011-09-01", "2012-01-31", "2011-autumn"),
        ("2011-03-11", "2011-03-11", "2011-03-11", "2011-03-11"),
        ("2011-03-08/2011-03-10", "2011-03-08", "2011-03-10", "2011-03-08/2011-03-10"),
    ],
)
def test_parse_period(text: str, start: str, end: str, canonical: str) -> None:
    period = g.parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert str(period) == canonical


def test_a_range_without_a_year_takes_the_callers_year() -> None:
    period = g.parse_period("3月8日—3月10日", year=2011)
    assert str(period) == "2011-03-08/2011-03-10"
    with pytest.raises(g.ParseError, match="names no year"):
        g.parse_period("3月8日—3月10日")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("11月底", "2011-11-30"),
        ("2月底", "2011-02-28"),
        ("11月中旬", "2011-11-20"),
        ("年底", "2011-12-31"),
        ("年初", "2011-03-31"),
        ("2012年以前", "2011-12-31"),
        ("3月8日—3月10日", "2011-03-10"),
        ("2011-06-30", "2011-06-30"),
    ],
)
def test_parse_deadline(text: str, due: str) -> None:
    deadline = g.parse_deadline(text, year=2011)
    assert deadline.due.isoformat() == due
    assert deadline.stated == text


def test_membership_and_ending_are_exact_to_the_day() -> None:
    year = g.Period.year(2011)
    assert year.contains(pendulum.date(2011, 12, 31))
    assert not year.contains(pendulum.date(2012, 1, 1))
    assert not year.has_ended(pendulum.date(2011, 12, 31))
    assert year.has_ended(pendulum.date(2012, 1, 1))
    assert year.elapsed(pendulum.date(2011, 6, 30)) == Fraction(181, 365)
    assert year.elapsed(pendulum.date(2010, 6, 30)) == 0


def test_inconsistent_period_is_rejected_with_the_field() -> None:
    with pytest.raises(g.ParseError) as caught:
        g.Period(
            kind=g.PeriodKind.YEAR, start=pendulum.date(2011, 1, 1), end=pendulum.date(2011, 6, 30)
        )
    assert caught.value.field == "end"
    with pytest.raises(g.ParseError, match="no quarter number 5"):
        g.Period.quarter(2011, 5)


@pytest.mark.parametrize("text", ["2011-H3", "2011-02-30", "明年", "2011-13", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(g.ParseError, match=r"period|date|month"):
        g.parse_period(text)


@given(testing.periods())
def test_period_text_round_trips(period: g.Period) -> None:
    assert g.parse_period(str(period)) == period


@given(
    st.integers(1990, 2100),
    st.sampled_from(["{y}年", "{y}年上半年", "{y}年下半年", "{y}年第{q}季度", "{y}年{q}季度"])
    | st.sampled_from(["{y}年{m}月", "{y}年{m}月份", "{y}年春季学期", "{y}年秋季学期"]),
    st.integers(1, 4),
    st.integers(1, 12),
)
def test_parse_period_and_find_periods_agree(
    year: int, form: str, quarter: int, month: int
) -> None:
    """Two readers of one meaning: a period phrase reads the same alone and in a sentence."""
    text = form.format(y=year, q=quarter, m=month)
    (mention,) = g.find_periods(f"全市{text}完成投资")
    assert mention.text == text
    assert mention.period == g.parse_period(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1至9月", "2012-01-01", "2012-09-30"),
        ("2012年1—6月", "2012-01-01", "2012-06-30"),
        ("上半年", "2012-01-01", "2012-06-30"),
        ("一季度", "2012-01-01", "2012-03-31"),
        ("前三季度", "2012-01-01", "2012-09-30"),
        ("到2015年", "2015-01-01", "2015-12-31"),
        ("十二五期间", "2011-01-01", "2015-12-31"),
        ("“十一五”期间", "2006-01-01", "2010-12-31"),
        ("截至9月底", "2012-01-01", "2012-09-30"),
        ("截至2013年9月30日", "2013-01-01", "2013-09-30"),
        ("2011—2012学年", "2011-09-01", "2012-07-31"),
        ("二〇一一年", "2011-01-01", "2011-12-31"),
        ("从7月份开始", "2012-07-01", "2012-12-31"),
    ],
)
def test_report_period_phrases(text: str, start: str, end: str) -> None:
    period = g.parse_period(text, year=2012)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    (mention,) = g.find_periods(f"全市{text}，完成投资", year=2012)
    assert mention.period == period
    assert mention.text == text


def test_a_phrase_without_a_year_needs_one() -> None:
    with pytest.raises(g.ParseError, match="names no year"):
        g.parse_period("1至9月")
    (mention,) = g.find_periods("1至9月，全市投资增长")
    assert mention.period is None
    assert mention.to_date


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("0000", "0"),
        ("0000年", "0"),
        ("0000-Q1", "0"),
        ("0000年上半年", "0"),
        ("0000年1月", "0"),
        ("9999年秋季学期", "10000"),
        ("9999-autumn", "10000"),
    ],
)
def test_a_period_in_an_impossible_year_is_a_parse_error_naming_the_text(
    text: str, year: str
) -> None:
    with pytest.raises(g.ParseError, match=f"impossible period {text!r}: impossible year {year}"):
        g.parse_period(text)


@pytest.mark.parametrize(("text", "year"), [("0001年以前", "0"), ("0000年以前", "-1")])
def test_a_deadline_in_an_impossible_year_is_a_parse_error_naming_the_text(
    text: str, year: str
) -> None:
    with pytest.raises(g.ParseError, match=f"impossible deadline {text!r}: impossible year {year}"):
        g.parse_deadline(text, year=2011)


def test_a_deadline_in_a_plan_year_out_of_range_is_a_parse_error() -> None:
    with pytest.raises(g.ParseError, match="impossible year 0"):
        g.parse_deadline("年底", year=0)


@pytest.mark.parametrize("text", [123, None, b"2011", ["2011"]])
def test_deadline_weekday_and_period_finders_refuse_what_is_not_text(text: object) -> None:
    with pytest.raises(g.ParseError, match="not a deadline"):
        g.parse_deadline(text, year=2011)  # type: ignore[arg-type]
    with pytest.raises(g.ParseError, match="not a weekday"):
        g.parse_weekday(text)  # type: ignore[arg-type]
    with pytest.raises(g.ParseError, match="not text"):
        g.find_periods(text)  # type: ignore[arg-type]


_PERIOD_PIECES = st.sampled_from(
    ["0000", "0001", "9999", "2011", "年", "以前", "上半年", "秋季学期", "-Q1", "-autumn", "1月",
     "—", "底", "截至", "到", "13", "2月30日", "前", "季度", "学年", "〇〇〇〇"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PERIOD_PIECES, max_size=5).map("".join))
def test_period_and_deadline_texts_are_read_or_refused_with_a_parse_error(text: str) -> None:
    for read in (g.parse_period, lambda t: g.parse_deadline(t, year=2011)):
        with contextlib.suppress(g.ParseError):
            read(text)


_YEARS = st.integers(1, 9999)
_ANY_PERIOD = st.one_of(
    _YEARS.map(g.Period.year),
    st.tuples(_YEARS, st.integers(1, 2)).map(lambda t: g.Period.half(*t)),
    st.tuples(_YEARS, st.integers(1, 4)).map(lambda t: g.Period.quarter(*t)),
    st.tuples(_YEARS, st.integers(1, 12)).map(lambda t: g.Period.month(*t)),
    st.tuples(st.integers(1, 9998), st.sampled_from(["spring", "autumn"])).map(
        lambda t: g.Period.term(*t)
    ),
    st.dates(min_value=datetime.date(1, 1, 1)).map(g.Period.day),
    st.tuples(
        st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9989, 12, 31)),
        st.integers(0, 3000),
    ).map(lambda t: g.Period.between(t[0], t[0] + datetime.timedelta(days=t[1]))),
)


@settings(max_examples=300)
@given(_ANY_PERIOD)
def test_every_period_prints_as_text_that_reads_back_equal(period: g.Period) -> None:
    # A year before 1000 prints with four digits (0247-Q3): "247-Q3" was not read back.
    assert g.parse_period(str(period)) == period


@settings(max_examples=200)
@given(
    st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30))
)
def test_every_local_date_and_time_prints_as_text_that_reads_back_equal(
    when: datetime.datetime,
) -> None:
    # Before 1901 Shanghai's offset is its local mean time, +08:05:43 (seconds).
    moment = g.parse_datetime(when)
    assert g.parse_datetime(moment.isoformat()) == moment
    assert g.parse_datetime(str(moment)) == moment


@pytest.mark.parametrize("text", ["2011-03-11T18:00:00+08:05:99", "2011-03-11+08:05:43"])
def test_an_offset_with_impossible_seconds_is_not_a_date_and_time(text: str) -> None:
    with pytest.raises(g.ParseError, match="not a date and time"):
        g.parse_datetime(text)
