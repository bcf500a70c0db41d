"""Exact repeats of a ledger row are named alike by the row-wise reader and every engine.

The row-wise reader counts a row repeating an earlier row of its file once,
with a warning; ``evaluate_ledgers`` on Python (an :class:`~govplan.Evaluation`)
and on DuckDB (a :class:`~govplan.ColumnarEvaluation`) count it once too and
name it in the same words (its file, its row and the earlier row, numbered as
the file's lines), held to the reader by a property test.  (Spark:
tests/test_unmatched_spark.py.)
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.cli.main import main
from govplan.engine.executors.relational_conflicts import Cell
from govplan.engine.executors.results import ColumnarEvaluation
from govplan.io.ledger_repeats import LedgerRepeats
from govplan.io.ledgers import load_ledger
from tests.unmatched_cases import SAMPLE_PLAN, plans_and_ledgers, write

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

Row = tuple[str, ...]


def _read_row_by_row(plan: g.Plan, ledgers: Sequence[Path]) -> list[str]:
    """The row-wise reader's repeat warnings, each file named as the command line names it."""
    return [
        f"{path}: {warning}"
        for path in ledgers
        for warning in load_ledger(path, plan).warnings
        if "counted once" in warning.message
    ]


def _on_duckdb(plan: g.Plan, ledgers: Sequence[Path]) -> ColumnarEvaluation:
    found = g.evaluate_ledgers(plan, ledgers, engine="duckdb")
    assert isinstance(found, ColumnarEvaluation)
    return found


def _on_python(plan: g.Plan, ledgers: Sequence[Path]) -> g.Evaluation:
    found = g.evaluate_ledgers(plan, ledgers, engine="python")
    assert isinstance(found, g.Evaluation)
    return found


@st.composite
def _ledgers(draw: st.DrawFn) -> tuple[g.Plan, list[list[Row]]]:
    """A plan and one or two ledgers: repeats (some written otherwise), blank lines."""
    plan, drawn = draw(plans_and_ledgers())
    rows: list[Row] = list(drawn)
    for row in draw(st.lists(st.sampled_from(rows), max_size=3)):
        # The same amount written otherwise (96 and 96.0) is still a repeat.
        written = draw(st.sampled_from((row[3], f"{row[3]}.0")))
        rows.insert(draw(st.integers(0, len(rows))), (*row[:3], written))
    for _ in range(draw(st.integers(0, 2))):
        rows.insert(draw(st.integers(1, len(rows))), ())  # a blank line
    split = draw(st.integers(0, len(rows)))
    files = [rows[:split], rows[split:]] if 0 < split < len(rows) else [rows]
    return plan, [f for f in files if any(f)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_ledgers())
def test_every_engine_names_the_repeats_the_row_wise_reader_names(
    case: tuple[g.Plan, list[list[Row]]],
) -> None:
    plan, files = case
    with tempfile.TemporaryDirectory() as directory:
        ledgers = [write(Path(directory) / f"l{n}.csv", rows) for n, rows in enumerate(files)]
        expected = _read_row_by_row(plan, ledgers)
        for found in (_on_python(plan, ledgers), _on_duckdb(plan, ledgers)):
            assert [str(w) for w in found.repeat_warnings()] == expected
            assert found.repeat_count() == len(expected)
            assert [str(w) for w in found.repeat_warnings(1)] == expected[:1]
            assert found.repeat_warnings(0) == ()


