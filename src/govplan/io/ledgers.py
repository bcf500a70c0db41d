"""Ledgers (台账): observations kept in spreadsheets, one row per indicator × scope × period.

A ledger is read as officials write it: a CSV file in UTF-8 (with or without a
byte-order mark), GB18030 / GBK or UTF-16, or an Excel ``.xlsx`` workbook;
headers in English or Chinese (填报单位 / 责任单位 for the reporting
organisation, 计量单位 for the unit of measure, while a bare 单位 is refused as
ambiguous); indicators named by id or by their exact Chinese name; values
written as reports write them ("300多", "96%", "1436万元"), as bare numbers in
the indicator's unit, or as Excel percent cells.  Every problem names the file,
the row and the column, and all of them are reported at once.  Excel files need
the ``xlsx`` extra (openpyxl).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import GovplanError, LoadError, Problem
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..values.periods import Period, parse_period
from ..values.quantities import Quantity
from ..values.units import parse_unit
from .ledger_refusals import NO_DATA_ROWS, no_value_to_check
from .plan_terms import (
    MISSING_WORDS,
    NO_INDICATOR,
    PlanTerms,
    cell_problem,
    did_you_mean,
    read_value,
)

__all__ = [
    "AMBIGUOUS_HEADERS",
    "COLUMNS",
    "LEDGER_SHEET",
    "Ledger",
    "ledger_sheet",
    "load_ledger",
    "merge_repeats",
    "neutralise_formula",
    "read_ledger",
    "restore_formula_text",
]

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicator_id", "指标", "指标编号", "指标代码"),
    "indicator_name": ("indicator_name", "指标名称"),
    "scope": ("scope", "organisation", "填报单位", "责任单位", "范围", "统计范围"),
    "period": ("period", "期间", "时期", "年度", "统计期", "报告期", "统计期间"),
    "value": ("value", "数值", "实际值", "完成值"),
    "unit": ("unit", "计量单位"),
    "numerator": ("numerator", "分子"),
    "denominator": ("denominator", "分母"),
    "id": ("id", "编号", "记录编号"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "说明", "备注"),
    "target": ("target", "目标", "目标值"),
    "row_number": ("no", "序号"),
}
"""Each ledger column and the headers (English or Chinese) that name it.

``target`` and ``row_number`` are shown for the person filling in the ledger
(a template writes them) and are not read.
"""

AMBIGUOUS_HEADERS: Mapping[str, str] = {
    "单位": "write 填报单位 (the organisation reporting the value) or 计量单位 (the unit "
    "of measure, such as % or 所)",
}
"""Headers that could mean two columns: the ledger is refused, asking which is meant."""

_SHOWN_ONLY = ("target", "row_number")
Progress = Callable[[int], None]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LEDGER_SHEET = "台账"
"""The sheet a workbook's ledger is read from when it has one (else its first sheet)."""


