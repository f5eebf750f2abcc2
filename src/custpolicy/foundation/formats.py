"""Amounts, numbers and dates as CLDR writes them in each language.

The formats are the Unicode CLDR's for the locale each language stands for: ``en`` (English),
``zh_Hans_CN`` for ``zh-Hans`` and ``zh_Hant_TW`` for ``zh-Hant``: the currency pattern
``¤#,##0.00`` with a minus sign before the symbol, groups of three digits, and the medium date
(``Mar 2, 2026``; ``2026年3月2日``). The data is written here by hand, a few dozen values taken once
from Babel's copy of CLDR (Babel 2.19, CLDR 47), so that the library has no runtime dependency
and its import stays light; ``tests/test_formats.py`` checks every value and, for drawn amounts,
numbers and dates, every output against Babel.

- [`format_money`][custpolicy.foundation.formats.format_money]: the currency's symbol in the
  language (CNY is ``CN¥`` in English and Traditional Chinese, ``¥`` in Simplified Chinese; TWD
  ``NT$``, and ``$`` in Traditional Chinese ...), then the amount with exactly the digits of its
  minor unit: a [`Money`][custpolicy.foundation.money.Money] is exact, and is never rounded. A
  currency CLDR gives no symbol here (one built with ``Currency(code, exponent)``) shows its
  code, then a no-break space (CLDR's currency spacing).
- [`format_decimal`][custpolicy.foundation.formats.format_decimal]: a number with CLDR's grouping
  and signs, keeping every digit it has (CLDR's ``#,##0.###`` would round to three places).
- [`format_date`][custpolicy.foundation.formats.format_date]: CLDR's medium date.

Explanations use them in Chinese; English explanations keep ISO dates and ``CNY 1,349.99``
(docs/explanations.md, "Languages"). ``str(Money)`` is a data format, and does not change.

Examples:
    >>> from datetime import date
    >>> from custpolicy.foundation.money import Money
    >>> [format_money(Money("-1349.99", "CNY"), lang) for lang in ("en", "zh-Hans", "zh-Hant")]
    ['-CN¥1,349.99', '-¥1,349.99', '-CN¥1,349.99']
    >>> format_money(Money("1349.99", "TWD"), "zh-Hant"), format_money(Money(5000, "JPY"), "zh")
    ('$1,349.99', 'JP¥5,000')
    >>> format_date(date(2026, 3, 2), "zh-Hans"), format_date(date(2026, 3, 2), "en")
    ('2026年3月2日', 'Mar 2, 2026')
    >>> format_decimal(Decimal("-12345.50"), "zh-Hant")
    '-12,345.50'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from custpolicy.foundation.lang import Lang
from custpolicy.foundation.validate import (
    check_date,
    check_lang,
    check_money,
    check_number,
    check_text,
)

if TYPE_CHECKING:
    from custpolicy.foundation.money import Money

__all__ = ["LOCALES", "currency_symbol", "format_date", "format_decimal", "format_money"]


class _Cldr:
    """What CLDR says of one locale, as far as the library writes it.

    A plain class, not an attrs one: it costs next to nothing to define on import.

    Attributes:
        locale: the CLDR locale.
        decimal, group, minus: the number symbols.
        currency_prefix, currency_suffix: the currency pattern's prefixes and suffixes (positive,
            negative), as CLDR spells them: ``¤`` stands for the symbol, ``-`` for the minus sign.
        symbols: the symbol of each currency the library knows by code.
        date_medium: the medium date pattern (the fields ``y``, ``M``, ``MMM``, ``d``, and text).
        months: the abbreviated month names (``MMM``), January first; empty if the pattern has none.
    """

    __slots__ = (
        "currency_prefix",
        "currency_suffix",
        "date_medium",
        "decimal",
        "group",
        "locale",
        "minus",
        "months",
        "symbols",
    )

    def __init__(
        self,
        *,
        locale: str,
        decimal: str,
        group: str,
        minus: str,
        currency_prefix: tuple[str, str],
        currency_suffix: tuple[str, str],
        symbols: Mapping[str, str],
        date_medium: str,
        months: tuple[str, ...] = (),
    ) -> None:
        self.locale = locale
        self.decimal = decimal
        self.group = group
        self.minus = minus
        self.currency_prefix = currency_prefix
        self.currency_suffix = currency_suffix
        self.symbols = symbols
        self.date_medium = date_medium
        self.months = months


_EN = _Cldr(
    locale="en",
    decimal=".",
    group=",",
    minus="-",
    currency_prefix=("¤", "-¤"),
    currency_suffix=("", ""),
    symbols=MappingProxyType(
        {"CNY": "CN¥", "TWD": "NT$", "HKD": "HK$", "USD": "$", "EUR": "€", "JPY": "¥"}
    ),
    date_medium="MMM d, y",
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)
_ZH_HANS = _Cldr(
    locale="zh_Hans_CN",
    decimal=".",
    group=",",
    minus="-",
    currency_prefix=("¤", "-¤"),
    currency_suffix=("", ""),
    symbols=MappingProxyType(
        {"CNY": "¥", "TWD": "NT$", "HKD": "HK$", "USD": "US$", "EUR": "€", "JPY": "JP¥"}
    ),
    date_medium="y年M月d日",
)
_ZH_HANT = _Cldr(
    locale="zh_Hant_TW",
    decimal=".",
    group=",",
    minus="-",
    currency_prefix=("¤", "-¤"),
    currency_suffix=("", ""),
    symbols=MappingProxyType(
        {"CNY": "CN¥", "TWD": "$", "HKD": "HK$", "USD": "US$", "EUR": "€", "JPY": "¥"}
    ),
    date_medium="y年M月d日",
)

_DATA: Final[Mapping[Lang, _Cldr]] = MappingProxyType(
    {"en": _EN, "zh-Hans": _ZH_HANS, "zh-Hant": _ZH_HANT}
)

LOCALES: Final[Mapping[Lang, str]] = MappingProxyType(
    {lang: data.locale for lang, data in _DATA.items()}
)
"""The CLDR locale whose formats each language writes (``zh-Hant``: Taiwan's)."""

#: The fields of a date pattern that the library writes: the year, the month (a number, or its
#: abbreviated name) and the day of the month.
_DATE_FIELDS = frozenset({"y", "M", "MMM", "d"})
#: A date pattern's parts: a run of one letter (a field), or the text between.
_DATE_PARTS = r"y+|M+|d+|[^yMd]+"


def currency_symbol(code: str, lang: Lang = "en") -> str:
    """The symbol CLDR gives the currency ``code`` in ``lang``, or the code if it gives none here.

    Examples:
        >>> currency_symbol("CNY", "zh-Hans"), currency_symbol("CNY", "zh-TW")
        ('¥', 'CN¥')
        >>> currency_symbol("KRW")
        'KRW'
    """
    data = _DATA[check_lang(lang, "currency_symbol")]
    code = check_text(code, "code", "currency_symbol")
    return data.symbols.get(code, code)


def format_money(money: Money, lang: Lang = "en") -> str:
    r"""``money`` as CLDR writes an amount of its currency in ``lang``, to its minor unit.

    Examples:
        >>> from custpolicy.foundation.money import Currency, Money
        >>> format_money(Money("1234567.8", "USD"), "en"), format_money(Money("0.05", "USD"), "zh")
        ('$1,234,567.80', 'US$0.05')
        >>> format_money(Money("-12.5", Currency("XAG", 3)), "en")
        '-XAG\xa012.500'
        >>> format_money("CNY 12.50", "en")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: money must be Money, got 'CNY 12.50' [format_money]
    """
    data = _DATA[check_lang(lang, "format_money")]
    check_money(money, "money", "format_money")
    currency = money.currency
    symbol = data.symbols.get(currency.code)
    if symbol is None:  # CLDR's currency spacing: a symbol that ends in a letter, then a digit
        symbol = f"{currency.code}\xa0"
    minor = money.minor
    digits = _grouped(str(abs(minor)).rjust(currency.exponent + 1, "0"), currency.exponent, data)
    negative = int(minor < 0)
    prefix = data.currency_prefix[negative].replace("-", data.minus).replace("¤", symbol)
    suffix = data.currency_suffix[negative].replace("-", data.minus).replace("¤", symbol)
    return f"{prefix}{digits}{suffix}"


def format_decimal(value: Decimal | int, lang: Lang = "en") -> str:
    """``value`` with CLDR's grouping, decimal sign and minus sign in ``lang``, every digit kept.

    Examples:
        >>> format_decimal(1234567, "zh-Hans"), format_decimal(Decimal("0.050"), "en")
        ('1,234,567', '0.050')
    """
    lang = check_lang(lang, "format_decimal")
    return number_in(check_number(value, "value", "format_decimal"), lang)


def number_in(value: Decimal | int, lang: Lang) -> str:
    """[`format_decimal`][custpolicy.foundation.formats.format_decimal] without the checks.

    For the explanations, which render any Decimal a reason holds: ``lang`` must be canonical
    already, and a Decimal that is not finite is written as Python writes it (``NaN``).
    """
    if isinstance(value, Decimal) and not value.is_finite():
        return f"{value:f}"
    data = _DATA[lang]
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    sign, text = (data.minus, text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    return sign + _grouped(whole + fraction, len(fraction), data)


def format_date(day: date, lang: Lang = "en") -> str:
    """``day`` as CLDR's medium date in ``lang``: ``Mar 2, 2026``, ``2026年3月2日``.

    Examples:
        >>> format_date(date(2026, 12, 31), "zh-Hant"), format_date(date(2026, 12, 31), "en")
        ('2026年12月31日', 'Dec 31, 2026')
    """
    data = _DATA[check_lang(lang, "format_date")]
    check_date(day, "day", "format_date")
    month = day.month
    return _date_template(data.date_medium).format(
        y=day.year, M=month, d=day.day, MMM=data.months[month - 1] if data.months else month
    )


def _grouped(digits: str, fraction: int, data: _Cldr) -> str:
    """The ``digits`` of a number whose last ``fraction`` are its fraction, grouped by three."""
    whole = digits[: len(digits) - fraction] if fraction else digits
    text = f"{int(whole):,}".replace(",", data.group)
    return f"{text}{data.decimal}{digits[-fraction:]}" if fraction else text


@functools.cache
def _date_template(pattern: str) -> str:
    """A CLDR date pattern as a `str.format` template of the fields ``y``, ``M``, ``MMM``, ``d``.

    Any other text of the pattern is literal (the patterns written here use no other field and no
    quotes: tests/test_formats.py checks them against CLDR's).
    """
    return "".join(
        f"{{{part}}}" if part in _DATE_FIELDS else part.replace("{", "{{").replace("}", "}}")
        for part in re.findall(_DATE_PARTS, pattern)
    )
