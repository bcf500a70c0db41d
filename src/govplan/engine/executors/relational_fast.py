"""The check query's fast branch: simple checks, judged straight from their last row.

A simple check is a final level due at its period's end, not cumulative,
whose values are all in the threshold's unit (``gp_ck.simple``): its values
and thresholds are compared as they are, without scaling, and only its
period's rows are read.  Most checks of a large plan are simple, so this
branch carries the bulk of the rows: one grouping of the rows by (check,
scope) finds each slice's last row and, with one more pair of aggregates,
whether the cell's rows disagree (:mod:`.relational_conflicts`).
"""

from __future__ import annotations

from ..check_table import ComparatorCode, DirectionCode, ReasonCode, SeverityCode, StatusCode
from .relational_conflicts import facts_hash
from .relational_quotients import D12 as _D12
from .relational_quotients import LAST_STAGE, quotient_stages
from .relational_truth import truth

__all__ = ["fast_branch_sql"]


def fast_branch_sql(
    *, issuer_sql: str, known_r: str, target_id: str, subject: str, given: str | None = None
) -> str:
    """The CTEs ``f_last`` … ``fast_out`` (after the check query's ``ck`` and ``slices``).

    *target_id* and *subject* are the expressions of those columns (over
    ``target_id``, ``for_each`` and ``slice_scope``).  ``fast_out`` has the result columns and
    ``conflict``; a cell whose rows disagree but that no slice reads comes out
    as a row of its own (``ord`` NULL), so that it is refused too.  *given*
    bounds the row numbers of the rows as given (rows derived by the roll-up,
    numbered after them, fill a cell and are never a conflict).
    """
    facts = facts_hash("r.low", "r.high")
    if given is not None:
        facts = f"CASE WHEN r.row < {given} THEN {facts} END"
    s, sev = StatusCode, SeverityCode
    rising = f"({ComparatorCode.AT_LEAST}, {ComparatorCode.MORE_THAN})"
    return f"""
f_last AS (
  -- Per simple check and scope, the last row of its indicator and period (rows meet
  -- their checks by a join with the small check table first).  Its closedness and
  -- whether it has a value ride in the low bits of the row key: three aggregates do;
  -- two more (the least and greatest hash of the rows' facts) flag a conflict.
  SELECT v.check, v.skey, MAX(v.key) AS key,
    arg_max(v.low, v.key) AS lo, arg_max(v.hi, v.key) AS hi,
    MIN(v.facts) <> MAX(v.facts) AS conflict
  FROM (
    SELECT c.check, COALESCE(r.scope, {issuer_sql}, '') AS skey, r.low, r.high AS hi,
      r.row * 8 + CASE WHEN r.low_closed THEN 1 ELSE 0 END
        + CASE WHEN r.high_closed THEN 2 ELSE 0 END
        + CASE WHEN r.has_value THEN 4 ELSE 0 END AS key,
      {facts} AS facts
    FROM gp_values AS r JOIN ck AS c ON c.simple AND c.indicator_id = r.indicator_id
      AND c.period = r.period
    WHERE r.change_from IS NULL AND COALESCE(r.breakdown, '') = '' AND {known_r}
  ) AS v
  GROUP BY v.check, v.skey
),
f_found AS (
  -- The slices with their check's columns, and the slice's last row if any; and the
  -- conflicting cells no slice reads.
  SELECT x.ord, COALESCE(x.scope, NULLIF(f.skey, '')) AS slice_scope,
    COALESCE(c.check, f.check) AS check, c.target_id, c.for_each, c.comparator,
    c.direction, c.binding, c.tolerance, c.missing_fails, c.threshold AS threshold_b,
    c.low AS acc_low, c.high AS acc_high, c.low_closed AS acc_low_closed,
    c.high_closed AS acc_high_closed, f.key, f.lo, f.hi, COALESCE(f.conflict, FALSE) AS conflict
  FROM (SELECT check, scope, ord, COALESCE(scope, '') AS skey FROM slices) AS x
  JOIN ck AS c ON c.check = x.check AND c.simple
  FULL OUTER JOIN f_last AS f ON f.check = x.check AND f.skey = x.skey
  WHERE x.check IS NOT NULL OR f.conflict
),
f_joined AS (
  SELECT *, key // 8 AS cur_row, lo AS ln, hi AS hn, key % 2 = 1 AS lc, key // 2 % 2 = 1 AS hc,
    key IS NOT NULL AS has_result, COALESCE(key // 4 % 2 = 1, FALSE) AS has_span
  FROM f_found
),
f_judged AS (
  SELECT *, {truth("", whole=True)} AS truth, (ln IS NOT NULL AND ln = hn) AS is_point
  FROM f_joined
),
f_measured AS (
  SELECT *,
    CASE WHEN has_span AND is_point AND comparator IN {rising}
      AND direction <> {DirectionCode.LOWER} AND threshold_b > 0 AND ln >= 0
      THEN CAST(ln AS {_D12}) END AS pr_n,
    CAST(threshold_b AS {_D12}) AS pr_d,
    CASE WHEN NOT has_span THEN NULL WHEN is_point THEN ln WHEN truth <> 0 THEN NULL
      WHEN hn IS NOT NULL AND hn = threshold_b THEN NULL
      WHEN hn IS NOT NULL AND hn < threshold_b THEN hn
      WHEN ln = threshold_b THEN NULL
      WHEN comparator = {ComparatorCode.BETWEEN} AND ln = acc_high THEN NULL
      ELSE ln END AS nearest_value
  FROM f_judged
),
{quotient_stages("f_measured", ("pr",), prefix="f_")},
f_statused AS (
  SELECT *, pr_r4 AS progress,
    CASE WHEN has_result AND has_span THEN
      CASE WHEN truth = 1 THEN {s.MET} WHEN truth = 2 THEN {s.INDETERMINATE}
        WHEN tolerance IS NOT NULL AND pr_r4 IS NOT NULL AND pr_r4 >= tolerance
        THEN {s.BASICALLY_MET} ELSE {s.MISSED} END
      ELSE {s.NO_DATA} END AS status,
    CASE WHEN has_result AND has_span THEN {ReasonCode.COMPARED}
      WHEN has_result THEN {ReasonCode.NO_VALUE} ELSE {ReasonCode.NO_RESULT} END AS reason
  FROM f_{LAST_STAGE}_done
),
fast_out AS (
  SELECT check, {target_id}, {subject} AS subject,
  slice_scope AS scope, '' AS breakdown, ord, status,
  CASE WHEN status = {s.MISSED} AND binding THEN {sev.FAILURE}
    WHEN status = {s.NO_DATA} AND missing_fails THEN {sev.FAILURE}
    WHEN status = {s.MISSED} THEN {sev.SHORTFALL}
    WHEN status = {s.MET} THEN {sev.INFO}
    ELSE {sev.WARNING} END AS severity,
  CASE WHEN status = {s.NO_DATA} AND missing_fails AND reason = {ReasonCode.NO_RESULT}
    THEN {ReasonCode.NO_RESULT_FAILS}
    WHEN status = {s.NO_DATA} AND missing_fails AND reason = {ReasonCode.NO_VALUE}
    THEN {ReasonCode.NO_VALUE_FAILS} ELSE reason END AS reason,
  COALESCE(cur_row, -1) AS value_row,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN CAST(ln AS {_D12}) END AS observed_low,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN CAST(hn AS {_D12}) END AS observed_high,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN lc END AS observed_low_closed,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN hc END AS observed_high_closed,
  CASE WHEN reason = {ReasonCode.COMPARED} AND nearest_value IS NOT NULL
    THEN CAST(nearest_value - CASE WHEN comparator = {ComparatorCode.BETWEEN}
      THEN LEAST(GREATEST(nearest_value, acc_low), acc_high) ELSE threshold_b END AS {_D12})
      END AS gap,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN progress END AS progress,
  CAST(NULL AS {_D12}) AS pace, FALSE AS in_percent, conflict,
  CAST(NULL AS INTEGER) AS base_row
  FROM f_statused
)"""
