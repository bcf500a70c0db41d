"""The govplan command, run as a user runs it: in a subprocess, on real and broken files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govplan as g

ROOT = Path(__file__).resolve().parent.parent
EDU = ROOT / "examples" / "education-bureau"
PLAN, RESULTS, REPORT = EDU / "plan-2011.yaml", EDU / "results-2011.yaml", EDU / "report-2010.yaml"


def govplan(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )


def test_check_mid_year_passes_and_shows_pending_and_at_risk() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--as-of", "2011-06-30")
    assert run.returncode == 0, run.stderr
    assert "尚未到期" in run.stdout
    assert "进度滞后" in run.stdout
    assert "重均衡，抓基础，努力推进全区教育协调发展 / 4. 巩固提高“普九”成果" in run.stdout
    assert "\x1b[" not in run.stdout  # no colours when not on a terminal


def test_check_final_fails_on_a_binding_target_and_speaks_english() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--lang", "en")
    assert run.returncode == 1
    assert "primary-retention: observed 99.9% against target at least 100% (ensure)" in run.stdout
    assert run.stdout.rstrip().endswith("FAILS")


def test_text_output_opens_with_a_header_and_ends_with_the_failed_binding_targets() -> None:
    run = govplan("check", PLAN, "--results", RESULTS)
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"计划: 娄星区教育局2011年工作要点 · 期末核查（各期限均视为已到） · 结果来源: {RESULTS}"
    )
    counts = g.evaluate(g.load(PLAN), [g.load(RESULTS)]).counts()
    unjudged = (
        "：无数值的承诺（确保），没有可据以判断的结果，无法核实；"
        "确保的承诺缺少结果，不能视为通过，本次检查不通过。"
    )
    assert lines[-7:] == [
        "未达成的确保（约束性）目标:",
        "  ! 小学生巩固率：实际99.9%，目标不低于100%（确保），未达成，差距-0.1个百分点。",
        # 确保 commitments without a figure, past due with no result, fail the run too.
        f"  ! 考试公开、公正、平安{unjudged}",
        f"  ! 外来务工人员子女入学{unjudged}",
        f"  ! 弱势学生健康成长{unjudged}",
        f"  ! 学校教育教学工作有序开展{unjudged}",
        f"-- 已达成 {counts[g.Status.MET]}, 未达成 4, 无法判定 {counts[g.Status.INDETERMINATE]}, "
        f"无数据 {counts[g.Status.NO_DATA]}; 未通过",
    ]
    english = govplan("check", PLAN, "--results", RESULTS, "--lang", "en", "--as-of", "2011-06-30")
    assert english.stdout.splitlines()[0].startswith(
        "Plan: 娄星区教育局2011年工作要点 · as of 2011-06-30"
    )
    assert "Binding targets missed" not in english.stdout


@pytest.mark.parametrize(
    "order",
    [
        ("check", "--results", RESULTS, PLAN),
        ("check", "--as-of", "2011-06-30", "--results", RESULTS, PLAN, "--lang", "zh"),
        ("check", "--lang", "zh", PLAN, "--as-of", "2011-06-30", "--results", RESULTS),
    ],
)
def test_options_in_any_order(order: tuple[object, ...]) -> None:
    run = govplan(*order, *(() if "--as-of" in order else ("--as-of", "2011-06-30")))
    assert run.returncode == 0, run.stderr
    assert "进度滞后" in run.stdout


def test_missing_plan_is_named() -> None:
    run = govplan("check", "--results", RESULTS)
    assert run.returncode == 2
    assert "missing PLAN" in run.stderr


def test_no_results_is_not_a_pass() -> None:
    run = govplan("check", PLAN, "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert "no results given" in run.stderr
    assert "Traceback" not in run.stderr


_ENSURED_COMMITMENTS = [
    "fair-exams",
    "migrant-children-enrolment",
    "vulnerable-students",
    "orderly-teaching",
]
"""The plan's 确保 commitments without a figure: past due with no result, they fail."""


