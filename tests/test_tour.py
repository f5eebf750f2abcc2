"""The tour (python -m custpolicy tour): every step runs and explains itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from custpolicy.cli.main import main
from custpolicy.cli.tour import STEPS, Step, run_step
from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.explain import Explained


class TestSteps:
    @pytest.mark.parametrize("step", STEPS, ids=lambda s: s.title_en)
    def test_every_step_runs_to_a_value_or_a_library_error(self, step: Step) -> None:
        outcome = run_step(step)
        assert (outcome.value is None) != (outcome.error is None)

    def test_the_tour_shows_refusals_as_well_as_results(self) -> None:
        outcomes = [run_step(step) for step in STEPS]
        assert any(o.error is not None for o in outcomes)
        assert any(isinstance(o.value, Explained) for o in outcomes)

    def test_an_unexpected_error_is_not_hidden(self) -> None:
        with pytest.raises(ZeroDivisionError):
            run_step(Step("x", "x", "x", "1 / 0"))

    def test_every_step_has_both_titles(self) -> None:
        for step in STEPS:
            assert step.title("en") == step.title_en
            assert step.title("zh-Hant") == step.title_zh != step.title_en


class TestCommandLine:
    def test_the_tour_prints_every_step_with_explanations(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["tour"]) == 0
        out = capsys.readouterr().out
        assert f"[{len(STEPS)}] " in out
        assert "| P-E3.3 Chen: weight 1 of 3 gets CNY 33.34" in out
        assert "refused: InvalidInputError: amount must be a Decimal" in out
        assert "datetime.date(2026, 10, 10)" in out

    def test_the_tour_speaks_traditional_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["tour", "--lang", "zh-Hant"]) == 0
        out = capsys.readouterr().out
        assert "金額精確" in out
        assert "拒絕：InvalidInputError: amount must be a Decimal" in out
        assert "=== 工作日 ===" in out
        assert "| B-6 繳費期限天數由7改為10" in out

    def test_an_unknown_language_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exit_info:
            main(["tour", "--lang", "fr"])
        assert exit_info.value.code == 2
        assert "invalid choice: 'fr'" in capsys.readouterr().err

    def test_python_dash_m_runs_the_tour(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "custpolicy", "tour"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "=== Working days ===" in done.stdout

    def test_a_reader_that_stops_early_ends_the_tour_quietly(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone, as after `| head`
        with os.fdopen(write_end, "w") as broken:
            monkeypatch.setattr(sys, "stdout", broken)
            assert main(["tour"]) == 141
            # the pipe now leads nowhere: what is still buffered flushes without an error
            print("more", file=broken)
            broken.flush()


class TestRunStepRefusesWhatIsNotAStep:
    @pytest.mark.parametrize("step", [[None], None, "1 + 1", ("x", "x", "x", "1")])
    def test_a_non_step_is_refused_naming_the_argument(self, step: object) -> None:
        with pytest.raises(InvalidInputError) as caught:
            run_step(step)  # type: ignore[arg-type]
        assert str(caught.value) == f"step must be a tour Step, got {step!r} [tour.run_step]"

    @pytest.mark.parametrize("code", ["", "   \n", None, 42])
    def test_a_step_without_code_is_refused_naming_the_argument(self, code: object) -> None:
        with pytest.raises(InvalidInputError, match=r"^step.code must be a non-empty str .*"):
            run_step(Step("x", "x", "x", code))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match=r"\[tour.run_step\]$"):
            run_step(Step("x", "x", "x", code))  # type: ignore[arg-type]
