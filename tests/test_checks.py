"""The argument checks every rule module shares."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from custpolicy import InvalidInputError, Policy, china
from custpolicy.foundation.checks import (
    check_calendar,
    check_date,
    check_optional_date,
    check_policy,
    check_text,
)


class TestChecks:
    def test_good_values_pass_through_unchanged(self) -> None:
        day, policy, calendar = date(2026, 3, 2), Policy(), china()
        assert check_date(day, "d", "B-6") is day
        assert check_optional_date(None, "d", "B-6") is None
        assert check_optional_date(day, "d", "B-6") is day
        assert check_policy(policy, "B-6") is policy
        assert check_text(" Lin ", "name", "M-1.3") == " Lin "
        assert check_calendar(None, "M-1.4") is None
        assert check_calendar(calendar, "M-1.4") is calendar

    @pytest.mark.parametrize("value", [datetime(2026, 3, 2), "2026-03-02", 20260302, None])
    def test_a_date_must_be_a_date(self, value: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^delivered must be a datetime.date, got .* \[B-6\]$"
        ):
            check_date(value, "delivered", "B-6")

    def test_a_policy_must_be_a_policy(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^policy must be a Policy, got \{\} \[P-2\]$"):
            check_policy({}, "P-2")

    @pytest.mark.parametrize("value", ["", "   ", None, 7])
    def test_text_must_not_be_blank(self, value: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^name must be a non-empty str, got .* \[M-1.3\]$"
        ):
            check_text(value, "name", "M-1.3")

    def test_a_calendar_must_be_a_work_calendar(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^calendar must be a WorkCalendar or None, got 'china' \[M-1.4\]$",
        ):
            check_calendar("china", "M-1.4")
