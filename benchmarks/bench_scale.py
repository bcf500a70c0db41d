"""Checks over millions of ledger rows: govplan on DuckDB (and Spark) against hand-written SQL.

One run generates (in a temporary directory, never in the repository) the
plan of :mod:`scale_data` and its ledgers, then prints, measured side by side:

* govplan on DuckDB (``evaluate_ledgers(..., engine="duckdb")`` + ``counts()``
  + ``passes``) against a hand-written DuckDB query with the same semantics
  for this plan (templates over every school, last row wins, no data for a
  school without a row, every comparator, gap and progress) on the same
  Parquet file: the ratio, and nanoseconds per row at each size;
* the peak resident memory of the govplan run at the largest size (a fresh
  process, ``ru_maxrss``);
* ``govplan check --engine duckdb --format json`` end to end on the CSV ledger
  (every check counted; the first 1000 verdicts written with their sentences,
  the command's default ``--limit``) against DuckDB reading the same CSV and
  running the hand-written query;
* the cost of finding the ledger rows no check uses (their count and the
  first 1000, as ``govplan check`` does) against the main run, with every row
  used and with one indicator's targets removed (a thirtieth of the rows unused);
* Spark local at the smaller size: session start and cost per row (``--spark``).

Garbage collector on, interleaved rounds, min and median.  Quick by default
(10^5 and 3·10^5 rows, under a minute); ``--full`` runs 10^6 and 10^7.
Run: ``python benchmarks/bench_scale.py [--full] [--spark] [--rounds N]``
(needs ``pip install -e '.[duckdb,spark]'``).
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_data

import govplan as g

HAND_WRITTEN = """
WITH v AS (
  SELECT 指标 AS ind, 填报单位 AS scope, 期间 AS period, {value} AS value, {order} AS ord
  FROM {source}
),
last AS (SELECT ind, scope, period, arg_max(value, ord) AS value, COUNT(*) AS n
         FROM v GROUP BY ind, scope, period),
slices AS (SELECT t.*, s.id AS scope FROM targets AS t CROSS JOIN schools AS s),
judged AS (
  SELECT s.id, s.scope, s.comparator, s.binding, l.value, s.t, s.u,
    CASE WHEN l.value IS NULL THEN NULL
      WHEN s.comparator = 'at_least' THEN l.value >= s.t
      WHEN s.comparator = 'at_most' THEN l.value <= s.t
      WHEN s.comparator = 'more_than' THEN l.value > s.t
      WHEN s.comparator = 'less_than' THEN l.value < s.t
      ELSE l.value BETWEEN s.t AND s.u END AS ok
  FROM slices AS s LEFT JOIN last AS l
    ON l.ind = s.ind AND l.scope = s.scope AND l.period = s.period
)
SELECT id, scope,
  CASE WHEN ok IS NULL THEN 'no_data' WHEN ok THEN 'met' ELSE 'missed' END AS status,
  CASE WHEN ok IS NULL THEN 'warning' WHEN ok THEN 'info' WHEN binding THEN 'failure'
    ELSE 'shortfall' END AS severity,
  value - t AS gap,
  CASE WHEN comparator IN ('at_least', 'more_than') AND value >= 0
    THEN ROUND(value / t, 4) END AS progress
FROM judged
"""


def _hand_tables(con: Any, plan: g.Plan) -> None:
    """The plan's targets and the schools, as the hand-written query needs them."""
    import pyarrow as pa

    targets = [t for s in plan.sections for goal in s.goals for t in goal.targets]
    con.register(
        "targets",
        pa.table(
            {
                "id": [t.id for t in targets],
                "ind": [t.indicator_id for t in targets],
                "period": [str(t.period) for t in targets],
                "comparator": [t.comparator.value for t in targets],
                "t": pa.array(
                    [t.value.value if t.value else 0 for t in targets], pa.decimal128(18, 6)
                ),
                "u": pa.array(
                    [t.upper.value if t.upper else None for t in targets], pa.decimal128(18, 6)
                ),
                "binding": [t.is_binding for t in targets],
            }
        ),
    )
    schools = [o.id for o in plan.organisations if o.parent_id == "bureau"]
    con.register("schools", pa.table({"id": schools}))


