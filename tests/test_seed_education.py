"""Seed 02: the 2010 results and 2011 targets as objects, lossless in every format."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import govplan as g

from .seed_education import plan_2011, report_2010
from .seed_education_figures import OBSERVED


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_report_2010_round_trips(fmt: g.Format) -> None:
    report = report_2010()
    assert g.loads(g.dumps(report, fmt), fmt) == report


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_plan_2011_round_trips(fmt: g.Format) -> None:
    plan = plan_2011()
    assert g.loads(g.dumps(plan, fmt), fmt) == plan


def test_every_stated_figure_is_kept_with_its_wording() -> None:
    report = report_2010()
    assert len(report.observations) == len(OBSERVED) > 150
    text = g.dumps(report, "yaml")
    for _, _, _, stated, _, _ in OBSERVED:
        assert stated in text


def test_figures_are_exact_decimals() -> None:
    report = report_2010()

    def value(observation_id: str) -> Decimal:
        quantity = report.observation(observation_id).value
        assert quantity is not None
        return quantity.value

    assert value("rural-public-funds") + value("urban-fees") == Decimal("1448.5")
    assert value("school-funds-total") == Decimal("1448.5")
    retention = report.observation("autumn-junior-retention").value
    assert retention is not None
    assert retention.value == Decimal("99.54")


def test_approximate_figures_are_intervals() -> None:
    report = report_2010()
    area = report.observation("floor-area-assessed").value
    assert area is not None
    assert area.bounds_in(g.parse_unit("㎡")) == (Fraction(600_000), Fraction(700_000))
    assert (area.low_open, area.high_open) == (True, True)
    maize = report.observation("maize").value
    assert maize is not None
    assert str(maize) == "500余亩"


def test_plan_has_all_28_tasks_and_its_numeric_targets() -> None:
    plan = plan_2011()
    assert [goal.number for goal in plan.goals()] == [str(n) for n in range(1, 29)]
    targets = {t.id: t for t in plan.targets()}
    assert len(targets) == 16
    dropout = targets["junior-dropout-1"]
    assert dropout.comparator is g.Comparator.AT_MOST
    assert dropout.is_binding
    assert not targets["junior-to-senior-95"].is_binding
    debt = targets["non-puji-debt-1936"]
    assert debt.deadline is not None
    assert debt.deadline.due == g.parse_date("2011-11-30")
    kindergartens = targets["township-kindergartens-50"]
    assert kindergartens.deadline is not None
    assert str(kindergartens.deadline.due) == "2011-12-31"
