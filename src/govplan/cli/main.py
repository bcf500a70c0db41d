"""The ``govplan`` command: check, audit, validate, schema, report and template.

Exit codes: 0 the run passes; 1 a binding target is missed or a claim is
inconsistent; 2 bad input or usage (including a file that cannot be read or
written); 3 an internal error, a bug in govplan, printed as one line saying
where to report it.  Nothing prints a traceback (unless ``GOVPLAN_TRACEBACK=1``
asks for one with an internal error).  By the shells' custom, an interrupt
(Ctrl-C) exits with 130 and output closed early (``| head``) with 141.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs
import pendulum

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
from .render import Lang, ReportContext, render_html, render_json, render_markdown, render_table

__all__ = ["main"]

PASSES, FAILS, BAD_INPUT, INTERNAL_ERROR = 0, 1, 2, 3
INTERRUPTED, OUTPUT_CLOSED = 130, 141
REPORT_TO = "https://govplan.readthedocs.io/en/latest/howto/limits-and-errors.html#internal-errors"


class _RefusedError(GovplanError, ValueError):
    """The input is readable but not what the command needs."""


_LEDGER_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


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
            action="extend",
            default=[],
            metavar="FILE",
            help="result files: results or reports (.yaml/.json/.toml) or ledgers "
            "(.csv/.xlsx); may come before PLAN",
        )
        command.add_argument("--as-of", help="evaluation day, e.g. 2011-06-30 (default: final)")
        command.add_argument("--rules", metavar="FILE", help="a rule set file")
        command.add_argument("--lang", choices=["zh", "en"], help="language of the output")
        command.add_argument(
            "--skip-unknown",
            action="store_true",
            help="leave out result rows naming an unknown indicator or organisation, "
            "with a warning each, instead of refusing the file",
        )

    check = commands.add_parser("check", help="evaluate a plan or report against results")
    check.add_argument(
        "document", nargs="?", metavar="PLAN", help="a plan, report, event or post file"
    )
    evaluation_options(check)
    check.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    check.add_argument(
        "--engine",
        choices=["python", "duckdb", "spark"],
        help="executor: python (in process), duckdb (large ledgers, Parquet) or spark "
        "(default: duckdb for Parquet or large ledgers, else python)",
    )
    check.add_argument("--spark-master", metavar="URL", help="e.g. local[2] or spark://host:7077")
    check.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="with --engine duckdb or spark: print at most N verdicts, each with its "
        "sentence (default 1000; 0 prints all); the counts always cover every check",
    )
    check.add_argument(
        "--allow-missing",
        action="store_true",
        help="let a binding target with no data past its deadline pass with a warning "
        "(default: it fails the check)",
    )

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
    report.add_argument("document", nargs="?", metavar="PLAN")
    evaluation_options(report)
    report.add_argument("--out", required=True, metavar="FILE", help="report.html or report.md")
    report.add_argument(
        "--fail-on-missed",
        action="store_true",
        help="exit 1 when a binding target is missed (default: 0 once the report is written)",
    )
    report.add_argument(
        "--allow-missing",
        action="store_true",
        help="with --fail-on-missed: a binding target with no data past its deadline "
        "does not fail (default: it does)",
    )

    template = commands.add_parser(
        "template", help="write a ledger (台账) to fill in, generated from a plan"
    )
    template.add_argument("document", metavar="PLAN")
    template.add_argument("--out", required=True, metavar="FILE", help="台账.xlsx or 台账.csv")

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


def _warn(problems: Sequence[Problem], source: str) -> None:
    for problem in problems:
        sys.stderr.write(f"govplan: warning: {source}: {problem}\n")


def _document_path(args: argparse.Namespace) -> str:
    """PLAN, also when ``--results FILE ...`` came first and took it as a result file."""
    if args.document is not None:
        return str(args.document)
    results = getattr(args, "results", [])
    if len(results) >= 2:
        # `--results a.csv plan.yaml`: the option took every file; the last one is PLAN.
        return str(results.pop())
    raise _RefusedError(
        f"missing PLAN, the plan (or report) file; usage: govplan {args.command} PLAN "
        "--results FILE ..."
    )


def load_document(name: str) -> Any:
    """Load *name*, reporting every problem with its line, as ``validate`` does."""
    path = Path(name)
    if path.suffix.lower() in _LEDGER_SUFFIXES:
        raise _RefusedError(
            f"{name}: a ledger holds results, not a plan; give it with --results",
            expected="govplan check PLAN --results LEDGER",
        )
    try:
        return load(path)
    except LoadError as error:
        from ..io.results import is_results_file

        if _is_results(path, is_results_file):
            raise _RefusedError(
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
        if path.suffix.lower() in _LEDGER_SUFFIXES:
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
        if _is_results(path, is_results_file):
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
            raise _RefusedError(f"{name}: holds a {type(loaded).__name__}, not results")
    return found


def _is_results(path: Path, is_results_file: Callable[[object], bool]) -> bool:
    """Whether the file says ``document: results`` (read cheaply from its text)."""
    from ..io.results import read_data

    try:
        return is_results_file(read_data(path))
    except LoadError:
        return False


def _require_results(document: object, names: Sequence[str]) -> None:
    """Refuse a run with targets but no result files: every target would have no data."""
    if document_targets(document) and not names:
        raise _RefusedError(
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


def _evaluate(
    args: argparse.Namespace, rules: RuleSet | None = None
) -> tuple[object, Evaluation, ReportContext]:
    path = _document_path(args)
    as_of = getattr(args, "as_of", None)
    day = None if as_of is None else parse_date(as_of)
    document = load_document(path)
    if args.command == "audit" and not isinstance(document, Report):
        raise _RefusedError(f"{path}: audit needs a report (工作总结)")
    names = list(getattr(args, "results", []))
    if args.command != "audit":
        _require_results(document, names)
    results = _results(args, document)
    if rules is None and getattr(args, "rules", None):
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise _RefusedError(f"{args.rules}: not a rule set")
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


def _emit(
    document: object,
    evaluation: Evaluation,
    context: ReportContext,
    fmt: str,
    lang: Lang,
    out: TextIO,
) -> None:
    if fmt == "json":
        out.write(render_json(evaluation, document, lang=lang, context=context))
    elif fmt == "markdown":
        out.write(render_markdown(evaluation, document, lang=lang, context=context))
    else:
        colour = out.isatty() and not os.environ.get("NO_COLOR")
        out.write(render_table(evaluation, document, lang=lang, colour=colour, context=context))


def _check_on_query_engine(args: argparse.Namespace, out: TextIO) -> int | None:
    """``check`` on DuckDB or Spark when chosen (or chosen for large ledgers); else None."""
    from ..io.ledger_engines import choose_engine

    paths = list(args.results)
    if args.document is None:
        return None  # the in-process path says what is missing
    ledgers = all(Path(p).suffix.lower() in (*_LEDGER_SUFFIXES, ".parquet") for p in paths)
    engine = args.engine or (choose_engine(paths) if paths and ledgers else "python")
    if engine == "python":
        return None
    if not paths or not ledgers:
        raise _RefusedError(f"--engine {engine} reads ledgers (.csv, .xlsx, .parquet) only")
    from .columnar import Progress

    progress = Progress(sys.stderr)
    try:
        return _check_with_progress(args, out, paths, engine, progress)
    finally:
        progress.done()


def _check_with_progress(
    args: argparse.Namespace, out: TextIO, paths: list[str], engine: str, progress: Any
) -> int:
    from ..io.ledger_engines import evaluate_ledgers
    from .columnar import DEFAULT_LIMIT, emit_columnar

    progress.stage("loading the plan")
    document = load(args.document)
    rules = None
    if args.rules:
        loaded = load(args.rules)
        if not isinstance(loaded, RuleSet):
            raise _RefusedError(f"{args.rules}: not a rule set")
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
    progress.stage("finding the ledger rows no check uses")
    unused = _unmatched_rows(document, evaluation, paths, limit)
    counts = evaluation.target_counts()
    if counts[Status.NO_DATA] and counts[Status.NO_DATA] == sum(counts.values()):
        # As on the in-process path: a run must not pass on nothing.
        raise _RefusedError(
            f"no result gives a value for any target of {args.document}: "
            "the ledgers' rows match no indicator, period and organisation of the plan",
            expected="a ledger from 'govplan template' with 实际值 filled in",
        )
    language = _language(document, args.lang)
    emit_columnar(
        evaluation, args.format, language, out, limit=limit, progress=progress, unmatched=unused
    )
    return PASSES if evaluation.passes else FAILS


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
    shown = tuple(
        # As the row-wise reader reads them: a row of the issuer is unscoped.
        attrs.evolve(item, observation=attrs.evolve(item.observation, scope=None))
        if issuer is not None and item.observation.scope == issuer
        else item
        for item in evaluation.first_unmatched(None if limit <= 0 else limit)
    )
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


def _check(args: argparse.Namespace, out: TextIO) -> int:
    status = _check_on_query_engine(args, out)
    if status is not None:
        return status
    document, evaluation, context = _evaluate(args)
    _emit(document, evaluation, context, args.format, _language(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _audit(args: argparse.Namespace, out: TextIO) -> int:
    from .extraction import TEXT_SUFFIXES, audit_text

    if Path(args.document).suffix.lower() in TEXT_SUFFIXES:
        return audit_text(args, out)
    consistency = RuleSet(id="audit", rules=("sums", "rates", "changes"))
    document, evaluation, context = _evaluate(args, consistency)
    _emit(document, evaluation, context, args.format, _language(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    """Load each file; a results file is read against the first plan given before it."""
    from ..io.results import is_results_file, load_results

    status = PASSES
    plan: object = None
    for name in args.files:
        path = Path(name)
        if path.suffix.lower() in _LEDGER_SUFFIXES:
            raise _RefusedError(f"{name}: a ledger is checked with 'govplan check PLAN --results'")
        try:
            if _is_results(path, is_results_file):
                if plan is None:
                    raise LoadError(
                        [
                            Problem(
                                path="",
                                message="a results file is read against its plan: give the "
                                "plan first (govplan validate PLAN RESULTS)",
                            )
                        ]
                    )
                load_results(path, plan)
            else:
                loaded = load(path)
                plan = loaded if plan is None and document_targets(loaded) else plan
        except LoadError as error:
            status = BAD_INPUT
            for line in locate_problems(error, path):
                out.write(f"{line}\n")
        else:
            out.write(f"{name}: ok\n")
    return status


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from ..io.schema import json_schema

    out.write(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return PASSES


def _report(args: argparse.Namespace, out: TextIO) -> int:
    target = Path(args.out)
    if target.suffix.lower() not in (".html", ".htm", ".md"):
        raise _RefusedError(f"{args.out}: the report must end in .html or .md")
    document, evaluation, context = _evaluate(args)
    lang = _language(document, args.lang)
    context = attrs.evolve(context, generated=pendulum.now("Asia/Shanghai"))
    if target.suffix.lower() == ".md":
        text = render_markdown(evaluation, document, lang=lang, context=context)
    else:
        text = render_html(evaluation, document, lang=lang, context=context)
    _write_text(target, text)
    word = {"zh": ("通过", "未通过"), "en": ("passes", "FAILS")}[lang][
        0 if evaluation.passes else 1
    ]
    out.write(f"wrote {target} ({word})\n")
    return FAILS if args.fail_on_missed and not evaluation.passes else PASSES


def _write_text(target: Path, text: str) -> None:
    from ..io.text_files import describe_os_error

    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=describe_os_error(exc, doing="write"))], source=str(target)
        ) from None


def _template(args: argparse.Namespace, out: TextIO) -> int:
    from ..io.templates import write_template

    document = load_document(args.document)
    rows = write_template(document, args.out)
    out.write(
        f"wrote {args.out}: {rows} rows to fill in (实际值); then run\n"
        f"  govplan check {args.document} --results {args.out}\n"
    )
    return PASSES


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
    "template": _template,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govplan`` command line; return its exit status.

    0 passes, 1 a binding target missed or a claim inconsistent, 2 bad input or
    usage, 3 an internal error; never a traceback.
    """
    args = _parser().parse_args(argv)
    try:
        status = _COMMANDS[args.command](args, sys.stdout)
        sys.stdout.flush()
    except GovplanError as error:
        _say(f"govplan: {error}")
        return BAD_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return OUTPUT_CLOSED
    except OSError as error:
        _say(f"govplan: {_file_system_message(error)}")
        return BAD_INPUT
    except (UnicodeError, zipfile.BadZipFile, csv.Error) as error:
        # Bytes a reader could not read, even if it did not say which file: bad input.
        _say(f"govplan: cannot read an input file ({type(error).__name__}: {error})")
        return BAD_INPUT
    except KeyboardInterrupt:
        _say("govplan: interrupted")
        return INTERRUPTED
    except Exception as error:  # a bug: said in one line, with where to report it
        _say(_internal_error_message(error))
        if os.environ.get("GOVPLAN_TRACEBACK") == "1":
            import traceback

            traceback.print_exception(error, file=sys.stderr)
        return INTERNAL_ERROR
    return status


