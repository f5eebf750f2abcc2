"""The customer file (M-1.3 to M-1.8) for scenario files: the rules a scenario may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.customers.scenario.RULES] of every family (docs/architecture.md, "Adding
a rule").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from custpolicy.foundation.explain import Explained
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.schema import (
    BOOL,
    DATE,
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
    ScenarioRule,
    event_input,
    event_month,
    given,
    ledger_of,
    ledger_table,
    optional,
    output,
    scenario_rule,
)
from custpolicy.rules import customers

__all__ = ["RULES"]

_CATEGORY = OneOf.of(customers.Category)
_FILE_FIELD = OneOf.of(customers.FileField)
_FILING = OneOf.of(customers.FilingStatus)
_ROLE = OneOf.of(customers.Role)
_CUSTOMER = Record(
    (
        given("id", TEXT, "the customer's ID"),
        given("category", _CATEGORY, "the customer's category (M-1.2)"),
        given("department", TEXT, "the department the customer belongs to", ""),
        given("contacts", TEXTS, "the staff who look after the customer", ()),
        given("registered_on", DATE, "the day the customer was registered", None),
        given("last_visit", DATE, "the day of the last return visit", None),
    )
)
_FILING_OUTPUTS = (
    output("status", _FILING, "where the filing stands on inputs.as_of"),
    output(
        "due",
        optional(DATE),
        "the last working day on time",
        lambda r, i: r.deadline.due if r.deadline is not None else None,
    ),
    output("days_late", INT, "working days late (so far, when overdue)"),
    output("done_on", optional(DATE), "the day it was done, as known on inputs.as_of"),
)


def _customer_list(value: Iterable[Mapping[str, Any]]) -> list[Any]:
    return [customers.Customer(**customer) for customer in value]


def _access(i: Inputs, policy: Policy) -> Explained:
    request = customers.AccessRequest(
        i["requester"], i["department"], file=i["file"], file_department=i["file_department"]
    )
    approvals = [
        customers.Approval(
            a["approver"],
            a["role"],
            a["requester"] or i["requester"],
            a["file"] or i["file"],
            department=a["department"],
        )
        for a in i["approvals"]
    ]
    return customers.decide_access(request, approvals, policy=policy)


RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "customers.check_file",
        "M",
        ("M-1.3",),
        "whether a customer file has every field the policy lists",
        inputs=(
            given("customer", TEXT, "the customer's ID, for the explanation", ""),
            given(
                "file",
                Record(
                    tuple(
                        given(field.value, TEXT, f"the {field.label('en')}", None)
                        for field in customers.FileField
                    )
                ),
                "the file's fields as held (leave a field out when it is missing)",
            ),
            given(
                "added",
                MapOf(TEXT, "added field"),
                "the values of the fields the company adds (customers.added_file_fields)",
                {},
            ),
        ),
        call=lambda i, p: customers.check_file(
            {
                **{name: value for name, value in i["file"].items() if value is not None},
                **i["added"],
            },
            customer=i["customer"],
            policy=p,
        ),
        outputs=(
            output("complete", BOOL, "whether every required field is there and usable"),
            output(
                "missing",
                TEXT_SET,
                "the fields missing or blank: the seven by their codes, the added ones by name",
                lambda r, i: tuple(
                    f.value if isinstance(f, customers.FileField) else f for f in r.missing
                ),
            ),
            output(
                "invalid",
                ListOf(_FILE_FIELD, ordered=False),
                "the fields present but unusable",
                lambda r, i: tuple(field for field, _ in r.invalid),
            ),
        ),
    ),
    scenario_rule(
        "customers.registration_status",
        "M",
        ("M-1.4",),
        "whether a new customer was registered in time, 5 working days by default",
        inputs=(
            given("first_contact", DATE, "the day sales first contacted the customer"),
            given("registered_on", DATE, "the day it was registered, if it was", None),
            given("as_of", DATE, "the day the status is asked for"),
        ),
        event=event_input("first_contact"),
        call=lambda i, p: customers.registration_status(
            i["first_contact"], i["registered_on"], as_of=i["as_of"], policy=p
        ),
        outputs=_FILING_OUTPUTS,
    ),
    scenario_rule(
        "customers.change_status",
        "M",
        ("M-1.4",),
        "whether a change to a registered customer was reported in time, 5 working days by default",
        inputs=(
            given("changed_on", DATE, "the day the customer's details changed"),
            given("reported_on", DATE, "the day the change was reported, if it was", None),
            given("registered_on", DATE, "the day the customer was registered, if it was", None),
            given("as_of", DATE, "the day the status is asked for"),
        ),
        event=event_input("changed_on"),
        call=lambda i, p: customers.change_status(
            i["changed_on"],
            i["reported_on"],
            registered_on=i["registered_on"],
            as_of=i["as_of"],
            policy=p,
        ),
        outputs=_FILING_OUTPUTS,
    ),
    scenario_rule(
        "customers.decide_access",
        "M",
        ("M-1.5",),
        "whether a request to read a customer file is granted by the approvals given",
        inputs=(
            given("requester", TEXT, "who asks to read the file"),
            given("department", TEXT, "the requester's department"),
            given("file", TEXT, "the customer file asked for"),
            given("file_department", TEXT, "the department the file belongs to"),
            given(
                "approvals",
                ListOf(
                    Record(
                        (
                            given("approver", TEXT, "who approved"),
                            given("role", _ROLE, "the approver's role"),
                            given("requester", TEXT, "for whom (default: inputs.requester)", None),
                            given("file", TEXT, "for which file (default: inputs.file)", None),
                            given("department", TEXT, "a department manager's department", None),
                        )
                    )
                ),
                "the approvals given",
                (),
            ),
        ),
        call=_access,
        outputs=(
            output("granted", BOOL, "whether access is granted"),
            output("needed", _ROLE, "the role whose approval is needed"),
            output(
                "needed_department",
                optional(TEXT),
                "the department whose manager must approve (none: the general manager)",
            ),
            output(
                "approved_by",
                optional(TEXT),
                "the approver whose approval counts",
                lambda r, i: r.approval.approver if r.approval is not None else None,
            ),
            output(
                "ignored",
                TEXT_SET,
                "the approvers whose approvals do not count",
                lambda r, i: tuple(approval.approver for approval, _ in r.ignored),
            ),
        ),
    ),
    scenario_rule(
        "customers.check_contacts",
        "M",
        ("M-1.6.3",),
        "the important new customers with too few contacts still employed, two by default",
        inputs=(
            given("customers", ListOf(_CUSTOMER), "the customers to check"),
            given("employed", TEXTS, "the staff still employed"),
            given(
                "on",
                DATE,
                "the day of the check: a customer registered within customers.new_customer_months "
                "before it (or not yet) is new",
                None,
            ),
        ),
        event=event_input("on"),
        call=lambda i, p: customers.check_contacts(
            _customer_list(i["customers"]), i["employed"], on=i["on"], policy=p
        ),
        outputs=(
            output("checked", INT, "how many important new customers were checked"),
            output("needed", INT, "the contacts an important new customer needs"),
            output(
                "short",
                TEXT_SET,
                "the important new customers with too few contacts",
                lambda r, i: tuple(s.customer for s in r.shortfalls),
            ),
            output(
                "not_new",
                TEXT_SET,
                "the customers of the important categories too old to be held to the rule",
            ),
            output(
                "more_needed",
                MapOf(INT, "customer"),
                "how many more contacts each needs",
                lambda r, i: {s.customer: s.missing for s in r.shortfalls},
            ),
        ),
    ),
    scenario_rule(
        "customers.hand_over",
        "M",
        ("M-1.6.4",),
        "a leaver's customers told and handed to the remaining staff, fairly",
        inputs=(
            given("leaver", TEXT, "the member of staff who leaves"),
            given("customers", ListOf(_CUSTOMER), "the customer book"),
            given("staff", TEXTS, "the remaining staff who take over"),
            given("ledger", LEDGER, "the ledger carried from the last handover", None),
        ),
        call=lambda i, p: customers.hand_over(
            i["leaver"],
            _customer_list(i["customers"]),
            i["staff"],
            ledger=ledger_of(i["ledger"]),
            policy=p,
        ),
        outputs=(
            output("to_tell", TEXT_SET, "the customers to tell"),
            output(
                "assignment",
                MapOf(TEXT, "customer"),
                "who takes over each customer",
                lambda r, i: dict(r.assignment),
            ),
            output(
                "unresolved", TEXT_SET, "customers handed to someone who already looks after them"
            ),
            output(
                "counts",
                MapOf(INT, "member of staff"),
                "how many customers each takes over",
                lambda r, i: dict(r.split.counts),
            ),
            output(
                "ledger",
                LEDGER,
                "the ledger to carry to the next handover",
                lambda r, i: ledger_table(r.ledger),
            ),
        ),
    ),
    scenario_rule(
        "customers.visits_due",
        "M",
        ("M-1.7",),
        "the customers due or overdue for a return visit on a day",
        inputs=(
            given("on", DATE, "the day of the plan"),
            given("customers", ListOf(_CUSTOMER), "the customers to plan"),
        ),
        event=event_input("on"),
        call=lambda i, p: customers.visits_due(
            _customer_list(i["customers"]), on=i["on"], policy=p
        ),
        outputs=(
            output("checked", INT, "how many customers were checked"),
            output(
                "due",
                TEXT_SET,
                "the customers due or overdue",
                lambda r, i: tuple(d.customer for d in r.due),
            ),
            output(
                "due_dates",
                MapOf(optional(DATE), "customer"),
                "the day each visit fell due",
                lambda r, i: {d.customer: d.due for d in r.due},
            ),
            output(
                "days_overdue",
                MapOf(INT, "customer"),
                "how many days overdue each is",
                lambda r, i: {d.customer: d.days_overdue for d in r.due},
            ),
        ),
    ),
    scenario_rule(
        "customers.reimbursement",
        "M",
        ("M-1.8.1",),
        "whether an expense claim for a customer is refused because it is not registered",
        inputs=(
            given("kind", TEXT, "the kind of expense, such as entertainment, travel or gift"),
            given("customer", TEXT, "the customer the expense was for"),
            given("registered_on", DATE, "the day the customer was registered, if it was", None),
            given("decided_on", DATE, "the day the claim is decided"),
            given("incurred_on", DATE, "the day the expense was incurred, if known", None),
        ),
        event=event_input("decided_on"),
        call=lambda i, p: customers.reimbursement(
            i["kind"],
            customer=i["customer"],
            registered_on=i["registered_on"],
            decided_on=i["decided_on"],
            incurred_on=i["incurred_on"],
            policy=p,
        ),
        outputs=(
            output("refused", BOOL, "whether the claim is refused"),
            output("outcome", OneOf.of(customers.ClaimOutcome), "what the rule says of the claim"),
            output(
                "judged_on",
                DATE,
                "the day the registration is judged on (customers.registration_judged_on)",
            ),
        ),
    ),
    scenario_rule(
        "customers.kpi_flags",
        "M",
        ("M-1.8.2",),
        "the staff flagged for ignoring registration reminders in a month",
        inputs=(
            given("year", INT, "the year of the review"),
            given("month", INT, "the month of the review"),
            given(
                "reminders",
                ListOf(
                    Record(
                        (
                            given("staff", TEXT, "who was reminded"),
                            given("customer", TEXT, "the customer to register"),
                            given("sent_on", DATE, "the day the reminder was sent"),
                            given("complied", BOOL, "whether the member of staff complied"),
                        )
                    )
                ),
                "the reminders sent",
            ),
        ),
        event=event_month(),
        call=lambda i, p: customers.kpi_flags(
            [customers.Reminder(**reminder) for reminder in i["reminders"]],
            year=i["year"],
            month=i["month"],
            policy=p,
        ),
        outputs=(
            output("flagged", TEXT_SET, "the staff flagged"),
            output(
                "ignored",
                MapOf(INT, "member of staff"),
                "the reminders each one ignored",
                lambda r, i: dict(r.ignored),
            ),
            output("threshold", INT, "the ignored reminders that flag someone"),
        ),
    ),
)
"""This family's rules for scenario files, in the order the rule reference lists them."""
