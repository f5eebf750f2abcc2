"""The what-if notebook: committed with its outputs (tables and charts), and fresh.

nbmake executes the notebook as part of the suite (``--nbmake`` in the pytest options). The tests
here execute it once more, with a probe cell appended that reports what the charts plot and
what the library computes for the same cases, and check that the committed outputs are those of
a fresh run. After changing the notebook or a result it shows, refresh its outputs with
``uv run python tests/test_notebook.py``.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "docs" / "notebooks" / "what-if.ipynb"

# Runs in the notebook's kernel after its last cell: what each chart shows (titles, labels,
# legends, the plotted values) and the same quantities computed afresh from the library's results.
PROBE = """
import json as _json

from custpolicy import Policy as _Policy, collection_rate as _rate


def _axes(figure):
    return [
        {
            "title": ax.get_title(),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()],
            "legend": [t.get_text() for t in ax.get_legend().get_texts()]
            if ax.get_legend()
            else [],
            "lines": {l.get_label(): [float(y) for y in l.get_ydata()] for l in ax.get_lines()},
            "bars": {
                c.get_label(): [[float(p.get_x() + p.get_width() / 2), float(p.get_height())]
                                for p in c.patches]
                for c in ax.containers
            },
        }
        for ax in figure.axes
    ]


_months = sorted({a.delivered.month for a in accounts})
print(_json.dumps({
    "charts": {
        name: {"suptitle": figure.get_suptitle(), "axes": _axes(figure)}
        for name, figure in (
            ("carried", carried_chart), ("rate", rate_chart), ("workload", workload_chart)
        )
    },
    "library": {
        "carried": {
            label: {p: [float(m.carried.amount) for m in s.months] for p, s in schedules.items()}
            for label, schedules in (("cap 50 %", at_50), ("cap 30 %", at_30))
        },
        "people": sorted(at_50),
        "target": float(_Policy().billing.collection_target),
        "rate": {
            label: [
                float(_rate([a for a in accounts if a.delivered.month == m], policy=p).rate)
                for m in _months
            ]
            for label, p in (("7 days", _Policy()), ("10 days", _Policy().updated(
                {"billing.payment_days": 10})))
        },
        "months": _months,
        "workload": {
            label: {
                column: sorted(d.day for d in frame[column].dropna())
                for column in ("account.notified", "account.arrears_notice")
            }
            for label, frame in (("7 days", seven), ("10 days", ten))
        },
    },
}))
"""


def _execute(notebook: nbformat.NotebookNode) -> None:
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()


def _code(notebook: nbformat.NotebookNode) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _text(cell: Any) -> list[str]:
    """A cell's outputs as text: its printed lines and the tables (or plain text) it shows."""
    seen = []
    for output in cell.outputs:
        if output.output_type == "stream":
            seen.append(output.text)
        elif "image/png" not in output.get("data", {}):
            # a result's table, not its repr: a repr shows sets in the order of the hash seed
            data = output.data
            seen.append(data["text/html"] if "text/html" in data else data["text/plain"])
    return seen


def _images(cell: Any) -> list[bytes]:
    return [
        base64.b64decode(output.data["image/png"])
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]


@pytest.fixture(scope="module")
def committed() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def executed(committed: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
    """The notebook run afresh, with the probe's report."""
    notebook = nbformat.from_dict(json.loads(json.dumps(committed)))
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    _execute(notebook)
    probe = notebook.cells.pop()
    (report,) = _text(probe)
    return notebook, json.loads(report)


def _charts(executed: tuple[nbformat.NotebookNode, dict[str, Any]]) -> dict[str, Any]:
    return executed[1]["charts"]  # type: ignore[no-any-return]


def _library(executed: tuple[nbformat.NotebookNode, dict[str, Any]]) -> dict[str, Any]:
    return executed[1]["library"]  # type: ignore[no-any-return]


class TestCommittedOutputs:
    def test_every_code_cell_was_run_in_order_without_an_error(
        self, committed: nbformat.NotebookNode
    ) -> None:
        code = _code(committed)
        assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
        assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]

    def test_the_three_charts_are_stored_as_images(self, committed: nbformat.NotebookNode) -> None:
        charts = [cell for cell in _code(committed) if _images(cell)]
        names = ("carried_chart", "rate_chart", "workload_chart")
        assert [name for name in names for cell in charts if name in cell.source] == list(names)
        for cell in charts:
            (png,) = _images(cell)
            assert png.startswith(b"\x89PNG\r\n\x1a\n")
            assert len(png) < 200_000  # the notebook stays light in the repository and the site

    def test_the_committed_outputs_are_those_of_a_fresh_run(
        self,
        committed: nbformat.NotebookNode,
        executed: tuple[nbformat.NotebookNode, dict[str, Any]],
    ) -> None:
        fresh = _code(executed[0])
        stored = _code(committed)
        assert [cell.source for cell in fresh] == [cell.source for cell in stored]
        for old, new in zip(stored, fresh, strict=True):
            assert _text(old) == _text(new), (
                f"stale outputs in the cell {old.source[:60]!r}: "
                "run `uv run python tests/test_notebook.py`"
            )
            assert len(_images(old)) == len(_images(new))


