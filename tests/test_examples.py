"""The worked examples run, print what their expected output says, and hold the seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import govplan as g

from .seed_commerce import report_2011
from .seed_education import plan_2011, report_2010
from .seed_events import sanitation_post, survey_day3, training_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*/*.py"))


def test_every_example_has_a_script_and_an_expected_output() -> None:
    folders = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        assert list(folder.glob("*.py")), folder
        assert (folder / "expected-output.txt").exists(), folder


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.parent.name for s in SCRIPTS])
def test_example_prints_its_expected_output(script: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert run.returncode == 0, run.stderr
    expected = (script.parent / "expected-output.txt").read_text(encoding="utf-8")
    assert run.stdout == expected


def test_every_example_file_loads() -> None:
    for path in sorted(EXAMPLES.glob("*/*.yaml")) + sorted(EXAMPLES.glob("*/*.toml")):
        g.load(path)


def test_the_education_files_hold_seed_02() -> None:
    folder = EXAMPLES / "education-bureau"
    assert g.load(folder / "report-2010.yaml") == report_2010()
    assert g.load(folder / "plan-2011.yaml") == plan_2011()


def test_the_other_example_files_hold_their_seeds() -> None:
    assert g.load(EXAMPLES / "commerce-bureau" / "report-2011.yaml") == report_2011()
    assert g.load(EXAMPLES / "training-session" / "event.yaml") == training_plan()
    assert g.load(EXAMPLES / "survey-day3" / "day3.yaml") == survey_day3()
    assert g.load(EXAMPLES / "sanitation-post" / "post.yaml") == sanitation_post()
