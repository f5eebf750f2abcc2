"""The fair split with a ledger (L-1, L-2.3, M-1.6.4): the foundation's shared mechanism."""

from __future__ import annotations

from collections import Counter
from random import Random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import InvalidInputError, PolicyViolationError, UnknownKeyError, testing
from custpolicy.foundation.clauses import L_1, L_2_3, M_1_6_4
from custpolicy.foundation.fairsplit import FairSplit, Ledger, fair_split
from tests.junk import AMBIGUOUS

Items = list[tuple[str, str | None]]


def plain(n: int) -> Items:
    return [(f"{i:03d}", None) for i in range(n)]


def spread(counts: dict[str, int]) -> int:
    return max(counts.values()) - min(counts.values()) if counts else 0


class TestEqualSplit:
    @pytest.mark.parametrize(
        ("n", "people", "expected"),
        [
            (0, ["a", "b"], {"a": 0, "b": 0}),
            (1, ["b", "a"], {"a": 1, "b": 0}),
            (10, ["c", "b", "a"], {"a": 4, "b": 3, "c": 3}),
            (9, ["a", "b", "c"], {"a": 3, "b": 3, "c": 3}),
            (2, ["Wang", "Li", "Chen", "Zhao"], {"Chen": 1, "Li": 1, "Wang": 0, "Zhao": 0}),
            (5, ["solo"], {"solo": 5}),
        ],
    )
    def test_the_worked_cases_split_equally_with_leftovers_by_key(
        self, n: int, people: list[str], expected: dict[str, int]
    ) -> None:
        assert dict(fair_split(plain(n), people, clause=L_2_3).counts) == expected

    def test_zero_items_is_a_valid_empty_split(self) -> None:
        split = fair_split([], ["a", "b"], clause=L_2_3)
        assert len(split) == 0
        assert split.ledger.splits == 1
        assert dict(split.ledger.received) == {"a": 0, "b": 0}

    @pytest.mark.parametrize(
        ("people", "match"),
        [
            ([], "participants must name at least one person"),
            (["a", "a"], r"participants must be listed once each, got \['a'\]"),
            (["a", ""], "participants must be non-empty str"),
            (["a", 3], "participants must be non-empty str, got 3"),
            ("ab", "participants must be a collection"),
            (None, "participants must be a collection"),
        ],
    )
    def test_bad_participants_are_refused(self, people: object, match: str) -> None:
        with pytest.raises(InvalidInputError, match=match):
            fair_split(plain(3), people, clause=L_2_3)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("items", "match"),
        [
            ([("a", None), ("a", "B")], "items must have distinct keys, got 'a' twice"),
            ([("a",)], r"items must be \(key, grade\) pairs"),
            ([["a", None]], r"items must be \(key, grade\) pairs"),
            ([("", None)], r"items must be \(key, grade\) pairs"),
            ([("a", 1)], r"items must be \(key, grade\) pairs"),
            ("abc", "items must be a collection"),
            (5, "items must be a collection"),
        ],
    )
    def test_bad_items_are_refused(self, items: object, match: str) -> None:
        with pytest.raises(InvalidInputError, match=match):
            fair_split(items, ["a"], clause=L_2_3)  # type: ignore[arg-type]

    def test_other_bad_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"clause must be a Clause, got 'L-2\.3'"):
            fair_split(plain(1), ["a"], clause="L-2.3")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="ledger must be a Ledger or None"):
            fair_split(plain(1), ["a"], clause=L_2_3, ledger={"a": 1})  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="balance_grades must be True or False"):
            fair_split(plain(1), ["a"], clause=L_2_3, balance_grades=1)  # type: ignore[arg-type]


