"""Complaint losses: P-1 loss basis, P-4/C-5 causes, P-E1/P-E2 attribution, P-2/P-E3.3 splits."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy.foundation.clauses import C_5, P_1, P_2, P_4, P_E1, P_E2, P_E3_2, P_E3_3, P_E4
from custpolicy.foundation.errors import CurrencyMismatchError, InvalidInputError, UnknownKeyError
from custpolicy.foundation.explain import Reason
from custpolicy.foundation.formats import format_money
from custpolicy.foundation.money import Money
from custpolicy.foundation.policy import Policy
from custpolicy.rules.losses import (
    Apportionment,
    Attribution,
    Cause,
    Classification,
    ComplaintKind,
    Function,
    PartyCharge,
    Person,
    Unit,
    UnitKind,
    apportion,
    attribute,
    classify_complaint,
    loss_basis,
    ruling_deadline,
)
from custpolicy.testing import money, responsibilities, units


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


PRICE = cny("12.50")


# -- P-1 ---------------------------------------------------------------------------------------


class TestLossBasis:
    @pytest.mark.parametrize(
        ("ruling", "sold_on", "deadline"),
        [
            (date(2026, 1, 31), date(2026, 2, 28), date(2026, 2, 28)),
            (date(2024, 1, 31), date(2024, 2, 29), date(2024, 2, 29)),
            (date(2026, 3, 31), date(2026, 4, 30), date(2026, 4, 30)),
            (date(2026, 12, 15), date(2027, 1, 15), date(2027, 1, 15)),
            (date(2026, 5, 10), date(2026, 5, 10), date(2026, 6, 10)),
        ],
    )
    def test_a_sale_on_or_before_the_month_end_counts_as_resale(
        self, ruling: date, sold_on: date, deadline: date
    ) -> None:
        basis = loss_basis(
            ruling=ruling, a_grade_price=PRICE, quantity=100, sold_on=sold_on, proceeds=cny("900")
        )
        assert (basis.loss, basis.branch, basis.resale_deadline) == (cny("350"), "resale", deadline)
        assert basis.clauses == (P_1,)

    def test_jan_31_plus_one_month_ends_on_feb_28_so_march_1_is_late(self) -> None:
        basis = loss_basis(
            ruling=date(2026, 1, 31),
            a_grade_price=PRICE,
            quantity=100,
            sold_on=date(2026, 3, 1),
            proceeds=cny("900"),
            actual_loss=cny("1100"),
        )
        assert (basis.loss, basis.branch) == (cny("1100"), "actual")
        assert "after the month ended on 2026-02-28" in basis.explain()
        assert "已逾轉售期（至2026年2月28日止）" in basis.explain("zh-Hant")

    def test_proceeds_above_the_a_grade_value_give_a_loss_of_zero_never_negative(self) -> None:
        basis = loss_basis(
            ruling=date(2026, 1, 5),
            a_grade_price=PRICE,
            quantity=10,
            sold_on=date(2026, 1, 20),
            proceeds=cny("200"),
        )
        assert basis.loss == cny("0")
        assert "(never below zero)" in basis.explain()
        assert "（不低於零）" in basis.explain("zh-Hant")

    def test_a_decimal_quantity_is_rounded_half_up_to_the_fen(self) -> None:
        basis = loss_basis(
            ruling=date(2026, 1, 5),
            a_grade_price=cny("0.05"),
            quantity=Decimal("0.5"),
            sold_on=date(2026, 1, 6),
            proceeds=cny("0"),
        )
        assert basis.loss == cny("0.03")

    def test_not_resold_the_loss_is_the_actual_loss(self) -> None:
        basis = loss_basis(
            ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=10, actual_loss=cny("80")
        )
        assert (basis.loss, basis.branch) == (cny("80"), "actual")
        assert basis.explain().endswith("not resold: the loss is the actual loss, CNY 80.00")
        assert "未售出：以實際損失金額CN¥80.00計" in basis.explain("zh-Hant")

    def test_an_actual_loss_given_with_a_timely_resale_is_named_but_not_used(self) -> None:
        basis = loss_basis(
            ruling=date(2026, 1, 5),
            a_grade_price=PRICE,
            quantity=10,
            sold_on=date(2026, 1, 6),
            proceeds=cny("100"),
            actual_loss=cny("99"),
        )
        assert basis.loss == cny("25")
        assert "the actual loss given (CNY 99.00) does not apply" in basis.explain()

    def test_a_longer_resale_window_from_the_policy(self) -> None:
        policy = Policy().updated({"penalties.resale_months": 2})
        basis = loss_basis(
            ruling=date(2026, 12, 31),
            a_grade_price=PRICE,
            quantity=10,
            sold_on=date(2027, 2, 28),
            proceeds=cny("100"),
            policy=policy,
        )
        assert basis.branch == "resale"
        assert "(2 calendar months)" in basis.explain()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"sold_on": date(2026, 1, 4), "proceeds": cny("1")}, "sold_on must not be before"),
            ({"sold_on": date(2026, 1, 6)}, "proceeds must be given when the goods were sold"),
            ({"proceeds": cny("1")}, "proceeds must come with sold_on"),
            ({}, "actual_loss must be given: the goods were not resold"),
            (
                {"sold_on": date(2026, 3, 6), "proceeds": cny("1")},
                "actual_loss must be given: the resale on 2026-03-06 came after 2026-02-05",
            ),
            ({"quantity": 0}, "quantity must be positive"),
            ({"quantity": 1.5}, "floats are inexact"),
            ({"quantity": True}, "a bool is not a number"),
            ({"quantity": "3"}, "quantity must be a Decimal or an int, got '3'"),
            (
                {"a_grade_price": 12.5},
                "a_grade_price must be Money of at least 0, got 12.5: use Decimal",
            ),
            ({"a_grade_price": cny("-1")}, "a_grade_price must be Money of at least 0"),
            ({"ruling": datetime(2026, 1, 5)}, "ruling must be a datetime.date"),
            ({"sold_on": "2026-01-06", "proceeds": cny("1")}, "sold_on must be a datetime.date"),
            ({"actual_loss": cny("-1")}, "actual_loss must be Money of at least 0"),
            ({"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused_with_the_reason(
        self, changes: dict[str, Any], message: str
    ) -> None:
        arguments: dict[str, Any] = {
            "ruling": date(2026, 1, 5),
            "a_grade_price": PRICE,
            "quantity": 10,
        }
        arguments.update(changes)
        with pytest.raises(InvalidInputError, match=message):
            loss_basis(**arguments)

    @pytest.mark.parametrize("argument", ["proceeds", "actual_loss"])
    def test_amounts_in_another_currency_are_refused(self, argument: str) -> None:
        arguments: dict[str, Any] = {"sold_on": date(2026, 1, 6), "proceeds": cny("1")}
        arguments[argument] = Money("1", "TWD")
        with pytest.raises(CurrencyMismatchError, match=f"{argument} must be in CNY"):
            loss_basis(ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=1, **arguments)

    @given(
        ruling=st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)),
        offset=st.integers(min_value=0, max_value=70),
        price=money(max_minor=10**7, min_minor=0),
        quantity=st.integers(min_value=1, max_value=10**4),
        proceeds=money(max_minor=10**9, min_minor=0),
    )
    def test_the_loss_is_never_negative_and_resale_follows_the_calendar_month(
        self, ruling: date, offset: int, price: Money, quantity: int, proceeds: Money
    ) -> None:
        sold = date.fromordinal(ruling.toordinal() + offset)
        basis = loss_basis(
            ruling=ruling,
            a_grade_price=price,
            quantity=quantity,
            sold_on=sold,
            proceeds=proceeds,
            actual_loss=cny("7"),
        )
        month = ruling.month % 12 + 1
        year = ruling.year + (ruling.month == 12)
        in_time = sold.year * 12 + sold.month < year * 12 + month or (
            (sold.year, sold.month) == (year, month) and sold.day <= ruling.day
        )
        assert basis.branch == ("resale" if in_time else "actual")
        assert basis.loss.minor >= 0
        if in_time:
            assert basis.loss.minor == max(0, price.minor * quantity - proceeds.minor)


# -- P-2: the monthly ruling -------------------------------------------------------------------


class TestRulingDeadline:
    @pytest.mark.parametrize(
        ("year", "month", "done", "late"),
        [
            (2026, 3, date(2026, 3, 9), 0),
            (2026, 3, date(2026, 3, 10), 0),
            (2026, 3, date(2026, 3, 11), 1),
            (2026, 12, date(2027, 1, 2), 23),
        ],
    )
    def test_the_ruling_is_due_before_the_10th_and_the_10th_is_on_time(
        self, year: int, month: int, done: date, late: int
    ) -> None:
        due = ruling_deadline(year, month)
        assert due.due == date(year, month, 10)
        assert due.days_late(done) == late
        assert due.clauses == (P_2,)
        assert "the responsibility ruling is due before day 10 of" in due.explain()

    def test_the_day_and_whether_it_counts_come_from_the_policy(self) -> None:
        policy = Policy().updated(
            {"general.monthly_due_day": 5, "general.monthly_due_day_on_time": False}
        )
        assert ruling_deadline(2026, 3, policy=policy).due == date(2026, 3, 4)

    def test_a_bad_month_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="month must be an int from 1 to 12"):
            ruling_deadline(2026, 13)


# -- P-4, C-5 ----------------------------------------------------------------------------------


class TestCauses:
    def test_there_are_fifteen_causes_numbered_as_in_the_source(self) -> None:
        assert [c.number for c in Cause] == list(range(1, 16))

    @pytest.mark.parametrize(
        ("cause", "en", "zh"),
        [
            (Cause.DOCUMENT_ERROR, "1. wrong documents or samples", "1. 票據錯誤或附樣等資料錯誤"),
            (Cause.LATE_DELIVERY, "9. late delivery", "9. 交貨延遲"),
            (Cause.OTHER, "15. other", "15. 其他"),
        ],
    )
    def test_each_cause_has_an_english_and_a_chinese_label(
        self, cause: Cause, en: str, zh: str
    ) -> None:
        assert (cause.label("en"), cause.label("zh-Hant")) == (en, zh)

    def test_every_label_is_distinct_in_both_languages(self) -> None:
        for lang in ("en", "zh-Hant"):
            assert len({c.label(lang) for c in Cause}) == 15

    def test_reprs_paste_back(self) -> None:
        assert repr(Cause.LATE_DELIVERY) == "Cause.LATE_DELIVERY"
        assert repr(ComplaintKind.QUALITY) == "ComplaintKind.QUALITY"
        assert repr(UnitKind.TEAM) == "UnitKind.TEAM"
        assert repr(Function.SALES) == "Function.SALES"


class TestClassification:
    @pytest.mark.parametrize("kind", list(ComplaintKind))
    @pytest.mark.parametrize("cause", [1, 9, 15, Cause.OFF_SPEC_MATERIALS])
    def test_the_cause_and_the_ruled_kind_are_recorded(
        self, cause: Cause | int, kind: ComplaintKind
    ) -> None:
        found = classify_complaint(cause, kind)
        assert (found.cause, found.kind) == (Cause(cause), kind)
        assert found.clauses == (P_4, C_5)

    @pytest.mark.parametrize(
        ("kind", "en", "zh"),
        [
            (ComplaintKind.QUALITY, "ruled a quality complaint", "判定為品質異常投訴"),
            (
                ComplaintKind.NON_QUALITY,
                "ruled a non-quality (human error) complaint",
                "判定為非品質異常（人為因素）投訴",
            ),
        ],
    )
    def test_the_explanation_in_both_languages(self, kind: ComplaintKind, en: str, zh: str) -> None:
        found = classify_complaint(Cause.OTHER, kind)
        assert found.explain() == f"P-4 cause: 15. other\nC-5 {en}"
        assert found.explain("zh-Hant") == f"P-4 投訴原因：15. 其他\nC-5 {zh}"

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ((0, ComplaintKind.QUALITY), "cause must be a Cause or a cause number from 1 to 15"),
            ((True, ComplaintKind.QUALITY), "cause must be a Cause or a cause number"),
            (("9", ComplaintKind.QUALITY), "cause must be a Cause or a cause number"),
            ((9, "quality"), "kind must be ComplaintKind.QUALITY or ComplaintKind.NON_QUALITY"),
            ((9, None), "kind must be ComplaintKind.QUALITY or ComplaintKind.NON_QUALITY"),
        ],
    )
    def test_bad_input_is_refused(self, arguments: tuple[Any, Any], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            classify_complaint(*arguments)

    def test_a_bad_policy_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            classify_complaint(9, ComplaintKind.QUALITY, policy={})  # type: ignore[arg-type]


# -- parties -----------------------------------------------------------------------------------


TEAM = Unit("Team A", UnitKind.TEAM, {"Chen": 3, "Lin": 2, "Wang": 2})
SECTION = Unit("Plating", UnitKind.SECTION, {"Chen": 3, "Lin": 2, "Wang": 2, "Zhao": 1})
SALES = Unit("Sales 1", UnitKind.DEPARTMENT, {"Li": 4, "Zhou": 3})


class TestUnit:
    def test_members_and_total_points(self) -> None:
        unit = Unit("T", UnitKind.TEAM, [("a", 1), ("b", Decimal("2.5"))])
        assert unit.members == ("a", "b")
        assert unit.total_points == Decimal("3.5")
        assert unit.label("zh-Hant") == "T（組單元）"

    def test_repr_pastes_back(self) -> None:
        assert eval(repr(TEAM)) == TEAM

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (("", UnitKind.TEAM, {"a": 1}), "name must be a non-empty str"),
            (("T", "team", {"a": 1}), "kind must be a UnitKind"),
            (("T", UnitKind.TEAM, {}), "base_points must list at least one member"),
            (("T", UnitKind.TEAM, 5), "base_points must map member names to base points"),
            (("T", UnitKind.TEAM, [("a", 1, 2)]), "base_points must map member names"),
            (("T", UnitKind.TEAM, [("a", 1), ("a", 2)]), "member 'a' is listed twice in 'T'"),
            (("T", UnitKind.TEAM, {"a": 0, "b": 0}), "base points must not all be zero"),
            (
                ("T", UnitKind.TEAM, {"a": -1}),
                "base points of 'a' must be a Decimal or an int of at least 0",
            ),
            (("T", UnitKind.TEAM, {"a": 1.0}), "floats are inexact"),
            (("T", UnitKind.TEAM, {"a": None}), "base points of 'a' must be a Decimal or an int"),
            (("T", UnitKind.TEAM, {"a": Decimal("NaN")}), "must be a Decimal or an int"),
            (("T", UnitKind.TEAM, {"": 1}), "member name must be a non-empty str"),
        ],
    )
    def test_a_bad_unit_is_refused(self, arguments: tuple[Any, ...], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Unit(*arguments)

    def test_a_person_needs_a_name(self) -> None:
        assert Person("Li").label("zh-Hant") == "Li"
        with pytest.raises(InvalidInputError, match="name must be a non-empty str"):
            Person(" ")


# -- P-E1, P-E2 --------------------------------------------------------------------------------


class TestAttribution:
    def test_manufacturing_charges_the_team_where_the_fault_arose(self) -> None:
        found = attribute(Function.MANUFACTURING, whole=SECTION, at_fault=TEAM)
        assert (found.party, found.identified, found.clauses) == (TEAM, True, (P_E1,))
        assert "the fault arose with Team A (team)" in found.explain()
        assert "異常發生於Team A（組單元）" in found.explain("zh-Hant")

    def test_manufacturing_charges_the_whole_section_when_the_team_is_unknown(self) -> None:
        found = attribute(Function.MANUFACTURING, whole=SECTION)
        assert (found.party, found.identified) == (SECTION, False)
        assert "無法明確歸屬至發生的組單元，故歸屬至全科Plating（科）" in found.explain("zh-Hant")

    @pytest.mark.parametrize("function", [Function.SALES, Function.SERVICE])
    def test_sales_and_service_charge_the_individual(self, function: Function) -> None:
        found = attribute(function, whole=SALES, at_fault=Person("Li"))
        assert (found.party, found.identified, found.clauses) == (Person("Li"), True, (P_E2,))

    def test_sales_charges_the_department_when_the_person_is_unknown(self) -> None:
        found = attribute(Function.SALES, whole=SALES)
        assert (found.party, found.identified) == (SALES, False)
        assert "the person where the fault arose cannot be told" in found.explain()
        assert "故歸屬至全部門Sales 1（部門）" in found.explain("zh-Hant")

    @pytest.mark.parametrize(
        ("function", "whole", "at_fault", "message"),
        [
            ("sales", SALES, None, "function must be a Function"),
            (Function.SALES, SECTION, None, "whole must be a Unit of kind department"),
            (Function.MANUFACTURING, SALES, None, "whole must be a Unit of kind section"),
            (Function.MANUFACTURING, SECTION, Person("Chen"), "at_fault must be the team"),
            (Function.MANUFACTURING, SECTION, SALES, "at_fault must be the team"),
            (
                Function.MANUFACTURING,
                SECTION,
                Unit("Team B", UnitKind.TEAM, {"Chen": 1, "Hu": 1}),
                r"has members \['Hu'\] who are not in section 'Plating'",
            ),
            (Function.SALES, SALES, TEAM, "at_fault must be a Person for sales"),
            (Function.SERVICE, SALES, Person("Chen"), "'Chen' is not a member of 'Sales 1'"),
        ],
    )
    def test_bad_input_is_refused(
        self, function: Any, whole: Any, at_fault: Any, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            attribute(function, whole=whole, at_fault=at_fault)

    def test_a_bad_policy_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            attribute(Function.SALES, whole=SALES, policy="p")  # type: ignore[arg-type]


# -- P-2, P-E3.2, P-E3.3, P-E4 -----------------------------------------------------------------


class TestApportionment:
    @pytest.mark.parametrize(
        ("loss", "ratios", "team_amount", "li_amount", "members"),
        [
            ("1000.00", (7, 3), "700.00", "300.00", ("300.00", "200.00", "200.00")),
            (
                "1000.00",
                (Decimal("0.7"), Decimal("0.3")),
                "700.00",
                "300.00",
                ("300.00", "200.00", "200.00"),
            ),
            ("1000.01", (7, 3), "700.01", "300.00", ("300.01", "200.00", "200.00")),
            ("0.05", (1, 1), "0.02", "0.03", ("0.01", "0.01", "0.00")),
            ("-1000.01", (7, 3), "-700.01", "-300.00", ("-300.01", "-200.00", "-200.00")),
            ("0.00", (7, 3), "0.00", "0.00", ("0.00", "0.00", "0.00")),
        ],
    )
    def test_worked_cases_of_a_team_and_a_salesperson(
        self,
        loss: str,
        ratios: tuple[Any, Any],
        team_amount: str,
        li_amount: str,
        members: tuple[str, str, str],
    ) -> None:
        split = apportion(cny(loss), {TEAM: ratios[0], Person("Li"): ratios[1]}, case="260301")
        assert split.unit_amount("Team A") == cny(team_amount)
        assert split.unit_amount("Li") == split.person_amount("Li") == cny(li_amount)
        assert tuple(split.person_amount(n) for n in ("Chen", "Lin", "Wang")) == tuple(
            map(cny, members)
        )

    def test_one_party_at_fault_bears_the_whole_loss(self) -> None:
        split = apportion(cny("99.99"), Person("Li"))
        assert dict(split.persons) == {"Li": cny("99.99")}
        assert "Li alone is at fault and bears the whole loss of CNY 99.99" in split.explain()
        assert split.clauses == (P_E3_2, P_2)

    def test_a_whole_section_is_spread_by_base_points_under_p_e4(self) -> None:
        split = apportion(cny("800.00"), SECTION)
        assert [str(v) for v in split.persons.values()] == [
            "CNY 300.00",
            "CNY 200.00",
            "CNY 200.00",
            "CNY 100.00",
        ]
        assert P_E4 in split.clauses
        assert P_E3_3 not in split.clauses

    def test_a_member_with_zero_base_points_is_charged_nothing(self) -> None:
        unit = Unit("T", UnitKind.TEAM, {"a": 0, "b": 2})
        assert dict(apportion(cny("5.00"), unit).persons) == {"a": cny("0"), "b": cny("5")}

    def test_the_explanation_follows_the_chain_from_the_loss_to_each_person(self) -> None:
        split = apportion(cny("1000.01"), {TEAM: 7, Person("Li"): 3}, case="260301")
        assert split.explain().splitlines() == [
            "P-E3.2 case 260301: the loss of CNY 1,000.01 is computed and rounded on its own",
            (
                "P-2 2 parties share the loss by responsibility ratio (total 10), largest "
                "remainder to the minor unit, ties to the name that sorts first"
            ),
            (
                "P-E3.3 Team A (team): CNY 1,000.01 x 7/10 = CNY 700.01 (a leftover fen: "
                "largest remainder), split among its members as charge / 7 base points x each "
                "member's base points"
            ),
            (
                "P-E3.3 Chen: CNY 700.01 x 3/7 base points = CNY 300.01 (a leftover fen: "
                "largest remainder)"
            ),
            "P-E3.3 Lin: CNY 700.01 x 2/7 base points = CNY 200.00",
            "P-E3.3 Wang: CNY 700.01 x 2/7 base points = CNY 200.00",
            "P-2 Li: CNY 1,000.01 x 3/10 = CNY 300.00, charged individually",
        ]
        zh = split.explain("zh-Hant")
        assert "Chen：CN¥700.01 × 3/7基點 = CN¥300.01（餘數最大，分得剩餘的一分）" in zh
        assert "Li：CN¥1,000.01 × 3/10 = CN¥300.00，由個人負擔" in zh

    def test_a_leftover_fen_for_a_person_is_explained(self) -> None:
        split = apportion(cny("0.01"), {Person("a"): 1, Person("b"): 1})
        assert "a: CNY 0.01 x 1/2 = CNY 0.01 (a leftover fen" in split.explain()
        assert "（餘數最大，分得剩餘的一分），由個人負擔" in split.explain("zh-Hant")

    def test_a_person_charged_individually_and_through_a_team_is_summed(self) -> None:
        split = apportion(cny("100.00"), {TEAM: 1, Person("Chen"): 1})
        assert split.person_amount("Chen") == cny("71.43")
        assert "Chen is charged through 2 parties: CNY 71.43 in all" in split.explain()
        assert "Chen經由2方負擔，合計CN¥71.43" in split.explain("zh-Hant")

    def test_parties_and_charges_read_back(self) -> None:
        split = apportion(cny("10.00"), {TEAM: 1, Person("Li"): 1})
        assert dict(split.parties) == {"Team A": cny("5"), "Li": cny("5")}
        assert [c.party.name for c in split] == ["Team A", "Li"]

    @pytest.mark.parametrize(
        ("method", "name", "message"),
        [
            ("unit_amount", "Nobody", r"name must be one of the parties \['Team A'\]"),
            ("person_amount", "Nobody", "name must be one of the persons"),
        ],
    )
    def test_an_unknown_name_is_refused(self, method: str, name: str, message: str) -> None:
        with pytest.raises(UnknownKeyError, match=message):
            getattr(apportion(cny("1"), TEAM), method)(name)

    @pytest.mark.parametrize(
        ("loss", "responsibility", "message"),
        [
            (1000, TEAM, "loss must be Money, got 1000"),
            (1000.0, TEAM, "use Decimal or str: floats are inexact"),
            (cny("1"), {}, "responsibility must name at least one party"),
            (
                cny("1"),
                [TEAM],
                "responsibility must be a mapping of each Person or Unit to its ratio, got ",
            ),
            (cny("1"), {"Li": 1}, "each party must be a Person or a Unit, got 'Li'"),
            (cny("1"), {TEAM: 0, Person("Li"): 0}, "ratios must not all be zero"),
            (
                cny("1"),
                {TEAM: -1, Person("Li"): 2},
                "ratio of 'Team A' must be a Decimal or an int of at least 0",
            ),
            (cny("1"), {TEAM: 0.7, Person("Li"): 0.3}, "floats are inexact"),
            (cny("1"), {TEAM: "7"}, "ratio of 'Team A' must be a Decimal or an int"),
            (cny("1"), {TEAM: True}, "a bool is not a number"),
            (
                cny("1"),
                {Person("Team A"): 1, TEAM: 1},
                "party 'Team A' is listed twice",
            ),
        ],
    )
    def test_bad_input_is_refused(self, loss: Any, responsibility: Any, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            apportion(loss, responsibility)

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [({"case": 260301}, "case must be a str"), ({"policy": None}, "policy must be a Policy")],
    )
    def test_bad_keywords_are_refused(self, keywords: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            apportion(cny("1"), TEAM, **keywords)

    # -- properties --

    @settings(max_examples=300)
    @given(loss=money(max_minor=10**9), responsibility=responsibilities())
    def test_both_levels_add_up_exactly(
        self, loss: Money, responsibility: dict[Person | Unit, Decimal | int]
    ) -> None:
        split = apportion(loss, responsibility)
        assert sum(c.amount for c in split.charges) == loss
        for charge in split.charges:
            if charge.members is not None:
                assert sum(charge.members.values()) == charge.amount
        assert sum(split.persons.values()) == loss

    @settings(max_examples=300)
    @given(loss=money(max_minor=10**9), responsibility=responsibilities())
    def test_each_amount_is_the_floor_or_ceiling_of_its_exact_share(
        self, loss: Money, responsibility: dict[Person | Unit, Decimal | int]
    ) -> None:
        split = apportion(loss, responsibility)
        total_ratio = sum(Fraction(r) for r in responsibility.values())
        for charge in split.charges:
            exact = Fraction(loss.minor) * Fraction(charge.ratio) / total_ratio
            assert abs(charge.amount.minor - exact) < 1
            if charge.members is None:
                continue
            assert isinstance(charge.party, Unit)
            points = Fraction(charge.party.total_points)
            for (_, weight), part in zip(charge.members.weights, charge.members.parts, strict=True):
                member_exact = Fraction(charge.amount.minor) * Fraction(weight) / points
                assert abs(part.minor - member_exact) < 1

    @settings(max_examples=300)
    @given(loss=money(max_minor=10**9), responsibility=responsibilities(), data=st.data())
    def test_the_order_of_parties_and_members_does_not_change_the_result(
        self,
        loss: Money,
        responsibility: dict[Person | Unit, Decimal | int],
        data: st.DataObject,
    ) -> None:
        shuffled_items = data.draw(st.permutations(list(responsibility.items())))
        shuffled: dict[Person | Unit, Decimal | int] = {}
        for party, ratio in shuffled_items:
            if isinstance(party, Unit):
                order = data.draw(st.permutations(list(party.base_points)))
                party = Unit(party.name, party.kind, order)
            shuffled[party] = ratio
        first, second = apportion(loss, responsibility), apportion(loss, shuffled)
        assert dict(first.parties) == dict(second.parties)
        assert dict(first.persons) == dict(second.persons)

    @settings(max_examples=200)
    @given(loss=money(max_minor=10**9), responsibility=responsibilities())
    def test_a_refund_is_the_negative_of_the_same_split(
        self, loss: Money, responsibility: dict[Person | Unit, Decimal | int]
    ) -> None:
        positive, negative = apportion(loss, responsibility), apportion(-loss, responsibility)
        assert {k: -v for k, v in positive.persons.items()} == dict(negative.persons)

    @settings(max_examples=200)
    @given(unit=units(), loss=money(max_minor=10**9))
    def test_a_single_party_bears_the_whole_loss_whatever_its_ratio(
        self, unit: Unit, loss: Money
    ) -> None:
        ratio = Decimal("0.3")
        assert apportion(loss, {unit: ratio}).unit_amount(unit.name) == loss

    @settings(max_examples=200)
    @given(
        losses=st.lists(money(max_minor=10**6, min_minor=0), min_size=2, max_size=5),
        unit=units(),
    )
    def test_each_case_is_rounded_on_its_own(self, losses: list[Money], unit: Unit) -> None:
        per_case = [apportion(loss, unit, case=str(i)) for i, loss in enumerate(losses)]
        for split, loss in zip(per_case, losses, strict=True):
            assert split.case == str(per_case.index(split))
            assert split.loss == loss
            assert sum(split.persons.values()) == loss
        # summing per-case amounts always adds up to the summed losses
        assert sum(sum(s.persons.values()) for s in per_case) == sum(losses)


# -- issue 13: the ends of P-1's resale loss and the clause of each member split --------------


def _resale(proceeds: str) -> Any:
    return loss_basis(
        ruling=date(2026, 1, 5),
        a_grade_price=PRICE,
        quantity=100,
        sold_on=date(2026, 1, 20),
        proceeds=cny(proceeds),
    )


class TestResaleLossAtZero:
    """P-1: A-grade price x quantity - proceeds, never below zero (CNY 1,250.00 here)."""

    @pytest.mark.parametrize(
        ("proceeds", "loss"),
        [
            ("1249.98", "0.02"),
            ("1249.99", "0.01"),
            ("1250.00", "0.00"),
            ("1250.01", "0.00"),
            ("2000.00", "0.00"),
        ],
    )
    def test_the_loss_is_the_shortfall_to_the_fen_and_never_below_zero(
        self, proceeds: str, loss: str
    ) -> None:
        basis = _resale(proceeds)
        assert (basis.loss, basis.branch) == (cny(loss), "resale")
        assert basis.loss.minor >= 0

    @pytest.mark.parametrize("proceeds", ["1249.99", "1250.00"])
    def test_a_loss_of_zero_or_more_is_stated_without_the_clamp(self, proceeds: str) -> None:
        basis = _resale(proceeds)
        loss = basis.loss
        assert basis.explain().splitlines()[-1] == (
            "P-1 resold on 2026-01-20, within the month: loss = A-grade price CNY 12.50 x 100 = "
            f"CNY 1,250.00, less proceeds CNY {cny(proceeds).amount:,} = {loss}"
        )
        assert "never below zero" not in basis.explain()
        zh = basis.explain("zh-Hant").splitlines()[-1]
        assert zh.endswith(f"= {format_money(loss, 'zh-Hant')}")
        assert "不低於零" not in zh

    def test_a_negative_shortfall_is_clamped_to_zero_and_says_so(self) -> None:
        basis = _resale("1250.01")
        assert basis.explain().splitlines()[-1] == (
            "P-1 resold on 2026-01-20, within the month: loss = A-grade price CNY 12.50 x 100 = "
            "CNY 1,250.00, less proceeds CNY 1,250.01 = CNY 0.00 (never below zero)"
        )
        assert basis.explain("zh-Hant").splitlines()[-1].endswith("= CN¥0.00（不低於零）")

    @given(proceeds=money(currency="CNY", min_minor=0, max_minor=250_000))
    def test_the_loss_is_the_positive_part_of_the_shortfall(self, proceeds: Money) -> None:
        basis = _resale(str(proceeds.amount))
        assert basis.loss.minor == max(125_000 - proceeds.minor, 0)
        assert ("never below zero" in basis.explain()) is (proceeds.minor > 125_000)
        assert ("不低於零" in basis.explain("zh-Hant")) is (proceeds.minor > 125_000)


def _member_clauses(split: Any) -> dict[str, set[Any]]:
    """The clauses each kind of step of the explanation cites."""
    found: dict[str, set[Any]] = {}
    for reason in split.reasons:
        found.setdefault(reason.key, set()).add(reason.clause)
    return found


class TestTheClauseOfEachMemberSplit:
    """A team's or a department's members split under P-E3.3; a whole section's under P-E4."""

    @pytest.mark.parametrize(("unit", "clause"), [(TEAM, P_E3_3), (SALES, P_E3_3), (SECTION, P_E4)])
    def test_the_unit_and_member_lines_cite_the_clause_of_the_unit_kind(
        self, unit: Unit, clause: Any
    ) -> None:
        split = apportion(cny("1000.01"), {unit: 7, Person("Li"): 3}, case="260301")
        cited = _member_clauses(split)
        assert cited["apportion.unit"] == {clause}
        assert cited["apportion.member"] == {clause}
        (charge,) = (c for c in split.charges if c.party == unit)
        assert charge.members is not None
        assert charge.members.clause == clause

    def test_a_team_split_cites_p_e3_3_and_not_p_e4(self) -> None:
        split = apportion(cny("1000.00"), TEAM)
        assert P_E3_3 in split.clauses
        assert P_E4 not in split.clauses

    def test_a_team_and_a_section_together_cite_each_its_own_clause(self) -> None:
        split = apportion(cny("1000.00"), {TEAM: 1, SECTION: 1})
        units = [reason.clause for reason in split.reasons if reason.key == "apportion.unit"]
        assert units == [P_E3_3, P_E4]  # the team first, as listed
        members = {c.party.name: c.members.clause for c in split.charges if c.members}
        assert members == {"Team A": P_E3_3, "Plating": P_E4}


