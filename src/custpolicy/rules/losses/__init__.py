"""Complaint losses: how much was lost, why, who is charged and how it is shared (通用3).

The clauses this module encodes, in our own words:

- **P-1** After responsibility is ruled, the goods get one calendar month to be resold. Sold in
  time, the loss is the A-grade price times the quantity less the resale proceeds, never below
  zero; not sold (or sold too late), the loss is the actual loss.
- **P-4** A complaint's cause is one of fifteen categories; **C-5** every complaint is either a
  quality complaint or a non-quality (human-error) one.
- **P-E1** Manufacturing: charge the smallest team unit where the fault arose, or the whole
  section when that cannot be told. **P-E2** Sales and service: charge the individual, or the
  department when that cannot be told.
- **P-2** The general manager's office rules on responsibility before the 10th of each month.
  One party at fault bears the whole loss; several share it by responsibility ratio.
  **P-E3.3** A unit's charge is split among its members by base points; **P-E4** a charge to a
  whole section is spread the same way. **P-E3.2** Each case is computed and rounded on its own.

Both levels of a split are largest remainder on whole fen
([`custpolicy.foundation.money.allocate`][]),
so each level adds up exactly to its total.

Examples:
    >>> from custpolicy.foundation.money import Money
    >>> team = Unit("Team A", UnitKind.TEAM, {"Chen": 3, "Lin": 2, "Wang": 2})
    >>> split = apportion(Money("1000.00", "CNY"), {team: 7, Person("Li"): 3})
    >>> split.unit_amount("Team A"), split.person_amount("Li")
    (Money('700.00', 'CNY'), Money('300.00', 'CNY'))
    >>> [str(split.person_amount(name)) for name in ("Chen", "Lin", "Wang")]
    ['CNY 300.00', 'CNY 200.00', 'CNY 200.00']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal, cast

import attrs
from dateutil.relativedelta import relativedelta

from custpolicy.foundation import validate
from custpolicy.foundation.clauses import C_5, P_1, P_2, P_4, P_E1, P_E2, P_E3_2, P_E3_3, P_E4, Lang
from custpolicy.foundation.deadlines import Deadline, monthly_deadline
from custpolicy.foundation.errors import InvalidInputError, UnknownKeyError
from custpolicy.foundation.explain import Choice, Explained, Lines, Reason, check_lang
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import Allocation, Currency, Money, allocate
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.validate import (
    check_date,
    check_instance,
    check_int,
    check_mapping,
    check_money,
    check_number,
    check_policy,
    check_text,
    refuse,
)

__all__ = [
    "Apportionment",
    "Attribution",
    "Cause",
    "Classification",
    "ComplaintKind",
    "Function",
    "LossBasis",
    "PartyCharge",
    "Person",
    "Unit",
    "UnitKind",
    "apportion",
    "attribute",
    "classify_complaint",
    "loss_basis",
    "ruling_deadline",
]

_DEFAULT_POLICY = Policy()
_money: Callable[[int, Currency], Money] = validate.trusted(Money)
"""A Money from minor units already computed here (a sum of split parts), without checks."""


_AMOUNT = "Money of at least 0"


_RESPONSIBILITY = "a mapping of each Person or Unit to its ratio"


def _amount(value: object, argument: str, where: str, currency: Currency | None = None) -> Money:
    """``value`` if it is Money, not negative (P-1 says so), and in ``currency`` when given."""
    return check_money(
        value, argument, where, sign="non-negative", currency=currency, expect=_AMOUNT
    )


def _weight(value: object, argument: str, where: str) -> Decimal | int:
    """``value`` if it is an int or a finite Decimal, not negative: a ratio or base points."""
    return check_number(value, argument, where, low=0)


# -- P-1: the loss basis ------------------------------------------------------------------------


@attrs.frozen
class LossBasis(Explained):
    """The loss of a complaint case under P-1, and which branch of the rule gave it.

    Attributes:
        loss: the loss to apportion.
        branch: ``"resale"`` (A-grade price x quantity - proceeds, never below zero) or
            ``"actual"`` (the actual loss the caller gave).
        ruling: the date responsibility was ruled.
        resale_deadline: the last day a resale counts (ruling + the resale months).
        reasons: the explanation.
    """

    loss: Money = attrs.field(validator=validate.money(sign="non-negative", clause="P-1"))
    branch: Literal["resale", "actual"] = attrs.field(
        validator=validate.choice(("resale", "actual"), clause="P-1")
    )
    ruling: date = attrs.field(validator=validate.date(clause="P-1"))
    resale_deadline: date = attrs.field(validator=validate.date(clause="P-1"))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause="P-1")
    )


def loss_basis(
    *,
    ruling: date,
    a_grade_price: Money,
    quantity: Decimal | int,
    sold_on: date | None = None,
    proceeds: Money | None = None,
    actual_loss: Money | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> LossBasis:
    """The loss of a complaint case: resale within the month, or the actual loss (P-1).

    The goods may be resold within ``policy.penalties.resale_months`` calendar months of the
    ruling (python-dateutil ``relativedelta``: 31 January + 1 month is 28 or 29 February; that
    last day still counts). Resold in time, the loss is ``a_grade_price x quantity -
    proceeds`` (the product rounded half-up to the fen), never below zero. Not resold, or
    resold too late, the loss is ``actual_loss``, which the caller must then give. A sale
    dated before the ruling is an error. Judge the case under the policy in force on the
    ruling date: ``book.in_force(ruling).policy`` (M-1.9).

    Examples:
        >>> from datetime import date
        >>> basis = loss_basis(
        ...     ruling=date(2026, 1, 31), a_grade_price=Money("12.50", "CNY"), quantity=100,
        ...     sold_on=date(2026, 2, 28), proceeds=Money("900.00", "CNY"))
        >>> basis.loss, basis.branch
        (Money('350.00', 'CNY'), 'resale')
        >>> print(basis.explain())
        P-1 ruling on 2026-01-31: resale counts until 2026-02-28 (1 calendar month)
        P-1 resold on 2026-02-28, within the month: loss = A-grade price CNY 12.50 x 100 = \
