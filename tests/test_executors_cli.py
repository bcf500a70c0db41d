"""``govplan check --engine duckdb``: sentences for the rows printed, --limit, a progress line.

The progress line goes to standard error and only on a terminal: a pipe (or
pytest's capture) sees none; a stream that says it is a terminal sees it.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import govplan as g
from govplan.cli.main import main
from tests.test_executors_ledgers import HEADER, ROWS, _plan


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[str, str]:
    plan_path = tmp_path / "plan.yaml"
    g.dump(_plan(), plan_path)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(HEADER + ROWS, encoding="utf-8")
    return str(plan_path), str(ledger)


def _check(inputs: tuple[str, str], *more: str) -> list[str]:
    plan_path, ledger = inputs
    return ["check", plan_path, "--results", ledger, "--engine", "duckdb", *more]


def test_each_printed_row_carries_the_python_engines_sentence(
    inputs: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(_check(inputs, "--lang", "en"))
    out = capsys.readouterr().out
    assert status == 1
    expected = g.evaluate_ledgers(_plan(), [inputs[1]], engine="python")
    compared = (g.Status.MET, g.Status.MISSED, g.Status.BASICALLY_MET)
    for verdict in expected:
        # A compared value is worded as the python engine words it; every row has a sentence.
        if verdict.status in compared:
            assert verdict.explain("en") in out, verdict.subject
        assert f"{verdict.subject}  {verdict.indicator_id} (" in out
    assert out.rstrip().endswith("FAILS")


def test_limit_prints_the_first_rows_and_says_how_many_more(
    inputs: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(_check(inputs, "--limit", "1", "--lang", "en"))
    out = capsys.readouterr().out
    assert "3 more verdicts not shown (--limit 0 shows all)" in out
    main(_check(inputs, "--limit", "2", "--format", "json"))
    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["shown"], len(data["verdicts"])) == (4, 2, 2)
    assert sum(data["counts"].values()) == 4  # the counts cover every row
    assert data["verdicts"][0]["explanation"]["zh"]
    main(_check(inputs, "--limit", "0", "--format", "markdown"))
    out = capsys.readouterr().out
    assert out.count("\n| ") == 5  # the header and every verdict
    assert "未列出" not in out


def test_no_progress_line_when_standard_error_is_not_a_terminal(
    inputs: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(_check(inputs))
    assert capsys.readouterr().err == ""


def test_a_progress_line_on_a_terminal_is_drawn_then_cleared(
    inputs: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status = main(_check(inputs))
    err = terminal.getvalue()
    assert status == 1
    assert "govplan: reading the ledgers and checking on duckdb" in err
    assert "writing verdicts [" in err
    assert err.endswith("\r")  # the line is cleared: the terminal is left clean
    assert "\n" not in err
    assert "govplan:" not in capsys.readouterr().out
