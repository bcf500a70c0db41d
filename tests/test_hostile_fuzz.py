"""A brief run of the mutation fuzzer: no raw exception, no traceback, no silent accept.

The long run is ``python benchmarks/fuzz.py --cases 100000``; here a few hundred
cases, drawn by Hypothesis, keep every change honest.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govplan as g
from tests import fuzzing

# The CSV ledger reader still decodes UTF-8 only; every other defect fails the test.
LEDGER_DECODING_PENDING = False
QUICK = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check(outcome: fuzzing.Outcome, what: object) -> None:
    assert outcome.kind != "raw", f"{what}: {outcome.detail}"
    assert not outcome.silent, f"{what}: accepted in silence: {outcome.silent}"


@QUICK
@given(seed=st.sampled_from(sorted(fuzzing.seeds())), number=st.integers(0, 2**32))
def test_mutated_examples_are_loaded_or_refused_with_a_govplan_error(
    seed: str, number: int
) -> None:
    fmt = fuzzing._FORMATS[Path(seed).suffix]
    data = fuzzing.mutate(fuzzing.seeds()[seed], fmt, random.Random(number))
    _check(fuzzing.run_document(data, fmt), (seed, number))


@settings(QUICK, max_examples=60)
@given(seed=st.sampled_from(sorted(fuzzing.ledger_seeds())), number=st.integers(0, 2**32))
def test_mutated_ledgers_are_read_or_refused_with_a_govplan_error(
    tmp_path: Path, seed: str, number: int
) -> None:
    data = fuzzing.mutate(fuzzing.ledger_seeds()[seed], None, random.Random(number))
    outcome = fuzzing.run_ledger(data, tmp_path)
    if LEDGER_DECODING_PENDING and outcome.detail.startswith("UnicodeDecodeError"):
        return  # counted by benchmarks/fuzz.py until the reader decodes through text_files
    _check(outcome, (seed, number))


@settings(QUICK, max_examples=40)
@given(number=st.integers(0, 2**32))
def test_random_command_lines_never_print_a_traceback(tmp_path: Path, number: int) -> None:
    rng = random.Random(number)
    files = []
    for index, (name, data) in enumerate(sorted(fuzzing.seeds().items())[:6]):
        path = tmp_path / f"{index}{Path(name).suffix}"
        path.write_bytes(fuzzing.mutate(data, fuzzing._FORMATS[path.suffix], rng))
        files.append(path)
    argv = fuzzing.command_line(rng, files, tmp_path)
    _check(fuzzing.run_command(argv), argv)


_PLAUSIBLE = (
    None, "95%", "300多人", "约500人", "95%以上", "1%以内", "7-9%", "4.81个百分点", "0个百分点",
    "1436万元", "0", "-5%", "第一名", "前三名", "2010", "2012", "2011-H1", "2011-Q3",
    "2011-autumn", "at_least", "at_most", "between", "equal", "zero", "rank_within",
    "level", "change", "growth", "reference", "ensure", "strive", "lower", "neither",
)  # fmt: skip
_CHECKED = (
    ("education-bureau/plan-2011.yaml", "education-bureau/results-2011.yaml", "sections"),
    ("sanitation-post/post.yaml", "sanitation-post/results-2011.yaml", "duties"),
)


def _targets(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    groups = document[key] if key == "duties" else [g for s in document[key] for g in s["goals"]]
    return [target for group in groups for target in group.get("targets", [])]


_CHANGED_FIELDS = (
    "value", "upper", "comparator", "basis", "period", "baseline", "unit", "direction", "commitment"
)  # fmt: skip


def _loaded(document: dict[str, Any]) -> Any:
    try:
        return g.loads(json.dumps(document, ensure_ascii=False), "json")
    except g.LoadError as error:
        return error


def _checked(plan: Any, results: Any, as_of: str | None) -> g.GovplanError | None:
    try:
        for verdict in g.evaluate(plan, [results], as_of=as_of):
            verdict.explain("zh")
            verdict.explain("en")
    except g.GovplanError as error:
        return error
    return None


@settings(QUICK, max_examples=60)
@given(
    pair=st.sampled_from(_CHECKED),
    changes=st.lists(
        st.tuples(
            st.integers(0, 10**6), st.sampled_from(_CHANGED_FIELDS), st.sampled_from(_PLAUSIBLE)
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_plan_whose_targets_load_is_checked_or_refused_naming_the_target(
    pair: tuple[str, str, str], changes: list[tuple[int, str, object]]
) -> None:
    plan_file, results_file, key = pair
    document = yaml.safe_load((fuzzing.EXAMPLES / plan_file).read_text(encoding="utf-8"))
    targets = _targets(document, key)
    for index, name, value in changes:
        target = targets[index % len(targets)]
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    plan = _loaded(document)
    if isinstance(plan, g.LoadError):
        assert all(problem.path for problem in plan.problems), plan
        return
    results = g.load(fuzzing.EXAMPLES / results_file)
    ids = {str(target["id"]) for target in targets}
    for as_of in (None, "2011-06-30"):
        error = _checked(plan, results, as_of)  # a target that cannot be checked is named
        assert error is None or any(f"'{target_id}'" in str(error) for target_id in ids), error
