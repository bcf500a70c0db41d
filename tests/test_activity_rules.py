"""Inspection, rectification, pledge, recurrence and event rules: each passing and failing."""

from __future__ import annotations

import attrs
import pytest

import govplan as g

from .seed_commerce import report_2011
from .seed_education import report_2010
from .seed_events import training_plan

S = g.Status


def _only(evaluation: g.Evaluation, rule: str) -> list[g.Verdict]:
    return [v for v in evaluation.verdicts if v.rule == rule]


def test_nothing_found_is_a_result_and_not_inspected_is_not() -> None:
    report = report_2011()
    verdicts = {v.subject: v for v in _only(g.evaluate(report), "inspections")}
    cars = verdicts["official-cars"]
    assert cars.status is S.MET
    assert cars.explain("zh") == "公务用车专项治理：已开展，未发现问题。"
    assert cars.explain("en") == "Inspection official-cars: carried out; nothing found."
    pending = attrs.evolve(report.inspections[3], result=g.InspectionResult.NOT_DONE)
    later = attrs.evolve(report, inspections=(pending,))
    verdict = g.evaluate(later, as_of="2012-01-01").verdict("official-cars")
    assert verdict.status is S.NO_DATA
    assert "不等于未发现问题" in verdict.explain("zh")
    assert "not inspected is not 'nothing found'" in verdict.explain("en")


def _campaign(*rectifications: g.Rectification) -> g.Report:
    finding = g.Finding(id="f", description="校内安全隐患", count=g.parse_quantity("48处"))
    inspection = g.Inspection(
        id="i",
        kind=g.InspectionKind.CHECK,
        title="安全检查",
        date=g.parse_date("2011-05-01"),
        result=g.InspectionResult.FINDINGS,
        findings=(finding,),
        rectifications=rectifications,
    )
    return g.Report(
        id="r",
        title="总结",
        period=g.Period.year(2011),
        organisations=(g.Organisation(id="office", name="安全股"),),
        inspections=(inspection,),
    )


def _fix(**extra: object) -> g.Rectification:
    fields: dict[str, object] = {
        "id": "fix",
        "finding_id": "f",
        "action": "整治隐患",
        "owner": "office",
        "deadline": g.parse_deadline("6月底", year=2011),
    }
    fields.update(extra)
    return g.Rectification(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rectification", "as_of", "status", "zh", "en"),
    [
        (None, None, S.MISSED, "没有整改措施", "has no rectification"),
        (_fix(), "2011-06-30", S.PENDING, "期限2011-06-30未到", "due 2011-06-30"),
        (_fix(), "2011-07-01", S.OVERDUE, "已过，尚未完成", "not done although due"),
        (
            _fix(status="done", completed_on=g.parse_date("2011-07-15")),
            None,
            S.DONE_LATE,
            "晚于期限",
            "after 2011-06-30",
        ),
        (_fix(status="done"), None, S.UNVERIFIED, "尚无验收", "nobody has verified"),
        (
            _fix(status="done", verified_by="office", verified_on=g.parse_date("2011-06-20")),
            None,
            S.MET,
            "经office于2011-06-20验收",
            "verified by office",
        ),
    ],
)
def test_rectification_rule(
    rectification: g.Rectification | None, as_of: str | None, status: g.Status, zh: str, en: str
) -> None:
    report = _campaign(*(() if rectification is None else (rectification,)))
    (verdict,) = _only(g.evaluate(report, as_of=as_of), "rectifications")
    assert verdict.status is status
    assert zh in verdict.explain("zh")
    assert en in verdict.explain("en")


def test_unrectified_finding_and_overdue_rectification_fail_the_run() -> None:
    assert not g.evaluate(_campaign()).passes
    assert not g.evaluate(_campaign(_fix()), as_of="2011-07-01").passes
    assert g.evaluate(_campaign(_fix()), as_of="2011-06-01").passes


