"""Gas billing (B): reading window, payment deadline, dunning, KPIs and report accuracy."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CurrencyMismatchError,
    CustPolicyError,
    InvalidInputError,
    Money,
    ParameterNotSetError,
    Policy,
    WorkCalendar,
)
from custpolicy.cli.tour import STEPS, run_step
from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import B_2_1, B_2_2, B_4, B_5, B_6, B_7, B_8
from custpolicy.rules.billing import (
    AccountState,
    Action,
    Dunning,
    MonthlyReport,
    Payment,
    ReportDifference,
    ReportTotals,
    SettlementSheet,
    UserClass,
    check_reading,
    check_report,
    collection_rate,
    dunning,
    dunning_run,
    monthly_report,
    payment_deadline,
    reading_rate,
    reading_window,
)
from custpolicy.testing import account_states, settlement_sheets, user_classes
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
from tests.strategies import billing_dates

PW, COM, RES = UserClass.PUBLIC_WELFARE, UserClass.COMMERCIAL, UserClass.RESIDENTIAL
ROLL = Policy().updated({"general.roll_to_working_day": True})
STANDARD = Policy().updated({"billing.reading_rate_standard": Decimal("0.98")})
DELIVERED = date(2026, 3, 2)  # due on 2026-03-09


def cny(amount: str | int) -> Money:
    return Money(amount, "CNY")


def account(
    *payments: tuple[date, str | int],
    billed: str | int = 300,
    notified: date | None = None,
    arrears: date | None = None,
    delivered: date = DELIVERED,
) -> AccountState:
    return AccountState(
        "A-1",
        delivered,
        cny(billed),
        [Payment(day, cny(amount)) for day, amount in payments],
        notified,
        arrears,
    )


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


# -- user classes and B-4 ----------------------------------------------------------------------


class TestUserClass:
    def test_the_repr_pastes_back(self) -> None:
        assert [repr(c) for c in UserClass] == [
            "UserClass.PUBLIC_WELFARE",
            "UserClass.COMMERCIAL",
            "UserClass.RESIDENTIAL",
        ]
        assert eval(repr(Action.CUTOFF_ELIGIBLE), {"Action": Action}) is Action.CUTOFF_ELIGIBLE

    @pytest.mark.parametrize(
        ("kind", "en", "zh"),
        [(PW, "public-welfare", "公福"), (COM, "commercial", "商業"), (RES, "residential", "居民")],
    )
    def test_each_class_has_an_english_and_a_chinese_label(
        self, kind: UserClass, en: str, zh: str
    ) -> None:
        assert (kind.label(), kind.label("en"), kind.label("zh-Hant")) == (en, en, zh)


class TestReadingWindow:
    @pytest.mark.parametrize(
        ("kind", "year", "month", "policy", "first", "last"),
        [
            (COM, 2026, 3, Policy(), d(3, 20), d(3, 25)),
            (PW, 2026, 2, Policy(), d(2, 20), d(2, 25)),
            (RES, 2026, 3, Policy(), None, None),
            (RES, 2026, 3, Policy().updated({"billing.residential_reading_window": (5, 9)}),
             d(3, 5), d(3, 9)),
            # month ends: a window day past the month's end moves to its last day
            (COM, 2026, 2, Policy().updated({"billing.reading_window": (27, 31)}),
             d(2, 27), d(2, 28)),
            (COM, 2024, 2, Policy().updated({"billing.reading_window": (27, 31)}),
             d(2, 27, 2024), d(2, 29, 2024)),
            (PW, 2026, 4, Policy().updated({"billing.reading_window": (30, 31)}),
             d(4, 30), d(4, 30)),
        ],
    )  # fmt: skip
    def test_the_window_of_a_month(
        self,
        kind: UserClass,
        year: int,
        month: int,
        policy: Policy,
        first: date | None,
        last: date | None,
    ) -> None:
        window = reading_window(kind, year, month, policy=policy)
        assert (window.first, window.last) == (first, last)
        assert window.has_window is (first is not None)
        assert window.clauses == (B_4,)

    def test_the_default_window_lists_six_days(self) -> None:
        window = reading_window(COM, 2026, 3)
        assert window.days == tuple(d(3, day) for day in range(20, 26))
        assert d(3, 20) in window
        assert d(3, 26) not in window
        assert datetime(2026, 3, 21) not in window

    def test_no_window_has_no_days(self) -> None:
        window = reading_window(RES, 2026, 3)
        assert window.days == ()
        assert d(3, 21) not in window

    def test_the_explanation_in_both_languages(self) -> None:
        assert reading_window(PW, 2026, 3).explain() == (
            "B-4 public-welfare users are read from 2026-03-20 to 2026-03-25 (both days included)"
        )
        assert reading_window(RES, 2026, 3).explain("zh-Hant") == (
            "B-4 居民用戶於2026-03沒有抄收期：制度未為其規定抄收日"
        )

    @pytest.mark.parametrize(
        ("args", "kwargs", "message"),
        [
            (("commercial", 2026, 3), {}, "user_class must be a UserClass"),
            ((COM, 2026.0, 3), {}, "year must be an int"),
            ((COM, 0, 3), {}, "year must be an int from 1 to 9999"),
            ((COM, 2026, 13), {}, "month must be an int from 1 to 12"),
            ((COM, 2026, True), {}, "month must be an int"),
            ((COM, 2026, 3), {"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(
        self, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            reading_window(*args, **kwargs)  # type: ignore[arg-type]

    @given(user_classes(), st.integers(2000, 2100), st.integers(1, 12))
    def test_the_window_lies_in_its_month(self, kind: UserClass, year: int, month: int) -> None:
        policy = Policy().updated({"billing.residential_reading_window": (25, 31)})
        window = reading_window(kind, year, month, policy=policy)
        assert window.days
        assert all((day.year, day.month) == (year, month) for day in window.days)
        assert list(window.days) == sorted(set(window.days))


class TestCheckReading:
    @pytest.mark.parametrize(
        ("kind", "read_on", "in_window"),
        [
            (COM, d(3, 20), True),
            (COM, d(3, 25), True),
            (COM, d(3, 19), False),
            (COM, d(3, 26), False),
            (PW, d(2, 29, 2024), False),
            (PW, d(2, 22, 2024), True),
            (RES, d(3, 1), True),
            (RES, d(3, 31), True),
        ],
    )
    def test_the_reading_day_against_the_window(
        self, kind: UserClass, read_on: date, in_window: bool
    ) -> None:
        assert check_reading(kind, read_on).in_window is in_window

    def test_a_residential_window_set_by_the_policy_applies(self) -> None:
        policy = Policy().updated({"billing.residential_reading_window": (1, 10)})
        assert check_reading(RES, d(3, 10), policy=policy).in_window
        assert not check_reading(RES, d(3, 11), policy=policy).in_window

    def test_the_explanation_in_both_languages(self) -> None:
        late = check_reading(COM, d(3, 26))
        assert (
            late.explain().splitlines()[-1] == "B-4 the reading on 2026-03-26 is outside the window"
        )
        assert late.explain("zh-Hant").splitlines()[-1] == "B-4 2026年3月26日的抄表不在抄收期內"
        free = check_reading(RES, d(3, 2))
        assert free.explain().splitlines()[-1] == (
            "B-4 a reading on 2026-03-02 is acceptable: no window applies"
        )
        assert (
            free.explain("zh-Hant").splitlines()[-1] == "B-4 2026年3月2日抄表可接受：不受抄收期限制"
        )
        assert free.clauses == (B_4,)

    def test_a_datetime_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"read_on must be a datetime.date.*B-4"):
            check_reading(COM, datetime(2026, 3, 21, 9))

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
    def test_public_and_commercial_readings_are_in_window_on_days_20_to_25(self, day: date) -> None:
        for kind in (PW, COM):
            assert check_reading(kind, day).in_window is (20 <= day.day <= 25)
        assert check_reading(RES, day).in_window


# -- B-6 -----------------------------------------------------------------------------------------


class TestPaymentDeadline:
    @pytest.mark.parametrize(
        ("delivered", "due"),
        [
            (d(3, 2), d(3, 9)),
            (d(1, 28), d(2, 4)),  # across a month end
            (d(2, 22, 2024), d(2, 29, 2024)),  # leap day
            (d(2, 22), d(3, 1)),  # no 29 February in 2026
            (d(12, 28), d(1, 4, 2027)),  # across a year end
            (d(9, 24), d(10, 1)),  # a holiday, no roll by default
        ],
    )
    def test_payment_is_due_seven_calendar_days_after_delivery(
        self, delivered: date, due: date
    ) -> None:
        deadline = payment_deadline(delivered)
        assert deadline.due == due
        assert deadline.clauses == (B_6,)

    def test_paying_on_day_seven_is_on_time(self) -> None:
        deadline = payment_deadline(d(3, 2))
        assert deadline.is_on_time(d(3, 9))
        assert not deadline.is_on_time(d(3, 10))
        assert deadline.days_late(d(3, 12)) == 3

    def test_the_art_203_roll_moves_a_holiday_to_the_next_working_day(self) -> None:
        deadline = payment_deadline(d(9, 24), policy=ROLL)
        assert deadline.due == d(10, 8)
        assert "PRC Civil Code art. 203" in deadline.explain()

    def test_the_policy_sets_the_number_of_days(self) -> None:
        ten = Policy().updated({"billing.payment_days": 10})
        assert payment_deadline(d(3, 2), policy=ten).due == d(3, 12)

    def test_the_explanation_in_both_languages(self) -> None:
        deadline = payment_deadline(d(3, 2))
        assert deadline.explain() == (
            "B-6 payment of the gas bill is due 7 calendar days after 2026-03-02, on 2026-03-09 "
            "(that day is still on time)"
        )
        assert deadline.explain("zh-Hant") == (
            "B-6 繳納氣費期限為2026年3月2日後7個日曆日，即2026年3月9日（當日仍屬準時）"
        )

    @pytest.mark.parametrize(
        ("args", "kwargs", "message"),
        [
            (("2026-03-02",), {}, "delivered must be a datetime.date"),
            ((datetime(2026, 3, 2),), {}, "delivered must be a datetime.date"),
            ((d(3, 2),), {"policy": {}}, "policy must be a Policy"),
            ((d(3, 2),), {"calendar": "china"}, "calendar must be a WorkCalendar"),
        ],
    )
    def test_bad_input_is_refused(
        self, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            payment_deadline(*args, **kwargs)  # type: ignore[arg-type]

    @given(billing_dates)
    def test_the_deadline_is_a_week_later_and_the_roll_never_makes_it_earlier(
        self, delivered: date
    ) -> None:
        plain = payment_deadline(delivered).due
        assert plain == delivered + timedelta(days=7)
        rolled = payment_deadline(delivered, policy=ROLL).due
        assert rolled >= plain
        assert china().is_working_day(rolled)


# -- values --------------------------------------------------------------------------------------


class TestPayment:
    @pytest.mark.parametrize(
        ("paid_on", "amount", "message"),
        [
            (d(3, 2), cny(0), "amount must be a positive Money"),
            (d(3, 2), cny(-1), "amount must be a positive Money"),
            (d(3, 2), 100, "amount must be a positive Money"),
            (datetime(2026, 3, 2), cny(1), "paid_on must be a datetime.date"),
        ],
    )
    def test_bad_payments_are_refused(self, paid_on: object, amount: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Payment(paid_on, amount)  # type: ignore[arg-type]


class TestAccountState:
    def test_a_repr_pastes_back(self) -> None:
        acct = account((d(3, 4), "10.50"), notified=d(3, 10))
        names = {"AccountState": AccountState, "Payment": Payment, "Money": Money}
        assert eval(repr(acct), names | {"datetime": __import__("datetime")}) == acct

    def test_paid_by_counts_payments_up_to_the_day(self) -> None:
        acct = account((d(3, 4), 100), (d(3, 9), 50), (d(3, 20), 150))
        assert acct.paid_by(d(3, 3)) == cny(0)
        assert acct.paid_by(d(3, 9)) == cny(150)
        assert acct.paid_by(d(3, 31)) == cny(300)

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"account": ""}, InvalidInputError, "account must be a non-empty str"),
            ({"account": 7}, InvalidInputError, "account must be a non-empty str"),
            ({"delivered": "2026-03-02"}, InvalidInputError, "delivered must be a datetime.date"),
            ({"billed": cny(-1)}, InvalidInputError, "billed must be a non-negative Money"),
            ({"billed": 1.5}, InvalidInputError, "billed must be a non-negative Money"),
            ({"payments": [1]}, InvalidInputError, "payments must be a sequence of Payment"),
            ({"payments": "x"}, InvalidInputError, "payments must be a sequence of Payment"),
            ({"payments": [Payment(d(3, 3), Money(1, "TWD"))]}, CurrencyMismatchError,
             "payments must be in the billed currency CNY"),
            ({"notified": datetime(2026, 3, 10)}, InvalidInputError, "notified must be"),
            ({"arrears_notice": "2026-03-13"}, InvalidInputError, "arrears_notice must be"),
        ],
    )  # fmt: skip
    def test_bad_input_is_refused(
        self, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        fields = {"account": "A-1", "delivered": DELIVERED, "billed": cny(1)} | kwargs
        with pytest.raises(error, match=message):
            AccountState(**fields)  # type: ignore[arg-type]

    def test_paid_by_refuses_a_datetime(self) -> None:
        with pytest.raises(InvalidInputError, match=r"day must be a datetime\.date"):
            account().paid_by(datetime(2026, 3, 2))


# -- B-7 / B-8 -----------------------------------------------------------------------------------

NOTICE = d(3, 10)
ARREARS = d(3, 14)  # the first day it may be served after the notice of the 10th


class TestDunning:
    @pytest.mark.parametrize(
        ("acct", "as_of", "action", "on", "balance"),
        [
            # before and on the deadline: nothing to do yet
            (account(), d(3, 5), Action.NOTHING, d(3, 10), "300"),
            (account(), d(3, 9), Action.NOTHING, d(3, 10), "300"),
            (account(), d(3, 1), Action.NOTHING, d(3, 10), "300"),  # before delivery
            # B-7: the day after the deadline, unpaid and not notified
            (account(), d(3, 10), Action.NOTIFY, d(3, 10), "300"),
            (account(), d(4, 30), Action.NOTIFY, d(3, 10), "300"),
            # paid, part paid, overpaid, paid after the as-of date
            (account((d(3, 9), 300)), d(3, 20), Action.NOTHING, None, "0"),
            (account((d(3, 5), 100)), d(3, 10), Action.NOTIFY, d(3, 10), "200"),
            (account((d(3, 5), 100), (d(3, 8), 250)), d(3, 10), Action.NOTHING, None, "-50"),
            (account((d(3, 21), 300)), d(3, 20), Action.NOTIFY, d(3, 10), "300"),
            (account((d(2, 27), 300)), d(3, 20), Action.NOTHING, None, "0"),  # paid in advance
            (account(billed=0), d(3, 20), Action.NOTHING, None, "0"),
            # B-8: the three days after the notice (11th to 13th) are the user's, then the
            # arrears notice from the 14th
            (account(notified=NOTICE), d(3, 10), Action.WAIT, d(3, 14), "300"),
            (account(notified=NOTICE), d(3, 12), Action.WAIT, d(3, 14), "300"),
            (account(notified=NOTICE), d(3, 13), Action.WAIT, d(3, 14), "300"),
            (account(notified=NOTICE), d(3, 14), Action.ARREARS_NOTICE, d(3, 14), "300"),
            (account(notified=NOTICE), d(3, 30), Action.ARREARS_NOTICE, d(3, 14), "300"),
            (account((d(3, 11), 299), notified=NOTICE), d(3, 14), Action.ARREARS_NOTICE,
             d(3, 14), "1"),  # a part payment does not stop the escalation
            (account((d(3, 13), 300), notified=NOTICE), d(3, 14), Action.NOTHING, None, "0"),
            (account(notified=d(3, 12)), d(3, 11), Action.NOTIFY, d(3, 10), "300"),  # later
            # then cut-off once the three days after the arrears notice (15th to 17th) have passed
            (account(notified=NOTICE, arrears=ARREARS), d(3, 14), Action.WAIT, d(3, 18), "300"),
            (account(notified=NOTICE, arrears=ARREARS), d(3, 17), Action.WAIT, d(3, 18), "300"),
            (account(notified=NOTICE, arrears=ARREARS), d(3, 18), Action.CUTOFF_ELIGIBLE,
             d(3, 18), "300"),
            (account(notified=NOTICE, arrears=d(3, 15)), d(3, 18), Action.WAIT, d(3, 19), "300"),
            (account(notified=NOTICE, arrears=d(3, 15)), d(3, 14), Action.ARREARS_NOTICE,
             d(3, 14), "300"),  # the arrears notice is dated after the as-of date
            (account((d(3, 18), 100), notified=NOTICE, arrears=ARREARS), d(3, 18),
             Action.CUTOFF_ELIGIBLE, d(3, 18), "200"),
            (account((d(3, 18), 300), notified=NOTICE, arrears=ARREARS), d(3, 18),
             Action.NOTHING, None, "0"),
            # month end and leap year: the sheet of 22 February 2024 is due on the 29th
            (account(delivered=d(2, 22, 2024)), d(2, 29, 2024), Action.NOTHING, d(3, 1, 2024),
             "300"),
            (account(delivered=d(2, 22, 2024)), d(3, 1, 2024), Action.NOTIFY, d(3, 1, 2024),
             "300"),
            (account(delivered=d(2, 22)), d(3, 1), Action.NOTHING, d(3, 2), "300"),
            (account(delivered=d(2, 22), notified=d(3, 2)), d(3, 4), Action.WAIT, d(3, 6),
             "300"),
            (account(delivered=d(12, 28, 2025), notified=d(1, 5), arrears=d(1, 9)), d(1, 13),
             Action.CUTOFF_ELIGIBLE, d(1, 13), "300"),  # across a year end
        ],
    )  # fmt: skip
    def test_the_next_step_and_its_date(
        self, acct: AccountState, as_of: date, action: Action, on: date | None, balance: str
    ) -> None:
        result = dunning(acct, as_of)
        assert (result.action, result.on, result.balance) == (action, on, cny(balance))
        assert result.due == acct.delivered + timedelta(days=7)

    def test_the_cut_off_delay_is_a_policy_parameter(self) -> None:
        five = Policy().updated({"billing.arrears_to_cutoff_days": 5})
        acct = account(notified=NOTICE, arrears=ARREARS)
        assert dunning(acct, d(3, 19), policy=five).action is Action.WAIT
        assert dunning(acct, d(3, 20), policy=five).action is Action.CUTOFF_ELIGIBLE

    def test_with_the_roll_the_periods_end_on_working_days(self) -> None:
        # notice on Monday 28 September 2026: its third day after is National Day, 1 October
        acct = account(delivered=d(9, 10), notified=d(9, 28))
        assert dunning(acct, d(10, 2)).action is Action.ARREARS_NOTICE
        rolled = dunning(acct, d(10, 5), policy=ROLL)
        assert (rolled.action, rolled.on) == (Action.WAIT, d(10, 9))
        assert "moves to the next working day, 2026-10-08 (PRC Civil Code art. 203)" in (
            rolled.explain()
        )
        assert "期限順延至下一個工作日2026年10月8日" in rolled.explain("zh-Hant")
        served = attrs.evolve(acct, arrears_notice=d(10, 15))
        waiting = dunning(served, d(10, 16), policy=ROLL)
        assert (waiting.action, waiting.on) == (Action.WAIT, d(10, 20))  # Sunday the 18th rolls
        assert "2026-10-18 is a day off on calendar china" in waiting.explain()
        assert dunning(served, d(10, 19), policy=ROLL).action is Action.WAIT
        assert dunning(served, d(10, 20), policy=ROLL).action is Action.CUTOFF_ELIGIBLE

    def test_with_the_roll_the_notice_must_follow_the_rolled_deadline(self) -> None:
        acct = account(delivered=d(9, 24), notified=d(10, 2))  # due 1 October, rolled to the 8th
        assert dunning(acct, d(10, 3)).action is Action.WAIT
        with pytest.raises(InvalidInputError, match="after the payment deadline 2026-10-08"):
            dunning(acct, d(10, 3), policy=ROLL)

    @pytest.mark.parametrize(
        ("acct", "message"),
        [
            (account(notified=d(3, 9)), (r"notified must be after the payment deadline "
             r"2026-03-09, got 2026-03-09 for account 'A-1' \[B-7\]")),
            (account(notified=d(3, 1)), "notified must be after the payment deadline"),
            (account(arrears=d(3, 20)), (r"^notified must be given before arrears_notice "
             r"2026-03-20, got None for account 'A-1' \[B-8\]$")),
            (account(notified=NOTICE, arrears=d(3, 13)), (r"arrears_notice must be on or after "
             r"2026-03-14 \(3 days after the notice of 2026-03-10\), got "
             r"2026-03-13 for account 'A-1' \[B-8\]")),
        ],
    )  # fmt: skip
    def test_dates_out_of_order_are_an_error(self, acct: AccountState, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            dunning(acct, d(3, 30))
        with pytest.raises(InvalidInputError, match=message):
            dunning(acct, d(3, 1))  # whatever the as-of date

    @pytest.mark.parametrize(
        ("args", "kwargs", "message"),
        [
            (("A-1", d(3, 10)), {}, "account must be an AccountState"),
            ((account(), "2026-03-10"), {}, "as_of must be a datetime.date"),
            ((account(), datetime(2026, 3, 10)), {}, "as_of must be a datetime.date"),
            ((account(), d(3, 10)), {"policy": None}, "policy must be a Policy"),
            ((account(), d(3, 10)), {"calendar": 1}, "calendar must be a WorkCalendar"),
        ],
    )
    def test_bad_input_is_refused(
        self, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            dunning(*args, **kwargs)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("acct", "as_of", "en", "zh", "clause"),
        [
            (account(), d(3, 5), ("B-6 not yet due on 2026-03-05: if still unpaid, notify from "
             "2026-03-10"), "B-6 於2026年3月5日尚未逾期：如仍未繳，自2026年3月10日起通知", B_6),
            (account((d(3, 3), 300)), d(3, 12), "B-6 paid in full: no action",
             "B-6 已全數繳清，無需處理", B_6),
            (account((d(3, 3), 350)), d(3, 12), ("B-6 overpaid by CNY 50.00: a credit for the "
             "user, no action"), "B-6 溢繳CN¥50.00，列為用戶預存款，無需處理", B_6),
            (account(), d(3, 10), ("B-7 unpaid after the deadline and not yet notified: notify "
             "the user by phone or in writing (due since 2026-03-10)"),
             "B-7 逾期未繳且尚未通知：電話通知或書面通知用戶（自2026年3月10日起）", B_7),
            (account(notified=NOTICE), d(3, 11), ("B-8 notified on 2026-03-10: the 3 days after "
             "it, 2026-03-11 to 2026-03-13, are the user's; wait, and serve the arrears notice "
             "from 2026-03-14 if still unpaid"),
             ("B-8 已於2026年3月10日通知：其後3日（2026年3月11日至2026年3月13日）為用戶繳費期；"
              "等待，如仍未繳，自2026年3月14日起下達催繳通知單"), B_8),
            (account(notified=NOTICE), d(3, 14), ("B-8 notified on 2026-03-10: the 3 days after "
             "it, 2026-03-11 to 2026-03-13, have passed and the bill is still unpaid: serve the "
             "arrears notice (due since 2026-03-14)"),
             ("B-8 已於2026年3月10日通知：其後3日（2026年3月11日至2026年3月13日）已過，仍未繳："
              "下達「氣費催繳通知單」（自2026年3月14日起）"), B_8),
            (account(notified=NOTICE, arrears=ARREARS), d(3, 15), ("B-8 arrears notice served "
             "on 2026-03-14: the 3 days after it, 2026-03-15 to 2026-03-17, are the user's; "
             "wait, and cut-off may proceed from 2026-03-18 if still unpaid"),
             ("B-8 已於2026年3月14日下達催繳通知單：其後3日（2026年3月15日至2026年3月17日）"
              "為用戶繳費期；等待，如仍未繳，自2026年3月18日起可作停氣處理"), B_8),
            (account(notified=NOTICE, arrears=ARREARS), d(3, 18), ("B-8 arrears notice served "
             "on 2026-03-14: the 3 days after it, 2026-03-15 to 2026-03-17, have passed and the "
             "bill is still unpaid: gas cut-off may proceed (due since 2026-03-18)"),
             ("B-8 已於2026年3月14日下達催繳通知單：其後3日（2026年3月15日至2026年3月17日）"
              "已過，仍未繳：可作停氣處理（自2026年3月18日起）"), B_8),
        ],
    )  # fmt: skip
    def test_the_explanation_ends_with_the_step_in_both_languages(
        self, acct: AccountState, as_of: date, en: str, zh: str, clause: object
    ) -> None:
        result = dunning(acct, as_of)
        assert result.explain().splitlines()[-1] == en
        assert result.explain("zh-Hant").splitlines()[-1] == zh
        assert result.clauses[0] == B_6
        assert result.clauses[-1] == clause

    def test_the_explanation_states_the_deadline_and_the_balance(self) -> None:
        result = dunning(account((d(3, 5), 100), (d(3, 21), 50), notified=d(3, 22)), d(3, 20))
        assert result.explain().splitlines() == [
            (
                "B-6 payment of the gas bill is due 7 calendar days after 2026-03-02, "
                "on 2026-03-09 (that day is still on time)"
            ),
            "B-6 billed CNY 300.00, paid CNY 100.00 by 2026-03-20: balance CNY 200.00",
            "1 payment(s) dated after 2026-03-20 are not counted",
            "served after 2026-03-20, so not counted: the notice",
            (
                "B-7 unpaid after the deadline and not yet notified: notify the user by phone "
                "or in writing (due since 2026-03-10)"
            ),
        ]
        assert result.explain("zh-Hant").splitlines()[2:4] == [
            "2026年3月20日之後的1筆繳款不計入",
            "於2026年3月20日之後送達，不計入：電話或書面通知",
        ]

    def test_a_later_arrears_notice_is_named(self) -> None:
        result = dunning(account(notified=NOTICE, arrears=d(3, 20)), d(3, 15))
        assert "served after 2026-03-15, so not counted: the arrears notice" in result.explain()
        assert "催繳通知單" in result.explain("zh-Hant")

    def test_the_result_repr_shows_the_decision(self) -> None:
        text = repr(dunning(account(), d(3, 10)))
        assert text.startswith("Dunning(account=AccountState(account='A-1'")
        assert "action=Action.NOTIFY" in text
        assert "policy=" not in text

    def test_levels_order_the_steps(self) -> None:
        notified = account(notified=NOTICE)
        served = account(notified=NOTICE, arrears=ARREARS)
        cases = [(served, d(3, 5)), (account(), d(3, 10)), (notified, d(3, 11)),
                 (notified, d(3, 14)), (served, d(3, 15)), (served, d(3, 18))]  # fmt: skip
        assert [dunning(acct, day).level for acct, day in cases] == [0, 1, 2, 3, 4, 5]

    @given(account_states(with_payments=False), st.lists(st.integers(0, 60), min_size=2))
    def test_the_escalation_never_falls_as_time_passes_while_unpaid(
        self, acct: AccountState, offsets: list[int]
    ) -> None:
        acct = attrs.evolve(acct, billed=acct.billed + cny("0.01"))
        days = sorted(acct.delivered + timedelta(days=n) for n in offsets)
        levels = [dunning(acct, day).level for day in days]
        assert levels == sorted(levels)
        assert all(0 <= level <= 5 for level in levels)

    @given(account_states(), st.integers(-5, 60))
    def test_paying_the_full_balance_always_yields_nothing(
        self, acct: AccountState, offset: int
    ) -> None:
        as_of = acct.delivered + timedelta(days=offset)
        owed = dunning(acct, as_of).balance
        if owed.minor > 0:
            acct = attrs.evolve(acct, payments=(*acct.payments, Payment(as_of, owed)))
        result = dunning(acct, as_of)
        assert result.action is Action.NOTHING
        assert result.on is None
        assert result.balance.minor <= 0

    @given(account_states(), st.integers(-5, 60), st.data())
    def test_payments_after_the_as_of_date_never_change_the_result(
        self, acct: AccountState, offset: int, data: st.DataObject
    ) -> None:
        as_of = acct.delivered + timedelta(days=offset)
        later = data.draw(
            st.lists(st.tuples(st.integers(1, 30), st.integers(1, 10**6)), min_size=1)
        )
        extra = tuple(Payment(as_of + timedelta(days=n), Money.from_minor(m, "CNY"))
                      for n, m in later)  # fmt: skip
        before = dunning(acct, as_of)
        after = dunning(attrs.evolve(acct, payments=acct.payments + extra), as_of)
        assert (after.action, after.on, after.due, after.balance) == (
            before.action, before.on, before.due, before.balance
        )  # fmt: skip

    @given(account_states(), st.integers(-5, 60))
    def test_the_balance_is_billed_minus_paid_and_the_step_follows_it(
        self, acct: AccountState, offset: int
    ) -> None:
        as_of = acct.delivered + timedelta(days=offset)
        result = dunning(acct, as_of)
        assert result.balance == acct.billed - acct.paid_by(as_of)
        assert (result.action is Action.NOTHING) is (
            result.balance.minor <= 0 or as_of <= result.due
        )
        assert result.clauses[0] == B_6
        assert result.explain("en")
        assert result.explain("zh-Hant")

    @settings(max_examples=200)
    @given(account_states(), st.integers(-5, 60))
    def test_the_roll_never_makes_a_step_due_earlier(self, acct: AccountState, offset: int) -> None:
        as_of = acct.delivered + timedelta(days=offset)
        plain = dunning(acct, as_of)
        try:
            rolled = dunning(acct, as_of, policy=ROLL)
        except InvalidInputError:  # a notice the rolled deadline makes premature
            return
        assert rolled.level <= plain.level
        assert rolled.due >= plain.due


class TestArrearsNoticeFallsDue:
    """B-8: the three days after a notice are the user's; the next step falls due the day after."""

    # a sheet delivered on 20 February 2026 is due on the 27th; the notice comes on 3 March
    ON_THE_3RD = account(delivered=d(2, 20), notified=d(3, 3))
    COLLOQUIAL = Policy().updated({"billing.escalate_on_last_day": True})

    @pytest.mark.parametrize(
        ("as_of", "action", "on"),
        [
            (d(3, 4), Action.WAIT, d(3, 7)),
            (d(3, 5), Action.WAIT, d(3, 7)),
            (d(3, 6), Action.WAIT, d(3, 7)),  # the third day is still the user's
            (d(3, 7), Action.ARREARS_NOTICE, d(3, 7)),
            (d(3, 9), Action.ARREARS_NOTICE, d(3, 7)),
        ],
    )
    def test_a_notice_on_the_3rd_leaves_the_4th_to_the_6th_to_the_user(
        self, as_of: date, action: Action, on: date
    ) -> None:
        result = dunning(self.ON_THE_3RD, as_of)
        assert (result.action, result.on) == (action, on)

    def test_an_arrears_notice_on_the_third_day_is_too_early(self) -> None:
        with pytest.raises(InvalidInputError, match="must be on or after 2026-03-07"):
            dunning(attrs.evolve(self.ON_THE_3RD, arrears_notice=d(3, 6)), d(3, 20))

    @pytest.mark.parametrize(
        ("arrears", "as_of", "action", "on"),
        [
            (d(3, 7), d(3, 10), Action.WAIT, d(3, 11)),  # the 8th to the 10th are the user's
            (d(3, 7), d(3, 11), Action.CUTOFF_ELIGIBLE, d(3, 11)),
        ],
    )
    def test_cut_off_likewise_waits_three_whole_days(
        self, arrears: date, as_of: date, action: Action, on: date
    ) -> None:
        result = dunning(attrs.evolve(self.ON_THE_3RD, arrears_notice=arrears), as_of)
        assert (result.action, result.on) == (action, on)

    def test_with_the_roll_the_last_day_moves_and_the_step_follows_it(self) -> None:
        # notice on Monday 28 September 2026: the last of its three days, 1 October, is a
        # holiday; the period ends on the next working day, 8 October, and the step is the 9th
        acct = account(delivered=d(9, 10), notified=d(9, 28))
        assert dunning(acct, d(10, 8), policy=ROLL).action is Action.WAIT
        result = dunning(acct, d(10, 9), policy=ROLL)
        assert (result.action, result.on) == (Action.ARREARS_NOTICE, d(10, 9))

    @pytest.mark.parametrize(
        ("acct", "as_of", "policy", "action", "on"),
        [
            (ON_THE_3RD, d(3, 6), COLLOQUIAL, Action.ARREARS_NOTICE, d(3, 6)),
            (ON_THE_3RD, d(3, 5), COLLOQUIAL, Action.WAIT, d(3, 6)),
            (attrs.evolve(ON_THE_3RD, arrears_notice=d(3, 6)), d(3, 9), COLLOQUIAL,
             Action.CUTOFF_ELIGIBLE, d(3, 9)),
            (account(delivered=d(9, 10), notified=d(9, 28)), d(10, 8),
             COLLOQUIAL.updated({"general.roll_to_working_day": True}), Action.ARREARS_NOTICE,
             d(10, 8)),
        ],
    )  # fmt: skip
    def test_the_colloquial_reading_gives_the_third_day_itself(
        self, acct: AccountState, as_of: date, policy: Policy, action: Action, on: date
    ) -> None:
        result = dunning(acct, as_of, policy=policy)
        assert (result.action, result.on) == (action, on)

    @pytest.mark.parametrize(
        ("acct", "as_of", "en", "zh"),
        [
            (ON_THE_3RD, d(3, 5), ("B-8 notified on 2026-03-03: wait; read colloquially, serve "
             "the arrears notice on day 3 after it itself, 2026-03-06, if still unpaid"),
             ("B-8 已於2026年3月3日通知：等待；按口語理解，如仍未繳，於其後第3日當日"
              "（2026年3月6日）下達催繳通知單")),
            (ON_THE_3RD, d(3, 6), ("B-8 notified on 2026-03-03 and still unpaid on day 3 after "
             "it, 2026-03-06 (read colloquially): serve the arrears notice"),
             ("B-8 已於2026年3月3日通知，至其後第3日（2026年3月6日，按口語理解）仍未繳："
              "下達「氣費催繳通知單」")),
            (attrs.evolve(ON_THE_3RD, arrears_notice=d(3, 6)), d(3, 7), ("B-8 arrears notice "
             "served on 2026-03-06: wait; read colloquially, cut-off may proceed on day 3 after "
             "it itself, 2026-03-09, if still unpaid"),
             ("B-8 已於2026年3月6日下達催繳通知單：等待；按口語理解，如仍未繳，於其後第3日當日"
              "（2026年3月9日）可作停氣處理")),
            (attrs.evolve(ON_THE_3RD, arrears_notice=d(3, 6)), d(3, 9), ("B-8 arrears notice "
             "served on 2026-03-06 and still unpaid on day 3 after it, 2026-03-09 (read "
             "colloquially): gas cut-off may proceed"),
             ("B-8 已於2026年3月6日下達催繳通知單，至其後第3日（2026年3月9日，按口語理解）仍未繳："
              "可作停氣處理")),
        ],
    )  # fmt: skip
    def test_the_colloquial_reading_explains_itself(
        self, acct: AccountState, as_of: date, en: str, zh: str
    ) -> None:
        result = dunning(acct, as_of, policy=self.COLLOQUIAL)
        assert result.explain().splitlines()[-1] == en
        assert result.explain("zh-Hant").splitlines()[-1] == zh

    def test_a_step_past_the_last_date_is_an_error(self) -> None:
        acct = account(delivered=date(9999, 12, 20), notified=date(9999, 12, 28))
        with pytest.raises(InvalidInputError, match=r"ends on 9999-12-31, so the next step"):
            dunning(acct, date(9999, 12, 30))

    @given(account_states(), st.integers(0, 40), st.booleans())
    def test_the_arrears_notice_never_falls_due_before_the_fourth_day(
        self, acct: AccountState, offset: int, roll: bool
    ) -> None:
        policy = ROLL if roll else Policy()
        if acct.notified is None:
            return
        try:
            result = dunning(acct, acct.notified + timedelta(days=offset), policy=policy)
        except InvalidInputError:  # a notice the rolled deadline makes premature
            return
        fourth = acct.notified + timedelta(days=4)
        if result.level in (2, 3):
            assert result.on is not None
            assert result.on >= fourth
            assert (result.level == 3) is (result.as_of >= result.on)
        if result.level >= 3:
            assert result.as_of >= fourth
        if acct.arrears_notice is not None and result.level >= 4:
            assert result.on is not None
            assert result.on >= acct.arrears_notice + timedelta(days=4)

    @given(account_states(), st.integers(0, 40), st.booleans())
    def test_the_colloquial_reading_is_exactly_one_day_earlier(
        self, acct: AccountState, offset: int, roll: bool
    ) -> None:
        policy = ROLL if roll else Policy()
        if acct.notified is None:
            return
        as_of = acct.notified + timedelta(days=offset)
        try:
            whole = dunning(acct, as_of, policy=policy)
        except InvalidInputError:
            return
        early = dunning(acct, as_of, policy=policy.updated({"billing.escalate_on_last_day": True}))
        if whole.level >= 2:
            assert early.on is not None
            assert whole.on == early.on + timedelta(days=1)
            assert early.level >= whole.level


