"""The nightly dunning run over columns (B-6, B-7, B-8): numpy in, numpy out, same answers.

- **B-6** Every user pays within one week of the settlement sheet's delivery (optional art. 203
  roll on a work calendar).
- **B-7** Unpaid after that deadline: notify the user.
- **B-8** Still unpaid once three days after that notice have passed: the arrears notice; then,
  after ``billing.arrears_to_cutoff_days`` more days, cut-off.

[`dunning_columns`][custpolicy.rules.billing.columnar.dunning_columns] decides the next step of
every settlement sheet of a table at once, as [`dunning`][custpolicy.rules.billing.dunning] decides
it for one [`AccountState`][custpolicy.rules.billing.AccountState]: the same action, date, deadline
and balance for every row, to the fen. The calendar is asked once per distinct delivery and notice
date (the art. 203 roll, holidays and make-up working days); the rest is numpy over whole columns. A
row of the result turns back into the scalar [`Dunning`][custpolicy.rules.billing.Dunning], with its
clauses and its explanation in every language, with
[`DunningColumns.row`][custpolicy.rules.billing.columnar.DunningColumns.row], without running the
batch again.

The input is a mapping of equal-length columns: a ``dict`` of numpy arrays, a pandas
``DataFrame`` or an Arrow table (each column is read with ``numpy.asarray``, which costs
nothing for numpy-backed columns):

=================== ============================ ===========================================
column              type                          meaning
=================== ============================ ===========================================
``account``         any (text or integer ids)    the account; ``str()`` of it in ``row()``
``delivered``       ``datetime64[D]``             the day the sheet was delivered
``billed``          int64 minor units (fen), >= 0 the amount billed
``paid``            int64 minor units, >= 0       optional: the total paid by ``as_of``
``notified``        ``datetime64[D]``, NaT        optional: the B-7 notice, NaT if none
``arrears_notice``  ``datetime64[D]``, NaT        optional: the B-8 arrears notice, NaT if none
=================== ============================ ===========================================

Payments come in the form a database export gives: either the ``paid`` column (``SUM(amount)
WHERE paid_on <= :as_of GROUP BY sheet``, all the decision needs), or ``payments=`` a second
table of one row per payment, ``row`` (the position of its sheet in ``columns``), ``paid_on``
(``datetime64[D]``) and ``amount`` (int64 minor units, > 0), of which the run counts those
paid on or before ``as_of``, as the scalar rule does. With the payments table,
[`DunningColumns.row`][custpolicy.rules.billing.columnar.DunningColumns.row] gives exactly the
scalar result; with ``paid`` it knows the total but not the dates, and shows it as one payment on
``as_of``. With neither, nothing was paid.

numpy is an optional extra (``pip install custpolicy[columnar]``); nothing else in the library
needs it, and pandas and pyarrow are accepted, never required.

Examples:
    >>> import numpy as np
    >>> from datetime import date
    >>> columns = {
    ...     "account": np.array(["GAS-1", "GAS-2", "GAS-3"]),
    ...     "delivered": np.array(["2026-03-02", "2026-03-02", "2026-02-20"], "datetime64[D]"),
    ...     "billed": np.array([12000, 30000, 5000]),
    ...     "paid": np.array([12000, 10000, 0]),
    ...     "notified": np.array(["NaT", "NaT", "2026-03-02"], "datetime64[D]"),
    ... }
    >>> result = dunning_columns(columns, date(2026, 3, 10))
    >>> [ACTIONS[code].value for code in result["action"]]
    ['nothing', 'notify', 'arrears_notice']
    >>> result["balance_minor"].tolist(), result["on"][1]
    ([0, 20000, 5000], np.datetime64('2026-03-10'))
    >>> print(result.row(2).explain().splitlines()[-1])
    B-8 notified on 2026-03-02: the 3 days after it, 2026-03-03 to 2026-03-05, have passed \
and the bill is still unpaid: serve the arrears notice (due since 2026-03-06)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from custpolicy.foundation.clauses import B_6, B_7, B_8, M_1_9, Clause, Lang
from custpolicy.foundation.deadlines import calendar_deadline
from custpolicy.foundation.errors import CurrencyMismatchError, CustPolicyError, UnknownKeyError
from custpolicy.foundation.money import Currency, Money, currency
from custpolicy.foundation.policy import Policy, PolicyBook, PolicyVersion
from custpolicy.foundation.validate import (
    FLOAT_HINT,
    check_calendar,
    check_date,
    check_int,
    check_policy,
    refuse,
)
from custpolicy.foundation.workdays import WorkCalendar
from custpolicy.rules.billing import (
    AccountState,
    Action,
    Dunning,
    Payment,
    dunning,
    payment_deadline,
)

__all__ = [
    "ACTIONS",
    "CLAUSES",
    "OUT_DTYPES",
    "DunningColumns",
    "account_columns",
    "concat_dunning",
    "dunning_columns",
]

Array = npt.NDArray[Any]

ACTIONS: tuple[Action, ...] = tuple(Action)
"""The action of each code of the ``action`` column: 0 ``NOTHING``, 1 ``NOTIFY``, 2 ``WAIT``,
3 ``ARREARS_NOTICE``, 4 ``CUTOFF_ELIGIBLE`` (the order of
[`Action`][custpolicy.rules.billing.Action], from the mildest)."""

CLAUSES: tuple[tuple[Clause, ...], ...] = (
    (B_6,),
    (B_6, B_7),
    (B_6, B_8),
    (M_1_9, B_6),
    (M_1_9, B_6, B_7),
    (M_1_9, B_6, B_8),
)
"""The clauses of each code of the ``clauses`` column, as ``Dunning.clauses`` lists them: the
B-6 deadline and balance, then the clause of the step (B-7 notify, B-8 wait, arrears notice or
cut-off); codes 3 to 5 are the same under a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook],
whose version (M-1.9) opens the explanation."""

OUTPUTS = ("account", "action", "level", "on", "due", "balance_minor", "clauses")
"""The columns of a [`DunningColumns`][], in order."""

OUT_DTYPES: Mapping[str, np.dtype[Any]] = {
    "action": np.dtype(np.int8),
    "level": np.dtype(np.int8),
    "on": np.dtype("datetime64[D]"),
    "due": np.dtype("datetime64[D]"),
    "balance_minor": np.dtype(np.int64),
    "clauses": np.dtype(np.int8),
}
"""The columns that ``dunning_columns(..., out=...)`` writes into, with the dtype of each: every
column of [`OUTPUTS`][custpolicy.rules.billing.columnar.OUTPUTS] but ``account``, the input's."""

