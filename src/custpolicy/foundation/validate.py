"""The one set of argument checks and attrs validators that every module uses.

Each **check** ``check_x(value, argument, where, ...)`` returns the value, typed, when it is of
the expected kind and otherwise raises
[`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] (or the
fitting subclass, such as
[`CurrencyMismatchError`][custpolicy.foundation.errors.CurrencyMismatchError]) with one message
shape::

    {argument} must be {expectation}, got {value!r} [{where}]

where ``where`` is the clause or the rule applied (``P-E3.3``, ``billing.payment_due``). A float
given for an amount or a ratio adds the hint
[`FLOAT_HINT`][custpolicy.foundation.validate.FLOAT_HINT] after the value. Most checks take
``expect=`` to word the expectation for their caller (``"a positive int"``) where a message is
already pinned; build any other refusal with [`refuse`][custpolicy.foundation.validate.refuse], so
that it reads the same.

The checks: [`check_int`][custpolicy.foundation.validate.check_int] (bounds),
[`check_decimal`][custpolicy.foundation.validate.check_decimal] (bounds,
[`DIGITS_LIMIT`][custpolicy.foundation.validate.DIGITS_LIMIT]),
[`check_magnitude`][custpolicy.foundation.validate.check_magnitude],
[`check_money`][custpolicy.foundation.validate.check_money] (sign, currency),
[`check_bool`][custpolicy.foundation.validate.check_bool],
[`check_date`][custpolicy.foundation.validate.check_date],
[`check_optional_date`][custpolicy.foundation.validate.check_optional_date],
[`check_text`][custpolicy.foundation.validate.check_text],
[`check_choice`][custpolicy.foundation.validate.check_choice] (an Enum or plain values),
[`check_lang`][custpolicy.foundation.validate.check_lang],
[`check_mapping`][custpolicy.foundation.validate.check_mapping] (any Mapping),
[`check_tuple_of`][custpolicy.foundation.validate.check_tuple_of],
[`check_unique`][custpolicy.foundation.validate.check_unique],
[`check_instance`][custpolicy.foundation.validate.check_instance],
[`check_policy`][custpolicy.foundation.validate.check_policy] and
[`check_calendar`][custpolicy.foundation.validate.check_calendar].

Each **validator factory** ([`money`][custpolicy.foundation.validate.money],
[`integer`][custpolicy.foundation.validate.integer],
[`decimal`][custpolicy.foundation.validate.decimal],
[`date`][custpolicy.foundation.validate.date], ...) returns an attrs validator built on the same
check, for the fields of a value a user may build by
hand: the argument is the field's name and ``where`` the ``clause`` given (by default the field's
``metadata["clauses"]`` joined by ``/``, else the class's name).
[`optional`][custpolicy.foundation.validate.optional] lets ``None`` through any of them
([`satisfying`][custpolicy.foundation.validate.satisfying] takes a test, for a shape no check
names)::

    @attrs.frozen
    class Fee:
        amount: Money = attrs.field(validator=validate.money(sign="positive", clause="B-6"))

Bounds are inclusive at both ends; ``bool`` is refused where an int is expected; a ``datetime``
is refused where a date is expected (rules judge days, not instants).

**Fast construction.** A frozen attrs result built on a hot path from values already checked
skips its validators through [`trusted`][custpolicy.foundation.validate.trusted], the one place that
calls ``object.__new__``::

    _fee = validate.trusted(Fee)  # after the class: a constructor without validation
    fee = _fee(amount)            # the fields in order, as given

Use it only for values the module itself has checked or computed; a caller's input goes through
the class (or a check) first.

**Hot paths.** A check costs a function call even when the value is good. Where that matters,
guard it with the common case and let the check name the error::

    if total.__class__ is not Money:  # the common case costs one comparison
        check_money(total, "total", where)

The guard must accept nothing the check refuses; a property test pins each such pair.

This module imports nothing above [`custpolicy.foundation.errors`][] and
[`custpolicy.foundation.clauses`][]. It names [`Money`][custpolicy.foundation.money.Money],
[`Policy`][custpolicy.foundation.policy.Policy] and
[`WorkCalendar`][custpolicy.foundation.workdays.WorkCalendar] only for type checkers: the modules
that define them call [`bind_type`][custpolicy.foundation.validate.bind_type] when they load, so no
import runs upwards (before one of them is loaded no value can be of its type, and the check refuses
everything).

Examples:
    >>> from datetime import datetime
    >>> check_date(datetime(2026, 3, 2, 9, 30), "delivered", "B-6")
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: delivered must be a datetime.date, \
got datetime.datetime(2026, 3, 2, 9, 30) [B-6]
    >>> check_int(13, "month", "B-7", low=1, high=12)
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: month must be an int from 1 to 12, got 13 [B-7]
    >>> check_decimal(0.5, "ratio", "R-3", low=0)
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: ratio must be a Decimal of at least 0, got 0.5: \
use Decimal or str: floats are inexact [R-3]
"""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from types import MemberDescriptorType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import attrs

