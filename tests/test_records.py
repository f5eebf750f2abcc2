"""custpolicy.records: every value an app keeps round-trips through JSON; junk is a RecordError."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import custpolicy
from custpolicy import records, testing
from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import CLAUSES, Clause
from custpolicy.foundation.errors import CustPolicyError, InvalidInputError, RecordError
from custpolicy.foundation.explain import Choice, Phrase, Reason
from custpolicy.foundation.money import CNY, Currency, Money
from custpolicy.foundation.policy import Policy, PolicyBook
from custpolicy.foundation.workdays import CalendarYear, WorkCalendar
from custpolicy.records import FORMAT_VERSION, structure, unstructure
from custpolicy.rules.billing import AccountState, Dunning, Payment, dunning
from custpolicy.rules.complaints import CaseNumber, ComplaintCase
from custpolicy.rules.penalties import (
    MonthClose,
    PenaltyAccount,
    Sanction,
    StatutoryRules,
    check_fine,
    statutory_check,
)


@attrs.frozen
class Outside:
    """A value class of another package: a reason's fact custpolicy cannot write."""

    number: int


# Each example draws a whole value and puts it through the library's checks twice.
VALID = settings(max_examples=min(150, settings().max_examples))
JUNK = settings(max_examples=min(100, settings().max_examples))


def round_trip(value: Any) -> Any:
    """unstructure -> JSON text -> structure, as an app saves and reloads a value."""
    text = json.dumps(unstructure(value), ensure_ascii=False)
    return structure(json.loads(text), type(value))


def every_choice() -> list[type[Choice]]:
    custpolicy.__all__  # noqa: B018 (loads every module of the package, and every enumeration)
    found: list[type[Choice]] = []
    pending = list(Choice.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.__name__)


# -- the round trip ---------------------------------------------------------------------------