class TestTheTourShowsB8:
    def test_a_tour_step_shows_the_notice_the_three_whole_days_and_the_due_date(self) -> None:
        values = [run_step(step).value for step in STEPS if "(B-8)" in step.title_en]
        texts = [value.explain() for value in values if isinstance(value, Dunning)]
        assert any(
            "notified on 2026-03-10: the 3 days after it, 2026-03-11 to 2026-03-13, are the "
            "user's; wait, and serve the arrears notice from 2026-03-14" in text
            for text in texts
        )


class TestDunningRun:
    def test_the_run_streams_one_result_per_account_in_order(self) -> None:
        accounts = [account(), account((d(3, 3), 300)), account(notified=NOTICE)]
        found = [r.action for r in dunning_run(iter(accounts), d(3, 11))]
        assert found == [Action.NOTIFY, Action.NOTHING, Action.WAIT]

    def test_the_run_is_lazy_and_takes_an_endless_stream(self) -> None:
        endless = itertools.cycle([account(), account(notified=NOTICE)])
        first = list(itertools.islice(dunning_run(endless, d(3, 14)), 5))
        assert [r.action for r in first] == [Action.NOTIFY, Action.ARREARS_NOTICE] * 2 + [
            Action.NOTIFY
        ]

    def test_a_bad_account_raises_when_the_stream_reaches_it(self) -> None:
        def accounts() -> Iterator[object]:
            yield account()
            yield "A-2"

        run = dunning_run(accounts(), d(3, 10))  # type: ignore[arg-type]
        assert next(run).action is Action.NOTIFY
        with pytest.raises(InvalidInputError, match="accounts must hold AccountState values"):
            next(run)

    @pytest.mark.parametrize(
        ("accounts", "as_of", "kwargs", "message"),
        [
            (42, d(3, 10), {}, "accounts must be an iterable of AccountState"),
            ([], "2026-03-10", {}, "as_of must be a datetime.date"),
            ([], d(3, 10), {"policy": 1}, "policy must be a Policy"),
        ],
    )
    def test_bad_arguments_are_refused_at_the_call(
        self, accounts: object, as_of: object, kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            dunning_run(accounts, as_of, **kwargs)  # type: ignore[arg-type]

    def test_the_date_cache_stays_bounded_and_correct(self) -> None:
        start = date(2000, 1, 1)
        accounts = [account(delivered=start + timedelta(days=i)) for i in range(4200)]
        as_of = start + timedelta(days=4300)
        found = list(dunning_run(accounts, as_of))
        assert [r.due for r in found] == [a.delivered + timedelta(days=7) for a in accounts]

    @settings(max_examples=300)
    @given(st.lists(account_states(), max_size=8), st.integers(-5, 60), st.booleans())
    def test_the_run_equals_the_single_function_mapped(
        self, accounts: list[AccountState], offset: int, roll: bool
    ) -> None:
        as_of = date(2025, 6, 1) + timedelta(days=offset)
        policy = ROLL if roll else Policy()

        def one(acct: AccountState) -> Dunning | str:
            try:
                return dunning(acct, as_of, policy=policy)
            except CustPolicyError as error:
                return str(error)

        expected = [one(a) for a in accounts]
        found: list[Dunning | str] = []
        run = dunning_run(accounts, as_of, policy=policy)
        while True:
            try:
                found.append(next(run))
            except StopIteration:
                break
            except CustPolicyError as error:
                found.append(str(error))
                break
        assert found == expected[: len(found)]
        assert len(found) == len(expected) or isinstance(found[-1], str)


# -- B-2.1 ---------------------------------------------------------------------------------------


class TestProvisionalYears:
    """Issue 14: a B-6/B-8 answer that rolls over a day of a provisional year says so, in both
    languages; an answer that reads no such day is the same as on the published calendar."""

    @pytest.mark.parametrize(
        ("calendar", "due", "provisional"),
        [
            # 29 Jan + 7 = Friday 5 Feb, New Year's Eve: the forecast has 5-8 Feb off
            (FORECAST, date(2027, 2, 9), True),
            # the notice a user added runs the Spring Festival to 12 Feb
            (CONFIRMED, date(2027, 2, 15), False),
        ],
    )
    def test_a_2027_payment_deadline_with_a_provisional_or_a_user_added_year(
        self, calendar: WorkCalendar, due: date, provisional: bool
    ) -> None:
        d = payment_deadline(date(2027, 1, 29), policy=ROLL, calendar=calendar)
        assert (d.due, d.provisional) == (due, provisional)
        assert bool(notes(d.reasons)) is provisional

    def test_a_2027_payment_deadline_without_the_opt_in_is_a_coverage_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            payment_deadline(date(2027, 1, 29), policy=ROLL)

    def test_a_dunning_step_after_a_period_rolled_over_new_year_is_provisional(self) -> None:
        # due Sunday 27 Dec, rolled to Monday 28 Dec; the notice of 29 Dec gives the user
        # 30 Dec to 1 Jan, and 1 Jan 2027 (a Friday) rolls to Monday 4 Jan
        acct = AccountState(
            "A-1", date(2026, 12, 20), Money(100, "CNY"), notified=date(2026, 12, 29)
        )
        step = dunning(acct, date(2027, 1, 5), policy=ROLL, calendar=FORECAST)
        assert (step.action, step.on, step.due) == (
            Action.ARREARS_NOTICE, date(2027, 1, 5), date(2026, 12, 28)
        )  # fmt: skip
        assert step.provisional
        assert step.explain().splitlines()[-1] == f"B-8 {NOTE_EN}"
        assert step.explain("zh-Hant").splitlines()[-1] == f"B-8 {NOTE_ZH}"
        assert len(notes(step.reasons)) == 1
        same = dunning(acct, date(2027, 1, 5), policy=ROLL, calendar=SAME)
        assert same == step
        assert not same.provisional
        assert same.reasons == without_notes(step.reasons)

    def test_a_dunning_step_inside_the_published_years_is_not_provisional(self) -> None:
        acct = AccountState("A-1", date(2026, 12, 1), Money(100, "CNY"), notified=date(2026, 12, 9))
        step = dunning(acct, date(2026, 12, 14), policy=ROLL, calendar=FORECAST)
        published = dunning(acct, date(2026, 12, 14), policy=ROLL)
        assert not step.provisional
        for lang in ("en", "zh-Hant"):
            assert step.explain(lang) == published.explain(lang)

    @given(
        st.dates(date(2026, 11, 15), date(2027, 1, 31)),
        st.integers(1, 20),
        st.integers(0, 60),
        st.booleans(),
    )
    def test_provisional_exactly_when_the_step_reads_a_day_of_2027(
        self, delivered: date, notice_after: int, as_of_after: int, notify: bool
    ) -> None:
        due = payment_deadline(delivered, policy=ROLL, calendar=FORECAST).due
        notified = due + timedelta(days=notice_after) if notify else None
        acct = AccountState("A-1", delivered, Money(100, "CNY"), notified=notified)
        as_of = delivered + timedelta(days=as_of_after)
        forecast = dunning(acct, as_of, policy=ROLL, calendar=FORECAST)
        same = dunning(acct, as_of, policy=ROLL, calendar=SAME)
        assert same == forecast
        assert not same.provisional
        assert same.reasons == without_notes(forecast.reasons)
        assert len(notes(forecast.reasons)) == forecast.provisional
        try:
            published = dunning(acct, as_of, policy=ROLL, calendar=PUBLISHED)
        except CalendarCoverageError:
            assert forecast.provisional
        else:
            assert not forecast.provisional
            assert published.explain("zh-Hant") == forecast.explain("zh-Hant")

    def test_a_collection_rate_measured_at_a_provisional_deadline_is_provisional(self) -> None:
        bills = [
            AccountState("A-1", date(2027, 1, 29), Money(100, "CNY"),
                         [Payment(date(2027, 2, 9), Money(100, "CNY"))]),
        ]  # fmt: skip
        forecast = collection_rate(bills, policy=ROLL, calendar=FORECAST)
        assert (forecast.rate, forecast.provisional, forecast.provisional_years) == (
            Decimal(1), True, (2027,)
        )  # fmt: skip
        assert forecast.explain().splitlines()[-1] == f"B-2.2 {NOTE_EN}"
        assert forecast.explain("zh-Hant").splitlines()[-1] == f"B-2.2 {NOTE_ZH}"
        confirmed = collection_rate(bills, policy=ROLL, calendar=CONFIRMED)
        assert (confirmed.rate, confirmed.provisional) == (Decimal(1), False)
        assert not notes(confirmed.reasons)

    def test_a_collection_rate_without_the_roll_reads_no_calendar(self) -> None:
        bills = [AccountState("A-1", date(2027, 1, 29), Money(100, "CNY"))]
        assert not collection_rate(bills, calendar=FORECAST).provisional
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            collection_rate(bills, policy=ROLL)

    @given(st.dates(date(2026, 11, 15), date(2027, 1, 31)), st.booleans())
    def test_the_rate_is_provisional_exactly_when_it_reads_a_day_of_2027(
        self, delivered: date, measured: bool
    ) -> None:
        bills = [AccountState("A-1", delivered, Money(100, "CNY"))]
        measured_on = delivered + timedelta(days=5) if measured else None
        forecast = collection_rate(bills, measured_on=measured_on, policy=ROLL, calendar=FORECAST)
        same = collection_rate(bills, measured_on=measured_on, policy=ROLL, calendar=SAME)
        assert same == attrs.evolve(forecast, provisional_years=())
        assert same.reasons == without_notes(forecast.reasons)
        try:
            collection_rate(bills, measured_on=measured_on, policy=ROLL, calendar=PUBLISHED)
        except CalendarCoverageError:
            assert forecast.provisional
        else:
            assert not forecast.provisional


class TestReadingRate:
    @pytest.mark.parametrize(
        ("read", "due", "rate", "meets"),
        [
            (489, 500, Decimal("0.978"), False),
            (490, 500, Decimal("0.98"), True),
            (500, 500, Decimal(1), True),
            (0, 3, Decimal(0), False),
            (2, 3, Decimal("0.6666666666666666666666666667"), False),
        ],
    )
    def test_the_rate_against_the_standard(
        self, read: int, due: int, rate: Decimal, meets: bool
    ) -> None:
        result = reading_rate(read, due, policy=STANDARD)
        assert (result.rate, result.meets_standard) == (rate, meets)
        assert result.exact == Fraction(read, due)
        assert result.clauses == (B_2_1,)

    def test_no_meter_due_is_an_explained_undefined_rate(self) -> None:
        result = reading_rate(0, 0, policy=STANDARD)
        assert (result.rate, result.exact, result.meets_standard) == (None, None, None)
        assert result.explain() == (
            "B-2.1 no meter was due, so the reading rate is undefined (0 of 0), and there is "
            "nothing to compare with the standard 0.98"
        )
        assert (
            result.explain("zh-Hant")
            == "B-2.1 本期無應抄用戶，抄收率無從計算（0/0），不與標準98%比較"
        )

    def test_the_explanation_in_both_languages(self) -> None:
        result = reading_rate(490, 500, policy=STANDARD)
        assert result.explain() == (
            "B-2.1 490 of 500 meters read: 98.00 %, meets the company standard 0.98"
        )
        assert (
            result.explain("zh-Hant") == "B-2.1 應抄500戶，實抄490戶，抄收率98.00%，達到公司標準98%"
        )

    def test_an_unset_standard_is_named(self) -> None:
        with pytest.raises(ParameterNotSetError, match=r"billing\.reading_rate_standard") as caught:
            reading_rate(1, 1)
        assert caught.value.parameter == "billing.reading_rate_standard"

    @pytest.mark.parametrize(
        ("read", "due", "message"),
        [
            (6, 5, "read must not exceed due, got read=6 and due=5"),
            (-1, 5, "read must be an int of at least 0"),
            (True, 5, "read must be an int"),
            (1, 5.0, "due must be an int"),
        ],
    )
    def test_bad_counts_are_refused(self, read: object, due: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            reading_rate(read, due, policy=STANDARD)  # type: ignore[arg-type]

    def test_a_bad_policy_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            reading_rate(1, 1, policy="strict")  # type: ignore[arg-type]

    @given(st.integers(0, 10**6), st.integers(1, 10**6),
           st.decimals(min_value=0, max_value=1, places=4))  # fmt: skip
    def test_the_rate_is_exact_and_the_verdict_compares_exactly(
        self, read: int, extra: int, standard: Decimal
    ) -> None:
        due = read + extra
        policy = Policy().updated({"billing.reading_rate_standard": standard})
        result = reading_rate(read, due, policy=policy)
        assert result.exact == Fraction(read, due)
        assert result.rate == Context(prec=28).divide(Decimal(read), Decimal(due))
        assert result.meets_standard is (read >= standard * due)


# -- B-2.2 ---------------------------------------------------------------------------------------


def bill(key: str, amount: str | int, *payments: tuple[date, str | int]) -> AccountState:
    return AccountState(
        key, DELIVERED, cny(amount), [Payment(day, cny(paid)) for day, paid in payments]
    )


class TestCollectionRate:
    BILLS = (
        bill("A-1", 100, (d(3, 4), 100)),  # prompt
        bill("A-2", 300, (d(3, 9), 270)),  # part, on the last day
        bill("A-3", 600, (d(3, 3), 600)),  # prompt
        bill("A-4", 1000, (d(3, 10), 1000)),  # a day late
    )

    @pytest.mark.parametrize(
        ("kwargs", "rate", "meets", "prompt"),
        [
            ({}, Fraction(970, 2000), False, Fraction(700, 2000)),
            ({"basis": "count"}, Fraction(2, 4), False, Fraction(2, 4)),
            ({"measured_on": d(3, 31)}, Fraction(1970, 2000), True, Fraction(700, 2000)),
            ({"measured_on": d(3, 31), "basis": "count"}, Fraction(3, 4), False,
             Fraction(2, 4)),
            ({"measured_on": d(3, 3)}, Fraction(600, 2000), False, Fraction(700, 2000)),
        ],
    )  # fmt: skip
    def test_worked_cases(
        self, kwargs: dict[str, object], rate: Fraction, meets: bool, prompt: Fraction
    ) -> None:
        result = collection_rate(self.BILLS, **kwargs)  # type: ignore[arg-type]
        assert (result.exact, result.meets_target, result.prompt_exact) == (rate, meets, prompt)
        assert result.rate == Decimal(rate.numerator) / Decimal(rate.denominator)
        assert result.clauses == (B_2_2,)

    def test_the_basis_default_comes_from_the_policy(self) -> None:
        by_count = Policy().updated({"billing.collection_basis": "count"})
        assert collection_rate(self.BILLS, policy=by_count).basis == "count"

    def test_the_target_is_met_at_exactly_95_percent(self) -> None:
        bills = [bill("A", 100, (d(3, 5), 95)), bill("B", 100, (d(3, 5), 95))]
        assert collection_rate(bills).meets_target is True
        short = [bill("A", 100, (d(3, 5), 95)), bill("B", 100, (d(3, 5), "94.99"))]
        assert collection_rate(short).meets_target is False

    def test_an_overpayment_is_credit_not_collection(self) -> None:
        bills = [bill("A", 100, (d(3, 5), 150)), bill("B", 100)]
        result = collection_rate(bills)
        assert (result.collected, result.credit, result.rate) == (cny(100), cny(50), Decimal("0.5"))
        assert "B-2.2 overpayments of CNY 50.00 are credit, not collection of these bills" in (
            result.explain()
        )
        assert "溢繳CN¥50.00列為預存款，不計入本期回收" in result.explain("zh-Hant")

    def test_nothing_billed_is_an_explained_undefined_rate(self) -> None:
        for bills in ([], [bill("A", 0)]):
            result = collection_rate(bills)
            assert (result.rate, result.exact, result.meets_target) == (None, None, None)
            assert (result.prompt_rate, result.prompt_exact) == (None, None)
            assert result.explain().splitlines()[-1] == (
                "B-2.2 nothing was billed, so the collection rate is undefined and is not "
                "compared with the target 0.95"
            )
            assert result.explain("zh-Hant").splitlines()[-1] == (
                "B-2.2 本期無應收，回收率無從計算，不與目標95%比較"
            )
        assert collection_rate([]).billed == cny(0)
        assert collection_rate([bill("A", 0)], basis="count").rate == Decimal(1)

    def test_the_explanation_in_both_languages(self) -> None:
        result = collection_rate(self.BILLS)
        assert result.explain().splitlines() == [
            (
                "B-2.2 4 bill(s) billed CNY 2,000.00; collected CNY 970.00 (2 paid in full) "
                "at each bill's payment deadline; measured by amount"
            ),
            "B-2.2 collection rate 48.50 %: falls below the target 0.95",
            "B-2.2 paid within 3 days of delivery: 35.00 %",
        ]
        on_date = collection_rate(self.BILLS, measured_on=d(3, 31), basis="count")
        assert on_date.explain("zh-Hant").splitlines() == [
            (
                "B-2.2 共4張帳單，應收CN¥2,000.00；截至2026年3月31日實收CN¥1,970.00"
                "（3張全數繳清）；按張數計算"
            ),
            "B-2.2 回收率75.00%，未達目標95%",
            "B-2.2 送達後3日內繳納：50.00%",
        ]
        assert "meets the target" in collection_rate(self.BILLS, measured_on=d(3, 31)).explain()
        assert "達到目標" in collection_rate(self.BILLS, measured_on=d(3, 31)).explain("zh-Hant")

    def test_the_roll_extends_each_bills_deadline(self) -> None:
        late = AccountState("A", d(9, 24), cny(100), [Payment(d(10, 8), cny(100))])
        assert collection_rate([late]).rate == 0
        assert collection_rate([late], policy=ROLL).rate == 1

    @pytest.mark.parametrize(
        ("bills", "kwargs", "error", "message"),
        [
            (5, {}, InvalidInputError, "bills must be an iterable of AccountState"),
            (["A"], {}, InvalidInputError, "bills must hold AccountState values"),
            ([bill("A", 1), AccountState("B", DELIVERED, Money(1, "TWD"))], {},
             CurrencyMismatchError, "bills must share one currency, got CNY and TWD"),
            ([], {"basis": "amounts"}, InvalidInputError, "basis must be 'amount' or 'count'"),
            ([], {"measured_on": "2026-03-31"}, InvalidInputError, "measured_on must be"),
            ([], {"policy": None}, InvalidInputError, "policy must be a Policy"),
            ([], {"calendar": "cn"}, InvalidInputError, "calendar must be a WorkCalendar"),
        ],
    )  # fmt: skip
    def test_bad_input_is_refused(
        self, bills: object, kwargs: dict[str, object], error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            collection_rate(bills, **kwargs)  # type: ignore[arg-type]

    @settings(max_examples=400)  # generating lists of bills is the cost
    @given(
        st.lists(account_states(), max_size=10),
        st.one_of(st.none(), billing_dates),
        st.sampled_from(["amount", "count"]),
    )
    def test_the_rate_is_exactly_collected_over_billed(
        self, bills: list[AccountState], measured_on: date | None, basis: str
    ) -> None:
        result = collection_rate(bills, measured_on=measured_on, basis=basis)  # type: ignore[arg-type]
        assert result.bills == len(bills)
        assert result.billed == sum((b.billed for b in bills), cny(0))
        if basis == "amount":
            expected = (
                Fraction(result.collected.minor, result.billed.minor) if result.billed else None
            )
        else:
            expected = Fraction(result.paid_bills, len(bills)) if bills else None
        assert result.exact == expected
        if expected is None:
            assert result.rate is None
            return
        assert 0 <= expected <= 1
        assert result.rate == Context(prec=28).divide(
            Decimal(expected.numerator), Decimal(expected.denominator)
        )
        assert result.meets_target is (expected >= Decimal("0.95"))
        assert result.prompt_exact is not None
        assert 0 <= result.prompt_exact <= 1

    @settings(max_examples=300)  # generating lists of bills is the cost
    @given(st.lists(account_states(), max_size=10), st.randoms())
    def test_without_overpayment_collected_is_what_was_paid_and_order_does_not_matter(
        self, bills: list[AccountState], rnd: random.Random
    ) -> None:
        bills = [attrs.evolve(b, payments=()) if b.paid_by(date(2030, 1, 1)) > b.billed else b
                 for b in bills]  # fmt: skip
        result = collection_rate(bills)
        assert result.credit == cny(0)
        paid = sum(b.paid_by(payment_deadline(b.delivered).due).minor for b in bills)
        assert result.collected.minor == paid
        shuffled = list(bills)
        rnd.shuffle(shuffled)
        assert collection_rate(shuffled) == result


# -- B-5 -----------------------------------------------------------------------------------------


def sheet(key: str, kind: UserClass, volume: str, amount: str, day: int = 21) -> SettlementSheet:
    return SettlementSheet(key, f"A-{key}", kind, d(3, day), volume, cny(amount))


SHEETS = (
    sheet("S-1", COM, "120.5", "480.00"),
    sheet("S-2", COM, "80", "320.00", 25),
    sheet("S-3", PW, "300.25", "900.75", 20),
    sheet("S-4", RES, "12", "36.00", 2),
)


def totals(volume: str, amount: str) -> ReportTotals:
    return ReportTotals(volume, cny(amount))


class TestMonthlyReport:
    def test_the_report_adds_up_the_sheets_per_class_and_overall(self) -> None:
        report = monthly_report(2026, 3, SHEETS)
        assert report.by_class == (
            (PW, totals("300.25", "900.75")),
            (COM, totals("200.5", "800.00")),
            (RES, totals("12", "36.00")),
        )
        assert report.overall == totals("512.75", "1736.75")
        assert report.totals(COM) == totals("200.5", "800.00")

    def test_no_sheets_give_a_zero_report_in_the_policy_currency(self) -> None:
        report = monthly_report(2026, 3, [])
        assert (report.by_class, report.overall) == ((), ReportTotals(0, cny(0)))
        assert report.totals(RES) is None

    def test_a_leap_day_sheet_belongs_to_february(self) -> None:
        leap = SettlementSheet("S-9", "A-9", RES, d(2, 29, 2024), 3, cny(9))
        assert monthly_report(2024, 2, [leap]).overall == totals("3", "9")
        with pytest.raises(InvalidInputError, match="outside the report's month 2024-03"):
            monthly_report(2024, 3, [leap])

    def test_the_lines_are_kept_in_class_order_and_a_mapping_is_accepted(self) -> None:
        report = MonthlyReport(2026, 3, {RES: totals("1", "1"), PW: totals("2", "2")},
                               totals("3", "3"))  # fmt: skip
        assert [c for c, _ in report.by_class] == [PW, RES]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((2026, 3, [(COM, totals("1", "1"))] * 2, totals("1", "1")), "at most once"),
            ((2026, 3, [("commercial", totals("1", "1"))], totals("1", "1")), "by_class must"),
            ((2026, 3, [(COM, "1")], totals("1", "1")), "by_class must map"),
            ((2026, 3, [(COM,)], totals("1", "1")), "by_class must map"),
            ((2026, 3, "lines", totals("1", "1")), "by_class must map"),
            ((2026, 3, (), ("1", cny(1))), "overall must be ReportTotals"),
            ((2026, 0, (), totals("1", "1")), "month must be an int from 1 to 12"),
            ((10000, 1, (), totals("1", "1")), "year must be an int from 1 to 9999"),
        ],
    )
    def test_bad_reports_are_refused(self, args: tuple[object, ...], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            MonthlyReport(*args)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("volume", "message"),
        [
            (1.5, "floats are inexact"),
            ("-1", "volume must be a finite Decimal volume in m³ of at least 0"),
            ("lots", "volume must be a finite Decimal"),
            (Decimal("NaN"), "volume must be a finite Decimal"),
            (None, "volume must be a finite Decimal"),
        ],
    )
    def test_volumes_must_be_exact_and_not_negative(self, volume: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            ReportTotals(volume, cny(1))
        with pytest.raises(InvalidInputError, match=message):
            SettlementSheet("S", "A", COM, d(3, 21), volume, cny(1))

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"sheet": ""}, "sheet must be a non-empty str"),
            ({"account": None}, "account must be a non-empty str"),
            ({"user_class": "RES"}, "user_class must be a UserClass"),
            ({"read_on": datetime(2026, 3, 21)}, "read_on must be a datetime.date"),
            ({"amount": cny(-1)}, "amount must be a non-negative Money"),
        ],
    )
    def test_bad_sheets_are_refused(self, kwargs: dict[str, object], message: str) -> None:
        fields = {"sheet": "S", "account": "A", "user_class": COM, "read_on": d(3, 21),
                  "volume": "1", "amount": cny(1)} | kwargs  # fmt: skip
        with pytest.raises(InvalidInputError, match=message):
            SettlementSheet(**fields)  # type: ignore[arg-type]

    def test_bad_totals_and_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="amount must be a non-negative Money"):
            ReportTotals("1", 1)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="year must be an int"):
            monthly_report("2026", 3, [])  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="month must be an int"):
            monthly_report(2026, 13, [])
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            monthly_report(2026, 3, [], policy=None)  # type: ignore[arg-type]


