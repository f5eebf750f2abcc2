"""Penalties: administrative fines, sanctions, and complaint deductions under a monthly cap (通用3).

The clauses this module encodes, in our own words:

- **P-3** The sanction for a person follows a table keyed by the loss the person bears after the
  ruling. The source announces the table but does not give it: it is the required policy
  parameter ``penalties.sanction_table``.
- **P-5.1** A warning is fined at least 400 per warning. **P-5.2** A minor demerit is fined at
  least 800 per base unit (per demerit, times the person's base where the company uses one).
  **P-5.3** A major demerit, or worse, forfeits the whole month's performance bonus (效益獎金).
- **P-E3.1** Complaint deductions come out of the person's performance bonus and go to the
  company. **P-E3.2** Each case is deducted on its own.
- **P-E3.4** In any month, complaint deductions take at most 50 % of that month's bonus
  (rounded down to the fen, so the cap is never exceeded); the rest is carried over and taken
  month by month, each month within its own cap. The fines of P-5 are taken outside the cap by
  default (**[assumption]** ``penalties.fines_count_against_cap``). A month is closed once, and a
  case is charged once: doing either again is a
  [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError].
- **C-12.2** A bonus deduction is made only on a reward-and-penalty notice (獎罰通知單) approved
  by the general manager: a charge without that approval is held back, still owed, and deducted
  from the month its approval is given.

The law sits above the company rule. The statutory rules are a separate object,
[`StatutoryRules`][custpolicy.rules.penalties.StatutoryRules], not a company parameter; the default,
[`PRC_WAGE_RULES`][custpolicy.rules.penalties.PRC_WAGE_RULES], is PRC 《工資支付暫行規定》 art. 16:
a month's deduction for losses may not exceed 20 % of the month's wage, and the wage left after all
of the month's deductions may not fall below the local minimum wage. Given the wage figures, a
deduction the company rule allows but the law does not is reported as a conflict citing the statute;
the company's figure is not silently changed.

Examples:
    >>> from custpolicy.foundation.money import Money
    >>> account = PenaltyAccount.start("Chen", 2026, 1)
    >>> closed = account.close_month(2026, 1, Money("1000.00", "CNY"),
    ...     charges={"260101": Money("800.00", "CNY")}, approved={"260101"})
    >>> closed.deducted, closed.carried
    (Money('500.00', 'CNY'), Money('300.00', 'CNY'))
    >>> closed.account.close_month(2026, 2, Money("1000.00", "CNY")).deducted
    Money('300.00', 'CNY')
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Collection, Container, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.bands import band_contains, band_label
from custpolicy.foundation.clauses import (
    C_12_2,
    P_3,
    P_5_1,
    P_5_2,
    P_5_3,
    P_E3_1,
    P_E3_2,
    P_E3_4,
    Lang,
)
from custpolicy.foundation.errors import (
    InvalidInputError,
    ParameterNotSetError,
    PolicyViolationError,
)
from custpolicy.foundation.explain import Choice, Explained, Lines, Reason, check_lang
from custpolicy.foundation.lang import fact_in
from custpolicy.foundation.money import Currency, Money, currency
from custpolicy.foundation.policy import (
    InForce,
    PerVersion,
    Policy,
    PolicyBook,
    PolicyVersion,
    SanctionBand,
)
from custpolicy.foundation.validate import (
    check_decimal,
    check_instance,
    check_int,
    check_mapping,
    check_money,
    check_policy,
    check_text,
    check_tuple_of,
    refuse,
    trusted,
)

__all__ = [
    "PRC_WAGE_RULES",
    "Fine",
    "MonthClose",
    "OpenCase",
    "PenaltyAccount",
    "Sanction",
    "SanctionRuling",
    "Schedule",
    "StatutoryCheck",
    "StatutoryRules",
    "check_fine",
    "sanction_for",
    "statutory_check",
]

_DEFAULT_POLICY = Policy()
_NONE: frozenset[str] = frozenset()
_STR = itertools.repeat(str)  # for all(map(isinstance, items, _STR))
_money: Callable[[int, Currency], Money] = trusted(Money)  # minor units the module computed


_AMOUNT = "Money of at least 0"


def _amount(value: object, argument: str, where: str, cur: Currency | None = None) -> Money:
    """``value`` if it is Money, not negative, and in ``cur`` when given (in that order)."""
    return check_money(value, argument, where, sign="non-negative", currency=cur, expect=_AMOUNT)


def _non_negative(where: str) -> validate.Validator:
    """An attrs validator: the field holds Money, not negative (see `_amount`)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _amount(value, attribute.name, where)

    return check


_CHARGES = "None or a mapping of case identifiers to Money"


_APPROVED = (
    "a collection of case identifiers (str) whose reward-and-penalty notice the GM has approved"
)


def _check_approved(value: object, argument: str, where: str) -> frozenset[str]:
    """The cases whose notice the GM has approved: a collection of case identifiers (C-12.2)."""
    where = f"{where} C-12.2"
    if isinstance(value, Collection):  # not an iterator: it is read once
        return frozenset(check_tuple_of(value, argument, where, str, expect=_APPROVED))
    raise refuse(argument, _APPROVED, value, where)


def _percent(ratio: Decimal) -> str:
    return f"{ratio * 100:f}".rstrip("0").rstrip(".") if ratio else "0"


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

_FINE_CLAUSES = {
    Sanction.WARNING: P_5_1,
    Sanction.MINOR_DEMERIT: P_5_2,
    Sanction.MAJOR_DEMERIT: P_5_3,
}


_FINE = "Fine P-5"
_UNAPPROVED = "OpenCase P-E3.2 C-12.2"


def _check_base(value: object, argument: str, where: str) -> Decimal | int:
    """A person's base (基數) for a minor demerit: a positive Decimal or int (P-5.2)."""
    check_decimal(value, argument, where, expect="a Decimal or an int")  # an int stays an int
    if value <= 0:  # type: ignore[operator]  # a Decimal or an int, as checked
        raise refuse(argument, "positive", value, where)
    return cast("Decimal | int", value)


