"""Hypothesis strategies for the library's value types, shared by the tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from custpolicy import CNY, Currency, Money

currencies = st.sampled_from([CNY, Currency("JPY", 0), Currency("TWD", 2), Currency("BHD", 3)])


def money(
    currency: Currency = CNY, *, max_minor: int = 10**15, min_minor: int | None = None
) -> st.SearchStrategy[Money]:
    """Amounts of ``currency`` between ``min_minor`` (default ``-max_minor``) and ``max_minor``."""
    low = -max_minor if min_minor is None else min_minor
    return st.integers(min_value=low, max_value=max_minor).map(
        lambda minor: Money.from_minor(minor, currency)
    )


weight_values: st.SearchStrategy[Decimal | int] = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=10**4, places=3, allow_nan=False, allow_infinity=False),
)

party_keys = st.text(alphabet="abcdefgh", min_size=1, max_size=3)

weights: st.SearchStrategy[dict[str, Decimal | int]] = st.dictionaries(
    party_keys, weight_values, min_size=1, max_size=12
).filter(lambda w: any(w.values()))
"""Non-empty party weights, int or Decimal, not all zero."""
