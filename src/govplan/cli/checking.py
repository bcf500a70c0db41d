"""Running ``govplan check``: reading the plan and its results, evaluating, warning.

Results come from ledgers (read row-wise, or by DuckDB or Spark for the query
engines), results files and reports; every result no check uses is named in a
warning, and a run none of them serves is refused.  ``audit`` and ``report``
evaluate through :func:`evaluate_run` too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..engine.evaluation import Evaluation, evaluate
from ..engine.matching import Unmatched
from ..engine.rules import RuleSet
from ..engine.verdicts import Status
from ..errors import GovplanError, LoadError, Problem
from ..io.files import load
from ..io.ledgers import load_ledger
from ..model.observations import Observation
from ..model.reports import Report
from ..values.periods import parse_date
from .inputs import (
    Located,
    describe,
    document_targets,
    locate_problems,
    unmatched,
    warning_line,
)
from .render import Lang, ReportContext, render_json, render_markdown, render_table

__all__ = [
    "LEDGER_SUFFIXES",
    "RefusedError",
    "check_on_query_engine",
    "document_path",
    "emit",
    "evaluate_run",
    "is_results",
    "language_of",
    "load_document",
]


class RefusedError(GovplanError, ValueError):
    """The input is readable but not what the command needs."""


LEDGER_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


def language_of(document: object, chosen: str | None) -> Lang:
    """The language chosen, else the document's own (Chinese when its title is)."""
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


def _warn(problems: Sequence[Problem], source: str) -> None:
    for problem in problems:
        sys.stderr.write(f"govplan: warning: {source}: {problem}\n")


def document_path(args: argparse.Namespace) -> str:
    """PLAN, also when ``--results FILE ...`` came first and took it as a result file."""
    if args.document is not None:
        return str(args.document)
    results = getattr(args, "results", [])
    if len(results) >= 2:
        # `--results a.csv plan.yaml`: the option took every file; the last one is PLAN.
        return str(results.pop())
    raise RefusedError(
        f"missing PLAN, the plan (or report) file; usage: govplan {args.command} PLAN "
        "--results FILE ..."
    )


def load_document(name: str) -> Any:
    """Load *name*, reporting every problem with its line, as ``validate`` does."""
    path = Path(name)
    if path.suffix.lower() in LEDGER_SUFFIXES:
        raise RefusedError(
            f"{name}: a ledger holds results, not a plan; give it with --results",
            expected="govplan check PLAN --results LEDGER",
        )
    try:
        return load(path)
    except LoadError as error:
        from ..io.results import is_results_file

        if is_results(path, is_results_file):
            raise RefusedError(
                f"{name}: a results file holds results, not a plan; give it with --results",
                expected="govplan check PLAN --results RESULTS",
            ) from None
        raise LoadError(
            [Problem(path="", message=line) for line in locate_problems(error, path)],
            source=error.source or name,
        ) from None


def _results(args: argparse.Namespace, document: object) -> list[Located]:
    from ..io.results import is_results_file, load_results

    found: list[Located] = []
    lenient = bool(getattr(args, "skip_unknown", False))
    for name in getattr(args, "results", []):
        path = Path(name)
        if path.suffix.lower() in LEDGER_SUFFIXES:
            progress = _progress(sys.stderr)
            ledger = load_ledger(path, document, lenient=lenient, progress=progress)
            if progress is not None:
                sys.stderr.write("\n")
            _warn(ledger.warnings, name)
            found.extend(
                Located(
                    where=f"{name}: row {row}", observation=observation, file=name, file_row=row
                )
                for row, observation in zip(ledger.rows, ledger.observations, strict=True)
            )
            continue
        if is_results(path, is_results_file):
            try:
                results = load_results(path, document, lenient=lenient)
            except LoadError as error:
                lines = locate_problems(error, path)
                raise LoadError(
                    [Problem(path="", message=line) for line in lines], source=name
                ) from None
            _warn(results.warnings, name)
            found.extend(
                Located(where=f"{name}: {where}", observation=observation, file=name)
                for where, observation in zip(results.paths, results.observations, strict=True)
            )
            continue
        loaded = load_document(name)
        if isinstance(loaded, Report):
            found.extend(
                Located(where=f"{name}: observations[{i}]", observation=o, report=loaded, file=name)
                for i, o in enumerate(loaded.observations)
            )
        elif isinstance(loaded, Observation):
            found.append(Located(where=name, observation=loaded, file=name))
        else:
            raise RefusedError(f"{name}: holds a {type(loaded).__name__}, not results")
    return found


