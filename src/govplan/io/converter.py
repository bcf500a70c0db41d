"""The one place that (un)structures govplan objects to and from plain data.

Files hold only strings, numbers, booleans, lists and mappings: quantities
are written as their text ("300多人", "96%"), periods as "2011-Q3", dates as
ISO 8601, decimals as strings.  Every model class has a ``kind`` name used to
tag documents and claims.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
import reprlib
import typing
from collections.abc import Callable
from decimal import Decimal
from itertools import repeat
from typing import Any

import attrs
import cattrs
import pendulum
from cattrs.errors import BaseValidationError, ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ..errors import GovplanError, ParseError
from ..model.events import (
    AgendaItem,
    Attendance,
    EventSummary,
    Material,
    PreparationTask,
    RoleAssignment,
    SummaryPoint,
    Team,
    TeamMember,
    VenueSetup,
    VolunteerEvent,
    parse_datetime,
)
from ..model.indicators import Indicator, RateFormula
from ..model.inspections import (
    ChecklistItem,
    Finding,
    Inspection,
    Pledge,
    Rectification,
    Sanction,
    SourceDocument,
)
from ..model.measures import Measure
from ..model.observations import Observation
from ..model.organisations import Organisation, Person
from ..model.plans import Goal, Plan, Section
from ..model.posts import Duty, Post
from ..model.qualitative import CompletionClaim, QualitativeTarget, StandingClaim
from ..model.recurrence import HeldSession, Recurrence, RecurringActivity
from ..model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ..model.targets import Target
from ..values.periods import Deadline, Period, parse_date, parse_period
from ..values.quantities import Quantity
from ..values.quantity_text import format_quantity, parse_quantity
from ..values.units import Unit, parse_unit

__all__ = ["MODEL_CLASSES", "document_classes", "kind_of", "make_converter", "model_class"]

MODEL_CLASSES: tuple[type, ...] = (
    AgendaItem,
    Attendance,
    ChangeClaim,
    ChecklistItem,
    Deadline,
    Duty,
    EventSummary,
    Finding,
    Goal,
    Indicator,
    Inspection,
    Material,
    TeamMember,
    Pledge,
    SummaryPoint,
    Post,
    PreparationTask,
    Recurrence,
    RecurringActivity,
    Rectification,
    RoleAssignment,
    Sanction,
    HeldSession,
    VenueSetup,
    SourceDocument,
    Team,
    VolunteerEvent,
    Measure,
    Observation,
    Organisation,
    Person,
    Plan,
    RateClaim,
    RateFormula,
    Report,
    Section,
    SumClaim,
    Target,
    QualitativeTarget,
    StandingClaim,
    CompletionClaim,
)
"""Every model record class a file can hold, at the top or nested."""


@functools.cache
def engine_classes() -> tuple[type, ...]:
    """The engine's record classes a file can hold (rule sets, scorecards, verdicts).

    Imported on first use: loading a plan or a report must not load the engine.
    """
    from ..engine.evaluation import Evaluation
    from ..engine.rules import RuleSet
    from ..engine.scorecards import Grade, Scorecard, ScoreItem
    from ..engine.verdicts import Verdict

    return (Evaluation, Grade, RuleSet, ScoreItem, Scorecard, Verdict)


def document_classes() -> tuple[type, ...]:
    """Every record class a file can hold: the model's, then the engine's."""
    return MODEL_CLASSES + engine_classes()


# The kinds of the engine's classes, known without importing the engine.
_ENGINE_KINDS = ("evaluation", "grade", "rule_set", "score_item", "scorecard", "verdict")


def kind_of(cls: type) -> str:
    """The ``kind`` tag of a model class: ``SumClaim`` → ``"sum_claim"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


_KINDS = {kind_of(cls): cls for cls in MODEL_CLASSES}


def model_class(kind: str) -> type:
    """The model class whose ``kind`` tag is *kind*.

    Raises:
        ParseError: No class has that kind.

    """
    if kind in _ENGINE_KINDS:
        return {kind_of(cls): cls for cls in engine_classes()}[kind]
    try:
        return _KINDS[kind]
    except (KeyError, TypeError):
        raise ParseError(
            f"unknown kind of document {kind!r}",
            field="document",
            value=kind,
            expected="one of " + ", ".join(sorted((*_KINDS, *_ENGINE_KINDS))),
        ) from None


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 2, 60, 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def shown(value: object) -> str:
    """A short repr of *value* for a message, however large or deeply shared it is."""
    return _REPR.repr(value)


