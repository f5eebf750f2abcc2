"""custpolicy: a company's customer-management policy as exact, explained Python rules.

Every rule returns a result that cites the clauses it applied (see :mod:`custpolicy.clauses`)
and explains itself in English and Traditional Chinese. The foundation:

- :class:`Money`, :func:`allocate`: exact money and sum-preserving splits;
- :class:`WorkCalendar`, :func:`china`: working days with holidays and make-up days;
- :class:`Clause`, :class:`Reason`, :class:`Explained`: citations and explanations;
- :class:`Policy`, :class:`PolicyBook`: parameters and versions by effective date (M-1.9).

The import statements below list the public names in the ``X as X`` form by which type
checkers see them as exported (PEP 484). Apart from the errors, they run only under a type
checker: at run time the lazy table and ``__all__`` name the same objects, and each name is
loaded on first use (PEP 562). The package reads no file, so those two are literals, and a
test keeps them equal to the imports (a name in one place and not the other fails it). So
``import custpolicy`` stays cheap however many rule families the package grows, and
``from custpolicy import Money`` loads only what ``Money`` needs.

Examples:
    >>> import custpolicy
    >>> custpolicy.Money("1.05", "CNY") + custpolicy.Money("2", "CNY")
    Money('3.05', 'CNY')
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from custpolicy.errors import CalendarCoverageError as CalendarCoverageError
from custpolicy.errors import CurrencyMismatchError as CurrencyMismatchError
from custpolicy.errors import CustPolicyError as CustPolicyError
from custpolicy.errors import InvalidInputError as InvalidInputError
from custpolicy.errors import ParameterNotSetError as ParameterNotSetError
from custpolicy.errors import PolicyFileError as PolicyFileError
from custpolicy.errors import PolicyNotInForceError as PolicyNotInForceError
from custpolicy.errors import PolicyViolationError as PolicyViolationError
from custpolicy.errors import ScenarioError as ScenarioError
from custpolicy.errors import UnknownClauseError as UnknownClauseError
from custpolicy.errors import UnknownKeyError as UnknownKeyError

if TYPE_CHECKING:
    from custpolicy.billing import AccountState as AccountState
    from custpolicy.billing import Action as Action
    from custpolicy.billing import CollectionRate as CollectionRate
    from custpolicy.billing import Dunning as Dunning
    from custpolicy.billing import MonthlyReport as MonthlyReport
    from custpolicy.billing import Payment as Payment
    from custpolicy.billing import ReadingCheck as ReadingCheck
    from custpolicy.billing import ReadingRate as ReadingRate
    from custpolicy.billing import ReadingWindow as ReadingWindow
    from custpolicy.billing import ReportCheck as ReportCheck
    from custpolicy.billing import ReportDifference as ReportDifference
    from custpolicy.billing import ReportTotals as ReportTotals
    from custpolicy.billing import SettlementSheet as SettlementSheet
    from custpolicy.billing import UserClass as UserClass
    from custpolicy.billing import check_reading as check_reading
    from custpolicy.billing import check_report as check_report
    from custpolicy.billing import collection_rate as collection_rate
    from custpolicy.billing import dunning as dunning
    from custpolicy.billing import dunning_run as dunning_run
    from custpolicy.billing import monthly_report as monthly_report
    from custpolicy.billing import payment_deadline as payment_deadline
    from custpolicy.billing import reading_rate as reading_rate
    from custpolicy.billing import reading_window as reading_window
    from custpolicy.calendars import china as china
    from custpolicy.clauses import CLAUSES as CLAUSES
    from custpolicy.clauses import Clause as Clause
    from custpolicy.clauses import Lang as Lang
    from custpolicy.clauses import clause as clause
    from custpolicy.complaints import STILL_PROCESSING as STILL_PROCESSING
    from custpolicy.complaints import AmountApproval as AmountApproval
    from custpolicy.complaints import AnswerAuthority as AnswerAuthority
    from custpolicy.complaints import AnswerChannel as AnswerChannel
    from custpolicy.complaints import AnswerCheck as AnswerCheck
    from custpolicy.complaints import AnswerProblem as AnswerProblem
    from custpolicy.complaints import ApprovalBand as ApprovalBand
    from custpolicy.complaints import ApprovalTable as ApprovalTable
    from custpolicy.complaints import Approver as Approver
    from custpolicy.complaints import CaseNumber as CaseNumber
    from custpolicy.complaints import CaseNumberIssue as CaseNumberIssue
    from custpolicy.complaints import CaseReview as CaseReview
    from custpolicy.complaints import CaseState as CaseState
    from custpolicy.complaints import CaseStatus as CaseStatus
    from custpolicy.complaints import CaseStep as CaseStep
    from custpolicy.complaints import ComplaintCase as ComplaintCase
    from custpolicy.complaints import ComplaintForm as ComplaintForm
    from custpolicy.complaints import CustomerAnswer as CustomerAnswer
    from custpolicy.complaints import FormCheck as FormCheck
    from custpolicy.complaints import MonthlySummary as MonthlySummary
    from custpolicy.complaints import QuantityNote as QuantityNote
    from custpolicy.complaints import Ruling as Ruling
    from custpolicy.complaints import SanctionReferral as SanctionReferral
    from custpolicy.complaints import StepStatus as StepStatus
    from custpolicy.complaints import approver_for as approver_for
    from custpolicy.complaints import case_status as case_status
    from custpolicy.complaints import check_answer as check_answer
    from custpolicy.complaints import check_complaint_form as check_complaint_form
    from custpolicy.complaints import closing_deadline as closing_deadline
    from custpolicy.complaints import may_answer as may_answer
    from custpolicy.complaints import monthly_summary as monthly_summary
    from custpolicy.complaints import next_case_number as next_case_number
    from custpolicy.complaints import opinion_deadline as opinion_deadline
    from custpolicy.complaints import qa_report_deadline as qa_report_deadline
    from custpolicy.complaints import review_cases as review_cases
    from custpolicy.complaints import sanction_referral_deadline as sanction_referral_deadline
    from custpolicy.complaints import sanction_referrals as sanction_referrals
    from custpolicy.complaints import step_deadline as step_deadline
    from custpolicy.complaints import step_status as step_status
    from custpolicy.complaints import summary_deadline as summary_deadline
    from custpolicy.customers import AccessDecision as AccessDecision
    from custpolicy.customers import AccessRequest as AccessRequest
    from custpolicy.customers import Approval as Approval
    from custpolicy.customers import Category as Category
    from custpolicy.customers import ClaimOutcome as ClaimOutcome
    from custpolicy.customers import ContactsCheck as ContactsCheck
    from custpolicy.customers import Customer as Customer
    from custpolicy.customers import CustomerFile as CustomerFile
    from custpolicy.customers import FileCheck as FileCheck
    from custpolicy.customers import FileField as FileField
    from custpolicy.customers import Filing as Filing
    from custpolicy.customers import FilingStatus as FilingStatus
    from custpolicy.customers import Handover as Handover
    from custpolicy.customers import KpiReview as KpiReview
    from custpolicy.customers import Reimbursement as Reimbursement
    from custpolicy.customers import Reminder as Reminder
    from custpolicy.customers import Role as Role
    from custpolicy.customers import VisitPlan as VisitPlan
    from custpolicy.customers import change_status as change_status
    from custpolicy.customers import check_contacts as check_contacts
    from custpolicy.customers import check_file as check_file
    from custpolicy.customers import decide_access as decide_access
    from custpolicy.customers import hand_over as hand_over
    from custpolicy.customers import kpi_flags as kpi_flags
    from custpolicy.customers import registration_status as registration_status
    from custpolicy.customers import reimbursement as reimbursement
    from custpolicy.customers import visits_due as visits_due
    from custpolicy.deadlines import Deadline as Deadline
    from custpolicy.deadlines import calendar_deadline as calendar_deadline
    from custpolicy.deadlines import monthly_deadline as monthly_deadline
    from custpolicy.deadlines import working_day_deadline as working_day_deadline
    from custpolicy.explain import Explained as Explained
    from custpolicy.explain import Reason as Reason
    from custpolicy.fairsplit import FairSplit as FairSplit
    from custpolicy.fairsplit import Ledger as Ledger
    from custpolicy.fairsplit import fair_split as fair_split
    from custpolicy.leads import Intake as Intake
    from custpolicy.leads import Lead as Lead
    from custpolicy.leads import LeadSplit as LeadSplit
    from custpolicy.leads import normalize_name as normalize_name
    from custpolicy.leads import normalize_phone as normalize_phone
    from custpolicy.leads import process_leads as process_leads
    from custpolicy.leads import split_leads as split_leads
    from custpolicy.losses import Apportionment as Apportionment
    from custpolicy.losses import Attribution as Attribution
    from custpolicy.losses import Cause as Cause
    from custpolicy.losses import Classification as Classification
    from custpolicy.losses import ComplaintKind as ComplaintKind
    from custpolicy.losses import Function as Function
    from custpolicy.losses import LossBasis as LossBasis
    from custpolicy.losses import PartyCharge as PartyCharge
    from custpolicy.losses import Person as Person
    from custpolicy.losses import Unit as Unit
    from custpolicy.losses import UnitKind as UnitKind
    from custpolicy.losses import apportion as apportion
    from custpolicy.losses import attribute as attribute
    from custpolicy.losses import classify_complaint as classify_complaint
    from custpolicy.losses import loss_basis as loss_basis
    from custpolicy.losses import ruling_deadline as ruling_deadline
    from custpolicy.money import CNY as CNY
    from custpolicy.money import JPY as JPY
    from custpolicy.money import TWD as TWD
    from custpolicy.money import Allocation as Allocation
    from custpolicy.money import Currency as Currency
    from custpolicy.money import Money as Money
    from custpolicy.money import allocate as allocate
    from custpolicy.money import currency as currency
    from custpolicy.penalties import PRC_WAGE_RULES as PRC_WAGE_RULES
    from custpolicy.penalties import Fine as Fine
    from custpolicy.penalties import MonthClose as MonthClose
    from custpolicy.penalties import OpenCase as OpenCase
    from custpolicy.penalties import PenaltyAccount as PenaltyAccount
    from custpolicy.penalties import Sanction as Sanction
    from custpolicy.penalties import SanctionBand as SanctionBand
    from custpolicy.penalties import SanctionRuling as SanctionRuling
    from custpolicy.penalties import Schedule as Schedule
    from custpolicy.penalties import StatutoryCheck as StatutoryCheck
    from custpolicy.penalties import StatutoryRules as StatutoryRules
    from custpolicy.penalties import check_fine as check_fine
    from custpolicy.penalties import sanction_for as sanction_for
    from custpolicy.penalties import statutory_check as statutory_check
    from custpolicy.policy import InForce as InForce
    from custpolicy.policy import Policy as Policy
    from custpolicy.policy import PolicyBook as PolicyBook
    from custpolicy.policy import PolicyDiff as PolicyDiff
    from custpolicy.policy import PolicyVersion as PolicyVersion
    from custpolicy.policy import parameter_label as parameter_label
    from custpolicy.returns import BonusCollectionRate as BonusCollectionRate
    from custpolicy.returns import BookingOutcome as BookingOutcome
    from custpolicy.returns import DocumentKind as DocumentKind
    from custpolicy.returns import DocumentRequirement as DocumentRequirement
    from custpolicy.returns import Handling as Handling
    from custpolicy.returns import ProofCheck as ProofCheck
    from custpolicy.returns import ProofDocument as ProofDocument
    from custpolicy.returns import Receivable as Receivable
    from custpolicy.returns import Relief as Relief
    from custpolicy.returns import ReturnBooking as ReturnBooking
    from custpolicy.returns import WarehouseReceipt as WarehouseReceipt
    from custpolicy.returns import allowance_proof as allowance_proof
    from custpolicy.returns import bonus_collection_rate as bonus_collection_rate
    from custpolicy.returns import reconcile_return as reconcile_return
    from custpolicy.returns import required_document as required_document
    from custpolicy.returns import return_proof as return_proof
    from custpolicy.returns import warehouse_receipt as warehouse_receipt
    from custpolicy.scenarios import Scenario as Scenario
    from custpolicy.scenarios import ScenarioOutcome as ScenarioOutcome
    from custpolicy.scenarios import parse_scenario as parse_scenario
    from custpolicy.workdays import CalendarDataError as CalendarDataError
    from custpolicy.workdays import CalendarYear as CalendarYear
    from custpolicy.workdays import WorkCalendar as WorkCalendar


__version__ = "0.1.0.dev0"


# The lazy table and __all__ are literals, not read from this file at import time (the
# package does no I/O); tests/test_package.py keeps both equal to the imports above.
_LAZY: dict[str, str] = {
    "AccountState": "custpolicy.billing",
    "Action": "custpolicy.billing",
    "CollectionRate": "custpolicy.billing",
    "Dunning": "custpolicy.billing",
    "MonthlyReport": "custpolicy.billing",
    "Payment": "custpolicy.billing",
    "ReadingCheck": "custpolicy.billing",
    "ReadingRate": "custpolicy.billing",
    "ReadingWindow": "custpolicy.billing",
    "ReportCheck": "custpolicy.billing",
    "ReportDifference": "custpolicy.billing",
    "ReportTotals": "custpolicy.billing",
    "SettlementSheet": "custpolicy.billing",
    "UserClass": "custpolicy.billing",
    "check_reading": "custpolicy.billing",
    "check_report": "custpolicy.billing",
    "collection_rate": "custpolicy.billing",
    "dunning": "custpolicy.billing",
    "dunning_run": "custpolicy.billing",
    "monthly_report": "custpolicy.billing",
    "payment_deadline": "custpolicy.billing",
    "reading_rate": "custpolicy.billing",
    "reading_window": "custpolicy.billing",
    "china": "custpolicy.calendars",
    "CLAUSES": "custpolicy.clauses",
    "Clause": "custpolicy.clauses",
    "Lang": "custpolicy.clauses",
    "clause": "custpolicy.clauses",
    "STILL_PROCESSING": "custpolicy.complaints",
    "AmountApproval": "custpolicy.complaints",
    "AnswerAuthority": "custpolicy.complaints",
    "AnswerChannel": "custpolicy.complaints",
    "AnswerCheck": "custpolicy.complaints",
    "AnswerProblem": "custpolicy.complaints",
    "ApprovalBand": "custpolicy.complaints",
    "ApprovalTable": "custpolicy.complaints",
    "Approver": "custpolicy.complaints",
    "CaseNumber": "custpolicy.complaints",
    "CaseNumberIssue": "custpolicy.complaints",
    "CaseReview": "custpolicy.complaints",
    "CaseState": "custpolicy.complaints",
    "CaseStatus": "custpolicy.complaints",
    "CaseStep": "custpolicy.complaints",
    "ComplaintCase": "custpolicy.complaints",
    "ComplaintForm": "custpolicy.complaints",
    "CustomerAnswer": "custpolicy.complaints",
    "FormCheck": "custpolicy.complaints",
    "MonthlySummary": "custpolicy.complaints",
    "QuantityNote": "custpolicy.complaints",
    "Ruling": "custpolicy.complaints",
    "SanctionReferral": "custpolicy.complaints",
    "StepStatus": "custpolicy.complaints",
    "approver_for": "custpolicy.complaints",
    "case_status": "custpolicy.complaints",
    "check_answer": "custpolicy.complaints",
    "check_complaint_form": "custpolicy.complaints",
    "closing_deadline": "custpolicy.complaints",
    "may_answer": "custpolicy.complaints",
    "monthly_summary": "custpolicy.complaints",
    "next_case_number": "custpolicy.complaints",
    "opinion_deadline": "custpolicy.complaints",
    "qa_report_deadline": "custpolicy.complaints",
    "review_cases": "custpolicy.complaints",
    "sanction_referral_deadline": "custpolicy.complaints",
    "sanction_referrals": "custpolicy.complaints",
    "step_deadline": "custpolicy.complaints",
    "step_status": "custpolicy.complaints",
    "summary_deadline": "custpolicy.complaints",
    "AccessDecision": "custpolicy.customers",
    "AccessRequest": "custpolicy.customers",
    "Approval": "custpolicy.customers",
    "Category": "custpolicy.customers",
    "ClaimOutcome": "custpolicy.customers",
    "ContactsCheck": "custpolicy.customers",
    "Customer": "custpolicy.customers",
    "CustomerFile": "custpolicy.customers",
    "FileCheck": "custpolicy.customers",
    "FileField": "custpolicy.customers",
    "Filing": "custpolicy.customers",
    "FilingStatus": "custpolicy.customers",
    "Handover": "custpolicy.customers",
    "KpiReview": "custpolicy.customers",
    "Reimbursement": "custpolicy.customers",
    "Reminder": "custpolicy.customers",
    "Role": "custpolicy.customers",
    "VisitPlan": "custpolicy.customers",
    "change_status": "custpolicy.customers",
    "check_contacts": "custpolicy.customers",
    "check_file": "custpolicy.customers",
    "decide_access": "custpolicy.customers",
    "hand_over": "custpolicy.customers",
    "kpi_flags": "custpolicy.customers",
    "registration_status": "custpolicy.customers",
    "reimbursement": "custpolicy.customers",
    "visits_due": "custpolicy.customers",
    "Deadline": "custpolicy.deadlines",
    "calendar_deadline": "custpolicy.deadlines",
    "monthly_deadline": "custpolicy.deadlines",
    "working_day_deadline": "custpolicy.deadlines",
    "Explained": "custpolicy.explain",
    "Reason": "custpolicy.explain",
    "FairSplit": "custpolicy.fairsplit",
    "Ledger": "custpolicy.fairsplit",
    "fair_split": "custpolicy.fairsplit",
    "Intake": "custpolicy.leads",
    "Lead": "custpolicy.leads",
    "LeadSplit": "custpolicy.leads",
    "normalize_name": "custpolicy.leads",
    "normalize_phone": "custpolicy.leads",
    "process_leads": "custpolicy.leads",
    "split_leads": "custpolicy.leads",
    "Apportionment": "custpolicy.losses",
    "Attribution": "custpolicy.losses",
    "Cause": "custpolicy.losses",
    "Classification": "custpolicy.losses",
    "ComplaintKind": "custpolicy.losses",
    "Function": "custpolicy.losses",
    "LossBasis": "custpolicy.losses",
    "PartyCharge": "custpolicy.losses",
    "Person": "custpolicy.losses",
    "Unit": "custpolicy.losses",
    "UnitKind": "custpolicy.losses",
    "apportion": "custpolicy.losses",
    "attribute": "custpolicy.losses",
    "classify_complaint": "custpolicy.losses",
    "loss_basis": "custpolicy.losses",
    "ruling_deadline": "custpolicy.losses",
    "CNY": "custpolicy.money",
    "JPY": "custpolicy.money",
    "TWD": "custpolicy.money",
    "Allocation": "custpolicy.money",
    "Currency": "custpolicy.money",
    "Money": "custpolicy.money",
    "allocate": "custpolicy.money",
    "currency": "custpolicy.money",
    "PRC_WAGE_RULES": "custpolicy.penalties",
    "Fine": "custpolicy.penalties",
    "MonthClose": "custpolicy.penalties",
    "OpenCase": "custpolicy.penalties",
    "PenaltyAccount": "custpolicy.penalties",
    "Sanction": "custpolicy.penalties",
    "SanctionBand": "custpolicy.penalties",
    "SanctionRuling": "custpolicy.penalties",
    "Schedule": "custpolicy.penalties",
    "StatutoryCheck": "custpolicy.penalties",
    "StatutoryRules": "custpolicy.penalties",
    "check_fine": "custpolicy.penalties",
    "sanction_for": "custpolicy.penalties",
    "statutory_check": "custpolicy.penalties",
    "InForce": "custpolicy.policy",
    "Policy": "custpolicy.policy",
    "PolicyBook": "custpolicy.policy",
    "PolicyDiff": "custpolicy.policy",
    "PolicyVersion": "custpolicy.policy",
    "parameter_label": "custpolicy.policy",
    "BonusCollectionRate": "custpolicy.returns",
    "BookingOutcome": "custpolicy.returns",
    "DocumentKind": "custpolicy.returns",
    "DocumentRequirement": "custpolicy.returns",
    "Handling": "custpolicy.returns",
    "ProofCheck": "custpolicy.returns",
    "ProofDocument": "custpolicy.returns",
    "Receivable": "custpolicy.returns",
    "Relief": "custpolicy.returns",
    "ReturnBooking": "custpolicy.returns",
    "WarehouseReceipt": "custpolicy.returns",
    "allowance_proof": "custpolicy.returns",
    "bonus_collection_rate": "custpolicy.returns",
    "reconcile_return": "custpolicy.returns",
    "required_document": "custpolicy.returns",
    "return_proof": "custpolicy.returns",
    "warehouse_receipt": "custpolicy.returns",
    "Scenario": "custpolicy.scenarios",
    "ScenarioOutcome": "custpolicy.scenarios",
    "parse_scenario": "custpolicy.scenarios",
    "CalendarDataError": "custpolicy.workdays",
    "CalendarYear": "custpolicy.workdays",
    "WorkCalendar": "custpolicy.workdays",
}

__all__ = [
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
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'custpolicy' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
