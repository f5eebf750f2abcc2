"""Complaint handling (通用4): the form, case numbers, deadlines, escalation and authority.

The clauses, in our own words:

- **C-9.1** On receiving a complaint, sales fills in the complaint form (客戶抱怨處理表): the
  order number, the part number, the delivery date, the quantity, the defective quantity and what
  the customer asks for. A check names every missing item. A quantity the customer asks to return
  or exchange may be "not yet determined: the customer is still processing" (客戶加工中未確定);
  that is not a missing item.
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
- **C-9.11** Sales makes no answer, agreement or admission to the customer beyond the approved
  decision (批示: the handling and the amount) and the approval authority (C-11): it passes on
  what was approved, by letter or by phone, and never sends the customer a copy of the complaint
  form.
- **C-9.14** A complaint that is not upheld changes nothing in collection: the receivable is
  collected on the normal terms and gets no R-2.3 relief (``ComplaintForm.upheld`` is False).
- **C-10** A case is closed within 13 days (domestic customer) or 17 days (foreign customer) of
  its acceptance by the GM office; **[assumption]** calendar days.
- **C-10.2** Each step of the handling has its own time limit. The table is not in the source:
  ``complaints.step_limit_days`` (step → days) is a required parameter with no default; the
  steps count days the way C-10 does.
- **C-11** Who approves a complaint depends on its amount: the sales manager up to one limit,
  the vice general manager up to a higher one, the general manager above. The limits are
  required policy parameters.
- **C-12.1** Before the 10th of each month the cases closed in the previous month that were ruled
  to carry an administrative sanction go to HR to be published.
- **C-14** An open case past its C-10 deadline, or with a step past its C-10.2 limit, gets a
  reminder (催辦單). For a case closed late, or with a step finished late, the library *proposes*
  an inquiry (洽辦單): the GM office may open one; the company decides.

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
from decimal import Decimal
from itertools import pairwise
from typing import Any, Literal

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.bands import band_label, check_bands
from custpolicy.foundation.clauses import (
    C_8,
    C_9_1,
    C_9_3,
    C_9_6,
    C_9_10,
    C_9_11,
    C_10,
    C_10_2,
    C_11,
    C_12_1,
    C_14,
    Lang,
)
from custpolicy.foundation.deadlines import (
    Deadline,
    calendar_deadline,
    monthly_deadline,
    provisional_note,
    working_day_deadline,
)
from custpolicy.foundation.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    ParameterNotSetError,
    PolicyViolationError,
)
from custpolicy.foundation.explain import Choice, Explained, Lines, Phrase, Reason, check_lang
from custpolicy.foundation.lang import ZhText
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.validate import check_calendar as _check_calendar
from custpolicy.foundation.validate import check_date as _check_date
from custpolicy.foundation.validate import check_int as _check_int
from custpolicy.foundation.validate import check_policy as _check_policy
from custpolicy.foundation.validate import refuse
from custpolicy.foundation.workdays import WorkCalendar

__all__ = [
    "STILL_PROCESSING",
    "AmountApproval",
    "AnswerAuthority",
    "AnswerChannel",
    "AnswerCheck",
    "AnswerProblem",
    "ApprovalBand",
    "ApprovalTable",
    "Approver",
    "CaseNumber",
    "CaseNumberIssue",
    "CaseReview",
    "CaseState",
    "CaseStatus",
    "CaseStep",
    "ComplaintCase",
    "ComplaintForm",
    "CustomerAnswer",
    "FormCheck",
    "FormItem",
    "Handling",
    "MonthlySummary",
    "Quantity",
    "QuantityNote",
    "Request",
    "Ruling",
    "SanctionReferral",
    "StepState",
    "StepStatus",
    "approver_for",
    "case_status",
    "check_answer",
    "check_complaint_form",
    "closing_deadline",
    "may_answer",
    "monthly_summary",
    "next_case_number",
    "opinion_deadline",
    "qa_report_deadline",
    "review_cases",
    "sanction_referral_deadline",
    "sanction_referrals",
    "step_deadline",
    "step_status",
    "summary_deadline",
]

_DEFAULT_POLICY = Policy()

Market = Literal["domestic", "foreign"]
"""Where the customer of a complaint is: at home or abroad (C-10)."""
_CUSTOMERS: tuple[Market, ...] = ("domestic", "foreign")
_CUSTOMER_ZH = {"domestic": "國內", "foreign": "國外"}
#: How an empty list of cases reads in an explanation.
_NONE = Phrase("-", "無")
#: How a blank item of a complaint form reads in an explanation.
_NOT_FILLED = Phrase("-", "未填")


# -- C-9.1 the complaint form ---------------------------------------------------------------------

Quantity = int | Decimal
"""A quantity: whole pieces (int) or a measured amount (Decimal), never negative."""


_QUANTITY = "an int (whole pieces) or a Decimal of at least 0"


def check_quantity(value: object, argument: str, where: str) -> Quantity:
    """``value`` if it is a quantity: an int or a finite Decimal, not negative, not a float."""
    return validate.check_number(value, argument, where, low=0, expect=_QUANTITY)


def _quantity(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator of the form: ``None`` or a quantity ([`check_quantity`][])."""
    if value is not None:
        check_quantity(value, attribute.name, _FORM)


