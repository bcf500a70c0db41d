"""The fast load paths agree with the slow ones that locate every problem.

Loading runs cattrs' generated functions without error collection first and
reruns the detailed converter only when that fails; the limits walk over
parsed JSON skips what the JSON parser already guarantees; enum fields read
their value by a direct lookup.  Each shortcut is held here to the path it
shortens, on generated documents and on generated damage to them.
"""

from __future__ import annotations

import copy
import enum
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govplan as g
from govplan import testing
from govplan.errors import LoadError
from govplan.io.converter import _BAD_INPUT, converter
from govplan.io.document_kinds import kind_of
from govplan.io.files import _problems, from_data, to_data
from govplan.io.limits import Limits
from govplan.io.parsing import _exceeds, _exceeds_tree, _parse_json, check_data
from govplan.model import fields
from govplan.model.targets import Basis, ForEach, TargetNature
from govplan.values.comparators import Commitment, Comparator

QUICK = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DOCUMENTS = st.one_of(
    testing.plans(),
    testing.reports(),
    testing.volunteer_events(),
    testing.posts(),
    testing.targets(),
    testing.measures(),
    testing.observations(),
    testing.deadlines(),
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.text(max_size=4),
    st.lists(st.text(max_size=2), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.sampled_from(["2011", "2011-Q3", "95%", "300多人", "at_least", "2011-13", "", " ", "t 1"]),
)


def _plain(document: Any) -> tuple[type, dict[str, Any]]:
    """The class of *document* and its data as a JSON file gives it back."""
    data = _parse_json(json.dumps(to_data(document), ensure_ascii=False), Limits())
    data.pop("document")
    return type(document), data


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside *data* (keys of mappings, indexes of lists)."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _damaged(data: dict[str, Any], place: tuple[Any, ...], junk: Any) -> dict[str, Any]:
    """A copy of *data* with the value at *place* replaced by *junk* (``REMOVED``: removed)."""
    data = copy.deepcopy(data)
    *where, last = place
    holder: Any = data
    for step in where:
        holder = holder[step]
    if junk is REMOVED:
        del holder[last]
    else:
        holder[last] = junk
    return data


REMOVED = object()


def _outcome(cls: type, data: Any, *, detailed: bool) -> tuple[str, Any]:
    """What one converter makes of *data*: the object, or that it refused it."""
    try:
        return "object", converter(detailed=detailed).structure(copy.deepcopy(data), cls)
    except _BAD_INPUT as exc:
        return "refused", exc


@QUICK
@given(DOCUMENTS)
def test_both_paths_build_the_same_object_from_good_data(document: Any) -> None:
    cls, data = _plain(document)
    fast: Any = converter(detailed=False).structure(copy.deepcopy(data), cls)
    assert fast == converter(detailed=True).structure(copy.deepcopy(data), cls) == document


def _same_outcome(cls: type, data: dict[str, Any]) -> None:
    fast_kind, fast = _outcome(cls, data, detailed=False)
    slow_kind, slow = _outcome(cls, data, detailed=True)
    assert fast_kind == slow_kind, (data, fast, slow)
    if fast_kind == "object":
        assert fast == slow
        return
    # What a load reports is the detailed path's list of located problems.
    located = list(_problems(slow, ""))
    assert located
    with pytest.raises(LoadError) as caught:
        from_data({"document": kind_of(cls), **data})
    assert list(caught.value.problems) == located


@settings(QUICK, max_examples=25)
@given(DOCUMENTS, JUNK, st.sampled_from(["id", "unknown", "period", "kind", "stated"]))
def test_the_fast_path_refuses_exactly_what_the_detailed_path_refuses(
    document: Any, junk: Any, key: str
) -> None:
    """Every value of a generated document in turn replaced by junk, or removed."""
    cls, data = _plain(document)
    _same_outcome(cls, {**data, key: junk})
    for place in _places(data):
        _same_outcome(cls, _damaged(data, place, junk))
        _same_outcome(cls, _damaged(data, place, REMOVED))


# --- the limits walk over parsed JSON ---------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.text(max_size=12),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)
SMALL_LIMITS = st.builds(
    Limits,
    depth=st.integers(1, 6),
    items=st.integers(1, 7),
    cell_size=st.integers(1, 13),
    number_length=st.integers(1, 40),
)


@QUICK
@given(JSON_VALUES, SMALL_LIMITS)
def test_the_json_walk_finds_what_the_general_walk_finds(data: Any, limits: Limits) -> None:
    text = json.dumps(data, ensure_ascii=False)
    try:
        parsed = _parse_json(text, limits)  # numbers too long are refused here
    except LoadError:
        return
    for size in (None, len(text)):
        assert _exceeds_tree(parsed, limits, size) == _exceeds(parsed, limits, size)
    assert check_data(parsed, limits, size=len(text), tree=True) == check_data(
        parsed, limits, size=len(text)
    )


def test_the_json_walk_names_the_limit_and_the_line() -> None:
    text = json.dumps({"document": "plan", "id": "p", "title": "x" * 20}, indent=1)
    with pytest.raises(LoadError, match=r"line 4, .*a text is too long: 20 .*cell_size"):
        g.loads(text, "json", limits=Limits(cell_size=10))
    deep = '{"document": "plan", "a": ' + "[" * 8 + "]" * 8 + "}"
    with pytest.raises(LoadError, match=r"the nesting is too deep: 6 .*depth"):
        g.loads(deep, "json", limits=Limits(depth=5))


# --- enum fields ------------------------------------------------------------------------------

ENUMS: list[type[enum.Enum]] = [Comparator, Basis, Commitment, TargetNature, ForEach]


@QUICK
@given(
    st.sampled_from(ENUMS),
    st.one_of(
        st.sampled_from([m for e in ENUMS for m in e]),
        st.sampled_from([m.value for e in ENUMS for m in e]),
        st.text(max_size=10),
        st.integers(),
        st.none(),
        st.lists(st.text(max_size=2), max_size=2),
        st.just(Decimal("1")),
    ),
)
def test_an_enum_field_reads_a_value_as_the_enum_does(
    enum_type: type[enum.Enum], value: Any
) -> None:
    try:
        expected: Any = enum_type(value)
    except (ValueError, TypeError) as exc:
        expected = (type(exc), str(exc))
    try:
        found: Any = fields.member(enum_type, fields.members(enum_type), value)
    except (ValueError, TypeError) as exc:
        found = (type(exc), str(exc))
    assert found == expected
    if not isinstance(expected, tuple):
        assert found is expected
