"""Output of ``govplan check`` on a query engine, streamed a verdict at a time.

A result of millions of checks is never held as verdict objects: each line
(table, Markdown) or JSON element is written as its verdict is built.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..engine.executors.results import ColumnarEvaluation
from ..engine.verdicts import Status
from ..io.files import to_data
from .render import Lang

__all__ = ["emit_columnar"]

_HEAD = {
    "zh": ("计划", "截至", "通过", "未通过"),
    "en": ("plan", "as of", "passes", "fails"),
}


def _summary(evaluation: ColumnarEvaluation, lang: Lang) -> str:
    counts = ", ".join(f"{status.value} {n}" for status, n in evaluation.counts().items() if n)
    verdict = _HEAD[lang][2 if evaluation.passes else 3]
    return f"{counts}: {verdict}"


def emit_columnar(evaluation: ColumnarEvaluation, fmt: str, lang: Lang, out: TextIO) -> None:
    """Write *evaluation* as ``table``, ``markdown`` or ``json``, one verdict at a time."""
    plan, as_of = _HEAD[lang][0], _HEAD[lang][1]
    if fmt == "json":
        counts = {status.value: n for status, n in evaluation.counts().items()}
        head = {
            "subject": evaluation.subject,
            "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
            "engine": evaluation.engine,
            "passes": evaluation.passes,
            "counts": counts,
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "verdicts": [')
        for number, verdict in enumerate(evaluation):
            out.write(("," if number else "") + "\n  ")
            out.write(json.dumps(to_data(verdict), ensure_ascii=False))
        out.write("\n]}\n")
        return
    when = f" ({as_of} {evaluation.as_of})" if evaluation.as_of else ""
    if fmt == "markdown":
        out.write(
            f"# {plan} {evaluation.subject}{when}\n\n| | subject | explanation |\n|---|---|---|\n"
        )
    else:
        out.write(f"{plan} {evaluation.subject}{when} [{evaluation.engine}]\n")
    for verdict in evaluation:
        text = verdict.explanation_zh if lang == "zh" else verdict.explanation_en
        mark = "✗" if verdict.status is Status.MISSED else "·"
        if fmt == "markdown":
            escaped = text.replace("|", "\\|").replace("<", "&lt;")
            out.write(f"| {verdict.status.value} | {verdict.subject} | {escaped} |\n")
        else:
            out.write(f"{mark} {verdict.status.value:<13} {verdict.subject}: {text}\n")
    out.write(("\n" if fmt == "markdown" else "") + _summary(evaluation, lang) + "\n")
