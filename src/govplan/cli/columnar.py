"""Output of ``govplan check`` on a query engine, streamed from the result rows.

A result of millions of checks is never turned into verdict objects up
front: rows are fetched in order, and a :class:`~govplan.Verdict` — with its
sentence — is built only for each row printed.  ``--limit`` says how many
verdicts are printed (1000 by default; 0 prints all of them); the counts and
whether the run passes always cover every row.  On a terminal a progress line
on standard error says what is being done (never in a pipe).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from typing import TextIO

from ..engine.executors.results import ColumnarEvaluation
from ..engine.matching import Unmatched
from ..engine.verdicts import Severity, Verdict
from .render import (
    WORDS,
    Lang,
    escape_markdown,
    escape_terminal,
    status_word,
    unmatched_data,
    verdict_data,
)

__all__ = ["DEFAULT_LIMIT", "Progress", "emit_columnar"]

DEFAULT_LIMIT = 1000
"""Verdicts printed by default on a query engine (``--limit 0`` prints all)."""

_MORE = {
    "zh": "另有 {n} 条结论未列出（--limit 0 列出全部）",
    "en": "{n} more verdicts not shown (--limit 0 shows all)",
}


class Progress:
    """One progress line on a terminal's standard error, redrawn in place.

    Silent unless *stream* is a terminal, so pipes, files and tests see
    nothing.  Redraws at most ten times a second.
    """

    def __init__(self, stream: TextIO, *, enabled: bool | None = None) -> None:
        self._stream = stream
        self._on = stream.isatty() if enabled is None else enabled
        self._last = 0.0
        self._width = 0

    @property
    def enabled(self) -> bool:
        """Whether anything is drawn."""
        return self._on

    def stage(self, text: str) -> None:
        """Say what is being done now."""
        self._draw(f"govplan: {text}", force=True)

    def count(self, text: str, done: int, total: int) -> None:
        """Say how far a counted stage has come (a bar and a percentage)."""
        if not self._on or (time.monotonic() - self._last < 0.1 and done < total):
            return
        share = done / total if total else 1.0
        bar = "#" * int(share * 20)
        self._draw(f"govplan: {text} [{bar:<20}] {done:,}/{total:,} ({share:.0%})", force=True)

    def done(self) -> None:
        """Clear the line."""
        if self._on and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0

    def _draw(self, text: str, *, force: bool = False) -> None:
        if not self._on or not force:
            return
        self._last = time.monotonic()
        pad = max(0, self._width - len(text))
        self._stream.write("\r" + text + " " * pad)
        self._stream.flush()
        self._width = len(text)


def _shown(
    evaluation: ColumnarEvaluation, limit: int, progress: Progress, total: int
) -> Iterator[Verdict]:
    """The verdicts to print, in order, each built when it is reached."""
    wanted = total if limit <= 0 else min(limit, total)
    for printed, verdict in enumerate(evaluation.first(None if limit <= 0 else limit), start=1):
        progress.count("writing verdicts", printed, wanted)
        yield verdict


def emit_columnar(
    evaluation: ColumnarEvaluation,
    fmt: str,
    lang: Lang,
    out: TextIO,
    *,
    limit: int = DEFAULT_LIMIT,
    progress: Progress | None = None,
    unmatched: Sequence[Unmatched] | None = None,
) -> None:
    """Write *evaluation* as ``table``, ``markdown`` or ``json``, one verdict at a time.

    At most *limit* verdicts are written (``0``: all), each with its sentence.
    JSON ends with ``unmatched``, the rows no check used (*unmatched*, by
    default the first *limit* of them), and ``unmatched_total``.
    """
    progress = progress or Progress(out, enabled=False)
    progress.stage("counting")
    counts = evaluation.counts()
    total = sum(counts.values())
    passes = evaluation.passes
    words = WORDS[lang]
    shown = _shown(evaluation, limit, progress, total)
    written = 0
    if fmt == "json":
        head = {
            "subject": evaluation.subject,
            "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
            "engine": evaluation.engine,
            "passes": passes,
            "counts": {status.value: n for status, n in counts.items()},
            "total": total,
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "verdicts": [')
        for verdict in shown:
            out.write(("," if written else "") + "\n  ")
            out.write(json.dumps(verdict_data(verdict), ensure_ascii=False))
            written += 1
        if unmatched is None:
            unmatched = evaluation.first_unmatched(None if limit <= 0 else limit)
        records = ",".join(
            "\n  " + json.dumps(unmatched_data(item), ensure_ascii=False) for item in unmatched
        )
        out.write(
            f'\n], "shown": {written}, "unmatched": [{records}'
            f'{chr(10) if records else ""}], "unmatched_total": {evaluation.unmatched_count()}}}\n'
        )
        progress.done()
        return
    when = f" ({words['as_of']} {evaluation.as_of})" if evaluation.as_of else ""
    if fmt == "markdown":
        out.write(
            f"# {escape_markdown(evaluation.subject)}{when}\n\n"
            f"| {words['status']} | {words['subject']} | {words['why']} |\n|---|---|---|\n"
        )
    else:
        out.write(f"{escape_terminal(evaluation.subject)}{when} [{evaluation.engine}]\n")
    for verdict in shown:
        word = status_word(verdict.status, lang)
        sentence = verdict.explain(lang)
        if fmt == "markdown":
            out.write(
                f"| {word} | {escape_markdown(verdict.subject)} | {escape_markdown(sentence)} |\n"
            )
        else:
            mark = "✗" if verdict.severity is Severity.FAILURE else "·"
            subject = escape_terminal(verdict.subject)
            out.write(f"{mark} {word:<6} {subject}  {escape_terminal(sentence)}\n")
        written += 1
    progress.done()
    if written < total:
        more = _MORE[lang].format(n=f"{total - written:,}")
        out.write(f"\n{escape_markdown(more) if fmt == 'markdown' else more}\n")
    summary = ", ".join(f"{status_word(status, lang)} {n}" for status, n in counts.items() if n)
    verdict_word = words["passes" if passes else "fails"]
    out.write(f"\n{summary}; {verdict_word}\n")
