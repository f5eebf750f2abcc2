"""The package root: every public name resolves, lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import custpolicy


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