CNY 1,250.00, less proceeds CNY 900.00 = CNY 350.00
    """
    where = "loss_basis P-1"
    policy = check_policy(policy, where)
    ruling = check_date(ruling, "ruling", where)
    price = _amount(a_grade_price, "a_grade_price", where)
    quantity = check_number(quantity, "quantity", where)
    if quantity <= 0:
        raise refuse("quantity", "positive", quantity, where)
    if actual_loss is not None:
        _amount(actual_loss, "actual_loss", where, price.currency)
    months = policy.penalties.resale_months
    try:
        deadline = ruling + relativedelta(months=months)
    except (ValueError, OverflowError):  # past 9999-12-31, such as an open-ended ruling date
        shown = f"ruling {ruling!r} and resale_months {months!r}"
        raise refuse(
            "ruling + penalties.resale_months",
            f"no later than {date.max}",
            None,
            where,
            shown=shown,
        ) from None
    reasons = [
        Reason.of(
            "loss.window",
            P_1,
            en="ruling on {ruling}: resale counts until {deadline} ({months} calendar month"
            + ("s)" if months > 1 else ")"),
            zh="職責判定日{ruling}：轉售期至{deadline}止（{months}個月）",
            ruling=ruling,
            deadline=deadline,
            months=months,
        )
    ]
    if sold_on is None and proceeds is not None:
        shown = f"proceeds {proceeds!r} and no sale date"
        raise refuse("proceeds", "sold_on", None, where, shown=shown, must="come with")
    if sold_on is None:
        return _actual(actual_loss, ruling, deadline, reasons, where, late=None)
    sold = check_date(sold_on, "sold_on", where)
    if sold < ruling:
        before = f"before the ruling on {ruling.isoformat()}"
        raise refuse("sold_on", before, None, where, shown=sold.isoformat(), must="not be")
    if proceeds is None:
        expectation = f"given when the goods were sold (sold_on {sold.isoformat()})"
        raise refuse("proceeds", expectation, proceeds, where)
    received = _amount(proceeds, "proceeds", where, price.currency)
    if sold > deadline:
        return _actual(actual_loss, ruling, deadline, reasons, where, late=sold)
    gross = price * quantity
    net = gross - received
    loss = net if net.minor > 0 else Money.zero(price.currency)
    reasons.append(
        Reason.of(
            "loss.resale",
            P_1,
            en="resold on {sold}, within the month: loss = A-grade price {price} x {quantity} = "
            "{gross}, less proceeds {proceeds} = {loss}"
            + (" (never below zero)" if net.minor < 0 else ""),
            zh="於{sold}轉售，在轉售期內：損失 = A級售價{price} × {quantity} = {gross}，"
            "減轉售所得{proceeds} = {loss}" + ("（不低於零）" if net.minor < 0 else ""),
            sold=sold,
            price=price,
            quantity=quantity,
            gross=gross,
            proceeds=received,
            loss=loss,
        )
    )
    if actual_loss is not None:
        reasons.append(
            Reason.of(
                "loss.actual_unused",
                P_1,
                en="the actual loss given ({actual}) does not apply: the goods were resold in time",
                zh="所給實際損失（{actual}）不適用：貨品已於轉售期內售出",
                actual=actual_loss,
            )
        )
    return LossBasis(loss, "resale", ruling, deadline, tuple(reasons))


def _actual(
    actual_loss: Money | None,
    ruling: date,
    deadline: date,
    reasons: list[Reason],
    where: str,
    *,
    late: date | None,
) -> LossBasis:
    if actual_loss is None:
        why = (
            "the goods were not resold"
            if late is None
            else f"the resale on {late.isoformat()} came after {deadline.isoformat()}"
        )
        raise refuse("actual_loss", f"given: {why}", actual_loss, where)
    if late is None:
        reasons.append(
            Reason.of(
                "loss.actual",
                P_1,
                en="not resold: the loss is the actual loss, {loss}",
                zh="未售出：以實際損失金額{loss}計",
                loss=actual_loss,
            )
        )
    else:
        reasons.append(
            Reason.of(
                "loss.late",
                P_1,
                en="resold on {sold}, after the month ended on {deadline}: the loss is the "
                "actual loss, {loss}",
                zh="於{sold}售出，已逾轉售期（至{deadline}止）：以實際損失金額{loss}計",
                sold=late,
                deadline=deadline,
                loss=actual_loss,
            )
        )
    return LossBasis(actual_loss, "actual", ruling, deadline, tuple(reasons))


# -- P-4 and C-5: causes and kinds ---------------------------------------------------------------


class ComplaintKind(Choice):
    """The two kinds of complaint (C-5)."""

    NON_QUALITY = "non-quality"
    QUALITY = "quality"


ComplaintKind._labels = {
    ComplaintKind.NON_QUALITY: ("non-quality (human error)", "非品質異常（人為因素）"),
    ComplaintKind.QUALITY: ("quality", "品質異常"),
}


_CAUSE_LABELS: dict[int, tuple[str, str]] = {
    1: ("wrong documents or samples", "票據錯誤或附樣等資料錯誤"),
    2: ("a financial mistake", "財務錯誤"),
    3: ("materials not prepared or used per the production spec", "未依製作規範備料、用料"),
    4: ("rejected products mixed into good stock", "剔除的不合格品混入正常品繳庫"),
    5: ("shipped beyond the accepted range without consent", "交運超出應收範圍未經客戶同意"),
    6: ("production data reduced without authority", "擅自減少有關生產資料"),
    7: ("a special quality need not passed on by sales", "業務人員未反映特殊品質要求"),
    8: ("an order recorded wrongly", "訂單誤記"),
    9: ("late delivery", "交貨延遲"),
    10: ("a shipping mistake", "裝運錯誤"),
    11: ("a wrong delivery note", "交貨單誤記致交運錯誤"),
    12: ("poor storage or transport", "倉儲保管不當或運輸問題"),
    13: ("markings not to specification", "外觀標示不符規格"),
    14: ("inspection data that do not match", "檢驗資料不符"),
    15: ("other", "其他"),
}


class Cause(Choice):
    """The fifteen complaint causes of P-4, numbered as in the source."""

    DOCUMENT_ERROR = 1
    FINANCIAL_ERROR = 2
    OFF_SPEC_MATERIALS = 3
    REJECTS_MIXED_IN = 4
    OVER_SHIPMENT = 5
    PRODUCTION_DATA_REDUCED = 6
    QUALITY_NEED_NOT_PASSED_ON = 7
    ORDER_MISRECORDED = 8
    LATE_DELIVERY = 9
    SHIPPING_ERROR = 10
    DELIVERY_NOTE_ERROR = 11
    STORAGE_OR_TRANSPORT = 12
    MARKING_OFF_SPEC = 13
    INSPECTION_DATA_MISMATCH = 14
    OTHER = 15

    @property
    def number(self) -> int:
        """The cause's number in the source list (1-15)."""
        return int(self.value)

    def label(self, lang: Lang = "en") -> str:
        """The cause's name in ``lang``, with its number.

        Examples:
            >>> Cause.LATE_DELIVERY.label("zh-Hant")
            '9. 交貨延遲'
        """
        en, zh = _CAUSE_LABELS[self.value]
        return f"{self.value}. {in_lang(check_lang(lang, 'Cause.label'), en, zh)}"


