"""Seeds 01, 03, 04 and 05 as objects: nothing lost, lossless in every format."""

from __future__ import annotations

import pytest

import govplan as g

from .seed_commerce import report_2011
from .seed_education import report_2010
from .seed_events import sanitation_post, survey_day3, training_plan

SEEDS = {
    "01-survey-day3": survey_day3,
    "03-training-plan": training_plan,
    "04-commerce-report": report_2011,
    "05-sanitation-post": sanitation_post,
    "02-education-report": report_2010,
}


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_round_trips(seed: str, fmt: g.Format) -> None:
    document = SEEDS[seed]()
    assert g.loads(g.dumps(document, fmt), fmt) == document


def test_training_plan_keeps_every_fact() -> None:
    event = training_plan()
    assert event.day == g.parse_date("2011-03-11")
    assert event.starts_at.hour == 18
    assert event.stated_weekday is g.Weekday.FRIDAY
    assert not event.location_decided
    assert [str(t.when) for t in event.preparation] == [
        "2011-03-04",
        "2011-03-05",
        "2011-03-08/2011-03-10",
    ]
    assert [(m.item, str(m.quantity)) for m in event.materials] == [
        ("相机", "1部"),
        ("纸张", "30张"),
        ("矿泉水", "2瓶"),
        ("笔", "1支"),
    ]
    pen = event.materials[-1]
    assert pen.per_person
    assert pen.provided_by is g.MaterialSource.ATTENDEES
    assert event.setup is not None
    assert str(event.setup.lead_time) == "30分钟"
    assert [a.order for a in event.agenda] == [1, 2, 3, 4, 5, 6]
    assert event.issued_on == g.parse_date("2011-03-03")


def test_commerce_report_keeps_inspections_checklists_and_nothing_found() -> None:
    report = report_2011()
    kinds = [i.kind for i in report.inspections]
    assert g.InspectionKind.SUPERVISION in kinds
    assert g.InspectionKind.FOLLOW_UP in kinds
    supervision = report.inspections[0]
    assert supervision.date == g.parse_date("2011-11-28")
    assert supervision.methods == ("听取汇报", "查阅台账")
    assert supervision.leads == ("luo-shenghui", "xie-yanhong")
    checklist = report.inspections[1].checklist
    assert [item.articles for item in checklist] == [
        ("第一条", "第三条"),
        ("第二条",),
        ("第四条",),
        ("第五条",),
        ("第六条", "第八条"),
        ("第七条",),
    ]
    nothing = [i.id for i in report.inspections if i.result is g.InspectionResult.NOTHING_FOUND]
    assert nothing == [
        "code-self-inspection",
        "official-cars",
        "slush-funds-follow-up",
        "festival-rules",
    ]
    assert report.activities[0].recurrence.weekday is g.Weekday.FRIDAY


def test_survey_improvements_become_next_days_measures() -> None:
    day3 = survey_day3()
    day4 = day3.next_day(id="louxing-survey-day4", task="继续调研")
    assert day4.day == g.parse_date("2011-07-14")
    assert [m.id for m in day4.measures] == ["survey-before", "clear-purpose", "unbiased"]
    assert day4.summary is None


def test_post_duties_in_order_with_targets() -> None:
    post = sanitation_post()
    assert [d.number for d in post.duties] == [1, 2, 3, 4, 5, 6, 7]
    assert [t.id for t in post.duties[1].targets] == [
        "garbage-daily",
        "no-blind-spots",
        "four-pests-eliminated",
    ]
