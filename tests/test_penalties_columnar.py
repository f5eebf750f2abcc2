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
        run = lambda: close_columns(  # noqa: E731
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
        seen: dict[str, int] = {}
        by_row = []
        for i in range(len(tables["order"])):
            by_row.append(None)
        for person in plan["people"]:
            seen[person["account"].person] = 0
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
                for key, value in zip(months, (account.person, year, month + 1, bonus)):
                    months[key].append(value)
                if k < len(charges):
                    plan_charges.append({f"x{k}": Money.from_minor(charges[k], "CNY")})
                    row = (account.person, f"x{k}", year, month + 1, charges[k])
                    for key, value in zip(cases, row):
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