class TestEveryValueRoundTrips:
    @VALID
    @given(testing.money(testing.currencies(), min_minor=-(10**12), max_minor=10**12))
    def test_money_round_trips_in_any_currency(self, amount: Money) -> None:
        assert round_trip(amount) == amount

    def test_money_of_a_known_currency_is_its_text_and_any_other_its_amount_and_currency(
        self,
    ) -> None:
        assert unstructure(Money("1349.99", "CNY")) == "CNY 1,349.99"
        assert unstructure(Money("1.234", Currency("BHD", 3))) == {
            "format": FORMAT_VERSION,
            "amount": "1.234",
            "currency": {"code": "BHD", "exponent": 3},
        }

    @given(testing.currencies())
    def test_currencies_round_trip(self, cur: Currency) -> None:
        assert round_trip(cur) == cur

    @given(st.sampled_from(sorted(CLAUSES.values(), key=str)))
    def test_clauses_round_trip_by_id(self, found: Clause) -> None:
        assert unstructure(found) == found.id
        assert round_trip(found) is not None
        assert round_trip(found) == found

    @pytest.mark.parametrize("cls", every_choice(), ids=lambda cls: cls.__name__)
    def test_every_enumeration_round_trips_by_value(self, cls: type[Choice]) -> None:
        for member in cls:
            assert unstructure(member) == member.value
            assert round_trip(member) is member

    def test_every_enumeration_of_the_package_is_found(self) -> None:
        names = {cls.__name__ for cls in every_choice()}
        assert {"Action", "Sanction", "Category", "Handling", "StepState"} <= names

    @VALID
    @given(testing.policies())
    def test_policies_round_trip(self, policy: Policy) -> None:
        assert round_trip(policy) == policy

    @VALID
    @given(testing.policy_books())
    def test_policy_books_round_trip(self, book: PolicyBook) -> None:
        assert round_trip(book) == book

    @VALID
    @given(testing.ledgers())
    def test_ledgers_round_trip(self, ledger: Any) -> None:
        assert round_trip(ledger) == ledger

    @VALID
    @given(testing.account_states())
    def test_account_states_round_trip_with_their_payments(self, state: AccountState) -> None:
        assert round_trip(state) == state
        for payment in state.payments:
            assert round_trip(payment) == payment

    @VALID
    @given(
        st.sampled_from([None, china(), china(provisional_until=2030)]).flatmap(
            lambda cal: testing.dunnings(calendar=cal)
        )
    )
    def test_dunnings_round_trip_with_their_policy_calendar_and_explanation(
        self, result: Dunning
    ) -> None:
        again = round_trip(result)
        assert again == result
        assert (again.policy, again.calendar) == (result.policy, result.calendar)
        assert again.explain("zh-Hant") == result.explain("zh-Hant")
        assert again.explain() == result.explain()

    @VALID
    @given(testing.policies().flatmap(lambda policy: testing.dunnings(policy=policy)))
    def test_a_dunning_keeps_any_policy(self, result: Dunning) -> None:
        again = round_trip(result)
        assert again.policy == result.policy
        assert again.explain() == result.explain()

    @VALID
    @given(testing.penalty_accounts(currency=testing.currencies().example()))
    def test_penalty_accounts_round_trip(self, account: PenaltyAccount) -> None:
        again = round_trip(account)
        assert again == account
        assert (again.outstanding, again.held_back) == (account.outstanding, account.held_back)

    @VALID
    @given(testing.month_closes())
    def test_month_closes_round_trip_with_their_explanation(self, closed: MonthClose) -> None:
        again = round_trip(closed)
        assert again == closed
        assert again.explain("zh-Hant") == closed.explain("zh-Hant")
        assert again.to_record() == closed.to_record()

    @VALID
    @given(testing.penalty_accounts(), st.lists(testing.money(min_minor=0), max_size=3))
    def test_schedules_of_close_months_round_trip(
        self, account: PenaltyAccount, bonuses: list[Money]
    ) -> None:
        plan = account.close_months(account.year, account.month, bonuses)
        again = round_trip(plan)
        assert again == plan
        assert again.explain("zh-Hant") == plan.explain("zh-Hant")

    @given(testing.case_numbers())
    def test_case_numbers_round_trip(self, number: CaseNumber) -> None:
        assert round_trip(number) == number

    @VALID
    @given(testing.complaint_cases())
    def test_complaint_cases_round_trip(self, case: ComplaintCase) -> None:
        assert round_trip(case) == case

    @VALID
    @given(testing.calendars())
    def test_work_calendars_round_trip_in_full(self, calendar: WorkCalendar) -> None:
        assert round_trip(calendar) == calendar

    @given(st.sampled_from([None, 2027, 2030, 2050]))
    def test_the_built_in_calendar_is_written_by_name(self, until: int | None) -> None:
        calendar = china(provisional_until=until)
        expected = (
            "china"
            if until is None
            else {"format": 1, "built_in": "china", "provisional_until": until}
        )
        assert unstructure(calendar) == expected
        assert round_trip(calendar) == calendar

    def test_a_calendar_named_china_past_the_provisional_years_is_written_in_full(self) -> None:
        calendar = WorkCalendar("china", (CalendarYear(2051),))
        assert unstructure(calendar)["years"][0]["year"] == 2051
        assert round_trip(calendar) == calendar

    def test_a_calendar_extended_from_the_built_in_one_is_written_by_what_it_adds(self) -> None:
        notice = CalendarYear(2027, days_off=[date(2027, 1, 1)], source="notice 2027")
        calendar = china().with_year(notice)
        record = unstructure(calendar)
        assert record == {
            "format": 1,
            "built_in": "china",
            "added": [
                {
                    "year": 2027,
                    "days_off": ["2027-01-01"],
                    "workdays": [],
                    "source": "notice 2027",
                    "provisional": False,
                }
            ],
        }
        assert round_trip(calendar) == calendar
        other = WorkCalendar("acme", (CalendarYear(2027),))
        assert unstructure(other)["name"] == "acme"

    @given(
        st.integers(2027, 2050),
        st.lists(st.integers(2027, 2050), unique=True, max_size=3),
        st.booleans(),
    )
    def test_a_forecast_with_notices_and_added_years_keeps_only_what_differs(
        self, until: int, published: list[int], provisional_added: bool
    ) -> None:
        calendar = china(provisional_until=until)
        for year in sorted(published):
            if year > calendar.last_year + 1:
                break
            flag = provisional_added and year > until
            day = date(year, 3, 4)
            added = CalendarYear(
                year,
                days_off=[] if day.weekday() >= 5 else [day],
                source=f"notice {year}",
                provisional=flag,
            )
            calendar = calendar.with_year(added)
        record = unstructure(calendar)
        assert record["built_in"] == "china"
        forecasts = [year.year for year in calendar.years if year.provisional]
        assert record.get("provisional_until") == (max(forecasts) if forecasts else None)
        kept = [year["year"] for year in record.get("added", [])]
        forecast = {year.year: year for year in china(provisional_until=until).years}
        assert kept == [year.year for year in calendar.years if forecast.get(year.year) != year]
        assert round_trip(calendar) == calendar

    def test_a_calendar_equal_to_the_built_in_one_is_written_by_name(self) -> None:
        assert unstructure(WorkCalendar("china", china().years)) == "china"

    def test_a_forecast_past_the_provisional_years_known_is_written_in_full(self) -> None:
        own = CalendarYear(2051, source="our own forecast", provisional=True)
        calendar = china(provisional_until=2050).with_year(own)
        assert unstructure(calendar)["years"][-1]["year"] == 2051
        assert round_trip(calendar) == calendar

    def test_a_calendar_that_changes_a_built_in_year_is_written_in_full(self) -> None:
        calendar = china().with_changes(
            name="china", days_off=[date(2026, 3, 4)], source="a company day off"
        )
        assert unstructure(calendar)["name"] == "china"
        assert round_trip(calendar) == calendar

    @VALID
    @given(testing.calendar_years())
    def test_calendar_years_round_trip(self, year: CalendarYear) -> None:
        assert round_trip(year) == year

    @VALID
    @given(
        st.one_of(
            testing.customers(),
            testing.leads(),
            testing.complaint_forms().map(lambda found: found[0] if found else None),
            testing.approval_tables(),
            testing.persons(),
            testing.units(),
            testing.receivables().map(lambda found: found[0] if found else None),
            testing.settlement_sheets().map(lambda found: found[0] if found else None),
        )
    )
    def test_the_other_values_of_the_families_round_trip(self, value: object) -> None:
        if value is not None:
            assert round_trip(value) == value

    @pytest.mark.parametrize(
        "value",
        [
            check_fine(Sanction.WARNING, amount=Money("300.00", "CNY")),
            check_fine(Sanction.MINOR_DEMERIT, base=Decimal("1.5")),
            check_fine(Sanction.MAJOR_DEMERIT, bonus=Money("1000.00", "CNY")),
            statutory_check(
                Money("900.00", "CNY"),
                wage=Money("4000.00", "CNY"),
                minimum_wage=Money("2490.00", "CNY"),
            ),
        ],
        ids=repr,
    )
    def test_results_that_hold_their_reasons_round_trip_with_them(self, value: Any) -> None:
        again = round_trip(value)
        assert again == value
        assert again.reasons == value.reasons
        assert again.explain("zh-Hant") == value.explain("zh-Hant")

    def test_facts_of_every_kind_round_trip(self) -> None:
        facts = {
            "text": "x",
            "count": 3,
            "flag": True,
            "nothing": None,
            "ratio": Decimal("0.50"),
            "day": date(2026, 3, 9),
            "amount": Money("1.00", "CNY"),
            "other": Money("1.000", Currency("BHD", 3)),
            "currency": CNY,
            "odd": Currency("BHD", 3),
            "cited": CLAUSES["B-6"],
            "sanction": Sanction.WARNING,
            "pair": ("a", 1),
            "listed": [1, 2],
            "set": frozenset({"b", "a"}),
            "table": {"a": Money("2.00", "CNY")},
            "phrase": Phrase("the notice", "通知"),
            "statute": StatutoryRules(
                statute_en="law", statute_zh="法", loss_deduction_ratio=Decimal("0.2")
            ),
        }
        reason = Reason.of("test.facts", None, en="{text}", zh="{text}", **facts)
        assert round_trip(reason) == reason


