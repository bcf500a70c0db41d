"""From a draft to the library's documents, to plain items, and to a reviewable file.

:func:`build_plan` and :func:`build_report` turn a :class:`~.drafts.Draft` into
a :class:`~govplan.Plan` or :class:`~govplan.Report` that validates; every
figure, claim or measure that cannot go into it (a target without an exact
bound, a figure without a period) is listed with the reason in the file
:func:`draft_yaml` writes, never dropped in silence.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ...errors import ValidationError
from ...model.indicators import Direction, Indicator
from ...model.measures import Measure
from ...model.observations import Observation
from ...model.organisations import Organisation
from ...model.plans import Goal, Plan, Section
from ...model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ...model.targets import Basis, Comparator, Target, is_band
from ...values.periods import Period
from ...values.quantities import Quantity
from ...values.units import PERCENT, PERCENTAGE_POINT, Unit
from .drafts import ClaimKind, Draft, DraftClaim, DraftFigure, DraftSection
from .figures import slug

__all__ = ["build_plan", "build_report", "draft_yaml", "item_records"]

Notes = dict[str, list[str]]


@attrs.define
class _Built:
    document: Plan | Report
    notes: Notes
    skipped: list[str]


def _exact(value: Decimal, quantity: Quantity) -> Quantity:
    return Quantity(low=value, high=value, unit=quantity.unit, stated=quantity.stated)


def _organisations(draft: Draft) -> tuple[tuple[Organisation, ...], dict[str, str]]:
    ids: dict[str, str] = {}
    found: list[Organisation] = []
    named = [*draft.organisations]
    named += [name for m in draft.measures for name in m.lead]
    named += [f.scope for f in draft.figures if f.scope is not None]
    for name in named:
        if name in ids:
            continue
        org_id = slug(name)
        known = org_id in ids.values()
        ids[name] = org_id
        if not known:
            found.append(Organisation(id=org_id, name=name))
    return tuple(found), ids


def _period(draft: Draft) -> Period:
    if draft.year is None:
        raise ValidationError(
            "the document's year could not be read from its title or first paragraph",
            field="year",
            expected="the year the text is about: extract(text, kind, year=2011), "
            "or govplan extract / audit --year 2011",
        )
    return Period.year(draft.year)


def _indicator_unit(figure: DraftFigure) -> Unit | None:
    if figure.quantity is None:
        return None
    unit = figure.quantity.unit
    if unit == PERCENTAGE_POINT:
        return PERCENT
    return unit


class _Indicators:
    """One indicator per name and kind of unit, with stable ids."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], Indicator] = {}
        self.by_name: dict[str, str] = {}
        self.ids: set[str] = set()
        self.order: list[Indicator] = []

    def of(self, figure: DraftFigure, *, lower: bool = False) -> str | None:
        unit = _indicator_unit(figure)
        if figure.basis is Basis.GROWTH and figure.indicator_id in self.by_name:
            return self.by_name[figure.indicator_id]
        key = (figure.indicator_id, "" if unit is None else unit.dimension)
        indicator = self.by_key.get(key)
        if indicator is not None:
            return indicator.id
        if unit is None:
            return None
        base = figure.indicator_id
        indicator_id = base if base not in self.ids else f"{base}-{unit.symbol or unit.dimension}"
        number = 2
        while indicator_id in self.ids:
            indicator_id = f"{base}-{number}"
            number += 1
        indicator = Indicator(
            id=indicator_id,
            name=figure.indicator,
            unit=unit,
            direction=Direction.LOWER if lower else Direction.HIGHER,
        )
        self.by_key[key] = indicator
        self.by_name.setdefault(figure.indicator_id, indicator_id)
        self.ids.add(indicator_id)
        self.order.append(indicator)
        return indicator_id


def _source(draft: Draft, figure: DraftFigure, labels: dict[str, str]) -> str:
    where = labels.get(figure.section or "", "")
    sentence = draft.quote(figure.sentence)
    return f"{where} {sentence[:60]}".strip()


def _labels(sections: tuple[DraftSection, ...]) -> dict[str, str]:
    return {s.id: s.id for s in sections}


