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
)
"""The result relation's columns, in order."""

_BIG = 1_000_000_000_000
_D0 = "DECIMAL(38, 0)"
_D6 = "DECIMAL(38, 6)"
_D12 = "DECIMAL(38, 12)"


def quote(text: str | None) -> str:
    """A SQL string literal (``NULL`` for ``None``)."""
    if text is None:
        return "NULL"
    return "'" + text.replace("'", "''") + "'"


QUOTIENTS = ("pr", "gp", "ol", "oh", "il", "ih", "pc")
"""The quotients shown (``<name>_n / <name>_d``): progress, gap, observed ends, the
interim result's ends, and the pro-rata pace."""
WHOLE_SHOWN = frozenset({"gp", "ol", "oh", "il", "ih", "pc"})
"""Quotients shown as they are when their denominator is 1 (all but progress)."""
_STAGES = 4
_LAST_STAGE = f"quotient_{_STAGES}"


def _quotient_stages(source: str, names: tuple[str, ...], prefix: str = "") -> str:
    """CTEs turning each ``X_n / X_d`` (X_d > 0) into ``X_exact`` and ``X_r4``.

    ``X_exact`` is the quotient when its decimal form ends within 12 places
    (else NULL); ``X_r4`` is it rounded half-to-even to 4 places.  The floor
    of ``X_n·10^p / X_d`` is estimated in floating point (cast to a decimal,
    as Spark's FLOOR would overflow a 64-bit integer), refined once with the
    exact decimal remainder and corrected by one, so every digit is the exact
    rational's.
    """
    stages: list[list[str]] = [[] for _ in range(_STAGES)]
    for x in names:
        # A whole quotient (denominator 1) needs no division: its stages stay NULL.
        skip = f"{x}_n IS NULL OR {x}_d IS NULL" + (f" OR {x}_d = 1" if x in WHOLE_SHOWN else "")
        if x == "pr":
            # Progress rounded in floating point is already right: only the rare
            # quotient near a rounding tie, or too large, takes the exact stages.
            skip += f" OR {x}_fast"
        # Progress is only ever rounded to 4 places: no 12-place pass for it.
        small = "FALSE" if x == "pr" else f"ABS({x}_n) < CAST(100000000000000 AS {_D12})"
        stages[0] += [
            f"CASE WHEN {skip} THEN NULL ELSE CAST({x}_n AS {_D12}) * CASE WHEN {small}"
            f" THEN CAST(1000000000000 AS {_D0}) ELSE CAST(10000 AS {_D0}) END END AS {x}_x",
            f"CASE WHEN {small} THEN CAST(100000000 AS {_D0}) ELSE CAST(1 AS {_D0}) END"
            f" AS {x}_shift",
            f"CASE WHEN {small} THEN CAST(0.00000001 AS DECIMAL(9, 8))"
            f" ELSE CAST(1 AS DECIMAL(9, 8)) END AS {x}_unshift",
        ]
        stages[1] += [
            f"CASE WHEN {x}_x IS NOT NULL THEN CAST(CAST({x}_x AS DOUBLE) / CAST({x}_d AS DOUBLE)"
            f" AS {_D0}) END AS {x}_q0"
        ]
        stages[2] += [
            f"CASE WHEN {x}_x IS NOT NULL THEN {x}_q0 + CAST(CAST({x}_x - {x}_q0 * {x}_d AS DOUBLE)"
            f" / CAST({x}_d AS DOUBLE) AS {_D0}) END AS {x}_q1"
        ]
        r1 = f"({x}_x - {x}_q1 * {x}_d)"
        stages[3] += [
            f"CASE WHEN {x}_x IS NULL THEN NULL WHEN {r1} < 0 THEN {x}_q1 - 1"
            f" WHEN {r1} >= {x}_d THEN {x}_q1 + 1 ELSE {x}_q1 END AS {x}_q"
        ]
    ctes = []
    previous = source
    if "pr" in names:
        f = "pr_f"
        fast = (
            f"pr_f IS NOT NULL AND ABS({f}) < 1000000000 AND ABS({f} - FLOOR({f}) - 0.5) > 0.000001"
        )
        ctes.append(
            f"{prefix}quotient_0a AS (SELECT *, CASE WHEN pr_n IS NOT NULL AND pr_d > 0 THEN"
            f" CAST(pr_n AS DOUBLE) * 10000 / CAST(pr_d AS DOUBLE) END AS pr_f FROM {previous})"
        )
        ctes.append(
            f"{prefix}quotient_0 AS (SELECT *, COALESCE({fast}, FALSE) AS pr_fast"
            f" FROM {prefix}quotient_0a)"
        )
        previous = f"{prefix}quotient_0"
    for number, items in enumerate(stages, start=1):
        name = f"{prefix}quotient_{number}"
        ctes.append(f"{name} AS (SELECT *, {', '.join(items)} FROM {previous})")
        previous = name
    final = []
    for x in names:
        r = f"({x}_x - {x}_q * {x}_d)"
        q4 = f"CAST(FLOOR({x}_q * {x}_unshift) AS {_D0})"
        m = f"({x}_q - {q4} * {x}_shift)"
        twice = f"2 * ({m} * {x}_d + {r})"
        half = f"{x}_shift * {x}_d"
        up = f"({twice} > {half} OR ({twice} = {half} AND ABS({q4} % 2) = 1))"
        final += [
            f"CASE WHEN {x}_d IS NULL OR {x}_n IS NULL THEN NULL"
            + (f" WHEN {x}_d = 1 THEN CAST({x}_n AS {_D12})" if x in WHOLE_SHOWN else "")
            + f" WHEN {x}_shift > 1 AND {r} = 0"
            f" THEN CAST({x}_q * CAST(0.000000000001 AS DECIMAL(13, 12)) AS {_D12}) END"
            f" AS {x}_exact",
            "CASE"
            + (
                f" WHEN {x}_fast THEN CAST(CAST(ROUND({x}_f) AS {_D0})"
                f" * CAST(0.0001 AS DECIMAL(5, 4)) AS {_D12})"
                if x == "pr"
                else ""
            )
            + f" WHEN {x}_q IS NOT NULL THEN CAST((CASE WHEN {up} THEN {q4} + 1 ELSE {q4} END)"
            f" * CAST(0.0001 AS DECIMAL(5, 4)) AS {_D12}) END AS {x}_r4",
        ]
    ctes.append(f"{prefix}{_LAST_STAGE}_done AS (SELECT *, {', '.join(final)} FROM {previous})")
    return ",\n".join(ctes)


