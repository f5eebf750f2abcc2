"""Scenario files: reading them key by key, running every rule, the command line and pytest."""

from __future__ import annotations

import copy
import importlib.util
import pickle
import pkgutil
import re
import string
import sys
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import custpolicy
import custpolicy.rules
from custpolicy import scenarios
from custpolicy.cli.main import main
from custpolicy.foundation import schema
from custpolicy.foundation.clauses import C_8, FAMILY_NAMES
from custpolicy.foundation.errors import InvalidInputError, ScenarioError
from custpolicy.foundation.money import Money
from custpolicy.rules import FAMILIES
from custpolicy.scenarios import (
    RULES,
    SCENARIO_SUFFIX,
    Mismatch,
    Scenario,
    ScenarioOutcome,
    parse_scenario,
    scenario_from_mapping,
    toml_text,
)
from tests.chinese import has_han
from tests.junk import AMBIGUOUS

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "docs" / "scenarios").rglob(f"*{SCENARIO_SUFFIX}"))
FIXTURES = ROOT / "tests" / "scenario_files"

PAYMENT = """
rule = "billing.payment_deadline"
[inputs]
delivered = 2024-02-22
paid_on = 2024-02-29
[expect]
due = 2024-02-29
"""


def scenario(text: str, source: str = "case.scenario.toml") -> Scenario:
    return parse_scenario(text, source=source)


def data(**sections: Any) -> dict[str, Any]:
    """A scenario mapping for billing.payment_deadline, with sections replaced or added."""
    base: dict[str, Any] = {
        "rule": "billing.payment_deadline",
        "inputs": {"delivered": date(2024, 2, 22), "paid_on": date(2024, 2, 29)},
        "expect": {"due": date(2024, 2, 29)},
    }
    base.update(sections)
    return base


def keyed(key: object) -> dict[Any, Any]:
    """The scenario mapping of :func:`data` with one more top-level key, not necessarily text."""
    mapping: dict[Any, Any] = data()
    mapping[key] = "x"
    return mapping


def from_data(mapping: Mapping[str, Any]) -> Scenario:
    return scenario_from_mapping(mapping, source="case.scenario.toml")


def refused(mapping: Mapping[str, Any], match: str) -> ScenarioError:
    with pytest.raises(ScenarioError, match=match) as raised:
        scenario_from_mapping(mapping, source="case.scenario.toml")
    return raised.value


def shipped_id(path: Path) -> str:
    return path.relative_to(ROOT / "docs" / "scenarios").as_posix()


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# -- reading a scenario ---------------------------------------------------------------------------


class TestReading:
    def test_a_scenario_reads_its_rule_inputs_and_expectations(self) -> None:
        read = scenario(PAYMENT)
        assert read.rule is RULES["billing.payment_deadline"]
        assert dict(read.inputs) == {"delivered": date(2024, 2, 22), "paid_on": date(2024, 2, 29)}
        assert [(e.path, e.expected, e.key) for e in read.expectations] == [
            (("due",), date(2024, 2, 29), "expect.due")
        ]
        assert (read.clauses, read.error, read.error_contains, read.book) == (
            None,
            None,
            None,
            None,
        )

    def test_the_title_defaults_to_the_file_name(self) -> None:
        assert scenario(PAYMENT, "docs/x/seventh-day.scenario.toml").title == "seventh-day"
        assert scenario(PAYMENT, r"C:\cases\late.toml").title == "late"
        assert scenario('title = "Mine"\n' + PAYMENT).title == "Mine"

    def test_text_and_mapping_give_the_same_scenario(self) -> None:
        from_text = scenario(PAYMENT)
        from_mapping = scenario_from_mapping(tomllib.loads(PAYMENT), source="case.scenario.toml")
        assert dict(from_text.inputs) == dict(from_mapping.inputs)
        assert from_text.expectations == from_mapping.expectations

    @pytest.mark.parametrize(
        ("written", "amount"),
        [
            ("1234.50", Money("1234.50", "CNY")),
            ("1234.50 CNY", Money("1234.50", "CNY")),
            ("CNY 1,234.50", Money("1234.50", "CNY")),
            ("1,234,567.5 cny", Money("1234567.50", "CNY")),
            (" -20 ", Money("-20", "CNY")),
            ("12 JPY", Money("12", "JPY")),
            (300, Money("300", "CNY")),
        ],
    )
    def test_amounts_are_written_as_strings_with_or_without_a_currency(
        self, written: object, amount: Money
    ) -> None:
        read = from_data(data(rule="billing.dunning", inputs=_bill(billed=written)))
        assert read.inputs["billed"] == amount

    def test_bare_amounts_are_in_the_scenario_currency_or_the_policy_currency(self) -> None:
        in_hkd = scenario_from_mapping(
            data(rule="billing.dunning", inputs=_bill(billed="300"), currency="HKD")
        )
        assert in_hkd.inputs["billed"] == Money("300", "HKD")
        policy_hkd = {
            "general.currency": "HKD",
            "penalties": {"warning_minimum": "400", "minor_demerit_minimum": "800"},
        }
        by_policy = scenario_from_mapping(
            data(rule="billing.dunning", inputs=_bill(billed="300"), policy=policy_hkd)
        )
        assert by_policy.inputs["billed"] == Money("300", "HKD")
        assert by_policy.policy.penalties.warning_minimum == Money("400", "HKD")

    def test_optional_inputs_take_their_defaults(self) -> None:
        read = from_data(data(rule="billing.dunning", inputs=_bill()))
        assert read.inputs["account"] == "account"
        assert read.inputs["payments"] == ()
        assert read.inputs["notified"] is None

    def test_members_are_read_by_value_or_name_in_any_case_and_separator(self) -> None:
        for written in ("minor demerit", "MINOR_DEMERIT", "Minor-Demerit"):
            read = scenario_from_mapping(
                data(rule="penalties.check_fine", inputs={"sanction": written}, expect={})
            )
            assert read.inputs["sanction"].value == "minor demerit"
        by_number = scenario_from_mapping(
            data(
                rule="losses.classify_complaint",
                inputs={"cause": 3, "kind": "quality"},
                expect={"cause": "off_spec_materials"},
            )
        )
        assert by_number.inputs["cause"] is by_number.expectations[0].expected

    def test_policy_overrides_by_dotted_path_or_by_group(self) -> None:
        quoted = from_data(data(policy={"billing.payment_days": 10}))
        grouped = from_data(data(policy={"billing": {"payment_days": 10}}))
        assert quoted.policy == grouped.policy
        assert quoted.policy.billing.payment_days == 10
        assert quoted.overrides == (("billing.payment_days", 10),)

    def test_versions_make_a_policy_book(self) -> None:
        read = scenario(
            PAYMENT
            + """
[[versions]]
effective = 2024-01-01
label = "2024"
[[versions]]
effective = 2024-02-23
policy = { "billing.payment_days" = 10 }
"""
        )
        assert read.book is not None
        assert [v.effective for v in read.book.versions] == [date(2024, 1, 1), date(2024, 2, 23)]
        assert read.event == date(2024, 2, 22)

    def test_an_event_date_overrides_the_rules_event(self) -> None:
        read = scenario_from_mapping(
            data(
                versions=[{"effective": date(2024, 1, 1)}],
                event_date=date(2024, 6, 1),
            )
        )
        assert read.event == date(2024, 6, 1)

    def test_expectations_descend_into_tables(self) -> None:
        read = scenario(
            """
rule = "losses.apportion"
[inputs]
loss = "100"
parties = [{ person = "Li", ratio = 1 }, { person = "Wu", ratio = 1 }]
[expect]
persons.Li = "50"
parties = { Wu = "50.00 CNY" }
"""
        )
        assert [e.key for e in read.expectations] == ["expect.persons.Li", "expect.parties.Wu"]

    def test_a_key_that_needs_quotes_is_quoted_in_messages(self) -> None:
        read = scenario(
            """
rule = "losses.apportion"
[inputs]
loss = "100"
parties = [{ unit = "Team A", kind = "team", base_points = { Chen = 1 } }]
[expect]
parties."Team A" = "100"
"""
        )
        assert read.expectations[0].key == 'expect.parties."Team A"'


def _bill(**changes: object) -> dict[str, object]:
    bill: dict[str, object] = {
        "delivered": date(2026, 3, 2),
        "billed": "300.00",
        "as_of": date(2026, 3, 10),
    }
    bill.update(changes)
    return bill


# -- malformed scenarios: every message names the file, the key and what was expected --------------


