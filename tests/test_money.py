"""Money and allocate(): exact amounts and sum-preserving splits (Conventions: Money)."""

from __future__ import annotations

import copy
import pickle
import random
from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import (
    CNY,
    CURRENCIES,
    JPY,
    Allocation,
    Currency,
    CurrencyMismatchError,
    CustPolicyError,
    InvalidInputError,
    Money,
    UnknownKeyError,
    allocate,
    currency,
    testing,
)
from custpolicy.foundation.clauses import P_E3_3
from custpolicy.foundation.money import largest_remainder


class TestCurrency:
    @pytest.mark.parametrize(("code", "exponent"), [("CNY", 2), ("TWD", 2), ("JPY", 0)])
    def test_known_currencies_have_their_minor_unit(self, code: str, exponent: int) -> None:
        assert currency(code).exponent == exponent

    def test_a_currency_passes_through(self) -> None:
        assert currency(CNY) is CNY

    def test_other_currencies_can_be_built(self) -> None:
        krw = Currency("KRW", 0)
        assert repr(krw) == "Currency('KRW', 0)"
        assert str(krw) == "KRW"
        assert Money("1000", krw).minor == 1000

    @pytest.mark.parametrize("code", ["cny", "CN", "CNYY", "人民幣", 156])
    def test_a_bad_code_is_refused(self, code: object) -> None:
        with pytest.raises(InvalidInputError, match="code must be a three-letter ISO 4217"):
            Currency(code, 2)  # type: ignore[arg-type]

    @pytest.mark.parametrize("exponent", [-1, 7, 2.0, True])
    def test_a_bad_exponent_is_refused(self, exponent: object) -> None:
        with pytest.raises(InvalidInputError, match="exponent must be an int from 0 to 6"):
            Currency("XXX", exponent)  # type: ignore[arg-type]

    def test_a_known_currency_unpickles_and_copies_as_the_same_object(self) -> None:
        for known in (CNY, JPY):
            assert pickle.loads(pickle.dumps(known)) is known
            assert copy.deepcopy(known) is known
        money = pickle.loads(pickle.dumps(Money("1.05", CNY)))
        assert money.currency is CNY
        assert money == Money("1.05", CNY)

    @pytest.mark.parametrize("other", [Currency("KRW", 0), Currency("CNY", 3)])
    def test_another_currency_unpickles_as_an_equal_one(self, other: Currency) -> None:
        copied = pickle.loads(pickle.dumps(other))
        assert copied == other
        assert copied.exponent == other.exponent
        assert copied is not other

    @pytest.mark.parametrize("code", ["XYZ", None, 3])
    def test_an_unknown_code_names_the_known_ones(self, code: object) -> None:
        with pytest.raises(InvalidInputError, match=r"currency must be a Currency or one of"):
            currency(code)  # type: ignore[arg-type]


