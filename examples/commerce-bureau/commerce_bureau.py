"""Worked example, seed 04: the commerce bureau's 2011 discipline-inspection summary.

Prints the year's inspections (leads, units, basis, methods, checklist with
article references, results — "nothing found" included), then the rules that
check them: results, coverage of the responsibility pledge, the weekly study.
Finally the weekly study again, with an invented session log (labelled).

Run: ``python examples/commerce-bureau/commerce_bureau.py``
"""

from __future__ import annotations

from pathlib import Path

import attrs

import govplan as g

HERE = Path(__file__).resolve().parent
RESULT = {
    g.InspectionResult.FINDINGS: "发现问题",
    g.InspectionResult.NOTHING_FOUND: "未发现问题",
    g.InspectionResult.NOT_STATED: "已开展，结果未说明",
    g.InspectionResult.NOT_DONE: "未开展",
}


def main() -> None:
    report = g.load(HERE / "report-2011.yaml")
    people = {p.id: f"{p.title}{p.name}" for p in report.people}
    units = {o.id: o.name for o in report.organisations}

    print(f"{report.title}（{report.issued_on}）")
    for pledge in report.pledges:
        basis = "、".join(d.number or d.title for d in pledge.basis)
        signed = "、".join(units[s] for s in pledge.signatories)
        print(f"责任制：{pledge.title}，{pledge.stated_when}签订（{basis}），签订单位：{signed}")
    print("\n检查与专项治理：")
    for inspection in report.inspections:
        when = inspection.date or inspection.period
        print(
            f"  [{inspection.kind.value}] {inspection.title}（{when}）：{RESULT[inspection.result]}"
        )
        if inspection.leads:
            print(f"      带队：{'、'.join(people[p] for p in inspection.leads)}")
        if inspection.inspected_units:
            print(f"      被检查单位：{'、'.join(units[u] for u in inspection.inspected_units)}")
        if inspection.basis:
            print(f"      依据：{'、'.join(d.title for d in inspection.basis)}")
        if inspection.methods:
            print(f"      方式：{'、'.join(inspection.methods)}")
        for item in inspection.checklist:
            articles = "、".join(item.articles)
            print(f"      对照{articles}：{item.text} — {RESULT[item.result]}")
    for observation in report.observations:
        print(f"数字：{observation.indicator_id} = {observation.value}（{observation.source}）")

    study = report.activities[0]
    skipped = "、".join(str(day) for day in study.recurrence.except_dates)
    print(f"每周五政治学习：{study.period}，节假日不计（{skipped}）")

    print("\n规则核对（年终）：")
    for verdict in g.evaluate(report).verdicts:
        print(f"  {verdict.status.value:<13} {verdict.explain('zh')}")

    held = study.recurrence.dates(study.period)[:-3]
    logged = attrs.evolve(study, sessions=tuple(g.HeldSession(date=day) for day in held))
    print("\n每周五政治学习，附虚构的活动记录（少记3次）：")
    evaluation = g.evaluate(
        attrs.evolve(report, activities=(logged,)), rules=g.RuleSet(rules=("recurring",))
    )
    for verdict in evaluation.verdicts:
        print(f"  {verdict.status.value:<13} {verdict.explain('zh')}")


if __name__ == "__main__":
    main()