from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError
from custpolicy.foundation.lang import LANGS, Lang, normalize_lang

if TYPE_CHECKING:
    from custpolicy.foundation.money import Currency, Money
    from custpolicy.foundation.policy import Policy, PolicyBook
    from custpolicy.foundation.workdays import WorkCalendar

__all__ = [
    "DIGITS_LIMIT",
    "FLOAT_HINT",
    "Sign",
    "Validator",
    "bind_type",
    "boolean",
    "check_bool",
    "check_calendar",
    "check_choice",
    "check_date",
    "check_decimal",
    "check_instance",
    "check_int",
    "check_items",
    "check_lang",
    "check_magnitude",
    "check_mapping",
    "check_money",
    "check_number",
    "check_optional_date",
    "check_policy",
    "check_text",
    "check_tuple_of",
    "check_unique",
    "choice",
    "date",
    "decimal",
    "instance_of",
    "integer",
    "mapping",
    "money",
    "number",
    "optional",
    "optional_date",
    "pairs",
    "refuse",
    "satisfying",
    "text",
    "trusted",
    "tuple_of",
]

FLOAT_HINT = "use Decimal or str: floats are inexact"
"""The hint added when a float is given for an amount or a ratio."""

DIGITS_LIMIT = 100
"""Numbers have fewer digits than this on either side of the decimal point.

Nothing real comes near it; the bound keeps a bad input such as ``1e99999999`` from costing
unbounded time in exact integer arithmetic, or from failing later when it is printed.
"""
_TOO_BIG = 10**DIGITS_LIMIT
_DIGITS = f"fewer than {DIGITS_LIMIT} digits either side of the decimal point"

