"""The package root: every public name resolves, lazily."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from collections import Counter
from typing import assert_type

import pytest

import custpolicy
from custpolicy.foundation import errors, money, policy

SOURCE = inspect.getsource(custpolicy)


FLAT_PACKAGE_NAMES = (
    "CLAUSES",
    "CNY",
    "JPY",
    "PRC_WAGE_RULES",
    "STILL_PROCESSING",
    "TWD",
    "AccessDecision",
    "AccessRequest",
    "AccountState",
    "Action",
    "Allocation",
    "AmountApproval",
    "AnswerAuthority",
    "AnswerChannel",
    "AnswerCheck",
    "AnswerProblem",
    "Apportionment",
    "Approval",
    "ApprovalBand",
    "ApprovalTable",
    "Approver",
    "Attribution",
    "BonusCollectionRate",
    "BookingOutcome",
    "CalendarCoverageError",
    "CalendarDataError",
    "CalendarYear",
    "CaseNumber",
    "CaseNumberIssue",
    "CaseReview",
    "CaseState",
    "CaseStatus",
    "CaseStep",
    "Category",
    "Cause",
    "ClaimOutcome",
    "Classification",
    "Clause",
    "CollectionRate",
    "ComplaintCase",
    "ComplaintForm",
    "ComplaintKind",
    "ContactsCheck",
    "Currency",
    "CurrencyMismatchError",
    "CustPolicyError",
    "Customer",
    "CustomerAnswer",
    "CustomerFile",
    "Deadline",
    "DocumentKind",
    "DocumentRequirement",
    "Dunning",
    "Explained",
    "FairSplit",
    "FileCheck",
    "FileField",
    "Filing",
    "FilingStatus",
    "Fine",
    "FormCheck",
    "Function",
    "Handling",
    "Handover",
    "InForce",
    "Intake",
    "InvalidInputError",
    "KpiReview",
    "Lang",
    "Lead",
    "LeadSplit",
    "Ledger",
    "LossBasis",
    "Money",
    "MonthClose",
    "MonthlyReport",
    "MonthlySummary",
    "OpenCase",
    "ParameterNotSetError",
    "PartyCharge",
    "Payment",
    "PenaltyAccount",
    "Person",
    "Policy",
    "PolicyBook",
    "PolicyDiff",
    "PolicyFileError",
    "PolicyNotInForceError",
    "PolicyVersion",
    "PolicyViolationError",
    "ProofCheck",
    "ProofDocument",
    "QuantityNote",
    "ReadingCheck",
    "ReadingRate",
    "ReadingWindow",
    "Reason",
    "Receivable",
    "Reimbursement",
    "Relief",
    "Reminder",
    "ReportCheck",
    "ReportDifference",
    "ReportTotals",
    "ReturnBooking",
    "Role",
    "Ruling",
    "Sanction",
    "SanctionBand",
    "SanctionReferral",
    "SanctionRuling",
    "Scenario",
    "ScenarioError",
    "ScenarioOutcome",
    "Schedule",
    "SettlementSheet",
    "StatutoryCheck",
    "StatutoryRules",
    "StepStatus",
    "Unit",
    "UnitKind",
    "UnknownClauseError",
    "UnknownKeyError",
    "UserClass",
    "VisitPlan",
    "WarehouseReceipt",
    "WorkCalendar",
    "__version__",
    "allocate",
    "allowance_proof",
    "apportion",
    "approver_for",
    "attribute",
    "bonus_collection_rate",
    "calendar_deadline",
    "case_status",
    "change_status",
    "check_answer",
    "check_complaint_form",
    "check_contacts",
    "check_file",
    "check_fine",
    "check_reading",
    "check_report",
    "china",
    "classify_complaint",
    "clause",
    "closing_deadline",
    "collection_rate",
    "currency",
    "decide_access",
    "dunning",
    "dunning_run",
    "fair_split",
    "hand_over",
    "kpi_flags",
    "loss_basis",
    "may_answer",
    "monthly_deadline",
    "monthly_report",
    "monthly_summary",
    "next_case_number",
    "normalize_name",
    "normalize_phone",
    "opinion_deadline",
    "parameter_label",
    "parse_scenario",
    "payment_deadline",
    "process_leads",
    "qa_report_deadline",
    "reading_rate",
    "reading_window",
    "reconcile_return",
    "registration_status",
    "reimbursement",
    "required_document",
    "return_proof",
    "review_cases",
    "ruling_deadline",
    "sanction_for",
    "sanction_referral_deadline",
    "sanction_referrals",
    "split_leads",
    "statutory_check",
    "step_deadline",
    "step_status",
    "summary_deadline",
    "visits_due",
    "warehouse_receipt",
    "working_day_deadline",
)


def star_imports(source: str) -> list[str]:
    """The modules of the ``from X import *`` lines under ``if TYPE_CHECKING:``, in order."""
    return [
        node.module or ""
        for block in ast.parse(source).body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["*"]
    ]


def literal_all(module: str) -> list[str] | None:
    """The module's ``__all__`` if it is a literal list of strings (all a type checker reads)."""
    for node in ast.parse(inspect.getsource(importlib.import_module(module))).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__":
            value = node.value
            if isinstance(value, ast.List) and all(
                isinstance(item, ast.Constant) and isinstance(item.value, str)
                for item in value.elts
            ):
                return [item.value for item in value.elts]  # type: ignore[attr-defined]
    return None


