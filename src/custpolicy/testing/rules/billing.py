"""Strategies for the B rules' values: gas users, payments, accounts, settlement sheets.

- [`user_classes`][custpolicy.testing.rules.billing.user_classes] (B-4),
  [`payments`][custpolicy.testing.rules.billing.payments] (B-6),
  [`account_states`][custpolicy.testing.rules.billing.account_states] (B-7, B-8),
  [`dunnings`][custpolicy.testing.rules.billing.dunnings] (B-7, B-8),
  [`settlement_sheets`][custpolicy.testing.rules.billing.settlement_sheets] (B-5).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import B_8
from custpolicy.foundation.deadlines import calendar_deadline
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.money import CNY, Currency, Money
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.validate import check_bool, check_calendar, check_date, check_instance
from custpolicy.foundation.workdays import WorkCalendar
from custpolicy.rules.billing import (
    AccountState,
    Dunning,
    Payment,
    SettlementSheet,
    UserClass,
    dunning,
    payment_deadline,
)
from custpolicy.testing._common import check_currency, check_int, check_strategy
from custpolicy.testing.foundation import dates_in

__all__ = ["account_states", "dunnings", "payments", "settlement_sheets", "user_classes"]


def user_classes() -> SearchStrategy[UserClass]:
    """The three kinds of gas user: public-welfare, commercial, residential.

    Examples:
        >>> from hypothesis import find
        >>> find(user_classes(), lambda c: c is not UserClass.PUBLIC_WELFARE)
        UserClass.COMMERCIAL
    """
    return st.sampled_from(UserClass)


def payments(
    delivered: date, *, currency: Currency | str = CNY, max_minor: int = 10**6, max_size: int = 4
) -> SearchStrategy[tuple[Payment, ...]]:
    """Payments towards a settlement sheet delivered on ``delivered``, in any order.

    Each is dated from 5 days before delivery (paid in advance) to 40 days after it, for 1 to
    ``max_minor`` minor units of ``currency``.

    Examples:
        >>> from hypothesis import find
        >>> find(payments(date(2026, 3, 2)), lambda p: len(p) == 1)
        (Payment(paid_on=datetime.date(2026, 3, 2), amount=Money('0.01', 'CNY')),)
    """
    where = "payments"
    delivered = check_date(delivered, "delivered", f"testing.{where}")
    cur = check_currency(currency, where)
    top = check_int(max_minor, "max_minor", where, 1)
    most = check_int(max_size, "max_size", where, 0)
    return _payments(delivered, cur, top, most)


@st.composite
def _payments(
    draw: st.DrawFn, delivered: date, cur: Currency, max_minor: int, max_size: int
) -> tuple[Payment, ...]:
    rows = st.tuples(
        st.integers(min_value=-5, max_value=40), st.integers(min_value=1, max_value=max_minor)
    )
    return tuple(
        Payment(delivered + timedelta(days=offset), Money.from_minor(minor, cur))
        for offset, minor in draw(st.lists(rows, max_size=max_size))
    )


_ACCOUNT_KEYS = st.text(alphabet="ABC0123456789-", min_size=1, max_size=6)
_ARREARS = ("the arrears notice", "下達催繳通知單")


def account_states(
    *,
    delivered: SearchStrategy[date] | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    currency: Currency | str = CNY,
    with_payments: bool = True,
    max_minor: int = 10**6,
) -> SearchStrategy[AccountState]:
    """Settlement sheets with payments and notices dated as B-7 and B-8 allow under ``policy``.

    The bill is 0 to ``max_minor`` minor units of ``currency``, with
    [`payments`][custpolicy.testing.rules.billing.payments]. A notice, if any, comes 1 to 10 days
    after the payment deadline; an arrears notice, if any, on the day B-8 lets it be served (the day
    after the notice period ends, or its last day under ``billing.escalate_on_last_day``) or up to
    10 days later. The deadlines are computed with ``policy`` (the default
    [`Policy`][custpolicy.foundation.policy.Policy] if none) on ``calendar``, so
    [`dunning`][custpolicy.rules.billing.dunning] with the same policy and calendar accepts every
    account.

    Args:
        delivered: a strategy of delivery dates. By default a date ``calendar`` covers, early
            enough that the deadline, both notices and the cut-off date (with room for the
            art. 203 roll if ``policy`` rolls) fall inside it too. With a calendar of long
            runs of days off, pass your own.
        policy: the policy whose periods date the notices.
        calendar: the calendar of the art. 203 roll (the China calendar by default).
        currency: the bill's currency.
        with_payments: draw payments (otherwise none).
        max_minor: the largest bill and payment, in minor units.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.billing import Action, dunning
        >>> acct = find(account_states(), lambda a: a.arrears_notice is not None and a.billed)
        >>> dunning(acct, acct.arrears_notice + timedelta(days=3)).action   # its last day
        Action.WAIT
        >>> dunning(acct, acct.arrears_notice + timedelta(days=4)).action
        Action.CUTOFF_ELIGIBLE
    """
    where = "account_states"
    check_instance(policy, "policy", f"testing.{where}", Policy, optional=True)
    check_calendar(calendar, f"testing.{where}")
    check_bool(with_payments, "with_payments", f"testing.{where}")
    cur = check_currency(currency, where)
    top = check_int(max_minor, "max_minor", where, 1)
    policy = policy or Policy()
    days = None if delivered is None else check_strategy(delivered, "delivered", where)
    if days is None:
        cal = calendar or china()
        room = _room(policy)
        latest = date(cal.last_year, 12, 31).toordinal() - room
        if latest < date(cal.first_year, 1, 1).toordinal():
            raise InvalidInputError(
                f"calendar {cal.name!r} ({cal.first_year}-{cal.last_year}) leaves no room for "
                f"the {room} days a bill may need after delivery under this policy; pass "
                f"delivered= [testing.{where}]"
            )
        days = dates_in(cal, max_value=date.fromordinal(latest))
    return _account_states(days, policy, calendar, cur, with_payments, top)


def _room(policy: Policy) -> int:
    """Days after delivery for the deadline, both notices, the cut-off date and their rolls."""
    b = policy.billing
    periods = b.payment_days + b.notice_to_arrears_days + b.arrears_to_cutoff_days
    rolls = 3 * 15 if policy.general.roll_to_working_day else 0
    return periods + 22 + rolls  # 2: the day after each B-8 period


@st.composite
def _account_states(
    draw: st.DrawFn,
    delivered: SearchStrategy[date],
    policy: Policy,
    calendar: WorkCalendar | None,
    cur: Currency,
    with_payments: bool,
    max_minor: int,
) -> AccountState:
    day = draw(delivered)
    billed = Money.from_minor(draw(st.integers(min_value=0, max_value=max_minor)), cur)
    paid = draw(_payments(day, cur, max_minor, 4)) if with_payments else ()
    notified = arrears = None
    if draw(st.booleans()):
        due = payment_deadline(day, policy=policy, calendar=calendar).due
        notified = due + timedelta(days=draw(st.integers(min_value=1, max_value=10)))
        if draw(st.booleans()):
            period = policy.billing.notice_to_arrears_days
            ends = calendar_deadline(
                notified, period, clause=B_8, subject=_ARREARS, policy=policy, calendar=calendar
            ).due
            first = ends if policy.billing.escalate_on_last_day else ends + timedelta(days=1)
            arrears = first + timedelta(days=draw(st.integers(min_value=0, max_value=10)))
    return AccountState(draw(_ACCOUNT_KEYS), day, billed, paid, notified, arrears)


def dunnings(
    *, policy: Policy | None = None, calendar: WorkCalendar | None = None
) -> SearchStrategy[Dunning]:
    """Dunning results (B-7, B-8) for [`account_states`][], judged on a day after delivery.

    The day falls from delivery to the last day the account's notices and cut-off may need
    (see [`account_states`][custpolicy.testing.rules.billing.account_states]); the result keeps
    ``policy`` (the default [`Policy`][custpolicy.foundation.policy.Policy] if none) and
    ``calendar``.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.billing import Action
        >>> find(dunnings(), lambda d: d.action is Action.NOTIFY).action
        Action.NOTIFY
    """
    where = "dunnings"
    check_instance(policy, "policy", f"testing.{where}", Policy, optional=True)
    check_calendar(calendar, f"testing.{where}")
    policy = policy or Policy()
    accounts = account_states(policy=policy, calendar=calendar)
    later = st.integers(min_value=0, max_value=_room(policy))
    return st.builds(
        lambda acct, days: dunning(
            acct, acct.delivered + timedelta(days=days), policy=policy, calendar=calendar
        ),
        accounts,
        later,
    )


def settlement_sheets(
    year: int = 2024, month: int = 2, *, currency: Currency | str = CNY, max_size: int = 12
) -> SearchStrategy[list[SettlementSheet]]:
    """Distinct settlement sheets read in one month (February 2024, a leap month, by default).

    Each has its own sheet and account number, a user class, a reading day of the month, a
    volume in m³ (Decimal, three places, up to 100,000) and an amount of up to 100,000.00.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.billing import check_report, monthly_report
        >>> sheets = find(settlement_sheets(2026, 3), lambda s: len(s) == 3)
        >>> check_report(monthly_report(2026, 3, sheets), sheets).accurate
        True
    """
    where = "settlement_sheets"
    check_int(year, "year", where, 1, 9999)
    check_int(month, "month", where, 1, 12)
    cur = check_currency(currency, where)
    most = check_int(max_size, "max_size", where, 0)
    return _settlement_sheets(year, month, cur, most)


@st.composite
def _settlement_sheets(
    draw: st.DrawFn, year: int, month: int, cur: Currency, max_size: int
) -> list[SettlementSheet]:
    first = date(year, month, 1)
    length = monthrange(year, month)[1]
    rows = draw(
        st.lists(
            st.tuples(
                user_classes(),
                st.integers(min_value=0, max_value=length - 1),
                st.decimals(min_value=0, max_value=10**5, places=3),
                st.integers(min_value=0, max_value=10**7),
            ),
            max_size=max_size,
        )
    )
    return [
        SettlementSheet(
            f"S-{i}", f"A-{i}", kind, first + timedelta(days=day), volume, Money.from_minor(m, cur)
        )
        for i, (kind, day, volume, m) in enumerate(rows)
    ]
