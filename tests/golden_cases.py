"""Golden engine output: the worked examples and seeded generated plans, pinned as data.

Each generated case is a compact description made of plain values (so the
data file stays small and independent of the engine) that :func:`build`
turns into a plan and its observations.  :func:`outcome` reduces an
evaluation to what must never change: subject, rule, status, severity, gap
and progress of every verdict, in order.

Regenerate (only when a change of outcome is intended and explained):
``python -m tests.golden_cases``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import govplan as g

DATA = Path(__file__).resolve().parent / "data" / "golden"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES = 2000
SEED = 20111231

Case = dict[str, Any]

_UNITS = ("%", "人", "万元", "所")
_OTHER = {"人": "人", "万元": "元", "%": "%", "所": "所"}
_COMPARATORS = tuple(c.value for c in g.Comparator)
_PERIODS = ("2011", "2011-H1", "2011-Q3", "2010")
_AS_OF = (None, None, None, "2011-06-30", "2011-09-30", "2011-12-31", "2012-01-15", "2012-01-15")


def _number(rng: random.Random, unit: str) -> str:
    if unit == "%":
        return str(Decimal(rng.randrange(0, 10001)) / 100)
    return str(rng.randrange(0, 3000))


def _value(rng: random.Random, unit: str, near: str | None = None) -> list[Any] | None:
    """[text] for an exact value or ["~", low, high, low_open, high_open]."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if near is not None and rng.random() < 0.4:
        # Close to a threshold: equal to it, or an interval around or touching it.
        low = Decimal(near) - Decimal(rng.choice(("0", "0", "0.5", "1", "-1", "0.01")))
        if roll < 0.6:
            return [str(low)]
        return ["~", str(low), str(low + 1), rng.random() < 0.5, rng.random() < 0.5]
    if roll < 0.3:
        low = Decimal(_number(rng, unit))
        width = Decimal(rng.choice(("1", "10", "0.5")))
        return ["~", str(low), str(low + width), rng.random() < 0.7, rng.random() < 0.5]
    return [_number(rng, unit)]


def generate(index: int) -> Case:
    """The description of case *index* (deterministic)."""
    rng = random.Random(SEED * 100_003 + index)
    indicators = [
        [f"i{k}", rng.choice(_UNITS), rng.choice(("higher", "lower", "neither"))]
        for k in range(rng.randint(1, 3))
    ]
    targets: list[dict[str, Any]] = []
    for k in range(rng.randint(1, 4)):
        ind_id, unit, _ = rng.choice(indicators)
        comparator = rng.choice(_COMPARATORS)
        basis = rng.choice(("level", "level", "level", "change", "growth", "reference"))
        if comparator in ("rank_within",):
            basis = "level"
        target_unit = unit
        if basis in ("change", "reference"):
            target_unit = "个百分点" if unit == "%" else unit
        if basis == "growth":
            target_unit = "%"
        value = None if comparator == "zero" else _number(rng, target_unit)
        upper = None
        if comparator == "between":
            assert value is not None
            upper = str(Decimal(value) + Decimal(rng.choice(("0", "1", "5", "20"))))
        targets.append(
            {
                "id": f"t{k}",
                "ind": ind_id,
                "cmp": comparator,
                "val": value,
                "up": upper,
                "unit": target_unit,
                "basis": basis,
                "period": rng.choice(("2011", "2011", "2011", "2011-H1")),
                "baseline": "2010" if basis in ("change", "growth") or rng.random() < 0.1 else None,
                "ref": "city" if basis == "reference" else None,
                "scope": rng.choice((None, None, "s1")),
                "deadline": rng.choice((None, None, "2011-11-30")),
                "commit": rng.choice(("ensure", "strive", "plain")),
                "nature": rng.choice((None, None, "binding", "anticipatory")),
                "cum": rng.random() < 0.3,
                "tol": rng.choice((None, None, "0.95", "0.9")),
                "each": rng.choice((None, None, None, "scope", "breakdown")),
            }
        )
    observations: list[list[Any]] = []
    for _ in range(rng.randint(1, 9)):
        # Most observations aim at a target's slice, so that every status turns up.
        ind_id, unit, _ = rng.choice(indicators)
        period, scope = rng.choice(_PERIODS), rng.choice((None, None, "s1", "s2", "city"))
        area = rng.choice((None, None, None, "城市", "农村"))
        aim: dict[str, Any] | None = None
        if targets and rng.random() < 0.8:
            aim = rng.choice(targets)
            ind_id = aim["ind"]
            unit = next(u for i, u, _ in indicators if i == ind_id)
            period = rng.choice((aim["period"], aim["period"], aim["period"], "2011-H1", "2010"))
            scope = aim["scope"] if rng.random() < 0.8 else rng.choice(("s1", "s2", "city"))
            if aim["each"] != "breakdown" and rng.random() < 0.9:
                area = None
        change = rng.random() < 0.1
        obs_unit = rng.choice((unit, unit, unit, _OTHER[unit]))
        if change:
            obs_unit = "个百分点" if unit == "%" else unit
        near = aim["val"] if aim is not None and aim["unit"] == obs_unit else None
        stated = _value(rng, obs_unit, near)
        observations.append([ind_id, stated, obs_unit, period, scope, area, change])
    measures = [
        {
            "id": f"m{k}",
            "deadline": rng.choice((None, "2011-11-30", "2011-06-30")),
            "status": rng.choice(("planned", "in_progress", "done", "cancelled")),
            "done_on": rng.choice((None, "2011-05-01", "2011-12-20")),
            "lead": rng.choice(((), ("s1",), ("s1", "s2"))),
        }
        for k in range(rng.choice((0, 0, 1, 2)))
    ]
    return {
        "indicators": indicators,
        "targets": targets,
        "observations": observations,
        "measures": measures,
        "as_of": rng.choice(_AS_OF),
        "basically_met": rng.choice((None, None, "0.95")),
    }


