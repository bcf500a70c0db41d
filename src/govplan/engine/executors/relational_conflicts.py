"""Conflicting repeats found by the check query: two rows giving one cell different values.

A cell is (indicator, organisation — the issuer for an unscoped row —,
period, breakdown, change from which period).  Rows repeating a cell's value
are allowed; rows giving it different values refuse the run, naming both.

Most rows are read by a simple check, whose aggregate already groups them by
cell (:mod:`.relational_fast`): one more pair of aggregates there, the least
and greatest hash of each row's facts, flags a cell whose rows differ.  The
rows no simple check reads — other periods (an earlier month under a yearly
check), stated changes, breakdown slices, indicators checked only by other
checks or by none — are grouped by :func:`rest_cells_sql`, a separate
query over those rows alone.  A hash only flags a cell; the flagged cells'
rows are compared exactly, on the error path only (:func:`conflict_message`).

Exact repeats (several rows, one value) are counted once, as the row-wise
reader counts them, and named with a warning: the same grouping counts each
cell's rows, and :func:`repeated_rows_sql` reads back the flagged cells' rows
alone, when the warnings are asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ...errors import ValidationError
from ...values.numbers import plain_decimal
from .relational_quotients import D6

__all__ = [
    "CELLS_LISTED",
    "CELL_ROW_COLUMNS",
    "REST_CELLS",
    "REST_CONFLICTS_SQL",
    "Cell",
    "cell_rows_sql",
    "cells_filter",
    "conflict_message",
    "facts_hash",
    "raise_first_conflict",
    "repeated_rows_sql",
    "rest_cells_sql",
]

CELLS_LISTED = 20
"""At most this many conflicting cells are named (one more is looked for)."""


class Cell(NamedTuple):
    """A cell given different values by two rows."""

    indicator_id: str
    scope: str | None
    period: str
    breakdown: str
    change_from: str | None


def facts_hash(low: str, high: str, prefix: str = "r.") -> str:
    """A 64-bit hash of a row's facts: its ends, their closedness and its counts.

    Spark's ``hash`` has 32 bits: the Spark dialect makes it ``xxhash64``
    (see :func:`~govplan.engine.executors.spark.to_spark_sql`).
    """
    return (
        f"hash({low}, {high}, {prefix}low_closed, {prefix}high_closed,"
        f" {prefix}numerator, {prefix}denominator)"
    )


def _scaled(column: str) -> str:
    """A value column in whole base units of its dimension (1436万元 = 14360000元)."""
    return f"CAST(r.{column} * (r.unit_factor_num * COALESCE(d.l, 1) // r.unit_factor_den) AS {D6})"


def rest_cells_sql(issuer_sql: str, given: str | None = None) -> str:
    """The cells given by several rows, among the rows no simple check reads.

    Columns: the cell's keys, ``first_row`` and ``conflict`` (the rows' facts
    differ, by their hash; else they are exact repeats, by their hash).
    Values are compared in whole base units, so one amount given in two units
    is a repeat, not a conflict.  Reads ``gp_values``, ``gp_dims`` and
    ``gp_ck``; *given* bounds the row numbers of the rows as given (derived
    rows are left out).  Rarely many rows: it is kept as a table, read for the
    conflicts (:data:`REST_CONFLICTS_SQL`) and, when asked, the repeats.
    """
    only_given = "" if given is None else f"r.row < {given} AND "
    scope = f"COALESCE(r.scope, {issuer_sql})"
    cell = f"r.indicator_id, {scope}, r.period, COALESCE(r.breakdown, ''), r.change_from"
    facts = facts_hash(_scaled("low"), _scaled("high"))
    return f"""
SELECT r.indicator_id, {scope} AS scope, r.period, COALESCE(r.breakdown, '') AS breakdown,
  r.change_from, MIN(r.row) AS first_row, MIN({facts}) <> MAX({facts}) AS conflict
FROM gp_values AS r
LEFT JOIN gp_dims AS d ON d.dimension = r.unit_dimension
LEFT JOIN (SELECT DISTINCT indicator_id, period FROM gp_ck WHERE simple) AS s
  ON s.indicator_id = r.indicator_id AND s.period = r.period
WHERE {only_given}(s.indicator_id IS NULL OR r.change_from IS NOT NULL
  OR COALESCE(r.breakdown, '') <> '')
GROUP BY {cell}
HAVING COUNT(*) > 1
"""


REST_CELLS = "gp_rest_cells"
"""The relation holding :func:`rest_cells_sql`'s cells."""

REST_CONFLICTS_SQL = f"""
SELECT indicator_id, scope, period, breakdown, change_from FROM {REST_CELLS}
WHERE conflict ORDER BY first_row LIMIT {CELLS_LISTED + 1}
"""
"""The conflicting cells among the rows no simple check reads, in row order."""


