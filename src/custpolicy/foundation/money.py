"""Exact money, and splitting it by weights so the parts add up to the whole.

Conventions (docs/catalogue.md, "Money"; used by P-2, P-E3.3, P-E4 and L-2.3):

- Amounts are Decimal in the currency's minor unit (the fen for CNY). Floats are refused.
- A single computed amount is rounded half-up (四捨五入) to the minor unit.
- A split is largest remainder on whole minor units: each part is the floor or ceiling of its
  exact share, the parts add up to the whole, a zero weight gets nothing, a refund splits as
  the negative of the same positive split, and ties are broken by a documented rule on the
  party keys, never by the order the parties are listed in.

Examples:
    >>> from custpolicy.foundation.money import Money, allocate
    >>> split = allocate(Money("100.00", "CNY"), {"Chen": 1, "Lin": 1, "Wang": 1})
    >>> [str(part) for part in split.values()]
    ['CNY 33.34', 'CNY 33.33', 'CNY 33.33']
    >>> sum(split.values()) == Money("100.00", "CNY")
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from decimal import Decimal
from math import lcm
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs

from custpolicy.foundation.clauses import Clause
from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError, UnknownKeyError
from custpolicy.foundation.explain import Explained, Lines, Reason, fact_text, record_cell
from custpolicy.foundation.formats import format_money
from custpolicy.foundation.lang import Lang
from custpolicy.foundation.validate import (
    bind_type,
    check_decimal,
    check_instance,
    check_int,
    check_magnitude,
    check_mapping,
    check_money,
    integer,
    refuse,
    trusted,
)

__all__ = [
    "CNY",
    "CURRENCIES",
    "EUR",
    "HKD",
    "JPY",
    "TWD",
    "USD",
    "Allocation",
    "Currency",
    "Money",
    "allocate",
    "currency",
    "largest_remainder",
]


def _iso_code(instance: Currency, attribute: attrs.Attribute[str], value: object) -> None:
    if not (isinstance(value, str) and len(value) == 3 and value.isascii() and value.isupper()):
        raise refuse("code", "a three-letter ISO 4217 code such as 'CNY'", value, "Currency")


@attrs.frozen(repr=False)
class Currency:
    """An ISO 4217 currency and the number of decimal digits of its minor unit.

    Examples:
        >>> Currency("KRW", 0)
        Currency('KRW', 0)
    """

    code: str = attrs.field(validator=_iso_code)
    exponent: int = attrs.field(
        validator=integer(low=0, high=6, expect="an int from 0 to 6 (digits of the minor unit)")
    )

    def __repr__(self) -> str:
        return f"Currency({self.code!r}, {self.exponent})"

    def __str__(self) -> str:
        return self.code

    def __reduce__(self) -> tuple[Any, ...]:
        # A known currency unpickles (and copies) as the module's own object, so that Money
        # from another process keeps the fast identity check of same-currency arithmetic.
        if CURRENCIES.get(self.code) == self:
            return currency, (self.code,)
        return Currency, (self.code, self.exponent)


CNY = Currency("CNY", 2)
TWD = Currency("TWD", 2)
HKD = Currency("HKD", 2)
USD = Currency("USD", 2)
EUR = Currency("EUR", 2)
JPY = Currency("JPY", 0)

CURRENCIES: MappingProxyType[str, Currency] = MappingProxyType(
    {c.code: c for c in (CNY, TWD, HKD, USD, EUR, JPY)}
)
"""The currencies known by code. Build a [`Currency`][] for any other."""


def currency(value: Currency | str) -> Currency:
    """The currency ``value`` names: a [`Currency`][], or the code of a known one."""
    if isinstance(value, Currency):
        return value
    found = CURRENCIES.get(value) if isinstance(value, str) else None
    if found is None:
        expectation = f"a Currency or one of the codes {sorted(CURRENCIES)}"
        raise refuse("currency", expectation, value, "Money", hint=_BUILD_ONE)
    return found


_BUILD_ONE = "build Currency(code, exponent) for another"
_currency = currency  # Money's methods take a parameter called ``currency``

# What str(Money) writes: the code, a space, the amount with its thousands grouped by three.
_MONEY_TEXT = re.compile(r"([A-Z]{3}) (-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)")
_POW10: tuple[int, ...] = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)


def _exact_ratio(
    value: object, argument: str, where: str, *, strings: bool = False
) -> tuple[int, int]:
    """``value`` as an exact fraction (numerator, positive denominator); refuse floats."""
    if isinstance(value, int) and not isinstance(value, bool):
        return check_magnitude(int(value), argument, where), 1
    kinds = "a Decimal, int or str" if strings else "a Decimal or an int"
    return check_decimal(value, argument, where, strings=strings, expect=kinds).as_integer_ratio()


def _to_minor(value: object, cur: Currency, *, rounding: bool, where: str) -> int:
    numerator, denominator = _exact_ratio(value, "amount", where, strings=True)
    scaled = numerator * _POW10[cur.exponent]
    if denominator == 1:
        return scaled
    quotient, remainder = divmod(abs(scaled), denominator)
    if remainder:
        if not rounding:
            raise InvalidInputError(
                f"amount {value!r} is finer than the minor unit of {cur.code} "
                f"({cur.exponent} decimal places); use Money.rounded() to round half-up [{where}]"
            )
        quotient += 2 * remainder >= denominator  # half-up: ties go away from zero
    return quotient if scaled >= 0 else -quotient


@attrs.frozen(init=False, repr=False, order=False)
class Money:
    """An exact amount of one currency, held in whole minor units (fen for CNY).

    ``Money(amount, currency)`` takes a Decimal, an int or a numeric string; a float, NaN, an
    infinity or an amount finer than the minor unit is refused. ``Money.rounded`` rounds half-up
    (四捨五入) instead of refusing.

    Examples:
        >>> Money("12.3", "CNY")
        Money('12.30', 'CNY')
        >>> Money.rounded("0.125", "CNY"), Money.rounded("-0.125", "CNY")
        (Money('0.13', 'CNY'), Money('-0.13', 'CNY'))
        >>> Money(0.1, "CNY")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: amount must be a Decimal, int or str, got 0.1: \
