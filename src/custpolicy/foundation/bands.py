"""Amount bands: ranges of money with explicit bounds, checked for gaps and overlaps.

A table keyed by amount (the P-3 sanction table; the same idea as C-11's approval table) is a
sequence of bands. Each band says whether each of its bounds is included; ``upper=None`` means
no upper bound. [`check_bands`][custpolicy.foundation.bands.check_bands] refuses a table that does
not start at zero (included), that leaves a gap or an overlap between two neighbouring bands, that
mixes currencies, or whose last band is bounded, so that every amount falls in exactly one band.

Examples:
    >>> from custpolicy.foundation.money import Money
    >>> zero, k = Money(0, "CNY"), Money(1000, "CNY")
    >>> check_bands([(zero, True, k, False), (k, True, None, False)], "P-3")
    >>> check_bands([(zero, True, k, False), (k, False, None, False)], "P-3")
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: band 2 (CNY 1,000.00, ∞) leaves a gap: CNY 1,000.00 is \
in neither band 1 nor band 2; exactly one of them must include it [P-3]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from custpolicy.foundation.clauses import Lang
from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError
from custpolicy.foundation.formats import format_money
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import Money
from custpolicy.foundation.validate import check_lang

__all__ = ["Bounds", "band_contains", "band_label", "check_bands"]

Bounds = tuple[Money, bool, Money | None, bool]
"""A band's bounds: ``(lower, lower_inclusive, upper, upper_inclusive)``; ``upper=None``: none."""


def band_label(bounds: Bounds, lang: Lang = "en") -> str:
    """The bounds in interval notation, such as ``[CNY 0.00, CNY 1,000.00)``.

    In Chinese, in words, as Taiwan's rules write a range: 以上 includes the amount, 超過 and
    未滿 do not, and 至 includes the upper amount; the amounts in the language's CLDR format
    ([`format_money`][custpolicy.foundation.formats.format_money]).

    Examples:
        >>> from custpolicy.foundation.money import Money
        >>> k, five_k = Money(1000, "CNY"), Money(5000, "CNY")
        >>> band_label((k, True, five_k, False)), band_label((k, True, five_k, False), "zh-Hant")
        ('[CNY 1,000.00, CNY 5,000.00)', 'CN¥1,000.00以上未滿CN¥5,000.00')
        >>> band_label((k, False, five_k, True), "zh-Hans")
        '超过¥1,000.00至¥5,000.00'
        >>> band_label((k, True, None, False), "zh-Hant")
        'CN¥1,000.00以上'
        >>> band_label((k, False, None, False), "zh-Hant")
        '超過CN¥1,000.00'
    """
    lower, lower_inclusive, upper, upper_inclusive = bounds
    lang = check_lang(lang, "band_label")
    if lang == "en":
        left = "[" if lower_inclusive else "("
        right = "]" if upper_inclusive else ")"
        return f"{left}{lower}, {'∞' if upper is None else upper}{right}"
    template = in_lang(lang, "", _band_zh(lower_inclusive, upper is not None, upper_inclusive))
    return template.format(
        lower=format_money(lower, lang),
        upper="" if upper is None else format_money(upper, lang),
    )


def _band_zh(lower_inclusive: bool, bounded: bool, upper_inclusive: bool) -> str:
    """A band in Traditional Chinese, with ``{lower}`` and ``{upper}`` for its amounts."""
    if not bounded:
        return "{lower}以上" if lower_inclusive else "超過{lower}"
    start = "{lower}" if lower_inclusive else "超過{lower}"
    if upper_inclusive:
        return f"{start}至{{upper}}"
    return f"{start}以上未滿{{upper}}" if lower_inclusive else f"{start}未滿{{upper}}"


def band_contains(bounds: Bounds, amount: Money) -> bool:
    """Whether ``amount`` (in the band's currency) falls in the band."""
    lower, lower_inclusive, upper, upper_inclusive = bounds
    above = amount >= lower if lower_inclusive else amount > lower
    if upper is None or not above:
        return above
    return amount <= upper if upper_inclusive else amount < upper


