"""Leads from outreach events: intake by the CRM centre, then a fair split (L-1, L-2.1 to L-2.3).

The clauses (docs/catalogue.md, family L, from 通用1):

- **L-1**: the customer files (leads) gathered at an outreach event are shared out fairly and
  openly: the split can be repeated and says who got which lead and why.
- **L-2.1**: the department head first hands the leads to the CRM centre, which enters and
  processes them: contact details are brought to one form, duplicates within the batch are
  set aside (each naming the lead it repeats; the key is ``leads.duplicate_key``, the phone
  number by default), and leads whose customer the company already has are flagged. The caller
  passes the phone numbers of the customers on file; nothing is read here. A flagged lead is
  still split like the others (「將其…平均分配」 splits every processed file) unless
  ``leads.split_known_customers`` is off (**[assumption]**s).
- **L-2.2**: the processed leads go back to the head of the same department.
- **L-2.3**: the head splits them equally among that department's staff who took part in the
  event, and nobody else. Equal: counts differ by at most one, within every grade too; the
  leftovers go to the participants with the fewest leftovers so far (a
  [`Ledger`][custpolicy.foundation.fairsplit.Ledger] carried from event to event), ties by key
  (**[assumption]**s ``leads.extras_to_fewest_so_far`` and ``leads.balance_grades``).
  An event is split once: [`split_leads`][custpolicy.rules.leads.split_leads] records the event's ID
  in the ledger, and splitting the same event into it again is a
  [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError].

Examples:
    >>> batch = [
    ...     Lead("E1-001", " 王  偉 ", "138 0013 8000", grade="A"),
    ...     Lead("E1-002", "Li Na", "+86 139-0013-9000", grade="B"),
    ...     Lead("E1-003", "王偉", "８６１３８００１３８０００", grade="A"),
    ... ]
    >>> intake = process_leads(batch, department="Sales 2", head="Zhou")
    >>> [lead.id for lead in intake.accepted], [(d.lead.id, d.of) for d in intake.duplicates]
    (['E1-001', 'E1-002'], [('E1-003', 'E1-001')])
    >>> split = split_leads(intake, ["Chen", "Lin"], event="E1")
    >>> dict(split.counts), split.ledger.events
    ({'Chen': 1, 'Lin': 1}, ('E1',))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

import attrs

from custpolicy.foundation import validate
from custpolicy.foundation.clauses import L_1, L_2_1, L_2_2, L_2_3
from custpolicy.foundation.contacts import normalize_phone
from custpolicy.foundation.errors import UnknownKeyError
from custpolicy.foundation.explain import Explained, Lines, Phrase, Reason
from custpolicy.foundation.fairsplit import FairSplit, Ledger, fair_split
from custpolicy.foundation.policy import VALUE_LABELS, Policy
from custpolicy.foundation.validate import (
    check_instance,
    check_items,
    check_mapping,
    check_policy,
    check_text,
    refuse,
)

__all__ = [
    "Duplicate",
    "Intake",
    "Lead",
    "LeadSplit",
    "ProcessedLead",
    "normalize_name",
    "process_leads",
    "split_leads",
]

_DEFAULT_POLICY = Policy()

DuplicateKey = Literal["phone", "name_and_phone", "name"]
_KEY_LABELS = VALUE_LABELS["leads.duplicate_key"]
"""Each duplicate key by its name, as the policy names it (a policy diff shows the same words)."""


_PHONE = Phrase("phone number", "電話號碼")
_NAME_OR_PHONE = Phrase("name or phone number", "姓名或電話號碼")

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


_LEAD = "Lead L-2.1"
_DEPARTMENT_OF = "a mapping of staff to department"
_EVENT_WITH_LEDGER = (
    "the outreach event when a ledger is carried from earlier events, so the ledger takes each "
    "event in once"
)
_DUPLICATE_KEYS = ("phone", "name_and_phone", "name")
_TEXT = validate.text(blank=True, clause="L-2.1")
_OPTIONAL_TEXT = validate.instance_of(str, optional=True, expect="a str or None", clause="L-2.1")


@attrs.frozen
class Lead:
    """One lead (a customer file) as collected at an outreach event (L-2.1).

    Attributes:
        id: the lead's ID within the company, unique in a batch.
        name: the person's name as written down.
        phone: the phone number as written down.
        grade: a grade or category ("A", "hot", ...), or ``None``.
    """

    id: str = attrs.field(validator=validate.text(clause=_LEAD))
    name: str = attrs.field(default="", validator=validate.text(blank=True, clause=_LEAD))
    phone: str = attrs.field(default="", validator=validate.text(blank=True, clause=_LEAD))
    grade: str | None = attrs.field(
        default=None,
        validator=validate.instance_of(str, optional=True, expect="a str or None", clause=_LEAD),
    )


def normalize_name(raw: str) -> str:
    """A name in one form: full-width letters made plain, spaces collapsed (L-2.1).

    Spaces between two Chinese characters are dropped; other runs of whitespace become one space.

    Examples:
        >>> normalize_name(" 王  偉 "), normalize_name("Ｌｉ　 Na")
        ('王偉', 'Li Na')
    """
    check_text(raw, "raw", "normalize_name L-2.1", blank=True)
    collapsed = " ".join(unicodedata.normalize("NFKC", raw).split())
    return _CJK_GAP.sub("", collapsed)


@attrs.frozen
class ProcessedLead:
    """A lead after the CRM centre's processing (L-2.1): the original and its normal form.

    Attributes:
        lead: the lead as received.
        name: the normalised name.
        phone: the normalised phone number, or ``None`` if it holds no usable number.
        grade: the grade, stripped; ``None`` if blank.
        on_file: whether the customer is already on file (flagged at intake, L-2.1).
    """

    lead: Lead = attrs.field(validator=validate.instance_of(Lead, clause="L-2.1"))
    name: str = attrs.field(validator=_TEXT)
    phone: str | None = attrs.field(validator=_OPTIONAL_TEXT)
    grade: str | None = attrs.field(validator=_OPTIONAL_TEXT)
    on_file: bool = attrs.field(default=False, validator=validate.boolean(clause="L-2.1"))

    @property
    def id(self) -> str:
        """The lead's ID."""
        return self.lead.id


