"""Roll-up as SQL: the derived-values relation, written once (DuckDB) and transpiled for Spark.

The in-process pre-pass (:mod:`govplan.engine.rollup`) derives, before any
check runs, the values targets need from sub-units and from a rate's own
counts.  This module computes the same rows as a chain of relations over the
value columns and the organisation tree, so that the query executors judge
them in the check query itself instead of reading rows back into Python:

``gp_r_base``, ``gp_r_counted``
    The number after the last given row, and the indicators with counts.
``gp_r_rows``
    The value rows of the indicators that aggregate or carry counts, scopes resolved, each marked
    known (its period has ended by the evaluation day) or not.
``gp_r_counts``
    Rows with a numerator and a denominator: the rate they give
    (Σ numerator / Σ denominator, exactly, checked by multiplication), whether
    the row's stated value disagrees with it at the stated precision, and
    whether it gives a value-less row its value.
``gp_r_leaf``
    Per (indicator, scope, period, breakdown) cell, its last known level row.
``gp_r_cells``
    The cells the targets need, and every cell below them in the tree (a
    closure table of the tree, built from the organisations, is passed in).
``gp_r_v<k>``
    Per depth *k* of the tree, deepest first: each cell's own value, or its
    sub-units' values added up — amounts and counts sum; a rate is
    Σ numerator / Σ denominator; a sub-unit with a rate but no counts, or a
    missing part of a rate, makes it underivable (no value, naming the
    sub-units); missing sub-units of an amount leave a lower bound
    ``[Σ so far, ∞)``.
``gp_r_vis<k>``
    The cells the in-process pre-pass visits (a needed cell, and the
    sub-units of a visited cell without a value of its own): only those are
    emitted, as it emits them.
``gp_r_derived``
    The derived rows, numbered after the given ones, with how each was made.
``gp_r_flags``
    Per derived row or row whose value disagrees with its counts: whether it
    was derived, and whether a row it came from disagrees.
``gp_r_levels``
    Per cell, its last known level row (given or derived): the other level a
    change, growth or difference is worked out from, for re-coding.
``gp_r_fallback``
    The indicators whose checks must still run in process (see
    :data:`FALLBACK_REASONS`).

The check query reads the given rows and ``gp_r_derived`` as one relation;
its result rows are then re-coded (:func:`.rollup_recode.recode_sql`) so
that a judged derived row gives the reasons the in-process verdicts give
(``DERIVED``, ``NOT_DERIVABLE``) and a row whose counts disagree makes the
check inconsistent (``COUNTS_DISAGREE``).

A rate Σ numerator / Σ denominator with no six-place form is derived as
the open interval between its six-place neighbours (as the in-process
engine stores it, :func:`~govplan.engine.derivations.span_quantity`), with
its exact numerator and denominator (``ex_n``, ``ex_d``) beside it.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from ...model.indicators import Aggregation
from ..check_table import VALUE_COLUMNS
from .relational import quote
from .rollup_inputs import AGGREGATION_CODES

__all__ = [
    "FALLBACK_REASONS",
    "VALUE_NAMES",
    "quoted_check",
    "rollup_statements",
]

FALLBACK_REASONS: tuple[str, ...] = (
    "a known level row lies strictly inside a period a target needs (a roll-up over sub-periods)",
    "a value of an indicator that aggregates, converted into the indicator's unit, has no"
    " six-place form",
    "a rate from counts ends after twelve decimal places (the query shows four), or has no"
    " six-place form and is added into a sum, or a level check of it has a baseline, a"
    " tolerance, a cumulative pace or a threshold in another unit",
    "counts of one indicator come in different units, or as intervals",
    "the organisation tree has a cycle",
)
"""Why an indicator's checks run in process (documented in the how-to on engines)."""

_D6 = "DECIMAL(38, 6)"
_D0 = "DECIMAL(38, 0)"
_V6 = "DECIMAL(18, 6)"


_NORMAL_HALF = (
    "CASE "
    + " ".join(
        f"WHEN r.v_lo = ROUND(r.v_lo, {d})"
        f" THEN CAST({Decimal(5).scaleb(-d - 1):f} AS DECIMAL(24, 12))"
        for d in range(6)
    )
    + " ELSE CAST(0.0000005 AS DECIMAL(24, 12)) END"
)
"""Half a unit of a value's last digit when its precision was not passed in (rows
read from files): its last non-zero decimal place (``96`` ±0.5, ``96.5`` ±0.05)."""


