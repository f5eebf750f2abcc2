"""WorkCalendar and CalendarYear: working days, make-up days and coverage (Conventions: Working
days; used by M-1.4 and the PRC Civil Code art. 203 roll).

Most tests use small calendars built here, so they do not depend on the built-in China data;
``china()`` is used for 2026 dates only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CalendarDataError,
    CalendarYear,
    CustPolicyError,
    InvalidInputError,
    WorkCalendar,
    china,
)

D = date

# ACME, a Monday-to-Friday calendar for 2027-2028:
#   2027-01-01 (Fri) off; Spring Festival 2027-02-06 (Sat) .. 2027-02-14 (Sun) off, weekend days
#   included in the listing; make-up Saturdays 2027-01-30 and 2027-02-20.
#   2028-01-03 (Mon) off; no make-up days.
SPRING = [D(2027, 2, 6) + timedelta(i) for i in range(9)]
ACME_2027 = CalendarYear(
    2027,
    days_off=[D(2027, 1, 1), *SPRING],
    workdays=[D(2027, 1, 30), D(2027, 2, 20)],
    source="ACME holiday notice 2027",
)
ACME_2028 = CalendarYear(2028, days_off=[D(2028, 1, 3)])
ACME = WorkCalendar("acme", (ACME_2027, ACME_2028))


def one_year(year: int = 2027, **kwargs: object) -> WorkCalendar:
    return WorkCalendar("plain", (CalendarYear(year),), **kwargs)  # type: ignore[arg-type]


# -- worked cases -----------------------------------------------------------------------------


class TestAddWorkingDays:
    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            # across a weekend
            (D(2027, 1, 8), 1, D(2027, 1, 11)),
            (D(2027, 1, 8), 5, D(2027, 1, 15)),
            (D(2027, 1, 4), 10, D(2027, 1, 18)),
            # across the listed holiday block (2027-02-06 .. 02-14)
            (D(2027, 2, 5), 1, D(2027, 2, 15)),
            (D(2027, 2, 5), 2, D(2027, 2, 16)),
            (D(2027, 2, 4), 3, D(2027, 2, 16)),
            # onto a make-up Saturday
            (D(2027, 1, 29), 1, D(2027, 1, 30)),
            (D(2027, 2, 19), 1, D(2027, 2, 20)),
            (D(2027, 2, 19), 2, D(2027, 2, 22)),
            # across the year end, onto a day off in the next year
            (D(2027, 12, 31), 1, D(2028, 1, 4)),
            # 2028: 260 weekdays, 2028-01-03 off, so 258 working days after 2028-01-04
            (D(2028, 1, 4), 258, D(2028, 12, 29)),
        ],
    )
    def test_forward_worked_cases(self, start: date, n: int, expected: date) -> None:
        assert ACME.add_working_days(start, n) == expected

    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            (D(2027, 1, 11), -1, D(2027, 1, 8)),
            (D(2027, 2, 15), -1, D(2027, 2, 5)),
            (D(2027, 2, 22), -1, D(2027, 2, 20)),
            (D(2027, 2, 1), -1, D(2027, 1, 30)),
            (D(2027, 1, 5), -1, D(2027, 1, 4)),
            (D(2028, 1, 4), -1, D(2027, 12, 31)),
            (D(2027, 2, 16), -5, D(2027, 2, 2)),
        ],
    )
    def test_negative_n_counts_backwards(self, start: date, n: int, expected: date) -> None:
        assert ACME.add_working_days(start, n) == expected

    @pytest.mark.parametrize(
        "start", [D(2027, 1, 11), D(2027, 1, 9), D(2027, 2, 10), D(2027, 2, 20), D(2027, 1, 1)]
    )
    def test_n_zero_returns_the_start_day_even_if_it_is_a_day_off(self, start: date) -> None:
        assert ACME.add_working_days(start, 0) == start

    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            (D(2027, 1, 11), 1, D(2027, 1, 12)),  # a working Monday
            (D(2027, 1, 9), 1, D(2027, 1, 11)),  # a Saturday
            (D(2027, 1, 10), 1, D(2027, 1, 11)),  # a Sunday
            (D(2027, 2, 10), 1, D(2027, 2, 15)),  # a Wednesday holiday
            (D(2027, 2, 13), 1, D(2027, 2, 15)),  # a Saturday listed in the holiday block
            (D(2027, 1, 1), 1, D(2027, 1, 4)),  # New Year's Day
            (D(2027, 1, 10), -1, D(2027, 1, 8)),
            (D(2027, 2, 10), -1, D(2027, 2, 5)),
            (D(2027, 1, 11), -1, D(2027, 1, 8)),
        ],
    )
    def test_start_day_never_counts(self, start: date, n: int, expected: date) -> None:
        assert ACME.add_working_days(start, n) == expected

    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            (D(2026, 9, 30), 1, D(2026, 10, 8)),  # National Day 1-7 October
            (D(2026, 10, 9), 1, D(2026, 10, 10)),  # a make-up Saturday
            (D(2026, 2, 13), 5, D(2026, 2, 27)),  # across the Spring Festival
            (D(2026, 2, 27), -5, D(2026, 2, 13)),
            (D(2026, 9, 19), 1, D(2026, 9, 20)),  # a make-up Sunday
        ],
    )
    def test_china_2026(self, start: date, n: int, expected: date) -> None:
        assert china().add_working_days(start, n) == expected


class TestWorkingDaysBetween:
    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (D(2027, 1, 8), D(2027, 1, 11), 1),  # Fri to Mon: the weekend does not count
            (D(2027, 1, 8), D(2027, 1, 9), 0),
            (D(2027, 1, 11), D(2027, 1, 12), 1),  # the end day counts, the start does not
            (D(2027, 1, 1), D(2027, 1, 4), 1),
            (D(2027, 2, 5), D(2027, 2, 15), 1),  # the holiday block
            (D(2027, 2, 5), D(2027, 2, 20), 6),  # five weekdays and a make-up Saturday
            (D(2027, 1, 1), D(2027, 12, 31), 257),  # 261 weekdays - 6 off + 2 make-up days
            (D(2027, 12, 31), D(2028, 1, 4), 1),
            (D(2027, 12, 31), D(2028, 12, 31), 259),  # 2028: 260 weekdays - 1 off
        ],
    )
    def test_counts_working_days_in_the_half_open_interval(
        self, start: date, end: date, expected: int
    ) -> None:
        assert ACME.working_days_between(start, end) == expected

    @pytest.mark.parametrize("day", [D(2027, 1, 11), D(2027, 2, 10), D(2027, 1, 30)])
    def test_the_same_day_gives_zero(self, day: date) -> None:
        assert ACME.working_days_between(day, day) == 0

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [(D(2027, 1, 11), D(2027, 1, 8), -1), (D(2027, 2, 20), D(2027, 2, 5), -6)],
    )
    def test_reversed_gives_the_negative(self, start: date, end: date, expected: int) -> None:
        assert ACME.working_days_between(start, end) == expected
        assert ACME.working_days_between(end, start) == -expected

    def test_china_2026_has_248_working_days_after_new_year(self) -> None:
        assert china().working_days_between(D(2026, 1, 1), D(2026, 12, 31)) == 248


class TestNextWorkingDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2027, 1, 11), D(2027, 1, 12)),
            (D(2027, 1, 8), D(2027, 1, 11)),
            (D(2027, 2, 5), D(2027, 2, 15)),
            (D(2027, 2, 19), D(2027, 2, 20)),
            (D(2027, 12, 31), D(2028, 1, 4)),
        ],
    )
    def test_is_the_first_working_day_strictly_after(self, day: date, expected: date) -> None:
        assert ACME.next_working_day(day) == expected


class TestRollForward:
    """PRC Civil Code art. 203: a day off rolls to the next working day; a working day stays."""

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2027, 2, 10), D(2027, 2, 15)),  # a holiday
            (D(2027, 2, 13), D(2027, 2, 15)),  # a Saturday in the holiday block
            (D(2027, 1, 9), D(2027, 1, 11)),  # a plain Saturday
            (D(2027, 12, 31), D(2027, 12, 31)),
            (D(2028, 1, 1), D(2028, 1, 4)),  # Sat, Sun, then a Monday off
        ],
    )
    def test_a_day_off_rolls_to_the_next_working_day(self, day: date, expected: date) -> None:
        assert ACME.roll_forward(day) == expected

    @pytest.mark.parametrize("day", [D(2027, 1, 11), D(2027, 2, 20), D(2027, 1, 30)])
    def test_a_working_day_stays(self, day: date) -> None:
        assert ACME.roll_forward(day) == day

    def test_china_national_day(self) -> None:
        assert china().roll_forward(D(2026, 10, 1)) == D(2026, 10, 8)


class TestIsWorkingDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2027, 1, 4), True),
            (D(2027, 1, 1), False),
            (D(2027, 1, 9), False),
            (D(2027, 2, 10), False),
            (D(2027, 2, 13), False),
            (D(2027, 1, 30), True),
            (D(2027, 2, 20), True),
            (D(2028, 1, 3), False),
        ],
    )
    def test_weekdays_minus_days_off_plus_make_up_days(self, day: date, expected: bool) -> None:
        assert ACME.is_working_day(day) is expected

    def test_china_make_up_sunday(self) -> None:
        assert china().is_working_day(D(2026, 9, 20)) is True
        assert china().is_working_day(D(2026, 10, 1)) is False


class TestCovers:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2027, 1, 1), True),
            (D(2028, 12, 31), True),
            (D(2026, 12, 31), False),
            (D(2029, 1, 1), False),
        ],
    )
    def test_covers_exactly_the_listed_years(self, day: date, expected: bool) -> None:
        assert ACME.covers(day) is expected

    def test_first_and_last_year(self) -> None:
        assert (ACME.first_year, ACME.last_year) == (2027, 2028)


class TestDaysOffIn:
    def test_lists_the_days_off_on_working_weekdays_only(self) -> None:
        assert ACME.days_off_in(D(2027, 1, 1), D(2027, 12, 31)) == (
            D(2027, 1, 1),
            D(2027, 2, 8),
            D(2027, 2, 9),
            D(2027, 2, 10),
            D(2027, 2, 11),
            D(2027, 2, 12),
        )

    def test_both_ends_are_included(self) -> None:
        assert ACME.days_off_in(D(2027, 2, 9), D(2027, 2, 10)) == (D(2027, 2, 9), D(2027, 2, 10))

    def test_a_reversed_range_is_empty(self) -> None:
        assert ACME.days_off_in(D(2027, 2, 12), D(2027, 2, 8)) == ()

    def test_a_range_across_years(self) -> None:
        assert ACME.days_off_in(D(2027, 12, 1), D(2028, 1, 31)) == (D(2028, 1, 3),)


class TestCustomWeekend:
    def test_friday_saturday_weekend(self) -> None:
        gulf = one_year(weekend={4, 5})
        assert gulf.is_working_day(D(2027, 1, 10))  # a Sunday
        assert not gulf.is_working_day(D(2027, 1, 8))  # a Friday
        assert gulf.add_working_days(D(2027, 1, 7), 1) == D(2027, 1, 10)
        assert gulf.working_days_between(D(2027, 1, 7), D(2027, 1, 10)) == 1
        assert gulf.add_working_days(D(2027, 1, 10), -1) == D(2027, 1, 7)

    def test_an_empty_weekend_makes_every_day_a_working_day(self) -> None:
        always = one_year(weekend=frozenset())
        assert always.add_working_days(D(2027, 1, 8), 2) == D(2027, 1, 10)
        assert always.working_days_between(D(2027, 1, 1), D(2027, 12, 31)) == 364

    def test_a_six_day_weekend_leaves_one_working_day_a_week(self) -> None:
        sundays = one_year(weekend={0, 1, 2, 3, 4, 5})
        assert sundays.add_working_days(D(2027, 1, 3), 1) == D(2027, 1, 10)
        assert sundays.add_working_days(D(2027, 1, 5), -1) == D(2027, 1, 3)
        assert sundays.working_days_between(D(2027, 1, 1), D(2027, 12, 31)) == 52

    def test_a_make_up_day_on_the_custom_weekend(self) -> None:
        gulf = WorkCalendar("gulf", (CalendarYear(2027, workdays=[D(2027, 1, 8)]),), weekend={4, 5})
        assert gulf.add_working_days(D(2027, 1, 7), 1) == D(2027, 1, 8)

    def test_the_weekend_is_stored_as_a_frozenset(self) -> None:
        assert one_year(weekend=[6, 5, 5]).weekend == frozenset({5, 6})


class TestWithChanges:
    def test_a_company_day_off_on_a_weekday(self) -> None:
        co = ACME.with_changes(name="acme-co", days_off=[D(2027, 6, 1)], source="founding day")
        assert not co.is_working_day(D(2027, 6, 1))
        assert ACME.is_working_day(D(2027, 6, 1))  # the original is unchanged
        assert co.add_working_days(D(2027, 5, 31), 1) == D(2027, 6, 2)
        assert co.name == "acme-co"
        assert co.years[0].source == "ACME holiday notice 2027; founding day"
        assert co.years[1] is ACME_2028  # an unchanged year is kept as is

    def test_a_source_on_a_year_without_one(self) -> None:
        co = ACME.with_changes(name="acme-co", days_off=[D(2028, 6, 1)], source="founding day")
        assert co.years[1].source == "founding day"
        assert co.years[0] is ACME_2027

    def test_a_holiday_on_a_weekday_made_a_working_day(self) -> None:
        co = ACME.with_changes(name="acme-co", workdays=[D(2027, 2, 10)], source="stock-take")
        assert co.is_working_day(D(2027, 2, 10))
        assert D(2027, 2, 10) not in co.days_off_in(D(2027, 2, 1), D(2027, 2, 28))
        assert co.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 10)

    @pytest.mark.parametrize("day", [D(2027, 2, 13), D(2027, 1, 9)])
    def test_a_weekend_day_made_a_working_day(self, day: date) -> None:
        co = ACME.with_changes(name="acme-co", workdays=[day], source="stock-take")
        assert co.is_working_day(day)
        assert day in co.years[0].workdays

    def test_a_plain_weekday_made_a_working_day_changes_nothing(self) -> None:
        co = ACME.with_changes(name="acme-co", workdays=[D(2027, 3, 3)], source="noop")
        assert co.working_days_between(D(2027, 1, 1), D(2028, 12, 31)) == (
            ACME.working_days_between(D(2027, 1, 1), D(2028, 12, 31))
        )

    def test_a_make_up_day_made_a_day_off(self) -> None:
        co = ACME.with_changes(name="acme-co", days_off=[D(2027, 2, 20)], source="cancelled")
        assert not co.is_working_day(D(2027, 2, 20))
        assert D(2027, 2, 20) not in co.years[0].workdays

    def test_a_date_outside_the_calendar_is_refused(self) -> None:
        with pytest.raises(CalendarCoverageError, match=r"workdays date 2029-01-06 falls in 2029"):
            ACME.with_changes(name="x", workdays=[D(2029, 1, 6)], source="s")

    def test_a_date_both_off_and_working_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^workdays must not also be days off, got 2027-03-03 "
            r"\[WorkCalendar.with_changes\]$",
        ):
            ACME.with_changes(
                name="x", days_off=[D(2027, 3, 3)], workdays=[D(2027, 3, 3)], source="s"
            )

    @pytest.mark.parametrize("source", ["", None, 3])
    def test_a_source_is_required(self, source: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"source must be a non-empty str, got .* \[WorkCalendar.with"
        ):
            ACME.with_changes(name="x", days_off=[D(2027, 3, 3)], source=source)  # type: ignore[arg-type]

    def test_the_dates_must_be_dates(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"days_off must be a collection of dates, got '2027-03-03'"
        ):
            ACME.with_changes(name="x", days_off="2027-03-03", source="s")  # type: ignore[arg-type]

    def test_the_new_name_is_validated(self) -> None:
        with pytest.raises(InvalidInputError, match=r"name must be a non-empty str, got ''"):
            ACME.with_changes(name="", days_off=[D(2027, 3, 3)], source="s")

    def test_china_with_a_company_day(self) -> None:
        co = china().with_changes(name="acme", days_off=[D(2026, 6, 1)], source="founding day")
        assert not co.is_working_day(D(2026, 6, 1))
        assert china().is_working_day(D(2026, 6, 1))


class TestExtended:
    def test_a_following_year_extends_the_coverage(self) -> None:
        longer = ACME.extended(CalendarYear(2029, days_off=[D(2029, 1, 1)]))
        assert longer.last_year == 2029
        assert longer.name == ACME.name
        assert longer.add_working_days(D(2028, 12, 29), 1) == D(2029, 1, 2)
        assert not ACME.covers(D(2029, 1, 2))  # the original is unchanged

    def test_several_years_at_once(self) -> None:
        longer = ACME.extended(CalendarYear(2029), CalendarYear(2030))
        assert longer.last_year == 2030

    @pytest.mark.parametrize("year", [2030, 2028, 2026])
    def test_a_year_that_does_not_follow_on_is_refused(self, year: int) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"years must be consecutive and ascending, got 2028 then {year} "
            r"\[WorkCalendar\]",
        ):
            ACME.extended(CalendarYear(year))

    def test_the_error_for_the_year_after_suggests_with_year_from_the_notice(self) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            ACME.is_working_day(D(2029, 1, 2))
        assert "calendar.with_year(CalendarYear.from_toml(...))" in str(caught.value)
        # following the advice works
        notice = CalendarYear.from_toml('year = 2029\nsource = "notice"\ndays_off = [2029-01-01]')
        assert ACME.with_year(notice).is_working_day(D(2029, 1, 2))


# -- coverage errors --------------------------------------------------------------------------


class TestCoverage:
    @pytest.mark.parametrize(
        ("call", "argument", "year", "where"),
        [
            (lambda: ACME.is_working_day(D(2026, 12, 31)), "d 2026-12-31", 2026, "is_working_day"),
            (lambda: ACME.is_working_day(D(2029, 1, 1)), "d 2029-01-01", 2029, "is_working_day"),
            (
                lambda: ACME.add_working_days(D(2029, 1, 1), 0),
                "d 2029-01-01",
                2029,
                "add_working_days",
            ),
            (
                lambda: ACME.working_days_between(D(2026, 6, 1), D(2027, 6, 1)),
                "start 2026-06-01",
                2026,
                "working_days_between",
            ),
            (
                lambda: ACME.working_days_between(D(2027, 6, 1), D(2031, 6, 1)),
                "end 2031-06-01",
                2031,
                "working_days_between",
            ),
            (
                lambda: ACME.next_working_day(D(2030, 1, 1)),
                "d 2030-01-01",
                2030,
                "next_working_day",
            ),
            (lambda: ACME.roll_forward(D(2030, 1, 5)), "d 2030-01-05", 2030, "roll_forward"),
            (
                lambda: ACME.days_off_in(D(2026, 1, 1), D(2027, 1, 31)),
                "start 2026-01-01",
                2026,
                "days_off_in",
            ),
            (
                lambda: ACME.days_off_in(D(2027, 1, 1), D(2029, 1, 31)),
                "end 2029-01-31",
                2029,
                "days_off_in",
            ),
        ],
    )
    def test_an_input_date_outside_the_years_is_an_error(
        self, call: object, argument: str, year: int, where: str
    ) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            call()  # type: ignore[operator]
        error = caught.value
        assert error.year == year
        assert error.calendar == "acme"
        message = str(error)
        assert message.startswith(f"{argument} falls in {year}, which calendar 'acme'")
        assert "(it covers 2027-2028)" in message
        assert message.endswith(f"[WorkCalendar.{where}]")

    def test_a_result_after_the_last_year_is_an_error(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=re.escape(
                "the result of add_working_days falls in 2029, which calendar 'acme' does not "
                "cover (it covers 2027-2028); add 2029 from its notice: "
                "calendar.with_year(CalendarYear.from_toml(...)) [WorkCalendar.add_working_days]"
            ),
        ) as caught:
            ACME.add_working_days(D(2028, 12, 29), 1)
        assert (caught.value.year, caught.value.calendar) == (2029, "acme")

    def test_a_result_before_the_first_year_is_an_error(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=re.escape(
                "the result of add_working_days falls in 2026, which calendar 'acme' does not "
                "cover (it covers 2027-2028); build it again with the earlier years first: "
                "WorkCalendar('acme', (CalendarYear(2026, days_off=..., workdays=..., "
                "source=...), *calendar.years)) [WorkCalendar.add_working_days]"
            ),
        ) as caught:
            ACME.add_working_days(D(2027, 1, 4), -1)  # 2027-01-01 is off
        assert (caught.value.year, caught.value.calendar) == (2026, "acme")

    def test_the_last_working_day_before_the_end_is_still_reachable(self) -> None:
        assert ACME.add_working_days(D(2028, 12, 28), 1) == D(2028, 12, 29)
        assert ACME.add_working_days(D(2027, 1, 5), -1) == D(2027, 1, 4)

    def test_next_working_day_and_roll_forward_name_themselves(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=r"^the result of next_working_day falls in 2029"
            r".*\[WorkCalendar.next_working_day\]$",
        ):
            ACME.next_working_day(D(2028, 12, 29))
        with pytest.raises(
            CalendarCoverageError,
            match=r"^the result of roll_forward falls in 2029.*\[WorkCalendar.roll_forward\]$",
        ):
            ACME.roll_forward(D(2028, 12, 30))

    def test_a_gap_of_several_years_lists_the_years_to_add(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=re.escape(
                "extend it with WorkCalendar.extended(CalendarYear(2029, days_off=..., "
                "workdays=..., source=...), ..., CalendarYear(2031, days_off=..., workdays=..., "
                "source=...))"
            ),
        ):
            ACME.is_working_day(D(2031, 5, 5))
        with pytest.raises(
            CalendarCoverageError,
            match=re.escape("(CalendarYear(2024, days_off=..., workdays=..., source=...), ..., "),
        ):
            ACME.is_working_day(D(2024, 5, 5))

    def test_a_coverage_error_is_a_lookup_error(self) -> None:
        with pytest.raises(LookupError):
            ACME.is_working_day(D(2026, 1, 1))
        assert issubclass(CalendarCoverageError, CustPolicyError)

    def test_china_2025_is_not_guessed_by_a_custom_calendar(self) -> None:
        only_2026 = WorkCalendar("cn-2026", (china().years[-1],))
        with pytest.raises(CalendarCoverageError, match=r"falls in 2027") as caught:
            only_2026.add_working_days(D(2026, 12, 31), 1)
        assert caught.value.calendar == "cn-2026"


# -- validation errors ------------------------------------------------------------------------

NOT_DATES = [
    datetime(2027, 1, 4, 9, 30),
    "2027-01-04",
    20270104,
    None,
]


class TestCheckCovered:
    """``check_covered``: the public coverage check that rules use to name their own argument."""

    @pytest.mark.parametrize("day", [D(2027, 1, 1), D(2028, 12, 31)])
    def test_the_first_and_last_covered_days_are_accepted(self, day: date) -> None:
        assert ACME.check_covered(day, "first_contact", "M-1.4") is day

    @pytest.mark.parametrize(
        ("day", "year", "how"),
        [
            (D(2026, 12, 31), 2026, "build it again with the earlier years first"),
            (D(2029, 1, 1), 2029, "add 2029 from its notice: calendar.with_year("),
        ],
    )
    def test_the_day_before_and_the_day_after_are_refused_naming_the_argument(
        self, day: date, year: int, how: str
    ) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            ACME.check_covered(day, "first_contact", "registration_status M-1.4")
        assert (caught.value.year, caught.value.calendar) == (year, "acme")
        message = str(caught.value)
        assert message.startswith(f"first_contact {day} falls in {year}, which calendar 'acme'")
        assert how in message
        assert message.endswith("[registration_status M-1.4]")

    @pytest.mark.parametrize("day", NOT_DATES)
    def test_a_value_that_is_not_a_date_is_refused_naming_the_argument(self, day: object) -> None:
        expected = r"^changed_on must be a datetime.date .*\[M-1.4\]$"
        with pytest.raises(InvalidInputError, match=expected):
            ACME.check_covered(day, "changed_on", "M-1.4")  # type: ignore[arg-type]

    @given(st.dates())
    def test_it_refuses_exactly_the_days_covers_denies(self, day: date) -> None:
        if ACME.covers(day):
            assert ACME.check_covered(day, "d", "here") == day
        else:
            with pytest.raises(CalendarCoverageError):
                ACME.check_covered(day, "d", "here")


class TestDateArguments:
    @pytest.mark.parametrize("bad", NOT_DATES)
    @pytest.mark.parametrize(
        ("method", "call"),
        [
            ("is_working_day", lambda d: ACME.is_working_day(d)),
            ("add_working_days", lambda d: ACME.add_working_days(d, 1)),
            ("next_working_day", lambda d: ACME.next_working_day(d)),
            ("roll_forward", lambda d: ACME.roll_forward(d)),
            ("covers", lambda d: ACME.covers(d)),
        ],
    )
    def test_d_must_be_a_date(self, bad: object, method: str, call: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^d must be a datetime.date \(not a datetime or a string\), got "
            rf"{re.escape(repr(bad))} \[WorkCalendar.{method}\]$",
        ):
            call(bad)  # type: ignore[operator]

    @pytest.mark.parametrize("bad", NOT_DATES)
    @pytest.mark.parametrize("method", ["working_days_between", "days_off_in"])
    def test_start_and_end_must_be_dates(self, bad: object, method: str) -> None:
        call = getattr(ACME, method)
        with pytest.raises(InvalidInputError, match=rf"^start must be .*\[WorkCalendar.{method}\]"):
            call(bad, D(2027, 1, 4))
        with pytest.raises(InvalidInputError, match=rf"^end must be .*\[WorkCalendar.{method}\]"):
            call(D(2027, 1, 4), bad)

    def test_a_date_subclass_that_is_not_a_datetime_is_accepted(self) -> None:
        class MyDate(date):
            pass

        assert ACME.add_working_days(MyDate(2027, 1, 8), 1) == D(2027, 1, 11)


class TestNArgument:
    @pytest.mark.parametrize("n", [True, False, 1.0, 0.0, "1", Decimal(1), None])
    def test_n_must_be_an_int(self, n: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^n must be an int, got {re.escape(repr(n))} "
            r"\[WorkCalendar.add_working_days\]$",
        ):
            ACME.add_working_days(D(2027, 1, 4), n)  # type: ignore[arg-type]


class TestCalendarYearValidation:
    def test_a_date_in_another_year_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^days_off must fall in 2027, got 2028-01-01 \[CalendarYear\]$",
        ):
            CalendarYear(2027, days_off=[D(2028, 1, 1)])
        with pytest.raises(
            InvalidInputError,
            match=r"^workdays must fall in 2027, got 2026-12-26 \[CalendarYear\]$",
        ):
            CalendarYear(2027, workdays=[D(2026, 12, 26)])

    def test_a_date_both_off_and_working_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^workdays must not also be days off, got 2027-01-09 \[CalendarYear\]$",
        ):
            CalendarYear(2027, days_off=[D(2027, 1, 9)], workdays=[D(2027, 1, 9)])

    @pytest.mark.parametrize("year", [0, 9999, 2027.0, "2027", True, None])
    def test_the_year_must_be_an_int_in_range(self, year: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^year must be an int from 1 to 9998, got {re.escape(repr(year))} \[Calendar",
        ):
            CalendarYear(year)  # type: ignore[arg-type]

    @pytest.mark.parametrize("listed", ["2027-01-01", b"x", 3, D(2027, 1, 1)])
    def test_the_lists_must_be_collections(self, listed: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^days_off must be a collection of dates"):
            CalendarYear(2027, days_off=listed)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", NOT_DATES)
    def test_the_lists_must_hold_dates(self, bad: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^workdays must be a datetime.date .*\[CalendarYear\]$"
        ):
            CalendarYear(2027, workdays=[bad])  # type: ignore[list-item]

    def test_the_source_must_be_a_str(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^source must be a str, got None"):
            CalendarYear(2027, source=None)  # type: ignore[arg-type]

    def test_the_lists_are_sorted_and_deduplicated(self) -> None:
        year = CalendarYear(2027, days_off={D(2027, 5, 3), D(2027, 5, 1), D(2027, 5, 3)})
        assert year.days_off == (D(2027, 5, 1), D(2027, 5, 3))


class TestWorkCalendarValidation:
    def test_a_listed_workday_must_be_a_weekend_day(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^workdays must list only weekend days made working days, got 2027-01-04 \(a "
            r"Monday\) in year 2027 \[WorkCalendar 'x'\]$",
        ):
            WorkCalendar("x", (CalendarYear(2027, workdays=[D(2027, 1, 4)]),))

    def test_a_workday_that_is_a_weekend_day_only_on_the_custom_weekend(self) -> None:
        year = CalendarYear(2027, workdays=[D(2027, 1, 9)])  # a Saturday
        with pytest.raises(InvalidInputError, match=r"got 2027-01-09 \(a Saturday\)"):
            WorkCalendar("x", (year,), weekend={4})

    @pytest.mark.parametrize(("first", "second"), [(2027, 2029), (2028, 2027), (2027, 2027)])
    def test_years_must_be_consecutive(self, first: int, second: int) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^years must be consecutive and ascending, got {first} then {second} "
            r"\[WorkCalendar\]$",
        ):
            WorkCalendar("x", (CalendarYear(first), CalendarYear(second)))

    @pytest.mark.parametrize("years", [(), []])
    def test_years_must_not_be_empty(self, years: Iterable[CalendarYear]) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^years must list at least one CalendarYear, got \(\) \[WorkCalendar\]$",
        ):
            WorkCalendar("x", years)

    @pytest.mark.parametrize("years", [None, 2027, "2027", CalendarYear(2027)])
    def test_years_must_be_a_sequence(self, years: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^years must be a sequence of CalendarYear values, got "
            rf"{re.escape(repr(years))} \[WorkCalendar\]$",
        ):
            WorkCalendar("x", years)  # type: ignore[arg-type]

    def test_years_must_hold_calendar_years(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^years\[1\] must be a CalendarYear, got 2028 \[WorkCalendar"
        ):
            WorkCalendar("x", [CalendarYear(2027), 2028])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        "weekend",
        [
            set(range(7)),
            {7},
            {-1},
            {5, 6, 7},
            {5.0},
            {True},
            {"5"},
            "56",
            None,
            5,
            [[5, 6]],
        ],
    )
    def test_the_weekend_must_be_at_most_six_weekday_numbers(self, weekend: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^weekend must be a set of at most six weekday numbers \(0 = Monday \.\.\. 6 = "
            r"Sunday\), got .* \[WorkCalendar\]$",
        ):
            WorkCalendar("x", (CalendarYear(2027),), weekend=weekend)  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", ["", None, 3])
    def test_the_name_must_be_a_non_empty_str(self, name: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^name must be a non-empty str, got {re.escape(repr(name))} \[WorkCalendar\]$",
        ):
            WorkCalendar(name, (CalendarYear(2027),))  # type: ignore[arg-type]

    def test_invalid_input_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match="name must be"):
            WorkCalendar("", (CalendarYear(2027),))
        assert issubclass(InvalidInputError, CustPolicyError)

    def test_equal_calendars_compare_equal(self) -> None:
        rebuilt = WorkCalendar("acme", [ACME_2027, ACME_2028])
        assert rebuilt == ACME
        assert hash(rebuilt) == hash(ACME)

    @pytest.mark.parametrize("year", [1, 9998])
    def test_the_first_and_last_possible_years(self, year: int) -> None:
        cal = WorkCalendar("edge", (CalendarYear(year),))
        first, last = D(year, 1, 1), D(year, 12, 31)
        days = cal.working_days_between(first, last) + cal.is_working_day(first)
        assert days == sum(
            (first + timedelta(i)).weekday() < 5 for i in range((last - first).days + 1)
        )
        with pytest.raises(CalendarCoverageError, match=rf"falls in {year + 1}"):
            cal.add_working_days(last, 1)
        with pytest.raises(CalendarCoverageError, match=rf"falls in {year - 1}"):
            cal.add_working_days(first, -1)


# -- properties against a naive oracle --------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A random calendar, and a naive oracle that walks it day by day."""

    first: int
    last: int
    weekend: frozenset[int]
    off: frozenset[date]
    on: frozenset[date]

    @property
    def lo(self) -> int:
        return D(self.first, 1, 1).toordinal()

    @property
    def hi(self) -> int:
        return D(self.last, 12, 31).toordinal()

    def calendar(self) -> WorkCalendar:
        years = tuple(
            CalendarYear(
                y,
                days_off=[d for d in self.off if d.year == y],
                workdays=[d for d in self.on if d.year == y],
            )
            for y in range(self.first, self.last + 1)
        )
        return WorkCalendar("random", years, weekend=self.weekend)

    def working(self, o: int) -> bool:
        d = D.fromordinal(o)
        if d in self.on:
            return True
        if d in self.off:
            return False
        return d.weekday() not in self.weekend

    def add(self, o: int, n: int) -> int | None:
        """The |n|-th working day strictly after (before) o, or None if it is not covered."""
        step = 1 if n > 0 else -1
        left = abs(n)
        while left:
            o += step
            if not self.lo <= o <= self.hi:
                return None
            left -= self.working(o)
        return o

    def between(self, a: int, b: int) -> int:
        if a > b:
            return -self.between(b, a)
        return sum(self.working(o) for o in range(a + 1, b + 1))

    def days_off_in(self, a: int, b: int) -> tuple[date, ...]:
        return tuple(
            D.fromordinal(o)
            for o in range(a, b + 1)
            if D.fromordinal(o) in self.off and D.fromordinal(o).weekday() not in self.weekend
        )


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    first = draw(st.one_of(st.integers(1990, 2040), st.sampled_from([1, 2, 9995])))
    last = first + draw(st.integers(1, 3))
    mask = draw(st.integers(0, 0b1111110))  # any set of weekdays but all seven
    weekend = frozenset(w for w in range(7) if mask >> w & 1)
    lo, hi = D(first, 1, 1).toordinal(), D(last, 12, 31).toordinal()
    ordinal = st.integers(lo, hi)
    off: set[int] = set(draw(st.lists(ordinal, max_size=8)))
    for start, length in draw(st.lists(st.tuples(ordinal, st.integers(1, 10)), max_size=4)):
        off.update(range(start, min(start + length, hi + 1)))
    on: set[int] = set()
    if weekend:
        for o in draw(st.lists(ordinal, max_size=8)):
            # move forward to the next weekend day, if it is still covered
            while (o - 1) % 7 not in weekend:
                o += 1
            if o <= hi:
                on.add(o)
    # a weekend day is either made a working day or listed off, never both
    on_or_off = draw(st.sampled_from(["on", "off"]))
    both = on & off
    if on_or_off == "on":
        off -= both
    else:
        on -= both
    return Spec(
        first,
        last,
        weekend,
        frozenset(map(D.fromordinal, off)),
        frozenset(map(D.fromordinal, on)),
    )


