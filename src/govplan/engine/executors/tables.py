"""The executors' input relations as Arrow tables: check table, value columns, units, tree.

Every number travels as an exact ``DECIMAL(18, 6)`` (see
:mod:`govplan.io.columns` for why): a threshold or value that has no exact
form with six decimals, or that reaches 10^12, is refused with an error that
names it — never rounded.  pyarrow is imported on first use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ...errors import ValidationError
from ...model.organisations import Organisation
from ..check_table import CHECK_COLUMNS, VALUE_COLUMNS, CheckTable, ValueColumns

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "SCALE",
    "arrow_checks",
    "arrow_dims",
    "arrow_orgs",
    "arrow_value_units",
    "arrow_values",
    "exact_decimal",
]

SCALE = 6
_LIMIT = Decimal(10) ** 12
_QUANTUM = Decimal(1).scaleb(-SCALE)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ValidationError(
            "the query executors need pyarrow",
            expected="pip install 'govplan[duckdb]'",
        ) from None
    return pyarrow


def exact_decimal(value: Decimal | Fraction | int | None, *, field: str) -> Decimal | None:
    """*value* as a Decimal with six places.

    Raises:
        ValidationError: It has no exact form with six places, naming *field*.

    """
    if value is None:
        return None
    fraction = Fraction(value)
    scaled = fraction * 10**SCALE
    if scaled.denominator != 1:
        raise ValidationError(
            f"{value} has no exact form with {SCALE} decimal places",
            field=field,
            value=str(value),
            expected=f"a number with at most {SCALE} decimals in its unit "
            "(or the in-process executor, engine='python')",
        )
    if abs(fraction) >= _LIMIT:
        raise ValidationError(
            f"{value} is too large for the query executors",
            field=field,
            value=str(value),
            expected="less than 10^12 in its unit",
        )
    return Decimal(scaled.numerator).scaleb(-SCALE).quantize(_QUANTUM)


_ARROW_TYPES = {
    "int8": "int8",
    "int32": "int64",
    "int64": "int64",
    "bool": "bool_",
    "string": "string",
    "date": "date32",
}


def _arrow_type(pa: Any, dtype: str) -> Any:
    if dtype == "decimal":
        return pa.decimal128(18, SCALE)
    if dtype == "string[]":
        return pa.list_(pa.string())
    return getattr(pa, _ARROW_TYPES[dtype])()


def arrow_checks(table: CheckTable, columns: Mapping[str, list[Any]] | None = None) -> pa.Table:
    """The check table as Arrow columns (its contract's names and dtypes).

    *columns* is ``table.columns()`` when the caller has it already.
    """
    pa = _pyarrow()
    columns = table.columns() if columns is None else columns
    arrays = {}
    for column in CHECK_COLUMNS:
        values = columns[column.name]
        if column.dtype == "decimal":
            values = [
                exact_decimal(v, field=f"targets[{t}].{column.name}")
                for v, t in zip(values, columns["target_id"], strict=True)
            ]
        arrays[column.name] = pa.array(values, _arrow_type(pa, column.dtype))
    return pa.table(arrays)


def arrow_values(values: ValueColumns) -> pa.Table:
    """The value columns as Arrow columns (their contract's names and dtypes)."""
    pa = _pyarrow()
    columns = values.columns()
    arrays = {}
    for column in VALUE_COLUMNS:
        data = columns[column.name]
        if column.dtype == "decimal":
            data = [
                exact_decimal(v, field=f"observations[{row}].{column.name}")
                for row, v in enumerate(data)
            ]
        arrays[column.name] = pa.array(data, _arrow_type(pa, column.dtype))
    return pa.table(arrays)


_SCALED_AS = {"rate-difference": "rate"}
"""Dimensions whose whole units are another's: a change of two rates (in ‰ and %)
is compared, in whole units, with a threshold in 个百分点."""


def dimension_scales(units: Iterable[tuple[str | None, int | None]]) -> dict[str, int]:
    """Per dimension, the least common multiple of its units' factor denominators.

    A rate and a difference of rates share one scale, so that a difference of
    two levels in whole units is in whole units of the difference.
    """
    shared: dict[str, int] = {}
    seen: set[str] = set()
    for dimension, denominator in units:
        if dimension is None or denominator is None:
            continue
        seen.add(dimension)
        group = _SCALED_AS.get(dimension, dimension)
        shared[group] = math.lcm(shared.get(group, 1), int(denominator))
    return {d: shared[_SCALED_AS.get(d, d)] for d in seen}


def arrow_dims(scales: Mapping[str, int]) -> pa.Table:
    """The ``gp_dims`` relation: dimension → whole-unit scale."""
    pa = _pyarrow()
    return pa.table(
        {
            "dimension": pa.array(list(scales), pa.string()),
            "l": pa.array(list(scales.values()), pa.int64()),
        }
    )


def arrow_orgs(organisations: Sequence[Organisation]) -> pa.Table:
    """The ``gp_orgs`` relation: the organisation tree in the order given."""
    pa = _pyarrow()
    return pa.table(
        {
            "id": pa.array([o.id for o in organisations], pa.string()),
            "parent_id": pa.array([o.parent_id for o in organisations], pa.string()),
            "ord": pa.array(range(len(organisations)), pa.int64()),
        }
    )


def arrow_value_units(units: Mapping[str, tuple[str | None, int, int]]) -> pa.Table:
    """The ``gp_value_units`` relation when every value is in its indicator's own unit.

    *units*: indicator id → (dimension, factor numerator, factor denominator).
    Known beforehand (a ledger read from files holds each value in its
    indicator's unit), it saves the check query a scan of the values.
    """
    pa = _pyarrow()
    return pa.table(
        {
            "indicator_id": pa.array(list(units), pa.string()),
            "uniform": pa.array([u[0] is not None for u in units.values()], pa.bool_()),
            "dim": pa.array([u[0] for u in units.values()], pa.string()),
            "num": pa.array([u[1] for u in units.values()], pa.int64()),
            "den": pa.array([u[2] for u in units.values()], pa.int64()),
        }
    )
