"""Every record class a file can hold, and the ``kind`` tag that names it.

A document says what it holds with its kind (``document: plan``); claims
carry theirs wherever they are written.  The engine's classes (rule sets,
scorecards, verdicts, evaluations) are known by kind without importing the
engine, which is loaded only when one of them is read or written.
"""

from __future__ import annotations

import functools
import re

from ..errors import ParseError
from ..model.events import (
    AgendaItem,
    Attendance,
    EventSummary,
    Material,
    PreparationTask,
    RoleAssignment,
    SummaryPoint,
    Team,
    TeamMember,
    VenueSetup,
    VolunteerEvent,
)
from ..model.indicators import Indicator, RateFormula
from ..model.inspections import (
    ChecklistItem,
    Finding,
    Inspection,
    Pledge,
    Rectification,
    Sanction,
    SourceDocument,
)
from ..model.measures import Measure
from ..model.observations import Observation
from ..model.organisations import Organisation, Person
from ..model.plans import Goal, Plan, Section
from ..model.posts import Duty, Post
from ..model.qualitative import CompletionClaim, QualitativeTarget, StandingClaim
from ..model.recurrence import HeldSession, Recurrence, RecurringActivity
from ..model.reports import ChangeClaim, RateClaim, Report, SumClaim
from ..model.targets import Target
from ..values.periods import Deadline

__all__ = [
    "CLAIM_CLASSES",
    "MODEL_CLASSES",
    "document_classes",
    "engine_classes",
    "kind_of",
    "model_class",
]

MODEL_CLASSES: tuple[type, ...] = (
    AgendaItem,
    Attendance,
    ChangeClaim,
    ChecklistItem,
    Deadline,
    Duty,
    EventSummary,
    Finding,
    Goal,
    Indicator,
    Inspection,
    Material,
    TeamMember,
    Pledge,
    SummaryPoint,
    Post,
    PreparationTask,
    Recurrence,
    RecurringActivity,
    Rectification,
    RoleAssignment,
    Sanction,
    HeldSession,
    VenueSetup,
    SourceDocument,
    Team,
    VolunteerEvent,
    Measure,
    Observation,
    Organisation,
    Person,
    Plan,
    RateClaim,
    RateFormula,
    Report,
    Section,
    SumClaim,
    Target,
    QualitativeTarget,
    StandingClaim,
    CompletionClaim,
)
"""Every model record class a file can hold, at the top or nested."""


@functools.cache
def engine_classes() -> tuple[type, ...]:
    """The engine's record classes a file can hold (rule sets, scorecards, verdicts).

    Imported on first use: loading a plan or a report must not load the engine.
    """
    from ..engine.evaluation import Evaluation
    from ..engine.rules import RuleSet
    from ..engine.scorecards import Grade, Scorecard, ScoreItem
    from ..engine.verdicts import Verdict

    return (Evaluation, Grade, RuleSet, ScoreItem, Scorecard, Verdict)


def document_classes() -> tuple[type, ...]:
    """Every record class a file can hold: the model's, then the engine's."""
    return MODEL_CLASSES + engine_classes()


# The kinds of the engine's classes, known without importing the engine.
_ENGINE_KINDS = ("evaluation", "grade", "rule_set", "score_item", "scorecard", "verdict")


def kind_of(cls: type) -> str:
    """The ``kind`` tag of a model class: ``SumClaim`` → ``"sum_claim"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


_KINDS = {kind_of(cls): cls for cls in MODEL_CLASSES}


def model_class(kind: str) -> type:
    """The model class whose ``kind`` tag is *kind*.

    Raises:
        ParseError: No class has that kind.

    """
    if kind in _ENGINE_KINDS:
        return {kind_of(cls): cls for cls in engine_classes()}[kind]
    try:
        return _KINDS[kind]
    except (KeyError, TypeError):
        raise ParseError(
            f"unknown kind of document {kind!r}",
            field="document",
            value=kind,
            expected="one of " + ", ".join(sorted((*_KINDS, *_ENGINE_KINDS))),
        ) from None


CLAIM_CLASSES: tuple[type, ...] = (SumClaim, RateClaim, ChangeClaim)
"""The claims a report states, tagged with their ``kind`` wherever they appear."""