@attrs.frozen
class Duplicate:
    """A lead set aside as a repeat of an earlier lead of the batch (L-2.1).

    Attributes:
        lead: the repeated lead.
        of: the ID of the lead it repeats (the first of its group, which is kept).
        key: the normalised key they share: the phone number, the name, or name and phone
            (``leads.duplicate_key``), as text.
        by: which key: ``"phone"``, ``"name_and_phone"`` or ``"name"``.
    """

    lead: ProcessedLead = attrs.field(validator=validate.instance_of(ProcessedLead, clause="L-2.1"))
    of: str = attrs.field(validator=validate.text(clause="L-2.1"))
    key: str = attrs.field(validator=validate.text(clause="L-2.1"))
    by: DuplicateKey = attrs.field(
        default="phone", validator=validate.choice(_DUPLICATE_KEYS, clause="L-2.1")
    )

    @property
    def phone(self) -> str | None:
        """The repeated lead's normalised phone number (``None`` if it has no usable one)."""
        return self.lead.phone


def _process(lead: Lead) -> ProcessedLead:
    grade = lead.grade.strip() if lead.grade is not None else None
    name, phone = normalize_name(lead.name), normalize_phone(lead.phone)
    return _processed(lead, name, phone, grade or None, False)


# the hot path builds these from a Lead (checked when it was built) and what it computed
_processed: Callable[..., ProcessedLead] = validate.trusted(ProcessedLead)
_duplicate: Callable[..., Duplicate] = validate.trusted(Duplicate)


def _key(lead: ProcessedLead, by: str) -> str | None:
    """The lead's duplicate key as text, or ``None`` when it has no usable key."""
    if by == "phone":
        return lead.phone
    if by == "name":
        return lead.name or None
    return f"{lead.name} {lead.phone}" if lead.name and lead.phone else None