def is_results(path: Path, is_results_file: Callable[[object], bool]) -> bool:
    """Whether the file says ``document: results`` (read cheaply from its text)."""
    from ..io.results import read_data

    try:
        return is_results_file(read_data(path))
    except LoadError:
        return False


def _require_results(document: object, names: Sequence[str]) -> None:
    """Refuse a run with targets but no result files: every target would have no data."""
    if document_targets(document) and not names:
        raise RefusedError(
            "no results given: every target would have no data",
            expected="--results FILE: a ledger from 'govplan template', a results file or a report",
        )


def _unmatched_results(
    document: object,
    evaluation: Evaluation,
    results: Sequence[Located],
    names: Sequence[str],
) -> tuple[Unmatched, ...]:
    """Warn about each result no check uses; refuse a run none of them serves.

    Returns the unused results given (a report's own figures serve its
    claims and are left out), located in their files.
    """
    targets = document_targets(document)
    if not targets:
        return ()
    missed = unmatched(results, evaluation.unmatched)
    issuer = getattr(document, "issuer", None)
    if len(missed) == len(results):  # nothing to check: refuse, naming every row
        raise LoadError(
            [
                Problem(path=located.where, message=describe(item, targets, issuer))
                for located, item in missed
            ]
            + [Problem(path="", message=_MATCHES_NOTHING)],
            source=", ".join(names),
        )
    for located, item in missed:
        if located.report is None:
            sys.stderr.write(warning_line(located.where, item, targets, issuer))
    return tuple(item for located, item in missed if located.report is None)


_MATCHES_NOTHING = "no result matches a target of the plan"


def evaluate_run(
    args: argparse.Namespace, rules: RuleSet | None = None
) -> tuple[object, Evaluation, ReportContext]:
    """Evaluate the command's document against its results in process (check, audit, report)."""
    path = document_path(args)
    as_of = getattr(args, "as_of", None)
    day = None if as_of is None else parse_date(as_of)
    document = load_document(path)
    if args.command == "audit" and not isinstance(document, Report):
        raise RefusedError(f"{path}: audit needs a report (工作总结)")
    names = list(getattr(args, "results", []))
    if args.command != "audit":
        _require_results(document, names)
    results = _results(args, document)
    if rules is None and getattr(args, "rules", None):
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise RefusedError(f"{args.rules}: not a rule set")
        rules = loaded
    inputs: list[Observation | Report] = []
    for located in results:
        if located.report is None:
            inputs.append(located.observation)
        elif located.report not in inputs:
            inputs.append(located.report)
    evaluation = evaluate(
        document,
        inputs,
        as_of=day,
        rules=rules,
        allow_missing=getattr(args, "allow_missing", False),
    )
    unused: tuple[Unmatched, ...] = ()
    if args.command != "audit":
        unused = _unmatched_results(document, evaluation, results, names)
    context = ReportContext(
        sources=tuple(names),
        observations=(
            *getattr(document, "observations", ()),
            *(located.observation for located in results),
        ),
        unmatched=unused,
    )
    return document, evaluation, context


def emit(
    document: object,
    evaluation: Evaluation,
    context: ReportContext,
    fmt: str,
    lang: Lang,
    out: TextIO,
) -> None:
    """Write the evaluation to *out* as JSON, markdown or a table (colour on a terminal)."""
    if fmt == "json":
        out.write(render_json(evaluation, document, lang=lang, context=context))
    elif fmt == "markdown":
        out.write(render_markdown(evaluation, document, lang=lang, context=context))
    else:
        colour = out.isatty() and not os.environ.get("NO_COLOR")
        out.write(render_table(evaluation, document, lang=lang, colour=colour, context=context))


