"""Missing is not zero, and missing is not passing (DESIGN §6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govplan as g
from govplan.engine.check_table import ReasonCode

YEAR = g.Period.year(2011)
RATE = g.Indicator(id="rate", name="入学率", name_en="enrolment rate", unit=g.PERCENT)
POOL = g.Indicator(id="pool", name="游泳池", name_en="pools", unit=g.parse_unit("个"))
BUREAU = g.Organisation(id="bureau", name="区教育局")


def _plan(*others: g.Target, **target: Any) -> g.Plan:
    fields: dict[str, Any] = {
        "id": "t", "indicator_id": "rate", "comparator": "at_least", "value": "95%",
        "period": YEAR,
    }  # fmt: skip
    fields.update(target)
    goal = g.Goal(id="g", title="任务", targets=(g.Target(**fields), *others))
    return g.Plan(
        id="p", title="计划", period=YEAR, issuer="bureau", indicators=(RATE, POOL),
        organisations=(BUREAU,),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )  # fmt: skip


@pytest.mark.parametrize(
    "binding",
    [
        {"commitment": "ensure"},
        {"nature": "binding"},
        {"nature": "binding", "commitment": "strive"},
    ],
)
@pytest.mark.parametrize("as_of", [None, "2012-01-05"])
def test_a_binding_target_with_no_data_past_its_deadline_fails_the_run(
    binding: dict[str, str], as_of: str | None
) -> None:
    evaluation = g.evaluate(_plan(**binding), as_of=as_of)
    verdict = evaluation.verdict("t")
    assert verdict.status is g.Status.NO_DATA
    assert verdict.severity is g.Severity.FAILURE
    assert verdict.reason is ReasonCode.NO_RESULT_FAILS
    assert not evaluation.passes
    assert [v.subject for v in evaluation.failures()] == ["t"]
    assert "不能视为通过" in verdict.explain("zh")
    assert "the run fails" in verdict.explain("en")


def test_allow_missing_keeps_no_data_a_warning() -> None:
    evaluation = g.evaluate(_plan(commitment="ensure"), allow_missing=True)
    verdict = evaluation.verdict("t")
    assert (verdict.status, verdict.severity) == (g.Status.NO_DATA, g.Severity.WARNING)
    assert verdict.reason is ReasonCode.NO_RESULT
    assert evaluation.passes
    assert "不能视为通过" not in verdict.explain("zh")


def test_a_binding_result_without_a_value_fails_too() -> None:
    row = g.Observation(indicator_id="rate", period=YEAR, scope="bureau")
    evaluation = g.evaluate(_plan(commitment="ensure"), [row])
    verdict = evaluation.verdict("t")
    assert (verdict.status, verdict.severity) == (g.Status.NO_DATA, g.Severity.FAILURE)
    assert verdict.reason is ReasonCode.NO_VALUE_FAILS
    assert "无法判断" in verdict.explain("zh")


@pytest.mark.parametrize(
    "fields",
    [{"commitment": "strive"}, {"commitment": "plain"}, {"nature": "anticipatory",
     "commitment": "ensure"}],
)  # fmt: skip
def test_a_target_that_is_not_binding_stays_a_warning(fields: dict[str, str]) -> None:
    evaluation = g.evaluate(_plan(**fields))
    assert evaluation.verdict("t").severity is g.Severity.WARNING
    assert evaluation.passes


def test_before_the_deadline_missing_data_is_pending_not_a_failure() -> None:
    evaluation = g.evaluate(_plan(commitment="ensure"), as_of="2011-06-30")
    verdict = evaluation.verdict("t")
    assert (verdict.status, verdict.severity) == (g.Status.PENDING, g.Severity.INFO)
    assert evaluation.passes


def test_data_present_is_judged_as_before() -> None:
    row = g.Observation(indicator_id="rate", period=YEAR, value="96%")
    evaluation = g.evaluate(_plan(commitment="ensure"), [row])
    assert evaluation.verdict("t").status is g.Status.MET
    assert evaluation.passes


def _govplan(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_command_fails_on_missing_binding_data_unless_allowed(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    pools = g.Target(id="u", indicator_id="pool", comparator="at_least", value="1个", period=YEAR)
    plan.write_text(g.dumps(_plan(pools, commitment="ensure"), "yaml"), encoding="utf-8")
    results = tmp_path / "results.yaml"
    built = g.Observation(indicator_id="pool", period="2011", value="2个", scope="bureau")
    report = g.Report(
        id="r", title="2011年情况", period=YEAR, issuer="bureau", indicators=(POOL,),
        organisations=(BUREAU,), observations=(built,),
    )  # fmt: skip
    results.write_text(g.dumps(report, "yaml"), encoding="utf-8")
    strict = _govplan("check", plan, "--results", results, "--lang", "en")
    assert strict.returncode == 1, strict.stderr
    assert "the run fails" in strict.stdout
    relaxed = _govplan("check", plan, "--results", results, "--allow-missing")
    assert relaxed.returncode == 0, relaxed.stderr
    page = tmp_path / "report.md"
    written = _govplan("report", plan, "--results", results, "--out", page, "--fail-on-missed")
    assert written.returncode == 1, written.stderr
    allowed = _govplan(
        "report", plan, "--results", results, "--out", page, "--fail-on-missed", "--allow-missing"
    )
    assert allowed.returncode == 0, allowed.stderr
