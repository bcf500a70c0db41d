"""The compiled check table and value columns: the contract query executors share."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govplan as g
from govplan.engine.check_table import (
    CHECK_COLUMNS,
    RESULT_COLUMNS,
    VALUE_COLUMNS,
    ComparatorCode,
    ForEachCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
    compile_checks,
    slice_key,
    value_columns,
)

YEAR = g.Period.year(2011)
RATE = g.Indicator(id="rate", name="入学率", unit=g.PERCENT)


def _target(comparator: str) -> g.Target:
    value = None if comparator == "zero" else g.Quantity.of(95, g.PERCENT)
    return g.Target(
        id=f"t-{comparator}", indicator_id="rate", comparator=comparator, value=value,
        period=YEAR,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("comparator", "ends"),
    [
        ("at_least", (Decimal(95), True, None, False)),
        ("more_than", (Decimal(95), False, None, False)),
        ("at_most", (None, False, Decimal(95), True)),
        ("less_than", (None, False, Decimal(95), False)),
        ("equal", (Decimal(95), True, Decimal(95), True)),
        ("zero", (Decimal(0), True, Decimal(0), True)),
    ],
)
def test_each_comparator_compiles_to_an_acceptable_interval(
    comparator: str, ends: tuple[object, ...]
) -> None:
    table = compile_checks([_target(comparator)], [RATE], issuer="bureau")
    row = table.columns()
    assert (row["low"][0], row["low_closed"][0], row["high"][0], row["high_closed"][0]) == ends
    assert row["comparator"][0] == ComparatorCode[comparator.upper()]
    assert row["scope"] == ["bureau"]
    assert row["gap_unit"] == ["个百分点"]


def test_a_between_target_keeps_both_ends_closed() -> None:
    target = g.Target(
        id="band", indicator_id="rate", comparator="between", period=YEAR,
        value=g.Quantity.of(90, g.PERCENT), upper=g.Quantity.of(95, g.PERCENT),
        for_each="scope",
    )  # fmt: skip
    columns = compile_checks([target], [RATE]).columns()
    assert columns["low"] == [Decimal(90)]
    assert columns["high"] == [Decimal(95)]
    assert columns["low_closed"] == [True]
    assert columns["high_closed"] == [True]
    assert columns["for_each"] == [ForEachCode.SCOPE]


def test_every_column_of_the_contract_is_produced() -> None:
    plan = g.load("examples/education-bureau/plan-2011.yaml")
    results = g.load("examples/education-bureau/results-2011.yaml")
    table = compile_checks(plan)
    assert list(table.columns()) == [c.name for c in CHECK_COLUMNS]
    assert len(table) == len(plan.targets())
    values = value_columns(results.observations).columns(issuer=plan.issuer)
    assert list(values) == [c.name for c in VALUE_COLUMNS]
    assert all(len(column) == len(results.observations) for column in values.values())
    assert {c.name for c in RESULT_COLUMNS} >= {"check", "status", "severity", "reason"}


def test_codes_are_stable() -> None:
    # Query executors store these numbers: they never change.
    assert [c.value for c in StatusCode] == list(range(1, 13))
    assert [s.value for s in SeverityCode] == [0, 1, 2, 3]
    assert ReasonCode.COMPARED.value == 1
    assert ReasonCode.NO_VALUE.value == 8
    assert {s.name for s in StatusCode} == {s.name for s in g.Status}


def test_slice_keys_are_sorted() -> None:
    assert slice_key({}) == ""
    assert slice_key({"stage": "初中", "area": "城市"}) == "area=城市;stage=初中"


def test_an_unknown_indicator_is_named() -> None:
    with pytest.raises(g.DanglingReferenceError, match="nowhere") as raised:
        compile_checks([g.Target(id="t", indicator_id="nowhere", comparator="zero", period=YEAR)])
    assert "indicator_id" in str(raised.value)


def test_result_columns_are_what_the_contract_lists() -> None:
    from govplan.engine.executors.in_process import run_checks

    plan = g.load("examples/education-bureau/plan-2011.yaml")
    results = g.load("examples/education-bureau/results-2011.yaml")
    table = compile_checks(plan)
    out = run_checks(table, value_columns(results.observations))
    columns = out.columns()
    assert list(columns) == [c.name for c in RESULT_COLUMNS]
    assert all(len(column) == len(out) for column in columns.values())
    evaluation = g.evaluate(plan, [results], rules=g.RuleSet().only("targets"))
    assert columns["status"] == [StatusCode[v.status.name] for v in evaluation]
    assert set(columns["scope"]) == {plan.issuer}


def test_a_level_target_in_a_unit_its_indicator_is_not_measured_in_is_named() -> None:
    # The sanitation post's cockroach target compares with a reference (0个百分点 above the
    # national standard); as a level target its value is in no unit of the indicator (%).
    examples = Path(__file__).resolve().parent.parent / "examples" / "sanitation-post"
    post = g.load(examples / "post.yaml")
    results = g.load(examples / "results-2011.yaml")
    duties = list(post.duties)
    target = duties[5].targets[0]
    assert target.basis is g.Basis.REFERENCE
    level = attrs.evolve(target, basis=g.Basis.LEVEL, reference_scope=None)
    duties[5] = attrs.evolve(duties[5], targets=(level, *duties[5].targets[1:]))
    post = attrs.evolve(post, duties=tuple(duties))
    for observations in ([results], []):  # with data or without, never a verdict
        with pytest.raises(
            g.UnitMismatchError, match="target 'cockroaches-within-standard'"
        ) as caught:
            g.evaluate(post, observations)
        assert caught.value.field == "targets[cockroaches-within-standard].value"
        assert "a level target is stated in its indicator's unit" in str(caught.value)
