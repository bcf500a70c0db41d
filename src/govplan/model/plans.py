"""Plans (工作计划 / 工作要点): sections of goals with targets and measures."""

from __future__ import annotations

import attrs

from ..values.periods import Period
from ..values.validators import check_id, check_optional_id, check_text, require_unique_ids
from . import fields
from .indicators import Indicator
from .measures import Measure
from .organisations import Organisation, Person
from .qualitative import QualitativeTarget
from .targets import Target

__all__ = ["Goal", "Plan", "Section"]


@attrs.frozen(kw_only=True)
class Goal:
    """A goal or task (目标 / 任务) with its targets and measures.

    Attributes:
        id: Stable id.
        title: The task's heading ("巩固提高'普九'成果").
        number: The number the plan gives it ("4"), if any.
        text: The full wording, kept verbatim.
        targets: Its quantified targets.
        measures: The actions it commits to.
        qualitative_targets: Its commitments without a figure (确保弱势学生能够健康成长).

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    number: str | None = None
    text: str | None = None
    targets: tuple[Target, ...] = attrs.field(default=(), converter=fields.targets_field)
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=fields.measures_field)
    qualitative_targets: tuple[QualitativeTarget, ...] = ()


@attrs.frozen(kw_only=True)
class Section:
    """A numbered part of a plan (一、重理念，抓创新 …) holding goals."""

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    goals: tuple[Goal, ...] = attrs.field(default=(), converter=fields.goals_field)


def _check_plan(instance: Plan) -> None:
    require_unique_ids("organisations", instance.organisations)
    require_unique_ids("people", instance.people)
    require_unique_ids("indicators", instance.indicators)
    require_unique_ids("sections", instance.sections)


@attrs.frozen(kw_only=True)
class Plan:
    """A work plan: who issues it, for which period, and what it aims at.

    Attributes:
        id: Stable id.
        title: The plan's title.
        period: The period it covers (usually a year).
        issuer: The id of the issuing organisation.
        guiding_line: The 指导思想 paragraph, verbatim.
        organisations: Every unit the plan names.
        people: Every person the plan names.
        indicators: The indicators its targets refer to.
        sections: Its parts, in order.
        source: Where the text comes from.

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    period: Period = attrs.field(converter=fields.period_field)
    issuer: str | None = attrs.field(default=None, validator=check_optional_id)
    guiding_line: str | None = None
    organisations: tuple[Organisation, ...] = attrs.field(
        default=(), converter=fields.organisations_field
    )
    people: tuple[Person, ...] = attrs.field(default=(), converter=fields.people_field)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=fields.indicators_field)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=fields.sections_field)
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_plan(self)

    def goals(self) -> tuple[Goal, ...]:
        """Every goal of every section, in order."""
        return tuple(goal for section in self.sections for goal in section.goals)

    def targets(self) -> tuple[Target, ...]:
        """Every target of every goal, in order."""
        return tuple(target for goal in self.goals() for target in goal.targets)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with *indicator_id*.

        Raises:
            DanglingReferenceError: No such indicator.

        """
        from .references import find

        return find(self.indicators, indicator_id, "indicators")
