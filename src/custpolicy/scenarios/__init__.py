"""Scenario files: one case of the policy, written in TOML, run and checked without Python.

A policy owner or an auditor states a case in the policy's own terms: the rule (``rule =
"billing.payment_deadline"``), its inputs (dates, amounts, parties), optionally the policy it
runs under (parameter overrides, or policy versions with effective dates: the version in force
on the day of the event applies, M-1.9), and the outcome expected (attributes of the result,
the clauses applied, or the error the rule must raise). This module reads such a case from TOML
text or from a parsed mapping, checks it key by key, runs the rule and compares.

It does no I/O: the command line (``python -m custpolicy explain`` / ``check``) and the pytest
plugin read the files and hand their text here. A malformed scenario raises
:class:`~custpolicy.foundation.errors.ScenarioError` naming the file, the key and what was
expected; an
unknown key is an error too, so a typo is never silently ignored.

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

import difflib
import enum
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from custpolicy.foundation import errors, fairsplit
from custpolicy.foundation import policy as policy_module
from custpolicy.foundation.clauses import Clause, Lang, clause
from custpolicy.foundation.errors import CustPolicyError, PolicyViolationError, ScenarioError
from custpolicy.foundation.explain import Explained, Phrase, Reason, check_lang
from custpolicy.foundation.money import CNY, Currency, Money, currency
from custpolicy.foundation.policy import Policy, PolicyBook, PolicyVersion, read_amount
from custpolicy.rules import billing, complaints, customers, leads, losses, penalties
from custpolicy.rules.complaints import returns

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

_NONE = "none"

# -- TOML text, for messages and for the values explain prints -----------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def toml_text(value: object) -> str:
    """``value`` written as TOML writes it, such as ``"March 2"``, ``2026-03-02`` or ``[1, 2]``.

    Examples:
        >>> toml_text({"Team A": "3149.99 CNY", "Li": ["x", True]})
        '{ "Team A" = "3149.99 CNY", Li = ["x", true] }'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(str(k))} = {toml_text(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_text(item) for item in value) + "]"
    return repr(value) if isinstance(value, float) else str(value)


def _path(parts: Iterable[str]) -> str:
    return ".".join(_key(part) for part in parts)


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_Problem = tuple[str | None, int | None, str]
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
                    table = [f"{_path(parts[:n])}[{arrays[head]}]", *parts[n:]]
                    break
            lines.setdefault(".".join(table[:1] + [_key(p) for p in table[1:]]), number)
            continue
        found = _LINE_KEY.match(line)
        if found:
            key = ".".join([*table[:1], *(_key(p) for p in table[1:])])
            name = _path(_key_parts(found.group(1)))
            lines.setdefault(f"{key}.{name}" if key else name, number)
    return lines


def _line_of(key: str, lines: Mapping[str, int]) -> int | None:
    """The line of ``key``, or of the nearest key that holds it (``expect.clauses[1]``)."""
    while key not in lines:
        shorter = re.sub(r"(\[\d+\]|\.(\"[^\"]*\"|[^.\[]+))$", "", key)
        if shorter == key:
            return None
        key = shorter
    return lines[key]


def problems_text(source: str, problems: Iterable[_Problem], lang: Lang = "en") -> str:
    """The problems of a scenario file as one message in ``lang``: one per line with its line.

    Examples:
        >>> print(problems_text("a.toml", [("rule", 1, "is missing"), ("x", None, "is odd")]))
        a.toml: 2 problems:
          line 1: rule is missing
          x is odd
        >>> print(problems_text("a.toml", [("rule", 1, "is missing")], "zh-Hant"))
        a.toml：第1行：rule is missing
    """
    shown = [
        (_MESSAGES["line"][lang].format(n=line) if line is not None and key is not None else "")
        + (f"{key} {message}" if key is not None else message)
        for key, line, message in problems
    ]
    if len(shown) == 1:
        return f"{source}{_MESSAGES['colon'][lang]}{shown[0]}"
    head = _MESSAGES["problems"][lang].format(n=len(shown))
    return f"{source}{_MESSAGES['colon'][lang]}{head}" + "".join(f"\n  {item}" for item in shown)


_MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {  # one column per language: a third language is one more entry in each row
        "colon": {"en": ": ", "zh-Hant": "："},
        "line": {"en": "line {n}: ", "zh-Hant": "第{n}行："},
        "problems": {"en": "{n} problems:", "zh-Hant": "共{n}個問題："},
        "error": {"en": "ERROR", "zh-Hant": "錯誤"},
        "date": {
            "en": "; dates need two-digit months and days: write {date}",
            "zh-Hant": "；日期的月與日須寫成兩位數：請寫{date}",
        },
    }
)


def scenario_error_text(error: ScenarioError, lang: Lang = "en") -> str:
    """A :class:`ScenarioError` in ``lang``: every problem on its own line, with its line.

    The framing (the count, the line numbers, the date hint) is in ``lang``; the text of each
    problem is the reader's English.
    """
    hint = _MESSAGES["date"]
    chosen = hint[check_lang(lang, "scenario_error_text")]
    problems = tuple(
        (key, line, _DATE_HINT.sub(lambda m: chosen.format(date=m.group(1)), message))
        for key, line, message in error.problems
    )
    return problems_text(error.source, problems, lang)


_DATE_HINT = re.compile(re.escape(_MESSAGES["date"]["en"]).replace(r"\{date\}", r"(\S+)"))
_SHORT_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _date_hint(line: str) -> str:
    """The hint for a date written without two-digit months or days on ``line``, if any."""
    for found in _SHORT_DATE.finditer(line):
        year, month, day = found.groups()
        if len(month) == 1 or len(day) == 1:
            written = f"{year}-{int(month):02d}-{int(day):02d}"
            return _MESSAGES["date"]["en"].format(date=written)
    return ""


@attrs.frozen
class _Ctx:
    """Where a value comes from, for messages, and the currency of amounts written bare."""

    source: str
    currency: Currency
    lines: Mapping[str, int] = attrs.field(factory=dict, eq=False)

    def error(self, key: str, message: str) -> ScenarioError:
        problem = (key, _line_of(key, self.lines), message)
        return ScenarioError(
            problems_text(self.source, [problem]), source=self.source, key=key, problems=(problem,)
        )

    def expected(self, key: str, what: str, got: object, hint: str = "") -> ScenarioError:
        return self.error(key, f"must be {what}, got {toml_text(got)}{hint}")

    def unknown(self, key: str, name: str, known: Iterable[str]) -> ScenarioError:
        names = list(known)
        return self.error(
            key,
            f"is not a known key{_did_you_mean(name, names)}; the keys here are: "
            + ", ".join(names),
        )


def _combined(source: str, found: Iterable[ScenarioError]) -> ScenarioError:
    """One error listing the problems of every error in ``found``."""
    listed = [problem for error in found for problem in error.problems]
    problems = tuple(sorted(listed, key=lambda problem: (problem[1] is None, problem[1] or 0)))
    return ScenarioError(
        problems_text(source, problems), source=source, key=problems[0][0], problems=problems
    )


class _Problems:
    """The errors found so far while reading a scenario; :meth:`attempt` keeps reading."""

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
            raise _combined(source, self.found)


_FLOAT_HINT = ": TOML floats are inexact, write the number in quotes"

# -- kinds: what a value in a scenario may be, how it is read, compared and written --------------


class _Kind:
    """A kind of value: how TOML gives it, and how an expected value is compared and shown."""

    what = "a value"

    def parse(self, value: object, key: str, ctx: _Ctx) -> Any:
        raise NotImplementedError

    def same(self, expected: Any, actual: Any) -> bool:
        return bool(expected == actual)

    def toml(self, value: Any) -> object:
        return value


class _Date(_Kind):
    what = "a TOML date (YYYY-MM-DD)"

    def parse(self, value: object, key: str, ctx: _Ctx) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        hint = ""
        if isinstance(value, datetime):
            hint = ": write the date alone, without a time"
        elif isinstance(value, str):
            try:
                date.fromisoformat(value.strip())
                hint = ": write the date without quotes"
            except ValueError:
                pass
        raise ctx.expected(key, self.what, value, hint)


class _Int(_Kind):
    what = "an integer"

    def parse(self, value: object, key: str, ctx: _Ctx) -> int:
        if value.__class__ is not int:
            raise ctx.expected(key, self.what, value)
        return value


class _Bool(_Kind):
    what = "true or false"

    def parse(self, value: object, key: str, ctx: _Ctx) -> bool:
        if not isinstance(value, bool):
            raise ctx.expected(key, self.what, value)
        return value


class _Text(_Kind):
    what = "a string"

    def parse(self, value: object, key: str, ctx: _Ctx) -> str:
        if not isinstance(value, str):
            raise ctx.expected(key, self.what, value)
        return value


class _Money(_Kind):
    what = 'an amount as a string, such as "1234.50" or "1234.50 CNY"'

    def parse(self, value: object, key: str, ctx: _Ctx) -> Money:
        try:
            amount = read_amount(value, ctx.currency)  # the one reading of an amount
        except CustPolicyError as error:
            raise ctx.expected(key, self.what, value, f": {error}") from None
        if amount is None:
            hint = _FLOAT_HINT if isinstance(value, float) else ""
            raise ctx.expected(key, self.what, value, hint)
        return amount

    def toml(self, value: Money) -> str:
        return f"{value.amount:f} {value.currency.code}"


def _decimal(value: object) -> Decimal | None:
    if value.__class__ is int:
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


class _Decimal(_Kind):
    what = 'a number as a string, such as "0.95", or an integer'

    def parse(self, value: object, key: str, ctx: _Ctx) -> Decimal:
        number = _decimal(value)
        if number is None:
            raise ctx.expected(
                key, self.what, value, _FLOAT_HINT if isinstance(value, float) else ""
            )
        return number

    def toml(self, value: Decimal | int) -> str:
        return f"{value:f}" if isinstance(value, Decimal) else str(value)


class _Quantity(_Kind):
    what = 'a quantity: an integer (pieces) or a number as a string, such as "12.5"'

    def parse(self, value: object, key: str, ctx: _Ctx) -> Decimal | int:
        if value.__class__ is int:
            return value
        number = _decimal(value)
        if number is None:
            raise ctx.expected(
                key, self.what, value, _FLOAT_HINT if isinstance(value, float) else ""
            )
        return number

    def toml(self, value: Decimal | int) -> object:
        return value if isinstance(value, int) else f"{value:f}"


class _Fraction(_Kind):
    what = 'an exact number as a string, such as "2/3" or "0.985"'

    def parse(self, value: object, key: str, ctx: _Ctx) -> Fraction:
        if value.__class__ is int:
            return Fraction(value)
        if isinstance(value, str):
            try:
                return Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                pass
        raise ctx.expected(key, self.what, value, _FLOAT_HINT if isinstance(value, float) else "")

    def toml(self, value: Fraction) -> str:
        return str(value)


def _word(text: str) -> str:
    return re.sub(r"[\s_-]+", "_", text.strip().lower())


@attrs.frozen
class _Choice(_Kind):
    """One of an enumeration's members (by value or name), or one of a few words."""

    members: tuple[tuple[str, object], ...]  # (canonical word, value)
    numbered: bool = False  # an int selects the member with that value (P-4 causes)

    @classmethod
    def of(cls, kind: type[enum.Enum]) -> _Choice:
        members = tuple(
            (member.value if isinstance(member.value, str) else member.name.lower(), member)
            for member in kind
        )
        return cls(members, numbered=all(isinstance(m.value, int) for m in kind))

    @classmethod
    def words(cls, *words: str) -> _Choice:
        return cls(tuple((word, word) for word in words))

    @property
    def what(self) -> str:  # type: ignore[override]
        listed = ", ".join(toml_text(word) for word, _ in self.members)
        return f"one of {listed}" + (" (or its number)" if self.numbered else "")

    def parse(self, value: object, key: str, ctx: _Ctx) -> object:
        for word, member in self.members:
            if isinstance(value, str) and _word(value) in (_word(word), _word(_name(member))):
                return member
            if self.numbered and value.__class__ is int and value == _number(member):
                return member
        hint = (
            _did_you_mean(_word(value), [w for w, _ in self.members])
            if isinstance(value, str)
            else ""
        )
        raise ctx.expected(key, self.what, value, hint)

    def toml(self, value: object) -> object:
        if self.numbered:
            return _number(value)
        return next(word for word, member in self.members if member == value)


def _name(member: object) -> str:
    return member.name if isinstance(member, enum.Enum) else str(member)


def _number(member: object) -> int:
    return member.value if isinstance(member, enum.Enum) else 0


