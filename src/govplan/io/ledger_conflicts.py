"""Conflicting repeats in ledgers read by DuckDB: two values for one cell, both named.

The row-by-row reader refuses a ledger where one indicator, organisation and
period is given two different values (see :func:`~govplan.io.ledgers.merge_repeats`);
the column-wise reader must not let the last row win instead.  One grouped
query finds the cells; only on that error path are their rows read back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import LoadError, Problem
from ..model.indicators import Indicator
from ..values.quantities import Quantity

if TYPE_CHECKING:
    import duckdb

    from .column_files import LedgerFile

__all__ = ["refuse_conflicts"]

_CELLS_LISTED = 20

_FACTS = ("low", "high", "low_closed", "high_closed", "numerator", "denominator")
_CELL = "hash(indicator_id, scope, period)"
_FACTS_HASH = f"hash({', '.join(_FACTS)})"

# Grouping by one 64-bit hash of the cell, and comparing one hash of its facts,
# keeps the scan cheap; the rows of the cells it flags are compared exactly.
CONFLICTS_SQL = (
    f"SELECT {_CELL} AS cell FROM gp_values GROUP BY cell"
    f" HAVING min({_FACTS_HASH}) <> max({_FACTS_HASH})"
    " ORDER BY min(row)"
    f" LIMIT {_CELLS_LISTED + 1}"
)
"""The cells given different values by two rows (at most one more than listed)."""


def refuse_conflicts(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[LedgerFile],
    indicators: Mapping[str, Indicator],
) -> None:
    """Raise when two ledger rows give one cell different values.

    Raises:
        LoadError: One problem per conflicting cell (the first
            :data:`_CELLS_LISTED`), naming both rows, their values and the cell.

    """
    cells = con.execute(CONFLICTS_SQL).fetchall()
    if not cells:
        return
    from .column_files import physical_rows

    marks = ", ".join("?" for _ in cells)
    rows = con.execute(
        f"SELECT indicator_id, scope, period, src, file_row, {', '.join(_FACTS)}"
        f" FROM gp_values WHERE {_CELL} IN ({marks}) ORDER BY row",
        [cell for (cell,) in cells],
    ).fetchall()
    by_cell: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        by_cell.setdefault(tuple(row[:3]), []).append(row[3:])
    # Only cells whose rows truly differ (two cells may share a hash).
    by_cell = {
        cell: found for cell, found in by_cell.items() if any(r[2:] != found[0][2:] for r in found)
    }
    if not by_cell:
        return
    numbers = {
        src: physical_rows(files[src], (r[1] for rs in by_cell.values() for r in rs if r[0] == src))
        for src in {r[0] for rs in by_cell.values() for r in rs}
    }

    def where(src: int, row: int) -> str:
        prefix = f"{files[src].path}: " if len(files) > 1 else ""
        return f"{prefix}row {numbers[src][row]}"

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
    raise LoadError(problems, source=", ".join(f.path for f in files))


def _shown(facts: Sequence[Any], unit: Any) -> str:
    low, high, low_closed, high_closed, numerator, denominator = facts
    if low is None and high is None:
        shown = "no value"
    else:
        value = Quantity(
            low=_plain(low),
            high=_plain(high),
            unit=unit,
            low_open=not low_closed,
            high_open=not high_closed,
        )
        shown = repr(str(value))
    if numerator is not None or denominator is not None:
        shown += f" ({numerator}/{denominator})"
    return shown


def _plain(number: Any) -> Decimal | None:
    """A query's fixed-point decimal without its trailing zeros (96.000000 → 96)."""
    if number is None:
        return None
    exact = Decimal(number)
    return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact.normalize()
