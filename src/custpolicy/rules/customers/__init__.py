"""Customer master data: categories, files, registration, access, contacts, visits (M-1.2 to M-1.9).

The clauses (docs/catalogue.md, family M, from 通用5):

- **M-1.2**: a customer is in one of four categories: target, general, key or potential.
- **M-1.3**: a customer file holds at least the name, category, enterprise nature, supervising
  unit, address, contact person and phone, plus the fields the company adds
  (``customers.added_file_fields``, **[assumption]** none);
  [`check_file`][custpolicy.rules.customers.check_file] names every field that is missing.
- **M-1.4**: a new customer is registered within 5 working days of first contact, and a change
  is reported within 5 working days of it (``customers.registration_working_days``,
  ``customers.change_report_working_days``), on a
  [`WorkCalendar`][custpolicy.foundation.workdays.WorkCalendar]
  (the China calendar by default).
- **M-1.5**: reading a file of one's own department needs that department manager's approval;
  another department's file needs the general manager's. No approval, no access.
- **M-1.6.3**: an important **new** customer with large potential has at least two distinct staff
  contacts who still work here (``customers.key_categories``, **[assumption]** key and potential;
  ``customers.new_customer_months``, **[assumption]** registered within 12 months before the
  check; ``customers.key_customer_min_contacts``). Older customers are not held to it.
- **M-1.6.4**: when a contact leaves, each of their customers is told and handed to another
  employee, with the fair split of [`custpolicy.foundation.fairsplit`][]; the explanation cites
  M-1.6.4.
- **M-1.7**: return visits by category, at intervals the company sets
  (``customers.visit_interval_days``, required: no default).
- **M-1.8.1**: an expense tied to a customer that is not registered is never reimbursed. 「等」
  leaves the source's list (entertainment, travel, gifts) open: **[assumption]** every kind is
  covered unless ``customers.restricted_expense_kinds`` names the kinds; **[assumption]** the
  registration is judged on the day finance decides the claim, or on the day the expense was
  incurred (``customers.registration_judged_on``).
- **M-1.8.2**: staff who ignore at least ``customers.reminder_threshold`` registration reminders
  in a month are flagged for the month-end KPI review (**[assumption]** 2).
- **M-1.9**: every rule here takes the ``policy`` the caller chose; pick the version in force on
  the day of the event judged with ``book.in_force(event_day).policy``.

Examples:
    >>> from datetime import date
    >>> status = registration_status(date(2026, 9, 28), date(2026, 10, 12), as_of=date(2026, 11, 2))
    >>> status.status, status.days_late
    (FilingStatus.LATE, 1)
    >>> print(status.explain())
    M-1.4 registration is due within 5 working days of 2026-09-28 on calendar china: by 2026-10-10
    M-1.4 days off on weekdays skipped: 2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07
    M-1.4 registration done on 2026-10-12: late by 1 working day(s)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import (
    M_1_3,
    M_1_4,
    M_1_5,
    M_1_6_3,
    M_1_6_4,
    M_1_7,
    M_1_8_1,
    M_1_8_2,
)
from custpolicy.foundation.contacts import normalize_phone
from custpolicy.foundation.deadlines import Deadline, provisional_note, working_day_deadline
from custpolicy.foundation.errors import InvalidInputError, ParameterNotSetError
from custpolicy.foundation.explain import Choice, Explained, Lines, Phrase, Reason
from custpolicy.foundation.fairsplit import FairSplit, Ledger, check_people, fair_split
from custpolicy.foundation.lang import ZhText
from custpolicy.foundation.policy import CUSTOMER_FILE_FIELDS, VALUE_LABELS, Policy
from custpolicy.foundation.validate import (
    boolean,
    check_calendar,
    check_date,
    check_instance,
    check_int,
    check_items,
    check_mapping,
    check_optional_date,
    check_policy,
    check_text,
    check_unique,
    choice,
    instance_of,
    integer,
    optional,
    optional_date,
    pairs,
    refuse,
    satisfying,
    text,
    trusted,
    tuple_of,
)
from custpolicy.foundation.validate import (
    date as a_date,
)
from custpolicy.foundation.workdays import WorkCalendar

__all__ = [
    "AccessDecision",
    "AccessRequest",
    "Approval",
    "Category",
    "ClaimOutcome",
    "ContactsCheck",
    "Customer",
    "CustomerFile",
    "FileCheck",
    "FileField",
    "Filing",
    "FilingStatus",
    "Handover",
    "KpiReview",
    "Reimbursement",
    "Reminder",
    "Role",
    "Shortfall",
    "VisitDue",
    "VisitPlan",
    "change_status",
    "check_contacts",
    "check_file",
    "decide_access",
    "hand_over",
    "kpi_flags",
    "registration_status",
    "reimbursement",
    "visits_due",
]

_DEFAULT_POLICY = Policy()


# -- M-1.2 categories ----------------------------------------------------------------------------


class Category(Choice):
    """The four customer categories (M-1.2).

    Examples:
        >>> Category.of("重點客戶"), Category.of(" Key ").label("zh-Hant")
        (Category.KEY, '重點客戶')
        >>> Category.of("vip")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: category must be one of 'target', 'general', \
'key', 'potential' (or 目標客戶, 一般客戶, 重點客戶, 潛在客戶), got 'vip' [M-1.2]
    """

    TARGET = "target"
    GENERAL = "general"
    KEY = "key"
    POTENTIAL = "potential"

    @classmethod
    def of(cls, value: object) -> Category:
        """The category ``value`` names: a Category, its code or its Chinese name (M-1.2)."""
        if isinstance(value, Category):
            return value
        if isinstance(value, str):
            text = value.strip()
            for category in cls:
                if text.lower() == category.value or text in (
                    category.label("zh-Hant"),
                    category.label("zh-Hant")[:2],
                ):
                    return category
        names = ", ".join(c.label("zh-Hant") for c in cls)
        codes = "'target', 'general', 'key', 'potential'"
        raise refuse("category", f"one of {codes} (or {names})", value, "M-1.2")


Category._labels = {
    Category.TARGET: ("target customer", "目標客戶"),
    Category.GENERAL: ("general customer", "一般客戶"),
    Category.KEY: ("key customer", "重點客戶"),
    Category.POTENTIAL: ("potential customer", "潛在客戶"),
}


# -- M-1.3 the customer file -------------------------------------------------------------------


class FileField(Choice):
    """The fields every customer file must have (M-1.3), in the source's order."""

    NAME = "name"
    CATEGORY = "category"
    ENTERPRISE_NATURE = "enterprise_nature"
    SUPERVISING_UNIT = "supervising_unit"
    ADDRESS = "address"
    CONTACT_PERSON = "contact_person"
    PHONE = "phone"


FileField._labels = {
    FileField.NAME: ("customer name", "客戶名稱"),
    FileField.CATEGORY: ("customer category", "客戶類別"),
    FileField.ENTERPRISE_NATURE: ("enterprise nature", "企業性質"),
    FileField.SUPERVISING_UNIT: ("supervising unit", "主管單位"),
    FileField.ADDRESS: ("address", "地址"),
    FileField.CONTACT_PERSON: ("contact person", "聯絡人"),
    FileField.PHONE: ("phone", "聯絡電話"),
}


def _added(value: object) -> object:
    if isinstance(value, Mapping):
        return tuple(value.items())
    return value


_ADDED = (
    "a mapping of the company's added field names (str, not one of the seven fields) to their "
    "values"
)


_added_valid = satisfying(
    lambda value: (
        isinstance(value, tuple)
        and all(
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and pair[0] not in CUSTOMER_FILE_FIELDS
            for pair in value
        )
    ),
    _ADDED,
    clause="CustomerFile M-1.3",
)