_WHERE = "dunning_columns B-7/B-8"
_DAY = np.timedelta64(1, "D")
_NAT = np.datetime64("NaT", "D")
_EPOCH = date(1970, 1, 1).toordinal()  # day 0 of datetime64[D]
_FIRST = date.min.toordinal() - _EPOCH  # 0001-01-01 and 9999-12-31 as datetime64[D] days
_LAST = date.max.toordinal() - _EPOCH
_NAT_DAYS = np.iinfo(np.int64).min  # NaT seen as int64
_LAST_DAY = (date.max - date(1970, 1, 1)).days  # 9999-12-31 as days since the epoch
_INT64_MAX = int(np.iinfo(np.int64).max)
_LEVEL_OF_ACTION = np.array([0, 1, 2, 3, 5], dtype=np.int8)  # WAIT after the arrears notice: 4
_NOTHING, _NOTIFY, _WAIT, _ARREARS, _CUTOFF = range(5)
_SUBJECT_ARREARS = ("payment after the notice", "通知後繳費")
_DEFAULT_POLICY = Policy()


def _day(days: int) -> date:
    return date.fromordinal(int(days) + _EPOCH)


# -- the input ------------------------------------------------------------------------------------


def _get(table: object, name: str, what: str) -> Array | None:
    """Column ``name`` of ``table`` as a 1-D numpy array, or ``None`` when it has none."""
    try:
        value = table[name]  # type: ignore[index]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    array = np.asarray(value)
    if array.ndim != 1:
        raise refuse(
            f"{what}[{name!r}]", "a column (1-D)", None, _WHERE, shown=f"shape {array.shape}"
        )
    return array


def _need(table: object, name: str, what: str, n: int | None = None) -> Array:
    """Column ``name`` of ``table``, which must have it (``n`` rows long, if given)."""
    array = _get(table, name, what)
    if array is None:
        raise refuse(what, f"a table with a column {name!r}", None, _WHERE, shown=_shown(table))
    return array if n is None else _same_length(array, f"{what}[{name!r}]", n)


def _shown(table: object) -> str:
    try:
        names = list(table)  # type: ignore[call-overload]
    except TypeError:
        return type(table).__name__
    return f"{type(table).__name__} of columns {names!r}"


def _ints(array: Array, name: str, low: int) -> npt.NDArray[np.int64]:
    """An integer column as int64, every value at least ``low`` (floats are refused)."""
    if array.dtype.kind not in "iu":
        hint = FLOAT_HINT if array.dtype.kind == "f" else ""
        raise refuse(
            name,
            "integers of minor units (int64)",
            None,
            _WHERE,
            hint=hint,
            shown=f"dtype {array.dtype}",
        )
    if array.size:
        smallest, largest = int(array.min()), int(array.max())
        if smallest < low or largest > _INT64_MAX:
            bad = smallest if smallest < low else largest
            row = int(np.flatnonzero(array == bad)[0])
            raise refuse(
                name,
                f"at least {low} and at most {_INT64_MAX}",
                bad,
                _WHERE,
                shown=(f"{bad} in row {row}"),
            )
    return array.astype(np.int64, copy=False)


