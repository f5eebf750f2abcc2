"""The monthly cap with carry-over over columns: many people x months at once (P-E3.4, C-12.2).

- **P-E3.4** Each month, complaint deductions take at most the cap ratio (50 %) of the month's
  bonus, rounded down to the fen; the rest is carried into the next month and taken first
  there. **P-E3.1** What is deducted goes to the company. **P-E3.2** Each case on its own.
- **C-12.2** Only a charge whose reward-and-penalty notice the GM has approved is deducted; the
  others are held back, still owed, and deducted from the month their approval is given.
- **P-5.1, P-5.2, P-5.3** The month's fines are taken from the bonus first, outside the cap
  unless ``penalties.fines_count_against_cap`` counts the P-5.1 and P-5.2 fines against it;
  the P-5.3 forfeit is the whole bonus, always outside it.
- **The law** (《工資支付暫行規定》 art. 16,
  [`PRC_WAGE_RULES`][custpolicy.rules.penalties.PRC_WAGE_RULES]): given the wage, each month's
  deductions are checked against it and a conflict is reported.

The same rule as [`close_month`][custpolicy.rules.penalties.PenaltyAccount.close_month], applied to
columns: the input is a table of person-months (a mapping of numpy arrays, a pandas DataFrame, or
anything whose columns numpy can read, such as ``pyarrow.Table.to_pydict()``) with tables of
the cases charged, the approvals of cases held back before the run, and the fines; the output is
columns of the same length, in integers of minor units. Only the totals of each person-month
matter to the amounts, so they are computed with numpy: one loop over the months, each step over
every person at once. Any row turns back into the scalar
[`MonthClose`][custpolicy.rules.penalties.MonthClose], with its clauses and explanation, by closing
that one person's months with ``close_month``
([`ColumnarClose.month_close`][custpolicy.rules.penalties.columnar.ColumnarClose.month_close]).

numpy is an optional extra: ``pip install custpolicy[columnar]``. The scalar library never
imports this module.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from custpolicy.foundation.clauses import P_E3_4
from custpolicy.foundation.errors import PolicyViolationError
from custpolicy.foundation.money import Currency, Money
from custpolicy.foundation.money import currency as _currency
from custpolicy.foundation.policy import PerVersion, Policy, PolicyBook
from custpolicy.foundation.validate import check_instance, check_policy, refuse
from custpolicy.rules.penalties import (
    PRC_WAGE_RULES,
    Fine,
    MonthClose,
    PenaltyAccount,
    Sanction,
    StatutoryRules,
    check_fine,
)

Ints = Any  # a 1-D numpy array of int64 (numpy is optional: not imported for annotations)

__all__ = ["ColumnarClose", "PenaltyColumns", "close_columns", "penalty_partition_columns"]

_INSTALL = "pip install custpolicy[columnar]"
_DEFAULT_POLICY = Policy()
_INT64 = 2**63 - 1
_TABLE = "a mapping of columns (a dict of numpy arrays, a pandas DataFrame ...)"
_FLOATS = "integers (amounts in minor units): floats are inexact"
_STR = itertools.repeat(str)


def _numpy() -> Any:
    """The numpy module, or an ImportError that says how to install it."""
    try:
        import numpy
    except ImportError as error:
        raise ImportError(f"close_columns needs numpy, an optional extra: {_INSTALL}") from error
    return numpy


# -- reading columns -------------------------------------------------------------------------------


class _Table:
    """One input table: its columns by name, each read once into a 1-D numpy array."""

    def __init__(self, source: object, argument: str, where: str, required: tuple[str, ...]):
        if isinstance(source, Mapping):
            names = [str(name) for name in source]
        elif hasattr(source, "columns") and hasattr(source, "__getitem__"):  # a DataFrame
            names = [str(name) for name in source.columns]
        else:
            raise refuse(argument, _TABLE, source, where, shown=type(source).__name__)
        missing = [name for name in required if name not in names]
        if missing:
            raise refuse(
                argument,
                f"a table with the columns {list(required)}",
                names,
                where,
                hint=f"missing {missing}",
            )
        self.source, self.names, self.argument, self.where = source, names, argument, where
        np = _numpy()
        self.np = np
        first = np.asarray(self.source[required[0]])
        self.size = int(first.shape[0]) if first.ndim == 1 else -1
        if self.size < 0:
            raise refuse(f"{argument}[{required[0]!r}]", "a 1-D column", first.shape, where)

    def _raw(self, name: str) -> Any:
        column = self.np.asarray(self.source[name])
        if column.ndim != 1 or column.shape[0] != self.size:
            shape = f"shape {column.shape}"
            expect = f"a 1-D column of {self.size} rows, as long as the table's others"
            raise refuse(f"{self.argument}[{name!r}]", expect, column, self.where, shown=shape)
        return column

    def ints(
        self, name: str, *, low: int = 0, high: int = _INT64, default: int | None = None
    ) -> Ints:
        """An int64 column, each value from ``low`` to ``high``; ``default`` where it is absent."""
        np = self.np
        if name not in self.names:
            if default is None:  # pragma: no cover - the required columns are checked first
                raise AssertionError(name)
            return np.full(self.size, default, dtype=np.int64)
        column = self._raw(name)
        label = f"{self.argument}[{name!r}]"
        if not self.size:  # an empty list reads as floats
            return np.zeros(0, dtype=np.int64)
        if column.dtype.kind == "f":
            raise refuse(label, _FLOATS, column.dtype, self.where, shown=str(column.dtype))
        if column.dtype.kind not in "iu":
            raise refuse(label, "integers", column.dtype, self.where, shown=str(column.dtype))
        if column.dtype.kind == "u" and int(column.max()) > _INT64:
            bad = int(np.argmax(column > _INT64))
            raise refuse(
                f"{label}[{bad}]", f"an int from {low} to {high}", int(column[bad]), self.where
            )
        column = column.astype(np.int64, copy=False)
        out = (column < low) | (column > high)
        if out.any():
            bad = int(np.argmax(out))
            raise refuse(
                f"{label}[{bad}]", f"an int from {low} to {high}", int(column[bad]), self.where
            )
        return column

    def texts(self, name: str) -> list[str]:
        """A column of non-empty str, as a list."""
        values: list[str] = self._raw(name).tolist()
        if not (all(map(isinstance, values, _STR)) and all(values)):
            bad = next(i for i, v in enumerate(values) if not isinstance(v, str) or not v)
            raise refuse(
                f"{self.argument}[{name!r}][{bad}]", "a non-empty str", values[bad], self.where
            )
        return values


def _month_label(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}"


# -- the run ---------------------------------------------------------------------------------------


class PenaltyColumns(NamedTuple):
    """What a columnar partition gives back: plain columns only (P-E3.4).

    Attributes:
        months: one value per person-month of the input, in its order (see
            [`ColumnarClose.columns`][custpolicy.rules.penalties.columnar.ColumnarClose.columns]).
        accounts: one value per person, in order of first appearance (see
            [`ColumnarClose.accounts`][custpolicy.rules.penalties.columnar.ColumnarClose.accounts]).
    """

    months: dict[str, Any]
    accounts: dict[str, Any]


_MONTHS = ("person", "year", "month", "bonus_minor")
_CASES = ("person", "case", "year", "month", "amount_minor")
_APPROVALS = ("person", "case", "year", "month")
_FINES = ("person", "year", "month", "sanction", "amount_minor")


class ColumnarClose:
    """Many people's months closed at once, as columns (P-E3.1, P-E3.4, C-12.2).

    Built by [`close_columns`][custpolicy.rules.penalties.columnar.close_columns]. Each person-month
    of the input is one row of
    [`columns`][custpolicy.rules.penalties.columnar.ColumnarClose.columns];
    [`accounts`][custpolicy.rules.penalties.columnar.ColumnarClose.accounts] gives each person's
    account after the run, and the run itself may be passed as ``accounts=`` to
    [`close_columns`][custpolicy.rules.penalties.columnar.close_columns] to close the months that
    follow. [`month_close`][custpolicy.rules.penalties.columnar.ColumnarClose.month_close] turns a
    row back into the scalar [`MonthClose`][custpolicy.rules.penalties.MonthClose], and
    [`account`][custpolicy.rules.penalties.columnar.ColumnarClose.account] a person's account into
    the scalar [`PenaltyAccount`][custpolicy.rules.penalties.PenaltyAccount], by closing that one
    person's months again with ``close_month``; the batch is not rerun.
    """

    def __init__(self, state: dict[str, Any]) -> None:
        self._state = state

    @property
    def people(self) -> tuple[str, ...]:
        """The people of the run, in order of first appearance in the month table."""
        return tuple(self._state["people"])

    def columns(self) -> dict[str, Any]:
        """The run's result per person-month, in the input's row order (P-E3.4, C-12.2).

        ``person``, ``year``, ``month`` and ``bonus_minor`` as given; then, as int64 minor
        units: ``charged_minor`` (new charges), ``cap_minor`` (the cap), ``fines_minor`` (the
        fines taken from the bonus), ``fines_uncovered_minor`` (the part the bonus could not
        cover), ``deducted_minor`` (complaint deductions), ``carried_minor`` (carried into the
        next month on approved cases), ``held_minor`` (held back for want of an approved
        notice), ``company_receives_minor`` (deductions and fines). With wage figures, also
        ``lawful_maximum_minor``, ``over_limit`` and ``below_minimum`` (the statute's check).
        """
        return dict(self._state["columns"])

    def accounts(self) -> dict[str, Any]:
        """Each person's account after the run, one value per person (P-E3.4, C-12.2).

        ``person``; ``year`` and ``month``, the next month to close; and, as int64 minor units,
        ``imposed_minor``, ``deducted_minor``, ``carried_minor`` (owed on approved cases) and
        ``held_minor`` (owed on cases held back), so ``imposed = deducted + carried + held``.
        """
        return dict(self._state["accounts"])

    def _row_of(self, index: object) -> int:
        size = self._state["size"]
        if index.__class__ is not int or not -size <= index < size:
            raise refuse(
                "index",
                f"a row of the month table, an int from 0 to {size - 1}",
                index,
                "ColumnarClose.month_close P-E3.4",
            )
        return index % size if size else 0

    def month_close(self, index: int) -> MonthClose:
        """The scalar month close of row ``index``, with its explanation (P-E3.4, C-12.2).

        Closes that row's person's months again with ``close_month``, from the person's
        account before the run to the row's month (a person's months only, not the batch). The
        result equals what ``close_month`` gives for the same charges, approvals and fines.
        """
        row = self._row_of(index)
        person = self._state["person_of_row"][row]
        wanted = int(self._state["month_of_row"][row])
        for month_index, closed in self._replay(person):
            if month_index == wanted:
                return closed
        raise AssertionError(row)  # pragma: no cover - every row is one of its person's months

    def account(self, person: str) -> PenaltyAccount:
        """``person``'s scalar account after the run, with its open cases (P-E3.4, C-12.2).

        Closes that person's months again with ``close_month``; ``accounts()`` gives the same
        balances as columns, without it.
        """
        codes = self._state["codes"]
        if person.__class__ is not str or person not in codes:
            raise refuse("person", "a person of the run", person, "ColumnarClose.account P-E3.4")
        account: PenaltyAccount = self._state["start_account"](person)
        for _, closed in self._replay(person):
            account = closed.account
        return account

    def _charged_cases(self, person: str) -> frozenset[str]:
        """Every case charged to ``person`` up to the end of the run."""
        before: frozenset[str] = self._state["start_cases"](person)
        return before.union(self._state["cases_by_person"]().get(person, {}))

    def _replay(self, person: str) -> Iterable[tuple[int, MonthClose]]:
        """Close ``person``'s months again with ``close_month``, one MonthClose per month."""
        state = self._state
        account = state["start_account"](person)
        cur = state["currency"]
        charges, approvals, fines = (
            state["cases_by_person"]().get(person, {}),
            state["approvals_by_person"]().get(person, {}),
            state["fines_by_person"]().get(person, {}),
        )
        new: dict[int, dict[str, Money]] = {}
        approved: dict[int, set[str]] = {}
        for case, (imposed, amount, at) in charges.items():
            new.setdefault(imposed, {})[case] = Money.from_minor(amount, cur)
            if at >= 0 and (at == imposed or amount):  # a zero charge is closed when charged
                approved.setdefault(at, set()).add(case)
        for case, at in approvals.items():
            approved.setdefault(at, set()).add(case)
        for row in state["rows_by_person"]()[person]:
            month_index = int(state["month_of_row"][row])
            year, month = divmod(month_index, 12)
            bonus = Money.from_minor(int(state["bonus"][row]), cur)
            wage = minimum = None
            if state["wage"] is not None:
                wage = Money.from_minor(int(state["wage"][row]), cur)
                minimum = Money.from_minor(int(state["minimum_wage"][row]), cur)
            closed = account.close_month(
                year,
                month + 1,
                bonus,
                charges=new.get(month_index),
                approved=frozenset(approved.get(month_index, ())),
                fines=list(fines.get(month_index, ())),
                wage=wage,
                minimum_wage=minimum,
                statute=state["statute"],
                policy=state["policy"],
            )
            yield month_index, closed
            account = closed.account


