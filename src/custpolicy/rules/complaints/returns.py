"""Returns and allowances after a complaint (通用4, section 十三).

The clauses, in our own words:

- **R-1** The approved way of settling a complaint decides the paper: an allowance (折讓) or a
  compensation (賠款) needs a sales-allowance certificate (銷貨折讓證明單); a return (退貨) or a
  reprocessing (重處理) needs a finished-goods return slip (成品退貨單).
- **R-2.1** Accounting books the quantity actually returned when it is below the approved
  quantity, or above it by no more than the over-acceptance ratio: the customer's ratio on the
  order, else the company's (``returns.default_over_acceptance_ratio``, which the company must
  set). "Within" is inclusive: approved × (1 + ratio) itself is booked. **[assumption]** above
  that limit the booking is refused and the case goes back for approval
  (``returns.above_tolerance`` = ``"refuse"``; ``"book_limit"`` books up to the limit).
- **R-2.2** The warehouse signs for what actually arrived; when that differs from the return
  slip it asks for instructions first, then signs for the actual quantity.
- **R-2.3** When a complaint holds up payment, the receivables of the complained part numbers
  are left out of the salesperson's collection rate for the bonus.
- **R-2.4** A return is proven by any one of three documents stamped by the buyer: the
  original invoice taken back, an annotated copy of it, or a sales-return certificate.
- **R-2.5** An allowance is proven by either of two documents stamped by the buyer: an annotated
  copy of the original invoice, or a sales-allowance certificate.

Quantities are whole pieces (``int``) or measured amounts (``Decimal``); floats are refused.
All quantity arithmetic is exact: there is no rounding and no hidden slack in the limit.

Examples:
    >>> from decimal import Context, Decimal
    >>> booking = reconcile_return(100, 105, order_ratio=Decimal("0.05"))
    >>> booking.booked, booking.limit
    (105, Decimal('105.00'))
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.clauses import (
    C_9_14,
    R_1,
    R_2_1,
    R_2_2,
    R_2_3,
    R_2_4,
    R_2_5,
    Clause,
    Lang,
)
from custpolicy.foundation.errors import (
    CurrencyMismatchError,
    ParameterNotSetError,
)
from custpolicy.foundation.explain import Choice, Explained, Lines, Phrase, Reason
from custpolicy.foundation.money import Money
from custpolicy.foundation.policy import Policy
from custpolicy.foundation.validate import check_policy as _check_policy
from custpolicy.foundation.validate import refuse
from custpolicy.rules.complaints import ComplaintForm, Handling, Quantity
from custpolicy.rules.complaints import check_quantity as _check_quantity

__all__ = [
    "BonusCollectionRate",
    "BookingOutcome",
    "DocumentKind",
    "DocumentRequirement",
    "ProofCheck",
    "ProofDocument",
    "Receivable",
    "Relief",
    "ReturnBooking",
    "WarehouseReceipt",
    "allowance_proof",
    "bonus_collection_rate",
    "reconcile_return",
    "required_document",
    "return_proof",
    "warehouse_receipt",
]

_DEFAULT_POLICY = Policy()
_RATE_CONTEXT = Context(prec=28)  # a local context: the global one is never touched
#: How an empty list reads in an explanation.
_NONE = Phrase("-", "無")


_AT_LEAST_0 = "a Decimal of at least 0"
_ITERABLE = "an iterable (a list or set)"


def _quantity(clause: str, *, optional: bool = False) -> validate.Validator:
    """An attrs validator of a quantity field, as ``complaints.check_quantity``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None or not optional:
            _check_quantity(value, attribute.name, clause)

    return check


def _ratio(value: object, where: str) -> Decimal:
    """The customer's over-acceptance ratio: a Decimal, an int or a numeric str, at least 0."""
    if isinstance(value, Decimal) and not value.is_finite():
        raise refuse("order_ratio", _AT_LEAST_0, value, where)
    return validate.check_decimal(value, "order_ratio", where, low=0, strings=True)


# -- exact decimal arithmetic, without the decimal context ------------------------------------


def _parts(value: Quantity) -> tuple[int, int]:
    """``value`` as (coefficient, exponent): value == coefficient × 10**exponent, exactly."""
    if isinstance(value, int):
        return value, 0
    sign, digits, exponent = value.as_tuple()
    coefficient = int("".join(map(str, digits)) or "0")
    return (-coefficient if sign else coefficient), int(exponent)


def _decimal(coefficient: int, exponent: int) -> Decimal:
    return Decimal(f"{coefficient}E{exponent}")  # the constructor is exact


def _align(a: Quantity, b: Quantity) -> tuple[int, int, int]:
    (ca, ea), (cb, eb) = _parts(a), _parts(b)
    e = min(ea, eb)
    return ca * 10 ** (ea - e), cb * 10 ** (eb - e), e


def _exact_sub(a: Quantity, b: Quantity) -> Decimal:
    ca, cb, e = _align(a, b)
    return _decimal(ca - cb, e)


