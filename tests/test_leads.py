"""Leads: intake by the CRM centre (L-2.1, L-2.2) and the fair split (L-1, L-2.3)."""

from __future__ import annotations

from collections import Counter
from random import Random
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custpolicy import InvalidInputError, Policy, PolicyViolationError, UnknownKeyError, testing
from custpolicy.foundation.clauses import L_1, L_2_1, L_2_2, L_2_3
from custpolicy.foundation.contacts import normalize_phone
from custpolicy.foundation.fairsplit import Ledger
from custpolicy.rules.leads import (
    Intake,
    Lead,
    ProcessedLead,
    normalize_name,
    process_leads,
    split_leads,
)
from tests.junk import AMBIGUOUS

LEAVE_KNOWN_OUT = Policy().updated({"leads.split_known_customers": False})


def intake_of(
    leads: list[Lead], known: tuple[str, ...] = (), policy: Policy | None = None
) -> Intake:
    return process_leads(
        leads, department="Sales 1", head="Zhou", known=known, policy=policy or Policy()
    )


class TestNormalizePhone:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("13800138000", "13800138000"),
            ("138 0013 8000", "13800138000"),
            ("138-0013-8000", "13800138000"),
            (" 138.0013.8000 ", "13800138000"),
            ("+86 138 0013 8000", "13800138000"),
            ("+8613800138000", "13800138000"),
            ("86 138 0013 8000", "13800138000"),
            ("0086-138-0013-8000", "13800138000"),
            ("１３８００１３８０００", "13800138000"),
            ("＋８６　１３８－００１３－８０００", "13800138000"),
            ("(021) 6512-3456", "02165123456"),
            ("+86 21 6512 3456", "02165123456"),
            ("+86 (0)21 6512 3456", "02165123456"),
            ("+852 2345 6789", "+85223456789"),
            ("86 21 6512 3456", "02165123456"),
            ("86 755 1234 5678", "075512345678"),
            ("862165123456", "02165123456"),
            ("12345", "12345"),
        ],
    )
    def test_written_forms_become_one_form(self, raw: str, expected: str) -> None:
        assert normalize_phone(raw) == expected

    @pytest.mark.parametrize("raw", ["", "   ", "n/a", "138 0013 800O", "1234", "+1", "1" * 16])
    def test_a_number_that_cannot_be_used_is_none(self, raw: str) -> None:
        assert normalize_phone(raw) is None

    def test_a_non_string_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^raw must be a str, got 13800138000 \[normalize_phone L-2.1\]$",
        ):
            normalize_phone(13800138000)  # type: ignore[arg-type]

    @given(
        testing.mobile_numbers().flatmap(lambda n: st.tuples(st.just(n), testing.written_phones(n)))
    )
    def test_any_written_form_of_a_mobile_normalises_to_it(self, case: tuple[str, str]) -> None:
        normal, written = case
        assert normalize_phone(written) == normal

    @given(st.text(max_size=20))
    def test_normalising_is_idempotent(self, raw: str) -> None:
        once = normalize_phone(raw)
        if once is not None:
            assert normalize_phone(once) == once


class TestNormalizeName:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (" 王  偉 ", "王偉"),
            ("王\u3000偉", "王偉"),
            ("Ｌｉ　Ｎａ", "Li Na"),
            ("  Li   Na ", "Li Na"),
            ("歐陽 Na", "歐陽 Na"),
            ("", ""),
        ],
    )
    def test_names_are_brought_to_one_form(self, raw: str, expected: str) -> None:
        assert normalize_name(raw) == expected

    def test_a_non_string_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"^raw must be a str, got None \[normalize_name L-2.1\]$"
        ):
            normalize_name(None)  # type: ignore[arg-type]


class TestLead:
    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"id": ""}, "id must be a non-empty str"),
            ({"id": 7}, "id must be a non-empty str"),
            ({"id": "a", "name": None}, "name must be a str"),
            ({"id": "a", "phone": 138}, "phone must be a str"),
            ({"id": "a", "grade": 1}, "grade must be a str or None"),
        ],
    )
    def test_a_bad_lead_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        with pytest.raises(InvalidInputError, match=match):
            Lead(**kwargs)  # type: ignore[arg-type]


