"""Results files: observations only, resolved against the plan they are checked with.

A results file is YAML, JSON or TOML whose ``document`` is ``results``.  It
does not repeat the plan's indicators or organisations: each observation names
its indicator by id or exact Chinese name and its organisation (``scope``) by
id or name, and a bare number is in the indicator's unit::

    document: results
    plan: edu-2011            # optional: the id of the plan these results are for
    source: 区教育局统计科
    observations:
      - {indicator: 初中生辍学率, period: 2011, value: 0.8}
      - {indicator: preschool, scope: 娄星区教育局, period: 2011-autumn, value: 70多%}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..errors import GovplanError, LoadError, Problem
from ..model.observations import Observation
from ..values.periods import Period, parse_period
from ..values.quantities import Quantity
from ..values.quantity_text import parse_quantity
from .ledgers import merge_repeats
from .plan_terms import PlanTerms, did_you_mean, read_value

__all__ = ["RESULTS_FIELDS", "Results", "is_results_file", "load_results", "read_data"]

RESULTS_FIELDS = ("document", "plan", "title", "source", "observations")
"""The top-level fields of a results file."""

OBSERVATION_FIELDS = (
    "indicator",
    "period",
    "value",
    "scope",
    "numerator",
    "denominator",
    "id",
    "source",
    "note",
    "breakdown",
    "change_from",
)
"""The fields of one observation in a results file (``indicator_id`` is read as ``indicator``)."""


@attrs.frozen(kw_only=True)
class Results:
    """The observations of a results file, resolved against a plan.

    Attributes:
        source: The file it was read from.
        observations: Its observations, in file order, with ids resolved.
        paths: The field path of each observation (``observations[3]``).
        plan: The plan id the file says it is for, if it says.
        title: Its title, if any.
        warnings: Observations left out (unknown names, when read leniently)
            and exact repeats, counted once.

    """

    source: str
    observations: tuple[Observation, ...]
    paths: tuple[str, ...]
    plan: str | None = None
    title: str | None = None
    warnings: tuple[Problem, ...] = ()


_UNKNOWN_NAMES = ("unknown indicator", "unknown organisation")


def is_results_file(data: object) -> bool:
    """Whether parsed file data is a results file (``document: results``)."""
    return isinstance(data, Mapping) and data.get("document") == "results"


def read_data(path: Path) -> Any:
    """The plain data of a YAML, JSON or TOML file (any encoding :mod:`.text_files` reads)."""
    from .files import _format_of
    from .parsing import parse_document
    from .text_files import read_text

    text = read_text(path, what="results file").text
    try:
        return parse_document(text, _format_of(path, None))
    except LoadError as exc:
        raise LoadError(exc.problems, source=str(path)) from None


def load_results(path: str | os.PathLike[str], plan: object, *, lenient: bool = False) -> Results:
    """Read a results file and resolve its names against *plan*.

    Args:
        path: A ``.yaml``, ``.json`` or ``.toml`` file with ``document: results``.
        plan: The plan (or any document with ``indicators`` and
            ``organisations``) the results are checked against.
        lenient: Leave out observations naming an unknown indicator or
            organisation, with a warning each, instead of refusing the file.

    Raises:
        LoadError: Every problem by field path: unknown or misspelt fields
            (with the closest known field), unknown or ambiguous indicators and
            organisations, bad values, conflicting repeats, a plan id that is not
            the plan's, and a file with no observation.

    """
    path = Path(path)
    source = str(path)
    data = read_data(path)
    if not is_results_file(data):
        raise LoadError(
            [Problem(path="document", message="not a results file (expected 'document: results')")],
            source=source,
        )
    terms = PlanTerms.of(plan)
    problems = [
        Problem(path=key, message=f"unknown field {key!r}{did_you_mean(key, RESULTS_FIELDS)}")
        for key in data
        if key not in RESULTS_FIELDS
    ]
    plan_id = data.get("plan")
    expected_plan = getattr(plan, "id", None)
    if plan_id is not None and expected_plan is not None and str(plan_id) != expected_plan:
        problems.append(
            Problem(
                path="plan",
                message=f"these results are for plan {plan_id!r}, not {expected_plan!r}",
            )
        )
    default_source = _optional_text(data.get("source"))
    items = data.get("observations")
    if not isinstance(items, list) or not items:
        problems.append(
            Problem(
                path="observations",
                message="no observations: list them under 'observations:'",
            )
        )
        raise LoadError(problems, source=source)
    found: list[tuple[str, str, Observation]] = []
    left_out: list[Problem] = []
    for index, item in enumerate(items):
        where = f"observations[{index}]"
        try:
            observation = _observation(item, terms, default_source, where)
        except LoadError as exc:
            unknown = [p for p in exc.problems if p.message.startswith(_UNKNOWN_NAMES)]
            if lenient and unknown and len(unknown) == len(exc.problems):
                left_out += [
                    Problem(path=p.path, message=f"{p.message}; left out") for p in unknown
                ]
            else:
                problems.extend(exc.problems)
            continue
        found.append((where, f"{where}.value", observation))
    if not found and not problems:
        problems += [*left_out, Problem(path="observations", message="no observation is left")]
    kept, repeats, conflicts = merge_repeats(found)
    problems.extend(conflicts)
    if problems:
        raise LoadError(problems, source=source)
    return Results(
        source=source,
        observations=tuple(found[i][2] for i in kept),
        paths=tuple(found[i][0] for i in kept),
        plan=None if plan_id is None else str(plan_id),
        title=_optional_text(data.get("title")),
        warnings=(*left_out, *repeats),
    )


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def _observation(item: object, terms: PlanTerms, source: str | None, where: str) -> Observation:
    if not isinstance(item, Mapping):
        raise LoadError([Problem(path=where, message="expected a mapping of fields")])
    fields = dict(item)
    if "indicator_id" in fields and "indicator" not in fields:
        fields["indicator"] = fields.pop("indicator_id")
    problems = [
        Problem(
            path=f"{where}.{key}",
            message=f"unknown field {key!r}{did_you_mean(str(key), OBSERVATION_FIELDS)}",
        )
        for key in fields
        if key not in OBSERVATION_FIELDS
    ]
    for key in ("indicator", "period"):
        if fields.get(key) in (None, ""):
            problems.append(Problem(path=f"{where}.{key}", message="required field missing"))
    if problems:
        raise LoadError(problems)

    def field(key: str, read: Any) -> Any:
        try:
            return read(fields[key]) if fields.get(key) not in (None, "") else None
        except GovplanError as exc:
            expected = f" (expected {exc.expected})" if exc.expected else ""
            problems.append(Problem(path=f"{where}.{key}", message=f"{exc.message}{expected}"))
            return None

    indicator = field("indicator", lambda word: terms.indicator(str(word)))
    scope = field("scope", lambda word: terms.scope(str(word)))
    period: Period | None = field("period", lambda text: parse_period(str(text)))
    change_from = field("change_from", lambda text: parse_period(str(text)))
    value = None
    if indicator is not None:
        value = field("value", lambda raw: read_value(raw, indicator))
    counts: dict[str, Quantity | None] = {
        key: field(key, lambda raw: parse_quantity(str(raw)))
        for key in ("numerator", "denominator")
    }
    breakdown = fields.get("breakdown") or {}
    if not isinstance(breakdown, Mapping):
        problems.append(
            Problem(path=f"{where}.breakdown", message="expected a mapping such as {area: 城市}")
        )
    if problems:
        raise LoadError(problems)
    assert indicator is not None
    assert period is not None
    try:
        return Observation(
            indicator_id=indicator.id,
            period=period,
            value=value,
            id=_optional_text(fields.get("id")),
            scope=scope,
            breakdown={str(k): str(v) for k, v in dict(breakdown).items()},
            numerator=counts["numerator"],
            denominator=counts["denominator"],
            change_from=change_from,
            source=_optional_text(fields.get("source")) or source,
            note=_optional_text(fields.get("note")),
        )
    except GovplanError as exc:
        path = f"{where}.{exc.field}" if exc.field else where
        raise LoadError([Problem(path=path, message=exc.message)]) from None