@attrs.frozen
class Classification(Explained):
    """A complaint's cause (P-4) and kind (C-5), as ruled."""

    cause: Cause = attrs.field(validator=validate.choice(Cause, clause="P-4"))
    kind: ComplaintKind = attrs.field(validator=validate.choice(ComplaintKind, clause="C-5"))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause="P-4")
    )


def classify_complaint(
    cause: Cause | int, kind: ComplaintKind, *, policy: Policy = _DEFAULT_POLICY
) -> Classification:
    """Record a complaint's cause and its kind, quality or non-quality (P-4, C-5).

    The source lists the fifteen causes (P-4) and the two kinds (C-5) but does not map one onto
    the other: the quality department rules on the kind when it traces the cause (通用4, 七),
    so the caller gives both. ``cause`` is a [`Cause`][custpolicy.rules.losses.Cause] or its number
    in the source list.

    Examples:
        >>> found = classify_complaint(9, ComplaintKind.NON_QUALITY)
        >>> found.cause
        Cause.LATE_DELIVERY
        >>> print(found.explain("zh-Hant"))
        P-4 投訴原因：9. 交貨延遲
        C-5 判定為非品質異常（人為因素）投訴
    """
    where = "classify_complaint P-4/C-5"
    check_policy(policy, where)
    expect = "a Cause or a cause number from 1 to 15"
    found = (
        cause
        if isinstance(cause, Cause)
        else Cause(check_int(cause, "cause", where, expect=expect, low=1, high=15))
    )
    expect = "ComplaintKind.QUALITY or ComplaintKind.NON_QUALITY"
    kind = check_instance(kind, "kind", where, ComplaintKind, expect=expect)
    reasons = (
        Reason.of("complaint.cause", P_4, en="cause: {cause}", zh="投訴原因：{cause}", cause=found),
        Reason.of(
            "complaint.kind", C_5, en="ruled a {kind} complaint", zh="判定為{kind}投訴", kind=kind
        ),
    )
    return Classification(found, kind, reasons)