@attrs.frozen
class _Optional(_Kind):
    """A value that may be absent: ``"none"`` in an expectation."""

    inner: _Kind

    @property
    def what(self) -> str:  # type: ignore[override]
        return f'{self.inner.what}, or "{_NONE}"'

    def parse(self, value: object, key: str, ctx: _Ctx) -> object:
        if isinstance(value, str) and value.strip().lower() == _NONE:
            return None
        try:
            return self.inner.parse(value, key, ctx)
        except ScenarioError:
            raise ctx.expected(key, self.what, value) from None

    def same(self, expected: object, actual: object) -> bool:
        if expected is None or actual is None:
            return expected is actual
        return self.inner.same(expected, actual)

    def toml(self, value: object) -> object:
        return _NONE if value is None else self.inner.toml(value)


@attrs.frozen
class _List(_Kind):
    """An array; ``ordered=False`` compares it as a set (order is not the policy's concern)."""

    inner: _Kind
    ordered: bool = True

    @property
    def what(self) -> str:  # type: ignore[override]
        return f"an array, each {self.inner.what}" + ("" if self.ordered else " (in any order)")

    def parse(self, value: object, key: str, ctx: _Ctx) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise ctx.expected(key, self.what, value)
        return tuple(self.inner.parse(item, f"{key}[{i}]", ctx) for i, item in enumerate(value))

    def same(self, expected: tuple[object, ...], actual: tuple[object, ...]) -> bool:
        if len(expected) != len(actual):
            return False
        if self.ordered:
            return all(self.inner.same(e, a) for e, a in zip(expected, actual, strict=True))
        left = list(actual)
        for item in expected:
            match = next((i for i, a in enumerate(left) if self.inner.same(item, a)), None)
            if match is None:
                return False
            del left[match]
        return True

    def toml(self, value: Iterable[object]) -> list[object]:
        return [self.inner.toml(item) for item in value]


@attrs.frozen
class _Map(_Kind):
    """A table whose keys are names (people, cases ...) and whose values are all one kind."""

    inner: _Kind
    keys: str
    key_kind: _Choice | None = None  # keys that must be one of a few words (user classes)

    @property
    def what(self) -> str:  # type: ignore[override]
        return f"a table mapping each {self.keys} to {self.inner.what}"

    def parse(self, value: object, key: str, ctx: _Ctx) -> dict[object, object]:
        if not isinstance(value, dict):
            raise ctx.expected(key, self.what, value)
        found: dict[object, object] = {}
        for name, item in value.items():
            where = f"{key}.{_key(name)}"
            label: object = name
            if self.key_kind is not None:
                try:
                    label = self.key_kind.parse(name, where, ctx)
                except ScenarioError:
                    raise ctx.error(where, f"is not a {self.keys}: {self.key_kind.what}") from None
            found[label] = self.inner.parse(item, where, ctx)
        return found

    def toml(self, value: Mapping[object, object]) -> dict[object, object]:
        kind = self.key_kind
        return {
            (kind.toml(name) if kind is not None else name): self.inner.toml(item)
            for name, item in value.items()
        }


_REQUIRED: Any = object()


@attrs.frozen
class ScenarioField:
    """One key of a scenario rule: an input it reads, or an attribute of its result to expect.

    Attributes:
        name: the key, such as ``delivered``.
        what: what the value must be, such as ``a TOML date (YYYY-MM-DD)``.
        doc: what it means, in the policy's terms.
        required: whether an input must be given (outputs: always ``False``).
        needs: for an output, the inputs it is computed from (it can be expected only when they
            are given).
    """

    name: str
    kind: _Kind = attrs.field(repr=False)
    doc: str
    required: bool = False
    default: object = attrs.field(default=None, repr=False)
    needs: tuple[str, ...] = ()
    get: Callable[[Any, Mapping[str, Any]], object] | None = attrs.field(
        default=None, repr=False, eq=False
    )

    @property
    def what(self) -> str:
        """What the value must be, in words."""
        return self.kind.what


@attrs.frozen
class _Record(_Kind):
    """A table with named keys, each of its own kind; unknown keys are refused."""

    fields: tuple[ScenarioField, ...]

    @property
    def what(self) -> str:  # type: ignore[override]
        return "a table with the keys " + ", ".join(f.name for f in self.fields)

    def field(self, name: str) -> ScenarioField | None:
        return next((f for f in self.fields if f.name == name), None)

    def parse(self, value: object, key: str, ctx: _Ctx) -> dict[str, object]:
        if not isinstance(value, dict):
            raise ctx.expected(key, self.what, value)
        names = [f.name for f in self.fields]
        problems = [ctx.unknown(f"{key}.{_key(n)}", n, names) for n in value if n not in names]
        found: dict[str, object] = {}
        for f in self.fields:
            where = f"{key}.{f.name}"
            if f.name in value:
                try:
                    found[f.name] = f.kind.parse(value[f.name], where, ctx)
                except ScenarioError as error:
                    problems.append(error)
            elif f.required:
                problems.append(ctx.error(where, f"is missing: it must be {f.kind.what}"))
            else:
                found[f.name] = f.default
        if problems:
            raise _combined(ctx.source, problems)
        return found

    def toml(self, value: Mapping[str, object]) -> dict[str, object]:
        return {f.name: f.kind.toml(value[f.name]) for f in self.fields}


def _in(name: str, kind: _Kind, doc: str, default: object = _REQUIRED) -> ScenarioField:
    required = default is _REQUIRED
    return ScenarioField(name, kind, doc, required=required, default=None if required else default)


def _out(
    name: str,
    kind: _Kind,
    doc: str,
    get: Callable[[Any, Mapping[str, Any]], object] | str | None = None,
    needs: tuple[str, ...] = (),
) -> ScenarioField:
    """An output; ``get`` reads it from the result: an attribute path (default: ``name``)."""
    if not callable(get):
        path = (get or name).split(".")

        def get(result: Any, inputs: Mapping[str, Any]) -> object:
            for attribute in path:
                result = getattr(result, attribute)
            return result

    return ScenarioField(name, kind, doc, needs=needs, get=get)


_DATE = _Date()
_INT = _Int()
_BOOL = _Bool()
_TEXT = _Text()
_MONEY = _Money()
_DECIMAL = _Decimal()
_QUANTITY = _Quantity()
_FRACTION = _Fraction()
_TEXTS = _List(_TEXT)
_TEXT_SET = _List(_TEXT, ordered=False)


def _opt(kind: _Kind) -> _Optional:
    return _Optional(kind)


# -- rules: the functions a scenario may call ----------------------------------------------------

Inputs = Mapping[str, Any]


def _clauses(ids: Iterable[str]) -> tuple[Clause, ...]:
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        raise errors.InvalidInputError(
            f"clauses must be clause IDs such as ('B-6',), got {ids!r} [ScenarioRule]"
        )
    return tuple(clause(i) for i in ids)


@attrs.frozen
class ScenarioRule:
    """A rule a scenario may name: how its TOML inputs become the call, and what it returns.

    Attributes:
        name: the name a scenario gives, ``<module>.<function>``, such as
            ``billing.payment_deadline``.
        family: the rule family's letter.
        clauses: the clauses the rule applies.
        summary: what it decides, in one line.
        inputs: the keys of ``[inputs]``.
        outputs: the result attributes ``[expect]`` may name.
        event: which input dates the event, to pick the policy version in force (M-1.9);
            empty when the rule has no dated input (a scenario with versions then gives
            ``event_date``).
    """

    name: str
    family: str
    clauses: tuple[Clause, ...] = attrs.field(converter=_clauses)
    summary: str
    inputs: tuple[ScenarioField, ...]
    outputs: tuple[ScenarioField, ...]
    event: str
    call: Callable[[Inputs, Policy], Explained] = attrs.field(repr=False, eq=False)
    event_of: Callable[[Inputs], date | None] = attrs.field(repr=False, eq=False)

    def output(self, name: str) -> ScenarioField | None:
        """The output called ``name``, or ``None``."""
        if not isinstance(name, str):
            raise errors.InvalidInputError(
                f"name must be a str, got {name!r} [ScenarioRule.output {self.name}]"
            )
        return next((f for f in self.outputs if f.name == name), None)


def _event_input(name: str) -> tuple[str, Callable[[Inputs], date | None]]:
    return f"inputs.{name}", lambda inputs: inputs[name]


def _first_day(year: int, month: int) -> date | None:
    return date(year, month, 1) if 1 <= year <= 9999 and 1 <= month <= 12 else None


def _event_month() -> tuple[str, Callable[[Inputs], date | None]]:
    return "the first day of inputs.year-inputs.month", lambda i: _first_day(i["year"], i["month"])


def _no_event() -> tuple[str, Callable[[Inputs], None]]:
    return "", lambda inputs: None


def _rule(
    name: str,
    family: str,
    clauses: tuple[str, ...],
    summary: str,
    *,
    inputs: tuple[ScenarioField, ...],
    outputs: tuple[ScenarioField, ...],
    call: Callable[[Inputs, Policy], Explained],
    event: tuple[str, Callable[[Inputs], date | None]] | None = None,
) -> ScenarioRule:
    event_doc, event_of = event or _no_event()
    return ScenarioRule(
        name, family, clauses, summary, inputs, outputs, event_doc, call=call, event_of=event_of
    )


def _deadline_outputs(done: str, what: str) -> tuple[ScenarioField, ...]:
    return (
        _out("due", _DATE, "the last day on time"),
        _out(
            "on_time",
            _BOOL,
            f"whether {what} on inputs.{done} was on time",
            lambda r, i: r.is_on_time(i[done]),
            needs=(done,),
        ),
        _out(
            "days_late",
            _INT,
            f"how many days late {what} was (0 when on time)",
            lambda r, i: r.days_late(i[done]),
            needs=(done,),
        ),
    )


# -- L: leads -------------------------------------------------------------------------------------

_LEAD = _Record(
    (
        _in("id", _TEXT, "the lead's ID, unique in the batch"),
        _in("name", _TEXT, "the name as written", ""),
        _in("phone", _TEXT, "the phone number as written", ""),
        _in("grade", _TEXT, "the lead's grade, if it has one", None),
    )
)
_LEDGER = _Record(
    (
        _in("extras", _Map(_INT, "person"), "each person's leftover items so far", {}),
        _in("received", _Map(_INT, "person"), "each person's items so far", {}),
        _in("splits", _INT, "how many splits the ledger has recorded", 0),
        _in("events", _TEXTS, "the IDs of the events split into it, in order", ()),
    )
)
_INTAKE_INPUTS = (
    _in("department", _TEXT, "the department that ran the event"),
    _in("head", _TEXT, "the head of that department"),
    _in("leads", _List(_LEAD), "the leads as collected, in order"),
    _in("known", _TEXTS, "the phone numbers of customers already on file", ()),
)


def _intake(i: Inputs, policy: Policy) -> Any:
    return leads.process_leads(
        [leads.Lead(**lead) for lead in i["leads"]],
        department=i["department"],
        head=i["head"],
        known=i["known"],
        policy=policy,
    )


def _ledger(value: Mapping[str, Any] | None) -> Any:
    return None if value is None else fairsplit.Ledger(**value)


def _ledger_out(ledger: Any) -> dict[str, object]:
    return {
        "extras": dict(ledger.extras),
        "received": dict(ledger.received),
        "splits": ledger.splits,
        "events": ledger.events,
    }


def _split_leads(i: Inputs, policy: Policy) -> Explained:
    return leads.split_leads(
        _intake(i, policy),
        i["participants"],
        event=i["event"],
        ledger=_ledger(i["ledger"]),
        department_of=i["department_of"],
        policy=policy,
    )


def _fair_split(i: Inputs, policy: Policy) -> Explained:
    return fairsplit.fair_split(
        [(item["id"], item["grade"]) for item in i["items"]],
        i["participants"],
        clause=clause(i["clause"]),
        ledger=_ledger(i["ledger"]),
        event=i["event"],
        extras_to_fewest_so_far=policy.leads.extras_to_fewest_so_far,
        balance_grades=policy.leads.balance_grades,
    )


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))


def _split_outputs(split_of: Callable[[Any], Any]) -> tuple[ScenarioField, ...]:
    return (
        _out(
            "counts",
            _Map(_INT, "participant"),
            "how many each participant gets",
            lambda r, i: dict(split_of(r).counts),
        ),
        _out(
            "extras",
            _TEXT_SET,
            "the participants who get one of the leftovers",
            lambda r, i: _sorted(split_of(r).extras),
        ),
        _out(
            "ledger",
            _LEDGER,
            "the ledger to carry to the next split",
            lambda r, i: _ledger_out(split_of(r).ledger),
        ),
    )


