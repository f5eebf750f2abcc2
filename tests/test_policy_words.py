"""The words for a parameter's codes live with the parameter, in the foundation's policy.

A policy diff shows a code (a duplicate key, a customer category, an expense kind ...) by its
name in Chinese; the rule families name the same codes in their explanations. Both read
``VALUE_LABELS`` in custpolicy.foundation.policy, and these tests keep the table complete and
the families' own choices in step with it, so that the words cannot drift apart.
"""

from __future__ import annotations

import typing
from pathlib import Path

import attrs
import pytest

from custpolicy.foundation import policy as policy_module
from custpolicy.foundation.explain import Phrase
from custpolicy.foundation.policy import (
    CUSTOMER_CATEGORIES,
    VALUE_LABELS,
    BillingPolicy,
    CustomerPolicy,
    LeadsPolicy,
    Policy,
)
from custpolicy.rules.customers import Category

CHOICES = {
    "leads.duplicate_key": (LeadsPolicy, "duplicate_key"),
    "billing.collection_basis": (BillingPolicy, "collection_basis"),
    "customers.registration_judged_on": (CustomerPolicy, "registration_judged_on"),
}


class TestEveryCodeHasItsWords:
    def test_every_path_is_a_parameter_of_the_policy(self) -> None:
        for path in VALUE_LABELS:
            section, name = path.split(".")
            assert name in attrs.fields_dict(type(getattr(Policy(), section))), path

    @pytest.mark.parametrize("path", sorted(CHOICES))
    def test_a_choice_parameter_has_words_for_exactly_its_codes(self, path: str) -> None:
        section, name = CHOICES[path]
        codes = typing.get_args(typing.get_type_hints(section)[name])
        assert codes
        assert sorted(VALUE_LABELS[path]) == sorted(codes)

    @pytest.mark.parametrize("path", ["customers.key_categories", "customers.visit_interval_days"])
    def test_the_category_parameters_name_every_category(self, path: str) -> None:
        assert sorted(VALUE_LABELS[path]) == sorted(CUSTOMER_CATEGORIES)

    def test_every_word_is_a_phrase_in_both_languages(self) -> None:
        for path, words in VALUE_LABELS.items():
            for code, phrase in words.items():
                assert isinstance(phrase, Phrase), (path, code)
                assert phrase.en, (path, code)
                assert phrase.zh, (path, code)

    def test_the_table_cannot_be_changed(self) -> None:
        with pytest.raises(TypeError):
            VALUE_LABELS["leads.duplicate_key"]["phone"] = Phrase("x", "x")  # type: ignore[index]


class TestTheFamiliesUseTheSameWords:
    def test_the_customer_categories_are_labelled_as_the_policy_names_them(self) -> None:
        for category in Category:
            words = VALUE_LABELS["customers.key_categories"][category.value]
            assert (category.label("en"), category.label("zh-Hant")) == (words.en, words.zh)

    def test_a_policy_diff_names_a_code_as_the_family_does(self) -> None:
        changed = Policy().updated(
            {
                "leads.duplicate_key": "name_and_phone",
                "customers.key_categories": ["target"],
            }
        )
        text = Policy().diff(changed).explain("zh-Hant")
        assert "姓名及電話" in text
        assert "目標客戶" in text

    def test_the_policy_module_names_no_family_module(self) -> None:
        source = Path(policy_module.__file__).read_text(encoding="utf-8")
        assert "import_module" not in source
        assert "_policy_value" not in source
