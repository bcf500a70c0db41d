"""Every parser is linear in time and memory: five times the input costs about five times as much.

Each case times the same work on an input and on one five times larger (10^5 to
10^6 characters; YAML's pure-Python parser is timed at 2·10^4 and 10^5 where a
document has many values), with the garbage collector on, and compares the best
of a few rounds.  Linear work gives a ratio near 5; quadratic work gives 25 or
more.  No absolute time is asserted.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Callable

import pytest

import govplan as g
from govplan.io.limits import Limits
from govplan.io.parsing import parse_document
from govplan.io.text_files import decode_bytes

SMALL, LARGE = 200_000, 1_000_000
FEW, MANY = 20_000, 100_000
# The C JSON parser's own cost grows faster than linearly past the caches' size.
JSON_SIZES = (100_000, 500_000)
ROOMY = Limits(cell_size=10 * LARGE, items=10 * LARGE, document_size=100 * LARGE)
# Linear is 5; allow for caches (a 2 MB text no longer fits) and a noisy shared
# machine, below quadratic (25).
BOUND = 15.0


def _best(work: Callable[[], object], rounds: int = 2, enough: float = 0.05) -> float:
    """The best time of one call; each round times enough calls to take *enough* seconds."""
    calls, best = 1, float("inf")
    while True:  # calibrate, so that a millisecond of noise is not half the measure
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            work()
        elapsed = time.perf_counter() - start
        if elapsed >= enough or calls >= 64:
            best = elapsed / calls
            break
        calls *= 2
    for _ in range(rounds - 1):
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            work()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def _time_ratio(
    make: Callable[[int], object],
    work: Callable[[object], object],
    sizes: tuple[int, int] = (SMALL, LARGE),
) -> float:
    small, large = make(sizes[0]), make(sizes[1])
    return _best(lambda: work(large)) / max(_best(lambda: work(small)), 1e-6)


def _memory_ratio(
    make: Callable[[int], object],
    work: Callable[[object], object],
    sizes: tuple[int, int] = (SMALL, LARGE),
) -> float:
    peaks = []
    for size in sizes:
        given = make(size)
        gc.collect()
        tracemalloc.start()
        work(given)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peaks[1] / peaks[0]


def _refused(text: str, fmt: g.Format) -> None:
    with pytest.raises(g.LoadError):
        g.loads(text, fmt, limits=ROOMY)


CASES: dict[str, tuple[Callable[[int], str], Callable[[str], object], tuple[int, int]]] = {
    "yaml long text": (
        lambda n: "document: plan\nid: p\ntitle: " + "计" * n + "\nperiod: 2011\n",
        lambda text: g.loads(text, "yaml", limits=ROOMY),
        (SMALL, LARGE),
    ),
    "yaml many items": (
        lambda n: "document: plan\nx:\n" + "- 1\n" * (n // 4),
        lambda text: _refused(text, "yaml"),
        (FEW, MANY),
    ),
    "yaml duplicate key at the end": (
        lambda n: "document: plan\n" + "".join(f"k{i}: 1\n" for i in range(n // 10)) + "k0: 2\n",
        lambda text: _refused(text, "yaml"),
        (FEW, MANY),
    ),
    "json long text": (
        lambda n: json.dumps({"document": "plan", "id": "p", "title": "计" * n, "period": "2011"}),
        lambda text: g.loads(text, "json", limits=ROOMY),
        JSON_SIZES,
    ),
    "json duplicate key located": (
        lambda n: '{"document": "plan", "x": [' + "1, " * (n // 3) + '0], "x": 1}',
        lambda text: _refused(text, "json"),
        (FEW, MANY),
    ),
    "json escapes in one string": (
        lambda n: (
            '{"document": "plan", "id": "p", "period": "2011", "title": "'
            + "\\\\" * (n // 2)
            + '"}'
        ),
        lambda text: g.loads(text, "json", limits=ROOMY),
        JSON_SIZES,
    ),
    "toml long text": (
        lambda n: f'document = "plan"\nid = "p"\ntitle = "{"计" * n}"\nperiod = 2011\n',
        lambda text: g.loads(text, "toml", limits=ROOMY),
        (SMALL, LARGE),
    ),
    "toml many keys": (
        lambda n: 'document = "plan"\n[x]\n' + "".join(f"k{i} = 1\n" for i in range(n // 10)),
        lambda text: _refused(text, "toml"),
        (FEW, MANY),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_parsing_is_linear_in_time(case: str) -> None:
    make, work, sizes = CASES[case]
    assert _time_ratio(make, work, sizes) < BOUND  # type: ignore[arg-type]


@pytest.mark.parametrize("case", ["json duplicate key located", "yaml long text", "toml many keys"])
def test_parsing_is_linear_in_memory(case: str) -> None:
    make, work, sizes = CASES[case]
    sizes = (FEW, MANY) if case.startswith("yaml") else sizes
    assert _memory_ratio(make, work, sizes) < BOUND  # type: ignore[arg-type]


def test_encoding_detection_is_linear() -> None:
    def make(n: int) -> bytes:
        return ("计划：" * (n // 3)).encode("gb18030")

    assert _time_ratio(make, lambda data: decode_bytes(data)) < BOUND  # type: ignore[arg-type, arg-type]


def test_the_limits_walk_is_linear() -> None:
    def make(n: int) -> object:
        return [{"a": [1, "x"]} for _ in range(n // 10)]

    def work(data: object) -> object:
        return parse_document(json.dumps(data), "json", limits=ROOMY)

    assert _time_ratio(make, work, (FEW, MANY)) < BOUND
