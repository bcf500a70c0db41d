"""The engine on seed 02: the 2010 summary's arithmetic and the 2011 targets."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govplan as g

from .seed_education import RESULTS_2011, RESULTS_2011_MIDYEAR, plan_2011, report_2010

S = g.Status


def test_every_stated_sum_and_rate_of_2010_is_consistent_and_the_change_unverifiable() -> None:
    evaluation = g.evaluate(report_2010())
    assert evaluation.passes
    statuses = {
        v.subject: v.status for v in evaluation.verdicts if v.rule in ("sums", "rates", "changes")
    }
    assert statuses == {
        "admitted-by-tier": S.CONSISTENT,  # 248 + 604 + 866 = 1718
        "undergrad-rate-of-candidates": S.CONSISTENT,  # 1718 / 3397 = 50.57…% ≈ 50.6%
        # 提高4.81个百分点 with no 2009 figure stated: its implied 45.79% is possible,
        # but nothing says it is right (unverifiable, not consistent).
        "undergrad-rate-vs-2009": S.INDETERMINATE,
        "fee-exempt-by-area": S.CONSISTENT,  # 741 + 695 = 1436 万元
        "school-funds-sum": S.CONSISTENT,  # 732 + 716.5 = 1448.5 万元
        "proposals-sum": S.CONSISTENT,  # 5 + 27 = 32
        "key-proposals-within": S.CONSISTENT,
        "investment-sum": S.CONSISTENT,  # 400余万 + 100万 fits 500余万
        "graduates-placed-within": S.CONSISTENT,
        "private-kindergartens-within": S.CONSISTENT,
        "moved-within-sanctioned": S.CONSISTENT,
        "prize-essays-within-sent": S.CONSISTENT,
    }
    implied = evaluation.verdict("undergrad-rate-vs-2009")
    assert str(implied.observed) == "45.79%"
    assert "45.79%" in implied.explain("zh")
    assert "implies 45.79% for 2009" in implied.explain("en")
    assert "unverifiable" in implied.explain("en")
    assert implied.reason == g.ReasonCode.CLAIM_NO_BASELINE


def _altered(report: g.Report, observation_id: str, value: str) -> g.Report:
    observations = tuple(
        attrs.evolve(o, value=g.parse_quantity(value)) if o.id == observation_id else o
        for o in report.observations
    )
    return attrs.evolve(report, observations=observations)


def test_an_altered_total_is_flagged_inconsistent_naming_the_figures() -> None:
    evaluation = g.evaluate(_altered(report_2010(), "fee-exempt", "1437万元"))
    assert not evaluation.passes
    verdict = evaluation.verdict("fee-exempt-by-area")
    assert verdict.status is S.INCONSISTENT
    assert verdict.severity is g.Severity.FAILURE
    assert verdict.refs == ("fee-exempt", "fee-exempt-urban", "fee-exempt-rural")
    assert str(verdict.gap) == "-1万元"
    for figure in ("741万元", "695万元", "1436万元", "1437万元"):
        assert figure in verdict.explain("zh")
    for figure in ("7.41 million yuan", "6.95 million yuan", "14.37 million yuan"):
        assert figure in verdict.explain("en")
    assert evaluation.failures() == (verdict,)


def test_an_altered_rate_is_flagged_but_rounding_is_not() -> None:
    assert g.evaluate(_altered(report_2010(), "undergrad-rate", "50.57%")).passes
    evaluation = g.evaluate(_altered(report_2010(), "undergrad-rate", "50.7%"))
    assert evaluation.verdict("undergrad-rate-of-candidates").status is S.INCONSISTENT


def test_a_stated_change_is_checked_against_a_baseline_when_one_is_known() -> None:
    def baseline(value: str) -> g.Observation:
        return g.Observation(
            id="rate-2009",
            indicator_id="undergrad-rate",
            value=g.parse_quantity(value),
            period=g.Period.year(2009),
        )

    good = g.evaluate(report_2010(), [baseline("45.79%")])
    assert good.verdict("undergrad-rate-vs-2009").status is S.CONSISTENT
    assert good.verdict("undergrad-rate-vs-2009").refs[-1] == "rate-2009"
    bad = g.evaluate(report_2010(), [baseline("45.7%")])
    verdict = bad.verdict("undergrad-rate-vs-2009")
    assert verdict.status is S.INCONSISTENT
    assert str(verdict.observed) == "4.9个百分点"


def test_2011_targets_at_year_end() -> None:
    evaluation = g.evaluate(plan_2011(), RESULTS_2011, as_of="2012-02-15")
    statuses = {v.subject: v.status for v in evaluation.verdicts if v.rule == "targets"}
    assert statuses == {
        "primary-enrolment-100": S.MET,
        "primary-retention-100": S.MISSED,  # 99.9% against 确保100%
        "junior-dropout-1": S.MET,
        "qualified-schools-4": S.MET,
        "preschool-1y-96": S.MET,  # 96% meets 达到96%: the boundary is included
        "preschool-3y-72": S.INDETERMINATE,  # 70多% straddles 72%以上
        "model-kindergarten-1": S.MET,
        "township-kindergartens-50": S.MISSED,  # 力争
        "junior-to-senior-95": S.MISSED,  # 力争
        "non-puji-debt-1936": S.MET,
        "qualified-schools-4-again": S.MET,
        "no-poverty-dropouts": S.MET,
        "no-illegal-petitions": S.NO_DATA,  # reported as missing, not as zero
        "primary-teacher-college-90": S.MET,
        "junior-teacher-degree-65": S.MISSED,  # 力争
        "senior-teacher-degree-90": S.NO_DATA,  # no result at all
    }
    severities = {v.subject: v.severity for v in evaluation.verdicts}
    assert severities["primary-retention-100"] is g.Severity.FAILURE
    assert severities["township-kindergartens-50"] is g.Severity.SHORTFALL
    assert severities["junior-to-senior-95"] is g.Severity.SHORTFALL
    assert not evaluation.passes
    # The 确保 commitments without a figure have no result past due: they fail too.
    assert [v.subject for v in evaluation.failures()] == [
        "primary-retention-100",
        "fair-exams",
        "migrant-children-enrolment",
        "vulnerable-students",
        "orderly-teaching",
    ]
    relaxed = g.evaluate(plan_2011(), RESULTS_2011, as_of="2012-02-15", allow_missing=True)
    assert [v.subject for v in relaxed.failures()] == ["primary-retention-100"]
    retention = evaluation.verdict("primary-retention-100")
    assert str(retention.gap) == "-0.1个百分点"
    assert retention.explain("zh") == (
        "小学生巩固率：实际99.9%，目标不低于100%（确保），未达成，差距-0.1个百分点。"
    )
    assert retention.explain("en") == (
        "primary-retention: observed 99.9% against target at least 100% (ensure): "
        "missed, gap -0.1 pp."
    )


def test_2011_targets_at_mid_year() -> None:
    evaluation = g.evaluate(plan_2011(), RESULTS_2011_MIDYEAR, as_of="2011-06-30")
    statuses = {v.subject: v.status for v in evaluation.verdicts if v.rule == "targets"}
    assert statuses["non-puji-debt-1936"] is S.AT_RISK  # 600 万元 behind the pace to 11月底
    assert statuses["qualified-schools-4"] is S.PENDING  # 3 schools: ahead of pace
    assert statuses["junior-dropout-1"] is S.AT_RISK  # 1.2% above the 1% ceiling so far
    assert statuses["preschool-1y-96"] is S.PENDING
    assert evaluation.passes  # nothing has failed yet
    debt = evaluation.verdict("non-puji-debt-1936")
    assert "1049.15万元" in debt.explain("zh")  # 1936 × 181/334 days to 30 November, rounded
    assert "差449.15万元" in debt.explain("zh")
    assert "10.49 million yuan" in debt.explain("en")
    # Full-year results are not known in June.
    late = g.evaluate(plan_2011(), RESULTS_2011, as_of="2011-06-30")
    assert late.verdict("primary-retention-100").status is S.PENDING


def test_basically_met_band_from_the_rule_set() -> None:
    rules = g.RuleSet().configure("targets", basically_met=Decimal("0.95"))
    evaluation = g.evaluate(plan_2011(), RESULTS_2011, rules=rules)
    verdict = evaluation.verdict("junior-to-senior-95")
    assert verdict.status is S.BASICALLY_MET  # 94 / 95 = 98.95% of the way
    assert str(verdict.progress) == "0.9895"
    assert "基本完成" in verdict.explain("zh")
    assert evaluation.verdict("junior-teacher-degree-65").status is S.MISSED  # 92% of the way


def test_rollups_by_goal_section_and_unit() -> None:
    evaluation = g.evaluate(plan_2011(), RESULTS_2011)
    by_goal = evaluation.by_goal()
    assert [v.subject for v in by_goal["g22"]] == [
        "primary-teacher-college-90",
        "junior-teacher-degree-65",
        "senior-teacher-degree-90",
    ]
    assert set(evaluation.by_section()) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert "no3-middle" in evaluation.by_responsible()
    counts = evaluation.counts()
    assert sum(counts.values()) == len(evaluation.verdicts)
    # 70多% against 72%, and the six commitments without a figure (unverifiable).
    assert counts[S.INDETERMINATE] == 7


def test_runs_are_deterministic() -> None:
    first = g.evaluate(plan_2011(), RESULTS_2011, as_of="2011-12-31")
    second = g.evaluate(plan_2011(), RESULTS_2011, as_of="2011-12-31")
    assert first == second
    assert g.loads(g.dumps(first, "json"), "json") == first


def test_scorecard_with_a_veto_item() -> None:
    evaluation = g.evaluate(plan_2011(), RESULTS_2011)
    card = g.Scorecard(
        id="2011-assessment",
        title="2011年度教育目标管理考核",
        items=(
            g.ScoreItem(subject="primary-enrolment-100", weight=Decimal("20")),
            g.ScoreItem(subject="junior-dropout-1", weight=Decimal("20")),
            g.ScoreItem(subject="preschool-1y-96", weight=Decimal("20")),
            g.ScoreItem(subject="junior-to-senior-95", weight=Decimal("20")),
            g.ScoreItem(subject="no-poverty-dropouts", weight=Decimal("20"), veto=True),
        ),
        grades=(
            g.Grade(name="优秀", min_share=Decimal("0.9")),
            g.Grade(name="合格", min_share=Decimal("0")),
        ),
    )
    result = g.score(card, evaluation)
    assert (result.points, result.max_points, result.grade) == (Decimal(80), Decimal(100), "合格")
    assert result.vetoed_by == ()
    vetoed = attrs.evolve(
        card,
        items=(
            *card.items,
            g.ScoreItem(subject="primary-retention-100", weight=Decimal("1"), veto=True),
        ),
    )
    result = g.score(vetoed, evaluation)
    assert result.vetoed_by == ("primary-retention-100",)
    assert result.grade == "不合格"
    with pytest.raises(g.DanglingReferenceError, match=r"items\[0\]\.subject"):
        g.score(
            attrs.evolve(card, items=(g.ScoreItem(subject="nope", weight=Decimal("1")),)),
            evaluation,
        )
