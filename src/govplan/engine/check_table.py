"""The compiled check table and the value columns: the engine's data contract.

A plan compiles once into a :class:`CheckTable`, one row per target check
(a template target — ``for_each`` — is one row that an executor expands over
the scopes or breakdown slices it finds).  Results become
:class:`ValueColumns`, one row per observation.  An executor (the in-process
Python one is the reference semantics; DuckDB and Spark executors run the same
table) makes one pass producing, per check, a status code, a severity code, a
reason code and the value row it used; gaps and progress follow from those.

The integer codes live in :mod:`~govplan.engine.codes` and the columns of
the contract in :mod:`~govplan.engine.table_columns`; both are re-exported here.

Threshold ends and closedness
-----------------------------
Every comparator is a set of acceptable values, an interval
``(low, high)`` with each end closed (included, Civil Code art. 1259 以上 /
以下 / 以内) or open (excluded: 超过 / 不满)::

    at_least v     [v, +inf)        more_than v    (v, +inf)
    at_most v      (-inf, v]        less_than v    (-inf, v)
    equal v        [v, v]           zero           [0, 0]
    between v, u   [v, u]           rank_within r  (-inf, r]

A check on an observed interval is then three-valued (:class:`Truth`): ALL
when the observed interval lies inside the acceptable one, NONE when they are
disjoint, SOME otherwise — one rule for exact values and intervals alike
(see :func:`~govplan.engine.comparisons.truth`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from ..errors import DanglingReferenceError, UnitMismatchError
from ..model.indicators import Aggregation, Direction, Indicator
from ..model.plans import Goal, Plan, Section
from ..model.posts import Post
from ..model.targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from ..values.units import PERCENT, Unit, difference_unit
from .codes import (
    STATUS_OF_TRUTH,
    BasisCode,
    CommitmentCode,
    ComparatorCode,
    DirectionCode,
    ForEachCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
    Truth,
)
from .table_columns import CHECK_COLUMNS, RESULT_COLUMNS, VALUE_COLUMNS, Column
from .value_columns import ValueColumns, slice_key, value_columns

__all__ = [
    "CHECK_COLUMNS",
    "RESULT_COLUMNS",
    "STATUS_OF_TRUTH",
    "VALUE_COLUMNS",
    "BasisCode",
    "CheckTable",
    "Column",
    "CommitmentCode",
    "ComparatorCode",
    "DirectionCode",
    "ForEachCode",
    "ReasonCode",
    "SeverityCode",
    "StatusCode",
    "Truth",
    "ValueColumns",
    "compile_checks",
    "compile_target",
    "slice_key",
    "value_columns",
]


_COMPARATOR_CODES = {c: ComparatorCode[c.name] for c in Comparator}
_BASIS_CODES = {b: BasisCode[b.name] for b in Basis}
_COMMITMENT_CODES = {c: CommitmentCode[c.name] for c in Commitment}
_DIRECTION_CODES = {d: DirectionCode[d.name] for d in Direction}
_FOR_EACH_CODES = {None: ForEachCode.NONE, ForEach.SCOPE: ForEachCode.SCOPE}
_FOR_EACH_CODES[ForEach.BREAKDOWN] = ForEachCode.BREAKDOWN

Number = Decimal | Fraction


def _exact(value: Fraction) -> Number:
    """A Decimal when *value* has a finite decimal form, else the Fraction itself."""
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        return value
    return Decimal(value.numerator) / Decimal(value.denominator)


def acceptable(
    comparator: Comparator, value: Number, upper: Number | None
) -> tuple[Number | None, bool, Number | None, bool]:
    """The acceptable interval ``(low, low_closed, high, high_closed)`` of a comparator."""
    match comparator:
        case Comparator.AT_LEAST:
            return value, True, None, False
        case Comparator.MORE_THAN:
            return value, False, None, False
        case Comparator.AT_MOST | Comparator.RANK_WITHIN:
            return None, False, value, True
        case Comparator.LESS_THAN:
            return None, False, value, False
        case Comparator.BETWEEN:
            assert upper is not None
            return value, True, upper, True
        case _:  # EQUAL, ZERO
            return value, True, value, True


def _level_unit_error(target: Target, indicator: Indicator) -> UnitMismatchError:
    """A level target whose value is in a unit its indicator's values cannot be compared with."""
    return UnitMismatchError(
        f"target {target.id!r} states {str(target.value)!r} for indicator {indicator.id!r},"
        f" whose values are in {indicator.unit.symbol or 'plain numbers'!r}: a level target"
        " is stated in its indicator's unit (a difference needs basis change or reference)",
        field=f"targets[{target.id}].value",
        value=str(target.value),
        expected=f"a value in a unit like {indicator.unit.symbol!r}",
    )


