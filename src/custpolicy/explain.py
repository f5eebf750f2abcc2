"""Reasons and explanations: what every result of the library carries.

A rule does not return a bare number or bool. It returns a result value whose ``reasons`` say,
as data, which clause was applied, to which facts, with what outcome. The same reasons render
as text in English and in Traditional Chinese:

Examples:
    >>> from datetime import date
    >>> from custpolicy.clauses import B_6
    >>> r = Reason.of(
    ...     "billing.due", B_6,
    ...     en="sheet delivered on {delivered}; pay by {due}",
    ...     zh="結算單於{delivered}送達,應於{due}前繳費",
    ...     delivered=date(2026, 3, 2), due=date(2026, 3, 9))
    >>> r.render("en")
    'B-6 sheet delivered on 2026-03-02; pay by 2026-03-09'
    >>> r.render("zh-Hant")
    'B-6 結算單於2026-03-02送達,應於2026-03-09前繳費'
    >>> r.fact("due")
    datetime.date(2026, 3, 9)

Result classes inherit :class:`Explained`, which gives them ``clauses`` and ``explain(lang)``
from their ``reasons``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import NoReturn, Protocol, runtime_checkable

import attrs

from custpolicy.clauses import LANGS, Clause, Lang
from custpolicy.errors import InvalidInputError

__all__ = ["Choice", "Explained", "Labelled", "Reason", "check_lang", "render_fact"]


@runtime_checkable
class Labelled(Protocol):
    """A value with a label in each language, such as a customer category."""

    def label(self, lang: Lang = "en") -> str:
        """The value's label in ``lang``."""
        ...  # pragma: no cover


class Choice(enum.Enum):
    """An enumeration of the policy's words (categories, actions, roles ...).

    Looking up a value that is not one of its members raises :class:`InvalidInputError`
    listing the members, instead of the plain ``ValueError`` of :class:`enum.Enum`.

    Examples:
        >>> class Colour(Choice):
        ...     RED = "red"
        >>> Colour("blue")
        Traceback (most recent call last):
        ...
        custpolicy.errors.InvalidInputError: Colour must be one of ['red'], got 'blue'
    """

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        raise InvalidInputError(
            f"{cls.__name__} must be one of {[member.value for member in cls]!r}, got {value!r}"
        )


def check_lang(lang: object, where: str) -> Lang:
    """Return ``lang`` if it is a supported language, else raise :class:`InvalidInputError`."""
    if lang in LANGS:
        return lang
    raise InvalidInputError(f"lang must be one of {LANGS!r}, got {lang!r} [{where}]")


def render_fact(value: object, lang: Lang) -> str:
    """Render one fact of a reason as text in ``lang``."""
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        separator = ", " if lang == "en" else "、"
        return separator.join(render_fact(item, lang) for item in items)
    return str(value)


def _facts(
    value: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, object], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), fact) for name, fact in pairs)


@attrs.frozen
class Reason:
    """One step of an explanation: a clause, the facts it was applied to, and the outcome.

    Attributes:
        key: a stable identifier of the kind of step, such as ``"billing.due"``, for filtering.
        clause: the clause applied, or ``None`` for a step that only states facts.
        en: the English text, with ``{name}`` placeholders for the facts.
        zh: the Traditional Chinese text, with the same placeholders.
        facts: the named facts, in order.
    """

    key: str
    clause: Clause | None
    en: str
    zh: str
    facts: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_facts)

    @classmethod
    def of(cls, key: str, clause: Clause | None, *, en: str, zh: str, **facts: object) -> Reason:
        """Build a reason from keyword facts."""
        return cls(key, clause, en, zh, facts)

    def fact(self, name: str) -> object:
        """The fact called ``name``."""
        for fact_name, value in self.facts:
            if fact_name == name:
                return value
        raise InvalidInputError(
            f"name must be one of the reason's facts {[n for n, _ in self.facts]!r}, "
            f"got {name!r} [Reason {self.key}]"
        )

    def render(self, lang: Lang = "en") -> str:
        """The reason as one line of text in ``lang``, prefixed by its clause ID."""
        template = self.en if check_lang(lang, "Reason.render") == "en" else self.zh
        text = template.format_map({name: render_fact(v, lang) for name, v in self.facts})
        return f"{self.clause.id} {text}" if self.clause is not None else text


class Explained:
    """The part every result shares: its reasons, the clauses they cite, and their text.

    A subclass provides ``reasons`` (an attrs field, or a property that builds them on demand).
    """

    __slots__ = ()

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The steps that led to the result, in order."""
        raise NotImplementedError

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """The clauses the result applied, in the order first cited."""
        seen: dict[Clause, None] = {}
        for reason in self.reasons:
            if reason.clause is not None:
                seen.setdefault(reason.clause)
        return tuple(seen)

    def explain(self, lang: Lang = "en") -> str:
        """The explanation as text, one line per reason, in ``en`` or ``zh-Hant``."""
        check_lang(lang, f"{type(self).__name__}.explain")
        return "\n".join(reason.render(lang) for reason in self.reasons)
