"""Scenario files: one case of the policy, written in TOML, run and checked without Python.

A policy owner or an auditor states a case in the policy's own terms: the rule (``rule =
"billing.payment_deadline"``), its inputs (dates, amounts, parties), optionally the policy it
runs under (parameter overrides, or policy versions with effective dates: the version in force
on the day of the event applies, M-1.9), and the outcome expected (attributes of the result,
the clauses applied, or the error the rule must raise). This module reads such a case from TOML
text or from a parsed mapping, checks it key by key, runs the rule and compares.

This module is the runner. The rules a scenario may name are declared by their families, each
in its adapter beside its rules (``custpolicy.rules.<family>.scenario``, collected into
[`RULES`][custpolicy.scenarios.RULES]), with the typed schema of [`custpolicy.foundation.schema`][]:
the kinds of value, [`ScenarioField`][custpolicy.foundation.schema.ScenarioField] and
[`ScenarioRule`][custpolicy.foundation.schema.ScenarioRule], both importable from here as before.

It does no I/O: the command line (``python -m custpolicy explain`` / ``check``) and the pytest
plugin read the files and hand their text here. A malformed scenario raises
[`ScenarioError`][custpolicy.foundation.errors.ScenarioError] naming the file, the key and what was
expected; an unknown key is an error too, so a typo is never silently ignored. Each problem's
message is a [`Message`][custpolicy.foundation.schema.Message]: English as a ``str``, and in
Simplified or Traditional Chinese through `scenario_error_text`.

Examples:
    >>> scenario = parse_scenario('''
    ... rule = "billing.payment_deadline"
    ... title = "Paying on the seventh day is on time"
    ... [inputs]
    ... delivered = 2024-02-22
    ... paid_on = 2024-02-29
    ... [expect]
    ... due = 2024-02-29
    ... on_time = true
    ... ''', source="seventh-day.scenario.toml")
    >>> outcome = scenario.run()
    >>> outcome.passed
    True
    >>> print(outcome.explain())
    B-6 payment of the gas bill is due 7 calendar days after 2024-02-22, on 2024-02-29 (that day \
is still on time)
    >>> parse_scenario('''
    ... rule = "billing.payment_deadline"
    ... [inputs]
    ... delivered = "March 2"
    ... ''', source="late.scenario.toml")
    Traceback (most recent call last):
    ...
    custpolicy.ScenarioError: late.scenario.toml: line 4: inputs.delivered must be a TOML \
date (YYYY-MM-DD), got "March 2"
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from importlib import import_module
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from custpolicy.foundation import errors
from custpolicy.foundation.clauses import Clause, Lang, clause
from custpolicy.foundation.errors import CustPolicyError, PolicyViolationError, ScenarioError
from custpolicy.foundation.explain import Explained, Phrase, Reason, check_lang
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import CNY, Currency, currency
from custpolicy.foundation.policy import Policy, PolicyBook, PolicyVersion
from custpolicy.foundation.schema import (
    DATE,
    MONEY,
    TEXT,
    TEXTS,
    Context,
    Kind,
    MapOf,
    Record,
    ScenarioField,
    ScenarioRule,
    combined_error,
    did_you_mean,
    key_path,
    problems_text,
    said,
    toml_key,
    toml_text,
)
from custpolicy.foundation.validate import check_bool, check_text
from custpolicy.rules import FAMILIES

__all__ = [
    "RULES",
    "SCENARIO_SUFFIX",
    "Expectation",
    "Mismatch",
    "Scenario",
    "ScenarioField",
    "ScenarioOutcome",
    "ScenarioRule",
    "parse_scenario",
    "scenario_from_mapping",
    "toml_text",
]

SCENARIO_SUFFIX = ".scenario.toml"
"""How a scenario file's name ends; ``check`` and pytest collect the files named so."""

_T = TypeVar("_T")

_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_LINE_KEY = re.compile(r'^\s*("[^"]*"|[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*=')


def _key_parts(text: str) -> list[str]:
    if text.startswith('"'):
        return [text[1:-1]]
    return [part.strip() for part in text.split(".")]


