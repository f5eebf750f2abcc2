"""Reasons and explanations, rendered in English and Traditional Chinese."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import CNY, InvalidInputError, Money, Reason
from custpolicy.foundation.clauses import B_6, B_7, Lang
from custpolicy.foundation.explain import Choice, Explained, Phrase, check_lang, render_fact
from tests.junk import AMBIGUOUS
from tests.samples import all_choices, all_result_types, sample_results


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
        assert _reason().render("zh-Hant") == "B-6 2026年3月2日送達,2026年3月9日前繳納CN¥120.50"

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

    def test_facts_can_be_given_as_lists_and_text_can_hold_braces(self) -> None:
        r = Reason("k", None, "{{a}} is {a}", "{a}", [["a", 1]])
        assert r.facts == (("a", 1),)
        assert r.render() == "{a} is 1"

    def test_a_str_subclass_is_text(self) -> None:
        class Text(str):
            pass

        r = Reason(Text("k"), None, Text("{a}"), "{a}", {Text("a"): 1})
        assert r.render("zh-Hant") == "1"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            # before: AttributeError at render
            (("k", "B-6", "x", "y"), r"^clause must be a Clause or None, got 'B-6' \[Reason k\]$"),
            ((None, None, "x", "y"), r"^key must be a str, got None \[Reason\]$"),
            (("k", None, None, "y"), r"^en must be a str, got None \[Reason k\]$"),
            (("k", None, "x", b"y"), r"^zh must be a str, got b'y' \[Reason k\]$"),
            # before: TypeError and ValueError at construction
            (("k", None, "x", "y", None), r"^facts must be a mapping or \(name, value\) pairs"),
            (("k", None, "x", "y", "ab"), r"^facts must be a mapping or .*got 'ab' \[Reason\]$"),
            (("k", None, "x", "y", [1, 2]), r"^facts must be \(name, value\) pairs .*got 1 "),
            (("k", None, "x", "y", [("a", 1, 2)]), r"^facts must be \(name, value\) pairs"),
            (("k", None, "x", "y", {1: "a"}), r"pairs with a str name, got \(1, 'a'\) \[Reason k"),
            (("k", None, "x", "y", [("a", 1), ("a", 2)]), r"^facts must be named once each"),
        ],
    )
    def test_a_reason_that_could_not_render_is_refused_when_built(
        self, args: tuple[object, ...], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Reason(*args)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("en", "zh", "message"),
        [
            # before: KeyError at render
            ("pay by {due}", "", r"^en must be a text whose placeholders name the reason's "),
            ("{a}", "{due}前", r"^zh must be a text .* facts \['a'\], got \{due\} in '\{due\}前'"),
            # before: ValueError or IndexError at render
            ("a {0}", "", r"got \{0\} in 'a \{0\}' \[Reason k\]$"),
            ("a {}", "", r"^en must be a text whose placeholders are \{name\} .*got \{\} in"),
            ("{a.real}", "", r"got \{a.real\} in"),
            ("{a!r}", "", r"got \{a!r\} in"),
            ("{a:>5}", "", r"got \{a:>5\} in"),
            ("{a!s:>5}", "", r"got \{a!s:>5\} in"),
            ("a }", "", r"got 'a \}' \(Single '\}' encountered in format string\)"),
            ("", "{", r"^zh must be .*got '\{' \(Single '\{' encountered"),
        ],
    )
    def test_every_placeholder_must_be_a_fact(self, en: str, zh: str, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            Reason.of("k", B_6, en=en, zh=zh, a=1)

    @pytest.mark.parametrize("name", [None, 1, ["due"], AMBIGUOUS])
    def test_a_fact_name_that_is_no_str_is_refused(self, name: object) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^name must be a str, got .* \[Reason billing.due\]$"
        ):
            _reason().fact(name)  # type: ignore[arg-type]


class TestRenderFact:
    @pytest.mark.parametrize(
        ("value", "en", "zh"),
        [
            (True, "yes", "是"),
            (False, "no", "否"),
            (date(2026, 1, 4), "2026-01-04", "2026年1月4日"),
            (datetime(2026, 1, 4, 8, 30), "2026-01-04T08:30:00", "2026-01-04T08:30:00"),
            (Decimal("0.950"), "0.950", "0.950"),
            (Decimal("1E+2"), "100", "100"),
            (Decimal("-12345.60"), "-12345.60", "-12,345.60"),
            (Decimal("NaN"), "NaN", "NaN"),
            (Category("key"), "key customer", "重點客戶"),
            (("a", "b"), "a, b", "a、b"),
            (["x"], "x", "x"),
            (frozenset({"b", "a"}), "a, b", "a、b"),
            (Money(5, CNY), "CNY 5.00", "CN¥5.00"),
            (Money(-1234, CNY), "CNY -1,234.00", "-CN¥1,234.00"),
            (7, "7", "7"),
            ((("general", 90), ("key", 30)), "general: 90, key: 30", "general：90、key：30"),
            ({"Chen": Money(5, CNY)}, "Chen: CNY 5.00", "Chen：CN¥5.00"),
            ((("a", 1), "b"), "a, 1, b", "a、1、b"),
            ((), "", ""),
        ],
    )
    def test_each_kind_of_fact(self, value: object, en: str, zh: str) -> None:
        assert render_fact(value, "en") == en
        assert render_fact(value, "zh-Hant") == zh

    @pytest.mark.parametrize(
        ("value", "zh"),
        [
            (date(2026, 3, 2), "2026年3月2日"),
            (Money("1349.99", CNY), "¥1,349.99"),
            (Money("1349.99", "USD"), "US$1,349.99"),
            (Decimal("1234.5"), "1,234.5"),
        ],
    )
    def test_simplified_chinese_writes_dates_and_amounts_as_cldr_zh(
        self, value: object, zh: str
    ) -> None:
        assert render_fact(value, "zh-Hans") == zh

    def test_english_keeps_the_text_of_records_and_scenario_files(self) -> None:
        # an English explanation is an audit trail: the same text as str(Money) and ISO dates
        amount = Money("1349.99", CNY)
        assert render_fact(amount, "en") == str(amount) == "CNY 1,349.99"
        assert Money.parse(render_fact(amount, "en")) == amount
        assert render_fact(date(2026, 3, 2), "en-GB") == "2026-03-02"  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["fr", "eng", None, AMBIGUOUS])
    def test_an_unknown_language_is_refused(self, lang: object) -> None:
        # before: any language other than "en" rendered Chinese
        with pytest.raises(InvalidInputError, match=r"^lang must be one of .*\[render_fact\]$"):
            render_fact(True, lang)  # type: ignore[arg-type]


class TestPhrase:
    def test_a_phrase_has_one_text_per_language(self) -> None:
        phrase = Phrase("the notice", "通知")
        assert (phrase.label(), phrase.label("zh-Hant")) == ("the notice", "通知")

    @pytest.mark.parametrize(("en", "zh", "bad"), [(1, "x", "en"), ("x", None, "zh")])
    def test_each_text_must_be_a_str(self, en: object, zh: object, bad: str) -> None:
        with pytest.raises(InvalidInputError, match=rf"^{bad} must be a str, got .* \[Phrase\]$"):
            Phrase(en, zh)  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["fr", None, AMBIGUOUS])
    def test_an_unknown_language_is_refused(self, lang: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^lang must be one of .*\[Phrase.label\]$"):
            Phrase("x", "y").label(lang)  # type: ignore[arg-type]


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
            Outcome(()).explain("eng")  # type: ignore[arg-type]

    def test_the_base_class_has_no_reasons_of_its_own(self) -> None:
        with pytest.raises(NotImplementedError):
            _ = Explained().reasons


class _ArrayLike:
    """Like a numpy array: unhashable, and ``==`` gives a value whose truth is ambiguous."""

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        return AMBIGUOUS

    def __repr__(self) -> str:
        return "<ArrayLike>"


class Number(Choice):
    ONE = 1
    TWO = 2


class TestChoice:
    def test_a_value_that_is_not_a_member_names_the_members(self) -> None:
        class Kind(Choice):
            A = "a"
            B = "b"

        assert Kind("a") is Kind.A
        with pytest.raises(InvalidInputError, match=r"^Kind must be one of \['a', 'b'\], got 'c'$"):
            Kind("c")

    def test_a_member_without_labels_is_labelled_by_its_value(self) -> None:
        assert (Number.ONE.label(), Number.ONE.label("zh-Hant")) == ("1", "1")

    def test_a_member_and_an_equal_value_find_the_member(self) -> None:
        assert Number(Number.TWO) is Number.TWO
        assert Number(2) is Number(Decimal(2)) is Number(2.0) is Number.TWO

    # before: a list or a signalling NaN leaked TypeError or decimal.InvalidOperation from
    # Enum's fallback search, an array ValueError; True was taken for 1
    @pytest.mark.parametrize(
        "value", [True, False, [1], {}, Decimal("sNaN"), _ArrayLike(), AMBIGUOUS, None, "1"]
    )
    def test_a_value_no_member_can_equal_is_refused(self, value: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^Number must be one of \[1, 2\], got "):
            Number(value)

    def test_members_pickle_and_copy_as_themselves(self) -> None:
        import copy
        import pickle

        assert pickle.loads(pickle.dumps(Number.ONE)) is Number.ONE
        assert copy.deepcopy(Number.ONE) is Number.ONE

    def test_the_functional_api_still_makes_an_enumeration(self) -> None:
        made: Any = Choice("Made", ["A", "B"])  # type: ignore[call-arg]
        assert [member.name for member in made] == ["A", "B"]
        assert made(1) is made.A
        assert (
            made.__module__ == __name__
        )  # not custpolicy.foundation.explain, where the lookup runs

    @pytest.mark.parametrize("lang", ["fr", "eng", None, ["en"], AMBIGUOUS, _ArrayLike()])
    def test_every_label_refuses_a_language_it_does_not_know(self, lang: object) -> None:
        # before: any language other than "en" gave the Chinese label, and ones whose truth is
        # ambiguous leaked TypeError or ValueError
        # (losses.Cause has a label method of its own, with its number: checked the same way)
        classes: list[type[Choice]] = [Number, *all_choices()]
        for cls in classes:
            member = next(iter(cls))
            with pytest.raises(InvalidInputError, match=r"^lang must be one of .*\.label\]$"):
                member.label(lang)  # type: ignore[arg-type]


def test_check_lang_refuses_values_whose_truth_is_ambiguous() -> None:
    for lang in (AMBIGUOUS, _ArrayLike()):
        with pytest.raises(InvalidInputError, match=r"^lang must be one of .*\[here\]$"):
            check_lang(lang, "here")


def test_the_pandas_and_numpy_values_of_a_notebook_are_refused() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    from custpolicy import UserClass, closing_deadline

    for junk in (pd.NA, np.array([1, 2]), pd.Series(["en", "zh-Hant"])):
        with pytest.raises(InvalidInputError):
            check_lang(junk, "here")
        with pytest.raises(InvalidInputError):
            UserClass.COMMERCIAL.label(junk)
        with pytest.raises(InvalidInputError):
            UserClass(junk)
        with pytest.raises(InvalidInputError):
            closing_deadline(date(2026, 3, 5), junk)
        with pytest.raises(InvalidInputError):
            _reason().fact(junk)


# -- records and notebook tables (issue 7) -------------------------------------------------------


def _has_han(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_every_policy_word_has_an_english_and_a_chinese_label() -> None:
    choices = all_choices()
    assert len(choices) >= 17  # the enumerations of billing, complaints, customers, losses ...
    for cls in choices:
        for member in cls:
            english, chinese = member.label("en"), member.label("zh-Hant")
            assert english.strip(), member
            assert not _has_han(english), (member, english)
            assert _has_han(chinese), (member, chinese)


_PLAIN = (str, int, Decimal, date, type(None))


def _is_plain(value: object) -> bool:
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, tuple):
        return all(_is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    return False


@pytest.fixture(scope="module")
def results() -> list[Explained]:
    return sample_results()


class TestRecords:
    def test_the_samples_cover_every_result_type(self, results: list[Explained]) -> None:
        assert {type(r) for r in results} == all_result_types()

    def test_every_record_holds_only_plain_values(self, results: list[Explained]) -> None:
        for result in results:
            record = result.to_record()
            assert all(isinstance(name, str) for name in record), type(result)
            assert _is_plain(record), (type(result), record)

    def test_every_record_ends_with_the_clauses_and_the_explanation(
        self, results: list[Explained]
    ) -> None:
        for result in results:
            record = result.to_record("zh-Hant")
            *_, clauses, explanation = record
            assert (clauses, explanation) == ("clauses", "explanation")
            assert record["clauses"] == ", ".join(c.id for c in result.clauses)
            assert record["explanation"] == result.explain("zh-Hant")

    def test_without_the_explanation_the_record_has_no_text(self, results: list[Explained]) -> None:
        for result in results:
            record = result.to_record(explanation=False)
            assert "explanation" not in record
            assert "clauses" not in record

    def test_money_becomes_its_amount_with_the_currency_once(self) -> None:
        from custpolicy import payment_deadline
        from custpolicy.rules.billing import AccountState, dunning

        state = AccountState("GAS-1", date(2026, 3, 2), Money("300.00", CNY))
        record = dunning(state, date(2026, 3, 10)).to_record(explanation=False)
        assert record["balance"] == Decimal("300.00")
        assert record["account.billed"] == Decimal("300.00")
        assert record["currency"] == "CNY"
        assert record["action"] == "notify"
        assert record["account.account"] == "GAS-1"
        assert "currency" not in payment_deadline(date(2026, 3, 2)).to_record()

    def test_a_month_close_reads_as_the_clerk_would_tabulate_it(self) -> None:
        from custpolicy import PenaltyAccount

        close = PenaltyAccount.start("Chen", 2026, 2).close_month(
            2026,
            2,
            Money("1000.01", CNY),
            charges={"260201": Money("1349.99", CNY)},
            approved={"260201"},
        )
        record = close.to_record(explanation=False)
        assert record["person"] == "Chen"
        assert (record["year"], record["month"]) == (2026, 2)
        assert record["cap"] == Decimal("500.00")
        assert record["deducted"] == Decimal("500.00")
        assert record["carried"] == Decimal("849.99")
        assert record["charged"] == (("260201", Decimal("1349.99")),)

    def test_an_allocation_gives_each_party_its_amount(self) -> None:
        from custpolicy import allocate

        record = allocate(Money("100.00", CNY), {"b": 1, "a": 2}).to_record(explanation=False)
        assert record["parts"] == {"b": Decimal("33.33"), "a": Decimal("66.67")}
        assert record["total"] == Decimal("100.00")
        assert record["extras"] == ("a",)
        assert record["clause"] is None

    def test_parties_that_are_values_with_fields_become_their_text(self) -> None:
        from custpolicy import allocate
        from custpolicy.rules.losses import Unit, UnitKind

        team = Unit("Team A", UnitKind.TEAM, {"Chen": 1})
        split = allocate(Money("10.00", CNY), {team: 1, "Li": 1})
        record = split.to_record(explanation=False)
        assert record["parts"] == {"Team A (team)": Decimal("5.00"), "Li": Decimal("5.00")}
        assert _is_plain(record)

    def test_a_mapping_keyed_by_pairs_keeps_its_keys_as_text(self) -> None:
        @attrs.frozen
        class Keyed(Explained):
            table: dict[tuple[str, int], int]
            reasons: tuple[Reason, ...] = ()

        record = Keyed({("a", 1): 2}).to_record(explanation=False)
        assert record == {"table": {"a, 1": 2}}

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"lang must be one of .* got 'fr' \[Outcome"):
            Outcome((_reason(),)).to_record("fr")  # type: ignore[arg-type]

    def test_values_without_a_plain_form_become_text(self) -> None:
        @attrs.frozen
        class Odd(Explained):
            thing: object
            reasons: tuple[Reason, ...] = ()

        assert Odd(complex(1, 2)).to_record()["thing"] == "(1+2j)"
        assert Odd({1: (complex(0, 1),)}).to_record()["thing"] == {1: ("1j",)}
        assert Odd(frozenset({"b", "a"})).to_record()["thing"] == ("a", "b")
        assert Odd(True).to_record()["thing"] is True
        assert Odd(CNY).to_record()["thing"] == "CNY"

    def test_a_result_without_fields_has_only_its_explanation(self) -> None:
        class Plain(Explained):
            reasons = (_reason(),)

        assert Plain().to_record() == {"clauses": "B-6", "explanation": _reason().render()}

    def test_values_nested_deeper_than_two_levels_stay_in_one_cell(self) -> None:
        @attrs.frozen
        class Inner:
            category: Category

        @attrs.frozen
        class Middle:
            inner: Inner

        @attrs.frozen
        class Deep(Explained):
            middle: Middle
            reasons: tuple[Reason, ...] = ()

        record = Deep(Middle(Inner(Category("k")))).to_record(explanation=False)
        assert record == {"middle.inner.category": {"code": "k"}}

    @given(
        st.dictionaries(
            st.text(alphabet="abc", min_size=1, max_size=2),
            st.integers(min_value=0, max_value=50),
            min_size=1,
        ).filter(lambda w: any(w.values())),
        st.integers(min_value=-(10**9), max_value=10**9),
    )
    def test_an_allocation_record_adds_up_to_its_total(
        self, weights: dict[str, int], minor: int
    ) -> None:
        from custpolicy import allocate

        record = allocate(Money.from_minor(minor, CNY), weights).to_record(explanation=False)
        parts = record["parts"]
        assert isinstance(parts, dict)
        assert sum(parts.values()) == record["total"]


class TestHtml:
    def test_the_table_shows_the_record_and_both_languages(self) -> None:
        from custpolicy import payment_deadline

        result = payment_deadline(date(2026, 3, 2))
        page = result._repr_html_()
        assert page.startswith('<table class="custpolicy"><caption>Deadline</caption>')
        assert "<th>due</th><td>2026-03-09</td>" in page
        for reason in result.reasons:
            assert reason.render("en") in page
            assert reason.render("zh-Hant") in page

    def test_text_is_escaped(self) -> None:
        reason = Reason.of("k", B_7, en="<b>{who}</b>", zh="{who}", who="A & B")
        page = Outcome((reason,))._repr_html_()
        assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in page
        assert "<b>" not in page


class TestReasonFastCheck:
    """A Reason is built on every rule's hot path with one quick test of its fields; the full
    check runs only when the quick test fails, so the quick test must never pass what the full
    check refuses."""

    @given(
        st.one_of(st.text(max_size=3), st.none(), st.integers()),
        st.sampled_from([None, B_6, "B-6"]),
        st.sampled_from(["", "{a}", "{b}", "{a} {b}", "{", "{a!r}", "{a:>3}", "{0}", 7]),
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(["a", "b", 1]), st.integers()),
                st.tuples(st.just("a")),
                st.just("a"),
            ),
            max_size=3,
        ),
    )
    def test_the_quick_test_refuses_exactly_what_the_full_check_refuses(
        self, key: object, clause: object, en: object, facts: list[object]
    ) -> None:
        try:
            reason = Reason(key, clause, en, "", tuple(facts))  # type: ignore[arg-type]
        except InvalidInputError:
            return
        reason._check()  # the quick test passed it: the full check passes it too
