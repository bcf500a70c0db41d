"""The wording dev and held-out sets (tests/data/wording_*.yaml): loading, checking an item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import govplan as g

DEV_SET = Path(__file__).parent / "data" / "wording_dev.yaml"
HOLDOUT_SET = Path(__file__).parent / "data" / "wording_holdout.yaml"
HOLDOUT2_SET = Path(__file__).parent / "data" / "wording_holdout2.yaml"

Item = dict[str, Any]


def load_items(path: Path = DEV_SET) -> tuple[dict[str, Item], list[Item]]:
    """The sources by id and the items, each item numbered by its position."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items: list[Item] = data["items"]
    for index, item in enumerate(items):
        item["index"] = index
    return data["sources"], items


def check(item: Item, sources: dict[str, Item]) -> list[str]:
    """What the reader got wrong on *item* (empty when every expected field is exact)."""
    year = sources[item["source"]].get("year")
    statements = g.find_statements(item["text"], year=year)
    chosen = next((s for s in statements if item["find"] in s.text), None)
    if chosen is None:
        found = [s.text for s in statements]
        return [f"no statement containing {item['find']!r} (found {found})"]
    wrong: list[str] = []
    if chosen.kind.value != item["kind"]:
        wrong.append(f"kind {chosen.kind.value} != {item['kind']}")
    expected = item["quantity"]
    quantity = None if expected is None else g.parse_quantity(str(expected))
    if chosen.quantity != quantity:
        got = None if chosen.quantity is None else g.format_quantity(chosen.quantity)
        wrong.append(f"quantity {got!r} != {expected!r}")
    comparator = None if chosen.comparator is None else chosen.comparator.value
    if comparator != item["comparator"]:
        wrong.append(f"comparator {comparator} != {item['comparator']}")
    if chosen.approx != item["approx"]:
        wrong.append(f"approx {chosen.approx} != {item['approx']}")
    # Periods compare by the days they span (2018-H2 is 2018-07-01/2018-12-31).
    period = None if chosen.period is None else (chosen.period.start, chosen.period.end)
    wanted = None if item["period"] is None else g.parse_period(str(item["period"]))
    if period != (None if wanted is None else (wanted.start, wanted.end)):
        wrong.append(f"period {chosen.period} != {item['period']}")
    if chosen.forecast != item.get("forecast", False):
        wrong.append(f"forecast {chosen.forecast}")
    if chosen.commitment.value != item.get("commitment", "plain"):
        wrong.append(f"commitment {chosen.commitment.value}")
    if "scope" in item and chosen.scope != item["scope"]:
        wrong.append(f"scope {chosen.scope} != {item['scope']}")
    return wrong
