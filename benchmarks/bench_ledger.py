"""``govplan check`` on a generated ledger: rows per second, reading versus evaluating.

Generates a CSV ledger of N rows (default 100,000: one row per school × indicator
for a template target on each of ten indicators), then times the two halves of
``govplan check``: reading the ledger and evaluating.  Also runs the command
itself once in a subprocess and checks it finishes.

Run: ``python benchmarks/bench_ledger.py [N]``
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import govplan as g

INDICATORS = 10


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    """A plan of template targets and a ledger of *rows* results."""
    year = g.Period.year(2011)
    schools = rows // INDICATORS
    plan = g.Plan(
        id="province",
        title="全省学校指标",
        period=year,
        issuer="province",
        organisations=(
            g.Organisation(id="province", name="省教育厅"),
            *(
                g.Organisation(id=f"school{s}", name=f"学校{s}", parent_id="province")
                for s in range(schools)
            ),
        ),
        indicators=tuple(
            g.Indicator(id=f"rate{i}", name=f"指标{i}", unit=g.PERCENT) for i in range(INDICATORS)
        ),
        sections=(
            g.Section(
                id="s",
                title="学校",
                goals=(
                    g.Goal(
                        id="g",
                        title="每校达标",
                        targets=tuple(
                            g.Target(
                                id=f"t{i}",
                                indicator_id=f"rate{i}",
                                comparator=g.Comparator.AT_LEAST,
                                value=g.Quantity.of(90, g.PERCENT),
                                period=year,
                                for_each=g.ForEach.SCOPE,
                            )
                            for i in range(INDICATORS)
                        ),
                    ),
                ),
            ),
        ),
    )
    plan_path = folder / "plan.yaml"
    g.dump(plan, plan_path)
    ledger = folder / "ledger.csv"
    with ledger.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["指标", "填报单位", "期间", "数值"])
        for school in range(schools):
            for i in range(INDICATORS):
                value = 80 + (school * 31 + i * 7) % 20
                text = f"{value}多%" if school % 50 == 0 else f"{value}.{school % 10}%"
                writer.writerow([f"rate{i}", f"school{school}", "2011", text])
    return plan_path, ledger


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as name:
        plan_path, ledger = write_files(Path(name), rows)
        plan = g.load(plan_path)
        start = time.perf_counter()
        observations = g.read_ledger(ledger, plan.indicators)
        read = time.perf_counter() - start
        start = time.perf_counter()
        evaluation = g.evaluate(plan, observations)
        judged = time.perf_counter() - start
        assert len(evaluation.verdicts) == len(observations) == rows
        total = read + judged
        print(f"ledger: {rows:,} rows")
        print(f"reading   {read:6.2f} s  ({read / total:.0%})")
        print(f"evaluating{judged:6.2f} s  ({judged / total:.0%})")
        print(f"rows per second (read + evaluate): {rows / total:,.0f}")
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "govplan", "check", str(plan_path), "--results", str(ledger),
             "--format", "json"],
            capture_output=True,
            check=False,
        )  # fmt: skip
        command = time.perf_counter() - start
        assert run.returncode in (0, 1), run.stderr.decode()
        print(f"govplan check (whole command, JSON out): {command:.1f} s, exit {run.returncode}")


if __name__ == "__main__":
    main()