class TestIntake:
    def test_the_worked_batch(self) -> None:
        batch = [
            Lead("E-1", " 王  偉 ", "138 0013 8000", grade="A"),
            Lead("E-2", "Li Na", "+86 139-0013-9000", grade=" B "),
            Lead("E-3", "王偉", "８６１３８００１３８０００", grade="A"),
            Lead("E-4", "Zhang", "021-6512 3456"),
            Lead("E-5", "Old friend", "139 0013 9000"),
            Lead("E-6", "No phone", "", grade=" "),
        ]
        intake = intake_of(batch, known=("+86 21 6512 3456",))
        assert [lead.id for lead in intake.accepted] == ["E-1", "E-2", "E-4", "E-6"]
        assert [(d.lead.id, d.of, d.key, d.by, d.phone) for d in intake.duplicates] == [
            ("E-3", "E-1", "13800138000", "phone", "13800138000"),
            ("E-5", "E-2", "13900139000", "phone", "13900139000"),
        ]
        assert [lead.id for lead in intake.on_file] == ["E-4"]
        assert [lead.on_file for lead in intake.accepted] == [False, False, True, False]
        assert intake.received == 6
        assert intake.unmatched == ("E-6",)
        first = intake.accepted[0]
        assert (first.name, first.phone, first.grade) == ("王偉", "13800138000", "A")
        assert first.lead == batch[0]
        assert intake.accepted[1].grade == "B"
        assert intake.accepted[3].grade is None
        assert intake.explain().splitlines() == [
            (
                "L-2.1 the CRM centre received 6 leads: 4 accepted (1 of them already on file), "
                "2 duplicate(s)"
            ),
            "L-2.1 E-3 repeats E-1 (phone 13800138000); E-1 is kept",
            "L-2.1 E-5 repeats E-2 (phone 13900139000); E-2 is kept",
            "L-2.1 E-4 is already on file (phone 02165123456): flagged",
            (
                "L-2.1 no usable phone number, so not fully matched against the other leads and "
                "the file: E-6"
            ),
            "L-2.2 the processed leads go back to Zhou, head of Sales 1",
        ]
        assert intake.clauses == (L_2_1, L_2_2)
        assert intake.explain("zh-Hant").splitlines() == [
            "L-2.1 客戶關係管理中心收到6筆顧客檔案：接受4筆（其中已建檔1筆）、重複2筆",
            "L-2.1 E-3與E-1重複（電話13800138000），保留E-1",
            "L-2.1 E-5與E-2重複（電話13900139000），保留E-2",
            "L-2.1 E-4已建檔（電話02165123456），予以標示",
            "L-2.1 無可用電話號碼，未能完全與其他檔案及已建檔客戶比對：E-6",
            "L-2.2 處理後的顧客檔案返還Sales 1負責人Zhou",
        ]

    def test_a_repeated_lead_on_file_is_a_duplicate_and_the_kept_one_is_flagged(self) -> None:
        batch = [Lead("a", phone="13800138000"), Lead("b", phone="138-0013-8000")]
        intake = intake_of(batch, known=("13800138000",))
        assert [lead.id for lead in intake.on_file] == ["a"]
        assert [(d.lead.id, d.of) for d in intake.duplicates] == [("b", "a")]

    @pytest.mark.parametrize(
        ("key", "accepted", "duplicates", "unmatched"),
        [
            # the same phone under two names: one customer by phone, two by name and phone
            ("phone", ["a", "c", "d", "e"], {"b": ("a", "13800138000")}, ["e"]),
            ("name_and_phone", ["a", "b", "c", "d", "e"], {}, ["d", "e"]),
            # the same name with two phones: one customer by name
            ("name", ["a", "b", "d", "e"], {"c": ("a", "王偉")}, ["d", "e"]),
        ],
    )
    def test_the_duplicate_key_is_a_policy_parameter(
        self, key: str, accepted: list[str], duplicates: dict[str, object], unmatched: list[str]
    ) -> None:
        batch = [
            Lead("a", "王 偉", "13800138000"),
            Lead("b", "Li Na", "138 0013 8000"),
            Lead("c", "王偉", "13900139000"),
            Lead("d", "", "13700137000"),
            Lead("e", "Chen", ""),
        ]
        intake = intake_of(batch, policy=Policy().updated({"leads.duplicate_key": key}))
        assert [lead.id for lead in intake.accepted] == accepted
        assert {d.lead.id: (d.of, d.key) for d in intake.duplicates} == duplicates
        assert list(intake.unmatched) == unmatched
        assert intake.duplicate_key == key

    @given(
        testing.lead_batches(max_size=15),
        st.sampled_from(["phone", "name_and_phone", "name"]),
        st.lists(testing.mobile_numbers(), max_size=3),
    )
    def test_every_lead_is_accepted_or_a_duplicate_by_any_key(
        self, batch: list[Lead], key: str, known: list[str]
    ) -> None:
        policy = Policy().updated({"leads.duplicate_key": key})
        intake = intake_of(batch, known=tuple(known), policy=policy)
        ids = [lead.id for lead in intake.accepted] + [d.lead.id for d in intake.duplicates]
        assert sorted(ids) == sorted(lead.id for lead in batch)

        def key_of(lead: ProcessedLead) -> str | None:
            if key == "phone":
                return lead.phone
            if key == "name":
                return lead.name or None
            return f"{lead.name} {lead.phone}" if lead.name and lead.phone else None

        kept = [key_of(lead) for lead in intake.accepted if key_of(lead) is not None]
        assert len(kept) == len(set(kept))
        first = {lead.id: key_of(lead) for lead in intake.accepted}
        assert all(first[d.of] == d.key == key_of(d.lead) for d in intake.duplicates)
        assert {lead.id for lead in intake.on_file} == {
            lead.id for lead in intake.accepted if lead.phone in set(known)
        }

    def test_a_duplicate_by_name_and_phone_names_both(self) -> None:
        batch = [Lead("a", "王 偉", "13800138000"), Lead("b", "王偉", "+86 138 0013 8000")]
        policy = Policy().updated({"leads.duplicate_key": "name_and_phone"})
        intake = intake_of(batch, policy=policy)
        assert "L-2.1 b repeats a (name and phone 王偉 13800138000); a is kept" in intake.explain()
        assert "L-2.1 b與a重複（姓名及電話王偉 13800138000），保留a" in intake.explain("zh-Hant")
        assert intake.explain().splitlines()[-1].startswith("L-2.2")
        unmatched = intake_of([Lead("x", "王偉")], policy=policy)
        assert "no usable name or phone number" in unmatched.explain()
        assert "無可用姓名或電話號碼" in unmatched.explain("zh-Hant")

    def test_an_empty_batch_is_empty(self) -> None:
        intake = intake_of([])
        assert (intake.received, intake.accepted) == (0, ())

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            (
                {"leads": [Lead("a"), Lead("a")]},
                "lead IDs must be unique in a batch, got 'a' twice",
            ),
            ({"leads": ["a"]}, "leads must hold Lead values"),
            ({"leads": "abc"}, "leads must be a collection of Lead"),
            ({"known": "13800138000"}, "known must be a collection of phone numbers"),
            ({"known": ["n/a"]}, "known must hold phone numbers, got 'n/a'"),
            ({"known": [13800138000]}, "known must hold phone numbers"),
            ({"department": " "}, "department must be a non-empty str"),
            ({"head": None}, "head must be a non-empty str"),
            ({"policy": {}}, "policy must be a Policy"),
        ],
    )
    def test_bad_input_is_refused(self, kwargs: dict[str, object], match: str) -> None:
        arguments: dict[str, object] = {"leads": [], "department": "S", "head": "H"}
        arguments.update(kwargs)
        with pytest.raises(InvalidInputError, match=match):
            process_leads(**arguments)  # type: ignore[arg-type]

    @given(
        st.lists(
            st.tuples(testing.mobile_numbers(), st.sampled_from(["", " ", "-"]), st.booleans()),
            max_size=40,
        ),
        st.lists(testing.mobile_numbers(), max_size=5),
    )
    @settings(max_examples=300)
    def test_intake_conserves_leads(
        self, rows: list[tuple[str, str, bool]], known: list[str]
    ) -> None:
        batch = [
            Lead(f"L{i}", phone=(phone[:3] + sep + phone[3:]) if keep else "")
            for i, (phone, sep, keep) in enumerate(rows)
        ]
        intake = intake_of(batch, known=tuple(known))
        ids = [lead.id for lead in intake.accepted] + [d.lead.id for d in intake.duplicates]
        assert sorted(ids) == sorted(lead.id for lead in batch)
        assert len(intake.accepted) + len(intake.duplicates) == len(batch)
        accepted_phones = [lead.phone for lead in intake.accepted if lead.phone is not None]
        assert len(accepted_phones) == len(set(accepted_phones))
        assert {lead.id for lead in intake.on_file} == {
            lead.id for lead in intake.accepted if lead.phone in set(known)
        }
        kept = {lead.id: lead.phone for lead in intake.accepted}
        for duplicate in intake.duplicates:
            assert kept[duplicate.of] == duplicate.key == duplicate.lead.phone