@st.composite
def spec_and_days(draw: st.DrawFn, count: int) -> tuple[Spec, list[int]]:
    spec = draw(specs())
    listed = sorted(d.toordinal() for d in spec.off | spec.on)
    near = sorted(
        {o + k for o in listed for k in (-1, 0, 1)} | {spec.lo, spec.lo + 1, spec.hi - 1, spec.hi}
    )
    near = [o for o in near if spec.lo <= o <= spec.hi]
    day = st.one_of(st.integers(spec.lo, spec.hi), st.sampled_from(near))
    return spec, [draw(day) for _ in range(count)]


steps = st.one_of(st.integers(-12, 12), st.integers(-800, 800))
small_steps = st.one_of(st.integers(-12, 12), st.integers(-150, 150))


class TestAgainstTheOracle:
    @given(spec_and_days(1), steps)
    def test_add_working_days_equals_the_oracle(self, case: tuple[Spec, list[int]], n: int) -> None:
        spec, (o,) = case
        cal = spec.calendar()
        expected = spec.add(o, n)
        if expected is None:
            with pytest.raises(CalendarCoverageError) as caught:
                cal.add_working_days(D.fromordinal(o), n)
            assert caught.value.year == (spec.last + 1 if n > 0 else spec.first - 1)
        else:
            assert cal.add_working_days(D.fromordinal(o), n) == D.fromordinal(expected)

    @given(spec_and_days(2))
    def test_working_days_between_equals_the_oracle(self, case: tuple[Spec, list[int]]) -> None:
        spec, (a, b) = case
        cal = spec.calendar()
        assert cal.working_days_between(D.fromordinal(a), D.fromordinal(b)) == spec.between(a, b)

    @given(spec_and_days(1))
    def test_is_working_day_agrees_with_the_oracle(self, case: tuple[Spec, list[int]]) -> None:
        # every listed day and its neighbours, the first and last weeks, and a 60-day window
        spec, (start,) = case
        cal = spec.calendar()
        days = {o + k for d in spec.off | spec.on for o in [d.toordinal()] for k in (-1, 0, 1)}
        days |= set(range(spec.lo, spec.lo + 7)) | set(range(spec.hi - 6, spec.hi + 1))
        days |= set(range(start, start + 60))
        for o in sorted(days):
            if spec.lo <= o <= spec.hi:
                assert cal.is_working_day(D.fromordinal(o)) is spec.working(o)

    @given(spec_and_days(1))
    def test_roll_forward_and_next_working_day_equal_the_oracle(
        self, case: tuple[Spec, list[int]]
    ) -> None:
        spec, (o,) = case
        cal, d = spec.calendar(), D.fromordinal(o)
        following = spec.add(o, 1)
        rolled = o if spec.working(o) else following
        if rolled is None:
            with pytest.raises(CalendarCoverageError):
                cal.roll_forward(d)
        else:
            assert cal.roll_forward(d) == D.fromordinal(rolled)
        if following is None:
            with pytest.raises(CalendarCoverageError):
                cal.next_working_day(d)
        else:
            assert cal.next_working_day(d) == D.fromordinal(following)

    @given(spec_and_days(2))
    def test_days_off_in_equals_the_oracle(self, case: tuple[Spec, list[int]]) -> None:
        spec, (a, b) = case
        cal = spec.calendar()
        assert cal.days_off_in(D.fromordinal(a), D.fromordinal(b)) == spec.days_off_in(a, b)

    @given(spec_and_days(3), st.booleans())
    def test_with_changes_overrides_what_the_calendar_said(
        self, case: tuple[Spec, list[int]], working: bool
    ) -> None:
        spec, days = case
        changed = frozenset(D.fromordinal(o) for o in days)
        if working:
            new = Spec(
                spec.first,
                spec.last,
                spec.weekend,
                spec.off - changed,
                spec.on | {d for d in changed if d.weekday() in spec.weekend},
            )
            cal = spec.calendar().with_changes(name="co", workdays=changed, source="test")
        else:
            new = Spec(spec.first, spec.last, spec.weekend, spec.off | changed, spec.on - changed)
            cal = spec.calendar().with_changes(name="co", days_off=changed, source="test")
        for d in changed:
            assert cal.is_working_day(d) is working
        for o in range(min(days) - 8, max(days) + 9):
            if spec.lo <= o <= spec.hi:
                assert cal.is_working_day(D.fromordinal(o)) is new.working(o)
        assert cal.working_days_between(D.fromordinal(spec.lo), D.fromordinal(spec.hi)) == (
            new.between(spec.lo, spec.hi)
        )
        assert {d for y in cal.years for d in y.days_off} == new.off
        assert {d for y in cal.years for d in y.workdays} == new.on
        assert cal.name == "co"


