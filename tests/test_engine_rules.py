"""The rules one by one: comparators, time, templates, notes, deadlines, custom rules."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest

import govplan as g

S = g.Status
YEAR = g.Period.year(2011)


def _plan(*targets: g.Target, measures: tuple[g.Measure, ...] = (), unit: str = "%") -> g.Plan:
    organisations = (
        g.Organisation(id="bureau", name="教育局"),
        g.Organisation(id="city", name="全市"),
        g.Organisation(id="school-a", name="一中", parent_id="bureau"),
        g.Organisation(id="school-b", name="二中", parent_id="bureau"),
    )
    return g.Plan(
        id="p",
        title="计划",
        period=YEAR,
        issuer="bureau",
        organisations=organisations,
        indicators=(
            g.Indicator(id="rate", name="合格率", unit=g.parse_unit(unit)),
            g.Indicator(id="rank", name="名次", unit=g.parse_unit("名次"), direction="lower"),
        ),
        sections=(
            g.Section(
                id="s",
                title="一",
                goals=(g.Goal(id="goal", title="任务", targets=targets, measures=measures),),
            ),
        ),
    )


def _target(comparator: str, value: str | None = "90%", **extra: object) -> g.Target:
    return g.Target(
        id="t",
        indicator_id=extra.pop("indicator_id", "rate"),  # type: ignore[arg-type]
        comparator=g.Comparator(comparator),
        value=None if value is None else g.parse_quantity(value),
        period=extra.pop("period", YEAR),
        **extra,  # type: ignore[arg-type]
    )


def _obs(value: str | None, period: str = "2011", **extra: object) -> g.Observation:
    return g.Observation(
        indicator_id=extra.pop("indicator_id", "rate"),  # type: ignore[arg-type]
        value=None if value is None else g.parse_quantity(value),
        period=g.parse_period(period),
        **extra,  # type: ignore[arg-type]
    )


def _status(target: g.Target, *observations: g.Observation, as_of: str | None = None) -> g.Status:
    return g.evaluate(_plan(target), observations, as_of=as_of).verdict(target.id).status


@pytest.mark.parametrize(
    ("comparator", "value", "upper", "at_threshold"),
    [
        ("at_least", "90%", None, S.MET),  # 以上 / 达到 include the number
        ("more_than", "90%", None, S.MISSED),  # 超过 excludes it
        ("at_most", "90%", None, S.MET),  # 以下 / 以内 include it
        ("less_than", "90%", None, S.MISSED),  # 不满 excludes it
        ("equal", "90%", None, S.MET),
        ("between", "90%", "95%", S.MET),
        ("between", "85%", "90%", S.MET),
    ],
)
def test_boundaries_follow_civil_code_article_1259(
    comparator: str, value: str, upper: str | None, at_threshold: g.Status
) -> None:
    extra = {} if upper is None else {"upper": g.parse_quantity(upper)}
    assert _status(_target(comparator, value, **extra), _obs("90%")) is at_threshold


def test_zero_incidents_and_missing_is_not_zero() -> None:
    target = _target("zero", None, indicator_id="rate")
    assert _status(target, _obs("0%")) is S.MET
    assert _status(target, _obs("0.1%")) is S.MISSED
    assert _status(target, _obs(None)) is S.NO_DATA
    assert _status(target) is S.NO_DATA


def test_rank_targets() -> None:
    top_three = _target("rank_within", "3名次", indicator_id="rank")
    assert _status(top_three, _obs("第二名", indicator_id="rank")) is S.MET
    assert _status(top_three, _obs("第三名", indicator_id="rank")) is S.MET
    assert _status(top_three, _obs("第五名", indicator_id="rank")) is S.MISSED
    assert _status(top_three, _obs("前八名", indicator_id="rank")) is S.INDETERMINATE


def test_interval_observations_are_three_valued() -> None:
    target = _target("at_least", "72%")
    assert _status(target, _obs("70多%")) is S.INDETERMINATE
    assert _status(target, _obs("80多%")) is S.MET
    assert _status(target, _obs("60多%")) is S.MISSED
    assert _status(target, _obs("(70,72)%")) is S.MISSED
    assert _status(target, _obs("(70,72]%")) is S.INDETERMINATE


def test_change_target_in_percentage_points_against_a_baseline() -> None:
    target = _target("at_least", "4个百分点", basis="change", baseline=g.Period.year(2010))
    assert _status(target, _obs("50.6%"), _obs("45.79%", "2010")) is S.MET  # +4.81 pp
    assert _status(target, _obs("48.6%"), _obs("45.79%", "2010")) is S.MISSED  # +2.81 pp
    stated = _obs("4.81个百分点", change_from=g.Period.year(2010))
    assert _status(target, stated) is S.MET
    assert _status(target, _obs("50.6%")) is S.NO_DATA  # no baseline: nothing to compare


def test_growth_target_in_percent_of_the_baseline() -> None:
    target = _target("at_least", "8%", basis="growth", baseline=g.Period.year(2010))
    plan = _plan(target, unit="万元")

    def status(*observations: g.Observation) -> g.Status:
        return g.evaluate(plan, observations).verdict("t").status

    assert status(_obs("108万元"), _obs("100万元", "2010")) is S.MET
    assert status(_obs("107.9万元"), _obs("100万元", "2010")) is S.MISSED


def test_reference_target_against_another_scope() -> None:
    higher = _target("more_than", "0个百分点", basis="reference", reference_scope="city")
    city = _obs("90.5%", scope="city")
    assert _status(higher, _obs("92.27%"), city) is S.MET
    assert _status(higher, _obs("90.5%"), city) is S.MISSED  # 高于 excludes equality
    assert _status(higher, _obs("92.27%")) is S.NO_DATA


def test_pending_at_risk_and_no_data_follow_the_as_of_date() -> None:
    cumulative = _target("at_least", "100万元", cumulative=True)
    plan_unit = "万元"
    plan = _plan(cumulative, unit=plan_unit)

    def status(*observations: g.Observation, as_of: str | None) -> g.Status:
        return g.evaluate(plan, observations, as_of=as_of).verdict("t").status

    assert status(as_of="2011-06-30") is S.PENDING
    assert status(_obs("60万元", "2011-H1"), as_of="2011-06-30") is S.PENDING  # ahead of pace
    assert status(_obs("30万元", "2011-H1"), as_of="2011-06-30") is S.AT_RISK  # behind
    assert status(as_of="2012-01-01") is S.NO_DATA
    assert status(_obs("100万元"), as_of="2012-01-01") is S.MET
    assert status(_obs("100万元"), as_of=None) is S.MET


def test_a_cumulative_ceiling_already_broken_is_missed_early() -> None:
    ceiling = _target("zero", None, cumulative=True, commitment="strive")
    plan = _plan(ceiling, unit="起")
    evaluation = g.evaluate(plan, [_obs("1起", "2011-H1")], as_of="2011-07-01")
    assert evaluation.verdict("t").status is S.MISSED
    assert evaluation.verdict("t").severity is g.Severity.SHORTFALL
    assert evaluation.passes


def test_deadline_earlier_than_the_period_end() -> None:
    target = _target("at_least", "90%", deadline=g.parse_deadline("11月底", year=2011))
    assert _status(target, as_of="2011-11-30") is S.PENDING
    assert _status(target, as_of="2011-12-01") is S.NO_DATA


def test_commitment_decides_failure_or_shortfall() -> None:
    def severity(**extra: object) -> g.Severity:
        plan = _plan(_target("at_least", "95%", **extra))
        return g.evaluate(plan, [_obs("94%")]).verdict("t").severity

    assert severity(commitment="ensure") is g.Severity.FAILURE
    assert severity() is g.Severity.FAILURE
    assert severity(commitment="strive") is g.Severity.SHORTFALL
    assert severity(nature="anticipatory") is g.Severity.SHORTFALL
    assert severity(commitment="strive", nature="binding") is g.Severity.FAILURE


def test_progress_of_a_decrease_is_measured_from_the_baseline() -> None:
    dropout = _target("at_most", "1%", baseline=g.Period.year(2010), tolerance=Decimal("0.9"))
    evaluation = g.evaluate(_plan(dropout), [_obs("1.1%"), _obs("2%", "2010")])
    verdict = evaluation.verdict("t")
    assert verdict.progress == Decimal("0.9")  # 2% → 1.1% is 90% of the way to 1%
    assert verdict.status is S.BASICALLY_MET
    no_baseline = g.evaluate(_plan(_target("at_most", "1%")), [_obs("1.1%")]).verdict("t")
    assert no_baseline.progress is None  # never actual/target for a decrease


def test_template_target_for_each_sub_unit() -> None:
    target = _target("at_least", "90%", for_each="scope")
    evaluation = g.evaluate(
        _plan(target), [_obs("95%", scope="school-a"), _obs("85%", scope="school-b")]
    )
    assert [(v.subject, v.status) for v in evaluation.verdicts] == [
        ("t@school-a", S.MET),
        ("t@school-b", S.MISSED),
    ]
    assert evaluation.verdict("t@school-b").scope == "school-b"
    assert "（school-b）" in evaluation.verdict("t@school-b").explain("zh")


def test_template_target_for_each_breakdown() -> None:
    target = _target("at_least", "90%", for_each="breakdown")
    evaluation = g.evaluate(
        _plan(target),
        [_obs("95%", breakdown={"area": "城市"}), _obs("88%", breakdown={"area": "农村"})],
    )
    assert [(v.subject, v.status) for v in evaluation.verdicts] == [
        ("t@城市", S.MET),
        ("t@农村", S.MISSED),
    ]


def test_a_justification_is_kept_but_does_not_change_the_status() -> None:
    explained = _obs("85%", note="受疫情影响，部分学生延期返校")
    verdict = g.evaluate(_plan(_target("at_least", "90%")), [explained]).verdict("t")
    assert verdict.status is S.MISSED
    assert verdict.note == "受疫情影响，部分学生延期返校"


def test_comparing_incompatible_units_is_an_error() -> None:
    plan = _plan(_target("at_least", "90%"))
    with pytest.raises(g.UnitMismatchError):
        g.evaluate(plan, [_obs("90人")])


@pytest.mark.parametrize(
    ("status", "completed", "deadline", "as_of", "expected"),
    [
        ("done", "2011-11-20", "11月底", None, S.MET),
        ("done", "2011-12-05", "11月底", None, S.DONE_LATE),
        ("in_progress", None, "11月底", "2011-12-01", S.OVERDUE),
        ("in_progress", None, "11月底", "2011-11-30", S.PENDING),
        ("planned", None, None, "2011-11-30", S.NO_DATA),
    ],
)
def test_deadline_rule(
    status: str, completed: str | None, deadline: str | None, as_of: str | None, expected: g.Status
) -> None:
    measure = g.Measure(
        id="m",
        action="迎接省检查验收",
        lead=("bureau",),
        status=g.MeasureStatus(status),
        completed_on=None if completed is None else g.parse_date(completed),
        deadline=None if deadline is None else g.parse_deadline(deadline, year=2011),
    )
    verdict = g.evaluate(_plan(measures=(measure,)), as_of=as_of).verdict("m")
    assert verdict.status is expected
    assert verdict.responsible == ("bureau",)
    assert verdict.explain("zh").startswith("迎接省检查验收：")
    assert verdict.explain("en").startswith("Measure m: ")


def test_as_of_accepts_dates_datetimes_and_text() -> None:
    plan = _plan(_target("at_least", "90%"))
    local_evening = pendulum.datetime(2011, 12, 31, 20, tz="UTC")  # already 2012 in Shanghai
    assert g.evaluate(plan, as_of=local_evening).as_of == pendulum.date(2012, 1, 1)
    assert g.evaluate(plan, as_of=pendulum.date(2011, 3, 1)).as_of == pendulum.date(2011, 3, 1)


class _EveryGoalHasATarget:
    """A custom rule written against the documented protocol."""

    name = "goal_has_target"

    def applies_to(self, subject: object) -> bool:
        return isinstance(subject, g.Plan)

    def check(self, subject: object, context: g.Context) -> Iterator[g.Verdict]:
        assert isinstance(subject, g.Plan)
        for goal in subject.goals():
            status = S.MET if goal.targets else S.NO_DATA
            yield g.make_verdict(
                self.name,
                goal.id,
                status,
                f"{goal.title}：{'有' if goal.targets else '没有'}量化目标。",
                f"{goal.id}: {'has' if goal.targets else 'has no'} target.",
                goal_id=goal.id,
            )


def test_custom_rules_plug_in_without_engine_changes(tmp_path: Path) -> None:
    rule = _EveryGoalHasATarget()
    assert isinstance(rule, g.Rule)
    plan = _plan()
    evaluation = g.evaluate(plan, rules=[rule])
    assert [v.status for v in evaluation.verdicts] == [S.NO_DATA]

    path = tmp_path / "rules.yaml"
    path.write_text("document: rule_set\nid: mine\nrules: [deadlines]\n", "utf-8")
    rules = g.load(path)
    assert isinstance(rules, g.RuleSet)
    mine = rules.add(rule, before="deadlines")
    assert [v.rule for v in g.evaluate(plan, rules=mine).verdicts] == ["goal_has_target"]
    # Composing a rule set changes nobody else's.
    assert "goal_has_target" not in g.default_rules().names()
    assert "goal_has_target" not in g.RuleSet().names()


def test_a_catalogue_is_composed_without_global_state() -> None:
    default = g.default_rules()
    assert default.names() == g.rule_names()
    assert default.names()[:2] == ("targets", "deadlines")
    strict = default.configure("targets", basically_met="0.9")
    assert strict.get("targets").basically_met == Decimal("0.9")
    assert default.get("targets").basically_met is None
    assert g.RuleSet().get("targets").basically_met is None
    lean = default.remove("location", "roles").only("targets", "sums")
    assert lean.names() == ("targets", "sums")
    replaced = default.replace(g.TargetRule(basically_met=Decimal("0.8")))
    assert replaced.names() == default.names()
    assert replaced.get("targets").basically_met == Decimal("0.8")
    with pytest.raises(g.ValidationError, match="two rules are named 'targets'"):
        default.add(g.TargetRule())
    with pytest.raises(g.ValidationError, match="no rule named 'nope'"):
        default.remove("nope")
    with pytest.raises(g.ValidationError, match=r"basically_met: basically_met must be a share"):
        default.configure("targets", basically_met="2")
    with pytest.raises(g.ValidationError, match="has no setting 'speed'"):
        default.configure("location", speed=3)
    with pytest.raises(AttributeError, match="immutable"):
        default.get("targets").name = "other"


def test_rule_settings_round_trip_through_rule_files() -> None:
    text = (
        "document: rule_set\nid: bureau\n"
        "rules: [{name: targets, basically_met: '0.95'}, deadlines,\n"
        "        {name: location, warning_days: 3}]\n"
    )
    rules = g.loads(text, "yaml")
    assert rules.get("targets").basically_met == Decimal("0.95")
    assert rules.get("location").warning_days == 3
    assert g.loads(g.dumps(rules, "yaml"), "yaml") == rules
    legacy = g.loads("document: rule_set\nbasically_met: 0.9\nlocation_warning_days: 2\n", "yaml")
    assert legacy.get("targets").basically_met == Decimal("0.9")
    assert legacy.get("location").warning_days == 2
    with pytest.raises(g.LoadError, match=r"rules\[0\].*warning_days"):
        g.loads("document: rule_set\nrules: [{name: location, warning_days: -1}]\n", "yaml")
    with pytest.raises(g.ValidationError, match="is code, not data"):
        g.dumps(g.RuleSet(rules=(_EveryGoalHasATarget(),)), "yaml")


def test_a_rule_file_naming_an_unknown_rule_is_refused() -> None:
    with pytest.raises(g.LoadError, match=r"rules\[1\]: unknown rule 'eval'"):
        g.loads("document: rule_set\nrules: [targets, eval]\n", "yaml")
