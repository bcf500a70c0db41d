"""Ledger files as DuckDB relations: CSV in any of the usual encodings, Excel, Parquet.

Reading is DuckDB's (CSV and Parquet) or openpyxl's streamed into Arrow
columns (``.xlsx``); no Python object is made per row.  Every failure is a
:class:`~govplan.LoadError` naming the file, and where there is one the row
and the column.  DuckDB and openpyxl are imported on first use.
"""

from __future__ import annotations

import codecs
import csv
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import LoadError, Problem
from ..model.indicators import Indicator
from .columns import MAX_PROBLEMS, TextColumns, header_columns, raw_select
from .ledger_refusals import empty_ledger, ledger_sizes_sql
from .ledgers import ledger_sheet
from .plan_terms import PlanTerms

if TYPE_CHECKING:
    import duckdb

__all__ = ["LedgerFile", "open_ledgers"]

_NUMERIC_TYPES = (
    "DECIMAL",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
)


@attrs.frozen(kw_only=True)
class LedgerFile:
    """One ledger as DuckDB reads it.

    Attributes:
        path: The file as given.
        kind: ``"csv"``, ``"xlsx"`` or ``"parquet"``.
        relation: The name of its raw relation in the connection.
        encoding: For a CSV, the encoding it was read in.
        decoded: For a CSV not in UTF-8, the UTF-8 copy DuckDB read.
        header_rows: Rows before the data (1 for CSV and Excel, 0 for Parquet).
        headers: Each column read (``"value"``, ``"period"`` …) → its header as
            written (数值, 期间), to name a bad cell's column as the file names it.

    """

    path: str
    kind: str
    relation: str
    encoding: str | None = None
    decoded: str | None = None
    header_rows: int = 1
    headers: Mapping[str, str] = attrs.field(factory=dict)


def _fail(path: object, message: str, where: str = "") -> LoadError:
    return LoadError([Problem(path=where, message=message)], source=str(path))


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise _fail(
            "", "reading ledgers column-wise needs DuckDB: pip install 'govplan[duckdb]'"
        ) from None
    return duckdb


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else GB18030 (which covers GBK)."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        decoder = codecs.getincrementaldecoder("utf-8")()
        stream.seek(0)
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _transcode(path: Path, encoding: str, directory: str) -> str:
    """A UTF-8 copy of *path* for DuckDB, written in chunks; bad bytes named by offset."""
    handle, target = tempfile.mkstemp(suffix=".csv", prefix="govplan-", dir=directory)
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as source, os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        try:
            while chunk := source.read(1 << 20):
                out.write(decoder.decode(chunk))
                offset += len(chunk)
            out.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as exc:
            raise _fail(
                path,
                f"not UTF-8 and not {encoding}: bad bytes at byte {offset + exc.start}; "
                "save the ledger as UTF-8 (or GB18030/GBK)",
            ) from None
    return target


def _csv_header(path: Path, encoding: str) -> list[str]:
    with path.open(encoding=encoding, newline="") as stream:
        try:
            return next(csv.reader(stream), [])
        except csv.Error as exc:
            raise _fail(path, f"not a readable CSV header: {exc}", "row 1") from None


def _open_csv(con: duckdb.DuckDBPyConnection, path: Path, index: int, workdir: str) -> LedgerFile:
    encoding = _encoding(path)
    decoded = None
    readable = str(path)
    if encoding not in ("utf-8", "utf-8-sig"):
        decoded = readable = _transcode(path, encoding, workdir)
    header = _csv_header(Path(readable), "utf-8-sig")
    if not header:
        raise _fail(path, "the ledger is empty")
    names = header_columns(header, str(path))
    positions = {column: f"c{header.index(raw)}" for column, raw in names.items()}
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    source = (
        f"read_csv({_literal(readable)}, header = false, skip = 1, columns = {columns},"
        " delim = ',', quote = '\"', escape = '\"', null_padding = true, strict_mode = true,"
        " auto_detect = false)"
    )
    numbered = f"(SELECT *, row_number() OVER () + 1 AS gp_row FROM {source}) AS f"
    relation = f"gp_raw_{index}"
    sql = raw_select(TextColumns(names=positions), numbered, index, "gp_row", csv=True)
    try:
        con.execute(f"CREATE TEMP TABLE {relation} AS {sql}")
    except Exception as exc:
        raise _fail(path, _duckdb_message(exc)) from None
    finally:
        if decoded is not None:
            # The table holds the rows now; the UTF-8 copy is no longer needed.
            Path(decoded).unlink(missing_ok=True)
    return LedgerFile(
        path=str(path),
        kind="csv",
        relation=relation,
        encoding=encoding,
        decoded=decoded,
        headers=names,
    )