@attrs.frozen
class CustomerFile:
    """A customer file as held (M-1.3); any field may be missing (``None``) or blank.

    Attributes:
        name: the customer's name (客戶名稱).
        category: the category (客戶類別): a [`Category`][custpolicy.rules.customers.Category], its
            code or Chinese name.
        enterprise_nature: the type of enterprise (企業性質).
        supervising_unit: the supervising body (主管單位).
        address: the address (地址).
        contact_person: the contact person (聯絡人).
        phone: the phone number (聯絡電話).
        added: the values of the fields the company adds (``customers.added_file_fields``),
            as a mapping of field name to value.
    """

    name: str | None = None
    category: Category | str | None = None
    enterprise_nature: str | None = None
    supervising_unit: str | None = None
    address: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    added: tuple[tuple[str, object], ...] = attrs.field(
        default=(), converter=_added, validator=_added_valid
    )


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # pandas' NaN for an empty cell
        return True
    return isinstance(value, str) and not value.strip()


_PROBLEM_ZH = {
    "not one of the four categories": "不屬於四類客戶之一",
    "not text": "不是文字",
    "no usable phone number": "無可用的電話號碼",
}
"""Why a present value is unusable, with the words in Chinese."""


def _problem(field: FileField, value: object) -> str | None:
    """Why a present value is unusable, or ``None`` if it is fine."""
    if field is FileField.CATEGORY:
        try:
            Category.of(value)
        except InvalidInputError:
            return "not one of the four categories"
        return None
    if not isinstance(value, str):
        return "not text"
    if field is FileField.PHONE and normalize_phone(value) is None:
        return "no usable phone number"
    return None


def check_file(
    record: CustomerFile | Mapping[str, object],
    *,
    customer: str = "",
    policy: Policy = _DEFAULT_POLICY,
) -> FileCheck:
    """Check that a customer file has every required field, and name each one missing (M-1.3).

    The seven fields of the source are the minimum: 「如…等」 gives examples, so the company may
    require more (``customers.added_file_fields``, **[assumption]** none), and each of those is
    checked too. ``record`` is a [`CustomerFile`][custpolicy.rules.customers.CustomerFile] (the
    added fields in its ``added``) or a mapping with the same keys (a row of a table; an empty cell,
    ``None``, blank text or NaN, counts as missing). A present value that cannot be used (a category
    outside M-1.2, a phone with no number) is listed as invalid; an added field counts as soon as it
    has a value.

    Examples:
        >>> check = check_file({"name": "Acme", "category": "key", "phone": " "}, customer="C-7")
        >>> check.complete, [f.value for f in check.missing]
        (False, ['enterprise_nature', 'supervising_unit', 'address', 'contact_person', 'phone'])
        >>> print(check.explain("zh-Hant"))
        M-1.3 客戶檔案C-7不完整，缺少：企業性質、主管單位、地址、聯絡人、聯絡電話
        >>> company = Policy().updated({"customers.added_file_fields": ["稅號"]})
        >>> check_file(CustomerFile("Acme", "key", "private", "City", "1 Main Rd", "Wu",
        ...                         "021-6512 3456"), policy=company).missing
        ('稅號',)
    """
    where = "check_file M-1.3"
    if isinstance(record, CustomerFile):
        values: Mapping[str, object] = {
            **{f.value: getattr(record, f.value) for f in FileField},
            **dict(record.added),
        }
    else:
        expect = "a CustomerFile or a mapping of field to value"
        values = check_mapping(record, "record", where, expect=expect)
    check_text(customer, "customer", where, blank=True)
    added = check_policy(policy, where).customers.added_file_fields
    missing: list[FileField | str] = []
    invalid: list[tuple[FileField, str]] = []
    for field in FileField:
        value = values.get(field.value)
        if _is_missing(value):
            missing.append(field)
            continue
        problem = _problem(field, value)
        if problem is not None:
            invalid.append((field, problem))
    missing.extend(name for name in added if _is_missing(values.get(name)))
    return _file_check(customer, tuple(missing), tuple(invalid), added)


