"""The HTML report: what it says, in which order, in both languages, safely, in a browser."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govplan as g
from govplan.cli.html_report import FONT_STACK
from govplan.cli.render import ReportContext, escape_markdown, escape_terminal

ROOT = Path(__file__).resolve().parent.parent
EDU = ROOT / "examples" / "education-bureau"
PLAN, RESULTS = EDU / "plan-2011.yaml", EDU / "results-2011.yaml"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _report(lang: str = "zh", as_of: str | None = None) -> tuple[str, g.Evaluation]:
    plan, results = g.load(PLAN), g.load(RESULTS)
    evaluation = g.evaluate(plan, [results], as_of=as_of)
    context = ReportContext(
        sources=("results-2011.yaml",),
        observations=tuple(results.observations),
        generated=dt.datetime(2012, 1, 5, 9, 30, tzinfo=dt.UTC),
    )
    return g.render_html(evaluation, plan, lang=lang, context=context), evaluation  # type: ignore[arg-type]


def _text(page: str) -> str:
    without_style = re.sub(r"<style>.*?</style>|<title>.*?</title>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", without_style))


def test_header_says_plan_issuer_as_of_sources_and_generation_time() -> None:
    page, _ = _report()
    header = page[page.index("<header>") : page.index("</header>")]
    for words in (
        "娄星区教育局2011年工作要点",
        "<dt>发文单位</dt><dd>娄星区教育局</dd>",
        "期末核查",
        "results-2011.yaml",
        "invented for the worked example",  # the observations' own source
        "2012-01-05 09:30 +0000",
        '<div class="verdict fails">未通过</div>',
    ):
        assert words in header, words


def test_failing_binding_targets_come_first_then_organisations_trends_and_sections() -> None:
    page, _ = _report()
    order = [
        page.index("<h2>未达成的确保（约束性）目标</h2>"),
        page.index("<h2>按责任单位</h2>"),
        page.index("<h2>趋势</h2>"),
        page.index("<h2>重均衡，抓基础"),
    ]
    assert order == sorted(order)
    failures = page[order[0] : order[1]]
    assert "小学生巩固率：实际99.9%" in failures
    assert "弱势学生健康成长：无数值的承诺（确保）" in failures  # no result past due
    assert failures.count("<li>") == 5


def test_organisation_table_counts_each_status_with_colour() -> None:
    page, evaluation = _report()
    table = page[page.index("<h2>按责任单位</h2>") : page.index("<h2>趋势</h2>")]
    cells = re.findall(r'<td class="num"[^>]*>(\d+)</td>', table)
    assert sum(map(int, cells)) == len(evaluation.verdicts)
    assert 'style="background:#ffcdd2">4<' in table  # 4 missed targets (the measure has no status)


def test_bullet_charts_have_a_scale_the_target_and_the_value_labelled() -> None:
    page, _ = _report()
    row = page[page.index("小学生巩固率：实际99.9%", page.index("<h2>重均衡")) :]
    chart = row[row.index("<svg") : row.index("</svg>")]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", chart)
    assert "目标 ≥ 100%" in labels
    assert "99.9%" in labels
    ticks = [label for label in labels if re.fullmatch(r"[\d.]+", label)]
    assert len(ticks) >= 3
    assert ticks[0] != "0"  # 99.9% against 100%: the scale zooms in, and says where it starts
    enrolment = page[page.index("小学生入学率：实际100%", page.index("<h2>重均衡")) :]
    first = enrolment[enrolment.index("<svg") : enrolment.index("</svg>")]
    assert re.findall(r"<text[^>]*>([^<]*)</text>", first)[2] == "0"  # far apart: from zero


def test_trend_chart_per_indicator_with_several_periods() -> None:
    page, _ = _report()
    trends = page[page.index("<h2>趋势</h2>") : page.index("<h2>重均衡")]
    assert re.findall(r"<figcaption>([^<]*)</figcaption>", trends) == [
        "初中生辍学率",
        "省级义务教育合格学校",
        "非普九债务化解额",
    ]
    dropout = trends[: trends.index("</figure>")]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", dropout)
    assert {"1.2%", "0.8%", "2011-H1", "2011", "目标 ≤ 1%"} <= set(labels)


def test_sections_without_charts_have_no_chart_column() -> None:
    page, _ = _report()
    measures = page[page.index("<h2>重质量") :]
    measures = measures[: measures.index("</table>")]
    assert "<th>图示</th>" not in measures
    assert "<th>图示</th>" in page


def test_english_report_is_english_throughout() -> None:
    plan = g.load(PLAN)
    page, evaluation = _report("en", as_of="2011-06-30")
    text = _text(page)
    document_text = [
        plan.title,
        *(o.name for o in plan.organisations),
        *(f"{s.title} / {gl.number}. {gl.title}" for s in plan.sections for gl in s.goals),
        *(v.explain("en") for v in evaluation.verdicts),
    ]
    for words in sorted(document_text, key=len, reverse=True):
        text = text.replace(words, "")
    assert CJK.findall(text) == []
    assert "Needs attention" in page
    assert "By responsible organisation" in page
    assert '<html lang="en">' in page


HOSTILE = """\
document: plan
id: p
title: "<script>alert(1)</script>计划"
period: 2011
issuer: town
organisations:
  - {id: town, name: "<img src=x onerror=alert(2)>镇"}