def test_check_json_has_plan_as_of_passes_counts_and_every_verdict() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--format", "json", "--as-of", "2011-06-30")
    data = json.loads(run.stdout)
    evaluation = g.evaluate(g.load(PLAN), [g.load(RESULTS)], as_of="2011-06-30")
    assert data["plan"] == {"id": "lx-edu-2011-plan", "title": "娄星区教育局2011年工作要点"}
    assert data["as_of"] == "2011-06-30"
    assert data["passes"] is evaluation.passes is True
    assert data["counts"] == {s.value: n for s, n in evaluation.counts().items()}
    assert data["results"] == [str(RESULTS)]
    assert [v["subject"] for v in data["verdicts"]] == [v.subject for v in evaluation.verdicts]
    final = json.loads(govplan("check", PLAN, "--results", RESULTS, "--format", "json").stdout)
    assert final["as_of"] is None
    assert final["passes"] is False
    assert final["failures"] == ["primary-retention-100", *_ENSURED_COMMITMENTS]


def test_check_markdown() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--format", "markdown")
    assert run.stdout.startswith("# 娄星区教育局2011年工作要点")
    assert "| 状态 | 对象 | 说明 |" in run.stdout
    failed = run.stdout.index("## 未达成的确保（约束性）目标")
    assert failed < run.stdout.index("## 重均衡")


def test_check_errors_carry_file_line_and_a_suggestion(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = PLAN.read_text(encoding="utf-8").replace(
        "  comparator: at_most", "  comparater: at_most"
    )
    plan.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      comparater: at_most") + 1
    run = govplan("check", plan, "--results", RESULTS)
    assert run.returncode == 2
    assert f"{plan}:{line}: sections[1].goals[0].targets[2].comparater: unknown field" in run.stderr
    assert "(did you mean 'comparator'?)" in run.stderr


def test_audit_checks_the_reports_arithmetic_only() -> None:
    run = govplan("audit", REPORT)
    assert run.returncode == 0
    assert "合计核对" in run.stdout
    # 提高4.81个百分点 without a stated 2009 figure is unverifiable, not consistent.
    assert "无法判定 1, 一致 11; 通过" in run.stdout
    assert "整改" not in run.stdout
    english = govplan("audit", REPORT, "--lang", "en")
    assert "Sums" in english.stdout


def test_audit_refuses_a_plan() -> None:
    run = govplan("audit", PLAN)
    assert run.returncode == 2
    assert "audit needs a report" in run.stderr


def test_validate_reports_file_field_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "document: plan\nid: p\ntitle: 计划\nperiod: 2011-H3\nsections:\n"
        "  - id: s\n    title: 一\n    goals:\n      - id: g\n        title: 任务\n"
        "        targets:\n          - {id: t, indicator_id: i, comparator: at_least,"
        " value: 9x%, period: 2011}\n",
        encoding="utf-8",
    )
    run = govplan("validate", bad, PLAN)
    assert run.returncode == 2
    assert f"{bad}:4: period: not a period: '2011-H3'" in run.stdout
    assert f"{bad}:12: sections[0].goals[0].targets[0].value: not a quantity" in run.stdout
    assert f"{PLAN}: ok" in run.stdout


def test_bad_yaml_and_missing_file() -> None:
    run = govplan("check", ROOT / "no-such-plan.yaml")
    assert run.returncode == 2
    assert "cannot read file" in run.stderr
    assert "Traceback" not in run.stderr


def test_broken_yaml_syntax(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("document: plan\nid: [unclosed\n", encoding="utf-8")
    run = govplan("check", broken)
    assert run.returncode == 2
    assert "not valid YAML" in run.stderr
    assert "Traceback" not in run.stderr


def test_usage_error_is_exit_two() -> None:
    run = govplan("check")
    assert run.returncode == 2
    assert "usage:" in run.stderr


def test_schema_validates_every_example_file() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    run = govplan("schema")
    schema = json.loads(run.stdout)
    for path in sorted((ROOT / "examples").glob("*/*.yaml")):
        data = json.loads(g.dumps(g.load(path), "json"))
        jsonschema.validate(data, schema)
    plan_schema = json.loads(govplan("schema", "plan").stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"document": "plan", "id": "p"}, plan_schema)


