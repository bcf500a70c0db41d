"""``evaluate_ledgers``: a plan checked against ledger files on the engine of your choice.

``engine="python"`` reads the ledgers row by row (:func:`~govplan.read_ledger`)
and runs :func:`~govplan.evaluate`; ``"duckdb"`` and ``"spark"`` read them
column-wise and run the compiled check table as one query
(:mod:`govplan.engine.executors`).  All three give the same statuses,
severities, gaps and progress, and name the unused and the repeated ledger
rows alike.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from ..engine.check_table import CheckTable, compile_checks
from ..engine.evaluation import Evaluation, _as_date, evaluate
from ..engine.executors.results import ColumnarEvaluation
from ..engine.executors.value_lookup import QueriedValues, kept_note, same_value
from ..engine.matching import Unmatched, unmatched_observations
from ..engine.rules import Context, RuleSet
from ..errors import GovplanError, Problem, ValidationError
from ..model.indicators import Aggregation, Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from .ledger_matching import (
    OBSERVATION_COLUMNS,
    LedgerUnmatched,
    Query,
    ledger_observation,
    located_in_process,
)
from .ledger_repeats import LedgerRepeats
from .plan_terms import PlanTerms, read_value

__all__ = ["LARGE_LEDGER_BYTES", "choose_engine", "evaluate_ledgers"]

LedgerEngine = Literal["python", "duckdb", "spark"]
LARGE_LEDGER_BYTES = 5_000_000
"""Ledgers bigger than this (about 100,000 rows) go to DuckDB when no engine is chosen."""


def choose_engine(paths: Sequence[str | os.PathLike[str]]) -> LedgerEngine:
    """The default engine: DuckDB for Parquet or large ledgers, else in-process Python."""
    for given in paths:
        path = Path(given)
        if path.suffix.lower() == ".parquet":
            return "duckdb"
        try:
            if path.stat().st_size > LARGE_LEDGER_BYTES:
                return "duckdb"
        except OSError:
            continue
    return "python"


def _indicators(subject: object) -> dict[str, Indicator]:
    return {i.id: i for i in getattr(subject, "indicators", ())}


_FETCHED = (*OBSERVATION_COLUMNS, "id", "text", "note", "src", "file_row")
"""The value columns read back into Python for the checks that roll up (the value
cell as written and the row's note too: their verdicts show them)."""


def _fetched_observation(row: Sequence[Any], indicators: Mapping[str, Indicator]) -> Observation:
    """The observation of a row read back (:data:`_FETCHED`), as the row-wise reader reads it."""
    found = ledger_observation(row[:10], indicators, row[10])
    text, note = row[11], row[12]
    value = found.value
    if text is not None and value is not None:
        try:
            written = read_value(text, indicators[found.indicator_id])
        except GovplanError:
            written = None
        value = same_value(written, value) or value
    return attrs.evolve(found, value=value, note=kept_note(note))


def _rolled_context(
    subject: object,
    found: Sequence[Observation],
    fetched: Sequence[Sequence[Any]],
    indicators: Mapping[str, Indicator],
    organisations: Sequence[Organisation],
    context: Context,
) -> Context:
    """The in-process context with the ledger rows of the indicators that roll up.

    The checks on those indicators run in process (see
    :func:`~govplan.engine.executors.run.split_rolled`): their rows are read back
    from the engine — only theirs — as observations.
    """
    from ..engine.executors.run import in_process_context

    rows = list(found)
    # A row for the indicator, organisation and period of an earlier row of its
    # file repeats it (the same value, or the check is refused): the row-wise
    # reader counts it once, as the first row, so it is read as that row (its
    # value as written, id and note), whichever of them a check picks.
    first: dict[tuple[Any, ...], Observation] = {}
    for row in fetched:
        key = (row[-2], row[0], row[1], row[2])
        if key not in first:
            first[key] = _fetched_observation(row, indicators)
        rows.append(first[key])
    return in_process_context(
        subject,
        rows,
        indicators,
        organisations,
        as_of=context.as_of,
        rules=context.settings,
        allow_missing=context.allow_missing,
    )


def evaluate_ledgers(
    subject: Any,
    ledgers: Sequence[str | os.PathLike[str]],
    *,
    engine: LedgerEngine | None = None,
    as_of: _dt.date | str | None = None,
    rules: RuleSet | None = None,
    connection: Any = None,
    memory_limit: str | None = None,
    spark: Any = None,
    spark_master: str | None = None,
    allow_missing: bool = False,
) -> Evaluation | ColumnarEvaluation:
    """Check the targets of *subject* (a plan or post) against ledger files.

    Args:
        subject: A :class:`~govplan.Plan` or :class:`~govplan.Post`; its
            indicators name what the ledger rows may hold.
        ledgers: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK), Excel ``.xlsx`` or
            Parquet files; with Spark, any path or URI the cluster can read.
        engine: ``"python"``, ``"duckdb"`` or ``"spark"``; ``None`` chooses
            DuckDB for Parquet or large files, else Python.
        as_of: The evaluation day (see :func:`~govplan.evaluate`).
        rules: Rule settings; on the query engines only the target rule runs.
        connection: A DuckDB connection to use.
        memory_limit: DuckDB's memory limit (e.g. ``"1GB"``); beyond it DuckDB
            spills to a temporary directory rather than fail.
        spark: A Spark session to use.
        spark_master: The master URL of the session to build (``local[2]``,
            ``spark://host:7077`` …).
        allow_missing: As for :func:`~govplan.evaluate`: a binding target
            with no data past its due day is a warning, not a failure.

    Returns:
        An :class:`~govplan.Evaluation` on ``"python"``, a
        :class:`~govplan.ColumnarEvaluation` on the query engines.  On every
        engine its ``unmatched`` names the ledger rows no check uses by file
        and row, and ``repeat_warnings()`` / ``repeat_count()`` the rows counted
        once as repeats of an earlier row of their file, in the same words.

    Raises:
        LoadError: Bad cells, by file, row and column; unreadable or malformed files.
        SparkUnavailableError: Spark was chosen and cannot run.

    """
    chosen = engine or choose_engine(ledgers)
    if chosen not in ("python", "duckdb", "spark"):
        raise ValidationError(
            f"unknown engine {chosen!r}",
            field="engine",
            value=str(chosen),
            expected="python, duckdb or spark",
        )
    indicators = _indicators(subject)
    if chosen == "python":
        from .ledgers import load_ledger

        found: list[Observation] = []
        places: list[tuple[str, int]] = []
        repeats: list[Problem] = []
        for path in ledgers:
            ledger = load_ledger(path, subject)
            found.extend(ledger.observations)
            places.extend((os.fspath(path), row) for row in ledger.rows)
            # Read strictly, a ledger warns only of rows repeating an earlier row:
            # named with their file, as the query engines name them.
            repeats.extend(
                Problem(path=f"{os.fspath(path)}: {w.path}", message=w.message)
                for w in ledger.warnings
            )
        done = evaluate(subject, found, as_of=as_of, rules=rules, allow_missing=allow_missing)
        own = len(getattr(subject, "observations", ()))
        located = done.with_unmatched(lambda: _placed(done.unmatched, own, places))
        return located.with_repeats(repeats)
    from ..engine.evaluation import gather
    from ..engine.executors.run import in_process_context, merged, plan_rules

    found, known, organisations = gather(subject, ())
    day = _as_date(as_of)
    # The other rules (measures …) run in process on what Python holds: the
    # subject's own observations; the ledger rows feed the target checks.
    context = in_process_context(
        subject, found, known, organisations, as_of=day, rules=rules, allow_missing=allow_missing
    )
    plan = plan_rules(subject, rules, context)
    settings = rules or RuleSet()
    checks = compile_checks(
        subject if plan.targets is not None else [],
        known,
        issuer=context.issuer,
        basically_met=None if plan.targets is None else plan.targets.basically_met,  # type: ignore[arg-type]
        allow_missing=allow_missing,
    )
    units = [(i.unit.dimension, i.unit.factor.denominator) for i in indicators.values()]
    # A ledger read from files holds every value in its indicator's own unit (and the
    # roll-up derives in it too): the check query need not scan the values to learn it.
    own_units = {
        i.id: (i.unit.dimension, i.unit.factor.numerator, i.unit.factor.denominator)
        for i in indicators.values()
    }
    # The roll-up over sub-units and a rate's own counts run as SQL beside the query;
    # the checks of what it leaves in process (``rolled``) are judged on rows read back.
    from ..engine.executors.rollup_inputs import rollup_inputs

    inputs = rollup_inputs(checks, known, organisations)
    rolled: list[str] = []
    lookup = None
    # Unused rows of indicators that roll up (or carry counts) are found in process,
    # on their rows read back when someone asks (a row used only through a derived
    # value is used).
    unused_rolled = {
        r.indicator.id for r in checks.rows if r.indicator.aggregation is not Aggregation.NONE
    }
    if plan.targets is None and ledgers:
        # The ledgers feed the target checks alone: without them every row
        # would be used by nothing, which must not pass in silence.
        raise ValidationError(
            "the rule set runs no 'targets' rule, so no ledger row would be checked",
            field="rules",
            value=", ".join(rule.name for rule in settings.rules),
            expected="a rule set with the 'targets' rule, or no ledgers",
        )
    if plan.targets is None:
        return merged(
            subject,
            plan,
            checks,
            None,
            context=context,
            engine=chosen,
            as_of=day,
            indicators=indicators,
            organisations=organisations,
            settings=settings,
        )
    source: Callable[[CheckTable], Any]
    fetched: list[tuple[Any, ...]] = []
    # How the value lookup keeps its rows (None: a DuckDB temporary table).
    store: Callable[[str, str], None] | None = None
    if chosen == "duckdb":
        from ..engine.executors.duckdb import DuckDBResults, connect, run_checks
        from .column_files import value_columns
        from .ledger_conflicts import refuse_conflicts

        workdir = tempfile.mkdtemp(prefix="govplan-")
        con = connection
        if con is None:
            con = connect(
                database=os.path.join(workdir, "scratch.duckdb"),
                memory_limit=memory_limit,
                temp_directory=os.path.join(workdir, "spill"),
            )
        from ..engine.executors.rollup_run import (
            ALL_VALUES,
            duckdb_lookup,
            duckdb_rollup,
            recoded_duckdb,
        )

        value_columns(con, ledgers, indicators.values(), workdir, PlanTerms.of(subject))
        # The check query replaces ``gp_values`` by the given and derived rows.
        con.execute("ALTER VIEW gp_values RENAME TO gp_r_ledger")
        rolled = sorted(
            duckdb_rollup(con, inputs, given="gp_r_ledger", as_of=day, issuer=checks.issuer)
        )
        lookup = duckdb_lookup(con)
        refuse_repeats = functools.partial(
            refuse_conflicts,
            con,
            indicators=indicators,
            issuer=context.issuer,
            relation="gp_r_ledger",
        )

        def source(table: CheckTable) -> Any:
            relation = run_checks(
                con,
                table,
                ALL_VALUES,
                organisations=organisations,
                as_of=day,
                value_units=units,
                indicator_units=own_units,
            )
            results = DuckDBResults(con, recoded_duckdb(con, relation), refuse=refuse_repeats)
            # The spill directory goes when the results do.
            weakref.finalize(results, shutil.rmtree, workdir, True)
            return results

        def fetch(ids: Sequence[str]) -> list[tuple[Any, ...]]:
            marks = ", ".join("?" for _ in ids)
            return con.execute(  # type: ignore[no-any-return]
                f"SELECT {', '.join(_FETCHED)} FROM gp_r_given WHERE indicator_id IN ({marks})"
                " ORDER BY row",
                list(ids),
            ).fetchall()

        unused_rolled |= {str(i) for (i,) in con.execute("SELECT * FROM gp_r_counted").fetchall()}
        if rolled:
            fetched = fetch(rolled)
            context = _rolled_context(subject, found, fetched, known, organisations, context)

        def query(sql: str) -> Sequence[tuple[Any, ...]]:
            return con.execute(sql).fetchall()  # type: ignore[no-any-return]

        from ..engine.executors.duckdb import RESULT_TABLE

        results_relation, ledger_relation = RESULT_TABLE, "gp_r_ledger"

    else:
        from ..engine.executors.rollup_run import recoded_spark, spark_lookup, spark_rollup
        from ..engine.executors.spark import SparkResults, spark_session
        from ..engine.executors.spark import run_checks as run_on_spark
        from .ledger_conflicts import refuse_spark_conflicts
        from .spark_ledgers import spark_value_columns

        session = spark_session(spark, master=spark_master)
        frame = spark_value_columns(session, ledgers, indicators.values(), PlanTerms.of(subject))
        fallback, every = spark_rollup(session, inputs, frame, as_of=day, issuer=checks.issuer)
        rolled = sorted(fallback)
        lookup = spark_lookup(session)
        refuse_repeats = functools.partial(
            refuse_spark_conflicts,
            session,
            paths=[os.fspath(p) for p in ledgers],
            indicators=indicators,
            issuer=context.issuer,
            frame=frame,
        )

        def source(table: CheckTable) -> Any:
            result = run_on_spark(
                session,
                table,
                every,
                organisations=organisations,
                as_of=day,
                value_units=units,
                indicator_units=own_units,
            )
            return SparkResults(recoded_spark(session, result), refuse=refuse_repeats)

        def fetch(ids: Sequence[str]) -> list[tuple[Any, ...]]:
            picked = frame.filter(frame.indicator_id.isin(list(ids))).orderBy("row")
            return [tuple(r) for r in picked.select(*_FETCHED).collect()]

        unused_rolled |= {str(r[0]) for r in session.sql("SELECT * FROM gp_r_counted").collect()}
        if rolled:
            fetched = fetch(rolled)
            context = _rolled_context(subject, found, fetched, known, organisations, context)

        def query(sql: str) -> Sequence[tuple[Any, ...]]:
            from ..engine.executors.spark import to_spark_sql

            return [tuple(r) for r in session.sql(to_spark_sql(sql)).collect()]

        def kept_rows(name: str, sql: str) -> None:
            # The looked-up rows, worked out once (their first rows are a window
            # over the ledger) and kept: each lookup only filters them.
            from ..engine.executors.spark import to_spark_sql

            session.sql(to_spark_sql(sql)).localCheckpoint().createOrReplaceTempView(name)

        store = kept_rows

        from ..engine.executors.spark import RESULT_VIEW

        frame.createOrReplaceTempView("gp_r_ledger")
        results_relation, ledger_relation = RESULT_VIEW, "gp_r_ledger"

    evaluation = merged(
        subject,
        plan,
        checks,
        source,
        context=context,
        rolled=rolled,
        engine=chosen,
        as_of=day,
        indicators=indicators,
        organisations=organisations,
        settings=settings,
        lookup=lookup,
        values=QueriedValues(
            query,
            "gp_r_given",
            units=[i.unit for i in indicators.values()],
            # The ledger rows carry each value cell as written (95多%, 1436万元)
            # and each row's note: the verdicts show them as the row-wise reader's do.
            carried=True,
            written=lambda indicator, text: read_value(text, indicators[indicator]),
            stored=True,
            store=store,
        ),
    )
    kept = context

    def load() -> tuple[Context, Sequence[Sequence[Any]]]:
        # The rows of every indicator whose unused rows are found in process.
        if set(rolled) >= unused_rolled:
            return kept, fetched
        rows = fetch(sorted(unused_rolled | set(rolled)))
        return _rolled_context(subject, found, rows, known, organisations, kept), rows

    evaluation.unmatched_source = _unmatched_source(
        subject, query, load, known, ledgers, sorted(unused_rolled | set(rolled)), found
    )
    evaluation.repeats_source = LedgerRepeats(
        query=query,
        results=results_relation,
        ledger=ledger_relation,
        issuer=context.issuer,
        files=[os.fspath(p) for p in ledgers],
        refuse=refuse_repeats,
    )
    return evaluation


def _placed(
    unmatched: Sequence[Unmatched], own: int, places: Sequence[tuple[str, int]]
) -> tuple[Unmatched, ...]:
    """The in-process engine's unused observations, ledger rows with their file and row."""
    return tuple(
        u
        if u.row < own or u.row - own >= len(places)
        else attrs.evolve(u, file=places[u.row - own][0], file_row=places[u.row - own][1])
        for u in unmatched
    )


def _unmatched_source(
    subject: object,
    query: Query,
    load: Callable[[], tuple[Context, Sequence[Sequence[Any]]]],
    indicators: Mapping[str, Indicator],
    ledgers: Sequence[str | os.PathLike[str]],
    rolled: Sequence[str],
    found: Sequence[Observation],
) -> LedgerUnmatched:
    """Where the query engine finds the ledger rows no check uses.

    *load* gives the in-process context with the rows of the *rolled* indicators
    read back, and those rows (called only when unused rows are asked for).
    """
    files = [os.fspath(p) for p in ledgers]
    own = len(found)

    def in_process() -> tuple[tuple[Unmatched, ...], int]:
        context, fetched = load()
        cells = [(str(r[0]), r[1], str(r[2]), int(r[-2]), int(r[-1])) for r in fetched]
        items = unmatched_observations(
            context.values, subject, issuer=context.issuer, given=own + len(fetched)
        )
        return located_in_process(items, own, cells, files)

    return LedgerUnmatched(
        query=query,
        table="gp_r_given",
        subject=subject,
        issuer=getattr(subject, "issuer", None),
        indicators=indicators,
        files=files,
        rolled=frozenset(rolled),
        in_process=in_process,
    )