class TestCheckReport:
    def test_a_report_built_from_its_sheets_is_accurate(self) -> None:
        result = check_report(monthly_report(2026, 3, SHEETS), SHEETS)
        assert result.accurate
        assert result.differences == ()
        assert (
            result.explain()
            == "B-5 the report of 2026-03 matches its 4 settlement sheet(s) exactly"
        )
        assert result.explain("zh-Hant") == "B-5 2026-03月度報表與4張氣費結算單完全相符"
        assert result.clauses == (B_5,)

    def test_every_difference_is_listed(self) -> None:
        report = MonthlyReport(
            2026, 3,
            {PW: totals("300.25", "900.75"), COM: totals("200.5", "800.01"),
             RES: totals("12.5", "36.00")},
            totals("512.75", "1736.75"),
        )  # fmt: skip
        result = check_report(report, SHEETS)
        assert not result.accurate
        assert result.differences == (
            ReportDifference(COM, "amount", cny("800.01"), cny("800.00")),
            ReportDifference(RES, "volume", Decimal("12.5"), Decimal("12")),
        )
        assert result.explain().splitlines() == [
            "B-5 the report of 2026-03 does not match its 4 settlement sheet(s): 2 difference(s)",
            "B-5 commercial amount: reported CNY 800.01, sheets CNY 800.00",
            "B-5 residential volume: reported 12.5, sheets 12",
        ]
        assert result.explain("zh-Hant").splitlines() == [
            "B-5 2026-03月度報表與4張氣費結算單不符：共2處差異",
            "B-5 商業金額：報表CN¥800.01，結算單CN¥800.00",
            "B-5 居民用氣量：報表12.5，結算單12",
        ]

    def test_a_missing_line_reads_as_zero_and_an_extra_line_must_be_zero(self) -> None:
        report = MonthlyReport(2026, 3, {COM: totals("200.5", "800.00"),
                                         PW: totals("0", "0")}, totals("200.5", "800"))  # fmt: skip
        result = check_report(report, SHEETS[:2])
        assert result.accurate
        extra = attrs.evolve(report, by_class=((PW, totals("0", "0.01")),))
        found = check_report(extra, SHEETS[:2]).differences
        assert ReportDifference(PW, "amount", cny("0.01"), cny(0)) in found
        assert ReportDifference(COM, "volume", Decimal(0), Decimal("200.5")) in found
        assert "商業用氣量：報表0，結算單200.5" in check_report(extra, SHEETS[:2]).explain(
            "zh-Hant"
        )
        short = attrs.evolve(report, overall=totals("200.5", "799"))
        assert (
            check_report(short, SHEETS[:2])
            .explain("zh-Hant")
            .endswith("合計金額：報表CN¥799.00，結算單CN¥800.00")
        )
        assert (
            check_report(short, SHEETS[:2])
            .explain()
            .endswith("overall amount: reported CNY 799.00, sheets CNY 800.00")
        )

    def test_a_report_in_another_currency_differs_in_every_amount(self) -> None:
        report = MonthlyReport(2026, 3, {RES: ReportTotals("12", Money(36, "TWD"))},
                               ReportTotals("12", Money(36, "TWD")))  # fmt: skip
        found = check_report(report, SHEETS[3:]).differences
        assert [(x.scope, x.measure) for x in found] == [(RES, "amount"), (None, "amount")]

    def test_an_empty_month_with_an_empty_report_is_accurate(self) -> None:
        assert check_report(monthly_report(2024, 2, []), []).accurate

    @pytest.mark.parametrize(
        ("report", "sheets", "error", "message"),
        [
            ("report", [], InvalidInputError, "report must be a MonthlyReport"),
            (monthly_report(2026, 3, []), 3, InvalidInputError, "sheets must be an iterable"),
            (monthly_report(2026, 3, []), [1], InvalidInputError, "sheets must hold"),
            (monthly_report(2026, 3, []), [SHEETS[0], SHEETS[0]], InvalidInputError,
             "sheet 'S-1' is given twice"),
            (monthly_report(2026, 4, []), SHEETS, InvalidInputError,
             "sheet 'S-1' was read on 2026-03-21, outside the report's month 2026-04"),
            (monthly_report(2026, 3, []),
             [SHEETS[0], SettlementSheet("T", "A", COM, d(3, 21), 1, Money(1, "TWD"))],
             CurrencyMismatchError, "sheets must share one currency, got CNY and TWD"),
        ],
    )  # fmt: skip
    def test_bad_input_is_refused(
        self, report: object, sheets: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            check_report(report, sheets)  # type: ignore[arg-type]

    @settings(max_examples=500)  # generating lists of sheets is the cost
    @given(settlement_sheets())
    def test_no_difference_when_the_report_is_built_from_the_sheets(
        self, sheets: list[SettlementSheet]
    ) -> None:
        report = monthly_report(2024, 2, sheets)
        result = check_report(report, reversed(sheets))
        assert result.accurate
        assert result.sheets == len(sheets)
        assert report.overall.amount == sum((s.amount for s in sheets), cny(0))
        assert report.overall.volume == sum((s.volume for s in sheets), Decimal(0))

    @settings(max_examples=400)  # generating lists of sheets is the cost
    @given(settlement_sheets(), st.data())
    def test_every_injected_difference_is_found(
        self, sheets: list[SettlementSheet], data: st.DataObject
    ) -> None:
        report = monthly_report(2024, 2, sheets)
        scopes: list[UserClass | None] = [*UserClass, None]
        targets = data.draw(
            st.sets(st.tuples(st.sampled_from(scopes), st.sampled_from(["volume", "amount"])),
                    min_size=1)
        )  # fmt: skip
        lines = {c: report.totals(c) or ReportTotals(0, cny(0)) for c in UserClass}
        overall = report.overall
        for scope, measure in targets:
            line = overall if scope is None else lines[scope]
            delta = data.draw(st.integers(1, 10**6))
            if measure == "volume":
                changed = attrs.evolve(line, volume=line.volume + Decimal(delta).scaleb(-3))
            else:
                changed = attrs.evolve(line, amount=line.amount + Money.from_minor(delta, "CNY"))
            if scope is None:
                overall = changed
            else:
                lines[scope] = changed
        tampered = MonthlyReport(2024, 2, lines, overall)
        found = check_report(tampered, sheets).differences
        assert {(x.scope, x.measure) for x in found} == targets
        assert len(found) == len(targets)
        for x in found:
            assert x.reported != x.actual


# -- issue 13: the ends of the ranges -------------------------------------------------------------


class TestMonthlyReportMonthRange:
    @pytest.mark.parametrize(("year", "month"), [(1, 1), (1, 12), (9999, 1), (9999, 12)])
    def test_any_month_from_0001_01_to_9999_12_is_reported(self, year: int, month: int) -> None:
        last_day = (
            date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
        )
        sheets = [
            SettlementSheet("S-1", "A-1", COM, date(year, month, 1), "1", cny("2.00")),
            SettlementSheet("S-2", "A-2", COM, last_day, "3", cny("4.00")),
        ]
        report = monthly_report(year, month, sheets)
        assert (report.year, report.month) == (year, month)
        assert report.overall == totals("4", "6.00")
        assert MonthlyReport(year, month, (), totals("0", "0")).year == year

    @pytest.mark.parametrize(
        ("year", "month", "message"),
        [
            (0, 1, "year must be an int from 1 to 9999, got 0"),
            (10000, 1, "year must be an int from 1 to 9999, got 10000"),
            (2026, 0, "month must be an int from 1 to 12, got 0"),
            (2026, 13, "month must be an int from 1 to 12, got 13"),
        ],
    )
    def test_a_month_outside_the_range_is_refused(
        self, year: int, month: int, message: str
    ) -> None:
        with pytest.raises(InvalidInputError) as caught:
            monthly_report(year, month, [])
        assert str(caught.value) == f"{message} [monthly_report B-5]"
        with pytest.raises(InvalidInputError) as caught:
            MonthlyReport(year, month, (), totals("0", "0"))
        assert str(caught.value) == f"{message} [B-5]"

    @pytest.mark.parametrize(("year", "month"), [(1, 1), (9999, 12)])
    def test_the_reading_window_takes_the_ends_of_the_range(self, year: int, month: int) -> None:
        assert reading_window(COM, year, month).first == date(year, month, 20)

    @pytest.mark.parametrize(("year", "month"), [(0, 1), (10000, 1), (2026, 0), (2026, 13)])
    def test_the_reading_window_refuses_past_the_ends(self, year: int, month: int) -> None:
        with pytest.raises(InvalidInputError, match=r"must be an int from 1 to .*reading_window"):
            reading_window(COM, year, month)


class TestPromptPaymentDays:
    """Paid within billing.prompt_payment_days (3) of delivery: the last day still counts."""

    @pytest.mark.parametrize(
        ("paid_on", "prompt"),
        [
            (DELIVERED, True),
            (DELIVERED + timedelta(days=3), True),
            (DELIVERED + timedelta(days=4), False),
        ],
    )
    def test_the_third_day_after_delivery_is_the_last_prompt_day(
        self, paid_on: date, prompt: bool
    ) -> None:
        bills = [bill("A", 100, (paid_on, 100))]
        assert collection_rate(bills).prompt_exact == (1 if prompt else 0)
        assert collection_rate(bills, basis="count").prompt_exact == (1 if prompt else 0)

    def test_a_bill_paid_to_the_fen_in_time_is_a_prompt_bill(self) -> None:
        last = DELIVERED + timedelta(days=3)
        bills = [bill("A", 100, (last, "99.99"), (last + timedelta(days=1), "0.01"))]
        assert collection_rate(bills).prompt_exact == Fraction(9999, 10000)
        assert collection_rate(bills, basis="count").prompt_exact == 0
        exact = [bill("A", 100, (last, "99.99"), (last, "0.01"))]
        assert collection_rate(exact, basis="count").prompt_exact == 1

    def test_the_days_come_from_the_policy(self) -> None:
        four = Policy().updated({"billing.prompt_payment_days": 4})
        bills = [bill("A", 100, (DELIVERED + timedelta(days=4), 100))]
        assert collection_rate(bills, policy=four).prompt_exact == 1
        assert collection_rate(bills, policy=four).prompt_days == 4

    def test_a_last_day_off_rolls_to_the_next_working_day_when_the_policy_says_so(self) -> None:
        delivered = d(3, 4)  # Wednesday: the third day after is Saturday 7 March
        monday = d(3, 9)
        bills = [AccountState("A", delivered, cny(100), [Payment(monday, cny(100))])]
        assert collection_rate(bills).prompt_exact == 0
        assert collection_rate(bills, policy=ROLL).prompt_exact == 1


# -- issue 13: results built by hand, and the fast path ------------------------------------------


def rebuilt(value: Any, **changes: object) -> Any:
    """``value`` built again through its class's validating constructor, with ``changes``."""
    fields = {f.name: getattr(value, f.name) for f in attrs.fields(type(value))}
    return type(value)(**(fields | changes))


WINDOW = reading_window(COM, 2026, 3)
RATE = reading_rate(489, 500, policy=STANDARD)
COLLECTED = collection_rate([account((d(3, 4), 100))])
STEP = dunning(account(notified=d(3, 10)), d(3, 14))
DIFFERENCE = ReportDifference(COM, "amount", cny("1"), cny("2"))
REPORT_CHECK = check_report(monthly_report(2026, 3, []), [])


class TestResultsBuiltByHand:
    @pytest.mark.parametrize(
        ("value", "changes", "message"),
        [
            (WINDOW, {"user_class": "commercial"},
             (r"^user_class must be a UserClass \(PUBLIC_WELFARE, COMMERCIAL, RESIDENTIAL\), "
             r"got 'commercial' \[B-4\]$")),
            (WINDOW, {"year": 0}, r"^year must be an int from 1 to 9999, got 0 \[B-4\]$"),
            (WINDOW, {"year": 10000}, r"^year must be an int from 1 to 9999, got 10000 \[B-4\]$"),
            (WINDOW, {"month": 0}, r"^month must be an int from 1 to 12, got 0 \[B-4\]$"),
            (WINDOW, {"month": 13}, r"^month must be an int from 1 to 12, got 13 \[B-4\]$"),
            (WINDOW, {"first": "2026-03-20"}, r"^first must be a datetime.date, got '2026-03-20'"),
            (RATE, {"read": -1}, r"^read must be an int of at least 0, got -1 \[B-2.1\]$"),
            (RATE, {"due": True}, r"^due must be an int of at least 0, got True \[B-2.1\]$"),
            (RATE, {"rate": Decimal("1.01")},
             r"^rate must be a Decimal from 0 to 1, got Decimal\('1.01'\) \[B-2.1\]$"),
            (RATE, {"standard": Decimal("-0.01")}, r"^standard must be a Decimal from 0 to 1"),
            (RATE, {"rate": Decimal("-0.01")}, r"^rate must be a Decimal from 0 to 1"),
            (COLLECTED, {"rate": Decimal("1.01")}, r"^rate must be a Decimal from 0 to 1"),
            (COLLECTED, {"target": Decimal("-0.01")}, r"^target must be a Decimal from 0 to 1"),
            (COLLECTED, {"prompt_days": -1}, r"^prompt_days must be an int of at least 0"),
            (COLLECTED, {"prompt_exact": Decimal("0.5")}, r"^prompt_exact must be a Fraction or"),
            (RATE, {"exact": 0.978}, r"^exact must be a Fraction or None, got 0.978 \[B-2.1\]$"),
            (RATE, {"meets_standard": 0}, r"^meets_standard must be True or False, got 0"),
            (COLLECTED, {"basis": "amounts"}, r"^basis must be one of \('amount', 'count'\)"),
            (COLLECTED, {"bills": -1}, r"^bills must be an int of at least 0, got -1 \[B-2.2\]$"),
            (COLLECTED, {"credit": cny("-0.01")},
             r"^credit must be a non-negative Money, got Money\('-0.01', 'CNY'\) \[B-2.2\]$"),
            (COLLECTED, {"prompt_rate": Decimal("-0.01")}, r"^prompt_rate must be a Decimal from"),
            (COLLECTED, {"measured_on": datetime(2026, 3, 31)}, r"^measured_on must be a datetime"),
            (STEP, {"account": "A-1"}, r"^account must be an AccountState, got 'A-1' \[B-7\]$"),
            (STEP, {"action": "notify"}, r"^action must be one of \(.*\), got 'notify' \[B-8\]$"),
            (STEP, {"on": "2026-03-14"}, r"^on must be a datetime.date, got '2026-03-14' \[B-8\]$"),
            (STEP, {"balance": 120}, r"^balance must be Money, got 120 \[B-6\]$"),
            (STEP, {"policy": None}, r"^policy must be a Policy, got None \[B-7\]$"),
            (STEP, {"calendar": "china"}, r"^calendar must be a WorkCalendar or None, got 'china'"),
            (DIFFERENCE, {"scope": "commercial"}, r"^scope must be a UserClass or None, got"),
            (DIFFERENCE, {"measure": "gas"}, r"^measure must be one of \('volume', 'amount'\)"),
            (DIFFERENCE, {"reported": 1.5},
             r"^reported must be a Decimal or Money, got 1.5 \[B-5\]$"),
            (REPORT_CHECK, {"sheets": -1}, r"^sheets must be an int of at least 0, got -1"),
            (REPORT_CHECK, {"differences": [DIFFERENCE]}, r"^differences must be a tuple of"),
            (REPORT_CHECK, {"report": None}, r"^report must be a MonthlyReport, got None \[B-5\]$"),
        ],
    )  # fmt: skip
    def test_a_bad_field_is_refused_naming_it_the_value_and_the_clause(
        self, value: object, changes: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            rebuilt(value, **changes)

    @pytest.mark.parametrize(
        ("value", "changes"),
        [
            (WINDOW, {}),
            (WINDOW, {"year": 1, "month": 1}),
            (WINDOW, {"year": 9999, "month": 12}),
            (reading_window(RES, 2026, 3), {}),
            (RATE, {}),
            (RATE, {"read": 0, "due": 0, "rate": Decimal(0), "standard": Decimal(1)}),
            (reading_rate(0, 0, policy=STANDARD), {}),
            (COLLECTED, {}),
            (COLLECTED, {"credit": cny(0), "rate": Decimal(1), "prompt_rate": Decimal(0)}),
            (COLLECTED, {"target": Decimal(1), "prompt_days": 0, "paid_bills": 0}),
            (collection_rate([]), {}),
            (STEP, {}),
            (STEP, {"calendar": china()}),
            (DIFFERENCE, {"scope": None, "measure": "volume", "reported": Decimal(0)}),
            (REPORT_CHECK, {"sheets": 0}),
        ],
    )
    def test_good_fields_at_the_ends_are_accepted(
        self, value: object, changes: dict[str, object]
    ) -> None:
        built = rebuilt(value, **changes)
        assert all(getattr(built, name) == new for name, new in changes.items())
        if not changes:
            assert built == value

    def test_a_reading_check_validates_its_fields(self) -> None:
        found = check_reading(COM, d(3, 25))
        assert rebuilt(found) == found
        with pytest.raises(InvalidInputError, match=r"^in_window must be True or False, got 1"):
            rebuilt(found, in_window=1)
        with pytest.raises(InvalidInputError, match=r"^window must be a ReadingWindow, got None"):
            rebuilt(found, window=None)

    @settings(max_examples=300)
    @given(account_states(), st.integers(-5, 60))
    def test_the_fast_dunning_result_is_what_the_validating_constructor_builds(
        self, acct: AccountState, offset: int
    ) -> None:
        as_of = acct.delivered + timedelta(days=offset)
        fast = dunning(acct, as_of)
        slow = rebuilt(fast)
        assert fast == slow
        assert (fast.policy, fast.calendar) == (slow.policy, slow.calendar)
        assert [r.explain() for r in dunning_run([acct], as_of)] == [slow.explain()]


class TestValueBounds:
    def test_a_payment_of_one_fen_is_accepted_and_zero_refused(self) -> None:
        assert Payment(d(3, 2), cny("0.01")).amount.minor == 1
        with pytest.raises(
            InvalidInputError,
            match=r"^amount must be a positive Money, got Money\('0.00', 'CNY'\) \[B-6 Payment\]$",
        ):
            Payment(d(3, 2), cny(0))

    def test_a_bill_of_zero_is_accepted_and_one_fen_below_refused(self) -> None:
        assert account(billed=0).billed == cny(0)
        with pytest.raises(
            InvalidInputError,
            match=r"^billed must be a non-negative Money, got Money\('-0.01', 'CNY'\) "
            r"\[B-6 AccountState\]$",
        ):
            account(billed="-0.01")

    def test_a_payment_in_another_currency_names_the_billed_one(self) -> None:
        with pytest.raises(
            CurrencyMismatchError,
            match=r"^payments must be in the billed currency CNY, got Money\('1.00', 'TWD'\) "
            r"\[B-6 AccountState\]$",
        ):
            AccountState("A-1", DELIVERED, cny(1), [Payment(d(3, 3), Money(1, "TWD"))])

    def test_a_generator_of_payments_is_refused_not_kept(self) -> None:
        payments = (p for p in [Payment(d(3, 3), cny(1))])
        with pytest.raises(InvalidInputError, match=r"^payments must be a sequence of Payment"):
            AccountState("A-1", DELIVERED, cny(1), payments)

    @pytest.mark.parametrize("volume", ["0", 0, Decimal("0.000")])
    def test_a_volume_of_zero_is_accepted(self, volume: object) -> None:
        assert ReportTotals(volume, cny(1)).volume == 0

    @pytest.mark.parametrize("volume", [Decimal("-0.001"), -1, True])
    def test_a_volume_just_below_zero_or_a_bool_is_refused(self, volume: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^volume must be a finite Decimal volume in m³ of at least 0, got .* \[B-5\]$",
        ):
            ReportTotals(volume, cny(1))

    def test_reading_as_many_meters_as_are_due_is_accepted_and_one_more_refused(self) -> None:
        assert reading_rate(5, 5, policy=STANDARD).rate == 1
        with pytest.raises(
            InvalidInputError,
            match=r"^read must not exceed due, got read=6 and due=5 \[reading_rate B-2.1\]$",
        ):
            reading_rate(6, 5, policy=STANDARD)

    def test_a_user_class_that_is_no_user_class_is_named_with_the_classes(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^user_class must be a UserClass \(PUBLIC_WELFARE, COMMERCIAL, RESIDENTIAL\), "
            r"got 'RES' \[SettlementSheet B-5\]$",
        ):
            SettlementSheet("S", "A", "RES", d(3, 21), "1", cny(1))  # type: ignore[arg-type]

    def test_the_lines_of_a_report_are_refused_whole(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^by_class must map each UserClass at most once to ReportTotals, got "
            r"'lines' \[B-5\]$",
        ):
            MonthlyReport(2026, 3, "lines", totals("1", "1"))


class TestAStepAfterTheLastDateIsRefused:
    """B-6 to B-8: a next step after 9999-12-31 is refused, never an OverflowError."""

    @pytest.mark.parametrize("as_of", [date(9999, 12, 24), date(9999, 12, 31)])
    def test_the_refusal_names_the_account_and_its_dates(self, as_of: date) -> None:
        acct = AccountState("A", date(9999, 12, 24), Money("5.00", "CNY"))  # due 9999-12-31
        with pytest.raises(
            InvalidInputError,
            match=r"^account 'A' must leave room for its next step on or before 9999-12-31: "
            r"delivered 9999-12-24, notified None, arrears notice None \[dunning B-6/B-8\]$",
        ):
            list(dunning_run([acct], as_of))
