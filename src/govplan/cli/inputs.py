"""What the command line checks about its inputs before and around an evaluation.

Problems are reported with their file and line (YAML) as ``validate`` reports
them, with the closest known field for a misspelt one; result rows that match
no target of the plan are named, never dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..errors import GovplanError, LoadError
from ..model.observations import Observation
from ..model.reports import Report
from ..model.targets import Target

__all__ = ["Located", "document_targets", "locate_problems", "unmatched"]


@attrs.frozen(kw_only=True)
class Located:
    """An observation and where it was read: ``ledger.csv: row 5``, ``r.yaml: observations[2]``."""

    where: str
    observation: Observation
    report: Report | None = None


_UNKNOWN_FIELD = re.compile(r"^unknown field '(?P<key>[^']*)' for (?P<kind>\w+)$")


def _with_suggestion(message: str) -> str:
    """``unknown field 'valeu' for target`` gains ``(did you mean 'value'?)``."""
    match = _UNKNOWN_FIELD.match(message)
    if match is None:
        return message
    from ..io.converter import model_class
    from ..io.plan_terms import did_you_mean

    try:
        cls = model_class(match["kind"])
        names = [field.name for field in attrs.fields(cls)]
    except (GovplanError, TypeError, attrs.exceptions.NotAnAttrsClassError):
        return message
    return message + did_you_mean(match["key"], names)


def locate_problems(error: LoadError, path: Path) -> list[str]:
    """One line per problem: ``file:line: field.path: message`` (the line for YAML files)."""
    from ..io.yaml_loader import field_lines

    lines: dict[str, int] = {}
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            from ..io.text_files import read_text

            lines = field_lines(read_text(path).text)
        except GovplanError:
            lines = {}
    found = []
    for problem in error.problems:
        line = lines.get(problem.path)
        where = f"{path}:{line}" if line else str(path)
        text = str(problem)
        if not problem.path:
            text = problem.message
        found.append(f"{where}: {_with_suggestion_in(text)}")
    return found


def _with_suggestion_in(text: str) -> str:
    head, separator, message = text.rpartition(": ")
    return f"{head}{separator}{_with_suggestion(message)}" if separator else _with_suggestion(text)


def document_targets(document: object) -> tuple[Target, ...]:
    """The targets a plan or post sets (empty for reports and events)."""
    targets = getattr(document, "targets", None)
    if callable(targets):
        return tuple(targets())
    return tuple(target for duty in getattr(document, "duties", ()) for target in duty.targets)


def _ancestors(document: object) -> dict[str, tuple[str, ...]]:
    parents = {o.id: o.parent_id for o in getattr(document, "organisations", ())}
    chains: dict[str, tuple[str, ...]] = {}
    for start in parents:
        chain, current, seen = [], parents.get(start), {start}
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parents.get(current)
        chains[start] = (start, *chain)
    return chains


def unmatched(
    results: Sequence[Located], targets: Sequence[Target], document: object
) -> list[tuple[Located, str]]:
    """The results no target of *document* could use, each with the reason.

    A result is used by a target of its indicator whose period overlaps its
    period (or is the target's baseline), and whose organisation is the
    result's or one of its parents (values roll up), or is compared with it.
    """
    issuer = getattr(document, "issuer", None)
    chains = _ancestors(document)
    by_indicator: dict[str, list[Target]] = {}
    for target in targets:
        by_indicator.setdefault(target.indicator_id, []).append(target)
    found = []
    for located in results:
        observation = located.observation
        candidates = by_indicator.get(observation.indicator_id, [])
        if not candidates:
            found.append((located, f"no target of the plan is on {observation.indicator_id!r}"))
            continue
        period = observation.period
        timely = [
            t
            for t in candidates
            if (period.start <= t.period.end and period.end >= t.period.start)
            or period == t.baseline
            or period == observation.change_from
        ]
        if not timely:
            periods = ", ".join(dict.fromkeys(str(t.period) for t in candidates))
            found.append(
                (
                    located,
                    f"no target of {observation.indicator_id!r} is for period {str(period)!r} "
                    f"(its targets are for {periods})",
                )
            )
            continue
        scope = observation.scope or issuer
        chain = chains.get(scope, (scope,)) if scope else (None,)
        if not any(
            (t.scope or issuer) in chain or t.reference_scope == scope or scope is None
            for t in timely
        ):
            found.append(
                (
                    located,
                    f"no target of {observation.indicator_id!r} covers organisation {scope!r}",
                )
            )
    return found
