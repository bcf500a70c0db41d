"""The rule protocol, the evaluation context, and rule sets as data.

A rule is any object with a ``name``, ``applies_to(subject)`` and
``check(subject, context)`` that yields :class:`~govplan.Verdict` objects.  The
engine runs every rule of a :class:`RuleSet` that applies to the subject, so
new kinds of subject come with their own rules and need no engine change.
The built-in rules form an immutable default catalogue (:func:`default_rules`);
users compose their own rule sets from it, and nothing is registered globally.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Protocol, Self, runtime_checkable

import attrs
import pendulum

from ..errors import GovplanError, ParseError, ValidationError
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from ..values.validators import check_id
from .verdicts import Verdict

__all__ = [
    "Context",
    "Rule",
    "RuleSet",
    "SubjectRule",
    "built_in_rule",
    "default_rules",
    "rule_names",
]


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
        values: The results as value columns (what the target checks read);
            :attr:`observations` are the same rows as objects.
        allow_missing: Whether a binding target with no data past its due day
            is only a warning; by default it fails the run.

    """

    as_of: pendulum.Date | None
    observations: Sequence[Observation]
    indicators: Mapping[str, Indicator]
    organisations: tuple[Organisation, ...]
    issuer: str | None
    settings: RuleSet
    values: Any = None
    allow_missing: bool = False
    _by_indicator: dict[str, list[Observation]] | None = attrs.field(
        init=False, repr=False, eq=False
    )
    _by_slice: dict[str, dict[tuple[object, ...], list[Observation]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_indicator", None)
        object.__setattr__(self, "_by_slice", {})

    def observations_of(self, indicator_id: str) -> Sequence[Observation]:
        """Every observation of *indicator_id*, in the order given (indexed on first use)."""
        if self._by_indicator is None:
            index: dict[str, list[Observation]] = defaultdict(list)
            for observation in self.observations:
                index[observation.indicator_id].append(observation)
            object.__setattr__(self, "_by_indicator", dict(index))
        assert self._by_indicator is not None
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
    """Shared base of the built-in rules: a name, the subjects checked, and settings.

    A subclass sets :attr:`name`, :attr:`subjects` (the types it applies to),
    optionally :attr:`defaults` (its settings and their default values, each
    checked by :meth:`check_setting`) and writes ``check``.  A rule object is
    immutable: :meth:`configure` returns a new one.

    >>> g_rule = SubjectRule()
    >>> g_rule.settings()
    {}
    """

    name: str = ""
    subjects: tuple[type, ...] = ()
    defaults: Mapping[str, object] = MappingProxyType({})

    def __init__(self, **settings: object) -> None:
        values = dict(self.defaults)
        for key, value in settings.items():
            values[key] = self.check_setting(key, value)
        object.__setattr__(self, "_settings", MappingProxyType(values))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a rule is immutable; use configure({name}=...) for a new one")

    def __getattr__(self, name: str) -> object:
        settings = self.__dict__.get("_settings", {})
        if name in settings:
            return settings[name]
        raise AttributeError(name)

    def check_setting(self, key: str, value: object) -> object:
        """*value* for the setting *key*, checked (and converted from file text).

        Raises:
            ValidationError: The rule has no such setting, or the value is bad.

        """
        if key not in self.defaults:
            raise ValidationError(
                f"rule {self.name!r} has no setting {key!r}",
                field=key,
                value=key,
                expected="one of " + (", ".join(self.defaults) or "(no settings)"),
            )
        return value

    def settings(self) -> dict[str, object]:
        """This rule's settings and their values."""
        return dict(self.__dict__["_settings"])

    def configure(self, **settings: object) -> Self:
        """A copy of this rule with some settings changed (this one is unchanged)."""
        return type(self)(**{**self.settings(), **settings})

    def applies_to(self, subject: object) -> bool:
        """Whether *subject* is one of :attr:`subjects`."""
        return isinstance(subject, self.subjects)

    def check(self, subject: object, context: Context) -> Iterable[Verdict]:
        """The verdicts about *subject*; a subclass writes this."""
        raise NotImplementedError(f"{type(self).__name__} must define check()")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SubjectRule):
            return NotImplemented
        return type(self) is type(other) and self.settings() == other.settings()

    def __hash__(self) -> int:
        return hash((type(self), tuple(sorted(self.settings().items(), key=lambda kv: kv[0]))))

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in self.settings().items())
        return f"{type(self).__name__}({settings})"


def _rule_name(rule: object) -> str:
    name = getattr(rule, "name", None)
    if not isinstance(name, str) or not name:
        raise ValidationError(
            f"{rule!r} is not a rule: it has no name",
            field="name",
            expected="an object with name, applies_to(subject) and check(subject, context)",
        )
    return name