indicators:
  - {id: share, name: "<img src=x onerror=alert(3)>比例 | [x](javascript:alert(4))", unit: "%"}
sections:
  - id: s
    title: "<b>一</b>"
    goals:
      - id: g
        title: "\\e[31m任务"
        targets:
          - {id: t, indicator_id: share, comparator: at_least, value: 90%, period: 2011}
"""


def _hostile() -> tuple[g.Plan, g.Evaluation]:
    plan = g.loads(HOSTILE, "yaml")
    value = g.parse_quantity("80%")
    observation = g.Observation(indicator_id="share", period=g.Period.year(2011), value=value)
    return plan, g.evaluate(plan, [observation])


def test_html_escapes_document_text() -> None:
    plan, evaluation = _hostile()
    page = g.render_html(evaluation, plan)
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_escapes_html_and_markdown_in_document_text() -> None:
    plan, evaluation = _hostile()
    text = g.render_markdown(evaluation, plan)
    assert "<script>" not in text
    assert "<img" not in text
    assert "<b>" not in text
    assert re.search(r"(?<!\\)\]\(javascript", text) is None
    assert "\x1b" not in text
    assert "&lt;img src=x onerror=alert(3)&gt;比例 \\| \\[x\\](javascript:alert(4))" in text
    assert escape_markdown("a|b\n<i>") == "a\\|b &lt;i&gt;"


def test_terminal_output_shows_control_characters_escaped() -> None:
    plan, evaluation = _hostile()
    text = g.render_table(evaluation, plan)
    assert "\x1b" not in text
    assert "\\x1b[31m任务" in text
    assert escape_terminal("a\x07b") == "a\\x07b"


def test_markdown_report_file_is_escaped(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(HOSTILE, encoding="utf-8")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("indicator,period,value,note\nshare,2011,80,<script>x</script>\n")
    out = tmp_path / "report.md"
    run = subprocess.run(
        [sys.executable, "-m", "govplan", "report", plan_path, "--results", ledger, "--out", out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "<script>" not in out.read_text(encoding="utf-8")


# -- in a browser ------------------------------------------------------------------

_PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out">-</pre>
<script>
const STACK = %s;
const chars = %s;
const canvas = document.createElement("canvas"); canvas.width = 48; canvas.height = 48;
const ink = canvas.getContext("2d", {willReadFrequently: true});
function look(ch) {
  ink.clearRect(0, 0, 48, 48); ink.font = "32px " + STACK; ink.fillText(ch, 4, 36);
  const data = ink.getImageData(0, 0, 48, 48).data; let hash = 0;
  for (let i = 3; i < data.length; i += 4) { hash = (hash * 31 + data[i]) >>> 0; }
  return hash + ":" + ink.measureText(ch).width;
}
const missing = [look("\\u0378"), look("\\u0379"), look("\\u{10FFFD}")];
const tofu = chars.filter(ch => look(ch) === missing[0]);
document.getElementById("out").textContent = JSON.stringify({missing, tofu});
</script></body></html>"""


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return browser


def _run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}",
    ]  # fmt: skip
    return subprocess.run(
        [browser, *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _glyph_probe(browser: str, tmp_path: Path, chars: list[str]) -> dict[str, list[str]]:
    probe = tmp_path / "probe.html"
    probe.write_text(_PROBE % (json.dumps(FONT_STACK), json.dumps(chars)), encoding="utf-8")
    dom = _run_chromium(browser, tmp_path / "probe-profile", "--dump-dom", probe.as_uri()).stdout
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, flags=re.S)
    assert found is not None, dom[:500]
    result: dict[str, list[str]] = json.loads(html.unescape(found.group(1)))
    return result


def test_html_report_renders_in_headless_chromium_without_tofu(tmp_path: Path) -> None:
    browser = _chromium()
    image = pytest.importorskip("PIL.Image")
    page = tmp_path / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "govplan", "report", PLAN, "--results", RESULTS, "--out", page],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    shot = tmp_path / "report.png"
    _run_chromium(
        browser, tmp_path / "profile", "--window-size=1280,1600", f"--screenshot={shot}",
        page.as_uri(),
    )  # fmt: skip
    with image.open(shot) as picture:
        raw = picture.convert("RGB").tobytes()
    pixels = list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    inked = sum(1 for r, gr, b in pixels if r + gr + b < 600)
    assert inked / len(pixels) > 0.02  # text and charts, not a blank page
    assert len(set(pixels)) > 200  # anti-aliased glyphs and coloured charts
    # Tofu: every character of the report, drawn in the report's fonts, must look
    # different from a character no font has (the box a browser draws instead).
    text = _text(page.read_text(encoding="utf-8"))
    chars = sorted({ch for ch in text if ord(ch) > 0x7F and not ch.isspace()})
    assert len(chars) > 200
    probe = _glyph_probe(browser, tmp_path, [*chars, "\u0378"])
    assert len(set(probe["missing"])) == 1, "the browser draws every missing glyph alike"
    assert probe["tofu"] == ["\u0378"]  # only the control character is a box
