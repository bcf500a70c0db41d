"""Value columns: results as columns, one row per observation (the check table's other half).

See :data:`~govplan.engine.check_table.VALUE_COLUMNS` for the contract; this module
holds the in-process form, re-exported by :mod:`govplan.engine.check_table`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from itertools import compress, count, repeat
from operator import is_not
from typing import TYPE_CHECKING, Any, overload

import attrs

from ..errors import ValidationError
from ..model.observations import Observation
from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.units import Unit

if TYPE_CHECKING:
    from .derivations import Derivation

__all__ = ["RowIndex", "ValueColumns", "equal_codes", "slice_key", "value_columns"]


def slice_key(breakdown: Mapping[str, str]) -> str:
    """The breakdown key of a slice: ``"area=城市;stage=初中"``; ``""`` for the whole."""
    if not breakdown:
        return ""
    return ";".join(f"{key}={value}" for key, value in sorted(breakdown.items()))


def equal_codes(column: Sequence[Hashable]) -> list[int]:
    """A small integer per row, equal where the rows' values are equal.

    Rows holding one object share its code without hashing it again (a
    ledger's period column holds a few period objects a million times), so a
    key of codes is hashed at C speed where a key of the objects would call
    their ``__hash__`` per row.
    """
    objects = dict(zip(map(id, column), column, strict=True))
    by_value: dict[Hashable, int] = {}
    code_of = {key: by_value.setdefault(value, len(by_value)) for key, value in objects.items()}
    return list(map(code_of.__getitem__, map(id, column)))


class _Rows(Sequence[Observation]):
    """Observation objects for value rows given as columns, built when one is read."""

    __slots__ = ("_values",)

    def __init__(self, values: ValueColumns) -> None:
        self._values = values

    def __len__(self) -> int:
        return len(self._values.indicator_id)

    @overload
    def __getitem__(self, index: int) -> Observation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Observation]: ...
    def __getitem__(self, index: int | slice) -> Observation | Sequence[Observation]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        v = self._values
        return Observation(
            indicator_id=v.indicator_id[index],
            period=v.period[index],
            value=v.quantity(index),
            id=v.id[index] if v.id else None,
            scope=v.scope[index],
            breakdown=dict(v.breakdown[index] or {}),
            change_from=v.change_from[index],
            note=v.note[index] if v.note else None,
        )


@attrs.define(slots=True, eq=False)
class ValueColumns:
    """Results as columns, one row per observation (see :data:`VALUE_COLUMNS`).

    Build it from observation objects with :func:`value_columns`, or straight
    from columns with :meth:`of` (a ledger, a query result): then no
    observation object is made unless a verdict about that row is read.

    Attributes:
        indicator_id: The indicator of each row.
        scope: Each row's scope as given (``None``: the issuer's).
        period: Each row's period.
        low: Lower bounds (``None``: unbounded, or no value).
        high: Upper bounds.
        low_open: Whether each lower bound is excluded.
        high_open: Whether each upper bound is excluded.
        unit: Each row's unit; ``None`` when the row has no value.
        change_from: The baseline period of a stated change; ``None`` for a level.
        breakdown: Each row's breakdown slice (``None``: the whole scope).
        id: Observation ids (empty: none has one).
        note: Notes (empty: none has one).
        observations: The observations by row (the given objects, or built on read).
        issuer: The scope of unscoped rows in :meth:`columns`.
        derivations: Rows derived by roll-up (:mod:`~govplan.engine.rollup`):
            how each was made and from which rows.
        disagreements: Rows whose stated value disagrees with their own
            counts, with the value the counts give.
        scopes_distinct: Whether every row names its scope and no scope
            appears twice, when known (``None``: worked out when asked, see
            :meth:`distinct_scopes`).

    """

    indicator_id: list[str]
    scope: list[str | None]
    period: list[Period]
    low: list[Decimal | None]
    high: list[Decimal | None]
    low_open: list[bool]
    high_open: list[bool]
    unit: list[Unit | None]
    change_from: list[Period | None]
    breakdown: list[Mapping[str, str] | None]
    id: list[str | None] = attrs.field(factory=list)
    note: list[str | None] = attrs.field(factory=list)
    observations: Sequence[Observation] | None = attrs.field(default=None)
    issuer: str | None = None
    derivations: dict[int, Derivation] = attrs.field(factory=dict)
    disagreements: dict[int, Quantity] = attrs.field(factory=dict)
    scopes_distinct: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.observations is None:
            self.observations = _Rows(self)

    @property
    def has_objects(self) -> bool:
        """Whether the rows came as observation objects (not built on read)."""
        return not isinstance(self.observations, _Rows)

    @property
    def rows(self) -> Sequence[Observation]:
        """The observation of each row (the given objects, or built when read)."""
        assert self.observations is not None
        return self.observations

    def __len__(self) -> int:
        return len(self.indicator_id)

    def distinct_scopes(self) -> bool:
        """Whether every row names its scope and no scope appears twice.

        Then no indicator has two rows for one scope: nothing can conflict,
        and a template target's rows are its checks, one per scope.  The
        ``scopes_distinct`` field when known, else one set of the scope column.
        """
        if self.scopes_distinct is not None:
            return self.scopes_distinct
        seen = set(self.scope)
        return len(seen) == len(self.scope) and None not in seen

    def knowing_scopes(self) -> ValueColumns:
        """The same columns (shared, not copied), with ``scopes_distinct`` worked out.

        For one run: the duplicate check and the executor then share one set of
        the scope column.
        """
        if self.scopes_distinct is not None:
            return self
        return attrs.evolve(
            self,
            observations=self.observations if self.has_objects else None,
            scopes_distinct=self.distinct_scopes(),
        )

    @classmethod
    def of(
        cls,
        *,
        indicator_id: Sequence[str],
        period: Sequence[Period],
        value: Sequence[Decimal | None],
        unit: Unit | Sequence[Unit],
        scope: Sequence[str | None] | None = None,
        id: Sequence[str | None] | None = None,
        note: Sequence[str | None] | None = None,
    ) -> ValueColumns:
        """Value columns of exact levels: one value (or ``None``: no data) per row.

        Raises:
            ValidationError: The columns differ in length, or a value is not a
                finite Decimal (the row is named).

        """
        n = len(indicator_id)
        units: list[Unit | None] = [unit] * n if isinstance(unit, Unit) else list(unit)
        columns: dict[str, Sequence[object]] = {"period": period, "value": value, "unit": units}
        if scope is not None:
            columns["scope"] = scope
        for name, column in columns.items():
            if len(column) != n:
                raise ValidationError(
                    f"column {name} has {len(column)} rows, indicator_id has {n}",
                    field=name,
                    expected="columns of equal length",
                )
        values = list(value)
        given: list[Decimal] = list(compress(values, map(is_not, values, repeat(None))))  # type: ignore[arg-type]
        # At C speed for the common case; the row loop only to name a bad value.
        if not (set(map(type, given)) <= {Decimal} and all(map(Decimal.is_finite, given))):
            for row, number in enumerate(values):
                if number is not None and not (isinstance(number, Decimal) and number.is_finite()):
                    raise ValidationError(
                        f"not an exact finite number: {number!r}",
                        field=f"value[{row}]",
                        value=number,
                        expected="a Decimal (floats are not exact), or None for no data",
                    )
        return cls(
            indicator_id=list(indicator_id),
            scope=list(scope) if scope is not None else [None] * n,
            period=list(period),
            low=values,
            high=values,
            low_open=[False] * n,
            high_open=[False] * n,
            unit=units
            if len(given) == n
            else [None if v is None else u for v, u in zip(values, units, strict=True)],
            change_from=[None] * n,
            breakdown=[None] * n,
            id=list(id) if id is not None else [],
            note=list(note) if note is not None else [],
        )

    def extend(self, more: ValueColumns) -> ValueColumns:
        """These rows followed by *more*'s, as new columns."""
        n, m = len(self), len(more)

        def joined(first: list[Any], second: list[Any]) -> list[Any]:
            return (first or [None] * n) + (second or [None] * m)

        both_objects = not isinstance(self.observations, _Rows) and not isinstance(
            more.observations, _Rows
        )
        return ValueColumns(
            indicator_id=self.indicator_id + more.indicator_id,
            scope=self.scope + more.scope,
            period=self.period + more.period,
            low=self.low + more.low,
            high=self.high + more.high,
            low_open=self.low_open + more.low_open,
            high_open=self.high_open + more.high_open,
            unit=self.unit + more.unit,
            change_from=self.change_from + more.change_from,
            breakdown=self.breakdown + more.breakdown,
            id=joined(self.id, more.id),
            note=joined(self.note, more.note),
            observations=[*self.rows, *more.rows] if both_objects else None,
            issuer=self.issuer,
            derivations={**self.derivations, **{n + r: d for r, d in more.derivations.items()}},
            disagreements={
                **self.disagreements,
                **{n + r: q for r, q in more.disagreements.items()},
            },
        )

    def sources(self, rows: Sequence[int]) -> tuple[int, ...]:
        """*rows* with every derived row replaced by the rows it was derived from."""
        found: dict[int, None] = {}
        for row in rows:
            derivation = self.derivations.get(row)
            if derivation is None:
                found[row] = None
            else:
                found.update(dict.fromkeys(derivation.sources))
        return tuple(found)

    def quantity(self, row: int) -> Quantity | None:
        """The value of *row* as a quantity (the observation's own, when given)."""
        observations = self.observations
        if observations is not None and not isinstance(observations, _Rows):
            return observations[row].value
        unit = self.unit[row]
        if unit is None:
            return None
        return Quantity(
            low=self.low[row],
            high=self.high[row],
            unit=unit,
            low_open=self.low_open[row],
            high_open=self.high_open[row],
        )

    def columns(self, *, issuer: str | None = None) -> dict[str, list[Any]]:
        """Every column of :data:`VALUE_COLUMNS`, column-wise (unscoped rows: *issuer*)."""
        issuer = issuer if issuer is not None else self.issuer
        n = len(self)
        units = self.unit
        has = [u is not None for u in units]
        return {
            "row": list(range(n)),
            "id": list(self.id) if self.id else [None] * n,
            "indicator_id": list(self.indicator_id),
            "scope": [s or issuer for s in self.scope],
            "breakdown": [slice_key(b or {}) for b in self.breakdown],
            "period": [str(p) for p in self.period],
            "period_start": [p.start for p in self.period],
            "period_end": [p.end for p in self.period],
            "change_from": [None if p is None else str(p) for p in self.change_from],
            "low": [lo if h else None for lo, h in zip(self.low, has, strict=True)],
            "high": [hi if h else None for hi, h in zip(self.high, has, strict=True)],
            "low_closed": [
                h and lo is not None and not o
                for lo, o, h in zip(self.low, self.low_open, has, strict=True)
            ],
            "high_closed": [
                h and hi is not None and not o
                for hi, o, h in zip(self.high, self.high_open, has, strict=True)
            ],
            "has_value": has,
            "unit": [None if u is None else u.symbol for u in units],
            "unit_dimension": [None if u is None else u.dimension for u in units],
            "unit_factor_num": [None if u is None else u.factor.numerator for u in units],
            "unit_factor_den": [None if u is None else u.factor.denominator for u in units],
            "numerator": [_count(self.rows[r], "numerator") for r in range(n)]
            if not isinstance(self.observations, _Rows)
            else [None] * n,
            "denominator": [_count(self.rows[r], "denominator") for r in range(n)]
            if not isinstance(self.observations, _Rows)
            else [None] * n,
        }


