"""Target checks per second: govplan against a bare loop and the rule-engine package.

One run measures, on the same machine and the same data:

* govplan: ``evaluate`` of three template targets (at least / at most / range,
  one per indicator, applied to every scope) against one exact observation per
  scope — N checks, verdicts with their bilingual explanations included;
* a bare Python loop doing the same Decimal comparisons and nothing else;
* the ``rule-engine`` package evaluating the same comparisons (on a sample,
  as it is much slower; reported per check).

It prints nanoseconds per check and the two ratios, then the peak memory of
holding the N verdicts.  Run: ``python benchmarks/bench_checks.py [N]``
(``pip install -e '.[benchmark]'`` first).
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal

import govplan as g

COMPARATORS = ("at_least", "at_most", "between")


def build(n: int) -> tuple[g.Plan, list[g.Observation], list[tuple[str, Decimal]]]:
    """A plan of three template targets and *n* observations spread over them."""
    year = g.Period.year(2011)
    ninety, ninety_five = g.Quantity.of(90, g.PERCENT), g.Quantity.of(95, g.PERCENT)
    targets = tuple(
        g.Target(
            id=f"t-{name}",
            indicator_id=f"i-{name}",
            comparator=g.Comparator(name),
            value=ninety,
            upper=ninety_five if name == "between" else None,
            period=year,
            for_each=g.ForEach.SCOPE,
        )
        for name in COMPARATORS
    )
    plan = g.Plan(
        id="bench",
        title="基准",
        period=year,
        indicators=tuple(
            g.Indicator(id=f"i-{name}", name=f"指标{name}", unit=g.PERCENT) for name in COMPARATORS
        ),
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=targets),)),
        ),
    )
    values = [Decimal(80 + (k * 7919) % 2000 / 100) for k in range(n)]
    rows = [(COMPARATORS[k % 3], values[k]) for k in range(n)]
    observations = [
        g.Observation(
            indicator_id=f"i-{name}",
            value=g.Quantity.of(value, g.PERCENT),
            period=year,
            scope=f"unit{k}",
        )
        for k, (name, value) in enumerate(rows)
    ]
    return plan, observations, rows


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


def equivalent_verdicts(observations: list[g.Observation]) -> list[g.Verdict]:
    """A hand-written loop building verdicts of the same content: the floor for this design."""
    low, high = Decimal(90), Decimal(95)
    point = g.PERCENTAGE_POINT
    out = []
    for observation in observations:
        assert observation.value is not None
        value = observation.value.value
        kind = observation.indicator_id[2:]
        ok = (
            value >= low
            if kind == "at_least"
            else value <= low
            if kind == "at_most"
            else low <= value <= high
        )
        gap = g.Quantity.of(value - low, point)
        text, gap_text = str(observation.value), str(gap)
        out.append(
            g.make_verdict(
                "targets",
                f"t-{kind}@{observation.scope}",
                g.Status.MET if ok else g.Status.MISSED,
                f"指标{kind}（{observation.scope}）：实际{text}，目标不低于90%，已达成，差距{gap_text}。",
                f"i-{kind} ({observation.scope}): observed {text} against target "
                f"at least 90%: met, gap {gap_text}.",
                severity=g.Severity.INFO if ok else g.Severity.FAILURE,
                indicator_id=observation.indicator_id,
                scope=observation.scope,
                observed=observation.value,
                expected="≥ 90%",
                gap=gap,
                goal_id="g",
                section_id="s",
                responsible=(observation.scope,) if observation.scope else (),
            )
        )
    return out


def with_rule_engine(rows: list[tuple[str, Decimal]]) -> list[bool]:
    """The same comparisons as rule-engine rules."""
    import rule_engine

    rules = {
        "at_least": rule_engine.Rule("value >= 90"),
        "at_most": rule_engine.Rule("value <= 90"),
        "between": rule_engine.Rule("value >= 90 and value <= 95"),
    }
    return [rules[name].matches({"value": value}) for name, value in rows]


def timed(action: Callable[[], object]) -> tuple[float, object]:
    """Seconds taken by *action* (garbage collection paused), and its result."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = action()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    plan, observations, rows = build(n)

    ours, evaluation = timed(lambda: g.evaluate(plan, observations))
    assert isinstance(evaluation, g.Evaluation)
    assert len(evaluation.verdicts) == n
    bare, answers = timed(lambda: bare_loop(rows))
    met = [v.status is g.Status.MET for v in evaluation.verdicts]
    # Verdicts come target by target; the loop's answers come row by row.
    by_row = {v.scope: v.status is g.Status.MET for v in evaluation.verdicts}
    assert [by_row[o.scope] for o in observations] == answers, "govplan disagrees with the loop"
    del met

    floor, _ = timed(lambda: equivalent_verdicts(observations))

    sample = rows[: min(n, 100_000)]
    try:
        engine, _ = timed(lambda: with_rule_engine(sample))
        engine_ns = engine / len(sample) * 1e9
    except ImportError:
        engine_ns = float("nan")

    ours_ns, bare_ns = ours / n * 1e9, bare / n * 1e9
    print(f"checks: {n:,} (at least / at most / range, exact values)")
    print(f"govplan.evaluate   {ours_ns:10.0f} ns per check (verdicts included)")
    print(f"bare Decimal loop  {bare_ns:10.0f} ns per check")
    print(f"same verdicts, hand-written loop {floor / n * 1e9:10.0f} ns per check (the floor)")
    print(f"rule-engine        {engine_ns:10.0f} ns per check ({len(sample):,} sampled)")
    print(f"ratio govplan / bare loop: {ours_ns / bare_ns:.1f}x (aim: at most 10x)")
    print(f"ratio rule-engine / govplan: {engine_ns / ours_ns:.1f}x (aim: at least 5x)")

    del evaluation
    gc.collect()
    tracemalloc.start()
    held = g.evaluate(plan, observations)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(held.verdicts) == n
    print(
        f"peak memory while building {n:,} verdicts: {peak / 2**20:.0f} MiB "
        f"({peak / n:.0f} bytes per verdict)"
    )


if __name__ == "__main__":
    main()
