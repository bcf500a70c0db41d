"""Roll-up on DuckDB: derived in SQL beside the check query vs read back into Python.

A province of C counties with 40 schools each reports three indicators per
school for the year: an amount (sums; every third school reports it in 元
rather than 万元), a stock (adds over units) and a rate given by its counts
(Σ numerator / Σ denominator; denominators from 97 to 103, so most
quotients have no six-place form and are judged on the exact quotient).  Targets sit on the
province and on each county (a template over the province's sub-units), so
every county's and the province's value is derived.  Timed, on the same
value rows held in DuckDB:

* **sql** — the roll-up as SQL (:mod:`govplan.engine.executors.rollup_sql`)
  feeding the check query, result codes counted in DuckDB;
* **read-back** — the former route: the rows of the indicators that roll up
  read back from DuckDB as observations, the in-process pre-pass and the
  in-process checks (:func:`~govplan.engine.executors.run.local_verdicts`).

Both must give the same status counts.  Rounds are interleaved (garbage
collector on); min and median per route, and their ratio.

Run: ``python benchmarks/bench_rollup.py [--counties 250] [--rounds 3] [--full]``
(``--full``: 1,000 and 10,000 counties, 1.2·10^5 and 1.2·10^6 rows).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import statistics
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import duckdb
import pyarrow as pa

import govplan as g
from govplan.engine.check_table import CheckTable, StatusCode, compile_checks
from govplan.engine.executors.duckdb import DuckDBResults, run_checks
from govplan.engine.executors.rollup_inputs import rollup_inputs
from govplan.engine.executors.rollup_run import ALL_VALUES, duckdb_rollup, recoded_duckdb
from govplan.engine.executors.run import in_process_context, local_verdicts, split_rolled
from govplan.io.ledger_matching import OBSERVATION_COLUMNS, ledger_observation

SCHOOLS = 40
YEAR = g.Period.year(2011)
_MONEY = g.parse_unit("万元")
_PEOPLE = g.parse_unit("人")
_YUAN = g.parse_unit("元")


def plan_of(counties: int) -> g.Plan:
    """The province, its counties and schools, three indicators and their targets."""
    organisations = [g.Organisation(id="p", name="省")]
    for c in range(counties):
        organisations.append(g.Organisation(id=f"c{c}", name=f"县{c}", parent_id="p"))
        organisations += [
            g.Organisation(id=f"c{c}s{s}", name=f"校{c}-{s}", parent_id=f"c{c}")
            for s in range(SCHOOLS)
        ]
    indicators = (
        g.Indicator(id="spend", name="投入", unit=_MONEY, aggregation="sum"),
        g.Indicator(id="staff", name="教师", unit=_PEOPLE, aggregation="last"),
        g.Indicator(id="rate", name="达标率", unit=g.PERCENT, aggregation="ratio"),
    )
    thresholds = {"spend": (2000, 50), "staff": (4000, 100), "rate": (90, 90)}
    targets = []
    for indicator in indicators:
        whole, each = thresholds[indicator.id]
        targets.append(
            g.Target(
                id=f"{indicator.id}-p",
                indicator_id=indicator.id,
                comparator="at_least",
                value=g.Quantity.of(whole * counties, indicator.unit)
                if indicator.id != "rate"
                else g.Quantity.of(whole, indicator.unit),
                period=YEAR,
                scope="p",
            )
        )
        targets.append(
            g.Target(
                id=f"{indicator.id}-c",
                indicator_id=indicator.id,
                comparator="at_least",
                value=g.Quantity.of(
                    each * SCHOOLS // 2 if indicator.id != "rate" else each, indicator.unit
                ),
                period=YEAR,
                scope="p",
                for_each="scope",
            )
        )
    goal = g.Goal(id="g", title="目标", targets=tuple(targets))
    return g.Plan(
        id="bench",
        title="全省",
        period=YEAR,
        issuer="p",
        organisations=tuple(organisations),
        indicators=indicators,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def values_of(counties: int) -> pa.Table:
    """The value columns of every school's three results (the rate by its counts)."""
    scopes: list[str] = []
    indicator: list[str] = []
    low: list[Decimal | None] = []
    top: list[Decimal | None] = []
    bottom: list[Decimal | None] = []
    unit: list[g.Unit | None] = []
    n = 0
    for c in range(counties):
        for s in range(SCHOOLS):
            school = f"c{c}s{s}"
            n += 1
            in_yuan = n % 3 == 0
            spend = Decimal(40 + n % 30) * (10000 if in_yuan else 1)
            for ind, value, counts, unit_of in (
                ("spend", spend, None, _YUAN if in_yuan else _MONEY),
                ("staff", Decimal(90 + n % 25), None, _PEOPLE),
                ("rate", None, (Decimal(80 + 2 * (n % 11)), Decimal(97 + n % 7)), None),
            ):
                scopes.append(school)
                indicator.append(ind)
                low.append(value)
                top.append(None if counts is None else counts[0])
                bottom.append(None if counts is None else counts[1])
                unit.append(unit_of)
    rows = len(scopes)
    has = [v is not None for v in low]
    decimal = pa.decimal128(18, 6)
    return pa.table(
        {
            "row": pa.array(range(rows), pa.int32()),
            "id": pa.nulls(rows, pa.string()),
            "indicator_id": pa.array(indicator, pa.string()),
            "scope": pa.array(scopes, pa.string()),
            "breakdown": pa.array([""] * rows, pa.string()),
            "period": pa.array(["2011"] * rows, pa.string()),
            "period_start": pa.array([_dt.date(2011, 1, 1)] * rows, pa.date32()),
            "period_end": pa.array([_dt.date(2011, 12, 31)] * rows, pa.date32()),
            "change_from": pa.nulls(rows, pa.string()),
            "low": pa.array(low, decimal),
            "high": pa.array(low, decimal),
            "low_closed": pa.array(has, pa.bool_()),
            "high_closed": pa.array(has, pa.bool_()),
            "has_value": pa.array(has, pa.bool_()),
            "unit": pa.array([None if u is None else u.symbol for u in unit], pa.string()),
            "unit_dimension": pa.array([None if u is None else u.dimension for u in unit]),
            "unit_factor_num": pa.array(
                [None if u is None else u.factor.numerator for u in unit], pa.int64()
            ),
            "unit_factor_den": pa.array(
                [None if u is None else u.factor.denominator for u in unit], pa.int64()
            ),
            "numerator": pa.array(top, decimal),
            "denominator": pa.array(bottom, decimal),
        }
    )


