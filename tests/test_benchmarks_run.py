"""The benchmark scripts run (tiny sizes; their figures are not checked here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _run(*args: str) -> str:
    run = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_checks_benchmark_runs() -> None:
    out = _run(str(BENCHMARKS / "bench_checks.py"), "--size", "300", "--rounds", "1")
    assert "evaluate+counts+passes (value columns)" in out
    assert "bytes per check" in out


def test_the_load_benchmark_runs() -> None:
    out = _run(str(BENCHMARKS / "bench_load.py"), "--goals", "50", "--rounds", "1")
    assert "govplan.loads / json.loads" in out
    assert "floor (json.loads, then constructors)" in out  # it rebuilt the same plan
    assert "garbage collector: median" in out


def test_the_rollup_benchmark_runs() -> None:
    out = _run(str(BENCHMARKS / "bench_rollup.py"), "--counties", "5", "--rounds", "1")
    assert "sql / read-back: min" in out
