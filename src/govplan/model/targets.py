"""Targets (目标值): what value an indicator must reach, by when, and how firmly.

The comparators follow Chinese statutory usage (Civil Code art. 1259): 以上,
以下, 以内 and 届满 include the number; 超过, 不满 and 以外 exclude it.

========================  ===========================  ==========================
comparator                typical wording              holds when
========================  ===========================  ==========================
``AT_LEAST``              95%以上, 达到, 不低于, 至少      observed ≥ value
``AT_MOST``               1%以内, 以下, 不超过, 不高于     observed ≤ value
``MORE_THAN``             超过, 高于                     observed > value
``LESS_THAN``             不满, 低于                     observed < value
``EQUAL``                 100%, 建设4所                  observed = value
``BETWEEN``               控制在90%—95%                  value ≤ observed ≤ upper
``ZERO``                  无一人, 没有发生一起, 未发现      observed = 0
``RANK_WITHIN``           第一名, 前三                    rank ≤ value
========================  ===========================  ==========================

An ``EQUAL`` target may state an approximate value (增长8%左右, 控制在3%左右,
约500人): a band, read with the 约 tolerance of
:func:`~govplan.parse_quantity`.  The indicator's direction says what meeting
it means — at or above the band's low end when higher is better, at or below
its high end when lower is better, inside the band otherwise.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from ..errors import UnitMismatchError, ValidationError
from ..values.comparators import Commitment, Comparator
from ..values.periods import Deadline, Period
from ..values.quantities import Quantity
from ..values.units import PERCENT
from ..values.validators import check_id, check_optional_id, decimal_in, to_decimal
from . import fields

__all__ = ["Basis", "Commitment", "Comparator", "ForEach", "Target", "TargetNature"]


class Basis(enum.StrEnum):
    """What the comparator is applied to."""

    LEVEL = "level"
    """The observed value itself."""
    CHANGE = "change"
    """The difference from the baseline period's value (percentage points for rates:
    提高4.81个百分点)."""
    GROWTH = "growth"
    """The relative change from the baseline, in percent of it (增长8%)."""
    REFERENCE = "reference"
    """The difference from the same indicator in another scope (高于全市平均水平)."""


class TargetNature(enum.StrEnum):
    """The planning law's classification of an indicator target."""

    BINDING = "binding"
    """约束性: binding on the government."""
    ANTICIPATORY = "anticipatory"
    """预期性: an expected, guiding value."""


class ForEach(enum.StrEnum):
    """Apply one target as a template to many results instead of writing one per scope."""

    SCOPE = "scope"
    """Every sub-unit of the target's scope (every school of the bureau)."""
    BREAKDOWN = "breakdown"
    """Every breakdown slice observed (城市 / 农村; 小学 / 初中 / 高中)."""


# Enum fields read their value with a direct lookup (``Comparator("at_least")`` is slow).
_COMPARATORS, _BASES = fields.members(Comparator), fields.members(Basis)
_COMMITMENTS, _NATURES = fields.members(Commitment), fields.members(TargetNature)
_FOR_EACH = fields.members(ForEach)


def _comparator(value: Any) -> Comparator:
    if value.__class__ is Comparator:
        return value
    return fields.member(Comparator, _COMPARATORS, value)


def _basis(value: Any) -> Basis:
    return value if value.__class__ is Basis else fields.member(Basis, _BASES, value)


def _commitment(value: Any) -> Commitment:
    if value.__class__ is Commitment:
        return value
    return fields.member(Commitment, _COMMITMENTS, value)


def _nature(value: Any) -> TargetNature | None:
    if value is None or value.__class__ is TargetNature:
        return value
    return fields.member(TargetNature, _NATURES, value)


def _for_each(value: Any) -> ForEach | None:
    if value is None or value.__class__ is ForEach:
        return value
    return fields.member(ForEach, _FOR_EACH, value)


def _check_target(instance: Target) -> None:
    if instance.value is None and instance.comparator is not Comparator.ZERO:
        raise ValidationError(
            f"a {instance.comparator.value} target needs a value",
            field="value",
            expected="a quantity such as 95%",
        )
    if instance.value is not None and not instance.value.is_exact:
        _check_band(instance, instance.value)
    if instance.comparator is Comparator.BETWEEN:
        if instance.upper is None or instance.value is None:
            raise ValidationError(
                "a between target needs an upper value", field="upper", expected="a quantity"
            )
        if not instance.upper.unit.is_compatible(instance.value.unit):
            raise UnitMismatchError(
                f"upper {instance.upper} is not in a unit comparable with value {instance.value}",
                field="upper",
                value=str(instance.upper),
                expected=f"a unit of {instance.value.unit.dimension}",
            )
        low, _ = instance.value.bounds_in(instance.value.unit)
        high, _ = instance.upper.bounds_in(instance.value.unit)
        if low is not None and high is not None and low > high:
            raise ValidationError(
                f"upper {instance.upper} is below value {instance.value}",
                field="upper",
                expected="value <= upper",
            )
    elif instance.upper is not None:
        raise ValidationError(
            f"only a between target has an upper value, not {instance.comparator.value}",
            field="upper",
        )
    for index, alternative in enumerate(instance.alternatives):
        if instance.value is None or not alternative.is_exact:
            raise ValidationError(
                f"an alternative value needs an exact main value and must be exact: {alternative}",
                field=f"alternatives[{index}]",
                value=str(alternative),
                expected="an exact quantity beside an exact value (60万美元 beside 400万元)",
            )
    basis = instance.basis
    if (basis is Basis.CHANGE or basis is Basis.GROWTH) and instance.baseline is None:
        raise ValidationError(
            f"a {instance.basis.value} target needs a baseline period",
            field="baseline",
            expected="the period of the baseline observation, e.g. 2010",
        )
    if basis is Basis.GROWTH and instance.value is not None and instance.value.unit != PERCENT:
        raise UnitMismatchError(
            f"a growth target is a percentage of the baseline, not {instance.value}",
            field="value",
            value=str(instance.value),
            expected="a value in %",
        )
    if basis is Basis.REFERENCE and instance.reference_scope is None:
        raise ValidationError(
            "a reference target needs the reference scope it is compared with",
            field="reference_scope",
            expected="an organisation id (e.g. the city)",
        )