def test_a_repeat_is_named_by_file_and_line_and_counted_once(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "ledger.csv",
        [
            ("rate", "bureau", "2011", "96"),
            (),
            ("rate", "bureau", "2011", "96.0"),  # row 4: a repeat of row 2
            ("rate", "s1", "2011", "90"),
            ("rate", "s1", "2011", "90"),  # row 6: a repeat of row 5 (no check reads it)
            ("count", "s1", "2011", "3"),
            ("count", "s1", "2011", "3"),  # row 8: a repeat no simple check reads
            ("rate", "bureau", "2011", "96"),  # row 9: a repeat of row 2 again
        ],
    )
    found = _on_duckdb(SAMPLE_PLAN, [ledger])
    message = "(same indicator, organisation, period and value); counted once"
    assert [str(w) for w in found.repeat_warnings()] == [
        f"{ledger}: row 4: repeats row 2 {message}",
        f"{ledger}: row 6: repeats row 5 {message}",
        f"{ledger}: row 8: repeats row 7 {message}",
        f"{ledger}: row 9: repeats row 2 {message}",
    ]
    assert found.repeat_count() == 4
    python = g.evaluate_ledgers(SAMPLE_PLAN, [ledger], engine="python")
    assert found.counts() == python.counts()
    assert [(u.file_row, u.reason) for u in found.unmatched] == [
        (u.file_row, u.reason) for u in python.unmatched
    ]


def test_rows_of_one_cell_in_two_files_are_not_repeats_of_each_other(tmp_path: Path) -> None:
    # As the row-wise reader reads each file alone.
    first = write(tmp_path / "a.csv", [("rate", "bureau", "2011", "96")])
    second = write(tmp_path / "b.csv", [("rate", "bureau", "2011", "96")])
    found = _on_duckdb(SAMPLE_PLAN, [first, second])
    assert found.repeat_warnings() == ()
    assert found.repeat_count() == 0
    assert _read_row_by_row(SAMPLE_PLAN, [first, second]) == []


def test_rows_a_hash_took_for_repeats_that_differ_are_refused() -> None:
    # The exact comparison on the path that names repeats: a row whose facts differ
    # from its cell's first row (a hash collision) is a conflict, refused.
    refused: list[Sequence[Cell]] = []

    def query(sql: str) -> list[tuple[Any, ...]]:
        return [(7, 0, 7, 2, "rate", "bureau", "2011", False, 0, 1)]

    def refuse(cells: Sequence[Cell]) -> None:
        refused.append(cells)
        raise g.LoadError([g.Problem(path="row 7, column value", message="conflicts")])

    repeats = LedgerRepeats(
        query=query, results="r", ledger="l", issuer="bureau", files=["l.csv"], refuse=refuse
    )
    with pytest.raises(g.LoadError, match="row 7, column value"):
        repeats.items()
    assert refused == [[Cell("rate", "bureau", "2011", "", None)]]


def test_govplan_check_warns_of_repeats_alike_and_names_at_most_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    g.dump(SAMPLE_PLAN, plan)
    rows = [("rate", "bureau", "2011", "96")] * 3 + [("each", "s1", "2011", "99")] * 2
    ledger = write(tmp_path / "ledger.csv", rows)
    said = {}
    for engine in ("python", "duckdb"):
        main(["check", str(plan), "--results", str(ledger), "--engine", engine])
        said[engine] = [
            line for line in capsys.readouterr().err.splitlines() if "counted once" in line
        ]
    assert said["python"] == said["duckdb"]
    assert said["duckdb"][0] == (
        f"govplan: warning: {ledger}: row 3: repeats row 2 "
        "(same indicator, organisation, period and value); counted once"
    )
    assert len(said["duckdb"]) == 3
    main(["check", str(plan), "--results", str(ledger), "--engine", "duckdb", "--limit", "1"])
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "repeat" in line] == [
        said["duckdb"][0],
        "govplan: warning: 2 more rows repeat an earlier row (--limit 0 lists all)",
    ]


_REPEAT = "(same indicator, organisation, period and value); counted once"


def test_an_evaluation_not_read_from_ledgers_has_no_repeats() -> None:
    rate = g.Observation(
        indicator_id="rate", period=g.Period.year(2011), value=g.parse_quantity("96%")
    )
    evaluation = g.evaluate(SAMPLE_PLAN, [rate, rate])  # given twice: not a ledger row
    assert evaluation.repeat_warnings() == ()
    assert evaluation.repeat_warnings(1) == ()
    assert evaluation.repeat_count() == 0
    assert "repeat_warnings" not in evaluation.to_data(g.make_converter())


