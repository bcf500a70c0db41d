"""Every fact of the five seed texts, listed with its wording and where the seed objects hold it.

``tests/data/seed_facts/<seed>.yaml`` lists the checkable and recordable facts of
each source text (``sources/`` keeps the texts).  For every fact this test checks
that the quote is the source's wording, that a fact marked as modelled is present
in the seed objects with the stated value, that a fact said to be checked gets a
verdict from the named rule, that every figure of the text is in a listed fact (or
listed under ``other_numbers`` with the reason it is not one), and that the number of
modelled facts per seed has not dropped.

A path names a seed document, then attributes; ``[x]`` picks the item whose
``id`` is *x* (or the *x*-th item when *x* is a number, or key *x* of a mapping);
an attribute that is a method without arguments is called (``goals``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import govplan as g

from .seed_commerce import report_2011
from .seed_education import RESULTS_2011, plan_2011, report_2010
from .seed_events import sanitation_post, survey_day3, training_plan
from .seed_examples import EXAMPLES, FILES

DATA = Path(__file__).resolve().parent / "data" / "seed_facts"

DOCUMENTS: dict[str, dict[str, Callable[[], Any]]] = {
    "01-survey-day3": {"day3": survey_day3},
    "02-education": {"report_2010": report_2010, "plan_2011": plan_2011},
    "03-training-plan": {"event": training_plan},
    "04-commerce": {"report_2011": report_2011},
    "05-sanitation": {"post": sanitation_post},
}

# (modelled, total) per seed: a change that drops a fact fails here.
EXPECTED_COUNTS = {
    "01-survey-day3": (21, 22),
    "02-education": (312, 354),
    "03-training-plan": (41, 41),
    "04-commerce": (59, 61),
    "05-sanitation": (20, 20),
}

KINDS = frozenset(
    {
        "value",  # a stated figure
        "target",  # a planned figure with a comparator
        "commitment",  # a planned commitment without a figure (确保…)
        "measure",  # an action with owners, deadline or deliverable
        "project",  # a named construction or creation project
        "claim",  # arithmetic or a standing the text states about its figures
        "rank",  # a placing (第二名, 冠军, 八强)
        "inspection",  # an inspection, its findings, sanctions, rectifications
        "recurrence",  # something due again and again (每周五, 定期)
        "date",  # a date, time or weekday
        "document",  # a named document or file number
        "party",  # a named person, unit, team or post
        "text",  # a qualitative statement kept verbatim (strength, problem, duty)
    }
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def _facts(seed: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA / f"{seed}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def _source(seed: str) -> str:
    return _fold((DATA / "sources" / _facts(seed)["source"]).read_text(encoding="utf-8"))


@cache
def _document(seed: str, name: str) -> Any:
    return DOCUMENTS[seed][name]()


@cache
def _verdicts(seed: str, name: str) -> tuple[g.Verdict, ...]:
    document = _document(seed, name)
    results = RESULTS_2011 if name == "plan_2011" else ()
    return g.evaluate(document, results).verdicts


_STEP = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def resolve(seed: str, path: str) -> Any:
    """The object *path* names in the seed's documents."""
    name, _, rest = path.partition(".")
    current: Any = _document(seed, name)
    for match in _STEP.finditer(rest):
        attribute, selector = match.groups()
        if attribute is not None:
            current = getattr(current, attribute)
            if callable(current):
                current = current()
        elif isinstance(current, dict):
            current = current[selector]
        elif selector.isdigit():
            current = current[int(selector)]
        else:
            found = [item for item in current if getattr(item, "id", None) == selector]
            assert len(found) == 1, f"{path}: no single item with id {selector!r}"
            current = found[0]
    return current


def _all_facts() -> list[tuple[str, dict[str, Any]]]:
    return [(seed, fact) for seed in DOCUMENTS for fact in _facts(seed)["facts"]]


def _ids() -> list[str]:
    return [f"{seed}:{fact['id']}" for seed, fact in _all_facts()]


@pytest.mark.parametrize("seed", sorted(DOCUMENTS))
def test_fact_ids_are_unique_and_kinds_known(seed: str) -> None:
    facts = _facts(seed)["facts"]
    ids = [fact["id"] for fact in facts]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert {fact["kind"] for fact in facts} <= KINDS


@pytest.mark.parametrize(("seed", "fact"), _all_facts(), ids=_ids())
def test_fact(seed: str, fact: dict[str, Any]) -> None:
    assert _fold(fact["quote"]) in _source(seed), f"not the source's wording: {fact['quote']}"
    where = fact["modelled"]
    if where is False:
        assert fact.get("reason"), "an unmodelled fact says why"
        assert "value" not in fact
        assert "contains" not in fact
        assert "checked" not in fact
        return
    assert isinstance(where, str)
    found = resolve(seed, where)
    assert "value" in fact or "contains" in fact, "a modelled fact states what it holds"
    if "value" in fact:
        assert str(found) == str(fact["value"]), f"{where} holds {found}"
    if "contains" in fact:
        assert fact["contains"] in str(found), f"{where} holds {found}"
    checked = fact["checked"]
    if checked == "recorded":
        return
    if checked is False:
        assert fact.get("reason"), "a fact not checked says why"
        return
    rule, name = checked["rule"], checked.get("document", where.partition(".")[0])
    verdicts = [v for v in _verdicts(seed, name) if v.rule == rule]
    if "subject" in checked:
        assert checked["subject"] in {v.subject for v in verdicts}, (rule, checked)
    else:
        assert any(checked["ref"] in v.refs for v in verdicts), (rule, checked)


