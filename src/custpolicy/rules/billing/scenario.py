"""Gas billing (B-2 to B-8) for scenario files: the rules a scenario may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.billing.scenario.RULES] of every family (docs/architecture.md, "Adding a
rule").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from custpolicy.foundation.explain import Explained
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.schema import (
    BOOL,
    DATE,
    DECIMAL,
    FRACTION,
    INT,
    MONEY,
    QUANTITY,
    TEXT,
    TEXT_SET,
    Inputs,
    ListOf,
    MapOf,
    OneOf,
    Record,
    ScenarioRule,
    deadline_outputs,
    event_input,
    event_month,
    given,
    optional,
    output,
    scenario_rule,
)
from custpolicy.rules import billing

__all__ = ["RULES"]

_USER_CLASS = OneOf.of(billing.UserClass)
_PAYMENT = Record(
    (
        given("paid_on", DATE, "the day of the payment"),
        given("amount", MONEY, "the amount paid"),
    )
)
_BILL_FIELDS = (
    given("delivered", DATE, "the day the settlement sheet was delivered"),
    given("billed", MONEY, "the amount of the sheet"),
    given("payments", ListOf(_PAYMENT), "the payments made towards it", ()),
)
_TOTALS = Record(
    (
        given("volume", QUANTITY, "the volume in m³"),
        given("amount", MONEY, "the amount"),
    )
)


def _account(bill: Mapping[str, Any], account: str) -> Any:
    return billing.AccountState(
        bill.get("account") or account,
        bill["delivered"],
        bill["billed"],
        payments=[billing.Payment(p["paid_on"], p["amount"]) for p in bill["payments"]],
        notified=bill.get("notified"),
        arrears_notice=bill.get("arrears_notice"),
    )


def _run_check_report(i: Inputs, policy: Policy) -> Explained:
    report = i["report"]
    totals = {
        user_class: billing.ReportTotals(line["volume"], line["amount"])
        for user_class, line in report["by_class"].items()
    }
    overall = billing.ReportTotals(report["overall"]["volume"], report["overall"]["amount"])
    sheets = [
        billing.SettlementSheet(
            s["sheet"], s["account"], s["user_class"], s["read_on"], s["volume"], s["amount"]
        )
        for s in i["sheets"]
    ]
    return billing.check_report(
        billing.MonthlyReport(i["year"], i["month"], totals, overall=overall), sheets
    )


def _difference(difference: Any) -> str:
    scope = difference.scope.value if difference.scope is not None else "overall"
    return f"{scope} {difference.measure}"


RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "billing.reading_window",
        "B",
        ("B-4",),
        "the days of a month on which a user class's meters are read",
        inputs=(
            given("user_class", _USER_CLASS, "the kind of gas user"),
            given("year", INT, "the year"),
            given("month", INT, "the month"),
        ),
        event=event_month(),
        call=lambda i, p: billing.reading_window(i["user_class"], i["year"], i["month"], policy=p),
        outputs=(
            output("has_window", BOOL, "whether the class has a reading window"),
            output("first", optional(DATE), "the first reading day"),
            output("last", optional(DATE), "the last reading day"),
        ),
    ),
    scenario_rule(
        "billing.check_reading",
        "B",
        ("B-4",),
        "whether a meter was read within its class's window",
        inputs=(
            given("user_class", _USER_CLASS, "the kind of gas user"),
            given("read_on", DATE, "the day the meter was read"),
        ),
        event=event_input("read_on"),
        call=lambda i, p: billing.check_reading(i["user_class"], i["read_on"], policy=p),
        outputs=(
            output("in_window", BOOL, "whether the reading day is acceptable"),
            output("first", optional(DATE), "the window's first day", get="window.first"),
            output("last", optional(DATE), "the window's last day", get="window.last"),
        ),
    ),
    scenario_rule(
        "billing.payment_deadline",
        "B",
        ("B-6",),
        "the last day to pay a settlement sheet",
        inputs=(
            given("delivered", DATE, "the day the settlement sheet was delivered"),
            given("paid_on", DATE, "the day the user paid, to judge it", None),
        ),
        event=event_input("delivered"),
        call=lambda i, p: billing.payment_deadline(i["delivered"], policy=p),
        outputs=deadline_outputs("paid_on", "the payment"),
    ),
    scenario_rule(
        "billing.dunning",
        "B",
        ("B-6", "B-7", "B-8"),
        "the next dunning step for a settlement sheet on a day, and its date",
        inputs=(
            given("account", TEXT, "the gas account", "account"),
            *_BILL_FIELDS,
            given("notified", DATE, "the day the user was notified by phone or in writing", None),
            given("arrears_notice", DATE, "the day the arrears notice was served", None),
            given("as_of", DATE, "the day the next step is decided"),
        ),
        # M-1.9: the sheet keeps the terms it was delivered under, as dunning_run over a book
        event=event_input("delivered"),
        call=lambda i, p: billing.dunning(_account(i, "account"), i["as_of"], policy=p),
        outputs=(
            output("action", OneOf.of(billing.Action), "the next step"),
            output("on", optional(DATE), "the day of that step"),
            output("due", DATE, "the payment deadline"),
            output("balance", MONEY, "what is still unpaid on inputs.as_of (negative: a credit)"),
            output("level", INT, "the step as a number, 0 (nothing) to 5 (cut-off eligible)"),
        ),
    ),
    scenario_rule(
        "billing.reading_rate",
        "B",
        ("B-2.1",),
        "the meter-reading rate of a period against the company standard",
        inputs=(
            given("read", INT, "the meters read"),
            given("due", INT, "the meters due to be read"),
        ),
        call=lambda i, p: billing.reading_rate(i["read"], i["due"], policy=p),
        outputs=(
            output("rate", optional(DECIMAL), "read / due (none when nothing was due)"),
            output("exact", optional(FRACTION), "the rate as an exact fraction"),
            output("meets_standard", optional(BOOL), "whether it meets the standard"),
            output("standard", DECIMAL, "the company standard"),
        ),
    ),
    scenario_rule(
        "billing.collection_rate",
        "B",
        ("B-2.2",),
        "the collection rate of a billing period against its target, 95 % by default",
        inputs=(
            given(
                "bills",
                ListOf(
                    Record(
                        (
                            given(
                                "account",
                                TEXT,
                                "the gas account (default: its place in the list)",
                                None,
                            ),
                            *_BILL_FIELDS,
                        )
                    )
                ),
                "the settlement sheets of the period",
            ),
            given(
                "measured_on", DATE, "measure every bill on this day (default: its deadline)", None
            ),
            given(
                "basis",
                OneOf.words("amount", "count"),
                "measure by amount or by count of bills (default: billing.collection_basis)",
                None,
            ),
        ),
        call=lambda i, p: billing.collection_rate(
            [_account(bill, f"#{n}") for n, bill in enumerate(i["bills"], start=1)],
            measured_on=i["measured_on"],
            basis=i["basis"],
            policy=p,
        ),
        outputs=(
            output("rate", optional(DECIMAL), "collected / billed (none when nothing was billed)"),
            output("exact", optional(FRACTION), "the rate as an exact fraction"),
            output("meets_target", optional(BOOL), "whether it meets the target"),
            output("target", DECIMAL, "the target"),
            output("bills", INT, "the bills of the period"),
            output("paid_bills", INT, "the bills paid in full"),
            output("billed", MONEY, "the amount billed"),
            output("collected", MONEY, "the amount collected (each bill at most its amount)"),
            output("credit", MONEY, "overpayments, not counted"),
            output("prompt_rate", optional(DECIMAL), "the share paid within 3 days of delivery"),
            output("prompt_exact", optional(FRACTION), "that share as an exact fraction"),
        ),
    ),
    scenario_rule(
        "billing.check_report",
        "B",
        ("B-5",),
        "whether a monthly report matches its settlement sheets exactly",
        inputs=(
            given("year", INT, "the report's year"),
            given("month", INT, "the report's month"),
            given(
                "report",
                Record(
                    (
                        given(
                            "by_class",
                            MapOf(_TOTALS, "user class", key_kind=_USER_CLASS),
                            "the report's line per user class",
                            {},
                        ),
                        given("overall", _TOTALS, "the report's overall line"),
                    )
                ),
                "the report as submitted",
            ),
            given(
                "sheets",
                ListOf(
                    Record(
                        (
                            given("sheet", TEXT, "the sheet's number"),
                            given("account", TEXT, "the gas account"),
                            given("user_class", _USER_CLASS, "the kind of gas user"),
                            given("read_on", DATE, "the day the meter was read"),
                            given("volume", QUANTITY, "the volume in m³"),
                            given("amount", MONEY, "the amount"),
                        )
                    )
                ),
                "the settlement sheets behind it",
            ),
        ),
        event=event_month(),
        call=_run_check_report,
        outputs=(
            output("accurate", BOOL, "whether every total matches"),
            output(
                "differences",
                TEXT_SET,
                'the totals that differ, such as "commercial amount" or "overall volume"',
                lambda r, i: tuple(_difference(d) for d in r.differences),
            ),
            output("sheets", INT, "the sheets compared"),
        ),
    ),
)
"""This family's rules for scenario files, in the order the rule reference lists them."""
