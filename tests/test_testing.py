"""custpolicy.testing: every strategy yields valid values with the properties it documents."""

from __future__ import annotations

import datetime
import importlib
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import custpolicy
from custpolicy import testing
from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import L_2_3
from custpolicy.foundation.contacts import normalize_phone
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.fairsplit import Ledger, fair_split
from custpolicy.foundation.money import CNY, CURRENCIES, JPY, USD, Currency, Money, allocate
from custpolicy.foundation.policy import GeneralPolicy, PenaltyPolicy, Policy, PolicyBook
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar
from custpolicy.rules.billing import (
    AccountState,
    Dunning,
    Payment,
    SettlementSheet,
    UserClass,
    check_report,
    dunning,
    monthly_report,
    payment_deadline,
)
from custpolicy.rules.complaints import ApprovalTable, CaseNumber, ComplaintCase, ComplaintForm
from custpolicy.rules.complaints.returns import Receivable, bonus_collection_rate
from custpolicy.rules.customers import Category, Customer
from custpolicy.rules.leads import Lead, process_leads
from custpolicy.rules.losses import Person, Unit, apportion
from custpolicy.rules.penalties import MonthClose, PenaltyAccount

# Each example draws a whole value of the library (a calendar, a policy, a batch of leads ...)
# and puts it through the library's validators, so the properties run 200 examples in the ci
# profile (1,000 would take minutes with coverage on), the checks of a parameter 100.
VALID = settings(max_examples=min(200, settings().max_examples))
PARAMETERS = settings(max_examples=min(100, settings().max_examples))
ROLL = Policy().updated({"general.roll_to_working_day": True})
CHINA_FIRST, CHINA_LAST = date(2004, 1, 1), date(2026, 12, 31)


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def is_exact(value: object) -> bool:
    return value.__class__ is int or (isinstance(value, Decimal) and value.is_finite())


# -- the optional dependency ----------------------------------------------------------------------


