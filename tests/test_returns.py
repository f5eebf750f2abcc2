"""Returns and allowances: documents (R-1), quantity reconciliation (R-2.1), warehouse receipt
(R-2.2), the bonus collection rate (R-2.3) and proofs (R-2.4, R-2.5)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import (
    CurrencyMismatchError,
    InvalidInputError,
    Money,
    ParameterNotSetError,
    Policy,
)
from custpolicy.foundation.clauses import C_9_14, R_1, R_2_1, R_2_2, R_2_3, R_2_4, R_2_5
from custpolicy.foundation.money import CNY, USD
from custpolicy.rules.complaints import ComplaintForm, Handling
from custpolicy.rules.complaints.returns import (
    BookingOutcome,
    DocumentKind,
    ProofDocument,
    Receivable,
    allowance_proof,
    bonus_collection_rate,
    reconcile_return,
    required_document,
    return_proof,
    warehouse_receipt,
)
from custpolicy.testing import complaint_forms, receivables
from tests.strategies import over_acceptance_ratios, return_quantities

COMPANY = Policy().updated({"returns.default_over_acceptance_ratio": Decimal("0.05")})
BOOK_LIMIT = COMPANY.updated({"returns.above_tolerance": "book_limit"})
D = Decimal


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def junk(value: object) -> Any:
    """A value of the wrong type, passed on purpose."""
    return value


class TestRequiredDocument:
    @pytest.mark.parametrize(
        ("handling", "document", "zh"),
        [
            (Handling.ALLOWANCE, DocumentKind.SALES_ALLOWANCE_CERTIFICATE, "折讓"),
            (Handling.COMPENSATION, DocumentKind.SALES_ALLOWANCE_CERTIFICATE, "賠款"),
            (Handling.RETURN, DocumentKind.FINISHED_GOODS_RETURN_SLIP, "退貨"),
            (Handling.REPROCESSING, DocumentKind.FINISHED_GOODS_RETURN_SLIP, "重處理"),
        ],
    )
    def test_each_handling_type_needs_its_document(
        self, handling: Handling, document: DocumentKind, zh: str
    ) -> None:
        requirement = required_document(handling)
        assert requirement.document is document
        assert requirement.clauses == (R_1,)
        assert (
            repr(requirement)
            == f"DocumentRequirement(handling={handling!r}, document={document!r})"
        )
        assert repr(handling).startswith("Handling.")
        assert requirement.explain("zh-Hant") == (
            f"R-1 以{zh}方式處理的客戶投訴，應開立{document.label('zh-Hant')}"
        )
        assert requirement.explain() == (
            f"R-1 a complaint settled by {handling.label()} needs a {document.label()}"
        )

    def test_an_unknown_handling_type_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match="handling must be a Handling"):
            required_document("return")  # type: ignore[arg-type]


class TestReconcileReturn:
    @pytest.mark.parametrize(
        ("approved", "actual", "ratio", "outcome", "booked", "limit"),
        [
            (100, 90, "0.05", BookingOutcome.BELOW, 90, D("105.00")),
            (100, 0, "0.05", BookingOutcome.BELOW, 0, D("105.00")),
            (100, 100, "0.05", BookingOutcome.AS_APPROVED, 100, D("105.00")),
            (100, 103, "0.05", BookingOutcome.WITHIN_TOLERANCE, 103, D("105.00")),
            (100, 105, "0.05", BookingOutcome.WITHIN_TOLERANCE, 105, D("105.00")),  # at the limit
            (100, 106, "0.05", BookingOutcome.REFUSED, None, D("105.00")),
            (100, 101, "0", BookingOutcome.REFUSED, None, D("100")),  # no tolerance at all
            (10, 11, "0.05", BookingOutcome.REFUSED, None, D("10.50")),  # a fraction of a piece
            (D("12.5"), D("13.125"), "0.05", BookingOutcome.WITHIN_TOLERANCE, D("13.125"), None),
            (D("12.5"), D("13.1251"), "0.05", BookingOutcome.REFUSED, None, D("13.125")),
            (D("1E+2"), 104, "0.04", BookingOutcome.WITHIN_TOLERANCE, 104, D("104")),
            (0, 0, "0.05", BookingOutcome.AS_APPROVED, 0, D("0")),
            (0, 1, "0.05", BookingOutcome.REFUSED, None, D("0")),
        ],
    )
    def test_the_actual_is_booked_up_to_the_limit_inclusive(
        self,
        approved: int | Decimal,
        actual: int | Decimal,
        ratio: str,
        outcome: BookingOutcome,
        booked: int | Decimal | None,
        limit: Decimal | None,
    ) -> None:
        booking = reconcile_return(approved, actual, order_ratio=ratio)
        assert booking.outcome is outcome
        assert repr(booking.outcome) == f"BookingOutcome.{outcome.name}"
        assert booking.booked == booked
        assert booking.refused == (booked is None)
        if limit is not None:
            assert booking.limit == limit
        assert booking.clauses == (R_2_1,)

    def test_the_limit_is_exact_with_no_hidden_slack(self) -> None:
        ratio = "0.0000000000000000000000000000001"  # finer than the 28 digits of the context
        booking = reconcile_return(
            D("99999999999"), D("99999999999.00000000001"), order_ratio=ratio
        )
        assert booking.limit == D("99999999999.0000000000000000000099999999999")
        assert booking.refused
        assert booking.exceeded_by == D("9.9999999900000000001E-12")

    def test_a_refusal_says_by_how_much_the_limit_is_exceeded(self) -> None:
        booking = reconcile_return(200, 211, order_ratio="0.05")
        assert booking.exceeded_by == D("1.00")
        assert booking.explain().splitlines()[-1] == (
            "R-2.1 actual 211 exceeds the limit 210.00 by 1.00: the booking is refused and the "
            "case goes back for approval"
        )
        assert booking.explain("zh-Hant") == (
            "R-2.1 核定量200，超量允收比率0.05（客戶訂製時註明的超量允收比率）："
            "上限為200×（1+0.05）=210.00（含）\n"
            "R-2.1 實退量211超過上限210.00達1.00：不予轉帳，退回重新核定"
        )

    def test_the_order_ratio_comes_before_the_company_default(self) -> None:
        booking = reconcile_return(100, 108, order_ratio="0.1", policy=COMPANY)
        assert (booking.ratio, booking.ratio_source, booking.booked) == (D("0.1"), "order", 108)
        default = reconcile_return(100, 108, policy=COMPANY)
        assert (default.ratio, default.ratio_source, default.refused) == (D("0.05"), "policy", True)
        assert "the company default returns.default_over_acceptance_ratio" in default.explain()
        assert "本公司規定的超量允收比率" in default.explain("zh-Hant")

    def test_neither_ratio_is_an_error_naming_both(self) -> None:
        with pytest.raises(
            ParameterNotSetError,
            match=r"order_ratio .* not given and returns\.default_over_acceptance_ratio .* not set",
        ) as info:
            reconcile_return(100, 101)
        assert info.value.parameter == "returns.default_over_acceptance_ratio"

    @pytest.mark.parametrize(
        ("approved", "actual", "booked", "excess"),
        [
            (100, 106, 105, D("1.00")),
            (10, 11, 10, D("0.50")),  # whole pieces round down to a whole piece
            (D("10"), D("10.6"), D("10.50"), D("0.10")),
            (D("10.0"), 11, 10, D("0.500")),
        ],
    )
    def test_book_limit_books_the_most_the_limit_allows(
        self, approved: int | Decimal, actual: int | Decimal, booked: int | Decimal, excess: Decimal
    ) -> None:
        booking = reconcile_return(approved, actual, policy=BOOK_LIMIT)
        assert booking.outcome is BookingOutcome.LIMIT_BOOKED
        assert booking.booked == booked
        assert type(booking.booked) is type(actual)
        assert booking.exceeded_by == excess
        assert "(returns.above_tolerance = book_limit)" in booking.explain()

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"approved": 1.5}, "approved must be an int .* floats are inexact"),
            ({"actual": True}, "actual must be an int"),
            ({"actual": "5"}, "actual must be an int"),
            ({"actual": -1}, r"actual must be an int \(whole pieces\) or a Decimal of at least 0"),
            (
                {"approved": D("NaN")},
                r"approved must be an int \(whole pieces\) or a Decimal of at least 0",
            ),
            (
                {"approved": D("-0.5")},
                r"approved must be an int \(whole pieces\) or a Decimal of at least 0",
            ),
            ({"order_ratio": 0.05}, "order_ratio must be a Decimal of at least 0.* floats"),
            ({"order_ratio": "-0.1"}, "order_ratio must be a Decimal of at least 0"),
            ({"order_ratio": "five"}, "order_ratio must be a number, got the string 'five'"),
            ({"order_ratio": D("Infinity")}, "order_ratio must be a Decimal"),
            ({"policy": None}, "policy must be a Policy"),
        ],
    )
    def test_bad_arguments_are_refused(self, kwargs: dict[str, object], message: str) -> None:
        args: dict[str, object] = {"approved": 100, "actual": 100, "order_ratio": "0.05"}
        args.update(kwargs)
        with pytest.raises(InvalidInputError, match=message):
            reconcile_return(**args)  # type: ignore[arg-type]

    def test_an_int_ratio_is_taken_exactly(self) -> None:
        assert reconcile_return(100, 200, order_ratio=1).booked == 200  # type: ignore[arg-type]

    @given(
        return_quantities,
        return_quantities,
        over_acceptance_ratios,
        st.sampled_from([COMPANY, BOOK_LIMIT]),
    )
    def test_the_booking_never_exceeds_the_limit_and_is_idempotent(
        self,
        approved: int | Decimal,
        actual: int | Decimal,
        ratio: Decimal,
        policy: Policy,
    ) -> None:
        booking = reconcile_return(approved, actual, order_ratio=ratio, policy=policy)
        assert booking.limit == approved * (1 + ratio) or booking.limit.is_finite()
        if booking.booked is None:
            assert booking.exceeded_by > 0
            assert actual > booking.limit
            return
        assert booking.booked <= booking.limit
        assert booking.booked == actual or booking.outcome is BookingOutcome.LIMIT_BOOKED
        again = reconcile_return(approved, booking.booked, order_ratio=ratio, policy=policy)
        assert again.booked == booking.booked
        assert again.exceeded_by == 0

    @given(return_quantities, return_quantities, over_acceptance_ratios)
    def test_the_exceedance_is_exactly_actual_minus_limit(
        self, approved: int | Decimal, actual: int | Decimal, ratio: Decimal
    ) -> None:
        booking = reconcile_return(approved, actual, order_ratio=ratio)
        exact_limit = Fraction(approved) * (1 + Fraction(ratio))
        assert Fraction(booking.limit) == exact_limit
        assert Fraction(booking.exceeded_by) == max(Fraction(actual) - exact_limit, Fraction(0))
        assert booking.refused == (Fraction(actual) > exact_limit)


class TestWarehouseReceipt:
    @pytest.mark.parametrize(
        ("slip", "received", "sign_off", "difference"),
        [
            (500, 500, False, D(0)),
            (500, 480, True, D(-20)),
            (500, 520, True, D(20)),
            (D("12.5"), D("12.50"), False, D(0)),
            (D("12.5"), 12, True, D("-0.5")),
        ],
    )
    def test_the_warehouse_signs_for_what_actually_arrived(
        self, slip: int | Decimal, received: int | Decimal, sign_off: bool, difference: Decimal
    ) -> None:
        receipt = warehouse_receipt(slip, received)
        assert receipt.sign_for == received
        assert receipt.needs_sign_off is sign_off
        assert receipt.matches is not sign_off
        assert receipt.difference == difference
        assert receipt.clauses == (R_2_2,)

    def test_the_explanation_says_to_ask_first(self) -> None:
        receipt = warehouse_receipt(500, 480)
        assert receipt.explain() == (
            "R-2.2 received 480 differs from the slip's 500 by -20: ask for instructions, then "
            "sign for the actual 480"
        )
        assert receipt.explain("zh-Hant") == (
            "R-2.2 實收480與成品退貨單所載500不符（差-20）：請示後依實際狀況簽收480"
        )
        assert warehouse_receipt(5, 5).explain("zh-Hant") == (
            "R-2.2 實收5與成品退貨單相符：予以簽收5"
        )

    def test_bad_quantities_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"slip must be an int .* floats are inexact"):
            warehouse_receipt(5.0, 5)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidInputError,
            match=r"received must be an int \(whole pieces\) or a Decimal of at least 0",
        ):
            warehouse_receipt(5, -1)

    @given(return_quantities, return_quantities)
    def test_signing_for_the_slip_quantity_needs_no_sign_off(
        self, slip: int | Decimal, received: int | Decimal
    ) -> None:
        receipt = warehouse_receipt(slip, received)
        assert receipt.needs_sign_off == (slip != received)
        assert Fraction(receipt.difference) == Fraction(received) - Fraction(slip)
        assert not warehouse_receipt(received, received).needs_sign_off


def acme(part: str, due: str, collected: str, ref: str = "", customer: str = "Acme") -> Receivable:
    return Receivable(part, cny(due), cny(collected), ref, customer=customer)


def form(part: str, customer: str = "Acme", upheld: bool | None = True) -> ComplaintForm:
    return ComplaintForm(customer=customer, part_number=part, upheld=upheld)


class TestBonusCollectionRate:
    ROWS = (
        acme("PCB-100", "6000", "6000", "INV-1"),
        acme("PCB-200", "4000", "0", "INV-2"),
        acme("PCB-300", "2000", "1000"),
    )

    @pytest.mark.parametrize(
        ("forms", "rate", "receivable", "relieved"),
        [
            ([], Fraction(7, 12), "12000", 0),
            ([form("PCB-200")], Fraction(7, 8), "8000", 1),
            ([form("PCB-200", upheld=None)], Fraction(7, 8), "8000", 1),  # not decided yet
            # PCB-300 is half paid: only its outstanding 1,000 is left out
            ([form("PCB-200"), form("PCB-300")], Fraction(7, 7), "7000", 2),
            ([form(" PCB-200 ", " Acme ")], Fraction(7, 8), "8000", 1),  # spaces do not count
            ([form("PCB-999")], Fraction(7, 12), "12000", 0),  # no such receivable
            ([form("pcb-200")], Fraction(7, 12), "12000", 0),  # part numbers are case-sensitive
        ],
    )
    def test_the_outstanding_amount_of_listed_part_numbers_is_left_out(
        self, forms: list[ComplaintForm], rate: Fraction, receivable: str, relieved: int
    ) -> None:
        result = bonus_collection_rate(self.ROWS, forms)
        assert result.exact == rate
        assert result.rate == D(rate.numerator) / D(rate.denominator)
        assert result.receivable == cny(receivable)
        assert result.collected == cny("7000")
        assert len(result.relieved) == relieved
        assert result.clauses == (R_2_3,)

    def test_another_customers_receivable_of_the_same_part_number_is_not_relieved(self) -> None:
        # revision 1 left out every receivable of a complained part number, of any customer
        rows = [
            acme("PCB-200", "4000", "0", "INV-2"),
            acme("PCB-200", "6000", "3000", customer="Beta"),
        ]
        result = bonus_collection_rate(rows, [form("PCB-200", customer="Beta")])
        assert [r.receivable.customer for r in result.relieved] == ["Beta"]
        assert result.receivable == cny("7000")  # Acme's 4,000 still counts
        assert result.exact == Fraction(3, 7)

    def test_a_receivable_collected_in_full_was_not_held_up(self) -> None:
        # revision 1 left it out, which lowered the rate from 7/12 to 1/6
        result = bonus_collection_rate(self.ROWS, [form("PCB-100")])
        assert result.relieved == ()
        assert result.not_held_up == (self.ROWS[0],)
        assert result.exact == Fraction(7, 12)
        assert result.explain().splitlines()[1] == (
            "R-2.3 no relief for 1 receivable(s) collected in full: the complaint did not hold "
            "them up: Acme PCB-100 (INV-1) CNY 6,000.00"
        )

    def test_a_complaint_not_upheld_gives_no_relief(self) -> None:
        result = bonus_collection_rate(self.ROWS, [form("PCB-200", upheld=False)])
        assert result.relieved == ()
        assert result.not_upheld == (self.ROWS[1],)
        assert result.exact == Fraction(7, 12)
        assert result.clauses == (R_2_3, C_9_14)
        assert result.explain().splitlines()[1] == (
            "C-9.14 no relief for 1 receivable(s) of a complaint not upheld: they are collected "
            "on the normal payment terms: Acme PCB-200 (INV-2) CNY 4,000.00"
        )
        assert result.explain("zh-Hant").splitlines()[1] == (
            "C-9.14 客戶投訴不成立，1筆應收帳款依規定收款期收回，不予扣除："
            "Acme PCB-200 (INV-2) CNY 4,000.00"
        )

    def test_an_upheld_form_wins_over_a_rejected_one_for_the_same_part(self) -> None:
        forms = [form("PCB-200", upheld=False), form("PCB-200", upheld=True)]
        result = bonus_collection_rate(self.ROWS, forms)
        assert [r.form for r in result.relieved] == [forms[1]]

    def test_a_part_paid_receivable_keeps_what_was_collected(self) -> None:
        # revision 1 left the whole receivable out: 0 / 1,000 = 0 %, lower than 900 / 2,000
        rows = [acme("A", "1000", "0"), acme("B", "1000", "900")]
        without = bonus_collection_rate(rows, [])
        relieved = bonus_collection_rate(rows, [form("B")])
        assert without.exact == Fraction(9, 20)
        assert relieved.exact == Fraction(9, 19)  # 900 / 1,900
        assert relieved.left_out == cny("100")
        assert relieved.without_relief == without.exact

    def test_the_explanation_lists_what_was_left_out(self) -> None:
        result = bonus_collection_rate(self.ROWS, [form("PCB-200"), form("PCB-999")])
        assert result.explain() == (
            "R-2.3 left out the outstanding CNY 4,000.00 of 1 receivable(s) held up by a "
            "complaint of their own customer: Acme PCB-200 (INV-2) CNY 4,000.00\n"
            "R-2.3 complaint forms with no receivable of their customer and part number: "
            "Acme PCB-999\n"
            "R-2.3 collection rate for the bonus: CNY 7,000.00 / CNY 8,000.00 = 87.50 %"
        )
        assert result.explain("zh-Hant").splitlines()[0] == (
            "R-2.3 扣除因客戶投訴而影響回收的應收帳款1筆，未收金額共CN¥4,000.00："
            "Acme PCB-200 (INV-2) CNY 4,000.00"
        )
        assert result.unmatched == ("Acme PCB-999",)

    def test_the_rate_is_exact_and_rounds_only_when_asked(self) -> None:
        rows = [acme("A", "3", "1"), acme("B", "3", "1")]
        result = bonus_collection_rate(rows, [])
        assert result.exact == Fraction(1, 3)
        assert result.rate == D("0.3333333333333333333333333333")
        assert result.rounded_rate() == D("0.3333")
        assert result.rounded_rate(0) == D("0")
        two_thirds = bonus_collection_rate([acme("A", "3", "2")], [])
        assert two_thirds.rounded_rate(2) == D("0.67")
        assert "= 66.67 %" in two_thirds.explain()

    def test_nothing_receivable_gives_an_explained_undefined_rate(self) -> None:
        result = bonus_collection_rate(self.ROWS[1:2], [form("PCB-200")])
        assert result.rate is None
        assert result.exact is None
        assert result.rounded_rate() is None
        assert result.without_relief == 0
        assert result.explain().splitlines()[-1] == (
            "R-2.3 nothing is receivable once they are left out: the collection rate is "
            "undefined (0/0), neither 0 % nor 100 %"
        )
        empty = bonus_collection_rate([], [])
        assert (empty.rate, empty.receivable, empty.without_relief) == (None, Money.zero(CNY), None)
        assert "共CN¥0.00：無" in empty.explain("zh-Hant")
        zero_due = bonus_collection_rate([acme("A", "0", "0")], [])
        assert zero_due.rate is None

    @pytest.mark.parametrize(
        ("make", "error", "message"),
        [
            (lambda: acme("", "1", "0"), InvalidInputError, "part_number must be"),
            (lambda: acme("  ", "1", "0"), InvalidInputError, "non-empty str"),
            (lambda: acme("A", "1", "0", customer=" "), InvalidInputError, "customer must be"),
            (
                lambda: Receivable(junk(7), cny("1"), cny("0"), customer="A"),
                InvalidInputError,
                "part_number must be",
            ),
            (lambda: acme("A", "-1", "0"), InvalidInputError, "amount must be"),
            (
                lambda: Receivable("A", junk(D("1")), cny("0"), customer="A"),
                InvalidInputError,
                "amount must be",
            ),
            (lambda: acme("A", "1", "2"), InvalidInputError, "must not exceed"),
            (
                lambda: Receivable("A", cny("1"), cny("0"), junk(5), customer="A"),
                InvalidInputError,
                "reference must",
            ),
            (
                lambda: Receivable("A", cny("1"), Money("0", USD), customer="A"),
                CurrencyMismatchError,
                "collected must be in the currency of amount",
            ),
            (
                lambda: bonus_collection_rate(
                    [
                        acme("A", "1", "0"),
                        Receivable("B", Money(1, USD), Money(0, USD), customer="A"),
                    ],
                    [],
                ),
                CurrencyMismatchError,
                (
                    r"^receivables must be in CNY, got Money\('1.00', 'USD'\) "
                    r"\[bonus_collection_rate R-2.3\]$"
                ),
            ),
            (lambda: bonus_collection_rate(["A"], []), InvalidInputError, "hold Receivable values"),  # type: ignore[list-item]
            (lambda: bonus_collection_rate([], "PCB-1"), InvalidInputError, "must be an iterable"),  # type: ignore[arg-type]
            # revision 1 took bare part numbers: they are refused, with the reason
            (
                lambda: bonus_collection_rate([], ["PCB-1"]),  # type: ignore[list-item]
                InvalidInputError,
                (
                    "forms must hold ComplaintForm values .R-2.3 relieves only the part numbers "
                    "on the complaint form of the receivable's own customer., got 'PCB-1'"
                ),
            ),
            (
                lambda: bonus_collection_rate([], [], policy=1),  # type: ignore[arg-type]
                InvalidInputError,
                "must be a Policy",
            ),
            (
                lambda: bonus_collection_rate([], []).rounded_rate(-1),
                InvalidInputError,
                "places must be an int from 0 to 28",
            ),
        ],
    )
    def test_bad_receivables_are_refused(
        self, make: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            make()  # type: ignore[operator]

    @given(receivables(), complaint_forms())
    def test_the_rate_is_between_0_and_1_and_nothing_is_lost(
        self, rows: list[Receivable], forms: list[ComplaintForm]
    ) -> None:
        result = bonus_collection_rate(rows, forms)
        assert result.exact is None or 0 <= result.exact <= 1
        assert result.rate is None or 0 <= result.rate <= 1
        assert result.receivables == tuple(rows)
        assert result.receivable + result.left_out == sum((r.amount for r in rows), Money.zero(CNY))
        assert result.collected <= result.receivable
        for relief in result.relieved:  # only through a form of its own customer, upheld or open
            assert relief.form.customer == relief.receivable.customer
            assert relief.form.part_number == relief.receivable.part_number
            assert relief.form.upheld is not False
            assert relief.left_out > Money.zero(CNY)

    @settings(max_examples=400)
    @given(receivables(), complaint_forms())
    def test_the_relief_never_lowers_the_rate(
        self, rows: list[Receivable], forms: list[ComplaintForm]
    ) -> None:
        relieved = bonus_collection_rate(rows, forms)
        without = bonus_collection_rate(rows, [])
        assert relieved.without_relief == without.exact
        if relieved.exact is not None and without.exact is not None:
            assert relieved.exact >= without.exact

    @settings(max_examples=400)
    @given(receivables(), complaint_forms())
    def test_forms_of_other_customers_and_complaints_not_upheld_change_nothing(
        self, rows: list[Receivable], forms: list[ComplaintForm]
    ) -> None:
        # Acme's rate depends only on Acme's forms that were not rejected
        acme_rows = [r for r in rows if r.customer == "Acme"]
        relevant = [f for f in forms if f.customer == "Acme" and f.upheld is not False]
        assert (
            bonus_collection_rate(acme_rows, forms).exact
            == bonus_collection_rate(acme_rows, relevant).exact
        )

    @settings(max_examples=400)
    @given(receivables(), complaint_forms(), st.randoms())
    def test_the_rate_does_not_depend_on_the_order_of_receivables_or_forms(
        self, rows: list[Receivable], forms: list[ComplaintForm], random: object
    ) -> None:
        shuffled, reordered = list(rows), list(forms)
        random.shuffle(shuffled)  # type: ignore[attr-defined]
        random.shuffle(reordered)  # type: ignore[attr-defined]
        assert (
            bonus_collection_rate(shuffled, reordered).exact
            == bonus_collection_rate(rows, forms).exact
        )


RETURN_KINDS = (
    DocumentKind.ORIGINAL_INVOICE,
    DocumentKind.RETURN_INVOICE_COPY,
    DocumentKind.SALES_RETURN_CERTIFICATE,
)
ALLOWANCE_KINDS = (DocumentKind.ALLOWANCE_INVOICE_COPY, DocumentKind.SALES_ALLOWANCE_CERTIFICATE)


class TestProofs:
    @pytest.mark.parametrize("kind", RETURN_KINDS)
    def test_any_one_of_the_three_stamped_documents_proves_a_return(
        self, kind: DocumentKind
    ) -> None:
        check = return_proof([ProofDocument(kind, True)])
        assert check.proven
        assert check.missing == ()
        assert check.clauses == (R_2_4,)

    @pytest.mark.parametrize("kind", ALLOWANCE_KINDS)
    def test_either_of_the_two_stamped_documents_proves_an_allowance(
        self, kind: DocumentKind
    ) -> None:
        check = allowance_proof([ProofDocument(kind, True)])
        assert check.proven
        assert check.clauses == (R_2_5,)

    def test_a_missing_stamp_is_reported(self) -> None:
        check = return_proof([ProofDocument(DocumentKind.ORIGINAL_INVOICE, False, "No. 1234")])
        assert not check.proven
        assert check.missing == (
            "the buyer's stamp on the original invoice taken back No. 1234",
            (
                "one of: original invoice taken back or copy of the original invoice annotated "
                "with the return or sales-return certificate, stamped by the buyer"
            ),
        )
        assert check.explain() == (
            "R-2.4 original invoice taken back No. 1234 is not stamped by the buyer: it does not "
            "count\n"
            "R-2.4 A return is not proven: missing one of original invoice taken back, copy of the "
            "original invoice annotated with the return, sales-return certificate, stamped by the "
            "buyer"
        )

    def test_the_wrong_kind_of_document_does_not_prove_it(self) -> None:
        docs = [
            ProofDocument(DocumentKind.RETURN_INVOICE_COPY, True),
            ProofDocument(DocumentKind.FINISHED_GOODS_RETURN_SLIP, True),
        ]
        check = allowance_proof(docs)
        assert not check.proven
        assert check.wrong_kind == tuple(docs)
        assert check.explain("zh-Hant").splitlines() == [
            "R-2.5 註明退貨數量、單價、金額的原統一發票影印本不能作為折讓證明",
            "R-2.5 成品退貨單不能作為折讓證明",
            (
                "R-2.5 折讓證明不足：尚缺由買受人蓋章的下列文件之一："
                "註明折讓單價、金額的原統一發票影印本、銷貨折讓證明單"
            ),
        ]

    def test_one_good_document_is_enough_and_the_others_are_still_reported(self) -> None:
        docs = [
            ProofDocument(DocumentKind.SALES_RETURN_CERTIFICATE, False),
            ProofDocument(DocumentKind.RETURN_INVOICE_COPY, True),
        ]
        check = return_proof(docs)
        assert check.proven
        assert check.unstamped == (docs[0],)
        assert check.explain().splitlines()[-1] == "R-2.4 A return is proven"
        assert "可作為退貨證明" in check.explain("zh-Hant")

    def test_no_documents_prove_nothing(self) -> None:
        assert not return_proof([]).proven
        assert allowance_proof(()).missing == (
            (
                "one of: copy of the original invoice annotated with the allowance or "
                "sales-allowance certificate, stamped by the buyer"
            ),
        )

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: ProofDocument("invoice", True), "kind must be a DocumentKind"),  # type: ignore[arg-type]
            (
                lambda: ProofDocument(DocumentKind.ORIGINAL_INVOICE, 1),  # type: ignore[arg-type]
                "buyer_stamped must be True",
            ),
            (
                lambda: ProofDocument(DocumentKind.ORIGINAL_INVOICE, True, 7),  # type: ignore[arg-type]
                "reference must be",
            ),
            (
                lambda: return_proof(["invoice"]),  # type: ignore[list-item]
                "documents must hold ProofDocument values",
            ),
            (lambda: allowance_proof(None), "documents must be an iterable"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_documents_are_refused(self, make: object, message: str) -> None:
        with pytest.raises(InvalidInputError, match=message):
            make()  # type: ignore[operator]

    @given(st.lists(st.tuples(st.sampled_from(list(DocumentKind)), st.booleans()), max_size=6))
    def test_proven_exactly_when_one_document_is_of_the_right_kind_and_stamped(
        self, rows: list[tuple[DocumentKind, bool]]
    ) -> None:
        docs = [ProofDocument(kind, stamped) for kind, stamped in rows]
        for check, kinds in (
            (return_proof(docs), RETURN_KINDS),
            (allowance_proof(docs), ALLOWANCE_KINDS),
        ):
            assert check.proven == any(k in kinds and s for k, s in rows)
            assert len(check.accepted) + len(check.unstamped) + len(check.wrong_kind) == len(docs)
            assert bool(check.missing) != check.proven


# -- issue 13: the ends of every range, and the fast paths --------------------------------------


def evolved(value: Any, **changes: Any) -> Any:
    """``attrs.evolve``, with values of any type (the refusals need wrong ones)."""
    return attrs.evolve(value, **changes)


def rebuilt(result: Any) -> Any:
    """``result`` built again through its class, whose validators check every field."""
    cls = type(result)
    return cls(*(getattr(result, field.name) for field in attrs.fields(cls) if field.init))


class TestTheEndsOfEveryRange:
    @pytest.mark.parametrize("ratio", [0, "0", D("0"), D("0.0000")])
    def test_a_ratio_of_zero_is_taken_and_below_zero_refused(self, ratio: object) -> None:
        booking = reconcile_return(10, 10, order_ratio=junk(ratio))
        assert booking.ratio == 0
        assert booking.limit == 10
        with pytest.raises(
            InvalidInputError,
            match=r"^order_ratio must be a Decimal of at least 0, got Decimal\('-0.0001'\) "
            r"\[reconcile_return R-2.1\]$",
        ):
            reconcile_return(10, 10, order_ratio=D("-0.0001"))

    @pytest.mark.parametrize("argument", ["approved", "actual"])
    def test_a_quantity_of_zero_is_taken_and_below_zero_refused(self, argument: str) -> None:
        args: dict[str, Any] = {"approved": 0, "actual": 0, "order_ratio": "0.05"}
        assert reconcile_return(**args).outcome is BookingOutcome.AS_APPROVED
        for below in (-1, D("-0.001")):
            with pytest.raises(
                InvalidInputError,
                match=rf"^{argument} must be an int \(whole pieces\) or a Decimal of at least 0",
            ):
                reconcile_return(**{**args, argument: below})
        assert warehouse_receipt(0, 0).matches
        with pytest.raises(
            InvalidInputError,
            match=r"^slip must be an int \(whole pieces\) or a Decimal of at least 0, got -1 \[",
        ):
            warehouse_receipt(-1, 0)

    @pytest.mark.parametrize(("places", "ok"), [(0, True), (28, True), (-1, False), (29, False)])
    def test_the_places_of_a_rounded_rate_on_both_sides_of_each_bound(
        self, places: int, ok: bool
    ) -> None:
        result = bonus_collection_rate([acme("A", "3", "1")], [])
        if ok:
            assert result.rounded_rate(places) == round(D(1) / D(3), places)
        else:
            with pytest.raises(
                InvalidInputError,
                match=rf"^places must be an int from 0 to 28, got {places} "
                r"\[BonusCollectionRate.rounded_rate R-2.3\]$",
            ):
                result.rounded_rate(places)

    def test_a_receivable_on_both_sides_of_each_bound(self) -> None:
        assert acme("A", "0", "0").outstanding == cny("0")
        assert acme("A", "5", "5").outstanding == cny("0")
        with pytest.raises(
            InvalidInputError,
            match=r"^collected must not exceed amount, got CNY 5.01 > CNY 5.00 for part number "
            r"'A' \[Receivable R-2.3\]$",
        ):
            acme("A", "5", "5.01")
        with pytest.raises(InvalidInputError, match=r"^amount must be a non-negative Money"):
            acme("A", "-0.01", "0")
        with pytest.raises(InvalidInputError, match=r"^collected must be a non-negative Money"):
            acme("A", "1", "-0.01")
        with pytest.raises(InvalidInputError, match=r"^customer must be a non-empty str"):
            Receivable("A", cny("1"), cny("0"), customer=" ")
        assert Receivable("A", cny("1"), cny("0"), " ", customer="B").reference == " "


class TestResultsBuiltByHandAreChecked:
    def test_a_booking_checks_every_field_at_its_bounds(self) -> None:
        booking = reconcile_return(100, 106, order_ratio="0.05")
        assert evolved(booking, ratio=D("0"), exceeded_by=D("0")).ratio == 0
        for field in ("ratio", "limit", "exceeded_by"):
            with pytest.raises(
                InvalidInputError,
                match=rf"^{field} must be a Decimal of at least 0, .*\[ReturnBooking R-2.1\]$",
            ):
                evolved(booking, **{field: D("-0.01")})
        assert evolved(booking, booked=0).booked == 0
        with pytest.raises(
            InvalidInputError,
            match=r"^booked must be an int \(whole pieces\) or a Decimal of at least 0, got -1 ",
        ):
            evolved(booking, booked=-1)
        with pytest.raises(InvalidInputError, match=r"^ratio_source must be one of"):
            evolved(booking, ratio_source="customer")
        with pytest.raises(InvalidInputError, match=r"^outcome must be one of"):
            evolved(booking, outcome="refused")

    def test_other_results_check_their_fields(self) -> None:
        receipt = warehouse_receipt(5, 4)
        with pytest.raises(InvalidInputError, match=r"^sign_for must be .*WarehouseReceipt R-2.2"):
            evolved(receipt, sign_for=4.0)
        with pytest.raises(InvalidInputError, match=r"^needs_sign_off must be True or False"):
            evolved(receipt, needs_sign_off=1)
        with pytest.raises(InvalidInputError, match=r"^document must be a DocumentKind"):
            evolved(required_document(Handling.RETURN), document="slip")
        check = return_proof([])
        assert evolved(check, clause=R_2_5).clause == R_2_5
        with pytest.raises(InvalidInputError, match=r"^clause must be one of .*ProofCheck"):
            evolved(check, clause=R_2_3)
        rate = bonus_collection_rate([acme("A", "1", "0")], [form("A")])
        with pytest.raises(InvalidInputError, match=r"^receivable must be a non-negative Money"):
            evolved(rate, receivable=cny("-1"))
        with pytest.raises(InvalidInputError, match=r"^form must be a ComplaintForm"):
            evolved(rate.relieved[0], form="A")


class TestFastPathsAgreeWithTheCheckedOnes:
    """The module builds results with validate.trusted; the checked classes take them as built."""

    @given(return_quantities, return_quantities, over_acceptance_ratios)
    def test_bookings_and_receipts_are_accepted_unchanged(
        self, approved: int | Decimal, actual: int | Decimal, ratio: Decimal
    ) -> None:
        for policy in (COMPANY, BOOK_LIMIT):
            booking = reconcile_return(approved, actual, order_ratio=ratio, policy=policy)
            assert rebuilt(booking) == booking
        receipt = warehouse_receipt(approved, actual)
        assert rebuilt(receipt) == receipt

    @given(receivables(), complaint_forms())
    def test_a_collection_rate_and_its_reliefs_are_accepted_unchanged(
        self, rows: list[Receivable], forms: list[ComplaintForm]
    ) -> None:
        result = bonus_collection_rate(rows, forms)
        assert rebuilt(result) == result
        for relief in result.relieved:
            assert rebuilt(relief) == relief

    @given(
        st.sampled_from(list(Handling)),
        st.lists(st.builds(ProofDocument, st.sampled_from(list(DocumentKind)), st.booleans())),
    )
    def test_documents_and_proofs_are_accepted_unchanged(
        self, handling: Handling, documents: list[ProofDocument]
    ) -> None:
        requirement = required_document(handling)
        assert rebuilt(requirement) == requirement
        for prove in (return_proof, allowance_proof):
            check = prove(documents)
            assert rebuilt(check) == check
