"""Resolving ids: every reference in a document must name an object in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ..errors import DanglingReferenceError, Problem
from ..values.units import PERCENT, difference_unit
from .events import VolunteerEvent
from .indicators import Indicator
from .observations import Observation
from .plans import Plan
from .posts import Post
from .reports import ChangeClaim, RateClaim, Report, SumClaim

__all__ = ["check_references", "find"]


class _HasId(Protocol):
    @property
    def id(self) -> str | None: ...


T = TypeVar("T", bound=_HasId)


def find(items: Iterable[T], wanted: str, field: str) -> T:
    """The item of *items* whose id is *wanted*.

    Raises:
        DanglingReferenceError: None has that id; the message lists the known ids.

    """
    items = tuple(items)
    for item in items:
        if item.id == wanted:
            return item
    known = ", ".join(repr(i.id) for i in items if i.id is not None) or "none"
    raise DanglingReferenceError(
        f"no {field} entry has id {wanted!r}", field=field, value=wanted, expected=f"one of {known}"
    )


def _dangling(path: str, wanted: str | None, known: set[str], what: str) -> list[Problem]:
    if wanted is None or wanted in known:
        return []
    listed = ", ".join(sorted(known)[:12]) or "none defined"
    return [Problem(path=path, message=f"unknown {what} id {wanted!r} (known: {listed})")]


def _each(path: str, wanted: Sequence[str], known: set[str], what: str) -> list[Problem]:
    return [
        problem
        for index, item in enumerate(wanted)
        for problem in _dangling(f"{path}[{index}]", item, known, what)
    ]


def _common(document: Plan | Report) -> tuple[set[str], set[str], list[Problem]]:
    units = {o.id for o in document.organisations}
    problems: list[Problem] = []
    problems += _dangling("issuer", document.issuer, units, "organisation")
    for i, org in enumerate(document.organisations):
        problems += _dangling(f"organisations[{i}].parent_id", org.parent_id, units, "organisation")
    for i, person in enumerate(document.people):
        problems += _dangling(
            f"people[{i}].organisation_id", person.organisation_id, units, "organisation"
        )
    indicators = {ind.id for ind in document.indicators}
    problems += _formulas(document.indicators, indicators)
    return units, indicators, problems


def _formulas(indicators: Sequence[Indicator], known: set[str]) -> Iterator[Problem]:
    for i, indicator in enumerate(indicators):
        if indicator.formula is not None:
            path = f"indicators[{i}].formula"
            formula = indicator.formula
            yield from _dangling(f"{path}.numerator_id", formula.numerator_id, known, "indicator")
            yield from _dangling(
                f"{path}.denominator_id", formula.denominator_id, known, "indicator"
            )


def check_references(document: Any) -> list[Problem]:
    """Every dangling reference of a document, by field path."""
    if isinstance(document, Plan):
        return _plan_problems(document)
    if isinstance(document, Report):
        return (
            _report_problems(document)
            + _inspection_problems(document)
            + _statement_problems(document)
        )
    if isinstance(document, VolunteerEvent):
        return _event_problems(document)
    if isinstance(document, Post):
        return _post_problems(document)
    return []


def _inspection_problems(report: Report) -> list[Problem]:
    units = {o.id for o in report.organisations}
    people = {p.id for p in report.people}
    anyone = units | people
    problems: list[Problem] = []
    for i, inspection in enumerate(report.inspections):
        path = f"inspections[{i}]"
        problems += _each(f"{path}.leads", inspection.leads, people, "person")
        problems += _each(
            f"{path}.inspecting_units", inspection.inspecting_units, units, "organisation"
        )
        problems += _each(
            f"{path}.inspected_units", inspection.inspected_units, units, "organisation"
        )
        for f, finding in enumerate(inspection.findings):
            problems += _dangling(f"{path}.findings[{f}].unit", finding.unit, units, "organisation")
        for r, rectification in enumerate(inspection.rectifications):
            where = f"{path}.rectifications[{r}]"
            problems += _dangling(f"{where}.owner", rectification.owner, anyone, "unit or person")
            problems += _dangling(
                f"{where}.verified_by", rectification.verified_by, anyone, "unit or person"
            )
    inspected = {i.id for i in report.inspections}
    for i, inspection in enumerate(report.inspections):
        problems += _dangling(
            f"inspections[{i}].follows_up", inspection.follows_up, inspected, "inspection"
        )
    for p, pledge in enumerate(report.pledges):
        problems += _dangling(f"pledges[{p}].issuer", pledge.issuer, units, "organisation")
        problems += _each(f"pledges[{p}].signatories", pledge.signatories, anyone, "unit or person")
    for a, activity in enumerate(report.activities):
        problems += _dangling(
            f"activities[{a}].organiser", activity.organiser, units, "organisation"
        )
    return problems


def _statement_problems(report: Report) -> list[Problem]:
    """Dangling ids in a report's own targets, standing claims and completion claims."""
    units = {o.id for o in report.organisations}
    indicators = {i.id for i in report.indicators}
    observed = {o.id for o in report.observations if o.id is not None}
    targets = {t.id for t in report.targets}
    problems: list[Problem] = []
    for t, target in enumerate(report.targets):
        path = f"targets[{t}]"
        problems += _dangling(f"{path}.indicator_id", target.indicator_id, indicators, "indicator")
        problems += _dangling(f"{path}.scope", target.scope, units, "organisation")
        problems += _dangling(
            f"{path}.reference_scope", target.reference_scope, units, "organisation"
        )
    for c, standing in enumerate(report.standing_claims):
        path = f"standing_claims[{c}]"
        problems += _each(
            f"{path}.reference_scopes", standing.reference_scopes, units, "organisation"
        )
        problems += _dangling(f"{path}.observation", standing.observation, observed, "observation")
        problems += _dangling(f"{path}.reference", standing.reference, observed, "observation")
    for c, completion in enumerate(report.completion_claims):
        path = f"completion_claims[{c}]"
        problems += _dangling(f"{path}.result", completion.result, observed, "observation")
        problems += _dangling(f"{path}.target", completion.target, targets, "target")
    return problems


