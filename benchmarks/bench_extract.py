"""Text extraction: precision and recall against hand-built gold, and speed.

Gold: the worked examples built by hand from the five seed texts
(``tests/seed_*.py``: every result and stated claim of seed 02's summary, every
target of its plan, the two figures of seed 04, the duty targets of seed 05;
seeds 01 and 03 state no targets or results, so anything read from them counts
against precision), and a dev set of passages from other public work plans and
summaries (``tests/data/extract/dev.yaml``, sources cited there).

For targets, results and claims it prints precision, recall and F1 of the
value, and of the unit, comparator, commitment (targets) and period read with
it; then F1 over numeric items; then each stated sum and rate of seed 02 with
its audit status; then extraction speed on a 20,000-character report against
reading the same text's outline alone (the baseline), measured in the same run.

Run: ``python benchmarks/bench_extract.py`` (``--full`` also times 200,000 and
10,000,000 characters, the latter once: about three minutes).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import govplan as g
from govplan.io.extraction.figures import comparator_of
from govplan.io.extraction.outline import outline
from govplan.io.extraction.sentences import sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/seeds")
sys.path.insert(0, str(ROOT))

Key = tuple[Any, ...]


@attrs.frozen
class Item:
    """One target, result or claim, keyed by its value, with the fields scored."""

    category: str
    key: Key
    fields: dict[str, str | None]


def _number_key(quantity: g.Quantity | None) -> Key:
    if quantity is None:
        return ("zero",)
    low = None if quantity.low is None else quantity.low.normalize()
    high = None if quantity.high is None else quantity.high.normalize()
    return (low, high, quantity.low_open, quantity.high_open)


def _days(period: g.Period | str) -> str:
    """A period as the days it spans: 2013-H1 and 截至6月底 (1 January–30 June) agree."""
    if isinstance(period, str):
        period = g.parse_period(period)
    return f"{period.start}/{period.end}"


def _unit(quantity: g.Quantity | None) -> str | None:
    return None if quantity is None else quantity.unit.symbol


def target_item(target: g.Target) -> Item:
    key = ("zero",) if target.comparator is g.Comparator.ZERO else _number_key(target.value)
    return Item(
        "targets",
        key,
        {
            "unit": _unit(target.value),
            "comparator": target.comparator.value,
            "commitment": target.commitment.value,
            "period": _days(target.period),
        },
    )


def result_item(observation: g.Observation) -> Item:
    value = observation.value
    return Item(
        "results",
        _number_key(value),
        {
            "unit": _unit(value),
            "comparator": comparator_of(value).value,
            "period": _days(observation.period),
        },
    )


def _value_of(report: g.Report, ref: str) -> Key:
    quantity = report.observation(ref).value
    return (*_number_key(quantity), _unit(quantity))


def claim_item(claim: g.Claim, report: g.Report) -> Item:
    if isinstance(claim, g.SumClaim):
        parts = tuple(sorted((_value_of(report, p) for p in claim.parts), key=repr))
        key: Key = ("sum", _value_of(report, claim.total), parts)
    elif isinstance(claim, g.RateClaim):
        key = (
            "rate",
            *(_value_of(report, r) for r in (claim.rate, claim.numerator, claim.denominator)),
        )
    else:
        key = ("change", _value_of(report, claim.change), _value_of(report, claim.current))
    return Item("claims", key, {})


def is_numeric(item: Item) -> bool:
    return item.category != "claims" and item.key[0] not in ("zero", Decimal(0))


@attrs.define
class Score:
    """Counts for one category: gold, extracted, and correct per field."""

    gold: int = 0
    found: int = 0
    correct: dict[str, int] = attrs.field(factory=dict)

    def add(self, gold: list[Item], found: list[Item]) -> None:
        self.gold += len(gold)
        self.found += len(found)
        free = list(found)
        pairs: list[tuple[Item, Item]] = []
        # Pair the same value read with every field alike first, then in the same unit,
        # then the same value: a miss in one field is not counted twice.
        rounds: tuple[Callable[[Item, Item], bool], ...] = (
            lambda e, f: f.key == e.key and f.fields == e.fields,
            lambda e, f: f.key == e.key and f.fields.get("unit") == e.fields.get("unit"),
            lambda e, f: f.key == e.key,
        )
        unmatched = list(gold)
        for alike in rounds:
            remaining: list[Item] = []
            for expected in unmatched:
                match = next((f for f in free if alike(expected, f)), None)
                if match is None:
                    remaining.append(expected)
                else:
                    free.remove(match)
                    pairs.append((expected, match))
            unmatched = remaining
        for expected, match in pairs:
            self.correct["value"] = self.correct.get("value", 0) + 1
            for name, wanted in expected.fields.items():
                if match.fields.get(name) == wanted:
                    self.correct[name] = self.correct.get(name, 0) + 1
                else:
                    self.correct.setdefault(name, 0)

    def line(self, name: str) -> str:
        correct = self.correct.get(name, 0)
        precision = correct / self.found if self.found else 0.0
        recall = correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"  {name:<11} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}"

    def f1(self) -> float:
        correct = self.correct.get("value", 0)
        precision = correct / self.found if self.found else 0.0
        recall = correct / self.gold if self.gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _documents(draft: Any, want: str) -> list[Item]:
    if want == "targets":
        if not draft.targets:
            return []
        return [target_item(t) for t in draft.to_plan().targets()]
    report = draft.to_report()
    if want == "results":
        return [result_item(o) for o in report.observations]
    return [claim_item(c, report) for c in report.claims]


def seed_gold() -> dict[str, dict[str, list[Item]]]:
    """Per seed file: the gold targets, results and claims."""
    from tests.seed_commerce import report_2011
    from tests.seed_education import plan_2011, report_2010
    from tests.seed_events import sanitation_post

    report = report_2010()
    post = sanitation_post()
    commerce = report_2011()
    empty: dict[str, list[Item]] = {"targets": [], "results": [], "claims": []}
    return {
        "01-community-service-team-day3-summary.txt": dict(empty),
        "02-education-bureau-2010-summary-and-2011-plan.txt": {
            "targets": [target_item(t) for t in plan_2011().targets()],
            "results": [result_item(o) for o in report.observations],
            "claims": [claim_item(c, report) for c in report.claims],
        },
        "03-community-service-team-training-plan.txt": dict(empty),
        "04-commerce-bureau-2011-discipline-inspection-summary.txt": {
            "targets": [],
            "results": [result_item(o) for o in commerce.observations],
            "claims": [],
        },
        "05-community-sanitation-director-duties.txt": {
            "targets": [target_item(t) for d in post.duties for t in d.targets],
            "results": [],
            "claims": [],
        },
    }


SEED_KINDS = {"01": "report", "02": "report", "03": "plan", "04": "report", "05": "plan"}


def extracted(text: str, kind: str, year: int | None = None) -> dict[str, list[Item]]:
    """Targets, results and claims of the draft read from *text*."""
    draft = g.extract(text, kind, year=year)  # type: ignore[arg-type]
    if draft.year is None:
        return {"targets": [], "results": [], "claims": []}
    return {
        "targets": _documents(draft, "targets"),
        "results": _documents(draft, "results"),
        "claims": _documents(draft, "claims"),
    }


def dev_passages() -> list[dict[str, Any]]:
    """Every passage of the dev set."""
    from govplan.io.yaml_loader import safe_load

    path = ROOT / "tests" / "data" / "extract" / "dev.yaml"
    return list(safe_load(path.read_text(encoding="utf-8"))["passages"])


def expectations(entries: list[dict[str, Any]]) -> dict[str, list[Item]]:
    """Gold items from the dev set's plain expectations."""
    gold: dict[str, list[Item]] = {"targets": [], "results": [], "claims": []}
    q = g.parse_quantity
    for entry in entries:
        if "target" in entry:
            value = None if entry["target"] == "zero" else q(str(entry["target"]))
            gold["targets"].append(
                Item(
                    "targets",
                    ("zero",) if value is None else _number_key(value),
                    {
                        "unit": _unit(value),
                        "comparator": entry.get(
                            "comparator", "zero" if value is None else "at_least"
                        ),
                        "commitment": entry.get("commitment", "plain"),
                        "period": _days(str(entry["period"])),
                    },
                )
            )
        elif "result" in entry:
            value = q(str(entry["result"]))
            gold["results"].append(
                Item(
                    "results",
                    _number_key(value),
                    {
                        "unit": _unit(value),
                        "comparator": comparator_of(value).value,
                        "period": _days(str(entry["period"])),
                    },
                )
            )
        else:
            kind = next(k for k in ("sum", "rate", "change") if k in entry)
            spec = entry[kind]

            def v(text: str) -> Key:
                quantity = q(str(text))
                return (*_number_key(quantity), _unit(quantity))

            if kind == "sum":
                parts = tuple(sorted((v(p) for p in spec["parts"]), key=repr))
                key: Key = ("sum", v(spec["total"]), parts)
            elif kind == "rate":
                key = ("rate", v(spec["rate"]), v(spec["numerator"]), v(spec["denominator"]))
            else:
                key = ("change", v(spec["change"]), v(spec["current"]))
            gold["claims"].append(Item("claims", key, {}))
    return gold


