"""Ledgers read column-wise into value columns, for the query executors.

A ledger of millions of rows is never turned into one Python object per row.
Each file becomes a *raw* relation of text cells (and exact numbers where the
file already holds them); the few distinct texts that are not plain numbers —
indicator names, periods, values such as ``"300多"`` or ``"96%"`` — are parsed
once each in Python with the same parsers as :func:`~govplan.read_ledger`, and
joined back.  What the executors see is one relation of value columns:

================  ==============  ==================================================
column            type            meaning
================  ==============  ==================================================
``src``           INTEGER         which ledger (its index in the paths given)
``row``           BIGINT          the row in that ledger (the header is row 1)
``indicator``     VARCHAR         the indicator id (a Chinese name is resolved)
``scope``         VARCHAR         the organisation, ``NULL`` for the plan's issuer
``period_kind``   VARCHAR         the period's kind (year, month, …)
``period_start``  DATE            the period's first day
``period_end``    DATE            the period's last day
``low``           DECIMAL(18,6)   the value's lower end, in the indicator's unit
``high``          DECIMAL(18,6)   its upper end (equal to ``low`` for an exact value)
``low_open``      BOOLEAN         whether ``low`` itself is excluded ("300多")
``high_open``     BOOLEAN         whether ``high`` itself is excluded
``has_value``     BOOLEAN         false for a row that states no value (no data)
``numerator``     DECIMAL(18,6)   a rate's count on top, if given
``denominator``   DECIMAL(18,6)   its count below, if given
``text``          VARCHAR         the value cell as written, when not a plain number
                                  (``95多%``; the sentences show it)
``note``          VARCHAR         the row's 说明/备注 (the verdicts carry it)
================  ==============  ==================================================

Why DECIMAL(18, 6): every value fits with twelve integer digits and six
decimals, and the product of two such values is a DECIMAL(36, 12) — exact in
DuckDB and in Spark, whose decimals stop at 38 digits and silently drop scale
beyond that.  The executors compare by cross-multiplying (growth against a
baseline) rather than dividing, so no comparison is ever made in floating
point.  A cell that does not fit — more than six decimals once in the
indicator's unit (500 亩 in ㎡ is 1000000/3) or 10^12 or more — is an error
naming its row and column, never rounded.

The SQL here is written once, in DuckDB's dialect, and transpiled by sqlglot
for Spark (see :mod:`govplan.engine.executors.relational`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from ..errors import GovplanError, Problem
from ..model.indicators import Indicator
from ..values.periods import parse_period
from ..values.quantity_text import parse_quantity
from .ledgers import AMBIGUOUS_HEADERS, COLUMNS
from .plan_terms import MISSING_WORDS, NO_INDICATOR, PlanTerms, cell_problem, read_value

__all__ = [
    "NUMBER_PATTERN",
    "ROW_NUMBER_SQL",
    "SCALE",
    "ParsedTexts",
    "TextColumns",
    "parse_texts",
    "problems_sql",
    "texts_sql",
    "values_sql",
]

SCALE = 6
"""Decimal places of every value column (see the module docs)."""

ROW_NUMBER_SQL = "CAST({r}src AS BIGINT) * 10000000000 + {r}row"
"""A value row's number: its file's index, then its row in the file."""
_LIMIT = Fraction(10**12)
NUMBER_PATTERN = r"^[+-]?[0-9]{1,12}(\.[0-9]{1,6})?$"
"""Cells matching this are cast straight to DECIMAL(18, 6) in the query; others are parsed."""
_NO_VALUE = tuple(sorted(MISSING_WORDS))
"""The cell texts that say "no data", as the row-wise reader reads them."""
_APOSTROPHE = "''''"
_ESCAPED_FORMULA = r"^''+[=+@\t\r-]"
"""A CSV cell govplan escaped so that no spreadsheet runs it (``'=…``, ``'-5``), as SQL text.

