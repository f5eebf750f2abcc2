"""Records for tables: JSON-safe records, one row per line, and DataFrames (to_frame)."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import (
    CNY,
    JPY,
    AccountState,
    Currency,
    InvalidInputError,
    Lines,
    Money,
    PenaltyAccount,
    allocate,
    dunning_run,
    to_frame,
)
from custpolicy.foundation.explain import Explained, Reason, record_cell
from custpolicy.rules.billing.batch import dunning_partition
from custpolicy.rules.penalties.batch import PenaltyRun, penalty_partition
from custpolicy.testing import account_states, currencies, money, weights
from tests.samples import all_result_types, sample_results


@pytest.fixture(scope="module")
def results() -> list[Explained]:
    return sample_results()


@pytest.fixture(scope="module")
def by_type(results: list[Explained]) -> dict[type, list[Explained]]:
    found: dict[type, list[Explained]] = defaultdict(list)
    for result in results:
        found[type(result)].append(result)
    return found


def _cny(amount: str) -> Money:
    return Money(amount, CNY)


def _schedule() -> Any:
    return PenaltyAccount.start("Chen", 2026, 2).close_months(
        2026,
        2,
        [_cny("1000.00"), _cny("0"), _cny("1200.01")],
        charges=[{"260201": _cny("1349.99")}],
        approved=[{"260201"}],
    )


def _is_json(value: object) -> bool:
    """Whether ``value`` is made of what JSON holds: dicts with text keys, lists and scalars."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_json(item) for item in value)
    return value is None or isinstance(value, (str, int, float))


@attrs.frozen
class _Lined(Explained):
    """A result of the tests' own, with lines of plain values."""

    _lines = Lines("inner.codes")

    label: str
    inner: Any
    reasons: tuple[Reason, ...] = ()


@attrs.frozen
class _Codes:
    codes: tuple[str, ...]


@attrs.frozen
class _Maybe(Explained):
    """A result with an amount that may be missing."""

    amount: Money | None
    reasons: tuple[Reason, ...] = ()


class TestJsonSafeRecords:
    def test_every_result_type_writes_as_json_and_reads_back_equal(
        self, results: list[Explained]
    ) -> None:
        assert {type(r) for r in results} == all_result_types()  # a new type needs a sample
        for result in results:
            record = result.to_record("zh-Hant", json_safe=True)
            assert _is_json(record), type(result)
            assert json.loads(json.dumps(record, ensure_ascii=False)) == record, type(result)

    def test_a_json_safe_record_has_the_keys_of_the_record(self, results: list[Explained]) -> None:
        for result in results:
            assert list(result.to_record(json_safe=True)) == list(result.to_record())

    def test_amounts_are_exact_text_and_the_currency_stays(self) -> None:
        record = _schedule().months[0].to_record(explanation=False, json_safe=True)
        assert record["charged"] == [["260201", "1349.99"]]
        assert record["carried"] == "849.99"
        assert record["cap_ratio"] == "0.5"
        assert record["currency"] == "CNY"

    def test_dates_become_iso_text_and_fractions_their_text(self) -> None:
        @attrs.frozen
        class Facts(Explained):
            on: date
            share: Fraction
            table: dict[object, object]
            reasons: tuple[Reason, ...] = ()

        facts = Facts(
            date(2026, 3, 9), Fraction(1, 3), {1: (2,), date(2026, 1, 2): Decimal("1E+2")}
        )
        record = facts.to_record(explanation=False, json_safe=True)
        assert record == {
            "on": "2026-03-09",
            "share": "1/3",
            "table": {"1": [2], "2026-01-02": "100"},
        }

    def test_a_cell_a_module_registers_becomes_its_text(self) -> None:
        class Ratio:
            """A value kept whole in one cell, whose cell is a fraction."""

        record_cell.register(Ratio)(lambda value, record: Fraction(2, 3))

        @attrs.frozen
        class Rated(Explained):
            ratio: Ratio
            reasons: tuple[Reason, ...] = ()

        assert Rated(Ratio()).to_record(json_safe=True) == {
            "ratio": "2/3",
            "clauses": "",
            "explanation": "",
        }

    @given(money(currencies()))
    def test_an_amount_reads_back_exactly_from_its_text(self, amount: Money) -> None:
        record = allocate(amount, {"a": 1}).to_record(json_safe=True)
        assert record["currency"] == amount.currency.code
        assert Money(record["total"], amount.currency) == amount  # type: ignore[arg-type]


