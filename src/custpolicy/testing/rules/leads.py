"""Strategies for the L rules' values: leads as collected at an event, and batches for intake.

- [`leads`][custpolicy.testing.rules.leads.leads],
  [`lead_batches`][custpolicy.testing.rules.leads.lead_batches] (L-2.1). The staff, the fair split's
  items and the phone numbers are in [`custpolicy.testing.foundation`][], as the fair split and the
  phone form are in the foundation.
"""

from __future__ import annotations

import string
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.rules.leads import Lead
from custpolicy.testing._common import GRADES, MOBILES, WRITINGS, check_int, write_phone

__all__ = ["lead_batches", "leads"]


_PERSON_NAMES = st.sampled_from(["陳", "林", "王小明", "李 娜", "Chen", "Lin Wei", "Ｗａｎｇ", ""])
_LEAD_IDS = st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=6)


def leads() -> SearchStrategy[Lead]:
    """One lead as collected at an event: an ID, a name, a phone written down any way, a grade.

    The phone is a mobile number written as
    [`written_phones`][custpolicy.testing.foundation.written_phones] draws it, or blank (a lead
    without a usable number); the grade is ``None``, "A", "B" or "C".

    Examples:
        >>> from hypothesis import find
        >>> find(leads(), lambda lead: lead.grade is not None)
        Lead(id='0', name='陳', phone='', grade='A')
    """
    phones = st.just("") | st.builds(write_phone, MOBILES, WRITINGS)
    return st.builds(Lead, _LEAD_IDS, _PERSON_NAMES, phones, GRADES)


def lead_batches(*, max_size: int = 20) -> SearchStrategy[list[Lead]]:
    """A batch of leads with distinct IDs, some repeating another's phone number, for intake.

    The phone numbers come from a pool of up to five, each written any way
    ([`written_phones`][custpolicy.testing.foundation.written_phones]), so
    [`process_leads`][custpolicy.rules.leads.process_leads] finds duplicates.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.leads import process_leads
        >>> batch = find(lead_batches(), lambda b: len(b) == 2 and b[0].phone == b[1].phone != "")
        >>> intake = process_leads(batch, department="Sales 1", head="Zhou")
        >>> len(intake.accepted), len(intake.duplicates)
        (1, 1)
    """
    most = check_int(max_size, "max_size", "lead_batches", 0)
    rows = st.lists(st.tuples(_POOL_INDEXES, _MAYBE_WRITINGS, _PERSON_NAMES, GRADES), max_size=most)
    return _lead_batches(rows)


@st.composite
def _lead_batches(draw: st.DrawFn, rows: SearchStrategy[list[Any]]) -> list[Lead]:
    pool = draw(_POOLS)
    return [
        Lead(
            f"L{i}",
            name,
            "" if writing is None else write_phone(pool[n % len(pool)], writing),
            grade,
        )
        for i, (n, writing, name, grade) in enumerate(draw(rows))
    ]


_POOLS = st.lists(MOBILES, min_size=1, max_size=5, unique=True)
_POOL_INDEXES = st.integers(min_value=0, max_value=4)
_MAYBE_WRITINGS = st.none() | WRITINGS
