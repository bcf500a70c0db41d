"""Load speed: ``govplan.loads`` of a 10,000-goal plan against plain ``json.loads``.

Both are timed in the same run on the same text, so the ratio is what counts
(absolute times on shared machines are noise).  Also measures the import cost
of govplan against importing its runtime dependencies alone.

Run: ``python benchmarks/bench_load.py``
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import govplan as g

GOALS = 10_000


def build_plan(goals: int = GOALS) -> g.Plan:
    """A plan with *goals* goals, each with one target and one measure."""
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


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """The fastest of *repeat* timings of *action*, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def import_cost(statement: str, repeat: int = 5) -> float:
    """Median wall time of a fresh interpreter running *statement*, minus a bare one."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(repeat))
    return statistics.median(run(statement) for _ in range(repeat)) - bare


def main() -> None:
    text = g.dumps(build_plan(), "json")
    plain = best_of(5, lambda: json.loads(text))
    ours = best_of(5, lambda: g.loads(text, "json"))
    print(f"document: {GOALS} goals, {len(text) / 1e6:.1f} MB of JSON")
    print(f"json.loads     {plain * 1e3:8.1f} ms")
    print(f"govplan.loads  {ours * 1e3:8.1f} ms")
    print(f"ratio govplan.loads / json.loads: {ours / plain:.1f}x (aim: at most 8x)")

    deps = import_cost("import attrs, cattrs, pendulum")
    full = import_cost("import govplan")
    print(f"import attrs+cattrs+pendulum {deps * 1e3:6.1f} ms")
    print(f"import govplan               {full * 1e3:6.1f} ms")
    print(f"ratio import govplan / deps: {full / deps:.2f}x (aim: under 2x)")


if __name__ == "__main__":
    main()