class TestRows:
    def test_every_result_gives_rows_of_plain_cells(self, results: list[Explained]) -> None:
        for result in results:
            rows = result.rows("zh-Hant")
            assert rows, type(result)
            for row in rows:
                assert not any(isinstance(v, (tuple, list, dict)) for v in row.values()), row
                assert row["explanation"] == result.explain("zh-Hant")

    def test_a_result_with_lines_gives_one_row_per_line(self, results: list[Explained]) -> None:
        import operator

        for result in results:
            spec = type(result)._lines
            if spec is None:
                assert len(result.rows()) == 1
                continue
            lines: Any = dict(result._record_items()).get(spec.of)
            if lines is None:
                lines = operator.attrgetter(spec.of)(result)
            assert len(result.rows()) == max(1, len(lines)), type(result)

    def test_a_line_never_hides_a_different_cell_of_its_result(
        self, results: list[Explained], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for result in results:
            if type(result)._lines is None:
                continue
            rows = result.rows(explanation=False)
            with monkeypatch.context() as patch:
                patch.setattr(type(result), "_lines", None)
                (own,) = result.rows(explanation=False)  # the result's own cells alone
            for row in rows:
                assert all(row.get(name, "-") == own[name] for name in own), type(result)

    def test_an_allocation_gives_a_row_per_party(self) -> None:
        rows = allocate(_cny("100.00"), {"b": 1, "a": 2}).rows(explanation=False)
        assert rows == [
            {"currency": "CNY", "total": Decimal("100.00"), "clause": None, "party": "b",
             "part": Decimal("33.33")},
            {"currency": "CNY", "total": Decimal("100.00"), "clause": None, "party": "a",
             "part": Decimal("66.67")},
        ]  # fmt: skip

    def test_a_schedule_gives_a_row_per_month_with_the_pairs_left_out(self) -> None:
        rows = _schedule().rows(explanation=False)
        assert [(r["month"], r["deducted"], r["carried"]) for r in rows] == [
            (2, Decimal("500.00"), Decimal("849.99")),
            (3, Decimal("0.00"), Decimal("849.99")),
            (4, Decimal("600.00"), Decimal("249.99")),
        ]
        assert all("charged" not in row and "deductions" not in row for row in rows)

    def test_plain_lines_without_a_name_take_the_last_part_of_the_path(self) -> None:
        rows = _Lined("x", _Codes(("a", "b"))).rows(explanation=False)
        assert rows == [{"label": "x", "codes": "a"}, {"label": "x", "codes": "b"}]

    def test_a_result_whose_lines_are_empty_gives_one_row(self) -> None:
        assert _Lined("x", _Codes(())).rows(explanation=False) == [{"label": "x"}]

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"lang must be .* got 'fr' \[Allocation.rows"):
            allocate(_cny("1"), {"a": 1}).rows("fr")  # type: ignore[arg-type]

    def test_a_line_declaration_names_an_attribute(self) -> None:
        with pytest.raises(InvalidInputError, match="of must be"):
            Lines("")


