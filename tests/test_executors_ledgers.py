"""Ledgers read column-wise (CSV in three encodings, Excel, Parquet) and checked on DuckDB."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

import attrs
import pytest

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import govplan as g  # noqa: E402
from govplan.engine.executors.duckdb import connect  # noqa: E402
from govplan.io.column_files import value_columns  # noqa: E402
from tests.executor_cases import outcome, sentences  # noqa: E402

RATE = g.Indicator(id="rate", name="巩固率", unit=g.PERCENT)
MONEY = g.Indicator(id="money", name="资金", unit=g.parse_unit("元"))
ORGS = (
    g.Organisation(id="bureau", name="局"),
    g.Organisation(id="s1", name="一中", parent_id="bureau"),
    g.Organisation(id="s2", name="二中", parent_id="bureau"),
)
HEADER = "指标,填报单位,期间,数值\n"
ROWS = "rate,s1,2011,96.5%\nrate,s2,2011,95多%\nmoney,s1,2011,1436万元\nmoney,s2,2011,\n"


def _plan() -> g.Plan:
    year = g.Period.year(2011)
    targets = (
        g.Target(
            id="t-rate",
            indicator_id="rate",
            comparator="at_least",
            value=g.Quantity.of(96, g.PERCENT),
            period=year,
            for_each="scope",
        ),
        g.Target(
            id="t-money",
            indicator_id="money",
            comparator="at_most",
            value=g.Quantity.of(1500, g.parse_unit("万元")),
            period=year,
            for_each="scope",
            commitment="strive",
        ),
    )
    goal = g.Goal(id="g", title="任务", targets=targets)
    return g.Plan(
        id="p",
        title="计划",
        period=year,
        issuer="bureau",
        organisations=ORGS,
        indicators=(RATE, MONEY),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def _rows(path: Path) -> list[tuple[object, ...]]:
    con = connect()
    value_columns(con, [path], [RATE, MONEY], str(path.parent))
    rows: list[tuple[object, ...]] = con.execute(
        'SELECT "row", indicator_id, scope, period, low, high, low_closed, high_closed,'
        " has_value FROM gp_values ORDER BY row"
    ).fetchall()
    return rows


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16", b"")],
)
def test_csv_in_every_usual_encoding_gives_the_same_value_columns(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(prefix + (HEADER + ROWS).encode(encoding))
    rows = _rows(path)
    assert len(rows) == 4  # no row dropped: the one without a value is no data
    assert rows[1][4:8] == (Decimal(95), Decimal(96), False, False)
    assert rows[2][4] == Decimal(14_360_000)
    assert rows[3][8] is False


def test_duckdb_ledger_run_matches_the_python_run(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(HEADER + ROWS.replace("95多%", "97%"), encoding="utf-8")
    plan = _plan()
    expected = g.evaluate_ledgers(plan, [path], engine="python")
    found = g.evaluate_ledgers(plan, [path], engine="duckdb")
    assert outcome(found) == outcome(expected.verdicts)
    assert found.passes == expected.passes


def test_sentences_from_a_duckdb_ledger_run_show_what_the_python_run_shows(
    tmp_path: Path,
) -> None:
    # Values as the ledger wrote them, and a change's or growth's two levels.
    year, before = g.Period.year(2011), g.Period.year(2010)
    plan = _plan()
    goal = plan.sections[0].goals[0]
    changes = (
        g.Target(
            id="t-change",
            indicator_id="rate",
            comparator="at_least",
            basis="change",
            baseline=before,
            value=g.Quantity.of(1, g.parse_unit("个百分点")),
            period=year,
            for_each="scope",
        ),
        g.Target(
            id="t-growth",
            indicator_id="money",
            comparator="at_least",
            basis="growth",
            baseline=before,
            value=g.Quantity.of(5, g.PERCENT),
            period=year,
            for_each="scope",
        ),
    )
    goal = attrs.evolve(goal, targets=(*goal.targets, *changes))
    plan = attrs.evolve(plan, sections=(attrs.evolve(plan.sections[0], goals=(goal,)),))
    path = tmp_path / "ledger.csv"
    earlier = (
        "rate,s1,2010,95%\nrate,s2,2010,94.5%\nmoney,s1,2010,1300万元\nmoney,s2,2010,1200万元\n"
    )
    path.write_text(HEADER + ROWS + earlier, encoding="utf-8")
    expected = g.evaluate_ledgers(plan, [path], engine="python")
    found = g.evaluate_ledgers(plan, [path], engine="duckdb")
    assert sentences(found) == sentences(expected.verdicts)
    shown = "\n".join(v.explain("zh") for v in found)
    assert "实际95多%，2010年为94.5%，变化(0.5,1.5)个百分点" in shown
    assert "实际1436万元，2010年为1300万元，增长10.46%" in shown
    assert "资金（s2）：期限2011-12-31已过，结果缺少数值" in shown


def test_parquet_with_typed_and_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "ledger.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('rate', 's1', '2011', CAST(96.5 AS DECIMAL(10, 2))),"
        " ('money', 's2', '2011', CAST(1200000 AS DECIMAL(10, 2)))) AS t(indicator, scope,"
        f" period, value)) TO '{path}' (FORMAT PARQUET)"
    )
    rows = _rows(path)
    assert [r[4] for r in rows] == [Decimal("96.5"), Decimal(1_200_000)]
    found = g.evaluate_ledgers(_plan(), [path])
    assert found.counts()[g.Status.MET] == 2


def test_excel_ledger_with_a_percent_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标", "填报单位", "期间", "数值"])
    sheet.append(["rate", "s1", "2011", 0.973])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["money", "s2", "2011", "1436万元"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    rows = _rows(path)
    assert rows[0][4] == Decimal("97.3")
    assert rows[1][4] == Decimal(14_360_000)


def test_every_bad_cell_is_named_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,scope,period,value,numerator\n"
        "rate,s1,2011,96x,\n"
        "\n"
        "nope,s2,2011,1,\n"
        "rate,s3,20x1,1,3\n"
        "money,s4,2011,0.5亩,\n",
        encoding="utf-8",
    )
    with pytest.raises(g.LoadError) as caught:
        _rows(path)
    text = str(caught.value)
    assert str(path) in text
    assert "row 2, column value: not a quantity: '96x'" in text
    assert "row 4, column indicator: unknown indicator 'nope'" in text  # blank row 3 counted
    assert "row 5, column period: not a period: '20x1'" in text
    assert "row 5, column numerator: a rate's numerator and denominator go together" in text
    assert "row 6, column value: unit '亩' does not measure what 'money' measures" in text


def test_a_value_with_no_exact_six_place_form_is_refused_not_rounded(tmp_path: Path) -> None:
    path = tmp_path / "fine.csv"
    path.write_text(HEADER + "rate,s1,2011,96.1234567%\n", encoding="utf-8")
    with pytest.raises(g.LoadError, match=r"row 2, column 数值: '96.1234567%' has no exact form"):
        _rows(path)


def test_a_missing_column_names_the_file_and_the_column(tmp_path: Path) -> None:
    path = tmp_path / "short.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT 'rate' AS indicator, '2011' AS period) TO '{path}' (FORMAT PARQUET)"
    )
    with pytest.raises(g.LoadError, match=r"(?s)short\.parquet.*columns: missing column 'value'"):
        _rows(path)


def test_a_malformed_parquet_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not a parquet file")
    with pytest.raises(g.LoadError, match=r"(?s)broken\.parquet.*not a readable Parquet file"):
        _rows(path)


def test_bytes_that_are_neither_utf8_nor_gb18030_are_named_by_offset(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(HEADER.encode() + b"rate,s1,2011,\x80\xff\n")
    with pytest.raises(g.LoadError, match=r"(?s)garbage\.csv.*bad bytes at byte"):
        _rows(path)


def test_cli_check_on_duckdb_streams_and_keeps_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govplan.cli.main import main

    plan_path = tmp_path / "plan.yaml"
    g.dump(_plan(), plan_path)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(HEADER + ROWS, encoding="utf-8")
    status = main(["check", str(plan_path), "--results", str(ledger), "--engine", "duckdb"])
    out = capsys.readouterr().out
    assert status == 1  # t-rate@s2 (95多% against ≥ 96%) is missed and binding
    assert "t-rate@s2" in out
    assert "[duckdb]" in out
    status = main(
        [
            "check",
            str(plan_path),
            "--results",
            str(ledger),
            "--engine",
            "duckdb",
            "--format",
            "json",
        ]
    )
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["passes"] is False
    assert len(data["verdicts"]) == 4


def test_a_unit_column_states_the_unit_of_bare_numbers(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "指标,填报单位,期间,数值,计量单位\nmoney,s1,2011,1436,万元\nmoney,s2,2011,1200000,\n",
        encoding="utf-8",
    )
    rows = _rows(path)
    assert [r[4] for r in rows] == [Decimal(14_360_000), Decimal(1_200_000)]


def test_a_bare_unit_header_is_refused_as_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text("指标,单位,期间,数值\nrate,s1,2011,96\n", encoding="utf-8")
    with pytest.raises(g.LoadError, match=r"row 1, column 2: column '单位' is ambiguous"):
        _rows(path)


def test_two_values_for_one_cell_are_refused_naming_both_rows(tmp_path: Path) -> None:
    # The row-by-row reader refuses them; DuckDB must not let the last row win.
    # 14360000 equals 1436万元: a repeat, not a conflict; an empty cell against 95多% is one.
    path = tmp_path / "台账.csv"
    path.write_text(
        HEADER + ROWS + "rate,s1,2011,97%\nmoney,s1,2011,14360000\nrate,s2,2011,\n",
        encoding="utf-8",
    )
    readers: tuple[tuple[Literal["python", "duckdb"], str, str], ...] = (
        ("python", "数值", "95多%"),
        ("duckdb", "value", "(95,96)%"),
    )
    for engine, column, stated in readers:
        with pytest.raises(g.LoadError) as caught:
            g.evaluate_ledgers(_plan(), [path], engine=engine)
        message = str(caught.value)
        assert message.startswith("2 problems"), (engine, message)
        assert f"row 6, column {column}: '97%' conflicts with row 2 ('96.5%')" in message
        assert f"row 8, column {column}: no value conflicts with row 3 ('{stated}')" in message
        assert "for the same indicator 'rate'" in message


def test_a_formula_without_a_saved_value_is_refused_by_both_readers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "填报单位", "期间", "数值"])
    sheet.append(["rate", "s1", "2011", "96.5%"])
    sheet.append(["rate", "s2", "2011", "=95+1"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    readers: tuple[Literal["python", "duckdb"], ...] = ("python", "duckdb")
    for engine in readers:
        with pytest.raises(g.LoadError, match=r"cell D3: the formula =95\+1 has no saved value"):
            g.evaluate_ledgers(_plan(), [path], engine=engine)


# Conflicts the checks' own grouping cannot see: an earlier month under the yearly
# checks, and the issuer's own row under templates that check its schools only.
UNREAD_CONFLICTS = (
    "rate,s1,2011-03,90%\nrate,s1,2011-03,91%\nrate,bureau,2011,97%\nrate,,2011,98%\n"
)


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_conflicts_in_rows_no_check_reads_are_refused_too(
    tmp_path: Path, engine: Literal["python", "duckdb"]
) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(HEADER + ROWS + UNREAD_CONFLICTS, encoding="utf-8")
    with pytest.raises((g.LoadError, g.ValidationError)) as caught:
        g.evaluate_ledgers(_plan(), [path], engine=engine)
    message = str(caught.value)
    assert "'91%' conflicts with row 6 ('90%')" in message, message
    if engine == "duckdb":
        # An unscoped row is the issuer's: one cell with the bureau's own row.
        assert "row 9, column value: '98%' conflicts with row 8 ('97%')" in message


def test_a_conflict_on_the_engine_names_both_value_rows() -> None:
    from govplan.engine.check_table import compile_checks
    from govplan.engine.check_table import value_columns as columns_of
    from govplan.engine.executors.duckdb import DuckDBResults, run_checks

    plan = _plan()
    year = g.Period.year(2011)
    rows = [
        g.Observation(
            indicator_id="money", period=year, scope="s1", value=g.Quantity.of(1436, unit)
        )
        for unit in (g.parse_unit("万元"), g.parse_unit("元"))
    ]
    rows[1] = attrs.evolve(rows[1], value=g.Quantity.of(14_360_000, g.parse_unit("元")))
    values = columns_of(rows, issuer="bureau")
    checks = compile_checks(plan)
    con = connect()
    # 1436万元 and 14360000元 are one value: a repeat.
    results = DuckDBResults(con, run_checks(con, checks, values, organisations=ORGS))
    assert results.code_counts()
    rows.append(
        g.Observation(
            indicator_id="rate",
            period=g.Period.month(2011, 3),
            scope="s2",
            value=g.Quantity.of(90, g.PERCENT),
        )
    )
    rows.append(attrs.evolve(rows[-1], value=g.Quantity.of(91, g.PERCENT)))
    con = connect()
    relation = run_checks(con, checks, columns_of(rows, issuer="bureau"), organisations=ORGS)
    with pytest.raises(g.ValidationError) as caught:
        DuckDBResults(con, relation)
    assert (
        "observations conflict: row 2 gives 90% and row 3 gives 91% for rate (s2, 2011-03)"
        in str(caught.value)
    )
    assert caught.value.field == "observations[3]"


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_organisations_named_as_the_template_writes_them_match_as_their_ids(
    tmp_path: Path, engine: Literal["python", "duckdb"]
) -> None:
    by_id, by_name = tmp_path / "ids.csv", tmp_path / "names.csv"
    by_id.write_text(HEADER + ROWS.replace("95多%", "97%"), encoding="utf-8")
    named = ROWS.replace("95多%", "97%").replace(",s1,", ",一中,").replace(",s2,", ",二中,")
    by_name.write_text(HEADER + named + "money,局,2009,3000万元\n", encoding="utf-8")
    plan = _plan()
    expected = g.evaluate_ledgers(plan, [by_id], engine="python")
    found = g.evaluate_ledgers(plan, [by_name], engine=engine)
    assert outcome(found) == outcome(expected.verdicts)
    assert [u.observation.scope for u in found.unmatched] == [None]  # 局: the issuer


def test_the_issuers_row_has_no_scope_on_duckdb_as_in_python(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(HEADER + "money,bureau,2009,1万元\nmoney,局,2010,1万元\n", encoding="utf-8")
    found = [g.evaluate_ledgers(_plan(), [path], engine=e).unmatched for e in ("python", "duckdb")]
    assert [[u.explain() for u in each] for each in found] == [[u.explain() for u in found[0]]] * 2


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_an_unknown_organisation_is_refused_naming_its_row(
    tmp_path: Path, engine: Literal["python", "duckdb"]
) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(HEADER + "rate,一中,2011,97%\nrate,三中,2011,97%\n", encoding="utf-8")
    with pytest.raises(g.LoadError) as caught:
        g.evaluate_ledgers(_plan(), [path], engine=engine)
    assert "row 3" in str(caught.value)
    assert "unknown organisation '三中'" in str(caught.value)


_EXAMPLE_PLAN = Path(__file__).resolve().parent.parent / "examples/education-bureau/plan-2011.yaml"


@pytest.mark.parametrize("word", ["N/A", "n/a", "暂无", "－"])
def test_a_missing_word_is_no_data_on_every_engine(tmp_path: Path, word: str) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        f"指标,期间,数值\nprimary-enrolment,2011,99%\njunior-teacher-degree,2011,{word}\n",
        encoding="utf-8",
    )
    plan = g.load(_EXAMPLE_PLAN)
    expected = g.evaluate_ledgers(plan, [ledger], engine="python")
    found = g.evaluate_ledgers(plan, [ledger], engine="duckdb")
    assert outcome(list(found)) == outcome(list(expected))


def test_a_cell_escaped_against_formulas_is_read_as_written_on_every_engine(
    tmp_path: Path,
) -> None:
    # govplan's CSV templates write '-… and '=… so that no spreadsheet runs them;
    # the row-wise reader reads such a cell without its apostrophe, and so must DuckDB.
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "指标,期间,数值,说明\n"
        "primary-enrolment,2011,'+99.6%,'-未完成部分已整改\n"
        "junior-teacher-degree,2011,97%,'=由教育局汇总\n",
        encoding="utf-8",
    )
    plan = g.load(_EXAMPLE_PLAN)
    expected = list(g.evaluate_ledgers(plan, [ledger], engine="python"))
    found = list(g.evaluate_ledgers(plan, [ledger], engine="duckdb"))
    assert outcome(found) == outcome(expected)
    assert sentences(found) == sentences(expected)
    notes = {v.note for v in found if v.note}
    assert notes == {"-未完成部分已整改", "=由教育局汇总"}


def test_a_workbook_is_read_from_its_ledger_sheet_on_every_engine(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["请在台账表中填写"])
    sheet = book.create_sheet("台账")
    sheet.append(["指标", "期间", "数值"])
    sheet.append(["primary-enrolment", "2011", "100%"])
    ledger = tmp_path / "台账.xlsx"
    book.save(ledger)
    plan = g.load(_EXAMPLE_PLAN)
    expected = list(g.evaluate_ledgers(plan, [ledger], engine="python"))
    found = list(g.evaluate_ledgers(plan, [ledger], engine="duckdb"))
    assert outcome(found) == outcome(expected)
    assert any(v.status is g.Status.MET for v in found)


def _refusals(ledger: Path) -> list[str]:
    """The LoadError the education bureau's plan meets on *ledger*, on Python, then DuckDB."""
    plan = g.load(_EXAMPLE_PLAN)
    messages = []
    for engine in ("python", "duckdb"):
        with pytest.raises(g.LoadError) as caught:
            g.evaluate_ledgers(plan, [ledger], engine=engine)
        messages.append(str(caught.value))
    return messages


