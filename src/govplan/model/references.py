"""Resolving ids: every reference in a document must name an object in it.

:func:`check_references` also refuses what would make one id mean two things:
two records with the same id in one list (two targets
``t1`` in one goal would give two verdicts with one subject), and a unit that is its own
ancestor through ``parent_id``.
"""

from __future__ import annotations

import functools
import itertools
import operator
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

import attrs

from ..errors import DanglingReferenceError, Problem
from ..values.units import PERCENT, difference_unit
from .events import VolunteerEvent
from .indicators import Indicator
from .measures import Measure
from .observations import Observation
from .organisations import Organisation
from .plans import Plan
from .posts import Post
from .reports import ChangeClaim, RateClaim, Report, SumClaim

__all__ = ["check_references", "duplicate_ids", "find"]


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


def _resolves(wanted: str | None, known: set[str]) -> bool:
    """Whether *wanted* is absent or known (the fast test before any path is built)."""
    return wanted is None or wanted in known


def _resolves_all(wanted: Iterable[str | None], known: set[str]) -> bool:
    return all(item is None or item in known for item in wanted)


def _each(path: str, wanted: Sequence[str], known: set[str], what: str) -> list[Problem]:
    return [
        problem
        for index, item in enumerate(wanted)
        for problem in _dangling(f"{path}[{index}]", item, known, what)
    ]


def _organisation_tree(organisations: Sequence[Organisation]) -> list[Problem]:
    """Every dangling ``parent_id``, and every unit that is its own ancestor."""
    units = {o.id: o for o in organisations}
    problems: list[Problem] = []
    for i, org in enumerate(organisations):
        problems += _dangling(
            f"organisations[{i}].parent_id", org.parent_id, set(units), "organisation"
        )
    for i, org in enumerate(organisations):
        seen = [org.id]
        parent = org.parent_id
        while parent is not None and parent in units and parent not in seen:
            seen.append(parent)
            parent = units[parent].parent_id
        if parent == org.id:
            chain = " → ".join([*seen, org.id])
            problems.append(
                Problem(
                    path=f"organisations[{i}].parent_id",
                    message=f"the unit {org.id!r} is its own ancestor ({chain})",
                )
            )
    return problems


