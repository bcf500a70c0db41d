"""Ledger templates: a 台账 generated from a plan, ready to fill in and read back.

One row per indicator × organisation × period that the plan's targets check
(with the baseline periods of change targets and the reference organisations
of comparison targets), showing the indicator's Chinese name, its unit and the
targets, with a blank 实际值 column.  An ``.xlsx`` template (the ``xlsx``
extra) adds number validation on the value columns, a frozen header row and a
填写说明 sheet; a ``.csv`` template is UTF-8 with a byte-order mark, which
Excel on Chinese Windows opens correctly, and no cell of it can run as a
formula.  :func:`~govplan.load_ledger` reads a filled-in template back exactly.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..errors import LoadError, Problem
from ..model.targets import Basis, Comparator, ForEach, Target
from ..values.periods import Period
from .ledgers import LEDGER_SHEET, neutralise_formula
from .plan_terms import PlanTerms

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["TEMPLATE_HEADER", "TemplateRow", "template_rows", "write_template"]

TEMPLATE_HEADER = (
    "序号",
    "指标编号",
    "指标名称",
    "填报单位",
    "期间",
    "计量单位",
    "目标值",
    "实际值",
    "分子",
    "分母",
    "数据来源",
    "备注",
)
"""The columns of a template, as the ledger reader knows them (see ``COLUMNS``)."""

_VALUE_COLUMN = TEMPLATE_HEADER.index("实际值")

INSTRUCTIONS = (
    "填写说明",
    "",
    "1. 只填写“实际值”列（黄色），必要时填写“分子”“分母”“数据来源”“备注”；"
    "灰色列由计划生成，请勿修改。",
    "2. 实际值按“计量单位”列的单位填写数字即可，例如 97.3 表示 97.3%；"
    "也可连同单位写出，如 97.3%、1436万元。",
    "3. 约数照实填写，如 70多、近500、300余：系统按区间判断，不会四舍五入。",
    "4. 没有数据的行请留空（或填“无数据”），不要填 0：空白表示无数据，0 表示确实为零。",
    "5. 比率可以同时填写分子和分母（如 1718 和 3397），系统会核对比率与人数是否一致。",
    "6. 请勿改动表头、指标编号、填报单位和期间；如需增加行，可复制整行后修改填报单位或期间。",
    "7. 保存为 .xlsx 或 .csv 后运行：govplan check 计划文件 --results 本台账 ，"
    "或 govplan report 计划文件 --results 本台账 --out 报告.html 。",
)
"""The instructions sheet of an ``.xlsx`` template (Chinese, one line a row)."""

_COMPARATOR_ZH = {
    Comparator.AT_LEAST: "不低于",
    Comparator.AT_MOST: "不高于",
    Comparator.MORE_THAN: "高于",
    Comparator.LESS_THAN: "低于",
    Comparator.EQUAL: "等于",
    Comparator.BETWEEN: "介于",
    Comparator.ZERO: "为零",
    Comparator.RANK_WITHIN: "名次不低于第",
}
_COMMITMENT_ZH = {"ensure": "确保", "strive": "力争"}


@attrs.frozen(kw_only=True)
class TemplateRow:
    """One row of a ledger template.

    Attributes:
        indicator_id: The indicator's id.
        indicator_name: Its Chinese name.
        scope: The organisation's name (its id where names are shared); empty
            for the plan's issuer when the plan names no issuer.
        period: The period, as the file format writes it ("2011", "2011-autumn").
        unit: The unit a bare number is read in.
        target: The targets checked on this row, in words; "基期" for a baseline.

    """

    indicator_id: str
    indicator_name: str
    scope: str
    period: str
    unit: str
    target: str


def _target_words(target: Target) -> str:
    words = _COMPARATOR_ZH[target.comparator]
    if target.is_approximate and target.comparator is Comparator.EQUAL:
        words = ""  # 3%左右 says it all
    if target.basis is Basis.CHANGE:
        words = "较基期变化" + words
    elif target.basis is Basis.GROWTH:
        words = "较基期增长" + words
    elif target.basis is Basis.REFERENCE:
        words = "与对比单位之差" + words
    if target.comparator is Comparator.BETWEEN:
        words += f"{target.value}至{target.upper}"
    elif target.comparator is Comparator.RANK_WITHIN:
        words += f"{target.value}名"
    elif target.value is not None:
        words += str(target.value)
    commitment = _COMMITMENT_ZH.get(target.commitment.value)
    return f"{words}（{commitment}）" if commitment else words


def _targets(document: object) -> Iterator[Target]:
    targets = getattr(document, "targets", None)
    if callable(targets):
        yield from targets()
        return
    for duty in getattr(document, "duties", ()):
        yield from duty.targets


def template_rows(document: object) -> list[TemplateRow]:
    """The rows of the ledger template of a plan (or post), in the plan's order.

    Raises:
        LoadError: The plan has no target, so there is nothing to report.

    """
    terms = PlanTerms.of(document)
    issuer = getattr(document, "issuer", None)
    indicators = {indicator.id: indicator for indicator in terms.indicators}
    children: dict[str | None, list[str]] = {}
    for organisation in terms.organisations or ():
        children.setdefault(organisation.parent_id, []).append(organisation.id)
    rows: dict[tuple[str, str | None, Period], list[str]] = {}

    def add(indicator_id: str, scope: str | None, period: Period, words: str) -> None:
        key = (indicator_id, None if scope == issuer else scope, period)
        shown = rows.setdefault(key, [])
        if words not in shown:
            shown.append(words)

    for target in _targets(document):
        scopes: list[str | None] = [target.scope]
        if target.for_each is ForEach.SCOPE:
            scopes = list(children.get(target.scope or issuer, [])) or [target.scope]
        for scope in scopes:
            add(target.indicator_id, scope, target.period, _target_words(target))
            if target.baseline is not None:
                add(target.indicator_id, scope, target.baseline, "基期")
        if target.reference_scope is not None:
            add(target.indicator_id, target.reference_scope, target.period, "对比单位")
    if not rows:
        raise LoadError(
            [Problem(path="", message="the plan has no targets: there is nothing to fill in")]
        )
    found = []
    for (indicator_id, scope, period), words in rows.items():
        indicator = indicators[indicator_id]
        owner = scope or issuer
        found.append(
            TemplateRow(
                indicator_id=indicator_id,
                indicator_name=indicator.name,
                scope=terms.organisation_label(owner) if owner else "",
                period=str(period),
                unit=indicator.unit.symbol,
                target="；".join(words),
            )
        )
    return found


def _cells(number: int, row: TemplateRow) -> list[str]:
    return [
        str(number),
        row.indicator_id,
        row.indicator_name,
        row.scope,
        row.period,
        row.unit,
        row.target,
        "",
        "",
        "",
        "",
        "",
    ]


def write_template(document: object, path: str | os.PathLike[str]) -> int:
    """Write the ledger template of *document* to *path* (``.xlsx`` or ``.csv``), atomically.

    Returns:
        The number of rows to fill in.

    Raises:
        LoadError: The plan has no targets, the suffix is neither ``.xlsx`` nor
            ``.csv``, or ``.xlsx`` was asked without the ``xlsx`` extra.

    """
    path = Path(path)
    rows = template_rows(document)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _replace(path, lambda stream: stream.write(_csv_text(rows).encode("utf-8-sig")))
    elif suffix == ".xlsx":
        book = _workbook(rows, getattr(document, "title", ""))
        _replace(path, book.save)
    else:
        raise LoadError(
            [Problem(path="", message="a template is written as .xlsx or .csv")], source=str(path)
        )
    return len(rows)


def _csv_text(rows: list[TemplateRow]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    for number, row in enumerate(rows, start=1):
        writer.writerow([neutralise_formula(cell) for cell in _cells(number, row)])
    return buffer.getvalue()


def _replace(path: Path, write: Callable[[io.BufferedWriter], object]) -> None:
    from .text_files import describe_os_error

    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=describe_os_error(exc, doing="write"))], source=str(path)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise LoadError(
            [Problem(path="", message=describe_os_error(exc, doing="write"))], source=str(path)
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _workbook(rows: list[TemplateRow], title: str) -> Workbook:
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter as letter
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:
        raise LoadError(
            [Problem(path="", message="writing .xlsx needs openpyxl: pip install 'govplan[xlsx]'")]
        ) from None
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = LEDGER_SHEET

    def put(row: int, column: int, text: str) -> object:
        cell = sheet.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        return cell

    grey = PatternFill("solid", fgColor="EEEEEE")
    yellow = PatternFill("solid", fgColor="FFF59D")
    for column, name in enumerate(TEMPLATE_HEADER, start=1):
        cell = put(1, column, name)
        cell.font = Font(bold=True)  # type: ignore[attr-defined]
        cell.alignment = Alignment(horizontal="center")  # type: ignore[attr-defined]
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(_cells(number, row), start=1):
            cell = put(number + 1, column, text)
            if column <= _VALUE_COLUMN:
                cell.fill = grey  # type: ignore[attr-defined]
            elif column == _VALUE_COLUMN + 1:
                cell.fill = yellow  # type: ignore[attr-defined]
                cell.value = None  # type: ignore[attr-defined]
            else:
                cell.value = None  # type: ignore[attr-defined]
    last = len(rows) + 1
    value = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        showInputMessage=True,
        promptTitle="实际值",
        prompt="按计量单位填写数字，如 97.3；约数可写 70多",
        errorTitle="不是数字",
        error="实际值应为数字（单位见计量单位列）。约数（如 70多）可以保留，请点“是”。",
    )
    counts = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle="不是数字",
        error="分子、分母应为不小于 0 的数字。",
    )
    value.add(f"{letter(_VALUE_COLUMN + 1)}2:{letter(_VALUE_COLUMN + 1)}{last}")
    counts.add(f"{letter(_VALUE_COLUMN + 2)}2:{letter(_VALUE_COLUMN + 3)}{last}")
    sheet.add_data_validation(value)
    sheet.add_data_validation(counts)
    sheet.freeze_panes = "A2"
    widths = (6, 24, 30, 16, 12, 10, 24, 12, 10, 10, 16, 24)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[letter(column)].width = width
    notes = book.create_sheet("填写说明")
    lines = (f"{title} 台账" if title else "台账", *INSTRUCTIONS)
    for number, text in enumerate(lines, start=1):
        cell = notes.cell(row=number, column=1)
        cell.value = text
        cell.data_type = "s"
    notes.column_dimensions["A"].width = 120
    notes["A1"].font = Font(bold=True, size=14)
    return book