def process_leads(
    leads: Iterable[Lead],
    *,
    department: str,
    head: str,
    known: Iterable[str] = (),
    policy: Policy = _DEFAULT_POLICY,
) -> Intake:
    """Enter and process an event's leads, and return them to the department head (L-2.1, L-2.2).

    Every lead ends up in exactly one of two lists: accepted, or duplicates (a later lead with
    the same key as an earlier one; the first is kept). The key is ``leads.duplicate_key``:
    the normalised phone number (``"phone"``, the default), the normalised name and phone
    (``"name_and_phone"``) or the name alone (``"name"``). An accepted lead whose phone number
    is one of ``known`` (the customers the company already holds, given in any written form)
    is flagged as on file (``ProcessedLead.on_file``, listed in ``Intake.on_file``); it stays
    accepted, and [`split_leads`][custpolicy.rules.leads.split_leads] splits it like the others
    unless ``leads.split_known_customers`` is off. A lead without a usable key or phone number
    cannot be fully matched, so it is accepted and listed in ``Intake.unmatched``.

    Args:
        leads: the batch, in the order it was collected.
        department: the department that ran the event; its head gets the leads back (L-2.2).
        head: that department's head.
        known: the phone numbers of the customers already on file.
        policy: the policy in force on the day of processing (M-1.9): its
            ``leads.duplicate_key``.

    Examples:
        >>> intake = process_leads(
        ...     [Lead("a", "Chen", "13800138000"), Lead("b", "Lin", "021-6512 3456")],
        ...     department="Sales 1", head="Zhou", known=["021 65123456"])
        >>> print(intake.explain("zh-Hant"))
        L-2.1 客戶關係管理中心收到2筆顧客檔案：接受2筆（其中已建檔1筆）、重複0筆
        L-2.1 b已建檔（電話02165123456），予以標示
        L-2.2 處理後的顧客檔案返還Sales 1負責人Zhou
    """
    where = "process_leads L-2.1"
    department = check_text(department, "department", where)
    head = check_text(head, "head", where)
    by = check_policy(policy, where).leads.duplicate_key
    batch = check_items(leads, "leads", where, object, expect="a collection of Lead")
    on_record: set[str] = set()
    for key in check_items(known, "known", where, object, expect="a collection of phone numbers"):
        phone = normalize_phone(key) if isinstance(key, str) else None
        if phone is None:
            shown = f"{key!r} with no usable number"
            raise refuse("known", "phone numbers", key, where, must="hold", shown=shown)
        on_record.add(phone)

    accepted: list[ProcessedLead] = []
    duplicates: list[Duplicate] = []
    first_with: dict[str, str] = {}
    ids: set[str] = set()
    received = 0
    for lead in batch:
        if not isinstance(lead, Lead):
            raise refuse("leads", "Lead values", lead, where, must="hold")
        if lead.id in ids:
            shown = f"{lead.id!r} twice"
            raise refuse("lead IDs", "unique in a batch", lead.id, where, shown=shown)
        ids.add(lead.id)
        received += 1
        processed = _process(lead)
        shared = _key(processed, by)
        if shared is not None and shared in first_with:
            duplicates.append(_duplicate(processed, first_with[shared], shared, by))
            continue
        if shared is not None:
            first_with[shared] = lead.id
        if processed.phone is not None and processed.phone in on_record:
            processed = _processed(lead, processed.name, processed.phone, processed.grade, True)
        accepted.append(processed)
    return Intake(
        department=department,
        head=head,
        received=received,
        accepted=tuple(accepted),
        duplicates=tuple(duplicates),
        duplicate_key=by,
    )


