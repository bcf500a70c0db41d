"""A veto item (一票否决) with no data leaves the scorecard undecided, never passing."""

from __future__ import annotations

from decimal import Decimal

import pytest

import govplan as g

YEAR = g.Period.year(2011)
RATE = g.Indicator(id="rate", name="入学率", unit=g.PERCENT)
SAFE = g.Indicator(id="accidents", name="安全责任事故", unit=g.parse_unit("起"))


def _evaluation(*observations: g.Observation) -> g.Evaluation:
    targets = (
        g.Target(id="enrol", indicator_id="rate", comparator="at_least", value="95%", period=YEAR),
        g.Target(id="safe", indicator_id="accidents", comparator="zero", period=YEAR),
    )
    goal = g.Goal(id="g", title="任务", targets=targets)
    plan = g.Plan(
        id="p", title="计划", period=YEAR, indicators=(RATE, SAFE),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )  # fmt: skip
    return g.evaluate(plan, observations, allow_missing=True)


CARD = g.Scorecard(
    id="card",
    title="考核",
    items=(
        g.ScoreItem(subject="enrol", weight=Decimal(80)),
        g.ScoreItem(subject="safe", weight=Decimal(20), veto=True),
    ),
    grades=(
        g.Grade(name="优秀", min_share=Decimal("0.9")),
        g.Grade(name="合格", min_share=Decimal(0)),
    ),
)
ENROLLED = g.Observation(indicator_id="rate", period=YEAR, value="96%")


def test_a_veto_item_with_no_data_makes_the_scorecard_indeterminate() -> None:
    result = g.score(CARD, _evaluation(ENROLLED))
    assert result.items[1].status is g.Status.NO_DATA
    assert result.undecided_by == ("safe",)
    assert result.vetoed_by == ()
    assert result.status is g.Status.INDETERMINATE
    assert result.grade == "待定"


@pytest.mark.parametrize(
    ("accidents", "status", "grade"),
    [("0起", g.Status.MET, "优秀"), ("1起", g.Status.MISSED, "不合格")],
)
def test_a_veto_item_with_data_decides_as_before(
    accidents: str, status: g.Status, grade: str
) -> None:
    row = g.Observation(indicator_id="accidents", period=YEAR, value=accidents)
    result = g.score(CARD, _evaluation(ENROLLED, row))
    assert result.undecided_by == ()
    assert (result.status, result.grade) == (status, grade)


def test_an_item_without_veto_and_without_data_scores_zero_and_decides() -> None:
    card = g.Scorecard(
        id="card", title="考核", items=(g.ScoreItem(subject="safe", weight=Decimal(20)),),
        grades=(g.Grade(name="合格", min_share=Decimal(0)),),
    )  # fmt: skip
    result = g.score(card, _evaluation())
    assert (result.points, result.status, result.grade) == (Decimal(0), g.Status.MET, "合格")
