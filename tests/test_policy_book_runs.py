"""Batch runs over a policy book (M-1.9, issue 14): each event under the version in force on it.

Dunning (B-6 to B-8) judges a sheet under the version in force on the day it was delivered; a
month close (P-E3.4) closes a month under the version in force on its first day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import Money, Policy, PolicyBook
from custpolicy.foundation.clauses import M_1_9
from custpolicy.foundation.errors import InvalidInputError, PolicyNotInForceError
from custpolicy.foundation.policy import PerVersion, PolicyVersion
from custpolicy.foundation.validate import check_policy
from custpolicy.rules.billing import (
    AccountState,
    Action,
    Dunning,
    dunning,
    dunning_run,
)
from custpolicy.rules.billing.batch import dunning_partition
from custpolicy.rules.penalties import PenaltyAccount, Schedule
from custpolicy.rules.penalties.batch import PenaltyRun, penalty_partition
from custpolicy.testing import account_states, penalty_accounts, policies

from .strategies import month_plans

CHANGE = date(2026, 7, 1)
SEVEN_TO_TEN = PolicyBook(
    [
        PolicyVersion(date(2025, 7, 1), Policy(), "2025 edition"),
        PolicyVersion(CHANGE, Policy().updated({"billing.payment_days": 10}), "2026 edition"),
    ]
)
HALF_TO_THIRTY = PolicyBook(
    {
        date(2025, 7, 1): Policy(),
        CHANGE: Policy().updated({"penalties.monthly_cap_ratio": Decimal("0.3")}),
    }
)


def cny(amount: str | int) -> Money:
    return Money(amount, "CNY")


def sheet(delivered: date, **fields: Any) -> AccountState:
    return AccountState("GAS-0042", delivered, cny("300.00"), **fields)


# -- the foundation: finding the version -----------------------------------------------------------


class TestVersionOn:
    @pytest.mark.parametrize(
        ("day", "effective"),
        [
            (date(2025, 7, 1), date(2025, 7, 1)),
            (date(2026, 6, 30), date(2025, 7, 1)),
            (CHANGE, CHANGE),
            (date(2099, 1, 1), CHANGE),
        ],
    )
    def test_the_version_in_force_is_the_latest_effective_on_or_before_the_day(
        self, day: date, effective: date
    ) -> None:
        assert SEVEN_TO_TEN.version_on(day).effective == effective
        assert SEVEN_TO_TEN.version_on(day) == SEVEN_TO_TEN.in_force(day).version

    def test_a_day_before_the_first_version_is_not_in_force(self) -> None:
        with pytest.raises(
            PolicyNotInForceError,
            match=r"^no policy version is in force on 2025-06-30: the first takes effect on "
            r"2025-07-01 \[M-1.9\]$",
        ):
            SEVEN_TO_TEN.version_on(date(2025, 6, 30))

    def test_the_day_must_be_a_date(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^day must be a datetime.date, got '2026-07-01' "
            r"\[M-1.9 PolicyBook.version_on\]$",
        ):
            SEVEN_TO_TEN.version_on("2026-07-01")  # type: ignore[arg-type]

    @given(
        st.lists(
            st.dates(date(2000, 1, 1), date(2030, 12, 31)), min_size=1, max_size=6, unique=True
        ),
        st.dates(date(1999, 1, 1), date(2031, 12, 31)),
    )
    def test_bisection_agrees_with_a_scan_of_the_versions(
        self, effective: list[date], day: date
    ) -> None:
        book = PolicyBook({when: Policy() for when in effective})
        earlier = [v for v in book.versions if v.effective <= day]
        if not earlier:
            with pytest.raises(PolicyNotInForceError):
                book.version_on(day)
            with pytest.raises(PolicyNotInForceError):
                PerVersion(book, lambda policy, version: version).on(day)
            return
        assert book.version_on(day) is earlier[-1]
        assert PerVersion(book, lambda policy, version: version).on(day) is earlier[-1]


class TestPerVersion:
    def test_each_version_is_built_once_and_found_by_date(self) -> None:
        built: list[PolicyVersion | None] = []

        def build(policy: Policy, version: PolicyVersion | None) -> int:
            built.append(version)
            return policy.billing.payment_days

        days = PerVersion(SEVEN_TO_TEN, build)
        found = [days.on(CHANGE - timedelta(days=1)), days.on(CHANGE), days.on(CHANGE)]
        assert found == [7, 10, 10]
        assert built == list(SEVEN_TO_TEN.versions)
        assert days.single is None

    def test_a_plain_policy_has_one_state_whatever_the_day(self) -> None:
        days = PerVersion(Policy(), lambda policy, version: (policy.billing.payment_days, version))
        assert days.single == (7, None)
        assert days.on(date(1, 1, 1)) == days.on(date(9999, 12, 31)) == (7, None)


class TestCheckPolicy:
    @pytest.mark.parametrize("value", [Policy(), SEVEN_TO_TEN])
    def test_a_book_is_accepted_where_allowed(self, value: object) -> None:
        assert check_policy(value, "here", book=True) is value

    def test_a_book_is_refused_where_it_is_not_allowed(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^policy must be a Policy, got PolicyBook\(.* \[here\]$"
        ):
            check_policy(SEVEN_TO_TEN, "here")

    @pytest.mark.parametrize(
        ("call", "where"),
        [
            (lambda p: dunning(sheet(CHANGE), CHANGE, policy=p), "dunning B-7/B-8"),
            (lambda p: dunning_run([], CHANGE, policy=p), "dunning_run B-7/B-8"),
            (lambda p: dunning_partition([], CHANGE, policy=p), "dunning_run B-7/B-8"),
            (
                lambda p: PenaltyAccount.start("Chen", 2026, 7).close_month(
                    2026, 7, cny(1), policy=p
                ),
                "close_month P-E3.4",
            ),
            (
                lambda p: PenaltyAccount.start("Chen", 2026, 7).close_months(
                    2026, 7, [cny(1)], policy=p
                ),
                "close_months P-E3.4",
            ),
            (lambda p: penalty_partition([], policy=p), "penalty_partition P-E3.4"),
        ],
    )
    @pytest.mark.parametrize("bad", [None, {"billing.payment_days": 10}, [Policy()]])
    def test_anything_else_is_refused_at_the_call_naming_the_policy_and_the_rule(
        self, call: Any, where: str, bad: object
    ) -> None:
        message = rf"^policy must be a Policy or a PolicyBook, got {_escaped(bad)} \[{where}\]$"
        with pytest.raises(InvalidInputError, match=message):
            call(bad)


def _escaped(value: object) -> str:
    import re

    return re.escape(repr(value))


# -- dunning: the version in force on the sheet's delivery (B-6 to B-8) ----------------------------


class TestDunningOverABook:
    @pytest.mark.parametrize(
        ("delivered", "as_of", "due", "action"),
        [
            # delivered under the 2025 edition: 7 days, even when judged after the change
            (date(2026, 6, 28), date(2026, 7, 6), date(2026, 7, 5), Action.NOTIFY),
            (date(2026, 6, 30), date(2026, 7, 7), date(2026, 7, 7), Action.NOTHING),
            # delivered on the day of the change: 10 days
            (CHANGE, date(2026, 7, 9), date(2026, 7, 11), Action.NOTHING),
            (CHANGE, date(2026, 7, 12), date(2026, 7, 11), Action.NOTIFY),
        ],
    )
    def test_a_sheet_keeps_the_payment_days_it_was_delivered_under(
        self, delivered: date, as_of: date, due: date, action: Action
    ) -> None:
        step = dunning(sheet(delivered), as_of, policy=SEVEN_TO_TEN)
        assert (step.due, step.action) == (due, action)
        (streamed,) = dunning_run([sheet(delivered)], as_of, policy=SEVEN_TO_TEN)
        (row,) = dunning_partition([sheet(delivered)], as_of, policy=SEVEN_TO_TEN)
        assert streamed == step
        assert (row.due, row.action) == (due, action.value)

    def test_the_explanation_opens_with_the_version_applied(self) -> None:
        step = dunning(sheet(date(2026, 6, 28)), date(2026, 7, 6), policy=SEVEN_TO_TEN)
        lines = step.explain().splitlines()
        assert lines[0] == "M-1.9 2025 edition, effective 2025-07-01, is in force on 2026-06-28"
        assert step.clauses[0] is M_1_9
        assert step.version is SEVEN_TO_TEN.versions[0]
        assert step.explain("zh-Hant").splitlines()[0] == (
            "M-1.9 2025 edition自2025年7月1日起生效，於2026年6月28日適用"
        )
        (row,) = dunning_partition(
            [sheet(CHANGE)], date(2026, 7, 12), policy=SEVEN_TO_TEN, explain="en"
        )
        assert row.explanation is not None
        assert row.explanation.splitlines()[0] == (
            "M-1.9 2026 edition, effective 2026-07-01, is in force on 2026-07-01"
        )

    def test_under_a_plain_policy_nothing_changes(self) -> None:
        step = dunning(sheet(date(2026, 6, 28)), date(2026, 7, 6))
        assert step.version is None
        assert not step.explain().startswith("M-1.9")
        assert "version" not in step.to_record()
        assert "version" not in repr(step)

    def test_a_sheet_delivered_before_the_first_version_is_not_in_force(self) -> None:
        early = sheet(date(2025, 6, 30))
        message = r"^no policy version is in force on 2025-06-30: .* \[M-1.9\]$"
        with pytest.raises(PolicyNotInForceError, match=message):
            dunning(early, date(2026, 7, 6), policy=SEVEN_TO_TEN)
        stream = dunning_run([sheet(CHANGE), early], date(2026, 7, 6), policy=SEVEN_TO_TEN)
        assert next(stream).action is Action.NOTHING  # the stream raises when it reaches it
        with pytest.raises(PolicyNotInForceError, match=message):
            next(stream)

    def test_a_bad_account_in_a_run_over_a_book_is_refused_when_reached(self) -> None:
        stream = dunning_run([sheet(CHANGE), "GAS-1"], CHANGE, policy=SEVEN_TO_TEN)  # type: ignore[list-item]
        next(stream)
        with pytest.raises(
            InvalidInputError,
            match=r"^accounts must hold AccountState values, got 'GAS-1' \[dunning_run B-7/B-8\]$",
        ):
            next(stream)

    def test_a_run_over_more_delivery_days_than_the_cache_holds_finds_each_version(self) -> None:
        first = date(2014, 11, 1)
        book = PolicyBook({first: Policy(), CHANGE: SEVEN_TO_TEN.versions[1].policy})
        sheets = [sheet(first + timedelta(days=n)) for n in range(4200)]  # to 2026-06-09
        sheets += [sheet(CHANGE), sheets[0]]  # after the cache was cleared: found again
        as_of = date(2026, 7, 12)
        found = [(r.due, r.version) for r in dunning_run(sheets, as_of, policy=book)]
        assert found == [
            (dunning(s, as_of, policy=book).due, book.version_on(s.delivered)) for s in sheets
        ]
        assert found[-2] == (date(2026, 7, 11), book.versions[1])

    @settings(max_examples=60)
    @given(st.data())
    def test_a_run_over_a_book_gives_each_sheet_what_its_version_gives(
        self, data: st.DataObject
    ) -> None:
        book = data.draw(books())
        accounts = data.draw(st.lists(accounts_under(book), max_size=8))
        as_of = data.draw(st.dates(date(2021, 1, 1), date(2026, 6, 30)))
        found = list(dunning_run(accounts, as_of, policy=book))
        for account, result in zip(accounts, found, strict=True):
            version = book.in_force(account.delivered).version
            alone = dunning(account, as_of, policy=version.policy)
            assert result == alone
            assert result.policy is version.policy
            assert result.version is version
            assert result.explain() == "\n".join(
                [book.in_force(account.delivered).explain(), alone.explain()]
            )
        rows = dunning_partition(accounts, as_of, policy=book)
        assert [(r.account, r.action, r.on, r.due, r.balance_minor) for r in rows] == [
            (r.account.account, r.action.value, r.on, r.due, r.balance.minor) for r in found
        ]

    @settings(max_examples=60)
    @given(st.data())
    def test_a_book_of_one_version_gives_what_its_policy_gives(self, data: st.DataObject) -> None:
        policy = data.draw(policies())
        book = PolicyBook({date(2020, 1, 1): policy})
        accounts = data.draw(st.lists(accounts_under(book), max_size=8))
        as_of = data.draw(st.dates(date(2021, 1, 1), date(2026, 6, 30)))
        assert list(dunning_run(accounts, as_of, policy=book)) == list(
            dunning_run(accounts, as_of, policy=policy)
        )
        assert dunning_partition(accounts, as_of, policy=book) == dunning_partition(
            accounts, as_of, policy=policy
        )


@st.composite
def books(draw: st.DrawFn) -> PolicyBook:
    """Books of 1 to 3 drawn policies, the first in force from 2020, the others from 2021-2025."""
    later = draw(st.lists(st.dates(date(2021, 1, 1), date(2025, 12, 31)), max_size=2, unique=True))
    return PolicyBook({when: draw(policies()) for when in [date(2020, 1, 1), *later]})


def _ranges(book: PolicyBook) -> Iterator[tuple[PolicyVersion, date, date]]:
    """Each version with the first and last delivery day it governs (up to mid-2026)."""
    versions = book.versions
    for version, after in zip(versions, [*versions[1:], None], strict=True):
        last = date(2026, 1, 31) if after is None else after.effective - timedelta(days=1)
        yield version, version.effective, last


@st.composite
def accounts_under(draw: st.DrawFn, book: PolicyBook) -> AccountState:
    """A sheet delivered under one of the book's versions, its notices dated as that one allows."""
    version, first, last = draw(st.sampled_from(list(_ranges(book))))
    return draw(account_states(delivered=st.dates(first, last), policy=version.policy))