class TestMalformed:
    def test_text_that_is_not_toml(self) -> None:
        with pytest.raises(ScenarioError, match=r"^case.scenario.toml: not valid TOML: ") as error:
            scenario("rule = billing.payment_deadline")
        assert (error.value.source, error.value.key) == ("case.scenario.toml", None)

    def test_text_must_be_a_str(self) -> None:
        with pytest.raises(ScenarioError, match="must be TOML text, got bytes"):
            parse_scenario(b"rule = 1", source="x.toml")  # type: ignore[arg-type]

    def test_the_source_must_be_a_str(self) -> None:
        with pytest.raises(InvalidInputError, match="source must be a str, got 7"):
            scenario_from_mapping(data(), source=7)  # type: ignore[arg-type]

    def test_a_scenario_is_a_table(self) -> None:
        with pytest.raises(ScenarioError, match=r"a scenario must be a TOML table, got \[1\]"):
            scenario_from_mapping([1], source="x.toml")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("mapping", "key", "shown"),
        [
            (keyed(1), "1", "int 1"),
            (keyed(()), '"()"', "tuple ()"),
            (keyed(AMBIGUOUS), '"<Ambiguous>"', "Ambiguous <Ambiguous>"),
            (data(inputs={"delivered": date(2024, 2, 22), 2: 3}), "inputs.2", "int 2"),
            (data(expect={"due": {None: 1}}), "expect.due.None", "NoneType None"),
            (data(versions=[{"effective": date(2024, 1, 1), 5: 1}]), "versions[0].5", "int 5"),
        ],
    )
    def test_a_key_that_is_not_text_is_named(
        self, mapping: dict[Any, Any], key: str, shown: str
    ) -> None:
        # a mapping from YAML may have such keys; TOML never does
        error = refused(
            mapping,
            rf"^case.scenario.toml: key {re.escape(key)} must be text, as every TOML key is, "
            rf"got the {re.escape(shown)}$",
        )
        assert error.key == key

    def test_an_unknown_top_level_key(self) -> None:
        error = refused(
            data(expected={}), r"case.scenario.toml: expected is not a known key \(did you mean "
        )
        assert error.key == "expected"

    def test_the_rule_is_required(self) -> None:
        mapping = data()
        del mapping["rule"]
        refused(mapping, 'rule is missing: it names the rule to run, such as "billing.payment')

    def test_an_unknown_rule_suggests_the_closest(self) -> None:
        refused(
            data(rule="billing.payment_deadlines"),
            r'rule must be the name of a rule, .*, got "billing.payment_deadlines" '
            r"\(did you mean 'billing.payment_deadline'\?\)",
        )
        refused(data(rule=7), r"rule must be the name of a rule, .*, got 7$")

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"title": 3}, "title must be a string, got 3"),
            ({"description": ["x"]}, r'description must be a string, got \["x"\]'),
            ({"currency": "RMB"}, 'currency must be a currency code such as "CNY", got "RMB"'),
        ],
    )
    def test_top_level_values(self, changes: dict[str, object], message: str) -> None:
        refused(data(**changes), message)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("March 2", r'inputs.delivered must be a TOML date \(YYYY-MM-DD\), got "March 2"$'),
            ("2024-02-22", 'got "2024-02-22": write the date without quotes'),
            (datetime(2024, 2, 22, 9), "got 2024-02-22T09:00:00: write the date alone"),
            (20240222, "got 20240222$"),
        ],
    )
    def test_a_date(self, value: object, message: str) -> None:
        error = refused(data(inputs={"delivered": value}), message)
        assert error.key == "inputs.delivered"

    def test_an_unknown_input_suggests_the_closest(self) -> None:
        error = refused(
            data(inputs={"delivred": date(2024, 2, 22)}),
            r"inputs.delivred is not a known key \(did you mean 'delivered'\?\); "
            "the keys here are: delivered, paid_on",
        )
        assert error.key == "inputs.delivred"

    def test_a_missing_input(self) -> None:
        refused(
            data(inputs={}),
            r"inputs.delivered is missing: it must be a TOML date \(YYYY-MM-DD\)",
        )

    def test_inputs_must_be_a_table(self) -> None:
        refused(data(inputs=[1]), r"inputs must be a table with the keys delivered, paid_on")

    @pytest.mark.parametrize(
        ("inputs", "message"),
        [
            ({"read": True, "due": 5}, "inputs.read must be an integer, got true"),
            ({"read": 4.0, "due": 5}, "inputs.read must be an integer, got 4.0"),
        ],
    )
    def test_an_integer(self, inputs: dict[str, object], message: str) -> None:
        refused(data(rule="billing.reading_rate", inputs=inputs, expect={}), message)

    @pytest.mark.parametrize(
        ("billed", "message"),
        [
            (300.5, r"TOML floats are inexact, write the number in quotes"),
            (
                "three hundred",
                r'inputs.billed must be an amount as a string, .*got "three hundred"',
            ),
            ("CNY 3 HKD", 'got "CNY 3 HKD"$'),
            ("3 RMB", r"currency must be a Currency or one of the codes"),
            ("0.001", r"is finer than the minor unit of CNY"),
            ("1,23", 'got "1,23"$'),
        ],
    )
    def test_an_amount(self, billed: object, message: str) -> None:
        refused(data(rule="billing.dunning", inputs=_bill(billed=billed), expect={}), message)

    @pytest.mark.parametrize(
        ("ratio", "message"),
        [
            (
                0.05,
                (
                    r'inputs.order_ratio must be a number as a string, such as "0.95", or an '
                    r"integer, got 0.05: TOML floats are inexact"
                ),
            ),
            ("five", r'got "five"$'),
            ("NaN", r'got "NaN"$'),
            ("Infinity", r'got "Infinity"$'),
            (True, "got true$"),
        ],
    )
    def test_a_number(self, ratio: object, message: str) -> None:
        inputs = {"approved": 10, "actual": 10, "order_ratio": ratio}
        refused(data(rule="returns.reconcile_return", inputs=inputs, expect={}), message)

    def test_a_quantity(self) -> None:
        refused(
            data(rule="returns.warehouse_receipt", inputs={"slip": 1.5, "received": 1}, expect={}),
            r"inputs.slip must be a quantity: an integer \(pieces\) or a number as a string",
        )

    @pytest.mark.parametrize(
        ("exact", "message"),
        [
            (
                "2/0",
                (
                    r'expect.exact must be an exact number as a string, such as "2/3" or "0.985", '
                    r'or "none", got "2/0"'
                ),
            ),
            ("two thirds", 'got "two thirds"$'),
            (0.5, "got 0.5$"),
            ([1], r"got \[1\]$"),
        ],
    )
    def test_a_fraction(self, exact: object, message: str) -> None:
        inputs = {"read": 2, "due": 3}
        refused(data(rule="billing.reading_rate", inputs=inputs, expect={"exact": exact}), message)

    def test_a_choice_lists_its_words(self) -> None:
        refused(
            data(
                rule="billing.check_reading",
                inputs={"user_class": "industrial", "read_on": date(2026, 3, 2)},
            ),
            r'inputs.user_class must be one of "public_welfare", "commercial", "residential", '
            r'got "industrial"',
        )
        refused(
            data(rule="losses.classify_complaint", inputs={"cause": 16, "kind": "quality"}),
            r'one of "document_error", .*, "other" \(or its number\), got 16',
        )
        refused(
            data(rule="losses.classify_complaint", inputs={"cause": 3, "kind": 1}),
            "inputs.kind must be one of",
        )

    def test_a_text(self) -> None:
        refused(
            data(rule="customers.reimbursement", inputs={"kind": 1}),
            "inputs.kind must be a string, got 1",
        )

    def test_a_bool(self) -> None:
        documents = [{"kind": "original_invoice", "stamped": "yes"}]
        refused(
            data(rule="returns.return_proof", inputs={"documents": documents}),
            r'inputs.documents\[0\].stamped must be true or false, got "yes"',
        )

    def test_an_array(self) -> None:
        refused(
            data(rule="returns.return_proof", inputs={"documents": {"kind": "x"}}),
            r"inputs.documents must be an array, each a table with the keys kind, stamped, "
            "reference",
        )

    def test_a_table_of_names(self) -> None:
        inputs = {"loss": "1", "parties": [{"unit": "A", "kind": "team", "base_points": [1]}]}
        refused(
            data(rule="losses.apportion", inputs=inputs),
            r"inputs.parties\[0\].base_points must be a table mapping each member to a quantity",
        )

    def test_a_table_whose_keys_are_choices(self) -> None:
        inputs = {
            "year": 2026,
            "month": 3,
            "report": {
                "by_class": {"industrial": {"volume": 1, "amount": 1}},
                "overall": {"volume": 1, "amount": 1},
            },
            "sheets": [],
        }
        refused(
            data(rule="billing.check_report", inputs=inputs),
            r'inputs.report.by_class.industrial is not a user class: one of "public_welfare"',
        )

    @pytest.mark.parametrize(
        ("party", "message"),
        [
            ({"person": "Li", "unit": "A"}, r"inputs.parties\[0\] must be a party: \{ person"),
            ({"ratio": 1}, r"inputs.parties\[0\] must be a party: "),
            (
                {"unit": "A", "base_points": {"x": 1}},
                r"inputs.parties\[0\].kind is missing: a unit",
            ),
            ({"unit": "A", "kind": "team"}, r"inputs.parties\[0\].base_points is missing"),
            ({"person": "Li", "kind": "team"}, r"inputs.parties\[0\].kind is not allowed here"),
            (
                "Li",
                (
                    r"inputs.parties\[0\] must be \{ person = ... \} or \{ unit = ..., kind = ..., "
                    r'base_points = \{ ... \} \}, each also with ratio, got "Li"'
                ),
            ),
        ],
    )
    def test_a_party(self, party: object, message: str) -> None:
        refused(data(rule="losses.apportion", inputs={"loss": "1", "parties": [party]}), message)

    def test_a_whole_unit_cannot_be_a_person(self) -> None:
        refused(
            data(rule="losses.attribute", inputs={"function": "sales", "whole": {"person": "Li"}}),
            r"inputs.whole.person is not allowed here: this party must be a unit",
        )

    @pytest.mark.parametrize(
        ("policy", "message", "key"),
        [
            (
                ["x"],
                (
                    r"policy must be a table of policy parameters by dotted path, such as "
                    r'"billing.payment_days" = 10, got \["x"\]'
                ),
                "policy",
            ),
            (
                {"billing.paymnt_days": 1},
                (
                    r'policy."billing.paymnt_days" is not a policy parameter '
                    r"\(did you mean 'billing.payment_days'\?\)"
                ),
                'policy."billing.paymnt_days"',
            ),
            (
                {"biling": {"payment_days": 1}},
                (
                    r"policy.biling is not a known key \(did you mean "
                    r"'billing'\?\); the keys here are: general, leads"
                ),
                "policy.biling",
            ),
            (
                {"billing": 7},
                "policy.billing must be a table of billing parameters, got 7",
                "policy.billing",
            ),
            (
                {"billing": {"days": 1}},
                r"policy.billing.days is not a known key",
                "policy.billing.days",
            ),
            (
                {"billing.payment_days": 0},
                (
                    r'policy."billing.payment_days" is refused by the '
                    r"policy: payment_days must be a positive int, got 0 \[B-6\]"
                ),
                'policy."billing.payment_days"',
            ),
            (
                {"general.currency": "RMB"},
                r'policy."general.currency" must be a currency code',
                'policy."general.currency"',
            ),
            (
                {"complaints.vice_gm_limit": 1.5},
                (
                    r'policy."complaints.vice_gm_limit" must be an '
                    "amount as a string"
                ),
                'policy."complaints.vice_gm_limit"',
            ),
        ],
    )
    def test_policy_overrides(self, policy: object, message: str, key: str) -> None:
        assert refused(data(policy=policy), message).key == key

    def test_overrides_refused_only_together_name_the_section(self) -> None:
        limits = {"complaints": {"sales_manager_limit": "9000", "vice_gm_limit": "5000"}}
        error = refused(
            data(policy=limits),
            r"policy is refused by the policy: complaints.sales_manager_limit must not exceed "
            r"complaints.vice_gm_limit",
        )
        assert error.key == "policy"

    def test_a_currency_change_alone_names_the_currency(self) -> None:
        refused(
            data(policy={"general.currency": "HKD"}),
            r'policy."general.currency" is refused by the policy: penalties.warning_minimum must '
            "be in the policy currency HKD",
        )

    @pytest.mark.parametrize(
        ("versions", "message"),
        [
            (
                {"effective": date(2024, 1, 1)},
                r"versions must be an array of tables \[\[versions\]\]",
            ),
            ([1], r"versions must be an array of tables"),
            (
                [{"effective": date(2024, 1, 1), "policies": {}}],
                (
                    r"versions\[0\].policies is not a "
                    r"known key \(did you mean 'policy'\?\)"
                ),
            ),
            ([{"label": "x"}], r"versions\[0\].effective is missing: it must be a TOML date"),
            (
                [{"effective": "2024-01-01"}],
                (
                    r"versions\[0\].effective must be a TOML date .*"
                    "without quotes"
                ),
            ),
            (
                [{"effective": date(2024, 1, 1), "label": 1}],
                r"versions\[0\].label must be a string",
            ),
            (
                [{"effective": date(2024, 1, 1), "policy": {"billing.payment_days": -1}}],
                r'versions\[0\].policy."billing.payment_days" is refused by the policy',
            ),
            (
                [{"effective": date(2024, 1, 1)}, {"effective": date(2024, 1, 1)}],
                "versions is refused: versions must have distinct effective dates",
            ),
            ([], "versions is refused: versions must hold at least one policy version"),
        ],
    )
    def test_versions(self, versions: object, message: str) -> None:
        refused(data(versions=versions), message)

    def test_overrides_must_apply_to_every_version(self) -> None:
        versions = [
            {"effective": date(2024, 1, 1)},
            {
                "effective": date(2025, 1, 1),
                "policy": {
                    "general.currency": "HKD",
                    "penalties": {"warning_minimum": "400", "minor_demerit_minimum": "800"},
                },
            },
        ]
        refused(
            data(versions=versions, policy={"penalties.warning_minimum": "500 CNY"}),
            r'policy."penalties.warning_minimum" is refused by the policy: '
            "penalties.warning_minimum must be in the policy currency HKD",
        )

    def test_an_event_date_without_versions(self) -> None:
        refused(
            data(event_date=date(2024, 1, 1)),
            r"event_date only picks the policy version in force \(M-1.9\): add \[\[versions\]\]",
        )

    def test_versions_for_a_rule_without_a_dated_event_need_an_event_date(self) -> None:
        refused(
            data(
                rule="returns.warehouse_receipt",
                inputs={"slip": 1, "received": 1},
                expect={},
                versions=[{"effective": date(2024, 1, 1)}],
            ),
            r"event_date is missing: returns.warehouse_receipt judges no dated event, so give "
            r"the day whose policy version applies \(M-1.9\)",
        )

    def test_versions_for_a_month_that_is_no_date_need_an_event_date(self) -> None:
        refused(
            data(
                rule="losses.ruling_deadline",
                inputs={"year": 2026, "month": 13},
                expect={},
                versions=[{"effective": date(2024, 1, 1)}],
            ),
            r"event_date is missing: the first day of inputs.year-inputs.month is not a date here",
        )

    def test_expect_must_be_a_table(self) -> None:
        refused(data(expect=[1]), r"expect must be a table of expected values, got \[1\]")

    def test_an_unknown_expectation_suggests_the_closest(self) -> None:
        refused(
            data(expect={"dew": date(2024, 2, 29)}),
            r"expect.dew is not a known key \(did you mean 'due'\?\); the keys here are: due, "
            "on_time, days_late, clauses, clauses_include, error, error_contains",
        )

    def test_an_expectation_that_needs_an_input(self) -> None:
        refused(
            data(inputs={"delivered": date(2024, 2, 22)}, expect={"on_time": True}),
            "expect.on_time needs inputs.paid_on: give it, or leave this out",
        )

    def test_an_expected_value_of_the_wrong_kind(self) -> None:
        refused(data(expect={"on_time": "yes"}), 'expect.on_time must be true or false, got "yes"')

    def test_an_expected_table_of_the_wrong_kind(self) -> None:
        inputs = {"loss": "1", "parties": [{"person": "Li"}]}
        refused(
            data(rule="losses.apportion", inputs=inputs, expect={"persons": "1"}),
            r'expect.persons must be a table mapping each person to an amount .*, got "1"',
        )

    def test_an_unknown_key_of_an_expected_record(self) -> None:
        inputs = {"items": [{"id": "a"}], "participants": ["Li"]}
        refused(
            data(rule="fairsplit.fair_split", inputs=inputs, expect={"ledger": {"extra": {}}}),
            r"expect.ledger.extra is not a known key \(did you mean 'extras'\?\); the keys here "
            "are: extras, received, splits",
        )

    @pytest.mark.parametrize(
        ("expect", "message"),
        [
            ({"clauses": "B-6"}, r'expect.clauses must be an array, each a string, got "B-6"'),
            (
                {"clauses": ["B-66"]},
                (
                    r"expect.clauses\[0\] must be a clause ID of the catalogue, "
                    r'such as "B-6", got "B-66"'
                ),
            ),
            (
                {"error": "Oops"},
                (
                    r"expect.error must be the name of a custpolicy error: "
                    r'CalendarCoverageError, .*, got "Oops"'
                ),
            ),
            ({"error": "ScenarioError"}, "expect.error must be the name of a custpolicy error"),
            (
                {"error": "InvalidInputError", "due": date(2024, 2, 29)},
                "expect.error cannot go with other expected values: a refused case has no result",
            ),
            ({"error": "InvalidInputError", "clauses": ["B-6"]}, "expect.error cannot go with"),
            ({"error_contains": "x"}, "expect.error_contains needs expect.error: name the error"),
            (
                {"error": "InvalidInputError", "error_contains": 1},
                "expect.error_contains must be a string, got 1",
            ),
        ],
    )
    def test_the_special_expectations(self, expect: dict[str, object], message: str) -> None:
        refused(data(expect=expect), message)

    def test_the_error_is_a_value_error_carrying_the_file_and_the_key(self) -> None:
        error = refused(data(inputs={"delivered": "x"}), "inputs.delivered")
        assert isinstance(error, InvalidInputError)
        assert isinstance(error, ValueError)
        assert (error.source, error.key) == ("case.scenario.toml", "inputs.delivered")
        assert custpolicy.ScenarioError is ScenarioError


