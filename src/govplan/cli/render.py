"""Human-readable renderings of an evaluation: a terminal table, Markdown, and HTML.

The HTML report is one self-contained file: summary counts, a table per
section, and a bullet chart (inline SVG) per target showing the observed value
or interval against the threshold.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from ..engine.evaluation import Evaluation
from ..engine.verdicts import Severity, Status, Verdict
from ..engine.wording import STATUS_EN, STATUS_ZH
from ..model.plans import Plan
from ..model.targets import Target

__all__ = ["Lang", "render_html", "render_markdown", "render_table"]

Lang = Literal["zh", "en"]

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
_HEX = {
    Status.MET: "#2e7d32",
    Status.CONSISTENT: "#2e7d32",
    Status.BASICALLY_MET: "#f9a825",
    Status.PENDING: "#0277bd",
    Status.AT_RISK: "#ef6c00",
    Status.INDETERMINATE: "#6a1b9a",
    Status.NO_DATA: "#757575",
}
_HEADINGS = {
    "zh": {"other": "其他", "status": "状态", "subject": "对象", "why": "说明", "summary": "汇总",
           "passes": "通过", "fails": "未通过", "chart": "图示", "count": "数量"},
    "en": {"other": "Other", "status": "Status", "subject": "Subject", "why": "Explanation",
           "summary": "Summary", "passes": "passes", "fails": "FAILS", "chart": "Chart",
           "count": "Count"},
}  # fmt: skip


def _status_word(status: Status, lang: Lang) -> str:
    return (STATUS_ZH if lang == "zh" else STATUS_EN)[status]


_RULES_ZH = {
    "targets": "目标", "deadlines": "措施期限", "sums": "合计核对", "rates": "比率核对",
    "changes": "增减核对", "inspections": "检查", "rectifications": "整改", "sanctions": "处理",
    "coverage": "责任制检查覆盖", "recurring": "例行活动", "weekday": "星期", "preparation": "准备",
    "location": "地点", "roles": "分工", "attendance": "出勤",
}  # fmt: skip


def _groups(
    evaluation: Evaluation, document: object, lang: Lang
) -> list[tuple[str, Sequence[Verdict]]]:
    """Verdicts by section and goal for a plan, else by rule, in document order."""
    plan = document if isinstance(document, Plan) else None
    if plan is None:
        by_rule: dict[str, list[Verdict]] = {}
        for verdict in evaluation.verdicts:
            by_rule.setdefault(verdict.rule, []).append(verdict)
        names = _RULES_ZH if lang == "zh" else {}
        return [(names.get(rule, rule), group) for rule, group in by_rule.items()]
    by_goal = evaluation.by_goal()
    groups: list[tuple[str, Sequence[Verdict]]] = []
    for section in plan.sections:
        for goal in section.goals:
            if goal.id in by_goal:
                number = f"{goal.number}. " if goal.number else ""
                groups.append((f"{section.title} / {number}{goal.title}", by_goal[goal.id]))
    loose = [v for v in evaluation.verdicts if v.goal_id is None]
    if loose:
        groups.append((_HEADINGS[lang]["other"], loose))
    return groups


def _summary(evaluation: Evaluation, lang: Lang) -> str:
    counts = ", ".join(
        f"{_status_word(status, lang)} {n}" for status, n in evaluation.counts().items() if n
    )
    verdict = _HEADINGS[lang]["passes" if evaluation.passes else "fails"]
    return f"{counts}; {verdict}"


def _title(evaluation: Evaluation, document: object) -> str:
    return str(getattr(document, "title", "") or evaluation.subject)


def render_table(
    evaluation: Evaluation, document: object = None, *, lang: Lang = "zh", colour: bool = False
) -> str:
    """A plain-text table for a terminal, grouped by section and goal."""
    lines = []
    for heading, verdicts in _groups(evaluation, document, lang):
        lines.append(heading)
        for verdict in verdicts:
            word = _status_word(verdict.status, lang)
            pad = " " * max(0, 12 - _width(word))
            if colour:
                code = (
                    "31"
                    if verdict.severity is Severity.FAILURE
                    else _COLOURS.get(verdict.status, "0")
                )
                word = f"\x1b[{code}m{word}\x1b[0m"
            lines.append(f"  {word}{pad} {verdict.explain(lang)}")
            if verdict.note:
                lines.append(f"  {'':12} {verdict.note}")
    lines.append(f"-- {_summary(evaluation, lang)}")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(evaluation: Evaluation, document: object = None, *, lang: Lang = "zh") -> str:
    """A Markdown report: summary counts, then a table per section or rule."""
    words = _HEADINGS[lang]
    title = _title(evaluation, document)
    as_of = f" ({evaluation.as_of})" if evaluation.as_of else ""
    lines = [f"# {title}{as_of}", "", f"**{words['summary']}**: {_summary(evaluation, lang)}", ""]
    for heading, verdicts in _groups(evaluation, document, lang):
        lines += [
            f"## {heading}",
            "",
            f"| {words['status']} | {words['subject']} | {words['why']} |",
        ]
        lines.append("|---|---|---|")
        for verdict in verdicts:
            lines.append(
                f"| {_status_word(verdict.status, lang)} | `{verdict.subject}` | "
                f"{_cell(verdict.explain(lang))} |"
            )
        lines.append("")
    return "\n".join(lines)


def _targets(document: object) -> dict[str, Target]:
    if isinstance(document, Plan):
        return {target.id: target for target in document.targets()}
    duties = getattr(document, "duties", ())
    return {target.id: target for duty in duties for target in duty.targets}


def bullet_chart(verdict: Verdict, target: Target | None) -> str:
    """An inline SVG bullet chart of the observed value (or interval) against the threshold."""
    observed = verdict.observed
    if observed is None or target is None or target.value is None:
        return ""
    if observed.unit != target.value.unit or target.basis.value != "level":
        return ""
    threshold = Fraction(target.value.value)
    upper = None if target.upper is None else Fraction(target.upper.value)
    low = None if observed.low is None else Fraction(observed.low)
    high = None if observed.high is None else Fraction(observed.high)
    points = [p for p in (low, high, threshold, upper) if p is not None]
    bottom, top = min([*points, Fraction(0)]), max([*points, Fraction(0)])
    scale = (top - bottom) * Fraction(6, 5) or Fraction(1)
    width = 240

    def x(value: Fraction) -> float:
        return round(float((value - bottom) / scale * width), 1)

    start = x(bottom) if observed.is_exact or low is None else x(low)
    end = x(high) if high is not None else float(width)
    colour = _HEX.get(verdict.status, "#c62828")
    band = ""
    if upper is not None:
        band = f'<rect x="{x(threshold)}" y="2" width="{x(upper) - x(threshold)}" height="22" '
        band += 'fill="#e0e0e0"/>'
    dashed = "" if observed.is_exact else ' stroke="#000" stroke-dasharray="3 2"'
    label = html.escape(f"{observed} / {verdict.expected}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="26" role="img" '
        f'aria-label="{label}"><title>{label}</title>'
        f'<rect x="0" y="2" width="{width}" height="22" fill="#f5f5f5"/>{band}'
        f'<rect x="{start}" y="8" width="{max(end - start, 2.0)}" height="10" fill="{colour}"'
        f'{dashed}/><line x1="{x(threshold)}" x2="{x(threshold)}" y1="0" y2="26" '
        'stroke="#212121" stroke-width="2"/></svg>'
    )


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem;
color:#212121}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px solid #eee;
text-align:left;vertical-align:middle}.status{font-weight:600;white-space:nowrap}
.counts{width:auto}.counts td{border:none;padding:.1rem .8rem .1rem 0}
.fails{color:#c62828}.passes{color:#2e7d32}
"""


