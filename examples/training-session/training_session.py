"""Worked example, seed 03: the community-service team's briefing (宣讲会) plan.

Prints the event with its preparation timeline, materials, agenda and roles,
checks it as of 2011-03-09 (location still undecided two days before), then
after the event with an invented sign-in list and expected number (labelled).

Run: ``python examples/training-session/training_session.py``
"""

from __future__ import annotations

from pathlib import Path

import attrs

import govplan as g

HERE = Path(__file__).resolve().parent


def show(evaluation: g.Evaluation) -> None:
    for verdict in evaluation.verdicts:
        print(f"  {verdict.status.value:<13} {verdict.explain('zh')}")
    print(f"  -- {'passes' if evaluation.passes else 'FAILS'}")


def main() -> None:
    event = g.load(HERE / "event.yaml")
    print(f"{event.title}（计划书 {event.issued_on}，{event.issued_by}）")
    print(f"时间：{event.stated_when} = {event.starts_at.isoformat()}")
    print(f"对象：{event.audience}")
    print(f"地点：{event.location if event.location_decided else '未确定'}")
    print("准备：")
    for task in event.preparation:
        print(f"  {task.when}  {task.owner}：{task.action}")
    print("物品：")
    for material in event.materials:
        per = "每人" if material.per_person else ""
        own = "（自带）" if material.provided_by is g.MaterialSource.ATTENDEES else ""
        print(f"  {material.item} {per}{material.quantity}{own} {material.purpose or ''}".rstrip())
    if event.setup:
        print(f"布置：{event.setup.by}提前{event.setup.lead_time}{event.setup.action}")
    print("流程：")
    for item in event.agenda:
        roles = f"（{'、'.join(item.roles)}）" if item.roles else ""
        print(f"  {item.order}. {item.activity}{roles}")
        if item.note:
            print(f"     （注：{item.note}）")
    print("注意事项：" + " ".join(event.precautions))

    print("\n核对，截至2011-03-09：")
    show(g.evaluate(event, as_of="2011-03-09"))

    held = attrs.evolve(
        event,
        location="西山一天街报告厅",
        location_decided=True,
        roles=tuple(
            attrs.evolve(role, person=role.person or name)
            for role, name in zip(event.roles, ("李明", "张华", "陈静", "", "", ""), strict=True)
        ),
        expected_attendance=g.parse_quantity("40人"),
        attendance=g.Attendance(names=tuple(f"队员{n:02d}" for n in range(1, 36))),
    )
    print("\n活动后核对（地点、主持人等、预计40人、签到35人均为虚构）：")
    show(g.evaluate(held))


if __name__ == "__main__":
    main()
