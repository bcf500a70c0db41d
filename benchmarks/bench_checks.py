"""Checks per second and memory: govplan against a bare loop and the rule-engine package.

Measured in one run, with the garbage collector on (as users run it), in
interleaved rounds (each round runs every contender once); the script prints
the minimum and the median of the per-round ratios to the bare loop.

* exact level checks: three template targets (at least / at most / range,
  one per indicator, applied to every scope) against one exact observation
  per scope — ``evaluate`` + ``counts()`` + ``passes``, with the results
  given as value columns (:meth:`govplan.ValueColumns.of`) and as
  :class:`govplan.Observation` objects; then building every verdict as well;
  rendering every explanation is timed on its own;
* the general path: interval observations (300多), a change in percentage
  points against a 2010 baseline, growth in % against it;
* the ``rule-engine`` package on the same exact comparisons, on the first
  200,000 rows (all of them below that): rule-engine takes microseconds a
  check, so the sample keeps the run short, yet each govplan round lasts long
  enough (about 0.1 s at full size) that a pause of the machine does not decide
  the ratio — with 20,000 rows a round took about 10 ms and the minimum ratio
  swung with the load;
* memory held by an evaluation before any verdict is built (tracemalloc).

Run: ``python benchmarks/bench_checks.py`` (about a minute, 100,000 checks),
``python benchmarks/bench_checks.py --full`` for 10^6 checks (``--size N`` for any size)
(``pip install -e '.[benchmark]'`` first for rule-engine).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal

import govplan as g

COMPARATORS = ("at_least", "at_most", "between")
RULE_ENGINE_ROWS = 200_000
"""Rows compared with rule-engine (at most; see the module docstring)."""
YEAR, BASE = g.Period.year(2011), g.Period.year(2010)


def _plan(targets: tuple[g.Target, ...], indicators: tuple[g.Indicator, ...]) -> g.Plan:
    goal = g.Goal(id="g", title="任务", targets=targets)
    return g.Plan(
        id="bench",
        title="基准",
        period=YEAR,
        indicators=indicators,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def exact_case(n: int) -> tuple[g.Plan, list[g.Observation], list[tuple[str, Decimal]]]:
    """Three template targets and *n* exact observations spread over them."""
    ninety, ninety_five = g.Quantity.of(90, g.PERCENT), g.Quantity.of(95, g.PERCENT)
    targets = tuple(
        g.Target(
            id=f"t-{name}",
            indicator_id=f"i-{name}",
            comparator=name,
            value=ninety,
            upper=ninety_five if name == "between" else None,
            period=YEAR,
            for_each="scope",
        )
        for name in COMPARATORS
    )
    indicators = tuple(
        g.Indicator(id=f"i-{name}", name=f"指标{name}", unit=g.PERCENT) for name in COMPARATORS
    )
    rows = [(COMPARATORS[k % 3], Decimal(8000 + (k * 7919) % 2000) / 100) for k in range(n)]
    observations = [
        g.Observation(
            indicator_id=f"i-{name}",
            value=g.Quantity.of(value, g.PERCENT),
            period=YEAR,
            scope=f"unit{k}",
        )
        for k, (name, value) in enumerate(rows)
    ]
    return _plan(targets, indicators), observations, rows


def as_columns(observations: list[g.Observation]) -> g.ValueColumns:
    """The same results as value columns (what a ledger reader or a query hands over)."""
    return g.ValueColumns.of(
        indicator_id=[o.indicator_id for o in observations],
        period=[o.period for o in observations],
        value=[o.value.value if o.value else None for o in observations],
        unit=g.PERCENT,
        scope=[o.scope for o in observations],
    )


def bare_loop(rows: list[tuple[str, Decimal]]) -> list[bool]:
    """The same comparisons with nothing around them."""
    low, high = Decimal(90), Decimal(95)
    out = []
    for name, value in rows:
        if name == "at_least":
            out.append(value >= low)
        elif name == "at_most":
            out.append(value <= low)
        else:
            out.append(low <= value <= high)
    return out


def general_case(n: int) -> tuple[g.Plan, list[g.Observation], list[tuple[str, Decimal, Decimal]]]:
    """Intervals, change in pp and growth in % against 2010, about *n* checks."""
    pct = g.PERCENT
    targets = (
        g.Target(id="t-approx", indicator_id="i-approx", comparator="at_least",
                 value=g.Quantity.of(300, g.parse_unit("人")), period=YEAR, for_each="scope"),
        g.Target(id="t-change", indicator_id="i-rate", comparator="at_least", basis="change",
                 baseline=BASE, value=g.Quantity.of(2, g.PERCENTAGE_POINT), period=YEAR,
                 for_each="scope"),
        g.Target(id="t-growth", indicator_id="i-money", comparator="at_least", basis="growth",
                 baseline=BASE, value=g.Quantity.of(8, pct), period=YEAR, for_each="scope"),
    )  # fmt: skip
    person, money = g.parse_unit("人"), g.parse_unit("万元")
    indicators = (
        g.Indicator(id="i-approx", name="参训人数", unit=person),
        g.Indicator(id="i-rate", name="入学率", unit=pct),
        g.Indicator(id="i-money", name="投入", unit=money),
    )
    observations: list[g.Observation] = []
    rows: list[tuple[str, Decimal, Decimal]] = []
    for k in range(n):
        kind, scope = k % 3, f"unit{k}"
        if kind == 0:
            low = Decimal(250 + k % 100)
            observations.append(g.Observation(
                indicator_id="i-approx", period=YEAR, scope=scope,
                value=g.Quantity(low=low, high=low + 100, unit=person, low_open=True,
                                 high_open=True)))  # fmt: skip
            rows.append(("approx", low, low + 100))
        else:
            indicator, unit = ("i-rate", pct) if kind == 1 else ("i-money", money)
            before = Decimal(80 + k % 10)
            now = before + Decimal(k % 7) - 2
            for period, value in ((BASE, before), (YEAR, now)):
                observations.append(g.Observation(
                    indicator_id=indicator, period=period, scope=scope,
                    value=g.Quantity.of(value, unit)))  # fmt: skip
            rows.append(("change" if kind == 1 else "growth", before, now))
    return _plan(targets, indicators), observations, rows


def bare_general(rows: list[tuple[str, Decimal, Decimal]]) -> list[int]:
    """The same three-valued comparisons, computed directly."""
    out = []
    three, two, eight = Decimal(300), Decimal(2), Decimal(8)
    for kind, first, second in rows:
        if kind == "approx":
            out.append(1 if first >= three else 0 if second <= three else 2)
        elif kind == "change":
            out.append(1 if second - first >= two else 0)
        else:
            out.append(1 if (second / first - 1) * 100 >= eight else 0)
    return out


def with_rule_engine(rows: list[tuple[str, Decimal]]) -> list[bool]:
    """The same exact comparisons as rule-engine rules."""
    import rule_engine

    rules = {
        "at_least": rule_engine.Rule("value >= 90"),
        "at_most": rule_engine.Rule("value <= 90"),
        "between": rule_engine.Rule("value >= 90 and value <= 95"),
    }
    return [rules[name].matches({"value": value}) for name, value in rows]


def seconds(action: Callable[[], object]) -> float:
    """Wall time of *action*, the garbage collector on."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rounds(contenders: dict[str, Callable[[], object]], count: int) -> dict[str, list[float]]:
    """Interleaved rounds: every contender once per round; seconds per round."""
    found: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(count):
        for name, action in contenders.items():
            gc.collect()
            found[name].append(seconds(action))
    return found


