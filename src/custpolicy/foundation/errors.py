"""The exceptions that custpolicy raises.

Every exception raised by a public function is a
[`CustPolicyError`][custpolicy.foundation.errors.CustPolicyError], and also a builtin where one
fits, so ``except ValueError`` and ``except LookupError`` keep working:

- [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] (``ValueError``): an
  argument the rule cannot be applied to.
- [`ScenarioError`][custpolicy.foundation.errors.ScenarioError] (``ValueError``): a scenario file
  that is not TOML or not a scenario (it carries ``.source`` and ``.key``).
- [`PolicyFileError`][custpolicy.foundation.errors.PolicyFileError] (``ValueError``): a policy
  mapping or TOML text that is not a policy (it carries ``.path``).
- [`CurrencyMismatchError`][custpolicy.foundation.errors.CurrencyMismatchError] (``ValueError``):
  two currencies mixed in one operation.
- [`CalendarCoverageError`][custpolicy.foundation.errors.CalendarCoverageError] (``LookupError``): a
  date outside the years a calendar knows.
- [`PolicyNotInForceError`][custpolicy.foundation.errors.PolicyNotInForceError] (``LookupError``):
  no policy version in force on a date (M-1.9).
- [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] (``LookupError``): a
  rule needs an unset parameter.
- [`UnknownClauseError`][custpolicy.foundation.errors.UnknownClauseError] (``LookupError``): a
  clause ID that is not in the catalogue.
- [`UnknownKeyError`][custpolicy.foundation.errors.UnknownKeyError] (``KeyError``): a key a result
  does not hold (a party not in a split).
- [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError]: the rule itself says
  the caller must see an error (it carries ``.clause``).

Messages name the argument, the rule and the value, for example
``weights must not all be zero, got {'a': 0} [P-E3.3]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from custpolicy.foundation.clauses import Clause

__all__ = [
    "CalendarCoverageError",
    "CurrencyMismatchError",
    "CustPolicyError",
    "InvalidInputError",
    "ParameterNotSetError",
    "PolicyFileError",
    "PolicyNotInForceError",
    "PolicyViolationError",
    "RecordError",
    "ScenarioError",
    "UnknownClauseError",
    "UnknownKeyError",
]


class CustPolicyError(Exception):
    """The root of every error that custpolicy raises.

    Every error pickles with its message and attributes, so one raised in a worker process
    (multiprocessing, Dask) reaches the caller intact.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # the default calls type(self)(*args), which fails for the keyword-only attributes
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[CustPolicyError], args: tuple[object, ...], state: dict[str, object]
) -> CustPolicyError:
    """An error from its pickled parts, without calling ``__init__``."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidInputError(CustPolicyError, ValueError):
    """An argument that the rule cannot be applied to."""


class ScenarioError(InvalidInputError):
    """A scenario file that cannot be read: not TOML, or not a scenario.

    The message names the file, the key and what was expected, for example
    ``late.scenario.toml: inputs.delivered must be a TOML date (YYYY-MM-DD), got "March 2"``.

    Attributes:
        source: the file (or the source name given).
        key: the dotted key at fault, such as ``inputs.delivered``, or ``None`` when the text
            is not TOML at all (with several problems: the first one's key).
        problems: every problem found in the file, as ``(dotted key, line, message)``: the line
            is ``None`` when it is not known (a mapping read without its text).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str,
        key: str | None,
        problems: tuple[tuple[str | None, int | None, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.source = source
        self.key = key
        self.problems = problems or (_problem(message.removeprefix(f"{source}: "), key),)


def _problem(text: str, key: str | None) -> tuple[str | None, int | None, str]:
    """The one problem of a message written whole: the key apart when the text starts with it."""
    if key is not None and text.startswith(f"{key} "):
        return (key, None, text.removeprefix(f"{key} "))
    return (None, None, text)


class PolicyFileError(InvalidInputError):
    """A policy or policy book read from a mapping or TOML text that cannot be used.

    The message names the dotted path at fault, the value and what was expected, for example
    ``billing.payment_days must be a positive int, got 'abc' [B-6]``.

    Attributes:
        path: the dotted path at fault, such as ``billing.payment_days`` or
            ``versions[1].effective``, or ``None`` when the text is not TOML at all.
    """

    def __init__(self, message: str, *, path: str | None) -> None:
        super().__init__(message)
        self.path = path


class RecordError(InvalidInputError):
    """A saved record that [`custpolicy.records.structure`][] cannot turn back into a value.

    The message names the path at fault, the value found there and what was expected, for
    example ``payments[1].amount must be a positive Money, got 'CNY -5.00' [B-6 Payment]``.

    Attributes:
        path: where the fault is, such as ``payments[1].amount`` or ``format``; ``""`` for the
            record as a whole.
    """

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class CurrencyMismatchError(InvalidInputError):
    """Two amounts in different currencies were combined."""


class CalendarCoverageError(CustPolicyError, LookupError):
    """A date (or a result) outside the years a work calendar covers.

    Attributes:
        year: the year that is not covered.
        calendar: the name of the calendar.
    """

    def __init__(self, message: str, *, year: int, calendar: str) -> None:
        super().__init__(message)
        self.year = year
        self.calendar = calendar


class PolicyNotInForceError(CustPolicyError, LookupError):
    """No policy version was in force on the date asked about (M-1.9)."""


class ParameterNotSetError(CustPolicyError, LookupError):
    """A rule needs a policy parameter that the company has not set.

    Attributes:
        parameter: the dotted name of the parameter, for example ``billing.reading_rate_standard``.
    """

    def __init__(self, message: str, *, parameter: str) -> None:
        super().__init__(message)
        self.parameter = parameter


class UnknownClauseError(CustPolicyError, LookupError):
    """A clause ID that is not in the catalogue."""


class UnknownKeyError(CustPolicyError, KeyError):
    """A key that a result does not hold, such as a party that was not in a split."""

    def __str__(self) -> str:  # KeyError quotes its message; show it as written
        return str(self.args[0]) if self.args else ""


class PolicyViolationError(CustPolicyError):
    """The policy forbids what was asked, and says the caller must see an error.

    Attributes:
        clause: the clause that was violated, for example ``Clause('C-8')``.
    """

    def __init__(self, message: str, *, clause: Clause) -> None:
        super().__init__(message)
        self.clause = clause


# The errors are raised by every layer and caught by name from the package root
# (``except custpolicy.InvalidInputError``): a traceback shows them as ``custpolicy.<Name>``,
# the name a caller writes, wherever they are defined. Pickling finds them there too.
for _error in (
    CustPolicyError,
    InvalidInputError,
    ScenarioError,
    PolicyFileError,
    RecordError,
    CurrencyMismatchError,
    CalendarCoverageError,
    PolicyNotInForceError,
    ParameterNotSetError,
    UnknownClauseError,
    UnknownKeyError,
    PolicyViolationError,
):
    _error.__module__ = "custpolicy"
