"""Policies and policy books read from and written to nested mappings and TOML (issue 14)."""

from __future__ import annotations

import json
import pickle
import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy.cli.main import main
from custpolicy.foundation.errors import InvalidInputError, PolicyFileError
from custpolicy.foundation.money import CNY, USD, Money
from custpolicy.foundation.policy import (
    Policy,
    PolicyBook,
    PolicyVersion,
    SanctionBand,
    parameter_value,
    read_amount,
)
from custpolicy.testing import policies

EXAMPLE = Path(__file__).parent.parent / "docs" / "policies" / "example.policy.toml"

BANDS = [
    {"sanction": "none", "lower": "0.00", "upper": "1000.00"},
    {"sanction": "warning", "lower": "1000", "upper": "5,000 CNY", "count": 2},
]


def _book(entries: list[tuple[date, Policy, str]]) -> PolicyBook:
    return PolicyBook([PolicyVersion(d, p, label) for d, p, label in entries])


_BOOKS = st.lists(
    st.tuples(st.dates(), policies(), st.text()), min_size=1, max_size=3, unique_by=lambda e: e[0]
).map(_book)


class TestReadAmount:
    @pytest.mark.parametrize(
        ("value", "amount"),
        [
            (5000, Money("5000", CNY)),
            ("5000", Money("5000", CNY)),
            (" 5,000.5 ", Money("5000.50", CNY)),
            ("5000.00 USD", Money("5000", USD)),
            ("usd 12", Money("12", USD)),
            ("-3", Money("-3", CNY)),
        ],
    )
    def test_an_amount_as_files_write_it(self, value: object, amount: Money) -> None:
        assert read_amount(value, CNY) == amount

    @pytest.mark.parametrize("value", [5000.0, "abc", "USD 5 USD", "5,00", None, True, ["5"]])
    def test_what_is_not_an_amount_gives_none(self, value: object) -> None:
        assert read_amount(value, CNY) is None

    @pytest.mark.parametrize("value", ["1.234", "5 XYZ"])
    def test_an_amount_the_currency_cannot_hold_is_refused(self, value: str) -> None:
        with pytest.raises(InvalidInputError):
            read_amount(value, CNY)


class TestParameterValue:
    def test_an_amount_in_the_given_currency(self) -> None:
        assert parameter_value("complaints.vice_gm_limit", "7", USD) == Money("7", USD)

    def test_none_text_unsets_an_optional_parameter_only(self) -> None:
        assert parameter_value("customers.new_customer_months", "none") is None
        assert parameter_value("returns.above_tolerance", "none") == "none"

    def test_other_values_are_left_to_the_parameter(self) -> None:
        assert parameter_value("billing.payment_days", "abc") == "abc"
        assert parameter_value("complaints.vice_gm_limit", None) is None
        limit = Money("1", CNY)
        assert parameter_value("complaints.vice_gm_limit", limit) is limit

    def test_a_table_of_bands_becomes_sanction_bands(self) -> None:
        table = parameter_value(
            "penalties.sanction_table",
            [*BANDS, SanctionBand(sanction="minor demerit", lower=Money("5000", CNY), upper=None)],
        )
        assert isinstance(table, list)
        assert table[0] == SanctionBand(sanction=None, lower=Money(0, CNY), upper=Money(1000, CNY))
        assert table[1].count == 2
        assert table[1].upper == Money(5000, CNY)


class TestRoundTrip:
    @settings(max_examples=30, deadline=None)
    @given(policies())
    def test_a_policy_through_a_mapping_is_the_same_policy(self, policy: Policy) -> None:
        data = policy.to_mapping()
        assert json.loads(json.dumps(data)) == data  # plain values only
        assert Policy.from_mapping(data) == policy

    @settings(max_examples=30, deadline=None)
    @given(policies())
    def test_a_policy_through_toml_is_the_same_policy(self, policy: Policy) -> None:
        text = policy.to_toml()
        assert tomllib.loads(text) == policy.to_mapping()
        assert Policy.from_toml(text) == policy

    @settings(max_examples=15, deadline=None)
    @given(_BOOKS)
    def test_a_book_through_a_mapping_and_toml_is_the_same_book(self, book: PolicyBook) -> None:
        data = book.to_mapping()
        assert json.loads(json.dumps(data)) == data
        assert PolicyBook.from_mapping(data) == book
        assert PolicyBook.from_toml(book.to_toml()) == book

    @pytest.mark.parametrize(
        "changes",
        [
            {"customers.new_customer_months": None},
            {"customers.visit_interval_days": {}},
            {"complaints.step_limit_days": {"first step": 2, "調查": 3, "a\x7fb": 1}},
            {
                "general.currency": USD,
                "penalties.warning_minimum": "1",
                "penalties.minor_demerit_minimum": "2",
            },
            {"customers.restricted_expense_kinds": ["travel", "gift"]},
        ],
    )
    def test_values_the_defaults_do_not_show(self, changes: dict[str, object]) -> None:
        policy = Policy().updated(changes)
        assert Policy.from_toml(policy.to_toml()) == policy
        assert Policy.from_mapping(policy.to_mapping()) == policy

    def test_an_unset_optional_parameter_is_written_none(self) -> None:
        policy = Policy().updated({"customers.new_customer_months": None})
        assert policy.to_mapping()["customers"]["new_customer_months"] == "none"
        assert "reading_rate_standard" not in Policy().to_mapping()["billing"]

    def test_money_is_exact_text_in_the_policy_currency(self) -> None:
        policy = Policy().updated({"complaints.sales_manager_limit": "5000"})
        assert policy.to_mapping()["complaints"]["sales_manager_limit"] == "5000.00"


