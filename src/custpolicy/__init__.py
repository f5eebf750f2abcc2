"""custpolicy: a company's customer-management policy as exact, explained Python rules.

Every rule returns a result that cites the clauses it applied (see :mod:`custpolicy.clauses`)
and explains itself in English and Traditional Chinese. The foundation:

- :class:`Money`, :func:`allocate`: exact money and sum-preserving splits;
- :class:`WorkCalendar`, :func:`china`: working days with holidays and make-up days;
- :class:`Clause`, :class:`Reason`, :class:`Explained`: citations and explanations;
- :class:`Policy`, :class:`PolicyBook`: parameters and versions by effective date (M-1.9).

Examples:
    >>> import custpolicy
    >>> custpolicy.Money("1.05", "CNY") + custpolicy.Money("2", "CNY")
    Money('3.05', 'CNY')
"""

from custpolicy.calendars import china
from custpolicy.clauses import CLAUSES, Clause, Lang, clause
from custpolicy.errors import (
    CalendarCoverageError,
    CurrencyMismatchError,
    CustPolicyError,
    InvalidInputError,
    ParameterNotSetError,
    PolicyNotInForceError,
    PolicyViolationError,
    UnknownClauseError,
    UnknownKeyError,
)
from custpolicy.explain import Explained, Reason
from custpolicy.money import CNY, JPY, TWD, Allocation, Currency, Money, allocate, currency
from custpolicy.policy import InForce, Policy, PolicyBook, PolicyDiff, PolicyVersion
from custpolicy.workdays import CalendarYear, WorkCalendar

__version__ = "0.1.0.dev0"

__all__ = [
    "CLAUSES",
    "CNY",
    "JPY",
    "TWD",
    "Allocation",
    "CalendarCoverageError",
    "CalendarYear",
    "Clause",
    "Currency",
    "CurrencyMismatchError",
    "CustPolicyError",
    "Explained",
    "InForce",
    "InvalidInputError",
    "Lang",
    "Money",
    "ParameterNotSetError",
    "Policy",
    "PolicyBook",
    "PolicyDiff",
    "PolicyNotInForceError",
    "PolicyVersion",
    "PolicyViolationError",
    "Reason",
    "UnknownClauseError",
    "UnknownKeyError",
    "WorkCalendar",
    "__version__",
    "allocate",
    "china",
    "clause",
    "currency",
]
