"""Scale-out (issue 7): the partition functions of the batch modules, pickling, and Dask.

Any partition of the accounts gives the same dunning rows per account as the single run; any
partition of the people gives the same penalty outcomes, as long as each person's months stay
in one run. Dask (the tests group installs it) runs the same functions on a small sample with
the local schedulers and gives the single run's rows.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import random
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from multiprocessing.shared_memory import SharedMemory
from typing import Any, TypeVar

import attrs
import dask
import dask.bag as db
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import Money, Policy, PolicyBook, china
from custpolicy.foundation import errors
from custpolicy.foundation.clauses import B_8, C_8
from custpolicy.foundation.deadlines import calendar_deadline
from custpolicy.foundation.errors import (
    CalendarCoverageError,
    InvalidInputError,
    PolicyViolationError,
)
from custpolicy.foundation.partition import partition_of
from custpolicy.rules.billing import AccountState, Dunning, Payment, dunning, payment_deadline
from custpolicy.rules.billing.batch import (
    DUNNING_OUT_BYTES,
    DunningRow,
    dunning_out_columns,
    dunning_partition,
)
from custpolicy.rules.billing.columnar import ACTIONS, account_columns, dunning_columns
from custpolicy.rules.penalties import PenaltyAccount
from custpolicy.rules.penalties.batch import (
    PenaltyOutcome,
    PenaltyRow,
    PenaltyRun,
    penalty_partition,
)
from custpolicy.testing import account_states, penalty_accounts, policies
from tests.junk import AMBIGUOUS
from tests.strategies import month_plans

T = TypeVar("T")
AS_OF = date(2026, 3, 20)
ROLL = Policy().updated({"general.roll_to_working_day": True})


def cny(amount: str | int) -> Money:
    return Money(amount, "CNY")


def expected_row(result: Dunning, lang: Any = None) -> DunningRow:
    """The row the single-account rule gives, built from its result by hand."""
    return DunningRow(
        account=result.account.account,
        as_of=result.as_of,
        action=result.action.value,
        level=result.level,
        on=result.on,
        due=result.due,
        balance_minor=result.balance.minor,
        currency=result.balance.currency.code,
        explanation=None if lang is None else result.explain(lang),
    )


def sample_accounts(count: int, seed: int = 7) -> list[AccountState]:
    """Sheets in every dunning state on AS_OF: paid, part paid, not due, notified, served.

    The notices are dated after the periods with the art. 203 roll, so the sheets are valid
    with and without it.
    """
    rnd = random.Random(seed)
    sheets = []
    for index in range(count):
        delivered = AS_OF - timedelta(days=rnd.randint(0, 30))
        billed = rnd.randint(0, 50_000)
        payments = []
        if billed and rnd.random() < 0.6:
            paid_on = delivered + timedelta(days=rnd.randint(0, 12))
            payments.append(Payment(paid_on, Money.from_minor(rnd.randint(1, billed), "CNY")))
        notified = arrears = None
        due = payment_deadline(delivered, policy=ROLL, calendar=china()).due
        late = (AS_OF - due).days  # days past the deadline on AS_OF
        if late >= 1 and rnd.random() < 0.6:
            notified = due + timedelta(days=rnd.randint(1, late))
            arrears_due = calendar_deadline(
                notified, 3, clause=B_8, subject=("notice", "通知"), policy=ROLL, calendar=china()
            ).due + timedelta(days=1)  # B-8: the day after the three days
            if arrears_due <= AS_OF and rnd.random() < 0.5:
                arrears = arrears_due + timedelta(days=rnd.randint(0, (AS_OF - arrears_due).days))
        money = Money.from_minor(billed, "CNY")
        sheets.append(
            AccountState(f"GAS-{index:05d}", delivered, money, payments, notified, arrears)
        )
    return sheets


def run_of(
    account: PenaltyAccount,
    bonuses: Any,
    charges: Any = (),
    approved: Any = None,
) -> PenaltyRun:
    """A run from the account's next month; every charge approved in its month unless told."""
    if approved is None:
        approved = [set(c or ()) for c in charges]
    return PenaltyRun(account, account.year, account.month, bonuses, charges, approved)