def key_lines(text: str) -> dict[str, int]:
    r"""The line of each key of a TOML text, by dotted key as messages write it (best effort).

    A light scan, not a parser: it follows ``[table]`` and ``[[array]]`` headers and finds
    ``key =`` at the start of a line; a key inside a multi-line value or an inline table is
    found at the line of the value that holds it.

    Examples:
        >>> key_lines('rule = "x"\n[inputs]\ndelivered = 2026-03-02\n[[versions]]\nlabel = "a"')
        {'rule': 1, 'inputs': 2, 'inputs.delivered': 3, 'versions[0]': 4, 'versions[0].label': 5}
    """
    lines: dict[str, int] = {}
    arrays: dict[str, int] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            parts = _key_parts(header.group(2))
            dotted = ".".join(parts)
            if header.group(1) == "[[":
                arrays[dotted] = arrays.get(dotted, -1) + 1
            table = parts
            for n in range(len(parts), 0, -1):
                head = ".".join(parts[:n])
                if head in arrays:
                    table = [f"{key_path(parts[:n])}[{arrays[head]}]", *parts[n:]]
                    break
            lines.setdefault(".".join(table[:1] + [toml_key(p) for p in table[1:]]), number)
            continue
        found = _LINE_KEY.match(line)
        if found:
            key = ".".join([*table[:1], *(toml_key(p) for p in table[1:])])
            name = key_path(_key_parts(found.group(1)))
            lines.setdefault(f"{key}.{name}" if key else name, number)
    return lines


def scenario_error_text(error: ScenarioError, lang: Lang = "en") -> str:
    """A [`ScenarioError`][] in ``lang``: every problem on its own line, with its line.

    Every message of the runner is written in ``lang``; the keys, the values of the file, the
    clause IDs and the text of an error the runner quotes (the TOML parser's, a refusal of the
    policy) are shown as they are.
    """
    lang = check_lang(lang, "scenario_error_text")
    return problems_text(error.source, error.problems, lang)


_SHORT_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _date_hint(line: str) -> str:
    """The hint for a date written without two-digit months or days on ``line``, if any."""
    for found in _SHORT_DATE.finditer(line):
        year, month, day = found.groups()
        if len(month) == 1 or len(day) == 1:
            written = f"{year}-{int(month):02d}-{int(day):02d}"
            return said("date", date=written)
    return ""


class _Problems:
    """The errors found so far while reading a scenario; `attempt` keeps reading."""

    def __init__(self) -> None:
        self.found: list[ScenarioError] = []

    def attempt(self, default: _T, read: Callable[..., _T], *args: Any) -> _T:
        try:
            return read(*args)
        except ScenarioError as error:
            self.found.append(error)
            return default

    def raise_any(self, source: str) -> None:
        if self.found:
            raise combined_error(source, self.found)


RULES: Mapping[str, ScenarioRule] = MappingProxyType(
    {
        rule.name: rule
        for family in FAMILIES
        for rule in import_module(f"custpolicy.rules.{family}.scenario").RULES
    }
)
"""The rules a scenario may name, by name (``<module>.<function>``), family by family.

Each family declares its own in ``custpolicy.rules.<family>.scenario`` (its ``RULES``), with the
vocabulary of [`custpolicy.foundation.schema`][]; the families are those of
``custpolicy.rules.FAMILIES``, in that order.
"""

# -- the policy a scenario runs under ------------------------------------------------------------

_GROUP_NAMES = tuple(field.name for field in attrs.fields(Policy))
_PARAMETER_TYPES: Mapping[str, str] = MappingProxyType(
    {
        f"{group}.{field.name}": str(field.type)
        for group in _GROUP_NAMES
        for field in attrs.fields(type(getattr(Policy(), group)))
    }
)
_OVERRIDES_WHAT = said("overrides", example='"billing.payment_days" = 10')