def _exact_limit(approved: Quantity, ratio: Decimal) -> Decimal:
    """The limit approved × (1 + ratio), exactly."""
    one_plus = _exact_sub(ratio, -1)
    (ca, ea), (co, eo) = _parts(approved), _parts(one_plus)
    return _decimal(ca * co, ea + eo)


def _half_up(value: Fraction, scale: int, places: int) -> Decimal:
    """``value`` × 10**(scale - places), rounded half-up to ``places`` decimal places."""
    quotient, remainder = divmod(value.numerator * 10**scale, value.denominator)
    quotient += 2 * remainder >= value.denominator
    return _decimal(quotient, -places)


def _floor(value: Decimal) -> int:
    coefficient, exponent = _parts(value)
    scale = int(10 ** abs(exponent))
    return coefficient * scale if exponent >= 0 else coefficient // scale


# -- R-1 handling type and document -----------------------------------------------------------


class DocumentKind(Choice):
    """The documents of section 十三 (R-1, R-2.4, R-2.5)."""

    SALES_ALLOWANCE_CERTIFICATE = "sales_allowance_certificate"
    FINISHED_GOODS_RETURN_SLIP = "finished_goods_return_slip"
    ORIGINAL_INVOICE = "original_invoice"
    RETURN_INVOICE_COPY = "return_invoice_copy"
    SALES_RETURN_CERTIFICATE = "sales_return_certificate"
    ALLOWANCE_INVOICE_COPY = "allowance_invoice_copy"


DocumentKind._labels = {
    DocumentKind.SALES_ALLOWANCE_CERTIFICATE: ("sales-allowance certificate", "銷貨折讓證明單"),
    DocumentKind.FINISHED_GOODS_RETURN_SLIP: ("finished-goods return slip", "成品退貨單"),
    DocumentKind.ORIGINAL_INVOICE: ("original invoice taken back", "收回的原開立統一發票"),
    DocumentKind.RETURN_INVOICE_COPY: (
        "copy of the original invoice annotated with the return",
        "註明退貨數量、單價、金額的原統一發票影印本",
    ),
    DocumentKind.SALES_RETURN_CERTIFICATE: ("sales-return certificate", "銷貨退回證明單"),
    DocumentKind.ALLOWANCE_INVOICE_COPY: (
        "copy of the original invoice annotated with the allowance",
        "註明折讓單價、金額的原統一發票影印本",
    ),
}

_REQUIRED = {
    Handling.ALLOWANCE: DocumentKind.SALES_ALLOWANCE_CERTIFICATE,
    Handling.COMPENSATION: DocumentKind.SALES_ALLOWANCE_CERTIFICATE,
    Handling.RETURN: DocumentKind.FINISHED_GOODS_RETURN_SLIP,
    Handling.REPROCESSING: DocumentKind.FINISHED_GOODS_RETURN_SLIP,
}


