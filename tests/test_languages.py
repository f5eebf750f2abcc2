"""Every text the library writes, in each of its three languages (issue 15, "Done when").

Renders every clause title and family name, every label of every enumeration, the explanation
of a sample of every result type (tests/samples.py), every parameter name, the tour and the
scenario report in en, zh-Hans and zh-Hant; and finds in the Chinese no Latin word (clause IDs,
codes and the caller's identifiers excepted), no half-width ``: , ( ) ;`` next to a Chinese
character, no Traditional-only character in zh-Hans and no Simplified-only one in zh-Hant
(tests/chinese.py, by OpenCC's character tables). First the new checks' own tests, so each is
seen to fail.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.samples
from custpolicy.cli.main import main
from custpolicy.cli.tour import REFUSED, SECTIONS, STEPS, section_title
from custpolicy.foundation.clauses import CLAUSES, FAMILY_NAMES, Clause
from custpolicy.foundation.errors import ScenarioError
from custpolicy.foundation.explain import Choice, Explained
from custpolicy.foundation.lang import LANGS, in_lang
from custpolicy.foundation.policy import _PARAMETER_NAMES_ZH, parameter_label
from custpolicy.foundation.schema import MESSAGES, Message, said
from custpolicy.scenarios import parse_scenario, scenario_error_text
from tests.chinese import has_han, problems_in, simplified_only, traditional_only, words_of
from tests.samples import all_choices
from tests.test_chinese import CALLERS_WORDS, _literals, _owner, _params, _samples_by_type

CHINESE = ("zh-Hans", "zh-Hant")


def _callers_chinese() -> frozenset[str]:
    """The Chinese words the tour and the samples give as data (稅號, 培訓): the caller's, shown
    as written in every language."""
    sources = [step.code for step in STEPS] + [inspect.getsource(tests.samples)]
    return frozenset(
        word
        for source in sources
        for text in _literals(source)
        for word in re.findall(r"[\u4e00-\u9fff]+", text)
        if text.startswith(word) and text.endswith(word)  # a whole literal: a value, not a name
    )


CALLERS_CHINESE = _callers_chinese()


def test_the_callers_chinese_is_the_tours_data() -> None:
    assert {"稅號", "培訓"} <= CALLERS_CHINESE


def _assert_clean(lang: str, texts: list[str], allowed: frozenset[str] = frozenset()) -> None:
    found = [
        f"{text!r}: {p}"
        for text in texts
        for p in problems_in(lang, text, allowed, CALLERS_CHINESE)
    ]
    assert not found, "\n".join(found)


# -- the checks ------------------------------------------------------------------------------------


class TestScripts:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("結算單送達一週內繳費", ["結", "單", "達", "週", "內", "繳", "費"]),
            ("帳簿與檔案", ["帳", "與", "檔"]),
        ],
    )
    def test_a_traditional_only_character_is_found(self, text: str, found: list[str]) -> None:
        assert traditional_only(text) == found

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("结算单送达一周内缴费", ["结", "单", "达", "内", "缴", "费"]),
            ("账簿与档案", ["账", "与", "档"]),
        ],
    )
    def test_a_simplified_only_character_is_found(self, text: str, found: list[str]) -> None:
        assert simplified_only(text) == found

    @pytest.mark.parametrize("text", ["核准於後", "皇后", "准許", "公里", "周全", "制度"])
    def test_a_character_both_scripts_write_is_no_simplified_only_character(
        self, text: str
    ) -> None:
        assert simplified_only(text.replace("於", "").replace("後", "")) == []

    @pytest.mark.parametrize("text", ["乾淨", "後面"])
    def test_characters_of_zh_hant_only_are_found_in_zh_hans(self, text: str) -> None:
        assert traditional_only(text)[-1] in text

    def test_the_checks_of_each_script(self) -> None:
        assert problems_in("zh-Hans", "B-6 结算单,送达后一周内") == [
            "half-width punctuation '单,送'"
        ]
        assert problems_in("zh-Hant", "B-6 結算單送達后一周內") == [
            "non-standard 后 -> 後",
            "non-standard 一周 -> 週",
        ]
        assert problems_in("zh-Hans", "按china日历，帳簿") == [
            "Latin word 'china'",
            "Traditional-only 帳",
        ]
        assert problems_in("zh-Hant", "按中國行事曆，账簿") == ["Simplified-only 账"]

    def test_cldrs_currency_symbols_are_allowed_and_no_other_letters_before_a_symbol(
        self,
    ) -> None:
        assert problems_in("zh-Hant", "分得CN¥33.34、US$1.00、HK$2.00") == []
        assert problems_in("zh-Hans", "分得JP¥5,000、NT$1.00") == []
        assert problems_in("zh-Hans", "分得CNX¥1.00、US 1.00") == [
            "Latin word 'CNX'",
            "Latin word 'US'",
        ]


# -- the library's texts ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", CHINESE)
class TestClausesInEachScript:
    @pytest.mark.parametrize("item", CLAUSES.values(), ids=str)
    def test_every_clause_title(self, lang: str, item: Clause) -> None:
        title = item.title(lang)  # type: ignore[arg-type]
        assert has_han(title)
        _assert_clean(lang, [title])

    def test_every_family_name(self, lang: str) -> None:
        _assert_clean(lang, [in_lang(lang, en, zh) for en, zh in FAMILY_NAMES.values()])  # type: ignore[arg-type]

    def test_every_parameter_name(self, lang: str) -> None:
        _assert_clean(lang, [parameter_label(path, lang) for path in _PARAMETER_NAMES_ZH])  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "cls", _params({f"choice:{_owner(c)}": c for c in sorted(all_choices(), key=_owner)})
)
def test_every_label_of_every_enumeration(lang: str, cls: type[Choice]) -> None:
    labels = [member.label(lang) for member in cls]  # type: ignore[arg-type]
    assert all(labels)
    if lang != "en":
        _assert_clean(lang, labels)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("results", _params(dict(_samples_by_type())))
def test_every_explanation_of_every_result_type(lang: str, results: list[Explained]) -> None:
    lines = [line for r in results for line in r.explain(lang).splitlines()]  # type: ignore[arg-type]
    assert lines
    if lang == "en":
        assert lines == [line for r in results for line in r.explain("en-GB").splitlines()]  # type: ignore[arg-type]
    else:
        _assert_clean(lang, lines, CALLERS_WORDS)


def _tour(lang: str) -> list[str]:
    """The Chinese lines of the tour in ``lang``: headings, titles, refusals, explanations."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["tour", "--lang", lang]) == 0
    refused = REFUSED.label(lang) + "："  # type: ignore[arg-type]
    found = []
    for line in out.getvalue().splitlines():
        if heading := re.fullmatch(r"=== (.*) ===", line):
            found.append(heading.group(1))
        elif re.match(r"\[\d+\] ", line):
            found.append(line.split("] ", 1)[1])
        elif line.startswith("    | "):
            found.append(line.removeprefix("    | "))
        elif line.startswith(f"    {refused}"):
            found.append(refused)
    return found