def _requested(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator of the form: [`STILL_PROCESSING`][], or as `_quantity`."""
    if not isinstance(value, QuantityNote):
        _quantity(instance, attribute, value)


class Request(Choice):
    """What the customer asks for on the complaint form (C-9.1)."""

    RETURN = "return"
    EXCHANGE = "exchange"
    ALLOWANCE = "allowance"
    COMPENSATION = "compensation"
    REPROCESSING = "reprocessing"
    OTHER = "other"

    @property
    def needs_quantity(self) -> bool:
        """Whether the request names a quantity to return or exchange (退（換）貨數量)."""
        return self in (Request.RETURN, Request.EXCHANGE)


Request._labels = {
    Request.RETURN: ("a return", "退貨"),
    Request.EXCHANGE: ("an exchange", "換貨"),
    Request.ALLOWANCE: ("an allowance", "折讓"),
    Request.COMPENSATION: ("a compensation", "賠款"),
    Request.REPROCESSING: ("a reprocessing", "重處理"),
    Request.OTHER: ("something else", "其他"),
}


class QuantityNote(Choice):
    """A quantity to return or exchange that is not a number yet (C-9.1)."""

    STILL_PROCESSING = "still_processing"


QuantityNote._labels = {
    QuantityNote.STILL_PROCESSING: (
        "not yet determined: the customer is still processing",
        "客戶加工中未確定",
    ),
}

STILL_PROCESSING = QuantityNote.STILL_PROCESSING
"""The note 客戶加工中未確定: the quantity to return or exchange is not known yet (C-9.1)."""


class FormItem(Choice):
    """An item of the complaint form that C-9.1 requires."""

    ORDER_NUMBER = "order_number"
    PART_NUMBER = "part_number"
    DELIVERY_DATE = "delivered"
    QUANTITY = "quantity"
    DEFECTIVE_QUANTITY = "defective"
    REQUEST = "request"
    REQUESTED_QUANTITY = "requested_quantity"


FormItem._labels = {
    FormItem.ORDER_NUMBER: ("the order number", "訂單編號"),
    FormItem.PART_NUMBER: ("the part number", "料號"),
    FormItem.DELIVERY_DATE: ("the delivery date", "交運日期"),
    FormItem.QUANTITY: ("the quantity", "數量"),
    FormItem.DEFECTIVE_QUANTITY: ("the defective quantity", "不良數量"),
    FormItem.REQUEST: ("the customer's request", "客戶要求"),
    FormItem.REQUESTED_QUANTITY: (
        "the quantity to return or exchange (or the note that the customer is still processing)",
        "退（換）貨數量（或註明「客戶加工中未確定」）",
    ),
}


def _blank_to_none(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


_FORM = "ComplaintForm C-9.1"
_NUMBER = validate.instance_of(str, optional=True, clause=_FORM)


@attrs.frozen(kw_only=True)
class ComplaintForm:
    """A customer's complaint form (客戶抱怨處理表) as sales fills it in (C-9.1, C-9.14).

    ``customer`` names who complains and is always required. The six items of C-9.1 may be
    ``None`` (a blank string counts as blank):
    [`check_complaint_form`][custpolicy.rules.complaints.check_complaint_form] names each one
    missing. ``requested_quantity`` is the quantity the customer asks to return or exchange; it may
    be [`STILL_PROCESSING`][custpolicy.rules.complaints.STILL_PROCESSING] (客戶加工中未確定).
    ``upheld`` is the outcome of the complaint: ``None`` while it is undecided, ``False`` for a
    complaint not upheld (C-9.14: collection on the normal terms, no R-2.3 relief).

    Examples:
        >>> from datetime import date
        >>> form = ComplaintForm(customer="Acme", part_number=" PCB-200 ", quantity=500)
        >>> form.part_number, form.order_number
        ('PCB-200', None)
        >>> ComplaintForm(customer="Acme", quantity=10, defective=11)
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: defective must not exceed quantity, got 11 > 10 \
[ComplaintForm C-9.1]
    """

    customer: str = attrs.field(
        converter=_blank_to_none,
        validator=validate.instance_of(str, expect="a non-empty str (who complains)", clause=_FORM),
    )
    order_number: str | None = attrs.field(
        default=None, converter=_blank_to_none, validator=_NUMBER
    )
    part_number: str | None = attrs.field(default=None, converter=_blank_to_none, validator=_NUMBER)
    delivered: date | None = attrs.field(
        default=None, validator=validate.optional_date(clause=_FORM)
    )
    quantity: Quantity | None = attrs.field(default=None, validator=_quantity)
    defective: Quantity | None = attrs.field(default=None, validator=_quantity)
    request: Request | None = attrs.field(
        default=None,
        validator=validate.instance_of(
            Request, optional=True, expect="a Request such as Request.RETURN, or None", clause=_FORM
        ),
    )
    requested_quantity: Quantity | QuantityNote | None = attrs.field(
        default=None, validator=_requested
    )
    upheld: bool | None = attrs.field(
        default=None,
        validator=validate.optional(
            validate.boolean(expect="True, False or None (not decided yet)", clause=_FORM)
        ),
    )

    def __attrs_post_init__(self) -> None:
        quantity, defective = self.quantity, self.defective
        if quantity is not None and defective is not None and defective > quantity:
            shown = f"{defective} > {quantity}"
            raise refuse("defective", "quantity", defective, _FORM, shown=shown, must="not exceed")

    @property
    def missing(self) -> tuple[FormItem, ...]:
        """The C-9.1 items left blank, in the order of the form (C-9.1)."""
        blank: list[FormItem] = [
            item
            for item in FormItem
            if item is not FormItem.REQUESTED_QUANTITY and getattr(self, item.value) is None
        ]
        if (
            self.request is not None
            and self.request.needs_quantity
            and self.requested_quantity is None
        ):
            blank.append(FormItem.REQUESTED_QUANTITY)
        return tuple(blank)


@attrs.frozen
class FormCheck(Explained):
    """Whether a complaint form has every item of C-9.1, naming each one missing.

    Attributes:
        form: the form checked.
        missing: the items left blank, in the order of the form.
    """

    form: ComplaintForm = attrs.field(
        validator=validate.instance_of(
            ComplaintForm, expect="a ComplaintForm", clause="FormCheck C-9.1"
        )
    )
    missing: tuple[FormItem, ...] = attrs.field(
        validator=validate.tuple_of(FormItem, clause="FormCheck C-9.1")
    )

    @property
    def complete(self) -> bool:
        """Whether no item is missing."""
        return not self.missing

    @property
    def still_processing(self) -> bool:
        """Whether the quantity to return or exchange is noted 客戶加工中未確定."""
        return self.form.requested_quantity is STILL_PROCESSING

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The verdict, then the note on a quantity still undetermined."""
        facts = {
            "customer": self.form.customer,
            "part": self.form.part_number or _NOT_FILLED,
            "items": self.missing,
            "n": len(self.missing),
        }
        if self.complete:
            head = Reason(
                "complaints.form_complete",
                C_9_1,
                "the complaint form of {customer} (part number {part}) has every item of C-9.1",
                "{customer}的客戶抱怨處理表（料號{part}）已填齊C-9.1規定的各項",
                facts,
            )
        else:
            head = Reason(
                "complaints.form_missing",
                C_9_1,
                "the complaint form of {customer} (part number {part}) misses {n} item(s): {items}",
                "{customer}的客戶抱怨處理表（料號{part}）缺{n}項：{items}",
                facts,
            )
        if not self.still_processing:
            return (head,)
        note = Reason.of(
            "complaints.form_still_processing",
            C_9_1,
            en="the quantity to return or exchange is noted 客戶加工中未確定 (not yet determined: "
            "the customer is still processing): not a missing item",
            zh="退（換）貨數量已註明「客戶加工中未確定」，不屬缺漏",
        )
        return head, note


_form_check = validate.trusted(FormCheck)


def check_complaint_form(form: ComplaintForm) -> FormCheck:
    """Whether a complaint form has every required item, naming each one missing (C-9.1).

    The items: order number, part number, delivery date, quantity, defective quantity and the
    customer's request; a request for a return or an exchange also needs the quantity, or the
    note 客戶加工中未確定 ([`STILL_PROCESSING`][custpolicy.rules.complaints.STILL_PROCESSING]),
    which is not a missing item.

    Examples:
        >>> form = ComplaintForm(customer="Acme", part_number="PCB-200", request=Request.RETURN)
        >>> print(check_complaint_form(form).explain())
        C-9.1 the complaint form of Acme (part number PCB-200) misses 5 item(s): the order \
number, the delivery date, the quantity, the defective quantity, the quantity to return or \
exchange (or the note that the customer is still processing)
    """
    form = validate.check_instance(form, "form", "check_complaint_form C-9.1", ComplaintForm)
    return _form_check(form, form.missing)


# -- C-8 case numbers -----------------------------------------------------------------------------

_MAX_WIDTH = 9
_CASE_NUMBER = "CaseNumber C-8"
_TWO_DIGIT_YEAR = "in 2000-2099 (a two-digit year)"


@attrs.frozen(order=True)
class CaseNumber:
    """A complaint case number: year, month and monthly serial, written ``YYMM`` + serial (C-8).

    ``str()`` gives the written form, the serial padded to ``width`` digits (the policy's
    ``complaints.serial_width`` when built with
    [`for_acceptance`][custpolicy.rules.complaints.CaseNumber.for_acceptance] or
    [`parse`][custpolicy.rules.complaints.CaseNumber.parse]). Numbers order by year, month and
    serial. The two-digit year names a year from 2000 to 2099.

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
        custpolicy.InvalidInputError: serial must be an int from 1 to 99 (a 2-digit \
serial), got 100 [CaseNumber C-8]
    """

    year: int = attrs.field(
        validator=validate.integer(
            low=2000, high=2099, clause=f"{_CASE_NUMBER}: the two-digit year names 2000-2099"
        )
    )
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause=_CASE_NUMBER))
    serial: int
    width: int = attrs.field(
        default=2, validator=validate.integer(low=1, high=_MAX_WIDTH, clause=_CASE_NUMBER)
    )

    def __attrs_post_init__(self) -> None:
        top = 10**self.width - 1
        serial = f"an int from 1 to {top} (a {self.width}-digit serial)"
        _check_int(self.serial, "serial", _CASE_NUMBER, low=1, high=top, expect=serial)

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
            raise refuse("accepted", _TWO_DIGIT_YEAR, accepted, where, must="fall")
        return cls(accepted.year, accepted.month, serial, width)

    @classmethod
    def parse(cls, text: str, *, policy: Policy = _DEFAULT_POLICY) -> CaseNumber:
        """Read a written case number, ``YYMM`` + a serial of ``complaints.serial_width`` (C-8).

        Examples:
            >>> CaseNumber.parse("261301")
            Traceback (most recent call last):
            ...
            custpolicy.InvalidInputError: case number '261301' has month 13; the month \
(digits 3-4) must be 01-12 [CaseNumber.parse C-8]
        """
        where = "CaseNumber.parse C-8"
        width = _check_policy(policy, where).complaints.serial_width
        text = validate.check_instance(text, "text", where, str, expect="a str such as '260301'")
        if len(text) != 4 + width or not (text.isascii() and text.isdigit()):
            wrong = f"must be YYMM followed by a {width}-digit serial ({4 + width} digits)"
        elif not 1 <= (month := int(text[2:4])) <= 12:
            wrong = f"has month {month}; the month (digits 3-4) must be 01-12"
        elif (serial := int(text[4:])) == 0:
            wrong = f"has serial 0; serials start at {1:0{width}d}"
        else:
            return cls(2000 + int(text[:2]), month, serial, width)
        raise InvalidInputError(f"case number {text!r} {wrong} [{where}]")


_case_number = validate.trusted(CaseNumber)
_ISSUE = "CaseNumberIssue C-8"


