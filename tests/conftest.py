"""Test configuration: Hypothesis without per-example deadlines.

The machines running the suite are small and shared; a deadline would turn a
slow first example (building the converter) into a flaky failure.  The Spark
tests get a 2 GB driver heap.
"""

import os

from hypothesis import settings

# Every Spark test of a run shares one JVM (pyspark keeps its gateway after a
# session stops), and the default 1 GB heap runs out over the whole suite.
os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 2g pyspark-shell")

settings.register_profile("govplan", deadline=None)
settings.load_profile("govplan")
