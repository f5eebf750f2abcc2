"""The docs stay in step with the code: the clause catalogue, the assumptions and the site nav.

docs/catalogue.md and docs/assumptions.md each document their layout in an HTML comment at the
top; the parsers below read exactly that layout and refuse anything else, so a page that drifts
from the layout fails here instead of silently dropping entries.

The catalogue's "Applied by" field links each clause to the functions that apply it, and the
code links back: every public function (or method) whose docstring summary ends with clause
IDs, house style "... (B-6)." or "... (B-6, B-7).", is listed under each of those clauses, and
every object listed exists, is on the API page and cites the clause in its docstring.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

import custpolicy
from custpolicy.foundation.clauses import CLAUSES, FAMILY_NAMES
from custpolicy.foundation.policy import Parameter, Policy

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"

CLAUSE_FIELDS = ("中文", "Source", "Meaning", "Defaults", "Applied by")
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
# an mkdocstrings cross-reference:
# [`billing.payment_deadline`][custpolicy.rules.billing.payment_deadline]
_XREF = re.compile(r"\[(?P<label>[^\[\]]*)\]\[(?P<target>[^\[\]]*)\]")
_TARGET = re.compile(r"custpolicy(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
# the clause IDs that end a docstring summary, house style: "... (B-6)." or "... (B-6, B-7)."
_SUMMARY_CLAUSES = re.compile(r"\((?P<ids>[A-Z]-[A-Z0-9.]+(?:, [A-Z]-[A-Z0-9.]+)*)\)\.?$")
NOT_COMPUTABLE = "not a computable rule"


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


def short_path(target: str) -> str:
    """How the catalogue shows a target: without ``custpolicy.`` and its layer's package."""
    path = target.removeprefix("custpolicy.")
    return path.removeprefix("rules.").removeprefix("foundation.")


def applied_by(entry: CatalogueEntry) -> list[tuple[str, str]]:
    """The (label, identifier) cross-references of a clause's "Applied by" field."""
    return [(m["label"], m["target"]) for m in _XREF.finditer(entry.fields["Applied by"])]


# -- the code's side of "Applied by" -------------------------------------------------------------


def resolve(identifier: str) -> object | None:
    """The object an mkdocstrings identifier names (a module, class, function, method), or None."""
    parts = identifier.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if name.startswith("_") or not hasattr(found, name):
                return None
            found = getattr(found, name)
        return found
    return None


def cites(obj: object, clause_id: str) -> bool:
    """Whether the docstring of ``obj`` names ``clause_id`` (C-9.1 is not cited by C-9.10)."""
    doc = inspect.getdoc(obj) or ""
    return re.search(rf"(?<![\w.-]){re.escape(clause_id)}(?!\w|\.\d)", doc) is not None


def summary_clauses(obj: object) -> tuple[str, ...]:
    """The clause IDs that end the summary line of ``obj``'s docstring, house style."""
    doc = inspect.getdoc(obj) or ""
    summary = " ".join(doc.split("\n\n", 1)[0].split())
    found = _SUMMARY_CLAUSES.search(summary)
    return tuple(found["ids"].split(", ")) if found else ()


def public_modules() -> Iterator[ModuleType]:
    """Every module of the package whose dotted name has no part starting with an underscore."""
    for info in pkgutil.walk_packages(custpolicy.__path__, "custpolicy."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            yield importlib.import_module(info.name)


def _own_public_names(module: ModuleType) -> Iterator[tuple[str, object]]:
    """The public names a module defines itself (re-exports are left to their own module)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in vars(module) if not name.startswith("_")]
    for name in names:
        obj = getattr(module, name, None)  # a name missing from __all__ is test_package's job
        if getattr(obj, "__module__", None) == module.__name__:
            yield name, obj


def _methods(cls: type) -> Iterator[tuple[str, object]]:
    """A class's own public methods, class and static methods and properties, as functions."""
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, (classmethod, staticmethod)):
            value = value.__func__
        elif isinstance(value, property):
            value = value.fget
        if inspect.isfunction(value):
            yield name, value


@dataclass(frozen=True)
class Citing:
    """A public function or method whose docstring summary ends with clause IDs."""

    identifier: str
    owner: str | None  # the identifier of a method's class
    clause_ids: tuple[str, ...]


