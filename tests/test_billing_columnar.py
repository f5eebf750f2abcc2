"""The columnar dunning run (B-6 to B-8): the same answers as the scalar rule, row by row."""

from __future__ import annotations

import itertools
import pickle
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import (
    CalendarCoverageError,
    CurrencyMismatchError,
    CustPolicyError,
    InvalidInputError,
    Money,
    Policy,
    PolicyBook,
    PolicyNotInForceError,
    WorkCalendar,
)
from custpolicy.foundation.calendars import china
from custpolicy.foundation.clauses import B_6, B_7, B_8, M_1_9
from custpolicy.foundation.errors import UnknownKeyError
from custpolicy.foundation.policy import PolicyVersion
from custpolicy.rules.billing import AccountState, Action, Dunning, Payment, dunning
from custpolicy.rules.billing.batch import (
    DUNNING_OUT_BYTES,
    dunning_out_columns,
    dunning_partition,
    dunning_partition_columns,
)
from custpolicy.rules.billing.columnar import (
    ACTIONS,
    CLAUSES,
    OUT_DTYPES,
    OUTPUTS,
    DunningColumns,
    account_columns,
    concat_dunning,
    dunning_columns,
)
from custpolicy.testing import account_states, calendars, dates_in, policies, policy_books

AS_OF = date(2026, 3, 10)
ROLL = Policy().updated({"general.roll_to_working_day": True})


def cny(minor: int) -> Money:
    return Money.from_minor(minor, "CNY")


def scalar(
    accounts: Sequence[AccountState],
    as_of: date,
    policy: Policy | PolicyBook,
    calendar: WorkCalendar | None,
) -> list[Dunning] | tuple[type[Exception], str]:
    """The scalar answers, or the error the scalar run raises first."""
    try:
        return [dunning(a, as_of, policy=policy, calendar=calendar) for a in accounts]
    except CustPolicyError as error:
        return type(error), str(error)


def columnar(
    accounts: Sequence[AccountState],
    as_of: date,
    policy: Policy | PolicyBook,
    calendar: WorkCalendar | None,
    *,
    paid_column: bool = False,
) -> DunningColumns | tuple[type[Exception], str]:
    columns, payments, cur = account_columns(accounts)
    if paid_column:
        columns["paid"] = np.array(
            [a.paid_by(as_of).minor for a in accounts], dtype=np.int64
        ).reshape(-1)
    try:
        return dunning_columns(
            columns,
            as_of,
            payments=None if paid_column else payments,
            policy=policy,
            calendar=calendar,
            currency=cur,
        )
    except CustPolicyError as error:
        return type(error), str(error)


def assert_same(
    accounts: Sequence[AccountState],
    as_of: date,
    policy: Policy | PolicyBook,
    calendar: WorkCalendar | None,
    *,
    explain: bool = True,
) -> None:
    """Every row of the columnar run is the scalar answer (or both raise the same error)."""
    expected = scalar(accounts, as_of, policy, calendar)
    for paid_column in (False, True):
        found = columnar(accounts, as_of, policy, calendar, paid_column=paid_column)
        if isinstance(expected, tuple):
            assert found == expected
            continue
        assert isinstance(found, DunningColumns)
        assert found.rows == len(expected)
        for i, want in enumerate(expected):
            assert ACTIONS[found["action"][i]] is want.action
            assert found["level"][i] == want.level
            on = found["on"][i]
            assert (None if np.isnat(on) else on.item()) == want.on
            assert found["due"][i].item() == want.due
            assert int(found["balance_minor"][i]) == want.balance.minor
            assert CLAUSES[found["clauses"][i]] == want.clauses
            got = found.row(i)
            assert (got.action, got.on, got.due, got.balance, got.level) == (
                want.action,
                want.on,
                want.due,
                want.balance,
                want.level,
            )
            if paid_column:
                continue
            assert got == want  # the same sheet, payments and all
            assert got.version == want.version
            if explain:
                assert got.explain("en") == want.explain("en")
                assert got.explain("zh-Hant") == want.explain("zh-Hant")


def run_on(accounts: Sequence[AccountState], as_of: date, **options: Any) -> DunningColumns:
    columns, payments, cur = account_columns(accounts)
    return dunning_columns(columns, as_of, payments=payments, currency=cur, **options)