def _check_rules(instance: RuleSet, _attribute: object, value: tuple[Rule, ...]) -> None:
    seen: set[str] = set()
    for index, rule in enumerate(value):
        if not isinstance(rule, Rule):
            raise ValidationError(
                f"not a rule: {rule!r}",
                field=f"rules[{index}]",
                expected="an object with name, applies_to(subject) and check(subject, context)",
            )
        name = _rule_name(rule)
        if name in seen:
            raise ValidationError(
                f"two rules are named {name!r}",
                field=f"rules[{index}]",
                value=name,
                expected="one rule per name; use replace() to swap one",
            )
        seen.add(name)


def _as_rules(value: Iterable[Rule | str] | None) -> tuple[Rule, ...]:
    if value is None:
        return default_rules().rules
    found: list[Rule] = []
    for index, item in enumerate(value):
        found.append(
            built_in_rule(item, field=f"rules[{index}]") if isinstance(item, str) else item
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class RuleSet:
    """An ordered, immutable catalogue of configured rules.

    ``RuleSet()`` is the built-in catalogue (:func:`default_rules`).  Compose
    your own without touching anyone else's: every method returns a new rule
    set.  Rules can be given by name (a built-in rule with its default
    settings) or as rule objects.

    >>> rules = RuleSet().configure("targets", basically_met="0.95").remove("location")
    >>> rules.get("targets").basically_met
    Decimal('0.95')
    >>> "location" in RuleSet().names() and "location" not in rules.names()
    True

    Attributes:
        id: Stable id.
        rules: The rules, in the order they run.

    """

    id: str = attrs.field(default="default", validator=check_id)
    rules: tuple[Rule, ...] = attrs.field(default=None, converter=_as_rules, validator=_check_rules)

    def names(self) -> tuple[str, ...]:
        """The names of the rules, in order."""
        return tuple(rule.name for rule in self.rules)

    def get(self, name: str) -> Any:
        """The rule named *name*.

        Raises:
            KeyError: No rule has that name.

        """
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(name)

    def _index(self, name: str) -> int:
        names = self.names()
        if name not in names:
            raise ValidationError(
                f"no rule named {name!r} in rule set {self.id!r}",
                field="name",
                value=name,
                expected="one of " + ", ".join(names),
            )
        return names.index(name)

    def add(
        self, rule: Rule | str, *, before: str | None = None, after: str | None = None
    ) -> RuleSet:
        """A rule set with *rule* added (at the end, or before / after a named rule)."""
        new = built_in_rule(rule) if isinstance(rule, str) else rule
        rules = list(self.rules)
        if before is not None:
            rules.insert(self._index(before), new)
        elif after is not None:
            rules.insert(self._index(after) + 1, new)
        else:
            rules.append(new)
        return attrs.evolve(self, rules=tuple(rules))

    def remove(self, *names: str) -> RuleSet:
        """A rule set without the rules named *names*."""
        for name in names:
            self._index(name)
        return attrs.evolve(self, rules=tuple(r for r in self.rules if r.name not in names))

    def replace(self, rule: Rule) -> RuleSet:
        """A rule set where *rule* takes the place of the rule with its name."""
        index = self._index(_rule_name(rule))
        rules = list(self.rules)
        rules[index] = rule
        return attrs.evolve(self, rules=tuple(rules))

    def only(self, *names: str) -> RuleSet:
        """A rule set of just the rules named *names*, in the order named."""
        return attrs.evolve(self, rules=tuple(self.rules[self._index(name)] for name in names))

    def configure(self, name: str, **settings: object) -> RuleSet:
        """A rule set where the rule *name* has *settings* changed.

        Raises:
            ValidationError: No such rule, or it has no such setting.

        """
        rule = self.rules[self._index(name)]
        configure = getattr(rule, "configure", None)
        if configure is None:
            raise ValidationError(
                f"rule {name!r} has no settings",
                field=name,
                expected="a rule with a configure() method, such as the built-in ones",
            )
        return self.replace(configure(**settings))

    def build(self) -> tuple[Rule, ...]:
        """The rule objects, in order."""
        return self.rules

    def to_data(self, converter: Any) -> dict[str, Any]:
        """Plain data for a rule file: the id and each rule by name, with its settings.

        Raises:
            ValidationError: A rule is not a built-in one (code cannot be written
                to a file; add it to the rule set after loading).

        """
        entries: list[Any] = []
        for index, rule in enumerate(self.rules):
            if not isinstance(rule, SubjectRule) or _built_in_classes().get(rule.name) is not type(
                rule
            ):
                raise ValidationError(
                    f"rule {rule.name!r} is code, not data: it cannot be written to a file",
                    field=f"rules[{index}]",
                    value=rule.name,
                    expected="built-in rules only; add your own rules after loading",
                )
            changed = {
                key: converter.unstructure(value)
                for key, value in rule.settings().items()
                if value != rule.defaults[key]
            }
            entries.append({"name": rule.name, **changed} if changed else rule.name)
        return {"id": self.id, "rules": entries}

    @classmethod
    def data_schema(cls, schema_of: Any) -> dict[str, Any]:
        """The JSON Schema of a rule file: rule names, or names with settings."""
        names = {"enum": list(rule_names())}
        entry = {
            "anyOf": [
                names,
                {"type": "object", "properties": {"name": names}, "required": ["name"]},
            ]
        }
        return {
            "type": "object",
            "title": "RuleSet",
            "description": "Which built-in rules run, in order, and their settings.",
            "properties": {
                "id": {"type": "string"},
                "rules": {"type": "array", "items": entry},
                "basically_met": schema_of(Decimal),
                "location_warning_days": {"type": "integer", "minimum": 0},
            },
            "additionalProperties": False,
        }

    @classmethod
    def from_data(cls, data: Any, converter: Any) -> RuleSet:
        """A rule set from a rule file: built-in rules by name, each with its settings.

        An entry is a name (``targets``) or a mapping with the name and
        settings (``{name: location, warning_days: 3}``).  The older top-level
        ``basically_met`` and ``location_warning_days`` settings are read too.

        Raises:
            ParseError: An unknown rule or setting, or a bad value (named by path).

        """
        from .verdicts import check_mapping, located

        fields = check_mapping(
            data, "rule_set", ("id", "rules", "basically_met", "location_warning_days")
        )
        entries = fields.get("rules")
        if entries is None:
            entries = list(rule_names())
        if not isinstance(entries, list):
            raise ParseError("rules must be a list", field="rules", value=entries)
        legacy = {
            "targets": {"basically_met": fields["basically_met"]}
            if "basically_met" in fields
            else {},
            "location": {"warning_days": fields["location_warning_days"]}
            if "location_warning_days" in fields
            else {},
        }
        rules: list[Rule] = []
        for index, entry in enumerate(entries):
            where = f"rules[{index}]"
            if isinstance(entry, dict):
                settings = dict(entry)
                name = settings.pop("name", None)
            else:
                name, settings = entry, {}
            if not isinstance(name, str):
                raise ParseError("a rule needs a name", field=where, value=entry)
            settings = {**legacy.get(name, {}), **settings}
            try:
                rules.append(built_in_rule(name, field=where, **settings))
            except ParseError as error:
                if error.field == where:
                    raise
                raise located(error, where) from None
            except GovplanError as error:
                raise located(error, where) from None
        identifier = fields.get("id", "default")
        try:
            return cls(id=identifier, rules=tuple(rules))
        except GovplanError as error:
            raise located(error, "rule_set") from None

    @property
    def basically_met(self) -> Decimal | None:
        """The ``targets`` rule's ``basically_met`` setting (``None`` without that rule)."""
        found = self.setting("targets", "basically_met")
        return found if isinstance(found, Decimal) else None

    def setting(self, name: str, key: str, default: object = None) -> Any:
        """The setting *key* of the rule *name*, or *default* when it has none."""
        try:
            rule = self.get(name)
        except KeyError:
            return default
        return getattr(rule, key, default)


_BUILT_IN: dict[str, type[SubjectRule]] = {}


def _built_in_classes() -> dict[str, type[SubjectRule]]:
    if not _BUILT_IN:
        from .claim_rules import ChangeRule, RateRule, SumRule
        from .event_rules import (
            AttendanceRule,
            LocationRule,
            PreparationRule,
            RoleRule,
            WeekdayRule,
        )
        from .inspection_rules import (
            CoverageRule,
            InspectionRule,
            RectificationRule,
            RecurringRule,
            SanctionRule,
        )
        from .measure_rules import DeadlineRule
        from .statement_rules import CommitmentRule, CompletionRule, StandingRule
        from .target_rules import TargetRule

        # Targets first, then measures, the report's own arithmetic, inspections, events.
        for cls in (
            TargetRule, DeadlineRule, SumRule, RateRule, ChangeRule, InspectionRule,
            RectificationRule, SanctionRule, CoverageRule, RecurringRule, WeekdayRule,
            PreparationRule, LocationRule, RoleRule, AttendanceRule,
            CompletionRule, StandingRule, CommitmentRule,
        ):  # fmt: skip
            _BUILT_IN[cls.name] = cls
    return _BUILT_IN


def built_in_rule(name: str, *, field: str = "name", **settings: object) -> SubjectRule:
    """The built-in rule called *name*, with *settings* (else its defaults).

    Raises:
        ParseError: No built-in rule has that name.

    """
    classes = _built_in_classes()
    cls = classes.get(name)
    if cls is None:
        raise ParseError(
            f"unknown rule {name!r}",
            field=field,
            value=name,
            expected="one of " + ", ".join(classes),
        )
    return cls(**settings)


@functools.cache
def default_rules() -> RuleSet:
    """The built-in catalogue: every built-in rule with its default settings, in order."""
    rules = tuple(cls() for cls in _built_in_classes().values())
    return RuleSet(id="default", rules=rules)


def rule_names() -> tuple[str, ...]:
    """The names of the built-in rules, in the order they run."""
    return tuple(_built_in_classes())
