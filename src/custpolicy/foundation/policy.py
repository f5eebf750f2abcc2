"""Policy parameters, and policy versions by effective date (M-1.9).

Every number a rule uses is a field of [`Policy`][custpolicy.foundation.policy.Policy], grouped per
rule family, with the default that docs/catalogue.md gives. A field the catalogue marks
**[assumption]** carries ``metadata["assumption"] = True`` and is listed in docs/assumptions.md. A
value the source leaves to the company (the B-2.1 reading standard, the C-11 approval limits, the
R-2.1 default tolerance, the M-1.7 visit intervals) has no default: a rule that needs it while it is
unset raises [`ParameterNotSetError`][custpolicy.foundation.errors.ParameterNotSetError] naming it.

Examples:
    >>> from decimal import Decimal
    >>> p = Policy()
    >>> p.billing.payment_days
    7
    >>> p.require("billing.reading_rate_standard")
    Traceback (most recent call last):
    ...
    custpolicy.ParameterNotSetError: policy parameter billing.reading_rate_standard is not \
set: B-2.1 has no default in the source, so the company must set it, e.g. \
policy.updated({'billing.reading_rate_standard': ...})
    >>> q = p.updated({"billing.reading_rate_standard": Decimal("0.98")})
    >>> [(c.path, c.before, c.after) for c in p.diff(q).changes]
    [('billing.reading_rate_standard', None, Decimal('0.98'))]
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar, cast

import attrs

from custpolicy.foundation.bands import Bounds, band_label, check_bands
from custpolicy.foundation.clauses import M_1_9, Clause, Lang, clause
from custpolicy.foundation.errors import (
    CustPolicyError,
    InvalidInputError,
    ParameterNotSetError,
    PolicyFileError,
    PolicyNotInForceError,
    UnknownKeyError,
)
from custpolicy.foundation.explain import (
    Explained,
    Lines,
    Phrase,
    Reason,
    check_lang,
    render_fact,
)
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.money import CNY, Currency, Money, currency
from custpolicy.foundation.validate import (
    bind_type,
    boolean,
    check_date,
    check_instance,
    check_mapping,
    choice,
    instance_of,
    integer,
    money,
    refuse,
    satisfying,
    text,
    trusted,
    tuple_of,
)
from custpolicy.foundation.validate import date as validate_date
from custpolicy.foundation.validate import optional as _or_none

# _param() and _group() below return attrs fields, which ruff does not recognise as such.
# ruff: noqa: RUF009

__all__ = [
    "BillingPolicy",
    "ComplaintPolicy",
    "CustomerPolicy",
    "GeneralPolicy",
    "InForce",
    "LeadsPolicy",
    "Parameter",
    "ParameterChange",
    "PenaltyPolicy",
    "PerVersion",
    "Policy",
    "PolicyBook",
    "PolicyDiff",
    "PolicyVersion",
    "ReturnsPolicy",
    "SanctionBand",
    "parameter_label",
    "parameter_value",
    "read_amount",
]

CUSTOMER_CATEGORIES = ("target", "general", "key", "potential")
"""The M-1.2 category codes that customer parameters refer to."""


# -- field helpers ------------------------------------------------------------------------------


def _where(attribute: attrs.Attribute[Any]) -> str:
    clauses = attribute.metadata.get("clauses", ())
    return "/".join(clauses) if clauses else "Policy"


_positive_int = integer(low=1, expect="a positive int")
_day_of_month = integer(low=1, high=31, expect="a day of the month from 1 to 31")
_bool = boolean()


def _pair(value: object) -> object:
    """A list or tuple as a tuple; anything else unchanged, for the validator to name."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _to_decimal(value: object) -> object:
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value  # the validator names it
    if value.__class__ is int:
        return Decimal(value)
    return value


# Worded as policy files and docs/policy.md have always shown it (the package's one hint for a
# float is validate.FLOAT_HINT; this one is pinned by the policy's tests and docs).
_RATIO_FLOAT_HINT = "floats are inexact, use Decimal or str"


def _ratio(optional: bool, upper: Decimal | None = Decimal(1)) -> Any:
    bound = f"a Decimal from 0 to {upper}" if upper is not None else "a Decimal of at least 0"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not (
            isinstance(value, Decimal)
            and value.is_finite()
            and value >= 0
            and (upper is None or value <= upper)
        ):
            hint = _RATIO_FLOAT_HINT if isinstance(value, float) else ""
            raise refuse(attribute.name, bound, value, _where(attribute), hint=hint)

    return check


def _money(optional: bool) -> Any:
    amount = money(sign="non-negative")
    return _or_none(amount) if optional else amount


def _categories(value: object) -> object:
    """A collection of category codes as a tuple in the M-1.2 order, each once (a stable repr)."""
    if isinstance(value, (set, frozenset, list, tuple)):
        codes = tuple(value)
        try:
            if set(codes) <= set(CUSTOMER_CATEGORIES):
                return tuple(c for c in CUSTOMER_CATEGORIES if c in codes)
        except TypeError:  # unhashable members: the validator names the value
            pass
        return codes
    return value


def _kinds(value: object) -> object:
    if isinstance(value, (set, frozenset, list, tuple)):
        try:
            return frozenset(value)
        except TypeError:  # unhashable members: the validator names the value
            return tuple(value)
    return value


_kinds_valid = _or_none(
    satisfying(
        lambda value: (
            isinstance(value, frozenset)
            and value
            and all(isinstance(k, str) and k.strip() for k in value)
        ),
        "None (every kind) or a non-empty set of non-empty str",
    )
)
_categories_valid = satisfying(
    lambda value: (
        isinstance(value, tuple)
        and value
        and all(isinstance(c, str) and c in CUSTOMER_CATEGORIES for c in value)
    ),
    f"a non-empty set of categories from {CUSTOMER_CATEGORIES!r}",
)


def _intervals(value: object) -> object:
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, tuple) and all(isinstance(pair, tuple) for pair in value):
        return tuple(sorted(value, key=lambda pair: str(pair[0]) if pair else ""))
    return value


def _days_per(names: str, known: Callable[[str], bool], *, empty: bool) -> Any:
    """A validator for ``None`` or (name, positive number of days) pairs, each name once."""
    return satisfying(
        lambda value: (
            value is None
            or (
                isinstance(value, tuple)
                and (empty or bool(value))
                and all(
                    isinstance(pair, tuple)
                    and len(pair) == 2
                    and isinstance(pair[0], str)
                    and known(pair[0])
                    and pair[1].__class__ is int
                    and pair[1] >= 1
                    for pair in value
                )
                and len({pair[0] for pair in value}) == len(value)  # each name at most once
            )
        ),
        f"{names} to a positive number of days",
        must="map",
    )


_intervals_valid = _days_per(
    f"categories from {CUSTOMER_CATEGORIES!r}", CUSTOMER_CATEGORIES.__contains__, empty=True
)
_step_limits_valid = _days_per(
    "step names (non-empty str)", lambda name: name.strip() == name != "", empty=False
)
_window_valid = satisfying(
    lambda value: (
        isinstance(value, tuple)
        and len(value) == 2
        and all(v.__class__ is int for v in value)
        and 1 <= value[0] <= value[1] <= 31
    ),
    "a (first, last) pair of days of the month with 1 <= first <= last <= 31",
)


def _window(optional: bool) -> Any:
    return _or_none(_window_valid) if optional else _window_valid


def _param(
    default: Any,
    *,
    clauses: tuple[str, ...],
    doc: str,
    validator: Any,
    assumption: bool = False,
    required: bool = False,
    converter: Any = None,
) -> Any:
    """A policy field with its clauses, its meaning and whether it is an assumption."""
    for clause_id in clauses:
        clause(clause_id)
    return attrs.field(
        default=default,
        validator=validator,
        converter=converter,
        metadata={"clauses": clauses, "doc": doc, "assumption": assumption, "required": required},
    )


