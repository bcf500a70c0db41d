"""Mutation fuzzing of govplan at length: documents, ledgers and command lines.

Hypothesis draws each case (what to feed, which worked example or ledger, a
random number for the mutations); ``tests/fuzzing.py`` mutates and runs it.
The run prints: inputs tried, govplan errors that name the field or line, other
exceptions, tracebacks, silent accepts, the slowest case and peak memory, and
finally whether document text reaches Markdown, HTML and CSV output unescaped.

Run: ``python benchmarks/fuzz.py`` (2,000 cases, about a minute), or
``python benchmarks/fuzz.py --full`` (100,000 cases), ``--cases N`` for another
count, ``--jobs N`` to share them among N processes, ``--save DIR`` to keep the
bytes of every defect found.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gc
import random
import resource
import signal
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests import fuzzing

QUICK, FULL = 2_000, 100_000
# Shares of the cases: command lines are slow (they evaluate and render).
KINDS = ("document",) * 82 + ("ledger",) * 17 + ("command",) * 1
CASE_SECONDS, CASE_MEGABYTES = 1.0, 200.0


class _TimeoutError(Exception):
    pass


def _alarm(_signal: int, _frame: FrameType | None) -> None:
    raise _TimeoutError


class Tally:
    """Counts of outcomes, the slowest cases and every defect."""

    def __init__(self) -> None:
        self.kinds: collections.Counter[str] = collections.Counter()
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.located = 0
        self.raw: collections.Counter[str] = collections.Counter()
        self.tracebacks = 0
        self.silent: collections.Counter[str] = collections.Counter()
        self.slow: list[tuple[float, str, str, int]] = []
        self.defects: list[tuple[str, str, int, bytes, str]] = []
        self.sizes: list[tuple[int, str, str, int]] = []
        self.harness: collections.Counter[str] = collections.Counter()
        self.rss = 0.0


def build(kind: str, seed: str, number: int, folder: Path) -> tuple[bytes, object]:
    """The input of one case: bytes for a document or ledger, argv for a command."""
    rng = random.Random(number)
    if kind == "document":
        fmt = fuzzing._FORMATS[Path(seed).suffix]
        return fuzzing.mutate(fuzzing.seeds()[seed], fmt, rng), fmt
    if kind == "ledger":
        data = fuzzing.ledger_seeds()[sorted(fuzzing.ledger_seeds())[number % 3]]
        return fuzzing.mutate(data, None, rng), None
    files = []
    for index, (name, data) in enumerate(sorted(fuzzing.seeds().items())[number % 20 :][:3]):
        path = folder / f"in{index}{Path(name).suffix}"
        path.write_bytes(fuzzing.mutate(data, fuzzing._FORMATS[path.suffix], rng))
        files.append(path)
    argv = fuzzing.command_line(rng, files, folder)
    return "\0".join(argv).encode("utf-8", "surrogateescape"), argv


def run(kind: str, given_input: bytes, extra: object, folder: Path) -> fuzzing.Outcome:
    if kind == "document":
        return fuzzing.run_document(given_input, extra)  # type: ignore[arg-type]
    if kind == "ledger":
        return fuzzing.run_ledger(given_input, folder)
    return fuzzing.run_command(extra)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=QUICK)
    parser.add_argument("--full", action="store_true", help=f"{FULL:,} cases")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--save", type=Path, help="a folder for the inputs of defects")
    options = parser.parse_args()
    cases = FULL if options.full else options.cases
    jobs = max(1, options.jobs)
    started = time.perf_counter()
    shares = [cases // jobs + (1 if n < cases % jobs else 0) for n in range(jobs)]
    if jobs == 1:
        tallies = [work(shares[0], 0, options.save)]
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            tallies = pool.starmap(
                work, [(share, n, options.save) for n, share in enumerate(shares)]
            )
    elapsed = time.perf_counter() - started
    tally = merge(tallies)
    folder = Path(tempfile.mkdtemp(prefix="govplan-fuzz-"))
    peak = memory_peaks(tally, folder)
    report(tally, elapsed, peak, folder, jobs)


def work(cases: int, worker: int, save_to: Path | None) -> Tally:
    """Run *cases* cases drawn by Hypothesis in this process; return their tally."""
    # A runaway case must not take the machine with it.
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    tally = Tally()
    folder = Path(tempfile.mkdtemp(prefix=f"govplan-fuzz-{worker}-"))
    documents = sorted(fuzzing.seeds())
    saved = [0]
    # Warm up (build the converters, import the engine) so no case pays for it.
    for seed in documents:
        fuzzing.run_document(fuzzing.seeds()[seed], fuzzing._FORMATS[Path(seed).suffix])
    fuzzing.run_command(["check", str(fuzzing.EXAMPLES / "education-bureau" / "plan-2011.yaml")])

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        kind=st.sampled_from(KINDS),
        seed=st.sampled_from(documents),
        number=st.integers(0, 2**63),
    )
    def case(kind: str, seed: str, number: int) -> None:
        before = _rss()
        try:
            given_input, extra = build(kind, seed, number, folder)
        except (Exception, RecursionError) as error:  # the fuzzer's own mutation failed
            tally.harness[f"{type(error).__name__}: {str(error)[:80]}"] += 1
            return
        built = _rss()
        if built - before > CASE_MEGABYTES:
            tally.harness[f"building took {built - before:.0f} MB ({kind}, {seed})"] += 1
        signal.setitimer(signal.ITIMER_REAL, 30)
        try:
            outcome = run(kind, given_input, extra, folder)
        except _TimeoutError:
            outcome = fuzzing.Outcome("raw", detail="over 30 s", seconds=30.0)
        except MemoryError:
            outcome = fuzzing.Outcome("raw", detail="MemoryError: over 3 GB")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        grown = _rss() - built
        if grown > CASE_MEGABYTES:  # a new peak of the process: this case used that much
            outcome.kind, outcome.detail = "raw", f"over {CASE_MEGABYTES:.0f} MB: {grown:.0f} MB"
        record(tally, kind, seed, number, given_input, outcome)
        if save_to is not None and len(tally.defects) > saved[0]:
            save(save_to, tally.defects[saved[0] :], f"{worker}-{saved[0]:05d}")
            saved[0] = len(tally.defects)
        done = sum(tally.kinds.values())
        if done % 5_000 == 0:
            print(f"  … worker {worker}: {done:,} cases", file=sys.stderr, flush=True)

    try:
        case()
    except KeyboardInterrupt:  # Ctrl-C, or kill -INT: report what was tried so far
        print(f"worker {worker} interrupted: the figures cover the cases tried", file=sys.stderr)
    tally.rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return tally


def _rss() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def merge(tallies: list[Tally]) -> Tally:
    """One tally of several workers' cases."""
    total = Tally()
    for part in tallies:
        total.kinds.update(part.kinds)
        total.outcomes.update(part.outcomes)
        total.located += part.located
        total.raw.update(part.raw)
        total.tracebacks += part.tracebacks
        total.silent.update(part.silent)
        total.harness.update(part.harness)
        total.defects += part.defects
        total.slow = sorted([*total.slow, *part.slow], reverse=True)[:10]
        total.sizes = sorted([*total.sizes, *part.sizes], reverse=True)[:10]
        total.rss = max(total.rss, part.rss)
    return total


