"""Deadlines: calendar-day periods (with the optional art. 203 roll), working days, the 10th."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CalendarYear,
    Deadline,
    InvalidInputError,
    Policy,
    WorkCalendar,
    calendar_deadline,
    china,
    monthly_deadline,
    provisional_note,
    working_day_deadline,
)
from custpolicy.foundation.clauses import B_6, B_8, C_9_10, C_10, M_1_4, P_2

ROLL = Policy().updated({"general.roll_to_working_day": True})
STRICT_TENTH = Policy().updated({"general.monthly_due_day_on_time": False})
PAYMENT = ("payment", "繳費")


class TestCalendarDeadline:
    @pytest.mark.parametrize(
        ("start", "days", "due"),
        [
            (date(2026, 3, 2), 7, date(2026, 3, 9)),
            (date(2026, 2, 25), 7, date(2026, 3, 4)),  # across a month end
            (date(2024, 2, 25), 7, date(2024, 3, 3)),  # leap year
            (date(2026, 12, 28), 7, date(2027, 1, 4)),  # into a year no calendar covers
            (date(2026, 9, 28), 3, date(2026, 10, 1)),  # no roll by default
        ],
    )
    def test_the_period_ends_n_calendar_days_after_the_start(
        self, start: date, days: int, due: date
    ) -> None:
        assert calendar_deadline(start, days, clause=B_6, subject=PAYMENT).due == due

    def test_paying_on_the_last_day_is_on_time_and_the_next_day_is_late(self) -> None:
        due = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT)
        assert due.is_on_time(date(2026, 3, 9))
        assert due.is_on_time(date(2026, 3, 1))
        assert not due.is_on_time(date(2026, 3, 10))
        assert due.days_late(date(2026, 3, 10)) == 1

    def test_with_the_roll_a_day_off_moves_to_the_next_working_day(self) -> None:
        due = calendar_deadline(date(2026, 9, 28), 3, clause=B_8, subject=PAYMENT, policy=ROLL)
        assert due.due == date(2026, 10, 8)
        assert due.clauses == (B_8,)
        assert "moves to the next working day, 2026-10-08 (PRC Civil Code art. 203)" in (
            due.explain()
        )
        assert "順延至下一個工作日2026年10月8日" in due.explain("zh-Hant")

    def test_with_the_roll_a_working_day_stays(self) -> None:
        due = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT, policy=ROLL)
        assert due.due == date(2026, 3, 9)
        assert len(due.reasons) == 1

    def test_the_roll_uses_the_calendar_given(self) -> None:
        acme = WorkCalendar("acme", (CalendarYear(2026, days_off=[date(2026, 3, 9)]),))
        due = calendar_deadline(
            date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT, policy=ROLL, calendar=acme
        )
        assert due.due == date(2026, 3, 10)
        assert "calendar acme" in due.explain()

    def test_the_roll_outside_the_calendar_is_an_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            calendar_deadline(date(2026, 12, 28), 7, clause=B_6, subject=PAYMENT, policy=ROLL)

    def test_the_explanation_cites_the_clause_in_both_languages(self) -> None:
        due = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT)
        assert due.explain() == (
            "B-6 payment is due 7 calendar days after 2026-03-02, on 2026-03-09 "
            "(that day is still on time)"
        )
        assert due.explain("zh-Hant") == (
            "B-6 繳費期限為2026年3月2日後7個日曆日，即2026年3月9日（當日仍屬準時）"
        )

    @given(
        st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 1)),
        st.integers(min_value=1, max_value=30),
    )
    def test_the_roll_never_moves_earlier_and_lands_on_a_working_day(
        self, start: date, days: int
    ) -> None:
        plain = calendar_deadline(start, days, clause=C_10, subject=PAYMENT)
        rolled = calendar_deadline(start, days, clause=C_10, subject=PAYMENT, policy=ROLL)
        assert plain.due == start + timedelta(days=days)
        assert rolled.due >= plain.due
        assert china().is_working_day(rolled.due)
        assert all(
            not china().is_working_day(plain.due + timedelta(d))
            for d in range((rolled.due - plain.due).days)
        )

    @given(
        st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 1)),
        st.integers(min_value=1, max_value=30),
        st.integers(min_value=0, max_value=40),
    )
    def test_days_late_counts_calendar_days_after_the_due_day(
        self, start: date, days: int, after: int
    ) -> None:
        due = calendar_deadline(start, days, clause=C_10, subject=PAYMENT)
        assert due.days_late(due.due + timedelta(days=after)) == after
        assert due.days_late(start) == 0


class TestWorkingDayDeadline:
    @pytest.mark.parametrize(
        ("start", "due"),
        [
            (date(2026, 9, 28), date(2026, 10, 10)),  # National Day; a make-up Saturday counts
            (date(2026, 2, 13), date(2026, 2, 27)),  # Spring Festival
            (date(2026, 3, 2), date(2026, 3, 9)),
        ],
    )
    def test_five_working_days(self, start: date, due: date) -> None:
        d = working_day_deadline(start, 5, clause=M_1_4, subject=("registration", "備案"))
        assert d.due == due

    def test_days_late_counts_working_days(self) -> None:
        d = working_day_deadline(
            date(2026, 9, 28), 5, clause=M_1_4, subject=("registration", "備案")
        )
        assert d.days_late(date(2026, 10, 11)) == 0  # Sunday after the due Saturday
        assert d.days_late(date(2026, 10, 12)) == 1
        assert d.days_late(date(2026, 10, 16)) == 5

    def test_the_explanation_lists_the_weekday_days_off_skipped(self) -> None:
        d = working_day_deadline(
            date(2026, 9, 28), 5, clause=M_1_4, subject=("registration", "備案")
        )
        en = d.explain()
        assert en.splitlines()[0] == (
            "M-1.4 registration is due within 5 working days of 2026-09-28 on calendar china: "
            "by 2026-10-10"
        )
        assert "2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07" in en
        assert "跳過的平日休息日" in d.explain("zh-Hant")

    def test_no_days_off_no_second_line(self) -> None:
        d = working_day_deadline(date(2026, 3, 2), 5, clause=M_1_4, subject=("x", "甲"))
        assert len(d.reasons) == 1

    def test_a_deadline_past_the_calendar_is_an_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            working_day_deadline(date(2026, 12, 28), 5, clause=M_1_4, subject=("x", "甲"))

    def test_a_custom_calendar(self) -> None:
        acme = WorkCalendar("acme", (CalendarYear(2026, days_off=[date(2026, 3, 3)]),))
        d = working_day_deadline(
            date(2026, 3, 2), 1, clause=M_1_4, subject=("x", "甲"), calendar=acme
        )
        assert d.due == date(2026, 3, 4)


class TestMonthlyDeadline:
    def test_the_tenth_is_on_time_by_default(self) -> None:
        d = monthly_deadline(2026, 3, clause=C_9_10, subject=("summary", "匯總"))
        assert d.due == date(2026, 3, 10)
        assert d.is_on_time(date(2026, 3, 10))
        assert d.days_late(date(2026, 3, 11)) == 1
        assert "(that day itself counts as on time)" in d.explain()
        assert d.explain("zh-Hant") == (
            "C-9.10 匯總應於2026年3月10日前完成，最後準時日為2026年3月10日（當日仍屬準時）"
        )

    def test_strictly_before_the_tenth_when_the_policy_says_so(self) -> None:
        d = monthly_deadline(2026, 3, clause=P_2, subject=("ruling", "判定"), policy=STRICT_TENTH)
        assert d.due == date(2026, 3, 9)
        assert "counts as on time" not in d.explain()

    def test_a_due_day_past_the_month_end_is_the_last_day(self) -> None:
        policy = Policy().updated({"general.monthly_due_day": 31})
        d = monthly_deadline(2026, 2, clause=P_2, subject=("ruling", "判定"), policy=policy)
        assert d.due == date(2026, 2, 28)
        assert monthly_deadline(
            2024, 2, clause=P_2, subject=("ruling", "判定"), policy=policy
        ).due == date(2024, 2, 29)

    def test_the_first_of_the_month_strictly_is_the_last_day_of_the_month_before(self) -> None:
        policy = STRICT_TENTH.updated({"general.monthly_due_day": 1})
        d = monthly_deadline(2026, 3, clause=P_2, subject=("ruling", "判定"), policy=policy)
        assert d.due == date(2026, 2, 28)


class TestRefusals:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"start": "2026-03-02"}, r"start must be a datetime.date, got '2026-03-02'"),
            ({"start": datetime(2026, 3, 2)}, r"start must be a datetime.date"),
            ({"days": 0}, r"days must be an int of at least 1, got 0"),
            ({"days": True}, r"days must be an int of at least 1, got True"),
            ({"days": 7.0}, r"days must be an int"),
            ({"subject": "payment"}, r"subject must be an \(English, Chinese\) pair"),
            ({"subject": ("payment", "")}, r"subject must be"),
            ({"clause": "B-6"}, r"clause must be a Clause, got 'B-6' \[calendar_deadline B-6\]"),
            ({"policy": {}}, r"policy must be a Policy"),
            ({"policy": ROLL, "calendar": "china"}, r"calendar must be a WorkCalendar"),
        ],
    )
    def test_calendar_deadline_refuses_bad_input(
        self, kwargs: dict[str, object], message: str
    ) -> None:
        arguments: dict[str, object] = {
            "start": date(2026, 3, 2),
            "days": 7,
            "clause": B_6,
            "subject": PAYMENT,
        }
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=message):
            calendar_deadline(**arguments)  # type: ignore[arg-type]

    def test_working_day_deadline_refuses_a_bad_calendar(self) -> None:
        with pytest.raises(InvalidInputError, match=r"calendar must be a WorkCalendar.*M-1.4"):
            working_day_deadline(
                date(2026, 3, 2),
                5,
                clause=M_1_4,
                subject=("x", "甲"),
                calendar=3,  # type: ignore[arg-type]
            )

    @pytest.mark.parametrize(
        ("year", "month", "message"),
        [
            (2026, 13, "month must be an int from 1 to 12, got 13"),
            (2026, 0, "month must be an int from 1 to 12"),
            ("2026", 3, "year must be an int from 1 to 9999, got '2026'"),
            (0, 3, "year must be an int"),
        ],
    )
    def test_monthly_deadline_refuses_bad_months(
        self, year: object, month: object, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            monthly_deadline(year, month, clause=C_9_10, subject=("x", "甲"))  # type: ignore[arg-type]

    def test_monthly_deadline_refuses_a_bad_policy(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"policy must be a Policy.*\[monthly_deadline C-9.10\]"
        ):
            monthly_deadline(2026, 3, clause=C_9_10, subject=("x", "甲"), policy=None)  # type: ignore[arg-type]

    def test_days_late_refuses_a_string(self) -> None:
        due = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT)
        with pytest.raises(
            InvalidInputError, match=r"done_on must be a datetime.date.*\[Deadline B-6\]"
        ):
            due.days_late("2026-03-10")  # type: ignore[arg-type]


NOTICE_2027 = CalendarYear.from_mapping(
    {
        "year": 2027,
        "source": "國務院辦公廳關於2027年部分節假日安排的通知（made up for the test）",
        "days_off": ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"],
        "workdays": ["2027-02-20"],
    }
)
FORECAST = china(provisional_until=2028)
CONFIRMED = china().with_year(NOTICE_2027)
NOTICE = ("arrears notice", "催繳通知")


class TestDeadlinesInto2027:
    """The art. 203 roll and working-day periods across the end of the built-in calendar."""

    def test_without_the_opt_in_a_roll_into_2027_is_a_coverage_error(self) -> None:
        with pytest.raises(CalendarCoverageError, match="falls in 2027"):
            calendar_deadline(date(2026, 12, 29), 3, clause=B_8, subject=NOTICE, policy=ROLL)

    def test_without_the_roll_no_calendar_is_asked_and_nothing_is_provisional(self) -> None:
        d = calendar_deadline(date(2026, 12, 29), 3, clause=B_8, subject=NOTICE)
        assert (d.due, d.provisional) == (date(2027, 1, 1), False)

    @pytest.mark.parametrize(
        ("calendar", "start", "due", "provisional"),
        [
            # 1 January 2027 (Fri) off on both; the weekend follows
            (FORECAST, date(2026, 12, 29), date(2027, 1, 4), True),
            (CONFIRMED, date(2026, 12, 29), date(2027, 1, 4), False),
            # New Year's Eve, Friday 5 February: the forecast has 5-8 Feb, the notice 5-12 Feb
            (FORECAST, date(2027, 2, 2), date(2027, 2, 9), True),
            (CONFIRMED, date(2027, 2, 2), date(2027, 2, 15), False),
            # a day that needs no roll is provisional all the same: its status is a forecast
            (FORECAST, date(2027, 3, 1), date(2027, 3, 4), True),
            # wholly inside the notices: not provisional, even on the opted-in calendar
            (FORECAST, date(2026, 9, 28), date(2026, 10, 8), False),
        ],
    )
    def test_the_roll_with_a_provisional_or_a_user_added_2027(
        self, calendar: WorkCalendar, start: date, due: date, provisional: bool
    ) -> None:
        d = calendar_deadline(start, 3, clause=B_8, subject=NOTICE, policy=ROLL, calendar=calendar)
        assert (d.due, d.provisional) == (due, provisional)
        assert any(r.key == "deadline.provisional" for r in d.reasons) is provisional

    @pytest.mark.parametrize(
        ("calendar", "due", "provisional"),
        [(FORECAST, date(2027, 1, 5), True), (CONFIRMED, date(2027, 1, 5), False)],
    )
    def test_a_working_day_period_into_2027(
        self, calendar: WorkCalendar, due: date, provisional: bool
    ) -> None:
        d = working_day_deadline(
            date(2026, 12, 28), 5, clause=M_1_4, subject=("registration", "備案"),
            calendar=calendar,
        )  # fmt: skip
        assert (d.due, d.provisional) == (due, provisional)

    def test_a_working_day_period_inside_the_notices_is_not_provisional(self) -> None:
        d = working_day_deadline(
            date(2026, 9, 28), 5, clause=M_1_4, subject=("x", "甲"), calendar=FORECAST
        )
        assert (d.due, d.provisional) == (date(2026, 10, 10), False)

    def test_the_explanation_says_provisional_in_both_languages(self) -> None:
        d = working_day_deadline(
            date(2026, 12, 28), 5, clause=M_1_4, subject=("registration", "備案"),
            calendar=FORECAST,
        )  # fmt: skip
        assert d.explain().splitlines()[-1] == (
            "M-1.4 provisional: the State Council has not published the holidays of 2027, so "
            "this date counts only the statutory holidays (no make-up working days); check it "
            "again when the notice is out"
        )
        assert d.explain("zh-Hant").splitlines()[-1] == (
            "M-1.4 暫定：國務院尚未公布2027年的放假安排，本期限僅按法定節假日推算（未含調休），"
            "通知公布後應重新核對"
        )

    def test_the_explanation_names_every_provisional_year_of_the_span(self) -> None:
        d = working_day_deadline(
            date(2026, 12, 28), 260, clause=M_1_4, subject=("x", "甲"), calendar=FORECAST
        )
        assert d.due.year == 2028
        assert "holidays of 2027, 2028," in d.explain()
        assert "公布2027、2028年的放假安排" in d.explain("zh-Hant")

    def test_the_flag_is_false_by_default_and_on_monthly_deadlines(self) -> None:
        assert not monthly_deadline(2027, 3, clause=C_9_10, subject=("s", "匯總")).provisional
        assert not calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT).provisional

    @given(st.dates(date(2026, 1, 1), date(2028, 10, 31)), st.integers(1, 30))
    def test_provisional_exactly_when_the_span_to_the_due_day_touches_a_forecast_year(
        self, start: date, days: int
    ) -> None:
        d = working_day_deadline(start, days, clause=M_1_4, subject=("x", "甲"), calendar=FORECAST)
        assert d.provisional is (d.due.year >= 2027 or start.year >= 2027)
        assert d.due == FORECAST.add_working_days(start, days)


class TestProvisionalYearsOfAnAnswer:
    """What a result that holds deadlines reads: the years its due days and its days late
    depend on, and the one sentence it gives for them (provisional_note)."""

    REG = ("registration", "備案")

    def test_the_years_of_the_due_day(self) -> None:
        d = working_day_deadline(date(2026, 12, 28), 260, clause=M_1_4, subject=self.REG,
                                 calendar=FORECAST)  # fmt: skip
        assert d.provisional_years == (2027, 2028)
        assert (
            working_day_deadline(
                date(2026, 9, 28), 5, clause=M_1_4, subject=self.REG, calendar=FORECAST
            ).provisional_years
            == ()
        )

    def test_a_deadline_built_by_hand_reads_its_years_from_its_calendar(self) -> None:
        d = Deadline(M_1_4, date(2026, 12, 28), "working", date(2027, 1, 5), FORECAST, (),
                     provisional=True)  # fmt: skip
        assert d.provisional_years == (2027,)
        assert Deadline(M_1_4, date(2026, 12, 28), "working", date(2027, 1, 5), None, (),
                        provisional=True).provisional_years == ()  # fmt: skip

    @pytest.mark.parametrize(
        ("done_on", "years"),
        [
            (date(2026, 12, 4), ()),  # on time
            (date(2026, 12, 31), ()),  # late, counted inside 2026
            (date(2027, 1, 4), (2027,)),  # late, counted into 2027
            (date(2028, 1, 3), (2027, 2028)),
        ],
    )
    def test_the_days_late_of_a_working_day_deadline_read_the_years_up_to_the_day_done(
        self, done_on: date, years: tuple[int, ...]
    ) -> None:
        d = working_day_deadline(date(2026, 12, 1), 5, clause=M_1_4, subject=self.REG,
                                 calendar=FORECAST)  # fmt: skip
        assert (d.provisional, d.provisional_years_until(done_on)) == (False, years)

    def test_calendar_days_late_read_no_calendar(self) -> None:
        d = calendar_deadline(date(2026, 12, 1), 7, clause=B_8, subject=NOTICE, policy=ROLL,
                              calendar=FORECAST)  # fmt: skip
        assert d.provisional_years_until(date(2027, 3, 1)) == ()

    def test_provisional_years_until_refuses_a_string(self) -> None:
        d = working_day_deadline(date(2026, 12, 1), 5, clause=M_1_4, subject=self.REG)
        with pytest.raises(InvalidInputError, match=r"^done_on must be a datetime.date"):
            d.provisional_years_until("2027-01-04")  # type: ignore[arg-type]

    @given(st.dates(date(2026, 11, 1), date(2027, 1, 31)), st.integers(0, 60))
    def test_the_years_are_those_the_published_calendar_cannot_answer(
        self, start: date, done_after: int
    ) -> None:
        done_on = start + timedelta(days=done_after)
        d = working_day_deadline(start, 5, clause=M_1_4, subject=self.REG, calendar=FORECAST)
        try:
            published = working_day_deadline(start, 5, clause=M_1_4, subject=self.REG)
            late = published.days_late(done_on)
        except CalendarCoverageError:
            assert d.provisional_years_until(done_on) == (2027,)
        else:
            assert d.provisional_years_until(done_on) == ()
            assert (published.due, late) == (d.due, d.days_late(done_on))

    def test_a_note_replaces_the_deadlines_own_sentences_with_one_for_the_answer(self) -> None:
        d = working_day_deadline(date(2026, 12, 28), 260, clause=M_1_4, subject=self.REG,
                                 calendar=FORECAST)  # fmt: skip
        reasons = provisional_note((*d.reasons, *d.reasons), (2028, 2027, 2028), C_10)
        assert [r.key for r in reasons].count("deadline.provisional") == 1
        assert reasons[-1].render() == (
            "C-10 provisional: the State Council has not published the holidays of 2027, 2028, "
            "so this answer counts only the statutory holidays (no make-up working days); "
            "check it again when the notice is out"
        )
        assert reasons[-1].render("zh-Hant").startswith("C-10 暫定：國務院尚未公布2027、2028年")
        assert "本結果僅按法定節假日推算" in reasons[-1].render("zh-Hant")

    def test_without_years_the_reasons_are_left_as_they_were(self) -> None:
        d = working_day_deadline(date(2026, 9, 28), 5, clause=M_1_4, subject=self.REG)
        assert provisional_note(d.reasons, (), None) == d.reasons
        assert provisional_note(iter(d.reasons), [], M_1_4) == d.reasons


class TestADeadlineBuiltByHand:
    """A Deadline a user builds (or loads) is checked field by field; the builders skip the
    checks through validate.trusted, having checked their arguments, and build the same value."""

    def good(self) -> dict[str, object]:
        d = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT)
        return {f: getattr(d, f) for f in attrs.fields_dict(Deadline)}

    def test_a_deadline_with_good_fields_is_accepted(self) -> None:
        fields = self.good()
        assert Deadline(**fields) == calendar_deadline(  # type: ignore[arg-type]
            date(2026, 3, 2), 7, clause=B_6, subject=PAYMENT
        )

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("clause", "B-6", r"^clause must be a Clause, got 'B-6' \[Deadline\]$"),
            ("start", datetime(2026, 3, 2), r"^start must be a datetime.date, got datetime"),
            ("unit", "weekly", r"^unit must be one of \('calendar', 'working', 'monthly'\)"),
            ("due", "2026-03-09", r"^due must be a datetime.date, got '2026-03-09'"),
            ("calendar", "china", r"^calendar must be a WorkCalendar or None, got 'china'"),
            ("reasons", ["r"], r"^reasons must be a tuple of Reason, got \['r'\]"),
            ("reasons", ("r",), r"^reasons must be a sequence of Reason, got \('r',\)"),
            ("provisional", 0, r"^provisional must be True or False, got 0 \[Deadline\]$"),
        ],
    )
    def test_each_bad_field_is_refused_by_name(
        self, field: str, value: object, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Deadline(**{**self.good(), field: value})  # type: ignore[arg-type]

    @given(
        st.dates(date(2004, 1, 1), date(2026, 12, 1)),
        st.integers(1, 20),
        st.sampled_from(["calendar", "working"]),
    )
    def test_the_builders_build_what_the_checked_constructor_accepts(
        self, start: date, days: int, unit: str
    ) -> None:
        build = calendar_deadline if unit == "calendar" else working_day_deadline
        d = build(start, days, clause=M_1_4, subject=PAYMENT)
        assert Deadline(**{f: getattr(d, f) for f in attrs.fields_dict(Deadline)}) == d


class TestTheRollRefusesAnUncoveredYearInTheRulesName:
    """B-6, art. 203 roll: a year the calendar lacks is named with the rule, not the method."""

    rolling = Policy().updated({"general.roll_to_working_day": True})

    def test_an_end_in_an_uncovered_year_names_the_period_and_the_rule(self) -> None:
        with pytest.raises(
            CalendarCoverageError,
            match=r"^the period's end 2027-01-04 falls in 2027.*\[calendar_deadline B-6\]$",
        ):
            calendar_deadline(
                date(2026, 12, 28), 7, clause=B_6, subject=("x", "x"), policy=self.rolling
            )

    def test_a_roll_past_the_last_year_names_the_day_rolled_from_and_the_rule(self) -> None:
        acme = WorkCalendar("acme", (CalendarYear(2026, days_off=[date(2026, 12, 31)]),))
        with pytest.raises(
            CalendarCoverageError,
            match=r"^the working day after 2026-12-31, from 2027-01-01 falls in 2027, which "
            r"calendar 'acme'.*\[calendar_deadline B-6\]$",
        ) as caught:
            calendar_deadline(
                date(2026, 12, 24),
                7,
                clause=B_6,
                subject=("x", "x"),
                policy=self.rolling,
                calendar=acme,
            )
        assert caught.value.year == 2027