_APPROXIMABLE = frozenset({Comparator.EQUAL, Comparator.AT_LEAST, Comparator.AT_MOST})


def is_band(value: Quantity) -> bool:
    """Whether *value* is an approximate target's band: a closed interval with two ends.

    8%左右 and 约500人 read as such a band ([7.6%, 8.4%], [475, 525]人); 300多
    (open ends) and 95%以上 (one end) do not.
    """
    return (
        value.low is not None
        and value.high is not None
        and value.low < value.high
        and not value.low_open
        and not value.high_open
    )


def _check_band(instance: Target, value: Quantity) -> None:
    if not is_band(value):
        raise ValidationError(
            f"a target value must be exact or an approximate band (8%左右), not {value}",
            field="value",
            value=str(value),
            expected="an exact quantity, a closed band such as 8%左右 / 约500人 / [7,9]%, "
            "or BETWEEN with upper for a range",
        )
    if instance.comparator not in _APPROXIMABLE:
        raise ValidationError(
            f"an approximate value ({value}) suits an equal, at-least or at-most target, "
            f"not {instance.comparator.value}",
            field="comparator",
            value=instance.comparator.value,
            expected="equal (the indicator's direction decides), at_least or at_most",
        )


@attrs.frozen(kw_only=True)
class Target:
    """A planned value for an indicator over a period.

    Attributes:
        id: Stable id.
        indicator_id: The indicator the target is for.
        comparator: How the observed value must compare with :attr:`value`.
        value: The threshold (the lower end for ``BETWEEN``; the maximal rank
            for ``RANK_WITHIN``; absent for ``ZERO``).  It may be an
            approximate band (增长8%左右, 约500人: a closed interval with
            two ends) for an ``EQUAL`` target, whose meaning then
            follows the indicator's direction: higher is better, met at or
            above the band's low end; lower is better, met at or below its
            high end; neither, met inside the band.  With ``AT_LEAST`` the
            low end counts, with ``AT_MOST`` the high end.
        upper: The upper end of a ``BETWEEN`` range.
        period: The period the result is measured over.
        basis: Whether the comparator applies to the level, the change or
            growth against :attr:`baseline`, or the difference from
            :attr:`reference_scope`.
        baseline: The period whose observation a change is measured from.
        reference_scope: The scope a ``REFERENCE`` target is compared with.
        scope: The organisation the target is for (``None``: the issuer).
        deadline: When it must be reached, if earlier than the period's end.
        commitment: 确保 / 力争 / plain.
        nature: 约束性 / 预期性, where the plan classifies it.
        cumulative: Whether results accumulate over the period (money spent,
            schools built), so interim results can be checked against pace.
        tolerance: The share of the target that counts as "basically met"
            (基本完成), e.g. ``Decimal("0.95")``.
        for_each: Check the target once per sub-unit or per breakdown slice.
        stated: The plan's own wording of the target.
        alternatives: The same threshold stated again in a unit that does not
            convert into :attr:`value`'s ("60万美元或400万人民币": value 400万元,
            alternative 60万美元); reaching any of them reaches the target.
            Kept as stated; the checks compare with :attr:`value`.

    """

    id: str = attrs.field(validator=check_id)
    indicator_id: str = attrs.field(validator=check_id)
    comparator: Comparator = attrs.field(converter=_comparator)
    period: Period = attrs.field(converter=fields.period_field)
    value: Quantity | None = attrs.field(default=None, converter=fields.value_field)
    upper: Quantity | None = attrs.field(default=None, converter=fields.upper_field)
    basis: Basis = attrs.field(default=Basis.LEVEL, converter=_basis)
    baseline: Period | None = attrs.field(default=None, converter=fields.baseline_field)
    reference_scope: str | None = attrs.field(default=None, validator=check_optional_id)
    scope: str | None = attrs.field(default=None, validator=check_optional_id)
    deadline: Deadline | None = None
    commitment: Commitment = attrs.field(default=Commitment.PLAIN, converter=_commitment)
    nature: TargetNature | None = attrs.field(default=None, converter=_nature)
    cumulative: bool = False
    tolerance: Decimal | None = attrs.field(
        default=None,
        converter=to_decimal,
        validator=decimal_in(Decimal(0), Decimal(1), low_open=True, example="0.95"),
    )
    for_each: ForEach | None = attrs.field(default=None, converter=_for_each)
    stated: str | None = None
    alternatives: tuple[Quantity, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_target(self)

    @property
    def is_approximate(self) -> bool:
        """Whether the value is an approximate band (8%左右) rather than an exact figure."""
        return self.value is not None and not self.value.is_exact

    @property
    def is_binding(self) -> bool:
        """Whether missing this target is a failure rather than a shortfall.

        A classified nature decides; otherwise 力争 is aspirational and 确保 or
        plain wording is binding.
        """
        if self.nature is not None:
            return self.nature is TargetNature.BINDING
        return self.commitment is not Commitment.STRIVE