def neutralise_formula(cell: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading apostrophe, which spreadsheets show as text;
    :func:`restore_formula_text` undoes it when govplan reads the file back.
    """
    return "'" + cell if cell.lstrip("'").startswith(_FORMULA_START) else cell


def ledger_sheet(book: Any) -> Any:
    """The sheet of an openpyxl workbook holding the ledger: 台账 if it has one, else the first."""
    return book[LEDGER_SHEET] if LEDGER_SHEET in book.sheetnames else book.worksheets[0]


def restore_formula_text(cell: str) -> str:
    """Undo :func:`neutralise_formula`."""
    neutralised = cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START)
    return cell[1:] if neutralised else cell


@attrs.frozen(kw_only=True)
class Ledger:
    """What a ledger holds, and what was left out and why.

    Attributes:
        source: The file it was read from.
        observations: One per data row, in row order.
        rows: The row number (the header is row 1) of each observation.
        warnings: Rows left out or merged, each with its row and the reason
            (unknown indicators or organisations when read leniently, exact
            repeats of an earlier row).

    """

    source: str
    observations: tuple[Observation, ...]
    rows: tuple[int, ...]
    warnings: tuple[Problem, ...] = ()


class _Cell:
    """One cell: its value as read (text, or a number or date from Excel) and its text."""

    __slots__ = ("percent", "text", "value")

    def __init__(self, *, value: Any, percent: bool = False) -> None:
        self.value = value
        self.percent = percent
        self.text = "" if value is None else str(value).strip()


def _canonical(header: str) -> str:
    name = header.strip()
    return name.lower().replace(" ", "_") if name.isascii() else name.replace(" ", "")


_BY_HEADER = {_canonical(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def _header_map(header: Sequence[_Cell], source: str) -> dict[str, int]:
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header):
        raw = cell.text
        name = _canonical(raw)
        where = f"row 1, column {index + 1}"
        if not name:
            continue
        if name in AMBIGUOUS_HEADERS:
            problems.append(
                Problem(
                    path=where,
                    message=f"the header {raw!r} is ambiguous: {AMBIGUOUS_HEADERS[name]}",
                )
            )
            continue
        column = _BY_HEADER.get(name)
        if column is None:
            hint = did_you_mean(name, _BY_HEADER)
            problems.append(
                Problem(
                    path=where,
                    message=f"unknown column {raw!r}{hint}; expected one of "
                    + ", ".join(aliases[0] for aliases in COLUMNS.values())
                    + " or their Chinese headers",
                )
            )
        elif column in found:
            problems.append(
                Problem(
                    path=where,
                    message=f"column {raw!r} repeats column {found[column] + 1} "
                    f"({header[found[column]].text!r}): keep one",
                )
            )
        else:
            found[column] = index
    if "indicator" not in found and "indicator_name" in found:
        found["indicator"] = found.pop("indicator_name")
    for column in ("indicator", "period", "value"):
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


def _csv_rows(path: Path) -> Iterator[list[_Cell]]:
    from .text_files import read_text

    text = read_text(path, what="ledger").text
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            yield [_Cell(value=restore_formula_text(cell)) for cell in row]
    except csv.Error as exc:
        raise LoadError(
            [Problem(path=f"line {reader.line_num}", message=f"not valid CSV: {exc}")],
            source=str(path),
        ) from None


def _xlsx_rows(path: Path) -> Iterator[list[_Cell]]:
    try:
        import openpyxl
    except ImportError:
        raise LoadError(
            [Problem(path="", message="reading .xlsx needs openpyxl: pip install 'govplan[xlsx]'")],
            source=str(path),
        ) from None
    from .text_files import read_bytes

    read_bytes(path, what="ledger")  # a missing, unreadable or oversized file, named
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors: the file is not a workbook
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"not a readable Excel workbook ({type(exc).__name__}: {exc}); "
                    "save it again from Excel as .xlsx",
                )
            ],
            source=str(path),
        ) from None
    empty: list[tuple[int, int]] = []
    try:
        sheet = ledger_sheet(book)
        title = sheet.title
        for row_number, row in enumerate(sheet.iter_rows(), start=1):
            cells = [
                _Cell(
                    value=getattr(cell, "value", None),
                    percent="%" in str(getattr(cell, "number_format", "") or ""),
                )
                for cell in row
            ]
            empty.extend((row_number, c) for c, cell in enumerate(cells, start=1) if not cell.text)
            yield cells
    finally:
        book.close()
    from .workbooks import refuse_unsaved_formulas

    refuse_unsaved_formulas(path, title, empty)


def _rows(path: Path) -> Iterator[list[_Cell]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix == ".xls":
        raise LoadError(
            [Problem(path="", message="an old .xls workbook: save it from Excel as .xlsx")],
            source=str(path),
        )
    return _csv_rows(path)


class _CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


class _UnknownError(_CellError):
    """An unknown indicator or organisation: downgraded to a warning when reading leniently."""


def load_ledger(
    path: str | os.PathLike[str],
    document: object,
    *,
    lenient: bool = False,
    progress: Progress | None = None,
) -> Ledger:
    """Read a CSV or ``.xlsx`` ledger against the plan (or report or post) it reports on.

    Args:
        path: The ledger file.
        document: What the rows' indicators and organisations are looked up
            in: a :class:`~govplan.Plan`, or anything with ``indicators`` and
            ``organisations``; or an iterable of indicators, and then the
            organisations are taken as written.
        lenient: Leave out rows naming an unknown indicator or organisation,
            with a warning each, instead of refusing the ledger.
        progress: Called with the number of rows read so far, every 10,000 rows.

    Raises:
        LoadError: Every bad row and column, by row number (the header is row 1):
            unreadable files, ambiguous or unknown headers, bad cells, unknown
            indicators or organisations, conflicting repeats, and a ledger with
            no data rows or no value at all.

    """
    path = Path(path)
    source = str(path)
    if isinstance(document, Iterable):
        terms = PlanTerms(indicators=tuple(document), organisations=None)
    else:
        terms = PlanTerms.of(document)
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        raise LoadError([Problem(path="", message="the ledger is empty")], source=source)
    columns = _header_map(header, source)
    names = {column: header[index].text for column, index in columns.items()}
    reader = _RowReader(terms=terms, columns=columns, names=names)
    for number, row in enumerate(rows, start=2):
        reader.read(number, row, lenient=lenient)
        if progress is not None and (number - 1) % 10_000 == 0:
            progress(number - 1)
    return reader.finish(source)


def read_ledger(
    path: str | os.PathLike[str],
    indicators: Iterable[Indicator] | object,
    *,
    progress: Progress | None = None,
) -> list[Observation]:
    """Read the observations of a CSV or ``.xlsx`` ledger, refusing any unknown name.

    Args:
        path: The ledger file.
        indicators: The plan (its indicators and organisations), or the
            indicators rows may name.
        progress: Called with the number of rows read so far, every 10,000 rows.

    Raises:
        LoadError: Every bad row and column, by row number (the header is row 1).

    """
    return list(load_ledger(path, indicators, progress=progress).observations)


@attrs.define
class _RowReader:
    terms: PlanTerms
    columns: dict[str, int]
    names: dict[str, str]
    observations: list[Observation] = attrs.field(factory=list)
    numbers: list[int] = attrs.field(factory=list)
    problems: list[Problem] = attrs.field(factory=list)
    warnings: list[Problem] = attrs.field(factory=list)
    data_rows: int = 0
    periods: dict[str, Period] = attrs.field(factory=dict)  # a ledger repeats a few periods

    def where(self, row: int, column: str) -> str:
        return f"row {row}, column {self.names.get(column, column)}"

    def read(self, number: int, row: list[_Cell], *, lenient: bool) -> None:
        if not any(cell.text for cell in row):
            return
        self.data_rows += 1
        cells = {
            c: (row[i] if i < len(row) else _Cell(value=None)) for c, i in self.columns.items()
        }
        try:
            observation = self._observation(cells)
        except _UnknownError as exc:
            problem = Problem(path=self.where(number, exc.column), message=exc.message)
            if lenient:
                self.warnings.append(
                    Problem(path=problem.path, message=f"{exc.message}; row left out")
                )
            else:
                self.problems.append(problem)
            return
        except _CellError as exc:
            self.problems.append(Problem(path=self.where(number, exc.column), message=exc.message))
            return
        self.observations.append(observation)
        self.numbers.append(number)

    def _observation(self, cells: dict[str, _Cell]) -> Observation:
        indicator = self._indicator(cells)
        scope = None
        if cells.get("scope") is not None and cells["scope"].text:
            try:
                scope = self.terms.scope(cells["scope"].text)
            except GovplanError as exc:
                raise _UnknownError("scope", cell_problem(exc)) from None
        text = _period_text(cells["period"])
        period = self.periods.get(text)
        if period is None:
            try:
                period = self.periods[text] = parse_period(text)
            except GovplanError as exc:
                raise _CellError("period", cell_problem(exc)) from None
        unit = None
        if cells.get("unit") is not None and cells["unit"].text:
            try:
                unit = parse_unit(cells["unit"].text)
            except GovplanError as exc:
                raise _CellError("unit", cell_problem(exc)) from None
            if not unit.is_compatible(indicator.unit):
                raise _CellError(
                    "unit",
                    f"unit {unit.symbol!r} does not measure what {indicator.id!r} measures "
                    f"(expected a unit like {indicator.unit.symbol!r})",
                )
        values: dict[str, Quantity | None] = {}
        for column in ("value", "numerator", "denominator"):
            cell = cells.get(column)
            if cell is None:
                values[column] = None
                continue
            try:
                if column == "value":
                    values[column] = read_value(
                        cell.value, indicator, unit=unit, percent=cell.percent
                    )
                else:
                    values[column] = _count(cell)
            except GovplanError as exc:
                raise _CellError(column, cell_problem(exc)) from None
        if (values["numerator"] is None) != (values["denominator"] is None):
            missing = "denominator" if values["denominator"] is None else "numerator"
            raise _CellError(missing, "a rate's numerator and denominator go together")
        return Observation(
            id=_text(cells.get("id")),
            indicator_id=indicator.id,
            period=period,
            value=values["value"],
            scope=scope,
            numerator=values["numerator"],
            denominator=values["denominator"],
            source=_text(cells.get("source")),
            note=_text(cells.get("note")),
        )

    def _indicator(self, cells: dict[str, _Cell]) -> Indicator:
        word = cells["indicator"].text
        if not word:
            raise _CellError("indicator", NO_INDICATOR)
        try:
            indicator = self.terms.indicator(word)
        except GovplanError as exc:
            raise _UnknownError("indicator", cell_problem(exc)) from None
        name = cells.get("indicator_name")
        if (
            name is not None
            and name.text
            and name.text not in (indicator.name.strip(), indicator.id)
        ):
            raise _CellError(
                "indicator_name",
                f"{name.text!r} is not the name of indicator {indicator.id!r} "
                f"({indicator.name!r}): correct the id or the name",
            )
        return indicator

    def finish(self, source: str) -> Ledger:
        kept, repeats, conflicts = merge_repeats(
            [
                (f"row {n}", self.where(n, "value"), o)
                for n, o in zip(self.numbers, self.observations, strict=True)
            ]
        )
        self.warnings.extend(repeats)
        self.problems.extend(conflicts)
        self.observations = [self.observations[i] for i in kept]
        self.numbers = [self.numbers[i] for i in kept]
        if not self.problems:
            if self.data_rows == 0:
                self.problems.append(NO_DATA_ROWS)
            elif not any(o.value is not None or o.numerator is not None for o in self.observations):
                self.problems.extend(self.warnings)
                self.problems.append(no_value_to_check(self.names.get("value", "value")))
        if self.problems:
            raise LoadError(self.problems, source=source)
        return Ledger(
            source=source,
            observations=tuple(self.observations),
            rows=tuple(self.numbers),
            warnings=tuple(self.warnings),
        )


def merge_repeats(
    found: Sequence[tuple[str, str, Observation]],
) -> tuple[list[int], list[Problem], list[Problem]]:
    """Which observations to keep when several are for one indicator, organisation and period.

    Args:
        found: For each observation, where its row is and where its value is
            (for messages), and the observation.

    Returns:
        The indices kept (the first of each group), a warning for each exact
        repeat (counted once), and a problem for each conflicting repeat.

    """
    seen: dict[tuple[object, ...], int] = {}
    kept: list[int] = []
    repeats: list[Problem] = []
    conflicts: list[Problem] = []
    for index, (row, value_at, observation) in enumerate(found):
        key = (
            observation.indicator_id,
            observation.scope,
            observation.period,
            observation.change_from,
            tuple(sorted(observation.breakdown.items())),
        )
        first = seen.setdefault(key, index)
        if first == index:
            kept.append(index)
            continue
        earlier_row, _, earlier = found[first]
        if _same_facts(earlier, observation):
            repeats.append(
                Problem(
                    path=row,
                    message=f"repeats {earlier_row} (same indicator, organisation, period "
                    "and value); counted once",
                )
            )
        else:
            conflicts.append(
                Problem(
                    path=value_at,
                    message=f"{_shown(observation.value)} conflicts with {earlier_row} "
                    f"({_shown(earlier.value)}) for the same indicator "
                    f"{observation.indicator_id!r}, organisation and period "
                    f"{str(observation.period)!r}: keep one of them",
                )
            )
    return kept, repeats, conflicts


def _same_facts(first: Observation, second: Observation) -> bool:
    return all(
        _same_amount(a, b)
        for a, b in (
            (first.value, second.value),
            (first.numerator, second.numerator),
            (first.denominator, second.denominator),
        )
    )


def _same_amount(first: Quantity | None, second: Quantity | None) -> bool:
    """Whether two cells state one amount, in whatever units (1436万元 is 14360000元)."""
    if first is None or second is None:
        return first is second
    if not first.unit.is_compatible(second.unit):
        return False
    return (
        first.bounds_in(first.unit) == second.bounds_in(first.unit)
        and first.low_open == second.low_open
        and first.high_open == second.high_open
    )


def _shown(value: Quantity | None) -> str:
    return "no value" if value is None else repr(str(value))


def _text(cell: _Cell | None) -> str | None:
    return (cell.text or None) if cell is not None else None


def _period_text(cell: _Cell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and callable(value.date):  # an Excel date cell
        return str(value.date())
    return cell.text


def _count(cell: _Cell) -> Quantity | None:
    from ..values.quantity_text import parse_quantity

    if cell.value is None or cell.text in MISSING_WORDS:
        return None
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        text = repr(cell.value) if isinstance(cell.value, float) else str(cell.value)
        return parse_quantity(text)
    return parse_quantity(cell.text)
