"""Gas billing and collection (通用2): reading days, payment, dunning, KPIs, report accuracy.

The clauses, in our own words:

- **B-2.1** The meter-reading rate of a period (meters read / meters due) must not fall below
  the company's standard, ``billing.reading_rate_standard``, which the source leaves unset.
- **B-2.2** At least 95 % of what a period billed must be collected; the share paid within
  three days of the sheet's delivery (prompt payment) is reported beside the rate. By default
  the rate compares amounts, each bill measured at its own payment deadline.
- **B-4** Public-welfare (公福) and commercial users are read on days 20 to 25 of each month,
  both included; residential users have no window unless the policy sets one.
- **B-5** The monthly reading and collection report must match the settlement sheets exactly,
  per user class and overall, in volume and amount; every difference is listed.
- **B-6** Every user pays within one week (7 calendar days) of the settlement sheet's
  delivery; the seventh day is still on time (the art. 203 roll is optional).
- **B-7** Unpaid after that deadline: the reader notifies the user by phone or in writing.
- **B-8** Still unpaid once three days after that notice have passed: an arrears notice
  (《氣費催繳通知單》) is served. The three days are the user's (a notice on the 3rd: the 4th,
  5th and 6th), so the arrears notice falls due on the 7th; with the art. 203 roll the period's
  last day moves to the next working day and the step falls due the day after it. Cut-off
  becomes possible in the same way once ``billing.arrears_to_cutoff_days`` days after the
  arrears notice have passed. ``billing.escalate_on_last_day`` takes the colloquial reading
  instead (the step on the third day itself). A part payment does not stop the escalation;
  only a zero balance does.

Examples:
    >>> from datetime import date
    >>> from custpolicy.foundation.money import Money
    >>> acct = AccountState("A-1", date(2026, 3, 2), Money("300.00", "CNY"),
    ...                     payments=[Payment(date(2026, 3, 5), Money("100.00", "CNY"))])
    >>> step = dunning(acct, date(2026, 3, 10))
    >>> step.action, step.on, step.balance
    (Action.NOTIFY, datetime.date(2026, 3, 10), Money('200.00', 'CNY'))
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from decimal import Context, Decimal
from fractions import Fraction
from typing import Literal, cast

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.clauses import B_2_1, B_2_2, B_4, B_5, B_6, B_7, B_8, Clause, Lang
from custpolicy.foundation.deadlines import Deadline, calendar_deadline, provisional_note
from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError
from custpolicy.foundation.explain import (
    Choice,
    Explained,
    Lines,
    Phrase,
    Reason,
    check_lang,
    render_fact,
)
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.policy import (
    VALUE_LABELS,
    InForce,
    PerVersion,
    Policy,
    PolicyBook,
    PolicyVersion,
)
from custpolicy.foundation.validate import (
    check_calendar,
    check_choice,
    check_date,
    check_instance,
    check_int,
    check_optional_date,
    check_policy,
    refuse,
)
from custpolicy.foundation.workdays import WorkCalendar

__all__ = [
    "AccountState",
    "Action",
    "CollectionRate",
    "Dunning",
    "MonthlyReport",
    "Payment",
    "ReadingCheck",
    "ReadingRate",
    "ReadingWindow",
    "ReportCheck",
    "ReportDifference",
    "ReportTotals",
    "SettlementSheet",
    "UserClass",
    "check_reading",
    "check_report",
    "collection_rate",
    "dunning",
    "dunning_run",
    "monthly_report",
    "payment_deadline",
    "reading_rate",
    "reading_window",
]

_DEFAULT_POLICY = Policy()
_RATE_CONTEXT = Context(prec=28)  # a local context: the global one is never touched
_ONE_DAY = timedelta(days=1)
Basis = Literal["amount", "count"]


# -- values ------------------------------------------------------------------------------------


def _volume(value: object) -> object:
    """A volume as Decimal (from Decimal, int or str); anything else for the validator to name."""
    if value.__class__ is int:
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


_VOLUME = "a finite Decimal volume in m³ of at least 0"
_check_volume = validate.number(low=0, expect=_VOLUME, clause="B-5")


def _percent(value: Fraction) -> str:
    """A ratio as a percentage with two decimals, for the explanation only."""
    scaled = value * 10000
    hundredths = scaled.numerator // scaled.denominator
    if 2 * (scaled - hundredths) >= 1:
        hundredths += 1
    return f"{Decimal(hundredths).scaleb(-2):f} %"


def _percent_fact(value: Fraction) -> Phrase:
    """A ratio as a percentage for an explanation: ``97.80 %`` in English, ``97.80%`` in Chinese."""
    text = _percent(value)
    return Phrase(text, text.replace(" %", "%"))


def _ratio_fact(value: Decimal) -> Phrase:
    """A policy ratio (a standard, a target): as set in English, a percentage in Chinese.

    ``0.98`` in English, ``98%`` in Chinese, beside the rate it is compared with.
    """
    return Phrase(f"{value:f}", f"{(value * 100).normalize():f}%")


_BASIS_NAMES = VALUE_LABELS["billing.collection_basis"]
"""Each collection basis by its name, as the policy names it (a policy diff shows the same)."""


def _decimal(value: Fraction) -> Decimal:
    """An exact ratio as a Decimal of 28 significant digits (exact whenever it terminates)."""
    return _RATE_CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


# -- user classes ------------------------------------------------------------------------------


class UserClass(Choice):
    """The three kinds of gas user the policy names (B-4, B-6)."""

    PUBLIC_WELFARE = "public_welfare"
    COMMERCIAL = "commercial"
    RESIDENTIAL = "residential"


UserClass._labels = {
    UserClass.PUBLIC_WELFARE: ("public-welfare", "公福"),
    UserClass.COMMERCIAL: ("commercial", "商業"),
    UserClass.RESIDENTIAL: ("residential", "居民"),
}


_USER_CLASS = f"a UserClass ({', '.join(c.name for c in UserClass)})"


# -- B-4 reading window ------------------------------------------------------------------------


@attrs.frozen
class ReadingWindow(Explained):
    """The days of a month on which a user class's meters are read (B-4).

    Attributes:
        user_class: the class of user.
        year: the year.
        month: the month.
        first: the first reading day, or ``None`` when the class has no window.
        last: the last reading day (included), or ``None``.
    """

    user_class: UserClass = attrs.field(
        validator=validate.instance_of(UserClass, expect=_USER_CLASS, clause="B-4")
    )
    year: int = attrs.field(validator=validate.integer(low=1, high=9999, clause="B-4"))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause="B-4"))
    first: date | None = attrs.field(validator=validate.optional_date(clause="B-4"))
    last: date | None = attrs.field(validator=validate.optional_date(clause="B-4"))

    @property
    def has_window(self) -> bool:
        """Whether the class has a reading window at all."""
        return self.first is not None

    @property
    def days(self) -> tuple[date, ...]:
        """Every reading day of the window, in order (empty when there is no window)."""
        if self.first is None or self.last is None:
            return ()
        return tuple(
            self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)
        )

    def __contains__(self, day: object) -> bool:
        return (
            self.first is not None
            and self.last is not None
            and isinstance(day, date)
            and not isinstance(day, datetime)
            and self.first <= day <= self.last
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The window, or why there is none."""
        month = f"{self.year:04d}-{self.month:02d}"
        if self.first is None:
            return (
                Reason.of(
                    "billing.no_window",
                    B_4,
                    en="{user_class} users have no reading window in {month}: the policy sets "
                    "none for them",
                    zh="{user_class}用戶於{month}沒有抄收期：制度未為其規定抄收日",
                    user_class=self.user_class,
                    month=month,
                ),
            )
        return (
            Reason.of(
                "billing.window",
                B_4,
                en="{user_class} users are read from {first} to {last} (both days included)",
                zh="{user_class}用戶的上門抄收日為{first}至{last}（含首尾兩日）",
                user_class=self.user_class,
                first=self.first,
                last=self.last,
            ),
        )


