"""Amount bands: ranges of money with explicit bounds, checked for gaps and overlaps.

A table keyed by amount (the P-3 sanction table; the same idea as C-11's approval table) is a
sequence of bands. Each band says whether each of its bounds is included; ``upper=None`` means
no upper bound. :func:`check_bands` refuses a table that does not start at zero (included), that
leaves a gap or an overlap between two neighbouring bands, that mixes currencies, or whose last
band is bounded, so that every amount falls in exactly one band.

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

from collections.abc import Callable, Sequence
from itertools import pairwise

from custpolicy.foundation.clauses import Lang
from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError
from custpolicy.foundation.money import Money
from custpolicy.foundation.validate import check_lang

__all__ = ["Bounds", "band_contains", "band_label", "check_bands"]

Bounds = tuple[Money, bool, Money | None, bool]
"""A band's bounds: ``(lower, lower_inclusive, upper, upper_inclusive)``; ``upper=None``: none."""


def band_label(bounds: Bounds, lang: Lang = "en") -> str:
    """The bounds in interval notation, such as ``[CNY 0.00, CNY 1,000.00)``.

    In Chinese, in words, as Taiwan's rules write a range: 以上 includes the amount, 超過 and
    未滿 do not, and 至 includes the upper amount.

    Examples:
        >>> from custpolicy.foundation.money import Money
        >>> k, five_k = Money(1000, "CNY"), Money(5000, "CNY")
        >>> band_label((k, True, five_k, False)), band_label((k, True, five_k, False), "zh-Hant")
        ('[CNY 1,000.00, CNY 5,000.00)', 'CNY 1,000.00以上未滿CNY 5,000.00')
        >>> band_label((k, False, five_k, True), "zh-Hant")
        '超過CNY 1,000.00至CNY 5,000.00'
        >>> band_label((k, True, None, False), "zh-Hant")
        'CNY 1,000.00以上'
        >>> band_label((k, False, None, False), "zh-Hant")
        '超過CNY 1,000.00'
    """
    lower, lower_inclusive, upper, upper_inclusive = bounds
    if check_lang(lang, "band_label") == "en":
        left = "[" if lower_inclusive else "("
        right = "]" if upper_inclusive else ")"
        return f"{left}{lower}, {'∞' if upper is None else upper}{right}"
    if upper is None:
        return f"{lower}以上" if lower_inclusive else f"超過{lower}"
    start = f"{lower}" if lower_inclusive else f"超過{lower}"
    if upper_inclusive:
        return f"{start}至{upper}"
    return f"{start}以上未滿{upper}" if lower_inclusive else f"{start}未滿{upper}"


def band_contains(bounds: Bounds, amount: Money) -> bool:
    """Whether ``amount`` (in the band's currency) falls in the band."""
    lower, lower_inclusive, upper, upper_inclusive = bounds
    above = amount >= lower if lower_inclusive else amount > lower
    if upper is None or not above:
        return above
    return amount <= upper if upper_inclusive else amount < upper


def _check_band(i: int, bounds: Bounds, where: str) -> None:
    lower, lower_inclusive, upper, upper_inclusive = bounds
    if upper is None:
        if upper_inclusive:
            raise _refuse(
                f"band {i}: upper_inclusive must be False when upper is None (no upper bound)",
                where,
            )
        return
    if upper.currency != lower.currency:
        raise _refuse(
            f"band {i}: lower and upper must share one currency, got {lower!r} and {upper!r}",
            where,
            CurrencyMismatchError,
        )
    if upper < lower or (upper == lower and not (lower_inclusive and upper_inclusive)):
        raise _refuse(f"band {i} {band_label(bounds)} holds no amount", where)


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
    if not bands:
        raise _refuse("a table must hold at least one band, got none", where)
    for i, bounds in enumerate(bands, start=1):
        _check_band(i, bounds, where)
    label = name or (lambda i: f"band {i} {band_label(bands[i - 1])}")
    first, last = bands[0], bands[-1]
    if first[0].minor != 0 or not first[1]:
        raise _refuse(f"{label(1)} must start at zero, included, {every}", where)
    cur = first[0].currency
    for i, bounds in enumerate(bands, start=1):
        if bounds[0].currency != cur:
            raise _refuse(
                f"{label(i)} is in {bounds[0].currency.code}, but band 1 is in "
                f"{cur.code}; a table uses one currency",
                where,
                CurrencyMismatchError,
            )
    for i, (a, b) in enumerate(pairwise(bands), start=2):
        band, before, a_upper = label(i), label(i - 1), a[2]
        if a_upper is None:
            raise _refuse(f"{before} has no upper bound, so it must be the last", where)
        if b[0] < a[0] or (b[0] == a[0] and not a[1]):
            raise _refuse(f"{band} must come after {before}: bands ascend", where)
        if b[0] < a_upper or (b[0] == a_upper and a[3] and b[1]):
            raise _refuse(f"{band} overlaps {before}", where)
        if b[0] > a_upper or not (a[3] or b[1]):
            beyond = "" if b[0] == a_upper else f" (nor is anything up to {b[0]})"
            raise _refuse(
                f"{band} leaves a gap: {a_upper} is in neither band {i - 1} nor band {i}{beyond}"
                "; exactly one of them must include it",
                where,
            )
    if last[2] is not None:
        raise _refuse(f"{label(len(bands))} must have no upper bound (upper=None), {every}", where)
