"""govplan: typed government work plans and reports, checked against their targets.

The public names are listed in ``__all__``; everything else lives in private
modules whose layout may change between releases.  The model classes load
with the package; the engine, the rules, the file formats and the statement
reader load on first use, so that ``import govplan`` stays cheap for tools
that only build objects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import (
    DanglingReferenceError,
    FieldTypeError,
    GovplanError,
    LoadError,
    ParseError,
    Problem,
    UnitMismatchError,
    UnknownUnitError,
    ValidationError,
    WriteError,
)
from .model.events import (
    AgendaItem,
    Attendance,
    EventKind,
    EventSummary,
    Material,
    MaterialSource,
    PreparationTask,
    RoleAssignment,
    SummaryPoint,
    Team,
    TeamMember,
    VenueSetup,
    VolunteerEvent,
    Weekday,
    parse_datetime,
    parse_weekday,
)
from .model.indicators import Aggregation, Direction, Indicator, RateFormula
from .model.inspections import (
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
from .model.measures import Measure, MeasureStatus
from .model.observations import Observation
from .model.organisations import Organisation, Person
from .model.plans import Goal, Plan, Section
from .model.posts import Duty, Post
from .model.qualitative import CompletionClaim, QualitativeTarget, Standing, StandingClaim
from .model.recurrence import Frequency, HeldSession, Recurrence, RecurringActivity
from .model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from .model.targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from .values.periods import (
    LOCAL_TIMEZONE,
    Deadline,
    Period,
    PeriodKind,
    parse_date,
    parse_deadline,
    parse_period,
)
from .values.quantities import Quantity
from .values.quantity_text import format_quantity, parse_quantity
from .values.units import (
    DEFAULT_UNITS,
    PERCENT,
    PERCENTAGE_POINT,
    Unit,
    UnitRegistry,
    convert_units,
    difference_unit,
    known_units,
    load_units,
    parse_unit,
)

if TYPE_CHECKING:
    from .engine.executors.results import ColumnarEvaluation
    from .engine.executors.run import evaluate_columns
    from .engine.executors.spark import SparkUnavailableError
    from .engine.matching import Unmatched, UnmatchedReason
    from .io.ledger_engines import evaluate_ledgers

    __version__: str
    from .cli.render import ReportContext, render_html, render_json, render_markdown, render_table
    from .engine.check_table import (
        CheckTable,
        ReasonCode,
        SeverityCode,
        StatusCode,
        ValueColumns,
        compile_checks,
        value_columns,
    )
    from .engine.claim_rules import ChangeRule, RateRule, SumRule
    from .engine.evaluation import Evaluation, evaluate
    from .engine.event_rules import (
        AttendanceRule,
        LocationRule,
        PreparationRule,
        RoleRule,
        WeekdayRule,
    )
    from .engine.inspection_rules import (
        CoverageRule,
        InspectionRule,
        RectificationRule,
        RecurringRule,
        SanctionRule,
    )
    from .engine.measure_rules import DeadlineRule
    from .engine.rules import Context, Rule, RuleSet, SubjectRule, default_rules, rule_names
    from .engine.scorecards import Grade, ItemScore, Scorecard, ScoreItem, ScoreResult, score
    from .engine.statement_rules import CommitmentRule, CompletionRule, StandingRule
    from .engine.target_rules import TargetRule
    from .engine.verdicts import Severity, Status, Verdict, default_severity, make_verdict
    from .io.converter import make_converter
    from .io.extraction import (
        ClaimKind,
        Draft,
        DraftClaim,
        DraftFigure,
        DraftMeasure,
        DraftSection,
        FigureKind,
        UnreadText,
        extract,
        extract_file,
    )
    from .io.files import Format, dump, dumps, load, loads
    from .io.ledgers import Ledger, load_ledger, read_ledger
    from .io.limits import Limits
    from .io.results import Results, load_results
    from .io.schema import json_schema
    from .io.templates import write_template
    from .model.stated import observation_from_statement, target_from_statement
    from .values.period_text import PeriodMention, find_periods
    from .values.statements import Statement, StatementKind, find_statements, read_statement


# Public names loaded on first access, and the private module holding each.
_LAZY = {
    "ColumnarEvaluation": "engine.executors.results",
    "SparkUnavailableError": "engine.executors.spark",
    "evaluate_columns": "engine.executors.run",
    "evaluate_ledgers": "io.ledger_engines",
    "AttendanceRule": "engine.event_rules",
    "ChangeRule": "engine.claim_rules",
    "Context": "engine.rules",
    "CoverageRule": "engine.inspection_rules",
    "DeadlineRule": "engine.measure_rules",
    "Evaluation": "engine.evaluation",
    "Grade": "engine.scorecards",
    "InspectionRule": "engine.inspection_rules",
    "ItemScore": "engine.scorecards",
    "LocationRule": "engine.event_rules",
    "PreparationRule": "engine.event_rules",
    "RateRule": "engine.claim_rules",
    "RectificationRule": "engine.inspection_rules",
    "RecurringRule": "engine.inspection_rules",
    "RoleRule": "engine.event_rules",
    "Rule": "engine.rules",
    "RuleSet": "engine.rules",
    "SanctionRule": "engine.inspection_rules",
    "ScoreItem": "engine.scorecards",
    "ScoreResult": "engine.scorecards",
    "Scorecard": "engine.scorecards",
    "Severity": "engine.verdicts",
    "Status": "engine.verdicts",
    "SubjectRule": "engine.rules",
    "SumRule": "engine.claim_rules",
    "TargetRule": "engine.target_rules",
    "Verdict": "engine.verdicts",
    "default_severity": "engine.verdicts",
    "make_verdict": "engine.verdicts",
    "WeekdayRule": "engine.event_rules",
    "CommitmentRule": "engine.statement_rules",
    "CompletionRule": "engine.statement_rules",
    "StandingRule": "engine.statement_rules",
    "ClaimKind": "io.extraction",
    "Draft": "io.extraction",
    "DraftClaim": "io.extraction",
    "DraftFigure": "io.extraction",
    "DraftMeasure": "io.extraction",
    "DraftSection": "io.extraction",
    "FigureKind": "io.extraction",
    "UnreadText": "io.extraction",
    "extract": "io.extraction",
    "extract_file": "io.extraction",
    "Format": "io.files",
    "dump": "io.files",
    "json_schema": "io.schema",
    "make_converter": "io.converter",
    "render_html": "cli.render",
    "render_markdown": "cli.render",
    "render_table": "cli.render",
    "dumps": "io.files",
    "evaluate": "engine.evaluation",
    "load": "io.files",
    "loads": "io.files",
    "Limits": "io.limits",
    "read_ledger": "io.ledgers",
    "default_rules": "engine.rules",
    "CheckTable": "engine.check_table",
    "ReasonCode": "engine.check_table",
    "SeverityCode": "engine.check_table",
    "StatusCode": "engine.check_table",
    "ValueColumns": "engine.check_table",
    "compile_checks": "engine.check_table",
    "value_columns": "engine.check_table",
    "rule_names": "engine.rules",
    "score": "engine.scorecards",
    "Ledger": "io.ledgers",
    "load_ledger": "io.ledgers",
    "Results": "io.results",
    "load_results": "io.results",
    "write_template": "io.templates",
    "ReportContext": "cli.render",
    "render_json": "cli.render",
    "PeriodMention": "values.period_text",
    "Statement": "values.statements",
    "StatementKind": "values.statements",
    "find_periods": "values.period_text",
    "find_statements": "values.statements",
    "observation_from_statement": "model.stated",
    "read_statement": "values.statements",
    "target_from_statement": "model.stated",
    "Unmatched": "engine.matching",
    "UnmatchedReason": "engine.matching",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        # From the installed metadata, read on first use: importlib.metadata is not cheap.
        from importlib.metadata import version

        globals()[name] = value = version("govplan")
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | {"__version__"})


__all__ = [
    "DEFAULT_UNITS",
    "LOCAL_TIMEZONE",
    "PERCENT",
    "PERCENTAGE_POINT",
    "AgendaItem",
    "Aggregation",
    "Attendance",
    "AttendanceRule",
    "Basis",
    "ChangeClaim",
    "ChangeRule",
    "CheckTable",
    "ChecklistItem",
    "Claim",
    "ClaimKind",
    "ColumnarEvaluation",
    "Commitment",
    "CommitmentRule",
    "Comparator",
    "CompletionClaim",
    "CompletionRule",
    "Context",
    "CoverageRule",
    "DanglingReferenceError",
    "Deadline",
    "DeadlineRule",
    "Direction",
    "Draft",
    "DraftClaim",
    "DraftFigure",
    "DraftMeasure",
    "DraftSection",
    "Duty",
    "Evaluation",
    "EventKind",
    "EventSummary",
    "FieldTypeError",
    "FigureKind",
    "Finding",
    "ForEach",
    "Format",
    "Frequency",
    "Goal",
    "GovplanError",
    "Grade",
    "HeldSession",
    "Indicator",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "InspectionRule",
    "ItemScore",
    "Ledger",
    "Limits",
    "LoadError",
    "LocationRule",
    "Material",
    "MaterialSource",
    "Measure",
    "MeasureStatus",
    "Observation",
    "Organisation",
    "ParseError",
    "Period",
    "PeriodKind",
    "PeriodMention",
    "Person",
    "Plan",
    "Pledge",
    "Post",
    "PreparationRule",
    "PreparationTask",
    "Problem",
    "QualitativeTarget",
    "Quantity",
    "RateClaim",
    "RateFormula",
    "RateRule",
    "ReasonCode",
    "Rectification",
    "RectificationRule",
    "RectificationStatus",
    "Recurrence",
    "RecurringActivity",
    "RecurringRule",
    "Report",
    "ReportContext",
    "Results",
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
    "Severity",
    "SeverityCode",
    "SourceDocument",
    "SparkUnavailableError",
    "Standing",
    "StandingClaim",
    "StandingRule",
    "Statement",
    "StatementKind",
    "Status",
    "StatusCode",
    "SubjectRule",
    "SumClaim",
    "SumRule",
    "SummaryPoint",
    "Target",
    "TargetNature",
    "TargetRule",
    "Team",
    "TeamMember",
    "Unit",
    "UnitMismatchError",
    "UnitRegistry",
    "UnknownUnitError",
    "Unmatched",
    "UnmatchedReason",
    "UnreadText",
    "ValidationError",
    "ValueColumns",
    "VenueSetup",
    "Verdict",
    "VolunteerEvent",
    "Weekday",
    "WeekdayRule",
    "WriteError",
    "__version__",
    "compile_checks",
    "convert_units",
    "default_rules",
    "default_severity",
    "difference_unit",
    "dump",
    "dumps",
    "evaluate",
    "evaluate_columns",
    "evaluate_ledgers",
    "extract",
    "extract_file",
    "find_periods",
    "find_statements",
    "format_quantity",
    "json_schema",
    "known_units",
    "load",
    "load_ledger",
    "load_results",
    "load_units",
    "loads",
    "make_converter",
    "make_verdict",
    "observation_from_statement",
    "parse_date",
    "parse_datetime",
    "parse_deadline",
    "parse_period",
    "parse_quantity",
    "parse_unit",
    "parse_weekday",
    "read_ledger",
    "read_statement",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
    "rule_names",
    "score",
    "target_from_statement",
    "value_columns",
    "write_template",
]
