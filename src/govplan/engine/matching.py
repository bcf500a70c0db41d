"""What the results match: observations no check uses, and duplicates that conflict.

Missing is not passing, and neither is silence (DESIGN §6): an observation
that matches no indicator, scope or period of what is checked is reported
(:attr:`~govplan.Evaluation.unmatched`), never dropped; two observations of
one cell (indicator, scope, period, breakdown and basis) with different
values are an error naming both, since no rule can say which one holds.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import attrs

from ..errors import ValidationError
from ..model.observations import Observation
from ..model.targets import Basis, ForEach, Target
from .rollup import targets_of
from .value_columns import ValueColumns, equal_codes, slice_key

__all__ = ["Unmatched", "UnmatchedReason", "check_duplicates", "unmatched_observations"]


class UnmatchedReason(enum.StrEnum):
    """Why an observation matches nothing that is checked."""

    INDICATOR = "indicator"
    """No target is on its indicator (or the indicator is unknown)."""
    PERIOD = "period"
    """Targets are on its indicator, but none for its period (or baseline)."""
    SCOPE = "scope"
    """Targets are on its indicator and period, but none covers its organisation."""
    BREAKDOWN = "breakdown"
    """It is a breakdown slice, and no target is checked per slice of its scope."""


_REASON_ZH = {
    UnmatchedReason.INDICATOR: "没有针对该指标的目标",
    UnmatchedReason.PERIOD: "该指标的目标都不是这一期间的",
    UnmatchedReason.SCOPE: "该指标的目标都不涉及这一单位",
    UnmatchedReason.BREAKDOWN: "没有按分项逐一检查的目标",
}
_REASON_EN = {
    UnmatchedReason.INDICATOR: "no target is on this indicator",
    UnmatchedReason.PERIOD: "no target of this indicator is for this period",
    UnmatchedReason.SCOPE: "no target of this indicator covers this organisation",
    UnmatchedReason.BREAKDOWN: "no target is checked per breakdown slice here",
}


@attrs.frozen(kw_only=True)
class Unmatched:
    """An observation that no check used.

    Attributes:
        row: Its position among the results checked (the subject's own
            observations first, then those given).
        observation: The observation.
        reason: Why it matches nothing.

    """

    row: int
    observation: Observation
    reason: UnmatchedReason

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """One line saying which observation matched nothing and why."""
        o = self.observation
        name = o.id or f"#{self.row}"
        where = " ".join(str(p) for p in (o.indicator_id, o.scope, o.period) if p is not None)
        if lang == "zh":
            return f"观测值{name}（{where}）未用于任何检查：{_REASON_ZH[self.reason]}。"
        return f"observation {name} ({where}) matches nothing checked: {_REASON_EN[self.reason]}."


def _period_fits(target: Target, period: object, change_from: object) -> bool:
    if change_from is not None:
        return (
            target.basis in (Basis.CHANGE, Basis.GROWTH)
            and change_from == target.baseline
            and period == target.period
        )
    if period == target.period or period == target.baseline:
        return True
    inside = target.period
    start, end = period.start, period.end  # type: ignore[attr-defined]
    return bool(target.basis is Basis.LEVEL and inside.start <= start and end <= inside.end)


def unmatched_observations(
    values: ValueColumns,
    subject: object,
    *,
    issuer: str | None,
    given: int | None = None,
) -> tuple[Unmatched, ...]:
    """The rows of *values* that no target of *subject* uses, each with its reason.

    Rows derived by roll-up are not reported; the rows they came from count
    as used.  Only plans, posts and targets are matched (a report's own
    figures serve its claims).  *given* limits the rows looked at to the first
    *given* (the rows before the derived ones).
    """
    targets = list(targets_of(subject))
    if not targets:
        return ()
    by_indicator: dict[str, list[Target]] = {}
    for target in targets:
        by_indicator.setdefault(target.indicator_id, []).append(target)
    used: set[int] = {r for d in values.derivations.values() for r in d.sources}
    found: list[Unmatched] = []
    count = len(values) if given is None else given
    # The targets a row's indicator and period (and basis) allow, worked out once
    # per distinct (indicator, period, basis) object: ledgers repeat them.
    ids, scopes, periods = values.indicator_id, values.scope, values.period
    changes, breakdowns = values.change_from, values.breakdown
    if count < len(values):
        ids, periods, changes = ids[:count], periods[:count], changes[:count]
    period_of = dict(zip(map(id, periods), periods, strict=True))
    change_of = dict(zip(map(id, changes), changes, strict=True))
    timely = {
        key: _Timely.of(by_indicator.get(key[0], []), period_of[key[1]], change_of[key[2]], issuer)
        for key in set(zip(ids, map(id, periods), map(id, changes), strict=True))
    }
    sliced = breakdowns.count(None) != len(breakdowns) and any(breakdowns[:count])
    settled = {k for k, fits in timely.items() if fits.reason_ is None and fits.any_scope}
    if not sliced and len(settled) == len(timely):
        return ()  # every row fits a template over sub-units
    keys = list(zip(ids, map(id, periods), map(id, changes), strict=True))
    for row in (r for r, k in enumerate(keys) if sliced or k not in settled):
        if used and row in used:
            continue
        reason = timely[keys[row]].reason(scopes[row] or issuer, bool(breakdowns[row]))
        if reason is not None:
            found.append(Unmatched(row=row, observation=values.rows[row], reason=reason))
    return tuple(found)


@attrs.frozen
class _Timely:
    """The targets of one indicator that a period (and basis) fits, for the scope test."""

    reason_: UnmatchedReason | None
    any_scope: bool = False
    scopes: frozenset[str | None] = frozenset()
    slices: frozenset[str | None] = frozenset()

    @classmethod
    def of(
        cls, candidates: list[Target], period: object, change: object, issuer: str | None
    ) -> _Timely:
        if not candidates:
            return cls(UnmatchedReason.INDICATOR)
        fitting = [t for t in candidates if _period_fits(t, period, change)]
        if not fitting:
            return cls(UnmatchedReason.PERIOD)
        return cls(
            None,
            any_scope=any(t.for_each is ForEach.SCOPE for t in fitting),
            scopes=frozenset(t.scope or issuer for t in fitting)
            | frozenset(t.reference_scope for t in fitting if t.reference_scope),
            slices=frozenset(t.scope or issuer for t in fitting if t.for_each is ForEach.BREAKDOWN),
        )

    def reason(self, scope: str | None, sliced: bool) -> UnmatchedReason | None:
        """Why a row of *scope* (a breakdown slice when *sliced*) fits none of the targets."""
        if self.reason_ is not None:
            return self.reason_
        if not self.any_scope and scope not in self.scopes:
            return UnmatchedReason.SCOPE
        if sliced and scope not in self.slices:
            return UnmatchedReason.BREAKDOWN
        return None


def _label(values: ValueColumns, row: int) -> str:
    ids = values.id
    oid = ids[row] if ids else None
    return f"row {row}" + (f" (id {oid!r})" if oid else "")


def check_duplicates(values: ValueColumns, subject: object, *, issuer: str | None) -> None:
    """Raise when two rows give one cell that a target of *subject* checks different values.

    A cell is (indicator, scope, period, breakdown, basis: a level or a change
    from which period); rows with equal values (and counts) are allowed.
    Only the indicators of *subject*'s targets are looked at (a report's own
    figures serve its claims, which name them by id).

    Raises:
        ValidationError: Two rows conflict; both are named, with their values.

    """
    checked = {t.indicator_id for t in targets_of(subject)}
    if not checked:
        return
    if values.distinct_scopes():
        return  # no scope twice (one row per unit, shared with the executor): nothing conflicts
    scopes = values.scope if None not in values.scope else [s or issuer for s in values.scope]
    if not any(values.breakdown):
        periods, changes = equal_codes(values.period), equal_codes(values.change_from)
        cells = zip(values.indicator_id, scopes, periods, changes, strict=True)
        if len(set(cells)) == len(values):
            return  # no cell twice (whole-scope rows, keyed at C speed): nothing conflicts
    elif len(set(zip(values.indicator_id, scopes, strict=True))) == len(values):
        return  # no indicator and scope twice (one period per unit): nothing can conflict
    pairs = list(zip(values.indicator_id, scopes, strict=True))
    repeated = {pair for pair, n in Counter(pairs).items() if n > 1}
    objects = values.rows if values.has_objects else None
    seen: dict[tuple[object, ...], int] = {}
    for row in range(len(values)):
        indicator = values.indicator_id[row]
        if indicator not in checked or pairs[row] not in repeated:
            continue
        scope, period = values.scope[row], values.period[row]
        breakdown, change = values.breakdown[row], values.change_from[row]
        key = (
            indicator,
            scope or issuer,
            period,
            slice_key(breakdown) if breakdown else "",
            change,
        )
        first = seen.setdefault(key, row)
        if first == row or _same(values, objects, first, row):
            continue
        shown = [_shown(values, objects, r) for r in (first, row)]
        raise ValidationError(
            f"observations conflict: {_label(values, first)} gives {shown[0]} and "
            f"{_label(values, row)} gives {shown[1]} for {indicator} "
            f"({scope or issuer or 'the issuer'}, {period}"
            + (f", {slice_key(breakdown or {})}" if breakdown else "")
            + (f", change from {change}" if change is not None else "")
            + ")",
            field=f"observations[{row}]",
            value=shown[1],
            expected="one value per indicator, scope, period and breakdown: "
            "remove or correct one of the two",
        )


def _same(
    values: ValueColumns, objects: Sequence[Observation] | None, first: int, second: int
) -> bool:
    if objects is not None:
        a, b = objects[first], objects[second]
        return (a.value, a.numerator, a.denominator) == (b.value, b.numerator, b.denominator)
    return values.quantity(first) == values.quantity(second)


def _shown(values: ValueColumns, objects: Sequence[Observation] | None, row: int) -> str:
    quantity = objects[row].value if objects is not None else values.quantity(row)
    if quantity is None:
        return "no value"
    if quantity.stated:
        return quantity.stated
    if quantity.is_exact:
        return f"{quantity.value}{quantity.unit.symbol}"
    return f"[{quantity.low}, {quantity.high}]{quantity.unit.symbol}"
