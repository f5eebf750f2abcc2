"""Penalties: administrative fines, and complaint deductions under a monthly cap (通用3).

The clauses this module encodes, in our own words:

- **P-5.1** A warning is fined at least 400 per warning. **P-5.2** A minor demerit is fined at
  least 800 per base unit. **P-5.3** A major demerit, or worse, forfeits the whole month's
  performance bonus; it is an administrative penalty and sits outside the cap below.
- **P-E3.1** Complaint deductions come out of the person's performance bonus and go to the
  company. **P-E3.2** Each case is deducted on its own.
- **P-E3.4** In any month, complaint deductions take at most 50 % of that month's bonus
  (rounded down to the fen, so the cap is never exceeded); the rest is carried over and taken
  month by month, each month within its own cap.

The law sits above the company rule: 《工資支付暫行規定》 art. 16 limits a monthly deduction for
losses to 20 % of the month's wage, and the wage left may not fall below the local minimum
wage. Given the wage figures, a deduction the company rule allows but the law does not is
reported as a conflict; the company's figure is not silently changed.

Examples:
    >>> from custpolicy.money import Money
    >>> account = PenaltyAccount.start("Chen", 2026, 1)
    >>> closed = account.close_month(
    ...     Money("1000.00", "CNY"), charges={"260101": Money("800.00", "CNY")})
    >>> closed.deducted, closed.carried
    (Money('500.00', 'CNY'), Money('300.00', 'CNY'))
    >>> closed.account.close_month(Money("1000.00", "CNY")).deducted
    Money('300.00', 'CNY')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from custpolicy.checks import check_policy as _check_policy
from custpolicy.clauses import P_5_1, P_5_2, P_5_3, P_E3_1, P_E3_2, P_E3_4
from custpolicy.errors import CurrencyMismatchError, InvalidInputError
from custpolicy.explain import Choice, Explained, Reason
from custpolicy.money import Currency, Money, _check_magnitude, _make, currency
from custpolicy.policy import Policy

__all__ = [
    "Fine",
    "MonthClose",
    "OpenCase",
    "PenaltyAccount",
    "Sanction",
    "Schedule",
    "StatutoryCheck",
    "check_fine",
    "statutory_check",
]

_DEFAULT_POLICY = Policy()
_FLOAT_HINT = "use Decimal or str: floats are inexact"
_STATUTE_EN = "《工資支付暫行規定》 (Provisional Regulations on Wage Payment) art. 16"
_STATUTE_ZH = "《工資支付暫行規定》第16條"


def _check_money(value: object, argument: str, where: str, cur: Currency | None = None) -> Money:
    if not isinstance(value, Money):
        hint = f": {_FLOAT_HINT}" if isinstance(value, float) else ""
        raise InvalidInputError(f"{argument} must be Money, got {value!r}{hint} [{where}]")
    if value.minor < 0:
        raise InvalidInputError(f"{argument} must not be negative, got {value!r} [{where}]")
    if cur is not None and value.currency is not cur and value.currency != cur:
        raise CurrencyMismatchError(f"{argument} must be in {cur.code}, got {value!r} [{where}]")
    return value


def _check_charges(value: object, argument: str, where: str) -> None:
    """A month's charges: ``None``, or a mapping of case identifier to Money (checked later)."""
    if value is not None and value.__class__ is not dict and not isinstance(value, Mapping):
        raise InvalidInputError(
            f"{argument} must map case identifiers to Money, got {value!r} [{where}]"
        )


def _check_count(value: object, argument: str, where: str) -> int:
    if value.__class__ is not int or value < 1:
        raise InvalidInputError(f"{argument} must be an int of at least 1, got {value!r} [{where}]")
    return value


# -- P-5: administrative fines ------------------------------------------------------------------


class Sanction(Choice):
    """The administrative penalties of P-5."""

    WARNING = "warning"
    MINOR_DEMERIT = "minor demerit"
    MAJOR_DEMERIT = "major demerit"


Sanction._labels = {
    Sanction.WARNING: ("warning", "警告"),
    Sanction.MINOR_DEMERIT: ("minor demerit", "小過"),
    Sanction.MAJOR_DEMERIT: ("major demerit or worse", "大過以上"),
}


@attrs.frozen
class Fine(Explained):
    """A proposed administrative fine judged against its minimum (P-5.1, P-5.2, P-5.3).

    Attributes:
        sanction: the penalty.
        count: how many warnings or demerits.
        base: the person's base (基數) for a minor demerit; 1 otherwise.
        minimum: the least fine the policy allows (for a major demerit, the whole bonus).
        amount: the fine: the proposed amount, or the minimum when none was proposed.
        valid: whether the amount meets the rule.
        reasons: the explanation.
    """

    sanction: Sanction
    count: int
    base: Decimal | int
    minimum: Money
    amount: Money
    valid: bool
    reasons: tuple[Reason, ...] = attrs.field(repr=False)

    @property
    def outside_cap(self) -> bool:
        """Administrative fines sit outside the P-E3.4 cap of complaint deductions."""
        return True