def _days(array: Array, name: str, *, missing: bool) -> npt.NDArray[np.int64]:
    """A date column as int64 days since 1970-01-01 (NaT as int64's minimum, where allowed)."""
    if array.dtype.kind == "O":
        try:
            array = array.astype("datetime64[D]")
        except (TypeError, ValueError):
            raise refuse(
                name, "dates (datetime64[D])", None, _WHERE, shown="values that are not dates"
            ) from None
    if array.dtype.kind != "M":
        raise refuse(name, "dates (datetime64[D])", None, _WHERE, shown=f"dtype {array.dtype}")
    if array.dtype != np.dtype("datetime64[D]"):
        whole = array.astype("datetime64[D]")
        inexact = (whole != array) & ~np.isnat(array)
        if inexact.any():
            row = int(np.flatnonzero(inexact)[0])
            raise refuse(name, "whole days", array[row], _WHERE, shown=f"{array[row]} in row {row}")
        array = whole
    days = array.view(np.int64)
    nat = days == _NAT_DAYS
    if not missing and nat.any():
        row = int(np.flatnonzero(nat)[0])
        raise refuse(name, "a date in every row", "NaT", _WHERE, shown=f"NaT in row {row}")
    out = (days < _FIRST) | (days > _LAST)
    out &= ~nat
    if out.any():
        row = int(np.flatnonzero(out)[0])
        raise refuse(
            name,
            f"from {date.min} to {date.max}",
            array[row],
            _WHERE,
            shown=f"{array[row]} in row {row}",
        )
    return days


def _same_length(array: Array, name: str, n: int) -> Array:
    if len(array) != n:
        raise refuse(
            name,
            f"{n} rows long, as columns['delivered']",
            len(array),
            _WHERE,
            shown=(f"{len(array)} rows"),
        )
    return array


@attrs.frozen(eq=False)
class _Sheets:
    """The input of a run, normalised: what [`DunningColumns.row`][] rebuilds a sheet from."""

    account: Array
    delivered: npt.NDArray[np.int64]
    billed: npt.NDArray[np.int64]
    notified: npt.NDArray[np.int64]
    arrears: npt.NDArray[np.int64]
    paid: npt.NDArray[np.int64] | None  # the total paid by as_of, when given as a column
    pay_row: npt.NDArray[np.int64] | None  # the payments table, when given
    pay_on: npt.NDArray[np.int64] | None
    pay_amount: npt.NDArray[np.int64] | None


def _sheets(columns: object, payments: object) -> _Sheets:
    delivered = _days(_need(columns, "delivered", "columns"), "columns['delivered']", missing=False)
    n = len(delivered)
    account = _need(columns, "account", "columns", n)
    billed = _ints(_need(columns, "billed", "columns", n), "columns['billed']", 0)
    notices = []
    for name in ("notified", "arrears_notice"):
        found = _get(columns, name, "columns")
        notices.append(
            np.full(n, _NAT_DAYS, dtype=np.int64)
            if found is None
            else _days(
                _same_length(found, f"columns[{name!r}]", n), f"columns[{name!r}]", missing=True
            )
        )
    paid = _get(columns, "paid", "columns")
    if paid is not None:
        if payments is not None:
            raise refuse(
                "payments",
                "None when columns has a 'paid' column (one or the other)",
                _shown(payments),
                _WHERE,
                shown=_shown(payments),
            )
        paid = _ints(_same_length(paid, "columns['paid']", n), "columns['paid']", 0)
    pay_row = pay_on = pay_amount = None
    if payments is not None:
        pay_row = _ints(_need(payments, "row", "payments"), "payments['row']", 0)
        m = len(pay_row)
        if m and int(pay_row.max()) >= n:
            k = int(np.flatnonzero(pay_row >= n)[0])
            shown = f"{int(pay_row[k])} in payment {k}"
            raise refuse(
                "payments['row']", f"a row of columns, below {n}", None, _WHERE, shown=shown
            )
        pay_on = _days(
            _need(payments, "paid_on", "payments", m), "payments['paid_on']", missing=False
        )
        pay_amount = _ints(_need(payments, "amount", "payments", m), "payments['amount']", 1)
        if m and int(pay_amount.max()) * m > _INT64_MAX:
            shown = f"{m} payments of up to {int(pay_amount.max())}"
            expect = f"amounts whose sum fits in int64 ({_INT64_MAX})"
            raise refuse("payments['amount']", expect, None, _WHERE, shown=shown)
    notified, arrears = notices
    return _Sheets(account, delivered, billed, notified, arrears, paid, pay_row, pay_on, pay_amount)