class TestTheRecordIsPlainData:
    @VALID
    @given(testing.month_closes())
    def test_a_record_is_its_own_json_text_and_keeps_no_private_field(
        self, closed: MonthClose
    ) -> None:
        record = unstructure(closed)
        assert json.loads(json.dumps(record)) == record
        assert "_plain" not in json.dumps(record)
        assert "plain" not in record["account"]

    def test_a_record_that_is_a_mapping_carries_the_format_version(self) -> None:
        record = unstructure(CaseNumber(2026, 3, 1))
        assert record == {"format": 1, "year": 2026, "month": 3, "serial": 1, "width": 2}
        assert unstructure(Sanction.WARNING) == "warning"

    def test_structure_leaves_the_record_it_reads_unchanged(self) -> None:
        record = unstructure(CaseNumber(2026, 3, 1))
        kept = copy.deepcopy(record)
        structure(record, CaseNumber)
        assert record == kept

    @pytest.mark.parametrize(
        "odd", [object(), Outside(1)], ids=["an object", "a value of another package"]
    )
    def test_a_fact_that_cannot_be_written_is_refused_when_writing(self, odd: object) -> None:
        reason = Reason.of("test.odd", None, en="{odd}", zh="{odd}", odd=odd)
        with pytest.raises(InvalidInputError, match=r"fact must be a value custpolicy.records"):
            unstructure(reason)

    def test_the_package_root_exports_the_records_api_without_loading_cattrs_on_import(
        self,
    ) -> None:
        assert custpolicy.structure is structure
        assert custpolicy.FORMAT_VERSION == 1
        assert custpolicy.converter is records.converter
        code = "import sys, custpolicy; print('cattrs' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"


