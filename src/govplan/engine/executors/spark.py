"""The Spark executor: the same check query, transpiled by sqlglot, on a Spark session.

A session is taken from the caller or built from a master URL (``local[2]``,
``spark://host:7077``, ``yarn`` …).  The session is set so that decimal
arithmetic never silently drops digits
(``spark.sql.decimalOperations.allowPrecisionLoss=false``; with ANSI mode an
overflow is an error, not a NULL).  A master that cannot be reached, or a
machine without Java, gives one :class:`SparkUnavailableError` — never a JVM
stack trace.  pyspark and sqlglot are imported on first use (extra
``govplan[spark]``).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import io
import os
import socket
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from ...errors import GovplanError
from ...model.organisations import Organisation
from ..check_table import CheckTable, ValueColumns
from .relational import RESULT_SQL_COLUMNS, VALUE_UNITS_SQL, check_sql, checks_sql, quote
from .relational_conflicts import (
    CELL_ROW_COLUMNS,
    CELLS_LISTED,
    REST_CELLS,
    REST_CONFLICTS_SQL,
    Cell,
    cell_rows_sql,
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

__all__ = [
    "RESULT_VIEW",
    "SparkResults",
    "SparkUnavailableError",
    "refuse_cells",
    "run_checks",
    "spark_session",
    "to_spark_sql",
]

RESULT_VIEW = "gp_result"
"""The temporary view of the cached result rows (:attr:`SparkResults.frame`)."""

_SETTINGS = {
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.ansi.enabled": "true",
}


class SparkUnavailableError(GovplanError, RuntimeError):
    """Spark cannot be used: pyspark or Java is missing, or the master cannot be reached."""


@functools.cache
def to_spark_sql(duckdb_sql: str) -> str:
    """*duckdb_sql* transpiled to Spark SQL by sqlglot."""
    try:
        import sqlglot
    except ImportError:
        raise SparkUnavailableError(
            "the spark engine needs sqlglot", expected="pip install 'govplan[spark]'"
        ) from None
    from sqlglot import exp

    def wide_hash(node: exp.Expression) -> exp.Expression:
        # Spark's HASH has 32 bits; a row's facts are hashed in 64.
        if isinstance(node, exp.Anonymous) and str(node.this).upper() == "HASH":
            return exp.Anonymous(this="XXHASH64", expressions=node.expressions)
        return node

    tree = sqlglot.parse_one(duckdb_sql, read="duckdb").transform(wide_hash)
    return tree.sql(dialect="spark")


def _check_reachable(master: str, timeout: float) -> None:
    """Fail fast, before the JVM starts, when a ``spark://`` master does not answer."""
    if not master.startswith("spark://"):
        return
    for part in master[len("spark://") :].split(","):
        where = urlsplit(f"spark://{part}")
        host, port = where.hostname, where.port or 7077
        if host is None:
            raise SparkUnavailableError(
                f"not a Spark master URL: {master!r}",
                field="--spark-master",
                value=master,
                expected="local[N], spark://host:port, yarn or k8s://…",
            )
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return
        except OSError as exc:
            last = exc
    raise SparkUnavailableError(
        f"cannot reach the Spark master {master!r}: {last.strerror or last}",
        field="--spark-master",
        value=master,
        expected="a running master (or local[2] to run on this machine)",
    )


def spark_session(spark: Any = None, *, master: str | None = None, timeout: float = 5.0) -> Any:
    """The caller's *spark* session, or one built from *master* (default ``local[2]``).

    The decimal settings this executor needs are applied to the session.

    Raises:
        SparkUnavailableError: pyspark or Java is missing, or the master does not answer.

    """
    if spark is None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise SparkUnavailableError(
                "the spark engine needs pyspark", expected="pip install 'govplan[spark]'"
            ) from None
        master = master or "local[2]"
        _check_reachable(master, timeout)
        builder = (
            SparkSession.builder.master(master)
            .appName("govplan")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))
        )
        for key, value in _SETTINGS.items():
            builder = builder.config(key, value)
        # The JVM's own start-up chatter goes to a buffer; only a failure is told.
        chatter = io.StringIO()
        try:
            with contextlib.redirect_stderr(chatter):
                spark = builder.getOrCreate()
        except Exception as exc:
            first = next((line for line in str(exc).splitlines() if line.strip()), "")
            raise SparkUnavailableError(
                f"cannot start Spark with master {master!r}: {type(exc).__name__}: {first[:300]}",
                field="--spark-master",
                value=master,
                expected="Java 17 or later on PATH (java -version) and a reachable master",
            ) from None
        spark.sparkContext.setLogLevel("ERROR")
    for key, value in _SETTINGS.items():
        spark.conf.set(key, value)
    return spark