# -- the month close: the version in force on the month's first day (P-E3.4) -----------------------


class TestMonthCloseOverABook:
    def test_the_cap_falls_from_half_to_thirty_percent_in_july(self) -> None:
        chen = PenaltyAccount.start("Chen", 2026, 6)
        june = chen.close_month(
            2026,
            6,
            cny("1000.00"),
            charges={"260601": cny("900.00")},
            approved={"260601"},
            policy=HALF_TO_THIRTY,
        )
        july = june.account.close_month(2026, 7, cny("1000.00"), policy=HALF_TO_THIRTY)
        assert (june.cap_ratio, june.deducted, june.carried) == (
            Decimal("0.5"),
            cny("500.00"),
            cny("400.00"),
        )
        assert (july.cap_ratio, july.deducted, july.carried) == (
            Decimal("0.3"),
            cny("300.00"),
            cny("100.00"),
        )
        assert july.version is HALF_TO_THIRTY.versions[1]
        assert july.explain().splitlines()[0] == (
            "M-1.9 version of 2026-07-01, effective 2026-07-01, is in force on 2026-07-01"
        )
        assert july.explain("zh-Hant").splitlines()[0] == (
            "M-1.9 2026年7月1日版本自2026年7月1日起生效，於2026年7月1日適用"
        )

    def test_close_months_applies_each_month_its_own_version(self) -> None:
        plan = PenaltyAccount.start("Chen", 2026, 5).close_months(
            2026,
            5,
            [cny("1000.00")] * 4,
            charges=[{"260501": cny("2000.00")}],
            approved=[{"260501"}],
            policy=HALF_TO_THIRTY,
        )
        assert [str(m) for m in plan.deducted] == [
            "CNY 500.00",
            "CNY 500.00",
            "CNY 300.00",
            "CNY 300.00",
        ]
        assert [m.cap_ratio for m in plan.months] == [Decimal("0.5")] * 2 + [Decimal("0.3")] * 2
        assert [m.version for m in plan.months] == [HALF_TO_THIRTY.versions[0]] * 2 + [
            HALF_TO_THIRTY.versions[1]
        ] * 2
        assert plan.policy is HALF_TO_THIRTY
        assert plan.explain().count("M-1.9") == 4
        (outcome,) = penalty_partition(
            [
                PenaltyRun(
                    PenaltyAccount.start("Chen", 2026, 5),
                    2026,
                    5,
                    [cny("1000.00")] * 4,
                    [{"260501": cny("2000.00")}],
                    [{"260501"}],
                )
            ],
            policy=HALF_TO_THIRTY,
            explain="en",
        )
        assert [row.deducted_minor for row in outcome.months] == [50000, 50000, 30000, 30000]
        assert [row.explanation for row in outcome.months] == [m.explain() for m in plan.months]

    def test_under_a_plain_policy_nothing_changes(self) -> None:
        month = PenaltyAccount.start("Chen", 2026, 7).close_month(2026, 7, cny("1000.00"))
        assert month.version is None
        assert not month.explain().startswith("M-1.9")
        assert "version" not in month.to_record()

    def test_a_month_before_the_first_version_is_not_in_force(self) -> None:
        early = PenaltyAccount.start("Chen", 2025, 6)
        message = r"^no policy version is in force on 2025-06-01: .* \[M-1.9\]$"
        with pytest.raises(PolicyNotInForceError, match=message):
            early.close_month(2025, 6, cny(1), policy=HALF_TO_THIRTY)
        with pytest.raises(PolicyNotInForceError, match=message):
            early.close_months(2025, 6, [cny(1)] * 2, policy=HALF_TO_THIRTY)
        outcomes = penalty_partition(
            [
                PenaltyRun(PenaltyAccount.start("Lin", 2026, 7), 2026, 7, [cny(1)]),
                PenaltyRun(early, 2025, 6, [cny(1)]),
            ],
            policy=HALF_TO_THIRTY,
        )
        assert next(outcomes).account.person == "Lin"  # the stream raises when it reaches it
        with pytest.raises(PolicyNotInForceError, match=message):
            next(outcomes)

    def test_a_schedule_holds_a_policy_or_a_book(self) -> None:
        plan = PenaltyAccount.start("Chen", 2026, 7).close_months(2026, 7, [cny(1)])
        fields: dict[str, Any] = {"policy": "a book?"}
        with pytest.raises(
            InvalidInputError,
            match=r"^policy must be a Policy or a PolicyBook, got 'a book\?' \[Schedule P-E3.4\]$",
        ):
            Schedule(
                start=plan.start,
                account=plan.account,
                bonus_minor=plan.bonus_minor,
                charged_minor=plan.charged_minor,
                approved_cases=plan.approved_cases,
                deducted_minor=plan.deducted_minor,
                carried_minor=plan.carried_minor,
                held_minor=plan.held_minor,
                **fields,
            )

    @settings(max_examples=60)
    @given(penalty_accounts(max_open_cases=3), month_plans(), st.data())
    def test_each_month_gives_what_its_version_gives(
        self, account: PenaltyAccount, plan: Any, data: st.DataObject
    ) -> None:
        book = data.draw(month_books(account))
        bonuses = [bonus for bonus, _ in plan]
        charges = [charges for _, charges in plan]
        approved = [set(c) for c in charges]
        schedule = account.close_months(
            account.year, account.month, bonuses, charges=charges, approved=approved, policy=book
        )
        expected, current = [], account
        for bonus, month_charges, month_approved in zip(bonuses, charges, approved, strict=True):
            first_day = date(current.year, current.month, 1)
            month = current.close_month(
                current.year,
                current.month,
                bonus,
                charges=month_charges,
                approved=month_approved,
                policy=book.in_force(first_day).policy,
            )
            expected.append(month)
            current = month.account
        assert schedule.months == tuple(expected)
        assert schedule.account == current
        assert list(schedule.deducted) == [m.deducted for m in expected]
        closed_with_book = [
            m.account for m in _one_by_one(account, bonuses, charges, approved, book)
        ]
        assert closed_with_book == [m.account for m in expected]
        (outcome,) = penalty_partition(
            [PenaltyRun(account, account.year, account.month, bonuses, charges, approved)],
            policy=book,
        )
        assert outcome.account == current
        assert [row.deducted_minor for row in outcome.months] == [
            m.deducted.minor for m in expected
        ]

    @settings(max_examples=60)
    @given(penalty_accounts(max_open_cases=3), month_plans(), policies())
    def test_a_book_of_one_version_gives_what_its_policy_gives(
        self, account: PenaltyAccount, plan: Any, policy: Policy
    ) -> None:
        book = PolicyBook({date(1, 1, 1): policy})
        bonuses = [bonus for bonus, _ in plan]
        # named apart from the cases the drawn account already holds: a case is charged once
        charges = [{f"run-{case}": amount for case, amount in c.items()} for _, c in plan]
        approved = [set(c) for c in charges]
        start = (account.year, account.month)
        under_book = account.close_months(
            *start, bonuses, charges=charges, approved=approved, policy=book
        )
        under_policy = account.close_months(
            *start, bonuses, charges=charges, approved=approved, policy=policy
        )
        assert under_book.months == under_policy.months
        assert under_book.deducted_minor == under_policy.deducted_minor
        assert under_book.account == under_policy.account
        runs = [PenaltyRun(account, *start, bonuses, charges, approved)]
        assert list(penalty_partition(runs, policy=book)) == list(
            penalty_partition(runs, policy=policy)
        )


