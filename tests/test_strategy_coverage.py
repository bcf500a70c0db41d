"""The ``govplan.testing`` strategies vary every field of every model class.

The round-trip law (tests/test_roundtrip.py) only sees what the strategies
draw: a field they never vary is a field whose file form is never tested.
This test draws from every strategy, walks each object, and lists, per model
class, the fields that never took two different values.  The list must be
empty but for the fields allowed below by name, so a new field cannot slip
past the round trip silently.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from typing import Any, cast

import attrs
from hypothesis import HealthCheck, given, settings

import govplan.model
from govplan import Comparator, Quantity, Target
from tests.test_roundtrip import STRATEGIES

ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        # How an indicator aggregates is being added with the roll-up work; its
        # strategy comes with it.
        ("Indicator", "aggregation"),
    }
)
"""(class, field) pairs the strategies may leave constant, each with its reason."""

EXAMPLES = 30
"""Examples drawn from each strategy (derandomized: the same ones every run)."""


def _model_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(govplan.model.__path__):
        module = importlib.import_module(f"govplan.model.{info.name}")
        for name, obj in vars(module).items():
            if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__:
                found[name] = obj
    return found


def _key(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _walk(value: Any, seen: dict[type, dict[str, set[object]]]) -> None:
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            seen[type(value)][field.name].add(_key(item))
            _walk(item, seen)
        if isinstance(value, Target) and value.value is not None:
            seen[Target]["comparator_value"].add((value.comparator, value.value))
    elif isinstance(value, (tuple, list)):
        for item in value:
            _walk(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, seen)


def test_the_strategies_vary_every_field_of_every_model_class() -> None:
    seen: dict[type, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
    for strategy in STRATEGIES.values():

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(strategy)
        def walk(value: object) -> None:
            _walk(value, seen)

        walk()
    constant = {
        (name, field.name)
        for name, cls in _model_classes().items()
        for field in attrs.fields(cls)
        if len(seen[cls][field.name]) < 2
    }
    missing = sorted(constant - ALLOWED)
    assert not missing, "\n".join(map(str, missing))
    # A field may vary and still never take a shape: approximate target values
    # (8%左右, a band) for each comparator that allows one.
    bands = {v for v in seen[Target]["value"] if isinstance(v, Quantity) and not v.is_exact}
    assert bands
    pairs = cast(set[tuple[Comparator, Quantity]], seen[Target]["comparator_value"])
    approximate = {comparator for comparator, value in pairs if not value.is_exact}
    assert approximate == {Comparator.EQUAL, Comparator.AT_LEAST, Comparator.AT_MOST}
    assert any(v.stated for v in bands)  # read from 约N / N左右 wording
