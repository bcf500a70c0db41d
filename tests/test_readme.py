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


def test_the_readme_has_the_two_commands() -> None:
    assert any("pip install" in c for c in COMMANDS)
    assert "python -m pytest" in COMMANDS
    assert any(c.startswith("govplan check") for c in COMMANDS)


def test_the_main_job_runs_as_documented() -> None:
    main_job = next(c for c in COMMANDS if c.startswith("govplan check"))
    argv = [sys.executable, "-m", "govplan", *shlex.split(main_job)[1:]]
    run = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert run.returncode == 1, run.stderr  # as the README says: one 确保 target is missed
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