def sample_runs(count: int, seed: int = 11) -> list[PenaltyRun]:
    """People starting in any month (December too), with a year of bonuses and charges.

    Case "a" of a month is approved at once; case "b" waits for its approval until the month
    after (C-12.2), so some charges are held back for a month."""
    rnd = random.Random(seed)
    runs = []
    for index in range(count):
        account = PenaltyAccount.start(f"person-{index:04d}", 2025, rnd.randint(1, 12))
        bonuses = [
            Money.from_minor(rnd.choice((0, rnd.randint(1, 800_000))), "CNY") for _ in range(12)
        ]
        charges = [
            {
                f"{index}-{m}-{k}": Money.from_minor(rnd.randint(1, 900_000), "CNY")
                for k in "ab"[: rnd.randint(0, 2)]
            }
            for m in range(rnd.randint(0, 12))
        ]
        approved = [
            {case for case in charges[m] if case.endswith("a")}
            | ({case for case in charges[m - 1] if case.endswith("b")} if m else set())
            for m in range(len(charges))
        ]
        runs.append(run_of(account, bonuses, charges, approved))
    return runs


def split(
    items: Sequence[T], labels: Sequence[int], orders: Sequence[Sequence[int]]
) -> list[list[tuple[int, T]]]:
    """``items`` cut into partitions by label, each partition reordered, with original indices."""
    parts: list[list[tuple[int, T]]] = [[] for _ in orders]
    for index, (item, label) in enumerate(zip(items, labels, strict=True)):
        parts[label].append((index, item))
    return [[part[i] for i in order] for part, order in zip(parts, orders, strict=True)]


@st.composite
def partitions_of(
    draw: st.DrawFn, size: int, max_parts: int = 5
) -> tuple[list[int], list[list[int]]]:
    """A label (partition) per item, and an order for each partition."""
    parts = draw(st.integers(min_value=1, max_value=max_parts))
    labels = draw(st.lists(st.integers(0, parts - 1), min_size=size, max_size=size))
    orders = [draw(st.permutations(range(labels.count(p)))) for p in range(parts)]
    return labels, orders


ERRORS = [
    errors.CustPolicyError("root"),
    errors.InvalidInputError("bad [B-6]"),
    errors.CurrencyMismatchError("CNY and USD [B-6]"),
    errors.CalendarCoverageError("2030 not covered", year=2030, calendar="china"),
    errors.PolicyNotInForceError("no version [M-1.9]"),
    errors.ParameterNotSetError("unset", parameter="billing.reading_rate_standard"),
    errors.UnknownClauseError("no Z-1"),
    errors.UnknownKeyError("no party 'z'"),
    errors.PolicyViolationError("a 100th case [C-8]", clause=C_8),
    errors.ScenarioError("a.scenario.toml: inputs.delivered", source="a.scenario.toml", key=None),
    errors.PolicyFileError("billing.payment_days must be ...", path="billing.payment_days"),
    errors.RecordError("payments[1].amount must be ...", path="payments[1].amount"),
]


# -- pickling: what crosses a process boundary -----------------------------------------------------


class TestPickling:
    def test_policies_calendars_and_books_survive_a_round_trip(self) -> None:
        book = PolicyBook({date(2024, 1, 1): Policy(), date(2026, 1, 1): ROLL})
        for value in (Policy(), ROLL, china(), book):
            assert pickle.loads(pickle.dumps(value)) == value
        calendar = pickle.loads(pickle.dumps(china()))
        days = [date(2026, 9, 25) + timedelta(days=n) for n in range(20)]
        assert [calendar.add_working_days(d, 1) for d in days] == [
            china().add_working_days(d, 1) for d in days
        ]

    def test_accounts_and_their_dunning_results_survive_a_round_trip(self) -> None:
        for sheet in sample_accounts(40):
            assert pickle.loads(pickle.dumps(sheet)) == sheet
            result = dunning(sheet, AS_OF, policy=ROLL, calendar=china())
            copy = pickle.loads(pickle.dumps(result))
            assert copy == result
            assert (copy.policy, copy.calendar) == (ROLL, china())
            assert copy.explain("zh-Hant") == result.explain("zh-Hant")

    def test_penalty_accounts_and_month_results_survive_a_round_trip(self) -> None:
        start = PenaltyAccount.start("Chen", 2026, 12)
        closed = start.close_month(2026, 12, cny("1000.00"), charges={"261201": cny("800.00")})
        schedule = start.close_months(
            2026, 12, [cny("1000.00"), cny("0")], charges=[{"a": cny("900")}], approved=[{"a"}]
        )
        for value in (start, closed, closed.account, schedule):
            assert pickle.loads(pickle.dumps(value)) == value
        assert pickle.loads(pickle.dumps(closed)).explain() == closed.explain()
        assert pickle.loads(pickle.dumps(schedule)).explain("zh-Hant") == schedule.explain(
            "zh-Hant"
        )

    def test_rows_pickle_without_the_policy_and_far_smaller_than_the_results(self) -> None:
        sheets = sample_accounts(200)
        results = [dunning(sheet, AS_OF, calendar=china()) for sheet in sheets]
        rows = dunning_partition(sheets, AS_OF, calendar=china())
        assert pickle.loads(pickle.dumps(rows)) == rows
        assert 3 * len(pickle.dumps(rows)) < len(pickle.dumps(results))
        outcomes = list(penalty_partition(sample_runs(5)))
        assert pickle.loads(pickle.dumps(outcomes)) == outcomes

    @pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
    def test_every_error_survives_a_round_trip_with_its_attributes(
        self, error: errors.CustPolicyError
    ) -> None:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), copy.args, vars(copy)) == (str(error), error.args, vars(error))

    def test_every_exported_error_is_checked_above(self) -> None:
        assert {type(error).__name__ for error in ERRORS} == set(errors.__all__)