class TestUpdatedTakesNestedTables:
    def test_a_family_table_and_amounts_as_text(self) -> None:
        policy = Policy().updated(
            {"complaints": {"sales_manager_limit": "5000"}, "billing.payment_days": 10}
        )
        assert policy.complaints.sales_manager_limit == Money(5000, CNY)
        assert policy.billing.payment_days == 10

    def test_an_unknown_parameter_in_a_table_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"got 'billing.payday' \[Policy.updated\]"):
            Policy().updated({"billing": {"payday": 1}})

    def test_a_family_with_no_table_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="got 'billing'"):
            Policy().updated({"billing": 7})

    def test_a_refusal_keeps_its_message(self) -> None:
        with pytest.raises(InvalidInputError, match=r"^payment_days must be a positive int"):
            Policy().updated({"billing": {"payment_days": "abc"}})


JUNK = [
    ([], None, r"^policy must be a table of policy families"),
    ({"biling": {}}, "biling", r"^biling is not a policy family \(did you mean 'billing'\?\)"),
    ({1: {}}, "1", r"^1 is not a policy family; the families are: general"),
    ({"billing": 7}, "billing", r"^billing must be a table of billing parameters, got 7"),
    (
        {"billing": {"payment_day": 1}},
        "billing.payment_day",
        r"^billing.payment_day is not a billing parameter \(did you mean 'payment_days'\?\)",
    ),
    ({"billing": {"zzz": 1}}, "billing.zzz", r"^billing.zzz is not a billing parameter; the"),
    (
        {"billing": {"payment_days": "abc"}},
        "billing.payment_days",
        r"^billing.payment_days must be a positive int, got 'abc' \[B-6\]$",
    ),
    (
        {"billing": {"collection_target": "abc"}},
        "billing.collection_target",
        r"^billing.collection_target must be a Decimal from 0 to 1, got 'abc'",
    ),
    (
        {"complaints": {"vice_gm_limit": 5000.0}},
        "complaints.vice_gm_limit",
        r"got 5000.0: floats are inexact, write the number in quotes \[C-11\]$",
    ),
    (
        {"complaints": {"vice_gm_limit": "1.234"}},
        "complaints.vice_gm_limit",
        r"^complaints.vice_gm_limit must be an amount as text.*got '1.234': ",
    ),
    (
        {"general": {"currency": "XYZ"}},
        "general.currency",
        r"^general.currency must be a Currency or the code of a known one",
    ),
    (
        {"complaints": {"sales_manager_limit": "9000", "vice_gm_limit": "5000"}},
        "complaints.sales_manager_limit",
        r"^complaints.sales_manager_limit must not exceed complaints.vice_gm_limit",
    ),
    (
        {"penalties": {"sanction_table": "x"}},
        "penalties.sanction_table",
        r"^penalties.sanction_table must be a tuple of SanctionBand values",
    ),
    (
        {"penalties": {"sanction_table": [1]}},
        "penalties.sanction_table",
        r"^penalties.sanction_table must be a tuple of SanctionBand values",
    ),
    (
        {"penalties": {"sanction_table": [{"sanction": "none", "lowr": "0"}]}},
        "penalties.sanction_table[0].lowr",
        r"^penalties.sanction_table\[0\].lowr is not a key of a band \(did you mean 'lower'",
    ),
    (
        {"penalties": {"sanction_table": [{"sanction": "none", "zzz": "0"}]}},
        "penalties.sanction_table[0].zzz",
        r"is not a key of a band; the keys are: sanction, count",
    ),
    (
        {"penalties": {"sanction_table": [{"lower": "0"}]}},
        "penalties.sanction_table[0].sanction",
        r"^penalties.sanction_table\[0\].sanction is missing \[P-3\]$",
    ),
    (
        {"penalties": {"sanction_table": [{"sanction": "none", "lower": 1.5}]}},
        "penalties.sanction_table[0].lower",
        r"^penalties.sanction_table\[0\].lower must be an amount as text",
    ),
    (
        {"penalties": {"sanction_table": [{"sanction": "none", "lower": "0", "count": "x"}]}},
        "penalties.sanction_table[0].count",
        r"^penalties.sanction_table\[0\].count must be an int of at least 1, got 'x'",
    ),
    (
        {"penalties": {"sanction_table": [{"sanction": "warning", "lower": "5"}]}},
        "penalties.sanction_table",
        r"^penalties.sanction_table: band 1 .* must start at zero",
    ),
]


