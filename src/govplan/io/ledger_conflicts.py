"""Conflicting repeats in ledgers read column-wise: two values for one cell, both named.

The row-by-row reader refuses a ledger where one indicator, organisation and
period is given two different values (see :func:`~govplan.io.ledgers.merge_repeats`);
the column-wise readers must not let the last row win instead.  The check
query flags such cells as it runs (:mod:`govplan.engine.executors.relational_conflicts`);
only on that error path are their rows read back here, compared exactly and
named by file and row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import LoadError, Problem
from ..model.indicators import Indicator
from ..values.numbers import plain_decimal
from ..values.quantities import Quantity

if TYPE_CHECKING:
    import duckdb

    from ..engine.executors.relational_conflicts import Cell
    from .column_files import LedgerFile

__all__ = ["LEDGER_FILES", "refuse_conflicts", "refuse_spark_conflicts", "remember_files"]

_CELLS_LISTED = 20

_FACTS = ("low", "high", "low_closed", "high_closed", "numerator", "denominator")
_KEYS = "indicator_id, COALESCE(scope, ?), period, src, file_row"
_CELL = (
    "(indicator_id = ? AND COALESCE(scope, ?) IS NOT DISTINCT FROM ? AND period = ?"
    " AND COALESCE(breakdown, '') = ? AND change_from IS NOT DISTINCT FROM ?)"
)

LEDGER_FILES = "gp_ledger_files"
"""The ledgers read into ``gp_values``, by ``src``: their path, kind and encoding."""


def remember_files(con: duckdb.DuckDBPyConnection, files: Sequence[LedgerFile]) -> None:
    """Keep which files ``gp_values`` was read from, for the error path."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {LEDGER_FILES}"
        " (src INTEGER, path VARCHAR, kind VARCHAR, relation VARCHAR, encoding VARCHAR,"
        " decoded VARCHAR, header_rows INTEGER)"
    )
    con.executemany(
        f"INSERT INTO {LEDGER_FILES} VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (src, f.path, f.kind, f.relation, f.encoding, f.decoded, f.header_rows)
            for src, f in enumerate(files)
        ],
    )


def _cell_rows(cells: Sequence[Cell], issuer: str | None, relation: str) -> tuple[str, list[Any]]:
    where = " OR ".join(_CELL for _ in cells)
    parameters: list[Any] = [issuer]
    for cell in cells:
        parameters += [cell[0], issuer, cell[1], cell[2], cell[3], cell[4]]
    return (
        f"SELECT {_KEYS}, {', '.join(_FACTS)} FROM {relation} WHERE {where} ORDER BY row",
        parameters,
    )


def refuse_conflicts(
    con: duckdb.DuckDBPyConnection,
    cells: Sequence[Cell],
    *,
    indicators: Mapping[str, Indicator],
    issuer: str | None,
    relation: str = "gp_values",
) -> None:
    """Raise when two ledger rows of *cells* give one cell different values (DuckDB).

    *relation* holds the ledger rows as read (with ``src`` and ``file_row``).

    Raises:
        LoadError: One problem per conflicting cell (the first
            :data:`_CELLS_LISTED`), naming both rows, their values and the cell.

    """
    from .column_files import LedgerFile, physical_rows

    query, parameters = _cell_rows(cells, issuer, relation)
    rows = con.execute(query, parameters).fetchall()
    listed = con.execute(
        f"SELECT path, kind, relation, encoding, decoded, header_rows FROM {LEDGER_FILES}"
        " ORDER BY src"
    ).fetchall()
    files = [
        LedgerFile(
            path=path,
            kind=kind,
            relation=relation,
            encoding=encoding,
            decoded=decoded,
            header_rows=header_rows,
        )
        for path, kind, relation, encoding, decoded, header_rows in listed
    ]

    def numbered(by_cell: Mapping[Any, Sequence[Sequence[Any]]]) -> Any:
        numbers = {
            src: physical_rows(
                files[src], (r[1] for rs in by_cell.values() for r in rs if r[0] == src)
            )
            for src in {r[0] for rs in by_cell.values() for r in rs}
        }
        return lambda src, row: numbers[src][row]

    _refuse(rows, [f.path for f in files], numbered, indicators)