def _window_days(user_class: UserClass, policy: Policy) -> tuple[int, int] | None:
    if user_class is UserClass.RESIDENTIAL:
        return policy.billing.residential_reading_window
    return policy.billing.reading_window


def reading_window(
    user_class: UserClass, year: int, month: int, *, policy: Policy = _DEFAULT_POLICY
) -> ReadingWindow:
    """The reading days of a user class in a month (B-4).

    Public-welfare and commercial users follow ``billing.reading_window`` (days 20 to 25);
    residential users follow ``billing.residential_reading_window``, which is unset by default,
    so they have no window. A window day beyond the month's end moves to its last day.

    Examples:
        >>> w = reading_window(UserClass.COMMERCIAL, 2026, 3)
        >>> w.first, w.last, len(w.days)
        (datetime.date(2026, 3, 20), datetime.date(2026, 3, 25), 6)
        >>> reading_window(UserClass.RESIDENTIAL, 2026, 3).has_window
        False
    """
    where = "reading_window B-4"
    user_class = check_instance(user_class, "user_class", where, UserClass, expect=_USER_CLASS)
    year = check_int(year, "year", where, low=1, high=9999)
    month = check_int(month, "month", where, low=1, high=12)
    days = _window_days(user_class, check_policy(policy, where))
    if days is None:
        return ReadingWindow(user_class, year, month, None, None)
    length = monthrange(year, month)[1]
    first, last = (date(year, month, min(day, length)) for day in days)
    return ReadingWindow(user_class, year, month, first, last)


@attrs.frozen
class ReadingCheck(Explained):
    """Whether a meter was read within its class's window (B-4).

    Attributes:
        read_on: the reading date.
        window: the window of that month.
        in_window: True when the date is in the window, or when the class has no window.
    """

    read_on: date = attrs.field(validator=validate.date(clause="B-4"))
    window: ReadingWindow = attrs.field(validator=validate.instance_of(ReadingWindow, clause="B-4"))
    in_window: bool = attrs.field(validator=validate.boolean(clause="B-4"))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The window, then the verdict."""
        if not self.window.has_window:
            verdict = Reason.of(
                "billing.reading_any_day",
                B_4,
                en="a reading on {read_on} is acceptable: no window applies",
                zh="{read_on}抄表可接受：不受抄收期限制",
                read_on=self.read_on,
            )
        else:
            verdict = Reason.of(
                "billing.reading_checked",
                B_4,
                en="the reading on {read_on} is "
                + ("within the window" if self.in_window else "outside the window"),
                zh="{read_on}的抄表" + ("在抄收期內" if self.in_window else "不在抄收期內"),
                read_on=self.read_on,
            )
        return (*self.window.reasons, verdict)


def check_reading(
    user_class: UserClass, read_on: date, *, policy: Policy = _DEFAULT_POLICY
) -> ReadingCheck:
    """Check a reading date against the user class's window of that month (B-4).

    Examples:
        >>> from datetime import date
        >>> check_reading(UserClass.PUBLIC_WELFARE, date(2026, 3, 26)).in_window
        False
        >>> print(check_reading(UserClass.COMMERCIAL, date(2026, 3, 25)).explain("zh-Hant"))
        B-4 商業用戶的上門抄收日為2026年3月20日至2026年3月25日（含首尾兩日）
        B-4 2026年3月25日的抄表在抄收期內
    """
    read_on = check_date(read_on, "read_on", "check_reading B-4")
    window = reading_window(user_class, read_on.year, read_on.month, policy=policy)
    return ReadingCheck(read_on, window, not window.has_window or read_on in window)


# -- B-6 payment deadline ----------------------------------------------------------------------

_PAYMENT = ("payment of the gas bill", "繳納氣費")
_ARREARS = ("payment after the notice", "通知後繳費")
_CUTOFF = ("payment after the arrears notice", "催繳後繳費")
_PROMPT = ("prompt payment", "三日內繳費")


def payment_deadline(
    delivered: date, *, policy: Policy = _DEFAULT_POLICY, calendar: WorkCalendar | None = None
) -> Deadline:
    """The last day to pay a settlement sheet delivered on ``delivered`` (B-6).

    ``billing.payment_days`` (7) calendar days after delivery, that day still on time; with
    ``general.roll_to_working_day`` a day off moves to the next working day of ``calendar``.

    Examples:
        >>> from datetime import date
        >>> due = payment_deadline(date(2024, 2, 22))   # a leap year
        >>> due.due, due.is_on_time(date(2024, 2, 29)), due.days_late(date(2024, 3, 1))
        (datetime.date(2024, 2, 29), True, 1)
    """
    where = "payment_deadline B-6"
    delivered = check_date(delivered, "delivered", where)
    policy = check_policy(policy, where)
    return calendar_deadline(
        delivered,
        policy.billing.payment_days,
        clause=B_6,
        subject=_PAYMENT,
        policy=policy,
        calendar=check_calendar(calendar, where),
    )


# -- B-7 / B-8 dunning -------------------------------------------------------------------------


@attrs.frozen
class Payment:
    """A payment towards a settlement sheet: the day it was made and the amount, positive (B-6).

    Examples:
        >>> from datetime import date
        >>> Payment(date(2026, 3, 5), Money("100.00", "CNY"))
        Payment(paid_on=datetime.date(2026, 3, 5), amount=Money('100.00', 'CNY'))
    """

    paid_on: date = attrs.field(validator=validate.date(clause="B-6 Payment"))
    amount: Money = attrs.field(validator=validate.money(sign="positive", clause="B-6 Payment"))


def _payments(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


_ACCOUNT = "B-6 AccountState"


@attrs.frozen
class AccountState:
    """One settlement sheet of an account and what happened to it (B-6, B-7, B-8).

    Attributes:
        account: the account's identifier.
        delivered: the day the settlement sheet was delivered.
        billed: the amount billed on the sheet.
        payments: the dated payments towards it, in any order.
        notified: the day the phone or written notice was given (B-7), if any.
        arrears_notice: the day the arrears notice was served (B-8), if any.
    """

    account: str = attrs.field(validator=validate.text(clause=_ACCOUNT))
    delivered: date = attrs.field(validator=validate.date(clause=_ACCOUNT))
    billed: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_ACCOUNT))
    payments: tuple[Payment, ...] = attrs.field(
        default=(),
        converter=_payments,
        validator=validate.tuple_of(Payment, expect="a sequence of Payment", clause=_ACCOUNT),
    )
    notified: date | None = attrs.field(
        default=None, validator=validate.optional_date(clause=_ACCOUNT)
    )
    arrears_notice: date | None = attrs.field(
        default=None, validator=validate.optional_date(clause=_ACCOUNT)
    )

    def __attrs_post_init__(self) -> None:
        currency = self.billed.currency
        for payment in self.payments:
            if payment.amount.currency != currency:
                expectation = f"in the billed currency {currency.code}"
                raise refuse(
                    "payments", expectation, payment.amount, _ACCOUNT, error=CurrencyMismatchError
                )

    def paid_by(self, day: date) -> Money:
        """The total paid on or before ``day``; later payments do not count (B-6)."""
        day = check_date(day, "day", f"B-6 AccountState {self.account!r}")
        minor = sum(p.amount.minor for p in self.payments if p.paid_on <= day)
        return Money.from_minor(minor, self.billed.currency)


class Action(Choice):
    """The next dunning step for an unpaid bill (B-7, B-8), from the mildest."""

    NOTHING = "nothing"
    NOTIFY = "notify"
    WAIT = "wait"
    ARREARS_NOTICE = "arrears_notice"
    CUTOFF_ELIGIBLE = "cutoff_eligible"


Action._labels = {
    Action.NOTHING: ("nothing to do", "無需處理"),
    Action.NOTIFY: ("notify the user by phone or in writing", "電話通知或書面通知用戶"),
    Action.WAIT: ("wait", "等待"),
    Action.ARREARS_NOTICE: ("serve the arrears notice", "下達「氣費催繳通知單」"),
    Action.CUTOFF_ELIGIBLE: ("gas cut-off may proceed", "可作停氣處理"),
}


@attrs.frozen
class Dunning(Explained):
    """The next dunning step of one account on a date, and its date (B-6, B-7, B-8).

    The explanation is built only when asked for, so a nightly run over millions of accounts
    pays for the decision alone.

    Attributes:
        account: the account state judged.
        as_of: the day of the judgement; payments and notices dated later are ignored.
        action: the next step.
        on: the day ``action`` falls due: for notify, the arrears notice and cut-off, the first
            day it is allowed; for ``WAIT`` and for ``NOTHING`` before the deadline, the day the
            next step falls due if the balance is still open; ``None`` when nothing is owed.
        due: the B-6 payment deadline.
        balance: what is still owed on ``as_of``; negative is a credit.
        policy: the policy applied.
        calendar: the calendar of the art. 203 roll, or ``None``.
        version: the version of the [`PolicyBook`][custpolicy.foundation.policy.PolicyBook] given,
            the one in force on the sheet's delivery (M-1.9); ``None`` when a Policy was given.
            The explanation then opens with it.
    """

    account: AccountState = attrs.field(
        validator=validate.instance_of(AccountState, expect="an AccountState", clause="B-7")
    )
    as_of: date = attrs.field(validator=validate.date(clause="B-7"))
    action: Action = attrs.field(validator=validate.choice(Action, clause="B-8"))
    on: date | None = attrs.field(validator=validate.optional_date(clause="B-8"))
    due: date = attrs.field(validator=validate.date(clause="B-6"))
    balance: Money = attrs.field(validator=validate.money(clause="B-6"))
    policy: Policy = attrs.field(
        repr=False, eq=False, validator=validate.instance_of(Policy, clause="B-7")
    )
    calendar: WorkCalendar | None = attrs.field(
        default=None,
        repr=False,
        eq=False,
        validator=validate.instance_of(WorkCalendar, optional=True, clause="B-7"),
    )
    version: PolicyVersion | None = attrs.field(
        default=None,
        repr=False,
        eq=False,
        validator=validate.instance_of(PolicyVersion, optional=True, clause="B-7"),
    )

    @property
    def level(self) -> int:
        """How far the escalation has gone, 0 to 5, for ordering.

        0 nothing, 1 notify, 2 waiting after the notice, 3 arrears notice due, 4 waiting after
        the arrears notice, 5 cut-off eligible. For an unpaid bill it never falls as
        ``as_of`` advances.
        """
        if self.action is Action.WAIT:
            served = self.account.arrears_notice
            return 4 if served is not None and served <= self.as_of else 2
        return _LEVELS[self.action]

    @property
    def provisional(self) -> bool:
        """Whether ``due`` or ``on`` depends on a provisional year of the calendar.

        Only the art. 203 roll asks the calendar: the B-6 deadline, and the B-8 periods the step
        waits out, are provisional when a day they roll over or to falls in a year whose notice
        is not published yet. The explanation then ends with a sentence that says so.
        """
        return any(d.provisional for d in _dunning_deadlines(self))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The version applied (given a book), the deadline, what is paid and served, the step."""
        if self.version is None:
            return _dunning_reasons(self)
        in_force = InForce(as_of=self.account.delivered, version=self.version)
        return in_force.reasons + _dunning_reasons(self)


