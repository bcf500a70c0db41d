"""``govplan extract`` and ``govplan audit`` on documents as written, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govplan as g

ROOT = Path(__file__).resolve().parent.parent

SUMMARY = """某县教育局2010年工作总结
一、主要工作
1、普通高考再创新高，全区本科上线人数1718人，其中一本248人、二本604人、三本866人，上线率为50.6%，比2009年增加了4.81个百分点。
2、全年共免除学杂费1436万元，其中城市741万元，农村695万元。
3、今年全区高考参考学生3397人。
"""
WRONG = "某县2010年工作总结\n全县教育投入1000万元，其中城市700万元，农村200万元。\n"
PLAN = """某县教育局2011年工作要点
一、重均衡 1.巩固成果。千方百计确保小学生入学率100%，初中生辍学率控制在1%以内。
2.发展学前教育。全区学前三年幼儿入园率达到72%以上，迎接省11月底的检查验收。
"""


def govplan(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_extract_json_has_one_object_per_item(tmp_path: Path) -> None:
    run = govplan(
        "extract", write(tmp_path / "summary.txt", SUMMARY), "--kind", "report", "--format", "json"
    )
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    result = next(item for item in items if item.get("text") == "1718人")
    assert {
        key: result[key] for key in ("kind", "indicator", "value", "unit", "comparator", "period")
    } == {
        "kind": "result",
        "indicator": "本科上线人数",
        "value": "1718",
        "unit": "人",
        "comparator": "equal",
        "period": "2010",
    }
    assert SUMMARY[result["span"][0] : result["span"][1]] == "1718人"
    change = next(item for item in items if item.get("text", "").endswith("4.81个百分点"))
    assert change["change_from"] == "2009"
    assert change["value"] == "4.81"
    claims = {item["claim"]: item for item in items if item["kind"] == "claim"}
    assert set(claims) == {"sum", "rate", "change"}
    by_id = {item["id"]: item for item in items if "id" in item}
    assert by_id[claims["rate"]["denominator"]]["text"] == "3397人"
    assert "4 claims" in run.stderr


def test_extract_writes_a_draft_that_loads_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    run = govplan("extract", write(tmp_path / "plan.txt", PLAN), "--kind", "plan", "--out", out)
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Draft plan extracted from")
    plan = g.load(out)
    assert isinstance(plan, g.Plan)
    assert [(t.indicator_id, str(t.value), t.comparator.value) for t in plan.targets()] == [
        ("小学生入学率", "100%", "at_least"),
        ("初中生辍学率", "1%", "at_most"),
        ("学前三年幼儿入园率", "72%", "at_least"),
    ]
    assert plan.goals()[1].measures[0].deadline is not None
    assert govplan("validate", out).returncode == 0


def test_extract_reads_gb18030_markdown_and_word(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    gbk = write(tmp_path / "summary.txt", SUMMARY, "gb18030")
    markdown = write(tmp_path / "summary.md", "# " + SUMMARY.replace("1、", "- 1、"))
    document = docx.Document()
    for line in SUMMARY.splitlines():
        document.add_paragraph(line)
    word = tmp_path / "summary.docx"
    document.save(str(word))
    for path in (gbk, markdown, word):
        run = govplan("extract", path, "--kind", "report", "--format", "json")
        assert run.returncode == 0, (path, run.stderr)
        texts = [item.get("text") for item in json.loads(run.stdout)]
        assert "1436万元" in texts, path


def test_audit_a_text_passes_when_its_figures_add_up(tmp_path: Path) -> None:
    run = govplan("audit", write(tmp_path / "summary.txt", SUMMARY))
    assert run.returncode == 0, run.stderr
    assert "1718人，其中一本248人" in run.stdout  # each claim is printed with its sentence
    assert "4 stated claims checked, 0 inconsistent" in run.stdout


def test_audit_a_text_fails_on_an_inconsistent_figure(tmp_path: Path) -> None:
    run = govplan("audit", write(tmp_path / "wrong.txt", WRONG), "--lang", "en")
    assert run.returncode == 1
    assert "[INCONSISTENT]" in run.stdout
    assert "全县教育投入1000万元，其中城市700万元，农村200万元。" in run.stdout
    markdown = govplan("audit", tmp_path / "wrong.txt", "--format", "markdown")
    assert markdown.stdout.startswith("# 某县2010年工作总结")
    assert "- **INCONSISTENT**" in markdown.stdout
    json_run = govplan("audit", tmp_path / "wrong.txt", "--format", "json")
    (record,) = json.loads(json_run.stdout)
    assert record["status"] == "inconsistent"
    assert json_run.returncode == 1


def test_audit_of_an_undated_text_asks_for_its_year(tmp_path: Path) -> None:
    path = write(tmp_path / "undated.txt", "全县教育投入1000万元，其中城市700万元，农村300万元。")
    run = govplan("audit", path)
    assert run.returncode == 2
    assert "year" in run.stderr
    assert "Traceback" not in run.stderr
    assert govplan("audit", path, "--year", "2010").returncode == 0


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        ("latin.txt", "Résumé à l'école".encode("latin-1") * 3, "latin.txt"),
        ("archive.docx", b"PK\x03\x04 not really a zip", "archive.docx"),
        ("report.pdf", b"%PDF-1.4", ".pdf"),
    ],
)
def test_bad_documents_get_a_clear_message(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for command in (("extract", path, "--kind", "report"), ("audit", path)):
        run = govplan(*command)
        assert run.returncode == 2, (command, run.stdout)
        assert says in run.stderr
        assert name in run.stderr
        assert "Traceback" not in run.stderr


def test_missing_and_empty_documents(tmp_path: Path) -> None:
    missing = govplan("extract", tmp_path / "nowhere.txt", "--kind", "plan")
    assert missing.returncode == 2
    assert "nowhere.txt" in missing.stderr
    empty = write(tmp_path / "empty.txt", "")
    run = govplan("extract", empty, "--kind", "report", "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout) == []
    run = govplan("extract", empty, "--kind", "report")
    assert run.returncode == 2
    assert "year" in run.stderr
    assert "Traceback" not in run.stderr


def test_extract_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "draft.yaml"
    run = govplan("extract", write(tmp_path / "plan.txt", PLAN), "--kind", "plan", "--out", out)
    assert run.returncode == 2
    assert f"cannot write {out}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_10_mb_text_is_audited(tmp_path: Path) -> None:
    paragraph = "加强学校安全工作规章制度及设施建设，加强安全教育。" * 100
    paragraph += "\n全年投资720万元，其中城市700万元，农村20万元。\n"
    path = tmp_path / "big.txt"
    data = (paragraph * (10_000_000 // len(paragraph.encode()) + 1)).encode()[:10_000_000]
    path.write_bytes(data[: data.rfind(b"\n") + 1])
    run = govplan("audit", path, "--year", "2011")
    assert run.returncode == 0, run.stderr
    assert "0 inconsistent" in run.stdout


def test_extract_needs_a_kind(tmp_path: Path) -> None:
    run = govplan("extract", write(tmp_path / "plan.txt", PLAN))
    assert run.returncode == 2
    assert "--kind" in run.stderr