def numbered(n: int, grades: str = "") -> list[Lead]:
    return [
        Lead(
            f"L{i:03d}", phone=f"1380000{i:04d}", grade=grades[i % len(grades)] if grades else None
        )
        for i in range(n)
    ]


class TestSplit:
    def test_duplicates_are_never_split(self) -> None:
        batch = [*numbered(4), Lead("dup", phone="13800000000")]
        split = split_leads(intake_of(batch), ["Lin", "Chen"])
        assert sorted(split.assignment) == ["L000", "L001", "L002", "L003"]
        assert dict(split.counts) == {"Chen": 2, "Lin": 2}
        assert [lead.id for lead in split.leads_of("Chen")] == ["L000", "L002"]

    def test_the_worked_split_over_two_events(self) -> None:
        people = ["Wang", "Li", "Chen"]
        first = split_leads(intake_of(numbered(10)), people, event="E1")
        assert dict(first.counts) == {"Chen": 4, "Li": 3, "Wang": 3}
        second = split_leads(intake_of(numbered(10)), people, event="E2", ledger=first.ledger)
        assert dict(second.counts) == {"Chen": 3, "Li": 4, "Wang": 3}
        third = split_leads(intake_of(numbered(10)), people, event="E3", ledger=second.ledger)
        assert dict(third.counts) == {"Chen": 3, "Li": 3, "Wang": 4}
        assert dict(third.ledger.received) == {"Chen": 10, "Li": 10, "Wang": 10}
        assert third.ledger.events == ("E1", "E2", "E3")

    def test_grades_are_shared_within_one(self) -> None:
        split = split_leads(intake_of(numbered(12, "AAB")), ["x", "y", "z"])
        assert {g: dict(t) for g, t in split.split.grade_counts} == {
            "A": {"x": 3, "y": 3, "z": 2},
            "B": {"x": 1, "y": 1, "z": 2},
        }

    def test_the_policy_switches_apply(self) -> None:
        policy = Policy().updated(
            {"leads.balance_grades": False, "leads.extras_to_fewest_so_far": False}
        )
        ledger = Ledger(extras={"x": 5, "y": 0})
        split = split_leads(
            intake_of(numbered(3, "AB")), ["y", "x"], event="E", ledger=ledger, policy=policy
        )
        assert split.split.extras == frozenset({"x"})
        assert split.split.items[0][0] == "L000"

    def test_the_explanation_names_the_head_and_the_split(self) -> None:
        split = split_leads(intake_of(numbered(3)), ["Lin", "Chen"])
        lines = split.explain().splitlines()
        assert lines[0] == (
            "L-1 Zhou of Sales 1 splits the 3 processed leads among the event's participants only"
        )
        assert "L-2.3 Chen: 2 (one of the leftovers: 0 so far, now 1)" in lines
        assert split.clauses == (L_1, L_2_3)
        assert "Sales 1負責人Zhou將3筆處理後的顧客檔案僅分配給參加科普的員工" in split.explain(
            "zh-Hant"
        )

    def test_only_the_departments_participants_may_share(self) -> None:
        intake = intake_of(numbered(3))
        departments = {"Lin": "Sales 1", "Chen": "Sales 2"}
        with pytest.raises(
            InvalidInputError, match=r"must be staff of 'Sales 1'.*\['Chen', 'Wu'\]"
        ):
            split_leads(intake, ["Lin", "Chen", "Wu"], department_of=departments)
        ok = split_leads(intake, ["Lin"], department_of=departments)
        assert dict(ok.counts) == {"Lin": 3}

    @pytest.mark.parametrize("department", [1.5, AMBIGUOUS, ["Sales 1"]])
    def test_a_department_that_is_no_str_is_named_as_such(self, department: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^department_of\['Lin'\] must be a str, got .* \[split_leads L-2.3\]$",
        ):
            split_leads(
                intake_of(numbered(3)),
                ["Lin"],
                department_of={"Lin": department},  # type: ignore[dict-item]
            )

    def test_zero_leads_is_a_valid_empty_split(self) -> None:
        split = split_leads(intake_of([]), ["Lin", "Chen"])
        assert dict(split.counts) == {"Chen": 0, "Lin": 0}

    @pytest.mark.parametrize(
        ("participants", "match"),
        [([], "participants must name at least one person"), (["a", "a"], "listed once each")],
    )
    def test_empty_or_repeated_participants_are_refused(
        self, participants: list[str], match: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=match):
            split_leads(intake_of(numbered(2)), participants)

    def test_other_bad_input_is_refused(self) -> None:
        with pytest.raises(
            InvalidInputError, match=r"intake must be the Intake.*L-2.1 comes first"
        ):
            split_leads(numbered(2), ["a"])  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="policy must be a Policy"):
            split_leads(intake_of([]), ["a"], policy=None)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidInputError,
            match=r"^department_of must be a mapping of staff to department, got ",
        ):
            split_leads(intake_of([]), ["a"], department_of=["a"])  # type: ignore[arg-type]
        with pytest.raises(UnknownKeyError, match=r"participant must be one of \['a'\]"):
            split_leads(intake_of([]), ["a"]).leads_of("b")
        with pytest.raises(InvalidInputError, match=r"^participant must be a str, got <Ambiguous>"):
            split_leads(intake_of([]), ["a"]).leads_of(AMBIGUOUS)  # type: ignore[arg-type]

    @given(
        st.integers(0, 60),
        st.text(alphabet="AB", max_size=3),
        testing.participant_lists(),
        st.randoms(),
        st.sets(st.integers(0, 59)),
        st.booleans(),
    )
    @settings(max_examples=200)
    def test_every_lead_is_assigned_exactly_once_and_fairly(
        self,
        n: int,
        grades: str,
        people: list[str],
        rnd: Random,
        known: set[int],
        split_known: bool,
    ) -> None:
        policy = Policy().updated({"leads.split_known_customers": split_known})
        intake = intake_of(
            numbered(n, grades), known=tuple(f"1380000{i:04d}" for i in known), policy=policy
        )
        split = split_leads(intake, people, policy=policy)
        flagged = {lead.id for lead in intake.on_file}
        assert flagged == {f"L{i:03d}" for i in known if i < n}
        expected = {lead.id for lead in intake.accepted if split_known or lead.id not in flagged}
        assert sorted(split.assignment) == sorted(expected)
        assert {lead.id for lead in split.left_out} == (set() if split_known else flagged)
        counts = Counter(split.assignment.values())
        assert max(counts.values(), default=0) - min((counts[p] for p in people), default=0) <= 1
        shuffled = list(people)
        rnd.shuffle(shuffled)
        assert split_leads(intake, shuffled, policy=policy).assignment == split.assignment


