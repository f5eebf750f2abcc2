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


# -- L and M: leads, fair splits and customers (issue 3) -----------------------------------------

staff_ids = st.text(alphabet="ABCDEFGHJK", min_size=1, max_size=3)

participant_lists: st.SearchStrategy[list[str]] = st.lists(
    staff_ids, min_size=1, max_size=9, unique=True
)
"""Distinct participants, in any order."""

grades: st.SearchStrategy[str | None] = st.sampled_from([None, "A", "B", "C"])


def split_items(max_size: int = 60) -> st.SearchStrategy[list[tuple[str, str | None]]]:
    """(key, grade) pairs with distinct keys, as a fair split takes them."""
    return st.lists(
        st.tuples(st.text(alphabet="0123456789abcdef", min_size=1, max_size=4), grades),
        max_size=max_size,
        unique_by=lambda item: item[0],
    )


phone_digits = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
"""Mainland mobile numbers, in their normal form."""

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def written_phones(draw: st.DrawFn, normal: str) -> str:
    """A way a person might write the mobile number ``normal`` on a form."""
    separators = st.sampled_from([" ", "-", ""])
    text = f"{normal[:3]}{draw(separators)}{normal[3:7]}{draw(separators)}{normal[7:]}"
    prefix = draw(st.sampled_from(["", "+86 ", "+86", "86", "0086 ", "+86-"]))
    text = prefix + text
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return draw(st.sampled_from(["", " ", "\t"])) + text + draw(st.sampled_from(["", " "]))


# -- B: gas billing (issue 4) ------------------------------------------------------------------

from datetime import date, timedelta  # noqa: E402

from custpolicy.billing import AccountState, Payment, SettlementSheet, UserClass  # noqa: E402

user_classes = st.sampled_from(list(UserClass))

billing_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31))
"""Dates well inside the China calendar, so the art. 203 roll always has data."""


@st.composite
def payments(
    draw: st.DrawFn, delivered: date, *, max_minor: int = 10**6, max_size: int = 4
) -> tuple[Payment, ...]:
    """Payments from 5 days before ``delivered`` to 40 days after it, in CNY."""
    return tuple(
        Payment(delivered + timedelta(days=offset), Money.from_minor(minor, CNY))
        for offset, minor in draw(
            st.lists(
                st.tuples(
                    st.integers(min_value=-5, max_value=40),
                    st.integers(min_value=1, max_value=max_minor),
                ),
                max_size=max_size,
            )
        )
    )


@st.composite
def account_states(
    draw: st.DrawFn, *, with_payments: bool = True, payment_days: int = 7
) -> AccountState:
    """A bill in CNY with payments, and notices dated in the order B-7 and B-8 allow.

    The notice dates assume the default periods without the art. 203 roll: the notice comes
    after delivery + ``payment_days``, the arrears notice at least 3 days after the notice.
    """
    delivered = draw(billing_dates)
    billed = Money.from_minor(draw(st.integers(min_value=0, max_value=10**6)), CNY)
    paid = draw(payments(delivered)) if with_payments else ()
    notified = arrears = None
    if draw(st.booleans()):
        notified = delivered + timedelta(days=payment_days + draw(st.integers(1, 10)))
        if draw(st.booleans()):
            arrears = notified + timedelta(days=3 + draw(st.integers(0, 10)))
    key = draw(st.text(alphabet="ABC0123456789-", min_size=1, max_size=6))
    return AccountState(key, delivered, billed, paid, notified, arrears)


@st.composite
def settlement_sheets(
    draw: st.DrawFn, year: int = 2024, month: int = 2, *, max_size: int = 12
) -> list[SettlementSheet]:
    """Distinct settlement sheets read in one month (February 2024, a leap month, by default)."""
    first = date(year, month, 1)
    length = ((first + timedelta(days=32)).replace(day=1) - first).days
    rows = draw(
        st.lists(
            st.tuples(
                user_classes,
                st.integers(min_value=0, max_value=length - 1),
                st.decimals(min_value=0, max_value=10**5, places=3),
                st.integers(min_value=0, max_value=10**7),
            ),
            max_size=max_size,
        )
    )
    return [
        SettlementSheet(
            f"S-{i}",
            f"A-{i}",
            kind,
            first + timedelta(days=day),
            volume,
            Money.from_minor(minor, CNY),
        )
        for i, (kind, day, volume, minor) in enumerate(rows)
    ]


# -- P: complaint losses and penalties (issue 5) -------------------------------------------------

from custpolicy.losses import Person, Unit, UnitKind  # noqa: E402