# -- parties --------------------------------------------------------------------------------------


class UnitKind(Choice):
    """The kinds of organisational unit a charge can fall on (P-E1, P-E2, P-E4)."""

    TEAM = "team"
    SECTION = "section"
    DEPARTMENT = "department"


UnitKind._labels = {
    UnitKind.TEAM: ("team", "組單元"),
    UnitKind.SECTION: ("section", "科"),
    UnitKind.DEPARTMENT: ("department", "部門"),
}


class Function(Choice):
    """The function of the department at fault, which decides attribution (P-E1, P-E2)."""

    MANUFACTURING = "manufacturing"
    SALES = "sales"
    SERVICE = "service"


Function._labels = {
    Function.MANUFACTURING: ("manufacturing", "製造部門"),
    Function.SALES: ("sales", "業務部門"),
    Function.SERVICE: ("service", "服務部門"),
}


@attrs.frozen
class Person:
    """One person charged individually (P-2, P-E2)."""

    name: str = attrs.field(validator=validate.text(clause="Person P-E2"))

    def label(self, lang: Lang = "en") -> str:
        """The person's name (the same in every language)."""
        check_lang(lang, "Person.label")
        return self.name


def _base_points(value: object) -> object:
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, (list, tuple)):
        return tuple(tuple(pair) if isinstance(pair, (list, tuple)) else pair for pair in value)
    return value


@attrs.frozen(repr=False)
class Unit:
    """A team, section or department, with each member's base points (P-E3.3, P-E4).

    ``base_points`` maps each member's name to their base points (Decimal or int, at least
    zero). A member may have zero points (they are charged nothing), but not every member;
    a member listed twice is an error.

    Examples:
        >>> Unit("Team A", UnitKind.TEAM, {"Chen": 3, "Lin": Decimal("1.5")})
        Unit('Team A', UnitKind.TEAM, {'Chen': 3, 'Lin': Decimal('1.5')})
    """

    name: str = attrs.field(validator=validate.text(clause="Unit P-E3.3"))
    kind: UnitKind = attrs.field(validator=validate.instance_of(UnitKind, clause="Unit P-E3.3"))
    base_points: tuple[tuple[str, Decimal | int], ...] = attrs.field(
        converter=_base_points,
        validator=validate.satisfying(
            lambda points: (
                isinstance(points, tuple)
                and all(isinstance(pair, tuple) and len(pair) == 2 for pair in points)
            ),
            "member names to base points",
            must="map",
            clause="Unit P-E3.3",
        ),
    )

    @base_points.validator
    def _check_points(self, attribute: attrs.Attribute[Any], points: tuple[Any, ...]) -> None:
        where = "Unit P-E3.3"
        if not points:
            expectation = f"at least one member of {self.name!r}"
            raise refuse("base_points", expectation, None, where, must="list", shown="none")
        weights: dict[str, Decimal | int] = {}
        for member, value in points:
            name = check_text(member, "member name", where)
            if name in weights:
                raise InvalidInputError(
                    f"member {name!r} is listed twice in {self.name!r} [{where}]"
                )
            weights[name] = _weight(value, f"base points of {member!r}", where)
        if not any(weights.values()):
            shown = f"{weights!r} for {self.name!r}"
            raise refuse("base points", "zero", None, where, must="not all be", shown=shown)

    @cached_property
    def _weights(self) -> Mapping[str, Decimal | int]:
        """Each member's base points, all ints or all Decimals (allocate's fast path)."""
        return MappingProxyType(_uniform(dict(self.base_points)))

    @property
    def members(self) -> tuple[str, ...]:
        """The members' names, in the order given."""
        return tuple(self._weights)

    @property
    def total_points(self) -> Decimal | int:
        """The unit's total base points."""
        return sum(self._weights.values())

    def label(self, lang: Lang = "en") -> str:
        """The unit's name and kind, for explanations."""
        lang = check_lang(lang, "Unit.label")
        kind = self.kind.label(lang)
        return f"{self.name} ({kind})" if lang == "en" else f"{self.name}（{kind}）"

    def __repr__(self) -> str:
        return f"Unit({self.name!r}, {self.kind!r}, {dict(self.base_points)!r})"


