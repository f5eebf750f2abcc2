"""DataFrames from results: [`to_frame`][], for notebooks and reports (pandas is an extra).

Every result turns into flat rows ([`rows`][custpolicy.foundation.explain.Explained.rows]: one
per line where a result holds several, such as an allocation's parts or a schedule's months),
and the rows of the batch runs ([`DunningRow`][custpolicy.rules.billing.batch.DunningRow],
[`PenaltyRow`][custpolicy.rules.penalties.batch.PenaltyRow]) are flat already.
[`to_frame`][custpolicy.foundation.tables.to_frame] puts them in a pandas DataFrame whose columns
plot: money as exact whole minor units (``<name>_minor``, int64) beside a float (``<name>``,
float64) and the ``currency`` code, dates as datetime64.

pandas is not a dependency of custpolicy: install it with ``pip install custpolicy[pandas]``.
This module imports it when [`to_frame`][custpolicy.foundation.tables.to_frame] is called, never
before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.explain import Explained, Lines, record_cell
from custpolicy.foundation.lang import EXPECTED, Lang, normalize_lang
from custpolicy.foundation.money import Money, currency
from custpolicy.foundation.validate import refuse

if TYPE_CHECKING:  # pragma: no cover - for the annotation only
    import pandas

__all__ = ["to_frame"]

_WHERE = "to_frame"
_INSTALL = "pip install custpolicy[pandas]"
_RESULTS = "results (Explained) or the rows of a batch run (DunningRow, PenaltyRow, PenaltyOutcome)"
_INT64 = (-(2**63), 2**63 - 1)
_TEXT = ("clauses", "explanation")


def _pandas() -> Any:
    """The pandas module, or an ImportError that says how to install it."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError(f"to_frame needs pandas, an optional extra: {_INSTALL}") from error
    return pandas


def _frame_cell(value: object, record: dict[str, object]) -> object:
    """A row's cell for a frame: money stays whole (it becomes two columns), else a record's."""
    if isinstance(value, Money):
        record.setdefault("currency", value.currency.code)
        return value
    return record_cell(value, record)


def _batch_rows(item: tuple[Any, ...]) -> list[dict[str, object]]:
    """The rows of a batch run's row (a NamedTuple): itself, or its declared lines."""
    spec = getattr(type(item), "_lines", None)
    if isinstance(spec, Lines):
        return [row for line in getattr(item, spec.of) for row in _batch_rows(line)]
    names: tuple[str, ...] = getattr(type(item), "_fields", ())  # a NamedTuple's field names
    fields = dict(zip(names, item, strict=True))
    code = fields.get("currency")
    row: dict[str, object] = {}
    for name, value in fields.items():
        if name.endswith("_minor") and isinstance(value, int) and isinstance(code, str):
            # an amount in minor units: money again, under the name less ``_minor``
            row[name.removesuffix("_minor")] = Money.from_minor(value, currency(code))
        else:
            row[name] = value
    return [row]


def _rows(item: object, lang: Lang | None) -> list[dict[str, object]]:
    """The rows of one item of [`to_frame`][custpolicy.foundation.tables.to_frame]'s ``results``."""
    if isinstance(item, Explained):
        return item.rows(lang or "en", explanation=lang is not None, cell=_frame_cell)
    if isinstance(item, tuple) and isinstance(getattr(type(item), "_fields", None), tuple):
        if lang is not None:
            raise refuse(
                "lang",
                "None for the rows of a batch run",
                lang,
                _WHERE,
                hint="ask the run for them (explain=...)",
            )
        return _batch_rows(item)
    raise refuse("results", _RESULTS, item, _WHERE, must="hold")


