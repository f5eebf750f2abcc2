"""Complaint handling: the form (C-9.1), case numbers (C-8), deadlines (C-9.3, C-9.6, C-9.10,
C-10, C-10.2), case status and escalation (C-14), sanctions to HR (C-12.1), approval authority
and the answer to the customer (C-11, C-9.11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CurrencyMismatchError,
    InvalidInputError,
    Money,
    ParameterNotSetError,
    Policy,
    PolicyViolationError,
    WorkCalendar,
)
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
)
from custpolicy.foundation.money import CNY, USD
from custpolicy.rules.complaints import (
    STILL_PROCESSING,
    AnswerChannel,
    AnswerProblem,
    ApprovalBand,
    ApprovalTable,
    Approver,
    CaseNumber,
    CaseState,
    CaseStatus,
    CaseStep,
    ComplaintCase,
    ComplaintForm,
    CustomerAnswer,
    FormItem,
    Handling,
    Request,
    Ruling,
    StepState,
    approver_for,
    case_status,
    check_answer,
    check_complaint_form,
    closing_deadline,
    may_answer,
    monthly_summary,
    next_case_number,
    opinion_deadline,
    qa_report_deadline,
    review_cases,
    sanction_referral_deadline,
    sanction_referrals,
    step_deadline,
    step_status,
    summary_deadline,
)
from custpolicy.testing import approval_tables, case_numbers
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

ROLL = Policy().updated({"general.roll_to_working_day": True})
WORKING = Policy().updated({"complaints.close_in_calendar_days": False})
WIDE = Policy().updated({"complaints.serial_width": 3})
COMPANY = Policy().updated(
    {
        "complaints.sales_manager_limit": Money("5000", "CNY"),
        "complaints.vice_gm_limit": Money("50000", "CNY"),
    }
)
CALENDAR_DATES = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 1))


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def junk(value: object) -> Any:
    """A value of the wrong type, passed on purpose."""
    return value


def case(
    accepted: date, customer: str = "domestic", closed: date | None = None, serial: int = 1
) -> ComplaintCase:
    number = CaseNumber(accepted.year, accepted.month, serial)
    return ComplaintCase(number, accepted, customer, closed)  # type: ignore[arg-type]


# -- C-8 case numbers ---------------------------------------------------------------------------


class TestCaseNumberFormat:
    @pytest.mark.parametrize(
        ("accepted", "serial", "policy", "text"),
        [
            (date(2026, 3, 5), 1, Policy(), "260301"),
            (date(2026, 12, 31), 99, Policy(), "261299"),  # the last case of a year
            (date(2027, 1, 1), 1, Policy(), "270101"),  # the first of the next
            (date(2000, 1, 1), 7, Policy(), "000107"),
            (date(2026, 3, 5), 100, WIDE, "2603100"),  # a wider serial
            (date(2026, 3, 5), 1, WIDE, "2603001"),
        ],
    )
    def test_the_number_is_year_month_and_padded_serial(
        self, accepted: date, serial: int, policy: Policy, text: str
    ) -> None:
        number = CaseNumber.for_acceptance(accepted, serial, policy=policy)
        assert str(number) == text
        assert CaseNumber.parse(text, policy=policy) == number

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("26031", r"must be YYMM followed by a 2-digit serial \(6 digits\)"),
            ("2603001", "must be YYMM followed by a 2-digit serial"),
            ("26a301", "must be YYMM"),
            ("２６０３０１", "must be YYMM"),  # full-width digits
            ("261301", "has month 13; the month"),
            ("260001", "has month 0"),
            ("260300", "has serial 0; serials start at 01"),
        ],
    )
    def test_a_malformed_number_is_refused_with_the_reason(self, text: str, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            CaseNumber.parse(text)

    def test_parsing_a_non_string_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="text must be a str such as '260301'"):
            CaseNumber.parse(260301)  # type: ignore[arg-type]

    def test_a_wider_width_changes_parsing_too(self) -> None:
        with pytest.raises(InvalidInputError, match=r"3-digit serial \(7 digits\)"):
            CaseNumber.parse("260301", policy=WIDE)
        assert CaseNumber.parse("2603001", policy=WIDE).serial == 1

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((1999, 3, 1), "year must be an int from 2000 to 2099"),
            ((2026, 13, 1), "month must be an int from 1 to 12"),
            ((2026, 3, 0), "serial must be an int from 1 to 99"),
            ((2026, 3, True), "serial must be an int from 1 to 99"),
            ((2026, 3, 1, 0), "width must be an int from 1 to 9"),
            ((2026, 3, 1000, 3), "serial must be an int from 1 to 999"),
        ],
    )
    def test_a_bad_case_number_is_refused(self, args: tuple[int, ...], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            CaseNumber(*args)

    def test_the_acceptance_date_must_be_a_date_of_2000_to_2099(self) -> None:
        with pytest.raises(InvalidInputError, match=r"accepted must be a datetime\.date"):
            CaseNumber.for_acceptance(datetime(2026, 3, 5), 1)
        with pytest.raises(InvalidInputError, match="accepted must fall in 2000-2099"):
            CaseNumber.for_acceptance(date(2100, 1, 1), 1)
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            CaseNumber.for_acceptance(date(2026, 1, 1), 1, policy=None)  # type: ignore[arg-type]

    @given(case_numbers())
    def test_format_and_parse_round_trip(self, number: CaseNumber) -> None:
        policy = Policy().updated({"complaints.serial_width": number.width})
        text = str(number)
        assert len(text) == 4 + number.width
        assert CaseNumber.parse(text, policy=policy) == number

    @given(case_numbers(), case_numbers())
    def test_numbers_of_one_width_order_as_their_text(self, a: CaseNumber, b: CaseNumber) -> None:
        b = CaseNumber(b.year, b.month, min(b.serial, 10**a.width - 1), a.width)
        assert (a < b) == (str(a) < str(b))


class TestNextCaseNumber:
    @pytest.mark.parametrize(
        ("accepted", "issued", "expected"),
        [
            (date(2026, 3, 5), [], "260301"),
            (date(2026, 3, 5), ["260301", "260302"], "260303"),
            (date(2026, 3, 5), ["260305", "260301"], "260306"),  # after a gap, never reused
            (date(2026, 4, 1), ["260301", "260302"], "260401"),  # restarts each month
            (date(2027, 1, 1), ["261298", "261299"], "270101"),  # and each year
            (date(2027, 3, 1), ["260301"], "270301"),  # same month, other year
        ],
    )
    def test_the_serial_is_one_more_than_the_highest_of_the_month(
        self, accepted: date, issued: list[str], expected: str
    ) -> None:
        issue = next_case_number(accepted, issued)
        assert str(issue.number) == expected
        assert issue.clauses == (C_8,)

    def test_the_99th_case_is_issued_and_the_100th_is_an_error(self) -> None:
        issued = [f"2603{s:02d}" for s in range(1, 99)]
        assert str(next_case_number(date(2026, 3, 31), issued).number) == "260399"
        with pytest.raises(PolicyViolationError, match="case 100 of 2026-03") as info:
            next_case_number(date(2026, 3, 31), [*issued, "260399"])
        assert info.value.clause == C_8

    def test_a_wider_serial_issues_the_100th_case(self) -> None:
        issued = [CaseNumber(2026, 3, s, 3) for s in range(1, 100)]
        issue = next_case_number(date(2026, 3, 31), issued, policy=WIDE)
        assert str(issue.number) == "2603100"
        with pytest.raises(PolicyViolationError, match="case 1000 of 2026-03"):
            next_case_number(date(2026, 3, 31), [CaseNumber(2026, 3, 999, 3)], policy=WIDE)

    def test_numbers_issued_before_widening_count_by_serial(self) -> None:
        issue = next_case_number(date(2026, 3, 31), [CaseNumber(2026, 3, 99)], policy=WIDE)
        assert str(issue.number) == "2603100"

    def test_the_explanation_names_the_month_and_the_last_number(self) -> None:
        issue = next_case_number(date(2026, 3, 5), ["260301", "260302", "260228"])
        assert issue.issued_in_month == 2
        assert issue.explain() == (
            "C-8 case accepted on 2026-03-05: 2 number(s) already issued in 2026-03, the last "
            "260302; the next is 260303"
        )
        assert issue.explain("zh-Hant") == (
            "C-8 案件於2026年3月5日受理：2026-03已編2號，最後為260302；下一號為260303"
        )
        assert "the last -;" in next_case_number(date(2026, 3, 5)).explain()

    @pytest.mark.parametrize(
        ("issued", "message"),
        [
            (["260301", "260301"], "issued holds serial 1 of 2026-03 twice"),
            ([260301], "issued must hold CaseNumber values or str"),
            ("260301", "issued must be an iterable"),
            (["2603"], "must be YYMM"),
        ],
    )
    def test_a_bad_register_is_refused(self, issued: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            next_case_number(date(2026, 3, 5), issued)  # type: ignore[arg-type]

    def test_a_datetime_is_not_an_acceptance_date(self) -> None:
        with pytest.raises(InvalidInputError, match=r"accepted must be a datetime\.date"):
            next_case_number(datetime(2026, 3, 5), [])

    @settings(max_examples=300)
    @given(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
        st.integers(min_value=1, max_value=30),
    )
    def test_numbers_issued_one_by_one_are_unique_and_increasing(
        self, accepted: date, count: int
    ) -> None:
        issued: list[CaseNumber] = []
        for _ in range(count):
            issued.append(next_case_number(accepted, issued).number)
        assert issued == sorted(set(issued))
        assert [n.serial for n in issued] == list(range(1, count + 1))
        assert {n.period for n in issued} == {(accepted.year, accepted.month)}

    @settings(max_examples=300)
    @given(
        # a register holds each serial of a month once (C-8), whatever width it was written in
        st.lists(case_numbers(max_width=2), max_size=20, unique_by=lambda n: (*n.period, n.serial)),
        st.randoms(),
    )
    def test_the_next_number_does_not_depend_on_the_order_of_the_register(
        self, issued: list[CaseNumber], random: object
    ) -> None:
        accepted = date(issued[0].year, issued[0].month, 1) if issued else date(2026, 3, 1)
        shuffled = list(issued)
        random.shuffle(shuffled)  # type: ignore[attr-defined]
        try:
            expected = next_case_number(accepted, issued).number
        except PolicyViolationError:
            with pytest.raises(PolicyViolationError):
                next_case_number(accepted, shuffled)
            return
        assert next_case_number(accepted, shuffled).number == expected
        assert all(expected > n for n in issued if n.period == expected.period)

    @settings(max_examples=300)
    @given(
        st.lists(case_numbers(max_width=2), max_size=20, unique=True),
        st.lists(case_numbers(max_width=2), max_size=10, unique=True),
    )
    def test_numbers_of_other_months_do_not_change_the_next_number(
        self, issued: list[CaseNumber], others: list[CaseNumber]
    ) -> None:
        accepted = date(issued[0].year, issued[0].month, 28) if issued else date(2026, 3, 28)
        other_months = [n for n in others if n.period != (accepted.year, accepted.month)]
        try:
            expected = next_case_number(accepted, issued).number
        except PolicyViolationError:
            return
        assert next_case_number(accepted, issued + other_months).number == expected


# -- C-9.3, C-9.6, C-9.10, C-10 deadlines --------------------------------------------------------


class TestClosingDeadline:
    @pytest.mark.parametrize(
        ("accepted", "customer", "policy", "due"),
        [
            (date(2026, 3, 5), "domestic", Policy(), date(2026, 3, 18)),
            (date(2026, 3, 5), "foreign", Policy(), date(2026, 3, 22)),
            (date(2026, 1, 25), "domestic", Policy(), date(2026, 2, 7)),  # month end
            (date(2026, 12, 20), "domestic", Policy(), date(2027, 1, 2)),  # year end, no roll
            (date(2024, 2, 20), "foreign", Policy(), date(2024, 3, 8)),  # leap February
            (date(2026, 9, 18), "domestic", Policy(), date(2026, 10, 1)),  # a holiday, no roll
            (date(2026, 9, 18), "domestic", ROLL, date(2026, 10, 8)),  # rolled past National Day
            (date(2026, 3, 5), "domestic", ROLL, date(2026, 3, 18)),  # a working day stays
            (date(2026, 9, 28), "domestic", WORKING, date(2026, 10, 21)),  # 13 working days
        ],
    )
    def test_the_case_closes_13_or_17_days_after_acceptance(
        self, accepted: date, customer: str, policy: Policy, due: date
    ) -> None:
        deadline = closing_deadline(accepted, customer, policy=policy)  # type: ignore[arg-type]
        assert deadline.due == due
        assert deadline.clauses == (C_10,)

    def test_closing_on_the_last_day_is_on_time(self) -> None:
        deadline = closing_deadline(date(2026, 3, 5), "domestic")
        assert deadline.is_on_time(date(2026, 3, 18))
        assert deadline.days_late(date(2026, 3, 19)) == 1

    def test_the_explanation_names_the_customer_and_the_roll(self) -> None:
        deadline = closing_deadline(date(2026, 9, 18), "domestic", policy=ROLL)
        assert deadline.explain("zh-Hant") == (
            "C-10 國內客戶投訴結案期限為2026年9月18日後13個日曆日，即2026年10月1日"
            "（當日仍屬準時）\n"
            "C-10 2026年10月1日為中國行事曆的休息日，期限順延至下一個工作日2026年10月8日"
            "（中國民法典第203條）"
        )

    def test_working_days_are_counted_late_in_working_days(self) -> None:
        deadline = closing_deadline(date(2026, 9, 28), "domestic", policy=WORKING)
        assert deadline.unit == "working"
        assert deadline.days_late(date(2026, 10, 26)) == 3  # Thu, Fri, Mon

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"customer": "overseas"}, "customer must be one of"),
            # checked as a str before the membership test, which would ask its truth value
            ({"customer": AMBIGUOUS}, r"customer must be one of .*got <Ambiguous> \[closing"),
            ({"customer": ["domestic"]}, r"customer must be one of .*got \['domestic'\]"),
            ({"policy": None}, "policy must be a Policy"),
            ({"calendar": "china"}, "calendar must be a WorkCalendar or None"),
            (
                {"accepted": "2026-03-05"},
                r"^accepted must be a datetime\.date, .*\[closing_deadline C-10\]$",
            ),
        ],
    )
    def test_bad_arguments_are_refused(self, kwargs: dict[str, object], message: str) -> None:
        args: dict[str, object] = {"accepted": date(2026, 3, 5), "customer": "domestic"}
        args.update(kwargs)
        with pytest.raises(InvalidInputError, match=message):
            closing_deadline(**args)  # type: ignore[arg-type]

    def test_a_complaint_case_refuses_a_customer_whose_truth_is_ambiguous(self) -> None:
        with pytest.raises(InvalidInputError, match=r"customer must be one of .*\[ComplaintCase"):
            case(date(2026, 3, 2), AMBIGUOUS)  # type: ignore[arg-type]

    @given(
        CALENDAR_DATES,
        st.integers(min_value=0, max_value=20),
        st.sampled_from(["domestic", "foreign"]),
        st.sampled_from([Policy(), ROLL, WORKING]),
    )
    def test_the_deadline_is_monotone_in_the_acceptance_date(
        self, accepted: date, gap: int, customer: str, policy: Policy
    ) -> None:
        a = closing_deadline(accepted, customer, policy=policy)  # type: ignore[arg-type]
        b = closing_deadline(accepted + timedelta(gap), customer, policy=policy)  # type: ignore[arg-type]
        assert a.due <= b.due
        assert a.due > accepted

    @given(CALENDAR_DATES, st.sampled_from(["domestic", "foreign"]))
    def test_the_roll_never_moves_the_deadline_earlier(self, accepted: date, customer: str) -> None:
        plain = closing_deadline(accepted, customer)  # type: ignore[arg-type]
        rolled = closing_deadline(accepted, customer, policy=ROLL)  # type: ignore[arg-type]
        assert plain.due <= rolled.due <= plain.due + timedelta(days=14)
        assert (plain.due - accepted).days == (13 if customer == "domestic" else 17)


class TestReportAndOpinionDeadlines:
    @pytest.mark.parametrize(
        ("function", "start", "policy", "due", "clause"),
        [
            (qa_report_deadline, date(2026, 3, 5), Policy(), date(2026, 3, 8), C_9_3),
            (qa_report_deadline, date(2026, 2, 26), Policy(), date(2026, 3, 1), C_9_3),
            (qa_report_deadline, date(2026, 2, 12), Policy(), date(2026, 2, 15), C_9_3),
            # Spring Festival 2026: Sunday 15 February rolls past the holiday to the 24th
            (qa_report_deadline, date(2026, 2, 12), ROLL, date(2026, 2, 24), C_9_3),
            (opinion_deadline, date(2026, 3, 5), Policy(), date(2026, 3, 6), C_9_6),
            (opinion_deadline, date(2026, 12, 31), Policy(), date(2027, 1, 1), C_9_6),
            (opinion_deadline, date(2026, 9, 30), ROLL, date(2026, 10, 8), C_9_6),
        ],
    )
    def test_the_report_takes_3_days_and_the_opinion_1(
        self, function: object, start: date, policy: Policy, due: date, clause: object
    ) -> None:
        deadline = function(start, policy=policy)  # type: ignore[operator]
        assert deadline.due == due
        assert deadline.clauses == (clause,)

    def test_the_explanations_name_what_is_due(self) -> None:
        assert qa_report_deadline(date(2026, 3, 5)).explain() == (
            "C-9.3 the QA report is due 3 calendar days after 2026-03-05, on 2026-03-08 "
            "(that day is still on time)"
        )
        assert opinion_deadline(date(2026, 3, 5)).explain("zh-Hant") == (
            "C-9.6 總經理室綜合意見期限為2026年3月5日後1個日曆日，即2026年3月6日（當日仍屬準時）"
        )

    def test_the_periods_come_from_the_policy(self) -> None:
        longer = Policy().updated({"complaints.qa_report_days": 5, "complaints.opinion_days": 2})
        assert qa_report_deadline(date(2026, 3, 5), policy=longer).due == date(2026, 3, 10)
        assert opinion_deadline(date(2026, 3, 5), policy=longer).due == date(2026, 3, 7)

    def test_bad_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            qa_report_deadline(date(2026, 3, 5), policy={})  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="calendar must be a WorkCalendar"):
            opinion_deadline(date(2026, 3, 5), calendar=1)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidInputError,
            match=r"^received must be a datetime\.date, .*\[opinion_deadline C-9\.6\]$",
        ):
            opinion_deadline(datetime(2026, 3, 5))

    @given(
        CALENDAR_DATES, st.integers(min_value=0, max_value=20), st.sampled_from([Policy(), ROLL])
    )
    def test_both_are_monotone_in_the_start_date(
        self, start: date, gap: int, policy: Policy
    ) -> None:
        later = start + timedelta(gap)
        for function in (qa_report_deadline, opinion_deadline):
            assert function(start, policy=policy).due <= function(later, policy=policy).due
            assert function(start).due <= function(start, policy=ROLL).due


class TestSummaryDeadline:
    @pytest.mark.parametrize(
        ("year", "month", "policy", "due"),
        [
            (2026, 2, Policy(), date(2026, 3, 10)),
            (2026, 12, Policy(), date(2027, 1, 10)),  # December's summary is due in January
            (
                2026,
                2,
                Policy().updated({"general.monthly_due_day_on_time": False}),
                date(2026, 3, 9),
            ),
        ],
    )
    def test_last_months_cases_are_summarised_by_the_10th(
        self, year: int, month: int, policy: Policy, due: date
    ) -> None:
        deadline = summary_deadline(year, month, policy=policy)
        assert deadline.due == due
        assert deadline.clauses == (C_9_10,)

    def test_the_10th_itself_is_on_time(self) -> None:
        deadline = summary_deadline(2026, 2)
        assert deadline.is_on_time(date(2026, 3, 10))
        assert deadline.days_late(date(2026, 3, 11)) == 1
        assert "the summary of the cases closed in 2026-02 is due before day 10 of 2026-03" in (
            deadline.explain()
        )
        assert "2026-02結案案件匯總應於2026年3月10日前完成" in deadline.explain("zh-Hant")

    @pytest.mark.parametrize(
        ("year", "month", "message"),
        [
            (2026, 13, "month must be an int from 1 to 12"),
            (2026, 0, "month must be an int from 1 to 12"),
            ("2026", 1, "year must be an int"),
            (9999, 12, "year must be an int from 1 to 9998"),
        ],
    )
    def test_a_bad_month_is_refused(self, year: object, month: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            summary_deadline(year, month)  # type: ignore[arg-type]


# -- C-14 case status ---------------------------------------------------------------------------


class TestCaseStatus:
    @pytest.mark.parametrize(
        ("customer", "closed", "on", "state", "late"),
        [
            ("domestic", None, date(2026, 3, 10), CaseState.OPEN_ON_TIME, 0),
            ("domestic", None, date(2026, 3, 18), CaseState.OPEN_ON_TIME, 0),  # the last day
            ("domestic", None, date(2026, 3, 19), CaseState.OPEN_OVERDUE, 1),
            ("foreign", None, date(2026, 3, 19), CaseState.OPEN_ON_TIME, 0),
            ("foreign", None, date(2026, 3, 25), CaseState.OPEN_OVERDUE, 3),
            ("domestic", date(2026, 3, 18), date(2026, 3, 31), CaseState.CLOSED_ON_TIME, 0),
            ("domestic", date(2026, 3, 19), date(2026, 3, 31), CaseState.CLOSED_LATE, 1),
            ("domestic", date(2026, 3, 5), date(2026, 3, 5), CaseState.CLOSED_ON_TIME, 0),
            # closed on the 25th, but on the 20th nobody knew that yet
            ("domestic", date(2026, 3, 25), date(2026, 3, 20), CaseState.OPEN_OVERDUE, 2),
            ("domestic", date(2026, 3, 25), date(2026, 3, 15), CaseState.OPEN_ON_TIME, 0),
        ],
    )
    def test_the_state_on_a_date(
        self, customer: str, closed: date | None, on: date, state: CaseState, late: int
    ) -> None:
        status = case_status(case(date(2026, 3, 5), customer, closed), on)
        assert (status.state, status.days_late) == (state, late)
        assert status.reminder_due == (state is CaseState.OPEN_OVERDUE)
        assert status.inquiry_proposed == (state is CaseState.CLOSED_LATE)
        assert status.inquiry_due == status.inquiry_proposed  # the old name, kept as an alias
        assert status.state.late == (late > 0)
        assert status.clauses == (C_10, C_14)

    def test_closing_on_a_holiday_deadline_is_late_without_the_roll_and_on_time_with_it(
        self,
    ) -> None:
        c = case(date(2026, 9, 18), closed=date(2026, 10, 8))
        assert case_status(c, date(2026, 10, 31)).state is CaseState.CLOSED_LATE
        assert case_status(c, date(2026, 10, 31)).days_late == 7
        assert case_status(c, date(2026, 10, 31), policy=ROLL).state is CaseState.CLOSED_ON_TIME

    def test_in_working_days_lateness_counts_working_days(self) -> None:
        c = case(date(2026, 9, 28), closed=date(2026, 10, 26))
        status = case_status(c, date(2026, 10, 31), policy=WORKING)
        assert (status.state, status.days_late) == (CaseState.CLOSED_LATE, 3)

    def test_counting_working_days_past_the_calendar_is_an_error_not_a_guess(self) -> None:
        c = case(date(2026, 12, 1))
        assert case_status(c, date(2027, 1, 5)).state is CaseState.OPEN_OVERDUE
        with pytest.raises(CalendarCoverageError, match="2027"):
            case_status(c, date(2027, 1, 5), policy=WORKING)

    @pytest.mark.parametrize(
        ("closed", "on", "en", "zh"),
        [
            (
                None,
                date(2026, 3, 10),
                "C-14 case 260301 is open and on time on 2026-03-10; no reminder is due",
                "C-14 案件260301於2026年3月10日處理中，未逾期，無須催辦",
            ),
            (
                None,
                date(2026, 3, 20),
                (
                    "C-14 case 260301 is open and overdue on 2026-03-20, 2 day(s) past its "
                    "deadline: a reminder (催辦單) is due"
                ),
                "C-14 案件260301於2026年3月20日處理中，已逾期，逾期2日：應開立催辦單",
            ),
            (
                date(2026, 3, 18),
                date(2026, 3, 20),
                "C-14 case 260301 was closed on time on 2026-03-18",
                "C-14 案件260301於2026年3月18日已如期結案",
            ),
            (
                date(2026, 3, 21),
                date(2026, 3, 31),
                (
                    "C-14 case 260301 was closed late on 2026-03-21, 3 day(s) past its "
                    "deadline: an inquiry (洽辦單) into the delay may be sent"
                ),
                "C-14 案件260301於2026年3月21日已逾期結案，逾期3日：得開立洽辦單追查逾期原因",
            ),
        ],
    )
    def test_the_explanation_says_which_document_is_due(
        self, closed: date | None, on: date, en: str, zh: str
    ) -> None:
        status = case_status(case(date(2026, 3, 5), closed=closed), on)
        assert status.explain().splitlines()[-1] == en
        assert status.explain("zh-Hant").splitlines()[-1] == zh

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 4, 2), "domestic"),
                (
                    r"^number must carry the year and month of the acceptance date 2026-04-02, "
                    r"got 260301 \[ComplaintCase C-8\]$"
                ),
            ),
            (
                lambda: case(date(2026, 3, 5), closed=date(2026, 3, 4)),
                "closed must not be before accepted",
            ),
            (lambda: case(date(2026, 3, 5), "abroad"), "customer must be one of"),
            (
                lambda: ComplaintCase("260301", date(2026, 3, 5), "domestic"),  # type: ignore[arg-type]
                "number must be a CaseNumber",
            ),
            (
                lambda: ComplaintCase(CaseNumber(2026, 3, 1), datetime(2026, 3, 5), "domestic"),
                "accepted must be a datetime.date",
            ),
            (
                lambda: case(date(2026, 3, 5), closed="2026-03-09"),  # type: ignore[arg-type]
                "closed must be a datetime.date",
            ),
            (lambda: case_status("260301", date(2026, 3, 9)), "case must be a ComplaintCase"),  # type: ignore[arg-type]
            (
                lambda: case_status(case(date(2026, 3, 5)), date(2026, 3, 4)),
                "on must not be before the case was accepted",
            ),
            (
                lambda: case_status(case(date(2026, 3, 5)), datetime(2026, 3, 9)),
                "on must be a datetime.date",
            ),
        ],
    )
    def test_bad_cases_and_dates_are_refused(self, make: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            make()  # type: ignore[operator]

    @given(
        st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 8, 31)),
        st.sampled_from(["domestic", "foreign"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=0, max_value=60),
        st.sampled_from([Policy(), ROLL, WORKING]),
    )
    def test_a_late_case_never_becomes_on_time_as_the_date_advances(
        self,
        accepted: date,
        customer: str,
        closed_after: int | None,
        first: int,
        step: int,
        policy: Policy,
    ) -> None:
        closed = accepted + timedelta(closed_after) if closed_after is not None else None
        c = case(accepted, customer, closed)
        earlier = case_status(c, accepted + timedelta(first), policy=policy)
        later = case_status(c, accepted + timedelta(first + step), policy=policy)
        if earlier.state.late:
            assert later.state.late
            assert later.days_late >= earlier.days_late or later.state is CaseState.CLOSED_LATE
        if earlier.state in (CaseState.CLOSED_ON_TIME, CaseState.CLOSED_LATE):
            assert later.state is earlier.state


class TestReviewAndMonthlySummary:
    CASES = (
        case(date(2026, 2, 20), closed=date(2026, 3, 5), serial=9),  # closed on time
        case(date(2026, 3, 2), closed=date(2026, 3, 16), serial=1),  # closed late (due 3-15)
        case(date(2026, 3, 9), "foreign", serial=2),  # open; due 3-26
        case(date(2026, 3, 10), serial=3),  # open; due 3-23
        case(date(2026, 3, 10), closed=date(2026, 4, 2), serial=4),  # closed late, in April
        case(date(2026, 4, 1), serial=1),  # not accepted yet on 3-31
    )

    def test_the_review_lists_reminders_and_inquiries_in_number_order(self) -> None:
        review = review_cases(reversed(self.CASES), date(2026, 3, 31))
        assert [str(s.case.number) for s in review.statuses] == [
            "260209", "260301", "260302", "260303", "260304",
        ]  # fmt: skip
        assert [str(n) for n in review.reminders] == ["260302", "260303", "260304"]
        assert [str(n) for n in review.inquiries] == ["260301"]
        assert review.count(CaseState.CLOSED_ON_TIME) == 1
        assert review.clauses == (C_14,)

    def test_a_state_is_counted_by_its_member_or_its_value(self) -> None:
        review = review_cases(self.CASES, date(2026, 3, 31))
        for state in CaseState:
            assert review.count(state.value) == review.count(state)
        assert review.count("open_overdue") == 3

    @pytest.mark.parametrize("state", ["overdue", None, [], AMBIGUOUS, True])
    def test_counting_a_state_that_is_none_of_the_states_is_refused(self, state: object) -> None:
        # refused, as CaseState(state) is: before the fix "overdue" counted 0 and [] leaked
        review = review_cases(self.CASES, date(2026, 3, 31))
        with pytest.raises(InvalidInputError, match=r"^CaseState must be one of \['open_on_time'"):
            review.count(state)  # type: ignore[arg-type]

    def test_the_review_head_counts_each_state(self) -> None:
        review = review_cases(self.CASES, date(2026, 3, 31))
        assert review.explain().splitlines()[0] == (
            "C-14 5 case(s) on 2026-03-31: 0 open on time, 3 open overdue (reminders: 260302, "
            "260303, 260304), 1 closed on time, 1 closed late (inquiries: 260301)"
        )
        assert review.explain("zh-Hant").splitlines()[0] == (
            "C-14 2026年3月31日共5件：處理中未逾期0件，"
            "處理中已逾期3件（催辦單：260302、260303、260304），如期結案1件，逾期結案1件（洽辦單：260301）"
        )
        assert len(review.reasons) == 6
        empty = review_cases([], date(2026, 3, 31))
        assert "(reminders: -)" in empty.explain()

    def test_the_summary_takes_the_cases_closed_in_the_month(self) -> None:
        summary = monthly_summary(self.CASES, 2026, 3)
        assert [str(n) for n in summary.on_time] == ["260209"]
        assert [str(n) for n in summary.late] == ["260301"]
        assert summary.deadline.due == date(2026, 4, 10)
        assert summary.clauses == (C_9_10, C_14)
        april = monthly_summary(self.CASES, 2026, 4)
        assert [str(n) for n in april.late] == ["260304"]
        assert april.deadline.due == date(2026, 5, 10)

    def test_the_summary_of_december_is_due_in_january(self) -> None:
        cases = [
            case(date(2026, 12, 18), closed=date(2026, 12, 31)),  # the last day: on time
            case(date(2026, 12, 18), closed=date(2027, 1, 1), serial=2),
        ]
        december = monthly_summary(cases, 2026, 12)
        assert [str(n) for n in december.on_time] == ["261201"]
        assert december.deadline.due == date(2027, 1, 10)
        january = monthly_summary(cases, 2027, 1)
        assert [str(n) for n in january.late] == ["261202"]
        assert "2027-01結案1件：如期0件，逾期1件（洽辦單：261202）" in january.explain("zh-Hant")

    def test_an_empty_month_is_summarised_as_empty(self) -> None:
        summary = monthly_summary(self.CASES, 2026, 1)
        assert summary.closed == ()
        assert "0 case(s) closed in 2026-01: 0 on time, 0 late (inquiries: -)" in (
            summary.explain()
        )

    @pytest.mark.parametrize(
        ("cases", "message"),
        [
            ([case(date(2026, 3, 2)), case(date(2026, 3, 3))], "cases holds case 260301 twice"),
            (["260301"], "cases must hold ComplaintCase values"),
            (case(date(2026, 3, 2)), "cases must be an iterable"),
        ],
    )
    def test_a_bad_batch_is_refused(self, cases: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            review_cases(cases, date(2026, 3, 31))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match=message):
            monthly_summary(cases, 2026, 3)  # type: ignore[arg-type]

    @given(
        st.lists(
            st.tuples(
                st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 31)),
                st.sampled_from(["domestic", "foreign"]),
                st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
            ),
            max_size=8,
        ),
        st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 5, 31)),
    )
    @settings(max_examples=300)
    def test_the_batch_agrees_with_each_case_and_feeds_the_summary(
        self, rows: list[tuple[date, str, int | None]], on: date
    ) -> None:
        cases = [
            case(d, customer, d + timedelta(n) if n is not None else None, serial=i + 1)
            for i, (d, customer, n) in enumerate(rows)
        ]
        review = review_cases(cases, on)
        assert review.statuses == tuple(
            case_status(c, on) for c in sorted(cases, key=lambda c: c.number) if c.accepted <= on
        )
        assert set(review.reminders).isdisjoint(review.inquiries)
        summary = monthly_summary(cases, on.year, on.month)
        closed_in_month = [
            c
            for c in cases
            if c.closed is not None and c.closed.replace(day=1) == on.replace(day=1)
        ]
        assert set(summary.on_time) | set(summary.late) == {c.number for c in closed_in_month}
        assert set(summary.late) == {
            c.number for c in closed_in_month if case_status(c, on + timedelta(40)).inquiry_proposed
        }


# -- C-11 and C-9.11 approval authority ---------------------------------------------------------


def band(
    role: Approver, lower: str, lower_inclusive: bool, upper: str | None, upper_inclusive: bool
) -> ApprovalBand:
    return ApprovalBand(
        role=role,
        lower=cny(lower),
        lower_inclusive=lower_inclusive,
        upper=cny(upper) if upper is not None else None,
        upper_inclusive=upper_inclusive,
    )


SM, VGM, GM = Approver.SALES_MANAGER, Approver.VICE_GM, Approver.GM


WORKING_STEPS = Policy().updated(
    {"complaints.close_in_calendar_days": False, "complaints.step_limit_days": {"qa": 3}}
)
ROLL_STEPS = Policy().updated(
    {"general.roll_to_working_day": True, "complaints.step_limit_days": {"qa": 3}}
)


class TestProvisionalYears:
    """Issue 14: a deadline, a state or a count of days late that reads a day of a provisional
    year says so, in one sentence in both languages; nothing else changes."""

    @pytest.mark.parametrize(
        ("calendar", "due", "provisional"),
        [
            # 13 working days from Monday 25 Jan: the forecast has 5 and 8 Feb off
            (FORECAST, date(2027, 2, 15), True),
            # the notice a user added has 5 to 12 Feb off
            (CONFIRMED, date(2027, 2, 19), False),
        ],
    )
    def test_a_2027_closing_deadline_with_a_provisional_or_a_user_added_year(
        self, calendar: WorkCalendar, due: date, provisional: bool
    ) -> None:
        d = closing_deadline(date(2027, 1, 25), "domestic", policy=WORKING, calendar=calendar)
        assert (d.due, d.provisional) == (due, provisional)
        assert bool(notes(d.reasons)) is provisional

    def test_a_2027_closing_deadline_without_the_opt_in_is_a_coverage_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            closing_deadline(date(2027, 1, 25), "domestic", policy=WORKING)

    def test_days_late_counted_into_2027_make_a_published_deadline_provisional(self) -> None:
        c = ComplaintCase(CaseNumber(2026, 12, 1), date(2026, 12, 1), "domestic")
        status = case_status(c, date(2027, 1, 5), policy=WORKING, calendar=FORECAST)
        assert (status.deadline.due, status.deadline.provisional) == (date(2026, 12, 18), False)
        assert (status.state, status.days_late, status.provisional) == (
            CaseState.OPEN_OVERDUE, 11, True
        )  # fmt: skip
        assert status.explain().splitlines()[-1] == f"C-10 {NOTE_EN}"
        assert status.explain("zh-Hant").splitlines()[-1] == f"C-10 {NOTE_ZH}"

    def test_a_case_with_a_provisional_step_says_so_once(self) -> None:
        # the case's own 13 calendar days end on Monday 14 Dec; the step's 3 days end on
        # Friday 1 Jan 2027, which rolls to Monday 4 Jan
        c = ComplaintCase(
            CaseNumber(2026, 12, 1), date(2026, 12, 1), "domestic",
            steps=[CaseStep("qa", date(2026, 12, 29))],
        )  # fmt: skip
        status = case_status(c, date(2026, 12, 31), policy=ROLL_STEPS, calendar=FORECAST)
        assert (status.state, status.deadline.provisional) == (CaseState.OPEN_OVERDUE, False)
        step = status.steps[0]
        assert (step.state, step.deadline.due, step.provisional) == (
            StepState.ON_TIME, date(2027, 1, 4), True
        )  # fmt: skip
        assert step.explain().splitlines()[-1] == f"C-10.2 {NOTE_EN}"
        assert status.provisional
        assert len(notes(status.reasons)) == 1
        assert status.explain("zh-Hant").splitlines()[-1] == f"C-10 {NOTE_ZH}"

    def test_a_review_and_a_summary_say_so_when_one_case_does(self) -> None:
        cases = [
            ComplaintCase(CaseNumber(2026, 11, 1), date(2026, 11, 2), "domestic",
                          date(2026, 11, 30)),
            ComplaintCase(CaseNumber(2026, 12, 1), date(2026, 12, 20), "domestic",
                          date(2026, 12, 31)),
        ]  # fmt: skip
        review = review_cases(cases, date(2027, 1, 4), policy=WORKING, calendar=FORECAST)
        assert [s.provisional for s in review.statuses] == [False, True]
        assert review.provisional
        assert review.explain().splitlines()[-1] == f"C-14 {NOTE_EN}"
        assert review.explain("zh-Hant").splitlines()[-1] == f"C-14 {NOTE_ZH}"
        december = monthly_summary(cases, 2026, 12, policy=WORKING, calendar=FORECAST)
        assert december.provisional
        assert december.explain().splitlines()[-1] == f"C-14 {NOTE_EN}"
        same = monthly_summary(cases, 2026, 12, policy=WORKING, calendar=SAME)
        assert not same.provisional
        assert same.reasons == without_notes(december.reasons)
        november = monthly_summary(cases, 2026, 11, policy=WORKING, calendar=FORECAST)
        published = monthly_summary(cases, 2026, 11, policy=WORKING)
        assert not november.provisional
        assert november.explain("zh-Hant") == published.explain("zh-Hant")
        early = review_cases(cases[:1], date(2026, 11, 30), policy=WORKING, calendar=FORECAST)
        assert not early.provisional
        assert not notes(early.reasons)

    @given(
        st.dates(date(2026, 11, 15), date(2027, 1, 31)),
        st.integers(0, 40),
        st.one_of(st.none(), st.integers(0, 40)),
        st.integers(0, 40),
        st.one_of(st.none(), st.integers(0, 10)),
        st.sampled_from([ROLL_STEPS, WORKING_STEPS]),
    )
    def test_provisional_exactly_when_the_status_reads_a_day_of_2027(
        self,
        accepted: date,
        on_after: int,
        closed_after: int | None,
        step_after: int,
        step_took: int | None,
        policy: Policy,
    ) -> None:
        started = accepted + timedelta(days=step_after)
        c = ComplaintCase(
            CaseNumber(accepted.year, accepted.month, 1),
            accepted,
            "foreign",
            None if closed_after is None else accepted + timedelta(days=closed_after),
            [
                CaseStep(
                    "qa", started, None if step_took is None else started + timedelta(step_took)
                )
            ],
        )
        on = accepted + timedelta(days=on_after)
        forecast = case_status(c, on, policy=policy, calendar=FORECAST)
        same = case_status(c, on, policy=policy, calendar=SAME)

        def answer(s: CaseStatus) -> object:
            steps = [(x.state, x.days_late, x.deadline.due) for x in s.steps]
            return s.state, s.days_late, s.deadline.due, steps

        assert answer(same) == answer(forecast)
        assert not same.provisional
        assert same.reasons == without_notes(forecast.reasons)
        assert len(notes(forecast.reasons)) == forecast.provisional
        try:
            published = case_status(c, on, policy=policy, calendar=PUBLISHED)
        except CalendarCoverageError:
            assert forecast.provisional
        else:
            assert not forecast.provisional
            assert published.explain() == forecast.explain()


class TestApprovalTable:
    @pytest.mark.parametrize(
        ("amount", "role"),
        [
            ("0", SM),
            ("4999.99", SM),
            ("5000.00", SM),  # a limit is the largest amount its role approves
            ("5000.01", VGM),
            ("50000.00", VGM),
            ("50000.01", GM),
            ("99999999.99", GM),
        ],
    )
    def test_the_approver_at_and_around_the_bounds(self, amount: str, role: Approver) -> None:
        approval = approver_for(cny(amount), policy=COMPANY)
        assert approval.role is role
        assert approval.clauses == (C_11,)

    def test_the_explanation_names_the_band(self) -> None:
        approval = approver_for(cny("5000.01"), policy=COMPANY)
        assert approval.explain() == (
            "C-11 CNY 5,000.01 falls in band 2, vice general manager (CNY 5,000.00, "
            "CNY 50,000.00]: the vice general manager approves it"
        )
        assert approval.explain("zh-Hant") == (
            "C-11 CN¥5,000.01屬第2級副總經理（超過CN¥5,000.00至CN¥50,000.00）：由副總經理核決"
        )
        table = ApprovalTable.from_policy(COMPANY)
        assert table.explain().splitlines()[-1] == "C-11 band 3: general manager (CNY 50,000.00, ∞)"
        assert table.explain("zh-Hant").splitlines()[0] == (
            "C-11 第1級：業務部經理（CN¥0.00至CN¥5,000.00）"
        )

    def test_unset_limits_are_named(self) -> None:
        with pytest.raises(
            ParameterNotSetError,
            match=r"complaints\.sales_manager_limit and complaints\.vice_gm_limit not set",
        ) as info:
            approver_for(cny("1"))
        assert info.value.parameter == "complaints.sales_manager_limit"
        only_manager = Policy().updated({"complaints.sales_manager_limit": cny("5000")})
        with pytest.raises(ParameterNotSetError, match=r"\(s\) complaints.vice_gm_limit not set"):
            ApprovalTable.from_policy(only_manager)

    def test_equal_limits_leave_the_vice_gm_without_a_band(self) -> None:
        same = COMPANY.updated({"complaints.vice_gm_limit": cny("5000")})
        table = ApprovalTable.from_policy(same)
        assert [b.role for b in table.bands] == [SM, GM]
        assert table.approver_for(cny("5000")).role is SM
        assert table.approver_for(cny("5000.01")).role is GM
        assert table.may_answer(VGM, cny("5000.01")).allowed is False
        assert table.may_answer(VGM, cny("5000")).allowed is True

    def test_a_zero_sales_manager_limit_is_a_one_amount_band(self) -> None:
        table = ApprovalTable.from_policy(
            COMPANY.updated({"complaints.sales_manager_limit": cny("0")})
        )
        assert table.bands[0].label() == "sales manager [CNY 0.00, CNY 0.00]"
        assert table.approver_for(cny("0")).role is SM
        assert table.approver_for(cny("0.01")).role is VGM

    def test_an_explicit_table_with_exclusive_upper_bounds(self) -> None:
        table = ApprovalTable(
            [band(SM, "0", True, "10000", False), band(GM, "10000", True, None, False)]
        )
        assert table.approver_for(cny("9999.99")).role is SM
        assert table.approver_for(cny("10000")).role is GM
        assert approver_for(cny("10000"), table=table).band_number == 2

    @pytest.mark.parametrize(
        ("bands", "message"),
        [
            (
                [band(SM, "0", True, "5000", False), band(GM, "5000", False, None, False)],
                (
                    r"band 2 \(general manager \(CNY 5,000.00, ∞\)\) leaves a gap: "
                    "CNY 5,000.00 is in neither band 1 nor band 2"
                ),
            ),
            (
                [band(SM, "0", True, "5000", True), band(GM, "6000", False, None, False)],
                (
                    r"band 2 .* leaves a gap: CNY 5,000.00 is in neither band 1 nor band 2 "
                    r"\(nor is anything up to CNY 6,000.00\)"
                ),
            ),
            (
                [band(SM, "0", True, "5000", True), band(GM, "5000", True, None, False)],
                r"band 2 \(general manager \[CNY 5,000.00, ∞\)\) overlaps band 1",
            ),
            (
                [band(SM, "0", True, "5000", True), band(GM, "4000", True, None, False)],
                "band 2 .* overlaps band 1",
            ),
            (
                [band(SM, "1", True, "5000", True), band(GM, "5000", False, None, False)],
                r"band 1 \(sales manager \[CNY 1.00, CNY 5,000.00\]\) must start at zero",
            ),
            (
                [band(SM, "0", False, "5000", True), band(GM, "5000", False, None, False)],
                "band 1 .* must start at zero, included",
            ),
            (
                [band(SM, "0", True, "5000", True), band(GM, "5000", False, "9000", True)],
                "band 2 .* must have no upper bound",
            ),
            (
                [band(SM, "0", True, None, False), band(GM, "5000", False, None, False)],
                "band 1 .* has no upper bound, so it must be the last",
            ),
            (
                [
                    band(SM, "0", True, "5000", True),
                    band(VGM, "5000", False, "50000", True),
                    band(GM, "0", True, None, False),
                ],
                "band 3 .* must come after band 2 .*: bands ascend",
            ),
            (
                [band(VGM, "0", True, "5000", True), band(SM, "5000", False, None, False)],
                r"band 2 \(sales manager .* must name a role of more authority than band 1",
            ),
            (
                [band(SM, "0", True, "5000", True), band(SM, "5000", False, None, False)],
                "band 2 .* must name a role of more authority",
            ),
            ([], "bands must be a non-empty tuple of ApprovalBand values"),
            ([band(GM, "0", True, None, False), "x"], "band 2 must be an ApprovalBand"),
        ],
    )
    def test_a_bad_table_is_refused_naming_the_band(
        self, bands: list[object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            ApprovalTable(bands)

    def test_a_table_in_two_currencies_is_refused(self) -> None:
        usd = ApprovalBand(
            role=GM,
            lower=Money("5000", USD),
            lower_inclusive=False,
            upper=None,
            upper_inclusive=False,
        )
        with pytest.raises(
            CurrencyMismatchError, match=r"band 2 .* is in USD, but band 1 is in CNY"
        ):
            ApprovalTable((band(SM, "0", True, "5000", True), usd))

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"role": "GM"}, InvalidInputError, "role must be an Approver"),
            ({"lower": cny("-1")}, InvalidInputError, "lower must be a non-negative Money"),
            ({"upper": 5}, InvalidInputError, "upper must be a Money or None"),
            ({"lower_inclusive": 1}, InvalidInputError, "lower_inclusive must be True or False"),
            ({"upper": None, "upper_inclusive": True}, InvalidInputError, "must be False"),
            (
                {"upper": cny("0.5")},
                InvalidInputError,
                r"band vice general manager \[CNY 1.00, CNY 0.50\] holds no amount",
            ),
            ({"upper_inclusive": False, "upper": cny("1")}, InvalidInputError, "holds no amount"),
            ({"upper": Money("9", USD)}, CurrencyMismatchError, "must share one currency"),
        ],
    )
    def test_a_bad_band_is_refused(
        self, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        args: dict[str, object] = {
            "role": VGM,
            "lower": cny("1"),
            "lower_inclusive": True,
            "upper": cny("9"),
            "upper_inclusive": True,
        }
        args.update(kwargs)
        with pytest.raises(error, match=message):
            ApprovalBand(**args)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("amount", "error", "message"),
        [
            (None, InvalidInputError, r"^amount must be a Money, got None "),
            (Decimal("5"), InvalidInputError, r"^amount must be a Money, got Decimal\('5'\) "),
            (Money("5", USD), CurrencyMismatchError, r"^amount must be in the band's currency CNY"),
        ],
    )
    def test_a_band_names_a_bad_amount_and_its_rule(
        self, amount: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message + r".*\[ApprovalBand.contains C-11\]$"):
            band(SM, "1", True, "9", True).contains(amount)  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["fr", "eng", None, AMBIGUOUS])
    def test_a_band_label_refuses_a_language_it_does_not_know(self, lang: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^lang must be one of .*\[ApprovalBand.label\]$"
        ):
            band(SM, "1", True, "9", True).label(lang)  # type: ignore[arg-type]

    def test_a_band_of_one_amount_is_allowed_when_both_ends_are_included(self) -> None:
        assert band(SM, "1", True, "1", True).contains(cny("1"))

    @pytest.mark.parametrize(
        ("amount", "error", "message"),
        [
            (cny("-0.01"), InvalidInputError, "amount must be a non-negative Money"),
            (Decimal("10"), InvalidInputError, "amount must be a non-negative Money"),
            (Money("10", USD), CurrencyMismatchError, "amount must be in the table's currency CNY"),
        ],
    )
    def test_a_bad_amount_is_refused(
        self, amount: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            approver_for(amount, policy=COMPANY)  # type: ignore[arg-type]
        with pytest.raises(error, match=message):
            may_answer(SM, amount, policy=COMPANY)  # type: ignore[arg-type]

    def test_bad_table_and_policy_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="table must be an ApprovalTable or None"):
            approver_for(cny("1"), table={})  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            approver_for(cny("1"), policy=None)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="role must be an Approver"):
            may_answer("GM", cny("1"), policy=COMPANY)  # type: ignore[arg-type]

    @settings(max_examples=300)
    @given(approval_tables(), st.integers(min_value=0, max_value=2 * 10**8))
    def test_every_amount_has_exactly_one_approver(self, table: ApprovalTable, minor: int) -> None:
        amount = Money.from_minor(minor, CNY)
        containing = [b for b in table.bands if b.contains(amount)]
        assert len(containing) == 1
        assert table.approver_for(amount).role is containing[0].role

    @settings(max_examples=300)
    @given(
        approval_tables(),
        st.integers(min_value=0, max_value=2 * 10**8),
        st.integers(min_value=0, max_value=2 * 10**8),
    )
    def test_the_approver_is_monotone_in_the_amount(
        self, table: ApprovalTable, a: int, b: int
    ) -> None:
        low, high = sorted((a, b))
        lower = table.approver_for(Money.from_minor(low, CNY)).role
        higher = table.approver_for(Money.from_minor(high, CNY)).role
        assert lower.value <= higher.value

    @settings(max_examples=300)
    @given(
        approval_tables(),
        st.sampled_from(list(Approver)),
        st.integers(min_value=0, max_value=2 * 10**8),
        st.integers(min_value=0, max_value=2 * 10**8),
    )
    def test_a_role_that_may_answer_an_amount_may_answer_every_smaller_one(
        self, table: ApprovalTable, role: Approver, a: int, b: int
    ) -> None:
        small, large = sorted((a, b))
        if table.may_answer(role, Money.from_minor(large, CNY)).allowed:
            assert table.may_answer(role, Money.from_minor(small, CNY)).allowed
        assert table.may_answer(Approver.GM, Money.from_minor(large, CNY)).allowed

    @given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7),
           st.integers(min_value=0, max_value=2 * 10**7))  # fmt: skip
    @settings(max_examples=300)
    def test_the_policy_table_gives_each_limit_to_its_role(
        self, a: int, b: int, amount_minor: int
    ) -> None:
        manager, vice = sorted((a, b))
        policy = Policy().updated(
            {
                "complaints.sales_manager_limit": Money.from_minor(manager, CNY),
                "complaints.vice_gm_limit": Money.from_minor(vice, CNY),
            }
        )
        role = approver_for(Money.from_minor(amount_minor, CNY), policy=policy).role
        expected = (
            Approver.SALES_MANAGER
            if amount_minor <= manager
            else Approver.VICE_GM
            if amount_minor <= vice
            else Approver.GM
        )
        assert role is expected


class TestMayAnswer:
    @pytest.mark.parametrize(
        ("role", "amount", "allowed"),
        [
            (SM, "5000", True),
            (SM, "5000.01", False),
            (VGM, "5000.01", True),
            (VGM, "50000.01", False),
            (GM, "50000.01", True),
            (GM, "0", True),
        ],
    )
    def test_nobody_answers_beyond_their_authority(
        self, role: Approver, amount: str, allowed: bool
    ) -> None:
        check = may_answer(role, cny(amount), policy=COMPANY)
        assert check.allowed is allowed
        assert check.clauses == (C_11, C_9_11)

    def test_the_explanation_says_who_must_approve(self) -> None:
        refused = may_answer(SM, cny("8000"), policy=COMPANY)
        assert refused.explain("zh-Hant").splitlines()[-1] == (
            "C-9.11 業務部經理不得就CN¥8,000.00答覆客戶：超越其核決權限，須由副總經理核決"
        )
        allowed = may_answer(VGM, cny("8000"), policy=COMPANY)
        assert allowed.explain().splitlines()[-1] == (
            "C-9.11 the vice general manager may answer the customer on CNY 8,000.00: it is "
            "within their authority"
        )
        assert repr(refused.role) == "Approver.SALES_MANAGER"


# -- C-9.1 the complaint form -------------------------------------------------------------------

FULL_FORM = ComplaintForm(
    customer="Acme",
    order_number="SO-2603-17",
    part_number="PCB-200",
    delivered=date(2026, 3, 2),
    quantity=500,
    defective=Decimal("12"),
    request=Request.ALLOWANCE,
)


class TestComplaintForm:
    def test_a_full_form_is_complete(self) -> None:
        check = check_complaint_form(FULL_FORM)
        assert check.complete
        assert check.missing == ()
        assert check.clauses == (C_9_1,)
        assert check.explain() == (
            "C-9.1 the complaint form of Acme (part number PCB-200) has every item of C-9.1"
        )
        assert check.explain("zh-Hant") == (
            "C-9.1 Acme的客戶抱怨處理表（料號PCB-200）已填齊C-9.1規定的各項"
        )

    @pytest.mark.parametrize(
        ("blank", "missing"),
        [
            (("order_number",), (FormItem.ORDER_NUMBER,)),
            (("part_number",), (FormItem.PART_NUMBER,)),
            (("delivered",), (FormItem.DELIVERY_DATE,)),
            (("quantity",), (FormItem.QUANTITY,)),
            (("defective",), (FormItem.DEFECTIVE_QUANTITY,)),
            (("request",), (FormItem.REQUEST,)),
            (
                ("order_number", "quantity", "request"),
                (FormItem.ORDER_NUMBER, FormItem.QUANTITY, FormItem.REQUEST),
            ),
            (
                ("order_number", "part_number", "delivered", "quantity", "defective", "request"),
                tuple(i for i in FormItem if i is not FormItem.REQUESTED_QUANTITY),
            ),
        ],
    )
    def test_the_check_names_every_missing_item(
        self, blank: tuple[str, ...], missing: tuple[FormItem, ...]
    ) -> None:
        form = attrs.evolve(FULL_FORM, **dict.fromkeys(blank))
        check = check_complaint_form(form)
        assert check.missing == missing
        assert not check.complete
        for item in missing:
            assert item.label() in check.explain()
            assert item.label("zh-Hant") in check.explain("zh-Hant")

    def test_a_blank_text_is_a_missing_item(self) -> None:
        form = attrs.evolve(FULL_FORM, order_number="  ")
        assert form.order_number is None
        assert check_complaint_form(form).missing == (FormItem.ORDER_NUMBER,)

    @pytest.mark.parametrize(
        ("asked", "quantity", "missing"),
        [
            (Request.RETURN, None, (FormItem.REQUESTED_QUANTITY,)),
            (Request.EXCHANGE, None, (FormItem.REQUESTED_QUANTITY,)),
            (Request.RETURN, 120, ()),
            (Request.EXCHANGE, Decimal("3.5"), ()),
            (Request.RETURN, STILL_PROCESSING, ()),  # 客戶加工中未確定 is not missing
            (Request.EXCHANGE, STILL_PROCESSING, ()),
            (Request.ALLOWANCE, None, ()),  # no quantity to return or exchange
            (Request.COMPENSATION, None, ()),
        ],
    )
    def test_a_return_or_exchange_needs_its_quantity_or_the_note(
        self, asked: Request, quantity: object, missing: tuple[FormItem, ...]
    ) -> None:
        form = attrs.evolve(FULL_FORM, request=asked, requested_quantity=junk(quantity))
        check = check_complaint_form(form)
        assert check.missing == missing
        assert check.still_processing == (quantity is STILL_PROCESSING)

    def test_the_note_still_processing_is_explained(self) -> None:
        form = attrs.evolve(FULL_FORM, request=Request.RETURN, requested_quantity=STILL_PROCESSING)
        check = check_complaint_form(form)
        assert check.explain().splitlines()[1] == (
            "C-9.1 the quantity to return or exchange is noted 客戶加工中未確定 (not yet "
            "determined: the customer is still processing): not a missing item"
        )
        assert check.explain("zh-Hant").splitlines()[1] == (
            "C-9.1 退（換）貨數量已註明「客戶加工中未確定」，不屬缺漏"
        )

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"customer": " "}, "customer must be a non-empty str"),
            ({"customer": 7}, "customer must be a non-empty str"),
            ({"order_number": 7}, "order_number must be a str or None"),
            ({"delivered": "2026-03-02"}, "delivered must be a datetime.date"),
            ({"quantity": 1.5}, "quantity must be an int .* floats are inexact"),
            (
                {"quantity": -1},
                r"quantity must be an int \(whole pieces\) or a Decimal of at least 0",
            ),
            (
                {"defective": Decimal("NaN")},
                r"defective must be an int \(whole pieces\) or a Decimal of at least 0",
            ),
            ({"quantity": 10, "defective": 11}, "defective must not exceed quantity, got 11 > 10"),
            ({"request": "return"}, "request must be a Request"),
            ({"requested_quantity": "still processing"}, "requested_quantity must be an int"),
            ({"upheld": "no"}, "upheld must be True, False or None"),
        ],
    )
    def test_bad_values_are_refused(self, changes: dict[str, object], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            attrs.evolve(FULL_FORM, **junk(changes))
        with pytest.raises(InvalidInputError, match=r"form must be a ComplaintForm.*C-9.1"):
            check_complaint_form("form")  # type: ignore[arg-type]

    @given(
        st.sets(
            st.sampled_from(
                ("order_number", "part_number", "delivered", "quantity", "defective", "request")
            )
        )
    )
    def test_the_missing_items_are_exactly_the_blank_ones(self, blank: set[str]) -> None:
        form = attrs.evolve(FULL_FORM, **dict.fromkeys(blank))
        assert {item.value for item in check_complaint_form(form).missing} == blank


# -- C-9.11 passing the ruling on to the customer -----------------------------------------------

RULING = Ruling(handling=Handling.ALLOWANCE, amount=cny("8000"), approved_by=Approver.VICE_GM)


def answer(
    handling: Handling = Handling.ALLOWANCE,
    amount: str = "8000",
    channel: AnswerChannel = AnswerChannel.LETTER,
) -> CustomerAnswer:
    return CustomerAnswer(handling=handling, amount=cny(amount), channel=channel)


class TestCheckAnswer:
    @pytest.mark.parametrize(
        ("given_answer", "ruling", "problems"),
        [
            (answer(), RULING, ()),
            (answer(channel=AnswerChannel.PHONE), RULING, ()),
            (answer(amount="7000"), RULING, ()),  # less than approved is not beyond it
            (answer(channel=AnswerChannel.FORM_COPY), RULING, (AnswerProblem.FORM_COPY,)),
            (answer(amount="8000.01"), RULING, (AnswerProblem.ABOVE_APPROVED,)),
            (answer(handling=Handling.RETURN), RULING, (AnswerProblem.OTHER_HANDLING,)),
            (
                answer(),
                attrs.evolve(RULING, approved_by=Approver.SALES_MANAGER),
                (AnswerProblem.BEYOND_AUTHORITY,),
            ),
            (answer(), attrs.evolve(RULING, approved_by=Approver.GM), ()),  # more than enough
            (
                answer(Handling.COMPENSATION, "9000", AnswerChannel.FORM_COPY),
                attrs.evolve(RULING, approved_by=Approver.SALES_MANAGER),
                (
                    AnswerProblem.FORM_COPY,
                    AnswerProblem.BEYOND_AUTHORITY,
                    AnswerProblem.OTHER_HANDLING,
                    AnswerProblem.ABOVE_APPROVED,
                ),
            ),
        ],
    )
    def test_only_the_approved_decision_goes_to_the_customer_by_letter_or_phone(
        self, given_answer: CustomerAnswer, ruling: Ruling, problems: tuple[AnswerProblem, ...]
    ) -> None:
        check = check_answer(given_answer, ruling, policy=COMPANY)
        assert check.problems == problems
        assert check.allowed == (not problems)
        assert check.approval.role is Approver.VICE_GM
        assert check.clauses == (C_11, C_9_11)

    def test_the_old_check_passed_a_copy_of_the_form_and_a_different_handling(self) -> None:
        # may_answer looks at the amount only; check_answer reads all of C-9.11
        assert may_answer(Approver.VICE_GM, cny("8000"), policy=COMPANY).allowed
        bad = answer(handling=Handling.RETURN, channel=AnswerChannel.FORM_COPY)
        assert not check_answer(bad, RULING, policy=COMPANY).allowed

    def test_the_explanation_names_each_problem(self) -> None:
        check = check_answer(answer(channel=AnswerChannel.FORM_COPY), RULING, policy=COMPANY)
        assert check.explain().splitlines()[1:] == [
            (
                "C-9.11 the complaint form is never copied to the customer: pass the ruling on "
                "by letter or by phone"
            ),
            "C-9.11 sales must not give this answer: it goes beyond the approved decision",
        ]
        assert check.explain("zh-Hant").splitlines()[1:] == [
            "C-9.11 不得將客戶抱怨處理表影印送客戶，批示事項應以書信或電話轉答客戶",
            "C-9.11 業務部門不得如此答覆客戶：超越批示事項",
        ]
        ok = check_answer(answer(channel=AnswerChannel.PHONE), RULING, policy=COMPANY)
        assert ok.explain().splitlines()[-1] == (
            "C-9.11 sales may tell the customer by phone: allowance of CNY 8,000.00, as the vice "
            "general manager approved"
        )
        assert ok.explain("zh-Hant").splitlines()[-1] == (
            "C-9.11 業務部門可以電話轉答客戶：依副總經理的批示折讓CN¥8,000.00"
        )
        beyond = check_answer(
            answer(handling=Handling.RETURN, amount="9000"),
            attrs.evolve(RULING, approved_by=Approver.SALES_MANAGER),
            policy=COMPANY,
        )
        assert beyond.explain().splitlines()[1:4] == [
            (
                "C-9.11 the ruling on CNY 8,000.00 was approved by the sales manager, but the "
                "amount needs the vice general manager: it is beyond the approval authority"
            ),
            "C-9.11 the answer offers return, but the ruling approved allowance",
            "C-9.11 the answer offers CNY 9,000.00, more than the CNY 8,000.00 approved",
        ]

    def test_an_explicit_table_is_used(self) -> None:
        table = ApprovalTable.from_policy(COMPANY)
        assert check_answer(answer(), RULING, table=table).allowed
        with pytest.raises(ParameterNotSetError, match="sales_manager_limit"):
            check_answer(answer(), RULING)

    @pytest.mark.parametrize(
        ("make", "error", "message"),
        [
            (
                lambda: check_answer(junk("yes"), RULING, policy=COMPANY),
                InvalidInputError,
                "answer must be a CustomerAnswer",
            ),
            (
                lambda: check_answer(answer(), junk("ok"), policy=COMPANY),
                InvalidInputError,
                "ruling must be a Ruling",
            ),
            (
                lambda: check_answer(
                    CustomerAnswer(
                        handling=Handling.ALLOWANCE,
                        amount=Money("1", USD),
                        channel=AnswerChannel.LETTER,
                    ),
                    RULING,
                    policy=COMPANY,
                ),
                CurrencyMismatchError,
                "answer and ruling must share one currency",
            ),
            (
                lambda: answer(channel=junk("letter")),
                InvalidInputError,
                "channel must be an AnswerChannel",
            ),
            (
                lambda: attrs.evolve(RULING, handling=junk("allowance")),
                InvalidInputError,
                "handling must be a Handling",
            ),
            (
                lambda: attrs.evolve(RULING, approved_by=junk("GM")),
                InvalidInputError,
                "approved_by must be an Approver",
            ),
            (
                lambda: attrs.evolve(RULING, amount=cny("-1")),
                InvalidInputError,
                "amount must be a non-negative Money.*Ruling C-9.11",
            ),
        ],
    )
    def test_bad_values_are_refused(
        self, make: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            make()  # type: ignore[operator]

    @settings(max_examples=200)
    @given(
        approval_tables(),
        st.integers(min_value=0, max_value=10**8),
        st.integers(min_value=0, max_value=10**8),
        st.sampled_from(Approver),
        st.sampled_from(AnswerChannel),
        st.sampled_from(Handling),
    )
    def test_an_allowed_answer_never_goes_beyond_the_ruling_or_the_authority(
        self,
        table: ApprovalTable,
        ruled: int,
        offered: int,
        approver: Approver,
        channel: AnswerChannel,
        handling: Handling,
    ) -> None:
        ruling = Ruling(
            handling=Handling.ALLOWANCE,
            amount=Money.from_minor(ruled, CNY),
            approved_by=approver,
        )
        given_answer = CustomerAnswer(
            handling=handling, amount=Money.from_minor(offered, CNY), channel=channel
        )
        check = check_answer(given_answer, ruling, table=table)
        if check.allowed:
            assert channel is not AnswerChannel.FORM_COPY
            assert handling is ruling.handling
            assert given_answer.amount <= ruling.amount
            assert table.may_answer(approver, ruling.amount).allowed


# -- C-10.2 and C-14: the time limit of each step -----------------------------------------------

STEPS = Policy().updated({"complaints.step_limit_days": {"qa_analysis": 3, "opinion": 1}})


class TestStepDeadline:
    @pytest.mark.parametrize(
        ("name", "started", "policy", "due"),
        [
            ("qa_analysis", date(2026, 3, 5), STEPS, date(2026, 3, 8)),
            (" opinion ", date(2026, 3, 5), STEPS, date(2026, 3, 6)),
            # like C-10: the art. 203 roll when it is on, working days when C-10 counts them
            (
                "qa_analysis",
                date(2026, 9, 28),
                STEPS.updated({"general.roll_to_working_day": True}),
                date(2026, 10, 8),
            ),
            (
                "qa_analysis",
                date(2026, 3, 5),
                STEPS.updated({"complaints.close_in_calendar_days": False}),
                date(2026, 3, 10),
            ),
        ],
    )
    def test_each_step_has_its_own_limit(
        self, name: str, started: date, policy: Policy, due: date
    ) -> None:
        deadline = step_deadline(name, started, policy=policy)
        assert deadline.due == due
        assert deadline.clause == C_10_2

    def test_the_table_is_a_required_parameter_with_no_default(self) -> None:
        with pytest.raises(ParameterNotSetError, match=r"complaints\.step_limit_days not set") as e:
            step_deadline("qa_analysis", date(2026, 3, 5))
        assert e.value.parameter == "complaints.step_limit_days"
        with pytest.raises(ParameterNotSetError, match="no limit for step 'shipping'"):
            step_deadline("shipping", date(2026, 3, 5), policy=STEPS)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ({}, "must map step names"),
            ({"qa": 0}, "must map step names"),
            ({"": 3}, "must map step names"),
            ({" qa": 3}, "must map step names"),
            ({"qa": 1.5}, "must map step names"),
            ([("qa", 1), ("qa", 2)], "must map step names"),
        ],
    )
    def test_a_bad_table_is_refused(self, value: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message + r".*\[C-10.2\]"):
            Policy().updated({"complaints.step_limit_days": value})

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: step_deadline(" ", date(2026, 3, 5), policy=STEPS),
                "name must be a non-empty str",
            ),
            (
                lambda: step_deadline("qa", junk("2026-03-05"), policy=STEPS),
                "started must be a datetime.date",
            ),
            (lambda: CaseStep("", date(2026, 3, 5)), "name must be a non-empty str"),
            (lambda: CaseStep("qa", None), "started must be a datetime.date"),  # type: ignore[arg-type]
            (lambda: CaseStep("qa", date(2026, 3, 5), "x"), "finished must be a datetime.date"),  # type: ignore[arg-type]
            (
                lambda: CaseStep("qa", date(2026, 3, 5), date(2026, 3, 4)),
                "finished must not be before started",
            ),
            (lambda: step_status("qa", date(2026, 3, 5), policy=STEPS), "step must be a CaseStep"),  # type: ignore[arg-type]
            (
                lambda: step_status(
                    CaseStep("qa_analysis", date(2026, 3, 5)), date(2026, 3, 4), policy=STEPS
                ),
                "on must not be before the step started",
            ),
            (
                lambda: ComplaintCase(
                    CaseNumber(2026, 3, 1),
                    date(2026, 3, 5),
                    "domestic",
                    steps=[CaseStep("qa", date(2026, 3, 5)), CaseStep("qa", date(2026, 3, 6))],
                ),
                "steps must name each step once, got \\['qa'\\]",
            ),
            (
                lambda: ComplaintCase(
                    CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic", steps=["qa"]
                ),
                "steps must be CaseStep values",
            ),
            (
                lambda: ComplaintCase(
                    CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic", sanctioned=junk(1)
                ),
                "sanctioned must be True or False",
            ),
        ],
    )
    def test_bad_steps_are_refused(self, make: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            make()  # type: ignore[operator]


class TestStepStatus:
    @pytest.mark.parametrize(
        ("finished", "on", "state", "late"),
        [
            (None, date(2026, 3, 8), StepState.ON_TIME, 0),  # the last day is on time
            (None, date(2026, 3, 10), StepState.OVERDUE, 2),
            (date(2026, 3, 8), date(2026, 3, 20), StepState.ON_TIME, 0),
            (date(2026, 3, 9), date(2026, 3, 20), StepState.LATE, 1),
            (date(2026, 3, 12), date(2026, 3, 10), StepState.OVERDUE, 2),  # not yet known
        ],
    )
    def test_a_step_is_on_time_overdue_or_late(
        self, finished: date | None, on: date, state: StepState, late: int
    ) -> None:
        status = step_status(CaseStep("qa_analysis", date(2026, 3, 5), finished), on, policy=STEPS)
        assert (status.state, status.days_late) == (state, late)
        assert status.clauses == (C_10_2, C_14)

    def test_the_explanation_says_where_the_step_stands(self) -> None:
        status = step_status(
            CaseStep("qa_analysis", date(2026, 3, 5)), date(2026, 3, 10), policy=STEPS
        )
        assert status.explain() == (
            "C-10.2 step qa_analysis is due 3 calendar days after 2026-03-05, on 2026-03-08 (that "
            "day is still on time)\n"
            "C-14 step qa_analysis is overdue on 2026-03-10, 2 day(s) past its limit (due "
            "2026-03-08): a reminder (催辦單) is due"
        )
        assert status.explain("zh-Hant").splitlines()[-1] == (
            "C-14 步驟「qa_analysis」於2026年3月10日逾期未完成，逾期2日（期限2026年3月8日）："
            "應開立催辦單"
        )

    @settings(max_examples=200)
    @given(CALENDAR_DATES, st.integers(0, 30), st.integers(0, 30), st.integers(1, 20))
    def test_finishing_later_is_never_more_on_time(
        self, started: date, first: int, extra: int, limit: int
    ) -> None:
        policy = Policy().updated({"complaints.step_limit_days": {"step": limit}})
        on = started + timedelta(first + extra + 40)
        early = step_status(
            CaseStep("step", started, started + timedelta(first)), on, policy=policy
        )
        late = step_status(
            CaseStep("step", started, started + timedelta(first + extra)), on, policy=policy
        )
        assert late.days_late >= early.days_late
        assert (early.state is StepState.LATE) <= (late.state is StepState.LATE)


def stepped(closed: date | None, *steps: CaseStep) -> ComplaintCase:
    return ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic", closed, steps)


class TestCaseStatusWithSteps:
    def test_an_open_case_with_an_overdue_step_needs_a_reminder(self) -> None:
        c = stepped(None, CaseStep("qa_analysis", date(2026, 3, 5)))
        status = case_status(c, date(2026, 3, 10), policy=STEPS)
        assert status.state is CaseState.OPEN_ON_TIME  # the case itself is within C-10
        assert status.reminder_due
        assert not status.inquiry_proposed
        assert status.clauses == (C_10, C_14, C_10_2)
        assert status.explain().splitlines()[1] == (
            "C-14 case 260301 is open and on time on 2026-03-10, but a step is overdue: a "
            "reminder (催辦單) is due"
        )
        assert review_cases([c], date(2026, 3, 10), policy=STEPS).reminders == (c.number,)

    def test_a_case_closed_on_time_with_a_late_step_gets_an_inquiry_proposed(self) -> None:
        c = stepped(
            date(2026, 3, 18),
            CaseStep("qa_analysis", date(2026, 3, 5), date(2026, 3, 9)),
            CaseStep("opinion", date(2026, 3, 16), date(2026, 3, 17)),
        )
        status = case_status(c, date(2026, 3, 31), policy=STEPS)
        assert status.state is CaseState.CLOSED_ON_TIME
        assert [s.state for s in status.steps] == [StepState.LATE, StepState.ON_TIME]
        assert [s.step.name for s in status.late_steps] == ["qa_analysis"]
        assert status.inquiry_proposed
        assert not status.reminder_due
        assert status.explain().splitlines()[1] == (
            "C-14 case 260301 was closed on time on 2026-03-18, but a step was late: an inquiry "
            "(洽辦單) into the delay may be sent"
        )
        assert status.explain("zh-Hant").splitlines()[1] == (
            "C-14 案件260301於2026年3月18日已如期結案，但有步驟逾期：得開立洽辦單追查逾期原因"
        )
        assert review_cases([c], date(2026, 3, 31), policy=STEPS).inquiries == (c.number,)
        assert monthly_summary([c], 2026, 3, policy=STEPS).inquiries == (c.number,)
        assert monthly_summary([c], 2026, 3, policy=STEPS).late == ()

    def test_without_the_table_the_steps_are_not_judged_and_the_explanation_says_so(self) -> None:
        c = stepped(None, CaseStep("qa_analysis", date(2026, 3, 5)))
        status = case_status(c, date(2026, 3, 10))
        assert (status.steps, status.steps_judged, status.reminder_due) == ((), False, False)
        assert status.explain().splitlines()[-1] == (
            "C-10.2 complaints.step_limit_days is not set: the 1 step(s) are not judged against "
            "a limit of their own"
        )
        assert status.explain("zh-Hant").splitlines()[-1] == (
            "C-10.2 公司未設定各步驟處理期限：1個步驟未另行判定是否逾期"
        )
        # a step not started by the day asked about is not judged at all
        later = stepped(None, CaseStep("opinion", date(2026, 3, 16)))
        assert case_status(later, date(2026, 3, 10), policy=STEPS).steps == ()
        assert case_status(later, date(2026, 3, 10)).clauses == (C_10, C_14)

    @settings(max_examples=200)
    @given(
        st.lists(
            st.tuples(st.integers(0, 20), st.none() | st.integers(0, 10)),
            max_size=2,
        ),
        st.none() | st.integers(0, 30),
        st.integers(0, 40),
    )
    def test_the_steps_only_add_documents_never_remove_them(
        self, raw: list[tuple[int, int | None]], close_after: int | None, on_after: int
    ) -> None:
        accepted = date(2026, 3, 5)
        steps = [
            CaseStep(
                name,
                accepted + timedelta(start),
                None if length is None else accepted + timedelta(start + length),
            )
            for name, (start, length) in zip(("qa_analysis", "opinion"), raw, strict=False)
        ]
        closed = None if close_after is None else accepted + timedelta(close_after)
        c = stepped(closed, *steps)
        on = accepted + timedelta(on_after)
        plain = case_status(c, on)
        judged = case_status(c, on, policy=STEPS)
        assert plain.state is judged.state
        assert plain.reminder_due <= judged.reminder_due
        assert plain.inquiry_proposed <= judged.inquiry_proposed
        assert not (judged.reminder_due and judged.inquiry_proposed)


# -- C-12.1 administrative sanctions go to HR ---------------------------------------------------


class TestSanctionReferrals:
    CASES = (
        ComplaintCase(
            CaseNumber(2026, 2, 1), date(2026, 2, 3), "domestic", date(2026, 2, 12), sanctioned=True
        ),
        ComplaintCase(CaseNumber(2026, 2, 2), date(2026, 2, 5), "domestic", date(2026, 2, 16)),
        ComplaintCase(
            CaseNumber(2026, 2, 3), date(2026, 2, 20), "foreign", date(2026, 3, 2), sanctioned=True
        ),
        ComplaintCase(CaseNumber(2026, 2, 4), date(2026, 2, 25), "domestic", sanctioned=True),
        ComplaintCase(
            CaseNumber(2026, 1, 9),
            date(2026, 1, 30),
            "domestic",
            date(2026, 2, 27),
            sanctioned=True,
        ),
    )

    @pytest.mark.parametrize(
        ("year", "month", "reviewed", "referred", "due"),
        [
            (2026, 2, ("260109", "260201", "260202"), ("260109", "260201"), date(2026, 3, 10)),
            (2026, 3, ("260203",), ("260203",), date(2026, 4, 10)),
            (2026, 1, (), (), date(2026, 2, 10)),
        ],
    )
    def test_last_months_closed_sanctioned_cases_go_to_hr_before_the_10th(
        self,
        year: int,
        month: int,
        reviewed: tuple[str, ...],
        referred: tuple[str, ...],
        due: date,
    ) -> None:
        result = sanction_referrals(self.CASES, year, month)
        assert tuple(map(str, result.reviewed)) == reviewed
        assert tuple(map(str, result.referred)) == referred
        assert result.deadline.due == due
        assert result.clauses == (C_12_1,)

    def test_the_deadline_is_the_10th_of_the_next_month_and_that_day_is_on_time(self) -> None:
        deadline = sanction_referral_deadline(2026, 12)
        assert deadline.due == date(2027, 1, 10)
        assert deadline.days_late(date(2027, 1, 10)) == 0
        assert deadline.days_late(date(2027, 1, 11)) == 1
        strict = Policy().updated({"general.monthly_due_day_on_time": False})
        assert sanction_referral_deadline(2026, 12, policy=strict).due == date(2027, 1, 9)

    def test_the_explanation_lists_the_cases_for_hr(self) -> None:
        result = sanction_referrals(self.CASES, 2026, 2)
        assert result.explain("zh-Hant").splitlines()[-1] == (
            "C-12.1 2026-02結案3件已審視；經批示為行政處分者2件，送人事單位提報人事公布單："
            "260109、260201"
        )
        assert sanction_referrals([], 2026, 2).explain().endswith("personnel notice: -")

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: sanction_referrals(junk("cases"), 2026, 2), "cases must be an iterable"),
            (
                lambda: sanction_referrals([junk(1)], 2026, 2),
                "cases must hold ComplaintCase values",
            ),
            (lambda: sanction_referral_deadline(2026, 13), "month must be an int from 1 to 12"),
            (lambda: sanction_referral_deadline(2026, 1, policy=None), "policy must be a Policy"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_input_is_refused(self, make: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            make()  # type: ignore[operator]

    @given(st.lists(st.tuples(st.integers(1, 27), st.integers(0, 40), st.booleans()), max_size=9))
    def test_exactly_the_sanctioned_cases_closed_in_the_month_are_referred(
        self, rows: list[tuple[int, int, bool]]
    ) -> None:
        cases = [
            ComplaintCase(
                CaseNumber(2026, 2, i + 1),
                date(2026, 2, day),
                "domestic",
                date(2026, 2, day) + timedelta(after),
                sanctioned=sanctioned,
            )
            for i, (day, after, sanctioned) in enumerate(rows)
        ]
        result = sanction_referrals(cases, 2026, 2)
        closed_in_february = {c.number for c in cases if c.closed and c.closed.month == 2}
        assert (
            set(result.referred) == {c.number for c in cases if c.sanctioned} & closed_in_february
        )
        assert set(result.reviewed) == closed_in_february
        assert list(result.referred) == sorted(result.referred)


# -- issue 13: the ends of every range, and the fast paths --------------------------------------


def evolved(value: Any, **changes: Any) -> Any:
    """``attrs.evolve``, with values of any type (the refusals need wrong ones)."""
    return attrs.evolve(value, **changes)


def rebuilt(result: Any) -> Any:
    """``result`` built again through its class, whose validators check every field."""
    cls = type(result)
    return cls(*(getattr(result, field.name) for field in attrs.fields(cls) if field.init))


class TestTheEndsOfEveryRange:
    @pytest.mark.parametrize(
        ("args", "accepted"),
        [
            ((2000, 1, 1), True),
            ((2099, 12, 99), True),
            ((1999, 1, 1), False),
            ((2100, 1, 1), False),
            ((2026, 0, 1), False),
            ((2026, 13, 1), False),
            ((2026, 3, 0), False),
            ((2026, 3, 100), False),
            ((2026, 3, 1, 1), True),
            ((2026, 3, 999_999_999, 9), True),
            ((2026, 3, 1, 0), False),
            ((2026, 3, 1, 10), False),
            ((2026, 3, 9, 1), True),
            ((2026, 3, 10, 1), False),
        ],
    )
    def test_a_case_number_on_both_sides_of_each_bound(
        self, args: tuple[int, ...], accepted: bool
    ) -> None:
        if accepted:
            assert CaseNumber(*args).serial == args[2]
        else:
            with pytest.raises(InvalidInputError, match=r"must be an int from .*\[CaseNumber C-8"):
                CaseNumber(*args)

    @pytest.mark.parametrize(
        ("accepted", "ok"),
        [
            (date(2000, 1, 1), True),
            (date(2099, 12, 31), True),
            (date(1999, 12, 31), False),
            (date(2100, 1, 1), False),
        ],
    )
    def test_an_acceptance_date_on_both_sides_of_the_two_digit_years(
        self, accepted: date, ok: bool
    ) -> None:
        if ok:
            assert CaseNumber.for_acceptance(accepted, 1).year == accepted.year
            assert next_case_number(accepted).number.serial == 1
        else:
            with pytest.raises(InvalidInputError, match=r"^accepted must fall in 2000-2099"):
                CaseNumber.for_acceptance(accepted, 1)

    @pytest.mark.parametrize("deadline", [summary_deadline, sanction_referral_deadline])
    @pytest.mark.parametrize(
        ("year", "month", "ok"),
        [(1, 1, True), (9998, 12, True), (0, 1, False), (9999, 1, False), (2026, 0, False)],
    )
    def test_a_monthly_deadline_on_both_sides_of_each_bound(
        self, deadline: Any, year: int, month: int, ok: bool
    ) -> None:
        if ok:
            assert deadline(year, month).due.month == month % 12 + 1
        else:
            with pytest.raises(InvalidInputError, match=r"must be an int from 1 to (9998|12)"):
                deadline(year, month)
        with pytest.raises(InvalidInputError, match=r"^month must be an int from 1 to 12, got 13"):
            deadline(2026, 13)

    @pytest.mark.parametrize(
        ("quantity", "defective", "ok"),
        [(0, 0, True), (10, 10, True), (Decimal("10"), Decimal("10.0"), True), (10, 11, False)],
    )
    def test_the_defective_quantity_at_and_above_the_quantity(
        self, quantity: object, defective: object, ok: bool
    ) -> None:
        changes = {"quantity": quantity, "defective": defective}
        if ok:
            assert evolved(FULL_FORM, **changes).defective == defective
        else:
            with pytest.raises(InvalidInputError, match=r"^defective must not exceed quantity"):
                evolved(FULL_FORM, **changes)

    @pytest.mark.parametrize("field", ["quantity", "defective", "requested_quantity"])
    def test_a_quantity_of_zero_is_taken_and_below_zero_refused(self, field: str) -> None:
        form = evolved(FULL_FORM, defective=None)
        assert getattr(evolved(form, **{field: 0}), field) == 0
        assert getattr(evolved(form, **{field: Decimal("0.000")}), field) == 0
        for below in (-1, Decimal("-0.001")):
            with pytest.raises(
                InvalidInputError,
                match=rf"^{field} must be an int \(whole pieces\) or a Decimal of at least 0",
            ):
                evolved(form, **{field: below})
        with pytest.raises(InvalidInputError, match=rf"^{field} must be an int .*C-9.1\]$"):
            evolved(form, **{field: True})

    def test_the_note_still_processing_is_a_requested_quantity_only(self) -> None:
        assert evolved(FULL_FORM, requested_quantity=STILL_PROCESSING).requested_quantity
        with pytest.raises(InvalidInputError, match=r"^quantity must be an int"):
            evolved(FULL_FORM, quantity=STILL_PROCESSING)

    def test_a_step_may_finish_the_day_it_started_but_not_the_day_before(self) -> None:
        day = date(2026, 3, 5)
        assert CaseStep("qa", day, day).finished == day
        with pytest.raises(
            InvalidInputError,
            match=r"^finished must not be before started, got 2026-03-04 < 2026-03-05 for step "
            r"'qa' \[CaseStep C-10.2\]$",
        ):
            CaseStep("qa", day, day - timedelta(days=1))
        status = step_status(CaseStep("qa_analysis", day), day, policy=STEPS)
        assert status.state is StepState.ON_TIME
        with pytest.raises(InvalidInputError, match=r"^on must not be before the step started"):
            step_status(CaseStep("qa_analysis", day), day - timedelta(days=1), policy=STEPS)

    def test_a_case_may_close_the_day_it_was_accepted_but_not_the_day_before(self) -> None:
        day = date(2026, 3, 5)
        assert case_status(case(day, closed=day), day).state is CaseState.CLOSED_ON_TIME
        with pytest.raises(
            InvalidInputError,
            match=r"^closed must not be before accepted, got 2026-03-04 < 2026-03-05 for case "
            r"260301 \[ComplaintCase C-10\]$",
        ):
            case(day, closed=day - timedelta(days=1))
        with pytest.raises(
            InvalidInputError, match=r"^on must not be before the case was accepted"
        ):
            case_status(case(day), day - timedelta(days=1))

    @pytest.mark.parametrize(("lower", "ok"), [("0", True), ("-0.01", False)])
    def test_a_band_starts_at_zero_or_above(self, lower: str, ok: bool) -> None:
        if ok:
            assert band(SM, lower, True, "1", True).lower == cny(lower)
        else:
            with pytest.raises(InvalidInputError, match=r"^lower must be a non-negative Money"):
                band(SM, lower, True, "1", True)

    @pytest.mark.parametrize(("amount", "ok"), [("0", True), ("-0.01", False)])
    def test_an_amount_of_zero_is_approved_and_below_zero_refused(
        self, amount: str, ok: bool
    ) -> None:
        if ok:
            assert approver_for(cny(amount), policy=COMPANY).role is SM
            assert Ruling(handling=Handling.RETURN, amount=cny(amount), approved_by=SM)
        else:
            with pytest.raises(InvalidInputError, match=r"^amount must be a non-negative Money"):
                approver_for(cny(amount), policy=COMPANY)
            with pytest.raises(InvalidInputError, match=r"CustomerAnswer C-9.11\]$"):
                answer(amount=amount)

    def test_a_band_names_each_bad_field_with_its_clause(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^upper_inclusive must be True or False"):
            band(SM, "0", True, "1", junk(None))
        with pytest.raises(
            InvalidInputError,
            match=r"^upper_inclusive must be False when upper is None \(no upper bound\), got "
            r"True \[ApprovalBand sales manager C-11\]$",
        ):
            band(SM, "0", True, None, True)
        with pytest.raises(
            CurrencyMismatchError,
            match=r"^answer and ruling must share one currency, got Money\('1.00', 'USD'\) and "
            r"Money\('8000.00', 'CNY'\) \[check_answer C-9.11\]$",
        ):
            check_answer(
                CustomerAnswer(
                    handling=Handling.ALLOWANCE, amount=Money("1", USD), channel=AnswerChannel.PHONE
                ),
                RULING,
                policy=COMPANY,
            )


class TestResultsBuiltByHandAreChecked:
    def test_every_field_is_checked_with_the_class_and_its_clause(self) -> None:
        issue = next_case_number(date(2026, 3, 5))
        with pytest.raises(
            InvalidInputError,
            match=r"^issued_in_month must be an int of at least 0, got -1 \[CaseNumberIssue C-8\]$",
        ):
            evolved(issue, issued_in_month=-1)
        assert evolved(issue, issued_in_month=0) == issue
        status = case_status(case(date(2026, 3, 5)), date(2026, 3, 9))
        with pytest.raises(InvalidInputError, match=r"^days_late must be .* \[CaseStatus C-14\]$"):
            evolved(status, days_late=-1)
        with pytest.raises(
            InvalidInputError, match=r"^state must be one of .*\[CaseStatus C-14\]$"
        ):
            evolved(status, state="open_on_time")
        with pytest.raises(InvalidInputError, match=r"^steps must be a tuple of StepStatus"):
            evolved(status, steps=[])
        with pytest.raises(InvalidInputError, match=r"^steps_judged must be True or False"):
            evolved(status, steps_judged=None)
        approval = approver_for(cny("1"), policy=COMPANY)
        assert evolved(approval, band_number=1) == approval
        with pytest.raises(InvalidInputError, match=r"^band_number must be an int of at least 1"):
            evolved(approval, band_number=0)
        with pytest.raises(InvalidInputError, match=r"^form must be a ComplaintForm"):
            evolved(check_complaint_form(FULL_FORM), form=None)

    @pytest.mark.parametrize("summarise", [monthly_summary, sanction_referrals])
    @pytest.mark.parametrize(
        ("year", "month", "ok"),
        [(1, 1, True), (9998, 12, True), (0, 1, False), (9999, 12, False), (1, 0, False)],
    )
    def test_a_monthly_result_on_both_sides_of_each_bound(
        self, summarise: Any, year: int, month: int, ok: bool
    ) -> None:
        result = summarise([], 2026, 3)
        if ok:
            assert evolved(result, year=year, month=month).month == month
        else:
            with pytest.raises(InvalidInputError, match=r"must be an int from 1 to (9998|12)"):
                evolved(result, year=year, month=month)
        with pytest.raises(InvalidInputError, match=r"^month must be an int from 1 to 12, got 13"):
            evolved(result, month=13)


@st.composite
def complaint_cases(draw: st.DrawFn, serial: int) -> ComplaintCase:
    accepted = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 31)))
    closed = draw(st.none() | st.integers(0, 30).map(lambda n: accepted + timedelta(days=n)))
    names = draw(st.lists(st.sampled_from(["qa_analysis", "opinion"]), unique=True))
    steps = [
        CaseStep(
            name,
            accepted + timedelta(days=draw(st.integers(0, 5))),
            draw(st.none() | st.just(accepted + timedelta(days=draw(st.integers(5, 12))))),
        )
        for name in names
    ]
    customer = draw(st.sampled_from(["domestic", "foreign"]))
    number = CaseNumber(accepted.year, accepted.month, serial)
    return ComplaintCase(number, accepted, junk(customer), closed, steps, draw(st.booleans()))


REGISTERS = st.lists(st.integers(1, 99), unique=True, max_size=6).flatmap(
    lambda serials: st.tuples(*(complaint_cases(s) for s in serials))
)


class TestFastPathsAgreeWithTheCheckedOnes:
    """The module builds results with validate.trusted; the checked classes take them as built."""

    @given(case_numbers(width=2), st.lists(case_numbers(width=2), max_size=5))
    def test_a_case_number_issued_is_one_the_checked_classes_accept_unchanged(
        self, accepted_in: CaseNumber, issued: list[CaseNumber]
    ) -> None:
        accepted = date(accepted_in.year, accepted_in.month, 1)
        register = {str(n): n for n in issued}.values()
        serials = [n.serial for n in register if n.period == accepted_in.period]
        if serials and max(serials) == 99:
            # the month's 100th case does not fit two digits: refused, nothing built (C-8)
            with pytest.raises(PolicyViolationError):
                next_case_number(accepted, register)
            return
        issue = next_case_number(accepted, register)
        assert rebuilt(issue) == issue
        assert rebuilt(issue.number) == issue.number

    @given(REGISTERS, st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 6, 30)))
    def test_statuses_reviews_and_summaries_are_accepted_unchanged(
        self, cases: tuple[ComplaintCase, ...], on: date
    ) -> None:
        for policy in (Policy(), STEPS):
            review = review_cases(cases, on, policy=policy)
            assert rebuilt(review) == review
            for status in review.statuses:
                assert rebuilt(status) == status
                for step in status.steps:
                    assert rebuilt(step) == step
        summary = monthly_summary(cases, on.year, on.month, policy=STEPS)
        assert rebuilt(summary) == summary
        referral = sanction_referrals(cases, on.year, on.month)
        assert rebuilt(referral) == referral

    @given(
        approval_tables(),
        st.integers(0, 10**9),
        st.sampled_from(list(Approver)),
        st.sampled_from(list(Handling)),
        st.sampled_from(list(AnswerChannel)),
        st.integers(0, 10**9),
    )
    def test_approvals_and_answer_checks_are_accepted_unchanged(
        self,
        table: ApprovalTable,
        minor: int,
        role: Approver,
        handling: Handling,
        channel: AnswerChannel,
        offered: int,
    ) -> None:
        amount = Money.from_minor(minor, CNY)
        approval = table.approver_for(amount)
        assert rebuilt(approval) == approval
        authority = table.may_answer(role, amount)
        assert rebuilt(authority) == authority
        ruling = Ruling(handling=Handling.ALLOWANCE, amount=amount, approved_by=role)
        given_answer = CustomerAnswer(
            handling=handling, amount=Money.from_minor(offered, CNY), channel=channel
        )
        checked = check_answer(given_answer, ruling, table=table)
        assert rebuilt(checked) == checked

    @given(
        st.builds(
            ComplaintForm,
            customer=st.sampled_from(["Acme", "Beta"]),
            part_number=st.none() | st.just("PCB-1"),
            quantity=st.none() | st.integers(0, 9),
            request=st.none() | st.sampled_from(list(Request)),
            requested_quantity=st.none() | st.just(STILL_PROCESSING) | st.integers(0, 9),
        )
    )
    def test_a_form_check_is_accepted_unchanged(self, form: ComplaintForm) -> None:
        check = check_complaint_form(form)
        assert rebuilt(check) == check
