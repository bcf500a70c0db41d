"""The in-process executor's whole-column change and growth path.

A template target on a change or a growth over sub-units, time playing no
part, on a ledger that gives each sub-unit an exact level for the period and
one for the baseline: every check compares two value rows.  :func:`write_changes`
answers all of them a column at a time — the differences
(:func:`~govplan.engine.comparisons.point_differences`) or the growths as
unreduced ratios (:func:`.growth_ratios`) tested by the comparator truth's
column forms (:func:`~govplan.engine.comparisons.point_test`,
:func:`~govplan.engine.comparisons.ratio_test`) — and keeps per check only its
two value rows: the span a verdict shows is rebuilt when read
(:meth:`.CheckResults.derived_at`).  Anything else is left to the general
path; a property test holds the two together.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import repeat
from operator import is_, itemgetter

from ..check_table import BasisCode, CompiledTarget, StatusCode, ValueColumns
from ..comparisons import point_differences, point_test, ratio_test
from ..value_columns import RowIndex
from .result_columns import CheckResults, Rebuilt
from .row_values import difference_of, growth_ratios

__all__ = ["write_changes"]

MET, MISSED = StatusCode.MET, StatusCode.MISSED
# Status of an exact value by whether it is acceptable (False 0, True 1), for bytes.translate.
_STATUS_OF_BOOL = bytes((MISSED, MET)) + bytes(254)


def _level_rows(
    values: ValueColumns, index: RowIndex, row: CompiledTarget
) -> tuple[dict[str | None, int], dict[str | None, int]] | None:
    """Per scope, the last whole-scope level row for the period and for the baseline.

    ``None`` when some row of the indicator states a change (the general path
    prefers a stated change to the two levels).
    """
    target = row.target
    period, baseline, issuer = target.period, target.baseline, index.issuer
    if baseline is None or baseline == period:
        return None
    v_scope, v_period = values.scope, values.period
    v_change, v_breakdown = values.change_from, values.breakdown
    now: dict[str | None, int] = {}
    then: dict[str | None, int] = {}
    for candidate in index.by_indicator.get(target.indicator_id, ()):
        if v_change[candidate] is not None:
            return None
        if v_breakdown[candidate] is not None:
            continue
        p = v_period[candidate]
        # Identity first (a ledger shares its period objects), then equality.
        if p is period:
            now[v_scope[candidate] or issuer] = candidate
        elif p is baseline:
            then[v_scope[candidate] or issuer] = candidate
        elif p == period:
            now[v_scope[candidate] or issuer] = candidate
        elif p == baseline:
            then[v_scope[candidate] or issuer] = candidate
    return now, then


def _exact_in(values: ValueColumns, rows: Sequence[int], unit: object) -> bool:
    """Whether every one of *rows* holds an exact closed value in *unit*."""
    pick = itemgetter(*rows)
    lows = pick(values.low)
    units = pick(values.unit)
    return (
        (units.count(unit) == len(rows) or all(u == unit for u in units))
        and all(map(is_, lows, pick(values.high)))
        and not any(map(is_, lows, repeat(None)))
        and not any(pick(values.low_open))
        and not any(pick(values.high_open))
    )


def write_changes(
    values: ValueColumns,
    index: RowIndex,
    row: CompiledTarget,
    scopes: Sequence[str],
    out: CheckResults,
) -> bool:
    """Write the checks of *row* for *scopes* a column at a time, or nothing (False).

    For a change or growth template row whose every scope has an exact level
    for the period and the baseline in the indicator's unit, with no stated
    change: the statuses and codes the general path writes for them.  False
    when any check needs the general path (a missing or inexact value, a
    baseline not above zero for a growth, a miss within a tolerance).
    """
    count = len(scopes)
    if count < 2 or row.basis not in (BasisCode.CHANGE, BasisCode.GROWTH):
        return False
    found = _level_rows(values, index, row)
    if found is None:
        return False
    now, then = found
    issuer = index.issuer
    keys = [scope or issuer for scope in scopes]
    firsts = list(map(now.get, keys, repeat(-1)))
    seconds = list(map(then.get, keys, repeat(-1)))
    base = row.indicator.unit
    if (
        -1 in firsts
        or -1 in seconds
        or not _exact_in(values, firsts, base)
        or not _exact_in(values, seconds, base)
    ):
        return False
    nows, thens = itemgetter(*firsts)(values.low), itemgetter(*seconds)(values.low)
    if row.basis is BasisCode.CHANGE:
        source = difference_of(base)
        test = point_test(row.low, row.low_closed, row.high, row.high_closed)
        if test is None or not (source is row.unit or source == row.unit):
            return False
        statuses = bytes(test(point_differences(nows, thens))).translate(_STATUS_OF_BOOL)
    else:
        ratios = growth_ratios(nows, thens)
        test_ratios = ratio_test(row.low, row.low_closed, row.high, row.high_closed)
        if ratios is None or test_ratios is None:
            return False
        statuses = bytes(test_ratios(*ratios)).translate(_STATUS_OF_BOOL)
    if row.tolerance and MISSED in statuses:
        return False  # basically met needs each miss's progress: the general loop
    start = out.add_compared(row.check, row.binding, statuses, firsts, scopes)
    out.rebuilt.append(Rebuilt(start, start + count, array("i", seconds)))
    return True