def _quantity(value: list[Any] | None, unit: str) -> g.Quantity | None:
    if value is None:
        return None
    u = g.parse_unit(unit)
    if value[0] != "~":
        return g.Quantity.of(Decimal(value[0]), u)
    _, low, high, low_open, high_open = value
    return g.Quantity(low=low, high=high, unit=u, low_open=low_open, high_open=high_open)


def build(case: Case) -> tuple[g.Plan, list[g.Observation], g.RuleSet]:
    """The plan, observations and rule settings a case describes."""
    indicators = tuple(
        g.Indicator(id=i, name=f"指标{i}", unit=g.parse_unit(u), direction=d)
        for i, u, d in case["indicators"]
    )
    targets: list[g.Target] = []
    for t in case["targets"]:
        unit = g.parse_unit(t["unit"])
        targets.append(
            g.Target(
                id=t["id"],
                indicator_id=t["ind"],
                comparator=t["cmp"],
                value=None if t["val"] is None else g.Quantity.of(Decimal(t["val"]), unit),
                upper=None if t["up"] is None else g.Quantity.of(Decimal(t["up"]), unit),
                basis=t["basis"],
                period=g.parse_period(t["period"]),
                baseline=None if t["baseline"] is None else g.parse_period(t["baseline"]),
                reference_scope=t["ref"],
                scope=t["scope"],
                deadline=None
                if t["deadline"] is None
                else g.Deadline(stated="11月底", due=g.parse_date(t["deadline"])),
                commitment=t["commit"],
                nature=t["nature"],
                cumulative=t["cum"],
                tolerance=None if t["tol"] is None else Decimal(t["tol"]),
                for_each=t["each"],
            )
        )
    measures = tuple(
        g.Measure(
            id=m["id"],
            action=f"措施{m['id']}",
            deadline=None if m["deadline"] is None else g.Deadline(due=g.parse_date(m["deadline"])),
            status=m["status"],
            completed_on=None
            if m["done_on"] is None or m["status"] != "done"
            else g.parse_date(m["done_on"]),
            lead=tuple(m["lead"]),
        )
        for m in case["measures"]
    )
    organisations = (
        g.Organisation(id="bureau", name="局"),
        g.Organisation(id="s1", name="一中", parent_id="bureau"),
        g.Organisation(id="s2", name="二中", parent_id="bureau"),
        g.Organisation(id="city", name="全市"),
    )
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        issuer="bureau",
        organisations=organisations,
        indicators=indicators,
        sections=(
            g.Section(
                id="s",
                title="一",
                goals=(g.Goal(id="g", title="任务", targets=tuple(targets), measures=measures),),
            ),
        ),
    )
    observations = [
        g.Observation(
            id=f"o{k}",
            indicator_id=ind,
            value=_quantity(value, unit),
            period=g.parse_period(period),
            scope=scope,
            breakdown={} if area is None else {"area": area},
            change_from=g.Period.year(2010) if change else None,
        )
        for k, (ind, value, unit, period, scope, area, change) in enumerate(case["observations"])
    ]
    settings = g.RuleSet().configure("targets", basically_met=case["basically_met"])
    return plan, _last_of_each_cell(observations, plan.issuer), settings


