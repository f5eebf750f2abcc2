"""The error hierarchy: one root, and a builtin where one fits."""

from __future__ import annotations

import pytest

from custpolicy.foundation import errors
from custpolicy.foundation.clauses import C_8


class TestHierarchy:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (errors.InvalidInputError, ValueError),
            (errors.PolicyFileError, ValueError),
            (errors.CurrencyMismatchError, ValueError),
            (errors.CalendarCoverageError, LookupError),
            (errors.PolicyNotInForceError, LookupError),
            (errors.ParameterNotSetError, LookupError),
            (errors.UnknownClauseError, LookupError),
            (errors.UnknownKeyError, KeyError),
        ],
    )
    def test_each_error_is_a_custpolicy_error_and_a_builtin(
        self, error: type[Exception], builtin: type[Exception]
    ) -> None:
        assert issubclass(error, errors.CustPolicyError)
        assert issubclass(error, builtin)

    def test_every_exported_error_descends_from_the_root(self) -> None:
        for name in errors.__all__:
            assert issubclass(getattr(errors, name), errors.CustPolicyError)

    def test_a_violation_carries_its_clause(self) -> None:
        error = errors.PolicyViolationError("a 100th case in one month [C-8]", clause=C_8)
        assert error.clause is C_8
        assert str(error) == "a 100th case in one month [C-8]"

    def test_coverage_and_parameter_errors_carry_their_subject(self) -> None:
        coverage = errors.CalendarCoverageError("2027 not covered", year=2027, calendar="china")
        assert (coverage.year, coverage.calendar) == (2027, "china")
        unset = errors.ParameterNotSetError("unset", parameter="billing.reading_rate_standard")
        assert unset.parameter == "billing.reading_rate_standard"

    def test_an_unknown_key_shows_its_message_unquoted(self) -> None:
        assert str(errors.UnknownKeyError("no party 'z'")) == "no party 'z'"
        assert str(errors.UnknownKeyError()) == ""