class TestMoneyConstruction:
    @pytest.mark.parametrize(
        ("amount", "cur", "minor"),
        [
            ("12.3", "CNY", 1230),
            (Decimal("12.30"), "CNY", 1230),
            (12, "CNY", 1200),
            ("-0.01", "CNY", -1),
            ("1E+3", "CNY", 100000),
            ("1500", "JPY", 1500),
            (" 7.5 ", "TWD", 750),
            ("0.000", "CNY", 0),
        ],
    )
    def test_exact_amounts_are_kept_in_minor_units(
        self, amount: Decimal | int | str, cur: str, minor: int
    ) -> None:
        assert Money(amount, cur).minor == minor

    def test_the_amount_has_exactly_the_minor_unit_digits(self) -> None:
        assert Money("12.3", CNY).amount.as_tuple().exponent == -2
        assert Money(5, JPY).amount == Decimal(5)
        assert str(Money("1234567.8", CNY)) == "CNY 1,234,567.80"

    def test_repr_pastes_back(self) -> None:
        m = Money("-12.3", "CNY")
        assert repr(m) == "Money('-12.30', 'CNY')"
        assert eval(repr(m)) == m

    def test_a_float_is_refused_with_the_hint(self) -> None:
        with pytest.raises(InvalidInputError, match="floats are inexact"):
            Money(0.1, "CNY")  # type: ignore[arg-type]

    @pytest.mark.parametrize("amount", ["NaN", "Infinity", "-inf", Decimal("NaN"), "sNaN"])
    def test_nan_and_infinities_are_refused(self, amount: object) -> None:
        with pytest.raises(InvalidInputError, match="must be finite"):
            Money(amount, "CNY")  # type: ignore[arg-type]

    @pytest.mark.parametrize("amount", ["12,30", "abc", "", "1.2.3"])
    def test_strings_that_are_not_numbers_are_refused(self, amount: str) -> None:
        with pytest.raises(InvalidInputError, match="must be a number, got the string"):
            Money(amount, "CNY")

    @pytest.mark.parametrize("amount", [True, None, [1], Fraction(1, 2)])
    def test_other_types_are_refused(self, amount: object) -> None:
        with pytest.raises(InvalidInputError, match="amount must be a Decimal, int or str"):
            Money(amount, "CNY")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("amount", "cur"), [("0.001", "CNY"), ("12.345", "CNY"), ("0.5", "JPY")]
    )
    def test_amounts_finer_than_the_minor_unit_are_refused(self, amount: str, cur: str) -> None:
        with pytest.raises(InvalidInputError, match=r"finer than the minor unit.*Money.rounded"):
            Money(amount, cur)

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("0.125", "0.13"),
            ("0.124", "0.12"),
            ("-0.125", "-0.13"),
            ("-0.124", "-0.12"),
            ("2.675", "2.68"),
            ("0.005", "0.01"),
            ("1.00", "1.00"),
            (3, "3.00"),
        ],
    )
    def test_rounded_is_half_up_away_from_zero(self, amount: str | int, expected: str) -> None:
        assert Money.rounded(amount, "CNY") == Money(expected, "CNY")

    def test_from_minor_and_zero(self) -> None:
        assert Money.from_minor(12345, CNY) == Money("123.45", CNY)
        assert Money.zero("JPY") == Money(0, JPY)
        with pytest.raises(InvalidInputError, match="minor must be an int"):
            Money.from_minor(Decimal(1), CNY)  # type: ignore[arg-type]

    def test_construction_ignores_a_hostile_decimal_context(self) -> None:
        with localcontext() as ctx:
            ctx.prec = 3
            big = Money("123456789012345.67", CNY)
            assert big.minor == 12345678901234567
            assert big.amount == Decimal("123456789012345.67")
            assert Money.rounded("1234567.125", CNY).minor == 123456713


class TestMoneyArithmetic:
    def test_add_subtract_negate(self) -> None:
        a, b = Money("10.05", CNY), Money("0.96", CNY)
        assert a + b == Money("11.01", CNY)
        assert a - b == Money("9.09", CNY)
        assert -a == Money("-10.05", CNY)
        assert +a is a
        assert abs(Money("-3", CNY)) == Money(3, CNY)

    def test_sum_starts_from_zero(self) -> None:
        assert sum([Money(1, CNY), Money("0.50", CNY)]) == Money("1.50", CNY)

    def test_mixing_currencies_is_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="cannot add CNY and JPY"):
            Money(1, CNY) + Money(1, JPY)
        with pytest.raises(CurrencyMismatchError, match="cannot compare"):
            _ = Money(1, CNY) < Money(1, JPY)

    @pytest.mark.parametrize("other", [1, Decimal(1), "1"])
    def test_adding_a_non_money_is_refused(self, other: object) -> None:
        with pytest.raises(InvalidInputError, match="other must be Money to add Money"):
            Money(1, CNY) + other  # type: ignore[operator]
        with pytest.raises(InvalidInputError, match="other must be Money"):
            other + Money(1, CNY)

    def test_multiplying_by_an_int_is_exact(self) -> None:
        assert Money("0.01", CNY) * 3 == Money("0.03", CNY)
        assert 3 * Money("0.01", CNY) == Money("0.03", CNY)

    @pytest.mark.parametrize(
        ("amount", "factor", "expected"),
        [
            ("10.00", Decimal("0.5"), "5.00"),
            ("0.01", Decimal("0.5"), "0.01"),
            ("-0.01", Decimal("0.5"), "-0.01"),
            ("0.03", Decimal("0.5"), "0.02"),
            ("100.00", Decimal("0.333"), "33.30"),
            ("1.00", Decimal("-1.005"), "-1.01"),
        ],
    )
    def test_multiplying_by_a_decimal_rounds_half_up(
        self, amount: str, factor: Decimal, expected: str
    ) -> None:
        assert Money(amount, CNY) * factor == Money(expected, CNY)

    @pytest.mark.parametrize("factor", [0.5, "0.5", True, Decimal("NaN")])
    def test_multiplying_by_a_float_or_string_is_refused(self, factor: object) -> None:
        with pytest.raises(InvalidInputError, match="factor must"):
            Money(1, CNY) * factor  # type: ignore[operator]

    def test_division_points_to_allocate(self) -> None:
        with pytest.raises(InvalidInputError, match="use allocate"):
            Money(1, CNY) / 3

    def test_ordering_within_one_currency(self) -> None:
        small, big = Money("0.99", CNY), Money(1, CNY)
        assert small < big
        assert small <= big
        assert big > small
        assert big >= small
        assert sorted([big, small]) == [small, big]

    def test_truthiness_is_nonzero(self) -> None:
        assert not Money(0, CNY)
        assert Money("0.01", CNY)

    def test_money_is_hashable_and_equal_by_value(self) -> None:
        assert {Money("1.0", CNY), Money("1.00", CNY)} == {Money(1, CNY)}
        assert Money(1, CNY) != Money(1, JPY)


