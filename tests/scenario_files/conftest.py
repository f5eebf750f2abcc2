"""Scenario files that fail or are malformed on purpose, for tests/test_scenarios.py.

pytest must not collect them as the scenarios they are, or the suite would fail by design.
"""

collect_ignore_glob = ["*.scenario.toml"]
