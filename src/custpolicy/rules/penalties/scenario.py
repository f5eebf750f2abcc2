"""Penalties (P-3, P-5, P-E3) for scenario files: the rules a scenario may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.penalties.scenario.RULES] of every family (docs/architecture.md, "Adding
a rule").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from custpolicy.foundation.explain import Explained
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.policy import Policy, SanctionBand
from custpolicy.foundation.schema import (
    BOOL,
    DATE,
    INT,
    MONEY,
    QUANTITY,
    TEXT,
    TEXT_SET,
    TEXTS,
    Inputs,
    ListOf,
    MapOf,
    OneOf,
    Record,
    ScenarioRule,
    event_month,
    given,
    output,
    scenario_rule,
)
from custpolicy.rules import penalties

__all__ = ["RULES"]

_MONTH_CLOSE_CASE = Record(
    (
        given("case", TEXT, "the case"),
        given("year", INT, "the year it was imposed"),
        given("month", INT, "the month it was imposed"),
        given("amount", MONEY, "the charge as imposed"),
        given("outstanding", MONEY, "what is still to be deducted (default: the amount)", None),
        given("approved", BOOL, "whether the GM has approved its notice (C-12.2)", True),
    )
)
_FINE = Record(
    (
        given("sanction", OneOf.of(penalties.Sanction), "the administrative penalty"),
        given("amount", MONEY, "the fine proposed (default: the minimum)", None),
        given("count", INT, "how many", 1),
        given("base", QUANTITY, "the person's base (基數)", 1),
    )
)


def _penalty_account(i: Inputs, cur: Currency) -> Any:
    open_cases = tuple(
        penalties.OpenCase(
            c["case"],
            c["year"],
            c["month"],
            c["amount"],
            c["amount"] if c["outstanding"] is None else c["outstanding"],
            c["approved"],
        )
        for c in i["open_cases"]
    )
    zero = Money.zero(cur)
    imposed = sum((c.amount for c in open_cases), zero)
    deducted = imposed - sum((c.outstanding for c in open_cases), zero)
    year, month, last = i["year"], i["month"], i["last_closed"]
    if last is not None:  # the account's next month is the one after its last closed month
        last = (last.year, last.month)
        year, month = (last[0] + 1, 1) if last[1] == 12 else (last[0], last[1] + 1)
    cases = frozenset(c.case for c in open_cases) | frozenset(i["closed_cases"])
    return penalties.PenaltyAccount(
        i["person"], year, month, open_cases, imposed, deducted, last, cases
    )


def _close_month(i: Inputs, policy: Policy) -> Explained:
    fines = [
        penalties.check_fine(
            fine["sanction"],
            amount=fine["amount"],
            count=fine["count"],
            base=fine["base"],
            bonus=i["bonus"],
            policy=policy,
        )
        for fine in i["fines"]
    ]
    return _penalty_account(i, i["bonus"].currency).close_month(  # type: ignore[no-any-return]
        i["year"],
        i["month"],
        i["bonus"],
        charges=i["charges"],
        approved=i["approved"],
        fines=fines,
        wage=i["wage"],
        minimum_wage=i["minimum_wage"],
        policy=policy,
    )


def _close_months(i: Inputs, policy: Policy) -> Explained:
    cur = i["bonuses"][0].currency if i["bonuses"] else policy.general.currency
    return _penalty_account(i, cur).close_months(  # type: ignore[no-any-return]
        i["year"],
        i["month"],
        i["bonuses"],
        charges=i["charges"] or None,
        approved=i["approved"] or None,
        policy=policy,
    )


_SANCTION_BAND = Record(
    (
        given(
            "sanction",
            OneOf.words("none", "warning", "minor demerit", "major demerit"),
            "the sanction of the band",
        ),
        given("count", INT, "how many", 1),
        given("lower", MONEY, "the band's lower bound"),
        given("lower_inclusive", BOOL, "whether the lower bound is in the band", True),
        given("upper", MONEY, "the band's upper bound (none for the last band)", None),
        given("upper_inclusive", BOOL, "whether the upper bound is in the band", False),
    )
)


def _sanction_table(bands: Iterable[Mapping[str, Any]]) -> tuple[Any, ...]:
    return tuple(
        SanctionBand(
            sanction=None if band["sanction"] == "none" else band["sanction"],
            count=band["count"],
            lower=band["lower"],
            lower_inclusive=band["lower_inclusive"],
            upper=band["upper"],
            upper_inclusive=band["upper_inclusive"],
        )
        for band in bands
    )


_ACCOUNT_INPUTS = (
    given("person", TEXT, "whose account it is"),
    given("year", INT, "the year of the (first) month to close"),
    given("month", INT, "the (first) month to close"),
    given("open_cases", ListOf(_MONTH_CLOSE_CASE), "charges carried from earlier months", ()),
    given(
        "last_closed",
        DATE,
        "any day of the account's last closed month (default: none before the month to close)",
        None,
    ),
    given("closed_cases", TEXTS, "cases charged earlier and no longer open", ()),
)


RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "penalties.check_fine",
        "P",
        ("P-5.1", "P-5.2", "P-5.3"),
        "a proposed administrative fine judged against its minimum",
        inputs=(
            *_FINE.fields,
            given("bonus", MONEY, "the month's bonus (a major demerit takes all of it)", None),
        ),
        call=lambda i, p: penalties.check_fine(
            i["sanction"],
            amount=i["amount"],
            count=i["count"],
            base=i["base"],
            bonus=i["bonus"],
            policy=p,
        ),
        outputs=(
            output("valid", BOOL, "whether the fine is at least its minimum"),
            output("minimum", MONEY, "the least fine allowed"),
            output("amount", MONEY, "the fine"),
            output("outside_cap", BOOL, "whether it sits outside the 50 % cap"),
        ),
    ),
    scenario_rule(
        "penalties.close_month",
        "P",
        ("P-E3.1", "P-E3.4", "C-12.2"),
        "one month of a penalty account: fines, then approved complaint charges within the cap",
        inputs=(
            *_ACCOUNT_INPUTS,
            given("bonus", MONEY, "the month's bonus"),
            given("charges", MapOf(MONEY, "case"), "the charges imposed this month", {}),
            given(
                "approved",
                TEXT_SET,
                "the cases whose notice the GM has approved by this close (C-12.2)",
                (),
            ),
            given("fines", ListOf(_FINE), "the month's administrative fines", ()),
            given("wage", MONEY, "the month's wage, to check the statutory limit", None),
            given("minimum_wage", MONEY, "the local minimum wage", None),
        ),
        event=event_month(),
        call=_close_month,
        outputs=(
            output("cap", MONEY, "the most complaint deductions may take"),
            output("brought_forward", MONEY, "what was carried in"),
            output("deducted", MONEY, "the complaint deductions this month"),
            output(
                "deductions",
                MapOf(MONEY, "case"),
                "the deduction per case",
                lambda r, i: dict(r.deductions),
            ),
            output("carried", MONEY, "what is carried into the next month on approved cases"),
            output("held_back", MONEY, "what is held back for want of an approved notice"),
            output(
                "outstanding",
                MapOf(MONEY, "case"),
                "what each open case still owes",
                lambda r, i: {c.case: c.outstanding for c in r.account.open_cases},
            ),
            output("fines", MONEY, "the fines taken from the bonus"),
            output("fines_uncovered", MONEY, "the part of the fines the bonus could not cover"),
            output("company_receives", MONEY, "what the company receives"),
            output(
                "statutory_conflict",
                BOOL,
                "whether the law's limits are broken",
                lambda r, i: r.statutory.conflict,
                needs=("wage", "minimum_wage"),
            ),
            output(
                "lawful_maximum",
                MONEY,
                "the most the law allows the month's deductions for losses to take",
                lambda r, i: r.statutory.lawful_maximum,
                needs=("wage", "minimum_wage"),
            ),
            output(
                "wage_left",
                MONEY,
                "the wage left after all of the month's deductions",
                lambda r, i: r.statutory.wage_left,
                needs=("wage", "minimum_wage"),
            ),
        ),
    ),
    scenario_rule(
        "penalties.close_months",
        "P",
        ("P-E3.4", "C-12.2"),
        "several months of a penalty account closed in a row",
        inputs=(
            *_ACCOUNT_INPUTS,
            given("bonuses", ListOf(MONEY), "each month's bonus, in order"),
            given(
                "charges",
                ListOf(MapOf(MONEY, "case")),
                "the charges imposed in each month, in order ({} for none)",
                (),
            ),
            given(
                "approved",
                ListOf(TEXT_SET),
                "the cases whose notice the GM has approved by each month's close ([] for none)",
                (),
            ),
        ),
        event=event_month(),
        call=_close_months,
        outputs=(
            output("deducted", ListOf(MONEY), "each month's deduction"),
            output("carried", ListOf(MONEY), "what each month carries on approved cases"),
            output("held_back", ListOf(MONEY), "what each month holds back (C-12.2)"),
            output(
                "outstanding", MONEY, "what is still owed at the end", get="account.outstanding"
            ),
        ),
    ),
    scenario_rule(
        "penalties.statutory_check",
        "P",
        ("P-E3.4",),
        "a month's deductions checked against the statute (《工資支付暫行規定》 art. 16)",
        inputs=(
            given("deduction", MONEY, "the month's complaint deductions (for losses)"),
            given("other_deductions", MONEY, "the month's fines and forfeits", None),
            given("wage", MONEY, "the month's wage"),
            given("minimum_wage", MONEY, "the local minimum wage"),
        ),
        call=lambda i, p: penalties.statutory_check(
            i["deduction"],
            wage=i["wage"],
            minimum_wage=i["minimum_wage"],
            other_deductions=i["other_deductions"],
            policy=p,
        ),
        outputs=(
            output("conflict", BOOL, "whether the law is broken"),
            output("over_limit", BOOL, "whether the deduction for losses exceeds 20 % of the wage"),
            output("below_minimum", BOOL, "whether the wage left is below the minimum wage"),
            output("limit", MONEY, "20 % of the wage, rounded down"),
            output("lawful_maximum", MONEY, "min(20 % of the wage, wage - minimum wage)"),
            output("taken", MONEY, "everything the company rule takes this month"),
            output("wage_left", MONEY, "the wage left after all of the month's deductions"),
        ),
    ),
    scenario_rule(
        "penalties.sanction_for",
        "P",
        ("P-3",),
        "the sanction the company's table gives for the loss a person bears",
        inputs=(
            given("amount", MONEY, "the loss the person bears after the ruling"),
            given(
                "bands",
                ListOf(_SANCTION_BAND),
                "the company's sanction table (default: penalties.sanction_table)",
                None,
            ),
        ),
        call=lambda i, p: penalties.sanction_for(
            i["amount"],
            policy=p
            if i["bands"] is None
            else p.updated({"penalties.sanction_table": _sanction_table(i["bands"])}),
        ),
        outputs=(
            output(
                "sanction",
                OneOf.words("none", "warning", "minor demerit", "major demerit"),
                "the sanction",
                lambda r, i: "none" if r.sanction is None else r.sanction.value,
            ),
            output("count", INT, "how many"),
            output("band", INT, "the band of the table, counted from 1"),
        ),
    ),
)
"""This family's rules for scenario files, in the order the rule reference lists them."""
