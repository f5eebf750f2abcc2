"""The languages the library writes in, named by BCP 47 tags, and the text of each.

Every explanation, label and clause title renders in English (``en``), Simplified Chinese
(``zh-Hans``, mainland usage) or Traditional Chinese (``zh-Hant``). A function that takes a
``lang`` accepts any tag that names one of them
([`normalize_lang`][custpolicy.foundation.lang.normalize_lang]): ``zh``, ``zh-CN``, ``zh-SG`` and
``zh-Hans-*`` are Simplified; ``zh-TW``, ``zh-HK``, ``zh-MO`` and ``zh-Hant-*`` Traditional;
``en-*`` English; case does not matter and ``_`` may stand for ``-``.

The library's Chinese texts are written once, in Traditional characters. The Simplified text
of each is looked up in a table made from them by a development script (``tools/zh_hans.py``:
OpenCC's Taiwan-to-mainland conversion, then the glossary's choices, docs/glossary.md), loaded
the first time a Simplified text is asked for. Only the library's own texts are converted: the
facts a caller gave (names, case numbers, free text) are shown as they were given.

Examples:
    >>> normalize_lang("zh_cn"), normalize_lang("zh-HK"), normalize_lang("en-GB")
    ('zh-Hans', 'zh-Hant', 'en')
    >>> in_lang("zh-Hans", "refused", "拒絕"), in_lang("zh-Hant", "refused", "拒絕")
    ('拒绝', '拒絕')
    >>> normalize_lang("fr")
    Traceback (most recent call last):
    ...
    custpolicy.InvalidInputError: lang must be one of ('en', 'zh-Hans', 'zh-Hant') or a tag \
that names one (zh, zh-CN, zh-TW, zh-HK, en-GB ...), got 'fr' [normalize_lang]
"""

from __future__ import annotations

import functools
import re
from typing import Literal, get_args

from custpolicy.foundation.errors import InvalidInputError

__all__ = ["LANGS", "Lang", "ZhText", "normalize_lang"]

Lang = Literal["en", "zh-Hans", "zh-Hant"]
"""The languages every explanation renders in (BCP 47 tags)."""

LANGS: tuple[Lang, ...] = get_args(Lang)

#: What a refusal says the tags may be.
EXPECTED = f"one of {LANGS!r} or a tag that names one (zh, zh-CN, zh-TW, zh-HK, en-GB ...)"

#: The region subtags of Chinese written in each script, where the tag names no script.
_HANS_REGIONS = frozenset({"cn", "sg", "my"})
_HANT_REGIONS = frozenset({"tw", "hk", "mo"})

#: A well-formed tag: letters and digits in subtags of 1 to 8, joined by ``-``.
_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


@functools.lru_cache(maxsize=64)
def _lookup(tag: str) -> Lang | None:
    """The language ``tag`` names, or ``None``."""
    folded = tag.strip().replace("_", "-").lower()
    if not _TAG.fullmatch(folded):
        return None
    language, *rest = folded.split("-")
    if language == "en":
        return "en"
    if language != "zh":
        return None
    if not rest:
        return "zh-Hans"
    if rest[0] == "hans":
        return "zh-Hans"
    if rest[0] == "hant":
        return "zh-Hant"
    if rest[0] in _HANS_REGIONS:
        return "zh-Hans"
    if rest[0] in _HANT_REGIONS:
        return "zh-Hant"
    return None


def normalize_lang(tag: object, where: str = "normalize_lang") -> Lang:
    """The canonical tag (``en``, ``zh-Hans`` or ``zh-Hant``) of the BCP 47 tag ``tag``.

    ``zh``, ``zh-CN``, ``zh-SG``, ``zh-Hans`` and ``zh-Hans-*`` give ``zh-Hans``; ``zh-TW``,
    ``zh-HK``, ``zh-MO``, ``zh-Hant`` and ``zh-Hant-*`` give ``zh-Hant``; ``en`` and ``en-*``
    give ``en``; case does not matter and ``_`` may stand for ``-``. Anything else raises
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] listing the supported
    tags.

    Examples:
        >>> normalize_lang("zh"), normalize_lang("zh-Hant-TW"), normalize_lang("EN_us")
        ('zh-Hans', 'zh-Hant', 'en')
    """
    if tag.__class__ is str and tag in LANGS:
        return tag
    found = _lookup(tag) if isinstance(tag, str) else None  # the type first: pandas.NA, arrays
    if found is None:
        raise InvalidInputError(f"lang must be {EXPECTED}, got {tag!r} [{where}]")
    return found


def in_lang(lang: Lang, en: str, zh: str) -> str:
    """``en`` or the Chinese text ``zh`` (written in Traditional characters) in ``lang``.

    ``lang`` must be canonical already (checked by the caller).
    """
    if lang == "en":
        return en
    return zh if lang == "zh-Hant" else hans(zh)


class ZhText(str):
    """A Traditional Chinese text that a rule composed from its own words, given as a fact.

    A plain ``str`` fact is the caller's (a name, a case number), shown as given in every
    language; a ``ZhText`` is the library's, and renders in Simplified characters in zh-Hans.

    Examples:
        >>> from custpolicy.foundation.explain import render_fact
        >>> render_fact(ZhText("國內客戶投訴結案"), "zh-Hans"), render_fact("陳國華", "zh-Hans")
        ('国内客户投诉结案', '陳國華')
    """

    __slots__ = ()


def fact_in(lang: Lang, text: str) -> str:
    """A text given as a fact, in ``lang``: converted only if it is one of the library's texts.

    A rule passes some of its own words as facts (the subject of a deadline, the basis of a
    rate); a caller's names and free text are never in the table, and stay as given.
    """
    if lang != "zh-Hans" or text.isascii():
        return str(text)
    if isinstance(text, ZhText):
        return hans(text)
    from custpolicy.foundation._zh_hans import TABLE

    return TABLE.get(text, text)


def hans(text: str) -> str:
    """The library's Traditional Chinese ``text`` in Simplified Chinese, as the table has it.

    A text that is not in the table as a whole (one a rule joined from several of its texts at
    run time) is converted piece by piece, each piece a text of the table, the longest first;
    what is between them (a caller's name, a number) stays as it is.
    """
    from custpolicy.foundation._zh_hans import TABLE  # loaded on the first Simplified text

    found = TABLE.get(text)
    return found if found is not None else _by_pieces(text)


@functools.lru_cache(maxsize=4096)
def _by_pieces(text: str) -> str:
    """``text`` converted by the longest texts of the table it is made of."""
    from custpolicy.foundation._zh_hans import TABLE

    return _pieces().sub(lambda match: TABLE[match.group()], text)


@functools.cache
def _pieces() -> re.Pattern[str]:
    """One pattern of every text of the table that differs in Simplified, longest first."""
    from custpolicy.foundation._zh_hans import TABLE

    changed = sorted((key for key, value in TABLE.items() if key != value), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, changed)))