def _count(observation: Observation, name: str) -> Decimal | None:
    count = getattr(observation, name)
    return None if count is None else count.low


def value_columns(
    observations: Sequence[Observation], *, issuer: str | None = None
) -> ValueColumns:
    """The value columns of *observations* (the objects are kept for their wording).

    *issuer* is the scope of unscoped rows in :meth:`ValueColumns.columns` (the
    in-process columns keep the scope as given).
    """
    values = [o.value for o in observations]
    return ValueColumns(
        indicator_id=[o.indicator_id for o in observations],
        scope=[o.scope for o in observations],
        period=[o.period for o in observations],
        low=[None if v is None else v.low for v in values],
        high=[None if v is None else v.high for v in values],
        low_open=[v is not None and v.low_open for v in values],
        high_open=[v is not None and v.high_open for v in values],
        unit=[None if v is None else v.unit for v in values],
        change_from=[o.change_from for o in observations],
        breakdown=[o.breakdown or None for o in observations],
        id=[o.id for o in observations],
        note=[o.note for o in observations],
        observations=observations,
        issuer=issuer,
    )


_ONE = tuple(bytes(int(k == code) for k in range(256)) for code in range(8))
"""Per code below 8, a translation table marking that code's bytes (1) and no other (0)."""


class RowIndex:
    """Value rows by indicator, then (built on first use) by slice: an executor's lookups."""

    __slots__ = ("_level_scopes", "_slices", "by_indicator", "issuer", "values")

    def __init__(self, values: ValueColumns, issuer: str | None) -> None:
        self.values = values
        self.issuer = issuer
        column = values.indicator_id
        # One pass at C speed: a small code per row, in order of first appearance
        # (each indicator id is hashed once per row; codes compare as small ints).
        kinds: defaultdict[str, int] = defaultdict(count().__next__)
        codes = list(map(kinds.__getitem__, column))
        by_indicator: dict[str, list[int]] = {}
        if len(kinds) == 1:
            by_indicator[next(iter(kinds))] = list(range(len(column)))
        elif len(kinds) <= 8:
            # Few indicators (a ledger, a benchmark): the codes as bytes, and per
            # indicator a mask of its rows (bytes.translate) to pick the row numbers.
            every, small = range(len(column)), bytes(codes)
            for indicator, code in kinds.items():
                by_indicator[indicator] = list(compress(every, small.translate(_ONE[code])))
        else:
            for row, indicator in enumerate(column):
                rows = by_indicator.get(indicator)
                if rows is None:
                    by_indicator[indicator] = [row]
                else:
                    rows.append(row)
        self.by_indicator = by_indicator
        self._slices: dict[str, dict[object, list[int]]] = {}
        self._level_scopes: dict[str, dict[str, None]] = {}

    def slices(self, indicator: str) -> dict[object, list[int]]:
        """The rows of *indicator* by slice key (scope, or (scope, breakdown key))."""
        found = self._slices.get(indicator)
        if found is None:
            values, issuer = self.values, self.issuer
            scopes, breakdowns = values.scope, values.breakdown
            found = {}
            for row in self.by_indicator.get(indicator, ()):
                scope = scopes[row] or issuer
                breakdown = breakdowns[row]
                key: object = (scope, slice_key(breakdown)) if breakdown else scope
                rows = found.get(key)
                if rows is None:
                    found[key] = [row]
                else:
                    rows.append(row)
            self._slices[indicator] = found
        return found

    def rows(self, indicator: str, scope: str | None, breakdown: str) -> list[int]:
        """The rows of *indicator* for one scope (``None``: the issuer) and breakdown key."""
        key: object = (scope or self.issuer, breakdown) if breakdown else (scope or self.issuer)
        return self.slices(indicator).get(key) or []

    def level_scopes(self, indicator: str) -> dict[str, None]:
        """The scopes named by level rows of *indicator*, in order of first appearance."""
        found = self._level_scopes.get(indicator)
        if found is None:
            values = self.values
            scopes, changes = values.scope, values.change_from
            found = {}
            for row in self.by_indicator.get(indicator, ()):
                scope = scopes[row]
                if scope and changes[row] is None:
                    found[scope] = None
            self._level_scopes[indicator] = found
        return found

    def breakdown_slices(self, indicator: str) -> dict[str, Mapping[str, str]]:
        """Breakdown slices of level rows of *indicator*: ``"scope|key"`` → breakdown."""
        values, issuer = self.values, self.issuer
        found: dict[str, Mapping[str, str]] = {}
        for row in self.by_indicator.get(indicator, ()):
            breakdown = values.breakdown[row]
            if breakdown and values.change_from[row] is None:
                scope = values.scope[row] or issuer
                found.setdefault(f"{scope}|{slice_key(breakdown)}", breakdown)
        return found