def test_sanctions_consistent_with_counts() -> None:
    evaluation = g.evaluate(report_2010())
    (verdict,) = _only(evaluation, "sanctions")
    assert verdict.status is S.CONSISTENT
    assert verdict.explain("zh") == "“调离城区学校”1人，所查处11名，一致。"
    report = report_2010()
    ethics = report.inspections[0]
    finding = attrs.evolve(
        ethics.findings[0],
        sanctions=(g.Sanction(action="调离城区学校", count=g.parse_quantity("12人")),),
    )
    altered = attrs.evolve(
        report, inspections=(attrs.evolve(ethics, findings=(finding,)), *report.inspections[1:])
    )
    (verdict,) = _only(g.evaluate(altered), "sanctions")
    assert verdict.status is S.INCONSISTENT
    assert "12人" in verdict.explain("zh")
    assert "11名" in verdict.explain("zh")
    assert "imposed on 12 persons of the 11 persons found: inconsistent" in verdict.explain("en")


def test_every_signatory_of_the_pledge_was_inspected() -> None:
    report = report_2011()
    (verdict,) = _only(g.evaluate(report), "coverage")
    assert verdict.status is S.MET
    assert "市场服务中心、民爆物品管理中心" in verdict.explain("zh")
    without = attrs.evolve(report, inspections=report.inspections[1:])
    (verdict,) = _only(g.evaluate(without), "coverage")
    assert verdict.status is S.MISSED
    assert "market-centre, explosives-centre" in verdict.explain("en")
    (verdict,) = _only(g.evaluate(without, as_of="2011-10-01"), "coverage")
    assert verdict.status is S.PENDING


def test_weekly_study_sessions_against_the_recurrence() -> None:
    report = report_2011()
    (verdict,) = _only(g.evaluate(report), "recurring")
    assert verdict.status is S.NO_DATA  # the source keeps no log
    # Fridays up to the report's date (2011-12-19), less 春节 and 国庆 holidays.
    assert "应开展48次" in verdict.explain("zh")
    study = report.activities[0]
    fridays = study.recurrence.dates(study.period)
    assert len(fridays) == 48
    full = attrs.evolve(study, sessions=tuple(g.HeldSession(date=d) for d in fridays))
    (verdict,) = _only(g.evaluate(attrs.evolve(report, activities=(full,))), "recurring")
    assert verdict.status is S.MET
    assert verdict.explain("en") == "Activity friday-study: 48 of 48 due session(s) held."
    half = attrs.evolve(study, sessions=tuple(g.HeldSession(date=d) for d in fridays[:20]))
    partial = attrs.evolve(report, activities=(half,))
    (verdict,) = _only(g.evaluate(partial), "recurring")
    assert verdict.status is S.MISSED
    (verdict,) = _only(g.evaluate(partial, as_of="2011-06-30"), "recurring")
    assert verdict.status is S.AT_RISK  # 20 held, 24 Fridays due by 30 June (not 2月4日)
    assert "应开展24次，实际记录20次" in verdict.explain("zh")


def test_stated_weekday_is_checked_against_the_date() -> None:
    (verdict,) = _only(g.evaluate(training_plan()), "weekday")
    assert verdict.status is S.CONSISTENT
    assert "2011-03-11是星期五，所述星期五，一致" in verdict.explain("zh")
    thursday = attrs.evolve(training_plan(), stated_weekday=g.Weekday.THURSDAY)
    (verdict,) = _only(g.evaluate(thursday), "weekday")
    assert verdict.status is S.INCONSISTENT
    assert verdict.explain("en").endswith("is a friday; the source says thursday: inconsistent.")


def test_preparation_due_after_the_event_is_flagged() -> None:
    event = training_plan()
    assert {v.status for v in _only(g.evaluate(event), "preparation")} == {S.CONSISTENT}
    late = g.PreparationTask(id="late", action="布置会场", when=g.parse_period("2011-03-12"))
    altered = attrs.evolve(event, preparation=(*event.preparation, late))
    verdict = g.evaluate(altered).verdict("late")
    assert verdict.status is S.INCONSISTENT
    assert "晚于活动日2011-03-11" in verdict.explain("zh")
    assert "after the event" in verdict.explain("en")


