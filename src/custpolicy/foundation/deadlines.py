"""Deadlines: calendar-day periods, working-day periods and "before the 10th".

Conventions (docs/catalogue.md, "Conventions"):

- **Calendar-day periods** (B-6 one week, B-8 three days, C-10 13/17 days, C-9.3, C-9.6): the
  period ends on start + N days, and that day is still on time. **[assumption]** no roll when
  it falls on a day off; ``general.roll_to_working_day`` turns on the PRC Civil Code art. 203
  roll to the next working day.
- **Working-day periods** (M-1.4): the period ends on the N-th working day strictly after the
  start
  (`custpolicy.WorkCalendar.add_working_days`).
- **"Before the 10th"** (P-2, C-9.10): **[assumption]** the 10th itself is still on time
  (``general.monthly_due_day_on_time``).

Every deadline is a [`Deadline`][custpolicy.foundation.deadlines.Deadline] value that explains how
its date was reached, and judges when something was done with
[`Deadline.days_late`][custpolicy.foundation.deadlines.Deadline.days_late]. A deadline that depends
on a provisional year of its calendar says so
([`Deadline.provisional`][custpolicy.foundation.deadlines.Deadline]); a result that holds deadlines
says so in one sentence with [`provisional_note`][custpolicy.foundation.deadlines.provisional_note].

Examples:
    >>> from datetime import date
    >>> from custpolicy.foundation.clauses import B_6
    >>> due = calendar_deadline(date(2026, 3, 2), 7, clause=B_6, subject=("payment", "繳費"))
    >>> due.due
    datetime.date(2026, 3, 9)
    >>> print(due.explain("zh-Hant"))
    B-6 繳費期限為2026年3月2日後7個日曆日，即2026年3月9日（當日仍屬準時）
    >>> due.days_late(date(2026, 3, 9)), due.days_late(date(2026, 3, 11))
    (0, 2)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal, cast

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import Clause
from custpolicy.foundation.errors import CalendarCoverageError, InvalidInputError
from custpolicy.foundation.explain import Explained, Phrase, Reason
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.validate import (
    boolean,
    check_instance,
    check_int,
    choice,
    instance_of,
    refuse,
    trusted,
    tuple_of,
)
from custpolicy.foundation.validate import check_calendar as _check_calendar
from custpolicy.foundation.validate import check_date as _check_date
from custpolicy.foundation.validate import check_policy as _check_policy
from custpolicy.foundation.workdays import WorkCalendar

__all__ = [
    "Deadline",
    "calendar_deadline",
    "monthly_deadline",
    "provisional_note",
    "working_day_deadline",
]

_DEFAULT_POLICY = Policy()

Unit = Literal["calendar", "working", "monthly"]


@attrs.frozen
class Deadline(Explained):
    """The last day on which something is on time, and how that day was reached.

    Attributes:
        clause: the clause that sets the period.
        start: the day the period runs from (it never counts itself); for a monthly deadline,
            the first day of the month.
        unit: ``"calendar"``, ``"working"`` or ``"monthly"`` (a day of the month).
        due: the last day that is on time.
        calendar: the work calendar for working-day periods and the art. 203 roll, if used.
        reasons: the explanation.
        provisional: whether ``due`` depends on a provisional year of ``calendar`` (one whose
            notice is not published yet, see
            `WorkCalendar.is_provisional`): it may move once the notice is out, and the explanation
            says so.
    """

    clause: Clause = attrs.field(validator=instance_of(Clause))
    start: date = attrs.field(validator=validate.date())
    unit: Unit = attrs.field(validator=choice(("calendar", "working", "monthly")))
    due: date = attrs.field(validator=validate.date())
    calendar: WorkCalendar | None = attrs.field(
        repr=False, validator=instance_of(WorkCalendar, optional=True)
    )
    reasons: tuple[Reason, ...] = attrs.field(repr=False, validator=tuple_of(Reason))
    provisional: bool = attrs.field(default=False, kw_only=True, validator=boolean())

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """The provisional years ``due`` depends on, in order; empty when it depends on none."""
        for reason in self.reasons:
            if reason.key == _PROVISIONAL:
                return cast("tuple[int, ...]", reason.fact("years"))
        if self.provisional and self.calendar is not None:  # a deadline built by hand
            return _years(self.calendar, self.start, self.due)
        return ()

    def provisional_years_until(self, done_on: date) -> tuple[int, ...]:
        """The provisional years that judging ``done_on`` against the deadline depends on.

        Those of ``due``
        ([`provisional_years`][custpolicy.foundation.deadlines.Deadline.provisional_years]) and, for
        a working-day deadline met late, those of the working days that
        [`days_late`][custpolicy.foundation.deadlines.Deadline.days_late] counts, from ``due`` to
        ``done_on``.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> from custpolicy.foundation.clauses import M_1_4
            >>> d = working_day_deadline(date(2026, 12, 1), 5, clause=M_1_4,
            ...     subject=("registration", "備案"), calendar=china(provisional_until=2027))
            >>> d.provisional, d.provisional_years_until(date(2027, 1, 4))
            (False, (2027,))
        """
        done = _check_date(done_on, "done_on", f"Deadline {self.clause.id}")
        years = self.provisional_years
        if self.unit == "working" and self.calendar is not None and done > self.due:
            late = _years(self.calendar, self.due, done)
            years = tuple(sorted({*years, *late}))
        return years

    def is_on_time(self, done_on: date) -> bool:
        """Whether something done on ``done_on`` meets the deadline."""
        return self.days_late(done_on) == 0

    def days_late(self, done_on: date) -> int:
        """How late ``done_on`` is: 0 if on time, else days after ``due``.

        Working-day deadlines count working days late; the others count calendar days.
        """
        done = _check_date(done_on, "done_on", f"Deadline {self.clause.id}")
        if done <= self.due:
            return 0
        if self.unit == "working" and self.calendar is not None:
            return self.calendar.working_days_between(self.due, done)
        return (done - self.due).days


_deadline = trusted(Deadline)  # the builders below check their arguments first


def _check_subject(subject: object, where: str) -> tuple[str, str]:
    pair = subject if isinstance(subject, tuple) else ()
    if len(pair) == 2 and all(isinstance(s, str) and s for s in pair):
        return pair
    raise refuse("subject", "an (English, Chinese) pair of non-empty str", subject, where)


#: The Chinese names of the built-in calendars; a calendar of the caller's reads as its own name.
_CALENDAR_NAMES_ZH = {"china": "中國"}


def _calendar_name(calendar: WorkCalendar) -> Phrase:
    """A calendar's name in each language: 中國 for the built-in China calendar."""
    name = calendar.name
    return Phrase(name, _CALENDAR_NAMES_ZH.get(name, f"「{name}」"))


