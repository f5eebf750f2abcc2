"""The Traditional Chinese the library produces: standard characters, full-width punctuation,
no English words or code names inside Chinese text (docs/glossary.md gives the terms).

First the checker's own tests (tests/chinese.py), so each check is seen to fail; then a scan of
every zh-Hant text the library can be asked for generically: every clause title and family
name, every label of every enumeration, every explanation of a sample of every result type
(tests/samples.py), every parameter name of a policy diff, and the tour. The scans are
parametrized per module and result type, so a failure names the text's owner.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator, Mapping

import attrs
import pytest

import tests.samples
from custpolicy import Policy
from custpolicy.cli.main import main
from custpolicy.cli.tour import REFUSED, SECTIONS, STEPS, section_title
from custpolicy.foundation.clauses import CLAUSES, FAMILY_NAMES, Clause
from custpolicy.foundation.explain import Choice, Explained
from custpolicy.foundation.policy import _PARAMETER_NAMES_ZH
from custpolicy.rules.customers import _BASES as _REGISTRATION_BASES
from custpolicy.rules.customers import _EXPENSE_KINDS
from custpolicy.scenarios import parse_scenario
from tests.chinese import (
    ascii_punctuation,
    has_han,
    latin_words,
    nonstandard_characters,
    problems,
    words_of,
)
from tests.samples import all_choices, sample_results

# -- the checker ----------------------------------------------------------------------------------


class TestLatinWords:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("依china行事曆", ["china"]),
            ("travel費用不予報銷", ["travel"]),
            ("key級：2項", ["key"]),
            ("B-6 billing.payment_days由7改為10", ["billing.payment_days"]),
            ("核定量x(1+比率)", ["x"]),
            ("拒絕：InvalidInputError", ["InvalidInputError"]),
        ],
    )
    def test_an_english_word_or_code_name_is_found(self, text: str, found: list[str]) -> None:
        assert latin_words(text) == found

    @pytest.mark.parametrize(
        "text",
        [
            "P-E3.4 每月罰扣以效益獎金50%為上限",
            "M-1.6.3與C-9.10",
            "應繳CNY 300.00，已繳USD 1.00",
            "用氣量120.5 m³",
            "納入月底KPI考核",
            "以A級售價計算",
            "2026-03-02後7個日曆日",
        ],
    )
    def test_clause_ids_codes_units_and_the_glossarys_proper_nouns_pass(self, text: str) -> None:
        assert latin_words(text) == []

    def test_a_grade_letter_passes_only_before_its_grade(self) -> None:
        assert latin_words("A級與B組") == ["B"]

    def test_the_callers_own_identifiers_pass_when_allowed(self) -> None:
        text = "Chen：權重1/3，案件GAS-0042"
        assert latin_words(text) == ["Chen", "GAS-0042"]
        assert latin_words(text, allowed={"Chen", "GAS-0042"}) == []

    def test_the_words_of_a_text_are_its_latin_words(self) -> None:
        assert words_of(['Unit("Team A", {"Chen": 3})', "PCB-200 x.y"]) == {
            "Unit",
            "Team",
            "A",
            "Chen",
            "PCB-200",
            "x.y",
        }


class TestAsciiPunctuation:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("逾期未繳:電話通知", ["繳:電"]),
            ("期限為7日,即3月9日", ["日,即"]),
            ("即2026-03-09(當日仍屬準時)", ["9(當", "時)"]),
            ("扣除CNY 500.00;公司收取", ["0;公"]),
            ("檔案: a.toml", ["案: "]),
            ("Chen:權重", ["n:權"]),
        ],
    )
    def test_a_half_width_mark_next_to_chinese_is_found(self, text: str, found: list[str]) -> None:
        assert ascii_punctuation(text) == found

    @pytest.mark.parametrize(
        "text",
        [
            "逾期未繳：電話通知，即2026-03-09（當日仍屬準時）；公司收取",
            "CNY 1,234.57",
            "職責比例7:3",
            "policy.updated({'a': 1})",
        ],
    )
    def test_full_width_marks_and_marks_between_latin_characters_pass(self, text: str) -> None:
        assert ascii_punctuation(text) == []


class TestNonstandardCharacters:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("處理后檔案返還", "后 -> 後"),
            ("三日后下達", "后 -> 後"),
            ("抄收率不低于標準", "于 -> 於"),
            ("并完成分配", "并 -> 並"),
            ("聯系人", "聯系 -> 聯繫 or 聯絡"),
            ("經總經理批準", "批準 -> 批准"),
            ("呈總經理核準", "核準 -> 核准"),
            ("答復客戶", "答復 -> 答覆"),
            ("應注明退貨原因", "注明 -> 註明"),
            ("送達一周內", "一周 -> 週"),
            ("每周回訪", "每周 -> 週"),
            ("回訪周期", "周期 -> 週"),
            ("制造部門", "制造 -> 製造, 製作, 訂製"),
            ("復印三份", "復印 -> 影印 or 複印"),
            ("用語規范", "規范 -> 規範, 範圍"),
            ("其余三聯", "其余 -> 其餘"),
            ("一經查覺", "查覺 -> 察覺"),
        ],
    )
    def test_a_conversion_error_of_the_source_is_found(self, text: str, found: str) -> None:
        assert nonstandard_characters(text) == [found]

    @pytest.mark.parametrize(
        "text",
        [
            "處理後三日後",
            "皇后",
            "於一週內",
            "聯繫人與聯絡電話",
            "核准與批准",
            "答覆",
            "註明",
            "週期",
            "周全",
            "製造部門",
            "影印",
            "規範",
            "其餘",
            "察覺",
            "制度",
        ],
    )
    def test_the_standard_forms_pass(self, text: str) -> None:
        assert nonstandard_characters(text) == []


def test_problems_lists_every_finding_of_every_check() -> None:
    assert problems("依china行事曆,處理后") == [
        "Latin word 'china'",
        "half-width punctuation '曆,處'",
        "non-standard 后 -> 後",
    ]
    assert problems("依中國行事曆，處理後") == []


def test_has_han() -> None:
    assert has_han("B-6 繳費")
    assert not has_han("B-6 pay")


# -- the library's texts ---------------------------------------------------------------------------


def _params(items: Mapping[str, object]) -> list[object]:
    """One pytest parameter per item, named by it."""
    return [pytest.param(value, id=name) for name, value in items.items()]


def _owner(cls: type) -> str:
    return f"{cls.__module__.removeprefix('custpolicy.')}.{cls.__name__}"


def _literals(source: str) -> Iterator[str]:
    """The one-line str constants of Python ``source``, but its docstrings: the names and codes
    a caller gave."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "\n" not in node.value
            and id(node) not in docstrings
        ):
            yield node.value