def hand_written(plan: g.Plan, path: Path) -> dict[str, int]:
    """The hand-written query on *path*; rows per status."""
    import duckdb

    con = duckdb.connect()
    _hand_tables(con, plan)
    if path.suffix == ".parquet":
        source = f"read_parquet('{path}', file_row_number = true)"
        value, order = "数值", "file_row_number"
    else:
        source = f"read_csv('{path}', all_varchar = true)"
        value = "TRY_CAST(REPLACE(数值, ',', '') AS DECIMAL(18, 6))"
        order = "1"
    query = HAND_WRITTEN.format(source=source, value=value, order=order)
    con.execute(f"CREATE TABLE result AS {query}")
    found = con.execute("SELECT status, COUNT(*) FROM result GROUP BY status").fetchall()
    return {str(status): int(n) for status, n in found}


def govplan_duckdb(plan: g.Plan, path: Path) -> dict[str, int]:
    """govplan on DuckDB: evaluate, counts and passes; rows per status."""
    evaluation = g.evaluate_ledgers(plan, [path], engine="duckdb")
    counts = evaluation.counts()
    _ = evaluation.passes
    return {status.value: n for status, n in counts.items() if n}


def _without_targets_on(plan: g.Plan, indicator: str) -> g.Plan:
    """*plan* without its targets on *indicator*: that indicator's rows match nothing."""
    import attrs

    sections = tuple(
        attrs.evolve(
            section,
            goals=tuple(
                attrs.evolve(
                    goal, targets=tuple(t for t in goal.targets if t.indicator_id != indicator)
                )
                for goal in section.goals
            ),
        )
        for section in plan.sections
    )
    return attrs.evolve(plan, sections=sections)


def unmatched_cost(plan: g.Plan, path: Path, rounds: int) -> tuple[float, float, int, float, float]:
    """The main run (evaluate, counts, passes) and, on its evaluation, the unused rows found.

    The unused rows are found as ``govplan check`` finds them: the first 1000
    of them with their file rows, their count, and whether any row is used.
    Returns the minimum times (main, unused rows) over interleaved rounds, the
    number of unused rows, and the minimum and median times of naming the exact
    repeats as ``govplan check`` does (the first 1000, and their count).
    """
    main_times, extra_times, repeat_times = [], [], []
    total = 0
    for _ in range(rounds):
        started = time.perf_counter()
        evaluation = g.evaluate_ledgers(plan, [path], engine="duckdb")
        evaluation.counts()
        _ = evaluation.passes
        main_times.append(time.perf_counter() - started)
        assert not isinstance(evaluation, g.Evaluation)
        started = time.perf_counter()
        evaluation.first_unmatched(1000)
        total = evaluation.unmatched_count()
        evaluation.uses_no_result()
        extra_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        evaluation.repeat_warnings(1000)
        evaluation.repeat_count()
        repeat_times.append(time.perf_counter() - started)
    return (
        min(main_times),
        min(extra_times),
        total,
        min(repeat_times),
        statistics.median(repeat_times),
    )


def _print_unmatched_cost(plan: g.Plan, path: Path, rows: int, rounds: int) -> None:
    for label, checked in (
        ("every row used", plan),
        ("one indicator without targets", _without_targets_on(plan, "i0")),
    ):
        main_time, extra, unused, repeats, median = unmatched_cost(checked, path, rounds)
        print(
            f"  unused rows ({label}: {unused:,} of {rows:,}): main run min {main_time:.2f} s,"
            f" finding the unused rows min {extra:.2f} s = {extra / main_time:.2%} of it;"
            f" naming the exact repeats min {repeats:.2f} s, median {median:.2f} s"
        )


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _rounds(label: str, runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():  # interleaved
            times[name].append(_timed(run))
    result = {}
    for name, found in times.items():
        result[name] = min(found)
        median = statistics.median(found)
        print(f"  {label} {name:<14} min {min(found):8.2f} s  median {median:8.2f} s")
    return result


def _child_peak(plan_path: Path, parquet: Path) -> float:
    """Peak resident memory (MB) of a fresh process running govplan on DuckDB."""
    code = (
        "import govplan as g\n"
        f"plan = g.load({str(plan_path)!r})\n"
        f"e = g.evaluate_ledgers(plan, [{str(parquet)!r}], engine='duckdb', memory_limit='1GB')\n"
        "e.counts(); e.passes\n"
        # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak over.
        "print(next(line.split()[1] for line in open('/proc/self/status')"
        " if line.startswith('VmHWM')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _cli(plan_path: Path, csv_path: Path) -> float:
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "govplan",
                "check",
                str(plan_path),
                "--results",
                str(csv_path),
                "--engine",
                "duckdb",
                "--format",
                "json",
            ],
            stdout=sink,
            check=False,
        )
    return time.perf_counter() - started


