"""A fair split of items among people, with a ledger carried from one split to the next.

The mechanism behind two clauses (docs/catalogue.md):

- **L-1, L-2.3**: the leads of an outreach event go equally to the event's participants, fairly
  and openly: anyone can run the split again and get the same answer, and the answer says who
  got what and why.
- **M-1.6.4**: when a member of staff leaves, their customers are handed to the remaining staff
  in the same way.

What "fair" means here (the L-2.3 **[assumption]**s, policy ``leads.extras_to_fewest_so_far``
and ``leads.balance_grades``):

- every item goes to exactly one person, and the counts of any two people differ by at most one;
- where items carry a grade (a lead's grade, a customer's category), every person's count within
  each grade also differs by at most one from everybody else's;
- the leftover items of an uneven split (N items among p people leave N mod p over) go to the
  people with the fewest leftovers so far according to a
  [`Ledger`][custpolicy.foundation.fairsplit.Ledger], ties broken by the person's key in ascending
  order (the same rule as [`custpolicy.foundation.money.largest_remainder`][],
  which the split is built on), never by the order in which people are listed;
- so over any run of splits among the same people, starting from an empty ledger, everybody's
  cumulative count stays within one of everybody else's.

**Once only** (catalogue conventions): an event's split is applied once. A split made with
``event=`` records the event in the ledger it returns, and splitting the same event into that
ledger again is a [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError] that
names it: nothing is
dealt twice. A split without ``event`` (a one-off, or the M-1.6.4 handover) records nothing.

How: people are ranked by (leftovers so far, key); items are sorted by (grade, key); the items are
then dealt out one at a time around the ranking, like cards. Each grade is a consecutive run of
the deal, so it is shared within one too, and the first N mod p people of the ranking (the
fewest leftovers so far) receive the leftovers.

Examples:
    >>> from custpolicy.foundation.clauses import L_2_3
    >>> first = fair_split([("a", None), ("b", None), ("c", None)], ["Lin", "Chen"], clause=L_2_3)
    >>> dict(first.counts)
    {'Chen': 2, 'Lin': 1}
    >>> second = fair_split([("d", None)], ["Chen", "Lin"], ledger=first.ledger, clause=L_2_3)
    >>> dict(second.counts)   # Chen had the leftover last time, so Lin gets this one
    {'Chen': 0, 'Lin': 1}
    >>> dict(second.ledger.received)
    {'Chen': 2, 'Lin': 2}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any

import attrs

from custpolicy.foundation.clauses import L_1, Clause
from custpolicy.foundation.errors import InvalidInputError, PolicyViolationError, UnknownKeyError
from custpolicy.foundation.explain import Explained, Lines, Reason
from custpolicy.foundation.lang import ZhText
from custpolicy.foundation.money import largest_remainder
from custpolicy.foundation.validate import (
    boolean,
    check_bool,
    check_instance,
    check_items,
    check_text,
    check_unique,
    instance_of,
    integer,
    refuse,
    text,
    trusted,
    tuple_of,
)
from custpolicy.foundation.validate import optional as _or_none

__all__ = ["FairSplit", "Ledger", "fair_split"]

_PERSON_COUNTS = "each person (a non-empty str) to a non-negative int"


def _tally(value: object, name: str) -> tuple[tuple[str, int], ...]:
    """A mapping (or pairs) of person to a non-negative int, as pairs sorted by person."""
    pairs: Any = value.items() if isinstance(value, Mapping) else value
    try:
        items = [tuple(pair) for pair in pairs]
    except TypeError:
        items = [()]
    ok = all(
        len(pair) == 2
        and isinstance(pair[0], str)
        and pair[0]
        and pair[1].__class__ is int
        and pair[1] >= 0
        for pair in items
    )
    if not ok:
        raise refuse(name, _PERSON_COUNTS, value, "Ledger", must="map")
    found = dict(items)
    if len(found) != len(items):
        raise refuse(name, "each person once", value, "Ledger", must="name")
    return tuple(sorted(found.items()))


def _extras(value: object) -> tuple[tuple[str, int], ...]:
    return _tally(value, "extras")


def _received(value: object) -> tuple[tuple[str, int], ...]:
    return _tally(value, "received")


def _events(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _check_events(instance: Ledger, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(e, str) and e.strip() for e in value):
        raise refuse("events", "a sequence of event IDs (non-empty str)", value, "Ledger")
    once = "each event once (a split is applied once)"
    check_unique(value, "events", "Ledger", expect=once, must="name")


@attrs.frozen
class Ledger:
    """Who has had how many leftover items so far, carried from one split to the next (L-2.3).

    Attributes:
        extras: each person's leftover items so far (the items beyond the equal share of a
            split), as (person, count) pairs sorted by person.
        received: each person's total items so far, for the audit trail.
        splits: how many splits the ledger has recorded.
        events: the IDs of the events split into it, in the order recorded; each is taken in
            once (a split made without an event ID is counted in ``splits`` only).

    Examples:
        >>> Ledger(extras={"Lin": 1, "Chen": 0})
        Ledger(extras=(('Chen', 0), ('Lin', 1)), received=(), splits=0, events=())
    """

    extras: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_extras)
    received: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_received)
    splits: int = attrs.field(default=0, validator=integer(low=0, expect="a non-negative int"))
    events: tuple[str, ...] = attrs.field(default=(), converter=_events, validator=_check_events)

    def extras_of(self, person: str) -> int | None:
        """The leftovers ``person`` has had so far, or ``None`` if the ledger does not know them."""
        check_text(person, "person", "Ledger.extras_of", blank=True)
        return dict(self.extras).get(person)


_EMPTY = Ledger()


def check_people(people: object, argument: str, where: str) -> tuple[str, ...]:
    """``people`` as a tuple, if they are distinct non-empty str, at least one (the fair split).

    [`fair_split`][custpolicy.foundation.fairsplit.fair_split] checks its ``participants`` with it;
    a rule that hands items to people through the fair split (``hand_over``, M-1.6.4) checks its own
    argument with it first, so that the message names that argument.

    Examples:
        >>> check_people(["Lin", "Wu"], "staff", "M-1.6.4")
        ('Lin', 'Wu')
        >>> check_people([], "staff", "M-1.6.4")
        Traceback (most recent call last):
        ...
        custpolicy.InvalidInputError: staff must name at least one person, got () [M-1.6.4]
    """
    listed = check_items(people, argument, where, object, expect="a collection of non-empty str")
    bad = [p for p in listed if not (isinstance(p, str) and p.strip())]
    if bad:
        raise refuse(argument, "non-empty str", bad[0], where, shown=f"{bad[0]!r} in {listed!r}")
    if not listed:
        raise refuse(argument, "at least one person", listed, where, must="name")
    return check_unique(listed, argument, where)


def _bad_item(item: object, where: str) -> InvalidInputError:
    return InvalidInputError(
        "items must be (key, grade) pairs with a non-empty str key and a str or None "
        f"grade, got {item!r} [{where}]"
    )


def _deal_order(items: object, where: str, balance_grades: bool) -> list[tuple[str, str | None]]:
    """The items, checked, in dealing order: by grade (ungraded first), then by key.

    Sorting each grade's bucket by its str keys alone is several times faster than sorting
    (grade, key) tuples, which matters at 100,000 leads.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise refuse("items", "a collection of (key, grade) pairs", items, where)
    buckets: dict[str | None, list[tuple[str, str | None]]] = {}
    seen: set[str] = set()
    for count, item in enumerate(items, 1):
        if item.__class__ is not tuple or len(item) != 2:
            raise _bad_item(item, where)
        key, grade = item
        if not (isinstance(key, str) and key) or not (grade is None or isinstance(grade, str)):
            raise _bad_item(item, where)
        seen.add(key)
        if len(seen) != count:
            raise InvalidInputError(f"items must have distinct keys, got {key!r} twice [{where}]")
        buckets.setdefault(grade if balance_grades else None, []).append(item)
    by_key = itemgetter(0)
    ordered: list[tuple[str, str | None]] = []
    for grade in sorted(buckets, key=lambda g: (g is not None, g or "")):
        ordered += sorted(buckets[grade], key=by_key)
    return ordered


