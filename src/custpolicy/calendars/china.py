"""The mainland China working-day calendar, 2004-2026 (M-1.4 and the art. 203 roll).

Each year lists the statutory days off and the weekend make-up working days (調休) that the
State Council's General Office published in its notice on the holiday arrangements of that
year, and cites the notice. A year not listed here is not guessed: extend the calendar with
:meth:`custpolicy.WorkCalendar.extended` when the next notice is published.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from custpolicy.workdays import CalendarYear, WorkCalendar

__all__ = ["china"]

# year: (notice, days off, make-up working days). Dates are MM-DD; "MM-DD..MM-DD" is a range.
_YEARS: dict[int, tuple[str, str, str]] = {
    2026: (
        "國務院辦公廳關於2026年部分節假日安排的通知 (國辦發明電〔2025〕7號)",
        "01-01..01-03 02-15..02-23 04-04..04-06 05-01..05-05 06-19..06-21 09-25..09-27 "
        "10-01..10-07",
        "01-04 02-14 02-28 05-09 09-20 10-10",
    ),
}


def _parse(year: int, spec: str) -> list[date]:
    days: list[date] = []
    for token in spec.split():
        first, _, last = token.partition("..")
        start = date(year, int(first[:2]), int(first[3:]))
        end = date(year, int(last[:2]), int(last[3:])) if last else start
        days.extend(date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1))
    return days


@cache
def china() -> WorkCalendar:
    """The built-in mainland China calendar, covering 2004 to 2026.

    >>> cal = china()
    >>> cal.first_year, cal.last_year
    (2004, 2026)
    """
    return WorkCalendar(
        "china",
        tuple(
            CalendarYear(year, _parse(year, off), _parse(year, on), source)
            for year, (source, off, on) in sorted(_YEARS.items())
        ),
    )
