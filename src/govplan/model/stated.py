"""Targets and observations built from statements read in text.

:func:`~govplan.find_statements` reads what the words around a value say;
these two functions turn one :class:`~govplan.Statement` into the model object
it states, so that "确保入学率达到95%以上" becomes a binding at-least target and
"同比下降12.5%" an observation of a change, with the words kept as ``stated``.
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..values.comparators import Comparator
from ..values.periods import Period, PeriodKind
from ..values.quantities import Quantity
from ..values.statements import Statement, StatementKind
from ..values.units import Unit, difference_unit
from .observations import Observation
from .targets import Basis, Target, is_band

__all__ = ["observation_from_statement", "target_from_statement"]


def _period(statement: Statement, period: Period | None) -> Period:
    chosen = period or statement.period
    if chosen is None:
        raise ValidationError(
            f"{statement.text!r} names no period",
            field="period",
            value=statement.text,
            expected="a period= argument (e.g. Period.year(2012)) or a year= when reading",
        )
    return chosen


def _baseline(statement: Statement, period: Period, baseline: Period | None) -> Period:
    """The stated baseline, or the same span a year earlier (同比, 比上年)."""
    if baseline is not None:
        return baseline
    year = period.start.year - 1
    match period.kind:
        case PeriodKind.YEAR:
            return Period.year(year)
        case PeriodKind.HALF:
            return Period.half(year, 1 if period.start.month < 7 else 2)
        case PeriodKind.QUARTER:
            return Period.quarter(year, 1 + (period.start.month - 1) // 3)
        case PeriodKind.MONTH:
            return Period.month(year, period.start.month)
        case _:
            raise ValidationError(
                f"{statement.text!r}: no baseline period for a change over {period}",
                field="baseline",
                value=statement.text,
                expected="a baseline= argument (the period the change is measured from)",
            )


def _no_number(statement: Statement) -> ValidationError:
    return ValidationError(
        f"{statement.text!r} states no number ({statement.kind.value})",
        field="value",
        value=statement.text,
        expected="a statement with a value, or a unit= argument for 持平",
    )


def _unchanged(statement: Statement, unit: Unit | None) -> Quantity:
    if unit is None:
        raise _no_number(statement)
    return Quantity.of(0, difference_unit(unit))


def target_from_statement(
    statement: Statement,
    *,
    id: str,
    indicator_id: str,
    period: Period | None = None,
    baseline: Period | None = None,
    unit: Unit | None = None,
    **fields: Any,
) -> Target:
    """The :class:`~govplan.Target` a plan's statement sets.

    >>> from govplan import read_statement
    >>> target = target_from_statement(
    ...     read_statement("确保2012年入学率达到95%以上"), id="t1", indicator_id="enrolment"
    ... )
    >>> target.comparator.value, str(target.value), target.commitment.value, str(target.period)
    ('at_least', '95%', 'ensure', '2012')

    A plain value is an equality; an approximate band (增长8%左右,
    控制在3%左右) is an equality with that band as its value, whose meaning
    the indicator's direction decides when it is checked; a change or a
    growth is measured from *baseline* (by default the same span a year
    earlier).  Other keyword arguments go to the target.

    Raises:
        ValidationError: The statement names no period and none is given; it
            states no number (前列, 持平 without *unit*); or its band is open
            (300多) and cannot be a target's closed range.

    """
    when = _period(statement, period)
    quantity = statement.quantity
    basis = {
        StatementKind.CHANGE: Basis.CHANGE,
        StatementKind.GROWTH: Basis.GROWTH,
        StatementKind.UNCHANGED: Basis.CHANGE,
    }.get(statement.kind, Basis.LEVEL)
    if statement.kind is StatementKind.UNCHANGED:
        quantity = _unchanged(statement, unit)
    values: dict[str, Any] = {}
    comparator = statement.comparator
    if statement.kind is StatementKind.ZERO:
        comparator = Comparator.ZERO
    elif quantity is None:
        raise _no_number(statement)
    elif comparator is Comparator.BETWEEN and quantity.high is not None:
        values["value"] = statement.threshold  # 增长7-9%: from 7% up to 9%
        values["upper"] = Quantity(low=quantity.high, high=quantity.high, unit=quantity.unit)
    elif comparator is not None:
        values["value"] = statement.threshold
    elif quantity.is_exact or is_band(quantity):
        comparator, values["value"] = Comparator.EQUAL, quantity
    else:
        raise ValidationError(
            f"{statement.text!r} is an open interval, not a target's closed range",
            field="value",
            value=statement.text,
            expected="a bound (以上, 以内), an exact value or a closed band (左右)",
        )
    if basis is not Basis.LEVEL:
        values["baseline"] = _baseline(statement, when, baseline)
    fields.setdefault("commitment", statement.commitment)
    fields.setdefault("stated", statement.text)
    return Target(
        id=id,
        indicator_id=indicator_id,
        comparator=comparator,
        period=when,
        basis=basis,
        **values,
        **fields,
    )


def observation_from_statement(
    statement: Statement,
    *,
    indicator_id: str,
    period: Period | None = None,
    baseline: Period | None = None,
    unit: Unit | None = None,
    **fields: Any,
) -> Observation:
    """The :class:`~govplan.Observation` a report's statement gives.

    >>> from govplan import read_statement
    >>> seen = observation_from_statement(
    ...     read_statement("2011年同比下降12.5%"), indicator_id="accidents"
    ... )
    >>> str(seen.value), str(seen.change_from)
    ('-12.5%', '2010')

    A change or a growth is an observation of the change from *baseline* (by
    default the same span a year earlier); a zero statement is an exact 0.
    Other keyword arguments go to the observation.

    Raises:
        ValidationError: The statement is a forecast (预计, 有望: not a result),
            names no period and none is given, or states no number.

    """
    if statement.forecast:
        raise ValidationError(
            f"{statement.text!r} is a forecast, not a result",
            field="value",
            value=statement.text,
            expected="a statement of what happened (without 预计 / 有望)",
        )
    when = _period(statement, period)
    quantity = statement.quantity
    if statement.kind is StatementKind.UNCHANGED:
        quantity = _unchanged(statement, unit)
    if quantity is None:
        raise _no_number(statement)
    if statement.kind in (StatementKind.CHANGE, StatementKind.GROWTH, StatementKind.UNCHANGED):
        fields.setdefault("change_from", _baseline(statement, when, baseline))
    fields.setdefault("source", statement.text)
    return Observation(indicator_id=indicator_id, period=when, value=quantity, **fields)
