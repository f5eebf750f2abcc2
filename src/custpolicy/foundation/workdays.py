"""Working days on a calendar with statutory days off and make-up working days.

Conventions (docs/catalogue.md, "Working days"; used by M-1.4 and the art. 203 roll):

- "Within N working days of D" ends on the N-th working day strictly after D: the start day
  never counts, the last day does (PRC Civil Code art. 201 and 1259).
- A working day is a day of the working week (Monday to Friday by default), minus the days off
  the calendar lists, plus the weekend make-up working days (調休) it lists.
- A date in a year the calendar does not know is an error
  ([`CalendarCoverageError`][custpolicy.foundation.errors.CalendarCoverageError]), never a guess.

Every query is O(log H) in the number H of listed exceptions and costs the same for 5 days as
for 250: the working week is counted with weekday arithmetic and the exceptions with a binary
search over a prefix sum. Nothing walks the calendar day by day.

Examples:
    >>> from datetime import date
    >>> from custpolicy import china
    >>> cal = china()
    >>> cal.is_working_day(date(2026, 9, 20))   # a Sunday made a working day for National Day
    True
    >>> cal.add_working_days(date(2026, 9, 30), 1)   # National Day: 1-7 October off
    datetime.date(2026, 10, 8)
    >>> cal.working_days_between(date(2026, 9, 30), date(2026, 10, 8))
    1
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import pairwise
from typing import cast

import attrs

from custpolicy.foundation.errors import CalendarCoverageError, InvalidInputError
from custpolicy.foundation.validate import (
    bind_type,
    boolean,
    check_date,
    check_instance,
    check_int,
    check_items,
    integer,
    refuse,
    text,
)

__all__ = ["CalendarDataError", "CalendarYear", "WorkCalendar"]

_DATE = "a datetime.date (not a datetime or a string)"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _dates(value: object, argument: str, where: str = "CalendarYear") -> tuple[date, ...]:
    listed = check_items(value, argument, where, object, expect="a collection of dates")
    checked = {check_date(d, argument, where, expect=_DATE) for d in listed}
    return tuple(sorted(checked))


class CalendarDataError(InvalidInputError):
    """A calendar year given as data (a mapping or TOML text) has a bad entry.

    Attributes:
        path: where the bad entry is, such as ``"days_off[3]"`` or ``"source"``.
    """

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


_FROM_MAPPING = "CalendarYear.from_mapping"
_NONE_PROVISIONAL = (
    "empty in a provisional year (make-up working days are only known from the notice)"
)
_KEYS = ("year", "source", "days_off", "workdays", "provisional")
_RULES = {  # what from_mapping requires of an entry
    "year": "must be an int from 1 to 9998",
    "source": "must cite the notice that publishes the year",
    "provisional": "must be true or false",
    "days_off": "must include at least one day of the working week (a weekend day off changes "
    "nothing)",
    "weekend": "must fall on the weekend (a make-up working day is a Saturday or Sunday made a "
    "working day)",
}


def _refuse(path: str, value: object, rule: str, detail: str = "") -> CalendarDataError:
    return CalendarDataError(f"{path} {rule}, got {value!r}{detail} [{_FROM_MAPPING}]", path=path)


def _day(value: object) -> date | None:
    """``value`` if it is a date (not a datetime), the date a str "YYYY-MM-DD" names, or None."""
    if isinstance(value, date):
        return None if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None


def _entry_dates(entry: object, path: str, year: int) -> list[date]:
    """The days of one entry of a days_off or workdays list: a date, "YYYY-MM-DD" or a run."""
    head, dots, tail = entry.partition("..") if isinstance(entry, str) else (entry, "", "")
    first, last = _day(head), _day(tail if dots else head)
    if first is None or last is None:
        raise _refuse(path, entry, 'must be a date, "YYYY-MM-DD" or a run "YYYY-MM-DD..YYYY-MM-DD"')
    for wrong, rule in (
        (last < first, "must run forwards: its last day is before its first"),
        (first.year != year or last.year != year, f"must fall in the year {year}"),
    ):
        if wrong:
            raise _refuse(path, entry, rule)
    return [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


def _listed(data: Mapping[str, object], key: str, year: int) -> list[tuple[str, object, date]]:
    """Every day of list ``key``, with the path and the value of the entry it comes from."""
    value = data.get(key, [])
    if not isinstance(value, (list, tuple)):
        raise _refuse(key, value, "must be a list of dates")
    return [
        (f"{key}[{index}]", entry, d)
        for index, entry in enumerate(value)
        for d in _entry_dates(entry, f"{key}[{index}]", year)
    ]


def _days_off(value: Iterable[date]) -> tuple[date, ...]:
    return _dates(value, "days_off")


def _workdays(value: Iterable[date]) -> tuple[date, ...]:
    return _dates(value, "workdays")


@attrs.frozen
class CalendarYear:
    """One year of a work calendar, as a government notice publishes it.

    Attributes:
        year: the calendar year.
        days_off: the statutory days off of that year. Weekend days inside a holiday period may be
            listed too; they change nothing.
        workdays: the weekend days that are working days that year (調休 make-up days).
        source: the notice that published the year, so an auditor can check it.
        provisional: whether the year is a forecast, made before its notice was published
            (statutory holidays only, no make-up days); every answer that depends on such a
            year can say so
            ([`WorkCalendar.is_provisional`][]).

    A year can also be read from data, such as a TOML file kept next to a program, with
    [`from_mapping`][custpolicy.foundation.workdays.CalendarYear.from_mapping] or
    [`from_toml`][custpolicy.foundation.workdays.CalendarYear.from_toml];
    [`to_mapping`][custpolicy.foundation.workdays.CalendarYear.to_mapping] gives the data back.
    """

    year: int = attrs.field(validator=integer(low=1, high=9998))
    days_off: tuple[date, ...] = attrs.field(default=(), converter=_days_off)
    workdays: tuple[date, ...] = attrs.field(default=(), converter=_workdays)
    source: str = attrs.field(default="", validator=text(blank=True))
    provisional: bool = attrs.field(default=False, validator=boolean(expect="a bool"), kw_only=True)

    def __attrs_post_init__(self) -> None:
        year, off, on = self.year, self.days_off, self.workdays
        for argument, wrong, must, expectation in (
            ("days_off", [d for d in off if d.year != year], "fall", f"in {year}"),
            ("workdays", [d for d in on if d.year != year], "fall", f"in {year}"),
            ("workdays", sorted(set(off) & set(on)), "not", "also be days off"),
            ("workdays", on if self.provisional else (), "be", _NONE_PROVISIONAL),
        ):
            if wrong:
                raise refuse(
                    argument, expectation, None, "CalendarYear", shown=str(wrong[0]), must=must
                )

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, object], *, weekend: Iterable[int] = (5, 6)
    ) -> CalendarYear:
        """A year from plain data, checked as the built-in years are.

        ``data`` has the keys ``year`` (an int), ``source`` (the notice, required and not
        empty), ``days_off`` and ``workdays`` (lists whose entries are dates, ``"YYYY-MM-DD"``
        or runs ``"YYYY-MM-DD..YYYY-MM-DD"``, both ends included) and optionally
        ``provisional`` (a bool, false by default). The checks: every date falls in the year;
        every make-up working day falls on the ``weekend`` (Saturday and Sunday by default); the
        days off include at least one day of the working week (a weekend day off changes
        nothing, so a list of weekend days only is a slip); no date is both off and worked; a
        provisional year has no make-up days. A bad entry raises
        [`CalendarDataError`][custpolicy.foundation.workdays.CalendarDataError] naming its path
        (``days_off[3]``), the value and the rule.

        Examples:
            >>> from datetime import date
            >>> year = CalendarYear.from_mapping({
            ...     "year": 2027,
            ...     "source": "ACME holiday notice 2027",
            ...     "days_off": [date(2027, 1, 1), "2027-02-05..2027-02-11"],
            ...     "workdays": ["2027-02-20"],
            ... })
            >>> len(year.days_off), year.workdays
            (8, (datetime.date(2027, 2, 20),))
            >>> CalendarYear.from_mapping({**year.to_mapping(), "workdays": ["2027-02-22"]})
            Traceback (most recent call last):
            ...
            custpolicy.foundation.workdays.CalendarDataError: workdays[0] must fall on the weekend \