# Modules whose functions may cite clauses without applying them, each with the reason.
APPLY_NO_RULE: dict[str, str] = {
    f"custpolicy.testing{module}": "hypothesis strategies: they generate the library's values "
    "for tests and cite the clause a value belongs to, but decide nothing"
    for module in (
        "",
        ".foundation",
        ".rules",
        ".rules.leads",
        ".rules.billing",
        ".rules.penalties",
        ".rules.complaints",
        ".rules.customers",
    )
}


def clause_citing_functions() -> list[Citing]:
    """Every public function and method of the package whose summary ends with clause IDs."""
    found: list[Citing] = []
    for module in public_modules():
        if module.__name__ in APPLY_NO_RULE:
            continue
        for name, obj in _own_public_names(module):
            identifier = f"{module.__name__}.{name}"
            if inspect.isclass(obj):
                for member, function in _methods(obj):
                    ids = summary_clauses(function)
                    if ids:
                        found.append(Citing(f"{identifier}.{member}", identifier, ids))
            elif callable(obj):
                ids = summary_clauses(obj)
                if ids:
                    found.append(Citing(identifier, None, ids))
    return found


def api_page_modules() -> set[str]:
    """The modules the API reference (docs/api.md and docs/api/*.md) renders with ``::: module``."""
    pages = [DOCS / "api.md", *sorted((DOCS / "api").glob("*.md"))]
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    return set(re.findall(r"^::: (custpolicy(?:\.\w+)*)\s*$", text, flags=re.MULTILINE))


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

**Applied by:** [`billing.payment_deadline`][custpolicy.rules.billing.payment_deadline],
[`billing.dunning`][custpolicy.rules.billing.dunning].
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

    def test_the_applied_by_field_yields_its_cross_references(self) -> None:
        [entry] = parse_catalogue(_GOOD_CLAUSE).entries
        assert applied_by(entry) == [
            ("`billing.payment_deadline`", "custpolicy.rules.billing.payment_deadline"),
            ("`billing.dunning`", "custpolicy.rules.billing.dunning"),
        ]

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
            pytest.param("**Applied by:**", "**Applies:**", id="misnamed-fifth-field"),
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
        assert len(CLAUSES) == 56
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
        # the "Applied by" cross-references name functions, such as `billing.dunning`
        cited = set(_CITED_PATH.findall(_XREF.sub("", catalogue_text)))
        assert cited, "the catalogue cites no parameter at all"
        assert cited - {p.path for p in parameters} == set()


class TestCatalogueLinksEachClauseToTheCodeThatAppliesIt:
    """The "Applied by" field and the docstrings agree, in both directions."""

    def test_every_cross_reference_names_a_custpolicy_object_by_its_short_path(
        self, catalogue: Catalogue
    ) -> None:
        malformed = [
            (e.clause_id, label, target)
            for e in catalogue.entries
            for label, target in applied_by(e)
            if not _TARGET.fullmatch(target) or label != f"`{short_path(target)}`"
        ]
        assert malformed == []

    def test_each_clause_lists_what_applies_it_unless_no_program_can(
        self, catalogue: Catalogue
    ) -> None:
        wrong = []
        for entry in catalogue.entries:
            text = entry.fields["Applied by"]
            if CLAUSES[entry.clause_id].computable:
                if not applied_by(entry) or text.startswith(NOT_COMPUTABLE):
                    wrong.append(entry.clause_id)
            elif not text.startswith(f"{NOT_COMPUTABLE}; "):
                wrong.append(entry.clause_id)
        assert wrong == []

    def test_nothing_is_listed_twice_under_one_clause(self, catalogue: Catalogue) -> None:
        twice = []
        for entry in catalogue.entries:
            targets = [target for _, target in applied_by(entry)]
            twice += [(entry.clause_id, t) for t in sorted(set(targets)) if targets.count(t) > 1]
        assert twice == []

    def test_every_listed_object_exists_and_its_docstring_cites_the_clause(
        self, catalogue: Catalogue
    ) -> None:
        missing, uncited = [], []
        for entry in catalogue.entries:
            for _, target in applied_by(entry):
                obj = resolve(target)
                if obj is None or inspect.ismodule(obj):
                    missing.append(target)
                elif not cites(obj, entry.clause_id):
                    uncited.append((entry.clause_id, target))
        assert missing == [], "not a public function, class or method of custpolicy"
        assert uncited == [], "listed under a clause its docstring does not cite"

    def test_every_listed_object_is_rendered_on_the_api_page(self, catalogue: Catalogue) -> None:
        documented = api_page_modules()
        outside = [
            target
            for entry in catalogue.entries
            for _, target in applied_by(entry)
            if not any(target.startswith(f"{module}.") for module in documented)
        ]
        assert outside == []

    def test_every_function_whose_summary_cites_a_clause_is_listed_under_it(
        self, catalogue: Catalogue
    ) -> None:
        listed = {e.clause_id: {target for _, target in applied_by(e)} for e in catalogue.entries}
        unknown, unlisted = [], []
        for function in clause_citing_functions():
            for clause_id in function.clause_ids:
                if clause_id not in CLAUSES:
                    unknown.append((function.identifier, clause_id))
                elif not {function.identifier, function.owner} & listed[clause_id]:
                    unlisted.append((clause_id, function.identifier))
        assert unknown == [], "a docstring summary cites a clause that is not in the registry"
        assert unlisted == [], "list the function (or, for a method, its class) under the clause"