# -- allocate -------------------------------------------------------------------------------------


def _exact_share(total: Money, weights: Mapping[str, Decimal | int], key: str) -> Fraction:
    w_sum = sum(Fraction(w) for w in weights.values())
    return Fraction(total.minor) * Fraction(weights[key]) / w_sum


class TestAllocateWorkedCases:
    @pytest.mark.parametrize(
        ("total", "weights", "expected"),
        [
            (
                "100.00",
                {"Chen": 1, "Lin": 1, "Wang": 1},
                {"Chen": "33.34", "Lin": "33.33", "Wang": "33.33"},
            ),
            ("100.00", {"team": 7, "sales": 3}, {"team": "70.00", "sales": "30.00"}),
            ("0.01", {"b": 1, "a": 1}, {"b": "0.00", "a": "0.01"}),
            ("10.00", {"a": Decimal("0.7"), "b": Decimal("0.3")}, {"a": "7.00", "b": "3.00"}),
            ("1.00", {"x": 0, "y": 3}, {"x": "0.00", "y": "1.00"}),
            ("0.05", {"a": 2, "b": 1, "c": 1}, {"a": "0.03", "b": "0.01", "c": "0.01"}),
            ("999.99", {"only": 5}, {"only": "999.99"}),
            ("0.00", {"a": 1, "b": 2}, {"a": "0.00", "b": "0.00"}),
            ("-0.01", {"b": 1, "a": 1}, {"b": "0.00", "a": "-0.01"}),
        ],
    )
    def test_worked_splits(
        self, total: str, weights: dict[str, Decimal | int], expected: dict[str, str]
    ) -> None:
        split = allocate(Money(total, CNY), weights)
        assert {k: str(v.amount) for k, v in split.items()} == expected
        assert list(split) == list(weights)

    def test_ties_go_to_the_key_that_sorts_first_not_the_first_listed(self) -> None:
        assert allocate(Money("0.02", CNY), {"c": 1, "b": 1, "a": 1}).extras == {"a", "b"}

    def test_keys_of_mixed_types_break_ties_by_type_name_then_repr(self) -> None:
        split = allocate(Money("0.01", CNY), {"z": 1, 5: 1})
        # ("int", "5") sorts before ("str", "'z'")
        assert split[5] == Money("0.01", CNY)

    def test_a_larger_remainder_wins_over_a_smaller_key(self) -> None:
        # exact shares: a = 0.333.., b = 0.666.. -> b has the larger remainder
        split = allocate(Money("0.01", CNY), {"a": 1, "b": 2})
        assert split["b"] == Money("0.01", CNY)

    def test_huge_totals_and_many_parties_stay_exact(self) -> None:
        total = Money.from_minor(10**15 + 7, CNY)
        weights = {f"p{i:05d}": (i % 7) + 1 for i in range(10_000)}
        split = allocate(total, weights)
        assert sum(p.minor for p in split.values()) == total.minor
        for key in ("p00000", "p04321", "p09999"):
            share = _exact_share(total, weights, key)
            assert abs(split[key].minor - share) < 1

    def test_decimal_weights_with_different_scales_are_exact(self) -> None:
        split = allocate(Money("1.00", CNY), {"a": Decimal("0.125"), "b": Decimal("1E+1"), "c": 3})
        assert sum(split.values()) == Money("1.00", CNY)
        assert split["b"] == Money("0.76", CNY)

    def test_jpy_splits_in_whole_yen(self) -> None:
        split = allocate(Money(100, JPY), {"a": 1, "b": 2})
        assert (split["a"], split["b"]) == (Money(33, JPY), Money(67, JPY))


