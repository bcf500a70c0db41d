"""Output of ``govplan check`` on a query engine, streamed straight from the result columns.

A result of millions of checks is never turned into verdict objects here:
each line (table, Markdown) or JSON record is written from one result row —
subject, status, severity, observed value, gap and progress — as it is
fetched.  The sentences that explain a verdict are built on demand by the
Python API (iterating a :class:`~govplan.ColumnarEvaluation`) or by
``--engine python``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TextIO

from ..engine.check_table import SeverityCode, StatusCode
from ..engine.executors.results import ColumnarEvaluation
from .render import Lang

__all__ = ["emit_columnar"]

_HEAD = {
    "zh": ("计划", "截至", "通过", "未通过", "实际", "差距", "进度"),
    "en": ("plan", "as of", "passes", "fails", "observed", "gap", "progress"),
}
_STATUS = {int(code): code.name.lower() for code in StatusCode}
_SEVERITY = {int(code): code.name.lower() for code in SeverityCode}


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.normalize())


def _observed(row: Sequence[Any]) -> str | None:
    low, high, low_closed, high_closed = row[10:14]
    if low is None and high is None:
        return None
    if low is not None and low == high:
        return _number(low)
    left = "[" if low_closed else "("
    right = "]" if high_closed else ")"
    return f"{left}{_number(low) or ''}, {_number(high) or ''}{right}"


def emit_columnar(evaluation: ColumnarEvaluation, fmt: str, lang: Lang, out: TextIO) -> None:
    """Write *evaluation* as ``table``, ``markdown`` or ``json``, one result row at a time."""
    words = _HEAD[lang]
    counts = {status.value: n for status, n in evaluation.counts().items()}
    passes = evaluation.passes
    units = {row.check: row.unit.symbol for row in evaluation.checks.rows}
    gap_units = {row.check: row.gap_unit.symbol for row in evaluation.checks.rows}
    rows = evaluation.rows()
    if fmt == "json":
        head = {
            "subject": evaluation.subject,
            "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
            "engine": evaluation.engine,
            "passes": passes,
            "counts": counts,
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "verdicts": [')
        for number, row in enumerate(rows):
            record = {
                "subject": row[2],
                "scope": row[3],
                "status": _STATUS[int(row[6])],
                "severity": _SEVERITY[int(row[7])],
                "observed": _observed(row),
                "unit": units[int(row[0])],
                "gap": _number(row[14]),
                "gap_unit": gap_units[int(row[0])],
                "progress": _number(row[15]),
            }
            out.write(("," if number else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        out.write("\n]}\n")
        return
    when = f" ({words[1]} {evaluation.as_of})" if evaluation.as_of else ""
    if fmt == "markdown":
        out.write(
            f"# {words[0]} {evaluation.subject}{when}\n\n"
            f"| status | subject | {words[4]} | {words[5]} | {words[6]} |\n|---|---|---|---|---|\n"
        )
    else:
        out.write(f"{words[0]} {evaluation.subject}{when} [{evaluation.engine}]\n")
    for row in rows:
        check = int(row[0])
        observed = _observed(row)
        shown = "" if observed is None else f"{observed}{units[check]}"
        gap = _number(row[14])
        gap_text = "" if gap is None else f"{gap}{gap_units[check]}"
        progress = _number(row[15]) or ""
        status = _STATUS[int(row[6])]
        subject = str(row[2]).replace("|", "\\|").replace("<", "&lt;")
        if fmt == "markdown":
            out.write(f"| {status} | {subject} | {shown} | {gap_text} | {progress} |\n")
        else:
            mark = "✗" if int(row[7]) == SeverityCode.FAILURE else "·"
            out.write(f"{mark} {status:<13} {row[2]} {shown} {gap_text}\n")
    summary = ", ".join(f"{status} {n}" for status, n in counts.items() if n)
    out.write(f"\n{summary}: {words[2] if passes else words[3]}\n")
