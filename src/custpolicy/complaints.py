"""Complaint handling (通用4): case numbers, deadlines, escalation and approval authority.

The clauses, in our own words:

- **C-8** A complaint case number is the two-digit year, the two-digit month and a running
  number (serial) that starts again at 01 every month, all taken from the day the GM office
  accepts the case. The serial has ``complaints.serial_width`` digits (**[assumption]** 2, so
  01-99); one case more than the width can hold is an error the caller sees, never a number
  that quietly grows longer.
- **C-9.3** Quality management reports within 3 days after the investigation.
- **C-9.6** The GM office writes its consolidated opinion within 1 day of receiving the sales
  department's result.
- **C-9.10** Before the 10th of each month the cases closed in the previous month are summarised
  (**[assumption]** the 10th itself is on time).
- **C-10** A case is closed within 13 days (domestic customer) or 17 days (foreign customer) of
  its acceptance by the GM office; **[assumption]** calendar days.
- **C-14** An open case past its C-10 deadline gets a reminder (催辦單); a case that was closed
  late gets an inquiry (洽辦單).
- **C-11** Who approves a complaint depends on its amount: the sales manager up to one limit,
  the vice general manager up to a higher one, the general manager above. The limits are
  required policy parameters.
- **C-9.11** Nobody answers a customer on an amount beyond their approval authority.

Calendar-day periods follow the Conventions: they end on start + N days, that day still on
time, and roll to the next working day only when ``general.roll_to_working_day`` is on (PRC
Civil Code art. 203).

Every function that judges an event takes the policy the caller chose (M-1.9): pick it with
``book.in_force(event_date).policy``.

Examples:
    >>> from datetime import date
    >>> n = next_case_number(date(2026, 3, 5), ["260301", "260302"])
    >>> str(n.number)
    '260303'
    >>> closing_deadline(date(2026, 3, 5), "domestic").due
    datetime.date(2026, 3, 18)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Any, Literal

import attrs

from custpolicy.checks import check_calendar as _check_calendar
from custpolicy.checks import check_date as _check_date
from custpolicy.checks import check_policy as _check_policy
from custpolicy.clauses import C_8, C_9_3, C_9_6, C_9_10, C_9_11, C_10, C_11, C_14, Lang
from custpolicy.deadlines import (
    Deadline,
    calendar_deadline,
    monthly_deadline,
    working_day_deadline,
)
from custpolicy.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    ParameterNotSetError,
    PolicyViolationError,
)
from custpolicy.explain import Choice, Explained, Reason, check_lang
from custpolicy.money import Currency, Money
from custpolicy.policy import Policy
from custpolicy.workdays import WorkCalendar

__all__ = [
    "AmountApproval",
    "AnswerAuthority",
    "ApprovalBand",
    "ApprovalTable",
    "Approver",
    "CaseNumber",
    "CaseNumberIssue",
    "CaseReview",
    "CaseState",
    "CaseStatus",
    "ComplaintCase",
    "MonthlySummary",
    "approver_for",
    "case_status",
    "closing_deadline",
    "may_answer",
    "monthly_summary",
    "next_case_number",
    "opinion_deadline",
    "qa_report_deadline",
    "review_cases",
    "summary_deadline",
]

_DEFAULT_POLICY = Policy()

Market = Literal["domestic", "foreign"]
"""Where the customer of a complaint is: at home or abroad (C-10)."""
_CUSTOMERS: tuple[Market, ...] = ("domestic", "foreign")
_CUSTOMER_ZH = {"domestic": "國內", "foreign": "國外"}


# -- argument checks ------------------------------------------------------------------------------


def _check_int(value: object, argument: str, low: int, high: int, where: str) -> int:
    if not isinstance(value, int) or value.__class__ is not int or not low <= value <= high:
        raise InvalidInputError(
            f"{argument} must be an int from {low} to {high}, got {value!r} [{where}]"
        )
    return value


def _check_customer(value: object, where: str) -> Market:
    if not isinstance(value, str) or value not in _CUSTOMERS:
        raise InvalidInputError(f"customer must be one of {_CUSTOMERS!r}, got {value!r} [{where}]")
    return value


def _tuple_of(value: object, argument: str, where: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"{argument} must be an iterable, got {value!r} [{where}]")
    return tuple(value)


# -- C-8 case numbers -----------------------------------------------------------------------------

_MAX_WIDTH = 9


def _validate_number(instance: CaseNumber, attribute: attrs.Attribute[Any], value: object) -> None:
    where = "CaseNumber C-8"
    if attribute.name == "year":
        _check_int(value, "year", 2000, 2099, f"{where}: the two-digit year names 2000-2099")
    elif attribute.name == "month":
        _check_int(value, "month", 1, 12, where)
    else:
        _check_int(value, "width", 1, _MAX_WIDTH, where)


@attrs.frozen(order=True)
class CaseNumber:
    """A complaint case number: year, month and monthly serial, written ``YYMM`` + serial (C-8).

    ``str()`` gives the written form, the serial padded to ``width`` digits (the policy's
    ``complaints.serial_width`` when built with :meth:`for_acceptance` or :meth:`parse`).
    Numbers order by year, month and serial. The two-digit year names a year from 2000 to 2099.

    Examples:
        >>> from datetime import date
        >>> n = CaseNumber.for_acceptance(date(2026, 12, 31), 7)
        >>> str(n), n
        ('261207', CaseNumber(year=2026, month=12, serial=7, width=2))
        >>> CaseNumber.parse("2612007", policy=Policy().updated({"complaints.serial_width": 3}))
        CaseNumber(year=2026, month=12, serial=7, width=3)
        >>> CaseNumber(2026, 3, 100)
        Traceback (most recent call last):
        ...
        custpolicy.errors.InvalidInputError: serial must be an int from 1 to 99 (a 2-digit \
serial), got 100 [CaseNumber C-8]
    """

    year: int = attrs.field(validator=_validate_number)
    month: int = attrs.field(validator=_validate_number)
    serial: int
    width: int = attrs.field(default=2, validator=_validate_number)

    def __attrs_post_init__(self) -> None:
        top = 10**self.width - 1
        if self.serial.__class__ is not int or not 1 <= self.serial <= top:
            raise InvalidInputError(
                f"serial must be an int from 1 to {top} (a {self.width}-digit serial), got "
                f"{self.serial!r} [CaseNumber C-8]"
            )

    def __str__(self) -> str:
        return f"{self.year % 100:02d}{self.month:02d}{self.serial:0{self.width}d}"

    @property
    def period(self) -> tuple[int, int]:
        """The (year, month) the serial runs in."""
        return self.year, self.month

    @classmethod
    def for_acceptance(
        cls, accepted: date, serial: int, *, policy: Policy = _DEFAULT_POLICY
    ) -> CaseNumber:
        """The number with ``serial`` for a case accepted on ``accepted`` (C-8)."""
        where = "CaseNumber.for_acceptance C-8"
        accepted = _check_date(accepted, "accepted", where)
        width = _check_policy(policy, where).complaints.serial_width
        if not 2000 <= accepted.year <= 2099:
            raise InvalidInputError(
                f"accepted must fall in 2000-2099 (a two-digit year), got {accepted!r} [{where}]"
            )
        return cls(accepted.year, accepted.month, serial, width)

    @classmethod
    def parse(cls, text: str, *, policy: Policy = _DEFAULT_POLICY) -> CaseNumber:
        """Read a written case number, ``YYMM`` + a serial of ``complaints.serial_width`` (C-8).

        Examples:
            >>> CaseNumber.parse("261301")
            Traceback (most recent call last):
            ...
            custpolicy.errors.InvalidInputError: case number '261301' has month 13; the month \
