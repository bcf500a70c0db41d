"""Ledgers (台账) as officials keep them: encodings, names, bare numbers, headers, repeats."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.cli.main import main
from govplan.io.ledgers import load_ledger, neutralise_formula, restore_formula_text

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "education-bureau" / "plan-2011.yaml"

SMALL_PLAN = """\
document: plan
id: health-2011
title: 卫生局2011年工作要点
period: 2011
issuer: bureau
organisations:
  - {id: bureau, name: 卫生局}
  - {id: east, name: 东区卫生院, parent_id: bureau}
  - {id: west, name: 西区卫生院, parent_id: bureau}
indicators:
  - {id: coverage, name: 免疫接种率, unit: "%"}
  - {id: coverage-adults, name: 免疫接种率, unit: "%"}
  - {id: clinics, name: 标准化村卫生室, unit: 所}
sections:
  - id: s1
    title: 公共卫生
    goals:
      - id: g1
        title: 提高接种率
        targets:
          - {id: coverage-95, indicator_id: coverage, comparator: at_least, value: 95%,
             period: 2011, commitment: ensure}
          - {id: clinics-10, indicator_id: clinics, comparator: at_least, value: 10所,
             period: 2011}
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


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "台账.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GBK_LEDGER = (
    "指标,填报单位,期间,实际值\n初中生辍学率,娄星区教育局,2011,0.8\n小学生巩固率,,2011,99.9%\n"
)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8", "utf-16"])
def test_ledgers_in_every_encoding_officials_save(tmp_path: Path, encoding: str) -> None:
    ledger = _csv(tmp_path, GBK_LEDGER, encoding)
    run = govplan("check", PLAN, "--results", ledger, "--lang", "en")
    assert "Traceback" not in run.stderr
    assert "junior-dropout: observed 0.8% against target at most 1% (ensure): met" in run.stdout
    assert "primary-retention: observed 99.9%" in run.stdout


def test_a_ledger_in_no_known_encoding_is_named(tmp_path: Path) -> None:
    ledger = tmp_path / "bad.csv"
    ledger.write_bytes("指标,期间,实际值\n".encode() + b"\xff\xfe\xfa\x80\x81\n")
    run = govplan("check", PLAN, "--results", ledger)
    assert run.returncode == 2
    assert f"{ledger}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a workbook", b"hello"])
def test_empty_or_corrupt_xlsx_is_bad_input(tmp_path: Path, content: bytes) -> None:
    book = tmp_path / "台账.xlsx"
    book.write_bytes(content)
    run = govplan("check", PLAN, "--results", book)
    assert run.returncode == 2
    assert "not a readable Excel workbook" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bare_danwei_header_is_refused_asking_which_it_means(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "指标,单位,期间,实际值\njunior-dropout,%,2011,0.8\n")
    run = govplan("check", PLAN, "--results", ledger)
    assert run.returncode == 2
    assert "row 1, column 2: the header '单位' is ambiguous" in run.stderr
    assert "填报单位" in run.stderr
    assert "计量单位" in run.stderr


@pytest.mark.parametrize("header", ["填报单位", "责任单位"])
def test_reporting_organisation_headers(small_plan: Path, tmp_path: Path, header: str) -> None:
    ledger = _csv(tmp_path, f"指标,{header},期间,实际值\n免疫接种率,卫生局,2011,96\n")
    with pytest.raises(g.LoadError, match="names 2 indicators: coverage, coverage-adults"):
        load_ledger(ledger, g.load(small_plan))
    ledger = _csv(tmp_path, f"指标,{header},期间,实际值\ncoverage,东区卫生院,2011,96\n")
    (observation,) = load_ledger(ledger, g.load(small_plan)).observations
    assert observation.scope == "east"
    assert str(observation.value) == "96%"


def test_unit_of_measure_column_reads_bare_numbers(tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path,
        "指标,计量单位,期间,实际值\n非普九债务化解额,元,2011,19360000\n省级义务教育合格学校,所,2011,4\n",
    )
    debt, schools = load_ledger(ledger, g.load(PLAN)).observations
    assert debt.value == g.parse_quantity("19360000元")
    assert debt.value.to(g.parse_unit("万元")) == g.parse_quantity("1936万元")
    assert str(schools.value) == "4所"
    wrong = _csv(tmp_path, "指标,计量单位,期间,实际值\n非普九债务化解额,人,2011,3\n", name="w.csv")
    with pytest.raises(g.LoadError, match="row 2, column 计量单位: unit '人' does not measure"):
        load_ledger(wrong, g.load(PLAN))


