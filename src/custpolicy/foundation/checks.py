"""Argument checks shared by every rule module.

Each check returns the value when it is of the expected kind and otherwise raises
:class:`~custpolicy.foundation.errors.InvalidInputError` naming the argument, the rule (``where``)
and the
value, so no rule lets a stray ``TypeError`` or ``AttributeError`` escape on bad input.

Examples:
    >>> from datetime import datetime
    >>> check_date(datetime(2026, 3, 2, 9, 30), "delivered", "B-6")
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: delivered must be a datetime.date, \
got datetime.datetime(2026, 3, 2, 9, 30) [B-6]
"""

from __future__ import annotations

from datetime import date, datetime

from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.workdays import WorkCalendar

__all__ = ["check_calendar", "check_date", "check_optional_date", "check_policy", "check_text"]


def check_date(value: object, argument: str, where: str) -> date:
    """``value`` if it is a date (a datetime is refused: rules judge days, not instants)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInputError(f"{argument} must be a datetime.date, got {value!r} [{where}]")
    return value


def check_optional_date(value: object, argument: str, where: str) -> date | None:
    """``None``, or a date as :func:`check_date` accepts it."""
    return None if value is None else check_date(value, argument, where)


def check_policy(value: object, where: str) -> Policy:
    """``value`` if it is a :class:`~custpolicy.foundation.policy.Policy`."""
    if not isinstance(value, Policy):
        raise InvalidInputError(f"policy must be a Policy, got {value!r} [{where}]")
    return value


def check_text(value: object, argument: str, where: str) -> str:
    """``value`` if it is a str that is not blank."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{argument} must be a non-empty str, got {value!r} [{where}]")
    return value


def check_calendar(value: object, where: str) -> WorkCalendar | None:
    """``None`` (the rule's default calendar), or a :class:`.WorkCalendar`."""
    if value is not None and not isinstance(value, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar or None, got {value!r} [{where}]")
    return value
