"""Strategies for the foundation's values: money, working days, policies, fair splits, phones.

- Money: [`currencies`][custpolicy.testing.foundation.currencies],
  [`money`][custpolicy.testing.foundation.money],
  [`exact_numbers`][custpolicy.testing.foundation.exact_numbers],
  [`ratios`][custpolicy.testing.foundation.ratios],
  [`weights`][custpolicy.testing.foundation.weights].
- Working days: [`calendars`][custpolicy.testing.foundation.calendars],
  [`calendar_years`][custpolicy.testing.foundation.calendar_years],
  [`dates_in`][custpolicy.testing.foundation.dates_in],
  [`china_dates`][custpolicy.testing.foundation.china_dates].
- Policies: [`policies`][custpolicy.testing.foundation.policies],
  [`policy_books`][custpolicy.testing.foundation.policy_books].
- The fair split (L-2.3, M-1.6.4) and the phone form (L-2.1):
  [`staff_names`][custpolicy.testing.foundation.staff_names],
  [`participant_lists`][custpolicy.testing.foundation.participant_lists],
  [`split_items`][custpolicy.testing.foundation.split_items],
  [`ledgers`][custpolicy.testing.foundation.ledgers],
  [`mobile_numbers`][custpolicy.testing.foundation.mobile_numbers],
  [`written_phones`][custpolicy.testing.foundation.written_phones].

Examples:
    >>> from hypothesis import find
    >>> from custpolicy.foundation.money import allocate
    >>> total, parties = find(st.tuples(money(), weights()), lambda pair: len(pair[1]) == 3)
    >>> len(parties), sum(allocate(total, parties).values()) == total
    (3, True)
"""

from __future__ import annotations

import string
from collections.abc import Hashable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar, overload

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import L_2_3
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.fairsplit import Ledger, fair_split
from custpolicy.foundation.money import CNY, CURRENCIES, Currency, Money
from custpolicy.foundation.policy import (
    CUSTOMER_CATEGORIES,
    Policy,
    PolicyBook,
    PolicyVersion,
    SanctionBand,
)
from custpolicy.foundation.validate import check_date, check_instance, refuse
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar
from custpolicy.testing._common import (
    GRADES,
    MOBILES,
    WRITINGS,
    check_currency,
    check_int,
    check_minor,
    check_sizes,
    check_strategy,
    write_phone,
)

__all__ = [
    "calendar_years",
    "calendars",
    "china_dates",
    "currencies",
    "dates_in",
    "exact_numbers",
    "ledgers",
    "mobile_numbers",
    "money",
    "participant_lists",
    "policies",
    "policy_books",
    "ratios",
    "split_items",
    "staff_names",
    "weights",
    "written_phones",
]

K = TypeVar("K", bound=Hashable)


# -- money ----------------------------------------------------------------------------------------

_MORE_DIGITS = (Currency("BHD", 3), Currency("CLF", 4))


def currencies() -> SearchStrategy[Currency]:
    """The currencies the library knows by code, and two with 3 and 4 decimal places.

    CNY, TWD, HKD, USD, EUR and JPY (no minor unit), then the Bahraini dinar (BHD, 3 places)
    and the Chilean unit of account (CLF, 4 places), so code that assumes two decimals is
    caught. Shrinks towards CNY.

    Examples:
        >>> from hypothesis import find
        >>> find(currencies(), lambda c: c.exponent == 0)
        Currency('JPY', 0)
    """
    return st.sampled_from((*CURRENCIES.values(), *_MORE_DIGITS))


