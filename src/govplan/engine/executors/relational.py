"""The check as one relational expression, written once and transpiled per engine.

The query is written in DuckDB's SQL dialect; sqlglot transpiles it for
Spark, so no second copy is kept by hand.  It reads six relations:

``gp_checks``
    The compiled check table, :data:`~govplan.engine.check_table.CHECK_COLUMNS`.
``gp_values``
    The value columns, :data:`~govplan.engine.check_table.VALUE_COLUMNS`.
``gp_dims``
    Per unit dimension, ``l``: the least common multiple of the denominators
    of its units' factors, so that every unit is a whole number of base units.
``gp_orgs``
    The organisation tree: ``id``, ``parent_id`` and ``ord`` (the order given).
``gp_value_units``
    Per indicator, whether its values are all in one unit (:data:`VALUE_UNITS_SQL`).
``gp_ck``
    The check table with its ends in whole base units and the fast-path flag
    (:func:`checks_sql`, over ``gp_checks``, ``gp_dims`` and ``gp_value_units``).

and returns one row per check slice, with the columns of
:data:`RESULT_SQL_COLUMNS`.

Exactness.  Every number is a ``DECIMAL``.  Values and thresholds are first
multiplied into whole base units of their dimension (万元 → 10 000 元; 亩 →
2000 thirds of a ㎡), which is exact.  Comparisons are then made on exact
decimals, growth by cross-multiplying (``100·(now − before) ⋈ t·before``).
Only the shown numbers divide — progress, and gaps and observed values in the
threshold's unit — and each quotient is produced digit-exact: a
floating-point estimate of the quotient is corrected with exact decimal
remainders.  A quotient is kept whole when its decimal form ends within 12
places, else rounded half-to-even to 4 places, as the in-process engine does.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..check_table import (
    BasisCode,
    ComparatorCode,
    DirectionCode,
    ForEachCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
)
from .relational_fast import fast_branch_sql
from .relational_quotients import D0 as _D0
from .relational_quotients import D6 as _D6
from .relational_quotients import D12 as _D12
from .relational_quotients import LAST_STAGE, QUOTIENTS, quotient_stages
from .relational_truth import band_gap_n, breach, minus, status_sql, truth

__all__ = [
    "RESULT_SQL_COLUMNS",
    "VALUE_UNITS_SQL",
    "check_sql",
    "checks_sql",
    "quote",
    "subject_sql",
]

RESULT_SQL_COLUMNS = (
    "check",
    "target_id",
    "subject",
    "scope",
    "breakdown",
    "ord",
    "status",
    "severity",
    "reason",
    "value_row",
    "observed_low",
    "observed_high",
    "observed_low_closed",
    "observed_high_closed",
    "gap",
    "progress",
    "pace",
    "in_percent",
    "conflict",
    "base_row",
)
"""The result relation's columns, in order.

``conflict``: the slice's cell is given different values by two rows (the run
is refused).

``in_percent``: the observed value and gap are a growth worked out from two
levels, shown in % whatever the threshold's unit (零增长 on an amount).

