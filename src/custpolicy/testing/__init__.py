"""Hypothesis strategies for the library's value types, for property-testing code that calls it.

Install the extra to use it: ``pip install "custpolicy[testing]"`` (it brings
[hypothesis](https://hypothesis.readthedocs.io)). The library's own tests use the same
strategies.

Every strategy yields only valid values: each value is built through the library's own
constructors, so their validators have accepted it, and values that go together (the dates of
an account's notices, the bands of an approval table, the open cases of a penalty account) are
drawn so the rules accept them too. Nothing here is a rule: the module encodes no clause.

- Money: :func:`currencies`, :func:`money`, :func:`exact_numbers`, :func:`ratios`,
  :func:`weights`.
- Working days: :func:`calendars`, :func:`dates_in`, :func:`china_dates`.
- Policies: :func:`policies`.
- L and M: :func:`staff_names`, :func:`participant_lists`, :func:`split_items`,
  :func:`mobile_numbers`, :func:`written_phones`, :func:`leads`, :func:`lead_batches`,
  :func:`customers`.
- B: :func:`user_classes`, :func:`payments`, :func:`account_states`, :func:`settlement_sheets`.
- P: :func:`persons`, :func:`units`, :func:`responsibilities`, :func:`penalty_accounts`.
- C and R: :func:`case_numbers`, :func:`approval_tables`, :func:`receivables`.

Every function returns a hypothesis ``SearchStrategy``; call it, then pass the strategy to
``@given``. A bad argument raises :class:`~custpolicy.foundation.errors.InvalidInputError` at the
call.

``hypothesis.find`` shows what a strategy draws (docs/testing.md has a complete ``@given`` test).

Examples:
    >>> from hypothesis import find
    >>> from custpolicy.foundation.money import allocate
    >>> total, parties = find(st.tuples(money(), weights()), lambda pair: len(pair[1]) == 3)
    >>> len(parties), sum(allocate(total, parties).values()) == total
    (3, True)
"""

from __future__ import annotations

import string
from calendar import monthrange
from collections.abc import Hashable, Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar, overload

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as error:
    raise ImportError(
        "custpolicy.testing needs hypothesis, which comes with the testing extra: "
        'pip install "custpolicy[testing]"',
        name=__name__,
    ) from error

from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import B_8
from custpolicy.foundation.deadlines import calendar_deadline
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.money import CNY, CURRENCIES, Currency, Money, currency
from custpolicy.foundation.policy import CUSTOMER_CATEGORIES, Policy, SanctionBand
from custpolicy.foundation.validate import check_date
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar
from custpolicy.rules.billing import (
    AccountState,
    Payment,
    SettlementSheet,
    UserClass,
    payment_deadline,
)
from custpolicy.rules.complaints import (
    ApprovalBand,
    ApprovalTable,
    Approver,
    CaseNumber,
    ComplaintForm,
)
from custpolicy.rules.complaints.returns import Receivable
from custpolicy.rules.customers import Category, Customer
from custpolicy.rules.leads import Lead
from custpolicy.rules.losses import Person, Unit, UnitKind
from custpolicy.rules.penalties import OpenCase, PenaltyAccount

__all__ = [
    "account_states",
    "approval_tables",
    "calendars",
    "case_numbers",
    "china_dates",
    "complaint_forms",
    "currencies",
    "customers",
    "dates_in",
    "exact_numbers",
    "lead_batches",
    "leads",
    "mobile_numbers",
    "money",
    "participant_lists",
    "payments",
    "penalty_accounts",
    "persons",
    "policies",
    "ratios",
    "receivables",
    "responsibilities",
    "settlement_sheets",
    "split_items",
    "staff_names",
    "units",
    "user_classes",
    "weights",
    "written_phones",
]

K = TypeVar("K", bound=Hashable)


# -- argument checks ------------------------------------------------------------------------------