class TestLeadsOnFile:
    """L-2.1: a lead whose customer is on file is flagged, and by default split like the others."""

    BATCH: ClassVar[list[Lead]] = [*numbered(4), Lead("old", "Wu", "13900000000")]

    def test_a_lead_on_file_is_split_like_the_others_by_default(self) -> None:
        split = split_leads(intake_of(self.BATCH, known=("13900000000",)), ["Lin", "Chen"])
        assert sorted(split.assignment) == ["L000", "L001", "L002", "L003", "old"]
        assert dict(split.counts) == {"Chen": 3, "Lin": 2}
        assert split.left_out == ()
        assert "L-2.1 already on file, and split like the others: old" in split.explain()
        assert "L-2.1 已建檔者照常分配：old" in split.explain("zh-Hant")
        assert split.clauses == (L_1, L_2_1, L_2_3)

    def test_the_policy_can_leave_known_customers_out(self) -> None:
        intake = intake_of(self.BATCH, known=("13900000000",))
        split = split_leads(intake, ["Lin", "Chen"], policy=LEAVE_KNOWN_OUT)
        assert sorted(split.assignment) == ["L000", "L001", "L002", "L003"]
        assert [lead.id for lead in split.left_out] == ["old"]
        assert split.explain().splitlines()[1] == (
            "L-2.1 already on file, so left out of the split (leads.split_known_customers is "
            "off): old"
        )
        assert "已建檔者不參與分配（政策設定不分配已建檔客戶）：old" in split.explain("zh-Hant")

    def test_without_known_customers_nothing_is_said_about_them(self) -> None:
        split = split_leads(intake_of(numbered(2)), ["Lin"], policy=LEAVE_KNOWN_OUT)
        assert "on file" not in split.explain()