def _outputs(out: object, n: int, sheets: _Sheets) -> dict[str, Array] | None:
    """The caller's ``out``, checked (``None``: the run makes its arrays as it needs them)."""
    if out is None:
        return None
    if not isinstance(out, Mapping) or set(out) != set(OUT_DTYPES):
        expect = f"a mapping of the result columns {tuple(OUT_DTYPES)}"
        raise refuse("out", expect, None, _WHERE, shown=_shown(out))
    inputs = [getattr(sheets, f.name) for f in attrs.fields(_Sheets)]
    written: list[Array] = []
    for name, dtype in OUT_DTYPES.items():
        array = out[name]
        argument = f"out[{name!r}]"
        if not (
            isinstance(array, np.ndarray)
            and array.dtype == dtype
            and array.shape == (n,)
            and array.flags.writeable
        ):
            expect = f"a writable numpy array of dtype {dtype} and {n} rows"
            raise refuse(argument, expect, None, _WHERE, shown=_array(array))
        for other in (*written, *inputs):
            if other is not None and np.shares_memory(array, other):
                expect = "memory of its own (apart from the input and the other columns)"
                raise refuse(argument, expect, None, _WHERE, shown="an array that overlaps one")
        written.append(array)
    return {name: out[name] for name in OUT_DTYPES}


def _array(value: object) -> str:
    if not isinstance(value, np.ndarray):
        return type(value).__name__
    access = "" if value.flags.writeable else "read-only "
    return f"a {access}array of dtype {value.dtype} and shape {value.shape}"


# -- the dates, once per distinct day -------------------------------------------------------------

Compute = Callable[[int, date], "int | None"]
"""A period end for (version index, start date), in datetime64[D] days; ``None`` if it fails."""