def test_indicators_by_chinese_name_bare_numbers_and_approximations(tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path,
        "指标,期间,实际值\n学前三年幼儿入园率,2011-autumn,70多\n小学生巩固率,2011,99.9\n",
    )
    preschool, retention = load_ledger(ledger, g.load(PLAN)).observations
    assert preschool.indicator_id == "preschool-3y"
    assert preschool.value == g.parse_quantity("70多%")
    assert retention.value == g.parse_quantity("99.9%")


def test_misspelt_indicator_names_get_a_suggestion(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "指标,期间,实际值\n小学巩固率,2011,99.9\n")
    run = govplan("check", PLAN, "--results", ledger)
    assert run.returncode == 2
    assert "row 2, column 指标: unknown indicator '小学巩固率' (did you mean '小学生巩固率'" in (
        run.stderr
    )


def test_excel_percent_cells_and_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标编号", "期间", "实际值"])
    sheet.append(["primary-retention", 2011, 0.999])
    sheet["C2"].number_format = "0.0%"
    sheet.append(["qualified-schools", 2011, 4])
    sheet.append(["junior-dropout", "2011", 0.8])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    retention, schools, dropout = load_ledger(path, g.load(PLAN)).observations
    assert retention.value == g.parse_quantity("99.9%")
    assert str(retention.value) == "99.9%"
    assert schools.value == g.parse_quantity("4所")
    assert dropout.value == g.parse_quantity("0.8%")  # a float cell read by its shortest repr