def run_checks(
    spark: Any,
    checks: CheckTable,
    values: ValueColumns | Any,
    *,
    organisations: Sequence[Organisation] = (),
    as_of: _dt.date | None = None,
    value_units: Sequence[tuple[str, int]] = (),
    indicator_units: Mapping[str, tuple[str | None, int, int]] | None = None,
) -> Any:
    """Run the check query on Spark; a DataFrame with the result columns.

    *values* is value columns, an Arrow table of them, or a Spark DataFrame
    with the columns of :data:`~govplan.engine.check_table.VALUE_COLUMNS`
    (then *value_units* lists the (dimension, factor denominator) of its units).
    *indicator_units* (indicator id → dimension, factor numerator and
    denominator) says every valued row is in its indicator's own unit, as in
    a ledger read from files: the values need no scan to learn it.
    """
    columns = checks.columns()
    spark.createDataFrame(arrow_checks(checks, columns)).createOrReplaceTempView("gp_checks")
    units = list(zip(columns["unit_dimension"], columns["unit_factor_den"], strict=True))
    units += list(value_units)
    if isinstance(values, ValueColumns):
        values = arrow_values(values)
    if hasattr(values, "createOrReplaceTempView"):
        # Cut the lineage of the ledger reading: Spark inlines every use of a CTE, so
        # the query would otherwise plan that reading once per use.
        frame = values.localCheckpoint()
    else:
        frame = spark.createDataFrame(values)
        units += list(
            zip(
                values.column("unit_dimension").to_pylist(),
                values.column("unit_factor_den").to_pylist(),
                strict=True,
            )
        )
    frame.createOrReplaceTempView("gp_values")
    spark.createDataFrame(arrow_dims(dimension_scales(units))).createOrReplaceTempView("gp_dims")
    spark.createDataFrame(arrow_orgs(organisations)).createOrReplaceTempView("gp_orgs")
    if indicator_units is None:
        units_found = spark.sql(to_spark_sql(VALUE_UNITS_SQL)).localCheckpoint()
    else:
        units_found = spark.createDataFrame(arrow_value_units(indicator_units))
    units_found.createOrReplaceTempView("gp_value_units")
    compiled = spark.sql(to_spark_sql(checks_sql(as_of=as_of))).localCheckpoint()
    compiled.createOrReplaceTempView("gp_ck")
    issuer = quote(checks.issuer)
    # Rows the roll-up derived come after the given ones and never conflict.
    given = "(SELECT n FROM gp_r_base)" if spark.catalog.tableExists("gp_r_base") else None
    rest = rest_cells_sql(issuer, given)
    spark.sql(to_spark_sql(rest)).createOrReplaceTempView("gp_rest_found")
    spark.sql(to_spark_sql(cell_rows_sql(issuer))).createOrReplaceTempView("gp_cell_rows")
    general = compiled.filter("NOT simple").limit(1).count() > 0
    query = check_sql(as_of=as_of, issuer=checks.issuer, general=general, given=given)
    return spark.sql(to_spark_sql(query))


def refuse_cells(spark: Any, cells: Sequence[Cell]) -> None:
    """Raise when two rows of *cells* truly give one cell different values (exact comparison).

    Raises:
        ValidationError: The first such cell, naming both value rows and their values.

    """
    from pyspark.sql import functions

    frame = spark.table("gp_cell_rows")
    wanted = None
    for cell in cells:
        one = None
        for column, key in zip(CELL_ROW_COLUMNS, cell, strict=False):
            same = frame[column].eqNullSafe(functions.lit(key))
            one = same if one is None else one & same
        wanted = one if wanted is None else wanted | one
    rows = [tuple(r) for r in frame.filter(wanted).orderBy("row").collect()]
    raise_first_conflict(rows)


class SparkResults:
    """Result rows of a Spark DataFrame (cached), read on demand."""

    def __init__(
        self, frame: Any, *, refuse: Callable[[Sequence[Cell]], None] | None = None
    ) -> None:
        """Cache the result rows of *frame*; refuse conflicting repeats.

        Args:
            frame: The check query (:func:`run_checks`).
            refuse: Called with the cells given different values by two rows,
                to raise naming them; by default :func:`refuse_cells`.

        Raises:
            ValidationError: Two rows give one cell different values.

        """
        cached = frame.cache()
        self._counts: dict[tuple[int, int], int] | None = None
        cells = self.conflicting_cells(cached)
        if cells:
            (refuse or functools.partial(refuse_cells, cached.sparkSession))(cells)
        # Read by name when the exact repeats are named (see ``repeated_rows_sql``).
        cached.createOrReplaceTempView(RESULT_VIEW)
        # Rows of the cells no slice reads (ord NULL) are kept to name them, not verdicts.
        self._frame = cached.filter("ord IS NOT NULL").select(
            *(f"`{c}`" for c in RESULT_SQL_COLUMNS)
        )

    @staticmethod
    def conflicting_cells(frame: Any) -> list[Cell]:
        """The cells two rows give different values (by a hash of their facts)."""
        spark = frame.sparkSession
        flagged = (
            frame.filter("conflict")
            .join(spark.table("gp_ck").select("check", "indicator_id", "period"), "check")
            .select("indicator_id", "scope", "period")
            .limit(CELLS_LISTED + 1)
            .collect()
        )
        # The cells given by several rows no simple check reads: kept (rarely many) for
        # the conflicts now and the exact repeats when asked for.
        spark.table("gp_rest_found").localCheckpoint().createOrReplaceTempView(REST_CELLS)
        rest = spark.sql(to_spark_sql(REST_CONFLICTS_SQL)).collect()
        cells = [Cell(r[0], r[1], r[2], "", None) for r in flagged]
        cells += [Cell(r[0], r[1], r[2], r[3], r[4]) for r in rest]
        return cells[: CELLS_LISTED + 1]

    @property
    def frame(self) -> Any:
        """The result DataFrame."""
        return self._frame

    def code_counts(self) -> dict[tuple[int, int], int]:
        """Rows per (status code, severity code)."""
        if self._counts is None:
            found = self._frame.groupBy("status", "severity").count().collect()
            self._counts = {(int(r["status"]), int(r["severity"])): int(r["count"]) for r in found}
        return self._counts

    def status_counts(self) -> dict[int, int]:
        """Rows per status code."""
        counts: dict[int, int] = {}
        for (status, _), n in self.code_counts().items():
            counts[status] = counts.get(status, 0) + n
        return counts

    def rows(
        self, *, where: str | None = None, limit: int | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Result rows in check then slice order, streamed to the driver."""
        frame = self._frame if where is None else self._frame.filter(where)
        ordered = frame.orderBy("check", "ord", "subject")
        if limit is not None:
            ordered = ordered.limit(int(limit))
        for row in ordered.toLocalIterator():
            yield tuple(row)