class TestAllocationValue:
    def test_reads_like_a_mapping(self) -> None:
        split = allocate(Money(10, CNY), {"a": 1, "b": 1})
        assert split["a"] == Money(5, CNY)
        assert "a" in split
        assert "z" not in split
        assert len(split) == 2
        assert dict(split) == {"a": Money(5, CNY), "b": Money(5, CNY)}
        assert split.get("z") is None
        assert isinstance(split, Allocation)

    def test_an_unknown_party_is_a_key_error_naming_the_parties(self) -> None:
        split = allocate(Money(10, CNY), {"a": 1})
        with pytest.raises(UnknownKeyError, match=r"key must be one of the parties \['a'\]"):
            split["z"]
        with pytest.raises(KeyError):
            split["z"]

    def test_negating_an_allocation_negates_every_part(self) -> None:
        split = allocate(Money("0.05", CNY), {"a": 1, "b": 1})
        assert list((-split).values()) == [Money("-0.03", CNY), Money("-0.02", CNY)]
        assert (-split).total == Money("-0.05", CNY)

    def test_the_result_cites_the_clause_and_explains_every_part(self) -> None:
        split = allocate(Money("100.00", CNY), {"Chen": 1, "Lin": 1, "Wang": 1}, clause=P_E3_3)
        assert split.clauses == (P_E3_3,)
        en = split.explain()
        assert en.splitlines()[0].startswith("P-E3.3 split CNY 100.00 among 3 parties")
        assert (
            "P-E3.3 Chen: weight 1 of 3 gets CNY 33.34 (one of the leftover minor units: largest"
            in en
        )
        assert "P-E3.3 Lin: weight 1 of 3 gets CNY 33.33" in en
        zh = split.explain("zh-Hant")
        assert "P-E3.3 Chen：權重1/3，分得CN¥33.34（因餘數最大，分得一個剩餘" in zh
        assert len(zh.splitlines()) == 4

    def test_without_a_clause_the_explanation_has_no_citation(self) -> None:
        split = allocate(Money(1, CNY), {"a": 1})
        assert split.clauses == ()
        assert split.explain().startswith("split CNY 1.00 among 1 parties")


class TestAllocateRefusals:
    def test_empty_weights(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"weights must name at least one party, got \{\} \[allocate\]"
        ):
            allocate(Money(1, CNY), {})

    def test_negative_weight_names_the_party(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"must not be negative, got -1 for 'b' \[allocate P-E3.3\]"
        ):
            allocate(Money(1, CNY), {"a": 1, "b": -1}, clause=P_E3_3)

    def test_all_zero_weights(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"weights must not all be zero, got \{'a': 0, 'b': Decimal\('0'\)\}",
        ):
            allocate(Money(1, CNY), {"a": 0, "b": Decimal(0)})

    @pytest.mark.parametrize("weight", [0.5, "1", True, None, Decimal("Infinity")])
    def test_float_string_and_bool_weights(self, weight: object) -> None:
        with pytest.raises(InvalidInputError, match="weight of 'a' must"):
            allocate(Money(1, CNY), {"a": weight})  # type: ignore[dict-item]

    def test_total_must_be_money(self) -> None:
        with pytest.raises(InvalidInputError, match="total must be Money"):
            allocate(Decimal(1), {"a": 1})  # type: ignore[arg-type]

    def test_weights_must_be_a_mapping(self) -> None:
        with pytest.raises(InvalidInputError, match="weights must be a mapping"):
            allocate(Money(1, CNY), [("a", 1)])  # type: ignore[arg-type]

    def test_clause_must_be_a_clause(self) -> None:
        with pytest.raises(InvalidInputError, match="clause must be a Clause"):
            allocate(Money(1, CNY), {"a": 1}, clause="P-2")  # type: ignore[arg-type]

    def test_every_refusal_is_a_custpolicy_error(self) -> None:
        with pytest.raises(CustPolicyError):
            allocate(Money(1, CNY), {})


# -- properties -----------------------------------------------------------------------------------

weights_strategy = testing.weights()
totals = testing.money(CNY)