def repeated_rows_sql(issuer_sql: str, results: str, ledger: str) -> str:
    """The ledger rows repeating an earlier row of their file: one cell, one value.

    Only the cells flagged (``repeated`` in *results*, the check query's rows;
    exact repeats among :data:`REST_CELLS`) are read, from *ledger* (the rows
    as read, with ``src`` and ``file_row``).  Columns: ``row``, ``src``, ``file_row``,
    the file row of the cell's first row in that file (``first_row``), the
    cell's keys, ``same`` (the facts equal the cell's first row's, exactly:
    a hash only flagged them), ``total`` (how many rows repeat) and ``differ``
    (1 when some row differs: a conflict the hash missed).
    Rows of one cell in two files are not repeats of each other, as the
    row-wise reader reads each file alone.
    """
    scope = f"COALESCE(v.scope, {issuer_sql})"
    own = f"PARTITION BY v.src, v.indicator_id, {scope}, v.period ORDER BY v.row"
    cell = f"PARTITION BY v.indicator_id, {scope}, v.period ORDER BY v.row"
    same = " AND ".join(
        f"v.{f} IS NOT DISTINCT FROM FIRST_VALUE(v.{f}) OVER ({cell})"
        for f in ("low", "high", "low_closed", "high_closed", "numerator", "denominator")
    )
    return f"""
WITH cells AS (
  SELECT DISTINCT c.indicator_id, COALESCE(r.scope, {issuer_sql}) AS scope, c.period
  FROM {results} AS r JOIN gp_ck AS c ON c."check" = r."check" WHERE r.repeated
  UNION
  SELECT indicator_id, scope, period FROM {REST_CELLS}
  WHERE NOT conflict AND breakdown = '' AND change_from IS NULL
),
found AS (
  SELECT v.row, v.src, v.file_row, v.indicator_id, {scope} AS scope, v.period,
    FIRST_VALUE(v.file_row) OVER ({own}) AS first_row,
    ROW_NUMBER() OVER ({own}) AS nth, {same} AS same
  FROM {ledger} AS v JOIN cells AS k ON k.indicator_id = v.indicator_id
    AND k.period = v.period AND k.scope IS NOT DISTINCT FROM {scope}
  WHERE v.change_from IS NULL AND COALESCE(v.breakdown, '') = ''
)
SELECT row, src, file_row, first_row, indicator_id, scope, period, same,
  SUM(CASE WHEN same THEN 1 ELSE 0 END) OVER () AS total,
  MAX(CASE WHEN same THEN 0 ELSE 1 END) OVER () AS differ
FROM found WHERE nth > 1 OR NOT same
"""


def cell_rows_sql(issuer_sql: str) -> str:
    """Every value row with its cell's keys and its facts (read for flagged cells only).

    Columns: :data:`CELL_ROW_COLUMNS`.
    """
    return (
        f"SELECT r.indicator_id, COALESCE(r.scope, {issuer_sql}) AS scope, r.period,"
        " COALESCE(r.breakdown, '') AS breakdown, r.change_from, r.row, r.low, r.high, r.unit,"
        f" {_scaled('low')} AS lo, {_scaled('high')} AS hi, r.low_closed, r.high_closed,"
        " r.numerator, r.denominator"
        " FROM gp_values AS r LEFT JOIN gp_dims AS d ON d.dimension = r.unit_dimension"
    )


CELL_ROW_COLUMNS = (
    "indicator_id",
    "scope",
    "period",
    "breakdown",
    "change_from",
    "row",
    "low",
    "high",
    "unit",
    "lo",
    "hi",
    "low_closed",
    "high_closed",
    "numerator",
    "denominator",
)
"""The columns of :func:`cell_rows_sql`."""


def cells_filter(count: int) -> str:
    """A condition picking *count* cells (five parameters each) of :func:`cell_rows_sql`."""
    one = (
        "(indicator_id = ? AND scope IS NOT DISTINCT FROM ? AND period = ?"
        " AND breakdown = ? AND change_from IS NOT DISTINCT FROM ?)"
    )
    return " OR ".join(one for _ in range(count))


def conflict_message(rows: Sequence[Sequence[Any]]) -> tuple[str, str, str] | None:
    """(message, field, value) for the first cell whose rows truly differ, else ``None``.

    *rows* are those of :func:`cell_rows_sql`; the comparison is exact, on the
    scaled ends and the other facts.
    """
    first_of: dict[tuple[Any, ...], Sequence[Any]] = {}
    for row in rows:
        cell = tuple(row[:5])
        first = first_of.setdefault(cell, row)
        if first is row or tuple(first[9:]) == tuple(row[9:]):
            continue
        indicator, scope, period, breakdown, change = cell
        shown = [_shown(r) for r in (first, row)]
        where = f"{scope or 'the issuer'}, {period}" + (f", {breakdown}" if breakdown else "")
        where += f", change from {change}" if change is not None else ""
        return (
            f"observations conflict: row {first[5]} gives {shown[0]} and row {row[5]} gives"
            f" {shown[1]} for {indicator} ({where})",
            f"observations[{row[5]}]",
            shown[1],
        )
    return None


def raise_first_conflict(rows: Sequence[Sequence[Any]]) -> None:
    """Raise for the first cell of :func:`cell_rows_sql` whose rows truly differ.

    Raises:
        ValidationError: Naming both rows, their values and the cell.

    """
    found = conflict_message(rows)
    if found is not None:
        message, field, value = found
        raise ValidationError(
            message,
            field=field,
            value=value,
            expected="one value per indicator, scope, period and breakdown: "
            "remove or correct one of the two",
        )


def _shown(row: Sequence[Any]) -> str:
    low, high, unit = plain_decimal(row[6]), plain_decimal(row[7]), row[8] or ""
    if low is None and high is None:
        return "no value"
    if low == high:
        return f"{low}{unit}"
    return f"({'' if low is None else low}, {'' if high is None else high}){unit}"
