"""Ledger rows no check uses and exact repeats, found by Spark as by the in-process engine.

Skipped, with the reason, where pyspark or Java is missing; CI installs both.
Kept to one session and one sample: Spark is slow to start and to plan.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.spark

if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 or later on PATH (java -version)", allow_module_level=True)
pytest.importorskip("pyspark", reason="Spark tests need pyspark: pip install 'govplan[spark]'")
pytest.importorskip("pyarrow")

import govplan as g  # noqa: E402
from govplan.cli.main import main  # noqa: E402
from govplan.engine.executors.spark import spark_session  # noqa: E402
from tests.unmatched_cases import (  # noqa: E402
    SAMPLE_EXPECTED,
    SAMPLE_PLAN,
    SAMPLE_ROWS,
    write,
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session(master="local[2]")
    yield session
    session.stop()


def test_spark_reports_the_unused_rows_duckdb_and_python_report_in_the_same_words(
    tmp_path: Path, spark: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # One Spark run (the command line, on the session above): its warnings and
    # JSON records are those of DuckDB, whose answers the property test holds
    # to the in-process engine's.
    plan = tmp_path / "plan.yaml"
    g.dump(SAMPLE_PLAN, plan)
    rows = [tuple("s1" if c == "elsewhere" else c for c in row) for row in SAMPLE_ROWS]
    ledger = write(tmp_path / "ledger.csv", rows)
    runs = {}
    for engine in ("python", "duckdb", "spark"):
        status = main(
            ["check", str(plan), "--results", str(ledger), "--engine", engine, "--format", "json"]
        )
        out, err = capsys.readouterr()
        warned = [
            line
            for line in err.splitlines()
            if line.startswith("govplan: warning:")
            and line.endswith(("not checked", "counted once"))
        ]
        runs[engine] = (status, warned, json.loads(out)["unmatched"])
    assert runs["spark"] == runs["duckdb"] == runs["python"]
    # The exact repeat (row 7 of row 6) is named in the row-wise reader's words.
    assert (
        f"govplan: warning: {ledger}: row 7: repeats row 6 "
        "(same indicator, organisation, period and value); counted once"
    ) in runs["spark"][1]
    assert [(r["row"], r["reason"]) for r in runs["spark"][2]] == [
        (row, reason.value) for row, reason in SAMPLE_EXPECTED
    ]
