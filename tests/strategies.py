"""Hypothesis strategies that only the tests use.

The strategies for the library's value types are public, in :mod:`custpolicy.testing`, and the
tests import them from there; this module keeps the few that fit only particular tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from custpolicy import Money
from custpolicy.testing import china_dates, exact_numbers, money, ratios

# -- B: gas billing (issue 4) ------------------------------------------------------------------

billing_dates = china_dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31))
"""Dates well inside the China calendar, so the art. 203 roll always has data."""


# -- P: complaint losses and penalties (issue 5) -------------------------------------------------


@st.composite
def month_plans(draw: st.DrawFn) -> list[tuple[Money, dict[str, Money]]]:
    """1-8 months of (bonus, new complaint charges by case); case identifiers never repeat."""
    months = draw(st.integers(min_value=1, max_value=8))
    plan = []
    for index in range(months):
        bonus = draw(money(max_minor=10**6, min_minor=0))
        cases = draw(st.lists(st.sampled_from("abcdef"), max_size=4, unique=True))
        charges = {
            f"{index:02d}{case}": draw(money(max_minor=2 * 10**6, min_minor=0)) for case in cases
        }
        plan.append((bonus, charges))
    return plan


# -- C and R: complaint handling and returns (issue 6) -------------------------------------------

return_quantities: st.SearchStrategy[int | Decimal] = exact_numbers(max_value=10**6, places=3)
"""Returned quantities: whole pieces or measured amounts with up to three decimals."""

over_acceptance_ratios: st.SearchStrategy[Decimal] = ratios(max_value=2, places=4)