def refuse_spark_conflicts(
    spark: Any,
    cells: Sequence[Cell],
    *,
    paths: Sequence[str],
    indicators: Mapping[str, Indicator],
    issuer: str | None,
    frame: Any = None,
) -> None:
    """Raise when two ledger rows of *cells* give one cell different values (Spark).

    *frame* holds the ledger rows as read (default: the view ``gp_values``).

    Raises:
        LoadError: As :func:`refuse_conflicts`; rows are numbered as Spark read them.

    """
    from pyspark.sql import functions

    if frame is None:
        frame = spark.table("gp_values")
    scoped = functions.coalesce(frame.scope, functions.lit(issuer))
    wanted = None
    for indicator_id, scope, period, breakdown, change_from in cells:
        one = (
            (frame.indicator_id == indicator_id)
            & scoped.eqNullSafe(functions.lit(scope))
            & (frame.period == period)
            & (functions.coalesce(frame.breakdown, functions.lit("")) == breakdown)
            & frame.change_from.eqNullSafe(functions.lit(change_from))
        )
        wanted = one if wanted is None else wanted | one
    picked = (
        frame.filter(wanted)
        .orderBy("row")
        .select(
            "indicator_id",
            functions.coalesce(frame.scope, functions.lit(issuer)),
            "period",
            "src",
            "file_row",
            *_FACTS,
        )
    )
    rows = [tuple(r) for r in picked.collect()]
    _refuse(rows, list(paths), lambda _: lambda _src, row: row, indicators)


def _refuse(
    rows: Sequence[Sequence[Any]],
    paths: Sequence[str],
    numbered: Any,
    indicators: Mapping[str, Indicator],
) -> None:
    by_cell: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        by_cell.setdefault(tuple(row[:3]), []).append(tuple(row[3:]))
    # Only cells whose rows truly differ (two cells may share a hash).
    by_cell = {
        cell: found for cell, found in by_cell.items() if any(r[2:] != found[0][2:] for r in found)
    }
    if not by_cell:
        return
    number = numbered(by_cell)

    def where(src: int, row: int) -> str:
        prefix = f"{paths[src]}: " if len(paths) > 1 else ""
        return f"{prefix}row {number(src, row)}"

    problems = []
    for (indicator, scope, period), found in list(by_cell.items())[:_CELLS_LISTED]:
        first = found[0]
        other = next(r for r in found[1:] if r[2:] != first[2:])
        unit = indicators[indicator].unit
        problems.append(
            Problem(
                path=f"{where(other[0], other[1])}, column value",
                message=f"{_shown(other[2:], unit)} conflicts with {where(first[0], first[1])} "
                f"({_shown(first[2:], unit)}) for the same indicator {indicator!r}, "
                f"organisation {scope or 'the issuer'!r} and period {period!r}: keep one of them",
            )
        )
    if len(by_cell) > _CELLS_LISTED:
        problems.append(
            Problem(path="", message=f"only the first {_CELLS_LISTED} conflicting cells are listed")
        )
    raise LoadError(problems, source=", ".join(paths))


def _shown(facts: Sequence[Any], unit: Any) -> str:
    low, high, low_closed, high_closed, numerator, denominator = facts
    if low is None and high is None:
        shown = "no value"
    else:
        value = Quantity(
            low=plain_decimal(low),
            high=plain_decimal(high),
            unit=unit,
            low_open=not low_closed,
            high_open=not high_closed,
        )
        shown = repr(str(value))
    if numerator is not None or denominator is not None:
        shown += f" ({numerator}/{denominator})"
    return shown