def _library_words() -> frozenset[str]:
    """Words the library must translate even where a caller typed them: the values of its
    enumerations, the text values of the default policy, the built-in calendar's name, and the
    words some rules take as plain text (a complaint's origin, an expense kind, the day a claim's
    registration is judged on)."""
    words: set[str] = {"china", "domestic", "foreign"}
    words.update(_EXPENSE_KINDS)
    words.update(_REGISTRATION_BASES)
    for cls in all_choices():
        words.update(str(member.value) for member in cls)

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(words_of([value]))
        elif isinstance(value, (tuple, list, set, frozenset)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):  # type: ignore[arg-type]
                walk(getattr(value, field.name))

    walk(Policy())
    return frozenset(words)


def _callers_words() -> frozenset[str]:
    """The names and identifiers the tour and the samples give as input (Chen, GAS-0042, ...),
    without code names (a dotted or underscored word) and without the library's own words."""
    sources = [step.code for step in STEPS] + [inspect.getsource(tests.samples)]
    given = words_of(text for source in sources for text in _literals(source))
    return (
        frozenset(word for word in given if "." not in word and "_" not in word) - _library_words()
    )


CALLERS_WORDS = _callers_words()


def _assert_clean(texts: list[str], allowed: frozenset[str] = frozenset()) -> None:
    found = [f"{text!r}: {problem}" for text in texts for problem in problems(text, allowed)]
    assert not found, "\n".join(found)


def test_the_callers_words_hold_names_but_not_the_librarys_words() -> None:
    assert {"Chen", "GAS-0042", "Sales"} <= CALLERS_WORDS
    assert not {"key", "gift", "travel", "china", "domestic"} & CALLERS_WORDS


class TestClauses:
    @pytest.mark.parametrize("item", CLAUSES.values(), ids=str)
    def test_every_clause_title(self, item: Clause) -> None:
        title = item.title("zh-Hant")
        assert has_han(title)
        _assert_clean([title])

    def test_every_family_name(self) -> None:
        _assert_clean([zh for _, zh in FAMILY_NAMES.values()])

    def test_the_six_clauses_of_revision_2_have_their_titles(self) -> None:
        new = ("P-3", "C-9.1", "C-9.14", "C-10.2", "C-12.1", "C-12.2")
        assert {i: CLAUSES[i].title("zh-Hant") for i in new} == {
            "P-3": "依個人職責負擔金額處分",
            "C-9.1": "客戶抱怨處理表必填事項",
            "C-9.14": "投訴不成立者依規定收款期收回應收帳款",
            "C-10.2": "各單位處理作業期限",
            "C-12.1": "每月10日前將行政處分案件送人事單位",
            "C-12.2": "罰扣獎金須開立獎罰通知單經總經理核准",
        }