def _cli_baseline(plan_path: Path, csv_path: Path) -> float:
    here = str(Path(__file__).resolve().parent)
    code = (
        f"import sys; sys.path.insert(0, {here!r})\n"
        "import bench_scale, govplan as g\n"
        f"print(bench_scale.hand_written(g.load({str(plan_path)!r}),"
        f" __import__('pathlib').Path({str(csv_path)!r})))\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    return time.perf_counter() - started


def _spark(plan: g.Plan, parquet: Path, rows: int, rounds: int) -> None:
    from govplan.engine.executors.spark import spark_session

    started = time.perf_counter()
    spark = spark_session(master="local[2]")
    start_up = time.perf_counter() - started
    print(f"  spark session start {start_up:8.2f} s")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        evaluation = g.evaluate_ledgers(plan, [parquet], engine="spark", spark=spark)
        evaluation.counts()
        _ = evaluation.passes
        times.append(time.perf_counter() - started)
    print(
        f"  spark local[2] {rows:>9,} rows: min {min(times):.2f} s,"
        f" median {statistics.median(times):.2f} s, {min(times) / rows * 1e9:.2f} ns per row"
    )
    spark.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="10^6 and 10^7 rows")
    parser.add_argument("--spark", action="store_true", help="also time Spark local")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", help="where to write the generated data (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes = (1_000_000, 10_000_000) if args.full else (100_000, 300_000)
    directory = Path(args.dir or tempfile.mkdtemp(prefix="govplan-scale-"))
    print(f"data in {directory}; gc on; {args.rounds} interleaved rounds")
    per_row: dict[int, float] = {}
    written = {}
    for rows in sizes:
        plan_path, csv_path, parquet = scale_data.write(directory, rows)
        written[rows] = (plan_path, csv_path, parquet)
        plan = g.load(plan_path)
        assert isinstance(plan, g.Plan)
        ours, theirs = govplan_duckdb(plan, parquet), hand_written(plan, parquet)
        assert ours == theirs, (ours, theirs)
        actual = scale_data.schools_for(rows) * scale_data.INDICATORS * scale_data.MONTHS
        print(f"{actual:,} rows (Parquet); counts agree: {ours}")
        best = _rounds(
            f"{actual:>10,}",
            {
                "hand-written": functools.partial(hand_written, plan, parquet),
                "govplan duckdb": functools.partial(govplan_duckdb, plan, parquet),
            },
            args.rounds,
        )
        per_row[actual] = best["govplan duckdb"] / actual * 1e9
        print(
            f"  govplan / hand-written: {best['govplan duckdb'] / best['hand-written']:.2f}x;"
            f" govplan {per_row[actual]:.2f} ns per row,"
            f" hand-written {best['hand-written'] / actual * 1e9:.2f} ns per row"
        )
        _print_unmatched_cost(plan, parquet, actual, args.rounds)
    small, large = sorted(per_row)
    print(f"cost per row grows {per_row[large] / per_row[small]:.2f}x from {small:,} to {large:,}")
    plan_path, csv_path, parquet = written[sizes[-1]]
    print(f"peak resident memory at {large:,} rows: {_child_peak(plan_path, parquet):.2f} MB")
    plan_path, csv_path, parquet = written[sizes[0]]
    cli = [_cli(plan_path, csv_path) for _ in range(args.rounds)]
    base = [_cli_baseline(plan_path, csv_path) for _ in range(args.rounds)]
    print(
        f"govplan check --engine duckdb (--limit 1000) on the {small:,}-row CSV:"
        f" min {min(cli):.2f} s,"
        f" median {statistics.median(cli):.2f} s; DuckDB + hand-written query: min"
        f" {min(base):.2f} s; ratio {min(cli) / min(base):.2f}x"
    )
    if args.spark:
        plan = g.load(plan_path)
        assert isinstance(plan, g.Plan)
        _spark(plan, parquet, small, max(1, args.rounds - 1))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(own peak resident memory {own:.2f} MB)")


if __name__ == "__main__":
    main()