_LEADS_RULES = (
    _rule(
        "leads.process_leads",
        "L",
        ("L-2.1", "L-2.2"),
        "the CRM centre's processing of an event's leads: accepted (those on file flagged), "
        "duplicates",
        inputs=_INTAKE_INPUTS,
        call=_intake,
        outputs=(
            _out("received", _INT, "how many leads were received"),
            _out(
                "accepted",
                _TEXTS,
                "the IDs of the accepted leads, in order, those on file included",
                lambda r, i: tuple(lead.id for lead in r.accepted),
            ),
            _out(
                "duplicates",
                _Map(_TEXT, "duplicate lead"),
                "each duplicate's ID and the ID of the lead it repeats",
                lambda r, i: {d.lead.id: d.of for d in r.duplicates},
            ),
            _out(
                "on_file",
                _TEXT_SET,
                "the IDs of the accepted leads already on file (flagged)",
                lambda r, i: tuple(lead.id for lead in r.on_file),
            ),
            _out(
                "unmatched",
                _TEXT_SET,
                "the IDs of the accepted leads with no usable duplicate key or phone",
                lambda r, i: tuple(r.unmatched),
            ),
            _out(
                "phones",
                _Map(_opt(_TEXT), "accepted lead"),
                "each accepted lead's phone number in standard form",
                lambda r, i: {lead.id: lead.phone for lead in r.accepted},
            ),
            _out(
                "names",
                _Map(_TEXT, "accepted lead"),
                "each accepted lead's name in standard form",
                lambda r, i: {lead.id: lead.name for lead in r.accepted},
            ),
        ),
    ),
    _rule(
        "leads.split_leads",
        "L",
        ("L-1", "L-2.1", "L-2.3"),
        "the processed leads of an event split equally among its participants, once",
        inputs=(
            *_INTAKE_INPUTS,
            _in("participants", _TEXTS, "the department's staff who took part in the event"),
            _in(
                "event",
                _TEXT,
                "the event's ID, recorded in the ledger (needed with a ledger)",
                None,
            ),
            _in("ledger", _LEDGER, "the ledger carried from the department's last split", None),
            _in(
                "department_of",
                _Map(_TEXT, "person"),
                "each participant's department, to refuse anyone from another",
                None,
            ),
        ),
        call=_split_leads,
        outputs=(
            *_split_outputs(lambda r: r.split),
            _out(
                "leads_of",
                _Map(_TEXT_SET, "participant"),
                "the IDs of the leads each gets",
                lambda r, i: {n: tuple(lead.id for lead in r.leads_of(n)) for n, _ in r.counts},
            ),
            _out(
                "left_out",
                _TEXT_SET,
                "the IDs of the leads on file left out of the split",
                lambda r, i: tuple(lead.id for lead in r.left_out),
            ),
        ),
    ),
    _rule(
        "fairsplit.fair_split",
        "L",
        ("L-2.3",),
        "items dealt out equally, leftovers to whoever has had the fewest so far",
        inputs=(
            _in(
                "items",
                _List(
                    _Record(
                        (
                            _in("id", _TEXT, "the item's key"),
                            _in("grade", _TEXT, "its grade, if it has one", None),
                        )
                    )
                ),
                "the items to split",
            ),
            _in("participants", _TEXTS, "who shares them"),
            _in("ledger", _LEDGER, "the ledger carried from the last split", None),
            _in("event", _TEXT, "the event's ID, recorded in the ledger", None),
            _in(
                "clause", _Choice.words("L-2.3", "M-1.6.4"), "the clause the split applies", "L-2.3"
            ),
        ),
        call=_fair_split,
        outputs=(
            *_split_outputs(lambda r: r),
            _out(
                "items_of",
                _Map(_TEXT_SET, "participant"),
                "the keys of the items each gets",
                lambda r, i: {n: r.items_of(n) for n in r.participants},
            ),
            _out(
                "newcomers",
                _TEXT_SET,
                "the participants the ledger did not know",
                lambda r, i: tuple(r.newcomers),
            ),
        ),
    ),
)

# -- M: customer master data ---------------------------------------------------------------------

_CATEGORY = _Choice.of(customers.Category)
_FILE_FIELD = _Choice.of(customers.FileField)
_FILING = _Choice.of(customers.FilingStatus)
_ROLE = _Choice.of(customers.Role)
_CUSTOMER = _Record(
    (
        _in("id", _TEXT, "the customer's ID"),
        _in("category", _CATEGORY, "the customer's category (M-1.2)"),
        _in("department", _TEXT, "the department the customer belongs to", ""),
        _in("contacts", _TEXTS, "the staff who look after the customer", ()),
        _in("registered_on", _DATE, "the day the customer was registered", None),
        _in("last_visit", _DATE, "the day of the last return visit", None),
    )
)
_FILING_OUTPUTS = (
    _out("status", _FILING, "where the filing stands on inputs.as_of"),
    _out(
        "due",
        _opt(_DATE),
        "the last working day on time",
        lambda r, i: r.deadline.due if r.deadline is not None else None,
    ),
    _out("days_late", _INT, "working days late (so far, when overdue)"),
    _out("done_on", _opt(_DATE), "the day it was done, as known on inputs.as_of"),
)


def _customer_list(value: Iterable[Mapping[str, Any]]) -> list[Any]:
    return [customers.Customer(**customer) for customer in value]


def _access(i: Inputs, policy: Policy) -> Explained:
    request = customers.AccessRequest(
        i["requester"], i["department"], file=i["file"], file_department=i["file_department"]
    )
    approvals = [
        customers.Approval(
            a["approver"],
            a["role"],
            a["requester"] or i["requester"],
            a["file"] or i["file"],
            department=a["department"],
        )
        for a in i["approvals"]
    ]
    return customers.decide_access(request, approvals, policy=policy)


_CUSTOMER_RULES = (
    _rule(
        "customers.check_file",
        "M",
        ("M-1.3",),
        "whether a customer file has every field the policy lists",
        inputs=(
            _in("customer", _TEXT, "the customer's ID, for the explanation", ""),
            _in(
                "file",
                _Record(
                    tuple(
                        _in(field.value, _TEXT, f"the {field.label('en')}", None)
                        for field in customers.FileField
                    )
                ),
                "the file's fields as held (leave a field out when it is missing)",
            ),
            _in(
                "added",
                _Map(_TEXT, "added field"),
                "the values of the fields the company adds (customers.added_file_fields)",
                {},
            ),
        ),
        call=lambda i, p: customers.check_file(
            {
                **{name: value for name, value in i["file"].items() if value is not None},
                **i["added"],
            },
            customer=i["customer"],
            policy=p,
        ),
        outputs=(
            _out("complete", _BOOL, "whether every required field is there and usable"),
            _out(
                "missing",
                _TEXT_SET,
                "the fields missing or blank: the seven by their codes, the added ones by name",
                lambda r, i: tuple(
                    f.value if isinstance(f, customers.FileField) else f for f in r.missing
                ),
            ),
            _out(
                "invalid",
                _List(_FILE_FIELD, ordered=False),
                "the fields present but unusable",
                lambda r, i: tuple(field for field, _ in r.invalid),
            ),
        ),
    ),
    _rule(
        "customers.registration_status",
        "M",
        ("M-1.4",),
        "whether a new customer was registered in time, 5 working days by default",
        inputs=(
            _in("first_contact", _DATE, "the day sales first contacted the customer"),
            _in("registered_on", _DATE, "the day it was registered, if it was", None),
            _in("as_of", _DATE, "the day the status is asked for"),
        ),
        event=_event_input("first_contact"),
        call=lambda i, p: customers.registration_status(
            i["first_contact"], i["registered_on"], as_of=i["as_of"], policy=p
        ),
        outputs=_FILING_OUTPUTS,
    ),
    _rule(
        "customers.change_status",
        "M",
        ("M-1.4",),
        "whether a change to a registered customer was reported in time, 5 working days by default",
        inputs=(
            _in("changed_on", _DATE, "the day the customer's details changed"),
            _in("reported_on", _DATE, "the day the change was reported, if it was", None),
            _in("registered_on", _DATE, "the day the customer was registered, if it was", None),
            _in("as_of", _DATE, "the day the status is asked for"),
        ),
        event=_event_input("changed_on"),
        call=lambda i, p: customers.change_status(
            i["changed_on"],
            i["reported_on"],
            registered_on=i["registered_on"],
            as_of=i["as_of"],
            policy=p,
        ),
        outputs=_FILING_OUTPUTS,
    ),
    _rule(
        "customers.decide_access",
        "M",
        ("M-1.5",),
        "whether a request to read a customer file is granted by the approvals given",
        inputs=(
            _in("requester", _TEXT, "who asks to read the file"),
            _in("department", _TEXT, "the requester's department"),
            _in("file", _TEXT, "the customer file asked for"),
            _in("file_department", _TEXT, "the department the file belongs to"),
            _in(
                "approvals",
                _List(
                    _Record(
                        (
                            _in("approver", _TEXT, "who approved"),
                            _in("role", _ROLE, "the approver's role"),
                            _in("requester", _TEXT, "for whom (default: inputs.requester)", None),
                            _in("file", _TEXT, "for which file (default: inputs.file)", None),
                            _in("department", _TEXT, "a department manager's department", None),
                        )
                    )
                ),
                "the approvals given",
                (),
            ),
        ),
        call=_access,
        outputs=(
            _out("granted", _BOOL, "whether access is granted"),
            _out("needed", _ROLE, "the role whose approval is needed"),
            _out(
                "needed_department",
                _opt(_TEXT),
                "the department whose manager must approve (none: the general manager)",
            ),
            _out(
                "approved_by",
                _opt(_TEXT),
                "the approver whose approval counts",
                lambda r, i: r.approval.approver if r.approval is not None else None,
            ),
            _out(
                "ignored",
                _TEXT_SET,
                "the approvers whose approvals do not count",
                lambda r, i: tuple(approval.approver for approval, _ in r.ignored),
            ),
        ),
    ),
    _rule(
        "customers.check_contacts",
        "M",
        ("M-1.6.3",),
        "the important new customers with too few contacts still employed, two by default",
        inputs=(
            _in("customers", _List(_CUSTOMER), "the customers to check"),
            _in("employed", _TEXTS, "the staff still employed"),
            _in(
                "on",
                _DATE,
                "the day of the check: a customer registered within customers.new_customer_months "
                "before it (or not yet) is new",
                None,
            ),
        ),
        event=_event_input("on"),
        call=lambda i, p: customers.check_contacts(
            _customer_list(i["customers"]), i["employed"], on=i["on"], policy=p
        ),
        outputs=(
            _out("checked", _INT, "how many important new customers were checked"),
            _out("needed", _INT, "the contacts an important new customer needs"),
            _out(
                "short",
                _TEXT_SET,
                "the important new customers with too few contacts",
                lambda r, i: tuple(s.customer for s in r.shortfalls),
            ),
            _out(
                "not_new",
                _TEXT_SET,
                "the customers of the important categories too old to be held to the rule",
            ),
            _out(
                "more_needed",
                _Map(_INT, "customer"),
                "how many more contacts each needs",
                lambda r, i: {s.customer: s.missing for s in r.shortfalls},
            ),
        ),
    ),
    _rule(
        "customers.hand_over",
        "M",
        ("M-1.6.4",),
        "a leaver's customers told and handed to the remaining staff, fairly",
        inputs=(
            _in("leaver", _TEXT, "the member of staff who leaves"),
            _in("customers", _List(_CUSTOMER), "the customer book"),
            _in("staff", _TEXTS, "the remaining staff who take over"),
            _in("ledger", _LEDGER, "the ledger carried from the last handover", None),
        ),
        call=lambda i, p: customers.hand_over(
            i["leaver"],
            _customer_list(i["customers"]),
            i["staff"],
            ledger=_ledger(i["ledger"]),
            policy=p,
        ),
        outputs=(
            _out("to_tell", _TEXT_SET, "the customers to tell"),
            _out(
                "assignment",
                _Map(_TEXT, "customer"),
                "who takes over each customer",
                lambda r, i: dict(r.assignment),
            ),
            _out(
                "unresolved", _TEXT_SET, "customers handed to someone who already looks after them"
            ),
            _out(
                "counts",
                _Map(_INT, "member of staff"),
                "how many customers each takes over",
                lambda r, i: dict(r.split.counts),
            ),
            _out(
                "ledger",
                _LEDGER,
                "the ledger to carry to the next handover",
                lambda r, i: _ledger_out(r.ledger),
            ),
        ),
    ),
    _rule(
        "customers.visits_due",
        "M",
        ("M-1.7",),
        "the customers due or overdue for a return visit on a day",
        inputs=(
            _in("on", _DATE, "the day of the plan"),
            _in("customers", _List(_CUSTOMER), "the customers to plan"),
        ),
        event=_event_input("on"),
        call=lambda i, p: customers.visits_due(
            _customer_list(i["customers"]), on=i["on"], policy=p
        ),
        outputs=(
            _out("checked", _INT, "how many customers were checked"),
            _out(
                "due",
                _TEXT_SET,
                "the customers due or overdue",
                lambda r, i: tuple(d.customer for d in r.due),
            ),
            _out(
                "due_dates",
                _Map(_opt(_DATE), "customer"),
                "the day each visit fell due",
                lambda r, i: {d.customer: d.due for d in r.due},
            ),
            _out(
                "days_overdue",
                _Map(_INT, "customer"),
                "how many days overdue each is",
                lambda r, i: {d.customer: d.days_overdue for d in r.due},
            ),
        ),
    ),
    _rule(
        "customers.reimbursement",
        "M",
        ("M-1.8.1",),
        "whether an expense claim for a customer is refused because it is not registered",
        inputs=(
            _in("kind", _TEXT, "the kind of expense, such as entertainment, travel or gift"),
            _in("customer", _TEXT, "the customer the expense was for"),
            _in("registered_on", _DATE, "the day the customer was registered, if it was", None),
            _in("decided_on", _DATE, "the day the claim is decided"),
            _in("incurred_on", _DATE, "the day the expense was incurred, if known", None),
        ),
        event=_event_input("decided_on"),
        call=lambda i, p: customers.reimbursement(
            i["kind"],
            customer=i["customer"],
            registered_on=i["registered_on"],
            decided_on=i["decided_on"],
            incurred_on=i["incurred_on"],
            policy=p,
        ),
        outputs=(
            _out("refused", _BOOL, "whether the claim is refused"),
            _out("outcome", _Choice.of(customers.ClaimOutcome), "what the rule says of the claim"),
            _out(
                "judged_on",
                _DATE,
                "the day the registration is judged on (customers.registration_judged_on)",
            ),
        ),
    ),
    _rule(
        "customers.kpi_flags",
        "M",
        ("M-1.8.2",),
        "the staff flagged for ignoring registration reminders in a month",
        inputs=(
            _in("year", _INT, "the year of the review"),
            _in("month", _INT, "the month of the review"),
            _in(
                "reminders",
                _List(
                    _Record(
                        (
                            _in("staff", _TEXT, "who was reminded"),
                            _in("customer", _TEXT, "the customer to register"),
                            _in("sent_on", _DATE, "the day the reminder was sent"),
                            _in("complied", _BOOL, "whether the member of staff complied"),
                        )
                    )
                ),
                "the reminders sent",
            ),
        ),
        event=_event_month(),
        call=lambda i, p: customers.kpi_flags(
            [customers.Reminder(**reminder) for reminder in i["reminders"]],
            year=i["year"],
            month=i["month"],
            policy=p,
        ),
        outputs=(
            _out("flagged", _TEXT_SET, "the staff flagged"),
            _out(
                "ignored",
                _Map(_INT, "member of staff"),
                "the reminders each one ignored",
                lambda r, i: dict(r.ignored),
            ),
            _out("threshold", _INT, "the ignored reminders that flag someone"),
        ),
    ),
)