def later(accounts: Sequence[AccountState], days: int) -> date:
    first = min((a.delivered for a in accounts), default=AS_OF)
    return first + timedelta(days=days)


class TestSameAnswersAsTheScalarRule:
    @given(
        st.data(),
        policies(),
        st.integers(min_value=0, max_value=60),
    )
    def test_every_row_agrees_under_any_policy_on_the_china_calendar(
        self, data: st.DataObject, policy: Policy, days: int
    ) -> None:
        accounts = data.draw(st.lists(account_states(policy=policy), max_size=8))
        assert_same(accounts, later(accounts, days), policy, None)

    @given(st.data(), policies(), calendars(min_year=2020, max_year=2030, max_years=3))
    def test_every_row_agrees_with_holidays_and_make_up_working_days(
        self, data: st.DataObject, policy: Policy, calendar: WorkCalendar
    ) -> None:
        policy = policy.updated({"general.roll_to_working_day": True})
        last = date(calendar.last_year, 12, 31)
        delivered = dates_in(
            calendar, max_value=max(date(calendar.first_year, 1, 1), last - timedelta(days=90))
        )
        accounts = data.draw(
            st.lists(
                account_states(delivered=delivered, policy=policy, calendar=calendar), max_size=8
            )
        )
        days = data.draw(st.integers(min_value=0, max_value=60))
        assert_same(accounts, later(accounts, days), policy, calendar)

    @given(st.data(), policy_books())
    def test_every_row_agrees_under_any_policy_book(
        self, data: st.DataObject, book: PolicyBook
    ) -> None:
        version = data.draw(st.sampled_from(book.versions))
        start = version.effective
        calendar = china(provisional_until=2050)  # 2004 to 2050, the years after 2026 provisional
        delivered = st.integers(min_value=-20, max_value=40).map(
            lambda d: min(max(start + timedelta(days=d), date(2004, 1, 1)), date(2050, 10, 1))
        )
        accounts = data.draw(
            st.lists(
                account_states(delivered=delivered, policy=version.policy, calendar=calendar),
                max_size=6,
            )
        )
        days = data.draw(st.integers(min_value=0, max_value=50))
        assert_same(accounts, later(accounts, days), book, calendar, explain=False)

    @settings(max_examples=50)
    @given(
        st.data(),
        st.lists(policies(), min_size=1, max_size=3),
        st.lists(
            st.dates(min_value=date(2010, 1, 1), max_value=date(2025, 12, 1)),
            min_size=3,
            max_size=3,
            unique=True,
        ),
    )
    def test_every_row_agrees_under_a_book_on_the_china_calendar(
        self, data: st.DataObject, listed: list[Policy], effective: list[date]
    ) -> None:
        book = PolicyBook(
            tuple(PolicyVersion(day, p) for day, p in zip(sorted(effective), listed, strict=False))
        )
        accounts = data.draw(
            st.lists(
                st.sampled_from(book.versions).flatmap(
                    lambda v: account_states(
                        delivered=st.dates(
                            min_value=v.effective, max_value=v.effective + timedelta(days=60)
                        ),
                        policy=v.policy,
                    )
                ),
                max_size=8,
            )
        )
        days = data.draw(st.integers(min_value=0, max_value=90))
        assert_same(accounts, later(accounts, days), book, None)


