"""Exact repeats of a ledger row on the query engines: counted once, named with a warning.

The row-wise reader counts a row that repeats an earlier row of its file
(same indicator, organisation, period and value) once, with a warning
(:func:`~govplan.io.ledgers.merge_repeats`).  The query engines count it
once too; this names those rows in the same words.  The check query already
flags the cells given by several rows with one hash of their facts
(:mod:`govplan.engine.executors.relational_conflicts`); only the flagged
cells' rows are read back, when the warnings are asked for, and compared
exactly: rows a hash took for equal but that differ are refused as a
conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..engine.executors.relational import quote
from ..engine.executors.relational_conflicts import Cell, repeated_rows_sql
from ..errors import Problem
from .ledger_matching import Query, file_rows

__all__ = ["REPEAT_MESSAGE", "LedgerRepeats"]

REPEAT_MESSAGE = (
    "repeats row {first} (same indicator, organisation, period and value); counted once"
)
"""The warning of a repeated row, as the row-wise reader words it."""


@attrs.frozen(kw_only=True)
class _Found:
    problems: tuple[Problem, ...]
    total: int
    limit: int | None


@attrs.define(eq=False)
class LedgerRepeats:
    """The ledger rows that repeat an earlier row of their file, found when first asked for.

    Attributes:
        query: Runs a query (DuckDB SQL; the Spark side transpiles it) on the
            engine holding the relations below.
        results: The check query's stored rows (with ``check``, ``scope`` and
            ``repeated``).
        ledger: The ledger rows as read (with ``row``, ``src`` and ``file_row``).
        issuer: The scope of the rows that name none.
        files: The ledger files, in the order read (``src`` indexes them).
        refuse: Raises, naming the rows, for cells whose rows truly differ
            (a hash took them for equal).

    """

    query: Query
    results: str
    ledger: str
    issuer: str | None
    files: Sequence[str]
    refuse: Callable[[Sequence[Cell]], None]
    _found: _Found | None = attrs.field(default=None, init=False)

    def _fetch(self, limit: int | None) -> _Found:
        found = self._found
        if found is not None and (
            found.limit is None or (limit is not None and limit <= found.limit)
        ):
            return found
        sql = repeated_rows_sql(quote(self.issuer), self.results, self.ledger)
        rows = self.query(
            f"{sql} ORDER BY row" + ("" if limit is None else f" LIMIT {max(1, int(limit))}")
        )
        if rows and int(rows[0][9]):
            # A hash took rows for equal that differ: refused, as any conflict is.
            differ = self.query(f"SELECT * FROM ({sql}) AS x WHERE NOT same ORDER BY row LIMIT 21")
            self.refuse(
                list(dict.fromkeys(Cell(str(r[4]), r[5], str(r[6]), "", None) for r in differ))
            )
        total = int(rows[0][8]) if rows else 0
        self._found = _Found(
            problems=self._problems(rows),
            total=total,
            limit=None if limit is None or len(rows) >= total else max(1, int(limit)),
        )
        return self._found

    def _problems(self, rows: Sequence[Sequence[Any]]) -> tuple[Problem, ...]:
        by_src: dict[int, set[int]] = {}
        for row in rows:
            by_src.setdefault(int(row[1]), set()).update((int(row[2]), int(row[3])))
        numbers = {src: file_rows(self.files[src], wanted) for src, wanted in by_src.items()}
        problems = []
        for row in rows:
            src, file_row, first = int(row[1]), int(row[2]), int(row[3])
            if file_row == first:
                continue  # a row whose facts differ, refused above
            number = numbers[src]
            problems.append(
                Problem(
                    path=f"{self.files[src]}: row {number[file_row]}",
                    message=REPEAT_MESSAGE.format(first=number[first]),
                )
            )
        return tuple(problems)

    def items(self, limit: int | None = None) -> tuple[Problem, ...]:
        """A warning for each of the first *limit* repeated rows (all when ``None``), in order.

        Raises:
            LoadError: Rows taken for repeats by their hash truly differ.

        """
        found = self._fetch(limit).problems
        return found if limit is None else found[:limit]

    def count(self) -> int:
        """How many ledger rows repeat an earlier row of their file."""
        return self._fetch(1).total