class TestGrades:
    def test_every_grade_is_shared_within_one(self) -> None:
        items = [(f"a{i}", "A") for i in range(5)] + [(f"b{i}", "B") for i in range(4)]
        split = fair_split(items, ["x", "y", "z"], clause=L_2_3)
        per_grade = {g: dict(t) for g, t in split.grade_counts}
        assert per_grade == {"A": {"x": 2, "y": 2, "z": 1}, "B": {"x": 1, "y": 1, "z": 2}}
        assert dict(split.counts) == {"x": 3, "y": 3, "z": 3}

    def test_without_grade_balancing_grades_are_ignored(self) -> None:
        items = [("1", "A"), ("2", "B"), ("3", "A"), ("4", "B")]
        split = fair_split(items, ["x", "y"], clause=L_2_3, balance_grades=False)
        assert dict(split.assignment) == {"1": "x", "2": "y", "3": "x", "4": "y"}

    def test_ungraded_items_come_first(self) -> None:
        split = fair_split([("1", "A"), ("2", None)], ["x", "y"], clause=L_2_3)
        assert split.items == (("2", None), ("1", "A"))


class TestLedger:
    def test_leftovers_rotate_over_events(self) -> None:
        ledger = None
        got = []
        for _ in range(3):
            split = fair_split(plain(1), ["c", "a", "b"], clause=L_2_3, ledger=ledger)
            got.append(split.order[0])
            ledger = split.ledger
        assert got == ["a", "b", "c"]
        assert ledger is not None
        assert dict(ledger.extras) == {"a": 1, "b": 1, "c": 1}
        assert ledger.splits == 3

    def test_a_newcomer_enters_level_with_the_fewest(self) -> None:
        ledger = Ledger(extras={"a": 3, "b": 2}, received={"a": 13, "b": 12}, splits=4)
        split = fair_split(plain(2), ["a", "b", "new"], clause=L_2_3, ledger=ledger)
        assert split.newcomers == ("new",)
        assert split.entry_level == 2
        assert split.extras == frozenset({"b", "new"})
        assert dict(split.ledger.extras) == {"a": 3, "b": 3, "new": 3}
        assert "new to the ledger: new, entered with 2 leftovers" in split.explain()
        assert "帳簿中新加入：new，以2項餘數計入" in split.explain("zh-Hant")

    def test_people_absent_from_an_event_keep_their_entry(self) -> None:
        ledger = Ledger(extras={"a": 1, "gone": 5})
        split = fair_split(plain(1), ["a", "b"], clause=L_2_3, ledger=ledger)
        assert dict(split.ledger.extras)["gone"] == 5

    def test_with_the_ledger_off_leftovers_go_by_key(self) -> None:
        ledger = Ledger(extras={"a": 9, "b": 0})
        split = fair_split(
            plain(1), ["b", "a"], clause=L_2_3, ledger=ledger, extras_to_fewest_so_far=False
        )
        assert split.extras == frozenset({"a"})
        assert "the participants whose keys sort first" in split.explain()
        assert dict(split.ledger.extras) == {"a": 10, "b": 0}

    def test_extras_of_reads_the_ledger(self) -> None:
        ledger = Ledger(extras=[("a", 2)])
        assert ledger.extras_of("a") == 2
        assert ledger.extras_of("b") is None

    @pytest.mark.parametrize("person", [1.5, None, [], AMBIGUOUS])
    def test_extras_of_a_key_that_is_no_name_is_refused(self, person: object) -> None:
        # None means "not in the ledger"; a key that cannot be a name must not say so silently
        with pytest.raises(
            InvalidInputError, match=r"^person must be a str, got .* \[Ledger.extras_of\]$"
        ):
            Ledger(extras=[("a", 2)]).extras_of(person)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"extras": {"a": -1}}, "extras must map each person"),
            ({"extras": {"a": True}}, "extras must map each person"),
            ({"extras": {"": 1}}, "extras must map each person"),
            ({"extras": 5}, "extras must map each person"),
            ({"extras": [("a", 1), ("a", 2)]}, "extras must name each person once"),
            ({"received": {"a": 1.0}}, "received must map each person"),
            ({"splits": -1}, "splits must be a non-negative int"),
            ({"events": "E1"}, "events must be a sequence of event IDs"),
            ({"events": ["E1", ""]}, "events must be a sequence of event IDs"),
            ({"events": ("E1", 2)}, "events must be a sequence of event IDs"),
            ({"events": ["E1", "E2", "E1"]}, r"events must name each event once .*\['E1'\]"),
        ],
    )
    def test_a_bad_ledger_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        with pytest.raises(InvalidInputError, match=match):
            Ledger(**kwargs)  # type: ignore[arg-type]

    def test_the_ledger_repr_pastes_back(self) -> None:
        ledger = Ledger(extras={"b": 1, "a": 0}, received={"a": 3}, splits=2, events=["E1"])
        assert eval(repr(ledger), {"Ledger": Ledger}) == ledger


