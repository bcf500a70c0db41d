"""Approximate targets (增长8%左右, 控制在3%左右, 约500人): a band read by direction."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import ComparatorCode, compile_checks
from tests.executor_cases import outcome

S = g.Status
PERSONS = g.parse_quantity("1人").unit


def _plan(target: g.Target, indicator: g.Indicator) -> g.Plan:
    goal = g.Goal(id="g", title="任务", targets=(target,))
    return g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2012),
        indicators=(indicator,),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _rate(direction: str) -> g.Indicator:
    return g.Indicator(
        id="r", name="增长率", name_en="growth rate", unit=g.PERCENT, direction=direction
    )


def _verdict(target: g.Target, indicator: g.Indicator, observed: str | g.Quantity) -> g.Verdict:
    seen = g.Observation(indicator_id=indicator.id, period=g.Period.year(2012), value=observed)
    return g.evaluate(_plan(target, indicator), [seen]).verdict(target.id)


def _about(value: str | g.Quantity, comparator: str = "equal") -> g.Target:
    return g.Target(id="t", indicator_id="r", comparator=comparator, period="2012", value=value)


# ----------------------------------------------------------------------------- the model


def test_a_target_value_may_be_an_approximate_band() -> None:
    """On main, Target refused 8%左右 ("a target value must be exact")."""
    target = _about("8%左右")
    assert target.is_approximate
    assert target.value is not None
    assert (target.value.low, target.value.high) == (Decimal("7.60"), Decimal("8.40"))
    assert not _about("8%").is_approximate


def test_the_about_tolerance_is_the_readers() -> None:
    wide = _about(g.parse_quantity("约500人", tolerance="0.1"))
    assert wide.value is not None
    assert (wide.value.low, wide.value.high) == (Decimal("450.0"), Decimal("550.0"))


@pytest.mark.parametrize("text", ["300多人", "95%以上", "近500人", "(7,9)%"])
def test_an_open_or_one_sided_value_is_still_refused_by_name(text: str) -> None:
    with pytest.raises(g.ValidationError, match="exact or an approximate band") as caught:
        _about(text)
    assert caught.value.field == "value"


@pytest.mark.parametrize("comparator", ["more_than", "less_than", "between", "rank_within"])
def test_a_band_suits_equal_at_least_and_at_most_only(comparator: str) -> None:
    with pytest.raises(g.ValidationError, match="approximate value") as caught:
        g.Target(
            id="t",
            indicator_id="r",
            comparator=comparator,
            period="2012",
            value="8%左右",
            upper="9%" if comparator == "between" else None,
        )
    assert caught.value.field == "comparator"


# ----------------------------------------------------------------------------- direction


@pytest.mark.parametrize(
    ("direction", "value", "observed", "status"),
    [
        ("higher", "8%左右", "7.6%", S.MET),  # at the low end
        ("higher", "8%左右", "12%", S.MET),  # far above: more is better
        ("higher", "8%左右", "7.5%", S.MISSED),
        ("lower", "3%左右", "3.15%", S.MET),  # at the high end
        ("lower", "3%左右", "1%", S.MET),  # far below: less is better
        ("lower", "3%左右", "3.2%", S.MISSED),
        ("neither", "8%左右", "8.4%", S.MET),
        ("neither", "8%左右", "7.6%", S.MET),
        ("neither", "8%左右", "8.5%", S.MISSED),
        ("neither", "8%左右", "7.5%", S.MISSED),
        ("neither", "8%左右", "[8.3,8.5]%", S.INDETERMINATE),
    ],
)
def test_the_indicators_direction_decides_what_meeting_the_band_means(
    direction: str, value: str, observed: str, status: g.Status
) -> None:
    assert _verdict(_about(value), _rate(direction), observed).status is status


def test_at_least_and_at_most_take_the_bands_ends_whatever_the_direction() -> None:
    neither = _rate("neither")
    assert _verdict(_about("8%左右", "at_least"), neither, "20%").status is S.MET
    assert _verdict(_about("8%左右", "at_least"), neither, "7.5%").status is S.MISSED
    assert _verdict(_about("3%左右", "at_most"), neither, "0%").status is S.MET


def test_the_band_compiles_into_the_rows_ends_and_the_exact_comparator() -> None:
    directions = ("higher", "lower", "neither")
    rows = {d: compile_checks(_about("8%左右"), [_rate(d)]).rows[0] for d in directions}
    assert (rows["higher"].comparator, rows["higher"].low, rows["higher"].high) == (
        ComparatorCode.AT_LEAST,
        Decimal("7.60"),
        None,
    )
    assert (rows["lower"].comparator, rows["lower"].low, rows["lower"].high) == (
        ComparatorCode.AT_MOST,
        None,
        Decimal("8.40"),
    )
    assert (rows["neither"].comparator, rows["neither"].low, rows["neither"].high) == (
        ComparatorCode.BETWEEN,
        Decimal("7.60"),
        Decimal("8.40"),
    )
    assert rows["neither"].low_closed
    assert rows["neither"].high_closed


# ----------------------------------------------------------------------------- reading


def test_statements_make_approximate_targets() -> None:
    """控制在3%左右 and 增长8%左右 read from text become bands checked by direction."""
    ceiling = g.target_from_statement(
        g.read_statement("2012年登记失业率控制在3%左右"), id="t", indicator_id="r"
    )
    assert ceiling.comparator is g.Comparator.EQUAL
    assert ceiling.is_approximate
    assert _verdict(ceiling, _rate("lower"), "3.1%").status is S.MET
    assert _verdict(ceiling, _rate("lower"), "3.3%").status is S.MISSED
    persons = g.target_from_statement(
        g.read_statement("2012年培训约500人"), id="t", indicator_id="r"
    )
    trained = g.Indicator(id="r", name="培训人数", unit=PERSONS, direction="neither")
    assert _verdict(persons, trained, "520人").status is S.MET


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_files_write_and_read_an_approximate_value(fmt: g.Format) -> None:
    target = _about("8%左右")
    text = g.dumps(target, fmt)
    assert "8%左右" in text
    back = g.loads(text, fmt)
    assert back == target
    assert back.is_approximate
    plain = text.replace("8%左右", "约8%")
    assert g.loads(plain, fmt).value == target.value
    wide = _about(g.parse_quantity("8%左右", tolerance="0.1"))
    assert g.loads(g.dumps(wide, fmt), fmt) == wide


# ----------------------------------------------------------------------------- wording


def test_explanations_say_the_band() -> None:
    verdict = _verdict(_about("8%左右"), _rate("higher"), "7.7%")
    assert "目标8%左右（7.6%至8.4%）" in verdict.explain("zh")
    assert "about 8% (7.6% to 8.4%)" in verdict.explain("en")
    assert "左右" not in verdict.explain("en")
    assert verdict.expected == "≈ 8% [7.6%, 8.4%]"


# ----------------------------------------------------------------------------- the law

_BAND_DIRECTIONS = st.sampled_from(["higher", "lower", "neither"])
_POINTS = st.decimals(min_value=-50, max_value=150, places=2)


def _exact_equivalent(target: g.Target, direction: str) -> g.Target:
    assert target.value is not None
    low, high = target.value.low, target.value.high
    assert low is not None
    assert high is not None
    comparator = target.comparator
    if comparator is g.Comparator.EQUAL:
        comparator = {"higher": g.Comparator.AT_LEAST, "lower": g.Comparator.AT_MOST}.get(
            direction, g.Comparator.BETWEEN
        )
    value = high if comparator is g.Comparator.AT_MOST else low
    return g.Target(
        id="t",
        indicator_id="r",
        comparator=comparator,
        period="2012",
        value=g.Quantity.of(value, g.PERCENT),
        upper=g.Quantity.of(high, g.PERCENT) if comparator is g.Comparator.BETWEEN else None,
    )


@settings(max_examples=60)
@given(
    direction=_BAND_DIRECTIONS,
    comparator=st.sampled_from(["equal", "at_least", "at_most"]),
    centre=st.decimals(min_value=0, max_value=100, places=1),
    tolerance=st.decimals(min_value="0.01", max_value="0.5", places=2),
    observed=_POINTS,
)
def test_an_approximate_target_agrees_with_every_point_of_its_band(
    direction: str, comparator: str, centre: Decimal, tolerance: Decimal, observed: Decimal
) -> None:
    """For every exact observation: the verdict of the exact comparator on the band's end(s)."""
    if centre == 0:
        centre = Decimal("0.1")
    band = g.parse_quantity(f"{centre}%左右", tolerance=tolerance)
    target = _about(band, comparator)
    exact = _exact_equivalent(target, direction)
    indicator = _rate(direction)
    value = g.Quantity.of(observed, g.PERCENT)
    approximate, plain = _verdict(target, indicator, value), _verdict(exact, indicator, value)
    assert outcome([approximate]) == outcome([plain])


