"""Reasons and explanations: what every result of the library carries.

A rule does not return a bare number or bool. It returns a result value whose ``reasons`` say,
as data, which clause was applied, to which facts, with what outcome. The same reasons render
as text in English and in Traditional Chinese:

Examples:
    >>> from datetime import date
    >>> from custpolicy.foundation.clauses import B_6
    >>> r = Reason.of(
    ...     "billing.due", B_6,
    ...     en="sheet delivered on {delivered}; pay by {due}",
    ...     zh="結算單於{delivered}送達，應於{due}前繳費",
    ...     delivered=date(2026, 3, 2), due=date(2026, 3, 9))
    >>> r.render("en")
    'B-6 sheet delivered on 2026-03-02; pay by 2026-03-09'
    >>> r.render("zh-Hant")
    'B-6 結算單於2026年3月2日送達，應於2026年3月9日前繳費'
    >>> r.fact("due")
    datetime.date(2026, 3, 9)

Result classes inherit [`Explained`][custpolicy.foundation.explain.Explained], which gives them
``clauses`` and ``explain(lang)`` from their ``reasons``, a flat record of plain values
(``to_record()``, JSON-safe on request), one flat row per line for tables (``rows()``, the lines a
class declares with [`Lines`][custpolicy.foundation.explain.Lines]), and an HTML table for notebooks
(``_repr_html_``).
"""

from __future__ import annotations

import enum
import functools
import operator
import string
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, NoReturn, Protocol, TypeVar, runtime_checkable

import attrs

from custpolicy.foundation.clauses import Clause
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.formats import format_date, number_in
from custpolicy.foundation.lang import LANGS, Lang, fact_in, in_lang
from custpolicy.foundation.validate import (
    check_instance,
    check_lang,
    check_text,
    check_unique,
    refuse,
    text,
)

__all__ = [
    "Choice",
    "Explained",
    "Labelled",
    "Lines",
    "Phrase",
    "Reason",
    "check_lang",
    "record_cell",
    "render_fact",
]


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

    en: str = attrs.field(validator=text(blank=True))
    zh: str = attrs.field(validator=text(blank=True))

    def label(self, lang: Lang = "en") -> str:
        """The phrase in ``lang``."""
        return in_lang(check_lang(lang, "Phrase.label"), self.en, self.zh)


_ChoiceT = TypeVar("_ChoiceT", bound=enum.Enum)


class _ChoiceType(enum.EnumMeta):
    """The metaclass of [`Choice`][]: a lookup by value that cannot match refuses cleanly.

    `enum.Enum` falls back to comparing an unhashable value with every member, which
    leaks ``ValueError`` for an array and ``decimal.InvalidOperation`` for a signalling NaN,
    and it finds ``True`` equal to the value ``1``. A lookup here tries the members' values
    only for a hashable value that is not a bool, and refuses anything else with
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError]. Any other call (the
    functional API) is `enum.Enum`'s, told the caller's module, which it would otherwise read from
    the wrong frame.
    """

    def __call__(cls: type[_ChoiceT], value: object, *args: Any, **kwargs: Any) -> _ChoiceT:  # type: ignore[misc]
        if args or kwargs:  # the functional API, Choice("Name", "A B"): made in the caller's module
            kwargs.setdefault("module", sys._getframe(1).f_globals.get("__name__"))
            return super().__call__(value, *args, **kwargs)  # type: ignore[misc,no-any-return]
        if isinstance(value, cls):
            return value
        if value.__class__ is not bool:
            try:
                return cls._value2member_map_[value]  # type: ignore[return-value]
            except (KeyError, TypeError):  # not a value, or unhashable (a list, an array)
                pass
        raise InvalidInputError(
            f"{cls.__name__} must be one of {[member.value for member in cls]!r}, got {value!r}"
        )