def add_or_none(cal: WorkCalendar, d: date, n: int) -> date | None:
    try:
        return cal.add_working_days(d, n)
    except CalendarCoverageError:
        return None


class TestInvariants:
    """Properties that hold whenever the result is inside the calendar."""

    @given(spec_and_days(1), small_steps.filter(bool))
    def test_the_result_is_a_working_day(self, case: tuple[Spec, list[int]], n: int) -> None:
        spec, (o,) = case
        cal = spec.calendar()
        result = add_or_none(cal, D.fromordinal(o), n)
        assume(result is not None)
        assert result is not None
        assert cal.is_working_day(result)

    @given(spec_and_days(1), small_steps.filter(bool))
    def test_between_counts_back_the_steps_of_add(
        self, case: tuple[Spec, list[int]], n: int
    ) -> None:
        # n > 0: e = add(d, n) is the n-th working day strictly after d, so (d, e] holds exactly
        #     n working days: between(d, e) == n.
        # n < 0: e is the |n|-th working day strictly before d, so (e, d] holds the |n| - 1
        #     working days strictly between them, and d itself if d is a working day:
        #     between(e, d) == -n - 1 + is_working_day(d), which is -n when d is a working day.
        spec, (o,) = case
        cal, d = spec.calendar(), D.fromordinal(o)
        e = add_or_none(cal, d, n)
        assume(e is not None)
        assert e is not None
        if n > 0:
            assert e > d
            assert cal.working_days_between(d, e) == n
        else:
            assert e < d
            assert cal.working_days_between(e, d) == -n - 1 + cal.is_working_day(d)
            if cal.is_working_day(d):
                assert cal.working_days_between(d, e) == n

    @given(spec_and_days(2), small_steps)
    def test_add_is_monotonic_in_the_start_day(self, case: tuple[Spec, list[int]], n: int) -> None:
        spec, (a, b) = case
        cal = spec.calendar()
        da, db = D.fromordinal(min(a, b)), D.fromordinal(max(a, b))
        ea, eb = add_or_none(cal, da, n), add_or_none(cal, db, n)
        assume(ea is not None and eb is not None)
        assert ea is not None
        assert eb is not None
        assert ea <= eb

    @given(spec_and_days(3))
    def test_between_is_skew_symmetric_and_additive(self, case: tuple[Spec, list[int]]) -> None:
        spec, (a, b, c) = case
        cal = spec.calendar()
        da, db, dc = (D.fromordinal(o) for o in (a, b, c))
        assert cal.working_days_between(da, db) == -cal.working_days_between(db, da)
        assert cal.working_days_between(da, dc) == (
            cal.working_days_between(da, db) + cal.working_days_between(db, dc)
        )

    @given(spec_and_days(1), st.integers(1, 40), st.integers(1, 40), st.booleans())
    def test_add_composes(
        self, case: tuple[Spec, list[int]], m: int, n: int, backwards: bool
    ) -> None:
        if backwards:
            m, n = -m, -n
        spec, (o,) = case
        cal, d = spec.calendar(), D.fromordinal(o)
        total = add_or_none(cal, d, m + n)
        assume(total is not None)
        assert cal.add_working_days(cal.add_working_days(d, m), n) == total


