"""How well and how fast govplan reads the wording of real reports.

Prints, for the dev set (tests/data/wording_dev.yaml) and the two held-out sets
(tests/data/wording_holdout*.yaml), the share of items read exactly — every
expected field right: kind, quantity, comparator, approximation, period,
forecast, commitment, scope — overall and by unit dimension, comparator and
statement kind, and lists the items read wrong.

Then the throughput of ``find_statements`` on the dev sentences joined into one
text (about 20,000 characters; ``--full`` for 200,000), in characters per
second, against a floor measured in the same run: one regular-expression pass
that only finds the numbers.  Garbage collector on, several interleaved rounds,
min and median.

Run: ``python benchmarks/bench_wording.py [--full]``
"""

from __future__ import annotations

import gc
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.wording_devset import (  # noqa: E402
    DEV_SET,
    HOLDOUT2_SET,
    HOLDOUT_SET,
    Item,
    check,
    load_items,
)

import govplan as g  # noqa: E402

ROUNDS = 7
NUMBERS = re.compile(r"[0-9０-９][0-9０-９.,，]*[%％‰]?")


def _dimension(item: Item) -> str:
    if item["quantity"] is None:
        return "(none)"
    return g.parse_quantity(str(item["quantity"])).unit.dimension


def _share(good: int, total: int) -> str:
    return f"{good}/{total} = {100 * good / total:.2f}%"


def accuracy(path: Path) -> None:
    sources, items = load_items(path)
    results = [(item, check(item, sources)) for item in items]
    exact = sum(1 for _, wrong in results if not wrong)
    print(f"\n{path.name}: {len(items)} items from {len(sources)} sources")
    print(f"  read exactly: {_share(exact, len(items))}")
    for title, key in (
        ("kind", lambda item: item["kind"]),
        ("comparator", lambda item: str(item["comparator"])),
        ("unit dimension", _dimension),
    ):
        totals: Counter[str] = Counter()
        goods: Counter[str] = Counter()
        for item, wrong in results:
            totals[key(item)] += 1
            goods[key(item)] += not wrong
        print(f"  by {title}:")
        for name in sorted(totals, key=lambda n: (-totals[n], n)):
            print(f"    {name:28} {_share(goods[name], totals[name])}")
    fields: defaultdict[str, int] = defaultdict(int)
    for item, wrong in results:
        for problem in wrong:
            fields[problem.split()[0]] += 1
        if wrong:
            print(f"  wrong #{item['index']} {item['text'][:30]}… [{item['find']}]: {wrong}")
    if fields:
        print(f"  wrong fields: {dict(fields)}")


def _time(function: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def throughput(size: int) -> None:
    _, items = load_items(DEV_SET)
    sentences = list(dict.fromkeys(item["text"] for item in items))
    base = "。".join(sentences) + "。"
    text = (base * (size // len(base) + 1))[:size]
    statements = len(g.find_statements(text))
    floor = lambda t: list(NUMBERS.finditer(t))  # noqa: E731
    reader_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(ROUNDS):
        reader_times.append(_time(g.find_statements, text))
        floor_times.append(_time(floor, text))
    print(f"\nthroughput on {len(text):,} characters ({statements:,} statements), {ROUNDS} rounds")
    for name, times in (("find_statements", reader_times), ("number regex floor", floor_times)):
        best, middle = len(text) / min(times), len(text) / statistics.median(times)
        print(f"  {name:20} min {best:,.2f} chars/s  median {middle:,.2f} chars/s")
    print(
        f"  ratio find_statements / floor: min {min(reader_times) / min(floor_times):.2f}×"
        f"  median {statistics.median(reader_times) / statistics.median(floor_times):.2f}×"
    )


def main() -> None:
    gc.enable()
    full = "--full" in sys.argv[1:]
    accuracy(DEV_SET)
    accuracy(HOLDOUT_SET)
    accuracy(HOLDOUT2_SET)
    throughput(200_000 if full else 20_000)


if __name__ == "__main__":
    main()