def money(
    currency: Currency | str | SearchStrategy[Currency] = CNY,
    *,
    min_minor: int | None = None,
    max_minor: int = 10**15,
) -> SearchStrategy[Money]:
    """Amounts of ``currency`` from ``min_minor`` to ``max_minor`` minor units (fen for CNY).

    Args:
        currency: a [`Currency`][custpolicy.foundation.money.Currency], the code of a known one, or
            a strategy
            of currencies such as [`currencies`][custpolicy.testing.foundation.currencies] (each
            amount draws its own).
        min_minor: the least amount in minor units; ``-max_minor`` by default, so refunds
            (negative amounts) are drawn too. Pass 0 for amounts that cannot be negative.
        max_minor: the largest amount in minor units.

    Examples:
        >>> from hypothesis import find
        >>> find(money(min_minor=0), lambda m: m.minor >= 12345)
        Money('123.45', 'CNY')
        >>> find(money("JPY", min_minor=-5, max_minor=5), lambda m: m.minor < 0)
        Money('-1', 'JPY')
    """
    low, high = check_minor(min_minor, max_minor, "money")
    minors = st.integers(min_value=low, max_value=high)
    if isinstance(currency, SearchStrategy):
        return st.builds(Money.from_minor, minors, currency)
    cur = check_currency(currency, "money")
    return minors.map(lambda minor: Money.from_minor(minor, cur))


def exact_numbers(*, max_value: int = 10**6, places: int = 3) -> SearchStrategy[Decimal | int]:
    """Non-negative ints and Decimals up to ``max_value``, never a float, NaN or an infinity.

    The Decimals have at most ``places`` decimal places. This is what the library takes for
    weights, base points, responsibility ratios and returned quantities.

    Examples:
        >>> from hypothesis import find
        >>> find(exact_numbers(places=1), lambda n: 0 < n < 1)
        Decimal('0.1')
    """
    top = check_int(max_value, "max_value", "exact_numbers", 1, 10**15)
    digits = check_int(places, "places", "exact_numbers", 0, 9)
    return st.one_of(
        st.integers(min_value=0, max_value=top),
        st.decimals(
            min_value=0, max_value=top, places=digits, allow_nan=False, allow_infinity=False
        ),
    )


def ratios(*, max_value: Decimal | int = 1, places: int = 4) -> SearchStrategy[Decimal]:
    """Decimal ratios from 0 to ``max_value`` with at most ``places`` decimal places.

    Examples:
        >>> from hypothesis import find
        >>> find(ratios(max_value=2, places=2), lambda r: r > 1)
        Decimal('1.01')
    """
    ok = isinstance(max_value, (int, Decimal)) and not isinstance(max_value, bool)
    if not (ok and Decimal(max_value).is_finite() and max_value >= 0):
        raise InvalidInputError(
            f"max_value must be a finite Decimal or int of at least 0, got {max_value!r} "
            "[testing.ratios]"
        )
    digits = check_int(places, "places", "ratios", 0, 9)
    return st.decimals(
        min_value=0, max_value=max_value, places=digits, allow_nan=False, allow_infinity=False
    )


_PARTY_KEYS = st.text(alphabet="abcdefgh", min_size=1, max_size=3)


@overload
def weights(
    *, max_value: int = ..., places: int = ..., min_size: int = ..., max_size: int = ...
) -> SearchStrategy[dict[str, Decimal | int]]: ...


@overload
def weights(
    keys: SearchStrategy[K],
    *,
    max_value: int = ...,
    places: int = ...,
    min_size: int = ...,
    max_size: int = ...,
) -> SearchStrategy[dict[K, Decimal | int]]: ...


def weights(
    keys: SearchStrategy[Any] | None = None,
    *,
    max_value: int = 10**6,
    places: int = 3,
    min_size: int = 1,
    max_size: int = 12,
) -> SearchStrategy[dict[Any, Decimal | int]]:
    """Party weights as `allocate` takes them: never all zero.

    Args:
        keys: a strategy of the party keys; short lowercase strings by default.
        max_value: the largest weight (see
            [`exact_numbers`][custpolicy.testing.foundation.exact_numbers]).
        places: the most decimal places of a Decimal weight.
        min_size: the fewest parties (at least 1).
        max_size: the most parties.

    Examples:
        >>> from hypothesis import find
        >>> find(weights(st.sampled_from(["Chen", "Lin"])), lambda w: len(w) == 2)
        {'Chen': 1, 'Lin': 0}
    """
    least, most = check_sizes(min_size, max_size, "weights", low=1)
    values = exact_numbers(max_value=max_value, places=places)
    keys = _PARTY_KEYS if keys is None else check_strategy(keys, "keys", "weights")
    return _weights(keys, values, least, most)


