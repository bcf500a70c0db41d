"""Claims checked as the reports mean them, from real report sentences.

Each test names the defect it pins: of-which sums equal to their total, rate
gaps in percentage points, no made-up 0 gaps on approximate values, a change
without a baseline as unverifiable, a unit mismatch confined to its claim, and
completion claims checked against their target.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.engine.check_table import ReasonCode
from govplan.engine.claim_wording import ClaimFacts

S = g.Status
SEEDS = Path(__file__).resolve().parent / "data" / "seed_facts" / "sources"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _source_text() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return re.sub(r"\s+", "", text).replace(",", "，").replace(";", "；")


def _seen(id: str, value: str, indicator: str = "i") -> g.Observation:
    return g.Observation(id=id, indicator_id=indicator, period="2010", value=value)


def _report(
    claims: tuple[object, ...],
    observations: tuple[g.Observation, ...],
    *,
    indicators: tuple[g.Indicator, ...] = (),
    targets: tuple[g.Target, ...] = (),
    completions: tuple[g.CompletionClaim, ...] = (),
    standings: tuple[g.StandingClaim, ...] = (),
) -> g.Report:
    return g.Report(
        id="r",
        title="总结",
        period=g.Period.year(2010),
        organisations=(g.Organisation(id="city", name="娄底市"),),
        indicators=indicators,
        observations=observations,
        claims=claims,  # type: ignore[arg-type]
        targets=targets,
        completion_claims=completions,
        standing_claims=standings,
    )


# ----------------------------------------------------------------------------- of which

# Real sentences of the seeds (seed 02), with the figures "其中" splits the total into.
OF_WHICH = [
    ("全区本科上线人数1718人", "1718人", ["248人", "604人", "866人"]),
    ("全年共免除39461人的学杂费计1436万元，其中城市741万元，农村695万元", "1436万元",
     ["741万元", "695万元"]),
    ("落实农村学校公用经费732万元，落实城市学校杂费716.5万元，合计1448.5万元", "1448.5万元",
     ["732万元", "716.5万元"]),
    ("区人大代表建议5件、政协委员提案27件，一共32件", "32件", ["5件", "27件"]),
    ("全年总计引资500余万元", "500余万元", ["400余万元", "100万元"]),
    ("现在全区共有幼儿园72所，其中民办幼儿园70所", "72所", ["70所"]),
    ("共查处了11名教师的违规行为", "11人", ["1人"]),
    ("一共32件，其中重点提案2件", "32件", ["2件"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "total", "parts"), OF_WHICH, ids=[o[1] for o in OF_WHICH])
def test_an_of_which_sum_at_or_below_its_total_is_consistent(
    sentence: str, total: str, parts: list[str]
) -> None:
    """On main, parts equal to the total (其中 modelled as a subset) were indeterminate."""
    assert sentence in _source_text()
    observations = (
        _seen("total", total),
        *(_seen(f"p{n}", part) for n, part in enumerate(parts)),
    )
    claim = g.SumClaim(
        id="s", total="total", parts=tuple(f"p{n}" for n in range(len(parts))), exhaustive=False
    )
    verdict = g.evaluate(_report((claim,), observations)).verdict("s")
    assert verdict.status is S.CONSISTENT


def test_parts_above_their_total_are_inconsistent_and_straddling_ones_indeterminate() -> None:
    def status(total: str, *parts: str) -> g.Status:
        observations = (
            _seen("total", total),
            *(_seen(f"p{n}", part) for n, part in enumerate(parts)),
        )
        ids = tuple(f"p{n}" for n in range(len(parts)))
        claim = g.SumClaim(id="s", total="total", parts=ids, exhaustive=False)
        return g.evaluate(_report((claim,), observations)).verdict("s").status

    assert status("72所", "73所") is S.INCONSISTENT
    assert status("72所", "70多所") is S.INDETERMINATE  # (70, 80) against at most 72.5
    assert status("300多人", "250人") is S.CONSISTENT


# ----------------------------------------------------------------------------- rate gaps


def _rate_report(rate: str, numerator: str = "1718人", denominator: str = "3397人") -> g.Report:
    return _report(
        (g.RateClaim(id="rate", rate="r", numerator="n", denominator="d"),),
        (_seen("r", rate), _seen("n", numerator), _seen("d", denominator)),
    )


def test_a_rate_gap_is_in_percentage_points() -> None:
    """On main the gap of 1718 / 3397 against 50.7% read "-0.1260%"."""
    verdict = g.evaluate(_rate_report("50.7%")).verdict("rate")
    assert verdict.status is S.INCONSISTENT
    assert verdict.gap is not None
    assert verdict.gap.unit.symbol == "个百分点"
    assert str(verdict.gap) == "-0.1260个百分点"


# ----------------------------------------------------------------------------- no made-up 0


def _target_plan(value: str, observed: str) -> g.Evaluation:
    persons = g.parse_quantity("1人").unit
    target = g.Target(id="t", indicator_id="n", comparator="at_least", period="2012", value=value)
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2012),
        indicators=(g.Indicator(id="n", name="人数", unit=persons),),
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=(target,)),)),
        ),
    )
    return g.evaluate(plan, [g.Observation(indicator_id="n", period="2012", value=observed)])


def test_an_approximate_value_below_the_threshold_has_no_made_up_zero_gap() -> None:
    """On main, 近300 against 300以上 was missed with a gap of 0人."""
    verdict = _target_plan("300人", "近300人").verdict("t")
    assert verdict.status is S.MISSED
    assert verdict.gap is None
    assert "差距0" not in verdict.explain("zh")
    assert "gap 0" not in verdict.explain("en")
    # An exact value keeps its gap, and an interval short of the threshold its nearest one.
    assert str(_target_plan("300人", "299人").verdict("t").gap) == "-1人"
    assert str(_target_plan("300人", "[280,290]人").verdict("t").gap) == "-10人"


def test_a_completion_on_an_approximate_result_has_no_gap() -> None:
    quota = g.Target(
        id="quota", indicator_id="i", comparator="at_least", period="2010", value="300人"
    )
    claim = g.CompletionClaim(id="c", stated="完成任务", result="res", target="quota")
    report = _report((), (_seen("res", "近300人"),), targets=(quota,), completions=(claim,))
    verdict = g.evaluate(report).verdict("c")
    assert verdict.status is S.INCONSISTENT
    assert verdict.gap is None


# ----------------------------------------------------------------------------- changes


def _change_report(change: str, baseline: str | None = None) -> g.Report:
    rate = g.Indicator(id="rate", name="本科上线率", name_en="undergraduate rate", unit=g.PERCENT)
    observations = [
        g.Observation(id="now", indicator_id="rate", period="2010", value="50.6%"),
        g.Observation(
            id="delta", indicator_id="rate", period="2010", value=change, change_from="2009"
        ),
    ]
    if baseline is not None:
        observations.append(
            g.Observation(id="then", indicator_id="rate", period="2009", value=baseline)
        )
    claim = g.ChangeClaim(id="c", change="delta", current="now")
    return _report((claim,), tuple(observations), indicators=(rate,))


def test_a_change_without_a_baseline_is_unverifiable_not_consistent() -> None:
    """On main "比2009年增加了9.62个百分点" (4.81 doubled) with no 2009 figure was consistent."""
    for change in ("4.81个百分点", "9.62个百分点"):
        verdict = g.evaluate(_change_report(change)).verdict("c")
        assert verdict.status is S.INDETERMINATE
        assert verdict.reason == ReasonCode.CLAIM_NO_BASELINE
        assert "unverifiable" in verdict.explain("en")
        assert "无法核实" in verdict.explain("zh")


def test_a_change_with_an_impossible_implied_baseline_is_inconsistent() -> None:
    verdict = g.evaluate(_change_report("60个百分点")).verdict("c")  # implies -9.4%
    assert verdict.status is S.INCONSISTENT


def test_a_change_with_its_baseline_is_checked() -> None:
    assert g.evaluate(_change_report("4.81个百分点", "45.79%")).verdict("c").status is (
        S.CONSISTENT
    )
    doubled = g.evaluate(_change_report("9.62个百分点", "45.79%")).verdict("c")
    assert doubled.status is S.INCONSISTENT
    assert str(doubled.gap) == "-4.81个百分点"


# ----------------------------------------------------------------------------- units


def test_a_unit_mismatch_inside_one_claim_fails_that_claim_only() -> None:
    """On main one rate claim with 人 over 人次 raised UnitMismatchError for the whole report."""
    claims = (
        g.RateClaim(id="bad-rate", rate="r", numerator="n", denominator="d"),
        g.SumClaim(id="fees", total="t", parts=("u", "v")),
        g.SumClaim(id="bad-sum", total="t", parts=("u", "n")),
    )
    observations = (
        _seen("r", "50.6%"),
        _seen("n", "1718人"),
        _seen("d", "3397人次"),
        _seen("t", "1436万元"),
        _seen("u", "741万元"),
        _seen("v", "695万元"),
    )
    evaluation = g.evaluate(_report(claims, observations))
    bad = evaluation.verdict("bad-rate")
    assert bad.status is S.INCONSISTENT
    assert bad.severity is g.Severity.FAILURE
    assert bad.reason == ReasonCode.CLAIM_UNIT_MISMATCH
    assert "person-time" in bad.explain("en") or "人次" not in bad.explain("en")
    assert "人次" in bad.explain("zh")
    assert evaluation.verdict("fees").status is S.CONSISTENT
    assert evaluation.verdict("bad-sum").reason == ReasonCode.CLAIM_UNIT_MISMATCH
    assert not evaluation.passes


# ----------------------------------------------------------------------------- completions

INVESTED = g.Indicator(
    id="invest",
    name="招商引资",
    name_en="investment attracted",
    unit=g.parse_quantity("1万元").unit,
)


def _completion(result: str, quota: str, **claim: object) -> g.Verdict:
    target = g.Target(
        id="quota", indicator_id="invest", comparator="at_least", period="2010", value=quota
    )
    completion = g.CompletionClaim(
        id="c",
        stated="完成任务",
        result="res",
        target="quota",
        **claim,  # type: ignore[arg-type]
    )
    report = _report(
        (),
        (_seen("res", result, "invest"),),
        indicators=(INVESTED,),
        targets=(target,),
        completions=(completion,),
    )
    return g.evaluate(report).verdict("c")


def test_seed_02s_500_odd_wan_completes_the_400_wan_quota() -> None:
    """全年总计引资500余万元，圆满完成了今年的招引任务 (quota 400万元): no rule on main."""
    verdict = _completion("500余万元", "400万元")
    assert verdict.rule == "completions"
    assert verdict.status is S.CONSISTENT
    assert "500余万元" in verdict.explain("zh")
    assert verdict.explain("en") == (
        "investment attracted: more than 5 million yuan and less than 6 million yuan against a "
        "target of at least 4 million yuan; the report says it was completed: consistent."
    )


def test_exceeding_a_target_must_go_beyond_it() -> None:
    """超额完成全年任务."""
    assert _completion("450万元", "400万元", exceeded=True).status is S.CONSISTENT
    assert _completion("400万元", "400万元", exceeded=True).status is S.INCONSISTENT
    assert _completion("400多万元", "400万元", exceeded=True).status is S.CONSISTENT
    assert _completion("近400万元", "400万元").status is S.INCONSISTENT


def test_a_stated_share_of_the_target_is_checked_at_its_precision() -> None:
    """完成全年目标任务的85%."""
    share = g.parse_quantity("85%")
    verdict = _completion("340万元", "400万元", share=share)
    assert verdict.status is S.CONSISTENT
    assert _completion("345万元", "400万元", share=share).status is S.INCONSISTENT  # 86.25%
    off = _completion("345万元", "400万元", share=share)
    assert str(off.gap) == "1.25个百分点"


def test_a_completion_in_units_that_do_not_compare_is_an_error_of_that_claim() -> None:
    verdict = _completion("37人", "400万元")
    assert verdict.reason == ReasonCode.CLAIM_UNIT_MISMATCH
    assert verdict.status is S.INCONSISTENT


def test_a_completion_against_the_quota_in_another_currency_uses_that_form() -> None:
    target = g.Target(
        id="quota",
        indicator_id="invest",
        comparator="at_least",
        period="2010",
        value="400万元",
        alternatives=(g.parse_quantity("60万美元"),),
    )
    completion = g.CompletionClaim(id="c", stated="完成任务", result="res", target="quota")
    report = _report(
        (),
        (_seen("res", "70万美元", "invest"),),
        indicators=(INVESTED,),
        targets=(target,),
        completions=(completion,),
    )
    assert g.evaluate(report).verdict("c").status is S.CONSISTENT


# ----------------------------------------------------------------------------- standings


def test_a_standing_without_the_reference_figure_is_unverifiable() -> None:
    """高于全市平均水平 with no city figure: said to be unverifiable, not passed over."""
    standing = g.StandingClaim(
        id="above-city",
        stated="高中毕业会考一次合格率为92.27%，高于全市平均水平",
        about="高中毕业会考一次合格率",
        standing="above",
        reference_scopes=("city",),
        observation="own",
    )
    report = _report((), (_seen("own", "92.27%"),), standings=(standing,))
    verdict = g.evaluate(report).verdict("above-city")
    assert verdict.status is S.INDETERMINATE
    assert verdict.reason == ReasonCode.STANDING_NO_REFERENCE
    assert "未给出娄底市的数值" in verdict.explain("zh")
    assert "unverifiable" in verdict.explain("en")


@pytest.mark.parametrize(
    ("standing", "own", "theirs", "status"),
    [
        ("above", "92.27%", "90%", S.CONSISTENT),
        ("above", "92.27%", "92.27%", S.INCONSISTENT),
        ("above", "92.27%", "95%", S.INCONSISTENT),
        ("above", "92.27%", "90多%", S.INDETERMINATE),
        ("below", "1%", "2%", S.CONSISTENT),
        ("leading", "92.27%", "90%", S.INDETERMINATE),  # needed to lead, not enough
        ("leading", "80%", "90%", S.INCONSISTENT),
    ],
)
def test_a_standing_with_the_reference_figure_is_compared(
    standing: str, own: str, theirs: str, status: g.Status
) -> None:
    claim = g.StandingClaim(
        id="st",
        stated="高于全市平均水平",
        about="合格率",
        standing=standing,
        reference_scopes=("city",),
        observation="own",
        reference="theirs",
    )
    report = _report((), (_seen("own", own), _seen("theirs", theirs)), standings=(claim,))
    assert g.evaluate(report).verdict("st").status is status


# ----------------------------------------------------------------------------- wording


def test_claim_sentences_are_written_when_read_and_english_is_english() -> None:
    rate = g.Indicator(id="rate", name="本科上线率", name_en="undergraduate rate", unit=g.PERCENT)
    report = _report(
        (g.RateClaim(id="rate-claim", rate="r", numerator="n", denominator="d"),),
        (
            _seen("r", "50.6%", "rate"),
            _seen("n", "1718人", "rate"),
            _seen("d", "3397人", "rate"),
        ),
        indicators=(rate,),
    )
    verdict = g.evaluate(report).verdict("rate-claim")
    assert isinstance(verdict.facts, ClaimFacts)
    assert verdict.explain("en").startswith("undergraduate rate: 1718 persons / 3397 persons")
    assert not CJK.search(verdict.explain("en"))
    assert verdict.explain("zh").startswith("本科上线率：1718人 ÷ 3397人")


def test_commitments_without_a_figure_are_pending_then_unverifiable() -> None:
    commitment = g.QualitativeTarget(
        id="fair-exams",
        stated="确保考试公开、公正、平安",
        about="考试公开、公正、平安",
        period=g.Period.year(2011),
        commitment="ensure",
    )
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        sections=(
            g.Section(
                id="s",
                title="一",
                goals=(g.Goal(id="g", title="任务", qualitative_targets=(commitment,)),),
            ),
        ),
    )
    early = g.evaluate(plan, as_of="2011-06-30").verdict("fair-exams")
    assert early.status is S.PENDING
    assert early.severity is g.Severity.INFO
    final = g.evaluate(plan, allow_missing=True).verdict("fair-exams")
    assert final.status is S.INDETERMINATE
    assert final.severity is g.Severity.WARNING
    assert final.reason == ReasonCode.QUALITATIVE_NO_RESULT
    assert final.goal_id == "g"
    assert final.explain("en") == (
        "fair-exams: a commitment without a figure (ensure); no result is stated to judge it "
        "by: unverifiable."
    )


def _commitment_plan(commitment: str) -> g.Plan:
    qualitative = g.QualitativeTarget(
        id="fair-exams",
        stated="确保考试公开、公正、平安",
        about="考试公开、公正、平安",
        period=g.Period.year(2011),
        commitment=commitment,
    )
    goal = g.Goal(id="g", title="任务", qualitative_targets=(qualitative,))
    return g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def test_an_ensured_commitment_past_due_with_no_result_fails_the_run() -> None:
    """DESIGN §6: a binding (确保) target past due with no data fails the run by default."""
    evaluation = g.evaluate(_commitment_plan("ensure"))
    verdict = evaluation.verdict("fair-exams")
    assert verdict.status is S.INDETERMINATE
    assert verdict.severity is g.Severity.FAILURE
    assert verdict.reason == ReasonCode.QUALITATIVE_NO_RESULT_FAILS
    assert not evaluation.passes
    assert verdict.explain("zh") == (
        "考试公开、公正、平安：无数值的承诺（确保），没有可据以判断的结果，无法核实；"
        "确保的承诺缺少结果，不能视为通过，本次检查不通过。"
    )
    assert verdict.explain("en").endswith(
        "unverifiable; a binding commitment without a result cannot pass, so the run fails."
    )
    assert g.evaluate(_commitment_plan("ensure"), allow_missing=True).passes
    assert g.evaluate(_commitment_plan("ensure"), as_of="2011-06-30").passes


@pytest.mark.parametrize("commitment", ["strive", "plain"])
def test_a_commitment_that_is_not_ensured_stays_a_warning_when_missing(commitment: str) -> None:
    evaluation = g.evaluate(_commitment_plan(commitment))
    assert evaluation.verdict("fair-exams").severity is g.Severity.WARNING
    assert evaluation.passes


# ----------------------------------------------------------------------------- laws

_AMOUNTS = st.decimals(min_value=0, max_value=10_000, places=1)


@settings(max_examples=40)
@given(parts=st.lists(_AMOUNTS, min_size=1, max_size=4), slack=_AMOUNTS)
def test_parts_at_or_below_their_total_are_always_a_consistent_subset(
    parts: list[Decimal], slack: Decimal
) -> None:
    total = sum(parts, Decimal(0)) + slack
    observations = (
        _seen("total", f"{total}万元"),
        *(_seen(f"p{n}", f"{part}万元") for n, part in enumerate(parts)),
    )
    ids = tuple(f"p{n}" for n in range(len(parts)))
    claim = g.SumClaim(id="s", total="total", parts=ids, exhaustive=False)
    assert g.evaluate(_report((claim,), observations)).verdict("s").status is S.CONSISTENT


_RESULTS = st.one_of(
    st.decimals(min_value=0, max_value=800, places=1).map(lambda d: f"{d}万元"),
    st.integers(min_value=1, max_value=79).map(lambda n: f"{n * 10}多万元"),
    st.integers(min_value=2, max_value=80).map(lambda n: f"近{n * 10}万元"),
)
_AS_TARGET = {S.CONSISTENT: S.MET, S.INCONSISTENT: S.MISSED, S.INDETERMINATE: S.INDETERMINATE}


@settings(max_examples=60)
@given(
    comparator=st.sampled_from(["at_least", "at_most", "more_than", "less_than", "equal"]),
    quota=st.integers(min_value=1, max_value=800),
    approximate=st.booleans(),
    direction=st.sampled_from(["higher", "lower", "neither"]),
    result=_RESULTS,
)
def test_a_completion_claim_holds_exactly_when_the_target_is_met(
    comparator: str, quota: int, approximate: bool, direction: str, result: str
) -> None:
    """The completions rule and the target rule agree: completed ⇔ met, for every result."""
    if approximate and comparator not in ("at_least", "at_most", "equal"):
        approximate = False
    # Completing a quota stated as a plain figure (任务为400万元) is reaching it in the
    # better direction, not hitting it exactly: that case is pinned by the tests above.
    assume(comparator != "equal" or approximate)
    value = f"约{quota}万元" if approximate else f"{quota}万元"
    indicator = g.Indicator(
        id="invest", name="招商引资", unit=g.parse_quantity("1万元").unit, direction=direction
    )
    target = g.Target(
        id="quota", indicator_id="invest", comparator=comparator, period="2010", value=value
    )
    completion = g.CompletionClaim(id="c", stated="完成任务", result="res", target="quota")
    report = _report(
        (),
        (_seen("res", result, "invest"),),
        indicators=(indicator,),
        targets=(target,),
        completions=(completion,),
    )
    claim = g.evaluate(report).verdict("c")
    claimed = claim.status
    plan = g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2010),
        indicators=(indicator,),
        sections=(
            g.Section(id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=(target,)),)),
        ),
    )
    seen = g.Observation(indicator_id="invest", period="2010", value=result)
    target_verdict = g.evaluate(plan, [seen]).verdict("quota")
    checked = target_verdict.status
    assert _AS_TARGET[claimed] is checked
    if claim.gap is not None:
        # The same gap: a band (约N where neither direction is better) has 0 inside.
        assert claim.gap == target_verdict.gap


def test_a_change_stated_in_percent_for_a_rate_is_an_error_of_that_claim() -> None:
    """提高4.81% of a rate is not 提高4.81个百分点: % and 个百分点 do not compare."""
    verdict = g.evaluate(_change_report("4.81%", "45.79%")).verdict("c")
    assert verdict.status is S.INCONSISTENT
    assert verdict.reason == ReasonCode.CLAIM_UNIT_MISMATCH
    assert "pp" in verdict.explain("en") or "percentage point" in verdict.explain("en")


def test_a_standing_against_a_figure_in_another_unit_is_an_error_of_that_claim() -> None:
    claim = g.StandingClaim(
        id="st",
        stated="高于全市平均水平",
        about="合格率",
        standing="above",
        reference_scopes=("city",),
        observation="own",
        reference="theirs",
    )
    report = _report((), (_seen("own", "92.27%"), _seen("theirs", "900人")), standings=(claim,))
    verdict = g.evaluate(report).verdict("st")
    assert verdict.reason == ReasonCode.CLAIM_UNIT_MISMATCH
    assert verdict.severity is g.Severity.FAILURE


def test_claim_verdicts_round_trip_through_files_with_their_sentences() -> None:
    """Written when read, and kept as text in a file: read back, they are equal."""
    completion = _completion("500余万元", "400万元")
    report = _change_report("4.81个百分点")
    evaluation = g.evaluate(report)
    formats: tuple[g.Format, ...] = ("json", "yaml")
    for fmt in formats:
        back = g.loads(g.dumps(evaluation, fmt), fmt)
        assert list(back.verdicts) == list(evaluation.verdicts)
        assert [v.explain("en") for v in back.verdicts] == [
            v.explain("en") for v in evaluation.verdicts
        ]
    from govplan.io.converter import converter

    data = completion.to_data(converter())
    assert data["explanation_zh"] == completion.explain("zh")
    assert data["reason"] if completion.reason else "reason" not in data


def test_a_completion_whose_result_has_no_value_is_no_data() -> None:
    target = g.Target(
        id="quota", indicator_id="invest", comparator="at_least", period="2010", value="400万元"
    )
    completion = g.CompletionClaim(id="c", stated="完成任务", result="res", target="quota")
    report = _report(
        (),
        (g.Observation(id="res", indicator_id="invest", period="2010"),),
        indicators=(INVESTED,),
        targets=(target,),
        completions=(completion,),
    )
    verdict = g.evaluate(report).verdict("c")
    assert verdict.status is S.NO_DATA
    assert verdict.refs == ("res", "quota")
    assert "res" in verdict.explain("en")


@pytest.mark.parametrize(
    ("result", "gap"), [("400万元", "0"), ("430万元", "10"), ("370万元", "-10")]
)
def test_a_completion_against_a_band_has_gap_zero_inside_it(result: str, gap: str) -> None:
    """约400万元 where neither direction is better: [380, 420]; 0 inside, else the nearer end."""
    money = g.parse_quantity("1万元").unit
    indicator = g.Indicator(id="invest", name="招商引资", unit=money, direction="neither")
    target = g.Target(
        id="quota", indicator_id="invest", comparator="equal", period="2010", value="约400万元"
    )
    completion = g.CompletionClaim(id="c", stated="完成任务", result="res", target="quota")
    report = _report(
        (),
        (_seen("res", result, "invest"),),
        indicators=(indicator,),
        targets=(target,),
        completions=(completion,),
    )
    assert g.evaluate(report).verdict("c").gap == g.Quantity.of(Decimal(gap), money)