# -- B: gas billing ------------------------------------------------------------------------------

_USER_CLASS = _Choice.of(billing.UserClass)
_PAYMENT = _Record(
    (
        _in("paid_on", _DATE, "the day of the payment"),
        _in("amount", _MONEY, "the amount paid"),
    )
)
_BILL_FIELDS = (
    _in("delivered", _DATE, "the day the settlement sheet was delivered"),
    _in("billed", _MONEY, "the amount of the sheet"),
    _in("payments", _List(_PAYMENT), "the payments made towards it", ()),
)
_TOTALS = _Record(
    (
        _in("volume", _QUANTITY, "the volume in m³"),
        _in("amount", _MONEY, "the amount"),
    )
)


def _account(bill: Mapping[str, Any], account: str) -> Any:
    return billing.AccountState(
        bill.get("account") or account,
        bill["delivered"],
        bill["billed"],
        payments=[billing.Payment(p["paid_on"], p["amount"]) for p in bill["payments"]],
        notified=bill.get("notified"),
        arrears_notice=bill.get("arrears_notice"),
    )


def _check_report(i: Inputs, policy: Policy) -> Explained:
    report = i["report"]
    totals = {
        user_class: billing.ReportTotals(line["volume"], line["amount"])
        for user_class, line in report["by_class"].items()
    }
    overall = billing.ReportTotals(report["overall"]["volume"], report["overall"]["amount"])
    sheets = [
        billing.SettlementSheet(
            s["sheet"], s["account"], s["user_class"], s["read_on"], s["volume"], s["amount"]
        )
        for s in i["sheets"]
    ]
    return billing.check_report(
        billing.MonthlyReport(i["year"], i["month"], totals, overall=overall), sheets
    )


def _difference(difference: Any) -> str:
    scope = difference.scope.value if difference.scope is not None else "overall"
    return f"{scope} {difference.measure}"


_BILLING_RULES = (
    _rule(
        "billing.reading_window",
        "B",
        ("B-4",),
        "the days of a month on which a user class's meters are read",
        inputs=(
            _in("user_class", _USER_CLASS, "the kind of gas user"),
            _in("year", _INT, "the year"),
            _in("month", _INT, "the month"),
        ),
        event=_event_month(),
        call=lambda i, p: billing.reading_window(i["user_class"], i["year"], i["month"], policy=p),
        outputs=(
            _out("has_window", _BOOL, "whether the class has a reading window"),
            _out("first", _opt(_DATE), "the first reading day"),
            _out("last", _opt(_DATE), "the last reading day"),
        ),
    ),
    _rule(
        "billing.check_reading",
        "B",
        ("B-4",),
        "whether a meter was read within its class's window",
        inputs=(
            _in("user_class", _USER_CLASS, "the kind of gas user"),
            _in("read_on", _DATE, "the day the meter was read"),
        ),
        event=_event_input("read_on"),
        call=lambda i, p: billing.check_reading(i["user_class"], i["read_on"], policy=p),
        outputs=(
            _out("in_window", _BOOL, "whether the reading day is acceptable"),
            _out("first", _opt(_DATE), "the window's first day", get="window.first"),
            _out("last", _opt(_DATE), "the window's last day", get="window.last"),
        ),
    ),
    _rule(
        "billing.payment_deadline",
        "B",
        ("B-6",),
        "the last day to pay a settlement sheet",
        inputs=(
            _in("delivered", _DATE, "the day the settlement sheet was delivered"),
            _in("paid_on", _DATE, "the day the user paid, to judge it", None),
        ),
        event=_event_input("delivered"),
        call=lambda i, p: billing.payment_deadline(i["delivered"], policy=p),
        outputs=_deadline_outputs("paid_on", "the payment"),
    ),
    _rule(
        "billing.dunning",
        "B",
        ("B-6", "B-7", "B-8"),
        "the next dunning step for a settlement sheet on a day, and its date",
        inputs=(
            _in("account", _TEXT, "the gas account", "account"),
            *_BILL_FIELDS,
            _in("notified", _DATE, "the day the user was notified by phone or in writing", None),
            _in("arrears_notice", _DATE, "the day the arrears notice was served", None),
            _in("as_of", _DATE, "the day the next step is decided"),
        ),
        event=_event_input("as_of"),
        call=lambda i, p: billing.dunning(_account(i, "account"), i["as_of"], policy=p),
        outputs=(
            _out("action", _Choice.of(billing.Action), "the next step"),
            _out("on", _opt(_DATE), "the day of that step"),
            _out("due", _DATE, "the payment deadline"),
            _out("balance", _MONEY, "what is still unpaid on inputs.as_of (negative: a credit)"),
            _out("level", _INT, "the step as a number, 0 (nothing) to 5 (cut-off eligible)"),
        ),
    ),
    _rule(
        "billing.reading_rate",
        "B",
        ("B-2.1",),
        "the meter-reading rate of a period against the company standard",
        inputs=(
            _in("read", _INT, "the meters read"),
            _in("due", _INT, "the meters due to be read"),
        ),
        call=lambda i, p: billing.reading_rate(i["read"], i["due"], policy=p),
        outputs=(
            _out("rate", _opt(_DECIMAL), "read / due (none when nothing was due)"),
            _out("exact", _opt(_FRACTION), "the rate as an exact fraction"),
            _out("meets_standard", _opt(_BOOL), "whether it meets the standard"),
            _out("standard", _DECIMAL, "the company standard"),
        ),
    ),
    _rule(
        "billing.collection_rate",
        "B",
        ("B-2.2",),
        "the collection rate of a billing period against its target, 95 % by default",
        inputs=(
            _in(
                "bills",
                _List(
                    _Record(
                        (
                            _in(
                                "account",
                                _TEXT,
                                "the gas account (default: its place in the list)",
                                None,
                            ),
                            *_BILL_FIELDS,
                        )
                    )
                ),
                "the settlement sheets of the period",
            ),
            _in(
                "measured_on", _DATE, "measure every bill on this day (default: its deadline)", None
            ),
            _in(
                "basis",
                _Choice.words("amount", "count"),
                "measure by amount or by count of bills (default: billing.collection_basis)",
                None,
            ),
        ),
        call=lambda i, p: billing.collection_rate(
            [_account(bill, f"#{n}") for n, bill in enumerate(i["bills"], start=1)],
            measured_on=i["measured_on"],
            basis=i["basis"],
            policy=p,
        ),
        outputs=(
            _out("rate", _opt(_DECIMAL), "collected / billed (none when nothing was billed)"),
            _out("exact", _opt(_FRACTION), "the rate as an exact fraction"),
            _out("meets_target", _opt(_BOOL), "whether it meets the target"),
            _out("target", _DECIMAL, "the target"),
            _out("bills", _INT, "the bills of the period"),
            _out("paid_bills", _INT, "the bills paid in full"),
            _out("billed", _MONEY, "the amount billed"),
            _out("collected", _MONEY, "the amount collected (each bill at most its amount)"),
            _out("credit", _MONEY, "overpayments, not counted"),
            _out("prompt_rate", _opt(_DECIMAL), "the share paid within 3 days of delivery"),
            _out("prompt_exact", _opt(_FRACTION), "that share as an exact fraction"),
        ),
    ),
    _rule(
        "billing.check_report",
        "B",
        ("B-5",),
        "whether a monthly report matches its settlement sheets exactly",
        inputs=(
            _in("year", _INT, "the report's year"),
            _in("month", _INT, "the report's month"),
            _in(
                "report",
                _Record(
                    (
                        _in(
                            "by_class",
                            _Map(_TOTALS, "user class", key_kind=_USER_CLASS),
                            "the report's line per user class",
                            {},
                        ),
                        _in("overall", _TOTALS, "the report's overall line"),
                    )
                ),
                "the report as submitted",
            ),
            _in(
                "sheets",
                _List(
                    _Record(
                        (
                            _in("sheet", _TEXT, "the sheet's number"),
                            _in("account", _TEXT, "the gas account"),
                            _in("user_class", _USER_CLASS, "the kind of gas user"),
                            _in("read_on", _DATE, "the day the meter was read"),
                            _in("volume", _QUANTITY, "the volume in m³"),
                            _in("amount", _MONEY, "the amount"),
                        )
                    )
                ),
                "the settlement sheets behind it",
            ),
        ),
        event=_event_month(),
        call=_check_report,
        outputs=(
            _out("accurate", _BOOL, "whether every total matches"),
            _out(
                "differences",
                _TEXT_SET,
                'the totals that differ, such as "commercial amount" or "overall volume"',
                lambda r, i: tuple(_difference(d) for d in r.differences),
            ),
            _out("sheets", _INT, "the sheets compared"),
        ),
    ),
)

# -- P: complaint losses and penalties -----------------------------------------------------------

_PARTY_FIELDS = (
    _in("person", _TEXT, "a person charged individually", None),
    _in("unit", _TEXT, "or a unit: its name", None),
    _in("kind", _Choice.of(losses.UnitKind), "the unit's kind", None),
    _in("base_points", _Map(_QUANTITY, "member"), "each member's base points", None),
)


@attrs.frozen
class _Party(_Record):
    """A person (``person = "Li"``) or a unit (``unit``, ``kind`` and ``base_points``)."""

    unit_only: bool = False

    @property
    def what(self) -> str:  # type: ignore[override]
        person = "" if self.unit_only else "{ person = ... } or "
        extra = [f.name for f in self.fields if f not in _PARTY_FIELDS]
        also = f", each also with {', '.join(extra)}" if extra else ""
        return f"{person}{{ unit = ..., kind = ..., base_points = {{ ... }} }}{also}"

    def parse(self, value: object, key: str, ctx: _Ctx) -> dict[str, object]:
        found = super().parse(value, key, ctx)
        if self.unit_only and found["person"] is not None:
            raise ctx.error(f"{key}.person", "is not allowed here: this party must be a unit")
        if (found["person"] is None) == (found["unit"] is None):
            raise ctx.expected(key, "a party: " + self.what, value)
        for name in ("kind", "base_points"):
            if found["unit"] is not None and found[name] is None:
                raise ctx.error(f"{key}.{name}", f"is missing: a unit needs its {name}")
            if found["person"] is not None and found[name] is not None:
                raise ctx.error(f"{key}.{name}", "is not allowed here: it belongs to a unit")
        return found