def _build_report(draft: Draft) -> _Built:
    organisations, org_ids = _organisations(draft)
    indicators = _Indicators()
    notes: Notes = {}
    skipped: list[str] = []
    observations: list[Observation] = []
    kept: set[str] = set()
    labels = _labels(draft.sections)
    for figure in draft.results:
        if figure.period is None:
            skipped.append(f"{figure.id} {figure.text}: no period")
            continue
        indicator_id = indicators.of(figure, lower=figure.comparator is Comparator.ZERO)
        if indicator_id is None:
            skipped.append(f"{figure.id} {figure.text}: no value")
            continue
        path = f"observations[{len(observations)}]"
        if figure.review:
            notes[path] = list(figure.review)
        observations.append(
            Observation(
                id=figure.id,
                indicator_id=indicator_id,
                period=figure.period,
                value=figure.quantity,
                scope=org_ids.get(figure.scope) if figure.scope else None,
                change_from=figure.change_from,
                source=_source(draft, figure, labels),
            )
        )
        kept.add(figure.id)
    claims: list[Claim] = []
    for claim in draft.claims:
        built = _claim(claim, kept)
        if built is None:
            skipped.append(f"{claim.id}: refers to a figure left out")
            continue
        if claim.review:
            notes[f"claims[{len(claims)}]"] = list(claim.review)
        claims.append(built)
    report = Report(
        id=slug(draft.title or "report") or "report",
        title=draft.title or "未命名报告",
        period=_period(draft),
        organisations=organisations,
        indicators=tuple(indicators.order),
        observations=tuple(observations),
        claims=tuple(claims),
        source=draft.source or None,
    )
    return _Built(document=report, notes=notes, skipped=skipped)


def _claim(claim: DraftClaim, kept: set[str]) -> Claim | None:
    refs = [claim.total, *claim.parts, claim.rate, claim.numerator, claim.denominator]
    refs += [claim.change, claim.current]
    if any(ref is not None and ref not in kept for ref in refs):
        return None
    if claim.kind is ClaimKind.SUM:
        assert claim.total is not None
        return SumClaim(
            id=claim.id, total=claim.total, parts=claim.parts, exhaustive=claim.exhaustive
        )
    if claim.kind is ClaimKind.RATE:
        assert claim.rate
        assert claim.numerator
        assert claim.denominator
        return RateClaim(
            id=claim.id, rate=claim.rate, numerator=claim.numerator, denominator=claim.denominator
        )
    assert claim.change
    assert claim.current
    return ChangeClaim(
        id=claim.id,
        change=claim.change,
        current=claim.current,
        basis=claim.basis or Basis.CHANGE,
    )


def _target(
    figure: DraftFigure, indicator_id: str, draft: Draft, org_ids: dict[str, str]
) -> Target | str:
    quantity = figure.quantity
    comparator = figure.comparator or Comparator.AT_LEAST
    value: Quantity | None = None
    upper: Quantity | None = None
    if comparator is not Comparator.ZERO:
        if quantity is None:
            return "no value"
        low, high = quantity.low, quantity.high
        if comparator is Comparator.BETWEEN:
            if low is None or high is None:
                return "a band without two ends"
            value, upper = _exact(low, quantity), _exact(high, quantity)
        elif comparator is Comparator.EQUAL and not quantity.is_exact and is_band(quantity):
            value = quantity  # an approximate target (增长8%左右): the band itself
        elif comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL):
            if low is None:
                return "no lower bound"
            value = _exact(low, quantity)
        elif high is None:
            return "no upper bound"
        else:
            value = _exact(high, quantity)
    if figure.period is None:
        return "no period"
    basis = figure.basis or Basis.LEVEL
    if basis is Basis.GROWTH and value is not None and value.unit != PERCENT:
        basis = Basis.CHANGE
    try:
        return Target(
            id=figure.id,
            indicator_id=indicator_id,
            comparator=comparator,
            value=value,
            upper=upper,
            period=figure.period,
            basis=basis,
            baseline=figure.change_from if basis is not Basis.LEVEL else None,
            deadline=figure.deadline,
            scope=org_ids.get(figure.scope) if figure.scope else None,
            commitment=figure.commitment or "plain",
            stated=draft.quote(figure.clause)[:200] or None,
        )
    except ValidationError as exc:
        return exc.message


