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
from their ``reasons``, a flat record of plain values for tables (``to_record()``), and an HTML
table for notebooks (``_repr_html_``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar, NoReturn, Protocol, runtime_checkable

import attrs

from custpolicy.clauses import LANGS, Clause, Lang
from custpolicy.errors import InvalidInputError

__all__ = ["Choice", "Explained", "Labelled", "Phrase", "Reason", "check_lang", "render_fact"]


@runtime_checkable
class Labelled(Protocol):
    """A value with a label in each language, such as a customer category."""

    def label(self, lang: Lang = "en") -> str:
        """The value's label in ``lang``."""
        ...  # pragma: no cover


@attrs.frozen
class Phrase:
    """A fixed phrase in each language, for use as a fact of a reason.

    Examples:
        >>> notice = Phrase("the arrears notice", "催繳通知單")
        >>> render_fact(notice, "zh-Hant")
        '催繳通知單'
    """

    en: str
    zh: str

    def label(self, lang: Lang = "en") -> str:
        """The phrase in ``lang``."""
        return self.en if lang == "en" else self.zh


class Choice(enum.Enum):
    """An enumeration of the policy's words (categories, actions, roles ...).

    Looking up a value that is not one of its members raises :class:`InvalidInputError`
    listing the members, instead of the plain ``ValueError`` of :class:`enum.Enum`. A member's
    repr is the expression that names it, such as ``Colour.RED``, so results paste back.

    A subclass gives its members' names in both languages by setting ``_labels`` after the
    class, a mapping of member to ``(English, Traditional Chinese)``; :meth:`label` reads it,
    and falls back to the member's value.

    Examples:
        >>> class Colour(Choice):
        ...     RED = "red"
        ...     BLUE = "blue"
        >>> Colour._labels = {Colour.RED: ("red", "紅色")}
        >>> Colour("red"), Colour.RED.label("zh-Hant"), Colour.BLUE.label("zh-Hant")
        (Colour.RED, '紅色', 'blue')
        >>> Colour("green")
        Traceback (most recent call last):
        ...
        custpolicy.errors.InvalidInputError: Colour must be one of ['red', 'blue'], got 'green'
    """

    # Set on a subclass after it is made (a value here would make it a member).
    _labels: ClassVar[Mapping[Choice, tuple[str, str]]]

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def label(self, lang: Lang = "en") -> str:
        """The member's name in ``lang``: from the class's ``_labels``, else its value."""
        labels: Mapping[Choice, tuple[str, str]] = getattr(type(self), "_labels", {})
        pair = labels.get(self)
        if pair is None:
            return str(self.value)
        return pair[0] if lang == "en" else pair[1]

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
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        separator = ", " if lang == "en" else "、"
        if items and all(isinstance(item, tuple) and len(item) == 2 for item in items):
            colon = ": " if lang == "en" else ":"
            return separator.join(
                f"{render_fact(name, lang)}{colon}{render_fact(fact, lang)}" for name, fact in items
            )
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


_PLAIN_SCALARS = (str, int, Decimal, date, type(None))

#: How many levels of nested values a record flattens into dotted names before it puts a
#: value into one cell as a dict or a tuple.
_FLATTEN_LEVELS = 2


def _fields(value: object) -> Iterable[tuple[str, object]]:
    """The named parts of a value with fields: a result's record items, or its repr fields."""
    if isinstance(value, Explained):
        return value._record_items()
    return ((name, getattr(value, name)) for name in _shown_fields(type(value)))


def _shown_fields(cls: type) -> tuple[str, ...]:
    """The names of the attrs fields of ``cls`` that its repr shows, except ``reasons``."""
    fields = attrs.fields(cls) if attrs.has(cls) else ()
    return tuple(
        field.name
        for field in fields
        if field.repr and not field.name.startswith("_") and field.name != "reasons"
    )


def _flatten(value: object, record: dict[str, object], name: str, level: int) -> None:
    """Put ``value`` into ``record`` under ``name``, flattening values with fields."""
    if level < _FLATTEN_LEVELS and _has_fields(value):
        for sub, sub_value in _fields(value):
            _flatten(sub_value, record, f"{name}.{sub}", level + 1)
    else:
        record[name] = _cell(value, record)


def _has_fields(value: object) -> bool:
    """Whether a record shows ``value`` by its fields, rather than as one plain value."""
    from custpolicy.money import Currency, Money  # money imports this module

    return (isinstance(value, Explained) or attrs.has(type(value))) and not isinstance(
        value, (Money, Currency, Clause, Mapping)
    )


def _cell(value: object, record: dict[str, object]) -> object:
    """``value`` as plain data for one cell: a scalar, a dict of its fields, or a tuple."""
    from custpolicy.money import Currency, Money  # money imports this module

    if isinstance(value, Money):
        record.setdefault("currency", value.currency.code)
        return value.amount
    if isinstance(value, _PLAIN_SCALARS):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Clause):
        return value.id
    if isinstance(value, Currency):
        return value.code
    if isinstance(value, Mapping):
        return {_key(k, record): _cell(v, record) for k, v in value.items()}
    if _has_fields(value):
        return {name: _cell(sub_value, record) for name, sub_value in _fields(value)}
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return tuple(_cell(item, record) for item in items)
    return str(value)


