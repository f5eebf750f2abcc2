"""Reasons and explanations, rendered in English and Traditional Chinese."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from custpolicy import CNY, InvalidInputError, Money, Reason
from custpolicy.clauses import B_6, B_7, Lang
from custpolicy.explain import Explained, render_fact


@attrs.frozen
class Category:
    code: str

    def label(self, lang: Lang = "en") -> str:
        return {"en": "key customer", "zh-Hant": "重點客戶"}[lang]


@attrs.frozen
class Outcome(Explained):
    reasons: tuple[Reason, ...]


def _reason(clause: object = B_6) -> Reason:
    return Reason.of(
        "billing.due",
        clause,  # type: ignore[arg-type]
        en="delivered {delivered}, pay by {due}, owed {owed}",
        zh="{delivered}送達,{due}前繳納{owed}",
        delivered=date(2026, 3, 2),
        due=date(2026, 3, 9),
        owed=Money("120.50", CNY),
    )


class TestReason:
    def test_renders_with_the_clause_id_first(self) -> None:
        assert _reason().render() == "B-6 delivered 2026-03-02, pay by 2026-03-09, owed CNY 120.50"
        assert _reason().render("zh-Hant") == "B-6 2026-03-02送達,2026-03-09前繳納CNY 120.50"

    def test_a_reason_without_a_clause_has_no_prefix(self) -> None:
        assert _reason(None).render().startswith("delivered")

    def test_facts_are_data(self) -> None:
        r = _reason()
        assert r.fact("owed") == Money("120.50", CNY)
        assert dict(r.facts)["due"] == date(2026, 3, 9)

    def test_facts_can_be_given_as_pairs(self) -> None:
        r = Reason("k", None, "{a}", "{a}", (("a", 1),))
        assert r.facts == (("a", 1),)

    def test_an_unknown_fact_names_the_known_ones(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"one of the reason's facts \['delivered', 'due', 'owed'\], got 'x'",
        ):
            _reason().fact("x")

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="lang must be one of"):
            _reason().render("de")  # type: ignore[arg-type]


class TestRenderFact:
    @pytest.mark.parametrize(
        ("value", "en", "zh"),
        [
            (True, "yes", "是"),
            (False, "no", "否"),
            (date(2026, 1, 4), "2026-01-04", "2026-01-04"),
            (Decimal("0.950"), "0.950", "0.950"),
            (Decimal("1E+2"), "100", "100"),
            (Category("key"), "key customer", "重點客戶"),
            (("a", "b"), "a, b", "a、b"),
            (["x"], "x", "x"),
            (frozenset({"b", "a"}), "a, b", "a、b"),
            (Money(5, CNY), "CNY 5.00", "CNY 5.00"),
            (7, "7", "7"),
        ],
    )
    def test_each_kind_of_fact(self, value: object, en: str, zh: str) -> None:
        assert render_fact(value, "en") == en
        assert render_fact(value, "zh-Hant") == zh


class TestExplained:
    def test_clauses_are_unique_in_order_of_first_citation(self) -> None:
        outcome = Outcome((_reason(B_7), _reason(None), _reason(B_6), _reason(B_7)))
        assert outcome.clauses == (B_7, B_6)

    def test_explain_joins_the_lines(self) -> None:
        outcome = Outcome((_reason(B_6), _reason(B_7)))
        assert outcome.explain().splitlines()[1].startswith("B-7 delivered")
        assert outcome.explain("zh-Hant").count("\n") == 1

    def test_explain_refuses_an_unknown_language(self) -> None:
        with pytest.raises(InvalidInputError, match=r"\[Outcome.explain\]"):
            Outcome(()).explain("EN")  # type: ignore[arg-type]

    def test_the_base_class_has_no_reasons_of_its_own(self) -> None:
        with pytest.raises(NotImplementedError):
            _ = Explained().reasons


class TestChoice:
    def test_a_value_that_is_not_a_member_names_the_members(self) -> None:
        from custpolicy.explain import Choice

        class Kind(Choice):
            A = "a"
            B = "b"

        assert Kind("a") is Kind.A
        with pytest.raises(InvalidInputError, match=r"^Kind must be one of \['a', 'b'\], got 'c'$"):
            Kind("c")
