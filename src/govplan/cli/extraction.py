"""``govplan extract``, and ``govplan audit`` on a text: drafts and arithmetic from documents.

``govplan extract FILE --kind plan|report`` writes the draft plan or report as
YAML (``# review:`` comments mark what to check) or, with ``--format json``,
every item read as a JSON array.  ``govplan audit FILE.txt`` extracts the
report's stated sums, rates and changes and checks them; each is printed with
its sentence, and an inconsistent figure makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal, TextIO

from ..engine.evaluation import evaluate
from ..engine.rules import RuleSet
from ..engine.verdicts import Status
from ..errors import GovplanError
from ..io.extraction import Draft, extract_file
from ..io.text_files import describe_os_error

__all__ = ["TEXT_SUFFIXES", "add_extract_command", "audit_text", "extract_command"]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx")
"""Files read as documents as written (not as govplan YAML, JSON or TOML)."""

PASSES, FAILS = 0, 1


def add_extract_command(commands: Any) -> None:
    """Add ``extract`` to the command line's subcommands."""
    command = commands.add_parser(
        "extract", help="draft a plan or report from its text (.txt, .md, .docx)"
    )
    command.add_argument("document", metavar="FILE", help="the plan or report as written")
    command.add_argument("--kind", choices=["plan", "report"], required=True)
    command.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    command.add_argument(
        "--format",
        choices=["yaml", "json"],
        default="yaml",
        help="yaml: the draft document with review comments; json: every item read",
    )
    command.add_argument("--year", type=int, help="the document's year, when the text omits it")


def _draft(path: str, kind: str, year: int | None) -> Draft:
    return extract_file(path, kind, year=year)  # type: ignore[arg-type]


class _WriteError(GovplanError, OSError):
    """The draft could not be written where asked."""


def _write(text: str, out_path: str | None, out: TextIO) -> None:
    if out_path is None:
        out.write(text)
        return
    target = Path(out_path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise _WriteError(
            f"cannot write {out_path}: {describe_os_error(exc, doing='write')}",
            field="--out",
            value=out_path,
            expected="a file in an existing folder you may write to",
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def extract_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``govplan extract``."""
    draft = _draft(args.document, args.kind, args.year)
    if args.format == "json":
        text = json.dumps(draft.items(), ensure_ascii=False, indent=2) + "\n"
    else:
        written = draft.to_yaml()
        text = written if written.endswith("\n") else written + "\n"
    _write(text, args.out, out)
    reviews = sum(1 for f in draft.figures if f.review) + sum(1 for c in draft.claims if c.review)
    err.write(
        f"{args.document}: {len(draft.targets)} targets, {len(draft.results)} results, "
        f"{len(draft.claims)} claims, {len(draft.measures)} measures, "
        f"{len(draft.unread)} unread; {reviews} marked for review"
        + (f"; wrote {args.out}" if args.out else "")
        + "\n"
    )
    return PASSES


_MARK = {Status.CONSISTENT: "ok", Status.INCONSISTENT: "INCONSISTENT"}


def audit_text(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``govplan audit`` on a document as written."""
    draft = _draft(args.document, "report", getattr(args, "year", None))
    report = draft.to_report()
    rules = RuleSet(id="audit", rules=("sums", "rates", "changes"))
    evaluation = evaluate(report, rules=rules)
    lang: Literal["zh", "en"] = "en" if args.lang == "en" else "zh"
    by_id = {claim.id: claim for claim in draft.claims}
    records: list[dict[str, Any]] = []
    for verdict in evaluation.verdicts:
        claim = by_id.get(verdict.subject)
        sentence = "" if claim is None else draft.quote(claim.span)
        span = None if claim is None else [claim.span.start, claim.span.end]
        records.append(
            {
                "claim": verdict.subject,
                "status": verdict.status.value,
                "explanation": verdict.explain(lang),
                "sentence": sentence,
                "span": span,
                "review": [] if claim is None else list(claim.review),
            }
        )
    if args.format == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out.write(f"# {report.title}\n\n")
        for record in records:
            status = Status(record["status"])
            out.write(f"- **{_MARK.get(status, status.value)}** {record['explanation']}\n")
            out.write(f"  > {record['sentence']}\n")
    else:
        for record in records:
            status = Status(record["status"])
            out.write(f"[{_MARK.get(status, status.value)}] {record['explanation']}\n")
            out.write(f"    {record['sentence']}\n")
            if record["span"]:
                out.write(f"    at {record['span'][0]}-{record['span'][1]}\n")
            for note in record["review"]:
                out.write(f"    review: {note}\n")
        inconsistent = sum(1 for r in records if r["status"] == Status.INCONSISTENT.value)
        out.write(
            f"{len(records)} stated claims checked, {inconsistent} inconsistent; "
            f"{len(draft.unread)} numbers left unread\n"
        )
    return PASSES if evaluation.passes else FAILS