class TestPublicNames:
    @pytest.mark.parametrize("name", custpolicy.__all__)
    def test_every_exported_name_resolves(self, name: str) -> None:
        assert getattr(custpolicy, name) is not None

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
            _ = custpolicy.Nope

    def test_dir_lists_the_public_names(self) -> None:
        assert set(custpolicy.__all__) <= set(dir(custpolicy))

    def test_star_import_gives_every_public_name(self) -> None:
        namespace: dict[str, object] = {}
        exec("from custpolicy import *", namespace)
        assert set(custpolicy.__all__) - {"__version__"} <= set(namespace)


class TestOneListOfNames:
    """``_MODULES`` is the one list: the root exports their ``__all__``, each name written once."""

    def test_type_checkers_read_the_same_modules_in_the_same_order(self) -> None:
        # ruff sorts the import lines; the lookup order of _MODULES loads the foundation first
        assert sorted(star_imports(SOURCE)) == sorted(custpolicy._MODULES)

    def test_a_module_missing_from_the_star_imports_is_found(self) -> None:
        cut = SOURCE.replace("    from custpolicy.rules.billing import *\n", "")
        assert sorted(star_imports(cut)) != sorted(custpolicy._MODULES)

    @pytest.mark.parametrize("module", custpolicy._MODULES)
    def test_each_module_lists_its_names_literally(self, module: str) -> None:
        # a computed __all__ would leave its names typed Any at the package root
        assert literal_all(module) == importlib.import_module(module).__all__

    def test_a_computed_all_is_found(self) -> None:
        assert literal_all("custpolicy.foundation.money") is not None
        assert literal_all("custpolicy") is None  # the root computes its __all__

    def test_no_name_is_exported_by_two_modules(self) -> None:
        counts = Counter(
            name
            for module in custpolicy._MODULES
            for name in importlib.import_module(module).__all__
        )
        assert sorted(name for name, count in counts.items() if count > 1) == []
        assert len(set(custpolicy.__all__)) == len(custpolicy.__all__)

    def test_all_is_every_name_of_the_modules_and_the_version(self) -> None:
        names = {
            name
            for module in custpolicy._MODULES
            for name in importlib.import_module(module).__all__
        }
        assert set(custpolicy.__all__) == names | {"__version__"}

    def test_every_public_name_of_the_flat_package_is_still_exported(self) -> None:
        # the package root's __all__ before the move into foundation/rules/shell packages
        assert set(FLAT_PACKAGE_NAMES) <= set(custpolicy.__all__)

    @pytest.mark.parametrize("name", sorted(set(custpolicy.__all__) - {"__version__"}))
    def test_each_name_is_the_object_of_its_module(self, name: str) -> None:
        homes = [
            module
            for module in custpolicy._MODULES
            if name in importlib.import_module(module).__all__
        ]
        assert getattr(custpolicy, name) is getattr(importlib.import_module(homes[0]), name)

    def test_all_is_in_ruff_order(self) -> None:
        # RUF022: CONSTANTS, then Classes, then the rest (functions, __version__), each sorted
        names = custpolicy.__all__
        constants = [name for name in names if name.isupper()]
        classes = [name for name in names if name[0].isupper() and not name.isupper()]
        rest = [name for name in names if not name[0].isupper()]
        assert names == sorted(constants) + sorted(classes) + sorted(rest)
        assert names[:3] == ["B_1", "B_2_1", "B_2_2"]
        assert "__version__" in rest
        assert "visits_due" in rest

    def test_type_checkers_see_the_real_types(self) -> None:
        # mypy --strict fails here if a name of the package root were typed Any
        assert_type(custpolicy.Money, type[money.Money])
        assert_type(custpolicy.Policy, type[policy.Policy])
        assert_type(custpolicy.CustPolicyError, type[errors.CustPolicyError])
        assert_type(custpolicy.CNY, money.Currency)
        assert custpolicy.Money is money.Money


class TestImportCost:
    def test_importing_the_package_loads_no_rule_module_until_used(self) -> None:
        code = (
            "import sys, custpolicy\n"
            "print(sorted(m for m in sys.modules if m.startswith('custpolicy.')))\n"
            "custpolicy.Money\n"
            "print('custpolicy.foundation.money' in sys.modules)\n"
            "print(sorted(m for m in sys.modules if m.startswith('custpolicy.rules')))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert out == ["[]", "True", "[]"]


class TestCommandLineEntry:
    def test_python_dash_m_runs_the_shells_main(self) -> None:
        entry = importlib.import_module("custpolicy.__main__")
        shell = importlib.import_module("custpolicy.cli.main")
        assert entry.main is shell.main


class TestLazyLoadingUnderThreads:
    def test_a_lookup_that_overlaps_another_skips_no_module(self) -> None:
        # Two threads looking names up at once: while the first imports the first module,
        # the second indexes it and the next one. The first must not then count one past
        # where the second stopped, or the module after would never be indexed.
        code = (
            "import importlib, custpolicy\n"
            "real, overlapped = importlib.import_module, []\n"
            "def import_module(name):\n"
            "    if not overlapped:\n"
            "        overlapped.append(name)\n"
            "        custpolicy._module_of('Clause')  # the other thread, clauses being next\n"
            "    return real(name)\n"
            "custpolicy.import_module = import_module\n"
            "print(custpolicy._module_of('Money'), custpolicy._module_of('Reason'))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["custpolicy.foundation.money", "custpolicy.foundation.explain"]