def report(
    title: str, cases: Iterable[tuple[dict[str, list[Item]], dict[str, list[Item]]]]
) -> float:
    scores = {name: Score() for name in ("targets", "results", "claims")}
    numeric = Score()
    for gold, found in cases:
        for name, score in scores.items():
            score.add(gold[name], found[name])
        numeric.add(
            [i for name in ("targets", "results") for i in gold[name] if is_numeric(i)],
            [i for name in ("targets", "results") for i in found[name] if is_numeric(i)],
        )
    print(title)
    for name, score in scores.items():
        print(f" {name}: gold {score.gold}, extracted {score.found}")
        fields = ["value", "unit", "comparator", "period"]
        if name == "targets":
            fields.insert(3, "commitment")
        for field in fields if name != "claims" else ["value"]:
            print(score.line(field))
    print(f" numeric items (targets and results): gold {numeric.gold}, extracted {numeric.found}")
    print(numeric.line("value"))
    return numeric.f1()


def audit_seed_02() -> None:
    text = (SEEDS / "02-education-bureau-2010-summary-and-2011-plan.txt").read_text(
        encoding="utf-8"
    )
    draft = g.extract(text, "report")
    document = draft.to_report()
    rules = g.RuleSet(id="audit", rules=(g.SumRule.name, g.RateRule.name, g.ChangeRule.name))
    evaluation = g.evaluate(document, rules=rules)
    statuses = {v.subject: v.status.value for v in evaluation.verdicts}
    gold = seed_gold()["02-education-bureau-2010-summary-and-2011-plan.txt"]["claims"]
    found = [claim_item(c, document) for c in document.claims]
    print("seed 02: stated sums, rates and changes, found and audited from the text")
    free = list(zip(found, document.claims, strict=True))
    for item in gold:
        match = next(((f, c) for f, c in free if f.key == item.key), None)
        if match is None:
            print(f"  MISSING {item.key[0]}: {item.key[1]}")
            continue
        free.remove(match)
        print(f"  found   {item.key[0]:<6} {match[1].id:<8} {statuses.get(match[1].id, '-')}")
    for _, claim in free:
        print(f"  extra   {claim.id} {statuses.get(claim.id, '-')}")


