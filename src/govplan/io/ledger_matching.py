"""Ledger rows no check uses, found by the query engine (DuckDB or Spark).

Missing is not passing, and neither is silence (DESIGN §6): every ledger row
that matches no indicator, period or organisation of the plan's targets is
reported, with the reasons of :class:`~govplan.UnmatchedReason`, as the
in-process engine reports it (:func:`~govplan.engine.matching.unmatched_observations`).

The rows are not read back into Python to find them.  The value table has
few distinct (indicator, period, change-from period) keys even at 10^7 rows;
those are listed by one grouped query and decided in Python by the same
matching logic (:func:`~govplan.engine.matching.key_fits`).  Only when some
key can leave a row unused does a second query test each row's organisation
against the small tables of what the keys need, and fetch the offending rows'
files, rows and facts (the first of exact repeats, which the row-wise reader
counts once).  Rows of the indicators that roll up are checked in process
(their rows are read back for the roll-up): their matching is the reference
engine's, given here as *in_process*.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..engine.matching import KeyFit, Unmatched, UnmatchedReason, key_fits
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..values.numbers import plain_decimal
from ..values.periods import Period, parse_period
from ..values.quantities import Quantity
from ..values.quantity_text import parse_quantity

__all__ = [
    "OBSERVATION_COLUMNS",
    "ROW_KEY",
    "LedgerUnmatched",
    "file_rows",
    "ledger_observation",
    "located_in_process",
]

Query = Callable[[str], Sequence[tuple[Any, ...]]]
"""Runs one query (DuckDB SQL; the Spark side transpiles it) and returns its rows."""

ROW_KEY = 10_000_000_000
"""A value row's key: ``file index × ROW_KEY + row in the file`` (see ``values_sql``)."""

OBSERVATION_COLUMNS = (
    "indicator_id",
    "scope",
    "period",
    "low",
    "high",
    "low_closed",
    "high_closed",
    "has_value",
    "numerator",
    "denominator",
)
"""The value columns an observation is rebuilt from (:func:`ledger_observation`)."""

_REASONS = {reason.value: reason for reason in UnmatchedReason}


def ledger_observation(
    row: Sequence[Any], indicators: Mapping[str, Indicator], row_id: str | None = None
) -> Observation:
    """The observation of one value row (the columns of :data:`OBSERVATION_COLUMNS`)."""
    indicator_id, scope, period, low, high, low_closed, high_closed, has_value, top, bottom = row
    low, high = plain_decimal(low), plain_decimal(high)
    unit = indicators[indicator_id].unit
    value = None
    if has_value:
        if low is not None and low == high and low_closed and high_closed:
            value = Quantity.of(low, unit)
        else:
            value = Quantity(
                low=low, high=high, unit=unit, low_open=not low_closed, high_open=not high_closed
            )
    counts: tuple[Quantity | None, Quantity | None] = (None, None)
    if top is not None and bottom is not None:
        # The column reader keeps a count's amount; read back, it is a bare number.
        counts = (parse_quantity(str(top)), parse_quantity(str(bottom)))
    return Observation(
        id=row_id or None,
        indicator_id=indicator_id,
        period=_period(str(period)),
        value=value,
        scope=scope,
        numerator=counts[0],
        denominator=counts[1],
    )


@functools.lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    return parse_period(text)


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "'" + str(value).replace("'", "''") + "'"


def _values(
    name: str, columns: Sequence[str], types: Sequence[str], rows: list[tuple[object, ...]]
) -> str:
    """A small constant relation as SQL (an empty one when there are no rows)."""
    if not rows:
        nulls = ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in zip(columns, types, strict=True))
        return f"{name} AS (SELECT {nulls} WHERE 1 = 0)"
    listed = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
    return f"{name} AS (SELECT * FROM (VALUES {listed}) AS {name}({', '.join(columns)}))"


_CELL = "indicator_id, scope, period, change_from, breakdown"


@attrs.frozen(kw_only=True)
class _Plan:
    """What the keys query found: the SQL of the unmatched rows, if any can be."""

    judged: str | None
    rows: int


@attrs.frozen(kw_only=True)
class _Fetched:
    """The query's unused rows fetched so far, and how many there are in all."""

    items: tuple[Unmatched, ...]
    cells: int
    rows: int
    limit: int | None


def file_rows(path: str, records: Iterable[int]) -> dict[int, int]:
    """The file's row numbers of *records* (blank lines count, as the row-wise reader counts)."""
    wanted = set(records)
    if not path.lower().endswith(".csv") or "://" in path or not Path(path).is_file():
        return {r: r for r in wanted}
    from .column_files import LedgerFile, _encoding, physical_rows

    ledger = LedgerFile(path=path, kind="csv", relation="", encoding=_encoding(Path(path)))
    return physical_rows(ledger, wanted)


