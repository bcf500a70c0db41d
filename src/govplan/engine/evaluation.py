"""The engine: run the rules that apply to a subject and collect their verdicts."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from types import MappingProxyType

import attrs
import pendulum

from ..model.indicators import Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from ..model.reports import Report
from ..values.periods import parse_date

# The built-in rules register themselves when their modules are imported.
from . import (  # noqa: F401
    claim_rules,
    event_rules,
    inspection_rules,
    measure_rules,
    target_rules,
)
from .rules import Context, Rule, RuleSet
from .verdicts import Severity, Status, Verdict

__all__ = ["Evaluation", "evaluate"]


@attrs.frozen(kw_only=True)
class Evaluation:
    """Every verdict of one run, in a deterministic order, with roll-ups.

    Attributes:
        subject: The id of what was evaluated.
        as_of: The evaluation day (``None``: a final check).
        verdicts: The verdicts, in the order the rules and the document give.

    """

    subject: str
    as_of: pendulum.Date | None = None
    verdicts: tuple[Verdict, ...]

    @property
    def passes(self) -> bool:
        """True when no binding target was missed and no claim is inconsistent."""
        return not self.failures()

    def failures(self) -> tuple[Verdict, ...]:
        """The verdicts that fail the run."""
        return tuple(v for v in self.verdicts if v.severity is Severity.FAILURE)

    def counts(self) -> dict[Status, int]:
        """How many verdicts have each status (every status listed, zeros included)."""
        found = Counter(v.status for v in self.verdicts)
        return {status: found[status] for status in Status}

    def verdict(self, subject: str) -> Verdict:
        """The verdict about *subject* (a target, claim or measure id).

        Raises:
            KeyError: No verdict has that subject.

        """
        for verdict in self.verdicts:
            if verdict.subject == subject:
                return verdict
        raise KeyError(subject)

    def by_goal(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by goal id, in order of first appearance."""
        return _group(self.verdicts, lambda v: (v.goal_id,) if v.goal_id else ())

    def by_section(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by section id, in order of first appearance."""
        return _group(self.verdicts, lambda v: (v.section_id,) if v.section_id else ())

    def by_unit(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by responsible organisation (one verdict may be under several)."""
        return _group(self.verdicts, lambda v: v.units)


def _group(
    verdicts: Iterable[Verdict], keys: Callable[[Verdict], Iterable[str]]
) -> dict[str, tuple[Verdict, ...]]:
    groups: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        for key in keys(verdict):
            groups.setdefault(key, []).append(verdict)
    return {key: tuple(group) for key, group in groups.items()}


def _as_date(as_of: _dt.date | str | None) -> pendulum.Date | None:
    if as_of is None:
        return None
    if isinstance(as_of, _dt.datetime):
        local = pendulum.instance(as_of).in_timezone("Asia/Shanghai")
        return pendulum.date(local.year, local.month, local.day)
    return parse_date(as_of)


def evaluate(
    subject: object,
    observations: Iterable[Observation | Report] = (),
    *,
    as_of: _dt.date | str | None = None,
    rules: RuleSet | Sequence[Rule] | None = None,
) -> Evaluation:
    """Check *subject* with every rule that applies to it.

    Args:
        subject: A :class:`~govplan.Plan` (its targets and measures), a
            :class:`~govplan.Report` (its claims, inspections, rectifications,
            pledges and recurring activities), a :class:`~govplan.VolunteerEvent`,
            a :class:`~govplan.Post` (its duties' targets), or any object some
            registered or given rule applies to.
        observations: Results to check against: observations, or reports whose
            observations are taken.
        as_of: The evaluation day (a date, a datetime taken in Asia/Shanghai,
            or an ISO string).  Before a deadline a missing result is
            *pending*; ``None`` checks as if every period had ended.
        rules: A :class:`~govplan.RuleSet`, or rule objects; by default every
            registered rule.

    Returns:
        The :class:`Evaluation`, whose verdicts are in a deterministic order.

    """
    settings = rules if isinstance(rules, RuleSet) else RuleSet()
    active: Sequence[Rule] = (
        settings.build() if rules is None or isinstance(rules, RuleSet) else rules
    )
    found: list[Observation] = list(getattr(subject, "observations", ()))
    indicators: dict[str, Indicator] = {i.id: i for i in getattr(subject, "indicators", ())}
    organisations: list[Organisation] = list(getattr(subject, "organisations", ()))
    for item in observations:
        if isinstance(item, Report):
            found.extend(item.observations)
            for indicator in item.indicators:
                indicators.setdefault(indicator.id, indicator)
            organisations.extend(o for o in item.organisations if o not in organisations)
        else:
            found.append(item)
    context = Context(
        as_of=_as_date(as_of),
        observations=tuple(found),
        indicators=MappingProxyType(indicators),
        organisations=tuple(organisations),
        issuer=getattr(subject, "issuer", None),
        settings=settings,
    )
    verdicts = tuple(
        verdict
        for rule in active
        if rule.applies_to(subject)
        for verdict in rule.check(subject, context)
    )
    return Evaluation(
        subject=str(getattr(subject, "id", "")), as_of=context.as_of, verdicts=verdicts
    )
