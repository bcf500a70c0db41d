"""The DuckDB executor: the check query run embedded, on tables or files of any size.

DuckDB spills to disk when the data outgrow memory, so a ledger larger than
memory is no error.  The duckdb package is imported on first use (extra
``govplan[duckdb]``).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...errors import ValidationError
from ...model.organisations import Organisation
from ..check_table import CheckTable, ValueColumns
from .relational import (
    RESULT_SQL_COLUMNS,
    VALUE_UNITS_SQL,
    check_sql,
    checks_sql,
    quote,
    subject_sql,
)
from .relational_conflicts import (
    CELLS_LISTED,
    REST_CELLS,
    REST_CONFLICTS_SQL,
    Cell,
    cell_rows_sql,
    cells_filter,
    raise_first_conflict,
    rest_cells_sql,
)
from .tables import (
    arrow_checks,
    arrow_dims,
    arrow_orgs,
    arrow_value_units,
    arrow_values,
    dimension_scales,
)

if TYPE_CHECKING:
    import duckdb as _duckdb
    import pyarrow as pa

__all__ = [
    "RESULT_ROWS",
    "RESULT_TABLE",
    "DuckDBResults",
    "Refusal",
    "connect",
    "refuse_cells",
    "run_checks",
]

Refusal = Callable[[Sequence[Cell]], None]
"""Raises, naming the rows, when the cells given truly hold conflicting rows."""

_RESULTS = "gp_results"
RESULT_TABLE = f"{_RESULTS}.gp_result"
"""Where the result rows are kept: a table of an in-memory database attached to the connection."""
RESULT_ROWS = f"{_RESULTS}.gp_result_rows"
"""The result rows with every column of ``RESULT_SQL_COLUMNS`` (a view over the table)."""


def connect(
    *,
    database: str | None = None,
    memory_limit: str | None = None,
    temp_directory: str | None = None,
) -> Any:
    """A new DuckDB connection: in memory, or on the scratch *database* file.

    With a database file the ledger and result tables live on disk and only
    their working set in memory (at most *memory_limit*), so the resident
    memory of a run stays bounded whatever the ledger's size.
    """
    try:
        import duckdb
    except ImportError:
        raise ValidationError(
            "the duckdb engine needs the duckdb package",
            expected="pip install 'govplan[duckdb]'",
        ) from None
    con = duckdb.connect(database or ":memory:")
    # DuckDB's own progress bar would write into pipes; the command line draws its own.
    con.execute("SET enable_progress_bar = false")
    if memory_limit is not None:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    if temp_directory is not None:
        con.execute(f"SET temp_directory = '{temp_directory}'")
    return con


def _units_of_checks(columns: Mapping[str, list[Any]]) -> list[tuple[str | None, int | None]]:
    return list(zip(columns["unit_dimension"], columns["unit_factor_den"], strict=True))


def run_checks(
    con: _duckdb.DuckDBPyConnection,
    checks: CheckTable,
    values: ValueColumns | pa.Table | str,
    *,
    organisations: Sequence[Organisation] = (),
    as_of: _dt.date | None = None,
    value_units: Sequence[tuple[str, int]] | None = None,
    indicator_units: Mapping[str, tuple[str | None, int, int]] | None = None,
) -> _duckdb.DuckDBPyRelation:
    """Run the check query; the result relation has the columns of ``RESULT_SQL_COLUMNS``.

    Its ``target_id`` and ``subject`` are NULL: :class:`DuckDBResults` joins
    them back from the check table for the rows read.

    Args:
        con: The DuckDB connection (its temporary relations ``gp_*`` are replaced).
        checks: The compiled check table.
        values: Value columns, an Arrow table of them, or the name of a relation
            of them already in *con*.
        organisations: The organisation tree, in the order given.
        as_of: The evaluation day; ``None`` checks as if every period had ended.
        value_units: (dimension, factor denominator) of every unit the values
            use, when *values* is a relation name (else they are read from it).
        indicator_units: When every valued row is in its indicator's own unit
            (a ledger read from files): indicator id → (dimension, factor
            numerator, factor denominator).  Saves a scan of the values.

    """
    columns = checks.columns()
    con.register("gp_checks", arrow_checks(checks, columns))
    units = _units_of_checks(columns)
    if isinstance(values, str):
        if value_units is None:
            value_units = con.execute(
                f"SELECT DISTINCT unit_dimension, unit_factor_den FROM {values}"
            ).fetchall()
        units += list(value_units)
        if values != "gp_values":
            con.execute(f"CREATE OR REPLACE TEMP VIEW gp_values AS SELECT * FROM {values}")
    else:
        table = arrow_values(values) if isinstance(values, ValueColumns) else values
        con.register("gp_values", table)
        units += list(
            zip(
                table.column("unit_dimension").to_pylist(),
                table.column("unit_factor_den").to_pylist(),
                strict=True,
            )
        )
    con.register("gp_dims", arrow_dims(dimension_scales(units)))
    con.register("gp_orgs", arrow_orgs(organisations))
    if indicator_units is None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE gp_value_units AS {VALUE_UNITS_SQL}")
    else:
        con.register("gp_value_units", arrow_value_units(indicator_units))
    con.execute(f"CREATE OR REPLACE TEMP TABLE gp_ck AS {checks_sql(as_of=as_of)}")
    # Read only when the results are made: the conflicts no simple check sees, and the
    # rows of a flagged cell (the error path).
    issuer = quote(checks.issuer)
    from .rollup_run import ALL_VALUES

    # Rows the roll-up derived come after the given ones and never conflict.
    given = "(SELECT n FROM gp_r_base)" if values == ALL_VALUES else None
    rest = rest_cells_sql(issuer, given)
    con.execute(f"CREATE OR REPLACE TEMP VIEW gp_rest_found AS {rest}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW gp_cell_rows AS {cell_rows_sql(issuer)}")
    # The stored rows get their target and subject from the check table when read.
    found = con.execute("SELECT COUNT(*) FROM gp_ck WHERE NOT simple").fetchone()
    general = found is not None and found[0] > 0
    return con.sql(
        check_sql(as_of=as_of, issuer=checks.issuer, subjects=False, general=general, given=given)
    )


def refuse_cells(con: _duckdb.DuckDBPyConnection, cells: Sequence[Cell]) -> None:
    """Raise when two rows of *cells* truly give one cell different values (exact comparison).

    Raises:
        ValidationError: The first such cell, naming both value rows and their values.

    """
    if not cells:
        return
    rows = con.execute(
        f"SELECT * FROM gp_cell_rows WHERE {cells_filter(len(cells))} ORDER BY row",
        [key for cell in cells for key in cell],
    ).fetchall()
    raise_first_conflict(rows)


class DuckDBResults:
    """Result rows kept in a DuckDB table (spilled to disk when large), read on demand."""

    def __init__(
        self,
        con: _duckdb.DuckDBPyConnection,
        relation: _duckdb.DuckDBPyRelation,
        *,
        refuse: Refusal | None = None,
    ) -> None:
        """Store the result rows of *relation*; refuse conflicting repeats.

        Args:
            con: The connection the check query ran on.
            relation: The check query (:func:`run_checks`).
            refuse: Called with the cells given different values by two rows
                (at most :data:`CELLS_LISTED` + 1), to raise naming them; by
                default :func:`refuse_cells` names the value rows.

        Raises:
            ValidationError: Two rows give one cell different values.

        """
        self._con = con
        # An attached in-memory database: not written through the database file, spilled
        # to the temporary directory when it outgrows the memory limit, and (unlike a
        # temporary table) visible to the cursors that stream the rows.
        con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {_RESULTS}")
        # The stored rows leave out what their check gives (target id, subject): those
        # are joined back, for the rows read, by the view the rows are read from.
        con.execute(
            f"CREATE OR REPLACE TABLE {RESULT_TABLE} AS"
            f" SELECT * EXCLUDE (target_id, subject) FROM ({relation.sql_query()})"
        )
        con.execute(
            f"CREATE OR REPLACE TABLE {_RESULTS}.gp_targets AS"
            ' SELECT "check", target_id, for_each FROM gp_checks'
        )
        subject = subject_sql("t.target_id", "t.for_each", "r.scope", "r.breakdown")
        columns = ", ".join(
            "t.target_id"
            if c == "target_id"
            else f"{subject} AS subject"
            if c == "subject"
            else f'r."{c}"'
            for c in RESULT_SQL_COLUMNS
        )
        con.execute(
            f"CREATE OR REPLACE VIEW {RESULT_ROWS} AS SELECT {columns}"
            f' FROM {RESULT_TABLE} AS r JOIN {_RESULTS}.gp_targets AS t ON t."check" = r."check"'
            # Rows of the cells no slice reads (ord NULL) are kept to name them, not verdicts.
            " WHERE r.ord IS NOT NULL"
        )
        self._counts: dict[tuple[int, int], int] | None = None
        cells = self.conflicting_cells()
        if cells:
            (refuse or functools.partial(refuse_cells, con))(cells)

    def conflicting_cells(self) -> list[Cell]:
        """The cells two rows give different values (by a hash of their facts)."""
        flagged = self._con.execute(
            f"SELECT c.indicator_id, r.scope, c.period, '', NULL FROM {RESULT_TABLE} AS r"
            ' JOIN gp_ck AS c ON c."check" = r."check" WHERE r.conflict'
            f' ORDER BY r."check", r.scope LIMIT {CELLS_LISTED + 1}'
        ).fetchall()
        # The cells given by several rows no simple check reads: kept (rarely many) for
        # the conflicts now and the exact repeats when asked for.
        self._con.execute(
            f"CREATE OR REPLACE TEMP TABLE {REST_CELLS} AS SELECT * FROM gp_rest_found"
        )
        rest = self._con.execute(REST_CONFLICTS_SQL).fetchall()
        return [Cell(*cell) for cell in [*flagged, *rest][: CELLS_LISTED + 1]]

    @property
    def connection(self) -> _duckdb.DuckDBPyConnection:
        """The connection holding the result table (:data:`RESULT_TABLE`)."""
        return self._con

    def relation(self) -> _duckdb.DuckDBPyRelation:
        """The result table as a DuckDB relation (to_arrow_table(), write_parquet(), …)."""
        return self._con.table(RESULT_ROWS)

    def code_counts(self) -> dict[tuple[int, int], int]:
        """Rows per (status code, severity code)."""
        if self._counts is None:
            found = self._con.execute(
                f"SELECT status, severity, COUNT(*) FROM {RESULT_TABLE} WHERE ord IS NOT NULL"
                " GROUP BY status, severity"
            ).fetchall()
            self._counts = {(int(st), int(sv)): int(n) for st, sv, n in found}
        return self._counts

    def status_counts(self) -> dict[int, int]:
        """Rows per status code."""
        counts: dict[int, int] = {}
        for (status, _), n in self.code_counts().items():
            counts[status] = counts.get(status, 0) + n
        return counts

    def rows(
        self, *, where: str | None = None, limit: int | None = None, batch: int = 10_000
    ) -> Iterator[tuple[Any, ...]]:
        """Result rows in check then slice order, fetched a batch at a time."""
        cursor = self._con.cursor()
        filtered = f" WHERE {where}" if where else ""
        first = "" if limit is None else f" LIMIT {int(limit)}"
        cursor.execute(
            f'SELECT * FROM {RESULT_ROWS}{filtered} ORDER BY "check", ord, subject{first}'
        )
        try:
            while chunk := cursor.fetchmany(batch):
                yield from chunk
        finally:
            cursor.close()
