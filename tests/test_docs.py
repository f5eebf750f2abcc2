"""The docs stay in step with the code: the clause catalogue, the assumptions and the site nav.

docs/catalogue.md and docs/assumptions.md each document their layout in an HTML comment at the
top; the parsers below read exactly that layout and refuse anything else, so a page that drifts
from the layout fails here instead of silently dropping entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

from custpolicy.clauses import CLAUSES, FAMILY_NAMES
from custpolicy.policy import Parameter, Policy

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"

CLAUSE_FIELDS = ("中文", "Source", "Meaning", "Defaults")
ASSUMPTION_FIELDS = ("Clauses", "Default", "Meaning", "Why")
REQUIRED_FIELDS = ("Clauses", "Meaning", "Example")
ASSUMPTIONS_SECTION = "Assumptions"
REQUIRED_SECTION = "Required parameters"
POLICY_GROUPS = ("general", "leads", "billing", "penalties", "complaints", "returns", "customers")

_FAMILY_HEADING = re.compile(r"^## (?P<family>[A-Z]) — (?P<en>[^()]+) \((?P<zh>[^()]+)\)$")
_CLAUSE_HEADING = re.compile(r"^### (?P<id>[A-Z]-[A-Z0-9.]+) — (?P<title>\S.*)$")
_PARAMETER_HEADING = re.compile(r"^### `(?P<path>[a-z_]+\.[a-z_]+)`$")
_FIELD = re.compile(r"^\*\*(?P<label>[^*]+):\*\* (?P<text>\S.*)$")
_CITED_PATH = re.compile(rf"`((?:{'|'.join(POLICY_GROUPS)})\.[a-z_]+)`")


class LayoutError(AssertionError):
    """A docs page does not follow the layout documented at its top."""


# -- reading markdown --------------------------------------------------------------------------


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """The page's lines with their numbers, leaving out HTML comments and fenced code."""
    in_comment = in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line.rstrip()


@dataclass
class Block:
    """A third-level section: its heading match and its bold-labelled fields, in order."""

    line: int
    heading: re.Match[str]
    fields: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


def _add_field(block: Block, number: int, line: str, last: str | None) -> str | None:
    """Add one line of a block's body; returns the label that the next line would continue."""
    if not line:
        return None
    found = _FIELD.match(line)
    if found:
        label = found["label"]
        if label in block.fields:
            raise LayoutError(f"line {number}: field {label!r} appears twice")
        block.fields[label] = found["text"]
        block.order.append(label)
        return label
    if last is None:
        raise LayoutError(f"line {number}: expected a '**Label:** text' paragraph, got {line!r}")
    block.fields[last] += " " + line.strip()
    return last


def _check_fields(block: Block, expected: tuple[str, ...], name: str) -> None:
    if tuple(block.order) != expected:
        raise LayoutError(
            f"line {block.line}: {name} must have the fields {expected}, in that order; "
            f"got {tuple(block.order)}"
        )


# -- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueEntry:
    """One clause as docs/catalogue.md documents it."""

    clause_id: str
    title_en: str
    family: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    """The families (letter, English name, Chinese name) and the clauses, in page order."""

    families: list[tuple[str, str, str]]
    entries: list[CatalogueEntry]


def parse_catalogue(text: str) -> Catalogue:
    """Read the layout documented at the top of docs/catalogue.md."""
    families: list[tuple[str, str, str]] = []
    entries: list[CatalogueEntry] = []
    family: str | None = None
    block: Block | None = None
    last: str | None = None

    def close() -> None:
        if block is not None:
            _check_fields(block, CLAUSE_FIELDS, f"clause {block.heading['id']}")
            entries.append(
                CatalogueEntry(
                    clause_id=block.heading["id"],
                    title_en=block.heading["title"],
                    family=family or "",
                    fields=block.fields,
                )
            )

    for number, line in _content_lines(text):
        if line.startswith("#"):
            close()
            block, last = None, None
            if line.startswith("## "):
                found = _FAMILY_HEADING.match(line)
                family = found["family"] if found else None
                if found:
                    families.append((found["family"], found["en"], found["zh"]))
            elif line.startswith("### ") and family is not None:
                heading = _CLAUSE_HEADING.match(line)
                if heading is None:
                    raise LayoutError(
                        f"line {number}: a heading in family {family} must read "
                        f"'### <ID> — <English title>', got {line!r}"
                    )
                block = Block(number, heading)
            elif family is not None:
                raise LayoutError(f"line {number}: unexpected heading in family {family}: {line!r}")
        elif block is not None:
            last = _add_field(block, number, line, last)
    close()
    return Catalogue(families, entries)