def _quotient(a: str, b: str, prefix: str) -> str:
    """``{prefix}q6``: a / b (b > 0) times 10^6, exact when ``{prefix}exact``.

    Estimated in floating point, corrected once with the exact remainder, and
    checked by multiplying back (decimals only: no engine's division is trusted).
    """
    estimate = f"CAST(ROUND(CAST({a} AS DOUBLE) * 1000000 / CAST({b} AS DOUBLE)) AS {_D0})"
    return (
        f"CASE WHEN {b} > 0 THEN {estimate} + CAST(ROUND(CAST(CAST({a} AS {_D6}) * 1000000"
        f" - {estimate} * {b} AS DOUBLE) / CAST({b} AS DOUBLE)) AS {_D0}) END"
    )


def _floor6(q6: str, a: str, b: str) -> str:
    """The floor of a / b times 10^6, from its rounded *q6* (checked by multiplying back)."""
    return f"CASE WHEN {q6} * {b} > CAST({a} AS {_D6}) * 1000000 THEN {q6} - 1 ELSE {q6} END"


def _late(a: str, b: str) -> str:
    """Whether a / b (b > 0) ends after 12 decimal places but within 40 (decimals only).

    Such a quotient is shown in full by the in-process engine, and rounded
    to four places by the query (which keeps 12): its checks stay in process.
    The remainders of a·10^12, a·10^24, a·10^36 and a·10^40 by b are taken
    step by step, so that no product leaves 38 digits.
    """
    whole_a = f"CAST(CAST({a} AS {_D6}) * 1000000 AS {_D0})"
    # NULLIF: the engine may compute this for a zero denominator too (a guard around
    # it does not bind the optimiser); the remainder is then NULL, not an error.
    whole_b = f"NULLIF(CAST(CAST({b} AS {_D6}) * 1000000 AS {_D0}), 0)"
    m1 = f"(({whole_a} * CAST(1000000000000 AS {_D0})) % {whole_b})"
    m2 = f"(({m1} * CAST(1000000000000 AS {_D0})) % {whole_b})"
    m3 = f"(({m2} * CAST(1000000000000 AS {_D0})) % {whole_b})"
    m4 = f"(({m3} * CAST(10000 AS {_D0})) % {whole_b})"
    return f"({m1} <> 0 AND {m4} = 0)"