def _overrides(table: object, key: str, ctx: Context) -> dict[str, tuple[object, str]]:
    """The parameter changes of a ``[policy]`` table: path -> (TOML value, key for messages)."""
    if not isinstance(table, dict):
        raise ctx.expected(key, _OVERRIDES_WHAT, table)
    found: dict[str, tuple[object, str]] = {}
    problems: list[ScenarioError] = []
    for name, value in table.items():
        where = f"{key}.{toml_key(name)}"
        if "." in name:
            if name not in _PARAMETER_TYPES:
                problems.append(
                    ctx.error(
                        where, said("not_a_parameter", hint=did_you_mean(name, _PARAMETER_TYPES))
                    )
                )
                continue
            found[name] = (value, where)
        elif name in _GROUP_NAMES:
            if not isinstance(value, dict):
                problems.append(ctx.expected(where, said("group_table", name=name), value))
                continue
            fields = [
                path.split(".")[1] for path in _PARAMETER_TYPES if path.startswith(f"{name}.")
            ]
            for field, item in value.items():
                if field not in fields:
                    problems.append(ctx.unknown(f"{where}.{toml_key(field)}", field, fields))
                    continue
                found[f"{name}.{field}"] = (item, f"{where}.{field}")
        else:
            problems.append(ctx.unknown(where, name, _GROUP_NAMES))
    if problems:
        raise combined_error(ctx.source, problems)
    return found


def _policy(
    base: Policy, changes: Mapping[str, tuple[object, str]], key: str, ctx: Context
) -> Policy:
    """``base`` with the changes applied; amounts are read in the policy's currency."""
    values: dict[str, object] = {}
    cur = base.general.currency
    if "general.currency" in changes:
        code, where = changes["general.currency"]
        cur = _currency_of(code, where, ctx)
        values["general.currency"] = cur
    money_ctx = Context(ctx.source, cur)
    for path, (value, where) in changes.items():
        if _PARAMETER_TYPES[path] in ("Money", "Money | None"):
            values[path] = MONEY.parse(value, where, money_ctx)
        elif path != "general.currency":
            values[path] = value
    try:
        return base.updated(values)
    except CustPolicyError as error:
        for path, value in values.items():
            try:
                base.updated({path: value})
            except CustPolicyError as refusal:
                raise ctx.error(
                    changes[path][1], said("refused_by_policy", error=str(refusal))
                ) from None
        raise ctx.error(key, said("refused_by_policy", error=str(error))) from None


def _currency_of(value: object, key: str, ctx: Context) -> Currency:
    try:
        return currency(value)  # type: ignore[arg-type]
    except CustPolicyError:
        raise ctx.expected(key, said("currency", example='"CNY"'), value) from None


# -- scenarios -----------------------------------------------------------------------------------


@attrs.frozen
class Expectation:
    """One value a scenario expects of its rule's result.

    Attributes:
        path: the output, then the keys into it: ``("due",)`` or ``("persons", "Chen")``.
        expected: the value expected, read from TOML (a date, Money, Decimal, member ...).
    """

    path: tuple[str, ...]
    expected: object
    kind: Kind = attrs.field(repr=False, eq=False)

    @property
    def key(self) -> str:
        """The expectation's key in the file, such as ``expect.persons.Chen``."""
        return key_path(("expect", *self.path))


_TOP_KEYS = (
    "rule",
    "title",
    "description",
    "currency",
    "event_date",
    "inputs",
    "policy",
    "versions",
    "expect",
)
_VERSION_KEYS = ("effective", "label", "policy")
_EXPECT_KEYS = ("clauses", "clauses_include", "error", "error_contains")
_ERRORS = tuple(name for name in errors.__all__ if name != "ScenarioError")


