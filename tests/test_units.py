"""The unit registry: dimensions, exact factors, user units, closest-name errors."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g

RATES = ["%", "‰", "‱", "/10万"]


@pytest.mark.parametrize(
    ("symbol", "name_en"),
    [
        ("人", "persons"),
        ("所", "schools"),
        ("个百分点", "pp"),
        ("例", "cases"),
        ("起", "incidents"),
    ],
)
def test_units_have_english_names(symbol: str, name_en: str) -> None:
    unit = g.parse_unit(symbol)
    assert unit.name_en == name_en
    assert unit.name == name_en


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (3, "‰", "%", Fraction(3, 10)),
        (1, "%", "‱", 100),
        (20, "/10万", "‱", Fraction(2)),
        (1, "个千分点", "个百分点", Fraction(1, 10)),
        (1, "万斤", "吨", 5),
        (2, "公斤", "斤", 4),
        (1, "万吨标准煤", "吨标准煤", 10_000),
        (1, "毫克/升", "微克/立方米", 1_000_000),
        (3, "公里", "米", 3000),
        (1, "立方米", "升", 1000),
        (1, "万千瓦时", "度", 10_000),
        (1, "平方公里", "公顷", 100),
        (1, "十万亩", "平方米", Fraction(200_000_000, 3)),
        (1, "万亿元", "亿元", 10_000),
        (2, "小时", "分钟", 120),
        (6, "个月", "年", Fraction(1, 2)),
    ],
)
def test_units_convert_exactly(value: int, source: str, target: str, expected: Fraction) -> None:
    assert g.convert_units(value, g.parse_unit(source), g.parse_unit(target)) == expected


@given(st.sampled_from(RATES), st.sampled_from(RATES), st.fractions())
def test_rates_per_100_to_100000_are_one_dimension(a: str, b: str, value: Fraction) -> None:
    source, target = g.parse_unit(a), g.parse_unit(b)
    assert g.convert_units(g.convert_units(value, source, target), target, source) == value


@pytest.mark.parametrize(
    ("rate", "points"), [("%", "个百分点"), ("‰", "个千分点"), ("‱", "个万分点")]
)
def test_each_rate_has_its_difference_unit(rate: str, points: str) -> None:
    assert g.difference_unit(g.parse_unit(rate)) == g.parse_unit(points)
    with pytest.raises(g.UnitMismatchError):
        g.convert_units(1, g.parse_unit(rate), g.parse_unit(points))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("例", "起"),
        ("起", "件"),
        ("套", "台"),
        ("台", "台次"),
        ("艘", "艘次"),
        ("人日", "天次"),
        ("倍", "%"),
        ("吨", "吨标准煤"),
    ],
)
def test_counting_words_do_not_mix(a: str, b: str) -> None:
    with pytest.raises(g.UnitMismatchError):
        g.convert_units(1, g.parse_unit(a), g.parse_unit(b))


def test_every_unit_kind_of_the_reports_is_known() -> None:
    for symbol in [
        "例",
        "起",
        "宗",
        "件",
        "套",
        "台",
        "辆",
        "座",
        "张",
        "株",
        "册",
        "间",
        "户",
        "家",
        "项",
        "处",
        "天次",
        "人日",
        "斤",
        "公斤",
        "吨",
        "万吨",
        "立方米",
        "公里",
        "千瓦时",
        "吨标准煤",
        "微克/立方米",
        "毫克/升",
        "‰",
        "‱",
        "个千分点",
        "/10万",
        "倍",
        "平方米",
        "公顷",
        "亩",
    ]:
        assert symbol in g.DEFAULT_UNITS, symbol


def test_unknown_unit_names_the_closest_known_ones() -> None:
    with pytest.raises(g.UnknownUnitError, match=r"closest known: .*公斤") as caught:
        g.parse_unit("公觔")
    assert caught.value.value == "公觔"
    with pytest.raises(g.UnknownUnitError, match=r"closest known: .*吨标准煤"):
        g.parse_unit("吨标准媒")


def test_defining_a_unit_never_changes_the_default() -> None:
    units = g.DEFAULT_UNITS.define("担", dimension="mass", factor=50_000, name_en="dan")
    assert "担" in units
    assert "担" not in g.DEFAULT_UNITS
    with pytest.raises(g.UnknownUnitError):
        g.parse_unit("担")
    assert g.parse_quantity("3担", units=units).unit.name_en == "dan"
    assert units.convert(2, units.parse("担"), units.parse("吨")) == Fraction(1, 10)


def test_a_symbol_cannot_change_meaning() -> None:
    with pytest.raises(g.ValidationError, match="already defined") as caught:
        g.DEFAULT_UNITS.define("人", dimension="count:robot")
    assert caught.value.field == "symbol"


def test_factors_must_be_exact() -> None:
    with pytest.raises(g.ValidationError, match="floats are not exact") as caught:
        g.Unit(symbol="x", dimension="mass", factor=0.5)
    assert caught.value.field == "factor"
    assert g.Unit(symbol="x", dimension="mass", factor="2000/3").factor == Fraction(2000, 3)


def test_units_load_from_yaml_and_toml(tmp_path: Path) -> None:
    yaml_file = tmp_path / "units.yaml"
    yaml_file.write_text(
        "units:\n  - {symbol: 担, dimension: mass, factor: 50000, name_en: dan, aliases: [石]}\n",
        encoding="utf-8",
    )
    toml_file = tmp_path / "units.toml"
    toml_file.write_text(
        '[[units]]\nsymbol = "垧"\ndimension = "area"\nfactor = "10000"\nname_en = "shang"\n',
        encoding="utf-8",
    )
    units = g.load_units(yaml_file).load(toml_file)
    assert units.parse("石") == units.parse("担")
    assert units.convert(1, units.parse("垧"), units.parse("公顷")) == 1
    assert "垧" not in g.DEFAULT_UNITS


def test_a_bad_unit_file_names_every_bad_entry(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(
        "units:\n  - {symbol: 担, dimension: mass, factor: 0.5}\n  - {dimension: mass}\n"
        "  - {symbol: x, dimension: mass, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(g.LoadError) as caught:
        g.load_units(path)
    paths = {problem.path for problem in caught.value.problems}
    assert paths == {"units[0].factor", "units[1].symbol", "units[2].colour"}
    assert str(path) in str(caught.value.source)
    with pytest.raises(g.LoadError, match="cannot read"):
        g.load_units(tmp_path / "missing.yaml")


def test_a_unit_file_reusing_a_symbol_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(
        "units:\n  - {symbol: '%', dimension: mass}\n  - {symbol: 担, dimension: mass}\n"
        "  - {symbol: 石, dimension: mass, aliases: [kg]}\n  - {symbol: 担, dimension: length}\n",
        encoding="utf-8",
    )
    with pytest.raises(g.LoadError) as caught:
        g.load_units(path)
    problems = {problem.path: problem.message for problem in caught.value.problems}
    assert set(problems) == {"units[0].symbol", "units[2].aliases", "units[3].symbol"}
    assert "'%' is already defined as percent" in problems["units[0].symbol"]
    assert "choose another symbol" in problems["units[3].symbol"]
    assert caught.value.source == str(path)


@pytest.mark.parametrize(
    ("factor", "message"),
    [
        ("'1e999999'", "not a number"),  # Fraction() would build a million-digit number
        ("'1_000'", "not a number"),
        ("1" + "0" * 28, "too large or too fine"),
        ("'1/" + "1" + "0" * 28 + "'", "too large or too fine"),
    ],
)
def test_a_unit_factor_out_of_reason_is_refused_naming_it(
    tmp_path: Path, factor: str, message: str
) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(f"units:\n  - {{symbol: x, dimension: mass, factor: {factor}}}\n", "utf-8")
    with pytest.raises(g.LoadError, match=message) as caught:
        g.load_units(path)
    assert [problem.path for problem in caught.value.problems] == ["units[0].factor"]


def test_a_unit_factor_in_full_width_digits_is_read() -> None:
    assert g.Unit(symbol="x", dimension="mass", factor="２０００/３").factor == Fraction(2000, 3)


def test_a_unit_name_that_is_not_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - {symbol: x, dimension: mass, name_en: 5}\n", "utf-8")
    with pytest.raises(g.LoadError, match="expected text") as caught:
        g.load_units(path)
    assert [problem.path for problem in caught.value.problems] == ["units[0].name_en"]


def _load_units(path: Path) -> g.UnitRegistry | g.LoadError:
    try:
        return g.load_units(path)
    except g.LoadError as error:
        return error


_UNIT_FILE_VALUES = st.sampled_from(
    ["1", "0", "-1", "1.5", "'2000/3'", "'1e999999'", "'1/0'", "null", "[]", "{}", "'%'",
     "'kg'", "'x'", "true", "'" + "9" * 40 + "'", "'０.５'"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    entries=st.lists(
        st.tuples(_UNIT_FILE_VALUES, _UNIT_FILE_VALUES, _UNIT_FILE_VALUES), min_size=1, max_size=3
    )
)
def test_unit_files_load_or_are_refused_naming_the_entry(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str, str]]
) -> None:
    lines = [
        f"  - {{symbol: {s}, dimension: mass, factor: {f}, aliases: [{a}]}}" for s, f, a in entries
    ]
    path = tmp_path_factory.mktemp("units") / "units.yaml"
    path.write_text("units:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    loaded = _load_units(path)
    if isinstance(loaded, g.LoadError):
        assert all(problem.path.startswith("units[") for problem in loaded.problems), loaded
        return
    for unit in loaded.units():
        assert unit.factor > 0
        assert max(unit.factor.numerator, unit.factor.denominator) < 10**28