@attrs.frozen
class Intake(Explained):
    """The CRM centre's processing of a batch (L-2.1), returned to the department head (L-2.2).

    Attributes:
        department: the department that ran the event.
        head: its head, who gets the processed leads back.
        received: how many leads came in.
        accepted: the processed leads, in the order received: every lead that is not a
            duplicate, those already on file included (flagged ``on_file``).
        duplicates: the repeats set aside, each naming the lead it repeats.
        duplicate_key: the key duplicates were found by (``leads.duplicate_key``).
    """

    department: str = attrs.field(validator=validate.text(clause="L-2.2"))
    head: str = attrs.field(validator=validate.text(clause="L-2.2"))
    received: int = attrs.field(validator=validate.integer(low=0, clause="L-2.1"))
    accepted: tuple[ProcessedLead, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(ProcessedLead, clause="L-2.1")
    )
    duplicates: tuple[Duplicate, ...] = attrs.field(
        repr=False, validator=validate.tuple_of(Duplicate, clause="L-2.1")
    )
    duplicate_key: DuplicateKey = attrs.field(
        default="phone", validator=validate.choice(_DUPLICATE_KEYS, clause="L-2.1")
    )

    @property
    def on_file(self) -> tuple[ProcessedLead, ...]:
        """The accepted leads whose customer is already on file (flagged), in order received."""
        return tuple(lead for lead in self.accepted if lead.on_file)

    @property
    def unmatched(self) -> tuple[str, ...]:
        """The IDs of accepted leads that could not be fully matched.

        A lead without a usable duplicate key is not matched against the other leads, and one
        without a usable phone number is not matched against the customers on file.
        """
        return tuple(
            lead.id
            for lead in self.accepted
            if lead.phone is None or _key(lead, self.duplicate_key) is None
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The tally, one line per lead set aside, and the hand-back."""
        on_file = self.on_file
        lines = [
            Reason.of(
                "leads.intake",
                L_2_1,
                en="the CRM centre received {received} leads: {accepted} accepted ({on_file} of "
                "them already on file), {duplicates} duplicate(s)",
                zh="客戶關係管理中心收到{received}筆顧客檔案：接受{accepted}筆（其中已建檔{on_file}筆）、"
                "重複{duplicates}筆",
                received=self.received,
                accepted=len(self.accepted),
                duplicates=len(self.duplicates),
                on_file=len(on_file),
            )
        ]
        for duplicate in self.duplicates:
            lines.append(
                Reason.of(
                    "leads.duplicate",
                    L_2_1,
                    en="{lead} repeats {of} ({by} {shared}); {of} is kept",
                    zh="{lead}與{of}重複（{by}{shared}），保留{of}",
                    lead=duplicate.lead.id,
                    of=duplicate.of,
                    by=_KEY_LABELS[duplicate.by],
                    shared=duplicate.key,
                )
            )
        for lead in on_file:
            lines.append(
                Reason.of(
                    "leads.on_file",
                    L_2_1,
                    en="{lead} is already on file (phone {phone}): flagged",
                    zh="{lead}已建檔（電話{phone}），予以標示",
                    lead=lead.id,
                    phone=lead.phone,
                )
            )
        if self.unmatched:
            lines.append(
                Reason.of(
                    "leads.unmatched",
                    L_2_1,
                    en="no usable {missing}, so not fully matched against the other leads and "
                    "the file: {leads}",
                    zh="無可用{missing}，未能完全與其他檔案及已建檔客戶比對：{leads}",
                    missing=_PHONE if self.duplicate_key == "phone" else _NAME_OR_PHONE,
                    leads=self.unmatched,
                )
            )
        lines.append(
            Reason.of(
                "leads.returned",
                L_2_2,
                en="the processed leads go back to {head}, head of {department}",
                zh="處理後的顧客檔案返還{department}負責人{head}",
                head=self.head,
                department=self.department,
            )
        )
        return tuple(lines)


def split_leads(
    intake: Intake,
    participants: Iterable[str],
    *,
    event: str | None = None,
    ledger: Ledger | None = None,
    department_of: Mapping[str, str] | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> LeadSplit:
    """Split the processed leads equally among the event's participants (L-1, L-2.1, L-2.3).

    The accepted leads of ``intake`` are split, those flagged as already on file included
    (「將其…平均分配」 splits every processed file); with ``leads.split_known_customers`` off
    the flagged leads are left out of the split (``LeadSplit.left_out``). Duplicates are never
    split. The split is [`custpolicy.foundation.fairsplit.fair_split`][] with the lead's grade as
    its
    grade.

    Once only: ``event`` is recorded in the returned ledger, and splitting an event that
    ``ledger`` has already taken in raises
    [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError]
    naming it. ``event`` is required when a ``ledger`` is carried from earlier events; a first
    split without a ledger may leave it out (nothing is recorded then).

    Args:
        intake: the processed batch (L-2.1); raw leads cannot be split.
        participants: the staff of the department who took part in the event.
        event: the ID of the outreach event, recorded in the ledger.
        ledger: the ledger from the department's earlier events (empty by default).
        department_of: each staff member's department; if given, a participant from another
            department than ``intake.department`` is refused (L-2.3: only that department's
            participants).
        policy: the policy in force on the day of the split (M-1.9): the caller picks it with
            ``book.in_force(split_day).policy``.

    Examples:
        >>> intake = process_leads([Lead(f"L{i}", phone=f"1380013800{i}") for i in range(5)],
        ...                        department="Sales 1", head="Zhou", known=["13800138004"])
        >>> split = split_leads(intake, ["Lin", "Chen"], event="2026-03 fair")
        >>> dict(split.counts), dict(split.ledger.extras)   # L4 is on file, and split too
        ({'Chen': 3, 'Lin': 2}, {'Chen': 1, 'Lin': 0})
        >>> later = process_leads([Lead(f"M{i}", phone=f"1390013900{i}") for i in range(5)],
        ...                       department="Sales 1", head="Zhou")
        >>> dict(split_leads(later, ["Lin", "Chen"], event="2026-04 talk", ledger=split.ledger)
        ...      .counts)
        {'Chen': 2, 'Lin': 3}
        >>> split_leads(intake, ["Lin", "Chen"], event="2026-03 fair", ledger=split.ledger)
        Traceback (most recent call last):
        ...
        custpolicy.PolicyViolationError: event '2026-03 fair' is already split into this \
ledger: an event's split is applied once, so nothing is dealt twice [fair_split L-2.3]
    """
    where = "split_leads L-2.3"
    expect = "the Intake from process_leads (L-2.1 comes first)"
    intake = check_instance(intake, "intake", where, Intake, expect=expect)
    leads = check_policy(policy, where).leads
    if ledger is not None and event is None:
        raise refuse("event", _EVENT_WITH_LEDGER, event, where, must="name")
    split_known = leads.split_known_customers
    split = fair_split(
        [(lead.id, lead.grade) for lead in intake.accepted if split_known or not lead.on_file],
        participants,
        clause=L_2_3,
        ledger=ledger,
        event=event,
        extras_to_fewest_so_far=leads.extras_to_fewest_so_far,
        balance_grades=leads.balance_grades,
    )
    if department_of is not None:
        check_mapping(department_of, "department_of", where, expect=_DEPARTMENT_OF)
        for person in split.order:
            department = department_of.get(person)
            check_instance(
                department, f"department_of[{person!r}]", where, str, optional=True, expect="a str"
            )
        outside = sorted(p for p in split.order if department_of.get(p) != intake.department)
        if outside:
            expectation = f"staff of {intake.department!r}, the department that ran the event"
            raise refuse("participants", expectation, outside, where)
    return LeadSplit(intake=intake, split=split, split_known_customers=split_known)


@attrs.frozen
class LeadSplit(Explained):
    """The leads of one event split among its participants (L-1, L-2.3).

    Attributes:
        intake: the processed batch the split was made from.
        split: the fair split of the leads (its ``ledger`` is the updated ledger).
        split_known_customers: whether the leads on file were split
            (``leads.split_known_customers``).
    """

    _lines = Lines("assignment", name="participant", key="lead")

    intake: Intake = attrs.field(
        repr=False, validator=validate.instance_of(Intake, expect="an Intake", clause="L-2.3")
    )
    split: FairSplit = attrs.field(validator=validate.instance_of(FairSplit, clause="L-2.3"))
    split_known_customers: bool = attrs.field(
        default=True, validator=validate.boolean(clause="L-2.1")
    )

    @property
    def left_out(self) -> tuple[ProcessedLead, ...]:
        """The accepted leads not split: those on file when ``split_known_customers`` is off."""
        return () if self.split_known_customers else self.intake.on_file

    @property
    def ledger(self) -> Ledger:
        """The ledger after this split: pass it to the department's next event."""
        return self.split.ledger

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        """Each participant's number of leads, sorted by participant."""
        return self.split.counts

    @property
    def assignment(self) -> Mapping[str, str]:
        """Each split lead's ID mapped to its participant."""
        return self.split.assignment

    def leads_of(self, participant: str) -> tuple[ProcessedLead, ...]:
        """The leads ``participant`` gets."""
        by_id = {lead.id: lead for lead in self.intake.accepted}
        try:
            return tuple(by_id[i] for i in self.split.items_of(participant))
        except UnknownKeyError:
            raise UnknownKeyError(
                f"participant must be one of {list(self.split.participants)!r}, got "
                f"{participant!r} [L-2.3]"
            ) from None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Where the leads came from, then the split."""
        head = Reason.of(
            "leads.split",
            L_1,
            en="{head} of {department} splits the {n} processed leads among the event's "
            "participants only",
            zh="{department}負責人{head}將{n}筆處理後的顧客檔案僅分配給參加科普的員工",
            head=self.intake.head,
            department=self.intake.department,
            n=len(self.split),
        )
        lines = [head]
        on_file = tuple(lead.id for lead in self.intake.on_file)
        if on_file and self.split_known_customers:
            lines.append(
                Reason.of(
                    "leads.known_split",
                    L_2_1,
                    en="already on file, and split like the others: {leads}",
                    zh="已建檔者照常分配：{leads}",
                    leads=on_file,
                )
            )
        elif on_file:
            lines.append(
                Reason.of(
                    "leads.known_left_out",
                    L_2_1,
                    en="already on file, so left out of the split (leads.split_known_customers "
                    "is off): {leads}",
                    zh="已建檔者不參與分配（政策設定不分配已建檔客戶）：{leads}",
                    leads=on_file,
                )
            )
        return (*lines, *self.split.reasons)