_BAD_CELLS = {
    "an unknown unit": "primary-enrolment,2011,99x%",
    "a period without its year": "primary-enrolment,上半年,99%",
    "no period": "primary-enrolment,,99%",
    "an unknown indicator": "foo,2011,1",
    "an indicator name with a typo": "小学生入学,2011,99%",
    "a value in another dimension": "primary-enrolment,2011,99万元",
    "not a quantity": "primary-enrolment,2011,很好",
    "a range the wrong way round": "primary-enrolment,2011,9-7%",
}


@pytest.mark.parametrize(
    "body",
    ["", "primary-enrolment,2011,\nprimary-retention,2011,暂无\n"],
    ids=["no rows", "no value"],
)
def test_a_ledger_with_nothing_to_check_is_refused_alike_on_every_engine(
    tmp_path: Path, body: str
) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(f"指标,期间,数值\n{body}", encoding="utf-8")
    messages = _refusals(ledger)
    assert messages[1] == messages[0]
    assert "no data rows" in messages[0] or "column 数值: no row has a value" in messages[0]


@pytest.mark.parametrize("body", list(_BAD_CELLS.values()), ids=list(_BAD_CELLS))
def test_a_bad_cell_is_refused_in_the_same_words_on_every_engine(tmp_path: Path, body: str) -> None:
    # One wording of a bad cell, whichever engine reads the ledger: the header as
    # written (数值, not value), the message and what was expected.
    ledger = tmp_path / "台账.csv"
    ledger.write_text(f"指标,期间,数值\nprimary-enrolment,2011,99%\n{body}\n", encoding="utf-8")
    messages = _refusals(ledger)
    assert messages[1] == messages[0]
    assert "row 3, column " in messages[0]