class TestToFrame:
    def test_every_result_type_makes_a_frame(self, by_type: dict[type, list[Explained]]) -> None:
        for kind, results in by_type.items():
            frame = to_frame(results, lang="en")
            assert len(frame) == sum(len(r.rows()) for r in results), kind
            assert list(frame.columns[-2:]) == ["clauses", "explanation"]
            for column in frame.columns:
                if column.endswith("_minor"):
                    assert str(frame[column].dtype) in {"int64", "Int64"}, (kind, column)
                    assert frame[column.removesuffix("_minor")].dtype == "float64"

    def test_money_is_int64_minor_units_and_float64_and_dates_datetime64(self) -> None:
        frame = to_frame([_schedule()])
        assert frame["deducted_minor"].dtype == "int64"
        assert pd.api.types.is_float_dtype(frame["deducted"])
        assert frame["deducted_minor"].tolist() == [50000, 0, 60000]
        assert frame["deducted"].tolist() == [500.0, 0.0, 600.0]
        steps = to_frame(
            dunning_run([AccountState("G", date(2026, 3, 2), _cny("5"))], date(2026, 3, 10))
        )
        assert pd.api.types.is_datetime64_dtype(steps["due"])
        assert steps["due"].tolist() == [pd.Timestamp("2026-03-09")]

    def test_without_a_language_nothing_is_explained(self) -> None:
        frame = to_frame([_schedule()])
        assert "explanation" not in frame.columns
        assert "clauses" not in frame.columns

    def test_an_amount_that_may_be_missing_is_a_nullable_int(self) -> None:
        frame = to_frame([_Maybe(_cny("1.50")), _Maybe(None)])
        assert str(frame["amount_minor"].dtype) == "Int64"
        assert frame["amount_minor"].tolist()[0] == 150
        assert frame["amount_minor"].isna().tolist() == [False, True]

    def test_currencies_may_share_a_frame_one_per_row(self) -> None:
        frame = to_frame([_Maybe(_cny("1.50")), _Maybe(Money("150", JPY))])
        assert frame[["currency", "amount", "amount_minor"]].values.tolist() == [
            ["CNY", 1.5, 150],
            ["JPY", 150.0, 150],
        ]

    def test_the_rows_of_the_batch_runs_gain_their_float_columns(self) -> None:
        sheets = [AccountState(f"G{n}", date(2026, 3, 2), _cny(str(n * 50))) for n in range(3)]
        frame = to_frame(dunning_partition(sheets, date(2026, 3, 10), explain="en"))
        assert frame["balance_minor"].tolist() == [0, 5000, 10000]
        assert frame["balance"].tolist() == [0.0, 50.0, 100.0]
        assert pd.api.types.is_datetime64_dtype(frame["as_of"])
        assert frame["explanation"].str.startswith("B-6").all()
        chen = PenaltyAccount.start("Chen", 2026, 2)
        outcomes = list(
            penalty_partition(
                [
                    PenaltyRun(
                        chen, 2026, 2, [_cny("1000"), _cny("0")], [{"1": _cny("1349.99")}], [{"1"}]
                    )
                ]
            )
        )
        months = to_frame(outcomes)
        assert months["month"].tolist() == [2, 3]
        assert months["carried_minor"].tolist() == [84999, 84999]
        assert months["held"].dtype == "float64"
        assert to_frame(outcomes[0].months).equals(months)

    def test_batch_rows_without_a_currency_stay_as_they_are(self) -> None:
        from typing import NamedTuple

        class Count(NamedTuple):
            name: str
            count_minor: int

        assert to_frame([Count("a", 1)]).to_dict("records") == [{"name": "a", "count_minor": 1}]

    def test_no_results_give_an_empty_frame(self) -> None:
        assert to_frame([]).empty
        assert to_frame(iter(())).empty

    def test_two_types_are_refused_naming_both(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"results must be of one type, Schedule, got a Allocation as well",
        ):
            to_frame([_schedule(), allocate(_cny("1"), {"a": 1})])

    @pytest.mark.parametrize(
        ("results", "message"),
        [
            (None, "results must be an iterable of results"),
            ("abc", "results must be an iterable of results"),
            ({"a": 1}, "results must be an iterable of results"),
            (allocate(_cny("1"), {"a": 1}), "results must be an iterable of results"),
            ([1], r"results must hold results \(Explained\).*, got 1 \[to_frame\]"),
            ([(1, 2)], r"results must hold results .*, got \(1, 2\)"),
        ],
    )
    def test_what_is_not_results_is_refused(self, results: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            to_frame(results)  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["fr", 1, pd.NA])
    def test_an_unknown_language_is_refused(self, lang: object) -> None:
        with pytest.raises(InvalidInputError, match=r"lang must be one of .* or None"):
            to_frame([], lang=lang)  # type: ignore[arg-type]

    def test_a_language_for_batch_rows_is_refused(self) -> None:
        rows = dunning_partition(
            [AccountState("G", date(2026, 3, 2), _cny("5"))], date(2026, 3, 10)
        )
        with pytest.raises(InvalidInputError, match=r"lang must be None for the rows of a batch"):
            to_frame(rows, lang="en")

    def test_an_amount_beyond_int64_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"amount_minor must be within the range of int64"
        ):
            to_frame([_Maybe(Money.from_minor(2**63, CNY))])

    def test_a_batch_row_in_a_currency_not_known_by_code_is_refused(self) -> None:
        row = dunning_partition(
            [AccountState("G", date(2026, 3, 2), _cny("5"))], date(2026, 3, 10)
        )[0]
        with pytest.raises(InvalidInputError, match=r"currency must be a Currency or one of"):
            to_frame([row._replace(currency="XTS")])

    def test_without_pandas_the_error_says_how_to_install_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install custpolicy\[pandas\]"):
            to_frame([])

    def test_importing_custpolicy_does_not_import_pandas(self) -> None:
        import subprocess

        code = "import custpolicy, sys; custpolicy.to_frame; print('pandas' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"