@settings(max_examples=20, deadline=None)
@given(
    direction=_BAND_DIRECTIONS,
    centre=st.decimals(min_value=1, max_value=100, places=1),
    low=_POINTS,
    width=st.decimals(min_value=0, max_value=5, places=2),
)
def test_the_sql_executor_checks_approximate_targets_as_the_python_one(
    direction: str, centre: Decimal, low: Decimal, width: Decimal
) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    target = _about(g.parse_quantity(f"{centre}%左右"))
    value = (
        g.Quantity.of(low, g.PERCENT)
        if width == 0
        else g.Quantity(low=low, high=low + width, unit=g.PERCENT)
    )
    plan = _plan(target, _rate(direction))
    seen = [g.Observation(indicator_id="r", period=g.Period.year(2012), value=value)]
    expected = g.evaluate(plan, seen, rules=g.RuleSet(rules=("targets",)))
    found = g.evaluate_columns(plan, seen, engine="duckdb")
    assert outcome(found) == outcome(expected.verdicts)


def test_the_html_reports_bullet_chart_shades_the_band() -> None:
    from govplan.cli.charts import bullet_chart

    svg = bullet_chart(
        g.parse_quantity("3.1%"), _about("3%左右"), colour="#000", target_label="3%左右"
    )
    assert 'fill="#c8e6c9"' in svg  # the band from 2.85% to 3.15%