def _build_plan(draft: Draft) -> _Built:
    organisations, org_ids = _organisations(draft)
    indicators = _Indicators()
    notes: Notes = {}
    skipped: list[str] = []
    plan_parts = _plan_parts(draft)
    sections = [s for s in draft.sections if s.part in plan_parts]
    top = min((s.level for s in sections), default=1)
    tops = [s for s in sections if s.level == top]
    parent_of = {s.id: s.parent for s in draft.sections}

    top_ids = {s.id for s in tops}

    def goal_of(section_id: str | None) -> tuple[str, str] | None:
        """(top section id, goal section id) of a section."""
        chain: list[str] = []
        current = section_id
        while current is not None:
            chain.append(current)
            current = parent_of.get(current)
        chain.reverse()
        if not chain or chain[0] not in top_ids:
            return None
        return chain[0], chain[1] if len(chain) > 1 else chain[0]

    targets: dict[tuple[str, str], list[tuple[Target, DraftFigure]]] = {}
    measures: dict[tuple[str, str], list[Measure]] = {}
    loose = ("s0", "s0")
    for figure in draft.targets:
        indicator_id = indicators.of(
            figure,
            lower=figure.comparator in (Comparator.ZERO, Comparator.AT_MOST, Comparator.LESS_THAN),
        )
        if indicator_id is None and figure.comparator is Comparator.ZERO:
            indicator_id = _zero_indicator(indicators, figure)
        if indicator_id is None:
            skipped.append(f"{figure.id} {figure.text}: no value")
            continue
        built = _target(figure, indicator_id, draft, org_ids)
        if isinstance(built, str):
            skipped.append(f"{figure.id} {figure.text}: {built}")
            continue
        targets.setdefault(goal_of(figure.section) or loose, []).append((built, figure))
    for measure in draft.measures:
        key = goal_of(measure.section) or loose
        measures.setdefault(key, []).append(
            Measure(
                id=measure.id,
                action=measure.action,
                deadline=measure.deadline,
                lead=tuple(org_ids[name] for name in measure.lead if name in org_ids),
            )
        )
    built_sections: list[Section] = []
    titles = {s.id: s for s in draft.sections}
    section_ids = [s.id for s in tops]
    if any(key[0] == "s0" for key in (*targets, *measures)):
        section_ids.insert(0, "s0")
    children: dict[str | None, list[str]] = {}
    for section in sections:
        children.setdefault(section.parent, []).append(section.id)
    keys = {*targets, *measures}
    for section_index, section_id in enumerate(section_ids):
        goal_ids = [section_id] if section_id == "s0" else list(children.get(section_id, ()))
        if section_id != "s0" and (section_id, section_id) in keys:
            goal_ids.insert(0, section_id)
        goals: list[Goal] = []
        for goal_index, goal_id in enumerate(goal_ids):
            key = (section_id, goal_id)
            goal_targets = targets.get(key, [])
            for target_index, (_, figure) in enumerate(goal_targets):
                if figure.review:
                    path = f"sections[{section_index}].goals[{goal_index}].targets[{target_index}]"
                    notes[path] = list(figure.review)
            info = titles.get(goal_id)
            goals.append(
                Goal(
                    id=goal_id if goal_id != section_id else f"{goal_id}-g",
                    title=(info.title if info and info.title else "未命名任务")
                    if goal_id != "s0"
                    else "未分节的目标",
                    number=str(info.number) if info and goal_id != section_id else None,
                    targets=tuple(t for t, _ in goal_targets),
                    measures=tuple(measures.get(key, ())),
                )
            )
        info = titles.get(section_id)
        built_sections.append(
            Section(
                id=section_id,
                title=(info.title or "未命名部分") if info else "未分节",
                goals=tuple(goals),
            )
        )
    plan = Plan(
        id=slug(draft.title or "plan") or "plan",
        title=draft.title or "未命名计划",
        period=_period(draft),
        organisations=organisations,
        indicators=tuple(indicators.order),
        sections=tuple(built_sections),
        source=draft.source or None,
    )
    return _Built(document=plan, notes=notes, skipped=skipped)


def _zero_indicator(indicators: _Indicators, figure: DraftFigure) -> str | None:
    from ...values.units import parse_unit

    stand_in = attrs.evolve(figure, quantity=Quantity.of(0, parse_unit("起")))
    return indicators.of(stand_in, lower=True)


def _plan_parts(draft: Draft) -> set[int]:
    parts = {s.part for s in draft.sections}
    planned = {f.section for f in draft.targets}
    by_id = {s.id: s.part for s in draft.sections}
    chosen = {by_id[s] for s in planned if s in by_id}
    return chosen or parts


def build_plan(draft: Draft) -> Plan:
    """The plan the draft describes."""
    document = _build_plan(draft).document
    assert isinstance(document, Plan)
    return document


def build_report(draft: Draft) -> Report:
    """The report the draft describes."""
    document = _build_report(draft).document
    assert isinstance(document, Report)
    return document


def _value(figure: DraftFigure) -> str | None:
    quantity = figure.quantity
    if quantity is None:
        return None
    if quantity.is_exact:
        assert quantity.low is not None
        return format(quantity.low, "f")
    if (
        figure.approx in ("约", "大约", "左右")
        and quantity.low is not None
        and quantity.high is not None
    ):
        return format((quantity.low + quantity.high) / 2, "f")
    if figure.approx in ("近", "将近") or quantity.low is None:
        return None if quantity.high is None else format(quantity.high, "f")
    if figure.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.RANK_WITHIN):
        return None if quantity.high is None else format(quantity.high, "f")
    return format(quantity.low, "f")


