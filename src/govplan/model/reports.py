"""Reports (工作总结 / 报告): observations, achievements, problems and claims.

A claim is the arithmetic a report states about its own figures: totals with
their parts, rates with their counts, changes against an earlier year.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs
import pendulum

from ..errors import ValidationError
from ..values.periods import Period
from ..values.validators import check_id, check_optional_id, check_text, require_unique_ids
from .indicators import Indicator
from .inspections import Inspection, Pledge
from .observations import Observation
from .organisations import Organisation, Person
from .qualitative import CompletionClaim, StandingClaim
from .recurrence import RecurringActivity
from .targets import Basis, Target

__all__ = ["ChangeClaim", "Claim", "RateClaim", "Report", "SumClaim"]


def _check_parts(instance: SumClaim, _attribute: object, _value: object) -> None:
    if len(instance.parts) < 1:
        raise ValidationError("a sum claim needs at least one part", field="parts")


@attrs.frozen(kw_only=True)
class SumClaim:
    """The report states a total with its parts (城市741万元 + 农村695万元 = 1436万元).

    Attributes:
        id: Stable id.
        total: The id of the observation stating the total.
        parts: The ids of the observations stating the parts.
        exhaustive: ``True`` when the parts should add up to the total;
            ``False`` when they are only some of it (their sum must not exceed it).

    """

    id: str = attrs.field(validator=check_id)
    total: str = attrs.field(validator=check_id)
    parts: tuple[str, ...] = attrs.field(validator=_check_parts)
    exhaustive: bool = True


@attrs.frozen(kw_only=True)
class RateClaim:
    """The report states a rate with its counts (1718 of 3397 = 50.6%).

    Attributes:
        id: Stable id.
        rate: The id of the observation stating the rate (in %).
        numerator: The id of the observation stating the count on top.
        denominator: The id of the observation stating the count below.

    """

    id: str = attrs.field(validator=check_id)
    rate: str = attrs.field(validator=check_id)
    numerator: str = attrs.field(validator=check_id)
    denominator: str = attrs.field(validator=check_id)


def _check_basis(instance: ChangeClaim, _attribute: object, _value: object) -> None:
    if instance.basis not in (Basis.CHANGE, Basis.GROWTH):
        raise ValidationError(
            f"a change claim is a change or a growth, not {instance.basis.value}",
            field="basis",
            expected="change or growth",
        )


@attrs.frozen(kw_only=True)
class ChangeClaim:
    """The report states a change against an earlier value (比2009年增加了4.81个百分点).

    Attributes:
        id: Stable id.
        change: The id of the observation stating the change.
        current: The id of the observation stating the current value.
        baseline: The id of the observation stating the earlier value, if the
            report states it; otherwise the check derives the implied value.
        basis: ``CHANGE`` for a difference (percentage points for rates) or
            ``GROWTH`` for a relative change in percent.

    """

    id: str = attrs.field(validator=check_id)
    change: str = attrs.field(validator=check_id)
    current: str = attrs.field(validator=check_id)
    baseline: str | None = attrs.field(default=None, validator=check_optional_id)
    basis: Basis = attrs.field(default=Basis.CHANGE, converter=Basis, validator=_check_basis)


Claim: TypeAlias = SumClaim | RateClaim | ChangeClaim
"""Any arithmetic claim a report makes about its own figures."""


def _check_report(instance: Report) -> None:
    require_unique_ids("organisations", instance.organisations)
    require_unique_ids("people", instance.people)
    require_unique_ids("indicators", instance.indicators)
    require_unique_ids("claims", instance.claims)
    require_unique_ids("inspections", instance.inspections)
    require_unique_ids("pledges", instance.pledges)
    require_unique_ids("activities", instance.activities)
    require_unique_ids("observations", (o for o in instance.observations if o.id is not None))
    require_unique_ids("targets", instance.targets)
    require_unique_ids("standing_claims", instance.standing_claims)
    require_unique_ids("completion_claims", instance.completion_claims)


@attrs.frozen(kw_only=True)
class Report:
    """A work summary for a period.

    Attributes:
        id: Stable id.
        title: The report's title.
        period: The period it reports on.
        issuer: The id of the reporting organisation.
        organisations: Every unit the report names.
        people: Every person the report names.
        indicators: The indicators its observations refer to.
        observations: Every figure it states, as observations.
        achievements: Its qualitative results, verbatim.
        problems: The difficulties and problems it admits (困难、问题).
        next_steps: What it says comes next.
        claims: The sums, rates and changes it states, to be checked.
        inspections: The inspections, self-inspections and campaigns it reports.
        pledges: The responsibility pledges (责任书) in force.
        activities: Recurring activities (每周五政治学习) and their logs.
        issued_on: The day the report is dated.
        source: Where the text comes from.
        targets: Targets for the report's own period that the report states,
            such as a quota the level above set (招商引资任务为400万人民币).
        standing_claims: Where it says its figures stand against others'
            without stating theirs (高于全市平均水平, 居省、市前茅).
        completion_claims: Where it says a result fulfils one of
            :attr:`targets` (圆满完成了今年的招引任务).

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    period: Period
    issuer: str | None = attrs.field(default=None, validator=check_optional_id)
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    observations: tuple[Observation, ...] = ()
    achievements: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    activities: tuple[RecurringActivity, ...] = ()
    issued_on: pendulum.Date | None = None
    source: str | None = None
    targets: tuple[Target, ...] = ()
    standing_claims: tuple[StandingClaim, ...] = ()
    completion_claims: tuple[CompletionClaim, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_report(self)

    def observation(self, observation_id: str) -> Observation:
        """The observation with *observation_id*.

        Raises:
            DanglingReferenceError: No such observation.

        """
        from .references import find

        return find(self.observations, observation_id, "observations")
