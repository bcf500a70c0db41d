"""govplan: typed government work plans and reports, checked against their targets.

The public names are listed in ``__all__``; everything else lives in private
modules whose layout may change between releases.  The model classes load
with the package; the engine, the rules and the file formats load on first use,
so that ``import govplan`` stays cheap for tools that only build objects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._errors import (
    DanglingReferenceError,
    GovplanError,
    LoadError,
    ParseError,
    Problem,
    UnitMismatchError,
    UnknownUnitError,
)
from ._events import (
    AgendaItem,
    Attendance,
    EventKind,
    EventSummary,
    Material,
    MaterialSource,
    Member,
    Point,
    PreparationTask,
    RoleAssignment,
    Setup,
    Team,
    VolunteerEvent,
    Weekday,
    parse_datetime,
    parse_weekday,
)
from ._indicators import Direction, Indicator, RateFormula
from ._inspections import (
    ChecklistItem,
    Finding,
    Inspection,
    InspectionKind,
    InspectionResult,
    Pledge,
    Rectification,
    RectificationStatus,
    Sanction,
    SourceDocument,
)
from ._measures import Measure, MeasureStatus
from ._observations import Observation
from ._organisations import Organisation, Person
from ._periods import (
    LOCAL_TIMEZONE,
    Deadline,
    Period,
    PeriodKind,
    parse_date,
    parse_deadline,
    parse_period,
)
from ._plans import Goal, Plan, Section
from ._posts import Duty, Post
from ._quantities import Quantity
from ._quantity_text import format_quantity, parse_quantity
from ._recurrence import Frequency, Recurrence, RecurringActivity, Session
from ._reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ._targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from ._units import PERCENT, PERCENTAGE_POINT, Unit, convert, difference_unit, known_units, unit

if TYPE_CHECKING:
    from ._claim_checks import ChangeRule, RateRule, SumRule
    from ._engine import Evaluation, evaluate
    from ._event_checks import AttendanceRule, LocationRule, PreparationRule, RoleRule, WeekdayRule
    from ._files import dump, dumps, load, loads
    from ._inspection_checks import (
        CoverageRule,
        InspectionRule,
        RectificationRule,
        RecurringRule,
        SanctionRule,
    )
    from ._ledgers import read_ledger
    from ._measure_checks import DeadlineRule
    from ._rules import Context, Rule, RuleSet, SubjectRule, register_rule, rule_names
    from ._scorecards import Grade, ItemScore, Scorecard, ScoreItem, ScoreResult, score
    from ._target_checks import TargetRule
    from ._verdicts import Severity, Status, Verdict, default_severity, make_verdict

__version__ = "0.1.0.dev0"

# Public names loaded on first access, and the private module holding each.
_LAZY = {
    "AttendanceRule": "_event_checks",
    "ChangeRule": "_claim_checks",
    "Context": "_rules",
    "CoverageRule": "_inspection_checks",
    "DeadlineRule": "_measure_checks",
    "Evaluation": "_engine",
    "Grade": "_scorecards",
    "InspectionRule": "_inspection_checks",
    "ItemScore": "_scorecards",
    "LocationRule": "_event_checks",
    "PreparationRule": "_event_checks",
    "RateRule": "_claim_checks",
    "RectificationRule": "_inspection_checks",
    "RecurringRule": "_inspection_checks",
    "RoleRule": "_event_checks",
    "Rule": "_rules",
    "RuleSet": "_rules",
    "SanctionRule": "_inspection_checks",
    "ScoreItem": "_scorecards",
    "ScoreResult": "_scorecards",
    "Scorecard": "_scorecards",
    "Severity": "_verdicts",
    "Status": "_verdicts",
    "SubjectRule": "_rules",
    "SumRule": "_claim_checks",
    "TargetRule": "_target_checks",
    "Verdict": "_verdicts",
    "default_severity": "_verdicts",
    "make_verdict": "_verdicts",
    "WeekdayRule": "_event_checks",
    "dump": "_files",
    "dumps": "_files",
    "evaluate": "_engine",
    "load": "_files",
    "loads": "_files",
    "read_ledger": "_ledgers",
    "register_rule": "_rules",
    "rule_names": "_rules",
    "score": "_scorecards",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "LOCAL_TIMEZONE",
    "PERCENT",
    "PERCENTAGE_POINT",
    "AgendaItem",
    "Attendance",
    "AttendanceRule",
    "Basis",
    "ChangeClaim",
    "ChangeRule",
    "ChecklistItem",
    "Claim",
    "Commitment",
    "Comparator",
    "Context",
    "CoverageRule",
    "DanglingReferenceError",
    "Deadline",
    "DeadlineRule",
    "Direction",
    "Duty",
    "Evaluation",
    "EventKind",
    "EventSummary",
    "Finding",
    "ForEach",
    "Frequency",
    "Goal",
    "GovplanError",
    "Grade",
    "Indicator",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "InspectionRule",
    "ItemScore",
    "LoadError",
    "LocationRule",
    "Material",
    "MaterialSource",
    "Measure",
    "MeasureStatus",
    "Member",
    "Observation",
    "Organisation",
    "ParseError",
    "Period",
    "PeriodKind",
    "Person",
    "Plan",
    "Pledge",
    "Point",
    "Post",
    "PreparationRule",
    "PreparationTask",
    "Problem",
    "Quantity",
    "RateClaim",
    "RateFormula",
    "RateRule",
    "Rectification",
    "RectificationRule",
    "RectificationStatus",
    "Recurrence",
    "RecurringActivity",
    "RecurringRule",
    "Report",
    "RoleAssignment",
    "RoleRule",
    "Rule",
    "RuleSet",
    "Sanction",
    "SanctionRule",
    "ScoreItem",
    "ScoreResult",
    "Scorecard",
    "Section",
    "Session",
    "Setup",
    "Severity",
    "SourceDocument",
    "Status",
    "SubjectRule",
    "SumClaim",
    "SumRule",
    "Target",
    "TargetNature",
    "TargetRule",
    "Team",
    "Unit",
    "UnitMismatchError",
    "UnknownUnitError",
    "Verdict",
    "VolunteerEvent",
    "Weekday",
    "WeekdayRule",
    "__version__",
    "convert",
    "default_severity",
    "difference_unit",
    "dump",
    "dumps",
    "evaluate",
    "format_quantity",
    "known_units",
    "load",
    "loads",
    "make_verdict",
    "parse_date",
    "parse_datetime",
    "parse_deadline",
    "parse_period",
    "parse_quantity",
    "parse_weekday",
    "read_ledger",
    "register_rule",
    "rule_names",
    "score",
    "unit",
]