Party = Person | Unit
"""Who a charge falls on: a person, or a unit whose members share it by base points."""

Responsibility = Mapping[Any, Decimal | int]
"""Each responsible party (a Person or a Unit) and its responsibility ratio (P-2).

The key type is left open so that a ``dict`` of units only, of persons only, or of both type-checks
as written; [`apportion`][custpolicy.rules.losses.apportion] checks every key at run time."""


def _party(clause: str) -> validate.Validator:
    """A validator for a field holding a [`Person`][] or a [`Unit`][]."""
    return validate.instance_of(cast("type", Party), expect="a Person or a Unit", clause=clause)


# -- P-2: the monthly ruling ---------------------------------------------------------------------


def ruling_deadline(year: int, month: int, *, policy: Policy = _DEFAULT_POLICY) -> Deadline:
    """The last day for the month's responsibility ruling: before the 10th (P-2).

    The general manager's office gathers the closed cases and rules on responsibility before
    ``policy.general.monthly_due_day`` (the 10th); **[assumption]** the 10th itself is still on
    time (``policy.general.monthly_due_day_on_time``). Built on
    [`custpolicy.foundation.deadlines.monthly_deadline`][].

    Examples:
        >>> due = ruling_deadline(2026, 3)
        >>> due.due, due.days_late(date(2026, 3, 12))
        (datetime.date(2026, 3, 10), 2)
        >>> print(due.explain("zh-Hant"))
        P-2 職責歸屬判定應於2026年3月10日前完成，最後準時日為2026年3月10日（當日仍屬準時）
    """
    return monthly_deadline(
        year,
        month,
        clause=P_2,
        subject=("the responsibility ruling", "職責歸屬判定"),
        policy=policy,
    )


# -- P-E1, P-E2: attribution -------------------------------------------------------------------


@attrs.frozen
class Attribution(Explained):
    """Who is charged for a complaint (P-E1, P-E2), and whether the culprit could be told.

    Attributes:
        function: the function of the department at fault.
        party: the team or person charged, or the whole section or department.
        identified: whether the team (manufacturing) or the person (sales, service) was told.
        reasons: the explanation.
    """

    function: Function = attrs.field(validator=validate.choice(Function, clause="P-E1"))
    party: Person | Unit = attrs.field(validator=_party("P-E1"))
    identified: bool = attrs.field(validator=validate.boolean(clause="P-E1"))
    reasons: tuple[Reason, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Reason, clause="P-E1")
    )