def rollup_statements(
    *, as_of: _dt.date | None, issuer: str | None, depth: int
) -> list[tuple[str, str]]:
    """The relations of the roll-up, in order: ``(name, DuckDB SQL)``.

    They read ``gp_r_given`` (value columns), ``gp_r_ind``, ``gp_r_needed``,
    ``gp_r_tree``, ``gp_r_closure`` and ``gp_r_stated`` (:class:`RollupInputs`).
    """
    known = "TRUE" if as_of is None else f"v.period_end <= DATE '{as_of.isoformat()}'"
    issuer_sql = quote(issuer)
    out: list[tuple[str, str]] = [
        # Two aggregates over the given rows; only the rows of indicators that
        # aggregate, or that carry counts, are copied into the roll-up's relations.
        ("gp_r_base", "SELECT COALESCE(MAX(row), -1) + 1 AS n FROM gp_r_given"),
        (
            "gp_r_counted",
            "SELECT DISTINCT indicator_id FROM gp_r_given"
            " WHERE numerator IS NOT NULL AND denominator IS NOT NULL",
        ),
    ]
    out.append(
        (
            "gp_r_rows",
            f"""
WITH r0 AS (
  SELECT v.row, v.indicator_id, COALESCE(v.scope, {issuer_sql}) AS scope,
    COALESCE(v.breakdown, '') AS breakdown, v.period, v.period_start, v.period_end,
    v.change_from, v.has_value, CAST(v.low AS {_D6}) AS v_lo, CAST(v.high AS {_D6}) AS v_hi,
    COALESCE(v.low_closed, FALSE) AS lc, COALESCE(v.high_closed, FALSE) AS hc,
    v.numerator AS num, v.denominator AS den, i.aggregation, i.a_mul, i.b_mul, i.nonlevel,
    -- The factors turning counts into a stated value's unit (a value-less row: the
    -- indicator's), as a_mul and b_mul do into the indicator's.
    CASE WHEN v.has_value AND v.unit_dimension = 'rate'
      THEN CAST(100 * v.unit_factor_den AS BIGINT)
      WHEN v.has_value THEN CAST(1 AS BIGINT) ELSE i.a_mul END AS va_mul,
    CASE WHEN v.has_value AND v.unit_dimension = 'rate' THEN CAST(v.unit_factor_num AS BIGINT)
      WHEN v.has_value THEN CAST(1 AS BIGINT) ELSE i.b_mul END AS vb_mul,
    COALESCE(v.unit_dimension = i.i_dim AND v.unit_factor_num = i.i_num
      AND v.unit_factor_den = i.i_den, FALSE) AS same_unit,
    COALESCE(v.unit_dimension = i.i_dim, FALSE) AS convertible,
    CAST(v.unit_factor_num * i.i_den AS {_D0}) AS cv_n,
    CAST(v.unit_factor_den * i.i_num AS {_D0}) AS cv_d,
    {known} AS known
  FROM gp_r_given AS v JOIN gp_r_ind AS i ON i.indicator_id = v.indicator_id
  WHERE i.aggregation > 0 OR v.indicator_id IN (SELECT indicator_id FROM gp_r_counted)
),
r1 AS (
  SELECT r0.*,
    CASE WHEN r0.has_value AND NOT r0.same_unit AND r0.convertible AND r0.v_lo IS NOT NULL
      THEN {_quotient("r0.v_lo * r0.cv_n", "r0.cv_d", "")} END AS lo6,
    CASE WHEN r0.has_value AND NOT r0.same_unit AND r0.convertible AND r0.v_hi IS NOT NULL
      THEN {_quotient("r0.v_hi * r0.cv_n", "r0.cv_d", "")} END AS hi6
  FROM r0
)
SELECT row, indicator_id, scope, breakdown, period, period_start, period_end, change_from,
  has_value, v_lo, v_hi, lc, hc, num, den, aggregation, a_mul, b_mul, nonlevel, va_mul, vb_mul,
  known,
  -- The value in the indicator's unit (exactly, factors being rational).
  CASE WHEN same_unit THEN v_lo
    WHEN convertible THEN CAST(lo6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6}) END AS lo,
  CASE WHEN same_unit THEN v_hi
    WHEN convertible THEN CAST(hi6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6}) END AS hi,
  -- A value in a unit of another dimension adds to nothing (its cell is blocked).
  has_value AND NOT convertible AS unconvertible,
  -- A value whose conversion has no six-place form (its indicator stays in process).
  COALESCE(has_value AND convertible AND NOT same_unit
    AND ((v_lo IS NOT NULL AND lo6 * cv_d <> v_lo * cv_n * 1000000)
      OR (v_hi IS NOT NULL AND hi6 * cv_d <> v_hi * cv_n * 1000000)), FALSE) AS offgrid
FROM r1
""",
        )
    )
    q = _quotient("c.qa", "c.qb", "")
    out.append(
        (
            "gp_r_counts",
            f"""
WITH c0 AS (
  SELECT r.*, CAST(r.num AS {_D6}) * r.va_mul AS qa, CAST(r.den AS {_D6}) * r.vb_mul AS qb,
    COALESCE(s.half, {_NORMAL_HALF}) AS half,
    ROW_NUMBER() OVER (PARTITION BY r.indicator_id, r.scope, r.period, r.breakdown,
      r.change_from IS NULL ORDER BY r.row DESC) AS recent
  FROM gp_r_rows AS r LEFT JOIN gp_r_stated AS s ON s.row = r.row
),
c AS (
  SELECT c0.*, c0.qa >= 0 AND c0.qb > 0 AS valid FROM c0
),
c1 AS (
  SELECT c.*, CASE WHEN c.valid THEN {q} END AS q6 FROM c WHERE c.num IS NOT NULL
    AND c.den IS NOT NULL
),
c2 AS (
  SELECT c1.*, COALESCE(c1.q6 * c1.qb = CAST(c1.qa AS {_D6}) * 1000000, FALSE) AS exact,
    CASE WHEN c1.has_value AND c1.v_lo IS NOT NULL AND c1.v_lo = c1.v_hi AND c1.lc
      THEN c1.v_lo - c1.half ELSE c1.v_lo END AS s_lo,
    CASE WHEN c1.has_value AND c1.v_lo IS NOT NULL AND c1.v_lo = c1.v_hi AND c1.lc
      THEN c1.v_hi + c1.half ELSE c1.v_hi END AS s_hi,
    c1.has_value AND c1.v_lo IS NOT NULL AND c1.v_lo = c1.v_hi AND c1.lc AS widened
  FROM c1
)
SELECT c2.*,
  -- A stated value the counts' rate lies outside, at the stated precision.
  (c2.has_value AND c2.valid AND (
    (c2.s_lo IS NOT NULL AND (c2.qa < c2.s_lo * c2.qb
      OR (c2.qa = c2.s_lo * c2.qb AND NOT (c2.lc OR c2.widened))))
    OR (c2.s_hi IS NOT NULL AND (c2.qa > c2.s_hi * c2.qb
      OR (c2.qa = c2.s_hi * c2.qb AND NOT (c2.hc OR c2.widened)))))) AS disagree,
  -- A value-less level row, the last of its cell, takes the value of its counts.
  (NOT c2.has_value AND c2.valid AND c2.change_from IS NULL AND c2.recent = 1) AS gives_value,
  CASE WHEN c2.q6 IS NOT NULL THEN {_floor6("c2.q6", "c2.qa", "c2.qb")} END AS fl6,
  COALESCE(c2.q6 IS NOT NULL AND NOT c2.exact AND {_late("c2.qa", "c2.qb")}, FALSE) AS late
FROM c2
""",
        )
    )
    leaf_q = _quotient("qa", "qb", "")
    out.append(
        (
            "gp_r_leaf",
            f"""
WITH l0 AS (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.indicator_id, r.scope, r.period, r.breakdown
    ORDER BY r.row DESC) AS rn
  FROM gp_r_rows AS r WHERE r.aggregation > 0 AND r.known AND r.change_from IS NULL
),
l1 AS (
  SELECT l0.*, CAST(l0.num AS {_D6}) * l0.a_mul AS qa, CAST(l0.den AS {_D6}) * l0.b_mul AS qb
  FROM l0 WHERE l0.rn = 1
),
l2 AS (
  SELECT l1.*, CASE WHEN l1.qa >= 0 AND l1.qb > 0 THEN {leaf_q} END AS q6 FROM l1
)
SELECT l2.indicator_id, l2.scope, l2.period, l2.breakdown, l2.row,
  (l2.has_value OR (l2.num IS NOT NULL AND l2.den IS NOT NULL)) AS valued,
  CASE WHEN l2.has_value THEN NOT l2.unconvertible ELSE l2.q6 IS NOT NULL END AS has_span,
  CASE WHEN l2.has_value THEN l2.lo
    ELSE CAST(l2.q6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6}) END AS lo,
  CASE WHEN l2.has_value THEN l2.hi
    ELSE CAST(l2.q6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6}) END AS hi,
  CASE WHEN l2.has_value THEN l2.lc ELSE l2.q6 IS NOT NULL END AS lc,
  CASE WHEN l2.has_value THEN l2.hc ELSE l2.q6 IS NOT NULL END AS hc,
  CASE WHEN l2.den IS NOT NULL THEN CAST(l2.num AS {_D6}) END AS num,
  CASE WHEN l2.num IS NOT NULL THEN CAST(l2.den AS {_D6}) END AS den,
  COALESCE(NOT l2.has_value AND l2.q6 IS NOT NULL
    AND l2.q6 * l2.qb <> CAST(l2.qa AS {_D6}) * 1000000, FALSE) AS inexact,
  COALESCE(c.disagree, FALSE) AS disagree
FROM l2 LEFT JOIN gp_r_counts AS c ON c.row = l2.row
""",
        )
    )
    out.append(
        (
            "gp_r_cells",
            """
WITH keys AS (
  SELECT DISTINCT indicator_id, breakdown FROM gp_r_leaf WHERE breakdown <> ''
),
need AS (
  SELECT n.indicator_id, n.scope, n.period, n.period_start, n.period_end, '' AS breakdown
  FROM gp_r_needed AS n JOIN gp_r_ind AS i ON i.indicator_id = n.indicator_id
  WHERE i.aggregation > 0
  UNION
  SELECT n.indicator_id, n.scope, n.period, n.period_start, n.period_end, k.breakdown
  FROM gp_r_needed AS n JOIN keys AS k ON k.indicator_id = n.indicator_id
  WHERE n.all_keys
)
SELECT n.indicator_id, c.descendant AS scope, n.period, n.breakdown, c.depth,
  BOOL_OR(c.descendant = n.scope) AS needed
FROM need AS n JOIN gp_r_closure AS c ON c.ancestor = n.scope
GROUP BY n.indicator_id, c.descendant, n.period, n.breakdown, c.depth
""",
        )
    )
    for k in range(depth, -1, -1):
        out.append((f"gp_r_v{k}", _stage_sql(k, deepest=depth)))
    for k in range(depth + 1):
        out.append((f"gp_r_vis{k}", _visit_sql(k)))
    units = "\nUNION ALL\n".join(
        f"SELECT v.*, {k} AS depth FROM gp_r_v{k} AS v JOIN gp_r_vis{k} AS s"
        " ON s.indicator_id = v.indicator_id AND s.scope = v.scope AND s.period = v.period"
        " AND s.breakdown = v.breakdown WHERE NOT v.own"
        for k in range(depth + 1)
    )
    low = f"CAST(c.fl6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_V6})"
    high = (
        f"CAST((c.fl6 + CASE WHEN c.exact THEN 0 ELSE 1 END)"
        f" * CAST(0.000001 AS DECIMAL(7, 6)) AS {_V6})"
    )
    out.append(
        (
            "gp_r_derived",
            f"""
WITH counted AS (
  SELECT c.row AS source, c.indicator_id, c.scope, c.breakdown, c.period, c.period_start,
    c.period_end, {low} AS low, {high} AS high, c.exact AS low_closed, c.exact AS high_closed,
    TRUE AS has_value, CAST(c.num AS {_V6}) AS numerator, CAST(c.den AS {_V6}) AS denominator,
    'counts' AS kind, CAST(1 AS BIGINT) AS n_sources, FALSE AS partial,
    CAST(NULL AS VARCHAR[]) AS missing, CAST(NULL AS VARCHAR[]) AS blocked, FALSE AS disagree,
    c.late AS inexact, NOT c.exact AS open_q, 0 AS grp, CAST(c.row AS BIGINT) AS k1, '' AS k2
  FROM gp_r_counts AS c WHERE c.gives_value
),
rolled AS (
  SELECT u.*, p.period_start, p.period_end FROM ({units}) AS u
  JOIN (SELECT DISTINCT indicator_id, period, period_start, period_end FROM gp_r_needed) AS p
    ON p.indicator_id = u.indicator_id AND p.period = u.period
),
units AS (
  SELECT CAST(-1 AS BIGINT) AS source, indicator_id, scope, breakdown, period, period_start,
    period_end, CASE WHEN has_span THEN CAST(lo AS {_V6}) END AS low,
    CASE WHEN has_span THEN CAST(hi AS {_V6}) END AS high,
    has_span AND lo IS NOT NULL AND lc AS low_closed, has_span AND hi IS NOT NULL AND hc
    AS high_closed, has_span AS has_value, CAST(num AS {_V6}) AS numerator,
    CAST(den AS {_V6}) AS denominator, 'units' AS kind, n_sources, partial, missing, blocked,
    disagree, inexact, open_q, 1 AS grp, CAST(-depth AS BIGINT) AS k1,
    scope || '|' || breakdown AS k2
  FROM rolled
),
together AS (SELECT * FROM counted UNION ALL SELECT * FROM units)
SELECT CAST((SELECT n FROM gp_r_base) + ROW_NUMBER() OVER (ORDER BY t.grp, t.k1, t.k2, t.period)
    - 1 AS BIGINT) AS row,
  CAST(NULL AS VARCHAR) AS id, t.indicator_id, t.scope, t.breakdown, t.period, t.period_start,
  t.period_end, CAST(NULL AS VARCHAR) AS change_from, t.low, t.high, t.low_closed,
  t.high_closed, t.has_value,
  CASE WHEN t.has_value THEN i.i_unit END AS unit,
  CASE WHEN t.has_value THEN i.i_dim END AS unit_dimension,
  CASE WHEN t.has_value THEN i.i_num END AS unit_factor_num,
  CASE WHEN t.has_value THEN i.i_den END AS unit_factor_den,
  t.numerator, t.denominator, t.kind, t.source, t.n_sources, t.partial, t.missing,
  t.blocked, t.disagree, t.inexact,
  -- A rate with no six-place form: its exact quotient ex_n / ex_d in the indicator's unit.
  CASE WHEN t.open_q THEN CAST(t.numerator AS {_D6}) * i.a_mul END AS ex_n,
  CASE WHEN t.open_q THEN CAST(t.denominator AS {_D6}) * i.b_mul END AS ex_d
FROM together AS t JOIN gp_r_ind AS i ON i.indicator_id = t.indicator_id
""",
        )
    )
    out.append(
        (
            "gp_r_flags",
            f"""
SELECT row, TRUE AS derived, disagree, ex_n, ex_d FROM gp_r_derived
UNION ALL
SELECT row, FALSE AS derived, TRUE AS disagree, CAST(NULL AS {_D6}) AS ex_n,
  CAST(NULL AS {_D6}) AS ex_d
FROM gp_r_counts WHERE disagree
""",
        )
    )
    out.append(
        (
            "gp_r_levels",
            f"""
SELECT indicator_id, scope, breakdown, period, row, has_value FROM (
  SELECT v.*, ROW_NUMBER() OVER (PARTITION BY v.indicator_id, v.scope, v.breakdown, v.period
    ORDER BY v.row DESC) AS rn
  FROM (
    SELECT row, indicator_id, scope, breakdown, period, period_end, has_value FROM gp_r_rows
    WHERE known AND change_from IS NULL
    UNION ALL
    SELECT row, indicator_id, scope, breakdown, period, period_end, has_value FROM gp_r_derived
  ) AS v WHERE {known}
) AS ranked WHERE rn = 1
""",
        )
    )
    out.append(
        (
            "gp_r_fallback",
            """
SELECT DISTINCT indicator_id FROM (
  SELECT r.indicator_id FROM gp_r_rows AS r
  JOIN (SELECT DISTINCT indicator_id, period, period_start, period_end FROM gp_r_needed) AS n
    ON n.indicator_id = r.indicator_id
  WHERE r.aggregation > 0 AND r.known AND r.change_from IS NULL AND r.period <> n.period
    AND r.period_start >= n.period_start AND r.period_end <= n.period_end
  UNION ALL
  SELECT indicator_id FROM gp_r_rows WHERE aggregation > 0 AND offgrid
  UNION ALL
  SELECT indicator_id FROM gp_r_counts WHERE qb < 0
  UNION ALL
  SELECT indicator_id FROM gp_r_derived WHERE inexact
  UNION ALL
  SELECT d.indicator_id FROM gp_r_derived AS d JOIN gp_r_ind AS i
    ON i.indicator_id = d.indicator_id
  WHERE d.ex_d IS NOT NULL AND i.unmeasured
) AS found
""",
        )
    )
    return [(name, quoted_check(sql)) for name, sql in out]


