"""The mainland China working-day calendar, 2004-2026 (M-1.4 and the art. 203 roll).

Each year from 2004 to 2026 lists the statutory days off and the weekend make-up working days
(調休) that the State Council's General Office published in its notice on the holiday
arrangements of that year, and cites the notice. A year not listed here is not guessed: add it with
[`custpolicy.WorkCalendar.with_year`][custpolicy.foundation.workdays.WorkCalendar.with_year] when
the next notice is published (the year can be read from TOML with
[`custpolicy.CalendarYear.from_toml`][custpolicy.foundation.workdays.CalendarYear.from_toml]).

How the notices are read:

- A holiday period is the whole run of days off the notice gives, weekend days inside it
  included. Where a notice gives one day "joined to the weekend" (與週末連休) or a day off plus a
  Monday in lieu (補休), the run it creates (for example 5 to 7 April 2014) is listed. Weekend
  days off change no working-day answer; they are listed so the data reads like the notice.
- A date belongs to the year it falls in. The notice for year Y + 1 often reaches into December
  of year Y (a make-up Saturday such as 31 December 2005, or New Year days off such as
  30 and 31 December 2017); such dates are listed under year Y, whose ``source`` names the notice
  they come from.
- Later notices that changed a year are applied and cited: the 2015 days off for the 70th
  anniversary of the victory of the War of Resistance, the 2019 Labour Day change and the 2020
  extension of the Spring Festival (which also cancelled the make-up Saturday 1 February 2020).
- A document number (文號) is cited only where it was confirmed against a reprint of the notice;
  otherwise the title alone is cited.

**Provisional years** (opt-in, ``china(provisional_until=2030)``): a year whose notice is not
published yet can be forecast from the statutory holidays of 《全國年節及紀念日放假辦法》 (the
National Holidays Regulations, as revised in 2024): New Year's Day (1 January), the Spring
Festival (New Year's Eve and the first three days of the first lunar month), Qingming (the day of
the Qingming solar term), Labour Day (1 and 2 May), the Dragon Boat Festival (5th day of the 5th
lunar month), Mid-Autumn (15th day of the 8th lunar month) and National Day (1 to 3 October).
Such a year has no make-up working days and no bridging days, and no weekday in lieu of a holiday
on a weekend (art. 6 補假): the notice decides all three. Its ``provisional`` flag is set, and
every answer that touches it can say so
(`custpolicy.WorkCalendar.is_provisional`).

The lunar and solar-term dates are a table in this module (``_LUNAR``), 2027-2050, generated with
the development-only package ``lunar-python`` (1.4.8; Beijing time) and checked in the tests
against ``holidays`` and ``chinesecalendar``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from custpolicy.foundation.validate import check_int
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar

__all__ = ["china", "provisional_year", "statutory_holidays"]

_GO = "國務院辦公廳關於"

# year: (notice, days off, make-up working days). Dates are MM-DD; "MM-DD..MM-DD" is a range.
_YEARS: dict[int, tuple[str, str, str]] = {
    2004: (
        f"{_GO}2004年部分節假日安排的通知",
        "01-01 01-22..01-28 05-01..05-07 10-01..10-07",
        "01-17 01-18 05-08 05-09 10-09 10-10",
    ),
    2005: (
        (
            f"{_GO}2005年部分節假日安排的通知；12月31日（星期六）上班："
            f"{_GO}2006年部分節假日安排的通知（國辦發明電〔2005〕35號）"
        ),
        "01-01..01-03 02-09..02-15 05-01..05-07 10-01..10-07",
        "02-05 02-06 04-30 05-08 10-08 10-09 12-31",
    ),
    2006: (
        (
            f"{_GO}2006年部分節假日安排的通知（國辦發明電〔2005〕35號）；"
            f"12月30日（星期六）、31日（星期日）上班：{_GO}2007年部分節假日安排的通知"
            "（國辦發明電〔2006〕49號）"
        ),
        "01-01..01-03 01-29..02-04 05-01..05-07 10-01..10-07",
        "01-28 02-05 04-29 04-30 09-30 10-08 12-30 12-31",
    ),
    2007: (
        (
            f"{_GO}2007年部分節假日安排的通知（國辦發明電〔2006〕49號）；"
            f"12月29日（星期六）上班、12月30日至31日放假：{_GO}2008年部分節假日安排的通知"
        ),
        "01-01..01-03 02-18..02-24 05-01..05-07 10-01..10-07 12-30..12-31",
        "02-17 02-25 04-28 04-29 09-29 09-30 12-29",
    ),
    2008: (
        f"{_GO}2008年部分節假日安排的通知",
        "01-01 02-06..02-12 04-04..04-06 05-01..05-03 06-07..06-09 09-13..09-15 09-29..10-05",
        "02-02 02-03 05-04 09-27 09-28",
    ),
    2009: (
        f"{_GO}2009年部分節假日安排的通知（國辦發明電〔2008〕42號）",
        "01-01..01-03 01-25..01-31 04-04..04-06 05-01..05-03 05-28..05-30 10-01..10-08",
        "01-04 01-24 02-01 05-31 09-27 10-10",
    ),
    2010: (
        f"{_GO}2010年部分節假日安排的通知（國辦發明電〔2009〕27號）",
        (
            "01-01..01-03 02-13..02-19 04-03..04-05 05-01..05-03 06-14..06-16 09-22..09-24 "
            "10-01..10-07"
        ),
        "02-20 02-21 06-12 06-13 09-19 09-25 09-26 10-09",
    ),
    2011: (
        (
            f"{_GO}2011年部分節假日安排的通知（國辦發明電〔2010〕40號）；12月31日（星期六）上班："
            f"{_GO}2012年部分節假日安排的通知（國辦發明電〔2011〕45號）"
        ),
        (
            "01-01..01-03 02-02..02-08 04-03..04-05 04-30..05-02 06-04..06-06 09-10..09-12 "
            "10-01..10-07"
        ),
        "01-30 02-12 04-02 10-08 10-09 12-31",
    ),
    2012: (
        f"{_GO}2012年部分節假日安排的通知（國辦發明電〔2011〕45號）",
        "01-01..01-03 01-22..01-28 04-02..04-04 04-29..05-01 06-22..06-24 09-30..10-07",
        "01-21 01-29 03-31 04-01 04-28 09-29",
    ),
    2013: (
        f"{_GO}2013年部分節假日安排的通知（國辦發明電〔2012〕33號）",
        (
            "01-01..01-03 02-09..02-15 04-04..04-06 04-29..05-01 06-10..06-12 09-19..09-21 "
            "10-01..10-07"
        ),
        "01-05 01-06 02-16 02-17 04-07 04-27 04-28 06-08 06-09 09-22 09-29 10-12",
    ),
    2014: (
        f"{_GO}2014年部分節假日安排的通知（國辦發明電〔2013〕28號）",
        "01-01 01-31..02-06 04-05..04-07 05-01..05-03 05-31..06-02 09-06..09-08 10-01..10-07",
        "01-26 02-08 05-04 09-28 10-11",
    ),
    2015: (
        (
            f"{_GO}2015年部分節假日安排的通知（國辦發明電〔2014〕28號）；9月3日至5日放假、"
            "9月6日（星期日）上班：國務院關於中國人民抗日戰爭暨世界反法西斯戰爭勝利70周年紀念日"
            "調休放假的通知（國發明電〔2015〕1號）"
        ),
        (
            "01-01..01-03 02-18..02-24 04-04..04-06 05-01..05-03 06-20..06-22 09-03..09-05 "
            "09-27 10-01..10-07"
        ),
        "01-04 02-15 02-28 09-06 10-10",
    ),
    2016: (
        (
            f"{_GO}2016年部分節假日安排的通知（國辦發明電〔2015〕18號）；12月31日放假："
            f"{_GO}2017年部分節假日安排的通知（國辦發明電〔2016〕17號）"
        ),
        (
            "01-01..01-03 02-07..02-13 04-02..04-04 04-30..05-02 06-09..06-11 09-15..09-17 "
            "10-01..10-07 12-31"
        ),
        "02-06 02-14 06-12 09-18 10-08 10-09",
    ),
    2017: (
        (
            f"{_GO}2017年部分節假日安排的通知（國辦發明電〔2016〕17號）；12月30日至31日放假："
            f"{_GO}2018年部分節假日安排的通知（國辦發明電〔2017〕12號）"
        ),
        (
            "01-01..01-02 01-27..02-02 04-02..04-04 04-29..05-01 05-28..05-30 10-01..10-08 "
            "12-30..12-31"
        ),
        "01-22 02-04 04-01 05-27 09-30",
    ),
    2018: (
        (
            f"{_GO}2018年部分節假日安排的通知（國辦發明電〔2017〕12號）；"
            f"12月29日（星期六）上班、12月30日至31日放假：{_GO}2019年部分節假日安排的通知"
            "（國辦發明電〔2018〕15號）"
        ),
        (
            "01-01 02-15..02-21 04-05..04-07 04-29..05-01 06-16..06-18 09-22..09-24 10-01..10-07 "
            "12-30..12-31"
        ),
        "02-11 02-24 04-08 04-28 09-29 09-30 12-29",
    ),
    2019: (
        (
            f"{_GO}2019年部分節假日安排的通知（國辦發明電〔2018〕15號）；勞動節5月1日至4日："
            "國務院辦公廳關於調整2019年勞動節假期安排的通知（國辦發明電〔2019〕3號）"
        ),
        "01-01 02-04..02-10 04-05..04-07 05-01..05-04 06-07..06-09 09-13..09-15 10-01..10-07",
        "02-02 02-03 04-28 05-05 09-29 10-12",
    ),
    2020: (
        (
            f"{_GO}2020年部分節假日安排的通知（國辦發明電〔2019〕16號）；春節假期延長至2月2日、"
            "2月1日（星期六）不再上班：國務院辦公廳關於延長2020年春節假期的通知"
        ),
        "01-01 01-24..02-02 04-04..04-06 05-01..05-05 06-25..06-27 10-01..10-08",
        "01-19 04-26 05-09 06-28 09-27 10-10",
    ),
    2021: (
        f"{_GO}2021年部分節假日安排的通知（國辦發明電〔2020〕27號）",
        (
            "01-01..01-03 02-11..02-17 04-03..04-05 05-01..05-05 06-12..06-14 09-19..09-21 "
            "10-01..10-07"
        ),
        "02-07 02-20 04-25 05-08 09-18 09-26 10-09",
    ),
    2022: (
        (
            f"{_GO}2022年部分節假日安排的通知（國辦發明電〔2021〕11號）；12月31日放假："
            f"{_GO}2023年部分節假日安排的通知（國辦發明電〔2022〕16號）"
        ),
        (
            "01-01..01-03 01-31..02-06 04-03..04-05 04-30..05-04 06-03..06-05 09-10..09-12 "
            "10-01..10-07 12-31"
        ),
        "01-29 01-30 04-02 04-24 05-07 10-08 10-09",
    ),
    2023: (
        (
            f"{_GO}2023年部分節假日安排的通知（國辦發明電〔2022〕16號）；"
            f"12月30日至31日與元旦連休：{_GO}2024年部分節假日安排的通知（國辦發明電〔2023〕7號）"
        ),
        "01-01..01-02 01-21..01-27 04-05 04-29..05-03 06-22..06-24 09-29..10-06 12-30..12-31",
        "01-28 01-29 04-23 05-06 06-25 10-07 10-08",
    ),
    2024: (
        f"{_GO}2024年部分節假日安排的通知（國辦發明電〔2023〕7號）",
        "01-01 02-10..02-17 04-04..04-06 05-01..05-05 06-08..06-10 09-15..09-17 10-01..10-07",
        "02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12",
    ),
    2025: (
        f"{_GO}2025年部分節假日安排的通知（國辦發明電〔2024〕12號）",
        "01-01 01-28..02-04 04-04..04-06 05-01..05-05 05-31..06-02 10-01..10-08",
        "01-26 02-08 04-27 09-28 10-11",
    ),
    2026: (
        f"{_GO}2026年部分節假日安排的通知（國辦發明電〔2025〕7號）",
        (
            "01-01..01-03 02-15..02-23 04-04..04-06 05-01..05-05 06-19..06-21 09-25..09-27 "
            "10-01..10-07"
        ),
        "01-04 02-14 02-28 05-09 09-20 10-10",
    ),
}


# year: Gregorian MM-DD of New Year's Eve (除夕, the last day of the 12th lunar month before the
# Spring Festival of that year), Qingming (清明 solar term), Dragon Boat (端午, 5/5 lunar) and
# Mid-Autumn (中秋, 8/15 lunar). Generated with lunar-python 1.4.8:
#   eve = Lunar.fromYmd(y, 1, 1).getSolar() - 1 day; Lunar.fromYmd(y, 5, 5).getSolar();
#   Lunar.fromYmd(y, 8, 15).getSolar(); Lunar.fromYmd(y, 1, 1).getJieQiTable()["清明"].
_LUNAR: dict[int, str] = {
    2027: "02-05 04-05 06-09 09-15",
    2028: "01-25 04-04 05-28 10-03",
    2029: "02-12 04-04 06-16 09-22",
    2030: "02-02 04-05 06-05 09-12",
    2031: "01-22 04-05 06-24 10-01",
    2032: "02-10 04-04 06-12 09-19",
    2033: "01-30 04-04 06-01 09-08",
    2034: "02-18 04-05 06-20 09-27",
    2035: "02-07 04-05 06-10 09-16",
    2036: "01-27 04-04 05-30 10-04",
    2037: "02-14 04-04 06-18 09-24",
    2038: "02-03 04-05 06-07 09-13",
    2039: "01-23 04-05 05-27 10-02",
    2040: "02-11 04-04 06-14 09-20",
    2041: "01-31 04-04 06-03 09-10",
    2042: "01-21 04-04 06-22 09-28",
    2043: "02-09 04-05 06-11 09-17",
    2044: "01-29 04-04 05-31 10-05",
    2045: "02-16 04-04 06-19 09-25",
    2046: "02-05 04-04 06-08 09-15",
    2047: "01-25 04-05 05-29 10-04",
    2048: "02-13 04-04 06-15 09-22",
    2049: "02-01 04-04 06-04 09-11",
    2050: "01-22 04-04 06-23 09-30",
}

#: The last year of the built-in notices, and the last year that can be made provisional.
LAST_NOTICE_YEAR = max(_YEARS)
LAST_PROVISIONAL_YEAR = max(_LUNAR)

_REGULATIONS = "《全國年節及紀念日放假辦法》（2024年修訂）"


def _parse(year: int, spec: str) -> list[date]:
    days: list[date] = []
    for token in spec.split():
        first, _, last = token.partition("..")
        start = date(year, int(first[:2]), int(first[3:]))
        end = date(year, int(last[:2]), int(last[3:])) if last else start
        days.extend(date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1))
    return days


def statutory_holidays(year: int) -> dict[date, str]:
    """The statutory holidays of ``year`` by the 2024 regulations, each with its name in Chinese.

    Known for 2027 to 2050 (the years of the lunar table). No make-up day, bridging day or
    weekday in lieu is included: only the notice of the year sets those.

    Examples:
        >>> holidays = statutory_holidays(2027)
        >>> len(holidays), holidays[date(2027, 2, 5)], holidays[date(2027, 9, 15)]
        (13, '春節（除夕）', '中秋節')
    """
    low, high = min(_LUNAR), LAST_PROVISIONAL_YEAR  # the lunar table holds every year between
    expect = f"an int from {low} to {high} (the years of the lunar table)"
    check_int(year, "year", "statutory_holidays", low=low, high=high, expect=expect)
    eve, qingming, dragon_boat, mid_autumn = (_parse(year, day)[0] for day in _LUNAR[year].split())
    days = {date(year, 1, 1): "元旦", eve: "春節（除夕）"}
    for n in (1, 2, 3):
        days[eve + timedelta(days=n)] = f"春節（正月初{'一二三'[n - 1]}）"
    days[qingming] = "清明節"
    days[date(year, 5, 1)] = days[date(year, 5, 2)] = "勞動節"
    days[dragon_boat] = "端午節"
    for day in (1, 2, 3):
        days[date(year, 10, day)] = "國慶節"
    days[mid_autumn] = f"{days[mid_autumn]}、中秋節" if mid_autumn in days else "中秋節"
    return dict(sorted(days.items()))


def provisional_year(year: int) -> CalendarYear:
    """A forecast of ``year``: its statutory holidays only, flagged ``provisional``.

    Use it until the State Council publishes the notice of the year; then replace it with the
    notice
    ([`custpolicy.WorkCalendar.with_year`][custpolicy.foundation.workdays.WorkCalendar.with_year]).

    Examples:
        >>> forecast = provisional_year(2027)
        >>> forecast.provisional, forecast.workdays, len(forecast.days_off)
        (True, (), 13)
    """
    days = statutory_holidays(year)
    return CalendarYear(
        year,
        days_off=days,
        source=f"暫定：{_REGULATIONS}所定的法定節假日，未含調休與補假；"
        f"以{_GO}{year}年部分節假日安排的通知為準",
        provisional=True,
    )


def china(*, provisional_until: int | None = None) -> WorkCalendar:
    """The built-in mainland China calendar, covering 2004 to 2026.

    With ``provisional_until``, the years after 2026 up to that year are added as provisional
    years ([`provisional_year`][custpolicy.foundation.calendars.china.provisional_year]): statutory
    holidays only, flagged so that every answer that depends on them can say so. Without it, a date
    after 2026 raises [`CalendarCoverageError`][custpolicy.foundation.errors.CalendarCoverageError].

    Examples:
        >>> cal = china()
        >>> cal.first_year, cal.last_year
        (2004, 2026)
        >>> china(provisional_until=2030).covered_until
        datetime.date(2030, 12, 31)
    """
    if provisional_until is None:
        return _built_in()
    low, high = LAST_NOTICE_YEAR, LAST_PROVISIONAL_YEAR
    expect = f"None or an int from {low} to {high}"
    check_int(provisional_until, "provisional_until", "china", low=low, high=high, expect=expect)
    return _with_provisional(provisional_until)


@cache
def _built_in() -> WorkCalendar:
    return WorkCalendar(
        "china",
        tuple(
            CalendarYear(year, _parse(year, off), _parse(year, on), source)
            for year, (source, off, on) in sorted(_YEARS.items())
        ),
    )


@cache
def _with_provisional(last: int) -> WorkCalendar:
    return _built_in().extended(
        *(provisional_year(year) for year in range(LAST_NOTICE_YEAR + 1, last + 1))
    )