class TestPolicyFileErrors:
    @pytest.mark.parametrize(("data", "path", "message"), JUNK)
    def test_junk_is_refused_naming_the_path(
        self, data: object, path: str | None, message: str
    ) -> None:
        with pytest.raises(PolicyFileError, match=message) as caught:
            Policy.from_mapping(data)  # type: ignore[arg-type]
        assert caught.value.path == path

    def test_bad_toml_names_the_line(self) -> None:
        with pytest.raises(PolicyFileError, match=r"^the text is not TOML: .*line 2") as caught:
            Policy.from_toml("[billing]\npayment_days = \n")
        assert caught.value.path is None

    def test_text_that_is_not_a_str_is_refused(self) -> None:
        with pytest.raises(PolicyFileError, match=r"^text must be a str of TOML, got b''"):
            PolicyBook.from_toml(b"")  # type: ignore[arg-type]

    def test_the_error_pickles_with_its_path(self) -> None:
        error = PolicyFileError("x", path="billing.payment_days")
        assert pickle.loads(pickle.dumps(error)).path == "billing.payment_days"


GOOD = {"effective": date(2026, 7, 1)}
BOOK_JUNK = [
    ([], None, r"^a policy book must be a table with one key, versions"),
    ({"versions": [GOOD], "x": 1}, None, r"^a policy book must be a table with one key"),
    ({"versions": []}, "versions", r"^versions must be a non-empty list of tables"),
    ({"versions": GOOD}, "versions", r"^versions must be a non-empty list"),
    ({"versions": [1]}, "versions[0]", r"^versions\[0\] must be a table, got 1 \[M-1.9\]$"),
    ({"versions": [{}]}, "versions[0].effective", r"^versions\[0\].effective is missing"),
    (
        {"versions": [GOOD, {"effective": "2026-13-01"}]},
        "versions[1].effective",
        r"^versions\[1\].effective must be a date \(YYYY-MM-DD\), got '2026-13-01'",
    ),
    (
        {"versions": [{"effective": datetime(2026, 7, 1)}]},
        "versions[0].effective",
        r"must be a date",
    ),
    ({"versions": [{"effective": 2026}]}, "versions[0].effective", r"got 2026 \[M-1.9\]$"),
    (
        {"versions": [{"effective": date(2026, 7, 1), "label": 1}]},
        "versions[0].label",
        r"^versions\[0\].label must be text, got 1",
    ),
    (
        {"versions": [GOOD, {"effective": date(2027, 1, 1), "billing": {"payment_days": 0}}]},
        "versions[1].billing.payment_days",
        r"^versions\[1\].billing.payment_days must be a positive int, got 0 \[B-6\]$",
    ),
    (
        {"versions": [GOOD, {"effective": date(2027, 1, 1), "bill": {}}]},
        "versions[1].bill",
        r"^versions\[1\].bill is not a policy family",
    ),
    (
        {"versions": [GOOD, GOOD]},
        "versions",
        r"^versions must have distinct effective dates, got two effective 2026-07-01",
    ),
]