def _check_int(
    value: object, argument: str, where: str, low: int | None = None, high: int | None = None
) -> int:
    """``value`` if it is an int (not a bool) from ``low`` to ``high`` (``None``: no bound)."""
    if (
        not isinstance(value, int)
        or value.__class__ is not int
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        upper = f" to {high}" if high is not None else ""
        lower = f" from {low}" if high is not None else f" of at least {low}"
        raise InvalidInputError(
            f"{argument} must be an int{lower if low is not None else ''}{upper}, got {value!r} "
            f"[testing.{where}]"
        )
    return value


def _check_sizes(min_size: object, max_size: object, where: str, low: int = 0) -> tuple[int, int]:
    least = _check_int(min_size, "min_size", where, low)
    return least, _check_int(max_size, "max_size", where, least)


def _check_minor(min_minor: object, max_minor: object, where: str) -> tuple[int, int]:
    top = _check_int(max_minor, "max_minor", where)
    low = -abs(top) if min_minor is None else _check_int(min_minor, "min_minor", where)
    if low > top:
        raise InvalidInputError(
            f"min_minor must not exceed max_minor, got {low} > {top} [testing.{where}]"
        )
    return low, top


def _check_strategy(value: object, argument: str, where: str) -> SearchStrategy[Any]:
    if not isinstance(value, SearchStrategy):
        raise InvalidInputError(
            f"{argument} must be a hypothesis strategy or None, got {value!r} [testing.{where}]"
        )
    return value


def _check_currency(value: object, where: str) -> Currency:
    try:
        return currency(value)  # type: ignore[arg-type]
    except InvalidInputError as error:
        raise InvalidInputError(f"{error} [testing.{where}]") from None


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
        currency: a :class:`~custpolicy.foundation.money.Currency`, the code of a known one, or a
            strategy
            of currencies such as :func:`currencies` (each amount draws its own).
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
    low, high = _check_minor(min_minor, max_minor, "money")
    minors = st.integers(min_value=low, max_value=high)
    if isinstance(currency, SearchStrategy):
        return st.builds(Money.from_minor, minors, currency)
    cur = _check_currency(currency, "money")
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
    top = _check_int(max_value, "max_value", "exact_numbers", 1, 10**15)
    digits = _check_int(places, "places", "exact_numbers", 0, 9)
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
    digits = _check_int(places, "places", "ratios", 0, 9)
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
    """Party weights as :func:`~custpolicy.foundation.money.allocate` takes them: never all zero.

    Args:
        keys: a strategy of the party keys; short lowercase strings by default.
        max_value: the largest weight (see :func:`exact_numbers`).
        places: the most decimal places of a Decimal weight.
        min_size: the fewest parties (at least 1).
        max_size: the most parties.

    Examples:
        >>> from hypothesis import find
        >>> find(weights(st.sampled_from(["Chen", "Lin"])), lambda w: len(w) == 2)
        {'Chen': 1, 'Lin': 0}
    """
    least, most = _check_sizes(min_size, max_size, "weights", low=1)
    values = exact_numbers(max_value=max_value, places=places)
    keys = _PARTY_KEYS if keys is None else _check_strategy(keys, "keys", "weights")
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
    construction. Use :func:`dates_in` for dates the calendar covers.

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
    first = _check_int(min_year, "min_year", where, 1, 9998)
    last = _check_int(max_year, "max_year", where, first, 9998)
    span = _check_int(max_years, "max_years", where, 1, 100)
    off = _check_int(max_days_off, "max_days_off", where, 0, 366)
    on = _check_int(max_workdays, "max_workdays", where, 0, 366)
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
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(
            f"calendar must be a WorkCalendar, got {calendar!r} [testing.{where}]"
        )
    low = date(calendar.first_year, 1, 1) if min_value is None else min_value
    high = date(calendar.last_year, 12, 31) if max_value is None else max_value
    for argument, value in (("min_value", low), ("max_value", high)):
        if not calendar.covers(check_date(value, argument, f"testing.{where}")):
            raise InvalidInputError(
                f"{argument} must fall in the years calendar {calendar.name!r} covers "
                f"({calendar.first_year}-{calendar.last_year}), got {value!r} [testing.{where}]"
            )
    if high < low:
        raise InvalidInputError(
            f"max_value must not be before min_value, got {low} and {high} [testing.{where}]"
        )
    return st.dates(min_value=low, max_value=high)


def china_dates(
    *, min_value: date | None = None, max_value: date | None = None
) -> SearchStrategy[date]:
    """Dates the built-in China calendar covers (:func:`~custpolicy.foundation.calendars.china`).

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
    so no rule raises :class:`~custpolicy.foundation.errors.ParameterNotSetError`.

    Examples:
        >>> from hypothesis import find
        >>> policy = find(policies(), lambda p: p.billing.payment_days > 7)
        >>> policy.billing.payment_days, policy.complaints.serial_width
        (8, 1)
    """
    if base is None:
        base = Policy()
    elif not isinstance(base, Policy):
        raise InvalidInputError(f"base must be a Policy or None, got {base!r} [testing.policies]")
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

    The names come from :func:`staff_names`, so a ledger drawn with the same names overlaps.

    Examples:
        >>> from hypothesis import find
        >>> people = find(participant_lists(), lambda people: len(people) == 3)
        >>> len(set(people))
        3
    """
    least, most = _check_sizes(min_size, max_size, "participant_lists", low=1)
    return st.lists(staff_names(), min_size=least, max_size=most, unique=True)


_GRADES: SearchStrategy[str | None] = st.sampled_from([None, "A", "B", "C"])


def split_items(
    max_size: int = 60, *, grades: SearchStrategy[str | None] | None = None
) -> SearchStrategy[list[tuple[str, str | None]]]:
    """Items for :func:`~.fairsplit.fair_split`: (key, grade) pairs, distinct keys.

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
    most = _check_int(max_size, "max_size", where, 0)
    grading = _GRADES if grades is None else _check_strategy(grades, "grades", where)
    keys = st.text(alphabet="0123456789abcdef", min_size=1, max_size=4)
    return st.lists(
        st.tuples(keys, grading),
        max_size=most,
        unique_by=lambda item: item[0],
    )


def mobile_numbers() -> SearchStrategy[str]:
    """Mainland China mobile numbers in their normal form: 11 digits starting 13 to 19.

    Examples:
        >>> from hypothesis import find
        >>> find(mobile_numbers(), lambda n: n.startswith("15"))
        '15000000000'
    """
    return _MOBILES


_MOBILES = st.integers(min_value=13 * 10**9, max_value=2 * 10**10 - 1).map(str)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def written_phones(normal: str) -> SearchStrategy[str]:
    """Ways a person might write the mobile number ``normal`` on a form.

    Spaces or dashes between the groups, a ``+86``, ``86`` or ``0086`` prefix, full-width
    digits, stray whitespace around it: :func:`~.contacts.normalize_phone` gives
    ``normal`` back from each of them.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.leads import normalize_phone
        >>> text = find(written_phones("13800138000"), lambda t: "+" in t and "８" in t)
        >>> normalize_phone(text)
        '13800138000'
    """
    ok = isinstance(normal, str) and len(normal) == 11 and normal.isascii()
    if not (ok and normal.isdigit() and normal.startswith("1")):
        raise InvalidInputError(
            f"normal must be an 11-digit mobile number such as '13800138000', got {normal!r} "
            "[testing.written_phones]"
        )
    return _WRITINGS.map(lambda writing: _write(normal, writing))


_SEPARATORS = st.sampled_from([" ", "-", ""])
_WRITINGS = st.tuples(
    _SEPARATORS,
    _SEPARATORS,
    st.sampled_from(["", "+86 ", "+86", "86", "0086 ", "+86-"]),
    st.booleans(),
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", " "]),
)
"""How a number is written: two separators, a prefix, full-width digits, surrounding space."""


def _write(normal: str, writing: tuple[str, str, str, bool, str, str]) -> str:
    first, second, prefix, full_width, before, after = writing
    text = f"{prefix}{normal[:3]}{first}{normal[3:7]}{second}{normal[7:]}"
    return before + (text.translate(_FULL_WIDTH) if full_width else text) + after


_PERSON_NAMES = st.sampled_from(["陳", "林", "王小明", "李 娜", "Chen", "Lin Wei", "Ｗａｎｇ", ""])
_LEAD_IDS = st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=6)


