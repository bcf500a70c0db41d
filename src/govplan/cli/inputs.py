"""What the command line checks about its inputs before and around an evaluation.

Problems are reported with their file and line (YAML) as ``validate`` reports
them, with the closest known field for a misspelt one; result rows that match
no target of the plan (:attr:`~govplan.Evaluation.unmatched`, on every engine)
are named in a warning each, never dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..engine.matching import Unmatched, UnmatchedReason
from ..engine.value_columns import slice_key
from ..errors import GovplanError, LoadError
from ..model.observations import Observation
from ..model.reports import Report
from ..model.targets import Target

__all__ = [
    "Located",
    "describe",
    "document_targets",
    "locate_problems",
    "unmatched",
    "warning_line",
]


@attrs.frozen(kw_only=True)
class Located:
    """An observation and where it was read: ``ledger.csv: row 5``, ``r.yaml: observations[2]``.

    *file* is the file as named on the command line, *file_row* the ledger row.
    """

    where: str
    observation: Observation
    report: Report | None = None
    file: str | None = None
    file_row: int | None = None


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


def describe(item: Unmatched, targets: Sequence[Target], issuer: str | None) -> str:
    """Why an unused result matches no target, in the words of the command's warnings.

    The same words on every engine: ``no target of 'x' is for period '2009'
    (its targets are for 2011)``.
    """
    observation = item.observation
    indicator = observation.indicator_id
    if item.reason is UnmatchedReason.INDICATOR:
        return f"no target of the plan is on {indicator!r}"
    if item.reason is UnmatchedReason.PERIOD:
        periods = ", ".join(
            dict.fromkeys(str(t.period) for t in targets if t.indicator_id == indicator)
        )
        change = (
            f" (a change from {str(observation.change_from)!r})"
            if observation.change_from is not None
            else ""
        )
        return (
            f"no target of {indicator!r} is for period {str(observation.period)!r}{change} "
            f"(its targets are for {periods})"
        )
    if item.reason is UnmatchedReason.SCOPE:
        return f"no target of {indicator!r} covers organisation {observation.scope or issuer!r}"
    return (
        f"no target of {indicator!r} is checked per breakdown slice "
        f"({slice_key(observation.breakdown)})"
    )


def warning_line(
    where: str | None, item: Unmatched, targets: Sequence[Target], issuer: str | None
) -> str:
    """One warning about an unused result, the same on every engine."""
    place = where or item.where or f"result #{item.row}"
    return f"govplan: warning: {place}: {describe(item, targets, issuer)}; not checked\n"


def unmatched(
    results: Sequence[Located], found: Sequence[Unmatched]
) -> list[tuple[Located, Unmatched]]:
    """The results the engine found unused (*found*), each with where it was read.

    A result is matched to the engine's item by identity; the items carry the
    result's file and row.
    """
    where = {id(located.observation): located for located in results}
    out = []
    for item in found:
        located = where.get(id(item.observation))
        if located is not None:
            out.append((located, attrs.evolve(item, file=located.file, file_row=located.file_row)))
    return out