_LEVELS = {
    Action.NOTHING: 0,
    Action.NOTIFY: 1,
    Action.ARREARS_NOTICE: 3,
    Action.CUTOFF_ELIGIBLE: 5,
}


def _dunning_deadlines(result: Dunning) -> list[Deadline]:
    """The B-6 deadline and the B-8 periods that the step depends on (B-6, B-8)."""
    acct, policy, calendar = result.account, result.policy, result.calendar
    deadlines = [payment_deadline(acct.delivered, policy=policy, calendar=calendar)]
    if result.level >= 2 and policy.general.roll_to_working_day:
        deadlines.extend(_periods(acct, result.level, policy, calendar))
    return deadlines


def _provisional_years(deadlines: list[Deadline]) -> tuple[tuple[int, ...], Clause | None]:
    """The provisional years the deadlines depend on, and the clause of the first such one."""
    years = tuple(year for d in deadlines for year in d.provisional_years)
    return years, next((d.clause for d in deadlines if d.provisional), None)


def _dunning_reasons(result: Dunning) -> tuple[Reason, ...]:
    acct, as_of = result.account, result.as_of
    deadlines = _dunning_deadlines(result)
    reasons: list[Reason] = list(deadlines[0].reasons)
    paid = acct.paid_by(as_of)
    ignored = sum(1 for p in acct.payments if p.paid_on > as_of)
    reasons.append(
        Reason.of(
            "billing.balance",
            B_6,
            en="billed {billed}, paid {paid} by {as_of}: balance {balance}",
            zh="應繳{billed}，截至{as_of}已繳{paid}，餘額{balance}",
            billed=acct.billed,
            paid=paid,
            as_of=as_of,
            balance=result.balance,
        )
    )
    if ignored:
        reasons.append(
            Reason.of(
                "billing.later_payments",
                None,
                en="{count} payment(s) dated after {as_of} are not counted",
                zh="{as_of}之後的{count}筆繳款不計入",
                count=ignored,
                as_of=as_of,
            )
        )
    later = tuple(
        label
        for label, served in (
            (_NOTICE_LABEL, acct.notified),
            (_ARREARS_LABEL, acct.arrears_notice),
        )
        if served is not None and served > as_of
    )
    if later:
        reasons.append(
            Reason.of(
                "billing.later_notices",
                None,
                en="served after {as_of}, so not counted: {later}",
                zh="於{as_of}之後送達，不計入：{later}",
                as_of=as_of,
                later=later,
            )
        )
    action, on = result.action, result.on
    for period in deadlines[1:]:  # the art. 203 roll of the B-8 periods, where one happened
        reasons.extend(r for r in period.reasons if r.key == "deadline.rolled")
    if result.balance.minor < 0:
        step = Reason.of(
            "billing.credit",
            B_6,
            en="overpaid by {credit}: a credit for the user, no action",
            zh="溢繳{credit}，列為用戶預存款，無需處理",
            credit=-result.balance,
        )
    elif result.balance.minor == 0:
        step = Reason.of(
            "billing.paid", B_6, en="paid in full: no action", zh="已全數繳清，無需處理"
        )
    elif action is Action.NOTHING:
        step = Reason.of(
            "billing.not_due",
            B_6,
            en="not yet due on {as_of}: if still unpaid, notify from {on}",
            zh="於{as_of}尚未逾期：如仍未繳，自{on}起通知",
            as_of=as_of,
            on=on,
        )
    elif action is Action.NOTIFY:
        step = Reason.of(
            "billing.notify",
            B_7,
            en="unpaid after the deadline and not yet notified: {action} (due since {on})",
            zh="逾期未繳且尚未通知：{action}（自{on}起）",
            action=action,
            on=on,
        )
    else:
        step = _escalation_step(result)
    reasons.append(step)
    return provisional_note(reasons, *_provisional_years(deadlines))


