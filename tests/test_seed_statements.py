"""The model pieces the seeds needed: statements without a figure, report targets, exceptions.

Each bad input names its field; each reference is checked on load; the
recurrence's exceptions agree with filtering the plain dates.
"""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as g

REPORT: dict[str, Any] = {
    "document": "report",
    "id": "r",
    "title": "2010工作总结",
    "period": "2010",
    "issuer": "bureau",
    "organisations": [
        {"id": "bureau", "name": "教育局"},
        {"id": "city", "name": "娄底市"},
    ],
    "indicators": [{"id": "money", "name": "招商引资", "unit": "万元"}],
    "observations": [
        {"id": "total", "indicator_id": "money", "period": "2010", "value": "500余万元"}
    ],
    "targets": [
        {
            "id": "quota",
            "indicator_id": "money",
            "comparator": "at_least",
            "value": "400万元",
            "alternatives": ["60万美元"],
            "period": "2010",
        }
    ],
    "completion_claims": [
        {"id": "done", "stated": "圆满完成了今年的招引任务", "result": "total", "target": "quota"}
    ],
    "standing_claims": [
        {
            "id": "above",
            "stated": "高于全市平均水平",
            "about": "招商引资",
            "standing": "above",
            "reference_scopes": ["city"],
            "observation": "total",
        }
    ],
}


def _load(data: dict[str, Any]) -> Any:
    return g.loads(json.dumps(data, ensure_ascii=False), "json")


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(g.LoadError) as caught:
        _load(data)
    return [p.path for p in caught.value.problems]


def test_a_report_with_its_own_targets_and_statements_loads_and_round_trips() -> None:
    report = _load(REPORT)
    assert str(report.targets[0].alternatives[0]) == "60万美元"
    assert report.completion_claims[0].target == "quota"
    assert report.standing_claims[0].standing is g.Standing.ABOVE
    for fmt in ("json", "yaml", "toml"):
        assert g.loads(g.dumps(report, fmt), fmt) == report


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["completion_claims"][0].update(target="nope"), "completion_claims[0].target"),
        (lambda d: d["completion_claims"][0].update(result="nope"), "completion_claims[0].result"),
        (
            lambda d: d["standing_claims"][0].update(reference_scopes=["province"]),
            "standing_claims[0].reference_scopes[0]",
        ),
        (
            lambda d: d["standing_claims"][0].update(reference="nope"),
            "standing_claims[0].reference",
        ),
        (lambda d: d["targets"][0].update(indicator_id="nope"), "targets[0].indicator_id"),
    ],
)
def test_dangling_references_of_the_new_fields(edit: Any, field: str) -> None:
    data = json.loads(json.dumps(REPORT))
    edit(data)
    assert _problems(data) == [field]


@pytest.mark.parametrize(
    ("edit", "field", "quoted"),
    [
        (
            lambda d: d["completion_claims"][0].update(share="85万元"),
            "completion_claims[0].share",
            "85万元",
        ),
        (
            lambda d: d["standing_claims"][0].update(reference_scopes=[]),
            "standing_claims[0].reference_scopes",
            "needs the scopes",
        ),
        (
            lambda d: d["standing_claims"][0].update(standing="higher"),
            "standing_claims[0].standing",
            "higher",
        ),
        (
            lambda d: d["targets"][0].update(alternatives=["60多万美元"]),
            "targets[0].alternatives[0]",
            "60多万美元",
        ),
    ],
)
def test_bad_statements_name_their_field(edit: Any, field: str, quoted: str) -> None:
    data = json.loads(json.dumps(REPORT))
    edit(data)
    with pytest.raises(g.LoadError) as caught:
        _load(data)
    assert field in str(caught.value)
    assert quoted in str(caught.value)


def test_a_zero_target_has_no_alternative() -> None:
    with pytest.raises(g.ValidationError) as caught:
        g.Target(
            id="t",
            indicator_id="i",
            comparator="zero",
            period=g.Period.year(2011),
            alternatives=(g.parse_quantity("0起"),),
        )
    assert caught.value.field == "alternatives[0]"


