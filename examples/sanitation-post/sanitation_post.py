"""Worked example, seed 05: the community sanitation director's duties.

Prints the post's seven duties with the targets duties 2 and 6 imply, then
checks those targets against invented 2011 results (labelled), the national
standard for pest density being a reference value.

Run: ``python examples/sanitation-post/sanitation_post.py``
"""

from __future__ import annotations

from pathlib import Path

import govplan as g

HERE = Path(__file__).resolve().parent


def main() -> None:
    post = g.load(HERE / "post.yaml")
    results = g.load(HERE / "results-2011.yaml")
    print(f"{post.title}岗位职责")
    for duty in post.duties:
        print(f"  {duty.number}. {duty.text}")
        for target in duty.targets:
            print(f"       目标 {target.id}: {target.stated}")
        for activity in duty.activities:
            how = activity.recurrence.frequency.value
            print(f"       活动 {activity.id}: {activity.title}（{how}）")
    print(f"\n核对：{results.title}")
    evaluation = g.evaluate(post, [results])
    for verdict in evaluation.verdicts:
        print(f"  {verdict.status.value:<13} {verdict.explain('zh')}")
        if verdict.note:
            print(f"  {'':<13} 说明：{verdict.note}")
    print(f"  -- {'passes' if evaluation.passes else 'FAILS'}")


if __name__ == "__main__":
    main()
