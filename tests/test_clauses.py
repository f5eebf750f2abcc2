"""The clause registry: 50 stable IDs with titles in English and Traditional Chinese."""

from __future__ import annotations

import pytest

import custpolicy.foundation.clauses as clauses_module
from custpolicy import CLAUSES, Clause, InvalidInputError, UnknownClauseError, clause
from custpolicy.foundation.clauses import B_1, B_6, FAMILY_NAMES, M_1_6_3, P_E3_4
from tests.junk import AMBIGUOUS


class TestRegistry:
    def test_there_are_exactly_fifty_six_clauses(self) -> None:
        assert len(CLAUSES) == 56

    def test_families_count_as_in_the_catalogue(self) -> None:
        counts: dict[str, int] = {}
        for c in CLAUSES.values():
            counts[c.family] = counts.get(c.family, 0) + 1
        assert counts == {"L": 4, "B": 8, "P": 14, "C": 14, "R": 6, "M": 10}
        assert set(counts) == set(FAMILY_NAMES)

    def test_every_clause_has_a_module_constant_named_after_its_id(self) -> None:
        for clause_id, c in CLAUSES.items():
            name = clause_id.replace("-", "_").replace(".", "_")
            assert getattr(clauses_module, name) is c
            assert name in clauses_module.__all__

    def test_every_clause_has_both_titles(self) -> None:
        for c in CLAUSES.values():
            assert c.title("en").isascii()
            assert c.title("en")
            assert not c.title("zh-Hant").isascii()

    def test_only_the_conduct_rule_is_not_computable(self) -> None:
        assert [c.id for c in CLAUSES.values() if not c.computable] == [B_1.id]


class TestClauseValue:
    def test_repr_pastes_back(self) -> None:
        assert repr(P_E3_4) == "Clause('P-E3.4')"
        assert eval(repr(P_E3_4)) == P_E3_4
        assert str(M_1_6_3) == "M-1.6.3"

    def test_an_unknown_id_is_refused(self) -> None:
        with pytest.raises(UnknownClauseError, match=r"clause id 'B-3' is not in the catalogue"):
            Clause("B-3")

    @pytest.mark.parametrize("bad", [["B-6"], None, 6, AMBIGUOUS])
    def test_an_id_that_is_no_str_is_refused_like_the_lookup_does(self, bad: object) -> None:
        with pytest.raises(
            UnknownClauseError, match=r"^id must be a str such as 'B-6', got .*\[Clause\]$"
        ):
            Clause(bad)  # type: ignore[arg-type]

    def test_lookup_is_case_and_space_insensitive(self) -> None:
        assert clause(" b-6 ") is B_6

    @pytest.mark.parametrize("bad", ["X-1", 6, None])
    def test_lookup_of_an_unknown_id_is_a_lookup_error(self, bad: object) -> None:
        with pytest.raises(LookupError, match="clause"):
            clause(bad)  # type: ignore[arg-type]

    def test_title_refuses_an_unknown_language(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"lang must be one of \('en', 'zh-Hans', 'zh-Hant'\) or a tag that names one "
            r"\(zh, zh-CN, zh-TW, zh-HK, en-GB \.\.\.\), got 'fr'",
        ):
            B_6.title("fr")  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["fr", None, ["en"], AMBIGUOUS])
    def test_title_refuses_a_language_before_comparing_it(self, lang: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^lang must be one of .* \[Clause.title\]$"):
            B_6.title(lang)  # type: ignore[arg-type]