def test_a_ledger_template_states_the_approximate_target_as_written(tmp_path: Path) -> None:
    ledger = tmp_path / "台账.csv"
    g.write_template(_plan(_about("3%左右"), _rate("lower")), ledger)
    row = ledger.read_text(encoding="utf-8-sig").splitlines()[1]
    assert ",3%左右," in row


def test_a_drafted_plan_keeps_an_approximate_target_as_a_band() -> None:
    """Text in: 增长8%左右 drafts an approximate target (it was a 7.6%–8.4% range)."""
    text = "某县2012年工作要点\n一、发展经济\n1、全县生产总值增长8%左右，登记失业率控制在4%左右。\n"
    targets = [t for goal in g.extract(text, "plan").to_plan().goals() for t in goal.targets]
    assert [(t.comparator, t.is_approximate, t.upper) for t in targets] == [
        (g.Comparator.EQUAL, True, None),
        (g.Comparator.EQUAL, True, None),
    ]
    assert [str(t.value) for t in targets] == ["[7.60,8.40]%", "[3.80,4.20]%"]


def test_the_html_report_labels_an_approximate_target_with_its_band() -> None:
    from govplan.cli.html_report import _target_label

    assert _target_label(_about("3%左右"), "zh") == "目标 3%左右（2.85%至3.15%）"
    assert _target_label(_about("3%左右"), "en") == "target about 3% (2.85% to 3.15%)"


# ----------------------------------------------------------------------------- ceilings and bands


def test_an_approximate_ceiling_speaks_like_the_other_ceilings() -> None:
    """控制在3%左右 (lower is better) says 未超出 / 超出, not 已达成 / 未达成."""
    within = _verdict(_about("3%左右"), _rate("lower"), "3.1%")
    assert "，未超出，" in within.explain("zh")
    assert ": met (within the limit)" in within.explain("en")
    over = _verdict(_about("3%左右"), _rate("lower"), "3.3%")
    assert "，超出，" in over.explain("zh")
    assert ": missed (over the limit)" in over.explain("en")
    rising = _verdict(_about("8%左右"), _rate("higher"), "8%")
    assert "，已达成，" in rising.explain("zh")


_PP = g.parse_quantity("1个百分点").unit


