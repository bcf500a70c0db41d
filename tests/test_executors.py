"""The DuckDB executor holds to the in-process engine's semantics.

A hypothesis property over generated plans and observations (exact and
interval values, every comparator and basis, templates over an organisation
tree and breakdown slices, as-of dates, tolerances): identical subjects,
statuses, severities, gaps and progress, and the same sentences, in the
same order.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import govplan as g
from govplan.engine.check_table import compile_checks, value_columns
from govplan.engine.executors.duckdb import connect, run_checks
from govplan.engine.executors.relational import check_sql
from tests.executor_cases import (
    COVERING_CASES,
    NOTES,
    case,
    ledger_rows,
    outcome,
    sentences,
    write_ledger,
)
from tests.unmatched_cases import plan as unmatched_plan
from tests.unmatched_cases import plans_and_ledgers, write
from tests.unmatched_cases import target as unmatched_target


@pytest.fixture(scope="module")
def con() -> object:
    return connect()


def _same(index: int, con: object) -> None:
    plan, observations, rules, as_of = case(index)
    expected = g.evaluate(plan, observations, as_of=as_of, rules=rules)
    found = g.evaluate_columns(
        plan, observations, as_of=as_of, rules=rules, engine="duckdb", connection=con
    )
    assert outcome(found) == outcome(expected.verdicts), index
    # Sentences from query rows show what the in-process ones show (baselines,
    # references, values as written, gaps of indeterminate and interim results).
    assert sentences(found) == sentences(expected.verdicts), index
    assert found.counts() == expected.counts()
    assert found.passes == expected.passes
    assert [v.subject for v in found.failures()] == [v.subject for v in expected.failures()]


@pytest.mark.parametrize("index", COVERING_CASES)
def test_duckdb_matches_python_on_cases_covering_every_comparator_basis_and_status(
    index: int, con: object
) -> None:
    _same(index, con)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(min_value=0, max_value=10**7))
@example(index=1610762)  # a growth interval narrower than the query's last decimal place
def test_duckdb_matches_python_on_generated_plans(index: int, con: object) -> None:
    _same(index, con)


def _refused_or(evaluate: Any) -> Any:
    """What *evaluate* returns, or the message of the LoadError it raises."""
    try:
        return evaluate()
    except g.LoadError as refused:
        return str(refused)


def _same_on_a_ledger(index: int, notes: Sequence[str]) -> None:
    """Case *index* written as a ledger with notes: DuckDB's verdicts are the row reader's."""
    plan, observations, rules, as_of = case(index)
    with tempfile.TemporaryDirectory() as directory:
        ledger = write_ledger(Path(directory) / "台账.csv", observations, notes)
        run = {
            engine: _refused_or(
                lambda engine=engine: g.evaluate_ledgers(
                    plan, [ledger], engine=engine, as_of=as_of, rules=rules
                )
            )
            for engine in ("python", "duckdb")
        }
        expected, found = run["python"], run["duckdb"]
        if isinstance(expected, str) or isinstance(found, str):  # refused alike (no value)
            assert found == expected, index
            return
        assert outcome(found) == outcome(expected.verdicts), index
        # The notes, values as written and refs of the ledger rows, as the row reader's.
        assert sentences(found) == sentences(expected.verdicts), index


_LEDGER_CASES = [i for i in COVERING_CASES if ledger_rows(case(i)[1])]
"""The covering cases a ledger can hold (some have only rows of a breakdown)."""


def test_the_covering_cases_have_noted_rows_a_ledger_can_hold() -> None:
    # Every covering case but those whose rows all have a breakdown, and a note
    # shown by some verdict (else the ledger tests below would prove nothing).
    assert len(_LEDGER_CASES) >= len(COVERING_CASES) - 2
    plan, observations, rules, as_of = case(_LEDGER_CASES[0])
    with tempfile.TemporaryDirectory() as directory:
        ledger = write_ledger(Path(directory) / "l.csv", observations, NOTES[1:2])
        found = g.evaluate_ledgers(plan, [ledger], engine="duckdb", as_of=as_of, rules=rules)
        assert any(v.note == NOTES[1] for v in found)


@pytest.mark.parametrize("index", _LEDGER_CASES)
def test_duckdb_ledgers_carry_the_notes_and_texts_the_row_reader_shows(index: int) -> None:
    _same_on_a_ledger(index, NOTES)


@settings(max_examples=15, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=10**7),
    notes=st.lists(st.sampled_from(NOTES), min_size=1, max_size=4),
)
@example(index=684, notes=[""])  # every row without a value: refused alike
def test_duckdb_ledgers_match_the_row_reader_on_generated_plans(
    index: int, notes: list[str]
) -> None:
    assume(ledger_rows(case(index)[1]))
    _same_on_a_ledger(index, notes)


def test_a_note_is_read_back_through_duckdb(tmp_path: Path) -> None:
    plan = _plan(
        g.Target(
            id="t",
            indicator_id="rate",
            comparator="at_least",
            value=g.Quantity.of(96, g.PERCENT),
            period=g.Period.year(2011),
        ),
        _RATE,
    )
    ledger = tmp_path / "台账.csv"
    ledger.write_text("指标,期间,数值,说明\n巩固率,2011,95多%, 受疫情影响 \n", encoding="utf-8")
    verdict = g.evaluate_ledgers(plan, [ledger], engine="duckdb").verdict("t")
    assert verdict.note == "受疫情影响"
    assert "实际95多%" in verdict.explain("zh")
    assert g.evaluate_ledgers(plan, [ledger], engine="python").verdict("t") == verdict


@settings(max_examples=15, deadline=None)
@given(case=plans_and_ledgers(), notes=st.lists(st.sampled_from(NOTES), min_size=1, max_size=4))
@example(  # a template over 一中's sub-units (none) gives no verdict for the bureau's sum
    case=(
        unmatched_plan(
            [
                unmatched_target(0, "pupils", "2010"),
                unmatched_target(1, "pupils", "2010", "s1", "scope"),
            ]
        ),
        [("pupils", "s1", "2010", "0")],
    ),
    notes=NOTES[:1],
)
def test_duckdb_ledgers_that_roll_up_carry_the_notes_the_row_reader_shows(
    case: tuple[g.Plan, list[tuple[str, str, str, str]]], notes: list[str]
) -> None:
    # Sub-units summed to the bureau, templates over them, rows no check uses.
    plan, rows = case
    with tempfile.TemporaryDirectory() as directory:
        ledger = write(Path(directory) / "台账.csv", rows, notes)
        expected = g.evaluate_ledgers(plan, [ledger], engine="python")
        found = g.evaluate_ledgers(plan, [ledger], engine="duckdb")
        assert sentences(found) == sentences(expected.verdicts)


def test_rows_read_back_for_a_roll_up_checked_in_process_keep_their_note_and_text(
    tmp_path: Path,
) -> None:
    # A half-year row of an indicator that sums sends its checks in process, on
    # rows read back from DuckDB: they show the note and the value as written,
    # an exact repeat counted once, as its first row.
    plan = unmatched_plan([unmatched_target(1, "pupils", "2011", "s1")])
    rows = [("pupils", "s1", "2011", "60多")] * 2 + [("pupils", "s1", "2011-06", "30")]
    ledger = write(tmp_path / "台账.csv", rows, ["已核实", "重复填报", ""])
    found = g.evaluate_ledgers(plan, [ledger], engine="duckdb")
    verdict = found.verdict("t1")
    assert verdict.note == "已核实"
    assert "实际60多人" in verdict.explain("zh")
    expected = g.evaluate_ledgers(plan, [ledger], engine="python")
    assert sentences(found) == sentences(expected.verdicts)


def _zero_growth_of_an_amount(index: int) -> bool:
    plan, _, _, _ = case(index)
    units = {i.id: i.unit for i in plan.indicators}
    return any(
        t.comparator is g.Comparator.ZERO
        and t.basis is g.Basis.GROWTH
        and units[t.indicator_id] != g.PERCENT
        for s in plan.sections
        for goal in s.goals
        for t in goal.targets
    )


def test_a_zero_growth_target_on_an_amount_shows_the_same_growth(con: object) -> None:
    # The growth worked out from two levels is in % on both executors (1207.4468%).
    assert _zero_growth_of_an_amount(611125)
    _same(611125, con)
    plan, observations, rules, as_of = case(611125)
    verdict = g.evaluate(plan, observations, as_of=as_of, rules=rules).verdict("t0")
    assert verdict.observed == g.Quantity.of(Decimal("1207.4468"), g.PERCENT)


def _plan(target: g.Target, *indicators: g.Indicator) -> g.Plan:
    goal = g.Goal(id="g", title="任务", targets=(target,))
    return g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        issuer="bureau",
        indicators=indicators,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


_RATE = g.Indicator(id="rate", name="巩固率", unit=g.PERCENT)
_PP = g.parse_unit("个百分点")


@settings(max_examples=30)
@given(
    comparator=st.sampled_from([c for c in g.Comparator if c is not g.Comparator.ZERO]),
    threshold=st.decimals(min_value=-50, max_value=150, places=2),
    low=st.decimals(min_value=0, max_value=100, places=3),
    width=st.sampled_from([Decimal(0), Decimal("0.001"), Decimal("0.5"), Decimal(10)]),
    low_open=st.booleans(),
    high_open=st.booleans(),
    basis=st.sampled_from(["level", "change", "growth"]),
    base=st.decimals(min_value=1, max_value=100, places=3),
)
def test_three_valued_checks_and_exact_rounding_agree(
    comparator: g.Comparator,
    threshold: Decimal,
    low: Decimal,
    width: Decimal,
    low_open: bool,
    high_open: bool,
    basis: str,
    base: Decimal,
) -> None:
    unit = g.PERCENT if basis != "change" else _PP
    target = g.Target(
        id="t",
        indicator_id="rate",
        comparator=comparator,
        value=g.Quantity.of(threshold, unit),
        upper=g.Quantity.of(threshold + 7, unit) if comparator is g.Comparator.BETWEEN else None,
        basis=basis,
        baseline=g.Period.year(2010),
        period=g.Period.year(2011),
    )
    value = (
        g.Quantity.of(low, g.PERCENT)
        if width == 0
        else g.Quantity(
            low=low, high=low + width, unit=g.PERCENT, low_open=low_open, high_open=high_open
        )
    )
    observations = [
        g.Observation(indicator_id="rate", period=g.Period.year(2011), value=value),
        g.Observation(
            indicator_id="rate", period=g.Period.year(2010), value=g.Quantity.of(base, g.PERCENT)
        ),
    ]
    plan = _plan(target, _RATE)
    expected = g.evaluate(plan, observations, rules=g.RuleSet(rules=("targets",)))
    found = g.evaluate_columns(plan, observations)
    assert outcome(found) == outcome(expected.verdicts)


def test_an_evaluation_builds_verdicts_only_when_read(con: object) -> None:
    plan, observations, rules, as_of = case(COVERING_CASES[0])
    found = g.evaluate_columns(plan, observations, as_of=as_of, rules=rules, connection=con)
    counts = found.counts()
    assert sum(counts.values()) == len(found)
    first = next(iter(found))
    assert first.explanation_zh
    assert first.explanation_en
    assert found.verdict(first.subject).subject == first.subject
    with pytest.raises(KeyError):
        found.verdict("no-such-target")


def test_a_threshold_with_more_than_six_decimals_is_refused_by_name(con: object) -> None:
    target = g.Target(
        id="t-fine",
        indicator_id="rate",
        comparator="at_least",
        value=g.Quantity.of(Decimal("95.1234567"), g.PERCENT),
        period=g.Period.year(2011),
    )
    checks = compile_checks(_plan(target, _RATE))
    with pytest.raises(
        g.ValidationError, match=r"targets\[t-fine\]\.low: 95.1234567 has no exact form"
    ):
        run_checks(con, checks, value_columns([]))  # type: ignore[arg-type]


def test_the_expression_transpiles_to_spark_without_duckdb_only_functions() -> None:
    sqlglot = pytest.importorskip("sqlglot")
    sql = check_sql(as_of=_dt.date(2011, 6, 30), issuer="bureau")
    spark = sqlglot.transpile(sql, read="duckdb", write="spark")[0]
    for duckdb_only in ("ARG_MAX(", "HUGEINT", "regexp_matches", "'g')"):
        assert duckdb_only not in spark
    assert "MAX_BY(" in spark


def test_the_small_input_relations_transpile_to_spark_too() -> None:
    sqlglot = pytest.importorskip("sqlglot")
    from govplan.engine.executors.relational import VALUE_UNITS_SQL, checks_sql

    for sql in (VALUE_UNITS_SQL, checks_sql(as_of=_dt.date(2011, 6, 30)), checks_sql(as_of=None)):
        spark = sqlglot.transpile(sql, read="duckdb", write="spark")[0]
        assert "gp_" in spark
        assert "HUGEINT" not in spark


def test_a_change_of_rates_given_in_permille_is_in_percentage_points(con: object) -> None:
    # 1000‰ in 2010, 0‰ in 2011: a change of -100 个百分点 on both executors (a rate
    # and a difference of rates share one scale in the query's whole units).
    year, before = g.Period.year(2011), g.Period.year(2010)
    target = g.Target(
        id="t",
        indicator_id="rate",
        comparator="at_least",
        basis="change",
        baseline=before,
        value=g.Quantity.of(Decimal("0.1"), _PP),
        period=year,
    )
    permille = g.parse_unit("‰")
    observations = [
        g.Observation(indicator_id="rate", period=p, value=g.Quantity.of(n, permille))
        for p, n in ((year, 0), (before, 1000))
    ]
    plan = _plan(target, _RATE)
    expected = g.evaluate(plan, observations)
    found = g.evaluate_columns(plan, observations, engine="duckdb", connection=con)
    assert outcome(found) == outcome(expected.verdicts)
    assert found.verdict("t").gap == g.Quantity.of(Decimal("-100.1"), _PP)
