"""Ledger files read by Spark into value columns (CSV and Parquet, local or on a cluster).

The raw stage, the listing of distinct texts, the problem query and the value
columns are the SQL of :mod:`govplan.io.columns`, transpiled by sqlglot —
the same expressions DuckDB runs.  Only the few distinct texts that are not
plain numbers come to the driver to be parsed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import LoadError, Problem
from ..model.indicators import Indicator
from .columns import (
    TEXT_TABLE_TYPES,
    TextColumns,
    header_columns,
    parse_texts,
    problem_message,
    problems_sql,
    raw_select,
    text_tables,
    texts_sql,
    values_sql,
)
from .ledger_refusals import empty_ledger, ledger_sizes_sql
from .plan_terms import PlanTerms

__all__ = ["spark_value_columns"]

_SPARK_TYPES = {
    "VARCHAR": "string",
    "DATE": "date",
    "BOOLEAN": "boolean",
    "BIGINT": "bigint",
    "DECIMAL(18, 6)": "decimal(18,6)",
}
_NUMERIC = ("decimal", "int", "bigint", "smallint", "tinyint")


def _sql(query: str) -> str:
    from ..engine.executors.spark import to_spark_sql

    return to_spark_sql(query)


def _fail(path: object, message: str, where: str = "") -> LoadError:
    return LoadError([Problem(path=where, message=message)], source=str(path))


def _read(spark: Any, path: str, index: int) -> tuple[str, Mapping[str, str]]:
    """Register the raw stage of one file as ``gp_raw_<index>``: its name, and its headers.

    The headers are each column read (``"value"`` …) → its header as written (数值).
    """
    frame_name = f"gp_file_{index}"
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".parquet":
            frame = spark.read.parquet(path)
            header = list(frame.columns)
            kinds = dict(frame.dtypes)
            frame = frame.selectExpr("*", "_metadata.row_index + 1 AS gp_row")
            names = header_columns(header, path)
            numeric = frozenset(c for c, raw in names.items() if kinds[raw].startswith(_NUMERIC))
            columns = TextColumns(names=names, numeric=numeric)
        elif suffix == ".csv":
            encoding = "UTF-8"
            if "://" not in path and os.path.isfile(path):
                from .column_files import _encoding

                encoding = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(
                    _encoding(Path(path)), _encoding(Path(path)).upper()
                )
            text = spark.read.option("header", "false").option("encoding", encoding).csv(path)
            numbered = text.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1))
            frame = numbered.toDF([*text.columns, "gp_row"])
            first = frame.filter("gp_row = 1").collect()
            if not first:
                raise _fail(path, "the ledger is empty")
            header = ["" if cell is None else str(cell) for cell in list(first[0])[:-1]]
            names = header_columns(header, path)
            frame = frame.filter("gp_row > 1")
            positions = {column: f"_c{header.index(raw)}" for column, raw in names.items()}
            columns = TextColumns(names=positions)
        else:
            raise _fail(path, f"unknown ledger format {suffix!r}; Spark reads .csv and .parquet")
    except LoadError:
        raise
    except Exception as exc:
        first_line = next((line for line in str(exc).splitlines() if line.strip()), "")
        raise _fail(
            path, f"Spark cannot read it: {type(exc).__name__}: {first_line[:300]}"
        ) from None
    frame.createOrReplaceTempView(frame_name)
    relation = f"gp_raw_{index}"
    raw = raw_select(columns, frame_name, index, "gp_row", csv=suffix == ".csv")
    spark.sql(_sql(raw)).createOrReplaceTempView(relation)
    return relation, names


def spark_value_columns(
    spark: Any,
    paths: Sequence[str | os.PathLike[str]],
    indicators: Iterable[Indicator],
    terms: PlanTerms | None = None,
) -> Any:
    """The value columns of *paths* as a Spark DataFrame (also the view ``gp_values``).

    *terms* finds the organisations the rows name, as for DuckDB.

    Raises:
        LoadError: Every bad cell (up to 200), by file, row and column.

    """
    names = [os.fspath(p) for p in paths]
    if not names:
        raise _fail("", "no ledger given")
    read = [_read(spark, path, index) for index, path in enumerate(names)]
    relations, headers = [relation for relation, _ in read], [columns for _, columns in read]
    union = " UNION ALL ".join(f"SELECT * FROM {r}" for r in relations)
    spark.sql(union).createOrReplaceTempView("gp_raw")
    listed = [tuple(row) for row in spark.sql(_sql(texts_sql("gp_raw"))).collect()]
    parsed = parse_texts(listed, indicators, terms)
    for name, (columns, rows) in text_tables(parsed).items():
        schema = ", ".join(f"{c} {_SPARK_TYPES[TEXT_TABLE_TYPES[c]]}" for c in columns)
        spark.createDataFrame(rows, schema).createOrReplaceTempView(name)
    if parsed.has_problems:
        problems = []
        for src, row, column, text, indicator in spark.sql(_sql(problems_sql("gp_raw"))).collect():
            prefix = f"{names[int(src)]}: " if len(names) > 1 else ""
            problems.append(
                Problem(
                    path=f"{prefix}row {row}, column {headers[int(src)].get(column, column)}",
                    message=problem_message(parsed, column, text, indicator),
                )
            )
        raise LoadError(problems, source=names[0] if len(names) == 1 else ", ".join(names))
    empty = empty_ledger(spark.sql(_sql(ledger_sizes_sql("gp_raw"))).collect(), headers)
    if empty is not None:
        raise LoadError([empty[1]], source=names[empty[0]])
    frame = spark.sql(_sql(values_sql("gp_raw", renamed=parsed.renamed_scopes)))
    frame.createOrReplaceTempView("gp_values")
    return frame
