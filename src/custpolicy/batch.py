"""Batch runs by partition: the nightly dunning run and the monthly penalty run, scaled out.

The rules are those of the family modules; this module only cuts the work into independent
pieces that any engine (multiprocessing, Dask, Spark, Ray) can run in parallel, and ships each
result back as a compact row of plain values. In our own words:

- **B-7, B-8** The next dunning step of a settlement sheet (notify, wait, arrears notice,
  cut-off) depends on that sheet alone, its payments and its notices, and on the run date. So
  the accounts may be cut into partitions in any way: each partition gives the same rows as the
  single run gives for those accounts (see :func:`custpolicy.billing.dunning`).
- **P-E3.1, P-E3.4** A person's complaint deductions take at most the month's cap, and the rest
  is carried into the next month and taken first there. A month's result therefore depends on
  every earlier month of the same person: all of one person's months must be closed in order,
  in one run. People do not depend on each other, so the runs may be cut by person (see
  :meth:`custpolicy.penalties.PenaltyAccount.close_months`).

The rows hold no policy, calendar or account objects (each result holds its policy and
calendar, which would be pickled with it), only ``str``, ``int``, ``date`` and ``None``, so a
million of them cross a process boundary cheaply and become a DataFrame or a table as they are.
Nothing here imports Dask or any other engine: see the scale-out guide for the recipes.

Examples:
    >>> from datetime import date
    >>> from custpolicy.money import Money
    >>> from custpolicy.billing import AccountState
    >>> sheets = [AccountState(f"GAS-{i}", date(2026, 3, 2), Money(i * 50, "CNY"))
    ...           for i in range(3)]
    >>> rows = dunning_partition(sheets, date(2026, 3, 10))
    >>> [(row.account, row.action, row.balance_minor) for row in rows]
    [('GAS-0', 'nothing', 0), ('GAS-1', 'notify', 5000), ('GAS-2', 'notify', 10000)]
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from custpolicy.billing import AccountState, dunning_run
from custpolicy.clauses import LANGS, Lang
from custpolicy.errors import InvalidInputError
from custpolicy.money import Money
from custpolicy.penalties import PenaltyAccount
from custpolicy.policy import Policy
from custpolicy.validate import check_policy as _check_policy
from custpolicy.workdays import WorkCalendar

__all__ = [
    "DunningRow",
    "PenaltyOutcome",
    "PenaltyRow",
    "PenaltyRun",
    "dunning_partition",
    "partition_of",
    "penalty_partition",
]

_DEFAULT_POLICY = Policy()


# -- dunning (B-7, B-8) --------------------------------------------------------------------------


class DunningRow(NamedTuple):
    """One settlement sheet's next dunning step, as plain values (B-7, B-8).

    Attributes:
        account: the account's identifier.
        as_of: the day of the run.
        action: the next step, the value of :class:`~custpolicy.billing.Action`
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


def _check_explain(value: object, where: str) -> Lang | None:
    if value is None or (isinstance(value, str) and value in LANGS):
        return value
    raise InvalidInputError(f"explain must be one of {LANGS!r} or None, got {value!r} [{where}]")


def dunning_partition(
    accounts: Iterable[AccountState],
    as_of: date,
    *,
    policy: Policy = _DEFAULT_POLICY,
    calendar: WorkCalendar | None = None,
    explain: Lang | None = None,
) -> list[DunningRow]:
    """Run the dunning rule over one partition of accounts, as compact rows (B-7, B-8).

    The rows are in the order of ``accounts``, one per account, each what
    :func:`~custpolicy.billing.dunning` decides for it on ``as_of``. Any partition of the
    accounts gives the same rows per account as one run over all of them. With ``explain``
    (``"en"`` or ``"zh-Hant"``) each row also carries its explanation, which costs far more
    than the decision: ask for it only where it is read. Pass the policy in force on the run
    date, ``book.in_force(as_of).policy`` (M-1.9).

    Examples:
        >>> from datetime import date
        >>> from custpolicy.money import Money
        >>> sheet = AccountState("GAS-7", date(2026, 3, 2), Money("120.00", "CNY"),
        ...                      notified=date(2026, 3, 10))
        >>> row, = dunning_partition([sheet], date(2026, 3, 14), explain="zh-Hant")
        >>> row.action, row.on, row.balance_minor, row.currency
        ('arrears_notice', datetime.date(2026, 3, 14), 12000, 'CNY')
        >>> print(row.explanation.splitlines()[-1])
        B-8 已於2026-03-10通知：其後3日（2026-03-11至2026-03-13）已過，仍未繳：\
下達「氣費催繳通知單」（自2026-03-14起）
    """
    lang = _check_explain(explain, "dunning_partition B-7/B-8")
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


# -- the monthly penalty run (P-E3.4) --------------------------------------------------------------


class PenaltyRun(NamedTuple):
    """One person's months to close in a row: the unit a penalty run is partitioned by (P-E3.4).

    Attributes:
        account: the person's account before the first month; the ``account`` of the previous
            run's outcome.
        year: the year of the first month to close.
        month: the first month to close: the account's next month (a month already closed is a
            :class:`~custpolicy.errors.PolicyViolationError`, P-E3.4).
        bonuses: each month's performance bonus, in order.
        charges: the cases imposed in each month (a mapping of case to amount, or ``None``), at
            most one per month; shorter than ``bonuses`` when the last months impose none.
        approved: the cases whose reward-and-penalty notice the GM has approved by each month's
            close (C-12.2), at most one collection per month; a charge not approved is held back.
    """

    account: PenaltyAccount
    year: int
    month: int
    bonuses: Sequence[Money]
    charges: Sequence[Mapping[str, Money] | None] = ()
    approved: Sequence[Collection[str] | None] = ()


