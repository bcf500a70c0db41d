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
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from ..errors import ValidationError
from ..model.observations import Observation
from ..model.targets import Basis, ForEach, Target
from ..values.periods import Period
from .rollup import targets_of
from .value_columns import ValueColumns, equal_codes, slice_key

__all__ = [
    "KeyFit",
    "Unmatched",
    "UnmatchedReason",
    "check_duplicates",
    "key_fits",
    "unmatched_observations",
]


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


def _reason(value: object) -> UnmatchedReason:
    try:
        return UnmatchedReason(str(value))
    except ValueError:
        raise ValidationError(
            f"unknown reason {value!r}",
            field="reason",
            value=str(value),
            expected=", ".join(r.value for r in UnmatchedReason),
        ) from None


@attrs.frozen(kw_only=True)
class Unmatched:
    """An observation that no check used.

    Attributes:
        row: Its position among the results checked (the subject's own
            observations first, then those given).  For a ledger row read by a
            query engine (DuckDB, Spark), the engine's key of the row, which
            orders rows as the files and their rows are ordered; see
            :attr:`file` and :attr:`file_row` for where it is.
        observation: The observation.
        reason: Why it matches nothing.
        file: The file it was read from, when it came from one (a ledger
            read by :func:`~govplan.evaluate_ledgers`, a file on the command line).
        file_row: Its row in :attr:`file` as the ledger reader counts rows
            (the header is row 1), for a ledger row.

    """

    row: int
    observation: Observation
    reason: UnmatchedReason = attrs.field(converter=_reason)
    file: str | None = None
    file_row: int | None = None

    @property
    def where(self) -> str | None:
        """``ledger.csv: row 5`` (or the file alone), or ``None`` when not read from a file."""
        if self.file is None:
            return None
        return self.file if self.file_row is None else f"{self.file}: row {self.file_row}"

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """One line saying which observation matched nothing and why."""
        o = self.observation
        where = " ".join(str(p) for p in (o.indicator_id, o.scope, o.period) if p is not None)
        if lang == "zh":
            return f"{self._label_zh()}（{where}）未用于任何检查：{_REASON_ZH[self.reason]}。"
        return f"{self._label_en()} ({where}) matches nothing checked: {_REASON_EN[self.reason]}."

    def _label_zh(self) -> str:
        if self.observation.id:
            return f"观测值{self.observation.id}"
        if self.file is not None:
            row = f"第{self.file_row}行" if self.file_row is not None else "中的观测值"
            return f"{self.file} {row}"
        return f"观测值#{self.row}"

    def _label_en(self) -> str:
        if self.observation.id:
            return f"observation {self.observation.id}"
        if self.file is not None:
            return (
                f"{self.file} row {self.file_row}"
                if self.file_row is not None
                else (f"an observation in {self.file}")
            )
        return f"observation #{self.row}"


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
        key: KeyFit.of(by_indicator.get(key[0], []), period_of[key[1]], change_of[key[2]], issuer)
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


def key_fits(
    subject: object,
    keys: Iterable[tuple[str, Period, Period | None]],
    *,
    issuer: str | None,
) -> dict[tuple[str, Period, Period | None], KeyFit]:
    """For each (indicator, period, change-from period) key, what its rows need to be used.

    The part of :func:`unmatched_observations` that does not depend on a row's
    scope or slice: a query engine takes the few distinct keys of a large
    value table, decides them here, and tests each row's scope against the
    answer in the query (see :mod:`govplan.io.ledger_matching`).  Empty when
    *subject* has no target (nothing is matched, nothing is reported).
    """
    by_indicator: dict[str, list[Target]] = {}
    for target in targets_of(subject):
        by_indicator.setdefault(target.indicator_id, []).append(target)
    if not by_indicator:
        return {}
    return {key: KeyFit.of(by_indicator.get(key[0], []), key[1], key[2], issuer) for key in keys}


@attrs.frozen
class KeyFit:
    """The targets of one indicator that a period (and basis) fits, for the scope test.

    Attributes:
        reason_: Why every row of the key is unmatched (no target on the
            indicator, or none for the period), or ``None``.
        any_scope: Some fitting target is a template over sub-units: every
            scope fits.
        scopes: The scopes the fitting targets cover (their own and reference scopes).
        slices: The scopes whose fitting targets are checked per breakdown slice.

    """

    reason_: UnmatchedReason | None
    any_scope: bool = False
    scopes: frozenset[str | None] = frozenset()
    slices: frozenset[str | None] = frozenset()

    @classmethod
    def of(
        cls, candidates: list[Target], period: object, change: object, issuer: str | None
    ) -> KeyFit:
        """What rows of *period* (a change from *change*) need, given the indicator's targets."""
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

    def settled(self, sliced: bool) -> bool:
        """Whether every row of the key is used, whatever its scope (*sliced*: some are slices)."""
        return self.reason_ is None and self.any_scope and not sliced

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
