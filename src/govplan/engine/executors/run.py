"""Run a plan's checks on a query executor: ``evaluate_columns``.

The in-process :func:`~govplan.evaluate` stays the reference; this runs the
same compiled check table on DuckDB or Spark and returns a
:class:`~govplan.engine.executors.results.ColumnarEvaluation`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Literal

from ...errors import ValidationError
from ...model.observations import Observation
from ...model.reports import Report
from ..check_table import compile_checks, value_columns
from ..evaluation import _as_date, gather
from ..matching import check_duplicates
from ..rollup import roll_up
from ..rules import RuleSet
from .results import ColumnarEvaluation

__all__ = ["QUERY_ENGINES", "Engine", "evaluate_columns"]

Engine = Literal["duckdb", "spark"]
QUERY_ENGINES: tuple[str, ...] = ("duckdb", "spark")
"""The query executors by name (``"python"`` is :func:`~govplan.evaluate` itself)."""


def evaluate_columns(
    subject: Any,
    observations: Iterable[Observation | Report] = (),
    *,
    engine: Engine = "duckdb",
    as_of: _dt.date | str | None = None,
    rules: RuleSet | None = None,
    connection: Any = None,
    spark: Any = None,
    spark_master: str | None = None,
    allow_missing: bool = False,
) -> ColumnarEvaluation:
    """Check the targets of *subject* against *observations* on a query executor.

    Args:
        subject: A :class:`~govplan.Plan` or :class:`~govplan.Post`.
        observations: Observations, or reports whose observations are taken.
        engine: ``"duckdb"`` (embedded) or ``"spark"``.
        as_of: The evaluation day, as for :func:`~govplan.evaluate`.
        rules: Rule settings (``basically_met``); only the target rule runs here.
        connection: A DuckDB connection to use (default: a new in-memory one).
        spark: A Spark session to use (default: one built from *spark_master*).
        spark_master: The master URL of the session to build (default ``local[2]``).
        allow_missing: As for :func:`~govplan.evaluate`: a binding target with
            no data past its due day is a warning instead of a failure.

    Returns:
        A :class:`ColumnarEvaluation` whose verdicts are built when read.

    Raises:
        ValidationError: An unknown *engine*, a number the executors cannot hold
            exactly, or two observations that give one cell different values.

    """
    settings = rules or RuleSet()
    found, indicators, organisations = gather(subject, observations)
    checks = compile_checks(
        subject,
        indicators,
        basically_met=settings.basically_met,
        allow_missing=allow_missing,
    )
    day = _as_date(as_of)
    given = value_columns(found, issuer=checks.issuer)
    check_duplicates(given, subject, issuer=checks.issuer)
    values = roll_up(
        given,
        subject,
        indicators,
        organisations,
        issuer=checks.issuer,
        as_of=day,
    )
    source: Any
    if engine == "duckdb":
        from .duckdb import DuckDBResults, connect, run_checks

        con = connection if connection is not None else connect()
        source = DuckDBResults(
            con, run_checks(con, checks, values, organisations=organisations, as_of=day)
        )
    elif engine == "spark":
        from .spark import SparkResults, spark_session
        from .spark import run_checks as run_on_spark

        session = spark_session(spark, master=spark_master)
        source = SparkResults(
            run_on_spark(session, checks, values, organisations=organisations, as_of=day)
        )
    else:
        raise ValidationError(
            f"unknown engine {engine!r}",
            field="engine",
            value=str(engine),
            expected="duckdb or spark",
        )
    return ColumnarEvaluation(
        subject=str(getattr(subject, "id", "")),
        as_of=day,
        checks=checks,
        source=source,
        engine=engine,
        indicators=indicators,
        organisations=tuple(organisations),
        settings=settings,
    )