def _event_problems(event: VolunteerEvent) -> list[Problem]:
    units = {o.id for o in event.organisations}
    people = {p.id for p in event.people}
    teams = {t.id for t in event.teams}
    problems = _dangling("team_id", event.team_id, teams, "team")
    problems += _each("organisers", event.organisers, units, "organisation")
    problems += _each("guests", event.guests, people, "person")
    for t, team in enumerate(event.teams):
        problems += _each(
            f"teams[{t}].organisation_ids", team.organisation_ids, units, "organisation"
        )
        for m, member in enumerate(team.members):
            problems += _dangling(
                f"teams[{t}].members[{m}].person_id", member.person_id, people, "person"
            )
    for p, person in enumerate(event.people):
        problems += _dangling(
            f"people[{p}].organisation_id", person.organisation_id, units, "organisation"
        )
    return problems


def _post_problems(post: Post) -> list[Problem]:
    units = {o.id for o in post.organisations}
    indicators = {i.id for i in post.indicators}
    problems = _dangling("organisation_id", post.organisation_id, units, "organisation")
    for d, duty in enumerate(post.duties):
        for t, target in enumerate(duty.targets):
            path = f"duties[{d}].targets[{t}]"
            problems += _dangling(
                f"{path}.indicator_id", target.indicator_id, indicators, "indicator"
            )
            problems += _dangling(f"{path}.scope", target.scope, units, "organisation")
            problems += _dangling(
                f"{path}.reference_scope", target.reference_scope, units, "organisation"
            )
        for a, activity in enumerate(duty.activities):
            problems += _dangling(
                f"duties[{d}].activities[{a}].organiser", activity.organiser, units, "organisation"
            )
    return problems


def _plan_problems(plan: Plan) -> list[Problem]:
    units, indicators, problems = _common(plan)
    for s, section in enumerate(plan.sections):
        for g, goal in enumerate(section.goals):
            base = f"sections[{s}].goals[{g}]"
            for t, target in enumerate(goal.targets):
                path = f"{base}.targets[{t}]"
                problems += _dangling(
                    f"{path}.indicator_id", target.indicator_id, indicators, "indicator"
                )
                problems += _dangling(f"{path}.scope", target.scope, units, "organisation")
                problems += _dangling(
                    f"{path}.reference_scope", target.reference_scope, units, "organisation"
                )
            for m, measure in enumerate(goal.measures):
                path = f"{base}.measures[{m}]"
                problems += _each(f"{path}.lead", measure.lead, units, "organisation")
                problems += _each(
                    f"{path}.co_responsible", measure.co_responsible, units, "organisation"
                )
            for q, qualitative in enumerate(goal.qualitative_targets):
                path = f"{base}.qualitative_targets[{q}]"
                problems += _dangling(
                    f"{path}.indicator_id", qualitative.indicator_id, indicators, "indicator"
                )
                problems += _dangling(f"{path}.scope", qualitative.scope, units, "organisation")
                problems += _each(
                    f"{path}.reference_scopes", qualitative.reference_scopes, units, "organisation"
                )
    return problems


def _unit_problems(path: str, observation: Observation, indicator: Indicator) -> Iterator[Problem]:
    if observation.value is None:
        return
    expected = indicator.unit
    if observation.change_from is not None and observation.value.unit.dimension != "rate":
        # A change of a rate is in percentage points; a growth may be in percent.
        expected = difference_unit(indicator.unit)
        if observation.value.unit == PERCENT:
            return
    if not observation.value.unit.is_compatible(expected):
        yield Problem(
            path=f"{path}.value",
            message=(
                f"unit {observation.value.unit.symbol!r} does not measure what indicator "
                f"{indicator.id!r} measures (expected a unit like {expected.symbol!r})"
            ),
        )


def _report_problems(report: Report) -> list[Problem]:
    units, indicators, problems = _common(report)
    by_id = {indicator.id: indicator for indicator in report.indicators}
    for i, observation in enumerate(report.observations):
        path = f"observations[{i}]"
        problems += _dangling(
            f"{path}.indicator_id", observation.indicator_id, indicators, "indicator"
        )
        problems += _dangling(f"{path}.scope", observation.scope, units, "organisation")
        if observation.indicator_id in by_id:
            problems += _unit_problems(path, observation, by_id[observation.indicator_id])
    observed = {o.id for o in report.observations if o.id is not None}
    for c, claim in enumerate(report.claims):
        path = f"claims[{c}]"
        refs: list[tuple[str, str | None]]
        if isinstance(claim, SumClaim):
            refs = [("total", claim.total)]
            refs += [(f"parts[{p}]", part) for p, part in enumerate(claim.parts)]
        elif isinstance(claim, RateClaim):
            refs = [
                ("rate", claim.rate),
                ("numerator", claim.numerator),
                ("denominator", claim.denominator),
            ]
        else:
            assert isinstance(claim, ChangeClaim)
            refs = [
                ("change", claim.change),
                ("current", claim.current),
                ("baseline", claim.baseline),
            ]
        for name, ref in refs:
            problems += _dangling(f"{path}.{name}", ref, observed, "observation")
    return problems