# -- dunning by account (B-7, B-8) -----------------------------------------------------------------


class TestDunningPartition:
    def test_each_row_is_the_single_account_decision(self) -> None:
        sheets = sample_accounts(300)
        rows = dunning_partition(sheets, AS_OF)
        assert rows == [expected_row(dunning(sheet, AS_OF)) for sheet in sheets]
        assert {row.action for row in rows} == {
            "nothing",
            "notify",
            "wait",
            "arrears_notice",
            "cutoff_eligible",
        }

    def test_the_rows_are_plain_values(self) -> None:
        sheet = AccountState("GAS-7", date(2026, 3, 2), cny("120.00"), notified=date(2026, 3, 10))
        (row,) = dunning_partition([sheet], date(2026, 3, 14))
        assert row == DunningRow(
            "GAS-7",
            date(2026, 3, 14),
            "arrears_notice",
            3,
            date(2026, 3, 14),
            date(2026, 3, 9),
            12000,
            "CNY",
            None,
        )
        assert row._asdict()["balance_minor"] == 12000

    @pytest.mark.parametrize("lang", ["en", "zh-Hant"])
    def test_explain_adds_the_explanation_in_either_language(self, lang: Any) -> None:
        sheets = sample_accounts(20)
        rows = dunning_partition(sheets, AS_OF, policy=ROLL, calendar=china(), explain=lang)
        assert rows == [
            expected_row(dunning(sheet, AS_OF, policy=ROLL, calendar=china()), lang)
            for sheet in sheets
        ]

    def test_an_empty_partition_gives_no_rows(self) -> None:
        assert dunning_partition([], AS_OF) == []

    def test_a_bad_language_is_refused_before_any_work(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^explain must be one of \('en', 'zh-Hans', 'zh-Hant'\) or a tag that names "
            r"one \(zh, zh-CN, zh-TW, zh-HK, en-GB \.\.\.\) or None, got 'fr' "
            r"\[dunning_partition B-7/B-8\]$",
        ):
            dunning_partition(sample_accounts(1), AS_OF, explain="fr")  # type: ignore[arg-type]

    @pytest.mark.parametrize("explain", [1.5, AMBIGUOUS, ["en"]])
    def test_an_explain_that_is_no_language_is_refused_by_its_name(self, explain: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^explain must be one of .*dunning_partition"):
            dunning_partition(sample_accounts(1), AS_OF, explain=explain)  # type: ignore[arg-type]
        run = run_of(PenaltyAccount.start("Chen", 2026, 2), [cny(1000)])
        with pytest.raises(InvalidInputError, match=r"^explain must be one of .*penalty_partition"):
            penalty_partition([run], explain=explain)  # type: ignore[arg-type]

    def test_bad_input_is_refused_as_by_the_single_run(self) -> None:
        with pytest.raises(InvalidInputError, match="accounts must hold AccountState values"):
            dunning_partition([*sample_accounts(2), "GAS-1"], AS_OF)  # type: ignore[list-item]
        with pytest.raises(InvalidInputError, match=r"as_of must be a datetime\.date"):
            dunning_partition([], "2026-03-20")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            dunning_partition([], AS_OF, policy={})  # type: ignore[arg-type]

    @settings(max_examples=500)
    @given(
        policy=policies(),
        as_of=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 6, 30)),
        data=st.data(),
    )
    def test_any_partition_of_the_accounts_gives_the_same_rows(
        self, policy: Policy, as_of: date, data: st.DataObject
    ) -> None:
        delivered = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 5, 31))
        sheets = data.draw(
            st.lists(account_states(delivered=delivered, policy=policy), max_size=20)
        )
        single = dunning_partition(sheets, as_of, policy=policy)
        assert single == [expected_row(dunning(sheet, as_of, policy=policy)) for sheet in sheets]
        labels, orders = data.draw(partitions_of(len(sheets)))
        found: dict[int, DunningRow] = {}
        for part in split(sheets, labels, orders):
            rows = dunning_partition((sheet for _, sheet in part), as_of, policy=policy)
            found.update(zip((index for index, _ in part), rows, strict=True))
        assert [found[i] for i in range(len(sheets))] == single