def leads() -> SearchStrategy[Lead]:
    """One lead as collected at an event: an ID, a name, a phone written down any way, a grade.

    The phone is a mobile number written as :func:`written_phones` draws it, or blank (a lead
    without a usable number); the grade is ``None``, "A", "B" or "C".

    Examples:
        >>> from hypothesis import find
        >>> find(leads(), lambda lead: lead.grade is not None)
        Lead(id='0', name='陳', phone='', grade='A')
    """
    phones = st.just("") | st.builds(_write, _MOBILES, _WRITINGS)
    return st.builds(Lead, _LEAD_IDS, _PERSON_NAMES, phones, _GRADES)


def lead_batches(*, max_size: int = 20) -> SearchStrategy[list[Lead]]:
    """A batch of leads with distinct IDs, some repeating another's phone number, for intake.

    The phone numbers come from a pool of up to five, each written any way
    (:func:`written_phones`), so :func:`~custpolicy.rules.leads.process_leads` finds duplicates.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.leads import process_leads
        >>> batch = find(lead_batches(), lambda b: len(b) == 2 and b[0].phone == b[1].phone != "")
        >>> intake = process_leads(batch, department="Sales 1", head="Zhou")
        >>> len(intake.accepted), len(intake.duplicates)
        (1, 1)
    """
    most = _check_int(max_size, "max_size", "lead_batches", 0)
    rows = st.lists(
        st.tuples(_POOL_INDEXES, _MAYBE_WRITINGS, _PERSON_NAMES, _GRADES), max_size=most
    )
    return _lead_batches(rows)