# -- the parameter groups -----------------------------------------------------------------------

_DEADLINE_CLAUSES = ("B-6", "B-8", "C-9.3", "C-9.6", "C-10")


@attrs.frozen(kw_only=True)
class GeneralPolicy:
    """The conventions that apply across the rule families."""

    currency: Currency = attrs.field(
        default=CNY,
        validator=instance_of(Currency),
        metadata={
            "clauses": ("P-E3.3",),
            "doc": "the currency of every amount the policy sets (fen is the minor unit of CNY)",
            "assumption": False,
            "required": False,
        },
    )
    roll_to_working_day: bool = _param(
        False,
        clauses=_DEADLINE_CLAUSES,
        doc="roll a calendar-day deadline that falls on a day off to the next working day "
        "(PRC Civil Code art. 203); off: no roll",
        validator=_bool,
        assumption=True,
    )
    monthly_due_day: int = _param(
        10,
        clauses=("P-2", "C-9.10"),
        doc='the day of the month in "before the 10th"',
        validator=_day_of_month,
    )
    monthly_due_day_on_time: bool = _param(
        True,
        clauses=("P-2", "C-9.10"),
        doc="whether the due day itself (the 10th) is still on time",
        validator=_bool,
        assumption=True,
    )


@attrs.frozen(kw_only=True)
class LeadsPolicy:
    """L: leads from outreach events."""

    extras_to_fewest_so_far: bool = _param(
        True,
        clauses=("L-2.3",),
        doc="the extra leads of an uneven split go to the participants with the fewest extras so "
        "far (a ledger carried from event to event), ties by a stable key",
        validator=_bool,
        assumption=True,
    )
    balance_grades: bool = _param(
        True,
        clauses=("L-2.3",),
        doc="where leads carry a grade, each participant gets a near-equal share of every grade",
        validator=_bool,
        assumption=True,
    )
    duplicate_key: Literal["phone", "name_and_phone", "name"] = _param(
        "phone",
        clauses=("L-2.1",),
        doc="what makes two leads of one batch duplicates: the same normalised phone number "
        "('phone'), the same name and phone ('name_and_phone') or the same name ('name')",
        validator=choice(("phone", "name_and_phone", "name")),
        assumption=True,
    )
    split_known_customers: bool = _param(
        True,
        clauses=("L-2.1", "L-2.3"),
        doc="leads whose customer is already on file (flagged at intake) are split like the "
        "others; off: they are left out of the split",
        validator=_bool,
        assumption=True,
    )


@attrs.frozen(kw_only=True)
class BillingPolicy:
    """B: gas bill collection."""

    reading_window: tuple[int, int] = _param(
        (20, 25),
        clauses=("B-4",),
        doc="first and last day of the month (inclusive) for reading public-welfare and "
        "commercial meters",
        validator=_window(optional=False),
        converter=_pair,
    )
    residential_reading_window: tuple[int, int] | None = _param(
        None,
        clauses=("B-4",),
        doc="the reading window of residential users; none: residential users have no window",
        validator=_window(optional=True),
        assumption=True,
        converter=_pair,
    )
    payment_days: int = _param(
        7,
        clauses=("B-6",),
        doc="calendar days after the settlement sheet is delivered within which the user pays",
        validator=_positive_int,
    )
    notice_to_arrears_days: int = _param(
        3,
        clauses=("B-8",),
        doc="calendar days after the phone or written notice that are the user's; the arrears "
        "notice falls due the day after the last of them",
        validator=_positive_int,
    )
    arrears_to_cutoff_days: int = _param(
        3,
        clauses=("B-8",),
        doc="calendar days after the arrears notice that are the user's; gas cut-off becomes "
        "possible the day after the last of them",
        validator=_positive_int,
        assumption=True,
    )
    escalate_on_last_day: bool = _param(
        False,
        clauses=("B-8",),
        doc="read 「三日后」 colloquially: the arrears notice (and cut-off) falls due on the last "
        "day of the period itself; off: the period's days are the user's and the step falls "
        "due the day after",
        validator=_bool,
        assumption=True,
    )
    collection_target: Decimal = _param(
        Decimal("0.95"),
        clauses=("B-2.2",),
        doc="the collection rate the period must reach",
        validator=_ratio(optional=False),
        converter=_to_decimal,
    )
    collection_basis: Literal["amount", "count"] = _param(
        "amount",
        clauses=("B-2.2",),
        doc="the collection rate is measured by amount (or by count of bills), at the payment "
        "deadline",
        validator=choice(("amount", "count")),
        assumption=True,
    )
    prompt_payment_days: int = _param(
        3,
        clauses=("B-2.2",),
        doc="the prompt-payment target in days, reported beside the collection rate",
        validator=_positive_int,
    )
    reading_rate_standard: Decimal | None = _param(
        None,
        clauses=("B-2.1",),
        doc="the company's minimum meter-reading rate (meters read / meters due)",
        validator=_ratio(optional=True),
        converter=_to_decimal,
        required=True,
    )


SANCTIONS = ("warning", "minor demerit", "major demerit")
"""The P-5 sanctions a P-3 band may name (the values of ``custpolicy.rules.penalties.Sanction``)."""


_BAND = "SanctionBand P-3"


@attrs.frozen(kw_only=True)
class SanctionBand:
    """One band of the P-3 sanction table: a range of the loss a person bears, and its sanction.

    Both bounds are explicit: say whether each is included; ``upper=None`` means no upper bound.
    ``sanction`` is ``None`` (no sanction), ``"warning"``, ``"minor demerit"`` or
    ``"major demerit"``; ``count`` is how many of them.

    Examples:
        >>> band = SanctionBand(sanction="warning", lower=Money(1000, "CNY"),
        ...     lower_inclusive=True, upper=Money(5000, "CNY"), upper_inclusive=False)
        >>> band.label()
        'warning x 1 [CNY 1,000.00, CNY 5,000.00)'
    """

    sanction: str | None = attrs.field(
        validator=_or_none(
            choice(SANCTIONS, expect=f"None (no sanction) or one of {SANCTIONS!r}", clause=_BAND)
        )
    )
    count: int = attrs.field(default=1, validator=integer(low=1, clause=_BAND))
    lower: Money = attrs.field(validator=money(sign="non-negative", clause=_BAND))
    lower_inclusive: bool = attrs.field(default=True, validator=boolean(clause=_BAND))
    upper: Money | None = attrs.field(
        default=None,
        validator=_or_none(
            money(
                sign="non-negative",
                expect="a non-negative Money or None (no upper bound)",
                clause=_BAND,
            )
        ),
    )
    upper_inclusive: bool = attrs.field(default=False, validator=boolean(clause=_BAND))

    @property
    def bounds(self) -> Bounds:
        """``(lower, lower_inclusive, upper, upper_inclusive)``."""
        return (self.lower, self.lower_inclusive, self.upper, self.upper_inclusive)

    def label(self, lang: Lang = "en") -> str:
        """The sanction and the range in interval notation."""
        zh = {
            None: "不處分",
            "warning": "警告",
            "minor demerit": "小過",
            "major demerit": "大過以上",
        }
        lang = check_lang(lang, "SanctionBand.label")
        if lang == "en":
            what = "no sanction" if self.sanction is None else f"{self.sanction} x {self.count}"
            return f"{what} {band_label(self.bounds)}"
        what = in_lang(lang, "", zh[self.sanction]) + (
            "" if self.sanction is None else f"{self.count}次"
        )
        return f"{what}（{band_label(self.bounds, lang)}）"