def _one_by_one(
    account: PenaltyAccount, bonuses: list[Money], charges: Any, approved: Any, book: PolicyBook
) -> Iterator[Any]:
    for bonus, month_charges, month_approved in zip(bonuses, charges, approved, strict=True):
        month = account.close_month(
            account.year,
            account.month,
            bonus,
            charges=month_charges,
            approved=month_approved,
            policy=book,
        )
        yield month
        account = month.account


@st.composite
def month_books(draw: st.DrawFn, account: PenaltyAccount) -> PolicyBook:
    """Books whose first version is in force on the account's next month, later ones in the
    following 8 months (on any day, so the month of a change keeps the old version)."""
    first = date(account.year, account.month, 1)
    later = draw(
        st.lists(
            st.dates(first + timedelta(days=1), first + timedelta(days=8 * 31)),
            max_size=3,
            unique=True,
        )
    )
    ratio = st.integers(min_value=0, max_value=100).map(lambda n: Decimal(n) / 100)
    return PolicyBook(
        {
            when: Policy().updated({"penalties.monthly_cap_ratio": draw(ratio)})
            for when in [first, *later]
        }
    )


def test_results_under_a_book_compare_equal_to_results_under_its_policy() -> None:
    step: Dunning = dunning(sheet(CHANGE), date(2026, 7, 12), policy=SEVEN_TO_TEN)
    plain = dunning(sheet(CHANGE), date(2026, 7, 12), policy=SEVEN_TO_TEN.versions[1].policy)
    assert step == plain
    assert step.explain() != plain.explain()