@attrs.frozen(eq=False)
class Scenario:
    """One case of the policy, read and checked key by key; [`run`][] runs it.

    Attributes:
        source: where the scenario comes from (a file name), for messages.
        rule: the rule it runs.
        title: a short name (default: the file's name).
        description: free text about the case.
        inputs: the inputs, converted (dates, Money, Decimal, members of the policy's
            enumerations ...).
        policy: the policy it runs under when it has no versions: the defaults, with the
            ``[policy]`` overrides.
        overrides: the ``[policy]`` overrides, by dotted path.
        book: the policy versions (M-1.9), or ``None``.
        event_date: the day that picks the version in force, when the scenario gives it.
        expectations: the result values expected.
        clauses: the clauses the result must cite, or ``None`` if not checked.
        clauses_include: clauses the result must cite among others, or ``None``.
        error: the name of the error the rule must raise, or ``None``.
        error_contains: text the error's message must contain, or ``None``.
    """

    source: str
    rule: ScenarioRule
    title: str
    description: str
    inputs: Mapping[str, Any]
    policy: Policy
    overrides: tuple[tuple[str, object], ...]
    book: PolicyBook | None
    event_date: date | None
    expectations: tuple[Expectation, ...]
    clauses: tuple[Clause, ...] | None
    error: str | None
    error_contains: str | None
    clauses_include: tuple[Clause, ...] | None = None

    @property
    def event(self) -> date | None:
        """The day whose policy version applies: ``event_date``, else the rule's event input."""
        return self.event_date if self.event_date is not None else self.rule.event_of(self.inputs)

    def run(self) -> ScenarioOutcome:
        """Run the rule on the inputs under the scenario's policy, and compare."""
        context: tuple[Reason, ...] = ()
        try:
            policy = self.policy
            if self.book is not None:
                in_force = self.book.in_force(self.event)  # type: ignore[arg-type]
                policy = in_force.policy.updated(dict(self.overrides))
                context = in_force.reasons + _changes(in_force.policy, policy)
            else:
                context = _changes(Policy(), policy)
            result = self.rule.call(self.inputs, policy)
            decision = tuple(
                (field.name, field.kind.toml(field.get(result, self.inputs)))  # type: ignore[misc]
                for field in self.rule.outputs
                if all(self.inputs[need] is not None for need in field.needs)
            )
            mismatches = self._compare(result)
        except CustPolicyError as error:
            return ScenarioOutcome(self, None, error, self._refused(error), (), context)
        return ScenarioOutcome(self, result, None, mismatches, decision, context)

    def _compare(self, result: Explained) -> tuple[Mismatch, ...]:
        found: list[Mismatch] = []
        if self.error is not None:
            found.append(Mismatch("expect.error", self.error, _RESULT))
        for expectation in self.expectations:
            field = self.rule.output(expectation.path[0])
            actual = field.get(result, self.inputs)  # type: ignore[union-attr,misc]
            for name in expectation.path[1:]:
                actual = actual.get(name, _ABSENT) if isinstance(actual, Mapping) else _ABSENT
            kind = expectation.kind
            if actual is _ABSENT or not kind.same(expectation.expected, actual):
                shown = _ABSENT if actual is _ABSENT else toml_text(kind.toml(actual))
                found.append(
                    Mismatch(expectation.key, toml_text(kind.toml(expectation.expected)), shown)
                )
        if self.clauses is not None and set(self.clauses) != set(result.clauses):
            found.append(
                Mismatch(
                    "expect.clauses",
                    toml_text([c.id for c in self.clauses]),
                    toml_text([c.id for c in result.clauses]),
                )
            )
        if self.clauses_include is not None and not set(self.clauses_include) <= set(
            result.clauses
        ):
            found.append(
                Mismatch(
                    "expect.clauses_include",
                    toml_text([c.id for c in self.clauses_include]),
                    toml_text([c.id for c in result.clauses]),
                )
            )
        checked = (self.clauses, self.clauses_include, self.error)
        if not (self.expectations or any(item is not None for item in checked)):
            found.append(Mismatch("expect", _SOMETHING, _NOTHING))
        return tuple(found)

    def _refused(self, error: CustPolicyError) -> tuple[Mismatch, ...]:
        raised = f"{type(error).__name__}: {error}"
        if self.error is None:
            return (Mismatch("result", _RESULT, raised),)
        if not isinstance(error, getattr(errors, self.error)):
            return (Mismatch("expect.error", self.error, raised),)
        if self.error_contains is not None and self.error_contains not in str(error):
            return (Mismatch("expect.error_contains", toml_text(self.error_contains), raised),)
        return ()


def _changes(base: Policy, policy: Policy) -> tuple[Reason, ...]:
    diff = base.diff(policy)
    return diff.reasons if diff.changes else ()


