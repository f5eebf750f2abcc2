"""The monthly penalty run by partition (P-E3.1, P-E3.4), for engines that run pieces in parallel.

- **P-E3.1, P-E3.4** A person's complaint deductions take at most the month's cap, and the rest
  is carried into the next month and taken first there. A month's result therefore depends on
  every earlier month of the same person: all of one person's months must be closed in order,
  in one run. People do not depend on each other, so the runs may be cut by person (see
  [`custpolicy.rules.penalties.PenaltyAccount.close_months`][]).

The rows hold no policy or account objects apart from the account a run leaves behind, only
``str``, ``int`` and ``None``, so they cross a process boundary cheaply and become a DataFrame
or a table as they are. Route people with [`custpolicy.foundation.partition.partition_of`][].
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from custpolicy.foundation.clauses import Lang
from custpolicy.foundation.explain import Lines
from custpolicy.foundation.money import Money
from custpolicy.foundation.partition import check_explain
from custpolicy.foundation.policy import Policy, PolicyBook
from custpolicy.foundation.validate import check_policy, refuse
from custpolicy.rules.penalties import PenaltyAccount

__all__ = ["PenaltyOutcome", "PenaltyRow", "PenaltyRun", "penalty_partition"]

_DEFAULT_POLICY = Policy()


# -- the monthly penalty run (P-E3.4) --------------------------------------------------------------


class PenaltyRun(NamedTuple):
    """One person's months to close in a row: the unit a penalty run is partitioned by (P-E3.4).

    Attributes:
        account: the person's account before the first month; the ``account`` of the previous
            run's outcome.
        year: the year of the first month to close.
        month: the first month to close: the account's next month (a month already closed is a
            [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError], P-E3.4).
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


# to_frame gives one row per month (a NamedTuple's class body holds fields only)
PenaltyOutcome._lines = Lines("months")  # type: ignore[attr-defined]


_ONCE = "close all of a person's months in one run, in order: each month carries into the next"
_RUN = "PenaltyRun values (account, year, month, bonuses, charges, approved)"


def _runs(value: object, where: str) -> Iterable[object]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise refuse("runs", "an iterable of PenaltyRun", value, where)
    return value


def penalty_partition(
    runs: Iterable[PenaltyRun],
    *,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    explain: Lang | None = None,
) -> Iterator[PenaltyOutcome]:
    """Close the months of every person in one partition, as compact rows (P-E3.4, C-12.2).

    Each [`PenaltyRun`][custpolicy.rules.penalties.batch.PenaltyRun] is one person's account, first
    month and months, closed in order with
    [`close_months`][custpolicy.rules.penalties.PenaltyAccount.close_months]. The outcomes stream,
    one per run in the order of ``runs``, so a progress bar can wrap them (``list(...)`` for a
    list): the arguments are checked at the call, and a bad run raises when the stream reaches it.
    The carry-over makes each month depend on the person's earlier months, so a person's months
    belong in one run: a person given twice in a partition is refused. People are independent, so
    any partition of the runs gives the same outcomes as one run over all of them. ``explain`` adds
    each month's explanation to its row. ``policy`` may be a
    [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: each month is then closed under the
    version in force on its first day (M-1.9), and its explanation opens with it.

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
    policy = check_policy(policy, where, book=True)
    lang = check_explain(explain, where)
    return _outcomes(iter(_runs(runs, where)), policy, lang, where)


def _outcomes(
    runs: Iterator[object], policy: Policy | PolicyBook, lang: Lang | None, where: str
) -> Iterator[PenaltyOutcome]:
    """The outcome of each run, in order, as the stream reaches it (P-E3.4)."""
    people: set[str] = set()
    for run in runs:
        if not (
            isinstance(run, tuple) and 4 <= len(run) <= 6 and isinstance(run[0], PenaltyAccount)
        ):
            raise refuse("runs", _RUN, run, where, must="hold")
        account: PenaltyAccount = run[0]
        if account.person in people:
            raise refuse("each person", "in one run only", account.person, where, hint=_ONCE)
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
        yield PenaltyOutcome(schedule.account, tuple(rows))