# -- running a scenario ----------------------------------------------------------------------------


class TestRunning:
    def test_a_scenario_whose_rule_gives_what_it_expects_passes(self) -> None:
        outcome = scenario(PAYMENT).run()
        assert isinstance(outcome, ScenarioOutcome)
        assert outcome.passed
        assert outcome.mismatches == ()
        assert outcome.error is None
        assert outcome.decision == (("due", date(2024, 2, 29)), ("on_time", True), ("days_late", 0))
        assert outcome.result is not None
        assert outcome.explain() == outcome.result.explain()
        assert [c.id for c in outcome.clauses] == ["B-6"]

    def test_a_run_is_a_record_for_tables(self) -> None:
        outcome = from_data(data(expect={"due": date(2024, 3, 1)})).run()
        assert outcome.to_record() == {
            "source": "case.scenario.toml",
            "rule": "billing.payment_deadline",
            "title": "case",
            "passed": False,
            "failures": ("expect.due: expected 2024-03-01, got 2024-02-29",),
            "clauses": "B-6",
            "explanation": outcome.explain(),
        }
        assert "<caption>ScenarioOutcome</caption>" in outcome._repr_html_()

    def test_a_different_value_is_a_mismatch(self) -> None:
        outcome = scenario_from_mapping(
            data(expect={"due": date(2024, 3, 1), "days_late": 0})
        ).run()
        assert not outcome.passed
        assert outcome.mismatches == (Mismatch("expect.due", "2024-03-01", "2024-02-29"),)

    def test_outputs_that_need_a_missing_input_are_left_out_of_the_decision(self) -> None:
        outcome = from_data(data(inputs={"delivered": date(2024, 2, 22)})).run()
        assert outcome.decision == (("due", date(2024, 2, 29)),)

    def test_the_clauses_are_compared_as_a_set(self) -> None:
        outcome = scenario(
            """
rule = "billing.dunning"
[inputs]
delivered = 2026-03-02
billed = "300"
notified = 2026-03-10
arrears_notice = 2026-03-14
as_of = 2026-03-18
[expect]
clauses = ["B-8", "B-6"]
"""
        ).run()
        assert outcome.passed
        wrong = from_data(data(expect={"clauses": ["B-6", "B-7"]})).run()
        assert wrong.mismatches == (Mismatch("expect.clauses", '["B-6", "B-7"]', '["B-6"]'),)

    def test_an_exact_rate_may_be_an_integer_or_a_fraction(self) -> None:
        for exact, passed in ((1, True), ("5/5", True), ("1.0", True), ("4/5", False)):
            outcome = from_data(
                data(
                    rule="billing.reading_rate",
                    inputs={"read": 5, "due": 5},
                    expect={"exact": exact},
                    policy={"billing.reading_rate_standard": "0.9"},
                )
            ).run()
            assert outcome.passed is passed, exact

    def test_a_list_in_any_order_still_needs_the_same_items(self) -> None:
        text = """
rule = "customers.check_contacts"
[inputs]
on = 2026-12-06
employed = ["Lin"]
customers = [{ id = "C-1", category = "key" }, { id = "C-2", category = "key" }]
[expect]
short = [%s]
"""
        assert scenario(text % '"C-2", "C-1"').run().passed
        (mismatch,) = scenario(text % '"C-1", "C-9"').run().mismatches
        assert mismatch.render() == 'expect.short: expected ["C-1", "C-9"], got ["C-1", "C-2"]'

    def test_a_key_missing_from_a_result_table_is_absent(self) -> None:
        outcome = scenario(
            """
rule = "losses.apportion"
[inputs]
loss = "100"
parties = [{ person = "Li" }]
[expect]
persons = { Li = "100", Wu = "0" }
"""
        ).run()
        (mismatch,) = outcome.mismatches
        assert mismatch.render() == 'expect.persons.Wu: expected "0.00 CNY", got (absent)'
        assert mismatch.render("zh-Hant") == 'expect.persons.Wu：預期"0.00 CNY"，實際為（無此項）'

    def test_a_scenario_that_expects_nothing_fails(self) -> None:
        outcome = from_data(data(expect={})).run()
        (mismatch,) = outcome.mismatches
        assert mismatch.path == "expect"
        assert "nothing is expected" in mismatch.render()
        assert outcome.decision  # explain still shows the values to copy into [expect]

    def test_an_unexpected_refusal_fails_with_the_error(self) -> None:
        outcome = scenario(
            """
rule = "billing.reading_rate"
[inputs]
read = 489
due = 500
[expect]
rate = "0.978"
"""
        ).run()
        assert outcome.result is None
        assert outcome.decision == ()
        (mismatch,) = outcome.mismatches
        assert mismatch.render().startswith(
            "result: expected a result, got ParameterNotSetError: policy parameter "
            "billing.reading_rate_standard is not set"
        )
        assert outcome.explain().startswith("the rule refused the case: ParameterNotSetError")
        assert outcome.explain("zh-Hant").startswith("規則拒絕此案例：ParameterNotSetError")
        assert outcome.clauses == ()

    def test_an_expected_refusal_passes_and_cites_the_violated_clause(self) -> None:
        issued = [f"2603{serial:02d}" for serial in range(1, 100)]
        outcome = scenario_from_mapping(
            {
                "rule": "complaints.next_case_number",
                "inputs": {"accepted": date(2026, 3, 31), "issued": issued},
                "expect": {"error": "PolicyViolationError", "error_contains": "case 100"},
            }
        ).run()
        assert outcome.passed
        assert outcome.clauses == (C_8,)

    @pytest.mark.parametrize(
        ("expect", "path"),
        [
            ({"error": "CalendarCoverageError"}, "expect.error"),
            ({"error": "CustPolicyError", "error_contains": "nope"}, "expect.error_contains"),
        ],
    )
    def test_the_wrong_refusal_fails(self, expect: dict[str, object], path: str) -> None:
        outcome = scenario_from_mapping(
            {
                "rule": "returns.reconcile_return",
                "inputs": {"approved": "12.5", "actual": "13"},
                "expect": expect,
            }
        ).run()
        (mismatch,) = outcome.mismatches
        assert mismatch.path == path
        assert "ParameterNotSetError: no over-acceptance ratio" in mismatch.render()

    def test_a_refusal_expected_but_not_given_fails(self) -> None:
        outcome = from_data(data(expect={"error": "InvalidInputError"})).run()
        assert outcome.mismatches == (
            Mismatch("expect.error", "InvalidInputError", scenarios._RESULT),
        )
        assert outcome.mismatches[0].render() == (
            "expect.error: expected InvalidInputError, got a result"
        )

    def test_the_version_in_force_on_the_event_applies(self) -> None:
        text = (
            PAYMENT.replace("due = 2024-02-29", "due = 2024-03-03")
            + """
[[versions]]
effective = 2024-01-01
[[versions]]
effective = 2024-02-22
label = "ten days"
policy = { "billing.payment_days" = 10 }
"""
        )
        outcome = scenario(text).run()
        assert outcome.passed
        assert outcome.explain().splitlines()[0] == (
            "M-1.9 ten days, effective 2024-02-22, is in force on 2024-02-22"
        )

    def test_overrides_apply_on_top_of_the_version_and_are_explained(self) -> None:
        outcome = scenario_from_mapping(
            data(
                versions=[{"effective": date(2024, 1, 1)}],
                policy={"billing.payment_days": 8},
                expect={"due": date(2024, 3, 1)},
            )
        ).run()
        assert outcome.passed
        assert outcome.explain().splitlines()[:2] == [
            "M-1.9 version of 2024-01-01, effective 2024-01-01, is in force on 2024-02-22",
            "B-6 billing.payment_days changed from 7 to 8",
        ]

    def test_overrides_without_versions_are_explained(self) -> None:
        outcome = from_data(data(policy={"billing.payment_days": 8})).run()
        assert outcome.explain("zh-Hant").splitlines()[0] == "B-6 繳費期限天數由7改為8"

    def test_an_event_before_every_version_is_refused(self) -> None:
        outcome = from_data(data(versions=[{"effective": date(2025, 1, 1)}])).run()
        (mismatch,) = outcome.mismatches
        assert "PolicyNotInForceError: no policy version is in force on 2024-02-22" in (
            mismatch.render()
        )

    def test_an_error_while_reading_the_result_is_a_refusal(self) -> None:
        # closing in working days, judged in 2027, which the China calendar does not cover
        outcome = scenario(
            """
rule = "complaints.closing_deadline"
[policy]
complaints.close_in_calendar_days = false
[inputs]
accepted = 2026-12-01
customer = "domestic"
closed = 2027-03-01
[expect]
due = 2026-12-18
"""
        ).run()
        assert outcome.result is None
        assert (
            outcome.mismatches[0]
            .render()
            .startswith("result: expected a result, got CalendarCoverageError:")
        )