def _expect_str(value: object, what: str, example: str) -> str:
    if not isinstance(value, str):
        raise ParseError(
            f"not {what}: {shown(value)} is a {type(value).__name__}",
            value=value,
            expected=f"a string such as {example!r}",
        )
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    from ..values.numbers import parse_decimal

    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return parse_decimal(value)
    if isinstance(value, Decimal):
        raise ParseError(
            f"not a finite number: {value}", value=value, expected="a decimal such as '0.95'"
        )
    raise ParseError(
        f"not a number: {shown(value)}",
        value=value,
        expected="a decimal written as a string, e.g. '0.95' (floats are not exact)",
    )


# Values are immutable and documents repeat them ("2011", "96%"): parse each text once.
_parse_date = functools.lru_cache(maxsize=4096)(parse_date)
_parse_period = functools.lru_cache(maxsize=4096)(parse_period)
_parse_quantity = functools.lru_cache(maxsize=16384)(parse_quantity)


def _structure_date(value: object, _type: object) -> pendulum.Date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return parse_date(value)
    return _parse_date(_expect_str(value, "a date", "2011-03-11"))


_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")


def _structure_int(value: object, _type: object) -> int:
    """A whole number: an integer, or its digits as text; never 2.7 (→ 2) nor true (→ 1)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    if isinstance(value, Decimal):
        problem = f"not a whole number: {value}"
    elif isinstance(value, bool):
        problem = f"not a number: {str(value).lower()} is a boolean"
    else:
        problem = f"not a whole number: {shown(value)}"
    raise ParseError(problem, value=value, expected="a whole number such as 3")


def _structure_mapping(value: object, _type: object) -> dict[str, str]:
    """A mapping of text to text (an observation's breakdown)."""
    if not isinstance(value, dict):
        raise ParseError(
            f"not a mapping: {shown(value)} is a {type(value).__name__}",
            value=value,
            expected="a mapping of names to texts, e.g. {城市: 741万元}",
        )
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise ParseError(
                f"not text: {shown(key)}: {shown(item)}",
                field=str(key),
                value=item,
                expected="names and values written as text (quote them in YAML)",
            )
    return dict(value)


def _is_record_list(type_: Any) -> bool:
    arguments = typing.get_args(type_)
    return (
        typing.get_origin(type_) is tuple
        and len(arguments) == 2
        and arguments[1] is Ellipsis
        and arguments[0] is not str
    )


def _strict_list(
    converter: cattrs.Converter, *, detailed: bool = True
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """A list field must be given a list: ``{}`` or ``""`` is not an empty list.

    The fast path maps the item's hook over the list at C speed; the detailed
    path lets cattrs collect every bad item with its index.
    """

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        structure_items = converter._structure_tuple
        item = typing.get_args(type_)[0]
        example = f"a list of {kind_of(item)}" if isinstance(item, type) else "a list"
        hook: Callable[[Any, Any], Any] | None = None

        def structure(value: Any, type_: Any) -> Any:
            nonlocal hook
            if not isinstance(value, list | tuple):
                raise ParseError(
                    f"not a list: {shown(value)} is a {type(value).__name__}",
                    value=value,
                    expected=f"{example} (write [] for none)",
                )
            if detailed:
                return structure_items(value, type_)
            if hook is None:
                hook = converter.get_structure_hook(item)
            return tuple(map(hook, value, repeat(item)))

        return structure

    return factory


def _structure_text(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise ParseError(
            f"not text: {shown(value)} is a {type(value).__name__}",
            value=value,
            expected="a string (quote it in YAML)",
        )
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise ParseError(
            f"not true or false: {shown(value)}", value=value, expected="a boolean (true/false)"
        )
    return value


def _structure_texts(value: object, _type: object) -> tuple[str, ...]:
    # A bare string would otherwise be split into its characters.
    if not isinstance(value, list | tuple):
        raise ParseError(
            f"not a list: {shown(value)} is a {type(value).__name__}",
            value=value,
            expected="a list of strings, e.g. ['教育局'] (write [] for none)",
        )
    return tuple(_structure_text(item, str) for item in value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return type_(value)
    except (ValueError, TypeError):  # TypeError: an unhashable value (a list)
        choices = ", ".join(str(member.value) for member in type_)
        raise ParseError(
            f"not a valid {kind_of(type_).replace('_', ' ')}: {shown(value)}",
            value=value,
            expected=f"one of {choices}",
        ) from None


def _structure_datetime(value: object, _type: object) -> pendulum.DateTime:
    if isinstance(value, _dt.datetime):
        return parse_datetime(value)
    return parse_datetime(_expect_str(value, "a date and time", "2011-03-11T18:00:00+08:00"))


def _structure_period(value: object, _type: object) -> Period:
    # YAML and TOML read a bare year as an integer.
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise ParseError(
                f"not a period: the year {value} is out of range",
                value=value,
                expected="a year from 1 to 9999, or a period such as '2011-Q3'",
            )
        return Period.year(value)
    return _parse_period(_expect_str(value, "a period", "2011-Q3"))


def _structure_quantity(value: object, _type: object) -> Quantity:
    return _parse_quantity(_expect_str(value, "a quantity", "96%"))


def _unstructure_quantity(quantity: Quantity) -> str:
    # Keep the source wording ("300多人") when it still reads back equal.
    if quantity.stated is not None:
        try:
            if parse_quantity(quantity.stated) == quantity:
                return quantity.stated
        except GovplanError:
            pass
    return format_quantity(quantity)


def _wrap_class_errors(
    cls: type, structure: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    """Make errors raised by a class's own validators carry the object's path.

    cattrs records the path of a failing *field*, but an exception raised by
    the class constructor (an attrs validator) escapes without one.
    """

    def structure_located(data: Any, type_: Any) -> Any:
        if data.__class__ is not dict:
            if cls is Deadline and isinstance(data, str | _dt.date):
                # A bare date is the short form of a deadline.
                return Deadline(due=_structure_date(data, None))
            if not isinstance(data, dict):
                raise ParseError(
                    f"expected a mapping for {kind_of(cls)}, "
                    f"got {type(data).__name__}: {shown(data)}",
                    value=data,
                    expected=f"a mapping of {kind_of(cls)} fields",
                )
        if cls in _CLAIMS and "kind" in data:
            # A claim carries its tag wherever it is written, even on its own.
            if data["kind"] != kind_of(cls):
                raise ParseError(
                    f"a {kind_of(cls)} cannot have kind {shown(data['kind'])}", field="kind"
                )
            data = {key: value for key, value in data.items() if key != "kind"}
        try:
            return structure(data, type_)
        except GovplanError as exc:
            # A validator of the class itself: a bad input; anything else is a bug.
            raise ClassValidationError(f"While structuring {cls.__name__}", [exc], cls) from None

    return structure_located


def _mapping_only(cls: type, structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """The fast path's guard: a record is given a mapping, or it is bad input (not a bug)."""

    def structure_mapping(data: Any, type_: Any) -> Any:
        if data.__class__ is not dict:
            raise ParseError(f"expected a mapping for {kind_of(cls)}", value=data)
        return structure(data, type_)

    return structure_mapping


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """Build the converter for govplan's model classes.

    Args:
        detailed: Collect every problem with its field path (slower); when
            ``False``, stop at the first problem (the fast path for valid files).

    """
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed
    )
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook_func(lambda t: t == dict[str, str], _structure_mapping)
    converter.register_structure_hook_factory(
        _is_record_list, _strict_list(converter, detailed=detailed)
    )
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_texts)
    # StrEnum before str in the MRO: without this, members pass through as enums.
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    if detailed:
        converter.register_structure_hook(enum.StrEnum, _structure_enum)
    else:
        # Enum fields with an attrs converter convert their own value; the
        # detailed path names bad ones.  The engine's enums have no converter.
        converter.register_structure_hook(enum.StrEnum, lambda value, _: value)
        converter.register_structure_hook_func(_is_engine_enum, _structure_enum)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(
        Unit, lambda v, _: parse_unit(_expect_str(v, "a unit", "万元"))
    )
    converter.register_unstructure_hook(Unit, lambda u: u.symbol)
    converter.register_structure_hook(Quantity, _structure_quantity)
    converter.register_unstructure_hook(Quantity, _unstructure_quantity)
    for cls in MODEL_CLASSES:
        _register_record(converter, cls, detailed=detailed)
    # The engine's records are registered when one is first met, so that a
    # converter for plans and reports never imports the engine.
    converter.register_structure_hook_factory(
        _is_engine_record, lambda cls: _register_record(converter, cls, detailed=detailed)[0]
    )
    converter.register_unstructure_hook_factory(
        _is_engine_record, lambda cls: _register_record(converter, cls, detailed=detailed)[1]
    )
    # A model record nested in a document but not listed above gets the same guards.
    converter.register_structure_hook_factory(
        _is_unlisted_model_record,
        lambda cls: _register_record(converter, cls, detailed=detailed)[0],
    )
    _configure_claims(converter)
    return converter


def _is_unlisted_model_record(type_: Any) -> bool:
    return (
        attrs.has(type_)
        and type_.__module__.startswith("govplan.model.")
        and type_ not in MODEL_CLASSES
    )


def _is_engine_record(type_: Any) -> bool:
    return (
        isinstance(type_, type)
        and type_.__module__.startswith("govplan.engine.")
        and (attrs.has(type_) or hasattr(type_, "from_data"))
    )


def _is_engine_enum(type_: Any) -> bool:
    return (
        isinstance(type_, type)
        and issubclass(type_, enum.Enum)
        and type_.__module__.startswith("govplan.engine.")
    )


def _register_record(
    converter: cattrs.Converter, cls: type, *, detailed: bool
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], Any]]:
    if hasattr(cls, "from_data"):
        # Engine records that say themselves what they write (rule sets,
        # verdicts, evaluations): see their to_data / from_data.
        def structure_own(data: Any, _type: Any) -> Any:
            return cls.from_data(data, converter)

        def unstructure_own(obj: Any) -> Any:
            return obj.to_data(converter)

        converter.register_structure_hook(cls, structure_own)
        converter.register_unstructure_hook(cls, unstructure_own)
        return structure_own, unstructure_own
    structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
    )
    # The fast path needs no error locating: any failure reruns the detailed one.
    if detailed or cls is Deadline or cls in _CLAIMS:
        structure = _wrap_class_errors(cls, structure)
    else:
        structure = _mapping_only(cls, structure)
    unstructure: Callable[[Any], Any] = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True
    )
    converter.register_structure_hook(cls, structure)
    converter.register_unstructure_hook(cls, unstructure)
    return structure, unstructure