class TestWorkedCases:
    def test_the_roll_after_a_holiday_moves_every_date_as_the_scalar_rule_does(self) -> None:
        # delivered 2026-02-10: day 7 is 2026-02-17, in the Spring Festival holiday
        accounts = [
            AccountState("A", date(2026, 2, 10), cny(100)),
            AccountState("B", date(2026, 2, 10), cny(100), notified=date(2026, 2, 25)),
            AccountState(
                "C",
                date(2026, 1, 2),
                cny(100),
                notified=date(2026, 1, 13),
                arrears_notice=date(2026, 1, 17),
            ),
        ]
        assert_same(accounts, date(2026, 2, 27), ROLL, None)
        result = run_on(accounts, date(2026, 2, 27), policy=ROLL)
        assert result["due"][0] > np.datetime64("2026-02-17")

    def test_part_payments_and_later_payments_count_to_the_fen(self) -> None:
        acct = AccountState(
            "A",
            date(2026, 3, 2),
            cny(30001),
            [Payment(date(2026, 3, 3), cny(10000)), Payment(date(2026, 3, 12), cny(20001))],
        )
        result = run_on([acct], AS_OF)
        assert result["balance_minor"].tolist() == [20001]
        assert ACTIONS[result["action"][0]] is Action.NOTIFY
        assert_same([acct], AS_OF, Policy(), None)

    def test_an_overpayment_is_a_credit_and_nothing_is_due(self) -> None:
        acct = AccountState("A", date(2026, 3, 2), cny(100), [Payment(date(2026, 3, 3), cny(150))])
        result = run_on([acct], AS_OF)
        assert result["balance_minor"].tolist() == [-50]
        assert np.isnat(result["on"][0])

    def test_the_codes_name_the_actions_and_clauses(self) -> None:
        assert [a.value for a in ACTIONS] == [
            "nothing",
            "notify",
            "wait",
            "arrears_notice",
            "cutoff_eligible",
        ]
        assert CLAUSES[:3] == ((B_6,), (B_6, B_7), (B_6, B_8))
        assert CLAUSES[3:] == tuple((M_1_9, *c) for c in CLAUSES[:3])

    def test_with_a_book_the_clauses_open_with_the_version(self) -> None:
        book = PolicyBook({date(2025, 1, 1): Policy()})
        acct = AccountState("A", date(2026, 3, 2), cny(100))
        result = run_on([acct], AS_OF, policy=book)
        assert CLAUSES[result["clauses"][0]] == (M_1_9, B_6, B_7)
        assert result.row(0).version == book.versions[0]

    def test_a_sheet_without_any_payment_column_has_paid_nothing(self) -> None:
        columns = {
            "account": ["A"],
            "delivered": np.array(["2026-03-02"], "datetime64[D]"),
            "billed": [500],
        }
        result = dunning_columns(columns, AS_OF)
        assert result["balance_minor"].tolist() == [500]
        assert result.row(0).account.payments == ()

    def test_a_paid_column_shows_as_one_payment_on_the_day_of_the_run(self) -> None:
        columns = {
            "account": [1, 2],
            "delivered": np.array(["2026-03-02"] * 2, "datetime64[D]"),
            "billed": [500, 500],
            "paid": [200, 0],
        }
        result = dunning_columns(columns, AS_OF)
        assert result.row(0).account.payments == (Payment(AS_OF, cny(200)),)
        assert result.row(-1).account.payments == ()
        assert result.row(1).account.account == "2"

    def test_explain_renders_a_row_in_each_language(self) -> None:
        acct = AccountState("A", date(2026, 3, 2), cny(100))
        result = run_on([acct], AS_OF)
        want = dunning(acct, AS_OF)
        assert result.explain(0) == want.explain()
        assert result.explain(0, "zh-Hant") == want.explain("zh-Hant")


class TestInputForms:
    def test_a_pandas_dataframe_with_nanosecond_dates_is_read_as_days(self) -> None:
        frame = pd.DataFrame(
            {
                "account": ["A", "B"],
                "delivered": pd.to_datetime(["2026-03-02", "2026-02-20"]),
                "billed": [100, 200],
                "notified": pd.to_datetime([None, "2026-03-02"]),
            }
        )
        result = dunning_columns(frame, AS_OF)
        assert [ACTIONS[a] for a in result["action"]] == [Action.NOTIFY, Action.ARREARS_NOTICE]
        table = pd.DataFrame(dict(result))
        assert list(table.columns) == list(OUTPUTS)

    def test_dates_as_python_objects_are_converted(self) -> None:
        columns = {
            "account": ["A"],
            "delivered": np.array([date(2026, 3, 2)], dtype=object),
            "billed": np.array([100], dtype=np.int32),
            "notified": [None],
        }
        result = dunning_columns(columns, AS_OF)
        assert result["due"][0] == np.datetime64("2026-03-09")

    def test_a_table_of_sparse_dates_gives_the_same_answers(self) -> None:
        # dates centuries apart: the distinct days are found by sorting, not on a day table
        accounts = [
            AccountState("A", date(1900, 1, 1), cny(1)),
            AccountState("B", date(2026, 3, 2), cny(1)),
            AccountState("C", date(1900, 1, 1), cny(2)),
        ]
        assert_same(accounts, AS_OF, Policy(), None)

    def test_the_result_pickles_and_still_explains_its_rows(self) -> None:
        acct = AccountState("A", date(2026, 3, 2), cny(100), notified=date(2026, 3, 10))
        result = run_on([acct], date(2026, 3, 14))
        back = pickle.loads(pickle.dumps(result))
        assert back.row(0) == dunning(acct, date(2026, 3, 14))
        assert (
            repr(back) == "DunningColumns(rows=1, as_of=datetime.date(2026, 3, 14), currency='CNY')"
        )

    def test_the_result_is_a_mapping_of_its_output_columns(self) -> None:
        result = run_on([], AS_OF)
        assert list(result) == list(OUTPUTS)
        assert len(result) == len(OUTPUTS)
        assert result.rows == 0
        assert "level" in result
        assert "sheets" not in result
        with pytest.raises(UnknownKeyError, match=r"got 'policy' \[DunningColumns\]"):
            result["policy"]