def _refuse(
    problem: str, where: str, error: type[InvalidInputError] = InvalidInputError
) -> InvalidInputError:
    """The error for a table's ``problem``: a band, or two neighbours, stated whole."""
    return error(f"{problem} [{where}]")


_EVERY = "so every amount falls in a band"


def check_bands(
    bands: Sequence[Bounds],
    where: str,
    *,
    name: Callable[[int], str] | None = None,
    every: str = _EVERY,
) -> None:
    """Refuse a table of bands with a gap, an overlap, a bounded end or mixed currencies.

    The bands must start at zero (included), ascend, meet exactly (where one band ends at an
    amount, exactly one of the two neighbours includes it), share one currency and end with an
    unbounded band, as the P-3 sanction table must. The message names the band (counted from 1)
    and ``where``: ``name(i)`` names band ``i`` (by default ``band {i} {its bounds}``), and
    ``every`` says why a table must start at zero and end unbounded.
    """
    label = name or (lambda i: f"band {i} {band_label(bands[i - 1])}")
    for broken, problem, error in _rules(bands, label, every):
        if broken:
            raise _refuse(problem, where, error)


def _rules(
    bands: Sequence[Bounds], label: Callable[[int], str], every: str
) -> Iterator[tuple[bool, str, type[InvalidInputError]]]:
    """The rules of a table, in the order they are checked: (broken, the problem, its error).

    A rule is reached only when every rule before it holds, so it may rely on them (a band
    whose bounds share a currency can be compared, for instance).
    """
    bad, mixed = InvalidInputError, CurrencyMismatchError
    yield not bands, "a table must hold at least one band, got none", bad
    for i, (lower, lower_inclusive, upper, upper_inclusive) in enumerate(bands, start=1):
        if upper is None:
            no_upper = "upper_inclusive must be False when upper is None (no upper bound)"
            yield upper_inclusive, f"band {i}: {no_upper}", bad
            continue
        one = f"band {i}: lower and upper must share one currency, got {lower!r} and {upper!r}"
        yield upper.currency != lower.currency, one, mixed
        empty = upper < lower or (upper == lower and not (lower_inclusive and upper_inclusive))
        yield empty, f"band {i} {band_label(bands[i - 1])} holds no amount", bad
    first, last = bands[0], bands[-1]
    yield (
        first[0].minor != 0 or not first[1],
        f"{label(1)} must start at zero, included, {every}",
        bad,
    )
    cur = first[0].currency
    for i, (lower, *_) in enumerate(bands, start=1):
        code = lower.currency.code
        why = f"{label(i)} is in {code}, but band 1 is in {cur.code}; a table uses one currency"
        yield lower.currency != cur, why, mixed
    for i, (a, b) in enumerate(pairwise(bands), start=2):
        band, before, a_upper = label(i), label(i - 1), a[2]
        yield a_upper is None, f"{before} has no upper bound, so it must be the last", bad
        assert a_upper is not None  # the rule above holds
        yield (
            b[0] < a[0] or (b[0] == a[0] and not a[1]),
            f"{band} must come after {before}: bands ascend",
            bad,
        )
        yield (
            b[0] < a_upper or (b[0] == a_upper and a[3] and b[1]),
            f"{band} overlaps {before}",
            bad,
        )
        beyond = "" if b[0] == a_upper else f" (nor is anything up to {b[0]})"
        gap = (
            f"{band} leaves a gap: {a_upper} is in neither band {i - 1} nor band {i}{beyond}"
            "; exactly one of them must include it"
        )
        yield b[0] > a_upper or not (a[3] or b[1]), gap, bad
    yield (
        last[2] is not None,
        f"{label(len(bands))} must have no upper bound (upper=None), {every}",
        bad,
    )
