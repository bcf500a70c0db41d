"""A brief run of the mutation fuzzer: no raw exception, no traceback, no silent accept.

The long run is ``python benchmarks/fuzz.py --cases 100000``; here a few hundred
cases, drawn by Hypothesis, keep every change honest.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