def _party(party: Mapping[str, Any]) -> Any:
    if party["person"] is not None:
        return losses.Person(party["person"])
    return losses.Unit(party["unit"], party["kind"], party["base_points"])


def _party_kind(party: Any) -> str:
    return party.kind.value if isinstance(party, losses.Unit) else "person"


_MONTH_CLOSE_CASE = _Record(
    (
        _in("case", _TEXT, "the case"),
        _in("year", _INT, "the year it was imposed"),
        _in("month", _INT, "the month it was imposed"),
        _in("amount", _MONEY, "the charge as imposed"),
        _in("outstanding", _MONEY, "what is still to be deducted (default: the amount)", None),
        _in("approved", _BOOL, "whether the GM has approved its notice (C-12.2)", True),
    )
)
_FINE = _Record(
    (
        _in("sanction", _Choice.of(penalties.Sanction), "the administrative penalty"),
        _in("amount", _MONEY, "the fine proposed (default: the minimum)", None),
        _in("count", _INT, "how many", 1),
        _in("base", _QUANTITY, "the person's base (基數)", 1),
    )
)


def _penalty_account(i: Inputs, cur: Currency) -> Any:
    open_cases = tuple(
        penalties.OpenCase(
            c["case"],
            c["year"],
            c["month"],
            c["amount"],
            c["amount"] if c["outstanding"] is None else c["outstanding"],
            c["approved"],
        )
        for c in i["open_cases"]
    )
    zero = Money.zero(cur)
    imposed = sum((c.amount for c in open_cases), zero)
    deducted = imposed - sum((c.outstanding for c in open_cases), zero)
    year, month, last = i["year"], i["month"], i["last_closed"]
    if last is not None:  # the account's next month is the one after its last closed month
        last = (last.year, last.month)
        year, month = (last[0] + 1, 1) if last[1] == 12 else (last[0], last[1] + 1)
    cases = frozenset(c.case for c in open_cases) | frozenset(i["closed_cases"])
    return penalties.PenaltyAccount(
        i["person"], year, month, open_cases, imposed, deducted, last, cases
    )


def _close_month(i: Inputs, policy: Policy) -> Explained:
    fines = [
        penalties.check_fine(
            fine["sanction"],
            amount=fine["amount"],
            count=fine["count"],
            base=fine["base"],
            bonus=i["bonus"],
            policy=policy,
        )
        for fine in i["fines"]
    ]
    return _penalty_account(i, i["bonus"].currency).close_month(  # type: ignore[no-any-return]
        i["year"],
        i["month"],
        i["bonus"],
        charges=i["charges"],
        approved=i["approved"],
        fines=fines,
        wage=i["wage"],
        minimum_wage=i["minimum_wage"],
        policy=policy,
    )


def _close_months(i: Inputs, policy: Policy) -> Explained:
    cur = i["bonuses"][0].currency if i["bonuses"] else policy.general.currency
    return _penalty_account(i, cur).close_months(  # type: ignore[no-any-return]
        i["year"],
        i["month"],
        i["bonuses"],
        charges=i["charges"] or None,
        approved=i["approved"] or None,
        policy=policy,
    )


_SANCTION_BAND = _Record(
    (
        _in(
            "sanction",
            _Choice.words("none", "warning", "minor demerit", "major demerit"),
            "the sanction of the band",
        ),
        _in("count", _INT, "how many", 1),
        _in("lower", _MONEY, "the band's lower bound"),
        _in("lower_inclusive", _BOOL, "whether the lower bound is in the band", True),
        _in("upper", _MONEY, "the band's upper bound (none for the last band)", None),
        _in("upper_inclusive", _BOOL, "whether the upper bound is in the band", False),
    )
)


def _sanction_table(bands: Iterable[Mapping[str, Any]]) -> tuple[Any, ...]:
    return tuple(
        policy_module.SanctionBand(
            sanction=None if band["sanction"] == "none" else band["sanction"],
            count=band["count"],
            lower=band["lower"],
            lower_inclusive=band["lower_inclusive"],
            upper=band["upper"],
            upper_inclusive=band["upper_inclusive"],
        )
        for band in bands
    )


_ACCOUNT_INPUTS = (
    _in("person", _TEXT, "whose account it is"),
    _in("year", _INT, "the year of the (first) month to close"),
    _in("month", _INT, "the (first) month to close"),
    _in("open_cases", _List(_MONTH_CLOSE_CASE), "charges carried from earlier months", ()),
    _in(
        "last_closed",
        _DATE,
        "any day of the account's last closed month (default: none before the month to close)",
        None,
    ),
    _in("closed_cases", _TEXTS, "cases charged earlier and no longer open", ()),
)

_PENALTY_RULES = (
    _rule(
        "losses.loss_basis",
        "P",
        ("P-1",),
        "the loss of a complaint case: resale within the month, or the actual loss",
        inputs=(
            _in("ruling", _DATE, "the day responsibility was ruled"),
            _in("a_grade_price", _MONEY, "the A-grade unit price"),
            _in("quantity", _QUANTITY, "the quantity concerned"),
            _in("sold_on", _DATE, "the day the goods were resold, if they were", None),
            _in("proceeds", _MONEY, "what the resale brought in", None),
            _in("actual_loss", _MONEY, "the actual loss, if not resold in time", None),
        ),
        event=_event_input("ruling"),
        call=lambda i, p: losses.loss_basis(
            ruling=i["ruling"],
            a_grade_price=i["a_grade_price"],
            quantity=i["quantity"],
            sold_on=i["sold_on"],
            proceeds=i["proceeds"],
            actual_loss=i["actual_loss"],
            policy=p,
        ),
        outputs=(
            _out("loss", _MONEY, "the loss"),
            _out("branch", _Choice.words("resale", "actual"), "which branch of P-1 gave it"),
            _out("resale_deadline", _DATE, "the last day a resale counts"),
        ),
    ),
    _rule(
        "losses.classify_complaint",
        "P",
        ("P-4", "C-5"),
        "a complaint's cause (one of fifteen) and its kind, quality or non-quality",
        inputs=(
            _in("cause", _Choice.of(losses.Cause), "the cause, by number (1-15) or name"),
            _in("kind", _Choice.of(losses.ComplaintKind), "quality or non-quality"),
        ),
        call=lambda i, p: losses.classify_complaint(i["cause"], i["kind"], policy=p),
        outputs=(
            _out("cause", _Choice.of(losses.Cause), "the cause"),
            _out("kind", _Choice.of(losses.ComplaintKind), "the kind"),
        ),
    ),
    _rule(
        "losses.attribute",
        "P",
        ("P-E1", "P-E2"),
        "who is charged: the team or person at fault, else the whole unit",
        inputs=(
            _in("function", _Choice.of(losses.Function), "the function of the unit at fault"),
            _in("whole", _Party(_PARTY_FIELDS, unit_only=True), "the whole section or department"),
            _in("at_fault", _Party(_PARTY_FIELDS), "the team or person at fault, if known", None),
        ),
        call=lambda i, p: losses.attribute(
            i["function"],
            whole=_party(i["whole"]),
            at_fault=_party(i["at_fault"]) if i["at_fault"] is not None else None,
            policy=p,
        ),
        outputs=(
            _out("party", _TEXT, "the name of the party charged", get="party.name"),
            _out(
                "party_kind",
                _Choice.words("person", "team", "section", "department"),
                "what the party charged is",
                lambda r, i: _party_kind(r.party),
            ),
            _out("identified", _BOOL, "whether the culprit could be told"),
        ),
    ),
    _rule(
        "losses.ruling_deadline",
        "P",
        ("P-2",),
        "the last day of a month's responsibility ruling: before the 10th",
        inputs=(
            _in("year", _INT, "the year"),
            _in("month", _INT, "the month"),
            _in("ruled", _DATE, "the day the ruling was made, to judge it", None),
        ),
        event=_event_month(),
        call=lambda i, p: losses.ruling_deadline(i["year"], i["month"], policy=p),
        outputs=_deadline_outputs("ruled", "the ruling"),
    ),
    _rule(
        "losses.apportion",
        "P",
        ("P-2", "P-E3.2", "P-E3.3", "P-E4"),
        "a case's loss split by responsibility ratio, then inside each unit by base points",
        inputs=(
            _in("loss", _MONEY, "the loss of the case (negative: a refund)"),
            _in("case", _TEXT, "the case, for the explanation", ""),
            _in(
                "parties",
                _List(
                    _Party(
                        (
                            *_PARTY_FIELDS,
                            _in("ratio", _QUANTITY, "the party's share of responsibility", 1),
                        )
                    )
                ),
                "the responsible parties",
            ),
        ),
        call=lambda i, p: losses.apportion(
            i["loss"],
            {_party(party): party["ratio"] for party in i["parties"]},
            case=i["case"],
            policy=p,
        ),
        outputs=(
            _out(
                "parties", _Map(_MONEY, "party"), "each party's share", lambda r, i: dict(r.parties)
            ),
            _out(
                "persons",
                _Map(_MONEY, "person"),
                "each person's charge",
                lambda r, i: dict(r.persons),
            ),
            _out("loss", _MONEY, "the loss split"),
        ),
    ),
    _rule(
        "penalties.check_fine",
        "P",
        ("P-5.1", "P-5.2", "P-5.3"),
        "a proposed administrative fine judged against its minimum",
        inputs=(
            *_FINE.fields,
            _in("bonus", _MONEY, "the month's bonus (a major demerit takes all of it)", None),
        ),
        call=lambda i, p: penalties.check_fine(
            i["sanction"],
            amount=i["amount"],
            count=i["count"],
            base=i["base"],
            bonus=i["bonus"],
            policy=p,
        ),
        outputs=(
            _out("valid", _BOOL, "whether the fine is at least its minimum"),
            _out("minimum", _MONEY, "the least fine allowed"),
            _out("amount", _MONEY, "the fine"),
            _out("outside_cap", _BOOL, "whether it sits outside the 50 % cap"),
        ),
    ),
    _rule(
        "penalties.close_month",
        "P",
        ("P-E3.1", "P-E3.4", "C-12.2"),
        "one month of a penalty account: fines, then approved complaint charges within the cap",
        inputs=(
            *_ACCOUNT_INPUTS,
            _in("bonus", _MONEY, "the month's bonus"),
            _in("charges", _Map(_MONEY, "case"), "the charges imposed this month", {}),
            _in(
                "approved",
                _TEXT_SET,
                "the cases whose notice the GM has approved by this close (C-12.2)",
                (),
            ),
            _in("fines", _List(_FINE), "the month's administrative fines", ()),
            _in("wage", _MONEY, "the month's wage, to check the statutory limit", None),
            _in("minimum_wage", _MONEY, "the local minimum wage", None),
        ),
        event=_event_month(),
        call=_close_month,
        outputs=(
            _out("cap", _MONEY, "the most complaint deductions may take"),
            _out("brought_forward", _MONEY, "what was carried in"),
            _out("deducted", _MONEY, "the complaint deductions this month"),
            _out(
                "deductions",
                _Map(_MONEY, "case"),
                "the deduction per case",
                lambda r, i: dict(r.deductions),
            ),
            _out("carried", _MONEY, "what is carried into the next month on approved cases"),
            _out("held_back", _MONEY, "what is held back for want of an approved notice"),
            _out(
                "outstanding",
                _Map(_MONEY, "case"),
                "what each open case still owes",
                lambda r, i: {c.case: c.outstanding for c in r.account.open_cases},
            ),
            _out("fines", _MONEY, "the fines taken from the bonus"),
            _out("fines_uncovered", _MONEY, "the part of the fines the bonus could not cover"),
            _out("company_receives", _MONEY, "what the company receives"),
            _out(
                "statutory_conflict",
                _BOOL,
                "whether the law's limits are broken",
                lambda r, i: r.statutory.conflict,
                needs=("wage", "minimum_wage"),
            ),
            _out(
                "lawful_maximum",
                _MONEY,
                "the most the law allows the month's deductions for losses to take",
                lambda r, i: r.statutory.lawful_maximum,
                needs=("wage", "minimum_wage"),
            ),
            _out(
                "wage_left",
                _MONEY,
                "the wage left after all of the month's deductions",
                lambda r, i: r.statutory.wage_left,
                needs=("wage", "minimum_wage"),
            ),
        ),
    ),
    _rule(
        "penalties.close_months",
        "P",
        ("P-E3.4", "C-12.2"),
        "several months of a penalty account closed in a row",
        inputs=(
            *_ACCOUNT_INPUTS,
            _in("bonuses", _List(_MONEY), "each month's bonus, in order"),
            _in(
                "charges",
                _List(_Map(_MONEY, "case")),
                "the charges imposed in each month, in order ({} for none)",
                (),
            ),
            _in(
                "approved",
                _List(_TEXT_SET),
                "the cases whose notice the GM has approved by each month's close ([] for none)",
                (),
            ),
        ),
        event=_event_month(),
        call=_close_months,
        outputs=(
            _out("deducted", _List(_MONEY), "each month's deduction"),
            _out("carried", _List(_MONEY), "what each month carries on approved cases"),
            _out("held_back", _List(_MONEY), "what each month holds back (C-12.2)"),
            _out("outstanding", _MONEY, "what is still owed at the end", get="account.outstanding"),
        ),
    ),
    _rule(
        "penalties.statutory_check",
        "P",
        ("P-E3.4",),
        "a month's deductions checked against the statute (《工資支付暫行規定》 art. 16)",
        inputs=(
            _in("deduction", _MONEY, "the month's complaint deductions (for losses)"),
            _in("other_deductions", _MONEY, "the month's fines and forfeits", None),
            _in("wage", _MONEY, "the month's wage"),
            _in("minimum_wage", _MONEY, "the local minimum wage"),
        ),
        call=lambda i, p: penalties.statutory_check(
            i["deduction"],
            wage=i["wage"],
            minimum_wage=i["minimum_wage"],
            other_deductions=i["other_deductions"],
            policy=p,
        ),
        outputs=(
            _out("conflict", _BOOL, "whether the law is broken"),
            _out("over_limit", _BOOL, "whether the deduction for losses exceeds 20 % of the wage"),
            _out("below_minimum", _BOOL, "whether the wage left is below the minimum wage"),
            _out("limit", _MONEY, "20 % of the wage, rounded down"),
            _out("lawful_maximum", _MONEY, "min(20 % of the wage, wage - minimum wage)"),
            _out("taken", _MONEY, "everything the company rule takes this month"),
            _out("wage_left", _MONEY, "the wage left after all of the month's deductions"),
        ),
    ),
    _rule(
        "penalties.sanction_for",
        "P",
        ("P-3",),
        "the sanction the company's table gives for the loss a person bears",
        inputs=(
            _in("amount", _MONEY, "the loss the person bears after the ruling"),
            _in(
                "bands",
                _List(_SANCTION_BAND),
                "the company's sanction table (default: penalties.sanction_table)",
                None,
            ),
        ),
        call=lambda i, p: penalties.sanction_for(
            i["amount"],
            policy=p
            if i["bands"] is None
            else p.updated({"penalties.sanction_table": _sanction_table(i["bands"])}),
        ),
        outputs=(
            _out(
                "sanction",
                _Choice.words("none", "warning", "minor demerit", "major demerit"),
                "the sanction",
                lambda r, i: "none" if r.sanction is None else r.sanction.value,
            ),
            _out("count", _INT, "how many"),
            _out("band", _INT, "the band of the table, counted from 1"),
        ),
    ),
)

