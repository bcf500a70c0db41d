"""A measure with no recorded status is no data, not overdue (DESIGN §6)."""

from __future__ import annotations

from typing import Any

import pytest

import govplan as g

YEAR = g.Period.year(2011)


def _plan(**measure: Any) -> g.Plan:
    fields: dict[str, Any] = {
        "id": "m",
        "action": "完成校舍改造",
        "deadline": g.parse_deadline("6月底", year=2011),
    }
    fields.update(measure)
    goal = g.Goal(id="g", title="任务", measures=(g.Measure(**fields),))
    return g.Plan(
        id="p", title="计划", period=YEAR, sections=(g.Section(id="s", title="一", goals=(goal,)),)
    )


@pytest.mark.parametrize("as_of", [None, "2011-07-05"])
def test_a_measure_without_a_status_is_no_data_after_its_deadline(as_of: str | None) -> None:
    verdict = g.evaluate(_plan(), as_of=as_of).verdict("m")
    assert verdict.status is g.Status.NO_DATA
    assert "尚未完成" not in verdict.explain("zh")
    assert "未记录完成情况" in verdict.explain("zh")
    assert "no status is recorded" in verdict.explain("en")


def test_a_measure_without_a_status_is_pending_before_its_deadline() -> None:
    verdict = g.evaluate(_plan(), as_of="2011-05-05").verdict("m")
    assert verdict.status is g.Status.PENDING
    assert "未记录完成情况" in verdict.explain("zh")


@pytest.mark.parametrize("status", ["planned", "in_progress"])
def test_a_measure_recorded_as_not_done_is_still_overdue(status: str) -> None:
    verdict = g.evaluate(_plan(status=status)).verdict("m")
    assert verdict.status is g.Status.OVERDUE
    assert "尚未完成" in verdict.explain("zh")


def test_a_measure_without_a_status_reads_and_writes_as_none() -> None:
    plan = _plan()
    assert plan.sections[0].goals[0].measures[0].status is None
    assert g.loads(g.dumps(plan, "yaml"), "yaml") == plan


def test_a_completion_day_without_a_status_is_refused_by_name() -> None:
    with pytest.raises(g.ValidationError, match="no status") as raised:
        g.Measure(id="m", action="改造", completed_on=g.parse_date("2011-05-01"))
    assert raised.value.field == "completed_on"
