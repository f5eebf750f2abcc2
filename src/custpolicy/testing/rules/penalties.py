"""Strategies for the P rules' values: complaint losses (P-2) and penalty accounts (P-E3.4).

- Losses: [`persons`][custpolicy.testing.rules.penalties.persons],
  [`units`][custpolicy.testing.rules.penalties.units],
  [`responsibilities`][custpolicy.testing.rules.penalties.responsibilities].
- Penalties: [`penalty_accounts`][custpolicy.testing.rules.penalties.penalty_accounts],
  [`month_closes`][custpolicy.testing.rules.penalties.month_closes].
"""

from __future__ import annotations

import string
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.money import CNY, Currency, Money
from custpolicy.rules.losses import Person, Unit, UnitKind
from custpolicy.rules.penalties import (
    Fine,
    MonthClose,
    OpenCase,
    PenaltyAccount,
    Sanction,
    check_fine,
)
from custpolicy.testing._common import check_currency, check_int
from custpolicy.testing.foundation import exact_numbers, weights

__all__ = ["month_closes", "penalty_accounts", "persons", "responsibilities", "units"]


_MEMBER_NAMES = st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=2)


def persons() -> SearchStrategy[Person]:
    """People charged individually, with short names.

    Examples:
        >>> from hypothesis import find
        >>> find(persons(), lambda p: len(p.name) == 2)
        Person(name='AA')
    """
    return st.builds(Person, _MEMBER_NAMES)


def units(name: str | None = None, *, max_members: int = 6) -> SearchStrategy[Unit]:
    """Teams, sections and departments with 1 to ``max_members`` members.

    Base points are ints or Decimals (one place) from 0 to 40, never all zero.

    Args:
        name: the unit's name; drawn by default.
        max_members: the most members.

    Examples:
        >>> from hypothesis import find
        >>> unit = find(units("Team A"), lambda u: len(u.members) == 2)
        >>> unit.name, len(unit.members), unit.total_points
        ('Team A', 2, 1)
    """
    where = "units"
    if name is not None and not (isinstance(name, str) and name.strip()):
        raise InvalidInputError(
            f"name must be a non-empty str or None, got {name!r} [testing.{where}]"
        )
    most = check_int(max_members, "max_members", where, 1)
    points = weights(_MEMBER_NAMES, max_value=40, places=1, max_size=most)
    names = st.text(alphabet="xyz", min_size=1, max_size=3) if name is None else st.just(name)
    return st.builds(Unit, names, st.sampled_from(UnitKind), points)


def responsibilities(*, max_parties: int = 4) -> SearchStrategy[dict[Person | Unit, Decimal | int]]:
    """Responsible parties (persons and units, distinct names) and their ratios, not all zero.

    What [`apportion`][custpolicy.rules.losses.apportion] takes: 1 to ``max_parties`` parties (at
    most 8), ratios as [`exact_numbers`][custpolicy.testing.foundation.exact_numbers] draws them.

    Examples:
        >>> from hypothesis import find
        >>> find(responsibilities(), lambda r: True)
        {Person(name='P'): 1}
    """
    most = check_int(max_parties, "max_parties", "responsibilities", 1, 8)
    return _responsibilities(st.lists(_PARTY_NAMES, min_size=1, max_size=most, unique=True))


_PARTY_NAMES = st.sampled_from("PQRSTUVW")
_UNIT_BODIES = st.none() | st.tuples(
    st.sampled_from(UnitKind), weights(_MEMBER_NAMES, max_value=40, places=1, max_size=6)
)
"""A person (``None``) or a unit's kind and base points."""
_NUMBERS = exact_numbers()


@st.composite
def _responsibilities(
    draw: st.DrawFn, names: SearchStrategy[list[str]]
) -> dict[Person | Unit, Decimal | int]:
    responsibility: dict[Person | Unit, Decimal | int] = {}
    for name in draw(names):
        body = draw(_UNIT_BODIES)
        party = Person(name) if body is None else Unit(name, *body)
        responsibility[party] = draw(_NUMBERS)
    if not any(responsibility.values()):
        responsibility[next(iter(responsibility))] = 1
    return responsibility


_CASE_IDS = st.text(alphabet=string.digits + "abc", min_size=1, max_size=6)