def audit_dev(passages: list[dict[str, Any]]) -> None:
    """The audit of every dev passage's stated claims: which figures it finds inconsistent."""
    rules = g.RuleSet(id="audit", rules=(g.SumRule.name, g.RateRule.name, g.ChangeRule.name))
    counts: dict[str, int] = {}
    for passage in passages:
        draft = g.extract(passage["text"], passage["kind"], year=passage.get("year"))
        if draft.year is None:
            continue
        evaluation = g.evaluate(draft.to_report(), rules=rules)
        for verdict in evaluation.verdicts:
            counts[verdict.status.value] = counts.get(verdict.status.value, 0) + 1
            if verdict.status is g.Status.INCONSISTENT:
                print(f"  inconsistent in {passage['id']}: {verdict.explain('zh')}")
    print(f" dev audit: {counts}")


def _timed(action: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def speed(size: int, rounds: int = 5) -> None:
    seed = (SEEDS / "02-education-bureau-2010-summary-and-2011-plan.txt").read_text(
        encoding="utf-8"
    )
    summary = seed[: seed.index("娄星区教育局2011年工作要点")]
    text = (summary * (size // len(summary) + 1))[:size]

    def baseline() -> object:
        return list(sentences(outline(text)))

    def extraction() -> object:
        return g.extract(text, "report")

    base_times: list[float] = []
    times: list[float] = []
    for _ in range(rounds):  # interleaved rounds, garbage collector on
        base_times += _timed(baseline, 1)
        times += _timed(extraction, 1)
    best, median = min(times), statistics.median(times)
    print(
        f"speed on {len(text):,} characters: extract min {best:.2f} s, median {median:.2f} s "
        f"({len(text) / best:,.0f} characters/s); outline alone min {min(base_times):.2f} s; "
        f"ratio extract/outline {best / min(base_times):.2f}"
    )


def main(argv: list[str]) -> None:
    cases = []
    for name, gold in seed_gold().items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        cases.append((gold, extracted(text, SEED_KINDS[name[:2]])))
    report("seed texts (gold: the hand-built worked examples)", cases)
    print()
    audit_seed_02()
    print()
    dev_path = ROOT / "tests" / "data" / "extract" / "dev.yaml"
    if dev_path.exists():
        passages = dev_passages()
        dev_cases = [
            (expectations(p.get("expect", [])), extracted(p["text"], p["kind"], p.get("year")))
            for p in passages
        ]
        sources = {p["source"] for p in passages}
        report(f"dev set ({len(dev_cases)} passages from {len(sources)} documents)", dev_cases)
        audit_dev(passages)
        print()
    speed(20_000)
    if "--full" in argv:
        speed(200_000, rounds=3)
        speed(10_000_000, rounds=1)


if __name__ == "__main__":
    main(sys.argv[1:])