@st.composite
def _weights(
    draw: st.DrawFn,
    keys: SearchStrategy[Any],
    values: SearchStrategy[Decimal | int],
    min_size: int,
    max_size: int,
) -> dict[Any, Decimal | int]:
    drawn = draw(st.dictionaries(keys, values, min_size=min_size, max_size=max_size))
    if not any(drawn.values()):
        drawn[next(iter(drawn))] = 1
    return drawn


# -- working days ---------------------------------------------------------------------------------

_WEEKENDS = st.one_of(
    st.just(frozenset({5, 6})), st.frozensets(st.integers(min_value=0, max_value=6), max_size=6)
)
_CALENDAR_NAMES = st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=10)
_SOURCE = "drawn by custpolicy.testing.calendars"


def calendars(
    *,
    min_year: int = 2000,
    max_year: int = 2099,
    max_years: int = 3,
    weekend: Iterable[int] | None = None,
    max_days_off: int = 30,
    max_workdays: int = 10,
) -> SearchStrategy[WorkCalendar]:
    """Custom work calendars: random weekends, days off and make-up working days.

    Each calendar covers 1 to ``max_years`` consecutive years between ``min_year`` and
    ``max_year``. Each year lists up to ``max_days_off`` days off (on any day of the week, as
    a notice may list a weekend day inside a holiday) and up to ``max_workdays`` weekend days
    made working days (調休), never a day that is also a day off, so every calendar is valid by
    construction. Use [`dates_in`][custpolicy.testing.foundation.dates_in] for dates the calendar
    covers.

    Args:
        min_year: the earliest year covered.
        max_year: the latest year covered.
        max_years: the most years one calendar covers.
        weekend: the weekday numbers of the weekend (0 = Monday ... 6 = Sunday); by default a
            drawn set of at most six days, shrinking to Saturday and Sunday.
        max_days_off: the most days off listed per year.
        max_workdays: the most make-up working days listed per year.

    Examples:
        >>> from hypothesis import find
        >>> cal = find(calendars(min_year=2030, weekend={4, 5}), lambda c: True)
        >>> cal.first_year, sorted(cal.weekend), cal.years[0].days_off
        (2030, [4, 5], ())
    """
    where = "calendars"
    first = check_int(min_year, "min_year", where, 1, 9998)
    last = check_int(max_year, "max_year", where, first, 9998)
    span = check_int(max_years, "max_years", where, 1, 100)
    off = check_int(max_days_off, "max_days_off", where, 0, 366)
    on = check_int(max_workdays, "max_workdays", where, 0, 366)
    days = st.just(_weekend(weekend, where)) if weekend is not None else _WEEKENDS
    # days off as day-of-year offsets; make-up days as indexes into the year's free weekend days
    offsets = st.lists(st.integers(min_value=0, max_value=365), max_size=off, unique=True)
    indexes = st.lists(st.integers(min_value=0, max_value=365), max_size=on)
    return _calendars(first, last, span, days, offsets, indexes)


def _weekend(value: Iterable[int], where: str) -> frozenset[int]:
    try:  # the library's own check of a weekend, with its message
        return WorkCalendar("check", (CalendarYear(2000),), weekend=value).weekend
    except InvalidInputError as error:
        raise InvalidInputError(f"{error} [testing.{where}]") from None


