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
            cell as written, ``NULL`` for a plain number), ``note`` (the
            row's note) and ``src`` (the file), as a ledger read column-wise
            has them; ``False``: numbers only, and no notes.
        written: Reads a cell's text as a value of an indicator (by id).
        stored: Keep the looked-up columns in a table of their own, made at the
            first lookup (a view over a ledger is worked out again by every
            query, a table is only filtered).
        store: Makes that table: called with its name and the query of its
            rows (default: a temporary table made with *query*, as DuckDB
            makes it; Spark keeps a checkpoint of the rows instead).

    """

    query: Callable[[str], Sequence[Sequence[Any]]]
    relation: str
    units: Sequence[Unit] = ()
    carried: bool = False
    written: Callable[[str, str], Quantity | None] | None = None
    stored: bool = False
    store: Callable[[str, str], object] | None = None
    _made: list[str] = attrs.field(factory=list, init=False)

    def _source(self) -> str:
        """The relation the lookups read: ``row``, the value columns, ``text``, ``note``, ….

        ``first_row`` is the first row of the row's file for its indicator,
        organisation and period: a later one repeats it (the same value, or
        the check is refused), and the row-wise reader counts it once, as
        that first row.
        """
        if self._made:
            return self._made[0]
        text = "v.text" if self.carried and self.written is not None else "CAST(NULL AS VARCHAR)"
        carried = (
            f"{text} AS text, v.note,"
            " MIN(v.row) OVER (PARTITION BY v.src, v.indicator_id, v.scope, v.period)"
            " AS first_row"
            if self.carried
            else "CAST(NULL AS VARCHAR) AS text, CAST(NULL AS VARCHAR) AS note, v.row AS first_row"
        )
        select = (
            "SELECT v.row, v.indicator_id, v.has_value, v.low, v.high, v.low_closed,"
            f" v.high_closed, v.unit, v.id, {carried} FROM {self.relation} AS v"
        )
        if not self.stored:
            return f"({select})"
        if self.store is None:
            self.query(f"CREATE OR REPLACE TEMP TABLE {_STORED} AS {select}")
        else:
            self.store(_STORED, select)
        self._made.append(_STORED)
        return _STORED

    def _rows(self, source: str, wanted: Collection[int]) -> Sequence[Sequence[Any]]:
        """The rows *wanted* of *source*, read with one query."""
        listed = ", ".join(map(str, sorted(wanted)))
        if self.stored:
            # A semi-join on the listed rows: a long IN list is tested row by row.
            return self.query(
                f"SELECT s.* FROM {source} AS s"
                f" SEMI JOIN (SELECT unnest([{listed}]) AS row) AS w ON w.row = s.row"
            )
        return self.query(f"SELECT * FROM {source} AS s WHERE s.row IN ({listed})")

    def given(self, rows: Collection[int]) -> Mapping[int, GivenRow]:
        """Each given row of *rows*, with its id and note.

        A ledger row that repeats an earlier row of its file is shown as that
        earlier row (its value as written, id and note), as the row-wise
        reader counts it: read with a second query, only when there is one.
        """
        wanted = {int(r) for r in rows if r >= 0}
        if not wanted:
            return {}
        source = self._source()
        found = {int(record[0]): record for record in self._rows(source, wanted)}
        earlier = {int(r[11]) for r in found.values() if r[11] is not None} - found.keys()
        if earlier:
            found |= {int(record[0]): record for record in self._rows(source, earlier)}
        symbols = {unit.symbol: unit for unit in self.units}
        values: dict[int, GivenRow] = {}
        for row in wanted & found.keys():
            first = found[row][11]
            record = found[int(first)] if first is not None else found[row]
            indicator, has_value, low, high, lc, hc, symbol, given_id, cell, note = record[1:11]
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
