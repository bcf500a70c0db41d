"""govplan: typed government work plans and reports, checked against their targets.

The public names are listed in ``__all__``; everything else lives in private
modules whose layout may change between releases.
"""

from ._claim_checks import ChangeRule, RateRule, SumRule
from ._engine import Evaluation, evaluate
from ._errors import (
    DanglingReferenceError,
    GovplanError,
    LoadError,
    ParseError,
    Problem,
    UnitMismatchError,
    UnknownUnitError,
)
from ._files import dump, dumps, load, loads
from ._indicators import Direction, Indicator, RateFormula
from ._measure_checks import DeadlineRule
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
from ._quantities import Quantity
from ._quantity_text import format_quantity, parse_quantity
from ._reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ._rules import Context, Rule, RuleSet, register_rule, rule_names
from ._scorecards import Grade, ItemScore, Scorecard, ScoreItem, ScoreResult, score
from ._target_checks import TargetRule
from ._targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from ._units import PERCENT, PERCENTAGE_POINT, Unit, convert, difference_unit, known_units, unit
from ._verdicts import Severity, Status, Verdict

__version__ = "0.1.0.dev0"

__all__ = [
    "LOCAL_TIMEZONE",
    "PERCENT",
    "PERCENTAGE_POINT",
    "Basis",
    "ChangeClaim",
    "ChangeRule",
    "Claim",
    "Commitment",
    "Comparator",
    "Context",
    "DanglingReferenceError",
    "Deadline",
    "DeadlineRule",
    "Direction",
    "Evaluation",
    "ForEach",
    "Goal",
    "GovplanError",
    "Grade",
    "Indicator",
    "ItemScore",
    "LoadError",
    "Measure",
    "MeasureStatus",
    "Observation",
    "Organisation",
    "ParseError",
    "Period",
    "PeriodKind",
    "Person",
    "Plan",
    "Problem",
    "Quantity",
    "RateClaim",
    "RateFormula",
    "RateRule",
    "Report",
    "Rule",
    "RuleSet",
    "ScoreItem",
    "ScoreResult",
    "Scorecard",
    "Section",
    "Severity",
    "Status",
    "SumClaim",
    "SumRule",
    "Target",
    "TargetNature",
    "TargetRule",
    "Unit",
    "UnitMismatchError",
    "UnknownUnitError",
    "Verdict",
    "__version__",
    "convert",
    "difference_unit",
    "dump",
    "dumps",
    "evaluate",
    "format_quantity",
    "known_units",
    "load",
    "loads",
    "parse_date",
    "parse_deadline",
    "parse_period",
    "parse_quantity",
    "register_rule",
    "rule_names",
    "score",
    "unit",
]