class TestFrameProperties:
    @given(
        st.lists(
            st.tuples(money(currencies(), max_minor=10**15), weights(max_size=6)),
            max_size=5,
        )
    )
    def test_an_allocations_minor_column_sums_to_each_total(
        self, splits: list[tuple[Money, dict[str, Any]]]
    ) -> None:
        results = [allocate(total, parts) for total, parts in splits if any(parts.values())]
        frame = to_frame(results)
        assert len(frame) == sum(len(r) for r in results)  # one row per party
        if not results:
            return
        start = 0
        for result in results:
            rows = frame.iloc[start : start + len(result)]
            start += len(result)
            assert int(rows["part_minor"].sum()) == result.total.minor
            assert rows["party"].tolist() == list(result)
            assert rows["currency"].eq(result.total.currency.code).all()
            exponent = result.total.currency.exponent
            for part, minor in zip(rows["part"], rows["part_minor"], strict=True):
                # the float is the amount to within half a minor unit
                assert abs(Decimal(part).scaleb(exponent) - minor) <= Decimal("0.5")

    @given(st.lists(account_states(), max_size=8), st.dates(date(2026, 1, 1), date(2026, 12, 31)))
    def test_a_dunning_frame_holds_each_balance_exactly(
        self, sheets: list[AccountState], as_of: date
    ) -> None:
        steps = list(dunning_run(sheets, as_of))
        frame = to_frame(steps)
        assert len(frame) == len(steps)
        if steps:
            assert frame["balance_minor"].tolist() == [s.balance.minor for s in steps]
            assert int(frame["balance_minor"].sum()) == sum(s.balance.minor for s in steps)
            assert pd.api.types.is_datetime64_dtype(frame["due"])
            assert [d.date() for d in frame["due"]] == [s.due for s in steps]

    @given(
        st.lists(money(CNY, min_minor=0, max_minor=10**8), min_size=1, max_size=12),
        st.lists(money(CNY, min_minor=1, max_minor=10**8), max_size=12),
    )
    def test_a_schedule_has_a_row_per_month_and_sums_to_its_deductions(
        self, bonuses: list[Money], charges: list[Money]
    ) -> None:
        charged = [{f"c{n}": amount} for n, amount in enumerate(charges[: len(bonuses)])]
        approved = [set(month) for month in charged]
        schedule = PenaltyAccount.start("Chen", 2026, 1).close_months(
            2026, 1, bonuses, charges=charged, approved=approved
        )
        frame = to_frame([schedule])
        assert len(frame) == len(bonuses)
        assert int(frame["deducted_minor"].sum()) == sum(schedule.deducted, _cny("0")).minor
        assert frame["carried_minor"].tolist() == [m.minor for m in schedule.carried]

    def test_a_currency_of_the_callers_own_is_exact_too(self) -> None:
        dinar = Currency("KWD", 3)
        frame = to_frame([_Maybe(Money("1.234", dinar))])
        assert frame[["amount", "amount_minor", "currency"]].values.tolist() == [
            [1.234, 1234, "KWD"]
        ]
