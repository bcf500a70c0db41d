"""The rule protocol, the evaluation context, and rule sets as data.

A rule is any object with a ``name``, ``applies_to(subject)`` and
``check(subject, context)`` that yields :class:`~govplan.Verdict` objects.  The
engine runs every rule that applies to the subject, so new kinds of subject
(inspections, events) come with their own rules and need no engine change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs
import pendulum

from ..errors import ParseError
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from ..values.validators import check_id, decimal_in
from .verdicts import Verdict

__all__ = ["Context", "Rule", "RuleSet", "SubjectRule", "register_rule", "rule_names"]


@runtime_checkable
class Rule(Protocol):
    """What the engine needs of a rule.

    >>> class NothingFound:
    ...     name = "nothing_found"
    ...     def applies_to(self, subject): return True
    ...     def check(self, subject, context): return ()
    >>> isinstance(NothingFound(), Rule)
    True
    """

    name: str

    def applies_to(self, subject: object) -> bool:
        """Whether this rule has anything to say about *subject*."""
        ...

    def check(self, subject: object, context: Context) -> Iterable[Verdict]:
        """The verdicts about *subject*, in a deterministic order."""
        ...


@attrs.frozen(kw_only=True)
class Context:
    """What a rule may consult besides its subject.

    Attributes:
        as_of: The day of evaluation; ``None`` evaluates as if every period
            has ended (a final check).
        observations: Every observation available (the subject's own and the
            results passed to :func:`~govplan.evaluate`).
        indicators: Indicators by id.
        organisations: Every organisation known.
        issuer: The id of the subject's issuing organisation, if any.
        settings: The rule set in force.

    """

    as_of: pendulum.Date | None
    observations: tuple[Observation, ...]
    indicators: Mapping[str, Indicator]
    organisations: tuple[Organisation, ...]
    issuer: str | None
    settings: RuleSet
    _by_indicator: dict[str, list[Observation]] = attrs.field(init=False, repr=False, eq=False)
    _by_slice: dict[str, dict[tuple[object, ...], list[Observation]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, list[Observation]] = defaultdict(list)
        for observation in self.observations:
            index[observation.indicator_id].append(observation)
        object.__setattr__(self, "_by_indicator", dict(index))
        object.__setattr__(self, "_by_slice", {})

    def observations_of(self, indicator_id: str) -> Sequence[Observation]:
        """Every observation of *indicator_id*, in the order given."""
        return self._by_indicator.get(indicator_id, ())

    def observations_for(
        self, indicator_id: str, scope: str | None, breakdown: Mapping[str, str]
    ) -> Sequence[Observation]:
        """The observations of *indicator_id* for one scope and breakdown slice.

        They come in the order given; the index is built on first use, so
        lookups stay O(1).
        """
        slices = self._by_slice.get(indicator_id)
        if slices is None:
            slices = defaultdict(list)
            for observation in self.observations_of(indicator_id):
                slices[self._slice_key(observation.scope, observation.breakdown)].append(
                    observation
                )
            self._by_slice[indicator_id] = slices
        return slices.get(self._slice_key(scope, breakdown), ())

    def _slice_key(self, scope: str | None, breakdown: Mapping[str, str]) -> tuple[object, ...]:
        return (
            (scope or self.issuer, *sorted(breakdown.items()))
            if breakdown
            else (scope or self.issuer,)
        )

    def is_known(self, observation: Observation) -> bool:
        """Whether *observation* could be known on :attr:`as_of` (its period has ended)."""
        return self.as_of is None or observation.period.end <= self.as_of

    def same_scope(self, first: str | None, second: str | None) -> bool:
        """Whether two scopes are the same, ``None`` standing for the issuer."""
        return (first or self.issuer) == (second or self.issuer)


class SubjectRule:
    """Shared base of the built-in rules: the settings, and which subjects they check.

    A subclass sets :attr:`name`, :attr:`subjects` (the types it applies to)
    and writes ``check``.
    """

    name: str = ""
    subjects: tuple[type, ...] = ()

    def __init__(self, settings: RuleSet | None = None) -> None:
        self.settings = settings or RuleSet()

    def applies_to(self, subject: object) -> bool:
        """Whether *subject* is one of :attr:`subjects`."""
        return isinstance(subject, self.subjects)


RuleFactory = Callable[["RuleSet"], Rule]
_REGISTRY: dict[str, RuleFactory] = {}
# Built-in rules run in this order (targets before the report's own arithmetic),
# whatever order their modules happen to be imported in.
_BUILT_IN = (
    "targets",
    "deadlines",
    "sums",
    "rates",
    "changes",
    "inspections",
    "rectifications",
    "sanctions",
    "coverage",
    "recurring",
    "weekday",
    "preparation",
    "location",
    "roles",
    "attendance",
)


def register_rule(name: str, factory: RuleFactory) -> None:
    """Make a rule available by *name* to rule sets (and so to rule files).

    *factory* receives the :class:`RuleSet` in force and returns the rule.
    """
    _REGISTRY[name] = factory


def rule_names() -> tuple[str, ...]:
    """The names of every registered rule: built-in ones first, then in registration order."""
    built_in = [name for name in _BUILT_IN if name in _REGISTRY]
    return (*built_in, *(name for name in _REGISTRY if name not in _BUILT_IN))


def _check_rules(instance: RuleSet, _attribute: object, value: tuple[str, ...]) -> None:
    for index, name in enumerate(value):
        if name not in _REGISTRY:
            raise ParseError(
                f"unknown rule {name!r}",
                field=f"rules[{index}]",
                value=name,
                expected="one of " + ", ".join(rule_names()),
            )


@attrs.frozen(kw_only=True)
class RuleSet:
    """Which rules run and how, as data that can live in a file.

    Attributes:
        id: Stable id.
        rules: Names of the rules to run (see :func:`rule_names`); empty means
            every registered rule that applies to the subject.
        basically_met: The share of a target that counts as 基本完成 for
            targets without a tolerance of their own; ``None`` disables it.
        location_warning_days: How many days before an event a location still
            undecided (未确定) is flagged at risk.

    """

    id: str = attrs.field(default="default", validator=check_id)
    rules: tuple[str, ...] = attrs.field(default=(), validator=_check_rules)
    basically_met: Decimal | None = attrs.field(
        default=None, validator=decimal_in(Decimal(0), Decimal(1), low_open=True, example="0.95")
    )
    location_warning_days: int = attrs.field(default=7, validator=attrs.validators.ge(0))

    def build(self) -> tuple[Rule, ...]:
        """The rule objects this set names (every registered one if empty)."""
        names = self.rules or rule_names()
        return tuple(_REGISTRY[name](self) for name in names)