class TestReports:
    def test_the_full_report_shows_the_case_its_decision_and_its_explanation(self) -> None:
        outcome = scenario(
            'title = "Seventh day"\ndescription = "A leap year."\n' + PAYMENT, "x.scenario.toml"
        ).run()
        assert outcome.report() == "\n".join(
            [
                "Seventh day",
                "  file: x.scenario.toml",
                "  rule: billing.payment_deadline (B-6): the last day to pay a settlement sheet",
                "  A leap year.",
                "decision:",
                "  due = 2024-02-29",
                "  on_time = true",
                "  days_late = 0",
                "explanation:",
                (
                    "  B-6 payment of the gas bill is due 7 calendar days after 2024-02-22, on "
                    "2024-02-29 (that day is still on time)"
                ),
                "check: PASS (1 expectation(s) met)",
            ]
        )

    def test_the_report_in_chinese(self) -> None:
        outcome = from_data(data(expect={"due": date(2024, 3, 1)})).run()
        report = outcome.report("zh-Hant")
        assert "  規則：billing.payment_deadline（B-6 結算單送達一週內繳費）" in report
        assert "結果：" in report
        assert "說明：" in report
        assert report.endswith("檢查：未通過\n  expect.due：預期2024-03-01，實際為2024-02-29")

    def test_a_passing_report_in_chinese_counts_the_expectations(self) -> None:
        outcome = scenario_from_mapping(
            data(expect={"due": date(2024, 2, 29), "clauses": ["B-6"]})
        ).run()
        assert outcome.report("zh-Hant").endswith("檢查：通過（符合2項預期）")

    def test_the_report_of_a_refusal_names_the_error(self) -> None:
        outcome = scenario_from_mapping(
            {
                "rule": "billing.reading_rate",
                "inputs": {"read": 1, "due": 2},
                "expect": {"error": "ParameterNotSetError"},
            }
        ).run()
        assert outcome.passed
        assert "  refused: ParameterNotSetError" in outcome.report()
        assert "  拒絕：ParameterNotSetError" in outcome.report("zh-Hant")

    def test_the_short_report_is_the_verdict_the_mismatches_and_the_explanation(self) -> None:
        outcome = from_data(data(expect={"due": date(2024, 3, 1)})).run()
        assert outcome.report(full=False).splitlines() == [
            "FAIL case.scenario.toml: case",
            "  expect.due: expected 2024-03-01, got 2024-02-29",
            "  explanation:",
            (
                "    B-6 payment of the gas bill is due 7 calendar days after 2024-02-22, on "
                "2024-02-29 (that day is still on time)"
            ),
        ]
        assert outcome.verdict() == "FAIL case.scenario.toml: case"
        assert scenario(PAYMENT).run().verdict("zh-Hant") == "通過 case.scenario.toml：case"

    @pytest.mark.parametrize(
        "call",
        [
            lambda o: o.report("fr"),
            lambda o: o.verdict("fr"),
            lambda o: o.explain("fr"),
            lambda o: o.mismatches[0].render("fr"),
        ],
    )
    def test_an_unknown_language_is_refused(
        self, call: Callable[[ScenarioOutcome], object]
    ) -> None:
        outcome = from_data(data(expect={"due": date(2024, 3, 1)})).run()
        with pytest.raises(InvalidInputError, match="lang must be one of"):
            call(outcome)

    def test_arguments_whose_truth_is_ambiguous_are_refused(self) -> None:
        outcome = from_data(data(expect={"due": date(2024, 3, 1)})).run()
        with pytest.raises(InvalidInputError, match=r"^lang must be one of .*\[ScenarioOutcome"):
            outcome.report(AMBIGUOUS)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidInputError,
            match=r"^full must be True or False, got <Ambiguous> \[ScenarioOutcome.report\]$",
        ):
            outcome.report(full=AMBIGUOUS)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "text"),
        [
            ("March 2", '"March 2"'),
            (True, "true"),
            (False, "false"),
            (date(2026, 3, 2), "2026-03-02"),
            ([1, "a"], '[1, "a"]'),
            ((), "[]"),
            ({}, "{}"),
            ({"Team A": 1, "Li": {"x": 0.5}}, '{ "Team A" = 1, Li = { x = 0.5 } }'),
            ("王偉", '"王偉"'),
        ],
    )
    def test_values_are_shown_as_toml(self, value: object, text: str) -> None:
        assert toml_text(value) == text


# -- every rule, through the shipped scenarios -----------------------------------------------------


def _recorded(path: Path) -> dict[str, Any]:
    """The shipped scenario with [expect] replaced by everything its rule decided."""
    mapping = load(path)
    outcome = scenario_from_mapping(mapping, source=path.name).run()
    recorded = copy.deepcopy(mapping)
    recorded["expect"] = dict(outcome.decision)
    recorded["expect"]["clauses"] = [c.id for c in outcome.result.clauses]  # type: ignore[union-attr]
    return recorded


def _other(kind: Any, value: Any) -> Any:
    """A valid TOML value of ``kind`` different from ``value``."""
    if isinstance(kind, schema.OrNone):
        return _other(kind.inner, None) if value == "none" else "none"
    if isinstance(kind, schema.OneOf):
        words = [word for word, _ in kind.members]
        if kind.numbered:
            return value % len(words) + 1
        return next(word for word in words if word != value)
    if isinstance(kind, schema.MapOf):
        if not value:
            return {"nobody": _other(kind.inner, None)}  # a key the result lacks
        name = next(iter(value))
        return {name: _other(kind.inner, value[name])}
    if isinstance(kind, schema.Record):
        name = next(iter(value))
        field = kind.field(name)
        assert field is not None
        return {name: _other(field.kind, value[name])}
    if isinstance(kind, schema.ListOf):
        return [*value, _other(kind.inner, None)] if not value else value[:-1]
    simple: dict[type, Callable[[Any], Any]] = {
        type(schema.DATE): lambda v: (v or date(2026, 1, 1)) + timedelta(days=1),
        type(schema.BOOL): lambda v: not v,
        type(schema.INT): lambda v: (v or 0) + 1,
        type(schema.TEXT): lambda v: f"{v or ''}x",
        type(schema.MONEY): lambda v: "0.01 CNY" if v is None else _money_plus(v),
        type(schema.DECIMAL): lambda v: str(Decimal(v or 0) + 1),
        type(schema.QUANTITY): lambda v: v + 1 if isinstance(v, int) else str(Decimal(v or 0) + 1),
        type(schema.FRACTION): lambda v: str(Fraction(v or 0) + 1),
    }
    return simple[type(kind)](value)


def _money_plus(written: str) -> str:
    amount, code = written.split()
    return f"{Decimal(amount) + Decimal('0.01')} {code}"