class Choice(enum.Enum, metaclass=_ChoiceType):
    """An enumeration of the policy's words (categories, actions, roles ...).

    Looking up a value that is not one of its members raises
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] listing the members,
    instead of the plain ``ValueError`` of `enum.Enum`. A member's repr is the expression that names
    it, such as ``Colour.RED``, so results paste back.

    A subclass gives its members' names in both languages by setting ``_labels`` after the
    class, a mapping of member to ``(English, Traditional Chinese)``;
    [`label`][custpolicy.foundation.explain.Choice.label] reads it, and falls back to the member's
    value.

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
        custpolicy.InvalidInputError: Colour must be one of ['red', 'blue'], got 'green'

    A value that no member can equal, such as a list, an array or a bool, is refused the same
    way, and so is a language that [`label`][custpolicy.foundation.explain.Choice.label] does not
    know.
    """

    # Set on a subclass after it is made (a value here would make it a member).
    _labels: ClassVar[Mapping[Choice, tuple[str, str]]]

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def label(self, lang: Lang = "en") -> str:
        """The member's name in ``lang``: from the class's ``_labels``, else its value."""
        if not (isinstance(lang, str) and lang in LANGS):  # inline: labels render often
            lang = check_lang(lang, f"{type(self).__name__}.label")
        labels: Mapping[Choice, tuple[str, str]] = getattr(type(self), "_labels", {})
        pair = labels.get(self)
        if pair is None:
            return str(self.value)
        return in_lang(lang, *pair)


def render_fact(value: object, lang: Lang) -> str:
    """Render one fact of a reason as text in ``lang``.

    In Chinese, dates, amounts and decimals take CLDR's formats of the language
    ([`custpolicy.foundation.formats`][]); in English they keep the text that records and scenario
    files use, ISO dates and ``CNY 1,349.99``, so that an English explanation can be searched and
    diffed as an audit trail (docs/explanations.md, "Languages").

    Examples:
        >>> from datetime import date
        >>> from custpolicy.foundation.money import Money
        >>> [render_fact(date(2026, 3, 2), lang) for lang in ("en", "zh-Hans")]
        ['2026-03-02', '2026年3月2日']
        >>> [render_fact(Money("1349.99", "CNY"), lang) for lang in ("en", "zh-Hans", "zh-Hant")]
        ['CNY 1,349.99', '¥1,349.99', 'CN¥1,349.99']
    """
    return _render(value, check_lang(lang, "render_fact"))


@functools.singledispatch
def fact_text(value: object, lang: Lang) -> str:
    """A fact of a kind this module does not know, as text in Chinese ``lang``: its ``str()``.

    A module that defines a value with a text of its own in Chinese registers it here
    (``@fact_text.register``), as [`custpolicy.foundation.money`][] does for ``Money`` (CLDR's
    currency format): so this module needs no import of theirs. English uses ``str()``.
    """
    return str(value)


def _render(value: object, lang: Lang) -> str:
    """[`render_fact`][custpolicy.foundation.explain.render_fact] for a language already checked."""
    if isinstance(value, str):  # a caller's text as given; the library's own words in ``lang``
        return fact_in(lang, value)
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, date):  # a datetime (an instant, not a day) keeps its ISO text
        if lang == "en" or isinstance(value, datetime):
            return value.isoformat()
        return format_date(value, lang)
    if isinstance(value, Decimal):
        return f"{value:f}" if lang == "en" else number_in(value, lang)
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        separator = ", " if lang == "en" else "、"
        if items and all(isinstance(item, tuple) and len(item) == 2 for item in items):
            colon = ": " if lang == "en" else "："
            return separator.join(
                f"{_render(name, lang)}{colon}{_render(fact, lang)}" for name, fact in items
            )
        return separator.join(_render(item, lang) for item in items)
    return str(value) if lang == "en" else fact_text(value, lang)


def _facts(value: object) -> tuple[tuple[str, object], ...]:
    """The facts as a tuple: a mapping's (name, value) items, or the pairs given.

    [`Reason`][custpolicy.foundation.explain.Reason] checks each pair, where the message can name
    the reason.
    """
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return tuple(tuple(pair) if pair.__class__ is list else pair for pair in value)
    raise refuse("facts", "a mapping or (name, value) pairs", value, "Reason")