def _minus(n: str, d: str, t: str) -> str:
    """N − t·d: its sign compares the fraction n/d (d > 0) with t."""
    return f"(CAST({n} AS {_D12}) - CAST(CAST({t} AS {_D6}) * CAST({d} AS {_D6}) AS {_D12}))"


def _band_gap_n() -> str:
    """A between range's gap numerator: 0 inside, else from the band's nearer end."""
    n, d = "CASE nearest WHEN 'l' THEN ln ELSE hn END", "CASE nearest WHEN 'l' THEN ld ELSE hd END"
    above, below = _minus(f"({n})", f"({d})", "acc_high"), _minus(f"({n})", f"({d})", "acc_low")
    return f"(CASE WHEN {above} > 0 THEN {above} WHEN {below} < 0 THEN {below} ELSE 0 END)"


def _plain_minus(n: str, _d: str, t: str) -> str:
    """N − t, for a span whose ends are whole decimals (denominator 1)."""
    return f"({n} - {t})"


def _truth(p: str, *, whole: bool = False) -> str:
    """Three-valued truth (1 all, 0 none, 2 some) of span *p* against the acceptable interval.

    *whole* spans have denominators 1 (every basis but computed growth): the
    comparisons are then plain decimal ones.

    The span's ends are the fractions ``{p}ln/{p}ld`` and ``{p}hn/{p}hd`` (NULL:
    unbounded) with closedness ``{p}lc``/``{p}hc``.
    """
    minus = _plain_minus if whole else _minus
    lo, hi = minus(f"{p}ln", f"{p}ld", "acc_low"), minus(f"{p}hn", f"{p}hd", "acc_high")
    lo_hi, hi_lo = minus(f"{p}ln", f"{p}ld", "acc_high"), minus(f"{p}hn", f"{p}hd", "acc_low")
    inside = (
        f"(acc_low IS NULL OR ({p}ln IS NOT NULL AND ({lo} > 0 OR ({lo} = 0"
        f" AND (acc_low_closed OR NOT {p}lc)))))"
        f" AND (acc_high IS NULL OR ({p}hn IS NOT NULL AND ({hi} < 0 OR ({hi} = 0"
        f" AND (acc_high_closed OR NOT {p}hc)))))"
    )
    disjoint = (
        f"({p}hn IS NOT NULL AND acc_low IS NOT NULL AND ({hi_lo} < 0 OR ({hi_lo} = 0"
        f" AND (NOT {p}hc OR NOT acc_low_closed))))"
        f" OR (acc_high IS NOT NULL AND {p}ln IS NOT NULL AND ({lo_hi} > 0"
        f" OR ({lo_hi} = 0 AND (NOT acc_high_closed OR NOT {p}lc))))"
    )
    return f"(CASE WHEN {inside} THEN 1 WHEN {disjoint} THEN 0 ELSE 2 END)"


