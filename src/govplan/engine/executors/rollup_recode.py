"""The check query's rows re-coded by the roll-up, and how a derived row was made.

The check query (:mod:`.relational`) judges the given and the derived value
rows alike.  :func:`recode_sql` then gives a row that judged a derived value
the reasons the in-process verdicts give (``DERIVED``, ``NOT_DERIVABLE``), and
a row whose value came from counts that disagree with it ``COUNTS_DISAGREE``.

A rate whose quotient has no six-place form (41/53 of 100%) reaches the
query as the open interval between its six-place neighbours.  Against a
threshold in the indicator's own unit — a six-place number, never inside that
interval — the interval is met or missed exactly as the quotient is, with the
same closedness at the threshold.  What the in-process engine measures on the
exact quotient is re-worked here from its numerator and denominator
(``gp_r_flags.ex_n / ex_d``), with the same digit-exact quotients as the
check query (:mod:`.relational_quotients`): the value shown, the gap and the
progress of a level check, and the value shown for an interim result.

:func:`sources_sql` and :func:`derivation_of` read back, for one verdict
being explained, the rows a derived value came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..check_table import (
    BasisCode,
    ComparatorCode,
    DirectionCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
)
from ..derivations import Derivation, DerivationKind
from .relational import RESULT_SQL_COLUMNS
from .relational_quotients import D6, D12, LAST_STAGE, quotient_stages
from .rollup_sql import quoted_check

__all__ = ["INTERIM_REASONS", "derivation_of", "recode_sql", "sources_sql"]

INTERIM_REASONS = (
    ReasonCode.ON_TRACK,
    ReasonCode.BEHIND_PACE,
    ReasonCode.SHORT_OF_TARGET,
    ReasonCode.ALREADY_BREACHED,
    ReasonCode.ALREADY_REACHED,
)
"""The reasons of a check judged on an interim result (its value is shown)."""

_PREFIX = "gp_rc_"


def _codes(codes: Sequence[int]) -> str:
    return "(" + ", ".join(str(int(c)) for c in codes) + ")"


def _flagged_sql(query: str, *, exact: bool, paired: bool) -> str:
    """The CTE ``gp_rc_flagged``: each row of *query* with the roll-up's flags.

    ``f_disagree``: a row the value came from disagrees with its counts — the
    value row, or (*paired*) the other level a change, growth or difference
    is worked out from (the baseline's, or the reference scope's).  With
    *exact*, ``ex_on``: the row judged a value with no six-place form on a
    level basis, its exact quotient ``ex_n / ex_d`` beside it.
    """
    cmp, r, b = ComparatorCode, ReasonCode, BasisCode
    columns = [
        "q.*",
        "f.derived AS f_derived",
        "c.binding AS c_binding",
    ]
    joins = [
        "LEFT JOIN gp_r_flags AS f ON f.row = q.value_row",
        "LEFT JOIN gp_checks AS c ON c.check = q.check",
    ]
    if paired:
        # The other level of a change, growth or difference worked out from two levels
        # (not a stated change): the last level row of its cell, when both have a value.
        columns.append(
            "COALESCE(f.disagree, FALSE) OR COALESCE(cv.change_from IS NULL AND cv.has_value"
            " AND lv.has_value AND f2.disagree, FALSE) AS f_disagree"
        )
        joins += [
            "LEFT JOIN gp_r_all AS cv ON cv.row = q.value_row",
            f"LEFT JOIN gp_r_levels AS lv ON c.basis IN ({b.CHANGE}, {b.GROWTH}, {b.REFERENCE})"
            " AND lv.indicator_id = c.indicator_id"
            f" AND lv.scope = CASE WHEN c.basis = {b.REFERENCE} THEN c.reference_scope"
            " ELSE q.scope END AND lv.breakdown = COALESCE(q.breakdown, '')"
            f" AND lv.period = CASE WHEN c.basis = {b.REFERENCE} THEN c.period"
            " ELSE c.baseline END",
            "LEFT JOIN gp_r_flags AS f2 ON f2.row = lv.row",
        ]
    else:
        columns.append("COALESCE(f.disagree, FALSE) AS f_disagree")
    if exact:
        rising = _codes((cmp.AT_LEAST, cmp.MORE_THAN))
        judged = _codes((r.COMPARED, *INTERIM_REASONS))
        gap = (
            f"CASE WHEN c.comparator = {cmp.BETWEEN} THEN"
            " CASE WHEN f.ex_n < c.threshold * f.ex_d THEN f.ex_n - c.threshold * f.ex_d"
            " WHEN f.ex_n > c.high * f.ex_d THEN f.ex_n - c.high * f.ex_d ELSE 0 END"
            " ELSE f.ex_n - c.threshold * f.ex_d END"
        )
        progressing = (
            f"c.comparator IN {rising} AND c.direction <> {DirectionCode.LOWER}"
            " AND c.threshold > 0 AND f.ex_n >= 0"
        )
        columns += [
            f"COALESCE(f.ex_d IS NOT NULL AND c.basis = {b.LEVEL}"
            f" AND q.reason IN {judged}, FALSE) AS ex_on",
            "f.ex_n AS ex_n",
            "f.ex_d AS ex_d",
            f"CASE WHEN q.reason = {r.COMPARED} THEN CAST({gap} AS {D12}) END AS ex_gap",
            f"COALESCE(q.reason = {r.COMPARED} AND {progressing}, FALSE) AS ex_progress",
            f"CAST(f.ex_d * c.threshold AS {D6}) AS ex_share",
        ]
    return (
        f"{_PREFIX}flagged AS (SELECT {', '.join(columns)} FROM ({query}) AS q\n"
        + "\n".join(joins)
        + ")"
    )


def _measured_sql() -> str:
    """The CTEs giving the exact quotient's shown numbers (over ``gp_rc_flagged``).

    ``ol``: the value shown (a point, the exact quotient); ``gp``: the gap
    (from the threshold, or from the band's nearer end of a between range);
    ``pr``: the progress of a rising target (a share of the threshold).
    """
    measured = f"""{_PREFIX}measured AS (
  SELECT *,
    CASE WHEN ex_on THEN ex_n END AS ol_n, CASE WHEN ex_on THEN ex_d END AS ol_d,
    CASE WHEN ex_on THEN ex_gap END AS gp_n, CASE WHEN ex_on THEN ex_d END AS gp_d,
    CASE WHEN ex_on AND ex_progress THEN ex_n END AS pr_n,
    CASE WHEN ex_on AND ex_progress THEN ex_share END AS pr_d
  FROM {_PREFIX}flagged
)"""
    return f"{measured},\n{quotient_stages(f'{_PREFIX}measured', ('pr', 'gp', 'ol'), _PREFIX)}"


def recode_sql(query: str, *, exact: bool = True, paired: bool = True) -> str:
    """The check query's rows with the roll-up's reasons (over ``gp_r_flags``, ``gp_checks``).

    A judged derived row turns ``COMPARED`` into ``DERIVED`` and a missing value
    into ``NOT_DERIVABLE``; a row whose counts disagree with a value it came
    from makes the check inconsistent (``COUNTS_DISAGREE``), failing a binding one.
    With *exact* (some derived value has no six-place form), a level check of
    such a value shows the exact quotient's value, gap and progress.  With
    *paired* (some row disagrees with its counts), a change, growth or
    difference worked out from two levels is inconsistent when either does
    (over ``gp_r_levels`` and ``gp_r_all``).  Either may be left off when the
    roll-up found no such row, saving its joins.
    """
    r, s, sev = ReasonCode, StatusCode, SeverityCode
    columns = []
    shown = "COALESCE(ol_exact, ol_r4)"
    for name in RESULT_SQL_COLUMNS:
        if name == "status":
            expr = f"CASE WHEN f_disagree THEN {s.INCONSISTENT} ELSE status END"
        elif name == "severity":
            expr = (
                f"CASE WHEN f_disagree THEN (CASE WHEN c_binding THEN {sev.FAILURE}"
                f" ELSE {sev.WARNING} END) ELSE severity END"
            )
        elif name == "reason":
            expr = (
                f"CASE WHEN f_disagree THEN {r.COUNTS_DISAGREE}"
                f" WHEN f_derived AND reason = {r.COMPARED} THEN {r.DERIVED}"
                f" WHEN f_derived AND reason = {r.NO_VALUE} THEN {r.NOT_DERIVABLE}"
                f" WHEN f_derived AND reason = {r.NO_VALUE_FAILS} THEN {r.NOT_DERIVABLE_FAILS}"
                " ELSE reason END"
            )
        elif name in ("gap", "progress", "pace"):
            value = name
            if exact and name == "gap":
                value = "CASE WHEN ex_on THEN COALESCE(gp_exact, gp_r4) ELSE gap END"
            elif exact and name == "progress":
                value = "CASE WHEN ex_on THEN pr_r4 ELSE progress END"
            expr = f"CASE WHEN f_disagree THEN NULL ELSE {value} END"
        elif exact and name in ("observed_low", "observed_high"):
            expr = f"CASE WHEN ex_on THEN {shown} ELSE {name} END"
        elif exact and name in ("observed_low_closed", "observed_high_closed"):
            expr = f"CASE WHEN ex_on THEN TRUE ELSE {name} END"
        else:
            expr = name
        columns.append(f"{expr} AS {name}")
    ctes = [_flagged_sql(query, exact=exact, paired=paired)]
    last = f"{_PREFIX}flagged"
    if exact:
        ctes.append(_measured_sql())
        last = f"{_PREFIX}{LAST_STAGE}_done"
    body = ",\n".join(ctes)
    return quoted_check(f"WITH {body}\nSELECT {', '.join(columns)} FROM {last}")


def sources_sql(row: int) -> str:
    """The given rows a derived row *row* came from (``gp_r_derived``), as the roll-up met them.

    For a rate from counts, the row itself; for a sum over sub-units, the
    sub-units' own rows that the roll-up reached (below the derived scope,
    with no row of their own above them), sub-units in a depth-first walk.
    """
    return f"""