# -- junk -----------------------------------------------------------------------------------------

STATE = AccountState(
    "A-17",
    date(2026, 3, 2),
    Money("1349.99", "CNY"),
    payments=[
        Payment(date(2026, 3, 5), Money("1000", "CNY")),
        Payment(date(2026, 3, 6), Money("1", "CNY")),
    ],
)
DUNNING = dunning(STATE, date(2026, 4, 20))
MONTH = PenaltyAccount.start("Chen", 2026, 1).close_month(
    2026,
    1,
    Money("1000.00", "CNY"),
    charges={"C1": Money("800", "CNY")},
    approved=["C1"],
    fines=[check_fine(Sanction.WARNING)],
)


def edited(value: object, change: Callable[[Any], object]) -> Any:
    record = unstructure(value)
    change(record)
    return record


def _set(path: list[str | int], new: object) -> Callable[[Any], None]:
    def change(record: Any) -> None:
        for part in path[:-1]:
            record = record[part]
        record[path[-1]] = new

    return change


def _drop(path: list[str | int]) -> Callable[[Any], None]:
    def change(record: Any) -> None:
        for part in path[:-1]:
            record = record[part]
        del record[path[-1]]

    return change


TWENTY_SIX = {
    "year": 2026,
    "days_off": [],
    "workdays": [],
    "source": "",
    "provisional": False,
}


