"""The compiled check table and the value columns: the engine's data contract.

A plan compiles once into a :class:`CheckTable`, one row per target check
(a template target — ``for_each`` — is one row that an executor expands over
the scopes or breakdown slices it finds).  Results become
:class:`ValueColumns`, one row per observation.  An executor (the in-process
Python one is the reference semantics; DuckDB and Spark executors run the same
table) makes one pass producing, per check, a status code, a severity code, a
reason code and the value row it used; gaps and progress follow from those.

Every column, its dtype and every integer code below is part of the contract:
columns and codes are only ever *added*, never renamed, removed or renumbered.

Dtypes are named portably: ``int8``/``int32`` (integers), ``bool``, ``string``,
``date`` (a calendar day), ``decimal`` (an exact number: :class:`~decimal.Decimal`
in process, ``DECIMAL`` in SQL; a bound that has no finite decimal form is a
:class:`~fractions.Fraction` in process and travels as ``*_num``/``*_den``
integers where noted), ``string[]`` (a list of strings).  ``None``/``NULL``
means absent; an absent threshold end is unbounded.

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

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from ..errors import DanglingReferenceError
from ..model.indicators import Aggregation, Direction, Indicator
from ..model.plans import Goal, Plan, Section
from ..model.posts import Post
from ..model.targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from ..values.units import PERCENT, Unit, difference_unit
from .value_columns import ValueColumns, slice_key, value_columns

__all__ = [
    "CHECK_COLUMNS",
    "RESULT_COLUMNS",
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


class ComparatorCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Comparator` in the check table."""

    AT_LEAST = 1
    AT_MOST = 2
    MORE_THAN = 3
    LESS_THAN = 4
    EQUAL = 5
    BETWEEN = 6
    ZERO = 7
    RANK_WITHIN = 8


class BasisCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Basis`: what the comparator applies to."""

    LEVEL = 1
    """The observed value itself."""
    CHANGE = 2
    """Current minus baseline value (percentage points for rates)."""
    GROWTH = 3
    """(current / baseline - 1) × 100, in percent."""
    REFERENCE = 4
    """Current value minus the reference scope's value for the same period."""


class CommitmentCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Commitment` (确保 / 力争 / plain)."""

    ENSURE = 1
    STRIVE = 2
    PLAIN = 3


class ForEachCode(enum.IntEnum):
    """Whether a check row is a template expanded by the executor."""

    NONE = 0
    """One check, for the row's scope."""
    SCOPE = 1
    """One check per sub-unit of the row's scope (organisations whose parent it is,
    then any other scope observed for the indicator), in that order."""
    BREAKDOWN = 2
    """One check per breakdown slice observed in the row's scope, in order of first
    observation."""


class DirectionCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Direction` (which way an indicator improves)."""

    HIGHER = 1
    LOWER = 2
    NEITHER = 3


class StatusCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Status` in result columns."""

    MET = 1
    BASICALLY_MET = 2
    MISSED = 3
    INDETERMINATE = 4
    PENDING = 5
    AT_RISK = 6
    NO_DATA = 7
    CONSISTENT = 8
    INCONSISTENT = 9
    OVERDUE = 10
    DONE_LATE = 11
    UNVERIFIED = 12


class SeverityCode(enum.IntEnum):
    """Integer codes of :class:`~govplan.Severity`; larger is worse."""

    INFO = 0
    WARNING = 1
    SHORTFALL = 2
    FAILURE = 3


class ReasonCode(enum.IntEnum):
    """Why a check got its status: which sentence explains it, and which facts it shows.

    Codes 1–19 are the target checks'; later codes belong to the other rules.
    """

    COMPARED = 1
    """A final result (level, change, growth or difference) was compared with the
    threshold: met, basically met, missed or indeterminate."""
    NOT_DUE = 2
    """Pending: the due day has not passed and there is no result yet."""
    ON_TRACK = 3
    """Pending: an interim result is on track (at or above the pro-rata pace for a
    cumulative floor; satisfying the target otherwise)."""
    BEHIND_PACE = 4
    """At risk: a cumulative interim total is below the pro-rata pace."""
    SHORT_OF_TARGET = 5
    """At risk: an interim result does not (surely) satisfy the target yet."""
    ALREADY_BREACHED = 6
    """Missed before the end: a cumulative interim total already breaches a ceiling."""
    NO_RESULT = 7
    """No data: the due day has passed and there is no result."""
    NO_VALUE = 8
    """No data (or pending before the due day): a result row exists, but its value,
    or the baseline or reference value it needs, is missing."""
    NO_RESULT_FAILS = 9
    """No data that fails the run: as :attr:`NO_RESULT`, for a binding target
    (确保 / 约束性) whose due day has passed, when missing data is not allowed."""
    NO_VALUE_FAILS = 10
    """No data that fails the run: as :attr:`NO_VALUE`, for a binding target
    (确保 / 约束性) whose due day has passed, when missing data is not allowed."""
    DERIVED = 11
    """A value derived by roll-up (:mod:`~govplan.engine.rollup`) was compared
    with the threshold: summed over sub-units or sub-periods, or a rate from
    its counts; a partial sum is a lower bound."""
    ALREADY_REACHED = 12
    """Met before the end: a cumulative interim total already reaches a floor
    (later results can only add to it)."""
    NOT_DERIVABLE = 13
    """No data (or pending before the due day): the value would be derived from
    parts, but a part cannot be added (a rate without counts, counts in units
    that do not add) or a rate's parts are missing."""
    NOT_DERIVABLE_FAILS = 14
    """No data that fails the run: as :attr:`NOT_DERIVABLE`, for a binding
    target whose due day has passed, when missing data is not allowed."""
    COUNTS_DISAGREE = 15
    """Inconsistent: the result's stated value disagrees with its own numerator
    and denominator at the stated precision (96% stated with 90 of 100)."""
    CLAIM_NO_BASELINE = 40
    """Indeterminate (unverifiable): a stated change whose baseline figure is not
    stated, so only whether its implied baseline is possible can be told."""
    CLAIM_UNIT_MISMATCH = 41
    """Inconsistent: two figures of one claim are in units that do not compare
    (the other claims are still checked)."""
    STANDING_NO_REFERENCE = 42
    """Indeterminate (unverifiable): a standing claim (高于全市平均水平) whose
    reference figure is not stated."""
    QUALITATIVE_NO_RESULT = 43
    """Indeterminate (unverifiable): a commitment without a figure, and no
    result is stated to judge it by."""
    QUALITATIVE_NO_RESULT_FAILS = 44
    """Indeterminate that fails the run: as :attr:`QUALITATIVE_NO_RESULT`, for a
    确保 commitment past its due day, when missing data is not allowed."""