class TestAllocateProperties:
    @given(totals, weights_strategy)
    def test_parts_sum_exactly_to_the_total(
        self, total: Money, weights: dict[str, Decimal | int]
    ) -> None:
        assert sum(p.minor for p in allocate(total, weights).values()) == total.minor

    @given(totals, weights_strategy)
    def test_each_part_is_the_floor_or_ceiling_of_its_exact_share(
        self, total: Money, weights: dict[str, Decimal | int]
    ) -> None:
        split = allocate(total, weights)
        for key in weights:
            share = _exact_share(total, weights, key)
            assert share.__floor__() <= split[key].minor <= share.__ceil__()

    @given(totals, weights_strategy)
    def test_a_zero_weight_gets_zero(self, total: Money, weights: dict[str, Decimal | int]) -> None:
        split = allocate(total, weights)
        for key, weight in weights.items():
            if weight == 0:
                assert split[key].minor == 0

    @given(
        totals,
        st.text(min_size=1),
        st.integers(min_value=1)
        | st.decimals(min_value="0.001", allow_nan=False, allow_infinity=False),
    )
    def test_a_single_party_gets_everything(
        self, total: Money, key: str, weight: Decimal | int
    ) -> None:
        assert allocate(total, {key: weight})[key] == total

    @given(totals, weights_strategy)
    def test_a_refund_splits_as_the_negative_of_the_positive_split(
        self, total: Money, weights: dict[str, Decimal | int]
    ) -> None:
        assert list(allocate(-total, weights).values()) == [
            -p for p in allocate(total, weights).values()
        ]

    @given(totals, weights_strategy, st.randoms(use_true_random=False))
    def test_the_result_does_not_depend_on_the_order_of_the_parties(
        self, total: Money, weights: dict[str, Decimal | int], rnd: random.Random
    ) -> None:
        items = list(weights.items())
        rnd.shuffle(items)
        shuffled = dict(items)
        a, b = allocate(total, weights), allocate(total, shuffled)
        assert {k: a[k] for k in weights} == {k: b[k] for k in weights}

    @given(totals, weights_strategy)
    def test_it_is_deterministic(self, total: Money, weights: dict[str, Decimal | int]) -> None:
        assert allocate(total, weights) == allocate(total, dict(weights))

    @given(totals, weights_strategy, st.integers(min_value=2, max_value=1000))
    def test_scaling_every_weight_changes_nothing(
        self, total: Money, weights: dict[str, Decimal | int], factor: int
    ) -> None:
        scaled = {k: w * factor for k, w in weights.items()}
        assert allocate(total, weights).parts == allocate(total, scaled).parts


