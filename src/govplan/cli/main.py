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
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs
import pendulum

from ..engine.rules import RuleSet
from ..errors import GovplanError, LoadError, Problem
from ..io.files import load
from .checking import (
    LEDGER_SUFFIXES,
    RefusedError,
    check_on_query_engine,
    emit,
    evaluate_run,
    is_results,
    language_of,
    load_document,
)
from .inputs import (
    document_targets,
    locate_problems,
)
from .render import render_html, render_markdown

__all__ = ["main"]

PASSES, FAILS, BAD_INPUT, INTERNAL_ERROR = 0, 1, 2, 3
INTERRUPTED, OUTPUT_CLOSED = 130, 141
REPORT_TO = "https://govplan.readthedocs.io/en/latest/howto/limits-and-errors.html#internal-errors"


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


def _check(args: argparse.Namespace, out: TextIO) -> int:
    passes = check_on_query_engine(args, out)
    if passes is None:
        document, evaluation, context = evaluate_run(args)
        emit(document, evaluation, context, args.format, language_of(document, args.lang), out)
        passes = evaluation.passes
    return PASSES if passes else FAILS


def _audit(args: argparse.Namespace, out: TextIO) -> int:
    from .extraction import TEXT_SUFFIXES, audit_text

    if Path(args.document).suffix.lower() in TEXT_SUFFIXES:
        return audit_text(args, out)
    consistency = RuleSet(id="audit", rules=("sums", "rates", "changes"))
    document, evaluation, context = evaluate_run(args, consistency)
    emit(document, evaluation, context, args.format, language_of(document, args.lang), out)
    return PASSES if evaluation.passes else FAILS


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    """Load each file; a results file is read against the first plan given before it."""
    from ..io.results import is_results_file, load_results

    status = PASSES
    plan: object = None
    for name in args.files:
        path = Path(name)
        if path.suffix.lower() in LEDGER_SUFFIXES:
            raise RefusedError(f"{name}: a ledger is checked with 'govplan check PLAN --results'")
        try:
            if is_results(path, is_results_file):
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
        raise RefusedError(f"{args.out}: the report must end in .html or .md")
    document, evaluation, context = evaluate_run(args)
    lang = language_of(document, args.lang)
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