@st.composite
def _lead_batches(draw: st.DrawFn, rows: SearchStrategy[list[Any]]) -> list[Lead]:
    pool = draw(_POOLS)
    return [
        Lead(f"L{i}", name, "" if writing is None else _write(pool[n % len(pool)], writing), grade)
        for i, (n, writing, name, grade) in enumerate(draw(rows))
    ]


_POOLS = st.lists(_MOBILES, min_size=1, max_size=5, unique=True)
_POOL_INDEXES = st.integers(min_value=0, max_value=4)
_MAYBE_WRITINGS = st.none() | _WRITINGS


def customers(
    *, dates: SearchStrategy[date] | None = None, max_contacts: int = 4
) -> SearchStrategy[Customer]:
    """One customer as the M rules see it: category, department, staff contacts, dates.

    Args:
        dates: a strategy of the registration and last-visit dates (each may also be ``None``);
            dates the China calendar covers by default.
        max_contacts: the most staff contacts (drawn with :func:`staff_names`, distinct).

    Draw a list with distinct IDs with
    ``st.lists(customers(), unique_by=lambda c: c.id)``.

    Examples:
        >>> from hypothesis import find
        >>> find(customers(), lambda c: c.category is Category.KEY).contacts
        ()
    """
    most = _check_int(max_contacts, "max_contacts", "customers", 0, 100)
    days = china_dates() if dates is None else _check_strategy(dates, "dates", "customers")
    return st.builds(
        Customer,
        id=st.text(alphabet=string.ascii_uppercase + string.digits + "-", min_size=1, max_size=6),
        category=st.sampled_from(Category),
        department=st.sampled_from(["", "Sales 1", "Sales 2", "業務一部"]),
        contacts=st.lists(staff_names(), max_size=most, unique=True),
        registered_on=st.none() | days,
        last_visit=st.none() | days,
    )


# -- B: gas billing -------------------------------------------------------------------------------


def user_classes() -> SearchStrategy[UserClass]:
    """The three kinds of gas user: public-welfare, commercial, residential.

    Examples:
        >>> from hypothesis import find
        >>> find(user_classes(), lambda c: c is not UserClass.PUBLIC_WELFARE)
        UserClass.COMMERCIAL
    """
    return st.sampled_from(UserClass)


def payments(
    delivered: date, *, currency: Currency | str = CNY, max_minor: int = 10**6, max_size: int = 4
) -> SearchStrategy[tuple[Payment, ...]]:
    """Payments towards a settlement sheet delivered on ``delivered``, in any order.

    Each is dated from 5 days before delivery (paid in advance) to 40 days after it, for 1 to
    ``max_minor`` minor units of ``currency``.

    Examples:
        >>> from hypothesis import find
        >>> find(payments(date(2026, 3, 2)), lambda p: len(p) == 1)
        (Payment(paid_on=datetime.date(2026, 3, 2), amount=Money('0.01', 'CNY')),)
    """
    where = "payments"
    delivered = check_date(delivered, "delivered", f"testing.{where}")
    cur = _check_currency(currency, where)
    top = _check_int(max_minor, "max_minor", where, 1)
    most = _check_int(max_size, "max_size", where, 0)
    return _payments(delivered, cur, top, most)


@st.composite
def _payments(
    draw: st.DrawFn, delivered: date, cur: Currency, max_minor: int, max_size: int
) -> tuple[Payment, ...]:
    rows = st.tuples(
        st.integers(min_value=-5, max_value=40), st.integers(min_value=1, max_value=max_minor)
    )
    return tuple(
        Payment(delivered + timedelta(days=offset), Money.from_minor(minor, cur))
        for offset, minor in draw(st.lists(rows, max_size=max_size))
    )


_ACCOUNT_KEYS = st.text(alphabet="ABC0123456789-", min_size=1, max_size=6)
_ARREARS = ("the arrears notice", "下達催繳通知單")


