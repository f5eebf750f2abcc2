"""The hooks of the records converter: how each kind of value becomes plain data and back.

Private to [`custpolicy.records`][]. `make_converter` builds a converter; the package
builds two alike, a fast one and one with cattrs' detailed validation, which it runs only on a
record that failed, to find the path at fault. A hook that refuses a value raises
`RefusedError`; a collection tells where in it with `LocatedError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from types import NoneType, UnionType
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import Clause
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.explain import Choice, Reason
from custpolicy.foundation.money import CURRENCIES, Currency, Money
from custpolicy.foundation.policy import Policy, PolicyBook
from custpolicy.foundation.validate import refuse
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d*)?(?:E[+-]?\d+)?")


# -- how a hook says what is wrong -------------------------------------------------------------


class RefusedError(InvalidInputError):
    """A value of a record that is not what its place holds.

    Attributes:
        expectation: what the place holds, such as ``"an int"``.
        value: the value found.
    """

    def __init__(self, expectation: str, value: object) -> None:
        super().__init__(f"value must be {expectation}, got {value!r} [records]")
        self.expectation = expectation
        self.value = value


class MissingFieldError(InvalidInputError):
    """A field that a record leaves out."""

    def __init__(self, owner: str) -> None:
        super().__init__(f"the field must be given: a record of {owner} gives every field")
        self.owner = owner


class UnexpectedKeyError(InvalidInputError):
    """A key of a record that is not a field of its class."""

    def __init__(self, owner: str, fields: tuple[str, ...], value: object) -> None:
        super().__init__(f"the key must be a field of {owner}: {', '.join(fields)}")
        self.owner = owner
        self.fields = fields
        self.value = value


class LocatedError(InvalidInputError):
    """``error`` happened at ``part`` (a key or an index) of the value being structured."""

    def __init__(self, part: str | int, error: Exception) -> None:
        super().__init__(f"at {part!r}: {error}")
        self.part = part
        self.error = error


# -- scalars: strict, so that a wrong type is refused, never converted --------------------------


def _int(value: object, _: object) -> int:
    if value.__class__ is int:
        return value
    raise RefusedError("an int", value)


def _bool(value: object, _: object) -> bool:
    if value.__class__ is bool:
        return value
    raise RefusedError("true or false", value)


def _str(value: object, _: object) -> str:
    if value.__class__ is str:
        return value
    raise RefusedError("a str", value)


def _date_out(value: date) -> str:
    return value.isoformat()


def _date_in(value: object, _: object) -> date:
    if value.__class__ is str and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RefusedError("a date as ISO text, such as '2026-03-09'", value)


def _decimal_in(value: object, _: object) -> Decimal:
    if value.__class__ is str and _DECIMAL.fullmatch(value):
        return Decimal(value)
    raise RefusedError("a number as exact text, such as '0.5'", value)


# -- the foundation's values ---------------------------------------------------------------------


def _known(cur: Currency) -> bool:
    return CURRENCIES.get(cur.code) == cur


def currency_out(cur: Currency) -> str | dict[str, object]:
    """A known currency by its code; any other as its code and exponent."""
    if _known(cur):
        return cur.code
    return {"code": cur.code, "exponent": cur.exponent}


_CURRENCY_KEYS = frozenset({"code", "exponent"})


def currency_in(value: object, _: object = None) -> Currency:
    """The currency a record names: a known code, or ``{code, exponent}``."""
    if value.__class__ is str:
        found = CURRENCIES.get(value)
        if found is not None:
            return found
    elif value.__class__ is dict:
        record = checked_keys(value, _CURRENCY_KEYS, "Currency")
        return Currency(at("code", _str, record["code"]), at("exponent", _int, record["exponent"]))
    raise RefusedError(f"one of the codes {sorted(CURRENCIES)}, or {{code, exponent}}", value)


def money_out(money: Money) -> str | dict[str, object]:
    """Money of a known currency as its text ``'CNY 1,349.99'``; any other with its currency."""
    cur = money.currency
    if _known(cur):
        return str(money)
    return {"amount": str(money.amount), "currency": currency_out(cur)}


_MONEY_KEYS = frozenset({"amount", "currency"})


def money_in(value: object, _: object = None) -> Money:
    """The amount a record writes: ``'CNY 1,349.99'``, or ``{amount, currency}``."""
    if value.__class__ is str:
        try:
            return Money.parse(value)
        except InvalidInputError:
            pass
    elif value.__class__ is dict:
        record = checked_keys(value, _MONEY_KEYS, "Money")
        amount = at("amount", _decimal_in, record["amount"])
        return Money(amount, at("currency", currency_in, record["currency"]))
    raise RefusedError("an amount as text with its currency, such as 'CNY 1,349.99'", value)


def _clause_in(value: object, _: object) -> Clause:
    if value.__class__ is str:
        return Clause(value)
    raise RefusedError("a clause ID such as 'B-6'", value)


def _choice_hook(cls: type[Choice]) -> Hook:
    members: dict[object, Choice] = {member.value: member for member in cls}

    def structure(value: object, _: object) -> Choice:
        if value.__class__ in (str, int):
            member = members.get(value)
            if member is not None:
                return member
        raise RefusedError(f"one of {list(members)!r} ({cls.__name__})", value)

    return structure


def _literal_hook(kind: object) -> Hook:
    allowed = get_args(kind)

    def structure(value: object, _: object) -> object:
        if value.__class__ in (str, int) and value in allowed:
            return value
        raise RefusedError(f"one of {list(allowed)!r}", value)

    return structure


def _built_in(
    calendar: WorkCalendar, year_out: Callable[[CalendarYear], object]
) -> dict[str, object] | None:
    """``calendar`` as the built-in calendar and what it adds, if it is one; else ``None``.

    ``{"built_in": "china"}``, with ``provisional_until`` for a forecast opted in to and
    ``added`` for the years that differ from it (a notice that replaced a forecast, a year of
    the user's own). Read back, it makes the same calendar: the forecast, then each added
    year by ``with_year`` (the property tests round-trip forecasts with notices and years of
    the user's own).
    """
    base = china()
    first = len(base.years)
    if (
        calendar.name != base.name
        or calendar.weekend != base.weekend
        or calendar.years[:first] != base.years
    ):
        return None
    record: dict[str, object] = {"built_in": "china"}
    extra = calendar.years[first:]
    provisional = [year.year for year in extra if year.provisional]
    if provisional:
        try:
            base = china(provisional_until=max(provisional))
        except InvalidInputError:  # past the provisional years the package knows
            return None
        record["provisional_until"] = max(provisional)
    forecast = base.years[first:]
    added = [year for i, year in enumerate(extra) if i >= len(forecast) or year != forecast[i]]
    if added:
        record["added"] = [year_out(year) for year in added]
    return record


def _calendar_out(
    full: Callable[[Any], object], year_out: Callable[[Any], object]
) -> Callable[[WorkCalendar], object]:
    built_in = china()

    def unstructure(calendar: WorkCalendar) -> object:
        if calendar is built_in or calendar == built_in:
            return "china"
        record = _built_in(calendar, year_out)
        return full(calendar) if record is None else record

    return unstructure


_BUILT_IN_KEYS = frozenset({"built_in", "provisional_until", "added"})


def _calendar_in(full: Hook, year_in: Hook) -> Hook:
    added_in = _tuple_of(year_in)

    def structure(value: object, kind: object) -> WorkCalendar:
        if value == "china":
            return china()
        if value.__class__ is dict and "built_in" in value:
            record: dict[str, Any] = value
            for key in record:
                if key not in _BUILT_IN_KEYS:
                    fields = tuple(sorted(_BUILT_IN_KEYS))
                    wrong = UnexpectedKeyError("the built-in calendar", fields, record[key])
                    raise LocatedError(str(key), wrong)
            if record["built_in"] != "china":
                wrong_name = RefusedError("'china', the built-in calendar", record["built_in"])
                raise LocatedError("built_in", wrong_name)
            calendar = china()
            if "provisional_until" in record:
                until = at("provisional_until", _int, record["provisional_until"])
                calendar = china(provisional_until=until)  # its message names the key
            for index, year in enumerate(at("added", added_in, record.get("added", []))):
                try:
                    calendar = calendar.with_year(year)
                except InvalidInputError as error:  # out of order, or a year it already has
                    raise LocatedError("added", LocatedError(index, error)) from None
            return calendar
        if value.__class__ is str:
            raise RefusedError("'china' or a calendar's name, years and weekend", value)
        return full(value, kind)  # type: ignore[no-any-return]

    return structure


def _policy_in(value: object, _: object) -> Policy:
    if value.__class__ is dict:
        return Policy.from_mapping(value)
    raise RefusedError("a mapping of policy families", value)


def _book_in(value: object, _: object) -> PolicyBook:
    if value.__class__ is dict:
        return PolicyBook.from_mapping(value)
    raise RefusedError("a mapping with the book's versions", value)


# -- reasons, whose facts are of many kinds ------------------------------------------------------


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _class_named(name: object, base: type | None) -> type:
    """The public class of custpolicy that ``name`` names (a Choice, or any attrs class)."""
    module, _, attribute = name.rpartition(".") if isinstance(name, str) else ("", "", "")
    public = attribute.isidentifier() and not attribute.startswith("_") and "._" not in module
    if public and (module == "custpolicy" or module.startswith("custpolicy.")):
        try:
            found = getattr(import_module(module), attribute, None)
        except ImportError:
            found = None
        if isinstance(found, type) and (
            issubclass(found, base) if base is not None else attrs.has(found)
        ):
            return found
    kind = "an enumeration" if base is not None else "a value class"
    raise RefusedError(f"the full name of {kind} of custpolicy", name)


def _sequence_out(converter: cattrs.Converter, items: Any) -> list[object]:
    return [fact_out(converter, item) for item in items]


def fact_out(converter: cattrs.Converter, value: object) -> object:
    """A reason's fact as plain data: JSON scalars as they are, anything else tagged."""
    cls = value.__class__
    if cls in (str, int, bool) or value is None:
        return value
    if cls is Decimal:
        return {"decimal": str(value)}
    if cls is date:
        return {"date": value.isoformat()}  # type: ignore[attr-defined]
    if cls is Money:
        return {"money": money_out(value)}  # type: ignore[arg-type]
    if cls is Currency:
        return {"currency": currency_out(value)}  # type: ignore[arg-type]
    if cls is Clause:
        return {"clause": value.id}  # type: ignore[attr-defined]
    if isinstance(value, Choice):
        return {"choice": _class_name(cls), "value": value.value}
    if cls is tuple:
        return {"tuple": _sequence_out(converter, value)}
    if cls is list:
        return {"list": _sequence_out(converter, value)}
    if isinstance(value, (set, frozenset)):
        return {"set": _sequence_out(converter, sorted(value, key=repr))}
    if isinstance(value, Mapping):
        return {"mapping": [_sequence_out(converter, pair) for pair in value.items()]}
    if attrs.has(cls) and not isinstance(value, datetime):
        name = _class_name(cls)
        if name.startswith("custpolicy.") and "._" not in name:
            return {"value": name, "fields": converter.unstructure(value)}
    raise refuse(
        "fact",
        "a value custpolicy.records can write: a str, int, bool, None, Decimal, date, Money, "
        "Currency, Clause, enumeration, collection or public value class of custpolicy",
        value,
        "records",
    )


def _items_in(converter: cattrs.Converter, value: object) -> list[object]:
    if value.__class__ is not list:
        raise RefusedError("a list of facts", value)
    return [
        at(index, lambda item, _: fact_in(converter, item), item)
        for index, item in enumerate(value)
    ]


_TAGS = ("decimal", "date", "money", "currency", "clause", "tuple", "list", "set", "mapping")


def fact_in(converter: cattrs.Converter, value: object) -> object:
    """A reason's fact from the plain data `fact_out` writes."""
    cls = value.__class__
    if cls in (str, int, bool) or value is None:
        return value
    if cls is not dict:
        raise RefusedError("a fact: a JSON scalar or a tagged mapping", value)
    record: dict[str, object] = value  # type: ignore[assignment]
    keys = set(record)
    if keys == {"choice", "value"}:
        kind = at("choice", lambda name, _: _class_named(name, Choice), record["choice"])
        return at("value", _choice_hook(kind), record["value"])
    if keys == {"value", "fields"}:
        kind = at("value", lambda name, _: _class_named(name, None), record["value"])
        return at("fields", converter.structure, record["fields"], kind)
    if len(keys) == 1 and (tag := next(iter(keys))) in _TAGS:
        inner = record[tag]
        readers: dict[str, Hook] = {
            "decimal": _decimal_in,
            "date": _date_in,
            "money": money_in,
            "currency": currency_in,
            "clause": _clause_in,
            "tuple": lambda items, _: tuple(_items_in(converter, items)),
            "list": lambda items, _: _items_in(converter, items),
            "set": lambda items, _: frozenset(_items_in(converter, items)),
            "mapping": lambda items, _: dict(_pairs_in(converter, items)),
        }
        return at(tag, readers[tag], inner)
    raise RefusedError(f"a fact tagged with one of {[*_TAGS, 'choice', 'value']!r}", value)


def _pairs_in(converter: cattrs.Converter, value: object) -> list[tuple[object, object]]:
    if value.__class__ is not list:
        raise RefusedError("a list of [key, value] pairs", value)
    return [
        at(index, lambda item, _: _pair_in(converter, item), item)
        for index, item in enumerate(value)
    ]


def _pair_in(converter: cattrs.Converter, item: object) -> tuple[object, object]:
    if item.__class__ is not list or len(item) != 2:
        raise RefusedError("a [key, value] pair", item)
    key, value = _items_in(converter, item)
    return key, value


_REASON_KEYS = frozenset({"key", "clause", "en", "zh", "facts"})


def _reason_out(converter: cattrs.Converter) -> Callable[[Reason], dict[str, object]]:
    def unstructure(reason: Reason) -> dict[str, object]:
        return {
            "key": reason.key,
            "clause": None if reason.clause is None else reason.clause.id,
            "en": reason.en,
            "zh": reason.zh,
            "facts": [[name, fact_out(converter, value)] for name, value in reason.facts],
        }

    return unstructure


def _reason_in(converter: cattrs.Converter) -> Hook:
    def fact_pair(pair: object, _: object) -> tuple[str, object]:
        if pair.__class__ is not list or len(pair) != 2:
            raise RefusedError("a [name, value] pair", pair)
        name = at(0, _str, pair[0])
        return name, at(1, lambda item, _: fact_in(converter, item), pair[1])

    def structure(value: object, _: object) -> Reason:
        record = checked_keys(value, _REASON_KEYS, "Reason")
        clause = record["clause"]
        facts = record["facts"]
        if facts.__class__ is not list:
            raise LocatedError("facts", RefusedError("a list of [name, value] pairs", facts))
        return Reason(
            at("key", _str, record["key"]),
            None if clause is None else at("clause", _clause_in, clause),
            at("en", _str, record["en"]),
            at("zh", _str, record["zh"]),
            tuple(at("facts", _tuple_of(fact_pair), facts)),
        )

    return structure


# -- collections: lists in a record, tuples and frozensets in a value -----------------------------


def at(part: str | int, hook: Hook, value: object, kind: object = None) -> Any:
    """``hook(value, kind)``, an error in it located at ``part``."""
    try:
        return hook(value, kind)
    except Exception as error:
        raise LocatedError(part, error) from None


def _tuple_of(hook: Hook, kind: object = None) -> Hook:
    def structure(value: object, _: object) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise RefusedError("a list", value)
        try:
            return tuple([hook(item, kind) for item in value])
        except Exception:
            for index, item in enumerate(value):
                at(index, hook, item, kind)
            raise  # pragma: no cover (the loop raises what the comprehension did)

    return structure


def _fixed_tuple(hooks: list[tuple[Hook, object]]) -> Hook:
    size = len(hooks)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if value.__class__ is not list or len(value) != size:
            raise RefusedError(f"a list of {size} items", value)
        pairs = zip(hooks, value, strict=True)
        return tuple(at(i, hook, item, kind) for i, ((hook, kind), item) in enumerate(pairs))

    return structure


def _frozenset_of(hook: Hook, kind: object) -> Hook:
    as_tuple = _tuple_of(hook, kind)

    def structure(value: object, _: object) -> frozenset[Any]:
        items = as_tuple(value, None)
        found = frozenset(items)
        if len(found) != len(items):
            raise RefusedError("a list of distinct items", value)
        return found

    return structure


def checked_keys(value: object, keys: frozenset[str], owner: str) -> dict[str, Any]:
    """``value`` if it is a dict with exactly ``keys``; else the first key missing or unexpected."""
    if value.__class__ is not dict:
        raise RefusedError(f"a mapping of the fields of {owner}", value)
    record: dict[str, Any] = value
    if record.keys() != keys:
        fields = tuple(sorted(keys))
        for name in fields:
            if name not in record:
                raise LocatedError(name, MissingFieldError(owner))
        extra = next(key for key in record if key not in keys)
        raise LocatedError(str(extra), UnexpectedKeyError(owner, fields, record[extra]))
    return record


def _is_tuple(kind: object) -> bool:
    return get_origin(kind) is tuple


def _is_frozenset(kind: object) -> bool:
    return get_origin(kind) is frozenset


def _is_choice(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, Choice)


def _is_literal(kind: object) -> bool:
    return get_origin(kind) is Literal


_SCALARS = (int, bool, str, Decimal, date)


def _is_scalar_union(kind: object) -> bool:
    """A union of scalars and enumerations, such as ``Decimal | int | QuantityNote | None``."""
    return isinstance(kind, UnionType) and all(
        arg is NoneType or arg in _SCALARS or _is_choice(arg) for arg in get_args(kind)
    )


def _scalar_union_hook(kind: object) -> Hook:
    """Each JSON value read as the first member of the union that takes it."""
    members = get_args(kind)
    readers: list[Hook] = [_choice_hook(arg) for arg in members if _is_choice(arg)]
    for arg, reader in ((Decimal, _decimal_in), (date, _date_in), (str, _str)):
        if arg in members:
            readers.append(reader)
    names = " or ".join("None" if arg is NoneType else arg.__name__ for arg in members)

    def structure(value: object, _: object) -> object:
        cls = value.__class__
        if (value is None and NoneType in members) or (cls in (int, bool) and cls in members):
            return value
        if cls is str:
            for reader in readers:
                try:
                    return reader(value, None)
                except RefusedError:
                    pass
        raise RefusedError(f"{names} (numbers as exact text)", value)

    return structure


def make_converter(*, detailed: bool) -> cattrs.Converter:
    """A converter with the hooks above; ``detailed`` adds cattrs' detailed validation."""
    converter = cattrs.Converter(detailed_validation=detailed)
    unhook, hook = converter.register_unstructure_hook, converter.register_structure_hook
    for kind, structure in ((int, _int), (bool, _bool), (str, _str)):
        hook(kind, structure)
    unhook(date, _date_out)
    hook(date, _date_in)
    unhook(Decimal, str)
    hook(Decimal, _decimal_in)
    unhook(Money, money_out)
    hook(Money, money_in)
    unhook(Currency, currency_out)
    hook(Currency, currency_in)
    unhook(Clause, lambda clause: clause.id)
    hook(Clause, _clause_in)
    unhook(Policy, Policy.to_mapping)
    hook(Policy, _policy_in)
    unhook(PolicyBook, PolicyBook.to_mapping)
    hook(PolicyBook, _book_in)
    unhook(Reason, _reason_out(converter))
    hook(Reason, _reason_in(converter))
    converter.register_unstructure_hook_func(_is_choice, lambda member: member.value)
    converter.register_structure_hook_factory(_is_choice, _choice_hook)
    converter.register_structure_hook_factory(_is_literal, _literal_hook)
    converter.register_structure_hook_factory(_is_scalar_union, _scalar_union_hook)

    def tuple_out(kind: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = converter.get_unstructure_hook(args[0])
            return lambda value: [item(x) for x in value]
        items = [converter.get_unstructure_hook(arg) for arg in args]
        return lambda value: [h(x) for h, x in zip(items, value, strict=True)]

    def tuple_in(kind: Any) -> Hook:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_of(converter.get_structure_hook(args[0]), args[0])
        return _fixed_tuple([(converter.get_structure_hook(arg), arg) for arg in args])

    def frozenset_out(kind: Any) -> Callable[[frozenset[Any]], list[Any]]:
        item = converter.get_unstructure_hook(get_args(kind)[0])
        return lambda value: sorted(item(x) for x in value)

    def frozenset_in(kind: Any) -> Hook:
        (arg,) = get_args(kind)
        return _frozenset_of(converter.get_structure_hook(arg), arg)

    converter.register_unstructure_hook_factory(_is_tuple, tuple_out)
    converter.register_structure_hook_factory(_is_tuple, tuple_in)
    converter.register_unstructure_hook_factory(_is_frozenset, frozenset_out)
    converter.register_structure_hook_factory(_is_frozenset, frozenset_in)

    def attrs_out(cls: type) -> Callable[[Any], dict[str, Any]]:
        return make_dict_unstructure_fn(cls, converter)

    def attrs_in(cls: type) -> Hook:
        generated: Hook = make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=detailed
        )
        keys = frozenset(field.alias for field in attrs.fields(cls) if field.init)

        def structure(value: object, _: object) -> object:
            if value.__class__ is not dict or value.keys() != keys:
                checked_keys(value, keys, cls.__name__)
            return generated(value, cls)

        return structure

    year_out, year_in = attrs_out(CalendarYear), attrs_in(CalendarYear)
    unhook(WorkCalendar, _calendar_out(attrs_out(WorkCalendar), year_out))
    hook(WorkCalendar, _calendar_in(attrs_in(WorkCalendar), year_in))
    converter.register_unstructure_hook_factory(attrs.has, attrs_out)
    converter.register_structure_hook_factory(attrs.has, attrs_in)
    return converter