def _cells(
    row: Mapping[str, object], money: dict[str, None], dates: dict[str, None]
) -> dict[str, object]:
    """A row's cells for the frame: each amount as a float and whole minor units."""
    cells: dict[str, object] = {}
    for name, value in row.items():
        if isinstance(value, Money):
            minor = value.minor
            if not _INT64[0] <= minor <= _INT64[1]:
                raise refuse(
                    f"{name}_minor",
                    "within the range of int64 (a DataFrame column)",
                    value,
                    _WHERE,
                    must="be",
                )
            cells[name] = minor / 10**value.currency.exponent  # rounded once, to the nearest
            cells[f"{name}_minor"] = minor
            money.setdefault(name)
        else:
            if isinstance(value, date):
                dates.setdefault(name)
            cells[name] = value
    return cells


def to_frame(results: Iterable[object], *, lang: Lang | None = None) -> pandas.DataFrame:
    """A pandas DataFrame of many results of one type, one row per result or per line.

    ``results`` are results of one type (any [`Explained`][custpolicy.foundation.explain.Explained])
    or the rows of one batch run (``DunningRow``, ``PenaltyRow``, or ``PenaltyOutcome``, whose
    months are its rows). A result that holds several lines gives one row per line (see
    [`rows`][custpolicy.foundation.explain.Explained.rows]).

    The columns:

    - money: ``<name>_minor``, the exact amount in whole minor units (int64; it sums exactly),
      and ``<name>``, the amount as a float64 for plotting (within half a minor unit); the
      ``currency`` column holds the code. Results in different currencies may share a frame, one
      currency per row: group by ``currency`` before adding amounts up;
    - dates: datetime64;
    - with ``lang`` (``"en"`` or ``"zh-Hant"``), ``clauses`` and ``explanation`` for each
      result (the rows of a batch run carry the explanation their run was asked for instead);
    - everything else as [`to_record`][custpolicy.foundation.explain.Explained.to_record] gives it.

    Results of two types in one call are refused, naming both: put each type in a frame of
    its own. No results give an empty frame. Without pandas installed, an ImportError says
    ``pip install custpolicy[pandas]``.

    Examples:
        >>> from custpolicy import Money, allocate
        >>> splits = [allocate(Money("100.00", "CNY"), {"Lin": 1, "Chen": 2}),
        ...           allocate(Money("0.05", "CNY"), {"Lin": 1, "Chen": 1})]
        >>> frame = to_frame(splits)
        >>> frame[["party", "part", "part_minor", "currency"]]
          party   part  part_minor currency
        0   Lin  33.33        3333      CNY
        1  Chen  66.67        6667      CNY
        2   Lin   0.02           2      CNY
        3  Chen   0.03           3      CNY
        >>> int(frame["part_minor"].sum())
        10005
    """
    if lang is not None:
        try:
            lang = normalize_lang(lang, _WHERE)
        except InvalidInputError:
            raise refuse("lang", f"{EXPECTED} or None", lang, _WHERE) from None
    if isinstance(results, (str, bytes, Mapping, Explained)) or not isinstance(results, Iterable):
        raise refuse("results", f"an iterable of {_RESULTS}", results, _WHERE)
    pd = _pandas()
    kind: type | None = None
    money: dict[str, None] = {}
    dates: dict[str, None] = {}
    records: list[dict[str, object]] = []
    for item in results:
        if kind is None:
            kind = type(item)
        elif type(item) is not kind:
            raise refuse(
                "results",
                f"of one type, {kind.__name__}",
                type(item).__name__,
                _WHERE,
                shown=f"a {type(item).__name__} as well",
                hint="make one frame per type",
            )
        records.extend(_cells(row, money, dates) for row in _rows(item, lang))
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    for name in money:
        minor = f"{name}_minor"
        frame[minor] = frame[minor].astype("Int64" if frame[minor].isna().any() else "int64")
        frame[name] = frame[name].astype("float64")
    for name in dates:
        frame[name] = frame[name].astype("datetime64[s]")
    if lang is not None and kind is not None and issubclass(kind, Explained):
        # last, as in a record, even where some result's lines add columns of their own
        frame = frame[[c for c in frame.columns if c not in _TEXT] + list(_TEXT)]
    return frame