Sign = Literal["any", "non-negative", "positive"]
"""Which amounts [`check_money`][] accepts: any, at least zero, or above zero."""
_LEAST_MINOR = {"non-negative": 0, "positive": 1}  # the least amount of each sign, in minor units

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
NumberT = TypeVar("NumberT", bound=int | Decimal)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs validator: ``(instance, attribute, value) -> None``, raising on a bad value."""


# -- the message ------------------------------------------------------------------------------


def refuse(
    argument: str,
    expectation: str,
    value: object,
    where: str,
    *,
    hint: str = "",
    shown: str | None = None,
    must: str = "be",
    error: type[InvalidInputError] = InvalidInputError,
) -> InvalidInputError:
    """The error to raise for ``value``: ``{argument} must be {expectation}, got {value!r} ...``.

    ``hint`` follows the value after a colon (such as
    [`FLOAT_HINT`][custpolicy.foundation.validate.FLOAT_HINT]); ``shown`` replaces the value's repr;
    ``must`` replaces the verb (``must have fewer than ...``).

    Examples:
        >>> raise refuse("weights", "not all zero", {"a": 0}, "P-E3.3")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: weights must be not all zero, got {'a': 0} [P-E3.3]
    """
    got = repr(value) if shown is None else shown
    tail = f": {hint}" if hint else ""
    return error(f"{argument} must {must} {expectation}, got {got}{tail} [{where}]")


def _float_hint(value: object) -> str:
    """[`FLOAT_HINT`][] for a float (or a float's subclass), else nothing."""
    return FLOAT_HINT if isinstance(value, float) else ""


def _bounds(kind: str, low: object, high: object) -> str:
    """``kind`` with its inclusive bounds in words: ``an int from 1 to 12``."""
    if low is None and high is None:
        return kind
    if low is None or high is None:
        return f"{kind} of at least {low}" if high is None else f"{kind} of at most {high}"
    return f"{kind} from {low} to {high}"


# -- types bound by the modules that define them --------------------------------------------------


class _Unloaded:
    """Stands for a type whose module is not loaded yet: no value is an instance of it."""


_TYPES: dict[str, type] = {}
_Kind = Literal["Money", "Policy", "PolicyBook", "WorkCalendar"]


def bind_type(kind: _Kind, cls: type) -> None:
    """Name the class that a check of ``kind`` accepts (internal: rule modules never call it).

    [`custpolicy.foundation.money`][], [`custpolicy.foundation.policy`][] and
    [`custpolicy.foundation.workdays`][] call it once
    as they load, for [`check_money`][custpolicy.foundation.validate.check_money],
    [`check_policy`][custpolicy.foundation.validate.check_policy] and
    [`check_calendar`][custpolicy.foundation.validate.check_calendar].
    """
    _TYPES[kind] = cls


def _bound(kind: _Kind) -> type:
    return _TYPES.get(kind, _Unloaded)


# -- the checks ------------------------------------------------------------------------------------


def check_magnitude(value: NumberT, argument: str, where: str) -> NumberT:
    """``value`` (an int or a finite Decimal) if it is not too big or too fine.

    It must have fewer than [`DIGITS_LIMIT`][custpolicy.foundation.validate.DIGITS_LIMIT] digits
    either side of the decimal point.
    """
    if isinstance(value, Decimal):
        within = -DIGITS_LIMIT < value.adjusted() < DIGITS_LIMIT
    else:
        within = -_TOO_BIG < value < _TOO_BIG
    if within:
        return value
    raise refuse(argument, _DIGITS, value, where, must="have")


def check_int(
    value: object,
    argument: str,
    where: str,
    *,
    low: int | None = None,
    high: int | None = None,
    expect: str | None = None,
) -> int:
    """``value`` if it is an int (not a bool, not a float) from ``low`` to ``high`` inclusive.

    Either bound may be left out; ``expect`` replaces the expectation in the message.
    """
    if value.__class__ is int and (low is None or value >= low) and (high is None or value <= high):
        return value
    raise refuse(argument, expect or _bounds("an int", low, high), value, where)


def check_bool(value: object, argument: str, where: str, *, expect: str = "True or False") -> bool:
    """``value`` if it is ``True`` or ``False`` (not 0 or 1)."""
    if value.__class__ is bool:
        return value
    raise refuse(argument, expect, value, where)


def check_decimal(
    value: object,
    argument: str,
    where: str,
    *,
    low: Decimal | int | None = None,
    high: Decimal | int | None = None,
    strings: bool = False,
    expect: str | None = None,
) -> Decimal:
    """``value`` as a finite Decimal from ``low`` to ``high`` inclusive.

    An int is taken as its Decimal, and a numeric str too when ``strings``. A float (with
    [`FLOAT_HINT`][custpolicy.foundation.validate.FLOAT_HINT]), a bool, NaN or an infinity (``must
    be finite``) and a number with [`DIGITS_LIMIT`][custpolicy.foundation.validate.DIGITS_LIMIT]
    digits or more are refused.
    """
    if isinstance(value, int) and value.__class__ is not bool:
        value = Decimal(int(value))
    elif strings and isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            raise refuse(
                argument, "a number", value, where, shown=f"the string {value!r}"
            ) from None
    if isinstance(value, Decimal) and not value.is_finite():
        raise refuse(argument, "finite", value, where)
    return cast("Decimal", _number(value, argument, where, "a Decimal", low, high, expect))


def check_number(
    value: object,
    argument: str,
    where: str,
    *,
    low: Decimal | int | None = None,
    expect: str | None = None,
) -> int | Decimal:
    """``value`` as given if it is an int or a finite Decimal of at least ``low``.

    Unlike [`check_decimal`][custpolicy.foundation.validate.check_decimal], an int stays an int, and
    NaN or an infinity is refused with the expectation (``a Decimal or an int``, with its bound, or
    ``expect``). A float (with [`FLOAT_HINT`][custpolicy.foundation.validate.FLOAT_HINT]), a bool or
    a str is refused, and a number with
    [`DIGITS_LIMIT`][custpolicy.foundation.validate.DIGITS_LIMIT] digits or more as
    [`check_magnitude`][custpolicy.foundation.validate.check_magnitude] refuses it. For weights,
    ratios and quantities whose int or Decimal the caller's repr should keep.
    """
    return _number(value, argument, where, "a Decimal or an int", low, None, expect)


def _number(
    value: Any, argument: str, where: str, kind: str, low: Any, high: Any, expect: str | None
) -> int | Decimal:
    """``value`` if it is an int (not a bool) or a finite Decimal from ``low`` to ``high``.

    The core of [`check_decimal`][custpolicy.foundation.validate.check_decimal] and
    [`check_number`][custpolicy.foundation.validate.check_number]: the size is checked by
    [`check_magnitude`][custpolicy.foundation.validate.check_magnitude], and the refusal reads
    ``must be {kind}`` with the bounds.
    """
    if (value.__class__ is int or (isinstance(value, Decimal) and value.is_finite())) and (
        (low is None or value >= low) and (high is None or value <= high)
    ):
        return check_magnitude(value, argument, where)
    hint = "a bool is not a number" if isinstance(value, bool) else _float_hint(value)
    raise refuse(argument, expect or _bounds(kind, low, high), value, where, hint=hint)


def check_money(
    value: object,
    argument: str,
    where: str,
    *,
    sign: Sign = "any",
    currency: Currency | None = None,
    expect: str | None = None,
) -> Money:
    """``value`` if it is `Money` of the ``sign`` and ``currency`` asked.

    ``sign`` is ``"any"``, ``"non-negative"`` (zero accepted) or ``"positive"`` (zero refused);
    the message says ``Money``, ``a non-negative Money`` or ``a positive Money``. An amount in
    another currency than ``currency`` raises
    [`CurrencyMismatchError`][custpolicy.foundation.errors.CurrencyMismatchError].
    """
    money_type = _TYPES.get("Money", _Unloaded)
    if (value.__class__ is not money_type and not isinstance(value, money_type)) or (
        sign != "any" and value.minor < _LEAST_MINOR[sign]  # type: ignore[attr-defined]
    ):
        expectation = expect or ("Money" if sign == "any" else f"a {sign} Money")
        raise refuse(argument, expectation, value, where, hint=_float_hint(value))
    checked: Money = value  # type: ignore[assignment]  # isinstance above (a cast costs a call)
    if currency is not None and checked.currency is not currency and checked.currency != currency:
        raise refuse(argument, f"in {currency.code}", value, where, error=CurrencyMismatchError)
    return checked


def check_date(
    value: object, argument: str, where: str, *, expect: str = "a datetime.date"
) -> _dt.date:
    """``value`` if it is a date (a datetime is refused: rules judge days, not instants)."""
    if value.__class__ is _dt.date or (
        isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    ):
        return value
    raise refuse(argument, expect, value, where)


def check_optional_date(value: object, argument: str, where: str) -> _dt.date | None:
    """``None``, or a date as [`check_date`][] accepts it."""
    return None if value is None else check_date(value, argument, where)


def check_text(
    value: object, argument: str, where: str, *, blank: bool = False, expect: str | None = None
) -> str:
    """``value`` if it is a str that is not blank (any str when ``blank``)."""
    if isinstance(value, str) and (blank or value.strip()):
        return value
    raise refuse(argument, expect or ("a str" if blank else "a non-empty str"), value, where)


def check_choice(
    value: object,
    argument: str,
    where: str,
    choices: type[E] | Collection[T],
    *,
    expect: str | None = None,
) -> Any:
    """The member of ``choices`` that ``value`` is or names.

    ``choices`` is an Enum (a member, or a member's value, is accepted; the member is returned)
    or a collection of plain values (compared only with values of their own class, so that a
    value such as ``pandas.NA`` is refused, not asked for its truth).
    """
    enum = isinstance(choices, type)
    if enum and isinstance(value, choices):  # type: ignore[arg-type]
        return value
    option: Any
    for option in choices:  # an Enum's member is matched by its value, a plain option by itself
        plain = option.value if enum else option
        if value.__class__ is plain.__class__ and value == plain:
            return option
    shown = tuple(member.value for member in choices) if enum else choices  # type: ignore[union-attr]
    raise refuse(argument, expect or f"one of {shown!r}", value, where)


def check_lang(lang: object, where: str) -> Lang:
    """The canonical tag of the language ``lang`` names (``'en'``, ``'zh-Hans'``, ``'zh-Hant'``).

    Any BCP 47 tag of one of them is accepted ([`custpolicy.foundation.lang.normalize_lang`][]):
    ``'zh-CN'`` gives ``'zh-Hans'``, ``'zh_TW'`` gives ``'zh-Hant'``, ``'en-GB'`` gives ``'en'``.
    """
    # the type first: == on a value such as pandas.NA or an array has no truth value
    if lang.__class__ is str and lang in LANGS:
        return lang
    return normalize_lang(lang, where)


def check_mapping(
    value: object, argument: str, where: str, *, expect: str = "a mapping"
) -> Mapping[Any, Any]:
    """``value`` if it is a Mapping (a dict or any other)."""
    if value.__class__ is dict or isinstance(value, Mapping):
        return value
    raise refuse(argument, expect, value, where)


def check_tuple_of(
    value: object,
    argument: str,
    where: str,
    kind: type | tuple[type, ...],
    *,
    expect: str | None = None,
) -> tuple[Any, ...]:
    """``value`` as a tuple, if it is an iterable (not a str, bytes or mapping) of ``kind``."""
    if value.__class__ is tuple or (
        not isinstance(value, (str, bytes, Mapping)) and isinstance(value, Iterable)
    ):
        items = tuple(value)  # a tuple itself, not a copy
        if all(isinstance(item, kind) for item in items):
            return items
    raise refuse(argument, expect or f"a sequence of {_names(kind)}", value, where)


def check_unique(
    items: tuple[T, ...],
    argument: str,
    where: str,
    *,
    expect: str = "listed once each",
    must: str = "be",
) -> tuple[T, ...]:
    """``items`` if no item is in it twice; the message names the repeated ones, sorted."""
    if len(set(items)) == len(items):
        return items
    repeated = {item for item in items if items.count(item) > 1}
    try:
        twice = sorted(repeated)  # type: ignore[type-var]
    except TypeError:  # items of different types: by their repr
        twice = sorted(repeated, key=repr)
    raise refuse(argument, expect, twice, where, shown=f"{twice!r} more than once", must=must)


def check_items(
    value: object,
    argument: str,
    where: str,
    kind: type | tuple[type, ...],
    *,
    name: str | None = None,
    holds: str | None = None,
    expect: str | None = None,
) -> tuple[Any, ...]:
    """``value`` as a tuple, if it is a collection (an iterable, not a str or bytes) of ``kind``.

    Each refusal says what is wrong: ``{argument} must be a collection of {name}, got {value!r}``
    when ``value`` is not a collection, ``{argument} must hold {name} values, got {item!r}``
    naming the first item that is not a ``kind``. ``name`` is the kind's name by default;
    ``expect`` and ``holds`` replace the two expectations whole, where a rule words them itself.

    Examples:
        >>> check_items([1, "2"], "counts", "here", int)
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: counts must hold int values, got '2' [here]
    """
    if value.__class__ is not tuple and (
        isinstance(value, (str, bytes)) or not isinstance(value, Iterable)
    ):
        raise refuse(argument, expect or f"a collection of {name or _names(kind)}", value, where)
    items: tuple[Any, ...] = tuple(value)  # a tuple itself, not a copy
    for item in items:
        if not isinstance(item, kind):
            raise refuse(
                argument, holds or f"{name or _names(kind)} values", item, where, must="hold"
            )
    return items


def _names(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))