class TestOnceOnly:
    """An event's split is applied once: the ledger takes each event in once."""

    def test_the_same_event_split_again_into_the_ledger_is_refused(self) -> None:
        intake = intake_of(numbered(5))
        first = split_leads(intake, ["Lin", "Chen"], event="2026-03 fair")
        assert first.ledger.events == ("2026-03 fair",)
        with pytest.raises(
            PolicyViolationError, match="event '2026-03 fair' is already split"
        ) as e:
            split_leads(intake, ["Lin", "Chen"], event="2026-03 fair", ledger=first.ledger)
        assert e.value.clause == L_2_3
        assert "L-2.3 event 2026-03 fair is recorded in the ledger" in first.explain()

    def test_a_carried_ledger_needs_the_event(self) -> None:
        with pytest.raises(InvalidInputError, match="event must name the outreach event"):
            split_leads(intake_of(numbered(2)), ["Lin"], ledger=Ledger())

    @given(
        st.lists(st.sampled_from(["E1", "E2", "E3"]), min_size=1, max_size=6),
        testing.participant_lists(max_size=4),
    )
    def test_each_event_is_taken_in_once_and_a_repeat_leaves_the_ledger_unchanged(
        self, events: list[str], people: list[str]
    ) -> None:
        intake = intake_of(numbered(7))
        ledger = Ledger()
        for event in events:
            before = ledger
            if event in ledger.events:
                with pytest.raises(PolicyViolationError, match=repr(event)):
                    split_leads(intake, people, event=event, ledger=ledger)
                assert ledger == before
            else:
                ledger = split_leads(intake, people, event=event, ledger=ledger).ledger
        assert ledger.events == tuple(dict.fromkeys(events))
        assert sum(n for _, n in ledger.received) == 7 * len(ledger.events)