@pytest.mark.parametrize("lang", CHINESE)
def test_the_tour(lang: str) -> None:
    lines = _tour(lang)
    assert {section_title(s, lang) for s in SECTIONS} <= set(lines)  # type: ignore[arg-type]
    _assert_clean(lang, lines, CALLERS_WORDS)


@pytest.mark.parametrize("lang", CHINESE)
def test_the_scenario_report(lang: str) -> None:
    scenario = parse_scenario(
        'rule = "billing.payment_deadline"\n[inputs]\ndelivered = 2026-03-02\n'
        "[expect]\ndue = 2026-03-10\n",
        source="late.scenario.toml",
    )
    outcome = scenario.run()
    lines = [
        line
        for line in [*outcome.report(lang).splitlines(), outcome.verdict(lang)]  # type: ignore[arg-type]
        if has_han(line)
    ]
    assert len(lines) > 5
    _assert_clean(
        lang,
        lines,
        frozenset({"late.scenario.toml", "late", "billing.payment_deadline", "expect.due"}),
    )


# -- the scenario runner's messages (tests/broken_scenarios has a file for each) -------------------

#: The words the runner's Chinese quotes as they are: the TOML format, its literals and the keys of
#: a scenario file, which a reader writes in the file exactly so.
RUNNER_WORDS = frozenset(
    {
        "TOML",
        "YYYY-MM-DD",
        "UTF-8",
        "true",
        "false",
        "inputs.year",
        "inputs.month",
        "versions",
        "effective",
        "label",
        "policy",
        "expect",
        "expect.error",
    }
)
BROKEN = Path(__file__).resolve().parent / "broken_scenarios"


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_of_the_scenario_runner(lang: str, name: str) -> None:
    row = MESSAGES[name]
    message = said(name, **dict.fromkeys(_fields(row["en"]) | _fields(row["zh-Hant"]), "x"))
    text = message.in_lang(lang)  # type: ignore[arg-type]
    if has_han(row["zh-Hant"]):
        assert has_han(text)
    _assert_clean(lang, [text], RUNNER_WORDS | {"x", "xx", "xxx", "inputs.x"})


def _verbatim(value: object) -> Iterator[str]:
    """The values of a message shown as they are: the file's keys and values, quoted errors."""
    if isinstance(value, Message):
        for item in value.values.values():
            yield from _verbatim(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _verbatim(item)
    else:
        yield str(value)


def _broken() -> list[Path]:
    return [
        path
        for path in sorted(BROKEN.glob("*.scenario.toml"))
        if path.read_bytes().isascii()  # not-utf8: its one message is checked above
    ]


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("path", _broken(), ids=lambda path: path.name)
def test_the_messages_of_every_broken_scenario_file(lang: str, path: Path) -> None:
    text = path.read_text("utf-8")
    try:
        outcome = parse_scenario(text, source=path.name).run()
    except ScenarioError as error:
        given = [v for _, _, message in error.problems for v in _verbatim(message)]
        quoted = [v for v in given if " " in v and re.search("[a-z]{3}", v)]  # an error's text
        lines = scenario_error_text(error, lang).splitlines()  # type: ignore[arg-type]
        for text in sorted(quoted, key=len, reverse=True):  # shown as it is, its ) and all
            lines = [line.replace(text, "quoted") for line in lines]
        keys = [key for key, _, _ in error.problems if key is not None]
        inputs = [f"inputs.{v}" for v in given]
        allowed = words_of([*given, *inputs, *keys, path.name, "quoted"])
    else:
        assert not outcome.passed
        lines = outcome.report(lang, full=False).splitlines()  # type: ignore[arg-type]
        shown = [str(v) for m in outcome.mismatches for v in (m.path, m.expected, m.actual)]
        allowed = words_of([*shown, path.name, outcome.title])
    assert all(has_han(line) for line in lines)
    _assert_clean(lang, lines, RUNNER_WORDS | allowed)