member_names = st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=2)

base_point_values: st.SearchStrategy[Decimal | int] = st.one_of(
    st.integers(min_value=0, max_value=40),
    st.decimals(min_value=0, max_value=40, places=1, allow_nan=False, allow_infinity=False),
)


@st.composite
def units(draw: st.DrawFn, name: str | None = None) -> Unit:
    """A team, section or department with 1-6 members, base points not all zero."""
    points = draw(
        st.dictionaries(member_names, base_point_values, min_size=1, max_size=6).filter(
            lambda p: any(p.values())
        )
    )
    unit_name = name if name is not None else draw(st.text(alphabet="xyz", min_size=1, max_size=3))
    return Unit(unit_name, draw(st.sampled_from(UnitKind)), points)


@st.composite
def responsibilities(draw: st.DrawFn) -> dict[Person | Unit, Decimal | int]:
    """1-4 parties (units and persons with distinct names) and ratios, not all zero."""
    names = draw(st.lists(st.sampled_from("PQRSTUVW"), min_size=1, max_size=4, unique=True))
    parties: list[Person | Unit] = [
        draw(st.one_of(st.just(Person(n)), units(name=n))) for n in names
    ]
    ratios = draw(st.lists(weight_values, min_size=len(parties), max_size=len(parties)))
    if not any(ratios):
        ratios[0] = 1
    return dict(zip(parties, ratios, strict=True))


# -- C and R: complaint handling and returns (issue 6) -------------------------------------------

from custpolicy.complaints import ApprovalBand, ApprovalTable, Approver, CaseNumber  # noqa: E402
from custpolicy.returns import Receivable  # noqa: E402


@st.composite
def case_numbers(draw: st.DrawFn, *, max_width: int = 4) -> CaseNumber:
    """A case number of 2000-2099 with a serial width from 1 to ``max_width``."""
    width = draw(st.integers(min_value=1, max_value=max_width))
    return CaseNumber(
        draw(st.integers(min_value=2000, max_value=2099)),
        draw(st.integers(min_value=1, max_value=12)),
        draw(st.integers(min_value=1, max_value=10**width - 1)),
        width,
    )


@st.composite
def approval_tables(draw: st.DrawFn, *, max_minor: int = 10**8) -> ApprovalTable:
    """A valid CNY approval table: 1-3 roles in ascending order, cut points with either side
    including the cut (or a single-amount first band, [0, 0])."""
    roles = sorted(
        draw(st.lists(st.sampled_from(list(Approver)), min_size=1, max_size=3, unique=True)),
        key=lambda r: r.value,
    )
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=0, max_value=max_minor),
                min_size=len(roles) - 1,
                max_size=len(roles) - 1,
                unique=True,
            )
        )
    )
    bands: list[ApprovalBand] = []
    lower, lower_inclusive = Money.zero(CNY), True
    for role, cut in zip(roles, cuts, strict=False):
        upper = Money.from_minor(cut, CNY)
        # a band that ends where it starts must include both ends
        upper_inclusive = True if upper == lower else draw(st.booleans())
        bands.append(
            ApprovalBand(
                role=role,
                lower=lower,
                lower_inclusive=lower_inclusive,
                upper=upper,
                upper_inclusive=upper_inclusive,
            )
        )
        lower, lower_inclusive = upper, not upper_inclusive
    bands.append(
        ApprovalBand(
            role=roles[-1],
            lower=lower,
            lower_inclusive=lower_inclusive,
            upper=None,
            upper_inclusive=False,
        )
    )
    return ApprovalTable(tuple(bands))


return_quantities: st.SearchStrategy[int | Decimal] = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
)
"""Returned quantities: whole pieces or measured amounts with up to three decimals."""

over_acceptance_ratios: st.SearchStrategy[Decimal] = st.decimals(
    min_value=0, max_value=2, places=4, allow_nan=False, allow_infinity=False
)


@st.composite
def receivables(draw: st.DrawFn, *, parts: str = "ABCDE", max_size: int = 8) -> list[Receivable]:
    """CNY receivables of part numbers drawn from ``parts``, collected no more than due."""
    rows = []
    for part, due, share in draw(
        st.lists(
            st.tuples(
                st.sampled_from(parts),
                st.integers(min_value=0, max_value=10**8),
                st.integers(min_value=0, max_value=100),
            ),
            max_size=max_size,
        )
    ):
        collected = due * share // 100
        rows.append(Receivable(part, Money.from_minor(due, CNY), Money.from_minor(collected, CNY)))
    return rows


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
