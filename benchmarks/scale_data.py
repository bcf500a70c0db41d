"""Generated data for the scale benchmark: one plan and large ledgers (never committed).

The plan has 30 indicators (rates in %, counts in 人, money in 万元) and one
template target per indicator and month of 2011 (360 targets, each checked
for every school of the bureau).  A ledger holds one row per indicator,
school and month; the rows are made by DuckDB itself, so writing 10^7 of them
takes seconds.  A few cells per thousand are left empty (no data) and a few
are written as people write them ("95多%", "1,204人") so that the column
reader's parsing path is exercised too (in the CSV; the Parquet ledger holds
typed DECIMAL values, as a warehouse export does).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import govplan as g

INDICATORS = 30
MONTHS = 12
_UNITS = ("%", "人", "万元")
_COMPARATORS = ("at_least", "at_most", "more_than", "less_than", "between")
_THRESHOLDS = {"%": Decimal("50"), "人": Decimal("1500"), "万元": Decimal("100")}


def schools_for(rows: int) -> int:
    """How many schools make about *rows* ledger rows."""
    return max(1, rows // (INDICATORS * MONTHS))


def plan(schools: int) -> g.Plan:
    """The benchmark plan for *schools* schools."""
    indicators = tuple(
        g.Indicator(id=f"i{k}", name=f"指标{k}", unit=g.parse_unit(_UNITS[k % 3]))
        for k in range(INDICATORS)
    )
    targets = []
    for k, indicator in enumerate(indicators):
        unit = indicator.unit
        threshold = _THRESHOLDS[unit.symbol]
        comparator = _COMPARATORS[k % len(_COMPARATORS)]
        for month in range(1, MONTHS + 1):
            targets.append(
                g.Target(
                    id=f"t{k}-{month:02d}",
                    indicator_id=indicator.id,
                    comparator=comparator,
                    value=g.Quantity.of(threshold, unit),
                    upper=g.Quantity.of(threshold * 2, unit) if comparator == "between" else None,
                    period=g.Period.month(2011, month),
                    commitment="ensure" if k % 2 else "strive",
                    for_each="scope",
                    scope="bureau",
                )
            )
    organisations = (
        g.Organisation(id="bureau", name="教育局"),
        *(g.Organisation(id=f"s{n}", name=f"学校{n}", parent_id="bureau") for n in range(schools)),
    )
    return g.Plan(
        id="scale",
        title="规模基准",
        period=g.Period.year(2011),
        issuer="bureau",
        organisations=organisations,
        indicators=indicators,
        sections=(
            g.Section(
                id="s", title="一", goals=(g.Goal(id="g", title="任务", targets=tuple(targets)),)
            ),
        ),
    )


def ledger_sql(rows: int) -> str:
    """A DuckDB query making the ledger rows (header names as officials write them)."""
    return f"""
SELECT
  'i' || ((n // {MONTHS}) % {INDICATORS}) AS 指标,
  's' || (n // ({MONTHS} * {INDICATORS})) AS 填报单位,
  '2011-' || lpad(CAST(n % {MONTHS} + 1 AS VARCHAR), 2, '0') AS 期间,
  CASE
    WHEN hash(n) % 1000 = 0 THEN ''
    WHEN hash(n) % 1000 = 1 AND (n // {MONTHS}) % {INDICATORS} % 3 = 0
      THEN CAST(hash(n) % 90 + 5 AS VARCHAR) || '多%'
    WHEN hash(n) % 1000 = 2 AND (n // {MONTHS}) % {INDICATORS} % 3 = 1 THEN '1,204人'
    WHEN (n // {MONTHS}) % {INDICATORS} % 3 = 0
      THEN CAST(CAST(hash(n) % 10000 AS DECIMAL(18, 2)) / 100 AS VARCHAR)
    WHEN (n // {MONTHS}) % {INDICATORS} % 3 = 1 THEN CAST(hash(n) % 3000 AS VARCHAR)
    ELSE CAST(CAST(hash(n) % 20000 AS DECIMAL(18, 2)) / 100 AS VARCHAR)
  END AS 数值
FROM range({rows}) AS t(n)
"""


def write(directory: Path, rows: int) -> tuple[Path, Path, Path]:
    """Write the plan (YAML), a CSV and a Parquet ledger of *rows* rows; their paths."""
    import duckdb

    directory.mkdir(parents=True, exist_ok=True)
    schools = schools_for(rows)
    rows = schools * INDICATORS * MONTHS
    plan_path = directory / f"plan-{schools}.yaml"
    if not plan_path.exists():
        g.dump(plan(schools), plan_path)
    csv_path = directory / f"ledger-{rows}.csv"
    parquet_path = directory / f"ledger-{rows}.parquet"
    con = duckdb.connect()
    if not csv_path.exists():
        con.execute(f"COPY ({ledger_sql(rows)}) TO '{csv_path}' (HEADER, DELIMITER ',')")
    if not parquet_path.exists():
        # A warehouse stores numbers typed: the Parquet ledger's values are DECIMAL.
        typed = (
            "SELECT 指标, 填报单位, 期间,"
            " TRY_CAST(REPLACE(数值, ',', '') AS DECIMAL(18, 2)) AS 数值"
            f" FROM ({ledger_sql(rows)})"
        )
        con.execute(f"COPY ({typed}) TO '{parquet_path}' (FORMAT PARQUET)")
    con.close()
    return plan_path, csv_path, parquet_path
