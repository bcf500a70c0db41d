"""The tutorial's walk-through (template → fill in → check → report) runs as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = (ROOT / "docs" / "tutorial.rst").read_text(encoding="utf-8")

openpyxl = pytest.importorskip("openpyxl")


def _console_blocks() -> list[tuple[str, list[str]]]:
    """Each ``$ govplan …`` command of the tutorial with the output lines it shows."""
    found = []
    for block in re.findall(r"\.\. code-block:: console\n\n((?:   .*\n|\n)+)", TUTORIAL):
        lines = [line[3:] for line in block.splitlines() if line.strip()]
        if lines and lines[0].startswith("$ govplan "):
            found.append((lines[0][2:], lines[1:]))
    return found


def _fill_in(ledger: Path) -> None:
    """Type the tutorial's values into the 实际值 column, as an official would."""
    table = TUTORIAL[TUTORIAL.index("指标名称                                实际值") :]
    rows = re.findall(r"^(\S+) +(\S+)$", table[: table.index("\n\n")], flags=re.M)
    values = {
        name: value for name, value in rows if not name.startswith("=") and name != "指标名称"
    }
    assert len(values) == 8
    book = openpyxl.load_workbook(ledger)
    sheet = book["台账"]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in values:
            text = values[row[2].value]
            row[7].value = float(text) if re.fullmatch(r"[\d.]+", text) else text
    book.save(ledger)


def test_the_tutorial_walk_through_runs_as_written(tmp_path: Path) -> None:
    plan = tmp_path / "examples" / "education-bureau" / "plan-2011.yaml"
    plan.parent.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "education-bureau" / "plan-2011.yaml", plan)
    commands = _console_blocks()
    assert [c.split()[1] for c, _ in commands] == ["template", "check", "report"] * 2
    for command, shown in commands:
        argv = shlex.split(command)
        run = subprocess.run(
            [sys.executable, "-m", "govplan", *argv[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert run.returncode in (0, 1), run.stderr
        output = [line.strip() for line in run.stdout.splitlines()]
        for line in shown:
            if line.strip() == "…":
                continue
            if line.endswith("…"):
                assert any(o.startswith(line.strip()[:-1]) for o in output), line
            else:
                assert line.strip() in output, line
        if argv[1] == "template":
            _fill_in(tmp_path / "台账.xlsx")
    assert (tmp_path / "报告.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
