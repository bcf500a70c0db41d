"""Ledger templates generated from a plan read back exactly once filled in."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.cli.main import main
from govplan.io.ledgers import load_ledger
from govplan.io.templates import TEMPLATE_HEADER, template_rows, write_template
from govplan.testing import plans

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "education-bureau" / "plan-2011.yaml"

openpyxl = pytest.importorskip("openpyxl")


def govplan(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (as ``govplan ARGS``), capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(list(map(str, args)), status, out.getvalue(), err.getvalue())


def test_template_rows_follow_the_plan() -> None:
    rows = template_rows(g.load(PLAN))
    assert len(rows) == 15  # 17 targets; the two on qualified schools share one row
    first = rows[0]
    assert (first.indicator_id, first.indicator_name, first.scope, first.period, first.unit) == (
        "primary-enrolment",
        "小学生入学率",
        "娄星区教育局",
        "2011",
        "%",
    )
    assert first.target == "不低于100%（确保）"
    assert [r.period for r in rows if r.indicator_id == "preschool-1y"] == ["2011-09"]


def test_xlsx_template_has_validation_frozen_header_and_instructions(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    run = govplan("template", PLAN, "--out", path)
    assert run.returncode == 0, run.stderr
    assert "15 rows to fill in" in run.stdout
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["台账", "填写说明"]
    sheet = book["台账"]
    assert [c.value for c in sheet[1]] == list(TEMPLATE_HEADER)
    assert sheet.freeze_panes == "A2"
    ranges = {str(v.sqref): v.type for v in sheet.data_validations.dataValidation}
    assert ranges == {"H2:H16": "decimal", "I2:J16": "decimal"}
    notes = [row[0].value for row in book["填写说明"].iter_rows()]
    assert notes[0] == "娄星区教育局2011年工作要点 台账"
    assert any("不要填 0" in str(line) for line in notes)


def test_filled_xlsx_template_reads_back_exactly(tmp_path: Path) -> None:
    plan = g.load(PLAN)
    path = tmp_path / "台账.xlsx"
    write_template(plan, path)
    book = openpyxl.load_workbook(path)
    sheet = book["台账"]
    values = {  # row: what an official types (numbers, a percent cell, text)
        2: 100,
        3: 0.999,
        4: "0.8",
        5: 4,
        6: "96%",
        7: "70多",
        11: 1936,
        12: 0,
    }
    for row, value in values.items():
        sheet.cell(row=row, column=8).value = value
    sheet.cell(row=3, column=8).number_format = "0.0%"
    book.save(path)
    ledger = load_ledger(path, plan)
    read = {o.indicator_id: str(o.value) for o in ledger.observations if o.value is not None}
    assert read == {
        "primary-enrolment": "100%",
        "primary-retention": "99.9%",
        "junior-dropout": "0.8%",
        "qualified-schools": "4所",
        "preschool-1y": "96%",
        "preschool-3y": "70多%",
        "non-puji-debt-resolved": "1936万元",
        "poverty-dropouts": "0人",
    }
    assert all(o.scope is None for o in ledger.observations)  # the issuer's own rows
    assert [str(o.period) for o in ledger.observations][:7] == ["2011"] * 4 + ["2011-09"] * 2 + [
        "2011"
    ]
    for engine in ("python", "duckdb"):  # the query engine finds organisations by name too
        run = govplan("check", PLAN, "--results", path, "--lang", "en", "--engine", engine)
        assert run.returncode == 1, run.stderr  # 99.9% misses the binding 100%
        assert "primary-retention" in run.stdout
        assert "observed 99.9% against target at least 100% (ensure)" in run.stdout


def test_filled_csv_template_reads_back_exactly(tmp_path: Path) -> None:
    plan = g.load(PLAN)
    path = tmp_path / "台账.csv"
    write_template(plan, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows reads it
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(TEMPLATE_HEADER)
    rows[1][7] = "100"
    rows[3][7] = "1.2"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows)
    ledger = load_ledger(path, plan)
    assert {o.indicator_id: str(o.value) for o in ledger.observations if o.value} == {
        "primary-enrolment": "100%",
        "junior-dropout": "1.2%",
    }


HOSTILE_PLAN = """\
document: plan
id: p
title: 计划
period: 2011
issuer: town
organisations:
  - {id: town, name: "=HYPERLINK(\\"http://example.invalid\\")"}
  - {id: a, name: "-一村", parent_id: town}
  - {id: b, name: "@二村", parent_id: town}
indicators:
  - {id: share, name: "+cmd|' /C calc'!A0", unit: "%"}
sections:
  - id: s
    title: 一
    goals:
      - id: g
        title: 任务
        targets:
          - {id: t, indicator_id: share, comparator: at_least, value: 90%, period: 2011,
             for_each: scope}
          - {id: c, indicator_id: share, comparator: at_least, value: 2个百分点, period: 2011,
             basis: change, baseline: 2010}
"""


def test_templates_never_write_a_formula_and_still_read_back(tmp_path: Path) -> None:
    plan = g.loads(HOSTILE_PLAN, "yaml")
    rows = template_rows(plan)
    assert [(r.scope, r.period, r.target) for r in rows] == [
        ("-一村", "2011", "不低于90%"),
        ("@二村", "2011", "不低于90%"),
        ('=HYPERLINK("http://example.invalid")', "2011", "较基期变化不低于2个百分点"),
        ('=HYPERLINK("http://example.invalid")', "2010", "基期"),
    ]
    path = tmp_path / "台账.csv"
    write_template(plan, path)
    text = path.read_text(encoding="utf-8-sig")
    for line in text.splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@")), cell
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    for row in table[1:]:
        row[7] = "95"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table)
    ledger = load_ledger(path, plan)
    assert [(o.scope, str(o.period)) for o in ledger.observations] == [
        ("a", "2011"),
        ("b", "2011"),
        (None, "2011"),
        (None, "2010"),
    ]
    book_path = tmp_path / "台账.xlsx"
    write_template(plan, book_path)
    sheet = openpyxl.load_workbook(book_path)["台账"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_template_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    run = govplan("template", PLAN, "--out", tmp_path / "台账.ods")
    assert run.returncode == 2
    assert "a template is written as .xlsx or .csv" in run.stderr
    empty = tmp_path / "empty.yaml"
    empty.write_text("document: plan\nid: p\ntitle: 空\nperiod: 2011\n", encoding="utf-8")
    run = govplan("template", empty, "--out", tmp_path / "台账.csv")
    assert run.returncode == 2
    assert "the plan has no targets" in run.stderr
    run = govplan("template", PLAN, "--out", tmp_path / "no-such-dir" / "台账.csv")
    assert run.returncode == 2
    assert "cannot write" in run.stderr
    assert "Traceback" not in run.stderr


@settings(
    max_examples=int(os.environ.get("GOVPLAN_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(plan=plans(), data=st.data())
def test_any_plans_template_filled_in_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, plan: g.Plan, data: st.DataObject
) -> None:
    """Writing a template and reading it back are one meaning: what is typed is what is read."""
    assume(plan.targets())
    path = tmp_path_factory.mktemp("template") / "台账.csv"
    write_template(plan, path)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    units = {indicator.id: indicator.unit for indicator in plan.indicators}
    typed = []
    for cells in table[1:]:
        number = data.draw(st.none() | st.decimals(-(10**6), 10**6, places=2))
        cells[7] = "" if number is None else str(number)
        typed.append(number)
    assume(any(number is not None for number in typed))
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table)
    ledger = load_ledger(path, plan)
    rows = template_rows(plan)
    assert len(ledger.observations) == len(rows)
    for row, number, observation in zip(rows, typed, ledger.observations, strict=True):
        expected = None if number is None else g.Quantity.of(number, units[row.indicator_id])
        assert observation.indicator_id == row.indicator_id
        assert str(observation.period) == row.period
        assert observation.value == expected