class TestTheCarriedBalanceChart:
    def test_it_has_one_panel_per_person_with_a_line_per_cap(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        chart = _charts(executed)["carried"]
        assert "P-E3.4" in chart["suptitle"]
        assert [ax["title"] for ax in chart["axes"]] == _library(executed)["people"]
        assert all(set(ax["lines"]) == {"cap 50 %", "cap 30 %"} for ax in chart["axes"])
        assert chart["axes"][0]["legend"] == ["cap 50 %", "cap 30 %"]
        corner = chart["axes"][15]  # bottom left: the panel that keeps both labels
        assert (corner["xlabel"], corner["ylabel"]) == ("month of 2026", "carried (CNY)")

    def test_its_lines_are_the_balances_that_close_months_carried(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        chart, library = _charts(executed)["carried"], _library(executed)
        plotted = {
            cap: {ax["title"]: ax["lines"][cap] for ax in chart["axes"]}
            for cap in ("cap 50 %", "cap 30 %")
        }
        assert plotted == library["carried"]
        # the two caps differ somewhere, or the chart would compare nothing
        assert plotted["cap 50 %"] != plotted["cap 30 %"]


class TestTheCollectionRateChart:
    def test_it_shows_each_term_against_the_target_of_b_2_2(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        (ax,) = _charts(executed)["rate"]["axes"]
        assert "B-2.2" in ax["title"]
        assert (ax["xlabel"], ax["ylabel"]) == (
            "month of delivery (2026)",
            "collected by the deadline (%)",
        )
        assert ax["legend"] == ["payment term 7 days", "payment term 10 days", "target 95%"]

    def test_its_values_are_the_rates_collection_rate_measured(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        (ax,) = _charts(executed)["rate"]["axes"]
        library = _library(executed)
        for term, rates in library["rate"].items():
            assert ax["lines"][f"payment term {term}"] == pytest.approx(
                [rate * 100 for rate in rates]
            )
        assert ax["lines"]["target 95%"] == pytest.approx([library["target"] * 100] * 2)
        # the prose under the chart says that neither term reaches the target with these users
        below = [rate < library["target"] for rates in library["rate"].values() for rate in rates]
        assert below == [True] * len(below)


class TestTheWorkloadChart:
    def test_it_counts_calls_and_notices_by_day_of_the_month(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        chart = _charts(executed)["workload"]
        assert chart["suptitle"] == "Dunning work by day of the month"
        calls, notices = chart["axes"]
        assert (calls["title"], notices["title"]) == ("phone calls (B-7)", "arrears notices (B-8)")
        assert (calls["ylabel"], notices["xlabel"]) == ("accounts in 2026", "day of the month")
        assert calls["legend"] == ["payment term 7 days", "payment term 10 days"]

    def test_its_bars_are_the_days_the_replayed_runs_acted_on(
        self, executed: tuple[nbformat.NotebookNode, dict[str, Any]]
    ) -> None:
        calls, notices = _charts(executed)["workload"]["axes"]
        days = [int(label) for label in notices["xticklabels"]]
        assert sorted(days) == list(range(1, 32))
        library = _library(executed)["workload"]
        for ax, column in ((calls, "account.notified"), (notices, "account.arrears_notice")):
            for term, acted in library.items():
                bars = ax["bars"][f"payment term {term}"]
                assert [round(x) for x, _ in bars] == list(range(31))
                assert [height for _, height in bars] == [acted[column].count(d) for d in days]
                assert sum(height for _, height in bars) > 0


class TestTheSource:
    def test_the_notebook_compares_two_versions_of_the_cap_and_of_the_payment_term(
        self, committed: nbformat.NotebookNode
    ) -> None:
        source = "".join(cell.source for cell in committed.cells)
        assert '"penalties.monthly_cap_ratio": Decimal("0.3")' in source
        assert '"billing.payment_days": 10' in source
        assert "to_record(" in source

    def test_the_notebook_builds_its_tables_with_to_frame(
        self, committed: nbformat.NotebookNode
    ) -> None:
        code = "".join(cell.source for cell in _code(committed))
        assert "to_frame(" in code
        assert "to_record(" not in code  # the records are in the notebook's text, not its tables

    def test_the_notebook_draws_inline_so_it_runs_headless(
        self, committed: nbformat.NotebookNode
    ) -> None:
        # the inline backend renders with Agg and needs no display; the magic keeps it the
        # backend even where MPLBACKEND names another
        assert _code(committed)[0].source.startswith("%matplotlib inline\n")


def refresh() -> None:
    """Run the notebook and store its outputs in it (the kernel's metadata left as it was)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    metadata = copy.deepcopy(notebook.metadata)
    _execute(notebook)
    notebook.metadata = metadata
    nbformat.write(notebook, NOTEBOOK)


if __name__ == "__main__":
    refresh()