# -- C: complaint handling -----------------------------------------------------------------------

_MARKET = _Choice.words("domestic", "foreign")
_APPROVER = _Choice.of(complaints.Approver)
_HANDLING = _Choice.of(complaints.Handling)
_STEP = _Record(
    (
        _in("name", _TEXT, "the step, a name of complaints.step_limit_days"),
        _in("started", _DATE, "the day the step started"),
        _in("finished", _DATE, "the day the step finished, if it did", None),
    )
)
_CASE = _Record(
    (
        _in("number", _TEXT, 'the case number, such as "260301"'),
        _in("accepted", _DATE, "the day the GM office accepted the case"),
        _in("customer", _MARKET, "a domestic or a foreign customer"),
        _in("closed", _DATE, "the day the case was closed, if it was", None),
        _in("steps", _List(_STEP), "the units' steps of the handling (C-10.2)", ()),
        _in("sanctioned", _BOOL, "whether the ruling carries an administrative sanction", False),
    )
)
_BAND = _Record(
    (
        _in("role", _APPROVER, "the role that approves the band"),
        _in("lower", _MONEY, "the band's lower bound"),
        _in("lower_inclusive", _BOOL, "whether the lower bound is in the band", True),
        _in("upper", _MONEY, "the band's upper bound (none for the last band)", None),
        _in(
            "upper_inclusive",
            _BOOL,
            "whether the upper bound is in the band (default: true when there is one)",
            None,
        ),
    )
)
_BANDS = _in(
    "bands", _List(_BAND), "the company's own approval table (default: from the policy)", None
)


def _complaint_case(case: Mapping[str, Any], policy: Policy) -> Any:
    return complaints.ComplaintCase(
        complaints.CaseNumber.parse(case["number"], policy=policy),
        case["accepted"],
        case["customer"],
        case["closed"],
        [complaints.CaseStep(**step) for step in case["steps"]],
        sanctioned=case["sanctioned"],
    )


def _table(bands: Iterable[Mapping[str, Any]] | None) -> Any:
    if bands is None:
        return None
    return complaints.ApprovalTable(
        [
            complaints.ApprovalBand(
                role=band["role"],
                lower=band["lower"],
                lower_inclusive=band["lower_inclusive"],
                upper=band["upper"],
                upper_inclusive=(
                    band["upper"] is not None
                    if band["upper_inclusive"] is None
                    else band["upper_inclusive"]
                ),
            )
            for band in bands
        ]
    )


def _numbers(numbers: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(number) for number in numbers)


_COMPLAINT_RULES = (
    _rule(
        "complaints.next_case_number",
        "C",
        ("C-8",),
        "the next case number of a month: YYMM and a running number",
        inputs=(
            _in("accepted", _DATE, "the day the GM office accepted the case"),
            _in("issued", _TEXTS, "the case numbers already issued", ()),
        ),
        event=_event_input("accepted"),
        call=lambda i, p: complaints.next_case_number(i["accepted"], i["issued"], policy=p),
        outputs=(
            _out("number", _TEXT, "the next case number", lambda r, i: str(r.number)),
            _out("issued_in_month", _INT, "the numbers already issued that month"),
            _out(
                "last",
                _opt(_TEXT),
                "the last number issued that month",
                lambda r, i: str(r.last) if r.last is not None else None,
            ),
        ),
    ),
    _rule(
        "complaints.closing_deadline",
        "C",
        ("C-10",),
        "the day by which a complaint must be closed: by default 13 days domestic, 17 foreign",
        inputs=(
            _in("accepted", _DATE, "the day the GM office accepted the case"),
            _in("customer", _MARKET, "a domestic or a foreign customer"),
            _in("closed", _DATE, "the day the case was closed, to judge it", None),
        ),
        event=_event_input("accepted"),
        call=lambda i, p: complaints.closing_deadline(i["accepted"], i["customer"], policy=p),
        outputs=_deadline_outputs("closed", "the closing"),
    ),
    _rule(
        "complaints.qa_report_deadline",
        "C",
        ("C-9.3",),
        "the day by which quality management reports on an investigation",
        inputs=(
            _in("investigated", _DATE, "the day of the investigation"),
            _in("reported", _DATE, "the day of the report, to judge it", None),
        ),
        event=_event_input("investigated"),
        call=lambda i, p: complaints.qa_report_deadline(i["investigated"], policy=p),
        outputs=_deadline_outputs("reported", "the report"),
    ),
    _rule(
        "complaints.opinion_deadline",
        "C",
        ("C-9.6",),
        "the day by which the GM office writes its consolidated opinion",
        inputs=(
            _in("received", _DATE, "the day the sales result reached the GM office"),
            _in("written", _DATE, "the day the opinion was written, to judge it", None),
        ),
        event=_event_input("received"),
        call=lambda i, p: complaints.opinion_deadline(i["received"], policy=p),
        outputs=_deadline_outputs("written", "the opinion"),
    ),
    _rule(
        "complaints.summary_deadline",
        "C",
        ("C-9.10",),
        "the day by which a month's closed cases are summarised: before the 10th",
        inputs=(
            _in("year", _INT, "the year of the cases closed"),
            _in("month", _INT, "the month of the cases closed"),
            _in("summarised", _DATE, "the day of the summary, to judge it", None),
        ),
        event=_event_month(),
        call=lambda i, p: complaints.summary_deadline(i["year"], i["month"], policy=p),
        outputs=_deadline_outputs("summarised", "the summary"),
    ),
    _rule(
        "complaints.case_status",
        "C",
        ("C-10", "C-14"),
        "where a case stands on a day: open or closed, on time or late",
        inputs=(*_CASE.fields, _in("on", _DATE, "the day asked about")),
        event=_event_input("accepted"),
        call=lambda i, p: complaints.case_status(_complaint_case(i, p), i["on"], policy=p),
        outputs=(
            _out("state", _Choice.of(complaints.CaseState), "the case's state"),
            _out("due", _DATE, "its closing deadline", get="deadline.due"),
            _out("days_late", _INT, "days past the deadline"),
            _out("reminder_due", _BOOL, "whether a reminder (催辦單) is due"),
            _out(
                "inquiry_proposed", _BOOL, "whether an inquiry (洽辦單) is proposed: it may be sent"
            ),
            _out("inquiry_due", _BOOL, "the old name of inquiry_proposed"),
            _out(
                "steps",
                _Map(_Choice.of(complaints.StepState), "step"),
                "each step's state against its C-10.2 limit (when the table is set)",
                lambda r, i: {s.step.name: s.state for s in r.steps},
            ),
        ),
    ),
    _rule(
        "complaints.step_status",
        "C",
        ("C-10.2", "C-14"),
        "where one step of the handling stands against its own time limit",
        inputs=(*_STEP.fields, _in("on", _DATE, "the day asked about")),
        event=_event_input("started"),
        call=lambda i, p: complaints.step_status(
            complaints.CaseStep(i["name"], i["started"], i["finished"]), i["on"], policy=p
        ),
        outputs=(
            _out("state", _Choice.of(complaints.StepState), "the step's state"),
            _out("due", _DATE, "its deadline", get="deadline.due"),
            _out("days_late", _INT, "days past the deadline"),
        ),
    ),
    _rule(
        "complaints.check_complaint_form",
        "C",
        ("C-9.1",),
        "whether a complaint form has every required item, naming each one missing",
        inputs=(
            _in("customer", _TEXT, "who complains"),
            _in("order_number", _TEXT, "the order number", None),
            _in("part_number", _TEXT, "the part number", None),
            _in("delivered", _DATE, "the delivery date", None),
            _in("quantity", _QUANTITY, "the quantity delivered", None),
            _in("defective", _QUANTITY, "the defective quantity", None),
            _in("request", _Choice.of(complaints.Request), "what the customer asks for", None),
            _in("requested_quantity", _QUANTITY, "the quantity to return or exchange", None),
            _in(
                "still_processing",
                _BOOL,
                "the quantity to return or exchange is noted 客戶加工中未確定",
                False,
            ),
        ),
        call=lambda i, p: complaints.check_complaint_form(
            complaints.ComplaintForm(
                customer=i["customer"],
                order_number=i["order_number"],
                part_number=i["part_number"],
                delivered=i["delivered"],
                quantity=i["quantity"],
                defective=i["defective"],
                request=i["request"],
                requested_quantity=(
                    complaints.STILL_PROCESSING
                    if i["still_processing"]
                    else i["requested_quantity"]
                ),
            )
        ),
        outputs=(
            _out("complete", _BOOL, "whether no item is missing"),
            _out(
                "missing",
                _List(_Choice.of(complaints.FormItem)),
                "the items missing, in the order of the form",
            ),
            _out("still_processing", _BOOL, "whether the quantity is noted 客戶加工中未確定"),
        ),
    ),
    _rule(
        "complaints.sanction_referrals",
        "C",
        ("C-12.1",),
        "the cases closed in a month with an administrative sanction, sent to HR by the 10th",
        inputs=(
            _in("cases", _List(_CASE), "the cases"),
            _in("year", _INT, "the year of the cases closed"),
            _in("month", _INT, "the month of the cases closed"),
        ),
        event=_event_month(),
        call=lambda i, p: complaints.sanction_referrals(
            [_complaint_case(case, p) for case in i["cases"]], i["year"], i["month"], policy=p
        ),
        outputs=(
            _out("due", _DATE, "the last day to send them to HR", get="deadline.due"),
            _out(
                "reviewed",
                _TEXTS,
                "the cases closed in the month",
                lambda r, i: _numbers(r.reviewed),
            ),
            _out("referred", _TEXTS, "the cases that go to HR", lambda r, i: _numbers(r.referred)),
        ),
    ),
    _rule(
        "complaints.review_cases",
        "C",
        ("C-10", "C-14"),
        "a register of cases judged on one day, with the reminders and inquiries due",
        inputs=(
            _in("cases", _List(_CASE), "the cases"),
            _in("on", _DATE, "the day of the review"),
        ),
        event=_event_input("on"),
        call=lambda i, p: complaints.review_cases(
            [_complaint_case(case, p) for case in i["cases"]], i["on"], policy=p
        ),
        outputs=(
            _out(
                "reminders",
                _TEXT_SET,
                "the cases that need a reminder",
                lambda r, i: _numbers(r.reminders),
            ),
            _out(
                "inquiries",
                _TEXT_SET,
                "the cases that may get an inquiry",
                lambda r, i: _numbers(r.inquiries),
            ),
            _out(
                "states",
                _Map(_Choice.of(complaints.CaseState), "case number"),
                "each case's state",
                lambda r, i: {str(s.case.number): s.state for s in r.statuses},
            ),
        ),
    ),
    _rule(
        "complaints.monthly_summary",
        "C",
        ("C-9.10", "C-14"),
        "the cases closed in a month, each judged on time or late",
        inputs=(
            _in("cases", _List(_CASE), "the cases"),
            _in("year", _INT, "the year"),
            _in("month", _INT, "the month"),
        ),
        event=_event_month(),
        call=lambda i, p: complaints.monthly_summary(
            [_complaint_case(case, p) for case in i["cases"]], i["year"], i["month"], policy=p
        ),
        outputs=(
            _out("due", _DATE, "the last day of the summary", get="deadline.due"),
            _out(
                "on_time", _TEXT_SET, "the cases closed on time", lambda r, i: _numbers(r.on_time)
            ),
            _out("late", _TEXT_SET, "the cases closed late", lambda r, i: _numbers(r.late)),
        ),
    ),
    _rule(
        "complaints.approver_for",
        "C",
        ("C-11",),
        "who approves a complaint amount",
        inputs=(_in("amount", _MONEY, "the complaint amount"), _BANDS),
        call=lambda i, p: complaints.approver_for(i["amount"], table=_table(i["bands"]), policy=p),
        outputs=(
            _out("role", _APPROVER, "the role that approves it"),
            _out("band", _INT, "the band it falls in, from 1", get="band_number"),
        ),
    ),
    _rule(
        "complaints.check_answer",
        "C",
        ("C-9.11", "C-11"),
        "whether sales may give the customer an answer: only the ruling, by letter or phone",
        inputs=(
            _in("handling", _HANDLING, "the handling sales would offer"),
            _in("amount", _MONEY, "the amount sales would offer"),
            _in("channel", _Choice.of(complaints.AnswerChannel), "letter, phone or form_copy"),
            _in("approved_handling", _HANDLING, "the handling of the ruling (批示)"),
            _in("approved_amount", _MONEY, "the amount of the ruling"),
            _in("approved_by", _APPROVER, "the role that approved the ruling"),
            _BANDS,
        ),
        call=lambda i, p: complaints.check_answer(
            complaints.CustomerAnswer(
                handling=i["handling"], amount=i["amount"], channel=i["channel"]
            ),
            complaints.Ruling(
                handling=i["approved_handling"],
                amount=i["approved_amount"],
                approved_by=i["approved_by"],
            ),
            table=_table(i["bands"]),
            policy=p,
        ),
        outputs=(
            _out("allowed", _BOOL, "whether the answer may be given"),
            _out(
                "problems",
                _List(_Choice.of(complaints.AnswerProblem), ordered=False),
                "why it may not",
            ),
            _out("approver", _APPROVER, "the role that approves the amount", get="approval.role"),
        ),
    ),
    _rule(
        "complaints.may_answer",
        "C",
        ("C-9.11", "C-11"),
        "whether a role may answer a customer on an amount on its own authority",
        inputs=(
            _in("role", _APPROVER, "the role that would answer"),
            _in("amount", _MONEY, "the complaint amount"),
            _BANDS,
        ),
        call=lambda i, p: complaints.may_answer(
            i["role"], i["amount"], table=_table(i["bands"]), policy=p
        ),
        outputs=(
            _out("allowed", _BOOL, "whether the role may answer"),
            _out("approver", _APPROVER, "the role that approves the amount", get="approval.role"),
        ),
    ),
)