def _lookup(
    days: npt.NDArray[np.int64],
    version: npt.NDArray[np.intp] | None,
    versions: int,
    need: npt.NDArray[np.bool_] | None,
    compute: Compute,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """``compute`` of each row's (version, day) where ``need``: once per distinct pair.

    Gives the ends (0 where not needed) and where ``compute`` failed. The distinct pairs are
    found on a table indexed by day when the days are dense (a bitmap, linear time), else by
    sorting them.
    """
    n = len(days)
    index = None if need is None else np.flatnonzero(need)
    chosen = days if index is None else days[index]
    ends = np.zeros(n, dtype=np.int64)
    failed = np.zeros(n, dtype=np.bool_)
    if not len(chosen):
        return ends, failed
    low = int(chosen.min())
    span = int(chosen.max()) - low + 1
    key = chosen - low
    if version is not None:
        key += (version if index is None else version[index]) * span
    size = span * versions
    if size <= 4 * len(key) + 4096:
        present = np.zeros(size, dtype=np.bool_)
        present[key] = True
        distinct = np.flatnonzero(present)
        inverse: Array = key
        slots = size
    else:
        distinct, inverse = np.unique(key, return_inverse=True)
        slots = len(distinct)
    table = np.zeros(slots, dtype=np.int64)
    broken = np.zeros(slots, dtype=np.bool_)
    for position, pair in enumerate(distinct.tolist()):
        slot = pair if slots == size else position
        end = compute(pair // span, _day(low + pair % span))
        if end is None:
            broken[slot] = True
        else:
            table[slot] = end
    if index is None:
        return table[inverse], broken[inverse]
    ends[index] = table[inverse]
    failed[index] = broken[inverse]
    return ends, failed


def _payment_due(policies: Sequence[Policy], calendar: WorkCalendar | None) -> Compute:
    """The B-6 deadline of a delivery day under each version."""

    def compute(version: int, delivered: date) -> int | None:
        try:
            due = payment_deadline(delivered, policy=policies[version], calendar=calendar).due
        except CustPolicyError:
            return None
        return due.toordinal() - _EPOCH

    return compute


def _step(
    policies: Sequence[Policy], calendar: WorkCalendar | None, *, after_arrears: bool
) -> Compute:
    """The first day of the B-8 step after a notice (or an arrears notice) under each version."""

    def compute(version: int, served: date) -> int | None:
        policy = policies[version]
        billing = policy.billing
        days = billing.arrears_to_cutoff_days if after_arrears else billing.notice_to_arrears_days
        shift = 0 if billing.escalate_on_last_day else 1
        try:
            end = calendar_deadline(
                served,
                days,
                clause=B_8,
                subject=_SUBJECT_ARREARS,
                policy=policy,
                calendar=calendar,
            ).due
        except CustPolicyError:
            return None
        first = end.toordinal() + shift
        return None if first > date.max.toordinal() else first - _EPOCH

    return compute


@attrs.frozen(eq=False)
class _Versions:
    """The policy of each row (M-1.9): one Policy, or a book's versions by delivery date."""

    policy: Policy | PolicyBook
    policies: tuple[Policy, ...]
    versions: tuple[PolicyVersion | None, ...]
    effective: npt.NDArray[np.int64] | None  # a book's effective dates, as days


def _versions(policy: Policy | PolicyBook) -> _Versions:
    if isinstance(policy, PolicyBook):
        listed = policy.versions
        effective = np.array([v.effective.toordinal() - _EPOCH for v in listed], dtype=np.int64)
        return _Versions(policy, tuple(v.policy for v in listed), listed, effective)
    return _Versions(policy, (policy,), (None,), None)


# -- the run ---------------------------------------------------------------------------------------


def _paid(sheets: _Sheets, as_of: int, n: int) -> npt.NDArray[np.int64]:
    """What each sheet has paid by ``as_of``, in minor units (integers throughout)."""
    if sheets.paid is not None:
        return sheets.paid
    paid = np.zeros(n, dtype=np.int64)
    if sheets.pay_row is not None:
        assert sheets.pay_on is not None
        assert sheets.pay_amount is not None
        counted = sheets.pay_on <= as_of
        np.add.at(paid, sheets.pay_row[counted], sheets.pay_amount[counted])
    return paid


def dunning_columns(
    columns: Mapping[str, Any] | object,
    as_of: date,
    *,
    payments: Mapping[str, Any] | object | None = None,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
    currency: Currency | str | None = None,
    out: Mapping[str, Array] | None = None,
) -> DunningColumns:
    """The next dunning step of every settlement sheet of a table, as columns (B-7, B-8).

    Row ``i`` of the result is what [`dunning`][custpolicy.rules.billing.dunning] decides on
    ``as_of`` for the sheet of row ``i`` (see the module for the columns and the two forms of
    payments): the same action, level, date, deadline, balance and clauses, under the same
    policy and art. 203 calendar. Given a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook],
    each row is judged under the version in force on its delivery day (M-1.9). ``currency`` is
    the currency of the minor units (``general.currency`` of the policy, or of the book's
    latest version, by default).

    Bad input raises what the scalar rule raises for the first bad row (a notice on or before
    the deadline, an arrears notice too early or without a notice, a delivery before the book's
    first version, a day outside the calendar), naming the account; a bad column raises
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] naming it and the row. Any
    partition of the rows gives the same rows as one run over all of them: the function is
    its own partition function ([`concat_dunning`][custpolicy.rules.billing.columnar.concat_dunning]
    joins the parts).

    ``out`` takes the arrays to write the result into instead of new ones: a mapping of every
    column of [`OUT_DTYPES`][custpolicy.rules.billing.columnar.OUT_DTYPES] to a writable numpy
    array of that dtype, one element per row, apart from the input and from each other. The
    result's columns are then those arrays, so a worker process can write its rows straight into
    memory the client reads (a slice of arrays over ``multiprocessing.shared_memory``, see
    [`dunning_out_columns`][custpolicy.rules.billing.batch.dunning_out_columns]) and send nothing
    back. If the run raises, ``out`` may be written in part.

    Examples:
        >>> import numpy as np
        >>> from datetime import date
        >>> sheets = {"account": np.array([7, 8]), "billed": np.array([5000, 5000]),
        ...           "delivered": np.array(["2026-03-02", "2026-03-02"], "datetime64[D]")}
        >>> paid = {"row": np.array([0, 0, 1]), "amount": np.array([2000, 3000, 6000]),
        ...         "paid_on": np.array(["2026-03-03", "2026-03-12", "2026-03-04"],
        ...                             "datetime64[D]")}
        >>> result = dunning_columns(sheets, date(2026, 3, 10), payments=paid)
        >>> result["balance_minor"].tolist(), [ACTIONS[a].name for a in result["action"]]
        ([3000, -1000], ['NOTIFY', 'NOTHING'])
        >>> print(result.row(0).explain("zh-Hant").splitlines()[-2])
        2026年3月10日之後的1筆繳款不計入
    """
    as_of = check_date(as_of, "as_of", _WHERE)
    chosen = check_policy(policy, _WHERE, book=True)
    calendar = check_calendar(calendar, _WHERE)
    sheets = _sheets(columns, payments)
    per = _versions(chosen)
    if currency is None:
        currency = per.policies[-1].general.currency
    cur = _currency(currency)
    return _run(sheets, as_of, per, calendar, cur, _outputs(out, len(sheets.delivered), sheets))


def _currency(value: object) -> Currency:
    try:
        return currency(value)  # type: ignore[arg-type]
    except CustPolicyError:
        raise refuse("currency", "a Currency or an ISO 4217 code", value, _WHERE) from None


def _run(
    sheets: _Sheets,
    as_of_date: date,
    per: _Versions,
    calendar: WorkCalendar | None,
    cur: Currency,
    out: dict[str, Array] | None,
) -> DunningColumns:
    n = len(sheets.delivered)

    def column(name: str) -> Array:  # made only when needed, to keep the peak of memory low
        return np.empty(n, OUT_DTYPES[name]) if out is None else out[name]

    as_of = as_of_date.toordinal() - _EPOCH
    count = len(per.policies)
    delivered, notified, arrears = sheets.delivered, sheets.notified, sheets.arrears
    version: npt.NDArray[np.intp] | None = None
    bad = np.zeros(n, dtype=np.bool_)
    if per.effective is not None:  # a book: each row its version by delivery day (M-1.9)
        version = np.searchsorted(per.effective, delivered, side="right") - 1
        before = version < 0
        bad |= before
        version[before] = 0
    policies = per.policies

    owed = column("balance_minor")
    np.subtract(sheets.billed, _paid(sheets, as_of, n), out=owed)
    due, failed = _lookup(delivered, version, count, None, _payment_due(policies, calendar))
    bad |= failed
    has_notice = notified != _NAT_DAYS
    has_arrears = arrears != _NAT_DAYS
    bad |= has_notice & (notified <= due)  # B-7: a notice only after the deadline
    bad |= has_arrears & ~has_notice  # B-8: an arrears notice only after a notice
    open_ = owed > 0
    open_ &= due < as_of
    notice_seen = has_notice & (notified <= as_of)
    escalating = open_ & notice_seen
    arrears_due, failed = _lookup(
        notified,
        version,
        count,
        escalating | has_arrears,
        _step(policies, calendar, after_arrears=False),
    )
    bad |= failed & (escalating | has_arrears)
    bad |= has_arrears & (arrears < arrears_due)
    arrears_seen = has_arrears & (arrears <= as_of)
    cutting = escalating & arrears_seen
    cutoff, failed = _lookup(
        arrears, version, count, cutting, _step(policies, calendar, after_arrears=True)
    )
    bad |= failed
    if bad.any():  # the scalar rule raises its own error for the first bad row
        first = int(np.argmax(bad))
        dunning(
            _account(sheets, first, as_of_date, cur),
            as_of_date,
            policy=per.policy,
            calendar=calendar,
        )

    action = column("action")
    action.fill(_NOTHING)
    on_days = column("on")
    on = on_days.view(np.int64)
    on.fill(_NAT_DAYS)
    due_days = due.view("datetime64[D]")
    if out is not None:
        out["due"][:] = due_days
        due_days = out["due"]
    not_due = (owed > 0) & ~open_
    on[not_due] = due[not_due] + 1
    notify = open_ & ~notice_seen
    action[notify] = _NOTIFY
    on[notify] = due[notify] + 1
    waiting = escalating & ~arrears_seen
    action[waiting] = np.where(as_of < arrears_due[waiting], _WAIT, _ARREARS)
    on[waiting] = arrears_due[waiting]
    action[cutting] = np.where(as_of < cutoff[cutting], _WAIT, _CUTOFF)
    on[cutting] = cutoff[cutting]
    past = on > _LAST_DAY  # NaT is the least int64: never past
    if past.any():  # a step after 9999-12-31: the scalar rule refuses the first such row
        first = int(np.argmax(past))
        dunning(
            _account(sheets, first, as_of_date, cur),
            as_of_date,
            policy=per.policy,
            calendar=calendar,
        )
    level = _LEVEL_OF_ACTION[action]  # (np.take would widen the int8 codes to intp first)
    if out is not None:
        out["level"][:] = level
        level = out["level"]
    level[cutting & (action == _WAIT)] = 4
    clauses = column("clauses")
    np.minimum(action, 2, out=clauses)
    if version is not None:
        clauses += 3
    return DunningColumns(
        sheets.account,
        action,
        level,
        on_days,
        due_days,
        owed,
        clauses,
        as_of=as_of_date,
        currency=cur,
        policy=per.policy,
        calendar=calendar,
        sheets=sheets,
    )


# -- the result ------------------------------------------------------------------------------------


def _account(sheets: _Sheets, i: int, as_of: date, cur: Currency) -> AccountState:
    """Row ``i`` of the input as the scalar rule's [`AccountState`][]."""
    paid: list[Payment] = []
    if sheets.pay_row is not None:
        assert sheets.pay_on is not None
        assert sheets.pay_amount is not None
        for k in np.flatnonzero(sheets.pay_row == i).tolist():
            amount = Money.from_minor(int(sheets.pay_amount[k]), cur)
            paid.append(Payment(_day(sheets.pay_on[k]), amount))
    elif sheets.paid is not None and sheets.paid[i]:
        paid.append(Payment(as_of, Money.from_minor(int(sheets.paid[i]), cur)))
    notified, arrears = int(sheets.notified[i]), int(sheets.arrears[i])
    return AccountState(
        str(sheets.account[i]),
        _day(sheets.delivered[i]),
        Money.from_minor(int(sheets.billed[i]), cur),
        paid,
        None if notified == _NAT_DAYS else _day(notified),
        None if arrears == _NAT_DAYS else _day(arrears),
    )


@attrs.frozen(eq=False)
class DunningColumns(Mapping[str, Array]):
    """The next dunning step of every row of a table, as columns of the same length (B-7, B-8).

    A read-only mapping of the columns named in
    [`OUTPUTS`][custpolicy.rules.billing.columnar.OUTPUTS], so ``pandas.DataFrame(result)`` is a
    table of the results:

    - ``account``: the input's column, as given;
    - ``action``: int8 codes of [`ACTIONS`][custpolicy.rules.billing.columnar.ACTIONS] (0 nothing, 1
      notify, 2 wait, 3 arrears notice, 4 cut-off eligible);
    - ``level``: int8, ``Dunning.level`` (0 to 5);
    - ``on``: ``datetime64[D]``, ``Dunning.on``, NaT when nothing is owed;
    - ``due``: ``datetime64[D]``, the B-6 deadline;
    - ``balance_minor``: int64, what is still owed in minor units; negative is a credit;
    - ``clauses``: int8 codes of [`CLAUSES`][custpolicy.rules.billing.columnar.CLAUSES],
      ``Dunning.clauses``.

    [`row`][custpolicy.rules.billing.columnar.DunningColumns.row] gives the scalar result of a row,
    with its explanation. The result pickles with its input columns, so a row explains itself in any
    process it is shipped to.
    """

    account: Array
    action: npt.NDArray[np.int8]
    level: npt.NDArray[np.int8]
    on: npt.NDArray[np.datetime64]
    due: npt.NDArray[np.datetime64]
    balance_minor: npt.NDArray[np.int64]
    clauses: npt.NDArray[np.int8]
    as_of: date = attrs.field(kw_only=True)
    currency: Currency = attrs.field(kw_only=True)
    policy: Policy | PolicyBook = attrs.field(kw_only=True, repr=False)
    calendar: WorkCalendar | None = attrs.field(kw_only=True, repr=False)
    _sheets: _Sheets = attrs.field(kw_only=True, repr=False, alias="sheets")

    def __getitem__(self, name: str) -> Array:
        if name not in OUTPUTS:
            raise UnknownKeyError(f"name must be one of {OUTPUTS!r}, got {name!r} [DunningColumns]")
        array: Array = getattr(self, name)
        return array

    def __iter__(self) -> Iterator[str]:
        return iter(OUTPUTS)

    def __len__(self) -> int:
        return len(OUTPUTS)

    @property
    def rows(self) -> int:
        """The number of rows."""
        return len(self.action)

    def __repr__(self) -> str:
        code = self.currency.code
        return f"DunningColumns(rows={self.rows}, as_of={self.as_of!r}, currency={code!r})"

    def row(self, i: int) -> Dunning:
        """Row ``i`` as the scalar [`Dunning`][], with its clauses and explanation (B-7, B-8).

        Built from the columns, not decided again: equal to what
        [`dunning`][custpolicy.rules.billing.dunning] returns for the sheet (with the payments
        table; with a ``paid`` column the sheet shows that total as one payment on ``as_of``).
        A negative ``i`` counts from the end.
        """
        n = self.rows
        i = check_int(i, "i", "DunningColumns.row", low=-n, high=n - 1) % n
        sheets = self._sheets
        account = _account(sheets, i, self.as_of, self.currency)
        policy = self.policy
        version: PolicyVersion | None = None
        if isinstance(policy, PolicyBook):
            version = policy.version_on(account.delivered)
            policy = version.policy
        on = self.on[i]
        return Dunning(
            account,
            self.as_of,
            ACTIONS[self.action[i]],
            None if np.isnat(on) else _day(on.view(np.int64)),
            _day(self.due[i].view(np.int64)),
            Money.from_minor(int(self.balance_minor[i]), self.currency),
            policy,
            self.calendar,
            version,
        )

    def explain(self, i: int, lang: Lang = "en") -> str:
        """The explanation of row ``i`` in ``en`` or ``zh-Hant`` (see [`row`][])."""
        return self.row(i).explain(lang)


# -- between objects and columns, and between parts ------------------------------------------------


def account_columns(
    accounts: Iterable[AccountState],
) -> tuple[dict[str, Array], dict[str, Array], Currency | None]:
    """[`AccountState`][] values as the columns and payments table of [`dunning_columns`][].

    Gives the sheets' columns, the payments table and the sheets' one currency (``None`` when
    there is no sheet). For values already in memory as objects; a table read from a database
    is already columns.

    Examples:
        >>> from datetime import date
        >>> sheet = AccountState("GAS-1", date(2026, 3, 2), Money("50.00", "CNY"),
        ...                      [Payment(date(2026, 3, 3), Money("20.00", "CNY"))])
        >>> columns, payments, cur = account_columns([sheet])
        >>> columns["billed"].tolist(), payments["amount"].tolist(), cur.code
        ([5000], [2000], 'CNY')
    """
    where = "account_columns B-7/B-8"
    try:
        stream = iter(accounts)
    except TypeError:
        raise refuse("accounts", "an iterable of AccountState", accounts, where) from None
    ids: list[str] = []
    delivered: list[date] = []
    billed: list[int] = []
    notified: list[date | None] = []
    arrears: list[date | None] = []
    pay_row: list[int] = []
    pay_on: list[date] = []
    pay_amount: list[int] = []
    cur: Currency | None = None
    for i, acct in enumerate(stream):
        if not isinstance(acct, AccountState):
            raise refuse("accounts", "AccountState values", acct, where, must="hold")
        if cur is None:
            cur = acct.billed.currency
        elif acct.billed.currency != cur:
            raise CurrencyMismatchError(
                f"accounts must share one currency, got {cur.code} and "
                f"{acct.billed.currency.code} (account {acct.account!r}) [{where}]"
            )
        ids.append(acct.account)
        delivered.append(acct.delivered)
        billed.append(acct.billed.minor)
        notified.append(acct.notified)
        arrears.append(acct.arrears_notice)
        for payment in acct.payments:
            pay_row.append(i)
            pay_on.append(payment.paid_on)
            pay_amount.append(payment.amount.minor)
    columns = {
        "account": np.array(ids, dtype=object),
        "delivered": np.array(delivered, dtype="datetime64[D]"),
        "billed": np.array(billed, dtype=np.int64),
        "notified": np.array(notified, dtype="datetime64[D]"),
        "arrears_notice": np.array(arrears, dtype="datetime64[D]"),
    }
    payments = {
        "row": np.array(pay_row, dtype=np.int64),
        "paid_on": np.array(pay_on, dtype="datetime64[D]"),
        "amount": np.array(pay_amount, dtype=np.int64),
    }
    return columns, payments, cur


def concat_dunning(parts: Sequence[DunningColumns]) -> DunningColumns:
    """The results of partitions of one run as one result, in the order given (B-7, B-8).

    The parts must come from runs on the same day, policy, calendar and currency, with the
    payments in the same form;
    [`DunningColumns.row`][custpolicy.rules.billing.columnar.DunningColumns.row] works on the whole.

    Examples:
        >>> import numpy as np
        >>> from datetime import date
        >>> table = {"account": np.arange(4), "billed": np.array([0, 10, 20, 30]),
        ...          "delivered": np.full(4, np.datetime64("2026-03-02"))}
        >>> halves = [dunning_columns({k: v[s] for k, v in table.items()}, date(2026, 3, 10))
        ...           for s in (slice(0, 2), slice(2, 4))]
        >>> whole = concat_dunning(halves)
        >>> whole["balance_minor"].tolist(), whole.row(3).balance
        ([0, 10, 20, 30], Money('0.30', 'CNY'))
    """
    where = "concat_dunning B-7/B-8"
    listed = list(parts) if isinstance(parts, (list, tuple)) else None
    if not listed or not all(isinstance(p, DunningColumns) for p in listed):
        raise refuse("parts", "a non-empty sequence of DunningColumns", parts, where)
    head = listed[0]
    heads = (head.as_of, head.currency, head.policy, head.calendar)
    for part in listed[1:]:
        if (part.as_of, part.currency, part.policy, part.calendar) != heads or (
            (part._sheets.paid is None) != (head._sheets.paid is None)
        ):
            raise refuse(
                "parts",
                "results of one run (as_of, currency, policy, calendar, payments)",
                part,
                where,
            )
    sheets = [p._sheets for p in listed]
    offsets = np.cumsum([0] + [p.rows for p in listed])

    def joined(name: str) -> Any:
        found = [getattr(s, name) for s in sheets]
        return None if found[0] is None else np.concatenate(found)

    rows: list[Any] = [s.pay_row for s in sheets]
    pay_row = None
    if rows[0] is not None:  # each part's payments point at its own rows: shift them
        pay_row = np.concatenate([r + o for r, o in zip(rows, offsets.tolist(), strict=False)])
    whole = _Sheets(
        joined("account"),
        joined("delivered"),
        joined("billed"),
        joined("notified"),
        joined("arrears"),
        joined("paid"),
        pay_row,
        joined("pay_on"),
        joined("pay_amount"),
    )
    return DunningColumns(
        *(np.concatenate([p[name] for p in listed]) for name in OUTPUTS),
        as_of=head.as_of,
        currency=head.currency,
        policy=head.policy,
        calendar=head.calendar,
        sheets=whole,
    )