def account_states(
    *,
    delivered: SearchStrategy[date] | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    currency: Currency | str = CNY,
    with_payments: bool = True,
    max_minor: int = 10**6,
) -> SearchStrategy[AccountState]:
    """Settlement sheets with payments and notices dated as B-7 and B-8 allow under ``policy``.

    The bill is 0 to ``max_minor`` minor units of ``currency``, with :func:`payments`. A notice,
    if any, comes 1 to 10 days after the payment deadline; an arrears notice, if any, on the
    day B-8 lets it be served (the day after the notice period ends, or its last day under
    ``billing.escalate_on_last_day``) or up to 10 days later. The deadlines are computed with
    ``policy`` (the default :class:`~custpolicy.foundation.policy.Policy` if none) on ``calendar``,
    so
    :func:`~custpolicy.rules.billing.dunning` with the same policy and calendar accepts every
    account.

    Args:
        delivered: a strategy of delivery dates. By default a date ``calendar`` covers, early
            enough that the deadline, both notices and the cut-off date (with room for the
            art. 203 roll if ``policy`` rolls) fall inside it too. With a calendar of long
            runs of days off, pass your own.
        policy: the policy whose periods date the notices.
        calendar: the calendar of the art. 203 roll (the China calendar by default).
        currency: the bill's currency.
        with_payments: draw payments (otherwise none).
        max_minor: the largest bill and payment, in minor units.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.billing import Action, dunning
        >>> acct = find(account_states(), lambda a: a.arrears_notice is not None and a.billed)
        >>> dunning(acct, acct.arrears_notice + timedelta(days=3)).action   # its last day
        Action.WAIT
        >>> dunning(acct, acct.arrears_notice + timedelta(days=4)).action
        Action.CUTOFF_ELIGIBLE
    """
    where = "account_states"
    if policy is not None and not isinstance(policy, Policy):
        raise InvalidInputError(
            f"policy must be a Policy or None, got {policy!r} [testing.{where}]"
        )
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(
            f"calendar must be a WorkCalendar or None, got {calendar!r} [testing.{where}]"
        )
    if not isinstance(with_payments, bool):
        raise InvalidInputError(
            f"with_payments must be True or False, got {with_payments!r} [testing.{where}]"
        )
    cur = _check_currency(currency, where)
    top = _check_int(max_minor, "max_minor", where, 1)
    policy = policy or Policy()
    days = None if delivered is None else _check_strategy(delivered, "delivered", where)
    if days is None:
        cal = calendar or china()
        room = _room(policy)
        latest = date(cal.last_year, 12, 31).toordinal() - room
        if latest < date(cal.first_year, 1, 1).toordinal():
            raise InvalidInputError(
                f"calendar {cal.name!r} ({cal.first_year}-{cal.last_year}) leaves no room for "
                f"the {room} days a bill may need after delivery under this policy; pass "
                f"delivered= [testing.{where}]"
            )
        days = dates_in(cal, max_value=date.fromordinal(latest))
    return _account_states(days, policy, calendar, cur, with_payments, top)


def _room(policy: Policy) -> int:
    """Days after delivery for the deadline, both notices, the cut-off date and their rolls."""
    b = policy.billing
    periods = b.payment_days + b.notice_to_arrears_days + b.arrears_to_cutoff_days
    rolls = 3 * 15 if policy.general.roll_to_working_day else 0
    return periods + 22 + rolls  # 2: the day after each B-8 period


@st.composite
def _account_states(
    draw: st.DrawFn,
    delivered: SearchStrategy[date],
    policy: Policy,
    calendar: WorkCalendar | None,
    cur: Currency,
    with_payments: bool,
    max_minor: int,
) -> AccountState:
    day = draw(delivered)
    billed = Money.from_minor(draw(st.integers(min_value=0, max_value=max_minor)), cur)
    paid = draw(_payments(day, cur, max_minor, 4)) if with_payments else ()
    notified = arrears = None
    if draw(st.booleans()):
        due = payment_deadline(day, policy=policy, calendar=calendar).due
        notified = due + timedelta(days=draw(st.integers(min_value=1, max_value=10)))
        if draw(st.booleans()):
            period = policy.billing.notice_to_arrears_days
            ends = calendar_deadline(
                notified, period, clause=B_8, subject=_ARREARS, policy=policy, calendar=calendar
            ).due
            first = ends if policy.billing.escalate_on_last_day else ends + timedelta(days=1)
            arrears = first + timedelta(days=draw(st.integers(min_value=0, max_value=10)))
    return AccountState(draw(_ACCOUNT_KEYS), day, billed, paid, notified, arrears)


def settlement_sheets(
    year: int = 2024, month: int = 2, *, currency: Currency | str = CNY, max_size: int = 12
) -> SearchStrategy[list[SettlementSheet]]:
    """Distinct settlement sheets read in one month (February 2024, a leap month, by default).

    Each has its own sheet and account number, a user class, a reading day of the month, a
    volume in m³ (Decimal, three places, up to 100,000) and an amount of up to 100,000.00.

    Examples:
        >>> from hypothesis import find
        >>> from custpolicy.rules.billing import check_report, monthly_report
        >>> sheets = find(settlement_sheets(2026, 3), lambda s: len(s) == 3)
        >>> check_report(monthly_report(2026, 3, sheets), sheets).accurate
        True
    """
    where = "settlement_sheets"
    _check_int(year, "year", where, 1, 9999)
    _check_int(month, "month", where, 1, 12)
    cur = _check_currency(currency, where)
    most = _check_int(max_size, "max_size", where, 0)
    return _settlement_sheets(year, month, cur, most)