# -- calendar years as data -------------------------------------------------------------------

NOTICE_2027 = {
    "year": 2027,
    "source": "ACME holiday notice 2027",
    "days_off": [D(2027, 1, 1), "2027-02-06..2027-02-14"],
    "workdays": ["2027-01-30", D(2027, 2, 20)],
}

NOTICE_2027_TOML = """
year = 2027
source = "ACME holiday notice 2027"
days_off = [2027-01-01, "2027-02-06..2027-02-14"]
workdays = [2027-01-30, "2027-02-20"]
"""


def _toml(year: int, days_off: Iterable[object], workdays: Iterable[object] = ()) -> str:
    def item(value: object) -> str:
        return value.isoformat() if isinstance(value, date) else f'"{value}"'

    return (
        f'year = {year}\nsource = "a notice"\n'
        f"days_off = [{', '.join(item(v) for v in days_off)}]\n"
        f"workdays = [{', '.join(item(v) for v in workdays)}]\n"
    )


class TestCalendarYearFromMapping:
    def test_dates_strings_and_runs_give_the_year_of_the_notice(self) -> None:
        assert CalendarYear.from_mapping(NOTICE_2027) == ACME_2027

    def test_toml_text_gives_the_same_year(self) -> None:
        assert CalendarYear.from_toml(NOTICE_2027_TOML) == ACME_2027

    def test_a_calendar_extended_with_a_year_from_toml_counts_it(self) -> None:
        year_2028 = CalendarYear.from_toml(_toml(2028, [D(2028, 1, 3)]))
        cal = WorkCalendar("acme", (CalendarYear.from_toml(NOTICE_2027_TOML),)).with_year(year_2028)
        assert cal.add_working_days(D(2027, 12, 31), 1) == ACME.add_working_days(D(2027, 12, 31), 1)

    def test_provisional_is_read_and_defaults_to_false(self) -> None:
        assert not CalendarYear.from_mapping(NOTICE_2027).provisional
        forecast = {**NOTICE_2027, "workdays": [], "provisional": True}
        assert CalendarYear.from_mapping(forecast).provisional

    def test_a_custom_weekend_moves_the_make_up_day_check(self) -> None:
        data = {**NOTICE_2027, "workdays": ["2027-01-29"]}  # a Friday
        assert CalendarYear.from_mapping(data, weekend={4, 5}).workdays == (D(2027, 1, 29),)

    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            ({"days_off": [D(2027, 1, 1), "2027-02-30"]}, "days_off[1]", r"must be a date, "),
            ({"days_off": [D(2027, 1, 1), 20270101]}, "days_off[1]", r"must be a date, "),
            (
                {"days_off": [D(2027, 1, 1), datetime(2027, 2, 8, 9)]},
                "days_off[1]",
                r"must be a date, ",
            ),
            ({"days_off": ["2027-02-09..2027-02-08"]}, "days_off[0]", r"must run forwards"),
            ({"days_off": [D(2027, 1, 1), D(2028, 1, 3)]}, "days_off[1]", r"must fall in the y"),
            ({"days_off": ["2026-12-31..2027-01-04"]}, "days_off[0]", r"must fall in the year"),
            ({"days_off": [D(2027, 1, 2), D(2027, 1, 3)]}, "days_off", r"working week"),
            ({"days_off": []}, "days_off", r"must include at least one day of the working week"),
            ({"days_off": "2027-01-01"}, "days_off", r"must be a list of dates"),
            ({"workdays": ["2027-01-30", "2027-02-22"]}, "workdays[1]", r"weekend.*a Monday"),
            ({"workdays": ["2027-02-13"]}, "workdays[0]", r"also be a day off \(days_off\[1\]\)"),
            ({"workdays": [D(2026, 12, 26)]}, "workdays[0]", r"must fall in the year 2027"),
            ({"provisional": True}, "workdays[0]", r"provisional year has no make-up days"),
            ({"provisional": "yes"}, "provisional", r"must be true or false"),
            ({"year": "2027"}, "year", r"must be an int from 1 to 9998"),
            ({"year": True}, "year", r"must be an int from 1 to 9998"),
            ({"year": 0}, "year", r"must be an int from 1 to 9998"),
            ({"source": ""}, "source", r"must cite the notice"),
            ({"source": None}, "source", r"must cite the notice"),
            ({"notice": "x"}, "notice", r"is not a key of a calendar year"),
        ],
    )
    def test_a_bad_entry_is_named_by_its_path_value_and_rule(
        self, change: dict[str, object], path: str, message: str
    ) -> None:
        with pytest.raises(CalendarDataError, match=message) as caught:
            CalendarYear.from_mapping({**NOTICE_2027, **change})
        assert caught.value.path == path
        assert str(caught.value).startswith(f"{path} ")
        assert str(caught.value).endswith("[CalendarYear.from_mapping]")
        assert isinstance(caught.value, InvalidInputError)

    def test_a_missing_year_or_source_is_named(self) -> None:
        with pytest.raises(CalendarDataError, match=r"^year must be an int") as caught:
            CalendarYear.from_mapping({"source": "x", "days_off": []})
        assert caught.value.path == "year"
        with pytest.raises(
            CalendarDataError,
            match=r"^source must cite the notice that publishes the year, got None",
        ):
            CalendarYear.from_mapping({"year": 2027})

    @pytest.mark.parametrize("data", [None, [("year", 2027)], "year = 2027"])
    def test_data_must_be_a_mapping(self, data: object) -> None:
        with pytest.raises(CalendarDataError, match=r"^data must be a mapping") as caught:
            CalendarYear.from_mapping(data)  # type: ignore[arg-type]
        assert caught.value.path == ""

    def test_toml_that_does_not_parse_names_the_text_and_the_line(self) -> None:
        with pytest.raises(CalendarDataError, match=r"^text is not valid TOML: .*line 2") as caught:
            CalendarYear.from_toml("year = 2027\ndays_off = [2027-01-01, x]\n")
        assert caught.value.path == "text"

    def test_toml_must_be_text(self) -> None:
        with pytest.raises(CalendarDataError, match=r"^text must be a str of TOML") as caught:
            CalendarYear.from_toml(b"year = 2027")  # type: ignore[arg-type]
        assert caught.value.path == "text"

    def test_to_mapping_gives_plain_data(self) -> None:
        assert ACME_2027.to_mapping() == {
            "year": 2027,
            "source": "ACME holiday notice 2027",
            "days_off": [D(2027, 1, 1), *SPRING],
            "workdays": [D(2027, 1, 30), D(2027, 2, 20)],
            "provisional": False,
        }