def quoted_check(sql: str) -> str:
    """*sql* with the column name ``check`` (a reserved word) quoted."""
    return re.sub(r'(?<![\w"])check(?![\w"])', '"check"', sql)


def _stage_sql(k: int, *, deepest: int) -> str:
    """Cells at depth *k*: their own value, else their sub-units' (depth k + 1) added up."""
    own = f"""
SELECT c.indicator_id, c.scope, c.period, c.breakdown, l.row AS own_row,
  COALESCE(l.valued, FALSE) AS valued, l.has_span, l.lo, l.hi, l.lc, l.hc, l.num, l.den,
  l.inexact, l.disagree, i.aggregation, i.a_mul, i.b_mul
FROM gp_r_cells AS c JOIN gp_r_ind AS i ON i.indicator_id = c.indicator_id
LEFT JOIN gp_r_leaf AS l ON l.indicator_id = c.indicator_id AND l.scope = c.scope
  AND l.period = c.period AND l.breakdown = c.breakdown
WHERE c.depth = {k}"""
    own_cols = (
        "o.indicator_id, o.scope, o.period, o.breakdown, TRUE AS own, o.has_span, o.lo, o.hi,"
        " o.lc, o.hc, o.num, o.den, CAST(1 AS BIGINT) AS n_sources, FALSE AS partial,"
        " CAST(NULL AS VARCHAR[]) AS missing, CAST(NULL AS VARCHAR[]) AS blocked,"
        " o.disagree, o.inexact, FALSE AS open_q"
    )
    if k == deepest:
        return f"WITH o AS ({own}) SELECT {own_cols} FROM o WHERE o.valued"
    ratio = f"a.aggregation = {AGGREGATION_CODES[Aggregation.RATIO]}"
    rr = ratio.replace("a.", "r.")
    q = _quotient("a.s_num * a.a_mul", "a.s_den * a.b_mul", "")
    return f"""
WITH o AS ({own}),
parts AS (
  SELECT o.indicator_id, o.scope, o.period, o.breakdown, t.id AS kid, t.ord AS kid_ord,
    p.scope IS NOT NULL AS got, p.has_span, p.lo, p.hi, p.lc, p.hc, p.num, p.den, p.partial,
    COALESCE(array_length(p.blocked), 0) AS n_blocked, p.n_sources, p.disagree, p.inexact
  FROM o JOIN gp_r_tree AS t ON t.parent_id = o.scope
  LEFT JOIN gp_r_v{k + 1} AS p ON p.indicator_id = o.indicator_id AND p.scope = t.id
    AND p.period = o.period AND p.breakdown = o.breakdown
  WHERE NOT o.valued
),
a0 AS (
  SELECT indicator_id, scope, period, breakdown,
    SUM(CASE WHEN got THEN 1 ELSE 0 END) AS n_parts,
    SUM(CASE WHEN got THEN 0 ELSE 1 END) AS n_missing,
    SUM(CASE WHEN got AND (NOT has_span OR n_blocked > 0) THEN 1 ELSE 0 END) AS n_bad,
    SUM(CASE WHEN got AND has_span AND n_blocked = 0 AND num IS NULL THEN 1 ELSE 0 END)
      AS n_uncounted,
    COALESCE(BOOL_OR(got AND partial), FALSE) AS any_partial,
    SUM(CASE WHEN got AND (lo IS NULL OR lo < 0) THEN 1 ELSE 0 END) AS n_unbounded,
    SUM(CASE WHEN got AND lo IS NULL THEN 1 ELSE 0 END) AS n_lo_null,
    SUM(CASE WHEN got AND hi IS NULL THEN 1 ELSE 0 END) AS n_hi_null,
    SUM(CASE WHEN got THEN lo END) AS s_lo, SUM(CASE WHEN got THEN hi END) AS s_hi,
    COALESCE(BOOL_AND(CASE WHEN got THEN lc END), TRUE) AS all_lc,
    COALESCE(BOOL_AND(CASE WHEN got THEN hc END), TRUE) AS all_hc,
    SUM(CASE WHEN got THEN num END) AS s_num, SUM(CASE WHEN got THEN den END) AS s_den,
    SUM(CASE WHEN got THEN n_sources ELSE 0 END) AS n_sources,
    COALESCE(BOOL_OR(got AND disagree), FALSE) AS disagree,
    COALESCE(BOOL_OR(got AND inexact), FALSE) AS any_inexact,
    list(kid ORDER BY kid_ord) FILTER (WHERE NOT got) AS missing,
    list(kid ORDER BY kid_ord) FILTER (WHERE got AND (NOT has_span OR n_blocked > 0)) AS bad,
    list(kid ORDER BY kid_ord) FILTER (WHERE got AND has_span AND n_blocked = 0
      AND num IS NULL) AS uncounted,
    list(kid ORDER BY kid_ord) FILTER (WHERE got) AS all_parts
  FROM parts GROUP BY indicator_id, scope, period, breakdown
),
a AS (
  SELECT a0.*, i.aggregation, i.a_mul, i.b_mul, (a0.n_missing > 0 OR a0.any_partial) AS part
  FROM a0 JOIN gp_r_ind AS i ON i.indicator_id = a0.indicator_id WHERE a0.n_parts > 0
),
r0 AS (
  SELECT a.*,
    CASE WHEN {ratio} AND a.n_bad = 0 AND a.n_uncounted = 0 AND a.n_missing = 0
      AND a.s_num >= 0 AND a.s_den > 0 THEN {q} END AS q6
  FROM a
),
r AS (
  SELECT r0.*, {_floor6("r0.q6", "r0.s_num * r0.a_mul", "r0.s_den * r0.b_mul")} AS fl6,
    COALESCE(r0.q6 * r0.s_den * r0.b_mul = CAST(r0.s_num * r0.a_mul AS {_D6}) * 1000000, FALSE)
      AS q_exact
  FROM r0
)
SELECT {own_cols} FROM o WHERE o.valued
UNION ALL
SELECT r.indicator_id, r.scope, r.period, r.breakdown, FALSE AS own,
  CASE WHEN {rr} THEN r.q6 IS NOT NULL
    WHEN r.n_bad > 0 THEN FALSE
    WHEN r.part THEN r.n_unbounded = 0
    ELSE TRUE END AS has_span,
  -- A rate with no six-place form is the open interval between its neighbours.
  CASE WHEN {rr}
    THEN CAST(r.fl6 * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6})
    WHEN r.n_bad > 0 THEN NULL
    WHEN r.part THEN CASE WHEN r.n_unbounded = 0 THEN r.s_lo END
    WHEN r.n_lo_null = 0 THEN r.s_lo END AS lo,
  CASE WHEN {rr}
    THEN CAST((r.fl6 + CASE WHEN r.q_exact THEN 0 ELSE 1 END)
      * CAST(0.000001 AS DECIMAL(7, 6)) AS {_D6})
    WHEN r.n_bad > 0 OR r.part THEN NULL
    WHEN r.n_hi_null = 0 THEN r.s_hi END AS hi,
  CASE WHEN {rr} THEN r.q6 IS NOT NULL AND r.q_exact
    ELSE r.n_lo_null = 0 AND r.all_lc END AS lc,
  CASE WHEN {rr} THEN r.q6 IS NOT NULL AND r.q_exact
    ELSE NOT r.part AND r.n_hi_null = 0 AND r.all_hc END AS hc,
  CASE WHEN r.q6 IS NOT NULL THEN r.s_num END AS num,
  CASE WHEN r.q6 IS NOT NULL THEN r.s_den END AS den,
  r.n_sources,
  CASE WHEN {rr} AND r.n_bad = 0 AND r.n_uncounted = 0
    AND r.n_missing = 0 THEN FALSE ELSE r.part END AS partial,
  CASE WHEN {rr} AND r.n_bad = 0 AND r.n_uncounted = 0
    AND r.n_missing = 0 THEN NULL ELSE r.missing END AS missing,
  CASE WHEN {rr} AND r.n_bad = 0 AND r.n_uncounted = 0
    AND r.n_missing = 0 AND r.q6 IS NULL THEN r.all_parts
    WHEN {rr} AND (r.n_bad > 0 OR r.n_uncounted > 0)
    THEN list_concat(COALESCE(r.bad, []), COALESCE(r.uncounted, []))
    WHEN r.n_bad > 0 THEN r.bad END AS blocked,
  r.disagree,
  -- A sum of a part with no six-place form, or a rate ending after 12 places.
  CASE WHEN {rr} THEN COALESCE(r.q6 IS NOT NULL AND NOT r.q_exact
      AND {_late("r.s_num * r.a_mul", "r.s_den * r.b_mul")}, FALSE)
    ELSE r.any_inexact END AS inexact,
  COALESCE({rr} AND r.q6 IS NOT NULL AND NOT r.q_exact, FALSE) AS open_q
FROM r
"""


