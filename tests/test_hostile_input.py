"""Hostile and broken documents: refused with a govplan error saying where, never in silence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import govplan as g
from govplan.io.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
EVENT = ROOT / "examples" / "training-session" / "event.yaml"
PLAN = {
    "document": "plan",
    "id": "p",
    "title": "计划",
    "period": "2011",
    "indicators": [{"id": "rate", "name": "入学率", "unit": "%"}],
    "sections": [
        {
            "id": "s",
            "title": "一",
            "goals": [
                {
                    "id": "g",
                    "title": "任务",
                    "targets": [
                        {
                            "id": "t1",
                            "indicator_id": "rate",
                            "comparator": "at_least",
                            "value": "99%",
                            "period": "2011",
                        }
                    ],
                }
            ],
        }
    ],
}
TARGET = "sections[0].goals[0].targets[0]"


def _problems(error: pytest.ExceptionInfo[g.LoadError]) -> str:
    return str(error.value)


# --- duplicate keys -------------------------------------------------------------------


def test_yaml_duplicate_key_names_the_key_and_both_lines() -> None:
    text = "document: plan\nid: p\ntitle: 计划\nperiod: 2011\ntitle: 另一个\n"
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, "yaml", source="plan.yaml")
    message = _problems(caught)
    assert "in plan.yaml" in message
    assert "line 5, column 1: the key 'title' is given twice in one mapping" in message
    assert "at line 3 and at line 5" in message


def test_yaml_duplicate_key_deep_inside_changes_no_verdict_silently() -> None:
    text = (
        "document: plan\nid: p\ntitle: 计划\nperiod: 2011\n"
        "indicators: [{id: rate, name: 入学率, unit: '%'}]\n"
        "sections:\n- id: s\n  title: 一\n  goals:\n  - id: g\n    title: 任务\n    targets:\n"
        "    - id: t1\n      indicator_id: rate\n      comparator: at_least\n"
        "      value: 99%\n      period: 2011\n      value: 9%\n"
    )
    with pytest.raises(g.LoadError, match=r"'value' is given twice.*at line 16 and at line 18"):
        g.loads(text, "yaml")


def test_yaml_duplicate_key_on_one_line_in_flow_style() -> None:
    with pytest.raises(g.LoadError, match=r"'id' is given twice.*at line 2 and at line 2"):
        g.loads("document: plan\nx: {id: a, id: b}\n", "yaml")


def test_yaml_merge_keys_are_not_duplicates() -> None:
    organisation = g.loads(
        "document: organisation\nid: edu\n<<: {name: 教育局}\nname: 娄星区教育局\n", "yaml"
    )
    assert organisation.name == "娄星区教育局"


def test_json_duplicate_key_names_the_key_and_both_lines() -> None:
    text = json.dumps(PLAN, ensure_ascii=False, indent=1)
    text = text.replace('"value": "99%",', '"value": "99%",\n "value": "9%",')
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, "json", source="plan.json")
    message = _problems(caught)
    first = next(n for n, line in enumerate(text.splitlines(), 1) if '"value": "99%"' in line)
    assert f"the key 'value' is given twice in one mapping, at line {first} and at line " in message
    assert f"line {first + 1}, column 2: " in message


def test_json_duplicate_key_written_with_escapes() -> None:
    with pytest.raises(g.LoadError, match="'id' is given twice"):
        g.loads('{"document": "plan", "id": "a", "\\u0069d": "b"}', "json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('document = "plan"\nid = "p"\nid = "q"\n', r"key 'id' is given twice.*line 2.*line 3"),
        ('document = "plan"\n[x]\na = 1\n[x]\nb = 2\n', r"key 'x' is given twice.*line 2.*line 4"),
    ],
)  # fmt: skip
def test_toml_duplicate_key_names_the_key_and_both_lines(text: str, message: str) -> None:
    with pytest.raises(g.LoadError, match=message):
        g.loads(text, "toml")


# --- duplicate ids and dangling references -------------------------------------------------


def _plan(**changes: object) -> str:
    data = json.loads(json.dumps(PLAN))
    goal = data["sections"][0]["goals"][0]
    for key, value in changes.items():
        goal[key] = value
    return json.dumps(data, ensure_ascii=False)


def test_two_targets_with_one_id_are_refused() -> None:
    target = PLAN["sections"][0]["goals"][0]["targets"][0]  # type: ignore[index]
    twice = [target, {**target, "value": "50%"}]
    with pytest.raises(g.LoadError) as caught:
        g.loads(_plan(targets=twice), "json")
    problems = caught.value.problems
    assert [p.path for p in problems] == ["sections[0].goals[0].targets[1].id"]
    assert "duplicate id 't1' (also at sections[0].goals[0].targets[0])" in problems[0].message


def test_two_measures_with_one_id_are_refused() -> None:
    measures = [{"id": "m", "action": "甲"}, {"id": "m", "action": "乙"}]
    with pytest.raises(g.LoadError, match=r"measures\[1\]\.id: duplicate id 'm'"):
        g.loads(_plan(measures=measures), "json")


def test_dangling_parent_id_in_an_event() -> None:
    text = EVENT.read_text(encoding="utf-8")
    broken = text.replace("parent_id: ziqiang", "parent_id: nowhere", 1)
    assert broken != text
    with pytest.raises(
        g.LoadError, match=r"organisations\[3\]\.parent_id: unknown organisation id 'nowhere'"
    ):
        g.loads(broken, "yaml")


def test_a_unit_cannot_be_its_own_ancestor() -> None:
    data = {
        **PLAN,
        "organisations": [
            {"id": "a", "name": "甲", "parent_id": "b"},
            {"id": "b", "name": "乙", "parent_id": "a"},
        ],
    }
    with pytest.raises(
        g.LoadError,
        match=r"organisations\[0\]\.parent_id: the unit 'a' is its own ancestor \(a → b → a\)",
    ):
        g.loads(json.dumps(data, ensure_ascii=False), "json")


def test_dangling_finding_of_a_rectification() -> None:
    report = {
        "document": "report",
        "id": "r",
        "title": "总结",
        "period": "2011",
        "inspections": [
            {
                "id": "i",
                "kind": "self_inspection",
                "title": "自查",
                "date": "2011-11-28",
                "result": "findings",
                "findings": [{"id": "f1", "description": "问题"}],
                "rectifications": [{"id": "r1", "finding_id": "f9", "action": "整改"}],
            }
        ],
    }
    with pytest.raises(
        g.LoadError, match=r"rectifications\[0\]\.finding_id: unknown finding id 'f9'"
    ):
        g.loads(json.dumps(report, ensure_ascii=False), "json")


# --- shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("given", [{}, "", "t1", 3, {"id": "t1"}])
def test_a_list_field_given_a_scalar_or_a_mapping_is_refused(given: object) -> None:
    with pytest.raises(g.LoadError) as caught:
        g.loads(_plan(targets=given), "json")
    assert [p.path for p in caught.value.problems] == ["sections[0].goals[0].targets"]
    assert "not a list" in str(caught.value)
    # What was given, in the file's own terms (never "a int", "a dict").
    kind = {dict: "a mapping", str: "a text", int: "a whole number"}[type(given)]
    assert f" is {kind}" in str(caught.value)


@pytest.mark.parametrize("given", [{}, ""])
def test_a_list_of_texts_given_a_mapping_or_text_is_refused(given: object) -> None:
    with pytest.raises(g.LoadError, match=r"measures\[0\]\.lead: not a list"):
        g.loads(_plan(measures=[{"id": "m", "action": "甲", "lead": given}]), "json")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2.7", "not a whole number: 2.7"),
        ("true", "not a number: true is a boolean"),
        ("1.0", "not a whole number: 1.0"),
        ('"x"', "not a whole number: 'x'"),
        ("[1]", "not a whole number: [1]"),
    ],
)
def test_integer_fields_refuse_fractions_and_booleans(written: str, message: str) -> None:
    text = EVENT.read_text(encoding="utf-8").replace("- order: 2\n", f"- order: {written}\n", 1)
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, "yaml")
    assert [p.path for p in caught.value.problems] == ["agenda[1].order"]
    assert message in str(caught.value)


def test_integer_fields_accept_whole_numbers_and_their_digits() -> None:
    text = EVENT.read_text(encoding="utf-8").replace("- order: 2\n", "- order: '2'\n", 1)
    assert g.loads(text, "yaml").agenda[1].order == 2


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_a_huge_exponent_in_an_integer_field_is_refused_at_once(fmt: g.Format) -> None:
    event = g.load(EVENT)
    text = g.dumps(event, fmt)
    if fmt == "json":
        text = text.replace('"order": 2', '"order": -1e999999', 1)
    else:
        text = text.replace("order = 2\n", "order = -1e999999\n", 1)
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, fmt)
    message = str(caught.value)
    assert (
        "the number -1e999999 has too large an exponent: 999,999 is over the limit of 100"
        in message
    )
    assert "line " in message


def test_yaml_infinity_names_the_field_and_the_line(tmp_path: Path) -> None:
    text = EVENT.read_text(encoding="utf-8").replace("- order: 2\n", "- order: .inf\n", 1)
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, "yaml")
    assert [p.path for p in caught.value.problems] == ["agenda[1].order"]
    assert "ConversionSyntax" not in str(caught.value)
    data = json.loads(json.dumps(PLAN))
    data["sections"][0]["goals"][0]["targets"][0]["tolerance"] = "0.5"
    yaml_text = g.dumps(g.loads(json.dumps(data), "json"), "yaml")
    yaml_text = yaml_text.replace("tolerance: '0.5'", "tolerance: -.inf")
    assert "-.inf" in yaml_text
    with pytest.raises(
        g.LoadError, match=re.escape(f"{TARGET}.tolerance: not a finite number: -Infinity")
    ):
        g.loads(yaml_text, "yaml")
    # The command names the line too.
    from govplan.cli.main import main

    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2


def test_yaml_sexagesimal_floats_are_read_exactly() -> None:
    from govplan.io.yaml_loader import safe_load

    assert str(safe_load("x: 1:30.5\n")["x"]) == "90.5"


def test_bare_int_in_a_text_field_names_the_field() -> None:
    with pytest.raises(g.LoadError, match="title: not text: 42"):
        g.loads(_plan().replace('"title": "计划"', '"title": 42'), "json")


# --- limits ---------------------------------------------------------------------------------


def test_billion_laughs_is_refused_before_it_is_expanded() -> None:
    lines = ["document: plan", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 7):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 420
    with pytest.raises(g.LoadError) as caught:
        g.loads(text, "yaml")
    message = str(caught.value)
    assert "aliases (*name) expand to too many values" in message
    assert "line 5," in message  # the fourth level already exceeds 10,000
    assert len(message) < 500


def test_an_alias_inside_the_value_it_names_is_refused() -> None:
    with pytest.raises(
        g.LoadError, match="line 2, column 11: an alias refers to a value that contains it"
    ):
        g.loads("document: plan\nx: &a [1, *a]\n", "yaml")


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_deep_nesting_is_refused_with_a_clear_error(fmt: g.Format) -> None:
    depth = 10_000
    if fmt == "toml":
        text = "x = " + "[" * depth + "]" * depth + "\n"
    elif fmt == "yaml":
        text = "x: " + "[" * depth + "]" * depth + "\n"
    else:
        text = '{"x": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(g.LoadError, match="the nesting is too deep") as caught:
        g.loads(text, fmt)
    assert "RecursionError" not in str(caught.value)


def test_nesting_just_over_the_limit_names_the_line() -> None:
    text = '{\n"x":\n' + "[" * 64 + "]" * 64 + "}"
    with pytest.raises(
        g.LoadError, match=r"line 3, column 64: the nesting is too deep: 65 is over"
    ):
        g.loads(text, "json")
    with pytest.raises(
        g.LoadError, match=r"line 1, column 67: the nesting is too deep: 65 is over"
    ):
        g.loads("x: " + "[" * 64 + "]" * 64, "yaml")
    with pytest.raises(g.LoadError, match="the nesting is too deep: 11 is over the limit of 10"):
        g.loads('{"x": ' + "[" * 10 + "]" * 10 + "}", "json", limits=Limits(depth=10))


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_long_numbers_are_refused(fmt: g.Format) -> None:
    digits = "9" * 5_000
    text = {"json": f'{{"x": {digits}}}', "yaml": f"x: {digits}\n", "toml": f"x = {digits}\n"}[fmt]
    with pytest.raises(g.LoadError, match="too long") as caught:
        g.loads(text, fmt)
    assert "4300" not in str(caught.value) or fmt == "toml"


def test_documents_over_the_size_limit_are_refused_before_parsing(tmp_path: Path) -> None:
    small = Limits(document_size=100)
    text = "document: plan\n" + "#" * 200 + "\n"
    with pytest.raises(g.LoadError, match=r"the document is too large \(characters\): 216"):
        g.loads(text, "yaml", limits=small)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(g.LoadError, match=r"too large \(bytes\): 216 is over the limit of 100"):
        g.load(path, limits=small)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_too_many_items_and_too_long_texts(fmt: g.Format) -> None:
    few = Limits(items=5, cell_size=10)
    items = json.dumps({"document": "plan", "x": list(range(6))})
    with pytest.raises(g.LoadError, match="a list has too many items: 6 is over the limit of 5"):
        g.loads(items, fmt, limits=few)
    text = json.dumps({"document": "plan", "title": "x" * 11})
    with pytest.raises(g.LoadError, match="a text is too long: 11 is over the limit of 10"):
        g.loads(text, fmt, limits=few)


def test_limits_are_checked_when_built() -> None:
    with pytest.raises(g.ValidationError, match="depth must be a positive integer"):
        Limits(depth=0)
    with pytest.raises(g.ValidationError, match="items must be a positive integer"):
        Limits(items=True)


def test_the_message_of_a_huge_value_stays_readable() -> None:
    with pytest.raises(g.LoadError) as caught:
        g.loads(_plan(targets=[{"id": "t", "value": "9" * 100_000 + "x"}]), "json")
    assert len(str(caught.value)) < 3_000
    data = {**PLAN, "計" * 100_000: 1}
    with pytest.raises(g.LoadError) as caught:
        g.loads(json.dumps(data, ensure_ascii=False), "json")
    message = str(caught.value)
    assert len(message) < 3_000
    assert "characters)…" in message
    assert f"{'計' * 60}…: unknown field" in message


# --- encodings through load ------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_plans_in_windows_encodings_load(tmp_path: Path, codec: str) -> None:
    source = ROOT / "examples" / "education-bureau" / "plan-2011.yaml"
    path = tmp_path / "plan.yaml"
    path.write_bytes(source.read_text(encoding="utf-8").encode(codec))
    assert g.load(path) == g.load(source)


def test_a_spreadsheet_given_as_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(g.LoadError, match=r"plan\.yaml:\n  - the YAML file is a ZIP archive"):
        g.load(path)


# --- bugs are not bad input -------------------------------------------------------------------


def test_a_bug_while_loading_is_not_reported_as_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from govplan.io import value_hooks

    def broken(text: str) -> object:
        raise AttributeError("a bug in a structure hook")

    monkeypatch.setattr(value_hooks, "_parse_period", broken)
    with pytest.raises(AttributeError, match="a bug in a structure hook"):
        g.loads(_plan(), "json")


@pytest.mark.parametrize("text", ["甲\x85乙", "a\u2028b", "end\x85", "x\u2029\ny"])
def test_unicode_line_breaks_survive_a_yaml_round_trip(text: str) -> None:
    organisation = g.Organisation(id="edu", name=text)
    assert g.loads(g.dumps(organisation, "yaml"), "yaml") == organisation


def test_a_nested_record_given_a_text_is_a_located_error() -> None:
    goal = {"id": "g", "title": "任务", "qualitative_targets": [""]}
    data = {**PLAN, "sections": [{"id": "s", "title": "一", "goals": [goal]}]}
    with pytest.raises(g.LoadError) as caught:
        g.loads(json.dumps(data, ensure_ascii=False), "json")
    assert [p.path for p in caught.value.problems] == [
        "sections[0].goals[0].qualitative_targets[0]"
    ]
    assert "expected a mapping for qualitative_target" in str(caught.value)


def test_aliases_to_texts_add_nothing_aliases_to_lists_add_their_items() -> None:
    few = Limits(alias_nodes=10)
    names = "".join(f"- {{id: u{n}, name: *name}}\n" for n in range(30))
    text = f"document: plan\nid: p\ntitle: &name 计划\nperiod: 2011\norganisations:\n{names}"
    assert len(g.loads(text, "yaml", limits=few).organisations) == 30
    lists = "document: plan\nx: &x [1, 2, 3, 4, 5, 6]\ny: [*x, *x]\n"
    with pytest.raises(
        g.LoadError, match=r"line 3, column 9: aliases .* 12 is over the limit of 10"
    ):
        g.loads(lists, "yaml", limits=few)