# -- issue 13: results built by hand, and the fast path ------------------------------------------


def rebuilt(value: Any, **changes: object) -> Any:
    """``value`` built again through its class's validating constructor, with ``changes``."""
    fields = {f.name: getattr(value, f.name) for f in attrs.fields(type(value))}
    return type(value)(**(fields | changes))


WORKED = intake_of(
    [Lead("a", "Chen", "13800138000", "A"), Lead("b", "Lin", "138 0013 8000"), Lead("c")],
    known=("13800138000",),
)
SPLIT = split_leads(WORKED, ["Lin", "Chen"])


class TestResultsBuiltByHand:
    @pytest.mark.parametrize(
        ("value", "changes", "message"),
        [
            (WORKED.accepted[0], {"lead": "a"}, r"^lead must be a Lead, got 'a' \[L-2.1\]$"),
            (WORKED.accepted[0], {"name": None}, r"^name must be a str, got None \[L-2.1\]$"),
            (WORKED.accepted[0], {"phone": 138}, r"^phone must be a str or None, got 138"),
            (WORKED.accepted[0], {"grade": 1}, r"^grade must be a str or None, got 1 \[L-2.1\]$"),
            (WORKED.accepted[0], {"on_file": 1}, r"^on_file must be True or False, got 1"),
            (WORKED.duplicates[0], {"lead": Lead("b")},
             r"^lead must be a ProcessedLead, got Lead\(id='b'.*\) \[L-2.1\]$"),
            (WORKED.duplicates[0], {"of": ""}, r"^of must be a non-empty str, got '' \[L-2.1\]$"),
            (WORKED.duplicates[0], {"key": None}, r"^key must be a non-empty str, got None"),
            (WORKED.duplicates[0], {"by": "email"},
             r"^by must be one of \('phone', 'name_and_phone', 'name'\), got 'email' \[L-2.1\]$"),
            (WORKED, {"department": " "}, r"^department must be a non-empty str, got ' '"),
            (WORKED, {"head": None}, r"^head must be a non-empty str, got None \[L-2.2\]$"),
            (WORKED, {"received": -1}, r"^received must be an int of at least 0, got -1"),
            (WORKED, {"accepted": list(WORKED.accepted)}, r"^accepted must be a tuple of"),
            (WORKED, {"duplicates": (Lead("x"),)},
             r"^duplicates must be a sequence of Duplicate, got \(Lead"),
            (WORKED, {"duplicate_key": "id"}, r"^duplicate_key must be one of \("),
            (SPLIT, {"intake": None}, r"^intake must be an Intake, got None \[L-2.3\]$"),
            (SPLIT, {"split": {}}, r"^split must be a FairSplit, got \{\} \[L-2.3\]$"),
            (SPLIT, {"split_known_customers": "yes"}, r"^split_known_customers must be True or"),
        ],
    )  # fmt: skip
    def test_a_bad_field_is_refused_naming_it_the_value_and_the_clause(
        self, value: object, changes: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidInputError, match=message):
            rebuilt(value, **changes)

    def test_good_fields_at_the_ends_are_accepted(self) -> None:
        assert rebuilt(WORKED) == WORKED
        assert rebuilt(SPLIT) == SPLIT
        empty = rebuilt(WORKED, received=0, accepted=(), duplicates=(), duplicate_key="name")
        assert empty.received == 0
        blank = rebuilt(WORKED.accepted[0], name="", phone=None, grade=None, on_file=False)
        assert (blank.name, blank.phone) == ("", None)
        assert rebuilt(WORKED.duplicates[0], by="name_and_phone").by == "name_and_phone"

    @settings(max_examples=200)
    @given(testing.lead_batches(), st.sampled_from(["phone", "name_and_phone", "name"]))
    def test_the_fast_path_builds_what_the_validating_constructors_build(
        self, batch: list[Lead], by: str
    ) -> None:
        policy = Policy().updated({"leads.duplicate_key": by})
        known = tuple(lead.phone for lead in batch[:2] if normalize_phone(lead.phone))
        intake = intake_of(batch, known=known, policy=policy)
        accepted = tuple(rebuilt(lead) for lead in intake.accepted)
        duplicates = tuple(rebuilt(d, lead=rebuilt(d.lead)) for d in intake.duplicates)
        assert (accepted, duplicates) == (intake.accepted, intake.duplicates)
        assert rebuilt(intake) == intake
        assert all(not d.lead.on_file for d in intake.duplicates)