@st.composite
def _settlement_sheets(
    draw: st.DrawFn, year: int, month: int, cur: Currency, max_size: int
) -> list[SettlementSheet]:
    first = date(year, month, 1)
    length = monthrange(year, month)[1]
    rows = draw(
        st.lists(
            st.tuples(
                user_classes(),
                st.integers(min_value=0, max_value=length - 1),
                st.decimals(min_value=0, max_value=10**5, places=3),
                st.integers(min_value=0, max_value=10**7),
            ),
            max_size=max_size,
        )
    )
    return [
        SettlementSheet(
            f"S-{i}", f"A-{i}", kind, first + timedelta(days=day), volume, Money.from_minor(m, cur)
        )
        for i, (kind, day, volume, m) in enumerate(rows)
    ]


# -- P: complaint losses and penalties ------------------------------------------------------------

_MEMBER_NAMES = st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=2)


def persons() -> SearchStrategy[Person]:
    """People charged individually, with short names.

    Examples:
        >>> from hypothesis import find
        >>> find(persons(), lambda p: len(p.name) == 2)
        Person(name='AA')
    """
    return st.builds(Person, _MEMBER_NAMES)


def units(name: str | None = None, *, max_members: int = 6) -> SearchStrategy[Unit]:
    """Teams, sections and departments with 1 to ``max_members`` members.

    Base points are ints or Decimals (one place) from 0 to 40, never all zero.

    Args:
        name: the unit's name; drawn by default.
        max_members: the most members.

    Examples:
        >>> from hypothesis import find
        >>> unit = find(units("Team A"), lambda u: len(u.members) == 2)
        >>> unit.name, len(unit.members), unit.total_points
        ('Team A', 2, 1)
    """
    where = "units"
    if name is not None and not (isinstance(name, str) and name.strip()):
        raise InvalidInputError(
            f"name must be a non-empty str or None, got {name!r} [testing.{where}]"
        )
    most = _check_int(max_members, "max_members", where, 1)
    points = weights(_MEMBER_NAMES, max_value=40, places=1, max_size=most)
    names = st.text(alphabet="xyz", min_size=1, max_size=3) if name is None else st.just(name)
    return st.builds(Unit, names, st.sampled_from(UnitKind), points)


def responsibilities(*, max_parties: int = 4) -> SearchStrategy[dict[Person | Unit, Decimal | int]]:
    """Responsible parties (persons and units, distinct names) and their ratios, not all zero.

    What :func:`~custpolicy.rules.losses.apportion` takes: 1 to ``max_parties`` parties (at most 8),
    ratios as :func:`exact_numbers` draws them.

    Examples:
        >>> from hypothesis import find
        >>> find(responsibilities(), lambda r: True)
        {Person(name='P'): 1}
    """
    most = _check_int(max_parties, "max_parties", "responsibilities", 1, 8)
    return _responsibilities(st.lists(_PARTY_NAMES, min_size=1, max_size=most, unique=True))


_PARTY_NAMES = st.sampled_from("PQRSTUVW")
_UNIT_BODIES = st.none() | st.tuples(
    st.sampled_from(UnitKind), weights(_MEMBER_NAMES, max_value=40, places=1, max_size=6)
)
"""A person (``None``) or a unit's kind and base points."""
_NUMBERS = exact_numbers()


@st.composite
def _responsibilities(
    draw: st.DrawFn, names: SearchStrategy[list[str]]
) -> dict[Person | Unit, Decimal | int]:
    responsibility: dict[Person | Unit, Decimal | int] = {}
    for name in draw(names):
        body = draw(_UNIT_BODIES)
        party = Person(name) if body is None else Unit(name, *body)
        responsibility[party] = draw(_NUMBERS)
    if not any(responsibility.values()):
        responsibility[next(iter(responsibility))] = 1
    return responsibility


_CASE_IDS = st.text(alphabet=string.digits + "abc", min_size=1, max_size=6)


