"""Test configuration: Hypothesis without per-example deadlines.

The machines running the suite are small and shared; a deadline would turn a
slow first example (building the converter) into a flaky failure.
"""

from hypothesis import settings

settings.register_profile("govplan", deadline=None)
settings.load_profile("govplan")