def attribute(
    function: Function,
    *,
    whole: Unit,
    at_fault: Person | Unit | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Attribution:
    """Decide who is charged: the team or person at fault, else the whole unit (P-E1, P-E2).

    Manufacturing (P-E1): ``at_fault`` is the smallest team unit where the fault arose (a
    [`Unit`][custpolicy.rules.losses.Unit] of kind TEAM whose members all belong to ``whole``, the
    section); ``None`` when that cannot be told, and the whole section is charged. Sales and service
    (P-E2): ``at_fault`` is the [`Person`][custpolicy.rules.losses.Person] responsible (a member of
    ``whole``, the department); ``None`` when that cannot be told, and the department is charged.
    ``policy`` is accepted for uniformity (pick it with ``book.in_force(ruling).policy``).

    Examples:
        >>> section = Unit("Plating", UnitKind.SECTION, {"Chen": 3, "Lin": 2, "Wang": 2})
        >>> print(attribute(Function.MANUFACTURING, whole=section).explain())
        P-E1 manufacturing: the team where the fault arose cannot be told, so the whole \
section Plating (section) is charged
    """
    where = "attribute P-E1/P-E2"
    check_policy(policy, where)
    function = check_instance(function, "function", where, Function)
    manufacturing = function is Function.MANUFACTURING
    clause = P_E1 if manufacturing else P_E2
    where = f"attribute {clause.id}"
    expected = UnitKind.SECTION if manufacturing else UnitKind.DEPARTMENT
    if not isinstance(whole, Unit) or whole.kind is not expected:
        expectation = f"a Unit of kind {expected.value} for {function.value}"
        raise refuse("whole", expectation, whole, where)
    if at_fault is None:
        reason = Reason.of(
            "attribute.whole",
            clause,
            en="{function}: the {culprit} where the fault arose cannot be told, so the whole "
            "{kind} {party} is charged",
            zh="{function}：無法明確歸屬至發生的{culprit_zh}，故歸屬至全{kind_zh}{party}",
            function=function,
            culprit="team" if manufacturing else "person",
            culprit_zh="組單元" if manufacturing else "個人",
            kind=expected.value,
            kind_zh="科" if manufacturing else "部門",
            party=whole,
        )
        return Attribution(function, whole, False, (reason,))
    if manufacturing:
        if not isinstance(at_fault, Unit) or at_fault.kind is not UnitKind.TEAM:
            expectation = "the team (a Unit of kind team) for manufacturing"
            raise refuse("at_fault", expectation, at_fault, where)
        outsiders = [m for m in at_fault.members if m not in whole._weights]
        if outsiders:
            raise InvalidInputError(
                f"at_fault team {at_fault.name!r} has members {outsiders!r} who are not in "
                f"section {whole.name!r} [{where}]"
            )
    elif not isinstance(at_fault, Person):
        raise refuse("at_fault", f"a Person for {function.value}", at_fault, where)
    elif at_fault.name not in whole._weights:
        raise InvalidInputError(
            f"at_fault {at_fault.name!r} is not a member of {whole.name!r} [{where}]"
        )
    reason = Reason.of(
        "attribute.identified",
        clause,
        en="{function}: the fault arose with {party}, who is charged (not the whole {kind} "
        "{whole})",
        zh="{function}：異常發生於{party}，歸屬至{party}（而非全{kind_zh}{whole}）",
        function=function,
        party=at_fault,
        kind=expected.value,
        kind_zh="科" if manufacturing else "部門",
        whole=whole,
    )
    return Attribution(function, at_fault, True, (reason,))


# -- P-2, P-E3.2, P-E3.3, P-E4: apportionment -------------------------------------------------


@attrs.frozen
class PartyCharge:
    """One responsible party's share of a case, and (for a unit) its members' parts.

    Attributes:
        party: the person or unit.
        ratio: the party's responsibility ratio, as given.
        amount: the party's share of the loss.
        members: for a unit, the split of ``amount`` by base points; ``None`` for a person.
        leftover: whether the party got one of the leftover minor units of the first level.
    """

    party: Person | Unit = attrs.field(validator=_party("P-2"))
    ratio: Decimal | int = attrs.field(validator=validate.number(clause="P-2"))
    amount: Money = attrs.field(validator=validate.money(clause="P-2"))
    members: Allocation[str] | None = attrs.field(
        validator=validate.instance_of(
            Allocation, optional=True, expect="an Allocation or None", clause="P-E3.3"
        )
    )
    leftover: bool = attrs.field(default=False, validator=validate.boolean(clause="P-2"))


@attrs.frozen
class Apportionment(Explained):
    """A case's loss split across the responsible parties, then inside each unit.

    Level one (P-2) splits ``loss`` by responsibility ratio; level two (P-E3.3, P-E4) splits
    each unit's part among its members by base points. Each level adds up exactly to its total.
    Equal results compare equal whatever order the parties and members were given in.

    Attributes:
        loss: the case's loss (negative for a refund of an earlier charge).
        case: the case's identifier, for the explanation and the penalty account.
        charges: each party's share, in the order the parties were given.
    """

    _lines = Lines("charges", name="charge")

    loss: Money = attrs.field(validator=validate.money(clause="P-2"))
    case: str = attrs.field(validator=validate.text(blank=True, clause="P-E3.2"))
    charges: tuple[PartyCharge, ...] = attrs.field(
        validator=validate.tuple_of(PartyCharge, clause="P-2")
    )

    @property
    def parties(self) -> Mapping[str, Money]:
        """Each party's share, by party name."""
        return MappingProxyType({c.party.name: c.amount for c in self.charges})

    @property
    def persons(self) -> Mapping[str, Money]:
        """Each person's amount, by name, summed over every party they are charged through."""
        totals: dict[str, int] = {}
        for charge in self.charges:
            members = charge.members
            if members is None:
                name = charge.party.name
                totals[name] = totals.get(name, 0) + charge.amount.minor
                continue
            for (name, _), minor in zip(members.weights, members.minor_parts, strict=True):
                totals[name] = totals.get(name, 0) + minor
        cur = self.loss.currency
        return MappingProxyType({name: _money(minor, cur) for name, minor in totals.items()})

    def unit_amount(self, name: str) -> Money:
        """The share of the party called ``name`` (a unit or a person charged individually)."""
        if isinstance(name, str):
            for charge in self.charges:
                if charge.party.name == name:
                    return charge.amount
        raise UnknownKeyError(
            f"name must be one of the parties {[c.party.name for c in self.charges]!r}, got "
            f"{name!r} [P-2]"
        )

    def person_amount(self, name: str) -> Money:
        """What the person called ``name`` is charged in this case, over every party."""
        found = self.persons.get(name) if isinstance(name, str) else None
        if found is None:
            raise UnknownKeyError(
                f"name must be one of the persons {list(self.persons)!r}, got {name!r} [P-E3.3]"
            )
        return found

    def __iter__(self) -> Iterator[PartyCharge]:
        return iter(self.charges)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Built on demand: the case, the split by ratio, then each unit and each person."""
        lines = [
            Reason.of(
                "apportion.case",
                P_E3_2,
                en="case {case}: the loss of {loss} is computed and rounded on its own",
                zh="案件{case}：損失{loss}按件單獨計算及捨入",
                case=self.case,
                loss=self.loss,
            )
        ]
        total_ratio = sum(c.ratio for c in self.charges)
        if len(self.charges) == 1:
            lines.append(
                Reason.of(
                    "apportion.single",
                    P_2,
                    en="{party} alone is at fault and bears the whole loss of {loss}",
                    zh="僅{party}有過失，全數負擔損失{loss}",
                    party=self.charges[0].party,
                    loss=self.loss,
                )
            )
        else:
            lines.append(
                Reason.of(
                    "apportion.ratio",
                    P_2,
                    en="{n} parties share the loss by responsibility ratio (total {total}), "
                    "largest remainder to the minor unit, ties to the name that sorts first",
                    zh="{n}方依職責比例（合計{total}）分攤損失，以最大餘數法分至最小貨幣單位，"
                    "餘數相同時依名稱排序在前者優先",
                    n=len(self.charges),
                    total=total_ratio,
                )
            )
        for charge in self.charges:
            party = charge.party
            if isinstance(party, Person):
                lines.append(
                    Reason.of(
                        "apportion.person",
                        P_2,
                        en="{person}: {loss} x {ratio}/{total} = {amount}"
                        + (" (a leftover fen: largest remainder)" if charge.leftover else "")
                        + ", charged individually",
                        zh="{person}：{loss} × {ratio}/{total} = {amount}"
                        + ("（餘數最大，分得剩餘的一分）" if charge.leftover else "")
                        + "，由個人負擔",
                        person=party,
                        loss=self.loss,
                        ratio=charge.ratio,
                        total=total_ratio,
                        amount=charge.amount,
                    )
                )
                continue
            clause = P_E4 if party.kind is UnitKind.SECTION else P_E3_3
            points = party.total_points
            lines.append(
                Reason.of(
                    "apportion.unit",
                    clause,
                    en="{unit}: {loss} x {ratio}/{total} = {amount}"
                    + (" (a leftover fen: largest remainder)" if charge.leftover else "")
                    + ", split among its members as charge / {points} base points x each "
                    "member's base points",
                    zh="{unit}：{loss} × {ratio}/{total} = {amount}"
                    + ("（餘數最大，分得剩餘的一分）" if charge.leftover else "")
                    + "，以該金額除以總基點數{points}再乘以個人基點數分攤",
                    unit=party,
                    loss=self.loss,
                    ratio=charge.ratio,
                    total=total_ratio,
                    amount=charge.amount,
                    points=points,
                )
            )
            assert charge.members is not None  # a unit always has its members' split
            for (member, weight), part in zip(
                charge.members.weights, charge.members.parts, strict=True
            ):
                extra = member in charge.members.extras
                lines.append(
                    Reason.of(
                        "apportion.member",
                        clause,
                        en="{member}: {amount} x {weight}/{points} base points = {part}"
                        + (" (a leftover fen: largest remainder)" if extra else ""),
                        zh="{member}：{amount} × {weight}/{points}基點 = {part}"
                        + ("（餘數最大，分得剩餘的一分）" if extra else ""),
                        member=member,
                        amount=charge.amount,
                        weight=weight,
                        points=points,
                        part=part,
                    )
                )
        counts: dict[str, int] = {}
        for charge in self.charges:
            for name in _member_names(charge):
                counts[name] = counts.get(name, 0) + 1
        persons = self.persons
        for name, count in counts.items():
            if count > 1:
                lines.append(
                    Reason.of(
                        "apportion.person_total",
                        P_E3_3,
                        en="{person} is charged through {count} parties: {amount} in all",
                        zh="{person}經由{count}方負擔，合計{amount}",
                        person=name,
                        count=count,
                        amount=persons[name],
                    )
                )
        return tuple(lines)


def _member_names(charge: PartyCharge) -> Iterator[str]:
    if charge.members is None:
        yield charge.party.name
    else:
        yield from (name for name, _ in charge.members.weights)


def _uniform(weights: dict[str, Decimal | int]) -> dict[str, Decimal | int]:
    """Weights all of one type (ints as Decimal when any is a Decimal): allocate's fast path."""
    kinds = {w.__class__ for w in weights.values()}
    if len(kinds) == 1:
        return weights
    return {k: Decimal(w) for k, w in weights.items()}


def apportion(
    loss: Money,
    responsibility: Responsibility | Person | Unit,
    *,
    case: str = "",
    policy: Policy = _DEFAULT_POLICY,
) -> Apportionment:
    """Split a case's loss by responsibility ratio, then by base points (P-2, P-E3.3).

    ``responsibility`` maps each party (a [`Person`][custpolicy.rules.losses.Person] or a
    [`Unit`][custpolicy.rules.losses.Unit]) to its ratio, as Decimal or int (7 and 3, or
    ``Decimal("0.7")`` and ``Decimal("0.3")``: only proportions count); a single party bears the
    whole loss. Level one splits ``loss`` across the parties; level two splits each unit's part
    among its members by base points (P-E3.3; P-E4 for a whole section). Both are largest remainder
    on whole fen, exact and order-independent (ties go to the name that sorts first). The case is
    computed on its own (P-E3.2): split every case separately, never a pooled sum. A negative
    ``loss`` (a refund) splits as the negative of the same positive split. A person may be charged
    through several parties (for example individually and as a team member); their amounts are
    summed in ``persons``.

    ``policy`` is accepted for uniformity: pick it with ``book.in_force(ruling).policy``.

    Examples:
        >>> team = Unit("Team A", UnitKind.TEAM, {"Chen": 1, "Lin": 1, "Wang": 1})
        >>> split = apportion(Money("100.00", "CNY"), team, case="260301")
        >>> dict(split.persons)
        {'Chen': Money('33.34', 'CNY'), 'Lin': Money('33.33', 'CNY'), 'Wang': Money('33.33', 'CNY')}
    """
    where = "apportion P-2"
    check_policy(policy, where)
    loss = check_money(loss, "loss", where)
    case = check_text(case, "case", where, blank=True)
    if isinstance(responsibility, (Person, Unit)):
        responsibility = {responsibility: 1}
    if responsibility.__class__ is not dict:  # the common case costs one comparison
        check_mapping(responsibility, "responsibility", where, expect=_RESPONSIBILITY)
    if not responsibility:
        raise refuse("responsibility", "at least one party", {}, where, must="name")
    ratios: dict[str, Decimal | int] = {}
    parties: list[Person | Unit] = []
    for party, ratio in responsibility.items():
        if not isinstance(party, (Person, Unit)):
            raise refuse("each party", "a Person or a Unit", party, where)
        if party.name in ratios:
            raise InvalidInputError(f"party {party.name!r} is listed twice [{where}]")
        ratios[party.name] = _weight(ratio, f"ratio of {party.name!r}", where)
        parties.append(party)
    if not any(ratios.values()):
        raise refuse("ratios", "zero", ratios, where, must="not all be")
    first = allocate(loss, _uniform(ratios), clause=P_2)
    charges = []
    for party, amount in zip(parties, first.parts, strict=True):
        members = None
        if isinstance(party, Unit):
            clause = P_E4 if party.kind is UnitKind.SECTION else P_E3_3
            members = allocate(amount, party._weights, clause=clause)
        leftover = party.name in first.extras
        charges.append(_party_charge(party, ratios[party.name], amount, members, leftover))
    return _apportionment(loss, case, tuple(charges))


# The hot path's results are built from the values checked above, without their validators.
_party_charge: Callable[..., PartyCharge] = validate.trusted(PartyCharge)
_apportionment: Callable[..., Apportionment] = validate.trusted(Apportionment)