@st.composite
def _calendars(
    draw: st.DrawFn,
    min_year: int,
    max_year: int,
    max_years: int,
    weekends: SearchStrategy[frozenset[int]],
    offsets: SearchStrategy[list[int]],
    indexes: SearchStrategy[list[int]],
) -> WorkCalendar:
    first = draw(st.integers(min_value=min_year, max_value=max_year))
    count = draw(st.integers(min_value=1, max_value=min(max_years, max_year - first + 1)))
    weekend = draw(weekends)
    years = []
    for year in range(first, first + count):
        start = date(year, 1, 1)
        length = (date(year, 12, 31) - start).days + 1
        off = {start + timedelta(days=n) for n in draw(offsets) if n < length}
        free = [
            day
            for day in (start + timedelta(days=n) for n in range(length))
            if day.weekday() in weekend and day not in off
        ]
        on = {free[i % len(free)] for i in draw(indexes)} if free else set()
        years.append(CalendarYear(year, days_off=off, workdays=on, source=_SOURCE))
    return WorkCalendar(draw(_CALENDAR_NAMES), tuple(years), weekend=weekend)


def calendar_years(*, min_year: int = 2000, max_year: int = 2099) -> SearchStrategy[CalendarYear]:
    """Single calendar years as a notice publishes them, or provisional ones (no make-up days).

    A year of [`calendars`][custpolicy.testing.foundation.calendars] (days off, make-up working days
    on a Saturday or Sunday, the source), or the same year marked ``provisional`` without its
    make-up days.

    Examples:
        >>> from hypothesis import find
        >>> year = find(calendar_years(min_year=2031), lambda y: y.provisional)
        >>> year.year, year.workdays
        (2031, ())
    """
    where = "calendar_years"
    first = check_int(min_year, "min_year", where, 1, 9998)
    last = check_int(max_year, "max_year", where, first, 9998)
    years = calendars(min_year=first, max_year=last, max_years=1, weekend={5, 6}).map(
        lambda cal: cal.years[0]
    )
    provisional = years.map(
        lambda y: CalendarYear(y.year, y.days_off, (), y.source, provisional=True)
    )
    return years | provisional


def dates_in(
    calendar: WorkCalendar, *, min_value: date | None = None, max_value: date | None = None
) -> SearchStrategy[date]:
    """Dates the calendar covers, so no query about the date itself raises CalendarCoverageError.

    A result computed from the date (say, 30 working days later) may still fall outside the
    calendar: leave room with ``max_value``.

    Args:
        calendar: the calendar.
        min_value: the earliest date (by default 1 January of the first year covered).
        max_value: the latest date (by default 31 December of the last year covered).

    Examples:
        >>> from hypothesis import find
        >>> acme = WorkCalendar("acme", (CalendarYear(2030), CalendarYear(2031)))
        >>> day = find(dates_in(acme), lambda d: not acme.is_working_day(d))
        >>> acme.covers(day), day.weekday() in acme.weekend
        (True, True)

        With a drawn calendar, draw the calendar first and its dates from it::

            calendars().flatmap(lambda cal: st.tuples(st.just(cal), dates_in(cal)))
    """
    where = "dates_in"
    check_instance(calendar, "calendar", f"testing.{where}", WorkCalendar)
    low = date(calendar.first_year, 1, 1) if min_value is None else min_value
    high = date(calendar.last_year, 12, 31) if max_value is None else max_value
    for argument, value in (("min_value", low), ("max_value", high)):
        if not calendar.covers(check_date(value, argument, f"testing.{where}")):
            span = f"{calendar.first_year}-{calendar.last_year}"
            years = f"in the years calendar {calendar.name!r} covers ({span})"
            raise refuse(argument, years, value, f"testing.{where}", must="fall")
    if high < low:
        shown = f"{low} and {high}"
        raise refuse(
            "max_value", "before min_value", None, f"testing.{where}", must="not be", shown=shown
        )
    return st.dates(min_value=low, max_value=high)


def china_dates(
    *, min_value: date | None = None, max_value: date | None = None
) -> SearchStrategy[date]:
    """Dates the built-in China calendar covers (`china`).

    The same as ``dates_in(china(), ...)``.

    Examples:
        >>> from hypothesis import find
        >>> find(china_dates(), lambda d: d.year > 2020)
        datetime.date(2021, 1, 1)
    """
    return dates_in(china(), min_value=min_value, max_value=max_value)