class TestPolicyBookFiles:
    def test_versions_with_effective_dates_and_family_tables(self) -> None:
        book = PolicyBook.from_toml(
            "[[versions]]\neffective = 2025-07-01\n\n"
            '[[versions]]\neffective = "2026-07-01"\nlabel = "new"\n'
            "[versions.billing]\npayment_days = 10\n"
        )
        assert [(v.effective, v.label) for v in book.versions] == [
            (date(2025, 7, 1), ""),
            (date(2026, 7, 1), "new"),
        ]
        assert book.in_force(date(2026, 7, 1)).policy.billing.payment_days == 10

    def test_a_label_is_written_only_when_there_is_one(self) -> None:
        book = _book([(date(2025, 1, 1), Policy(), ""), (date(2026, 1, 1), Policy(), "二")])
        versions = book.to_mapping()["versions"]
        assert "label" not in versions[0]
        assert versions[1]["label"] == "二"
        assert 'label = "二"' in book.to_toml()

    @pytest.mark.parametrize(("data", "path", "message"), BOOK_JUNK)
    def test_junk_is_refused_naming_the_path(
        self, data: object, path: str | None, message: str
    ) -> None:
        with pytest.raises(PolicyFileError, match=message) as caught:
            PolicyBook.from_mapping(data)  # type: ignore[arg-type]
        assert caught.value.path == path


class TestExampleFile:
    def test_the_example_is_a_complete_book(self) -> None:
        book = PolicyBook.from_toml(EXAMPLE.read_text(encoding="utf-8"))
        assert [v.effective for v in book.versions] == [date(2025, 7, 1), date(2026, 7, 1)]
        for version in book.versions:
            assert not [p for p in version.policy.parameters() if p.required and p.value is None]
        assert book.diff(date(2025, 7, 1), date(2026, 7, 1)).changes[0].after == 10
        assert book.in_force(date(2026, 7, 1)).policy.returns.default_over_acceptance_ratio == (
            Decimal("0.05")
        )


class TestPolicyCheckCommand:
    def test_the_example_passes(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["policy", "check", str(EXAMPLE)]) == 0
        out = capsys.readouterr().out
        assert "a policy book of 2 version(s)" in out
        assert "2026 policy, effective 2026-07-01:" in out
        assert "every required parameter is set" in out
        assert "P-E3.4 penalties.fines_count_against_cap changed from no to yes" in out

    def test_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["policy", "check", str(EXAMPLE), "--lang", "zh-Hant"]) == 0
        out = capsys.readouterr().out
        assert "政策版本簿，共2個版本" in out
        assert "2025 policy，自2025-07-01起生效：" in out
        assert "P-E3.4 行政罰扣是否計入每月罰扣上限由否改為是" in out
        assert "假設均與預設相同" in out

    @pytest.mark.parametrize(
        ("lang", "lines"),
        [
            (
                "en",
                [
                    ": a policy",
                    "required parameters not set: penalties.sanction_table, ",
                    "every assumption as the defaults",
                ],
            ),
            ("zh-Hant", ["：一份政策", "尚未設定的必要參數：處分標準表、業務部經理核決上限"]),
        ],
    )
    def test_a_single_policy_lists_what_is_unset(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, lines: list[str]
    ) -> None:
        file = tmp_path / "p.policy.toml"
        file.write_text('[billing]\nreading_rate_standard = "0.9"\n', encoding="utf-8")
        assert main(["policy", "check", str(file), "--lang", lang]) == 0
        out = capsys.readouterr().out
        for line in lines:
            assert line in out

    def test_a_version_without_label_is_named_by_its_date(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        file = tmp_path / "b.toml"
        file.write_text("[[versions]]\neffective = 2026-07-01\n", encoding="utf-8")
        assert main(["policy", "check", str(file)]) == 0
        assert "version of 2026-07-01, effective 2026-07-01:" in capsys.readouterr().out
        assert main(["policy", "check", str(file), "--lang", "zh-Hant"]) == 0
        assert "2026-07-01版本，自2026-07-01起生效：" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[billing]\npayment_days = "abc"\n', "billing.payment_days must be a positive int"),
            ("[billing\n", "the text is not TOML: "),
            ("[[versions]]\neffective = 1\n", "versions[0].effective must be a date"),
        ],
    )
    def test_a_malformed_file_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
    ) -> None:
        file = tmp_path / "bad.toml"
        file.write_text(text, encoding="utf-8")
        assert main(["policy", "check", str(file)]) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith(f"error: {file}: {message}")
        assert captured.out == ""

    def test_a_file_that_cannot_be_read_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["policy", "check", str(tmp_path / "missing.toml")]) == 2
        assert "cannot be read: No such file or directory" in capsys.readouterr().err
        latin = tmp_path / "latin.toml"
        latin.write_bytes(b"\xff\xfe")
        assert main(["policy", "check", str(latin)]) == 2
        assert "cannot be read: not UTF-8 text" in capsys.readouterr().err