_FORMATTER = string.Formatter()

#: What `_placeholders` gives for templates that are not usable: a set that holds no fact
#: name, so the quick test of [`Reason`][custpolicy.foundation.explain.Reason] fails and the slow
#: check says why.
_UNUSABLE = frozenset({object()})


@functools.lru_cache(maxsize=1024)
def _placeholders(en: str, zh: str) -> frozenset[object]:
    """The names of the ``{name}`` fields of ``en`` and ``zh``, or `_UNUSABLE`.

    A field must be a bare name: the facts are text by the time they fill it, so a positional
    field (``{0}``, ``{}``), an attribute or index (``{a.b}``), a conversion (``{a!r}``) or a
    format spec (``{a:>5}``) cannot mean what its writer meant.
    """
    names: set[object] = set()
    try:
        for template in (en, zh):
            for _, name, spec, conversion in _FORMATTER.parse(template):
                if name is None:
                    continue
                if not name.isidentifier() or spec or conversion:
                    return _UNUSABLE
                names.add(name)
    except ValueError:  # a single { or }
        return _UNUSABLE
    return frozenset(names)


@attrs.frozen
class Reason:
    """One step of an explanation: a clause, the facts it was applied to, and the outcome.

    Every ``{name}`` placeholder of ``en`` and ``zh`` must be one of the facts (write ``{{``
    and ``}}`` for a brace); a reason that cannot render is refused when it is built.

    Attributes:
        key: a stable identifier of the kind of step, such as ``"billing.due"``, for filtering.
        clause: the clause applied, or ``None`` for a step that only states facts.
        en: the English text, with ``{name}`` placeholders for the facts.
        zh: the Traditional Chinese text, with the same placeholders.
        facts: the named facts, in order.

    Examples:
        >>> from custpolicy.foundation.clauses import B_6
        >>> Reason.of("billing.due", B_6, en="pay by {due}", zh="{due}前繳費")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: en must be a text whose placeholders name the \
reason's facts [], got {due} in 'pay by {due}' [Reason billing.due]
    """

    key: str
    clause: Clause | None
    en: str
    zh: str
    facts: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_facts)

    def __attrs_post_init__(self) -> None:
        # Reasons are built on every rule's hot path: one quick test of everything, with the
        # templates' placeholders parsed once (cached); the slow check finds what is wrong.
        names = {
            pair[0]
            for pair in self.facts
            if pair.__class__ is tuple and len(pair) == 2 and pair[0].__class__ is str
        }
        if (
            len(names) != len(self.facts)
            or self.key.__class__ is not str
            or (self.clause is not None and self.clause.__class__ is not Clause)
            or self.en.__class__ is not str
            or self.zh.__class__ is not str
            or not _placeholders(self.en, self.zh) <= names
        ):
            self._check()

    def _check(self) -> None:
        """Raise [`InvalidInputError`][] naming what is wrong with the reason, if anything."""
        where = f"Reason {self.key}" if isinstance(self.key, str) else "Reason"
        for pair in self.facts:
            if pair.__class__ is not tuple or len(pair) != 2 or not isinstance(pair[0], str):
                self._refuse("facts", "(name, value) pairs with a str name", pair)
        listed = tuple(name for name, _ in self.facts)
        names = set(check_unique(listed, "facts", where, expect="named once each"))
        check_text(self.key, "key", where, blank=True)
        check_instance(self.clause, "clause", where, Clause, optional=True)
        for argument, template in (("en", self.en), ("zh", self.zh)):
            check_text(template, argument, where, blank=True)
            what = "a text whose placeholders are {name} (write {{ or }} for a brace)"
            try:
                fields = [
                    (name, spec, conversion)
                    for _, name, spec, conversion in _FORMATTER.parse(template)
                    if name is not None
                ]
            except ValueError as error:  # a single { or }
                self._refuse(argument, what, f"{template!r} ({error})", show=False)
            for name, spec, conversion in fields:
                if not name.isidentifier() or spec or conversion:
                    shown = f"{name}!{conversion}" if conversion else name
                    shown += f":{spec}" if spec else ""
                    self._refuse(argument, what, f"{{{shown}}} in {template!r}", show=False)
                if name not in names:
                    self._refuse(
                        argument,
                        f"a text whose placeholders name the reason's facts {sorted(names)!r}",
                        f"{{{name}}} in {template!r}",
                        show=False,
                    )

    def _refuse(self, argument: str, what: str, got: object, *, show: bool = True) -> NoReturn:
        where = f"Reason {self.key}" if isinstance(self.key, str) else "Reason"
        raise refuse(argument, what, got, where, shown=None if show else str(got))

    @classmethod
    def of(cls, key: str, clause: Clause | None, *, en: str, zh: str, **facts: object) -> Reason:
        """Build a reason from keyword facts."""
        return cls(key, clause, en, zh, facts)

    def fact(self, name: str) -> object:
        """The fact called ``name``."""
        check_text(name, "name", f"Reason {self.key}", blank=True)
        for fact_name, value in self.facts:
            if fact_name == name:
                return value
        known = f"one of the reason's facts {[n for n, _ in self.facts]!r}"
        raise refuse("name", known, name, f"Reason {self.key}")

    def render(self, lang: Lang = "en") -> str:
        """The reason as one line of text in ``lang``, prefixed by its clause ID."""
        lang = check_lang(lang, "Reason.render")
        template = in_lang(lang, self.en, self.zh)
        text = template.format_map({name: _render(v, lang) for name, v in self.facts})
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


