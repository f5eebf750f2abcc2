"""Customer master data (M-1.2 to M-1.9)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CalendarYear,
    InvalidInputError,
    ParameterNotSetError,
    Policy,
    PolicyBook,
    WorkCalendar,
    china,
    testing,
)
from custpolicy.foundation.clauses import L_1, M_1_3, M_1_4, M_1_6_4
from custpolicy.foundation.fairsplit import Ledger
from custpolicy.rules.customers import (
    AccessRequest,
    Approval,
    Category,
    ClaimOutcome,
    Customer,
    CustomerFile,
    FileField,
    FilingStatus,
    Reimbursement,
    Reminder,
    Role,
    VisitPlan,
    change_status,
    check_contacts,
    check_file,
    decide_access,
    hand_over,
    kpi_flags,
    registration_status,
    reimbursement,
    visits_due,
)
from tests.junk import AMBIGUOUS
from tests.provisional import (
    CONFIRMED,
    FORECAST,
    NOTE_EN,
    NOTE_ZH,
    PUBLISHED,
    SAME,
    notes,
    without_notes,
)

D = date


class TestCategory:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("target", Category.TARGET),
            (" General ", Category.GENERAL),
            ("KEY", Category.KEY),
            ("potential", Category.POTENTIAL),
            ("目標客戶", Category.TARGET),
            ("一般", Category.GENERAL),
            ("重點客戶", Category.KEY),
            ("潛在", Category.POTENTIAL),
            (Category.KEY, Category.KEY),
        ],
    )
    def test_the_four_categories_by_code_or_chinese_name(
        self, value: object, expected: Category
    ) -> None:
        assert Category.of(value) is expected

    def test_each_category_has_both_labels(self) -> None:
        assert [(c.label("en"), c.label("zh-Hant")) for c in Category] == [
            ("target customer", "目標客戶"),
            ("general customer", "一般客戶"),
            ("key customer", "重點客戶"),
            ("potential customer", "潛在客戶"),
        ]

    @pytest.mark.parametrize("value", ["vip", "", None, 1, "重點客"])
    def test_anything_else_is_refused(self, value: object) -> None:
        with pytest.raises(InvalidInputError, match=r"category must be one of .*\[M-1\.2\]"):
            Category.of(value)


COMPLETE = {
    "name": "Acme Ltd",
    "category": "key",
    "enterprise_nature": "private",
    "supervising_unit": "City Gas Bureau",
    "address": "1 Main Road",
    "contact_person": "Ms Wu",
    "phone": "021-6512 3456",
}


ADDED = Policy().updated({"customers.added_file_fields": ["tax_number", "開戶銀行"]})


class TestFileCompleteness:
    def test_a_complete_file(self) -> None:
        check = check_file(COMPLETE, customer="C-1")
        assert check.complete
        assert check.explain() == "M-1.3 the file of C-1 has all 7 required fields"
        assert check.explain("zh-Hant") == "M-1.3 客戶檔案C-1的7項必備資料齊全"
        assert check_file(CustomerFile(**COMPLETE)).complete

    def test_every_missing_or_blank_field_is_named(self) -> None:
        record = dict(COMPLETE, enterprise_nature="  ", address=None, phone=float("nan"))
        del record["name"]
        check = check_file(record)
        assert check.missing == (
            FileField.NAME,
            FileField.ENTERPRISE_NATURE,
            FileField.ADDRESS,
            FileField.PHONE,
        )
        assert check.explain() == (
            "M-1.3 the file of (unnamed) is incomplete, missing: customer name, enterprise "
            "nature, address, phone"
        )
        assert check.clauses == (M_1_3,)

    def test_an_empty_file_misses_all_seven(self) -> None:
        assert check_file(CustomerFile()).missing == tuple(FileField)

    def test_unusable_values_are_named_with_the_reason(self) -> None:
        record = dict(COMPLETE, category="vip", phone="n/a", address=12)
        check = check_file(record, customer="C-2")
        assert not check.complete
        assert check.missing == ()
        assert check.invalid == (
            (FileField.CATEGORY, "not one of the four categories"),
            (FileField.ADDRESS, "not text"),
            (FileField.PHONE, "no usable phone number"),
        )
        assert "M-1.3 客戶檔案C-2的客戶類別無法使用：不屬於四類客戶之一" in check.explain("zh-Hant")

    def test_a_category_value_counts(self) -> None:
        assert check_file(dict(COMPLETE, category=Category.GENERAL)).complete

    def test_bad_input_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="record must be a CustomerFile or a mapping"):
            check_file([("name", "x")])  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="customer must be a str"):
            check_file(COMPLETE, customer=1)  # type: ignore[arg-type]

    # M-1.3 revision 2: 「如…等」 gives examples, so the company may require more fields.
    @pytest.mark.parametrize(
        ("added", "missing"),
        [
            ({}, ("tax_number", "開戶銀行")),
            ({"tax_number": " "}, ("tax_number", "開戶銀行")),
            ({"開戶銀行": "Bank of China"}, ("tax_number",)),
            ({"tax_number": "91310000", "開戶銀行": "Bank of China"}, ()),
            ({"tax_number": 91310000, "開戶銀行": float("nan")}, ("開戶銀行",)),
        ],
    )
    def test_the_fields_the_company_adds_are_required_too(
        self, added: dict[str, object], missing: tuple[str, ...]
    ) -> None:
        check = check_file({**COMPLETE, **added}, customer="C-1", policy=ADDED)
        assert check.missing == missing
        assert check.complete == (not missing)
        assert check.required == (*FileField, "tax_number", "開戶銀行")

    def test_every_missing_field_is_named_the_added_ones_last(self) -> None:
        record = dict(COMPLETE, address=None)
        check = check_file(record, customer="C-1", policy=ADDED)
        assert check.missing == (FileField.ADDRESS, "tax_number", "開戶銀行")
        assert check.explain() == (
            "M-1.3 the file of C-1 is incomplete, missing: address, tax_number, 開戶銀行"
        )
        assert (
            check.explain("zh-Hant") == "M-1.3 客戶檔案C-1不完整，缺少：地址、tax_number、開戶銀行"
        )
        assert check_file(CustomerFile(), policy=ADDED).missing == (
            *FileField,
            "tax_number",
            "開戶銀行",
        )

    def test_a_complete_file_with_added_fields_counts_them(self) -> None:
        record = CustomerFile(**COMPLETE, added={"tax_number": "9131", "開戶銀行": "BOC"})
        check = check_file(record, customer="C-1", policy=ADDED)
        assert check.complete
        assert check.explain() == "M-1.3 the file of C-1 has all 9 required fields"
        assert check.explain("zh-Hant") == "M-1.3 客戶檔案C-1的9項必備資料齊全"
        # without the parameter the added values are not needed, and do no harm
        assert check_file(record).complete

    @pytest.mark.parametrize(
        "added",
        [{"name": "Acme"}, {1: "x"}, "tax_number", (("tax_number",),)],
    )
    def test_a_customer_file_refuses_bad_added_fields(self, added: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^added must be a mapping .* \[CustomerFile M-1\.3\]$"
        ):
            CustomerFile(**COMPLETE, added=added)

    @given(
        st.lists(st.sampled_from(["tax_number", "bank", "開戶銀行", "法人代表"]), unique=True),
        st.sets(st.sampled_from(list(FileField))),
        st.data(),
    )
    def test_the_check_names_exactly_the_required_fields_left_out_in_order(
        self,
        added: list[str],
        left_out: set[FileField],
        data: st.DataObject,
    ) -> None:
        left_out_added = data.draw(st.sets(st.sampled_from(added)) if added else st.just(set()))
        policy = Policy().updated({"customers.added_file_fields": added})
        record: dict[str, object] = {
            k: (None if FileField(k) in left_out else v) for k, v in COMPLETE.items()
        }
        record.update({name: ("" if name in left_out_added else "x") for name in added})
        check = check_file(record, policy=policy)
        expected = [f for f in FileField if f in left_out] + [
            n for n in added if n in left_out_added
        ]
        assert list(check.missing) == expected
        assert check.complete == (not expected)

    @given(st.sets(st.sampled_from(list(FileField))), st.sampled_from([None, "", "  ", "\t"]))
    def test_the_check_names_exactly_the_fields_left_out(
        self, left_out: set[FileField], blank: str | None
    ) -> None:
        record = {k: (blank if FileField(k) in left_out else v) for k, v in COMPLETE.items()}
        check = check_file(record)
        assert set(check.missing) == left_out
        assert check.complete == (not left_out)


CHINA = "china"


class TestRegistration:
    @pytest.mark.parametrize(
        ("contact", "registered", "as_of", "due", "status", "late"),
        [
            # National Day 2026: 1-7 October off, Sunday 20 September and Saturday 10 October worked
            (D(2026, 9, 28), D(2026, 10, 9), D(2026, 11, 2), D(2026, 10, 10), "on time", 0),
            (D(2026, 9, 28), D(2026, 10, 10), D(2026, 11, 2), D(2026, 10, 10), "on time", 0),
            (D(2026, 9, 28), D(2026, 10, 12), D(2026, 11, 2), D(2026, 10, 10), "late", 1),
            (D(2026, 9, 28), None, D(2026, 10, 8), D(2026, 10, 10), "pending", 0),
            (D(2026, 9, 28), None, D(2026, 10, 14), D(2026, 10, 10), "overdue", 3),
            (D(2026, 9, 14), D(2026, 9, 20), D(2026, 9, 30), D(2026, 9, 20), "on time", 0),
            (D(2026, 9, 14), D(2026, 9, 21), D(2026, 9, 30), D(2026, 9, 20), "late", 1),
            # Spring Festival 2026: 15-23 February off, Saturday 14 and 28 February worked
            (D(2026, 2, 12), D(2026, 2, 26), D(2026, 3, 2), D(2026, 2, 26), "on time", 0),
            (D(2026, 2, 13), None, D(2026, 2, 23), D(2026, 2, 27), "pending", 0),
            (D(2026, 2, 13), D(2026, 3, 2), D(2026, 3, 2), D(2026, 2, 27), "late", 2),
            # a registration known only after as_of does not count yet
            (D(2026, 3, 2), D(2026, 3, 20), D(2026, 3, 16), D(2026, 3, 9), "overdue", 5),
            (D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 9), "on time", 0),
        ],
    )
    def test_the_worked_dates(
        self,
        contact: date,
        registered: date | None,
        as_of: date,
        due: date,
        status: str,
        late: int,
    ) -> None:
        filing = registration_status(contact, registered, as_of=as_of)
        assert filing.deadline is not None
        assert filing.deadline.due == due
        assert filing.status.value == status
        assert filing.days_late == late

    def test_the_explanation(self) -> None:
        filing = registration_status(D(2026, 2, 13), None, as_of=D(2026, 3, 3))
        assert filing.explain().splitlines()[-1] == (
            "M-1.4 registration not done by 2026-03-03: overdue by 3 working day(s)"
        )
        assert filing.explain("zh-Hant").splitlines()[-1] == (
            "M-1.4 備案至2026年3月3日尚未完成：已逾期3個工作日"
        )
        pending = registration_status(D(2026, 2, 13), None, as_of=D(2026, 2, 14))
        assert pending.explain().endswith("still within the period")
        assert pending.explain("zh-Hant").endswith("仍在期限內")
        done = registration_status(D(2026, 2, 13), D(2026, 2, 14), as_of=D(2026, 2, 14))
        assert done.explain("zh-Hant").endswith("備案於2026年2月14日完成：準時")
        assert done.clauses == (M_1_4,)
        assert FilingStatus.LATE.label("zh-Hant") == "逾期完成"

    def test_a_deadline_in_a_year_the_calendar_does_not_cover_is_an_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="2027"):
            registration_status(D(2026, 12, 28), None, as_of=D(2026, 12, 29))

    def test_another_calendar_can_be_used(self) -> None:
        works_weekends = WorkCalendar("seven days", (CalendarYear(2026),), weekend=())
        filing = registration_status(
            D(2026, 3, 6), None, as_of=D(2026, 3, 6), calendar=works_weekends
        )
        assert filing.deadline is not None
        assert filing.deadline.due == D(2026, 3, 11)

    def test_the_period_is_a_policy_parameter(self) -> None:
        policy = Policy().updated({"customers.registration_working_days": 3})
        filing = registration_status(D(2026, 3, 2), None, as_of=D(2026, 3, 2), policy=policy)
        assert filing.deadline is not None
        assert filing.deadline.due == D(2026, 3, 5)

    @pytest.mark.parametrize(
        ("args", "kwargs", "match"),
        [
            (
                (D(2026, 3, 2), D(2026, 3, 1)),
                {"as_of": D(2026, 3, 9)},
                "registered_on must not be before",
            ),
            ((D(2026, 3, 2), None), {"as_of": D(2026, 3, 1)}, "as_of must not be before"),
            (
                (datetime(2026, 3, 2), None),
                {"as_of": D(2026, 3, 9)},
                "first_contact must be a datetime.date",
            ),
            (
                (D(2026, 3, 2), "2026-03-04"),
                {"as_of": D(2026, 3, 9)},
                "registered_on must be a datetime.date",
            ),
            ((D(2026, 3, 2), None), {"as_of": None}, "as_of must be a datetime.date"),
            (
                (D(2026, 3, 2), None),
                {"as_of": D(2026, 3, 9), "calendar": "china"},
                "calendar must be a WorkCalendar",
            ),
            (
                (D(2026, 3, 2), None),
                {"as_of": D(2026, 3, 9), "policy": None},
                "policy must be a Policy",
            ),
        ],
    )
    def test_bad_input_is_refused(
        self, args: tuple[object, ...], kwargs: dict[str, object], match: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=match):
            registration_status(*args, **kwargs)  # type: ignore[arg-type]

    @given(
        st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 1)),
        st.integers(0, 30),
        st.integers(0, 30),
    )
    @settings(max_examples=300)
    def test_the_status_agrees_with_the_deadline(self, contact: date, a: int, b: int) -> None:
        from datetime import timedelta

        done = contact + timedelta(days=a)
        as_of = contact + timedelta(days=b)
        filing = registration_status(contact, done, as_of=as_of)
        assert filing.deadline is not None
        due = filing.deadline.due
        if done <= as_of:
            expected = FilingStatus.ON_TIME if done <= due else FilingStatus.LATE
        else:
            expected = FilingStatus.PENDING if as_of <= due else FilingStatus.OVERDUE
        assert filing.status is expected
        assert (filing.days_late > 0) == (expected in (FilingStatus.LATE, FilingStatus.OVERDUE))


class TestProvisionalYears:
    """Issue 14: an M-1.4 status whose deadline or days late read a day of a provisional year
    says so, in one sentence in both languages; nothing else changes."""

    @pytest.mark.parametrize(
        ("calendar", "due", "provisional"),
        [
            # 5 working days from Tuesday 2 Feb: the forecast has 5 and 8 Feb off
            (FORECAST, D(2027, 2, 11), True),
            # the notice a user added has 5 to 12 Feb off
            (CONFIRMED, D(2027, 2, 17), False),
        ],
    )
    def test_a_2027_registration_with_a_provisional_or_a_user_added_year(
        self, calendar: WorkCalendar, due: date, provisional: bool
    ) -> None:
        status = registration_status(D(2027, 2, 2), None, as_of=D(2027, 2, 3), calendar=calendar)
        assert status.deadline is not None
        assert (status.deadline.due, status.deadline.provisional) == (due, provisional)
        assert (status.status, status.provisional) == (FilingStatus.PENDING, provisional)
        assert len(notes(status.reasons)) == provisional

    def test_a_2027_registration_without_the_opt_in_is_a_coverage_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            registration_status(D(2027, 2, 2), None, as_of=D(2027, 2, 3))

    def test_days_overdue_counted_into_2027_are_provisional(self) -> None:
        registered, as_of = D(2025, 5, 6), D(2027, 1, 5)
        status = change_status(
            D(2026, 12, 1), None, registered_on=registered, as_of=as_of, calendar=FORECAST
        )
        assert status.deadline is not None
        assert (status.deadline.due, status.deadline.provisional) == (D(2026, 12, 8), False)
        assert (status.status, status.days_late, status.provisional) == (
            FilingStatus.OVERDUE, 19, True
        )  # fmt: skip
        assert status.explain().splitlines()[-1] == f"M-1.4 {NOTE_EN}"
        assert status.explain("zh-Hant").splitlines()[-1] == f"M-1.4 {NOTE_ZH}"
        same = change_status(
            D(2026, 12, 1), None, registered_on=registered, as_of=as_of, calendar=SAME
        )
        assert (same.status, same.days_late, same.provisional) == (FilingStatus.OVERDUE, 19, False)
        assert same.reasons == without_notes(status.reasons)

    def test_a_change_of_an_unregistered_customer_reads_no_calendar(self) -> None:
        status = change_status(
            D(2027, 2, 2), None, registered_on=None, as_of=D(2027, 3, 1), calendar=FORECAST
        )
        assert (status.status, status.provisional) == (FilingStatus.NOT_REGISTERED, False)

    @given(
        st.dates(D(2026, 11, 15), D(2027, 1, 31)),
        st.one_of(st.none(), st.integers(0, 30)),
        st.integers(0, 30),
    )
    def test_provisional_exactly_when_the_status_reads_a_day_of_2027(
        self, first_contact: date, done_after: int | None, as_of_after: int
    ) -> None:
        done = None if done_after is None else first_contact + timedelta(days=done_after)
        as_of = first_contact + timedelta(days=as_of_after)
        forecast = registration_status(first_contact, done, as_of=as_of, calendar=FORECAST)
        same = registration_status(first_contact, done, as_of=as_of, calendar=SAME)
        assert (same.status, same.days_late) == (forecast.status, forecast.days_late)
        assert not same.provisional
        assert same.reasons == without_notes(forecast.reasons)
        assert len(notes(forecast.reasons)) == forecast.provisional
        try:
            published = registration_status(first_contact, done, as_of=as_of, calendar=PUBLISHED)
        except CalendarCoverageError:
            assert forecast.provisional
        else:
            assert not forecast.provisional
            assert published.reasons == forecast.reasons


class TestChangeReport:
    def test_a_change_reported_in_time(self) -> None:
        filing = change_status(
            D(2026, 9, 30), D(2026, 10, 9), registered_on=D(2026, 1, 5), as_of=D(2026, 10, 9)
        )
        assert filing.subject == "change report"
        assert filing.status is FilingStatus.ON_TIME
        assert "change report is due within 5 working days of 2026-09-30" in filing.explain()
        assert "變動回報應於2026年9月30日後5個工作日內完成" in filing.explain("zh-Hant")

    def test_a_change_not_reported_is_overdue(self) -> None:
        filing = change_status(
            D(2026, 9, 30), None, registered_on=D(2026, 1, 5), as_of=D(2026, 10, 14)
        )
        assert filing.deadline is not None
        assert filing.deadline.due == D(2026, 10, 13)  # 8, 9, Saturday 10, 12, 13 October
        assert (filing.status, filing.days_late) == (FilingStatus.OVERDUE, 1)

    @pytest.mark.parametrize(
        ("done", "late"), [(D(2026, 3, 14), 1), (D(2026, 3, 15), 1), (D(2026, 3, 16), 1)]
    )
    def test_done_on_a_day_off_after_the_deadline_is_late(self, done: date, late: int) -> None:
        # due Friday 13 March; the weekend after it runs into Monday, the first working day late
        filing = registration_status(D(2026, 3, 6), done, as_of=D(2026, 3, 20))
        assert (filing.status, filing.days_late) == (FilingStatus.LATE, late)
        still_open = registration_status(D(2026, 3, 6), None, as_of=done)
        assert (still_open.status, still_open.days_late) == (FilingStatus.OVERDUE, late)

    @pytest.mark.parametrize("registered", [None, D(2026, 4, 1)])
    def test_a_customer_not_registered_has_no_change_to_report(
        self, registered: date | None
    ) -> None:
        filing = change_status(D(2026, 3, 2), None, registered_on=registered, as_of=D(2026, 3, 20))
        assert filing.status is FilingStatus.NOT_REGISTERED
        assert filing.deadline is None
        assert filing.explain() == (
            "M-1.4 the customer is not registered on 2026-03-20, so there is no change to "
            "report: register it first"
        )
        assert (
            filing.explain("zh-Hant")
            == "M-1.4 該客戶於2026年3月20日尚未備案，無從回報變動，應先備案"
        )

    def test_the_period_is_a_policy_parameter_and_versions_apply_by_event_date(self) -> None:
        book = PolicyBook(
            {
                D(2025, 7, 1): Policy(),
                D(2026, 7, 1): Policy().updated({"customers.change_report_working_days": 2}),
            }
        )
        for changed, due in ((D(2026, 6, 29), D(2026, 7, 6)), (D(2026, 7, 1), D(2026, 7, 3))):
            policy = book.in_force(changed).policy
            filing = change_status(
                changed, None, registered_on=D(2026, 1, 5), as_of=changed, policy=policy
            )
            assert filing.deadline is not None
            assert filing.deadline.due == due

    def test_a_report_before_the_change_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="reported_on must not be before changed_on"):
            change_status(D(2026, 3, 2), D(2026, 3, 1), registered_on=None, as_of=D(2026, 3, 9))


def request(own: bool = True) -> AccessRequest:
    return AccessRequest(
        "Lin", "Sales 1", file="C-9", file_department="Sales 1" if own else "Sales 2"
    )


class TestFileAccess:
    @pytest.mark.parametrize(
        ("own", "approval", "granted", "why"),
        [
            (True, Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 1"), True, None),
            (True, Approval("Boss", Role.GENERAL_MANAGER, "Lin", "C-9"), False, "wrong role"),
            (
                True,
                Approval("Ma", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 2"),
                False,
                "other department",
            ),
            (
                True,
                Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-8", "Sales 1"),
                False,
                "other file",
            ),
            (
                True,
                Approval("Zhou", Role.DEPARTMENT_MANAGER, "Wu", "C-9", "Sales 1"),
                False,
                "other requester",
            ),
            (
                True,
                Approval("Lin", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 1"),
                False,
                "self",
            ),
            (False, Approval("Boss", Role.GENERAL_MANAGER, "Lin", "C-9"), True, None),
            (
                False,
                Approval("Ma", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 2"),
                False,
                "wrong role",
            ),
            (
                False,
                Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 1"),
                False,
                "wrong role",
            ),
        ],
    )
    def test_only_the_right_approver_for_that_file_and_requester_counts(
        self, own: bool, approval: Approval, granted: bool, why: str | None
    ) -> None:
        decision = decide_access(request(own), [approval])
        assert decision.granted is granted
        assert decision.needed is (Role.DEPARTMENT_MANAGER if own else Role.GENERAL_MANAGER)
        assert decision.ignored == (() if why is None else ((approval, why),))

    def test_no_approval_no_access(self) -> None:
        decision = decide_access(request())
        assert not decision.granted
        assert decision.needed_department == "Sales 1"
        assert decision.explain().splitlines() == [
            (
                "M-1.5 Lin of Sales 1 asks to read the file of C-9, which belongs to Sales 1: "
                "a file of one's own department needs the approval of the department manager"
            ),
            "M-1.5 refused: no approval of the department manager",
        ]
        assert decision.explain("zh-Hant").splitlines()[-1] == "M-1.5 不予查閱：未經部門經理核准"

    def test_a_granted_request_names_the_approval(self) -> None:
        gm = Approval("Boss", Role.GENERAL_MANAGER, "Lin", "C-9")
        decision = decide_access(request(own=False), [gm, gm])
        assert decision.approval == gm
        assert decision.needed_department is None
        assert decision.explain().splitlines()[-1] == (
            "M-1.5 granted: approved by Boss, general manager"
        )
        assert "准予查閱：已經總經理Boss核准" in decision.explain("zh-Hant")
        assert "非本業務部門客戶檔案須經總經理核准" in decision.explain("zh-Hant")

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"approver": ""}, "approver must be a non-empty str"),
            ({"role": "GM"}, "role must be a Role"),
            ({"department": " "}, "department must be a non-empty str"),
        ],
    )
    def test_a_bad_approval_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, Any] = {
            "approver": "Zhou",
            "role": Role.GENERAL_MANAGER,
            "requester": "Lin",
            "file": "C-9",
        }
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            Approval(**arguments)

    def test_bad_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="request must be an AccessRequest"):
            decide_access("Lin")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="approvals must hold Approval values"):
            decide_access(request(), ["Zhou"])  # type: ignore[list-item]
        with pytest.raises(InvalidInputError, match="approvals must be a collection of Approval"):
            decide_access(request(), None)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="file_department must be a non-empty str"):
            AccessRequest("Lin", "Sales 1", "C-9", "")
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            decide_access(request(), policy=None)  # type: ignore[arg-type]

    @given(
        st.sampled_from(["Lin", "Wu"]),
        st.sampled_from(["S1", "S2"]),
        st.sampled_from(["S1", "S2"]),
        st.lists(
            st.builds(
                Approval,
                approver=st.sampled_from(["Lin", "Wu", "Zhou", "Boss"]),
                role=st.sampled_from(list(Role)),
                requester=st.sampled_from(["Lin", "Wu"]),
                file=st.sampled_from(["C-1", "C-2"]),
                department=st.sampled_from([None, "S1", "S2"]),
            ),
            max_size=6,
        ),
    )
    @settings(max_examples=1000)
    def test_no_combination_grants_access_without_the_required_approver(
        self, requester: str, department: str, file_department: str, approvals: list[Approval]
    ) -> None:
        ask = AccessRequest(requester, department, "C-1", file_department)
        decision = decide_access(ask, approvals)
        needed = Role.DEPARTMENT_MANAGER if department == file_department else Role.GENERAL_MANAGER
        proper = [
            a
            for a in approvals
            if a.file == "C-1"
            and a.requester == requester
            and a.approver != requester
            and a.role is needed
            and (needed is Role.GENERAL_MANAGER or a.department == file_department)
        ]
        assert decision.granted == bool(proper)
        if decision.granted:
            assert decision.approval in proper
        assert len(decision.ignored) == len(approvals) - len(proper)


def key(cid: str, *contacts: str, category: str = "key") -> Customer:
    return Customer(cid, category, contacts=contacts)


ON = D(2026, 12, 6)  # the day of the M-1.6.3 check; new = registered on or after 2025-12-06


def customer(category: str, registered: date | None, *contacts: str) -> Customer:
    return Customer("C-1", category, contacts=contacts, registered_on=registered)


class TestContacts:
    # M-1.6.3 revision 2: important (key, potential) NEW customers (registered within 12 months
    # before the check, or not registered yet); older customers are not held to the rule.
    @pytest.mark.parametrize(
        ("category", "registered", "held"),
        [
            ("key", D(2026, 3, 2), True),
            ("key", D(2025, 12, 6), True),  # exactly 12 months before: still new
            ("key", D(2025, 12, 5), False),  # an old key customer is not held to it
            ("key", D(2019, 7, 1), False),
            ("key", None, True),  # not registered yet: newest of all
            ("key", D(2027, 1, 4), True),  # registered only after the check day
            ("potential", D(2026, 6, 1), True),  # potential counts as important by default
            ("potential", D(2024, 6, 1), False),
            ("general", D(2026, 6, 1), False),
            ("target", None, False),
        ],
    )
    def test_only_important_new_customers_are_held_to_two_contacts(
        self, category: str, registered: date | None, held: bool
    ) -> None:
        check = check_contacts([customer(category, registered, "Lin")], employed=["Lin"], on=ON)
        assert check.checked == held
        assert [s.customer for s in check.shortfalls] == (["C-1"] if held else [])
        old = category in ("key", "potential") and not held
        assert check.not_new == (("C-1",) if old else ())

    @pytest.mark.parametrize(
        ("on", "registered", "held"),
        [
            (D(2025, 2, 28), D(2024, 2, 28), True),  # 12 months before 28 Feb 2025
            (D(2025, 2, 28), D(2024, 2, 27), False),
            (D(2024, 2, 29), D(2023, 2, 28), True),  # 29 Feb 2024 - 12 months = 28 Feb 2023
            (D(2024, 2, 29), D(2023, 2, 27), False),
            (D(2026, 3, 31), D(2025, 3, 31), True),
        ],
    )
    def test_twelve_months_are_calendar_months(
        self, on: date, registered: date, held: bool
    ) -> None:
        check = check_contacts([customer("key", registered)], employed=[], on=on)
        assert check.checked == held

    def test_the_explanation_names_who_is_held_and_who_is_not(self) -> None:
        book = [
            Customer("C-1", "key", contacts=("Lin", "Wu"), registered_on=D(2026, 3, 2)),
            Customer("C-2", "potential", contacts=("Lin", "Lin")),
            Customer("C-3", "key", contacts=("Lin", "Gone"), registered_on=D(2026, 11, 2)),
            Customer("C-4", "key", registered_on=D(2026, 1, 5)),
            Customer("C-5", "general", contacts=("Lin",)),
            Customer("C-6", "key", registered_on=D(2021, 5, 6)),
        ]
        check = check_contacts(book, employed=["Lin", "Wu"], on=ON)
        assert check.checked == 4
        assert check.not_new == ("C-6",)
        assert check.new_since == D(2025, 12, 6)
        assert check.categories == (Category.KEY, Category.POTENTIAL)
        assert [(s.customer, s.contacts, s.gone, s.missing) for s in check.shortfalls] == [
            ("C-2", ("Lin",), (), 1),
            ("C-3", ("Lin",), ("Gone",), 1),
            ("C-4", (), (), 2),
        ]
        assert check.explain().splitlines() == [
            (
                "M-1.6.3 an important new customer (key customer, potential customer, registered "
                "on or after 2025-12-06 or not yet registered) needs at least 2 contacts still "
                "employed"
            ),
            "M-1.6.3 not new on 2026-12-06, so not held to this rule: C-6",
            "M-1.6.3 3 of 4 customers held to this rule have too few contacts",
            "M-1.6.3 C-2 (potential customer): 1 contact(s) still employed (Lin), 1 more needed",
            (
                "M-1.6.3 C-3 (key customer): 1 contact(s) still employed (Lin), 1 more needed; "
                "no longer employed: Gone"
            ),
            "M-1.6.3 C-4 (key customer): 0 contact(s) still employed (-), 2 more needed",
        ]
        assert check.explain("zh-Hant").splitlines() == [
            (
                "M-1.6.3 重要新客戶（重點客戶、潛在客戶，於2025年12月6日或之後備案，或尚未備案）"
                "須至少有2名在職人員聯絡"
            ),
            "M-1.6.3 於2026年12月6日已非新客戶，不適用本條：C-6",
            "M-1.6.3 適用本條的4個客戶中，有3個聯絡人不足",
            "M-1.6.3 C-2（潛在客戶）：在職聯絡人1名（Lin），尚需1名",
            "M-1.6.3 C-3（重點客戶）：在職聯絡人1名（Lin），尚需1名；已離職：Gone",
            "M-1.6.3 C-4（重點客戶）：在職聯絡人0名（-），尚需2名",
        ]

    def test_the_categories_the_period_and_the_number_are_policy_parameters(self) -> None:
        policy = Policy().updated(
            {
                "customers.key_categories": {"key", "target"},
                "customers.key_customer_min_contacts": 3,
                "customers.new_customer_months": 1,
            }
        )
        book = [
            Customer("C-1", "key", contacts=("a", "b"), registered_on=D(2026, 11, 6)),
            Customer("C-2", "target", contacts=("a", "b", "c"), registered_on=D(2026, 11, 20)),
            Customer("C-3", "key", registered_on=D(2026, 11, 5)),  # more than a month before
            Customer("C-4", "potential"),
        ]
        check = check_contacts(book, employed=["a", "b", "c"], on=ON, policy=policy)
        assert [s.customer for s in check.shortfalls] == ["C-1"]
        assert check.not_new == ("C-3",)
        assert check.checked == 2

    def test_without_a_period_every_customer_of_the_categories_is_held(self) -> None:
        policy = Policy().updated({"customers.new_customer_months": None})
        book = [customer("key", D(2010, 1, 4))]
        check = check_contacts(book, employed=[], policy=policy)  # no day needed
        assert check.checked == 1
        assert check.new_since is None
        assert check.explain().splitlines()[0] == (
            "M-1.6.3 an important new customer (key customer, potential customer, registered at "
            "any time) needs at least 2 contacts still employed"
        )
        assert "不論備案日期" in check.explain("zh-Hant")

    def test_the_day_of_the_check_is_needed_to_tell_who_is_new(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^on must be the day of the check, .* customers\.new_customer_months is 12: .* "
            r"got None \[check_contacts M-1\.6\.3\]$",
        ):
            check_contacts([], employed=[])
        with pytest.raises(InvalidInputError, match=r"on must be a datetime\.date"):
            check_contacts([], employed=[], on="2026-12-06")  # type: ignore[arg-type]

    def test_a_check_at_the_start_of_the_calendar_holds_every_registration(self) -> None:
        check = check_contacts([customer("key", D(1, 1, 1))], employed=[], on=D(1, 3, 1))
        assert check.checked == 1
        assert check.new_since == date.min

    @given(
        st.lists(testing.customers(), unique_by=lambda c: c.id, max_size=12),
        testing.china_dates(),
        st.integers(min_value=1, max_value=36),
        st.integers(min_value=0, max_value=800),
    )
    def test_nobody_becomes_new_again_and_a_longer_period_holds_more(
        self, book: list[Customer], on: date, months: int, later: int
    ) -> None:
        from datetime import timedelta

        def held(day: date, n: int) -> set[str]:
            policy = Policy().updated({"customers.new_customer_months": n})
            check = check_contacts(book, employed=[], on=day, policy=policy)
            assert check.checked == len(check.shortfalls)  # nobody employed: all short
            return {s.customer for s in check.shortfalls}

        now = held(on, months)
        important = {c.id for c in book if c.category in (Category.KEY, Category.POTENTIAL)}
        unregistered = {c.id for c in book if c.registered_on is None}
        assert important & unregistered <= now <= important
        assert held(on + timedelta(days=later), months) <= now  # time only makes customers old
        assert now <= held(on, months + 1)  # a longer period holds at least as many

    def test_contacts_may_be_given_as_a_set(self) -> None:
        assert Customer("C-1", "key", contacts={"b", "a"}).contacts == ("a", "b")

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"id": ""}, "id must be a non-empty str"),
            ({"category": "vip"}, "category must be one of"),
            ({"contacts": "Lin"}, "contacts must be a collection of staff IDs"),
            ({"contacts": ("Lin", "")}, "contacts must be a collection of staff IDs"),
            ({"department": 3}, "department must be a str"),
            ({"registered_on": "2026-01-01"}, "registered_on must be a datetime.date"),
            ({"last_visit": datetime(2026, 1, 1)}, "last_visit must be a datetime.date"),
        ],
    )
    def test_a_bad_customer_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, Any] = {"id": "C-1", "category": "key"}
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            Customer(**arguments)

    def test_bad_arguments_are_refused(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"customers must have distinct IDs, got \['C-1'\]"
        ):
            check_contacts([key("C-1"), key("C-1")], employed=[])
        with pytest.raises(InvalidInputError, match="customers must hold Customer values"):
            check_contacts(["C-1"], employed=[])  # type: ignore[list-item]
        with pytest.raises(InvalidInputError, match="employed must be a non-empty str"):
            check_contacts([], employed=[""])
        with pytest.raises(InvalidInputError, match="employed must be a collection of staff IDs"):
            check_contacts([], employed="Lin")


class TestHandover:
    def test_the_leavers_customers_are_split_and_listed_to_tell(self) -> None:
        book = [
            key("C-1", "Wu", "Lin"),
            key("C-2", "Wu"),
            key("C-3", "Lin"),
            key("C-4", "Wu", category="general"),
        ]
        handover = hand_over("Wu", book, staff=["Lin", "Chen"])
        assert handover.to_tell == ("C-1", "C-2", "C-4")
        assert dict(handover.assignment) == {"C-1": "Chen", "C-2": "Lin", "C-4": "Chen"}
        assert handover.swaps == (("C-1", "C-2"),)
        assert handover.unresolved == ()
        assert handover.clauses == (M_1_6_4,)
        lines = handover.explain().splitlines()
        assert lines[0] == "M-1.6.4 Wu leaves: tell 3 customer(s) and hand each to another employee"
        assert (
            "M-1.6.4 C-1 and C-2 swap successors, so nobody takes over a customer they already "
            "look after"
        ) in lines
        assert lines[-1] == "M-1.6.4 tell C-4: Chen takes over from Wu"
        assert "通知C-1：由Chen接替Wu" in handover.explain("zh-Hant")

    def test_the_explanation_cites_m_1_6_4_not_the_leads_clauses(self) -> None:
        # M-1.6.4 revision 2: the handover reuses the fair split, but applies M-1.6.4 only
        book = [key("C-1", "Wu", "Lin"), key("C-2", "Wu"), key("C-3", "Wu", category="general")]
        handover = hand_over("Wu", book, staff=["Lin", "Chen"])
        assert {reason.clause for reason in handover.reasons} == {M_1_6_4}
        assert L_1 not in handover.clauses
        assert all(line.startswith("M-1.6.4 ") for line in handover.explain().splitlines())
        assert (
            "M-1.6.4 anyone can repeat this split from the same items, participants and ledger, "
            "and gets the same result"
        ) in handover.explain().splitlines()

    def test_the_categories_of_the_split_are_named_in_each_language(self) -> None:
        book = [key("C-1", "Wu", "Lin"), key("C-2", "Wu"), key("C-3", "Wu", category="general")]
        handover = hand_over("Wu", book, staff=["Lin", "Chen"])
        assert (
            "M-1.6.4 by category: general customer: 1 (0 or 1 each); key customer: 2 (1 each)"
            in handover.explain().splitlines()
        )
        zh = handover.explain("zh-Hant")
        assert (
            "M-1.6.4 按客戶類別：一般客戶1個，每人0或1個；重點客戶2個，每人1個" in zh.splitlines()
        )
        assert "key" not in zh
        assert "general" not in zh
        assert "M-1.6.4 Wu調離：通知3個客戶，並指派其他員工接替" in zh
        assert "M-1.6.4 C-1與C-2互換接替人，避免由原本已聯絡該客戶的人員接替" in zh

    def test_a_successor_who_already_looks_after_the_customer_is_reported(self) -> None:
        handover = hand_over("Wu", [key("C-1", "Wu", "Lin")], staff=["Lin"])
        assert handover.unresolved == ("C-1",)
        assert "C-1 goes to someone who already looks after it" in handover.explain()
        assert (
            "M-1.6.4 C-1由原本已聯絡該客戶的人員接替，聯絡人減少一名，請檢查M-1.6.3"
            in handover.explain("zh-Hant").splitlines()
        )

    def test_the_ledger_carries_over(self) -> None:
        ledger = Ledger(extras={"Lin": 1, "Chen": 0})
        handover = hand_over("Wu", [key("C-2", "Wu")], staff=["Lin", "Chen"], ledger=ledger)
        assert dict(handover.assignment) == {"C-2": "Chen"}
        assert dict(handover.ledger.extras) == {"Chen": 1, "Lin": 1}

    def test_a_leaver_without_customers_hands_over_nothing(self) -> None:
        handover = hand_over("Wu", [key("C-1", "Lin")], staff=["Lin"])
        assert handover.to_tell == ()

    @pytest.mark.parametrize(
        ("staff", "match"),
        [
            (["Lin", "Wu"], "staff must not include the leaver 'Wu'"),
            ([], r"^staff must name at least one person, got \(\) \[hand_over M-1.6.4\]$"),
            (["Lin", "Lin"], r"^staff must be listed once each, .* \[hand_over M-1.6.4\]$"),
            ([None, "Lin"], r"^staff must be non-empty str, got None in .* \[hand_over M-1.6.4\]$"),
            (["Lin", AMBIGUOUS], r"^staff must be non-empty str, got <Ambiguous> in "),
            ("Lin", r"^staff must be a collection of non-empty str, got 'Lin' \[hand_over"),
        ],
    )
    def test_bad_staff_is_refused(self, staff: list[str], match: str) -> None:
        # the messages name hand_over's own argument, not fair_split's participants
        with pytest.raises(InvalidInputError, match=match):
            hand_over("Wu", [key("C-1", "Wu")], staff=staff)

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(list(Category)),
                st.sets(st.sampled_from(["Wu", "A", "B", "C", "D"]), max_size=3),
            ),
            max_size=30,
        ),
        st.lists(st.sampled_from(["A", "B", "C", "D", "E"]), min_size=1, unique=True),
    )
    @settings(max_examples=300)
    def test_every_customer_of_the_leaver_is_handed_over_once_and_fairly(
        self, rows: list[tuple[Category, set[str]]], staff: list[str]
    ) -> None:
        book = [Customer(f"C-{i}", c, contacts=s) for i, (c, s) in enumerate(rows)]
        handover = hand_over("Wu", book, staff=staff)
        theirs = sorted(c.id for c in book if "Wu" in c.contacts)
        assert sorted(handover.to_tell) == theirs
        owners = dict(handover.assignment)
        assert set(owners.values()) <= set(staff)
        counts = Counter(owners.values())
        assert max(counts[p] for p in staff) - min(counts[p] for p in staff) <= 1
        category = {c.id: c.category for c in book}
        for cat in Category:
            per = Counter(o for c, o in owners.items() if category[c] is cat)
            assert max(per[p] for p in staff) - min(per[p] for p in staff) <= 1
        contacts = {c.id: set(c.contacts) for c in book}
        assert {c for c in owners if owners[c] in contacts[c]} == set(handover.unresolved)
        assert handover.clauses == (M_1_6_4,)


VISITS = {"key": 30, "target": 60, "general": 90, "potential": 180}


class TestReturnVisits:
    def test_the_intervals_must_be_set_first(self) -> None:
        with pytest.raises(ParameterNotSetError, match=r"customers\.visit_interval_days") as info:
            visits_due([], on=D(2026, 4, 1))
        assert info.value.parameter == "customers.visit_interval_days"

    def test_a_category_without_an_interval_is_named(self) -> None:
        policy = Policy().updated({"customers.visit_interval_days": {"key": 30}})
        with pytest.raises(ParameterNotSetError, match="no interval for category 'general'"):
            visits_due([key("C-1", category="general")], on=D(2026, 4, 1), policy=policy)

    def test_due_and_overdue_customers_are_listed(self) -> None:
        policy = Policy().updated({"customers.visit_interval_days": VISITS})
        book = [
            Customer("C-1", "key", last_visit=D(2026, 3, 2)),  # due 2026-04-01: today
            Customer("C-2", "key", last_visit=D(2026, 3, 1)),  # due 2026-03-31: 1 day overdue
            Customer("C-3", "key", last_visit=D(2026, 3, 3)),  # due 2026-04-02: not yet
            Customer("C-4", "general", registered_on=D(2025, 12, 1)),  # due 2026-03-01
            Customer("C-5", "potential"),  # never visited nor registered
        ]
        plan = visits_due(book, on=D(2026, 4, 1), policy=policy)
        assert [(v.customer, v.due, v.days_overdue) for v in plan.due] == [
            ("C-1", D(2026, 4, 1), 0),
            ("C-2", D(2026, 3, 31), 1),
            ("C-4", D(2026, 3, 1), 31),
            ("C-5", None, 0),
        ]
        lines = plan.explain().splitlines()
        assert (
            lines[0]
            == "M-1.7 on 2026-04-01, 4 of 5 customers are due or overdue for a return visit"
        )
        assert lines[1] == (
            "M-1.7 C-1 (key customer): last 2026-03-02, every 30 days, due 2026-04-01, due today"
        )
        assert lines[4] == "M-1.7 C-5 (potential customer): never visited nor registered, due now"
        zh = plan.explain("zh-Hant")
        assert "C-2（重點客戶）：上次2026年3月1日，每30日，應於2026年3月31日回訪，已逾期1日" in zh
        assert "C-1（重點客戶）：上次2026年3月2日，每30日，應於2026年4月1日回訪，今日到期" in zh
        assert "C-5（潛在客戶）：從未回訪亦未備案，應即回訪" in zh

    def test_bad_input_is_refused(self) -> None:
        policy = Policy().updated({"customers.visit_interval_days": VISITS})
        with pytest.raises(InvalidInputError, match=r"on must be a datetime\.date"):
            visits_due([], on="2026-04-01", policy=policy)  # type: ignore[arg-type]

    @given(st.integers(1, 400), st.integers(0, 800))
    def test_a_customer_is_due_exactly_from_the_interval_on(self, interval: int, days: int) -> None:
        from datetime import timedelta

        policy = Policy().updated({"customers.visit_interval_days": {"key": interval}})
        last = D(2024, 1, 1)
        on = last + timedelta(days=days)
        plan = visits_due([Customer("C-1", "key", last_visit=last)], on=on, policy=policy)
        assert bool(plan.due) == (days >= interval)


DECIDED = D(2026, 5, 6)
NAMED = Policy().updated(
    {"customers.restricted_expense_kinds": {"entertainment", "travel", "gift"}}
)
ON_THE_EXPENSE_DAY = Policy().updated({"customers.registration_judged_on": "incurred"})


class TestReimbursement:
    # M-1.8.1 revision 2: 「等」 leaves the list open, so by default every kind tied to the
    # customer is refused while the customer is not registered on the day finance decides.
    @pytest.mark.parametrize(
        ("kind", "registered", "outcome"),
        [
            ("entertainment", None, ClaimOutcome.REFUSED),
            ("travel", D(2026, 5, 7), ClaimOutcome.REFUSED),  # registered the day after
            ("gift", D(2026, 5, 6), ClaimOutcome.NOT_REFUSED),  # registered that very day
            (" Gift ", D(2026, 1, 1), ClaimOutcome.NOT_REFUSED),
            ("TRAVEL", None, ClaimOutcome.REFUSED),
            ("office supplies", None, ClaimOutcome.REFUSED),  # not in the old closed list
            ("training", D(2026, 5, 7), ClaimOutcome.REFUSED),
            ("training", D(2026, 1, 1), ClaimOutcome.NOT_REFUSED),
            ("禮品", None, ClaimOutcome.REFUSED),
            ("差旅", D(2026, 1, 1), ClaimOutcome.NOT_REFUSED),
        ],
    )
    def test_every_kind_tied_to_an_unregistered_customer_is_refused(
        self, kind: str, registered: date | None, outcome: ClaimOutcome
    ) -> None:
        claim = reimbursement(kind, customer="C-3", registered_on=registered, decided_on=DECIDED)
        assert claim.outcome is outcome
        assert claim.refused == (outcome is ClaimOutcome.REFUSED)
        assert claim.restricted is None

    @pytest.mark.parametrize(
        ("kinds", "kind", "outcome"),
        [
            ({"entertainment", "travel", "gift"}, "gift", ClaimOutcome.REFUSED),
            ({"entertainment", "travel", "gift"}, "禮品", ClaimOutcome.REFUSED),
            ({"entertainment", "travel", "gift"}, "training", ClaimOutcome.OUTSIDE_RULE),
            ({"entertainment", "travel", "gift"}, "office supplies", ClaimOutcome.OUTSIDE_RULE),
            ({"禮品"}, " GIFT", ClaimOutcome.REFUSED),
            ({"Meals"}, "meals", ClaimOutcome.REFUSED),
            ({"Meals"}, "gift", ClaimOutcome.OUTSIDE_RULE),
        ],
    )
    def test_a_policy_can_name_the_kinds_and_leave_others_outside(
        self, kinds: set[str], kind: str, outcome: ClaimOutcome
    ) -> None:
        policy = Policy().updated({"customers.restricted_expense_kinds": kinds})
        claim = reimbursement(
            kind, customer="C-3", registered_on=None, decided_on=DECIDED, policy=policy
        )
        assert claim.outcome is outcome

    @pytest.mark.parametrize(
        ("registered", "on_decision", "on_the_expense_day"),
        [
            (None, ClaimOutcome.REFUSED, ClaimOutcome.REFUSED),
            (D(2026, 4, 30), ClaimOutcome.NOT_REFUSED, ClaimOutcome.NOT_REFUSED),
            (D(2026, 5, 1), ClaimOutcome.NOT_REFUSED, ClaimOutcome.NOT_REFUSED),  # same day
            (D(2026, 5, 3), ClaimOutcome.NOT_REFUSED, ClaimOutcome.REFUSED),  # in between
            (D(2026, 5, 7), ClaimOutcome.REFUSED, ClaimOutcome.REFUSED),
        ],
    )
    def test_registration_is_judged_on_the_decision_day_or_by_choice_the_expense_day(
        self, registered: date | None, on_decision: ClaimOutcome, on_the_expense_day: ClaimOutcome
    ) -> None:
        claim = {
            "customer": "C-3",
            "registered_on": registered,
            "decided_on": DECIDED,
            "incurred_on": D(2026, 5, 1),
        }
        assert reimbursement("travel", **claim).outcome is on_decision  # type: ignore[arg-type]
        judged = reimbursement("travel", **claim, policy=ON_THE_EXPENSE_DAY)  # type: ignore[arg-type]
        assert judged.outcome is on_the_expense_day
        assert (judged.judged_on, judged.basis) == (D(2026, 5, 1), "incurred")

    def test_the_explanations(self) -> None:
        refused = reimbursement("gift", customer="C-3", registered_on=None, decided_on=DECIDED)
        assert refused.explain() == (
            "M-1.8.1 gift expense: customer C-3 is not registered on 2026-05-06 (the day the claim "
            "is decided), so it is not reimbursed"
        )
        assert refused.explain("zh-Hant") == (
            "M-1.8.1 禮品費用：客戶C-3於2026年5月6日（財務決定報銷之日）尚未備案，不予報銷"
        )
        ok = reimbursement(
            "travel", customer="C-3", registered_on=D(2026, 1, 2), decided_on=DECIDED
        )
        assert ok.explain() == (
            "M-1.8.1 travel expense: customer C-3 is registered since 2026-01-02, on or before "
            "2026-05-06 (the day the claim is decided), so this rule does not refuse it"
        )
        assert ok.explain("zh-Hant") == (
            "M-1.8.1 差旅費用：客戶C-3已於2026年1月2日備案，不晚於2026年5月6日"
            "（財務決定報銷之日），本條不禁止報銷"
        )
        outside = reimbursement(
            "training", customer="C-3", registered_on=None, decided_on=DECIDED, policy=NAMED
        )
        assert outside.explain() == (
            "M-1.8.1 training expense: outside this rule, which the policy limits to "
            "entertainment, gift, travel; other rules decide it"
        )
        assert outside.explain("zh-Hant") == (
            "M-1.8.1 training費用：不屬本條範圍（公司規定本條僅涵蓋招待、禮品、差旅），"
            "由其他規定處理"
        )
        assert ClaimOutcome.OUTSIDE_RULE.label("zh-Hant") == "不屬本條範圍"
        expense_day = reimbursement(
            "招待",
            customer="C-3",
            registered_on=None,
            decided_on=DECIDED,
            incurred_on=D(2026, 5, 1),
            policy=ON_THE_EXPENSE_DAY,
        )
        assert expense_day.kind == "entertainment"
        assert expense_day.explain("zh-Hant") == (
            "M-1.8.1 招待費用：客戶C-3於2026年5月1日（費用發生之日）尚未備案，不予報銷"
        )
        assert "(the day the expense was incurred)" in expense_day.explain()

    def test_a_result_built_by_hand_is_judged_on_the_decision_day(self) -> None:
        made = Reimbursement("gift", "C-3", None, DECIDED, ClaimOutcome.REFUSED, None)
        assert (made.judged_on, made.basis) == (DECIDED, "decided")
        assert (
            made.explain()
            == reimbursement(
                "gift", customer="C-3", registered_on=None, decided_on=DECIDED
            ).explain()
        )

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"kind": ""}, "kind must be a non-empty str"),
            ({"customer": None}, "customer must be a non-empty str"),
            ({"decided_on": datetime(2026, 5, 6)}, "decided_on must be a datetime.date"),
            ({"registered_on": "2026-01-01"}, "registered_on must be a datetime.date"),
            ({"incurred_on": "2026-05-01"}, "incurred_on must be a datetime.date"),
            (
                {"incurred_on": D(2026, 5, 7)},
                (
                    r"^incurred_on must not be after decided_on 2026-05-06: a claim is decided "
                    r"after the expense, got 2026-05-07 \[reimbursement M-1\.8\.1\]$"
                ),
            ),
            (
                {"policy": ON_THE_EXPENSE_DAY},
                (
                    r"^incurred_on must be a datetime\.date while "
                    r"customers\.registration_judged_on is 'incurred' .* got None "
                    r"\[reimbursement M-1\.8\.1\]$"
                ),
            ),
        ],
    )
    def test_bad_input_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, Any] = {
            "kind": "gift",
            "customer": "C-3",
            "registered_on": None,
            "decided_on": DECIDED,
        }
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            reimbursement(**arguments)

    @given(
        st.sampled_from(["entertainment", "travel", "gift", "taxi", "printing", "禮品"]),
        st.one_of(st.none(), st.frozensets(st.sampled_from(["gift", "taxi", "差旅"]), min_size=1)),
        st.sampled_from(["decided", "incurred"]),
        st.one_of(st.none(), st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 1, 1))),
        st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 1, 1)),
        st.integers(min_value=0, max_value=60),
    )
    def test_a_covered_claim_is_refused_exactly_when_not_registered_on_the_day_judged(
        self,
        kind: str,
        kinds: frozenset[str] | None,
        basis: str,
        registered: date | None,
        decided: date,
        days_before: int,
    ) -> None:
        from datetime import timedelta

        incurred = decided - timedelta(days=days_before)
        policy = Policy().updated(
            {"customers.restricted_expense_kinds": kinds, "customers.registration_judged_on": basis}
        )
        claim = reimbursement(
            kind,
            customer="C",
            registered_on=registered,
            decided_on=decided,
            incurred_on=incurred,
            policy=policy,
        )
        names = {"禮品": "gift", "差旅": "travel"}
        covered = kinds is None or names.get(kind, kind) in {names.get(k, k) for k in kinds}
        day = incurred if basis == "incurred" else decided
        registered_then = registered is not None and registered <= day
        assert claim.refused == (covered and not registered_then)
        assert (claim.outcome is ClaimOutcome.OUTSIDE_RULE) == (not covered)
        # naming the kinds only ever narrows the rule; the decision day is never stricter
        every = policy.updated({"customers.restricted_expense_kinds": None})
        assert (
            claim.refused
            <= reimbursement(
                kind,
                customer="C",
                registered_on=registered,
                decided_on=decided,
                incurred_on=incurred,
                policy=every,
            ).refused
        )
        on_decision = policy.updated({"customers.registration_judged_on": "decided"})
        on_expense = policy.updated({"customers.registration_judged_on": "incurred"})
        claims = [
            reimbursement(
                kind,
                customer="C",
                registered_on=registered,
                decided_on=decided,
                incurred_on=incurred,
                policy=p,
            )
            for p in (on_decision, on_expense)
        ]
        assert claims[0].refused <= claims[1].refused


class TestKpiFlags:
    def test_staff_ignoring_two_reminders_in_the_month_are_flagged(self) -> None:
        sent = [
            Reminder("Lin", "C-1", D(2026, 3, 2), complied=False),
            Reminder("Lin", "C-2", D(2026, 3, 31), complied=False),
            Reminder("Wu", "C-3", D(2026, 3, 5), complied=False),
            Reminder("Wu", "C-4", D(2026, 3, 6), complied=True),
            Reminder("Wu", "C-5", D(2026, 2, 28), complied=False),  # another month
        ]
        review = kpi_flags(sent, year=2026, month=3)
        assert review.flagged == ("Lin",)
        assert review.ignored == (("Lin", 2), ("Wu", 1))
        assert review.explain().splitlines() == [
            (
                "M-1.8.2 2026-03: staff who ignored at least 2 registration reminders are flagged "
                "for the KPI review: Lin"
            ),
            "M-1.8.2 Lin ignored 2 reminder(s): flagged",
            "M-1.8.2 Wu ignored 1 reminder(s)",
        ]
        assert "Lin未配合督促2次，納入考核" in review.explain("zh-Hant")

    def test_nobody_flagged_reads_as_a_dash(self) -> None:
        review = kpi_flags([], year=2026, month=3)
        assert review.flagged == ()
        assert review.explain().endswith("for the KPI review: -")

    def test_the_threshold_is_a_policy_parameter(self) -> None:
        policy = Policy().updated({"customers.reminder_threshold": 1})
        sent = [Reminder("Wu", "C-3", D(2026, 3, 5), complied=False)]
        assert kpi_flags(sent, year=2026, month=3, policy=policy).flagged == ("Wu",)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"year": 0}, "year must be an int from 1 to 9999"),
            ({"month": 13}, "month must be an int from 1 to 12"),
            ({"month": True}, "month must be an int from 1 to 12"),
            ({"reminders": ["x"]}, "reminders must hold Reminder values"),
            ({"reminders": 3}, "reminders must be a collection of Reminder"),
        ],
    )
    def test_bad_input_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, Any] = {"reminders": [], "year": 2026, "month": 3}
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            kpi_flags(**arguments)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"complied": 0}, "complied must be True or False"),
            ({"sent_on": "2026-03-01"}, "sent_on must be a datetime.date"),
            ({"staff": ""}, "staff must be a non-empty str"),
        ],
    )
    def test_a_bad_reminder_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, Any] = {
            "staff": "Lin",
            "customer": "C-1",
            "sent_on": D(2026, 3, 1),
            "complied": False,
        }
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            Reminder(**arguments)

    @given(
        st.lists(
            st.tuples(
                testing.staff_names(),
                st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 4, 30)),
                st.booleans(),
            ),
            max_size=30,
        ),
        st.integers(1, 4),
    )
    def test_flagged_exactly_at_the_threshold(
        self, rows: list[tuple[str, date, bool]], threshold: int
    ) -> None:
        policy = Policy().updated({"customers.reminder_threshold": threshold})
        sent = [Reminder(s, "C", d, complied=c) for s, d, c in rows]
        review = kpi_flags(sent, year=2026, month=2, policy=policy)
        ignored = Counter(s for s, d, c in rows if not c and d.month == 2)
        assert set(review.flagged) == {s for s, n in ignored.items() if n >= threshold}


_HAN = "[\u4e00-\u9fff]"
_ASCII_PUNCTUATION = re.compile(f"{_HAN}[:,;()]|[:,;()]{_HAN}")
_CONVERSION_ERRORS = ("后", "于", "聯系", "批準", "核準", "答復", "注明", "制造", "復印")


def _zh_lines() -> list[str]:
    """The Traditional Chinese explanations of every rule of the module, in all their branches."""
    visits = Policy().updated({"customers.visit_interval_days": VISITS})
    results: list[Any] = [
        check_file(COMPLETE, customer="C-1"),
        check_file({"category": "vip", "phone": "n/a", "address": 3}, customer="C-1"),
        registration_status(D(2026, 9, 28), D(2026, 10, 12), as_of=D(2026, 11, 2)),
        registration_status(D(2026, 9, 28), None, as_of=D(2026, 11, 2)),
        change_status(D(2026, 3, 2), None, registered_on=None, as_of=D(2026, 3, 20)),
        decide_access(request(own=False), [Approval("Lin", Role.GENERAL_MANAGER, "Lin", "C-9")]),
        decide_access(request(), [Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "S")]),
        check_contacts(
            [customer("key", D(2020, 1, 1)), key("C-2", "Gone")], employed=["Lin"], on=ON
        ),
        hand_over("Wu", [key("C-1", "Wu", "Lin"), key("C-2", "Wu")], staff=["Lin", "Chen"]),
        hand_over("Wu", [key("C-1", "Wu", "Lin")], staff=["Lin"]),
        visits_due([key("C-1"), Customer("C-2", "key", last_visit=ON)], on=ON, policy=visits),
        reimbursement("gift", customer="C-3", registered_on=None, decided_on=DECIDED),
        reimbursement("travel", customer="C-3", registered_on=D(2026, 1, 1), decided_on=DECIDED),
        reimbursement("招待", customer="C-3", registered_on=None, decided_on=DECIDED, policy=NAMED),
        reimbursement("培訓", customer="C-3", registered_on=None, decided_on=DECIDED, policy=NAMED),
        kpi_flags([Reminder("Lin", "C-1", D(2026, 3, 2), False)] * 2, year=2026, month=3),
    ]
    return [
        reason.render("zh-Hant")
        for result in results
        for reason in result.reasons
        # the module's own text: the fair split's and the deadlines' lines are those modules'
        if reason.key.startswith("customers.")
    ]


class TestTraditionalChineseText:
    @pytest.mark.parametrize("line", _zh_lines())
    def test_full_width_punctuation_and_standard_characters(self, line: str) -> None:
        assert not _ASCII_PUNCTUATION.search(line), line
        assert not [word for word in _CONVERSION_ERRORS if word in line], line

    @pytest.mark.parametrize("line", _zh_lines())
    def test_no_code_names_of_categories_or_kinds_inside_chinese(self, line: str) -> None:
        codes = ("key", "potential", "general", "target", "gift", "travel", "entertainment")
        assert not [code for code in codes if code in line], line

    def test_a_policy_diff_names_the_categories_kinds_and_day_in_chinese(self) -> None:
        changed = Policy().updated(
            {
                "customers.key_categories": ["key"],
                "customers.visit_interval_days": {"key": 30},
                "customers.restricted_expense_kinds": ["gift", "travel"],
                "customers.registration_judged_on": "incurred",
                "customers.added_file_fields": ["稅號"],
            }
        )
        assert Policy().diff(changed).explain("zh-Hant").splitlines() == [
            "M-1.3 公司另定的客戶檔案必備欄位由（無）改為稅號",
            "M-1.6.3 須由多人聯絡的客戶類別由重點客戶、潛在客戶改為重點客戶",
            "M-1.7 各類客戶回訪間隔天數由（未設定）改為重點客戶：30",
            "M-1.8.1 未備案不予報銷的費用類別由（未設定）改為禮品、差旅",
            "M-1.8.1 判定是否已備案之日由財務決定報銷之日改為費用發生之日",
        ]
        assert "customers.key_categories changed from key, potential to key" in Policy().diff(
            changed
        ).explain("en")


# -- results built by hand, and the rules' fast construction ------------------------------------


def rebuilt(result: Any) -> Any:
    """``result`` built again through its class, so that every field validator runs."""
    cls = type(result)
    return cls(**{f.alias: getattr(result, f.name) for f in attrs.fields(cls) if f.init})


def check_by_hand(result: Any, field: str, value: object) -> None:
    """Build ``result`` by hand with ``field`` set to ``value`` (every other field as it is)."""
    cls = type(result)
    fields = {f.alias: getattr(result, f.name) for f in attrs.fields(cls) if f.init}
    cls(**{**fields, field: value})


VISIT_POLICY = Policy().updated({"customers.visit_interval_days": VISITS})
FILING = registration_status(D(2026, 9, 28), D(2026, 10, 12), as_of=D(2026, 11, 2))
SHORT = check_contacts([key("C-1", "Lin")], employed=["Lin"], on=ON)
VISITS_DUE = visits_due([key("C-1")], on=ON, policy=VISIT_POLICY)
REVIEW = kpi_flags([Reminder("Lin", "C-1", D(2026, 3, 2), False)], year=2026, month=3)
RESULTS = {
    "FileCheck": check_file({"category": "vip"}, customer="C-1"),
    "Filing": FILING,
    "AccessDecision": decide_access(
        request(), [Approval("Wu", Role.GENERAL_MANAGER, "Lin", "C-9")]
    ),
    "Shortfall": SHORT.shortfalls[0],
    "ContactsCheck": SHORT,
    "Handover": hand_over("Wu", [key("C-1", "Wu", "Lin"), key("C-2", "Wu")], staff=["Lin", "Chen"]),
    "VisitDue": VISITS_DUE.due[0],
    "VisitPlan": VISITS_DUE,
    "Reimbursement": reimbursement("gift", customer="C-3", registered_on=None, decided_on=DECIDED),
    "KpiReview": REVIEW,
}


class TestResultsBuiltByHand:
    """Each result class checks its fields when a user builds one; the rules build them fast."""

    @pytest.mark.parametrize("name", RESULTS)
    def test_a_result_of_a_rule_rebuilds_equal_through_its_class(self, name: str) -> None:
        assert rebuilt(RESULTS[name]) == RESULTS[name]

    @pytest.mark.parametrize(
        ("name", "field", "value", "match"),
        [
            (
                "FileCheck",
                "customer",
                None,
                r"^customer must be a str, got None \[FileCheck M-1.3\]$",
            ),
            ("FileCheck", "missing", ("name",), None),
            (
                "FileCheck",
                "missing",
                [FileField.NAME],
                r"^missing must be a tuple of FileField or str",
            ),
            (
                "FileCheck",
                "invalid",
                ((FileField.PHONE, "too short"),),
                r"^invalid must be a tuple of \(FileField, one of \('not one of the four",
            ),
            ("FileCheck", "added", ("稅號", 3), r"^added must be a sequence of str, got"),
            ("Filing", "subject", "report", r"^subject must be one of \('registration', 'change "),
            ("Filing", "status", "late", r"^status must be one of \(FilingStatus.PENDING"),
            ("Filing", "as_of", datetime(2026, 11, 2), r"^as_of must be a datetime.date, got"),
            ("Filing", "deadline", D(2026, 10, 10), r"^deadline must be a Deadline or None, got"),
            ("Filing", "done_on", "2026-10-12", r"^done_on must be a datetime.date, got"),
            (
                "Filing",
                "days_late",
                -1,
                r"^days_late must be an int of at least 0, got -1 \[Filing",
            ),
            ("Filing", "reasons", ("late",), r"^reasons must be a sequence of Reason, got"),
            ("AccessDecision", "request", None, r"^request must be a AccessRequest, got None"),
            ("AccessDecision", "needed", "GM", r"^needed must be one of \(Role.DEPARTMENT_MANAGER"),
            ("AccessDecision", "approval", "Wu", r"^approval must be a Approval or None, got 'Wu'"),
            ("AccessDecision", "ignored", (("Wu", "self"),), r"^ignored must be a tuple of \(App"),
            ("Shortfall", "customer", "", r"^customer must be a non-empty str, got '' \[Shortfall"),
            ("Shortfall", "category", "key", r"^category must be one of \(Category.TARGET"),
            ("Shortfall", "contacts", ["Lin"], r"^contacts must be a tuple of str, got \['Lin'\]"),
            ("Shortfall", "gone", ("Lin", 3), r"^gone must be a sequence of str, got"),
            (
                "Shortfall",
                "needed",
                0,
                r"^needed must be an int of at least 1, got 0 \[Shortfall M",
            ),
            ("ContactsCheck", "checked", -1, r"^checked must be an int of at least 0, got -1"),
            ("ContactsCheck", "needed", 0, r"^needed must be an int of at least 1, got 0"),
            (
                "ContactsCheck",
                "shortfalls",
                ("C-1",),
                r"^shortfalls must be a sequence of Shortfall",
            ),
            ("ContactsCheck", "on", "2026-12-06", r"^on must be a datetime.date, got '2026-12-06'"),
            (
                "ContactsCheck",
                "categories",
                ("key",),
                r"^categories must be a sequence of Category",
            ),
            ("ContactsCheck", "new_since", 2025, r"^new_since must be a datetime.date, got 2025"),
            ("ContactsCheck", "not_new", "C-2", r"^not_new must be a tuple of str, got 'C-2'"),
            ("Handover", "leaver", " ", r"^leaver must be a non-empty str, got ' ' \[Handover M-1"),
            ("Handover", "split", None, r"^split must be a FairSplit, got None"),
            ("Handover", "assignment", (("C-1",),), r"^assignment must be a tuple of \(str, str\)"),
            ("Handover", "swaps", (("C-1", 2),), r"^swaps must be a tuple of \(str, str\) pairs"),
            ("Handover", "unresolved", (None,), r"^unresolved must be a sequence of str, got"),
            (
                "VisitDue",
                "customer",
                1,
                r"^customer must be a non-empty str, got 1 \[VisitDue M-1.7",
            ),
            ("VisitDue", "category", None, r"^category must be one of \(Category.TARGET"),
            ("VisitDue", "since", "never", r"^since must be a datetime.date, got 'never'"),
            ("VisitDue", "due", "now", r"^due must be a datetime.date, got 'now'"),
            ("VisitDue", "days_overdue", -1, r"^days_overdue must be an int of at least 0, got -1"),
            (
                "VisitPlan",
                "on",
                None,
                r"^on must be a datetime.date, got None \[VisitPlan M-1.7\]$",
            ),
            ("VisitPlan", "checked", -1, r"^checked must be an int of at least 0, got -1"),
            ("VisitPlan", "due", ("C-1",), r"^due must be a sequence of VisitDue, got"),
            (
                "VisitPlan",
                "intervals",
                (("key", "30"),),
                r"^intervals must be a tuple of \(str, int",
            ),
            ("Reimbursement", "kind", "", r"^kind must be a non-empty str, got '' \[Reimbursement"),
            ("Reimbursement", "customer", None, r"^customer must be a non-empty str, got None"),
            ("Reimbursement", "registered_on", "no", r"^registered_on must be a datetime.date"),
            ("Reimbursement", "decided_on", None, r"^decided_on must be a datetime.date, got None"),
            ("Reimbursement", "outcome", "refused", r"^outcome must be one of \(ClaimOutcome.REF"),
            ("Reimbursement", "restricted", ("gift", 1), r"^restricted must be a sequence of str"),
            ("Reimbursement", "incurred_on", 1, r"^incurred_on must be a datetime.date, got 1"),
            ("Reimbursement", "judged_on", None, r"^judged_on must be a datetime.date, got None"),
            ("Reimbursement", "basis", "paid", r"^basis must be one of \('decided', 'incurred'\)"),
            ("KpiReview", "ignored", (("Lin", "2"),), r"^ignored must be a tuple of \(str, int\)"),
        ],
    )
    def test_a_bad_field_is_refused_naming_the_field_the_value_and_the_class(
        self, name: str, field: str, value: object, match: str | None
    ) -> None:
        result = RESULTS[name]
        if match is None:  # accepted: the field's other kind
            check_by_hand(result, field, value)
            return
        with pytest.raises(InvalidInputError, match=match):
            check_by_hand(result, field, value)

    @pytest.mark.parametrize(
        ("name", "field", "low"),
        [
            ("Filing", "days_late", 0),
            ("Shortfall", "needed", 1),
            ("ContactsCheck", "checked", 0),
            ("ContactsCheck", "needed", 1),
            ("VisitDue", "days_overdue", 0),
            ("VisitPlan", "checked", 0),
            ("KpiReview", "threshold", 1),
        ],
    )
    def test_a_count_is_accepted_from_its_lowest_value_and_refused_below(
        self, name: str, field: str, low: int
    ) -> None:
        result = RESULTS[name]
        check_by_hand(result, field, low)
        check_by_hand(result, field, 10**6)
        with pytest.raises(InvalidInputError, match=rf"^{field} must be an int of at least {low}"):
            check_by_hand(result, field, low - 1)
        with pytest.raises(InvalidInputError, match=rf"^{field} must be an int"):
            check_by_hand(result, field, True)

    @pytest.mark.parametrize(("field", "low", "high"), [("year", 1, 9999), ("month", 1, 12)])
    def test_a_review_month_is_accepted_at_both_ends_and_refused_beyond(
        self, field: str, low: int, high: int
    ) -> None:
        check_by_hand(REVIEW, field, low)
        check_by_hand(REVIEW, field, high)
        for bad in (low - 1, high + 1):
            with pytest.raises(
                InvalidInputError,
                match=rf"^{field} must be an int from {low} to {high}, got {bad} "
                r"\[KpiReview M-1.8.2\]$",
            ):
                check_by_hand(REVIEW, field, bad)

    def test_a_plan_needs_the_interval_of_every_customer_due_since_a_day(self) -> None:
        due = VISITS_DUE.due[0]  # never visited nor registered: no interval needed
        dated = attrs.evolve(due, since=ON, due=ON)
        plan = VisitPlan(ON, 1, (dated,), (("key", 30),))
        assert plan.explain().endswith("every 30 days, due 2026-12-06, due today")
        assert VisitPlan(ON, 1, (due,), ()).due == (due,)
        with pytest.raises(
            InvalidInputError,
            match=r"^intervals must have an interval for 'key', the category of 'C-1', got "
            r"\(\('general', 90\),\) \[VisitPlan M-1\.7\]$",
        ):
            VisitPlan(ON, 1, (dated,), (("general", 90),))

    def test_a_hand_built_result_explains_itself(self) -> None:
        by_hand = Reimbursement("gift", "C-3", None, DECIDED, ClaimOutcome.REFUSED, None)
        assert by_hand.judged_on == DECIDED
        assert by_hand == RESULTS["Reimbursement"]
        assert "not reimbursed" in by_hand.explain()


class TestFastPaths:
    """Each rule builds its result without validation; the class would accept every one."""

    @given(
        st.dictionaries(
            st.sampled_from([f.value for f in FileField] + ["稅號"]),
            st.none() | st.sampled_from(["", "key", "vip", "021-6512 3456", "n/a", 3]),
        ),
        st.sampled_from(["", "C-1"]),
    )
    def test_check_file(self, record: dict[str, object], name: str) -> None:
        company = Policy().updated({"customers.added_file_fields": ["稅號"]})
        check = check_file(record, customer=name, policy=company)
        assert rebuilt(check) == check

    @given(
        st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 1)),
        st.none() | st.integers(0, 30),
        st.integers(0, 30),
        st.booleans(),
    )
    def test_filings(self, start: date, done: int | None, judged: int, registered: bool) -> None:
        done_on = None if done is None else start + timedelta(days=done)
        as_of = start + timedelta(days=judged)
        if done_on is not None and done_on > as_of:
            as_of = done_on
        status = registration_status(start, done_on, as_of=as_of)
        change = change_status(
            start, done_on, registered_on=start if registered else None, as_of=as_of
        )
        assert rebuilt(status) == status
        assert rebuilt(change) == change

    @given(
        st.sampled_from(["S1", "S2"]),
        st.lists(
            st.builds(
                Approval,
                st.sampled_from(["Lin", "Wu", "Zhou"]),
                st.sampled_from(Role),
                st.sampled_from(["Lin", "Wu"]),
                st.sampled_from(["C-9", "C-1"]),
                st.none() | st.sampled_from(["S1", "S2"]),
            ),
            max_size=4,
        ),
    )
    def test_decide_access(self, department: str, approvals: list[Approval]) -> None:
        ask = AccessRequest("Lin", department, file="C-9", file_department="S1")
        decision = decide_access(ask, approvals)
        assert rebuilt(decision) == decision

    @given(
        st.lists(testing.customers(), unique_by=lambda c: c.id, max_size=8),
        st.lists(testing.staff_names(), max_size=6),
        testing.china_dates(),
    )
    def test_check_contacts(self, book: list[Customer], employed: list[str], on: date) -> None:
        check = check_contacts(book, employed, on=on)
        assert rebuilt(check) == check
        assert [rebuilt(s) for s in check.shortfalls] == list(check.shortfalls)

    @given(
        st.lists(testing.customers(), unique_by=lambda c: c.id, max_size=8),
        testing.participant_lists(),
    )
    def test_hand_over(self, book: list[Customer], staff: list[str]) -> None:
        leaver = "LEAVER"
        book = [attrs.evolve(c, contacts=(*c.contacts, leaver)) for c in book]
        handover = hand_over(leaver, book, staff)
        assert rebuilt(handover) == handover

    @given(
        st.lists(testing.customers(), unique_by=lambda c: c.id, max_size=8),
        testing.china_dates(),
    )
    def test_visits_due(self, book: list[Customer], on: date) -> None:
        plan = visits_due(book, on=on, policy=VISIT_POLICY)
        assert rebuilt(plan) == plan
        assert [rebuilt(v) for v in plan.due] == list(plan.due)

    @given(
        st.sampled_from(["gift", "taxi", "禮品"]),
        st.none() | testing.china_dates(),
        testing.china_dates(),
        st.sampled_from([Policy(), NAMED, ON_THE_EXPENSE_DAY]),
    )
    def test_reimbursement(
        self, kind: str, registered: date | None, decided: date, policy: Policy
    ) -> None:
        claim = reimbursement(
            kind,
            customer="C-3",
            registered_on=registered,
            decided_on=decided,
            incurred_on=decided,
            policy=policy,
        )
        assert rebuilt(claim) == claim

    @given(
        st.lists(
            st.builds(
                Reminder,
                testing.staff_names(),
                st.just("C-1"),
                st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
                st.booleans(),
            ),
            max_size=10,
        ),
        st.integers(1, 12),
    )
    def test_kpi_flags(self, sent: list[Reminder], month: int) -> None:
        review = kpi_flags(sent, year=2026, month=month)
        assert rebuilt(review) == review


class TestBounds:
    """Both sides of every comparison the family makes on its arguments."""

    def test_registered_and_judged_on_the_day_of_first_contact_is_accepted(self) -> None:
        status = registration_status(D(2026, 3, 2), D(2026, 3, 2), as_of=D(2026, 3, 2))
        assert status.status is FilingStatus.ON_TIME

    @pytest.mark.parametrize(
        ("registered", "as_of", "match"),
        [
            (
                None,
                D(2026, 3, 1),
                (
                    r"^as_of must not be before first_contact 2026-03-02, got 2026-03-01 "
                    r"\[registration_status M-1\.4\]$"
                ),
            ),
            (
                D(2026, 3, 1),
                D(2026, 3, 9),
                (
                    r"^registered_on must not be before first_contact 2026-03-02, got 2026-03-01 "
                    r"\[registration_status M-1\.4\]$"
                ),
            ),
        ],
    )
    def test_the_day_before_first_contact_is_refused(
        self, registered: date | None, as_of: date, match: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=match):
            registration_status(D(2026, 3, 2), registered, as_of=as_of)

    def test_first_contact_on_the_first_covered_day_is_accepted_the_day_before_refused(
        self,
    ) -> None:
        first = china().covered_from
        assert registration_status(first, None, as_of=first).status is FilingStatus.PENDING
        before = first - timedelta(days=1)
        with pytest.raises(
            CalendarCoverageError,
            match=rf"^first_contact {before} falls in {before.year}, .*\[registration_status",
        ):
            registration_status(before, None, as_of=first)

    def test_a_change_on_the_last_covered_day_is_judged_until_its_deadline_leaves_the_calendar(
        self,
    ) -> None:
        last = china().covered_until
        with pytest.raises(CalendarCoverageError, match=r"^the result of add_working_days"):
            change_status(last, None, registered_on=last, as_of=last)
        after = last + timedelta(days=1)
        with pytest.raises(
            CalendarCoverageError, match=rf"^changed_on {after} falls in {after.year}"
        ):
            change_status(after, None, registered_on=last, as_of=after)

    def test_an_expense_incurred_on_the_day_of_the_decision_is_accepted(self) -> None:
        claim = reimbursement(
            "gift",
            customer="C-3",
            registered_on=DECIDED,
            decided_on=DECIDED,
            incurred_on=DECIDED,
            policy=ON_THE_EXPENSE_DAY,
        )
        assert claim.outcome is ClaimOutcome.NOT_REFUSED

    @pytest.mark.parametrize(("year", "month"), [(1, 1), (9999, 12), (2026, 1), (2026, 12)])
    def test_a_review_month_is_accepted_at_both_ends(self, year: int, month: int) -> None:
        sent = [Reminder("Lin", "C-1", D(year, month, 1), False)] * 2
        assert kpi_flags(sent, year=year, month=month).flagged == ("Lin",)

    @pytest.mark.parametrize(
        ("year", "month", "match"),
        [
            (10000, 3, r"^year must be an int from 1 to 9999, got 10000 \[kpi_flags M-1\.8\.2\]$"),
            (0, 3, r"^year must be an int from 1 to 9999, got 0 \[kpi_flags M-1\.8\.2\]$"),
            (2026, 0, r"^month must be an int from 1 to 12, got 0 \[kpi_flags M-1\.8\.2\]$"),
            (2026, 13, r"^month must be an int from 1 to 12, got 13 \[kpi_flags M-1\.8\.2\]$"),
        ],
    )
    def test_a_review_month_beyond_either_end_is_refused(
        self, year: int, month: int, match: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=match):
            kpi_flags([], year=year, month=month)
