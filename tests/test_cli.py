"""The govplan command, run as a user runs it: in a subprocess, on real and broken files."""

from __future__ import annotations

import json
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


def test_check_json_is_the_serialised_evaluation() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--format", "json")
    evaluation = g.loads(run.stdout, "json")
    assert isinstance(evaluation, g.Evaluation)
    assert evaluation == g.evaluate(g.load(PLAN), [g.load(RESULTS)])


def test_check_markdown() -> None:
    run = govplan("check", PLAN, "--results", RESULTS, "--format", "markdown")
    assert run.stdout.startswith("# 娄星区教育局2011年工作要点")
    assert "| 状态 | 对象 | 说明 |" in run.stdout


def test_audit_checks_the_reports_arithmetic_only() -> None:
    run = govplan("audit", REPORT)
    assert run.returncode == 0
    assert "合计核对" in run.stdout
    assert "一致 12; 通过" in run.stdout
    assert "整改" not in run.stdout


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
    assert run.returncode == 1  # the final check fails on a binding target
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<svg") >= 12
    assert "未通过" in text
    notes = tmp_path / "report.md"
    govplan("report", PLAN, "--results", RESULTS, "--out", notes, "--as-of", "2011-06-30")
    assert "进度滞后" in notes.read_text(encoding="utf-8")
    run = govplan("report", PLAN, "--out", tmp_path / "report.pdf")
    assert run.returncode == 2
    assert ".html or .md" in run.stderr


LEDGER_HEADER = "指标,单位,期间,数值,备注\n"


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
    assert "preschool-3y: observed 70多% against target at least 72%: indeterminate" in run.stdout


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

    from govplan.cli.main import _progress

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


def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    import shutil

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    page = tmp_path / "report.html"
    govplan("report", PLAN, "--results", RESULTS, "--out", page)
    shot = tmp_path / "report.png"
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
        f"--screenshot={shot}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run([browser, *flags], capture_output=True, timeout=120, check=False)
    assert shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