class TestLargestRemainder:
    @given(
        st.integers(min_value=0, max_value=10**9),
        st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=20).filter(any),
    )
    def test_counts_add_up_and_respect_quota(self, units: int, weights: list[int]) -> None:
        parts, extras = largest_remainder(units, weights, list(range(len(weights))))
        assert sum(parts) == units
        total = sum(weights)
        for i, w in enumerate(weights):
            assert parts[i] in (units * w // total, -(-units * w // total))
        assert len(extras) == units - sum(units * w // total for w in weights)


class TestMoneyProperties:
    @given(testing.currencies(), st.integers(min_value=-(10**12), max_value=10**12))
    def test_amount_and_minor_units_round_trip(self, cur: Currency, minor: int) -> None:
        m = Money.from_minor(minor, cur)
        assert Money(m.amount, cur) == m
        assert Money(str(m.amount), cur) == m
        assert m.amount.as_tuple().exponent == -cur.exponent

    @given(testing.currencies(), testing.weights(), st.integers(-(10**9), 10**9))
    def test_splits_add_up_in_every_currency(
        self, cur: Currency, weights: dict[str, Decimal | int], minor: int
    ) -> None:
        total = Money.from_minor(minor, cur)
        assert sum(allocate(total, weights).values(), Money.zero(cur)) == total

    @given(
        st.decimals(
            allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9
        )
    )
    def test_rounded_is_within_half_a_minor_unit(self, amount: Decimal) -> None:
        rounded = Money.rounded(amount, CNY).amount
        assert abs(rounded - amount) <= Decimal("0.005")
        if abs(rounded - amount) == Decimal("0.005"):
            assert abs(rounded) > abs(amount)  # ties go away from zero


_SEQUENCES = r"^weights and keys must be non-empty sequences of the same length, got "


class TestLargestRemainderRefusals:
    @pytest.mark.parametrize(
        ("units", "weights", "keys", "message"),
        [
            (-1, [1], ["a"], r"units must be a non-negative int, got -1"),
            (True, [1], ["a"], r"units must be a non-negative int, got True"),
            (1, None, ["a"], _SEQUENCES + r"None and \['a'\] "),
            (1, [1, 1], ["a"], _SEQUENCES + r"\[1, 1\] and \['a'\] "),
            (1, [], [], _SEQUENCES + r"\[\] and \[\] "),
            (1, [0, 0], ["a", "b"], r"weights must be non-negative ints, not all zero"),
            (1, [1, -1], ["a", "b"], r"weights must be non-negative ints"),
            (1, [1.0], ["a"], r"weights must be non-negative ints"),
        ],
    )
    def test_bad_arguments_are_refused(
        self, units: object, weights: object, keys: object, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message + r".*\[largest_remainder\]"):
            largest_remainder(units, weights, keys)  # type: ignore[arg-type]


class TestAllocationConstruction:
    def test_a_consistent_allocation_can_be_built_directly(self) -> None:
        built = Allocation(Money("0.03", CNY), (("a", 1), ("b", 2)), (1, 2), frozenset())
        assert built == allocate(Money("0.03", CNY), {"a": 1, "b": 2})

    @pytest.mark.parametrize(
        "fields",
        [
            (None, None, None, None),
            (Money(1, CNY), (("a", 1),), (99,), frozenset()),
            (Money(1, CNY), (("a", 1),), (100, 0), frozenset()),
            (Money(1, CNY), ("a",), (100,), frozenset()),
            (Money(1, CNY), (("a", 1),), (Decimal(100),), frozenset()),
            (Money(1, CNY), (("a", 1),), (100,), set()),
        ],
    )
    def test_an_inconsistent_allocation_is_refused(self, fields: tuple[object, ...]) -> None:
        with pytest.raises(InvalidInputError, match=r"build it with allocate\(\).*\[Allocation\]"):
            Allocation(*fields)  # type: ignore[arg-type]


# -- issue 13: the ends of ranges and the checks of the fast paths ---------------------------------


class TestCurrencyExponentRange:
    @pytest.mark.parametrize("exponent", [0, 1, 6])
    def test_an_exponent_from_0_to_6_is_accepted(self, exponent: int) -> None:
        assert Currency("XTS", exponent).exponent == exponent

    @pytest.mark.parametrize("exponent", [-1, 7, True])
    def test_an_exponent_outside_0_to_6_is_refused(self, exponent: int) -> None:
        with pytest.raises(InvalidInputError, match=r"^exponent must be an int from 0 to 6 .*"):
            Currency("XTS", exponent)

    def test_the_largest_exponent_keeps_six_places(self) -> None:
        assert Money("0.000001", Currency("XTS", 6)).minor == 1


class TestMoneyMagnitudeBound:
    """Amounts have fewer than 100 digits either side of the point, on both signs."""

    JUST_INSIDE = 10**100 - 1

    @pytest.mark.parametrize("amount", [JUST_INSIDE, -JUST_INSIDE])
    def test_an_int_just_inside_the_bound_is_accepted(self, amount: int) -> None:
        assert Money(amount, "JPY").minor == amount

    @pytest.mark.parametrize("amount", [10**100, -(10**100), 10**100 + 1, -(10**100) - 1])
    def test_an_int_at_or_over_the_bound_is_refused(self, amount: int) -> None:
        with pytest.raises(InvalidInputError, match=r"^amount must have fewer than 100 digits"):
            Money(amount, "JPY")

    @pytest.mark.parametrize("amount", ["9E+99", "-9E+99", "9.99E+99", "-9.99E+99"])
    def test_a_decimal_just_inside_the_bound_is_accepted(self, amount: str) -> None:
        assert Money(Decimal(amount), "JPY").amount == Decimal(amount)

    @pytest.mark.parametrize("amount", ["1E+100", "-1E+100", "1.5E+100", "-1.5E+100"])
    def test_a_decimal_at_or_over_the_bound_is_refused(self, amount: str) -> None:
        with pytest.raises(InvalidInputError, match=r"^amount must have fewer than 100 digits"):
            Money(Decimal(amount), "JPY")

    @pytest.mark.parametrize("amount", ["1E-99", "-1E-99"])
    def test_a_fraction_just_inside_the_bound_rounds(self, amount: str) -> None:
        assert Money.rounded(amount, "CNY") == Money("0", "CNY")

    @pytest.mark.parametrize("amount", ["1E-100", "-1E-100"])
    def test_a_fraction_at_the_bound_is_refused(self, amount: str) -> None:
        with pytest.raises(InvalidInputError, match=r"^amount must have fewer than 100 digits"):
            Money.rounded(amount, "CNY")


class TestMoneyComparisonAtTheEdges:
    A = Money("1.00", "CNY")
    SAME = Money("1.00", "CNY")
    ONE_FEN_MORE = Money("1.01", "CNY")

    def test_equal_amounts(self) -> None:
        a, same = self.A, self.SAME
        assert (a < same, a <= same, a > same, a >= same) == (False, True, False, True)

    def test_one_minor_unit_apart(self) -> None:
        a, b = self.A, self.ONE_FEN_MORE
        assert (a < b, a <= b, a > b, a >= b) == (True, True, False, False)
        assert (b < a, b <= a, b > a, b >= a) == (False, False, True, True)

    @pytest.mark.parametrize(
        "compare",
        [
            lambda a, b: a < b,
            lambda a, b: a <= b,
            lambda a, b: a > b,
            lambda a, b: a >= b,
        ],
    )
    def test_another_currency_is_refused(self, compare: Any) -> None:
        with pytest.raises(CurrencyMismatchError):
            compare(self.A, Money("1.00", "TWD"))

    @given(testing.money(currency="CNY"), testing.money(currency="CNY"))
    def test_the_order_is_the_order_of_the_minor_units(self, a: Money, b: Money) -> None:
        assert (a < b, a <= b, a > b, a >= b) == (
            a.minor < b.minor,
            a.minor <= b.minor,
            a.minor > b.minor,
            a.minor >= b.minor,
        )


class _Weights(Mapping[Any, Any]):
    """A Mapping that is not a dict: allocate takes its checked path."""

    def __init__(self, data: dict[Any, Any]) -> None:
        self._data = data

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Any:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)


def _outcome(total: Money, weights: Any) -> object:
    """What allocate gives: the parts, or the error's type and message."""
    try:
        split = allocate(total, weights)
    except CustPolicyError as error:
        return type(error), str(error)
    return split.weights, split.minor_parts, split.extras


_BAD_WEIGHTS = st.sampled_from(
    [-1, Decimal("-0.5"), 1.5, True, None, "1", Decimal("NaN"), Decimal("Infinity"), 10**100]
)


class TestAllocateTakesAnyMapping:
    TOTAL = Money("100.00", "CNY")

    @pytest.mark.parametrize("wrap", [MappingProxyType, _Weights])
    def test_a_mapping_that_is_not_a_dict_splits_like_the_dict(self, wrap: Any) -> None:
        weights = {"Chen": 1, "Lin": 1, "Wang": 1}
        split = allocate(self.TOTAL, wrap(weights))
        assert dict(split) == dict(allocate(self.TOTAL, weights))
        assert split.minor_parts == (3334, 3333, 3333)

    @pytest.mark.parametrize("wrap", [MappingProxyType, _Weights])
    @pytest.mark.parametrize(
        "weights",
        [
            {},
            {"a": 0, "b": 0},
            {"a": -1, "b": 2},
            {"a": Decimal("0.5"), "b": Decimal("-0.5")},
            {"a": 1.5},
            {"a": 1, "b": None},
            {"a": Decimal("NaN")},
            {"a": True},
        ],
        ids=repr,
    )
    def test_bad_weights_in_any_mapping_are_refused_as_in_a_dict(
        self, wrap: Any, weights: dict[str, Any]
    ) -> None:
        expected = _outcome(self.TOTAL, weights)
        assert isinstance(expected, tuple)
        assert expected[0] is InvalidInputError
        assert _outcome(self.TOTAL, wrap(weights)) == expected

    @pytest.mark.parametrize("weights", [[("a", 1)], {"a", "b"}, "ab", 3])
    def test_what_is_not_a_mapping_is_refused(self, weights: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^weights must be a mapping"):
            allocate(self.TOTAL, weights)  # type: ignore[arg-type]

    @given(
        testing.money(currency="CNY"),
        st.one_of(
            testing.weights(),
            st.dictionaries(
                st.sampled_from("abcde"),
                st.one_of(testing.exact_numbers(), _BAD_WEIGHTS),
                max_size=5,
            ),
        ),
    )
    def test_the_dict_fast_path_answers_and_refuses_as_the_mapping_path(
        self, total: Money, weights: dict[str, Any]
    ) -> None:
        expected = _outcome(total, weights)
        assert _outcome(total, MappingProxyType(weights)) == expected
        assert _outcome(total, _Weights(weights)) == expected


class TestFastPathsAgreeWithTheCheckedOnes:
    """The hot paths build values with validate.trusted; the checked constructors agree."""

    @given(st.integers(-(10**30), 10**30), st.sampled_from(["CNY", "JPY"]))
    def test_arithmetic_results_equal_money_built_from_minor_units(
        self, minor: int, code: str
    ) -> None:
        built = Money.from_minor(minor, code)
        assert -built == Money.from_minor(-minor, code)
        assert built + Money.zero(code) == built
        assert abs(built) == Money.from_minor(abs(minor), code)

    @given(
        st.integers(-(10**6), 10**6),
        st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 9), min_size=1),
    )
    def test_an_allocation_is_one_the_checked_constructor_accepts_unchanged(
        self, minor: int, weights: dict[str, int]
    ) -> None:
        if not any(weights.values()):
            weights["a"] = 1
        split = allocate(Money.from_minor(minor, CNY), weights, clause=P_E3_3)
        rebuilt = Allocation(split.total, split.weights, split.minor_parts, split.extras, P_E3_3)
        assert rebuilt == split
        assert dict(rebuilt) == dict(split)

    @given(
        st.dictionaries(
            st.sampled_from("abc"),
            st.one_of(
                st.integers(-3, 3),
                st.decimals(allow_nan=True, allow_infinity=True, places=1),
                st.floats(),
                st.none(),
            ),
            min_size=1,
        )
    )
    def test_the_int_weights_fast_path_refuses_exactly_what_the_checked_path_refuses(
        self, weights: dict[str, Any]
    ) -> None:
        def usable(w: object) -> bool:
            if isinstance(w, bool) or not isinstance(w, (int, Decimal)):
                return False
            return (not isinstance(w, Decimal) or w.is_finite()) and w >= 0

        expected = all(usable(w) for w in weights.values()) and any(weights.values())
        try:
            allocate(Money("1", CNY), weights)
        except InvalidInputError:
            assert not expected
        else:
            assert expected

    @given(
        st.one_of(
            st.builds(Money.from_minor, st.integers(-100, 100), st.just("CNY")),
            st.integers(),
            st.decimals(allow_nan=False),
            st.none(),
            st.text(max_size=2),
        ),
        st.one_of(
            st.just({"a": 1}),
            st.just(MappingProxyType({"a": 1})),
            st.just([("a", 1)]),
            st.none(),
        ),
        st.sampled_from([None, P_E3_3, "P-E3.3"]),
    )
    def test_allocate_s_guards_refuse_exactly_what_its_checks_refuse(
        self, total: object, weights: object, clause: object
    ) -> None:
        expected = (
            isinstance(total, Money)
            and isinstance(weights, Mapping)
            and (clause is None or clause is P_E3_3)
        )
        try:
            allocate(total, weights, clause=clause)  # type: ignore[arg-type]
        except InvalidInputError:
            assert not expected
        else:
            assert expected