def render_html(evaluation: Evaluation, document: object = None, *, lang: Lang = "zh") -> str:
    """A self-contained HTML report with a bullet chart per target."""
    words = _HEADINGS[lang]
    title = html.escape(_title(evaluation, document))
    targets = _targets(document)
    counts = "".join(
        f"<tr><td>{_status_word(s, lang)}</td><td>{n}</td></tr>"
        for s, n in evaluation.counts().items()
        if n
    )
    result = "passes" if evaluation.passes else "fails"
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{html.escape(str(evaluation.as_of or ''))}</p>",
        f'<h2>{words["summary"]}: <span class="{result}">{words[result]}</span></h2>',
        f'<table class="counts">{counts}</table>',
    ]
    for heading, verdicts in _groups(evaluation, document, lang):
        parts.append(f"<h2>{html.escape(heading)}</h2><table>")
        parts.append(
            f"<tr><th>{words['status']}</th><th>{words['why']}</th><th>{words['chart']}</th></tr>"
        )
        for verdict in verdicts:
            colour = _HEX.get(verdict.status, "#c62828")
            chart = bullet_chart(verdict, targets.get(verdict.subject.split("@")[0]))
            parts.append(
                f'<tr><td class="status" style="color:{colour}">'
                f"{_status_word(verdict.status, lang)}</td>"
                f"<td>{html.escape(verdict.explain(lang))}</td><td>{chart}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