# -- policies -------------------------------------------------------------------------------------


def policies(base: Policy | None = None) -> SearchStrategy[Policy]:
    """Policies whose numbers and switches are drawn, with every company-set value set.

    For code that must work under whatever policy version is in force (M-1.9). Starting from
    ``base`` (the catalogue's defaults by default), each parameter other than the currency is
    drawn from a plausible range: periods of 1 to 10 or 1 to 31 days, ratios from 0 to 1
    in hundredths, approval limits and fine minimums in the policy currency, serial widths
    from 1 to 4, every on/off switch and choice. The required parameters (the B-2.1 reading
    standard, the P-3 sanction table, the C-11 limits, the R-2.1 tolerance, the M-1.7 visit
    intervals) are always set,
    so no rule raises [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError].

    Examples:
        >>> from hypothesis import find
        >>> policy = find(policies(), lambda p: p.billing.payment_days > 7)
        >>> policy.billing.payment_days, policy.complaints.serial_width
        (8, 1)
    """
    if base is None:
        base = Policy()
    check_instance(base, "base", "testing.policies", Policy, optional=True)
    return _policies(base)


_DAYS = st.integers(min_value=1, max_value=31)
_SHORT = st.integers(min_value=1, max_value=10)
_HUNDREDTHS = st.decimals(min_value=0, max_value=1, places=2)
_WINDOWS = st.tuples(_DAYS, _DAYS).map(lambda pair: (min(pair), max(pair)))


def _policies(base: Policy) -> SearchStrategy[Policy]:
    cur = base.general.currency
    amounts = st.integers(min_value=0, max_value=10**9).map(lambda m: Money.from_minor(m, cur))
    changes = st.fixed_dictionaries(
        {
            "general.roll_to_working_day": st.booleans(),
            "general.monthly_due_day": _DAYS,
            "general.monthly_due_day_on_time": st.booleans(),
            "leads.extras_to_fewest_so_far": st.booleans(),
            "leads.balance_grades": st.booleans(),
            "leads.duplicate_key": st.sampled_from(["phone", "name_and_phone", "name"]),
            "leads.split_known_customers": st.booleans(),
            "billing.reading_window": _WINDOWS,
            "billing.residential_reading_window": st.none() | _WINDOWS,
            "billing.payment_days": _DAYS,
            "billing.notice_to_arrears_days": _SHORT,
            "billing.arrears_to_cutoff_days": _SHORT,
            "billing.escalate_on_last_day": st.booleans(),
            "billing.collection_target": _HUNDREDTHS,
            "billing.collection_basis": st.sampled_from(["amount", "count"]),
            "billing.prompt_payment_days": _SHORT,
            "billing.reading_rate_standard": _HUNDREDTHS,
            "penalties.resale_months": st.integers(min_value=1, max_value=12),
            "penalties.warning_minimum": amounts,
            "penalties.minor_demerit_minimum": amounts,
            "penalties.monthly_cap_ratio": _HUNDREDTHS,
            "penalties.fines_count_against_cap": st.booleans(),
            "penalties.sanction_table": _sanction_tables(cur),
            "complaints.serial_width": st.integers(min_value=1, max_value=4),
            "complaints.close_days_domestic": _DAYS,
            "complaints.close_days_foreign": _DAYS,
            "complaints.close_in_calendar_days": st.booleans(),
            "complaints.qa_report_days": _SHORT,
            "complaints.opinion_days": _SHORT,
            "complaints.sales_manager_limit": amounts,
            "complaints.vice_gm_limit": amounts,
            "complaints.step_limit_days": st.dictionaries(
                st.sampled_from(("registration", "qa_analysis", "countermeasure", "opinion")),
                _SHORT,
                min_size=1,
            ),
            "returns.default_over_acceptance_ratio": _HUNDREDTHS,
            "returns.above_tolerance": st.sampled_from(["refuse", "book_limit"]),
            "customers.added_file_fields": st.lists(
                st.sampled_from(["tax_number", "bank_account", "開戶銀行"]), unique=True
            ),
            "customers.registration_working_days": _SHORT,
            "customers.change_report_working_days": _SHORT,
            "customers.key_categories": st.frozensets(
                st.sampled_from(CUSTOMER_CATEGORIES), min_size=1
            ),
            "customers.key_customer_min_contacts": st.integers(min_value=1, max_value=5),
            "customers.new_customer_months": st.none() | st.integers(min_value=1, max_value=36),
            "customers.visit_interval_days": st.dictionaries(
                st.sampled_from(CUSTOMER_CATEGORIES), st.integers(min_value=1, max_value=366)
            ),
            "customers.restricted_expense_kinds": st.none()
            | st.frozensets(
                st.sampled_from(["entertainment", "travel", "gift", "training"]), min_size=1
            ),
            "customers.registration_judged_on": st.sampled_from(["decided", "incurred"]),
            "customers.reminder_threshold": st.integers(min_value=1, max_value=5),
        }
    )
    return changes.map(lambda drawn: base.updated(_ordered_limits(drawn)))