@attrs.define(eq=False)
class LedgerUnmatched:
    """The ledger rows no check uses (and the subject's own unused observations).

    Attributes:
        query: Runs a query on the engine holding the value table.
        table: The value table (``gp_values``: the value columns with ``src``,
            ``file_row`` and ``row``).
        subject: The plan or post whose targets the rows must fit.
        issuer: The scope of rows and targets that name none.
        indicators: The indicators, by id (to rebuild a row's observation).
        files: The ledger files, in the order read (``src`` indexes them).
        rolled: Indicators whose rows are checked in process (roll-up).
        in_process: Finds the unused observations in process: the subject's
            own ones, and the rows of the *rolled* indicators (located); and
            how many ledger rows of those indicators are unused
            (:func:`located_in_process`).

    """

    query: Query
    table: str
    subject: object
    issuer: str | None
    indicators: Mapping[str, Indicator]
    files: Sequence[str]
    rolled: frozenset[str] = frozenset()
    in_process: Callable[[], tuple[tuple[Unmatched, ...], int]] = lambda: ((), 0)
    _plan: _Plan | None = attrs.field(default=None, init=False)
    _local: tuple[tuple[Unmatched, ...], int] | None = attrs.field(default=None, init=False)
    _fetched: _Fetched | None = attrs.field(default=None, init=False)

    def _local_items(self) -> tuple[Unmatched, ...]:
        if self._local is None:
            self._local = self.in_process()
        return self._local[0]

    def _local_rows(self) -> int:
        self._local_items()
        assert self._local is not None
        return self._local[1]

    def _planned(self) -> _Plan:
        """List the keys, decide them, and write the query of the rows they may leave unused."""
        if self._plan is not None:
            return self._plan
        listed = self.query(
            "SELECT indicator_id, period, change_from,"
            " MAX(CASE WHEN breakdown <> '' THEN 1 ELSE 0 END) AS sliced, COUNT(*) AS n"
            f" FROM {self.table} GROUP BY indicator_id, period, change_from"
        )
        total = sum(int(n) for *_, n in listed)
        keys = {
            (str(i), _period(str(p)), None if c is None else _period(str(c))): (str(p), c, bool(s))
            for i, p, c, s, _ in listed
            if str(i) not in self.rolled
        }
        fits = key_fits(self.subject, keys, issuer=self.issuer)
        k_rows: list[tuple[object, ...]] = []
        s_rows: list[tuple[object, ...]] = []
        for key, fit in fits.items():
            period, change, sliced = keys[key]
            if fit.settled(sliced):
                continue
            change_text = "" if change is None else str(change)
            reason = "" if fit.reason_ is None else fit.reason_.value
            k_rows.append((key[0], period, change_text, reason, fit.any_scope))
            if fit.reason_ is None:
                s_rows += _scope_rows(key[0], period, change_text, fit)
        judged = None
        if k_rows:
            judged = self._judged_sql(k_rows, s_rows)
        self._plan = _Plan(judged=judged, rows=total)
        return self._plan

    def _judged_sql(
        self, k_rows: list[tuple[object, ...]], s_rows: list[tuple[object, ...]]
    ) -> str:
        text = ("VARCHAR", "VARCHAR", "VARCHAR")
        keys = _values(
            "gp_um_keys",
            ("indicator_id", "period", "change_from", "reason", "any_scope"),
            (*text, "VARCHAR", "BOOLEAN"),
            k_rows,
        )
        scopes = _values(
            "gp_um_scopes",
            ("indicator_id", "period", "change_from", "scope", "slice"),
            (*text, "VARCHAR", "BOOLEAN"),
            s_rows,
        )
        issuer = _literal(self.issuer or "")
        columns = ", ".join(
            f"v.{c}"
            for c in (
                "row",
                "src",
                "file_row",
                "id",
                "change_from",
                "breakdown",
                *OBSERVATION_COLUMNS,
            )
        )
        return (
            f"WITH {keys}, {scopes},"
            " gp_um_judged AS ("
            f"SELECT {columns},"
            " CASE WHEN k.reason <> '' THEN k.reason"
            " WHEN NOT k.any_scope AND s.scope IS NULL THEN 'scope'"
            " WHEN v.breakdown <> '' AND NOT COALESCE(s.slice, FALSE) THEN 'breakdown'"
            " END AS reason"
            f" FROM {self.table} AS v"
            " JOIN gp_um_keys AS k ON v.indicator_id = k.indicator_id AND v.period = k.period"
            " AND COALESCE(v.change_from, '') = k.change_from"
            " LEFT JOIN gp_um_scopes AS s ON s.indicator_id = v.indicator_id"
            " AND s.period = v.period AND s.change_from = COALESCE(v.change_from, '')"
            f" AND s.scope = COALESCE(v.scope, {issuer})"
            ")"
        )

    def _sql_part(self, limit: int | None) -> _Fetched:
        """The query's unused rows (the first *limit*), with how many there are, in one query."""
        found = self._fetched
        if found is not None and (
            found.limit is None or (limit is not None and limit <= found.limit)
        ):
            return found
        judged = self._planned().judged
        if judged is None:
            self._fetched = _Fetched(items=(), cells=0, rows=0, limit=None)
            return self._fetched
        picked = self.query(
            f"{judged}, gp_um_cells AS (SELECT *,"
            f" ROW_NUMBER() OVER (PARTITION BY {_CELL} ORDER BY row) AS nth,"
            f" COUNT(*) OVER (PARTITION BY {_CELL}) AS repeats"
            " FROM gp_um_judged WHERE reason IS NOT NULL)"
            " SELECT *, COUNT(*) OVER () AS cells, SUM(repeats) OVER () AS unused"
            " FROM gp_um_cells WHERE nth = 1 ORDER BY row"
            + ("" if limit is None else f" LIMIT {max(1, int(limit))}")
        )
        cells = int(picked[0][-2]) if picked else 0
        rows = int(picked[0][-1]) if picked else 0
        complete = limit is None or len(picked) >= cells
        self._fetched = _Fetched(
            items=tuple(self._located(picked)),
            cells=cells,
            rows=rows,
            limit=None if complete else max(1, int(limit or 0)),
        )
        return self._fetched

    def count(self) -> int:
        """How many unused observations are reported (exact repeats counted once)."""
        return self._sql_part(1).cells + len(self._local_items())

    def uses_none(self) -> bool:
        """Whether the ledgers have rows and none of them is used by a check."""
        total = self._planned().rows
        unused = self._sql_part(1).rows + self._local_rows()
        return total > 0 and unused >= total

    def items(self, limit: int | None = None) -> tuple[Unmatched, ...]:
        """The unused observations in order (the subject's own first), the first *limit* of them."""
        local = self._local_items()
        own = [u for u in local if u.file is None]
        found = [u for u in local if u.file is not None]
        found += self._sql_part(limit).items
        found.sort(key=lambda u: u.row)
        merged = [*own, *found]
        return tuple(merged if limit is None else merged[:limit])

    def _located(self, picked: Sequence[tuple[Any, ...]]) -> list[Unmatched]:
        by_src: dict[int, list[int]] = {}
        for row in picked:
            by_src.setdefault(int(row[1]), []).append(int(row[2]))
        numbers = {src: file_rows(self.files[src], rows) for src, rows in by_src.items()}
        found = []
        for row in picked:
            key, src, file_row, row_id = int(row[0]), int(row[1]), int(row[2]), row[3]
            facts = row[6 : 6 + len(OBSERVATION_COLUMNS)]
            found.append(
                Unmatched(
                    row=key,
                    observation=ledger_observation(facts, self.indicators, row_id),
                    reason=_REASONS[str(row[6 + len(OBSERVATION_COLUMNS)])],
                    file=self.files[src],
                    file_row=numbers[src][file_row],
                )
            )
        return found


