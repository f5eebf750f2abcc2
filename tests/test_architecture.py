"""The architecture (docs/architecture.md): each module's ``_private`` names are its own.

The layers, the independence of the rule families and the absence of import cycles are checked
by import-linter (``lint-imports`` in CI, contracts in pyproject.toml). What import-linter
cannot see is a name: ``from custpolicy.foundation.money import _make`` imports a module that
may be imported, but a name that is private to it. These tests read every module of the
package and refuse such an import, and ``module._name`` through an imported module.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import custpolicy

PACKAGE = Path(custpolicy.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def own_names(tree: ast.Module) -> set[str]:
    """The names a module defines: functions, classes, attributes, assignments, arguments."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias) and node.asname is None:
            names.add(node.name.split(".")[0])
    return names


def private_imports(source: str, importer: str) -> list[str]:
    """Every private name of another custpolicy module that ``importer`` uses.

    ``from X import _y`` where X is another module of the package, and ``thing._y`` where the
    module does not define ``_y`` itself (another module's function, or another class's method
    reached through an object, such as ``calendar._covered``).
    """
    tree = ast.parse(source)
    found = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("custpolicy")
        and node.module != importer
        for alias in node.names
        if is_private(alias.name)
    ]  # fmt: skip
    own = own_names(tree)
    found += [
        f"{ast.unparse(node.value)}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Load)
        and is_private(node.attr)
        and node.attr not in own
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
    ]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))

# Private names of the standard library that the package uses on purpose.
OUTSIDE = {"custpolicy.foundation.explain": ["sys._getframe"]}  # Choice: the caller's module


class TestPrivateNamesStayInTheirModule:
    @pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
    def test_no_module_imports_another_modules_private_name(self, path: Path) -> None:
        name = module_name(path)
        found = private_imports(path.read_text(encoding="utf-8"), name)
        assert sorted(found) == sorted(OUTSIDE.get(name, []))

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            (
                "from custpolicy.foundation.money import _make",
                ["custpolicy.foundation.money._make"],
            ),
            ("from custpolicy.foundation import money\nmoney._make(1)", ["money._make"]),
            ("import custpolicy.foundation.money as m\nm._make(1)", ["m._make"]),
            ("from custpolicy.foundation.money import Money, __all__", []),
            ("from custpolicy.foundation import workdays\nday._covered(1)", ["day._covered"]),
            ("class A:\n    def _f(self): ...\n\nA()._f()", []),
            ("def _f(): ...\nx = self._f() + cls._g", []),
            ("from decimal import _private", []),
        ],
    )
    def test_the_scan_finds_a_private_import(self, source: str, expected: list[str]) -> None:
        assert private_imports(source, "custpolicy.rules.billing") == expected

    def test_a_module_may_use_its_own_private_names(self) -> None:
        source = "from custpolicy.rules.billing import _helper"
        assert private_imports(source, "custpolicy.rules.billing") == []

    def test_every_module_of_the_package_is_scanned(self) -> None:
        walked = {m.name for m in pkgutil.walk_packages(custpolicy.__path__, "custpolicy.")}
        assert walked | {"custpolicy"} == {module_name(path) for path in SOURCES}
