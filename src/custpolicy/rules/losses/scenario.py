"""Complaint losses (P-1, P-2, P-4, P-E1 to P-E4): the rules a scenario file may name.

Each rule is declared once, with [`scenario_rule`][custpolicy.foundation.schema.scenario_rule]: its
name, family, clauses, inputs (the keys of ``[inputs]``) and outputs (what ``[expect]`` may name),
and how the inputs become the call. The runner, [`custpolicy.scenarios`][], collects
[`RULES`][custpolicy.rules.losses.scenario.RULES] of every family (docs/architecture.md, "Adding a
rule").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from custpolicy.foundation.schema import (
    BOOL,
    DATE,
    INT,
    MONEY,
    QUANTITY,
    TEXT,
    Context,
    ListOf,
    MapOf,
    Message,
    OneOf,
    Record,
    ScenarioRule,
    deadline_outputs,
    event_input,
    event_month,
    given,
    output,
    scenario_rule,
)
from custpolicy.rules import losses

__all__ = ["RULES"]

_PARTY_FIELDS = (
    given("person", TEXT, "a person charged individually", None),
    given("unit", TEXT, "or a unit: its name", None),
    given("kind", OneOf.of(losses.UnitKind), "the unit's kind", None),
    given("base_points", MapOf(QUANTITY, "member"), "each member's base points", None),
)


@attrs.frozen
class _Party(Record):
    """A person (``person = "Li"``) or a unit (``unit``, ``kind`` and ``base_points``)."""

    unit_only: bool = False

    @property
    def wanted(self) -> Message:
        person = "" if self.unit_only else Message("{code} or ", "{code}或", code=_PERSON)
        extra = tuple(f.name for f in self.fields if f not in _PARTY_FIELDS)
        also = Message(", each also with {keys}", "，每項另含{keys}", keys=extra) if extra else ""
        return Message(
            "{person}{unit}{also}", "{person}{unit}{also}", person=person, unit=_UNIT, also=also
        )

    def parse(self, value: object, key: str, ctx: Context) -> dict[str, object]:
        found = super().parse(value, key, ctx)
        if self.unit_only and found["person"] is not None:
            raise ctx.error(
                f"{key}.person",
                Message(
                    "is not allowed here: this party must be a unit", "此處不可用：此方須為單位"
                ),
            )
        if (found["person"] is None) == (found["unit"] is None):
            raise ctx.expected(
                key, Message("a party: {what}", "一方：{what}", what=self.wanted), value
            )
        for name in ("kind", "base_points"):
            if found["unit"] is not None and found[name] is None:
                raise ctx.error(
                    f"{key}.{name}",
                    Message(
                        "is missing: a unit needs its {name}", "缺少此項：單位須有{name}", name=name
                    ),
                )
            if found["person"] is not None and found[name] is not None:
                raise ctx.error(
                    f"{key}.{name}",
                    Message(
                        "is not allowed here: it belongs to a unit", "此處不可用：單位才有此項"
                    ),
                )
        return found


_PERSON = "{ person = ... }"
_UNIT = "{ unit = ..., kind = ..., base_points = { ... } }"


def _party(party: Mapping[str, Any]) -> Any:
    if party["person"] is not None:
        return losses.Person(party["person"])
    return losses.Unit(party["unit"], party["kind"], party["base_points"])


def _party_kind(party: Any) -> str:
    return party.kind.value if isinstance(party, losses.Unit) else "person"


RULES: tuple[ScenarioRule, ...] = (
    scenario_rule(
        "losses.loss_basis",
        "P",
        ("P-1",),
        "the loss of a complaint case: resale within the month, or the actual loss",
        inputs=(
            given("ruling", DATE, "the day responsibility was ruled"),
            given("a_grade_price", MONEY, "the A-grade unit price"),
            given("quantity", QUANTITY, "the quantity concerned"),
            given("sold_on", DATE, "the day the goods were resold, if they were", None),
            given("proceeds", MONEY, "what the resale brought in", None),
            given("actual_loss", MONEY, "the actual loss, if not resold in time", None),
        ),
        event=event_input("ruling"),
        call=lambda i, p: losses.loss_basis(
            ruling=i["ruling"],
            a_grade_price=i["a_grade_price"],
            quantity=i["quantity"],
            sold_on=i["sold_on"],
            proceeds=i["proceeds"],
            actual_loss=i["actual_loss"],
            policy=p,
        ),
        outputs=(
            output("loss", MONEY, "the loss"),
            output("branch", OneOf.words("resale", "actual"), "which branch of P-1 gave it"),
            output("resale_deadline", DATE, "the last day a resale counts"),
        ),
    ),
    scenario_rule(
        "losses.classify_complaint",
        "P",
        ("P-4", "C-5"),
        "a complaint's cause (one of fifteen) and its kind, quality or non-quality",
        inputs=(
            given("cause", OneOf.of(losses.Cause), "the cause, by number (1-15) or name"),
            given("kind", OneOf.of(losses.ComplaintKind), "quality or non-quality"),
        ),
        call=lambda i, p: losses.classify_complaint(i["cause"], i["kind"], policy=p),
        outputs=(
            output("cause", OneOf.of(losses.Cause), "the cause"),
            output("kind", OneOf.of(losses.ComplaintKind), "the kind"),
        ),
    ),
    scenario_rule(
        "losses.attribute",
        "P",
        ("P-E1", "P-E2"),
        "who is charged: the team or person at fault, else the whole unit",
        inputs=(
            given("function", OneOf.of(losses.Function), "the function of the unit at fault"),
            given(
                "whole", _Party(_PARTY_FIELDS, unit_only=True), "the whole section or department"
            ),
            given("at_fault", _Party(_PARTY_FIELDS), "the team or person at fault, if known", None),
        ),
        call=lambda i, p: losses.attribute(
            i["function"],
            whole=_party(i["whole"]),
            at_fault=_party(i["at_fault"]) if i["at_fault"] is not None else None,
            policy=p,
        ),
        outputs=(
            output("party", TEXT, "the name of the party charged", get="party.name"),
            output(
                "party_kind",
                OneOf.words("person", "team", "section", "department"),
                "what the party charged is",
                lambda r, i: _party_kind(r.party),
            ),
            output("identified", BOOL, "whether the culprit could be told"),
        ),
    ),
    scenario_rule(
        "losses.ruling_deadline",
        "P",
        ("P-2",),
        "the last day of a month's responsibility ruling: before the 10th",
        inputs=(
            given("year", INT, "the year"),
            given("month", INT, "the month"),
            given("ruled", DATE, "the day the ruling was made, to judge it", None),
        ),
        event=event_month(),
        call=lambda i, p: losses.ruling_deadline(i["year"], i["month"], policy=p),
        outputs=deadline_outputs("ruled", "the ruling"),
    ),
    scenario_rule(
        "losses.apportion",
        "P",
        ("P-2", "P-E3.2", "P-E3.3", "P-E4"),
        "a case's loss split by responsibility ratio, then inside each unit by base points",
        inputs=(
            given("loss", MONEY, "the loss of the case (negative: a refund)"),
            given("case", TEXT, "the case, for the explanation", ""),
            given(
                "parties",
                ListOf(
                    _Party(
                        (
                            *_PARTY_FIELDS,
                            given("ratio", QUANTITY, "the party's share of responsibility", 1),
                        )
                    )
                ),
                "the responsible parties",
            ),
        ),
        call=lambda i, p: losses.apportion(
            i["loss"],
            {_party(party): party["ratio"] for party in i["parties"]},
            case=i["case"],
            policy=p,
        ),
        outputs=(
            output(
                "parties", MapOf(MONEY, "party"), "each party's share", lambda r, i: dict(r.parties)
            ),
            output(
                "persons",
                MapOf(MONEY, "person"),
                "each person's charge",
                lambda r, i: dict(r.persons),
            ),
            output("loss", MONEY, "the loss split"),
        ),
    ),
)
"""This family's rules for scenario files, in the order the rule reference lists them."""