def check_instance(
    value: object,
    argument: str,
    where: str,
    cls: type[T],
    *,
    optional: bool = False,
    expect: str | None = None,
) -> T:
    """``value`` if it is a ``cls`` (or ``None`` when ``optional``): ``a Clause``, ``a Policy``."""
    if isinstance(value, cls) or (optional and value is None):
        return value  # type: ignore[return-value]
    if expect is None:
        expect = f"a {cls.__name__}" + (" or None" if optional else "")
    raise refuse(argument, expect, value, where)


@overload
def check_policy(value: object, where: str, *, book: Literal[False] = False) -> Policy: ...


@overload
def check_policy(value: object, where: str, *, book: Literal[True]) -> Policy | PolicyBook: ...


def check_policy(value: object, where: str, *, book: bool = False) -> Policy | PolicyBook:
    """``value`` if it is a [`Policy`][custpolicy.foundation.policy.Policy].

    With ``book``, a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook] is accepted too: the
    batch entry points apply to each event the version in force on its date.

    Examples:
        >>> check_policy(None, "dunning_run B-7/B-8", book=True)
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: policy must be a Policy or a PolicyBook, got None \
[dunning_run B-7/B-8]
    """
    if book:
        if isinstance(value, (_bound("Policy"), _bound("PolicyBook"))):
            return cast("Policy | PolicyBook", value)
        raise refuse("policy", "a Policy or a PolicyBook", value, where)
    return cast(
        "Policy", check_instance(value, "policy", where, _bound("Policy"), expect="a Policy")
    )


