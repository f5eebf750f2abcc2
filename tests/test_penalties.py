"""Penalties: P-5 fines, the P-E3.4 monthly cap with carry-over, and the statutory guard."""

from __future__ import annotations

import pickle
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy.foundation.clauses import C_12_2, P_3, P_5_1, P_5_2, P_5_3, P_E3_1, P_E3_2, P_E3_4
from custpolicy.foundation.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    ParameterNotSetError,
    PolicyViolationError,
)
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.policy import Policy, SanctionBand
from custpolicy.rules import penalties
from custpolicy.rules.penalties import (
    PRC_WAGE_RULES,
    MonthClose,
    OpenCase,
    PenaltyAccount,
    Sanction,
    Schedule,
    StatutoryRules,
    check_fine,
    sanction_for,
    statutory_check,
)
from custpolicy.testing import money

from .strategies import month_plans


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


ZERO = cny("0")


# -- P-5 ---------------------------------------------------------------------------------------


class TestFines:
    @pytest.mark.parametrize(
        ("sanction", "keywords", "minimum", "clause"),
        [
            (Sanction.WARNING, {}, "400.00", P_5_1),
            (Sanction.WARNING, {"count": 3}, "1200.00", P_5_1),
            (Sanction.MINOR_DEMERIT, {}, "800.00", P_5_2),
            (Sanction.MINOR_DEMERIT, {"count": 2, "base": 3}, "4800.00", P_5_2),
            (Sanction.MINOR_DEMERIT, {"base": Decimal("1.5")}, "1200.00", P_5_2),
            (Sanction.MAJOR_DEMERIT, {"bonus": cny("3000")}, "3000.00", P_5_3),
            (Sanction.MAJOR_DEMERIT, {"bonus": cny("0")}, "0.00", P_5_3),
        ],
    )
    def test_the_minimum_of_each_sanction(
        self, sanction: Sanction, keywords: dict[str, Any], minimum: str, clause: Any
    ) -> None:
        fine = check_fine(sanction, **keywords)
        assert (fine.minimum, fine.amount, fine.valid) == (cny(minimum), cny(minimum), True)
        assert fine.clauses == (clause,)
        assert fine.outside_cap

    @pytest.mark.parametrize(
        ("sanction", "amount", "keywords", "valid"),
        [
            (Sanction.WARNING, "400.00", {}, True),
            (Sanction.WARNING, "399.99", {}, False),
            (Sanction.WARNING, "1000.00", {}, True),
            (Sanction.MINOR_DEMERIT, "1599.99", {"base": 2}, False),
            (Sanction.MINOR_DEMERIT, "1600.00", {"base": 2}, True),
            (Sanction.MAJOR_DEMERIT, "3000.00", {"bonus": cny("3000")}, True),
            (Sanction.MAJOR_DEMERIT, "1500.00", {"bonus": cny("3000")}, False),
            (Sanction.MAJOR_DEMERIT, "3000.01", {"bonus": cny("3000")}, False),
        ],
    )
    def test_a_proposed_amount_is_judged_against_the_minimum(
        self, sanction: Sanction, amount: str, keywords: dict[str, Any], valid: bool
    ) -> None:
        fine = check_fine(sanction, amount=cny(amount), **keywords)
        assert (fine.amount, fine.valid) == (cny(amount), valid)
        assert ("not valid" in fine.explain()) is not valid
        assert ("無效" in fine.explain("zh-Hant")) is not valid

    def test_the_explanations_in_both_languages(self) -> None:
        fine = check_fine(Sanction.MINOR_DEMERIT, amount=cny("1600"), base=2)
        assert fine.explain() == (
            "P-5.2 minor demerit x 1: the fine must be at least CNY 800.00 x 1 x base 2 = "
            "CNY 1,600.00\n"
            "P-5.2 the proposed CNY 1,600.00 is at least the minimum CNY 1,600.00: valid"
        )
        assert fine.explain("zh-Hant") == (
            "P-5.2 小過1次：罰扣至少CN¥800.00 × 1 × 基數2 = CN¥1,600.00\n"
            "P-5.2 擬罰扣CN¥1,600.00不低於最低額CN¥1,600.00：有效"
        )
        major = check_fine(Sanction.MAJOR_DEMERIT, amount=cny("10"), bonus=cny("10"))
        assert "the whole month's performance bonus, CNY 10.00, is forfeited, outside" in (
            major.explain()
        )
        assert "當月效益獎金CN¥10.00全額罰扣" in major.explain("zh-Hant")
        assert "即全額獎金：有效" in major.explain("zh-Hant")

    def test_the_minimums_come_from_the_policy(self) -> None:
        policy = Policy().updated({"penalties.warning_minimum": cny("500")})
        assert check_fine(Sanction.WARNING, policy=policy).minimum == cny("500")

    def test_labels_and_repr(self) -> None:
        assert Sanction.MAJOR_DEMERIT.label("en") == "major demerit or worse"
        assert [s.label("zh-Hant") for s in Sanction] == ["警告", "小過", "大過以上"]
        assert repr(Sanction.WARNING) == "Sanction.WARNING"

    @pytest.mark.parametrize(
        ("sanction", "keywords", "message"),
        [
            ("warning", {}, "sanction must be a Sanction"),
            (Sanction.WARNING, {"count": 0}, "count must be an int of at least 1, got 0"),
            (Sanction.WARNING, {"count": True}, "count must be an int of at least 1"),
            (
                Sanction.WARNING,
                {"base": 2},
                re.escape(
                    "base must be 1 for a warning: only a minor demerit has one, got 2 "
                    "[check_fine P-5.1]"
                ),
            ),
            (Sanction.MINOR_DEMERIT, {"base": 0}, "base must be positive"),
            (Sanction.MINOR_DEMERIT, {"base": 1.5}, "floats are inexact"),
            (Sanction.MINOR_DEMERIT, {"base": "2"}, "base must be a Decimal or an int"),
            (Sanction.MAJOR_DEMERIT, {}, "bonus must be given"),
            (Sanction.MAJOR_DEMERIT, {"bonus": cny("-1")}, "bonus must be Money of at least 0"),
            (Sanction.WARNING, {"amount": 400}, "amount must be Money of at least 0, got 400"),
            (Sanction.WARNING, {"amount": 400.0}, "floats are inexact"),
            (Sanction.WARNING, {"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(
        self, sanction: Any, keywords: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            check_fine(sanction, **keywords)

    def test_an_amount_in_another_currency_is_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="amount must be in CNY"):
            check_fine(Sanction.WARNING, amount=Money("400", "TWD"))


# -- the statutory guard -----------------------------------------------------------------------


class TestStatutoryGuard:
    """PRC 《工資支付暫行規定》 art. 16: 20 % of the wage for losses, the minimum wage after all."""

    @pytest.mark.parametrize(
        ("deduction", "other", "wage", "minimum", "limit", "lawful", "over", "below"),
        [
            ("800.00", "0", "4000.00", "2490.00", "800.00", "800.00", False, False),
            ("800.01", "0", "4000.00", "2490.00", "800.00", "800.00", True, False),
            ("500.00", "0", "2800.00", "2490.00", "560.00", "310.00", False, True),
            ("0.00", "0", "2000.00", "2490.00", "400.00", "0.00", False, True),
            ("100.00", "0", "0.01", "0.00", "0.00", "0.00", True, True),
            ("0.00", "0", "0.00", "0.00", "0.00", "0.00", False, False),
            # the wage left counts every deduction: fines and a forfeit too
            ("300.00", "1300.00", "4000.00", "2490.00", "800.00", "800.00", False, True),
            ("300.00", "1210.00", "4000.00", "2490.00", "800.00", "800.00", False, False),
        ],
    )
    def test_worked_cases(
        self,
        deduction: str,
        other: str,
        wage: str,
        minimum: str,
        limit: str,
        lawful: str,
        over: bool,
        below: bool,
    ) -> None:
        check = statutory_check(
            cny(deduction), wage=cny(wage), minimum_wage=cny(minimum), other_deductions=cny(other)
        )
        assert (check.limit, check.lawful_maximum) == (cny(limit), cny(lawful))
        assert (check.over_limit, check.below_minimum) == (over, below)
        assert check.conflict is (over or below)
        assert check.taken == cny(deduction) + cny(other)
        assert check.wage_left == cny(wage) - cny(deduction) - cny(other)
        assert check.statute is PRC_WAGE_RULES

    def test_the_statute_is_cited_not_a_company_clause(self) -> None:
        check = statutory_check(cny("600.00"), wage=cny("2800.00"), minimum_wage=cny("2490.00"))
        assert check.clauses == ()
        assert all(
            line.startswith("PRC 《工資支付暫行規定》第十六條 (")
            for line in check.explain().splitlines()
        )
        assert all(
            line.startswith("《工資支付暫行規定》第十六條：")
            for line in check.explain("zh-Hant").splitlines()
        )
        assert "P-E3.4" not in check.explain() + check.explain("zh-Hant")

    def test_the_conflict_shows_the_lawful_maximum_beside_the_deduction(self) -> None:
        check = statutory_check(
            cny("600.00"),
            wage=cny("2800.00"),
            minimum_wage=cny("2490.00"),
            other_deductions=cny("100.00"),
        )
        en, zh = check.explain(), check.explain("zh-Hant")
        assert (
            "the law allows at most CNY 310.00 to be deducted for losses this month (the lesser "
            "of 20 % of the wage CNY 2,800.00 = CNY 560.00 and the wage less the local minimum "
            "wage CNY 2,490.00 = CNY 310.00); the company rule deducts CNY 600.00 for losses, "
            "CNY 290.00 over the legal maximum: conflict with the statute"
        ) in en
        assert (
            "the month's deductions come to CNY 700.00 (including fines and forfeits of "
            "CNY 100.00); the wage left, CNY 2,100.00, is below the local minimum wage "
            "CNY 2,490.00: conflict with the statute"
        ) in en
        assert "本月依法最多可扣除損失賠償CN¥310.00（工資CN¥2,800.00的20%即CN¥560.00，" in zh
        assert "公司制度本月扣除損失賠償CN¥600.00，超出法定上限CN¥290.00，與該規定抵觸" in zh
        assert "本月全部扣除合計CN¥700.00（含行政罰扣CN¥100.00），剩餘工資CN¥2,100.00低於" in zh

    def test_a_deduction_within_the_law_says_so(self) -> None:
        check = statutory_check(cny("10"), wage=cny("4000"), minimum_wage=cny("2490"))
        assert "over the legal maximum" not in check.explain()
        assert "抵觸" not in check.explain("zh-Hant")
        assert "不低於當地最低工資" in check.explain("zh-Hant")

    def test_another_jurisdiction_swaps_the_statutory_rules(self) -> None:
        other = StatutoryRules(
            statute_en="Wage Act s. 9",
            statute_zh="工資法第九條",
            loss_deduction_ratio=Decimal("0.25"),
        )
        check = statutory_check(cny("900"), wage=cny("4000"), minimum_wage=ZERO, statute=other)
        assert (check.limit, check.over_limit) == (cny("1000"), False)
        assert check.explain().startswith("Wage Act s. 9: the law allows at most CNY 1,000.00")
        assert check.explain("zh-Hant").startswith("工資法第九條：")

    def test_the_company_cannot_edit_the_statutory_share_in_its_policy(self) -> None:
        assert "penalties.statutory_deduction_ratio" not in [p.path for p in Policy().parameters()]
        with pytest.raises(InvalidInputError, match="must name a policy parameter"):
            Policy().updated({"penalties.statutory_deduction_ratio": "0.5"})

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [
            ({"statute_en": ""}, "statute_en must be a non-empty str"),
            ({"statute_zh": None}, "statute_zh must be a non-empty str"),
            ({"loss_deduction_ratio": 0.2}, "floats are inexact"),
            ({"loss_deduction_ratio": Decimal(2)}, "must be a Decimal from 0 to 1"),
        ],
    )
    def test_bad_statutory_rules_are_refused(self, keywords: dict[str, Any], message: str) -> None:
        arguments: dict[str, Any] = {
            "statute_en": "x",
            "statute_zh": "x",
            "loss_deduction_ratio": Decimal("0.2"),
        }
        arguments.update(keywords)
        with pytest.raises(InvalidInputError, match=rf"{message}.*\[StatutoryRules\]"):
            StatutoryRules(**arguments)

    @pytest.mark.parametrize(
        ("deduction", "keywords", "message"),
        [
            (100, {}, "deduction must be Money"),
            (cny("-1"), {}, "deduction must be Money of at least 0"),
            (cny("1"), {"wage": cny("-1")}, "wage must be Money of at least 0"),
            (cny("1"), {"minimum_wage": 2490.0}, "floats are inexact"),
            (
                cny("1"),
                {"other_deductions": cny("-1")},
                "other_deductions must be Money of at least 0",
            ),
            (cny("1"), {"statute": "PRC"}, "statute must be a StatutoryRules"),
            (cny("1"), {"policy": "p"}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(
        self, deduction: Any, keywords: dict[str, Any], message: str
    ) -> None:
        arguments: dict[str, Any] = {"wage": cny("4000"), "minimum_wage": cny("2490")}
        arguments.update(keywords)
        with pytest.raises(InvalidInputError, match=message):
            statutory_check(deduction, **arguments)

    def test_mixed_currencies_are_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="wage must be in CNY"):
            statutory_check(cny("1"), wage=Money("1", "TWD"), minimum_wage=ZERO)

    @given(
        deduction=money(min_minor=0, max_minor=10**6),
        other=money(min_minor=0, max_minor=10**6),
        wage=money(min_minor=0, max_minor=10**6),
        minimum=money(min_minor=0, max_minor=10**6),
    )
    def test_a_conflict_exactly_when_the_law_is_broken(
        self, deduction: Money, other: Money, wage: Money, minimum: Money
    ) -> None:
        check = statutory_check(deduction, wage=wage, minimum_wage=minimum, other_deductions=other)
        assert check.lawful_maximum <= check.limit <= wage
        assert check.conflict == (
            deduction.minor * 5 > wage.minor or wage - deduction - other < minimum
        )
        if deduction > check.lawful_maximum:
            assert check.conflict  # above the lawful maximum is always a conflict


# -- P-E3.1, P-E3.2, P-E3.4: the penalty account ----------------------------------------------


def start() -> PenaltyAccount:
    return PenaltyAccount.start("Chen", 2026, 1)


def close(
    account: PenaltyAccount,
    bonus: Any,
    *,
    charges: Any = None,
    approve: bool = True,
    **keywords: Any,
) -> MonthClose:
    """Close the account's next month; every charge given is approved (C-12.2) unless told."""
    approved = (
        {case for case in charges if isinstance(case, str)}
        if approve and isinstance(charges, dict)
        else set()
    )
    return account.close_month(
        account.year, account.month, bonus, charges=charges, approved=approved, **keywords
    )


def close_all(
    account: PenaltyAccount, bonuses: Any, *, charges: Any = None, **keywords: Any
) -> Schedule:
    """Close the account's next months in a row; every charge given is approved (C-12.2)."""
    approved = [
        {case for case in c if isinstance(case, str)} if isinstance(c, dict) else None
        for c in (charges if isinstance(charges, (list, tuple)) else ())
    ]
    return account.close_months(
        account.year, account.month, bonuses, charges=charges, approved=approved, **keywords
    )


class TestMonthlyCap:
    def test_the_worked_carry_over_across_three_months(self) -> None:
        first = close(start(), cny("1000.00"), charges={"260101": cny("1300.00")})
        second = close(first.account, cny("800.00"))
        third = close(second.account, cny("1000.00"))
        assert [m.deducted for m in (first, second, third)] == [
            cny("500.00"),
            cny("400.00"),
            cny("400.00"),
        ]
        assert [m.carried for m in (first, second, third)] == [
            cny("800.00"),
            cny("400.00"),
            cny("0.00"),
        ]
        assert [(m.year, m.month) for m in (first, second, third)] == [
            (2026, 1),
            (2026, 2),
            (2026, 3),
        ]
        assert third.account.imposed == third.account.deducted == cny("1300.00")

    def test_the_cap_is_rounded_down_to_the_fen(self) -> None:
        closed = close(start(), cny("1000.01"), charges={"a": cny("999")})
        assert closed.cap == closed.deducted == cny("500.00")
        assert closed.carried == cny("499.00")

    def test_a_month_with_no_bonus_deducts_nothing(self) -> None:
        closed = close(start(), ZERO, charges={"a": cny("100")})
        assert (closed.cap, closed.deducted, closed.carried) == (ZERO, ZERO, cny("100"))
        assert "no bonus this month, so nothing is deducted" in closed.explain()
        assert "本月無效益獎金，不予扣除" in closed.explain("zh-Hant")

    def test_the_oldest_case_goes_first_then_by_case_number(self) -> None:
        first = close(start(), cny("100"), charges={"b": cny("80"), "a": cny("30")})
        assert first.deductions == (("a", cny("30")), ("b", cny("20")))
        second = close(first.account, cny("100"), charges={"0": cny("100")})
        assert second.deductions == (("b", cny("50")),)
        assert [c.case for c in second.account.open_cases] == ["b", "0"]
        assert second.account.open_cases[0] == OpenCase("b", 2026, 1, cny("80"), cny("10"))

    def test_december_closes_into_january_of_the_next_year(self) -> None:
        closed = close(PenaltyAccount.start("Chen", 2026, 12), cny("1"))
        assert (closed.account.year, closed.account.month) == (2027, 1)

    def test_the_cap_ratio_comes_from_the_policy(self) -> None:
        policy = Policy().updated({"penalties.monthly_cap_ratio": "0.3"})
        closed = close(start(), cny("1000"), charges={"a": cny("999")}, policy=policy)
        assert closed.deducted == cny("300")
        assert "at most 30 % of it, rounded down: CNY 300.00" in closed.explain()

    def test_the_company_receives_the_deductions_and_the_fines(self) -> None:
        warning = check_fine(Sanction.WARNING)
        closed = close(start(), cny("1000"), charges={"a": cny("999")}, fines=[warning])
        assert (closed.fines, closed.cap, closed.deducted) == (cny("400"), cny("500"), cny("500"))
        assert closed.company_receives == cny("900")
        assert P_E3_1 in closed.clauses

    def test_fines_are_taken_first_and_the_deduction_never_exceeds_the_bonus_left(self) -> None:
        fines = (check_fine(Sanction.MINOR_DEMERIT, base=Decimal("1.5")),)
        closed = close(start(), cny("1500"), charges={"a": cny("999")}, fines=fines)
        assert (closed.fines, closed.deducted, closed.carried) == (
            cny("1200"),
            cny("300"),
            cny("699"),
        )

    def test_a_major_demerit_forfeits_the_bonus_and_every_charge_carries(self) -> None:
        major = check_fine(Sanction.MAJOR_DEMERIT, bonus=cny("3000"))
        closed = close(start(), cny("3000"), charges={"a": cny("100")}, fines=(major,))
        assert (closed.fines, closed.deducted, closed.carried) == (cny("3000"), ZERO, cny("100"))
        assert closed.company_receives == cny("3000")
        assert P_5_3 in closed.clauses

    def test_fines_above_the_bonus_are_reported_not_carried(self) -> None:
        warnings = check_fine(Sanction.WARNING, count=2)
        closed = close(start(), cny("500"), fines=[warnings])
        assert (closed.fines, closed.fines_uncovered) == (cny("500"), cny("300"))
        assert closed.account.outstanding == ZERO
        assert "CNY 300.00 of them is left to payroll, not carried" in closed.explain()
        assert "其中CN¥300.00交由工資結算處理，不予結轉" in closed.explain("zh-Hant")

    def test_the_explanation_of_a_month(self) -> None:
        first = close(start(), cny("1000.00"), charges={"260101": cny("1300.00")})
        second = close(first.account, cny("800.00"), charges={"260201": cny("50.00")})
        assert second.explain().splitlines() == [
            (
                "P-E3.4 Chen, 2026-02: performance bonus CNY 800.00; complaint deductions may "
                "take at most 50 % of it, rounded down: CNY 400.00"
            ),
            "P-E3.2 case 260201 charges CNY 50.00 this month",
            "P-E3.4 CNY 800.00 was carried in from earlier months and is taken first",
            "P-E3.4 case 260101: CNY 400.00 deducted",
            (
                "P-E3.1 deducted from the bonus this month: CNY 400.00; the company receives "
                "CNY 400.00"
            ),
            "P-E3.4 CNY 450.00 is carried into the next month",
        ]
        zh = second.explain("zh-Hant")
        assert "Chen，2026-02：效益獎金CN¥800.00；投訴罰扣最高為其50%" in zh
        assert "前期結轉CN¥800.00，優先扣除" in zh
        assert "CN¥450.00結轉至下月分期扣除" in zh
        assert second.clauses == (P_E3_4, P_E3_2, P_E3_1)
        assert second.brought_forward == cny("800")
        assert second.charged == (("260201", cny("50")),)
        assert second.person == "Chen"

    def test_the_statutory_guard_reports_without_changing_the_deduction(self) -> None:
        closed = close(
            start(),
            cny("2000"),
            charges={"a": cny("5000")},
            wage=cny("4000"),
            minimum_wage=cny("2490"),
        )
        assert closed.deducted == cny("1000")
        assert closed.statutory is not None
        assert closed.statutory.conflict
        assert (closed.statutory.deduction, closed.statutory.limit) == (cny("1000"), cny("800"))
        assert closed.statutory.lawful_maximum == cny("800")
        assert "CNY 200.00 over the legal maximum: conflict with the statute" in closed.explain()

    def test_without_wage_figures_there_is_no_statutory_check(self) -> None:
        assert close(start(), cny("1")).statutory is None

    def test_a_zero_charge_is_recorded_and_closes_at_once(self) -> None:
        closed = close(start(), cny("100"), charges={"a": ZERO})
        assert closed.charged == (("a", ZERO),)
        assert closed.deductions == ()
        assert closed.account.open_cases == ()

    @pytest.mark.parametrize(
        ("bonus", "keywords", "message"),
        [
            (1000, {}, "bonus must be Money"),
            (cny("-1"), {}, "bonus must be Money of at least 0"),
            (
                cny("1"),
                {"charges": [("a", cny("1"))]},
                "charges must be None or a mapping of case identifiers to Money, got ",
            ),
            (cny("1"), {"charges": {1: cny("1")}}, "each case must be a non-empty str, got 1"),
            (cny("1"), {"charges": {"": cny("1")}}, "each case must be a non-empty str"),
            (
                cny("1"),
                {"charges": {"a": cny("-1")}},
                "charge of case 'a' must be Money of at least 0",
            ),
            (cny("1"), {"charges": {"a": 1.0}}, "floats are inexact"),
            (cny("1"), {"fines": "warning"}, "fines must be a sequence of Fine values"),
            (cny("1"), {"fines": [cny("400")]}, "fines must be a sequence of Fine values"),
            (
                cny("1"),
                {"fines": [check_fine(Sanction.WARNING, amount=cny("1"))]},
                "fines must be valid, got CNY 1.00 for a warning below its minimum CNY 400.00",
            ),
            (cny("1"), {"wage": cny("4000")}, "wage and minimum_wage must be given together"),
            (cny("1"), {"minimum_wage": cny("1")}, "wage and minimum_wage must be given together"),
            (cny("1"), {"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(self, bonus: Any, keywords: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            close(start(), bonus, **keywords)

    def test_a_case_already_open_is_refused(self) -> None:
        account = close(start(), ZERO, charges={"a": cny("1")}).account
        with pytest.raises(PolicyViolationError, match="case 'a' is already charged to Chen's"):
            close(account, ZERO, charges={"a": cny("1")})

    @pytest.mark.parametrize("argument", ["bonus", "wage"])
    def test_another_currency_is_refused(self, argument: str) -> None:
        amounts: dict[str, Any] = {"bonus": cny("1"), "wage": cny("1"), "minimum_wage": ZERO}
        amounts[argument] = Money("1", "TWD")
        bonus = amounts.pop("bonus")
        with pytest.raises(CurrencyMismatchError, match=f"{argument} must be in CNY"):
            close(start(), bonus, **amounts)

    def test_a_fine_in_another_currency_is_refused(self) -> None:
        fine = check_fine(Sanction.WARNING)
        usd = attrs.evolve(fine, amount=Money("400", "USD"))
        with pytest.raises(CurrencyMismatchError, match="fine amount must be in CNY"):
            close(start(), cny("1"), fines=[usd])


class TestPenaltyAccount:
    def test_an_account_in_another_currency(self) -> None:
        account = PenaltyAccount.start("Chen", 2026, 1, "TWD")
        assert account.currency.code == "TWD"
        assert account.outstanding == Money("0", "TWD")

    def test_an_account_can_be_built_from_its_fields(self) -> None:
        case = OpenCase("a", 2026, 1, cny("10"), cny("4"))
        account = PenaltyAccount("Chen", 2026, 3, (case,), cny("10"), cny("6"))
        assert account.outstanding == cny("4")
        assert eval(repr(account)) == account

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (("", 2026, 1, (), ZERO, ZERO), "person must be a non-empty str"),
            (("C", 2026, 13, (), ZERO, ZERO), "month must be an int from 1 to 12, got 13"),
            (("C", 0, 1, (), ZERO, ZERO), "year must be an int from 1 to 9999, got 0"),
            (("C", 2026, 1, [], ZERO, ZERO), "open_cases must be a tuple of OpenCase"),
            (("C", 2026, 1, (), ZERO, cny("1")), "imposed must equal deducted plus the outst"),
            (
                ("C", 2026, 1, (OpenCase("a", 2026, 1, cny("1"), cny("1")),) * 2, cny("2"), ZERO),
                "case 'a' is listed twice",
            ),
            (("C", 2026, 1, (), cny("-1"), ZERO), "imposed must be Money of at least 0"),
        ],
    )
    def test_an_inconsistent_account_is_refused(
        self, arguments: tuple[Any, ...], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            PenaltyAccount(*arguments)

    def test_an_outstanding_amount_in_another_currency_is_refused(self) -> None:
        case = OpenCase("a", 2026, 1, Money("1", "TWD"), Money("1", "TWD"))
        with pytest.raises(CurrencyMismatchError, match="outstanding of case 'a' must be in"):
            PenaltyAccount("C", 2026, 1, (case,), cny("1"), ZERO)

    @pytest.mark.parametrize(
        ("arguments", "error", "message"),
        [
            ((None, 2026, 3, cny("10"), cny("4")), InvalidInputError, "case must be a non-empty"),
            (("  ", 2026, 3, cny("10"), cny("4")), InvalidInputError, "case must be a non-empty"),
            (("a", 2026, 13, cny("10"), cny("4")), InvalidInputError, "month must be an int from"),
            (("a", 2026.0, 3, cny("10"), cny("4")), InvalidInputError, "year must be an int from"),
            (
                ("a", 2026, 3, 10, cny("4")),
                InvalidInputError,
                "amount must be Money of at least 0, got 10",
            ),
            (("a", 2026, 3, cny("10"), 4.0), InvalidInputError, "outstanding must be Money"),
            (
                ("a", 2026, 3, cny("10"), cny("-1")),
                InvalidInputError,
                "outstanding must be Money of at least 0",
            ),
            (("a", 2026, 3, cny("10"), cny("10.01")), InvalidInputError, "must not exceed the am"),
            (("a", 2026, 3, cny("1"), Money("1", "TWD")), CurrencyMismatchError, "must be in CNY"),
        ],
    )
    def test_an_open_case_built_by_hand_is_checked(
        self, arguments: tuple[Any, ...], error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=rf"{message}.*\[OpenCase P-E3\.2\]"):
            OpenCase(*arguments)

    def test_an_unknown_currency_code_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="currency must be a Currency or one of"):
            PenaltyAccount.start("Chen", 2026, 1, "XXX")

    # -- properties --

    @settings(max_examples=300)
    @given(plan=month_plans())
    def test_imposed_equals_deducted_plus_outstanding_and_no_month_exceeds_its_cap(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        imposed = ZERO
        for bonus, charges in plan:
            closed = close(account, bonus, charges=charges)
            imposed += sum(charges.values(), ZERO)
            assert closed.deducted <= closed.cap <= bonus
            assert closed.cap.minor == bonus.minor // 2
            assert sum((a for _, a in closed.deductions), ZERO) == closed.deducted
            assert closed.brought_forward + sum(charges.values(), ZERO) == (
                closed.deducted + closed.carried
            )
            account = closed.account
            assert account.imposed == imposed == account.deducted + account.outstanding
            if closed.carried:
                assert closed.deducted == closed.cap  # carry only when the cap is used up

    @settings(max_examples=300)
    @given(plan=month_plans(), data=st.data())
    def test_the_order_of_a_months_cases_does_not_matter(
        self, plan: list[tuple[Money, dict[str, Money]]], data: st.DataObject
    ) -> None:
        first, second = start(), start()
        for bonus, charges in plan:
            shuffled = dict(data.draw(st.permutations(list(charges.items()))))
            a = close(first, bonus, charges=charges)
            b = close(second, bonus, charges=shuffled)
            assert a.deductions == b.deductions
            first, second = a.account, b.account
            assert first == second

    @settings(max_examples=200)
    @given(plan=month_plans())
    def test_a_zero_bonus_deducts_nothing(self, plan: list[tuple[Money, dict[str, Money]]]) -> None:
        account = start()
        for _, charges in plan:
            closed = close(account, ZERO, charges=charges)
            assert closed.deducted == ZERO
            assert closed.deductions == ()
            account = closed.account
        assert account.deducted == ZERO

    @settings(max_examples=200)
    @given(plan=month_plans())
    def test_carry_over_clears_when_bonuses_are_large_enough(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        for bonus, charges in plan:
            account = close(account, bonus, charges=charges).account
        owed = account.outstanding
        closed = close(account, owed + owed)  # the cap is the whole balance
        assert closed.deducted == owed
        assert closed.account.outstanding == ZERO
        assert closed.account.open_cases == ()

    @settings(max_examples=200)
    @given(plan=month_plans())
    def test_the_result_is_a_value_closing_twice_gives_the_same(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        for bonus, charges in plan:
            a = close(account, bonus, charges=charges)
            assert a == close(account, bonus, charges=charges)
            assert isinstance(a, MonthClose)
            account = a.account

    @settings(max_examples=200)
    @given(plan=month_plans())
    def test_deductions_take_the_oldest_cases_first(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        for bonus, charges in plan:
            closed = close(account, bonus, charges=charges)
            order = [c.case for c in account.open_cases] + sorted(c for c in charges if charges[c])
            taken = [case for case, _ in closed.deductions]
            assert taken == order[: len(taken)]
            # every case before the last one touched was cleared in full
            left = {c.case for c in closed.account.open_cases}
            assert not left & set(taken[:-1])
            account = closed.account


class TestCloseMonths:
    def test_the_worked_carry_over_in_one_call(self) -> None:
        plan = close_all(
            start(),
            [cny("1000.00"), ZERO, cny("1200.01"), cny("1000.00")],
            charges=[{"260101": cny("1349.99")}, None, {}],
        )
        assert plan.deducted == (cny("500"), ZERO, cny("600"), cny("249.99"))
        assert plan.carried == (cny("849.99"), cny("849.99"), cny("249.99"), ZERO)
        assert (plan.account.year, plan.account.month) == (2026, 5)
        assert plan.explain().splitlines()[0].startswith("P-E3.4 Chen, 2026-01: performance bonus")
        assert len(plan.months) == 4

    def test_open_cases_from_earlier_months_go_first_and_stay_open_when_unpaid(self) -> None:
        account = close(start(), ZERO, charges={"z": cny("10")}).account
        plan = close_all(account, [cny("10"), ZERO], charges=[{"a": cny("10")}])
        assert plan.deducted == (cny("5"), ZERO)
        assert [(c.case, c.outstanding) for c in plan.account.open_cases] == [
            ("z", cny("5")),
            ("a", cny("10")),
        ]
        assert plan.account.open_cases[0].year == 2026
        assert plan.account.open_cases[1].month == 2

    def test_no_months_leave_the_account_as_it_was(self) -> None:
        plan = close_all(start(), ())
        assert plan.account == start()
        assert plan.deducted == ()
        assert plan.explain() == ""

    def test_december_rolls_into_the_next_year(self) -> None:
        plan = close_all(PenaltyAccount.start("Chen", 2026, 12), [ZERO, ZERO])
        assert (plan.account.year, plan.account.month) == (2027, 2)

    def test_a_bonus_in_an_equal_currency_value_is_accepted(self) -> None:
        same = Money("10", Currency("CNY", 2))
        plan = close_all(start(), [same], charges=[{"a": Money("4", Currency("CNY", 2))}])
        assert plan.deducted == (cny("4"),)
        assert close(start(), same).cap == cny("5")

    @pytest.mark.parametrize(
        ("bonuses", "keywords", "message"),
        [
            (cny("1"), {}, "bonuses must be a list or tuple of Money"),
            ([1000], {}, r"bonuses\[0\] must be Money"),
            ([cny("-1")], {}, r"bonuses\[0\] must be Money of at least 0"),
            ([cny("1")], {"charges": [{}, {}]}, "charges must be a list or tuple of at most one"),
            ([cny("1")], {"charges": {"a": cny("1")}}, "charges must be a list or tuple"),
            (
                [cny("1")],
                {"charges": [[("a", cny("1"))]]},
                r"charges\[0\] must be None or a mapping of case identifiers to Money, got ",
            ),
            ([cny("1")], {"charges": [{1: cny("1")}]}, "each case must be a non-empty str"),
            (
                [cny("1")],
                {"charges": [{"a": cny("-1")}]},
                "charge of case 'a' must be Money of at least 0",
            ),
            ([cny("1")], {"charges": [{"a": 1.0}]}, "floats are inexact"),
            ([cny("1")], {"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(
        self, bonuses: Any, keywords: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            close_all(start(), bonuses, **keywords)

    def test_a_case_charged_twice_is_refused(self) -> None:
        with pytest.raises(PolicyViolationError, match="case 'a' is already charged to Chen's"):
            close_all(start(), [ZERO, ZERO], charges=[{"a": cny("1")}, {"a": cny("1")}])

    def test_a_charge_in_another_currency_is_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="charge of case 'a' must be in CNY"):
            close_all(start(), [ZERO], charges=[{"a": Money("1", "TWD")}])

    @settings(max_examples=300)
    @given(plan=month_plans())
    def test_it_agrees_with_closing_month_by_month(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        batch = close_all(account, [b for b, _ in plan], charges=[c for _, c in plan])
        assert isinstance(batch, Schedule)
        months = []
        for bonus, charges in plan:
            closed = close(account, bonus, charges=charges)
            months.append(closed)
            account = closed.account
        assert batch.account == account
        assert batch.deducted == tuple(m.deducted for m in months)
        assert batch.carried == tuple(m.carried for m in months)
        assert batch.months == tuple(months)
        assert batch.account.imposed == batch.account.deducted + batch.account.outstanding


# -- P-5 fines in the month's close, and the cap (revision 2) ------------------------------------


class TestFinesInTheMonth:
    def test_a_warning_is_explained_under_p_5_1_never_p_5_3(self) -> None:
        closed = close(start(), cny("1000"), fines=[check_fine(Sanction.WARNING)])
        fine_lines = [line for line in closed.explain().splitlines() if "fine of" in line]
        assert fine_lines == [
            "P-5.1 warning x 1: a fine of CNY 400.00 is taken from the bonus, outside the cap"
        ]
        assert P_5_3 not in closed.clauses
        assert "P-5.1 警告1次：自效益獎金罰扣CN¥400.00，不受上限限制" in closed.explain("zh-Hant")

    def test_each_fine_has_its_own_line_and_clause(self) -> None:
        fines = [
            check_fine(Sanction.WARNING, count=2),
            check_fine(Sanction.MINOR_DEMERIT, base=2),
        ]
        closed = close(start(), cny("5000"), fines=fines)
        lines = [line for line in closed.explain().splitlines() if "fine of" in line]
        assert lines == [
            "P-5.1 warning x 2: a fine of CNY 800.00 is taken from the bonus, outside the cap",
            (
                "P-5.2 minor demerit x 1: a fine of CNY 1,600.00 is taken from the bonus, "
                "outside the cap"
            ),
        ]

    @pytest.mark.parametrize(
        ("against", "deducted", "carried"),
        [
            (False, "500.00", "499.00"),  # the default: fines outside the cap
            (True, "100.00", "899.00"),  # the parameter: the CNY 400 warning uses up the cap
        ],
    )
    def test_fines_are_outside_the_cap_unless_the_company_counts_them(
        self, against: bool, deducted: str, carried: str
    ) -> None:
        policy = Policy().updated({"penalties.fines_count_against_cap": against})
        warning = check_fine(Sanction.WARNING, policy=policy)
        assert warning.outside_cap is not against
        closed = close(
            start(), cny("1000"), charges={"a": cny("999")}, fines=[warning], policy=policy
        )
        assert (closed.fines, closed.deducted, closed.carried) == (
            cny("400"),
            cny(deducted),
            cny(carried),
        )
        assert closed.deducted + (closed.fines if against else ZERO) <= closed.cap
        if against:
            assert (
                "P-E3.4 the fines of CNY 400.00 count against the cap "
                "(penalties.fines_count_against_cap), leaving CNY 100.00 for complaint deductions"
            ) in closed.explain()

    def test_a_forfeit_stays_outside_the_cap_even_when_fines_count(self) -> None:
        policy = Policy().updated({"penalties.fines_count_against_cap": True})
        major = check_fine(Sanction.MAJOR_DEMERIT, bonus=cny("3000"), policy=policy)
        assert major.outside_cap
        closed = close(start(), cny("3000"), fines=[major], policy=policy)
        assert closed.counted_minor == 0
        assert "P-5.3 major demerit or worse x 1: a fine of CNY 3,000.00" in closed.explain()

    def test_fines_above_the_cap_when_counted_leave_nothing_for_complaints(self) -> None:
        policy = Policy().updated({"penalties.fines_count_against_cap": True})
        fine = check_fine(Sanction.MINOR_DEMERIT, policy=policy)
        closed = close(start(), cny("1000"), charges={"a": cny("5")}, fines=[fine], policy=policy)
        assert (closed.fines, closed.deducted, closed.carried) == (cny("800"), ZERO, cny("5"))

    def test_a_major_demerit_must_take_this_months_whole_bonus(self) -> None:
        major = check_fine(Sanction.MAJOR_DEMERIT, bonus=cny("3000"))
        with pytest.raises(
            InvalidInputError,
            match=re.escape(
                "fine amount must equal this month's whole bonus CNY 2,500.00 (a major demerit "
                "forfeits it), got Money('3000.00', 'CNY') [close_month P-E3.4 P-5.3]"
            ),
        ):
            close(start(), cny("2500"), fines=[major])

    @pytest.mark.parametrize(
        ("sanction", "keywords", "minimum"),
        [
            (Sanction.WARNING, {"count": 2}, "800.00"),  # P-5.1: 400 per warning
            (Sanction.MINOR_DEMERIT, {"count": 2}, "1600.00"),  # P-5.2: 800 per demerit
            (Sanction.MINOR_DEMERIT, {"count": 2, "base": 3}, "4800.00"),  # x the base
            (Sanction.MAJOR_DEMERIT, {"count": 2, "bonus": cny("2500")}, "2500.00"),  # P-5.3
        ],
    )
    def test_the_revision_2_readings_of_p_5(
        self, sanction: Sanction, keywords: dict[str, Any], minimum: str
    ) -> None:
        assert check_fine(sanction, **keywords).minimum == cny(minimum)

    @settings(max_examples=200)
    @given(
        plan=month_plans(),
        warnings=st.lists(st.integers(min_value=0, max_value=3), min_size=8, max_size=8),
        against=st.booleans(),
    )
    def test_no_month_over_its_cap(
        self, plan: list[tuple[Money, dict[str, Money]]], warnings: list[int], against: bool
    ) -> None:
        policy = Policy().updated({"penalties.fines_count_against_cap": against})
        account = start()
        for (bonus, charges), count in zip(plan, warnings, strict=False):
            fines = [check_fine(Sanction.WARNING, count=count, policy=policy)] if count else []
            closed = close(account, bonus, charges=charges, fines=fines, policy=policy)
            counted = closed.fines.minor if against else 0
            assert closed.deducted.minor <= max(0, closed.cap.minor - counted)
            assert closed.deducted + closed.fines <= bonus
            assert closed.brought_forward + sum(charges.values(), ZERO) == (
                closed.deducted + closed.carried + closed.held_back
            )
            account = closed.account


# -- P-3: the sanction table ---------------------------------------------------------------------


def band(sanction: str | None, lower: str, upper: str | None, **keywords: Any) -> SanctionBand:
    return SanctionBand(
        sanction=sanction, lower=cny(lower), upper=None if upper is None else cny(upper), **keywords
    )


TABLE = (
    band(None, "0", "1000"),
    band("warning", "1000", "5000"),
    band("minor demerit", "5000", "20000"),
    band("minor demerit", "20000", "50000", count=2),
    band("major demerit", "50000", None),
)
COMPANY = Policy().updated({"penalties.sanction_table": TABLE})


class TestSanctionTable:
    @pytest.mark.parametrize(
        ("amount", "sanction", "count", "index"),
        [
            ("0.00", None, 1, 1),
            ("999.99", None, 1, 1),
            ("1000.00", Sanction.WARNING, 1, 2),
            ("4999.99", Sanction.WARNING, 1, 2),
            ("5000.00", Sanction.MINOR_DEMERIT, 1, 3),
            ("20000.00", Sanction.MINOR_DEMERIT, 2, 4),
            ("50000.00", Sanction.MAJOR_DEMERIT, 1, 5),
            ("9999999.99", Sanction.MAJOR_DEMERIT, 1, 5),
        ],
    )
    def test_the_band_of_the_amount_borne_gives_the_sanction(
        self, amount: str, sanction: Sanction | None, count: int, index: int
    ) -> None:
        ruling = sanction_for(cny(amount), policy=COMPANY)
        assert (ruling.sanction, ruling.count, ruling.band) == (sanction, count, index)
        assert ruling.clauses == (P_3,)

    def test_the_explanation_in_both_languages(self) -> None:
        ruling = sanction_for(cny("25000"), policy=COMPANY)
        assert ruling.explain() == (
            "P-3 the loss the person bears, CNY 25,000.00, falls in band 4 of the sanction table "
            "([CNY 20,000.00, CNY 50,000.00)): minor demerit x 2"
        )
        assert ruling.explain("zh-Hant") == (
            "P-3 個人職責負擔金額CN¥25,000.00屬處分標準表第4級（CN¥20,000.00以上"
            "未滿CN¥50,000.00）：小過2次"
        )
        assert "不予處分" in sanction_for(ZERO, policy=COMPANY).explain("zh-Hant")

    def test_the_table_is_required_and_has_no_default(self) -> None:
        assert Policy().penalties.sanction_table is None
        with pytest.raises(ParameterNotSetError, match=r"penalties\.sanction_table is not set"):
            sanction_for(cny("1"))

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ((), "a table must hold at least one band"),
            ((band(None, "1", None),), "band 1 .* must start at zero, included"),
            ((band(None, "0", "1000"),), "must have no upper bound"),
            (
                (band(None, "0", "1000"), band("warning", "1000", None, lower_inclusive=False)),
                "band 2 .* leaves a gap: CNY 1,000.00 is in neither band 1 nor band 2",
            ),
            (
                (band(None, "0", "1000"), band("warning", "1500", None)),
                r"leaves a gap: .* \(nor is anything up to CNY 1,500.00\)",
            ),
            (
                (band(None, "0", "1000", upper_inclusive=True), band("warning", "1000", None)),
                "band 2 .* overlaps band 1",
            ),
            (
                (band(None, "0", "1000"), band("warning", "500", None)),
                "band 2 .* overlaps band 1",
            ),
            ((band(None, "0", None), band("warning", "5", None)), "so it must be the last"),
            (
                (
                    band(None, "0", "1000"),
                    band("warning", "1000", "2000"),
                    band("warning", "500", None),
                ),
                "band 3 .* must come after band 2",
            ),
            ((band(None, "0", "0"),), "holds no amount"),
            ((band(None, "0", None, upper_inclusive=True),), "upper_inclusive must be False"),
            ([band(None, "0", None), "x"], "must be a tuple of SanctionBand values"),
        ],
    )
    def test_a_table_with_a_gap_or_an_overlap_is_refused(self, table: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Policy().updated({"penalties.sanction_table": table})

    def test_a_table_in_another_currency_is_refused(self) -> None:
        twd = (SanctionBand(sanction=None, lower=Money(0, "TWD")),)
        with pytest.raises(InvalidInputError, match="must be in the policy currency CNY"):
            Policy().updated({"penalties.sanction_table": twd})
        mixed = (
            band(None, "0", "10"),
            SanctionBand(sanction="warning", lower=Money(10, "TWD")),
        )
        with pytest.raises(CurrencyMismatchError, match="a table uses one currency"):
            Policy().updated({"penalties.sanction_table": mixed})
        split = (SanctionBand(sanction=None, lower=cny("0"), upper=Money(1, "TWD")),)
        with pytest.raises(CurrencyMismatchError, match="must share one currency"):
            Policy().updated({"penalties.sanction_table": split})

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [
            ({"sanction": "reprimand"}, "sanction must be None .* or one of"),
            ({"count": 0}, "count must be an int of at least 1"),
            ({"count": True}, "count must be an int of at least 1"),
            ({"lower": cny("-1")}, "lower must be a non-negative Money"),
            ({"upper": 5}, "upper must be a non-negative Money or None"),
            ({"lower_inclusive": 1}, "lower_inclusive must be True or False"),
        ],
    )
    def test_a_bad_band_is_refused(self, keywords: dict[str, Any], message: str) -> None:
        arguments: dict[str, Any] = {"sanction": None, "lower": cny("0")}
        arguments.update(keywords)
        with pytest.raises(InvalidInputError, match=rf"{message}.*\[SanctionBand P-3\]"):
            SanctionBand(**arguments)

    def test_labels(self) -> None:
        assert TABLE[3].label() == "minor demerit x 2 [CNY 20,000.00, CNY 50,000.00)"
        assert TABLE[3].label("zh-Hant") == "小過2次（CN¥20,000.00以上未滿CN¥50,000.00）"
        assert TABLE[0].label("zh-Hant") == "不處分（CN¥0.00以上未滿CN¥1,000.00）"
        assert TABLE[0].label() == "no sanction [CNY 0.00, CNY 1,000.00)"

    def test_an_amount_in_another_currency_is_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="amount_borne must be in CNY"):
            sanction_for(Money("1", "TWD"), policy=COMPANY)

    @given(amount=money(min_minor=0, max_minor=10**9))
    def test_every_amount_falls_in_exactly_one_band(self, amount: Money) -> None:
        ruling = sanction_for(amount, policy=COMPANY)
        holding = [i for i, b in enumerate(TABLE, start=1) if b.lower <= amount]
        assert ruling.band == holding[-1]


# -- C-12.2: only approved charges are deducted ---------------------------------------------------


class TestApprovedNotices:
    def test_a_charge_without_an_approved_notice_is_held_back_not_lost(self) -> None:
        closed = start().close_month(2026, 1, cny("1000"), charges={"260101": cny("300")})
        assert (closed.deducted, closed.carried, closed.held_back) == (ZERO, ZERO, cny("300"))
        assert closed.held == (("260101", cny("300")),)
        assert closed.account.outstanding == cny("300")
        assert C_12_2 in closed.clauses
        assert (
            "C-12.2 case 260101: no reward-and-penalty notice approved by the GM yet, so its "
            "CNY 300.00 is held back: not deducted, still owed"
        ) in closed.explain()
        assert "C-12.2 案件260101：獎罰通知單尚未經總經理核准，其CN¥300.00暫不扣除，仍屬應扣" in (
            closed.explain("zh-Hant")
        )
        later = closed.account.close_month(2026, 2, cny("1000"), approved={"260101"})
        assert (later.deducted, later.held_back) == (cny("300"), ZERO)
        assert later.approved_now == ("260101",)
        assert (
            "C-12.2 case 260101: the GM has approved its reward-and-penalty notice, so it is "
            "deducted from this month"
        ) in later.explain()

    def test_approvals_may_be_any_collection_of_case_identifiers(self) -> None:
        charges = {"a": cny("1"), "b": cny("2")}
        results = [
            start().close_month(2026, 1, cny("10"), charges=charges, approved=approved)
            for approved in (frozenset(["a"]), {"a"}, ["a"], ("a",))
        ]
        assert all(r == results[0] for r in results)
        assert results[0].held == (("b", cny("2")),)

    def test_only_the_approved_cases_are_deducted(self) -> None:
        closed = start().close_month(
            2026, 1, cny("1000"), charges={"a": cny("100"), "b": cny("200")}, approved=["b"]
        )
        assert closed.deductions == (("b", cny("200")),)
        assert closed.held == (("a", cny("100")),)

    def test_approving_a_case_that_is_not_on_the_account_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"approved names case 'x'.*C-12\.2"):
            start().close_month(2026, 1, cny("1"), approved={"x"})
        with pytest.raises(InvalidInputError, match=r"approved must be a collection of case"):
            start().close_month(2026, 1, cny("1"), approved="a")

    def test_a_held_back_case_has_nothing_deducted(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=re.escape(
                "outstanding must equal the amount CNY 10.00: case 'a' has no approved notice yet, "
                "got Money('4.00', 'CNY') [OpenCase P-E3.2 C-12.2]"
            ),
        ):
            OpenCase("a", 2026, 1, cny("10"), cny("4"), approved=False)
        with pytest.raises(InvalidInputError, match="approved must be True or False"):
            OpenCase("a", 2026, 1, cny("10"), cny("10"), approved=1)  # type: ignore[arg-type]

    @settings(max_examples=200)
    @given(plan=month_plans(), data=st.data())
    def test_every_charge_is_deducted_carried_or_held_back_to_the_fen(
        self, plan: list[tuple[Money, dict[str, Money]]], data: st.DataObject
    ) -> None:
        account = start()
        for bonus, charges in plan:
            candidates = sorted({c.case for c in account.open_cases} | set(charges))
            approved = data.draw(st.sets(st.sampled_from(candidates))) if candidates else set()
            closed = account.close_month(
                account.year, account.month, bonus, charges=charges, approved=approved
            )
            assert closed.brought_forward + sum(charges.values(), ZERO) == (
                closed.deducted + closed.carried + closed.held_back
            )
            assert {case for case, _ in closed.deductions} <= {
                c.case for c in account.open_cases if c.approved
            } | approved
            account = closed.account
            assert account.imposed == account.deducted + account.outstanding


# -- once only: a month's close and a case's charge ---------------------------------------------


class TestOnceOnly:
    def test_closing_the_same_month_again_is_refused_and_changes_nothing(self) -> None:
        march = PenaltyAccount.start("Chen", 2026, 3)
        closed = march.close_month(2026, 3, cny("1000"), charges={"a": cny("800")}, approved={"a"})
        after = closed.account
        assert after.last_closed == (2026, 3)
        with pytest.raises(
            PolicyViolationError, match="Chen's month 2026-03 is already closed"
        ) as info:
            after.close_month(2026, 3, cny("1000"))
        assert info.value.clause == P_E3_4
        assert after == closed.account  # a value: nothing was charged twice
        with pytest.raises(PolicyViolationError, match="month 2026-02 is already closed"):
            attrs.evolve(after, year=2026, month=4).close_month(2026, 2, cny("1"))

    def test_a_skipped_month_or_a_month_before_the_start_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="next month to close, 2026-01, got 2026-03"):
            start().close_month(2026, 3, cny("1"))
        with pytest.raises(InvalidInputError, match="next month to close, 2026-01, got 2025-12"):
            start().close_month(2025, 12, cny("1"))
        with pytest.raises(InvalidInputError, match="month must be an int from 1 to 12, got 0"):
            start().close_month(2026, 0, cny("1"))

    def test_a_case_charged_once_may_not_be_charged_again_after_it_is_paid(self) -> None:
        paid = start().close_month(2026, 1, cny("1000"), charges={"a": cny("10")}, approved={"a"})
        assert paid.account.open_cases == ()
        assert paid.account.cases == frozenset({"a"})
        with pytest.raises(PolicyViolationError, match="case 'a' is already charged") as info:
            paid.account.close_month(2026, 2, cny("1000"), charges={"a": cny("10")})
        assert info.value.clause == P_E3_4
        with pytest.raises(PolicyViolationError, match="case 'a' is already charged"):
            paid.account.close_months(2026, 2, [cny("1000")], charges=[{"a": cny("10")}])

    def test_close_months_follows_the_same_rule(self) -> None:
        plan = start().close_months(2026, 1, [ZERO, ZERO])
        assert plan.account.last_closed == (2026, 2)
        with pytest.raises(PolicyViolationError, match="month 2026-02 is already closed"):
            plan.account.close_months(2026, 2, [ZERO])
        with pytest.raises(InvalidInputError, match="next month to close, 2026-03, got 2026-04"):
            plan.account.close_months(2026, 4, [ZERO])

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [
            ({"last_closed": (2026, 1)}, "last_closed must be the month before the next month"),
            ({"last_closed": "2026-02"}, r"last_closed must be None or a \(year, month\) pair"),
            ({"last_closed": (2026, 13)}, "month must be an int from 1 to 12"),
            ({"cases": {1}}, "cases must be a set of case identifiers"),
            ({"cases": "a"}, "cases must be a set of case identifiers"),
        ],
    )
    def test_the_once_only_record_of_an_account_is_checked(
        self, keywords: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            PenaltyAccount("Chen", 2026, 3, (), ZERO, ZERO, **keywords)

    def test_an_open_case_must_be_among_the_cases_charged(self) -> None:
        case = OpenCase("a", 2026, 1, cny("1"), cny("1"))
        account = PenaltyAccount("Chen", 2026, 3, (case,), cny("1"), ZERO, (2026, 2))
        assert account.cases == frozenset({"a"})
        with pytest.raises(InvalidInputError, match="open case 'a' must be among the cases"):
            PenaltyAccount("Chen", 2026, 3, (case,), cny("1"), ZERO, None, frozenset({"b"}))

    @settings(max_examples=100)
    @given(plan=month_plans())
    def test_a_second_close_raises_and_changes_nothing(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        for bonus, charges in plan:
            closed = close(account, bonus, charges=charges)
            before = closed.account
            with pytest.raises(PolicyViolationError):
                before.close_month(account.year, account.month, bonus, charges=charges)
            if charges:
                with pytest.raises(PolicyViolationError):
                    close(before, bonus, charges=charges)
            assert before == closed.account
            account = before


class TestCloseMonthsWithNotices:
    def test_a_held_back_charge_waits_for_its_approval(self) -> None:
        plan = start().close_months(
            2026,
            1,
            [cny("1000"), cny("1000"), cny("1000")],
            charges=[{"a": cny("300"), "b": cny("2000")}],
            approved=[{"b"}, frozenset({"b"}), ["a"]],
        )
        assert plan.deducted == (cny("500"), cny("500"), cny("500"))
        assert plan.held_back == (cny("300"), cny("300"), ZERO)
        assert plan.carried == (cny("1500"), cny("1000"), cny("800"))
        assert plan.months[2].approved_now == ("a",)
        assert plan.account.last_closed == (2026, 3)

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [
            ({"approved": {"a"}}, "approved must be a list or tuple of at most one collection"),
            ({"approved": [{"a"}, {"a"}]}, "approved must be a list or tuple of at most one"),
            ({"approved": [{"x"}]}, r"approved\[0\] names case 'x', which is neither charged"),
            ({"approved": [frozenset({1})]}, r"approved\[0\] names case 1, which is neither"),
            ({"approved": ["a"]}, r"approved\[0\] must be a collection of case identifiers"),
        ],
    )
    def test_bad_approvals_are_refused(self, keywords: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            start().close_months(2026, 1, [cny("1")], charges=[{"a": cny("1")}], **keywords)

    @settings(max_examples=300)
    @given(plan=month_plans(), data=st.data())
    def test_it_agrees_with_closing_month_by_month_whatever_is_approved(
        self, plan: list[tuple[Money, dict[str, Money]]], data: st.DataObject
    ) -> None:
        account = start()
        months, approvals = [], []
        for bonus, charges in plan:
            candidates = sorted({c.case for c in account.open_cases} | set(charges))
            approved = data.draw(st.sets(st.sampled_from(candidates))) if candidates else set()
            approvals.append(approved)
            closed = account.close_month(
                account.year, account.month, bonus, charges=charges, approved=approved
            )
            months.append(closed)
            account = closed.account
        batch = start().close_months(
            2026, 1, [b for b, _ in plan], charges=[c for _, c in plan], approved=approvals
        )
        assert batch.account == account
        assert batch.deducted == tuple(m.deducted for m in months)
        assert batch.carried == tuple(m.carried for m in months)
        assert batch.held_back == tuple(m.held_back for m in months)
        assert batch.months == tuple(months)


# -- issue 13: the ends of the month range and the checks of the fast paths ----------------------


class TestPenaltyAccountMonthRange:
    @pytest.mark.parametrize(("year", "month"), [(1, 1), (1, 12), (9999, 1), (9999, 12)])
    def test_an_account_starts_in_any_month_from_0001_01_to_9999_12(
        self, year: int, month: int
    ) -> None:
        account = PenaltyAccount.start("Chen", year, month)
        assert (account.year, account.month) == (year, month)

    @pytest.mark.parametrize(
        ("year", "month", "message"),
        [
            (0, 1, "year must be an int from 1 to 9999, got 0"),
            (10000, 1, "year must be an int from 1 to 9999, got 10000"),
            (2026, 0, "month must be an int from 1 to 12, got 0"),
            (2026, 13, "month must be an int from 1 to 12, got 13"),
        ],
    )
    def test_a_month_outside_the_range_is_refused(
        self, year: int, month: int, message: str
    ) -> None:
        with pytest.raises(InvalidInputError) as caught:
            PenaltyAccount.start("Chen", year, month)
        assert str(caught.value) == f"{message} [PenaltyAccount P-E3.4]"

    def test_december_closes_into_january_of_the_next_year(self) -> None:
        closed = close(PenaltyAccount.start("Chen", 2026, 12), cny("100"))
        assert (closed.account.year, closed.account.month) == (2027, 1)
        assert closed.account.last_closed == (2026, 12)
        plan = PenaltyAccount.start("Chen", 2026, 11).close_months(2026, 11, [cny("1")] * 3)
        assert (plan.account.year, plan.account.month) == (2027, 2)

    def test_the_first_month_there_is_closes(self) -> None:
        closed = close(PenaltyAccount.start("Chen", 1, 1), cny("100"))
        assert (closed.account.year, closed.account.month) == (1, 2)

    def test_9999_11_is_the_last_month_an_account_closes(self) -> None:
        closed = close(PenaltyAccount.start("Chen", 9999, 11), cny("100"))
        assert (closed.account.year, closed.account.month) == (9999, 12)
        plan = PenaltyAccount.start("Chen", 9999, 10).close_months(9999, 10, [cny("1")] * 2)
        assert (plan.account.year, plan.account.month) == (9999, 12)

    def test_closing_9999_12_is_refused_as_it_leaves_no_next_month(self) -> None:
        # it used to return an account for 10000-01, which PenaltyAccount itself refuses
        account = PenaltyAccount.start("Chen", 9999, 12)
        with pytest.raises(InvalidInputError) as caught:
            close(account, cny("100"))
        assert str(caught.value) == (
            "month must close no month after 9999-11 (the account's next month to close would "
            "be after 9999-12, the last month there is), got 9999-12 [close_month P-E3.4]"
        )
        with pytest.raises(InvalidInputError, match=r"^bonuses must close no month after 9999-11"):
            account.close_months(9999, 12, [cny("100")])

    def test_a_run_of_months_past_9999_11_is_refused(self) -> None:
        with pytest.raises(InvalidInputError) as caught:
            PenaltyAccount.start("Chen", 9999, 10).close_months(9999, 10, [cny("1")] * 3)
        assert str(caught.value).endswith("got 3 months from 9999-10 [close_months P-E3.4]")

    def test_no_months_from_9999_12_is_no_change(self) -> None:
        account = PenaltyAccount.start("Chen", 9999, 12)
        assert account.close_months(9999, 12, []).account == account


class TestChargesInTheAccountsCurrency:
    """Every charge is Money in the account's currency, in close_month as in close_months."""

    def _close_month(self, charge: Any) -> MonthClose:
        return start().close_month(2026, 1, cny("1000"), charges={"a": charge}, approved={"a"})

    def _close_months(self, charge: Any) -> Schedule:
        return start().close_months(
            2026, 1, [cny("1000")], charges=[{"a": charge}], approved=[{"a"}]
        )

    @pytest.mark.parametrize("how", ["_close_month", "_close_months"])
    def test_a_charge_in_another_currency_is_refused_naming_it(self, how: str) -> None:
        with pytest.raises(CurrencyMismatchError) as caught:
            getattr(self, how)(Money("1.00", "TWD"))
        assert str(caught.value).startswith(
            "charge of case 'a' must be in CNY, got Money('1.00', 'TWD') [close_month"
        )

    @pytest.mark.parametrize("how", ["_close_month", "_close_months"])
    @pytest.mark.parametrize("charge", [Decimal("1.00"), "1.00", 1, 1.5, None])
    def test_a_charge_that_is_not_money_is_refused_naming_it(
        self, how: str, charge: object
    ) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^charge of case 'a' must be Money of at least 0, got "
        ):
            getattr(self, how)(charge)

    @pytest.mark.parametrize("how", ["_close_month", "_close_months"])
    def test_a_negative_charge_is_refused_naming_it(self, how: str) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^charge of case 'a' must be Money of at least 0"
        ):
            getattr(self, how)(cny("-0.01"))

    def test_a_currency_equal_to_the_accounts_is_accepted(self) -> None:
        same = Money("300.00", Currency("CNY", 2))
        assert self._close_month(same) == self._close_month(cny("300.00"))
        assert self._close_months(same).deducted == (cny("300.00"),)

    def test_a_bonus_in_another_currency_is_refused_naming_it(self) -> None:
        twd = Money("1.00", "TWD")
        with pytest.raises(CurrencyMismatchError, match=r"^bonus must be in CNY"):
            start().close_month(2026, 1, twd)
        with pytest.raises(CurrencyMismatchError, match=r"^bonuses\[0\] must be in CNY"):
            start().close_months(2026, 1, [twd])


# -- issue 13: P-E3.4 once: a close keeps plain data and builds its values when read ---------------


def _in_full(account: PenaltyAccount) -> PenaltyAccount:
    """The same account built from its fields, with every check."""
    return PenaltyAccount(
        account.person,
        account.year,
        account.month,
        account.open_cases,
        account.imposed,
        account.deducted,
        account.last_closed,
        account.cases,
    )


class TestValuesBuiltWhenRead:
    def test_a_closed_account_equals_the_account_built_in_full_from_its_fields(self) -> None:
        account = (
            start()
            .close_month(
                2026, 1, cny("1000"), charges={"a": cny("800"), "b": cny("50")}, approved={"a"}
            )
            .account
        )
        assert account.outstanding == cny("350")
        assert account.held_back == cny("50")
        assert account.currency.code == "CNY"
        full = _in_full(account)
        assert account == full
        assert hash(account) == hash(full)
        assert repr(account) == repr(full)
        assert account.open_cases == (
            OpenCase("a", 2026, 1, cny("800"), cny("300")),
            OpenCase("b", 2026, 1, cny("50"), cny("50"), approved=False),
        )

    def test_a_closed_account_survives_pickling_and_evolve(self) -> None:
        account = close_all(start(), [cny("100")], charges=[{"a": cny("80")}]).account
        assert pickle.loads(pickle.dumps(account)) == account
        assert attrs.evolve(account, person="Lin").open_cases == account.open_cases

    def test_a_month_close_equals_the_close_built_in_full_from_its_fields(self) -> None:
        closed = start().close_month(
            2026, 1, cny("1000"), charges={"a": cny("800")}, approved={"a"}
        )
        full = attrs.evolve(closed)
        assert closed.deducted == full.deducted == cny("500")
        assert closed == full
        assert closed.explain() == full.explain()
        assert repr(closed) == repr(full)

    def test_an_attribute_that_does_not_exist_is_still_an_attribute_error(self) -> None:
        closed = start().close_month(2026, 1, cny("1"))
        for value in (closed, closed.account):
            assert not hasattr(value, "no_such_field")
            with pytest.raises(AttributeError, match="no_such_field"):
                value.no_such_field  # type: ignore[union-attr]  # noqa: B018

    @settings(max_examples=200)
    @given(plan=month_plans(), data=st.data())
    def test_every_account_a_close_returns_equals_the_account_built_in_full(
        self, plan: list[tuple[Money, dict[str, Money]]], data: st.DataObject
    ) -> None:
        account = start()
        for bonus, charges in plan:
            candidates = sorted({c.case for c in account.open_cases} | set(charges))
            approved = data.draw(st.sets(st.sampled_from(candidates))) if candidates else set()
            closed = account.close_month(
                account.year, account.month, bonus, charges=charges, approved=approved
            )
            account = closed.account
            full = _in_full(account)
            assert account == full
            assert (account.outstanding, account.held_back) == (full.outstanding, full.held_back)
            assert closed.carried + closed.held_back == account.outstanding

    def test_a_case_with_nothing_owed_on_an_account_built_by_hand_is_closed_at_the_next_close(
        self,
    ) -> None:
        account = PenaltyAccount(
            "Chen",
            2026,
            1,
            (
                OpenCase("a", 2025, 12, cny("10"), ZERO),
                OpenCase("b", 2025, 12, cny("10"), cny("10")),
            ),
            cny("20"),
            cny("10"),
        )
        closed = account.close_month(2026, 1, cny("8"))
        assert closed.deductions == (("b", cny("4")),)
        assert closed.account.open_cases == (OpenCase("b", 2025, 12, cny("10"), cny("6")),)
        assert closed.account == _in_full(closed.account)


# -- issue 13: result values validate their fields; fast paths refuse what full checks refuse ----


def _fields(value: Any) -> dict[str, Any]:
    """A result's init fields, read as a user would read them."""
    return {f.alias: getattr(value, f.name) for f in attrs.fields(type(value)) if f.init}


def _rebuilt(value: Any, **changes: Any) -> Any:
    """The result built again through its validating constructor, with ``changes``."""
    return type(value)(**{**_fields(value), **changes})


def _closed() -> MonthClose:
    return start().close_month(2026, 1, cny("1000"), charges={"a": cny("800")}, approved={"a"})


def _statutory() -> Any:
    return statutory_check(cny("900"), wage=cny("4000"), minimum_wage=cny("2490"))


def _ruling() -> Any:
    table = (band(None, "0", "1000"), band("warning", "1000", None))
    return sanction_for(cny("1000"), policy=Policy().updated({"penalties.sanction_table": table}))


class TestResultsBuiltByHandAreChecked:
    @pytest.mark.parametrize(
        ("build", "field", "low", "below"),
        [
            (lambda: check_fine(Sanction.WARNING), "count", 1, 0),
            (lambda: check_fine(Sanction.MINOR_DEMERIT), "base", Decimal("0.01"), 0),
            (lambda: check_fine(Sanction.WARNING), "amount", ZERO, cny("-0.01")),
            (lambda: check_fine(Sanction.WARNING), "minimum", ZERO, cny("-0.01")),
            (_ruling, "band", 1, 0),
            (_ruling, "count", 1, 0),
            (_ruling, "amount", ZERO, cny("-0.01")),
            (_statutory, "limit", ZERO, cny("-0.01")),
            (_statutory, "wage", ZERO, cny("-0.01")),
            (_closed, "bonus", ZERO, cny("-0.01")),
            (_closed, "cap_minor", 0, -1),
            (_closed, "fines_minor", 0, -1),
            (_closed, "uncovered_minor", 0, -1),
            (_closed, "counted_minor", 0, -1),
            (_closed, "cap_ratio", Decimal(0), Decimal("-0.01")),
        ],
    )
    def test_a_field_at_its_lower_bound_is_accepted_and_below_it_refused(
        self, build: Any, field: str, low: Any, below: Any
    ) -> None:
        value = build()
        assert getattr(_rebuilt(value, **{field: low}), field) == low
        with pytest.raises(InvalidInputError, match=rf"^{field} must (not )?be .*, got .*\[\w+"):
            _rebuilt(value, **{field: below})

    @pytest.mark.parametrize(("ratio", "accepted"), [("1", True), ("1.01", False)])
    def test_a_cap_ratio_above_one_is_refused(self, ratio: str, accepted: bool) -> None:
        if accepted:
            assert _rebuilt(_closed(), cap_ratio=Decimal(ratio)).cap_ratio == 1
        else:
            with pytest.raises(
                InvalidInputError, match=r"^cap_ratio must be a Decimal from 0 to 1"
            ):
                _rebuilt(_closed(), cap_ratio=Decimal(ratio))

    @pytest.mark.parametrize(
        ("build", "field", "bad", "clause"),
        [
            (lambda: check_fine(Sanction.WARNING), "sanction", "warning", "Fine P-5"),
            (lambda: check_fine(Sanction.WARNING), "valid", 1, "Fine P-5"),
            (lambda: check_fine(Sanction.WARNING), "outside_cap", None, "Fine P-5"),
            (lambda: check_fine(Sanction.WARNING), "reasons", ("x",), "Fine P-5"),
            (lambda: check_fine(Sanction.WARNING), "base", 1.5, "Fine P-5"),
            (_ruling, "sanction", "warning", "SanctionRuling P-3"),
            (_ruling, "reasons", None, "SanctionRuling P-3"),
            (_statutory, "statute", "PRC", "StatutoryCheck"),
            (_statutory, "over_limit", "yes", "StatutoryCheck"),
            (_statutory, "wage_left", 100, "StatutoryCheck"),
            (_closed, "previous", None, "MonthClose P-E3.4"),
            (_closed, "account", "Chen", "MonthClose P-E3.4"),
            (_closed, "charged_minor", [("a", 1)], "MonthClose P-E3.4"),
            (_closed, "approved_now", (1,), "MonthClose P-E3.4"),
            (_closed, "deducted_minor", (["a", 1],), "MonthClose P-E3.4"),
            (_closed, "fine_items", (None,), "MonthClose P-E3.4"),
            (_closed, "statutory", "none", "MonthClose P-E3.4"),
        ],
    )
    def test_a_field_of_the_wrong_kind_is_refused_naming_the_field_and_the_clause(
        self, build: Any, field: str, bad: Any, clause: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=rf"^{field} must .*, got .*\[{clause}\]$"):
            _rebuilt(build(), **{field: bad})

    def test_a_statutory_check_may_leave_a_wage_below_zero(self) -> None:
        check = _statutory()
        assert _rebuilt(check, wage_left=cny("-0.01")).wage_left == cny("-0.01")

    def test_a_ruling_may_give_no_sanction(self) -> None:
        assert _rebuilt(_ruling(), sanction=None).sanction is None

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            ("start", None),
            ("account", None),
            ("policy", {}),
            ("bonus_minor", ("1",)),
            ("charged_minor", (None,)),
            ("approved_cases", ("a",)),
            ("deducted_minor", (1.0,)),
            ("carried_minor", None),
            ("held_minor", [0]),
        ],
    )
    def test_a_schedule_built_by_hand_is_checked(self, field: str, bad: Any) -> None:
        schedule = close_all(start(), [cny("100")], charges=[{"a": cny("80")}])
        assert _rebuilt(schedule) == schedule
        with pytest.raises(InvalidInputError, match=rf"^{field} must .*\[Schedule P-E3\.4\]$"):
            _rebuilt(schedule, **{field: bad})

    @pytest.mark.parametrize(("year", "month"), [(1, 1), (9999, 12)])
    def test_an_open_case_in_the_first_or_last_month_there_is(self, year: int, month: int) -> None:
        assert OpenCase("a", year, month, cny("1"), cny("1")).year == year

    @pytest.mark.parametrize(
        ("year", "month", "message"),
        [
            (0, 1, "year must be an int from 1 to 9999, got 0"),
            (10000, 1, "year must be an int from 1 to 9999, got 10000"),
            (2026, 0, "month must be an int from 1 to 12, got 0"),
            (2026, 13, "month must be an int from 1 to 12, got 13"),
        ],
    )
    def test_an_open_case_outside_the_months_there_are_is_refused(
        self, year: int, month: int, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=rf"^{message} \[OpenCase P-E3\.2\]$"):
            OpenCase("a", year, month, cny("1"), cny("1"))

    @pytest.mark.parametrize(("outstanding", "accepted"), [("1.00", True), ("1.01", False)])
    def test_an_open_case_owes_at_most_its_amount(self, outstanding: str, accepted: bool) -> None:
        if accepted:
            assert OpenCase("a", 2026, 1, cny("1"), cny(outstanding)).outstanding == cny("1")
        else:
            with pytest.raises(
                InvalidInputError,
                match=r"^outstanding must not exceed the amount CNY 1\.00, got CNY 1\.01 \[Open",
            ):
                OpenCase("a", 2026, 1, cny("1"), cny(outstanding))

    @pytest.mark.parametrize(("ratio", "accepted"), [("0", True), ("1", True), ("-0.01", False)])
    def test_statutory_ratios_from_zero_to_one(self, ratio: str, accepted: bool) -> None:
        fields: dict[str, Any] = {"statute_en": "x", "statute_zh": "x"}
        if accepted:
            rules = StatutoryRules(**fields, loss_deduction_ratio=Decimal(ratio))
            assert rules.loss_deduction_ratio == Decimal(ratio)
        else:
            with pytest.raises(InvalidInputError, match=r"must be a Decimal from 0 to 1, got"):
                StatutoryRules(**fields, loss_deduction_ratio=Decimal(ratio))


_BONUSES = st.one_of(
    money(min_minor=-3, max_minor=3),
    money("TWD", min_minor=-3, max_minor=3),
    st.sampled_from([None, 0, 1, 1.0, "1", Decimal(1), True]),
)


class TestFastPathsRefuseWhatTheFullChecksRefuse:
    @given(bonus=_BONUSES)
    def test_close_month_takes_a_bonus_exactly_when_the_full_check_does(self, bonus: Any) -> None:
        where = "close_month P-E3.4"
        try:
            penalties._amount(bonus, "bonus", where, start().currency)
        except InvalidInputError as refused:
            with pytest.raises(type(refused), match=f"^{re.escape(str(refused))}$"):
                start().close_month(2026, 1, bonus)
        else:
            assert start().close_month(2026, 1, bonus).bonus == bonus

    @given(bonuses=st.lists(_BONUSES, min_size=1, max_size=3))
    def test_close_months_takes_bonuses_exactly_when_the_full_check_does(
        self, bonuses: list[Any]
    ) -> None:
        where = "close_months P-E3.4"
        try:
            for index, bonus in enumerate(bonuses):
                penalties._amount(bonus, f"bonuses[{index}]", where, start().currency)
        except InvalidInputError as refused:
            with pytest.raises(type(refused), match=f"^{re.escape(str(refused))}$"):
                start().close_months(2026, 1, bonuses)
        else:
            assert start().close_months(2026, 1, bonuses).bonus_minor == tuple(
                b.minor for b in bonuses
            )

    @given(
        approved=st.frozensets(st.one_of(st.sampled_from(["a", "b"]), st.integers(0, 1))),
        kind=st.sampled_from([frozenset, set, tuple]),
    )
    def test_close_month_takes_approvals_exactly_when_the_full_check_does(
        self, approved: frozenset[Any], kind: type
    ) -> None:
        given_as = kind(approved)
        charges = {"a": cny("1"), "b": cny("1")}
        try:
            expected = penalties._check_approved(given_as, "approved", "close_month P-E3.4")
        except InvalidInputError as refused:
            with pytest.raises(InvalidInputError, match=f"^{re.escape(str(refused))}$"):
                start().close_month(2026, 1, ZERO, charges=charges, approved=given_as)
        else:
            closed = start().close_month(2026, 1, ZERO, charges=charges, approved=given_as)
            assert {c.case for c in closed.account.open_cases if c.approved} == expected

    @pytest.mark.parametrize("approved", [5, iter(["a"]), "a", {"a": True}])
    def test_approvals_that_are_not_a_collection_of_cases_are_refused(self, approved: Any) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^approved must be a collection of case identifiers \(str\)"
        ):
            start().close_month(2026, 1, ZERO, charges={"a": cny("1")}, approved=approved)

    @settings(max_examples=100)
    @given(plan=month_plans())
    def test_every_month_close_equals_the_one_built_through_its_checks(
        self, plan: list[tuple[Money, dict[str, Money]]]
    ) -> None:
        account = start()
        for bonus, charges in plan:
            closed = account.close_month(
                account.year, account.month, bonus, charges=charges, approved=set(charges)
            )
            full = _rebuilt(closed)
            assert closed == full
            assert closed.deducted == full.deducted
            assert closed.explain() == full.explain()
            account = closed.account
        schedule = close_all(start(), [b for b, _ in plan], charges=[c for _, c in plan])
        assert schedule == _rebuilt(schedule)
        assert schedule.account == _in_full(schedule.account)


class TestStartIsTheAccountBuiltInFull:
    @given(
        person=st.one_of(st.sampled_from(["Chen", "", " ", None, 1]), st.text(max_size=3)),
        year=st.sampled_from([0, 1, 2026, 9999, 10000, 2026.0, True]),
        month=st.sampled_from([0, 1, 12, 13, "1"]),
        code=st.sampled_from(["CNY", "TWD"]),
    )
    def test_start_refuses_what_the_constructor_refuses_and_equals_what_it_builds(
        self, person: Any, year: Any, month: Any, code: str
    ) -> None:
        zero = Money(0, code)
        try:
            expected = PenaltyAccount(person, year, month, (), zero, zero)
        except InvalidInputError as refused:
            with pytest.raises(InvalidInputError, match=f"^{re.escape(str(refused))}$"):
                PenaltyAccount.start(person, year, month, code)
        else:
            started = PenaltyAccount.start(person, year, month, code)
            assert started == expected
            assert repr(started) == repr(expected)
            assert started.currency is expected.currency

    def test_a_subclass_starts_through_its_own_constructor(self) -> None:
        @attrs.frozen
        class Kept(PenaltyAccount):
            pass

        account = Kept.start("Chen", 2026, 1)
        assert type(account) is Kept
        assert account.outstanding == ZERO
