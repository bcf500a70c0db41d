"""Indicators (指标): what is measured, in which unit, and which way is better."""

from __future__ import annotations

import enum

import attrs

from ..values.units import Unit
from ..values.validators import check_id, check_optional_id, check_text

__all__ = ["Aggregation", "Direction", "Indicator", "RateFormula"]


class Direction(enum.StrEnum):
    """Which way an indicator improves."""

    HIGHER = "higher"
    """More is better (an enrolment rate)."""
    LOWER = "lower"
    """Less is better (a dropout rate, a class size, a rank)."""
    NEITHER = "neither"
    """Neither direction is better in itself (a count of schools to build)."""


class Aggregation(enum.StrEnum):
    """How an indicator's values add up over units (区 → 局 → 学校) and over time.

    A target on a unit or a period with no observation of its own is checked
    against a value *derived* from its sub-units' or sub-periods' observations
    only when its indicator says how (see :doc:`/explanation/rollup`).
    """

    SUM = "sum"
    """A flow (money spent, cases handled): adds over units and over time
    (monthly results add up to the year)."""
    LAST = "last"
    """A stock (schools, teachers on the books): adds over units; over time the
    value at the period's end is the period's value."""
    RATIO = "ratio"
    """A rate: Σ numerator / Σ denominator over units and over time, never the
    mean of the rates."""
    NONE = "none"
    """Never derived (a rank, an average): only stated values count."""


@attrs.frozen(kw_only=True)
class RateFormula:
    """A rate defined as numerator over denominator (both other indicators).

    Attributes:
        numerator_id: The indicator counted on top ("本科上线人数").
        denominator_id: The indicator counted below ("高考参考学生").

    """

    numerator_id: str = attrs.field(validator=check_id)
    denominator_id: str = attrs.field(validator=check_id)


@attrs.frozen(kw_only=True)
class Indicator:
    """A measured quantity with a stable id.

    Attributes:
        id: Stable id that targets and observations refer to.
        name: The Chinese name as the plan writes it ("初中生辍学率").
        unit: The unit results are stated in.
        direction: Which way is better.
        formula: For a rate, the two counts it divides.
        name_en: An English name for explanations, if given.
        group_id: An optional grouping id (a policy area), free text.
        aggregation: How values add up over units and time (default: never
            derived).

    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    unit: Unit
    direction: Direction = attrs.field(default=Direction.HIGHER, converter=Direction)
    formula: RateFormula | None = None
    name_en: str | None = None
    group_id: str | None = attrs.field(default=None, validator=check_optional_id)
    aggregation: Aggregation = attrs.field(default=Aggregation.NONE, converter=Aggregation)
