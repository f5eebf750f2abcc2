"""Policy parameters, PolicyDiff and PolicyBook versions by effective date (M-1.9)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import (
    CNY,
    CustPolicyError,
    InForce,
    InvalidInputError,
    Money,
    ParameterNotSetError,
    Policy,
    PolicyBook,
    PolicyDiff,
    PolicyNotInForceError,
    PolicyVersion,
)
from custpolicy.foundation.clauses import CLAUSES, M_1_9, Clause
from custpolicy.foundation.money import USD
from custpolicy.foundation.policy import _PARAMETER_NAMES_ZH, BillingPolicy, ParameterChange

D = date
POLICY = Policy()


def cny(amount: int | str) -> Money:
    return Money(amount, CNY)


# -- defaults -----------------------------------------------------------------------------------

# docs/catalogue.md, "Defaults" of each clause
CATALOGUE_DEFAULTS: list[tuple[str, object]] = [
    ("general.currency", CNY),
    ("general.roll_to_working_day", False),
    ("general.monthly_due_day", 10),
    ("general.monthly_due_day_on_time", True),
    ("leads.extras_to_fewest_so_far", True),
    ("leads.balance_grades", True),
    ("leads.duplicate_key", "phone"),
    ("leads.split_known_customers", True),
    ("billing.reading_window", (20, 25)),
    ("billing.residential_reading_window", None),
    ("billing.payment_days", 7),
    ("billing.notice_to_arrears_days", 3),
    ("billing.arrears_to_cutoff_days", 3),
    ("billing.escalate_on_last_day", False),
    ("billing.collection_target", Decimal("0.95")),
    ("billing.collection_basis", "amount"),
    ("billing.prompt_payment_days", 3),
    ("penalties.resale_months", 1),
    ("penalties.warning_minimum", Money(400, "CNY")),
    ("penalties.minor_demerit_minimum", Money(800, "CNY")),
    ("penalties.monthly_cap_ratio", Decimal("0.5")),
    ("penalties.fines_count_against_cap", False),
    ("complaints.serial_width", 2),
    ("complaints.close_days_domestic", 13),
    ("complaints.close_days_foreign", 17),
    ("complaints.close_in_calendar_days", True),
    ("complaints.qa_report_days", 3),
    ("complaints.opinion_days", 1),
    ("returns.above_tolerance", "refuse"),
    ("customers.added_file_fields", ()),
    ("customers.registration_working_days", 5),
    ("customers.change_report_working_days", 5),
    ("customers.key_categories", ("key", "potential")),
    ("customers.key_customer_min_contacts", 2),
    ("customers.new_customer_months", 12),
    ("customers.restricted_expense_kinds", None),
    ("customers.registration_judged_on", "decided"),
    ("customers.reminder_threshold", 2),
]

REQUIRED: dict[str, str] = {
    "billing.reading_rate_standard": "B-2.1",
    "penalties.sanction_table": "P-3",
    "complaints.sales_manager_limit": "C-11",
    "complaints.vice_gm_limit": "C-11",
    "complaints.step_limit_days": "C-10.2",
    "returns.default_over_acceptance_ratio": "R-2.1",
    "customers.visit_interval_days": "M-1.7",
}

ASSUMPTIONS = {
    "general.roll_to_working_day",
    "general.monthly_due_day_on_time",
    "leads.extras_to_fewest_so_far",
    "leads.balance_grades",
    "leads.duplicate_key",
    "leads.split_known_customers",
    "billing.residential_reading_window",
    "billing.arrears_to_cutoff_days",
    "billing.escalate_on_last_day",
    "billing.collection_basis",
    "penalties.fines_count_against_cap",
    "complaints.serial_width",
    "complaints.close_in_calendar_days",
    "returns.above_tolerance",
    "customers.added_file_fields",
    "customers.key_categories",
    "customers.new_customer_months",
    "customers.restricted_expense_kinds",
    "customers.registration_judged_on",
    "customers.reminder_threshold",
}


class TestDefaults:
    @pytest.mark.parametrize(("path", "expected"), CATALOGUE_DEFAULTS)
    def test_defaults_equal_the_catalogue(self, path: str, expected: object) -> None:
        value = POLICY.get(path)
        assert value == expected
        assert type(value) is type(expected)

    def test_every_parameter_has_a_catalogue_default_or_is_required(self) -> None:
        listed = {path for path, _ in CATALOGUE_DEFAULTS} | set(REQUIRED)
        assert {p.path for p in POLICY.parameters()} == listed
        assert len(CATALOGUE_DEFAULTS) + len(REQUIRED) == len(POLICY.parameters())

    def test_attributes_and_get_agree(self) -> None:
        assert POLICY.billing.payment_days == POLICY.get("billing.payment_days") == 7
        assert POLICY.penalties.warning_minimum == POLICY.get("penalties.warning_minimum")

    def test_two_default_policies_are_equal(self) -> None:
        assert Policy() == POLICY
        assert hash(Policy()) == hash(POLICY)


class TestRequiredParameters:
    @pytest.mark.parametrize("path", sorted(REQUIRED))
    def test_a_required_parameter_starts_unset(self, path: str) -> None:
        assert POLICY.get(path) is None

    @pytest.mark.parametrize(("path", "clause_id"), sorted(REQUIRED.items()))
    def test_require_names_the_unset_parameter(self, path: str, clause_id: str) -> None:
        with pytest.raises(
            ParameterNotSetError,
            match=re.escape(
                f"policy parameter {path} is not set: {clause_id} has no default in the source, "
                f"so the company must set it, e.g. policy.updated({{{path!r}: ...}})"
            ),
        ) as caught:
            POLICY.require(path)
        assert caught.value.parameter == path

    def test_the_error_is_a_lookup_error(self) -> None:
        with pytest.raises(LookupError):
            POLICY.require("complaints.vice_gm_limit")
        assert issubclass(ParameterNotSetError, CustPolicyError)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            ("billing.reading_rate_standard", Decimal("0.98")),
            ("complaints.vice_gm_limit", cny(5000)),
            ("returns.default_over_acceptance_ratio", Decimal("0.05")),
            ("customers.visit_interval_days", (("key", 30),)),
        ],
    )
    def test_require_returns_a_set_value(self, path: str, value: object) -> None:
        assert POLICY.updated({path: value}).require(path) == value

    def test_require_returns_a_parameter_with_a_default(self) -> None:
        assert POLICY.require("billing.payment_days") == 7

    def test_require_refuses_an_unknown_path(self) -> None:
        with pytest.raises(InvalidInputError, match=r"got 'billing.nothing' \[Policy.require\]$"):
            POLICY.require("billing.nothing")

    def test_the_required_flags_are_exactly_the_unset_parameters(self) -> None:
        assert {p.path for p in POLICY.parameters() if p.required} == set(REQUIRED)


class TestParameters:
    PARAMETERS = POLICY.parameters()

    @pytest.mark.parametrize("parameter", PARAMETERS, ids=lambda p: p.path)
    def test_every_parameter_cites_a_known_clause_and_has_a_doc(self, parameter: Any) -> None:
        assert parameter.clauses
        for cited in parameter.clauses:
            assert isinstance(cited, Clause)
            assert CLAUSES[cited.id] is cited
        assert isinstance(parameter.doc, str)
        assert len(parameter.doc) > 10

    @pytest.mark.parametrize("parameter", PARAMETERS, ids=lambda p: p.path)
    def test_the_value_is_the_policy_value(self, parameter: Any) -> None:
        assert parameter.value == POLICY.get(parameter.path)

    def test_the_assumption_flags_are_exactly_the_expected_set(self) -> None:
        assert {p.path for p in self.PARAMETERS if p.assumption} == ASSUMPTIONS

    def test_paths_are_unique_and_in_declaration_order(self) -> None:
        paths = [p.path for p in self.PARAMETERS]
        assert len(paths) == len(set(paths))
        assert paths[:4] == [
            "general.currency",
            "general.roll_to_working_day",
            "general.monthly_due_day",
            "general.monthly_due_day_on_time",
        ]
        assert paths[-1] == "customers.reminder_threshold"

    def test_clauses_follow_the_field_metadata(self) -> None:
        by_path = {p.path: p for p in self.PARAMETERS}
        assert [c.id for c in by_path["general.roll_to_working_day"].clauses] == [
            "B-6",
            "B-8",
            "C-9.3",
            "C-9.6",
            "C-10",
        ]
        assert [c.id for c in by_path["billing.payment_days"].clauses] == ["B-6"]


class TestGet:
    @pytest.mark.parametrize(
        "path",
        [
            "billing",
            "billing.payday",
            "billing.payment_days.x",
            "nope.payment_days",
            "",
            "Billing.payment_days",
            3,
            None,
        ],
    )
    def test_a_path_that_names_no_parameter_is_refused(self, path: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^path must name a policy parameter such as 'billing.payment_days', got "
            rf"{re.escape(repr(path))} \[Policy.get\]$",
        ):
            POLICY.get(path)  # type: ignore[arg-type]


# -- updated ------------------------------------------------------------------------------------

# (path, bad value, the expected message after the attribute name)
BAD_UPDATES: list[tuple[str, object, str]] = [
    (
        "billing.collection_target",
        0.95,
        (
            "collection_target must be a Decimal from 0 to 1, got 0.95: floats are inexact, use "
            "Decimal or str [B-2.2]"
        ),
    ),
    (
        "returns.default_over_acceptance_ratio",
        0.1,
        (
            "default_over_acceptance_ratio must be a Decimal of at least 0, got 0.1: floats are "
            "inexact, use Decimal or str [R-2.1]"
        ),
    ),
    ("billing.payment_days", 0, "payment_days must be a positive int, got 0 [B-6]"),
    ("billing.payment_days", -7, "payment_days must be a positive int, got -7 [B-6]"),
    ("billing.payment_days", 7.0, "payment_days must be a positive int, got 7.0 [B-6]"),
    ("billing.payment_days", True, "payment_days must be a positive int, got True [B-6]"),
    ("billing.payment_days", "7", "payment_days must be a positive int, got '7' [B-6]"),
    ("complaints.opinion_days", 0, "opinion_days must be a positive int, got 0 [C-9.6]"),
    (
        "penalties.monthly_cap_ratio",
        Decimal("1.01"),
        "monthly_cap_ratio must be a Decimal from 0 to 1, got Decimal('1.01') [P-E3.4]",
    ),
    (
        "penalties.monthly_cap_ratio",
        "1.5",
        "monthly_cap_ratio must be a Decimal from 0 to 1, got Decimal('1.5') [P-E3.4]",
    ),
    (
        "penalties.fines_count_against_cap",
        1,
        "fines_count_against_cap must be True or False, got 1 [P-E3.4/P-5.1/P-5.2]",
    ),
    (
        "penalties.monthly_cap_ratio",
        Decimal("-0.1"),
        "monthly_cap_ratio must be a Decimal from 0 to 1, got Decimal('-0.1') [P-E3.4]",
    ),
    (
        "billing.reading_rate_standard",
        "ninety",
        "reading_rate_standard must be a Decimal from 0 to 1, got 'ninety' [B-2.1]",
    ),
    (
        "billing.reading_rate_standard",
        "NaN",
        "reading_rate_standard must be a Decimal from 0 to 1, got Decimal('NaN') [B-2.1]",
    ),
    (
        "billing.collection_target",
        True,
        "collection_target must be a Decimal from 0 to 1, got True [B-2.2]",
    ),
    (
        "returns.default_over_acceptance_ratio",
        Decimal("-0.01"),
        (
            "default_over_acceptance_ratio must be a Decimal of at least 0, got Decimal('-0.01') "
            "[R-2.1]"
        ),
    ),
    (
        "general.monthly_due_day",
        32,
        "monthly_due_day must be a day of the month from 1 to 31, got 32 [P-2/C-9.10]",
    ),
    (
        "general.monthly_due_day",
        0,
        "monthly_due_day must be a day of the month from 1 to 31, got 0 [P-2/C-9.10]",
    ),
    (
        "general.roll_to_working_day",
        1,
        "roll_to_working_day must be True or False, got 1 [B-6/B-8/C-9.3/C-9.6/C-10]",
    ),
    (
        "billing.collection_basis",
        "rate",
        "collection_basis must be one of ('amount', 'count'), got 'rate' [B-2.2]",
    ),
    (
        "billing.reading_window",
        (25, 20),
        (
            "reading_window must be a (first, last) pair of days of the month with 1 <= first <= "
            "last <= 31, got (25, 20) [B-4]"
        ),
    ),
    ("billing.reading_window", (0, 5), "reading_window must be a (first, last) pair"),
    ("billing.reading_window", (20,), "reading_window must be a (first, last) pair"),
    ("billing.reading_window", ("20", "25"), "reading_window must be a (first, last) pair"),
    ("billing.reading_window", None, "reading_window must be a (first, last) pair"),
    ("billing.reading_window", 20, "reading_window must be a (first, last) pair"),
    (
        "billing.residential_reading_window",
        [1, 40],
        (
            "residential_reading_window must be a (first, last) pair of days of the month with "
            "1 <= first <= last <= 31, got (1, 40) [B-4]"
        ),
    ),
    (
        "customers.key_categories",
        {"vip"},
        (
            "key_categories must be a non-empty set of categories from ('target', 'general', "
            "'key', 'potential'), got ('vip',) [M-1.6.3]"
        ),
    ),
    ("customers.key_categories", set(), "key_categories must be a non-empty set"),
    ("customers.key_categories", [["key"]], "key_categories must be a non-empty set"),
    ("customers.key_categories", "key", "key_categories must be a non-empty set"),
    (
        "customers.visit_interval_days",
        {"vip": 30},
        (
            "visit_interval_days must map categories from ('target', 'general', 'key', "
            "'potential') to a positive number of days, got (('vip', 30),) [M-1.7]"
        ),
    ),
    ("customers.visit_interval_days", {"key": 0}, "visit_interval_days must map categories"),
    ("customers.visit_interval_days", {"key": 30.0}, "visit_interval_days must map categories"),
    (
        "customers.visit_interval_days",
        (("key", 30), ("key", 60)),
        "visit_interval_days must map categories",
    ),
    ("customers.visit_interval_days", "key", "visit_interval_days must map categories"),
    (
        "customers.restricted_expense_kinds",
        "gift",
        (
            "restricted_expense_kinds must be None (every kind) or a non-empty set of non-empty "
            "str, got 'gift' [M-1.8.1]"
        ),
    ),
    ("customers.restricted_expense_kinds", {1}, "restricted_expense_kinds must be None"),
    ("customers.restricted_expense_kinds", [["x"]], "restricted_expense_kinds must be None"),
    ("customers.restricted_expense_kinds", {" "}, "restricted_expense_kinds must be None"),
    ("customers.restricted_expense_kinds", set(), "restricted_expense_kinds must be None"),
    (
        "customers.registration_judged_on",
        "paid",
        "registration_judged_on must be one of ('decided', 'incurred'), got 'paid' [M-1.8.1]",
    ),
    ("customers.new_customer_months", 0, "new_customer_months must be a positive int"),
    ("customers.new_customer_months", 12.0, "new_customer_months must be a positive int"),
    (
        "customers.added_file_fields",
        ["tax_number", "name"],
        (
            "added_file_fields must be a list of distinct field names (non-empty str without "
            "surrounding spaces) other than the seven fields ('name', 'category', "
            "'enterprise_nature', 'supervising_unit', 'address', 'contact_person', 'phone'), "
            "got ('tax_number', 'name') [M-1.3]"
        ),
    ),
    ("customers.added_file_fields", ["tax", "tax"], "added_file_fields must be a list of"),
    ("customers.added_file_fields", [" tax"], "added_file_fields must be a list of"),
    ("customers.added_file_fields", [""], "added_file_fields must be a list of"),
    ("customers.added_file_fields", [1], "added_file_fields must be a list of"),
    ("customers.added_file_fields", "tax", "added_file_fields must be a list of"),
    (
        "penalties.warning_minimum",
        Money("-1", "CNY"),
        "warning_minimum must be a non-negative Money, got Money('-1.00', 'CNY') [P-5.1]",
    ),
    (
        "penalties.warning_minimum",
        400.0,
        (
            'warning_minimum must be an amount as text, such as "5000.00" or "5000.00 CNY", got '
            "400.0: floats are inexact, write the number in quotes [P-5.1]"
        ),
    ),
    (
        "complaints.vice_gm_limit",
        "abc",
        (
            'vice_gm_limit must be an amount as text, such as "5000.00" or "5000.00 CNY", got '
            "'abc' [C-11]"
        ),
    ),
    (
        "general.currency",
        "XYZ",
        "currency must be a Currency or the code of a known one, such as 'CNY', got 'XYZ' [P-E3.3]",
    ),
    ("complaints.vice_gm_limit", "-5000", "vice_gm_limit must be a non-negative Money, got"),
    (
        "complaints.sales_manager_limit",
        Money(100, USD),
        (
            "complaints.sales_manager_limit must be in the policy currency CNY, got "
            "Money('100.00', 'USD') [C-11]"
        ),
    ),
    (
        "penalties.minor_demerit_minimum",
        Money(800, USD),
        "penalties.minor_demerit_minimum must be in the policy currency CNY",
    ),
]


class TestUpdated:
    def test_changes_the_value(self) -> None:
        revised = POLICY.updated({"billing.payment_days": 10})
        assert revised.billing.payment_days == 10
        assert revised.get("billing.payment_days") == 10

    def test_does_not_mutate_the_original(self) -> None:
        before = attrs.asdict(POLICY, recurse=True)
        POLICY.updated({"billing.payment_days": 10, "complaints.vice_gm_limit": cny(5000)})
        assert POLICY.billing.payment_days == 7
        assert attrs.asdict(POLICY, recurse=True) == before
        assert Policy() == POLICY

    def test_changes_several_groups_at_once_and_leaves_the_rest(self) -> None:
        revised = POLICY.updated(
            {
                "billing.payment_days": 10,
                "billing.notice_to_arrears_days": 5,
                "penalties.monthly_cap_ratio": Decimal("0.3"),
            }
        )
        assert (revised.billing.payment_days, revised.billing.notice_to_arrears_days) == (10, 5)
        assert revised.penalties.monthly_cap_ratio == Decimal("0.3")
        assert revised.complaints is POLICY.complaints  # untouched groups are shared
        assert {c.path for c in POLICY.diff(revised)} == {
            "billing.payment_days",
            "billing.notice_to_arrears_days",
            "penalties.monthly_cap_ratio",
        }

    def test_no_changes_gives_an_equal_policy(self) -> None:
        assert POLICY.updated({}) == POLICY

    @pytest.mark.parametrize(
        ("path", "given", "expected"),
        [
            ("billing.collection_target", "0.9", Decimal("0.9")),
            ("penalties.monthly_cap_ratio", "0.30", Decimal("0.30")),
            ("penalties.monthly_cap_ratio", 1, Decimal(1)),
            ("penalties.monthly_cap_ratio", 0, Decimal(0)),
            ("billing.reading_rate_standard", " 0.98 ", Decimal("0.98")),
            ("returns.default_over_acceptance_ratio", "1.5", Decimal("1.5")),
        ],
    )
    def test_accepts_strings_and_ints_for_decimal_ratios(
        self, path: str, given: object, expected: Decimal
    ) -> None:
        value = POLICY.updated({path: given}).get(path)
        assert isinstance(value, Decimal)
        assert value == expected

    @pytest.mark.parametrize(
        ("path", "given", "expected"),
        [
            ("billing.reading_window", [18, 22], (18, 22)),
            ("billing.residential_reading_window", (1, 5), (1, 5)),
            ("customers.key_categories", ["key", "target"], ("target", "key")),
            (
                "customers.key_categories",
                {"potential", "key", "general"},
                ("general", "key", "potential"),
            ),
            ("customers.key_categories", ("key", "key"), ("key",)),
            ("customers.restricted_expense_kinds", {"gift"}, frozenset({"gift"})),
            ("customers.restricted_expense_kinds", ["gift", "禮品"], frozenset({"gift", "禮品"})),
            ("customers.added_file_fields", ["tax_number", "開戶銀行"], ("tax_number", "開戶銀行")),
            (
                "customers.visit_interval_days",
                {"key": 30, "general": 90},
                (("general", 90), ("key", 30)),
            ),
            (
                "customers.visit_interval_days",
                (("key", 30), ("general", 90)),
                (("general", 90), ("key", 30)),
            ),
        ],
    )
    def test_collections_are_normalised(self, path: str, given: object, expected: object) -> None:
        assert POLICY.updated({path: given}).get(path) == expected

    @pytest.mark.parametrize(("path", "value", "message"), BAD_UPDATES)
    def test_the_new_value_is_validated_again(self, path: str, value: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=f"^{re.escape(message)}"):
            POLICY.updated({path: value})

    def test_a_sales_manager_limit_above_the_vice_gm_limit_is_refused(self) -> None:
        message = re.escape(
            "complaints.sales_manager_limit must not exceed complaints.vice_gm_limit, got "
            "CNY 5,000.00 > CNY 1,000.00 [C-11]"
        )
        with pytest.raises(InvalidInputError, match=f"^{message}$"):
            POLICY.updated(
                {"complaints.sales_manager_limit": cny(5000), "complaints.vice_gm_limit": cny(1000)}
            )
        limited = POLICY.updated({"complaints.vice_gm_limit": cny(1000)})
        with pytest.raises(InvalidInputError, match=f"^{message}$"):
            limited.updated({"complaints.sales_manager_limit": cny(5000)})

    @pytest.mark.parametrize(("sales", "vice"), [(1000, 1000), (999, 1000), (0, 0)])
    def test_a_sales_manager_limit_up_to_the_vice_gm_limit_is_accepted(
        self, sales: int, vice: int
    ) -> None:
        revised = POLICY.updated(
            {"complaints.sales_manager_limit": cny(sales), "complaints.vice_gm_limit": cny(vice)}
        )
        assert revised.require("complaints.sales_manager_limit") == cny(sales)

    def test_one_limit_alone_is_accepted(self) -> None:
        high = POLICY.updated({"complaints.sales_manager_limit": cny(10**9)})
        assert high.require("complaints.sales_manager_limit") == cny(10**9)
        assert high.complaints.vice_gm_limit is None
        low = POLICY.updated({"complaints.vice_gm_limit": cny(0)})
        assert low.require("complaints.vice_gm_limit") == cny(0)
        assert low.complaints.sales_manager_limit is None

    def test_a_currency_change_must_come_with_amounts_in_that_currency(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^penalties.warning_minimum must be in the policy currency USD, got "
            r"Money\('400.00', 'CNY'\) \[P-5.1\]$",
        ):
            POLICY.updated({"general.currency": USD})
        dollars = POLICY.updated(
            {
                "general.currency": USD,
                "penalties.warning_minimum": Money(60, USD),
                "penalties.minor_demerit_minimum": Money(120, USD),
                "complaints.vice_gm_limit": Money(800, USD),
            }
        )
        assert dollars.general.currency == USD
        assert dollars.require("complaints.vice_gm_limit") == Money(800, USD)

    @pytest.mark.parametrize(
        "path",
        ["billing.payday", "billing", "payment_days", "nope.payment_days", "a.b.c", 3, ("b", "p")],
    )
    def test_an_unknown_path_is_refused(self, path: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^path must name a policy parameter such as 'billing.payment_days', got "
            rf"{re.escape(repr(path))} \[Policy.updated\]$",
        ):
            POLICY.updated({path: 10})  # type: ignore[dict-item]

    @pytest.mark.parametrize("changes", [[("billing.payment_days", 10)], None, "billing"])
    def test_changes_must_be_a_mapping(self, changes: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^changes must be a mapping of parameter paths to values, got "
            rf"{re.escape(repr(changes))} \[Policy.updated\]$",
        ):
            POLICY.updated(changes)  # type: ignore[arg-type]

    def test_a_read_only_mapping_is_accepted(self) -> None:
        from types import MappingProxyType

        changes: Mapping[str, Any] = MappingProxyType({"billing.payment_days": 9})
        assert POLICY.updated(changes).billing.payment_days == 9

    def test_a_failed_update_leaves_the_policy_unchanged(self) -> None:
        with pytest.raises(InvalidInputError):
            POLICY.updated({"billing.payment_days": 10, "billing.prompt_payment_days": 0})
        assert Policy() == POLICY


class TestConstruction:
    @pytest.mark.parametrize(
        ("field", "value", "kind"),
        [
            ("billing", 3, "BillingPolicy"),
            ("general", None, "GeneralPolicy"),
            ("customers", Policy().billing, "CustomerPolicy"),
        ],
    )
    def test_a_group_must_be_of_its_kind(self, field: str, value: object, kind: str) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^{field} must be a {kind}, got {re.escape(repr(value))} \[Policy\]$",
        ):
            Policy(**{field: value})  # type: ignore[arg-type]

    def test_a_group_is_validated_on_its_own(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^payment_days must be a positive int"):
            BillingPolicy(payment_days=0)

    def test_a_group_can_be_passed_in(self) -> None:
        billing = BillingPolicy(payment_days=14)
        assert Policy(billing=billing).billing.payment_days == 14


# -- diff ---------------------------------------------------------------------------------------

REVISED = POLICY.updated(
    {
        "billing.payment_days": 10,
        "billing.reading_rate_standard": Decimal("0.98"),
        "general.roll_to_working_day": True,
        "penalties.warning_minimum": cny(500),
        "customers.key_categories": {"key", "target"},
    }
)


class TestDiff:
    def test_lists_exactly_the_changed_paths_in_declaration_order(self) -> None:
        diff = POLICY.diff(REVISED)
        assert isinstance(diff, PolicyDiff)
        assert [c.path for c in diff] == [
            "general.roll_to_working_day",
            "billing.payment_days",
            "billing.reading_rate_standard",
            "penalties.warning_minimum",
            "customers.key_categories",
        ]
        assert len(diff) == 5

    def test_each_change_has_before_after_and_clauses(self) -> None:
        changes = {c.path: c for c in POLICY.diff(REVISED).changes}
        assert changes["billing.payment_days"] == ParameterChange(
            path="billing.payment_days", before=7, after=10, clauses=(CLAUSES["B-6"],)
        )
        reading = changes["billing.reading_rate_standard"]
        assert (reading.before, reading.after) == (None, Decimal("0.98"))
        assert reading.clauses == (CLAUSES["B-2.1"],)
        roll = changes["general.roll_to_working_day"]
        assert [c.id for c in roll.clauses] == ["B-6", "B-8", "C-9.3", "C-9.6", "C-10"]

    def test_the_reverse_diff_swaps_before_and_after(self) -> None:
        forward, backward = POLICY.diff(REVISED), REVISED.diff(POLICY)
        assert [(c.path, c.after, c.before) for c in backward] == [
            (c.path, c.before, c.after) for c in forward
        ]

    def test_an_identical_policy_gives_an_empty_diff(self) -> None:
        diff = POLICY.diff(Policy())
        assert diff.changes == ()
        assert len(diff) == 0
        assert list(diff) == []
        assert diff.clauses == ()
        assert diff.explain() == "no parameter changed"
        assert diff.explain("zh-Hant") == "參數均無變更"

    def test_an_equal_decimal_written_differently_is_no_change(self) -> None:
        same = POLICY.updated({"billing.collection_target": "0.950"})
        assert len(POLICY.diff(same)) == 0

    def test_the_explanation_in_english(self) -> None:
        assert POLICY.diff(REVISED).explain().splitlines() == [
            (
                "B-6 general.roll_to_working_day changed from no to yes"
                " (also applies to B-8, C-9.3, C-9.6, C-10)"
            ),
            "B-6 billing.payment_days changed from 7 to 10",
            "B-2.1 billing.reading_rate_standard changed from (unset) to 0.98",
            "P-5.1 penalties.warning_minimum changed from CNY 400.00 to CNY 500.00",
            "M-1.6.3 customers.key_categories changed from key, potential to target, key",
        ]

    def test_the_explanation_in_traditional_chinese(self) -> None:
        assert POLICY.diff(REVISED).explain("zh-Hant").splitlines() == [
            "B-6 期限遇休息日是否順延由否改為是（亦適用於B-8、C-9.3、C-9.6、C-10）",
            "B-6 繳費期限天數由7改為10",
            "B-2.1 抄收率標準由（未設定）改為0.98",
            "P-5.1 警告每次最低罰扣金額由CN¥400.00改為CN¥500.00",
            "M-1.6.3 須由多人聯絡的客戶類別由重點客戶、潛在客戶改為目標客戶、重點客戶",
        ]

    @pytest.mark.parametrize("lang", ["en", "zh-Hant"])
    def test_each_line_starts_with_the_first_clause_id(self, lang: Any) -> None:
        diff = POLICY.diff(REVISED)
        lines = diff.explain(lang).splitlines()
        assert len(lines) == len(diff)
        for change, line in zip(diff, lines, strict=True):
            name = change.path if lang == "en" else _PARAMETER_NAMES_ZH[change.path]
            assert line.startswith(f"{change.clauses[0].id} {name}")

    def test_every_parameter_has_a_chinese_name(self) -> None:
        assert set(_PARAMETER_NAMES_ZH) == {p.path for p in POLICY.parameters()}

    def test_the_diff_cites_the_clauses_of_the_changes(self) -> None:
        assert [c.id for c in POLICY.diff(REVISED).clauses] == ["B-6", "B-2.1", "P-5.1", "M-1.6.3"]

    def test_an_unset_after_value_is_explained(self) -> None:
        assert REVISED.diff(POLICY).explain().splitlines()[2] == (
            "B-2.1 billing.reading_rate_standard changed from 0.98 to (unset)"
        )

    @pytest.mark.parametrize("other", [None, {}, "policy", POLICY.billing])
    def test_other_must_be_a_policy(self, other: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^other must be a Policy, got {re.escape(repr(other))} \[Policy.diff\]$",
        ):
            POLICY.diff(other)  # type: ignore[arg-type]

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"lang must be one of .*got 'fr'"):
            POLICY.diff(REVISED).explain("fr")  # type: ignore[arg-type]


# -- PolicyBook ---------------------------------------------------------------------------------

V2025 = PolicyVersion(D(2025, 7, 1), POLICY, label="2025 edition")
V2026 = PolicyVersion(D(2026, 7, 1), REVISED, label="2026 edition")
BOOK = PolicyBook([V2026, V2025])


class TestPolicyVersion:
    def test_the_name_is_the_label(self) -> None:
        assert V2025.name == "2025 edition"

    def test_without_a_label_the_name_is_the_effective_date(self) -> None:
        assert PolicyVersion(D(2025, 7, 1), POLICY).name == "version of 2025-07-01"

    @pytest.mark.parametrize("effective", [datetime(2025, 7, 1), "2025-07-01", None])
    def test_effective_must_be_a_date(self, effective: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^effective must be a datetime.date, got {re.escape(repr(effective))} "
            r"\[M-1.9\]$",
        ):
            PolicyVersion(effective, POLICY)

    def test_policy_must_be_a_policy(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^policy must be a Policy, got 'x' \[M-1.9 PolicyVersion\]$",
        ):
            PolicyVersion(D(2025, 7, 1), "x")  # type: ignore[arg-type]

    def test_label_must_be_a_str(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^label must be a str, got 3 \[M-1.9 PolicyVersion\]$"
        ):
            PolicyVersion(D(2025, 7, 1), POLICY, label=3)  # type: ignore[arg-type]


class TestPolicyBookConstruction:
    def test_from_a_mapping_of_dates_to_policies(self) -> None:
        book = PolicyBook({D(2026, 7, 1): REVISED, D(2025, 7, 1): POLICY})
        assert [v.effective for v in book.versions] == [D(2025, 7, 1), D(2026, 7, 1)]
        assert [v.policy for v in book.versions] == [POLICY, REVISED]
        assert [v.label for v in book.versions] == ["", ""]

    def test_from_versions_sorted_by_date(self) -> None:
        assert BOOK.versions == (V2025, V2026)
        assert PolicyBook((V2025, V2026)) == BOOK

    def test_duplicate_dates_are_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^versions must have distinct effective dates, got two effective 2025-07-01 "
            r"\[M-1.9\]$",
        ):
            PolicyBook([V2025, PolicyVersion(D(2025, 7, 1), REVISED)])

    @pytest.mark.parametrize("versions", [{}, [], ()])
    def test_an_empty_book_is_refused(self, versions: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^versions must hold at least one policy version, got \(\) \[M-1.9\]$",
        ):
            PolicyBook(versions)

    @pytest.mark.parametrize("versions", [[POLICY], [V2025, "v"], V2025, None, {V2025}])
    def test_values_that_are_not_versions_are_refused(self, versions: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^versions must be PolicyVersion values or a mapping of effective date to "
            r"Policy, got .* \[M-1.9\]$",
        ):
            PolicyBook(versions)

    def test_a_mapping_with_a_bad_key_or_value_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^effective must be a datetime.date"):
            PolicyBook({datetime(2025, 7, 1): POLICY})
        with pytest.raises(InvalidInputError, match=r"^policy must be a Policy, got 7"):
            PolicyBook({D(2025, 7, 1): 7})


class TestInForce:
    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            (D(2025, 7, 1), V2025),  # the effective day itself is in force
            (D(2025, 12, 31), V2025),
            (D(2026, 6, 30), V2025),
            (D(2026, 7, 1), V2026),
            (D(2040, 1, 1), V2026),
        ],
    )
    def test_picks_the_latest_version_on_or_before_the_date(
        self, as_of: date, expected: PolicyVersion
    ) -> None:
        in_force = BOOK.in_force(as_of)
        assert isinstance(in_force, InForce)
        assert in_force.version is expected
        assert in_force.policy is expected.policy
        assert in_force.as_of == as_of

    @pytest.mark.parametrize("as_of", [D(2025, 6, 30), D(1999, 1, 1)])
    def test_before_the_first_version_no_policy_is_in_force(self, as_of: date) -> None:
        with pytest.raises(
            PolicyNotInForceError,
            match=rf"^no policy version is in force on {as_of.isoformat()}: the first takes "
            r"effect on 2025-07-01 \[M-1.9\]$",
        ):
            BOOK.in_force(as_of)

    def test_not_in_force_is_a_lookup_error(self) -> None:
        with pytest.raises(LookupError):
            BOOK.in_force(D(2025, 6, 30))
        assert issubclass(PolicyNotInForceError, CustPolicyError)

    @pytest.mark.parametrize("as_of", [datetime(2026, 1, 1, 12), "2026-01-01", None])
    def test_as_of_must_be_a_date(self, as_of: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^as_of must be a datetime.date, got {re.escape(repr(as_of))} "
            r"\[M-1.9 PolicyBook.in_force\]$",
        ):
            BOOK.in_force(as_of)  # type: ignore[arg-type]

    def test_explains_itself_citing_m_1_9(self) -> None:
        in_force = BOOK.in_force(D(2026, 6, 30))
        assert in_force.clauses == (M_1_9,)
        assert in_force.explain() == (
            "M-1.9 2025 edition, effective 2025-07-01, is in force on 2026-06-30"
        )
        assert (
            in_force.explain("zh-Hant")
            == "M-1.9 2025 edition自2025年7月1日起生效，於2026年6月30日適用"
        )

    def test_an_unlabelled_version_is_named_in_each_language(self) -> None:
        in_force = PolicyBook({D(2025, 7, 1): POLICY}).in_force(D(2026, 1, 1))
        assert in_force.explain() == (
            "M-1.9 version of 2025-07-01, effective 2025-07-01, is in force on 2026-01-01"
        )
        assert in_force.explain("zh-Hant") == (
            "M-1.9 2025年7月1日版本自2025年7月1日起生效，於2026年1月1日適用"
        )


class TestBookDiff:
    def test_compares_the_versions_in_force_on_two_dates(self) -> None:
        diff = BOOK.diff(D(2025, 12, 31), D(2026, 12, 31))
        assert diff == POLICY.diff(REVISED)
        assert BOOK.diff(D(2026, 12, 31), D(2025, 12, 31)) == REVISED.diff(POLICY)

    def test_two_dates_under_one_version_give_an_empty_diff(self) -> None:
        assert len(BOOK.diff(D(2025, 7, 1), D(2026, 6, 30))) == 0

    def test_a_date_before_the_first_version_is_an_error(self) -> None:
        with pytest.raises(PolicyNotInForceError, match="in force on 2025-01-01"):
            BOOK.diff(D(2025, 1, 1), D(2026, 12, 31))


# -- properties ---------------------------------------------------------------------------------

amounts = st.integers(0, 10**8).map(lambda minor: Money.from_minor(minor, CNY))
ratios = st.decimals(0, 1, places=2)
CHANGEABLE: dict[str, st.SearchStrategy[Any]] = {
    "general.roll_to_working_day": st.booleans(),
    "general.monthly_due_day": st.integers(1, 31),
    "billing.reading_window": st.tuples(st.integers(1, 31), st.integers(1, 31)).map(
        lambda pair: tuple(sorted(pair))
    ),
    "billing.residential_reading_window": st.none()
    | st.tuples(st.integers(1, 31), st.integers(1, 31)).map(lambda pair: tuple(sorted(pair))),
    "billing.payment_days": st.integers(1, 30),
    "billing.collection_target": ratios,
    "billing.collection_basis": st.sampled_from(["amount", "count"]),
    "billing.reading_rate_standard": st.none() | ratios | ratios.map(str),
    "penalties.warning_minimum": amounts,
    "penalties.monthly_cap_ratio": ratios,
    "complaints.close_days_domestic": st.integers(1, 30),
    "complaints.vice_gm_limit": st.none() | amounts.map(lambda m: m + cny(10**6)),
    "complaints.sales_manager_limit": st.none() | amounts,
    "returns.default_over_acceptance_ratio": st.none() | st.decimals(0, 5, places=3),
    "customers.key_categories": st.frozensets(
        st.sampled_from(["target", "general", "key", "potential"]), min_size=1
    ).map(lambda codes: tuple(c for c in ("target", "general", "key", "potential") if c in codes)),
    "customers.new_customer_months": st.none() | st.integers(1, 36),
    "customers.restricted_expense_kinds": st.none()
    | st.frozensets(st.sampled_from(["gift", "travel", "禮品", "taxi"]), min_size=1),
    "customers.registration_judged_on": st.sampled_from(["decided", "incurred"]),
    "customers.added_file_fields": st.lists(
        st.sampled_from(["tax_number", "bank", "開戶銀行"]), unique=True
    ).map(tuple),
    "customers.visit_interval_days": st.none()
    | st.dictionaries(
        st.sampled_from(["target", "general", "key", "potential"]), st.integers(1, 9)
    ),
    "customers.reminder_threshold": st.integers(1, 5),
}
# sales_manager_limit <= CNY 1,000,000 <= vice_gm_limit, so every combination is valid
changes = st.fixed_dictionaries({}, optional=CHANGEABLE)
policies = changes.map(POLICY.updated)


class TestPolicyProperties:
    @given(changes)
    def test_updated_sets_exactly_the_given_paths(self, new: dict[str, Any]) -> None:
        revised = POLICY.updated(new)
        assert Policy() == POLICY
        for parameter in POLICY.parameters():
            if parameter.path not in new:
                assert revised.get(parameter.path) == parameter.value
        for path, value in new.items():
            got = revised.get(path)
            if path == "billing.reading_rate_standard" and isinstance(value, str):
                assert got == Decimal(value)
            elif isinstance(value, dict):
                assert dict(got) == value
            else:
                assert got == value

    @given(policies)
    def test_a_policy_has_no_diff_with_itself(self, policy: Policy) -> None:
        assert policy.diff(policy).changes == ()
        assert policy.diff(attrs.evolve(policy)).changes == ()

    @given(policies, policies)
    def test_diff_paths_are_where_get_differs(self, p: Policy, q: Policy) -> None:
        diff = p.diff(q)
        expected = [x.path for x in p.parameters() if p.get(x.path) != q.get(x.path)]
        assert [c.path for c in diff] == expected
        for change in diff:
            assert change.before == p.get(change.path)
            assert change.after == q.get(change.path)
        assert [c.path for c in q.diff(p)] == expected
        assert (len(diff) == 0) == (p == q)
        assert len(diff.explain().splitlines()) == max(len(diff), 1)


effective_dates = st.dates(D(2000, 1, 1), D(2040, 12, 31))


class TestPolicyBookProperties:
    @given(
        st.lists(effective_dates, min_size=1, max_size=8, unique=True),
        st.dates(D(1999, 1, 1), D(2041, 12, 31)),
    )
    def test_in_force_is_the_version_with_the_greatest_effective_date_on_or_before(
        self, dates: list[date], as_of: date
    ) -> None:
        versions = [
            PolicyVersion(d, POLICY.updated({"billing.payment_days": i + 1}), label=f"v{i}")
            for i, d in enumerate(dates)
        ]
        book = PolicyBook(versions)
        assert [v.effective for v in book.versions] == sorted(dates)
        eligible = [v for v in versions if v.effective <= as_of]
        if not eligible:
            with pytest.raises(PolicyNotInForceError):
                book.in_force(as_of)
        else:
            expected = max(eligible, key=lambda v: v.effective)
            found = book.in_force(as_of)
            assert found.version is expected
            assert found.policy.billing.payment_days == int(expected.label[1:]) + 1


class TestParameterLabel:
    def test_english_is_the_path_and_chinese_the_name(self) -> None:
        from custpolicy.foundation.policy import parameter_label

        assert parameter_label("billing.payment_days") == "billing.payment_days"
        assert parameter_label("billing.payment_days", "zh-Hant") == "繳費期限天數"

    @pytest.mark.parametrize("path", ["billing.no_such", "", None, 7])
    def test_an_unknown_path_is_refused_naming_it(self, path: object) -> None:
        from custpolicy.foundation.errors import UnknownKeyError
        from custpolicy.foundation.policy import parameter_label

        with pytest.raises(
            UnknownKeyError, match=r"path must name a policy parameter.*parameter_label"
        ):
            parameter_label(path, "zh-Hant")  # type: ignore[arg-type]

    def test_an_unknown_language_is_refused(self) -> None:
        from custpolicy.foundation.policy import parameter_label

        with pytest.raises(InvalidInputError, match="lang must be one of"):
            parameter_label("billing.payment_days", "fr")  # type: ignore[arg-type]


def _wrong(value: object) -> Any:  # a value of the wrong type, past the type checker
    return value


class TestPolicyValuesBuiltByHand:
    """The policy's result values check their fields when a user builds (or loads) one."""

    def test_good_values_are_accepted(self) -> None:
        change = ParameterChange("billing.payment_days", 7, 10, (CLAUSES["B-6"],))
        assert PolicyDiff((change,)).changes == (change,)
        version = PolicyVersion(date(2026, 1, 1), Policy())
        assert InForce(date(2026, 3, 2), version).policy == Policy()

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: ParameterChange("", 7, 10, ()),
                r"^path must be a non-empty str, got '' \[ParameterChange\]$",
            ),
            (
                lambda: ParameterChange("billing.payment_days", 7, 10, _wrong(("B-6",))),
                r"^clauses must be a sequence of Clause, got \('B-6',\) \[ParameterChange\]$",
            ),
            (
                lambda: PolicyDiff(_wrong([])),
                r"^changes must be a tuple of ParameterChange, got \[\]",
            ),
            (
                lambda: InForce(datetime(2026, 3, 2), PolicyVersion(date(2026, 1, 1), Policy())),
                r"^as_of must be a datetime.date, got datetime.* \[M-1.9 InForce\]$",
            ),
            (
                lambda: InForce(date(2026, 3, 2), _wrong(Policy())),
                r"^version must be a PolicyVersion, got .* \[M-1.9 InForce\]$",
            ),
        ],
    )
    def test_bad_fields_are_refused_by_name(self, build: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            build()

    def test_a_parameter_built_by_hand_is_checked_and_equals_the_listed_one(self) -> None:
        from custpolicy.foundation.policy import Parameter

        listed = Policy().parameters()[0]
        fields = {name: getattr(listed, name) for name in attrs.fields_dict(Parameter)}
        assert Parameter(**fields) == listed
        with pytest.raises(InvalidInputError, match=r"^assumption must be True or False, got 1"):
            Parameter(**{**fields, "assumption": 1})

    @given(st.sampled_from(range(len(Policy().parameters()))))
    def test_every_listed_parameter_is_one_the_checked_constructor_accepts(self, i: int) -> None:
        from custpolicy.foundation.policy import Parameter

        listed = Policy().parameters()[i]
        fields = {name: getattr(listed, name) for name in attrs.fields_dict(Parameter)}
        assert Parameter(**fields) == listed