class TestEveryRule:
    @pytest.mark.parametrize("path", SHIPPED, ids=shipped_id)
    def test_every_shipped_scenario_passes(self, path: Path) -> None:
        outcome = parse_scenario(path.read_text(encoding="utf-8"), source=path.name).run()
        assert outcome.passed, outcome.report(full=False)

    def test_at_least_three_scenarios_per_family_and_one_per_rule(self) -> None:
        read = [parse_scenario(p.read_text(encoding="utf-8"), source=p.name) for p in SHIPPED]
        with_result = {s.rule.name for s in read if s.error is None}
        assert with_result == set(RULES)
        families = [s.rule.family for s in read]
        assert {f: families.count(f) >= 3 for f in "LMBPCR"} == dict.fromkeys("LMBPCR", True)
        assert any(s.book is not None for s in read)
        assert any(s.overrides for s in read)
        assert any(s.error is not None for s in read)

    def test_the_shipped_scenarios_sit_in_their_familys_folder(self) -> None:
        folders = {
            "L": "leads",
            "M": "customers",
            "B": "billing",
            "P": "penalties",
            "C": "complaints",
            "R": "returns",
        }
        for path in SHIPPED:
            rule = parse_scenario(path.read_text(encoding="utf-8"), source=path.name).rule
            assert path.parent.name == folders[rule.family], path

    @pytest.mark.parametrize(
        "path", [p for p in SHIPPED if "error" not in load(p)["expect"]], ids=shipped_id
    )
    def test_a_scenario_recording_every_output_passes_and_any_change_fails(
        self, path: Path
    ) -> None:
        recorded = _recorded(path)
        assert scenario_from_mapping(recorded, source=path.name).run().passed
        rule = RULES[recorded["rule"]]
        for name, value in recorded["expect"].items():
            if name == "clauses":
                continue
            changed = copy.deepcopy(recorded)
            changed["expect"][name] = _other(rule.output(name).kind, value)  # type: ignore[union-attr]
            outcome = scenario_from_mapping(changed, source=path.name).run()
            assert outcome.mismatches, (name, changed["expect"][name])
            assert all(m.path.startswith(f"expect.{name}") for m in outcome.mismatches)

    def test_every_rule_documents_its_keys(self) -> None:
        for rule in RULES.values():
            assert rule.name.split(".")[0] in (
                "leads",
                "fairsplit",
                "customers",
                "billing",
                "losses",
                "penalties",
                "complaints",
                "returns",
            )
            assert rule.clauses
            assert rule.summary
            assert rule.outputs
            for field in (*rule.inputs, *rule.outputs):
                assert field.doc, (rule.name, field.name)
                assert field.what, (rule.name, field.name)
            for field in rule.outputs:
                assert field.required is False
                assert set(field.needs) <= {f.name for f in rule.inputs}
            assert rule.output("nope") is None

    @pytest.mark.parametrize("name", [1.5, None, ["due"], AMBIGUOUS])
    def test_an_output_name_that_is_no_str_is_refused(self, name: object) -> None:
        # not None: that would say the rule has no such output
        with pytest.raises(
            InvalidInputError,
            match=r"^name must be a str, got .* \[ScenarioRule.output billing.payment_deadline\]$",
        ):
            RULES["billing.payment_deadline"].output(name)  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------------------

_DAYS = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 11, 30))


def _record_and_change(mapping: dict[str, Any], output: str, change: Any) -> None:
    outcome = scenario_from_mapping(mapping).run()
    assert outcome.result is not None
    mapping["expect"] = dict(outcome.decision)
    assert scenario_from_mapping(mapping).run().passed
    mapping["expect"][output] = change(mapping["expect"][output])
    changed = scenario_from_mapping(mapping).run()
    assert [m.path for m in changed.mismatches] == [f"expect.{output}"]


class TestProperties:
    @given(delivered=_DAYS, late=st.integers(-10, 20), shift=st.integers(1, 400))
    def test_a_deadline_recorded_passes_and_a_shifted_one_fails(
        self, delivered: date, late: int, shift: int
    ) -> None:
        mapping = data(inputs={"delivered": delivered, "paid_on": delivered + timedelta(late)})
        _record_and_change(mapping, "due", lambda due: due + timedelta(days=shift))

    @given(
        approved=st.integers(0, 10_000),
        actual=st.integers(0, 12_000),
        ratio=st.decimals(0, 1, places=3),
        output=st.sampled_from(["limit", "exceeded_by", "ratio"]),
    )
    def test_a_return_recorded_passes_and_a_changed_figure_fails(
        self, approved: int, actual: int, ratio: Decimal, output: str
    ) -> None:
        mapping = {
            "rule": "returns.reconcile_return",
            "inputs": {"approved": approved, "actual": actual, "order_ratio": str(ratio)},
        }
        _record_and_change(mapping, output, lambda v: str(Decimal(v) + Decimal("0.001")))

    @settings(max_examples=200)
    @given(
        loss=st.integers(-(10**7), 10**7),
        ratios=st.lists(st.integers(1, 20), min_size=1, max_size=5),
    )
    def test_a_split_recorded_passes_and_a_moved_fen_fails(
        self, loss: int, ratios: list[int]
    ) -> None:
        parties = [{"person": f"P{n}", "ratio": ratio} for n, ratio in enumerate(ratios)]
        mapping: dict[str, Any] = {
            "rule": "losses.apportion",
            "inputs": {"loss": str(Money.from_minor(loss, "CNY").amount), "parties": parties},
        }

        def moved(persons: dict[str, str]) -> dict[str, str]:
            return {"P0": _money_plus(persons["P0"])}

        outcome = scenario_from_mapping(mapping).run()
        mapping["expect"] = dict(outcome.decision)
        assert scenario_from_mapping(mapping).run().passed
        mapping["expect"]["persons"] = moved(mapping["expect"]["persons"])
        changed = scenario_from_mapping(mapping).run()
        assert [m.path for m in changed.mismatches] == ["expect.persons.P0"]

    @given(minor=st.integers(-(10**12), 10**12), code=st.sampled_from(["CNY", "JPY", "HKD"]))
    def test_an_amount_written_back_reads_the_same(self, minor: int, code: str) -> None:
        amount = Money.from_minor(minor, code)
        ctx = schema.Context("x", amount.currency)
        written = schema.MONEY.toml(amount)
        assert schema.MONEY.parse(written, "k", ctx) == amount
        assert schema.MONEY.parse(str(amount), "k", ctx) == amount  # "CNY 1,234.50"