@attrs.frozen
class CaseNumberIssue(Explained):
    """The next case number of a month, and why (C-8).

    Attributes:
        number: the number issued.
        accepted: the acceptance date it was taken from.
        issued_in_month: how many numbers of that month were already issued.
        last: the highest number of that month already issued, if any.
    """

    number: CaseNumber = attrs.field(validator=validate.instance_of(CaseNumber, clause=_ISSUE))
    accepted: date = attrs.field(validator=validate.date(clause=_ISSUE))
    issued_in_month: int = attrs.field(validator=validate.integer(low=0, clause=_ISSUE))
    last: CaseNumber | None = attrs.field(
        validator=validate.instance_of(CaseNumber, optional=True, clause=_ISSUE)
    )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The month and serial the number was taken from."""
        return (
            Reason.of(
                "complaints.case_number",
                C_8,
                en="case accepted on {accepted}: {count} number(s) already issued in {period}, "
                "the last {last}; the next is {number}",
                zh="案件於{accepted}受理：{period}已編{count}號，最後為{last}；下一號為{number}",
                accepted=self.accepted,
                count=self.issued_in_month,
                period=f"{self.number.year:04d}-{self.number.month:02d}",
                last=str(self.last) if self.last is not None else "-",
                number=str(self.number),
            ),
        )


_case_number_issue = validate.trusted(CaseNumberIssue)


_ISSUED = "CaseNumber values or str such as '260301'"


def next_case_number(
    accepted: date, issued: Iterable[CaseNumber | str] = (), *, policy: Policy = _DEFAULT_POLICY
) -> CaseNumberIssue:
    """The next case number for a case accepted on ``accepted`` (C-8).

    A pure function of the acceptance month and the numbers already issued (of any months; only
    those of the same month count): the serial is one more than the highest issued that month,
    so numbers stay unique and increasing even after a gap. A serial that no longer fits
    ``complaints.serial_width`` digits raises
    [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError] (``.clause`` C-8).

    Examples:
        >>> from datetime import date
        >>> full = [f"2603{s:02d}" for s in range(1, 100)]
        >>> next_case_number(date(2026, 3, 31), full)
        Traceback (most recent call last):
        ...
        custpolicy.PolicyViolationError: case 100 of 2026-03 does not fit the 2-digit \
serial (01-99): set complaints.serial_width wider; a number is never silently lengthened [C-8]
        >>> str(next_case_number(date(2026, 4, 1), full).number)
        '260401'
    """
    where = "next_case_number C-8"
    policy = _check_policy(policy, where)
    accepted = _check_date(accepted, "accepted", where)
    width = policy.complaints.serial_width
    first = CaseNumber.for_acceptance(accepted, 1, policy=policy)
    numbers = [
        n if isinstance(n, CaseNumber) else CaseNumber.parse(n, policy=policy)
        for n in validate.check_items(
            issued, "issued", where, (CaseNumber, str), holds=_ISSUED, expect="an iterable"
        )
    ]
    same = sorted(n for n in numbers if n.period == first.period)
    for a, b in pairwise(same):
        if a.serial == b.serial:
            raise InvalidInputError(
                f"issued holds serial {b.serial} of {b.year:04d}-{b.month:02d} twice ({b}); "
                f"case numbers are unique [{where}]"
            )
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
    number = _case_number(accepted.year, accepted.month, serial, width)
    return _case_number_issue(number, accepted, len(same), last)


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
        C-10 國外客戶投訴結案期限為2026年9月20日後17個日曆日，即2026年10月7日（當日仍屬準時）
    """
    where = "closing_deadline C-10"
    accepted = _check_date(accepted, "accepted", where)
    policy = _check_policy(policy, where)
    calendar = _check_calendar(calendar, where)
    customer = validate.check_choice(customer, "customer", where, _CUSTOMERS)
    c = policy.complaints
    days = c.close_days_domestic if customer == "domestic" else c.close_days_foreign
    subject = (
        f"closing of a {customer} complaint",
        ZhText(f"{_CUSTOMER_ZH[customer]}客戶投訴結案"),
    )
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
    _check_int(year, "year", where, low=1, high=9998)
    _check_int(month, "month", where, low=1, high=12)
    due_year, due_month = _next_month(year, month)
    period = f"{year:04d}-{month:02d}"
    return monthly_deadline(
        due_year,
        due_month,
        clause=C_9_10,
        subject=(f"the summary of the cases closed in {period}", ZhText(f"{period}結案案件匯總")),
        policy=policy,
    )


# -- C-10.2 time limits of the steps ---------------------------------------------------------------


_STEP = "CaseStep C-10.2"
_STEP_NAME = "a non-empty str naming a step of complaints.step_limit_days"


@attrs.frozen
class CaseStep:
    """One unit's step in handling a case: its name, the day it started, the day it finished.

    The name is a key of ``complaints.step_limit_days`` (the company names its steps, C-10.2).
    A step cannot finish before it started; ``finished=None`` means it is still under way.

    Examples:
        >>> from datetime import date
        >>> CaseStep(" qa_analysis ", date(2026, 3, 5), date(2026, 3, 7))
        CaseStep(name='qa_analysis', started=datetime.date(2026, 3, 5), \
finished=datetime.date(2026, 3, 7))
    """

    name: str = attrs.field(
        converter=_blank_to_none,
        validator=validate.instance_of(str, expect=_STEP_NAME, clause=_STEP),
    )
    started: date = attrs.field(validator=validate.date(clause=_STEP))
    finished: date | None = attrs.field(
        default=None, validator=validate.optional_date(clause=_STEP)
    )

    def __attrs_post_init__(self) -> None:
        finished, started = self.finished, self.started
        if finished is not None and finished < started:
            shown = f"{finished.isoformat()} < {started.isoformat()} for step {self.name!r}"
            raise refuse("finished", "before started", finished, _STEP, shown=shown, must="not be")


class StepState(Choice):
    """Where a step stands against its C-10.2 limit on a date (C-14)."""

    ON_TIME = "on_time"
    OVERDUE = "overdue"
    LATE = "late"


StepState._labels = {
    StepState.ON_TIME: ("on time", "未逾期"),
    StepState.OVERDUE: ("overdue", "逾期未完成"),
    StepState.LATE: ("finished late", "逾期完成"),
}


def _step_limits(policy: Policy, where: str) -> dict[str, int]:
    limits = policy.complaints.step_limit_days
    if limits is None:
        raise ParameterNotSetError(
            "policy parameter complaints.step_limit_days not set: C-10.2 announces a time limit "
            "for each step but the source gives no table, so the company must set it, e.g. "
            "policy.updated({'complaints.step_limit_days': {'qa_analysis': 3}}) "
            f"[{where}]",
            parameter="complaints.step_limit_days",
        )
    return dict(limits)