class Truth(enum.IntEnum):
    """The three-valued answer of a check on an interval."""

    NONE = 0
    """No point of the observed interval is acceptable."""
    ALL = 1
    """Every point is acceptable."""
    SOME = 2
    """Some points are and some are not: indeterminate."""


STATUS_OF_TRUTH = {
    Truth.ALL: StatusCode.MET,
    Truth.NONE: StatusCode.MISSED,
    Truth.SOME: StatusCode.INDETERMINATE,
}
"""Status of a compared final result (a miss within the tolerance is BASICALLY_MET)."""


@attrs.frozen(kw_only=True)
class Column:
    """One column of the contract: its name, dtype and meaning."""

    name: str
    dtype: str
    doc: str


CHECK_COLUMNS: tuple[Column, ...] = (
    Column(name="check", dtype="int32", doc="Row number, 0-based, in plan order."),
    Column(name="target_id", dtype="string", doc="The target's id."),
    Column(name="indicator_id", dtype="string", doc="The indicator checked."),
    Column(
        name="scope",
        dtype="string",
        doc="The organisation checked (the target's scope, else the issuer); for a "
        "template row, the parent whose sub-units (or slices) are checked.",
    ),
    Column(
        name="for_each",
        dtype="int8",
        doc="ForEachCode: 0 one check, 1 per sub-unit, 2 per breakdown slice.",
    ),
    Column(
        name="period",
        dtype="string",
        doc="Key of the target's period (``str(Period)``: "
        "2011, 2011-H1, 2011-Q3, 2011-03, 2011-autumn, a day, or start/end).",
    ),
    Column(name="period_start", dtype="date", doc="First day of the period."),
    Column(name="period_end", dtype="date", doc="Last day of the period."),
    Column(name="due", dtype="date", doc="The deadline's day, else the period's last day."),
    Column(name="comparator", dtype="int8", doc="ComparatorCode."),
    Column(
        name="low",
        dtype="decimal",
        doc="Lower end of the acceptable interval, in ``unit``; NULL: unbounded.",
    ),
    Column(name="low_closed", dtype="bool", doc="Whether ``low`` itself is acceptable."),
    Column(
        name="high", dtype="decimal", doc="Upper end of the acceptable interval; NULL: unbounded."
    ),
    Column(name="high_closed", dtype="bool", doc="Whether ``high`` itself is acceptable."),
    Column(
        name="threshold",
        dtype="decimal",
        doc="The target's stated value in ``unit`` "
        "(0 for zero targets; for an approximate target, the band's end that decides): "
        "gaps and progress are measured from it.",
    ),
    Column(name="unit", dtype="string", doc="Symbol of the threshold's unit."),
    Column(
        name="unit_dimension",
        dtype="string",
        doc="What the unit measures; observations convert only within it.",
    ),
    Column(
        name="unit_factor_num",
        dtype="int64",
        doc="Numerator of the unit's factor to its dimension's base unit (万元: 10000/1).",
    ),
    Column(name="unit_factor_den", dtype="int64", doc="Denominator of that factor (亩: 2000/3)."),
    Column(
        name="gap_unit",
        dtype="string",
        doc="Unit of the gap: percentage points for a threshold in %, else ``unit``.",
    ),
    Column(name="basis", dtype="int8", doc="BasisCode."),
    Column(
        name="baseline",
        dtype="string",
        doc="Period key of the baseline (change, growth; "
        "or a level target's progress base); NULL if none.",
    ),
    Column(name="reference_scope", dtype="string", doc="Scope compared with (reference basis)."),
    Column(
        name="indicator_unit",
        dtype="string",
        doc="Symbol of the indicator's own unit "
        "(the unit of changes and differences before conversion).",
    ),
    Column(name="direction", dtype="int8", doc="DirectionCode of the indicator."),
    Column(name="commitment", dtype="int8", doc="CommitmentCode."),
    Column(
        name="binding",
        dtype="bool",
        doc="Whether a miss fails the run (约束性 / 确保 / "
        "plain) rather than being a shortfall (预期性 / 力争).",
    ),
    Column(name="cumulative", dtype="bool", doc="Whether interim results accumulate (pace)."),
    Column(
        name="tolerance",
        dtype="decimal",
        doc="Share of the way that counts as basically "
        "met (the target's, else the rule set's); NULL: none.",
    ),
    Column(name="goal_id", dtype="string", doc="The goal holding the target (NULL for a post)."),
    Column(name="section_id", dtype="string", doc="The section holding the goal."),
    Column(
        name="responsible",
        dtype="string[]",
        doc="Lead units of the goal's measures "
        "(the check's scope is added in front by the executor).",
    ),
    Column(
        name="missing_fails",
        dtype="bool",
        doc="Whether no data past the due day fails the run: a binding target "
        "(约束性, or 确保 without a nature saying otherwise) when missing data is not allowed.",
    ),
)
"""The compiled check table, one row per target (templates expanded by the executor)."""