class TestParse:
    """Money.parse reads what str() writes, exactly (a saved text reloads unchanged)."""

    @given(
        testing.money(
            st.sampled_from(sorted(CURRENCIES.values(), key=lambda c: c.code)), max_minor=10**20
        )
    )
    def test_a_money_reloads_from_its_own_text(self, amount: Money) -> None:
        assert Money.parse(str(amount)) == amount
        assert Money.parse(f"{amount.currency.code} {amount.amount}") == amount  # no commas

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("CNY 1,349.99", Money("1349.99", "CNY")),
            ("CNY 1349.99", Money("1349.99", "CNY")),
            ("  CNY -0.01 ", Money("-0.01", "CNY")),  # spaces around it are dropped
            ("CNY 999", Money("999", "CNY")),
            ("CNY 1,000", Money("1000", "CNY")),
            ("JPY 1,000,000", Money("1000000", "JPY")),
            ("USD 0.5", Money("0.50", "USD")),
        ],
    )
    def test_the_written_forms(self, text: str, expected: Money) -> None:
        assert Money.parse(text) == expected

    @pytest.mark.parametrize(
        "text",
        ["CNY1", "cny 1", "CNY  1", "CNY 1,34", "CNY 1,3490", "CNY ,349", "CNY 1e3", "CNY +1",
         "CNY 1.", "CNY .5", "1 CNY", "", None, 5, Decimal("1")],
    )  # fmt: skip
    def test_any_other_text_is_refused_naming_it(self, text: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^text must be a currency code, a space and an amount such as 'CNY 1,349.99', "
            r"got .* \[Money.parse\]$",
        ):
            Money.parse(text)  # type: ignore[arg-type]

    def test_an_amount_finer_than_the_minor_unit_is_refused_not_rounded(self) -> None:
        with pytest.raises(InvalidInputError, match=r"finer than the minor unit of CNY"):
            Money.parse("CNY 1.005")
        with pytest.raises(InvalidInputError, match=r"finer than the minor unit of JPY"):
            Money.parse("JPY 1.5")

    def test_an_unknown_currency_code_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"got 'XBT'"):
            Money.parse("XBT 1.00")
