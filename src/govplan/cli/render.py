"""Human-readable renderings of an evaluation: a terminal table, JSON, Markdown and HTML.

Every rendering opens with what was checked (the plan, as of when, from which
results), lists the verdicts by section and goal, and ends with the binding
targets that failed the run.  Document text is escaped for each medium:
control characters for a terminal, HTML and Markdown syntax for Markdown, HTML
for the HTML report (:mod:`govplan.cli.html_report`).
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
from typing import Any, Literal

import attrs

from ..engine.evaluation import Evaluation
from ..engine.matching import Unmatched
from ..engine.verdicts import Severity, Status, Verdict
from ..engine.wording import STATUS_EN, STATUS_ZH
from ..model.observations import Observation
from ..model.plans import Plan

__all__ = [
    "Lang",
    "ReportContext",
    "escape_markdown",
    "escape_terminal",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
    "unmatched_data",
    "verdict_data",
]

Lang = Literal["zh", "en"]


@attrs.frozen(kw_only=True)
class ReportContext:
    """What a rendering says about the run beside the verdicts.

    Attributes:
        sources: The result files the run read, as named on the command line.
        observations: The observations checked (for trend charts).
        generated: When the report was made (shown in the HTML header); the
            caller passes it, so renderings stay reproducible without it.
        unmatched: The results no check used, located in their files (``None``:
            the evaluation's own :attr:`~govplan.Evaluation.unmatched`).

    """

    sources: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()
    generated: _dt.datetime | None = None
    unmatched: tuple[Unmatched, ...] | None = None


_NO_CONTEXT = ReportContext()

_COLOURS = {
    Status.MET: "32",
    Status.CONSISTENT: "32",
    Status.BASICALLY_MET: "33",
    Status.PENDING: "36",
    Status.AT_RISK: "33",
    Status.INDETERMINATE: "35",
    Status.NO_DATA: "90",
    Status.UNVERIFIED: "33",
    Status.DONE_LATE: "33",
}
WORDS = {
    "zh": {"other": "其他", "status": "状态", "subject": "对象", "why": "说明", "summary": "汇总",
           "passes": "通过", "fails": "未通过", "chart": "图示", "count": "数量",
           "plan": "计划", "as_of": "截至", "final": "期末核查（各期限均视为已到）",
           "results": "结果来源", "none": "无", "failed": "未达成的确保（约束性）目标",
           "issuer": "发文单位", "generated": "生成时间", "by_unit": "按责任单位",
           "unit": "责任单位", "trend": "趋势", "target": "目标", "value": "实际",
           "attention": "需关注", "sources": "数据来源", "all_met": "确保目标均未失守",
           "met_col": "已达成", "missed_col": "未达成", "no_data_col": "无数据",
           "open_col": "其他（待定、滞后、无法判定）", "baseline": "基期",
           "document": "文件"},
    "en": {"other": "Other", "status": "Status", "subject": "Subject", "why": "Explanation",
           "summary": "Summary", "passes": "passes", "fails": "FAILS", "chart": "Chart",
           "count": "Count", "plan": "Plan", "as_of": "as of",
           "final": "final check (every period taken as ended)", "results": "results",
           "none": "none", "failed": "Binding targets missed", "issuer": "Issued by",
           "generated": "Generated", "by_unit": "By responsible organisation",
           "unit": "Organisation", "trend": "Trends", "target": "target", "value": "observed",
           "attention": "Needs attention", "sources": "Data sources",
           "all_met": "No binding target missed", "met_col": "met", "missed_col": "missed",
           "no_data_col": "no data", "open_col": "other (pending, at risk, indeterminate)",
           "baseline": "baseline", "document": "Document"},
}  # fmt: skip

RULES_ZH = {
    "targets": "目标", "deadlines": "措施期限", "sums": "合计核对", "rates": "比率核对",
    "changes": "增减核对", "inspections": "检查", "rectifications": "整改", "sanctions": "处理",
    "coverage": "责任制检查覆盖", "recurring": "例行活动", "weekday": "星期", "preparation": "准备",
    "location": "地点", "roles": "分工", "attendance": "出勤",
    "completions": "完成情况核对", "standings": "位次核对", "commitments": "无数值的承诺",
}  # fmt: skip
RULES_EN = {
    "targets": "Targets", "deadlines": "Measure deadlines", "sums": "Sums", "rates": "Rates",
    "changes": "Changes", "inspections": "Inspections", "rectifications": "Rectifications",
    "sanctions": "Sanctions", "coverage": "Inspection coverage", "recurring": "Recurring",
    "weekday": "Weekdays", "preparation": "Preparation", "location": "Location", "roles": "Roles",
    "attendance": "Attendance", "completions": "Completions", "standings": "Standings",
    "commitments": "Commitments without a figure",
}  # fmt: skip


def status_word(status: Status, lang: Lang) -> str:
    """The status in words of *lang*."""
    return (STATUS_ZH if lang == "zh" else STATUS_EN)[status]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_terminal(text: str) -> str:
    """Document text made harmless for a terminal: control characters shown escaped."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text).replace("\n", " ")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def escape_markdown(text: str) -> str:
    """Document text made literal in Markdown (and in the HTML a Markdown renderer makes).

    ``<``, ``>`` and ``&`` become entities, so no tag (``<script>``, ``<img
    onerror>``) reaches the page; Markdown punctuation is backslash-escaped, so
    no link, emphasis or table cell is made; line breaks become spaces and other
    control characters are shown escaped.
    """
    text = html.escape(escape_terminal(text.replace("\r", " ")), quote=True)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def title_of(evaluation: Evaluation, document: object) -> str:
    """The document's title, else the subject's id."""
    return str(getattr(document, "title", "") or evaluation.subject)


def organisation_names(document: object) -> dict[str, str]:
    """Organisation id → name, for every organisation the document names."""
    return {o.id: o.name for o in getattr(document, "organisations", ())}


def as_of_words(evaluation: Evaluation, lang: Lang) -> str:
    """The as-of day in words (截至 2011-06-30), or the words for a final check."""
    words = WORDS[lang]
    if evaluation.as_of is None:
        return words["final"]
    return f"{words['as_of']} {evaluation.as_of}"


def header_line(
    evaluation: Evaluation, document: object, lang: Lang, context: ReportContext
) -> str:
    """One line saying what was checked: plan, as of when, from which results."""
    words = WORDS[lang]
    sources = ", ".join(context.sources) or words["none"]
    kind = _KINDS[lang].get(type(document).__name__, words["document"])
    return (
        f"{kind}: {title_of(evaluation, document)} · {as_of_words(evaluation, lang)} · "
        f"{words['results']}: {sources}"
    )


_KINDS = {
    "zh": {"Plan": "计划", "Report": "总结", "Post": "岗位", "VolunteerEvent": "活动"},
    "en": {"Plan": "Plan", "Report": "Report", "Post": "Post", "VolunteerEvent": "Event"},
}


def groups(evaluation: Evaluation, document: object, lang: Lang) -> list[tuple[str, list[Verdict]]]:
    """Verdicts by section and goal for a plan, else by rule, in document order."""
    verdicts = list(evaluation.verdicts)
    if not isinstance(document, Plan):
        by_rule: dict[str, list[Verdict]] = {}
        for verdict in verdicts:
            by_rule.setdefault(str(getattr(verdict, "rule", "")), []).append(verdict)
        names = RULES_ZH if lang == "zh" else RULES_EN
        return [(names.get(rule, rule), group) for rule, group in by_rule.items()]
    home: dict[str, str] = {}
    headings: list[str] = []
    for section in document.sections:
        for goal in section.goals:
            number = f"{goal.number}. " if goal.number else ""
            heading = f"{section.title} / {number}{goal.title}"
            headings.append(heading)
            for item_id in (*(t.id for t in goal.targets), *(m.id for m in goal.measures)):
                home.setdefault(item_id, heading)
    found: dict[str, list[Verdict]] = {heading: [] for heading in headings}
    loose: list[Verdict] = []
    for verdict in verdicts:
        home_heading = home.get(verdict.subject.split("@")[0])
        (found[home_heading] if home_heading is not None else loose).append(verdict)
    result = [(heading, group) for heading, group in found.items() if group]
    if loose:
        result.append((WORDS[lang]["other"], loose))
    return result


def summary(evaluation: Evaluation, lang: Lang) -> str:
    """Counts of each status, then whether the run passes."""
    counts = ", ".join(
        f"{status_word(status, lang)} {n}" for status, n in evaluation.counts().items() if n
    )
    verdict = WORDS[lang]["passes" if evaluation.passes else "fails"]
    return f"{counts}; {verdict}" if counts else verdict


def failing(evaluation: Evaluation) -> list[Verdict]:
    """The verdicts that fail the run (binding targets missed, claims inconsistent)."""
    return list(evaluation.failures())


def render_table(
    evaluation: Evaluation,
    document: object = None,
    *,
    lang: Lang = "zh",
    colour: bool = False,
    context: ReportContext | None = None,
) -> str:
    """A plain-text table for a terminal: a header line, verdicts by section, failures last."""
    context = context or _NO_CONTEXT
    lines = [escape_terminal(header_line(evaluation, document, lang, context))]
    for heading, verdicts in groups(evaluation, document, lang):
        lines.append(escape_terminal(heading))
        for verdict in verdicts:
            word = status_word(verdict.status, lang)
            pad = " " * max(0, 12 - _width(word))
            if colour:
                code = (
                    "31"
                    if verdict.severity is Severity.FAILURE
                    else _COLOURS.get(verdict.status, "0")
                )
                word = f"\x1b[{code}m{word}\x1b[0m"
            lines.append(f"  {word}{pad} {escape_terminal(verdict.explain(lang))}")
            note = getattr(verdict, "note", None)
            if note:
                lines.append(f"  {'':12} {escape_terminal(note)}")
    failures = failing(evaluation)
    if failures:
        lines.append(f"{WORDS[lang]['failed']}:")
        lines += [f"  ! {escape_terminal(v.explain(lang))}" for v in failures]
    lines.append(f"-- {summary(evaluation, lang)}")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """One verdict as JSON data: its facts as text and both sentences."""

    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return {
        "subject": verdict.subject,
        "indicator": verdict.indicator_id,
        "scope": verdict.scope,
        "status": verdict.status.value,
        "severity": verdict.severity.value,
        "observed": text(verdict.observed),
        "expected": text(verdict.expected),
        "gap": text(verdict.gap),
        "progress": text(verdict.progress),
        "explanation": {"zh": verdict.explain("zh"), "en": verdict.explain("en")},
    }


def unmatched_data(item: Unmatched) -> dict[str, Any]:
    """One result no check used, as JSON data: where it was read, its facts, why, in words.

    The same record on every engine: ``file`` and ``row`` (the ledger row as
    the ledger reader counts rows; ``null`` when not read from a ledger),
    ``indicator``, ``scope``, ``period``, ``id``, ``value``, ``reason`` (an
    :class:`~govplan.UnmatchedReason` value) and ``explanation`` in both languages.
    """
    observation = item.observation
    return {
        "file": item.file,
        "row": item.file_row,
        "indicator": observation.indicator_id,
        "scope": observation.scope,
        "period": str(observation.period),
        "id": observation.id,
        "value": None if observation.value is None else str(observation.value),
        "reason": item.reason.value,
        "explanation": {"zh": item.explain("zh"), "en": item.explain("en")},
    }


def render_json(
    evaluation: Evaluation,
    document: object = None,
    *,
    lang: Lang = "zh",
    context: ReportContext | None = None,
) -> str:
    """JSON: the plan, as-of day, sources, ``passes``, ``counts``, failures and every verdict.

    Then ``unmatched``: every result no check used (:func:`unmatched_data`),
    and ``unmatched_total``, their number.
    """
    context = context or _NO_CONTEXT
    unused = evaluation.unmatched if context.unmatched is None else context.unmatched
    data = {
        "plan": {"id": str(getattr(document, "id", None) or evaluation.subject),
                 "title": title_of(evaluation, document)},
        "as_of": None if evaluation.as_of is None else str(evaluation.as_of),
        "results": list(context.sources),
        "passes": evaluation.passes,
        "counts": {status.value: n for status, n in evaluation.counts().items()},
        "failures": [v.subject for v in failing(evaluation)],
        "verdicts": [verdict_data(v) for v in evaluation.verdicts],
        "unmatched": [unmatched_data(item) for item in unused],
        "unmatched_total": len(unused),
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_markdown(
    evaluation: Evaluation,
    document: object = None,
    *,
    lang: Lang = "zh",
    context: ReportContext | None = None,
) -> str:
    """A Markdown report: what was checked, the summary, failures first, then a table per section.

    Document text is escaped (:func:`escape_markdown`): no HTML or Markdown in a
    plan or ledger reaches the rendered page.
    """
    context = context or _NO_CONTEXT
    words = WORDS[lang]
    title = escape_markdown(title_of(evaluation, document))
    sources = ", ".join(escape_markdown(s) for s in context.sources) or words["none"]
    lines = [
        f"# {title}",
        "",
        f"- {words['as_of'] if evaluation.as_of else words['final']}"
        + (f" {evaluation.as_of}" if evaluation.as_of else ""),
        f"- {words['results']}: {sources}",
        f"- **{words['summary']}**: {summary(evaluation, lang)}",
        "",
    ]
    failures = failing(evaluation)
    if failures:
        lines += [f"## {words['failed']}", ""]
        lines += [f"- {escape_markdown(v.explain(lang))}" for v in failures]
        lines.append("")
    for heading, verdicts in groups(evaluation, document, lang):
        lines += [
            f"## {escape_markdown(heading)}",
            "",
            f"| {words['status']} | {words['subject']} | {words['why']} |",
            "|---|---|---|",
        ]
        for verdict in verdicts:
            lines.append(
                f"| {status_word(verdict.status, lang)} | {escape_markdown(verdict.subject)} | "
                f"{escape_markdown(verdict.explain(lang))} |"
            )
        lines.append("")
    return "\n".join(lines)


def render_html(
    evaluation: Evaluation,
    document: object = None,
    *,
    lang: Lang = "zh",
    context: ReportContext | None = None,
) -> str:
    """A self-contained HTML report (see :func:`govplan.cli.html_report.html_report`)."""
    from .html_report import html_report

    return html_report(evaluation, document, lang=lang, context=context or _NO_CONTEXT)
