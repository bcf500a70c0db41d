"""Ledger rows no check uses are reported alike by the in-process engine and DuckDB.

DuckDB finds them in the query (the distinct keys of the value table decided
by the same matching logic, then the offending rows fetched); the answers
are held to the in-process engine's by a property test.  The command line
warns about them, and writes them in its JSON, in the same words on every
engine.  (Spark: tests/test_unmatched_spark.py.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings

import govplan as g
from govplan.cli.main import main
from govplan.engine.executors.results import ColumnarEvaluation
from tests.unmatched_cases import (
    SAMPLE_EXPECTED,
    SAMPLE_PLAN,
    SAMPLE_ROWS,
    facts,
    plans_and_ledgers,
    write,
)

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")


def _on_duckdb(plan: g.Plan, ledgers: list[Path]) -> ColumnarEvaluation:
    found = g.evaluate_ledgers(plan, ledgers, engine="duckdb")
    assert isinstance(found, ColumnarEvaluation)
    return found


def test_duckdb_reports_every_unused_ledger_row_with_its_file_row_and_reason(
    tmp_path: Path,
) -> None:
    ledger = write(tmp_path / "ledger.csv", SAMPLE_ROWS)
    python = g.evaluate_ledgers(SAMPLE_PLAN, [ledger], engine="python")
    duckdb = _on_duckdb(SAMPLE_PLAN, [ledger])
    assert [(u.file_row, u.reason) for u in python.unmatched] == SAMPLE_EXPECTED
    assert facts(duckdb) == facts(python)
    assert {u.file for u in duckdb.unmatched} == {str(ledger)}
    assert duckdb.unmatched_count() == len(SAMPLE_EXPECTED)
    assert [u.file_row for u in duckdb.first_unmatched(2)] == [4, 5]
    assert not duckdb.uses_no_result()
    assert duckdb.unmatched[0].explain("en") == (
        f"{ledger} row 4 (rate 2009) matches nothing checked: "
        "no target of this indicator is for this period."
    )
    assert duckdb.unmatched[0].explain("zh").startswith(f"{ledger} 第4行（rate 2009）")


def test_rows_of_several_ledgers_are_named_by_their_file(tmp_path: Path) -> None:
    first = write(tmp_path / "a.csv", [("rate", "bureau", "2011", "96")])
    second = write(tmp_path / "b.csv", [("count", "s1", "2011", "3")])
    engines: tuple[Literal["python", "duckdb"], ...] = ("python", "duckdb")
    for engine in engines:
        found = g.evaluate_ledgers(SAMPLE_PLAN, [first, second], engine=engine)
        assert [(u.where, u.reason) for u in found.unmatched] == [
            (f"{second}: row 2", g.UnmatchedReason.INDICATOR)
        ]


def test_a_ledger_whose_rows_all_miss_uses_no_result(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "l.csv", [("rate", "bureau", "2009", "1"), ("count", "s1", "2011", "2")]
    )
    found = _on_duckdb(SAMPLE_PLAN, [ledger])
    assert found.uses_no_result()
    assert found.unmatched_count() == 2


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=plans_and_ledgers())
def test_duckdb_and_python_report_the_same_unused_rows(case: tuple[g.Plan, list[Any]]) -> None:
    plan, rows = case
    with tempfile.TemporaryDirectory() as directory:
        ledger = write(Path(directory) / "ledger.csv", rows)
        python = g.evaluate_ledgers(plan, [ledger], engine="python")
        duckdb = _on_duckdb(plan, [ledger])
        assert facts(duckdb) == facts(python)
        assert duckdb.unmatched_count() == len(python.unmatched)
        unique = {tuple(r[:3]) for r in rows}
        assert duckdb.uses_no_result() == (len(python.unmatched) == len(unique))


def test_evaluate_columns_reports_what_evaluate_reports() -> None:
    observations = [
        g.Observation(
            indicator_id="rate", period=g.Period.year(2011), value=g.parse_quantity("96%")
        ),
        g.Observation(
            id="old", indicator_id="rate", period=g.Period.year(2009), value=g.parse_quantity("9%")
        ),
        g.Observation(
            id="kid",
            indicator_id="pupils",
            period=g.Period.year(2011),
            scope="s1",
            value=g.parse_quantity("3人"),
        ),
    ]
    python = g.evaluate(SAMPLE_PLAN, observations)
    columns = g.evaluate_columns(SAMPLE_PLAN, observations)
    assert columns.unmatched == python.unmatched
    assert [u.observation.id for u in columns.unmatched] == ["old"]
    assert columns.unmatched_count() == 1


def test_to_data_writes_the_unused_observations_and_reads_them_back(tmp_path: Path) -> None:
    ledger = write(tmp_path / "ledger.csv", SAMPLE_ROWS)
    evaluation = g.evaluate_ledgers(SAMPLE_PLAN, [ledger], engine="python")
    assert isinstance(evaluation, g.Evaluation)
    path = tmp_path / "evaluation.json"
    g.dump(evaluation, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["unmatched"][0] == {
        "row": 1,
        "observation": {
            "indicator_id": "rate",
            "period": "2009",
            "value": "90%",
        },
        "reason": "period",
        "file": str(ledger),
        "file_row": 4,
    }
    back = g.load(path)
    assert back == evaluation
    assert back.unmatched == evaluation.unmatched


ENGINES = ("python", "duckdb")


def _run(
    capsys: pytest.CaptureFixture[str], plan: Path, ledger: Path, engine: str, *more: str
) -> tuple[int, str, str]:
    status = main(["check", str(plan), "--results", str(ledger), "--engine", engine, *more])
    out, err = capsys.readouterr()
    return status, out, err


CLI_ROWS = SAMPLE_ROWS


def _warnings(err: str) -> list[str]:
    """The warnings about unused rows (the row-wise reader also says it counted a repeat once)."""
    return [
        line
        for line in err.splitlines()
        if line.startswith("govplan: warning:") and "counted once" not in line
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_govplan_check_warns_alike_on_every_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    plan = tmp_path / "plan.yaml"
    g.dump(SAMPLE_PLAN, plan)
    ledger = write(tmp_path / "ledger.csv", CLI_ROWS)
    runs = {e: _run(capsys, plan, ledger, e, "--format", fmt) for e in ENGINES}
    statuses = {status for status, _, _ in runs.values()}
    warned = {e: _warnings(err) for e, (_, _, err) in runs.items()}
    assert len(statuses) == 1
    assert warned["python"] == warned["duckdb"]
    assert warned["duckdb"] == [
        f"govplan: warning: {ledger}: row 4: no target of 'rate' is for period '2009' "
        "(its targets are for 2011); not checked",
        f"govplan: warning: {ledger}: row 5: no target of the plan is on 'count'; not checked",
        f"govplan: warning: {ledger}: row 6: no target of 'rate' covers organisation "
        "'elsewhere'; not checked",
        f"govplan: warning: {ledger}: row 10: no target of 'pupils' is for period '2010' "
        "(its targets are for 2011); not checked",
        f"govplan: warning: {ledger}: row 12: no target of 'each' is for period '2012' "
        "(its targets are for 2011); not checked",
    ]
    if fmt == "json":
        records = {e: json.loads(out)["unmatched"] for e, (_, out, _) in runs.items()}
        assert records["python"] == records["duckdb"]
        assert records["duckdb"][0] == {
            "file": str(ledger),
            "row": 4,
            "indicator": "rate",
            "scope": None,
            "period": "2009",
            "id": None,
            "value": "90%",
            "reason": "period",
            "explanation": {
                "zh": f"{ledger} 第4行（rate 2009）未用于任何检查：该指标的目标都不是这一期间的。",
                "en": f"{ledger} row 4 (rate 2009) matches nothing checked: "
                "no target of this indicator is for this period.",
            },
        }
        totals = {json.loads(out)["unmatched_total"] for _, out, _ in runs.values()}
        assert totals == {5}


def test_govplan_check_refuses_a_ledger_matching_nothing_alike_on_every_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    g.dump(SAMPLE_PLAN, plan)
    ledger = write(tmp_path / "ledger.csv", [("rate", "bureau", "2009", "90")])
    for engine in ENGINES:
        status, out, err = _run(capsys, plan, ledger, engine)
        assert status == 2, (engine, err)
        assert f"{ledger}: row 2: no target of 'rate' is for period '2009'" in err
        assert "no result matches a target of the plan" in err
        assert out == ""


def test_the_query_engines_name_at_most_limit_rows_then_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    g.dump(SAMPLE_PLAN, plan)
    ledger = write(tmp_path / "ledger.csv", CLI_ROWS)
    _, out, err = _run(capsys, plan, ledger, "duckdb", "--limit", "2", "--format", "json")
    assert len(_warnings(err)) == 3
    assert _warnings(err)[-1] == (
        "govplan: warning: 3 more result rows match no target (--limit 0 lists all)"
    )
    data = json.loads(out)
    assert [r["row"] for r in data["unmatched"]] == [4, 5]
    assert data["unmatched_total"] == 5


@pytest.mark.parametrize(
    ("unmatched", "field"),
    [
        ("row 4", "unmatched"),
        ([{"row": 1, "observation": {"indicator_id": "rate", "period": "2009"}}], "reason"),
        (
            [
                {
                    "row": 1,
                    "reason": "nowhere",
                    "observation": {"indicator_id": "rate", "period": "2009"},
                }
            ],
            "reason",
        ),
    ],
)
def test_a_bad_unmatched_list_is_refused_naming_the_field(
    tmp_path: Path, unmatched: object, field: str
) -> None:
    path = tmp_path / "evaluation.json"
    data = {"document": "evaluation", "subject": "p", "verdicts": [], "unmatched": unmatched}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(g.GovplanError) as raised:
        g.load(path)
    assert field in str(raised.value)


def test_the_query_decides_slices_and_changes_as_the_in_process_engine() -> None:
    # Ledgers carry neither breakdown slices nor changes yet; a value table may.
    import duckdb

    from govplan.engine.check_table import value_columns
    from govplan.engine.matching import unmatched_observations
    from govplan.io.ledger_matching import LedgerUnmatched
    from tests.unmatched_cases import INDICATORS, plan, target

    checked = plan(
        [
            target(1, "rate", "2011", "bureau"),
            target(2, "each", "2011", "bureau", for_each="breakdown"),
        ]
    )
    cells = [
        ("rate", "bureau", "2011", None, {}),  # used
        ("rate", "bureau", "2011", None, {"area": "城市"}),  # no target per slice of rate
        ("each", "bureau", "2011", None, {"area": "城市"}),  # used: a template per slice
        ("each", "s1", "2011", None, {"area": "城市"}),  # no target of each covers s1
        ("rate", "bureau", "2011", "2010", {}),  # a change: no growth target
    ]
    observations = [
        g.Observation(
            indicator_id=i,
            scope=s,
            period=g.parse_period(p),
            change_from=None if c is None else g.parse_period(c),
            breakdown=b,
            value=g.Quantity.of(1, g.PERCENT),
        )
        for i, s, p, c, b in cells
    ]
    expected = unmatched_observations(
        value_columns(observations), checked, issuer="bureau", given=len(observations)
    )
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE gp_values (row BIGINT, src BIGINT, file_row BIGINT, id VARCHAR,"
        " indicator_id VARCHAR, scope VARCHAR, period VARCHAR, change_from VARCHAR,"
        " breakdown VARCHAR, low DECIMAL(18, 6), high DECIMAL(18, 6), low_closed BOOLEAN,"
        " high_closed BOOLEAN, has_value BOOLEAN, numerator DECIMAL(18, 6),"
        " denominator DECIMAL(18, 6))"
    )
    con.executemany(
        "INSERT INTO gp_values VALUES (?, 0, ?, NULL, ?, ?, ?, ?, ?, 1, 1, TRUE, TRUE, TRUE,"
        " NULL, NULL)",
        [
            (n + 1, n + 1, i, s, p, c, ";".join(f"{k}={v}" for k, v in sorted(b.items())))
            for n, (i, s, p, c, b) in enumerate(cells)
        ],
    )
    found = LedgerUnmatched(
        query=lambda sql: con.execute(sql).fetchall(),
        table="gp_values",
        subject=checked,
        issuer="bureau",
        indicators={i.id: i for i in INDICATORS},
        files=["values.parquet"],
    )
    assert [(u.row, u.reason) for u in expected] == [
        (1, g.UnmatchedReason.BREAKDOWN),
        (3, g.UnmatchedReason.SCOPE),
        (4, g.UnmatchedReason.PERIOD),
    ]
    # The value table numbers its rows from 1 where the observations are counted from 0.
    assert [(u.file_row, u.reason) for u in found.items()] == [
        (u.row + 1, u.reason) for u in expected
    ]
    assert found.count() == 3
    assert not found.uses_none()


@pytest.mark.parametrize("engine", ["duckdb"])
def test_ledgers_under_a_rule_set_without_targets_are_refused_not_ignored(
    tmp_path: Path, engine: Literal["duckdb"]
) -> None:
    ledger = write(tmp_path / "ledger.csv", SAMPLE_ROWS)
    rules = g.RuleSet(rules=("deadlines",))
    with pytest.raises(g.ValidationError) as caught:
        g.evaluate_ledgers(SAMPLE_PLAN, [ledger], engine=engine, rules=rules)
    assert caught.value.field == "rules"
    assert "no ledger row would be checked" in str(caught.value)