def check_on_query_engine(args: argparse.Namespace, out: TextIO) -> bool | None:
    """``check`` on DuckDB or Spark when chosen (or for large ledgers): whether it passes.

    ``None`` when the run is in process.
    """
    from ..io.ledger_engines import choose_engine

    paths = list(args.results)
    if args.document is None:
        return None  # the in-process path says what is missing
    ledgers = all(Path(p).suffix.lower() in (*LEDGER_SUFFIXES, ".parquet") for p in paths)
    engine = args.engine or (choose_engine(paths) if paths and ledgers else "python")
    if engine == "python":
        return None
    if not paths or not ledgers:
        raise RefusedError(f"--engine {engine} reads ledgers (.csv, .xlsx, .parquet) only")
    from .columnar import Progress

    progress = Progress(sys.stderr)
    try:
        return _check_with_progress(args, out, paths, engine, progress)
    finally:
        progress.done()


def _check_with_progress(
    args: argparse.Namespace, out: TextIO, paths: list[str], engine: str, progress: Any
) -> bool:
    from ..io.ledger_engines import evaluate_ledgers
    from .columnar import DEFAULT_LIMIT, emit_columnar

    progress.stage("loading the plan")
    document = load(args.document)
    rules = None
    if args.rules:
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise RefusedError(f"{args.rules}: not a rule set")
        rules = loaded
    progress.stage(f"reading the ledgers and checking on {engine}")
    evaluation = evaluate_ledgers(
        document,
        paths,
        engine=engine,  # type: ignore[arg-type]
        as_of=None if args.as_of is None else parse_date(args.as_of),
        rules=rules,
        spark_master=args.spark_master,
        allow_missing=args.allow_missing,
    )
    assert not isinstance(evaluation, Evaluation)
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    _repeat_warnings(evaluation, limit)
    progress.stage("finding the ledger rows no check uses")
    unused = _unmatched_rows(document, evaluation, paths, limit)
    counts = evaluation.target_counts()
    if counts[Status.NO_DATA] and counts[Status.NO_DATA] == sum(counts.values()):
        # As on the in-process path: a run must not pass on nothing.
        raise RefusedError(
            f"no result gives a value for any target of {args.document}: "
            "the ledgers' rows match no indicator, period and organisation of the plan",
            expected="a ledger from 'govplan template' with 实际值 filled in",
        )
    language = language_of(document, args.lang)
    emit_columnar(
        evaluation, args.format, language, out, limit=limit, progress=progress, unmatched=unused
    )
    return evaluation.passes


def _repeat_warnings(evaluation: Any, limit: int) -> None:
    """Warn about the ledger rows repeating an earlier row, as the row-wise reader does.

    At most *limit* rows are named (``0``: all), then how many more there are.
    """
    shown = evaluation.repeat_warnings(None if limit <= 0 else limit)
    for problem in shown:
        sys.stderr.write(f"govplan: warning: {problem}\n")
    total = evaluation.repeat_count()
    if len(shown) < total:
        sys.stderr.write(
            f"govplan: warning: {total - len(shown):,} more rows repeat an earlier row"
            " (--limit 0 lists all)\n"
        )


def _unmatched_rows(
    document: object, evaluation: Any, paths: Sequence[str], limit: int
) -> tuple[Unmatched, ...]:
    """As :func:`_unmatched_results`, for the ledger rows a query engine found unused.

    The same warnings and the same refusal; at most *limit* rows are named
    (``0``: all), then how many more there are.
    """
    targets = document_targets(document)
    if not targets:
        return ()
    issuer = getattr(document, "issuer", None)
    shown = tuple(evaluation.first_unmatched(None if limit <= 0 else limit))
    total = evaluation.unmatched_count()  # counted by the query that fetched them
    if evaluation.uses_no_result():
        problems = [
            Problem(path=item.where or "", message=describe(item, targets, issuer))
            for item in shown
        ]
        if len(shown) < total:
            problems.append(Problem(path="", message=f"and {total - len(shown):,} more rows"))
        raise LoadError(
            [*problems, Problem(path="", message=_MATCHES_NOTHING)], source=", ".join(paths)
        )
    for item in shown:
        sys.stderr.write(warning_line(None, item, targets, issuer))
    if len(shown) < total:
        sys.stderr.write(
            f"govplan: warning: {total - len(shown):,} more result rows match no target"
            " (--limit 0 lists all)\n"
        )
    return tuple(shown)