``base_row``: for a change, growth or difference worked out from two levels,
the baseline's or reference's value row (``value_row`` is the level's); the
sentence shows both values."""

_BIG = 1_000_000_000_000


def quote(text: str | None) -> str:
    """A SQL string literal (``NULL`` for ``None``)."""
    if text is None:
        return "NULL"
    return "'" + text.replace("'", "''") + "'"


_HIT_COLUMNS = "row, period, period_start, period_end, change_from, has_value, lo, hi, lc, hc, dim"

_HIT = (
    "vk.row, vk.period, vk.period_start, vk.period_end, vk.change_from, vk.has_value, vk.lo,"
    " vk.hi, vk.lc,"
    " vk.hc, vk.dim"
)
_LEAN = "{'row': h.row, 'lo': h.lo, 'hi': h.hi, 'lc': h.lc, 'hc': h.hc, 'has_value': h.has_value}"
_LEAN_V = "{'row': v.row, 'lo': v.lo, 'hi': v.hi, 'lc': v.lc, 'hc': v.hc, 'has_value': v.has_value}"
_SPAN = (
    "{'row': h.row, 'lo': h.lo, 'hi': h.hi, 'lc': h.lc, 'hc': h.hc, 'has_value': h.has_value,"
    " 'dim': h.dim, 'period_end': h.period_end}"
)


VALUE_UNITS_SQL = """
SELECT indicator_id,
  MIN(CASE WHEN unit_dimension IS NULL THEN 0 ELSE 1 END) = 1
    AND MIN(unit_dimension) = MAX(unit_dimension)
    AND MIN(unit_factor_num) = MAX(unit_factor_num)
    AND MIN(unit_factor_den) = MAX(unit_factor_den) AS uniform,
  MIN(unit_dimension) AS dim, MIN(unit_factor_num) AS num, MIN(unit_factor_den) AS den
FROM gp_values WHERE has_value AND change_from IS NULL
GROUP BY indicator_id
"""
"""The ``gp_value_units`` relation: per indicator, whether every value is in one unit.

Computed before the check query (a small table), so that the query's many
uses of the check table do not each repeat a scan of the values.
"""


def subject_sql(target_id: str, for_each: str, scope: str, breakdown: str) -> str:
    """The subject of a result row: ``target``, ``target@scope`` or ``target@a/b``."""
    return (
        f"CASE WHEN {for_each} = {ForEachCode.NONE} THEN {target_id}"
        f" WHEN {for_each} = {ForEachCode.SCOPE} THEN {target_id} || '@' || {scope}"
        f" ELSE {target_id} || '@' || regexp_replace(regexp_replace({breakdown},"
        " '[^=;]*=', '', 'g'), ';', '/', 'g') END"
    )


def checks_sql(*, as_of: _dt.date | None) -> str:
    """The ``gp_ck`` relation: the check table with its scaled ends and the fast-path flag.

    Computed before the check query (a small table: a row per check), so that
    the query's many uses of it do not each repeat its joins.
    """
    as_of_sql = "NULL" if as_of is None else f"DATE '{as_of.isoformat()}'"
    ended_c = "TRUE" if as_of is None else f"{as_of_sql} > c.due"
    b = BasisCode
    sql = f"""
WITH ck0 AS (
  SELECT c.*, CAST(c.unit_factor_num * COALESCE(d.l, 1) // c.unit_factor_den AS {_D0}) AS k,
    CAST(c.threshold * (c.unit_factor_num * COALESCE(d.l, 1) // c.unit_factor_den) AS {_D6})
      AS threshold_b,
    CAST(c.low * (c.unit_factor_num * COALESCE(d.l, 1) // c.unit_factor_den) AS {_D6})
      AS acc_low,
    c.low_closed AS acc_low_closed,
    CAST(c.high * (c.unit_factor_num * COALESCE(d.l, 1) // c.unit_factor_den) AS {_D6})
      AS acc_high,
    c.high_closed AS acc_high_closed,
    CAST(date_diff('day', c.period_start, c.due) + 1 AS BIGINT) AS pace_days
  FROM gp_checks AS c LEFT JOIN gp_dims AS d ON d.dimension = c.unit_dimension
),
ck1 AS (
  -- A simple check (a final level due at its period's end, not cumulative, its values
  -- all in the threshold's unit) takes the fast branch: values and thresholds are
  -- compared as they are, without scaling.
  SELECT c.*, (c.basis = {b.LEVEL} AND c.baseline IS NULL
    AND c.for_each <> {ForEachCode.BREAKDOWN} AND {ended_c}
    AND NOT c.cumulative AND c.due >= c.period_end
    AND (u.indicator_id IS NULL OR (u.uniform AND u.dim = c.unit_dimension
      AND u.num = c.unit_factor_num AND u.den = c.unit_factor_den))) AS simple
  FROM ck0 AS c LEFT JOIN gp_value_units AS u ON u.indicator_id = c.indicator_id
)
SELECT * FROM ck1
"""
    return re.sub(r'(?<![\w"])check(?![\w"])', '"check"', sql)


def check_sql(
    *,
    as_of: _dt.date | None,
    issuer: str | None,
    subjects: bool = True,
    general: bool = True,
    given: str | None = None,
) -> str:
    """The check query (DuckDB dialect) over the input relations.

    *as_of* ``None`` checks as if every period had ended.  Without *subjects*
    the columns ``target_id`` and ``subject`` are NULL: a reader that joins
    them back from the check table, for the rows it reads, saves building a
    string per row.  Without *general* only the simple checks are judged (the
    caller knows from ``gp_ck`` that every check is simple), so the general
    branch's scan of the values is not made.  *given* (an SQL expression)
    bounds the row numbers of the rows as given, before any derived row.
    """
    as_of_sql = "NULL" if as_of is None else f"DATE '{as_of.isoformat()}'"
    known = "TRUE" if as_of is None else f"v.period_end <= {as_of_sql}"
    known_r = "TRUE" if as_of is None else f"r.period_end <= {as_of_sql}"
    ended = "TRUE" if as_of is None else f"{as_of_sql} > c.due"
    issuer_sql = quote(issuer)
    b, s, sev = BasisCode, StatusCode, SeverityCode
    change_or_growth = f"({b.CHANGE}, {b.GROWTH})"
    progress_comparators = (
        f"({ComparatorCode.AT_LEAST}, {ComparatorCode.MORE_THAN},"
        f" {ComparatorCode.AT_MOST}, {ComparatorCode.LESS_THAN})"
    )
    rising = f"({ComparatorCode.AT_LEAST}, {ComparatorCode.MORE_THAN})"
    interim_key = (
        f"CAST(date_diff('day', DATE '1900-01-01', h.period_end) AS {_D0}) * 1000000000000000"
        f" - CAST(date_diff('day', DATE '1900-01-01', h.period_start) AS {_D0}) * 10000000000"
        " - h.row"
    )
    # Interim rows: for pace before the due day, and for a cumulative check at
    # any day (a total already past a floor or a ceiling decides it for good).
    # ``dec``: an interim total of a cumulative check already past a floor or
    # above a ceiling, which decides the check for good.
    interim_rows = f"""
  UNION ALL
  SELECT check, scope, breakdown, 4 AS role, want_change, {_HIT_COLUMNS},
    (cumulative AND basis = {b.LEVEL} AND CASE WHEN comparator IN {rising}
      THEN {truth("d_", whole=True)} = 1 ELSE {breach("d_")} END) AS dec
  FROM (
    SELECT sc.check, sc.scope, sc.breakdown, sc.baseline AS want_change, {_HIT},
      sc.cumulative, sc.basis, sc.comparator, sc.acc_low, sc.acc_low_closed, sc.acc_high,
      sc.acc_high_closed, vk.lo AS d_ln, CAST(1 AS {_D6}) AS d_ld, vk.hi AS d_hn,
      CAST(1 AS {_D6}) AS d_hd, vk.lc AS d_lc, vk.hc AS d_hc
    FROM sc JOIN vk ON vk.indicator_id = sc.indicator_id AND vk.scope IS NOT DISTINCT FROM sc.scope
      AND vk.breakdown = sc.breakdown
    WHERE vk.change_from IS NULL AND vk.has_value AND vk.period_start >= sc.period_start
      AND vk.period_end < sc.period_end AND vk.period_end <= sc.due
      AND ({"TRUE" if as_of is not None else "sc.cumulative"})
  ) AS i
  UNION ALL
  SELECT sc.check, sc.scope, sc.breakdown, 5 AS role, sc.baseline AS want_change, {_HIT},
    FALSE AS dec
  FROM sc JOIN vk ON vk.indicator_id = sc.indicator_id AND vk.scope IS NOT DISTINCT FROM sc.scope
    AND vk.breakdown = sc.breakdown
  WHERE sc.basis = {b.LEVEL} AND vk.change_from IS NULL AND vk.period_start = sc.period_start
    AND vk.period_end >= sc.due AND vk.period_end < sc.period_end"""
    use = f"(basis IN {change_or_growth} AND use_stated)"
    # The final row: one for exactly the period, else the latest covering the
    # period up to its deadline.
    current_key = (
        f"CASE WHEN h.role = 1 THEN CAST(100000000000000000 AS {_D0}) + h.row"
        f" ELSE CAST(date_diff('day', DATE '1900-01-01', h.period_end) AS {_D0}) * 10000000000"
        " + h.row END"
    )
    # A cumulative check uses interim results at any day, so they are always shown.
    interim_low = "COALESCE(il_exact, il_r4)"
    interim_high = "COALESCE(ih_exact, ih_r4)"
    pace_shown = "COALESCE(pc_exact, pc_r4)"
    r = ReasonCode
    pace_reasons = (
        f"({r.ON_TRACK}, {r.BEHIND_PACE}, {r.SHORT_OF_TARGET}, {r.ALREADY_BREACHED},"
        f" {r.ALREADY_REACHED})"
    )
    point_base = (
        "base_p.lo IS NOT NULL AND base_p.hi IS NOT NULL AND base_p.lo = base_p.hi"
        " AND base_p.lo <> threshold_b"
    )
    fast_subject = subject_sql("target_id", "for_each", "slice_scope", "''")
    general_subject = subject_sql("target_id", "for_each", "slice_scope", "slice_breakdown")
    target_id = "target_id"
    if not subjects:
        fast_subject = general_subject = "CAST(NULL AS VARCHAR)"
        target_id = "CAST(NULL AS VARCHAR) AS target_id"
    fast = fast_branch_sql(
        issuer_sql=issuer_sql,
        known_r=known_r,
        target_id=target_id,
        subject=fast_subject,
        given=given,
    )
    sql = f"""
WITH ck AS (
  SELECT * FROM gp_ck
),
vk AS (
  SELECT v.row, v.indicator_id, COALESCE(v.scope, {issuer_sql}) AS scope,
    COALESCE(v.breakdown, '') AS breakdown, v.period, v.period_start, v.period_end,
    v.change_from, v.has_value,
    CAST(v.low * (v.unit_factor_num * COALESCE(d.l, 1) // v.unit_factor_den) AS {_D6}) AS lo,
    CAST(v.high * (v.unit_factor_num * COALESCE(d.l, 1) // v.unit_factor_den) AS {_D6}) AS hi,
    COALESCE(v.low_closed, FALSE) AS lc, COALESCE(v.high_closed, FALSE) AS hc,
    v.unit_dimension AS dim
  FROM gp_values AS v LEFT JOIN gp_dims AS d ON d.dimension = v.unit_dimension
  WHERE {known} AND v.indicator_id IN (SELECT indicator_id FROM ck WHERE NOT simple)
),
observed AS (
  SELECT indicator_id, scope, COALESCE(breakdown, '') AS breakdown, MIN(row) AS first_row
  FROM gp_values WHERE change_from IS NULL
  GROUP BY indicator_id, scope, COALESCE(breakdown, '')
),
scope_pairs AS (
  SELECT DISTINCT scope, indicator_id FROM ck WHERE for_each = {ForEachCode.SCOPE}
),
each_scope AS (
  -- The scopes of a template target: the children of its scope, in the order given,
  -- then any other scope observed for its indicator.  Worked out per (scope,
  -- indicator) pair, not per check, so the dedupe runs over few rows.
  SELECT parent, indicator_id, scope, MIN(ord) AS ord FROM (
    SELECT p.scope AS parent, p.indicator_id, o.id AS scope, CAST(o.ord AS BIGINT) AS ord
    FROM scope_pairs AS p JOIN gp_orgs AS o ON o.parent_id IS NOT DISTINCT FROM p.scope
    UNION ALL
    SELECT p.scope AS parent, p.indicator_id, x.scope, {_BIG} + x.first_row AS ord
    FROM scope_pairs AS p
    JOIN (SELECT indicator_id, scope, MIN(first_row) AS first_row FROM observed
          WHERE scope IS NOT NULL AND scope IS DISTINCT FROM {issuer_sql}
          GROUP BY indicator_id, scope) AS x
      ON x.indicator_id = p.indicator_id AND x.scope IS DISTINCT FROM p.scope
  ) AS candidates GROUP BY parent, indicator_id, scope
),
slices AS (
  SELECT c.check, c.scope, '' AS breakdown, CAST(0 AS BIGINT) AS ord FROM ck AS c
  WHERE c.for_each = {ForEachCode.NONE}
  UNION ALL
  SELECT c.check, e.scope, '' AS breakdown, e.ord FROM ck AS c
  JOIN each_scope AS e ON e.parent IS NOT DISTINCT FROM c.scope
    AND e.indicator_id = c.indicator_id
  WHERE c.for_each = {ForEachCode.SCOPE}
  UNION ALL
  SELECT c.check, c.scope, o.breakdown, MIN(o.first_row) AS ord FROM ck AS c
  JOIN observed AS o ON o.indicator_id = c.indicator_id
    AND COALESCE(o.scope, {issuer_sql}) IS NOT DISTINCT FROM c.scope AND o.breakdown <> ''
  WHERE c.for_each = {ForEachCode.BREAKDOWN}
  GROUP BY c.check, c.scope, o.breakdown
),
sc AS (
  SELECT x.check, x.scope, x.breakdown, c.indicator_id, c.period, c.baseline,
    c.reference_scope, c.period_start, c.period_end, c.due, c.basis, c.cumulative,
    c.comparator, c.acc_low, c.acc_low_closed, c.acc_high, c.acc_high_closed
  FROM slices AS x JOIN ck AS c ON c.check = x.check AND NOT c.simple
),
hits AS (
  SELECT sc.check, sc.scope, sc.breakdown, 1 AS role, sc.baseline AS want_change, {_HIT},
    FALSE AS dec
  FROM sc JOIN vk ON vk.indicator_id = sc.indicator_id AND vk.scope IS NOT DISTINCT FROM sc.scope
    AND vk.breakdown = sc.breakdown AND vk.period = sc.period
  UNION ALL
  SELECT sc.check, sc.scope, sc.breakdown, 2 AS role, sc.baseline AS want_change, {_HIT},
    FALSE AS dec
  FROM sc JOIN vk ON vk.indicator_id = sc.indicator_id AND vk.scope IS NOT DISTINCT FROM sc.scope
    AND vk.breakdown = sc.breakdown AND vk.period = sc.baseline
  WHERE vk.change_from IS NULL
  UNION ALL
  SELECT sc.check, sc.scope, sc.breakdown, 3 AS role, sc.baseline AS want_change, {_HIT},
    FALSE AS dec
  FROM sc JOIN vk ON vk.indicator_id = sc.indicator_id AND vk.scope = sc.reference_scope
    AND vk.breakdown = sc.breakdown AND vk.period = sc.period
  WHERE sc.basis = {b.REFERENCE} AND vk.change_from IS NULL{interim_rows}
),
found AS (
  SELECT h.check, h.scope, h.breakdown,
    arg_max({_LEAN}, {current_key})
      FILTER (WHERE (h.role = 1 AND h.change_from IS NULL) OR h.role = 5) AS cur,
    arg_max({_LEAN}, h.row) FILTER (WHERE h.role = 2) AS base,
    arg_max({_SPAN}, h.row) FILTER (WHERE h.role = 1 AND h.change_from = h.want_change
      AND h.has_value) AS stated,
    arg_max({_LEAN}, h.row) FILTER (WHERE h.role = 3) AS ref,
    -- A deciding interim row first, else the latest (pace).
    arg_max({_SPAN}, CASE WHEN h.dec THEN CAST(1000000000000000000000 AS {_D0}) ELSE 0 END
      + {interim_key}) FILTER (WHERE h.role = 4) AS interim,
    COALESCE(bool_or(h.dec), FALSE) AS decided
  FROM hits AS h
  GROUP BY h.check, h.scope, h.breakdown
),
joined AS (
  SELECT x.scope AS slice_scope, x.breakdown AS slice_breakdown, x.ord, c.*,
    f.cur, f.base, f.stated, f.ref, f.interim, COALESCE(f.decided, FALSE) AS decided,
    {ended} AS ended,
    COALESCE(f.stated.row IS NOT NULL AND f.stated.dim = c.unit_dimension, FALSE) AS use_stated
  FROM slices AS x JOIN ck AS c ON c.check = x.check AND NOT c.simple
  LEFT JOIN found AS f ON f.check = x.check AND f.scope IS NOT DISTINCT FROM x.scope
    AND f.breakdown = x.breakdown
),
spans AS (
  SELECT *,
    CASE WHEN {use} THEN stated.row ELSE cur.row END AS result_row,
    COALESCE(CASE
      WHEN {use} THEN TRUE
      WHEN basis = {b.LEVEL} THEN cur.has_value
      WHEN basis = {b.REFERENCE} THEN cur.has_value AND ref.has_value
      WHEN basis = {b.CHANGE} THEN cur.has_value AND base.has_value
      ELSE cur.has_value AND base.has_value AND base.lo > 0 AND base.hi IS NOT NULL
        AND cur.lo IS NOT NULL AND cur.lo >= 0
    END, FALSE) AS has_span,
    CASE
      WHEN {use} THEN stated.lo
      WHEN basis = {b.LEVEL} THEN cur.lo
      WHEN basis = {b.REFERENCE} THEN CAST(cur.lo - ref.hi AS {_D6})
      WHEN basis = {b.CHANGE} THEN CAST(cur.lo - base.hi AS {_D6})
      ELSE CAST(100 * (cur.lo - base.hi) AS {_D6})
    END AS ln,
    CASE WHEN basis = {b.GROWTH} AND NOT use_stated THEN base.hi
      ELSE CAST(1 AS {_D6}) END AS ld,
    CASE
      WHEN {use} THEN stated.hi
      WHEN basis = {b.LEVEL} THEN cur.hi
      WHEN basis = {b.REFERENCE} THEN CAST(cur.hi - ref.lo AS {_D6})
      WHEN basis = {b.CHANGE} THEN CAST(cur.hi - base.lo AS {_D6})
      ELSE CAST(100 * (cur.hi - base.lo) AS {_D6})
    END AS hn,
    CASE WHEN basis = {b.GROWTH} AND NOT use_stated THEN base.lo
      ELSE CAST(1 AS {_D6}) END AS hd,
    CASE
      WHEN {use} THEN stated.lc
      WHEN basis = {b.LEVEL} THEN cur.lc
      WHEN basis = {b.REFERENCE} THEN cur.lc AND ref.hc
      ELSE cur.lc AND base.hc
    END AS lc,
    CASE
      WHEN {use} THEN stated.hc
      WHEN basis = {b.LEVEL} THEN cur.hc
      WHEN basis = {b.REFERENCE} THEN cur.hc AND ref.lc
      ELSE cur.hc AND base.lc
    END AS hc,
    (cur.row IS NOT NULL OR {use}) AS has_result,
    interim.lo AS i_ln, CAST(1 AS {_D6}) AS i_ld, interim.hi AS i_hn, CAST(1 AS {_D6}) AS i_hd,
    interim.lc AS i_lc, interim.hc AS i_hc,
    CASE WHEN basis = {b.LEVEL} AND baseline IS NOT NULL THEN base END AS base_p,
    NOT (basis = {b.GROWTH} AND NOT use_stated) AS whole,
    -- A growth worked out from two levels is in %, whatever the threshold's unit (a
    -- 零增长 target on an amount is stated in the amount's unit, its threshold 0).
    COALESCE(basis = {b.GROWTH} AND NOT use_stated
      AND unit_dimension NOT IN ('rate', 'rate-difference'), FALSE) AS in_percent
  FROM joined
),
judged AS (
  SELECT *,
    CASE WHEN whole THEN {truth("", whole=True)} ELSE {truth("")} END AS truth,
    {truth("i_", whole=True)} AS i_truth,
    (ln IS NOT NULL AND hn IS NOT NULL AND CASE WHEN whole THEN ln = hn
      ELSE CAST(ln AS {_D6}) * CAST(hd AS {_D6}) = CAST(hn AS {_D6}) * CAST(ld AS {_D6}) END)
      AS is_point,
    CAST(LEAST(date_diff('day', period_start, interim.period_end) + 1, pace_days)
      AS BIGINT) AS elapsed_days
  FROM spans
),
placed AS (
  SELECT *,
    CASE WHEN NOT has_span OR NOT has_result THEN NULL
      WHEN is_point THEN 'l'
      WHEN truth <> 0 THEN NULL
      WHEN hn IS NOT NULL AND {minus("hn", "hd", "threshold_b")} = 0 THEN NULL
      WHEN hn IS NOT NULL AND {minus("hn", "hd", "threshold_b")} < 0 THEN 'h'
      WHEN ln IS NOT NULL AND {minus("ln", "ld", "threshold_b")} = 0 THEN NULL
      WHEN comparator = {ComparatorCode.BETWEEN} AND {minus("ln", "ld", "acc_high")} = 0
      THEN NULL
      WHEN ln IS NOT NULL THEN 'l' END AS nearest,
    CASE WHEN in_percent THEN CAST(1 AS {_D0}) ELSE k END AS shown_k,
    CASE WHEN has_result AND has_span AND is_point AND comparator IN {progress_comparators} THEN
      CASE WHEN {point_base} THEN 1
        WHEN comparator IN {rising} AND direction <> {DirectionCode.LOWER}
          AND threshold_b > 0 AND ln >= 0 THEN 2 END END AS progress_kind
  FROM judged
),
measured AS (
  SELECT *,
    CASE WHEN progress_kind = 1 AND threshold_b > base_p.lo THEN ln - base_p.lo
      WHEN progress_kind = 1 THEN base_p.lo - ln
      WHEN progress_kind = 2 THEN CAST(ln AS {_D12}) END AS pr_n,
    CASE WHEN progress_kind = 1 AND threshold_b > base_p.lo THEN threshold_b - base_p.lo
      WHEN progress_kind = 1 THEN base_p.lo - threshold_b
      WHEN progress_kind = 2 THEN CAST(ld AS {_D6}) * CAST(threshold_b AS {_D6}) END AS pr_d,
    CASE WHEN nearest IS NULL THEN NULL
      WHEN comparator = {ComparatorCode.BETWEEN} THEN {band_gap_n()}
      WHEN nearest = 'l' THEN {minus("ln", "ld", "threshold_b")}
      WHEN nearest = 'h' THEN {minus("hn", "hd", "threshold_b")} END AS gp_n,
    CASE WHEN nearest = 'l' THEN CAST(ld AS {_D12}) * shown_k
      WHEN nearest = 'h' THEN CAST(hd AS {_D12}) * shown_k END AS gp_d,
    CASE WHEN has_span THEN ln END AS ol_n, CAST(ld AS {_D12}) * shown_k AS ol_d,
    CASE WHEN has_span THEN hn END AS oh_n, CAST(hd AS {_D12}) * shown_k AS oh_d,
    i_ln AS il_n, CAST(k AS {_D12}) AS il_d, i_hn AS ih_n, CAST(k AS {_D12}) AS ih_d,
    CASE WHEN interim.row IS NOT NULL THEN CAST(threshold_b AS {_D12}) * elapsed_days END
      AS pc_n,
    CAST(k AS {_D12}) * pace_days AS pc_d
  FROM placed
),
{quotient_stages("measured", QUOTIENTS)},
statused AS (
  SELECT *, pr_r4 AS progress, {status_sql()} FROM {LAST_STAGE}_done
),
general_out AS (
SELECT check, {target_id}, {general_subject} AS subject,
  slice_scope AS scope, slice_breakdown AS breakdown, ord, status,
  CASE WHEN status = {s.MISSED} AND binding THEN {sev.FAILURE}
    WHEN status = {s.NO_DATA} AND missing_fails THEN {sev.FAILURE}
    WHEN status = {s.MISSED} THEN {sev.SHORTFALL}
    WHEN status IN ({s.MET}, {s.PENDING}) THEN {sev.INFO}
    ELSE {sev.WARNING} END AS severity,
  CASE WHEN status = {s.NO_DATA} AND missing_fails AND reason = {ReasonCode.NO_RESULT}
    THEN {ReasonCode.NO_RESULT_FAILS}
    WHEN status = {s.NO_DATA} AND missing_fails AND reason = {ReasonCode.NO_VALUE}
    THEN {ReasonCode.NO_VALUE_FAILS} ELSE reason END AS reason,
  COALESCE(CASE WHEN reason IN ({ReasonCode.COMPARED}, {ReasonCode.NO_VALUE}) THEN result_row
    WHEN interim.row IS NOT NULL AND reason NOT IN ({ReasonCode.NO_RESULT}, {ReasonCode.NOT_DUE})
    THEN interim.row END, -1) AS value_row,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN COALESCE(ol_exact, ol_r4)
    WHEN reason IN {pace_reasons} THEN {interim_low} END AS observed_low,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN COALESCE(oh_exact, oh_r4)
    WHEN reason IN {pace_reasons} THEN {interim_high} END AS observed_high,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN lc
    WHEN reason IN {pace_reasons} THEN i_lc END AS observed_low_closed,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN hc
    WHEN reason IN {pace_reasons} THEN i_hc END AS observed_high_closed,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN COALESCE(gp_exact, gp_r4) END AS gap,
  CASE WHEN reason = {ReasonCode.COMPARED} THEN progress END AS progress,
  CASE WHEN reason IN ({ReasonCode.ON_TRACK}, {ReasonCode.BEHIND_PACE}) AND cumulative
    AND comparator IN {rising} THEN {pace_shown} END AS pace,
  reason = {ReasonCode.COMPARED} AND in_percent AS in_percent,
  FALSE AS conflict,
  CASE WHEN reason <> {ReasonCode.COMPARED} OR use_stated THEN NULL
    WHEN basis = {b.REFERENCE} THEN ref.row
    WHEN basis IN ({b.CHANGE}, {b.GROWTH}) THEN base.row END AS base_row
FROM statused
),
{fast}
{"SELECT * FROM general_out UNION ALL " if general else ""}SELECT * FROM fast_out
"""
    # "check" is a reserved word: quote it wherever it names the column.
    return re.sub(r'(?<![\w"])check(?![\w"])', '"check"', sql)
