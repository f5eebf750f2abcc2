"""custpolicy.testing is split as the library is: one strategy module per layer and family.

The package exports every strategy of its modules and nothing else; each strategy is defined
in the module of the values it draws, and only custpolicy.testing imports hypothesis.
"""

from __future__ import annotations

import ast
import inspect
from collections import Counter
from pathlib import Path
from types import ModuleType

import custpolicy
from custpolicy import testing
from custpolicy.testing import foundation
from custpolicy.testing.rules import billing, complaints, customers, leads, penalties

MODULES: dict[ModuleType, str] = {
    foundation: "custpolicy.foundation",
    leads: "custpolicy.rules.leads",
    billing: "custpolicy.rules.billing",
    penalties: "custpolicy.rules.penalties",  # and custpolicy.rules.losses
    complaints: "custpolicy.rules.complaints",  # and custpolicy.rules.complaints.returns
    customers: "custpolicy.rules.customers",
}
PACKAGE = Path(custpolicy.__file__).parent


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


class TestEveryStrategyHasOneHome:
    def test_the_package_exports_exactly_the_strategies_of_its_modules(self) -> None:
        names = [name for module in MODULES for name in module.__all__]
        assert sorted(testing.__all__) == testing.__all__
        assert testing.__all__ == sorted(names)
        assert [name for name, count in Counter(names).items() if count > 1] == []

    def test_each_name_is_the_function_its_module_defines(self) -> None:
        for module in MODULES:
            assert sorted(module.__all__) == module.__all__, module.__name__
            for name in module.__all__:
                function = getattr(module, name)
                assert inspect.isfunction(function), name
                assert function.__module__ == module.__name__, name
                assert getattr(testing, name) is function, name

    def test_each_module_lists_every_public_function_it_defines(self) -> None:
        for module in MODULES:
            defined = [
                name
                for name, value in vars(module).items()
                if inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ]
            assert sorted(defined) == module.__all__, module.__name__

    def test_a_family_module_draws_only_its_own_familys_values(self) -> None:
        for module, home in MODULES.items():
            if module is foundation:
                continue
            path = Path(inspect.getfile(module))
            rules = {name for name in imports_of(path) if name.startswith("custpolicy.rules")}
            assert all(name.startswith(home) or "losses" in name for name in rules), rules
            if module is not penalties:
                assert not any("losses" in name for name in rules), rules


class TestOnlyTheTestingPackageImportsHypothesis:
    def test_no_module_outside_custpolicy_testing_imports_hypothesis(self) -> None:
        outside = [
            str(path.relative_to(PACKAGE))
            for path in sorted(PACKAGE.rglob("*.py"))
            if "testing" not in path.relative_to(PACKAGE).parts
            and any(name.split(".")[0] == "hypothesis" for name in imports_of(path))
        ]
        assert outside == []

    def test_the_scan_sees_a_hypothesis_import(self, tmp_path: Path) -> None:
        source = tmp_path / "module.py"
        source.write_text("import hypothesis.strategies\nfrom hypothesis import given\n")
        assert imports_of(source) == {"hypothesis.strategies", "hypothesis"}
