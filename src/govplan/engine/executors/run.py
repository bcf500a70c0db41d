"""Run a plan's checks on a query executor: ``evaluate_columns``.

The in-process :func:`~govplan.evaluate` stays the reference; this runs the
same compiled check table on DuckDB or Spark.  The target checks — the many
rows — run as one query; every other rule of the rule set (measures, claims,
inspections, events: a handful of verdicts each) runs in process beside them,
and the two are merged, in rule order, into one
:class:`~govplan.engine.executors.results.ColumnarEvaluation`.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ...errors import ValidationError
from ...model.indicators import Indicator
from ...model.observations import Observation
from ...model.organisations import Organisation
from ...model.reports import Report
from ..check_table import CheckTable, CompiledTarget, ValueColumns, compile_checks, value_columns
from ..evaluation import _as_date, gather
from ..matching import check_duplicates, unmatched_observations
from ..rollup import roll_up
from ..rules import Context, Rule, RuleSet
from ..target_rules import TargetRule, TargetVerdicts
from ..verdicts import Verdict
from .results import ColumnarEvaluation, FoundUnmatched, ResultSource
from .rollup_inputs import rollup_inputs
from .rollup_run import (
    ALL_VALUES,
    Lookup,
    RolledEvaluation,
    duckdb_lookup,
    duckdb_rollup,
    recoded_duckdb,
    recoded_spark,
    spark_lookup,
    spark_rollup,
)
from .tables import arrow_values
from .value_lookup import ObservedValues, ValueLookup

__all__ = ["QUERY_ENGINES", "Engine", "RulePlan", "evaluate_columns", "plan_rules"]

Engine = Literal["duckdb", "spark"]
QUERY_ENGINES: tuple[str, ...] = ("duckdb", "spark")
"""The query executors by name (``"python"`` is :func:`~govplan.evaluate` itself)."""


@attrs.frozen(kw_only=True)
class RulePlan:
    """Which rules run where: the target rule on the query engine, the rest in process.

    Attributes:
        targets: The target rule, when it is in the rule set and applies to the subject.
        before: Verdicts of the rules that come before it, in rule order.
        after: Verdicts of the rules after it.

    """

    targets: TargetRule | None
    before: tuple[Verdict, ...]
    after: tuple[Verdict, ...]


def split_rolled(
    checks: CheckTable, rolled: Iterable[str] = ()
) -> tuple[CheckTable, CheckTable, tuple[int, ...]]:
    """(the checks for the query, the checks run in process, their check numbers).

    The query judges derived values itself: the roll-up over sub-units and a
    rate's own counts run as SQL beside it (:mod:`.rollup_sql`).  The checks
    of the indicators in *rolled* — those the SQL roll-up leaves in process
    (see :data:`~govplan.engine.executors.rollup_sql.FALLBACK_REASONS`) — run
    on the reference engine and are merged back in check order.
    """
    named = frozenset(rolled)

    def local(row: CompiledTarget) -> bool:
        return row.indicator.id in named

    kept = [r for r in checks.rows if local(r)]
    return (
        CheckTable(rows=tuple(r for r in checks.rows if not local(r)), issuer=checks.issuer),
        CheckTable(
            rows=tuple(attrs.evolve(r, check=i) for i, r in enumerate(kept)),
            issuer=checks.issuer,
        ),
        tuple(r.check for r in kept),
    )


def rolled_indicators(values: ValueColumns) -> frozenset[str]:
    """Indicators with a row derived by the roll-up pre-pass or disagreeing with its counts."""
    rows = (*values.derivations, *values.disagreements)
    return frozenset(values.indicator_id[row] for row in rows)


def local_verdicts(
    table: CheckTable, numbers: Sequence[int], context: Context
) -> tuple[tuple[int, Verdict], ...]:
    """The in-process verdicts of *table*, each with its check number in the whole table."""
    if not table.rows:
        return ()
    verdicts = TargetVerdicts.run(table, context)
    checks = verdicts.results.check
    return tuple((numbers[checks[i]], v) for i, v in enumerate(verdicts))


def plan_rules(
    subject: object,
    rules: RuleSet | Sequence[Rule] | None,
    context: Context,
) -> RulePlan:
    """Run every rule but the target rule in process, keeping their place around it."""
    settings = rules if isinstance(rules, RuleSet) else RuleSet()
    active: Sequence[Rule] = (
        settings.build() if rules is None or isinstance(rules, RuleSet) else rules
    )
    before: list[Verdict] = []
    after: list[Verdict] = []
    targets: TargetRule | None = None
    for rule in active:
        if not rule.applies_to(subject):
            continue
        if isinstance(rule, TargetRule) and targets is None:
            targets = rule
            continue
        (before if targets is None else after).extend(rule.check(subject, context))
    return RulePlan(targets=targets, before=tuple(before), after=tuple(after))


def in_process_context(
    subject: object,
    found: Sequence[Observation],
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    *,
    as_of: Any,
    rules: RuleSet | Sequence[Rule] | None,
    allow_missing: bool,
) -> Context:
    """The context the in-process rules see, as :func:`~govplan.evaluate` builds it."""
    issuer = getattr(subject, "issuer", None)
    values = roll_up(
        value_columns(found),
        subject,
        dict(indicators),
        list(organisations),
        issuer=issuer,
        as_of=as_of,
    )
    return Context(
        as_of=as_of,
        values=values,
        observations=values.rows,
        indicators=MappingProxyType(dict(indicators)),
        organisations=tuple(organisations),
        issuer=issuer,
        settings=rules if isinstance(rules, RuleSet) else RuleSet(),
        allow_missing=allow_missing,
    )


def merged(
    subject: object,
    plan: RulePlan,
    checks: CheckTable,
    source: Callable[[CheckTable], ResultSource] | None,
    *,
    context: Context,
    rolled: Iterable[str] = (),
    engine: str,
    as_of: Any,
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    settings: RuleSet,
    lookup: Lookup | None = None,
    values: ValueLookup | None = None,
) -> ColumnarEvaluation:
    """The evaluation: the query's target rows between the in-process verdicts.

    *lookup* runs small queries on the engine holding the SQL roll-up's
    relations (how a derived value was made, read when a verdict is explained);
    *values* finds the given values the sentences show.
    """
    query, local, numbers = split_rolled(checks, rolled)
    found = None
    if plan.targets is not None and source is not None and query.rows:
        found = source(query)
    return RolledEvaluation(
        subject=str(getattr(subject, "id", "")),
        as_of=as_of,
        checks=checks,
        source=found,
        local=local_verdicts(local, numbers, context) if plan.targets is not None else (),
        engine=engine,
        indicators=indicators,
        organisations=tuple(organisations),
        settings=settings,
        before=plan.before,
        after=plan.after,
        lookup=lookup,
        values=values,
    )


def evaluate_columns(
    subject: Any,
    observations: Iterable[Observation | Report] = (),
    *,
    engine: Engine = "duckdb",
    as_of: _dt.date | str | None = None,
    rules: RuleSet | Sequence[Rule] | None = None,
    connection: Any = None,
    spark: Any = None,
    spark_master: str | None = None,
    allow_missing: bool = False,
) -> ColumnarEvaluation:
    """Check *subject* against *observations* with the target checks on a query executor.

    Every rule of *rules* runs, as :func:`~govplan.evaluate` runs them: the
    target checks as one query on DuckDB or Spark, the other rules (measures,
    claims, inspections, events) in process; the verdicts come in the same
    order as :func:`~govplan.evaluate` gives them.

    Args:
        subject: A :class:`~govplan.Plan`, :class:`~govplan.Post`, report or event.
        observations: Observations, or reports whose observations are taken.
        engine: ``"duckdb"`` (embedded) or ``"spark"``.
        as_of: The evaluation day, as for :func:`~govplan.evaluate`.
        rules: A rule set or rule objects, as for :func:`~govplan.evaluate`.
        connection: A DuckDB connection to use (default: a new in-memory one).
        spark: A Spark session to use (default: one built from *spark_master*).
        spark_master: The master URL of the session to build (default ``local[2]``).
        allow_missing: As for :func:`~govplan.evaluate`: a binding target with
            no data past its due day is a warning instead of a failure.

    Returns:
        A :class:`ColumnarEvaluation` whose verdicts are built when read.

    Raises:
        ValidationError: An unknown *engine*, a number the executors cannot hold
            exactly, or two observations that give one cell different values.

    """
    if engine not in QUERY_ENGINES:
        raise ValidationError(
            f"unknown engine {engine!r}",
            field="engine",
            value=str(engine),
            expected="duckdb or spark",
        )
    found, indicators, organisations = gather(subject, observations)
    day = _as_date(as_of)
    issuer = getattr(subject, "issuer", None)
    check_duplicates(value_columns(found, issuer=issuer), subject, issuer=issuer)
    context = in_process_context(
        subject,
        found,
        indicators,
        organisations,
        as_of=day,
        rules=rules,
        allow_missing=allow_missing,
    )
    plan = plan_rules(subject, rules, context)
    settings = rules if isinstance(rules, RuleSet) else RuleSet()
    checks = compile_checks(
        subject if plan.targets is not None else [],
        indicators,
        issuer=context.issuer,
        basically_met=None if plan.targets is None else plan.targets.basically_met,  # type: ignore[arg-type]
        allow_missing=allow_missing,
    )

    # The query reads the rows of its own checks' indicators, and the values the
    # SQL roll-up derives from them; what it cannot derive runs in process.
    wanted = {r.indicator.id for r in checks.rows}
    rows = [o for o in found if o.indicator_id in wanted]
    given = arrow_values(value_columns(rows, issuer=checks.issuer))
    inputs = rollup_inputs(checks, indicators, organisations, rows)
    source: Callable[[CheckTable], ResultSource]
    if engine == "duckdb":
        from .duckdb import DuckDBResults, connect, run_checks

        con = connection if connection is not None else connect()
        con.register("gp_r_given", given)
        rolled = duckdb_rollup(con, inputs, given="gp_r_given", as_of=day, issuer=checks.issuer)
        lookup = duckdb_lookup(con)

        def source(table: CheckTable) -> ResultSource:
            relation = run_checks(con, table, ALL_VALUES, organisations=organisations, as_of=day)
            return DuckDBResults(con, recoded_duckdb(con, relation))

    else:
        from .spark import SparkResults, spark_session
        from .spark import run_checks as run_on_spark

        session = spark_session(spark, master=spark_master)
        rolled, frame = spark_rollup(
            session, inputs, session.createDataFrame(given), as_of=day, issuer=checks.issuer
        )
        lookup = spark_lookup(session)
        units = _units(given, indicators)

        def source(table: CheckTable) -> ResultSource:
            result = run_on_spark(
                session, table, frame, organisations=organisations, as_of=day, value_units=units
            )
            return SparkResults(recoded_spark(session, result))

    evaluation = merged(
        subject,
        plan,
        checks,
        source,
        context=context,
        rolled=rolled,
        engine=engine,
        as_of=day,
        indicators=indicators,
        organisations=organisations,
        settings=settings,
        lookup=lookup,
        values=ObservedValues(rows),
    )
    evaluation.unmatched_source = FoundUnmatched(
        functools.partial(
            unmatched_observations, context.values, subject, issuer=issuer, given=len(found)
        ),
        given=len(found),
    )
    return evaluation


def _units(given: Any, indicators: Mapping[str, Indicator]) -> list[tuple[str, int]]:
    """(dimension, factor denominator) of every unit the given and derived rows use."""
    found = {
        (d, int(n))
        for d, n in zip(
            given.column("unit_dimension").to_pylist(),
            given.column("unit_factor_den").to_pylist(),
            strict=True,
        )
        if d is not None and n is not None
    }
    found |= {(i.unit.dimension, i.unit.factor.denominator) for i in indicators.values()}
    return sorted(found)