def _base(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_base(value, attribute.name, _FINE)


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
        outside_cap: whether the fine is taken outside the P-E3.4 cap: always for a P-5.3
            forfeit; for a P-5.1 or P-5.2 fine unless ``penalties.fines_count_against_cap``.
        reasons: the explanation.
    """

    sanction: Sanction = attrs.field(validator=validate.choice(Sanction, clause=_FINE))
    count: int = attrs.field(validator=validate.integer(low=1, clause=_FINE))
    base: Decimal | int = attrs.field(validator=_base)
    minimum: Money = attrs.field(validator=_non_negative(_FINE))
    amount: Money = attrs.field(validator=_non_negative(_FINE))
    valid: bool = attrs.field(validator=validate.boolean(clause=_FINE))
    outside_cap: bool = attrs.field(validator=validate.boolean(clause=_FINE))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause=_FINE)
    )

    @property
    def clause(self) -> Any:
        """The clause of the fine: P-5.1, P-5.2 or P-5.3."""
        return _FINE_CLAUSES[self.sanction]


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

    - Warning (P-5.1): at least ``policy.penalties.warning_minimum`` (400) per warning, times
      ``count``.
    - Minor demerit (P-5.2): at least ``policy.penalties.minor_demerit_minimum`` (800) per base
      unit: x ``count`` x ``base`` (the person's base, 基數, where the company uses one; a
      Decimal product is rounded half-up to the fen).
    - Major demerit or worse (P-5.3): the whole month's ``bonus`` (效益獎金), which the caller
      must give; any other amount is not valid. For a warning or a minor demerit a ``bonus``, if
      given, is checked like any amount and not used.

    With no ``amount``, the fine is the minimum. An amount below the minimum is a refusal
    (``valid`` is ``False``), explained. The P-5.3 forfeit is always outside the P-E3.4 cap; a
    P-5.1 or P-5.2 fine is too unless ``policy.penalties.fines_count_against_cap``. Judge under
    ``book.in_force(event_date).policy``.

    Examples:
        >>> fine = check_fine(Sanction.WARNING, amount=Money("300.00", "CNY"))
        >>> fine.valid
        False
        >>> print(fine.explain())
        P-5.1 warning x 1: the fine must be at least CNY 400.00 x 1 = CNY 400.00
        P-5.1 the proposed CNY 300.00 is below the minimum CNY 400.00: not valid
        >>> print(fine.explain("zh-Hant"))
        P-5.1 警告1次：罰扣至少CN¥400.00 × 1 = CN¥400.00
        P-5.1 擬罰扣CN¥300.00低於最低額CN¥400.00：無效
    """
    where = "check_fine P-5"
    policy = check_policy(policy, where)
    check_instance(sanction, "sanction", where, Sanction)
    count = check_int(count, "count", where, low=1)
    clause = _FINE_CLAUSES[sanction]
    where = f"check_fine {clause.id}"
    base = _check_base(base, "base", where)
    if sanction is not Sanction.MINOR_DEMERIT and base != 1:
        raise refuse("base", f"1 for a {sanction.value}: only a minor demerit has one", base, where)
    cur = policy.general.currency
    if bonus is not None:
        bonus = _amount(bonus, "bonus", where, cur)
    reasons: list[Reason] = []
    if sanction is Sanction.MAJOR_DEMERIT:
        if bonus is None:
            raise refuse("bonus", "given: a major demerit forfeits the month's bonus", None, where)
        minimum = bonus
        outside = True
        reasons.append(
            Reason.of(
                "fine.major",
                clause,
                en="major demerit or worse (x {count}): the whole month's performance bonus, "
                "{bonus}, is forfeited, outside the 50 % cap of complaint deductions",
                zh="大過以上（{count}次）：當月效益獎金{bonus}全額罰扣，不受投訴罰扣50%上限限制",
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
        outside = not policy.penalties.fines_count_against_cap
        reasons.append(
            Reason.of(
                "fine.minimum",
                clause,
                en="{sanction} x {count}: the fine must be at least {per} x {count}"
                + (" x base {base}" if sanction is Sanction.MINOR_DEMERIT else "")
                + " = {minimum}",
                zh="{sanction}{count}次：罰扣至少{per} × {count}"
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
        return Fine(sanction, count, base, minimum, minimum, True, outside, tuple(reasons))
    proposed = _amount(amount, "amount", where, cur)
    if sanction is Sanction.MAJOR_DEMERIT:
        valid = proposed == minimum
        reasons.append(
            Reason.of(
                "fine.major_amount",
                clause,
                en="the proposed {amount} "
                + ("is the whole bonus: valid" if valid else "is not the whole bonus: not valid"),
                zh="擬罰扣{amount}" + ("即全額獎金：有效" if valid else "並非全額獎金：無效"),
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
                + "最低額{minimum}："
                + ("有效" if valid else "無效"),
                amount=proposed,
                minimum=minimum,
            )
        )
    return Fine(sanction, count, base, minimum, proposed, valid, outside, tuple(reasons))


# -- P-3: the sanction table --------------------------------------------------------------------


_RULING = "SanctionRuling P-3"


@attrs.frozen
class SanctionRuling(Explained):
    """The sanction the P-3 table gives for the loss a person bears (P-3).

    Attributes:
        amount: the loss the person bears after the ruling (P-2).
        band: the table's band the amount falls in, counted from 1.
        sanction: the sanction, or ``None`` where the band gives none.
        count: how many of them.
        reasons: the explanation.
    """

    amount: Money = attrs.field(validator=_non_negative(_RULING))
    band: int = attrs.field(validator=validate.integer(low=1, clause=_RULING))
    sanction: Sanction | None = attrs.field(
        validator=validate.optional(validate.choice(Sanction, clause=_RULING))
    )
    count: int = attrs.field(validator=validate.integer(low=1, clause=_RULING))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause=_RULING)
    )


def sanction_for(amount_borne: Money, *, policy: Policy = _DEFAULT_POLICY) -> SanctionRuling:
    """The sanction for the loss a person bears, from the company's table (P-3).

    The source announces a table keyed by 經判定後的個人職責負擔金額 but does not give it, so
    ``policy.penalties.sanction_table`` is required (a tuple of
    [`SanctionBand`][custpolicy.foundation.policy.SanctionBand], checked for gaps and overlaps when
    the policy is built); unset, this raises
    [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError]. Use
    [`check_fine`][custpolicy.rules.penalties.check_fine] for the fine the sanction carries.

    Examples:
        >>> table = (
        ...     SanctionBand(sanction=None, lower=Money(0, "CNY"), upper=Money(1000, "CNY")),
        ...     SanctionBand(sanction="warning", lower=Money(1000, "CNY"),
        ...                  upper=Money(5000, "CNY")),
        ...     SanctionBand(sanction="minor demerit", lower=Money(5000, "CNY")))
        >>> ruling = sanction_for(Money("1000", "CNY"),
        ...     policy=Policy().updated({"penalties.sanction_table": table}))
        >>> ruling.sanction, ruling.count
        (Sanction.WARNING, 1)
        >>> print(ruling.explain("zh-Hant"))
        P-3 個人職責負擔金額CN¥1,000.00屬處分標準表第2級（CN¥1,000.00以上未滿CN¥\
5,000.00）：警告1次
    """
    where = "sanction_for P-3"
    policy = check_policy(policy, where)
    table = policy.penalties.sanction_table
    if table is None:
        raise ParameterNotSetError(
            "policy parameter penalties.sanction_table is not set: P-3 announces the sanction "
            "table but the source does not give it, so the company must set it, e.g. "
            "policy.updated({'penalties.sanction_table': (SanctionBand(...), ...)}) "
            f"[{where}]",
            parameter="penalties.sanction_table",
        )
    amount = _amount(amount_borne, "amount_borne", where, table[0].lower.currency)
    index, found = next(
        (i, band) for i, band in enumerate(table, start=1) if band_contains(band.bounds, amount)
    )  # the table has no gap, so exactly one band holds the amount
    sanction = None if found.sanction is None else Sanction(found.sanction)
    reason = Reason.of(
        "sanction.band",
        P_3,
        en="the loss the person bears, {amount}, falls in band {band} of the sanction table "
        "({range}): " + ("no sanction" if sanction is None else "{sanction} x {count}"),
        zh="個人職責負擔金額{amount}屬處分標準表第{band}級（{range}）："
        + ("不予處分" if sanction is None else "{sanction}{count}次"),
        amount=amount,
        band=index,
        range=_Range(found),
        sanction=sanction,
        count=found.count,
    )
    return SanctionRuling(amount, index, sanction, found.count, (reason,))


@attrs.frozen
class _Range:
    """A band's bounds as a fact of an explanation."""

    band: SanctionBand

    def label(self, lang: Lang = "en") -> str:
        return band_label(self.band.bounds, lang)


# -- the statutory limits ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StatutoryRules:
    """The law a month's deductions are checked against: not company policy.

    A company cannot edit these figures in its own policy; a caller under another jurisdiction
    passes another instance. The default is
    [`PRC_WAGE_RULES`][custpolicy.rules.penalties.PRC_WAGE_RULES].

    Attributes:
        statute_en: the statute's citation in English explanations.
        statute_zh: the statute's citation in Chinese explanations.
        loss_deduction_ratio: the most of a month's wage that may be deducted for losses the
            worker caused (rounded down to the minor unit).

    Examples:
        >>> PRC_WAGE_RULES.loss_deduction_ratio
        Decimal('0.2')
        >>> PRC_WAGE_RULES.label("zh-Hant")
        '《工資支付暫行規定》第十六條'
    """

    statute_en: str = attrs.field(validator=validate.text())
    statute_zh: str = attrs.field(validator=validate.text())
    loss_deduction_ratio: Decimal = attrs.field(validator=validate.decimal(low=0, high=1))

    def label(self, lang: str = "en") -> str:
        """The statute's citation in ``lang``."""
        lang = check_lang(lang, "StatutoryRules.label")
        return self.statute_en if lang == "en" else fact_in(lang, self.statute_zh)


PRC_WAGE_RULES = StatutoryRules(
    statute_en=(
        "PRC 《工資支付暫行規定》第十六條 (Provisional Regulations on Wage Payment, art. 16)"
    ),
    statute_zh="《工資支付暫行規定》第十六條",
    loss_deduction_ratio=Decimal("0.2"),
)
"""PRC 《工資支付暫行規定》 art. 16: at most 20 % of the month's wage for losses, and the wage left
after the month's deductions not below the local minimum wage."""


_STATUTE = "a StatutoryRules (such as PRC_WAGE_RULES)"


_STATUTORY = "StatutoryCheck"


@attrs.frozen
class StatutoryCheck(Explained):
    """A month's deductions checked against the statute (by default 《工資支付暫行規定》 art. 16).

    The reasons cite the statute, not a company clause: the law is not part of the catalogue.

    Attributes:
        statute: the statutory rules applied.
        deduction: what the company rule deducts for losses this month (complaint deductions).
        other_deductions: the month's other deductions: P-5 fines and a P-5.3 forfeit.
        wage: the person's wage for the month.
        minimum_wage: the local monthly minimum wage.
        limit: the share of the wage the law allows for losses, rounded down.
        lawful_maximum: the most the law allows the month's deductions for losses to take:
            min(``limit``, wage - minimum wage), never below zero.
        wage_left: the wage after all of the month's deductions.
        over_limit: the deduction for losses exceeds ``limit``.
        below_minimum: the wage left is below the minimum wage.
        reasons: the explanation.
    """

    statute: StatutoryRules = attrs.field(
        repr=False, validator=validate.instance_of(StatutoryRules, clause=_STATUTORY)
    )
    deduction: Money = attrs.field(validator=_non_negative(_STATUTORY))
    other_deductions: Money = attrs.field(validator=_non_negative(_STATUTORY))
    wage: Money = attrs.field(validator=_non_negative(_STATUTORY))
    minimum_wage: Money = attrs.field(validator=_non_negative(_STATUTORY))
    limit: Money = attrs.field(validator=_non_negative(_STATUTORY))
    lawful_maximum: Money = attrs.field(validator=_non_negative(_STATUTORY))
    wage_left: Money = attrs.field(validator=validate.money(clause=_STATUTORY))  # may be negative
    over_limit: bool = attrs.field(validator=validate.boolean(clause=_STATUTORY))
    below_minimum: bool = attrs.field(validator=validate.boolean(clause=_STATUTORY))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause=_STATUTORY)
    )

    @property
    def conflict(self) -> bool:
        """Whether the company rule's deductions conflict with the law."""
        return self.over_limit or self.below_minimum

    @property
    def taken(self) -> Money:
        """Everything the company rule takes this month: losses, fines and forfeits."""
        return self.deduction + self.other_deductions


_statutory_check: Callable[..., StatutoryCheck] = trusted(StatutoryCheck)


def statutory_check(
    deduction: Money,
    *,
    wage: Money,
    minimum_wage: Money,
    other_deductions: Money | None = None,
    statute: StatutoryRules = PRC_WAGE_RULES,
    policy: Policy = _DEFAULT_POLICY,
) -> StatutoryCheck:
    """Report the lawful maximum beside what the company rule takes, without changing it (P-E3.4).

    ``deduction`` is the month's deduction for losses (the P-E3.4 complaint deductions);
    ``other_deductions`` the month's fines and forfeits (P-5.1, P-5.2, P-5.3). Under the default
    ``statute`` (PRC 《工資支付暫行規定》 art. 16) the deduction for losses may not exceed 20 % of
    ``wage`` (rounded down), and the wage left after **all** of them may not fall below
    ``minimum_wage``. The result gives the lawful maximum for the month, min(20 % of the wage,
    wage - minimum wage), and reports a conflict citing the statute.

    Examples:
        >>> check = statutory_check(
        ...     Money("900.00", "CNY"), wage=Money("4000.00", "CNY"),
        ...     minimum_wage=Money("2490.00", "CNY"))
        >>> check.conflict, check.lawful_maximum
        (True, Money('800.00', 'CNY'))
        >>> print(check.explain("zh-Hant"))  # doctest: +NORMALIZE_WHITESPACE
        《工資支付暫行規定》第十六條：本月依法最多可扣除損失賠償CN¥800.00（工資CN¥4,000.00的20%即\
CN¥800.00，與工資減當地最低工資CN¥2,490.00後的CN¥1,510.00，取較低者）；公司制度本月扣除損失\
賠償CN¥900.00，超出法定上限CN¥100.00，與該規定抵觸
        《工資支付暫行規定》第十六條：本月全部扣除合計CN¥900.00，剩餘工資CN¥3,100.00不低於當地\
最低工資CN¥2,490.00
    """
    where = "statutory_check"
    policy = check_policy(policy, where)
    statute = check_instance(statute, "statute", where, StatutoryRules, expect=_STATUTE)
    deducted = _amount(deduction, "deduction", where)
    cur = deducted.currency
    pay = _amount(wage, "wage", where, cur)
    floor_wage = _amount(minimum_wage, "minimum_wage", where, cur)
    other = (
        Money.zero(cur)
        if other_deductions is None
        else _amount(other_deductions, "other_deductions", where, cur)
    )
    return _statutory(deducted, other, pay, floor_wage, statute)


def _statutory(
    deduction: Money,
    other: Money,
    wage: Money,
    minimum_wage: Money,
    statute: StatutoryRules,
) -> StatutoryCheck:
    numerator, denominator = statute.loss_deduction_ratio.as_integer_ratio()
    cur = wage.currency
    limit = Money.from_minor(wage.minor * numerator // denominator, cur)
    room = wage.minor - minimum_wage.minor
    lawful = Money.from_minor(max(0, min(limit.minor, room)), cur)
    taken = deduction + other
    left = wage - taken
    over = deduction.minor > limit.minor
    below = left.minor < minimum_wage.minor
    exceeds = deduction.minor > lawful.minor
    first = Reason.of(
        "statutory.maximum",
        None,
        en="{statute}: the law allows at most {lawful} to be deducted for losses this month (the "
        "lesser of {percent} % of the wage {wage} = {limit} and the wage less the local minimum "
        "wage {minimum} = {room}); the company rule deducts {deduction} for losses"
        + (", {excess} over the legal maximum: conflict with the statute" if exceeds else ""),
        zh="{statute}：本月依法最多可扣除損失賠償{lawful}（工資{wage}的{percent}%即{limit}，"
        "與工資減當地最低工資{minimum}後的{room}，取較低者）；公司制度本月扣除損失賠償{deduction}"
        + ("，超出法定上限{excess}，與該規定抵觸" if exceeds else ""),
        statute=statute,
        lawful=lawful,
        percent=_percent(statute.loss_deduction_ratio),
        wage=wage,
        limit=limit,
        minimum=minimum_wage,
        room=Money.from_minor(max(0, room), cur),
        deduction=deduction,
        excess=Money.from_minor(max(0, deduction.minor - lawful.minor), cur),
    )
    second = Reason.of(
        "statutory.minimum",
        None,
        en="{statute}: the month's deductions come to {taken}"
        + (" (including fines and forfeits of {other})" if other.minor else "")
        + "; the wage left, {left}, is "
        + ("below" if below else "not below")
        + " the local minimum wage {minimum}"
        + (": conflict with the statute" if below else ""),
        zh="{statute}：本月全部扣除合計{taken}"
        + ("（含行政罰扣{other}）" if other.minor else "")
        + "，剩餘工資{left}"
        + ("低於" if below else "不低於")
        + "當地最低工資{minimum}"
        + ("，與該規定抵觸" if below else ""),
        statute=statute,
        taken=taken,
        other=other,
        left=left,
        minimum=minimum_wage,
    )
    return _statutory_check(
        statute,
        deduction,
        other,
        wage,
        minimum_wage,
        limit,
        lawful,
        left,
        over,
        below,
        (first, second),
    )


# -- P-E3.4: the penalty account -----------------------------------------------------------------


_OPEN_CASE = "OpenCase P-E3.2"


@attrs.frozen
class OpenCase:
    """A complaint charge not yet fully deducted (P-E3.2: each case on its own; C-12.2).

    Attributes:
        case: the case's identifier.
        year: the year the charge was imposed.
        month: the month the charge was imposed.
        amount: the charge as imposed.
        outstanding: what is still to be deducted.
        approved: whether the GM has approved the case's reward-and-penalty notice (C-12.2);
            until then nothing of it is deducted. A case built by hand is a balance carried from
            the company's ledger, approved unless said otherwise.
    """

    case: str = attrs.field(validator=validate.text(clause=_OPEN_CASE))
    year: int = attrs.field(validator=validate.integer(low=1, high=9999, clause=_OPEN_CASE))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause=_OPEN_CASE))
    amount: Money = attrs.field(validator=_non_negative(_OPEN_CASE))
    outstanding: Money = attrs.field(validator=_non_negative(_OPEN_CASE))
    approved: bool = attrs.field(
        default=True, validator=validate.boolean(clause=f"{_OPEN_CASE} C-12.2")
    )

    def __attrs_post_init__(self) -> None:
        # The library builds its own OpenCases without these checks (see _open_case).
        _amount(self.outstanding, "outstanding", _OPEN_CASE, self.amount.currency)
        owed, amount = self.outstanding, self.amount
        if owed.minor > amount.minor:
            expectation, shown = f"the amount {amount}", str(owed)
            raise refuse(
                "outstanding", expectation, owed, _OPEN_CASE, shown=shown, must="not exceed"
            )
        if not self.approved and owed != amount:
            unapproved = f"the amount {amount}: case {self.case!r} has no approved notice yet"
            raise refuse("outstanding", unapproved, owed, _UNAPPROVED, must="equal")


