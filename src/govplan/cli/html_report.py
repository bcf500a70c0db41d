"""The HTML report: one self-contained page a bureau can open, print and pass on.

It opens with what was checked (plan, issuer, as-of day, data sources, when it
was generated) and the verdict of the run; then the binding targets that failed
it; a table by responsible organisation with coloured counts; a trend chart
per indicator that has values for several periods; and every verdict by
section and goal, each target with a bullet chart on a labelled scale.  All
document text is HTML-escaped.  Fonts: the page names CJK fonts found on
Windows (Microsoft YaHei), macOS (PingFang SC) and Linux (Noto Sans CJK SC from
``fonts-noto-cjk``); it embeds none, so it stays small.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from fractions import Fraction

from ..engine.evaluation import Evaluation
from ..engine.verdicts import Severity, Status, Verdict
from ..engine.wording import band_text
from ..model.indicators import Indicator
from ..model.plans import Plan
from ..model.targets import Comparator, Target
from .charts import Point, bullet_chart, quantity_words, trend_chart, unit_words
from .render import (
    WORDS,
    Lang,
    ReportContext,
    as_of_words,
    failing,
    groups,
    organisation_names,
    status_word,
    title_of,
)

__all__ = ["FONT_STACK", "html_report"]

FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif'
)
"""The fonts the report asks for, first found first used."""

_HEX = {
    Status.MET: "#2e7d32",
    Status.CONSISTENT: "#2e7d32",
    Status.BASICALLY_MET: "#9e9d24",
    Status.PENDING: "#0277bd",
    Status.AT_RISK: "#ef6c00",
    Status.INDETERMINATE: "#6a1b9a",
    Status.NO_DATA: "#757575",
}
_FAILED = "#c62828"

_CSS = f"""
body{{font-family:{FONT_STACK};margin:2rem auto;max-width:1100px;padding:0 1rem;color:#212121;
line-height:1.5}}
h1{{font-size:1.6rem;margin:.2rem 0}}h2{{font-size:1.15rem;margin-top:2rem;
border-bottom:2px solid #e0e0e0;padding-bottom:.2rem}}
table{{border-collapse:collapse;width:100%}}td,th{{padding:.35rem .5rem;
border-bottom:1px solid #eee;text-align:left;vertical-align:middle}}th{{background:#fafafa}}
.meta{{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.6rem 0;
color:#424242}}.meta dt{{font-weight:600}}.meta dd{{margin:0}}
.verdict{{display:inline-block;font-size:1.2rem;font-weight:700;padding:.3rem .9rem;
border-radius:4px;color:#fff}}.verdict.passes{{background:#2e7d32}}
.verdict.fails{{background:{_FAILED}}}
.chips span{{display:inline-block;margin:.4rem .4rem 0 0;padding:.1rem .6rem;border-radius:999px;
color:#fff;font-size:.9rem}}
.status{{font-weight:600;white-space:nowrap}}
.num{{text-align:right;font-variant-numeric:tabular-nums;width:7rem}}
.zero{{color:#bdbdbd}}
.failures{{border-left:4px solid {_FAILED};background:#ffebee;padding:.5rem 1rem}}
.failures li{{margin:.4rem 0}}
.trends{{display:flex;flex-wrap:wrap;gap:1rem}}.trends figure{{margin:0}}
figcaption{{font-weight:600}}
svg text{{font-size:11px;fill:#424242}}svg text.value{{font-weight:700;fill:#212121}}
svg text.target{{fill:#212121}}svg text.inside{{fill:#fff}}
footer{{margin-top:3rem;color:#757575;font-size:.85rem}}
@media print{{body{{margin:0}}h2{{break-after:avoid}}tr{{break-inside:avoid}}}}
"""


def _colour(verdict: Verdict) -> str:
    if verdict.severity is Severity.FAILURE or verdict.status is Status.MISSED:
        return _FAILED
    return _HEX.get(verdict.status, "#ef6c00")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _targets(document: object) -> dict[str, Target]:
    if isinstance(document, Plan):
        return {target.id: target for target in document.targets()}
    duties = getattr(document, "duties", ())
    return {target.id: target for duty in duties for target in duty.targets}


def _indicators(document: object) -> dict[str, Indicator]:
    return {i.id: i for i in getattr(document, "indicators", ())}


def _indicator_name(indicator: Indicator, lang: Lang) -> str:
    return indicator.name if lang == "zh" else (indicator.name_en or indicator.id)


_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.AT_MOST: "≤",
    Comparator.MORE_THAN: ">",
    Comparator.LESS_THAN: "<",
    Comparator.EQUAL: "=",
    Comparator.BETWEEN: "",
    Comparator.ZERO: "= 0",
    Comparator.RANK_WITHIN: "≤ #",
}


def _target_label(target: Target, lang: Lang) -> str:
    word = WORDS[lang]["target"]
    if target.comparator is Comparator.BETWEEN:
        assert target.value is not None
        assert target.upper is not None
        return f"{word} {quantity_words(target.value, lang)}–{quantity_words(target.upper, lang)}"
    value = "" if target.value is None else f" {quantity_words(target.value, lang)}"
    if target.value is not None and target.is_approximate:
        # 8%左右: a band, read by the indicator's direction.
        band = band_text(target.value, lang)
        if target.comparator is Comparator.EQUAL:
            return f"{word} {band}"
        return f"{word} {_SYMBOLS[target.comparator]} {band}"
    return f"{word} {_SYMBOLS[target.comparator]}{value}"


def _responsible(document: object, verdict: Verdict) -> tuple[str, ...]:
    """The organisations answerable for a verdict: the target's scope and its goal's leads."""
    issuer = getattr(document, "issuer", None)
    if not isinstance(document, Plan):
        owner = verdict.scope or issuer
        return (owner,) if owner else ()
    key = verdict.subject.split("@")[0]
    for goal in document.goals():
        leads = tuple(dict.fromkeys(u for m in goal.measures for u in m.lead))
        for target in goal.targets:
            if target.id == key:
                scope = verdict.scope or target.scope or issuer
                return tuple(dict.fromkeys((scope, *leads) if scope else leads))
        for measure in goal.measures:
            if measure.id == key:
                return tuple(dict.fromkeys(measure.lead)) or ((issuer,) if issuer else ())
    return (issuer,) if issuer else ()


def _header(
    evaluation: Evaluation, document: object, lang: Lang, context: ReportContext
) -> list[str]:
    words = WORDS[lang]
    names = organisation_names(document)
    issuer = getattr(document, "issuer", None)
    sources = list(dict.fromkeys(context.sources))
    stated = [o.source for o in context.observations if o.source]
    sources += [s for s in dict.fromkeys(stated) if s not in sources]
    rows = [
        (words["issuer"], names.get(issuer, issuer) if issuer else ""),
        (words["as_of"].capitalize() if lang == "en" else words["as_of"],
         words["final"] if evaluation.as_of is None else str(evaluation.as_of)),
        (words["sources"], "; ".join(sources) or words["none"]),
        (words["generated"],
         "" if context.generated is None else context.generated.strftime("%Y-%m-%d %H:%M %z")),
    ]  # fmt: skip
    meta = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    result = "passes" if evaluation.passes else "fails"
    chips = "".join(
        f'<span style="background:{_HEX.get(s, _FAILED)}">{_e(status_word(s, lang))} {n}</span>'
        for s, n in evaluation.counts().items()
        if n
    )
    return [
        f"<header><h1>{_e(title_of(evaluation, document))}</h1>",
        f'<dl class="meta">{meta}</dl>',
        f'<div class="verdict {result}">{_e(words[result])}</div>',
        f'<div class="chips">{chips}</div></header>',
    ]


def _failures(evaluation: Evaluation, document: object, lang: Lang) -> list[str]:
    words = WORDS[lang]
    failures = failing(evaluation)
    if not failures:
        return [f"<h2>{_e(words['attention'])}</h2><p>{_e(words['all_met'])}</p>"]
    targets = _targets(document)
    items = []
    for verdict in failures:
        target = targets.get(verdict.subject.split("@")[0])
        chart = _chart(verdict, target, lang)
        items.append(f"<li>{_e(verdict.explain(lang))}<br>{chart}</li>")
    return [
        f"<h2>{_e(words['failed'])}</h2>",
        f'<div class="failures"><ul>{"".join(items)}</ul></div>',
    ]


_MET = {Status.MET, Status.CONSISTENT, Status.BASICALLY_MET, Status.DONE_LATE}
_MISSED = {Status.MISSED, Status.INCONSISTENT, Status.OVERDUE}


def _by_responsible(evaluation: Evaluation, document: object, lang: Lang) -> list[str]:
    words = WORDS[lang]
    names = organisation_names(document)
    counts: dict[str, list[int]] = {}
    for verdict in evaluation.verdicts:
        column = (
            0
            if verdict.status in _MET
            else 1
            if verdict.status in _MISSED
            else 2
            if verdict.status is Status.NO_DATA
            else 3
        )
        for organisation in _responsible(document, verdict):
            counts.setdefault(organisation, [0, 0, 0, 0])[column] += 1
    if not counts:
        return []
    colours = ("#c8e6c9", "#ffcdd2", "#e0e0e0", "#ffe0b2")
    head = "".join(
        f'<th class="num">{_e(words[k])}</th>'
        for k in ("met_col", "missed_col", "no_data_col", "open_col")
    )
    rows = []
    for organisation, numbers in counts.items():
        cells = "".join(
            f'<td class="num" style="background:{colours[i]}">{n}</td>'
            if n
            else f'<td class="num zero">{n}</td>'
            for i, n in enumerate(numbers)
        )
        rows.append(f"<tr><td>{_e(names.get(organisation, organisation))}</td>{cells}</tr>")
    return [
        f"<h2>{_e(words['by_unit'])}</h2>",
        f"<table><tr><th>{_e(words['unit'])}</th>{head}</tr>{''.join(rows)}</table>",
    ]


def _trends(
    evaluation: Evaluation, document: object, lang: Lang, context: ReportContext
) -> list[str]:
    indicators = _indicators(document)
    issuer = getattr(document, "issuer", None)
    targets_of: dict[str, list[Target]] = {}
    for target in _targets(document).values():
        if target.basis.value == "level" and (target.scope or issuer) == issuer:
            targets_of.setdefault(target.indicator_id, []).append(target)
    figures = []
    for indicator_id, targets in targets_of.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        series: dict[object, Point] = {}
        for observation in sorted(
            (
                o
                for o in context.observations
                if o.indicator_id == indicator_id
                and (o.scope or issuer) == issuer
                and not o.breakdown
                and o.change_from is None
                and o.value is not None
            ),
            key=lambda o: (o.period.end, o.period.start),
        ):
            assert observation.value is not None
            try:
                low, high = observation.value.bounds_in(indicator.unit)
            except Exception:  # an unconvertible unit: left out of the chart, as of the check
                continue
            baseline = any(observation.period == t.baseline for t in targets)
            series[observation.period] = Point(
                label=str(observation.period),
                low=low,
                high=high,
                text=quantity_words(observation.value, lang),
                kind="baseline" if baseline else "result",
            )
        if len(series) < 2:
            continue
        lines: list[tuple[Fraction, str]] = []
        for target in targets:
            if target.value is None or target.comparator is Comparator.RANK_WITHIN:
                continue
            try:
                value = target.value.bounds_in(indicator.unit)[0]
            except Exception:  # a target in a unit that does not convert: no line
                continue
            if value is not None:
                lines.append((value, _target_label(target, lang)))
        chart = trend_chart(
            list(series.values()),
            lines,
            colour="#1565c0",
            unit=unit_words(indicator.unit, lang).strip(),
        )
        if chart:
            name = _indicator_name(indicator, lang)
            figures.append(f"<figure><figcaption>{_e(name)}</figcaption>{chart}</figure>")
    if not figures:
        return []
    return [f"<h2>{_e(WORDS[lang]['trend'])}</h2>", f'<div class="trends">{"".join(figures)}</div>']


def _chart(verdict: Verdict, target: Target | None, lang: Lang) -> str:
    if target is None:
        return ""
    return bullet_chart(
        verdict.observed,
        target,
        colour=_colour(verdict),
        target_label=_target_label(target, lang),
        lang=lang,
    )


def _sections(evaluation: Evaluation, document: object, lang: Lang) -> Iterable[str]:
    words = WORDS[lang]
    targets = _targets(document)
    for heading, verdicts in groups(evaluation, document, lang):
        charts = [_chart(v, targets.get(v.subject.split("@")[0]), lang) for v in verdicts]
        with_charts = any(charts)
        yield f"<h2>{_e(heading)}</h2><table>"
        chart_head = f"<th>{_e(words['chart'])}</th>" if with_charts else ""
        yield f"<tr><th>{_e(words['status'])}</th><th>{_e(words['why'])}</th>{chart_head}</tr>"
        for verdict, chart in zip(verdicts, charts, strict=True):
            cell = f"<td>{chart}</td>" if with_charts else ""
            yield (
                f'<tr><td class="status" style="color:{_colour(verdict)}">'
                f"{_e(status_word(verdict.status, lang))}</td>"
                f"<td>{_e(verdict.explain(lang))}</td>{cell}</tr>"
            )
        yield "</table>"


def html_report(
    evaluation: Evaluation, document: object, *, lang: Lang, context: ReportContext
) -> str:
    """The whole HTML page."""
    title = _e(title_of(evaluation, document))
    parts: list[str] = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        *_header(evaluation, document, lang, context),
        *_failures(evaluation, document, lang),
        *_by_responsible(evaluation, document, lang),
        *_trends(evaluation, document, lang, context),
        *_sections(evaluation, document, lang),
        f"<footer>govplan · {_e(as_of_words(evaluation, lang))}</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
