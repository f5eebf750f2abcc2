"""The typed schema of scenario files: what a TOML value may be, and how a rule is declared.

A scenario file ([`custpolicy.scenarios`][]) names a rule, gives its inputs and expects
attributes of its result. Each rule family declares its rules for scenario files in an adapter
beside its rules (``custpolicy.rules.<family>.scenario``), with the vocabulary of this module:

- the kinds of value: [`DATE`][custpolicy.foundation.schema], [`INT`][custpolicy.foundation.schema],
  [`BOOL`][custpolicy.foundation.schema], [`TEXT`][custpolicy.foundation.schema],
  [`MONEY`][custpolicy.foundation.schema], [`DECIMAL`][custpolicy.foundation.schema],
  [`QUANTITY`][custpolicy.foundation.schema], [`FRACTION`][custpolicy.foundation.schema],
  [`TEXTS`][custpolicy.foundation.schema], [`TEXT_SET`][custpolicy.foundation.schema], and the kinds
  built from others: [`OneOf`][custpolicy.foundation.schema.OneOf] (an enumeration's members or a
  few words), [`optional`][custpolicy.foundation.schema.optional],
  [`ListOf`][custpolicy.foundation.schema.ListOf], [`MapOf`][custpolicy.foundation.schema.MapOf] and
  [`Record`][custpolicy.foundation.schema.Record] (a table with named keys);
- [`given`][custpolicy.foundation.schema.given] (an input) and
  [`output`][custpolicy.foundation.schema.output] (an attribute of the result to expect), each a
  [`ScenarioField`][custpolicy.foundation.schema.ScenarioField];
- [`scenario_rule`][custpolicy.foundation.schema.scenario_rule], which declares a
  [`ScenarioRule`][custpolicy.foundation.schema.ScenarioRule], and
  [`event_input`][custpolicy.foundation.schema.event_input],
  [`event_month`][custpolicy.foundation.schema.event_month] (which input dates the event, to pick
  the policy version in force, M-1.9).

A kind reads a TOML value and refuses a wrong one with a
[`ScenarioError`][custpolicy.foundation.errors.ScenarioError] that names the file, the key, its line
and what was expected (a [`Context`][custpolicy.foundation.schema.Context] carries them); it also
compares an expected value with the result's and writes a value back as TOML. The runner (reading a
whole file, the policy it runs under, the comparison) is [`custpolicy.scenarios`][].

Examples:
    >>> from custpolicy.foundation.money import CNY
    >>> ctx = Context("a.scenario.toml", CNY)
    >>> MONEY.parse("1234.50", "inputs.billed", ctx)
    Money('1234.50', 'CNY')
    >>> DATE.parse("2026-03-02", "inputs.delivered", ctx)
    Traceback (most recent call last):
    ...
    custpolicy.ScenarioError: a.scenario.toml: inputs.delivered must be a TOML date \
(YYYY-MM-DD), got "2026-03-02": write the date without quotes
"""

from __future__ import annotations

import difflib
import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from custpolicy.foundation import fairsplit
from custpolicy.foundation.clauses import Clause, Lang, clause
from custpolicy.foundation.errors import CustPolicyError, ScenarioError
from custpolicy.foundation.explain import Explained
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.policy import Policy, read_amount
from custpolicy.foundation.validate import check_items, check_lang, check_text

__all__ = [
    "BOOL",
    "DATE",
    "DECIMAL",
    "FRACTION",
    "INT",
    "LEDGER",
    "MESSAGES",
    "MONEY",
    "QUANTITY",
    "TEXT",
    "TEXTS",
    "TEXT_SET",
    "Context",
    "Inputs",
    "Kind",
    "ListOf",
    "MapOf",
    "Message",
    "OneOf",
    "OrNone",
    "Problem",
    "Record",
    "ScenarioField",
    "ScenarioRule",
    "combined_error",
    "deadline_outputs",
    "did_you_mean",
    "event_input",
    "event_month",
    "given",
    "key_path",
    "ledger_of",
    "ledger_table",
    "line_of",
    "message_in",
    "optional",
    "output",
    "problems_text",
    "said",
    "scenario_rule",
    "toml_key",
    "toml_text",
]