# -- the assumptions page ----------------------------------------------------------------------


@dataclass(frozen=True)
class ParameterEntry:
    """One parameter as docs/assumptions.md documents it."""

    path: str
    clause_ids: tuple[str, ...]
    fields: dict[str, str]


def parse_assumptions(text: str) -> dict[str, list[ParameterEntry]]:
    """Read docs/assumptions.md: the entries of its two sections, by section title."""
    expected = {ASSUMPTIONS_SECTION: ASSUMPTION_FIELDS, REQUIRED_SECTION: REQUIRED_FIELDS}
    sections: dict[str, list[ParameterEntry]] = {}
    section: str | None = None
    block: Block | None = None
    last: str | None = None

    def close() -> None:
        if block is not None and section is not None:
            path = block.heading["path"]
            _check_fields(block, expected[section], f"parameter {path}")
            clause_ids = tuple(c.strip() for c in block.fields["Clauses"].split(","))
            sections[section].append(ParameterEntry(path, clause_ids, block.fields))

    for number, line in _content_lines(text):
        if line.startswith("#"):
            close()
            block, last = None, None
            if line.startswith("## "):
                section = line[3:].strip()
                if section not in expected:
                    raise LayoutError(
                        f"line {number}: the sections are {sorted(expected)}, got {section!r}"
                    )
                if section in sections:
                    raise LayoutError(f"line {number}: section {section!r} appears twice")
                sections[section] = []
            elif line.startswith("### "):
                heading = _PARAMETER_HEADING.match(line)
                if section is None or heading is None:
                    raise LayoutError(
                        f"line {number}: a parameter heading reads '### `group.name`' inside "
                        f"one of the sections, got {line!r}"
                    )
                block = Block(number, heading)
        elif block is not None:
            last = _add_field(block, number, line, last)
    close()
    if set(sections) != set(expected):
        raise LayoutError(f"the sections must be {sorted(expected)}, got {sorted(sections)}")
    return sections


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return parse_catalogue((DOCS / "catalogue.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue_text() -> str:
    return (DOCS / "catalogue.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def assumptions() -> dict[str, list[ParameterEntry]]:
    return parse_assumptions((DOCS / "assumptions.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parameters() -> tuple[Parameter, ...]:
    return Policy().parameters()


def _ids(entries: list[CatalogueEntry]) -> list[str]:
    return [e.clause_id for e in entries]


# -- the parsers refuse a page that leaves the layout ------------------------------------------

_GOOD_CLAUSE = """\
## B — Gas bill collection (氣費收取)

### B-6 — Payment within one week of the sheet's delivery

**中文:** 結算單送達一周內繳費

**Source:** 送達一周內

**Meaning:** Pay within seven calendar days,
on the seventh day too.

**Defaults:** `billing.payment_days` = 7.
"""


class TestParsersReadTheDocumentedLayoutAndNothingElse:
    def test_a_well_formed_clause_is_read_with_its_fields(self) -> None:
        parsed = parse_catalogue(_GOOD_CLAUSE)
        assert parsed.families == [("B", "Gas bill collection", "氣費收取")]
        [entry] = parsed.entries
        assert (entry.clause_id, entry.title_en, entry.family) == (
            "B-6",
            "Payment within one week of the sheet's delivery",
            "B",
        )
        assert entry.fields["中文"] == "結算單送達一周內繳費"
        assert entry.fields["Meaning"] == "Pay within seven calendar days, on the seventh day too."

    def test_headings_inside_comments_and_code_are_not_clauses(self) -> None:
        text = "<!--\n### X-1 — Not a clause\n-->\n```python\n### X-2 — Nor this\n```\n"
        assert _ids(parse_catalogue(_GOOD_CLAUSE + text).entries) == ["B-6"]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            pytest.param(" — Payment", " - Payment", id="hyphen-instead-of-em-dash"),
            pytest.param("**中文:** 結算單送達一周內繳費\n", "", id="missing-chinese-title"),
            pytest.param("**Defaults:**", "Defaults:", id="unlabelled-paragraph"),
            pytest.param("**Source:** 送達一周內", "**Meaning:** x", id="field-twice"),
        ],
    )
    def test_a_clause_that_leaves_the_layout_is_refused(self, old: str, new: str) -> None:
        assert old in _GOOD_CLAUSE
        with pytest.raises(LayoutError):
            parse_catalogue(_GOOD_CLAUSE.replace(old, new))

    def test_an_assumptions_page_without_the_required_section_is_refused(self) -> None:
        text = "## Assumptions\n\n### `a.b`\n\n**Clauses:** B-6\n\n**Default:** `1`\n\n"
        text += "**Meaning:** m\n\n**Why:** w\n"
        with pytest.raises(LayoutError, match="sections"):
            parse_assumptions(text)
        parsed = parse_assumptions(text + "\n## Required parameters\n")
        assert [(e.path, e.clause_ids) for e in parsed[ASSUMPTIONS_SECTION]] == [("a.b", ("B-6",))]


# -- (a) the catalogue and the clause registry -------------------------------------------------


class TestCatalogueDocumentsExactlyTheClausesOfTheRegistry:
    def test_its_clause_ids_are_the_registry_ids(self, catalogue: Catalogue) -> None:
        documented = set(_ids(catalogue.entries))
        assert len(CLAUSES) == 50
        assert documented - set(CLAUSES) == set(), "documented but not in the registry"
        assert set(CLAUSES) - documented == set(), "in the registry but not documented"

    def test_each_clause_is_documented_once_in_registry_order(self, catalogue: Catalogue) -> None:
        assert _ids(catalogue.entries) == list(CLAUSES)


class TestCatalogueTitlesAreTheRegistryTitles:
    def test_english_titles_match(self, catalogue: Catalogue) -> None:
        documented = {e.clause_id: e.title_en for e in catalogue.entries}
        assert documented == {i: c.title("en") for i, c in CLAUSES.items()}

    def test_traditional_chinese_titles_match(self, catalogue: Catalogue) -> None:
        documented = {e.clause_id: e.fields["中文"] for e in catalogue.entries}
        assert documented == {i: c.title("zh-Hant") for i, c in CLAUSES.items()}


class TestCatalogueGroupsClausesUnderTheirFamily:
    def test_family_headings_are_the_registry_families(self, catalogue: Catalogue) -> None:
        expected = [(letter, en, zh) for letter, (en, zh) in FAMILY_NAMES.items()]
        assert catalogue.families == expected

    def test_each_clause_sits_in_its_own_family(self, catalogue: Catalogue) -> None:
        misplaced = {
            e.clause_id: e.family
            for e in catalogue.entries
            if e.family != CLAUSES[e.clause_id].family
        }
        assert misplaced == {}


class TestCatalogueEntriesGiveSourceMeaningAndDefaults:
    def test_every_source_quotes_the_chinese_text(self, catalogue: Catalogue) -> None:
        cjk = re.compile(r"[\u4e00-\u9fff]")
        assert [e.clause_id for e in catalogue.entries if not cjk.search(e.fields["Source"])] == []

    def test_every_meaning_is_a_sentence_in_english(self, catalogue: Catalogue) -> None:
        short = [e.clause_id for e in catalogue.entries if len(e.fields["Meaning"].split()) < 8]
        assert short == []


class TestCatalogueCitesEveryParameterUnderOneOfItsClauses:
    def test_every_parameter_is_cited_in_the_block_of_one_of_its_clauses(
        self, catalogue: Catalogue, parameters: tuple[Parameter, ...]
    ) -> None:
        blocks = {e.clause_id: " ".join(e.fields.values()) for e in catalogue.entries}
        uncited = [
            p.path
            for p in parameters
            if not any(f"`{p.path}`" in blocks.get(c.id, "") for c in p.clauses)
        ]
        assert uncited == []

    def test_every_cited_path_is_a_policy_parameter(
        self, catalogue_text: str, parameters: tuple[Parameter, ...]
    ) -> None:
        cited = set(_CITED_PATH.findall(catalogue_text))
        assert cited, "the catalogue cites no parameter at all"
        assert cited - {p.path for p in parameters} == set()


# -- (b) the assumptions page and the policy metadata ------------------------------------------


class TestAssumptionsPageListsExactlyTheAssumptionParameters:
    def test_its_paths_are_the_parameters_marked_assumption(
        self, assumptions: dict[str, list[ParameterEntry]], parameters: tuple[Parameter, ...]
    ) -> None:
        documented = [e.path for e in assumptions[ASSUMPTIONS_SECTION]]
        assert len(documented) == len(set(documented)), "a parameter is listed twice"
        assert set(documented) == {p.path for p in parameters if p.assumption}

    def test_each_lists_the_clauses_of_its_metadata(
        self, assumptions: dict[str, list[ParameterEntry]], parameters: tuple[Parameter, ...]
    ) -> None:
        documented = {e.path: e.clause_ids for e in assumptions[ASSUMPTIONS_SECTION]}
        assert documented == {
            p.path: tuple(c.id for c in p.clauses) for p in parameters if p.assumption
        }

    def test_each_states_the_default_of_the_code(
        self, assumptions: dict[str, list[ParameterEntry]], parameters: tuple[Parameter, ...]
    ) -> None:
        documented = {e.path: e.fields["Default"] for e in assumptions[ASSUMPTIONS_SECTION]}
        assert documented == {p.path: f"`{p.value!r}`" for p in parameters if p.assumption}


class TestAssumptionsPageListsExactlyTheRequiredParameters:
    def test_its_paths_are_the_parameters_marked_required(
        self, assumptions: dict[str, list[ParameterEntry]], parameters: tuple[Parameter, ...]
    ) -> None:
        documented = [e.path for e in assumptions[REQUIRED_SECTION]]
        assert len(documented) == len(set(documented)), "a parameter is listed twice"
        assert set(documented) == {p.path for p in parameters if p.required}

    def test_each_lists_the_clauses_of_its_metadata(
        self, assumptions: dict[str, list[ParameterEntry]], parameters: tuple[Parameter, ...]
    ) -> None:
        documented = {e.path: e.clause_ids for e in assumptions[REQUIRED_SECTION]}
        assert documented == {
            p.path: tuple(c.id for c in p.clauses) for p in parameters if p.required
        }


# -- (c) the site navigation -------------------------------------------------------------------


def _nav_pages(nav: Any) -> Iterator[str]:
    """Every page file named in an mkdocs nav (nested sections included; URLs left out)."""
    if isinstance(nav, str):
        if "://" not in nav:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    else:
        raise LayoutError(f"unexpected nav entry {nav!r}")


class TestMkdocsNavNamesOnlyPagesThatExist:
    def test_every_nav_page_exists_in_docs(self) -> None:
        with MKDOCS_YML.open(encoding="utf-8") as stream:
            config = yaml_load(stream)
        docs_dir = ROOT / config.get("docs_dir", "docs")
        pages = list(_nav_pages(config["nav"]))
        assert {"index.md", "catalogue.md", "assumptions.md", "api.md"} <= set(pages)
        assert [page for page in pages if not (docs_dir / page).is_file()] == []
