"""The README's commands work as written (all but the install and the test run itself)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    line.strip()
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S)
    for line in block.splitlines()
    if line.strip()
]


def _steps(line: str) -> list[str]:
    return [step.strip() for step in line.split("&&")]


def test_the_readme_set_up_is_two_complete_command_lines() -> None:
    assert len(COMMANDS) == 2
    main, tests = (_steps(line) for line in COMMANDS)
    for steps in (main, tests):
        assert steps[0] == "python3 -m venv .venv"  # creates the environment, or reuses it
        assert steps[1].startswith(".venv/bin/python -m pip install -q -e '.[")
    assert main[2].startswith(".venv/bin/govplan check ")
    assert "'.[test]'" in tests[1]
    assert tests[2] == ".venv/bin/python -m pytest"


def test_ci_runs_the_readmes_test_line() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m pytest" in ci
    assert 'grep -F -- "-m pytest"' in ci  # the line is taken from the README, not copied


def test_the_main_job_runs_as_documented() -> None:
    main_job = _steps(COMMANDS[0])[2]
    argv = [sys.executable, "-m", "govplan", *shlex.split(main_job)[1:]]
    run = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert run.returncode == 1, run.stderr  # as the README says: 确保 items failed
    assert "小学生巩固率：实际99.9%，目标不低于100%（确保），未达成" in run.stdout


def test_the_readme_code_sample_runs() -> None:
    sample = re.search(r"```python\n(.*?)```", README, flags=re.S)
    assert sample is not None
    run = subprocess.run(
        [sys.executable, "-c", sample.group(1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