class TestOnceOnly:
    """An event's split is applied once: a ledger takes each event ID in once."""

    def test_the_event_is_recorded_in_the_new_ledger(self) -> None:
        first = fair_split(plain(3), ["a", "b"], clause=L_2_3, event="E1")
        second = fair_split(plain(2), ["a", "b"], clause=L_2_3, ledger=first.ledger, event="E2")
        assert (first.ledger.events, second.ledger.events) == (("E1",), ("E1", "E2"))
        assert (second.event, second.ledger.splits) == ("E2", 2)
        assert "L-2.3 event E2 is recorded in the ledger: its split is applied once" in (
            second.explain()
        )
        assert "L-2.3 活動E2已記入帳簿：同一活動只分配一次" in second.explain("zh-Hant")

    def test_splitting_the_same_event_again_is_refused_and_names_it(self) -> None:
        first = fair_split(plain(3), ["a", "b"], clause=L_2_3, event="E1")
        with pytest.raises(
            PolicyViolationError,
            match=(
                r"^event 'E1' is already split into this ledger: an event's split is applied "
                r"once, so nothing is dealt twice \[fair_split L-2.3\]$"
            ),
        ) as caught:
            fair_split(plain(3), ["a", "b"], clause=L_2_3, ledger=first.ledger, event="E1")
        assert caught.value.clause == L_2_3

    def test_without_an_event_nothing_is_recorded_as_for_a_handover(self) -> None:
        ledger = Ledger(extras={"a": 1}, events=("E1",))
        split = fair_split(plain(3), ["a", "b"], clause=M_1_6_4, ledger=ledger)
        assert (split.event, split.ledger.events, split.ledger.splits) == (None, ("E1",), 1)
        assert "recorded in the ledger" not in split.explain()

    @pytest.mark.parametrize("event", ["", " ", 7, AMBIGUOUS])
    def test_an_event_that_is_no_id_is_refused(self, event: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^event must be a non-empty str or None"):
            fair_split(plain(1), ["a"], clause=L_2_3, event=event)  # type: ignore[arg-type]

    @given(
        st.lists(st.sampled_from(["E1", "E2", "E3"]), min_size=1, max_size=8),
        testing.split_items(max_size=12),
        testing.participant_lists(max_size=4),
    )
    def test_a_repeat_raises_and_leaves_the_ledger_unchanged(
        self, events: list[str], items: Items, people: list[str]
    ) -> None:
        ledger = Ledger()
        for event in events:
            before = ledger
            if event in ledger.events:
                with pytest.raises(PolicyViolationError, match=repr(event)):
                    fair_split(items, people, clause=L_2_3, ledger=ledger, event=event)
                assert ledger == before
            else:
                ledger = fair_split(items, people, clause=L_2_3, ledger=ledger, event=event).ledger
        assert ledger.events == tuple(dict.fromkeys(events))
        assert ledger.splits == len(ledger.events)
        assert sum(n for _, n in ledger.received) == len(items) * len(ledger.events)


class TestWhy:
    def test_a_participant_ahead_in_the_ledger_is_not_called_tied(self) -> None:
        ledger = Ledger(extras={"a": 1, "b": 0, "c": 0})
        split = fair_split(plain(1), ["a", "b", "c"], clause=L_2_3, ledger=ledger)
        lines = split.explain().splitlines()
        assert "L-2.3 a: 0 (1 leftovers so far)" in lines
        assert "L-2.3 b: 1 (one of the leftovers: 0 so far, now 1)" in lines
        assert "L-2.3 c: 0 (0 leftovers so far; tied, later by key)" in lines
        assert "L-2.3 c：0項（累計餘數0；累計相同，依各方名稱排序在後）" in split.explain("zh-Hant")

    def test_an_even_split_has_no_leftovers_to_explain(self) -> None:
        split = fair_split(plain(2), ["a", "b"], clause=L_2_3)
        assert "L-2.3 a: 1 (0 leftovers so far)" in split.explain().splitlines()


class TestResult:
    def test_lookups(self) -> None:
        split = fair_split(plain(3), ["x", "y"], clause=M_1_6_4)
        assert split.owner("001") == "y"
        assert split.items_of("x") == ("000", "002")
        assert list(split) == [("000", "x"), ("001", "y"), ("002", "x")]
        assert split.participants == ("x", "y")
        assert split.clauses == (M_1_6_4, L_1)

    def test_unknown_keys_are_refused(self) -> None:
        split = fair_split(plain(1), ["x"], clause=L_2_3)
        with pytest.raises(UnknownKeyError, match="item must be one of the split's items"):
            split.owner("nope")
        with pytest.raises(UnknownKeyError, match=r"participant must be one of \['x'\]"):
            split.items_of("nope")

    @pytest.mark.parametrize("key", [1, None, [], ["x"], AMBIGUOUS])
    def test_a_key_that_is_no_str_is_refused(self, key: object) -> None:
        split = fair_split(plain(1), ["x"], clause=L_2_3)
        with pytest.raises(InvalidInputError, match=r"^item must be a str, got .* \[L-2.3\]$"):
            split.owner(key)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidInputError, match=r"^participant must be a str, got .*\[L-2.3\]$"
        ):
            split.items_of(key)  # type: ignore[arg-type]

    def test_the_explanation_says_who_got_what_and_why(self) -> None:
        items = [("1", "A"), ("2", "A"), ("3", "B")]
        split = fair_split(items, ["Lin", "Chen"], clause=L_2_3)
        assert split.explain().splitlines() == [
            (
                "L-2.3 split 3 items among 2 participants: 1 each, and the 1 left over go to the "
                "participants with the fewest leftovers so far, ties by key"
            ),
            "L-2.3 grade A: 2 item(s), 1 each; grade B: 1 item(s), 0 or 1 each",
            "L-2.3 Chen: 2 (one of the leftovers: 0 so far, now 1)",
            "L-2.3 Lin: 1 (0 leftovers so far; tied, later by key)",
            (
                "L-1 anyone can repeat this split from the same items, participants and "
                "ledger, and gets the same result"
            ),
        ]
        assert split.explain("zh-Hant").splitlines()[1:3] == [
            "L-2.3 A級：2項，每人1項；B級：1項，每人0或1項",
            "L-2.3 Chen：2項（分得一項餘數：原累計0，現為1）",
        ]