def _calendar_or_china(value: object, where: str) -> WorkCalendar:
    return _check_calendar(value, where) or china()


_PROVISIONAL = "deadline.provisional"
_THIS_DATE = Phrase("this date", "本期限")
_THIS_ANSWER = Phrase("this answer", "本結果")


def _years(calendar: WorkCalendar, first: date, last: date) -> tuple[int, ...]:
    """The provisional years of ``calendar`` that the days from ``first`` to ``last`` touch."""
    if not calendar.touches_provisional(first, last):
        return ()
    low, high = sorted((first.year, last.year))
    return tuple(year for year in calendar.provisional_years if low <= year <= high)


def _note(years: tuple[int, ...], clause: Clause | None, what: Phrase) -> Reason:
    """The one provisional sentence, for a date (``what`` "this date") or a whole answer."""
    return Reason.of(
        _PROVISIONAL,
        clause,
        en="provisional: the State Council has not published the holidays of {years}, so "
        "{what} counts only the statutory holidays (no make-up working days); check it "
        "again when the notice is out",
        zh="暫定：國務院尚未公布{years}年的放假安排，{what}僅按法定節假日推算（未含調休），"
        "通知公布後應重新核對",
        years=years,
        what=what,
    )


def _provisional(
    calendar: WorkCalendar, first: date, last: date, clause: Clause
) -> tuple[Reason, ...]:
    """The reason to give when the days from ``first`` to ``last`` touch a provisional year."""
    years = _years(calendar, first, last)
    return (_note(years, clause, _THIS_DATE),) if years else ()


