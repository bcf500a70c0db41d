"""Results files hold observations only and resolve names against the plan they are checked with."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from pathlib import Path

import pytest

import govplan as g
from govplan.cli.main import main
from govplan.io.results import load_results

ROOT = Path(__file__).resolve().parent.parent
EDU = ROOT / "examples" / "education-bureau"
PLAN, REPORT_RESULTS = EDU / "plan-2011.yaml", EDU / "results-2011.yaml"

RESULTS = """\
document: results
plan: lx-edu-2011-plan
source: 区教育局统计科（虚构）
observations:
  - {indicator: 小学生入学率, period: 2011, value: 100}
  - {indicator: primary-retention, period: 2011, value: 99.9%}
  - {indicator: 初中生辍学率, scope: 娄星区教育局, period: 2011, value: 0.8}
  - {indicator: qualified-schools, period: 2011, value: 4}
  - indicator: 学前三年幼儿入园率
    period: 2011-autumn
    value: 70多
    note: 秋季开学统计
"""


def govplan(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (as ``govplan ARGS``), capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(list(map(str, args)), status, out.getvalue(), err.getvalue())


def test_results_file_names_indicators_and_organisations_as_the_plan_does(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(RESULTS, encoding="utf-8")
    results = load_results(path, g.load(PLAN))
    assert [o.indicator_id for o in results.observations] == [
        "primary-enrolment",
        "primary-retention",
        "junior-dropout",
        "qualified-schools",
        "preschool-3y",
    ]
    assert [str(o.value) for o in results.observations] == ["100%", "99.9%", "0.8%", "4所", "70多%"]
    assert results.observations[2].scope is None  # the issuer itself
    assert results.observations[0].source == "区教育局统计科（虚构）"
    assert results.paths[4] == "observations[4]"
    run = govplan("check", PLAN, "--results", path, "--lang", "en")
    assert run.returncode == 1
    assert "primary-retention: observed 99.9% against target at least 100% (ensure)" in run.stdout


def test_results_in_json_and_toml_read_the_same(tmp_path: Path) -> None:
    yaml_path = tmp_path / "results.yaml"
    yaml_path.write_text(RESULTS, encoding="utf-8")
    expected = load_results(yaml_path, g.load(PLAN)).observations
    data = {
        "document": "results",
        "source": "区教育局统计科（虚构）",
        "observations": [
            {"indicator": "小学生入学率", "period": "2011", "value": 100},
            {"indicator": "primary-retention", "period": "2011", "value": "99.9%"},
            {"indicator": "初中生辍学率", "scope": "娄星区教育局", "period": 2011, "value": 0.8},
            {"indicator": "qualified-schools", "period": "2011", "value": 4},
            {"indicator": "学前三年幼儿入园率", "period": "2011-autumn", "value": "70多",
             "note": "秋季开学统计"},
        ],
    }  # fmt: skip
    json_path = tmp_path / "results.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_results(json_path, g.load(PLAN)).observations == expected
    toml_path = tmp_path / "results.toml"
    import tomli_w

    toml_path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert load_results(toml_path, g.load(PLAN)).observations == expected


PROBLEMS = [
    ("value: 100}", "valeu: 100}",
     ":5: observations[0].valeu: unknown field 'valeu' (did you mean 'value'?)"),
    ("小学生入学率", "小学入学率",
     ":5: observations[0].indicator: unknown indicator '小学入学率' (did you mean '小学生入学率'"),
    ("scope: 娄星区教育局", "scope: 五中",
     ":7: observations[2].scope: unknown organisation '五中'"),
    ("plan: lx-edu-2011-plan", "plan: other-plan",
     ":2: plan: these results are for plan 'other-plan'"),
    ("value: 0.8}", "value: 0.8人}", ":7: observations[2].value: unit '人' does not measure"),
    ("source:", "sauce:", ":3: sauce: unknown field 'sauce' (did you mean 'source'?)"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "message"), PROBLEMS)
def test_results_file_problems_name_line_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(RESULTS.replace(old, new), encoding="utf-8")
    run = govplan("check", PLAN, "--results", path)
    assert run.returncode == 2
    assert f"{path}{message}" in run.stderr, run.stderr


def test_a_results_file_without_observations_never_passes(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text("document: results\nobservations: []\n", encoding="utf-8")
    run = govplan("check", PLAN, "--results", path, "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert "no observations" in run.stderr


def test_conflicting_repeats_in_a_results_file(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(
        RESULTS + "  - {indicator: primary-retention, period: 2011, value: 100%}\n",
        encoding="utf-8",
    )
    with pytest.raises(g.LoadError) as caught:
        load_results(path, g.load(PLAN))
    (problem,) = caught.value.problems
    assert problem.path == "observations[5].value"
    assert "'100%' conflicts with observations[1] ('99.9%')" in problem.message


def test_reports_still_serve_as_results() -> None:
    run = govplan("check", PLAN, "--results", REPORT_RESULTS, "--as-of", "2011-06-30")
    assert run.returncode == 0, run.stderr


def test_unknown_names_can_be_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(
        RESULTS.replace("scope: 娄星区教育局", "scope: 五中").replace("valeu", "value"),
        encoding="utf-8",
    )
    results = load_results(path, g.load(PLAN), lenient=True)
    assert len(results.observations) == 4
    assert [str(w) for w in results.warnings] == [
        "observations[2].scope: unknown organisation '五中' (did you mean '二中' or '三中' or "
        "'四中'?) (expected an organisation id or name from the plan); left out"
    ]
    run = govplan("check", PLAN, "--results", path, "--skip-unknown")
    assert "warning: " in run.stderr
    assert "observations[2].scope: unknown organisation '五中'" in run.stderr
    misspelt = tmp_path / "misspelt.yaml"
    misspelt.write_text(RESULTS.replace("value: 100}", "valeu: 100}"), encoding="utf-8")
    with pytest.raises(g.LoadError, match="unknown field 'valeu'"):
        load_results(misspelt, g.load(PLAN), lenient=True)


def test_validate_reads_a_results_file_against_the_plan_before_it(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(RESULTS.replace("value: 100}", "valeu: 100}"), encoding="utf-8")
    run = govplan("validate", path, PLAN, path)
    assert run.returncode == 2
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"{path}: a results file is read against its plan: give the plan first "
        "(govplan validate PLAN RESULTS)"
    )
    assert lines[1] == f"{PLAN}: ok"
    assert lines[2] == (
        f"{path}:5: observations[0].valeu: unknown field 'valeu' (did you mean 'value'?)"
    )


def test_a_results_file_given_as_the_plan_is_named(tmp_path: Path) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(RESULTS, encoding="utf-8")
    run = govplan("check", "--results", path, path)
    assert run.returncode == 2
    assert "a results file holds results, not a plan" in run.stderr


def test_a_report_whose_figures_match_no_target_never_passes(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(
        "document: report\nid: r\ntitle: 总结\nperiod: 2009\nindicators:\n"
        "  - {id: junior-dropout, name: 初中生辍学率, unit: '%'}\n"
        "observations:\n  - {indicator_id: junior-dropout, period: 2009, value: 1.5%}\n",
        encoding="utf-8",
    )
    run = govplan("check", PLAN, "--results", report, "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert "observations[0]: no target of 'junior-dropout' is for period '2009'" in run.stderr
    empty = tmp_path / "empty.yaml"
    empty.write_text("document: report\nid: r\ntitle: 总结\nperiod: 2011\n", encoding="utf-8")
    run = govplan("check", PLAN, "--results", empty, "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert "no result matches a target of the plan" in run.stderr
