"""Inspections (督查 / 检查 / 自查 / 专项治理) and what follows from them.

Findings, rectifications (整改), and the responsibility pledges (责任书) an
inspection checks against.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from ..errors import ValidationError
from ..values.periods import Deadline, Period
from ..values.quantities import Quantity
from ..values.validators import check_id, check_optional_id, check_text, require_unique_ids

__all__ = [
    "ChecklistItem",
    "Finding",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "Pledge",
    "Rectification",
    "RectificationStatus",
    "Sanction",
    "SourceDocument",
]


class InspectionKind(enum.StrEnum):
    """What sort of inspection it was."""

    SUPERVISION = "supervision"
    """督查: a superior checks how a unit carries out its duties."""
    CHECK = "check"
    """检查: a general or special check."""
    SELF_INSPECTION = "self_inspection"
    """自查 / 自查自纠: a unit checks itself, often against a checklist."""
    COVERT = "covert"
    """明察暗访: announced and unannounced visits."""
    CAMPAIGN = "campaign"
    """专项治理 / 集中整治: a campaign against one problem (official cars, slush funds)."""
    FOLLOW_UP = "follow_up"
    """回头看: a second look at an earlier campaign or rectification."""
    AUDIT = "audit"
    """审计."""
    ASSESSMENT = "assessment"
    """考核: a year-end assessment."""


class InspectionResult(enum.StrEnum):
    """What an inspection came to."""

    FINDINGS = "findings"
    """It found problems, listed as findings."""
    NOTHING_FOUND = "nothing_found"
    """It was carried out and found nothing (未发现): a real result."""
    NOT_STATED = "not_stated"
    """It was carried out, but the source does not say what it found."""
    NOT_DONE = "not_done"
    """It has not been carried out (yet): no result."""


@attrs.frozen(kw_only=True)
class SourceDocument:
    """A document an inspection or pledge rests on (《廉政准则》, 娄星商党发[2011]7号).

    Attributes:
        title: Its title, with or without 《》.
        number: Its file number (文号), if any.
        issuer: Who issued it, if stated.

    """

    title: str = attrs.field(validator=check_text)
    number: str | None = None
    issuer: str | None = None


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One line of a checklist, with the articles it refers to.

    Attributes:
        id: Stable id.
        text: What is checked ("是否有利用职权和职务影响，谋取不正当利益的问题").
        articles: The articles of the basis document it covers ("第一条", "第三条").
        result: What the check of this item found, once done.

    """

    id: str = attrs.field(validator=check_id)
    text: str = attrs.field(validator=check_text)
    articles: tuple[str, ...] = ()
    result: InspectionResult = attrs.field(
        default=InspectionResult.NOT_DONE, converter=InspectionResult
    )


@attrs.frozen(kw_only=True)
class Sanction:
    """A sanction imposed on the people or units behind a finding.

    Attributes:
        action: What was done ("取消考核合格及以上等次资格", "调离城区学校").
        count: How many it was imposed on ("1人"), if stated; absent means all.

    """

    action: str = attrs.field(validator=check_text)
    count: Quantity | None = None


@attrs.frozen(kw_only=True)
class Finding:
    """A problem an inspection found.

    Attributes:
        id: Stable id (rectifications refer to it).
        description: What was found, in the source's words.
        unit: The organisation concerned, if one.
        count: How many ("200多个" hazards, "11名" teachers), if stated.
        severity: How serious the source says it is, if it does.
        sanctions: What was done to those responsible.

    """

    id: str = attrs.field(validator=check_id)
    description: str = attrs.field(validator=check_text)
    unit: str | None = attrs.field(default=None, validator=check_optional_id)
    count: Quantity | None = None
    severity: str | None = None
    sanctions: tuple[Sanction, ...] = ()