def _sanction_table(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _check_sanction_table(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _sanction_bands(instance, attribute, value)  # a tuple of SanctionBand values, or None
    if value is not None:
        bands = cast("tuple[SanctionBand, ...]", value)
        check_bands([band.bounds for band in bands], "sanction_table P-3")


_sanction_bands = _or_none(
    tuple_of(SanctionBand, expect="a tuple of SanctionBand values", clause="P-3")
)


@attrs.frozen(kw_only=True)
class PenaltyPolicy:
    """P: complaint losses and penalties."""

    resale_months: int = _param(
        1,
        clauses=("P-1",),
        doc="calendar months after the ruling within which resold goods count at the A-grade price",
        validator=_positive_int,
    )
    warning_minimum: Money = _param(
        Money(400, CNY),
        clauses=("P-5.1",),
        doc="the least fine per warning",
        validator=_money(optional=False),
    )
    minor_demerit_minimum: Money = _param(
        Money(800, CNY),
        clauses=("P-5.2",),
        doc="the least fine per minor demerit and base unit",
        validator=_money(optional=False),
    )
    monthly_cap_ratio: Decimal = _param(
        Decimal("0.5"),
        clauses=("P-E3.4",),
        doc="the share of a month's bonus that complaint deductions may take (rounded down to "
        "the minor unit); the rest carries over",
        validator=_ratio(optional=False),
        converter=_to_decimal,
    )
    fines_count_against_cap: bool = _param(
        False,
        clauses=("P-E3.4", "P-5.1", "P-5.2"),
        doc="P-5.1 and P-5.2 fines use up the month's P-E3.4 cap, leaving less of it for "
        "complaint deductions (off: fines and the P-5.3 forfeit are taken outside the cap)",
        validator=_bool,
        assumption=True,
    )
    sanction_table: tuple[SanctionBand, ...] | None = _param(
        None,
        clauses=("P-3",),
        doc="the sanction for the loss a person bears after the ruling: amount bands, each with "
        "its sanction (none, warning, minor demerit or major demerit) and count",
        validator=_check_sanction_table,
        converter=_sanction_table,
        required=True,
    )


@attrs.frozen(kw_only=True)
class ComplaintPolicy:
    """C: complaint handling."""

    serial_width: int = _param(
        2,
        clauses=("C-8",),
        doc="digits of the monthly serial in a case number (2: serials 01-99)",
        validator=_positive_int,
        assumption=True,
    )
    close_days_domestic: int = _param(
        13,
        clauses=("C-10",),
        doc="days from acceptance by the GM office to closing, domestic customer",
        validator=_positive_int,
    )
    close_days_foreign: int = _param(
        17,
        clauses=("C-10",),
        doc="days from acceptance by the GM office to closing, foreign customer",
        validator=_positive_int,
    )
    close_in_calendar_days: bool = _param(
        True,
        clauses=("C-10", "C-10.2"),
        doc="the closing periods and the step limits count calendar days (off: working days)",
        validator=_bool,
        assumption=True,
    )
    qa_report_days: int = _param(
        3,
        clauses=("C-9.3",),
        doc="days after the investigation within which QA reports",
        validator=_positive_int,
    )
    opinion_days: int = _param(
        1,
        clauses=("C-9.6",),
        doc="days after the sales result reaches the GM office for the consolidated opinion",
        validator=_positive_int,
    )
    sales_manager_limit: Money | None = _param(
        None,
        clauses=("C-11",),
        doc="the largest complaint amount the sales manager may approve",
        validator=_money(optional=True),
        required=True,
    )
    vice_gm_limit: Money | None = _param(
        None,
        clauses=("C-11",),
        doc="the largest complaint amount the vice GM may approve; above it, the GM",
        validator=_money(optional=True),
        required=True,
    )
    step_limit_days: tuple[tuple[str, int], ...] | None = _param(
        None,
        clauses=("C-10.2",),
        doc="the time limit of each step of the handling, in days, by step name",
        validator=_step_limits_valid,
        converter=_intervals,
        required=True,
    )


@attrs.frozen(kw_only=True)
class ReturnsPolicy:
    """R: returns and allowances."""

    default_over_acceptance_ratio: Decimal | None = _param(
        None,
        clauses=("R-2.1",),
        doc="the company's default tolerance above the approved return quantity, used when "
        "the order sets none",
        validator=_ratio(optional=True, upper=None),
        converter=_to_decimal,
        required=True,
    )
    above_tolerance: Literal["refuse", "book_limit"] = _param(
        "refuse",
        clauses=("R-2.1",),
        doc="a return above the tolerance: refuse the booking and send it back for approval "
        "(or book up to the limit)",
        validator=choice(("refuse", "book_limit")),
        assumption=True,
    )


CUSTOMER_FILE_FIELDS = (
    "name",
    "category",
    "enterprise_nature",
    "supervising_unit",
    "address",
    "contact_person",
    "phone",
)
"""The seven M-1.3 fields every customer file has (the codes of ``customers.FileField``)."""


def _field_names(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


_field_names_valid = satisfying(
    lambda value: (
        isinstance(value, tuple)
        and all(isinstance(name, str) and name.strip() == name and name for name in value)
        and len(set(value)) == len(value)
        and not set(value) & set(CUSTOMER_FILE_FIELDS)
    ),
    "a list of distinct field names (non-empty str without surrounding spaces) other "
    f"than the seven fields {CUSTOMER_FILE_FIELDS!r}",
)


_optional_positive_int = _or_none(_positive_int)


@attrs.frozen(kw_only=True)
class CustomerPolicy:
    """M: customer master data."""

    added_file_fields: tuple[str, ...] = _param(
        (),
        clauses=("M-1.3",),
        doc="the fields the company requires in a customer file besides the seven of the source "
        "(「如…等」 gives examples), by the names a file's record uses",
        validator=_field_names_valid,
        converter=_field_names,
        assumption=True,
    )
    registration_working_days: int = _param(
        5,
        clauses=("M-1.4",),
        doc="working days after first contact within which a new customer is registered",
        validator=_positive_int,
    )
    change_report_working_days: int = _param(
        5,
        clauses=("M-1.4",),
        doc="working days after a change within which it is reported",
        validator=_positive_int,
    )
    key_categories: tuple[str, ...] = _param(
        ("key", "potential"),
        clauses=("M-1.6.3",),
        doc="the categories of the important customers with large potential whose new customers "
        "need several staff contacts",
        validator=_categories_valid,
        converter=_categories,
        assumption=True,
    )
    key_customer_min_contacts: int = _param(
        2,
        clauses=("M-1.6.3",),
        doc="the least number of distinct, employed staff contacts of an important new customer",
        validator=_positive_int,
    )
    new_customer_months: int | None = _param(
        12,
        clauses=("M-1.6.3",),
        doc="a customer is new while registered within this many months before the check (or "
        "not registered yet); None: every customer of those categories, however old",
        validator=_optional_positive_int,
        assumption=True,
    )
    visit_interval_days: tuple[tuple[str, int], ...] | None = _param(
        None,
        clauses=("M-1.7",),
        doc="days between return visits, per customer category",
        validator=_intervals_valid,
        converter=_intervals,
        required=True,
    )
    restricted_expense_kinds: frozenset[str] | None = _param(
        None,
        clauses=("M-1.8.1",),
        doc="the expense kinds never reimbursed for a customer that is not registered; None: "
        "every kind of expense tied to the customer (「等」 leaves the source's list open)",
        validator=_kinds_valid,
        converter=_kinds,
        assumption=True,
    )
    registration_judged_on: Literal["decided", "incurred"] = _param(
        "decided",
        clauses=("M-1.8.1",),
        doc="the day on which the customer must be registered: the day finance decides the "
        "claim ('decided') or the day the expense was incurred ('incurred')",
        validator=choice(("decided", "incurred")),
        assumption=True,
    )
    reminder_threshold: int = _param(
        2,
        clauses=("M-1.8.2",),
        doc="registration reminders ignored in a month before a staff member is flagged",
        validator=_positive_int,
        assumption=True,
    )


_GROUPS: dict[str, type] = {
    "general": GeneralPolicy,
    "leads": LeadsPolicy,
    "billing": BillingPolicy,
    "penalties": PenaltyPolicy,
    "complaints": ComplaintPolicy,
    "returns": ReturnsPolicy,
    "customers": CustomerPolicy,
}


@attrs.frozen
class Parameter:
    """One policy parameter: its dotted path, value, clauses and whether it is an assumption."""

    path: str = attrs.field(validator=text())
    value: object
    clauses: tuple[Clause, ...] = attrs.field(validator=tuple_of(Clause))
    doc: str = attrs.field(validator=text(blank=True))
    assumption: bool = attrs.field(validator=boolean())
    required: bool = attrs.field(validator=boolean())


_parameter = trusted(Parameter)  # Policy lists its own parameters, already checked


def _group(kind: type) -> Any:
    return attrs.field(factory=kind, validator=instance_of(kind, clause="Policy"))


@attrs.frozen(kw_only=True)
class Policy:
    """Every parameter of the policy, grouped per rule family, with the catalogue's defaults.

    Change parameters with [`updated`][custpolicy.foundation.policy.Policy.updated]; list them with
    [`parameters`][custpolicy.foundation.policy.Policy.parameters].
    """

    general: GeneralPolicy = _group(GeneralPolicy)
    leads: LeadsPolicy = _group(LeadsPolicy)
    billing: BillingPolicy = _group(BillingPolicy)
    penalties: PenaltyPolicy = _group(PenaltyPolicy)
    complaints: ComplaintPolicy = _group(ComplaintPolicy)
    returns: ReturnsPolicy = _group(ReturnsPolicy)
    customers: CustomerPolicy = _group(CustomerPolicy)

    def __attrs_post_init__(self) -> None:
        cur = self.general.currency
        for parameter in self.parameters():
            if isinstance(parameter.value, Money) and parameter.value.currency != cur:
                where = "/".join(c.id for c in parameter.clauses)
                what = f"in the policy currency {cur.code}"
                raise refuse(parameter.path, what, parameter.value, where)
        table = self.penalties.sanction_table or ()
        low, high = self.complaints.sales_manager_limit, self.complaints.vice_gm_limit
        for path, wrong, must, expectation, shown, where in (
            (
                "penalties.sanction_table",
                table and table[0].lower.currency != cur,
                "be",
                f"in the policy currency {cur.code}",
                f"{table[0].lower!r} in band 1" if table else "",
                "P-3",
            ),
            (
                "complaints.sales_manager_limit",
                low is not None and high is not None and low > high,
                "not exceed",
                "complaints.vice_gm_limit",
                f"{low} > {high}",
                "C-11",
            ),
        ):
            if wrong:
                raise refuse(path, expectation, None, where, shown=shown, must=must)

    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter, in declaration order, with its metadata."""
        found = []
        for group_name in _GROUPS:
            group = getattr(self, group_name)
            for field in attrs.fields(type(group)):
                meta = field.metadata
                found.append(
                    _parameter(
                        f"{group_name}.{field.name}",
                        getattr(group, field.name),
                        tuple(clause(c) for c in meta["clauses"]),
                        meta["doc"],
                        meta["assumption"],
                        meta["required"],
                    )
                )
        return tuple(found)

    def _split(self, path: object, where: str) -> tuple[str, str]:
        if isinstance(path, str) and path.count(".") == 1:
            group_name, name = path.split(".")
            kind = _GROUPS.get(group_name)
            if kind is not None and name in attrs.fields_dict(kind):
                return group_name, name
        raise refuse(
            "path", "a policy parameter such as 'billing.payment_days'", path, where, must="name"
        )

    def get(self, path: str) -> Any:
        """The value of the parameter at ``path``, such as ``"billing.payment_days"``."""
        group_name, name = self._split(path, "Policy.get")
        return getattr(getattr(self, group_name), name)

    def require(self, path: str) -> Any:
        """The value at ``path``; [`ParameterNotSetError`][] if the company has not set it."""
        group_name, name = self._split(path, "Policy.require")
        value = getattr(getattr(self, group_name), name)
        if value is None:
            clauses = attrs.fields_dict(_GROUPS[group_name])[name].metadata["clauses"]
            raise ParameterNotSetError(
                f"policy parameter {path} is not set: {'/'.join(clauses)} has no default in the "
                f"source, so the company must set it, e.g. policy.updated({{{path!r}: ...}})",
                parameter=path,
            )
        return value

    def updated(self, changes: Mapping[str, Any]) -> Policy:
        """A copy with the given parameters changed, validated again.

        ``changes`` maps dotted paths (``"billing.payment_days"``) to values, or a family to a
        table of its parameters (``{"billing": {"payment_days": 10}}``). Values may be written
        as in a policy file (see
        [`from_mapping`][custpolicy.foundation.policy.Policy.from_mapping]): an amount as text in
        the policy currency (``"5000"``, ``"5000.00 CNY"``), the currency as its code.

        Examples:
            >>> Policy().updated({"complaints": {"sales_manager_limit": "5000"}}).get(
            ...     "complaints.sales_manager_limit")
            Money('5000.00', 'CNY')
        """
        expect = "a mapping of parameter paths to values"
        check_mapping(changes, "changes", "Policy.updated", expect=expect)
        flat: dict[str, object] = {}
        for key, value in changes.items():
            if key in _GROUPS and isinstance(value, Mapping):
                for name, item in value.items():
                    flat[".".join(self._split(f"{key}.{name}", "Policy.updated"))] = item
            else:
                flat[".".join(self._split(key, "Policy.updated"))] = value
        return self._apply(flat, lambda path, error: error)

    def _apply(
        self,
        flat: Mapping[str, object],
        fail: Callable[[str, InvalidInputError], InvalidInputError],
    ) -> Policy:
        """A copy with the values at the dotted paths, read as [`parameter_value`][] reads them.

        ``fail(path, error)`` gives the error to raise for a value refused at ``path``.
        """
        cur = self.general.currency
        values: dict[str, object] = {}
        for path in sorted(flat, key=lambda path: path != "general.currency"):
            try:
                values[path] = parameter_value(path, flat[path], cur)
            except InvalidInputError as error:
                raise fail(path, error) from None
            if path == "general.currency":
                cur = values[path]  # type: ignore[assignment]  # parameter_value made it one
        per_group: dict[str, dict[str, Any]] = {}
        for path, value in values.items():
            group_name, name = path.split(".")
            per_group.setdefault(group_name, {})[name] = value
        groups = {}
        for group_name, fields in per_group.items():
            group = getattr(self, group_name)
            for name, value in fields.items():  # one at a time, to name the one refused
                try:
                    group = attrs.evolve(group, **{name: value})
                except InvalidInputError as error:
                    raise fail(f"{group_name}.{name}", error) from None
            groups[group_name] = group
        try:
            return attrs.evolve(self, **groups)
        except InvalidInputError as error:
            raise fail(str(error).split(" ", 1)[0], error) from None

    def diff(self, other: Policy) -> PolicyDiff:
        """The parameters whose values differ between this policy and ``other``."""
        check_instance(other, "other", "Policy.diff", Policy)
        changes = tuple(
            ParameterChange(path=a.path, before=a.value, after=b.value, clauses=a.clauses)
            for a, b in zip(self.parameters(), other.parameters(), strict=True)
            if a.value != b.value
        )
        return PolicyDiff(changes=changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Policy:
        """The policy a nested mapping describes: a table per family, as [`to_mapping`][] writes.

        Values are read as [`parameter_value`][custpolicy.foundation.policy.parameter_value] reads
        them (amounts as text in the policy currency, ``"none"`` for an unset optional parameter); a
        parameter left out keeps its default. Raises
        [`PolicyFileError`][custpolicy.foundation.errors.PolicyFileError] naming the dotted path at
        fault.

        Examples:
            >>> Policy.from_mapping({"billing": {"payment_days": 10}}).billing.payment_days
            10
            >>> Policy.from_mapping({"billing": {"payment_day": 10}})
            Traceback (most recent call last):
            ...
            custpolicy.PolicyFileError: billing.payment_day is not a billing parameter \
(did you mean 'payment_days'?); the billing parameters are: ...
        """
        return _policy_from(data, "")

    def to_mapping(self) -> dict[str, dict[str, object]]:
        """Every parameter as plain data, one table per family (TOML- and JSON-safe).

        Amounts are exact text in the policy currency (``"5000.00"``), ratios text, the
        currency its code, pairs and lists lists, per-category or per-step days tables; an
        unset parameter is left out (``"none"`` where its default is set).

        Examples:
            >>> Policy().to_mapping()["penalties"]
            {'resale_months': 1, 'warning_minimum': '400.00', 'minor_demerit_minimum': '800.00', \
'monthly_cap_ratio': '0.5', 'fines_count_against_cap': False}
        """
        found: dict[str, dict[str, object]] = {}
        for group_name, kind in _GROUPS.items():
            table = found[group_name] = {}
            group = getattr(self, group_name)
            for field in attrs.fields(kind):
                value = getattr(group, field.name)
                if value is not None:
                    table[field.name] = _plain(str(field.type), value)
                elif field.default is not None:
                    table[field.name] = _NONE
        return found

    @classmethod
    def from_toml(cls, text: str) -> Policy:
        """The policy TOML text describes: one table per family (see [`from_mapping`][])."""
        return _policy_from(_loads(text), "")

    def to_toml(self) -> str:
        """The policy as TOML text, one table per family, that [`from_toml`][] reads back.

        Examples:
            >>> print(Policy().to_toml().split("[leads]")[0])
            [general]
            currency = "CNY"
            roll_to_working_day = false
            monthly_due_day = 10
            monthly_due_day_on_time = true
            <BLANKLINE>
        """
        return _toml_tables(self.to_mapping(), "").lstrip("\n")


bind_type("Policy", Policy)


@attrs.frozen
class ParameterChange:
    """One parameter that differs between two policy versions."""

    path: str = attrs.field(validator=text())
    before: object
    after: object
    clauses: tuple[Clause, ...] = attrs.field(validator=tuple_of(Clause))


@attrs.frozen
class PolicyDiff(Explained):
    """The parameters that changed between two policy versions, in declaration order."""

    _lines = Lines("changes")

    changes: tuple[ParameterChange, ...] = attrs.field(validator=tuple_of(ParameterChange))

    def __iter__(self) -> Iterator[ParameterChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One line per changed parameter, citing its first clause and naming the others."""
        if not self.changes:
            return (Reason.of("policy.same", None, en="no parameter changed", zh="參數均無變更"),)
        reasons = []
        for change in self.changes:
            also = change.clauses[1:]
            reasons.append(
                Reason.of(
                    "policy.changed",
                    change.clauses[0],
                    en="{path} changed from {before} to {after}"
                    + (" (also applies to {also})" if also else ""),
                    zh="{path}由{before}改為{after}" + ("（亦適用於{also}）" if also else ""),
                    path=Phrase(change.path, _PARAMETER_NAMES_ZH.get(change.path, change.path)),
                    before=_shown(change.path, change.before),
                    after=_shown(change.path, change.after),
                    also=also,
                )
            )
        return tuple(reasons)


def _words(**labels: tuple[str, str]) -> Mapping[str, Phrase]:
    return MappingProxyType({code: Phrase(*pair) for code, pair in labels.items()})


_CATEGORY_WORDS = _words(
    target=("target customer", "目標客戶"),
    general=("general customer", "一般客戶"),
    key=("key customer", "重點客戶"),
    potential=("potential customer", "潛在客戶"),
)

#: The words for the codes a parameter's value is made of (a duplicate key, a customer
#: category, an expense kind ...), by parameter path, then code: the name of each code in
#: English and Chinese. A policy diff shows a code as set in English and by this name in
#: Chinese; the rule families name the same codes with the same words (they take them from
#: here, and a test checks their choices' labels against it).
VALUE_LABELS: Mapping[str, Mapping[str, Phrase]] = MappingProxyType(
    {
        "leads.duplicate_key": _words(
            phone=("phone", "電話"),
            name_and_phone=("name and phone", "姓名及電話"),
            name=("name", "姓名"),
        ),
        "billing.collection_basis": _words(amount=("amount", "金額"), count=("count", "張數")),
        "customers.key_categories": _CATEGORY_WORDS,
        "customers.visit_interval_days": _CATEGORY_WORDS,
        # the kinds the source names (招待、差旅、禮品); a company's other kinds show as set
        "customers.restricted_expense_kinds": _words(
            entertainment=("entertainment", "招待"),
            travel=("travel", "差旅"),
            gift=("gift", "禮品"),
        ),
        "customers.registration_judged_on": _words(
            decided=("the day the claim is decided", "財務決定報銷之日"),
            incurred=("the day the expense was incurred", "費用發生之日"),
        ),
    }
)

_NO_FIELD = Phrase("", "（無）")


def _shown(path: str, value: object) -> object:
    """A parameter's value as an explanation shows it: unset as such, codes by their names.

    In English as set (the codes); in Chinese each code by its name in
    [`VALUE_LABELS`][custpolicy.foundation.policy] (the expense kinds sorted, a category's visit
    interval beside it), and an empty list of added fields as 「（無）」.
    """
    if value is None:
        return _UNSET
    if path == "customers.added_file_fields":
        return value or _NO_FIELD
    words = VALUE_LABELS.get(path)
    if words is None:
        return value

    def word(code: str) -> Phrase | str:
        label = words.get(code)
        return code if label is None else Phrase(code, label.zh)

    codes: Any = value
    if path == "customers.key_categories":
        return tuple(word(code) for code in codes)
    if path == "customers.visit_interval_days":
        return tuple((word(code), days) for code, days in codes)
    if path == "customers.restricted_expense_kinds":
        return tuple(word(code) for code in sorted(codes))
    return word(codes)  # leads.duplicate_key, billing.collection_basis, ...registration_judged_on


#: Each parameter's name in Chinese, for explanations (the English text names its dotted path).
_PARAMETER_NAMES_ZH: Mapping[str, str] = MappingProxyType(
    {
        "general.currency": "幣別",
        "general.roll_to_working_day": "期限遇休息日是否順延",
        "general.monthly_due_day": "每月期限日",
        "general.monthly_due_day_on_time": "期限日當日是否仍屬準時",
        "leads.extras_to_fewest_so_far": "餘數是否分給累計最少者",
        "leads.balance_grades": "是否各等級平均分配",
        "leads.duplicate_key": "顧客檔案重複的判定依據",
        "leads.split_known_customers": "已建檔客戶是否參與分配",
        "billing.reading_window": "公福與商業用戶抄收日",
        "billing.residential_reading_window": "居民用戶抄收日",
        "billing.payment_days": "繳費期限天數",
        "billing.notice_to_arrears_days": "通知後下達催繳通知單的天數",
        "billing.arrears_to_cutoff_days": "催繳通知單下達後停氣的天數",
        "billing.escalate_on_last_day": "是否於期滿當日即下達催繳通知單或停氣",
        "billing.collection_target": "氣費回收率目標",
        "billing.collection_basis": "氣費回收率計算方式",
        "billing.prompt_payment_days": "送達後即時繳費的天數",
        "billing.reading_rate_standard": "抄收率標準",
        "penalties.resale_months": "轉售期月數",
        "penalties.warning_minimum": "警告每次最低罰扣金額",
        "penalties.minor_demerit_minimum": "小過每基數最低罰扣金額",
        "penalties.monthly_cap_ratio": "每月罰扣上限比率",
        "penalties.fines_count_against_cap": "行政罰扣是否計入每月罰扣上限",
        "penalties.sanction_table": "處分標準表",
        "complaints.serial_width": "流水號位數",
        "complaints.close_days_domestic": "國內客戶結案天數",
        "complaints.close_days_foreign": "國外客戶結案天數",
        "complaints.close_in_calendar_days": "結案期限是否以日曆日計算",
        "complaints.qa_report_days": "調查報告天數",
        "complaints.opinion_days": "綜合意見天數",
        "complaints.sales_manager_limit": "業務部經理核決上限",
        "complaints.vice_gm_limit": "副總經理核決上限",
        "complaints.step_limit_days": "各步驟處理期限天數",
        "returns.default_over_acceptance_ratio": "公司預設超量允收比率",
        "returns.above_tolerance": "實退量超過上限時的處理方式",
        "customers.registration_working_days": "新客戶備案工作日數",
        "customers.change_report_working_days": "變動回報工作日數",
        "customers.added_file_fields": "公司另定的客戶檔案必備欄位",
        "customers.key_categories": "須由多人聯絡的客戶類別",
        "customers.key_customer_min_contacts": "重要新客戶最少聯絡人數",
        "customers.new_customer_months": "新客戶認定月數",
        "customers.visit_interval_days": "各類客戶回訪間隔天數",
        "customers.restricted_expense_kinds": "未備案不予報銷的費用類別",
        "customers.registration_judged_on": "判定是否已備案之日",
        "customers.reminder_threshold": "納入考核的督促次數",
    }
)


def parameter_label(path: str, lang: Lang = "en") -> str:
    """A parameter's name for a reader: its dotted path in ``en``, its Chinese name in ``zh-Hant``.

    Examples:
        >>> path = "billing.payment_days"
        >>> parameter_label(path), parameter_label(path, "zh-Hant")
        ('billing.payment_days', '繳費期限天數')
    """
    lang = check_lang(lang, "parameter_label")
    name = _PARAMETER_NAMES_ZH.get(path) if isinstance(path, str) else None
    if name is None:
        raise UnknownKeyError(f"path must name a policy parameter, got {path!r} [parameter_label]")
    return in_lang(lang, path, name)


class _Unset:
    """How an unset parameter reads in an explanation."""

    def label(self, lang: Lang = "en") -> str:
        return in_lang(check_lang(lang, "_Unset.label"), "(unset)", "（未設定）")


_UNSET = _Unset()


def _effective_date(value: object) -> date:
    return check_date(value, "effective", "M-1.9")


@attrs.frozen
class PolicyVersion:
    """A policy and the date it takes effect (M-1.9)."""

    effective: date = attrs.field(converter=_effective_date)
    policy: Policy = attrs.field(validator=instance_of(Policy, clause="M-1.9 PolicyVersion"))
    label: str = attrs.field(default="", validator=text(blank=True, clause="M-1.9 PolicyVersion"))

    @property
    def name(self) -> str:
        """The label, or the effective date when there is none."""
        return self.label or f"version of {self.effective.isoformat()}"


@attrs.frozen
class _VersionName:
    """A version's name in each language: its label, or its effective date when it has none."""

    version: PolicyVersion

    def label(self, lang: Lang = "en") -> str:
        if self.version.label:
            return self.version.label
        lang = check_lang(lang, "PolicyVersion.label")
        effective = render_fact(self.version.effective, lang)
        return in_lang(lang, "version of {e}", "{e}版本").format(e=effective)


_IN_FORCE = "M-1.9 InForce"


@attrs.frozen
class InForce(Explained):
    """The policy version in force on a date (M-1.9)."""

    as_of: date = attrs.field(validator=validate_date(clause="M-1.9 InForce"))
    version: PolicyVersion = attrs.field(
        validator=instance_of(PolicyVersion, clause="M-1.9 InForce")
    )

    @property
    def policy(self) -> Policy:
        """The policy of the version in force."""
        return self.version.policy

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Which version applies and since when."""
        return (
            Reason.of(
                "policy.in_force",
                M_1_9,
                en="{name}, effective {effective}, is in force on {as_of}",
                zh="{name}自{effective}起生效，於{as_of}適用",
                name=_VersionName(self.version),
                effective=self.version.effective,
                as_of=self.as_of,
            ),
        )


def _versions(value: object) -> tuple[PolicyVersion, ...]:
    if isinstance(value, Mapping):
        value = [PolicyVersion(effective, policy) for effective, policy in value.items()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, PolicyVersion) for v in value):
        what = "PolicyVersion values or a mapping of effective date to Policy"
        raise refuse("versions", what, value, "M-1.9")
    return tuple(sorted(value, key=lambda v: v.effective))


@attrs.frozen
class PolicyBook:
    """Policy versions keyed by effective date (M-1.9); older versions stay available.

    Examples:
        >>> from datetime import date
        >>> book = PolicyBook({
        ...     date(2025, 7, 1): Policy(),
        ...     date(2026, 7, 1): Policy().updated({"billing.payment_days": 10}),
        ... })
        >>> book.in_force(date(2026, 6, 30)).policy.billing.payment_days
        7
        >>> print(book.diff(date(2025, 7, 1), date(2026, 7, 1)).explain("zh-Hant"))
        B-6 繳費期限天數由7改為10
    """

    versions: tuple[PolicyVersion, ...] = attrs.field(converter=_versions)

    def __attrs_post_init__(self) -> None:
        dates = [version.effective for version in self.versions]
        twice = [later for earlier, later in pairwise(dates) if earlier == later]
        for wrong, must, expectation, shown in (
            (not dates, "hold", "at least one policy version", "()"),
            (
                twice,
                "have",
                "distinct effective dates",
                f"two effective {twice[0]}" if twice else "",
            ),
        ):
            if wrong:
                raise refuse("versions", expectation, None, "M-1.9", shown=shown, must=must)

    def in_force(self, as_of: date) -> InForce:
        """The version in force on ``as_of``: the latest effective on or before it (M-1.9)."""
        check_date(as_of, "as_of", "M-1.9 PolicyBook.in_force")
        return InForce(as_of=as_of, version=self._version_on(as_of))

    def version_on(self, day: date) -> PolicyVersion:
        """The version in force on ``day``, found by bisection on the effective dates (M-1.9).

        The same version as ``in_force(day).version``, without building the explained
        [`InForce`][custpolicy.foundation.policy.InForce]. A day before the first version is a
        [`PolicyNotInForceError`][custpolicy.foundation.errors.PolicyNotInForceError].

        Examples:
            >>> from datetime import date
            >>> ten = Policy().updated({"billing.payment_days": 10})
            >>> book = PolicyBook({date(2025, 7, 1): Policy(), date(2026, 7, 1): ten})
            >>> book.version_on(date(2026, 7, 1)).effective
            datetime.date(2026, 7, 1)
            >>> book.version_on(date(2025, 6, 30))
            Traceback (most recent call last):
            ...
            custpolicy.PolicyNotInForceError: no policy version is in force on 2025-06-30: the \
first takes effect on 2025-07-01 [M-1.9]
        """
        return self._version_on(check_date(day, "day", "M-1.9 PolicyBook.version_on"))

    def _version_on(self, day: date) -> PolicyVersion:
        index = bisect_right(self.versions, day, key=_EFFECTIVE)
        if not index:
            raise _not_in_force(day, self.versions[0])
        return self.versions[index - 1]

    def diff(self, a: date, b: date) -> PolicyDiff:
        """The parameters that changed between the versions in force on ``a`` and on ``b``."""
        return self.in_force(a).policy.diff(self.in_force(b).policy)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PolicyBook:
        """The book a mapping ``{"versions": [...]}`` describes, as [`to_mapping`][] writes.

        Each version has ``effective`` (a date, or ISO text), an optional ``label`` and its
        family tables (see
        [`Policy.from_mapping`][custpolicy.foundation.policy.Policy.from_mapping]). Raises
        [`PolicyFileError`][custpolicy.foundation.errors.PolicyFileError] naming the path at fault,
        such as ``versions[1].effective``.
        """
        return _book_from(data)

    def to_mapping(self) -> dict[str, list[dict[str, object]]]:
        """The versions as plain data: effective dates as ISO text, labels, family tables."""
        versions: list[dict[str, object]] = []
        for version in self.versions:
            item: dict[str, object] = {"effective": version.effective.isoformat()}
            if version.label:
                item["label"] = version.label
            versions.append(item | version.policy.to_mapping())
        return {"versions": versions}

    @classmethod
    def from_toml(cls, text: str) -> PolicyBook:
        """The book TOML text describes: ``[[versions]]``, each with its family tables."""
        return _book_from(_loads(text))

    def to_toml(self) -> str:
        """The book as TOML text that [`from_toml`][] reads back.

        Examples:
            >>> from datetime import date
            >>> book = PolicyBook({date(2026, 7, 1): Policy()})
            >>> print(book.to_toml().split("[versions.leads]")[0])
            [[versions]]
            effective = 2026-07-01
            <BLANKLINE>
            [versions.general]
            currency = "CNY"
            roll_to_working_day = false
            monthly_due_day = 10
            monthly_due_day_on_time = true
            <BLANKLINE>
        """
        parts = []
        for version in self.versions:
            head = f"[[versions]]\neffective = {version.effective.isoformat()}\n"
            if version.label:
                head += f"label = {_toml(version.label)}\n"
            parts.append(head + _toml_tables(version.policy.to_mapping(), "versions."))
        return "\n".join(parts)


_EFFECTIVE: Callable[[PolicyVersion], date] = attrgetter("effective")


def _not_in_force(day: date, first: PolicyVersion) -> PolicyNotInForceError:
    return PolicyNotInForceError(
        f"no policy version is in force on {day.isoformat()}: the first takes effect "
        f"on {first.effective.isoformat()} [M-1.9]"
    )


bind_type("PolicyBook", PolicyBook)

T = TypeVar("T")


class PerVersion(Generic[T]):
    """What a batch run keeps per policy version, built once and found by date (M-1.9).

    A batch entry point that takes ``policy=`` a [`Policy`][custpolicy.foundation.policy.Policy] or
    a [`PolicyBook`][custpolicy.foundation.policy.PolicyBook] precomputes what it needs of a policy
    (its ``state``) once per version with ``build(policy, version)``, and finds the state of each
    event's version with [`on`][custpolicy.foundation.policy.PerVersion.on]: a bisection on the
    effective dates, so an event costs a date comparison or two. With a plain
    [`Policy`][custpolicy.foundation.policy.Policy] there is one state, ``single``, built with
    ``version=None``, whatever the date; with a book ``single`` is ``None``.

    Examples:
        >>> from datetime import date
        >>> book = PolicyBook({date(2025, 7, 1): Policy(),
        ...                    date(2026, 7, 1): Policy().updated({"billing.payment_days": 10})})
        >>> days = PerVersion(book, lambda policy, version: policy.billing.payment_days)
        >>> days.on(date(2026, 6, 30)), days.on(date(2026, 7, 1)), days.single
        (7, 10, None)
        >>> PerVersion(Policy(), lambda policy, version: policy.billing.payment_days).single
        7
    """

    __slots__ = ("_effective", "_first", "_states", "single")

    def __init__(
        self, policy: Policy | PolicyBook, build: Callable[[Policy, PolicyVersion | None], T]
    ) -> None:
        if isinstance(policy, PolicyBook):
            versions = policy.versions
            self.single: T | None = None
            self._effective = tuple(version.effective for version in versions)
            self._states = tuple(build(version.policy, version) for version in versions)
            self._first = versions[0]
        else:
            self.single = build(policy, None)
            self._effective = (date.min,)
            self._states = (self.single,)

    def on(self, day: date) -> T:
        """The state of the version in force on ``day`` (M-1.9); with a Policy, its one state.

        A day before the book's first version is a
        [`PolicyNotInForceError`][custpolicy.foundation.errors.PolicyNotInForceError].
        """
        index = bisect_right(self._effective, day)
        if not index:
            raise _not_in_force(day, self._first)
        return self._states[index - 1]


# -- policies in files ----------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"^(?:(?P<before>[A-Za-z]{3})\s+)?"
    r"(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?:\s+(?P<after>[A-Za-z]{3}))?$"
)
_AMOUNT_WHAT = 'an amount as text, such as "5000.00" or "5000.00 CNY"'
_FILE_FLOAT_HINT = "floats are inexact, write the number in quotes"
_NONE = "none"
"""How a file writes an optional parameter set to None when its default is not None."""


def read_amount(value: object, cur: Currency) -> Money | None:
    """An amount as files and scenarios write it, or None if ``value`` is not written as one.

    An int, or text: a number with up to one currency code before or after it, thousands
    separated by commas or not. A bare number is in ``cur``. An amount the currency cannot hold
    (finer than its minor unit, an unknown code) raises
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError].

    Examples:
        >>> read_amount("5,000.5 CNY", CNY), read_amount(5000, CNY), read_amount(5000.0, CNY)
        (Money('5000.50', 'CNY'), Money('5000.00', 'CNY'), None)
    """
    if value.__class__ is int:
        return Money(value, cur)
    found = _AMOUNT.match(value.strip()) if isinstance(value, str) else None
    if found is None or (found["before"] and found["after"]):
        return None
    code = (found["before"] or found["after"] or "").upper()
    return Money(found["number"].replace(",", ""), currency(code) if code else cur)


def _amount(value: object, cur: Currency, name: str, where: str) -> Money:
    try:
        amount = read_amount(value, cur)
    except InvalidInputError as error:
        raise refuse(name, _AMOUNT_WHAT, value, where, hint=str(error)) from None
    if amount is None:
        hint = _FILE_FLOAT_HINT if isinstance(value, float) else ""
        raise refuse(name, _AMOUNT_WHAT, value, where, hint=hint)
    return amount


_BAND_KEYS = tuple(field.name for field in attrs.fields(SanctionBand))


def _bands(value: object, cur: Currency) -> object:
    """A P-3 table written as a list of tables; anything else unchanged, for the validator."""
    if not isinstance(value, (list, tuple)):
        return value
    bands: list[object] = []
    for n, band in enumerate(value):
        if not isinstance(band, Mapping):
            bands.append(band)
            continue
        name = f"sanction_table[{n}]"
        for key in band:
            if key not in _BAND_KEYS:
                raise InvalidInputError(
                    f"{name}.{key} is not a key of a band{_did_you_mean(key, _BAND_KEYS)}; the "
                    f"keys are: {', '.join(_BAND_KEYS)} [P-3]"
                )
        for key in ("sanction", "lower"):
            if key not in band:
                raise InvalidInputError(f"{name}.{key} is missing [P-3]")
        fields = dict(band)
        if isinstance(fields["sanction"], str) and fields["sanction"] == _NONE:
            fields["sanction"] = None
        for key in ("lower", "upper"):
            if fields.get(key) is not None and not isinstance(fields[key], Money):
                fields[key] = _amount(fields[key], cur, f"{name}.{key}", "P-3")
        try:
            bands.append(SanctionBand(**fields))
        except InvalidInputError as error:
            raise InvalidInputError(f"{name}.{error}") from None
    return bands


def parameter_value(path: str, value: object, cur: Currency = CNY) -> object:
    """The value for the parameter at ``path`` from a value as files and scenarios write it.

    An amount may be text or an int (see [`read_amount`][custpolicy.foundation.policy.read_amount]),
    in ``cur`` unless it names its currency; the currency may be its code; the P-3 table a list of
    tables of its bands' fields; ``"none"`` unsets an optional parameter. Other values are left to
    the parameter's own checks. Raises
    [`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] naming the parameter for
    an amount not written as one.

    Examples:
        >>> parameter_value("complaints.vice_gm_limit", "20,000")
        Money('20000.00', 'CNY')
        >>> parameter_value("customers.new_customer_months", "none") is None
        True
    """
    group_name, name = path.split(".")
    field = attrs.fields_dict(_GROUPS[group_name])[name]
    kind = str(field.type)
    where = _where(field)
    if isinstance(value, str) and value == _NONE and "None" in kind:
        return None
    if path == "general.currency":
        try:
            return currency(value)  # type: ignore[arg-type]  # refused below
        except InvalidInputError:
            known = "a Currency or the code of a known one, such as 'CNY'"
            raise refuse("currency", known, value, where) from None
    if path == "penalties.sanction_table":
        return _bands(value, cur)
    if kind.startswith("Money") and value is not None and not isinstance(value, Money):
        return _amount(value, cur, name, where)
    return value


def _did_you_mean(name: object, known: Iterable[str]) -> str:
    import difflib  # only a refused name needs it: kept out of the package's start-up

    close = difflib.get_close_matches(str(name), list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _at(prefix: str, path: str, error: CustPolicyError) -> PolicyFileError:
    """``error`` as a [`PolicyFileError`][] naming the full path of the value refused."""
    text = str(error)
    head, _, rest = text.partition(" ")
    for known in (path, path.rsplit(".", 1)[-1]):
        if head == known or head.startswith(f"{known}["):
            where = prefix + path + head[len(known) :]
            return PolicyFileError(f"{where} {rest}", path=where)
    return PolicyFileError(f"{prefix}{path}: {text}", path=prefix + path)


def _policy_from(data: object, at: str) -> Policy:
    prefix = f"{at}." if at else ""
    if not isinstance(data, Mapping):
        raise PolicyFileError(
            f"{at or 'policy'} must be a table of policy families ({', '.join(_GROUPS)}), got "
            f"{data!r}",
            path=at or None,
        )
    flat: dict[str, object] = {}
    for family, table in data.items():
        kind = _GROUPS.get(family) if isinstance(family, str) else None
        if kind is None:
            raise PolicyFileError(
                f"{prefix}{family} is not a policy family{_did_you_mean(family, _GROUPS)}; the "
                f"families are: {', '.join(_GROUPS)}",
                path=f"{prefix}{family}",
            )
        if not isinstance(table, Mapping):
            raise PolicyFileError(
                f"{prefix}{family} must be a table of {family} parameters, got {table!r}",
                path=f"{prefix}{family}",
            )
        names = attrs.fields_dict(kind)
        for name, value in table.items():
            if name not in names:
                raise PolicyFileError(
                    f"{prefix}{family}.{name} is not a {family} parameter"
                    f"{_did_you_mean(name, names)}; the {family} parameters are: "
                    + ", ".join(names),
                    path=f"{prefix}{family}.{name}",
                )
            flat[f"{family}.{name}"] = value
    return Policy()._apply(flat, lambda path, error: _at(prefix, path, error))


def _plain(kind: str, value: object) -> object:
    """A parameter's value as plain data (TOML- and JSON-safe)."""
    if isinstance(value, Money):
        return f"{value.amount:f}"
    if isinstance(value, Currency):
        return value.code
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, frozenset):
        return sorted(value)
    if kind.startswith("tuple[tuple[str, int]"):
        return dict(value)  # type: ignore[call-overload]  # pairs, by the parameter's type
    if isinstance(value, tuple):
        return [_plain("", item) for item in value]
    if isinstance(value, SanctionBand):
        band = {name: _plain("", getattr(value, name)) for name in _BAND_KEYS}
        if value.sanction is None:
            band["sanction"] = _NONE
        if value.upper is None:
            del band["upper"]
        return band
    return value


def _toml(value: object) -> str:
    """One TOML value: the plain values of [`Policy.to_mapping`][] and dates."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        import json  # only writing a policy needs it: kept out of the package's start-up

        # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list):
        if any(isinstance(item, Mapping) for item in value):
            return "[\n" + "".join(f"    {_toml(item)},\n" for item in value) + "]"
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)  # an int, or a date (ISO)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)


def _toml_tables(mapping: Mapping[str, Mapping[str, object]], prefix: str) -> str:
    return "".join(
        f"\n[{prefix}{family}]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in table.items())
        for family, table in mapping.items()
    )


def _loads(text: object) -> dict[str, Any]:
    if not isinstance(text, str):
        raise PolicyFileError(f"text must be a str of TOML, got {text!r}", path=None)
    import tomllib  # only reading a policy file needs it: kept out of the package's start-up

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyFileError(f"the text is not TOML: {error}", path=None) from None


def _effective(value: object, where: str) -> date:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value)
    if isinstance(value, datetime) or not isinstance(value, date):
        raise PolicyFileError(
            f"{where} must be a date (YYYY-MM-DD), got {value!r} [M-1.9]", path=where
        )
    return value


def _book_from(data: object) -> PolicyBook:
    if not isinstance(data, Mapping) or set(data) != {"versions"}:
        raise PolicyFileError(
            f"a policy book must be a table with one key, versions, got {data!r} [M-1.9]",
            path=None,
        )
    value = data["versions"]
    if not isinstance(value, (list, tuple)) or not value:
        raise PolicyFileError(
            f"versions must be a non-empty list of tables [[versions]], got {value!r} [M-1.9]",
            path="versions",
        )
    versions = []
    for n, item in enumerate(value):
        at = f"versions[{n}]"
        if not isinstance(item, Mapping):
            raise PolicyFileError(f"{at} must be a table, got {item!r} [M-1.9]", path=at)
        if "effective" not in item:
            raise PolicyFileError(f"{at}.effective is missing [M-1.9]", path=f"{at}.effective")
        effective = _effective(item["effective"], f"{at}.effective")
        label = item.get("label", "")
        if not isinstance(label, str):
            raise PolicyFileError(
                f"{at}.label must be text, got {label!r} [M-1.9]", path=f"{at}.label"
            )
        families = {k: v for k, v in item.items() if k not in ("effective", "label")}
        versions.append(PolicyVersion(effective, _policy_from(families, at), label))
    try:
        return PolicyBook(versions)
    except InvalidInputError as error:
        raise PolicyFileError(str(error), path="versions") from None