_RESULT = Phrase("a result", "得出結果")
_ABSENT = Phrase("(absent)", "（無此項）")
_SOMETHING = Phrase("at least one expected value", "至少一項預期")
_NOTHING = Phrase(
    "nothing is expected: add values to [expect] (explain prints them)",
    "未列出任何預期：請在[expect]表中加入預期值（explain指令會列出結果）",
)


@attrs.frozen
class Mismatch:
    """What a scenario expected and what the rule gave instead.

    Attributes:
        path: the key in the file, such as ``expect.due``.
        expected: the value expected, in TOML.
        actual: the value the rule gave, in TOML (or the error it raised).
    """

    path: str
    expected: object
    actual: object

    def render(self, lang: Lang = "en") -> str:
        """The mismatch as one line of text in ``lang``."""
        lang = check_lang(lang, "Mismatch.render")
        expected = _show(self.expected, lang)
        actual = _show(self.actual, lang)
        text = in_lang(
            lang,
            "{path}: expected {expected}, got {actual}",
            "{path}：預期{expected}，實際為{actual}",
        )
        return text.format(path=self.path, expected=expected, actual=actual)


def _show(value: object, lang: Lang) -> str:
    return value.label(lang) if isinstance(value, Phrase) else str(value)


@attrs.frozen(eq=False)
class ScenarioOutcome(Explained):
    """A scenario run: whether it passed, what differed, and the rule's explanation.

    Attributes:
        scenario: the scenario that was run.
        result: the rule's result, or ``None`` if the rule refused the case.
        error: the error the rule raised, or ``None``.
        mismatches: what differed from the expectations; empty when the scenario passed.
        decision: every output of the result, as ``(name, TOML value)`` pairs, ready to paste
            into ``[expect]``.
        context: the policy the rule ran under, when it is not the defaults: the version in
            force (M-1.9) and the parameters the scenario changed.
    """

    scenario: Scenario
    result: Explained | None
    error: CustPolicyError | None
    mismatches: tuple[Mismatch, ...]
    decision: tuple[tuple[str, object], ...]
    context: tuple[Reason, ...]

    _record_fields = ("source", "rule", "title", "passed", "failures")

    @property
    def passed(self) -> bool:
        """Whether the rule gave everything the scenario expected."""
        return not self.mismatches

    @property
    def source(self) -> str:
        """The scenario's file."""
        return self.scenario.source

    @property
    def rule(self) -> str:
        """The name of the rule the scenario ran."""
        return self.scenario.rule.name

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.scenario.title

    @property
    def failures(self) -> tuple[str, ...]:
        """The mismatches, one line of English each (a table of runs shows them)."""
        return tuple(mismatch.render() for mismatch in self.mismatches)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The policy context, then the rule's reasons (or its refusal)."""
        if self.result is not None:
            return self.context + self.result.reasons
        refusal = Reason.of(
            "scenario.refused",
            self.error.clause if isinstance(self.error, PolicyViolationError) else None,
            en="the rule refused the case: {error}",
            zh="規則拒絕此案例：{error}",
            error=f"{type(self.error).__name__}: {self.error}",
        )
        return (*self.context, refusal)

    def verdict(self, lang: Lang = "en") -> str:
        """One line: PASS or FAIL, the file and the title."""
        lang = check_lang(lang, "ScenarioOutcome.verdict")
        word = in_lang(lang, "PASS", "通過") if self.passed else in_lang(lang, "FAIL", "未通過")
        colon = in_lang(lang, ": ", "：")
        return f"{word} {self.scenario.source}{colon}{self.scenario.title}"

    def report(self, lang: Lang = "en", *, full: bool = True) -> str:
        """The outcome as text: with ``full``, the case, its decision and its explanation.

        Without ``full``: the verdict, the mismatches and the explanation (what ``check``
        prints for a failure).
        """
        lang = check_lang(lang, "ScenarioOutcome.report")
        check_bool(full, "full", "ScenarioOutcome.report")
        en = lang == "en"
        say = functools.partial(in_lang, lang)
        scenario = self.scenario
        lines: list[str] = []
        if full:
            rule = scenario.rule
            if en:
                about = f"({', '.join(c.id for c in rule.clauses)}): {rule.summary}"
            else:  # the catalogue's titles: the summaries are in English only
                about = "（" + "、".join(f"{c.id} {c.title(lang)}" for c in rule.clauses) + "）"
            lines += [
                scenario.title,
                f"  {say('file: ', '檔案：')}{scenario.source}",
                f"  {say('rule: ', '規則：')}{rule.name}{' ' if en else ''}{about}",
            ]
            lines += [f"  {line}" for line in scenario.description.strip().splitlines()]
            lines.append(say("decision:", "結果："))
            lines += [f"  {name} = {toml_text(value)}" for name, value in self.decision]
            if self.error is not None:
                lines.append(f"  {say('refused: ', '拒絕：')}{type(self.error).__name__}")
        else:
            lines.append(self.verdict(lang))
            lines += [f"  {m.render(lang)}" for m in self.mismatches]
        indent = "" if full else "  "
        lines.append(indent + say("explanation:", "說明："))
        lines += [f"{indent}  {line}" for line in self.explain(lang).splitlines()]
        if full:
            if self.passed:
                met = len(scenario.expectations) + (scenario.clauses is not None)
                met += (scenario.error is not None) + (scenario.clauses_include is not None)
                passed = say(
                    "check: PASS ({met} expectation(s) met)", "檢查：通過（符合{met}項預期）"
                )
                lines.append(passed.format(met=met))
            else:
                lines.append(say("check: FAIL", "檢查：未通過"))
                lines += [f"  {m.render(lang)}" for m in self.mismatches]
        return "\n".join(lines)