@attrs.frozen
class FileCheck(Explained):
    """The result of [`check_file`][custpolicy.rules.customers.check_file] (M-1.3).

    Attributes:
        customer: the customer the file belongs to, as the caller named it.
        missing: every field that is missing or blank: the seven of the source (as
            [`FileField`][custpolicy.rules.customers.FileField]) in the source's order, then the
            company's added fields (by name) in the policy's order.
        invalid: every field present but unusable, with the reason.
        added: the fields the company added to the seven (``customers.added_file_fields``).
    """

    customer: str = attrs.field(validator=text(blank=True, clause="FileCheck M-1.3"))
    missing: tuple[FileField | str, ...] = attrs.field(
        validator=tuple_of((FileField, str), clause="FileCheck M-1.3")
    )
    invalid: tuple[tuple[FileField, str], ...] = attrs.field(
        default=(), validator=pairs(FileField, tuple(_PROBLEM_ZH), clause="FileCheck M-1.3")
    )
    added: tuple[str, ...] = attrs.field(
        default=(), validator=tuple_of(str, clause="FileCheck M-1.3")
    )

    @property
    def complete(self) -> bool:
        """Whether the file has every required field, each usable."""
        return not self.missing and not self.invalid

    @property
    def required(self) -> tuple[FileField | str, ...]:
        """Every field the file must have: the seven of the source, then the added ones."""
        return (*FileField, *self.added)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The verdict, naming every missing and invalid field."""
        name = self.customer or "(unnamed)"
        if self.complete:
            return (
                Reason.of(
                    "customers.file_complete",
                    M_1_3,
                    en="the file of {customer} has all {n} required fields",
                    zh="客戶檔案{customer}的{n}項必備資料齊全",
                    customer=name,
                    n=len(self.required),
                ),
            )
        lines = []
        if self.missing:
            lines.append(
                Reason.of(
                    "customers.file_missing",
                    M_1_3,
                    en="the file of {customer} is incomplete, missing: {fields}",
                    zh="客戶檔案{customer}不完整，缺少：{fields}",
                    customer=name,
                    fields=self.missing,
                )
            )
        for field, problem in self.invalid:
            lines.append(
                Reason.of(
                    "customers.file_invalid",
                    M_1_3,
                    en="the file of {customer} has an unusable {field}: {problem}",
                    zh="客戶檔案{customer}的{field}無法使用：{problem_zh}",
                    customer=name,
                    field=field,
                    problem=problem,
                    problem_zh=_PROBLEM_ZH[problem],
                )
            )
        return tuple(lines)


_file_check = trusted(FileCheck)


# -- M-1.4 registration and change deadlines ---------------------------------------------------


class FilingStatus(Choice):
    """Where a registration (or a change report) stands on a date (M-1.4)."""

    PENDING = "pending"
    ON_TIME = "on time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_REGISTERED = "not registered"


FilingStatus._labels = {
    FilingStatus.PENDING: ("pending", "尚在期限內"),
    FilingStatus.ON_TIME: ("on time", "準時"),
    FilingStatus.LATE: ("late", "逾期完成"),
    FilingStatus.OVERDUE: ("overdue", "已逾期未完成"),
    FilingStatus.NOT_REGISTERED: ("not registered", "客戶未備案"),
}


_M14 = "Filing M-1.4"


@attrs.frozen
class Filing(Explained):
    """The status of a registration or a change report on a date (M-1.4).

    Attributes:
        subject: ``"registration"`` or ``"change report"``.
        status: pending, on time, late, overdue, or not registered (a change of a customer
            that is not registered cannot be reported; register it first).
        as_of: the date the status is judged on.
        deadline: the deadline, or ``None`` when the status is not registered.
        done_on: the day it was done, if on or before ``as_of``.
        days_late: working days late (late) or past the deadline so far (overdue); else 0.
    """

    subject: str = attrs.field(validator=choice(("registration", "change report"), clause=_M14))
    status: FilingStatus = attrs.field(validator=choice(FilingStatus, clause=_M14))
    as_of: date = attrs.field(validator=a_date(clause=_M14))
    deadline: Deadline | None = attrs.field(
        validator=instance_of(Deadline, optional=True, clause=_M14)
    )
    done_on: date | None = attrs.field(validator=optional_date(clause=_M14))
    days_late: int = attrs.field(validator=integer(low=0, clause=_M14))
    reasons: tuple[Reason, ...] = attrs.field(repr=False, validator=tuple_of(Reason, clause=_M14))

    @property
    def provisional(self) -> bool:
        """Whether the status or the days late depend on a provisional year of the calendar.

        A provisional year is one whose notice is not published yet: the deadline, or the
        working days counted late, may reach into it. The explanation then ends with a
        sentence that says so.
        """
        return bool(_filing_years(self.deadline, self.done_on, self.as_of))


def _filing_years(deadline: Deadline | None, done_on: date | None, as_of: date) -> tuple[int, ...]:
    """The provisional years that judging the filing on ``as_of`` depends on."""
    if deadline is None:
        return ()
    return deadline.provisional_years_until(done_on if done_on is not None else as_of)


_filing_of = trusted(Filing)
_SUBJECTS = {"registration": "備案", "change report": "變動回報"}


def _filing(
    subject: str,
    start: date,
    days: int,
    done_on: date | None,
    as_of: date,
    calendar: WorkCalendar | None,
    *,
    argument: str,
    where: str,
) -> Filing:
    work = calendar if calendar is not None else china()
    work.check_covered(start, argument, where)  # name the caller's argument
    deadline = working_day_deadline(
        start, days, clause=M_1_4, subject=(subject, _SUBJECTS[subject]), calendar=work
    )

    def late_by(day: date) -> int:
        # Working days in (due, day]; a day off after the deadline still makes it late, and
        # counts as the working day it runs into.
        if day <= deadline.due:
            return 0
        return deadline.days_late(day) + (not work.is_working_day(day))

    facts: dict[str, object] = {"subject": subject, "subject_zh": _SUBJECTS[subject]}
    if done_on is not None:
        late = late_by(done_on)
        status = FilingStatus.LATE if late else FilingStatus.ON_TIME
        line = Reason.of(
            "customers.filing_done",
            M_1_4,
            en="{subject} done on {done}: "
            + ("late by {late} working day(s)" if late else "on time"),
            zh="{subject_zh}於{done}完成：" + ("逾期{late}個工作日" if late else "準時"),
            done=done_on,
            late=late,
            **facts,
        )
    else:
        late = late_by(as_of)
        status = FilingStatus.OVERDUE if late else FilingStatus.PENDING
        line = Reason.of(
            "customers.filing_open",
            M_1_4,
            en="{subject} not done by {as_of}: "
            + ("overdue by {late} working day(s)" if late else "still within the period"),
            zh="{subject_zh}至{as_of}尚未完成："
            + ("已逾期{late}個工作日" if late else "仍在期限內"),
            as_of=as_of,
            late=late,
            **facts,
        )
    reasons = provisional_note(
        (*deadline.reasons, line), _filing_years(deadline, done_on, as_of), M_1_4
    )
    return _filing_of(subject, status, as_of, deadline, done_on, late, reasons)


def _when_done(
    done: date | None, start: date, as_of: date, names: tuple[str, str], where: str
) -> date | None:
    for argument, day in (("as_of", as_of), (names[1], done)):
        if day is not None and day < start:
            after = f"before {names[0]} {start.isoformat()}"
            raise refuse(argument, after, day, where, shown=day.isoformat(), must="not be")
    return done if done is not None and done <= as_of else None


def registration_status(
    first_contact: date,
    registered_on: date | None,
    *,
    as_of: date,
    calendar: WorkCalendar | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Filing:
    """Whether a new customer was registered within 5 working days of first contact (M-1.4).

    A registration dated after ``as_of`` is not known yet on ``as_of``, so it counts as not
    done. Working days follow ``calendar`` (the China calendar by default); a deadline that
    falls in a year the calendar does not cover raises
    [`CalendarCoverageError`][custpolicy.foundation.errors.CalendarCoverageError].

    Args:
        first_contact: the day sales first dealt with the customer (it does not count).
        registered_on: the day it was registered with marketing, or ``None``.
        as_of: the day the status is judged on.
        calendar: the work calendar; ``None`` for
            [`custpolicy.china`][custpolicy.foundation.calendars.china.china].
        policy: the policy in force on the day of first contact (M-1.9).

    Examples:
        >>> from datetime import date
        >>> registration_status(date(2026, 2, 13), None, as_of=date(2026, 2, 20)).status
        FilingStatus.PENDING
    """
    where = "registration_status M-1.4"
    start = check_date(first_contact, "first_contact", where)
    done = check_optional_date(registered_on, "registered_on", where)
    as_of = check_date(as_of, "as_of", where)
    calendar = check_calendar(calendar, where)
    days = check_policy(policy, where).customers.registration_working_days
    done = _when_done(done, start, as_of, ("first_contact", "registered_on"), where)
    return _filing(
        "registration", start, days, done, as_of, calendar, argument="first_contact", where=where
    )


def change_status(
    changed_on: date,
    reported_on: date | None,
    *,
    registered_on: date | None,
    as_of: date,
    calendar: WorkCalendar | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Filing:
    """Whether a change to a registered customer was reported within 5 working days (M-1.4).

    The rule covers registered customers: if the customer is not registered on ``as_of``, the
    status is *not registered* (the change goes into the registration instead).

    Examples:
        >>> from datetime import date
        >>> s = change_status(date(2026, 2, 12), date(2026, 2, 26),
        ...                   registered_on=date(2025, 5, 6), as_of=date(2026, 3, 2))
        >>> s.deadline.due, s.status   # Sat 14 Feb worked; Spring Festival 15-23 Feb off
        (datetime.date(2026, 2, 26), FilingStatus.ON_TIME)
    """
    where = "change_status M-1.4"
    start = check_date(changed_on, "changed_on", where)
    done = check_optional_date(reported_on, "reported_on", where)
    registered = check_optional_date(registered_on, "registered_on", where)
    as_of = check_date(as_of, "as_of", where)
    calendar = check_calendar(calendar, where)
    days = check_policy(policy, where).customers.change_report_working_days
    done = _when_done(done, start, as_of, ("changed_on", "reported_on"), where)
    if registered is None or registered > as_of:
        line = Reason.of(
            "customers.change_unregistered",
            M_1_4,
            en="the customer is not registered on {as_of}, so there is no change to report: "
            "register it first",
            zh="該客戶於{as_of}尚未備案，無從回報變動，應先備案",
            as_of=as_of,
        )
        unregistered = FilingStatus.NOT_REGISTERED
        return _filing_of("change report", unregistered, as_of, None, done, 0, (line,))
    return _filing(
        "change report", start, days, done, as_of, calendar, argument="changed_on", where=where
    )


# -- M-1.5 reading a customer file ---------------------------------------------------------------


class Role(Choice):
    """Who may approve reading a customer file (M-1.5)."""

    DEPARTMENT_MANAGER = "department manager"
    GENERAL_MANAGER = "general manager"


Role._labels = {
    Role.DEPARTMENT_MANAGER: ("department manager", "部門經理"),
    Role.GENERAL_MANAGER: ("general manager", "總經理"),
}


_M15 = "Approval M-1.5"


@attrs.frozen
class Approval:
    """An approval given for one requester to read one customer file (M-1.5).

    Attributes:
        approver: who gave it.
        role: the role they gave it in.
        requester: whom it was given to.
        file: the customer whose file it covers.
        department: for a department manager, the department they manage.
    """

    approver: str = attrs.field(validator=text(clause=_M15))
    role: Role = attrs.field(validator=instance_of(Role, clause=_M15))
    requester: str = attrs.field(validator=text(clause=_M15))
    file: str = attrs.field(validator=text(clause=_M15))
    department: str | None = attrs.field(default=None, validator=optional(text(clause=_M15)))


@attrs.frozen
class AccessRequest:
    """A request to read a customer file (M-1.5).

    Attributes:
        requester: who asks.
        department: the requester's department.
        file: the customer whose file is asked for.
        file_department: the department the customer file belongs to.
    """

    requester: str = attrs.field(validator=text(clause="M-1.5"))
    department: str = attrs.field(validator=text(clause="M-1.5"))
    file: str = attrs.field(validator=text(clause="M-1.5"))
    file_department: str = attrs.field(validator=text(clause="M-1.5"))


_WHY_NOT = {
    "other file": ("it covers another customer's file", "該核准針對其他客戶檔案"),
    "other requester": ("it was given to someone else", "該核准給予其他申請人"),
    "self": ("nobody approves their own request", "不得自行核准本人的申請"),
    "wrong role": ("it was given in another role than the one needed", "核准人的職務不符"),
    "other department": (
        "the approver manages another department",
        "核准人為其他部門的經理",
    ),
}


def _why_not(approval: Approval, request: AccessRequest, needed: Role) -> str | None:
    if approval.file != request.file:
        return "other file"
    if approval.requester != request.requester:
        return "other requester"
    if approval.approver == request.requester:
        return "self"
    if approval.role is not needed:
        return "wrong role"
    if needed is Role.DEPARTMENT_MANAGER and approval.department != request.file_department:
        return "other department"
    return None


def decide_access(
    request: AccessRequest, approvals: Iterable[Approval] = (), *, policy: Policy = _DEFAULT_POLICY
) -> AccessDecision:
    """Decide a request to read a customer file from the approvals given (M-1.5).

    A file of the requester's own department needs the approval of that department's manager;
    another department's file needs the general manager's. An approval counts only if it was
    given for this file, to this requester, in the needed role (and, for a department manager,
    for the file's department), by someone other than the requester. Otherwise: refused.

    Examples:
        >>> ask = AccessRequest("Lin", "Sales 1", file="C-9", file_department="Sales 2")
        >>> nod = Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-9", department="Sales 2")
        >>> decision = decide_access(ask, [nod])
        >>> decision.granted, decision.needed
        (False, Role.GENERAL_MANAGER)
        >>> print(decision.explain())
        M-1.5 Lin of Sales 1 asks to read the file of C-9, which belongs to Sales 2: \
another department's file needs the approval of the general manager
        M-1.5 the approval of Zhou does not count: it was given in another role than the one needed
        M-1.5 refused: no approval of the general manager
    """
    where = "decide_access M-1.5"
    check_instance(request, "request", where, AccessRequest, expect="an AccessRequest")
    given = check_items(approvals, "approvals", where, Approval)
    check_policy(policy, where)
    own = request.department == request.file_department
    needed = Role.DEPARTMENT_MANAGER if own else Role.GENERAL_MANAGER
    counted: Approval | None = None
    ignored: list[tuple[Approval, str]] = []
    for approval in given:
        why = _why_not(approval, request, needed)
        if why is None:
            counted = counted or approval
        else:
            ignored.append((approval, why))
    return _access_decision(request, needed, counted, tuple(ignored))


_M15D = "AccessDecision M-1.5"


@attrs.frozen
class AccessDecision(Explained):
    """The answer to a request to read a customer file (M-1.5).

    Attributes:
        request: the request.
        needed: the role whose approval the request needs.
        approval: the approval that counted, or ``None`` (then access is refused).
        ignored: the approvals that did not count, each with the reason code.
    """

    request: AccessRequest = attrs.field(validator=instance_of(AccessRequest, clause=_M15D))
    needed: Role = attrs.field(validator=choice(Role, clause=_M15D))
    approval: Approval | None = attrs.field(
        validator=instance_of(Approval, optional=True, clause=_M15D)
    )
    ignored: tuple[tuple[Approval, str], ...] = attrs.field(
        default=(), validator=pairs(Approval, tuple(_WHY_NOT), clause=_M15D)
    )

    @property
    def granted(self) -> bool:
        """Whether the requester may read the file."""
        return self.approval is not None

    @property
    def needed_department(self) -> str | None:
        """For a department manager's approval, the department whose manager must approve."""
        return self.request.file_department if self.needed is Role.DEPARTMENT_MANAGER else None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The rule applied, every approval that did not count, and the answer."""
        r = self.request
        own = self.needed is Role.DEPARTMENT_MANAGER
        lines = [
            Reason.of(
                "customers.access_rule",
                M_1_5,
                en="{requester} of {department} asks to read the file of {file}, which belongs to "
                "{file_department}: "
                + ("a file of one's own department" if own else "another department's file")
                + " needs the approval of the {role}",
                zh="{department}的{requester}申請查閱{file_department}的客戶檔案{file}："
                + ("本業務部門客戶檔案" if own else "非本業務部門客戶檔案")
                + "須經{role}核准",
                requester=r.requester,
                department=r.department,
                file=r.file,
                file_department=r.file_department,
                role=self.needed,
            )
        ]
        for approval, why in self.ignored:
            en, zh = _WHY_NOT[why]
            lines.append(
                Reason.of(
                    "customers.access_ignored",
                    M_1_5,
                    en="the approval of {approver} does not count: " + en,
                    zh="{approver}的核准不予採計：" + zh,
                    approver=approval.approver,
                )
            )
        if self.approval is not None:
            lines.append(
                Reason.of(
                    "customers.access_granted",
                    M_1_5,
                    en="granted: approved by {approver}, {role}",
                    zh="准予查閱：已經{role}{approver}核准",
                    approver=self.approval.approver,
                    role=self.needed,
                )
            )
        else:
            lines.append(
                Reason.of(
                    "customers.access_refused",
                    M_1_5,
                    en="refused: no approval of the {role}",
                    zh="不予查閱：未經{role}核准",
                    role=self.needed,
                )
            )
        return tuple(lines)


_access_decision = trusted(AccessDecision)


# -- customers, for M-1.6.3 to M-1.8.1 -------------------------------------------------------


def _contacts(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(value) if isinstance(value, (list, tuple)) else tuple(sorted(value, key=str))
    return value  # type: ignore[return-value]  # the validator names it


_contacts_valid = satisfying(
    lambda value: isinstance(value, tuple) and all(isinstance(s, str) and s.strip() for s in value),
    "a collection of staff IDs (non-empty str)",
    clause="Customer M-1.6.3",
)


def _category(value: object) -> Category:
    return Category.of(value)


@attrs.frozen
class Customer:
    """A customer as the rules M-1.6.3 to M-1.8.1 see it.

    Attributes:
        id: the customer's ID.
        category: its category (M-1.2); a code or Chinese name is converted.
        department: the department whose customer it is.
        contacts: the staff who are in contact with it.
        registered_on: the day it was registered with marketing (M-1.4), or ``None``.
        last_visit: the day of its last return visit (M-1.7), or ``None``.
    """

    id: str = attrs.field(validator=text())
    category: Category = attrs.field(converter=_category)
    department: str = attrs.field(default="", validator=text(blank=True))
    contacts: tuple[str, ...] = attrs.field(
        default=(), converter=_contacts, validator=_contacts_valid
    )
    registered_on: date | None = attrs.field(default=None, validator=optional_date())
    last_visit: date | None = attrs.field(default=None, validator=optional_date())


def _customers(value: object, where: str) -> tuple[Customer, ...]:
    found: tuple[Customer, ...] = check_items(value, "customers", where, Customer)
    check_unique(tuple(c.id for c in found), "customers", where, expect="distinct IDs", must="have")
    return found


def _staff(value: object, argument: str, where: str) -> frozenset[str]:
    found = check_items(value, argument, where, object, name="staff IDs")
    for person in found:
        check_text(person, argument, where)
    return frozenset(found)


# -- M-1.6.3 contacts of important new customers -------------------------------------------


_M163S = "Shortfall M-1.6.3"


@attrs.frozen
class Shortfall:
    """An important new customer with too few contacts (M-1.6.3).

    Attributes:
        customer: the customer's ID.
        category: its category.
        contacts: its distinct contacts who still work here, sorted.
        gone: its contacts who no longer work here, sorted.
        needed: the least number of contacts it must have.
    """

    customer: str = attrs.field(validator=text(clause=_M163S))
    category: Category = attrs.field(validator=choice(Category, clause=_M163S))
    contacts: tuple[str, ...] = attrs.field(validator=tuple_of(str, clause=_M163S))
    gone: tuple[str, ...] = attrs.field(validator=tuple_of(str, clause=_M163S))
    needed: int = attrs.field(validator=integer(low=1, clause=_M163S))

    @property
    def missing(self) -> int:
        """How many more contacts it needs."""
        return self.needed - len(self.contacts)


_shortfall = trusted(Shortfall)


def _new_since(on: date, months: int) -> date:
    """The earliest registration day of a customer still new on ``on`` (M-1.6.3)."""
    try:
        return on - relativedelta(months=months)
    except (ValueError, OverflowError):  # before year 1: every registration is within
        return date.min


def check_contacts(
    customers: Iterable[Customer],
    employed: Iterable[str],
    *,
    on: date | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> ContactsCheck:
    """Report every important new customer with too few distinct contacts employed (M-1.6.3).

    The source asks it of 「較重要、未來發展潛力巨大的新客戶」. **[assumption]** important, with
    large potential = the categories of ``customers.key_categories`` (key and potential);
    **[assumption]** new = registered within ``customers.new_customer_months`` (12) months before
    ``on``, the day of the check (the day 12 months before still counts), or not registered on
    ``on`` yet. An older customer is not held to the rule, and the result names it. With
    ``customers.new_customer_months`` set to ``None`` every customer of those categories is
    held, and ``on`` may be left out. A contact listed twice counts once; a contact not in
    ``employed`` does not count (``customers.key_customer_min_contacts``, 2).

    Examples:
        >>> from datetime import date
        >>> acme = Customer("C-1", "key", contacts=("Lin", "Lin", "Wu"),
        ...                 registered_on=date(2026, 3, 2))
        >>> old = Customer("C-2", "key", registered_on=date(2020, 5, 6))
        >>> check = check_contacts([acme, old], employed=["Lin", "Chen"], on=date(2026, 12, 6))
        >>> print(check.explain())
        M-1.6.3 an important new customer (key customer, potential customer, registered on or \
after 2025-12-06 or not yet registered) needs at least 2 contacts still employed
        M-1.6.3 not new on 2026-12-06, so not held to this rule: C-2
        M-1.6.3 1 of 1 customers held to this rule have too few contacts
        M-1.6.3 C-1 (key customer): 1 contact(s) still employed (Lin), 1 more needed; \
no longer employed: Wu
    """
    where = "check_contacts M-1.6.3"
    found = _customers(customers, where)
    staff = _staff(employed, "employed", where)
    params = check_policy(policy, where).customers
    day = check_optional_date(on, "on", where)
    months = params.new_customer_months
    since: date | None = None
    if months is not None:
        if day is None:
            expect = (
                "the day of the check, a datetime.date, while customers.new_customer_months is "
                f"{months}: a customer is new when registered within {months} months before it"
            )
            raise refuse("on", expect, day, where)
        since = _new_since(day, months)
    needed = params.key_customer_min_contacts
    important = [c for c in found if c.category.value in params.key_categories]
    held: list[Customer] = []
    old: list[str] = []
    for customer in important:
        registered = customer.registered_on
        # registered after the check day: not registered on it yet, so new as well
        if since is None or registered is None or registered >= since:
            held.append(customer)
        else:
            old.append(customer.id)
    short = []
    for customer in held:
        listed = set(customer.contacts)
        current = tuple(sorted(listed & staff))
        if len(current) < needed:
            gone = tuple(sorted(listed - staff))
            short.append(_shortfall(customer.id, customer.category, current, gone, needed))
    categories = tuple(Category(c) for c in params.key_categories)
    return _contacts_check(len(held), needed, tuple(short), day, categories, since, tuple(old))


_M163C = "ContactsCheck M-1.6.3"


@attrs.frozen
class ContactsCheck(Explained):
    """The important new customers with too few contacts (M-1.6.3).

    Attributes:
        checked: how many customers were held to the rule (important and new).
        needed: the least number of contacts.
        shortfalls: the customers held to the rule that fall short, in the order given.
        on: the day of the check, or ``None``.
        categories: the categories held to the rule (``customers.key_categories``).
        new_since: the earliest registration day of a new customer, or ``None`` when the policy
            holds customers of those categories however old they are.
        not_new: the customers of those categories registered before ``new_since``, which the
            rule does not hold, in the order given.
    """

    _lines = Lines("shortfalls", name="shortfall")

    checked: int = attrs.field(validator=integer(low=0, clause=_M163C))
    needed: int = attrs.field(validator=integer(low=1, clause=_M163C))
    shortfalls: tuple[Shortfall, ...] = attrs.field(validator=tuple_of(Shortfall, clause=_M163C))
    on: date | None = attrs.field(default=None, validator=optional_date(clause=_M163C))
    categories: tuple[Category, ...] = attrs.field(
        default=(Category.KEY, Category.POTENTIAL), validator=tuple_of(Category, clause=_M163C)
    )
    new_since: date | None = attrs.field(default=None, validator=optional_date(clause=_M163C))
    not_new: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str, clause=_M163C))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Who is held to the rule, who is not, the tally and each customer that falls short."""
        if self.new_since is None:
            who_en, who_zh = "registered at any time", "不論備案日期"
        else:
            who_en = "registered on or after {since} or not yet registered"
            who_zh = "於{since}或之後備案，或尚未備案"
        lines = [
            Reason.of(
                "customers.contacts_rule",
                M_1_6_3,
                en="an important new customer ({categories}, " + who_en + ") needs at least "
                "{needed} contacts still employed",
                zh="重要新客戶（{categories}，" + who_zh + "）須至少有{needed}名在職人員聯絡",
                categories=self.categories,
                since=self.new_since,
                needed=self.needed,
            )
        ]
        if self.not_new:
            lines.append(
                Reason.of(
                    "customers.contacts_not_new",
                    M_1_6_3,
                    en="not new on {on}, so not held to this rule: {customers}",
                    zh="於{on}已非新客戶，不適用本條：{customers}",
                    on=self.on,
                    customers=self.not_new,
                )
            )
        lines.append(
            Reason.of(
                "customers.contacts",
                M_1_6_3,
                en="{short} of {checked} customers held to this rule have too few contacts",
                zh="適用本條的{checked}個客戶中，有{short}個聯絡人不足",
                short=len(self.shortfalls),
                checked=self.checked,
            )
        )
        for s in self.shortfalls:
            lines.append(
                Reason.of(
                    "customers.contacts_short",
                    M_1_6_3,
                    en="{customer} ({category}): {n} contact(s) still employed ({contacts}), "
                    "{missing} more needed" + ("; no longer employed: {gone}" if s.gone else ""),
                    zh="{customer}（{category}）：在職聯絡人{n}名（{contacts}），尚需{missing}名"
                    + ("；已離職：{gone}" if s.gone else ""),
                    customer=s.customer,
                    category=s.category,
                    n=len(s.contacts),
                    contacts=s.contacts or ("-",),
                    missing=s.missing,
                    gone=s.gone,
                )
            )
        return tuple(lines)


_contacts_check = trusted(ContactsCheck)


# -- M-1.6.4 handover -----------------------------------------------------------------------------


def hand_over(
    leaver: str,
    customers: Iterable[Customer],
    staff: Iterable[str],
    *,
    ledger: Ledger | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Handover:
    """Hand a leaver's customers to the remaining staff, fairly, and list whom to tell (M-1.6.4).

    The leaver's customers (those listing them as a contact) are split with
    [`custpolicy.foundation.fairsplit.fair_split`][] among ``staff``, by category: counts within
    one
    overall and per category, leftovers to the fewest so far by ``ledger``. A customer is not
    handed to someone who is already its contact while a swap of two customers of the same
    category avoids it (the counts stay the same); a swap that cannot be found is reported.

    Examples:
        >>> book = [Customer("C-1", "key", contacts=("Wu", "Lin")), Customer("C-2", "key",
        ...         contacts=("Wu",)), Customer("C-3", "general", contacts=("Lin",))]
        >>> handover = hand_over("Wu", book, staff=["Lin", "Chen"])
        >>> handover.to_tell, dict(handover.assignment)
        (('C-1', 'C-2'), {'C-1': 'Chen', 'C-2': 'Lin'})
    """
    where = "hand_over M-1.6.4"
    leaver = check_text(leaver, "leaver", where)
    found = _customers(customers, where)
    remaining = check_people(staff, "staff", where)
    if leaver in remaining:
        raise refuse("staff", f"the leaver {leaver!r}", remaining, where, must="not include")
    check_policy(policy, where)
    theirs = [c for c in found if leaver in c.contacts]
    split = fair_split(
        [(c.id, c.category.value) for c in theirs], remaining, clause=M_1_6_4, ledger=ledger
    )
    contacts = {c.id: set(c.contacts) for c in theirs}
    grade = {c.id: c.category.value for c in theirs}
    owner = dict(split.assignment)
    keys = [key for key, _ in split.items]
    swaps: list[tuple[str, str]] = []
    for key in keys:
        if owner[key] not in contacts[key]:
            continue
        for other in keys:
            if (
                other != key
                and grade[other] == grade[key]
                and owner[other] not in contacts[key]
                and owner[key] not in contacts[other]
            ):
                owner[key], owner[other] = owner[other], owner[key]
                swaps.append((key, other))
                break
    unresolved = tuple(k for k in keys if owner[k] in contacts[k])
    assignment = tuple((k, owner[k]) for k in sorted(owner))
    return _handover(leaver, split, assignment, tuple(swaps), unresolved)


_M164 = "Handover M-1.6.4"


@attrs.frozen
class Handover(Explained):
    """A leaver's customers handed to the remaining staff (M-1.6.4).

    Attributes:
        leaver: who leaves.
        split: the fair split (its ``ledger`` is the updated ledger).
        assignment: (customer, successor) pairs, sorted by customer.
        swaps: pairs of customers whose successors were swapped so nobody takes over a
            customer they already look after.
        unresolved: customers handed to someone who already looks after them (no swap found).
    """

    _lines = Lines("assignment", name="successor", key="customer")

    leaver: str = attrs.field(validator=text(clause=_M164))
    split: FairSplit = attrs.field(validator=instance_of(FairSplit, clause=_M164))
    assignment: tuple[tuple[str, str], ...] = attrs.field(validator=pairs(str, str, clause=_M164))
    swaps: tuple[tuple[str, str], ...] = attrs.field(
        default=(), validator=pairs(str, str, clause=_M164)
    )
    unresolved: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str, clause=_M164))

    @property
    def to_tell(self) -> tuple[str, ...]:
        """The customers to tell of the change, sorted."""
        return tuple(customer for customer, _ in self.assignment)

    @property
    def ledger(self) -> Ledger:
        """The ledger after the handover."""
        return self.split.ledger

    def _split_reasons(self) -> tuple[Reason, ...]:
        """The fair split's reasons, each citing M-1.6.4, with the categories by their names.

        The split is the mechanism, not the rule applied: a handover is made under M-1.6.4,
        so no line cites L-1 or L-2.3 (which are about leads).
        """
        lines = []
        for reason in self.split.reasons:
            if reason.key == "fairsplit.grades":
                lines.append(self._categories_reason())
            else:
                lines.append(attrs.evolve(reason, clause=M_1_6_4))
        return tuple(lines)

    def _categories_reason(self) -> Reason:
        parts_en, parts_zh = [], []
        order = list(Category)
        counts = sorted(self.split.grade_counts, key=lambda pair: order.index(Category(pair[0])))
        for grade, tally in counts:
            category = Category(grade)
            low, high = min(v for _, v in tally), max(v for _, v in tally)
            total = sum(v for _, v in tally)
            each_en = str(low) if low == high else f"{low} or {high}"
            each_zh = str(low) if low == high else f"{low}或{high}"
            parts_en.append(f"{category.label('en')}: {total} ({each_en} each)")
            parts_zh.append(f"{category.label('zh-Hant')}{total}個，每人{each_zh}個")
        return Reason.of(
            "customers.handover_categories",
            M_1_6_4,
            en="by category: {by_en}",
            zh="按客戶類別：{by_zh}",
            by_en="; ".join(parts_en),
            by_zh=ZhText("；".join(parts_zh)),
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Whom to tell, the split, the swaps and each new contact (all M-1.6.4)."""
        lines = [
            Reason.of(
                "customers.handover",
                M_1_6_4,
                en="{leaver} leaves: tell {n} customer(s) and hand each to another employee",
                zh="{leaver}調離：通知{n}個客戶，並指派其他員工接替",
                leaver=self.leaver,
                n=len(self.assignment),
            ),
            *self._split_reasons(),
        ]
        for a, b in self.swaps:
            lines.append(
                Reason.of(
                    "customers.handover_swap",
                    M_1_6_4,
                    en="{a} and {b} swap successors, so nobody takes over a customer they already "
                    "look after",
                    zh="{a}與{b}互換接替人，避免由原本已聯絡該客戶的人員接替",
                    a=a,
                    b=b,
                )
            )
        for customer in self.unresolved:
            lines.append(
                Reason.of(
                    "customers.handover_unresolved",
                    M_1_6_4,
                    en="{customer} goes to someone who already looks after it: it has one contact "
                    "fewer, check M-1.6.3",
                    zh="{customer}由原本已聯絡該客戶的人員接替，聯絡人減少一名，請檢查M-1.6.3",
                    customer=customer,
                )
            )
        for customer, successor in self.assignment:
            lines.append(
                Reason.of(
                    "customers.handover_to",
                    M_1_6_4,
                    en="tell {customer}: {successor} takes over from {leaver}",
                    zh="通知{customer}：由{successor}接替{leaver}",
                    customer=customer,
                    successor=successor,
                    leaver=self.leaver,
                )
            )
        return tuple(lines)


_handover = trusted(Handover)


# -- M-1.7 return visits ------------------------------------------------------------------------


_M17V = "VisitDue M-1.7"


@attrs.frozen
class VisitDue:
    """A customer due or overdue for a return visit (M-1.7).

    Attributes:
        customer: the customer's ID.
        category: its category.
        since: its last visit (or its registration if never visited), or ``None`` if neither.
        due: the day the visit fell due, or ``None`` if never visited nor registered.
        days_overdue: calendar days past ``due`` (0: due today or never visited).
    """

    customer: str = attrs.field(validator=text(clause=_M17V))
    category: Category = attrs.field(validator=choice(Category, clause=_M17V))
    since: date | None = attrs.field(validator=optional_date(clause=_M17V))
    due: date | None = attrs.field(validator=optional_date(clause=_M17V))
    days_overdue: int = attrs.field(validator=integer(low=0, clause=_M17V))


_visit_due = trusted(VisitDue)


def visits_due(
    customers: Iterable[Customer], *, on: date, policy: Policy = _DEFAULT_POLICY
) -> VisitPlan:
    """List the customers due or overdue for a return visit on ``on`` (M-1.7).

    The interval per category is ``customers.visit_interval_days``, which the company must set
    ([`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] until then, also
    for a category it leaves out). A visit is due ``interval`` days after the last visit, or after
    registration if there was none; a customer with neither is due at once.

    Examples:
        >>> from datetime import date
        >>> policy = Policy().updated({"customers.visit_interval_days": {"key": 30}})
        >>> acme = Customer("C-1", "key", last_visit=date(2026, 3, 1))
        >>> plan = visits_due([acme], on=date(2026, 4, 2), policy=policy)
        >>> print(plan.explain())
        M-1.7 on 2026-04-02, 1 of 1 customers are due or overdue for a return visit
        M-1.7 C-1 (key customer): last 2026-03-01, every 30 days, due 2026-03-31, 2 day(s) overdue
    """
    where = "visits_due M-1.7"
    found = _customers(customers, where)
    on = check_date(on, "on", where)
    intervals = dict(check_policy(policy, where).require("customers.visit_interval_days"))
    due: list[VisitDue] = []
    for customer in found:
        interval = intervals.get(customer.category.value)
        if interval is None:
            raise ParameterNotSetError(
                f"policy parameter customers.visit_interval_days has no interval for category "
                f"{customer.category.value!r} (customer {customer.id!r}): M-1.7 has no default, "
                "so the company must set it [M-1.7]",
                parameter="customers.visit_interval_days",
            )
        since = customer.last_visit or customer.registered_on
        if since is None:
            due.append(_visit_due(customer.id, customer.category, None, None, 0))
            continue
        when = since + timedelta(days=interval)
        if when <= on:
            late = (on - when).days
            due.append(_visit_due(customer.id, customer.category, since, when, late))
    return _visit_plan(on, len(found), tuple(due), tuple(intervals.items()))


_M17P = "VisitPlan M-1.7"


@attrs.frozen
class VisitPlan(Explained):
    """The customers due or overdue for a return visit on a day (M-1.7).

    Attributes:
        on: the day.
        checked: how many customers were checked.
        due: the customers due or overdue, in the order given.
        intervals: the intervals used, per category.
    """

    _lines = Lines("due", name="visit")

    on: date = attrs.field(validator=a_date(clause=_M17P))
    checked: int = attrs.field(validator=integer(low=0, clause=_M17P))
    due: tuple[VisitDue, ...] = attrs.field(validator=tuple_of(VisitDue, clause=_M17P))
    intervals: tuple[tuple[str, int], ...] = attrs.field(
        default=(), validator=pairs(str, int, clause=_M17P)
    )

    def __attrs_post_init__(self) -> None:  # built by hand: each customer due has its interval
        every = dict(self.intervals)
        for v in self.due:
            if v.due is not None and v.category.value not in every:
                what = f"an interval for {v.category.value!r}, the category of {v.customer!r}"
                raise refuse("intervals", what, self.intervals, _M17P, must="have")

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The tally and one line per customer due."""
        lines = [
            Reason.of(
                "customers.visits",
                M_1_7,
                en="on {on}, {n} of {checked} customers are due or overdue for a return visit",
                zh="{on}應回訪的客戶：{checked}個中有{n}個到期或逾期",
                on=self.on,
                n=len(self.due),
                checked=self.checked,
            )
        ]
        every = dict(self.intervals)
        for v in self.due:
            if v.due is None:
                lines.append(
                    Reason.of(
                        "customers.visit_never",
                        M_1_7,
                        en="{customer} ({category}): never visited nor registered, due now",
                        zh="{customer}（{category}）：從未回訪亦未備案，應即回訪",
                        customer=v.customer,
                        category=v.category,
                    )
                )
            else:
                lines.append(
                    Reason.of(
                        "customers.visit_due",
                        M_1_7,
                        en="{customer} ({category}): last {since}, every {days} days, due {due}, "
                        + ("{late} day(s) overdue" if v.days_overdue else "due today"),
                        zh="{customer}（{category}）：上次{since}，每{days}日，應於{due}回訪，"
                        + ("已逾期{late}日" if v.days_overdue else "今日到期"),
                        customer=v.customer,
                        category=v.category,
                        since=v.since,
                        days=every[v.category.value],
                        due=v.due,
                        late=v.days_overdue,
                    )
                )
        return tuple(lines)


_visit_plan = trusted(VisitPlan)


# -- M-1.8.1 reimbursement ----------------------------------------------------------------------


class ClaimOutcome(Choice):
    """What M-1.8.1 says about an expense claim."""

    REFUSED = "refused"
    NOT_REFUSED = "not refused by this rule"
    OUTSIDE_RULE = "outside this rule"


ClaimOutcome._labels = {
    ClaimOutcome.REFUSED: ("refused", "不予報銷"),
    ClaimOutcome.NOT_REFUSED: ("not refused by this rule", "本條不禁止報銷"),
    ClaimOutcome.OUTSIDE_RULE: ("outside this rule", "不屬本條範圍"),
}


_EXPENSE_KINDS = VALUE_LABELS["customers.restricted_expense_kinds"]
"""The kinds the source names (招待、差旅、禮品), by code, with their names in each language."""

_KIND_CODES = {phrase.zh: code for code, phrase in _EXPENSE_KINDS.items()}

_BASES = VALUE_LABELS["customers.registration_judged_on"]
"""The days a claim's registration may be judged on (M-1.8.1), by code, as the policy names them."""


def _kind_code(text: str) -> str:
    """An expense kind as matched: lower case, no surrounding spaces, a Chinese name as its code."""
    code = text.strip().lower()
    return _KIND_CODES.get(code, code)


def _kind_name(code: str) -> Phrase | str:
    """A kind for an explanation: the source's kinds in each language, others as written."""
    return _EXPENSE_KINDS.get(code, code)


_INCURRED_NEEDED = (
    "a datetime.date while customers.registration_judged_on is 'incurred' "
    "(registration is judged on the day of the expense)"
)


def reimbursement(
    kind: str,
    *,
    customer: str,
    registered_on: date | None,
    decided_on: date,
    incurred_on: date | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Reimbursement:
    """Refuse an expense claim tied to a customer that is not registered (M-1.8.1).

    The source lists 「招待、差旅、禮品等費用」: 「等」 leaves the list open, so **[assumption]**
    every kind of expense tied to the customer is covered; ``customers.restricted_expense_kinds``
    can name the kinds instead, and then other kinds are outside this rule (the result says so).
    **[assumption]** the customer must be registered on the day finance decides the claim
    (registered on that day or earlier); with ``customers.registration_judged_on`` set to
    ``"incurred"`` it must be registered on the day the expense was incurred, ``incurred_on``.
    A kind is matched without regard to case or spaces; 招待, 差旅 and 禮品 are the same kinds as
    entertainment, travel and gift.

    Examples:
        >>> from datetime import date
        >>> claim = reimbursement("Gift", customer="C-3", registered_on=None,
        ...                       decided_on=date(2026, 5, 6))
        >>> claim.outcome
        ClaimOutcome.REFUSED
        >>> print(claim.explain("zh-Hant"))
        M-1.8.1 禮品費用：客戶C-3於2026年5月6日（財務決定報銷之日）尚未備案，不予報銷
        >>> reimbursement("printing", customer="C-3", registered_on=None,
        ...               decided_on=date(2026, 5, 6)).refused
        True
    """
    where = "reimbursement M-1.8.1"
    code = _kind_code(check_text(kind, "kind", where))
    customer = check_text(customer, "customer", where)
    registered = check_optional_date(registered_on, "registered_on", where)
    decided = check_date(decided_on, "decided_on", where)
    incurred = check_optional_date(incurred_on, "incurred_on", where)
    params = check_policy(policy, where).customers
    if incurred is not None and incurred > decided:
        after = f"after decided_on {decided.isoformat()}: a claim is decided after the expense"
        raise refuse(
            "incurred_on", after, incurred, where, shown=incurred.isoformat(), must="not be"
        )
    basis = params.registration_judged_on
    judged = decided
    if basis == "incurred":
        if incurred is None:
            raise refuse("incurred_on", _INCURRED_NEEDED, incurred, where)
        judged = incurred
    restricted = params.restricted_expense_kinds
    named = None if restricted is None else tuple(sorted({_kind_code(k) for k in restricted}))
    if named is not None and code not in named:
        outcome = ClaimOutcome.OUTSIDE_RULE
    elif registered is not None and registered <= judged:
        outcome = ClaimOutcome.NOT_REFUSED
    else:
        outcome = ClaimOutcome.REFUSED
    return _reimbursement(
        code, customer, registered, decided, outcome, named, incurred, judged, basis
    )


_M181 = "Reimbursement M-1.8.1"


@attrs.frozen
class Reimbursement(Explained):
    """What M-1.8.1 says about one expense claim.

    Attributes:
        kind: the expense kind, lower case (招待, 差旅 and 禮品 as entertainment, travel, gift).
        customer: the customer it relates to.
        registered_on: the customer's registration day, or ``None``.
        decided_on: the day the claim is decided.
        outcome: refused, not refused by this rule, or outside this rule.
        restricted: the kinds the rule covers, or ``None`` for every kind.
        incurred_on: the day the expense was incurred, if given.
        judged_on: the day the registration is judged on.
        basis: ``"decided"`` or ``"incurred"``: which day ``judged_on`` is.
    """

    kind: str = attrs.field(validator=text(clause=_M181))
    customer: str = attrs.field(validator=text(clause=_M181))
    registered_on: date | None = attrs.field(validator=optional_date(clause=_M181))
    decided_on: date = attrs.field(validator=a_date(clause=_M181))
    outcome: ClaimOutcome = attrs.field(validator=choice(ClaimOutcome, clause=_M181))
    restricted: tuple[str, ...] | None = attrs.field(
        validator=optional(tuple_of(str, clause=_M181))
    )
    incurred_on: date | None = attrs.field(default=None, validator=optional_date(clause=_M181))
    judged_on: date = attrs.field(validator=a_date(clause=_M181))
    basis: str = attrs.field(default="decided", validator=choice(tuple(_BASES), clause=_M181))

    @judged_on.default
    def _judged_on(self) -> date:
        return self.decided_on

    @property
    def refused(self) -> bool:
        """Whether the claim is refused."""
        return self.outcome is ClaimOutcome.REFUSED

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the claim is refused, allowed by this rule, or outside it."""
        facts: dict[str, Any] = {
            "kind": _kind_name(self.kind),
            "customer": self.customer,
            "judged": self.judged_on,
            "basis": _BASES[self.basis],
        }
        if self.outcome is ClaimOutcome.OUTSIDE_RULE:
            line = Reason.of(
                "customers.claim_outside",
                M_1_8_1,
                en="{kind} expense: outside this rule, which the policy limits to {restricted}; "
                "other rules decide it",
                zh="{kind}費用：不屬本條範圍（公司規定本條僅涵蓋{restricted}），由其他規定處理",
                restricted=tuple(_kind_name(k) for k in self.restricted or ()),
                **facts,
            )
        elif self.outcome is ClaimOutcome.REFUSED:
            line = Reason.of(
                "customers.claim_refused",
                M_1_8_1,
                en="{kind} expense: customer {customer} is not registered on {judged} ({basis}), "
                "so it is not reimbursed",
                zh="{kind}費用：客戶{customer}於{judged}（{basis}）尚未備案，不予報銷",
                **facts,
            )
        else:
            line = Reason.of(
                "customers.claim_registered",
                M_1_8_1,
                en="{kind} expense: customer {customer} is registered since {registered}, on or "
                "before {judged} ({basis}), so this rule does not refuse it",
                zh="{kind}費用：客戶{customer}已於{registered}備案，不晚於{judged}（{basis}），"
                "本條不禁止報銷",
                registered=self.registered_on,
                **facts,
            )
        return (line,)


_reimbursement = trusted(Reimbursement)


# -- M-1.8.2 KPI flags ----------------------------------------------------------------------------

_M182 = "Reminder M-1.8.2"


@attrs.frozen
class Reminder:
    """A reminder from marketing to register a customer (M-1.8.2).

    Attributes:
        staff: whom it was sent to.
        customer: the customer to register.
        sent_on: the day it was sent.
        complied: whether the staff member registered the customer as asked.
    """

    staff: str = attrs.field(validator=text(clause=_M182))
    customer: str = attrs.field(validator=text(clause=_M182))
    sent_on: date = attrs.field(validator=a_date(clause=_M182))
    complied: bool = attrs.field(validator=boolean(clause=_M182))


def kpi_flags(
    reminders: Iterable[Reminder], *, year: int, month: int, policy: Policy = _DEFAULT_POLICY
) -> KpiReview:
    """Flag staff who ignored enough registration reminders in a month (M-1.8.2).

    Counts, per staff member, the reminders sent in ``year``-``month`` that they did not comply
    with; at least ``customers.reminder_threshold`` (**[assumption]** 2) flags them for the
    month-end KPI review. Reminders of other months are left out.

    Examples:
        >>> from datetime import date
        >>> sent = [Reminder("Lin", f"C-{i}", date(2026, 3, 2 + i), complied=False)
        ...         for i in range(2)] + [Reminder("Wu", "C-9", date(2026, 3, 5), False)]
        >>> review = kpi_flags(sent, year=2026, month=3)
        >>> review.flagged
        ('Lin',)
    """
    where = "kpi_flags M-1.8.2"
    found: tuple[Reminder, ...] = check_items(reminders, "reminders", where, Reminder)
    check_int(year, "year", where, low=1, high=9999)
    check_int(month, "month", where, low=1, high=12)
    threshold = check_policy(policy, where).customers.reminder_threshold
    ignored = Counter(
        r.staff
        for r in found
        if not r.complied and (r.sent_on.year, r.sent_on.month) == (year, month)
    )
    return _kpi_review(year, month, threshold, tuple(sorted(ignored.items())))


_M182K = "KpiReview M-1.8.2"


@attrs.frozen
class KpiReview(Explained):
    """The staff flagged for the month-end KPI review (M-1.8.2).

    Attributes:
        year: the year of the month reviewed.
        month: the month reviewed.
        threshold: the reminders ignored that flag a staff member.
        ignored: each staff member's ignored reminders in the month, sorted by staff.
    """

    _lines = Lines("ignored", name="reminders_ignored", key="staff")

    year: int = attrs.field(validator=integer(low=1, high=9999, clause=_M182K))
    month: int = attrs.field(validator=integer(low=1, high=12, clause=_M182K))
    threshold: int = attrs.field(validator=integer(low=1, clause=_M182K))
    ignored: tuple[tuple[str, int], ...] = attrs.field(validator=pairs(str, int, clause=_M182K))

    @property
    def flagged(self) -> tuple[str, ...]:
        """The staff flagged, sorted."""
        return tuple(staff for staff, n in self.ignored if n >= self.threshold)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The threshold, then one line per staff member who ignored a reminder."""
        month = f"{self.year:04d}-{self.month:02d}"
        lines = [
            Reason.of(
                "customers.kpi",
                M_1_8_2,
                en="{month}: staff who ignored at least {threshold} registration reminders are "
                "flagged for the KPI review: {flagged}",
                zh="{month}：忽視備案督促達{threshold}次以上者納入月底KPI考核：{flagged}",
                month=month,
                threshold=self.threshold,
                flagged=self.flagged or ("-",),
            )
        ]
        for staff, n in self.ignored:
            lines.append(
                Reason.of(
                    "customers.kpi_staff",
                    M_1_8_2,
                    en="{staff} ignored {n} reminder(s)"
                    + (": flagged" if n >= self.threshold else ""),
                    zh="{staff}未配合督促{n}次" + ("，納入考核" if n >= self.threshold else ""),
                    staff=staff,
                    n=n,
                )
            )
        return tuple(lines)


_kpi_review = trusted(KpiReview)
