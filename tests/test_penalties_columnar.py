"""The columnar monthly cap (P-E3.4, C-12.2, P-5): the same answers as close_month, to the fen."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy.foundation.errors import (
    InvalidInputError,
    PolicyNotInForceError,
    PolicyViolationError,
)
from custpolicy.foundation.money import Money
from custpolicy.foundation.policy import Policy, PolicyBook
from custpolicy.rules.penalties import (
    MonthClose,
    OpenCase,
    PenaltyAccount,
    Sanction,
    StatutoryRules,
    check_fine,
)
from custpolicy.rules.penalties.columnar import (
    ColumnarClose,
    PenaltyColumns,
    close_columns,
    penalty_partition_columns,
)
from custpolicy.testing import penalty_accounts, policies, policy_books

# -- the property: columnar and scalar agree on every person-month -------------------------------

_SANCTIONS = (Sanction.WARNING, Sanction.MINOR_DEMERIT, Sanction.MAJOR_DEMERIT)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """Several people's accounts and months, with charges, approvals, fines and wages."""
    accounts = draw(
        st.lists(
            penalty_accounts(max_minor=10**6), min_size=1, max_size=3, unique_by=lambda a: a.person
        )
    )
    people = []
    for account in accounts:
        count = draw(st.integers(min_value=1, max_value=5))
        months = []
        for k in range(count):
            charges = []
            for n in range(draw(st.integers(min_value=0, max_value=2))):
                amount = draw(st.integers(min_value=0, max_value=10**6))
                # approved at its own close, at a later close of the run, after it, or not yet
                approved = draw(st.sampled_from(["own", "later", "after", "never"]))
                later = k + draw(st.integers(min_value=1, max_value=count))
                charges.append((f"x{k}{n}", amount, approved, later))
            fines = []
            for _ in range(draw(st.integers(min_value=0, max_value=2))):
                sanction = draw(st.sampled_from(_SANCTIONS))
                count_of = draw(st.integers(min_value=1, max_value=2))
                base = draw(st.integers(min_value=1, max_value=3))
                extra = draw(st.integers(min_value=0, max_value=10**5))
                fines.append((sanction, count_of, base, extra))
            months.append(
                {
                    "bonus": draw(st.integers(min_value=0, max_value=10**6)),
                    "charges": charges,
                    "fines": fines,
                    "wage": draw(st.integers(min_value=0, max_value=10**6)),
                    "minimum": draw(st.integers(min_value=0, max_value=10**6)),
                }
            )
        held = [case.case for case in account.open_cases if not case.approved]
        releases = {
            case: draw(st.integers(min_value=0, max_value=count - 1))
            for case in held
            if draw(st.booleans())
        }
        people.append({"account": account, "months": months, "releases": releases})
    return {
        "people": people,
        "policy": draw(st.one_of(policies(), policy_books())),
        "wages": draw(st.booleans()),
        "shuffle": draw(st.randoms(use_true_random=False)),
    }


def _version(policy: Policy | PolicyBook, year: int, month: int) -> Policy:
    if isinstance(policy, PolicyBook):
        return policy.version_on(date(year, month, 1)).policy
    return policy


