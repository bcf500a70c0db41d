"""Three-valued truth, placement and status of a judged span, as SQL expressions.

A span's ends are fractions ``ln/ld`` and ``hn/hd`` (NULL: unbounded) with
closedness ``lc``/``hc``; the acceptable interval is ``acc_low``..``acc_high``
with its own closedness.  Comparisons cross-multiply, so they stay exact.
"""

from __future__ import annotations

from ..check_table import BasisCode, ComparatorCode, ReasonCode, StatusCode
from .relational_quotients import D6 as _D6
from .relational_quotients import D12 as _D12

__all__ = ["band_gap_n", "breach", "minus", "status_sql", "truth"]


def minus(n: str, d: str, t: str) -> str:
    """N − t·d: its sign compares the fraction n/d (d > 0) with t."""
    return f"(CAST({n} AS {_D12}) - CAST(CAST({t} AS {_D6}) * CAST({d} AS {_D6}) AS {_D12}))"


def band_gap_n() -> str:
    """A between range's gap numerator: 0 inside, else from the band's nearer end."""
    n, d = "CASE nearest WHEN 'l' THEN ln ELSE hn END", "CASE nearest WHEN 'l' THEN ld ELSE hd END"
    above, below = minus(f"({n})", f"({d})", "acc_high"), minus(f"({n})", f"({d})", "acc_low")
    return f"(CASE WHEN {above} > 0 THEN {above} WHEN {below} < 0 THEN {below} ELSE 0 END)"


def _compare(n: str, d: str, t: str, op: str, *, whole: bool) -> str:
    """Whether the fraction n/d stands in *op* to t; a whole span compares n with t itself."""
    return f"({n} {op} {t})" if whole else f"({minus(n, d, t)} {op} 0)"


def truth(p: str, *, whole: bool = False) -> str:
    """Three-valued truth (1 all, 0 none, 2 some) of span *p* against the acceptable interval.

    *whole* spans have denominators 1 (every basis but computed growth): the
    comparisons are then plain decimal ones, without arithmetic.

    The span's ends are the fractions ``{p}ln/{p}ld`` and ``{p}hn/{p}hd`` (NULL:
    unbounded) with closedness ``{p}lc``/``{p}hc``.
    """

    def c(n: str, t: str, op: str) -> str:
        return _compare(f"{p}{n}n", f"{p}{n}d", t, op, whole=whole)

    inside = (
        f"(acc_low IS NULL OR ({p}ln IS NOT NULL AND ({c('l', 'acc_low', '>')}"
        f" OR ({c('l', 'acc_low', '=')} AND (acc_low_closed OR NOT {p}lc)))))"
        f" AND (acc_high IS NULL OR ({p}hn IS NOT NULL AND ({c('h', 'acc_high', '<')}"
        f" OR ({c('h', 'acc_high', '=')} AND (acc_high_closed OR NOT {p}hc)))))"
    )
    disjoint = (
        f"({p}hn IS NOT NULL AND acc_low IS NOT NULL AND ({c('h', 'acc_low', '<')}"
        f" OR ({c('h', 'acc_low', '=')} AND (NOT {p}hc OR NOT acc_low_closed))))"
        f" OR (acc_high IS NOT NULL AND {p}ln IS NOT NULL AND ({c('l', 'acc_high', '>')}"
        f" OR ({c('l', 'acc_high', '=')} AND (NOT acc_high_closed OR NOT {p}lc))))"
    )
    return f"(CASE WHEN {inside} THEN 1 WHEN {disjoint} THEN 0 ELSE 2 END)"


def breach(p: str) -> str:
    """Whether span *p* (whole) lies wholly above the acceptable interval's high end."""
    return (
        f"(acc_high IS NOT NULL AND {p}ln IS NOT NULL AND ({p}ln > acc_high"
        f" OR ({p}ln = acc_high AND (NOT acc_high_closed OR NOT {p}lc))))"
    )


def status_sql() -> str:
    """The ``status`` and ``reason`` columns of a judged slice (over ``truth``, ``progress`` …)."""
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
