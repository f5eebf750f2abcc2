"""What the strategy modules of [`custpolicy.testing`][] share: argument checks, phone writings.

Private to the package: the names are public here so that its modules may import them, but
nothing outside [`custpolicy.testing`][] should. Every check raises
[`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] naming the argument, the value
and the strategy, as ``[testing.<strategy>]``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.money import Currency, currency
from custpolicy.foundation.validate import check_instance

__all__ = [
    "GRADES",
    "MOBILES",
    "WRITINGS",
    "check_currency",
    "check_int",
    "check_minor",
    "check_sizes",
    "check_strategy",
    "write_phone",
]


# -- argument checks ------------------------------------------------------------------------------


def check_int(
    value: object, argument: str, where: str, low: int | None = None, high: int | None = None
) -> int:
    """``value`` if it is an int (not a bool) from ``low`` to ``high`` (``None``: no bound)."""
    if (
        not isinstance(value, int)
        or value.__class__ is not int
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        upper = f" to {high}" if high is not None else ""
        lower = f" from {low}" if high is not None else f" of at least {low}"
        raise InvalidInputError(
            f"{argument} must be an int{lower if low is not None else ''}{upper}, got {value!r} "
            f"[testing.{where}]"
        )
    return value


def check_sizes(min_size: object, max_size: object, where: str, low: int = 0) -> tuple[int, int]:
    least = check_int(min_size, "min_size", where, low)
    return least, check_int(max_size, "max_size", where, least)


def check_minor(min_minor: object, max_minor: object, where: str) -> tuple[int, int]:
    top = check_int(max_minor, "max_minor", where)
    low = -abs(top) if min_minor is None else check_int(min_minor, "min_minor", where)
    if low > top:
        raise InvalidInputError(
            f"min_minor must not exceed max_minor, got {low} > {top} [testing.{where}]"
        )
    return low, top


def check_strategy(value: object, argument: str, where: str) -> SearchStrategy[Any]:
    expect = "a hypothesis strategy or None"
    return check_instance(value, argument, f"testing.{where}", SearchStrategy, expect=expect)


def check_currency(value: object, where: str) -> Currency:
    try:
        return currency(value)  # type: ignore[arg-type]
    except InvalidInputError as error:
        raise InvalidInputError(f"{error} [testing.{where}]") from None


GRADES: SearchStrategy[str | None] = st.sampled_from([None, "A", "B", "C"])

MOBILES = st.integers(min_value=13 * 10**9, max_value=2 * 10**10 - 1).map(str)

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_SEPARATORS = st.sampled_from([" ", "-", ""])
WRITINGS = st.tuples(
    _SEPARATORS,
    _SEPARATORS,
    st.sampled_from(["", "+86 ", "+86", "86", "0086 ", "+86-"]),
    st.booleans(),
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", " "]),
)
"""How a number is written: two separators, a prefix, full-width digits, surrounding space."""


def write_phone(normal: str, writing: tuple[str, str, str, bool, str, str]) -> str:
    first, second, prefix, full_width, before, after = writing
    text = f"{prefix}{normal[:3]}{first}{normal[3:7]}{second}{normal[7:]}"
    return before + (text.translate(_FULL_WIDTH) if full_width else text) + after
