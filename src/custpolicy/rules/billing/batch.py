"""The nightly dunning run by partition (B-7, B-8), for any engine that runs pieces in parallel.

- **B-7, B-8** The next dunning step of a settlement sheet (notify, wait, arrears notice,
  cut-off) depends on that sheet alone, its payments and its notices, and on the run date. So
  the accounts may be cut into partitions in any way: each partition gives the same rows as the
  single run gives for those accounts (see [`custpolicy.rules.billing.dunning`][]).

The rows hold no policy, calendar or account objects, only ``str``, ``int``, ``date`` and
``None``, so a million of them cross a process boundary cheaply and become a DataFrame or a
table as they are. Route accounts with [`custpolicy.foundation.partition.partition_of`][].
Nothing here imports Dask or any other engine: see the scale-out guide for the recipes.

Examples:
    >>> from datetime import date
    >>> from custpolicy.foundation.money import Money
    >>> from custpolicy.rules.billing import AccountState
    >>> sheets = [AccountState(f"GAS-{i}", date(2026, 3, 2), Money(i * 50, "CNY"))
    ...           for i in range(3)]
    >>> rows = dunning_partition(sheets, date(2026, 3, 10))
    >>> [(row.account, row.action, row.balance_minor) for row in rows]
    [('GAS-0', 'nothing', 0), ('GAS-1', 'notify', 5000), ('GAS-2', 'notify', 10000)]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from custpolicy.foundation.clauses import Lang
from custpolicy.foundation.partition import check_explain
from custpolicy.foundation.policy import Policy, PolicyBook
from custpolicy.foundation.validate import check_int, refuse
from custpolicy.foundation.workdays import WorkCalendar
from custpolicy.rules.billing import AccountState, dunning_run

if TYPE_CHECKING:
    import numpy.typing as npt

    from custpolicy.rules.billing.columnar import DunningColumns

__all__ = [
    "DUNNING_OUT_BYTES",
    "DunningRow",
    "dunning_out_columns",
    "dunning_partition",
    "dunning_partition_columns",
]

_DEFAULT_POLICY = Policy()

DUNNING_OUT_BYTES = 27
"""The bytes a row of the result columns takes in
[`dunning_out_columns`][custpolicy.rules.billing.batch.dunning_out_columns]: ``on``, ``due`` and
``balance_minor`` 8 each, ``action``, ``level`` and ``clauses`` 1 each."""


# -- dunning (B-7, B-8) --------------------------------------------------------------------------


class DunningRow(NamedTuple):
    """One settlement sheet's next dunning step, as plain values (B-7, B-8).

    Attributes:
        account: the account's identifier.
        as_of: the day of the run.
        action: the next step, the value of [`Action`][custpolicy.rules.billing.Action]
            (``"nothing"``, ``"notify"``, ``"wait"``, ``"arrears_notice"``, ``"cutoff_eligible"``).
        level: how far the escalation has gone, 0 to 5 (see ``Dunning.level``).
        on: the day the step falls due, or ``None`` when nothing is owed.
        due: the B-6 payment deadline.
        balance_minor: what is still owed, in minor units (fen); negative is a credit.
        currency: the currency's code.
        explanation: the explanation in the language asked for, or ``None``.
    """

    account: str
    as_of: date
    action: str
    level: int
    on: date | None
    due: date
    balance_minor: int
    currency: str
    explanation: str | None = None


def dunning_partition(
    accounts: Iterable[AccountState],
    as_of: date,
    *,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
    explain: Lang | None = None,
) -> list[DunningRow]:
    """Run the dunning rule over one partition of accounts, as compact rows (B-7, B-8).

    The rows are in the order of ``accounts``, one per account, each what
    [`dunning`][custpolicy.rules.billing.dunning] decides for it on ``as_of``. Any partition of the
    accounts gives the same rows per account as one run over all of them. With ``explain``
    (``"en"`` or ``"zh-Hant"``) each row also carries its explanation, which costs far more
    than the decision: ask for it only where it is read. ``policy`` may be a
    [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: each sheet is then judged under the
    version in force on the day it was delivered (M-1.9), and its explanation opens with it.

    [`dunning_partition_columns`][custpolicy.rules.billing.batch.dunning_partition_columns] gives
    the partition as columns instead.

    Examples:
        >>> from datetime import date
        >>> from custpolicy.foundation.money import Money
        >>> sheet = AccountState("GAS-7", date(2026, 3, 2), Money("120.00", "CNY"),
        ...                      notified=date(2026, 3, 10))
        >>> row, = dunning_partition([sheet], date(2026, 3, 14), explain="zh-Hant")
        >>> row.action, row.on, row.balance_minor, row.currency
        ('arrears_notice', datetime.date(2026, 3, 14), 12000, 'CNY')
        >>> print(row.explanation.splitlines()[-1])
        B-8 已於2026年3月10日通知：其後3日（2026年3月11日至2026年3月13日）已過，仍未繳：\
下達「氣費催繳通知單」（自2026年3月14日起）
    """
    lang = check_explain(explain, "dunning_partition B-7/B-8")
    rows: list[DunningRow] = []
    append = rows.append
    for result in dunning_run(accounts, as_of, policy=policy, calendar=calendar):
        balance = result.balance
        append(
            DunningRow(
                result.account.account,
                result.as_of,
                result.action.value,
                result.level,
                result.on,
                result.due,
                balance.minor,
                balance.currency.code,
                None if lang is None else result.explain(lang),
            )
        )
    return rows


def dunning_partition_columns(
    accounts: Iterable[AccountState],
    as_of: date,
    *,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
) -> DunningColumns:
    """Run the dunning rule over one partition of accounts, as columns (B-7, B-8).

    The rows of [`dunning_partition`][custpolicy.rules.billing.batch.dunning_partition] as one
    [`DunningColumns`][custpolicy.rules.billing.columnar.DunningColumns] (numpy, the ``columnar``
    extra), which crosses a process boundary as a few buffers instead of one tuple per account; each
    row still explains itself with ``.row(i)``. A partition read from storage as columns skips
    the objects: call [`dunning_columns`][custpolicy.rules.billing.columnar.dunning_columns] on it.

    Examples:
        >>> from datetime import date
        >>> from custpolicy.foundation.money import Money
        >>> sheet = AccountState("GAS-7", date(2026, 3, 2), Money("120.00", "CNY"))
        >>> result = dunning_partition_columns([sheet], date(2026, 3, 14))
        >>> result["balance_minor"].tolist(), result.row(0).action.value
        ([12000], 'notify')
    """
    from custpolicy.rules.billing.columnar import account_columns, dunning_columns

    columns, payments, currency = account_columns(accounts)
    return dunning_columns(
        columns, as_of, payments=payments, policy=policy, calendar=calendar, currency=currency
    )


def dunning_out_columns(buffer: object, rows: int) -> dict[str, npt.NDArray[Any]]:
    """The result columns of ``rows`` sheets laid out in one writable buffer (B-7, B-8).

    A mapping for ``dunning_columns(..., out=...)``
    ([`dunning_columns`][custpolicy.rules.billing.columnar.dunning_columns]): numpy arrays over
    the first ``rows * DUNNING_OUT_BYTES`` bytes of ``buffer``, any object with the buffer
    protocol (a ``bytearray``, an ``mmap.mmap``, the ``buf`` of a
    ``multiprocessing.shared_memory.SharedMemory``). Every process that lays out the same
    buffer with the same ``rows`` sees the same columns, so workers can each write their slice
    of rows, ``{name: column[first:last] for name, column in out.items()}``, and the client
    reads the whole result where it is, with nothing sent back. The 8-byte columns come first,
    so each column is aligned to its item size when the buffer is (shared memory is).
    Nothing is copied, and the arrays keep the buffer exported: drop them before closing it.

    Examples:
        >>> import numpy as np
        >>> from datetime import date
        >>> from custpolicy.rules.billing.columnar import dunning_columns
        >>> table = {"account": np.arange(4), "billed": np.array([0, 10, 20, 30]),
        ...          "delivered": np.full(4, np.datetime64("2026-03-02"))}
        >>> memory = bytearray(4 * DUNNING_OUT_BYTES)
        >>> out = dunning_out_columns(memory, 4)
        >>> for first, last in ((0, 2), (2, 4)):        # each in its own worker, in a real job
        ...     part = {name: column[first:last] for name, column in out.items()}
        ...     _ = dunning_columns({k: v[first:last] for k, v in table.items()},
        ...                         date(2026, 3, 10), out=part)
        >>> out["balance_minor"].tolist(), out["action"].tolist()
        ([0, 10, 20, 30], [0, 1, 1, 1])
    """
    import numpy as np

    from custpolicy.rules.billing.columnar import OUT_DTYPES

    where = "dunning_out_columns B-7/B-8"
    rows = check_int(rows, "rows", where, low=0)
    try:
        raw = np.frombuffer(buffer, dtype=np.uint8)  # type: ignore[call-overload]
    except (TypeError, ValueError, BufferError):  # no buffer, or not one contiguous block
        raise refuse("buffer", "a writable buffer (one contiguous block)", buffer, where) from None
    need = rows * DUNNING_OUT_BYTES
    if not raw.flags.writeable or raw.nbytes < need:
        shown = f"{'a read-only' if not raw.flags.writeable else 'a'} buffer of {raw.nbytes} bytes"
        raise refuse(
            "buffer", f"a writable buffer of at least {need} bytes", None, where, shown=shown
        )
    columns: dict[str, npt.NDArray[Any]] = {}
    offset = 0
    for name in sorted(OUT_DTYPES, key=lambda name: -OUT_DTYPES[name].itemsize):
        dtype = OUT_DTYPES[name]
        size = rows * dtype.itemsize
        columns[name] = raw[offset : offset + size].view(dtype)
        offset += size
    return columns
