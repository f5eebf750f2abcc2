"""Leads (L-1, L-2) for scenario files: the rules a scenario may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.leads.scenario.RULES] of every family (docs/architecture.md, "Adding a
rule").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from custpolicy.foundation import fairsplit
from custpolicy.foundation.clauses import clause
from custpolicy.foundation.explain import Explained
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.schema import (
    INT,
    LEDGER,
    TEXT,
    TEXT_SET,
    TEXTS,
    Inputs,
    ListOf,
    MapOf,
    OneOf,
    Record,
    ScenarioField,
    ScenarioRule,
    given,
    ledger_of,
    ledger_table,
    optional,
    output,
    scenario_rule,
)
from custpolicy.rules import leads

__all__ = ["RULES"]

_LEAD = Record(
    (
        given("id", TEXT, "the lead's ID, unique in the batch"),
        given("name", TEXT, "the name as written", ""),
        given("phone", TEXT, "the phone number as written", ""),
        given("grade", TEXT, "the lead's grade, if it has one", None),
    )
)
_INTAKE_INPUTS = (
    given("department", TEXT, "the department that ran the event"),
    given("head", TEXT, "the head of that department"),
    given("leads", ListOf(_LEAD), "the leads as collected, in order"),
    given("known", TEXTS, "the phone numbers of customers already on file", ()),
)


def _intake(i: Inputs, policy: Policy) -> Any:
    return leads.process_leads(
        [leads.Lead(**lead) for lead in i["leads"]],
        department=i["department"],
        head=i["head"],
        known=i["known"],
        policy=policy,
    )


def _split_leads(i: Inputs, policy: Policy) -> Explained:
    return leads.split_leads(
        _intake(i, policy),
        i["participants"],
        event=i["event"],
        ledger=ledger_of(i["ledger"]),
        department_of=i["department_of"],
        policy=policy,
    )


def _fair_split(i: Inputs, policy: Policy) -> Explained:
    return fairsplit.fair_split(
        [(item["id"], item["grade"]) for item in i["items"]],
        i["participants"],
        clause=clause(i["clause"]),
        ledger=ledger_of(i["ledger"]),
        event=i["event"],
        extras_to_fewest_so_far=policy.leads.extras_to_fewest_so_far,
        balance_grades=policy.leads.balance_grades,
    )


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))


def _split_outputs(split_of: Callable[[Any], Any]) -> tuple[ScenarioField, ...]:
    return (
        output(
            "counts",
            MapOf(INT, "participant"),
            "how many each participant gets",
            lambda r, i: dict(split_of(r).counts),
        ),
        output(
            "extras",
            TEXT_SET,
            "the participants who get one of the leftovers",
            lambda r, i: _sorted(split_of(r).extras),
        ),
        output(
            "ledger",
            LEDGER,
            "the ledger to carry to the next split",
            lambda r, i: ledger_table(split_of(r).ledger),
        ),
    )


RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "leads.process_leads",
        "L",
        ("L-2.1", "L-2.2"),
        "the CRM centre's processing of an event's leads: accepted (those on file flagged), "
        "duplicates",
        inputs=_INTAKE_INPUTS,
        call=_intake,
        outputs=(
            output("received", INT, "how many leads were received"),
            output(
                "accepted",
                TEXTS,
                "the IDs of the accepted leads, in order, those on file included",
                lambda r, i: tuple(lead.id for lead in r.accepted),
            ),
            output(
                "duplicates",
                MapOf(TEXT, "duplicate lead"),
                "each duplicate's ID and the ID of the lead it repeats",
                lambda r, i: {d.lead.id: d.of for d in r.duplicates},
            ),
            output(
                "on_file",
                TEXT_SET,
                "the IDs of the accepted leads already on file (flagged)",
                lambda r, i: tuple(lead.id for lead in r.on_file),
            ),
            output(
                "unmatched",
                TEXT_SET,
                "the IDs of the accepted leads with no usable duplicate key or phone",
                lambda r, i: tuple(r.unmatched),
            ),
            output(
                "phones",
                MapOf(optional(TEXT), "accepted lead"),
                "each accepted lead's phone number in standard form",
                lambda r, i: {lead.id: lead.phone for lead in r.accepted},
            ),
            output(
                "names",
                MapOf(TEXT, "accepted lead"),
                "each accepted lead's name in standard form",
                lambda r, i: {lead.id: lead.name for lead in r.accepted},
            ),
        ),
    ),
    scenario_rule(
        "leads.split_leads",
        "L",
        ("L-1", "L-2.1", "L-2.3"),
        "the processed leads of an event split equally among its participants, once",
        inputs=(
            *_INTAKE_INPUTS,
            given("participants", TEXTS, "the department's staff who took part in the event"),
            given(
                "event",
                TEXT,
                "the event's ID, recorded in the ledger (needed with a ledger)",
                None,
            ),
            given("ledger", LEDGER, "the ledger carried from the department's last split", None),
            given(
                "department_of",
                MapOf(TEXT, "person"),
                "each participant's department, to refuse anyone from another",
                None,
            ),
        ),
        call=_split_leads,
        outputs=(
            *_split_outputs(lambda r: r.split),
            output(
                "leads_of",
                MapOf(TEXT_SET, "participant"),
                "the IDs of the leads each gets",
                lambda r, i: {n: tuple(lead.id for lead in r.leads_of(n)) for n, _ in r.counts},
            ),
            output(
                "left_out",
                TEXT_SET,
                "the IDs of the leads on file left out of the split",
                lambda r, i: tuple(lead.id for lead in r.left_out),
            ),
        ),
    ),
    scenario_rule(
        "fairsplit.fair_split",
        "L",
        ("L-2.3",),
        "items dealt out equally, leftovers to whoever has had the fewest so far",
        inputs=(
            given(
                "items",
                ListOf(
                    Record(
                        (
                            given("id", TEXT, "the item's key"),
                            given("grade", TEXT, "its grade, if it has one", None),
                        )
                    )
                ),
                "the items to split",
            ),
            given("participants", TEXTS, "who shares them"),
            given("ledger", LEDGER, "the ledger carried from the last split", None),
            given("event", TEXT, "the event's ID, recorded in the ledger", None),
            given(
                "clause", OneOf.words("L-2.3", "M-1.6.4"), "the clause the split applies", "L-2.3"
            ),
        ),
        call=_fair_split,
        outputs=(
            *_split_outputs(lambda r: r),
            output(
                "items_of",
                MapOf(TEXT_SET, "participant"),
                "the keys of the items each gets",
                lambda r, i: {n: r.items_of(n) for n in r.participants},
            ),
            output(
                "newcomers",
                TEXT_SET,
                "the participants the ledger did not know",
                lambda r, i: tuple(r.newcomers),
            ),
        ),
    ),
)
"""This family's rules for scenario files, in the order the rule reference lists them."""