def test_qualitative_target_standing_and_scopes_go_together() -> None:
    year = g.Period.year(2011)
    leading = g.QualitativeTarget(
        id="keep-leading",
        stated="继续保持高考和高中学业水平考试在省、市的领先水平",
        about="高考",
        period=year,
        standing="leading",
        reference_scopes=("hunan", "loudi"),
    )
    assert leading.is_binding
    assert not g.QualitativeTarget(
        id="q", stated="力争", about="x", period=year, commitment="strive"
    ).is_binding
    with pytest.raises(g.ValidationError) as caught:
        g.QualitativeTarget(id="q", stated="领先", about="x", period=year, standing="leading")
    assert caught.value.field == "reference_scopes"
    with pytest.raises(g.ValidationError) as caught:
        g.QualitativeTarget(id="q", stated="x", about="x", period=year, reference_scopes=("c",))
    assert caught.value.field == "standing"


def test_dangling_references_in_plans_and_posts() -> None:
    plan = {
        "document": "plan",
        "id": "p",
        "title": "2011年工作要点",
        "period": "2011",
        "organisations": [{"id": "bureau", "name": "教育局"}],
        "sections": [
            {
                "id": "s1",
                "title": "一",
                "goals": [
                    {
                        "id": "g06",
                        "title": "稳步发展高中阶段教育",
                        "qualitative_targets": [
                            {
                                "id": "keep-leading",
                                "stated": "领先水平",
                                "about": "高考",
                                "period": "2011",
                                "standing": "leading",
                                "reference_scopes": ["province"],
                                "indicator_id": "gaokao",
                            }
                        ],
                    }
                ],
            }
        ],
    }
    base = "sections[0].goals[0].qualitative_targets[0]"
    assert _problems(plan) == [f"{base}.indicator_id", f"{base}.reference_scopes[0]"]
    post = {
        "document": "post",
        "id": "post",
        "title": "社区环境卫生主任",
        "duties": [
            {
                "number": 6,
                "text": "定期、定点投药",
                "activities": [
                    {
                        "id": "baiting",
                        "title": "投药",
                        "recurrence": {"frequency": "regular"},
                        "period": "2011",
                        "organiser": "community",
                    }
                ],
            }
        ],
    }
    assert _problems(post) == ["duties[0].activities[0].organiser"]


def test_recurrence_exceptions_are_checked() -> None:
    friday = pendulum.date(2011, 2, 4)
    with pytest.raises(g.ValidationError) as caught:
        g.Recurrence(frequency="weekly", weekday="friday", except_dates=(friday, friday))
    assert caught.value.field == "except_dates"


def test_a_regular_recurrence_lists_no_due_days() -> None:
    regular = g.Recurrence(frequency=g.Frequency.REGULAR)
    with pytest.raises(g.ValidationError) as caught:
        regular.dates(g.Period.year(2011))
    assert caught.value.field == "frequency"
    assert "定期" in str(caught.value)


_DAYS = st.dates(min_value=pendulum.date(2011, 1, 1), max_value=pendulum.date(2011, 12, 31))


@settings(max_examples=60)
@given(
    weekday=st.sampled_from(list(g.Weekday)),
    excepted=st.frozensets(_DAYS, max_size=12),
    until=st.none() | _DAYS,
)
def test_exceptions_equal_filtering_the_plain_dates(
    weekday: g.Weekday, excepted: frozenset[Any], until: Any
) -> None:
    year = g.Period.year(2011)
    days = tuple(pendulum.date(d.year, d.month, d.day) for d in sorted(excepted))
    plain = g.Recurrence(frequency="weekly", weekday=weekday)
    with_exceptions = g.Recurrence(frequency="weekly", weekday=weekday, except_dates=days)
    expected = tuple(d for d in plain.dates(year, until=until) if d not in set(days))
    assert with_exceptions.dates(year, until=until) == expected


def test_the_schema_describes_the_new_fields() -> None:
    text = json.dumps(g.json_schema("report")) + json.dumps(g.json_schema("plan"))
    for name in ("completion_claims", "standing_claims", "qualitative_targets", "alternatives"):
        assert name in text
