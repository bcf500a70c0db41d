"""The ``govplan`` command: check, audit, validate, schema and report.

Exit codes: 0 the run passes; 1 a binding target is missed or a claim is
inconsistent; 2 bad input or usage.  Bad input prints a clear message on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..engine.evaluation import Evaluation, evaluate
from ..engine.rules import RuleSet
from ..errors import GovplanError, LoadError
from ..io.files import dumps, load
from ..io.ledgers import read_ledger
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..model.reports import Report
from ..values.periods import parse_date
from .render import Lang, render_html, render_markdown, render_table

__all__ = ["main"]

PASSES, FAILS, BAD_INPUT = 0, 1, 2


class _RefusedError(GovplanError, ValueError):
    """The input is readable but not what the command needs."""


_LEDGER_SUFFIXES = (".csv", ".xlsx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govplan",
        description="Check work plans and reports against their targets and their own arithmetic.",
        epilog="Exit status: 0 passes, 1 a binding target missed or a claim inconsistent, "
        "2 bad input.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def evaluation_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--results",
            nargs="+",
            default=[],
            metavar="FILE",
            help="result files: reports (.yaml/.json/.toml) or ledgers (.csv/.xlsx)",
        )
        command.add_argument("--as-of", help="evaluation day, e.g. 2011-06-30 (default: final)")
        command.add_argument("--rules", metavar="FILE", help="a rule set file")
        command.add_argument("--lang", choices=["zh", "en"], help="language of the output")

    check = commands.add_parser("check", help="evaluate a plan or report against results")
    check.add_argument("document", metavar="PLAN", help="a plan, report, event or post file")
    evaluation_options(check)
    check.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    check.add_argument(
        "--engine",
        choices=["python", "duckdb", "spark"],
        help="executor: python (in process), duckdb (large ledgers, Parquet) or spark "
        "(default: duckdb for Parquet or large ledgers, else python)",
    )
    check.add_argument("--spark-master", metavar="URL", help="e.g. local[2] or spark://host:7077")

    audit = commands.add_parser("audit", help="check a work summary's own arithmetic")
    audit.add_argument("document", metavar="REPORT")
    audit.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    audit.add_argument("--lang", choices=["zh", "en"])
    audit.add_argument("--year", type=int, help="for a text: its year, when the text omits it")

    validate = commands.add_parser("validate", help="load files and report every problem")
    validate.add_argument("files", nargs="+", metavar="FILE")

    schema = commands.add_parser("schema", help="print the JSON Schema of the file format")
    schema.add_argument("kind", nargs="?", metavar="KIND", help="e.g. plan, report, inspection")

    report = commands.add_parser("report", help="write an HTML or Markdown report")
    report.add_argument("document", metavar="PLAN")
    evaluation_options(report)
    report.add_argument("--out", required=True, metavar="FILE", help="report.html or report.md")

    from .extraction import add_extract_command

    add_extract_command(commands)
    return parser


def _language(document: object, chosen: str | None) -> Lang:
    if chosen in ("zh", "en"):
        return chosen  # type: ignore[return-value]
    title = str(getattr(document, "title", ""))
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in title) else "en"


def _progress(stream: TextIO) -> Callable[[int], None] | None:
    """A progress line for long ledgers, only when a person is watching."""
    if not stream.isatty():
        return None

    def show(rows: int) -> None:
        stream.write(f"\rreading ledger: {rows:,} rows")
        stream.flush()

    return show


def _results(paths: Sequence[str], document: object) -> list[Observation | Report]:
    indicators: list[Indicator] = list(getattr(document, "indicators", ()))
    found: list[Observation | Report] = []
    for name in paths:
        path = Path(name)
        if path.suffix.lower() in _LEDGER_SUFFIXES:
            progress = _progress(sys.stderr)
            found.extend(read_ledger(path, indicators, progress=progress))
            if progress is not None:
                sys.stderr.write("\n")
            continue
        loaded = load(path)
        if isinstance(loaded, Report):
            indicators.extend(loaded.indicators)
            found.append(loaded)
        elif isinstance(loaded, Observation):
            found.append(loaded)
        else:
            raise _RefusedError(f"{name}: holds a {type(loaded).__name__}, not results")
    return found


def _evaluate(args: argparse.Namespace, rules: RuleSet | None = None) -> tuple[object, Evaluation]:
    document = load(args.document)
    results = _results(getattr(args, "results", []), document)
    if rules is None and getattr(args, "rules", None):
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise _RefusedError(f"{args.rules}: not a rule set")
        rules = loaded
    as_of = getattr(args, "as_of", None)
    return document, evaluate(
        document, results, as_of=None if as_of is None else parse_date(as_of), rules=rules
    )


def _emit(document: object, evaluation: Evaluation, fmt: str, lang: Lang, out: TextIO) -> None:
    if fmt == "json":
        out.write(dumps(evaluation, "json"))
    elif fmt == "markdown":
        out.write(render_markdown(evaluation, document, lang=lang))
    else:
        colour = out.isatty() and not os.environ.get("NO_COLOR")
        out.write(render_table(evaluation, document, lang=lang, colour=colour))


def _check_on_query_engine(args: argparse.Namespace, out: TextIO) -> int | None:
    """``check`` on DuckDB or Spark when chosen (or chosen for large ledgers); else None."""
    from ..io.ledger_engines import choose_engine, evaluate_ledgers

    paths = list(args.results)
    ledgers = all(Path(p).suffix.lower() in (*_LEDGER_SUFFIXES, ".parquet") for p in paths)
    engine = args.engine or (choose_engine(paths) if paths and ledgers else "python")
    if engine == "python":
        return None
    if not paths or not ledgers:
        raise _RefusedError(f"--engine {engine} reads ledgers (.csv, .xlsx, .parquet) only")
    from .columnar import emit_columnar

    document = load(args.document)
    rules = None
    if args.rules:
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise _RefusedError(f"{args.rules}: not a rule set")
        rules = loaded
    evaluation = evaluate_ledgers(
        document,
        paths,
        engine=engine,
        as_of=None if args.as_of is None else parse_date(args.as_of),
        rules=rules,
        spark_master=args.spark_master,
    )
    assert not isinstance(evaluation, Evaluation)
    emit_columnar(evaluation, args.format, _language(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _check(args: argparse.Namespace, out: TextIO) -> int:
    status = _check_on_query_engine(args, out)
    if status is not None:
        return status
    document, evaluation = _evaluate(args)
    _emit(document, evaluation, args.format, _language(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _audit(args: argparse.Namespace, out: TextIO) -> int:
    from .extraction import TEXT_SUFFIXES, audit_text

    if Path(args.document).suffix.lower() in TEXT_SUFFIXES:
        return audit_text(args, out)
    consistency = RuleSet(id="audit", rules=("sums", "rates", "changes"))
    document, evaluation = _evaluate(args, consistency)
    if not isinstance(document, Report):
        raise _RefusedError(f"{args.document}: audit needs a report (工作总结)")
    _emit(document, evaluation, args.format, _language(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from ..io.yaml_loader import field_lines

    status = PASSES
    for name in args.files:
        path = Path(name)
        if path.suffix.lower() in _LEDGER_SUFFIXES:
            raise _RefusedError(f"{name}: a ledger is checked with 'govplan check PLAN --results'")
        try:
            load(path)
        except LoadError as error:
            status = BAD_INPUT
            lines: dict[str, int] = {}
            if path.suffix.lower() in (".yaml", ".yml") and path.exists():
                lines = field_lines(path.read_text(encoding="utf-8"))
            for problem in error.problems:
                line = lines.get(problem.path)
                where = f"{name}:{line}" if line else name
                out.write(f"{where}: {problem}\n")
        else:
            out.write(f"{name}: ok\n")
    return status


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from ..io.schema import json_schema

    out.write(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return PASSES


def _report(args: argparse.Namespace, out: TextIO) -> int:
    document, evaluation = _evaluate(args)
    lang = _language(document, args.lang)
    target = Path(args.out)
    if target.suffix.lower() in (".html", ".htm"):
        text = render_html(evaluation, document, lang=lang)
    elif target.suffix.lower() == ".md":
        text = render_markdown(evaluation, document, lang=lang)
    else:
        raise _RefusedError(f"{args.out}: the report must end in .html or .md")
    target.write_text(text, encoding="utf-8")
    out.write(f"wrote {target}\n")
    return PASSES if evaluation.passes else FAILS


def _extract(args: argparse.Namespace, out: TextIO) -> int:
    from .extraction import extract_command

    return extract_command(args, out, sys.stderr)


_COMMANDS = {
    "extract": _extract,
    "check": _check,
    "audit": _audit,
    "validate": _validate,
    "schema": _schema,
    "report": _report,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govplan`` command line; return its exit status."""
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args, sys.stdout)
    except GovplanError as error:
        sys.stderr.write(f"govplan: {error}\n")
        return BAD_INPUT


def main_entry() -> None:
    """Console-script entry point: exit with :func:`main`'s status."""
    sys.exit(main())