def _scope_rows(
    indicator: str, period: str, change: str, fit: KeyFit
) -> Iterator[tuple[object, ...]]:
    for scope in fit.scopes:
        yield (indicator, period, change, scope or "", scope in fit.slices)


def located_in_process(
    items: Iterable[Unmatched],
    own: int,
    fetched: Sequence[tuple[str, str | None, str, int, int]],
    files: Sequence[str],
) -> tuple[tuple[Unmatched, ...], int]:
    """The in-process unused observations, ledger rows located; and how many ledger rows.

    *own* is the number of the subject's own observations (first in the
    values); *fetched* gives, for each ledger row read back after them, its
    cell (indicator, scope, period), file index and row in the file.  Of a
    cell given by several rows (exact repeats), the first is reported, and
    only when none of them is used, as the row-wise reader counts it once.
    """
    items = list(items)
    unused = {u.row - own for u in items if u.row >= own}
    cells: dict[tuple[str, str | None, str], list[int]] = {}
    for index, row in enumerate(fetched):
        cells.setdefault(row[:3], []).append(index)
    reported = {
        rows[0] for rows in cells.values() if rows[0] in unused and all(r in unused for r in rows)
    }
    by_src: dict[int, list[int]] = {}
    for index in reported:
        by_src.setdefault(fetched[index][3], []).append(fetched[index][4])
    numbers = {src: file_rows(files[src], rows) for src, rows in by_src.items()}
    found = [u for u in items if u.row < own]
    for u in items:
        index = u.row - own
        if index in reported:
            src, file_row = fetched[index][3], fetched[index][4]
            found.append(
                attrs.evolve(
                    u,
                    row=src * ROW_KEY + file_row,
                    file=files[src],
                    file_row=numbers[src][file_row],
                )
            )
    return tuple(found), len(unused)