@pytest.mark.parametrize(
    "cls", _params({f"choice:{_owner(c)}": c for c in sorted(all_choices(), key=_owner)})
)
def test_every_label_of_every_enumeration(cls: type[Choice]) -> None:
    _assert_clean([member.label("zh-Hant") for member in cls])


def _samples_by_type() -> dict[str, list[Explained]]:
    found: dict[str, list[Explained]] = {}
    for result in sample_results():
        found.setdefault(f"result:{_owner(type(result))}", []).append(result)
    return dict(sorted(found.items()))


@pytest.mark.parametrize("results", _params(dict(_samples_by_type())))
def test_every_explanation_of_every_result_type(results: list[Explained]) -> None:
    _assert_clean(
        [line for r in results for line in r.explain("zh-Hant").splitlines()], CALLERS_WORDS
    )


class TestPolicy:
    def test_every_parameter_name(self) -> None:
        _assert_clean(list(_PARAMETER_NAMES_ZH.values()))

    def test_a_diff_names_the_parameter_in_chinese(self) -> None:
        diff = Policy().diff(Policy().updated({"billing.payment_days": 10}))
        assert diff.explain("zh-Hant") == "B-6 繳費期限天數由7改為10"
        assert diff.explain("en") == "B-6 billing.payment_days changed from 7 to 10"


# -- the tour and the command line -----------------------------------------------------------------


def _sections() -> list[str]:
    return list(dict.fromkeys(step.section for step in STEPS))


class TestTourFrame:
    def test_every_section_has_a_chinese_heading(self) -> None:
        assert set(_sections()) <= set(SECTIONS)
        _assert_clean([section_title(s, "zh-Hant") for s in SECTIONS] + [REFUSED.label("zh-Hant")])

    def test_a_section_without_a_chinese_heading_keeps_its_own(self) -> None:
        assert section_title("Elsewhere", "zh-Hant") == "Elsewhere"
        assert section_title("Money", "en") == "Money"


@pytest.fixture(scope="module")
def tour_zh() -> dict[str, list[str]]:
    """The Chinese tour's output, by section: the lines in Chinese (headings, step titles, the
    refusal label and the explanations), without the code and the values' Python reprs, and
    without the errors' messages, which are English by design."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["tour", "--lang", "zh-Hant"]) == 0
    by_heading = {section_title(s, "zh-Hant"): s for s in _sections()}
    found: dict[str, list[str]] = {}
    section = ""
    refused = REFUSED.label("zh-Hant") + "："
    for line in out.getvalue().splitlines():
        heading = re.fullmatch(r"=== (.*) ===", line)
        if heading:
            section = by_heading[heading.group(1)]
            found[section] = [heading.group(1)]
        elif re.match(r"\[\d+\] ", line):
            found[section].append(line.split("] ", 1)[1])
        elif line.startswith("    | "):
            found[section].append(line.removeprefix("    | "))
        elif line.startswith(f"    {refused}"):
            found[section].append(refused)
    return found


@pytest.mark.parametrize("section", _params({f"tour:{s}": s for s in _sections()}))
def test_the_tour_in_chinese(section: str, tour_zh: dict[str, list[str]]) -> None:
    _assert_clean(tour_zh[section], CALLERS_WORDS)


def test_the_scenario_report_in_chinese() -> None:
    scenario = parse_scenario(
        'rule = "billing.payment_deadline"\n[inputs]\ndelivered = 2026-03-02\n'
        "[expect]\ndue = 2026-03-10\n",
        source="late.scenario.toml",
    )
    outcome = scenario.run()
    framing = [
        line
        for line in [*outcome.report("zh-Hant").splitlines(), outcome.verdict("zh-Hant")]
        if has_han(line) and not line.startswith("  B-6 ")  # the rule's own explanation
    ]
    assert framing
    # the file, its rule and its keys are the caller's own identifiers
    _assert_clean(
        framing,
        frozenset({"late.scenario.toml", "late", "billing.payment_deadline", "expect.due"}),
    )
