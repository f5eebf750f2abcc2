"""The built-in mainland China calendar, 2004 to 2026, against two independent sources.

Every day from 2004-01-01 to 2026-12-31 is compared with ``chinese_calendar`` (package
``chinesecalendar``) and with ``holidays`` (vacanza). Every disagreement must be listed in
``KNOWN_DISAGREEMENTS`` with its reason; a new disagreement fails, and so does a listed one that
has gone away.

The provisional years (2027 onwards, opt-in) hold the statutory holidays of the 2024 National
Holidays Regulations; their lunar and solar-term dates are checked against ``holidays`` and the
solar terms of ``chinesecalendar``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

import chinese_calendar
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CalendarYear,
    InvalidInputError,
    WorkCalendar,
    china,
)
from custpolicy.foundation.calendars import provisional_year, statutory_holidays
from custpolicy.foundation.calendars.china import LAST_NOTICE_YEAR, LAST_PROVISIONAL_YEAR

FIRST, LAST = 2004, 2026
CHINESECALENDAR = "chinesecalendar"
HOLIDAYS = "holidays"


class Disagreement(NamedTuple):
    day: date
    source: str  # the package that disagrees with china()
    ours: bool  # what china().is_working_day(day) says
    reason: str


KNOWN_DISAGREEMENTS = (
    Disagreement(
        date(2005, 12, 31),
        CHINESECALENDAR,
        True,
        "Saturday worked for New Year 2006: the notice for 2006 (國辦發明電〔2005〕35號) moved "
        "this Saturday's rest to Tuesday 3 January 2006; chinesecalendar lists 2006-01-03 as a "
        "day off but not 2005-12-31 as a working day",
    ),
)


def _days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(n) for n in range((date(year, 12, 31) - first).days + 1)]


@cache
def _ours(year: int) -> frozenset[date]:
    """The working days of ``year`` according to china()."""
    cal = china()
    return frozenset(d for d in _days(year) if cal.is_working_day(d))


@cache
def _chinesecalendar(year: int) -> frozenset[date]:
    """The working days of ``year`` according to chinesecalendar (one call per year)."""
    workdays: list[date] = chinese_calendar.get_workdays(date(year, 1, 1), date(year, 12, 31))
    return frozenset(workdays)


@cache
def _holidays_package() -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=range(FIRST, LAST + 1))


@cache
def _holidays(year: int) -> frozenset[date]:
    """The working days of ``year`` according to holidays (vacanza).

    The package lists the days off in the mapping and the weekend make-up working days in the
    ``weekend_workdays`` attribute of the China class; a working day is a weekday that is not a
    listed holiday, or a weekend day listed in ``weekend_workdays`` (``is_working_day`` does the
    same, one day at a time).
    """
    package = _holidays_package()
    listed_off = {d for d in package if d.year == year}
    weekend_workdays: set[date] = package.weekend_workdays
    return frozenset(
        d
        for d in _days(year)
        if (d in weekend_workdays if d.weekday() >= 5 else d not in listed_off)
    )


_SOURCES = {CHINESECALENDAR: _chinesecalendar, HOLIDAYS: _holidays}


def _disagreements(source: str) -> set[tuple[date, str, bool]]:
    found: set[tuple[date, str, bool]] = set()
    for year in range(FIRST, LAST + 1):
        ours = _ours(year)
        for d in ours.symmetric_difference(_SOURCES[source](year)):
            found.add((d, source, d in ours))
    return found


def _known(source: str) -> set[tuple[date, str, bool]]:
    return {(k.day, k.source, k.ours) for k in KNOWN_DISAGREEMENTS if k.source == source}


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


class TestEveryDayAgreesWithTwoIndependentSourcesOrIsAKnownDisagreement:
    def test_every_day_2004_to_2026_agrees_with_chinesecalendar_except_the_known_table(
        self,
    ) -> None:
        assert _disagreements(CHINESECALENDAR) == _known(CHINESECALENDAR)

    def test_every_day_2004_to_2026_agrees_with_holidays_except_the_known_table(self) -> None:
        assert _disagreements(HOLIDAYS) == _known(HOLIDAYS)

    def test_the_comparison_covers_every_day_of_the_23_years(self) -> None:
        days = sum(len(_days(year)) for year in range(FIRST, LAST + 1))
        assert days == (date(LAST, 12, 31) - date(FIRST, 1, 1)).days + 1 == 8401

    def test_every_known_disagreement_names_a_source_and_gives_a_reason(self) -> None:
        for known in KNOWN_DISAGREEMENTS:
            assert known.source in _SOURCES
            assert FIRST <= known.day.year <= LAST
            assert known.ours is china().is_working_day(known.day)
            assert len(known.reason) > 40

    def test_holidays_weekend_workdays_are_exactly_our_make_up_days(self) -> None:
        ours = {d for year in china().years for d in year.workdays}
        theirs = {d for d in _holidays_package().weekend_workdays if FIRST <= d.year <= LAST}
        assert theirs == ours


class TestYearBoundaryDatesBelongToTheYearTheyFallIn:
    def test_2005_12_31_saturday_is_a_make_up_working_day(self) -> None:
        assert date(2005, 12, 31).weekday() == 5
        assert china().is_working_day(date(2005, 12, 31))

    def test_2005_12_31_is_listed_in_2005_and_its_source_cites_the_2006_notice(self) -> None:
        year = china().years[2005 - FIRST]
        assert year.year == 2005
        assert date(2005, 12, 31) in year.workdays
        assert "2006年部分節假日安排的通知" in year.source

    def test_2006_12_30_and_31_weekend_were_worked_for_new_year_2007(self) -> None:
        cal = china()
        assert cal.is_working_day(date(2006, 12, 30))
        assert cal.is_working_day(date(2006, 12, 31))
        assert not any(cal.is_working_day(d) for d in _span(date(2007, 1, 1), date(2007, 1, 3)))
        assert "2007年部分節假日安排的通知" in cal.years[2006 - FIRST].source

    def test_2007_12_31_monday_is_a_day_off_for_new_year_2008(self) -> None:
        cal = china()
        assert cal.is_working_day(date(2007, 12, 29))
        assert not cal.is_working_day(date(2007, 12, 31))
        assert date(2007, 12, 31) in cal.years[2007 - FIRST].days_off
        assert "2008年部分節假日安排的通知" in cal.years[2007 - FIRST].source

    def test_2011_12_31_saturday_is_a_make_up_working_day_for_new_year_2012(self) -> None:
        assert china().is_working_day(date(2011, 12, 31))

    def test_2018_12_29_is_worked_and_2018_12_31_is_off_for_new_year_2019(self) -> None:
        cal = china()
        assert cal.is_working_day(date(2018, 12, 29))
        assert not cal.is_working_day(date(2018, 12, 31))
        assert cal.next_working_day(date(2018, 12, 28)) == date(2018, 12, 29)
        assert cal.next_working_day(date(2018, 12, 29)) == date(2019, 1, 2)

    def test_new_year_weekends_in_december_are_listed_as_days_off_of_that_year(self) -> None:
        cal = china()
        assert date(2016, 12, 31) in cal.years[2016 - FIRST].days_off
        assert date(2022, 12, 31) in cal.years[2022 - FIRST].days_off
        assert date(2023, 12, 30) in cal.years[2023 - FIRST].days_off


class TestMakeUpWeekendDaysAreWorkingDays:
    @pytest.mark.parametrize(
        "day",
        [
            date(2004, 1, 17),  # Saturday before the Spring Festival 2004
            date(2007, 2, 25),  # Sunday after the Spring Festival 2007
            date(2009, 10, 10),  # Saturday after National Day and Mid-Autumn 2009
            date(2013, 1, 6),  # Sunday after New Year 2013
            date(2015, 9, 6),  # Sunday after the 70th anniversary days off
            date(2019, 5, 5),  # Sunday after the changed Labour Day 2019
            date(2024, 2, 18),  # Sunday after the Spring Festival 2024
            date(2026, 10, 10),  # Saturday after National Day 2026
        ],
    )
    def test_a_listed_make_up_saturday_or_sunday_is_a_working_day(self, day: date) -> None:
        assert day.weekday() >= 5
        assert china().is_working_day(day)

    def test_2020_02_01_saturday_is_not_worked_after_the_spring_festival_extension(self) -> None:
        cal = china()
        assert not cal.is_working_day(date(2020, 2, 1))
        assert cal.next_working_day(date(2020, 1, 23)) == date(2020, 2, 3)

    def test_2015_09_03_to_05_are_days_off_for_the_70th_anniversary(self) -> None:
        cal = china()
        assert not cal.is_working_day(date(2015, 9, 3))
        assert not cal.is_working_day(date(2015, 9, 4))
        assert cal.roll_forward(date(2015, 9, 3)) == date(2015, 9, 6)

    def test_every_listed_make_up_day_is_a_weekend_day_not_also_a_day_off(self) -> None:
        for year in china().years:
            assert all(d.weekday() >= 5 for d in year.workdays)
            assert not set(year.workdays) & set(year.days_off)


class TestSpringFestivalAndNationalDayWeeksAreDaysOff:
    @pytest.mark.parametrize(
        ("first", "last"),
        [
            (date(2004, 1, 22), date(2004, 1, 28)),  # Spring Festival
            (date(2008, 2, 6), date(2008, 2, 12)),
            (date(2012, 1, 22), date(2012, 1, 28)),
            (date(2020, 1, 24), date(2020, 2, 2)),  # extended
            (date(2024, 2, 10), date(2024, 2, 17)),
            (date(2005, 10, 1), date(2005, 10, 7)),  # National Day
            (date(2008, 9, 29), date(2008, 10, 5)),
            (date(2009, 10, 1), date(2009, 10, 8)),  # with Mid-Autumn
            (date(2017, 10, 1), date(2017, 10, 8)),  # with Mid-Autumn
            (date(2023, 9, 29), date(2023, 10, 6)),  # with Mid-Autumn
        ],
    )
    def test_the_whole_week_is_off_and_work_resumes_the_next_day(
        self, first: date, last: date
    ) -> None:
        cal = china()
        assert not any(cal.is_working_day(d) for d in _span(first, last))
        assert cal.is_working_day(last + timedelta(1))
        assert cal.roll_forward(first) == last + timedelta(1)


class TestEveryYearCitesItsNotice:
    @pytest.mark.parametrize("year", range(FIRST, LAST + 1))
    def test_the_source_names_the_general_office_notice_of_that_year(self, year: int) -> None:
        listed = china().years[year - FIRST]
        assert listed.year == year
        assert "國務院辦公廳" in listed.source
        assert f"國務院辦公廳關於{year}年部分節假日安排的通知" in listed.source

    def test_the_2015_source_cites_the_anniversary_notice(self) -> None:
        assert "國發明電〔2015〕1號" in china().years[2015 - FIRST].source

    def test_the_2019_and_2020_sources_cite_the_notices_that_changed_them(self) -> None:
        assert "調整2019年勞動節假期安排" in china().years[2019 - FIRST].source
        assert "延長2020年春節假期" in china().years[2020 - FIRST].source


class TestCoverageIs2004To2026AndNeverGuessed:
    def test_the_calendar_covers_2004_to_2026(self) -> None:
        cal = china()
        assert (cal.first_year, cal.last_year) == (2004, 2026)
        assert [y.year for y in cal.years] == list(range(2004, 2027))
        assert cal.covers(date(2004, 1, 1))
        assert cal.covers(date(2026, 12, 31))
        assert not cal.covers(date(2003, 12, 31))
        assert not cal.covers(date(2027, 1, 1))

    def test_a_date_in_2003_raises_an_error_naming_the_year_and_how_to_add_it(self) -> None:
        with pytest.raises(CalendarCoverageError) as raised:
            china().is_working_day(date(2003, 12, 31))
        assert raised.value.year == 2003
        assert raised.value.calendar == "china"
        assert "falls in 2003" in str(raised.value)
        assert "CalendarYear(2003" in str(raised.value)

    def test_a_date_in_2027_raises_an_error_naming_the_year_and_how_to_extend(self) -> None:
        with pytest.raises(CalendarCoverageError) as raised:
            china().is_working_day(date(2027, 1, 4))
        assert raised.value.year == 2027
        assert "falls in 2027" in str(raised.value)
        assert "add 2027 from its notice: calendar.with_year(CalendarYear.from_toml(...))" in str(
            raised.value
        )
        assert "or opt in to a forecast of its holidays: china(provisional_until=2027)" in str(
            raised.value
        )

    def test_a_result_past_2026_raises_rather_than_guessing(self) -> None:
        with pytest.raises(CalendarCoverageError) as raised:
            china().add_working_days(date(2026, 12, 31), 1)
        assert raised.value.year == 2027


class TestExtendingWithANewYear:
    def test_extended_with_a_made_up_2027_covers_it_and_leaves_china_unchanged(self) -> None:
        year_2027 = CalendarYear(
            2027,
            days_off=[date(2027, 1, 1), date(2027, 1, 4)],
            workdays=[date(2027, 1, 9)],
            source="a made-up year for the test",
        )
        extended = china().extended(year_2027)
        assert isinstance(extended, WorkCalendar)
        assert extended.last_year == 2027
        assert not extended.is_working_day(date(2027, 1, 4))  # a Monday listed off
        assert extended.is_working_day(date(2027, 1, 9))  # a Saturday listed worked
        assert extended.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 5)
        assert extended.is_working_day(date(2005, 12, 31))
        assert china().last_year == 2026
        with pytest.raises(CalendarCoverageError):
            china().is_working_day(date(2027, 1, 4))


class TestChinaIsCached:
    def test_china_returns_the_same_object_twice(self) -> None:
        assert china() is china()


# -- provisional years: the statutory holidays, from the lunar table ---------------------------

PROVISIONAL = range(2027, LAST_PROVISIONAL_YEAR + 1)


@cache
def _holidays_statutory(year: int) -> frozenset[date]:
    """The statutory holidays of ``year`` according to holidays (vacanza), without the weekdays
    it adds in lieu of a holiday on a weekend ("observed"), which only the notice sets."""
    return frozenset(
        d
        for d, name in holidays.country_holidays("CN", years=year).items()
        if "observed" not in name
    )


class TestTheLunarTableAgreesWithTwoIndependentSources:
    def test_the_table_covers_2027_to_2050_at_least(self) -> None:
        assert LAST_NOTICE_YEAR == LAST == 2026
        assert LAST_PROVISIONAL_YEAR >= 2050

    @pytest.mark.parametrize("year", PROVISIONAL)
    def test_the_statutory_holidays_are_those_of_the_holidays_package(self, year: int) -> None:
        assert set(statutory_holidays(year)) == _holidays_statutory(year)

    @pytest.mark.parametrize("year", PROVISIONAL)
    def test_qingming_is_the_solar_term_of_chinesecalendar(self, year: int) -> None:
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
        (qingming,) = [d for d, name in terms if name == "清明"]
        assert statutory_holidays(year)[qingming] == "清明節"

    @pytest.mark.parametrize("year", PROVISIONAL)
    def test_the_spring_festival_is_four_days_from_new_year_s_eve(self, year: int) -> None:
        holidays_of_year = statutory_holidays(year)
        spring = sorted(d for d, name in holidays_of_year.items() if name.startswith("春節"))
        assert len(spring) == 4
        assert spring[-1] - spring[0] == timedelta(days=3)
        assert holidays_of_year[spring[0]] == "春節（除夕）"

    def test_2027_is_the_worked_example(self) -> None:
        assert statutory_holidays(2027) == {
            date(2027, 1, 1): "元旦",
            date(2027, 2, 5): "春節（除夕）",
            date(2027, 2, 6): "春節（正月初一）",
            date(2027, 2, 7): "春節（正月初二）",
            date(2027, 2, 8): "春節（正月初三）",
            date(2027, 4, 5): "清明節",
            date(2027, 5, 1): "勞動節",
            date(2027, 5, 2): "勞動節",
            date(2027, 6, 9): "端午節",
            date(2027, 9, 15): "中秋節",
            date(2027, 10, 1): "國慶節",
            date(2027, 10, 2): "國慶節",
            date(2027, 10, 3): "國慶節",
        }

    def test_mid_autumn_on_a_national_day_is_named_twice(self) -> None:
        assert statutory_holidays(2028)[date(2028, 10, 3)] == "國慶節、中秋節"
        assert len(statutory_holidays(2028)) == 12

    @pytest.mark.parametrize("year", [2026, 2051, "2027", 2027.0, None])
    def test_a_year_outside_the_table_is_refused(self, year: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^year must be an int from 2027 to {LAST_PROVISIONAL_YEAR} \(the years of "
            rf"the lunar table\), got {re.escape(repr(year))} \[statutory_holidays\]$",
        ):
            statutory_holidays(year)  # type: ignore[arg-type]


class TestProvisionalYearsAreOptIn:
    def test_without_the_opt_in_2027_is_a_coverage_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            china().add_working_days(date(2026, 12, 28), 5)

    def test_with_the_opt_in_the_years_are_added_and_flagged(self) -> None:
        cal = china(provisional_until=2030)
        assert cal.provisional_years == (2027, 2028, 2029, 2030)
        assert cal.covered_from == date(2004, 1, 1)
        assert cal.covered_until == date(2030, 12, 31)
        assert cal.years[: LAST - FIRST + 1] == china().years  # the notices are unchanged
        assert cal.is_provisional(date(2027, 1, 4))
        assert not cal.is_provisional(date(2026, 12, 31))
        with pytest.raises(CalendarCoverageError, match="falls in 2031"):
            cal.is_working_day(date(2031, 1, 2))

    def test_provisional_until_2026_adds_nothing(self) -> None:
        assert china(provisional_until=LAST).years == china().years

    def test_each_opt_in_is_built_once(self) -> None:
        assert china(provisional_until=2030) is china(provisional_until=2030)

    @pytest.mark.parametrize("last", [2025, LAST_PROVISIONAL_YEAR + 1, "2030", 2030.0, True])
    def test_a_bad_last_year_is_refused(self, last: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=rf"^provisional_until must be None or an int from 2026 to "
            rf"{LAST_PROVISIONAL_YEAR}, got {re.escape(repr(last))} \[china\]$",
        ):
            china(provisional_until=last)  # type: ignore[arg-type]

    def test_the_2027_worked_example(self) -> None:
        cal = china(provisional_until=2027)
        # 1 Jan (Fri) off; the Spring Festival from Friday 5 Feb (eve) to Monday 8 Feb (初三)
        assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
        assert cal.roll_forward(date(2027, 2, 5)) == date(2027, 2, 9)
        assert cal.days_off_in(date(2027, 2, 1), date(2027, 2, 28)) == (
            date(2027, 2, 5),
            date(2027, 2, 8),
        )
        # National Day 1 to 3 October: Friday 1 Oct off, work resumes on Monday 4 Oct
        assert cal.next_working_day(date(2027, 9, 30)) == date(2027, 10, 4)

    def test_a_notice_replaces_the_forecast(self) -> None:
        notice = CalendarYear.from_mapping(
            {
                "year": 2027,
                "source": "國務院辦公廳關於2027年部分節假日安排的通知（made up for the test）",
                "days_off": ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"],
                "workdays": ["2027-02-20"],
            }
        )
        cal = china(provisional_until=2028).with_year(notice)
        assert cal.provisional_years == (2028,)
        assert cal.roll_forward(date(2027, 2, 5)) == date(2027, 2, 15)
        assert not cal.is_provisional(date(2027, 2, 5))


class TestProvisionalYearsHoldOnlyStatutoryHolidays:
    @pytest.mark.parametrize("year", PROVISIONAL)
    def test_a_provisional_year_never_has_make_up_days(self, year: int) -> None:
        forecast = provisional_year(year)
        assert forecast.provisional
        assert forecast.workdays == ()

    @pytest.mark.parametrize("year", PROVISIONAL)
    def test_every_provisional_day_off_is_a_statutory_holiday(self, year: int) -> None:
        assert set(provisional_year(year).days_off) == set(statutory_holidays(year))
        assert set(provisional_year(year).days_off) <= _holidays_statutory(year)

    def test_the_source_cites_the_regulations_and_the_notice_to_come(self) -> None:
        source = provisional_year(2027).source
        assert "《全國年節及紀念日放假辦法》" in source
        assert "國務院辦公廳關於2027年部分節假日安排的通知" in source

    @given(st.dates(date(2027, 1, 1), date(LAST_PROVISIONAL_YEAR, 12, 31)))
    def test_a_day_is_off_exactly_when_it_is_a_weekend_or_statutory_holiday(
        self, day: date
    ) -> None:
        cal = china(provisional_until=LAST_PROVISIONAL_YEAR)
        assert cal.is_provisional(day)
        off = day.weekday() >= 5 or day in statutory_holidays(day.year)
        assert cal.is_working_day(day) is not off


class TestBuiltInYearsPassTheValidationOfUserYears:
    @pytest.mark.parametrize("year", range(FIRST, LAST + 1))
    def test_each_built_in_year_round_trips_through_from_mapping(self, year: int) -> None:
        built_in = china().years[year - FIRST]
        assert CalendarYear.from_mapping(built_in.to_mapping()) == built_in

    def test_the_citations_use_full_width_punctuation(self) -> None:
        for year in china().years:
            assert not re.search(r"[;:()]", year.source), year.source