def _measures(path: str, measures: Sequence[Measure], units: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for m, measure in enumerate(measures):
        if _resolves_all(measure.lead, units) and _resolves_all(measure.co_responsible, units):
            continue
        problems += _each(f"{path}[{m}].lead", measure.lead, units, "organisation")
        problems += _each(
            f"{path}[{m}].co_responsible", measure.co_responsible, units, "organisation"
        )
    return problems


def _common(document: Plan | Report) -> tuple[set[str], set[str], list[Problem]]:
    units = {o.id for o in document.organisations}
    problems: list[Problem] = []
    problems += _dangling("issuer", document.issuer, units, "organisation")
    problems += _organisation_tree(document.organisations)
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
    """Every dangling reference and every repeated id of a document, by field path."""
    problems = duplicate_ids(document)
    if isinstance(document, Plan):
        problems += _plan_problems(document)
    elif isinstance(document, Report):
        problems += (
            _report_problems(document)
            + _inspection_problems(document)
            + _statement_problems(document)
        )
    elif isinstance(document, VolunteerEvent):
        problems += _event_problems(document)
    elif isinstance(document, Post):
        problems += _post_problems(document)
    return problems


def duplicate_ids(document: object) -> list[Problem]:
    """Two records with one id in any one list of *document*, by field path.

    Records without an id (``id: None``, allowed for observations) are skipped.
    """
    if not _any_repeated(document):
        return []
    return _located_duplicates(document)


def _located_duplicates(document: object) -> list[Problem]:
    """The slow walk of :func:`duplicate_ids`, building each record's path."""
    first: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for path, record in _records(document, ""):
        wanted = getattr(record, "id", None)
        if not isinstance(wanted, str) or not path.endswith("]"):
            continue
        where, _, index = path.rpartition("[")
        known = first.setdefault((where, wanted), int(index[:-1]))
        if known != int(index[:-1]):
            problems.append(
                Problem(
                    path=f"{path}.id",
                    message=f"duplicate id {wanted!r} (also at {where}[{known}]): "
                    "ids must be unique within a list",
                )
            )
    return problems


def _any_repeated(document: object) -> bool:
    """Whether some list of records repeats an id (the fast walk: no paths).

    The walk goes a field at a time over all records of one class (every
    goal's targets at once), so a plan of 10^4 goals costs a few C-speed maps
    rather than 10^4 Python steps per field.
    """
    stack: list[tuple[type, list[object]]] = [(type(document), [document])]
    while stack:
        kind, records = stack.pop()
        for name in _record_fields(kind) or ():
            values = list(map(operator.attrgetter(name), records))
            lists = [value for value in values if type(value) is tuple]
            if any(_repeats_an_id(items) for items in lists if len(items) > 1):
                return True
            found: dict[type, list[object]] = {}
            for item in itertools.chain(
                itertools.chain.from_iterable(lists),
                (value for value in values if value is not None and type(value) is not tuple),
            ):
                found.setdefault(type(item), []).append(item)
            stack.extend((cls, group) for cls, group in found.items() if _record_fields(cls))
    return False


def _repeats_an_id(items: tuple[object, ...]) -> bool:
    present = [i for i in (getattr(x, "id", None) for x in items) if i is not None]
    return len(set(present)) != len(present)


def _records(value: object, path: str) -> Iterator[tuple[str, object]]:
    """Every record with an ``id`` field inside *value* (depth first), with its field path."""
    stack: list[tuple[str, object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, tuple):
            stack.extend((f"{where}[{i}]", x) for i, x in reversed(list(enumerate(item))))
            continue
        names = _record_fields(typing.cast(Any, type(item)))
        if names is None:
            continue
        yield where, item
        children = []
        for name in names:
            child = getattr(item, name)
            if child is not None and child != ():
                children.append((f"{where}.{name}" if where else name, child))
        stack.extend(reversed(children))


@functools.cache
def _record_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of *cls* that may hold records (``None`` if *cls* is not a record)."""
    if not attrs.has(cls) or not cls.__module__.startswith(("govplan.model.", "govplan.engine.")):
        return None
    hints = typing.get_type_hints(cls)
    names = []
    for field in attrs.fields(typing.cast(Any, cls)):
        inner = [hints[field.name]]
        found = False
        while inner:
            hint = inner.pop()
            if isinstance(hint, type) and attrs.has(hint):
                found = found or hint.__module__.startswith(("govplan.model.", "govplan.engine."))
            inner.extend(typing.get_args(hint))
        if found:
            names.append(field.name)
    return tuple(names)


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
            problems += _dangling(
                f"{where}.finding_id",
                rectification.finding_id,
                {finding.id for finding in inspection.findings},
                "finding",
            )
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
    problems += _organisation_tree(event.organisations)
    problems += list(_formulas(event.indicators, {i.id for i in event.indicators}))
    problems += _measures("measures", event.measures, units)
    if event.summary is not None:
        problems += _measures("summary.improvements", event.summary.improvements, units)
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
    problems += _organisation_tree(post.organisations)
    problems += list(_formulas(post.indicators, indicators))
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
    if _plan_resolves(plan, units, indicators):
        return problems  # the common case: no path is built
    return problems + _located_plan_problems(plan, units, indicators)


def _plan_resolves(plan: Plan, units: set[str], indicators: set[str]) -> bool:
    """Whether every id the plan's goals name is known (the fast test: no paths).

    The walk goes a field at a time over all targets, measures and qualitative
    targets of the plan at once, at C speed.
    """
    goals = list(itertools.chain.from_iterable(map(operator.attrgetter("goals"), plan.sections)))
    targets = list(_each_of("targets", goals))
    measures = list(_each_of("measures", goals))
    qualitative = list(_each_of("qualitative_targets", goals))
    named_units = itertools.chain(
        map(operator.attrgetter("scope"), targets),
        map(operator.attrgetter("reference_scope"), targets),
        _each_of("lead", measures),
        _each_of("co_responsible", measures),
        map(operator.attrgetter("scope"), qualitative),
        _each_of("reference_scopes", qualitative),
    )
    named_indicators = itertools.chain(
        map(operator.attrgetter("indicator_id"), targets),
        map(operator.attrgetter("indicator_id"), qualitative),
    )
    return {*units, None}.issuperset(named_units) and {*indicators, None}.issuperset(
        named_indicators
    )


def _each_of(name: str, records: Iterable[object]) -> Iterator[Any]:
    """Every item of the tuple field *name* of each of *records*, in order."""
    return itertools.chain.from_iterable(map(operator.attrgetter(name), records))


def _located_plan_problems(plan: Plan, units: set[str], indicators: set[str]) -> list[Problem]:
    """Every dangling id the plan's goals name, by field path (the slow walk)."""
    problems: list[Problem] = []
    for s, section in enumerate(plan.sections):
        for g, goal in enumerate(section.goals):
            base = f"sections[{s}].goals[{g}]"
            for t, target in enumerate(goal.targets):
                if _resolves(target.indicator_id, indicators) and _resolves_all(
                    (target.scope, target.reference_scope), units
                ):
                    continue  # the common case: no path is built
                path = f"{base}.targets[{t}]"
                problems += _dangling(
                    f"{path}.indicator_id", target.indicator_id, indicators, "indicator"
                )
                problems += _dangling(f"{path}.scope", target.scope, units, "organisation")
                problems += _dangling(
                    f"{path}.reference_scope", target.reference_scope, units, "organisation"
                )
            problems += _measures(f"{base}.measures", goal.measures, units)
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
        indicator = by_id.get(observation.indicator_id)
        if (
            indicator is not None
            and _resolves(observation.scope, units)
            and (
                observation.value is None
                or (
                    observation.change_from is None
                    and observation.value.unit.is_compatible(indicator.unit)
                )
            )
        ):
            continue  # the common case: no path is built
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
