"""The one place that (un)structures govplan objects to and from plain data.

Records are (un)structured by cattrs' generated functions, configured here:
unknown fields are refused, defaults are left out when writing, and claims
carry their ``kind`` tag.  The values inside records (texts, numbers, dates,
periods, quantities) have their hooks in :mod:`govplan.io.value_hooks`; the
classes a file can hold and their kind tags are in
:mod:`govplan.io.document_kinds`.

Two converters share one configuration: the fast one stops at the first
problem, and only when it fails does the detailed one run again to name every
problem by its field path.
"""

from __future__ import annotations

import datetime as _dt
import functools
import types
import typing
from collections.abc import Callable
from itertools import repeat
from typing import Any

import attrs
import cattrs
from cattrs.errors import BaseValidationError, ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ..errors import GovplanError, ParseError
from ..model.reports import Claim
from ..values.periods import Deadline
from .document_kinds import (
    CLAIM_CLASSES,
    MODEL_CLASSES,
    document_classes,
    engine_classes,
    kind_of,
    model_class,
)
from .value_hooks import kind_of_value, register_value_hooks, shown, structure_date

__all__ = [
    "MODEL_CLASSES",
    "converter",
    "document_classes",
    "engine_classes",
    "kind_of",
    "make_converter",
    "model_class",
    "structure_model",
    "unstructure_model",
]


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
                    f"not a list: {shown(value)} is {kind_of_value(value)}",
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


def _is_optional(type_: Any) -> bool:
    arguments = typing.get_args(type_)
    return (
        typing.get_origin(type_) in (typing.Union, types.UnionType)
        and len(arguments) == 2
        and types.NoneType in arguments
    )


def _optional(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """``X | None`` on the fast path: ``None``, or *X*'s hook, looked up once.

    cattrs' own hook for optional types looks up *X*'s hook on every value.
    """

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        inner = next(argument for argument in typing.get_args(type_) if argument is not None)
        inner = next(a for a in typing.get_args(type_) if a is not types.NoneType)
        hook: Callable[[Any, Any], Any] | None = None

        def structure(value: Any, _type: Any) -> Any:
            nonlocal hook
            if value is None:
                return None
            if hook is None:
                hook = converter.get_structure_hook(inner)
            return hook(value, inner)

        return structure

    return factory


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
                return Deadline(due=structure_date(data, None))
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
            if cls is Deadline and isinstance(data, str | _dt.date):
                return Deadline(due=structure_date(data, None))  # the short form
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
    register_value_hooks(converter, detailed=detailed)
    converter.register_structure_hook_factory(
        _is_record_list, _strict_list(converter, detailed=detailed)
    )
    if not detailed:
        converter.register_structure_hook_factory(_is_optional, _optional(converter))
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
    if detailed or cls in _CLAIMS:
        structure = _wrap_class_errors(cls, structure)
    else:
        structure = _mapping_only(cls, structure)
    unstructure: Callable[[Any], Any] = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True
    )
    converter.register_structure_hook(cls, structure)
    converter.register_unstructure_hook(cls, unstructure)
    return structure, unstructure


_CLAIMS = CLAIM_CLASSES


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