def _say(message: str) -> None:
    """Write one message to standard error, whatever it can encode."""
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except UnicodeEncodeError:
        sys.stderr.write(message.encode("ascii", "backslashreplace").decode("ascii") + "\n")
    except OSError:
        pass  # standard error is closed: nothing can be said


def _silence_stdout() -> None:
    """Standard output was closed by its reader: drop what is left, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _file_system_message(error: OSError) -> str:
    """One line for a file that could not be read or written: the file and the reason."""
    from ..io.text_files import describe_os_error

    reason = describe_os_error(error, doing="use").split(": ", 1)[1]
    names = [str(name) for name in (error.filename, error.filename2) if name is not None]
    if isinstance(error, FileNotFoundError) and names:
        folder = Path(names[0]).parent
        if not folder.is_dir():
            reason = f"the directory {str(folder)!r} does not exist (create it first)"
    where = " → ".join(names) if names else "a file"
    return f"{where}: {reason}"


def _internal_error_message(error: BaseException) -> str:
    """One line: what went wrong inside govplan and where to report it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("govplan")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        release = "unknown"
    detail = " ".join(str(error).split())
    detail = detail if len(detail) <= 200 else detail[:200] + "…"
    return (
        f"govplan: internal error ({type(error).__name__}: {detail}); this is a bug in "
        f"govplan {release}, not in your input: please report it with the command line "
        f"and the input files at {REPORT_TO} (GOVPLAN_TRACEBACK=1 shows where it happened)"
    )


def main_entry() -> None:
    """Console-script entry point: exit with :func:`main`'s status."""
    sys.exit(main())
