"""Statements: the words around a value, read into typed results with spans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as g


def _one(text: str, **kwargs: object) -> g.Statement:
    return g.read_statement(text, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "comparator", "low", "high"),
    [
        ("控制在1%以内", "at_most", None, "1"),
        ("不超过3%", "at_most", None, "3"),
        ("突破100亿元", "more_than", "100", None),
        ("跨过千亿元大关", "at_least", "1000", None),
        ("突破百万人", "more_than", "100", None),
        ("至少5所", "at_least", "5", None),
        ("不低于95%", "at_least", "95", None),
        ("95%以上", "at_least", "95", None),
        ("超过90%", "more_than", "90", None),
        ("不满18人", "less_than", None, "18"),
        ("3年以外", "more_than", "3", None),
        ("届满3年", "at_least", "3", None),
        ("达到99.5%", "at_least", "99.5", "99.5"),
    ],
)
def test_bound_words_follow_civil_code_article_1259(
    text: str, comparator: str, low: str | None, high: str | None
) -> None:
    statement = _one(text)
    assert statement.comparator is not None
    assert statement.comparator.value == comparator
    assert statement.quantity is not None
    assert statement.quantity.low == (None if low is None else Decimal(low))
    assert statement.quantity.high == (None if high is None else Decimal(high))


def test_threshold_is_the_bounded_number() -> None:
    assert _one("控制在4.6%以内").threshold == g.parse_quantity("4.6%")
    assert _one("达到95%以上").threshold == g.parse_quantity("95%")
    assert _one("下降5%以上").threshold == g.parse_quantity("-5%")
    assert _one("8%左右").threshold is None
    assert _one("未发生").threshold is None


@pytest.mark.parametrize(
    ("text", "kind", "value", "symbol"),
    [
        ("同比下降12.5%", "growth", "-12.5", "%"),
        ("增长8%", "growth", "8", "%"),
        ("比上年提高4.81个百分点", "change", "4.81", "个百分点"),
        ("下降了2个百分点", "change", "-2", "个百分点"),
        ("减少200人", "change", "-200", "人"),
        ("增长1.82倍", "growth", "182", "%"),
        ("翻一番", "growth", "100", "%"),
        ("翻两番", "growth", "300", "%"),
        ("零增长", "growth", "0", "%"),
        ("死亡率下降2‰", "change", "-2", "个千分点"),
        ("提高0.5个千分点", "change", "0.5", "个千分点"),
    ],
)
def test_changes_are_signed_and_growth_is_in_percent(
    text: str, kind: str, value: str, symbol: str
) -> None:
    statement = _one(text)
    assert statement.kind.value == kind
    assert statement.quantity == g.Quantity.of(value, g.parse_unit(symbol))


def test_a_decrease_flips_the_comparator() -> None:
    statement = _one("下降5%以上")
    assert statement.comparator is g.Comparator.AT_MOST
    assert statement.quantity is not None
    assert (statement.quantity.low, statement.quantity.high) == (None, Decimal(-5))


@pytest.mark.parametrize(
    ("text", "level", "comparator"),
    [("提高到95%", "95", "at_least"), ("降至5%", "5", "at_most"), ("回落到2.6%", "2.6", "at_most")],
)
def test_a_change_word_with_to_states_the_level(text: str, level: str, comparator: str) -> None:
    statement = _one(text)
    assert statement.kind is g.StatementKind.LEVEL
    assert statement.quantity == g.parse_quantity(f"{level}%")
    assert statement.comparator is not None
    assert statement.comparator.value == comparator


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("全年未发生一起重大安全事故", "起"),
        ("没有发生", ""),
        ("无重大安全事故", ""),
        ("无一例", "例"),
    ],
)
def test_zero_statements(text: str, symbol: str) -> None:
    statement = _one(text)
    assert statement.kind is g.StatementKind.ZERO
    assert statement.comparator is g.Comparator.ZERO
    assert statement.quantity == g.Quantity.of(0, g.parse_unit(symbol))


def test_a_numeral_inside_a_zero_statement_is_not_a_count() -> None:
    assert [s.kind.value for s in g.find_statements("未发生一起事故，发生3起")] == ["zero", "level"]


def test_unchanged_has_no_number_but_keeps_the_word() -> None:
    statement = _one("与上年持平")
    assert statement.kind is g.StatementKind.UNCHANGED
    assert statement.quantity is None
    assert statement.keyword == "持平"


@pytest.mark.parametrize(
    ("text", "low", "high", "scope"),
    [
        ("位居全省第三", "3", "3", "全省"),
        ("全市第2位", "2", "2", "全市"),
        ("进入全国前十强", "1", "10", "全国"),
        ("跻身全国10强", "1", "10", "全国"),
        ("荣登全省榜首", "1", "1", "全省"),
        ("获得第一名", "1", "1", None),
    ],
)
def test_ranks_in_words_with_their_scope(text: str, low: str, high: str, scope: str | None) -> None:
    statement = _one(text)
    assert statement.kind is g.StatementKind.RANK
    assert statement.comparator is g.Comparator.RANK_WITHIN
    assert statement.quantity == g.Quantity(
        low=Decimal(low), high=Decimal(high), unit=g.parse_unit("名次")
    )
    assert statement.scope == scope


@pytest.mark.parametrize("text", ["走在全省前列", "进入第一方阵"])
def test_vague_ranks_have_no_number(text: str) -> None:
    statement = _one(text)
    assert statement.kind is g.StatementKind.RANK
    assert statement.quantity is None


@pytest.mark.parametrize(
    "text",
    [
        "第三批",
        "把安全摆在首位",
        "一是",
        "四个全面",
        "十分重要",
        "进一步提高",
        "第一季度",
        "考取二本",
        "十七届五中全会",
        "一度紧张",
        "困难一方",
        "三位一体",
        "组织2011届毕业生",
        "3月4日召开",
        "与两部门协调",
        "每一天",
        "一人一档",
        "有一人",
    ],
)
def test_numbers_that_are_not_values(text: str) -> None:
    assert g.find_statements(text) == ()


@pytest.mark.parametrize("text", ["其中一人获奖", "其中有一人"])
def test_one_is_a_value_when_it_is_a_part_of_a_total(text: str) -> None:
    (statement,) = g.find_statements(text)
    assert statement.text == "一人"
    assert statement.quantity is not None
    assert statement.quantity.low == 1


@pytest.mark.parametrize(
    ("text", "approx", "low", "high"),
    [
        ("约3000人", "约", "2850", "3150"),
        ("8%左右", "左右", "7.6", "8.4"),
        ("近500人", "近", "475", "500"),
        ("300多人", "多", "300", "400"),
        ("1万余人", "余", "1", "2"),
        ("2万多元", "多", "2", "3"),
        ("70%多", "多", "70", "80"),
        ("十几个", "几", "10", "20"),
    ],
)
def test_approximate_values(text: str, approx: str, low: str, high: str) -> None:
    statement = _one(text)
    assert statement.approx == approx
    assert statement.comparator is None
    assert statement.quantity is not None
    assert (statement.quantity.low, statement.quantity.high) == (Decimal(low), Decimal(high))


def test_commitment_and_forecast_cover_their_sentence() -> None:
    first, second, third = g.find_statements(
        "力争地区生产总值增长10%，财政收入增长12%。预计全年投资增长15%。"
    )
    assert first.commitment is second.commitment is g.Commitment.STRIVE
    assert first.commitment_word == "力争"
    assert not first.forecast
    assert third.forecast
    assert third.commitment is g.Commitment.PLAIN
    assert _one("确保入学率达到100%").commitment is g.Commitment.ENSURE


def test_periods_of_the_sentence_and_the_callers_year() -> None:
    statement = _one("1至9月，全市投资增长12%")
    assert statement.period is None
    assert statement.period_text == "1至9月"
    dated = _one("1至9月，全市投资增长12%", year=2012)
    assert str(dated.period) == "2012-01-01/2012-09-30"
    assert dated.to_date
    assert str(_one("2012年上半年增长8%").period) == "2012-H1"


def test_a_baseline_period_is_not_the_statements_period() -> None:
    statement = _one("2016年婴儿死亡率比2000年下降76.7%")
    assert str(statement.period) == "2016"
    assert statement.baseline_text == "比2000年"


def test_list_items_share_the_words_before_the_first() -> None:
    _, second = g.find_statements("分别增长8%和10.5%")
    assert second.kind is g.StatementKind.GROWTH
    assert second.quantity == g.parse_quantity("10.5%")
    levels = g.find_statements("分别达到90%、99%和13.5年")
    assert [s.comparator for s in levels] == [g.Comparator.AT_LEAST] * 3


def test_spans_point_into_the_text_as_written() -> None:
    text = "全年國內生產總值增長 ８.５ ℅，糧食產量１，２００萬噸"
    growth, grain = g.find_statements(text)
    assert text[growth.span[0] : growth.span[1]] == growth.text == "增長 ８.５ ℅"
    assert growth.quantity == g.parse_quantity("8.5%")
    assert text[grain.span[0] : grain.span[1]] == grain.text == "１，２００萬噸"
    assert grain.quantity == g.parse_quantity("1200万吨")


def test_chinese_numerals_in_statements() -> None:
    assert _one("全市人口十二万五千人").quantity == g.parse_quantity("125000人")
    assert _one("增长三点五个百分点").quantity == g.parse_quantity("3.5个百分点")
    assert _one("入学率达到百分之九十五").quantity == g.parse_quantity("95%")
    assert _one("孕产妇死亡率十万分之二十").quantity == g.parse_quantity("20/10万")
    assert _one("零点五个百分点").quantity == g.parse_quantity("0.5个百分点")


def test_a_users_units_are_read() -> None:
    units = g.DEFAULT_UNITS.define("担", dimension="mass", factor=50_000, name_en="dan")
    assert _one("收购粮食300担", units=units).quantity == g.Quantity.of(300, units.parse("担"))
    assert g.find_statements("收购粮食300担") == ()


def test_read_statement_wants_exactly_one() -> None:
    with pytest.raises(g.ParseError, match="no value statement in '工作扎实'"):
        g.read_statement("工作扎实")
    with pytest.raises(g.ParseError, match="2 value statements") as caught:
        g.read_statement("增长8%，下降2%")
    assert "'增长8%'" in str(caught.value)


def test_bad_arguments_name_the_parameter() -> None:
    with pytest.raises(g.ParseError, match="tolerance") as caught:
        g.find_statements("约300人", tolerance=0.05)  # type: ignore[arg-type]
    assert caught.value.field == "tolerance"
    with pytest.raises(g.ParseError, match="not text"):
        g.find_statements(5)  # type: ignore[arg-type]


def test_statements_build_targets() -> None:
    target = g.target_from_statement(
        _one("确保2012年城镇登记失业率控制在4.6%以内"), id="t", indicator_id="unemployment"
    )
    assert (target.comparator, target.value) == (g.Comparator.AT_MOST, g.parse_quantity("4.6%"))
    assert target.commitment is g.Commitment.ENSURE
    band = g.target_from_statement(
        _one("2012年增长8%左右"), id="t", indicator_id="gdp", baseline=g.Period.year(2011)
    )
    assert band.comparator is g.Comparator.EQUAL
    assert band.is_approximate
    assert (band.value, band.upper) == (g.parse_quantity("[7.6,8.4]%"), None)
    assert band.basis is g.Basis.GROWTH
    zero = g.target_from_statement(_one("2012年不发生重大事故"), id="z", indicator_id="accidents")
    assert zero.comparator is g.Comparator.ZERO
    rank = g.target_from_statement(
        _one("力争进入全省前三"), id="r", indicator_id="rank", period=g.Period.year(2012)
    )
    assert (rank.comparator, rank.value) == (g.Comparator.RANK_WITHIN, g.parse_quantity("3名次"))
    assert not rank.is_binding


def test_statements_build_observations() -> None:
    seen = g.observation_from_statement(_one("2011年同比下降12.5%"), indicator_id="accidents")
    assert seen.value == g.parse_quantity("-12.5%")
    assert seen.change_from == g.Period.year(2010)
    zero = g.observation_from_statement(
        _one("全年未发生一起事故"), indicator_id="accidents", period=g.Period.year(2011)
    )
    assert zero.value == g.parse_quantity("0起")


@pytest.mark.parametrize(
    ("text", "message", "field"),
    [
        ("预计2012年增长8%", "forecast", "value"),
        ("增长8%", "names no period", "period"),
        ("2012年走在全省前列", "states no number", "value"),
    ],
)
def test_what_cannot_be_an_observation_says_why(text: str, message: str, field: str) -> None:
    with pytest.raises(g.ValidationError, match=message) as caught:
        g.observation_from_statement(_one(text), indicator_id="x")
    assert caught.value.field == field


def test_an_open_band_is_not_a_target() -> None:
    with pytest.raises(g.ValidationError, match="open interval") as caught:
        g.target_from_statement(_one("2012年300多人"), id="t", indicator_id="x")
    assert caught.value.field == "value"


@given(st.text(max_size=40))
def test_any_text_gives_statements_or_a_govplan_error(text: str) -> None:
    for statement in g.find_statements(text):
        assert text[statement.span[0] : statement.span[1]] == statement.text


# Every symbol and alias a value is written with (a rank needs 第; 2011年 and
# 2011届 name a year, not a quantity).
_STATED_SYMBOLS = sorted(
    symbol
    for symbol, unit in g.DEFAULT_UNITS.symbols.items()
    if symbol and unit.dimension not in ("rank", "number") and symbol not in ("届", "年")
)


@given(
    st.sampled_from(_STATED_SYMBOLS),
    st.decimals(min_value=1, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["{}", "{}以上", "{}以下", "超过{}", "不满{}"]),
)
def test_the_statement_reader_agrees_with_parse_quantity(
    symbol: str, value: Decimal, form: str
) -> None:
    """Two readers of one meaning: a stated value reads the same alone or in a statement."""
    text = form.format(f"{format(value, 'f')}{symbol}")
    (statement,) = g.find_statements(text)
    assert statement.quantity == g.parse_quantity(text)
    assert statement.text == text


def test_a_count_of_turn_outs_keeps_its_whole_unit() -> None:
    # 台次 counts machine turn-outs, not machines: read as 5台 it would be distorted.
    (vehicles, boats) = g.find_statements("出动车辆5台次，巡查船只3艘次")
    assert str(vehicles.quantity) == "5台次"
    assert str(boats.quantity) == "3艘次"


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        ("增长7-9%", g.StatementKind.GROWTH, "7", "9"),
        ("增长7%-9%", g.StatementKind.GROWTH, "7", "9"),
        ("增长7至9%", g.StatementKind.GROWTH, "7", "9"),
        ("增长7～9%", g.StatementKind.GROWTH, "7", "9"),
        ("下降7-9%", g.StatementKind.GROWTH, "-9", "-7"),
        ("控制在90%—95%", g.StatementKind.LEVEL, "90", "95"),
        ("新建学校三至五所", g.StatementKind.LEVEL, "3", "5"),
    ],
)
def test_a_range_is_one_between_statement_and_never_a_made_up_level(
    text: str, kind: g.StatementKind, low: str, high: str
) -> None:
    (statement,) = g.find_statements(text)
    assert statement.kind is kind
    assert statement.comparator is g.Comparator.BETWEEN
    assert statement.text == text.removeprefix("新建学校")
    assert statement.quantity is not None
    assert (statement.quantity.low, statement.quantity.high) == (Decimal(low), Decimal(high))
    assert not statement.quantity.low_open
    assert not statement.quantity.high_open


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("从7%提高到9%", ["7%", "9%"]),  # a change from one level to another
        ("由7人到9人", ["7人", "9人"]),
        ("9-7%", ["7%"]),  # the second end is below the first: no range
        ("2011-03-08召开", []),
    ],
)
def test_what_is_not_a_range_is_not_read_as_one(text: str, values: list[str]) -> None:
    assert [str(s.quantity) for s in g.find_statements(text)] == values


def test_a_target_from_a_range_holds_both_ends() -> None:
    target = g.target_from_statement(
        g.read_statement("2011年增长7-9%"), id="gdp-growth", indicator_id="gdp"
    )
    assert target.comparator is g.Comparator.BETWEEN
    assert (str(target.value), str(target.upper)) == ("7%", "9%")
    assert target.basis is g.Basis.GROWTH
