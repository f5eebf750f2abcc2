"""The band-table check: how it names a band and why a table must cover every amount."""

from __future__ import annotations

import pytest

from custpolicy import InvalidInputError, Money
from custpolicy.foundation.bands import check_bands

ZERO, K, TWO_K = Money(0, "CNY"), Money(1000, "CNY"), Money(2000, "CNY")


def test_by_default_a_band_is_named_by_its_bounds_and_every_amount_falls_in_a_band() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"^band 1 \[CNY 1,000\.00, ∞\) must start at zero, included, so every amount "
        r"falls in a band \[P-3\]$",
    ):
        check_bands([(K, True, None, False)], "P-3")


def test_a_table_can_name_its_bands_and_its_reason_itself() -> None:
    def tier(i: int) -> str:
        return f"tier {i}"

    fee = "so every amount has a fee"
    with pytest.raises(
        InvalidInputError, match=r"^tier 1 must start at zero, included, so every amount has a fee"
    ):
        check_bands([(K, True, None, False)], "F-1", name=tier, every=fee)
    with pytest.raises(
        InvalidInputError,
        match=r"^tier 2 must have no upper bound \(upper=None\), so every amount has a fee "
        r"\[F-1\]$",
    ):
        check_bands([(ZERO, True, K, False), (K, True, TWO_K, False)], "F-1", name=tier, every=fee)
    with pytest.raises(InvalidInputError, match=r"^tier 2 overlaps tier 1 \[F-1\]$"):
        check_bands([(ZERO, True, K, True), (K, True, None, False)], "F-1", name=tier, every=fee)
    check_bands([(ZERO, True, K, False), (K, True, None, False)], "F-1", name=tier, every=fee)