def _last_of_each_cell(
    observations: list[g.Observation], issuer: str | None
) -> list[g.Observation]:
    """One observation per cell, the last given: two that differ would be an error."""
    kept: dict[tuple[Any, ...], g.Observation] = {}
    for o in observations:
        key = (o.indicator_id, o.scope or issuer, o.period, tuple(sorted(o.breakdown.items())))
        kept[(*key, o.change_from)] = o
    chosen = {id(o) for o in kept.values()}
    return [o for o in observations if id(o) in chosen]


def _gap(gap: g.Quantity | None) -> list[str] | None:
    if gap is None:
        return None
    return [str(gap.low), str(gap.high), gap.unit.symbol]


def outcome(evaluation: g.Evaluation) -> list[list[Any]]:
    """What is pinned of every verdict: subject, rule, status, severity, gap, progress."""
    return [
        [
            v.subject,
            v.rule,
            v.status.value,
            v.severity.value,
            _gap(v.gap),
            None if v.progress is None else str(v.progress),
        ]
        for v in evaluation
    ]


def run(case: Case) -> g.Evaluation:
    """Evaluate a generated case."""
    plan, observations, settings = build(case)
    return g.evaluate(plan, observations, as_of=case["as_of"], rules=settings)


def example_runs() -> Iterator[tuple[str, g.Evaluation]]:
    """Every evaluation the worked examples print, named."""
    edu = EXAMPLES / "education-bureau"
    report = g.load(edu / "report-2010.yaml")
    plan = g.load(edu / "plan-2011.yaml")
    results = g.load(edu / "results-2011.yaml")
    midyear = [o for o in results.observations if str(o.period) == "2011-H1"]
    yield "education/report-2010", g.evaluate(report)
    yield "education/plan-midyear", g.evaluate(plan, midyear, as_of="2011-06-30")
    yield "education/plan-final", g.evaluate(plan, [results])
    commerce = g.load(EXAMPLES / "commerce-bureau" / "report-2011.yaml")
    yield "commerce/report", g.evaluate(commerce)
    for as_of in ("2011-06-30", "2011-11-28", "2011-12-31"):
        yield f"commerce/report@{as_of}", g.evaluate(commerce, as_of=as_of)
    post = g.load(EXAMPLES / "sanitation-post" / "post.yaml")
    post_results = g.load(EXAMPLES / "sanitation-post" / "results-2011.yaml")
    yield "sanitation/post", g.evaluate(post, [post_results])
    event = g.load(EXAMPLES / "training-session" / "event.yaml")
    yield "training/event@2011-03-09", g.evaluate(event, as_of="2011-03-09")
    yield "training/event", g.evaluate(event)
    day3 = g.load(EXAMPLES / "survey-day3" / "day3.yaml")
    yield "survey/day3", g.evaluate(day3)


_TARGET_KEYS = (
    "id", "ind", "cmp", "val", "up", "unit", "basis", "period", "baseline", "ref", "scope",
    "deadline", "commit", "nature", "cum", "tol", "each",
)  # fmt: skip


def pack(case: Case) -> Case:
    """The case with its targets as lists (a smaller file)."""
    targets = [[t[key] for key in _TARGET_KEYS] for t in case["targets"]]
    return {**case, "targets": targets}


def unpack(case: Case) -> Case:
    """The inverse of :func:`pack`."""
    targets = [dict(zip(_TARGET_KEYS, t, strict=True)) for t in case["targets"]]
    return {**case, "targets": targets}


def write() -> None:
    """Record the current engine's outcomes."""
    DATA.mkdir(parents=True, exist_ok=True)
    with (DATA / "examples.jsonl").open("w", encoding="utf-8") as out:
        for name, evaluation in example_runs():
            out.write(
                json.dumps({"name": name, "verdicts": outcome(evaluation)}, ensure_ascii=False)
            )
            out.write("\n")
    with (DATA / "generated.jsonl").open("w", encoding="utf-8") as out:
        for index in range(CASES):
            case = generate(index)
            record = {"case": pack(case), "verdicts": outcome(run(case))}
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")


if __name__ == "__main__":
    write()