def threshold_unit(target: Target, indicator: Indicator) -> Unit:
    """The unit a target's threshold is stated in (and its checks are made in)."""
    if target.value is not None:
        return target.value.unit
    return indicator.unit if target.basis is Basis.LEVEL else difference_unit(indicator.unit)


@attrs.frozen(kw_only=True)
class CompiledTarget:
    """One row of the check table, as an object (the executor's view of a target).

    Attributes mirror :data:`CHECK_COLUMNS`; ``target``, ``indicator``, ``goal``
    and ``section`` keep the model objects for explanations.
    """

    check: int
    target: Target
    indicator: Indicator
    goal: Goal | None
    section: Section | None
    scope: str | None
    for_each: ForEachCode
    period: str
    due: pendulum.Date
    comparator: ComparatorCode
    low: Number | None
    low_closed: bool
    high: Number | None
    high_closed: bool
    threshold: Number
    upper: Number | None
    unit: Unit
    gap_unit: Unit
    basis: BasisCode
    baseline: str | None
    direction: DirectionCode
    commitment: CommitmentCode
    binding: bool
    cumulative: bool
    tolerance: Decimal | None
    responsible: tuple[str, ...]
    missing_fails: bool = False

    def column(self, name: str) -> Any:
        """The value of the check-table column *name* for this row."""
        target = self.target
        special: dict[str, Any] = {
            "target_id": target.id,
            "indicator_id": target.indicator_id,
            "period": self.period,
            "period_start": target.period.start,
            "period_end": target.period.end,
            "unit": self.unit.symbol,
            "unit_dimension": self.unit.dimension,
            "unit_factor_num": self.unit.factor.numerator,
            "unit_factor_den": self.unit.factor.denominator,
            "gap_unit": self.gap_unit.symbol,
            "reference_scope": target.reference_scope,
            "indicator_unit": self.indicator.unit.symbol,
            "goal_id": self.goal.id if self.goal else None,
            "section_id": self.section.id if self.section else None,
        }
        if name in special:
            return special[name]
        return getattr(self, name)


def compile_target(
    check: int,
    target: Target,
    indicators: Mapping[str, Indicator],
    *,
    issuer: str | None = None,
    goal: Goal | None = None,
    section: Section | None = None,
    basically_met: Decimal | None = None,
    allow_missing: bool = False,
) -> CompiledTarget:
    """Compile one target into its check row.

    Raises:
        DanglingReferenceError: The target names an indicator that is not given.

    """
    indicator = indicators.get(target.indicator_id)
    if indicator is None:
        raise DanglingReferenceError(
            f"target {target.id!r} names the unknown indicator {target.indicator_id!r}",
            field=f"targets[{target.id}].indicator_id",
            value=target.indicator_id,
            expected="the id of an indicator of the plan or of the results: "
            + (", ".join(sorted(indicators)) or "none is given"),
        )
    unit = threshold_unit(target, indicator)
    if target.basis is Basis.LEVEL and unit.dimension != indicator.unit.dimension:
        raise _level_unit_error(target, indicator)
    comparator = target.comparator
    if target.comparator is Comparator.ZERO or target.value is None:
        threshold: Number = Decimal(0)
        upper: Number | None = None
    elif target.is_approximate:
        comparator, threshold, upper = band_comparator(target, indicator.direction)
    else:
        threshold = target.value.value
        upper = (
            None
            if target.upper is None
            else _exact(Fraction(target.upper.value) * target.upper.unit.factor / unit.factor)
        )
    low, low_closed, high, high_closed = acceptable(comparator, threshold, upper)
    leads = tuple(dict.fromkeys(u for m in (goal.measures if goal else ()) for u in m.lead))
    due = target.deadline.due if target.deadline is not None else target.period.end
    return CompiledTarget(
        check=check,
        target=target,
        indicator=indicator,
        goal=goal,
        section=section,
        scope=target.scope or issuer,
        for_each=_FOR_EACH_CODES[target.for_each],
        period=str(target.period),
        due=due,
        comparator=_COMPARATOR_CODES[comparator],
        low=low,
        low_closed=low_closed,
        high=high,
        high_closed=high_closed,
        threshold=threshold,
        upper=upper,
        unit=unit,
        gap_unit=difference_unit(unit) if unit == PERCENT else unit,
        basis=_BASIS_CODES[target.basis],
        baseline=None if target.baseline is None else str(target.baseline),
        direction=_DIRECTION_CODES[indicator.direction],
        commitment=_COMMITMENT_CODES[target.commitment],
        binding=target.is_binding,
        cumulative=target.cumulative or indicator.aggregation is Aggregation.SUM,
        tolerance=target.tolerance or basically_met,
        responsible=leads,
        missing_fails=not allow_missing and fails_when_missing(target),
    )