def test_the_python_engine_names_the_first_limit_repeats_in_file_and_row_order(
    tmp_path: Path,
) -> None:
    first = write(
        tmp_path / "a.csv",
        [("rate", "bureau", "2011", "96"), ("rate", "bureau", "2011", "96.0")],
    )
    second = write(
        tmp_path / "b.csv",
        [("each", "s1", "2011", "99"), ("each", "s1", "2011", "99"), ("each", "s1", "2011", "99")],
    )
    evaluation = _on_python(SAMPLE_PLAN, [first, second])
    expected = [
        f"{first}: row 3: repeats row 2 {_REPEAT}",
        f"{second}: row 3: repeats row 2 {_REPEAT}",
        f"{second}: row 4: repeats row 2 {_REPEAT}",
    ]
    assert [str(w) for w in evaluation.repeat_warnings()] == expected
    assert [str(w) for w in evaluation.repeat_warnings(2)] == expected[:2]
    assert [str(w) for w in evaluation.repeat_warnings(10)] == expected
    assert evaluation.repeat_count() == 3
    # Kept when the unused rows are located again.
    again = evaluation.with_unmatched(evaluation.unmatched)
    assert again.repeat_warnings() == evaluation.repeat_warnings()
    assert again.unmatched == evaluation.unmatched


def test_the_evaluation_file_keeps_the_repeats(tmp_path: Path) -> None:
    ledger = write(tmp_path / "ledger.csv", [("rate", "bureau", "2011", "96")] * 2)
    evaluation = _on_python(SAMPLE_PLAN, [ledger])
    path = tmp_path / "evaluation.json"
    g.dump(evaluation, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["repeat_warnings"] == [
        {"path": f"{ledger}: row 3", "message": f"repeats row 2 {_REPEAT}"}
    ]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, g.json_schema("evaluation"))
    back = g.load(path)
    assert isinstance(back, g.Evaluation)
    assert back == evaluation
    assert back.repeat_warnings() == evaluation.repeat_warnings()
    assert back != evaluation.with_repeats(())


@pytest.mark.parametrize(
    ("warning", "named"),
    [
        ({"path": "a.csv: row 3"}, "repeat_warnings[0].message"),
        ({"path": "a.csv: row 3", "message": 3}, "repeat_warnings[0].message"),
        ({"path": "a.csv: row 3", "message": "m", "row": 3}, "repeat_warnings[0].row"),
        ("a.csv: row 3: repeats row 2", "repeat_warnings[0]"),
    ],
)
def test_a_bad_repeat_warning_in_an_evaluation_file_is_named(warning: object, named: str) -> None:
    data = {"subject": "p", "verdicts": [], "repeat_warnings": [warning]}
    with pytest.raises(g.ParseError) as caught:
        g.Evaluation.from_data(data, g.make_converter())
    assert caught.value.field == named


def test_repeats_that_are_not_problems_are_refused_by_index() -> None:
    warning = g.Problem(path="a.csv: row 3", message="repeats row 2")
    with pytest.raises(g.ValidationError) as caught:
        g.Evaluation(subject="p", repeats=(warning, "a.csv: row 4: repeats row 2"))  # type: ignore[arg-type]
    assert caught.value.field == "repeats[1]"
    assert "not str" in str(caught.value)


@pytest.mark.parametrize("engine", ["python", "duckdb"])
@pytest.mark.parametrize("limit", [-1, True, "3", 2.0])
def test_a_limit_that_is_not_a_count_is_refused_by_name(
    tmp_path: Path, engine: str, limit: Any
) -> None:
    # A negative limit would slice from the end and drop the last rows in silence.
    ledger = write(tmp_path / "ledger.csv", [("rate", "bureau", "2011", "96")] * 2)
    evaluation: Any = g.evaluate_ledgers(SAMPLE_PLAN, [ledger], engine=engine)  # type: ignore[arg-type]
    methods = ["repeat_warnings"]
    if engine == "duckdb":
        methods += ["first_unmatched", "first", "rows"]
    for method in methods:
        call = getattr(evaluation, method)
        with pytest.raises(g.ValidationError) as caught:
            call(limit=limit)
        assert caught.value.field == "limit"
        assert "limit must be a whole number" in str(caught.value)
