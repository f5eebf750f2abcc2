"""The calendars the tests of provisional years share (issue 14, "Provisional years").

- ``FORECAST``: the China calendar with 2027 provisional (its statutory holidays only).
- ``SAME``: the China calendar with 2027 added from a notice that lists exactly the forecast's
  days, not provisional: every answer must equal ``FORECAST``'s, and none is provisional.
- ``CONFIRMED``: 2027 from a made-up notice with other days (the Spring Festival runs from 5 to
  12 February, and Saturday 20 February is worked), as a user adds it from TOML.
- ``PUBLISHED``: the built-in calendar, which ends on 2026-12-31.

A result is provisional exactly when the rule consulted a day of 2027: then ``PUBLISHED`` raises
:class:`~custpolicy.CalendarCoverageError`; otherwise it gives the very same answer and text.
"""

from __future__ import annotations

from collections.abc import Iterable

from custpolicy import CalendarYear, Policy, Reason, china

PUBLISHED = china()
FORECAST = china(provisional_until=2027)
SAME = china().with_year(
    CalendarYear(
        2027,
        days_off=FORECAST.years[-1].days_off,
        source="the forecast's days, as if a notice had published them",
    )
)
CONFIRMED = china().with_year(
    CalendarYear.from_toml(
        """
        year = 2027
        source = "國務院辦公廳關於2027年部分節假日安排的通知（made up for the tests）"
        days_off = ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"]
        workdays = [2027-02-20]
        """
    )
)
ROLL = Policy().updated({"general.roll_to_working_day": True})

NOTE_EN = (
    "provisional: the State Council has not published the holidays of 2027, so this answer "
    "counts only the statutory holidays (no make-up working days); check it again when the "
    "notice is out"
)
NOTE_ZH = (
    "暫定：國務院尚未公布2027年的放假安排，本結果僅按法定節假日推算（未含調休），"
    "通知公布後應重新核對"
)


def notes(reasons: Iterable[Reason]) -> list[Reason]:
    """The provisional sentences among ``reasons``."""
    return [reason for reason in reasons if reason.key == "deadline.provisional"]


def without_notes(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    """``reasons`` without their provisional sentences."""
    return tuple(reason for reason in reasons if reason.key != "deadline.provisional")
