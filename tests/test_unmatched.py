"""Nothing passes in silence: unmatched observations are reported, conflicts are errors."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import govplan as g
from govplan.engine.matching import UnmatchedReason

PERSON = g.parse_unit("人")
YEAR = g.Period.year(2011)
RATE = g.Indicator(id="rate", name="巩固率", unit=g.PERCENT)
COUNT = g.Indicator(id="count", name="人数", unit=PERSON)
ORGS = (
    g.Organisation(id="bureau", name="教育局"),
    g.Organisation(id="a", name="学校A", parent_id="bureau"),
    g.Organisation(id="city", name="全市"),
)


def _plan(**more: object) -> g.Plan:
    target = g.Target(
        id="t",
        indicator_id="rate",
        comparator="at_least",
        value=g.Quantity.of(95, g.PERCENT),
        period=YEAR,
        **more,  # type: ignore[arg-type]
    )
    goal = g.Goal(id="g", title="任务", targets=(target,))
    return g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="bureau",
        indicators=(RATE, COUNT),
        organisations=ORGS,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _rate(value: str, **more: object) -> g.Observation:
    fields: dict[str, object] = {"indicator_id": "rate", "period": YEAR, **more}
    return g.Observation(value=g.Quantity.of(Decimal(value), g.PERCENT), **fields)  # type: ignore[arg-type]


def test_observations_that_match_nothing_are_reported_with_their_reason() -> None:
    observations = [
        _rate("96", id="used"),
        g.Observation(
            id="other", indicator_id="count", period=YEAR, value=g.Quantity.of(3, PERSON)
        ),
        _rate("90", id="old", period=g.Period.year(2009)),
        _rate("97", id="elsewhere", scope="city"),
        _rate("98", id="slice", breakdown={"area": "城市"}),
    ]
    evaluation = g.evaluate(_plan(), observations)
    assert evaluation.verdict("t").status is g.Status.MET
    found = {u.observation.id: u.reason for u in evaluation.unmatched}
    assert found == {
        "other": UnmatchedReason.INDICATOR,
        "old": UnmatchedReason.PERIOD,
        "elsewhere": UnmatchedReason.SCOPE,
        "slice": UnmatchedReason.BREAKDOWN,
    }
    zh = [u.explain("zh") for u in evaluation.unmatched]
    assert zh[0] == "观测值other（count 2011）未用于任何检查：没有针对该指标的目标。"
    assert "matches nothing checked" in evaluation.unmatched[1].explain("en")


def test_an_unknown_indicator_is_reported_not_ignored() -> None:
    stray = g.Observation(
        id="stray", indicator_id="nobody-knows", period=YEAR, value=g.Quantity.of(1, PERSON)
    )
    evaluation = g.evaluate(_plan(), [_rate("96"), stray])
    assert [(u.observation.id, u.reason) for u in evaluation.unmatched] == [
        ("stray", UnmatchedReason.INDICATOR)
    ]


def test_baselines_interim_results_sub_units_and_roll_up_sources_are_matched() -> None:
    growth = _plan(baseline=g.Period.year(2010))
    observations = [
        _rate("96"),
        _rate("90", period=g.Period.year(2010)),
        _rate("93", period=g.Period.half(2011, 1)),
    ]
    assert g.evaluate(growth, observations).unmatched == ()
    each = _plan(for_each="scope")
    assert g.evaluate(each, [_rate("96", scope="a")]).unmatched == ()
    rolled = g.Indicator(id="rate", name="巩固率", unit=g.PERCENT, aggregation="ratio")
    plan = _plan()
    plan = g.Plan(
        id=plan.id,
        title=plan.title,
        period=plan.period,
        issuer=plan.issuer,
        indicators=(rolled,),
        organisations=plan.organisations,
        sections=plan.sections,
    )
    child = g.Observation(
        id="child",
        indicator_id="rate",
        period=YEAR,
        scope="a",
        numerator=g.Quantity.of(96, PERSON),
        denominator=g.Quantity.of(100, PERSON),
    )
    evaluation = g.evaluate(plan, [child])
    assert evaluation.verdict("t").status is g.Status.MET
    assert evaluation.unmatched == ()


def test_conflicting_duplicates_are_an_error_naming_both() -> None:
    with pytest.raises(g.ValidationError) as raised:
        g.evaluate(_plan(), [_rate("96", id="first"), _rate("93", id="second")])
    message = str(raised.value)
    assert "row 0 (id 'first') gives 96%" in message
    assert "row 1 (id 'second') gives 93%" in message
    assert raised.value.field == "observations[1]"


def test_conflicting_duplicates_are_an_error_on_duckdb_too() -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    with pytest.raises(g.ValidationError, match="observations conflict"):
        g.evaluate_columns(_plan(), [_rate("96", id="a1"), _rate("93", id="a2")])


def test_identical_duplicates_and_distinct_cells_are_allowed() -> None:
    evaluation = g.evaluate(
        _plan(),
        [
            _rate("96", id="x"),
            _rate("96", id="y"),
            _rate("80", breakdown={"area": "城市"}),
            _rate("1", change_from=g.Period.year(2010)),
        ],
    )
    assert evaluation.verdict("t").status is g.Status.MET


PLAN = Path(__file__).parent.parent / "examples" / "education-bureau" / "plan-2011.yaml"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govplan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _ledger(tmp_path: Path, period: str) -> Path:
    template = tmp_path / "template.csv"
    assert _cli("template", str(PLAN), "--out", str(template)).returncode == 0
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[4], cells[7] = period, "99"
        rows.append(",".join(cells))
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ledger


def test_a_ledger_that_matches_nothing_does_not_pass_on_duckdb(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    ledger = _ledger(tmp_path, "2009")
    run = _cli(
        "check", str(PLAN), "--results", str(ledger), "--engine", "duckdb", "--allow-missing"
    )
    assert run.returncode == 2, run.stdout + run.stderr
    # The same refusal, in the same words, as on the in-process engine.
    assert f"{ledger}: row 2: no target of 'primary-enrolment' is for period '2009'" in run.stderr
    assert "no result matches a target of the plan" in run.stderr
    assert "通过" not in run.stdout


def test_govplan_check_warns_about_rows_the_engine_did_not_use(tmp_path: Path) -> None:
    whole = tmp_path / "whole.yaml"
    whole.write_text(
        "document: observation\nindicator_id: junior-dropout\nperiod: 2011\nvalue: 0.5%\n",
        encoding="utf-8",
    )
    sliced = tmp_path / "sliced.yaml"
    sliced.write_text(
        "document: observation\nindicator_id: junior-dropout\nperiod: 2011\nvalue: 0.5%\n"
        "breakdown: {area: 城市}\n",
        encoding="utf-8",
    )
    run = _cli(
        "check", str(PLAN), "--results", str(whole), "--results", str(sliced), "--allow-missing"
    )
    assert run.returncode == 0, run.stderr
    assert (
        f"govplan: warning: {sliced}: no target of 'junior-dropout' is checked per breakdown "
        "slice (area=城市); not checked" in run.stderr
    )
    assert str(whole) not in run.stderr
