"""Every wording reader is linear in its input: 4× the text takes about 4× the time.

Absolute times are never asserted.  The best of three runs at n characters is
compared with the best of three at 4n, each divided by the time of a linear
reference pass over the same text (copying and encoding it), so that the
memory hierarchy's own non-linearity cancels: linear work gives a ratio near 1,
quadratic work near 4.  n starts at 6,250 characters and grows fourfold until
a run takes long enough to measure (up to 4·10^5, so the larger input reaches
10^5 to 1.6·10^6 characters for the fast readers).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

import govplan as g

LIMIT = 2.5

INPUTS: dict[str, Callable[[int], str]] = {
    "digits then a newline": lambda n: "1" * n + "\n",
    "digits, a newline, a word": lambda n: "1" * n + "\n人",
    "digits then a unit": lambda n: "9" * n + "人",
    "chinese numerals": lambda n: "一" * n + "人",
    "many statements": lambda n: "增长8%，控制在1%以内；" * (n // 12),
    "thousands groups": lambda n: "1" + ",000" * (n // 4) + "1",
    "spaced digits": lambda n: "1 " * (n // 2),
    "brackets": lambda n: "(" + "1" * n + ",]人",
    "approximation marks": lambda n: "3" + "多" * n,
    "period words": lambda n: "1至9月" * (n // 4),
}

READERS: dict[str, Callable[[str], object]] = {
    "parse_quantity": g.parse_quantity,
    "parse_period": g.parse_period,
    "find_periods": g.find_periods,
    "find_statements": g.find_statements,
}
START = 6_250
LARGEST = 400_000
ENOUGH = 0.02  # seconds: below this a shared machine's noise dominates a ratio
_FOLD = str.maketrans("0123456789", "９８７６５４３２１０")


def _reference(text: str) -> object:
    return text.translate(_FOLD), text.encode("utf-8"), text[::-1]


def _once(function: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(g.GovplanError):
        function(text)
    return time.perf_counter() - started


def _best(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.suppress(g.GovplanError):
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(INPUTS))
@pytest.mark.parametrize("reader", sorted(READERS))
def test_readers_are_linear(reader: str, shape: str) -> None:
    function, make = READERS[reader], INPUTS[shape]
    _best(function, make(START))  # warm up caches of compiled patterns and units
    size = START
    while _once(function, make(size)) < ENOUGH and size < LARGEST:
        size *= 4
    small, large = make(size), make(4 * size)
    # Noise only ever makes a linear reader look worse, and a quadratic one never
    # looks linear: the best of three attempts decides.
    ratios = []
    for _ in range(3):
        growth = _best(function, large) / _best(function, small)
        reference = _best(_reference, large) / _best(_reference, small)
        ratios.append(growth / reference)
        if ratios[-1] < LIMIT:
            return
    pytest.fail(f"{reader} on {shape} at n={size:,}: growth over the reference {ratios}")