#: A function that makes one cell of a record or a row:
#: [`record_cell`][custpolicy.foundation.explain.record_cell], or one like it.
Cell = Callable[[object, dict[str, object]], object]


def _flatten(
    value: object,
    record: dict[str, object],
    name: str,
    level: int,
    cell: Cell | None = None,
    levels: int = _FLATTEN_LEVELS,
) -> None:
    """Put ``value`` into ``record`` under ``name``, flattening values with fields."""
    if level < levels and _has_fields(value):
        for sub, sub_value in _fields(value):
            _flatten(sub_value, record, f"{name}.{sub}" if name else sub, level + 1, cell, levels)
    else:
        record[name] = (cell or record_cell)(value, record)


def _has_fields(value: object) -> bool:
    """Whether a record shows ``value`` by its fields, rather than as one plain value."""
    return (
        (isinstance(value, Explained) or attrs.has(type(value)))
        and not isinstance(value, (Clause, Mapping))
        and record_cell.dispatch(type(value)) is record_cell.dispatch(object)
    )


@functools.singledispatch
def record_cell(value: object, record: dict[str, object]) -> object:
    """``value`` as plain data for one cell of a record (``to_record()``).

    A scalar stays as it is, an enumeration member gives its value, a clause its ID, a value
    with fields a dict of them, a collection a tuple, anything else its text. A module that
    defines a value kept whole in one cell registers it here (``@record_cell.register``), as
    [`custpolicy.foundation.money`][] does for ``Money`` (its amount, with the record's
    ``currency``) and ``Currency`` (its code): so this module needs no import of theirs.
    """
    if isinstance(value, _PLAIN_SCALARS):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Clause):
        return value.id
    if isinstance(value, Mapping):
        return {_key(k, record): record_cell(v, record) for k, v in value.items()}
    if _has_fields(value):
        return {name: record_cell(sub_value, record) for name, sub_value in _fields(value)}
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return tuple(record_cell(item, record) for item in items)
    return str(value)


def _key(value: object, record: dict[str, object]) -> object:
    """A mapping's key as plain data: its plain value if that is a scalar, else its text."""
    cell = record_cell(value, record)
    return cell if isinstance(cell, _PLAIN_SCALARS) else render_fact(value, "en")