# -- results built by hand -----------------------------------------------------------------------


# the constructors, for values that a type checker would refuse
ANY_attrs_evolve: Any = attrs.evolve
ANY_Classification: Any = Classification
ANY_Attribution: Any = Attribution
ANY_PartyCharge: Any = PartyCharge
ANY_Apportionment: Any = Apportionment


def rebuilt(value: Any) -> Any:
    """``value`` built again through its class's validating constructor, field by field."""
    return type(value)(**{f.name: getattr(value, f.name) for f in attrs.fields(type(value))})


class TestResultsBuiltByHand:
    BASIS = loss_basis(
        ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=1, actual_loss=cny("0")
    )
    SPLIT = apportion(cny("10"), {TEAM: 1, Person("Li"): 1}, case="c")

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: ANY_attrs_evolve(TestResultsBuiltByHand.BASIS, loss=cny("-0.01")),
             r"^loss must be a non-negative Money, got Money\('-0.01', 'CNY'\) \[P-1\]$"),
            (lambda: ANY_attrs_evolve(TestResultsBuiltByHand.BASIS, branch="sold"),
             r"^branch must be one of \('resale', 'actual'\), got 'sold' \[P-1\]$"),
            (lambda: ANY_attrs_evolve(TestResultsBuiltByHand.BASIS, ruling="2026-01-05"),
             r"^ruling must be a datetime.date, got '2026-01-05' \[P-1\]$"),
            (lambda: ANY_attrs_evolve(TestResultsBuiltByHand.BASIS, resale_deadline=None),
             r"^resale_deadline must be a datetime.date, got None \[P-1\]$"),
            (lambda: ANY_attrs_evolve(TestResultsBuiltByHand.BASIS, reasons=["x"]),
             r"^reasons must be a tuple of Reason, got \['x'\] \[P-1\]$"),
            (lambda: ANY_Classification(9, ComplaintKind.QUALITY, ()),
             r"^cause must be one of \(.*\), got 9 \[P-4\]$"),
            (lambda: ANY_Classification(Cause.OTHER, "quality", ()),
             r"^kind must be one of \(.*\), got 'quality' \[C-5\]$"),
            (lambda: ANY_Attribution("sales", Person("Li"), True, ()),
             r"^function must be one of \(.*\), got 'sales' \[P-E1\]$"),
            (lambda: ANY_Attribution(Function.SALES, "Li", True, ()),
             r"^party must be a Person or a Unit, got 'Li' \[P-E1\]$"),
            (lambda: ANY_Attribution(Function.SALES, Person("Li"), 1, ()),
             r"^identified must be True or False, got 1 \[P-E1\]$"),
            (lambda: ANY_PartyCharge("Li", 1, cny("1"), None),
             r"^party must be a Person or a Unit, got 'Li' \[P-2\]$"),
            (lambda: ANY_PartyCharge(Person("Li"), 0.5, cny("1"), None),
             r"^ratio must be a Decimal or an int, got 0.5: use Decimal or str"),
            (lambda: ANY_PartyCharge(Person("Li"), 1, 1, None),
             r"^amount must be Money, got 1 \[P-2\]$"),
            (lambda: ANY_PartyCharge(Person("Li"), 1, cny("1"), {"Li": 1}),
             r"^members must be an Allocation or None, got \{'Li': 1\} \[P-E3.3\]$"),
            (lambda: ANY_PartyCharge(Person("Li"), 1, cny("1"), None, leftover=None),
             r"^leftover must be True or False, got None \[P-2\]$"),
            (lambda: ANY_Apportionment(1, "c", ()), r"^loss must be Money, got 1 \[P-2\]$"),
            (lambda: ANY_Apportionment(cny("1"), None, ()),
             r"^case must be a str, got None \[P-E3.2\]$"),
            (lambda: ANY_Apportionment(cny("1"), "c", [1]),
             r"^charges must be a tuple of PartyCharge, got \[1\] \[P-2\]$"),
        ],
    )  # fmt: skip
    def test_a_bad_field_is_refused_naming_it_the_value_and_the_clause(
        self, build: Any, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            build()

    def test_good_fields_at_the_ends_are_accepted(self) -> None:
        assert rebuilt(self.BASIS) == self.BASIS
        assert self.BASIS.loss == cny("0")
        found = classify_complaint(1, ComplaintKind.QUALITY)
        assert rebuilt(found) == found
        last = attrs.evolve(found, cause=Cause.OTHER)
        assert last.cause.number == 15
        whole = attribute(Function.SALES, whole=SALES)
        assert rebuilt(whole) == whole
        assert whole.party == SALES
        assert rebuilt(self.SPLIT) == self.SPLIT
        refund = PartyCharge(Person("Li"), Decimal(0), cny("-0.01"), None, leftover=True)
        assert refund.amount.minor == -1
        assert Apportionment(cny("-0.01"), "", (refund,)).case == ""

    @settings(max_examples=200)
    @given(loss=money(max_minor=10**9), responsibility=responsibilities())
    def test_the_fast_path_builds_what_the_validating_constructors_build(
        self, loss: Money, responsibility: dict[Person | Unit, Decimal | int]
    ) -> None:
        split = apportion(loss, responsibility, case="c")
        charges = tuple(rebuilt(charge) for charge in split.charges)
        assert Apportionment(split.loss, split.case, charges) == split
        assert all(isinstance(reason, Reason) for reason in split.reasons)
        assert all(type(amount) is Money for amount in split.persons.values())
        assert sum(a.minor for a in split.persons.values()) == loss.minor


class TestBoundsOfTheLossRules:
    def test_the_smallest_positive_quantity_is_accepted_and_zero_refused(self) -> None:
        smallest = Decimal("1E-99")
        basis = loss_basis(ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=smallest,
                           actual_loss=cny("1"))  # fmt: skip
        assert basis.loss == cny("1")
        with pytest.raises(InvalidInputError, match=r"^quantity must be positive, got 0 \["):
            loss_basis(ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=0)
        with pytest.raises(InvalidInputError, match=r"^quantity must be positive, got -1 \["):
            loss_basis(ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=-1)

    @pytest.mark.parametrize("argument", ["a_grade_price", "actual_loss"])
    def test_zero_amounts_are_accepted_and_one_fen_below_refused(self, argument: str) -> None:
        arguments: dict[str, Any] = {"a_grade_price": PRICE, "actual_loss": cny("1")}
        basis = loss_basis(
            ruling=date(2026, 1, 5), quantity=1, **(arguments | {argument: cny("0")})
        )
        assert basis.branch == "actual"
        with pytest.raises(
            InvalidInputError,
            match=rf"^{argument} must be Money of at least 0, got Money\('-0.01', 'CNY'\) "
            r"\[loss_basis P-1\]$",
        ):
            loss_basis(
                ruling=date(2026, 1, 5), quantity=1, **(arguments | {argument: cny("-0.01")})
            )

    def test_a_negative_amount_in_another_currency_is_named_negative_first(self) -> None:
        with pytest.raises(InvalidInputError, match="actual_loss must be Money of at least 0"):
            loss_basis(ruling=date(2026, 1, 5), a_grade_price=PRICE, quantity=1,
                       actual_loss=Money("-1", "TWD"))  # fmt: skip

    def test_a_sale_on_the_ruling_day_is_accepted_and_the_day_before_refused(self) -> None:
        ruling = date(2026, 1, 5)
        same = loss_basis(ruling=ruling, a_grade_price=PRICE, quantity=1, sold_on=ruling,
                          proceeds=cny("1"))  # fmt: skip
        assert same.branch == "resale"
        with pytest.raises(
            InvalidInputError,
            match=r"^sold_on must not be before the ruling on 2026-01-05, got 2026-01-04 "
            r"\[loss_basis P-1\]$",
        ):
            loss_basis(ruling=ruling, a_grade_price=PRICE, quantity=1,
                       sold_on=date(2026, 1, 4), proceeds=cny("1"))  # fmt: skip

    @pytest.mark.parametrize(
        ("cause", "accepted"), [(0, False), (1, True), (15, True), (16, False)]
    )
    def test_cause_numbers_run_from_1_to_15(self, cause: int, accepted: bool) -> None:
        if accepted:
            assert classify_complaint(cause, ComplaintKind.QUALITY).cause.number == cause
        else:
            with pytest.raises(
                InvalidInputError,
                match=rf"^cause must be a Cause or a cause number from 1 to 15, got {cause} \[",
            ):
                classify_complaint(cause, ComplaintKind.QUALITY)

    @pytest.mark.parametrize(
        ("points", "accepted"), [(0, True), (-1, False), (Decimal("-0.1"), False)]
    )
    def test_base_points_of_zero_are_accepted_and_below_zero_refused(
        self, points: Decimal | int, accepted: bool
    ) -> None:
        if accepted:
            assert Unit("T", UnitKind.TEAM, {"a": points, "b": 1}).total_points == 1
        else:
            with pytest.raises(
                InvalidInputError,
                match=re.escape(
                    f"base points of 'a' must be a Decimal or an int of at least 0, "
                    f"got {points!r} [Unit"
                ),
            ):
                Unit("T", UnitKind.TEAM, {"a": points, "b": 1})

    @pytest.mark.parametrize(("ratio", "accepted"), [(0, True), (-1, False)])
    def test_a_ratio_of_zero_is_accepted_and_below_zero_refused(
        self, ratio: int, accepted: bool
    ) -> None:
        if accepted:
            split = apportion(cny("1"), {TEAM: ratio, Person("Li"): 1})
            assert split.unit_amount("Team A") == cny("0")
        else:
            with pytest.raises(
                InvalidInputError,
                match=r"^ratio of 'Team A' must be a Decimal or an int of at least 0, "
                r"got -1 \[apportion P-2\]$",
            ):
                apportion(cny("1"), {TEAM: ratio, Person("Li"): 1})

    def test_the_whole_messages_of_the_unit_refusals(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^base_points must list at least one member of 'T', got none \[Unit P-E3.3\]$",
        ):
            Unit("T", UnitKind.TEAM, {})
        with pytest.raises(
            InvalidInputError,
            match=r"^base points must not all be zero, got \{'a': 0\} for 'T' \[Unit P-E3.3\]$",
        ):
            Unit("T", UnitKind.TEAM, {"a": 0})
        with pytest.raises(
            InvalidInputError, match=r"^base_points must map member names to base points, got 5 \["
        ):
            Unit("T", UnitKind.TEAM, 5)
