"""Strategies for the C and R rules' values: case numbers, approval tables, forms, receivables.

- Complaints: [`case_numbers`][custpolicy.testing.rules.complaints.case_numbers] (C-8),
  [`complaint_cases`][custpolicy.testing.rules.complaints.complaint_cases] (C-8, C-10.2, C-12.1),
  [`approval_tables`][custpolicy.testing.rules.complaints.approval_tables] (C-11),
  [`complaint_forms`][custpolicy.testing.rules.complaints.complaint_forms].
- Returns: [`receivables`][custpolicy.testing.rules.complaints.receivables] (R-2.3); pair them with
  [`complaint_forms`][custpolicy.testing.rules.complaints.complaint_forms] of the same parts and
  customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.foundation.money import CNY, Currency, Money
from custpolicy.foundation.validate import refuse
from custpolicy.rules.complaints import (
    ApprovalBand,
    ApprovalTable,
    Approver,
    CaseNumber,
    CaseStep,
    ComplaintCase,
    ComplaintForm,
)
from custpolicy.rules.complaints.returns import Receivable
from custpolicy.testing._common import check_currency, check_int

__all__ = [
    "approval_tables",
    "case_numbers",
    "complaint_cases",
    "complaint_forms",
    "receivables",
]


def case_numbers(*, width: int | None = None, max_width: int = 4) -> SearchStrategy[CaseNumber]:
    """Complaint case numbers of 2000-2099, any month, any serial that fits the width.

    Args:
        width: the serial width (1 to 9); pass ``policy.complaints.serial_width`` for numbers
            that [`parse`][custpolicy.rules.complaints.CaseNumber.parse] reads back with that
            policy. By default each number draws a width from 1 to ``max_width``.
        max_width: the widest serial drawn when ``width`` is not given.

    Examples:
        >>> from hypothesis import find
        >>> number = find(case_numbers(width=2), lambda n: n.month == 12)
        >>> str(number), CaseNumber.parse(str(number)) == number
        ('001201', True)
    """
    where = "case_numbers"
    if width is not None:
        return _case_numbers(check_int(width, "width", where, 1, 9))
    widest = check_int(max_width, "max_width", where, 1, 9)
    return st.one_of([_case_numbers(w) for w in range(1, widest + 1)])


def _case_numbers(width: int) -> SearchStrategy[CaseNumber]:
    return st.builds(
        CaseNumber,
        st.integers(min_value=2000, max_value=2099),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=1, max_value=10**width - 1),
        st.just(width),
    )


_STEP_NAMES = ("registration", "qa_analysis", "countermeasure", "opinion")


def complaint_cases() -> SearchStrategy[ComplaintCase]:
    """Complaint cases of 2000-2099: a [`case_numbers`][] number, its acceptance, its steps.

    The case is accepted in its number's month (C-8), by a domestic or foreign customer, and
    closed (or not yet) up to 60 days later; up to four steps named as
    ``complaints.step_limit_days`` names them (C-10.2), each started on or after acceptance and
    finished (or not yet) within 20 days; sanctioned or not (C-12.1).

    Examples:
        >>> from hypothesis import find
        >>> case = find(complaint_cases(), lambda c: len(c.steps) == 2 and c.closed)
        >>> case.number.period == (case.accepted.year, case.accepted.month)
        True
    """
    return _complaint_cases()


_LATER = st.integers(min_value=0, max_value=20)


@st.composite
def _complaint_cases(draw: st.DrawFn) -> ComplaintCase:
    number = draw(case_numbers())
    day = draw(st.integers(min_value=1, max_value=28))
    accepted = date(number.year, number.month, day)
    closed = draw(st.none() | _LATER.map(lambda n: accepted + timedelta(days=3 * n)))
    steps = []
    for name in draw(st.lists(st.sampled_from(_STEP_NAMES), unique=True, max_size=4)):
        started = accepted + timedelta(days=draw(_LATER))
        took = draw(st.none() | _LATER)
        finished = None if took is None else started + timedelta(days=took)
        steps.append(CaseStep(name, started, finished))
    return ComplaintCase(
        number,
        accepted,
        draw(st.sampled_from(["domestic", "foreign"])),
        closed=closed,
        steps=tuple(steps),
        sanctioned=draw(st.booleans()),
    )


def approval_tables(
    *, currency: Currency | str = CNY, max_minor: int = 10**8
) -> SearchStrategy[ApprovalTable]:
    """Valid approval tables: 1 to 3 roles in ascending authority, cut points up to ``max_minor``.

    Either side of each cut may include it (exactly one does); a first band may hold the single
    amount zero, [0, 0]. Every table passes the checks of
    [`ApprovalTable`][custpolicy.rules.complaints.ApprovalTable].

    Examples:
        >>> from hypothesis import find
        >>> table = find(approval_tables(), lambda t: len(t.bands) == 2)
        >>> [band.label() for band in table.bands]
        ['sales manager [CNY 0.00, CNY 0.00]', 'vice general manager (CNY 0.00, ∞)']
    """
    where = "approval_tables"
    cur = check_currency(currency, where)
    return _approval_tables(cur, check_int(max_minor, "max_minor", where, 2))


@st.composite
def _approval_tables(draw: st.DrawFn, cur: Currency, max_minor: int) -> ApprovalTable:
    roles = sorted(
        draw(st.lists(st.sampled_from(Approver), min_size=1, max_size=3, unique=True)),
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
    lower, lower_inclusive = Money.zero(cur), True
    for role, cut in zip(roles, cuts, strict=False):
        upper = Money.from_minor(cut, cur)
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
    last = ApprovalBand(
        role=roles[-1],
        lower=lower,
        lower_inclusive=lower_inclusive,
        upper=None,
        upper_inclusive=False,
    )
    return ApprovalTable((*bands, last))


def _names(value: object, argument: str, what: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = list(value)
    if not (
        isinstance(value, Sequence)
        and value
        and all(isinstance(p, str) and p.strip() for p in value)
    ):
        expect = f"a non-empty sequence of {what} (non-empty str)"
        raise refuse(argument, expect, value, f"testing.{where}")
    return tuple(value)


def receivables(
    *,
    parts: Sequence[str] = "ABCDE",
    customers: Sequence[str] = ("Acme", "Beta"),
    currency: Currency | str = CNY,
    max_minor: int = 10**8,
    max_size: int = 8,
) -> SearchStrategy[list[Receivable]]:
    """A salesperson's receivables: customers and part numbers from the lists, collected <= due.

    Examples:
        >>> from hypothesis import find
        >>> find(receivables(), lambda r: len(r) == 1)
        [Receivable(part_number='A', amount=Money('0.00', 'CNY'), collected=Money('0.00', 'CNY'), \
reference='', customer='Acme')]
    """
    where = "receivables"
    part_names = _names(parts, "parts", "part numbers", where)
    customer_names = _names(customers, "customers", "customer names", where)
    cur = check_currency(currency, where)
    top = check_int(max_minor, "max_minor", where, 0)
    most = check_int(max_size, "max_size", where, 0)
    row = st.tuples(
        st.sampled_from(customer_names),
        st.sampled_from(part_names),
        st.integers(min_value=0, max_value=top),
        st.integers(min_value=0, max_value=100),  # the percentage collected
    )
    return st.lists(row, max_size=most).map(
        lambda rows: [
            Receivable(
                part,
                Money.from_minor(due, cur),
                Money.from_minor(due * share // 100, cur),
                customer=customer,
            )
            for customer, part, due, share in rows
        ]
    )


def complaint_forms(
    *,
    parts: Sequence[str] = "ABCDE",
    customers: Sequence[str] = ("Acme", "Beta"),
    max_size: int = 6,
) -> SearchStrategy[list[ComplaintForm]]:
    """Complaint forms naming a customer and a part number, upheld, not upheld or undecided.

    Pair them with [`receivables`][custpolicy.testing.rules.complaints.receivables] of the same
    ``parts`` and ``customers`` to test R-2.3.

    Examples:
        >>> from hypothesis import find
        >>> find(complaint_forms(), lambda f: len(f) == 1)
        [ComplaintForm(customer='Acme', order_number=None, part_number='A', delivered=None, \
quantity=None, defective=None, request=None, requested_quantity=None, upheld=None)]
    """
    where = "complaint_forms"
    part_names = _names(parts, "parts", "part numbers", where)
    customer_names = _names(customers, "customers", "customer names", where)
    most = check_int(max_size, "max_size", where, 0)
    form = st.builds(
        lambda customer, part, upheld: ComplaintForm(
            customer=customer, part_number=part, upheld=upheld
        ),
        st.sampled_from(customer_names),
        st.sampled_from(part_names),
        st.sampled_from((None, True, False)),
    )
    return st.lists(form, max_size=most)