def _breach(p: str) -> str:
    """Whether span *p* lies wholly above the acceptable interval's high end (a breach)."""
    lo_hi = _plain_minus(f"{p}ln", f"{p}ld", "acc_high")
    return (
        f"(acc_high IS NOT NULL AND {p}ln IS NOT NULL AND ({lo_hi} > 0"
        f" OR ({lo_hi} = 0 AND (NOT acc_high_closed OR NOT {p}lc))))"
    )


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


def _status_sql() -> str:
    s, r = StatusCode, ReasonCode
    rising = f"({ComparatorCode.AT_LEAST}, {ComparatorCode.MORE_THAN})"
    compared = (
        f"CASE WHEN truth = 1 THEN {s.MET} WHEN truth = 2 THEN {s.INDETERMINATE}"
        f" WHEN tolerance IS NOT NULL AND progress IS NOT NULL AND progress >= tolerance"
        f" THEN {s.BASICALLY_MET} ELSE {s.MISSED} END"
    )
    pace = (
        f"CASE WHEN cumulative AND comparator IN {rising} THEN"
        f" (CASE WHEN i_ln IS NOT NULL AND CAST(i_ln AS {_D12}) * pace_days"
        f" >= CAST(threshold_b AS {_D12}) * elapsed_days THEN {{on}} ELSE {{behind}} END)"
        f" WHEN i_truth = 1 THEN {{on}} ELSE {{short}} END"
    )
    status = (
        f"CASE WHEN has_result AND has_span THEN {compared}"
        f" WHEN decided THEN (CASE WHEN comparator IN {rising} THEN {s.MET} ELSE {s.MISSED} END)"
        f" WHEN has_result AND NOT ended THEN {s.PENDING}"
        f" WHEN has_result OR ended THEN {s.NO_DATA}"
        f" WHEN interim.row IS NULL OR basis <> {BasisCode.LEVEL} THEN {s.PENDING}"
        " ELSE " + pace.format(on=s.PENDING, behind=s.AT_RISK, short=s.AT_RISK) + " END"
    )
    reason = (
        f"CASE WHEN has_result AND has_span THEN {r.COMPARED}"
        f" WHEN decided THEN (CASE WHEN comparator IN {rising}"
        f" THEN {r.ALREADY_REACHED} ELSE {r.ALREADY_BREACHED} END)"
        f" WHEN has_result THEN {r.NO_VALUE}"
        f" WHEN ended THEN {r.NO_RESULT}"
        f" WHEN interim.row IS NULL OR basis <> {BasisCode.LEVEL} THEN {r.NOT_DUE}"
        " ELSE "
        + pace.format(
            on=r.ON_TRACK,
            behind=r.BEHIND_PACE,
            short=r.SHORT_OF_TARGET,
        )
        + " END"
    )
    return f"{status} AS status, {reason} AS reason"


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