def scalar_and_tables(plan: dict[str, Any]) -> tuple[dict[str, list[MonthClose]], dict[str, Any]]:
    """Every month closed with close_month, and the same inputs as tables."""
    policy = plan["policy"]
    months: dict[str, list[Any]] = {
        k: []
        for k in ("person", "year", "month", "bonus_minor", "wage_minor", "minimum_wage_minor")
    }
    cases: dict[str, list[Any]] = {
        k: [] for k in ("person", "case", "year", "month", "amount_minor")
    } | {"approved_year": [], "approved_month": []}
    approvals: dict[str, list[Any]] = {k: [] for k in ("person", "case", "year", "month")}
    fines: dict[str, list[Any]] = {
        k: [] for k in ("person", "year", "month", "sanction", "amount_minor", "count", "base")
    }
    closes: dict[str, list[MonthClose]] = {}
    for person in plan["people"]:
        account: PenaltyAccount = person["account"]
        name, cur = account.person, account.currency
        closes[name] = []
        start = account.year * 12 + account.month - 1
        count = len(person["months"])
        approved_at: dict[int, set[str]] = {}
        for case, k in person["releases"].items():
            approved_at.setdefault(k, set()).add(case)
            year, month = divmod(start + k, 12)
            for key, value in zip(approvals, (name, case, year, month + 1), strict=True):
                approvals[key].append(value)
        for k, spec in enumerate(person["months"]):
            year, month = divmod(start + k, 12)
            month += 1
            for key, value in zip(
                months,
                (name, year, month, spec["bonus"], spec["wage"], spec["minimum"]),
                strict=True,
            ):
                months[key].append(value)
            for case, amount, approved, later in spec["charges"]:
                at = {"own": k, "later": min(later, count - 1), "after": count, "never": -1}[
                    approved
                ]
                if at >= 0 and (at == k or amount):
                    approved_at.setdefault(at, set()).add(case)
                a_year, a_month = divmod(start + at, 12)
                for key, value in zip(
                    cases,
                    (name, case, year, month, amount)
                    + ((0, 0) if at < 0 else (a_year, a_month + 1)),
                    strict=True,
                ):
                    cases[key].append(value)
        for k, spec in enumerate(person["months"]):
            year, month = divmod(start + k, 12)
            month += 1
            try:
                version = _version(policy, year, month)
            except PolicyNotInForceError:
                break
            month_fines = []
            for sanction, count_of, base, extra in spec["fines"]:
                bonus = Money.from_minor(spec["bonus"], cur)
                if sanction is not Sanction.MINOR_DEMERIT:
                    base = 1
                minimum = check_fine(
                    sanction, count=count_of, base=base, bonus=bonus, policy=version
                ).minimum
                amount = minimum.minor + (0 if sanction is Sanction.MAJOR_DEMERIT else extra)
                month_fines.append(
                    check_fine(
                        sanction,
                        amount=Money.from_minor(amount, cur),
                        count=count_of,
                        base=base,
                        bonus=bonus,
                        policy=version,
                    )
                )
                for key, value in zip(
                    fines,
                    (name, year, month, sanction.value, amount, count_of, base),
                    strict=True,
                ):
                    fines[key].append(value)
            wage = Money.from_minor(spec["wage"], cur) if plan["wages"] else None
            minimum_wage = Money.from_minor(spec["minimum"], cur) if plan["wages"] else None
            closed = account.close_month(
                year,
                month,
                Money.from_minor(spec["bonus"], cur),
                charges={
                    case: Money.from_minor(amount, cur) for case, amount, _, _ in spec["charges"]
                },
                approved=approved_at.get(k, set()),
                fines=month_fines,
                wage=wage,
                minimum_wage=minimum_wage,
                policy=policy,
            )
            closes[name].append(closed)
            account = closed.account
    if not plan["wages"]:
        del months["wage_minor"], months["minimum_wage_minor"]
    order = list(range(len(months["person"])))
    plan["shuffle"].shuffle(order)
    shuffled = {key: np.array([values[i] for i in order]) for key, values in months.items()}
    return closes, {
        "months": shuffled,
        "order": order,
        "cases": {
            key: np.array(values, dtype=object if key in ("person", "case") else np.int64)
            for key, values in cases.items()
        },
        "approvals": approvals,
        "fines": fines,
    }