class PenaltyRow(NamedTuple):
    """One person-month of a penalty run, as plain values (P-E3.1, P-E3.4).

    Amounts are in minor units (fen) of ``currency``.

    Attributes:
        person: whose account.
        year: the year of the month closed.
        month: the month closed.
        bonus_minor: the month's performance bonus.
        charged_minor: the cases imposed this month, in all.
        deducted_minor: the complaint deductions taken this month (at most the cap); they go
            to the company.
        carried_minor: what is carried into the next month on approved cases.
        held_minor: what is held back for want of a notice approved by the GM (C-12.2).
        currency: the currency's code.
        explanation: the month's explanation in the language asked for, or ``None``.
    """

    person: str
    year: int
    month: int
    bonus_minor: int
    charged_minor: int
    deducted_minor: int
    carried_minor: int
    held_minor: int
    currency: str
    explanation: str | None = None


class PenaltyOutcome(NamedTuple):
    """What a penalty run gives for one person: the new account and the months' rows (P-E3.4).

    Attributes:
        account: the account after the last month, where the person's next run starts.
        months: one row per month closed, in order.
    """

    account: PenaltyAccount
    months: tuple[PenaltyRow, ...]


def _runs(value: object, where: str) -> Iterable[object]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"runs must be an iterable of PenaltyRun, got {value!r} [{where}]")
    return value


def penalty_partition(
    runs: Iterable[PenaltyRun],
    *,
    policy: Policy = _DEFAULT_POLICY,
    explain: Lang | None = None,
) -> list[PenaltyOutcome]:
    """Close the months of every person in one partition, as compact rows (P-E3.4, C-12.2).

    Each :class:`PenaltyRun` is one person's account, first month and months, closed in order with
    :meth:`~custpolicy.penalties.PenaltyAccount.close_months`; the outcomes are in the order of
    ``runs``. The carry-over makes each month depend on the person's earlier months, so a
    person's months belong in one run: a person given twice in a partition is refused. People
    are independent, so any partition of the runs gives the same outcomes as one run over all of
    them. ``explain`` adds each month's explanation to its row. The months are closed under one
    ``policy``: where a new version comes into force, end the run there and start the next one
    from the outcome's ``account`` (M-1.9).

    Examples:
        >>> cny = lambda amount: Money(amount, "CNY")
        >>> chen = PenaltyAccount.start("Chen", 2026, 2)
        >>> outcome, = penalty_partition(
        ...     [PenaltyRun(chen, 2026, 2, [cny("1000.00"), cny("0"), cny("1200.01")],
        ...                 [{"260201": cny("1349.99")}], [{"260201"}])])
        >>> [(r.month, r.deducted_minor, r.carried_minor) for r in outcome.months]
        [(2, 50000, 84999), (3, 0, 84999), (4, 60000, 24999)]
        >>> outcome.account.outstanding, (outcome.account.year, outcome.account.month)
        (Money('249.99', 'CNY'), (2026, 5))
    """
    where = "penalty_partition P-E3.4"
    policy = _check_policy(policy, where)
    lang = _check_explain(explain, where)
    outcomes: list[PenaltyOutcome] = []
    people: set[str] = set()
    for run in _runs(runs, where):
        if (
            not isinstance(run, tuple)
            or not 4 <= len(run) <= 6
            or not isinstance(run[0], PenaltyAccount)
        ):
            raise InvalidInputError(
                f"runs must hold PenaltyRun values (account, year, month, bonuses, charges, "
                f"approved), got {run!r} [{where}]"
            )
        account: PenaltyAccount = run[0]
        if account.person in people:
            raise InvalidInputError(
                f"person {account.person!r} is given twice in one partition: close all of a "
                f"person's months in one run, in order, because each month carries into the "
                f"next [{where}]"
            )
        people.add(account.person)
        charges = run[4] if len(run) > 4 else None
        approved = run[5] if len(run) > 5 else None
        schedule = account.close_months(
            run[1], run[2], run[3], charges=charges, approved=approved, policy=policy
        )
        texts = (
            [month.explain(lang) for month in schedule.months]
            if lang is not None
            else [None] * len(schedule.bonus_minor)
        )
        person, code = account.person, account.currency.code
        year, month = account.year, account.month
        rows: list[PenaltyRow] = []
        for bonus, charged, deducted, carried, held, text in zip(
            schedule.bonus_minor,
            schedule.charged_minor,
            schedule.deducted_minor,
            schedule.carried_minor,
            schedule.held_minor,
            texts,
            strict=True,
        ):
            rows.append(
                PenaltyRow(
                    person,
                    year,
                    month,
                    bonus,
                    sum(minor for _, minor in charged),
                    deducted,
                    carried,
                    held,
                    code,
                    text,
                )
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        outcomes.append(PenaltyOutcome(schedule.account, tuple(rows)))
    return outcomes


# -- routing ---------------------------------------------------------------------------------------


def partition_of(key: str, partitions: int) -> int:
    """The partition, from 0 to ``partitions - 1``, that ``key`` (an account, a person) goes to.

    The same in every process, machine and run (CRC-32 of the key in UTF-8), unlike
    ``hash()``, which Python salts per process. Route a person's months, and the account a
    penalty run leaves behind, with it, and they meet in the same partition month after month.

    Examples:
        >>> [partition_of(person, 8) for person in ("Chen", "Lin", "Wang")]
        [2, 7, 2]
    """
    where = "partition_of"
    if not isinstance(key, str):
        raise InvalidInputError(f"key must be a str, got {key!r} [{where}]")
    if partitions.__class__ is not int or partitions < 1:
        raise InvalidInputError(
            f"partitions must be an int of at least 1, got {partitions!r} [{where}]"
        )
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % partitions