use Decimal or str: floats are inexact [Money]
    """

    minor: int
    currency: Currency

    def __init__(self, amount: Decimal | int | str, currency: Currency | str) -> None:
        cur = _currency(currency)
        self.__attrs_init__(_to_minor(amount, cur, rounding=False, where="Money"), cur)

    @classmethod
    def rounded(cls, amount: Decimal | int | str, currency: Currency | str) -> Money:
        """The amount rounded half-up (四捨五入) to the currency's minor unit."""
        cur = _currency(currency)
        return _make(_to_minor(amount, cur, rounding=True, where="Money.rounded"), cur)

    @classmethod
    def from_minor(cls, minor: int, currency: Currency | str) -> Money:
        """The amount of ``minor`` whole minor units (fen for CNY).

        Examples:
            >>> Money.from_minor(12345, "CNY")
            Money('123.45', 'CNY')
        """
        return _make(check_int(minor, "minor", "Money.from_minor"), _currency(currency))

    @classmethod
    def parse(cls, text: str) -> Money:
        """The amount that ``text`` writes as ``str()`` writes it: ``'CNY 1,349.99'``.

        The currency's code, one space, then the amount, with or without the thousands commas
        (grouped by three when present) and at most the currency's decimal places: it is read
        exactly, never rounded. So ``Money.parse(str(m)) == m`` for every amount of a currency
        known by its code ([`CURRENCIES`][custpolicy.foundation.money.CURRENCIES]), and a saved text
        reloads unchanged.

        Examples:
            >>> Money.parse("CNY 1,349.99"), Money.parse("USD -0.5")
            (Money('1349.99', 'CNY'), Money('-0.50', 'USD'))
            >>> Money.parse("CNY 1,34.99")
            Traceback (most recent call last):
            ...
            custpolicy.InvalidInputError: text must be a currency code, a space and an amount \
such as 'CNY 1,349.99', got 'CNY 1,34.99' [Money.parse]
        """
        found = _MONEY_TEXT.fullmatch(text.strip()) if isinstance(text, str) else None
        if found is None:
            raise refuse(
                "text",
                "a currency code, a space and an amount such as 'CNY 1,349.99'",
                text,
                "Money.parse",
            )
        code, amount = found.groups()
        cur = _currency(code)
        return _make(
            _to_minor(amount.replace(",", ""), cur, rounding=False, where="Money.parse"), cur
        )

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        """Zero in ``currency``."""
        return _make(0, _currency(currency))

    @property
    def amount(self) -> Decimal:
        """The amount as a Decimal with exactly the currency's number of decimal places."""
        return Decimal(f"{self.minor}E-{self.currency.exponent}")

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency.code}')"

    def __str__(self) -> str:
        return f"{self.currency.code} {self.amount:,}"

    def __bool__(self) -> bool:
        return self.minor != 0

    # -- arithmetic within one currency -----------------------------------------------------------

    def _same(self, other: object, operation: str) -> Money:
        if not isinstance(other, Money):  # the common case costs one test
            other = check_money(other, "other", "Money", expect=f"Money to {operation} Money")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {operation} {self.currency.code} and {other.currency.code}: "
                f"got {self!r} and {other!r} [Money]"
            )
        return other

    def __add__(self, other: Money) -> Money:
        return _make(self.minor + self._same(other, "add").minor, self.currency)

    def __radd__(self, other: object) -> Money:
        if other.__class__ is int and other == 0:  # lets sum() start from 0
            return self
        return self._same(other, "add") + self

    def __sub__(self, other: Money) -> Money:
        return _make(self.minor - self._same(other, "subtract").minor, self.currency)

    def __neg__(self) -> Money:
        return _make(-self.minor, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _make(abs(self.minor), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        """Multiply by an int (exact) or a Decimal (rounded half-up to the minor unit)."""
        if factor.__class__ is int:
            return _make(self.minor * factor, self.currency)
        numerator, denominator = _exact_ratio(factor, "factor", "Money.__mul__")
        product = self.minor * numerator
        quotient, remainder = divmod(abs(product), denominator)
        quotient += 2 * remainder >= denominator
        return _make(quotient if product >= 0 else -quotient, self.currency)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Money:
        raise InvalidInputError(
            f"Money cannot be divided (got {self!r} / {other!r}): use allocate() to split it "
            "into parts that add up to the whole [Money]"
        )

    def __lt__(self, other: Money) -> bool:
        return self.minor < self._same(other, "compare").minor

    def __le__(self, other: Money) -> bool:
        return self.minor <= self._same(other, "compare").minor

    def __gt__(self, other: Money) -> bool:
        return self.minor > self._same(other, "compare").minor

    def __ge__(self, other: Money) -> bool:
        return self.minor >= self._same(other, "compare").minor


bind_type("Money", Money)
_make: Callable[[int, Currency], Money] = trusted(Money)
"""A Money from minor units, without validation (internal hot path)."""


# -- allocation ----------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)


def _in_key_order(positions: list[int], keys: Sequence[Any]) -> list[int]:
    """``positions`` sorted by their keys: the documented tie-break order (first wins a tie).

    Keys go in their natural ascending order; keys that cannot be compared with each other
    (mixed types) go by ``(type name, repr(key))`` instead.
    """
    try:
        return sorted(positions, key=keys.__getitem__)
    except (TypeError, InvalidInputError):  # Money refuses to compare with a non-Money
        return sorted(positions, key=lambda i: (type(keys[i]).__name__, repr(keys[i])))


def _int_weights(weights: Mapping[Any, object], where: str) -> list[int]:
    """The weights scaled to integers with the same proportions, exactly."""
    values = list(weights.values())
    if values[0].__class__ is not Decimal and all(v.__class__ is int and v >= 0 for v in values):
        return values  # type: ignore[return-value]
    try:  # Decimal weights, in one pass: anything else, NaN or an infinity raises here
        ratios = list(map(Decimal.as_integer_ratio, values))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # the checked path names the bad weight
        ratios = _checked_ratios(weights, where)
    denominators = list(map(itemgetter(1), ratios))
    common = lcm(*denominators)
    if denominators.count(common) == len(denominators):  # one scale, such as 0.7 and 0.3
        scaled = list(map(itemgetter(0), ratios))
    else:
        scaled = [n * (common // d) for n, d in ratios]
    if min(scaled) < 0:  # checked on the ints, cheaper than on the Decimals
        raise _negative(weights, where)
    return scaled


def _negative(weights: Mapping[Any, object], where: str) -> InvalidInputError:
    """The error for the first negative weight."""
    key, weight = next((k, w) for k, w in weights.items() if w < 0)  # type: ignore[operator]
    return InvalidInputError(f"weights must not be negative, got {weight!r} for {key!r} [{where}]")


def _checked_ratios(weights: Mapping[Any, object], where: str) -> list[tuple[int, int]]:
    """Each weight as an exact fraction, refusing what is not a number."""
    return [
        w.as_integer_ratio()
        if w.__class__ is Decimal and w.is_finite()
        else _exact_ratio(w, f"weight of {key!r}", where)
        for key, w in weights.items()
    ]


def largest_remainder(
    units: int, weights: Sequence[int], keys: Sequence[Hashable]
) -> tuple[list[int], list[int]]:
    """Split ``units`` (>= 0) whole units by integer ``weights`` (>= 0, sum > 0), exactly.

    Each party first gets the floor of its exact share ``units x weight / sum``; the units
    left over go one each to the largest remainders. Equal remainders are broken by ``keys``
    in ascending order (see [`allocate`][custpolicy.foundation.money.allocate]), never by position.

    Returns the parts and the indices of the parties that got a leftover unit, ascending.

    Examples:
        >>> largest_remainder(10, [1, 1, 1], ["c", "b", "a"])
        ([3, 3, 4], [2])
    """
    where = "largest_remainder"
    check_int(units, "units", where, low=0, expect="a non-negative int")
    sequences = isinstance(weights, Sequence) and isinstance(keys, Sequence)
    if not sequences or len(weights) != len(keys) or not weights:
        expectation, shown = "non-empty sequences of the same length", f"{weights!r} and {keys!r}"
        raise refuse("weights and keys", expectation, None, where, shown=shown)
    if not all(w.__class__ is int and w >= 0 for w in weights) or not any(weights):
        raise refuse("weights", "non-negative ints, not all zero", list(weights), where)
    parts, extras = _largest_remainder(units, weights, keys)
    return parts, sorted(extras)


def _largest_remainder(
    units: int, weights: Sequence[int], keys: Sequence[Hashable]
) -> tuple[list[int], list[int]]:
    """largest_remainder without the argument checks, for callers that made them.

    The indices of the parties that got a leftover unit come in no particular order.
    """
    total_weight = sum(weights)
    scaled = [units * w for w in weights]
    parts = [x // total_weight for x in scaled]
    left = units - sum(parts)
    if not left:
        return parts, []
    remainders = [x % total_weight for x in scaled]
    # The leftovers go to the `left` largest remainders: find the smallest remainder that
    # still wins (a plain sort of ints, cheaper than sorting positions by a key). Unless the
    # best loser ties it, every position at or above it wins; otherwise the tied ones share
    # what is left by key order. (`left` is less than the number of parties: the remainders,
    # each below the total weight, add up to `left` times it.)
    ranked = sorted(remainders, reverse=True)
    cut = ranked[left - 1]
    if ranked[left] != cut:
        extras = [i for i, r in enumerate(remainders) if r >= cut]
    else:  # the tied parties at the cut share what is left by key order
        extras = [i for i, r in enumerate(remainders) if r > cut]
        tied = _in_key_order([i for i, r in enumerate(remainders) if r == cut], keys)
        extras += tied[: left - len(extras)]
    for i in extras:
        parts[i] += 1
    return parts, extras


def allocate(
    total: Money, weights: Mapping[K, Decimal | int], *, clause: Clause | None = None
) -> Allocation[K]:
    """Split ``total`` across parties by non-negative weights, to the minor unit.

    Largest remainder on whole minor units, in exact integer arithmetic:

    - the parts add up exactly to ``total``;
    - each part is the floor or the ceiling of its exact share ``total x weight / sum``;
    - a zero weight gets zero and a single party gets everything;
    - a negative total (a refund) splits as the negative of the positive split;
    - the units left after the floors go to the largest remainders; equal remainders are
      broken by the party keys in ascending order (keys of different types by type name, then
      ``repr``), never by the order the parties are listed in.

    ``clause`` is the clause the caller applies the split for (P-2, P-E3.3, ...); the result
    cites it.

    Examples:
        >>> split = allocate(Money("-0.05", "CNY"), {"b": Decimal("0.5"), "a": Decimal("0.5")})
        >>> split["a"], split["b"]
        (Money('-0.03', 'CNY'), Money('-0.02', 'CNY'))
    """
    # the common cases first: allocate is a hot path (see validate, "Hot paths")
    if clause is not None and clause.__class__ is not Clause:
        check_instance(clause, "clause", "allocate", Clause, optional=True)
    where = f"allocate {clause.id}" if clause is not None else "allocate"
    if total.__class__ is not Money:
        check_money(total, "total", where)
    if weights.__class__ is not dict:
        check_mapping(weights, "weights", where, expect="a mapping of party to weight")
    if not weights:
        raise refuse("weights", "at least one party", {}, where, must="name")
    int_weights = _int_weights(weights, where)
    if not any(int_weights):
        raise refuse("weights", "zero", dict(weights), where, must="not all be")
    keys = tuple(weights)
    minor = total.minor
    parts, extras = _largest_remainder(minor if minor >= 0 else -minor, int_weights, keys)
    if minor < 0:
        parts = [-p for p in parts]
    return _allocation(  # attrs' __init__, without re-validation
        total, tuple(weights.items()), tuple(parts), frozenset([keys[i] for i in extras]), clause
    )


@attrs.frozen
class Allocation(Explained, Mapping[K, Money], Generic[K]):
    """The result of [`allocate`][]: each party's part, in the order the parties were given.

    It reads like a mapping from party to [`Money`][custpolicy.foundation.money.Money], and explains
    how every part was reached.
    """

    _lines = Lines("parts", name="part", key="party")

    total: Money
    weights: tuple[tuple[K, Decimal | int], ...]
    minor_parts: tuple[int, ...]
    extras: frozenset[K]
    clause: Clause | None = None
    _lookup: dict[K, int] | None = attrs.field(init=False, default=None, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # allocate() builds its results without this check; it guards direct construction.
        consistent = (
            isinstance(self.total, Money)
            and isinstance(self.weights, tuple)
            and all(isinstance(pair, tuple) and len(pair) == 2 for pair in self.weights)
            and isinstance(self.minor_parts, tuple)
            and len(self.minor_parts) == len(self.weights)
            and all(p.__class__ is int for p in self.minor_parts)
            and sum(self.minor_parts) == self.total.minor
            and isinstance(self.extras, frozenset)
        )
        if not consistent:
            raise InvalidInputError(
                "an Allocation needs a Money total, (party, weight) pairs and whole minor-unit "
                f"parts that add up to the total; build it with allocate(), got {self!r} "
                "[Allocation]"
            )

    @property
    def _index(self) -> dict[K, int]:
        """Party -> position, built on first use (most splits are read only once)."""
        lookup = self._lookup
        if lookup is None:
            lookup = {k: i for i, (k, _) in enumerate(self.weights)}
            object.__setattr__(self, "_lookup", lookup)
        return lookup

    def _record_items(self) -> Iterator[tuple[str, object]]:
        yield "total", self.total
        yield "parts", dict(self)
        yield "extras", self.extras
        yield "clause", self.clause

    @property
    def parts(self) -> tuple[Money, ...]:
        """Each party's part, in the order the parties were given."""
        cur = self.total.currency
        return tuple(_make(minor, cur) for minor in self.minor_parts)

    def __getitem__(self, key: K) -> Money:
        try:
            index = self._index.get(key)
        except TypeError:  # unhashable, such as a list of keys
            index = None
        if index is None:
            raise UnknownKeyError(
                f"key must be one of the parties {list(self._index)!r}, got {key!r} [Allocation]"
            )
        return _make(self.minor_parts[index], self.total.currency)

    def __iter__(self) -> Iterator[K]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self.minor_parts)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._index
        except TypeError:  # unhashable: no party is
            return False

    def __neg__(self) -> Allocation[K]:
        return attrs.evolve(
            self, total=-self.total, minor_parts=tuple(-p for p in self.minor_parts)
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Built on demand: the rule, then one line per party."""
        total_weight = sum(w for _, w in self.weights)
        head = Reason.of(
            "allocate.rule",
            self.clause,
            en="split {total} among {n} parties by weight (total weight {weight}), largest "
            "remainder on whole minor units; ties go to the party key that sorts first",
            zh="將{total}依權重分攤給{n}方（總權重{weight}），以最大餘數法分至最小貨幣單位；"
            "餘數相同時，依各方名稱排序在前者優先",
            total=self.total,
            n=len(self.minor_parts),
            weight=total_weight,
        )
        lines = [head]
        for (key, weight), part in zip(self.weights, self.parts, strict=True):
            extra = key in self.extras
            lines.append(
                Reason.of(
                    "allocate.part",
                    self.clause,
                    en="{party}: weight {weight} of {total_weight} gets {part}"
                    + (" (one of the leftover minor units: largest remainder)" if extra else ""),
                    zh="{party}：權重{weight}/{total_weight}，分得{part}"
                    + ("（因餘數最大，分得一個剩餘的最小單位）" if extra else ""),
                    party=key,
                    weight=weight,
                    total_weight=total_weight,
                    part=part,
                )
            )
        return tuple(lines)


_allocation: Callable[..., Allocation[Any]] = trusted(Allocation)


# -- one cell of a record (``to_record()``): registered with the explanations, which need no
# import of this module for it


@record_cell.register
def _money_cell(value: Money, record: dict[str, object]) -> object:
    record.setdefault("currency", value.currency.code)
    return value.amount


@record_cell.register
def _currency_cell(value: Currency, record: dict[str, object]) -> object:
    return value.code


@fact_text.register
def _money_text(value: Money, lang: Lang) -> str:
    return format_money(value, lang)