# -- the monthly penalty run by person (P-E3.4) ---------------------------------------------------


def month_by_month(run: PenaltyRun) -> tuple[PenaltyAccount, list[PenaltyRow]]:
    """The oracle: close_month month after month, rows built by hand."""
    account, rows = run.account, []
    charges = list(run.charges) + [None] * (len(run.bonuses) - len(run.charges))
    approvals = list(run.approved) + [None] * (len(run.bonuses) - len(run.approved))
    for bonus, charged, approved in zip(run.bonuses, charges, approvals, strict=True):
        closed = account.close_month(
            account.year, account.month, bonus, charges=charged, approved=approved or ()
        )
        rows.append(
            PenaltyRow(
                closed.person,
                closed.year,
                closed.month,
                bonus.minor,
                sum(minor for _, minor in closed.charged_minor),
                closed.deducted.minor,
                closed.carried.minor,
                closed.held_back.minor,
                bonus.currency.code,
            )
        )
        account = closed.account
    return account, rows


@st.composite
def penalty_runs(draw: st.DrawFn, max_people: int = 4) -> list[PenaltyRun]:
    """Distinct people with open cases carried in, each with a plan of 1-8 months."""
    runs = []
    for index in range(draw(st.integers(min_value=0, max_value=max_people))):
        start = attrs.evolve(draw(penalty_accounts(max_open_cases=3)), person=f"p{index}")
        plan = draw(month_plans())
        charges = [{f"new-{case}": amount for case, amount in c.items()} for _, c in plan]
        runs.append(run_of(start, [bonus for bonus, _ in plan], charges))
    return runs