_open_case_of: Callable[[str, int, int, Money, Money, bool], OpenCase] = trusted(OpenCase)


def _month_name(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _check_month(year: object, month: object, where: str) -> tuple[int, int]:
    return check_int(year, "year", where, low=1, high=9999), check_int(
        month, "month", where, low=1, high=12
    )


# The last month an account can close: closing it leaves 9999-12, the last month there is, as
# the account's next month to close.
_LAST_CLOSABLE = 9999 * 12 + 10  # (year * 12 + month - 1) of 9999-11
_AFTER_LAST = (
    "no month after 9999-11 (the account's next month to close would be after 9999-12, the "
    "last month there is)"
)


def _check_closable(year: int, month: int, count: int, argument: str, where: str) -> None:
    """Refuse closing ``count`` months from ``year``-``month`` past 9999-11."""
    if year * 12 + month - 1 + count - 1 > _LAST_CLOSABLE:
        got = _month_name(year, month)
        got = f"{count} months from {got}" if count > 1 else got
        raise refuse(argument, _AFTER_LAST, got, where, shown=got, must="close")


_IN_ORDER = (
    "months are closed in order, none skipped (close a month with no bonus with a zero bonus)"
)


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _check_last_closed(value: object, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:
        raise refuse("last_closed", "None or a (year, month) pair", value, where)
    return _check_month(value[0], value[1], where)


def _cases_default(account: PenaltyAccount) -> frozenset[str]:
    open_cases: object = account.open_cases  # checked after the defaults are set
    if isinstance(open_cases, tuple):
        return frozenset(c.case for c in open_cases if isinstance(c, OpenCase))
    return frozenset()


def _ledger_of(account: PenaltyAccount) -> _Ledger:
    """The balance of an account built in full, as plain data for its closes."""
    open_cases: object = account.open_cases  # checked after the defaults are set
    imposed: object = account.imposed
    if not (
        isinstance(open_cases, tuple)
        and all(isinstance(c, OpenCase) for c in open_cases)
        and isinstance(imposed, Money)
        and isinstance(account.deducted, Money)
    ):
        return cast("_Ledger", None)  # the field validators refuse the account
    # a case with nothing owed (only an account built by hand has one) is closed at the next close
    queue = tuple(filter(_owed, map(_plain_case, open_cases)))
    held = sum(map(_owed, itertools.filterfalse(_approved, queue)))
    return (queue, imposed.minor, account.deducted.minor, held, imposed.currency)


def _cases(value: object) -> object:
    if isinstance(value, (set, list, tuple)):
        return frozenset(value)
    return value


# -- P-E3.4: one month's close, on plain data ------------------------------------------------------
#
# The rule is written once, in _close_step, on plain values: amounts in whole minor units (fen),
# an open case as a _Case, the account's balance as a _Ledger. PenaltyAccount.close_month is that
# step for one month, wrapped in a MonthClose; close_months is the same step month after month.
# The account a close returns keeps its ledger and builds its OpenCase and Money values only when
# they are read (see _account).

_Case = tuple[str, int, int, int, int, bool]
"""An open case as plain data: (case, year imposed, month imposed, amount, outstanding,
approved), the amounts in minor units."""

_Ledger = tuple[tuple[_Case, ...], int, int, int, Currency]
"""An account's balance as plain data: (open cases oldest first, imposed, deducted, held back,
currency), the amounts in minor units. What is outstanding is imposed - deducted, of which
``held back`` waits for an approved notice (C-12.2)."""

_plain_case: Callable[[OpenCase], _Case] = operator.attrgetter(
    "case", "year", "month", "amount.minor", "outstanding.minor", "approved"
)
_second = operator.itemgetter(1)  # the amount of a (case, amount) pair
_owed = operator.itemgetter(4)  # an open case's outstanding amount
_approved = operator.itemgetter(5)  # whether its notice is approved (C-12.2)


def _close_step(
    ledger: _Ledger,
    year: int,
    month: int,
    bonus: int,
    charged: Sequence[tuple[str, int]],
    approved: frozenset[str],
    ratio: tuple[int, int],
    fines: int = 0,
    counted: int = 0,
) -> tuple[
    _Ledger, int, int, int, tuple[str, ...], tuple[object, ...], tuple[tuple[str, int], ...], int
]:
    """Close the month ``year``-``month`` of ``ledger`` (P-E3.4, with P-E3.2, P-5 and C-12.2).

    ``charged`` holds the month's new cases, (case, amount) sorted by case; ``approved`` the
    cases whose reward-and-penalty notice the GM has approved by this close; ``bonus`` the
    month's bonus, ``fines`` the month's P-5 fines and ``counted`` the part of them the company
    counts against the cap, all in minor units; ``ratio`` the cap ratio as (numerator,
    denominator).

    Returns ``(ledger for the next month, cap, fines taken, fines counted, approved_now,
    unknown, deductions, deducted)``; ``unknown`` names the approvals that match no case, which
    the caller refuses.
    """
    queue, imposed, deducted, held, cur = ledger
    # P-E3.4: complaint deductions take at most the cap ratio (50 %) of the month's bonus,
    # rounded down to the fen, so that the cap is never exceeded.
    numerator, denominator = ratio
    cap = bonus * numerator // denominator
    # P-5: the fines are taken from the bonus first, as far as it goes (the rest is left to
    # payroll, not carried). They sit outside the cap unless the company counts the P-5.1 and
    # P-5.2 fines against it; then they use the cap up first.
    fines_taken = fines if fines <= bonus else bonus
    counted = counted if counted <= fines_taken else fines_taken
    room = bonus - fines_taken
    if cap - counted < room:
        room = cap - counted if cap > counted else 0
    # P-E3.2: the month's new cases join the queue, each on its own, after the older ones (a
    # zero charge is charged and closed at once). C-12.2: a case is deducted only once the GM
    # has approved its notice; until then it is held back, still owed.
    matched = 0  # the approvals that name a new case
    if charged:
        joining: list[_Case] = []
        for case, minor in charged:
            is_approved = case in approved
            matched += is_approved
            imposed += minor
            if not is_approved:
                held += minor
            if minor:
                joining.append((case, year, month, minor, minor, is_approved))
        queue += tuple(joining)
    # C-12.2: an earlier case held back is released when its notice is approved at this close.
    approved_now: tuple[str, ...] = ()
    unknown: tuple[object, ...] = ()
    if len(approved) > matched:  # some approvals name earlier cases
        queue, held, approved_now, unknown = _release(queue, held, approved, charged)
    # P-E3.4: the oldest approved case first, each case by itself (P-E3.2), until the room under
    # the cap is used up; what is left of a case stays open and is carried into the next month.
    deductions: list[tuple[str, int]] = []
    kept: list[_Case] = []  # the open cases looked at, as they stand after the month
    left = room
    looked_at = 0
    for entry in queue:
        if not left:  # the room is used up: the rest waits, untouched
            break
        looked_at += 1
        case, imposed_year, imposed_month, amount, outstanding, is_approved = entry
        if not is_approved:  # held back (C-12.2)
            kept.append(entry)
            continue
        take = outstanding if outstanding <= left else left
        left -= take
        deductions.append((case, take))
        if take < outstanding:
            kept.append((case, imposed_year, imposed_month, amount, outstanding - take, True))
    taken = room - left
    return (
        ((*kept, *queue[looked_at:]), imposed, deducted + taken, held, cur),
        cap,
        fines_taken,
        counted,
        approved_now,
        unknown,
        tuple(deductions),
        taken,
    )


def _release(
    queue: tuple[_Case, ...],
    held: int,
    approved: frozenset[str],
    charged: Sequence[tuple[str, int]],
) -> tuple[tuple[_Case, ...], int, tuple[str, ...], tuple[object, ...]]:
    """Release the held-back cases of ``queue`` whose notice is now ``approved`` (C-12.2).

    Returns the queue, what stays held back, the cases released (by identifier), and
    the approvals that name no case of this month's ``charged`` or of the queue.
    """
    on_account = {entry[0]: entry for entry in queue}
    earlier = sorted(approved.difference(case for case, _ in charged), key=str)
    unknown = tuple(case for case in earlier if case not in on_account)
    released = tuple(case for case in earlier if case in on_account and not on_account[case][5])
    if released:
        held -= sum(on_account[case][4] for case in released)
        queue = tuple((*entry[:5], True) if entry[0] in approved else entry for entry in queue)
    return queue, held, released, unknown


@functools.lru_cache(maxsize=64)
def _ratio(ratio: Decimal) -> tuple[int, int]:
    """The cap ratio as (numerator, denominator), kept for the next closes under it."""
    return ratio.as_integer_ratio()


def _cap_ratio_of(policy: Policy, version: PolicyVersion | None) -> tuple[int, int]:
    """A version's cap ratio as (numerator, denominator): what close_months keeps per version."""
    return _ratio(policy.penalties.monthly_cap_ratio)


def _open_case(entry: _Case, cur: Currency) -> OpenCase:
    """An open case of a ledger as an OpenCase."""
    case, year, month, amount, outstanding, approved = entry
    imposed = _money(amount, cur)
    owed = imposed if outstanding == amount else _money(outstanding, cur)
    return _open_case_of(case, year, month, imposed, owed, approved)


_FINES = "a sequence of Fine values from check_fine"


def _month_fines(
    fines: Sequence[Fine], bonus: Money, cur: Currency, policy: Policy, where: str
) -> tuple[int, int]:
    """The month's fines in minor units, and the part counted against the cap (P-5, P-E3.4)."""
    check_tuple_of(fines, "fines", where, Fine, expect=_FINES)
    for fine in fines:
        if not fine.valid:
            below = f"{fine.amount} for a {fine.sanction.value} below its minimum {fine.minimum}"
            raise refuse("fines", "valid", fine, where, shown=below)
        _amount(fine.amount, "fine amount", where, cur)
        if fine.sanction is Sanction.MAJOR_DEMERIT and fine.amount != bonus:
            whole = f"this month's whole bonus {bonus} (a major demerit forfeits it)"
            raise refuse("fine amount", whole, fine.amount, f"{where} P-5.3", must="equal")
    counted = 0
    if policy.penalties.fines_count_against_cap:  # the P-5.3 forfeit never counts
        counted = sum(f.amount.minor for f in fines if f.sanction is not Sanction.MAJOR_DEMERIT)
    return sum(f.amount.minor for f in fines), counted


def _new_charges(
    charges: Mapping[str, Money],
    account: PenaltyAccount,
    charged: Container[str],
    cur: Currency,
    where: str,
) -> tuple[tuple[str, int], ...]:
    """A month's charges as (case, minor units), sorted by case; each case new to the account.

    ``charges`` is ``None`` or a mapping and is not empty; ``charged`` holds every case
    charged so far.
    """
    new: list[tuple[str, int]] = []
    for case, amount in charges.items():
        if not isinstance(case, str) or not case:
            raise refuse("each case", "a non-empty str", case, where)
        if case in charged:
            raise account._charged_again(case, where)
        if amount.__class__ is not Money or amount.minor < 0 or amount.currency is not cur:
            _amount(amount, f"charge of case {case!r}", where, cur)
        new.append((case, amount.minor))
    new.sort()
    return tuple(new)


def _unknown_approval(case: object, argument: str, person: str, where: str) -> InvalidInputError:
    return InvalidInputError(
        f"{argument} names case {case!r}, which is neither charged this month nor open on "
        f"{person}'s account [{where} C-12.2]"
    )


_ACCOUNT = "PenaltyAccount P-E3.4"
_AMONG = "among the cases charged to the account"
_BALANCE = "deducted plus the outstanding balance"


@attrs.frozen
class PenaltyAccount:
    """One person's complaint charges over the months, as a value (P-E3.1, P-E3.4, C-12.2).

    Start one with [`start`][custpolicy.rules.penalties.PenaltyAccount.start];
    [`close_month`][custpolicy.rules.penalties.PenaltyAccount.close_month] closes a month, named by
    the caller, and returns a [`MonthClose`][custpolicy.rules.penalties.MonthClose] whose
    ``account`` is the state for the next month. Once only: the account knows the last month it
    closed and every case ever charged to it, so closing a month again, or charging a case again, is
    a [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError] that changes
    nothing. Months are closed in order: a skipped month is refused (close it, with a zero bonus if
    there was none).

    Attributes:
        person: whose account it is.
        year: the year of the next month to close.
        month: the next month to close.
        open_cases: the charges not yet fully deducted, oldest first (by month imposed, then
            by case identifier); held-back charges (no approved notice yet) among them.
        imposed: everything ever charged to the account.
        deducted: everything ever deducted from it.
        last_closed: the last month closed, as ``(year, month)``; ``None`` for a new account.
        cases: every case ever charged to the account (by default, the open cases).
    """

    person: str = attrs.field(validator=validate.text(clause=_ACCOUNT))
    year: int = attrs.field(validator=validate.integer(low=1, high=9999, clause=_ACCOUNT))
    month: int = attrs.field(validator=validate.integer(low=1, high=12, clause=_ACCOUNT))
    open_cases: tuple[OpenCase, ...] = attrs.field(
        validator=validate.tuple_of(OpenCase, clause=_ACCOUNT)
    )
    imposed: Money = attrs.field(validator=_non_negative(_ACCOUNT))
    deducted: Money = attrs.field(validator=_non_negative(_ACCOUNT))
    last_closed: tuple[int, int] | None = None
    cases: frozenset[str] = attrs.field(
        default=attrs.Factory(_cases_default, takes_self=True), converter=_cases
    )
    # The account's balance as plain data, for a close: from the fields of an account built in
    # full, or kept by the account a close returns (see _account), whose open_cases, imposed and
    # deducted are computed from it when read.
    _plain: _Ledger = attrs.field(
        default=attrs.Factory(_ledger_of, takes_self=True),
        init=False,
        repr=False,
        eq=False,
        hash=False,
    )

    if not TYPE_CHECKING:  # pragma: no branch (mypy would take any misspelt name for a field)

        def __getattr__(self, name: str) -> Any:
            """Compute a field a close left to its ledger (open_cases, imposed, deducted).

            Python calls this only for an attribute it cannot find, such as a slot never set.
            """
            if name not in _DEFERRED:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                )
            queue, imposed, deducted, _, cur = self._plain
            if name == "open_cases":
                return tuple(_open_case(entry, cur) for entry in queue)
            return _money(imposed if name == "imposed" else deducted, cur)

    def __attrs_post_init__(self) -> None:
        where = _ACCOUNT
        last = _check_last_closed(self.last_closed, where)
        if last is not None and last != _previous(self.year, self.month):
            expectation = (
                f"the month before the next month to close {self.year:04d}-{self.month:02d}"
            )
            raise refuse("last_closed", expectation, last, where, shown=_month_name(*last))
        cur = _amount(self.deducted, "deducted", where, self.imposed.currency).currency
        if not isinstance(self.cases, frozenset) or not all(isinstance(c, str) for c in self.cases):
            raise refuse("cases", "a set of case identifiers (str)", self.cases, where)
        seen: set[str] = set()
        for case in self.open_cases:
            _amount(case.outstanding, f"outstanding of case {case.case!r}", where, cur)
            if case.case in seen:
                raise InvalidInputError(f"case {case.case!r} is listed twice [{where}]")
            if case.case not in self.cases:
                cases = f"cases {sorted(self.cases)!r}"
                raise refuse(f"open case {case.case!r}", _AMONG, case, where, shown=cases)
            seen.add(case.case)
        outstanding = sum(c.outstanding.minor for c in self.open_cases)
        if self.imposed.minor != self.deducted.minor + outstanding:
            got = f"{self.imposed} != {self.deducted} + {_money(outstanding, cur)}"
            raise refuse("imposed", _BALANCE, self.imposed, where, shown=got, must="equal")

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
        if cls is not PenaltyAccount:  # a subclass: through its own constructor
            zero = Money.zero(cur)
            return cls(person, year, month, (), zero, zero)
        # the checks of the fields given, then the account as a close would leave it
        check_text(person, "person", _ACCOUNT)
        check_int(year, "year", _ACCOUNT, low=1, high=9999)
        check_int(month, "month", _ACCOUNT, low=1, high=12)
        return _account(person, year, month, None, _NONE, ((), 0, 0, 0, cur))

    @property
    def outstanding(self) -> Money:
        """What is still to be deducted, over every open case (held-back ones included)."""
        _, imposed, deducted, _, cur = self._plain
        return _money(imposed - deducted, cur)

    @property
    def held_back(self) -> Money:
        """What is owed on cases whose notice the GM has not yet approved (C-12.2)."""
        _, _, _, held, cur = self._plain
        return _money(held, cur)

    @property
    def currency(self) -> Currency:
        """The account's currency."""
        return self._plain[4]

    def _check_next(self, year: object, month: object, where: str) -> tuple[int, int]:
        """The month asked for, if it is the next one to close (P-E3.4: a month is closed once)."""
        year, month = _check_month(year, month, where)
        asked = (year, month)
        if asked == (self.year, self.month):
            return asked
        name = _month_name(year, month)
        last = self.last_closed
        if last is not None and asked <= last:
            raise PolicyViolationError(
                f"{self.person}'s month {name} is already closed (the account's last closed "
                f"month is {_month_name(*last)}): a month is closed once, nothing was charged "
                f"again [{where}]",
                clause=P_E3_4,
            )
        next_one = f"the account's next month to close, {_month_name(self.year, self.month)}"
        raise refuse("month", next_one, name, where, shown=name, hint=_IN_ORDER)

    def _charged_again(self, case: str, where: str) -> PolicyViolationError:
        return PolicyViolationError(
            f"case {case!r} is already charged to {self.person}'s account: a case is charged "
            f"once, nothing was charged again [{where}]",
            clause=P_E3_4,
        )

    def close_month(
        self,
        year: int,
        month: int,
        bonus: Money,
        *,
        charges: Mapping[str, Money] | None = None,
        approved: Collection[str] = (),
        fines: Sequence[Fine] = (),
        wage: Money | None = None,
        minimum_wage: Money | None = None,
        statute: StatutoryRules = PRC_WAGE_RULES,
        policy: Policy | PolicyBook = _DEFAULT_POLICY,
    ) -> MonthClose:
        """Close the month: fines, then approved complaint charges within the cap (P-E3.4, C-12.2).

        ``year`` and ``month`` name the month closed: it must be the account's next month
        (``account.year``, ``account.month``). A month already closed is a
        [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError] (P-E3.4: a month
        is closed once); a skipped month is refused. ``charges`` maps each case imposed this month
        to the person's amount (say, ``apportionment.person_amount(name)``); a case already charged
        to the account is a
        [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError]. ``approved``
        names the cases whose reward-and-penalty notice (獎罰通知單) the GM has approved by this
        close (C-12.2), this month's or earlier
        ones: only those are deducted; the others are held back, still owed, and explained.

        The month's administrative ``fines`` (P-5.1, P-5.2; a P-5.3 major demerit takes the whole
        bonus), each explained under its own clause, are taken from ``bonus`` first; any part
        the bonus cannot cover is reported in ``fines_uncovered``, not carried. By default they
        sit outside the cap; with ``policy.penalties.fines_count_against_cap`` the P-5.1 and
        P-5.2 fines use up the cap first. Complaint deductions then take at most ``bonus x
        policy.penalties.monthly_cap_ratio`` rounded down to the fen (less the fines counted
        against it), and never more than the bonus left after the fines: the oldest approved case
        first (by month imposed, then by case identifier), each case by itself (P-E3.2); the rest
        is carried. Everything deducted goes to the company (P-E3.1).

        Given ``wage`` and ``minimum_wage`` (both, or neither), the month's deductions are checked
        against ``statute`` (see [`statutory_check`][custpolicy.rules.penalties.statutory_check]); a
        conflict is reported in ``statutory``, and no deduction is changed.

        ``policy`` may be a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: the month is
        then closed under the version in force on its first day (M-1.9), recorded in ``version`` and
        cited first in the explanation; a month before the first version is a
        [`PolicyNotInForceError`][custpolicy.foundation.errors.PolicyNotInForceError].
        """
        where = "close_month P-E3.4"
        given: Policy | PolicyBook = policy
        if given.__class__ is not Policy:
            given = check_policy(given, where, book=True)
        if (
            year.__class__ is not int
            or month.__class__ is not int
            or year != self.year
            or month != self.month
        ):
            self._check_next(year, month, where)  # refuses: not the account's next month
        version = None
        if isinstance(given, PolicyBook):  # M-1.9: the version in force on the month's first day
            version = given.version_on(date(year, month, 1))
            given = version.policy
        policy = given
        if year == 9999:  # only 9999-12 cannot be closed
            _check_closable(year, month, 1, "month", where)
        ledger = self._plain
        cur = ledger[4]
        paid = bonus
        if bonus.__class__ is not Money or bonus.minor < 0 or bonus.currency is not cur:
            paid = _amount(bonus, "bonus", where, cur)  # refuses, or a currency equal to cur
        if charges.__class__ is not dict and charges is not None:
            check_mapping(charges, "charges", where, expect=_CHARGES)
        if not approved:
            approvals = _NONE
        elif approved.__class__ is frozenset and all(map(isinstance, approved, _STR)):
            approvals = approved  # the common case: no copy
        else:
            approvals = _check_approved(approved, "approved", where)
        fines_minor = counted = 0
        if fines.__class__ is not tuple and not isinstance(fines, list):
            raise refuse("fines", _FINES, fines, where)
        if fines:
            fines_minor, counted = _month_fines(fines, paid, cur, policy, where)
        if (wage is None) != (minimum_wage is None):
            got = f"wage={wage!r}, minimum_wage={minimum_wage!r}"
            raise refuse("wage and minimum_wage", "given together", wage, where, shown=got)
        if wage is not None:
            statute = check_instance(statute, "statute", where, StatutoryRules, expect=_STATUTE)
        new = _new_charges(charges, self, self.cases, cur, where) if charges else ()
        cap_ratio = policy.penalties.monthly_cap_ratio
        ledger, cap, fines_taken, counted, approved_now, unknown, deductions, deducted = (
            _close_step(
                ledger,
                year,
                month,
                paid.minor,
                new,
                approvals,
                _ratio(cap_ratio),
                fines_minor,
                counted,
            )
        )
        if unknown:
            raise _unknown_approval(unknown[0], "approved", self.person, where)
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        account = _account(
            self.person,
            next_year,
            next_month,
            (year, month),
            self.cases.union(charges or ()) if new else self.cases,
            ledger,
        )
        statutory = None
        if wage is not None and minimum_wage is not None:
            statutory = _statutory(
                _money(deducted, cur),
                _money(fines_taken, cur),
                _amount(wage, "wage", where, cur),
                _amount(minimum_wage, "minimum_wage", where, cur),
                statute,
            )
        return _month_close(
            account,
            (
                self,
                paid,
                cap_ratio,
                cap,
                fines_taken,
                fines_minor - fines_taken,
                counted,
                new,
                approved_now,
                deductions,
                tuple(fines),
                statutory,
                version,
                deducted,
            ),
        )

    def close_months(
        self,
        year: int,
        month: int,
        bonuses: Sequence[Money],
        *,
        charges: Sequence[Mapping[str, Money] | None] | None = None,
        approved: Sequence[Collection[str] | None] | None = None,
        policy: Policy | PolicyBook = _DEFAULT_POLICY,
    ) -> Schedule:
        """Close several months in a row, with complaint charges only (P-E3.4, C-12.2).

        The same rule as [`close_month`][custpolicy.rules.penalties.PenaltyAccount.close_month], the
        same step applied month after month (no fines or wage figures), kept in whole minor units
        between months, for analysts projecting many people over many months. ``year`` and ``month``
        name the first month, which must be the account's next month to close (a month already
        closed is a [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError]).
        ``charges[i]`` are the cases imposed in the i-th month and ``approved[i]`` the cases whose
        notice the GM has approved by the i-th close (``None`` or empty for none; the lists may be
        shorter than ``bonuses``). The [`Schedule`][custpolicy.rules.penalties.Schedule] gives each
        month's deduction, carry and held-back amount at once, and every month's
        [`MonthClose`][custpolicy.rules.penalties.MonthClose], with its explanation, on demand.
        Given a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook], each month is closed under
        the version in force on its first day (M-1.9): the cap ratio may change between months.

        Examples:
            >>> cny = lambda amount: Money(amount, "CNY")
            >>> plan = PenaltyAccount.start("Chen", 2026, 2).close_months(
            ...     2026, 2, [cny("1000.00"), cny("0"), cny("1200.01"), cny("1000.00")],
            ...     charges=[{"260201": cny("1349.99")}], approved=[{"260201"}])
            >>> [str(amount) for amount in plan.deducted]
            ['CNY 500.00', 'CNY 0.00', 'CNY 600.00', 'CNY 249.99']
            >>> plan.account.outstanding, plan.account.last_closed
            (Money('0.00', 'CNY'), (2026, 5))
        """
        where = "close_months P-E3.4"
        policy = check_policy(policy, where, book=True)
        self._check_next(year, month, where)
        cur = self.currency
        expect = "a list or tuple of Money, one per month"
        if not isinstance(bonuses, (list, tuple)):
            raise refuse("bonuses", expect, bonuses, where)
        count = len(bonuses)
        if count:
            _check_closable(year, month, count, "bonuses", where)
        rows = f"a list or tuple of at most one {{}} per month ({count})"
        for name, given, each, at in (
            ("charges", charges, "mapping", where),
            ("approved", approved, "collection of cases", f"{where} C-12.2"),
        ):
            if given is not None and (not isinstance(given, (list, tuple)) or len(given) > count):
                raise refuse(name, rows.format(each), given, at)
        charges = () if charges is None else charges
        approved = () if approved is None else approved
        # M-1.9: each month under the version in force on its first day, found once per month
        ratios = PerVersion(policy, _cap_ratio_of)
        single = ratios.single
        ledger = self._plain
        last = self.last_closed
        cases = set(self.cases)  # every case charged so far, this run's too
        bonus_rows: list[int] = []
        charged_rows: list[tuple[tuple[str, int], ...]] = []
        approved_rows: list[tuple[str, ...]] = []
        deducted_rows: list[int] = []
        carried_rows: list[int] = []
        held_rows: list[int] = []
        for index, bonus in enumerate(bonuses):
            if bonus.__class__ is not Money or bonus.minor < 0 or bonus.currency is not cur:
                _amount(bonus, f"bonuses[{index}]", where, cur)
            month_charges = charges[index] if index < len(charges) else None
            if month_charges.__class__ is not dict and month_charges is not None:
                check_mapping(month_charges, f"charges[{index}]", where, expect=_CHARGES)
            month_approved = approved[index] if index < len(approved) else None
            if not month_approved:
                approvals = _NONE
            elif month_approved.__class__ is frozenset:  # a non-str in it matches no case
                approvals = month_approved
            else:
                approvals = _check_approved(month_approved, f"approved[{index}]", where)
            new = _new_charges(month_charges, self, cases, cur, where) if month_charges else ()
            ratio = single if single is not None else ratios.on(date(year, month, 1))
            # the month's close: the same step as close_month's, without fines
            ledger, _, _, _, _, unknown, _, deducted = _close_step(
                ledger, year, month, bonus.minor, new, approvals, ratio
            )
            if unknown:
                raise _unknown_approval(unknown[0], f"approved[{index}]", self.person, where)
            if new:
                cases.update(month_charges or ())
            _, imposed, deducted_total, held, _ = ledger
            bonus_rows.append(bonus.minor)
            charged_rows.append(new)
            approved_rows.append(tuple(sorted(approvals)) if approvals else ())
            deducted_rows.append(deducted)
            carried_rows.append(imposed - deducted_total - held)
            held_rows.append(held)
            last = (year, month)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        queue, imposed, deducted_total, held, _ = ledger
        account = _account(
            self.person,
            year,
            month,
            last,
            frozenset(cases) if len(cases) > len(self.cases) else self.cases,
            (queue, imposed, deducted_total, held, cur),
        )
        return _schedule(
            self,
            account,
            policy,
            tuple(bonus_rows),
            tuple(charged_rows),
            tuple(approved_rows),
            tuple(deducted_rows),
            tuple(carried_rows),
            tuple(held_rows),
        )


_DEFERRED = frozenset({"open_cases", "imposed", "deducted"})
_account: Callable[
    [str, int, int, tuple[int, int] | None, frozenset[str], _Ledger], PenaltyAccount
] = trusted(PenaltyAccount, ("person", "year", "month", "last_closed", "cases", "_plain"))
"""The account after a close, from values the close has checked (internal hot path).

It keeps the ledger and leaves ``open_cases``, ``imposed`` and ``deducted`` to be computed from
it when read (see ``PenaltyAccount.__getattr__``), so a run of closes builds no OpenCase or
Money that nobody reads. The account is equal to one built in full."""


_SCHEDULE = "Schedule P-E3.4"


def _is_account(where: str) -> validate.Validator:
    return validate.instance_of(PenaltyAccount, clause=where)


def _minor(where: str) -> validate.Validator:
    """An amount in minor units, not negative."""
    return validate.integer(low=0, clause=where)


def _minors(where: str) -> validate.Validator:
    """A tuple of amounts in minor units, one per month."""
    return validate.tuple_of(int, clause=where)


def _pairs(where: str) -> validate.Validator:
    """A tuple of (case, minor units) pairs."""
    return validate.tuple_of(tuple, clause=where)


@attrs.frozen(kw_only=True)
class Schedule(Explained):
    """Several months of a penalty account closed in a row (P-E3.4, C-12.2).

    Attributes:
        start: the account before the first month.
        account: the account after the last month.
        policy: the policy the months were closed under, or the
            [`PolicyBook`][custpolicy.foundation.policy.PolicyBook] whose versions were (each month
            under the version in force on its first day, M-1.9).
        bonus_minor: each month's bonus, in minor units.
        charged_minor: each month's new cases and their amounts, by case identifier.
        approved_cases: the cases each month's close was told the GM approved.
        deducted_minor: each month's complaint deductions, in minor units.
        carried_minor: what each month carries into the next on approved cases, in minor units.
        held_minor: what each month holds back for want of an approved notice, in minor units.
    """

    _lines = Lines("months")

    start: PenaltyAccount = attrs.field(validator=_is_account(_SCHEDULE))
    account: PenaltyAccount = attrs.field(validator=_is_account(_SCHEDULE))
    policy: Policy | PolicyBook = attrs.field(
        repr=False,
        validator=validate.instance_of(
            cast("type", Policy | PolicyBook), expect="a Policy or a PolicyBook", clause=_SCHEDULE
        ),
    )
    bonus_minor: tuple[int, ...] = attrs.field(validator=_minors(_SCHEDULE))
    charged_minor: tuple[tuple[tuple[str, int], ...], ...] = attrs.field(
        validator=validate.tuple_of(tuple, clause=_SCHEDULE)
    )
    approved_cases: tuple[tuple[str, ...], ...] = attrs.field(
        validator=validate.tuple_of(tuple, clause=_SCHEDULE)
    )
    deducted_minor: tuple[int, ...] = attrs.field(validator=_minors(_SCHEDULE))
    carried_minor: tuple[int, ...] = attrs.field(validator=_minors(_SCHEDULE))
    held_minor: tuple[int, ...] = attrs.field(validator=_minors(_SCHEDULE))

    _record_fields = ("start", "account", "deducted", "carried", "held_back")

    @property
    def deducted(self) -> tuple[Money, ...]:
        """Each month's complaint deductions."""
        cur = self.start.currency
        return tuple(_money(minor, cur) for minor in self.deducted_minor)

    @property
    def months(self) -> tuple[MonthClose, ...]:
        """Every month closed, with its explanation (built on demand with close_month)."""
        cur = self.start.currency
        account, closed = self.start, []
        for bonus, charged, approved in zip(
            self.bonus_minor, self.charged_minor, self.approved_cases, strict=True
        ):
            month = account.close_month(
                account.year,
                account.month,
                _money(bonus, cur),
                charges={case: _money(minor, cur) for case, minor in charged},
                approved=approved,
                policy=self.policy,
            )
            closed.append(month)
            account = month.account
        return tuple(closed)

    @property
    def carried(self) -> tuple[Money, ...]:
        """What each month carries into the next on approved cases."""
        cur = self.start.currency
        return tuple(_money(minor, cur) for minor in self.carried_minor)

    @property
    def held_back(self) -> tuple[Money, ...]:
        """What each month holds back for want of an approved notice (C-12.2)."""
        cur = self.start.currency
        return tuple(_money(minor, cur) for minor in self.held_minor)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every month's explanation, in order."""
        return tuple(reason for month in self.months for reason in month.reasons)


_schedule: Callable[..., Schedule] = trusted(Schedule)
_currency = currency


_MONTH = "MonthClose P-E3.4"


@attrs.frozen(kw_only=True)
class MonthClose(Explained):
    """One month of a penalty account, closed (P-E3.1, P-E3.2, P-E3.4, C-12.2).

    The amounts are kept in whole minor units and read as
    [`Money`][custpolicy.foundation.money.Money] through the properties, so closing many months
    stays cheap. Every charge is either deducted, carried or held back: ``brought_forward + charged
    = deducted + carried + held_back``, to the fen.

    Attributes:
        previous: the account before the month (its ``year`` and ``month`` are the month
            closed).
        account: the account's state for the next month.
        bonus: the month's performance bonus (效益獎金).
        cap_ratio: the share of the bonus complaint deductions may take.
        cap_minor: the cap in minor units: ``bonus x cap_ratio``, rounded down.
        fines_minor: the administrative fines taken from the bonus.
        uncovered_minor: the part of the fines the bonus could not cover (not carried).
        counted_minor: the P-5.1 and P-5.2 fines counted against the cap (only with
            ``penalties.fines_count_against_cap``).
        charged_minor: the cases imposed this month and their amounts, by case identifier.
        approved_now: earlier held-back cases whose notice was approved at this close.
        deducted_minor: the amount deducted per case this month, oldest case first.
        fine_items: the month's fines, each explained under its own clause.
        statutory: the check against the statute, when the wage was given.
        version: the version of the [`PolicyBook`][custpolicy.foundation.policy.PolicyBook] given,
            the one in force on the month's first day (M-1.9); ``None`` when a Policy was
            given. The explanation then opens with it.
    """

    previous: PenaltyAccount = attrs.field(validator=_is_account(_MONTH))
    account: PenaltyAccount = attrs.field(validator=_is_account(_MONTH))
    bonus: Money = attrs.field(validator=_non_negative(_MONTH))
    cap_ratio: Decimal = attrs.field(validator=validate.decimal(low=0, high=1, clause=_MONTH))
    cap_minor: int = attrs.field(validator=_minor(_MONTH))
    fines_minor: int = attrs.field(validator=_minor(_MONTH))
    uncovered_minor: int = attrs.field(validator=_minor(_MONTH))
    counted_minor: int = attrs.field(validator=_minor(_MONTH))
    charged_minor: tuple[tuple[str, int], ...] = attrs.field(validator=_pairs(_MONTH))
    approved_now: tuple[str, ...] = attrs.field(validator=validate.tuple_of(str, clause=_MONTH))
    deducted_minor: tuple[tuple[str, int], ...] = attrs.field(validator=_pairs(_MONTH))
    fine_items: tuple[Fine, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Fine, clause=_MONTH)
    )
    statutory: StatutoryCheck | None = attrs.field(
        repr=False,
        validator=validate.instance_of(StatutoryCheck, optional=True, clause=_MONTH),
    )
    version: PolicyVersion | None = attrs.field(
        default=None,
        repr=False,
        eq=False,
        validator=validate.instance_of(PolicyVersion, optional=True, clause=_MONTH),
    )
    # The fields but ``account`` as plain data, kept by close_month (see _month_close).
    _plain: tuple[Any, ...] | None = attrs.field(
        default=None, init=False, repr=False, eq=False, hash=False
    )

    if not TYPE_CHECKING:  # pragma: no branch (mypy would take any misspelt name for a field)

        def __getattr__(self, name: str) -> Any:
            """Read a field close_month kept as plain data (all but ``account``).

            Python calls this only for an attribute it cannot find, such as a slot never set.
            """
            index = _MONTH_CLOSE_DEFERRED.get(name)
            if index is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                )
            return self._plain[index]

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
        "held_back",
        "fines",
        "fines_uncovered",
        "company_receives",
    )

    def _money(self, minor: int) -> Money:
        return _money(minor, self.bonus.currency)

    def _in_force(self) -> InForce:
        """The book's version that applied, on the month's first day (M-1.9)."""
        assert self.version is not None  # asked for only when a book was given
        return InForce(as_of=date(self.year, self.month, 1), version=self.version)

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
        """The administrative fines taken from the bonus."""
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
        plain = self._plain  # close_month keeps the total too
        if plain is None:
            return _money(sum(map(_second, self.deducted_minor)), self.bonus.currency)
        return _money(plain[_TOTAL], plain[1].currency)

    @property
    def brought_forward(self) -> Money:
        """What was outstanding before the month (held-back charges included)."""
        return self.previous.outstanding

    @property
    def held(self) -> tuple[tuple[str, Money], ...]:
        """The cases held back at this close for want of an approved notice (C-12.2)."""
        return tuple((c.case, c.outstanding) for c in self.account.open_cases if not c.approved)

    @property
    def held_back(self) -> Money:
        """What is held back for want of an approved notice, still owed (C-12.2)."""
        return self.account.held_back

    @property
    def carried(self) -> Money:
        """What is carried into the next month on approved cases."""
        return self.account.outstanding - self.account.held_back

    @property
    def company_receives(self) -> Money:
        """What goes to the company this month: complaint deductions and fines (P-E3.1)."""
        return self.deducted + self.fines

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Built on demand: the cap, the fines, each case, what is held back, the carry, the law."""
        month = _month_name(self.year, self.month)
        percent = _percent(self.cap_ratio)
        lines = [] if self.version is None else list(self._in_force().reasons)
        lines += [
            Reason.of(
                "account.cap",
                P_E3_4,
                en="{person}, {month}: performance bonus {bonus}; complaint deductions may take "
                "at most {percent} % of it, rounded down: {cap}",
                zh="{person}，{month}：效益獎金{bonus}；投訴罰扣最高為其{percent}%（捨去至最小"
                "貨幣單位）：{cap}",
                person=self.person,
                month=month,
                bonus=self.bonus,
                percent=percent,
                cap=self.cap,
            )
        ]
        for fine in self.fine_items:
            counted = fine.sanction is not Sanction.MAJOR_DEMERIT and bool(self.counted_minor)
            lines.append(
                Reason.of(
                    "account.fine",
                    fine.clause,
                    en="{sanction} x {count}: a fine of {amount} is taken from the bonus, "
                    + ("counted against the cap" if counted else "outside the cap"),
                    zh="{sanction}{count}次：自效益獎金罰扣{amount}，"
                    + ("計入上限" if counted else "不受上限限制"),
                    sanction=fine.sanction,
                    count=fine.count,
                    amount=fine.amount,
                )
            )
        if self.uncovered_minor:
            lines.append(
                Reason.of(
                    "account.fines_uncovered",
                    P_E3_1,
                    en="the fines come to more than the bonus: {uncovered} of them is left to "
                    "payroll, not carried",
                    zh="行政罰扣超出效益獎金：其中{uncovered}交由工資結算處理，不予結轉",
                    uncovered=self.fines_uncovered,
                )
            )
        if self.counted_minor:
            lines.append(
                Reason.of(
                    "account.counted",
                    P_E3_4,
                    en="the fines of {counted} count against the cap "
                    "(penalties.fines_count_against_cap), leaving {room} for complaint deductions",
                    zh="行政罰扣{counted}計入上限，投訴罰扣尚可扣除{room}",
                    counted=self._money(self.counted_minor),
                    room=self._money(max(0, self.cap_minor - self.counted_minor)),
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
        for case in self.approved_now:
            lines.append(
                Reason.of(
                    "account.approved",
                    C_12_2,
                    en="case {case}: the GM has approved its reward-and-penalty notice, so it is "
                    "deducted from this month",
                    zh="案件{case}：獎罰通知單已經總經理核准，自本月起扣除",
                    case=case,
                )
            )
        if self.brought_forward:
            lines.append(
                Reason.of(
                    "account.brought_forward",
                    P_E3_4,
                    en="{amount} was carried in from earlier months and is taken first",
                    zh="前期結轉{amount}，優先扣除",
                    amount=self.brought_forward,
                )
            )
        if not self.bonus:
            lines.append(
                Reason.of(
                    "account.no_bonus",
                    P_E3_4,
                    en="no bonus this month, so nothing is deducted",
                    zh="本月無效益獎金，不予扣除",
                )
            )
        for case, amount in self.deductions:
            lines.append(
                Reason.of(
                    "account.deducted",
                    P_E3_4,
                    en="case {case}: {amount} deducted",
                    zh="案件{case}：扣除{amount}",
                    case=case,
                    amount=amount,
                )
            )
        for case, amount in self.held:
            lines.append(
                Reason.of(
                    "account.held",
                    C_12_2,
                    en="case {case}: no reward-and-penalty notice approved by the GM yet, so its "
                    "{amount} is held back: not deducted, still owed",
                    zh="案件{case}：獎罰通知單尚未經總經理核准，其{amount}暫不扣除，仍屬應扣",
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
                zh="本月自效益獎金扣除{deducted}；公司收取{receives}",
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


# the fields but ``account``, by their place in the plain tuple
_MONTH_CLOSE_DEFERRED = {
    name: index
    for index, name in enumerate(
        field.name for field in attrs.fields(MonthClose)[:-1] if field.name != "account"
    )
}
_TOTAL = len(_MONTH_CLOSE_DEFERRED)  # then the month's total deduction
_month_close: Callable[[PenaltyAccount, tuple[Any, ...]], MonthClose] = trusted(
    MonthClose, ("account", "_plain")
)
"""A MonthClose from values close_month has computed (internal hot path).

It sets ``account`` and keeps the other fields, in their order, and the month's total deduction
as one plain tuple, read through ``__getattr__``. It is equal to one built in full."""
