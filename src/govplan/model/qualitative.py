"""What plans and reports state without a number to check it by.

Three small records that the arithmetic claims and the numeric targets cannot
hold:

* a :class:`QualitativeTarget` — a plan's commitment with no figure
  (确保外来务工人员子女均可享受同等的入学权利; 继续保持在省、市的领先水平);
* a :class:`StandingClaim` — a report's statement of where a figure stands
  against others, without their figure (高于全市平均水平; 居省、市前茅);
* a :class:`CompletionClaim` — a report's statement that a result fulfils a
  target (圆满完成了今年的招引任务; 完成全年目标任务的85%; 超额完成).

They are kept so that nothing the source says is lost and so that a rule can
check them once the figures they need are known.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from ..errors import ValidationError
from ..values.periods import Deadline, Period
from ..values.quantities import Quantity
from ..values.units import PERCENT
from ..values.validators import check_id, check_optional_id, check_text
from .targets import Commitment

__all__ = ["CompletionClaim", "QualitativeTarget", "Standing", "StandingClaim"]


class Standing(enum.StrEnum):
    """Where something stands against the same thing elsewhere."""

    ABOVE = "above"
    """高于: above the reference scopes' value (高于全市平均水平)."""
    BELOW = "below"
    """低于: below the reference scopes' value."""
    LEADING = "leading"
    """领先 / 前茅 / 前列: among the first of the reference scopes, no rank given."""


def _check_standing(standing: Standing | None, scopes: tuple[str, ...]) -> None:
    if standing is not None and not scopes:
        raise ValidationError(
            f"a standing {standing.value!r} needs the scopes it is measured against",
            field="reference_scopes",
            expected="organisation ids such as the city or the province",
        )
    if standing is None and scopes:
        raise ValidationError(
            "reference scopes are given without a standing",
            field="standing",
            expected="above, below or leading",
        )


def _check_qualitative(instance: QualitativeTarget) -> None:
    _check_standing(instance.standing, instance.reference_scopes)


@attrs.frozen(kw_only=True)
class QualitativeTarget:
    """A plan's commitment that states no figure (确保弱势学生能够健康成长).

    Attributes:
        id: Stable id.
        stated: The plan's wording, verbatim.
        about: What it is about, in a few words ("外来务工人员子女入学").
        period: The period it is for.
        commitment: 确保 / 力争 / plain, as the wording says.
        indicator_id: The indicator it bears on, if one exists.
        scope: The organisation it is for (``None``: the issuer).
        standing: For a target on a standing (保持领先水平), which one.
        reference_scopes: The scopes the standing is measured against (省, 市).
        deadline: When it is due, if earlier than the period's end.

    """

    id: str = attrs.field(validator=check_id)
    stated: str = attrs.field(validator=check_text)
    about: str = attrs.field(validator=check_text)
    period: Period
    commitment: Commitment = attrs.field(default=Commitment.PLAIN, converter=Commitment)
    indicator_id: str | None = attrs.field(default=None, validator=check_optional_id)
    scope: str | None = attrs.field(default=None, validator=check_optional_id)
    standing: Standing | None = attrs.field(
        default=None, converter=attrs.converters.optional(Standing)
    )
    reference_scopes: tuple[str, ...] = ()
    deadline: Deadline | None = None

    def __attrs_post_init__(self) -> None:
        _check_qualitative(self)

    @property
    def is_binding(self) -> bool:
        """Whether failing it is a failure (确保 or plain) rather than a shortfall (力争)."""
        return self.commitment is not Commitment.STRIVE

    @property
    def fails_when_missing(self) -> bool:
        """Whether no result past its due day fails the run: a 确保 commitment's does.

        The same rule as a numeric target's with no nature stated: 确保 binds,
        plain wording fails only when missed, never merely when missing.
        """
        return self.commitment is Commitment.ENSURE


def _check_standing_claim(instance: StandingClaim) -> None:
    _check_standing(instance.standing, instance.reference_scopes)


@attrs.frozen(kw_only=True)
class StandingClaim:
    """A report places its figure against others' without stating theirs (高于全市平均水平).

    Attributes:
        id: Stable id.
        stated: The report's wording, verbatim.
        about: What stands where ("高中毕业会考一次合格率", "高考各项指标").
        standing: Above, below, or among the leaders.
        reference_scopes: The scopes it is measured against (全市; 省、市).
        observation: The id of the observation whose figure is placed, if one.
        reference: The id of an observation of the reference value, once known
            (the city's average); without it the claim cannot be checked.
        since: How long the report says it has stood so ("连续多年"), verbatim.

    """

    id: str = attrs.field(validator=check_id)
    stated: str = attrs.field(validator=check_text)
    about: str = attrs.field(validator=check_text)
    standing: Standing = attrs.field(converter=Standing)
    reference_scopes: tuple[str, ...] = ()
    observation: str | None = attrs.field(default=None, validator=check_optional_id)
    reference: str | None = attrs.field(default=None, validator=check_optional_id)
    since: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_standing_claim(self)


def _check_share(instance: CompletionClaim, _attribute: object, value: Quantity | None) -> None:
    if value is not None and value.unit != PERCENT:
        raise ValidationError(
            f"a completion share is a percentage of the target, not {value}",
            field="share",
            value=str(value),
            expected="a value in %, such as 85%",
        )


@attrs.frozen(kw_only=True)
class CompletionClaim:
    """A report says a result fulfils a target (全年总计引资500余万元，圆满完成了今年的招引任务).

    Attributes:
        id: Stable id.
        stated: The report's wording, verbatim.
        result: The id of the observation stating the result.
        target: The id of the target it is said to fulfil (a target of the
            report itself, such as a quota set by the level above).
        share: The share of the target the report says was reached
            (完成全年目标任务的85%); ``None`` when it says the target was
            completed.
        exceeded: Whether the report says the target was exceeded (超额完成).
        completed_on: The day the report says it was completed, if it does.

    """

    id: str = attrs.field(validator=check_id)
    stated: str = attrs.field(validator=check_text)
    result: str = attrs.field(validator=check_id)
    target: str = attrs.field(validator=check_id)
    share: Quantity | None = attrs.field(default=None, validator=_check_share)
    exceeded: bool = False
    completed_on: pendulum.Date | None = None