@st.composite
def notice_years(draw: st.DrawFn) -> dict[str, object]:
    """A valid calendar year as data: days off with a weekday, make-up days on weekends."""
    year = draw(st.integers(1, 9998))
    days = st.dates(D(year, 1, 1), D(year, 12, 31))
    weekday = draw(days.filter(lambda d: d.weekday() < 5))
    off = [*draw(st.lists(days, max_size=20)), weekday]
    on = draw(st.lists(days.filter(lambda d: d.weekday() >= 5 and d not in off), max_size=8))
    provisional = draw(st.booleans()) if not on else False
    return {"year": year, "source": "a notice", "days_off": off, "workdays": on,
            "provisional": provisional}  # fmt: skip


class TestCalendarYearDataProperties:
    @given(notice_years())
    def test_a_year_that_passes_round_trips_through_to_mapping(
        self, data: dict[str, object]
    ) -> None:
        year = CalendarYear.from_mapping(data)
        assert CalendarYear.from_mapping(year.to_mapping()) == year
        assert year.to_mapping()["days_off"] == sorted(set(data["days_off"]))  # type: ignore[call-overload]

    @given(notice_years())
    def test_toml_and_mapping_give_the_same_year(self, data: dict[str, object]) -> None:
        text = _toml(data["year"], data["days_off"], data["workdays"])  # type: ignore[arg-type]
        assert CalendarYear.from_toml(text) == CalendarYear.from_mapping(
            {**data, "provisional": False}
        )

    @given(notice_years(), st.data())
    def test_from_toml_names_the_path_of_a_bad_day_off(
        self, data: dict[str, object], pick: st.DataObject
    ) -> None:
        off = list(data["days_off"])  # type: ignore[call-overload]
        index = pick.draw(st.integers(0, len(off) - 1))
        year = data["year"]
        bad = pick.draw(
            st.sampled_from(["not a date", f"{year:04d}-13-01", "0001-01-01..0001-01-02"])
            if year != 1
            else st.sampled_from(["not a date", "0001-13-01", "0002-01-01"])
        )
        off[index] = bad
        with pytest.raises(CalendarDataError) as caught:
            CalendarYear.from_toml(_toml(year, off, data["workdays"]))  # type: ignore[arg-type]
        assert caught.value.path == f"days_off[{index}]"
        assert repr(bad) in str(caught.value)

    @given(notice_years(), st.data())
    def test_from_toml_names_the_path_of_a_make_up_day_on_a_weekday(
        self, data: dict[str, object], pick: st.DataObject
    ) -> None:
        year = data["year"]
        assert isinstance(year, int)
        on = list(data["workdays"])  # type: ignore[call-overload]
        index = pick.draw(st.integers(0, len(on)))
        weekday = pick.draw(
            st.dates(D(year, 1, 1), D(year, 12, 31)).filter(lambda d: d.weekday() < 5)
        )
        on.insert(index, weekday)
        with pytest.raises(CalendarDataError, match="must fall on the weekend") as caught:
            CalendarYear.from_toml(_toml(year, data["days_off"], on))  # type: ignore[arg-type]
        assert caught.value.path == f"workdays[{index}]"


