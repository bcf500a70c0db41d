"""The columns of the engine's data contract: the check table, the value columns, the results.

Every column and its dtype is part of the contract: columns are only ever
*added*, never renamed or removed.

Dtypes are named portably: ``int8``/``int32`` (integers), ``bool``, ``string``,
``date`` (a calendar day), ``decimal`` (an exact number: :class:`~decimal.Decimal`
in process, ``DECIMAL`` in SQL; a bound that has no finite decimal form is a
:class:`~fractions.Fraction` in process and travels as ``*_num``/``*_den``
integers where noted), ``string[]`` (a list of strings).  ``None``/``NULL``
means absent; an absent threshold end is unbounded.
"""

from __future__ import annotations

import attrs

__all__ = ["CHECK_COLUMNS", "RESULT_COLUMNS", "VALUE_COLUMNS", "Column"]


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