def save(folder: Path, defects: list[tuple[str, str, int, bytes, str]], first: str) -> None:
    """Keep the input of each defect (and what happened) to reproduce it."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, (kind, seed, number, data, detail) in enumerate(defects):
        name = f"{first}-{n}-{kind}-{seed.replace('/', '_')}-{number}"
        (folder / name).write_bytes(data)
        (folder / f"{name}.txt").write_text(detail + "\n", encoding="utf-8")


def record(
    tally: Tally, kind: str, seed: str, number: int, data: bytes, outcome: fuzzing.Outcome
) -> None:
    tally.kinds[kind] += 1
    tally.outcomes[outcome.kind] += 1
    label = seed if kind == "document" else kind
    if outcome.kind == "refused" and outcome.located:
        tally.located += 1
    if outcome.kind == "raw":
        if outcome.detail.startswith("exit ") or "Traceback" in outcome.detail:
            tally.tracebacks += 1
        tally.raw[f"{kind}: {outcome.detail.split(':')[0][:90]}"] += 1
        tally.defects.append((kind, label, number, data, outcome.detail))
    for what in outcome.silent:
        tally.silent[what] += 1
        tally.defects.append((kind, label, number, data, f"silent accept: {what}"))
    tally.slow = sorted([*tally.slow, (outcome.seconds, kind, seed, number)], reverse=True)[:10]
    tally.sizes = sorted([*tally.sizes, (len(data), kind, seed, number)], reverse=True)[:10]


def memory_peaks(tally: Tally, folder: Path) -> float:
    """The largest peak (MB) of the slowest and the largest cases, rerun under tracemalloc."""
    peak = 0.0
    for _, kind, seed, number in [*tally.slow, *tally.sizes]:
        given_input, extra = build(kind, seed, number, folder)
        gc.collect()
        tracemalloc.start()
        with contextlib.suppress(Exception):  # counted already
            run(kind, given_input, extra, folder)
        peak = max(peak, tracemalloc.get_traced_memory()[1] / 1024**2)
        tracemalloc.stop()
    return peak


def report(tally: Tally, elapsed: float, peak: float, folder: Path, jobs: int) -> None:
    total = sum(tally.kinds.values())
    refused = tally.outcomes["refused"]
    share = 100 * tally.located / refused if refused else 0.0
    print(
        f"inputs tried: {total:,} in {elapsed:.2f} s with {jobs} process(es) ("
        + ", ".join(f"{kind}s {count:,}" for kind, count in sorted(tally.kinds.items()))
        + ")"
    )
    print(f"accepted: {tally.outcomes['accepted']:,}")
    print(f"govplan errors: {refused:,}, naming the field, line, row or byte: "
          f"{tally.located:,} ({share:.2f}%)")  # fmt: skip
    print(f"other exceptions: {sum(tally.raw.values()):,}")
    for what, count in tally.raw.most_common(12):
        print(f"  {count:6,}  {what}")
    print(f"tracebacks or exit 3 from the command line: {tally.tracebacks:,}")
    print(f"silent accepts: {sum(tally.silent.values()):,}"
          + "".join(f"; {what}: {count:,}" for what, count in tally.silent.items()))  # fmt: skip
    seconds, kind, seed, number = tally.slow[0] if tally.slow else (0.0, "-", "-", 0)
    over = sum(1 for s, *_ in tally.slow if s > CASE_SECONDS)
    print(f"slowest case: {seconds:.2f} s ({kind}, {seed}, number {number}); "
          f"cases over {CASE_SECONDS:.0f} s among the 10 slowest: {over}")  # fmt: skip
    rss = max(tally.rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"peak memory: {peak:.2f} MB traced in the slowest and largest cases "
          f"(limit {CASE_MEGABYTES:.0f} MB); process peak RSS {rss:.2f} MB")  # fmt: skip
    if tally.harness:
        print(f"cases the fuzzer could not build (not counted): {sum(tally.harness.values()):,}")
        for what, count in tally.harness.most_common(5):
            print(f"  {count:6,}  {what}")
    for where, finding in fuzzing.output_findings(folder).items():
        print(f"output {where}: {finding}")


if __name__ == "__main__":
    main()