class TestPenaltyPartition:
    def test_the_guide_case_carries_over_three_months(self) -> None:
        chen = PenaltyAccount.start("Chen", 2026, 2)
        run = PenaltyRun(
            chen,
            2026,
            2,
            [cny("1000.00"), cny("0"), cny("1200.01"), cny("1000.00")],
            [{"260201": cny("1349.99")}],
            [{"260201"}],
        )
        (outcome,) = penalty_partition([run])
        assert outcome.months == (
            PenaltyRow("Chen", 2026, 2, 100000, 134999, 50000, 84999, 0, "CNY"),
            PenaltyRow("Chen", 2026, 3, 0, 0, 0, 84999, 0, "CNY"),
            PenaltyRow("Chen", 2026, 4, 120001, 0, 60000, 24999, 0, "CNY"),
            PenaltyRow("Chen", 2026, 5, 100000, 0, 24999, 0, 0, "CNY"),
        )
        assert (outcome.account.year, outcome.account.month) == (2026, 6)
        assert outcome.account.imposed == outcome.account.deducted == cny("1349.99")

    def test_outcomes_match_closing_each_month_by_hand_across_a_new_year(self) -> None:
        runs = sample_runs(40)
        assert any(run.account.month == 12 for run in runs)
        assert any(row.held_minor for outcome in penalty_partition(runs) for row in outcome.months)
        outcomes = penalty_partition(runs)
        for run, outcome in zip(runs, outcomes, strict=True):
            account, rows = month_by_month(run)
            assert outcome == PenaltyOutcome(account, tuple(rows))

    def test_a_plain_tuple_without_charges_is_a_run(self) -> None:
        start = PenaltyAccount.start("Lin", 2026, 1)
        (outcome,) = penalty_partition([(start, 2026, 1, [cny("800.00")])])  # type: ignore[list-item]
        assert outcome.months == (PenaltyRow("Lin", 2026, 1, 80000, 0, 0, 0, 0, "CNY"),)
        assert outcome.account == attrs.evolve(
            PenaltyAccount.start("Lin", 2026, 2), last_closed=(2026, 1)
        )

    def test_a_month_already_closed_is_refused_in_a_partition(self) -> None:
        (outcome,) = penalty_partition([run_of(PenaltyAccount.start("Lin", 2026, 1), [cny(1)])])
        again = PenaltyRun(outcome.account, 2026, 1, [cny(1)])
        with pytest.raises(PolicyViolationError, match="Lin's month 2026-01 is already closed"):
            list(penalty_partition([again]))
        skipped = PenaltyRun(outcome.account, 2026, 3, [cny(1)])
        with pytest.raises(InvalidInputError, match="next month to close, 2026-02, got 2026-03"):
            list(penalty_partition([skipped]))

    @pytest.mark.parametrize("lang", ["en", "zh-Hant"])
    def test_explain_gives_each_month_its_explanation(self, lang: Any) -> None:
        (run,) = sample_runs(1, seed=3)
        (outcome,) = penalty_partition([run], explain=lang)
        schedule = run.account.close_months(
            run.year, run.month, run.bonuses, charges=run.charges, approved=run.approved
        )
        assert [row.explanation for row in outcome.months] == [
            month.explain(lang) for month in schedule.months
        ]
        assert all(row.explanation is None for row in next(penalty_partition([run])).months)

    def test_the_policy_given_is_the_one_applied(self) -> None:
        third = Policy().updated({"penalties.monthly_cap_ratio": Decimal("0.3")})
        run = run_of(PenaltyAccount.start("Wang", 2026, 1), [cny("1000.00")], [{"c": cny("900")}])
        (outcome,) = penalty_partition([run], policy=third)
        assert outcome.months[0].deducted_minor == 30000

    def test_splitting_a_persons_months_loses_the_carry_unless_chained(self) -> None:
        chen = PenaltyAccount.start("Chen", 2026, 2)
        bonuses = [cny("1000.00"), cny("0"), cny("1200.01")]
        (whole,) = penalty_partition([run_of(chen, bonuses, [{"260201": cny("1349.99")}])])
        (first,) = penalty_partition([run_of(chen, bonuses[:1], [{"260201": cny("1349.99")}])])
        # wrong: the later months run on their own, from an empty account
        apart = list(
            penalty_partition([run_of(PenaltyAccount.start("Chen", 2026, 3), bonuses[1:])])
        )
        assert [r.deducted_minor for r in apart[0].months] == [0, 0]
        assert first.months + apart[0].months != whole.months
        # right: the next run starts from the account the first one left
        (chained,) = penalty_partition([run_of(first.account, bonuses[1:])])
        assert first.months + chained.months == whole.months
        assert chained.account == whole.account

    @settings(max_examples=300)  # each example closes up to 4 people x 8 months, twice
    @given(runs=penalty_runs(), data=st.data())
    def test_any_partition_of_the_people_gives_the_same_outcomes(
        self, runs: list[PenaltyRun], data: st.DataObject
    ) -> None:
        single = list(penalty_partition(runs))
        labels, orders = data.draw(partitions_of(len(runs)))
        found: dict[int, PenaltyOutcome] = {}
        for part in split(runs, labels, orders):
            outcomes = penalty_partition([run for _, run in part])
            found.update(zip((index for index, _ in part), outcomes, strict=True))
        assert [found[i] for i in range(len(runs))] == single

    @settings(max_examples=300)
    @given(runs=penalty_runs(max_people=1).filter(bool), data=st.data())
    def test_a_run_cut_in_two_and_chained_equals_the_whole_run(
        self, runs: list[PenaltyRun], data: st.DataObject
    ) -> None:
        (run,) = runs
        cut = data.draw(st.integers(min_value=0, max_value=len(run.bonuses)))
        (whole,) = penalty_partition(runs)
        (head,) = penalty_partition([run_of(run.account, run.bonuses[:cut], run.charges[:cut])])
        (tail,) = penalty_partition([run_of(head.account, run.bonuses[cut:], run.charges[cut:])])
        assert head.months + tail.months == whole.months
        assert tail.account == whole.account
        # without the chain, the tail is right only when nothing was carried into it
        fresh = PenaltyAccount.start(run.account.person, head.account.year, head.account.month)
        (alone,) = penalty_partition([run_of(fresh, run.bonuses[cut:], run.charges[cut:])])
        assert (alone.months == tail.months) == (
            not head.account.open_cases or cut == len(run.bonuses)
        )

    @pytest.mark.parametrize(
        "runs",
        [42, "Chen", b"Chen", {"Chen": 1}, None],
        ids=["int", "str", "bytes", "mapping", "none"],
    )
    def test_runs_must_be_an_iterable_of_runs(self, runs: Any) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"runs must be an iterable of PenaltyRun, got .* \[penalty_partition P-E3.4\]",
        ):
            penalty_partition(runs)

    @pytest.mark.parametrize(
        "run",
        [
            "Chen",
            (PenaltyAccount.start("Chen", 2026, 1), 2026, 1),
            (PenaltyAccount.start("Chen", 2026, 1), 2026, 1, [], [], [], "extra"),
            ("Chen", 2026, 1, [cny(1)]),
            [PenaltyAccount.start("Chen", 2026, 1), 2026, 1, [cny(1)]],
        ],
        ids=["str", "three", "seven", "no-account", "list"],
    )
    def test_each_run_must_be_an_account_with_its_months(self, run: Any) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"runs must hold PenaltyRun values \(account, year, month, bonuses, charges, ",
        ):
            list(penalty_partition([run]))

    def test_a_person_given_twice_in_a_partition_is_refused(self) -> None:
        chen = PenaltyAccount.start("Chen", 2026, 1)
        later = PenaltyAccount.start("Chen", 2026, 7)
        with pytest.raises(
            InvalidInputError,
            match=r"^each person must be in one run only, got 'Chen': close all of a person's "
            r"months in one run, in order: each month carries into the next "
            r"\[penalty_partition P-E3\.4\]$",
        ):
            list(penalty_partition([run_of(chen, [cny(1)]), run_of(later, [cny(1)])]))

    def test_bad_arguments_are_refused(self) -> None:
        run = run_of(PenaltyAccount.start("Chen", 2026, 1), [cny(1)])
        with pytest.raises(
            InvalidInputError,
            match=r"policy must be a Policy or a PolicyBook, got None \[penalty_partition P-E3.4\]",
        ):
            penalty_partition([run], policy=None)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match=r"explain must be one of .*penalty_partition"):
            penalty_partition([run], explain="de")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match=r"bonuses\[0\] must be Money"):
            list(penalty_partition([run_of(run.account, [1.5])]))