# -- R: returns and allowances -------------------------------------------------------------------

_DOCUMENT = _Choice.of(returns.DocumentKind)
_PROOF_INPUTS = (
    _in(
        "documents",
        _List(
            _Record(
                (
                    _in("kind", _DOCUMENT, "the kind of document"),
                    _in("stamped", _BOOL, "whether the buyer stamped it"),
                    _in("reference", _TEXT, "its number, for the explanation", ""),
                )
            )
        ),
        "the documents offered as proof",
    ),
)


def _proofs(documents: Iterable[Mapping[str, Any]]) -> list[Any]:
    return [returns.ProofDocument(d["kind"], d["stamped"], d["reference"]) for d in documents]


def _proof_outputs() -> tuple[ScenarioField, ...]:
    kinds = _List(_DOCUMENT, ordered=False)
    return (
        _out("proven", _BOOL, "whether the documents prove it"),
        _out(
            "accepted",
            kinds,
            "the documents that prove it",
            lambda r, i: tuple(d.kind for d in r.accepted),
        ),
        _out(
            "unstamped",
            kinds,
            "the right documents without the buyer's stamp",
            lambda r, i: tuple(d.kind for d in r.unstamped),
        ),
        _out(
            "wrong_kind",
            kinds,
            "the documents of the wrong kind",
            lambda r, i: tuple(d.kind for d in r.wrong_kind),
        ),
    )


_RETURNS_RULES = (
    _rule(
        "returns.required_document",
        "R",
        ("R-1",),
        "the document a complaint settled by a handling type needs",
        inputs=(_in("handling", _Choice.of(complaints.Handling), "how the complaint is settled"),),
        call=lambda i, p: returns.required_document(i["handling"]),
        outputs=(_out("document", _DOCUMENT, "the document needed"),),
    ),
    _rule(
        "returns.reconcile_return",
        "R",
        ("R-2.1",),
        "what accounting books when the actual return differs from the approved quantity",
        inputs=(
            _in("approved", _QUANTITY, "the approved return quantity"),
            _in("actual", _QUANTITY, "the quantity actually returned"),
            _in("order_ratio", _DECIMAL, "the customer's over-acceptance ratio on the order", None),
        ),
        call=lambda i, p: returns.reconcile_return(
            i["approved"], i["actual"], order_ratio=i["order_ratio"], policy=p
        ),
        outputs=(
            _out("outcome", _Choice.of(returns.BookingOutcome), "how the quantity compares"),
            _out("booked", _opt(_QUANTITY), "the quantity booked (none: refused)"),
            _out("refused", _BOOL, "whether the booking is refused"),
            _out("limit", _DECIMAL, "approved x (1 + ratio)"),
            _out("exceeded_by", _DECIMAL, "how far the actual quantity exceeds the limit"),
            _out("ratio", _DECIMAL, "the over-acceptance ratio used"),
            _out("ratio_source", _Choice.words("order", "policy"), "where the ratio came from"),
        ),
    ),
    _rule(
        "returns.warehouse_receipt",
        "R",
        ("R-2.2",),
        "what the warehouse signs for when returned goods arrive",
        inputs=(
            _in("slip", _QUANTITY, "the quantity on the return slip"),
            _in("received", _QUANTITY, "the quantity that arrived"),
        ),
        call=lambda i, p: returns.warehouse_receipt(i["slip"], i["received"]),
        outputs=(
            _out("sign_for", _QUANTITY, "the quantity signed for"),
            _out("needs_sign_off", _BOOL, "whether instructions are asked first"),
            _out("matches", _BOOL, "whether the goods match the slip"),
            _out("difference", _DECIMAL, "received - slip"),
        ),
    ),
    _rule(
        "returns.bonus_collection_rate",
        "R",
        ("R-2.3", "C-9.14"),
        "a salesperson's collection rate for the bonus, with the relief of held-up receivables",
        inputs=(
            _in(
                "receivables",
                _List(
                    _Record(
                        (
                            _in("customer", _TEXT, "the customer"),
                            _in("part_number", _TEXT, "the part number"),
                            _in("amount", _MONEY, "the amount due"),
                            _in("collected", _MONEY, "the amount collected"),
                            _in("reference", _TEXT, "the invoice, for the explanation", ""),
                        )
                    )
                ),
                "the salesperson's receivables",
            ),
            _in(
                "forms",
                _List(
                    _Record(
                        (
                            _in("customer", _TEXT, "the customer who complained"),
                            _in("part_number", _TEXT, "the part number on the form"),
                            _in(
                                "upheld",
                                _opt(_BOOL),
                                "whether the complaint was upheld (none: not decided yet)",
                                None,
                            ),
                        )
                    )
                ),
                "the complaint forms",
                (),
            ),
        ),
        call=lambda i, p: returns.bonus_collection_rate(
            [returns.Receivable(**row) for row in i["receivables"]],
            [complaints.ComplaintForm(**form) for form in i["forms"]],
            policy=p,
        ),
        outputs=(
            _out("rate", _opt(_DECIMAL), "collected / due (none when nothing remains)"),
            _out("exact", _opt(_FRACTION), "the rate as an exact fraction"),
            _out("receivable", _MONEY, "the amount due that counts"),
            _out("collected", _MONEY, "the amount collected that counts"),
            _out("without_relief", _opt(_FRACTION), "the rate with no relief at all"),
            _out("left_out", _MONEY, "the outstanding amount left out"),
            _out(
                "relieved",
                _TEXT_SET,
                "the receivables relieved, as customer part",
                lambda r, i: tuple(
                    f"{x.receivable.customer} {x.receivable.part_number}" for x in r.relieved
                ),
            ),
            _out(
                "not_upheld",
                _TEXT_SET,
                "the receivables of complaints not upheld (C-9.14), as customer part",
                lambda r, i: tuple(f"{x.customer} {x.part_number}" for x in r.not_upheld),
            ),
            _out("unmatched", _TEXT_SET, "complaint forms with no receivable, as customer part"),
        ),
    ),
    _rule(
        "returns.return_proof",
        "R",
        ("R-2.4",),
        "whether documents prove a return: any one of three, stamped by the buyer",
        inputs=_PROOF_INPUTS,
        call=lambda i, p: returns.return_proof(_proofs(i["documents"])),
        outputs=_proof_outputs(),
    ),
    _rule(
        "returns.allowance_proof",
        "R",
        ("R-2.5",),
        "whether documents prove an allowance: either of two, stamped by the buyer",
        inputs=_PROOF_INPUTS,
        call=lambda i, p: returns.allowance_proof(_proofs(i["documents"])),
        outputs=_proof_outputs(),
    ),
)

RULES: Mapping[str, ScenarioRule] = MappingProxyType(
    {
        rule.name: rule
        for rule in (
            *_LEADS_RULES,
            *_CUSTOMER_RULES,
            *_BILLING_RULES,
            *_PENALTY_RULES,
            *_COMPLAINT_RULES,
            *_RETURNS_RULES,
        )
    }
)
"""The rules a scenario may name, by name (``<module>.<function>``), family by family."""

# -- the policy a scenario runs under ------------------------------------------------------------

_GROUP_NAMES = tuple(field.name for field in attrs.fields(Policy))
_PARAMETER_TYPES: Mapping[str, str] = MappingProxyType(
    {
        f"{group}.{field.name}": str(field.type)
        for group in _GROUP_NAMES
        for field in attrs.fields(type(getattr(Policy(), group)))
    }
)
_OVERRIDES_WHAT = 'a table of policy parameters by dotted path, such as "billing.payment_days" = 10'


def _overrides(table: object, key: str, ctx: _Ctx) -> dict[str, tuple[object, str]]:
    """The parameter changes of a ``[policy]`` table: path -> (TOML value, key for messages)."""
    if not isinstance(table, dict):
        raise ctx.expected(key, _OVERRIDES_WHAT, table)
    found: dict[str, tuple[object, str]] = {}
    problems: list[ScenarioError] = []
    for name, value in table.items():
        where = f"{key}.{_key(name)}"
        if "." in name:
            if name not in _PARAMETER_TYPES:
                problems.append(
                    ctx.error(
                        where, f"is not a policy parameter{_did_you_mean(name, _PARAMETER_TYPES)}"
                    )
                )
                continue
            found[name] = (value, where)
        elif name in _GROUP_NAMES:
            if not isinstance(value, dict):
                problems.append(ctx.expected(where, f"a table of {name} parameters", value))
                continue
            fields = [
                path.split(".")[1] for path in _PARAMETER_TYPES if path.startswith(f"{name}.")
            ]
            for field, item in value.items():
                if field not in fields:
                    problems.append(ctx.unknown(f"{where}.{_key(field)}", field, fields))
                    continue
                found[f"{name}.{field}"] = (item, f"{where}.{field}")
        else:
            problems.append(ctx.unknown(where, name, _GROUP_NAMES))
    if problems:
        raise _combined(ctx.source, problems)
    return found