def check_calendar(value: object, where: str) -> WorkCalendar | None:
    """``None`` (the rule's default calendar), or a `WorkCalendar`."""
    if value is None or isinstance(value, _bound("WorkCalendar")):
        return cast("WorkCalendar | None", value)
    raise refuse("calendar", "a WorkCalendar or None", value, where)


# -- attrs validators ------------------------------------------------------------------------------


def _validator(check: Callable[..., object], clause: str | None, **options: Any) -> Validator:
    """An attrs validator that runs ``check(value, field name, where, **options)``.

    ``where`` is ``clause`` if given, else the clauses in the field's metadata
    (``metadata={"clauses": ("B-6", "B-8")}`` reads ``B-6/B-8``, as the policy's fields do),
    else the class's name.
    """

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check(value, attribute.name, clause or _where(instance, attribute), **options)

    return validate


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    clauses = attribute.metadata.get("clauses")
    return "/".join(clauses) if clauses else type(instance).__name__


def money(
    *,
    sign: Sign = "any",
    currency: Currency | None = None,
    expect: str | None = None,
    clause: str | None = None,
) -> Validator:
    """A validator for a `Money` field, as [`check_money`][]."""
    return _validator(check_money, clause, sign=sign, currency=currency, expect=expect)


def integer(
    *,
    low: int | None = None,
    high: int | None = None,
    expect: str | None = None,
    clause: str | None = None,
) -> Validator:
    """A validator for an int field from ``low`` to ``high``, as [`check_int`][]."""
    return _validator(check_int, clause, low=low, high=high, expect=expect)


