"""Excel workbooks: formulas whose computed value was never saved.

openpyxl reads the value Excel last *saved* for a formula cell.  A workbook
written by a program (or saved with calculation off) may hold the formula
``=B2/C2`` with no saved value; read naively, the cell looks empty and its
result would become *no data* without a word.  govplan refuses such a ledger
and names every such cell instead.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from ..errors import LoadError, Problem

__all__ = ["refuse_unsaved_formulas", "unsaved_formulas"]

# <f>, <f t="shared" …>, or with a namespace prefix (<x:f>).
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def unsaved_formulas(
    path: Path, sheet: str, empty: Collection[tuple[int, int]]
) -> list[tuple[str, str]]:
    """The cells among *empty* that hold a formula, as (``B3``, ``=B1+B2``), in sheet order.

    Args:
        path: The workbook.
        sheet: The title of the sheet that was read.
        empty: The (row, column) positions, both 1-based, that read as empty
            with the saved values.

    """
    if not empty or not _has_formulas(path):
        return []
    import openpyxl

    wanted = set(empty)
    last_row = max(row for row, _ in wanted)
    found: list[tuple[str, str]] = []
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for row_number, row in enumerate(book[sheet].iter_rows(max_row=last_row), start=1):
            for column_number, cell in enumerate(row, start=1):
                if (row_number, column_number) not in wanted:
                    continue
                value = getattr(cell, "value", None)
                # Array formulas come as objects holding their text.
                formula = value if isinstance(value, str) else getattr(value, "text", None)
                if isinstance(formula, str) and formula.startswith("="):
                    found.append((f"{get_column_letter(column_number)}{row_number}", formula))
    finally:
        book.close()
    return found


def refuse_unsaved_formulas(path: Path, sheet: str, empty: Collection[tuple[int, int]]) -> None:
    """Raise naming every formula among *empty* cells that has no saved value.

    Raises:
        LoadError: One problem per such cell: the sheet, the cell and the formula.

    """
    unsaved = unsaved_formulas(path, sheet, empty)
    if unsaved:
        raise LoadError(
            [
                Problem(
                    path=f"sheet {sheet!r} cell {cell}",
                    message=f"the formula {formula} has no saved value; open the workbook "
                    "in Excel or LibreOffice and save it, so the computed values are stored "
                    "(or type the values in)",
                )
                for cell, formula in unsaved
            ],
            source=str(path),
        )


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula (an ``<f>`` element).

    A byte scan of the sheets' XML: most ledgers hold none, and then the
    workbook need not be read a second time.
    """
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as sheet:
                tail = b""
                while chunk := sheet.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-32:]
    return False