def counts_of(split: FairSplit) -> dict[str, int]:
    return dict(split.counts)


class TestProperties:
    @given(testing.split_items(), testing.participant_lists())
    @settings(max_examples=300)
    def test_every_item_goes_to_exactly_one_participant(
        self, items: Items, people: list[str]
    ) -> None:
        split = fair_split(items, people, clause=L_2_3)
        assert sorted(key for key, _ in split) == sorted(key for key, _ in items)
        assert set(split.owners) <= set(people)
        assert sum(counts_of(split).values()) == len(items)

    @given(testing.split_items(), testing.participant_lists())
    @settings(max_examples=300)
    def test_counts_differ_by_at_most_one_overall_and_in_each_grade(
        self, items: Items, people: list[str]
    ) -> None:
        split = fair_split(items, people, clause=L_2_3)
        assert spread(counts_of(split)) <= 1
        for _, tally in split.grade_counts:
            assert spread(dict(tally)) <= 1

    @given(st.lists(testing.split_items(30), max_size=8), testing.participant_lists())
    @settings(max_examples=200)
    def test_cumulative_counts_stay_within_one_over_any_run_of_events(
        self, events: list[Items], people: list[str]
    ) -> None:
        ledger = None
        total: Counter[str] = Counter()
        for items in events:
            split = fair_split(items, people, clause=L_2_3, ledger=ledger)
            total.update(counts_of(split))
            ledger = split.ledger
            assert spread({p: total[p] for p in people}) <= 1
            assert dict(ledger.received) == {p: total[p] for p in people}

    @given(testing.split_items(), testing.participant_lists(), st.randoms())
    @settings(max_examples=200)
    def test_the_split_does_not_depend_on_listing_order(
        self, items: Items, people: list[str], rnd: Random
    ) -> None:
        shuffled_people, shuffled_items = list(people), list(items)
        rnd.shuffle(shuffled_people)
        rnd.shuffle(shuffled_items)
        a = fair_split(items, people, clause=L_2_3)
        b = fair_split(shuffled_items, shuffled_people, clause=L_2_3)
        assert dict(a.assignment) == dict(b.assignment)
        assert a.ledger == b.ledger

    @given(testing.split_items(), testing.participant_lists())
    @settings(max_examples=200)
    def test_the_split_is_deterministic(self, items: Items, people: list[str]) -> None:
        assert fair_split(items, people, clause=L_2_3) == fair_split(items, people, clause=L_2_3)

    @given(
        st.integers(min_value=0, max_value=40),
        testing.participant_lists(),
        st.dictionaries(testing.staff_names(), st.integers(0, 5)),
    )
    @settings(max_examples=200)
    def test_leftovers_go_to_the_fewest_so_far(
        self, n: int, people: list[str], extras: dict[str, int]
    ) -> None:
        ledger = Ledger(extras=extras)
        split = fair_split(plain(n), people, clause=L_2_3, ledger=ledger)
        so_far = dict(split.so_far)
        got = [p for p in people if p in split.extras]
        missed = [p for p in people if p not in split.extras]
        assert len(got) == n % len(people)
        for winner in got:
            for loser in missed:
                assert (so_far[winner], winner) < (so_far[loser], loser)