class TestPartitions:
    def test_parts_joined_give_the_run_over_the_whole(self) -> None:
        accounts = [
            AccountState(
                f"A-{i}",
                date(2026, 3, 1) - timedelta(days=i),
                cny(100 * i),
                [Payment(date(2026, 3, 2), cny(50))],
            )
            for i in range(1, 7)
        ]
        columns, payments, _ = account_columns(accounts)
        whole = dunning_columns(columns, AS_OF, payments=payments)
        parts = [run_on(accounts[s], AS_OF) for s in (slice(0, 2), slice(2, 3), slice(3, 6))]
        joined = concat_dunning(parts)
        for name in OUTPUTS:
            assert np.array_equal(joined[name], whole[name])
        assert [joined.row(i) for i in range(6)] == [whole.row(i) for i in range(6)]

    def test_parts_with_paid_columns_join(self) -> None:
        columns = {
            "account": ["A", "B"],
            "delivered": np.array(["2026-03-02"] * 2, "datetime64[D]"),
            "billed": [500, 500],
            "paid": [200, 0],
        }
        joined = concat_dunning([dunning_columns(columns, AS_OF)] * 2)
        assert joined["balance_minor"].tolist() == [300, 500, 300, 500]
        assert joined.row(2).account.payments == (Payment(AS_OF, cny(200)),)

    @pytest.mark.parametrize("parts", [[], (), "parts", [1]])
    def test_parts_must_be_results(self, parts: Any) -> None:
        with pytest.raises(InvalidInputError, match=r"parts must be a non-empty sequence"):
            concat_dunning(parts)

    def test_parts_of_different_runs_are_refused(self) -> None:
        columns = {
            "account": ["A"],
            "delivered": np.array(["2026-03-02"], "datetime64[D]"),
            "billed": [5],
        }
        one = dunning_columns(columns, AS_OF)
        other = dunning_columns(columns, AS_OF + timedelta(days=1))
        paid = dunning_columns({**columns, "paid": [1]}, AS_OF)
        for bad in (other, paid):
            with pytest.raises(InvalidInputError, match=r"parts must be results of one run"):
                concat_dunning([one, bad])


class TestPartitionAsColumns:
    ACCOUNTS = (
        AccountState("A", date(2026, 3, 2), Money("120.00", "CNY"), notified=date(2026, 3, 10)),
        AccountState(
            "B",
            date(2026, 3, 2),
            Money("0.50", "CNY"),
            [Payment(date(2026, 3, 4), Money("0.20", "CNY"))],
        ),
    )

    def test_the_partition_as_columns_holds_the_rows_answers(self) -> None:
        as_of = date(2026, 3, 14)
        rows = dunning_partition(self.ACCOUNTS, as_of)
        result = dunning_partition_columns(self.ACCOUNTS, as_of)
        assert [r.action for r in rows] == [ACTIONS[a].value for a in result["action"]]
        assert [r.balance_minor for r in rows] == result["balance_minor"].tolist()
        assert [r.on for r in rows] == [d.item() for d in result["on"]]
        assert [r.level for r in rows] == result["level"].tolist()
        assert result.row(0) == dunning(self.ACCOUNTS[0], as_of)

    def test_the_partition_of_no_account_as_columns_is_empty(self) -> None:
        assert dunning_partition_columns([], AS_OF).rows == 0


