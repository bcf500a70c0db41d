"""Worked example, seed 01: the survey team's day-3 summary, carried into day 4.

Prints the day's task, strengths, shortcomings and improvement measures, then
the next day's plan with those measures carried over.

Run: ``python examples/survey-day3/survey_day3.py``
"""

from __future__ import annotations

from pathlib import Path

import govplan as g

HERE = Path(__file__).resolve().parent


def main() -> None:
    day3 = g.load(HERE / "day3.yaml")
    summary = day3.summary
    assert summary is not None
    print(f"{day3.title}（{day3.issued_by}，{summary.written_on}）")
    print(f"任务：{day3.task}；地点：{day3.location}")
    print("优点及进步性：")
    for point in summary.strengths:
        print(f"  {point.title}")
    print("不足：")
    for point in summary.shortcomings:
        print(f"  {point.title}")
        if point.note:
            print(f"    （注：{point.note}）")
    print("改进措施：")
    for measure in summary.improvements:
        print(f"  {measure.id}: {measure.action}")

    day4 = day3.next_day(id="louxing-survey-day4", task="继续市场价格调研（第四天，计划）")
    print(f"\n第四天（{day4.day}）的计划，沿用第三天的改进措施：")
    for measure in day4.measures:
        print(f"  [{measure.status or 'unrecorded'}] {measure.action}")


if __name__ == "__main__":
    main()