def decimal(
    *,
    low: Decimal | int | None = None,
    high: Decimal | int | None = None,
    clause: str | None = None,
) -> Validator:
    """A validator for a Decimal field from ``low`` to ``high``, as [`check_decimal`][].

    The field holds a Decimal: an int is refused (convert it with ``converter=Decimal``).
    """

    def check(value: object, argument: str, where: str) -> None:
        if isinstance(value, int):  # check_decimal would take it; the field would hold an int
            raise refuse(argument, _bounds("a Decimal", low, high), value, where)
        check_decimal(value, argument, where, low=low, high=high)

    return _validator(check, clause)


def number(
    *, low: Decimal | int | None = None, expect: str | None = None, clause: str | None = None
) -> Validator:
    """A validator for a field holding an int or a finite Decimal, as [`check_number`][]."""
    return _validator(check_number, clause, low=low, expect=expect)


def boolean(*, expect: str = "True or False", clause: str | None = None) -> Validator:
    """A validator for a bool field, as [`check_bool`][]."""
    return _validator(check_bool, clause, expect=expect)


def date(*, clause: str | None = None) -> Validator:
    """A validator for a date field (not a datetime), as [`check_date`][]."""
    return _validator(check_date, clause)


def optional_date(*, clause: str | None = None) -> Validator:
    """A validator for a field holding a date or ``None``, as [`check_optional_date`][]."""
    return _validator(check_optional_date, clause)


