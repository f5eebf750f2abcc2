"""The package root: every public name resolves, lazily."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from collections import Counter
from typing import assert_type

import pytest

import custpolicy
from custpolicy import errors, money, policy

SOURCE = inspect.getsource(custpolicy)


def exported(source: str) -> list[tuple[str, str, bool]]:
    """(module, name, lazy) of every import from the package anywhere in the source."""
    tree = ast.parse(source)
    lazy = {
        id(statement)
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for statement in node.body
    }
    return [
        (node.module or "", alias.asname or alias.name, id(node) in lazy)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("custpolicy")
        for alias in node.names
    ]


def twice(source: str) -> list[str]:
    counts = Counter(name for _, name, _ in exported(source))
    return sorted(name for name, count in counts.items() if count > 1)


def not_reexported(source: str) -> list[str]:
    """Imports a type checker would not see as exported (PEP 484 wants ``X as X``)."""
    tree = ast.parse(source)
    return [
        f"{alias.name} as {alias.asname}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("custpolicy")
        for alias in node.names
        if alias.asname != alias.name
    ]


class TestPublicNames:
    @pytest.mark.parametrize("name", custpolicy.__all__)
    def test_every_exported_name_resolves(self, name: str) -> None:
        assert getattr(custpolicy, name) is not None

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
            _ = custpolicy.Nope

    def test_dir_lists_the_public_names(self) -> None:
        assert set(custpolicy.__all__) <= set(dir(custpolicy))

    def test_star_import_gives_every_public_name(self) -> None:
        namespace: dict[str, object] = {}
        exec("from custpolicy import *", namespace)
        assert set(custpolicy.__all__) - {"__version__"} <= set(namespace)


class TestOneListOfNames:
    """The import statements of ``__init__``, its lazy table and ``__all__`` agree."""

    def test_no_name_is_exported_twice(self) -> None:
        assert twice(SOURCE) == []
        assert len(set(custpolicy.__all__)) == len(custpolicy.__all__)

    def test_a_name_exported_twice_is_found(self) -> None:
        doubled = SOURCE + "\nfrom custpolicy.money import Money as Money\n"
        assert twice(doubled) == ["Money"]

    def test_every_import_is_an_explicit_reexport_for_type_checkers(self) -> None:
        assert not_reexported(SOURCE) == []
        assert not_reexported("from custpolicy.money import Money") == ["Money as None"]
        assert not_reexported("from custpolicy.money import Money as M") == ["Money as M"]

    def test_the_lazy_table_is_what_type_checkers_see(self) -> None:
        seen = exported(SOURCE)
        assert {name: module for module, name, lazy in seen if lazy} == custpolicy._LAZY
        assert set(custpolicy.__all__) == {name for _, name, _ in seen} | {"__version__"}

    def test_the_eager_names_are_the_errors_and_loaded_with_the_package(self) -> None:
        eager = [(module, name) for module, name, lazy in exported(SOURCE) if not lazy]
        assert {module for module, _ in eager} == {"custpolicy.errors"}
        assert {name for _, name in eager} == set(errors.__all__)
        assert all(vars(custpolicy)[name] is getattr(errors, name) for _, name in eager)

    @pytest.mark.parametrize("name", sorted(custpolicy._LAZY))
    def test_each_lazy_name_is_the_object_of_its_module(self, name: str) -> None:
        module = importlib.import_module(custpolicy._LAZY[name])
        assert getattr(custpolicy, name) is getattr(module, name)

    def test_all_is_in_ruff_order(self) -> None:
        # RUF022: CONSTANTS, then Classes, then the rest (functions, __version__), each sorted
        names = custpolicy.__all__
        constants = [name for name in names if name.isupper()]
        classes = [name for name in names if name[0].isupper() and not name.isupper()]
        rest = [name for name in names if not name[0].isupper()]
        assert names == sorted(constants) + sorted(classes) + sorted(rest)
        assert names[:6] == ["CLAUSES", "CNY", "JPY", "PRC_WAGE_RULES", "STILL_PROCESSING", "TWD"]
        assert "__version__" in rest
        assert "visits_due" in rest

    def test_type_checkers_see_the_real_types(self) -> None:
        # mypy --strict fails here if a name of the package root were typed Any
        assert_type(custpolicy.Money, type[money.Money])
        assert_type(custpolicy.Policy, type[policy.Policy])
        assert_type(custpolicy.CustPolicyError, type[errors.CustPolicyError])
        assert_type(custpolicy.CNY, money.Currency)
        assert custpolicy.Money is money.Money


class TestImportCost:
    def test_importing_the_package_loads_no_rule_module_until_used(self) -> None:
        code = (
            "import sys, custpolicy\n"
            "print(sorted(m for m in sys.modules if m.startswith('custpolicy.')))\n"
            "custpolicy.Money\n"
            "print('custpolicy.money' in sys.modules)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert out == ["['custpolicy.errors']", "True"]