def policy_books(*, max_versions: int = 3) -> SearchStrategy[PolicyBook]:
    """Books of 1 to ``max_versions`` [`policies`][], effective on distinct dates, some labelled.

    Examples:
        >>> from hypothesis import find
        >>> book = find(policy_books(), lambda b: len(b.versions) == 2)
        >>> [v.effective < w.effective for v, w in zip(book.versions, book.versions[1:])]
        [True]
    """
    most = check_int(max_versions, "max_versions", "policy_books", 1, 20)
    versions = st.lists(
        st.builds(
            PolicyVersion,
            st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
            policies(),
            st.sampled_from(["", "2026 revision", "修訂版"]),
        ),
        min_size=1,
        max_size=most,
        unique_by=lambda version: version.effective,
    )
    return versions.map(lambda listed: PolicyBook(tuple(listed)))


def _sanction_tables(cur: Currency) -> SearchStrategy[tuple[SanctionBand, ...]]:
    """P-3 tables: no sanction from zero, then warning, minor and major demerit from thresholds."""
    thresholds = st.lists(
        st.integers(min_value=1, max_value=10**9), min_size=1, max_size=3, unique=True
    ).map(sorted)
    names = (None, "warning", "minor demerit", "major demerit")

    def table(drawn: list[int]) -> tuple[SanctionBand, ...]:
        bounds = [0, *drawn]
        return tuple(
            SanctionBand(
                sanction=names[index],
                lower=Money.from_minor(low, cur),
                upper=Money.from_minor(bounds[index + 1], cur) if index + 1 < len(bounds) else None,
            )
            for index, low in enumerate(bounds)
        )

    return thresholds.map(table)


def _ordered_limits(changes: dict[str, Any]) -> dict[str, Any]:
    """The drawn changes with the C-11 limits in order: the sales manager's never the larger."""
    low, high = sorted(
        (changes["complaints.sales_manager_limit"], changes["complaints.vice_gm_limit"])
    )
    return {**changes, "complaints.sales_manager_limit": low, "complaints.vice_gm_limit": high}


# -- L and M: leads, fair splits and customers ----------------------------------------------------

_STAFF_ALPHABET = "ABCDEFGHJK"


def staff_names() -> SearchStrategy[str]:
    """Short staff identifiers (one to three capitals), so that draws often name the same person.

    Examples:
        >>> from hypothesis import find
        >>> find(staff_names(), lambda s: len(s) == 3)
        'AAA'
    """
    return st.text(alphabet=_STAFF_ALPHABET, min_size=1, max_size=3)