_NONE = "none"
# -- TOML text, for messages and for the values explain prints -----------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_key(name: str) -> str:
    """The key ``name`` as TOML writes it: bare, or in quotes."""
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
        return (
            "{ "
            + ", ".join(f"{toml_key(str(k))} = {toml_text(v)}" for k, v in value.items())
            + " }"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_text(item) for item in value) + "]"
    return repr(value) if isinstance(value, float) else str(value)


def key_path(parts: Iterable[str]) -> str:
    """A dotted key, each part as TOML writes it, such as ``expect.persons."Team A"``."""
    return ".".join(toml_key(part) for part in parts)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the name of ``known`` closest to ``name``, or ``""``.

    A [`Message`][custpolicy.foundation.schema.Message]: in Chinese, ``（是否應為「x」？）``.
    """
    close = difflib.get_close_matches(name, list(known), n=1)
    return said("did_you_mean", name=close[0], quoted=repr(close[0])) if close else ""


Problem = tuple[str | None, int | None, str]


def line_of(key: str, lines: Mapping[str, int]) -> int | None:
    """The line of ``key``, or of the nearest key that holds it (``expect.clauses[1]``)."""
    while key not in lines:
        shorter = re.sub(r"(\[\d+\]|\.(\"[^\"]*\"|[^.\[]+))$", "", key)
        if shorter == key:
            return None
        key = shorter
    return lines[key]


def problems_text(source: str, problems: Iterable[Problem], lang: Lang = "en") -> str:
    """The problems of a scenario file as one message in ``lang``: one per line with its line.

    A problem's message that is a [`Message`][custpolicy.foundation.schema.Message] is written
    in ``lang``; any other text is shown as it is.

    Examples:
        >>> print(problems_text("a.toml", [("rule", 1, "is missing"), ("x", None, "is odd")]))
        a.toml: 2 problems:
          line 1: rule is missing
          x is odd
        >>> print(problems_text("a.toml", [("rule", 1, said("missing", what=said("kind.text")))],
        ...                     "zh-Hant"))
        a.toml：第1行：rule缺少此項：須為字串
    """
    lang = check_lang(lang, "problems_text")
    shown = [
        (message_in(lang, "line").format(n=line) if line is not None and key is not None else "")
        + (
            text_in(lang, message)
            if key is None
            else said("keyed", key=key, message=message).in_lang(lang)
            if isinstance(message, Message)
            else f"{key} {message}"  # a text in English only: a word apart from its key
        )
        for key, line, message in problems
    ]
    colon = message_in(lang, "colon")
    if len(shown) == 1:
        return f"{source}{colon}{shown[0]}"
    head = message_in(lang, "problems").format(n=len(shown))
    return f"{source}{colon}{head}" + "".join(f"\n  {item}" for item in shown)


def message_in(lang: Lang, name: str) -> str:
    """The template ``name`` of `MESSAGES` in ``lang`` (a canonical tag)."""
    row = MESSAGES[name]
    return in_lang(lang, row["en"], row["zh-Hant"])


def text_in(lang: Lang, text: str) -> str:
    """``text`` in ``lang`` if it is a `Message`, else as it is."""
    return text.in_lang(lang) if isinstance(text, Message) else str(text)


def _value(value: object, lang: Lang) -> str:
    """A value of a message in ``lang``: a message in that language, a tuple as a list."""
    if isinstance(value, Message):
        return value.in_lang(lang)
    if isinstance(value, tuple):
        return in_lang(lang, ", ", "、").join(_value(item, lang) for item in value)
    return str(value)


class Message(str):
    """A message of the scenario runner: its English text, and the same in any language.

    Built from an English and a Traditional Chinese template (``str.format`` fields) and the
    values to put in them: a value that is a ``Message`` is written in the message's language,
    a tuple is a list (``a, b`` in English, ``a、b`` in Chinese), any other value is shown as it
    is (the file's keys and values, a clause ID, the text of an error: never translated). The
    ``str`` is the English text, so that a message compares and prints as it always did;
    [`in_lang`][custpolicy.foundation.schema.Message.in_lang] writes it in another language
    (zh-Hans from the zh-Hant template, by the table of ``custpolicy.foundation.lang``: a
    template written in the package, so that tools/zh_hans.py finds it).
    [`said`][custpolicy.foundation.schema.said] builds one from a template of `MESSAGES`.

    Examples:
        >>> found = Message("must be {what}, got {got}{hint}", "須為{what}，實際為{got}{hint}",
        ...                 what=said("kind.int"), got="7.5", hint="")
        >>> found, found.in_lang("zh-Hant"), found.in_lang("zh-Hans")
        ('must be an integer, got 7.5', '須為整數，實際為7.5', '须为整数，实际为7.5')
    """

    en: str
    zh: str
    values: Mapping[str, object]

    def __new__(cls, en: str, zh: str, /, **values: object) -> Message:
        """The message of the templates ``en`` and ``zh`` (Traditional Chinese) with ``values``."""
        text = super().__new__(cls, en.format(**{k: _value(v, "en") for k, v in values.items()}))
        text.en, text.zh, text.values = en, zh, MappingProxyType(values)
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, object]]:
        """What ``pickle`` and ``copy`` build the message again from."""
        return (self.en, self.zh), dict(self.values)

    def __getstate__(self) -> None:
        """Nothing beyond the arguments of `__getnewargs_ex__`."""

    def in_lang(self, lang: Lang) -> str:
        """The message in ``lang`` (``en``, ``zh-Hans``, ``zh-Hant`` or a tag of one)."""
        lang = check_lang(lang, "Message.in_lang")
        if lang == "en":
            return str(self)
        template = in_lang(lang, self.en, self.zh)
        return template.format(**{k: _value(v, lang) for k, v in self.values.items()})


def said(name: str, /, **values: object) -> Message:
    """The message of the template ``name`` of `MESSAGES`, with ``values``.

    Examples:
        >>> said("line", n=3).in_lang("zh-Hans")
        '第3行：'
    """
    row = MESSAGES[name]
    return Message(row["en"], row["zh-Hant"], **values)


MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {  # the English and the Traditional Chinese of each: zh-Hans is made from zh-Hant
        # -- the frame: the file, the lines, the count
        "colon": {"en": ": ", "zh-Hant": "："},
        "line": {"en": "line {n}: ", "zh-Hant": "第{n}行："},
        "problems": {"en": "{n} problems:", "zh-Hant": "共{n}個問題："},
        "error": {"en": "ERROR", "zh-Hant": "錯誤"},
        "keyed": {"en": "{key} {message}", "zh-Hant": "{key}{message}"},
        # -- what a key's value must be
        "expected": {
            "en": "must be {what}, got {got}{hint}",
            "zh-Hant": "須為{what}，實際為{got}{hint}",
        },
        "unknown": {
            "en": "is not a known key{hint}; the keys here are: {keys}",
            "zh-Hant": "不是已知的鍵{hint}；此處可用的鍵：{keys}",
        },
        "did_you_mean": {"en": " (did you mean {quoted}?)", "zh-Hant": "（是否應為「{name}」？）"},
        "missing": {"en": "is missing: it must be {what}", "zh-Hant": "缺少此項：須為{what}"},
        "not_a_key": {"en": "is not a {keys}: {what}", "zh-Hant": "不是可用的鍵：須為{what}"},
        "date": {
            "en": "; dates need two-digit months and days: write {date}",
            "zh-Hant": "；日期的月與日須寫成兩位數：請寫{date}",
        },
        "hint.time": {
            "en": ": write the date alone, without a time",
            "zh-Hant": "：只寫日期，不寫時間",
        },
        "hint.quotes": {"en": ": write the date without quotes", "zh-Hant": "：日期不加引號"},
        "hint.float": {
            "en": ": TOML floats are inexact, write the number in quotes",
            "zh-Hant": "：TOML的浮點數並不精確，請將數字加上引號",
        },
        "hint.error": {"en": ": {error}", "zh-Hant": "：{error}"},
        # -- the kinds of value
        "kind.value": {"en": "a value", "zh-Hant": "一個值"},
        "kind.date": {"en": "a TOML date (YYYY-MM-DD)", "zh-Hant": "TOML日期（YYYY-MM-DD）"},
        "kind.int": {"en": "an integer", "zh-Hant": "整數"},
        "kind.bool": {"en": "true or false", "zh-Hant": "true或false"},
        "kind.text": {"en": "a string", "zh-Hant": "字串"},
        "kind.money": {
            "en": "an amount as a string, such as {a} or {b}",
            "zh-Hant": "以字串寫成的金額，例如{a}或{b}",
        },
        "kind.decimal": {
            "en": "a number as a string, such as {a}, or an integer",
            "zh-Hant": "以字串寫成的數字（例如{a}）或整數",
        },
        "kind.quantity": {
            "en": "a quantity: an integer (pieces) or a number as a string, such as {a}",
            "zh-Hant": "數量：整數（件數）或以字串寫成的數字，例如{a}",
        },
        "kind.fraction": {
            "en": "an exact number as a string, such as {a} or {b}",
            "zh-Hant": "以字串寫成的精確數字，例如{a}或{b}",
        },
        "kind.one_of": {"en": "one of {words}", "zh-Hant": "下列之一：{words}"},
        "kind.one_of_numbered": {
            "en": "one of {words} (or its number)",
            "zh-Hant": "下列之一：{words}（或其編號）",
        },
        "kind.or_none": {"en": "{inner}, or {none}", "zh-Hant": "{inner}，或{none}"},
        "kind.array": {"en": "an array, each {inner}", "zh-Hant": "陣列，每項為{inner}"},
        "kind.array_any_order": {
            "en": "an array, each {inner} (in any order)",
            "zh-Hant": "陣列，每項為{inner}（順序不拘）",
        },
        "kind.map": {
            "en": "a table mapping each {keys} to {inner}",
            "zh-Hant": "表，每個鍵的值為{inner}",
        },
        "kind.record": {"en": "a table with the keys {keys}", "zh-Hant": "表，含下列鍵：{keys}"},
        "event.month": {
            "en": "the first day of inputs.year-inputs.month",
            "zh-Hant": "inputs.year年inputs.month月的第一天",
        },
        # -- the runner (custpolicy.scenarios) and the command line
        "not_text": {
            "en": "the scenario must be TOML text, got {type}",
            "zh-Hant": "情境須為TOML文字，實際為{type}",
        },
        "not_toml": {
            "en": "not valid TOML: {error}{hint}",
            "zh-Hant": "不是有效的TOML：{error}{hint}",
        },
        "not_a_table": {
            "en": "a scenario must be a TOML table, got {got}",
            "zh-Hant": "情境須為TOML表，實際為{got}",
        },
        "key_not_text": {
            "en": "key {key} must be text, as every TOML key is, got the {type} {name}",
            "zh-Hant": "鍵{key}須為文字（TOML的鍵都是文字），實際為{type} {name}",
        },
        "cannot_read": {"en": "cannot be read: {reason}", "zh-Hant": "無法讀取：{reason}"},
        "not_utf8": {"en": "not UTF-8 text", "zh-Hant": "不是UTF-8文字"},
        "rule_missing": {
            "en": "is missing: it names the rule to run, such as {example} ({command} lists them)",
            "zh-Hant": "缺少此項：須寫出要執行的規則，例如{example}（{command}會列出所有規則）",
        },
        "rule_name": {
            "en": "the name of a rule, such as {example} ({command} lists them)",
            "zh-Hant": "規則名稱，例如{example}（{command}會列出所有規則）",
        },
        "overrides": {
            "en": "a table of policy parameters by dotted path, such as {example}",
            "zh-Hant": "以點分路徑列出制度參數的表，例如{example}",
        },
        "not_a_parameter": {
            "en": "is not a policy parameter{hint}",
            "zh-Hant": "不是制度參數{hint}",
        },
        "group_table": {"en": "a table of {name} parameters", "zh-Hant": "{name}參數的表"},
        "refused_by_policy": {
            "en": "is refused by the policy: {error}",
            "zh-Hant": "遭制度拒絕：{error}",
        },
        "currency": {
            "en": "a currency code such as {example}",
            "zh-Hant": "幣別代碼，例如{example}",
        },
        "versions": {
            "en": "an array of tables [[versions]], each with effective, label and policy",
            "zh-Hant": "表陣列[[versions]]，每個表含effective、label與policy",
        },
        "versions_refused": {"en": "is refused: {error}", "zh-Hant": "遭拒絕：{error}"},
        "event_date_alone": {
            "en": "only picks the policy version in force (M-1.9): add [[versions]], "
            "or leave it out",
            "zh-Hant": "只用於選出適用的制度版本（M-1.9）：請加上[[versions]]，或刪除此項",
        },
        "event_not_a_date": {"en": "{event} is not a date here", "zh-Hant": "{event}在此不是日期"},
        "no_dated_event": {
            "en": "{rule} judges no dated event",
            "zh-Hant": "{rule}不判斷有日期的事件",
        },
        "event_date_missing": {
            "en": "is missing: {why}, so give the day whose policy version applies (M-1.9), "
            "such as {example}",
            "zh-Hant": "缺少此項：{why}，請寫出用來選定適用制度版本的日期（M-1.9），例如{example}",
        },
        "expect_table": {"en": "a table of expected values", "zh-Hant": "預期值的表"},
        "needs_input": {
            "en": "needs inputs.{name}: give it, or leave this out",
            "zh-Hant": "需要inputs.{name}：請提供此輸入，或刪除此項",
        },
        "error_name": {
            "en": "the name of a custpolicy error: {names}",
            "zh-Hant": "錯誤類別的名稱，下列之一：{names}",
        },
        "error_alone": {
            "en": "cannot go with other expected values: a refused case has no result",
            "zh-Hant": "不能與其他預期值並列：遭拒絕的案例沒有結果",
        },
        "error_contains_alone": {
            "en": "needs expect.error: name the error too",
            "zh-Hant": "需要expect.error：請一併寫出錯誤名稱",
        },
        "clause_id": {
            "en": "a clause ID of the catalogue, such as {example}",
            "zh-Hant": "條款目錄中的條款編號，例如{example}",
        },
    }
)
"""The templates of the scenario runner's messages: name -> ``{"en": ..., "zh-Hant": ...}``."""


@attrs.frozen
class Context:
    """Where a value comes from, for messages, and the currency of amounts written bare."""

    source: str
    currency: Currency
    lines: Mapping[str, int] = attrs.field(factory=dict, eq=False)

    def error(self, key: str, message: str) -> ScenarioError:
        """The problem at ``key``, with its line when known."""
        problem = (key, line_of(key, self.lines), message)
        return ScenarioError(
            problems_text(self.source, [problem]), source=self.source, key=key, problems=(problem,)
        )

    def expected(self, key: str, what: str, got: object, hint: str = "") -> ScenarioError:
        """``key must be <what>, got <value><hint>``.

        ``what`` and ``hint`` are written in the reader's language when they are
        [`Message`][custpolicy.foundation.schema.Message]s (a kind's ``wanted`` is one).
        """
        return self.error(key, said("expected", what=what, got=toml_text(got), hint=hint))

    def unknown(self, key: str, name: str, known: Iterable[str]) -> ScenarioError:
        """``key`` is not one of ``known``: the closest one and the keys allowed."""
        names = tuple(known)
        return self.error(key, said("unknown", hint=did_you_mean(name, names), keys=names))


def combined_error(source: str, found: Iterable[ScenarioError]) -> ScenarioError:
    """One error listing the problems of every error in ``found``."""
    listed = [problem for error in found for problem in error.problems]
    problems = tuple(sorted(listed, key=lambda problem: (problem[1] is None, problem[1] or 0)))
    return ScenarioError(
        problems_text(source, problems), source=source, key=problems[0][0], problems=problems
    )


_FLOAT_HINT = said("hint.float")

# -- kinds: what a value in a scenario may be, how it is read, compared and written --------------


class Kind:
    """A kind of value: how TOML gives it, and how an expected value is compared and shown."""

    @property
    def wanted(self) -> Message:
        """What the value must be, in words, in every language (a subclass says it)."""
        return said("kind.value")

    @property
    def what(self) -> str:
        """What the value must be, in English words."""
        return str(self.wanted)

    def parse(self, value: object, key: str, ctx: Context) -> Any:
        """The value read from TOML; a wrong one raises ``ScenarioError`` at ``key``."""
        raise NotImplementedError

    def same(self, expected: Any, actual: Any) -> bool:
        """Whether the result's value is the one expected."""
        return bool(expected == actual)

    def toml(self, value: Any) -> object:
        """``value`` as TOML gives it (what ``explain`` prints as the decision)."""
        return value


class _Date(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.date")

    def parse(self, value: object, key: str, ctx: Context) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        hint: str = ""
        if isinstance(value, datetime):
            hint = said("hint.time")
        elif isinstance(value, str):
            try:
                date.fromisoformat(value.strip())
                hint = said("hint.quotes")
            except ValueError:
                pass
        raise ctx.expected(key, self.wanted, value, hint)


class _Int(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.int")

    def parse(self, value: object, key: str, ctx: Context) -> int:
        if value.__class__ is not int:
            raise ctx.expected(key, self.wanted, value)
        return value


class _Bool(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.bool")

    def parse(self, value: object, key: str, ctx: Context) -> bool:
        if not isinstance(value, bool):
            raise ctx.expected(key, self.wanted, value)
        return value


class _Text(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.text")

    def parse(self, value: object, key: str, ctx: Context) -> str:
        if not isinstance(value, str):
            raise ctx.expected(key, self.wanted, value)
        return value


class _Money(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.money", a='"1234.50"', b='"1234.50 CNY"')

    def parse(self, value: object, key: str, ctx: Context) -> Money:
        try:
            amount = read_amount(value, ctx.currency)  # the one reading of an amount
        except CustPolicyError as error:
            raise ctx.expected(
                key, self.wanted, value, said("hint.error", error=str(error))
            ) from None
        if amount is None:
            hint = _FLOAT_HINT if isinstance(value, float) else ""
            raise ctx.expected(key, self.wanted, value, hint)
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


class _Decimal(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.decimal", a='"0.95"')

    def parse(self, value: object, key: str, ctx: Context) -> Decimal:
        number = _decimal(value)
        if number is None:
            raise ctx.expected(
                key, self.wanted, value, _FLOAT_HINT if isinstance(value, float) else ""
            )
        return number

    def toml(self, value: Decimal | int) -> str:
        return f"{value:f}" if isinstance(value, Decimal) else str(value)


class _Quantity(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.quantity", a='"12.5"')

    def parse(self, value: object, key: str, ctx: Context) -> Decimal | int:
        if value.__class__ is int:
            return value
        number = _decimal(value)
        if number is None:
            raise ctx.expected(
                key, self.wanted, value, _FLOAT_HINT if isinstance(value, float) else ""
            )
        return number

    def toml(self, value: Decimal | int) -> object:
        return value if isinstance(value, int) else f"{value:f}"


class _Fraction(Kind):
    @property
    def wanted(self) -> Message:
        return said("kind.fraction", a='"2/3"', b='"0.985"')

    def parse(self, value: object, key: str, ctx: Context) -> Fraction:
        if value.__class__ is int:
            return Fraction(value)
        if isinstance(value, str):
            try:
                return Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                pass
        raise ctx.expected(key, self.wanted, value, _FLOAT_HINT if isinstance(value, float) else "")

    def toml(self, value: Fraction) -> str:
        return str(value)


def _word(text: str) -> str:
    return re.sub(r"[\s_-]+", "_", text.strip().lower())


@attrs.frozen
class OneOf(Kind):
    """One of an enumeration's members (by value or name), or one of a few words."""

    members: tuple[tuple[str, object], ...]  # (canonical word, value)
    numbered: bool = False  # an int selects the member with that value (P-4 causes)

    @classmethod
    def of(cls, kind: type[enum.Enum]) -> OneOf:
        """The members of an enumeration, by value (or lower-case name) or by name."""
        members = tuple(
            (member.value if isinstance(member.value, str) else member.name.lower(), member)
            for member in kind
        )
        return cls(members, numbered=all(isinstance(m.value, int) for m in kind))

    @classmethod
    def words(cls, *words: str) -> OneOf:
        """One of a few words."""
        return cls(tuple((word, word) for word in words))

    @property
    def wanted(self) -> Message:
        """The words allowed."""
        words = tuple(toml_text(word) for word, _ in self.members)
        return said("kind.one_of_numbered" if self.numbered else "kind.one_of", words=words)

    def parse(self, value: object, key: str, ctx: Context) -> object:
        """The member ``value`` names; the closest word in the message if none."""
        for word, member in self.members:
            if isinstance(value, str) and _word(value) in (_word(word), _word(_name(member))):
                return member
            if self.numbered and value.__class__ is int and value == _number(member):
                return member
        hint = (
            did_you_mean(_word(value), [w for w, _ in self.members])
            if isinstance(value, str)
            else ""
        )
        raise ctx.expected(key, self.wanted, value, hint)

    def toml(self, value: object) -> object:
        """The member as TOML writes it: its word, or its number."""
        if self.numbered:
            return _number(value)
        return next(word for word, member in self.members if member == value)


def _name(member: object) -> str:
    return member.name if isinstance(member, enum.Enum) else str(member)


def _number(member: object) -> int:
    return member.value if isinstance(member, enum.Enum) else 0


@attrs.frozen
class OrNone(Kind):
    """A value that may be absent: ``"none"`` in an expectation."""

    inner: Kind

    @property
    def wanted(self) -> Message:
        """What the inner kind allows, or ``"none"``."""
        return said("kind.or_none", inner=self.inner.wanted, none=f'"{_NONE}"')

    def parse(self, value: object, key: str, ctx: Context) -> object:
        """``None`` for ``"none"``, else the inner kind's value."""
        if isinstance(value, str) and value.strip().lower() == _NONE:
            return None
        try:
            return self.inner.parse(value, key, ctx)
        except ScenarioError:
            raise ctx.expected(key, self.wanted, value) from None

    def same(self, expected: object, actual: object) -> bool:
        """Equal when both are absent, or both present and the same."""
        if expected is None or actual is None:
            return expected is actual
        return self.inner.same(expected, actual)

    def toml(self, value: object) -> object:
        """``"none"`` or the inner kind's TOML."""
        return _NONE if value is None else self.inner.toml(value)


@attrs.frozen
class ListOf(Kind):
    """An array; ``ordered=False`` compares it as a set (order is not the policy's concern)."""

    inner: Kind
    ordered: bool = True

    @property
    def wanted(self) -> Message:
        """An array of the inner kind."""
        return said(
            "kind.array" if self.ordered else "kind.array_any_order", inner=self.inner.wanted
        )

    def parse(self, value: object, key: str, ctx: Context) -> tuple[object, ...]:
        """Each item read with the inner kind; its key is ``key[n]``."""
        if not isinstance(value, list):
            raise ctx.expected(key, self.wanted, value)
        return tuple(self.inner.parse(item, f"{key}[{i}]", ctx) for i, item in enumerate(value))

    def same(self, expected: tuple[object, ...], actual: tuple[object, ...]) -> bool:
        """Item by item, in order or as a set."""
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
        """Each item as TOML."""
        return [self.inner.toml(item) for item in value]


@attrs.frozen
class MapOf(Kind):
    """A table whose keys are names (people, cases ...) and whose values are all one kind."""

    inner: Kind
    keys: str
    key_kind: OneOf | None = None  # keys that must be one of a few words (user classes)

    @property
    def wanted(self) -> Message:
        """A table of names to the inner kind."""
        return said("kind.map", keys=self.keys, inner=self.inner.wanted)

    def parse(self, value: object, key: str, ctx: Context) -> dict[object, object]:
        """Each value read with the inner kind (and each key with ``key_kind``, if any)."""
        if not isinstance(value, dict):
            raise ctx.expected(key, self.wanted, value)
        found: dict[object, object] = {}
        for name, item in value.items():
            where = f"{key}.{toml_key(name)}"
            label: object = name
            if self.key_kind is not None:
                try:
                    label = self.key_kind.parse(name, where, ctx)
                except ScenarioError:
                    raise ctx.error(
                        where, said("not_a_key", keys=self.keys, what=self.key_kind.wanted)
                    ) from None
            found[label] = self.inner.parse(item, where, ctx)
        return found

    def toml(self, value: Mapping[object, object]) -> dict[object, object]:
        """Each key and value as TOML."""
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
    kind: Kind = attrs.field(repr=False)
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
class Record(Kind):
    """A table with named keys, each of its own kind; unknown keys are refused."""

    fields: tuple[ScenarioField, ...]

    @property
    def wanted(self) -> Message:
        """The keys of the table."""
        return said("kind.record", keys=tuple(f.name for f in self.fields))

    def field(self, name: str) -> ScenarioField | None:
        """The field called ``name``, or ``None``."""
        return next((f for f in self.fields if f.name == name), None)

    def parse(self, value: object, key: str, ctx: Context) -> dict[str, object]:
        """Every key read with its kind; unknown and missing keys refused, all problems at once."""
        if not isinstance(value, dict):
            raise ctx.expected(key, self.wanted, value)
        names = [f.name for f in self.fields]
        problems = [ctx.unknown(f"{key}.{toml_key(n)}", n, names) for n in value if n not in names]
        found: dict[str, object] = {}
        for f in self.fields:
            where = f"{key}.{f.name}"
            if f.name in value:
                try:
                    found[f.name] = f.kind.parse(value[f.name], where, ctx)
                except ScenarioError as error:
                    problems.append(error)
            elif f.required:
                problems.append(ctx.error(where, said("missing", what=f.kind.wanted)))
            else:
                found[f.name] = f.default
        if problems:
            raise combined_error(ctx.source, problems)
        return found

    def toml(self, value: Mapping[str, object]) -> dict[str, object]:
        """Each field as TOML."""
        return {f.name: f.kind.toml(value[f.name]) for f in self.fields}


def given(name: str, kind: Kind, doc: str, default: object = _REQUIRED) -> ScenarioField:
    """An input: required unless it has a ``default``."""
    required = default is _REQUIRED
    return ScenarioField(name, kind, doc, required=required, default=None if required else default)


def output(
    name: str,
    kind: Kind,
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


DATE = _Date()
INT = _Int()
BOOL = _Bool()
TEXT = _Text()
MONEY = _Money()
DECIMAL = _Decimal()
QUANTITY = _Quantity()
FRACTION = _Fraction()
TEXTS = ListOf(TEXT)
TEXT_SET = ListOf(TEXT, ordered=False)


def optional(kind: Kind) -> OrNone:
    """``kind``, or ``"none"`` for a value that may be absent."""
    return OrNone(kind)


# -- rules: the functions a scenario may call ----------------------------------------------------

Inputs = Mapping[str, Any]


def _clauses(ids: Iterable[str]) -> tuple[Clause, ...]:
    listed = check_items(
        ids, "clauses", "ScenarioRule", object, expect="clause IDs such as ('B-6',)"
    )
    return tuple(clause(i) for i in listed)


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
        check_text(name, "name", f"ScenarioRule.output {self.name}", blank=True)
        return next((f for f in self.outputs if f.name == name), None)


def event_input(name: str) -> tuple[str, Callable[[Inputs], date | None]]:
    """The event is dated by the input ``name``: its day picks the policy version in force."""
    return f"inputs.{name}", lambda inputs: inputs[name]


def _first_day(year: int, month: int) -> date | None:
    return date(year, month, 1) if 1 <= year <= 9999 and 1 <= month <= 12 else None


def event_month() -> tuple[str, Callable[[Inputs], date | None]]:
    """The event is the first day of the inputs ``year`` and ``month``, for the version in force."""
    return said("event.month"), lambda i: _first_day(i["year"], i["month"])


def _no_event() -> tuple[str, Callable[[Inputs], None]]:
    return "", lambda inputs: None


def scenario_rule(
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
    """A rule a scenario may name; ``event`` says which input dates it (none: no dated input)."""
    event_doc, event_of = event or _no_event()
    return ScenarioRule(
        name, family, clauses, summary, inputs, outputs, event_doc, call=call, event_of=event_of
    )


def deadline_outputs(done: str, what: str) -> tuple[ScenarioField, ...]:
    """A deadline's ``due``, and ``on_time`` and ``days_late`` of the input ``done``."""
    return (
        output("due", DATE, "the last day on time"),
        output(
            "on_time",
            BOOL,
            f"whether {what} on inputs.{done} was on time",
            lambda r, i: r.is_on_time(i[done]),
            needs=(done,),
        ),
        output(
            "days_late",
            INT,
            f"how many days late {what} was (0 when on time)",
            lambda r, i: r.days_late(i[done]),
            needs=(done,),
        ),
    )


# -- shared by families: the fair split's ledger (L-2.3, M-1.6.4) ------------------------------
LEDGER = Record(
    (
        given("extras", MapOf(INT, "person"), "each person's leftover items so far", {}),
        given("received", MapOf(INT, "person"), "each person's items so far", {}),
        given("splits", INT, "how many splits the ledger has recorded", 0),
        given("events", TEXTS, "the IDs of the events split into it, in order", ()),
    )
)


def ledger_of(value: Mapping[str, Any] | None) -> Any:
    """A fair split's ledger (L-2.3, M-1.6.4) from a `LEDGER` table, or ``None``."""
    return None if value is None else fairsplit.Ledger(**value)


def ledger_table(ledger: Any) -> dict[str, object]:
    """A ledger as a [`LEDGER`][custpolicy.foundation.schema] table."""
    return {
        "extras": dict(ledger.extras),
        "received": dict(ledger.received),
        "splits": ledger.splits,
        "events": ledger.events,
    }
