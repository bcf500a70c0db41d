"""Verdicts: what a rule found about one target, claim or measure, and why."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..values.quantities import Quantity
from ..values.validators import check_id

__all__ = ["Severity", "Status", "Verdict", "default_severity", "make_verdict"]


class Status(enum.StrEnum):
    """The outcome of one check."""

    MET = "met"
    """The result satisfies the target (every point of an interval does)."""
    BASICALLY_MET = "basically_met"
    """基本完成: missed, but within the target's tolerance band (e.g. 95% of the way)."""
    MISSED = "missed"
    """The result does not satisfy the target (no point of an interval does)."""
    INDETERMINATE = "indeterminate"
    """The result is an interval that straddles the threshold: neither met nor missed."""
    PENDING = "pending"
    """The target's period or deadline has not passed and the result is not final."""
    AT_RISK = "at_risk"
    """Interim results are behind the pro-rata pace (or below the target) before the end."""
    NO_DATA = "no_data"
    """The period has ended (or a deadline is missing) and there is no value to check."""
    CONSISTENT = "consistent"
    """A report's stated figures agree with each other at the precision stated."""
    INCONSISTENT = "inconsistent"
    """A report's stated figures contradict each other."""
    OVERDUE = "overdue"
    """A measure is not done and its deadline has passed."""
    DONE_LATE = "done_late"
    """A measure or rectification was done, after its deadline."""
    UNVERIFIED = "unverified"
    """A rectification is reported done but nobody has verified it (整改未验收)."""


class Severity(enum.StrEnum):
    """How much a verdict matters for the run."""

    INFO = "info"
    """Nothing to act on."""
    WARNING = "warning"
    """Worth a look (at risk, indeterminate, no data, late); does not fail the run."""
    SHORTFALL = "shortfall"
    """An aspirational (力争 / 预期性) target was missed; does not fail the run."""
    FAILURE = "failure"
    """A binding (确保 / 约束性) target was missed or a claim is inconsistent: the run fails."""


@attrs.frozen(kw_only=True)
class Verdict:
    """One rule's finding about one subject, with a bilingual explanation.

    Attributes:
        rule: The name of the rule that produced it.
        subject: The id of the target, claim or measure checked (``target@scope``
            for a target applied to each scope).
        status: The outcome.
        severity: How much it matters.
        explanation_zh: One line in Chinese saying what was found and why.
        explanation_en: The same in English.
        indicator_id: The indicator concerned, if any.
        scope: The organisation concerned, if any.
        observed: The value the check used (derived values such as a sum or a
            change included), if any.
        expected: The threshold in words, e.g. ``"≥ 96%"``.
        gap: Observed minus threshold, in the indicator's unit (percentage
            points for rates), when it can be told.
        progress: The share of the way from baseline (or zero) to the target.
        goal_id: The goal the subject belongs to.
        section_id: The section the subject belongs to.
        units: The responsible organisations.
        refs: Ids of the observations the check used.
        note: The reporting unit's justification, kept verbatim; it never
            changes the status.

    """

    rule: str
    subject: str = attrs.field(validator=check_id)
    status: Status
    severity: Severity
    explanation_zh: str
    explanation_en: str
    indicator_id: str | None = None
    scope: str | None = None
    observed: Quantity | None = None
    expected: str | None = None
    gap: Quantity | None = None
    progress: Decimal | None = None
    goal_id: str | None = None
    section_id: str | None = None
    units: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    note: str | None = None

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The one-line explanation in Chinese (``"zh"``) or English (``"en"``)."""
        if lang == "zh":
            return self.explanation_zh
        if lang == "en":
            return self.explanation_en
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


_QUIET = frozenset({Status.MET, Status.CONSISTENT, Status.PENDING})


def default_severity(status: Status) -> Severity:
    """Info when all is well or not yet due, failure for a contradiction, else a warning."""
    if status in _QUIET:
        return Severity.INFO
    return Severity.FAILURE if status is Status.INCONSISTENT else Severity.WARNING


def make_verdict(
    rule: str,
    subject: str,
    status: Status,
    zh: str,
    en: str,
    *,
    severity: Severity | None = None,
    **details: Any,
) -> Verdict:
    """A verdict with the default severity for its status unless one is given."""
    return Verdict(
        rule=rule,
        subject=subject,
        status=status,
        severity=default_severity(status) if severity is None else severity,
        explanation_zh=zh,
        explanation_en=en,
        **details,
    )
