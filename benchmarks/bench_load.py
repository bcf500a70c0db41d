"""Load speed: ``govplan.loads`` of a 10,000-target plan against plain ``json.loads``.

Both are timed in the same run on the same text, in interleaved rounds with the
garbage collector on; the script prints the minimum and median of the
per-round ratios (absolute times on shared machines are noise).  ``--clock
process`` times with the CPU time of this process instead of the wall clock,
which other work on a loaded machine disturbs less.  Then it splits the CPU
time of one load into its steps (parsing with the duplicate-key and number
hooks, the limits walk, structuring, references), and measures the import cost
of govplan against importing its runtime dependencies alone.

Run: ``python benchmarks/bench_load.py [--rounds 5] [--clock wall|process]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import govplan as g
from govplan.io.converter import structure_model
from govplan.io.parsing import _parse_json, check_data
from govplan.model.references import check_references

GOALS = 10_000
CLOCKS = {"wall": time.perf_counter, "process": time.process_time}


def build_plan(goals: int = GOALS) -> g.Plan:
    """A plan with *goals* goals, each with one target and one measure (10,000 targets)."""
    indicators = tuple(g.Indicator(id=f"i{n}", name=f"指标{n}", unit=g.PERCENT) for n in range(100))
    year = g.Period.year(2011)
    goal_list = tuple(
        g.Goal(
            id=f"g{n}",
            title=f"任务{n}",
            targets=(
                g.Target(
                    id=f"t{n}",
                    indicator_id=f"i{n % 100}",
                    comparator=g.Comparator.AT_LEAST,
                    value=g.Quantity.of(str(90 + n % 10), g.PERCENT),
                    period=year,
                    commitment=g.Commitment.ENSURE if n % 2 else g.Commitment.STRIVE,
                ),
            ),
            measures=(
                g.Measure(
                    id=f"m{n}", action=f"措施{n}", deadline=g.parse_deadline("11月底", year=2011)
                ),
            ),
        )
        for n in range(goals)
    )
    return g.Plan(
        id="bench",
        title="基准计划",
        period=year,
        indicators=indicators,
        sections=(g.Section(id="s", title="全部", goals=goal_list),),
    )


def rounds(
    contenders: dict[str, Callable[[], object]],
    count: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """Interleaved rounds, garbage collector on: seconds per round for each contender."""
    found: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(count):
        for name, action in contenders.items():
            start = clock()
            action()
            found[name].append(clock() - start)
    return found


def steps(text: str, count: int) -> dict[str, float]:
    """The least CPU seconds of each step of ``govplan.loads`` over *count* rounds."""
    limits = g.Limits()
    data = _parse_json(text, limits)
    fields = {key: value for key, value in data.items() if key != "document"}
    plan = structure_model(fields, g.Plan)
    found = rounds(
        {
            "parse (hooks)": lambda: _parse_json(text, limits),
            "limits walk": lambda: check_data(data, limits, size=len(text), tree=True),
            "structure": lambda: structure_model(fields, g.Plan),
            "references": lambda: check_references(plan),
        },
        count,
        time.process_time,
    )
    return {name: min(values) for name, values in found.items()}


def import_seconds(statement: str) -> float:
    """Wall time of a fresh interpreter running *statement*."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def ratio_line(label: str, ours: list[float], base: list[float], aim: str) -> str:
    """Min and median of the per-round ratios *ours* / *base*."""
    ratios = [o / b for o, b in zip(ours, base, strict=True)]
    return f"{label}: min {min(ratios):.2f}x  median {statistics.median(ratios):.2f}x  (aim: {aim})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--goals", type=int, default=GOALS, help="targets in the plan")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    text = g.dumps(build_plan(args.goals), "json")
    times = rounds(
        {"json.loads": lambda: json.loads(text), "govplan.loads": lambda: g.loads(text, "json")},
        args.rounds,
        CLOCKS[args.clock],
    )
    print(
        f"document: {args.goals:,} targets, {len(text) / 1e6:.2f} MB of JSON, {args.rounds} rounds"
        f", {args.clock} clock"
    )
    for name, values in times.items():
        print(f"  {name:<14} min {min(values) * 1e3:8.2f} ms  median "
              f"{statistics.median(values) * 1e3:8.2f} ms")  # fmt: skip
    print(ratio_line("govplan.loads / json.loads", times["govplan.loads"], times["json.loads"],
                     "<= 5x"))  # fmt: skip
    split = steps(text, args.rounds)
    print("  CPU per step of govplan.loads (least of the rounds):")
    for name, seconds in split.items():
        print(f"    {name:<14} {seconds * 1e3:8.2f} ms")

    bare = rounds({"python": lambda: import_seconds("pass")}, args.rounds)["python"]
    imports = rounds(
        {
            "deps": lambda: import_seconds("import attrs, cattrs, pendulum"),
            "govplan": lambda: import_seconds("import govplan"),
        },
        args.rounds,
    )
    base = statistics.median(bare)
    deps = [t - base for t in imports["deps"]]
    ours = [t - base for t in imports["govplan"]]
    print(f"  import attrs+cattrs+pendulum  median {statistics.median(deps) * 1e3:8.2f} ms")
    print(f"  import govplan                median {statistics.median(ours) * 1e3:8.2f} ms")
    print(ratio_line("import govplan / import attrs, cattrs, pendulum", ours, deps, "<= 1.5x"))


if __name__ == "__main__":
    main()
