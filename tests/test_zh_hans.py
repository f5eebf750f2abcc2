"""Language tags (BCP 47) and the zh-Hans table: one source of truth, the zh-Hant texts.

The table (custpolicy.foundation._zh_hans) is written by tools/zh_hans.py from the package's
zh-Hant texts with OpenCC and the glossary of docs/glossary.md; the drift test runs the script's
conversion again and fails when the committed table differs from what it would write.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custpolicy import InvalidInputError, payment_deadline
from custpolicy.cli.main import main
from custpolicy.foundation._zh_hans import TABLE
from custpolicy.foundation.clauses import B_6, C_11, M_1_5
from custpolicy.foundation.explain import Phrase, Reason, render_fact
from custpolicy.foundation.lang import LANGS, ZhText, fact_in, hans, in_lang, normalize_lang
from custpolicy.foundation.validate import check_lang

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["pytester"]


def _script() -> ModuleType:
    """tools/zh_hans.py, the development script (not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("zh_hans", ROOT / "tools" / "zh_hans.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["zh_hans"] = module  # dataclasses and the like look a module up by name
    spec.loader.exec_module(module)
    return module


zh_hans = _script()


class TestNormalizeLang:
    @pytest.mark.parametrize(
        ("tag", "lang"),
        [
            ("en", "en"),
            ("en-GB", "en"),
            ("EN_us", "en"),
            ("zh", "zh-Hans"),
            ("zh-CN", "zh-Hans"),
            ("zh_cn", "zh-Hans"),
            ("zh-SG", "zh-Hans"),
            ("zh-Hans", "zh-Hans"),
            ("zh-hans-CN", "zh-Hans"),
            ("ZH_HANS_SG", "zh-Hans"),
            ("zh-TW", "zh-Hant"),
            ("zh-HK", "zh-Hant"),
            ("zh-MO", "zh-Hant"),
            ("zh_Hant", "zh-Hant"),
            ("zh-Hant-TW", "zh-Hant"),
            (" zh-tw ", "zh-Hant"),
        ],
    )
    def test_a_tag_maps_to_its_language(self, tag: str, lang: str) -> None:
        assert normalize_lang(tag) == lang
        assert check_lang(tag, "w") == lang

    @pytest.mark.parametrize(
        "tag", ["fr", "eng", "zh-JP", "zh-Latn", "", "zh--CN", "e", "zh-CN!", None, 1, ["en"]]
    )
    def test_anything_else_is_refused_listing_the_supported_tags(self, tag: object) -> None:
        with pytest.raises(
            InvalidInputError,
            match=r"^lang must be one of \('en', 'zh-Hans', 'zh-Hant'\) or a tag that names one "
            r"\(zh, zh-CN, zh-TW, zh-HK, en-GB \.\.\.\), got .* \[normalize_lang\]$",
        ):
            normalize_lang(tag)

    @given(st.sampled_from(LANGS), st.booleans(), st.booleans())
    def test_case_and_underscore_do_not_matter(self, lang: str, upper: bool, under: bool) -> None:
        tag = lang.upper() if upper else lang.lower()
        assert normalize_lang(tag.replace("-", "_") if under else tag) == lang

    def test_the_languages_are_three_canonical_tags(self) -> None:
        assert LANGS == ("en", "zh-Hans", "zh-Hant")
        assert all(normalize_lang(lang) == lang for lang in LANGS)


class TestEverywhereALangIsTaken:
    def test_explanations_labels_titles_records_and_rows(self) -> None:
        due = payment_deadline(date(2026, 3, 2))
        assert due.explain("zh-CN") == due.explain("zh-Hans") != due.explain("zh-Hant")  # type: ignore[arg-type]
        assert due.explain("zh-TW") == due.explain("zh-Hant")  # type: ignore[arg-type]
        assert due.to_record("zh")["explanation"] == due.explain("zh-Hans")  # type: ignore[arg-type]
        assert due.rows("zh_HK")[0]["explanation"] == due.explain("zh-Hant")  # type: ignore[arg-type]
        assert B_6.title("zh-SG") == "结算单送达一周内缴费"  # type: ignore[arg-type]
        assert Phrase("refused", "拒絕").label("zh-Hans-CN") == "拒绝"  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("command", "text"),
        [
            (["tour", "--lang", "zh-CN"], "=== 金额 ==="),
            (["tour", "--lang", "zh_TW"], "=== 金額 ==="),
            (["tour", "--lang", "en-GB"], "=== Money ==="),
        ],
    )
    def test_the_command_line_takes_any_tag(
        self, command: list[str], text: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(command) == 0
        assert text in capsys.readouterr().out

    def test_the_command_line_lists_the_supported_tags(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(SystemExit):
            main(["tour", "--lang", "zh-JP"])
        assert "lang must be one of ('en', 'zh-Hans', 'zh-Hant')" in capsys.readouterr().err

    def test_the_pytest_plugin_takes_any_tag(self, pytester: pytest.Pytester) -> None:
        case = ROOT / "tests" / "scenario_files" / "wrong-due-date.scenario.toml"
        (pytester.path / "wrong.scenario.toml").write_text(case.read_text("utf-8"), "utf-8")
        result = pytester.runpytest_inprocess(
            "-p", "no:cacheprovider", "--custpolicy-lang", "zh-CN", "wrong.scenario.toml"
        )
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["未通过 wrong.scenario.toml：*", "  expect.due：预期*"])

    def test_the_pytest_plugin_refuses_an_unknown_tag(self, pytester: pytest.Pytester) -> None:
        result = pytester.runpytest_inprocess("--custpolicy-lang", "zh-JP")
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*invalid choice: 'zh-JP' (lang must be one of *"])


class TestTheTable:
    def test_the_committed_table_is_what_the_script_writes(self) -> None:
        """Fails when a zh-Hant text changed, or was added, without running tools/zh_hans.py."""
        built = zh_hans.build_table()
        missing = sorted(set(built) - set(TABLE))
        assert not missing, f"zh-Hant texts without a zh-Hans entry: {missing[:10]}"
        assert built == TABLE, "run: uv run python tools/zh_hans.py"
        source = (ROOT / "src/custpolicy/foundation/_zh_hans.py").read_text("utf-8")
        assert source == zh_hans.module_text(built)

    def test_the_script_checks_and_writes(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert zh_hans.main(["--check"]) == 0
        target = tmp_path / "_zh_hans.py"
        monkeypatch.setattr(zh_hans, "TABLE", target)
        monkeypatch.setattr(zh_hans, "ROOT", tmp_path)
        assert zh_hans.main(["--check"]) == 1
        assert zh_hans.main([]) == 0
        assert zh_hans.main(["--check"]) == 0

    def test_the_scan_takes_fstring_parts_and_leaves_docstrings(self) -> None:
        source = (
            'def f(x):\n    """說明。"""\n    return f"{x}個" + "客戶" + "plain" + \'g("稅號")\'\n'
        )
        assert sorted(zh_hans.texts_of(source)) == ["個", "客戶"]

    def test_the_glossary_wins_over_opencc(self) -> None:
        convert = zh_hans.Converter({"檔案": "档案", "客戶檔案": "客户档案"})
        assert convert.text("客戶檔案與檔案") == "客户档案与档案"
        assert zh_hans.Converter({}).text("客戶檔案") == "客户文件"  # what OpenCC alone gives

    def test_the_glossary_is_read_from_its_section(self, tmp_path: Path) -> None:
        page = tmp_path / "glossary.md"
        page.write_text(
            "# G\n\n## Simplified Chinese (zh-Hans)\n\n| zh-Hant | zh-Hans | x | y |\n"
            "|---|---|---|---|\n| 帳 | 账 | 帐 | why |\n\n## Next\n\n| 檔案 | 文件 | | |\n",
            "utf-8",
        )
        assert zh_hans.glossary(page) == {"帳": "账"}
        page.write_text(
            "# G\n\n## Simplified Chinese (zh-Hans)\n| 帳 | 账 | 帐 |\n| 帳 | 帐 | 帐 |\n"
        )
        with pytest.raises(SystemExit, match="twice"):
            zh_hans.glossary(page)
        page.write_text("# G\n")
        with pytest.raises(SystemExit, match="no section"):
            zh_hans.glossary(page)

    @pytest.mark.parametrize(
        ("hant", "simplified"),
        [
            ("結算單送達一週內繳費", "结算单送达一周内缴费"),
            ("投訴金額核決權限", "投诉金额审批权限"),
            ("查閱客戶檔案須經核准", "查阅客户档案须经批准"),
            ("以各帳單繳費期限為準", "以各账单缴费期限为准"),
        ],
    )
    def test_the_glossarys_choices_are_in_the_table(self, hant: str, simplified: str) -> None:
        assert in_lang("zh-Hans", "", hant) == simplified

    def test_the_clause_titles_read_as_the_glossary_says(self) -> None:
        assert C_11.title("zh-Hans") == "投诉金额审批权限"
        assert M_1_5.title("zh-Hans") == "查阅客户档案须经批准"


class TestConversion:
    def test_a_joined_text_converts_piece_by_piece_leaving_the_rest(self) -> None:
        assert (
            hans("陳國華拒絕：國內") == "陳國華拒绝：国内"
        )  # 拒絕 and 國內 are texts of the table

    def test_a_callers_text_given_as_a_fact_is_never_converted(self) -> None:
        reason = Reason.of("t.who", B_6, en="{who} refused", zh="{who}拒絕", who="陳國華")
        assert reason.render("zh-Hans") == "B-6 陳國華拒绝"
        assert render_fact("陳國華", "zh-Hans") == "陳國華"

    def test_the_librarys_own_text_as_a_fact_is_converted(self) -> None:
        assert render_fact("折讓", "zh-Hans") == "折让"  # a word of the library, as a fact
        assert render_fact(ZhText("2026-03結案案件匯總"), "zh-Hans") == "2026-03结案案件汇总"
        assert render_fact(ZhText("2026-03結案案件匯總"), "zh-Hant") == "2026-03結案案件匯總"
        assert fact_in("en", ZhText("結案")) == "結案"
        assert type(fact_in("zh-Hant", ZhText("結案"))) is str

    def test_the_table_is_loaded_only_for_zh_hans(self) -> None:
        code = (
            "import sys, datetime, custpolicy\n"
            "d = custpolicy.payment_deadline(datetime.date(2026, 3, 2))\n"
            "d.explain('zh-Hant'); d.explain('en')\n"
            "print('custpolicy.foundation._zh_hans' in sys.modules)\n"
            "d.explain('zh-Hans')\n"
            "print('custpolicy.foundation._zh_hans' in sys.modules)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.split() == ["False", "True"]