def provisional_note(
    reasons: Iterable[Reason], years: Iterable[int], clause: Clause | None
) -> tuple[Reason, ...]:
    """A result's reasons with one provisional sentence for the whole answer, if it needs one.

    A result that holds deadlines (a case's status, a dunning step, a filing) lists their
    reasons among its own: this takes out each deadline's own provisional sentence and, when
    ``years`` (the provisional years the answer depends on) is not empty, ends the reasons with
    one sentence for the whole answer, citing ``clause``. With no years and no such sentence
    the reasons come back as they were.

    Examples:
        >>> from datetime import date
        >>> from custpolicy import china
        >>> from custpolicy.foundation.clauses import M_1_4
        >>> d = working_day_deadline(date(2026, 12, 28), 5, clause=M_1_4,
        ...     subject=("registration", "備案"), calendar=china(provisional_until=2027))
        >>> print(provisional_note(d.reasons, d.provisional_years, M_1_4)[-1].render("zh-Hant"))
        M-1.4 暫定：國務院尚未公布2027年的放假安排，本結果僅按法定節假日推算（未含調休），\
通知公布後應重新核對
    """
    listed = tuple(years)
    kept = tuple(reason for reason in reasons if reason.key != _PROVISIONAL)
    if not listed:
        return kept
    return (*kept, _note(tuple(sorted(set(listed))), clause, _THIS_ANSWER))


def _period(
    function: str, clause: object, start: object, days: object, subject: object
) -> tuple[str, Clause, date, int, tuple[str, str]]:
    """Check the arguments every period deadline takes; return them with the ``where`` tag."""
    where = f"{function} {getattr(clause, 'id', clause)}"
    return (
        where,
        check_instance(clause, "clause", where, Clause),
        _check_date(start, "start", where),
        check_int(days, "days", where, low=1),
        _check_subject(subject, where),
    )


def _roll(calendar: WorkCalendar, end: date, where: str) -> date:
    """The art. 203 roll of ``end``; a year the calendar lacks is refused in the rule's name."""
    calendar.check_covered(end, "the period's end", where)
    try:
        return calendar.roll_forward(end)
    except CalendarCoverageError as error:  # the next working day is past the last year covered
        # error.year is not covered, so this raises again, naming the rule instead of the method
        return calendar.check_covered(
            date(error.year, 1, 1), f"the working day after {end}, from", where
        )


