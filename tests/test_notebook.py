"""The what-if notebook is committed clean; nbmake executes it as part of the suite."""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOK = Path(__file__).parent.parent / "docs" / "notebooks" / "what-if.ipynb"


def _cells() -> list[dict[str, object]]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert isinstance(cells, list)
    return cells


def test_the_notebook_is_committed_without_outputs() -> None:
    code = [cell for cell in _cells() if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_the_notebook_compares_two_versions_of_the_cap_and_of_the_payment_term() -> None:
    source = "".join("".join(cell["source"]) for cell in _cells())  # type: ignore[arg-type]
    assert '"penalties.monthly_cap_ratio": Decimal("0.3")' in source
    assert '"billing.payment_days": 10' in source
    assert "to_record(" in source


def test_the_notebook_builds_its_tables_with_to_frame() -> None:
    code = "".join(
        "".join(cell["source"])  # type: ignore[arg-type]
        for cell in _cells()
        if cell["cell_type"] == "code"
    )
    assert "to_frame(" in code
    assert "to_record(" not in code  # the records are in the notebook's text, not its tables