class TestTheDocstringScanSeesFunctionsAndMethods:
    """Guards the reverse check against passing because it found nothing."""

    def test_module_functions_methods_and_properties_are_found(self) -> None:
        found = {c.identifier: (c.owner, c.clause_ids) for c in clause_citing_functions()}
        assert found["custpolicy.rules.billing.payment_deadline"] == (None, ("B-6",))
        assert found["custpolicy.foundation.deadlines.monthly_deadline"] == (
            None,
            ("P-2", "C-9.10"),
        )
        assert found["custpolicy.rules.penalties.PenaltyAccount.close_month"] == (
            "custpolicy.rules.penalties.PenaltyAccount",
            ("P-E3.4", "C-12.2"),
        )
        assert found["custpolicy.foundation.clauses.Clause.computable"][1] == ("B-1",)
        assert found["custpolicy.rules.customers.Category.of"][1] == ("M-1.2",)

    @pytest.mark.parametrize(
        ("summary", "ids"),
        [
            ("Split a unit's charge by base points (P-E3.3).", ("P-E3.3",)),
            ("Close several months (B-7, B-8)", ("B-7", "B-8")),
            ("A charge not yet deducted (P-E3.2: each case on its own).", ()),
            ("Mentions B-6 in passing.", ()),
        ],
    )
    def test_summary_clauses_reads_house_style_only(
        self, summary: str, ids: tuple[str, ...]
    ) -> None:
        def function() -> None:
            pass

        function.__doc__ = f"{summary}\n\n    More text (C-8)."
        assert summary_clauses(function) == ids

    def test_a_clause_id_is_cited_only_as_a_whole(self) -> None:
        def function() -> None:
            """Summarise before the 10th (C-9.10); see P-E3.4."""

        assert [cites(function, c) for c in ("C-9.10", "P-E3.4", "C-9.1", "P-E3")] == [
            True,
            True,
            False,
            False,
        ]

    def test_resolve_finds_methods_and_refuses_what_does_not_exist(self) -> None:
        from custpolicy.rules.penalties import PenaltyAccount

        assert resolve("custpolicy.rules.penalties.PenaltyAccount.close_month") == (
            PenaltyAccount.close_month
        )
        assert resolve("custpolicy.rules.penalties.no_such_rule") is None
        assert resolve("custpolicy.rules.penalties._private") is None
        assert resolve("nowhere.at_all") is None


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


# -- (c) the API page -----------------------------------------------------------------------------

# Public modules left off the API page, each with the reason (none today).
NOT_ON_API_PAGE: dict[str, str] = {}


class TestApiPageRendersEveryPublicModule:
    def test_every_public_module_is_rendered(self) -> None:
        documented = api_page_modules()
        missing = [
            module.__name__
            for module in public_modules()
            if module.__name__ not in documented
            and module.__name__ not in NOT_ON_API_PAGE
            # a package is rendered through its modules, e.g. custpolicy.foundation.calendars.china
            and not any(name.startswith(f"{module.__name__}.") for name in documented)
        ]
        assert missing == []

    def test_every_rendered_module_exists(self) -> None:
        assert [m for m in sorted(api_page_modules()) if not inspect.ismodule(resolve(m))] == []


