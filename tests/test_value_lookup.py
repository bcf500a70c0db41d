"""Looking up the given values behind result rows: a stored table and a plain query agree."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

duckdb = pytest.importorskip("duckdb")

import govplan as g  # noqa: E402
from govplan.engine.executors.value_lookup import QueriedValues  # noqa: E402

_RATE = g.PERCENT
_ROWS = [
    # row, indicator, has_value, low, high, low_closed, high_closed, unit, text, note
    (0, "rate", True, Decimal(95), Decimal(96), False, False, "%", "95多%", "受疫情影响"),
    (1, "rate", True, Decimal("96.5"), Decimal("96.5"), True, True, "%", "96.5%", " "),
    (2, "rate", False, None, None, False, False, "%", None, "未统计"),
    (
        10_000_000_003,
        "money",
        True,
        Decimal(14_360_000),
        Decimal(14_360_000),
        True,
        True,
        "元",
        "1436万元",
        None,
    ),
    (
        10_000_000_004,
        "money",
        True,
        Decimal(7),
        Decimal(7),
        True,
        True,
        "元",
        "8元",
        "\u3000备注\u3000",
    ),
]


def _connection() -> Any:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE v (row BIGINT, indicator_id VARCHAR, has_value BOOLEAN,"
        " low DECIMAL(38, 6), high DECIMAL(38, 6), low_closed BOOLEAN, high_closed BOOLEAN,"
        " unit VARCHAR, id VARCHAR, text VARCHAR, note VARCHAR, src INTEGER, scope VARCHAR,"
        " period VARCHAR)"
    )
    con.executemany(
        "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (*r[:8], f"o{i}" if i % 2 else None, *r[8:], r[0] // 10**10, f"s{i}", "2011")
            for i, r in enumerate(_ROWS)
        ],
    )
    return con


def _lookup(con: Any, *, stored: bool) -> QueriedValues:
    units = {"rate": _RATE, "money": g.parse_unit("元")}
    return QueriedValues(
        lambda sql: con.execute(sql).fetchall(),
        "v",
        units=list(units.values()),
        carried=True,
        written=lambda indicator, text: g.parse_quantity(text),
        stored=stored,
    )


def test_values_show_as_written_when_the_text_is_the_value_held() -> None:
    found = _lookup(_connection(), stored=True).given({0, 1, 2, 10_000_000_003, 7})
    assert str(found[0].value) == "95多%"
    assert str(found[10_000_000_003].value) == "1436万元"
    assert found[2].value is None  # a row with no value
    assert (found[0].id, found[1].id) == (None, "o1")
    assert 7 not in found  # not a given row: left out, not made up


def test_each_row_comes_with_its_note_as_the_row_wise_reader_keeps_it() -> None:
    found = _lookup(_connection(), stored=True).given({r[0] for r in _ROWS})
    assert {row: given.note for row, given in found.items()} == {
        0: "受疫情影响",
        1: None,  # blank: no note
        2: "未统计",  # a row with no value keeps its note
        10_000_000_003: None,
        10_000_000_004: "备注",  # stripped as the reader strips a cell
    }


@pytest.mark.parametrize("stored", [True, False])
def test_a_row_repeating_an_earlier_row_of_its_file_is_shown_as_that_row(stored: bool) -> None:
    # The row-wise reader counts an exact repeat once, as the first row: its
    # value as written, id and note are shown, whichever row the query judged on.
    con = _connection()
    con.execute(
        "INSERT INTO v SELECT 5, indicator_id, has_value, low, high, low_closed, high_closed,"
        " unit, 'o5', '95多%', '重复', src, scope, period FROM v WHERE row = 0"
    )
    con.execute(  # the same cell in another file: not a repeat
        "INSERT INTO v SELECT 10_000_000_006, indicator_id, has_value, low, high, low_closed,"
        " high_closed, unit, 'o6', NULL, '另一文件', 1, scope, period FROM v WHERE row = 0"
    )
    found = _lookup(con, stored=stored).given({5, 10_000_000_006})
    assert (found[5].id, found[5].note, str(found[5].value)) == (None, "受疫情影响", "95多%")
    assert (found[10_000_000_006].id, found[10_000_000_006].note) == ("o6", "另一文件")


def test_a_relation_without_the_carried_columns_gives_numbers_and_no_notes() -> None:
    con = _connection()
    con.execute("CREATE TABLE bare AS SELECT * EXCLUDE (text, note) FROM v")
    lookup = QueriedValues(lambda sql: con.execute(sql).fetchall(), "bare", units=[_RATE])
    found = lookup.given({0})[0]
    assert found.note is None
    assert found.value == g.Quantity(
        low=Decimal(95), high=Decimal(96), unit=_RATE, low_open=True, high_open=True
    )
    assert found.value is not None
    assert found.value.stated is None


def test_a_text_that_is_not_the_value_held_is_not_shown() -> None:
    # 8元 is not the 7元 the row holds: the number is shown, never the other text.
    found = _lookup(_connection(), stored=False).given({10_000_000_004})[10_000_000_004].value
    assert found == g.Quantity.of(7, g.parse_unit("元"))
    assert found is not None
    assert found.stated is None


@settings(max_examples=20, deadline=None)
@given(st.sets(st.sampled_from([r[0] for r in _ROWS] + [5, -1]), max_size=6))
def test_a_stored_lookup_and_a_plain_query_find_the_same_values(rows: set[int]) -> None:
    con = _connection()
    plain = _lookup(con, stored=False).given(rows)
    stored = _lookup(con, stored=True).given(rows)
    assert stored == plain
    assert {k: str(v.value) for k, v in stored.items()} == {
        k: str(v.value) for k, v in plain.items()
    }


def test_verdicts_from_query_rows_pickle_with_their_sentences() -> None:
    pytest.importorskip("pyarrow")
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        issuer="bureau",
        indicators=(g.Indicator(id="rate", name="巩固率", unit=_RATE),),
        sections=(
            g.Section(
                id="s",
                title="一",
                goals=(
                    g.Goal(
                        id="goal",
                        title="任务",
                        targets=(
                            g.Target(
                                id="t",
                                indicator_id="rate",
                                comparator="at_least",
                                value=g.Quantity.of(96, _RATE),
                                period=g.Period.year(2011),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    observed = g.Observation(
        indicator_id="rate", period=g.Period.year(2011), value=g.parse_quantity("95多%")
    )
    verdict = g.evaluate(plan, [observed], engine="duckdb").verdict("t")
    assert "实际95多%" in verdict.explain("zh")
    again = pickle.loads(pickle.dumps(verdict))
    assert again.explain("zh") == verdict.explain("zh")