def report(
    title: str, times: dict[str, list[float]], base: str, n: int, aims: dict[str, str]
) -> None:
    """Per contender: ns per check (min) and the ratio to *base* per round (min, median)."""
    print(f"\n{title} ({n:,} checks, {len(times[base])} rounds, gc on)")
    for name, values in times.items():
        ratios = [v / b for v, b in zip(values, times[base], strict=True)]
        aim = f"  aim: {aims[name]}" if name in aims else ""
        print(
            f"  {name:<44} {min(values) / n * 1e9:10.2f} ns/check"
            f"  ratio min {min(ratios):7.2f}  median {statistics.median(ratios):7.2f}{aim}"
        )


def check_same_answers(evaluation: g.Evaluation, rows: list[tuple[str, Decimal]]) -> None:
    """govplan's statuses agree with the bare loop's answers."""
    answers = bare_loop(rows)
    met = {v.scope: v.status is g.Status.MET for v in evaluation}
    assert [met[f"unit{k}"] for k in range(len(rows))] == answers, "govplan disagrees"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="10^6 checks (default 10^5)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, help="checks (overrides --full; for a quick run)")
    args = parser.parse_args()
    n = args.size or (1_000_000 if args.full else 100_000)
    plan, observations, rows = exact_case(n)
    columns = as_columns(observations)
    check_same_answers(g.evaluate(plan, columns), rows)

    def checked(values: object) -> Callable[[], object]:
        def run() -> object:
            evaluation = g.evaluate(plan, values)  # type: ignore[call-overload]
            return evaluation.counts(), evaluation.passes

        return run

    def with_verdicts() -> object:
        return list(g.evaluate(plan, columns))

    times = rounds(
        {
            "bare loop": lambda: bare_loop(rows),
            "evaluate+counts+passes (value columns)": checked(columns),
            "evaluate+counts+passes (Observation objects)": checked(observations),
            "evaluate + every Verdict built (columns)": with_verdicts,
        },
        args.rounds,
    )
    report(
        "Exact level checks against template targets",
        times,
        "bare loop",
        n,
        {
            "evaluate+counts+passes (value columns)": "<= 10x (5x)",
            "evaluate + every Verdict built (columns)": "<= 30x",
        },
    )

    verdicts = list(g.evaluate(plan, columns))
    sample = verdicts[: max(1, n // 10)]
    text = rounds(
        {
            "bare loop": lambda: bare_loop(rows[: len(sample)]),
            "explain zh+en, every verdict": lambda: [
                (v.explain("zh"), v.explain("en")) for v in sample
            ],
        },
        args.rounds,
    )
    report("Rendering explanations (separately)", text, "bare loop", len(sample), {})
    del verdicts

    general_plan, general_observations, general_rows = general_case(n)
    general = rounds(
        {
            "bare loop": lambda: bare_general(general_rows),
            "evaluate+counts+passes (general path)": lambda: (
                (e := g.evaluate(general_plan, general_observations)).counts(),
                e.passes,
            ),
        },
        args.rounds,
    )
    report(
        "General path: intervals, change in pp, growth in %",
        general,
        "bare loop",
        len(general_rows),
        {"evaluate+counts+passes (general path)": "<= 40x"},
    )

    sampled = rows[: min(n, RULE_ENGINE_ROWS)]
    # The same input as above: results given as value columns (built once, as a
    # ledger reader hands them over), against rule-engine on the same rows.
    sampled_columns = as_columns(observations[: len(sampled)])
    try:
        import rule_engine  # noqa: F401

        engine = rounds(
            {
                "evaluate+counts+passes (value columns)": checked(sampled_columns),
                "rule-engine": lambda: with_rule_engine(sampled),
            },
            args.rounds,
        )
        ratios = [
            r / o
            for r, o in zip(
                engine["rule-engine"], engine["evaluate+counts+passes (value columns)"], strict=True
            )
        ]
        print(
            f"\nrule-engine on the same exact comparisons ({len(sampled):,} sampled): "
            f"rule-engine / govplan  min {min(ratios):.2f}  median {statistics.median(ratios):.2f}"
            "  (aim: >= 5x)"
        )
    except ImportError:
        print("\nrule-engine is not installed: pip install -e '.[benchmark]'")

    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    held = g.evaluate(plan, columns)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\nmemory held by an Evaluation of {len(held):,} checks (no verdict built): "
        f"{(after - before) / len(held):.2f} bytes per check (aim: <= 200); "
        f"peak while evaluating {(peak - before) / len(held):.2f} bytes per check"
    )


if __name__ == "__main__":
    main()
