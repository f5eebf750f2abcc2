"""Complaints (C) and returns (R) for scenario files: the rules a scenario may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.complaints.scenario.RULES] of every family (docs/architecture.md, "Adding
a rule").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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
    TEXTS,
    ListOf,
    MapOf,
    OneOf,
    Record,
    ScenarioField,
    ScenarioRule,
    deadline_outputs,
    event_input,
    event_month,
    given,
    optional,
    output,
    scenario_rule,
)
from custpolicy.rules import complaints
from custpolicy.rules.complaints import returns

__all__ = ["RULES"]

_MARKET = OneOf.words("domestic", "foreign")
_APPROVER = OneOf.of(complaints.Approver)
_HANDLING = OneOf.of(complaints.Handling)
_STEP = Record(
    (
        given("name", TEXT, "the step, a name of complaints.step_limit_days"),
        given("started", DATE, "the day the step started"),
        given("finished", DATE, "the day the step finished, if it did", None),
    )
)
_CASE = Record(
    (
        given("number", TEXT, 'the case number, such as "260301"'),
        given("accepted", DATE, "the day the GM office accepted the case"),
        given("customer", _MARKET, "a domestic or a foreign customer"),
        given("closed", DATE, "the day the case was closed, if it was", None),
        given("steps", ListOf(_STEP), "the units' steps of the handling (C-10.2)", ()),
        given("sanctioned", BOOL, "whether the ruling carries an administrative sanction", False),
    )
)
_BAND = Record(
    (
        given("role", _APPROVER, "the role that approves the band"),
        given("lower", MONEY, "the band's lower bound"),
        given("lower_inclusive", BOOL, "whether the lower bound is in the band", True),
        given("upper", MONEY, "the band's upper bound (none for the last band)", None),
        given(
            "upper_inclusive",
            BOOL,
            "whether the upper bound is in the band (default: true when there is one)",
            None,
        ),
    )
)
_BANDS = given(
    "bands", ListOf(_BAND), "the company's own approval table (default: from the policy)", None
)


def _complaint_case(case: Mapping[str, Any], policy: Policy) -> Any:
    return complaints.ComplaintCase(
        complaints.CaseNumber.parse(case["number"], policy=policy),
        case["accepted"],
        case["customer"],
        case["closed"],
        [complaints.CaseStep(**step) for step in case["steps"]],
        sanctioned=case["sanctioned"],
    )


def _table(bands: Iterable[Mapping[str, Any]] | None) -> Any:
    if bands is None:
        return None
    return complaints.ApprovalTable(
        [
            complaints.ApprovalBand(
                role=band["role"],
                lower=band["lower"],
                lower_inclusive=band["lower_inclusive"],
                upper=band["upper"],
                upper_inclusive=(
                    band["upper"] is not None
                    if band["upper_inclusive"] is None
                    else band["upper_inclusive"]
                ),
            )
            for band in bands
        ]
    )


def _numbers(numbers: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(number) for number in numbers)


_COMPLAINT_RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "complaints.next_case_number",
        "C",
        ("C-8",),
        "the next case number of a month: YYMM and a running number",
        inputs=(
            given("accepted", DATE, "the day the GM office accepted the case"),
            given("issued", TEXTS, "the case numbers already issued", ()),
        ),
        event=event_input("accepted"),
        call=lambda i, p: complaints.next_case_number(i["accepted"], i["issued"], policy=p),
        outputs=(
            output("number", TEXT, "the next case number", lambda r, i: str(r.number)),
            output("issued_in_month", INT, "the numbers already issued that month"),
            output(
                "last",
                optional(TEXT),
                "the last number issued that month",
                lambda r, i: str(r.last) if r.last is not None else None,
            ),
        ),
    ),
    scenario_rule(
        "complaints.closing_deadline",
        "C",
        ("C-10",),
        "the day by which a complaint must be closed: by default 13 days domestic, 17 foreign",
        inputs=(
            given("accepted", DATE, "the day the GM office accepted the case"),
            given("customer", _MARKET, "a domestic or a foreign customer"),
            given("closed", DATE, "the day the case was closed, to judge it", None),
        ),
        event=event_input("accepted"),
        call=lambda i, p: complaints.closing_deadline(i["accepted"], i["customer"], policy=p),
        outputs=deadline_outputs("closed", "the closing"),
    ),
    scenario_rule(
        "complaints.qa_report_deadline",
        "C",
        ("C-9.3",),
        "the day by which quality management reports on an investigation",
        inputs=(
            given("investigated", DATE, "the day of the investigation"),
            given("reported", DATE, "the day of the report, to judge it", None),
        ),
        event=event_input("investigated"),
        call=lambda i, p: complaints.qa_report_deadline(i["investigated"], policy=p),
        outputs=deadline_outputs("reported", "the report"),
    ),
    scenario_rule(
        "complaints.opinion_deadline",
        "C",
        ("C-9.6",),
        "the day by which the GM office writes its consolidated opinion",
        inputs=(
            given("received", DATE, "the day the sales result reached the GM office"),
            given("written", DATE, "the day the opinion was written, to judge it", None),
        ),
        event=event_input("received"),
        call=lambda i, p: complaints.opinion_deadline(i["received"], policy=p),
        outputs=deadline_outputs("written", "the opinion"),
    ),
    scenario_rule(
        "complaints.summary_deadline",
        "C",
        ("C-9.10",),
        "the day by which a month's closed cases are summarised: before the 10th",
        inputs=(
            given("year", INT, "the year of the cases closed"),
            given("month", INT, "the month of the cases closed"),
            given("summarised", DATE, "the day of the summary, to judge it", None),
        ),
        event=event_month(),
        call=lambda i, p: complaints.summary_deadline(i["year"], i["month"], policy=p),
        outputs=deadline_outputs("summarised", "the summary"),
    ),
    scenario_rule(
        "complaints.case_status",
        "C",
        ("C-10", "C-14"),
        "where a case stands on a day: open or closed, on time or late",
        inputs=(*_CASE.fields, given("on", DATE, "the day asked about")),
        event=event_input("accepted"),
        call=lambda i, p: complaints.case_status(_complaint_case(i, p), i["on"], policy=p),
        outputs=(
            output("state", OneOf.of(complaints.CaseState), "the case's state"),
            output("due", DATE, "its closing deadline", get="deadline.due"),
            output("days_late", INT, "days past the deadline"),
            output("reminder_due", BOOL, "whether a reminder (催辦單) is due"),
            output(
                "inquiry_proposed", BOOL, "whether an inquiry (洽辦單) is proposed: it may be sent"
            ),
            output("inquiry_due", BOOL, "the old name of inquiry_proposed"),
            output(
                "steps",
                MapOf(OneOf.of(complaints.StepState), "step"),
                "each step's state against its C-10.2 limit (when the table is set)",
                lambda r, i: {s.step.name: s.state for s in r.steps},
            ),
        ),
    ),
    scenario_rule(
        "complaints.step_status",
        "C",
        ("C-10.2", "C-14"),
        "where one step of the handling stands against its own time limit",
        inputs=(*_STEP.fields, given("on", DATE, "the day asked about")),
        event=event_input("started"),
        call=lambda i, p: complaints.step_status(
            complaints.CaseStep(i["name"], i["started"], i["finished"]), i["on"], policy=p
        ),
        outputs=(
            output("state", OneOf.of(complaints.StepState), "the step's state"),
            output("due", DATE, "its deadline", get="deadline.due"),
            output("days_late", INT, "days past the deadline"),
        ),
    ),
    scenario_rule(
        "complaints.check_complaint_form",
        "C",
        ("C-9.1",),
        "whether a complaint form has every required item, naming each one missing",
        inputs=(
            given("customer", TEXT, "who complains"),
            given("order_number", TEXT, "the order number", None),
            given("part_number", TEXT, "the part number", None),
            given("delivered", DATE, "the delivery date", None),
            given("quantity", QUANTITY, "the quantity delivered", None),
            given("defective", QUANTITY, "the defective quantity", None),
            given("request", OneOf.of(complaints.Request), "what the customer asks for", None),
            given("requested_quantity", QUANTITY, "the quantity to return or exchange", None),
            given(
                "still_processing",
                BOOL,
                "the quantity to return or exchange is noted 客戶加工中未確定",
                False,
            ),
        ),
        call=lambda i, p: complaints.check_complaint_form(
            complaints.ComplaintForm(
                customer=i["customer"],
                order_number=i["order_number"],
                part_number=i["part_number"],
                delivered=i["delivered"],
                quantity=i["quantity"],
                defective=i["defective"],
                request=i["request"],
                requested_quantity=(
                    complaints.STILL_PROCESSING
                    if i["still_processing"]
                    else i["requested_quantity"]
                ),
            )
        ),
        outputs=(
            output("complete", BOOL, "whether no item is missing"),
            output(
                "missing",
                ListOf(OneOf.of(complaints.FormItem)),
                "the items missing, in the order of the form",
            ),
            output("still_processing", BOOL, "whether the quantity is noted 客戶加工中未確定"),
        ),
    ),
    scenario_rule(
        "complaints.sanction_referrals",
        "C",
        ("C-12.1",),
        "the cases closed in a month with an administrative sanction, sent to HR by the 10th",
        inputs=(
            given("cases", ListOf(_CASE), "the cases"),
            given("year", INT, "the year of the cases closed"),
            given("month", INT, "the month of the cases closed"),
        ),
        event=event_month(),
        call=lambda i, p: complaints.sanction_referrals(
            [_complaint_case(case, p) for case in i["cases"]], i["year"], i["month"], policy=p
        ),
        outputs=(
            output("due", DATE, "the last day to send them to HR", get="deadline.due"),
            output(
                "reviewed",
                TEXTS,
                "the cases closed in the month",
                lambda r, i: _numbers(r.reviewed),
            ),
            output("referred", TEXTS, "the cases that go to HR", lambda r, i: _numbers(r.referred)),
        ),
    ),
    scenario_rule(
        "complaints.review_cases",
        "C",
        ("C-10", "C-14"),
        "a register of cases judged on one day, with the reminders and inquiries due",
        inputs=(
            given("cases", ListOf(_CASE), "the cases"),
            given("on", DATE, "the day of the review"),
        ),
        event=event_input("on"),
        call=lambda i, p: complaints.review_cases(
            [_complaint_case(case, p) for case in i["cases"]], i["on"], policy=p
        ),
        outputs=(
            output(
                "reminders",
                TEXT_SET,
                "the cases that need a reminder",
                lambda r, i: _numbers(r.reminders),
            ),
            output(
                "inquiries",
                TEXT_SET,
                "the cases that may get an inquiry",
                lambda r, i: _numbers(r.inquiries),
            ),
            output(
                "states",
                MapOf(OneOf.of(complaints.CaseState), "case number"),
                "each case's state",
                lambda r, i: {str(s.case.number): s.state for s in r.statuses},
            ),
        ),
    ),
    scenario_rule(
        "complaints.monthly_summary",
        "C",
        ("C-9.10", "C-14"),
        "the cases closed in a month, each judged on time or late",
        inputs=(
            given("cases", ListOf(_CASE), "the cases"),
            given("year", INT, "the year"),
            given("month", INT, "the month"),
        ),
        event=event_month(),
        call=lambda i, p: complaints.monthly_summary(
            [_complaint_case(case, p) for case in i["cases"]], i["year"], i["month"], policy=p
        ),
        outputs=(
            output("due", DATE, "the last day of the summary", get="deadline.due"),
            output(
                "on_time", TEXT_SET, "the cases closed on time", lambda r, i: _numbers(r.on_time)
            ),
            output("late", TEXT_SET, "the cases closed late", lambda r, i: _numbers(r.late)),
        ),
    ),
    scenario_rule(
        "complaints.approver_for",
        "C",
        ("C-11",),
        "who approves a complaint amount",
        inputs=(given("amount", MONEY, "the complaint amount"), _BANDS),
        call=lambda i, p: complaints.approver_for(i["amount"], table=_table(i["bands"]), policy=p),
        outputs=(
            output("role", _APPROVER, "the role that approves it"),
            output("band", INT, "the band it falls in, from 1", get="band_number"),
        ),
    ),
    scenario_rule(
        "complaints.check_answer",
        "C",
        ("C-9.11", "C-11"),
        "whether sales may give the customer an answer: only the ruling, by letter or phone",
        inputs=(
            given("handling", _HANDLING, "the handling sales would offer"),
            given("amount", MONEY, "the amount sales would offer"),
            given("channel", OneOf.of(complaints.AnswerChannel), "letter, phone or form_copy"),
            given("approved_handling", _HANDLING, "the handling of the ruling (批示)"),
            given("approved_amount", MONEY, "the amount of the ruling"),
            given("approved_by", _APPROVER, "the role that approved the ruling"),
            _BANDS,
        ),
        call=lambda i, p: complaints.check_answer(
            complaints.CustomerAnswer(
                handling=i["handling"], amount=i["amount"], channel=i["channel"]
            ),
            complaints.Ruling(
                handling=i["approved_handling"],
                amount=i["approved_amount"],
                approved_by=i["approved_by"],
            ),
            table=_table(i["bands"]),
            policy=p,
        ),
        outputs=(
            output("allowed", BOOL, "whether the answer may be given"),
            output(
                "problems",
                ListOf(OneOf.of(complaints.AnswerProblem), ordered=False),
                "why it may not",
            ),
            output("approver", _APPROVER, "the role that approves the amount", get="approval.role"),
        ),
    ),
    scenario_rule(
        "complaints.may_answer",
        "C",
        ("C-9.11", "C-11"),
        "whether a role may answer a customer on an amount on its own authority",
        inputs=(
            given("role", _APPROVER, "the role that would answer"),
            given("amount", MONEY, "the complaint amount"),
            _BANDS,
        ),
        call=lambda i, p: complaints.may_answer(
            i["role"], i["amount"], table=_table(i["bands"]), policy=p
        ),
        outputs=(
            output("allowed", BOOL, "whether the role may answer"),
            output("approver", _APPROVER, "the role that approves the amount", get="approval.role"),
        ),
    ),
)


_DOCUMENT = OneOf.of(returns.DocumentKind)
_PROOF_INPUTS = (
    given(
        "documents",
        ListOf(
            Record(
                (
                    given("kind", _DOCUMENT, "the kind of document"),
                    given("stamped", BOOL, "whether the buyer stamped it"),
                    given("reference", TEXT, "its number, for the explanation", ""),
                )
            )
        ),
        "the documents offered as proof",
    ),
)


def _proofs(documents: Iterable[Mapping[str, Any]]) -> list[Any]:
    return [returns.ProofDocument(d["kind"], d["stamped"], d["reference"]) for d in documents]


def _proof_outputs() -> tuple[ScenarioField, ...]:
    kinds = ListOf(_DOCUMENT, ordered=False)
    return (
        output("proven", BOOL, "whether the documents prove it"),
        output(
            "accepted",
            kinds,
            "the documents that prove it",
            lambda r, i: tuple(d.kind for d in r.accepted),
        ),
        output(
            "unstamped",
            kinds,
            "the right documents without the buyer's stamp",
            lambda r, i: tuple(d.kind for d in r.unstamped),
        ),
        output(
            "wrong_kind",
            kinds,
            "the documents of the wrong kind",
            lambda r, i: tuple(d.kind for d in r.wrong_kind),
        ),
    )


_RETURNS_RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "returns.required_document",
        "R",
        ("R-1",),
        "the document a complaint settled by a handling type needs",
        inputs=(given("handling", OneOf.of(complaints.Handling), "how the complaint is settled"),),
        call=lambda i, p: returns.required_document(i["handling"]),
        outputs=(output("document", _DOCUMENT, "the document needed"),),
    ),
    scenario_rule(
        "returns.reconcile_return",
        "R",
        ("R-2.1",),
        "what accounting books when the actual return differs from the approved quantity",
        inputs=(
            given("approved", QUANTITY, "the approved return quantity"),
            given("actual", QUANTITY, "the quantity actually returned"),
            given(
                "order_ratio", DECIMAL, "the customer's over-acceptance ratio on the order", None
            ),
        ),
        call=lambda i, p: returns.reconcile_return(
            i["approved"], i["actual"], order_ratio=i["order_ratio"], policy=p
        ),
        outputs=(
            output("outcome", OneOf.of(returns.BookingOutcome), "how the quantity compares"),
            output("booked", optional(QUANTITY), "the quantity booked (none: refused)"),
            output("refused", BOOL, "whether the booking is refused"),
            output("limit", DECIMAL, "approved x (1 + ratio)"),
            output("exceeded_by", DECIMAL, "how far the actual quantity exceeds the limit"),
            output("ratio", DECIMAL, "the over-acceptance ratio used"),
            output("ratio_source", OneOf.words("order", "policy"), "where the ratio came from"),
        ),
    ),
    scenario_rule(
        "returns.warehouse_receipt",
        "R",
        ("R-2.2",),
        "what the warehouse signs for when returned goods arrive",
        inputs=(
            given("slip", QUANTITY, "the quantity on the return slip"),
            given("received", QUANTITY, "the quantity that arrived"),
        ),
        call=lambda i, p: returns.warehouse_receipt(i["slip"], i["received"]),
        outputs=(
            output("sign_for", QUANTITY, "the quantity signed for"),
            output("needs_sign_off", BOOL, "whether instructions are asked first"),
            output("matches", BOOL, "whether the goods match the slip"),
            output("difference", DECIMAL, "received - slip"),
        ),
    ),
    scenario_rule(
        "returns.bonus_collection_rate",
        "R",
        ("R-2.3", "C-9.14"),
        "a salesperson's collection rate for the bonus, with the relief of held-up receivables",
        inputs=(
            given(
                "receivables",
                ListOf(
                    Record(
                        (
                            given("customer", TEXT, "the customer"),
                            given("part_number", TEXT, "the part number"),
                            given("amount", MONEY, "the amount due"),
                            given("collected", MONEY, "the amount collected"),
                            given("reference", TEXT, "the invoice, for the explanation", ""),
                        )
                    )
                ),
                "the salesperson's receivables",
            ),
            given(
                "forms",
                ListOf(
                    Record(
                        (
                            given("customer", TEXT, "the customer who complained"),
                            given("part_number", TEXT, "the part number on the form"),
                            given(
                                "upheld",
                                optional(BOOL),
                                "whether the complaint was upheld (none: not decided yet)",
                                None,
                            ),
                        )
                    )
                ),
                "the complaint forms",
                (),
            ),
        ),
        call=lambda i, p: returns.bonus_collection_rate(
            [returns.Receivable(**row) for row in i["receivables"]],
            [complaints.ComplaintForm(**form) for form in i["forms"]],
            policy=p,
        ),
        outputs=(
            output("rate", optional(DECIMAL), "collected / due (none when nothing remains)"),
            output("exact", optional(FRACTION), "the rate as an exact fraction"),
            output("receivable", MONEY, "the amount due that counts"),
            output("collected", MONEY, "the amount collected that counts"),
            output("without_relief", optional(FRACTION), "the rate with no relief at all"),
            output("left_out", MONEY, "the outstanding amount left out"),
            output(
                "relieved",
                TEXT_SET,
                "the receivables relieved, as customer part",
                lambda r, i: tuple(
                    f"{x.receivable.customer} {x.receivable.part_number}" for x in r.relieved
                ),
            ),
            output(
                "not_upheld",
                TEXT_SET,
                "the receivables of complaints not upheld (C-9.14), as customer part",
                lambda r, i: tuple(f"{x.customer} {x.part_number}" for x in r.not_upheld),
            ),
            output("unmatched", TEXT_SET, "complaint forms with no receivable, as customer part"),
        ),
    ),
    scenario_rule(
        "returns.return_proof",
        "R",
        ("R-2.4",),
        "whether documents prove a return: any one of three, stamped by the buyer",
        inputs=_PROOF_INPUTS,
        call=lambda i, p: returns.return_proof(_proofs(i["documents"])),
        outputs=_proof_outputs(),
    ),
    scenario_rule(
        "returns.allowance_proof",
        "R",
        ("R-2.5",),
        "whether documents prove an allowance: either of two, stamped by the buyer",
        inputs=_PROOF_INPUTS,
        call=lambda i, p: returns.allowance_proof(_proofs(i["documents"])),
        outputs=_proof_outputs(),
    ),
)

RULES: tuple[ScenarioRule, ...] = (*_COMPLAINT_RULES, *_RETURNS_RULES)
"""This family's rules for scenario files, in the order the rule reference lists them."""