(digits 3-4) must be 01-12 [CaseNumber.parse C-8]
        """
        where = "CaseNumber.parse C-8"
        width = _check_policy(policy, where).complaints.serial_width
        if not isinstance(text, str):
            raise InvalidInputError(f"text must be a str such as '260301', got {text!r} [{where}]")
        shape = f"YYMM followed by a {width}-digit serial ({4 + width} digits)"
        if len(text) != 4 + width or not (text.isascii() and text.isdigit()):
            raise InvalidInputError(f"case number {text!r} must be {shape} [{where}]")
        month, serial = int(text[2:4]), int(text[4:])
        if not 1 <= month <= 12:
            raise InvalidInputError(
                f"case number {text!r} has month {month}; the month (digits 3-4) must be 01-12 "
                f"[{where}]"
            )
        if serial == 0:
            raise InvalidInputError(
                f"case number {text!r} has serial 0; serials start at {1:0{width}d} [{where}]"
            )
        return cls(2000 + int(text[:2]), month, serial, width)


@attrs.frozen
class CaseNumberIssue(Explained):
    """The next case number of a month, and why (C-8).

    Attributes:
        number: the number issued.
        accepted: the acceptance date it was taken from.
        issued_in_month: how many numbers of that month were already issued.
        last: the highest number of that month already issued, if any.
    """

    number: CaseNumber
    accepted: date
    issued_in_month: int
    last: CaseNumber | None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The month and serial the number was taken from."""
        return (
            Reason.of(
                "complaints.case_number",
                C_8,
                en="case accepted on {accepted}: {count} number(s) already issued in {period}, "
                "the last {last}; the next is {number}",
                zh="案件於{accepted}受理:{period}已編{count}號,最後為{last};下一號為{number}",
                accepted=self.accepted,
                count=self.issued_in_month,
                period=f"{self.number.year:04d}-{self.number.month:02d}",
                last=str(self.last) if self.last is not None else "-",
                number=str(self.number),
            ),
        )


def _as_number(value: object, policy: Policy, where: str) -> CaseNumber:
    if isinstance(value, CaseNumber):
        return value
    if isinstance(value, str):
        return CaseNumber.parse(value, policy=policy)
    raise InvalidInputError(
        f"issued must hold CaseNumber values or str such as '260301', got {value!r} [{where}]"
    )


def next_case_number(
    accepted: date, issued: Iterable[CaseNumber | str] = (), *, policy: Policy = _DEFAULT_POLICY
) -> CaseNumberIssue:
    """The next case number for a case accepted on ``accepted`` (C-8).

    A pure function of the acceptance month and the numbers already issued (of any months; only
    those of the same month count): the serial is one more than the highest issued that month,
    so numbers stay unique and increasing even after a gap. A serial that no longer fits
    ``complaints.serial_width`` digits raises :class:`PolicyViolationError` (``.clause`` C-8).

    Examples:
        >>> from datetime import date
        >>> full = [f"2603{s:02d}" for s in range(1, 100)]
        >>> next_case_number(date(2026, 3, 31), full)
        Traceback (most recent call last):
        ...
        custpolicy.errors.PolicyViolationError: case 100 of 2026-03 does not fit the 2-digit \
serial (01-99): set complaints.serial_width wider; a number is never silently lengthened [C-8]
        >>> str(next_case_number(date(2026, 4, 1), full).number)
        '260401'
    """
    where = "next_case_number C-8"
    policy = _check_policy(policy, where)
    accepted = _check_date(accepted, "accepted", where)
    width = policy.complaints.serial_width
    first = CaseNumber.for_acceptance(accepted, 1, policy=policy)
    numbers = [_as_number(v, policy, where) for v in _tuple_of(issued, "issued", where)]
    same = sorted(n for n in numbers if n.period == first.period)
    seen: set[int] = set()
    for n in same:
        if n.serial in seen:
            raise InvalidInputError(
                f"issued holds serial {n.serial} of {n.year:04d}-{n.month:02d} twice ({n}); "
                f"case numbers are unique [{where}]"
            )
        seen.add(n.serial)
    last = same[-1] if same else None
    serial = last.serial + 1 if last is not None else 1
    top = 10**width - 1
    if serial > top:
        raise PolicyViolationError(
            f"case {serial} of {accepted.year:04d}-{accepted.month:02d} does not fit the "
            f"{width}-digit serial ({1:0{width}d}-{top}): set complaints.serial_width wider; "
            f"a number is never silently lengthened [C-8]",
            clause=C_8,
        )
    number = CaseNumber(accepted.year, accepted.month, serial, width)
    return CaseNumberIssue(number, accepted, len(same), last)