VALUE_COLUMNS: tuple[Column, ...] = (
    Column(name="row", dtype="int32", doc="Row number, in the order given (later rows win)."),
    Column(name="id", dtype="string", doc="The observation's id, if any."),
    Column(name="indicator_id", dtype="string", doc="The indicator observed."),
    Column(name="scope", dtype="string", doc="The organisation (NULL resolved to the issuer)."),
    Column(
        name="breakdown",
        dtype="string",
        doc="Slice key: ``key=value`` pairs sorted and joined by ``;``; empty for the whole scope.",
    ),
    Column(name="period", dtype="string", doc="Period key (as in the check table)."),
    Column(name="period_start", dtype="date", doc="First day of the period."),
    Column(name="period_end", dtype="date", doc="Last day of the period."),
    Column(
        name="change_from",
        dtype="string",
        doc="Period key of the baseline when the value is a stated change; NULL for a level.",
    ),
    Column(
        name="low", dtype="decimal", doc="Lower bound of the value; NULL: unbounded or no value."
    ),
    Column(name="high", dtype="decimal", doc="Upper bound; NULL: unbounded or no value."),
    Column(name="low_closed", dtype="bool", doc="Whether ``low`` is included (300多: no)."),
    Column(name="high_closed", dtype="bool", doc="Whether ``high`` is included."),
    Column(name="has_value", dtype="bool", doc="False: the value is missing (no data, never 0)."),
    Column(name="unit", dtype="string", doc="Symbol of the value's unit."),
    Column(name="unit_dimension", dtype="string", doc="What the unit measures."),
    Column(name="unit_factor_num", dtype="int64", doc="Numerator of the unit's factor."),
    Column(name="unit_factor_den", dtype="int64", doc="Denominator of the unit's factor."),
    Column(name="numerator", dtype="decimal", doc="For a rate, the count on top (exact low)."),
    Column(name="denominator", dtype="decimal", doc="For a rate, the count below."),
)
"""The value columns, one row per observation."""

RESULT_COLUMNS: tuple[Column, ...] = (
    Column(name="check", dtype="int32", doc="The check table row."),
    Column(name="scope", dtype="string", doc="The slice's scope (a template's sub-unit)."),
    Column(name="breakdown", dtype="string", doc="The slice's breakdown key ('' if none)."),
    Column(name="status", dtype="int8", doc="StatusCode."),
    Column(name="severity", dtype="int8", doc="SeverityCode."),
    Column(name="reason", dtype="int8", doc="ReasonCode."),
    Column(
        name="value_row",
        dtype="int32",
        doc="The value row judged (the final result, or the interim one); -1 if none.",
    ),
)
"""What an executor produces per check: small codes; gaps and progress follow."""


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
