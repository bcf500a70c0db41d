"""The integer codes of the check table and its result columns.

A check row names its comparator, basis, commitment, direction and template
kind by small integer codes; an executor's pass writes a status, a severity
and a reason code per check (:data:`~govplan.engine.table_columns.RESULT_COLUMNS`).
Every code below is part of the contract: codes are only ever *added*, never
renamed, removed or renumbered.
"""

from __future__ import annotations

import enum

__all__ = [
    "STATUS_OF_TRUTH",
    "BasisCode",
    "CommitmentCode",
    "ComparatorCode",
    "DirectionCode",
    "ForEachCode",
    "ReasonCode",
    "SeverityCode",
    "StatusCode",
    "Truth",
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