def _key(value: object, record: dict[str, object]) -> object:
    """A mapping's key as plain data: its plain value if that is a scalar, else its text."""
    cell = _cell(value, record)
    return cell if isinstance(cell, _PLAIN_SCALARS) else render_fact(value, "en")


class Explained:
    """The part every result shares: its reasons, the clauses they cite, and their text.

    A subclass provides ``reasons`` (an attrs field, or a property that builds them on demand).
    It may name the attributes its record shows in ``_record_fields``; by default the record
    shows the attrs fields that appear in the result's repr.
    """

    __slots__ = ()

    _record_fields: ClassVar[tuple[str, ...] | None] = None

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

    def _record_items(self) -> Iterable[tuple[str, object]]:
        names = self._record_fields
        if names is None:
            names = _shown_fields(type(self))
        return ((name, getattr(self, name)) for name in names)

    def to_record(self, lang: Lang = "en", *, explanation: bool = True) -> dict[str, object]:
        """The result as one flat record of plain values, for tables and DataFrames.

        Money becomes its Decimal amount, with the currency code under ``"currency"``; dates stay
        dates; choices become their values; a value with fields of its own is flattened into
        dotted names (``"account.key"``); a sequence becomes a tuple. With ``explanation`` (the
        default) the record ends with ``"clauses"`` (the IDs, comma-separated) and
        ``"explanation"`` (the text in ``lang``); without it, nothing is explained, which is
        faster over millions of results.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import payment_deadline
            >>> record = payment_deadline(date(2026, 3, 2)).to_record()
            >>> record["due"], record["clauses"]
            (datetime.date(2026, 3, 9), 'B-6')
            >>> record["explanation"]
            'B-6 payment of the gas bill is due 7 calendar days after 2026-03-02, on 2026-03-09 ...'
        """
        check_lang(lang, f"{type(self).__name__}.to_record")
        record: dict[str, object] = {}
        for name, value in self._record_items():
            _flatten(value, record, name, 0)
        if explanation:
            record["clauses"] = ", ".join(clause.id for clause in self.clauses)
            record["explanation"] = self.explain(lang)
        return record

    def _repr_html_(self) -> str:
        """An HTML table for notebooks: the record, then each reason in English and Chinese."""
        import html  # only notebooks need it; its entity table would slow every import

        cells = "".join(
            f"<tr><th>{html.escape(name)}</th><td>{html.escape(render_fact(value, 'en'))}</td></tr>"
            for name, value in self.to_record(explanation=False).items()
        )
        steps = "".join(
            f"<tr><td>{html.escape(r.render('en'))}</td><td>{html.escape(r.render('zh-Hant'))}</td></tr>"
            for r in self.reasons
        )
        title = html.escape(type(self).__name__)
        return (
            f'<table class="custpolicy"><caption>{title}</caption>{cells}</table>'
            f'<table class="custpolicy-reasons"><tr><th>explanation</th><th>說明</th></tr>'
            f"{steps}</table>"
        )