WITH d AS (SELECT * FROM gp_r_derived WHERE row = {int(row)}),
own AS (
  SELECT l.row, l.scope FROM d JOIN gp_r_closure AS c ON c.ancestor = d.scope
  JOIN gp_r_leaf AS l ON l.scope = c.descendant AND l.indicator_id = d.indicator_id
    AND l.period = d.period AND l.breakdown = d.breakdown AND l.valued
  WHERE d.kind = 'units' AND l.scope <> d.scope
)
SELECT source, CAST(0 AS BIGINT) AS visit FROM d WHERE kind = 'counts'
UNION ALL
SELECT own.row, COALESCE(t.visit, 0) AS visit FROM own
LEFT JOIN gp_r_tree AS t ON t.id = own.scope
WHERE NOT EXISTS (
  SELECT 1 FROM d JOIN gp_r_closure AS up ON up.descendant = own.scope
  JOIN gp_r_closure AS top ON top.ancestor = d.scope AND top.descendant = up.ancestor
  JOIN own AS above ON above.scope = up.ancestor
  WHERE up.ancestor <> own.scope AND up.ancestor <> d.scope)
ORDER BY 2, 1
"""


def derivation_of(record: Sequence[Any], sources: Sequence[int]) -> Derivation:
    """The :class:`Derivation` of a ``gp_r_derived`` record (kind, partial, missing, blocked)."""
    kind, partial, missing, blocked = record
    return Derivation(
        kind=DerivationKind(kind),
        sources=tuple(int(s) for s in sources),
        partial=bool(partial),
        missing=tuple(missing or ()),
        blocked=tuple(blocked or ()),
    )