def in_sql(plan: g.Plan, checks: CheckTable, values: pa.Table) -> dict[int, int]:
    """The roll-up in SQL feeding the check query; status counts."""
    con = duckdb.connect()
    con.register("gp_r_given", values)
    inputs = rollup_inputs(checks, {i.id: i for i in plan.indicators}, plan.organisations)
    left = duckdb_rollup(con, inputs, given="gp_r_given", as_of=None, issuer=checks.issuer)
    assert not left, left
    relation = run_checks(con, checks, ALL_VALUES, organisations=plan.organisations)
    counts = DuckDBResults(con, recoded_duckdb(con, relation)).status_counts()
    con.close()
    return {int(k): int(v) for k, v in counts.items()}


def read_back(plan: g.Plan, checks: CheckTable, values: pa.Table) -> dict[int, int]:
    """The former route: rows read back from DuckDB, rolled up and checked in process."""
    con = duckdb.connect()
    con.register("gp_values", values)
    columns = ", ".join(OBSERVATION_COLUMNS)
    fetched = con.execute(f"SELECT {columns}, id, unit FROM gp_values ORDER BY row").fetchall()
    indicators = {i.id: i for i in plan.indicators}
    found = [
        _in_unit(ledger_observation(row[:10], indicators, row[10]), row[11]) for row in fetched
    ]
    context = in_process_context(
        plan, found, indicators, plan.organisations, as_of=None, rules=None, allow_missing=False
    )
    _, local, numbers = split_rolled(checks, indicators)
    verdicts = local_verdicts(local, numbers, context)
    con.close()
    counts = Counter(StatusCode[v.status.name] for _, v in verdicts)
    return {int(k): v for k, v in counts.items()}


def _in_unit(observation: g.Observation, symbol: str | None) -> g.Observation:
    """*observation* with its value in the unit it was read in (元 for some amounts)."""
    value = observation.value
    if value is None or symbol is None or value.unit.symbol == symbol:
        return observation
    return attrs.evolve(observation, value=attrs.evolve(value, unit=g.parse_unit(symbol)))


def _time(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def measure(counties: int, rounds: int) -> None:
    """Interleaved rounds of both routes at one size; min, median and ratios printed."""
    plan = plan_of(counties)
    checks = compile_checks(plan)
    values = values_of(counties)
    times: dict[str, list[float]] = {"sql": [], "read-back": []}
    answers: dict[str, Any] = {}
    for _ in range(rounds):
        for name, route in (("sql", in_sql), ("read-back", read_back)):
            took, answers[name] = _time(lambda r=route: r(plan, checks, values))  # type: ignore[misc]
            times[name].append(took)
    assert answers["sql"] == answers["read-back"], answers
    rows = values.num_rows
    verdicts = sum(answers["sql"].values())
    print(f"rows {rows:,}  counties {counties:,}  checks' verdicts {verdicts:,}")
    for name, found in times.items():
        print(
            f"  {name:10s} min {min(found):8.2f} s  median {statistics.median(found):8.2f} s"
            f"  ({min(found) / rows * 1e9:,.2f} ns per row)"
        )
    ratio_min = min(times["sql"]) / min(times["read-back"])
    ratio_median = statistics.median(times["sql"]) / statistics.median(times["read-back"])
    print(f"  sql / read-back: min {ratio_min:.2f}  median {ratio_median:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=250)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="10^5 and 10^6 rows")
    args = parser.parse_args()
    for counties in (1_000, 10_000) if args.full else (args.counties,):
        measure(counties, args.rounds)


if __name__ == "__main__":
    main()