def fair_split(
    items: Iterable[tuple[str, str | None]],
    participants: Iterable[str],
    *,
    clause: Clause,
    ledger: Ledger | None = None,
    event: str | None = None,
    extras_to_fewest_so_far: bool = True,
    balance_grades: bool = True,
) -> FairSplit:
    """Deal items out equally among participants, leftovers to the fewest so far (L-2.3).

    Args:
        items: (key, grade) pairs; keys are distinct, the grade is a str or ``None``.
        participants: the people to share among (distinct, non-empty str; any order).
        clause: the clause the split is made for (``L_2_3`` for leads, ``M_1_6_4`` for a
            handover); the result cites it.
        ledger: the ledger from earlier splits (empty by default). A person it does not know
            enters level with the fewest leftovers among the participants it does know, so a
            newcomer is neither favoured nor held back.
        event: the ID of the event split (for leads, the outreach event). It is recorded in
            the returned ledger, and a ledger that has already taken it in is refused with
            [`PolicyViolationError`][custpolicy.foundation.errors.PolicyViolationError] (once only).
            ``None``: nothing is
            recorded or checked, as for a one-off split or the M-1.6.4 handover.
        extras_to_fewest_so_far: policy ``leads.extras_to_fewest_so_far``; off, leftovers go by
            key order alone (the ledger is still kept).
        balance_grades: policy ``leads.balance_grades``; off, grades are ignored.

    Returns:
        The split, with the updated ledger in ``.ledger``.

    Raises:
        PolicyViolationError: ``event`` is already in ``ledger``; the ledger is unchanged.

    Examples:
        >>> from custpolicy.foundation.clauses import L_2_3
        >>> leads = [("L1", "A"), ("L2", "A"), ("L3", "B"), ("L4", "B"), ("L5", "B")]
        >>> split = fair_split(leads, ["Wang", "Chen"], clause=L_2_3)
        >>> split.items_of("Chen"), split.items_of("Wang")
        (('L1', 'L3', 'L5'), ('L2', 'L4'))
        >>> print(split.explain())
        L-2.3 split 5 items among 2 participants: 2 each, and the 1 left over go to the \
participants with the fewest leftovers so far, ties by key
        L-2.3 grade A: 2 item(s), 1 each; grade B: 3 item(s), 1 or 2 each
        L-2.3 Chen: 3 (one of the leftovers: 0 so far, now 1)
        L-2.3 Wang: 2 (0 leftovers so far; tied, later by key)
        L-1 anyone can repeat this split from the same items, participants and ledger, \
and gets the same result
    """
    where = f"fair_split {getattr(clause, 'id', clause)}"
    check_instance(clause, "clause", where, Clause)
    people = check_people(participants, "participants", where)
    ledger = check_instance(ledger, "ledger", where, Ledger, optional=True) or _EMPTY
    if event is not None and not (isinstance(event, str) and event.strip()):
        raise refuse("event", "a non-empty str or None", event, where)
    if event is not None and event in ledger.events:
        raise PolicyViolationError(
            f"event {event!r} is already split into this ledger: an event's split is applied "
            f"once, so nothing is dealt twice [{where}]",
            clause=clause,
        )
    for name, flag in (
        ("extras_to_fewest_so_far", extras_to_fewest_so_far),
        ("balance_grades", balance_grades),
    ):
        check_bool(flag, name, where)
    checked = _deal_order(items, where, balance_grades)

    before = dict(ledger.extras)
    known = [before[p] for p in people if p in before]
    entry = min(known) if known else 0
    newcomers = tuple(sorted(p for p in people if p not in before))
    so_far = {p: before.get(p, entry) for p in people}

    # Rank: fewest leftovers so far, then key. largest_remainder with equal weights gives the
    # leftover units to the smallest keys, so it ranks by exactly the documented tie-break rule.
    ranked_keys = [(so_far[p] if extras_to_fewest_so_far else 0, p) for p in people]
    n, p_count = len(checked), len(people)
    _, winners = largest_remainder(n % p_count, [1] * p_count, ranked_keys)
    lucky = {people[i] for i in winners}
    rank = dict(zip(people, ranked_keys, strict=True))
    order = tuple(sorted(people, key=lambda p: (p not in lucky, rank[p])))

    owners = tuple((order * (n // p_count + 1))[:n])

    base = n // p_count
    counts = {p: base + (p in lucky) for p in people}
    received = dict(ledger.received)
    for p in people:
        received[p] = received.get(p, 0) + counts[p]
    extras_after = dict(before)
    for p in people:
        extras_after[p] = so_far[p] + (p in lucky)
    events = ledger.events if event is None else (*ledger.events, event)
    new_ledger = Ledger(
        extras=extras_after, received=received, splits=ledger.splits + 1, events=events
    )
    return _fair_split(  # the arguments are checked above: no validation again
        clause,
        order,
        tuple(checked),
        owners,
        frozenset(lucky),
        tuple(sorted(so_far.items())),
        newcomers,
        entry,
        new_ledger,
        extras_to_fewest_so_far,
        event,
    )


@attrs.frozen
class FairSplit(Explained):
    """The result of [`fair_split`][]: who gets which item, and the updated ledger.

    Attributes:
        clause: the clause the split was made for.
        order: the participants in dealing order (leftover receivers first, then by leftovers
            so far and key).
        items: the items in dealing order (sorted by grade, then key).
        owners: the participant who gets each item of ``items``, position by position.
        extras: the participants who received one of the leftover items.
        so_far: each participant's leftovers before this split.
        newcomers: participants the ledger did not know.
        entry_level: the leftovers a newcomer was entered with.
        ledger: the ledger after this split.
        extras_to_fewest_so_far: whether leftovers followed the ledger.
        event: the ID of the event split, recorded in ``ledger``, or ``None``.
    """

    _lines = Lines("assignment", name="participant", key="item")

    clause: Clause = attrs.field(validator=instance_of(Clause))
    order: tuple[str, ...] = attrs.field(validator=tuple_of(str))
    items: tuple[tuple[str, str | None], ...] = attrs.field(repr=False, validator=tuple_of(tuple))
    owners: tuple[str, ...] = attrs.field(repr=False, validator=tuple_of(str))
    extras: frozenset[str] = attrs.field(validator=instance_of(frozenset))
    so_far: tuple[tuple[str, int], ...] = attrs.field(validator=tuple_of(tuple))
    newcomers: tuple[str, ...] = attrs.field(validator=tuple_of(str))
    entry_level: int = attrs.field(validator=integer(low=0))
    ledger: Ledger = attrs.field(validator=instance_of(Ledger))
    extras_to_fewest_so_far: bool = attrs.field(default=True, validator=boolean())
    event: str | None = attrs.field(default=None, validator=_or_none(text()))

    def __attrs_post_init__(self) -> None:
        # fair_split builds its results without this (validate.trusted); it guards a FairSplit
        # built by hand, whose explanation reads each item's owner from ``order``
        expect, where = "one participant of order for each item", f"FairSplit {self.clause.id}"
        if len(self.owners) != len(self.items) or not set(self.owners) <= set(self.order):
            raise refuse("owners", expect, self.owners, where)

    @property
    def participants(self) -> tuple[str, ...]:
        """The participants, sorted by key."""
        return tuple(sorted(self.order))

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        """Each participant's number of items, sorted by participant."""
        tally = dict.fromkeys(self.participants, 0)
        for owner in self.owners:
            tally[owner] += 1
        return tuple(tally.items())

    @property
    def grade_counts(self) -> tuple[tuple[str | None, tuple[tuple[str, int], ...]], ...]:
        """Per grade (ungraded ``None`` first), each participant's number of items of it."""
        grades: dict[str | None, dict[str, int]] = {}
        for (_, grade), owner in zip(self.items, self.owners, strict=True):
            tally = grades.setdefault(grade, dict.fromkeys(self.participants, 0))
            tally[owner] += 1
        return tuple((grade, tuple(tally.items())) for grade, tally in grades.items())

    @property
    def assignment(self) -> Mapping[str, str]:
        """Each item's key mapped to its participant."""
        return {key: owner for (key, _), owner in zip(self.items, self.owners, strict=True)}

    def owner(self, item: str) -> str:
        """The participant who gets ``item``."""
        check_text(item, "item", self.clause.id, blank=True)
        found = self.assignment.get(item)
        if found is None:
            raise UnknownKeyError(
                f"item must be one of the split's items, got {item!r} [{self.clause.id}]"
            )
        return found

    def items_of(self, participant: str) -> tuple[str, ...]:
        """The keys of the items ``participant`` gets, in dealing order."""
        check_text(participant, "participant", self.clause.id, blank=True)
        if participant not in self.order:
            raise UnknownKeyError(
                f"participant must be one of {list(self.participants)!r}, got {participant!r} "
                f"[{self.clause.id}]"
            )
        return tuple(
            k for (k, _), o in zip(self.items, self.owners, strict=True) if o == participant
        )

    def __iter__(self) -> Iterator[tuple[str, str]]:
        """(item key, participant) pairs in dealing order."""
        return ((key, owner) for (key, _), owner in zip(self.items, self.owners, strict=True))

    def __len__(self) -> int:
        return len(self.items)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Built on demand: the rule, the grades, one line per participant, reproducibility."""
        n, p = len(self.items), len(self.order)
        left = n % p
        c = self.clause
        how_en = (
            "the participants with the fewest leftovers so far, ties by key"
            if self.extras_to_fewest_so_far
            else "the participants whose keys sort first"
        )
        how_zh = (
            "目前累計分得餘數最少者，累計相同時依各方名稱排序在前者優先"
            if self.extras_to_fewest_so_far
            else "依各方名稱排序在前者"
        )
        lines = [
            Reason.of(
                "fairsplit.rule",
                c,
                en="split {n} items among {p} participants: {base} each, and the {left} left over "
                "go to " + how_en,
                zh="將{n}項分配給{p}人：每人{base}項，剩餘{left}項分給" + how_zh,
                n=n,
                p=p,
                base=n // p,
                left=left,
            )
        ]
        graded = [(g, t) for g, t in self.grade_counts if g is not None]
        if graded:
            parts_en, parts_zh = [], []
            for grade, tally in graded:
                low, high = min(v for _, v in tally), max(v for _, v in tally)
                each = str(low) if low == high else f"{low} or {high}"
                total = sum(v for _, v in tally)
                parts_en.append(f"grade {grade}: {total} item(s), {each} each")
                parts_zh.append(f"{grade}級：{total}項，每人{each.replace(' or ', '或')}項")
            lines.append(
                Reason.of(
                    "fairsplit.grades",
                    c,
                    en="{grades}",
                    zh="{grades_zh}",
                    grades="; ".join(parts_en),
                    grades_zh=ZhText("；".join(parts_zh)),
                )
            )
        if self.newcomers and len(self.newcomers) < p:
            lines.append(
                Reason.of(
                    "fairsplit.newcomers",
                    c,
                    en="new to the ledger: {newcomers}, entered with {level} leftovers (the fewest "
                    "among the others)",
                    zh="帳簿中新加入：{newcomers}，以{level}項餘數計入（與其他人中最少者相同）",
                    newcomers=self.newcomers,
                    level=self.entry_level,
                )
            )
        so_far = dict(self.so_far)
        # the leftovers were decided by key among those level with the last one given
        cut = max((so_far[p] for p in self.extras), default=None)
        if not self.extras_to_fewest_so_far:
            cut = None
        for person, count in self.counts:
            if person in self.extras:
                lines.append(
                    Reason.of(
                        "fairsplit.share",
                        c,
                        en="{person}: {count} (one of the leftovers: {before} so far, now {after})",
                        zh="{person}：{count}項（分得一項餘數：原累計{before}，現為{after}）",
                        person=person,
                        count=count,
                        before=so_far[person],
                        after=so_far[person] + 1,
                    )
                )
            elif so_far[person] == cut:
                lines.append(
                    Reason.of(
                        "fairsplit.share",
                        c,
                        en="{person}: {count} ({before} leftovers so far; tied, later by key)",
                        zh="{person}：{count}項（累計餘數{before}；累計相同，依各方名稱排序在後）",
                        person=person,
                        count=count,
                        before=so_far[person],
                    )
                )
            else:
                lines.append(
                    Reason.of(
                        "fairsplit.share",
                        c,
                        en="{person}: {count} ({before} leftovers so far)",
                        zh="{person}：{count}項（累計餘數{before}）",
                        person=person,
                        count=count,
                        before=so_far[person],
                    )
                )
        if self.event is not None:
            lines.append(
                Reason.of(
                    "fairsplit.event",
                    c,
                    en="event {event} is recorded in the ledger: its split is applied once",
                    zh="活動{event}已記入帳簿：同一活動只分配一次",
                    event=self.event,
                )
            )
        lines.append(
            Reason.of(
                "fairsplit.open",
                L_1,
                en="anyone can repeat this split from the same items, participants and ledger, "
                "and gets the same result",
                zh="任何人以相同的項目、參與者與帳簿重做此分配，結果皆相同",
            )
        )
        return tuple(lines)


_fair_split = trusted(FairSplit)
