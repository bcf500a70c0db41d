"""The given values behind a query executor's result rows, looked up when a verdict is read.

A result row names the value row it was judged on (``value_row``) and, for a
change, growth or difference, the baseline or reference row (``base_row``).
The sentence shows those values as the in-process verdict does — the result
as written (``70多%``), the level and its baseline, or that the result carries
no value — and the verdict carries the value row's id and note, so they are
looked up for the rows read, a batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

import attrs

from ...errors import GovplanError
from ...model.observations import Observation
from ...values.numbers import plain_decimal
from ...values.quantities import Quantity
from ...values.units import Unit, parse_unit

__all__ = ["GivenRow", "ObservedValues", "QueriedValues", "ValueLookup", "kept_note", "same_value"]


class GivenRow(NamedTuple):
    """What a verdict shows of one given row: its value, id and note."""

    value: Quantity | None
    """The value as written (``None``: the row has none)."""
    id: str | None = None
    """The observation's id (a verdict's ``refs``)."""
    note: str | None = None
    """The row's note."""


class ValueLookup(Protocol):
    """Where the given rows are found, by row number."""

    def given(self, rows: Collection[int]) -> Mapping[int, GivenRow]:
        """Each row of *rows* that is a given row.

        Rows not given (derived by the roll-up, or unknown) are left out.
        """
        ...


@attrs.frozen
class ObservedValues:
    """The observations the query read, in row order: their values as written."""

    observations: Sequence[Observation]

    def given(self, rows: Collection[int]) -> Mapping[int, GivenRow]:
        """Each given row of *rows*."""
        found, n = self.observations, len(self.observations)
        return {r: GivenRow(found[r].value, found[r].id, found[r].note) for r in rows if 0 <= r < n}


@attrs.frozen
class QueriedValues:
    """Value rows read back from the engine's value relation (a ledger read by the engine).

    Attributes:
        query: Runs one SQL query and returns its rows.
        relation: The value relation's name (with the columns of
            :data:`~govplan.engine.check_table.VALUE_COLUMNS`).
        units: The units the rows' symbols name (the indicators' own: a
            ledger's values are in them); another symbol is read with the
            default registry.
        carried: The relation also has the columns ``text`` (the value
            cell as written, ``NULL`` for a plain number) and ``note`` (the
            row's note), as a ledger read column-wise has them; ``False``:
            numbers only, and no notes.
        written: Reads a cell's text as a value of an indicator (by id).
        stored: Keep the looked-up columns in a table of their own, made at the
            first lookup (DuckDB: a view over a ledger is worked out again by
            every query, a table is only filtered).

    """

    query: Callable[[str], Sequence[Sequence[Any]]]
    relation: str
    units: Sequence[Unit] = ()
    carried: bool = False
    written: Callable[[str, str], Quantity | None] | None = None
    stored: bool = False
    _made: list[str] = attrs.field(factory=list, init=False)

    def _source(self) -> str:
        """The relation the lookups read (``row``, the value columns, ``text``, ``note``, …)."""
        if self._made:
            return self._made[0]
        text = "v.text" if self.carried and self.written is not None else "CAST(NULL AS VARCHAR)"
        carried = (
            f"{text} AS text, v.note, v.src, v.scope, v.period"
            if self.carried
            else "CAST(NULL AS VARCHAR) AS text, CAST(NULL AS VARCHAR) AS note"
        )
        select = (
            "SELECT v.row, v.indicator_id, v.has_value, v.low, v.high, v.low_closed,"
            f" v.high_closed, v.unit, v.id, {carried} FROM {self.relation} AS v"
        )
        if not self.stored:
            return f"({select})"
        self.query(f"CREATE OR REPLACE TEMP TABLE {_STORED} AS {select}")
        self._made.append(_STORED)
        return _STORED

    def given(self, rows: Collection[int]) -> Mapping[int, GivenRow]:
        """Each given row of *rows* (read with one query), with its id and note.

        A ledger row that repeats an earlier row of its file (same indicator,
        organisation and period: the same value, or the check would have been
        refused) is counted once, as that earlier row, as the row-wise reader
        counts it: its value as written, id and note are the first row's.
        """
        wanted = sorted({int(r) for r in rows if r >= 0})
        if not wanted:
            return {}
        source, listed = self._source(), ", ".join(map(str, wanted))
        if self.stored:
            # A semi-join on the listed rows: a long IN list is tested row by row.
            asked = (
                f"(SELECT a.* FROM {source} AS a"
                f" SEMI JOIN (SELECT unnest([{listed}]) AS row) AS u ON u.row = a.row)"
            )
        else:
            asked = f"(SELECT * FROM {source} AS a WHERE a.row IN ({listed}))"
        if self.carried:
            found = self.query(
                f"SELECT w.row, s.row, s.indicator_id, s.has_value, s.low, s.high, s.low_closed,"
                f" s.high_closed, s.unit, s.id, s.text, s.note FROM {asked} AS w"
                f" JOIN {source} AS s ON s.src = w.src AND s.indicator_id = w.indicator_id"
                " AND s.period = w.period AND s.scope IS NOT DISTINCT FROM w.scope"
                " AND s.row <= w.row"
            )
        else:
            found = self.query(f"SELECT w.row, w.* FROM {asked} AS w")
        first: dict[int, Sequence[Any]] = {}
        for record in found:
            earlier = first.get(int(record[0]))
            if earlier is None or record[1] < earlier[1]:
                first[int(record[0])] = record
        symbols = {unit.symbol: unit for unit in self.units}
        values: dict[int, GivenRow] = {}
        for row, record in first.items():
            indicator, has_value, low, high, lc, hc, symbol, given_id, cell, note = record[2:12]
            if not has_value or symbol is None:
                values[row] = GivenRow(None, given_id, kept_note(note))
                continue
            unit = symbols.get(symbol)
            if unit is None:
                unit = symbols[symbol] = parse_unit(symbol)
            number = _quantity(low, high, lc, hc, unit)
            value = self._as_written(indicator, cell, number) or number
            values[row] = GivenRow(value, given_id, kept_note(note))
        return values

    def _as_written(self, indicator: str, cell: str | None, number: Quantity) -> Quantity | None:
        """The cell as written, when it reads as the very value the row holds."""
        if cell is None or self.written is None:
            return None
        try:
            value = self.written(indicator, cell)
        except GovplanError:
            return None
        return same_value(value, number)


def kept_note(text: str | None) -> str | None:
    """A note cell as the row-wise reader keeps it: stripped (of any white space), blank is none."""
    return (text.strip() or None) if text is not None else None


def same_value(value: Quantity | None, number: Quantity) -> Quantity | None:
    """*value* (a cell as written, read again) when it is the very value *number* holds.

    A ledger read column-wise keeps each value as numbers in its indicator's
    unit and the cell's text beside them; the text is shown (``95多%``,
    ``1436万元``) only when it reads as those numbers, never another value.
    """
    if value is None or not value.unit.is_compatible(number.unit):
        return None
    same = (
        value.bounds_in(number.unit) == number.bounds_in(number.unit)
        and value.low_open == number.low_open
        and value.high_open == number.high_open
    )
    return value if same else None


_STORED = "gp_value_lookup"


def _quantity(
    low: Decimal | None, high: Decimal | None, low_closed: bool, high_closed: bool, unit: Unit
) -> Quantity:
    low, high = plain_decimal(low), plain_decimal(high)
    if low is not None and low == high and low_closed and high_closed:
        return Quantity.of(low, unit)
    return Quantity(
        low=low, high=high, unit=unit, low_open=not low_closed, high_open=not high_closed
    )
