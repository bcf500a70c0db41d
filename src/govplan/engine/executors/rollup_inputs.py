"""The small relations the SQL roll-up reads besides the value columns.

Built in Python from what is small — the check table, the indicators, the
organisation tree — as Arrow tables: the cells the targets need, the tree
with each organisation's depth, its closure (every ancestor of every
organisation), and per indicator how it aggregates.  The value rows stay
in the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ...model.indicators import Aggregation, Indicator
from ...model.observations import Observation
from ...model.organisations import Organisation
from ..check_table import BasisCode, CheckTable, CompiledTarget, ForEachCode

__all__ = ["AGGREGATION_CODES", "RollupInputs", "count_units_fallback", "rollup_inputs"]

AGGREGATION_CODES: Mapping[Aggregation, int] = {
    Aggregation.NONE: 0,
    Aggregation.SUM: 1,
    Aggregation.LAST: 2,
    Aggregation.RATIO: 3,
}
"""How an indicator aggregates, as the code the relations carry."""


@attrs.frozen(kw_only=True)
class RollupInputs:
    """The small relations the roll-up reads besides the value columns (Arrow tables).

    Attributes:
        indicators: ``gp_r_ind``: per indicator, its aggregation code, unit,
            the factors turning Σ numerator / Σ denominator into its unit, and
            whether a check judges a change, growth or difference of it, and
            whether a level check of it needs more than a rate's exact quotient
            (``unmeasured``: see :func:`_unmeasured`).
        needed: ``gp_r_needed``: the cells the targets need (indicator,
            scope, period; ``all_keys``: every breakdown slice too).
        tree: ``gp_r_tree``: id, parent id, depth and order of each organisation,
            and its place in a depth-first walk (``visit``).
        closure: ``gp_r_closure``: (ancestor, descendant, descendant's depth),
            every scope its own ancestor.
        stated: ``gp_r_stated``: half a unit of the last digit of values given
            with counts (by row); rows not listed are taken at six places.
        depth: The deepest stage (the tree's depth, plus one for scopes
            outside the tree).
        fallback: Indicators sent in process before any query (cycles, count units).

    """

    indicators: Any
    needed: Any
    tree: Any
    closure: Any
    stated: Any
    depth: int
    fallback: frozenset[str] = frozenset()


def _depths(organisations: Sequence[Organisation]) -> dict[str, int] | None:
    """Each organisation's depth in the tree (roots 0), or ``None`` for a cycle."""
    parent = {
        o.id: o.parent_id for o in organisations if o.parent_id is not None and o.parent_id != o.id
    }
    depths: dict[str, int] = {}
    for o in organisations:
        chain: list[str] = []
        node: str | None = o.id
        while node is not None and node not in depths:
            if node in chain:
                return None
            chain.append(node)
            node = parent.get(node)
        base = -1 if node is None else depths[node]
        for offset, item in enumerate(reversed(chain), start=1):
            depths[item] = base + offset
    return depths


def count_units_fallback(observations: Iterable[Observation]) -> frozenset[str]:
    """Indicators whose counts the value columns cannot carry exactly.

    The columns hold a count's number without its unit: an indicator whose
    counts come in more than one unit, or as an interval, stays in process.
    """
    units: dict[str, object] = {}
    bad: set[str] = set()
    for o in observations:
        top, bottom = o.numerator, o.denominator
        if top is None or bottom is None:
            continue
        seen = units.setdefault(o.indicator_id, bottom.unit)
        if not (top.is_exact and bottom.is_exact) or top.unit != bottom.unit or seen != bottom.unit:
            bad.add(o.indicator_id)
    return frozenset(bad)


def _preorder(organisations: Sequence[Organisation], parents: Mapping[str, str]) -> dict[str, int]:
    """Each organisation's place in a depth-first walk, sub-units in the order given.

    The order in which the in-process roll-up reaches the rows a sum came from.
    """
    children: dict[str, list[str]] = {}
    for o in organisations:
        parent = parents.get(o.id)
        if parent is not None and o.id not in children.setdefault(parent, []):
            children[parent].append(o.id)
    tops = [o.id for o in organisations if o.id not in parents]
    tops += [p for p in children if p not in parents and p not in tops]
    place: dict[str, int] = {}
    stack = list(reversed(tops))
    while stack:
        node = stack.pop()
        if node in place:
            continue
        place[node] = len(place)
        stack.extend(reversed(children.get(node, [])))
    return place


def _unmeasured(row: CompiledTarget) -> bool:
    """Whether a level check of *row* is judged on more than its value's exact quotient.

    A rate whose quotient has no six-place form reaches the check query as
    the open interval between its six-place neighbours, with its exact
    numerator and denominator beside it: gaps, progress and the value shown
    are re-worked from those.  That holds for a level check whose threshold is
    in the indicator's own unit and that has no baseline, tolerance or
    cumulative pace; any other level check of the indicator runs in process.
    """
    if row.basis is not BasisCode.LEVEL:
        return False
    unit, own = row.unit, row.indicator.unit
    same = unit.dimension == own.dimension and unit.factor == own.factor
    return not same or row.baseline is not None or row.tolerance is not None or row.cumulative


def _half_units(observations: Sequence[Observation]) -> tuple[list[int], list[Decimal]]:
    rows: list[int] = []
    halves: list[Decimal] = []
    for row, o in enumerate(observations):
        if o.numerator is None or o.value is None or not o.value.is_exact:
            continue
        assert o.value.low is not None
        exponent = o.value.low.as_tuple().exponent
        assert isinstance(exponent, int)
        rows.append(row)
        halves.append(Decimal(5).scaleb(exponent - 1))
    return rows, halves


def rollup_inputs(
    checks: CheckTable,
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    observations: Sequence[Observation] | None = None,
) -> RollupInputs:
    """The small relations for *checks*: the cells its targets need, the tree, the indicators.

    *observations*, when the value rows are Python objects (in that order),
    give the stated precision of values given with counts and the units of
    their counts; rows read from files carry six places and one count unit.
    """
    from ..rollup import needed_cells
    from .tables import _pyarrow

    pa = _pyarrow()
    fallback: set[str] = set()
    depths = _depths(organisations)
    if depths is None:
        depths = {}
        fallback |= {i for i, ind in indicators.items() if ind.aggregation is not Aggregation.NONE}
    if observations is not None:
        fallback |= count_units_fallback(observations)
    nonlevel = {r.indicator.id for r in checks.rows if r.basis is not BasisCode.LEVEL}
    unmeasured = {r.indicator.id for r in checks.rows if _unmeasured(r)}
    known = {**indicators, **{r.indicator.id: r.indicator for r in checks.rows}}
    ids = sorted(known)
    units = [known[i].unit for i in ids]
    # Σ numerator / Σ denominator in the indicator's unit: a rate unit counts in
    # hundredths of its factor (% is 1), any other unit takes the quotient as it is.
    a_mul = [100 * u.factor.denominator if u.dimension == "rate" else 1 for u in units]
    b_mul = [u.factor.numerator if u.dimension == "rate" else 1 for u in units]
    ind = pa.table(
        {
            "indicator_id": pa.array(ids, pa.string()),
            "aggregation": pa.array(
                [AGGREGATION_CODES[known[i].aggregation] for i in ids], pa.int8()
            ),
            "i_unit": pa.array([u.symbol for u in units], pa.string()),
            "i_dim": pa.array([u.dimension for u in units], pa.string()),
            "i_num": pa.array([u.factor.numerator for u in units], pa.int64()),
            "i_den": pa.array([u.factor.denominator for u in units], pa.int64()),
            "a_mul": pa.array(a_mul, pa.int64()),
            "b_mul": pa.array(b_mul, pa.int64()),
            "nonlevel": pa.array([i in nonlevel for i in ids], pa.bool_()),
            "unmeasured": pa.array([i in unmeasured for i in ids], pa.bool_()),
        }
    )
    targets = [r.target for r in checks.rows]
    cells = needed_cells(targets, known, organisations, {}, issuer=checks.issuer)
    keyed = {
        (r.indicator.id, r.scope)
        for r in checks.rows
        if r.for_each is ForEachCode.BREAKDOWN and r.indicator.aggregation is not Aggregation.NONE
    }
    cells = [c for c in cells if c[1] is not None]
    needed = pa.table(
        {
            "indicator_id": pa.array([c[0] for c in cells], pa.string()),
            "scope": pa.array([c[1] for c in cells], pa.string()),
            "period": pa.array([str(c[2]) for c in cells], pa.string()),
            "period_start": pa.array([c[2].start for c in cells], pa.date32()),
            "period_end": pa.array([c[2].end for c in cells], pa.date32()),
            # A template over slices needs its scope's every slice (and the scope's
            # sub-units' slices below it, through the closure).
            "all_keys": pa.array([(c[0], c[1]) in keyed for c in cells], pa.bool_()),
        }
    )
    deepest = max(depths.values(), default=0)
    order = {o.id: n for n, o in enumerate(organisations)}
    tree_ids = list(depths)
    parents = {
        o.id: o.parent_id for o in organisations if o.parent_id is not None and o.parent_id != o.id
    }
    visit = _preorder(organisations, parents)
    tree = pa.table(
        {
            "id": pa.array(tree_ids, pa.string()),
            "parent_id": pa.array([parents.get(o) for o in tree_ids], pa.string()),
            "depth": pa.array([depths[o] for o in tree_ids], pa.int64()),
            "ord": pa.array([order[o] for o in tree_ids], pa.int64()),
            "visit": pa.array([visit.get(o, len(visit)) for o in tree_ids], pa.int64()),
        }
    )
    ancestors: list[str] = []
    descendants: list[str] = []
    levels: list[int] = []
    for o in tree_ids:
        node: str | None = o
        while node is not None:
            ancestors.append(node)
            descendants.append(o)
            levels.append(depths[o])
            node = parents.get(node)
    for scope in dict.fromkeys(c[1] for c in cells):
        if scope is not None and scope not in depths:
            # A scope outside the tree has no sub-units: a stage after the deepest.
            ancestors.append(scope)
            descendants.append(scope)
            levels.append(deepest + 1)
    closure = pa.table(
        {
            "ancestor": pa.array(ancestors, pa.string()),
            "descendant": pa.array(descendants, pa.string()),
            "depth": pa.array(levels, pa.int64()),
        }
    )
    rows, halves = _half_units(observations or ())
    stated = pa.table(
        {
            "row": pa.array(rows, pa.int32()),
            "half": pa.array(halves, pa.decimal128(24, 12)),
        }
    )
    return RollupInputs(
        indicators=ind,
        needed=needed,
        tree=tree,
        closure=closure,
        stated=stated,
        depth=deepest + 1,
        fallback=frozenset(fallback),
    )
