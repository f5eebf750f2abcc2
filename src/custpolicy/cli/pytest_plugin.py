"""pytest collects scenario files: each ``*.scenario.toml`` is one test.

Installing custpolicy registers this module as a pytest plugin (the ``pytest11`` entry point),
so a company keeps its scenario files beside its code and ``pytest`` runs them with its other
tests. A failing scenario is reported as ``check`` reports it: what was expected, what the rule
gave, and the rule's explanation; a malformed file lists every problem, each with its line, the
key and what was expected. ``--custpolicy-lang zh-Hant`` reports in Traditional Chinese and
``zh-Hans`` (or ``zh-CN``) in Simplified, as ``python -m custpolicy check --lang ...`` does.

The plugin is imported when pytest starts, before a coverage tool does, so it imports nothing
of custpolicy until a scenario file is collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_SUFFIX = ".scenario.toml"  # custpolicy.scenarios.SCENARIO_SUFFIX, without importing it early
_LANGS = ("en", "zh-Hans", "zh-Hant")  # custpolicy.foundation.lang.LANGS, not imported early


def _lang(tag: str) -> str:
    """The option's value as a canonical tag (``zh-CN`` gives ``zh-Hans``), or a usage error.

    custpolicy is imported only for a tag that is not canonical: pytest reads its options
    before a coverage plugin starts measuring.
    """
    if tag in _LANGS:
        return tag
    import argparse

    from custpolicy.foundation.errors import InvalidInputError
    from custpolicy.foundation.lang import normalize_lang

    try:
        return normalize_lang(tag, "--custpolicy-lang")
    except InvalidInputError as error:
        raise argparse.ArgumentTypeError(f"invalid choice: {tag!r} ({error})") from None


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--custpolicy-lang``: the language of the reports of failed scenarios."""
    parser.getgroup("custpolicy").addoption(
        "--custpolicy-lang",
        type=_lang,
        default="en",
        help="language of the reports of failed or malformed scenario files: en, zh-Hans or "
        "zh-Hant, or a tag of one such as zh-CN (default: en)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """Collect a ``*.scenario.toml`` file as one test."""
    if file_path.name.endswith(_SUFFIX):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A scenario file: it holds one test, the scenario."""

    def collect(self) -> list[ScenarioItem]:
        """The file's one test, named after the file."""
        name = self.path.name.removesuffix(_SUFFIX)
        return [ScenarioItem.from_parent(self, name=name)]


class ScenarioFailedError(Exception):
    """A scenario whose rule did not give what it expected; the message is the report."""


class ScenarioItem(pytest.Item):
    """Run a scenario file and compare, as ``python -m custpolicy check`` does."""

    def runtest(self) -> None:
        """Read, run and compare; fail with the report if anything differs."""
        from custpolicy.foundation.schema import said
        from custpolicy.scenarios import parse_scenario, unreadable

        source = self._source()
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise unreadable(source, said("not_utf8")) from None
        outcome = parse_scenario(text, source=source).run()
        if not outcome.passed:
            raise ScenarioFailedError(outcome.report(self._lang(), full=False))

    def _lang(self) -> Any:
        return self.config.getoption("custpolicy_lang")

    def _source(self) -> str:
        try:
            return self.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            return self.path.as_posix()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """The report of a failed or malformed scenario, without a traceback."""
        from custpolicy.foundation.errors import ScenarioError
        from custpolicy.scenarios import scenario_error_text

        if isinstance(excinfo.value, ScenarioError):
            return scenario_error_text(excinfo.value, self._lang())
        if isinstance(excinfo.value, ScenarioFailedError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the test comes from, for pytest's reports."""
        return self.path, None, f"scenario {self.name}"