def participant_lists(*, min_size: int = 1, max_size: int = 9) -> SearchStrategy[list[str]]:
    """Distinct participants of an event or a handover, in any order, as the fair split takes them.

    The names come from [`staff_names`][custpolicy.testing.foundation.staff_names], so a ledger
    drawn with the same names overlaps.

    Examples:
        >>> from hypothesis import find
        >>> people = find(participant_lists(), lambda people: len(people) == 3)
        >>> len(set(people))
        3
    """
    least, most = check_sizes(min_size, max_size, "participant_lists", low=1)
    return st.lists(staff_names(), min_size=least, max_size=most, unique=True)


def split_items(
    max_size: int = 60, *, grades: SearchStrategy[str | None] | None = None
) -> SearchStrategy[list[tuple[str, str | None]]]:
    """Items for `fair_split`: (key, grade) pairs, distinct keys.

    Args:
        max_size: the most items.
        grades: a strategy of grades; ``None`` (ungraded), "A", "B" or "C" by default.

    Examples:
        >>> from hypothesis import find
        >>> items = find(split_items(), lambda items: len(items) == 2 and items[0][1] == "B")
        >>> len({key for key, _ in items}), items[0][1]
        (2, 'B')
    """
    where = "split_items"
    most = check_int(max_size, "max_size", where, 0)
    grading = GRADES if grades is None else check_strategy(grades, "grades", where)
    keys = st.text(alphabet="0123456789abcdef", min_size=1, max_size=4)
    return st.lists(
        st.tuples(keys, grading),
        max_size=most,
        unique_by=lambda item: item[0],
    )


def ledgers(*, max_splits: int = 4) -> SearchStrategy[Ledger]:
    """Fair-split ledgers as up to ``max_splits`` splits leave them, some with their event IDs.

    Each split deals [`split_items`][custpolicy.testing.foundation.split_items] among
    [`participant_lists`][custpolicy.testing.foundation.participant_lists] (L-2.3), carrying the
    ledger from one to the next, so every ledger is one the library could have written.

    Examples:
        >>> from hypothesis import find
        >>> ledger = find(ledgers(), lambda led: len(led.events) == 2)
        >>> ledger.splits >= 2
        True
    """
    most = check_int(max_splits, "max_splits", "ledgers", 0, 50)
    splits = st.lists(
        st.tuples(split_items(max_size=12), participant_lists(max_size=4), st.booleans()),
        max_size=most,
    )
    return splits.map(_ledger_after)


def _ledger_after(splits: list[tuple[list[tuple[str, str | None]], list[str], bool]]) -> Ledger:
    ledger = Ledger()
    for number, (items, people, named) in enumerate(splits):
        event = f"event-{number}" if named else None
        ledger = fair_split(items, people, clause=L_2_3, ledger=ledger, event=event).ledger
    return ledger


def mobile_numbers() -> SearchStrategy[str]:
    """Mainland China mobile numbers in their normal form: 11 digits starting 13 to 19.

    Examples:
        >>> from hypothesis import find
        >>> find(mobile_numbers(), lambda n: n.startswith("15"))
        '15000000000'
    """
    return MOBILES


def written_phones(normal: str) -> SearchStrategy[str]:
    """Ways a person might write the mobile number ``normal`` on a form.

    Spaces or dashes between the groups, a ``+86``, ``86`` or ``0086`` prefix, full-width
    digits, stray whitespace around it:
    [`normalize_phone`][custpolicy.foundation.contacts.normalize_phone] gives ``normal`` back from
    each of them.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.leads import normalize_phone
        >>> text = find(written_phones("13800138000"), lambda t: "+" in t and "８" in t)
        >>> normalize_phone(text)
        '13800138000'
    """
    ok = isinstance(normal, str) and len(normal) == 11 and normal.isascii()
    if not (ok and normal.isdigit() and normal.startswith("1")):
        expect = "an 11-digit mobile number such as '13800138000'"
        raise refuse("normal", expect, normal, "testing.written_phones")
    return WRITINGS.map(lambda writing: write_phone(normal, writing))