def test_report_html_and_markdown(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    run = govplan("report", PLAN, "--results", RESULTS, "--out", page)
    assert run.returncode == 0, run.stderr  # the report is written: `&& open report.html` works
    assert run.stdout == f"wrote {page} (未通过)\n"
    strict = govplan("report", PLAN, "--results", RESULTS, "--out", page, "--fail-on-missed")
    assert strict.returncode == 1
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<svg") >= 12
    generated = re.search(r"<dt>生成时间</dt><dd>(\d{4}-\d\d-\d\d \d\d:\d\d) \+0800</dd>", text)
    assert generated is not None  # the time it was made, in Asia/Shanghai
    assert "未通过" in text
    notes = tmp_path / "report.md"
    govplan("report", PLAN, "--results", RESULTS, "--out", notes, "--as-of", "2011-06-30")
    assert "进度滞后" in notes.read_text(encoding="utf-8")
    run = govplan("report", PLAN, "--out", tmp_path / "report.pdf")
    assert run.returncode == 2
    assert ".html or .md" in run.stderr


LEDGER_HEADER = "指标,填报单位,期间,数值,备注\n"


def _ledger(tmp_path: Path, rows: str, name: str = "ledger.csv") -> Path:
    path = tmp_path / name
    path.write_text(LEDGER_HEADER + rows, encoding="utf-8")
    return path


def test_check_with_a_csv_ledger(tmp_path: Path) -> None:
    ledger = _ledger(
        tmp_path,
        "junior-dropout,,2011,0.8%,\npreschool-3y,,2011-09,70多%,秋季开学统计\n",
    )
    run = govplan("check", PLAN, "--results", ledger, "--lang", "en")
    assert "junior-dropout: observed 0.8%" in run.stdout
    assert (
        "preschool-3y: observed more than 70% and less than 80% against target at least 72%: "
        "indeterminate" in run.stdout
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("junior-dropout,,2011,9x%,\n", "row 2, column 数值: not a quantity: '9x%'"),
        ("no-such,,2011,1%,\n", "row 2, column 指标: unknown indicator 'no-such'"),
        ("junior-dropout,,2011,3人,\n", "row 2, column 数值: unit '人' does not measure"),
        ("junior-dropout,,2011-H3,1%,\n", "row 2, column 期间: not a period"),
    ],
)
def test_bad_ledger_cells_name_row_and_column(tmp_path: Path, rows: str, message: str) -> None:
    run = govplan("check", PLAN, "--results", _ledger(tmp_path, rows))
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_ledger_with_an_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("指标,期间,数值,颜色\njunior-dropout,2011,1%,红\n", encoding="utf-8")
    run = govplan("check", PLAN, "--results", path)
    assert run.returncode == 2
    assert "row 1, column 4: unknown column '颜色'" in run.stderr


def test_excel_ledger(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "period", "value"])
    sheet.append(["junior-dropout", "2011", "1.5%"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    observations = g.read_ledger(path, g.load(PLAN).indicators)
    assert [str(o.value) for o in observations] == ["1.5%"]
    run = govplan("check", PLAN, "--results", path, "--lang", "en")
    assert "junior-dropout: observed 1.5% against target at most 1% (ensure): missed" in run.stdout


def test_long_ledgers_report_progress_only_on_a_terminal(tmp_path: Path) -> None:
    import io

    from govplan.cli.checking import _progress

    rows = "".join("junior-dropout,,2011,0.8%,\n" for _ in range(20_000))
    seen: list[int] = []
    g.read_ledger(_ledger(tmp_path, rows), g.load(PLAN).indicators, progress=seen.append)
    assert seen == [10_000, 20_000]
    assert _progress(io.StringIO()) is None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    show = _progress(screen)
    assert show is not None
    show(10_000)
    assert screen.getvalue() == "\rreading ledger: 10,000 rows"


def test_bad_as_of_date_is_bad_input() -> None:
    run = govplan("check", PLAN, "--as-of", "2011-02-30")
    assert run.returncode == 2
    assert "impossible date: '2011-02-30'" in run.stderr