def text(*, blank: bool = False, expect: str | None = None, clause: str | None = None) -> Validator:
    """A validator for a str field, not blank unless ``blank``, as [`check_text`][]."""
    return _validator(check_text, clause, blank=blank, expect=expect)


def choice(
    choices: type[Enum] | Collection[object],
    *,
    expect: str | None = None,
    clause: str | None = None,
) -> Validator:
    """A validator for a field holding one of ``choices``, as [`check_choice`][].

    A validator cannot replace the value: give an Enum field its member, not the member's value.
    """
    if isinstance(choices, type):
        what = expect or f"one of {tuple(choices)!r}"
        return _validator(check_instance, clause, cls=choices, expect=what)
    return _validator(check_choice, clause, choices=choices, expect=expect)


def mapping(*, clause: str | None = None) -> Validator:
    """A validator for a field holding any Mapping, as [`check_mapping`][]."""
    return _validator(check_mapping, clause)


def tuple_of(
    kind: type | tuple[type, ...], *, expect: str | None = None, clause: str | None = None
) -> Validator:
    """A validator for a tuple field whose items are each a ``kind``.

    The field must already be a tuple (convert it with ``converter=tuple``).
    """

    def check(value: object, argument: str, where: str) -> None:
        if value.__class__ is not tuple:
            raise refuse(argument, expect or f"a tuple of {_names(kind)}", value, where)
        check_tuple_of(value, argument, where, kind, expect=expect)

    return _validator(check, clause)


def pairs(
    first: type | tuple[type, ...] | Collection[object],
    second: type | tuple[type, ...] | Collection[object],
    *,
    clause: str | None = None,
) -> Validator:
    """A validator for a tuple field of ``(first, second)`` pairs, such as ``(("Lin", 2),)``.

    Each side is a type (or a tuple of types) the item must be an instance of, or a collection
    of the values it must be one of (compared with values of their own class only).

    Examples:
        >>> @attrs.frozen
        ... class Tally:
        ...     counts: tuple[tuple[str, int], ...] = attrs.field(validator=pairs(str, int))
        >>> Tally((("Lin", 2), ("Wu", "3")))
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: counts must be a tuple of (str, int) pairs, \
got (('Lin', 2), ('Wu', '3')) [Tally]
    """
    (is_first, first_words), (is_second, second_words) = _side(first), _side(second)

    def test(value: Any) -> bool:
        return value.__class__ is tuple and all(
            pair.__class__ is tuple and len(pair) == 2 and is_first(pair[0]) and is_second(pair[1])
            for pair in value
        )

    return satisfying(test, f"a tuple of ({first_words}, {second_words}) pairs", clause=clause)