def penalty_accounts(
    *, currency: Currency | str = CNY, max_open_cases: int = 4, max_minor: int = 10**7
) -> SearchStrategy[PenaltyAccount]:
    """Penalty accounts part-way through their life, as P-E3.4 leaves them.

    The next month to close falls in 2000-2099. Each open case was imposed in one of the 24
    months before it, for 1 to ``max_minor`` minor units of ``currency``; the cases are listed
    oldest first (by month imposed, then case identifier) and, as deductions take the oldest
    case first, only the first may be partly deducted; any other may still be held back for
    want of an approved notice (C-12.2). The month before the next is the account's last closed
    month. Charges already deducted in full (up to ``max_minor``) count in ``imposed`` and
    ``deducted``, so ``imposed = deducted + outstanding``.

    Examples:
        >>> from hypothesis import find
        >>> account = find(penalty_accounts(), lambda a: len(a.open_cases) == 2)
        >>> len(account.open_cases), account.imposed == account.deducted + account.outstanding
        (2, True)
        >>> account.close_month(account.year, account.month, Money("0.04", "CNY")).deducted
        Money('0.02', 'CNY')
    """
    where = "penalty_accounts"
    cur = _check_currency(currency, where)
    most = _check_int(max_open_cases, "max_open_cases", where, 0)
    top = _check_int(max_minor, "max_minor", where, 1)
    amounts = st.integers(min_value=1, max_value=top)
    rows = st.lists(
        st.tuples(st.integers(min_value=1, max_value=24), _CASE_IDS, amounts),
        max_size=most,
        unique_by=lambda row: row[1],
    )
    return _penalty_accounts(cur, rows, st.integers(min_value=0, max_value=top))


@st.composite
def _penalty_accounts(
    draw: st.DrawFn,
    cur: Currency,
    open_rows: SearchStrategy[list[tuple[int, str, int]]],
    settled_amounts: SearchStrategy[int],
) -> PenaltyAccount:
    year = draw(st.integers(min_value=2000, max_value=2099))
    month = draw(st.integers(min_value=1, max_value=12))
    now = 12 * year + month - 1
    # (months ago, case, amount): oldest first, then by case identifier
    rows = sorted(draw(open_rows), key=lambda row: (-row[0], row[1]))
    taken = draw(_ANY_INT) % rows[0][2] if rows else 0  # part of the oldest case deducted
    cases = []
    for index, (ago, case, amount) in enumerate(rows):
        imposed_year, imposed_month = divmod(now - ago, 12)
        outstanding = amount - taken if index == 0 else amount
        held = index > 0 and draw(st.booleans())
        cases.append(
            OpenCase(
                case,
                imposed_year,
                imposed_month + 1,
                Money.from_minor(amount, cur),
                Money.from_minor(outstanding, cur),
                not held,
            )
        )
    settled = draw(settled_amounts)  # charges deducted in full before
    imposed = settled + sum(amount for _, _, amount in rows)
    return PenaltyAccount(
        draw(_MEMBER_NAMES),
        year,
        month,
        tuple(cases),
        Money.from_minor(imposed, cur),
        Money.from_minor(settled + taken, cur),
        ((year - 1, 12) if month == 1 else (year, month - 1)),
    )


_ANY_INT = st.integers(min_value=0, max_value=2**63)


# -- C and R: complaint handling and returns ------------------------------------------------------


def case_numbers(*, width: int | None = None, max_width: int = 4) -> SearchStrategy[CaseNumber]:
    """Complaint case numbers of 2000-2099, any month, any serial that fits the width.

    Args:
        width: the serial width (1 to 9); pass ``policy.complaints.serial_width`` for numbers
            that :meth:`~custpolicy.rules.complaints.CaseNumber.parse` reads back with that policy.
            By default each number draws a width from 1 to ``max_width``.
        max_width: the widest serial drawn when ``width`` is not given.

    Examples:
        >>> from hypothesis import find
        >>> number = find(case_numbers(width=2), lambda n: n.month == 12)
        >>> str(number), CaseNumber.parse(str(number)) == number
        ('001201', True)
    """
    where = "case_numbers"
    if width is not None:
        return _case_numbers(_check_int(width, "width", where, 1, 9))
    widest = _check_int(max_width, "max_width", where, 1, 9)
    return st.one_of([_case_numbers(w) for w in range(1, widest + 1)])


def _case_numbers(width: int) -> SearchStrategy[CaseNumber]:
    return st.builds(
        CaseNumber,
        st.integers(min_value=2000, max_value=2099),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=1, max_value=10**width - 1),
        st.just(width),
    )


def approval_tables(
    *, currency: Currency | str = CNY, max_minor: int = 10**8
) -> SearchStrategy[ApprovalTable]:
    """Valid approval tables: 1 to 3 roles in ascending authority, cut points up to ``max_minor``.

    Either side of each cut may include it (exactly one does); a first band may hold the single
    amount zero, [0, 0]. Every table passes the checks of
    :class:`~custpolicy.rules.complaints.ApprovalTable`.

    Examples:
        >>> from hypothesis import find
        >>> table = find(approval_tables(), lambda t: len(t.bands) == 2)
        >>> [band.label() for band in table.bands]
        ['sales manager [CNY 0.00, CNY 0.00]', 'vice general manager (CNY 0.00, ∞)']
    """
    where = "approval_tables"
    cur = _check_currency(currency, where)
    return _approval_tables(cur, _check_int(max_minor, "max_minor", where, 2))


