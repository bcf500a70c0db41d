"""Measure, inspection and event verdicts are worded on demand, in English that is English.

Their rules keep a reason code and an :class:`~govplan.engine.activity_wording.ActivityFacts`
record; the sentences are written only when :meth:`~govplan.Verdict.explain` is called.
"""

from __future__ import annotations

import re

import attrs
import pytest

import govplan as g
from govplan.engine.activity_wording import ActivityFacts, ActivityReason, english_id

from .seed_commerce import report_2011
from .seed_education import plan_2011, report_2010
from .seed_events import survey_day3, training_plan

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")
_RULES = frozenset(
    {
        "deadlines", "inspections", "rectifications", "sanctions", "coverage", "recurring",
        "weekday", "preparation", "location", "roles", "attendance",
    }
)  # fmt: skip


def _subjects() -> list[tuple[object, str | None]]:
    expecting = attrs.evolve(training_plan(), expected_attendance=g.parse_quantity("40人"))
    signed = attrs.evolve(expecting, attendance=g.Attendance(names=("甲", "乙")))
    return [
        (plan_2011(), None),
        (plan_2011(), "2011-06-30"),
        (report_2011(), None),
        (report_2011(), "2011-03-01"),
        (report_2010(), None),
        (training_plan(), "2011-03-09"),
        (training_plan(), "2011-03-12"),
        (expecting, "2011-03-10"),
        (expecting, None),
        (signed, None),
        (survey_day3(), None),
    ]


def _verdicts() -> list[g.Verdict]:
    found: list[g.Verdict] = []
    for subject, as_of in _subjects():
        found.extend(v for v in g.evaluate(subject, as_of=as_of) if v.rule in _RULES)
    return found


def test_every_kind_of_sentence_is_seen() -> None:
    seen = {v.reason for v in _verdicts()}
    assert len(seen) >= 15, sorted(seen)


@pytest.mark.parametrize("verdict", _verdicts(), ids=lambda v: f"{v.rule}:{v.subject}")
def test_sentences_are_worded_on_demand_and_english_is_english(verdict: g.Verdict) -> None:
    assert isinstance(verdict.facts, ActivityFacts)
    assert verdict.reason == verdict.facts.reason
    assert isinstance(ActivityReason(verdict.reason), ActivityReason)
    zh, en = verdict.explain("zh"), verdict.explain("en")
    assert _CJK.search(zh), zh
    assert not _CJK.search(en), en
    assert en[0].isupper(), en
    assert en.endswith("."), en


def test_an_id_in_chinese_is_named_by_its_kind() -> None:
    facts = ActivityFacts(
        reason=ActivityReason.NOTHING_FOUND, name_zh="专项检查", kind="inspection", id="专项检查"
    )
    verdict = g.Verdict(rule="inspections", subject="专项检查", status="met", severity="info",
                        facts=facts)  # fmt: skip
    assert verdict.explain("en") == "The inspection: carried out; nothing found."
    assert verdict.explain("zh") == "专项检查：已开展，未发现问题。"
    assert english_id("m1") == "m1"
    assert english_id("措施一") is None


def test_verdicts_pickle_and_copy_to_equal_verdicts() -> None:
    import copy
    import pickle

    evaluation = g.evaluate(plan_2011(), [report_2010()])
    verdicts = list(evaluation)
    assert {v.rule for v in verdicts} >= {"targets", "deadlines"}
    again = pickle.loads(pickle.dumps(verdicts))
    assert again == verdicts
    assert [v.explain("en") for v in again] == [v.explain("en") for v in verdicts]
    assert copy.copy(verdicts[0]) == verdicts[0]
    changed = verdicts[0].replace(note="说明")
    assert changed.note == "说明"
    assert changed.fields()[:15] == verdicts[0].fields()[:15]
    with pytest.raises(AttributeError):
        verdicts[0].status = g.Status.MET
