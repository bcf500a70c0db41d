"""Worked example, seed 02: the education bureau's 2010 summary and 2011 plan.

Prints (a) the audit of every sum, rate, change, completion and standing the
2010 summary states (its quota is checked through the completion claim; the
quota's alternative in US dollars is only recorded: no exchange rate is
given), (b) the 2011 targets and commitments without a figure against invented
2011 results, as of mid-year and finally, and (c) a scorecard with a veto item.

Run: ``python examples/education-bureau/education_bureau.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

import govplan as g

HERE = Path(__file__).resolve().parent


def show(evaluation: g.Evaluation, plan: g.Plan | None = None) -> None:
    """Print verdicts (grouped by section and goal for a plan), then the counts."""
    if plan is None:
        groups = [("", evaluation.verdicts)]
    else:
        by_goal = evaluation.by_goal()
        groups = [
            (f"{section.title} / {goal.number}. {goal.title}", by_goal[goal.id])
            for section in plan.sections
            for goal in section.goals
            if goal.id in by_goal
        ]
    for heading, verdicts in groups:
        if heading:
            print(f"  {heading}")
        for verdict in verdicts:
            print(f"    {verdict.status.value:<13} {verdict.explain('zh')}")
            if verdict.note:
                print(f"    {'':<13} 说明：{verdict.note}")
    counts = ", ".join(f"{status.value} {n}" for status, n in evaluation.counts().items() if n)
    print(f"  -- {counts}; {'passes' if evaluation.passes else 'FAILS'}")


def main() -> int:
    report = g.load(HERE / "report-2010.yaml")
    plan = g.load(HERE / "plan-2011.yaml")
    results = g.load(HERE / "results-2011.yaml")
    scorecard = g.load(HERE / "scorecard-2011.yaml")

    print("(a) 2010年工作总结：所述合计、比率、增幅的核对，及督查、整改、处理的核对")
    show(g.evaluate(report))
    print("  只记录、不核对的内容（未给出汇率）：")
    for target in report.targets:
        for alternative in target.alternatives:
            print(f"    任务 {target.id}: 或{alternative}（{target.stated}）")

    midyear = [o for o in results.observations if str(o.period) == "2011-H1"]

    print("\n(b1) 2011年目标，截至2011-06-30（上半年数据，虚构）")
    show(g.evaluate(plan, midyear, as_of="2011-06-30"), plan)

    print("\n(b2) 2011年目标，最终核对（全年数据，虚构）")
    final = g.evaluate(plan, [results])
    show(final, plan)

    result = g.score(scorecard, final)
    print(f"\n(c) {scorecard.title}")
    for item, line in zip(scorecard.items, result.items, strict=True):
        points = "—" if line.points is None else f"{line.points:g}"
        veto = " 一票否决" if item.veto else ""
        print(f"    {line.status.value:<13} {points:>5} / {item.weight:<3g} {item.label}{veto}")
    print(f"  -- {result.points:g} / {result.max_points:g} 分，等级：{result.grade}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