class TestTheExtra:
    def test_without_hypothesis_the_import_says_to_install_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, "hypothesis", None)  # None: the import fails
            patch.setitem(sys.modules, "hypothesis.strategies", None)
            patch.delitem(sys.modules, "custpolicy.testing")
            with pytest.raises(ImportError, match=r'pip install "custpolicy\[testing\]"') as err:
                importlib.import_module("custpolicy.testing")
        assert err.value.name == "custpolicy.testing"
        assert isinstance(err.value.__cause__, ImportError)
        assert sys.modules["custpolicy.testing"] is testing  # the module is back

    def test_the_package_root_neither_loads_hypothesis_nor_exports_the_module(self) -> None:
        code = (
            "import sys, custpolicy\n"
            "for name in custpolicy.__all__:\n"
            "    getattr(custpolicy, name)\n"
            "print('hypothesis' in sys.modules, 'custpolicy.testing' in sys.modules)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["False", "False"]
        assert "testing" not in custpolicy.__all__

    def test_every_public_name_returns_a_strategy(self) -> None:
        assert sorted(testing.__all__) == testing.__all__
        needed = {"dates_in": (china(),), "payments": (date(2026, 3, 2),)}
        needed["written_phones"] = ("13800138000",)
        for name in testing.__all__:
            made = getattr(testing, name)(*needed.get(name, ()))
            assert isinstance(made, st.SearchStrategy), name


# -- bad arguments --------------------------------------------------------------------------------


class TestBadArgumentsAreRefusedAtTheCall:
    @pytest.mark.parametrize(
        ("name", "args", "kwargs", "message"),
        [
            ("money", ("XYZ",), {}, r"currency must be a Currency or one of .*\[testing.money\]"),
            (
                "money",
                (),
                {"max_minor": 1.5},
                r"max_minor must be an int, got 1.5 \[testing.money\]",
            ),
            ("money", (), {"max_minor": True}, r"max_minor must be an int, got True"),
            (
                "money",
                (),
                {"min_minor": 5, "max_minor": 4},
                r"min_minor must not exceed max_minor, got 5 > 4",
            ),
            ("exact_numbers", (), {"max_value": 0}, r"max_value must be an int from 1 to"),
            ("exact_numbers", (), {"places": 10}, r"places must be an int from 0 to 9, got 10"),
            (
                "ratios",
                (),
                {"max_value": 0.5},
                r"max_value must be a finite Decimal or int .* got 0.5",
            ),
            ("ratios", (), {"max_value": True}, r"max_value must be .* got True"),
            (
                "ratios",
                (),
                {"max_value": Decimal("NaN")},
                r"max_value must be .* got Decimal\('NaN'\)",
            ),
            ("ratios", (), {"max_value": -1}, r"max_value must be .* got -1"),
            (
                "ratios",
                (),
                {"places": -1},
                r"places must be an int from 0 to 9, got -1 \[testing.ratios\]",
            ),
            (
                "weights",
                (),
                {"min_size": 0},
                r"min_size must be an int of at least 1, got 0 \[testing.weights\]",
            ),
            (
                "weights",
                (),
                {"min_size": 3, "max_size": 2},
                r"max_size must be an int of at least 3, got 2",
            ),
            ("calendars", (), {"min_year": 0}, r"min_year must be an int from 1 to 9998, got 0"),
            (
                "calendars",
                (),
                {"min_year": 2030, "max_year": 2029},
                r"max_year must be an int from 2030",
            ),
            (
                "calendars",
                (),
                {"weekend": {7}},
                r"weekend must be a set of at most six .*\[testing.calendars\]",
            ),
            ("calendars", (), {"weekend": range(7)}, r"weekend must be a set of at most six"),
            ("dates_in", (china,), {}, r"calendar must be a WorkCalendar, got <func"),
            (
                "dates_in",
                (china(),),
                {"min_value": date(2003, 12, 31)},
                r"min_value must fall in the years calendar 'china' covers \(2004-2026\)",
            ),
            (
                "dates_in",
                (china(),),
                {"max_value": date(2027, 1, 1)},
                r"max_value must fall in the years",
            ),
            (
                "china_dates",
                (),
                {"min_value": date(2020, 1, 2), "max_value": date(2020, 1, 1)},
                r"max_value must not be before min_value",
            ),
            (
                "china_dates",
                (),
                {"min_value": "2020-01-01"},
                r"min_value must be a datetime.date, got '2020-01-01' \[testing.dates_in\]",
            ),
            ("policies", (Policy,), {}, r"base must be a Policy or None"),
            (
                "participant_lists",
                (),
                {"max_size": 0},
                r"max_size must be an int of at least 1, got 0",
            ),
            ("split_items", (-1,), {}, r"max_size must be an int of at least 0, got -1"),
            ("written_phones", (13800138000,), {}, r"normal must be an 11-digit mobile number"),
            ("written_phones", ("1380013800",), {}, r"got '1380013800' \[testing.written_phones\]"),
            ("written_phones", ("１３８００１３８０００",), {}, r"normal must be an 11-digit"),
            ("written_phones", ("2380013800x",), {}, r"got '2380013800x'"),
            ("written_phones", ("23800138000",), {}, r"got '23800138000'"),
            ("lead_batches", (), {"max_size": -1}, r"max_size must be an int of at least 0"),
            ("customers", (), {"max_contacts": -1}, r"max_contacts must be an int from 0 to 100"),
            (
                "payments",
                (datetime.datetime(2026, 3, 2, 9),),
                {},
                r"delivered must be a datetime.date, .*\[testing.payments\]",
            ),
            ("payments", (date(2026, 3, 2),), {"currency": "XYZ"}, r"\[testing.payments\]"),
            (
                "payments",
                (date(2026, 3, 2),),
                {"max_minor": 0},
                r"max_minor must be an int of at least 1, got 0",
            ),
            ("account_states", (), {"policy": {}}, r"policy must be a Policy or None, got \{\}"),
            (
                "account_states",
                (),
                {"calendar": "China"},
                r"calendar must be a WorkCalendar or None",
            ),
            (
                "account_states",
                (),
                {"with_payments": 1},
                r"with_payments must be True or False, got 1",
            ),
            (
                "account_states",
                (),
                {"policy": Policy().updated({"billing.payment_days": 9000})},
                r"calendar 'china' \(2004-2026\) leaves no room for the 9028 days a bill may need",
            ),
            (
                "account_states",
                (),
                {
                    "calendar": WorkCalendar("one", (CalendarYear(1),)),
                    "policy": ROLL.updated({"billing.payment_days": 400}),
                },
                r"calendar 'one' \(1-1\) leaves no room for the 473 days",
            ),
            ("account_states", (), {"delivered": date(2026, 3, 2)}, r"delivered must be a hyp"),
            ("weights", ([1, 2],), {}, r"keys must be a hypothesis strategy or None, got \[1, 2\]"),
            ("split_items", (), {"grades": "A"}, r"grades must be a hypothesis strategy"),
            (
                "customers",
                (),
                {"dates": [date(2026, 3, 2)]},
                r"dates must be .*\[testing.customers\]",
            ),
            ("settlement_sheets", (2024, 13), {}, r"month must be an int from 1 to 12, got 13"),
            ("settlement_sheets", (0, 1), {}, r"year must be an int from 1 to 9999, got 0"),
            (
                "units",
                (" ",),
                {},
                r"name must be a non-empty str or None, got ' ' \[testing.units\]",
            ),
            ("units", (), {"max_members": 0}, r"max_members must be an int of at least 1, got 0"),
            (
                "responsibilities",
                (),
                {"max_parties": 9},
                r"max_parties must be an int from 1 to 8, got 9",
            ),
            ("penalty_accounts", (), {"currency": "CNH"}, r"\[testing.penalty_accounts\]"),
            (
                "penalty_accounts",
                (),
                {"max_open_cases": -1},
                r"max_open_cases must be an int of at least 0, got -1",
            ),
            ("case_numbers", (), {"width": 10}, r"width must be an int from 1 to 9, got 10"),
            ("case_numbers", (), {"max_width": 0}, r"max_width must be an int from 1 to 9, got 0"),
            (
                "approval_tables",
                (),
                {"max_minor": 1},
                r"max_minor must be an int of at least 2, got 1",
            ),
            (
                "receivables",
                (),
                {"parts": ""},
                r"parts must be a non-empty sequence of part numbers",
            ),
            ("receivables", (), {"parts": ["A", " "]}, r"got \['A', ' '\] \[testing.receivables\]"),
            ("receivables", (), {"parts": 42}, r"got 42"),
            ("receivables", (), {"max_size": -1}, r"max_size must be an int of at least 0"),
            ("receivables", (), {"customers": []}, r"customers must be a non-empty sequence"),
            ("complaint_forms", (), {"parts": 42}, r"got 42 \[testing.complaint_forms\]"),
            ("complaint_forms", (), {"max_size": -1}, r"max_size must be an int of at least 0"),
            ("ledgers", (), {"max_splits": -1}, r"max_splits must be an int from 0 to 50"),
            ("calendar_years", (), {"min_year": 0}, r"min_year must be an int from 1 to 9998"),
            (
                "calendar_years",
                (),
                {"min_year": 2030, "max_year": 2029},
                r"max_year must be an int from 2030 to 9998, got 2029",
            ),
            ("policy_books", (), {"max_versions": 0}, r"max_versions must be an int from 1 to 20"),
            ("dunnings", (), {"policy": 1}, r"policy must be a Policy or None, got 1"),
            ("dunnings", (), {"calendar": 1}, r"calendar must be .*got 1"),
            ("month_closes", (), {"max_minor": 0}, r"max_minor must be an int of at least 1"),
        ],
    )
    def test_a_bad_argument_raises_invalid_input(
        self, name: str, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            getattr(testing, name)(*args, **kwargs)


# -- money ----------------------------------------------------------------------------------------

OTHER_CURRENCIES = {Currency("BHD", 3), Currency("CLF", 4)}


class TestMoneyStrategies:
    @VALID
    @given(testing.currencies())
    def test_currencies_are_the_known_ones_and_two_with_more_digits(self, cur: Currency) -> None:
        assert cur in set(CURRENCIES.values()) | OTHER_CURRENCIES
        assert Currency(cur.code, cur.exponent) == cur
        assert Money.from_minor(1, cur).amount.as_tuple().exponent == -cur.exponent

    def test_currencies_shrink_to_cny_and_reach_every_exponent(self) -> None:
        assert find(testing.currencies(), lambda c: True) == CNY
        assert find(testing.currencies(), lambda c: c.exponent == 0) == JPY
        assert find(testing.currencies(), lambda c: c.exponent == 3) == Currency("BHD", 3)
        assert find(testing.currencies(), lambda c: c.exponent == 4) == Currency("CLF", 4)

    @VALID
    @given(st.data(), st.integers(-(10**6), 10**6), st.integers(0, 10**6))
    def test_money_stays_within_its_bounds_and_round_trips(
        self, data: st.DataObject, low: int, width: int
    ) -> None:
        amount = data.draw(testing.money(JPY, min_minor=low, max_minor=low + width))
        assert amount.currency == JPY
        assert low <= amount.minor <= low + width
        assert Money(amount.amount, amount.currency) == amount

    @PARAMETERS
    @given(testing.money(max_minor=10**4))
    def test_money_is_signed_by_default(self, amount: Money) -> None:
        assert amount.currency == CNY
        assert -(10**4) <= amount.minor <= 10**4
        assert Money(str(amount.amount), "CNY") == amount

    def test_money_draws_refunds_by_default(self) -> None:
        assert find(testing.money(), lambda m: m.minor < 0) == Money("-0.01", CNY)

    @VALID
    @given(testing.money(testing.currencies(), min_minor=0, max_minor=10**9))
    def test_money_takes_a_strategy_of_currencies(self, amount: Money) -> None:
        assert amount.currency in set(CURRENCIES.values()) | OTHER_CURRENCIES
        assert 0 <= amount.minor <= 10**9
        assert Money(amount.amount, amount.currency) == amount

    @VALID
    @given(st.integers(1, 50), st.integers(0, 4), st.data())
    def test_exact_numbers_are_never_floats_and_stay_in_range(
        self, top: int, digits: int, data: st.DataObject
    ) -> None:
        value = data.draw(testing.exact_numbers(max_value=top, places=digits))
        assert is_exact(value)
        assert 0 <= value <= top
        if isinstance(value, Decimal):
            assert places(value) <= digits

    @VALID
    @given(testing.ratios(max_value=Decimal("2.5"), places=2))
    def test_ratios_are_decimals_in_range(self, value: Decimal) -> None:
        assert isinstance(value, Decimal)
        assert 0 <= value <= Decimal("2.5")
        assert places(value) <= 2
        policy = Policy().updated({"returns.default_over_acceptance_ratio": value})
        assert policy.returns.default_over_acceptance_ratio == value

    @VALID
    @given(testing.weights())
    def test_weights_are_never_all_zero_and_allocate_takes_them(
        self, parties: dict[str, Decimal | int]
    ) -> None:
        assert 1 <= len(parties) <= 12
        assert all(is_exact(w) and w >= 0 for w in parties.values())
        assert any(parties.values())
        split = allocate(Money("100.00", CNY), parties)
        assert sum(split.values()) == Money("100.00", CNY)

    @PARAMETERS
    @given(testing.weights(st.just("only")))
    def test_a_single_party_is_given_a_weight(self, parties: dict[str, Decimal | int]) -> None:
        assert list(parties) == ["only"]
        assert parties["only"] > 0

    @PARAMETERS
    @given(testing.weights(st.integers(0, 100), max_value=40, places=1, min_size=2, max_size=4))
    def test_weights_take_their_keys_sizes_and_range(
        self, parties: dict[int, Decimal | int]
    ) -> None:
        assert 2 <= len(parties) <= 4
        assert all(isinstance(key, int) for key in parties)
        assert all(0 <= w <= 40 for w in parties.values())
        assert all(places(w) <= 1 for w in parties.values() if isinstance(w, Decimal))
        assert any(parties.values())


# -- working days ---------------------------------------------------------------------------------


def naive_working(calendar: WorkCalendar, day: date) -> bool:
    year = calendar.years[day.year - calendar.first_year]
    if day in year.workdays:
        return True
    return day.weekday() not in calendar.weekend and day not in year.days_off


class TestCalendarStrategies:
    @VALID
    @given(testing.calendars())
    def test_calendars_are_valid_by_construction_and_round_trip(self, cal: WorkCalendar) -> None:
        assert 2000 <= cal.first_year <= cal.last_year <= 2099
        assert len(cal.years) <= 3
        assert len(cal.weekend) <= 6
        for year in cal.years:
            assert len(year.days_off) <= 30
            assert len(year.workdays) <= 10
            assert all(d.weekday() in cal.weekend for d in year.workdays)
            assert not set(year.days_off) & set(year.workdays)
        assert WorkCalendar(cal.name, cal.years, cal.weekend) == cal
        namespace = {"WorkCalendar": WorkCalendar, "CalendarYear": CalendarYear}
        assert eval(repr(cal), {"datetime": datetime, **namespace}) == cal

    @VALID
    @given(testing.calendars(max_years=2))
    def test_calendars_answer_as_their_listed_days_say(self, cal: WorkCalendar) -> None:
        first = date(cal.first_year, 1, 1)
        count = 0
        for n in range((date(cal.last_year, 12, 31) - first).days + 1):
            day = first + timedelta(days=n)
            working = naive_working(cal, day)
            assert cal.is_working_day(day) is working
            count += working
        assert cal.working_days_between(first, date(cal.last_year, 12, 31)) == count - (
            1 if naive_working(cal, first) else 0
        )

    @PARAMETERS
    @given(testing.calendars(min_year=1, max_year=1, weekend=[6], max_days_off=0, max_workdays=0))
    def test_calendars_take_their_years_weekend_and_list_sizes(self, cal: WorkCalendar) -> None:
        assert (cal.first_year, cal.last_year) == (1, 1)
        assert cal.weekend == frozenset({6})
        assert cal.years[0].days_off == cal.years[0].workdays == ()

    @PARAMETERS
    @given(testing.calendars(min_year=9998, max_year=9998, weekend=()))
    def test_a_calendar_without_a_weekend_has_no_make_up_days(self, cal: WorkCalendar) -> None:
        assert cal.first_year == 9998
        assert cal.weekend == frozenset()
        assert cal.years[0].workdays == ()

    def test_calendars_shrink_to_a_saturday_and_sunday_weekend(self) -> None:
        assert find(testing.calendars(), lambda c: True).weekend == frozenset({5, 6})

    @VALID
    @given(testing.calendars().flatmap(lambda c: st.tuples(st.just(c), testing.dates_in(c))))
    def test_dates_in_a_calendar_are_always_covered(self, case: tuple[WorkCalendar, date]) -> None:
        cal, day = case
        assert cal.covers(day)
        assert cal.is_working_day(day) is naive_working(cal, day)

    @PARAMETERS
    @given(testing.dates_in(china(), min_value=date(2020, 2, 1), max_value=date(2020, 2, 29)))
    def test_dates_in_take_their_bounds(self, day: date) -> None:
        assert date(2020, 2, 1) <= day <= date(2020, 2, 29)

    @VALID
    @given(testing.china_dates())
    def test_china_dates_are_covered_by_the_china_calendar(self, day: date) -> None:
        assert CHINA_FIRST <= day <= CHINA_LAST
        assert china().covers(day)
        china().is_working_day(day)  # never CalendarCoverageError

    def test_china_dates_reach_both_ends(self) -> None:
        assert find(testing.china_dates(), lambda d: True) == CHINA_FIRST
        assert find(testing.china_dates(), lambda d: d.year == 2026 and d.month == 12)


# -- policies -------------------------------------------------------------------------------------


class TestPolicies:
    @VALID
    @given(testing.policies())
    def test_policies_are_valid_and_set_every_required_parameter(self, policy: Policy) -> None:
        assert attrs.evolve(policy) == policy
        for parameter in policy.parameters():
            if parameter.required:
                assert policy.require(parameter.path) is not None
        table = ApprovalTable.from_policy(policy)
        assert table.approver_for(Money("1.00", CNY)).role
        assert 1 <= policy.complaints.serial_width <= 4
        assert policy.general.currency == CNY

    def test_policies_draw_other_values_than_the_defaults(self) -> None:
        changed = find(testing.policies(), lambda p: len(Policy().diff(p)) > 30)
        assert len(Policy().diff(changed)) > 30

    @PARAMETERS
    @given(st.data())
    def test_policies_keep_the_currency_of_their_base(self, data: st.DataObject) -> None:
        base = Policy(
            general=GeneralPolicy(currency=USD),
            penalties=PenaltyPolicy(
                warning_minimum=Money(400, USD), minor_demerit_minimum=Money(800, USD)
            ),
        )
        policy = data.draw(testing.policies(base))
        assert policy.general.currency == USD
        assert policy.complaints.vice_gm_limit is not None
        assert policy.complaints.vice_gm_limit.currency == USD
        assert policy.penalties.warning_minimum.currency == USD


# -- L and M --------------------------------------------------------------------------------------


class TestLeadsAndCustomers:
    @VALID
    @given(testing.staff_names())
    def test_staff_names_are_short_and_never_blank(self, name: str) -> None:
        assert 1 <= len(name) <= 3
        assert name.strip() == name

    @VALID
    @given(testing.participant_lists(min_size=2, max_size=4), testing.split_items(20))
    def test_participants_are_distinct_and_the_fair_split_takes_them_with_the_items(
        self, people: list[str], items: list[tuple[str, str | None]]
    ) -> None:
        assert 2 <= len(people) <= 4
        assert len(set(people)) == len(people)
        assert len(items) <= 20
        assert len({key for key, _ in items}) == len(items)
        split = fair_split(items, people, clause=L_2_3)
        assert sum(dict(split.counts).values()) == len(items)

    @PARAMETERS
    @given(testing.split_items(grades=st.just("hot")))
    def test_split_items_take_their_grades(self, items: list[tuple[str, str | None]]) -> None:
        assert all(grade == "hot" for _, grade in items)

    @VALID
    @given(testing.mobile_numbers())
    def test_mobile_numbers_are_in_normal_form(self, number: str) -> None:
        assert len(number) == 11
        assert number.isdigit()
        assert number[:2] in {"13", "14", "15", "16", "17", "18", "19"}
        assert normalize_phone(number) == number

    @VALID
    @given(
        testing.mobile_numbers().flatmap(lambda n: st.tuples(st.just(n), testing.written_phones(n)))
    )
    def test_every_written_form_normalises_back(self, case: tuple[str, str]) -> None:
        normal, written = case
        assert normalize_phone(written) == normal

    @VALID
    @given(testing.leads())
    def test_leads_are_valid_and_processed_once(self, lead: Lead) -> None:
        assert attrs.evolve(lead) == lead
        intake = process_leads([lead], department="Sales 1", head="Zhou")
        assert intake.received == 1
        assert lead.phone == "" or normalize_phone(lead.phone) is not None

    @VALID
    @given(testing.lead_batches())
    def test_lead_batches_have_distinct_ids_and_every_lead_is_accounted_for(
        self, batch: list[Lead]
    ) -> None:
        assert len({lead.id for lead in batch}) == len(batch) <= 20
        intake = process_leads(batch, department="Sales 1", head="Zhou")
        assert len(intake.accepted) + len(intake.duplicates) + len(intake.on_file) == len(batch)
        phones = [normalize_phone(lead.phone) for lead in batch if lead.phone]
        assert len(set(phones)) <= 5
        repeats = sum(n - 1 for n in Counter(phones).values())
        assert len(intake.duplicates) == repeats

    def test_lead_batches_repeat_phone_numbers(self) -> None:
        def two_with_one_number(batch: list[Lead]) -> bool:
            numbers = {normalize_phone(lead.phone) for lead in batch}
            return len(batch) == 2 and len(numbers) == 1 and None not in numbers

        batch = find(testing.lead_batches(max_size=2), two_with_one_number)
        intake = process_leads(batch, department="Sales 1", head="Zhou")
        assert len(intake.duplicates) == 1

    @VALID
    @given(testing.customers())
    def test_customers_are_valid(self, customer: Customer) -> None:
        assert attrs.evolve(customer) == customer
        assert isinstance(customer.category, Category)
        assert len(set(customer.contacts)) == len(customer.contacts) <= 4
        for day in (customer.registered_on, customer.last_visit):
            assert day is None or CHINA_FIRST <= day <= CHINA_LAST

    @PARAMETERS
    @given(testing.customers(dates=st.just(date(2026, 3, 2)), max_contacts=0))
    def test_customers_take_their_dates_and_contact_count(self, customer: Customer) -> None:
        assert customer.contacts == ()
        assert customer.registered_on in (None, date(2026, 3, 2))
        assert customer.last_visit in (None, date(2026, 3, 2))


# -- B --------------------------------------------------------------------------------------------


class TestBilling:
    @VALID
    @given(testing.user_classes())
    def test_user_classes_are_user_classes(self, kind: UserClass) -> None:
        assert isinstance(kind, UserClass)

    @VALID
    @given(testing.payments(date(2026, 3, 2), currency=JPY, max_minor=500, max_size=3))
    def test_payments_are_positive_and_dated_around_delivery(
        self, paid: tuple[Payment, ...]
    ) -> None:
        assert isinstance(paid, tuple)
        assert len(paid) <= 3
        for payment in paid:
            assert attrs.evolve(payment) == payment
            assert date(2026, 2, 25) <= payment.paid_on <= date(2026, 4, 11)
            assert payment.amount.currency == JPY
            assert 1 <= payment.amount.minor <= 500

    @VALID
    @given(testing.account_states(), st.integers(-5, 90))
    def test_account_states_are_valid_and_dunning_accepts_them(
        self, acct: AccountState, offset: int
    ) -> None:
        assert attrs.evolve(acct) == acct
        assert CHINA_FIRST <= acct.delivered <= CHINA_LAST - timedelta(days=33)
        assert 0 <= acct.billed.minor <= 10**6
        assert acct.arrears_notice is None or acct.notified is not None
        result = dunning(acct, acct.delivered + timedelta(days=offset))
        assert result.due == acct.delivered + timedelta(days=7)

    @VALID
    @given(st.data())
    def test_account_states_follow_the_policy_they_are_drawn_for(self, data: st.DataObject) -> None:
        policy = data.draw(testing.policies())
        acct = data.draw(testing.account_states(policy=policy))
        offset = data.draw(st.integers(-5, 120))
        as_of = acct.delivered + timedelta(days=offset)
        result = dunning(acct, as_of, policy=policy)  # neither a date error nor a coverage error
        assert result.due == payment_deadline(acct.delivered, policy=policy).due
        if acct.notified is not None:
            assert acct.notified > result.due

    @VALID
    @given(st.data())
    def test_account_states_follow_a_calendar_of_their_own(self, data: st.DataObject) -> None:
        cal = data.draw(testing.calendars(min_year=2030, weekend={5, 6}, max_days_off=10))
        start = date(cal.first_year, 1, 1)
        days = testing.dates_in(cal, max_value=start + timedelta(days=200))
        acct = data.draw(testing.account_states(delivered=days, policy=ROLL, calendar=cal))
        assert cal.covers(acct.delivered)
        if acct.notified is not None:
            assert acct.notified > payment_deadline(acct.delivered, policy=ROLL, calendar=cal).due
        dunning(acct, acct.delivered + timedelta(days=40), policy=ROLL, calendar=cal)

    @PARAMETERS
    @given(testing.account_states(with_payments=False, currency="USD", max_minor=99))
    def test_account_states_take_their_currency_and_payments_switch(
        self, acct: AccountState
    ) -> None:
        assert acct.payments == ()
        assert acct.billed.currency == USD
        assert acct.billed.minor <= 99

    def test_account_states_reach_the_cut_off(self) -> None:
        acct = find(testing.account_states(), lambda a: a.arrears_notice is not None and a.billed)
        assert acct.arrears_notice is not None
        assert dunning(acct, acct.arrears_notice + timedelta(days=3)).level == 4
        assert dunning(acct, acct.arrears_notice + timedelta(days=4)).level == 5

    @VALID
    @given(st.integers(1, 9999), st.integers(1, 12), st.data())
    def test_settlement_sheets_are_distinct_read_in_their_month_and_reported_exactly(
        self, year: int, month: int, data: st.DataObject
    ) -> None:
        sheets = data.draw(testing.settlement_sheets(year, month, currency="HKD", max_size=5))
        assert len(sheets) <= 5
        assert len({s.sheet for s in sheets}) == len({s.account for s in sheets}) == len(sheets)
        for sheet in sheets:
            assert isinstance(sheet, SettlementSheet)
            assert (sheet.read_on.year, sheet.read_on.month) == (year, month)
            assert sheet.amount.currency.code == "HKD"
            assert 0 <= sheet.volume <= 10**5
        report = monthly_report(year, month, sheets)
        assert check_report(report, sheets).accurate

    def test_settlement_sheets_default_to_a_leap_february(self) -> None:
        sheets = find(testing.settlement_sheets(), lambda s: any(x.read_on.day == 29 for x in s))
        assert sheets[0].read_on.replace(day=1) == date(2024, 2, 1)


# -- P --------------------------------------------------------------------------------------------


class TestPenalties:
    @VALID
    @given(testing.persons())
    def test_persons_are_valid(self, person: Person) -> None:
        assert attrs.evolve(person) == person

    @VALID
    @given(testing.units())
    def test_units_are_valid_with_some_base_points(self, unit: Unit) -> None:
        assert Unit(unit.name, unit.kind, dict(unit.base_points)) == unit
        assert 1 <= len(unit.members) <= 6
        assert unit.total_points > 0
        assert all(is_exact(p) and 0 <= p <= 40 for _, p in unit.base_points)

    @PARAMETERS
    @given(testing.units("Team A", max_members=2))
    def test_units_take_their_name_and_size(self, unit: Unit) -> None:
        assert unit.name == "Team A"
        assert len(unit.members) <= 2

    @VALID
    @given(testing.responsibilities(), testing.money(max_minor=10**9))
    def test_responsibilities_are_what_apportion_takes(
        self, responsibility: dict[Person | Unit, Decimal | int], loss: Money
    ) -> None:
        assert 1 <= len(responsibility) <= 4
        assert len({party.name for party in responsibility}) == len(responsibility)
        assert any(responsibility.values())
        split = apportion(loss, responsibility)
        assert sum(split.persons.values(), Money.zero(CNY)) == loss

    @VALID
    @given(testing.penalty_accounts(), testing.money(min_minor=0, max_minor=10**7))
    def test_penalty_accounts_are_states_the_rule_can_reach(
        self, account: PenaltyAccount, bonus: Money
    ) -> None:
        assert attrs.evolve(account) == account
        assert 2000 <= account.year <= 2099
        assert len(account.open_cases) <= 4
        order = [(c.year, c.month, c.case) for c in account.open_cases]
        assert order == sorted(order)
        now = (account.year, account.month)
        assert all((c.year, c.month) < now for c in account.open_cases)
        assert all(c.outstanding == c.amount for c in account.open_cases[1:])
        assert all(Money.zero(CNY) < c.outstanding <= c.amount for c in account.open_cases)
        assert account.imposed == account.deducted + account.outstanding
        assert account.last_closed is not None
        assert account.last_closed < now
        closed = account.close_month(account.year, account.month, bonus)
        assert closed.deducted + closed.account.outstanding == account.outstanding
        assert closed.held_back == account.held_back  # nothing approved: held-back cases wait
        assert closed.account.imposed == closed.account.deducted + closed.account.outstanding

    @PARAMETERS
    @given(testing.penalty_accounts(currency="TWD", max_open_cases=0, max_minor=10))
    def test_penalty_accounts_take_their_currency_and_sizes(self, account: PenaltyAccount) -> None:
        assert account.currency.code == "TWD"
        assert account.open_cases == ()
        assert account.imposed == account.deducted <= Money.from_minor(10, "TWD")

    def test_penalty_accounts_may_be_part_way_through_a_case(self) -> None:
        account = find(
            testing.penalty_accounts(),
            lambda a: (
                len(a.open_cases) == 2 and a.open_cases[0].outstanding < a.open_cases[0].amount
            ),
        )
        assert account.deducted > Money.zero(CNY)

    def test_penalty_accounts_may_hold_back_a_case(self) -> None:
        account = find(testing.penalty_accounts(), lambda a: a.held_back > Money.zero(CNY))
        assert not account.open_cases[-1].approved


# -- C and R --------------------------------------------------------------------------------------


class TestComplaintsAndReturns:
    @VALID
    @given(testing.case_numbers())
    def test_case_numbers_parse_back_with_their_width(self, number: CaseNumber) -> None:
        assert 1 <= number.width <= 4
        policy = Policy().updated({"complaints.serial_width": number.width})
        assert CaseNumber.parse(str(number), policy=policy) == number

    @PARAMETERS
    @given(testing.case_numbers(width=7))
    def test_case_numbers_take_a_fixed_width(self, number: CaseNumber) -> None:
        assert number.width == 7
        assert len(str(number)) == 11

    @VALID
    @given(
        testing.approval_tables(currency=JPY), testing.money(JPY, min_minor=0, max_minor=2 * 10**8)
    )
    def test_approval_tables_are_valid_and_cover_every_amount(
        self, table: ApprovalTable, amount: Money
    ) -> None:
        assert ApprovalTable(table.bands) == table
        assert 1 <= len(table.bands) <= 3
        assert all(band.lower.currency == JPY for band in table.bands)
        assert sum(band.contains(amount) for band in table.bands) == 1
        assert table.approver_for(amount).role in {band.role for band in table.bands}

    @PARAMETERS
    @given(testing.approval_tables(max_minor=2))
    def test_approval_tables_take_their_largest_cut(self, table: ApprovalTable) -> None:
        assert all(b.upper is None or b.upper.minor <= 2 for b in table.bands)

    @VALID
    @given(testing.receivables())
    def test_receivables_are_valid_and_collected_no_more_than_due(
        self, rows: list[Receivable]
    ) -> None:
        assert len(rows) <= 8
        for row in rows:
            assert attrs.evolve(row) == row
            assert row.part_number in "ABCDE"
            assert row.customer in {"Acme", "Beta"}
            assert row.collected <= row.amount
        result = bonus_collection_rate(rows, [ComplaintForm(customer="Acme", part_number="A")])
        assert result.rate is None or 0 <= result.rate <= 1

    @VALID
    @given(testing.complaint_forms(parts=["P-1"], customers=["Zed"], max_size=3))
    def test_complaint_forms_take_their_parts_customers_and_sizes(
        self, forms: list[ComplaintForm]
    ) -> None:
        assert len(forms) <= 3
        assert all((f.customer, f.part_number) == ("Zed", "P-1") for f in forms)
        assert all(f.upheld in (None, True, False) for f in forms)

    @PARAMETERS
    @given(testing.receivables(parts=["P-1", "P-2"], currency=USD, max_minor=0, max_size=2))
    def test_receivables_take_their_parts_currency_and_sizes(self, rows: list[Receivable]) -> None:
        assert len(rows) <= 2
        assert all(r.part_number in {"P-1", "P-2"} for r in rows)
        assert all(r.amount == Money(0, USD) for r in rows)


# -- the values an app saves between runs ---------------------------------------------------------


class TestStrategiesOfSavedValues:
    @VALID
    @given(testing.ledgers())
    def test_ledgers_are_what_splits_leave(self, ledger: Ledger) -> None:
        assert ledger.splits >= len(ledger.events)
        assert len(set(ledger.events)) == len(ledger.events)
        assert {person for person, _ in ledger.extras} <= {p for p, _ in ledger.received}

    def test_ledgers_reach_named_and_unnamed_splits(self) -> None:
        found = find(testing.ledgers(), lambda led: led.splits > len(led.events) > 0)
        assert found.events[0].startswith("event-")

    @VALID
    @given(testing.calendar_years(min_year=2030, max_year=2031))
    def test_calendar_years_fall_in_their_range_and_a_provisional_one_has_no_make_up_days(
        self, year: CalendarYear
    ) -> None:
        assert 2030 <= year.year <= 2031
        assert all(d.weekday() in (5, 6) for d in year.workdays)
        if year.provisional:
            assert year.workdays == ()

    def test_calendar_years_draw_both_kinds(self) -> None:
        assert find(testing.calendar_years(), lambda y: y.provisional).provisional
        assert find(testing.calendar_years(), lambda y: y.workdays != ()).workdays

    @VALID
    @given(testing.policy_books(max_versions=3))
    def test_policy_books_hold_one_to_three_versions_in_date_order(self, book: PolicyBook) -> None:
        assert 1 <= len(book.versions) <= 3
        dates = [version.effective for version in book.versions]
        assert dates == sorted(set(dates))
        assert book.in_force(dates[-1]).policy == book.versions[-1].policy

    @VALID
    @given(st.sampled_from([None, ROLL]).flatmap(lambda p: testing.dunnings(policy=p)))
    def test_dunnings_are_the_rule_applied_again(self, result: Dunning) -> None:
        again = dunning(result.account, result.as_of, policy=result.policy)
        assert again == result
        assert result.as_of >= result.account.delivered

    @VALID
    @given(testing.month_closes(max_minor=10**5))
    def test_month_closes_conserve_every_charge(self, closed: MonthClose) -> None:
        charged = sum((amount for _, amount in closed.charged), Money.zero(CNY))
        assert closed.brought_forward + charged == (
            closed.deducted + closed.carried + closed.held_back
        )
        assert closed.account.last_closed == (closed.year, closed.month)

    def test_month_closes_reach_fines_and_the_statutory_check(self) -> None:
        found = find(testing.month_closes(), lambda m: m.statutory is not None and m.fine_items)
        assert found.statutory is not None
        assert found.fine_items

    @VALID
    @given(testing.complaint_cases())
    def test_complaint_cases_are_accepted_in_their_numbers_month_and_steps_follow(
        self, case: ComplaintCase
    ) -> None:
        assert case.number.period == (case.accepted.year, case.accepted.month)
        assert case.closed is None or case.closed >= case.accepted
        for step in case.steps:
            assert step.started >= case.accepted
            assert step.finished is None or step.finished >= step.started
