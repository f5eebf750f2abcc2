"""Refusals found by an audit that passed junk to every public function.

Each case failed before its fix in one of three ways: a bare TypeError, ValueError or
OverflowError instead of a CustPolicyError; a call that did not return (1e99999999 made exact
arithmetic build a hundred-million-digit integer); or a silently wrong answer.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest

from custpolicy import (
    CNY,
    AccountState,
    InvalidInputError,
    Money,
    MonthlyReport,
    Person,
    Policy,
    ReportDifference,
    ReportTotals,
    Sanction,
    UnknownKeyError,
    UserClass,
    allocate,
    apportion,
    change_status,
    check_fine,
    closing_deadline,
    collection_rate,
    loss_basis,
    opinion_deadline,
    payment_deadline,
    qa_report_deadline,
    reconcile_return,
    registration_status,
    warehouse_receipt,
)
from custpolicy.foundation.clauses import B_6, M_1_4
from custpolicy.foundation.deadlines import calendar_deadline, working_day_deadline
from custpolicy.foundation.errors import CalendarCoverageError
from custpolicy.rules.penalties import PenaltyAccount
from custpolicy.scenarios import RULES
from tests.junk import AMBIGUOUS

OPEN_ENDED = date(9999, 12, 31)  # "no end date" in much business data
NO_DATE: Any = None
A_DATE_STRING: Any = "2026-03-05"


def cny(amount: str) -> Money:
    return Money(amount, CNY)


class TestHugeAndTinyNumbers:
    @pytest.mark.parametrize(
        "amount", ["1e100", "-1e100", "1e5000", "1e99999999", "1e-100", Decimal("1E+100"), 10**100]
    )
    def test_an_amount_of_100_digits_or_more_either_side_is_refused_at_once(
        self, amount: object
    ) -> None:
        started = time.monotonic()
        with pytest.raises(
            InvalidInputError, match=r"amount must have fewer than 100 digits.*\[Money\]"
        ):
            Money(amount, "CNY")  # type: ignore[arg-type]
        assert time.monotonic() - started < 5  # it did not start on the exact arithmetic

    @pytest.mark.parametrize("amount", ["9" * 100, "-1e99", 10**100 - 1])
    def test_just_inside_the_bound_is_an_amount(self, amount: object) -> None:
        money = Money(amount, "CNY")  # type: ignore[arg-type]
        assert Money(str(money.amount), "CNY") == money
        assert repr(money).startswith("Money(")

    def test_a_factor_is_bounded_too(self) -> None:
        with pytest.raises(InvalidInputError, match=r"factor must have fewer than 100 digits"):
            cny("1") * Decimal("1e-100")

    @pytest.mark.parametrize(
        ("call", "argument"),
        [
            (lambda v: warehouse_receipt(v, 1), "slip"),
            (lambda v: reconcile_return(1, v, order_ratio="0.05"), "actual"),
            (lambda v: reconcile_return(1, 1, order_ratio=v), "order_ratio"),
            (lambda v: check_fine(Sanction.MINOR_DEMERIT, base=v), "base"),
            (
                lambda v: loss_basis(ruling=date(2026, 1, 5), a_grade_price=cny("1"), quantity=v),
                "quantity",
            ),
            (lambda v: ReportTotals(v, cny("1")), "volume"),
        ],
    )
    def test_quantities_and_ratios_are_bounded(self, call: Any, argument: str) -> None:
        with pytest.raises(InvalidInputError, match=rf"^{argument} must have fewer than 100"):
            call(Decimal("1E+5000"))


class TestOpenEndedDates:
    def test_a_calendar_day_deadline_past_9999_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"start \+ days must be no later than 9999-12-31, got start "
            r"datetime.date\(9999, 12, 31\) and days 7 \[calendar_deadline B-6\]",
        ):
            payment_deadline(OPEN_ENDED)

    @pytest.mark.parametrize("days", [3_000_000, 10**30])
    def test_a_period_too_long_for_any_date_is_refused(self, days: int) -> None:
        with pytest.raises(InvalidInputError, match=rf"got start .* and days {days} \["):
            calendar_deadline(date(2026, 3, 2), days, clause=B_6, subject=("payment", "繳費"))
        policy = Policy().updated({"billing.payment_days": days})
        with pytest.raises(InvalidInputError, match="start \\+ days must be no later"):
            payment_deadline(date(2026, 3, 2), policy=policy)

    @pytest.mark.parametrize(
        ("ruling", "months"), [(OPEN_ENDED, 1), (date(2026, 1, 31), 1_000_000)]
    )
    def test_a_resale_window_past_9999_is_refused(self, ruling: date, months: int) -> None:
        policy = Policy().updated({"penalties.resale_months": months})
        with pytest.raises(
            InvalidInputError,
            match=rf"ruling \+ penalties.resale_months must be no later than 9999-12-31, .* "
            rf"resale_months {months} \[loss_basis P-1\]",
        ):
            loss_basis(ruling=ruling, a_grade_price=cny("12.50"), quantity=100, policy=policy)

    def test_a_working_day_deadline_names_its_start_outside_the_calendar(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=r"^start 1999-01-01 falls in 1999, .*\[working_day_deadline M-1.4\]$",
        ):
            working_day_deadline(date(1999, 1, 1), 5, clause=M_1_4, subject=("a", "b"))


class TestArgumentNames:
    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (
                lambda: closing_deadline(NO_DATE, "domestic"),
                r"^accepted must be .*\[closing_deadline C-10\]$",
            ),
            (
                lambda: qa_report_deadline(NO_DATE),
                r"^investigated must be .*\[qa_report_deadline C-9.3\]$",
            ),
            (
                lambda: opinion_deadline(A_DATE_STRING),
                r"^received must be .*\[opinion_deadline C-9.6\]$",
            ),
        ],
    )
    def test_a_complaint_deadline_names_its_own_date(self, call: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            call()

    def test_filing_dates_outside_the_calendar_are_named(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=r"^first_contact 1999-01-01 falls in 1999, .*\[registration_status M-1.4\]$",
        ):
            registration_status(date(1999, 1, 1), None, as_of=date(2026, 1, 5))
        with pytest.raises(
            CalendarCoverageError,
            match=r"^changed_on 2027-01-04 falls in 2027, .*\[change_status M-1.4\]$",
        ):
            change_status(
                date(2027, 1, 4), None, registered_on=date(2026, 1, 5), as_of=date(2027, 1, 5)
            )


class TestLookups:
    def test_an_allocation_refuses_an_unhashable_key(self) -> None:
        split = allocate(cny("1"), {"a": 1})
        with pytest.raises(UnknownKeyError, match=r"got \['a'\] \[Allocation\]"):
            split[["a"]]  # type: ignore[index]
        assert ["a"] not in split  # type: ignore[comparison-overlap]

    def test_keys_that_refuse_to_compare_fall_back_to_type_name_then_repr(self) -> None:
        # Money raises InvalidInputError, not TypeError, when compared with a str
        split = allocate(cny("0.01"), {"Lin": 1, cny("1"): 1})
        assert split[cny("1")] == cny("0.01")  # "Money" sorts before "str"
        assert split["Lin"] == cny("0")

    def test_a_report_line_is_found_by_the_class_or_its_value(self) -> None:
        line = ReportTotals("1", cny("40"))
        report = MonthlyReport(2026, 3, {UserClass.COMMERCIAL: line}, line)
        assert report.totals("commercial") == report.totals(UserClass.COMMERCIAL) == line
        assert report.totals("residential") is None
        for junk in ("commerce", ["commercial"], None):
            with pytest.raises(InvalidInputError, match="UserClass must be one of"):
                report.totals(junk)  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", [AMBIGUOUS, ["Li"], 1.5])
    def test_a_share_is_looked_up_by_a_name(self, name: object) -> None:
        split = apportion(cny("10"), Person("Li"))
        assert split.unit_amount("Li") == split.person_amount("Li") == cny("10")
        with pytest.raises(UnknownKeyError, match="name must be one of the parties"):
            split.unit_amount(name)  # type: ignore[arg-type]
        with pytest.raises(UnknownKeyError, match="name must be one of the persons"):
            split.person_amount(name)  # type: ignore[arg-type]


class TestAmbiguousValues:
    """``pandas.NA`` and its kind: checked by type before any ``in`` or ``==``."""

    def test_collection_basis(self) -> None:
        bills = [AccountState("A-1", date(2026, 3, 2), cny("100"))]
        with pytest.raises(InvalidInputError, match="basis must be 'amount' or 'count'"):
            collection_rate(bills, basis=AMBIGUOUS)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match=r"collection_basis must be one of \("):
            Policy().updated({"billing.collection_basis": AMBIGUOUS})

    def test_visit_intervals(self) -> None:
        with pytest.raises(InvalidInputError, match="visit_interval_days must map categories"):
            Policy().updated({"customers.visit_interval_days": {AMBIGUOUS: 30}})

    @pytest.mark.parametrize("charges", [[AMBIGUOUS], [[]]])
    def test_a_month_of_charges_must_be_a_mapping(self, charges: list[object]) -> None:
        account = PenaltyAccount.start("Chen", 2026, 1)
        with pytest.raises(
            InvalidInputError,
            match=r"charges\[0\] must be None or a mapping of case identifiers to Money, got ",
        ):
            account.close_months(2026, 1, [cny("100")], charges=charges)  # type: ignore[arg-type]

    def test_real_pandas_na(self) -> None:
        pandas = pytest.importorskip("pandas")
        with pytest.raises(InvalidInputError, match="basis must be"):
            collection_rate([], basis=pandas.NA)


class TestLabels:
    @pytest.mark.parametrize("lang", ["fr", "eng", None, AMBIGUOUS])
    def test_labels_refuse_a_language_they_do_not_know(self, lang: object) -> None:
        difference = ReportDifference(UserClass.COMMERCIAL, "amount", cny("1"), cny("2"))
        for what, labelled in (
            ("Person", Person("Li")),
            ("ReportDifference", difference),
            ("ReportDifference", ReportDifference(None, "volume", Decimal(1), Decimal(2))),
        ):
            with pytest.raises(
                InvalidInputError, match=rf"^lang must be one of .*\[{what}.label\]$"
            ):
                labelled.label(lang)  # type: ignore[arg-type]


class TestSilentAcceptance:
    @pytest.mark.parametrize("bonus", [1500.0, "x", Money("1500", "USD")])
    def test_a_bonus_is_checked_even_when_it_is_not_used(self, bonus: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^bonus must be"):
            check_fine(Sanction.WARNING, amount=cny("400"), bonus=bonus)  # type: ignore[arg-type]
        assert check_fine(Sanction.WARNING, amount=cny("400"), bonus=cny("1500")).valid

    def test_a_calendar_is_checked_even_when_the_policy_does_not_roll(self) -> None:
        assert not Policy().general.roll_to_working_day
        with pytest.raises(InvalidInputError, match=r"calendar must be a WorkCalendar"):
            calendar_deadline(
                date(2026, 3, 2),
                7,
                clause=B_6,
                subject=("p", "繳費"),
                calendar="china",  # type: ignore[arg-type]
            )


@pytest.mark.parametrize("clauses", [None, 1.5, "B-6"])
def test_a_scenario_rule_needs_clause_ids(clauses: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^clauses must be clause IDs .*\[ScenarioRule\]$"):
        attrs.evolve(RULES["billing.payment_deadline"], clauses=clauses)  # type: ignore[arg-type]