def _side(kind: Any) -> tuple[Callable[[object], bool], str]:
    """A test for one side of a pair, and its words: a type's name or ``one of (...)``."""
    if isinstance(kind, type) or (
        isinstance(kind, tuple) and all(isinstance(k, type) for k in kind)
    ):
        return (lambda item: isinstance(item, kind)), _names(kind)
    options = tuple(kind)  # values, each matched only by a value of its own class
    test = lambda item: any(item.__class__ is o.__class__ and item == o for o in options)  # noqa: E731
    return test, f"one of {options!r}"


def instance_of(
    cls: type, *, optional: bool = False, expect: str | None = None, clause: str | None = None
) -> Validator:
    """A validator for a field holding a ``cls`` (or ``None`` when ``optional``)."""
    return _validator(check_instance, clause, cls=cls, optional=optional, expect=expect)


def satisfying(
    test: Callable[[Any], object], expectation: str, *, must: str = "be", clause: str | None = None
) -> Validator:
    """A validator for a field whose value must pass ``test``, for a shape no check names.

    The message reads ``{field} must {must} {expectation}, got {value!r} [{where}]``.

    Examples:
        >>> @attrs.frozen
        ... class Window:
        ...     days: tuple[int, int] = attrs.field(
        ...         validator=satisfying(lambda v: v[0] <= v[1], "a (first, last) pair")
        ...     )
        >>> Window((3, 1))
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: days must be a (first, last) pair, got (3, 1) [Window]
    """

    def check(value: object, argument: str, where: str) -> None:
        if not test(value):
            raise refuse(argument, expectation, value, where, must=must)

    return _validator(check, clause)


def optional(validator: Validator) -> Validator:
    """``validator``, but ``None`` passes."""
    return attrs.validators.optional(validator)


# -- fast construction -----------------------------------------------------------------------------


def trusted(cls: type[T], fields: Sequence[str] | None = None) -> Callable[..., T]:
    """A constructor for the frozen attrs class ``cls`` that runs no validator or converter.

    It takes the class's ``init`` fields positionally, in their order, and sets each as given; a
    field with ``init=False`` gets its default. ``__attrs_post_init__`` is not run. For hot paths
    that build results from values already checked: the one place ``object.__new__`` is used.

    ``fields`` names instead the fields it takes, in that order (``init`` or not); every other
    field is left unset, for a class whose ``__getattr__`` computes such a field when it is read.

    Examples:
        >>> @attrs.frozen
        ... class Span:
        ...     low: int = attrs.field(validator=integer(low=0))
        ...     high: int = attrs.field(validator=integer(low=0))
        >>> _span = trusted(Span)
        >>> _span(1, 2)
        Span(low=1, high=2)
    """
    every = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
    if fields is not None:  # the fields named, in that order, each taken as an argument
        every = tuple(getattr(every, name).evolve(init=True) for name in fields)
    params = [f"_{i}" for i, field in enumerate(every) if field.init]
    lines = [f"def make({', '.join(params)}):", "    self = new(cls)"]
    namespace: dict[str, Any] = {"new": object.__new__, "set_": object.__setattr__, "cls": cls}
    for i, field in enumerate(every):
        # a slot's own setter is quicker than object.__setattr__, which looks the name up
        slot = inspect.getattr_static(cls, field.name, None)
        if type(slot) is MemberDescriptorType:
            namespace[f"slot_{i}"] = slot.__set__
            assign = f"    slot_{i}(self, {{}})"
        else:
            assign = f"    set_(self, {field.name!r}, {{}})"
        if field.init:
            lines.append(assign.format(f"_{i}"))
        elif field.default is not attrs.NOTHING:  # a factory is called, a default set as it is
            factory = isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
            namespace[f"default_{i}"] = field.default.factory if factory else field.default
            lines.append(assign.format(f"default_{i}()" if factory else f"default_{i}"))
    lines.append("    return self")
    exec("\n".join(lines), namespace)  # built from the class's own field names
    make = namespace["make"]
    make.__qualname__ = make.__name__ = f"trusted_{cls.__name__}"
    make.__doc__ = f"A {cls.__name__} from its fields as given, without validation."
    return cast("Callable[..., T]", make)