def _escalation_step(result: Dunning) -> Reason:
    """The B-8 step: the period the last notice gave the user, and what follows it."""
    acct, billing = result.account, result.policy.billing
    level = result.level
    if level <= 3:
        served, days, who_en, who_zh = acct.notified, billing.notice_to_arrears_days, "notified", ""
    else:
        served, days = acct.arrears_notice, billing.arrears_to_cutoff_days
        who_en, who_zh = "arrears notice served", "下達催繳通知單"
    assert served is not None  # level 2 and above need the notice; 4 and above, both
    waiting = level in (2, 4)
    next_en, next_zh = (
        ("serve the arrears notice", "下達催繳通知單")
        if level <= 3
        else ("cut-off may proceed", "可作停氣處理")
    )
    facts: dict[str, object] = {
        "served": served,
        "days": days,
        "first": served + _ONE_DAY,
        "end": served + timedelta(days=days),
        "on": result.on,
        "action": result.action,
    }
    zh_served = "已於{served}" + (who_zh or "通知")
    if billing.escalate_on_last_day:
        if waiting:
            en = (
                f"{who_en} on {{served}}: wait; read colloquially, {next_en} on day {{days}} "
                "after it itself, {on}, if still unpaid"
            )
            zh = (
                f"{zh_served}：等待；按口語理解，如仍未繳，"
                f"於其後第{{days}}日當日（{{on}}）{next_zh}"
            )
        else:
            en = (
                f"{who_en} on {{served}} and still unpaid on day {{days}} after it, {{on}} "
                "(read colloquially): {action}"
            )
            zh = f"{zh_served}，至其後第{{days}}日（{{on}}，按口語理解）仍未繳：{{action}}"
    elif waiting:
        en = (
            f"{who_en} on {{served}}: the {{days}} days after it, {{first}} to {{end}}, are the "
            f"user's; wait, and {next_en} from {{on}} if still unpaid"
        )
        zh = (
            f"{zh_served}：其後{{days}}日（{{first}}至{{end}}）為用戶繳費期；等待，如仍未繳，"
            f"自{{on}}起{next_zh}"
        )
    else:
        en = (
            f"{who_en} on {{served}}: the {{days}} days after it, {{first}} to {{end}}, have "
            "passed and the bill is still unpaid: {action} (due since {on})"
        )
        zh = (
            f"{zh_served}：其後{{days}}日（{{first}}至{{end}}）已過，仍未繳："
            "{action}（自{on}起）"
        )
    key = ("billing.wait_notice", "billing.arrears", "billing.wait_arrears", "billing.cutoff")
    return Reason.of(key[level - 2], B_8, en=en, zh=zh, **facts)


_NOTICE_LABEL = Phrase("the notice", "電話或書面通知")
_ARREARS_LABEL = Phrase("the arrears notice", "催繳通知單")


def _periods(
    acct: AccountState, level: int, policy: Policy, calendar: WorkCalendar | None
) -> list[Deadline]:
    """The B-8 periods that the step depends on: the notice's, and the arrears notice's."""
    periods = [(acct.notified, policy.billing.notice_to_arrears_days, _ARREARS)]
    if level >= 4:
        periods.append((acct.arrears_notice, policy.billing.arrears_to_cutoff_days, _CUTOFF))
    found: list[Deadline] = []
    for start, days, subject in periods:
        assert start is not None  # level 2 and above need the notice; 4 and above, both
        found.append(
            calendar_deadline(
                start, days, clause=B_8, subject=subject, policy=policy, calendar=calendar
            )
        )
    return found


class _Dates:
    """The period ends a run needs, computed once per start date (bounded cache)."""

    __slots__ = (
        "arrears",
        "calendar",
        "cutoff",
        "due",
        "policy",
        "prompt",
        "shift",
        "version",
        "years",
    )

    def __init__(
        self, policy: Policy, calendar: WorkCalendar | None, version: PolicyVersion | None = None
    ) -> None:
        self.policy = policy
        self.calendar = calendar
        self.version = version  # the book's version these dates are of, or None
        self.due: dict[date, date] = {}
        self.arrears: dict[date, date] = {}
        self.cutoff: dict[date, date] = {}
        self.prompt: dict[date, date] = {}
        # B-8: the step falls due the day after the period, or on its last day when read
        # colloquially (billing.escalate_on_last_day)
        self.shift = timedelta(0) if policy.billing.escalate_on_last_day else _ONE_DAY
        # the provisional years of the periods computed (collection_rate reports them)
        self.years: set[int] = set()

    def end(
        self,
        cache: dict[date, date],
        start: date,
        days: int,
        clause: Clause,
        subject: tuple[str, str],
    ) -> date:
        end = cache.get(start)
        if end is None:
            if len(cache) >= 4096:  # keeps memory flat on any input
                cache.clear()
            deadline = calendar_deadline(
                start,
                days,
                clause=clause,
                subject=subject,
                policy=self.policy,
                calendar=self.calendar,
            )
            if deadline.provisional:
                self.years.update(deadline.provisional_years)
            end = cache[start] = deadline.due
        return end

    def step(
        self, cache: dict[date, date], start: date, days: int, subject: tuple[str, str]
    ) -> date:
        """The first day of the B-8 step that follows the ``days`` after ``start``."""
        end = self.end(cache, start, days, B_8, subject)
        try:
            return end + self.shift
        except OverflowError:
            raise InvalidInputError(
                f"the B-8 period after {start.isoformat()} ends on {end.isoformat()}, so the next "
                f"step would fall due after {date.max} [B-8]"
            ) from None


def _refuse_order(
    argument: str, expectation: str, value: date | None, acct: AccountState, clause: str
) -> InvalidInputError:
    """The refusal of an account's date out of order (B-7, B-8), naming the account."""
    return refuse(
        argument, expectation, value, clause, shown=f"{value} for account {acct.account!r}"
    )


def _decide(acct: AccountState, as_of: date, dates: _Dates) -> Dunning:
    """The lean decision: no explanation is built here (B-7, B-8)."""
    try:  # free in Python 3.11+ until it raises
        billing = dates.policy.billing
        delivered = acct.delivered
        due = dates.due.get(delivered)
        if due is None:
            due = dates.end(dates.due, delivered, billing.payment_days, B_6, _PAYMENT)
        owed = acct.billed.minor
        for payment in acct.payments:
            if payment.paid_on <= as_of:
                owed -= payment.amount.minor
        notified = acct.notified
        arrears = acct.arrears_notice
        # the order of the dates is checked whatever the as-of date, so a run never hides it
        if notified is not None and notified <= due:
            raise _refuse_order(
                "notified", f"after the payment deadline {due}", notified, acct, "B-7"
            )
        arrears_due: date | None = None
        if arrears is not None:
            if notified is None:
                raise _refuse_order(
                    "notified", f"given before arrears_notice {arrears}", None, acct, "B-8"
                )
            days = billing.notice_to_arrears_days
            arrears_due = dates.step(dates.arrears, notified, days, _ARREARS)
            if arrears < arrears_due:
                when = f"on or after {arrears_due} ({days} days after the notice of {notified})"
                raise _refuse_order("arrears_notice", when, arrears, acct, "B-8")
        on: date | None
        if owed <= 0:
            action, on = Action.NOTHING, None
        elif as_of <= due:
            action, on = Action.NOTHING, due + _ONE_DAY
        elif notified is None or notified > as_of:
            action, on = Action.NOTIFY, due + _ONE_DAY
        else:
            if arrears_due is None:
                arrears_due = dates.step(
                    dates.arrears, notified, billing.notice_to_arrears_days, _ARREARS
                )
            if arrears is None or arrears > as_of:
                action = Action.WAIT if as_of < arrears_due else Action.ARREARS_NOTICE
                on = arrears_due
            else:
                on = dates.step(dates.cutoff, arrears, billing.arrears_to_cutoff_days, _CUTOFF)
                action = Action.WAIT if as_of < on else Action.CUTOFF_ELIGIBLE
    except OverflowError:  # a step that would fall after 9999-12-31
        raise _past_the_last_date(acct) from None
    balance = Money.from_minor(owed, acct.billed.currency)
    return _dunning(
        acct, as_of, action, on, due, balance, dates.policy, dates.calendar, dates.version
    )