# -- the command line -------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class TestExplainCommand:
    def test_it_prints_the_report_and_exits_0_when_the_scenario_passes(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = FIXTURES / "passes.scenario.toml"
        assert main(["explain", str(path)]) == 0
        out = capsys.readouterr().out
        assert out == scenario(path.read_text(encoding="utf-8"), str(path)).run().report() + "\n"

    def test_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["explain", str(FIXTURES / "passes.scenario.toml"), "--lang", "zh-Hant"]) == 0
        assert "B-6 繳納氣費期限為2024年2月22日後7個日曆日" in capsys.readouterr().out

    def test_it_exits_1_when_the_scenario_fails(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["explain", str(FIXTURES / "wrong-due-date.scenario.toml")]) == 1
        assert "expect.due: expected 2024-03-01, got 2024-02-29" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            (
                "date-as-text.scenario.toml",
                (
                    r"line 5: inputs.delivered must be a TOML date \(YYYY-MM-DD\), "
                    'got "March 2"'
                ),
            ),
            (
                "typo-in-a-key.scenario.toml",
                (
                    r"2 problems:\n  line 4: inputs.delivered is missing.*\n  line 5: "
                    r"inputs.delivred is not a known key \(did you mean 'delivered'\?\)"
                ),
            ),
            ("not-toml.scenario.toml", "not valid TOML"),
            ("missing.scenario.toml", "cannot be read: No such file or directory"),
        ],
    )
    def test_a_malformed_file_is_an_error_naming_it_not_a_traceback(
        self, capsys: pytest.CaptureFixture[str], name: str, message: str
    ) -> None:
        path = FIXTURES / name
        assert main(["explain", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert re.match(f"^error: {re.escape(str(path))}: {message}", captured.err)
        assert "Traceback" not in captured.err

    def test_a_file_that_is_not_utf8(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "latin.scenario.toml"
        path.write_bytes(b'title = "caf\xe9"\n')
        assert main(["explain", str(path)]) == 2
        assert capsys.readouterr().err == f"error: {path}: cannot be read: not UTF-8 text\n"


class TestCheckCommand:
    def test_all_passing_exits_0(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", str(FIXTURES / "passes.scenario.toml")]) == 0
        assert capsys.readouterr().out.splitlines() == [
            f"PASS {FIXTURES / 'passes.scenario.toml'}: Paying on the seventh day is on time",
            "1 scenario(s): 1 passed, 0 failed, 0 malformed",
        ]

    def test_a_failure_exits_1_and_shows_the_mismatch_and_the_explanation(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        wrong = FIXTURES / "wrong-due-date.scenario.toml"
        assert main(["check", str(FIXTURES / "passes.scenario.toml"), str(wrong)]) == 1
        out = capsys.readouterr().out.splitlines()
        assert out[1:5] == [
            f"FAIL {wrong}: A deadline expected a day too late",
            "  expect.due: expected 2024-03-01, got 2024-02-29",
            "  explanation:",
            (
                "    B-6 payment of the gas bill is due 7 calendar days after 2024-02-22, on "
                "2024-02-29 (that day is still on time)"
            ),
        ]
        assert out[-1] == "2 scenario(s): 1 passed, 1 failed, 0 malformed"

    def test_a_directory_is_searched_and_a_malformed_file_exits_2(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(FIXTURES)]) == 2
        out = capsys.readouterr().out
        assert (
            f"ERROR {FIXTURES.as_posix()}/date-as-text.scenario.toml: line 5: inputs.delivered"
            in out
        )
        assert f"ERROR {FIXTURES.as_posix()}/not-toml.scenario.toml: not valid TOML" in out
        assert out.endswith("5 scenario(s): 1 passed, 1 failed, 3 malformed\n")
        assert "Traceback" not in out

    def test_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(["check", str(FIXTURES / "wrong-due-date.scenario.toml"), "--lang", "zh-Hant"])
            == 1
        )
        out = capsys.readouterr().out
        assert "  expect.due：預期2024-03-01，實際為2024-02-29" in out
        assert out.startswith("未通過 ")
        assert out.endswith("共1個情境：0個通過、1個未通過、0個格式錯誤\n")

    def test_files_are_checked_once_in_order_whatever_the_paths(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        b = _write(tmp_path, "sub/b.scenario.toml", PAYMENT)
        _write(tmp_path, "a.scenario.toml", PAYMENT)
        _write(tmp_path, "notes.toml", "not a scenario")
        assert main(["check", str(tmp_path), str(b)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert [line.split(":")[0] for line in out[:-1]] == [
            f"PASS {tmp_path.as_posix()}/a.scenario.toml",
            f"PASS {tmp_path.as_posix()}/sub/b.scenario.toml",
        ]

    def test_a_missing_path_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _write(tmp_path, "a.scenario.toml", PAYMENT)
        assert main(["check", str(tmp_path), "nope"]) == 2
        out = capsys.readouterr().out.splitlines()
        assert out[0] == "ERROR nope: no such file or directory"
        assert out[-1] == "2 scenario(s): 1 passed, 0 failed, 1 malformed"

    def test_no_scenario_found_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(tmp_path)]) == 2
        assert capsys.readouterr().out == (
            f"no scenario files (*.scenario.toml) found in {tmp_path}\n"
        )
        assert main(["check", "nope", "--lang", "zh-Hant"]) == 2
        assert capsys.readouterr().out.splitlines() == [
            "錯誤 nope：找不到此檔案或目錄",
            "在nope中找不到情境檔（*.scenario.toml）",
        ]

    def test_a_broken_link_is_malformed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "gone.scenario.toml").symlink_to(tmp_path / "nowhere")
        assert main(["check", str(tmp_path)]) == 2
        assert "gone.scenario.toml: cannot be read: No such file or directory" in (
            capsys.readouterr().out
        )

    def test_the_shipped_scenarios_all_pass(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", str(ROOT / "docs" / "scenarios")]) == 0
        assert capsys.readouterr().out.endswith(
            f"{len(SHIPPED)} scenario(s): {len(SHIPPED)} passed, 0 failed, 0 malformed\n"
        )


class TestRulesCommand:
    def test_it_lists_every_rule_by_family(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert [line for line in out if line.endswith(":")] == ["L:", "M:", "B:", "P:", "C:", "R:"]
        assert "  billing.payment_deadline (B-6): the last day to pay a settlement sheet" in out
        assert sum(line.startswith("  ") for line in out) == len(RULES)

    def test_it_shows_one_rules_keys(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules", "billing.payment_deadline"]) == 0
        assert capsys.readouterr().out.splitlines() == [
            "billing.payment_deadline (B-6): the last day to pay a settlement sheet",
            "[inputs]",
            (
                "  delivered (required): the day the settlement sheet was delivered; a TOML date "
                "(YYYY-MM-DD)"
            ),
            "  paid_on: the day the user paid, to judge it; a TOML date (YYYY-MM-DD)",
            "[expect]",
            "  due: the last day on time; a TOML date (YYYY-MM-DD)",
            (
                "  on_time (needs inputs.paid_on): whether the payment on inputs.paid_on was on "
                "time; true or false"
            ),
            (
                "  days_late (needs inputs.paid_on): how many days late the payment was (0 when on "
                "time); an integer"
            ),
            "  clauses: the clauses the result cites; error, error_contains: a refusal expected",
            "policy version in force (M-1.9) picked by: inputs.delivered",
        ]

    def test_a_rule_without_a_dated_event(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules", "returns.warehouse_receipt"]) == 0
        assert "picked by" not in capsys.readouterr().out

    def test_an_unknown_rule_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules", "billing.nope"]) == 2
        assert capsys.readouterr().err == (
            "error: no rule 'billing.nope'; python -m custpolicy rules lists them\n"
        )


# -- pytest collects scenario files ----------------------------------------------------------------


class TestPytestPlugin:
    def test_each_scenario_file_is_one_test_and_failures_show_the_report(
        self, pytester: pytest.Pytester
    ) -> None:
        for name in ("passes", "wrong-due-date", "date-as-text"):
            source = FIXTURES / f"{name}.scenario.toml"
            _write(pytester.path, f"cases/{name}.scenario.toml", source.read_text("utf-8"))
        _write(pytester.path, "cases/other.toml", "x = 1")
        _write(pytester.path, "cases/latin.scenario.toml", "").write_bytes(b'title = "\xe9"')
        # a file named again after its folder is still collected once
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "cases", "cases/passes.scenario.toml"
        )
        result.assert_outcomes(passed=1, failed=3)
        out = result.stdout.str()
        assert "Traceback" not in out
        result.stdout.fnmatch_lines(
            [
                "*_ scenario date-as-text _*",
                (
                    "cases/date-as-text.scenario.toml: line 5: inputs.delivered must be a "
                    'TOML date (YYYY-MM-DD), got "March 2"'
                ),
                "*_ scenario latin _*",
                "cases/latin.scenario.toml: cannot be read: not UTF-8 text",
                "*_ scenario wrong-due-date _*",
                "FAIL cases/wrong-due-date.scenario.toml: A deadline expected a day too late",
                "  expect.due: expected 2024-03-01, got 2024-02-29",
                "  explanation:",
            ]
        )

    def test_a_file_outside_the_rootdir_is_named_by_its_path_and_bugs_keep_their_traceback(
        self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = _write(pytester.path, "elsewhere/x.scenario.toml", PAYMENT)
        (pytester.path / "root").mkdir()

        def broken(self: Scenario) -> ScenarioOutcome:
            raise RuntimeError(f"bug while running {self.source}")

        monkeypatch.setattr(Scenario, "run", broken)
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "--rootdir", str(pytester.path / "root"), str(path)
        )
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([f"E * RuntimeError: bug while running {path.as_posix()}"])

    @pytest.mark.parametrize(
        "name", ["custpolicy", "custpolicy.foundation.errors", "custpolicy.cli.pytest_plugin"]
    )
    def test_the_modules_pytest_loads_before_coverage_starts_run_on_their_own(
        self, name: str
    ) -> None:
        # pytest imports the plugin (so the package root and its errors) from the pytest11 entry
        # point before pytest-cov starts measuring; running each module's code again, as a
        # fresh module, is what checks (and measures) that code.
        spec = importlib.util.find_spec(name)
        assert spec is not None
        assert spec.loader is not None
        fresh = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fresh)
        loaded = sys.modules[name]
        assert fresh.__doc__ == loaded.__doc__
        assert getattr(fresh, "__all__", None) == getattr(loaded, "__all__", None)
        assert callable(getattr(fresh, "pytest_collect_file", callable))

    def test_the_plugin_is_registered_by_the_entry_point(self, pytestconfig: pytest.Config) -> None:
        plugin = pytestconfig.pluginmanager.get_plugin("custpolicy")
        assert plugin is sys.modules["custpolicy.cli.pytest_plugin"]
        assert plugin._SUFFIX == SCENARIO_SUFFIX


# -- the scenario-file page ------------------------------------------------------------------------

DOC = ROOT / "docs" / "scenarios.md"
START, END = "<!-- rule reference: start -->", "<!-- rule reference: end -->"


def _nested(path: str, kind: Any) -> list[tuple[str, Any]]:
    """The keys inside a table (or an array of tables) of a rule's key, with their paths."""
    if isinstance(kind, schema.Record):
        found = []
        for field in kind.fields:
            found += [(f"{path}.{field.name}", field), *_nested(f"{path}.{field.name}", field.kind)]
        return found
    if isinstance(kind, schema.ListOf):
        return _nested(f"{path}[]", kind.inner)
    if isinstance(kind, schema.MapOf):
        return _nested(f"{path}.<{kind.keys}>", kind.inner)
    return []


def reference() -> str:
    """The rule reference of docs/scenarios.md, as the registry gives it."""
    lines: list[str] = []
    family = ""
    for rule in RULES.values():
        if rule.family != family:
            family = rule.family
            lines += [f"### {family}: {FAMILY_NAMES[family][0]}", ""]
        cited = ", ".join(c.id for c in rule.clauses)
        picked = re.sub(r"(inputs\.\w+)", r"`\1`", rule.event)
        event = (
            f"The policy version in force is picked by {picked}."
            if rule.event
            else "It judges no dated event: with `[[versions]]`, give `event_date`."
        )
        lines += [
            f"#### `{rule.name}`",
            "",
            f"{rule.summary[0].upper()}{rule.summary[1:]} ({cited}). {event}",
            "",
            "| `[inputs]` | | |",
            "| --- | --- | --- |",
        ]
        for field in rule.inputs:
            for path, item in [(field.name, field), *_nested(field.name, field.kind)]:
                needed = "required" if item.required else "optional"
                lines.append(f"| `{path}` | {needed} | {item.doc}: {item.what} |")
        lines += ["", "| `[expect]` | |", "| --- | --- |"]
        for field in rule.outputs:
            needs = "".join(f" (needs `inputs.{need}`)" for need in field.needs)
            for path, item in [(field.name, field), *_nested(field.name, field.kind)]:
                lines.append(
                    f"| `{path}`{needs if item is field else ''} | {item.doc}: {item.what} |"
                )
        lines.append("")
    return "\n".join(lines)


def _toml_blocks(text: str) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```$", text, flags=re.M | re.S)


class TestDocs:
    def test_every_toml_example_on_the_page_is_a_scenario_that_passes(self) -> None:
        blocks = _toml_blocks(DOC.read_text(encoding="utf-8"))
        assert blocks
        for block in blocks:
            included = re.fullmatch(r'--8<-- "(.*)"\n', block)
            text = (ROOT / included[1]).read_text("utf-8") if included else block
            outcome = parse_scenario(text, source="docs/scenarios.md").run()
            assert outcome.passed, outcome.report(full=False)

    def test_the_rule_reference_is_the_registrys(self) -> None:
        text = DOC.read_text(encoding="utf-8")
        written = text.split(START, 1)[1].split(END, 1)[0].strip("\n")
        assert written == reference().strip("\n"), (
            f"docs/scenarios.md: replace the text between the markers with:\n{reference()}"
        )


# -- issue 15: every problem with its line, suggestions, date hint, clauses_include, languages ---

BROKEN = ROOT / "tests" / "broken_scenarios"


def broken(name: str) -> ScenarioError:
    path = BROKEN / f"{name}.scenario.toml"
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(path.read_text("utf-8"), source=f"{name}.scenario.toml")
    return raised.value


class TestEveryProblemIsReported:
    def test_a_file_with_four_mistakes_lists_all_four_each_with_its_line(self) -> None:
        error = broken("many-problems")
        assert [(key, line) for key, line, _ in error.problems] == [
            ("titel", 3),
            ('policy."complaints.closing_days"', 6),
            ("inputs.customer", 10),
            ("expect.on_tme", 14),
        ]
        lines = str(error).splitlines()
        assert lines[0] == "many-problems.scenario.toml: 4 problems:"
        assert lines[1].startswith("  line 3: titel is not a known key (did you mean 'title'?)")
        assert lines[3] == (
            '  line 10: inputs.customer must be one of "domestic", "foreign", got "foriegn" '
            "(did you mean 'foreign'?)"
        )
        assert lines[4].startswith(
            "  line 14: expect.on_tme is not a known key (did you mean 'on_time'?)"
        )
        assert (error.source, error.key) == ("many-problems.scenario.toml", "titel")

    def test_problems_are_listed_in_the_order_of_their_lines(self) -> None:
        error = broken("mistyped-error")
        assert [line for _, line, _ in error.problems] == [8, 9]
        assert "(did you mean 'PolicyViolationError'?)" in error.problems[0][2]
        assert error.problems[1][:2] == ("expect.clauses_include[0]", 9)

    def test_a_single_problem_keeps_the_one_line_message(self) -> None:
        error = refused(data(title=7), r"^case.scenario.toml: title must be a string, got 7$")
        assert error.problems == (("title", None, "must be a string, got 7"),)

    def test_problems_in_several_versions_and_in_the_policy_are_all_listed(self) -> None:
        text = """
rule = "billing.payment_deadline"
event_date = "2026-07-01"
[policy]
billing = { payment_dayz = 3, reading_windo = 4 }
nothing = 1
[[versions]]
effective = 2026-01-01
lable = "a"
[[versions]]
effective = "soon"
[inputs]
delivered = 2026-07-01
[expect]
due = 2026-07-08
"""
        with pytest.raises(ScenarioError) as raised:
            scenario(text)
        found = [(key, line) for key, line, _ in raised.value.problems]
        assert found == [
            ("event_date", 3),
            ("policy.billing.payment_dayz", 5),
            ("policy.billing.reading_windo", 5),
            ("policy.nothing", 6),
            ("versions[0].lable", 9),
            ("versions[1].effective", 11),
        ]

    def test_a_policy_group_that_is_not_a_table_and_an_unknown_dotted_parameter(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data(data(policy={"billing": 3, "billing.payment_dayz": 1}))
        assert [key for key, _, _ in raised.value.problems] == [
            "policy.billing",
            'policy."billing.payment_dayz"',
        ]

    def test_a_rule_that_cannot_be_read_leaves_inputs_and_expect_unchecked(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data({"rule": "billing.payment_deadlin", "title": 1, "inputs": {"x": 1}})
        assert [key for key, _, _ in raised.value.problems] == ["rule", "title"]
        assert "did you mean 'billing.payment_deadline'" in str(raised.value)

    def test_event_date_without_versions_and_not_a_date_gives_both_problems(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data(data(event_date="soon"))
        messages = [message for _, _, message in raised.value.problems]
        assert messages[0].startswith("must be a TOML date")
        assert messages[1].startswith("only picks the policy version in force")

    def test_expect_that_is_not_a_table_and_inputs_that_cannot_be_read(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data(data(inputs={"delivered": "x"}, expect=[1]))
        assert [key for key, _, _ in raised.value.problems] == ["inputs.delivered", "expect"]

    def test_unreadable_inputs_do_not_make_expectations_that_need_them_wrong(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data(data(inputs={"delivered": "x"}, expect={"on_time": True, "dew": 1}))
        assert [key for key, _, _ in raised.value.problems] == ["inputs.delivered", "expect.dew"]

    def test_an_expectation_that_cannot_be_read_and_error_contains_without_error(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            from_data(data(expect={"due": "x", "error_contains": 3}))
        assert [key for key, _, _ in raised.value.problems] == [
            "expect.due",
            "expect.error_contains",
            "expect.error_contains",
        ]

    def test_an_error_cannot_go_with_clauses_include(self) -> None:
        refused(
            data(expect={"error": "PolicyViolationError", "clauses_include": ["B-6"]}),
            "expect.error cannot go with other expected values",
        )

    def test_an_error_name_that_is_not_text_gets_no_suggestion(self) -> None:
        error = refused(data(expect={"error": 3}), "expect.error must be the name")
        assert "did you mean" not in str(error)

    def test_a_choice_that_is_not_text_gets_no_suggestion(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            scenario(
                'rule = "complaints.closing_deadline"\n[inputs]\naccepted = 2026-09-18\n'
                "customer = 3\n"
            )
        assert str(raised.value) == (
            'case.scenario.toml: line 4: inputs.customer must be one of "domestic", "foreign", '
            "got 3"
        )

    @pytest.mark.parametrize(
        ("message", "key", "problem"),
        [
            ("a.toml: x is odd", "x", ("x", None, "is odd")),
            ("a.toml: cannot be read", None, (None, None, "cannot be read")),
            ("a.toml: y is odd", "x", (None, None, "y is odd")),
        ],
    )
    def test_a_scenario_error_built_by_hand_has_one_problem(
        self, message: str, key: str | None, problem: tuple[str | None, None, str]
    ) -> None:
        error = ScenarioError(message, source="a.toml", key=key)
        assert error.problems == (problem,)
        assert scenarios.scenario_error_text(error) == message


class TestKeyLines:
    def test_tables_arrays_of_tables_and_quoted_and_dotted_keys(self) -> None:
        text = (
            'rule = "x"  # a comment\n'
            "[policy]\n"
            '"billing.payment_days" = 3\n'
            "complaints.closing_days = 4\n"
            "[[versions]]\n"
            "effective = 2026-01-01\n"
            "[versions.policy]\n"
            "billing = { payment_days = 9 }\n"
            "[[versions]]\n"
            "effective = 2027-01-01\n"
            "[expect.persons]\n"
            '"Team A" = "1.00"\n'
            "rule = 1\n"
        )
        assert scenarios.key_lines(text) == {
            "rule": 1,
            "policy": 2,
            'policy."billing.payment_days"': 3,
            "policy.complaints.closing_days": 4,
            "versions[0]": 5,
            "versions[0].effective": 6,
            "versions[0].policy": 7,
            "versions[0].policy.billing": 8,
            "versions[1]": 9,
            "versions[1].effective": 10,
            "expect.persons": 11,
            'expect.persons."Team A"': 12,
            "expect.persons.rule": 13,
        }

    @pytest.mark.parametrize(
        ("key", "line"),
        [
            ("expect.clauses[1]", 2),
            ('expect.persons."Team A".x', 1),
            ("inputs.delivered", None),
            ("title", None),
            ("versions[0].policy.billing.x", 3),
        ],
    )
    def test_a_key_not_written_on_a_line_of_its_own_takes_the_line_of_its_holder(
        self, key: str, line: int | None
    ) -> None:
        lines = {"expect": 1, "expect.clauses": 2, "versions[0].policy.billing": 3}
        assert schema.line_of(key, lines) == line


class TestDateHint:
    def test_a_one_digit_month_gets_the_two_digit_date_to_write(self) -> None:
        error = broken("one-digit-month")
        assert str(error).endswith("; dates need two-digit months and days: write 2026-09-20")
        assert error.problems[0][:2] == (None, 5)

    @pytest.mark.parametrize(
        ("line", "hint"),
        [
            ("accepted = 2026-09-2", "2026-09-02"),
            ("accepted = 2026-9-02", "2026-09-02"),
            ("a = 2026-09-20, b = 2026-1-1", "2026-01-01"),
            ("accepted = 2026-09-20", None),
            ("accepted = 20260-9-20", None),
        ],
    )
    def test_only_a_date_with_a_one_digit_month_or_day_gets_the_hint(
        self, line: str, hint: str | None
    ) -> None:
        expected = "" if hint is None else f"; dates need two-digit months and days: write {hint}"
        assert scenarios._date_hint(line) == expected

    def test_other_toml_errors_get_no_hint(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            scenario('rule = "x"\nrule = 2026-9-1x')
        assert "dates need" not in str(raised.value)

    def test_a_toml_error_without_a_line_number(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def fails(text: str) -> object:
            raise tomllib.TOMLDecodeError("broken")

        monkeypatch.setattr(tomllib, "loads", fails)
        with pytest.raises(ScenarioError) as raised:
            scenario("x = 2026-9-1")
        assert raised.value.problems == ((None, None, "not valid TOML: broken"),)

    def test_a_line_number_past_the_text_gets_no_hint(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def fails(text: str) -> object:
            raise tomllib.TOMLDecodeError("broken (at line 9, column 1)")

        monkeypatch.setattr(tomllib, "loads", fails)
        with pytest.raises(ScenarioError) as raised:
            scenario("x = 2026-9-1")
        assert raised.value.problems[0][1:] == (9, "not valid TOML: broken (at line 9, column 1)")


class TestClausesInclude:
    def test_passes_when_the_result_cites_at_least_those_clauses(self) -> None:
        outcome = scenario(PAYMENT + 'clauses_include = ["B-6"]\n').run()
        assert outcome.passed
        assert outcome.scenario.clauses_include is not None
        assert [c.id for c in outcome.scenario.clauses_include] == ["B-6"]
        assert "check: PASS (2 expectation(s) met)" in outcome.report()

    def test_alone_it_is_an_expectation(self) -> None:
        text = PAYMENT.replace("due = 2024-02-29\n", 'clauses_include = ["B-6"]\n')
        assert scenario(text).run().passed

    def test_fails_when_a_clause_is_not_cited_and_says_which_were(self) -> None:
        path = BROKEN / "clauses-include-not-cited.scenario.toml"
        outcome = scenario(path.read_text("utf-8")).run()
        assert not outcome.passed
        assert outcome.failures == ('expect.clauses_include: expected ["B-6", "B-8"], got ["B-6"]',)

    def test_clauses_still_means_the_full_list(self) -> None:
        assert not scenario(PAYMENT + 'clauses = ["B-6", "B-8"]\n').run().passed
        assert scenario(PAYMENT + 'clauses = ["B-6"]\n').run().passed

    def test_an_unknown_clause_is_refused(self) -> None:
        refused(
            data(expect={"clauses_include": ["B-6", "Z-1"]}),
            r"expect.clauses_include\[1\] must be a clause ID of the catalogue",
        )


class TestMessagesInChinese:
    @pytest.mark.parametrize(
        ("lang", "head", "first", "third"),
        [
            (
                "zh-Hant",
                "錯誤 {path}：共4個問題：",
                "  第3行：titel不是已知的鍵（是否應為「title」？）；此處可用的鍵：rule、title、",
                (
                    '  第10行：inputs.customer須為下列之一："domestic"、"foreign"，實際為"foriegn"'
                    "（是否應為「foreign」？）"
                ),
            ),
            (
                "zh-Hans",
                "错误 {path}：共4个问题：",
                "  第3行：titel不是已知的键（是否应为「title」？）；此处可用的键：rule、title、",
                (
                    '  第10行：inputs.customer须为下列之一："domestic"、"foreign"，实际为"foriegn"'
                    "（是否应为「foreign」？）"
                ),
            ),
        ],
    )
    def test_check_lists_the_problems_with_their_lines_in_chinese(
        self, capsys: pytest.CaptureFixture[str], lang: str, head: str, first: str, third: str
    ) -> None:
        path = BROKEN / "many-problems.scenario.toml"
        assert main(["check", str(path), "--lang", lang]) == 2
        out = capsys.readouterr().out.splitlines()
        assert out[0] == head.format(path=path)
        assert out[1].startswith(first)
        assert out[3] == third

    @pytest.mark.parametrize(
        ("lang", "start", "end"),
        [
            (
                "zh-Hant",
                "錯誤：{path}：不是有效的TOML：Expected",
                "；日期的月與日須寫成兩位數：請寫2026-09-20",
            ),
            (
                "zh-Hans",
                "错误：{path}：不是有效的TOML：Expected",
                "；日期的月与日须写成两位数：请写2026-09-20",
            ),
            (
                "en",
                "error: {path}: not valid TOML: Expected",
                "; dates need two-digit months and days: write 2026-09-20",
            ),
        ],
    )
    def test_explain_gives_the_date_hint_in_each_language(
        self, capsys: pytest.CaptureFixture[str], lang: str, start: str, end: str
    ) -> None:
        path = BROKEN / "one-digit-month.scenario.toml"
        assert main(["explain", str(path), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert err.startswith(start.format(path=path))
        assert err.endswith(end + "\n")

    def test_a_problem_written_as_plain_text_is_shown_as_it_is(self) -> None:
        error = ScenarioError("a.toml: x is odd", source="a.toml", key="x")
        assert scenarios.scenario_error_text(error, "zh-Hant") == "a.toml：x is odd"

    def test_every_message_has_every_language(self) -> None:
        assert all(set(row) == {"en", "zh-Hant"} for row in schema.MESSAGES.values())

    @pytest.mark.parametrize("name", sorted(schema.MESSAGES))
    def test_every_message_takes_the_same_values_in_each_language(self, name: str) -> None:
        row = schema.MESSAGES[name]
        fields = [
            {field for _, field, _, _ in string.Formatter().parse(row[lang]) if field}
            for lang in ("en", "zh-Hant")
        ]
        differ = {"kind.map": {"keys"}, "not_a_key": {"keys"}, "did_you_mean": {"quoted", "name"}}
        assert fields[0] ^ fields[1] == differ.get(name, set())

    def test_a_message_is_its_english_text_and_renders_in_each_language(self) -> None:
        message = schema.said("expected", what=schema.DATE.wanted, got='"soon"', hint="")
        assert message == 'must be a TOML date (YYYY-MM-DD), got "soon"'
        assert message.in_lang("zh-TW") == '須為TOML日期（YYYY-MM-DD），實際為"soon"'  # type: ignore[arg-type]
        assert message.in_lang("zh-CN") == '须为TOML日期（YYYY-MM-DD），实际为"soon"'  # type: ignore[arg-type]

    def test_a_kind_that_says_nothing_more_wants_a_value(self) -> None:
        kind = schema.Kind()
        assert (kind.what, kind.wanted.in_lang("zh-Hant")) == ("a value", "一個值")

    def test_a_list_is_joined_in_the_language_of_the_message(self) -> None:
        message = schema.said("kind.record", keys=("a", "b"))
        assert (message, message.in_lang("zh-Hans")) == (
            "a table with the keys a, b",
            "表，含下列键：a、b",
        )

    def test_a_value_given_by_the_reader_is_never_converted(self) -> None:
        message = schema.said("expected", what=schema.TEXT.wanted, got='"國華"', hint="")
        assert message.in_lang("zh-Hans") == '须为字符串，实际为"國華"'

    def test_a_message_survives_pickling_and_copying(self) -> None:
        message = schema.said(
            "unknown", hint=schema.did_you_mean("titel", ["title"]), keys=("title",)
        )
        for copied in (pickle.loads(pickle.dumps(message)), copy.deepcopy(message)):
            assert copied == message
            assert copied.in_lang("zh-Hant") == message.in_lang("zh-Hant")
        error = broken("many-problems")
        again = pickle.loads(pickle.dumps(error.problems))
        assert [schema.text_in("zh-Hant", p[2]) for p in again] == [
            schema.text_in("zh-Hant", p[2]) for p in error.problems
        ]
        assert all(isinstance(p[2], schema.Message) for p in again)

    def test_a_message_refuses_an_unknown_language(self) -> None:
        with pytest.raises(InvalidInputError, match=r"got 'fr' \[Message.in_lang\]"):
            schema.said("kind.int").in_lang("fr")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("mapping", "en", "zh"),
        [
            ([1], "a scenario must be a TOML table, got [1]", "情境須為TOML表，實際為[1]"),
            (
                {1: "x"},
                "key 1 must be text, as every TOML key is, got the int 1",
                "鍵1須為文字（TOML的鍵都是文字），實際為int 1",
            ),
        ],
    )
    def test_a_mapping_that_is_no_scenario_in_each_language(
        self, mapping: Any, en: str, zh: str
    ) -> None:
        with pytest.raises(ScenarioError) as raised:
            scenarios.scenario_from_mapping(mapping, source="m")
        assert scenarios.scenario_error_text(raised.value) == f"m: {en}"
        assert scenarios.scenario_error_text(raised.value, "zh-Hant") == f"m：{zh}"
        assert has_han(scenarios.scenario_error_text(raised.value, "zh-Hans"))

    def test_text_that_is_no_scenario_in_each_language(self) -> None:
        with pytest.raises(ScenarioError) as raised:
            parse_scenario(b"rule = 1", source="b")  # type: ignore[arg-type]
        assert str(raised.value) == "b: the scenario must be TOML text, got bytes"
        assert (
            scenarios.scenario_error_text(raised.value, "zh-Hant")
            == "b：情境須為TOML文字，實際為bytes"
        )
        assert (
            scenarios.scenario_error_text(raised.value, "zh-Hans")
            == "b：场景须为TOML文字，实际为bytes"
        )


# -- every message of the runner, from a broken file, in each language (tests/broken_scenarios) ---

REPORTS = {lang: BROKEN / f"reports.{lang}.txt" for lang in ("en", "zh-Hans", "zh-Hant")}
BROKEN_FILES = sorted(
    path.name.removesuffix(".scenario.toml") for path in BROKEN.glob("*.scenario.toml")
)


def broken_report(name: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``check --lang`` prints for the broken file ``name``, its folder left out."""
    path = BROKEN / f"{name}.scenario.toml"
    status = main(["check", str(path), "--lang", lang])
    out = capsys.readouterr().out.replace(str(path), path.name)
    return f"{out}exit status {status}\n"


def written_reports(lang: str) -> dict[str, str]:
    """The reports of tests/broken_scenarios/reports.<lang>.txt by file (``== name ==`` heads)."""
    parts = re.split(r"^== (\S+) ==\n", REPORTS[lang].read_text("utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


class TestEveryMessageOfABrokenFileInEachLanguage:
    @pytest.mark.parametrize("lang", REPORTS)
    def test_every_broken_file_has_its_report_in_each_language(self, lang: str) -> None:
        assert sorted(written_reports(lang)) == BROKEN_FILES

    @pytest.mark.parametrize("lang", REPORTS)
    @pytest.mark.parametrize("name", BROKEN_FILES)
    def test_the_report_is_the_one_written(
        self, name: str, lang: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        found = broken_report(name, lang, capsys)
        assert found.rstrip("\n") == written_reports(lang)[name].rstrip("\n"), (
            f"{REPORTS[lang].name}, == {name} ==, now reads:\n{found}"
        )

    @pytest.mark.parametrize("name", BROKEN_FILES)
    def test_the_chinese_reports_differ_only_in_script(
        self, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        hans = broken_report(name, "zh-Hans", capsys)
        hant = broken_report(name, "zh-Hant", capsys)
        english = broken_report(name, "en", capsys)
        assert hans.count("\n") == hant.count("\n") == english.count("\n")
        assert hans != hant
        assert has_han(hans)

    def test_an_unknown_language_is_refused(self) -> None:
        error = ScenarioError("a.toml: x is odd", source="a.toml", key="x")
        with pytest.raises(InvalidInputError, match="lang must be one of"):
            scenarios.scenario_error_text(error, "fr")  # type: ignore[arg-type]


class TestPytestPluginLanguage:
    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            ((), ["FAIL cases/wrong.scenario.toml: *", "  expect.due: expected 2024-03-01, *"]),
            (
                ("--custpolicy-lang", "zh-Hant"),
                ["未通過 cases/wrong.scenario.toml：*", "  expect.due：預期2024-03-01，實際為*"],
            ),
        ],
    )
    def test_the_failure_report_is_in_the_language_chosen(
        self, pytester: pytest.Pytester, options: tuple[str, ...], expected: list[str]
    ) -> None:
        source = FIXTURES / "wrong-due-date.scenario.toml"
        _write(pytester.path, "cases/wrong.scenario.toml", source.read_text("utf-8"))
        result = pytester.runpytest_inprocess("-p", "no:cacheprovider", *options, "cases")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(expected)

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            (
                "zh-Hant",
                [
                    "cases/many.scenario.toml：共4個問題：",
                    "  第3行：titel不是已知的鍵（是否應為「title」？）*",
                ],
            ),
            (
                "zh-CN",
                [
                    "cases/many.scenario.toml：共4个问题：",
                    "  第3行：titel不是已知的键（是否应为「title」？）*",
                ],
            ),
        ],
    )
    def test_a_malformed_file_is_reported_in_chinese(
        self, pytester: pytest.Pytester, lang: str, expected: list[str]
    ) -> None:
        source = BROKEN / "many-problems.scenario.toml"
        _write(pytester.path, "cases/many.scenario.toml", source.read_text("utf-8"))
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "--custpolicy-lang", lang, "cases"
        )
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(expected)

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            ("en", "cases/bad.scenario.toml: cannot be read: not UTF-8 text"),
            ("zh-Hant", "cases/bad.scenario.toml：無法讀取：不是UTF-8文字"),
            ("zh-Hans", "cases/bad.scenario.toml：无法读取：不是UTF-8文字"),
        ],
    )
    def test_a_file_that_is_not_utf8_is_reported_in_each_language(
        self, pytester: pytest.Pytester, lang: str, expected: str
    ) -> None:
        folder = pytester.path / "cases"
        folder.mkdir()
        (folder / "bad.scenario.toml").write_bytes((BROKEN / "not-utf8.scenario.toml").read_bytes())
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "--custpolicy-lang", lang, "cases"
        )
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([expected])

    def test_a_refusal_the_scenario_did_not_expect_in_simplified_chinese(
        self, pytester: pytest.Pytester
    ) -> None:
        source = BROKEN / "refused-unexpectedly.scenario.toml"
        _write(pytester.path, "cases/refused.scenario.toml", source.read_text("utf-8"))
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "--custpolicy-lang", "zh-Hans", "cases"
        )
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "未通过 cases/refused.scenario.toml：*",
                "  result：预期得出结果，实际为InvalidInputError: case number '2603AA' *",
                "    规则拒绝此案例：InvalidInputError: *",
            ]
        )

    def test_a_language_pytest_does_not_know_is_refused(self, pytester: pytest.Pytester) -> None:
        result = pytester.runpytest_inprocess("--custpolicy-lang", "fr")
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*--custpolicy-lang: invalid choice: 'fr'*"])


class TestEachFamilyDeclaresItsScenarioRulesBesideItsRules:
    """RULES is the adapters of the families of custpolicy.rules.FAMILIES (docs/architecture.md)."""

    @staticmethod
    def adapter_rules(family: str) -> tuple[scenarios.ScenarioRule, ...]:
        rules: tuple[scenarios.ScenarioRule, ...] = importlib.import_module(
            f"custpolicy.rules.{family}.scenario"
        ).RULES
        return rules

    def test_the_registry_is_every_familys_adapter_in_order_each_name_once(self) -> None:
        declared = [rule for family in FAMILIES for rule in self.adapter_rules(family)]
        assert list(RULES.values()) == declared

    def test_every_rule_family_package_is_listed(self) -> None:
        packages = {m.name for m in pkgutil.iter_modules(custpolicy.rules.__path__) if m.ispkg}
        assert sorted(FAMILIES) == sorted(packages)

    @pytest.mark.parametrize(
        ("family", "modules"),
        [
            ("leads", {"leads", "fairsplit"}),
            ("customers", {"customers"}),
            ("billing", {"billing"}),
            ("losses", {"losses"}),
            ("penalties", {"penalties"}),
            ("complaints", {"complaints", "returns"}),
        ],
    )
    def test_an_adapter_declares_only_its_own_familys_rules(
        self, family: str, modules: set[str]
    ) -> None:
        names = {rule.name.split(".")[0] for rule in self.adapter_rules(family)}
        assert names == modules