# -- C-9.3, C-9.6, C-9.10, C-10 deadlines --------------------------------------------------------


def closing_deadline(
    accepted: date,
    customer: Market,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The day by which a complaint accepted on ``accepted`` must be closed (C-10).

    ``customer`` is ``"domestic"`` (``complaints.close_days_domestic``, 13 days) or
    ``"foreign"`` (``complaints.close_days_foreign``, 17 days). Calendar days by default, with
    the art. 203 roll when ``general.roll_to_working_day`` is on; working days on ``calendar``
    (China by default) when ``complaints.close_in_calendar_days`` is off.

    Examples:
        >>> from datetime import date
        >>> print(closing_deadline(date(2026, 9, 20), "foreign").explain("zh-Hant"))
        C-10 國外客戶投訴結案期限為2026-09-20後17個日曆日,即2026-10-07(當日仍屬準時)
    """
    where = "closing_deadline C-10"
    accepted = _check_date(accepted, "accepted", where)
    policy = _check_policy(policy, where)
    calendar = _check_calendar(calendar, where)
    customer = _check_customer(customer, where)
    c = policy.complaints
    days = c.close_days_domestic if customer == "domestic" else c.close_days_foreign
    subject = (f"closing of a {customer} complaint", f"{_CUSTOMER_ZH[customer]}客戶投訴結案")
    if c.close_in_calendar_days:
        return calendar_deadline(
            accepted, days, clause=C_10, subject=subject, policy=policy, calendar=calendar
        )
    return working_day_deadline(accepted, days, clause=C_10, subject=subject, calendar=calendar)


def qa_report_deadline(
    investigated: date, *, policy: Policy = _DEFAULT_POLICY, calendar: WorkCalendar | None = None
) -> Deadline:
    """The day by which quality management reports on an investigation (C-9.3).

    ``complaints.qa_report_days`` (3) calendar days after the investigation, with the optional
    art. 203 roll.

    Examples:
        >>> from datetime import date
        >>> qa_report_deadline(date(2026, 9, 28)).due
        datetime.date(2026, 10, 1)
    """
    where = "qa_report_deadline C-9.3"
    investigated = _check_date(investigated, "investigated", where)
    policy = _check_policy(policy, where)
    return calendar_deadline(
        investigated,
        policy.complaints.qa_report_days,
        clause=C_9_3,
        subject=("the QA report", "品管調查報告"),
        policy=policy,
        calendar=_check_calendar(calendar, where),
    )


def opinion_deadline(
    received: date, *, policy: Policy = _DEFAULT_POLICY, calendar: WorkCalendar | None = None
) -> Deadline:
    """The day by which the GM office writes its consolidated opinion (C-9.6).

    ``complaints.opinion_days`` (1) calendar day after the sales result reaches the GM office,
    with the optional art. 203 roll.

    Examples:
        >>> from datetime import date
        >>> opinion_deadline(date(2026, 3, 5)).due
        datetime.date(2026, 3, 6)
    """
    where = "opinion_deadline C-9.6"
    received = _check_date(received, "received", where)
    policy = _check_policy(policy, where)
    return calendar_deadline(
        received,
        policy.complaints.opinion_days,
        clause=C_9_6,
        subject=("the consolidated opinion", "總經理室綜合意見"),
        policy=policy,
        calendar=_check_calendar(calendar, where),
    )


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def summary_deadline(year: int, month: int, *, policy: Policy = _DEFAULT_POLICY) -> Deadline:
    """The day by which the cases closed in ``year``-``month`` are summarised (C-9.10).

    The summary is due "before the 10th" of the following month (December's in January of the
    next year); **[assumption]** the 10th itself is on time (``general.monthly_due_day_on_time``).

    Examples:
        >>> summary_deadline(2026, 12).due
        datetime.date(2027, 1, 10)
    """
    where = "summary_deadline C-9.10"
    policy = _check_policy(policy, where)
    _check_int(year, "year", 1, 9998, where)
    _check_int(month, "month", 1, 12, where)
    due_year, due_month = _next_month(year, month)
    period = f"{year:04d}-{month:02d}"
    return monthly_deadline(
        due_year,
        due_month,
        clause=C_9_10,
        subject=(f"the summary of the cases closed in {period}", f"{period}結案案件匯總"),
        policy=policy,
    )


# -- C-14 case status and escalation -------------------------------------------------------------


class CaseState(Choice):
    """Where a complaint case stands on a date (C-14)."""

    OPEN_ON_TIME = "open_on_time"
    OPEN_OVERDUE = "open_overdue"
    CLOSED_ON_TIME = "closed_on_time"
    CLOSED_LATE = "closed_late"

    @property
    def late(self) -> bool:
        """Whether the case missed its C-10 deadline (open overdue or closed late)."""
        return self in (CaseState.OPEN_OVERDUE, CaseState.CLOSED_LATE)


CaseState._labels = {
    CaseState.OPEN_ON_TIME: ("open and on time", "處理中,未逾期"),
    CaseState.OPEN_OVERDUE: ("open and overdue", "處理中,已逾期"),
    CaseState.CLOSED_ON_TIME: ("closed on time", "已如期結案"),
    CaseState.CLOSED_LATE: ("closed late", "已逾期結案"),
}


def _check_case(instance: ComplaintCase, attribute: attrs.Attribute[Any], value: object) -> None:
    where = "ComplaintCase C-10"
    if attribute.name == "number" and not isinstance(value, CaseNumber):
        raise InvalidInputError(
            f"number must be a CaseNumber (use CaseNumber.parse), got {value!r} [{where}]"
        )
    if attribute.name == "accepted":
        _check_date(value, "accepted", where)
    if attribute.name == "customer":
        _check_customer(value, where)
    if attribute.name == "closed" and value is not None:
        _check_date(value, "closed", where)


@attrs.frozen
class ComplaintCase:
    """A complaint case: its number, acceptance by the GM office, customer and closing day.

    The number's year and month must be those of the acceptance date (C-8); a case cannot be
    closed before it was accepted.

    Examples:
        >>> from datetime import date
        >>> ComplaintCase(
        ...     CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic", closed=date(2026, 3, 18))
        ComplaintCase(number=CaseNumber(year=2026, month=3, serial=1, width=2), \
accepted=datetime.date(2026, 3, 5), customer='domestic', closed=datetime.date(2026, 3, 18))
    """

    number: CaseNumber = attrs.field(validator=_check_case)
    accepted: date = attrs.field(validator=_check_case)
    customer: Market = attrs.field(validator=_check_case)
    closed: date | None = attrs.field(default=None, validator=_check_case)

    def __attrs_post_init__(self) -> None:
        if self.number.period != (self.accepted.year, self.accepted.month):
            raise InvalidInputError(
                f"number {self.number} must carry the year and month of the acceptance date "
                f"{self.accepted.isoformat()} [ComplaintCase C-8]"
            )
        if self.closed is not None and self.closed < self.accepted:
            raise InvalidInputError(
                f"closed must not be before accepted, got {self.closed.isoformat()} < "
                f"{self.accepted.isoformat()} for case {self.number} [ComplaintCase C-10]"
            )


@attrs.frozen
class CaseStatus(Explained):
    """A case's state on a date, its C-10 deadline and the C-14 document due.

    Attributes:
        case: the case.
        on: the date judged; a closing after it is not yet known on that date.
        deadline: the case's C-10 closing deadline.
        state: open on time, open overdue, closed on time or closed late.
        days_late: days past the deadline (working days when C-10 counts working days).
    """

    case: ComplaintCase
    on: date
    deadline: Deadline = attrs.field(repr=False)
    state: CaseState
    days_late: int

    @property
    def reminder_due(self) -> bool:
        """Whether a reminder (催辦單) is due: the case is open past its deadline (C-14)."""
        return self.state is CaseState.OPEN_OVERDUE

    @property
    def inquiry_due(self) -> bool:
        """Whether an inquiry (洽辦單) is due: the case was closed late (C-14)."""
        return self.state is CaseState.CLOSED_LATE

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The deadline, then the state on the date and the document due."""
        facts: dict[str, object] = {
            "number": str(self.case.number),
            "on": self.on,
            "state": self.state,
            "late": self.days_late,
            "closed": self.case.closed or self.on,
        }
        texts = {
            CaseState.OPEN_ON_TIME: (
                "case {number} is {state} on {on}; no reminder is due",
                "案件{number}於{on}{state},無須催辦",
            ),
            CaseState.OPEN_OVERDUE: (
                (
                    "case {number} is {state} on {on}, {late} day(s) past its deadline: a "
                    "reminder (催辦單) is due"
                ),
                "案件{number}於{on}{state},逾期{late}日:應開立催辦單",
            ),
            CaseState.CLOSED_ON_TIME: (
                "case {number} was {state} on {closed}",
                "案件{number}於{closed}{state}",
            ),
            CaseState.CLOSED_LATE: (
                (
                    "case {number} was {state} on {closed}, {late} day(s) past its deadline: an "
                    "inquiry (洽辦單) into the delay may be sent"
                ),
                "案件{number}於{closed}{state},逾期{late}日:得開立洽辦單追查逾期原因",
            ),
        }
        en, zh = texts[self.state]
        return (*self.deadline.reasons, Reason("complaints.status", C_14, en, zh, facts))


def case_status(
    case: ComplaintCase,
    on: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> CaseStatus:
    """Where ``case`` stands on ``on``: open or closed, on time or late (C-14, C-10).

    A case closed after ``on`` is still open on ``on``. An open case past its deadline needs a
    reminder (催辦單); a case closed late, an inquiry (洽辦單). Closing on the deadline itself is
    on time.

    Examples:
        >>> from datetime import date
        >>> case = ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic")
        >>> case_status(case, date(2026, 3, 20)).state
        CaseState.OPEN_OVERDUE
        >>> print(case_status(case, date(2026, 3, 20)).explain())
        C-10 closing of a domestic complaint is due 13 calendar days after 2026-03-05, on \
2026-03-18 (that day is still on time)
        C-14 case 260301 is open and overdue on 2026-03-20, 2 day(s) past its deadline: a \
reminder (催辦單) is due
    """
    where = "case_status C-14"
    if not isinstance(case, ComplaintCase):
        raise InvalidInputError(f"case must be a ComplaintCase, got {case!r} [{where}]")
    on = _check_date(on, "on", where)
    if on < case.accepted:
        raise InvalidInputError(
            f"on must not be before the case was accepted, got {on.isoformat()} < "
            f"{case.accepted.isoformat()} for case {case.number} [{where}]"
        )
    deadline = closing_deadline(case.accepted, case.customer, policy=policy, calendar=calendar)
    closed = case.closed if case.closed is not None and case.closed <= on else None
    days_late = deadline.days_late(closed if closed is not None else on)
    if closed is not None:
        state = CaseState.CLOSED_LATE if days_late else CaseState.CLOSED_ON_TIME
    else:
        state = CaseState.OPEN_OVERDUE if days_late else CaseState.OPEN_ON_TIME
    return CaseStatus(case, on, deadline, state, days_late)


def _cases(value: object, where: str) -> tuple[ComplaintCase, ...]:
    cases = _tuple_of(value, "cases", where)
    seen: set[CaseNumber] = set()
    for case in cases:
        if not isinstance(case, ComplaintCase):
            raise InvalidInputError(f"cases must hold ComplaintCase values, got {case!r} [{where}]")
        if case.number in seen:
            raise InvalidInputError(f"cases holds case {case.number} twice [{where}]")
        seen.add(case.number)
    return cases


@attrs.frozen
class CaseReview(Explained):
    """The state of many cases on one date (C-14), in case-number order.

    Attributes:
        on: the date judged.
        statuses: each case's :class:`CaseStatus`, ordered by case number.
    """

    on: date
    statuses: tuple[CaseStatus, ...]

    def _with(self, state: CaseState) -> tuple[CaseNumber, ...]:
        return tuple(s.case.number for s in self.statuses if s.state is state)

    @property
    def reminders(self) -> tuple[CaseNumber, ...]:
        """The open overdue cases that need a reminder (催辦單)."""
        return self._with(CaseState.OPEN_OVERDUE)

    @property
    def inquiries(self) -> tuple[CaseNumber, ...]:
        """The cases closed late, for which an inquiry (洽辦單) may be sent."""
        return self._with(CaseState.CLOSED_LATE)

    def count(self, state: CaseState | str) -> int:
        """How many cases are in ``state``: a :class:`CaseState`, or its value.

        Examples:
            >>> from datetime import date
            >>> case = ComplaintCase(CaseNumber(2026, 3, 2), date(2026, 3, 9), "foreign")
            >>> review = review_cases([case], date(2026, 3, 31))
            >>> review.count(CaseState.OPEN_OVERDUE), review.count("open_overdue")
            (1, 1)
        """
        state = CaseState(state)
        return sum(1 for s in self.statuses if s.state is state)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """A head line with the counts, then one line per case."""
        head = Reason.of(
            "complaints.review",
            C_14,
            en="{n} case(s) on {on}: {open_ok} open on time, {open_late} open overdue "
            "(reminders: {reminders}), {closed_ok} closed on time, {closed_late} closed late "
            "(inquiries: {inquiries})",
            zh="{on}共{n}件:處理中未逾期{open_ok}件,處理中已逾期{open_late}件(催辦單:{reminders}),"
            "如期結案{closed_ok}件,逾期結案{closed_late}件(洽辦單:{inquiries})",
            n=len(self.statuses),
            on=self.on,
            open_ok=self.count(CaseState.OPEN_ON_TIME),
            open_late=self.count(CaseState.OPEN_OVERDUE),
            closed_ok=self.count(CaseState.CLOSED_ON_TIME),
            closed_late=self.count(CaseState.CLOSED_LATE),
            reminders=tuple(str(n) for n in self.reminders) or "-",
            inquiries=tuple(str(n) for n in self.inquiries) or "-",
        )
        return (head, *(s.reasons[-1] for s in self.statuses))


def review_cases(
    cases: Iterable[ComplaintCase],
    on: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> CaseReview:
    """Every case's state on ``on``, with the reminders and inquiries due (C-14).

    Cases accepted after ``on`` are left out (they did not exist yet). Two cases with the same
    number are refused.

    Examples:
        >>> from datetime import date
        >>> cases = [
        ...     ComplaintCase(
        ...         CaseNumber(2026, 3, 1), date(2026, 3, 2), "domestic", date(2026, 3, 20)),
        ...     ComplaintCase(CaseNumber(2026, 3, 2), date(2026, 3, 9), "foreign"),
        ... ]
        >>> review = review_cases(cases, date(2026, 3, 31))
        >>> [str(n) for n in review.reminders], [str(n) for n in review.inquiries]
        (['260302'], ['260301'])
    """
    where = "review_cases C-14"
    all_cases = _cases(cases, where)
    on = _check_date(on, "on", where)
    statuses = tuple(
        case_status(c, on, policy=policy, calendar=calendar)
        for c in sorted(all_cases, key=lambda c: c.number)
        if c.accepted <= on
    )
    return CaseReview(on, statuses)


@attrs.frozen
class MonthlySummary(Explained):
    """The cases closed in one month, for the summary due before the 10th (C-9.10, C-14).

    Attributes:
        year: the year of the month summarised.
        month: the month summarised.
        deadline: the C-9.10 deadline of the summary (in the following month).
        closed: the status of each case closed in the month, judged on its closing day,
            ordered by case number.
    """

    year: int
    month: int
    deadline: Deadline = attrs.field(repr=False)
    closed: tuple[CaseStatus, ...]

    @property
    def on_time(self) -> tuple[CaseNumber, ...]:
        """The cases closed on time."""
        return tuple(s.case.number for s in self.closed if s.state is CaseState.CLOSED_ON_TIME)

    @property
    def late(self) -> tuple[CaseNumber, ...]:
        """The cases closed late: an inquiry (洽辦單) may be sent for each (C-14)."""
        return tuple(s.case.number for s in self.closed if s.state is CaseState.CLOSED_LATE)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The summary deadline, the counts, then one line per case."""
        head = Reason.of(
            "complaints.summary",
            C_9_10,
            en="{n} case(s) closed in {period}: {ok} on time, {late} late (inquiries: {cases})",
            zh="{period}結案{n}件:如期{ok}件,逾期{late}件(洽辦單:{cases})",
            n=len(self.closed),
            period=f"{self.year:04d}-{self.month:02d}",
            ok=len(self.on_time),
            late=len(self.late),
            cases=tuple(str(n) for n in self.late) or "-",
        )
        return (*self.deadline.reasons, head, *(s.reasons[-1] for s in self.closed))


def monthly_summary(
    cases: Iterable[ComplaintCase],
    year: int,
    month: int,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> MonthlySummary:
    """The cases closed in ``year``-``month``, judged on time or late (C-9.10, C-14).

    Feed it the whole register: cases closed in other months, and open cases, are left out. The
    summary itself is due before the 10th of the following month (:func:`summary_deadline`).

    Examples:
        >>> from datetime import date
        >>> cases = [
        ...     ComplaintCase(
        ...         CaseNumber(2026, 2, 1), date(2026, 2, 14), "domestic", date(2026, 2, 27)),
        ...     ComplaintCase(
        ...         CaseNumber(2026, 2, 2), date(2026, 2, 14), "domestic", date(2026, 2, 28)),
        ... ]
        >>> print(monthly_summary(cases, 2026, 2).explain())
        C-9.10 the summary of the cases closed in 2026-02 is due before day 10 of 2026-03: the \
last day on time is 2026-03-10 (that day itself counts as on time)
        C-9.10 2 case(s) closed in 2026-02: 1 on time, 1 late (inquiries: 260202)
        C-14 case 260201 was closed on time on 2026-02-27
        C-14 case 260202 was closed late on 2026-02-28, 1 day(s) past its deadline: an \
inquiry (洽辦單) into the delay may be sent
    """
    where = "monthly_summary C-9.10"
    all_cases = _cases(cases, where)
    deadline = summary_deadline(year, month, policy=policy)
    closed = tuple(
        case_status(c, c.closed, policy=policy, calendar=calendar)
        for c in sorted(all_cases, key=lambda c: c.number)
        if c.closed is not None and (c.closed.year, c.closed.month) == (year, month)
    )
    return MonthlySummary(year, month, deadline, closed)


# -- C-11 and C-9.11 approval authority ----------------------------------------------------------


class Approver(Choice):
    """The approvers of C-11, from the lowest authority to the highest."""

    SALES_MANAGER = 1
    VICE_GM = 2
    GM = 3


Approver._labels = {
    Approver.SALES_MANAGER: ("sales manager", "業務部經理"),
    Approver.VICE_GM: ("vice general manager", "副總經理"),
    Approver.GM: ("general manager", "總經理"),
}


def _check_band(instance: ApprovalBand, attribute: attrs.Attribute[Any], value: object) -> None:
    where = "ApprovalBand C-11"
    ok = {
        "role": isinstance(value, Approver),
        "lower": isinstance(value, Money) and value.minor >= 0,
        "upper": value is None or isinstance(value, Money),
        "lower_inclusive": isinstance(value, bool),
        "upper_inclusive": isinstance(value, bool),
    }[attribute.name]
    if not ok:
        kind = {
            "role": "an Approver",
            "lower": "a non-negative Money",
            "upper": "a Money or None (no upper bound)",
        }.get(attribute.name, "True or False")
        raise InvalidInputError(f"{attribute.name} must be {kind}, got {value!r} [{where}]")


@attrs.frozen(kw_only=True)
class ApprovalBand:
    """One band of an approval table: a range of amounts and the role that approves it (C-11).

    Both bounds are explicit: say whether each is included. ``upper=None`` means no upper bound
    (``upper_inclusive`` must then be False).

    Examples:
        >>> b = ApprovalBand(
        ...     role=Approver.VICE_GM, lower=Money("5000", "CNY"), lower_inclusive=False,
        ...     upper=Money("50000", "CNY"), upper_inclusive=True)
        >>> b.label()
        'vice general manager (CNY 5,000.00, CNY 50,000.00]'
    """

    role: Approver = attrs.field(validator=_check_band)
    lower: Money = attrs.field(validator=_check_band)
    lower_inclusive: bool = attrs.field(validator=_check_band)
    upper: Money | None = attrs.field(validator=_check_band)
    upper_inclusive: bool = attrs.field(validator=_check_band)

    def __attrs_post_init__(self) -> None:
        where = f"ApprovalBand {self.role.label()} C-11"
        if self.upper is None:
            if self.upper_inclusive:
                raise InvalidInputError(
                    f"upper_inclusive must be False when upper is None (no upper bound) [{where}]"
                )
            return
        if self.upper.currency != self.lower.currency:
            raise CurrencyMismatchError(
                f"lower and upper must share one currency, got {self.lower!r} and "
                f"{self.upper!r} [{where}]"
            )
        empty = self.upper < self.lower or (
            self.upper == self.lower and not (self.lower_inclusive and self.upper_inclusive)
        )
        if empty:
            raise InvalidInputError(f"band {self.label()} holds no amount [{where}]")

    def contains(self, amount: Money) -> bool:
        """Whether ``amount`` falls in the band."""
        if not isinstance(amount, Money) or amount.currency != self.lower.currency:
            where = "ApprovalBand.contains C-11"
            if not isinstance(amount, Money):
                raise InvalidInputError(f"amount must be a Money, got {amount!r} [{where}]")
            raise CurrencyMismatchError(
                f"amount must be in the band's currency {self.lower.currency.code}, got "
                f"{amount!r} [{where}]"
            )
        above = amount > self.lower if not self.lower_inclusive else amount >= self.lower
        if self.upper is None or not above:
            return above
        return amount <= self.upper if self.upper_inclusive else amount < self.upper

    def label(self, lang: Lang = "en") -> str:
        """The role and the range in interval notation, e.g. ``sales manager [0, 5,000]``."""
        check_lang(lang, "ApprovalBand.label")
        left = "[" if self.lower_inclusive else "("
        right = "]" if self.upper_inclusive else ")"
        upper = str(self.upper) if self.upper is not None else "∞"
        return f"{self.role.label(lang)} {left}{self.lower}, {upper}{right}"


def _bands(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class ApprovalTable(Explained):
    """Amount bands and the role that approves each (C-11), checked when built.

    The bands must start at zero (included), follow each other in ascending order without a gap
    or an overlap (where one band ends at an amount, exactly one of the two bands includes it),
    end with an unbounded band, use one currency, and name the roles in ascending order of
    authority (each role at most once). A bad table is refused with a message naming the band.
    Build the company's table with :meth:`from_policy`.

    Examples:
        >>> table = ApprovalTable.from_policy(Policy().updated({
        ...     "complaints.sales_manager_limit": Money("5000", "CNY"),
        ...     "complaints.vice_gm_limit": Money("50000", "CNY")}))
        >>> table.approver_for(Money("5000.01", "CNY")).role
        Approver.VICE_GM
        >>> ApprovalTable((
        ...     ApprovalBand(role=Approver.SALES_MANAGER, lower=Money(0, "CNY"),
        ...          lower_inclusive=True, upper=Money(5000, "CNY"), upper_inclusive=False),
        ...     ApprovalBand(role=Approver.GM, lower=Money(5000, "CNY"), lower_inclusive=False,
        ...          upper=None, upper_inclusive=False)))
        Traceback (most recent call last):
        ...
        custpolicy.errors.InvalidInputError: band 2 (general manager (CNY 5,000.00, ∞)) leaves \
a gap: CNY 5,000.00 is in neither band 1 nor band 2; exactly one of them must include it \
[ApprovalTable C-11]
    """

    bands: tuple[ApprovalBand, ...] = attrs.field(converter=_bands)

    def __attrs_post_init__(self) -> None:
        where = "ApprovalTable C-11"
        bands = self.bands
        if not isinstance(bands, tuple) or not bands:
            raise InvalidInputError(
                f"bands must be a non-empty tuple of ApprovalBand values, got {bands!r} [{where}]"
            )
        for i, band in enumerate(bands, start=1):
            if not isinstance(band, ApprovalBand):
                raise InvalidInputError(f"band {i} must be an ApprovalBand, got {band!r} [{where}]")
        first, last = bands[0], bands[-1]
        if first.lower.minor != 0 or not first.lower_inclusive:
            raise InvalidInputError(
                f"band 1 ({first.label()}) must start at zero, included, so every amount has an "
                f"approver [{where}]"
            )
        cur = first.lower.currency
        for i, band in enumerate(bands, start=1):
            if band.lower.currency != cur:
                raise CurrencyMismatchError(
                    f"band {i} ({band.label()}) is in {band.lower.currency.code}, but band 1 is "
                    f"in {cur.code}; a table uses one currency [{where}]"
                )
        for i, (a, b) in enumerate(pairwise(bands), start=2):
            self._check_pair(i, a, b, where)
        if last.upper is not None:
            raise InvalidInputError(
                f"band {len(bands)} ({last.label()}) must have no upper bound (upper=None), so "
                f"every amount has an approver [{where}]"
            )

    @staticmethod
    def _check_pair(i: int, a: ApprovalBand, b: ApprovalBand, where: str) -> None:
        name = f"band {i} ({b.label()})"
        if a.upper is None:
            raise InvalidInputError(
                f"band {i - 1} ({a.label()}) has no upper bound, so it must be the last [{where}]"
            )
        if b.lower < a.lower or (b.lower == a.lower and not a.lower_inclusive):
            raise InvalidInputError(
                f"{name} must come after band {i - 1} ({a.label()}): bands ascend [{where}]"
            )
        if b.lower < a.upper or (b.lower == a.upper and a.upper_inclusive and b.lower_inclusive):
            raise InvalidInputError(f"{name} overlaps band {i - 1} ({a.label()}) [{where}]")
        if b.lower > a.upper or not (a.upper_inclusive or b.lower_inclusive):
            raise InvalidInputError(
                f"{name} leaves a gap: {a.upper} is in neither band {i - 1} nor band {i}"
                + ("" if b.lower == a.upper else f" (nor is anything up to {b.lower})")
                + f"; exactly one of them must include it [{where}]"
            )
        if b.role.value <= a.role.value:
            raise InvalidInputError(
                f"{name} must name a role of more authority than band {i - 1} "
                f"({a.role.label()}) [{where}]"
            )

    @classmethod
    def from_policy(cls, policy: Policy = _DEFAULT_POLICY) -> ApprovalTable:
        """The table of ``complaints.sales_manager_limit`` and ``complaints.vice_gm_limit`` (C-11).

        The sales manager approves up to and including the first limit, the vice GM up to and
        including the second, the GM above. When the two limits are equal the vice GM has no
        band. Either limit unset raises :class:`ParameterNotSetError` naming what is unset.
        """
        where = "ApprovalTable.from_policy C-11"
        c = _check_policy(policy, where).complaints
        manager, vice = c.sales_manager_limit, c.vice_gm_limit
        if manager is None or vice is None:
            unset = [
                f"complaints.{name}"
                for name, value in (("sales_manager_limit", manager), ("vice_gm_limit", vice))
                if value is None
            ]
            raise ParameterNotSetError(
                f"policy parameter(s) {' and '.join(unset)} not set: C-11 gives no amounts, so "
                f"the company must set them, e.g. policy.updated({{{unset[0]!r}: Money(...)}}) "
                f"[{where}]",
                parameter=unset[0],
            )
        bands = [
            ApprovalBand(
                role=Approver.SALES_MANAGER,
                lower=Money.zero(manager.currency),
                lower_inclusive=True,
                upper=manager,
                upper_inclusive=True,
            )
        ]
        if vice > manager:
            bands.append(
                ApprovalBand(
                    role=Approver.VICE_GM,
                    lower=manager,
                    lower_inclusive=False,
                    upper=vice,
                    upper_inclusive=True,
                )
            )
        bands.append(
            ApprovalBand(
                role=Approver.GM,
                lower=vice,
                lower_inclusive=False,
                upper=None,
                upper_inclusive=False,
            )
        )
        return cls(tuple(bands))

    @property
    def currency(self) -> Currency:
        """The table's currency."""
        return self.bands[0].lower.currency

    def _check_amount(self, amount: object, where: str) -> Money:
        if not isinstance(amount, Money) or amount.minor < 0:
            raise InvalidInputError(
                f"amount must be a non-negative Money, got {amount!r} [{where}]"
            )
        if amount.currency != self.currency:
            raise CurrencyMismatchError(
                f"amount must be in the table's currency {self.currency.code}, got {amount!r} "
                f"[{where}]"
            )
        return amount

    def approver_for(self, amount: Money) -> AmountApproval:
        """The role that approves a complaint of ``amount`` (C-11)."""
        amount = self._check_amount(amount, "ApprovalTable.approver_for C-11")
        for i, band in enumerate(self.bands, start=1):
            if band.contains(amount):
                return AmountApproval(amount, band.role, band, i)
        raise AssertionError("unreachable: a checked table covers every amount")  # pragma: no cover

    def may_answer(self, role: Approver, amount: Money) -> AnswerAuthority:
        """Whether ``role`` may answer a customer on ``amount`` on its own authority (C-9.11)."""
        where = "ApprovalTable.may_answer C-9.11"
        if not isinstance(role, Approver):
            raise InvalidInputError(f"role must be an Approver, got {role!r} [{where}]")
        approval = self.approver_for(self._check_amount(amount, where))
        return AnswerAuthority(role, approval)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One line per band."""
        return tuple(
            Reason.of(
                "complaints.band",
                C_11,
                en="band {i}: {band}",
                zh="第{i}級:{band}",
                i=i,
                band=band,
            )
            for i, band in enumerate(self.bands, start=1)
        )


@attrs.frozen
class AmountApproval(Explained):
    """Who approves a complaint amount (C-11).

    Attributes:
        amount: the complaint amount.
        role: the approver.
        band: the band the amount falls in.
        band_number: the band's position in the table, from 1.
    """

    amount: Money
    role: Approver
    band: ApprovalBand = attrs.field(repr=False)
    band_number: int = attrs.field(repr=False)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The band the amount falls in and its approver."""
        return (
            Reason.of(
                "complaints.approver",
                C_11,
                en="{amount} falls in band {i}, {band}: the {role} approves it",
                zh="{amount}屬第{i}級{band}:由{role}核決",
                amount=self.amount,
                i=self.band_number,
                band=self.band,
                role=self.role,
            ),
        )


@attrs.frozen
class AnswerAuthority(Explained):
    """Whether a role may answer a customer on an amount (C-9.11, C-11).

    Attributes:
        role: the role that wants to answer.
        approval: who approves the amount.
    """

    role: Approver
    approval: AmountApproval

    @property
    def allowed(self) -> bool:
        """True when the role's authority reaches the amount's approver."""
        return self.role.value >= self.approval.role.value

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The approver, then whether the role's authority covers the amount."""
        if self.allowed:
            en = "the {role} may answer the customer on {amount}: it is within their authority"
            zh = "{role}可就{amount}答復客戶:在其核決權限之內"
        else:
            en = (
                "the {role} must not answer the customer on {amount}: it is beyond their "
                "authority and needs the {approver}"
            )
            zh = "{role}不得就{amount}答復客戶:超越其核決權限,須由{approver}核決"
        reason = Reason.of(
            "complaints.answer",
            C_9_11,
            en=en,
            zh=zh,
            role=self.role,
            amount=self.approval.amount,
            approver=self.approval.role,
        )
        return (*self.approval.reasons, reason)


def _table(table: object, policy: Policy, where: str) -> ApprovalTable:
    if table is None:
        return ApprovalTable.from_policy(_check_policy(policy, where))
    if not isinstance(table, ApprovalTable):
        raise InvalidInputError(f"table must be an ApprovalTable or None, got {table!r} [{where}]")
    return table


def approver_for(
    amount: Money, *, table: ApprovalTable | None = None, policy: Policy = _DEFAULT_POLICY
) -> AmountApproval:
    """The role that approves a complaint of ``amount`` (C-11).

    Uses ``table``, or the table built from the policy's limits (:meth:`ApprovalTable.from_policy`).
    A limit is the largest amount its role may approve: an amount exactly at a limit stays with
    that role.

    Examples:
        >>> company = Policy().updated({
        ...     "complaints.sales_manager_limit": Money("5000", "CNY"),
        ...     "complaints.vice_gm_limit": Money("50000", "CNY")})
        >>> print(approver_for(Money("5000", "CNY"), policy=company).explain("zh-Hant"))
        C-11 CNY 5,000.00屬第1級業務部經理 [CNY 0.00, CNY 5,000.00]:由業務部經理核決
    """
    return _table(table, policy, "approver_for C-11").approver_for(amount)


def may_answer(
    role: Approver,
    amount: Money,
    *,
    table: ApprovalTable | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> AnswerAuthority:
    """Whether ``role`` may answer a customer on ``amount`` on its own authority (C-9.11).

    A role may answer every amount whose approver has no more authority than itself.

    Examples:
        >>> company = Policy().updated({
        ...     "complaints.sales_manager_limit": Money("5000", "CNY"),
        ...     "complaints.vice_gm_limit": Money("50000", "CNY")})
        >>> check = may_answer(Approver.SALES_MANAGER, Money("8000", "CNY"), policy=company)
        >>> check.allowed
        False
        >>> print(check.explain())
        C-11 CNY 8,000.00 falls in band 2, vice general manager (CNY 5,000.00, CNY 50,000.00]: \
the vice general manager approves it
        C-9.11 the sales manager must not answer the customer on CNY 8,000.00: it is beyond \
their authority and needs the vice general manager
    """
    return _table(table, policy, "may_answer C-9.11").may_answer(role, amount)