_CLAIMS: tuple[type, ...] = (SumClaim, RateClaim, ChangeClaim)


def _configure_claims(converter: cattrs.Converter) -> None:
    """Claims are tagged with their ``kind`` wherever they appear."""
    tagged = {kind_of(cls): cls for cls in _CLAIMS}

    def structure_claim(data: Any, _type: Any) -> Any:
        kind = data.get("kind") if isinstance(data, dict) else None
        if not isinstance(data, dict):
            raise ParseError(
                f"expected a mapping for a claim, got {type(data).__name__}: {shown(data)}",
                value=data,
                expected="a mapping with 'kind: sum_claim' (or rate_claim, change_claim)",
            )
        if not isinstance(kind, str) or kind not in tagged:
            raise ParseError(
                f"not a claim: {shown(kind)}" if kind else "a claim needs a 'kind'",
                field="kind",
                value=kind,
                expected="one of " + ", ".join(tagged),
            )
        fields = {key: value for key, value in data.items() if key != "kind"}
        return converter.structure(fields, tagged[kind])

    converter.register_structure_hook_func(lambda t: t == Claim, structure_claim)
    for cls in _CLAIMS:
        plain: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True
        )
        converter.register_unstructure_hook(cls, _tagged(kind_of(cls), plain))


def _tagged(kind: str, plain: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    def unstructure(obj: Any) -> dict[str, Any]:
        return {"kind": kind, **plain(obj)}

    return unstructure


@functools.cache
def converter(*, detailed: bool = True) -> cattrs.Converter:
    """The shared converter, built on first use."""
    return make_converter(detailed=detailed)


# What the fast path raises for bad input; the detailed path then names each problem.
# Anything else (an AttributeError, a NameError …) is a bug and propagates.
_BAD_INPUT = (
    BaseValidationError,
    ForbiddenExtraKeysError,
    GovplanError,
    ValueError,
    TypeError,
    KeyError,
    ArithmeticError,
)


def structure_model(data: Any, cls: type) -> Any:
    """Structure *data* as *cls* with the shared converters (fast path first).

    Raises:
        cattrs.errors.BaseValidationError: Every problem, each with its path.

    """
    try:
        return converter(detailed=False).structure(data, cls)
    except _BAD_INPUT:
        return converter(detailed=True).structure(data, cls)


def unstructure_model(obj: Any) -> Any:
    """Unstructure a model object to plain data."""
    if type(obj) not in MODEL_CLASSES and not _is_engine_record(type(obj)):
        raise ParseError(
            f"not a govplan document: {type(obj).__name__}",
            value=obj,
            expected="one of " + ", ".join(c.__name__ for c in document_classes()),
        )
    return converter().unstructure(obj)