def step_deadline(
    name: str,
    started: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The day by which the step ``name`` started on ``started`` must be finished (C-10.2).

    The limit is ``complaints.step_limit_days[name]``, a required parameter with no default
    ([`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] while it is unset,
    or when it has no limit for ``name``). The days count as C-10's do: calendar days by default,
    with the art. 203 roll when ``general.roll_to_working_day`` is on; working days when
    ``complaints.close_in_calendar_days`` is off.

    Examples:
        >>> from datetime import date
        >>> company = Policy().updated({"complaints.step_limit_days": {"qa_analysis": 3}})
        >>> print(step_deadline("qa_analysis", date(2026, 3, 5), policy=company).explain())
        C-10.2 step qa_analysis is due 3 calendar days after 2026-03-05, on 2026-03-08 (that \
day is still on time)
    """
    where = "step_deadline C-10.2"
    policy = _check_policy(policy, where)
    started = _check_date(started, "started", where)
    calendar = _check_calendar(calendar, where)
    name = validate.check_text(name, "name", where).strip()
    limits = _step_limits(policy, where)
    if name not in limits:
        raise ParameterNotSetError(
            f"complaints.step_limit_days has no limit for step {name!r} (it has "
            f"{sorted(limits)!r}): add one [{where}]",
            parameter="complaints.step_limit_days",
        )
    subject = (f"step {name}", ZhText(f"步驟「{name}」"))
    days = limits[name]
    if policy.complaints.close_in_calendar_days:
        return calendar_deadline(
            started, days, clause=C_10_2, subject=subject, policy=policy, calendar=calendar
        )
    return working_day_deadline(started, days, clause=C_10_2, subject=subject, calendar=calendar)


_STEP_STATUS = "StepStatus C-14"


@attrs.frozen
class StepStatus(Explained):
    """A step's state on a date against its C-10.2 limit (C-14).

    Attributes:
        step: the step.
        on: the date judged; a finish after it is not yet known on that date.
        deadline: the step's C-10.2 deadline.
        state: on time, overdue (still under way past the deadline) or late (finished after it).
        days_late: days past the deadline (0 when on time).
    """

    step: CaseStep = attrs.field(validator=validate.instance_of(CaseStep, clause=_STEP_STATUS))
    on: date = attrs.field(validator=validate.date(clause=_STEP_STATUS))
    deadline: Deadline = attrs.field(
        repr=False, validator=validate.instance_of(Deadline, clause=_STEP_STATUS)
    )
    state: StepState = attrs.field(validator=validate.choice(StepState, clause=_STEP_STATUS))
    days_late: int = attrs.field(validator=validate.integer(low=0, clause=_STEP_STATUS))

    @property
    def line(self) -> Reason:
        """The one line that says where the step stands."""
        texts = {
            StepState.ON_TIME: (
                "step {name} is {state} on {on} (due {due})",
                "步驟「{name}」於{on}{state}（期限{due}）",
            ),
            StepState.OVERDUE: (
                (
                    "step {name} is {state} on {on}, {late} day(s) past its limit (due {due}): "
                    "a reminder (催辦單) is due"
                ),
                "步驟「{name}」於{on}{state}，逾期{late}日（期限{due}）：應開立催辦單",
            ),
            StepState.LATE: (
                "step {name} {state}, {late} day(s) past its limit (due {due})",
                "步驟「{name}」{state}，逾期{late}日（期限{due}）",
            ),
        }
        return Reason.of(
            "complaints.step",
            C_14,
            en=texts[self.state][0],
            zh=texts[self.state][1],
            name=self.step.name,
            state=self.state,
            on=self.on,
            due=self.deadline.due,
            late=self.days_late,
        )

    @property
    def provisional(self) -> bool:
        """Whether the state or the days late depend on a provisional year of the calendar.

        The explanation then ends with a sentence that says so.
        """
        return bool(_step_years(self))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The step's deadline, then where it stands."""
        return provisional_note((*self.deadline.reasons, self.line), _step_years(self), C_10_2)


def _step_years(status: StepStatus) -> tuple[int, ...]:
    """The provisional years that judging the step on its date depends on."""
    finished = status.step.finished
    judged = finished if finished is not None and finished <= status.on else status.on
    return status.deadline.provisional_years_until(judged)


_step_status = validate.trusted(StepStatus)


def step_status(
    step: CaseStep,
    on: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> StepStatus:
    """Where ``step`` stands on ``on`` against its time limit (C-10.2, C-14).

    A step finished after ``on`` is still under way on ``on``. Finishing on the deadline itself
    is on time. Needs ``complaints.step_limit_days``.

    Examples:
        >>> from datetime import date
        >>> company = Policy().updated({"complaints.step_limit_days": {"qa_analysis": 3}})
        >>> step = CaseStep("qa_analysis", date(2026, 3, 5))
        >>> step_status(step, date(2026, 3, 10), policy=company).state
        StepState.OVERDUE
    """
    where = "step_status C-10.2"
    step = validate.check_instance(step, "step", where, CaseStep)
    on = _check_date(on, "on", where)
    if on < step.started:
        shown = f"{on.isoformat()} < {step.started.isoformat()} for step {step.name!r}"
        raise refuse("on", "before the step started", on, where, shown=shown, must="not be")
    deadline = step_deadline(step.name, step.started, policy=policy, calendar=calendar)
    finished = step.finished if step.finished is not None and step.finished <= on else None
    days_late = deadline.days_late(finished if finished is not None else on)
    if not days_late:
        state = StepState.ON_TIME
    else:
        state = StepState.LATE if finished is not None else StepState.OVERDUE
    return _step_status(step, on, deadline, state, days_late)


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
    CaseState.OPEN_ON_TIME: ("open and on time", "處理中，未逾期"),
    CaseState.OPEN_OVERDUE: ("open and overdue", "處理中，已逾期"),
    CaseState.CLOSED_ON_TIME: ("closed on time", "已如期結案"),
    CaseState.CLOSED_LATE: ("closed late", "已逾期結案"),
}


_CASE = "ComplaintCase C-10"
_C8 = "ComplaintCase C-8"


def _steps(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class ComplaintCase:
    """A complaint case: its number, acceptance by the GM office, customer and closing day.

    The number's year and month must be those of the acceptance date (C-8); a case cannot be
    closed before it was accepted. ``steps`` are the units' steps of the handling, judged against
    ``complaints.step_limit_days`` when it is set (C-10.2), each name at most once;
    ``sanctioned`` says whether the ruling carries an administrative sanction (C-12.1).

    Examples:
        >>> from datetime import date
        >>> ComplaintCase(
        ...     CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic", closed=date(2026, 3, 18))
        ComplaintCase(number=CaseNumber(year=2026, month=3, serial=1, width=2), \
accepted=datetime.date(2026, 3, 5), customer='domestic', closed=datetime.date(2026, 3, 18), \
steps=(), sanctioned=False)
    """

    number: CaseNumber = attrs.field(
        validator=validate.instance_of(
            CaseNumber, expect="a CaseNumber (use CaseNumber.parse)", clause=_CASE
        )
    )
    accepted: date = attrs.field(validator=validate.date(clause=_CASE))
    customer: Market = attrs.field(validator=validate.choice(_CUSTOMERS, clause=_CASE))
    closed: date | None = attrs.field(default=None, validator=validate.optional_date(clause=_CASE))
    steps: tuple[CaseStep, ...] = attrs.field(
        default=(),
        converter=_steps,
        validator=validate.tuple_of(CaseStep, expect="CaseStep values (C-10.2)", clause=_CASE),
    )
    sanctioned: bool = attrs.field(
        default=False, validator=validate.boolean(expect="True or False (C-12.1)", clause=_CASE)
    )

    def __attrs_post_init__(self) -> None:
        names = tuple(step.name for step in self.steps)
        where = "ComplaintCase C-10.2"
        validate.check_unique(names, "steps", where, expect="each step once", must="name")
        if self.number.period != (self.accepted.year, self.accepted.month):
            month = f"the year and month of the acceptance date {self.accepted.isoformat()}"
            raise refuse("number", month, None, _C8, shown=str(self.number), must="carry")
        closed, accepted = self.closed, self.accepted
        if closed is not None and closed < accepted:
            shown = f"{closed.isoformat()} < {accepted.isoformat()} for case {self.number}"
            raise refuse("closed", "before accepted", closed, _CASE, shown=shown, must="not be")


_STATUS = "CaseStatus C-14"


@attrs.frozen
class CaseStatus(Explained):
    """A case's state on a date, its C-10 deadline and the C-14 document due.

    Attributes:
        case: the case.
        on: the date judged; a closing after it is not yet known on that date.
        deadline: the case's C-10 closing deadline.
        state: open on time, open overdue, closed on time or closed late.
        days_late: days past the deadline (working days when C-10 counts working days).
        steps: each step started by ``on``, judged against its C-10.2 limit; empty when
            ``complaints.step_limit_days`` is not set.
        steps_judged: whether the steps were judged (``complaints.step_limit_days`` is set).
    """

    case: ComplaintCase = attrs.field(validator=validate.instance_of(ComplaintCase, clause=_STATUS))
    on: date = attrs.field(validator=validate.date(clause=_STATUS))
    deadline: Deadline = attrs.field(
        repr=False, validator=validate.instance_of(Deadline, clause=_STATUS)
    )
    state: CaseState = attrs.field(validator=validate.choice(CaseState, clause=_STATUS))
    days_late: int = attrs.field(validator=validate.integer(low=0, clause=_STATUS))
    steps: tuple[StepStatus, ...] = attrs.field(
        default=(), validator=validate.tuple_of(StepStatus, clause=_STATUS)
    )
    steps_judged: bool = attrs.field(default=False, validator=validate.boolean(clause=_STATUS))

    @property
    def open(self) -> bool:
        """Whether the case is still open on the date judged."""
        return self.state in (CaseState.OPEN_ON_TIME, CaseState.OPEN_OVERDUE)

    @property
    def late_steps(self) -> tuple[StepStatus, ...]:
        """The steps past their C-10.2 limit: overdue or finished late."""
        return tuple(s for s in self.steps if s.state is not StepState.ON_TIME)

    @property
    def reminder_due(self) -> bool:
        """Whether a reminder (催辦單) is due: the case or one of its steps is overdue (C-14).

        Only an open case gets a reminder: past its C-10 deadline, or with a step under way past
        its C-10.2 limit.
        """
        if not self.open:
            return False
        return self.state is CaseState.OPEN_OVERDUE or any(
            s.state is StepState.OVERDUE for s in self.steps
        )

    @property
    def inquiry_proposed(self) -> bool:
        """Whether the library proposes an inquiry (洽辦單) that the GM office may open (C-14).

        Proposed for a closed case that was closed late, or that has a step past its limit; the
        company decides whether to open one.
        """
        return not self.open and (self.state is CaseState.CLOSED_LATE or bool(self.late_steps))

    @property
    def inquiry_due(self) -> bool:
        """Deprecated name of [`inquiry_proposed`][]: an inquiry is proposed, never due."""
        return self.inquiry_proposed

    @property
    def line(self) -> Reason:
        """The one line that says where the case stands and what document C-14 names."""
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
                "案件{number}於{on}{state}，無須催辦",
            ),
            CaseState.OPEN_OVERDUE: (
                (
                    "case {number} is {state} on {on}, {late} day(s) past its deadline: a "
                    "reminder (催辦單) is due"
                ),
                "案件{number}於{on}{state}，逾期{late}日：應開立催辦單",
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
                "案件{number}於{closed}{state}，逾期{late}日：得開立洽辦單追查逾期原因",
            ),
        }
        en, zh = texts[self.state]
        if self.state is CaseState.OPEN_ON_TIME and self.reminder_due:
            en = (
                "case {number} is {state} on {on}, but a step is overdue: a reminder (催辦單) "
                "is due"
            )
            zh = "案件{number}於{on}{state}，但有步驟逾期：應開立催辦單"
        if self.state is CaseState.CLOSED_ON_TIME and self.inquiry_proposed:
            en = (
                "case {number} was {state} on {closed}, but a step was late: an inquiry (洽辦單) "
                "into the delay may be sent"
            )
            zh = "案件{number}於{closed}{state}，但有步驟逾期：得開立洽辦單追查逾期原因"
        return Reason("complaints.status", C_14, en, zh, facts)

    @property
    def provisional(self) -> bool:
        """Whether the state, the days late or a step's state depends on a provisional year.

        A provisional year is one of the calendar whose notice is not published yet: the C-10
        deadline, or the working days counted late, may reach into it. The explanation then
        ends with a sentence that says so.
        """
        return bool(_case_years(self))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The deadline, the state on the date and the document C-14 names, then the steps."""
        return provisional_note(self._case_lines(), _case_years(self), C_10)

    def _case_lines(self) -> list[Reason]:
        lines = [*self.deadline.reasons, self.line]
        for step in self.steps:
            lines += step.reasons
        started = [s for s in self.case.steps if s.started <= self.on]
        if started and not self.steps_judged:
            lines.append(
                Reason.of(
                    "complaints.steps_not_judged",
                    C_10_2,
                    en="complaints.step_limit_days is not set: the {n} step(s) are not judged "
                    "against a limit of their own",
                    zh="公司未設定各步驟處理期限：{n}個步驟未另行判定是否逾期",
                    n=len(started),
                )
            )
        return lines


def _case_years(status: CaseStatus) -> tuple[int, ...]:
    """The provisional years that the case's state and its steps' states depend on."""
    closed = status.case.closed
    judged = closed if closed is not None and closed <= status.on else status.on
    years = set(status.deadline.provisional_years_until(judged))
    for step in status.steps:
        years.update(_step_years(step))
    return tuple(sorted(years))


def _statuses_years(statuses: Iterable[CaseStatus]) -> tuple[int, ...]:
    return tuple(sorted({year for status in statuses for year in _case_years(status)}))


_case_status = validate.trusted(CaseStatus)


def case_status(
    case: ComplaintCase,
    on: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> CaseStatus:
    """Where ``case`` stands on ``on``: open or closed, on time or late (C-14, C-10, C-10.2).

    A case closed after ``on`` is still open on ``on``. An open case past its deadline needs a
    reminder (催辦單); for a case closed late the library proposes an inquiry (洽辦單), which the
    GM office may open. Closing on the deadline itself is on time. When
    ``complaints.step_limit_days`` is set, each step started by ``on`` is judged against its own
    limit too ([`step_status`][custpolicy.rules.complaints.step_status]): an open case with an
    overdue step needs a reminder, a closed case with a late step gets an inquiry proposed.

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
    case = validate.check_instance(case, "case", where, ComplaintCase)
    on = _check_date(on, "on", where)
    if on < case.accepted:
        shown = f"{on.isoformat()} < {case.accepted.isoformat()} for case {case.number}"
        raise refuse("on", "before the case was accepted", on, where, shown=shown, must="not be")
    deadline = closing_deadline(case.accepted, case.customer, policy=policy, calendar=calendar)
    closed = case.closed if case.closed is not None and case.closed <= on else None
    days_late = deadline.days_late(closed if closed is not None else on)
    if closed is not None:
        state = CaseState.CLOSED_LATE if days_late else CaseState.CLOSED_ON_TIME
    else:
        state = CaseState.OPEN_OVERDUE if days_late else CaseState.OPEN_ON_TIME
    judged = policy.complaints.step_limit_days is not None
    steps = tuple(
        step_status(step, on, policy=policy, calendar=calendar)
        for step in sorted(case.steps, key=lambda step: (step.started, step.name))
        if judged and step.started <= on
    )
    return _case_status(case, on, deadline, state, days_late, steps, judged)


def _cases(value: object, where: str) -> tuple[ComplaintCase, ...]:
    """The register given, as a tuple of cases each with a number of its own."""
    cases = validate.check_items(
        value, "cases", where, ComplaintCase, holds="ComplaintCase values", expect="an iterable"
    )
    seen: set[CaseNumber] = set()
    for case in cases:
        if case.number in seen:
            raise InvalidInputError(f"cases holds case {case.number} twice [{where}]")
        seen.add(case.number)
    return cases


@attrs.frozen
class CaseReview(Explained):
    """The state of many cases on one date (C-14), in case-number order.

    Attributes:
        on: the date judged.
        statuses: each case's [`CaseStatus`][custpolicy.rules.complaints.CaseStatus], ordered by
            case number.
    """

    _lines = Lines("statuses")

    on: date = attrs.field(validator=validate.date(clause="CaseReview C-14"))
    statuses: tuple[CaseStatus, ...] = attrs.field(
        validator=validate.tuple_of(CaseStatus, clause="CaseReview C-14")
    )

    @property
    def reminders(self) -> tuple[CaseNumber, ...]:
        """The open cases that need a reminder (催辦單): overdue, or with a step overdue."""
        return tuple(s.case.number for s in self.statuses if s.reminder_due)

    @property
    def inquiries(self) -> tuple[CaseNumber, ...]:
        """The closed cases for which an inquiry (洽辦單) is proposed: late, or with a late step."""
        return tuple(s.case.number for s in self.statuses if s.inquiry_proposed)

    def count(self, state: CaseState | str) -> int:
        """How many cases are in ``state``: a [`CaseState`][], or its value.

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
            zh="{on}共{n}件：處理中未逾期{open_ok}件，處理中已逾期{open_late}件（催辦單：{reminders}），"
            "如期結案{closed_ok}件，逾期結案{closed_late}件（洽辦單：{inquiries}）",
            n=len(self.statuses),
            on=self.on,
            open_ok=self.count(CaseState.OPEN_ON_TIME),
            open_late=self.count(CaseState.OPEN_OVERDUE),
            closed_ok=self.count(CaseState.CLOSED_ON_TIME),
            closed_late=self.count(CaseState.CLOSED_LATE),
            reminders=tuple(str(n) for n in self.reminders) or _NONE,
            inquiries=tuple(str(n) for n in self.inquiries) or _NONE,
        )
        lines = (head, *(s.line for s in self.statuses))
        return provisional_note(lines, _statuses_years(self.statuses), C_14)

    @property
    def provisional(self) -> bool:
        """Whether a case's state depends on a provisional year of the calendar.

        The explanation then ends with a sentence that says so.
        """
        return bool(_statuses_years(self.statuses))


_case_review = validate.trusted(CaseReview)


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
    return _case_review(on, statuses)


_SUMMARY = "MonthlySummary C-9.10"


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

    _lines = Lines("closed")

    year: int = attrs.field(validator=validate.integer(low=1, high=9998, clause=_SUMMARY))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause=_SUMMARY))
    deadline: Deadline = attrs.field(
        repr=False, validator=validate.instance_of(Deadline, clause=_SUMMARY)
    )
    closed: tuple[CaseStatus, ...] = attrs.field(
        validator=validate.tuple_of(CaseStatus, clause=_SUMMARY)
    )

    @property
    def on_time(self) -> tuple[CaseNumber, ...]:
        """The cases closed on time."""
        return tuple(s.case.number for s in self.closed if s.state is CaseState.CLOSED_ON_TIME)

    @property
    def late(self) -> tuple[CaseNumber, ...]:
        """The cases closed late: an inquiry (洽辦單) may be sent for each (C-14)."""
        return tuple(s.case.number for s in self.closed if s.state is CaseState.CLOSED_LATE)

    @property
    def inquiries(self) -> tuple[CaseNumber, ...]:
        """The cases for which an inquiry (洽辦單) is proposed: late, or with a late step (C-14)."""
        return tuple(s.case.number for s in self.closed if s.inquiry_proposed)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The summary deadline, the counts, then one line per case."""
        head = Reason.of(
            "complaints.summary",
            C_9_10,
            en="{n} case(s) closed in {period}: {ok} on time, {late} late (inquiries: {cases})",
            zh="{period}結案{n}件：如期{ok}件，逾期{late}件（洽辦單：{cases}）",
            n=len(self.closed),
            period=f"{self.year:04d}-{self.month:02d}",
            ok=len(self.on_time),
            late=len(self.late),
            cases=tuple(str(n) for n in self.inquiries) or _NONE,
        )
        lines = (*self.deadline.reasons, head, *(s.line for s in self.closed))
        return provisional_note(lines, _statuses_years(self.closed), C_14)

    @property
    def provisional(self) -> bool:
        """Whether a case's state depends on a provisional year of the calendar.

        The summary's own deadline is a day of the month and never is. The explanation then
        ends with a sentence that says so.
        """
        return bool(_statuses_years(self.closed))


_monthly_summary = validate.trusted(MonthlySummary)


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
    summary itself is due before the 10th of the following month
    ([`summary_deadline`][custpolicy.rules.complaints.summary_deadline]).

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
    return _monthly_summary(year, month, deadline, closed)


# -- C-12.1 administrative sanctions go to HR ------------------------------------------------------


def sanction_referral_deadline(
    year: int, month: int, *, policy: Policy = _DEFAULT_POLICY
) -> Deadline:
    """The day by which the sanctioned cases closed in ``year``-``month`` go to HR (C-12.1).

    Due "before the 10th" of the following month, like the C-9.10 summary; **[assumption]** the
    10th itself is on time (``general.monthly_due_day_on_time``).

    Examples:
        >>> sanction_referral_deadline(2026, 12).due
        datetime.date(2027, 1, 10)
    """
    where = "sanction_referral_deadline C-12.1"
    policy = _check_policy(policy, where)
    _check_int(year, "year", where, low=1, high=9998)
    _check_int(month, "month", where, low=1, high=12)
    due_year, due_month = _next_month(year, month)
    period = f"{year:04d}-{month:02d}"
    return monthly_deadline(
        due_year,
        due_month,
        clause=C_12_1,
        subject=(
            f"sending HR the sanctioned cases closed in {period}",
            ZhText(f"{period}結案的行政處分案件送人事單位"),
        ),
        policy=policy,
    )


_REFERRAL = "SanctionReferral C-12.1"


@attrs.frozen
class SanctionReferral(Explained):
    """The cases closed in one month that go to HR for an administrative sanction (C-12.1).

    Attributes:
        year: the year of the month reviewed.
        month: the month reviewed.
        deadline: the C-12.1 deadline (in the following month).
        reviewed: the case numbers closed in the month, in order.
        referred: those ruled to carry an administrative sanction, in order: they go to HR.
    """

    year: int = attrs.field(validator=validate.integer(low=1, high=9998, clause=_REFERRAL))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause=_REFERRAL))
    deadline: Deadline = attrs.field(
        repr=False, validator=validate.instance_of(Deadline, clause=_REFERRAL)
    )
    reviewed: tuple[CaseNumber, ...] = attrs.field(
        validator=validate.tuple_of(CaseNumber, clause=_REFERRAL)
    )
    referred: tuple[CaseNumber, ...] = attrs.field(
        validator=validate.tuple_of(CaseNumber, clause=_REFERRAL)
    )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The deadline, then what was reviewed and what goes to HR."""
        return (
            *self.deadline.reasons,
            Reason.of(
                "complaints.sanction_referral",
                C_12_1,
                en="{n} case(s) closed in {period} reviewed; {k} ruled to carry an administrative "
                "sanction go to HR for the personnel notice: {cases}",
                zh="{period}結案{n}件已審視；經批示為行政處分者{k}件，送人事單位提報人事公布單：{cases}",
                n=len(self.reviewed),
                period=f"{self.year:04d}-{self.month:02d}",
                k=len(self.referred),
                cases=tuple(str(n) for n in self.referred) or _NONE,
            ),
        )


_sanction_referral = validate.trusted(SanctionReferral)


def sanction_referrals(
    cases: Iterable[ComplaintCase],
    year: int,
    month: int,
    *,
    policy: Policy = _DEFAULT_POLICY,
) -> SanctionReferral:
    """The cases closed in ``year``-``month`` with an administrative sanction, for HR (C-12.1).

    Feed it the whole register: open cases and cases closed in other months are left out; of the
    cases closed in the month, those with ``sanctioned=True`` go to HR before the 10th of the
    following month
    ([`sanction_referral_deadline`][custpolicy.rules.complaints.sanction_referral_deadline]).

    Examples:
        >>> from datetime import date
        >>> cases = [
        ...     ComplaintCase(CaseNumber(2026, 2, 1), date(2026, 2, 3), "domestic",
        ...                   date(2026, 2, 12), sanctioned=True),
        ...     ComplaintCase(CaseNumber(2026, 2, 2), date(2026, 2, 5), "domestic",
        ...                   date(2026, 2, 16)),
        ... ]
        >>> print(sanction_referrals(cases, 2026, 2).explain())
        C-12.1 sending HR the sanctioned cases closed in 2026-02 is due before day 10 of \
2026-03: the last day on time is 2026-03-10 (that day itself counts as on time)
        C-12.1 2 case(s) closed in 2026-02 reviewed; 1 ruled to carry an administrative \
sanction go to HR for the personnel notice: 260201
    """
    where = "sanction_referrals C-12.1"
    all_cases = _cases(cases, where)
    deadline = sanction_referral_deadline(year, month, policy=policy)
    closed = tuple(
        c
        for c in sorted(all_cases, key=lambda c: c.number)
        if c.closed is not None and (c.closed.year, c.closed.month) == (year, month)
    )
    return _sanction_referral(
        year,
        month,
        deadline,
        tuple(c.number for c in closed),
        tuple(c.number for c in closed if c.sanctioned),
    )


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


def _not_one_currency(names: str, a: Money, b: Money, where: str) -> InvalidInputError:
    """The refusal of two amounts in two currencies: ``{names} must share one currency``."""
    shown = f"{a!r} and {b!r}"
    error = CurrencyMismatchError
    return refuse(names, "one currency", b, where, shown=shown, must="share", error=error)


_BAND = "ApprovalBand C-11"
_FALSE_WITHOUT_UPPER = "False when upper is None (no upper bound)"
_ROLE = validate.instance_of(Approver, expect="an Approver", clause=_BAND)


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

    role: Approver = attrs.field(validator=_ROLE)
    lower: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_BAND))
    lower_inclusive: bool = attrs.field(validator=validate.boolean(clause=_BAND))
    upper: Money | None = attrs.field(
        validator=validate.instance_of(
            Money, optional=True, expect="a Money or None (no upper bound)", clause=_BAND
        )
    )
    upper_inclusive: bool = attrs.field(validator=validate.boolean(clause=_BAND))

    def __attrs_post_init__(self) -> None:
        where = f"ApprovalBand {self.role.label()} C-11"
        lower, upper = self.lower, self.upper
        if upper is None:
            if self.upper_inclusive:
                raise refuse("upper_inclusive", _FALSE_WITHOUT_UPPER, True, where)
            return
        if upper.currency != lower.currency:
            raise _not_one_currency("lower and upper", lower, upper, where)
        both = self.lower_inclusive and self.upper_inclusive
        if upper < lower or (upper == lower and not both):
            raise InvalidInputError(f"band {self.label()} holds no amount [{where}]")

    def contains(self, amount: Money) -> bool:
        """Whether ``amount`` falls in the band."""
        where = "ApprovalBand.contains C-11"
        amount = validate.check_instance(amount, "amount", where, Money)
        if amount.currency != self.lower.currency:
            currency = f"in the band's currency {self.lower.currency.code}"
            raise refuse("amount", currency, amount, where, error=CurrencyMismatchError)
        return self._holds(amount)

    def _holds(self, amount: Money) -> bool:
        """Whether ``amount``, a Money in the band's currency, falls in the band."""
        above = amount > self.lower if not self.lower_inclusive else amount >= self.lower
        if self.upper is None or not above:
            return above
        return amount <= self.upper if self.upper_inclusive else amount < self.upper

    def label(self, lang: Lang = "en") -> str:
        """The role and the range, e.g. ``sales manager [0, 5,000]``.

        In Chinese the range is in words, in parentheses: ``業務部經理（CNY 0.00至CNY 5,000.00）``.
        """
        lang = check_lang(lang, "ApprovalBand.label")
        bounds = (self.lower, self.lower_inclusive, self.upper, self.upper_inclusive)
        if lang == "en":
            return f"{self.role.label(lang)} {band_label(bounds)}"
        return f"{self.role.label(lang)}（{band_label(bounds, lang)}）"


def _bands(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class ApprovalTable(Explained):
    """Amount bands and the role that approves each (C-11), checked when built.

    The bands must start at zero (included), follow each other in ascending order without a gap
    or an overlap (where one band ends at an amount, exactly one of the two bands includes it),
    end with an unbounded band, use one currency, and name the roles in ascending order of
    authority (each role at most once). A bad table is refused with a message naming the band.
    Build the company's table with
    [`from_policy`][custpolicy.rules.complaints.ApprovalTable.from_policy].

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
        custpolicy.InvalidInputError: band 2 (general manager (CNY 5,000.00, ∞)) leaves \
a gap: CNY 5,000.00 is in neither band 1 nor band 2; exactly one of them must include it \
[ApprovalTable C-11]
    """

    _lines = Lines("bands")

    bands: tuple[ApprovalBand, ...] = attrs.field(converter=_bands)

    def __attrs_post_init__(self) -> None:
        where = "ApprovalTable C-11"
        bands = self.bands
        if not isinstance(bands, tuple) or not bands:
            raise refuse("bands", "a non-empty tuple of ApprovalBand values", bands, where)
        for i, band in enumerate(bands, start=1):
            validate.check_instance(
                band, f"band {i}", where, ApprovalBand, expect="an ApprovalBand"
            )
        check_bands(
            [(b.lower, b.lower_inclusive, b.upper, b.upper_inclusive) for b in bands],
            where,
            name=lambda i: f"band {i} ({bands[i - 1].label()})",
            every="so every amount has an approver",
        )
        for i, (a, b) in enumerate(pairwise(bands), start=2):
            if b.role.value <= a.role.value:
                more = f"a role of more authority than band {i - 1} ({a.role.label()})"
                raise refuse(
                    f"band {i} ({b.label()})", more, None, where, shown=b.role.label(), must="name"
                )

    @classmethod
    def from_policy(cls, policy: Policy = _DEFAULT_POLICY) -> ApprovalTable:
        """The table of ``complaints.sales_manager_limit`` and ``complaints.vice_gm_limit`` (C-11).

        The sales manager approves up to and including the first limit, the vice GM up to and
        including the second, the GM above. When the two limits are equal the vice GM has no
        band. Either limit unset raises
        [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] naming what is
        unset.
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

    def _amount(self, amount: object, where: str) -> Money:
        """``amount`` if it is a non-negative Money in the table's currency."""
        amount = validate.check_money(amount, "amount", where, sign="non-negative")
        if amount.currency != self.currency:
            currency = f"in the table's currency {self.currency.code}"
            raise refuse("amount", currency, amount, where, error=CurrencyMismatchError)
        return amount

    def _approval(self, amount: Money) -> AmountApproval:
        """Who approves ``amount``, a non-negative Money in the table's currency."""
        for i, band in enumerate(self.bands, start=1):
            if band._holds(amount):
                return _amount_approval(amount, band.role, band, i)
        raise AssertionError("unreachable: a checked table covers every amount")  # pragma: no cover

    def approver_for(self, amount: Money) -> AmountApproval:
        """The role that approves a complaint of ``amount`` (C-11)."""
        return self._approval(self._amount(amount, "ApprovalTable.approver_for C-11"))

    def may_answer(self, role: Approver, amount: Money) -> AnswerAuthority:
        """Whether ``role`` may answer a customer on ``amount`` on its own authority (C-9.11)."""
        where = "ApprovalTable.may_answer C-9.11"
        role = validate.check_instance(role, "role", where, Approver, expect="an Approver")
        return _answer_authority(role, self._approval(self._amount(amount, where)))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One line per band."""
        return tuple(
            Reason.of(
                "complaints.band",
                C_11,
                en="band {i}: {band}",
                zh="第{i}級：{band}",
                i=i,
                band=band,
            )
            for i, band in enumerate(self.bands, start=1)
        )


_APPROVAL = "AmountApproval C-11"


@attrs.frozen
class AmountApproval(Explained):
    """Who approves a complaint amount (C-11).

    Attributes:
        amount: the complaint amount.
        role: the approver.
        band: the band the amount falls in.
        band_number: the band's position in the table, from 1.
    """

    amount: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_APPROVAL))
    role: Approver = attrs.field(
        validator=validate.instance_of(Approver, expect="an Approver", clause=_APPROVAL)
    )
    band: ApprovalBand = attrs.field(
        repr=False,
        validator=validate.instance_of(ApprovalBand, expect="an ApprovalBand", clause=_APPROVAL),
    )
    band_number: int = attrs.field(repr=False, validator=validate.integer(low=1, clause=_APPROVAL))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The band the amount falls in and its approver."""
        return (
            Reason.of(
                "complaints.approver",
                C_11,
                en="{amount} falls in band {i}, {band}: the {role} approves it",
                zh="{amount}屬第{i}級{band}：由{role}核決",
                amount=self.amount,
                i=self.band_number,
                band=self.band,
                role=self.role,
            ),
        )


_amount_approval = validate.trusted(AmountApproval)


@attrs.frozen
class AnswerAuthority(Explained):
    """Whether a role may answer a customer on an amount (C-9.11, C-11).

    Attributes:
        role: the role that wants to answer.
        approval: who approves the amount.
    """

    role: Approver = attrs.field(
        validator=validate.instance_of(
            Approver, expect="an Approver", clause="AnswerAuthority C-9.11"
        )
    )
    approval: AmountApproval = attrs.field(
        validator=validate.instance_of(
            AmountApproval, expect="an AmountApproval", clause="AnswerAuthority C-9.11"
        )
    )

    @property
    def allowed(self) -> bool:
        """True when the role's authority reaches the amount's approver."""
        return self.role.value >= self.approval.role.value

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The approver, then whether the role's authority covers the amount."""
        if self.allowed:
            en = "the {role} may answer the customer on {amount}: it is within their authority"
            zh = "{role}可就{amount}答覆客戶：在其核決權限之內"
        else:
            en = (
                "the {role} must not answer the customer on {amount}: it is beyond their "
                "authority and needs the {approver}"
            )
            zh = "{role}不得就{amount}答覆客戶：超越其核決權限，須由{approver}核決"
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


_answer_authority = validate.trusted(AnswerAuthority)


def _table(table: object, policy: Policy, where: str) -> ApprovalTable:
    """``table``, or the table of the policy's C-11 limits when it is None."""
    if table is None:
        return ApprovalTable.from_policy(_check_policy(policy, where))
    return validate.check_instance(
        table, "table", where, ApprovalTable, expect="an ApprovalTable or None"
    )


def approver_for(
    amount: Money, *, table: ApprovalTable | None = None, policy: Policy = _DEFAULT_POLICY
) -> AmountApproval:
    """The role that approves a complaint of ``amount`` (C-11).

    Uses ``table``, or the table built from the policy's limits
    ([`ApprovalTable.from_policy`][custpolicy.rules.complaints.ApprovalTable.from_policy]). A limit
    is the largest amount its role may approve: an amount exactly at a limit stays with that role.

    Examples:
        >>> company = Policy().updated({
        ...     "complaints.sales_manager_limit": Money("5000", "CNY"),
        ...     "complaints.vice_gm_limit": Money("50000", "CNY")})
        >>> print(approver_for(Money("5000", "CNY"), policy=company).explain("zh-Hant"))
        C-11 CN¥5,000.00屬第1級業務部經理（CN¥0.00至CN¥5,000.00）：由業務部經理核決
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


# -- C-9.11 passing the approved decision on to the customer --------------------------------------


class Handling(Choice):
    """The ways a complaint can be settled: the handling of a ruling (C-9.11) and of R-1."""

    ALLOWANCE = "allowance"
    COMPENSATION = "compensation"
    RETURN = "return"
    REPROCESSING = "reprocessing"


Handling._labels = {
    Handling.ALLOWANCE: ("allowance", "折讓"),
    Handling.COMPENSATION: ("compensation", "賠款"),
    Handling.RETURN: ("return", "退貨"),
    Handling.REPROCESSING: ("reprocessing", "重處理"),
}


class AnswerChannel(Choice):
    """How sales passes the approved decision on to the customer (C-9.11)."""

    LETTER = "letter"
    PHONE = "phone"
    FORM_COPY = "form_copy"


AnswerChannel._labels = {
    AnswerChannel.LETTER: ("by letter", "以書信"),
    AnswerChannel.PHONE: ("by phone", "以電話"),
    AnswerChannel.FORM_COPY: (
        "by sending a copy of the complaint form",
        "將客戶抱怨處理表影印送客戶",
    ),
}


class AnswerProblem(Choice):
    """Why an answer to the customer is refused (C-9.11, C-11)."""

    FORM_COPY = "form_copy"
    BEYOND_AUTHORITY = "beyond_authority"
    OTHER_HANDLING = "other_handling"
    ABOVE_APPROVED = "above_approved"


AnswerProblem._labels = {
    AnswerProblem.FORM_COPY: ("a copy of the complaint form is sent", "影印客戶抱怨處理表送客戶"),
    AnswerProblem.BEYOND_AUTHORITY: (
        "the ruling is beyond its approver's authority",
        "批示超越核決權限",
    ),
    AnswerProblem.OTHER_HANDLING: ("the handling is not the one approved", "處理方式與批示不符"),
    AnswerProblem.ABOVE_APPROVED: ("the amount is above the one approved", "金額超過批示金額"),
}


def _handling(where: str) -> validate.Validator:
    return validate.instance_of(
        Handling, expect="a Handling such as Handling.ALLOWANCE", clause=where
    )


@attrs.frozen(kw_only=True)
class Ruling:
    """The approved decision on a complaint form (批示): the handling, the amount, the approver.

    Examples:
        >>> Ruling(handling=Handling.ALLOWANCE, amount=Money("3000", "CNY"),
        ...        approved_by=Approver.SALES_MANAGER).amount
        Money('3000.00', 'CNY')
    """

    handling: Handling = attrs.field(validator=_handling("Ruling C-9.11"))
    amount: Money = attrs.field(
        validator=validate.money(sign="non-negative", clause="Ruling C-9.11")
    )
    approved_by: Approver = attrs.field(
        validator=validate.instance_of(Approver, expect="an Approver", clause="Ruling C-9.11")
    )


@attrs.frozen(kw_only=True)
class CustomerAnswer:
    """What sales would tell the customer, and how: the handling, the amount, the channel."""

    handling: Handling = attrs.field(validator=_handling("CustomerAnswer C-9.11"))
    amount: Money = attrs.field(
        validator=validate.money(sign="non-negative", clause="CustomerAnswer C-9.11")
    )
    channel: AnswerChannel = attrs.field(
        validator=validate.instance_of(
            AnswerChannel,
            expect="an AnswerChannel such as AnswerChannel.LETTER",
            clause="CustomerAnswer C-9.11",
        )
    )


_CHECK = "AnswerCheck C-9.11"


@attrs.frozen
class AnswerCheck(Explained):
    """Whether sales may give the customer an answer, and every reason it may not (C-9.11).

    Attributes:
        answer: the answer sales would give.
        ruling: the approved decision (批示) it passes on.
        approval: who approves the ruling's amount under C-11.
        problems: each reason the answer is refused, empty when it is allowed.
    """

    answer: CustomerAnswer = attrs.field(
        validator=validate.instance_of(CustomerAnswer, clause=_CHECK)
    )
    ruling: Ruling = attrs.field(validator=validate.instance_of(Ruling, clause=_CHECK))
    approval: AmountApproval = attrs.field(
        validator=validate.instance_of(AmountApproval, expect="an AmountApproval", clause=_CHECK)
    )
    problems: tuple[AnswerProblem, ...] = attrs.field(
        validator=validate.tuple_of(AnswerProblem, clause=_CHECK)
    )

    @property
    def allowed(self) -> bool:
        """Whether the answer may be given: no problem was found."""
        return not self.problems

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Who approves the amount, then one line per problem, then the verdict."""
        facts: dict[str, object] = {
            "handling": self.answer.handling,
            "amount": self.answer.amount,
            "channel": self.answer.channel,
            "approved_handling": self.ruling.handling,
            "approved_amount": self.ruling.amount,
            "approved_by": self.ruling.approved_by,
            "approver": self.approval.role,
        }
        texts = {
            AnswerProblem.FORM_COPY: (
                (
                    "the complaint form is never copied to the customer: pass the ruling on by "
                    "letter or by phone"
                ),
                "不得將客戶抱怨處理表影印送客戶，批示事項應以書信或電話轉答客戶",
            ),
            AnswerProblem.BEYOND_AUTHORITY: (
                (
                    "the ruling on {approved_amount} was approved by the {approved_by}, but the "
                    "amount needs the {approver}: it is beyond the approval authority"
                ),
                "{approved_amount}的批示由{approved_by}核決，但該金額須由{approver}核決：超越核決權限",
            ),
            AnswerProblem.OTHER_HANDLING: (
                "the answer offers {handling}, but the ruling approved {approved_handling}",
                "答覆的處理方式為{handling}，但批示為{approved_handling}",
            ),
            AnswerProblem.ABOVE_APPROVED: (
                "the answer offers {amount}, more than the {approved_amount} approved",
                "答覆金額{amount}超過批示金額{approved_amount}",
            ),
        }
        lines = [
            Reason(f"complaints.answer_{p.value}", C_9_11, *texts[p], facts) for p in self.problems
        ]
        if self.allowed:
            verdict = Reason(
                "complaints.answer_allowed",
                C_9_11,
                "sales may tell the customer {channel}: {handling} of {amount}, as the "
                "{approved_by} approved",
                "業務部門可{channel}轉答客戶：依{approved_by}的批示{handling}{amount}",
                facts,
            )
        else:
            verdict = Reason(
                "complaints.answer_refused",
                C_9_11,
                "sales must not give this answer: it goes beyond the approved decision",
                "業務部門不得如此答覆客戶：超越批示事項",
                facts,
            )
        return (*self.approval.reasons, *lines, verdict)


_answer_check = validate.trusted(AnswerCheck)


def check_answer(
    answer: CustomerAnswer,
    ruling: Ruling,
    *,
    table: ApprovalTable | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> AnswerCheck:
    """Whether sales may give ``answer``, passing on ``ruling`` to the customer (C-9.11, C-11).

    Allowed only when every one holds: the channel is a letter or a phone call (a copy of the
    complaint form is refused); the ruling's approver has the authority for its amount under the
    approval table (``table``, or the one built from the policy's C-11 limits); the answer offers
    the handling approved, for no more than the amount approved. Every failing condition is named.

    Examples:
        >>> company = Policy().updated({
        ...     "complaints.sales_manager_limit": Money("5000", "CNY"),
        ...     "complaints.vice_gm_limit": Money("50000", "CNY")})
        >>> ruling = Ruling(handling=Handling.ALLOWANCE, amount=Money("3000", "CNY"),
        ...                 approved_by=Approver.SALES_MANAGER)
        >>> answer = CustomerAnswer(handling=Handling.ALLOWANCE, amount=Money("3000", "CNY"),
        ...                         channel=AnswerChannel.FORM_COPY)
        >>> check = check_answer(answer, ruling, policy=company)
        >>> check.allowed, check.problems
        (False, (AnswerProblem.FORM_COPY,))
    """
    where = "check_answer C-9.11"
    answer = validate.check_instance(answer, "answer", where, CustomerAnswer)
    ruling = validate.check_instance(ruling, "ruling", where, Ruling)
    if answer.amount.currency != ruling.amount.currency:
        raise _not_one_currency("answer and ruling", answer.amount, ruling.amount, where)
    approval = _table(table, policy, where).approver_for(ruling.amount)
    problems = []
    if answer.channel is AnswerChannel.FORM_COPY:
        problems.append(AnswerProblem.FORM_COPY)
    if ruling.approved_by.value < approval.role.value:
        problems.append(AnswerProblem.BEYOND_AUTHORITY)
    if answer.handling is not ruling.handling:
        problems.append(AnswerProblem.OTHER_HANDLING)
    if answer.amount > ruling.amount:
        problems.append(AnswerProblem.ABOVE_APPROVED)
    return _answer_check(answer, ruling, approval, tuple(problems))
