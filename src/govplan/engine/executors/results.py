"""An evaluation over result columns: counts from codes, verdicts built only when read.

:class:`ColumnarEvaluation` answers ``counts()``, ``passes`` and
``failures()`` with small aggregate queries on the executor's result
relation, and builds :class:`~govplan.Verdict` objects (with their Chinese and
English explanations) only for the rows someone iterates over.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import attrs
import pendulum

from ...errors import Problem
from ...model.indicators import Indicator
from ...model.organisations import Organisation
from ...values.numbers import plain_decimal
from ...values.quantities import Quantity
from ...values.units import PERCENT, difference_unit
from ...values.validators import check_limit
from ..check_table import BasisCode, CheckTable, ForEachCode, ReasonCode, SeverityCode, StatusCode
from ..matching import Unmatched
from ..row_verdicts import RowSources, row_verdict
from ..rules import RuleSet
from ..verdicts import Severity, Status, Verdict
from .value_lookup import GivenRow, ValueLookup

__all__ = [
    "ColumnarEvaluation",
    "FoundUnmatched",
    "RepeatsSource",
    "ResultSource",
    "UnmatchedSource",
]

_STATUS = {code: Status[code.name] for code in StatusCode}
_SEVERITY = {code: Severity[code.name] for code in SeverityCode}


class ResultSource(Protocol):
    """What an executor's result relation must answer (DuckDB or Spark)."""

    def code_counts(self) -> Mapping[tuple[int, int], int]:
        """Rows per (status code, severity code)."""
        ...

    def status_counts(self) -> Mapping[int, int]:
        """Rows per status code."""
        ...

    def rows(
        self, *, where: str | None = None, limit: int | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Result rows (``RESULT_SQL_COLUMNS``) in check then slice order.

        *where* filters them (a SQL condition); *limit* keeps the first so many.
        """
        ...


class UnmatchedSource(Protocol):
    """Where an executor finds the observations no check uses (see :class:`~govplan.Unmatched`)."""

    def count(self) -> int:
        """How many there are (without building them)."""
        ...

    def items(self, limit: int | None = None) -> tuple[Unmatched, ...]:
        """The first *limit* of them (all when ``None``), in order."""
        ...

    def uses_none(self) -> bool:
        """Whether results were given and none of them is used by a check."""
        ...


class RepeatsSource(Protocol):
    """Where an executor finds the ledger rows that repeat an earlier row of their file."""

    def items(self, limit: int | None = None) -> tuple[Problem, ...]:
        """A warning for each of the first *limit* of them (all when ``None``), in order."""
        ...

    def count(self) -> int:
        """How many there are."""
        ...


@attrs.define(eq=False)
class FoundUnmatched:
    """Unused observations found in process, when first asked for.

    Attributes:
        find: Finds them (:func:`~govplan.engine.matching.unmatched_observations`).
        given: How many observations were given (the subject's own included).

    """

    find: Callable[[], tuple[Unmatched, ...]]
    given: int = 0
    _found: tuple[Unmatched, ...] | None = attrs.field(default=None, init=False)

    def items(self, limit: int | None = None) -> tuple[Unmatched, ...]:
        """The first *limit* unused observations (all when ``None``)."""
        if self._found is None:
            self._found = self.find()
        return self._found if limit is None else self._found[:limit]

    def count(self) -> int:
        """How many observations are unused."""
        return len(self.items())

    def uses_none(self) -> bool:
        """Whether observations were given and none of them is used."""
        return self.given > 0 and self.count() >= self.given


@attrs.define(slots=True, eq=False)
class ColumnarEvaluation:
    """The outcome of a query executor: result columns, verdicts on demand.

    Behaves like :class:`~govplan.Evaluation`: :meth:`counts`, :attr:`passes`,
    :meth:`failures`, :meth:`verdict` and iteration, in the same order.

    Attributes:
        subject: The id of what was evaluated.
        as_of: The evaluation day (``None``: a final check).
        checks: The compiled check table.
        source: The result relation.
        engine: ``"duckdb"`` or ``"spark"``.
        unmatched_source: Where the observations no check uses are found
            (read through :attr:`unmatched`, :meth:`unmatched_count` and
            :meth:`first_unmatched`).
        repeats_source: Where the ledger rows repeating an earlier row of
            their file are found (read through :meth:`repeat_warnings`).
        values: Where the given values behind the result rows are looked up
            for the sentences (``None``: the sentences show the query's numbers).

    """

    subject: str
    as_of: pendulum.Date | None
    checks: CheckTable
    source: ResultSource | None
    engine: str
    indicators: Mapping[str, Indicator] = attrs.field(factory=dict)
    organisations: Sequence[Organisation] = ()
    settings: RuleSet = attrs.field(factory=RuleSet)
    before: tuple[Verdict, ...] = ()
    after: tuple[Verdict, ...] = ()
    local: tuple[tuple[int, Verdict], ...] = ()
    unmatched_source: UnmatchedSource | None = None
    repeats_source: RepeatsSource | None = None
    values: ValueLookup | None = None
    _names: dict[str, str] | None = attrs.field(default=None, init=False)
    _looked: dict[int, GivenRow] = attrs.field(factory=dict, init=False)
    _asked: set[int] = attrs.field(factory=set, init=False)
    _unmatched: tuple[Unmatched, ...] | None = attrs.field(default=None, init=False)

    @property
    def unmatched(self) -> tuple[Unmatched, ...]:
        """The observations no check used, each with its reason, as :attr:`Evaluation.unmatched`.

        Ledger rows read by the query engine carry their file and row
        (:attr:`Unmatched.file`, :attr:`Unmatched.file_row`).  Found when first
        read; for a count alone, :meth:`unmatched_count` builds none of them.
        """
        if self._unmatched is None:
            source = self.unmatched_source
            self._unmatched = () if source is None else source.items()
        return self._unmatched

    def unmatched_count(self) -> int:
        """How many observations no check used (none of them is built)."""
        if self._unmatched is not None:
            return len(self._unmatched)
        return 0 if self.unmatched_source is None else self.unmatched_source.count()

    def first_unmatched(self, limit: int | None = None) -> tuple[Unmatched, ...]:
        """The first *limit* of :attr:`unmatched` (all when ``None``), only those fetched."""
        check_limit(limit)
        if self._unmatched is not None or self.unmatched_source is None:
            return self.unmatched if limit is None else self.unmatched[:limit]
        return self.unmatched_source.items(limit)

    def repeat_warnings(self, limit: int | None = None) -> tuple[Problem, ...]:
        """A warning for each ledger row that repeats an earlier row of its file.

        Such a row (same indicator, organisation, period and value) is counted
        once, as the row-wise reader counts it, and worded as it words it
        (:attr:`~govplan.Ledger.warnings`), its file named: ``"a.csv: row 3:
        repeats row 2 (same indicator, organisation, period and value);
        counted once"``.  The first *limit* (all when ``None``), in file and
        row order; :meth:`repeat_count` says how many there are.
        """
        check_limit(limit)
        return () if self.repeats_source is None else self.repeats_source.items(limit)

    def repeat_count(self) -> int:
        """How many ledger rows repeat an earlier row of their file (:meth:`repeat_warnings`)."""
        return 0 if self.repeats_source is None else self.repeats_source.count()

    def uses_no_result(self) -> bool:
        """Whether results were given and no check uses any of them."""
        return self.unmatched_source is not None and self.unmatched_source.uses_none()

    def counts(self) -> dict[Status, int]:
        """How many verdicts have each status (every status listed, zeros included)."""
        found = self.source.status_counts() if self.source is not None else {}
        local = Counter(v.status for v in self._in_process())
        return {
            status: int(found.get(StatusCode[status.name], 0)) + local[status] for status in Status
        }

    def target_counts(self) -> dict[Status, int]:
        """As :meth:`counts`, for the target checks only (the other rules left out)."""
        found = self.source.status_counts() if self.source is not None else {}
        local = Counter(v.status for _, v in self.local)
        return {
            status: int(found.get(StatusCode[status.name], 0)) + local[status] for status in Status
        }

    @property
    def passes(self) -> bool:
        """True when no verdict fails the run (a binding target missed, …)."""
        if any(v.severity is Severity.FAILURE for v in self._in_process()):
            return False
        if self.source is None:
            return True
        return all(severity != SeverityCode.FAILURE for _, severity in self.source.code_counts())

    def failures(self) -> tuple[Verdict, ...]:
        """The verdicts that fail the run (built now), in order."""
        return (
            *(v for v in self.before if v.severity is Severity.FAILURE),
            *self._verdicts(
                f"severity = {SeverityCode.FAILURE}", lambda v: v.severity is Severity.FAILURE
            ),
            *(v for v in self.after if v.severity is Severity.FAILURE),
        )

    def __iter__(self) -> Iterator[Verdict]:
        yield from self.before
        yield from self._verdicts(None, lambda _: True)
        yield from self.after

    def __len__(self) -> int:
        found = self.source.status_counts() if self.source is not None else {}
        return sum(found.values()) + sum(1 for _ in self._in_process())

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """Every verdict, built now (prefer iteration for large results)."""
        return tuple(self)

    def verdict(self, subject: str) -> Verdict:
        """The verdict about *subject* (a target id, ``target@scope``, a claim id …).

        Raises:
            KeyError: No verdict has that subject.

        """
        for verdict in self.before:
            if verdict.subject == subject:
                return verdict
        literal = "'" + subject.replace("'", "''") + "'"
        for verdict in self._verdicts(f"subject = {literal}", lambda v: v.subject == subject):
            return verdict
        for verdict in self.after:
            if verdict.subject == subject:
                return verdict
        raise KeyError(subject)

    def rows(
        self, where: str | None = None, *, limit: int | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """The target rows of the query (``RESULT_SQL_COLUMNS``), optionally filtered.

        Only the first *limit* rows are fetched when it is given.
        """
        check_limit(limit)
        if self.source is None:
            return iter(())
        return self.source.rows(where=where, limit=limit)

    def _in_process(self) -> Iterator[Verdict]:
        yield from self.before
        yield from (v for _, v in self.local)
        yield from self.after

    def first(self, limit: int | None = None) -> Iterator[Verdict]:
        """The verdicts in order, as iteration gives them, at most *limit* of them.

        Only the query rows that can be among the first *limit* are fetched.
        """
        check_limit(limit)
        verdicts = itertools.chain(
            self.before, self._verdicts(None, lambda _: True, limit), self.after
        )
        return verdicts if limit is None else itertools.islice(verdicts, limit)

    def _verdicts(
        self, where: str | None, keep: Callable[[Verdict], bool], limit: int | None = None
    ) -> Iterator[Verdict]:
        """The target verdicts in check order: query rows and in-process checks merged."""
        local = iter([(check, v) for check, v in self.local if keep(v)])
        pending = next(local, None)
        rows = self.rows(where, limit=limit)
        while chunk := list(itertools.islice(rows, _LOOKED_UP_TOGETHER)):
            self._look_up(chunk)
            for row in chunk:
                check = int(row[0])
                while pending is not None and pending[0] < check:
                    yield pending[1]
                    pending = next(local, None)
                yield self.build(row)
        while pending is not None:
            yield pending[1]
            pending = next(local, None)

    @staticmethod
    def _given_rows(row: Sequence[Any]) -> tuple[int, ...]:
        """The given rows result *row* was judged on: its value row, then its base row."""
        value_row = int(row[9])
        base_row = row[19] if len(row) > 19 else None
        rows = (value_row,) if value_row >= 0 else ()
        return rows if base_row is None else (*rows, int(base_row))

    def _look_up(self, rows: Sequence[Sequence[Any]]) -> None:
        """Look up, with one query, the given rows *rows* were judged on."""
        self._asked = {r for row in rows for r in self._given_rows(row)}
        self._looked = {} if self.values is None else dict(self.values.given(self._asked))

    def _given(self, row: Sequence[Any]) -> tuple[tuple[int, ...], Mapping[int, GivenRow]]:
        rows = self._given_rows(row)
        if not self._asked.issuperset(rows):
            self._look_up([row])
        return rows, self._looked

    def _sources(self, row: Sequence[Any]) -> RowSources | None:
        """The given values the sentence of result *row* shows (see :class:`RowSources`)."""
        rows, found = self._given(row)
        if not rows or self.values is None:
            return None
        first = found.get(rows[0])
        reason = int(row[8])
        basis = self.checks.rows[int(row[0])].basis
        if reason in _VALUE_LESS and basis is not BasisCode.LEVEL:
            return RowSources(value_missing=first is not None and first.value is None)
        if reason != ReasonCode.COMPARED or first is None or first.value is None:
            return None
        other = found.get(rows[1]) if len(rows) > 1 else None
        return RowSources(current=first.value, other=None if other is None else other.value)

    def _refs(self, row: Sequence[Any]) -> tuple[tuple[str, ...], str | None]:
        """The ids of the given rows result *row* was judged on, and its value row's note."""
        rows, found = self._given(row)
        given = [found[r] for r in rows if r in found]
        refs = tuple(g.id for g in given if g.id is not None)
        return refs, (found[rows[0]].note if rows and rows[0] in found else None)

    def build(self, row: Sequence[Any]) -> Verdict:
        """The verdict of one result row (the columns of ``RESULT_SQL_COLUMNS``)."""
        (check, _target, _subject, scope, breakdown, _ord, status, _severity, reason) = row[:9]
        observed_low, observed_high, low_closed, high_closed, gap, progress, pace = row[10:17]
        in_percent = bool(row[17]) if len(row) > 17 else False
        compiled = self.checks.rows[int(check)]
        label = None
        where_scope = compiled.target.scope
        if compiled.for_each is ForEachCode.SCOPE:
            label = where_scope = scope
        elif compiled.for_each is ForEachCode.BREAKDOWN:
            pieces = (part.split("=", 1) for part in breakdown.split(";")) if breakdown else ()
            label = "/".join(value for _, value in sorted(pieces))
        if self._names is None:
            self._names = {o.id: o.name for o in self.organisations}
        # A growth worked out from two levels is in % (零增长 on an amount).
        unit = PERCENT if in_percent else compiled.unit
        gap_unit = difference_unit(PERCENT) if in_percent else compiled.gap_unit
        observed = None
        if observed_low is not None or observed_high is not None:
            low, high = plain_decimal(observed_low), plain_decimal(observed_high)
            if low is not None and low == high:
                # The query carries fixed decimals: an interval narrower than the last
                # place (a growth of (411, 412)元 over 2729万元) comes back as one value.
                observed = Quantity.of(low, unit)
            else:
                observed = Quantity(
                    low=low,
                    high=high,
                    unit=unit,
                    low_open=not low_closed,
                    high_open=not high_closed,
                )
        gap_quantity = None if gap is None else Quantity.of(plain_decimal(gap) or 0, gap_unit)
        refs, note = self._refs(row)
        return row_verdict(
            compiled,
            _STATUS[StatusCode(int(status))],
            ReasonCode(int(reason)),
            scope=where_scope,
            label=label,
            issuer=self.checks.issuer,
            as_of=self.as_of,
            names=self._names,
            observed=observed,
            gap=gap_quantity,
            progress=None if progress is None else Decimal(progress).quantize(Decimal("0.0001")),
            pace=None if pace is None else Quantity.of(plain_decimal(pace) or 0, unit),
            sources=self._sources(row),
            gap_unit=gap_unit,
            refs=refs,
            note=note,
        )


_LOOKED_UP_TOGETHER = 1000
"""Result rows whose given values are looked up with one query."""

_VALUE_LESS = frozenset({ReasonCode.NO_VALUE, ReasonCode.NO_VALUE_FAILS})