@st.composite
def _approval_tables(draw: st.DrawFn, cur: Currency, max_minor: int) -> ApprovalTable:
    roles = sorted(
        draw(st.lists(st.sampled_from(Approver), min_size=1, max_size=3, unique=True)),
        key=lambda r: r.value,
    )
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=0, max_value=max_minor),
                min_size=len(roles) - 1,
                max_size=len(roles) - 1,
                unique=True,
            )
        )
    )
    bands: list[ApprovalBand] = []
    lower, lower_inclusive = Money.zero(cur), True
    for role, cut in zip(roles, cuts, strict=False):
        upper = Money.from_minor(cut, cur)
        # a band that ends where it starts must include both ends
        upper_inclusive = True if upper == lower else draw(st.booleans())
        bands.append(
            ApprovalBand(
                role=role,
                lower=lower,
                lower_inclusive=lower_inclusive,
                upper=upper,
                upper_inclusive=upper_inclusive,
            )
        )
        lower, lower_inclusive = upper, not upper_inclusive
    last = ApprovalBand(
        role=roles[-1],
        lower=lower,
        lower_inclusive=lower_inclusive,
        upper=None,
        upper_inclusive=False,
    )
    return ApprovalTable((*bands, last))


def _names(value: object, argument: str, what: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = list(value)
    if not (
        isinstance(value, Sequence)
        and value
        and all(isinstance(p, str) and p.strip() for p in value)
    ):
        raise InvalidInputError(
            f"{argument} must be a non-empty sequence of {what} (non-empty str), got {value!r} "
            f"[testing.{where}]"
        )
    return tuple(value)


def receivables(
    *,
    parts: Sequence[str] = "ABCDE",
    customers: Sequence[str] = ("Acme", "Beta"),
    currency: Currency | str = CNY,
    max_minor: int = 10**8,
    max_size: int = 8,
) -> SearchStrategy[list[Receivable]]:
    """A salesperson's receivables: customers and part numbers from the lists, collected <= due.

    Examples:
        >>> from hypothesis import find
        >>> find(receivables(), lambda r: len(r) == 1)
        [Receivable(part_number='A', amount=Money('0.00', 'CNY'), collected=Money('0.00', 'CNY'), \
reference='', customer='Acme')]
    """
    where = "receivables"
    part_names = _names(parts, "parts", "part numbers", where)
    customer_names = _names(customers, "customers", "customer names", where)
    cur = _check_currency(currency, where)
    top = _check_int(max_minor, "max_minor", where, 0)
    most = _check_int(max_size, "max_size", where, 0)
    row = st.tuples(
        st.sampled_from(customer_names),
        st.sampled_from(part_names),
        st.integers(min_value=0, max_value=top),
        st.integers(min_value=0, max_value=100),  # the percentage collected
    )
    return st.lists(row, max_size=most).map(
        lambda rows: [
            Receivable(
                part,
                Money.from_minor(due, cur),
                Money.from_minor(due * share // 100, cur),
                customer=customer,
            )
            for customer, part, due, share in rows
        ]
    )


def complaint_forms(
    *,
    parts: Sequence[str] = "ABCDE",
    customers: Sequence[str] = ("Acme", "Beta"),
    max_size: int = 6,
) -> SearchStrategy[list[ComplaintForm]]:
    """Complaint forms naming a customer and a part number, upheld, not upheld or undecided.

    Pair them with :func:`receivables` of the same ``parts`` and ``customers`` to test R-2.3.

    Examples:
        >>> from hypothesis import find
        >>> find(complaint_forms(), lambda f: len(f) == 1)
        [ComplaintForm(customer='Acme', order_number=None, part_number='A', delivered=None, \
quantity=None, defective=None, request=None, requested_quantity=None, upheld=None)]
    """
    where = "complaint_forms"
    part_names = _names(parts, "parts", "part numbers", where)
    customer_names = _names(customers, "customers", "customer names", where)
    most = _check_int(max_size, "max_size", where, 0)
    form = st.builds(
        lambda customer, part, upheld: ComplaintForm(
            customer=customer, part_number=part, upheld=upheld
        ),
        st.sampled_from(customer_names),
        st.sampled_from(part_names),
        st.sampled_from((None, True, False)),
    )
    return st.lists(form, max_size=most)