@pytest.mark.parametrize(
    ("target", "observed", "gap"),
    [
        (_about("8%左右"), "8%", "0"),  # inside the band: no shortfall
        (_about("8%左右"), "7.6%", "0"),
        (_about("8%左右"), "8.6%", "0.2"),  # above: from the high end 8.4%
        (_about("8%左右"), "7.5%", "-0.1"),  # below: from the low end 7.6%
        (_about("8%左右"), "[8.5,8.7]%", "0.1"),  # a missed interval: its nearest end
        (_about("8%左右"), "[7.0,7.4]%", "-0.2"),
        (
            _between := g.Target(
                id="t",
                indicator_id="r",
                comparator="between",
                period="2012",
                value="7%",
                upper="9%",
            ),
            "8%",
            "0",
        ),
        (_between, "9.5%", "0.5"),
        (_between, "6%", "-1"),
        (_between, "[9.5,10]%", "0.5"),
        (_between, "(9,10]%", None),  # an excluded end at the band's end: no made-up 0
    ],
)
def test_a_bands_gap_is_zero_inside_and_to_the_nearer_end_outside(
    target: g.Target, observed: str, gap: str | None
) -> None:
    verdict = _verdict(target, _rate("neither"), observed)
    expected = None if gap is None else g.Quantity.of(Decimal(gap), _PP)
    assert verdict.gap == expected


def test_a_bands_gap_reads_zero_inside_and_an_interval_when_straddling() -> None:
    inside = _verdict(_about("8%左右"), _rate("neither"), "8%")
    assert "差距0个百分点" in inside.explain("zh")
    assert "gap 0 pp" in inside.explain("en")
    straddling = _verdict(_about("8%左右"), _rate("neither"), "[8.3,8.5]%")
    assert straddling.gap is None
    assert "差距在0至0.1个百分点之间" in straddling.explain("zh")


@pytest.mark.parametrize("basis", ["level", "change"])
@pytest.mark.parametrize(
    "observed", ["8%", "7.6%", "8.4%", "8.6%", "7.5%", "[8.5,8.7]%", "(8.4,9]%", "[7,7.6)%"]
)
def test_the_sql_executor_measures_a_bands_gap_as_the_python_one(basis: str, observed: str) -> None:
    """Both the SQL fast branch (a level) and its general one (a change) agree on band gaps."""
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    unit = "%" if basis == "level" else "个百分点"
    target = g.Target(
        id="t",
        indicator_id="r",
        comparator="between",
        period="2012",
        value=f"7.6{unit}",
        upper=f"8.4{unit}",
        basis=basis,
        baseline=None if basis == "level" else g.Period.year(2011),
    )
    seen = [
        g.Observation(indicator_id="r", period=g.Period.year(2012), value=observed),
        g.Observation(indicator_id="r", period=g.Period.year(2011), value="0%"),
    ]
    for issuer in (None, "bureau"):  # results for the issuer, named or not
        plan = attrs.evolve(_plan(target, _rate("neither")), issuer=issuer)
        expected = g.evaluate(plan, seen, rules=g.RuleSet(rules=("targets",)))
        found = g.evaluate_columns(plan, seen, engine="duckdb")
        assert outcome(found) == outcome(expected.verdicts), issuer


def _completion(observed: str, *, exceeded: bool) -> g.Verdict:
    """A report's completion claim against its own approximate target (8%左右, higher better)."""
    indicator = _rate("higher")
    target = _about("8%左右")
    claim = g.CompletionClaim(
        id="c",
        result="o",
        target=target.id,
        stated="超额完成" if exceeded else "完成",
        exceeded=exceeded,
    )
    report = g.Report(
        id="r",
        title="工作总结",
        period=g.Period.year(2012),
        indicators=(indicator,),
        observations=(g.Observation(id="o", indicator_id="r", period="2012", value=observed),),
        targets=(target,),
        completion_claims=(claim,),
    )
    (verdict,) = (v for v in g.evaluate(report, (), as_of="2013-01-31") if v.rule == "completions")
    return verdict


def test_a_completion_against_a_band_says_the_band_as_the_targets_verdict_does() -> None:
    verdict = _completion("7.9%", exceeded=False)
    assert verdict.status is g.Status.CONSISTENT
    assert verdict.expected == "≈ 8% [7.6%, 8.4%]"
    assert "任务8%左右（7.6%至8.4%），所述完成，一致" in verdict.explain("zh")
    assert "a target of about 8% (7.6% to 8.4%)" in verdict.explain("en")


@pytest.mark.parametrize(
    ("observed", "status"),
    [
        ("8.5%", g.Status.CONSISTENT),
        ("7.9%", g.Status.INDETERMINATE),
        ("7.5%", g.Status.INCONSISTENT),
    ],
)
def test_exceeding_a_band_is_sure_only_beyond_its_far_end(observed: str, status: g.Status) -> None:
    verdict = _completion(observed, exceeded=True)
    assert verdict.status is status
    assert verdict.expected == "> ≈ 8% [7.6%, 8.4%]"
    assert "等于" not in verdict.explain("zh")