class TestColumnarAgreesWithCloseMonth:
    @given(plans())
    def test_every_person_month_is_the_scalar_close_to_the_fen(self, plan: dict[str, Any]) -> None:
        closes, tables = scalar_and_tables(plan)
        accounts = [person["account"] for person in plan["people"]]

        def run() -> ColumnarClose:
            return close_columns(
                tables["months"],
                cases=tables["cases"],
                approvals=tables["approvals"],
                fines=tables["fines"],
                accounts=accounts,
                policy=plan["policy"],
            )

        expected_rows = sum(len(p["months"]) for p in plan["people"])
        if sum(len(c) for c in closes.values()) < expected_rows:  # a month before the book
            with pytest.raises(PolicyNotInForceError):
                run()
            return
        result = run()
        columns = result.columns()
        # the rows of the table, in the shuffled order, against each person's closes
        flat = []
        for person in plan["people"]:
            flat += closes[person["account"].person]
        for row, source in enumerate(tables["order"]):
            closed = flat[source]
            assert columns["person"][row] == closed.person
            assert (int(columns["year"][row]), int(columns["month"][row])) == (
                closed.year,
                closed.month,
            )
            assert int(columns["deducted_minor"][row]) == closed.deducted.minor
            assert int(columns["carried_minor"][row]) == closed.carried.minor
            assert int(columns["held_minor"][row]) == closed.held_back.minor
            assert int(columns["cap_minor"][row]) == closed.cap.minor
            assert int(columns["fines_minor"][row]) == closed.fines.minor
            assert int(columns["fines_uncovered_minor"][row]) == closed.fines_uncovered.minor
            assert int(columns["charged_minor"][row]) == sum(m.minor for _, m in closed.charged)
            assert int(columns["company_receives_minor"][row]) == closed.company_receives.minor
            if plan["wages"]:
                check = closed.statutory
                assert check is not None
                assert int(columns["lawful_maximum_minor"][row]) == check.lawful_maximum.minor
                assert bool(columns["over_limit"][row]) == check.over_limit
                assert bool(columns["below_minimum"][row]) == check.below_minimum
            else:
                assert "over_limit" not in columns
        # every row turns back into the scalar month close, explanation and all
        row = plan["shuffle"].randrange(len(tables["order"]))
        again = result.month_close(row)
        assert again == flat[tables["order"][row]]
        for lang in ("en", "zh-Hant"):
            assert again.explain(lang) == flat[tables["order"][row]].explain(lang)
        # and each account after the run
        state = result.accounts()
        for index, name in enumerate(state["person"]):
            final = closes[name][-1].account
            assert result.account(name) == final
            assert (int(state["year"][index]), int(state["month"][index])) == (
                final.year,
                final.month,
            )
            assert int(state["imposed_minor"][index]) == final.imposed.minor
            assert int(state["deducted_minor"][index]) == final.deducted.minor
            assert int(state["held_minor"][index]) == final.held_back.minor
            assert (
                int(state["carried_minor"][index])
                == final.outstanding.minor - final.held_back.minor
            )

    @given(
        st.lists(penalty_accounts(max_minor=10**6), min_size=1, max_size=4,
                 unique_by=lambda a: a.person),
        st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6),
        st.lists(st.integers(min_value=0, max_value=10**6), max_size=6),
        policies(),
    )  # fmt: skip
    def test_the_months_of_close_months_are_the_same(
        self,
        accounts: list[PenaltyAccount],
        bonuses: list[int],
        charges: list[int],
        policy: Policy,
    ) -> None:
        months: dict[str, list[Any]] = {"person": [], "year": [], "month": [], "bonus_minor": []}
        cases: dict[str, list[Any]] = {
            "person": [], "case": [], "year": [], "month": [], "amount_minor": []
        }  # fmt: skip
        schedules = []
        for account in accounts:
            start = account.year * 12 + account.month - 1
            plan_charges = []
            for k, bonus in enumerate(bonuses):
                year, month = divmod(start + k, 12)
                for key, value in zip(
                    months, (account.person, year, month + 1, bonus), strict=True
                ):
                    months[key].append(value)
                if k < len(charges):
                    plan_charges.append({f"x{k}": Money.from_minor(charges[k], "CNY")})
                    row = (account.person, f"x{k}", year, month + 1, charges[k])
                    for key, value in zip(cases, row, strict=True):
                        cases[key].append(value)
            schedules.append(
                account.close_months(
                    account.year,
                    account.month,
                    [Money.from_minor(b, "CNY") for b in bonuses],
                    charges=plan_charges,
                    approved=[set(c) for c in plan_charges],
                    policy=policy,
                )
            )
        columns = close_columns(months, cases=cases, accounts=accounts, policy=policy).columns()
        width = len(bonuses)
        for index, schedule in enumerate(schedules):
            rows = slice(index * width, (index + 1) * width)
            assert columns["deducted_minor"][rows].tolist() == list(schedule.deducted_minor)
            assert columns["carried_minor"][rows].tolist() == list(schedule.carried_minor)
            assert columns["held_minor"][rows].tolist() == list(schedule.held_minor)


# -- worked cases, inputs and refusals ------------------------------------------------------------