class RectificationStatus(enum.StrEnum):
    """Where a rectification stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


def _check_rectification(instance: Rectification) -> None:
    if instance.completed_on is not None and instance.status is not RectificationStatus.DONE:
        raise ValidationError(
            "a rectification with a completion date must have status 'done'",
            field="completed_on",
        )
    if instance.verified_on is not None and instance.verified_by is None:
        raise ValidationError("a verification needs who verified it", field="verified_by")


@attrs.frozen(kw_only=True)
class Rectification:
    """整改: what is done about a finding, by whom, by when, and who checked it.

    Attributes:
        id: Stable id.
        finding_id: The finding it answers.
        action: What is to be done.
        owner: The organisation or person responsible.
        deadline: When it is due.
        status: Where it stands.
        completed_on: When it was done.
        verified_by: Who verified it (an organisation or person id).
        verified_on: When it was verified.
        count: How many of the finding's items it dealt with, when the source
            says so and it is not all of them (整治48处 of 200多个 found).

    """

    id: str = attrs.field(validator=check_id)
    finding_id: str = attrs.field(validator=check_id)
    action: str = attrs.field(validator=check_text)
    owner: str | None = attrs.field(default=None, validator=check_optional_id)
    deadline: Deadline | None = None
    status: RectificationStatus = attrs.field(
        default=RectificationStatus.PLANNED, converter=RectificationStatus
    )
    completed_on: pendulum.Date | None = None
    verified_by: str | None = attrs.field(default=None, validator=check_optional_id)
    verified_on: pendulum.Date | None = None
    count: Quantity | None = None

    def __attrs_post_init__(self) -> None:
        _check_rectification(self)


def _check_inspection(instance: Inspection) -> None:
    if instance.date is None and instance.period is None:
        raise ValidationError("an inspection needs a date or a period", field="date")
    if instance.result is InspectionResult.FINDINGS and not instance.findings:
        raise ValidationError(
            "the result is 'findings' but none is listed",
            field="findings",
            expected="at least one finding, or result 'nothing_found'",
        )
    if instance.result is not InspectionResult.FINDINGS and instance.findings:
        raise ValidationError(
            f"the result is {instance.result.value!r} but findings are listed",
            field="result",
            expected="'findings'",
        )
    require_unique_ids("findings", instance.findings)
    require_unique_ids("rectifications", instance.rectifications)
    require_unique_ids("checklist", instance.checklist)
    known = {finding.id for finding in instance.findings}
    for index, rectification in enumerate(instance.rectifications):
        if rectification.finding_id not in known:
            raise ValidationError(
                f"unknown finding id {rectification.finding_id!r}",
                field=f"rectifications[{index}].finding_id",
                expected="the id of a finding of this inspection",
            )


@attrs.frozen(kw_only=True)
class Inspection:
    """An inspection of any kind, and what it found.

    Attributes:
        id: Stable id.
        kind: Supervision, self-inspection, campaign, follow-up …
        title: What the source calls it ("公务用车专项治理").
        date: The day it took place, if one.
        period: The span it took place in, if not one day.
        leads: Ids of the people leading it (with their titles in the people list).
        inspecting_units: Ids of the organisations carrying it out.
        inspected_units: Ids of the organisations inspected.
        basis: The documents it checks against.
        focus: What it concentrated on, verbatim.
        methods: How (听取汇报, 查阅台账, 问卷, 座谈会, 明察暗访 …).
        checklist: The items checked, with their article references.
        result: Findings, nothing found, or not done.
        findings: What it found.
        rectifications: What is done about the findings.
        follows_up: The id of the inspection this one looks back at (回头看).
        note: Anything else the source says of it.

    """

    id: str = attrs.field(validator=check_id)
    kind: InspectionKind = attrs.field(converter=InspectionKind)
    title: str = attrs.field(validator=check_text)
    date: pendulum.Date | None = None
    period: Period | None = None
    leads: tuple[str, ...] = ()
    inspecting_units: tuple[str, ...] = ()
    inspected_units: tuple[str, ...] = ()
    basis: tuple[SourceDocument, ...] = ()
    focus: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    result: InspectionResult = attrs.field(
        default=InspectionResult.NOT_DONE, converter=InspectionResult
    )
    findings: tuple[Finding, ...] = ()
    rectifications: tuple[Rectification, ...] = ()
    follows_up: str | None = attrs.field(default=None, validator=check_optional_id)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_inspection(self)

    def took_place_within(self, period: Period) -> bool:
        """Whether the inspection happened inside *period*."""
        if self.date is not None:
            return period.contains(self.date)
        assert self.period is not None
        return period.start <= self.period.start and self.period.end <= period.end


@attrs.frozen(kw_only=True)
class Pledge:
    """责任书 / 责任制: what a unit or person signed up to for a period (一岗双责).

    Attributes:
        id: Stable id.
        title: The pledge's name ("党风廉政建设责任书").
        period: The period it covers.
        issuer: The organisation that set it.
        signatories: Ids of the organisations or people who signed it.
        signed_on: When, if stated (or ``stated_when`` such as "年初").
        stated_when: When, as the source words it.
        basis: The documents it rests on (娄星商党发[2011]7号).
        commitments: What was pledged, verbatim.
        veto: Whether failing the pledge fails the signatory's whole
            assessment (一票否决).

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    period: Period
    issuer: str | None = attrs.field(default=None, validator=check_optional_id)
    signatories: tuple[str, ...] = ()
    signed_on: pendulum.Date | None = None
    stated_when: str | None = None
    basis: tuple[SourceDocument, ...] = ()
    commitments: tuple[str, ...] = ()
    veto: bool = False