def _title(source: str) -> str:
    name = re.split(r"[\\/]", source)[-1]
    return name.removesuffix(SCENARIO_SUFFIX).removesuffix(".toml")


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """Read a scenario from TOML text; ``source`` (the file name) goes into every message.

    Raises:
        ScenarioError: the text is not TOML, or not a scenario: the message names the file, the
            key and what was expected.
    """
    if not isinstance(text, str):
        raise _file_error(str(source), said("not_text", type=type(text).__name__))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"at line (\d+)", str(error))
        line = int(at.group(1)) if at else None
        lines = text.splitlines()
        hint = _date_hint(lines[line - 1]) if line is not None and line <= len(lines) else ""
        raise _file_error(source, said("not_toml", error=str(error), hint=hint), line) from None
    return _from_mapping(data, source, key_lines(text))


def _file_error(source: str, message: str, line: int | None = None) -> ScenarioError:
    """A problem of the whole file (not of one key), at ``line`` if known."""
    return ScenarioError(
        f"{source}: {message}", source=source, key=None, problems=((None, line, message),)
    )


def unreadable(source: str, reason: object) -> ScenarioError:
    """The error for a scenario file that cannot be read (``reason``: why, such as an OS error)."""
    return _file_error(source, said("cannot_read", reason=reason))


def scenario_from_mapping(data: Mapping[str, object], *, source: str = "<scenario>") -> Scenario:
    """Read a scenario from a mapping as ``tomllib`` gives it (tables are dicts, arrays lists).

    Raises:
        ScenarioError: the mapping is not a scenario: the message names the file, the key and
            what was expected.
    """
    check_text(source, "source", "scenario", blank=True)
    return _from_mapping(data, source, {})