@pytest.mark.parametrize(
    ("as_of", "days", "status"),
    [("2011-03-01", 7, S.PENDING), ("2011-03-09", 7, S.AT_RISK), ("2011-03-09", 1, S.PENDING),
     ("2011-03-11", 7, S.MISSED)],
)  # fmt: skip
def test_location_still_undecided_before_the_event(as_of: str, days: int, status: g.Status) -> None:
    rules = g.RuleSet().configure("location", warning_days=days)
    verdict = g.evaluate(training_plan(), as_of=as_of, rules=rules).verdict(
        "muyang-briefing-2011.location"
    )
    assert verdict.status is status
    assert f"截至{as_of}活动地点仍未确定" in verdict.explain("zh")
    assert f"still undecided as of {as_of}" in verdict.explain("en")


def test_decided_location_is_met() -> None:
    decided = attrs.evolve(training_plan(), location="西山一天街", location_decided=True)
    verdict = g.evaluate(decided).verdict("muyang-briefing-2011.location")
    assert verdict.status is S.MET
    assert verdict.explain("zh") == "沐阳综合社区服务队宣讲会：活动地点已确定：西山一天街。"


def test_roles_without_anybody() -> None:
    before = g.evaluate(training_plan(), as_of="2011-03-09")
    host = before.verdict("muyang-briefing-2011.role.主持人")
    assert host.status is S.PENDING
    after = g.evaluate(training_plan(), as_of="2011-03-12")
    host = after.verdict("muyang-briefing-2011.role.主持人")
    assert host.status is S.MISSED
    assert host.explain("zh").endswith("主持人尚无人担任。")
    assert host.explain("en").endswith("nobody is assigned as the host.")
    assert after.verdict("muyang-briefing-2011.role.嘉宾").status is S.MET


def test_attendance_against_the_expected_number() -> None:
    expecting = attrs.evolve(training_plan(), expected_attendance=g.parse_quantity("40人"))
    assert (
        g.evaluate(expecting, as_of="2011-03-10").verdict("muyang-briefing-2011.attendance").status
        is S.PENDING
    )
    assert g.evaluate(expecting).verdict("muyang-briefing-2011.attendance").status is S.NO_DATA
    few = attrs.evolve(
        expecting, attendance=g.Attendance(names=tuple(f"队员{n}" for n in range(35)))
    )
    verdict = g.evaluate(few).verdict("muyang-briefing-2011.attendance")
    assert verdict.status is S.MISSED
    assert verdict.explain("zh").endswith("签到35人，预计40人。")
    assert verdict.explain("en").endswith("35 persons signed in against 40 persons expected.")
    many = attrs.evolve(expecting, attendance=g.Attendance(count=g.parse_quantity("40多人")))
    assert g.evaluate(many).verdict("muyang-briefing-2011.attendance").status is S.MET


def test_post_duty_targets_are_checked_by_the_target_rule() -> None:
    from .seed_events import sanitation_post

    post = sanitation_post()
    results = [
        g.Observation(indicator_id="bagged-garbage-cleared", value=g.parse_quantity("100%"),
                      period=g.Period.year(2011)),
        g.Observation(indicator_id="sanitation-blind-spots", value=g.parse_quantity("2处"),
                      period=g.Period.year(2011)),
        g.Observation(indicator_id="rodent-density", value=g.parse_quantity("0.8%"),
                      period=g.Period.year(2011)),
        g.Observation(indicator_id="rodent-density", value=g.parse_quantity("1%"),
                      period=g.Period.year(2011), scope="national-standard"),
    ]  # fmt: skip
    statuses = {v.subject: v.status for v in g.evaluate(post, results).verdicts}
    assert statuses == {
        "garbage-daily": S.MET,
        "no-blind-spots": S.MISSED,
        "four-pests-eliminated": S.NO_DATA,
        "cockroaches-within-standard": S.NO_DATA,
        "rodents-within-standard": S.MET,
    }
