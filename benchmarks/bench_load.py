"""Load speed: ``govplan.loads`` of a 10,000-target plan against plain ``json.loads``.

Both are timed in the same run on the same text, in interleaved rounds with the
garbage collector on; the script prints the minimum and median of the
per-round ratios (absolute times on shared machines are noise).  ``--clock
process`` times with the CPU time of this process instead of the wall clock,
which other work on a loaded machine disturbs less.

A third contender is the floor any loader of these records stands on: parsing
the text with ``json.loads`` and then calling the model's constructors with
values already typed (no hooks, no structuring, no limits, no references).
The garbage collector's share of each contender is printed beside it, because
its full collections, which fall in one round and not the next, move these
ratios more than any step of the load.  Then the script splits the CPU time
of one load into its steps (parsing with the duplicate-key and number hooks,
the limits walk, structuring, references), and measures the import cost of
govplan against importing its runtime dependencies alone.

Run: ``python benchmarks/bench_load.py [--rounds 5] [--clock wall|process]``
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import attrs

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


def _given(record: Any, *leave: str) -> dict[str, Any]:
    """The fields of *record* a file would give: those not at their default, less *leave*."""
    return {
        field.name: getattr(record, field.name)
        for field in attrs.fields(type(record))
        if field.name not in leave and getattr(record, field.name) != field.default
    }


def construction_floor(plan: g.Plan, text: str) -> Callable[[], g.Plan]:
    """Parse *text* with ``json.loads``, then build *plan*'s records from typed values.

    This is what any loader of these validated, frozen records spends at
    least: the parse, and one constructor call per record with its values
    already converted (the quantities and periods are shared, as the load
    shares them).
    """
    goals = plan.sections[0].goals
    deadlines = [_given(goal.measures[0].deadline) for goal in goals]
    targets = [_given(goal.targets[0]) for goal in goals]
    measures = [_given(goal.measures[0], "deadline") for goal in goals]
    goal_fields = [_given(goal, "targets", "measures") for goal in goals]
    indicators = [_given(indicator) for indicator in plan.indicators]
    section = _given(plan.sections[0], "goals")
    top = _given(plan, "sections", "indicators")

    def build() -> g.Plan:
        json.loads(text)
        built_deadlines = [g.Deadline(**fields) for fields in deadlines]
        built_targets = [g.Target(**fields) for fields in targets]
        built_measures = [
            g.Measure(**fields, deadline=deadline)
            for fields, deadline in zip(measures, built_deadlines, strict=True)
        ]
        built_goals = tuple(
            g.Goal(**fields, targets=(target,), measures=(measure,))
            for fields, target, measure in zip(
                goal_fields, built_targets, built_measures, strict=True
            )
        )
        return g.Plan(
            **top,
            indicators=tuple(g.Indicator(**fields) for fields in indicators),
            sections=(g.Section(**section, goals=built_goals),),
        )

    if build() != plan:
        raise AssertionError("the floor does not rebuild the benchmark's plan")
    return build


class CollectorTime:
    """Seconds the garbage collector runs, summed while :attr:`on` (a ``gc.callbacks`` hook)."""

    def __init__(self) -> None:
        self.on = False
        self.seconds = 0.0
        self._start = 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, _info: dict[str, int]) -> None:
        if not self.on:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def rounds(
    contenders: dict[str, Callable[[], object]],
    count: int,
    clock: Callable[[], float] = time.perf_counter,
    collector: CollectorTime | None = None,
    collected: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Interleaved rounds, garbage collector on: seconds per round for each contender.

    With *collector*, the collector's seconds in each round go to *collected*.
    """
    found: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(count):
        for name, action in contenders.items():
            if collector is not None:
                collector.seconds, collector.on = 0.0, True
            start = clock()
            action()
            found[name].append(clock() - start)
            if collector is not None and collected is not None:
                collector.on = False
                collected.setdefault(name, []).append(collector.seconds)
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


def contest(
    contenders: dict[str, Callable[[], object]],
    count: int,
    clock: Callable[[], float],
    collector: CollectorTime,
) -> dict[str, list[float]]:
    """:func:`rounds`, printing each contender's min and median and its collector's share."""
    collected: dict[str, list[float]] = {}
    times = rounds(contenders, count, clock, collector, collected)
    for name, values in times.items():
        print(f"  {name:<14} min {min(values) * 1e3:8.2f} ms  median "
              f"{statistics.median(values) * 1e3:8.2f} ms  (garbage collector: median "
              f"{statistics.median(collected[name]) * 1e3:7.2f} ms)")  # fmt: skip
    return times


def import_seconds(statement: str) -> float:
    """Wall time of a fresh interpreter running *statement*."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def ratio_line(label: str, ours: list[float], base: list[float], aim: str) -> str:
    """Min and median of the per-round ratios *ours* / *base*, and of their best rounds.

    A full collection of the garbage collector falls in one contender's round
    or the next one's; the ratio of the two best rounds, each with the least
    of it, is printed beside the per-round ratios for that reason.
    """
    ratios = [o / b for o, b in zip(ours, base, strict=True)]
    return (
        f"{label}: min {min(ratios):.2f}x  median {statistics.median(ratios):.2f}x"
        f"  best/best {min(ours) / min(base):.2f}x  (aim: {aim})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--goals", type=int, default=GOALS, help="targets in the plan")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    text = g.dumps(build_plan(args.goals), "json")
    print(
        f"document: {args.goals:,} targets, {len(text) / 1e6:.2f} MB of JSON, {args.rounds} rounds"
        f", {args.clock} clock"
    )
    collector = CollectorTime()
    times = contest(
        {"json.loads": lambda: json.loads(text), "govplan.loads": lambda: g.loads(text, "json")},
        args.rounds,
        CLOCKS[args.clock],
        collector,
    )
    print(ratio_line("govplan.loads / json.loads", times["govplan.loads"], times["json.loads"],
                     "<= 5x"))  # fmt: skip
    # Measured apart, after the load's rounds: the floor's typed values would
    # otherwise enlarge the heap every full collection of those rounds walks
    # (they enlarge it for json.loads in these rounds, so the floor is set
    # against json.loads's best round above).
    floor = construction_floor(build_plan(args.goals), text)
    floor_times = contest({"floor": floor}, args.rounds, CLOCKS[args.clock], collector)["floor"]
    best = min(times["json.loads"])
    print(f"floor (json.loads, then constructors) / json.loads, best rounds: "
          f"{min(floor_times) / best:.2f}x; govplan.loads / floor, best rounds: "
          f"{min(times['govplan.loads']) / min(floor_times):.2f}x")  # fmt: skip
    del floor
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