def _duckdb_message(exc: BaseException) -> str:
    """DuckDB's own first lines (the line number and what was wrong), without its advice."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    kept = [
        line.strip()
        for line in lines[:3]
        if not line.startswith(("Possible Solution", "LINE ")) and set(line.strip()) != {"^"}
    ]
    return " ".join(kept) or type(exc).__name__


def _cell_text(cell: Any) -> str | None:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):
            # An Excel percent cell holds 0.973 and shows 97.3%.
            return f"{(number * 100).normalize():f}%"
        return f"{number.normalize():f}" if isinstance(value, float) else str(value)
    return str(value)


def _open_xlsx(con: duckdb.DuckDBPyConnection, path: Path, index: int) -> LedgerFile:
    try:
        import openpyxl
        import pyarrow as pa
    except ImportError:
        raise _fail(
            path, "reading .xlsx needs openpyxl and pyarrow: pip install 'govplan[duckdb,xlsx]'"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _fail(path, f"not a readable .xlsx workbook: {exc}") from None
    empty: list[tuple[int, int]] = []
    try:
        sheet = ledger_sheet(book)
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise _fail(path, "the ledger is empty")
        header = ["" if c.value is None else str(c.value) for c in header_cells]
        names = header_columns(header, str(path))
        wanted = {column: header.index(raw) for column, raw in names.items()}
        data: dict[str, list[str | None]] = {column: [] for column in wanted}
        numbers: list[int] = []
        for number, row in enumerate(rows, start=2):
            numbers.append(number)
            for column, position in wanted.items():
                text = _cell_text(row[position]) if position < len(row) else None
                data[column].append(text)
                if text is None:
                    empty.append((number, position + 1))
    finally:
        book.close()
    from .workbooks import refuse_unsaved_formulas

    refuse_unsaved_formulas(path, sheet.title, empty)
    table = pa.table(
        {"gp_row": pa.array(numbers, pa.int64())}
        | {f"c{wanted[column]}": pa.array(values, pa.string()) for column, values in data.items()}
    )
    con.register(f"gp_arrow_{index}", table)
    positions = {column: f"c{position}" for column, position in wanted.items()}
    relation = f"gp_raw_{index}"
    sql = raw_select(TextColumns(names=positions), f"gp_arrow_{index}", index, "gp_row")
    con.execute(f"CREATE TEMP VIEW {relation} AS {sql}")
    return LedgerFile(path=str(path), kind="xlsx", relation=relation, headers=names)


def _open_parquet(con: duckdb.DuckDBPyConnection, path: str, index: int) -> LedgerFile:
    source = f"read_parquet({_literal(path)}, file_row_number = true)"
    try:
        schema = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except Exception as exc:
        raise _fail(path, f"not a readable Parquet file: {_duckdb_message(exc)}") from None
    header = [str(name) for name, *_ in schema if name != "file_row_number"]
    types = {str(name): str(kind) for name, kind, *_ in schema}
    names = header_columns(header, path, where="columns")
    numeric = frozenset(c for c, raw in names.items() if types[raw].startswith(_NUMERIC_TYPES))
    relation = f"gp_raw_{index}"
    sql = raw_select(
        TextColumns(names=names, numeric=numeric), source, index, "file_row_number + 1"
    )
    con.execute(f"CREATE TEMP VIEW {relation} AS {sql}")
    return LedgerFile(path=path, kind="parquet", relation=relation, header_rows=0, headers=names)


def open_ledgers(
    con: duckdb.DuckDBPyConnection, paths: Sequence[str | os.PathLike[str]], workdir: str
) -> tuple[str, tuple[LedgerFile, ...]]:
    """The raw stage of every ledger, as one relation named ``gp_raw`` in *con*.

    CSV files are read once into temporary tables (DuckDB spills them to disk
    when memory runs short); Parquet and Excel stay views over their source.
    """
    files = []
    for index, given in enumerate(paths):
        name = os.fspath(given)
        suffix = Path(name).suffix.lower()
        if suffix == ".parquet":
            files.append(_open_parquet(con, name, index))
            continue
        path = Path(name)
        if not path.is_file():
            raise _fail(name, "no such ledger file")
        if suffix == ".xlsx":
            files.append(_open_xlsx(con, path, index))
        elif suffix == ".csv":
            files.append(_open_csv(con, path, index, workdir))
        else:
            raise _fail(name, f"unknown ledger format {suffix!r}; expected .csv, .xlsx or .parquet")
    if not files:
        raise _fail("", "no ledger given")
    union = " UNION ALL ".join(f"SELECT * FROM {f.relation}" for f in files)
    con.execute(f"CREATE OR REPLACE TEMP VIEW gp_raw AS {union}")
    return "gp_raw", tuple(files)


def physical_rows(ledger: LedgerFile, records: Iterable[int]) -> dict[int, int]:
    """For a CSV, DuckDB's record numbers → the file's row numbers (blank lines count).

    DuckDB skips empty lines where the row-wise reader counts them; this
    re-reads the file, only on the error path, so messages name the right row.
    """
    wanted = set(records)
    if ledger.kind != "csv" or not wanted:
        return {r: r for r in wanted}
    found: dict[int, int] = {}
    record = 1
    encoding = ledger.encoding or "utf-8"
    with Path(ledger.path).open(encoding=encoding, newline="") as stream:
        for physical, row in enumerate(csv.reader(stream), start=1):
            if physical == 1 or not row:
                continue
            record += 1
            if record in wanted:
                found[record] = physical
                if len(found) == len(wanted):
                    break
    return {r: found.get(r, r) for r in wanted}


def _register(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Sequence[str],
    rows: list[tuple[object, ...]],
) -> None:
    import pyarrow as pa

    from .columns import SCALE, TEXT_TABLE_TYPES

    definition = ", ".join(f"{c} {TEXT_TABLE_TYPES[c]}" for c in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({definition})")
    if rows:
        # One Arrow table, not a statement per row (a province has tens of thousands
        # of organisations): the exact decimals fit DECIMAL(18, 6) by construction.
        arrow = {
            "VARCHAR": pa.string(),
            "BIGINT": pa.int64(),
            "DATE": pa.date32(),
            "BOOLEAN": pa.bool_(),
        }
        table = pa.table(
            {
                c: pa.array(
                    [row[i] for row in rows],
                    arrow.get(TEXT_TABLE_TYPES[c], pa.decimal128(18, SCALE)),
                )
                for i, c in enumerate(columns)
            }
        )
        con.register("gp_text_rows", table)
        try:
            con.execute(f"INSERT INTO {name} SELECT * FROM gp_text_rows")
        finally:
            con.unregister("gp_text_rows")


def value_columns(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[str | os.PathLike[str]],
    indicators: Iterable[Indicator],
    workdir: str,
    terms: PlanTerms | None = None,
) -> tuple[str, int]:
    """Read *paths* into the view ``gp_values`` of value columns; (its name, rows read).

    *terms* finds the organisations the rows name (by id or by name, as
    :func:`~govplan.load_ledger` does); without them, as written.

    Raises:
        LoadError: Every bad cell (up to :data:`~govplan.io.columns.MAX_PROBLEMS`
            of them, with the total), by file, row and column.

    """
    from .columns import (
        parse_texts,
        problem_message,
        problems_sql,
        text_tables,
        texts_sql,
        values_sql,
    )
    from .ledger_conflicts import remember_files

    indicators = list(indicators)
    raw, files = open_ledgers(con, paths, workdir)
    try:
        listed = con.execute(texts_sql(raw)).fetchall()
    except Exception as exc:
        raise _fail(", ".join(f.path for f in files), _duckdb_message(exc)) from None
    parsed = parse_texts(listed, indicators, terms)
    for name, (columns, rows) in text_tables(parsed).items():
        _register(con, name, columns, rows)
    if parsed.has_problems:
        bad = con.execute(problems_sql(raw)).fetchall()
        raise _problems(files, bad, parsed, problem_message)
    empty = empty_ledger(con.execute(ledger_sizes_sql(raw)).fetchall(), [f.headers for f in files])
    if empty is not None:
        raise LoadError([empty[1]], source=files[empty[0]].path)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW gp_values AS " + values_sql(raw, renamed=parsed.renamed_scopes)
    )
    # Conflicting repeats are flagged by the check query itself; the files name their rows.
    remember_files(con, files)
    return "gp_values", parsed.rows


def _problems(
    files: Sequence[LedgerFile], bad: list[tuple[Any, ...]], parsed: Any, message: Any
) -> LoadError:
    by_file: dict[int, list[tuple[Any, ...]]] = {}
    for src, row, column, text, indicator in bad:
        by_file.setdefault(int(src), []).append((int(row), column, text, indicator))
    problems = []
    for src, items in sorted(by_file.items()):
        ledger = files[src]
        rows = physical_rows(ledger, (row for row, *_ in items))
        prefix = f"{ledger.path}: " if len(files) > 1 else ""
        for row, column, text, indicator in items:
            where = f"{prefix}row {rows[row]}, column {ledger.headers.get(column, column)}"
            problems.append(Problem(path=where, message=message(parsed, column, text, indicator)))
    source = (
        files[min(by_file)].path
        if len(files) == 1 or len(by_file) == 1
        else ", ".join(f.path for f in files)
    )
    if len(bad) >= MAX_PROBLEMS:
        problems.append(
            Problem(path="", message=f"only the first {MAX_PROBLEMS} problems are listed")
        )
    return LoadError(problems, source=source)