#: How many levels of nested values a row (``rows()``) flattens into dotted names: all of them,
#: in practice, since a table has no use for a cell that holds a record.
_ROW_LEVELS = 8


def _json_safe(value: object) -> object:
    """A record's cell as a value `json.dumps` writes and `json.loads` reads back.

    Text, whole numbers, bools and ``None`` stay; a Decimal becomes its exact text (``"1349.99"``),
    a date its ISO text, a tuple a list, a mapping a dict with text keys; anything else (a
    fraction's ``"1/3"``, a value a module registered with
    [`record_cell`][custpolicy.foundation.explain.record_cell]) its text.
    """
    if value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {
            key if isinstance(key, str) else str(_json_safe(key)): _json_safe(item)
            for key, item in value.items()
        }
    if isinstance(value, (tuple, list)):
        return [_json_safe(item) for item in value]
    return str(value)


def _plain_cells(row: dict[str, object]) -> dict[str, object]:
    """``row`` without the cells that hold a collection or a record: a table's cells are plain."""
    return {name: value for name, value in row.items() if not isinstance(value, (tuple, dict))}


@attrs.frozen
class Lines:
    """How a result that holds several lines splits into rows: one row per item of one attribute.

    A result class declares it in its class attribute ``_lines``;
    [`Explained.rows`][custpolicy.foundation.explain.Explained.rows] reads it. Each row repeats the
    result's own plain cells and adds the line's.

    Attributes:
        of: the attribute that holds the lines (a dotted path such as ``"report.by_class"``
            reaches into a field), or the name of an item of the result's record: a sequence,
            or a mapping (its items are the lines).
        name: the column of a line that is one plain value, or the prefix of the columns of a
            line with fields (``""``: the fields' own names). A plain line without a name takes
            the last part of ``of``.
        key: for lines that are (key, value) pairs, such as a mapping's items: the column of
            the key; the value goes under ``name``.

    Examples:
        >>> Lines("parts", name="part", key="party")
        Lines(of='parts', name='part', key='party')
    """

    of: str = attrs.field(validator=text())
    name: str = attrs.field(default="", validator=text(blank=True))
    key: str = attrs.field(default="", validator=text(blank=True))