def close_columns(
    months: object,
    *,
    cases: object = None,
    approvals: object = None,
    fines: object = None,
    accounts: Iterable[PenaltyAccount] | ColumnarClose | None = None,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    statute: StatutoryRules = PRC_WAGE_RULES,
    currency: Currency | str | None = None,
) -> ColumnarClose:
    """Close many people's months at once, over columns (P-E3.1, P-E3.4, C-12.2).

    ``months`` has one row per person-month: ``person`` (str), ``year``, ``month`` and
    ``bonus_minor`` (the month's bonus in minor units), and optionally ``wage_minor`` and
    ``minimum_wage_minor`` (both or neither) for the statutory check. Each person's months run
    in order without a gap, from the account's next month to close (rows may come in any
    order). ``cases`` has one row per complaint charge: ``person``, ``case``, ``year`` and
    ``month`` (the month it is charged), ``amount_minor``, and optionally ``approved_year`` and
    ``approved_month``: the close by which the GM approved its notice (C-12.2), 0 for none yet;
    a case without them is approved at its own close. ``approvals`` names the cases held back
    on an account before the run whose notice is approved at a month of the run (``person``,
    ``case``, ``year``, ``month``). ``fines`` has one row per fine: ``person``, ``year``,
    ``month``, ``sanction`` (``"warning"``, ``"minor demerit"`` or ``"major demerit"``),
    ``amount_minor``, optionally ``count`` and ``base`` (ints, 1 by default), each judged by
    [`check_fine`][custpolicy.rules.penalties.check_fine] and refused unless valid.

    ``accounts`` are the people's accounts before the run (``PenaltyAccount`` values, or an
    earlier [`ColumnarClose`][custpolicy.rules.penalties.columnar.ColumnarClose] to continue from);
    a person without one starts a new account at its first month, in ``currency`` (the policy's by
    default). ``policy`` may be a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: each
    month is closed under the version in force on its first day (M-1.9). The answers are those of
    [`close_month`][custpolicy.rules.penalties.PenaltyAccount.close_month] month after month, to the
    fen, and the same inputs are refused.

    Examples:
        >>> import numpy as np
        >>> run = close_columns(
        ...     {"person": ["Chen"] * 3, "year": [2026] * 3, "month": [2, 3, 4],
        ...      "bonus_minor": [100000, 0, 120001]},
        ...     cases={"person": ["Chen"], "case": ["260201"], "year": [2026], "month": [2],
        ...            "amount_minor": [134999]})
        >>> run.columns()["deducted_minor"].tolist(), run.columns()["carried_minor"].tolist()
        ([50000, 0, 60000], [84999, 84999, 24999])
        >>> print(run.month_close(2).explain().splitlines()[-1])
        P-E3.4 CNY 249.99 is carried into the next month
    """
    where = "close_columns P-E3.4"
    np = _numpy()
    policy = check_policy(policy, where, book=True)
    statute = check_instance(
        statute,
        "statute",
        where,
        StatutoryRules,
        expect="a StatutoryRules (such as PRC_WAGE_RULES)",
    )
    first_policy = policy.versions[0].policy if isinstance(policy, PolicyBook) else policy
    cur = first_policy.general.currency if currency is None else _currency(currency)

    table = _Table(months, "months", where, _MONTHS)
    size = table.size
    people_of_row = table.texts("person")
    years = table.ints("year", low=1, high=9999)
    months_of = table.ints("month", low=1, high=12)
    bonus = table.ints("bonus_minor")
    has_wage = "wage_minor" in table.names
    if has_wage != ("minimum_wage_minor" in table.names):
        raise refuse(
            "months",
            "a table with both wage_minor and minimum_wage_minor, or neither",
            table.names,
            where,
        )
    wage = table.ints("wage_minor") if has_wage else None
    minimum_wage = table.ints("minimum_wage_minor") if has_wage else None

    # people as codes 0..P-1, in order of first appearance
    people = list(dict.fromkeys(people_of_row))
    codes = {person: index for index, person in enumerate(people)}
    code = np.fromiter(map(codes.__getitem__, people_of_row), dtype=np.int64, count=size)
    count = len(people)
    month_index = years * 12 + (months_of - 1)  # months since 0000-01
    last_closable = 9999 * 12 + 10  # 9999-11: closing it leaves 9999-12 as the next month
    if size and int(month_index.max()) > last_closable:
        bad = int(np.argmax(month_index > last_closable))
        raise refuse(
            f"months['month'][{bad}]",
            "no month after 9999-11 (the account's next "
            "month to close would be after 9999-12, the last month there is)",
            _month_label(int(month_index[bad])),
            where,
            shown=_month_label(int(month_index[bad])),
            must="close",
        )

    # each person's months, in order, without a gap: rows sorted by person, then month
    order = np.lexsort((month_index, code))
    sorted_index = month_index[order]
    starts = np.searchsorted(code[order], np.arange(count))
    lengths = np.diff(np.append(starts, size))
    first = sorted_index[starts] if size else sorted_index
    last = first + lengths - 1
    same = code[order][1:] == code[order][:-1]
    step = np.diff(sorted_index)
    twice = same & (step == 0)
    if twice.any():
        row = int(order[int(np.argmax(twice)) + 1])
        raise PolicyViolationError(
            f"{people_of_row[row]}'s month {_month_label(int(month_index[row]))} is given twice: "
            f"a month is closed once [{where}]",
            clause=P_E3_4,
        )
    gap = same & (step != 1)
    if gap.any():
        row = int(order[int(np.argmax(gap)) + 1])
        expected = _month_label(int(sorted_index[int(np.argmax(gap))]) + 1)
        raise refuse(
            f"months['month'][{row}]",
            f"{people_of_row[row]}'s next month, {expected}",
            _month_label(int(month_index[row])),
            where,
            shown=_month_label(int(month_index[row])),
            hint="months are closed in order, none skipped (close a month with no "
            "bonus with a zero bonus)",
        )
    # position of a (person code, month index) among the sorted rows, or -1 outside the run
    position: Callable[[Ints, Ints], Ints] = lambda c, m: np.where(  # noqa: E731
        (m >= first[c]) & (m <= last[c]), starts[c] + (m - first[c]), -1
    )

    # the accounts before the run
    carried0 = np.zeros(count, dtype=np.int64)
    held0 = np.zeros(count, dtype=np.int64)
    imposed0 = np.zeros(count, dtype=np.int64)
    deducted0 = np.zeros(count, dtype=np.int64)
    start_accounts: dict[str, PenaltyAccount] = {}
    previous: ColumnarClose | None = None
    if isinstance(accounts, ColumnarClose):
        previous = accounts
        state = previous.accounts()
        for index, person in enumerate(state["person"]):
            at = codes.get(person)
            if at is None:
                continue
            next_index = int(state["year"][index]) * 12 + int(state["month"][index]) - 1
            _check_first(person, int(first[at]), next_index, where)
            carried0[at] = state["carried_minor"][index]
            held0[at] = state["held_minor"][index]
            imposed0[at] = state["imposed_minor"][index]
            deducted0[at] = state["deducted_minor"][index]
        if previous._state["currency"] != cur:
            raise refuse(
                "accounts", f"a run in {cur.code}", previous._state["currency"].code, where
            )
    elif accounts is not None:
        if isinstance(accounts, (str, bytes, Mapping)) or not isinstance(accounts, Iterable):
            raise refuse(
                "accounts", "None, PenaltyAccount values or a ColumnarClose", accounts, where
            )
        for account in accounts:
            check_instance(
                account, "accounts", where, PenaltyAccount, expect="PenaltyAccount values"
            )
            if account.person in start_accounts:
                raise refuse("accounts", "one per person", account.person, where)
            if account.currency != cur:
                raise refuse(
                    f"the account of {account.person}",
                    f"in {cur.code}",
                    account.currency.code,
                    where,
                )
            start_accounts[account.person] = account
            at = codes.get(account.person)
            if at is None:
                continue
            _check_first(
                account.person,
                int(first[at]),
                account.year * 12 + account.month - 1,
                where,
            )
            held = account.held_back.minor
            held0[at] = held
            carried0[at] = account.outstanding.minor - held
            imposed0[at] = account.imposed.minor
            deducted0[at] = account.deducted.minor

    def start_account(person: str) -> PenaltyAccount:
        if previous is not None and person in previous._state["codes"]:
            return previous.account(person)
        found = start_accounts.get(person)
        if found is not None:
            return found
        index = int(first[codes[person]])
        return PenaltyAccount.start(person, index // 12, index % 12 + 1, cur)

    def start_cases(person: str) -> frozenset[str]:
        if previous is not None and person in previous._state["codes"]:
            return previous._charged_cases(person)
        found = start_accounts.get(person)
        return found.cases if found is not None else frozenset()

    # the month's policy version: its cap ratio and whether fines count against the cap
    versions = PerVersion(policy, lambda p, v: (p, v))
    low = int(month_index.min()) if size else 0
    seen_months = np.bincount(month_index - low) if size else month_index
    distinct = np.flatnonzero(seen_months) + low
    inverse = np.cumsum(seen_months > 0)[month_index - low] - 1 if size else month_index
    ratios = []
    policies: dict[int, Policy] = {}
    for index in distinct.tolist():
        version_policy, _ = versions.on(date(index // 12, index % 12 + 1, 1))
        policies[index] = version_policy
        ratios.append(version_policy.penalties.monthly_cap_ratio.as_integer_ratio())
    numerators = np.array([n for n, _ in ratios], dtype=object)
    denominators = np.array([d for _, d in ratios], dtype=object)

    # the month's totals, in the input's row order
    charged = np.zeros(size, dtype=np.int64)
    held_new = np.zeros(size, dtype=np.int64)
    released = np.zeros(size, dtype=np.int64)
    fines_total = np.zeros(size, dtype=np.int64)
    counted = np.zeros(size, dtype=np.int64)
    case_rows: tuple[Any, ...] = ()  # the case table's columns, for the replay
    if cases is not None:
        case_table = _Table(cases, "cases", where, _CASES)
        case_people = case_table.texts("person")
        case_ids = case_table.texts("case")
        imposed_at = case_table.ints("year", low=1, high=9999) * 12 + (
            case_table.ints("month", low=1, high=12) - 1
        )
        amounts = case_table.ints("amount_minor")
        approved_year = case_table.ints("approved_year", high=9999, default=-1)
        approved_month = case_table.ints("approved_month", high=12, default=-1)
        approved_at = np.where(
            approved_year < 0,
            imposed_at,
            np.where(approved_year == 0, -1, approved_year * 12 + approved_month - 1),
        )
        bad = (approved_year > 0) & ((approved_month < 1) | (approved_at < imposed_at))
        bad |= (approved_year == 0) & (approved_month > 0)
        if bad.any():
            at = int(np.argmax(bad))
            raise refuse(
                f"cases['approved_month'][{at}]",
                "a month from the case's own, or "
                "approved_year 0 and approved_month 0 for no approval yet",
                (int(approved_year[at]), int(approved_month[at])),
                where + " C-12.2",
            )
        case_code = _codes_of(case_people, codes, "cases", where, np)
        rows = position(case_code, imposed_at)
        if (rows < 0).any():
            at = int(np.argmax(rows < 0))
            raise refuse(
                f"cases['month'][{at}]",
                f"a month of {case_people[at]}'s run",
                _month_label(int(imposed_at[at])),
                where,
                shown=_month_label(int(imposed_at[at])),
            )
        twice_at = _twice(case_code, case_ids, np)
        if twice_at >= 0:
            raise PolicyViolationError(
                f"case {case_ids[twice_at]!r} is given twice for {case_people[twice_at]}: a case "
                "is charged "
                f"once [{where}]",
                clause=P_E3_4,
            )
        if start_accounts or previous is not None:
            for person, case in zip(case_people, case_ids, strict=True):
                if case in start_cases(person):
                    raise PolicyViolationError(
                        f"case {case!r} is already charged to {person}'s account: a case is "
                        f"charged once, nothing was charged again [{where}]",
                        clause=P_E3_4,
                    )
        approval_rows = position(case_code, np.where(approved_at < 0, 0, approved_at))
        approval_rows = np.where(approved_at < 0, -1, approval_rows)
        np.add.at(charged, order[rows], amounts)
        later = approval_rows != rows
        np.add.at(held_new, order[rows[later]], amounts[later])
        released_now = later & (approval_rows >= 0)
        np.add.at(released, order[approval_rows[released_now]], amounts[released_now])
        case_rows = (case_people, case_ids, imposed_at, amounts, approved_at)
    if approvals is not None:
        table_a = _Table(approvals, "approvals", where, _APPROVALS)
        a_people = table_a.texts("person")
        a_cases = table_a.texts("case")
        a_at = table_a.ints("year", low=1, high=9999) * 12 + (
            table_a.ints("month", low=1, high=12) - 1
        )
        a_code = _codes_of(a_people, codes, "approvals", where, np)
        a_rows = position(a_code, a_at)
        approval_pairs: set[tuple[str, str]] = set()
        for at, (person, case) in enumerate(zip(a_people, a_cases, strict=True)):
            if a_rows[at] < 0:
                raise refuse(
                    f"approvals['month'][{at}]",
                    f"a month of {person}'s run",
                    _month_label(int(a_at[at])),
                    where + " C-12.2",
                    shown=_month_label(int(a_at[at])),
                )
            held_case = {
                c.case: c.outstanding.minor
                for c in start_account(person).open_cases
                if not c.approved
            }
            if case not in held_case or (person, case) in approval_pairs:
                raise refuse(
                    f"approvals['case'][{at}]",
                    f"a case held back on {person}'s account "
                    "before the run, approved once (approve the run's own cases in "
                    "cases['approved_year'], cases['approved_month'])",
                    case,
                    where + " C-12.2",
                )
            approval_pairs.add((person, case))
            released[order[a_rows[at]]] += held_case[case]
        approval_rows_list = list(zip(a_people, a_cases, a_at.tolist(), strict=True))
    else:
        approval_rows_list = []
    fine_rows: list[tuple[str, int, Fine]] = []
    if fines is not None:
        table_f = _Table(fines, "fines", where, _FINES)
        f_people = table_f.texts("person")
        f_at = table_f.ints("year", low=1, high=9999) * 12 + (
            table_f.ints("month", low=1, high=12) - 1
        )
        sanctions = table_f.texts("sanction")
        f_amounts = table_f.ints("amount_minor").tolist()
        f_counts = table_f.ints("count", low=1, default=1).tolist()
        f_bases = table_f.ints("base", low=1, default=1).tolist()
        f_code = _codes_of(f_people, codes, "fines", where, np)
        f_rows = position(f_code, f_at)
        for at in range(table_f.size):
            row = int(f_rows[at])
            if row >= 0:
                row = int(order[row])
            if row < 0:
                raise refuse(
                    f"fines['month'][{at}]",
                    f"a month of {f_people[at]}'s run",
                    _month_label(int(f_at[at])),
                    where,
                    shown=_month_label(int(f_at[at])),
                )
            sanction = _sanction(sanctions[at], at, where)
            month_policy = policies[int(month_index[row])]
            fine = check_fine(
                sanction,
                amount=Money.from_minor(f_amounts[at], cur),
                count=f_counts[at],
                base=f_bases[at],
                bonus=Money.from_minor(int(bonus[row]), cur),
                policy=month_policy,
            )
            if not fine.valid:
                below = (
                    f"{fine.amount} for a {fine.sanction.value} below its minimum {fine.minimum}"
                )
                if sanction is Sanction.MAJOR_DEMERIT:
                    below = f"{fine.amount}, not the month's whole bonus {fine.minimum}"
                raise refuse(f"fines[{at}]", "valid", fine, where + " P-5", shown=below)
            fines_total[row] += f_amounts[at]
            if (
                month_policy.penalties.fines_count_against_cap
                and sanction is not Sanction.MAJOR_DEMERIT
            ):
                counted[row] += f_amounts[at]
            fine_rows.append((f_people[at], int(f_at[at]), fine))

    # the step of close_month on whole columns: cap, fines, room (P-E3.4, P-5)
    b = bonus
    if size and int(b.max()) * max(numerators.tolist()) > _INT64:
        cap = (b.astype(object) * numerators[inverse] // denominators[inverse]).astype(np.int64)
    else:
        cap = b * numerators.astype(np.int64)[inverse] // denominators.astype(np.int64)[inverse]
    fines_taken = np.minimum(fines_total, b)
    counted = np.minimum(counted, fines_taken)
    room = np.minimum(b - fines_taken, np.maximum(cap - counted, 0))
    inflow = charged - held_new + released
    sorted_charged = charged[order]
    _check_fits(imposed0, sorted_charged, starts, where, np)
    # C-12.2: what is held back is held in full, so its running total needs no loop
    held = (held_new - released)[order]
    held = np.cumsum(held) if size else held
    group_before = np.where(starts > 0, held[np.maximum(starts - 1, 0)], 0) if size else held
    held = held - np.repeat(group_before, lengths) + np.repeat(held0, lengths)
    # P-E3.4: carried in, then the month's approved charges, taken within the room; a loop over
    # each person's k-th month, over every person at once
    deducted = np.zeros(size, dtype=np.int64)
    carried = np.zeros(size, dtype=np.int64)
    balance = carried0.copy()
    by_length = np.argsort(-lengths, kind="stable")
    longest = int(lengths.max()) if count else 0
    descending = -lengths[by_length]
    for k in range(longest):
        active = by_length[: int(np.searchsorted(descending, -k, side="left"))]
        at = order[starts[active] + k]
        now = balance[active] + inflow[at]
        take = np.minimum(room[at], now)
        now -= take
        balance[active] = now
        deducted[at] = take
        carried[at] = now

    unsorted_held = np.empty_like(held)
    unsorted_held[order] = held

    columns: dict[str, Any] = {
        "person": table._raw("person"),
        "year": years,
        "month": months_of,
        "bonus_minor": bonus,
        "charged_minor": charged,
        "cap_minor": cap,
        "fines_minor": fines_taken,
        "fines_uncovered_minor": fines_total - fines_taken,
        "deducted_minor": deducted,
        "carried_minor": carried,
        "held_minor": unsorted_held,
        "company_receives_minor": deducted + fines_taken,
    }
    if wage is not None and minimum_wage is not None:
        numerator, denominator = statute.loss_deduction_ratio.as_integer_ratio()
        limit = wage * numerator // denominator
        lawful = np.maximum(0, np.minimum(limit, wage - minimum_wage))
        columns["lawful_maximum_minor"] = lawful
        columns["over_limit"] = columns["deducted_minor"] > limit
        columns["below_minimum"] = (
            wage - columns["deducted_minor"] - columns["fines_minor"] < minimum_wage
        )
    ends = starts + lengths - 1
    next_index = last + 1
    totals_charged = np.add.reduceat(sorted_charged, starts) if size else charged
    totals_deducted = np.add.reduceat(deducted[order], starts) if size else deducted
    account_columns = {
        "person": np.array(people, dtype=object),
        "year": next_index // 12,
        "month": next_index % 12 + 1,
        "imposed_minor": imposed0 + totals_charged,
        "deducted_minor": deducted0 + totals_deducted,
        "carried_minor": carried[order[ends]] if size else carried,
        "held_minor": held[ends] if size else held,
    }

    def by_person_rows() -> dict[str, list[int]]:
        return {people[c]: order[starts[c] : starts[c] + lengths[c]].tolist() for c in range(count)}

    def by_person_cases() -> dict[str, dict[str, tuple[int, int, int]]]:
        found: dict[str, dict[str, tuple[int, int, int]]] = {}
        if not case_rows:
            return found
        people_of_case, ids, imposed_at, amounts, approved_at = case_rows
        for person, case, imposed, amount, at in zip(
            people_of_case,
            ids,
            imposed_at.tolist(),
            amounts.tolist(),
            approved_at.tolist(),
            strict=True,
        ):
            found.setdefault(person, {})[case] = (imposed, amount, at)
        return found

    def by_person_approvals() -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for person, case, at in approval_rows_list:
            found.setdefault(person, {})[case] = at
        return found

    def by_person_fines() -> dict[str, dict[int, list[Fine]]]:
        found: dict[str, dict[int, list[Fine]]] = {}
        for person, at, fine in fine_rows:
            found.setdefault(person, {}).setdefault(at, []).append(fine)
        return found

    return ColumnarClose(
        {
            "people": people,
            "codes": codes,
            "size": size,
            "columns": columns,
            "accounts": account_columns,
            "person_of_row": people_of_row,
            "month_of_row": month_index,
            "bonus": bonus,
            "wage": wage,
            "minimum_wage": minimum_wage,
            "currency": cur,
            "policy": policy,
            "statute": statute,
            "start_account": start_account,
            "start_cases": start_cases,
            "rows_by_person": _once(by_person_rows),
            "cases_by_person": _once(by_person_cases),
            "approvals_by_person": _once(by_person_approvals),
            "fines_by_person": _once(by_person_fines),
        }
    )


def _once(build: Callable[[], Any]) -> Callable[[], Any]:
    """``build()`` on the first call, its result kept for the next ones."""
    kept: list[Any] = []

    def get() -> Any:
        if not kept:
            kept.append(build())
        return kept[0]

    return get


def _twice(codes: Ints, ids: list[str], np: Any) -> int:
    """The row of the first (person, case) pair given twice, or -1 (a case is charged once).

    Sorted by a key of the person and the case's hash, so that only rows with equal keys are
    compared as text: a pair given twice always has equal keys.
    """
    keys = np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids))
    keys ^= codes * 1_000_003
    order = np.argsort(keys)
    suspects = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    rows = sorted(set(order[suspects].tolist()) | set(order[suspects + 1].tolist()))
    first: dict[tuple[int, str], int] = {}
    twice = []
    for row in rows:  # in row order, so the later row of a pair is the one given twice
        key = (int(codes[row]), ids[row])
        if key in first:
            twice.append(row)
        first.setdefault(key, row)
    return min(twice, default=-1)


def _codes_of(people: list[str], codes: dict[str, int], argument: str, where: str, np: Any) -> Ints:
    """The person codes of another table's rows; each person must have months in the run."""
    try:
        return np.fromiter(map(codes.__getitem__, people), dtype=np.int64, count=len(people))
    except KeyError as error:
        person = error.args[0]
        at = people.index(person)
        raise refuse(
            f"{argument}['person'][{at}]", "a person of the month table", person, where
        ) from None


def _sanction(value: str, at: int, where: str) -> Sanction:
    for sanction in Sanction:
        if sanction.value == value:
            return sanction
    expect = "one of " + ", ".join(repr(s.value) for s in Sanction)
    raise refuse(f"fines['sanction'][{at}]", expect, value, where + " P-5")


def _check_first(person: str, first: int, next_index: int, where: str) -> None:
    """Refuse a person's first month unless it is the account's next month to close (P-E3.4)."""
    if first == next_index:
        return
    name = _month_label(first)
    if first < next_index:
        closed = _month_label(next_index - 1)
        raise PolicyViolationError(
            f"{person}'s month {name} is already closed (the account's last closed month is "
            f"{closed}): a month is closed once, nothing was charged again [{where}]",
            clause=P_E3_4,
        )
    next_one = f"{person}'s account's next month to close, {_month_label(next_index)}"
    raise refuse(
        "months['month']",
        next_one,
        name,
        where,
        shown=name,
        hint="months are closed in order, none skipped (close a month with no bonus "
        "with a zero bonus)",
    )


def _check_fits(imposed: Ints, charged: Ints, starts: Ints, where: str, np: Any) -> None:
    """Refuse charges whose running totals would not fit in 64-bit integers of minor units."""
    if not charged.size:
        return
    bound = int(imposed.max()) + int(charged.max()) * int(charged.size)
    if bound <= _INT64:
        return
    exact = [int(i) for i in imposed]
    for code, start in enumerate(starts.tolist()):
        end = int(starts[code + 1]) if code + 1 < len(starts) else int(charged.size)
        total = exact[code] + sum(int(v) for v in charged[start:end].tolist())
        if total > _INT64:
            raise refuse(
                "cases['amount_minor']",
                f"charges whose total on an account fits in 64 bits ({_INT64} minor units)",
                total,
                where,
            )


def penalty_partition_columns(
    months: object,
    *,
    cases: object = None,
    approvals: object = None,
    fines: object = None,
    accounts: Iterable[PenaltyAccount] | None = None,
    policy: Policy | PolicyBook = _DEFAULT_POLICY,
    statute: StatutoryRules = PRC_WAGE_RULES,
    currency: Currency | str | None = None,
) -> PenaltyColumns:
    """Close one partition of people's months over columns, for scale-out (P-E3.4, C-12.2).

    The columnar sibling of
    [`penalty_partition`][custpolicy.rules.penalties.batch.penalty_partition]: the same arguments as
    [`close_columns`][custpolicy.rules.penalties.columnar.close_columns], and only columns back
    (numpy arrays), which pickle cheaply across processes. All of a person's months belong in one
    partition.

    Examples:
        >>> out = penalty_partition_columns(
        ...     {"person": ["Chen", "Lin"], "year": [2026, 2026], "month": [2, 2],
        ...      "bonus_minor": [100000, 80000]},
        ...     cases={"person": ["Chen"], "case": ["260201"], "year": [2026], "month": [2],
        ...            "amount_minor": [134999]})
        >>> out.months["deducted_minor"].tolist(), out.accounts["carried_minor"].tolist()
        ([50000, 0], [84999, 0])
    """
    run = close_columns(
        months,
        cases=cases,
        approvals=approvals,
        fines=fines,
        accounts=accounts,
        policy=policy,
        statute=statute,
        currency=currency,
    )
    return PenaltyColumns(run.columns(), run.accounts())