def _policy(base: Policy, changes: Mapping[str, tuple[object, str]], key: str, ctx: _Ctx) -> Policy:
    """``base`` with the changes applied; amounts are read in the policy's currency."""
    values: dict[str, object] = {}
    cur = base.general.currency
    if "general.currency" in changes:
        code, where = changes["general.currency"]
        cur = _currency_of(code, where, ctx)
        values["general.currency"] = cur
    money_ctx = _Ctx(ctx.source, cur)
    for path, (value, where) in changes.items():
        if _PARAMETER_TYPES[path] in ("Money", "Money | None"):
            values[path] = _MONEY.parse(value, where, money_ctx)
        elif path != "general.currency":
            values[path] = value
    try:
        return base.updated(values)
    except CustPolicyError as error:
        for path, value in values.items():
            try:
                base.updated({path: value})
            except CustPolicyError as refusal:
                raise ctx.error(changes[path][1], f"is refused by the policy: {refusal}") from None
        raise ctx.error(key, f"is refused by the policy: {error}") from None


def _currency_of(value: object, key: str, ctx: _Ctx) -> Currency:
    try:
        return currency(value)  # type: ignore[arg-type]
    except CustPolicyError:
        raise ctx.expected(key, 'a currency code such as "CNY"', value) from None


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
    kind: _Kind = attrs.field(repr=False, eq=False)

    @property
    def key(self) -> str:
        """The expectation's key in the file, such as ``expect.persons.Chen``."""
        return _path(("expect", *self.path))


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
    """One case of the policy, read and checked key by key; :meth:`run` runs it.

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
        expected = _show(self.expected, check_lang(lang, "Mismatch.render"))
        actual = _show(self.actual, lang)
        if lang == "en":
            return f"{self.path}: expected {expected}, got {actual}"
        return f"{self.path}：預期{expected}，實際為{actual}"


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
        if check_lang(lang, "ScenarioOutcome.verdict") == "en":
            return (
                f"{'PASS' if self.passed else 'FAIL'} {self.scenario.source}: {self.scenario.title}"
            )
        return (
            f"{'通過' if self.passed else '未通過'} {self.scenario.source}：{self.scenario.title}"
        )

    def report(self, lang: Lang = "en", *, full: bool = True) -> str:
        """The outcome as text: with ``full``, the case, its decision and its explanation.

        Without ``full``: the verdict, the mismatches and the explanation (what ``check``
        prints for a failure).
        """
        check_lang(lang, "ScenarioOutcome.report")
        if not isinstance(full, bool):
            raise errors.InvalidInputError(
                f"full must be True or False, got {full!r} [ScenarioOutcome.report]"
            )
        en = lang == "en"
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
                f"  {'file: ' if en else '檔案：'}{scenario.source}",
                f"  {'rule: ' if en else '規則：'}{rule.name}{' ' if en else ''}{about}",
            ]
            lines += [f"  {line}" for line in scenario.description.strip().splitlines()]
            lines.append("decision:" if en else "結果：")
            lines += [f"  {name} = {toml_text(value)}" for name, value in self.decision]
            if self.error is not None:
                lines.append(f"  {'refused: ' if en else '拒絕：'}{type(self.error).__name__}")
        else:
            lines.append(self.verdict(lang))
            lines += [f"  {m.render(lang)}" for m in self.mismatches]
        indent = "" if full else "  "
        lines.append(indent + ("explanation:" if en else "說明："))
        lines += [f"{indent}  {line}" for line in self.explain(lang).splitlines()]
        if full:
            if self.passed:
                met = len(scenario.expectations) + (scenario.clauses is not None)
                met += (scenario.error is not None) + (scenario.clauses_include is not None)
                lines.append(
                    f"check: PASS ({met} expectation(s) met)"
                    if en
                    else f"檢查：通過（符合{met}項預期）"
                )
            else:
                lines.append("check: FAIL" if en else "檢查：未通過")
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
        raise ScenarioError(
            f"{source}: the scenario must be TOML text, got {type(text).__name__}",
            source=str(source),
            key=None,
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"at line (\d+)", str(error))
        line = int(at.group(1)) if at else None
        lines = text.splitlines()
        hint = _date_hint(lines[line - 1]) if line is not None and line <= len(lines) else ""
        message = f"not valid TOML: {error}{hint}"
        raise ScenarioError(
            f"{source}: {message}", source=source, key=None, problems=((None, line, message),)
        ) from None
    return _from_mapping(data, source, key_lines(text))


def scenario_from_mapping(data: Mapping[str, object], *, source: str = "<scenario>") -> Scenario:
    """Read a scenario from a mapping as ``tomllib`` gives it (tables are dicts, arrays lists).

    Raises:
        ScenarioError: the mapping is not a scenario: the message names the file, the key and
            what was expected.
    """
    if not isinstance(source, str):
        raise errors.InvalidInputError(f"source must be a str, got {source!r} [scenario]")
    return _from_mapping(data, source, {})


def _from_mapping(data: Mapping[str, object], source: str, lines: Mapping[str, int]) -> Scenario:
    """Read every key of ``data``, collecting every problem; raise them all at the end."""
    ctx = _Ctx(source, CNY, lines)
    if not isinstance(data, Mapping):
        raise ScenarioError(
            f"{source}: a scenario must be a TOML table, got {toml_text(data)}",
            source=source,
            key=None,
        )
    _check_keys(data, "", ctx)
    problems = _Problems()
    problems.found += [
        ctx.unknown(_key(name), name, _TOP_KEYS) for name in data if name not in _TOP_KEYS
    ]
    rule = problems.attempt(None, _rule_of, data, ctx)
    title = problems.attempt("", _TEXT.parse, data.get("title", _title(source)), "title", ctx)
    description = problems.attempt("", _TEXT.parse, data.get("description", ""), "description", ctx)
    chosen = None
    if "currency" in data:
        chosen = problems.attempt(None, _currency_of, data["currency"], "currency", ctx)
    changes: dict[str, tuple[object, str]] = problems.attempt(
        {}, _overrides, data.get("policy", {}), "policy", ctx
    )
    policy = problems.attempt(Policy(), _policy, Policy(), changes, "policy", ctx)
    ctx = _Ctx(source, chosen or policy.general.currency, lines)
    book = None
    if "versions" in data:
        book = problems.attempt(None, _book, data["versions"], changes, ctx)
    inputs = None
    if rule is not None:
        inputs = problems.attempt(
            None, _Record(rule.inputs).parse, data.get("inputs", {}), "inputs", ctx
        )
    event_date = None
    if "event_date" in data:
        event_date = problems.attempt(None, _DATE.parse, data["event_date"], "event_date", ctx)
        if "versions" not in data:
            problems.found.append(
                ctx.error(
                    "event_date",
                    "only picks the policy version in force (M-1.9): add [[versions]], "
                    "or leave it out",
                )
            )
    elif (
        book is not None
        and rule is not None
        and inputs is not None
        and rule.event_of(inputs) is None
    ):
        why = (
            f"{rule.event} is not a date here"
            if rule.event
            else f"{rule.name} judges no dated event"
        )
        problems.found.append(
            ctx.error(
                "event_date",
                f"is missing: {why}, so give the day whose policy version applies (M-1.9), "
                "such as event_date = 2026-07-01",
            )
        )
    expect = data.get("expect", {})
    expected: dict[str, Any] = {}
    if not isinstance(expect, dict):
        problems.found.append(ctx.expected("expect", "a table of expected values", expect))
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


def _rule_of(data: Mapping[str, object], ctx: _Ctx) -> ScenarioRule:
    if "rule" not in data:
        raise ctx.error(
            "rule",
            'is missing: it names the rule to run, such as "billing.payment_deadline" '
            "(python -m custpolicy rules lists them)",
        )
    rule_name = data["rule"]
    rule = RULES.get(rule_name) if isinstance(rule_name, str) else None
    if rule is None:
        hint = _did_you_mean(rule_name, RULES) if isinstance(rule_name, str) else ""
        raise ctx.expected(
            "rule",
            'the name of a rule, such as "billing.payment_deadline" '
            "(python -m custpolicy rules lists them)",
            rule_name,
            hint,
        )
    return rule


def _check_keys(value: object, key: str, ctx: _Ctx) -> None:
    """Refuse a table key that is not text, at any depth, as TOML never gives one.

    A mapping from YAML or JSON may hold one (``1:``); every later check compares keys as text.
    """
    if isinstance(value, Mapping):
        for name, item in value.items():
            if not isinstance(name, str):
                where = f"{key}.{_key(str(name))}" if key else _key(str(name))
                raise ScenarioError(
                    f"{ctx.source}: key {where} must be text, as every TOML key is, got the "
                    f"{type(name).__name__} {name!r}",
                    source=ctx.source,
                    key=where,
                )
            _check_keys(item, f"{key}.{_key(name)}" if key else _key(name), ctx)
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            _check_keys(item, f"{key}[{n}]", ctx)


def _book(value: object, changes: Mapping[str, tuple[object, str]], ctx: _Ctx) -> PolicyBook:
    what = "an array of tables [[versions]], each with effective, label and policy"
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
        raise ctx.error("versions", f"is refused: {error}") from None


def _version(
    n: int, item: Mapping[str, object], changes: Mapping[str, tuple[object, str]], ctx: _Ctx
) -> PolicyVersion:
    where = f"versions[{n}]"
    for name in item:
        if name not in _VERSION_KEYS:
            raise ctx.unknown(f"{where}.{_key(name)}", name, _VERSION_KEYS)
    if "effective" not in item:
        raise ctx.error(f"{where}.effective", f"is missing: it must be {_DATE.what}")
    effective = _DATE.parse(item["effective"], f"{where}.effective", ctx)
    label = _TEXT.parse(item.get("label", ""), f"{where}.label", ctx)
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
    ctx: _Ctx,
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
            problems.found.append(ctx.unknown(f"expect.{_key(name)}", name, known))
            continue
        missing = [need for need in field.needs if inputs is not None and inputs[need] is None]
        if missing:
            problems.found.append(
                ctx.error(
                    f"expect.{name}", f"needs inputs.{missing[0]}: give it, or leave this out"
                )
            )
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
            hint = _did_you_mean(error, _ERRORS) if isinstance(error, str) else ""
            problems.found.append(
                ctx.expected(
                    "expect.error",
                    "the name of a custpolicy error: " + ", ".join(_ERRORS),
                    error,
                    hint,
                )
            )
            error = None
        elif found or clauses is not None or include is not None:
            problems.found.append(
                ctx.error(
                    "expect.error",
                    "cannot go with other expected values: a refused case has no result",
                )
            )
    contains = None
    if "error_contains" in expect:
        contains = problems.attempt(
            None, _TEXT.parse, expect["error_contains"], "expect.error_contains", ctx
        )
        if "error" not in expect:
            problems.found.append(
                ctx.error("expect.error_contains", "needs expect.error: name the error too")
            )
    problems.raise_any(ctx.source)
    return {
        "expectations": tuple(found),
        "clauses": clauses,
        "clauses_include": include,
        "error": error,
        "error_contains": contains,
    }


def _clause_list(expect: Mapping[str, object], key: str, ctx: _Ctx) -> tuple[Clause, ...] | None:
    if key not in expect:
        return None
    listed = _TEXTS.parse(expect[key], f"expect.{key}", ctx)
    problems = _Problems()
    found = tuple(
        problems.attempt(None, _clause, text, f"expect.{key}[{n}]", ctx)
        for n, text in enumerate(listed)
    )
    problems.raise_any(ctx.source)
    return found  # type: ignore[return-value]


def _clause(text: object, key: str, ctx: _Ctx) -> Clause:
    try:
        return clause(str(text))
    except CustPolicyError:
        raise ctx.expected(key, 'a clause ID of the catalogue, such as "B-6"', text) from None


def _descend(path: tuple[str, ...], kind: _Kind, value: object, ctx: _Ctx) -> list[Expectation]:
    where = _path(("expect", *path))
    if not isinstance(kind, (_Record, _Map)):
        return [Expectation(path, kind.parse(value, where, ctx), kind)]
    if not isinstance(value, dict):
        raise ctx.expected(where, kind.what, value)
    found = []
    for name, item in value.items():
        if isinstance(kind, _Map):
            inner = kind.inner
        else:
            field = kind.field(name)
            if field is None:
                known = [f.name for f in kind.fields]
                raise ctx.unknown(_path(("expect", *path, name)), name, known)
            inner = field.kind
        found += _descend((*path, name), inner, item, ctx)
    return found
