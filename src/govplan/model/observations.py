"""Observations (实际值 / 完成值): what a report says an indicator came to."""

from __future__ import annotations

import attrs

from ..errors import ValidationError
from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.validators import check_id, check_optional_id
from . import fields

__all__ = ["Observation"]


def _check_observation(instance: Observation) -> None:
    if (instance.numerator is None) != (instance.denominator is None):
        missing = "denominator" if instance.denominator is None else "numerator"
        raise ValidationError(
            "a rate's numerator and denominator go together",
            field=missing,
            expected="both counts, or neither",
        )


@attrs.frozen(kw_only=True)
class Observation:
    """A stated or measured value of an indicator for a period and a scope.

    A missing value is ``value=None``: it means *no data*, never zero.

    Attributes:
        indicator_id: The indicator observed.
        period: The period the value is for.
        value: The value, exact or an interval ("300多人"); ``None`` if missing.
        id: A stable id, needed when a claim refers to this observation.
        scope: The organisation the value is for (``None``: the issuer).
        breakdown: The slice of the scope it covers, e.g. ``{"area": "城市"}``
            or ``{"stage": "初中"}``; empty for the whole.
        numerator: For a rate, the count on top (1718 of 3397 → 1718人).
        denominator: For a rate, the count below.  Rates aggregate by summing
            these, never by averaging percentages.
        change_from: When set, :attr:`value` is a change against this earlier
            period (4.81个百分点 over 2009), not a level.
        source: Where it was stated ("2010年工作总结 一(一)1").
        note: The reporting unit's explanation or justification, kept verbatim.

    """

    indicator_id: str = attrs.field(validator=check_id)
    period: Period = attrs.field(converter=fields.period_field)
    value: Quantity | None = attrs.field(default=None, converter=fields.value_field)
    id: str | None = attrs.field(default=None, validator=check_optional_id)
    scope: str | None = attrs.field(default=None, validator=check_optional_id)
    breakdown: dict[str, str] = attrs.field(factory=dict, hash=False)
    numerator: Quantity | None = attrs.field(default=None, converter=fields.numerator_field)
    denominator: Quantity | None = attrs.field(default=None, converter=fields.denominator_field)
    change_from: Period | None = attrs.field(default=None, converter=fields.change_from_field)
    source: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_observation(self)