def _from_mapping(data: Mapping[str, object], source: str, lines: Mapping[str, int]) -> Scenario:
    """Read every key of ``data``, collecting every problem; raise them all at the end."""
    ctx = Context(source, CNY, lines)
    if not isinstance(data, Mapping):
        raise _file_error(source, said("not_a_table", got=toml_text(data)))
    _check_keys(data, "", ctx)
    problems = _Problems()
    problems.found += [
        ctx.unknown(toml_key(name), name, _TOP_KEYS) for name in data if name not in _TOP_KEYS
    ]
    rule = problems.attempt(None, _rule_of, data, ctx)
    title = problems.attempt("", TEXT.parse, data.get("title", _title(source)), "title", ctx)
    description = problems.attempt("", TEXT.parse, data.get("description", ""), "description", ctx)
    chosen = None
    if "currency" in data:
        chosen = problems.attempt(None, _currency_of, data["currency"], "currency", ctx)
    changes: dict[str, tuple[object, str]] = problems.attempt(
        {}, _overrides, data.get("policy", {}), "policy", ctx
    )
    policy = problems.attempt(Policy(), _policy, Policy(), changes, "policy", ctx)
    ctx = Context(source, chosen or policy.general.currency, lines)
    book = None
    if "versions" in data:
        book = problems.attempt(None, _book, data["versions"], changes, ctx)
    inputs = None
    if rule is not None:
        inputs = problems.attempt(
            None, Record(rule.inputs).parse, data.get("inputs", {}), "inputs", ctx
        )
    event_date = None
    if "event_date" in data:
        event_date = problems.attempt(None, DATE.parse, data["event_date"], "event_date", ctx)
        if "versions" not in data:
            problems.found.append(ctx.error("event_date", said("event_date_alone")))
    elif (
        book is not None
        and rule is not None
        and inputs is not None
        and rule.event_of(inputs) is None
    ):
        why = (
            said("event_not_a_date", event=rule.event)
            if rule.event
            else said("no_dated_event", rule=rule.name)
        )
        problems.found.append(
            ctx.error(
                "event_date",
                said("event_date_missing", why=why, example="event_date = 2026-07-01"),
            )
        )
    expect = data.get("expect", {})
    expected: dict[str, Any] = {}
    if not isinstance(expect, dict):
        problems.found.append(ctx.expected("expect", said("expect_table"), expect))
    elif rule is not None:
        expected = problems.attempt({}, _expectations, expect, rule, inputs, ctx)
    problems.raise_any(source)
    return Scenario(
        source=source,
        rule=rule,  # type: ignore[arg-type]
        title=title,
        description=description,
        inputs=MappingProxyType(inputs),  # type: ignore[arg-type]
        policy=policy,
        overrides=tuple((path, value) for path, (value, _) in changes.items()),
        book=book,
        event_date=event_date,
        **expected,
    )


def _rule_of(data: Mapping[str, object], ctx: Context) -> ScenarioRule:
    if "rule" not in data:
        raise ctx.error("rule", said("rule_missing", **_RULE_EXAMPLE))
    rule_name = data["rule"]
    rule = RULES.get(rule_name) if isinstance(rule_name, str) else None
    if rule is None:
        hint = did_you_mean(rule_name, RULES) if isinstance(rule_name, str) else ""
        raise ctx.expected("rule", said("rule_name", **_RULE_EXAMPLE), rule_name, hint)
    return rule


_RULE_EXAMPLE = {"example": '"billing.payment_deadline"', "command": "python -m custpolicy rules"}


def _check_keys(value: object, key: str, ctx: Context) -> None:
    """Refuse a table key that is not text, at any depth, as TOML never gives one.

    A mapping from YAML or JSON may hold one (``1:``); every later check compares keys as text.
    """
    if isinstance(value, Mapping):
        for name, item in value.items():
            if not isinstance(name, str):
                where = f"{key}.{toml_key(str(name))}" if key else toml_key(str(name))
                message = said("key_not_text", key=where, type=type(name).__name__, name=repr(name))
                raise ScenarioError(
                    f"{ctx.source}: {message}",
                    source=ctx.source,
                    key=where,
                    problems=((None, None, message),),
                )
            _check_keys(item, f"{key}.{toml_key(name)}" if key else toml_key(name), ctx)
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            _check_keys(item, f"{key}[{n}]", ctx)


def _book(value: object, changes: Mapping[str, tuple[object, str]], ctx: Context) -> PolicyBook:
    what = said("versions")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ctx.expected("versions", what, value)
    versions = []
    problems = _Problems()
    for n, item in enumerate(value):
        version = problems.attempt(None, _version, n, item, changes, ctx)
        if version is not None:
            versions.append(version)
    problems.raise_any(ctx.source)
    try:
        return PolicyBook(versions)
    except CustPolicyError as error:
        raise ctx.error("versions", said("versions_refused", error=str(error))) from None


