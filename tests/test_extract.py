"""Text extraction: outlines, drafts, spans, documents that round-trip, and the seed texts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g
from govplan.io.extraction.building import draft_yaml
from govplan.io.extraction.outline import outline
from govplan.io.extraction.sentences import MAX_SENTENCE, sentences
from govplan.io.limits import Limits

SEEDS = Path("/work/shared/seeds")
SEED_02 = SEEDS / "02-education-bureau-2010-summary-and-2011-plan.txt"
needs_seeds = pytest.mark.skipif(not SEED_02.exists(), reason="seed texts not available")

PLAN = (
    "娄星区教育局2011年工作要点\n"
    "一、重均衡，抓基础，努力推进全区教育协调发展 4.巩固提高“普九”成果。千方百计"
    "确保小学生入学率和巩固率100%，初中生辍学率控制在1%以内。建设4所省级义务教"
    "育合格学校。\n"
    "5.积极发展学前教育。到2011年秋季，全区学前一年幼儿入园率达到96%，全区学"
    "前三年幼儿入园率达到72%以上。\n"
    "二、重师德，抓提高 6.优化师资队伍管理。力争实现小学教师专科学历比例达90%，"
    "初中和高中教师本科学历比例分别达65%和90%以上。全面完成债务1936万元的化"
    "解工作，迎接省11月底的检查验收。\n"
)

REPORT = (
    "某县教育局2010年工作总结\n"
    "一、主要工作\n"
    "1、普通高考再创新高，全区本科上线人数1718人，其中一本248人、二本604人"
    "、三本866人，上线率为50.6%，比2009年增加了4.81个百分点。\n"
    "2、全年共免除学杂费1436万元，其中城市741万元，农村695万元。全年共落实"
    "农村学校公用经费732万元，落实城市学校杂费716.5万元，合计1448.5万元"
    "。\n"
    "3、今年全区高考参考学生3397人。\n"
)


# -- the outline ----------------------------------------------------------------


def test_headings_are_numbered_in_sequence_and_broken_lines_join() -> None:
    text = "\n".join(
        (
            "2011年工作要点",
            "一、重基础",
            "1.巩固成果。认真组织、实施2011届小",
            "一、初",
            "一、高一新生的招生工作。",
            "2.发展学前教育。",
            "二、重质量",
            "3.提高效益。",
        )
    )
    doc = outline(text)
    assert [(h.marker, h.title) for h in doc.headings] == [
        ("一、", "重基础"),
        ("1.", "巩固成果"),
        ("2.", "发展学前教育"),
        ("二、", "重质量"),
        ("3.", "提高效益"),
    ]
    # the broken "小\n一、初\n一、高一" is one paragraph under task 1
    paragraph = next(b for b in doc.blocks if "高一新生" in doc.text[b.span.start : b.span.end])
    assert doc.label(paragraph.heading) == "一1"


def test_a_title_glued_to_a_paragraph_starts_a_new_part() -> None:
    text = "\n".join(
        (
            "某局2010年工作总结",
            "一、成绩",
            "全年完成投资720万元。某局2011年工作要点",
            "一、目标",
            "1.确保入学率100%。",
        )
    )
    doc = outline(text)
    assert [(p.title, p.kind, p.year) for p in doc.parts] == [
        ("某局2010年工作总结", "report", 2010),
        ("某局2011年工作要点", "plan", 2011),
    ]
    draft = g.extract(text, "report")
    assert [f.kind.value for f in draft.figures] == ["result", "target"]
    assert [str(f.period) for f in draft.figures] == ["2010", "2011"]


def test_subsections_and_points() -> None:
    doc = outline("一、总体\n(一)教育\n1、入学\n（1）小学\n(2)初中\n2、巩固\n(二)卫生")
    assert [doc.label(i) for i in range(len(doc.headings))] == [
        "一",
        "一(一)",
        "一(一)1",
        "一(一)1(1)",
        "一(一)1(2)",
        "一(一)2",
        "一(二)",
    ]


def test_long_runs_without_a_full_stop_are_cut() -> None:
    text = "学校12所教师，" * 400
    pieces = list(sentences(outline(text)))
    assert len(pieces) > 1
    assert all(len(piece.text) <= MAX_SENTENCE for piece in pieces)
    assert "".join(piece.text for piece in pieces) == text


# -- figures and claims ---------------------------------------------------------


def test_plan_targets_with_commitments_comparators_and_periods() -> None:
    draft = g.extract(PLAN, "plan")
    read = [
        (
            f.indicator,
            f.text,
            f.comparator.value if f.comparator else None,
            str(f.commitment),
            str(f.period),
        )
        for f in draft.targets
    ]
    assert ("小学生入学率", "100%", "at_least", "ensure", "2011") in read
    assert ("小学生巩固率", "100%", "at_least", "ensure", "2011") in read
    assert ("初中生辍学率", "控制在1%以内", "at_most", "ensure", "2011") in read
    assert ("学前一年幼儿入园率", "达到96%", "at_least", "plain", "2011-09") in read
    assert ("学前三年幼儿入园率", "达到72%以上", "at_least", "plain", "2011-09") in read
    assert ("初中教师本科学历比例", "达65%", "at_least", "strive", "2011") in read
    assert ("高中教师本科学历比例", "90%以上", "at_least", "strive", "2011") in read
    debt = next(f for f in draft.targets if f.text == "1936万元")
    assert debt.deadline is not None
    assert str(debt.deadline.due) == "2011-11-30"
    assert [m.action for m in draft.measures] == ["迎接省11月底的检查验收。"]


def test_every_figure_points_at_its_own_words() -> None:
    for text, kind in ((PLAN, "plan"), (REPORT, "report")):
        draft = g.extract(text, kind)  # type: ignore[arg-type]
        assert draft.figures
        for figure in draft.figures:
            assert text[figure.span.start : figure.span.end] == figure.text
            assert figure.span.start >= figure.sentence.start
            assert figure.span.end <= figure.sentence.end


def test_report_claims_are_linked_and_audited() -> None:
    draft = g.extract(REPORT, "report")
    report = draft.to_report()
    kinds = sorted(c.kind.value for c in draft.claims)
    assert kinds == ["change", "rate", "sum", "sum", "sum"]
    rate = next(c for c in draft.claims if c.kind.value == "rate")
    refs = (rate.rate, rate.numerator, rate.denominator)
    assert [draft.figure(ref).text for ref in refs if ref is not None] == [
        "50.6%",
        "1718人",
        "3397人",
    ]
    assert rate.review  # found in another sentence: a person should check it
    rules = g.RuleSet(id="audit", rules=(g.SumRule.name, g.RateRule.name, g.ChangeRule.name))
    evaluation = g.evaluate(report, rules=rules)
    statuses: dict[str, set[g.Status]] = {v.rule: set() for v in evaluation.verdicts}
    for verdict in evaluation.verdicts:
        statuses[verdict.rule].add(verdict.status)
    assert statuses["sums"] == statuses["rates"] == {g.Status.CONSISTENT}
    # 比2009年增加了4.81个百分点 with no 2009 figure: unverifiable, not consistent.
    (change,) = [v for v in evaluation.verdicts if v.rule == "changes"]
    assert change.status is g.Status.INDETERMINATE
    assert change.reason == g.ReasonCode.CLAIM_NO_BASELINE


def test_an_inconsistent_total_is_found() -> None:
    text = "某县2010年工作总结\n全县教育投入1000万元，其中城市700万元，农村200万元。"
    report = g.extract(text, "report").to_report()
    rules = g.RuleSet(id="audit", rules=(g.SumRule.name,))
    (verdict,) = g.evaluate(report, rules=rules).verdicts
    assert verdict.status is g.Status.INCONSISTENT


def test_forecasts_and_unknown_units_are_unread_not_guessed() -> None:
    text = "某县2011年工作总结\n预计全年生产总值增长12%。完成316工程。"
    draft = g.extract(text, "report")
    assert draft.results == ()
    reasons = {u.text: u.reason for u in draft.unread}
    assert any("forecast" in reason for reason in reasons.values())
    assert any(text_.startswith("316") for text_ in reasons)
    for unread in draft.unread:
        assert text[unread.span.start : unread.span.end] == unread.text


def test_numbers_that_state_no_figure_are_left_out() -> None:
    text = (
        "某局2011年工作总结\n根据娄星商党发[2011]7号文件，开展“三创”活动，"
        "11月28日检查了该4所学校，每千人拥有病床4.16张。"
    )
    draft = g.extract(text, "report")
    assert [f.text for f in draft.figures] == ["4.16张"]


def test_a_plan_quantity_without_target_wording_is_reported_unread() -> None:
    draft = g.extract("2011年活动计划书\n物品准备：2瓶矿泉水，纸张30张。", "plan")
    assert draft.targets == ()
    assert {u.text for u in draft.unread} == {"2瓶", "30张"}


def test_responsible_units_lead_measures_and_own_targets() -> None:
    text = (
        "某局2011年工作计划\n一、重点工作\n1.由局办公室牵头，12月底前完成全部复查。"
        "\n2.责任单位：财政局、审计局。确保化解债务1936万元。"
    )
    draft = g.extract(text, "plan")
    assert [(m.action, m.lead) for m in draft.measures] == [
        ("12月底前完成全部复查。", ("局办公室",))
    ]
    plan = draft.to_plan()
    (measure,) = (m for goal in plan.goals() for m in goal.measures)
    assert measure.lead == ("局办公室",)
    (target,) = plan.targets()
    assert target.scope == "财政局"
    assert {o.name for o in plan.organisations} >= {"局办公室", "财政局"}
    assert g.loads(g.dumps(plan, "yaml"), "yaml") == plan


def test_the_year_can_be_given_for_text_that_omits_it() -> None:
    text = "全市共发生事故23起，同比下降28.1%。"
    assert g.extract(text, "report").year is None
    draft = g.extract(text, "report", year=2021)
    accidents, change = draft.results
    assert str(accidents.period) == "2021"
    assert str(change.change_from) == "2020"
    assert change.quantity == g.parse_quantity("-28.1%")


# -- the draft as a document ----------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [(PLAN, "plan"), (REPORT, "report")])
@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_drafts_validate_and_round_trip(text: str, kind: str, fmt: g.Format) -> None:
    draft = g.extract(text, kind)  # type: ignore[arg-type]
    document = draft.to_document()
    assert g.loads(g.dumps(document, fmt), fmt) == document


@pytest.mark.parametrize(("text", "kind"), [(PLAN, "plan"), (REPORT, "report")])
def test_the_review_file_loads_to_the_same_document(text: str, kind: str) -> None:
    draft = g.extract(text, kind)  # type: ignore[arg-type]
    written = draft_yaml(draft)
    assert "# review:" in written
    assert g.loads(written, "yaml") == draft.to_document()


def test_plan_sections_and_numbered_tasks() -> None:
    plan = g.extract(PLAN, "plan").to_plan()
    assert [s.title for s in plan.sections] == [
        "重均衡，抓基础，努力推进全区教育协调发展",
        "重师德，抓提高",
    ]
    assert [(goal.number, goal.title) for goal in plan.goals()] == [
        ("4", "巩固提高“普九”成果"),
        ("5", "积极发展学前教育"),
        ("6", "优化师资队伍管理"),
    ]
    assert len(plan.goals()[0].targets) == 4


def test_indicator_ids_are_stable_slugs() -> None:
    first = g.extract(PLAN, "plan").to_plan()
    again = g.extract("前言。\n" + PLAN, "plan").to_plan()
    assert [i.id for i in first.indicators] == [i.id for i in again.indicators]
    assert "初中生辍学率" in {i.id for i in first.indicators}


def test_items_are_plain_data_in_document_order() -> None:
    items = g.extract(REPORT, "report").items()
    starts = [item["span"][0] for item in items]
    assert starts == sorted(starts)
    result = next(item for item in items if item.get("text") == "1718人")
    assert result["kind"] == "result"
    assert result["value"] == "1718"
    assert result["unit"] == "人"
    assert result["comparator"] == "equal"
    assert result["period"] == "2010"
    total = next(item for item in items if item["kind"] == "claim" and item["claim"] == "sum")
    assert total["total"] == result["id"]
    assert len(total["parts"]) == 3


def test_a_draft_without_a_year_says_how_to_give_one() -> None:
    draft = g.extract("全市共发生事故23起。", "report")
    with pytest.raises(g.ValidationError, match="year") as caught:
        draft.to_report()
    assert caught.value.field == "year"
    assert "--year" in str(caught.value)
    with pytest.raises(g.DanglingReferenceError, match="f99"):
        draft.figure("f99")


def test_the_review_file_says_what_it_leaves_out() -> None:
    text = (
        "某局2010年工作总结\n全年完成投资720万元。某局2011年工作要点\n一、目标\n1.确保入学率100%。"
    )
    written = draft_yaml(g.extract(text, "report"))
    assert "# not included: 1 targets read in this report (100%)" in written


def test_bad_arguments_name_the_argument() -> None:
    with pytest.raises(g.ParseError, match="kind"):
        g.extract("文本", "summary")  # type: ignore[arg-type]
    with pytest.raises(g.ParseError, match="text"):
        g.extract(b"bytes", "report")  # type: ignore[arg-type]
    with pytest.raises(g.LoadError, match="document_size"):
        g.extract("字" * 101, "report", limits=Limits(document_size=100))


# -- anything at all --------------------------------------------------------------


@settings(max_examples=60)
@given(
    st.text(
        alphabet="一二三、.（）()0123456789%人万元其中合计共占比上年增长下降确保力争。，；\n年月",
        max_size=300,
    )
)
def test_any_text_gives_a_draft_whose_spans_hold(text: str) -> None:
    draft = g.extract(text, "report", year=2011)
    for figure in draft.figures:
        assert text[figure.span.start : figure.span.end] == figure.text
    for unread in draft.unread:
        assert 0 <= unread.span.start <= unread.span.end <= len(text)
    draft.items()
    g.loads(g.dumps(draft.to_report(), "json"), "json")


def test_many_sections_and_their_draft_take_linear_time() -> None:
    def timed(sections: int) -> float:
        text = "2011年工作要点\n" + "一、任务\n1.确保入学率100%，建成2所学校。\n" * sections
        start = time.perf_counter()
        draft = g.extract(text, "plan")
        draft.to_yaml()
        return time.perf_counter() - start

    small, large = min(timed(100) for _ in range(2)), min(timed(800) for _ in range(2))
    assert large / small < 8 * 3  # linear: 8 times the sections, well under 64 times the time


def test_extraction_time_grows_linearly() -> None:
    unit = "全区共有学校12所，其中民办学校3所，占25%；预计增长8%。"

    def timed(size: int) -> float:
        text = unit * (size // len(unit))
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            g.extract(text, "report", year=2011)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(5_000), timed(40_000)
    assert large / small < 8 * 3  # linear: 8 times the text, well under 64 times the time


# -- the seed texts -----------------------------------------------------------------


@needs_seeds
def test_seed_02_states_every_sum_and_rate_and_they_hold() -> None:
    draft = g.extract(SEED_02.read_text(encoding="utf-8"), "report")
    report = draft.to_report()
    rules = g.RuleSet(id="audit", rules=(g.SumRule.name, g.RateRule.name, g.ChangeRule.name))
    evaluation = g.evaluate(report, rules=rules)
    assert {v.status for v in evaluation.verdicts if v.rule != "changes"} == {g.Status.CONSISTENT}
    # The change (4.81个百分点 over 2009) has no 2009 figure: unverifiable.
    assert {v.status for v in evaluation.verdicts if v.rule == "changes"} == {
        g.Status.INDETERMINATE
    }
    texts = {
        tuple(draft.figure(r).text for r in (c.total, *c.parts) if r)
        for c in draft.claims
        if c.total
    }
    assert ("1436万元", "741万元", "695万元") in texts
    assert ("1448.5万元", "732万元", "716.5万元") in texts
    assert ("1718人", "248人", "604人", "866人") in texts
    assert ("32件", "5件", "27件") in texts
    assert ("500余万元", "400余万元", "100万元") in texts


@needs_seeds
def test_seed_02_plan_has_its_28_tasks_in_six_sections() -> None:
    plan = g.extract(SEED_02.read_text(encoding="utf-8"), "plan").to_plan()
    assert len(plan.sections) == 6
    assert [goal.number for goal in plan.goals()] == [str(n) for n in range(1, 29)]
    assert plan.title == "娄星区教育局2011年工作要点"