def check_fine(
    sanction: Sanction,
    *,
    amount: Money | None = None,
    count: int = 1,
    base: Decimal | int = 1,
    bonus: Money | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Fine:
    """Judge a proposed fine against its minimum (P-5.1, P-5.2, P-5.3).

    - Warning: at least ``policy.penalties.warning_minimum`` x ``count``.
    - Minor demerit: at least ``policy.penalties.minor_demerit_minimum`` x ``count`` x
      ``base`` (the person's base, 基數; a Decimal product is rounded half-up to the fen).
    - Major demerit or worse: the whole month's ``bonus``, which the caller must give; any
      other amount is not valid. It sits outside the P-E3.4 cap. For a warning or a minor
      demerit a ``bonus``, if given, is checked like any amount and not used.

    With no ``amount``, the fine is the minimum. An amount below the minimum is a refusal
    (``valid`` is ``False``), explained. Judge under ``book.in_force(event_date).policy``.

    Examples:
        >>> fine = check_fine(Sanction.WARNING, amount=Money("300.00", "CNY"))
        >>> fine.valid
        False
        >>> print(fine.explain())
        P-5.1 warning x 1: the fine must be at least CNY 400.00 x 1 = CNY 400.00
        P-5.1 the proposed CNY 300.00 is below the minimum CNY 400.00: not valid
    """
    where = "check_fine P-5"
    policy = _check_policy(policy, where)
    if not isinstance(sanction, Sanction):
        raise InvalidInputError(f"sanction must be a Sanction, got {sanction!r} [{where}]")
    count = _check_count(count, "count", where)
    clause = {
        Sanction.WARNING: P_5_1,
        Sanction.MINOR_DEMERIT: P_5_2,
        Sanction.MAJOR_DEMERIT: P_5_3,
    }[sanction]
    where = f"check_fine {clause.id}"
    if base.__class__ is not int and not (isinstance(base, Decimal) and base.is_finite()):
        hint = f": {_FLOAT_HINT}" if isinstance(base, float) else ""
        raise InvalidInputError(f"base must be a Decimal or an int, got {base!r}{hint} [{where}]")
    if base <= 0:
        raise InvalidInputError(f"base must be positive, got {base!r} [{where}]")
    _check_magnitude(base, "base", where)
    if sanction is not Sanction.MINOR_DEMERIT and base != 1:
        raise InvalidInputError(
            f"base applies only to a minor demerit, got base {base!r} for a {sanction.value} "
            f"[{where}]"
        )
    cur = policy.general.currency
    if bonus is not None:
        bonus = _check_money(bonus, "bonus", where, cur)
    reasons: list[Reason] = []
    if sanction is Sanction.MAJOR_DEMERIT:
        if bonus is None:
            raise InvalidInputError(
                f"bonus must be given: a {sanction.value} forfeits the month's bonus [{where}]"
            )
        minimum = bonus
        reasons.append(
            Reason.of(
                "fine.major",
                clause,
                en="major demerit or worse (x {count}): the whole month's bonus, {bonus}, is "
                "forfeited, outside the 50 % cap of complaint deductions",
                zh="大過以上({count}次):當月效益獎金{bonus}全額罰扣,不受投訴罰扣50%上限限制",
                count=count,
                bonus=minimum,
            )
        )
    else:
        per = (
            policy.penalties.warning_minimum
            if sanction is Sanction.WARNING
            else policy.penalties.minor_demerit_minimum
        )
        minimum = per * count * base if base != 1 else per * count
        reasons.append(
            Reason.of(
                "fine.minimum",
                clause,
                en="{sanction} x {count}: the fine must be at least {per} x {count}"
                + (" x base {base}" if sanction is Sanction.MINOR_DEMERIT else "")
                + " = {minimum}",
                zh="{sanction}{count}次:罰扣至少{per} × {count}"
                + (" × 基數{base}" if sanction is Sanction.MINOR_DEMERIT else "")
                + " = {minimum}",
                sanction=sanction,
                count=count,
                per=per,
                base=base,
                minimum=minimum,
            )
        )
    if amount is None:
        return Fine(sanction, count, base, minimum, minimum, True, tuple(reasons))
    proposed = _check_money(amount, "amount", where, cur)
    if sanction is Sanction.MAJOR_DEMERIT:
        valid = proposed == minimum
        reasons.append(
            Reason.of(
                "fine.major_amount",
                clause,
                en="the proposed {amount} "
                + ("is the whole bonus: valid" if valid else "is not the whole bonus: not valid"),
                zh="擬罰扣{amount}" + ("即全額獎金:有效" if valid else "並非全額獎金:無效"),
                amount=proposed,
            )
        )
    else:
        valid = proposed >= minimum
        reasons.append(
            Reason.of(
                "fine.amount",
                clause,
                en="the proposed {amount} is "
                + ("at least" if valid else "below")
                + " the minimum {minimum}: "
                + ("valid" if valid else "not valid"),
                zh="擬罰扣{amount}"
                + ("不低於" if valid else "低於")
                + "最低額{minimum}:"
                + ("有效" if valid else "無效"),
                amount=proposed,
                minimum=minimum,
            )
        )
    return Fine(sanction, count, base, minimum, proposed, valid, tuple(reasons))


# -- the statutory guard ------------------------------------------------------------------------


@attrs.frozen
class StatutoryCheck(Explained):
    """A month's loss deduction checked against 《工資支付暫行規定》 art. 16.

    Attributes:
        deduction: what the company rule deducts for losses this month.
        wage: the person's wage for the month.
        limit: the most the law allows: wage x ``statutory_deduction_ratio``, rounded down.
        minimum_wage: the local monthly minimum wage.
        wage_left: the wage after the deduction.
        over_limit: the deduction exceeds the limit.
        below_minimum: the wage left is below the minimum wage.
        reasons: the explanation.
    """

    deduction: Money
    wage: Money
    limit: Money
    minimum_wage: Money
    wage_left: Money
    over_limit: bool
    below_minimum: bool
    reasons: tuple[Reason, ...] = attrs.field(repr=False)

    @property
    def conflict(self) -> bool:
        """Whether the company rule's deduction conflicts with the law."""
        return self.over_limit or self.below_minimum


def statutory_check(
    deduction: Money,
    *,
    wage: Money,
    minimum_wage: Money,
    policy: Policy = _DEFAULT_POLICY,
) -> StatutoryCheck:
    """Report a loss deduction the law does not allow, without changing it (P-E3.4).

    《工資支付暫行規定》 art. 16: a month's deduction for losses the worker caused may not exceed
    ``policy.penalties.statutory_deduction_ratio`` (20 %) of that month's wage, and the wage
    left may not fall below the local minimum wage. Both figures are shown.

    Examples:
        >>> check = statutory_check(
        ...     Money("900.00", "CNY"), wage=Money("4000.00", "CNY"),
        ...     minimum_wage=Money("2490.00", "CNY"))
        >>> check.conflict
        True
        >>> print(check.explain())  # doctest: +NORMALIZE_WHITESPACE
        P-E3.4 the company rule deducts CNY 900.00 for losses this month; 《工資支付暫行規定》 \
(Provisional Regulations on Wage Payment) art. 16 allows at most 20 % of the wage CNY 4,000.00 \
= CNY 800.00: conflict, the deduction exceeds the legal limit by CNY 100.00
        P-E3.4 the wage left, CNY 3,100.00, is not below the local minimum wage CNY 2,490.00
    """
    where = "statutory_check P-E3.4"
    policy = _check_policy(policy, where)
    deducted = _check_money(deduction, "deduction", where)
    cur = deducted.currency
    pay = _check_money(wage, "wage", where, cur)
    floor_wage = _check_money(minimum_wage, "minimum_wage", where, cur)
    return _statutory(deducted, pay, floor_wage, policy.penalties.statutory_deduction_ratio)


def _statutory(
    deduction: Money, wage: Money, minimum_wage: Money, ratio: Decimal
) -> StatutoryCheck:
    numerator, denominator = ratio.as_integer_ratio()
    limit = Money.from_minor(wage.minor * numerator // denominator, wage.currency)
    left = wage - deduction
    over = deduction.minor > limit.minor
    below = left.minor < minimum_wage.minor
    percent = f"{ratio * 100:f}".rstrip("0").rstrip(".")
    first = Reason.of(
        "statutory.limit",
        P_E3_4,
        en="the company rule deducts {deduction} for losses this month; {statute} allows at most "
        "{percent} % of the wage {wage} = {limit}: "
        + (
            "conflict, the deduction exceeds the legal limit by {excess}"
            if over
            else "within the legal limit"
        ),
        zh="依公司制度本月罰扣損失{deduction};{statute_zh}規定每月扣除不得超過工資{wage}的"
        "{percent}%,即{limit}:" + ("抵觸,超出法定上限{excess}" if over else "未超出法定上限"),
        deduction=deduction,
        statute=_STATUTE_EN,
        statute_zh=_STATUTE_ZH,
        percent=percent,
        wage=wage,
        limit=limit,
        excess=deduction - limit,
    )
    second = Reason.of(
        "statutory.minimum",
        P_E3_4,
        en="the wage left, {left}, is "
        + ("below" if below else "not below")
        + " the local minimum wage {minimum}"
        + (": conflict with {statute}" if below else ""),
        zh="扣除後剩餘工資{left}"
        + ("低於" if below else "不低於")
        + "當地最低工資{minimum}"
        + (",與{statute_zh}抵觸" if below else ""),
        left=left,
        minimum=minimum_wage,
        statute=_STATUTE_EN,
        statute_zh=_STATUTE_ZH,
    )
    return StatutoryCheck(deduction, wage, limit, minimum_wage, left, over, below, (first, second))


# -- P-E3.4: the penalty account -----------------------------------------------------------------


@attrs.frozen
class OpenCase:
    """A complaint charge not yet fully deducted (P-E3.2: each case on its own).

    Attributes:
        case: the case's identifier.
        year: the year the charge was imposed.
        month: the month the charge was imposed.
        amount: the charge as imposed.
        outstanding: what is still to be deducted.
    """

    case: str
    year: int
    month: int
    amount: Money
    outstanding: Money

    def __attrs_post_init__(self) -> None:
        # The library builds its own OpenCases without this check (see _open_case).
        where = "OpenCase P-E3.2"
        if not isinstance(self.case, str) or not self.case.strip():
            raise InvalidInputError(f"case must be a non-empty str, got {self.case!r} [{where}]")
        _check_month(self.year, self.month, where)
        cur = _check_money(self.amount, "amount", where).currency
        _check_money(self.outstanding, "outstanding", where, cur)
        if self.outstanding.minor > self.amount.minor:
            raise InvalidInputError(
                f"outstanding must not exceed the amount {self.amount}, got {self.outstanding} "
                f"[{where}]"
            )


def _month_name(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _check_month(year: object, month: object, where: str) -> tuple[int, int]:
    if year.__class__ is not int or not 1 <= year <= 9999:
        raise InvalidInputError(f"year must be an int from 1 to 9999, got {year!r} [{where}]")
    if month.__class__ is not int or not 1 <= month <= 12:
        raise InvalidInputError(f"month must be an int from 1 to 12, got {month!r} [{where}]")
    return year, month


@attrs.frozen
class PenaltyAccount:
    """One person's complaint charges over the months, as a value (P-E3.1, P-E3.4).

    Start one with :meth:`start`; :meth:`close_month` closes the account's current month and
    returns a :class:`MonthClose` whose ``account`` is the state for the next month.

    Attributes:
        person: whose account it is.
        year: the year of the next month to close.
        month: the next month to close.
        open_cases: the charges not yet fully deducted, oldest first (by month imposed, then
            by case identifier).
        imposed: everything ever charged to the account.
        deducted: everything ever deducted from it.
    """

    person: str
    year: int
    month: int
    open_cases: tuple[OpenCase, ...]
    imposed: Money
    deducted: Money

    def __attrs_post_init__(self) -> None:
        where = "PenaltyAccount P-E3.4"
        if not isinstance(self.person, str) or not self.person.strip():
            raise InvalidInputError(
                f"person must be a non-empty str, got {self.person!r} [{where}]"
            )
        _check_month(self.year, self.month, where)
        cur = _check_money(self.imposed, "imposed", where).currency
        _check_money(self.deducted, "deducted", where, cur)
        if not isinstance(self.open_cases, tuple) or not all(
            isinstance(c, OpenCase) for c in self.open_cases
        ):
            raise InvalidInputError(
                f"open_cases must be a tuple of OpenCase, got {self.open_cases!r} [{where}]"
            )
        seen: set[str] = set()
        for case in self.open_cases:
            _check_money(case.outstanding, f"outstanding of case {case.case!r}", where, cur)
            if case.case in seen:
                raise InvalidInputError(f"case {case.case!r} is listed twice [{where}]")
            seen.add(case.case)
        outstanding = sum(c.outstanding.minor for c in self.open_cases)
        if self.imposed.minor != self.deducted.minor + outstanding:
            raise InvalidInputError(
                f"imposed must equal deducted plus the outstanding balance, got {self.imposed} "
                f"!= {self.deducted} + {Money.from_minor(outstanding, cur)} [{where}]"
            )

    @classmethod
    def start(
        cls, person: str, year: int, month: int, currency: Currency | str = "CNY"
    ) -> PenaltyAccount:
        """An empty account whose first month to close is ``year``-``month``.

        Examples:
            >>> PenaltyAccount.start("Chen", 2026, 1).outstanding
            Money('0.00', 'CNY')
        """
        cur = _currency(currency)
        zero = Money.zero(cur)
        return cls(person, year, month, (), zero, zero)

    @property
    def outstanding(self) -> Money:
        """What is still to be deducted, over every open case."""
        return _make(sum(c.outstanding.minor for c in self.open_cases), self.imposed.currency)

    @property
    def currency(self) -> Currency:
        """The account's currency."""
        return self.imposed.currency

    def close_month(
        self,
        bonus: Money,
        *,
        charges: Mapping[str, Money] | None = None,
        fines: Sequence[Fine] = (),
        wage: Money | None = None,
        minimum_wage: Money | None = None,
        policy: Policy = _DEFAULT_POLICY,
    ) -> MonthClose:
        """Close the month: fines first, then complaint charges within the cap (P-E3.4).

        ``charges`` maps each case imposed this month to the person's amount (say,
        ``apportionment.person_amount(name)``). The month's administrative ``fines`` (P-5; a
        major demerit takes the whole bonus) are taken from ``bonus`` first, outside the cap;
        any part of a fine the bonus cannot cover is reported in ``fines_uncovered``, not
        carried. Complaint deductions then take at most ``bonus x
        policy.penalties.monthly_cap_ratio`` rounded down to the fen, and never more than the
        bonus left after the fines: the oldest case first (by month imposed, then by case
        identifier, so the order the charges are given in does not matter), each case by
        itself (P-E3.2); the rest is carried. A month with no bonus deducts nothing.
        Everything deducted goes to the company (P-E3.1).

        Given ``wage`` and ``minimum_wage`` (both, or neither), the month's complaint deduction
        is also checked against 《工資支付暫行規定》 art. 16 (see :func:`statutory_check`); a
        conflict is reported in ``statutory``, and the deduction is not changed.
        """
        where = "close_month P-E3.4"
        if policy.__class__ is not Policy:
            policy = _check_policy(policy, where)
        cur = self.imposed.currency
        paid = bonus
        if bonus.__class__ is not Money or bonus.minor < 0 or bonus.currency is not cur:
            paid = _check_money(bonus, "bonus", where, cur)  # refuses, or a currency equal to cur
        _check_charges(charges, "charges", where)
        if fines.__class__ is not tuple and not isinstance(fines, list):
            raise InvalidInputError(
                f"fines must be a sequence of Fine values from check_fine, got {fines!r} [{where}]"
            )
        if fines and not all(isinstance(f, Fine) for f in fines):
            raise InvalidInputError(
                f"fines must be a sequence of Fine values from check_fine, got {fines!r} [{where}]"
            )
        for fine in fines:
            if not fine.valid:
                raise InvalidInputError(
                    f"fines must be valid, got {fine.amount} for a {fine.sanction.value} below "
                    f"its minimum {fine.minimum} [{where}]"
                )
            _check_money(fine.amount, "fine amount", where, cur)
        if (wage is None) != (minimum_wage is None):
            raise InvalidInputError(
                f"wage and minimum_wage must be given together, got wage={wage!r}, "
                f"minimum_wage={minimum_wage!r} [{where}]"
            )
        new: list[tuple[str, int]] = []
        if charges:
            open_ids = {c.case for c in self.open_cases}
            for case, amount in charges.items():
                if not isinstance(case, str) or not case:
                    raise InvalidInputError(
                        f"each case must be a non-empty str, got {case!r} [{where}]"
                    )
                if case in open_ids:
                    raise InvalidInputError(
                        f"case {case!r} is already open on the account: charge each case once "
                        f"[{where}]"
                    )
                if amount.__class__ is not Money or amount.minor < 0 or amount.currency is not cur:
                    _check_money(amount, f"charge of case {case!r}", where, cur)
                new.append((case, amount.minor))
            new.sort()
        # -- the arithmetic, in whole minor units
        numerator, denominator = policy.penalties.monthly_cap_ratio.as_integer_ratio()
        bonus_minor = paid.minor
        cap = bonus_minor * numerator // denominator
        fines_minor = sum(f.amount.minor for f in fines) if fines else 0
        fines_taken = fines_minor if fines_minor <= bonus_minor else bonus_minor
        room = bonus_minor - fines_taken
        if cap < room:
            room = cap
        year, month = self.year, self.month
        queue = list(self.open_cases)
        given: Mapping[str, Money] = charges if charges is not None else {}
        for case, _ in new:
            money = given[case]  # checked above: Money in the account's currency
            queue.append(_open_case(case, year, month, money, money))
        taken: list[tuple[str, int]] = []
        still_open: list[OpenCase] = []
        left = room
        for open_case in queue:
            outstanding = open_case.outstanding.minor
            if not left:
                if outstanding:
                    still_open.append(open_case)
                continue
            take = outstanding if outstanding <= left else left
            left -= take
            if take:
                taken.append((open_case.case, take))
            if outstanding - take:
                still_open.append(
                    _open_case(
                        open_case.case,
                        open_case.year,
                        open_case.month,
                        open_case.amount,
                        _make(outstanding - take, cur),
                    )
                )
        deducted = room - left
        imposed_now = sum(minor for _, minor in new)
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        account = _account(
            self.person,
            next_year,
            next_month,
            tuple(still_open),
            _make(self.imposed.minor + imposed_now, cur) if imposed_now else self.imposed,
            _make(self.deducted.minor + deducted, cur) if deducted else self.deducted,
        )
        statutory = None
        if wage is not None and minimum_wage is not None:
            statutory = _statutory(
                _make(deducted, cur),
                _check_money(wage, "wage", where, cur),
                _check_money(minimum_wage, "minimum_wage", where, cur),
                policy.penalties.statutory_deduction_ratio,
            )
        closed: MonthClose = object.__new__(MonthClose)  # attrs' fields, already checked
        set_ = object.__setattr__
        set_(closed, "previous", self)
        set_(closed, "account", account)
        set_(closed, "bonus", paid)
        set_(closed, "cap_ratio", policy.penalties.monthly_cap_ratio)
        set_(closed, "cap_minor", cap)
        set_(closed, "fines_minor", fines_taken)
        set_(closed, "uncovered_minor", fines_minor - fines_taken)
        set_(closed, "charged_minor", tuple(new))
        set_(closed, "deducted_minor", tuple(taken))
        set_(closed, "statutory", statutory)
        return closed

    def close_months(
        self,
        bonuses: Sequence[Money],
        *,
        charges: Sequence[Mapping[str, Money] | None] | None = None,
        policy: Policy = _DEFAULT_POLICY,
    ) -> Schedule:
        """Close several months in a row, with complaint charges only (P-E3.4).

        The same rule as :meth:`close_month` month by month (no fines or wage figures), computed
        in one pass over whole minor units, for analysts projecting many people over many
        months. ``charges[i]`` are the cases imposed in the i-th month (``None`` or ``{}`` for
        none). The :class:`Schedule` gives each month's deduction and carry at once, and every
        month's :class:`MonthClose`, with its explanation, on demand.

        Examples:
            >>> cny = lambda amount: Money(amount, "CNY")
            >>> plan = PenaltyAccount.start("Chen", 2026, 2).close_months(
            ...     [cny("1000.00"), cny("0"), cny("1200.01"), cny("1000.00")],
            ...     charges=[{"260201": cny("1349.99")}])
            >>> [str(amount) for amount in plan.deducted]
            ['CNY 500.00', 'CNY 0.00', 'CNY 600.00', 'CNY 249.99']
            >>> plan.account.outstanding, (plan.account.year, plan.account.month)
            (Money('0.00', 'CNY'), (2026, 6))
        """
        where = "close_months P-E3.4"
        policy = _check_policy(policy, where)
        cur = self.imposed.currency
        if not isinstance(bonuses, (list, tuple)):
            raise InvalidInputError(
                f"bonuses must be a list or tuple of Money, one per month, got {bonuses!r} "
                f"[{where}]"
            )
        count = len(bonuses)
        if charges is None:
            charges = ()
        if not isinstance(charges, (list, tuple)) or len(charges) > count:
            raise InvalidInputError(
                f"charges must be a list or tuple of at most one mapping per month ({count}), "
                f"got {charges!r} [{where}]"
            )
        numerator, denominator = policy.penalties.monthly_cap_ratio.as_integer_ratio()
        year, month = self.year, self.month
        # the open cases as [case, year, month, amount, outstanding], oldest first
        queue: list[list[Any]] = [
            [c.case, c.year, c.month, c.amount.minor, c.outstanding.minor] for c in self.open_cases
        ]
        imposed, deducted_total = self.imposed.minor, self.deducted.minor
        bonus_rows: list[int] = []
        charged_rows: list[tuple[tuple[str, int], ...]] = []
        deducted_rows: list[int] = []
        carried_rows: list[int] = []
        for index, bonus in enumerate(bonuses):
            if bonus.__class__ is not Money or bonus.minor < 0 or bonus.currency is not cur:
                _check_money(bonus, f"bonuses[{index}]", where, cur)
            month_charges = charges[index] if index < len(charges) else None
            new: list[tuple[str, int]] = []
            _check_charges(month_charges, f"charges[{index}]", where)
            if month_charges:  # no work for a month without charges
                open_ids = {entry[0] for entry in queue}
                for case, amount in month_charges.items():
                    if not isinstance(case, str) or not case:
                        raise InvalidInputError(
                            f"each case must be a non-empty str, got {case!r} [{where}]"
                        )
                    if case in open_ids:
                        raise InvalidInputError(
                            f"case {case!r} is already open on the account: charge each case "
                            f"once [{where}]"
                        )
                    if amount.__class__ is not Money or amount.minor < 0:
                        _check_money(amount, f"charge of case {case!r}", where, cur)
                    if amount.currency is not cur:
                        _check_money(amount, f"charge of case {case!r}", where, cur)
                    new.append((case, amount.minor))
                new.sort()
                for case, minor in new:
                    queue.append([case, year, month, minor, minor])
                    imposed += minor
            left = bonus.minor * numerator // denominator
            room = left
            for entry in queue:
                if not left:
                    break
                outstanding = entry[4]
                take = outstanding if outstanding <= left else left
                left -= take
                entry[4] = outstanding - take
            if left != room:
                queue = [entry for entry in queue if entry[4]]
            deducted_total += room - left
            bonus_rows.append(bonus.minor)
            charged_rows.append(tuple(new))
            deducted_rows.append(room - left)
            carried_rows.append(sum(entry[4] for entry in queue))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        account = _account(
            self.person,
            year,
            month,
            tuple(
                _open_case(case, y, m, _make(amount, cur), _make(outstanding, cur))
                for case, y, m, amount, outstanding in queue
                if outstanding
            ),
            _make(imposed, cur),
            _make(deducted_total, cur),
        )
        return Schedule(
            start=self,
            account=account,
            policy=policy,
            bonus_minor=tuple(bonus_rows),
            charged_minor=tuple(charged_rows),
            deducted_minor=tuple(deducted_rows),
            carried_minor=tuple(carried_rows),
        )


@attrs.frozen(kw_only=True)
class Schedule(Explained):
    """Several months of a penalty account closed in a row (P-E3.4).

    Attributes:
        start: the account before the first month.
        account: the account after the last month.
        policy: the policy the months were closed under.
        bonus_minor: each month's bonus, in minor units.
        charged_minor: each month's new cases and their amounts, by case identifier.
        deducted_minor: each month's complaint deductions, in minor units.
        carried_minor: what each month carries into the next, in minor units.
    """

    start: PenaltyAccount
    account: PenaltyAccount
    policy: Policy = attrs.field(repr=False)
    bonus_minor: tuple[int, ...]
    charged_minor: tuple[tuple[tuple[str, int], ...], ...]
    deducted_minor: tuple[int, ...]
    carried_minor: tuple[int, ...]

    _record_fields = ("start", "account", "deducted", "carried")

    @property
    def deducted(self) -> tuple[Money, ...]:
        """Each month's complaint deductions."""
        cur = self.start.currency
        return tuple(_make(minor, cur) for minor in self.deducted_minor)

    @property
    def months(self) -> tuple[MonthClose, ...]:
        """Every month closed, with its explanation (built on demand with close_month)."""
        cur = self.start.currency
        account, closed = self.start, []
        for bonus, charged in zip(self.bonus_minor, self.charged_minor, strict=True):
            month = account.close_month(
                _make(bonus, cur),
                charges={case: _make(minor, cur) for case, minor in charged},
                policy=self.policy,
            )
            closed.append(month)
            account = month.account
        return tuple(closed)

    @property
    def carried(self) -> tuple[Money, ...]:
        """What each month carries into the next."""
        cur = self.start.currency
        return tuple(_make(minor, cur) for minor in self.carried_minor)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every month's explanation, in order."""
        return tuple(reason for month in self.months for reason in month.reasons)


_currency = currency


def _open_case(case: str, year: int, month: int, amount: Money, outstanding: Money) -> OpenCase:
    """An OpenCase from checked values (internal hot path)."""
    found: OpenCase = object.__new__(OpenCase)
    set_ = object.__setattr__
    set_(found, "case", case)
    set_(found, "year", year)
    set_(found, "month", month)
    set_(found, "amount", amount)
    set_(found, "outstanding", outstanding)
    return found


def _account(
    person: str,
    year: int,
    month: int,
    open_cases: tuple[OpenCase, ...],
    imposed: Money,
    deducted: Money,
) -> PenaltyAccount:
    """A PenaltyAccount from values close_month has already checked (internal hot path)."""
    account: PenaltyAccount = object.__new__(PenaltyAccount)
    set_ = object.__setattr__
    set_(account, "person", person)
    set_(account, "year", year)
    set_(account, "month", month)
    set_(account, "open_cases", open_cases)
    set_(account, "imposed", imposed)
    set_(account, "deducted", deducted)
    return account


@attrs.frozen(kw_only=True)
class MonthClose(Explained):
    """One month of a penalty account, closed (P-E3.1, P-E3.2, P-E3.4).

    The amounts are kept in whole minor units and read as :class:`Money` through the
    properties, so closing many months stays cheap.

    Attributes:
        previous: the account before the month (its ``year`` and ``month`` are the month
            closed).
        account: the account's state for the next month.
        bonus: the month's performance bonus.
        cap_ratio: the share of the bonus complaint deductions may take.
        cap_minor: the cap in minor units: ``bonus x cap_ratio``, rounded down.
        fines_minor: the administrative fines taken from the bonus, outside the cap.
        uncovered_minor: the part of the fines the bonus could not cover (not carried).
        charged_minor: the cases imposed this month and their amounts, by case identifier.
        deducted_minor: the amount deducted per case this month, oldest case first.
        statutory: the check against 《工資支付暫行規定》 art. 16, when the wage was given.
    """

    previous: PenaltyAccount
    account: PenaltyAccount
    bonus: Money
    cap_ratio: Decimal
    cap_minor: int
    fines_minor: int
    uncovered_minor: int
    charged_minor: tuple[tuple[str, int], ...]
    deducted_minor: tuple[tuple[str, int], ...]
    statutory: StatutoryCheck | None = attrs.field(repr=False)

    _record_fields = (
        "person",
        "year",
        "month",
        "bonus",
        "cap_ratio",
        "cap",
        "brought_forward",
        "charged",
        "deductions",
        "deducted",
        "carried",
        "fines",
        "fines_uncovered",
        "company_receives",
    )

    def _money(self, minor: int) -> Money:
        return _make(minor, self.bonus.currency)

    @property
    def person(self) -> str:
        """Whose account."""
        return self.previous.person

    @property
    def year(self) -> int:
        """The year of the month closed."""
        return self.previous.year

    @property
    def month(self) -> int:
        """The month closed."""
        return self.previous.month

    @property
    def cap(self) -> Money:
        """The cap: ``bonus x cap_ratio``, rounded down to the minor unit."""
        return self._money(self.cap_minor)

    @property
    def fines(self) -> Money:
        """The administrative fines taken from the bonus, outside the cap."""
        return self._money(self.fines_minor)

    @property
    def fines_uncovered(self) -> Money:
        """The part of the fines the bonus could not cover; it is not carried."""
        return self._money(self.uncovered_minor)

    @property
    def charged(self) -> tuple[tuple[str, Money], ...]:
        """The cases imposed this month, by case identifier, with their amounts."""
        return tuple((case, self._money(minor)) for case, minor in self.charged_minor)

    @property
    def deductions(self) -> tuple[tuple[str, Money], ...]:
        """The amount deducted per case this month, oldest case first."""
        return tuple((case, self._money(minor)) for case, minor in self.deducted_minor)

    @property
    def deducted(self) -> Money:
        """The month's complaint deductions in all; never above the cap."""
        return self._money(sum(minor for _, minor in self.deducted_minor))

    @property
    def brought_forward(self) -> Money:
        """What was outstanding before the month."""
        return self.previous.outstanding

    @property
    def carried(self) -> Money:
        """What is carried into the next month."""
        return self.account.outstanding

    @property
    def company_receives(self) -> Money:
        """What goes to the company this month: complaint deductions and fines (P-E3.1)."""
        return self.deducted + self.fines

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Built on demand: the cap, the fines, each case deducted, the carry and the law."""
        month = _month_name(self.year, self.month)
        percent = f"{self.cap_ratio * 100:f}".rstrip("0").rstrip(".")
        lines = [
            Reason.of(
                "account.cap",
                P_E3_4,
                en="{person}, {month}: bonus {bonus}; complaint deductions may take at most "
                "{percent} % of it, rounded down: {cap}",
                zh="{person},{month}:效益獎金{bonus};投訴罰扣最高為其{percent}%(捨去至最小"
                "單位):{cap}",
                person=self.person,
                month=month,
                bonus=self.bonus,
                percent=percent,
                cap=self.cap,
            )
        ]
        if self.fines or self.fines_uncovered:
            lines.append(
                Reason.of(
                    "account.fines",
                    P_5_3,
                    en="administrative fines of {fines} are taken from the bonus first, outside "
                    "the cap"
                    + (
                        "; {uncovered} of them exceeds the bonus and is left to payroll"
                        if self.fines_uncovered
                        else ""
                    ),
                    zh="行政罰扣{fines}先自獎金扣除,不受上限限制"
                    + (";其中{uncovered}超出獎金,交由薪資處理" if self.fines_uncovered else ""),
                    fines=self.fines,
                    uncovered=self.fines_uncovered,
                )
            )
        for case, amount in self.charged:
            lines.append(
                Reason.of(
                    "account.charged",
                    P_E3_2,
                    en="case {case} charges {amount} this month",
                    zh="案件{case}本月應罰扣{amount}",
                    case=case,
                    amount=amount,
                )
            )
        if self.brought_forward:
            lines.append(
                Reason.of(
                    "account.brought_forward",
                    P_E3_4,
                    en="{amount} was carried in from earlier months and is taken first",
                    zh="前期結轉{amount},優先扣除",
                    amount=self.brought_forward,
                )
            )
        if not self.bonus:
            lines.append(
                Reason.of(
                    "account.no_bonus",
                    P_E3_4,
                    en="no bonus this month, so nothing is deducted",
                    zh="本月無效益獎金,不予扣除",
                )
            )
        for case, amount in self.deductions:
            lines.append(
                Reason.of(
                    "account.deducted",
                    P_E3_4,
                    en="case {case}: {amount} deducted",
                    zh="案件{case}:扣除{amount}",
                    case=case,
                    amount=amount,
                )
            )
        lines.append(
            Reason.of(
                "account.company",
                P_E3_1,
                en="deducted from the bonus this month: {deducted}; the company receives "
                "{receives}",
                zh="本月自獎金扣除{deducted};公司收取{receives}",
                deducted=self.deducted,
                receives=self.company_receives,
            )
        )
        if self.carried:
            lines.append(
                Reason.of(
                    "account.carried",
                    P_E3_4,
                    en="{carried} is carried into the next month",
                    zh="{carried}結轉至下月分期扣除",
                    carried=self.carried,
                )
            )
        if self.statutory is not None:
            lines.extend(self.statutory.reasons)
        return tuple(lines)