@attrs.frozen
class DocumentRequirement(Explained):
    """The document a handling type needs (R-1)."""

    handling: Handling = attrs.field(
        validator=validate.instance_of(Handling, clause="DocumentRequirement R-1")
    )
    document: DocumentKind = attrs.field(
        validator=validate.instance_of(DocumentKind, clause="DocumentRequirement R-1")
    )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The handling type and its document."""
        return (
            Reason.of(
                "returns.document",
                R_1,
                en="a complaint settled by {handling} needs a {document}",
                zh="以{handling}方式處理的客戶投訴，應開立{document}",
                handling=self.handling,
                document=self.document,
            ),
        )


_document_requirement = validate.trusted(DocumentRequirement)


def required_document(handling: Handling) -> DocumentRequirement:
    """The document that a complaint settled by ``handling`` needs (R-1).

    Examples:
        >>> print(required_document(Handling.REPROCESSING).explain("zh-Hant"))
        R-1 以重處理方式處理的客戶投訴，應開立成品退貨單
    """
    handling = validate.check_instance(
        handling,
        "handling",
        "required_document R-1",
        Handling,
        expect="a Handling such as Handling.RETURN",
    )
    return _document_requirement(handling, _REQUIRED[handling])


# -- quantity reconciliation ------------------------------------------------------------


class BookingOutcome(Choice):
    """How a returned quantity compares with the approved quantity and its limit (R-2.1)."""

    BELOW = "below"
    AS_APPROVED = "as_approved"
    WITHIN_TOLERANCE = "within_tolerance"
    REFUSED = "refused"
    LIMIT_BOOKED = "limit_booked"


BookingOutcome._labels = {
    BookingOutcome.BELOW: ("below the approved quantity", "少於核定量"),
    BookingOutcome.AS_APPROVED: ("as approved", "等於核定量"),
    BookingOutcome.WITHIN_TOLERANCE: ("within the tolerance", "在超量允收比率以內"),
    BookingOutcome.REFUSED: ("refused, back for approval", "不予轉帳，退回重新核定"),
    BookingOutcome.LIMIT_BOOKED: ("booked up to the limit", "依上限轉帳"),
}


_BOOKING = "ReturnBooking R-2.1"


@attrs.frozen
class ReturnBooking(Explained):
    """What accounting books for a return (R-2.1).

    Attributes:
        approved: the approved return quantity (on copy 4 of the complaint form).
        actual: the quantity actually returned (on the finished-goods return slip).
        ratio: the over-acceptance ratio applied.
        ratio_source: ``"order"`` (the customer's ratio on the order) or ``"policy"``.
        limit: approved × (1 + ratio), exact: the most that can be booked.
        outcome: below, as approved, within the tolerance, refused or booked up to the limit.
        booked: the quantity booked, or None when the booking is refused. Whole pieces (an int
            ``actual``) are booked as an int.
        exceeded_by: how much ``actual`` exceeds ``limit`` (0 when it does not).
    """

    approved: Quantity = attrs.field(validator=_quantity(_BOOKING))
    actual: Quantity = attrs.field(validator=_quantity(_BOOKING))
    ratio: Decimal = attrs.field(validator=validate.decimal(low=0, clause=_BOOKING))
    ratio_source: Literal["order", "policy"] = attrs.field(
        validator=validate.choice(("order", "policy"), clause=_BOOKING)
    )
    limit: Decimal = attrs.field(validator=validate.decimal(low=0, clause=_BOOKING))
    outcome: BookingOutcome = attrs.field(
        validator=validate.choice(BookingOutcome, clause=_BOOKING)
    )
    booked: Quantity | None = attrs.field(validator=_quantity(_BOOKING, optional=True))
    exceeded_by: Decimal = attrs.field(validator=validate.decimal(low=0, clause=_BOOKING))

    @property
    def refused(self) -> bool:
        """Whether the booking is refused and the case goes back for approval."""
        return self.booked is None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The limit and where its ratio comes from, then the booking."""
        source_en = (
            "the customer's ratio on the order"
            if self.ratio_source == "order"
            else ("the company default returns.default_over_acceptance_ratio")
        )
        source_zh = (
            "客戶訂製時註明的超量允收比率"
            if self.ratio_source == "order"
            else ("本公司規定的超量允收比率")
        )
        head = Reason.of(
            "returns.limit",
            R_2_1,
            en="approved {approved}, over-acceptance ratio {ratio} ({source}): the limit is "
            "{approved} × (1 + {ratio}) = {limit}, inclusive",
            zh="核定量{approved}，超量允收比率{ratio}（{source_zh}）：上限為{approved}×（1+{ratio}）"
            "={limit}（含）",
            approved=self.approved,
            ratio=self.ratio,
            source=source_en,
            source_zh=source_zh,
            limit=self.limit,
        )
        texts = {
            BookingOutcome.BELOW: (
                "actual {actual} is below the approved quantity: book the actual {booked}",
                "實退量{actual}小於核定量：依實退量{booked}開立傳票轉帳",
            ),
            BookingOutcome.AS_APPROVED: (
                "actual {actual} equals the approved quantity: book {booked}",
                "實退量{actual}等於核定量：依{booked}開立傳票轉帳",
            ),
            BookingOutcome.WITHIN_TOLERANCE: (
                (
                    "actual {actual} is above the approved quantity but within the limit: book "
                    "the actual {booked}"
                ),
                "實退量{actual}大於核定量但在超量允收比率以內：依實退量{booked}開立傳票轉帳",
            ),
            BookingOutcome.REFUSED: (
                (
                    "actual {actual} exceeds the limit {limit} by {excess}: the booking is "
                    "refused and the case goes back for approval"
                ),
                "實退量{actual}超過上限{limit}達{excess}：不予轉帳，退回重新核定",
            ),
            BookingOutcome.LIMIT_BOOKED: (
                (
                    "actual {actual} exceeds the limit {limit} by {excess}: book {booked}, the "
                    "most the limit allows (returns.above_tolerance = book_limit)"
                ),
                "實退量{actual}超過上限{limit}達{excess}：依公司規定，按上限內最多數量{booked}轉帳",
            ),
        }
        en, zh = texts[self.outcome]
        tail = Reason.of(
            "returns.booking",
            R_2_1,
            en=en,
            zh=zh,
            actual=self.actual,
            booked=self.booked if self.booked is not None else "-",
            limit=self.limit,
            excess=self.exceeded_by,
        )
        return head, tail


_return_booking = validate.trusted(ReturnBooking)


def reconcile_return(
    approved: Quantity,
    actual: Quantity,
    *,
    order_ratio: Decimal | str | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> ReturnBooking:
    """What accounting books when the actual return differs from the approved quantity (R-2.1).

    The limit is approved × (1 + ratio), computed exactly; the ratio is ``order_ratio`` (the
    customer's over-acceptance ratio on the order) or else
    ``returns.default_over_acceptance_ratio``. At or below the limit the actual quantity is
    booked. Above it the booking is refused (``returns.above_tolerance = "refuse"``), or the
    quantity up to the limit is booked (``"book_limit"``; whole pieces round down to a whole
    piece); either way the result says by how much the limit is exceeded.

    Examples:
        >>> from decimal import Context, Decimal
        >>> print(reconcile_return(200, 211, order_ratio="0.05").explain())
        R-2.1 approved 200, over-acceptance ratio 0.05 (the customer's ratio on the order): the \
limit is 200 × (1 + 0.05) = 210.00, inclusive
        R-2.1 actual 211 exceeds the limit 210.00 by 1.00: the booking is refused and the case \
goes back for approval
        >>> reconcile_return(Decimal("12.5"), 13)
        Traceback (most recent call last):
        ...
        custpolicy.ParameterNotSetError: no over-acceptance ratio: order_ratio (the \
customer's ratio on the order) is not given and returns.default_over_acceptance_ratio (the \
company default) is not set; give one of them [reconcile_return R-2.1]
    """
    where = "reconcile_return R-2.1"
    policy = _check_policy(policy, where)
    approved = _check_quantity(approved, "approved", where)
    actual = _check_quantity(actual, "actual", where)
    source: Literal["order", "policy"]
    if order_ratio is not None:
        ratio, source = _ratio(order_ratio, where), "order"
    elif policy.returns.default_over_acceptance_ratio is not None:
        ratio, source = policy.returns.default_over_acceptance_ratio, "policy"
    else:
        raise ParameterNotSetError(
            "no over-acceptance ratio: order_ratio (the customer's ratio on the order) is not "
            "given and returns.default_over_acceptance_ratio (the company default) is not set; "
            f"give one of them [{where}]",
            parameter="returns.default_over_acceptance_ratio",
        )
    limit = _exact_limit(approved, ratio)
    excess = Decimal(0)
    booked: Quantity | None = actual
    if actual < approved:
        outcome = BookingOutcome.BELOW
    elif actual == approved:
        outcome = BookingOutcome.AS_APPROVED
    elif actual <= limit:
        outcome = BookingOutcome.WITHIN_TOLERANCE
    else:
        excess = _exact_sub(actual, limit)
        if policy.returns.above_tolerance == "refuse":
            outcome, booked = BookingOutcome.REFUSED, None
        else:
            outcome = BookingOutcome.LIMIT_BOOKED
            booked = _floor(limit) if isinstance(actual, int) else limit
    return _return_booking(approved, actual, ratio, source, limit, outcome, booked, excess)


# -- warehouse receipt ------------------------------------------------------------------


_RECEIPT = "WarehouseReceipt R-2.2"


@attrs.frozen
class WarehouseReceipt(Explained):
    """What the warehouse signs for (R-2.2).

    Attributes:
        slip: the quantity on the finished-goods return slip.
        received: the quantity that actually arrived.
        sign_for: the quantity to sign for: always what actually arrived.
        needs_sign_off: whether instructions must be asked for before signing (a mismatch).
        difference: received − slip, exact (negative when less arrived).
    """

    slip: Quantity = attrs.field(validator=_quantity(_RECEIPT))
    received: Quantity = attrs.field(validator=_quantity(_RECEIPT))
    sign_for: Quantity = attrs.field(validator=_quantity(_RECEIPT))
    needs_sign_off: bool = attrs.field(validator=validate.boolean(clause=_RECEIPT))
    difference: Decimal = attrs.field(validator=validate.decimal(clause=_RECEIPT))

    @property
    def matches(self) -> bool:
        """Whether what arrived matches the slip."""
        return not self.needs_sign_off

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The comparison and what to sign for."""
        if self.matches:
            en = "received {received} matches the slip: sign for {received}"
            zh = "實收{received}與成品退貨單相符：予以簽收{received}"
        else:
            en = (
                "received {received} differs from the slip's {slip} by {difference}: ask for "
                "instructions, then sign for the actual {received}"
            )
            zh = (
                "實收{received}與成品退貨單所載{slip}不符（差{difference}）："
                "請示後依實際狀況簽收{received}"
            )
        return (
            Reason.of(
                "returns.receipt",
                R_2_2,
                en=en,
                zh=zh,
                received=self.received,
                slip=self.slip,
                difference=self.difference,
            ),
        )


_warehouse_receipt = validate.trusted(WarehouseReceipt)


def warehouse_receipt(slip: Quantity, received: Quantity) -> WarehouseReceipt:
    """What the warehouse signs for when returned goods arrive (R-2.2).

    Examples:
        >>> r = warehouse_receipt(500, 480)
        >>> r.sign_for, r.needs_sign_off, r.difference
        (480, True, Decimal('-20'))
    """
    where = "warehouse_receipt R-2.2"
    slip = _check_quantity(slip, "slip", where)
    received = _check_quantity(received, "received", where)
    difference = _exact_sub(received, slip)
    return _warehouse_receipt(slip, received, received, difference != 0, difference)


# -- bonus collection rate --------------------------------------------------------------


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


_RECEIVABLE = "Receivable R-2.3"
_AMOUNT = validate.money(sign="non-negative", clause=_RECEIVABLE)


@attrs.frozen
class Receivable:
    """One receivable of a salesperson: customer, part number, amount due and amount collected.

    The customer and the part number are compared after stripping surrounding spaces.
    ``collected`` may not exceed ``amount``; both are in one currency. ``reference`` (an invoice
    number) is for the listing. ``customer`` is keyword-only: R-2.3 relieves a receivable only
    through a complaint form of its own customer.

    Examples:
        >>> row = Receivable("PCB-200", Money("4000", "CNY"), Money("1000", "CNY"),
        ...                  customer="Acme")
        >>> row.outstanding
        Money('3000.00', 'CNY')
    """

    part_number: str = attrs.field(converter=_strip, validator=validate.text(clause=_RECEIVABLE))
    amount: Money = attrs.field(validator=_AMOUNT)
    collected: Money = attrs.field(validator=_AMOUNT)
    reference: str = attrs.field(
        default="", validator=validate.text(blank=True, clause=_RECEIVABLE)
    )
    customer: str = attrs.field(
        kw_only=True, converter=_strip, validator=validate.text(clause=_RECEIVABLE)
    )

    def __attrs_post_init__(self) -> None:
        amount, collected = self.amount, self.collected
        if collected.currency != amount.currency:
            shown = f"{collected!r} and {amount!r}"
            currency = "in the currency of amount"
            raise refuse(
                "collected",
                currency,
                collected,
                _RECEIVABLE,
                shown=shown,
                error=CurrencyMismatchError,
            )
        if collected > amount:
            shown = f"{collected} > {amount} for part number {self.part_number!r}"
            raise refuse(
                "collected", "amount", collected, _RECEIVABLE, shown=shown, must="not exceed"
            )

    @property
    def outstanding(self) -> Money:
        """What is still to be collected: amount − collected."""
        return self.amount - self.collected


@attrs.frozen
class Relief:
    """A receivable held up by a complaint of its customer, and the form that lists it (R-2.3).

    Attributes:
        receivable: the receivable relieved.
        form: the complaint form of the same customer that lists its part number.
    """

    receivable: Receivable = attrs.field(
        validator=validate.instance_of(Receivable, clause="Relief R-2.3")
    )
    form: ComplaintForm = attrs.field(
        validator=validate.instance_of(ComplaintForm, clause="Relief R-2.3")
    )

    @property
    def left_out(self) -> Money:
        """The amount left out of the rate: the part still outstanding, held up by the complaint."""
        return self.receivable.outstanding


_relief = validate.trusted(Relief)
_RATE = "BonusCollectionRate R-2.3"


@attrs.frozen
class BonusCollectionRate(Explained):
    """A salesperson's collection rate for the bonus, with the R-2.3 relief (R-2.3, C-9.14).

    Attributes:
        receivables: every receivable, in the order given.
        forms: the complaint forms given.
        relieved: the receivables held up by an upheld (or not yet decided) complaint of their
            own customer listing their part number: their outstanding amount is left out.
        not_held_up: receivables on such a form but collected in full: no relief.
        not_upheld: receivables whose customer's complaint on that part number was not upheld:
            collected on the normal terms, no relief (C-9.14).
        receivable: the amount due that counts: every amount due, less what was left out.
        collected: the amount collected, of every receivable.
    """

    _lines = Lines("receivables", name="receivables")

    receivables: tuple[Receivable, ...] = attrs.field(
        validator=validate.tuple_of(Receivable, clause=_RATE)
    )
    forms: tuple[ComplaintForm, ...] = attrs.field(
        validator=validate.tuple_of(ComplaintForm, clause=_RATE)
    )
    relieved: tuple[Relief, ...] = attrs.field(validator=validate.tuple_of(Relief, clause=_RATE))
    not_held_up: tuple[Receivable, ...] = attrs.field(
        validator=validate.tuple_of(Receivable, clause=_RATE)
    )
    not_upheld: tuple[Receivable, ...] = attrs.field(
        validator=validate.tuple_of(Receivable, clause=_RATE)
    )
    receivable: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_RATE))
    collected: Money = attrs.field(validator=validate.money(sign="non-negative", clause=_RATE))

    @property
    def left_out(self) -> Money:
        """The total left out of the amount due."""
        return sum((r.left_out for r in self.relieved), Money.zero(self.receivable.currency))

    @property
    def exact(self) -> Fraction | None:
        """The rate as an exact fraction from 0 to 1; None (undefined) if nothing is receivable."""
        if not self.receivable:
            return None
        return Fraction(self.collected.minor, self.receivable.minor)

    @property
    def without_relief(self) -> Fraction | None:
        """The rate with no relief at all, or None; [`exact`][] is never lower than this."""
        due = self.receivable + self.left_out
        return Fraction(self.collected.minor, due.minor) if due else None

    @property
    def rate(self) -> Decimal | None:
        """The rate as a Decimal of 28 significant digits (exact whenever it terminates), or None.

        Compare rates with [`exact`][custpolicy.rules.complaints.returns.BonusCollectionRate.exact];
        this is for reports.
        """
        exact = self.exact
        if exact is None:
            return None
        return _RATE_CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator))

    def rounded_rate(self, places: int = 4) -> Decimal | None:
        """The rate rounded half-up to ``places`` decimal places, or None when undefined."""
        where = "BonusCollectionRate.rounded_rate R-2.3"
        places = validate.check_int(places, "places", where, low=0, high=28)
        exact = self.exact
        return None if exact is None else _half_up(exact, places, places)

    @property
    def unmatched(self) -> tuple[str, ...]:
        """The complaint forms (not rejected) that match no receivable, as ``customer part``."""
        found = {(r.customer, r.part_number) for r in self.receivables}
        return tuple(
            sorted(
                {
                    f"{f.customer} {f.part_number or '-'}"
                    for f in self.forms
                    if f.upheld is not False and (f.customer, f.part_number) not in found
                }
            )
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """What was left out and what got no relief, then the rate."""
        lines = [
            Reason.of(
                "returns.relieved",
                R_2_3,
                en="left out the outstanding {total} of {n} receivable(s) held up by a complaint "
                "of their own customer: {items}",
                zh="扣除因客戶投訴而影響回收的應收帳款{n}筆，未收金額共{total}：{items}",
                n=len(self.relieved),
                total=self.left_out,
                items=tuple(_describe(r.receivable, r.left_out) for r in self.relieved) or _NONE,
            )
        ]
        if self.not_held_up:
            lines.append(
                Reason.of(
                    "returns.not_held_up",
                    R_2_3,
                    en="no relief for {n} receivable(s) collected in full: the complaint did not "
                    "hold them up: {items}",
                    zh="{n}筆應收帳款已全數收回，未受投訴影響，不予扣除：{items}",
                    n=len(self.not_held_up),
                    items=tuple(_describe(r, r.amount) for r in self.not_held_up),
                )
            )
        if self.not_upheld:
            lines.append(
                Reason.of(
                    "returns.not_upheld",
                    C_9_14,
                    en="no relief for {n} receivable(s) of a complaint not upheld: they are "
                    "collected on the normal payment terms: {items}",
                    zh="客戶投訴不成立，{n}筆應收帳款依規定收款期收回，不予扣除：{items}",
                    n=len(self.not_upheld),
                    items=tuple(_describe(r, r.outstanding) for r in self.not_upheld),
                )
            )
        if self.unmatched:
            lines.append(
                Reason.of(
                    "returns.unmatched",
                    R_2_3,
                    en="complaint forms with no receivable of their customer and part number: "
                    "{forms}",
                    zh="客戶抱怨處理表所列料號中，該客戶無應收帳款者：{forms}",
                    forms=self.unmatched,
                )
            )
        rate = self.exact
        if rate is None:
            lines.append(
                Reason.of(
                    "returns.rate_undefined",
                    R_2_3,
                    en="nothing is receivable once they are left out: the collection rate is "
                    "undefined (0/0), neither 0 % nor 100 %",
                    zh="扣除後已無應收帳款：回收率無法計算（0/0），既非0%亦非100%",
                )
            )
        else:
            lines.append(
                Reason.of(
                    "returns.rate",
                    R_2_3,
                    en="collection rate for the bonus: {collected} / {receivable} = {percent} %",
                    zh="計算回收率績效獎金的應收帳款回收率："
                    "{collected} / {receivable} = {percent}%",
                    collected=self.collected,
                    receivable=self.receivable,
                    percent=_half_up(rate, 4, 2),
                )
            )
        return tuple(lines)


_bonus_collection_rate = validate.trusted(BonusCollectionRate)


def _describe(receivable: Receivable, amount: Money) -> str:
    ref = f" ({receivable.reference})" if receivable.reference else ""
    return f"{receivable.customer} {receivable.part_number}{ref} {amount}"


def bonus_collection_rate(
    receivables: Iterable[Receivable],
    forms: Iterable[ComplaintForm],
    *,
    policy: Policy = _DEFAULT_POLICY,
) -> BonusCollectionRate:
    """A salesperson's collection rate for the bonus, with the complaint relief (R-2.3, C-9.14).

    A receivable is relieved only when a complaint form of **its own customer** lists its part
    number, that complaint is upheld or not yet decided (``upheld`` is not False: a complaint not
    upheld gives no relief, C-9.14), and the complaint held collection up: something is still
    outstanding. What is left out is that outstanding amount; what was already collected still
    counts, on both sides. So the relief never lowers the rate: ``exact`` ≥ ``without_relief``.
    The rate is collected / due, as ``exact`` (a fraction) and ``rate`` (a Decimal); both are None
    (undefined) when nothing is receivable. All receivables share one currency
    (``general.currency`` when there are none).

    Examples:
        >>> from custpolicy.rules.complaints import ComplaintForm
        >>> rows = [
        ...     Receivable("PCB-100", Money("6000", "CNY"), Money("6000", "CNY"), "INV-1",
        ...                customer="Acme"),
        ...     Receivable("PCB-200", Money("4000", "CNY"), Money("0", "CNY"), "INV-2",
        ...                customer="Acme"),
        ...     Receivable("PCB-200", Money("2000", "CNY"), Money("0", "CNY"), "INV-3",
        ...                customer="Beta"),
        ... ]
        >>> result = bonus_collection_rate(rows, [ComplaintForm(customer="Acme",
        ...                                                     part_number="PCB-200")])
        >>> result.exact, result.without_relief
        (Fraction(3, 4), Fraction(1, 2))
        >>> print(result.explain())
        R-2.3 left out the outstanding CNY 4,000.00 of 1 receivable(s) held up by a complaint \
of their own customer: Acme PCB-200 (INV-2) CNY 4,000.00
        R-2.3 collection rate for the bonus: CNY 6,000.00 / CNY 8,000.00 = 75.00 %
    """
    where = "bonus_collection_rate R-2.3"
    policy = _check_policy(policy, where)
    rows = validate.check_items(
        receivables, "receivables", where, Receivable, holds="Receivable values", expect=_ITERABLE
    )
    all_forms = validate.check_items(
        forms, "forms", where, ComplaintForm, holds=_FORMS, expect=_ITERABLE
    )
    cur = rows[0].amount.currency if rows else policy.general.currency
    for row in rows:
        if row.amount.currency is not cur:  # the common case costs one comparison
            validate.check_money(row.amount, "receivables", where, currency=cur)
    relieved: list[Relief] = []
    not_held_up: list[Receivable] = []
    not_upheld: list[Receivable] = []
    for row in rows:
        listing = [
            f for f in all_forms if (f.customer, f.part_number) == (row.customer, row.part_number)
        ]
        standing = [f for f in listing if f.upheld is not False]
        if standing and row.outstanding:
            relieved.append(_relief(row, standing[0]))
        elif standing:
            not_held_up.append(row)
        elif listing:
            not_upheld.append(row)
    zero = Money.zero(cur)
    due = sum((r.amount for r in rows), zero) - sum((r.left_out for r in relieved), zero)
    return _bonus_collection_rate(
        rows,
        all_forms,
        tuple(relieved),
        tuple(not_held_up),
        tuple(not_upheld),
        due,
        sum((r.collected for r in rows), zero),
    )


_FORMS = (
    "ComplaintForm values (R-2.3 relieves only the part numbers on the complaint form of the "
    "receivable's own customer)"
)


# -- proofs -------------------------------------------------------------------


_DOCUMENT = "ProofDocument R-2.4/R-2.5"


@attrs.frozen
class ProofDocument:
    """A document offered as proof of a return or an allowance, and whether the buyer stamped it."""

    kind: DocumentKind = attrs.field(validator=validate.instance_of(DocumentKind, clause=_DOCUMENT))
    buyer_stamped: bool = attrs.field(validator=validate.boolean(clause=_DOCUMENT))
    reference: str = attrs.field(default="", validator=validate.text(blank=True, clause=_DOCUMENT))

    def label(self, lang: Lang = "en") -> str:
        """The document's name and reference."""
        ref = f" {self.reference}" if self.reference else ""
        return f"{self.kind.label(lang)}{ref}"


_RETURN_PROOFS = (
    DocumentKind.ORIGINAL_INVOICE,
    DocumentKind.RETURN_INVOICE_COPY,
    DocumentKind.SALES_RETURN_CERTIFICATE,
)
_ALLOWANCE_PROOFS = (
    DocumentKind.ALLOWANCE_INVOICE_COPY,
    DocumentKind.SALES_ALLOWANCE_CERTIFICATE,
)


@attrs.frozen
class ProofCheck(Explained):
    """Whether the documents prove a return (R-2.4) or an allowance (R-2.5), and what is missing.

    Attributes:
        clause: R-2.4 or R-2.5.
        acceptable: the kinds of document that prove it (any one, stamped by the buyer).
        accepted: the documents that prove it.
        unstamped: documents of an acceptable kind that lack the buyer's stamp.
        wrong_kind: documents that cannot prove it whatever their stamp.
    """

    clause: Clause = attrs.field(
        validator=validate.choice((R_2_4, R_2_5), clause="ProofCheck R-2.4/R-2.5")
    )
    acceptable: tuple[DocumentKind, ...] = attrs.field(
        validator=validate.tuple_of(DocumentKind, clause="ProofCheck R-2.4/R-2.5")
    )
    accepted: tuple[ProofDocument, ...] = attrs.field(
        validator=validate.tuple_of(ProofDocument, clause="ProofCheck R-2.4/R-2.5")
    )
    unstamped: tuple[ProofDocument, ...] = attrs.field(
        validator=validate.tuple_of(ProofDocument, clause="ProofCheck R-2.4/R-2.5")
    )
    wrong_kind: tuple[ProofDocument, ...] = attrs.field(
        validator=validate.tuple_of(ProofDocument, clause="ProofCheck R-2.4/R-2.5")
    )

    @property
    def proven(self) -> bool:
        """Whether at least one document proves it."""
        return bool(self.accepted)

    @property
    def missing(self) -> tuple[str, ...]:
        """What is missing, in English: empty when proven."""
        if self.proven:
            return ()
        stamps = tuple(f"the buyer's stamp on the {d.label()}" for d in self.unstamped)
        kinds = " or ".join(k.label() for k in self.acceptable)
        return (*stamps, f"one of: {kinds}, stamped by the buyer")

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One line per document, then the verdict."""
        what_en = "a return" if self.clause == R_2_4 else "an allowance"
        what_zh = "退貨" if self.clause == R_2_4 else "折讓"
        lines = [
            Reason.of(
                "returns.proof_ok",
                self.clause,
                en="{document}, stamped by the buyer: proves {what}",
                zh="{document}已由買受人蓋統一發票專用章：可作為{what_zh}證明",
                document=d,
                what=what_en,
                what_zh=what_zh,
            )
            for d in self.accepted
        ]
        lines += [
            Reason.of(
                "returns.proof_unstamped",
                self.clause,
                en="{document} is not stamped by the buyer: it does not count",
                zh="{document}未經買受人蓋章：不予採認",
                document=d,
            )
            for d in self.unstamped
        ]
        lines += [
            Reason.of(
                "returns.proof_wrong_kind",
                self.clause,
                en="{document} is not a proof of {what}",
                zh="{document}不能作為{what_zh}證明",
                document=d,
                what=what_en,
                what_zh=what_zh,
            )
            for d in self.wrong_kind
        ]
        if self.proven:
            lines.append(
                Reason.of(
                    "returns.proven",
                    self.clause,
                    en="{what} is proven",
                    zh="{what_zh}證明齊全",
                    what=what_en.capitalize(),
                    what_zh=what_zh,
                )
            )
        else:
            lines.append(
                Reason.of(
                    "returns.unproven",
                    self.clause,
                    en="{what} is not proven: missing one of {kinds}, stamped by the buyer",
                    zh="{what_zh}證明不足：尚缺由買受人蓋章的下列文件之一：{kinds}",
                    what=what_en.capitalize(),
                    what_zh=what_zh,
                    kinds=self.acceptable,
                )
            )
        return tuple(lines)


_proof_check = validate.trusted(ProofCheck)


def _proof(documents: object, clause: Clause, acceptable: tuple[DocumentKind, ...]) -> ProofCheck:
    where = f"{'return_proof' if clause == R_2_4 else 'allowance_proof'} {clause.id}"
    docs = validate.check_items(
        documents, "documents", where, ProofDocument, holds="ProofDocument values", expect=_ITERABLE
    )
    right = [d for d in docs if d.kind in acceptable]
    return _proof_check(
        clause,
        acceptable,
        tuple(d for d in right if d.buyer_stamped),
        tuple(d for d in right if not d.buyer_stamped),
        tuple(d for d in docs if d.kind not in acceptable),
    )


def return_proof(documents: Iterable[ProofDocument]) -> ProofCheck:
    """Whether ``documents`` prove a return: any one of three, stamped by the buyer (R-2.4).

    The three: the original invoice taken back, a copy of it annotated with the return, or a
    sales-return certificate.

    Examples:
        >>> check = return_proof([ProofDocument(DocumentKind.SALES_RETURN_CERTIFICATE, False)])
        >>> check.proven, check.missing[0]
        (False, "the buyer's stamp on the sales-return certificate")
    """
    return _proof(documents, R_2_4, _RETURN_PROOFS)


def allowance_proof(documents: Iterable[ProofDocument]) -> ProofCheck:
    """Whether ``documents`` prove an allowance: either of two, stamped by the buyer (R-2.5).

    The two: a copy of the original invoice annotated with the allowance, or a sales-allowance
    certificate.

    Examples:
        >>> doc = ProofDocument(DocumentKind.SALES_ALLOWANCE_CERTIFICATE, True, "SA-7")
        >>> print(allowance_proof([doc]).explain("zh-Hant"))
        R-2.5 銷貨折讓證明單 SA-7已由買受人蓋統一發票專用章：可作為折讓證明
        R-2.5 折讓證明齊全
    """
    return _proof(documents, R_2_5, _ALLOWANCE_PROOFS)