class TestProvisionalCalendarYear:
    def test_a_provisional_year_with_make_up_days_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^workdays must be empty in a provisional year \(make-up working days are "
            r"only known from the notice\), got 2027-01-30 \[CalendarYear\]$",
        ):
            CalendarYear(2027, workdays=[D(2027, 1, 30)], provisional=True)

    @pytest.mark.parametrize("flag", [1, "true", None])
    def test_the_flag_must_be_a_bool(self, flag: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^provisional must be a bool"):
            CalendarYear(2027, provisional=flag)  # type: ignore[arg-type]

    @given(
        st.integers(1, 9998).flatmap(
            lambda y: st.lists(st.dates(D(y, 1, 1), D(y, 12, 31)), min_size=1).map(
                lambda days: (y, days)
            )
        )
    )
    def test_a_provisional_year_never_has_make_up_days(self, drawn: tuple[int, list[date]]) -> None:
        year, days = drawn
        with pytest.raises(
            InvalidInputError, match=r"^workdays must be empty in a provisional year \(make-up"
        ):
            CalendarYear(year, workdays=days, provisional=True)


# ACME with 2028 only forecast: the same days, flagged provisional.
FORECAST = WorkCalendar("acme", (ACME_2027, attrs.evolve(ACME_2028, provisional=True)))


class TestProvisionalQueries:
    def test_provisional_years_lists_the_flagged_years(self) -> None:
        assert FORECAST.provisional_years == (2028,)
        assert ACME.provisional_years == ()

    @pytest.mark.parametrize(("day", "expected"), [(D(2027, 12, 31), False), (D(2028, 1, 1), True)])
    def test_is_provisional_is_the_flag_of_the_day_s_year(self, day: date, expected: bool) -> None:
        assert FORECAST.is_provisional(day) is expected
        assert ACME.is_provisional(day) is False

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (D(2027, 1, 4), D(2027, 12, 31), False),
            (D(2027, 12, 31), D(2028, 1, 4), True),
            (D(2028, 1, 4), D(2027, 12, 31), True),  # either order
            (D(2028, 3, 1), D(2028, 3, 1), True),
        ],
    )
    def test_touches_provisional_asks_about_the_whole_span(
        self, start: date, end: date, expected: bool
    ) -> None:
        assert FORECAST.touches_provisional(start, end) is expected

    def test_a_provisional_year_answers_like_any_other(self) -> None:
        assert FORECAST.add_working_days(D(2027, 12, 31), 1) == ACME.add_working_days(
            D(2027, 12, 31), 1
        )

    def test_the_queries_refuse_days_outside_the_calendar(self) -> None:
        with pytest.raises(CalendarCoverageError, match=r"^d 2029-01-01 falls in 2029"):
            FORECAST.is_provisional(D(2029, 1, 1))
        with pytest.raises(CalendarCoverageError, match=r"^end 2029-01-01 falls in 2029"):
            FORECAST.touches_provisional(D(2028, 1, 1), D(2029, 1, 1))
        with pytest.raises(InvalidInputError, match=r"^start must be a datetime.date"):
            FORECAST.touches_provisional("2028-01-01", D(2028, 1, 1))  # type: ignore[arg-type]

    def test_covered_from_and_until_are_the_first_and_last_days(self) -> None:
        assert (FORECAST.covered_from, FORECAST.covered_until) == (D(2027, 1, 1), D(2028, 12, 31))

    def test_with_changes_keeps_the_flag(self) -> None:
        changed = FORECAST.with_changes(name="acme", days_off=[D(2028, 3, 1)], source="rest day")
        assert changed.provisional_years == (2028,)