def item_records(draft: Draft) -> list[dict[str, Any]]:
    """Every figure, claim, measure and unread number as plain data, in document order."""
    records: list[tuple[int, dict[str, Any]]] = []
    for figure in draft.figures:
        records.append(
            (
                figure.span.start,
                {
                    "id": figure.id,
                    "kind": figure.kind.value,
                    "indicator": figure.indicator,
                    "text": figure.text,
                    "value": _value(figure),
                    "unit": None if figure.quantity is None else figure.quantity.unit.symbol,
                    "comparator": None if figure.comparator is None else figure.comparator.value,
                    "approx": figure.approx,
                    "commitment": None if figure.commitment is None else figure.commitment.value,
                    "period": None if figure.period is None else str(figure.period),
                    "deadline": None if figure.deadline is None else str(figure.deadline.due),
                    "change_from": None if figure.change_from is None else str(figure.change_from),
                    "scope": figure.scope,
                    "section": figure.section,
                    "span": [figure.span.start, figure.span.end],
                    "review": list(figure.review),
                },
            )
        )
    for claim in draft.claims:
        record: dict[str, Any] = {
            "id": claim.id,
            "kind": "claim",
            "claim": claim.kind.value,
            "text": draft.quote(claim.span),
            "span": [claim.span.start, claim.span.end],
            "review": list(claim.review),
        }
        if claim.kind is ClaimKind.SUM:
            record.update(total=claim.total, parts=list(claim.parts), exhaustive=claim.exhaustive)
        elif claim.kind is ClaimKind.RATE:
            record.update(rate=claim.rate, numerator=claim.numerator, denominator=claim.denominator)
        else:
            record.update(
                change=claim.change,
                current=claim.current,
                baseline=claim.baseline,
                basis=None if claim.basis is None else claim.basis.value,
            )
        records.append((claim.span.start, record))
    for measure in draft.measures:
        records.append(
            (
                measure.span.start,
                {
                    "id": measure.id,
                    "kind": "measure",
                    "text": measure.action,
                    "deadline": None if measure.deadline is None else str(measure.deadline.due),
                    "section": measure.section,
                    "span": [measure.span.start, measure.span.end],
                    "review": list(measure.review),
                },
            )
        )
    for unread in draft.unread:
        records.append(
            (
                unread.span.start,
                {
                    "kind": "unread",
                    "text": unread.text,
                    "reason": unread.reason,
                    "span": [unread.span.start, unread.span.end],
                },
            )
        )
    records.sort(key=lambda pair: pair[0])
    return [record for _, record in records]


def draft_yaml(draft: Draft) -> str:
    """The plan or report as YAML, with ``# review:`` comments above uncertain items.

    The comments are for the person reviewing; the file loads to the same
    object as :meth:`Draft.to_plan` / :meth:`Draft.to_report` gives.
    """
    from ..files import dumps
    from ..yaml_loader import field_lines

    built = _build_plan(draft) if draft.kind == "plan" else _build_report(draft)
    text = dumps(built.document, "yaml")
    lines = text.split("\n")
    where = field_lines(text)
    inserts: dict[int, list[str]] = {}
    for path, notes in built.notes.items():
        at = where.get(path)
        if at is None:
            continue
        indent = len(lines[at - 1]) - len(lines[at - 1].lstrip(" "))
        inserts.setdefault(at - 1, []).extend(f"{' ' * indent}# review: {n}" for n in notes)
    out: list[str] = []
    header = [
        f"# Draft {draft.kind} extracted from {draft.source or 'text'} by govplan extract.",
        "# Check every item against the text; '# review:' marks what the extractor was unsure of.",
    ]
    for note in built.skipped:
        header.append(f"# not included: {note}")
    others = draft.results if draft.kind == "plan" else draft.targets
    if others:
        other = "results" if draft.kind == "plan" else "targets"
        header.append(
            f"# not included: {len(others)} {other} read in this {draft.kind} "
            f"({', '.join(f.text for f in others[:8])}{' …' if len(others) > 8 else ''}); "
            f"extract with --kind {'report' if draft.kind == 'plan' else 'plan'} "
            "or --format json to see them"
        )
    for unread in draft.unread:
        header.append(
            f"# unread at {unread.span.start}-{unread.span.end}: {unread.text!r} ({unread.reason})"
        )
    out.extend(header)
    for index, line in enumerate(lines):
        out.extend(inserts.get(index, ()))
        out.append(line)
    return "\n".join(out)