class Explained:
    """The part every result shares: its reasons, the clauses they cite, and their text.

    A subclass provides ``reasons`` (an attrs field, or a property that builds them on demand).
    It may name the attributes its record shows in ``_record_fields``; by default the record
    shows the attrs fields that appear in the result's repr. A result that holds several lines
    (an allocation's parts, a schedule's months ...) names them in ``_lines`` (a
    [`Lines`][custpolicy.foundation.explain.Lines]), and its
    [`rows`][custpolicy.foundation.explain.Explained.rows] give one row per line.
    """

    __slots__ = ()

    _record_fields: ClassVar[tuple[str, ...] | None] = None
    _lines: ClassVar[Lines | None] = None

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
        lang = check_lang(lang, f"{type(self).__name__}.explain")
        return "\n".join(reason.render(lang) for reason in self.reasons)

    def _record_items(self) -> Iterable[tuple[str, object]]:
        names = self._record_fields
        if names is None:
            names = _shown_fields(type(self))
        return ((name, getattr(self, name)) for name in names)

    def to_record(
        self, lang: Lang = "en", *, explanation: bool = True, json_safe: bool = False
    ) -> dict[str, object]:
        """The result as one flat record of plain values, for tables and DataFrames.

        Money becomes its Decimal amount, with the currency code under ``"currency"``; dates stay
        dates; choices become their values; a value with fields of its own is flattened into
        dotted names (``"account.key"``); a sequence becomes a tuple. With ``explanation`` (the
        default) the record ends with ``"clauses"`` (the IDs, comma-separated) and
        ``"explanation"`` (the text in ``lang``); without it, nothing is explained, which is
        faster over millions of results.

        With ``json_safe``, the same keys hold values that `json.dumps` writes as they
        are: amounts and other Decimals as their exact text (``"1349.99"``, the currency still
        under ``"currency"``), fractions as their text (``"197/200"``), dates as ISO text, tuples
        as lists.

        Examples:
            >>> from datetime import date
            >>> from custpolicy import payment_deadline
            >>> record = payment_deadline(date(2026, 3, 2)).to_record()
            >>> record["due"], record["clauses"]
            (datetime.date(2026, 3, 9), 'B-6')
            >>> record["explanation"]
            'B-6 payment of the gas bill is due 7 calendar days after 2026-03-02, on 2026-03-09 ...'
            >>> payment_deadline(date(2026, 3, 2)).to_record(json_safe=True)["due"]
            '2026-03-09'
        """
        lang = check_lang(lang, f"{type(self).__name__}.to_record")
        record: dict[str, object] = {}
        for name, value in self._record_items():
            _flatten(value, record, name, 0)
        if explanation:
            record["clauses"] = ", ".join(clause.id for clause in self.clauses)
            record["explanation"] = self.explain(lang)
        if json_safe:
            return {name: _json_safe(value) for name, value in record.items()}
        return record

    def rows(
        self, lang: Lang = "en", *, explanation: bool = True, cell: Cell | None = None
    ) -> list[dict[str, object]]:
        """The result as flat rows of plain cells, for tables: one per line, or one.

        A result that holds several lines (its class declares them in ``_lines``, a
        [`Lines`][custpolicy.foundation.explain.Lines]) gives one row per line: the result's own
        cells repeated, then the line's. Any other result, or one whose lines are empty, gives one
        row. Values with fields are flattened into dotted names at any depth; a cell that would hold
        a collection (a tuple or a mapping, such as (case, amount) pairs) is left out, since a
        table cell holds one value: [`to_record`][custpolicy.foundation.explain.Explained.to_record]
        keeps it. With ``explanation`` each row ends with the result's ``"clauses"`` and
        ``"explanation"`` in ``lang``. ``cell`` makes each cell
        ([`record_cell`][custpolicy.foundation.explain.record_cell] by default);
        [`custpolicy.foundation.tables.to_frame`][] passes one that keeps money whole.

        Examples:
            >>> from custpolicy import Money, allocate
            >>> for row in allocate(Money("100.00", "CNY"), {"Lin": 1, "Chen": 2}).rows(
            ...         explanation=False):
            ...     print(row)
            {'currency': 'CNY', 'total': Decimal('100.00'), 'clause': None, 'party': 'Lin', \
'part': Decimal('33.33')}
            {'currency': 'CNY', 'total': Decimal('100.00'), 'clause': None, 'party': 'Chen', \
'part': Decimal('66.67')}
        """
        lang = check_lang(lang, f"{type(self).__name__}.rows")
        spec = self._lines
        own: dict[str, object] = {}
        lines: Any = None
        for name, value in self._record_items():
            if spec is not None and name == spec.of:
                lines = value
            else:
                _flatten(value, own, name, 0, cell, _ROW_LEVELS)
        own = _plain_cells(own)
        tail: dict[str, object] = {}
        if explanation:
            tail["clauses"] = ", ".join(clause.id for clause in self.clauses)
            tail["explanation"] = self.explain(lang)
        if spec is None:
            return [{**own, **tail}]
        if lines is None:
            lines = operator.attrgetter(spec.of)(self)
        rows: list[dict[str, object]] = []
        for line in lines.items() if isinstance(lines, Mapping) else lines:
            row = dict(own)
            if spec.key:
                key, value = line
                _flatten(key, row, spec.key, 0, cell, _ROW_LEVELS)
            else:
                value = line
            name = spec.name or ("" if _has_fields(value) else spec.of.rpartition(".")[2])
            _flatten(value, row, name, 0, cell, _ROW_LEVELS)
            rows.append({**_plain_cells(row), **tail})
        return rows or [{**own, **tail}]

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