class TestWithYear:
    def test_the_year_after_is_added(self) -> None:
        longer = ACME.with_year(CalendarYear(2029, days_off=[D(2029, 1, 1)]))
        assert (longer.first_year, longer.last_year) == (2027, 2029)
        assert not ACME.covers(D(2029, 1, 1))

    def test_the_year_before_is_added(self) -> None:
        longer = ACME.with_year(CalendarYear(2026, days_off=[D(2026, 12, 31)]))
        assert longer.first_year == 2026
        assert longer.add_working_days(D(2026, 12, 30), 1) == D(2027, 1, 4)

    def test_a_notice_replaces_the_provisional_year_it_confirms(self) -> None:
        notice = CalendarYear(2028, days_off=[D(2028, 1, 3), D(2028, 1, 4)], source="notice")
        confirmed = FORECAST.with_year(notice)
        assert confirmed.provisional_years == ()
        assert confirmed.years[-1] is notice
        assert confirmed.add_working_days(D(2027, 12, 31), 1) == D(2028, 1, 5)
        assert FORECAST.provisional_years == (2028,)  # unchanged

    def test_a_year_from_a_notice_is_not_replaced(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^calendar 'acme' already has 2027 from a notice \(ACME holiday notice 2027\); "
            r"change single days with with_changes \[WorkCalendar.with_year\]$",
        ):
            ACME.with_year(CalendarYear(2027, source="again"))
        with pytest.raises(InvalidInputError, match=r"already has 2028 from a notice \(no source"):
            ACME.with_year(CalendarYear(2028))

    @pytest.mark.parametrize("year", [2025, 2030])
    def test_a_year_with_a_gap_is_refused(self, year: int) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^year {year} must follow on from calendar 'acme', which covers 2027-2028",
        ):
            ACME.with_year(CalendarYear(year))

    @pytest.mark.parametrize("year", [2029, NOTICE_2027, None])
    def test_the_year_must_be_a_calendar_year(self, year: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^year must be a CalendarYear"):
            ACME.with_year(year)  # type: ignore[arg-type]

    def test_a_make_up_day_off_the_calendar_s_weekend_is_still_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^workdays must list only weekend days"):
            ACME.with_year(CalendarYear(2029, workdays=[D(2029, 1, 2)]))


class _Day(date):
    """A date subclass: the hot paths' ``d.__class__ is date`` guard sends it to the check."""


class TestTheHotPathGuardsAgreeWithTheCheck:
    """The hot paths test ``d.__class__ is date`` before calling validate.check_date; the guard
    must refuse nothing the check accepts, and the check refuses the rest."""

    @given(
        st.one_of(
            st.dates(date(2005, 1, 1), date(2026, 12, 31)),
            st.dates(date(2005, 1, 1), date(2026, 12, 31)).map(
                lambda d: _Day(d.year, d.month, d.day)
            ),
            st.datetimes(datetime(2005, 1, 1), datetime(2026, 12, 31)),
            st.text(max_size=3),
            st.integers(),
            st.none(),
        ),
        st.one_of(st.integers(-3, 3), st.booleans(), st.floats(allow_nan=False), st.none()),
    )
    def test_add_working_days_refuses_exactly_what_the_checks_refuse(
        self, d: object, n: object
    ) -> None:
        from custpolicy.foundation.validate import check_date, check_int

        slow_refuses = any(
            _refuses(check, value, name)
            for check, value, name in ((check_date, d, "d"), (check_int, n, "n"))
        )
        calendar = china()
        try:
            calendar.add_working_days(d, n)  # type: ignore[arg-type]
        except CalendarCoverageError:
            assert not slow_refuses
        except InvalidInputError:
            assert slow_refuses
        else:
            assert not slow_refuses
        try:
            calendar.is_working_day(d)  # type: ignore[arg-type]
        except CalendarCoverageError:
            pass
        except InvalidInputError:
            assert _refuses(check_date, d, "d")
        else:
            assert not _refuses(check_date, d, "d")


def _refuses(check: Any, value: object, name: str) -> bool:
    try:
        check(value, name, "w")
    except InvalidInputError:
        return True
    return False


class TestTheCoverageHintForTheBuiltInCalendar:
    """A year past the built-in calendar: add it from its notice, or opt in to a forecast."""

    def test_the_next_year_of_the_china_calendar_offers_the_notice_and_the_forecast(self) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            china().add_working_days(D(2026, 12, 31), 1)
        assert str(caught.value).endswith(
            "add 2027 from its notice: calendar.with_year(CalendarYear.from_toml(...)), or opt in "
            "to a forecast of its holidays: china(provisional_until=2027) "
            "[WorkCalendar.add_working_days]"
        )

    def test_an_earlier_year_of_the_china_calendar_offers_no_forecast(self) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            china().is_working_day(D(2003, 12, 31))
        assert "provisional_until" not in str(caught.value)
