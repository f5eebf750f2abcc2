"""The docs site: cross-references are links, the link checker finds dead links, the nav is whole.

CI builds the site (``mkdocs build --strict``, which fails on a cross-reference that resolves
to nothing) and runs ``tools/linkcheck.py`` over it; these tests keep the sources free of
Sphinx roles and show that the two tools do what they say on small inputs.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|exc|data|obj|const):`")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tools_{name}", ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


crossrefs = _tool("crossrefs")
linkcheck = _tool("linkcheck")


def _sources() -> Iterator[Path]:
    yield from sorted((ROOT / "src").rglob("*.py"))
    yield from sorted(DOCS.rglob("*.md"))
    yield ROOT / "README.md"


class TestNoSphinxRoleIsLeft:
    def test_src_docs_and_the_readme_use_mkdocstrings_cross_references_only(self) -> None:
        left = [
            f"{path.relative_to(ROOT)}:{number}"
            for path in _sources()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if ROLE.search(line)
        ]
        assert left == [], "run: uv run python tools/crossrefs.py"

    def test_the_scan_sees_a_role(self) -> None:
        assert ROLE.search("see :class:`Money`")
        assert ROLE.search("see :py:func:`allocate`")
        assert not ROLE.search("see [`Money`][custpolicy.foundation.money.Money]")


class TestCrossrefsTool:
    """tools/crossrefs.py turns roles into links to the page that documents the object."""

    @pytest.mark.parametrize(
        ("role", "link"),
        [
            (":class:`Money`", "[`Money`][custpolicy.foundation.money.Money]"),
            (
                ":func:`~custpolicy.rules.billing.dunning`",
                "[`dunning`][custpolicy.rules.billing.dunning]",
            ),
            (":mod:`custpolicy.records`", "[`custpolicy.records`][]"),
            # an error class says custpolicy in __module__; its page is that of errors
            (
                ":exc:`InvalidInputError`",
                "[`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError]",
            ),
            # a method named through its class
            (
                ":meth:`Policy.to_mapping`",
                "[`Policy.to_mapping`][custpolicy.foundation.policy.Policy.to_mapping]",
            ),
            # a function and a module of the same name: the role says which
            (
                ":func:`custpolicy.foundation.calendars.china`",
                "[`custpolicy.foundation.calendars.china`][custpolicy.foundation.calendars.china.china]",
            ),
            # outside the package, or private: no page to link to, plain code
            (":class:`enum.Enum`", "`enum.Enum`"),
            (":func:`~custpolicy.records._hooks.make_converter`", "`make_converter`"),
            (":func:`no_such_name_anywhere`", "`no_such_name_anywhere`"),
        ],
    )
    def test_a_role_becomes_a_link_to_the_full_path(
        self, tmp_path: Path, role: str, link: str
    ) -> None:
        page = tmp_path / "page.md"
        page.write_text(f"See {role}.\n", encoding="utf-8")
        assert crossrefs.rewrite(page) == f"See {link}.\n"

    def test_a_constant_without_a_docstring_links_to_its_module(self, tmp_path: Path) -> None:
        page = tmp_path / "page.md"
        page.write_text(":data:`custpolicy.foundation.schema.DATE`\n", encoding="utf-8")
        assert crossrefs.rewrite(page) == (
            "[`custpolicy.foundation.schema.DATE`][custpolicy.foundation.schema]\n"
        )

    def test_a_relative_name_is_looked_up_in_the_enclosing_class_first(self) -> None:
        assert (
            crossrefs.resolve("from_toml", "custpolicy.foundation.policy", ("PolicyBook",))
            == "custpolicy.foundation.policy.PolicyBook.from_toml"
        )
        assert (
            crossrefs.resolve("from_toml", "custpolicy.foundation.policy", ("Policy",))
            == "custpolicy.foundation.policy.Policy.from_toml"
        )

    def test_a_line_pushed_past_the_length_is_wrapped_and_the_summary_keeps_one_line(
        self, tmp_path: Path
    ) -> None:
        source = tmp_path / "sample.py"
        source.write_text(
            '"""Checks that raise :class:`InvalidInputError`, as :func:`check_money` does."""\n'
            "\n"
            "\n"
            "def f() -> None:\n"
            '    """Summary.\n'
            "\n"
            "    A long paragraph that names :class:`~custpolicy.foundation.policy.PolicyBook`"
            " twice,\n"
            "    :class:`~custpolicy.foundation.policy.PolicyBook`, and goes on to the end.\n"
            '    """\n',
            encoding="utf-8",
        )
        text = crossrefs.rewrite(source)
        lines = text.splitlines()
        assert all(crossrefs.width(line) <= crossrefs.LINE_LENGTH for line in lines)
        assert lines[0].startswith('"""Checks that raise [`InvalidInputError`]')
        assert lines[0].endswith('"""')
        assert "[`PolicyBook`][custpolicy.foundation.policy.PolicyBook]" in text
        assert text.count("PolicyBook`][custpolicy") == 2
        assert lines[-1] == '    """'

    def test_it_is_idempotent_and_check_reports_nothing_on_this_tree(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        page = tmp_path / "page.md"
        page.write_text("See :class:`Money`.\n", encoding="utf-8")
        assert crossrefs.main(["--check", str(page)]) == 1
        assert crossrefs.main([str(page)]) == 0
        once = page.read_text(encoding="utf-8")
        assert crossrefs.main(["--check", str(page)]) == 0
        assert page.read_text(encoding="utf-8") == once
        assert crossrefs.main(["--check", str(ROOT / "src"), str(DOCS)]) == 0
        capsys.readouterr()


# -- the link checker --------------------------------------------------------------------------


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return root


class TestLinkCheck:
    def test_a_sound_site_has_no_problem(self, tmp_path: Path) -> None:
        site = _site(
            tmp_path,
            {
                "index.html": '<h1 id="top">Home</h1><a href="#top">up</a><a href="a/">a</a>'
                '<a href="a/#here">here</a><a href="a/index.html#here">here</a>'
                '<a href="https://example.com/x#y">out</a><a href="mailto:x@example.com">m</a>'
                '<img src="img/logo.svg">',
                "a/index.html": '<p id="here">x</p><a href="../">home</a>'
                '<a href="/index.html#top">root</a><a name="old">named</a>',
                "img/logo.svg": "",
            },
        )
        assert list(linkcheck.problems(site)) == []
        assert linkcheck.main([str(site)]) == 0

    def test_a_dead_page_a_missing_anchor_and_a_role_left_as_text_are_each_reported(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        site = _site(
            tmp_path,
            {
                "index.html": '<a href="b/">b</a><a href="a/#gone">g</a><a href="#nowhere">x</a>',
                "a/index.html": "<p>raises :class:<code>Money</code></p><img src='../x.png'>",
            },
        )
        assert sorted(linkcheck.problems(site)) == sorted(
            [
                "index.html: b/: no such page",
                "index.html: a/#gone: no element with id 'gone'",
                "index.html: #nowhere: no element with id 'nowhere'",
                "a/index.html: :class:<code>Money</code>: a Sphinx role left as text",
                "a/index.html: ../x.png: no such page",
            ]
        )
        assert linkcheck.main([str(site)]) == 1
        assert "5 problem(s)" in capsys.readouterr().out

    def test_a_folder_that_is_not_a_built_site_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert linkcheck.main([str(tmp_path)]) == 1
        assert "not a built site" in capsys.readouterr().out


# -- the nav -----------------------------------------------------------------------------------


def _nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    else:
        for value in nav.values():
            yield from _nav_pages(value)


def _nav() -> list[Any]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        nav: list[Any] = yaml_load(stream)["nav"]
    return nav


class TestTheSiteNav:
    def test_every_api_page_is_in_the_nav_and_the_index_links_each(self) -> None:
        pages = set(_nav_pages(_nav()))
        api_pages = {f"api/{p.name}" for p in (DOCS / "api").glob("*.md")}
        assert len(api_pages) >= 8
        assert api_pages <= pages
        index = (DOCS / "api.md").read_text(encoding="utf-8")
        assert [p for p in sorted(api_pages) if f"]({p})" not in index] == []

    def test_there_is_one_api_page_per_rule_family(self) -> None:
        from custpolicy.rules import FAMILIES

        for family in FAMILIES:
            text = (DOCS / "api" / f"{family}.md").read_text(encoding="utf-8")
            assert f"::: custpolicy.rules.{family}\n" in text
            assert f"::: custpolicy.rules.{family}.scenario" in text

    def test_the_notebook_is_a_page_of_the_site(self) -> None:
        assert "notebooks/what-if.ipynb" in set(_nav_pages(_nav()))


_CLAUSE_ROW = re.compile(r"^\| (?P<id>[A-Z]-[A-Z0-9.]+) \| (?P<title>[^|]+) \|", re.MULTILINE)


class TestTheChineseSection:
    @pytest.mark.parametrize("script", ["zh-hant", "zh-hans"])
    def test_home_getting_started_and_the_catalogue_are_in_the_nav(self, script: str) -> None:
        pages = set(_nav_pages(_nav()))
        assert {
            f"{script}/{p}" for p in ("index.md", "getting-started.md", "catalogue.md")
        } <= pages

    @pytest.mark.parametrize("script", ["zh-hant", "zh-hans"])
    def test_each_catalogue_lists_every_clause_once_in_registry_order(self, script: str) -> None:
        from custpolicy.foundation.clauses import CLAUSES

        text = (DOCS / script / "catalogue.md").read_text(encoding="utf-8")
        assert [row["id"] for row in _CLAUSE_ROW.finditer(text)] == list(CLAUSES)

    def test_the_traditional_catalogue_gives_the_registry_titles(self) -> None:
        from custpolicy.foundation.clauses import CLAUSES

        text = (DOCS / "zh-hant" / "catalogue.md").read_text(encoding="utf-8")
        titles = {row["id"]: row["title"].strip() for row in _CLAUSE_ROW.finditer(text)}
        assert titles == {key: c.title("zh-Hant") for key, c in CLAUSES.items()}
