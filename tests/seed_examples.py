"""The worked examples' YAML files, written from the seed objects.

``python -m tests.seed_examples`` rewrites every file below from the objects in
``tests/seed_*.py``, keeping each file's opening comment; ``tests/test_examples.py``
and ``tests/test_seed_facts.py`` check that the files and the objects stay equal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import govplan as g

from . import seed_education as edu
from .seed_commerce import report_2011
from .seed_events import sanitation_post, survey_day3, training_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def results_2011() -> g.Report:
    """The invented 2011 results of the education example (NOT from the source)."""
    return g.Report(
        id="lx-edu-2011-results-invented",
        title="2011年完成情况（虚构数据，仅供示例）",
        period=g.Period.year(2011),
        issuer=edu.BUREAU,
        organisations=tuple(o for o in edu.ORGANISATIONS if o.id in ("louxing", edu.BUREAU)),
        indicators=edu.PLAN_INDICATORS,
        observations=edu.RESULTS_2011,
        source="invented for the worked example: NOT from the source document",
    )


FILES: dict[str, Callable[[], object]] = {
    "education-bureau/report-2010.yaml": edu.report_2010,
    "education-bureau/plan-2011.yaml": edu.plan_2011,
    "education-bureau/results-2011.yaml": results_2011,
    "commerce-bureau/report-2011.yaml": report_2011,
    "training-session/event.yaml": training_plan,
    "survey-day3/day3.yaml": survey_day3,
    "sanitation-post/post.yaml": sanitation_post,
}
"""Each example file written from seed objects, by its path under ``examples/``."""


def _header(path: Path) -> str:
    if not path.exists():
        return ""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = list(lines[: next((i for i, s in enumerate(lines) if not s.startswith("#")), 0)])
    return "".join(kept)


def write_examples() -> list[Path]:
    """Rewrite every file of :data:`FILES`; return the paths that changed."""
    changed = []
    for name, build in FILES.items():
        path = EXAMPLES / name
        text = _header(path) + g.dumps(build(), "yaml")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write_examples():
        print(f"rewrote {path.relative_to(EXAMPLES.parent)}")
