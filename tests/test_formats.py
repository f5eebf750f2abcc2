"""CLDR's formats in each language (issue 15), checked against Babel's CLDR as the oracle.

First the data written in custpolicy.foundation.formats, value by value against Babel's locale
data; then, for drawn amounts, numbers and dates, every output against Babel's formatting; then
what the module does where Babel cannot say (a currency without a symbol) and what it refuses.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest
from babel import Locale, dates, numbers
from hypothesis import given
from hypothesis import strategies as st

import custpolicy
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.formats import (
    _DATA,
    _DATE_FIELDS,
    _DATE_PARTS,
    LOCALES,
    currency_symbol,
    format_date,
    format_decimal,
    format_money,
)
from custpolicy.foundation.lang import LANGS, Lang
from custpolicy.foundation.money import CNY, CURRENCIES, JPY, TWD, Currency, Money

KNOWN = sorted(CURRENCIES)


def _locale(lang: Lang) -> Locale:
    return Locale.parse(LOCALES[lang])


# -- the data, against CLDR ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
class TestTheDataIsCldrs:
    def test_the_locales_are_mainland_simplified_and_taiwan_traditional(self, lang: Lang) -> None:
        assert LOCALES == {"en": "en", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}
        assert _locale(lang).language == lang[:2]

    @pytest.mark.parametrize("code", KNOWN)
    def test_the_symbol_of_every_currency_known_by_code(self, lang: Lang, code: str) -> None:
        assert currency_symbol(code, lang) == _locale(lang).currency_symbols[code]

    def test_the_number_symbols(self, lang: Lang) -> None:
        data, locale = _DATA[lang], LOCALES[lang]
        assert data.decimal == numbers.get_decimal_symbol(locale)
        assert data.group == numbers.get_group_symbol(locale)
        assert data.minus == numbers.get_minus_sign_symbol(locale)

    def test_the_currency_pattern(self, lang: Lang) -> None:
        pattern = _locale(lang).currency_formats["standard"]
        assert (_DATA[lang].currency_prefix, _DATA[lang].currency_suffix) == (
            pattern.prefix,
            pattern.suffix,
        )

    def test_digits_are_grouped_by_three_as_the_code_groups_them(self, lang: Lang) -> None:
        locale = _locale(lang)
        assert locale.currency_formats["standard"].grouping == (3, 3)
        assert locale.decimal_formats[None].grouping == (3, 3)

    def test_the_medium_date_pattern_and_the_month_names(self, lang: Lang) -> None:
        locale = _locale(lang)
        assert _DATA[lang].date_medium == locale.date_formats["medium"].pattern
        if "MMM" in _DATA[lang].date_medium:
            assert _DATA[lang].months == tuple(
                locale.months["format"]["abbreviated"][month] for month in range(1, 13)
            )

    def test_the_date_pattern_uses_only_the_fields_the_code_writes(self, lang: Lang) -> None:
        pattern = _DATA[lang].date_medium
        parts = re.findall(_DATE_PARTS, pattern)
        fields = {part for part in parts if re.fullmatch(r"[A-Za-z]+", part)}
        assert fields <= _DATE_FIELDS
        assert "'" not in pattern  # no quoted literal text


@pytest.mark.parametrize("code", KNOWN)
def test_each_currency_has_the_digits_cldr_gives_it(code: str) -> None:
    assert CURRENCIES[code].exponent == numbers.get_currency_precision(code)


def test_no_symbol_ends_in_a_letter_so_cldr_currency_spacing_never_applies() -> None:
    # CLDR puts a no-break space between a symbol that ends in a letter and the digits; Babel
    # does not apply that rule, and for the symbols here it never applies
    assert all(not currency_symbol(code, lang)[-1].isalpha() for code in KNOWN for lang in LANGS)


# -- the outputs, against Babel ------------------------------------------------------------------

langs = st.sampled_from(LANGS)
amounts = st.builds(
    Money.from_minor,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([CURRENCIES[code] for code in KNOWN]),
)


@given(amount=amounts, lang=langs)
def test_an_amount_is_written_as_babel_writes_it(amount: Money, lang: Lang) -> None:
    expected = numbers.format_currency(amount.amount, amount.currency.code, locale=LOCALES[lang])
    assert format_money(amount, lang) == expected


@given(
    value=st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, places=4)
    | st.integers(min_value=-(10**15), max_value=10**15)
    # Babel works in the default decimal context (28 digits): no more digits than that
    | st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=12),
    lang=langs,
)
def test_a_number_is_written_as_babel_writes_it_with_every_digit(
    value: Decimal | int, lang: Lang
) -> None:
    places = max(0, -Decimal(value).as_tuple().exponent)  # type: ignore[operator]
    pattern = "#,##0" + ("." + "0" * places if places else "")
    expected = numbers.format_decimal(value, format=pattern, locale=LOCALES[lang])
    assert format_decimal(value, lang) == expected


@given(
    value=st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=3),
    lang=langs,
)
def test_a_number_without_trailing_zeros_is_cldrs_decimal_format(
    value: Decimal, lang: Lang
) -> None:
    value = value.normalize()
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    expected = numbers.format_decimal(value, locale=LOCALES[lang], decimal_quantization=False)
    assert format_decimal(value, lang) == expected


@given(day=st.dates(), lang=langs)
def test_a_date_is_written_as_babels_medium_date(day: date, lang: Lang) -> None:
    assert format_date(day, lang) == dates.format_date(day, "medium", locale=LOCALES[lang])


@pytest.mark.parametrize(
    ("amount", "lang", "text"),
    [
        (Money("1349.99", CNY), "en", "CN¥1,349.99"),
        (Money("1349.99", CNY), "zh-Hans", "¥1,349.99"),
        (Money("1349.99", CNY), "zh-Hant", "CN¥1,349.99"),
        (Money("-0.05", CNY), "zh-Hans", "-¥0.05"),
        (Money("1234567", TWD), "zh-Hant", "$1,234,567.00"),
        (Money("1234567", TWD), "zh-CN", "NT$1,234,567.00"),
        (Money(-5000, JPY), "zh", "-JP¥5,000"),
        (Money(0, JPY), "en", "¥0"),
    ],
)
def test_the_worked_amounts(amount: Money, lang: Lang, text: str) -> None:
    assert format_money(amount, lang) == text


@pytest.mark.parametrize(
    ("day", "lang", "text"),
    [
        (date(2026, 3, 2), "zh-Hans", "2026年3月2日"),
        (date(2026, 3, 2), "zh-Hant", "2026年3月2日"),
        (date(2026, 3, 2), "en", "Mar 2, 2026"),
        (date(1, 12, 31), "en-GB", "Dec 31, 1"),
    ],
)
def test_the_worked_dates(day: date, lang: Lang, text: str) -> None:
    assert format_date(day, lang) == text


# -- where Babel cannot say, and what is refused --------------------------------------------------


class TestACurrencyWithoutASymbol:
    @pytest.mark.parametrize("lang", LANGS)
    def test_shows_its_code_and_a_no_break_space_with_its_own_digits(self, lang: Lang) -> None:
        silver = Currency("XAG", 3)
        assert format_money(Money("-1234.5", silver), lang) == "-XAG\xa01,234.500"
        assert currency_symbol("XAG", lang) == "XAG"


class TestRefusals:
    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: format_money(Money(1, CNY), "fr"), r"^lang must be .*\[format_money\]$"),  # type: ignore[arg-type]
            (
                lambda: format_money(Decimal(1), "en"),  # type: ignore[arg-type]
                r"^money must be Money, got .*\[format_money\]$",
            ),
            (lambda: format_money("CNY 1.00", "en"), r"^money must be Money, got 'CNY 1.00'"),  # type: ignore[arg-type]
            (
                lambda: format_decimal(1.5, "en"),  # type: ignore[arg-type]
                r"^value must be a Decimal or an int, got 1.5: use",
            ),
            (
                lambda: format_decimal(True, "en"),
                r"^value must be .*, got True: a bool is not a number \[format_decimal\]$",
            ),
            (
                lambda: format_decimal(Decimal("NaN"), "zh"),  # type: ignore[arg-type]
                r"^value must be .*, got Decimal\('NaN'\) \[format_decimal\]$",
            ),
            (
                lambda: format_date(datetime(2026, 3, 2, 9), "en"),
                (
                    r"^day must be a datetime.date, got datetime.datetime\(2026, 3, 2, 9, 0\) "
                    r"\[format_date\]$"
                ),
            ),
            (lambda: format_date("2026-03-02", "en"), r"^day must be a datetime.date, got '2026"),  # type: ignore[arg-type]
            (lambda: currency_symbol(None, "en"), r"^code must be a non-empty str, got None"),  # type: ignore[arg-type]
            (lambda: currency_symbol("CNY", "de"), r"^lang must be .*\[currency_symbol\]$"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_input_is_refused_naming_the_argument(self, call: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            call()  # type: ignore[operator]


def test_the_package_root_exports_the_formats() -> None:
    assert custpolicy.format_money is format_money
    assert custpolicy.format_date is format_date


def test_the_formats_need_no_babel_at_run_time() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from custpolicy import Money, format_date, format_money, payment_deadline\n"
        "payment_deadline(date(2026, 3, 2)).explain('zh-Hans')\n"
        "format_money(Money(1, 'CNY'), 'zh'), format_date(date(2026, 3, 2), 'en')\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