def band_comparator(
    target: Target, direction: Direction
) -> tuple[Comparator, Decimal, Decimal | None]:
    """The exact comparator an approximate target (8%左右) stands for.

    Returns ``(comparator, value, upper)``.

    An ``EQUAL`` target's band is read by the indicator's *direction*: higher
    is better, at least the band's low end; lower is better, at most its high
    end; neither, between the two ends (both included).  ``AT_LEAST`` takes
    the low end and ``AT_MOST`` the high end whatever the direction.  The
    check row is then that comparator's, so every executor checks it as such.
    """
    value = target.value
    assert value is not None
    assert value.low is not None
    assert value.high is not None
    low, high = value.low, value.high
    rising = target.comparator is Comparator.AT_LEAST or (
        target.comparator is Comparator.EQUAL and direction is Direction.HIGHER
    )
    falling = target.comparator is Comparator.AT_MOST or (
        target.comparator is Comparator.EQUAL and direction is Direction.LOWER
    )
    if rising:
        return Comparator.AT_LEAST, low, None
    if falling:
        return Comparator.AT_MOST, high, None
    return Comparator.BETWEEN, low, high


def fails_when_missing(target: Target) -> bool:
    """Whether no data past *target*'s due day fails the run (unless missing data is allowed).

    A binding target does: 约束性 by nature, or 确保 when no nature says otherwise.
    Plain wording with no nature fails only when missed, not when missing.
    """
    if target.nature is not None:
        return target.nature is TargetNature.BINDING
    return target.commitment is Commitment.ENSURE


@attrs.frozen(kw_only=True)
class CheckTable:
    """A compiled plan: its check rows, in plan order.

    Build one with :func:`compile_checks`; :meth:`columns` gives it column-wise
    (names as in :data:`CHECK_COLUMNS`) for a query executor.
    """

    rows: tuple[CompiledTarget, ...]
    issuer: str | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def columns(self) -> dict[str, list[Any]]:
        """The table column-wise: ``{name: [value per row]}`` for every column."""
        return {c.name: [row.column(c.name) for row in self.rows] for c in CHECK_COLUMNS}


def _targets_of(subject: object) -> Iterable[tuple[Target, Goal | None, Section | None]]:
    if isinstance(subject, Post):
        for duty in subject.duties:
            for target in duty.targets:
                yield target, None, None
        return
    if isinstance(subject, Plan):
        for section in subject.sections:
            for goal in section.goals:
                for target in goal.targets:
                    yield target, goal, section
        return
    if isinstance(subject, Target):
        yield subject, None, None


def compile_checks(
    subject: Plan | Post | Target | Sequence[Target],
    indicators: Mapping[str, Indicator] | Iterable[Indicator] = (),
    *,
    issuer: str | None = None,
    basically_met: Decimal | None = None,
    allow_missing: bool = False,
) -> CheckTable:
    """Compile the targets of a plan, a post, or given targets into a check table.

    Args:
        subject: A :class:`~govplan.Plan`, :class:`~govplan.Post`, a target
            or a sequence of targets.
        indicators: Indicators by id (or a sequence of them) besides the
            subject's own.
        issuer: The organisation an unscoped target is for (default: the
            plan's issuer).
        basically_met: The rule set's share for 基本完成 where a target has no
            tolerance of its own.
        allow_missing: Whether a binding target with no data past its due day
            is only a warning (by default it fails the run).

    Raises:
        DanglingReferenceError: A target names an unknown indicator.

    """
    known: dict[str, Indicator] = {i.id: i for i in getattr(subject, "indicators", ())}
    if isinstance(indicators, Mapping):
        known.update(indicators)
    else:
        known.update({i.id: i for i in indicators})
    issuer = issuer if issuer is not None else getattr(subject, "issuer", None)
    if isinstance(subject, (Plan, Post, Target)):
        found = list(_targets_of(subject))
    else:
        found = [(t, None, None) for t in subject]
    rows = tuple(
        compile_target(
            n,
            target,
            known,
            issuer=issuer,
            goal=goal,
            section=section,
            basically_met=basically_met,
            allow_missing=allow_missing,
        )
        for n, (target, goal, section) in enumerate(found)
    )
    return CheckTable(rows=rows, issuer=issuer)