class TestDaskIsOptional:
    def test_the_batch_module_imports_no_engine(self) -> None:
        code = (
            "import sys, custpolicy.rules.billing.batch, custpolicy.rules.penalties.batch; "
            "print(sorted(m for m in ('dask', 'pandas', 'pyspark', 'ray') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"


# -- routing keys -------------------------------------------------------------------------------


class TestPartitionOf:
    @given(key=st.text(), partitions=st.integers(min_value=1, max_value=10**6))
    def test_a_key_goes_to_one_of_the_partitions(self, key: str, partitions: int) -> None:
        found = partition_of(key, partitions)
        assert 0 <= found < partitions
        assert partition_of(key, partitions) == found
        assert partition_of(key, 1) == 0

    def test_the_partition_is_the_same_in_another_process_with_another_hash_seed(self) -> None:
        keys = [f"GAS-{i:05d}" for i in range(50)] + ["陳大文", "Chen", ""]
        code = (
            "import sys, json; from custpolicy.foundation.partition import partition_of; "
            "print(json.dumps([partition_of(k, 16) for k in json.loads(sys.argv[1])]))"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345"}
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps(keys)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        assert json.loads(out) == [partition_of(key, 16) for key in keys]

    def test_any_str_is_a_key_even_a_lone_surrogate(self) -> None:
        assert 0 <= partition_of("\ud800", 8) < 8
        assert partition_of("", 8) == 0  # CRC-32 of no bytes is 0

    def test_keys_spread_over_the_partitions(self) -> None:
        counts = [0] * 8
        for i in range(8000):
            counts[partition_of(f"GAS-{i:07d}", 8)] += 1
        assert min(counts) > 800

    @pytest.mark.parametrize(
        ("key", "partitions", "message"),
        [
            (42, 4, "key must be a str, got 42"),
            (None, 4, "key must be a str, got None"),
            ("Chen", 0, "partitions must be an int of at least 1, got 0"),
            ("Chen", True, "partitions must be an int of at least 1, got True"),
            ("Chen", 2.0, "partitions must be an int of at least 1, got 2.0"),
        ],
    )
    def test_bad_arguments_are_refused(self, key: Any, partitions: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            partition_of(key, partitions)


# -- on Dask, with the local schedulers ----------------------------------------------------------


class TestOnDask:
    def test_dunning_on_a_bag_gives_the_single_run_rows(self) -> None:
        sheets = sample_accounts(500)
        single = dunning_partition(sheets, AS_OF, policy=ROLL, calendar=china())
        bag = db.from_sequence(sheets, npartitions=7)
        rows = bag.map_partitions(dunning_partition, AS_OF, policy=ROLL, calendar=china())
        assert rows.compute(scheduler="threads") == single
        assert rows.compute(scheduler="sync") == single

    def test_penalties_on_a_bag_give_the_single_run_outcomes(self) -> None:
        runs = sample_runs(60)
        single = list(penalty_partition(runs))
        bag = db.from_sequence(runs, npartitions=4).map_partitions(penalty_partition)
        assert bag.compute(scheduler="threads") == single
        months = bag.pluck(1).flatten().compute(scheduler="sync")
        assert months == [row for outcome in single for row in outcome.months]

    def test_two_processes_give_the_single_run_and_pass_errors_back_intact(self) -> None:
        sheets = sample_accounts(400)
        runs = sample_runs(40)
        dunning_bag = db.from_sequence(sheets, npartitions=4).map_partitions(
            dunning_partition, AS_OF, policy=ROLL, calendar=china()
        )
        # a generator cannot cross a process boundary: the partition function returns a list
        penalty_bag = db.from_sequence(runs, npartitions=4).map_partitions(
            lambda part: list(penalty_partition(part))
        )
        uncovered = [*sheets[:5], AccountState("GAS-2031", date(2031, 1, 1), cny(5))]
        failing = db.from_sequence(uncovered, npartitions=2).map_partitions(
            dunning_partition, date(2031, 2, 1), policy=ROLL, calendar=china()
        )
        # one partition per worker call (dask hands out 6 by default); spawn, as dask does
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            rows, outcomes = dask.compute(
                dunning_bag, penalty_bag, scheduler="processes", pool=pool, chunksize=1
            )
            with pytest.raises(CalendarCoverageError, match="falls in 2031") as raised:
                failing.compute(scheduler="processes", pool=pool, chunksize=1)
        assert rows == dunning_partition(sheets, AS_OF, policy=ROLL, calendar=china())
        assert outcomes == list(penalty_partition(runs))
        assert (raised.value.year, raised.value.calendar) == (2031, "china")


# -- every result in shared memory: workers write it, nothing is sent back (issue 16) ------------


class TestSharedMemory:
    def test_two_processes_write_the_single_run_into_the_clients_shared_memory(self) -> None:
        sheets = sample_accounts(300)
        columns, _, cur = account_columns(sheets)
        columns["paid"] = np.array([s.paid_by(AS_OF).minor for s in sheets], dtype=np.int64)
        single = dunning_columns(columns, AS_OF, policy=ROLL, calendar=china(), currency=cur)
        rows = len(sheets)
        block = SharedMemory(create=True, size=rows * DUNNING_OUT_BYTES)
        try:

            def write_rows(first: int, last: int, table: dict[str, Any]) -> int:
                """A worker's partition: rows first..last-1 written into the shared block."""
                shared = SharedMemory(name=block.name)
                out = dunning_out_columns(shared.buf, rows)
                part = {key: column[first:last] for key, column in out.items()}
                dunning_columns(table, AS_OF, policy=ROLL, calendar=china(), out=part)
                del out, part  # the block closes only once no array views it
                shared.close()
                return last - first

            # a nested function travels by value (cloudpickle), as the test module cannot be
            # imported by name in a spawned worker
            tasks = [
                dask.delayed(write_rows)(
                    first, last, {k: v[first:last] for k, v in columns.items()}
                )
                for first, last in ((0, 120), (120, 300))
            ]
            with multiprocessing.get_context("spawn").Pool(2) as pool:
                written = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
            assert written == ([120, 180],)
            out = dunning_out_columns(block.buf, rows)
            for name, column in out.items():
                assert np.array_equal(column, single[name], equal_nan=name in ("on", "due"))
            assert ACTIONS[out["action"][7]] is single.row(7).action
            del out, column
        finally:
            block.close()
            block.unlink()
