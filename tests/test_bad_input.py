"""Bad input: one LoadError naming every bad field by its path, never a bare traceback."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import govplan as g

PLAN = {
    "document": "plan",
    "id": "p",
    "title": "2011年工作要点",
    "period": "2011",
    "issuer": "bureau",
    "organisations": [{"id": "bureau", "name": "教育局"}],
    "indicators": [{"id": "dropout", "name": "初中生辍学率", "unit": "%", "direction": "lower"}],
    "sections": [
        {
            "id": "s1",
            "title": "重均衡",
            "goals": [
                {
                    "id": "g4",
                    "title": "巩固提高普九成果",
                    "targets": [
                        {
                            "id": "t1",
                            "indicator_id": "dropout",
                            "comparator": "at_most",
                            "value": "1%",
                            "period": "2011",
                        }
                    ],
                    "measures": [{"id": "m1", "action": "控辍", "lead": ["bureau"]}],
                }
            ],
        }
    ],
}
TARGET = "sections[0].goals[0].targets[0]"
MEASURE = "sections[0].goals[0].measures[0]"


def _with(path: str, value: object) -> str:
    data = json.loads(json.dumps(PLAN))
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return json.dumps(data, ensure_ascii=False)


_DELETE = object()

CASES = [
    ("bad number", f"{TARGET}.value", "9６%x", f"{TARGET}.value", "9６%x"),
    ("unknown unit", f"{TARGET}.value", "5万斗", f"{TARGET}.value", "万斗"),
    ("unknown indicator unit", "indicators[0].unit", "斗", "indicators[0].unit", "斗"),
    ("dangling indicator", f"{TARGET}.indicator_id", "nope", f"{TARGET}.indicator_id", "nope"),
    ("dangling lead unit", f"{MEASURE}.lead", ["nobody"], f"{MEASURE}.lead[0]", "nobody"),
    ("dangling issuer", "issuer", "city", "issuer", "city"),
    ("impossible date", f"{MEASURE}.deadline", "2011-02-30", f"{MEASURE}.deadline", "2011-02-30"),
    ("impossible period", f"{TARGET}.period", "2011-H3", f"{TARGET}.period", "2011-H3"),
    ("wrong type for text", "title", 42, "title", "42"),
    ("wrong type for a list", f"{MEASURE}.lead", "bureau", f"{MEASURE}.lead", "not a list"),
    ("wrong type for a quantity", f"{TARGET}.value", 1, f"{TARGET}.value", "not a quantity"),
    ("wrong type for a flag", f"{TARGET}.cumulative", "yes", f"{TARGET}.cumulative", "yes"),
    ("unknown field", f"{TARGET}.weight", 3, f"{TARGET}.weight", "unknown field"),
    ("unknown comparator", f"{TARGET}.comparator", "lots", f"{TARGET}.comparator", "lots"),
    ("missing field", f"{TARGET}.indicator_id", _DELETE, f"{TARGET}.indicator_id", "required"),
    ("float tolerance", f"{TARGET}.tolerance", "1.5", f"{TARGET}.tolerance", "1.5"),
    ("interval target value", f"{TARGET}.value", "1%以内", f"{TARGET}.value", "exact"),
    ("between without upper", f"{TARGET}.comparator", "between", f"{TARGET}.upper", "upper"),
    ("empty id", "id", "", "id", "not an id"),
    ("duplicate id", "organisations",
     [{"id": "bureau", "name": "a"}, {"id": "bureau", "name": "b"}],
     "organisations[1].id", "duplicate"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "path", "value", "field", "quoted"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_names_the_field(
    what: str, path: str, value: object, field: str, quoted: str
) -> None:
    with pytest.raises(g.LoadError) as caught:
        g.loads(_with(path, value), "json")
    error = caught.value
    assert isinstance(error, ValueError)
    assert any(p.path == field for p in error.problems), error
    assert field in str(error)
    assert quoted in str(error)


def test_every_problem_is_listed_at_once() -> None:
    data = json.loads(_with(f"{TARGET}.value", "9６%x"))
    data["indicators"][0]["unit"] = "斗"
    data["extra"] = 1
    with pytest.raises(g.LoadError) as caught:
        g.loads(json.dumps(data), "json")
    assert {p.path for p in caught.value.problems} == {
        f"{TARGET}.value",
        "indicators[0].unit",
        "extra",
    }


def test_mismatched_units_between_observation_and_indicator() -> None:
    report = {
        "document": "report",
        "id": "r",
        "title": "总结",
        "period": "2010",
        "indicators": [{"id": "rate", "name": "上线率", "unit": "%"}],
        "observations": [{"indicator_id": "rate", "period": "2010", "value": "1718人"}],
    }
    with pytest.raises(g.LoadError, match=r"observations\[0\]\.value: unit '人'"):
        g.loads(json.dumps(report, ensure_ascii=False), "json")


def test_dangling_claim_reference() -> None:
    report = {
        "document": "report",
        "id": "r",
        "title": "总结",
        "period": "2010",
        "claims": [{"kind": "sum_claim", "id": "c", "total": "x", "parts": ["y"]}],
    }
    with pytest.raises(g.LoadError) as caught:
        g.loads(json.dumps(report), "json")
    assert [p.path for p in caught.value.problems] == ["claims[0].total", "claims[0].parts[0]"]


def test_yaml_python_tags_are_refused() -> None:
    text = "document: plan\nid: !!python/object/apply:os.system ['echo owned']\n"
    with pytest.raises(g.LoadError, match=r"line 2.*python/object"):
        g.loads(text, "yaml")


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(g.LoadError, match="line 3"):
        g.loads("document: plan\nid: p\ntitle: a: b\n", "yaml")


@pytest.mark.parametrize(("fmt", "text"), [("json", "{"), ("toml", "id = "), ("json", "[1]")])
def test_unparsable_documents(fmt: g.Format, text: str) -> None:
    with pytest.raises(g.LoadError):
        g.loads(text, fmt)


def test_unknown_kind_and_format() -> None:
    with pytest.raises(g.LoadError, match="document: unknown kind of document 'budget'"):
        g.loads('{"document": "budget"}', "json")
    with pytest.raises(g.ParseError, match="unknown format 'xml'"):
        g.loads("{}", "xml")  # type: ignore[call-overload]
    with pytest.raises(g.LoadError, match="no 'document'"):
        g.loads("{}", "json")


def test_yaml_floats_are_exact(tmp_path: Path) -> None:
    text = _with(f"{TARGET}.tolerance", "0.95").replace('"0.95"', "0.95")
    plan = g.loads(text, "yaml")
    assert str(plan.targets()[0].tolerance) == "0.95"


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(g.LoadError, match="cannot read file"):
        g.load(tmp_path / "absent.yaml")
    with pytest.raises(g.ParseError, match="suffix"):
        g.load(tmp_path / "plan.txt")


def test_dump_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = g.loads(json.dumps(PLAN), "json")
    target = tmp_path / "plan.yaml"
    g.dump(plan, target)
    before = target.read_text(encoding="utf-8")
    assert g.load(target) == plan

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        g.dump(plan, target, format="json")
    assert target.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_shares_and_weights_take_whole_numbers_and_text_but_not_floats() -> None:
    assert g.Grade(name="合格", min_share=0).min_share == Decimal(0)
    assert g.ScoreItem(subject="t1", weight="10").weight == Decimal(10)
    with pytest.raises(g.ValidationError, match=r"min_share.*a float is not exact") as info:
        g.Grade(name="优秀", min_share=0.9)
    assert info.value.field == "min_share"