class TestJunkIsARecordErrorNamingThePath:
    @pytest.mark.parametrize(
        ("value", "change", "path", "message"),
        [
            (
                STATE,
                _set(["payments", 1, "amount"], "CNY -5.00"),
                "payments[1].amount",
                (
                    r"payments\[1\]\.amount must be a positive Money, got Money\('-5.00', 'CNY'\) "
                    r"\[B-6 Payment\]"
                ),
            ),
            (
                STATE,
                _drop(["payments", 1, "amount"]),
                "payments[1].amount",
                r"must be given \(a field of Payment\), got nothing \[structure AccountState\]",
            ),
            (
                STATE,
                _set(["payments", 0, "note"], "x"),
                "payments[0].note",
                r"must not be in the record: it is not a field of Payment .* got 'x'",
            ),
            (
                STATE,
                _set(["payments", 1, "paid_on"], 5),
                "payments[1].paid_on",
                r"must be a date as ISO text, such as '2026-03-09', got 5",
            ),
            (STATE, _set(["payments", 1, "paid_on"], "2026-02-30"), "payments[1].paid_on", "got"),
            (STATE, _set(["payments"], "abc"), "payments", r"must be a list, got 'abc'"),
            (STATE, _set(["account"], 17), "account", r"account must be a str, got 17"),
            (STATE, _set(["account"], ""), "account", r"must be a non-empty str, got ''"),
            (
                STATE,
                _set(["billed"], "USD 1.00"),
                "payments",
                r"payments must be in the billed currency USD",
            ),
            (STATE, _set(["billed"], "CNY 1.001"), "billed", r"must be an amount as text"),
            (STATE, _set(["billed"], 12), "billed", r"got 12"),
            (
                STATE,
                _set(["billed"], {"amount": "1", "currency": "XYZ"}),
                "billed.currency",
                r"must be one of the codes",
            ),
            (
                STATE,
                _set(["billed"], {"amount": 1, "currency": "CNY"}),
                "billed.amount",
                r"must be a number as exact text, such as '0.5', got 1",
            ),
            (
                STATE,
                _set(["billed"], {"amount": "1", "currency": {"code": 5, "exponent": 2}}),
                "billed.currency.code",
                r"must be a str, got 5",
            ),
            (STATE, _drop(["format"]), "format", r"format must be 1, .* got nothing"),
            (
                STATE,
                _set(["format"], 2),
                "format",
                r"got 2: a newer version wrote the record; upgrade custpolicy to read it",
            ),
            (STATE, _set(["format"], "1"), "format", r"got '1' \[structure AccountState\]"),
            (STATE, _set(["format"], True), "format", r"got True"),
            (
                DUNNING,
                _set(["policy", "billing", "payment_days"], "x"),
                "policy.billing.payment_days",
                r"policy\.billing\.payment_days must be a positive int, got 'x'",
            ),
            (DUNNING, _set(["policy"], []), "policy", r"must be a mapping of policy families"),
            (DUNNING, _set(["calendar"], "chinaa"), "calendar", r"must be 'china' or a calendar"),
            (
                DUNNING,
                _set(["calendar"], {"built_in": "acme", "provisional_until": 2030}),
                "calendar.built_in",
                r"must be 'china', the built-in calendar, got 'acme'",
            ),
            (
                DUNNING,
                _set(["calendar"], {"built_in": "china", "provisional_until": 2051}),
                "calendar.provisional_until",
                r"calendar\.provisional_until must be None or an int from 2026 to 2050, got 2051",
            ),
            (
                DUNNING,
                _set(["calendar"], {"built_in": "china", "added": [{"year": 2026}]}),
                "calendar.added[0].days_off",
                r"calendar\.added\[0\]\.days_off must be given",
            ),
            (
                DUNNING,
                _set(["calendar"], {"built_in": "china", "added": [TWENTY_SIX]}),
                "calendar.added[0]",
                r"calendar\.added\[0\]: calendar 'china' already has 2026 from a notice",
            ),
            (
                DUNNING,
                _set(["calendar"], {"built_in": "china", "added": [], "name": "china"}),
                "calendar.name",
                r"calendar\.name must not be in the record: it is not a field of the built-in",
            ),
            (
                DUNNING,
                _set(["calendar"], {"name": "x", "years": [], "weekend": [5, 5]}),
                "calendar.weekend",
                r"must be a list of distinct items, got \[5, 5\]",
            ),
            (
                DUNNING,
                _set(["calendar"], {"name": "x", "years": [], "weekend": [5, 6]}),
                "calendar.years",
                r"years must list at least one CalendarYear",
            ),
            (DUNNING, _set(["action"], "nope"), "action", r"must be one of \['nothing', 'notify'"),
            (
                MONTH,
                lambda record: record["account"]["open_cases"].append(
                    record["account"]["open_cases"][0]
                ),
                "account",
                r"^account: case 'C1' is listed twice \[PenaltyAccount P-E3.4\]",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1, "choice"], "os.system"),
                "fine_items[0].reasons[0].facts[0][1].choice",
                r"must be the full name of an enumeration of custpolicy, got 'os.system'",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1, "choice"], "custpolicy.X"),
                "fine_items[0].reasons[0].facts[0][1].choice",
                r"got 'custpolicy.X'",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1, "choice"], "custpolicy.no.M"),
                "fine_items[0].reasons[0].facts[0][1].choice",
                r"got 'custpolicy.no.M'",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], {"odd": 1}),
                "fine_items[0].reasons[0].facts[0][1]",
                r"must be a fact tagged with one of",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], [1]),
                "fine_items[0].reasons[0].facts[0][1]",
                r"must be a fact: a JSON scalar or a tagged mapping, got \[1\]",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], {"value": "x", "fields": {}}),
                "fine_items[0].reasons[0].facts[0][1].value",
                r"must be the full name of a value class of custpolicy",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], {"tuple": 5}),
                "fine_items[0].reasons[0].facts[0][1].tuple",
                r"must be a list of facts, got 5",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], {"mapping": [[1]]}),
                "fine_items[0].reasons[0].facts[0][1].mapping[0]",
                r"must be a \[key, value\] pair, got \[1\]",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0], ["x"]),
                "fine_items[0].reasons[0].facts[0]",
                r"must be a \[name, value\] pair, got \['x'\]",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts"], {}),
                "fine_items[0].reasons[0].facts",
                r"must be a list of \[name, value\] pairs, got \{\}",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "clause"], "Z-9"),
                "fine_items[0].reasons[0].clause",
                r"clause id 'Z-9' is not in the catalogue",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "clause"], 9),
                "fine_items[0].reasons[0].clause",
                r"must be a clause ID such as 'B-6', got 9",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "valid"], 1),
                "fine_items[0].valid",
                r"must be true or false, got 1",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "base"], 1.5),
                "fine_items[0].base",
                r"must be Decimal or int \(numbers as exact text\), got 1.5",
            ),
            (
                MONTH,
                _set(["account", "imposed"], "CNY 1.00"),
                "account.imposed",
                r"account\.imposed must equal deducted plus the outstanding balance",
            ),
            (
                MONTH,
                _set(["account", "last_closed"], [2026]),
                "account.last_closed",
                r"must be a list of 2 items, got \[2026\]",
            ),
            (
                MONTH,
                _set(["account", "cases"], "C1"),
                "account.cases",
                r"must be a list, got 'C1'",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "base"], "abc"),
                "fine_items[0].base",
                r"must be Decimal or int \(numbers as exact text\), got 'abc'",
            ),
            (
                MONTH,
                _set(["fine_items", 0, "reasons", 0, "facts", 0, 1], {"mapping": 5}),
                "fine_items[0].reasons[0].facts[0][1].mapping",
                r"must be a list of \[key, value\] pairs, got 5",
            ),
            (
                MONTH,
                _set(
                    ["fine_items", 0, "reasons", 0, "facts", 0, 1, "choice"],
                    "custpolicy.rules.penalties._Range",
                ),
                "fine_items[0].reasons[0].facts[0][1].choice",
                r"got 'custpolicy.rules.penalties._Range'",
            ),
            (
                MONTH,
                _set(
                    ["fine_items", 0, "reasons", 0, "facts", 0, 1, "choice"],
                    "custpolicy.rules.penalties.Fine",
                ),
                "fine_items[0].reasons[0].facts[0][1].choice",
                r"must be the full name of an enumeration of custpolicy, got '.*\.Fine'",
            ),
            (
                MONTH,
                _set(["cap_ratio"], "1/2"),
                "cap_ratio",
                r"must be a number as exact text, such as '0.5', got '1/2'",
            ),
        ],
    )
    def test_a_bad_record_names_the_path_the_value_and_what_was_expected(
        self, value: object, change: Callable[[Any], None], path: str, message: str
    ) -> None:
        with pytest.raises(RecordError, match=message) as caught:
            structure(edited(value, change), type(value))
        assert caught.value.path == path

    @pytest.mark.parametrize(
        ("data", "cls", "path", "message"),
        [
            ([1], AccountState, "", r"record must be a mapping of the fields of AccountState"),
            ("x", CaseNumber, "", r"record must be a mapping of the fields of CaseNumber"),
            (None, Payment, "", r"got None"),
            ({"format": 1}, Money, "amount", r"amount must be given \(a field of Money\)"),
            ("CNY 1,34.99", Money, "", r"record must be an amount as text with its currency"),
            ("XYZ", Currency, "", r"record must be one of the codes"),
            ({"format": 1, "code": "KRW"}, Currency, "exponent", r"must be given"),
            (5, Sanction, "", r"record must be one of \['warning'"),
            ("warning ", Sanction, "", r"got 'warning '"),
            ("B-0", Clause, "", r"clause id 'B-0' is not in the catalogue"),
            (
                {"format": 1, "versions": [{"effective": "x"}]},
                PolicyBook,
                "versions[0].effective",
                r"versions\[0\]\.effective must be a date",
            ),
            ([], PolicyBook, "", r"must be a mapping with the book's versions"),
            ({"format": 1, "billing": 5}, Policy, "billing", r"billing must be a table of billing"),
            (
                {
                    "format": 1,
                    "number": {"year": 2026, "month": 3, "serial": 1, "width": 2},
                    "accepted": "2026-03-05",
                    "customer": "domestik",
                    "closed": None,
                    "steps": [],
                    "sanctioned": False,
                },
                ComplaintCase,
                "customer",
                r"customer must be one of \['domestic', 'foreign'\], got 'domestik'",
            ),
            (
                {"format": 1, "year": 2026, "month": 3, "serial": 100, "width": 2},
                CaseNumber,
                "serial",
                r"serial must be an int from 1 to 99 \(a 2-digit serial\), got 100",
            ),
            (
                {
                    "format": 1,
                    "year": 2027,
                    "days_off": ["2026-01-01"],
                    "workdays": [],
                    "source": "",
                    "provisional": False,
                },
                CalendarYear,
                "days_off",
                r"days_off must fall in 2027, got 2026-01-01",
            ),
            (
                {"format": 1, "key": "k", "clause": None, "en": "{x}", "zh": "", "facts": []},
                Reason,
                "en",
                r"^en must be a text whose placeholders name the reason's facts",
            ),
            (
                {
                    "format": 1,
                    "extras": [],
                    "received": [],
                    "splits": 0,
                    "events": [],
                    "x": 1,
                    "y": 2,
                },
                custpolicy.Ledger,
                "x",
                r"x must not be in the record",
            ),
            ({"format": 1}, object, "", r"record could not be read"),
            (
                {"format": 1, "year": "2026", "month": 3, "serial": 1, "width": 2},
                CaseNumber,
                "year",
                r"year must be an int, got '2026'",
            ),
            (
                {"format": 1, "year": 2026, "month": 3, "serial": 1, "width": 2, 5: 1},
                CaseNumber,
                "5",
                r"5 must not be in the record: .* got 1 \[structure CaseNumber\]",
            ),
            (5, Currency, "", r"record must be one of the codes .* or \{code, exponent\}, got 5"),
            (None, Sanction, "", r"record must be one of \['warning', .* \(Sanction\), got None"),
        ],
    )
    def test_junk_of_every_kind_is_a_record_error(
        self, data: object, cls: type, path: str, message: str
    ) -> None:
        with pytest.raises(RecordError, match=message) as caught:
            structure(data, cls)
        assert caught.value.path == path
        assert isinstance(caught.value, CustPolicyError)
        assert isinstance(caught.value, ValueError)

    def test_several_faults_are_named_after_the_first(self) -> None:
        record = unstructure(STATE)
        record["account"] = 1
        record["delivered"] = 2
        record["billed"] = 3
        record["payments"] = 4
        record["notified"] = 5
        with pytest.raises(RecordError, match=r"; also at delivered, billed, payments \.\.\.$"):
            structure(record, AccountState)

    @JUNK
    @given(testing.month_closes(), st.data())
    def test_dropping_any_key_of_a_record_names_it(self, closed: MonthClose, data: Any) -> None:
        record = unstructure(closed)
        paths = list(_mapping_keys(record, ()))
        path = data.draw(st.sampled_from(paths))
        _drop(list(path))(record)
        with pytest.raises(RecordError) as caught:
            structure(record, MonthClose)
        # a fact's tag is its whole record: without it, the fact is at fault
        at_fault = path[:-1] if _is_fact(_value_at(unstructure(closed), path[:-1])) else path
        assert caught.value.path == _text(at_fault)

    @JUNK
    @given(testing.account_states(), st.data())
    def test_a_wrong_type_anywhere_names_its_path(self, state: AccountState, data: Any) -> None:
        record = unstructure(state)
        leaves = [p for p in _leaves(record, ()) if p != ("format",)]
        path = data.draw(st.sampled_from(leaves))
        _set(list(path), [["not", "this"]])(record)
        with pytest.raises(RecordError) as caught:
            structure(record, AccountState)
        assert caught.value.path == _text(path)
        assert "[['not', 'this']]" in str(caught.value)

    @JUNK
    @given(testing.complaint_cases(), st.text(min_size=1).filter(lambda k: k != "format"))
    def test_an_extra_key_is_refused(self, case: ComplaintCase, key: str) -> None:
        record = unstructure(case)
        if key in record:
            return
        record[key] = 1
        with pytest.raises(RecordError, match="must not be in the record") as caught:
            structure(record, ComplaintCase)
        assert caught.value.path == key


TAGS = {"decimal", "date", "money", "currency", "clause", "tuple", "list", "set", "mapping"}


def _is_fact(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    keys = set(record)
    return (len(keys) == 1 and keys <= TAGS) or keys in ({"choice", "value"}, {"value", "fields"})


def _value_at(record: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        record = record[part]
    return record


def _mapping_keys(record: object, path: tuple[str | int, ...]) -> Any:
    if isinstance(record, dict):
        for key, value in record.items():
            yield (*path, key)
            yield from _mapping_keys(value, (*path, key))
    elif isinstance(record, list):
        for index, value in enumerate(record):
            yield from _mapping_keys(value, (*path, index))


def _leaves(record: object, path: tuple[str | int, ...]) -> Any:
    if isinstance(record, dict):
        for key, value in record.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(record, list):
        for index, value in enumerate(record):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _text(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
