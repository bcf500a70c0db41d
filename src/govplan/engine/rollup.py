"""Roll-up: values derived from sub-units' and sub-periods' observations.

A pre-pass over the value columns, run before any executor sees them.  For
each (indicator, scope, period, breakdown) cell a target needs and that has
no observation of its own, a value is derived — when the indicator declares
how it aggregates (:class:`~govplan.Aggregation`):

* over the organisation tree (``Organisation.parent_id``): amounts and counts
  sum; a rate is Σ numerator / Σ denominator, and a sub-unit with a rate but
  no counts makes it underivable;
* over time: a flow's sub-periods (months, quarters, a year-to-date figure)
  add up to the period; a stock's period value is that of the sub-period
  ending with it; a rate is Σ numerator / Σ denominator again.

Missing parts leave a *partial* sum: for non-negative parts, an interval
``[sum so far, ∞)``, so three-valued logic still applies.  Before a period
ends, a flow's parts from its start also give a year-to-date row (an interim
result, the period from the start to the last part's end).

Every derived row is an ordinary :class:`~govplan.Observation` appended to
the value columns, with a :class:`~govplan.engine.derivations.Derivation` naming
the rows it came from (see :mod:`~govplan.engine.derivations`).
An observation with numerator and denominator but no value gets its value
from its counts; one whose stated value disagrees with its own counts at
the stated precision is recorded as a disagreement, and a check that judges
it is *inconsistent*.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

import attrs
import pendulum

from ..errors import GovplanError
from ..model.indicators import Aggregation, Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from ..model.plans import Plan
from ..model.posts import Post
from ..model.targets import ForEach, Target
from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.units import Unit, convert_units
from .comparisons import Span
from .derivations import (
    Derivation,
    DerivationKind,
    breakdown_key,
    from_counts,
    rate_in_unit,
    span_quantity,
)

if TYPE_CHECKING:
    from .value_columns import ValueColumns

__all__ = [
    "RollUp",
    "derive",
    "needed_cells",
    "roll_up",
    "targets_of",
]

Cell = tuple[str, str | None, Period, str]
"""(indicator id, scope — ``None`` only when there is no issuer —, period, breakdown key)."""


@attrs.frozen(kw_only=True)
class RollUp:
    """What the pre-pass found: rows to append, and disagreements of stated rows.

    Attributes:
        observations: The derived rows, to append after the given ones.
        derivations: By position in :attr:`observations`, how each was made.
        disagreements: Given value rows whose stated value disagrees with their
            own counts, with the value the counts give.

    """

    observations: tuple[Observation, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    disagreements: Mapping[int, Quantity] = attrs.field(factory=dict)


class _Value(NamedTuple):
    """A cell's value in the indicator's unit, with counts for a rate."""

    span: Span | None
    numerator: Span | None = None
    denominator: Span | None = None
    count_unit: Unit | None = None
    rows: tuple[int, ...] = ()
    partial: bool = False
    missing: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    own: bool = False


def targets_of(subject: object) -> Iterator[Target]:
    """The targets of a plan, a post, a target or a sequence of targets."""
    if isinstance(subject, Plan):
        for section in subject.sections:
            for goal in section.goals:
                yield from goal.targets
    elif isinstance(subject, Post):
        for duty in subject.duties:
            yield from duty.targets
    elif isinstance(subject, Target):
        yield subject
    elif isinstance(subject, Sequence):
        yield from (t for t in subject if isinstance(t, Target))


def needed_cells(
    subject: object,
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    breakdowns: Mapping[str, Iterable[str]],
    *,
    issuer: str | None,
) -> list[Cell]:
    """The cells the targets of *subject* look at, for indicators that aggregate.

    Its scope (each sub-unit's, for a template over sub-units), its reference
    scope, its period and baseline period; the whole scope, and every breakdown
    slice in *breakdowns* (by indicator) for a template over slices.
    """
    cells: dict[Cell, None] = {}
    for target in targets_of(subject):
        indicator = indicators.get(target.indicator_id)
        if indicator is None or indicator.aggregation is Aggregation.NONE:
            continue
        scope = target.scope or issuer
        scopes = [scope]
        if target.for_each is ForEach.SCOPE:
            scopes += [o.id for o in organisations if o.parent_id == scope]
        if target.reference_scope is not None:
            scopes.append(target.reference_scope)
        keys = [""]
        if target.for_each is ForEach.BREAKDOWN:
            keys += [k for k in breakdowns.get(target.indicator_id, ()) if k]
        periods = [target.period] + ([target.baseline] if target.baseline is not None else [])
        for s in scopes:
            for period in periods:
                for key in keys:
                    cells[(target.indicator_id, s, period, key)] = None
    return list(cells)


def _in_unit(span: Span, source: Unit, target: Unit) -> Span:
    """*span* converted from *source* to *target* (raises when they do not convert)."""
    return span if source == target else span.scale(convert_units(Fraction(1), source, target))


def _total(spans: Iterable[Span]) -> Span:
    total = Span.point(0)
    for span in spans:
        total = total + span
    return total


def _lower_bound(spans: Sequence[Span]) -> Span | None:
    """``[Σ lows, ∞)`` when every part is non-negative, else ``None`` (nothing is bounded)."""
    if any(s.low is None or s.low < 0 for s in spans):
        return None
    total = _total(Span(s.low, s.low, s.low_open, s.low_open) for s in spans)
    return Span(total.low, None, total.low_open, True)


class _Deriver:
    def __init__(
        self,
        observations: Sequence[Observation],
        indicators: Mapping[str, Indicator],
        organisations: Sequence[Organisation],
        *,
        rows: Mapping[str, Sequence[int]],
        issuer: str | None,
        as_of: pendulum.Date | None,
    ) -> None:
        self.obs = observations
        self.indicators = indicators
        self.issuer = issuer
        self.as_of = as_of
        self.children: dict[str, list[str]] = {}
        for organisation in organisations:
            if organisation.parent_id is not None and organisation.parent_id != organisation.id:
                kids = self.children.setdefault(organisation.parent_id, [])
                if organisation.id not in kids:
                    kids.append(organisation.id)
        # Level rows by (indicator, scope, breakdown key), known as of the day.
        self.cells: dict[tuple[str, str | None, str], list[int]] = {}
        self.breakdowns: dict[str, Mapping[str, str]] = {}
        for indicator, found in rows.items():
            for row in found:
                o = observations[row]
                if o.change_from is not None or (as_of is not None and o.period.end > as_of):
                    continue
                key = breakdown_key(o.breakdown)
                if key:
                    self.breakdowns.setdefault(key, o.breakdown)
                self.cells.setdefault((indicator, o.scope or issuer, key), []).append(row)
        self.memo: dict[Cell, _Value | None] = {}
        self.active: set[Cell] = set()
        self.out: list[Observation] = []
        self.how: list[Derivation] = []
        self.emitted: set[Cell] = set()
        self.kinds: dict[Cell, DerivationKind] = {}

    # ------------------------------------------------------------------ cells

    def own(self, cell: Cell) -> int:
        indicator, scope, period, key = cell
        for row in reversed(self.cells.get((indicator, scope, key), ())):
            if self.obs[row].period == period:
                return row
        return -1

    def value(self, cell: Cell) -> _Value | None:
        if cell in self.memo:
            return self.memo[cell]
        if cell in self.active:
            return None  # a cycle in the organisation tree
        self.active.add(cell)
        try:
            found = self._value(cell)
        finally:
            self.active.discard(cell)
        self.memo[cell] = found
        if found is not None and not found.own:
            self.emit(cell, found)
        return found

    def _value(self, cell: Cell) -> _Value | None:
        row = self.own(cell)
        indicator = self.indicators[cell[0]]
        if row >= 0:
            leaf = self.leaf(row, indicator)
            if leaf.numerator is not None or self.obs[row].value is not None:
                return leaf
            # A row without a value is no observation: derive the cell if its parts allow.
        candidates = [c for c in (self.by_periods(cell), self.by_units(cell)) if c is not None]
        if not candidates:
            return None

        def rank(v: tuple[DerivationKind, _Value]) -> tuple[bool, bool]:
            return (v[1].span is None, v[1].partial)

        kind, best = min(candidates, key=rank)
        self.kinds[cell] = kind
        return best

    def leaf(self, row: int, indicator: Indicator) -> _Value:
        o = self.obs[row]
        unit = indicator.unit
        numerator = denominator = None
        count_unit = None
        if o.numerator is not None and o.denominator is not None:
            count_unit = o.denominator.unit
            try:
                numerator = Span.of(o.numerator, count_unit)
                denominator = Span.of(o.denominator, count_unit)
            except GovplanError:
                numerator = denominator = count_unit = None
        span: Span | None = None
        if o.value is not None:
            try:
                span = Span.of(o.value, unit)
            except GovplanError:
                span = None
        elif numerator is not None and denominator is not None:
            span = rate_in_unit(numerator, denominator, unit)
        return _Value(
            span=span,
            numerator=numerator,
            denominator=denominator,
            count_unit=count_unit,
            rows=(row,),
            own=True,
        )

    def combine(
        self, indicator: Indicator, parts: list[tuple[str, _Value]], missing: list[str]
    ) -> _Value:
        """Parts added up by the indicator's aggregation (parts named by label)."""
        rows = tuple(r for _, v in parts for r in v.rows)
        blocked = [label for label, v in parts if v.span is None or v.blocked]
        partial = bool(missing) or any(v.partial for _, v in parts)
        if indicator.aggregation is Aggregation.RATIO:
            blocked += [label for label, v in parts if v.numerator is None and label not in blocked]
            unit = parts[0][1].count_unit
            if blocked or missing or unit is None:
                return _Value(None, rows=rows, partial=partial, missing=tuple(missing),
                              blocked=tuple(blocked))  # fmt: skip
            tops: list[Span] = []
            bottoms: list[Span] = []
            for label, v in parts:
                assert v.numerator is not None
                assert v.denominator is not None
                assert v.count_unit is not None
                try:
                    tops.append(_in_unit(v.numerator, v.count_unit, unit))
                    bottoms.append(_in_unit(v.denominator, v.count_unit, unit))
                except GovplanError:
                    blocked.append(label)
            numerator, denominator = _total(tops), _total(bottoms)
            span = None if blocked else rate_in_unit(numerator, denominator, indicator.unit)
            if span is None:
                # Counts that do not add up, or a denominator that may be zero.
                blocked = blocked or [label for label, _ in parts]
                return _Value(None, rows=rows, blocked=tuple(blocked))
            return _Value(span, numerator, denominator, unit, rows=rows)
        if blocked:
            return _Value(None, rows=rows, partial=partial, missing=tuple(missing),
                          blocked=tuple(blocked))  # fmt: skip
        spans = [v.span for _, v in parts if v.span is not None]
        if partial:
            bound = _lower_bound(spans)
            return _Value(bound, rows=rows, partial=True, missing=tuple(missing))
        return _Value(_total(spans), rows=rows)

    def by_units(self, cell: Cell) -> tuple[DerivationKind, _Value] | None:
        indicator_id, scope, period, key = cell
        kids = self.children.get(scope or "", []) if scope is not None else []
        if not kids:
            return None
        indicator = self.indicators[indicator_id]
        parts: list[tuple[str, _Value]] = []
        missing: list[str] = []
        for kid in kids:
            found = self.value((indicator_id, kid, period, key))
            if found is None:
                missing.append(kid)
            else:
                parts.append((kid, found))
        if not parts:
            return None
        return DerivationKind.UNITS, self.combine(indicator, parts, missing)

    def sub_periods(self, cell: Cell) -> list[Period]:
        """Periods strictly inside the cell's with a level row in the scope or below it."""
        indicator_id, scope, period, key = cell
        scopes = [scope]
        seen = {scope}
        for s in scopes:
            for kid in self.children.get(s or "", []) if s is not None else []:
                if kid not in seen:
                    seen.add(kid)
                    scopes.append(kid)
        found: dict[Period, None] = {}
        for s in scopes:
            for row in self.cells.get((indicator_id, s, key), ()):
                p = self.obs[row].period
                if p != period and period.start <= p.start and p.end <= period.end:
                    found[p] = None
        return sorted(found, key=lambda p: (p.start, -p.days))

    def chain(self, cell: Cell) -> tuple[list[tuple[str, _Value, Period]], list[str]]:
        """Non-overlapping sub-periods with a value, earliest first, and the gaps between."""
        indicator_id, scope, period, key = cell
        taken: list[tuple[str, _Value, Period]] = []
        gaps: list[str] = []
        cursor = period.start
        for sub in self.sub_periods(cell):
            if sub.start < cursor:
                continue
            found = self.value((indicator_id, scope, sub, key))
            if found is None:
                continue
            if sub.start > cursor:
                gaps.append(str(Period.between(cursor, sub.start.subtract(days=1))))
            taken.append((str(sub), found, sub))
            cursor = sub.end.add(days=1)
        if taken and cursor <= period.end:
            gaps.append(str(Period.between(cursor, period.end)))
        return taken, gaps

    def by_periods(self, cell: Cell) -> tuple[DerivationKind, _Value] | None:
        indicator = self.indicators[cell[0]]
        if indicator.aggregation is Aggregation.LAST:
            period = cell[2]
            ending = [p for p in self.sub_periods(cell) if p.end == period.end]
            for sub in sorted(ending, key=lambda p: p.days):
                found = self.value((cell[0], cell[1], sub, cell[3]))
                if found is not None:
                    return DerivationKind.PERIODS, found._replace(own=False)
            return None
        taken, gaps = self.chain(cell)
        if not taken:
            return None
        parts = [(label, v) for label, v, _ in taken]
        return DerivationKind.PERIODS, self.combine(indicator, parts, gaps)

    def to_date(self, cell: Cell) -> None:
        """Before the period ends: the flow or rate from its start to the last part known."""
        indicator = self.indicators[cell[0]]
        if indicator.aggregation not in (Aggregation.SUM, Aggregation.RATIO):
            return
        indicator_id, scope, period, key = cell
        taken, gaps = self.chain(cell)
        if not taken or not gaps:
            return
        end = taken[-1][2].end
        if end >= period.end or taken[0][2].start != period.start:
            return
        sub = (indicator_id, scope, Period.between(period.start, end), key)
        if sub in self.memo or self.own(sub) >= 0:
            return
        parts = [(label, v) for label, v, _ in taken]
        found = self.combine(indicator, parts, gaps[:-1])  # the last gap is after the date
        self.memo[sub] = found
        self.kinds[sub] = DerivationKind.PERIODS
        self.emit(sub, found)

    def emit(self, cell: Cell, found: _Value) -> None:
        if cell in self.emitted:
            return
        self.emitted.add(cell)
        indicator_id, scope, period, key = cell
        indicator = self.indicators[indicator_id]
        value = None if found.span is None else span_quantity(found.span, indicator.unit)
        numerator = denominator = None
        if found.numerator is not None and found.denominator is not None and found.count_unit:
            numerator = span_quantity(found.numerator, found.count_unit)
            denominator = span_quantity(found.denominator, found.count_unit)
        self.out.append(
            Observation(
                indicator_id=indicator_id,
                period=period,
                value=value,
                scope=scope,
                breakdown=dict(self.breakdowns.get(key, {})),
                numerator=numerator,
                denominator=denominator,
            )
        )
        self.how.append(
            Derivation(
                kind=self.kinds.get(cell, DerivationKind.UNITS),
                sources=tuple(dict.fromkeys(found.rows)),
                partial=found.partial,
                missing=found.missing,
                blocked=found.blocked,
                exact=found.span,
            )
        )


def derive(
    observations: Sequence[Observation],
    indicator_ids: Sequence[str],
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    subject: object,
    *,
    issuer: str | None,
    as_of: pendulum.Date | None,
    counted: bool = True,
) -> RollUp:
    """Derive the cells *subject*'s targets need from the rows given.

    Args:
        observations: The value rows, as observations (built on read for columns).
        indicator_ids: Each row's indicator id (read without building objects).
        indicators: The indicators known, by id.
        organisations: The organisation tree.
        subject: The plan, post or targets whose cells are derived.
        issuer: The scope of unscoped rows and targets.
        as_of: Only rows whose period has ended by this day are used.
        counted: Whether rows may carry counts (numerator and denominator);
            rows read from columns carry none.

    """
    out: list[Observation] = []
    how: list[Derivation] = []
    disagreements: dict[int, Quantity] = {}
    if counted:
        out, how, disagreements = from_counts(observations, indicators, issuer=issuer)
    rolling = {i for i, ind in indicators.items() if ind.aggregation is not Aggregation.NONE}
    rows: dict[str, list[int]] = {}
    if rolling:
        for row, indicator_id in enumerate(indicator_ids):
            if indicator_id in rolling:
                rows.setdefault(indicator_id, []).append(row)
    if rows:
        deriver = _Deriver(
            observations, indicators, organisations, rows=rows, issuer=issuer, as_of=as_of
        )
        keys: dict[str, list[str]] = {}
        for indicator_id, _, key in deriver.cells:
            keys.setdefault(indicator_id, []).append(key)
        for cell in needed_cells(subject, indicators, organisations, keys, issuer=issuer):
            if cell[0] in rows:
                deriver.value(cell)
                deriver.to_date(cell)
        out += deriver.out
        how += deriver.how
    return RollUp(observations=tuple(out), derivations=tuple(how), disagreements=disagreements)


def roll_up(
    values: ValueColumns,
    subject: object,
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    *,
    issuer: str | None,
    as_of: pendulum.Date | None,
) -> ValueColumns:
    """*values* with the derived rows *subject* needs appended (and disagreements marked).

    The pre-pass every executor's input goes through (see :func:`derive`).
    """
    from .value_columns import value_columns

    found = derive(
        values.rows,
        values.indicator_id,
        indicators,
        organisations,
        subject,
        issuer=issuer,
        as_of=as_of,
        counted=values.has_objects,
    )
    if not found.observations and not found.disagreements:
        return values
    result = values
    if found.observations:
        extra = value_columns(found.observations)
        extra.derivations = dict(enumerate(found.derivations))
        result = values.extend(extra)
    result.disagreements = {**result.disagreements, **found.disagreements}
    return result
