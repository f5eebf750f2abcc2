"""Scenario files broken on purpose, for the messages of tests/test_scenarios.py (issue 15).

pytest must not collect them as the scenarios they are, or the suite would fail by design.
"""

collect_ignore_glob = ["*.scenario.toml"]