def check_sql(*, as_of: _dt.date | None, issuer: str | None) -> str:
    """The check query (DuckDB dialect) over the input relations.

    *as_of* ``None`` checks as if every period had ended.
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
      THEN {_truth("d_", whole=True)} = 1 ELSE {_breach("d_")} END) AS dec
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
    NOT (basis = {b.GROWTH} AND NOT use_stated) AS whole
  FROM joined
),
judged AS (
  SELECT *,
    CASE WHEN whole THEN {_truth("", whole=True)} ELSE {_truth("")} END AS truth,
    {_truth("i_", whole=True)} AS i_truth,
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
      WHEN hn IS NOT NULL AND {_minus("hn", "hd", "threshold_b")} = 0 THEN NULL
      WHEN hn IS NOT NULL AND {_minus("hn", "hd", "threshold_b")} < 0 THEN 'h'
      WHEN ln IS NOT NULL AND {_minus("ln", "ld", "threshold_b")} = 0 THEN NULL
      WHEN comparator = {ComparatorCode.BETWEEN} AND {_minus("ln", "ld", "acc_high")} = 0
      THEN NULL
      WHEN ln IS NOT NULL THEN 'l' END AS nearest,
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
      WHEN comparator = {ComparatorCode.BETWEEN} THEN {_band_gap_n()}
      WHEN nearest = 'l' THEN {_minus("ln", "ld", "threshold_b")}
      WHEN nearest = 'h' THEN {_minus("hn", "hd", "threshold_b")} END AS gp_n,
    CASE WHEN nearest = 'l' THEN CAST(ld AS {_D12}) * k
      WHEN nearest = 'h' THEN CAST(hd AS {_D12}) * k END AS gp_d,
    CASE WHEN has_span THEN ln END AS ol_n, CAST(ld AS {_D12}) * k AS ol_d,
    CASE WHEN has_span THEN hn END AS oh_n, CAST(hd AS {_D12}) * k AS oh_d,
    i_ln AS il_n, CAST(k AS {_D12}) AS il_d, i_hn AS ih_n, CAST(k AS {_D12}) AS ih_d,
    CASE WHEN interim.row IS NOT NULL THEN CAST(threshold_b AS {_D12}) * elapsed_days END
      AS pc_n,
    CAST(k AS {_D12}) * pace_days AS pc_d
  FROM placed
),
{_quotient_stages("measured", QUOTIENTS)},
statused AS (
  SELECT *, pr_r4 AS progress, {_status_sql()} FROM {_LAST_STAGE}_done
),
general_out AS (
SELECT check, target_id,
  {subject_sql("target_id", "for_each", "slice_scope", "slice_breakdown")} AS subject,
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
    AND comparator IN {rising} THEN {pace_shown} END AS pace
FROM statused
),
f_last AS (
  -- Per simple check and scope, the last row of its indicator and period (rows meet
  -- their checks by a join with the small check table first).  Its closedness and
  -- whether it has a value ride in the low bits of the row key: three aggregates do.
  SELECT v.check, v.skey, MAX(v.key) AS key,
    arg_max(v.low, v.key) AS lo, arg_max(v.hi, v.key) AS hi
  FROM (
    SELECT c.check, COALESCE(r.scope, {issuer_sql}, '') AS skey, r.low, r.high AS hi,
      r.row * 8 + CASE WHEN r.low_closed THEN 1 ELSE 0 END
        + CASE WHEN r.high_closed THEN 2 ELSE 0 END
        + CASE WHEN r.has_value THEN 4 ELSE 0 END AS key
    FROM gp_values AS r JOIN ck AS c ON c.simple AND c.indicator_id = r.indicator_id
      AND c.period = r.period
    WHERE r.change_from IS NULL AND COALESCE(r.breakdown, '') = '' AND {known_r}
  ) AS v
  GROUP BY v.check, v.skey
),
f_found AS (
  -- The slices with their check's columns, and the slice's last row if any.
  SELECT x.ord, x.scope AS slice_scope, c.check, c.target_id, c.for_each, c.comparator,
    c.direction, c.binding, c.tolerance, c.missing_fails, c.threshold AS threshold_b,
    c.low AS acc_low, c.high AS acc_high, c.low_closed AS acc_low_closed,
    c.high_closed AS acc_high_closed, f.key, f.lo, f.hi
  FROM (SELECT check, scope, ord, COALESCE(scope, '') AS skey FROM slices) AS x
  JOIN ck AS c ON c.check = x.check AND c.simple
  LEFT JOIN f_last AS f ON f.check = x.check AND f.skey = x.skey
),
f_joined AS (
  SELECT *, key // 8 AS cur_row, lo AS ln, hi AS hn, key % 2 = 1 AS lc, key // 2 % 2 = 1 AS hc,
    key IS NOT NULL AS has_result, COALESCE(key // 4 % 2 = 1, FALSE) AS has_span
  FROM f_found
),
f_judged AS (
  SELECT *, {_truth("", whole=True)} AS truth, (ln IS NOT NULL AND ln = hn) AS is_point
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
{_quotient_stages("f_measured", ("pr",), prefix="f_")},
f_statused AS (
  SELECT *, pr_r4 AS progress,
    CASE WHEN has_result AND has_span THEN
      CASE WHEN truth = 1 THEN {s.MET} WHEN truth = 2 THEN {s.INDETERMINATE}
        WHEN tolerance IS NOT NULL AND pr_r4 IS NOT NULL AND pr_r4 >= tolerance
        THEN {s.BASICALLY_MET} ELSE {s.MISSED} END
      ELSE {s.NO_DATA} END AS status,
    CASE WHEN has_result AND has_span THEN {ReasonCode.COMPARED}
      WHEN has_result THEN {ReasonCode.NO_VALUE} ELSE {ReasonCode.NO_RESULT} END AS reason
  FROM f_quotient_{_STAGES}_done
),
fast_out AS (
  SELECT check, target_id,
  {subject_sql("target_id", "for_each", "slice_scope", "''")} AS subject,
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
  CAST(NULL AS {_D12}) AS pace
  FROM f_statused
)
SELECT * FROM general_out UNION ALL SELECT * FROM fast_out
"""
    # "check" is a reserved word: quote it wherever it names the column.
    return re.sub(r'(?<![\w"])check(?![\w"])', '"check"', sql)