def _visit_sql(k: int) -> str:
    """Cells at depth *k* the pre-pass visits: needed, or below a visited cell without its own."""
    need = (
        "SELECT c.indicator_id, c.scope, c.period, c.breakdown FROM gp_r_cells AS c"
        f" WHERE c.depth = {k} AND c.needed"
    )
    if k == 0:
        body = need
    else:
        body = f"""{need}
UNION
SELECT c.indicator_id, c.scope, c.period, c.breakdown FROM gp_r_cells AS c
JOIN gp_r_tree AS t ON t.id = c.scope
JOIN gp_r_vis{k - 1} AS p ON p.scope = t.parent_id AND p.indicator_id = c.indicator_id
  AND p.period = c.period AND p.breakdown = c.breakdown
WHERE c.depth = {k} AND NOT p.own_valued"""
    return f"""
SELECT s.indicator_id, s.scope, s.period, s.breakdown, COALESCE(l.valued, FALSE) AS own_valued
FROM ({body}) AS s
LEFT JOIN gp_r_leaf AS l ON l.indicator_id = s.indicator_id AND l.scope = s.scope
  AND l.period = s.period AND l.breakdown = s.breakdown
"""


VALUE_NAMES = tuple(c.name for c in VALUE_COLUMNS)
"""The value columns' names, in order (what ``gp_r_derived`` starts with)."""
