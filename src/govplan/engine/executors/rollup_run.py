"""The SQL roll-up run on DuckDB or Spark, and verdicts that say what was derived.

:func:`duckdb_rollup` and :func:`spark_rollup` materialise the relations of
:func:`~govplan.engine.executors.rollup_sql.rollup_statements` (DuckDB temporary
tables; Spark checkpointed views, so that no stage is planned twice) and
give the relation the check query reads: the given value rows and the
derived ones.  :class:`RolledEvaluation` builds the verdict of a result row
with the roll-up's reason and, read on demand, how the value was derived.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ...errors import GovplanError
from ...values.numbers import plain_decimal
from ..check_table import ReasonCode, SeverityCode
from ..derivations import Derivation
from ..row_verdicts import RowFacts
from ..verdicts import Severity, Verdict
from .results import ColumnarEvaluation
from .rollup_inputs import RollupInputs
from .rollup_recode import derivation_of, recode_sql, sources_sql
from .rollup_sql import VALUE_NAMES, rollup_statements

__all__ = [
    "ROLLED_REASONS",
    "RolledEvaluation",
    "duckdb_rollup",
    "recoded_duckdb",
    "spark_rollup",
]

ROLLED_REASONS = frozenset(
    {
        ReasonCode.DERIVED,
        ReasonCode.NOT_DERIVABLE,
        ReasonCode.NOT_DERIVABLE_FAILS,
        ReasonCode.COUNTS_DISAGREE,
    }
)
"""The reasons only the roll-up gives (the check query's rows are re-coded to them)."""

ALL_VALUES = "gp_r_all"
"""The relation of given and derived value rows the check query reads."""

_INPUTS = ("indicators", "needed", "tree", "closure", "stated")
_SPARK_KEPT = frozenset({"gp_r_rows", "gp_r_counts", "gp_r_leaf", "gp_r_cells", "gp_r_derived"})


def _union() -> str:
    names = ", ".join(f'"{n}"' for n in VALUE_NAMES)
    return f"SELECT {names} FROM gp_r_given UNION ALL SELECT {names} FROM gp_r_derived"


def _input_names(inputs: RollupInputs) -> list[tuple[str, Any]]:
    names = {
        "indicators": "gp_r_ind",
        "needed": "gp_r_needed",
        "tree": "gp_r_tree",
        "closure": "gp_r_closure",
        "stated": "gp_r_stated",
    }
    return [(names[n], getattr(inputs, n)) for n in _INPUTS]


def duckdb_rollup(
    con: Any, inputs: RollupInputs, *, given: str, as_of: _dt.date | None, issuer: str | None
) -> frozenset[str]:
    """Run the roll-up on DuckDB over the value relation *given*; the indicators left in process.

    Afterwards :data:`ALL_VALUES` holds the given rows and the derived ones.
    """
    for name, table in _input_names(inputs):
        con.register(name, table)
    if given != "gp_r_given":
        con.execute(f"CREATE OR REPLACE TEMP VIEW gp_r_given AS SELECT * FROM {given}")
    for name, sql in rollup_statements(as_of=as_of, issuer=issuer, depth=inputs.depth):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {ALL_VALUES} AS {_union()}")
    found = con.execute("SELECT indicator_id FROM gp_r_fallback").fetchall()
    return inputs.fallback | {str(i) for (i,) in found}


_FOUND = (
    "SELECT (SELECT COUNT(*) FROM gp_r_flags WHERE ex_d IS NOT NULL) AS open_values,"
    " (SELECT COUNT(*) FROM gp_r_counts WHERE disagree AND nonlevel) AS paired"
)
"""How many derived values have no six-place form (their level checks are measured
exactly), and how many rows disagreeing with their counts a change, growth or
difference may pair with another level."""


def recoded_duckdb(con: Any, relation: Any) -> Any:
    """The check query's relation with the roll-up's reasons (see ``recode_sql``)."""
    open_values, paired = con.execute(_FOUND).fetchone()
    return con.sql(recode_sql(relation.sql_query(), exact=open_values > 0, paired=paired > 0))


def spark_rollup(
    spark: Any, inputs: RollupInputs, given: Any, *, as_of: _dt.date | None, issuer: str | None
) -> tuple[frozenset[str], Any]:
    """Run the roll-up on Spark over the DataFrame *given*: (indicators left in process, values)."""
    from .spark import to_spark_sql

    for name, table in _input_names(inputs):
        spark.createDataFrame(table).createOrReplaceTempView(name)
    given.localCheckpoint().createOrReplaceTempView("gp_r_given")
    for name, sql in rollup_statements(as_of=as_of, issuer=issuer, depth=inputs.depth):
        frame = spark.sql(to_spark_sql(sql))
        # The relations read several times are computed once (a job each); the
        # per-level stages stay views, planned into the relations that read them.
        if name in _SPARK_KEPT:
            frame = frame.localCheckpoint()
        frame.createOrReplaceTempView(name)
    found = spark.sql("SELECT indicator_id FROM gp_r_fallback").collect()
    values = spark.sql(to_spark_sql(_union()))
    values.createOrReplaceTempView(ALL_VALUES)
    return inputs.fallback | {str(r[0]) for r in found}, values


def recoded_spark(spark: Any, frame: Any) -> Any:
    """The check query's DataFrame with the roll-up's reasons."""
    from .spark import to_spark_sql

    frame.createOrReplaceTempView("gp_r_query")
    open_values, paired = spark.sql(to_spark_sql(_FOUND)).collect()[0]
    query = recode_sql("SELECT * FROM gp_r_query", exact=open_values > 0, paired=paired > 0)
    return spark.sql(to_spark_sql(query))


Lookup = Callable[[str], Sequence[tuple[Any, ...]]]
"""Runs a small query on the engine holding the roll-up's relations; its rows."""


def duckdb_lookup(con: Any) -> Lookup:
    """Small queries on *con* itself, where the roll-up's temporary tables live.

    The result rows stream through cursors of their own.
    """
    return lambda sql: list(con.execute(sql).fetchall())


def spark_lookup(spark: Any) -> Lookup:
    """Small queries on a Spark session (transpiled)."""
    from .spark import to_spark_sql

    return lambda sql: [tuple(r) for r in spark.sql(to_spark_sql(sql)).collect()]


@attrs.define(slots=True, eq=False)
class RolledEvaluation(ColumnarEvaluation):
    """A :class:`ColumnarEvaluation` whose derived rows say how their value was derived.

    A result row re-coded by the roll-up (``DERIVED``, ``NOT_DERIVABLE``,
    ``COUNTS_DISAGREE``) gives a verdict with that reason, the severity the
    query gave, and — read from the roll-up's relations when the verdict is
    explained — the rows the value came from and the sub-units missing or
    blocking it.
    """

    lookup: Lookup | None = None

    def build(self, row: Sequence[Any]) -> Verdict:
        """The verdict of one result row, with the roll-up's reason when it has one."""
        verdict = super().build(row)
        reason = int(row[8])
        if self.lookup is None:
            return verdict
        if reason not in ROLLED_REASONS:
            return self._with_derived_base(verdict, row)
        value_row = int(row[9])
        derivation = self.derivation(value_row)
        counts_value = None
        observed = verdict.observed
        if reason == ReasonCode.COUNTS_DISAGREE:
            counts_value = self.counts_value(value_row, derivation, verdict)
            observed = self.as_given(value_row, observed)
        base_row = None if len(row) < 20 or row[19] is None else int(row[19])
        facts = verdict.facts
        if isinstance(facts, RowFacts):
            details = facts.details
            if base_row is not None and reason == ReasonCode.DERIVED:
                # A change, growth or difference from a derived level: both levels shown.
                other = self.as_given(base_row, None)
                current = self.as_given(value_row, None) if other is not None else None
                details = details.with_levels(current, other)
            facts = RowFacts(
                details=attrs.evolve(
                    details,
                    reason=ReasonCode(reason),
                    derivation=derivation,
                    counts_value=counts_value,
                    observed_derived=reason != ReasonCode.COUNTS_DISAGREE,
                    observed=observed,
                )
            )
        rows = list(derivation.sources if derivation is not None else (value_row,))
        if base_row is not None:
            base = self.derivation(base_row)
            rows += base.sources if base is not None else (base_row,)
        return verdict.replace(
            observed=observed,
            reason=reason,
            severity=_SEVERITIES[SeverityCode(int(row[7]))],
            facts=facts,
            refs=self._ids(rows),
        )

    def _with_derived_base(self, verdict: Verdict, row: Sequence[Any]) -> Verdict:
        """*verdict* of a change judged against a derived baseline or reference.

        The baseline's sources join the refs and its value the sentence, as the
        in-process verdict shows them; a given baseline was looked up already.
        """
        base_row = None if len(row) < 20 or row[19] is None else int(row[19])
        if base_row is None or base_row in self._looked:
            return verdict
        base = self.derivation(base_row)
        if base is None:
            return verdict
        facts = verdict.facts
        if isinstance(facts, RowFacts) and int(row[8]) == ReasonCode.COMPARED:
            details = facts.details
            other = self.as_given(base_row, None)
            current = details.current if other is None else self._level(row)
            facts = RowFacts(details=details.with_levels(current, other))
        return verdict.replace(facts=facts, refs=(*verdict.refs, *self._ids(base.sources)))

    def _level(self, row: Sequence[Any]) -> Any:
        found = self._looked.get(int(row[9]))
        return None if found is None else found.value

    def _ids(self, rows: Sequence[int]) -> tuple[str, ...]:
        """The ids of given rows *rows*, in their order."""
        assert self.lookup is not None
        listed = ", ".join(str(int(r)) for r in rows) or "-1"
        named = {
            int(r): str(i)
            for r, i in self.lookup(
                f"SELECT row, id FROM gp_r_given WHERE row IN ({listed}) AND id IS NOT NULL"
            )
        }
        return tuple(named[int(r)] for r in rows if int(r) in named)

    def derivation(self, value_row: int) -> Derivation | None:
        """How derived row *value_row* was made (``None``: a given row)."""
        assert self.lookup is not None
        found = self.lookup(
            f"SELECT kind, partial, missing, blocked FROM gp_r_derived WHERE row = {int(value_row)}"
        )
        if not found:
            return None
        sources = [int(r[0]) for r in self.lookup(sources_sql(value_row))]
        return derivation_of(found[0], sources)

    def as_given(self, value_row: int, shown: Any) -> Any:
        """Value row *value_row* as given, in its own unit (a value at odds with its counts)."""
        from ...values.quantities import Quantity
        from ...values.units import parse_unit

        assert self.lookup is not None
        found = self.lookup(
            "SELECT low, high, low_closed, high_closed, unit FROM gp_r_all"
            f" WHERE row = {int(value_row)} AND has_value"
        )
        if not found or found[0][4] is None:
            return shown
        low, high, low_closed, high_closed, symbol = found[0]
        try:
            unit = parse_unit(str(symbol)) if shown is None or shown.unit.symbol != symbol else None
        except GovplanError:
            return shown
        return Quantity(
            low=plain_decimal(low),
            high=plain_decimal(high),
            unit=unit or shown.unit,
            low_open=not low_closed,
            high_open=not high_closed,
        )

    def counts_value(self, value_row: int, derivation: Derivation | None, verdict: Verdict) -> Any:
        """The value the counts of the last disagreeing source row give, in its value's unit.

        Exact when it has a six-place form, else the open interval between its
        six-place neighbours (as the in-process engine encloses it).
        """
        from ...values.quantities import Quantity
        from ...values.units import parse_unit

        assert self.lookup is not None
        rows = derivation.sources if derivation is not None else (value_row,)
        listed = ", ".join(str(int(r)) for r in rows) or "-1"
        found = {
            int(r[0]): r[1:]
            for r in self.lookup(
                "SELECT c.row, c.fl6, c.exact, g.unit FROM gp_r_counts AS c JOIN gp_r_given AS g"
                f" ON g.row = c.row WHERE c.disagree AND c.row IN ({listed})"
            )
        }
        # The last disagreeing row the value came from, as the in-process engine names it.
        last = [found[int(r)] for r in rows if int(r) in found]
        if not last or last[-1][0] is None or last[-1][2] is None or verdict.indicator_id is None:
            return None
        floor, exact, symbol = last[-1]
        unit = self.indicators[verdict.indicator_id].unit
        if unit.symbol != symbol:
            try:
                unit = parse_unit(str(symbol))
            except GovplanError:
                return None
        low = plain_decimal(Decimal(floor).scaleb(-6))
        if exact and low is not None:
            return Quantity.of(low, unit)
        high = plain_decimal((Decimal(floor) + 1).scaleb(-6))
        return Quantity(low=low, high=high, unit=unit, low_open=True, high_open=True)


_SEVERITIES = {code: Severity[code.name] for code in SeverityCode}