def _past_the_last_date(acct: AccountState) -> InvalidInputError:
    """The refusal of a sheet whose next step would fall after the last date there is."""
    return InvalidInputError(
        f"account {acct.account!r} must leave room for its next step on or before {date.max}: "
        f"delivered {acct.delivered}, notified {acct.notified}, arrears notice "
        f"{acct.arrears_notice} [dunning B-6/B-8]"
    )


# the fields above are valid by construction: the nightly run skips the validators
_dunning: Callable[..., Dunning] = validate.trusted(Dunning)


def _run_dates(policy: object, calendar: object, where: str) -> PerVersion[_Dates]:
    """The run's dates per policy version (M-1.9): one set for a Policy, one per book version."""
    policy = check_policy(policy, where, book=True)
    calendar = check_calendar(calendar, where)
    return PerVersion(policy, lambda p, version: _Dates(p, calendar, version))


def dunning(
    account: AccountState,
    as_of: date,
    *,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> Dunning:
    """The next dunning step of an account on ``as_of``, and its date (B-7, B-8).

    - ``NOTHING``: paid in full (an overpayment is a credit), or not yet past the B-6 deadline;
    - ``NOTIFY``: past the deadline, unpaid, no notice yet (B-7);
    - ``WAIT``: within the ``billing.notice_to_arrears_days`` days after the notice, or the
      ``billing.arrears_to_cutoff_days`` days after the arrears notice (the last day included);
    - ``ARREARS_NOTICE``: those days after the notice have passed, still unpaid (B-8): a notice
      on the 10th waits the 11th to the 13th, and the arrears notice falls due on the 14th;
    - ``CUTOFF_ELIGIBLE``: those days after the arrears notice have passed, still unpaid (B-8).

    With ``general.roll_to_working_day`` a period whose last day is a day off ends on the next
    working day, and the step falls due the day after that. With
    ``billing.escalate_on_last_day`` (the colloquial reading of 「三日后」) the step falls due on
    the period's last day itself.

    A part payment leaves the escalation running while any balance remains. Payments and
    notices dated after ``as_of`` are ignored. A notice on or before the payment deadline, an
    arrears notice without a notice or before it falls due, is an error. Periods follow the
    calendar-day convention (optional art. 203 roll on ``calendar``).

    ``policy`` may be a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: the sheet is then
    judged under the version in force on the day it was ``delivered``, the event whose terms
    B-6 to B-8 enforce (M-1.9), so a sheet delivered before a change keeps its terms; the
    explanation opens with that version. A sheet delivered before the first version is a
    [`PolicyNotInForceError`][custpolicy.foundation.errors.PolicyNotInForceError].

    Examples:
        >>> from datetime import date
        >>> acct = AccountState("A-7", date(2026, 3, 2), Money("120.00", "CNY"),
        ...                     notified=date(2026, 3, 10))
        >>> dunning(acct, date(2026, 3, 13)).action   # the 11th to the 13th are the user's
        Action.WAIT
        >>> step = dunning(acct, date(2026, 3, 14))
        >>> step.action, step.on
        (Action.ARREARS_NOTICE, datetime.date(2026, 3, 14))
        >>> print(step.explain().splitlines()[-1])
        B-8 notified on 2026-03-10: the 3 days after it, 2026-03-11 to 2026-03-13, have passed \
and the bill is still unpaid: serve the arrears notice (due since 2026-03-14)
        >>> print(step.explain("zh-Hant").splitlines()[-1])
        B-8 已於2026年3月10日通知：其後3日（2026年3月11日至2026年3月13日）已過，仍未繳：\
下達「氣費催繳通知單」（自2026年3月14日起）
    """
    where = "dunning B-7/B-8"
    account = check_instance(account, "account", where, AccountState, expect="an AccountState")
    as_of = check_date(as_of, "as_of", where)
    return _decide(account, as_of, _run_dates(policy, calendar, where).on(account.delivered))


def dunning_run(
    accounts: Iterable[AccountState],
    as_of: date,
    *,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> Iterator[Dunning]:
    """Stream the next dunning step of every account, in order (B-7, B-8).

    An iterator in, an iterator out, in constant memory: each result is what
    [`dunning`][custpolicy.rules.billing.dunning] returns for that account. The arguments are
    checked at the call; a bad account raises when the stream reaches it. Given a
    [`PolicyBook`][custpolicy.foundation.policy.PolicyBook], each sheet is judged under the version
    in force on its delivery (M-1.9; see [`dunning`][custpolicy.rules.billing.dunning]), each
    version's period ends computed once for the run.

    Examples:
        >>> from datetime import date
        >>> accounts = (AccountState(f"A-{i}", date(2026, 3, 2), Money(i, "CNY")) for i in range(3))
        >>> [r.action.value for r in dunning_run(accounts, date(2026, 3, 10))]
        ['nothing', 'notify', 'notify']
    """
    where = "dunning_run B-7/B-8"
    as_of = check_date(as_of, "as_of", where)
    per_version = _run_dates(policy, calendar, where)
    try:
        stream = iter(accounts)
    except TypeError:
        raise refuse("accounts", "an iterable of AccountState", accounts, where) from None
    if per_version.single is None:
        return _stream_book(stream, as_of, per_version, where)
    return _stream(stream, as_of, per_version.single, where)


def _stream(stream: Iterator[object], as_of: date, dates: _Dates, where: str) -> Iterator[Dunning]:
    for acct in stream:
        if not isinstance(acct, AccountState):
            raise refuse("accounts", "AccountState values", acct, where, must="hold")
        yield _decide(acct, as_of, dates)


def _stream_book(
    stream: Iterator[object], as_of: date, per_version: PerVersion[_Dates], where: str
) -> Iterator[Dunning]:
    """The stream over a book: each sheet under the version in force on its delivery (M-1.9).

    The version of each delivery date is found once (by bisection) and kept, so a sheet costs
    a dictionary look-up; the cache is bounded, as the period ends' are.
    """
    on = per_version.on
    found: dict[date, _Dates] = {}
    get = found.get
    for acct in stream:
        if not isinstance(acct, AccountState):
            raise refuse("accounts", "AccountState values", acct, where, must="hold")
        delivered = acct.delivered
        dates = get(delivered)
        if dates is None:
            if len(found) >= 4096:  # keeps memory flat on any input
                found.clear()
            dates = found[delivered] = on(delivered)
        yield _decide(acct, as_of, dates)


# -- B-2.1 reading rate ------------------------------------------------------------------------

_RATIO_21 = validate.decimal(low=0, high=1, clause="B-2.1")
_FRACTION_21 = validate.instance_of(Fraction, optional=True, clause="B-2.1")
_RATIO_22 = validate.decimal(low=0, high=1, clause="B-2.2")
_FRACTION_22 = validate.instance_of(Fraction, optional=True, clause="B-2.2")
_COUNT_22 = validate.integer(low=0, clause="B-2.2")
_MONEY_22 = validate.money(sign="non-negative", clause="B-2.2")


@attrs.frozen
class ReadingRate(Explained):
    """The meter-reading rate of a period against the company standard (B-2.1).

    Attributes:
        read: meters read.
        due: meters due to be read.
        standard: the company's minimum rate, ``billing.reading_rate_standard``.
        exact: read / due as an exact fraction, or ``None`` when no meter was due.
        rate: the same as a Decimal (28 significant digits), or ``None``.
        meets_standard: whether the rate reaches the standard (compared exactly), or ``None``
            when no meter was due.
    """

    read: int = attrs.field(validator=validate.integer(low=0, clause="B-2.1"))
    due: int = attrs.field(validator=validate.integer(low=0, clause="B-2.1"))
    standard: Decimal = attrs.field(validator=_RATIO_21)
    exact: Fraction | None = attrs.field(validator=_FRACTION_21)
    rate: Decimal | None = attrs.field(validator=validate.optional(_RATIO_21))
    meets_standard: bool | None = attrs.field(
        validator=validate.optional(validate.boolean(clause="B-2.1"))
    )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The rate and the verdict, or why there is no rate."""
        if self.exact is None:
            return (
                Reason.of(
                    "billing.reading_undefined",
                    B_2_1,
                    en="no meter was due, so the reading rate is undefined (0 of 0), and "
                    "there is nothing to compare with the standard {standard}",
                    zh="本期無應抄用戶，抄收率無從計算（0/0），不與標準{standard}比較",
                    standard=_ratio_fact(self.standard),
                ),
            )
        return (
            Reason.of(
                "billing.reading_rate",
                B_2_1,
                en="{read} of {due} meters read: {percent}, "
                + ("meets" if self.meets_standard else "falls below")
                + " the company standard {standard}",
                zh="應抄{due}戶，實抄{read}戶，抄收率{percent}，"
                + ("達到" if self.meets_standard else "低於")
                + "公司標準{standard}",
                read=self.read,
                due=self.due,
                percent=_percent_fact(self.exact),
                standard=_ratio_fact(self.standard),
            ),
        )


def reading_rate(read: int, due: int, *, policy: Policy = _DEFAULT_POLICY) -> ReadingRate:
    """The meter-reading rate (read / due) against ``billing.reading_rate_standard`` (B-2.1).

    The standard has no default: while it is unset the call raises
    [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] naming it. A period
    with no meter due has
    an explained, undefined rate.

    Examples:
        >>> from decimal import Decimal
        >>> policy = Policy().updated({"billing.reading_rate_standard": Decimal("0.98")})
        >>> r = reading_rate(489, 500, policy=policy)
        >>> r.rate, r.meets_standard
        (Decimal('0.978'), False)
        >>> print(r.explain())
        B-2.1 489 of 500 meters read: 97.80 %, falls below the company standard 0.98
    """
    where = "reading_rate B-2.1"
    standard: Decimal = check_policy(policy, where).require("billing.reading_rate_standard")
    read = check_int(read, "read", where, low=0)
    due = check_int(due, "due", where, low=0)
    if read > due:
        shown = f"read={read} and due={due}"
        raise refuse("read", "due", None, where, must="not exceed", shown=shown)
    if due == 0:
        return ReadingRate(read, due, standard, None, None, None)
    exact = Fraction(read, due)
    return ReadingRate(read, due, standard, exact, _decimal(exact), exact >= standard)


# -- B-2.2 collection rate ---------------------------------------------------------------------


@attrs.frozen
class CollectionRate(Explained):
    """The collection rate of a billing period, and the prompt-payment share (B-2.2).

    With the ``"amount"`` basis the rate is the money collected towards the bills by the
    measurement date over the money billed; each bill counts at most its own amount, so an
    overpayment is a credit, not collection. With ``"count"`` it is the bills paid in full over
    the bills. Prompt payment is the same ratio measured ``billing.prompt_payment_days`` after
    each sheet's delivery.

    Attributes:
        basis: ``"amount"`` or ``"count"``.
        measured_on: the measurement date, or ``None``: each bill at its own B-6 deadline.
        bills: the number of bills.
        billed: the total billed.
        collected: the total collected towards the bills by the measurement date.
        credit: the total overpaid (kept as credit; not part of the rate).
        paid_bills: the bills paid in full by the measurement date.
        exact: the rate as an exact fraction, or ``None`` when nothing was billed.
        rate: the same as a Decimal (28 significant digits), or ``None``.
        target: ``billing.collection_target`` (0.95).
        meets_target: whether the rate reaches the target (compared exactly), or ``None``.
        prompt_exact: the prompt-payment share as an exact fraction, or ``None``.
        prompt_rate: the same as a Decimal, or ``None``.
        prompt_days: ``billing.prompt_payment_days`` (3).
        provisional_years: the provisional years of the calendar that a measurement day
            depends on (a B-6 deadline or a prompt-payment period rolled under art. 203 into a
            year whose notice is not published yet); empty for most rates.
    """

    basis: Basis = attrs.field(validator=validate.choice(("amount", "count"), clause="B-2.2"))
    measured_on: date | None = attrs.field(validator=validate.optional_date(clause="B-2.2"))
    bills: int = attrs.field(validator=_COUNT_22)
    billed: Money = attrs.field(validator=_MONEY_22)
    collected: Money = attrs.field(validator=_MONEY_22)
    credit: Money = attrs.field(validator=_MONEY_22)
    paid_bills: int = attrs.field(validator=_COUNT_22)
    exact: Fraction | None = attrs.field(validator=_FRACTION_22)
    rate: Decimal | None = attrs.field(validator=validate.optional(_RATIO_22))
    target: Decimal = attrs.field(validator=_RATIO_22)
    meets_target: bool | None = attrs.field(
        validator=validate.optional(validate.boolean(clause="B-2.2"))
    )
    prompt_exact: Fraction | None = attrs.field(validator=_FRACTION_22)
    prompt_rate: Decimal | None = attrs.field(validator=validate.optional(_RATIO_22))
    prompt_days: int = attrs.field(validator=_COUNT_22)
    provisional_years: tuple[int, ...] = attrs.field(
        default=(), kw_only=True, repr=False, validator=validate.tuple_of(int, clause="B-2.2")
    )

    @property
    def provisional(self) -> bool:
        """Whether the rate depends on a provisional year of the calendar.

        The explanation then ends with a sentence that says so.
        """
        return bool(self.provisional_years)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """How the rate was measured, the rate and the verdict, and the prompt share."""
        return provisional_note(self._reasons(), self.provisional_years, B_2_2)

    def _reasons(self) -> tuple[Reason, ...]:
        at_en = (
            "at each bill's payment deadline" if self.measured_on is None else "on {measured_on}"
        )
        at_zh = "以各帳單繳費期限為準" if self.measured_on is None else "截至{measured_on}"
        basis = Reason.of(
            "billing.collection_basis",
            B_2_2,
            en=f"{{bills}} bill(s) billed {{billed}}; collected {{collected}} ({{paid}} paid in "
            f"full) {at_en}; measured by {{basis}}",
            zh=f"共{{bills}}張帳單，應收{{billed}}；{at_zh}實收{{collected}}"
            f"（{{paid}}張全數繳清）；按{{basis_zh}}計算",
            bills=self.bills,
            billed=self.billed,
            collected=self.collected,
            paid=self.paid_bills,
            measured_on=self.measured_on,
            basis=self.basis,
            basis_zh=_BASIS_NAMES[self.basis].zh,
        )
        reasons = [basis]
        if self.credit.minor:
            reasons.append(
                Reason.of(
                    "billing.collection_credit",
                    B_2_2,
                    en="overpayments of {credit} are credit, not collection of these bills",
                    zh="溢繳{credit}列為預存款，不計入本期回收",
                    credit=self.credit,
                )
            )
        if self.exact is None:
            reasons.append(
                Reason.of(
                    "billing.collection_undefined",
                    B_2_2,
                    en="nothing was billed, so the collection rate is undefined and is not "
                    "compared with the target {target}",
                    zh="本期無應收，回收率無從計算，不與目標{target}比較",
                    target=_ratio_fact(self.target),
                )
            )
            return tuple(reasons)
        reasons.append(
            Reason.of(
                "billing.collection_rate",
                B_2_2,
                en="collection rate {percent}: "
                + ("meets" if self.meets_target else "falls below")
                + " the target {target}",
                zh="回收率{percent}，" + ("達到" if self.meets_target else "未達") + "目標{target}",
                percent=_percent_fact(self.exact),
                target=_ratio_fact(self.target),
            )
        )
        assert self.prompt_exact is not None  # defined whenever the rate is
        reasons.append(
            Reason.of(
                "billing.prompt",
                B_2_2,
                en="paid within {days} days of delivery: {percent}",
                zh="送達後{days}日內繳納：{percent}",
                days=self.prompt_days,
                percent=_percent_fact(self.prompt_exact),
            )
        )
        return tuple(reasons)


def collection_rate(
    bills: Iterable[AccountState],
    *,
    measured_on: date | None = None,
    basis: Basis | None = None,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> CollectionRate:
    """The collection rate of a billing period against the 95 % target (B-2.2).

    ``basis`` is ``"amount"`` or ``"count"`` (default ``billing.collection_basis``: amount).
    Payments count up to ``measured_on``, or, by default, up to each bill's own B-6 deadline.
    The share paid within ``billing.prompt_payment_days`` of delivery is reported beside it.
    Rates are exact; a period with nothing billed has an explained, undefined rate.

    Examples:
        >>> from datetime import date
        >>> cny = lambda a: Money(a, "CNY")
        >>> paid = lambda day, a: [Payment(date(2026, 3, day), cny(a))]
        >>> bills = [
        ...     AccountState("A-1", date(2026, 3, 2), cny(100), paid(4, 100)),
        ...     AccountState("A-2", date(2026, 3, 2), cny(300), paid(9, 270)),
        ... ]
        >>> r = collection_rate(bills)
        >>> r.rate, r.meets_target, r.prompt_rate
        (Decimal('0.925'), False, Decimal('0.25'))
        >>> collection_rate(bills, basis="count").rate
        Decimal('0.5')
    """
    where = "collection_rate B-2.2"
    policy = check_policy(policy, where)
    billing = policy.billing
    chosen: object = billing.collection_basis if basis is None else basis
    basis = check_choice(chosen, "basis", where, ("amount", "count"), expect="'amount' or 'count'")
    measured_on = check_optional_date(measured_on, "measured_on", where)
    dates = _Dates(policy, check_calendar(calendar, where))
    try:
        stream = iter(bills)
    except TypeError:
        raise refuse("bills", "an iterable of AccountState", bills, where) from None
    currency: Currency | None = None
    count = paid_count = prompt_count = 0
    billed = collected = credit = prompt = 0
    for bill in stream:
        if not isinstance(bill, AccountState):
            raise refuse("bills", "AccountState values", bill, where, must="hold")
        if currency is None:
            currency = bill.billed.currency
        elif bill.billed.currency != currency:
            raise CurrencyMismatchError(
                f"bills must share one currency, got {currency.code} and "
                f"{bill.billed.currency.code} (account {bill.account!r}) [{where}]"
            )
        amount = bill.billed.minor
        cutoff = measured_on or dates.end(
            dates.due, bill.delivered, billing.payment_days, B_6, _PAYMENT
        )
        prompt_end = dates.end(
            dates.prompt, bill.delivered, billing.prompt_payment_days, B_2_2, _PROMPT
        )
        paid = sum(p.amount.minor for p in bill.payments if p.paid_on <= cutoff)
        paid_early = sum(p.amount.minor for p in bill.payments if p.paid_on <= prompt_end)
        count += 1
        billed += amount
        collected += min(paid, amount)
        credit += max(paid - amount, 0)
        paid_count += paid >= amount
        prompt += min(paid_early, amount)
        prompt_count += paid_early >= amount
    cur = currency or policy.general.currency
    if basis == "amount":
        numerator, prompt_numerator, denominator = collected, prompt, billed
    else:
        numerator, prompt_numerator, denominator = paid_count, prompt_count, count
    exact = Fraction(numerator, denominator) if denominator else None
    prompt_exact = Fraction(prompt_numerator, denominator) if denominator else None
    target = billing.collection_target
    return CollectionRate(
        basis=basis,
        measured_on=measured_on,
        bills=count,
        billed=Money.from_minor(billed, cur),
        collected=Money.from_minor(collected, cur),
        credit=Money.from_minor(credit, cur),
        paid_bills=paid_count,
        exact=exact,
        rate=None if exact is None else _decimal(exact),
        target=target,
        meets_target=None if exact is None else exact >= target,
        prompt_exact=prompt_exact,
        prompt_rate=None if prompt_exact is None else _decimal(prompt_exact),
        prompt_days=billing.prompt_payment_days,
        provisional_years=tuple(sorted(dates.years)),
    )


# -- B-5 report accuracy -----------------------------------------------------------------------

_SHEET = "SettlementSheet B-5"


@attrs.frozen
class SettlementSheet:
    """A gas settlement sheet (《氣費結算單》): who, when read, how much gas, what amount (B-5).

    ``volume`` is in m³, a Decimal (an int or a numeric str is converted; a float is refused).
    """

    sheet: str = attrs.field(validator=validate.text(clause=_SHEET))
    account: str = attrs.field(validator=validate.text(clause=_SHEET))
    user_class: UserClass = attrs.field(
        validator=validate.instance_of(UserClass, expect=_USER_CLASS, clause=_SHEET)
    )
    read_on: date = attrs.field(validator=validate.date(clause=_SHEET))
    volume: Decimal = attrs.field(converter=_volume, validator=_check_volume)
    amount: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_SHEET))


@attrs.frozen
class ReportTotals:
    """A volume (m³, Decimal) and an amount: one line of a monthly report (B-5)."""

    volume: Decimal = attrs.field(converter=_volume, validator=_check_volume)
    amount: Money = attrs.field(
        validator=validate.money(sign="non-negative", clause="ReportTotals B-5")
    )


def _lines(value: object) -> object:
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, (list, tuple)):
        try:
            return tuple(sorted(value, key=lambda pair: list(UserClass).index(pair[0])))
        except (TypeError, ValueError, IndexError, KeyError):
            return tuple(value)  # the validator names it
    return value


def _is_line(pair: object) -> bool:
    return (
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], UserClass)
        and isinstance(pair[1], ReportTotals)
    )


_lines_valid = validate.satisfying(
    lambda lines: (
        isinstance(lines, tuple) and all(map(_is_line, lines)) and len(dict(lines)) == len(lines)
    ),
    "each UserClass at most once to ReportTotals",
    must="map",
    clause="B-5",
)


@attrs.frozen
class MonthlyReport:
    """The monthly reading and collection report: totals per user class and overall (B-5).

    A class without a line reports zero.
    """

    year: int = attrs.field(validator=validate.integer(low=1, high=9999, clause="B-5"))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause="B-5"))
    by_class: tuple[tuple[UserClass, ReportTotals], ...] = attrs.field(
        converter=_lines, validator=_lines_valid
    )
    overall: ReportTotals = attrs.field(
        validator=validate.instance_of(ReportTotals, expect="ReportTotals", clause="B-5")
    )

    def totals(self, user_class: UserClass | str) -> ReportTotals | None:
        """The reported line of a user class, or ``None`` when the report has none (B-5).

        ``user_class`` is a [`UserClass`][custpolicy.rules.billing.UserClass] or its value, such as
        ``"commercial"``.
        """
        return dict(self.by_class).get(UserClass(user_class))


@attrs.frozen
class _Totals:
    """What a month's sheets add up to: per class and overall (volume, minor units)."""

    per_class: dict[UserClass, tuple[Decimal, int]]
    overall: tuple[Decimal, int]
    currency: Currency
    count: int


def _sheet_totals(
    year: int, month: int, sheets: Iterable[SettlementSheet], currency: Currency, where: str
) -> _Totals:
    try:
        stream = iter(sheets)
    except TypeError:
        raise refuse("sheets", "an iterable of SettlementSheet", sheets, where) from None
    per_class: dict[UserClass, tuple[Decimal, int]] = {}
    seen: set[str] = set()
    found: Currency | None = None
    for sheet in stream:
        if not isinstance(sheet, SettlementSheet):
            raise refuse("sheets", "SettlementSheet values", sheet, where, must="hold")
        if (sheet.read_on.year, sheet.read_on.month) != (year, month):
            raise InvalidInputError(
                f"sheet {sheet.sheet!r} was read on {sheet.read_on.isoformat()}, outside the "
                f"report's month {year:04d}-{month:02d} [{where}]"
            )
        if sheet.sheet in seen:
            raise InvalidInputError(f"sheet {sheet.sheet!r} is given twice [{where}]")
        seen.add(sheet.sheet)
        if found is None:
            found = sheet.amount.currency
        elif sheet.amount.currency != found:
            raise CurrencyMismatchError(
                f"sheets must share one currency, got {found.code} and "
                f"{sheet.amount.currency.code} (sheet {sheet.sheet!r}) [{where}]"
            )
        volume, minor = per_class.get(sheet.user_class, (Decimal(0), 0))
        per_class[sheet.user_class] = (volume + sheet.volume, minor + sheet.amount.minor)
    overall = (
        sum((v for v, _ in per_class.values()), Decimal(0)),
        sum(m for _, m in per_class.values()),
    )
    return _Totals(per_class, overall, found or currency, len(seen))


def monthly_report(
    year: int,
    month: int,
    sheets: Iterable[SettlementSheet],
    *,
    policy: Policy = _DEFAULT_POLICY,
) -> MonthlyReport:
    """The report that the month's settlement sheets add up to (B-5).

    Every sheet must be read in that month, and each sheet counts once. With no sheet the
    amounts are zero in ``general.currency``.

    Examples:
        >>> from datetime import date
        >>> s = SettlementSheet("S-1", "A-1", UserClass.COMMERCIAL, date(2026, 3, 21), "12.5",
        ...                     Money("40.00", "CNY"))
        >>> monthly_report(2026, 3, [s]).overall
        ReportTotals(volume=Decimal('12.5'), amount=Money('40.00', 'CNY'))
    """
    where = "monthly_report B-5"
    policy = check_policy(policy, where)
    year = check_int(year, "year", where, low=1, high=9999)
    month = check_int(month, "month", where, low=1, high=12)
    totals = _sheet_totals(year, month, sheets, policy.general.currency, where)
    cur = totals.currency
    volume, minor = totals.overall
    return MonthlyReport(
        year,
        month,
        tuple(
            (c, ReportTotals(v, Money.from_minor(m, cur))) for c, (v, m) in totals.per_class.items()
        ),
        ReportTotals(volume, Money.from_minor(minor, cur)),
    )


_MEASURE = validate.instance_of(
    cast("type", Decimal | Money), expect="a Decimal or Money", clause="B-5"
)


@attrs.frozen
class ReportDifference:
    """One total of the report that does not match the sheets (B-5).

    Attributes:
        scope: the user class, or ``None`` for the overall line.
        measure: ``"volume"`` or ``"amount"``.
        reported: what the report says.
        actual: what the sheets add up to.
    """

    scope: UserClass | None = attrs.field(
        validator=validate.instance_of(UserClass, optional=True, clause="B-5")
    )
    measure: Literal["volume", "amount"] = attrs.field(
        validator=validate.choice(("volume", "amount"), clause="B-5")
    )
    reported: Decimal | Money = attrs.field(validator=_MEASURE)
    actual: Decimal | Money = attrs.field(validator=_MEASURE)

    def label(self, lang: Lang = "en") -> str:
        """The difference as a phrase in ``lang``."""
        lang = check_lang(lang, "ReportDifference.label")
        if lang == "en":
            scope = "overall" if self.scope is None else self.scope.label("en")
            return f"{scope} {self.measure}: reported {self.reported}, sheets {self.actual}"
        scope = in_lang(lang, "", "合計") if self.scope is None else self.scope.label(lang)
        measure = in_lang(lang, "", "用氣量" if self.measure == "volume" else "金額")
        template = in_lang(lang, "", "{scope}{measure}：報表{reported}，結算單{actual}")
        return template.format(
            scope=scope,
            measure=measure,
            reported=render_fact(self.reported, lang),
            actual=render_fact(self.actual, lang),
        )


@attrs.frozen
class ReportCheck(Explained):
    """Whether a monthly report matches its settlement sheets exactly (B-5).

    Attributes:
        report: the report checked.
        sheets: the number of sheets.
        differences: every total that does not match, per class (in class order), then overall.
    """

    _lines = Lines("report.by_class", key="user_class")

    report: MonthlyReport = attrs.field(validator=validate.instance_of(MonthlyReport, clause="B-5"))
    sheets: int = attrs.field(validator=validate.integer(low=0, clause="B-5"))
    differences: tuple[ReportDifference, ...] = attrs.field(
        validator=validate.tuple_of(ReportDifference, clause="B-5")
    )

    @property
    def accurate(self) -> bool:
        """True when every total matches (100 % accuracy)."""
        return not self.differences

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The verdict, then one line per difference."""
        month = f"{self.report.year:04d}-{self.report.month:02d}"
        if self.accurate:
            return (
                Reason.of(
                    "billing.report_accurate",
                    B_5,
                    en="the report of {month} matches its {sheets} settlement sheet(s) exactly",
                    zh="{month}月度報表與{sheets}張氣費結算單完全相符",
                    month=month,
                    sheets=self.sheets,
                ),
            )
        head = Reason.of(
            "billing.report_inaccurate",
            B_5,
            en="the report of {month} does not match its {sheets} settlement sheet(s): "
            "{count} difference(s)",
            zh="{month}月度報表與{sheets}張氣費結算單不符：共{count}處差異",
            month=month,
            sheets=self.sheets,
            count=len(self.differences),
        )
        return (
            head,
            *(
                Reason.of("billing.report_difference", B_5, en="{d}", zh="{d}", d=d)
                for d in self.differences
            ),
        )


def check_report(report: MonthlyReport, sheets: Iterable[SettlementSheet]) -> ReportCheck:
    """Compare a monthly report's totals with the settlement sheets it summarises (B-5).

    Volume and amount are compared exactly per user class and overall; the report is accurate
    only when everything matches, and every difference is listed. A class the report has no
    line for counts as reported zero. Every sheet must be read in the report's month.

    Examples:
        >>> from datetime import date
        >>> s = SettlementSheet("S-1", "A-1", UserClass.COMMERCIAL, date(2026, 3, 21), "12.5",
        ...                     Money("40.00", "CNY"))
        >>> report = MonthlyReport(2026, 3, {UserClass.COMMERCIAL: ReportTotals("12.5",
        ...     Money("40.00", "CNY"))}, ReportTotals("12.5", Money("44.00", "CNY")))
        >>> print(check_report(report, [s]).explain())
        B-5 the report of 2026-03 does not match its 1 settlement sheet(s): 1 difference(s)
        B-5 overall amount: reported CNY 44.00, sheets CNY 40.00
    """
    where = "check_report B-5"
    report = check_instance(report, "report", where, MonthlyReport)
    totals = _sheet_totals(report.year, report.month, sheets, report.overall.amount.currency, where)
    reported = dict(report.by_class)
    differences: list[ReportDifference] = []
    scopes: list[tuple[UserClass | None, ReportTotals | None, tuple[Decimal, int]]] = [
        (c, reported.get(c), totals.per_class.get(c, (Decimal(0), 0)))
        for c in UserClass
        if c in reported or c in totals.per_class
    ]
    scopes.append((None, report.overall, totals.overall))
    for scope, told, (volume, minor) in scopes:
        told_volume = Decimal(0) if told is None else told.volume
        told_amount = Money.zero(totals.currency) if told is None else told.amount
        amount = Money.from_minor(minor, totals.currency)
        if told_volume != volume:
            differences.append(ReportDifference(scope, "volume", told_volume, volume))
        if told_amount != amount:
            differences.append(ReportDifference(scope, "amount", told_amount, amount))
    return ReportCheck(report, totals.count, tuple(differences))
