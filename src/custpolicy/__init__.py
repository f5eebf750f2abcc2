"""custpolicy: a company's customer-management policy as exact, explained Python rules.

Every rule returns a result that cites the clauses it applied (see :mod:`custpolicy.clauses`)
and explains itself in English and Traditional Chinese. The foundation:

- :class:`Money`, :func:`allocate`: exact money and sum-preserving splits;
- :class:`WorkCalendar`, :func:`china`: working days with holidays and make-up days;
- :class:`Clause`, :class:`Reason`, :class:`Explained`: citations and explanations;
- :class:`Policy`, :class:`PolicyBook`: parameters and versions by effective date (M-1.9).

The names below are loaded on first use (PEP 562), so ``import custpolicy`` stays cheap however
many rule families the package grows; ``from custpolicy import Money`` loads only what
``Money`` needs.

Examples:
    >>> import custpolicy
    >>> custpolicy.Money("1.05", "CNY") + custpolicy.Money("2", "CNY")
    Money('3.05', 'CNY')
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from custpolicy.calendars import china
    from custpolicy.clauses import CLAUSES, Clause, Lang, clause
    from custpolicy.deadlines import (
        Deadline,
        calendar_deadline,
        monthly_deadline,
        working_day_deadline,
    )
    from custpolicy.explain import Explained, Reason
    from custpolicy.money import CNY, JPY, TWD, Allocation, Currency, Money, allocate, currency
    from custpolicy.policy import InForce, Policy, PolicyBook, PolicyDiff, PolicyVersion
    from custpolicy.workdays import CalendarYear, WorkCalendar

__version__ = "0.1.0.dev0"

_LAZY: dict[str, str] = {
    "china": "custpolicy.calendars",
    "CLAUSES": "custpolicy.clauses",
    "Clause": "custpolicy.clauses",
    "Lang": "custpolicy.clauses",
    "clause": "custpolicy.clauses",
    "Deadline": "custpolicy.deadlines",
    "calendar_deadline": "custpolicy.deadlines",
    "monthly_deadline": "custpolicy.deadlines",
    "working_day_deadline": "custpolicy.deadlines",
    "Explained": "custpolicy.explain",
    "Reason": "custpolicy.explain",
    "CNY": "custpolicy.money",
    "JPY": "custpolicy.money",
    "TWD": "custpolicy.money",
    "Allocation": "custpolicy.money",
    "Currency": "custpolicy.money",
    "Money": "custpolicy.money",
    "allocate": "custpolicy.money",
    "currency": "custpolicy.money",
    "InForce": "custpolicy.policy",
    "Policy": "custpolicy.policy",
    "PolicyBook": "custpolicy.policy",
    "PolicyDiff": "custpolicy.policy",
    "PolicyVersion": "custpolicy.policy",
    "CalendarYear": "custpolicy.workdays",
    "WorkCalendar": "custpolicy.workdays",
}

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
    "Deadline",
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
    "calendar_deadline",
    "china",
    "clause",
    "currency",
    "monthly_deadline",
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