def _fields(split: FairSplit) -> dict[str, object]:
    return {name: getattr(split, name) for name in attrs.fields_dict(FairSplit)}


class TestAFairSplitBuiltByHand:
    """A FairSplit a user builds (or loads) is checked; fair_split skips the checks through
    validate.trusted and builds the same value."""

    SPLIT = fair_split([("L1", "A"), ("L2", "B"), ("L3", None)], ["Lin", "Chen"], clause=L_2_3)

    def test_the_fields_of_a_split_rebuild_it(self) -> None:
        assert FairSplit(**_fields(self.SPLIT)) == self.SPLIT  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("clause", "L-2.3", r"^clause must be a Clause, got 'L-2.3' \[FairSplit\]$"),
            ("order", ("Lin", 1), r"^order must be a sequence of str, got"),
            ("items", [("L1", "A")], r"^items must be a tuple of tuple, got"),
            ("extras", {"Lin"}, r"^extras must be a frozenset, got \{'Lin'\}"),
            ("entry_level", -1, r"^entry_level must be an int of at least 0, got -1"),
            ("ledger", {}, r"^ledger must be a Ledger, got \{\}"),
            ("extras_to_fewest_so_far", 1, r"^extras_to_fewest_so_far must be True or False"),
            ("event", " ", r"^event must be a non-empty str, got ' ' \[FairSplit\]$"),
            ("owners", ("Lin",), r"^owners must be one participant of order for each item"),
            ("owners", ("Lin", "Lin", "Wang"), r"^owners must be one participant of order"),
        ],
    )
    def test_each_bad_field_is_refused_by_name(
        self, field: str, value: object, message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            FairSplit(**{**_fields(self.SPLIT), field: value})  # type: ignore[arg-type]

    @given(
        st.lists(
            st.tuples(st.text("abc", min_size=1, max_size=3), st.sampled_from(["A", None])),
            max_size=8,
            unique_by=lambda item: item[0],
        ),
        st.lists(st.sampled_from(["Lin", "Chen", "Wang"]), min_size=1, max_size=3, unique=True),
    )
    def test_fair_split_builds_what_the_checked_constructor_accepts(
        self, items: list[tuple[str, str | None]], people: list[str]
    ) -> None:
        split = fair_split(items, people, clause=L_2_3, event="E1")
        assert FairSplit(**_fields(split)) == split  # type: ignore[arg-type]