# -- (d) the getting-started page ----------------------------------------------------------------

_TOUR_COMMAND = "$ uv run python -m custpolicy tour"


def tour_samples(text: str) -> list[tuple[list[str], list[str]]]:
    """The ```console blocks that show the tour's output: (command arguments, output lines)."""
    samples = []
    for block in re.findall(r"^```console\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL):
        command, *output = block.splitlines()
        shows_output = output and not any(line.startswith("$ ") for line in output)
        if command.startswith(_TOUR_COMMAND) and shows_output:
            samples.append((command.removeprefix("$ uv run python -m custpolicy ").split(), output))
    return samples


class TestGettingStartedShowsTheTourAsItIs:
    def test_the_sample_output_is_the_start_of_the_real_output(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from custpolicy.cli.main import main

        samples = tour_samples((DOCS / "getting-started.md").read_text(encoding="utf-8"))
        assert samples, "the page shows no sample of the tour's output"
        for arguments, output in samples:
            assert main(arguments) == 0
            printed = capsys.readouterr().out.splitlines()
            assert printed[: len(output)] == output


_SAVE_AS = re.compile(
    r"Save\s+this\s+as\s+`(?P<name>[^`]+)`\s+in\s+a\s+folder\s+of\s+your\s+own,\s+say\s+"
    r"`(?P<folder>[^`/]+)/`"
)


class TestGettingStartedScenarioIsTheOneThatPasses:
    def test_the_scenario_written_on_the_page_passes_check_as_shown(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        from custpolicy.cli.main import main

        text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
        [written] = [
            block
            for block in re.findall(r"^```toml\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
            if not block.startswith("--8<--")
        ]
        saved = _SAVE_AS.search(text)
        assert saved is not None, "the page says where to save the scenario"
        command = f"$ uv run python -m custpolicy check {saved['folder']}"
        [shown] = [
            block.splitlines()[1:]
            for block in re.findall(
                r"^```console\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL
            )
            if block.startswith(command + "\n")
        ]
        (tmp_path / saved["folder"]).mkdir()
        (tmp_path / saved["folder"] / saved["name"]).write_text(written, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert main(["check", saved["folder"]]) == 0
        assert capsys.readouterr().out.splitlines() == shown


# -- (e) the site navigation -------------------------------------------------------------------


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


def _nav() -> Any:
    with MKDOCS_YML.open(encoding="utf-8") as stream:
        return yaml_load(stream)["nav"]


def _python_blocks(text: str) -> str:
    return "\n".join(re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL))


class TestNewcomersFindTheirWay:
    def test_getting_started_comes_first_after_home(self) -> None:
        assert list(_nav_pages(_nav()))[:2] == ["index.md", "getting-started.md"]

    def test_the_readme_and_the_home_page_link_to_getting_started(self) -> None:
        assert "(docs/getting-started.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
        assert "(getting-started.md)" in (DOCS / "index.md").read_text(encoding="utf-8")

    def test_every_family_guide_shows_an_explanation_in_both_languages(self) -> None:
        [families] = [item["Rule families"] for item in _nav() if "Rule families" in item]
        pages = list(_nav_pages(families))
        assert len(pages) >= 6
        missing = []
        for page in pages:
            code = _python_blocks((DOCS / page).read_text(encoding="utf-8"))
            if 'explain("zh-Hant")' not in code:
                missing.append((page, "zh-Hant"))
            if "explain()" not in code and 'explain("en")' not in code:
                missing.append((page, "en"))
        assert missing == []


class TestMkdocsNavNamesOnlyPagesThatExist:
    def test_every_nav_page_exists_in_docs(self) -> None:
        with MKDOCS_YML.open(encoding="utf-8") as stream:
            config = yaml_load(stream)
        docs_dir = ROOT / config.get("docs_dir", "docs")
        pages = list(_nav_pages(config["nav"]))
        assert {"index.md", "catalogue.md", "assumptions.md", "api.md"} <= set(pages)
        assert [page for page in pages if not (docs_dir / page).is_file()] == []
