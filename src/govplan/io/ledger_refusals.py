"""Why a whole ledger is refused, in the same words whichever engine reads it.

A ledger with a header and no data row, or whose rows give no value (and no
counts) to check, is refused file by file: by the row-wise reader as it reads,
and by DuckDB and Spark from one grouping of their raw stage per file
(:func:`ledger_sizes_sql`, :func:`empty_ledger`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import Problem

__all__ = ["NO_DATA_ROWS", "empty_ledger", "ledger_sizes_sql", "no_value_to_check"]

NO_DATA_ROWS = Problem(path="", message="the ledger has no data rows, only a header")
"""What a ledger with a header and no data row is told (by every ledger reader)."""


def no_value_to_check(column: str) -> Problem:
    """What a ledger none of whose rows gives a value (or counts) is told; *column* as headed."""
    return Problem(
        path=f"column {column}",
        message=f"no row has a value that can be checked: fill in the {column} column",
    )


def ledger_sizes_sql(raw: str) -> str:
    """Per file (``src``): its rows, and how many give a value or counts to check."""
    valued = " OR ".join(
        f"{column} IS NOT NULL"
        for column in ("value_num", "value_text", "numerator_num", "numerator_text")
    )
    return (
        f"SELECT src, COUNT(*) AS n, SUM(CASE WHEN {valued} THEN 1 ELSE 0 END) AS valued"
        f" FROM {raw} GROUP BY src"
    )


def empty_ledger(
    sizes: Iterable[tuple[object, object, object]], headers: Sequence[Mapping[str, str]]
) -> tuple[int, Problem] | None:
    """The first ledger (by index) the row-wise reader refuses as empty, and why.

    *sizes* are the rows of :func:`ledger_sizes_sql`; *headers* each file's
    column → header as written.  A file with no data row, or none giving a
    value or counts, is refused in the row-wise reader's words.
    """
    found = {int(src): (int(n), int(valued or 0)) for src, n, valued in sizes}  # type: ignore[call-overload]
    for src, named in enumerate(headers):
        rows, valued = found.get(src, (0, 0))
        if rows == 0:
            return src, NO_DATA_ROWS
        if valued == 0:
            return src, no_value_to_check(named.get("value", "value"))
    return None