def penalty_accounts(
    *, currency: Currency | str = CNY, max_open_cases: int = 4, max_minor: int = 10**7
) -> SearchStrategy[PenaltyAccount]:
    """Penalty accounts part-way through their life, as P-E3.4 leaves them.

    The next month to close falls in 2000-2099. Each open case was imposed in one of the 24
    months before it, for 1 to ``max_minor`` minor units of ``currency``; the cases are listed
    oldest first (by month imposed, then case identifier) and, as deductions take the oldest
    case first, only the first may be partly deducted; any other may still be held back for
    want of an approved notice (C-12.2). The month before the next is the account's last closed
    month. Charges already deducted in full (up to ``max_minor``) count in ``imposed`` and
    ``deducted``, so ``imposed = deducted + outstanding``.

    Examples:
        >>> from hypothesis import find
        >>> account = find(penalty_accounts(), lambda a: len(a.open_cases) == 2)
        >>> len(account.open_cases), account.imposed == account.deducted + account.outstanding
        (2, True)
        >>> account.close_month(account.year, account.month, Money("0.04", "CNY")).deducted
        Money('0.02', 'CNY')
    """
    where = "penalty_accounts"
    cur = check_currency(currency, where)
    most = check_int(max_open_cases, "max_open_cases", where, 0)
    top = check_int(max_minor, "max_minor", where, 1)
    amounts = st.integers(min_value=1, max_value=top)
    rows = st.lists(
        st.tuples(st.integers(min_value=1, max_value=24), _CASE_IDS, amounts),
        max_size=most,
        unique_by=lambda row: row[1],
    )
    return _penalty_accounts(cur, rows, st.integers(min_value=0, max_value=top))


@st.composite
def _penalty_accounts(
    draw: st.DrawFn,
    cur: Currency,
    open_rows: SearchStrategy[list[tuple[int, str, int]]],
    settled_amounts: SearchStrategy[int],
) -> PenaltyAccount:
    year = draw(st.integers(min_value=2000, max_value=2099))
    month = draw(st.integers(min_value=1, max_value=12))
    now = 12 * year + month - 1
    # (months ago, case, amount): oldest first, then by case identifier
    rows = sorted(draw(open_rows), key=lambda row: (-row[0], row[1]))
    taken = draw(_ANY_INT) % rows[0][2] if rows else 0  # part of the oldest case deducted
    cases = []
    for index, (ago, case, amount) in enumerate(rows):
        imposed_year, imposed_month = divmod(now - ago, 12)
        outstanding = amount - taken if index == 0 else amount
        held = index > 0 and draw(st.booleans())
        cases.append(
            OpenCase(
                case,
                imposed_year,
                imposed_month + 1,
                Money.from_minor(amount, cur),
                Money.from_minor(outstanding, cur),
                not held,
            )
        )
    settled = draw(settled_amounts)  # charges deducted in full before
    imposed = settled + sum(amount for _, _, amount in rows)
    return PenaltyAccount(
        draw(_MEMBER_NAMES),
        year,
        month,
        tuple(cases),
        Money.from_minor(imposed, cur),
        Money.from_minor(settled + taken, cur),
        ((year - 1, 12) if month == 1 else (year, month - 1)),
    )


_ANY_INT = st.integers(min_value=0, max_value=2**63)


def month_closes(*, max_minor: int = 10**7) -> SearchStrategy[MonthClose]:
    """Months of [`penalty_accounts`][] (in CNY) closed as P-E3.4 and C-12.2 close them.

    Each close takes a bonus of up to ``max_minor`` fen, up to two new cases, the approval of
    some of the held-back and new cases, up to two P-5 fines (a warning or a minor demerit at its
    minimum under the default policy) and, sometimes, the wage and minimum wage of the
    statutory check.

    Examples:
        >>> from hypothesis import find
        >>> closed = find(month_closes(), lambda m: m.statutory is not None and m.fine_items)
        >>> closed.account.last_closed == (closed.year, closed.month)
        True
    """
    top = check_int(max_minor, "max_minor", "month_closes", 1)
    return _month_closes(top)


_FINES = st.lists(
    st.sampled_from([Sanction.WARNING, Sanction.MINOR_DEMERIT]).map(lambda s: check_fine(s)),
    max_size=2,
)


@st.composite
def _month_closes(draw: st.DrawFn, top: int) -> MonthClose:
    account = draw(penalty_accounts(max_minor=top))
    amounts = st.integers(min_value=1, max_value=top).map(lambda m: Money.from_minor(m, CNY))
    charges = draw(st.dictionaries(st.sampled_from(["new-1", "new-2"]), amounts, max_size=2))
    waiting = [c.case for c in account.open_cases if not c.approved] + sorted(charges)
    approved = draw(st.lists(st.sampled_from(waiting), unique=True)) if waiting else []
    fines: list[Fine] = draw(_FINES)
    wage = minimum = None
    if draw(st.booleans()):
        wage = draw(amounts)
        minimum = Money.from_minor(draw(st.integers(min_value=0, max_value=wage.minor)), CNY)
    return account.close_month(
        account.year,
        account.month,
        Money.from_minor(draw(st.integers(min_value=0, max_value=top)), CNY),
        charges=charges,
        approved=approved,
        fines=fines,
        wage=wage,
        minimum_wage=minimum,
    )
