"""Strategies for the M rules' values: customers as the customer file holds them.

- [`customers`][custpolicy.testing.rules.customers.customers] (M-1.2 to M-1.7), with staff contacts
  drawn by [`staff_names`][custpolicy.testing.foundation.staff_names].
"""

from __future__ import annotations

import string
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.rules.customers import Category, Customer
from custpolicy.testing._common import check_int, check_strategy
from custpolicy.testing.foundation import china_dates, staff_names

__all__ = ["customers"]


def customers(
    *, dates: SearchStrategy[date] | None = None, max_contacts: int = 4
) -> SearchStrategy[Customer]:
    """One customer as the M rules see it: category, department, staff contacts, dates.

    Args:
        dates: a strategy of the registration and last-visit dates (each may also be ``None``);
            dates the China calendar covers by default.
        max_contacts: the most staff contacts (distinct, drawn with
            [`staff_names`][custpolicy.testing.foundation.staff_names]).

    Draw a list with distinct IDs with
    ``st.lists(customers(), unique_by=lambda c: c.id)``.

    Examples:
        >>> from hypothesis import find
        >>> find(customers(), lambda c: c.category is Category.KEY).contacts
        ()
    """
    most = check_int(max_contacts, "max_contacts", "customers", 0, 100)
    days = china_dates() if dates is None else check_strategy(dates, "dates", "customers")
    return st.builds(
        Customer,
        id=st.text(alphabet=string.ascii_uppercase + string.digits + "-", min_size=1, max_size=6),
        category=st.sampled_from(Category),
        department=st.sampled_from(["", "Sales 1", "Sales 2", "業務一部"]),
        contacts=st.lists(staff_names(), max_size=most, unique=True),
        registered_on=st.none() | days,
        last_visit=st.none() | days,
    )