The row-wise reader's :func:`~govplan.io.ledgers.restore_formula_text`, in
the raw stage: the apostrophe goes, the cell is read as written.
"""
_DECIMAL = f"DECIMAL(18, {SCALE})"
MAX_PROBLEMS = 200
"""At most this many problems are listed in one error (the total is always given)."""


@attrs.frozen(kw_only=True)
class TextColumns:
    """Which logical ledger columns a file has, by the header names it uses.

    Attributes:
        names: Logical column (``"indicator"``, ``"value"`` …) → the header as written.
        numeric: Logical columns the file already stores as numbers (Parquet).

    """

    names: Mapping[str, str]
    numeric: frozenset[str] = frozenset()


def header_columns(header: Sequence[str], source: str, where: str = "row 1") -> dict[str, str]:
    """Map a file's header to logical columns, or raise naming every bad header cell.

    *where* names the header in messages (``row 1`` of a CSV; a Parquet file's ``columns``).
    """
    from ..errors import LoadError

    by_name = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(header):
        text = (raw or "").strip()
        name = text.lower() if text.isascii() else text
        if not name:
            continue
        column = by_name.get(name)
        if name in AMBIGUOUS_HEADERS:
            problems.append(
                Problem(
                    path=f"{where}, column {index + 1}",
                    message=f"column {raw!r} is ambiguous: {AMBIGUOUS_HEADERS[name]}",
                )
            )
        elif column is None:
            expected = ", ".join(aliases[0] for aliases in COLUMNS.values())
            problems.append(
                Problem(
                    path=f"{where}, column {index + 1}",
                    message=f"unknown column {raw!r}; expected one of {expected}",
                )
            )
        elif column in found:
            problems.append(
                Problem(
                    path=f"{where}, column {index + 1}",
                    message=f"column {raw!r} repeats {found[column]!r}; keep one of them",
                )
            )
        else:
            found[column] = raw
    for column in ("indicator", "period", "value"):
        if column not in found:
            others = " / ".join(COLUMNS[column][1:])
            problems.append(Problem(path=where, message=f"missing column {column!r} ({others})"))
    if problems:
        raise LoadError(problems, source=source)
    return found


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw_select(
    columns: TextColumns, source_sql: str, src: int, row_sql: str, *, csv: bool = False
) -> str:
    """The raw stage of one file: text cells, exact numbers where stored as numbers.

    *source_sql* is a relation over the file and *row_sql* the expression of
    its row number.  Rows whose cells are all blank are left out, as the
    row-wise reader leaves them out.  In a *csv* file, a cell escaped against
    spreadsheet formulas (``'-5``) is read as written (``-5``), as the
    row-wise reader reads it.
    """
    restored: dict[str, str] = {}
    if csv:
        # Each cell is read back once, in a subquery, and the regular expression
        # runs only on the cells that start with an apostrophe.
        undone = []
        for number, header in enumerate(dict.fromkeys(columns.names.values())):
            text = f"CAST({_quote(header)} AS VARCHAR)"
            restored[header] = f"gp_text_{number}"
            undone.append(
                f"CASE WHEN substr({text}, 1, 1) = {_APOSTROPHE}"
                f" AND regexp_matches({text}, '{_ESCAPED_FORMULA}')"
                f" THEN substr({text}, 2) ELSE {text} END AS {restored[header]}"
            )
        source_sql = f"(SELECT *, {', '.join(undone)} FROM {source_sql}) AS gp_restored"

    def cell(header: str) -> str:
        return restored.get(header) or f"CAST({_quote(header)} AS VARCHAR)"

    parts = [f"{src} AS src", f"{row_sql} AS row"]
    blank_tests = []
    for column in ("indicator", "scope", "period", "id", "note"):
        name = columns.names.get(column)
        parts.append(
            f"TRIM({cell(name)}) AS {column}" if name else f"CAST(NULL AS VARCHAR) AS {column}"
        )
        if name:
            blank_tests.append(f"COALESCE(TRIM({cell(name)}), '') <> ''")
    for column in ("value", "numerator", "denominator"):
        name = columns.names.get(column)
        if name is None:
            parts.append(f"CAST(NULL AS {_DECIMAL}) AS {column}_num")
            parts.append(f"CAST(NULL AS VARCHAR) AS {column}_text")
            continue
        quoted = _quote(name)
        blank_tests.append(f"{quoted} IS NOT NULL")
        if column in columns.numeric:
            # A stored number: exact when it survives the round trip through DECIMAL(18, 6).
            wide = f"CAST({quoted} AS DECIMAL(38, 12))"
            fits = f"CAST(CAST({quoted} AS {_DECIMAL}) AS DECIMAL(38, 12)) = {wide}"
            parts.append(f"CASE WHEN {fits} THEN CAST({quoted} AS {_DECIMAL}) END AS {column}_num")
            parts.append(
                f"CASE WHEN NOT ({fits}) THEN CAST({quoted} AS VARCHAR) END AS {column}_text"
            )
            continue
        text = f"TRIM({cell(name)})"
        unit_name = columns.names.get("unit")
        if column == "value" and unit_name is not None:
            # 计量单位 states the unit of a bare number: "96" with "%" reads as "96%".
            stated = f"COALESCE(TRIM({cell(unit_name)}), '')"
            text = (
                f"CASE WHEN {stated} <> '' AND regexp_matches({text}, '{NUMBER_PATTERN}')"
                f" THEN {text} || {stated} ELSE {text} END"
            )
        plain = f"regexp_matches({text}, '{NUMBER_PATTERN}')"
        parts.append(f"CASE WHEN {plain} THEN CAST({text} AS {_DECIMAL}) END AS {column}_num")
        parts.append(
            f"CASE WHEN NOT {plain} AND {text} NOT IN ({', '.join(repr(v) for v in _NO_VALUE)})"
            f" THEN {text} END AS {column}_text"
        )
    where = " OR ".join(blank_tests) or "TRUE"
    return f"SELECT {', '.join(parts)} FROM {source_sql} WHERE {where}"


def texts_sql(raw: str) -> str:
    """One scan listing the distinct indicator, period and irregular cell texts."""
    return (
        f"SELECT indicator, period, value_text, numerator_text, denominator_text, scope,"
        f" GROUPING_ID(indicator, period, value_text, numerator_text, denominator_text, scope)"
        f" AS g,"
        f" COUNT(*) AS n,"
        f" SUM(CASE WHEN (numerator_num IS NULL AND numerator_text IS NULL)"
        f" <> (denominator_num IS NULL AND denominator_text IS NULL) THEN 1 ELSE 0 END) AS unpaired"
        f" FROM {raw}"
        f" GROUP BY GROUPING SETS ((indicator), (period), (indicator, value_text),"
        f" (numerator_text), (denominator_text), (scope), ())"
    )


@attrs.frozen(kw_only=True)
class ParsedTexts:
    """The distinct texts of a ledger, each parsed once.

    Attributes:
        indicators: Cell text → indicator id, or an error message.
        periods: Cell text → (key, kind, first day, last day), or an error.
        values: (indicator id, cell text) → (low, high, low_open, high_open), or an error.
        counts: Numerator or denominator text → its exact value, or an error.
        rows: Rows read (blank rows left out).
        unpaired: Rows with a numerator but no denominator, or the reverse.
        units: Indicator id → its unit (symbol, dimension, factor numerator, denominator).
        scopes: 填报单位 text → the scope it means: the organisation's id (a row
            may name it by its name, as the templates write it), ``None`` for
            the plan's issuer, or an error.

    """

    indicators: Mapping[str | None, str | _Bad]
    periods: Mapping[str | None, tuple[str, str, str, str] | _Bad]
    values: Mapping[tuple[str, str], tuple[Decimal | None, Decimal | None, bool, bool] | _Bad]
    counts: Mapping[str, Decimal | _Bad]
    rows: int
    unpaired: int
    units: Mapping[str, tuple[str, str, int, int]]
    scopes: Mapping[str, str | _Bad | None] = attrs.field(factory=dict)

    @property
    def renamed_scopes(self) -> dict[str, str | None]:
        """The organisation texts that mean another scope than as written (names, the issuer)."""
        return {
            text: found
            for text, found in self.scopes.items()
            if not isinstance(found, _Bad) and found != text
        }

    @property
    def has_problems(self) -> bool:
        """Whether any text failed to parse or any rate is missing half its counts."""
        found: list[object] = [
            *self.indicators.values(),
            *self.periods.values(),
            *self.values.values(),
            *self.counts.values(),
            *self.scopes.values(),
        ]
        return self.unpaired > 0 or any(isinstance(v, _Bad) for v in found)


@attrs.frozen
class _Bad:
    message: str


def _exact(value: Fraction | None, what: str) -> Decimal | None:
    if value is None:
        return None
    scaled = value * 10**SCALE
    if scaled.denominator != 1:
        raise _RefusedError(
            f"{what} has no exact form with {SCALE} decimals (it is {value}); "
            "state it in a unit that makes it exact"
        )
    if abs(value) >= _LIMIT:
        raise _RefusedError(
            f"{what} is too large for the query executors (at most 12 integer digits)"
        )
    return Decimal(scaled.numerator).scaleb(-SCALE)


class _RefusedError(Exception):
    pass


def _parse_value(
    text: str, indicator: Indicator
) -> tuple[Decimal | None, Decimal | None, bool, bool] | _Bad:
    try:
        quantity = read_value(text, indicator)
    except GovplanError as exc:
        return _Bad(cell_problem(exc))
    assert quantity is not None  # the query leaves out the words for no value
    low, high = quantity.bounds_in(indicator.unit)
    try:
        return (
            _exact(low, repr(text)),
            _exact(high, repr(text)),
            quantity.low_open,
            quantity.high_open,
        )
    except _RefusedError as exc:
        return _Bad(str(exc))


def _parse_count(text: str) -> Decimal | _Bad:
    try:
        quantity = parse_quantity(text)
    except GovplanError as exc:
        return _Bad(cell_problem(exc))
    if not quantity.is_exact:
        return _Bad(f"a count must be exact, not {text!r}")
    try:
        low = _exact(quantity.bounds_in(quantity.unit)[0], repr(text))
    except _RefusedError as exc:
        return _Bad(str(exc))
    assert low is not None
    return low


def _indicator(text: str | None, terms: PlanTerms) -> str | _Bad:
    if text is None or not text:
        return _Bad(NO_INDICATOR)
    try:
        return terms.indicator(text).id
    except GovplanError as exc:
        return _Bad(cell_problem(exc))


def _period(text: str | None) -> tuple[str, str, str, str] | _Bad:
    try:
        period = parse_period(text or "")
    except GovplanError as exc:
        return _Bad(cell_problem(exc))
    return (str(period), period.kind.value, period.start.isoformat(), period.end.isoformat())


def _scope(text: str, terms: PlanTerms | None) -> str | _Bad | None:
    if terms is None:
        return text
    try:
        return terms.scope(text)
    except GovplanError as exc:
        return _Bad(cell_problem(exc))


def parse_texts(
    rows: Iterable[tuple[object, ...]],
    indicators: Iterable[Indicator],
    terms: PlanTerms | None = None,
) -> ParsedTexts:
    """Parse what :func:`texts_sql` listed: each distinct text once.

    *terms* finds the organisations rows name (by id or by name); without
    them, an organisation is taken as written.
    """
    listed: tuple[Indicator, ...] = tuple(indicators)
    by_id = {indicator.id: indicator for indicator in listed}
    words = terms if terms is not None else PlanTerms(indicators=listed)
    scopes: dict[str, str | _Bad | None] = {}
    found_indicators: dict[str | None, str | _Bad] = {}
    periods: dict[str | None, tuple[str, str, str, str] | _Bad] = {}
    pending_values: list[tuple[str | None, str]] = []
    counts: dict[str, Decimal | _Bad] = {}
    total = unpaired = 0
    for indicator, period, value, numerator, denominator, scope, grouping, n, bad_pairs in rows:
        g = int(grouping)  # type: ignore[call-overload]
        ind = None if indicator is None else str(indicator)
        if g == 0b011111:
            found_indicators[ind] = _indicator(ind, words)
        elif g == 0b101111:
            text = None if period is None else str(period)
            periods[text] = _period(text)
        elif g == 0b010111 and value is not None:
            pending_values.append((ind, str(value)))
        elif g == 0b111011 and numerator is not None:
            counts[str(numerator)] = _parse_count(str(numerator))
        elif g == 0b111101 and denominator is not None:
            counts[str(denominator)] = _parse_count(str(denominator))
        elif g == 0b111110 and scope is not None and str(scope):
            scopes[str(scope)] = _scope(str(scope), terms)
        elif g == 0b111111:
            total = int(n)  # type: ignore[call-overload]
            unpaired = int(bad_pairs or 0)  # type: ignore[call-overload]
    values: dict[tuple[str, str], tuple[Decimal | None, Decimal | None, bool, bool] | _Bad] = {}
    for ind, text in pending_values:
        resolved = found_indicators.get(ind)
        if isinstance(resolved, str):
            values[(ind or "", text)] = _parse_value(text, by_id[resolved])
    return ParsedTexts(
        indicators=found_indicators,
        periods=periods,
        values=values,
        counts=counts,
        rows=total,
        unpaired=unpaired,
        units={
            i.id: (
                i.unit.symbol,
                i.unit.dimension,
                i.unit.factor.numerator,
                i.unit.factor.denominator,
            )
            for i in by_id.values()
        },
        scopes=scopes,
    )


def values_sql(raw: str, *, renamed: Mapping[str, str | None] | None = None) -> str:
    """The value columns over the raw stage and the parsed texts.

    The columns are those of :data:`~govplan.engine.check_table.VALUE_COLUMNS`
    (values in the indicator's own unit), plus ``src`` and ``file_row``, and
    ``text`` and ``note``: the value cell as written when it is not a plain
    number, and the row's note, which the verdicts show (read only when a
    query names them: the check query does not).  The
    parsed texts are the tables of :func:`text_tables`; rows with a problem
    have been refused before this runs.  *renamed* are the organisation texts
    that mean another scope (:attr:`ParsedTexts.renamed_scopes`): with names
    among them each row's is looked up in ``gp_scopes``; with only the
    issuer's id, a test of that text is enough, and no join is paid for.
    """
    scope, join = "NULLIF(r.scope, '')", ""
    if renamed and any(found is not None for found in renamed.values()):
        scope, join = "sc.id", " LEFT JOIN gp_scopes AS sc ON sc.text = r.scope"
    elif renamed:
        issuer = ", ".join("'" + text.replace("'", "''") + "'" for text in renamed)
        scope = f"CASE WHEN r.scope IN ({issuer}) THEN NULL ELSE {scope} END"
    return (
        f"SELECT {ROW_NUMBER_SQL.format(r='r.')} AS row, r.id,"
        f" i.id AS indicator_id, {scope} AS scope, '' AS breakdown,"
        " p.key AS period, p.start_day AS period_start, p.end_day AS period_end,"
        " CAST(NULL AS VARCHAR) AS change_from,"
        " COALESCE(r.value_num, t.low) AS low, COALESCE(r.value_num, t.high) AS high,"
        " COALESCE(r.value_num, t.low) IS NOT NULL AND NOT COALESCE(t.low_open, FALSE)"
        " AS low_closed,"
        " COALESCE(r.value_num, t.high) IS NOT NULL AND NOT COALESCE(t.high_open, FALSE)"
        " AS high_closed,"
        " (r.value_num IS NOT NULL OR r.value_text IS NOT NULL) AS has_value,"
        " i.unit, i.unit_dimension, i.unit_factor_num, i.unit_factor_den,"
        " COALESCE(r.numerator_num, cn.amount) AS numerator,"
        " COALESCE(r.denominator_num, cd.amount) AS denominator,"
        " r.src, r.row AS file_row, r.value_text AS text, r.note"
        f" FROM {raw} AS r"
        " JOIN gp_indicators AS i ON i.text = r.indicator"
        " JOIN gp_periods AS p ON p.text = r.period"
        " LEFT JOIN gp_texts AS t ON t.indicator_text = r.indicator AND t.text = r.value_text"
        " LEFT JOIN gp_counts AS cn ON cn.text = r.numerator_text"
        " LEFT JOIN gp_counts AS cd ON cd.text = r.denominator_text"
        f"{join}"
    )


def problems_sql(raw: str) -> str:
    """Every bad cell: (src, row, column, text), in file order (the error path only)."""
    checks = (
        (
            "indicator",
            "r.indicator",
            "LEFT JOIN gp_indicators AS x ON x.text = r.indicator",
            "x.id IS NULL",
        ),
        ("period", "r.period", "LEFT JOIN gp_periods AS x ON x.text = r.period", "x.kind IS NULL"),
        (
            "value",
            "r.value_text",
            "LEFT JOIN gp_texts AS x ON x.indicator_text = r.indicator AND x.text = r.value_text",
            "r.value_text IS NOT NULL AND x.text IS NULL"
            " AND r.indicator IN (SELECT text FROM gp_indicators)",
        ),
        (
            "numerator",
            "r.numerator_text",
            "LEFT JOIN gp_counts AS x ON x.text = r.numerator_text",
            "r.numerator_text IS NOT NULL AND x.text IS NULL",
        ),
        (
            "denominator",
            "r.denominator_text",
            "LEFT JOIN gp_counts AS x ON x.text = r.denominator_text",
            "r.denominator_text IS NOT NULL AND x.text IS NULL",
        ),
        (
            "scope",
            "r.scope",
            "LEFT JOIN gp_scopes AS x ON x.text = r.scope",
            "COALESCE(r.scope, '') <> '' AND x.text IS NULL",
        ),
        (
            "numerator",
            "CAST(NULL AS VARCHAR)",
            "",
            "(r.numerator_num IS NULL AND r.numerator_text IS NULL)"
            " <> (r.denominator_num IS NULL AND r.denominator_text IS NULL)",
        ),
    )
    parts = [
        f"SELECT r.src, r.row, '{column}' AS col, {text} AS text, r.indicator AS ind"
        f" FROM {raw} AS r {join} WHERE {test}"
        for column, text, join, test in checks
    ]
    return (
        f"SELECT src, row, col, text, ind FROM ({' UNION ALL '.join(parts)}) AS bad"
        f" ORDER BY src, row LIMIT {MAX_PROBLEMS}"
    )


def text_tables(parsed: ParsedTexts) -> dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]:
    """The good parsed texts as small tables: name → (column names, rows)."""
    return {
        "gp_indicators": (
            ("text", "id", "unit", "unit_dimension", "unit_factor_num", "unit_factor_den"),
            [(k, v, *parsed.units[v]) for k, v in parsed.indicators.items() if isinstance(v, str)],
        ),
        "gp_periods": (
            ("text", "key", "kind", "start_day", "end_day"),
            [
                (k, key, kind, _dt.date.fromisoformat(start), _dt.date.fromisoformat(end))
                for k, v in parsed.periods.items()
                if not isinstance(v, _Bad)
                for key, kind, start, end in (v,)
            ],
        ),
        "gp_texts": (
            ("indicator_text", "text", "low", "high", "low_open", "high_open"),
            [(*k, *v) for k, v in parsed.values.items() if not isinstance(v, _Bad)],
        ),
        "gp_counts": (
            ("text", "amount"),
            [(k, v) for k, v in parsed.counts.items() if not isinstance(v, _Bad)],
        ),
        "gp_scopes": (
            ("text", "id"),
            [(k, v) for k, v in parsed.scopes.items() if not isinstance(v, _Bad)],
        ),
    }


TEXT_TABLE_TYPES = {
    "text": "VARCHAR",
    "id": "VARCHAR",
    "unit": "VARCHAR",
    "unit_dimension": "VARCHAR",
    "unit_factor_num": "BIGINT",
    "unit_factor_den": "BIGINT",
    "key": "VARCHAR",
    "kind": "VARCHAR",
    "start_day": "DATE",
    "end_day": "DATE",
    "indicator_text": "VARCHAR",
    "low": _DECIMAL,
    "high": _DECIMAL,
    "low_open": "BOOLEAN",
    "high_open": "BOOLEAN",
    "amount": _DECIMAL,
}
"""The SQL type of each column of the parsed-text tables."""


def problem_message(
    parsed: ParsedTexts, column: str, text: str | None, indicator: str | None
) -> str:
    """The message for one bad cell found by :func:`problems_sql`."""
    found: object
    if column == "indicator":
        found = parsed.indicators.get(text)
    elif column == "period":
        found = parsed.periods.get(text)
    elif column == "value":
        found = parsed.values.get((indicator or "", text or ""))
    elif column == "scope":
        found = parsed.scopes.get(text or "")
    elif text is None:
        return "a rate's numerator and denominator go together"
    else:
        found = parsed.counts.get(text)
    return found.message if isinstance(found, _Bad) else f"cannot read {text!r}"