# A number in the text: digits, or Chinese numerals before a counting word.
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十两几]+(?=[个名次所项件堂位])")
# List numbering ("1、", "2.", "(1)") is not a fact.
_LIST_NUMBER = re.compile(r"[0-9]+(?=[、.](?![0-9]))|(?<=\()[0-9]+(?=\))")


@pytest.mark.parametrize("seed", sorted(DOCUMENTS))
def test_every_number_of_the_text_is_in_a_listed_fact(seed: str) -> None:
    """No figure of the source is left out of the inventory without a reason."""
    text = _source(seed)
    data = _facts(seed)
    quotes = [f["quote"] for f in data["facts"]] + [
        other["quote"] for other in data.get("other_numbers", ())
    ]
    for other in data.get("other_numbers", ()):
        assert _fold(other["quote"]) in text, other["quote"]
        assert other.get("reason"), other["quote"]
    covered = bytearray(len(text))
    for quote in map(_fold, quotes):
        start = text.find(quote)
        while start >= 0:
            covered[start : start + len(quote)] = b"\x01" * len(quote)
            start = text.find(quote, start + 1)
    listed = {m.start() for m in _LIST_NUMBER.finditer(text)}
    missing = [
        text[max(0, m.start() - 12) : m.end() + 6]
        for m in _NUMBER.finditer(text)
        if m.start() not in listed and not any(covered[m.start() : m.end()])
    ]
    assert missing == []


@pytest.mark.parametrize("seed", sorted(DOCUMENTS))
def test_modelled_fact_counts_do_not_drop(seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    facts = _facts(seed)["facts"]
    modelled = sum(1 for fact in facts if fact["modelled"] is not False)
    with capsys.disabled():
        print(f"\n{seed}: {modelled} of {len(facts)} facts modelled")
    assert (modelled, len(facts)) == EXPECTED_COUNTS[seed]


# The distortions an audit of the seeds found, each pinned by name.


def test_the_investment_quota_is_a_target_not_money_attracted() -> None:
    report = report_2010()
    attracted = [o for o in report.observations if o.indicator_id == "investment-attracted"]
    assert [str(o.value) for o in attracted] == ["400余万元", "100万元", "500余万元"]
    quota = resolve("02-education", "report_2010.targets[investment-quota-2010]")
    assert (str(quota.value), [str(a) for a in quota.alternatives]) == ("400万元", ["60万美元"])
    (claim,) = report.completion_claims
    assert (claim.result, claim.target) == ("investment-total", "investment-quota-2010")


def test_no3_middle_football_titles_are_two() -> None:
    report = report_2010()
    football = [
        (o.id, o.scope, o.breakdown.get("team"), str(o.value))
        for o in report.observations
        if o.indicator_id == "football-rank"
    ]
    assert football == [
        ("football-city-rank-men", "no3-middle", "男子", "第一名"),
        ("football-city-rank-women", "no3-middle", "女子", "第一名"),
        ("football-province-rank", "no3-middle", "男子", "第五名"),
    ]


def test_48_hazards_rectified_of_200_odd_found_is_not_done() -> None:
    campaign = resolve("02-education", "report_2010.inspections[school-surroundings-campaign]")
    (rectification,) = campaign.rectifications
    assert rectification.status is g.RectificationStatus.IN_PROGRESS
    assert str(rectification.count) == "48处"
    assert str(campaign.findings[0].count) == "200多个"


def test_month_long_spot_checks_found_problems_and_criticised_people() -> None:
    covert = resolve("02-education", "report_2010.inspections[irregular-schooling-covert]")
    assert covert.result is g.InspectionResult.FINDINGS
    assert "严肃的批评处理" in covert.findings[0].sanctions[0].action


def test_preschool_targets_fall_due_at_the_autumn_intake() -> None:
    for target_id in ("preschool-1y-96", "preschool-3y-72"):
        target = resolve("02-education", f"plan_2011.goals[g05].targets[{target_id}]")
        assert target.deadline.due == g.parse_date("2011-09-30")
        assert target.period == g.Period.month(2011, 9)


def test_wording_kept_as_written_and_agenda_item_4_unassigned() -> None:
    shortcoming = survey_day3().summary.shortcomings[0]  # type: ignore[union-attr]
    assert "才研的思路" in (shortcoming.text or "")
    item = training_plan().agenda[3]
    assert "讲解道社区" in item.activity
    assert item.roles == ()


def test_weekly_study_counts_fridays_to_the_report_date_less_holidays() -> None:
    study = report_2011().activities[0]
    due = study.recurrence.dates(study.period)
    assert len(due) == 48
    assert due[-1] == g.parse_date("2011-12-16")
    assert g.parse_date("2011-02-04") not in due
    assert g.parse_date("2011-10-07") not in due


def test_sanitation_four_pests_and_baiting() -> None:
    duties = sanitation_post().duties
    pests = [t for t in duties[1].targets if t.id == "four-pests-eliminated"]
    assert pests
    assert pests[0].comparator is g.Comparator.ZERO
    (baiting,) = duties[5].activities
    assert baiting.recurrence.frequency is g.Frequency.REGULAR
    with pytest.raises(g.ValidationError, match="frequency: a regular recurrence"):
        baiting.recurrence.dates(baiting.period)


@pytest.mark.parametrize("name", sorted(FILES))
def test_example_file_is_written_from_the_seed_objects(name: str) -> None:
    assert g.load(EXAMPLES / name) == FILES[name]()


def test_no_two_figures_of_2010_conflict() -> None:
    """Same indicator, scope, slice and period means the same figure stated twice."""
    seen: dict[tuple[object, ...], str] = {}
    for o in report_2010().observations:
        key = (o.indicator_id, o.scope, tuple(sorted(o.breakdown.items())), o.period, o.change_from)
        assert seen.setdefault(key, str(o.value)) == str(o.value), (o.id, key)