def _version(
    n: int, item: Mapping[str, object], changes: Mapping[str, tuple[object, str]], ctx: Context
) -> PolicyVersion:
    where = f"versions[{n}]"
    for name in item:
        if name not in _VERSION_KEYS:
            raise ctx.unknown(f"{where}.{toml_key(name)}", name, _VERSION_KEYS)
    if "effective" not in item:
        raise ctx.error(f"{where}.effective", said("missing", what=DATE.wanted))
    effective = DATE.parse(item["effective"], f"{where}.effective", ctx)
    label = TEXT.parse(item.get("label", ""), f"{where}.label", ctx)
    policy = _policy(
        Policy(),
        _overrides(item.get("policy", {}), f"{where}.policy", ctx),
        f"{where}.policy",
        ctx,
    )
    _policy(policy, changes, "policy", ctx)  # the overrides must apply to every version
    return PolicyVersion(effective, policy, label)


def _expectations(
    expect: Mapping[str, object],
    rule: ScenarioRule,
    inputs: Mapping[str, Any] | None,
    ctx: Context,
) -> dict[str, Any]:
    """The ``[expect]`` table read; every problem is collected.

    ``inputs`` is ``None`` when they could not be read: which outputs they allow is not checked.
    """
    problems = _Problems()
    found: list[Expectation] = []
    for name, value in expect.items():
        if name in _EXPECT_KEYS:
            continue
        field = rule.output(name)
        if field is None:
            known = [f.name for f in rule.outputs] + list(_EXPECT_KEYS)
            problems.found.append(ctx.unknown(f"expect.{toml_key(name)}", name, known))
            continue
        missing = [need for need in field.needs if inputs is not None and inputs[need] is None]
        if missing:
            problems.found.append(ctx.error(f"expect.{name}", said("needs_input", name=missing[0])))
            continue
        found += problems.attempt([], _descend, (name,), field.kind, value, ctx)
    clauses, include = (
        problems.attempt(None, _clause_list, expect, key, ctx)
        for key in ("clauses", "clauses_include")
    )
    error = None
    if "error" in expect:
        error = expect["error"]
        if error not in _ERRORS:
            hint = did_you_mean(error, _ERRORS) if isinstance(error, str) else ""
            problems.found.append(
                ctx.expected("expect.error", said("error_name", names=_ERRORS), error, hint)
            )
            error = None
        elif found or clauses is not None or include is not None:
            problems.found.append(ctx.error("expect.error", said("error_alone")))
    contains = None
    if "error_contains" in expect:
        contains = problems.attempt(
            None, TEXT.parse, expect["error_contains"], "expect.error_contains", ctx
        )
        if "error" not in expect:
            problems.found.append(ctx.error("expect.error_contains", said("error_contains_alone")))
    problems.raise_any(ctx.source)
    return {
        "expectations": tuple(found),
        "clauses": clauses,
        "clauses_include": include,
        "error": error,
        "error_contains": contains,
    }


def _clause_list(expect: Mapping[str, object], key: str, ctx: Context) -> tuple[Clause, ...] | None:
    if key not in expect:
        return None
    listed = TEXTS.parse(expect[key], f"expect.{key}", ctx)
    problems = _Problems()
    found = tuple(
        problems.attempt(None, _clause, text, f"expect.{key}[{n}]", ctx)
        for n, text in enumerate(listed)
    )
    problems.raise_any(ctx.source)
    return found  # type: ignore[return-value]


def _clause(text: object, key: str, ctx: Context) -> Clause:
    try:
        return clause(str(text))
    except CustPolicyError:
        raise ctx.expected(key, said("clause_id", example='"B-6"'), text) from None


def _descend(path: tuple[str, ...], kind: Kind, value: object, ctx: Context) -> list[Expectation]:
    where = key_path(("expect", *path))
    if not isinstance(kind, (Record, MapOf)):
        return [Expectation(path, kind.parse(value, where, ctx), kind)]
    if not isinstance(value, dict):
        raise ctx.expected(where, kind.wanted, value)
    found = []
    for name, item in value.items():
        if isinstance(kind, MapOf):
            inner = kind.inner
        else:
            field = kind.field(name)
            if field is None:
                known = [f.name for f in kind.fields]
                raise ctx.unknown(key_path(("expect", *path, name)), name, known)
            inner = field.kind
        found += _descend((*path, name), inner, item, ctx)
    return found
