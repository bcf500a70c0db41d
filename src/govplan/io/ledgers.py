"""Ledgers (台账): observations kept in spreadsheets, one row per indicator × scope × period.

Headers may be English or Chinese; values are written as the reports write
them ("300多", "96%", "1436万元").  Every problem names the file, the row and
the column.  Excel ``.xlsx`` files need the ``xlsx`` extra (openpyxl).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from ..errors import GovplanError, LoadError, Problem
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..values.periods import parse_period
from ..values.quantities import Quantity
from ..values.quantity_text import parse_quantity

__all__ = ["COLUMNS", "read_ledger"]

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "编号"),
    "indicator": ("indicator", "indicator_id", "指标", "指标编号"),
    "scope": ("scope", "单位", "范围"),
    "period": ("period", "期间", "时期", "年度"),
    "value": ("value", "数值", "实际值", "完成值"),
    "numerator": ("numerator", "分子"),
    "denominator": ("denominator", "分母"),
    "source": ("source", "来源"),
    "note": ("note", "说明", "备注"),
}
"""Each ledger column and the headers (English or Chinese) that name it."""

_REQUIRED = ("indicator", "period", "value")
Progress = Callable[[int], None]
T = TypeVar("T")


def _header_map(header: list[str], source: str) -> dict[str, int]:
    by_name = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(header):
        name = (raw or "").strip().lower() if raw and raw.isascii() else (raw or "").strip()
        if not name:
            continue
        column = by_name.get(name)
        if column is None:
            problems.append(
                Problem(
                    path=f"row 1, column {index + 1}",
                    message=f"unknown column {raw!r}; expected one of "
                    + ", ".join(aliases[0] for aliases in COLUMNS.values()),
                )
            )
        else:
            found[column] = index
    for column in _REQUIRED:
        if column not in found:
            problems.append(
                Problem(
                    path="row 1",
                    message=f"missing column {column!r} (or {' / '.join(COLUMNS[column][1:])})",
                )
            )
    if problems:
        raise LoadError(problems, source=source)
    return found


def _rows(path: Path) -> Iterator[list[str]]:
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl
        except ImportError:
            raise LoadError(
                [
                    Problem(
                        path="", message="reading .xlsx needs openpyxl: pip install govplan[xlsx]"
                    )
                ],
                source=str(path),
            ) from None
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for row in book.worksheets[0].iter_rows(values_only=True):
                yield ["" if cell is None else str(cell) for cell in row]
        finally:
            book.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as stream:
        yield from csv.reader(stream)


def read_ledger(
    path: str | os.PathLike[str],
    indicators: Iterable[Indicator],
    *,
    progress: Progress | None = None,
) -> list[Observation]:
    """Read the observations of a CSV or ``.xlsx`` ledger.

    Args:
        path: The ledger file.
        indicators: The indicators rows may name (their units are checked).
        progress: Called with the number of rows read so far, every 10,000 rows.

    Raises:
        LoadError: Every bad row and column, by row number (the header is row 1).

    """
    path = Path(path)
    source = str(path)
    known = {indicator.id: indicator for indicator in indicators}
    try:
        rows = _rows(path)
        header = next(rows, None)
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=f"cannot read file: {exc}")], source=source
        ) from None
    if header is None:
        raise LoadError([Problem(path="", message="the ledger is empty")], source=source)
    columns = _header_map(header, source)
    names = {column: header[index].strip() for column, index in columns.items()}
    observations: list[Observation] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in columns.items()}
        try:
            observations.append(_observation(cells, known, number, names))
        except _CellError as exc:
            problems.append(Problem(path=exc.where, message=exc.message))
        if progress is not None and (number - 1) % 10_000 == 0:
            progress(number - 1)
    if problems:
        raise LoadError(problems, source=source)
    return observations


class _CellError(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where, self.message = where, message


def _observation(
    cells: dict[str, str], known: dict[str, Indicator], row: int, names: dict[str, str]
) -> Observation:
    def where(column: str) -> str:
        return f"row {row}, column {names.get(column, column)}"

    def parse(column: str, reader: Callable[[str], T]) -> T:
        try:
            return reader(cells[column])
        except GovplanError as exc:
            raise _CellError(where(column), exc.message) from None

    indicator = known.get(cells["indicator"])
    if indicator is None:
        listed = ", ".join(sorted(known)[:12]) or "none"
        raise _CellError(
            where("indicator"), f"unknown indicator {cells['indicator']!r} (known: {listed})"
        )
    period = parse("period", parse_period)
    value = None if cells["value"] in ("", "-", "—", "无数据") else parse("value", parse_quantity)
    if value is not None and not value.unit.is_compatible(indicator.unit):
        raise _CellError(
            where("value"),
            f"unit {value.unit.symbol!r} does not measure what {indicator.id!r} measures "
            f"(expected a unit like {indicator.unit.symbol!r})",
        )
    counts: dict[str, Quantity | None] = {}
    for column in ("numerator", "denominator"):
        text = cells.get(column, "")
        counts[column] = parse(column, parse_quantity) if text else None
    if (counts["numerator"] is None) != (counts["denominator"] is None):
        raise _CellError(where("numerator"), "a rate's numerator and denominator go together")
    return Observation(
        id=cells.get("id") or None,
        indicator_id=indicator.id,
        period=period,
        value=value,
        scope=cells.get("scope") or None,
        numerator=counts["numerator"],
        denominator=counts["denominator"],
        source=cells.get("source") or None,
        note=cells.get("note") or None,
    )
