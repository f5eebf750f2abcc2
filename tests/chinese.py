"""Checks of Traditional Chinese text: small pure functions, each returning what it found.

Used by tests/test_chinese.py over every zh-Hant text the library produces, and unit-tested
there, so that each check can be seen to fail. docs/glossary.md gives the terms and the reasons.

- :func:`latin_words`: English words or code names inside Chinese text (「china行事曆」,
  「travel費用」). Clause IDs, currency codes and symbols (CN¥), units, the proper nouns the
  glossary keeps (KPI), a grade letter before 級 (A級) and the caller's own identifiers are
  allowed.
- :func:`ascii_punctuation`: a half-width ``: , ( ) ;`` next to a Chinese character.
- :func:`nonstandard_characters`: the source's conversion errors (后 for 後, 于, 聯系, 批準 ...).
- :func:`traditional_only` and :func:`simplified_only`: characters of one script in a text of
  the other, by OpenCC's character tables (a character that the Traditional-to-Simplified table
  changes, and that is not also one of its own Simplified forms, is Traditional only; and the
  other way round).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from pathlib import Path

from custpolicy.foundation.formats import currency_symbol
from custpolicy.foundation.lang import LANGS
from custpolicy.foundation.money import CURRENCIES

#: Han ideographs (CJK Unified Ideographs, extension A, compatibility ideographs).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: CJK symbols and punctuation, and the full-width forms (：，（）；「」、。).
_CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
_CJK = f"[{_HAN}{_CJK_PUNCTUATION}]"

#: A Latin word or code name: letters, digits, ``_`` and ``²³``, joined by ``.`` or ``-``.
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_²³]*(?:[.\-][A-Za-z0-9_²³]+)*")

#: Words the glossary keeps as they are, in any Chinese text.
PROPER_NOUNS = frozenset({"KPI"})
#: Units of measure written with Latin letters.
UNITS = frozenset({"m³"})
#: ISO 4217 codes, as amounts render in English and in records (CNY 12.50).
CURRENCY_CODES = frozenset({"CNY", "TWD", "HKD", "USD", "EUR", "JPY"})
#: CLDR's currency symbols that begin with Latin letters, as amounts render in Chinese (CN¥12.50
#: in zh-Hant, US$ and JP¥ in zh-Hans): the letters are part of the symbol, as a code's are.
CURRENCY_SYMBOLS = frozenset(
    symbol
    for code in CURRENCIES
    for lang in LANGS
    if (symbol := currency_symbol(code, lang))[:1].isascii() and symbol[:1].isalpha()
)
#: A clause ID of the catalogue (B-6, P-E3.4, M-1.6.3).
_CLAUSE_ID = re.compile(r"[LBPCRM]-E?\d+(?:\.\d+)*")
#: A grade letter before 級 (A級售價, the source's own term).
_GRADE = re.compile(r"[A-Z]")

_ASCII_PUNCTUATION = re.compile(rf"(?<={_CJK}) *[:,();]|[:,();] *(?={_CJK})")

#: The source's conversion errors and mainland forms, each with the standard form to use.
NONSTANDARD: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![皇王太])后"), "後"),  # 后 is only 'empress'; 'after' is 後
    (re.compile(r"于"), "於"),
    (re.compile(r"并"), "並"),
    (re.compile(r"聯系"), "聯繫 or 聯絡"),
    (re.compile(r"批準"), "批准"),
    (re.compile(r"核準"), "核准"),
    (re.compile(r"答復"), "答覆"),
    (re.compile(r"注明"), "註明"),
    (re.compile(r"(?:[一二兩三四五六七八九十每本上下前隔數]|\d)周|周[一二三四五六日末期]"), "週"),
    (re.compile(r"制造|制作|訂制"), "製造, 製作, 訂製"),
    (re.compile(r"復印"), "影印 or 複印"),
    (re.compile(r"規范|范圍"), "規範, 範圍"),
    (re.compile(r"其余"), "其餘"),
    (re.compile(r"查覺"), "察覺"),
)


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return re.search(f"[{_HAN}]", text) is not None


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The Latin words of ``texts``, such as the caller's names in a step's code."""
    return frozenset(word for text in texts for word in _WORD.findall(text))