def chen_months(**extra: Any) -> dict[str, Any]:
    return {
        "person": ["Chen", "Chen", "Chen"],
        "year": [2026, 2026, 2026],
        "month": [2, 3, 4],
        "bonus_minor": [100000, 0, 120001],
    } | extra


CHEN_CASE = {"person": ["Chen"], "case": ["260201"], "year": [2026], "month": [2],
             "amount_minor": [134999]}  # fmt: skip


FINES = {"person": ["Chen", "Chen"], "year": [2026, 2026], "month": [2, 4],
         "sanction": ["warning", "major demerit"], "amount_minor": [40000, 120001]}  # fmt: skip


class TestColumnarInputs:
    def test_the_worked_case_of_the_guide(self) -> None:
        run = close_columns(chen_months(), cases=CHEN_CASE)
        assert run.columns()["deducted_minor"].tolist() == [50000, 0, 60000]
        assert run.columns()["carried_minor"].tolist() == [84999, 84999, 24999]
        assert run.people == ("Chen",)

    def test_a_pandas_frame_is_read_like_a_mapping(self) -> None:
        frame = pd.DataFrame(chen_months())
        run = close_columns(frame, cases=pd.DataFrame(CHEN_CASE))
        assert run.columns()["deducted_minor"].tolist() == [50000, 0, 60000]

    def test_an_empty_table_gives_empty_columns(self) -> None:
        run = close_columns({"person": [], "year": [], "month": [], "bonus_minor": []})
        assert run.columns()["deducted_minor"].tolist() == []
        assert run.accounts()["person"].tolist() == []

    def test_without_numpy_the_error_says_how_to_install_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "numpy", None)
        with pytest.raises(ImportError, match=r"pip install custpolicy\[columnar\]"):
            close_columns(chen_months())

    def test_a_run_continues_from_an_earlier_run(self) -> None:
        first = close_columns(chen_months(), cases=CHEN_CASE)
        later = close_columns(
            {"person": ["Chen", "Lin"], "year": [2026, 2026], "month": [5, 5],
             "bonus_minor": [100000, 1000]},
            cases={"person": ["Chen"], "case": ["260501"], "year": [2026], "month": [5],
                   "amount_minor": [100]},
            accounts=first,
        )  # fmt: skip
        assert later.columns()["deducted_minor"].tolist() == [25099, 0]
        chen = later.account("Chen")
        assert chen.cases == frozenset({"260201", "260501"})
        assert later.month_close(0).brought_forward == Money("249.99", "CNY")
        with pytest.raises(PolicyViolationError, match="already charged"):
            close_columns(
                {"person": ["Chen"], "year": [2026], "month": [5], "bonus_minor": [1]},
                cases=CHEN_CASE | {"month": [5]},
                accounts=first,
            )
        with pytest.raises(PolicyViolationError, match="already closed"):
            close_columns(chen_months(), accounts=first)
        with pytest.raises(InvalidInputError, match="a run in JPY"):
            close_columns(
                {"person": ["Chen"], "year": [2026], "month": [5], "bonus_minor": [1]},
                accounts=first,
                currency="JPY",
            )

    def test_approvals_release_a_case_held_on_the_account_before_the_run(self) -> None:
        held = OpenCase("old", 2026, 1, Money("10.00", "CNY"), Money("10.00", "CNY"), False)
        account = PenaltyAccount(
            "Chen", 2026, 2, (held,), Money("10.00", "CNY"), Money("0", "CNY"), (2026, 1)
        )
        approvals = {"person": ["Chen"], "case": ["old"], "year": [2026], "month": [3]}
        run = close_columns(chen_months(), approvals=approvals, accounts=[account])
        assert run.columns()["held_minor"].tolist() == [1000, 0, 0]
        assert run.columns()["deducted_minor"].tolist() == [0, 0, 1000]
        assert run.columns()["carried_minor"].tolist() == [0, 1000, 0]
        assert run.month_close(2).deducted == Money("10.00", "CNY")
        wrongs: list[tuple[dict[str, list[Any]], str]] = [
            ({"case": ["nope"]}, "a case held back on Chen's account"),
            ({"month": [9]}, "a month of Chen's run"),
        ]
        for wrong, message in wrongs:
            with pytest.raises(InvalidInputError, match=message):
                close_columns(chen_months(), approvals=approvals | wrong, accounts=[account])

    def test_wage_columns_check_the_statute(self) -> None:
        run = close_columns(
            chen_months(wage_minor=[240000] * 3, minimum_wage_minor=[200000] * 3),
            cases=CHEN_CASE,
            statute=StatutoryRules(
                statute_en="law", statute_zh="法", loss_deduction_ratio=Decimal("0.1")
            ),
        )
        assert run.columns()["over_limit"].tolist() == [True, False, True]
        assert run.columns()["lawful_maximum_minor"].tolist() == [24000] * 3
        assert "law" in run.month_close(0).explain()

    def test_a_huge_bonus_is_capped_exactly(self) -> None:
        policy = Policy().updated({"penalties.monthly_cap_ratio": Decimal("0.99")})
        big = 2**62
        run = close_columns(
            {"person": ["A"], "year": [2026], "month": [1], "bonus_minor": [big]}, policy=policy
        )
        assert int(run.columns()["cap_minor"][0]) == big * 99 // 100

    def test_fines_are_taken_and_explained(self) -> None:
        fines = dict(FINES)
        counted = Policy().updated({"penalties.fines_count_against_cap": True})
        run = close_columns(chen_months(), cases=CHEN_CASE, fines=fines, policy=counted)
        assert run.columns()["fines_minor"].tolist() == [40000, 0, 120001]
        assert run.columns()["deducted_minor"].tolist() == [10000, 0, 0]
        assert "P-5.3" in run.month_close(-1).explain()

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"sanction": ["scolding", "warning"]}, "one of 'warning'"),
            ({"amount_minor": [100, 120001]}, "below its minimum"),
            ({"amount_minor": [40000, 5]}, "not the month's whole bonus"),
            ({"month": [2, 9]}, "a month of Chen's run"),
            ({"person": ["Chen", "Lin"]}, "a person of the month table"),
        ],
    )
    def test_bad_fines_are_refused(self, change: dict[str, Any], message: str) -> None:
        fines = dict(FINES)
        with pytest.raises(InvalidInputError, match=message):
            close_columns(chen_months(), fines=fines | change)

    @pytest.mark.parametrize(
        ("months", "cases", "error", "message"),
        [
            ([1, 2], None, InvalidInputError, "a mapping of columns"),
            ({"bonus_minor": [[1, 2, 3]]}, None, InvalidInputError, "a 1-D column"),
            ({"person": [["A"]]}, None, InvalidInputError, "a 1-D column"),
            ({"bonus_minor": [1.0, 2.0, 3.0]}, None, InvalidInputError, "floats are inexact"),
            ({"bonus_minor": ["1", "2", "3"]}, None, InvalidInputError, "integers"),
            ({"bonus_minor": np.array([2**64 - 1, 0, 0], dtype=np.uint64)}, None,
             InvalidInputError, r"bonus_minor'\]\[0\] must be an int from 0"),
            ({"bonus_minor": [1, -1, 1]}, None, InvalidInputError, r"\[1\] must be an int"),
            ({"person": ["Chen", "", "Chen"]}, None, InvalidInputError, "a non-empty str"),
            ({"wage_minor": [1, 1, 1]}, None, InvalidInputError, "both wage_minor"),
            ({"year": [9999] * 3, "month": [10, 11, 12]}, None, InvalidInputError,
             "no month after 9999-11"),
            ({"month": [2, 2, 4]}, None, PolicyViolationError, "given twice"),
            ({"month": [2, 3, 5]}, None, InvalidInputError, "next month, 2026-04"),
            ({}, {"month": [1]}, InvalidInputError, "a month of Chen's run"),
            ({}, {"approved_year": [2026], "approved_month": [1]}, InvalidInputError,
             "a month from the case's own"),
            ({}, {"approved_year": [0], "approved_month": [1]}, InvalidInputError,
             "a month from the case's own"),
            ({}, {"person": ["Chen", "Chen"], "case": ["a", "a"], "year": [2026, 2026],
                  "month": [2, 3], "amount_minor": [1, 1]}, PolicyViolationError, "given twice"),
            ({}, {"amount_minor": [2**63 - 1], "person": ["Chen"]} | {}, None, ""),
        ],
    )  # fmt: skip
    def test_bad_tables_are_refused(
        self, months: Any, cases: Any, error: type[Exception] | None, message: str
    ) -> None:
        table = chen_months() | months if isinstance(months, dict) else months
        case_table = None if cases is None else CHEN_CASE | cases
        if error is None:  # the largest amount there is still fits
            assert close_columns(table, cases=case_table).columns()["charged_minor"][0] > 0
            return
        with pytest.raises(error, match=message):
            close_columns(table, cases=case_table)

    def test_charges_whose_total_does_not_fit_64_bits_are_refused(self) -> None:
        cases = {"person": ["Chen", "Chen"], "case": ["a", "b"], "year": [2026, 2026],
                 "month": [2, 3], "amount_minor": [2**62, 2**62]}  # fmt: skip
        with pytest.raises(InvalidInputError, match="fits in 64 bits"):
            close_columns(chen_months(), cases=cases)
        lin = {"person": ["Lin", "Chen"], "year": [2026, 2026], "month": [2, 2],
               "bonus_minor": [1, 1]}  # fmt: skip
        fits = {"person": ["Lin", "Chen"], "case": ["a", "b"], "year": [2026, 2026],
                "month": [2, 2], "amount_minor": [2**62, 2**62]}  # fmt: skip
        assert close_columns(lin, cases=fits).accounts()["imposed_minor"].tolist() == [2**62] * 2

    @pytest.mark.parametrize(
        ("accounts", "message"),
        [
            ("Chen", "None, PenaltyAccount values or a ColumnarClose"),
            ([1], "PenaltyAccount values"),
            ([PenaltyAccount.start("Chen", 2026, 2)] * 2, "one per person"),
            ([PenaltyAccount.start("Chen", 2026, 2, "JPY")], "in CNY"),
            ([PenaltyAccount.start("Chen", 2026, 1)], "next month to close, 2026-01"),
        ],
    )
    def test_bad_accounts_are_refused(self, accounts: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            close_columns(chen_months(), accounts=accounts)

    def test_an_account_of_someone_without_months_is_kept_aside(self) -> None:
        others = [PenaltyAccount.start("Zhou", 2026, 2), PenaltyAccount.start("Chen", 2026, 2)]
        run = close_columns(chen_months(), cases=CHEN_CASE, accounts=others)
        assert run.people == ("Chen",)
        assert close_columns(
            {"person": ["Chen"], "year": [2026], "month": [5], "bonus_minor": [0]},
            accounts=run,
        ).people == ("Chen",)
        wu = close_columns(
            {"person": ["Wu"], "year": [2026], "month": [5], "bonus_minor": [0]}, accounts=run
        )
        assert (
            wu.account("Wu")
            == PenaltyAccount.start("Wu", 2026, 5).close_month(2026, 5, Money("0", "CNY")).account
        )
        assert wu.month_close(0).deducted == Money("0", "CNY")

    def test_a_table_without_a_required_column_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"missing \['bonus_minor'\]"):
            close_columns({"person": ["A"], "year": [2026], "month": [1]})

    def test_a_row_or_a_person_not_in_the_run_is_refused(self) -> None:
        run = close_columns(chen_months())
        for index in (3, -4, "0", True):
            with pytest.raises(InvalidInputError, match="a row of the month table"):
                run.month_close(index)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="a person of the run"):
            run.account("Lin")

    def test_a_month_before_the_book_is_refused(self) -> None:
        book = PolicyBook({date(2026, 3, 1): Policy()})
        with pytest.raises(PolicyNotInForceError):
            close_columns(chen_months(), policy=book)


class TestPartitionColumns:
    def test_columns_in_columns_out_as_one_run_gives(self) -> None:
        out = penalty_partition_columns(chen_months(), cases=CHEN_CASE)
        assert isinstance(out, PenaltyColumns)
        run = close_columns(chen_months(), cases=CHEN_CASE)
        for key, column in run.columns().items():
            assert out.months[key].tolist() == column.tolist()
        assert out.accounts["carried_minor"].tolist() == [24999]
        assert isinstance(run, ColumnarClose)
