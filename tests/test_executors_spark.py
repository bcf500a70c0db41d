"""The same check expression on Spark (local mode) gives the in-process engine's outcomes.

Skipped, with the reason, where pyspark or Java is missing; CI installs both.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

pytestmark = pytest.mark.spark

if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 or later on PATH (java -version)", allow_module_level=True)
pytest.importorskip("pyspark", reason="Spark tests need pyspark: pip install 'govplan[spark]'")
pytest.importorskip("pyarrow")

import govplan as g  # noqa: E402
from govplan.engine.check_table import (  # noqa: E402
    CheckTable,
    ValueColumns,
    compile_checks,
    value_columns,
)
from govplan.engine.executors.results import ColumnarEvaluation  # noqa: E402
from govplan.engine.executors.spark import SparkResults, run_checks, spark_session  # noqa: E402
from tests.executor_cases import (  # noqa: E402
    COVERING_CASES,
    NOTES,
    case,
    outcome,
    sentences,
    write_ledger,
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session(master="local[2]")
    yield session
    session.stop()


def _batch(
    indices: tuple[int, ...], as_of: str | None
) -> tuple[CheckTable, ValueColumns, list[Any]]:
    """Several cases, checked as of one day, as one check table and one set of value columns.

    Ids are prefixed by the case so that the cases stay apart in one Spark query
    (a Spark query costs seconds to plan; one per day keeps the suite short).
    """
    rows: list[Any] = []
    observations: list[g.Observation] = []
    expected: list[Any] = []
    plan = None
    for index in indices:
        plan, found, rules, _ = case(index)
        expected += outcome(g.evaluate(plan, found, as_of=as_of, rules=rules).verdicts)
        checks = compile_checks(plan, basically_met=rules.basically_met)
        for row in checks.rows:
            target = attrs.evolve(
                row.target,
                id=f"c{index}-{row.target.id}",
                indicator_id=f"c{index}-{row.indicator.id}",
            )
            indicator = attrs.evolve(row.indicator, id=f"c{index}-{row.indicator.id}")
            rows.append(attrs.evolve(row, check=len(rows), target=target, indicator=indicator))
        observations += [attrs.evolve(o, indicator_id=f"c{index}-{o.indicator_id}") for o in found]
    assert plan is not None
    table = CheckTable(rows=tuple(rows), issuer=plan.issuer)
    return table, value_columns(observations, issuer=plan.issuer), expected


@pytest.mark.parametrize("as_of", [None, "2011-09-30"])
def test_spark_matches_python_on_cases_covering_every_comparator_basis_and_status(
    spark: Any, as_of: str | None
) -> None:
    checks, values, expected = _batch(COVERING_CASES, as_of)
    frame = run_checks(
        spark,
        checks,
        values,
        organisations=case(COVERING_CASES[0])[0].organisations,
        as_of=None if as_of is None else g.parse_date(as_of),
    )
    found = ColumnarEvaluation(
        subject="batch", as_of=None, checks=checks, source=SparkResults(frame), engine="spark"
    )
    # Subjects carry the case prefix given to their ids above.
    got = [(subject.split("-", 1)[1], *rest) for subject, *rest in outcome(found)]
    assert got == expected


def test_spark_reads_csv_and_parquet_ledgers_like_duckdb(tmp_path: Path, spark: Any) -> None:
    duckdb = pytest.importorskip("duckdb")
    from tests.test_executors_ledgers import HEADER, ROWS, _plan

    csv_path = tmp_path / "ledger.csv"
    csv_path.write_text(HEADER + ROWS, encoding="utf-8")
    parquet_path = tmp_path / "ledger.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar = true)) TO '{parquet_path}'"
        " (FORMAT PARQUET)"
    )
    plan = _plan()
    # Both files in one run (one Spark query): the Parquet rows come later and win.
    expected = outcome(g.evaluate_ledgers(plan, [csv_path, parquet_path], engine="duckdb"))
    found = g.evaluate_ledgers(plan, [csv_path, parquet_path], engine="spark", spark=spark)
    assert outcome(found) == expected


def test_spark_names_bad_cells_by_row_and_column(tmp_path: Path, spark: Any) -> None:
    from tests.test_executors_ledgers import HEADER, _plan

    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "rate,s1,2011,96x\nnope,s1,2011,1\n", encoding="utf-8")
    with pytest.raises(g.LoadError) as caught:
        g.evaluate_ledgers(_plan(), [path], engine="spark", spark=spark)
    assert "row 2, column 数值" in str(caught.value)  # the header as written
    assert "row 3, column 指标: unknown indicator 'nope'" in str(caught.value)
    with pytest.raises(g.LoadError) as by_rows:
        g.evaluate_ledgers(_plan(), [path], engine="python")
    assert str(caught.value) == str(by_rows.value)  # in the row reader's words


def test_a_master_that_cannot_be_reached_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govplan.cli.main import main
    from tests.test_executors_ledgers import HEADER, ROWS, _plan

    plan_path = tmp_path / "plan.yaml"
    g.dump(_plan(), plan_path)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(HEADER + ROWS, encoding="utf-8")
    started = time.monotonic()
    status = main(
        [
            "check",
            str(plan_path),
            "--results",
            str(ledger),
            "--engine",
            "spark",
            "--spark-master",
            "spark://127.0.0.1:9",
        ]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert "--spark-master: cannot reach the Spark master 'spark://127.0.0.1:9'" in err
    assert "Traceback" not in err
    assert "java" not in err.lower()
    assert time.monotonic() - started < 30


def test_a_whole_evaluation_on_spark_gives_the_python_verdicts(spark: Any) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "education-bureau"
    plan = g.load(examples / "plan-2011.yaml")
    results = [g.load(examples / "results-2011.yaml")]
    expected = g.evaluate(plan, results)
    found = g.evaluate_columns(plan, results, engine="spark", spark=spark)
    rules = [getattr(v, "rule", None) for v in found]
    assert rules == [getattr(v, "rule", None) for v in expected]
    assert {"targets", "deadlines"} <= set(rules)
    assert outcome(found) == outcome(expected.verdicts)
    assert sentences(found) == sentences(expected.verdicts)
    assert found.counts() == expected.counts()
    assert found.passes == expected.passes


def test_spark_refuses_conflicting_repeats_as_duckdb_does(tmp_path: Path, spark: Any) -> None:
    from tests.test_executors_ledgers import HEADER, ROWS, UNREAD_CONFLICTS, _plan

    path = tmp_path / "ledger.csv"
    path.write_text(HEADER + ROWS + "rate,s1,2011,97%\n" + UNREAD_CONFLICTS, encoding="utf-8")
    messages = []
    for engine in ("duckdb", "spark"):
        with pytest.raises(g.LoadError) as caught:
            g.evaluate_ledgers(_plan(), [path], engine=engine, spark=spark)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert messages[1].startswith("3 problems")
    assert "row 6, column value: '97%' conflicts with row 2 ('96.5%')" in messages[1]
    assert "row 8, column value: '91%' conflicts with row 7 ('90%')" in messages[1]
    assert "row 10, column value: '98%' conflicts with row 9 ('97%')" in messages[1]


def test_spark_ledgers_show_the_notes_and_values_as_written_the_row_reader_shows(
    tmp_path: Path, spark: Any
) -> None:
    # The cell as written (95多%, 1436万元, not (95,96)%) and each row's note, an
    # exact repeat shown as its first row; and a covering case written as a ledger.
    from tests.test_executors_ledgers import HEADER, ROWS, _plan

    noted = [f"{row},{NOTES[k % len(NOTES)]}" for k, row in enumerate(ROWS.splitlines())]
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        HEADER.strip() + ",备注\n" + "\n".join([*noted, "rate,s2,2011,95多%,重复填报"]) + "\n",
        encoding="utf-8",
    )
    expected = g.evaluate_ledgers(_plan(), [ledger], engine="python")
    found = g.evaluate_ledgers(_plan(), [ledger], engine="spark", spark=spark)
    assert sentences(found) == sentences(expected.verdicts)
    s2 = found.verdict("t-rate@s2")
    assert s2.note == NOTES[1]
    assert "实际95多%" in s2.explain("zh")
    plan, observations, rules, as_of = case(COVERING_CASES[0])
    other = write_ledger(tmp_path / "case.csv", observations, NOTES)
    expected = g.evaluate_ledgers(plan, [other], engine="python", as_of=as_of, rules=rules)
    found = g.evaluate_ledgers(plan, [other], engine="spark", spark=spark, as_of=as_of, rules=rules)
    assert sentences(found) == sentences(expected.verdicts)