def new_out(rows: int) -> dict[str, Any]:
    return {name: np.empty(rows, dtype) for name, dtype in OUT_DTYPES.items()}


class TestWritingIntoGivenArrays:
    """``dunning_columns(..., out=...)``: the result written where the caller says (B-7, B-8)."""

    @given(st.data(), policies(), st.integers(min_value=0, max_value=60))
    def test_the_arrays_given_receive_the_same_result_and_become_its_columns(
        self, data: st.DataObject, policy: Policy, days: int
    ) -> None:
        accounts = data.draw(st.lists(account_states(policy=policy), max_size=8))
        as_of = later(accounts, days)
        columns, payments, cur = account_columns(accounts)
        options: dict[str, Any] = {"payments": payments, "policy": policy, "currency": cur}
        try:
            fresh = dunning_columns(columns, as_of, **options)
        except CustPolicyError as error:
            with pytest.raises(type(error), match=re.escape(str(error))):
                dunning_columns(columns, as_of, **options, out=new_out(len(accounts)))
            return
        out = {name: np.full(len(accounts), 99).astype(dtype) for name, dtype in OUT_DTYPES.items()}
        written = dunning_columns(columns, as_of, **options, out=out)
        for name in OUT_DTYPES:
            assert written[name] is out[name]
            assert np.array_equal(out[name], fresh[name], equal_nan=name in ("on", "due"))
        assert [written.row(i) for i in range(written.rows)] == [
            fresh.row(i) for i in range(fresh.rows)
        ]

    @given(st.data(), policies())
    def test_any_cut_of_the_rows_into_slices_of_one_output_gives_the_whole_run(
        self, data: st.DataObject, policy: Policy
    ) -> None:
        accounts = data.draw(st.lists(account_states(policy=policy), min_size=1, max_size=10))
        as_of = later(accounts, data.draw(st.integers(min_value=0, max_value=60)))
        columns, _, cur = account_columns(accounts)
        columns["paid"] = np.array([a.paid_by(as_of).minor for a in accounts], dtype=np.int64)
        try:
            whole = dunning_columns(columns, as_of, policy=policy, currency=cur)
        except CustPolicyError:
            return
        n = len(accounts)
        cuts = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=n), max_size=4)))
        memory = bytearray(n * DUNNING_OUT_BYTES)
        out = dunning_out_columns(memory, n)
        for first, last in zip([0, *cuts], [*cuts, n], strict=True):
            dunning_columns(
                {name: column[first:last] for name, column in columns.items()},
                as_of,
                policy=policy,
                currency=cur,
                out={name: column[first:last] for name, column in out.items()},
            )
        again = dunning_out_columns(memory, n)  # the same bytes, laid out again
        for name in OUT_DTYPES:
            assert np.array_equal(again[name], whole[name], equal_nan=name in ("on", "due"))

    def test_a_run_with_a_book_writes_the_clause_codes_of_the_book(self) -> None:
        book = PolicyBook({date(2026, 1, 1): Policy()})
        out = new_out(2)
        dunning_columns(TestBadInput.BASE, AS_OF, policy=book, out=out)
        assert [CLAUSES[code][0] for code in out["clauses"]] == [M_1_9, M_1_9]

    def test_the_dtypes_are_those_of_a_new_result(self) -> None:
        fresh = dunning_columns(TestBadInput.BASE, AS_OF)
        assert {name: fresh[name].dtype for name in OUT_DTYPES} == OUT_DTYPES
        assert set(OUT_DTYPES) == set(OUTPUTS) - {"account"}
        assert sum(dtype.itemsize for dtype in OUT_DTYPES.values()) == DUNNING_OUT_BYTES

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda out: [1, 2],
                (
                    r"out must be a mapping of the result columns \('action', 'level', 'on', "
                    r"'due', 'balance_minor', 'clauses'\), got list of columns \[1, 2\] "
                    r"\[dunning_columns B-7/B-8\]$"
                ),
            ),
            (lambda out: {**out, "account": out["level"]}, r"out must be a mapping of the"),
            (lambda out: {k: v for k, v in out.items() if k != "due"}, r"got dict of columns"),
            (
                lambda out: {**out, "level": out["level"].astype(np.int64)},
                (
                    r"out\['level'\] must be a writable numpy array of dtype int8 and 2 rows, "
                    r"got a array of dtype int64 and shape \(2,\) \[dunning_columns B-7/B-8\]$"
                ),
            ),
            (
                lambda out: {**out, "on": np.empty(3, "datetime64[D]")},
                r"out\['on'\] must be .* got a array of dtype datetime64\[D\] and shape \(3,\)",
            ),
            (
                lambda out: {**out, "balance_minor": [0, 0]},
                r"out\['balance_minor'\] must be a writable numpy array .* got list \[",
            ),
            (
                lambda out: {**out, "action": np.empty((2, 1), np.int8)},
                r"out\['action'\] must be .* got a array of dtype int8 and shape \(2, 1\)",
            ),
            (
                lambda out: {**out, "clauses": read_only(out["clauses"])},
                r"out\['clauses'\] must be a writable .* got a read-only array of dtype int8",
            ),
            (
                lambda out: {**out, "clauses": out["action"]},
                (
                    r"out\['clauses'\] must be memory of its own \(apart from the input and the "
                    r"other columns\), got an array that overlaps one \[dunning_columns B-7/B-8\]$"
                ),
            ),
            (
                lambda out: {**out, "balance_minor": TestBadInput.BASE["billed"]},
                r"out\['balance_minor'\] must be memory of its own",
            ),
        ],
    )
    def test_arrays_that_cannot_take_the_result_are_refused_by_name(
        self, change: Any, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            dunning_columns(TestBadInput.BASE, AS_OF, out=change(new_out(2)))

    def test_interleaved_columns_of_one_record_array_are_apart(self) -> None:
        records = np.zeros(2, dtype=list(OUT_DTYPES.items()))
        dunning_columns(TestBadInput.BASE, AS_OF, out={name: records[name] for name in OUT_DTYPES})
        fresh = dunning_columns(TestBadInput.BASE, AS_OF)
        for name in OUT_DTYPES:
            assert records[name].tolist() == fresh[name].tolist()
        assert records["action"].tolist() == [1, 0]  # B's deadline is the day of the run


def read_only(array: Any) -> Any:
    array = array.copy()
    array.flags.writeable = False
    return array


class TestOutColumns:
    """``dunning_out_columns``: the result columns laid out in one buffer (B-7, B-8)."""

    def test_the_columns_tile_the_buffer_aligned_to_their_item_size(self) -> None:
        memory = np.zeros(5 * DUNNING_OUT_BYTES + 3, dtype=np.int64)  # aligned, and spare
        out = dunning_out_columns(memory, 5)
        assert {name: (column.dtype, column.shape) for name, column in out.items()} == {
            name: (dtype, (5,)) for name, dtype in OUT_DTYPES.items()
        }
        starts = sorted((column.ctypes.data, column.nbytes) for column in out.values())
        base = memory.ctypes.data
        assert starts[0][0] == base
        for (start, size), (following, _) in itertools.pairwise(starts):
            assert following == start + size
        for column in out.values():
            assert column.ctypes.data % column.dtype.itemsize == 0
        assert starts[-1][0] + starts[-1][1] == base + 5 * DUNNING_OUT_BYTES

    def test_two_layouts_of_one_buffer_see_each_others_writes(self) -> None:
        memory = bytearray(3 * DUNNING_OUT_BYTES)
        dunning_out_columns(memory, 3)["balance_minor"][1] = 4550
        assert dunning_out_columns(memory, 3)["balance_minor"].tolist() == [0, 4550, 0]

    def test_no_rows_need_no_bytes(self) -> None:
        out = dunning_out_columns(bytearray(), 0)
        assert all(len(column) == 0 for column in out.values())

    @pytest.mark.parametrize(
        ("buffer", "rows", "message"),
        [
            (bytearray(10), -1, r"rows must be an int of at least 0, got -1"),
            (bytearray(10), True, r"rows must be an int"),
            (bytearray(10), 1, r"buffer must be a writable buffer of at least 27 bytes, got a "),
            (bytes(27), 1, r"got a read-only buffer of 27 bytes \[dunning_out_columns B-7/B-8\]$"),
            (
                "memory",
                1,
                (
                    r"buffer must be a writable buffer \(one contiguous block\), got 'memory' "
                    r"\[dunning_out_columns B-7/B-8\]$"
                ),
            ),
            (memoryview(bytearray(64))[::2], 1, r"block\), got <memory at 0x"),
        ],
    )
    def test_a_bad_buffer_or_row_count_is_refused(
        self, buffer: Any, rows: Any, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            dunning_out_columns(buffer, rows)


class TestBadInput:
    BASE: ClassVar[dict[str, Any]] = {
        "account": np.array(["A", "B"]),
        "delivered": np.array(["2026-03-02", "2026-03-03"], "datetime64[D]"),
        "billed": np.array([100, 200]),
    }

    def run(self, payments: Any = None, **changes: Any) -> DunningColumns:
        columns = {**self.BASE, **changes}
        columns = {k: v for k, v in columns.items() if v is not None}
        return dunning_columns(columns, AS_OF, payments=payments)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"billed": None}, r"columns must be a table with a column 'billed', got dict of "),
            ({"delivered": None}, r"columns must be a table with a column 'delivered'"),
            (
                {"billed": np.array([1.0, 2.0])},
                (
                    r"columns\['billed'\] must be integers of minor "
                    r"units \(int64\), got dtype float64: use Decimal or str"
                ),
            ),
            ({"billed": np.array(["1", "2"])}, r"got dtype <U1 \[dunning_columns B-7/B-8\]$"),
            (
                {"billed": np.array([5, -1])},
                (
                    r"columns\['billed'\] must be at least 0 and at most "
                    r"9223372036854775807, got -1 in row 1"
                ),
            ),
            (
                {"billed": np.array([5, 2**63], dtype=np.uint64)},
                r"got 9223372036854775808 in row 1",
            ),
            (
                {"billed": np.array([[1, 2]])},
                (
                    r"columns\['billed'\] must be a column \(1-D\), got "
                    r"shape \(1, 2\)"
                ),
            ),
            (
                {"billed": np.array([1, 2, 3])},
                (
                    r"columns\['billed'\] must be 2 rows long, as "
                    r"columns\['delivered'\], got 3 rows"
                ),
            ),
            (
                {"delivered": np.array(["2026-03-02", "NaT"], "datetime64[D]")},
                r"columns\['delivered'\] must be a date in every row, got NaT in row 1",
            ),
            (
                {"delivered": np.array(["2026-03-02", "2026-03-02T12"], "datetime64[h]")},
                r"columns\['delivered'\] must be whole days, got 2026-03-02T12 in row 1",
            ),
            (
                {"delivered": np.array(["2026-03-02", "10000-01-01"], "datetime64[D]")},
                r"must be from 0001-01-01 to 9999-12-31, got 10000-01-01 in row 1",
            ),
            (
                {"delivered": np.array([1, 2])},
                (
                    r"columns\['delivered'\] must be dates "
                    r"\(datetime64\[D\]\), got dtype int64"
                ),
            ),
            (
                {"delivered": np.array(["x", "y"], dtype=object)},
                r"must be dates \(datetime64\[D\]\), got values that are not dates",
            ),
            ({"notified": np.array([1, 2])}, r"columns\['notified'\] must be dates"),
            ({"paid": np.array([1])}, r"columns\['paid'\] must be 2 rows long"),
        ],
    )
    def test_a_bad_column_is_named_with_its_row(self, changes: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            self.run(**changes)

    def test_a_table_that_is_no_mapping_is_named(self) -> None:
        with pytest.raises(InvalidInputError, match=r"got int \[dunning_columns B-7/B-8\]"):
            dunning_columns(5, AS_OF)

    PAY: ClassVar[dict[str, Any]] = {
        "row": np.array([0, 1]),
        "paid_on": np.array(["2026-03-03"] * 2, "datetime64[D]"),
        "amount": np.array([10, 20]),
    }

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"row": np.array([0, 2])},
                (
                    r"payments\['row'\] must be a row of columns, below 2, "
                    r"got 2 in payment 1"
                ),
            ),
            ({"row": np.array([0, -1])}, r"payments\['row'\] must be at least 0"),
            (
                {"amount": np.array([10, 0])},
                (
                    r"payments\['amount'\] must be at least 1 .* got 0 "
                    r"in row 1"
                ),
            ),
            (
                {"amount": np.array([2**62, 2**62])},
                (
                    r"payments\['amount'\] must be amounts whose "
                    r"sum fits in int64 \(9223372036854775807\), got 2 payments of up to "
                    r"4611686018427387904"
                ),
            ),
            ({"paid_on": None}, r"payments must be a table with a column 'paid_on'"),
            (
                {"paid_on": np.array(["2026-03-03"], "datetime64[D]")},
                r"payments\['paid_on'\] must be 2 rows long",
            ),
        ],
    )
    def test_a_bad_payments_table_is_named(self, changes: Any, message: str) -> None:
        payments = {k: v for k, v in {**self.PAY, **changes}.items() if v is not None}
        with pytest.raises(InvalidInputError, match=message):
            self.run(payments)

    def test_paid_and_payments_together_are_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"payments must be None when columns has a "
            r"'paid' column \(one or the other\), got dict of columns",
        ):
            self.run(self.PAY, paid=np.array([1, 2]))

    def test_a_bad_currency_is_named(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"currency must be a Currency or an ISO "
            r"4217 code, got 'XXX'",
        ):
            dunning_columns(self.BASE, AS_OF, currency="XXX")

    @pytest.mark.parametrize("i", [2, -3, "0", True])
    def test_a_row_outside_the_result_is_refused(self, i: Any) -> None:
        with pytest.raises(InvalidInputError, match=r"i must be .* \[DunningColumns.row\]"):
            self.run().row(i)

    def test_the_first_bad_row_raises_the_scalar_error(self) -> None:
        good = AccountState("OK", date(2026, 3, 2), cny(5))
        early = {"notified": date(2026, 3, 9)}  # on the deadline: too early (B-7)
        columns, payments, _ = account_columns([good, good])
        columns["notified"][1] = np.datetime64(early["notified"])
        with pytest.raises(InvalidInputError) as caught:
            dunning_columns(columns, AS_OF, payments=payments)
        bad = AccountState("OK", date(2026, 3, 2), cny(5), notified=date(2026, 3, 9))
        with pytest.raises(InvalidInputError) as scalar_error:
            dunning(bad, AS_OF)
        assert str(caught.value) == str(scalar_error.value)

    def test_a_sheet_before_the_book_is_not_in_force(self) -> None:
        book = PolicyBook({date(2026, 3, 3): Policy()})
        with pytest.raises(PolicyNotInForceError):
            dunning_columns(self.BASE, AS_OF, policy=book)

    def test_a_day_outside_the_calendar_raises_the_scalar_error(self) -> None:
        columns = {**self.BASE, "delivered": np.array(["2040-03-02"] * 2, "datetime64[D]")}
        with pytest.raises(CalendarCoverageError):
            dunning_columns(columns, date(2040, 3, 20), policy=ROLL)

    def test_a_step_past_the_last_date_raises_the_scalar_error(self) -> None:
        acct = AccountState(
            "A", date(9999, 12, 20), cny(5), notified=date(9999, 12, 28), arrears_notice=None
        )
        policy = Policy().updated({"billing.notice_to_arrears_days": 5})
        expected = scalar([acct], date(9999, 12, 30), policy, None)
        assert columnar([acct], date(9999, 12, 30), policy, None) == expected
        assert isinstance(expected, tuple)

    def test_a_next_step_after_the_last_date_is_refused_as_the_scalar_rule_refuses_it(
        self,
    ) -> None:
        acct = AccountState("A", date(9999, 12, 24), cny(5))  # due 9999-12-31, next step after
        expected = scalar([acct], date(9999, 12, 30), Policy(), None)
        assert columnar([acct], date(9999, 12, 30), Policy(), None) == expected
        message = (
            "account 'A' must leave room for its next step on or before 9999-12-31: delivered "
            "9999-12-24, notified None, arrears notice None [dunning B-6/B-8]"
        )
        assert expected == (InvalidInputError, message)

    def test_accounts_of_two_currencies_are_refused(self) -> None:
        accounts = [
            AccountState("A", date(2026, 3, 2), cny(5)),
            AccountState("B", date(2026, 3, 2), Money("5", "USD")),
        ]
        with pytest.raises(CurrencyMismatchError, match=r"got CNY and USD \(account 'B'\)"):
            account_columns(accounts)

    @pytest.mark.parametrize("accounts", [5, [5]])
    def test_account_columns_takes_account_states(self, accounts: Any) -> None:
        with pytest.raises(InvalidInputError, match=r"accounts must (be|hold)"):
            account_columns(accounts)