(a make-up working day is a Saturday or Sunday made a working day), got '2027-02-22' \
(a Monday) [CalendarYear.from_mapping]
        """
        if not isinstance(data, Mapping):
            raise CalendarDataError(
                f"data must be a mapping (a dict or a TOML table), got {data!r} [{_FROM_MAPPING}]",
                path="",
            )
        weekend_days = _check_weekend(weekend)
        year, source = data.get("year"), data.get("source")
        provisional = data.get("provisional", False)
        not_a_key = f"is not a key of a calendar year {_KEYS}"
        for path, value, right, rule in (
            *((str(key), data[key], key in _KEYS, not_a_key) for key in data),
            (
                "year",
                year,
                isinstance(year, int) and year.__class__ is not bool and 1 <= year <= 9998,
                _RULES["year"],
            ),
            ("source", source, isinstance(source, str) and source.strip(), _RULES["source"]),
            ("provisional", provisional, provisional.__class__ is bool, _RULES["provisional"]),
        ):
            if not right:
                raise _refuse(path, value, rule)
        days_off = _listed(data, "days_off", cast("int", year))
        workdays = _listed(data, "workdays", cast("int", year))
        off = {d: path for path, _, d in reversed(days_off)}
        for path, entry, d in workdays:
            for wrong, rule, detail in (
                (
                    d.weekday() not in weekend_days,
                    _RULES["weekend"],
                    f" (a {_WEEKDAY_NAMES[d.weekday()]})",
                ),
                (d in off, f"must not also be a day off ({off.get(d)})", ""),
                (provisional, "must not be listed: a provisional year has no make-up days", ""),
            ):
                if wrong:
                    raise _refuse(path, entry, rule, detail)
        if all(d.weekday() in weekend_days for d in off):
            raise _refuse("days_off", data.get("days_off", []), _RULES["days_off"])
        return cls(
            cast("int", year),
            days_off=off,
            workdays=[d for _, _, d in workdays],
            source=cast("str", source),
            provisional=cast("bool", provisional),
        )

    @classmethod
    def from_toml(cls, text: str, *, weekend: Iterable[int] = (5, 6)) -> CalendarYear:
        """A year from TOML text, with the keys and checks of [`from_mapping`][].

        TOML writes dates bare (``2027-01-01``) or as strings; a run is a string
        ``"2027-02-05..2027-02-11"``. Text that is not TOML raises
        [`CalendarDataError`][custpolicy.foundation.workdays.CalendarDataError] with the path
        ``"text"`` and the parser's line and column.

        Examples:
            >>> year = CalendarYear.from_toml('''
            ... year = 2027
            ... source = "ACME holiday notice 2027"
            ... days_off = [2027-01-01, "2027-02-05..2027-02-11"]
            ... ''')
            >>> year.days_off[:2]
            (datetime.date(2027, 1, 1), datetime.date(2027, 2, 5))
        """
        if not isinstance(text, str):
            raise CalendarDataError(
                f"text must be a str of TOML, got {text!r} [CalendarYear.from_toml]", path="text"
            )
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise CalendarDataError(
                f"text is not valid TOML: {error} [CalendarYear.from_toml]", path="text"
            ) from None
        return cls.from_mapping(data, weekend=weekend)

    def to_mapping(self) -> dict[str, object]:
        """The year as plain data: [`from_mapping`][] reads it back to an equal year.

        Examples:
            >>> from datetime import date
            >>> CalendarYear(2027, [date(2027, 1, 1)], source="ACME notice").to_mapping()
            {'year': 2027, 'source': 'ACME notice', 'days_off': [datetime.date(2027, 1, 1)], \
'workdays': [], 'provisional': False}
        """
        return {
            "year": self.year,
            "source": self.source,
            "days_off": list(self.days_off),
            "workdays": list(self.workdays),
            "provisional": self.provisional,
        }


def _check_weekend(value: Iterable[int]) -> frozenset[int]:
    try:
        days = None if isinstance(value, (str, bytes)) else frozenset(value)
    except TypeError:  # not iterable, or unhashable members such as [[5, 6]]
        days = None
    if days is None or len(days) > 6 or any(d.__class__ is not int or not 0 <= d < 7 for d in days):
        expectation = "a set of at most six weekday numbers (0 = Monday ... 6 = Sunday)"
        raise refuse(
            "weekend",
            expectation,
            value if days is None else sorted(days, key=repr),
            "WorkCalendar",
        )
    return days


def _years(value: Iterable[CalendarYear]) -> tuple[CalendarYear, ...]:
    expect = "a sequence of CalendarYear values"
    return check_items(value, "years", "WorkCalendar", object, expect=expect)


@attrs.frozen
class WorkCalendar:
    """A working-day calendar for a run of consecutive years.

    Build your own from [`CalendarYear`][custpolicy.foundation.workdays.CalendarYear] values
    (another region, or a company's own rest days), or extend a built-in one with
    [`extended`][custpolicy.foundation.workdays.WorkCalendar.extended] when a new year is published.

    Examples:
        >>> from datetime import date
        >>> acme = WorkCalendar("acme", (CalendarYear(2027, days_off=[date(2027, 1, 1)]),))
        >>> acme.add_working_days(date(2027, 1, 1), 1)   # a Friday off, then the weekend
        datetime.date(2027, 1, 4)
        >>> acme.add_working_days(date(2027, 12, 30), 2)
        Traceback (most recent call last):
        ...
        custpolicy.CalendarCoverageError: the result of add_working_days falls in 2028, \
which calendar 'acme' does not cover (it covers 2027-2027); add 2028 from its notice: \
calendar.with_year(CalendarYear.from_toml(...)) [WorkCalendar.add_working_days]
    """

    name: str
    years: tuple[CalendarYear, ...] = attrs.field(converter=_years)
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_check_weekend)

    # Derived tables, computed once in __attrs_post_init__.
    _first: int = attrs.field(init=False, repr=False, eq=False)
    _last: int = attrs.field(init=False, repr=False, eq=False)
    _per_week: int = attrs.field(init=False, repr=False, eq=False)
    _before: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _position: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _exceptions: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _is_exception_working: dict[int, bool] = attrs.field(init=False, repr=False, eq=False)
    _shift: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _count_at: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _count_range: tuple[int, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise refuse("name", "a non-empty str", self.name, "WorkCalendar")
        for index, year in enumerate(self.years):
            check_instance(year, f"years[{index}]", "WorkCalendar", CalendarYear)
        numbers = [year.year for year in self.years]
        for argument, wrong, must, expectation, where in (
            (
                "years",
                [] if numbers else ["()"],
                "list",
                "at least one CalendarYear",
                "WorkCalendar",
            ),
            (
                "years",
                [f"{a} then {b}" for a, b in pairwise(numbers) if b != a + 1],
                "be",
                "consecutive and ascending",
                "WorkCalendar",
            ),
            (
                "workdays",
                [
                    f"{d} (a {_WEEKDAY_NAMES[d.weekday()]}) in year {d.year}"
                    for year in self.years
                    for d in year.workdays
                    if d.weekday() not in self.weekend
                ],
                "list only",
                "weekend days made working days",
                f"WorkCalendar {self.name!r}",
            ),
        ):
            if wrong:
                raise refuse(argument, expectation, None, where, shown=wrong[0], must=must)
        working_weekdays = [w for w in range(7) if w not in self.weekend]
        before, seen = [], 0
        for w in range(7):
            seen += w not in self.weekend
            before.append(seen)
        exceptions: dict[int, bool] = {}
        for year in self.years:
            for d in year.workdays:
                exceptions[d.toordinal()] = True
            for d in year.days_off:
                if d.weekday() not in self.weekend:
                    exceptions[d.toordinal()] = False
        ordinals = tuple(sorted(exceptions))
        shift, count_at, running = [0], [], 0
        set_ = object.__setattr__
        set_(self, "_per_week", len(working_weekdays))
        set_(self, "_before", tuple(before))
        set_(self, "_position", tuple(working_weekdays))
        for o in ordinals:
            running += 1 if exceptions[o] else -1
            shift.append(running)
            count_at.append(self._weekdays_through(o) + running)
        set_(self, "_first", date(self.years[0].year, 1, 1).toordinal())
        set_(self, "_last", date(self.years[-1].year, 12, 31).toordinal())
        set_(self, "_exceptions", ordinals)
        set_(self, "_is_exception_working", exceptions)
        set_(self, "_shift", tuple(shift))
        set_(self, "_count_at", tuple(count_at))
        set_(self, "_count_range", (self._count(self._first - 1), self._count(self._last)))

    # -- the counting function -------------------------------------------------------------------
    # count(o) = number of working days on or before ordinal o (from an arbitrary origin)
    #          = weekdays_through(o) + shift[number of exceptions on or before o]

    def _weekdays_through(self, o: int) -> int:
        weeks, day = divmod(o - 1, 7)  # ordinal 1 (0001-01-01) is a Monday
        return self._per_week * weeks + self._before[day]

    def _count(self, o: int) -> int:
        weeks, day = divmod(o - 1, 7)  # _weekdays_through, inlined: this is the hot path
        return (
            self._per_week * weeks
            + self._before[day]
            + self._shift[bisect_right(self._exceptions, o)]
        )

    def check_covered(self, day: date, argument: str, where: str) -> date:
        """``day`` if the calendar covers it, else a CalendarCoverageError naming ``argument``.

        For a rule that answers from this calendar: the error names the rule's own argument and
        ``where`` (the rule applied), not the calendar method that would have failed later. The
        covered days run from
        [`covered_from`][custpolicy.foundation.workdays.WorkCalendar.covered_from] to
        [`covered_until`][custpolicy.foundation.workdays.WorkCalendar.covered_until], both included.

        Examples:
            >>> from datetime import date
            >>> acme = WorkCalendar("acme", (CalendarYear(2027),))
            >>> acme.check_covered(date(2027, 12, 31), "first_contact", "M-1.4")
            datetime.date(2027, 12, 31)
            >>> acme.check_covered(date(2028, 1, 1), "first_contact", "M-1.4")
            Traceback (most recent call last):
            ...
            custpolicy.CalendarCoverageError: first_contact 2028-01-01 falls in 2028, which \
calendar 'acme' does not cover (it covers 2027-2027); add 2028 from its notice: \
calendar.with_year(CalendarYear.from_toml(...)) [M-1.4]
        """
        if day.__class__ is not date:
            check_date(day, argument, where, expect=_DATE)
        if not self._first <= day.toordinal() <= self._last:
            self._uncovered(day.year, f"{argument} {day}", where)
        return day

    def _uncovered(self, year: int, argument: str, where: str) -> None:
        def listed(first: int, last: int) -> str:
            one = "CalendarYear({}, days_off=..., workdays=..., source=...)"
            return (
                one.format(first)
                if first == last
                else f"{one.format(first)}, ..., {one.format(last)}"
            )

        if year == self.last_year + 1:
            how = f"add {year} from its notice: calendar.with_year(CalendarYear.from_toml(...))"
        elif year > self.last_year:
            how = f"extend it with WorkCalendar.extended({listed(self.last_year + 1, year)})"
        else:
            how = (
                f"build it again with the earlier years first: WorkCalendar({self.name!r}, "
                f"({listed(year, self.first_year - 1)}, *calendar.years))"
            )
        if year > self.last_year and self.name == "china":
            how += f", or opt in to a forecast of its holidays: china(provisional_until={year})"
        raise CalendarCoverageError(
            f"{argument} falls in {year}, which calendar {self.name!r} does not cover "
            f"(it covers {self.first_year}-{self.last_year}); {how} [{where}]",
            year=year,
            calendar=self.name,
        )

    # -- public queries --------------------------------------------------------------------------

    @property
    def first_year(self) -> int:
        """The first year the calendar covers."""
        return self.years[0].year

    @property
    def last_year(self) -> int:
        """The last year the calendar covers."""
        return self.years[-1].year

    @property
    def covered_from(self) -> date:
        """The first day the calendar answers for: 1 January of its first year."""
        return date.fromordinal(self._first)

    @property
    def covered_until(self) -> date:
        """The last day the calendar answers for: 31 December of its last year.

        Provisional years count: see
        [`provisional_years`][custpolicy.foundation.workdays.WorkCalendar.provisional_years] for how
        much of it is a forecast.
        """
        return date.fromordinal(self._last)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """The years whose days come from the statutory holidays rather than a notice.

        Examples:
            >>> from custpolicy import china
            >>> china().provisional_years, china(provisional_until=2028).provisional_years
            ((), (2027, 2028))
        """
        return tuple(year.year for year in self.years if year.provisional)

    def covers(self, d: date) -> bool:
        """Whether the calendar knows the date's year."""
        return (
            self._first
            <= check_date(d, "d", "WorkCalendar.covers", expect=_DATE).toordinal()
            <= self._last
        )

    def is_provisional(self, d: date) -> bool:
        """Whether the answer for ``d`` is provisional: its year has no published notice yet.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> cal = china(provisional_until=2027)
            >>> cal.is_provisional(date(2026, 12, 31)), cal.is_provisional(date(2027, 1, 4))
            (False, True)
        """
        where = "WorkCalendar.is_provisional"
        self.check_covered(d, "d", where)
        return self.years[d.year - self.first_year].provisional

    def touches_provisional(self, start: date, end: date) -> bool:
        """Whether any day from ``start`` to ``end`` (either order) is in a provisional year.

        A count of working days, or the day ``add_working_days`` or ``roll_forward`` reaches,
        is provisional when the span from its start to its result touches such a year.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> cal = china(provisional_until=2027)
            >>> due = cal.add_working_days(date(2026, 12, 28), 5)
            >>> due, cal.touches_provisional(date(2026, 12, 28), due)
            (datetime.date(2027, 1, 5), True)
        """
        where = "WorkCalendar.touches_provisional"
        a = check_date(start, "start", where, expect=_DATE)
        b = check_date(end, "end", where, expect=_DATE)
        self.check_covered(a, "start", where)
        self.check_covered(b, "end", where)
        low, high = sorted((a.year, b.year))
        first = self.first_year
        return any(year.provisional for year in self.years[low - first : high - first + 1])

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> china().is_working_day(date(2005, 12, 31))   # a Saturday worked for New Year 2006
            True
        """
        return self._is_working(d, "WorkCalendar.is_working_day")

    def _is_working(self, d: date, where: str) -> bool:
        o = (
            d.toordinal()
            if d.__class__ is date
            else check_date(d, "d", where, expect=_DATE).toordinal()
        )
        if not self._first <= o <= self._last:
            self.check_covered(d, "d", where)
        listed = self._is_exception_working.get(o)
        if listed is not None:
            return listed
        return (o - 1) % 7 not in self.weekend

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day strictly after ``d`` (before it when ``n`` is negative).

        ``d`` itself never counts, whether or not it is a working day; ``n = 0`` returns ``d``.
        This is where "within N working days of D" ends.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> china().add_working_days(date(2026, 2, 13), 5)   # across the Spring Festival
            datetime.date(2026, 2, 27)
            >>> china().add_working_days(date(2026, 2, 27), -5)
            datetime.date(2026, 2, 13)
        """
        return self._add(d, n, "WorkCalendar.add_working_days")

    def _add(self, d: date, n: int, where: str) -> date:
        """add_working_days, with ``where`` (``"WorkCalendar.<method>"``) naming the caller.

        The hot path of the library: ``_count`` and the inverse of the count are written out
        here rather than called (see benchmarks/workdays.py).
        """
        o = (
            d.toordinal()
            if d.__class__ is date
            else check_date(d, "d", where, expect=_DATE).toordinal()
        )
        if n.__class__ is not int:
            check_int(n, "n", where)
        if not self._first <= o <= self._last:
            self.check_covered(d, "d", where)
        if n == 0:
            return d
        exceptions = self._exceptions
        shift = self._shift
        per_week = self._per_week
        t = o - 1  # days since Monday 0001-01-01; // and - are cheaper than divmod()
        weeks = t // 7
        k = per_week * weeks + self._before[t - 7 * weeks] + shift[bisect_right(exceptions, o)] + n
        if n < 0:  # the |n|-th working day strictly before d
            k += 1 - self._is_working(d, where)
        lowest, highest = self._count_range
        if not lowest < k <= highest:
            year = self.last_year + 1 if k > highest else self.first_year - 1
            self._uncovered(year, f"the result of {where[13:]}", where)
        # the k-th working day: the smallest ordinal whose count reaches k
        i = bisect_left(self._count_at, k)
        t = k - shift[i] - 1
        weeks = t // per_week
        o = 7 * weeks + self._position[t - per_week * weeks] + 1
        if i < len(exceptions) and o >= exceptions[i]:
            o = exceptions[i]  # a listed make-up working day comes first
        return date.fromordinal(o)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]``: start excluded, end included.

        Negative when ``end`` is before ``start``: ``between(a, b) == -between(b, a)``.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> china().working_days_between(date(2026, 1, 1), date(2026, 12, 31))
            248
        """
        where = "WorkCalendar.working_days_between"
        a = (
            start.toordinal()
            if start.__class__ is date
            else check_date(start, "start", where, expect=_DATE).toordinal()
        )
        b = (
            end.toordinal()
            if end.__class__ is date
            else check_date(end, "end", where, expect=_DATE).toordinal()
        )
        if not (self._first <= a <= self._last and self._first <= b <= self._last):
            self.check_covered(start, "start", where)
            self.check_covered(end, "end", where)
        return self._count(b) - self._count(a)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self._add(d, 1, "WorkCalendar.next_working_day")

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a working day, else the next working day (PRC Civil Code art. 203).

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> china().roll_forward(date(2026, 10, 1))
            datetime.date(2026, 10, 8)
        """
        where = "WorkCalendar.roll_forward"
        return d if self._is_working(d, where) else self._add(d, 1, where)

    # -- building new calendars ------------------------------------------------------------------

    def with_year(self, year: CalendarYear) -> WorkCalendar:
        """A copy with ``year`` added, or put in place of the provisional year it confirms.

        ``year`` must be the year after the last covered one (or the year before the first), or
        a year the calendar holds only provisionally: the published notice then replaces the
        forecast. A year the calendar already has from a notice is refused; change single days
        with [`with_changes`][custpolicy.foundation.workdays.WorkCalendar.with_changes]. The
        calendar itself is left unchanged.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> notice = CalendarYear(2027, days_off=[date(2027, 1, 1)], source="made up")
            >>> china().with_year(notice).last_year
            2027
            >>> china(provisional_until=2028).with_year(notice).provisional_years
            (2028,)
        """
        where = "WorkCalendar.with_year"
        see = "a CalendarYear (see CalendarYear.from_mapping and from_toml)"
        check_instance(year, "year", where, CalendarYear, expect=see)
        if year.year == self.last_year + 1:
            return attrs.evolve(self, years=(*self.years, year))
        if year.year == self.first_year - 1:
            return attrs.evolve(self, years=(year, *self.years))
        if not self.first_year <= year.year <= self.last_year:
            raise InvalidInputError(
                f"year {year.year} must follow on from calendar {self.name!r}, which covers "
                f"{self.first_year}-{self.last_year}; add the years between first [{where}]"
            )
        index = year.year - self.first_year
        held = self.years[index]
        if not held.provisional:
            raise InvalidInputError(
                f"calendar {self.name!r} already has {year.year} from a notice "
                f"({held.source or 'no source given'}); change single days with with_changes "
                f"[{where}]"
            )
        return attrs.evolve(self, years=(*self.years[:index], year, *self.years[index + 1 :]))

    def extended(self, *years: CalendarYear) -> WorkCalendar:
        """A copy that also covers ``years``, which must follow on from the last covered year.

        This is how a user adds a newly published year without a new release of the library.
        """
        return attrs.evolve(self, years=self.years + tuple(years))

    def with_changes(
        self,
        *,
        name: str,
        days_off: Iterable[date] = (),
        workdays: Iterable[date] = (),
        source: str,
    ) -> WorkCalendar:
        """A copy with extra days off and extra working days, such as a company's own rest days.

        A date listed here overrides what the calendar said of it. ``source`` is recorded on
        each year that changes.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import china
            >>> acme = china().with_changes(
            ...     name="acme", days_off=[date(2026, 6, 1)], source="ACME founding day")
            >>> acme.is_working_day(date(2026, 6, 1)), china().is_working_day(date(2026, 6, 1))
            (False, True)
        """
        where = "WorkCalendar.with_changes"
        if not isinstance(source, str) or not source:
            raise refuse("source", "a non-empty str", source, where)
        off = _dates(days_off, "days_off", where)
        on = _dates(workdays, "workdays", where)
        for argument, listed in (("days_off", off), ("workdays", on)):
            for d in listed:
                self.check_covered(d, f"{argument} date", where)
        both = sorted(set(off) & set(on))
        if both:
            raise refuse(
                "workdays", "also be days off", None, where, shown=str(both[0]), must="not"
            )
        changed = []
        for year in self.years:
            add_off = {d for d in off if d.year == year.year}
            add_on = {d for d in on if d.year == year.year}
            if not add_off and not add_on:
                changed.append(year)
                continue
            # a weekday made a working day only stops being a day off
            weekend_on = {d for d in add_on if d.weekday() in self.weekend}
            changed.append(
                CalendarYear(
                    year.year,
                    days_off=(set(year.days_off) - add_on) | add_off,
                    workdays=(set(year.workdays) - add_off) | weekend_on,
                    source=f"{year.source}; {source}" if year.source else source,
                    provisional=year.provisional,
                )
            )
        return attrs.evolve(self, name=name, years=tuple(changed))

    def days_off_in(self, start: date, end: date) -> tuple[date, ...]:
        """The listed days off on working weekdays in ``[start, end]``, for explanations.

        Empty when ``end`` is before ``start``. Days off that fall on the weekend are not listed:
        they change nothing.
        """
        where = "WorkCalendar.days_off_in"
        a = check_date(start, "start", where, expect=_DATE)
        b = check_date(end, "end", where, expect=_DATE)
        self.check_covered(a, "start", where)
        self.check_covered(b, "end", where)
        lo = bisect_left(self._exceptions, a.toordinal())
        hi = bisect_right(self._exceptions, b.toordinal())
        return tuple(
            date.fromordinal(o)
            for o in self._exceptions[lo:hi]
            if not self._is_exception_working[o]
        )


bind_type("WorkCalendar", WorkCalendar)