def calendar_deadline(
    start: date,
    days: int,
    *,
    clause: Clause,
    subject: tuple[str, str],
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The end of a period of ``days`` calendar days after ``start`` (B-6, B-8, C-9.3, C-9.6, C-10).

    The last day itself is still on time.

    With ``policy.general.roll_to_working_day`` on, an end that falls on a day off moves to
    the next working day of ``calendar`` (the China calendar by default; PRC Civil Code
    art. 203). ``subject`` names what is due, in English and Chinese, for the explanation.
    """
    where, clause, start, days, (subject_en, subject_zh) = _period(
        "calendar_deadline", clause, start, days, subject
    )
    policy = _check_policy(policy, where)
    calendar = _check_calendar(calendar, where)  # checked even when the policy does not roll
    try:
        end = start + timedelta(days=days)
    except OverflowError:  # past 9999-12-31, such as an open-ended 9999-12-31 start
        raise InvalidInputError(
            f"start + days must be no later than {date.max}, got start {start!r} and days "
            f"{days!r} [{where}]"
        ) from None
    reasons = [
        Reason.of(
            "deadline.calendar",
            clause,
            en="{subject} is due {days} calendar days after {start}, on {end} "
            "(that day is still on time)",
            zh="{subject_zh}期限為{start}後{days}個日曆日，即{end}（當日仍屬準時）",
            subject=subject_en,
            subject_zh=subject_zh,
            days=days,
            start=start,
            end=end,
        )
    ]
    due = end
    provisional: tuple[Reason, ...] = ()
    if policy.general.roll_to_working_day:
        calendar = calendar or china()
        due = _roll(calendar, end, where)
        provisional = _provisional(calendar, end, due, clause)
        if due != end:
            reasons.append(
                Reason.of(
                    "deadline.rolled",
                    clause,
                    en="{end} is a day off on calendar {calendar}, so the deadline moves to the "
                    "next working day, {due} (PRC Civil Code art. 203)",
                    zh="{end}為{calendar}行事曆的休息日，期限順延至下一個工作日{due}"
                    "（中國民法典第203條）",
                    end=end,
                    calendar=_calendar_name(calendar),
                    due=due,
                )
            )
    reasons.extend(provisional)
    return _deadline(clause, start, "calendar", due, calendar, tuple(reasons), bool(provisional))


def working_day_deadline(
    start: date,
    days: int,
    *,
    clause: Clause,
    subject: tuple[str, str],
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The N-th working day strictly after ``start`` on a work calendar (M-1.4).

    The calendar is ``calendar``, or the China calendar by default.

    Examples:
        >>> from datetime import date
        >>> from custpolicy.foundation.clauses import M_1_4
        >>> d = working_day_deadline(
        ...     date(2026, 9, 28), 5, clause=M_1_4, subject=("registration", "備案"))
        >>> d.due, d.days_late(date(2026, 10, 12))   # Saturday 10 October was a working day
        (datetime.date(2026, 10, 10), 1)
    """
    where, clause, start, days, (subject_en, subject_zh) = _period(
        "working_day_deadline", clause, start, days, subject
    )
    calendar = _calendar_or_china(calendar, where)
    calendar.check_covered(start, "start", where)  # name the argument, not the method's
    due = calendar.add_working_days(start, days)
    skipped = calendar.days_off_in(start + timedelta(days=1), due)
    reasons = [
        Reason.of(
            "deadline.working",
            clause,
            en="{subject} is due within {days} working days of {start} on calendar {calendar}: "
            "by {due}",
            zh="{subject_zh}應於{start}後{days}個工作日內完成（依{calendar}行事曆），即{due}前",
            subject=subject_en,
            subject_zh=subject_zh,
            days=days,
            start=start,
            calendar=_calendar_name(calendar),
            due=due,
        )
    ]
    if skipped:
        reasons.append(
            Reason.of(
                "deadline.days_off",
                clause,
                en="days off on weekdays skipped: {skipped}",
                zh="跳過的平日休息日：{skipped}",
                skipped=skipped,
            )
        )
    provisional = _provisional(calendar, start, due, clause)
    reasons.extend(provisional)
    return _deadline(clause, start, "working", due, calendar, tuple(reasons), bool(provisional))


def monthly_deadline(
    year: int,
    month: int,
    *,
    clause: Clause,
    subject: tuple[str, str],
    policy: Policy = _DEFAULT_POLICY,
) -> Deadline:
    """The "before the 10th" deadline of a month (P-2, C-9.10).

    The day is ``policy.general.monthly_due_day``; whether that day itself is on time is
    ``policy.general.monthly_due_day_on_time`` (**[assumption]** yes). A month shorter than the
    due day ends the period on its last day.

    Examples:
        >>> from custpolicy.foundation.clauses import C_9_10
        >>> d = monthly_deadline(2026, 3, clause=C_9_10, subject=("summary", "匯總"))
        >>> d.due
        datetime.date(2026, 3, 10)
    """
    where = f"monthly_deadline {getattr(clause, 'id', clause)}"
    clause = check_instance(clause, "clause", where, Clause)
    check_int(year, "year", where, low=1, high=9999)
    check_int(month, "month", where, low=1, high=12)
    subject_en, subject_zh = _check_subject(subject, where)
    general = _check_policy(policy, where).general
    day = min(general.monthly_due_day, monthrange(year, month)[1])
    named = date(year, month, day)
    due = named if general.monthly_due_day_on_time else named - timedelta(days=1)
    reason = Reason.of(
        "deadline.monthly",
        clause,
        en="{subject} is due before day {day} of {month}: the last day on time is {due}"
        + (" (that day itself counts as on time)" if general.monthly_due_day_on_time else ""),
        zh="{subject_zh}應於{year}年{month_number}月{day}日前完成，最後準時日為{due}"
        + ("（當日仍屬準時）" if general.monthly_due_day_on_time else ""),
        subject=subject_en,
        subject_zh=subject_zh,
        day=day,
        month=f"{year:04d}-{month:02d}",
        year=year,
        month_number=month,
        due=due,
    )
    return _deadline(clause, date(year, month, 1), "monthly", due, None, (reason,), False)