@pytest.mark.parametrize(
    ("indicator", "value", "number_format", "message"),
    [
        # 95.5% is no amount of money: the cell's percent format must not make it one
        ("non-puji-debt-resolved", 0.955, "0%", "a percentage cell \\(95.5%\\) does not measure"),
        ("primary-retention", 1e300, "General", "number too long: 1e\\+300 has 301"),
        ("qualified-schools", 10**40, "General", "has 41 significant digits"),
    ],
)
def test_an_excel_cell_the_text_reader_would_refuse_is_refused(
    tmp_path: Path, indicator: str, value: float, number_format: str, message: str
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标编号", "期间", "实际值"])
    sheet.append([indicator, 2011, value])
    sheet["C2"].number_format = number_format
    path = tmp_path / "台账.xlsx"
    book.save(path)
    with pytest.raises(g.LoadError, match=message) as caught:
        load_ledger(path, g.load(PLAN))
    assert [problem.path for problem in caught.value.problems] == ["row 2, column 实际值"]


def test_a_results_file_with_a_number_too_long_is_refused_by_field(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(
        '{"document": "results", "observations": [{"indicator": "qualified-schools",'
        ' "period": "2011", "value": 1' + "0" * 40 + "}]}",
        encoding="utf-8",
    )
    with pytest.raises(g.LoadError, match="has 41 significant digits") as caught:
        g.load_results(results, g.load(PLAN))
    assert caught.value.problems[0].path == "observations[0].value"


def test_a_formula_without_a_saved_value_is_refused_by_cell(tmp_path: Path) -> None:
    # openpyxl saves formulas without computing them: read naively, C3 would look
    # empty and the quota's result would become no data without a word.
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标编号", "期间", "实际值", "说明"])
    sheet.append(["qualified-schools", 2011, 4, None])
    sheet.append(["qualified-schools", 2012, "=C2+1", None])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    with pytest.raises(g.LoadError) as caught:
        load_ledger(path, g.load(PLAN))
    message = str(caught.value)
    assert "cell C3" in message
    assert "=C2+1 has no saved value" in message
    assert "D2" not in message  # an empty cell is missing data, not a formula


def test_every_unknown_name_is_listed_and_can_be_downgraded(tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path,
        "指标,填报单位,期间,实际值\nno-such,,2011,1\njunior-dropout,五中,2011,0.8\n"
        "junior-dropout,,2011,0.8\n",
    )
    run = govplan("check", PLAN, "--results", ledger)
    assert run.returncode == 2
    assert "row 2, column 指标: unknown indicator 'no-such'" in run.stderr
    assert "row 3, column 填报单位: unknown organisation '五中'" in run.stderr
    lenient = govplan("check", PLAN, "--results", ledger, "--skip-unknown", "--lang", "en")
    assert "warning: " in lenient.stderr
    assert "row 2, column 指标: unknown indicator 'no-such'" in lenient.stderr
    assert "row left out" in lenient.stderr
    assert "junior-dropout: observed 0.8%" in lenient.stdout


def test_conflicting_repeats_are_refused_and_exact_repeats_said(tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path,
        "指标,期间,实际值\njunior-dropout,2011,0.8\njunior-dropout,2011,0.8%\n"
        "junior-dropout,2011,1.2\n",
    )
    with pytest.raises(g.LoadError) as caught:
        load_ledger(ledger, g.load(PLAN))
    (problem,) = caught.value.problems
    assert problem.path == "row 4, column 实际值"
    assert "'1.2%' conflicts with row 2 ('0.8%')" in problem.message
    same = _csv(
        tmp_path,
        "指标,期间,实际值\njunior-dropout,2011,0.8\n初中生辍学率,2011,0.8%\n",
        name="s.csv",
    )
    ledger_read = load_ledger(same, g.load(PLAN))
    assert len(ledger_read.observations) == 1
    assert [str(w) for w in ledger_read.warnings] == [
        "row 3: repeats row 2 (same indicator, organisation, period and value); counted once"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("指标,期间,实际值\n", "the ledger has no data rows, only a header"),
        ("指标,期间,实际值\n,,\n\n", "the ledger has no data rows, only a header"),
        ("指标,期间,实际值\njunior-dropout,2011,\n", "no row has a value that can be checked"),
        ("", "the ledger is empty"),
    ],
)
def test_a_ledger_without_data_never_passes(tmp_path: Path, text: str, message: str) -> None:
    run = govplan("check", PLAN, "--results", _csv(tmp_path, text), "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert message in run.stderr


def test_rows_that_match_no_target_are_named_and_never_a_silent_pass(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "指标,期间,实际值\njunior-dropout,2009,0.8\n")
    run = govplan("check", PLAN, "--results", ledger, "--as-of", "2011-06-30")
    assert run.returncode == 2
    assert "row 2: no target of 'junior-dropout' is for period '2009'" in run.stderr
    assert "no result matches a target of the plan" in run.stderr
    some = _csv(
        tmp_path,
        "指标,期间,实际值\njunior-dropout,2009,0.8\njunior-dropout,2011,0.8\n",
        name="s.csv",
    )
    run = govplan("check", PLAN, "--results", some)
    assert "warning: " in run.stderr
    assert (
        "row 2: no target of 'junior-dropout' is for period '2009' (its targets are for 2011)"
        in (run.stderr)
    )


def test_indicator_name_column_must_agree_with_the_id(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "指标编号,指标名称,期间,实际值\njunior-dropout,小学生巩固率,2011,0.8\n")
    with pytest.raises(g.LoadError, match="row 2, column 指标名称: '小学生巩固率' is not the name"):
        load_ledger(ledger, g.load(PLAN))


def test_unknown_header_gets_a_suggestion(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "指标,期间,实际值,备住\njunior-dropout,2011,0.8,\n")
    with pytest.raises(g.LoadError, match=r"unknown column '备住' \(did you mean '备注'"):
        load_ledger(ledger, g.load(PLAN))


def test_read_ledger_still_takes_indicators(tmp_path: Path) -> None:
    ledger = _csv(tmp_path, "indicator,period,value\njunior-dropout,2011,0.8%\n")
    (observation,) = g.read_ledger(ledger, g.load(PLAN).indicators)
    assert observation.value == g.parse_quantity("0.8%")


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_formula_neutralising_round_trips(cell: str) -> None:
    safe = neutralise_formula(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_formula_text(safe) == cell


_CELLS = st.sampled_from(
    ["指标", "实际值", "期间", "填报单位", "计量单位", "单位", "junior-dropout", "初中生辍学率",
     "2011", "2011-H1", "0.8", "0.8%", "70多", "人", "%", "", "-", "娄星区教育局", "=1+1", '"']
) | st.text(max_size=6)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(_CELLS, max_size=6), max_size=6))
def test_any_csv_ledger_reads_or_is_refused_with_a_named_problem(rows: list[list[str]]) -> None:
    import csv as csv_module
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv_module.writer(stream).writerows(rows)
        outcome: g.Ledger | g.LoadError
        try:
            outcome = load_ledger(path, g.load(PLAN))
        except g.LoadError as error:
            outcome = error
    if isinstance(outcome, g.LoadError):
        assert outcome.problems
        assert all(problem.message for problem in outcome.problems)
    else:
        assert outcome.observations
        assert any(o.value is not None for o in outcome.observations)