def latin_words(text: str, allowed: Collection[str] = ()) -> list[str]:
    """The Latin words in the Chinese ``text`` that are not allowed there, in order.

    Allowed: clause IDs, currency codes, the currency symbols of :data:`CURRENCY_SYMBOLS` (CN¥),
    units, :data:`PROPER_NOUNS`, a grade letter before 級, and the words in ``allowed`` (the
    caller's own names and identifiers).
    """
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if (
            _CLAUSE_ID.fullmatch(word)
            or word in CURRENCY_CODES
            or text[match.start() : match.end() + 1] in CURRENCY_SYMBOLS
            or word in UNITS
            or word in PROPER_NOUNS
            or word in allowed
            or (_GRADE.fullmatch(word) and text[match.end() : match.end() + 1] == "級")
        ):
            continue
        found.append(word)
    return found


def ascii_punctuation(text: str) -> list[str]:
    """Each half-width ``: , ( ) ;`` next to a Chinese character, with a character either side."""
    return [
        text[max(match.start() - 1, 0) : match.end() + 1]
        for match in _ASCII_PUNCTUATION.finditer(text)
    ]


def nonstandard_characters(text: str) -> list[str]:
    """Each conversion error of the source in ``text``, as ``'found -> use'``."""
    return [
        f"{match.group()} -> {standard}"
        for pattern, standard in NONSTANDARD
        for match in pattern.finditer(text)
    ]


def problems(text: str, allowed: Collection[str] = ()) -> list[str]:
    """Everything wrong with the Chinese ``text``, one line each; empty if nothing is."""
    return (
        [f"Latin word {word!r}" for word in latin_words(text, allowed)]
        + [f"half-width punctuation {near!r}" for near in ascii_punctuation(text)]
        + [f"non-standard {found}" for found in nonstandard_characters(text)]
    )


@functools.cache
def _one_script_only(table: str) -> frozenset[str]:
    """The characters of an OpenCC character table that convert and are not their own form."""
    import opencc_purepy

    found = set()
    text = (Path(opencc_purepy.__file__).parent / "dicts" / table).read_text(encoding="utf-8")
    for line in text.splitlines():
        character, _, forms = line.partition("\t")
        if character and character not in forms.split():
            found.add(character)
    return frozenset(found)


def traditional_only(text: str) -> list[str]:
    """The characters of ``text`` that only Traditional Chinese writes (後, 週, 帳 ...)."""
    only = _one_script_only("TSCharacters.txt")
    return [character for character in text if character in only]


def simplified_only(text: str) -> list[str]:
    """The characters of ``text`` that only Simplified Chinese writes (发, 档, 账 ...)."""
    only = _one_script_only("STCharacters.txt")
    return [character for character in text if character in only]


def problems_in(
    lang: str, text: str, allowed: Collection[str] = (), given: Collection[str] = ()
) -> list[str]:
    """Everything wrong with the Chinese ``text`` of ``lang`` (``zh-Hans`` or ``zh-Hant``).

    Both: no Latin word, no half-width punctuation next to Chinese. zh-Hant: no Simplified-only
    character and none of the source's conversion errors. zh-Hans: no Traditional-only character.
    ``allowed`` are the Latin words and ``given`` the Chinese words of the caller's own data,
    shown as the caller wrote them in every language.
    """
    found = [f"Latin word {word!r}" for word in latin_words(text, allowed)]
    found += [f"half-width punctuation {near!r}" for near in ascii_punctuation(text)]
    for word in sorted(given, key=len, reverse=True):
        text = text.replace(word, "")
    if lang == "zh-Hant":
        found += [f"non-standard {item}" for item in nonstandard_characters(text)]
        found += [f"Simplified-only {character}" for character in simplified_only(text)]
    else:
        found += [f"Traditional-only {character}" for character in traditional_only(text)]
    return found
