"""The command line (this is the only module that prints).

- ``python -m custpolicy tour [--lang en|zh-Hans|zh-Hant]``: a guided run of worked examples.
  ``--lang`` takes any BCP 47 tag of the three (``zh``, ``zh-CN``, ``zh-TW``, ``zh_Hant`` ...).
- ``python -m custpolicy explain FILE [--lang ...]``: run one scenario file, print its decision
  and explanation.
- ``python -m custpolicy check PATH... [--lang ...]``: run every scenario file (``*.scenario.toml``)
  in the files and directories given; exit 0 if all pass, 1 if one fails, 2 if one is malformed
  or none is found.
- ``python -m custpolicy rules [NAME]``: the rules a scenario may name, or one rule's keys.
- ``python -m custpolicy policy check FILE [--lang ...]``: read a policy (or policy book) file;
  print its versions, the required parameters still unset and the assumptions that differ from
  the defaults; exit 0, or 2 if the file is not a policy.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from custpolicy.cli.tour import REFUSED, STEPS, run_step, section_title
from custpolicy.foundation.errors import InvalidInputError, PolicyFileError, ScenarioError
from custpolicy.foundation.explain import Explained
from custpolicy.foundation.lang import Lang, in_lang, normalize_lang
from custpolicy.foundation.policy import Policy, PolicyBook, PolicyDiff, parameter_label
from custpolicy.foundation.schema import said
from custpolicy.scenarios import (
    RULES,
    SCENARIO_SUFFIX,
    Scenario,
    parse_scenario,
    scenario_error_text,
    unreadable,
)


def _tour(lang: Lang) -> int:
    section = ""
    for number, step in enumerate(STEPS, start=1):
        if step.section != section:
            section = step.section
            print(f"\n=== {section_title(section, lang)} ===")
        print(f"\n[{number}] {step.title(lang)}")
        for line in step.code.splitlines():
            prompt = "..." if line[:1] in (" ", ")", "}", "]") else ">>>"
            print(f"    {prompt} {line}")
        outcome = run_step(step)
        if outcome.error is not None:
            label = REFUSED.label(lang) + in_lang(lang, ": ", "：")
            print(f"    {label}{type(outcome.error).__name__}: {outcome.error}")
            continue
        if isinstance(outcome.value, Explained):
            for line in outcome.value.explain(lang).splitlines():
                print(f"    | {line}")
        else:
            print(f"    {outcome.value!r}")
    return 0


# -- scenario files -------------------------------------------------------------------------------


def _read(path: Path, shown: str) -> Scenario:
    """The scenario in the file at ``path``; [`ScenarioError`][] if it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else said("not_utf8")
        raise unreadable(shown, reason) from None
    return parse_scenario(text, source=shown)


def _explain(file: str, lang: Lang) -> int:
    try:
        scenario = _read(Path(file), file)
    except ScenarioError as error:
        shown = scenario_error_text(error, lang)
        print(in_lang(lang, "error: ", "錯誤：") + shown, file=sys.stderr)
        return 2
    outcome = scenario.run()
    print(outcome.report(lang))
    return 0 if outcome.passed else 1


def _scenario_files(paths: Sequence[str]) -> tuple[list[tuple[str, Path]], list[str]]:
    """The scenario files named or found under the directories, and the paths not found."""
    found: dict[Path, str] = {}
    missing = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob(f"*{SCENARIO_SUFFIX}")):
                found.setdefault(file.resolve(), file.as_posix())
        elif path.is_file():
            found.setdefault(path.resolve(), raw)
        else:
            missing.append(raw)
    return [(shown, Path(shown)) for shown in found.values()], missing


def _scenario_check(paths: Sequence[str], lang: Lang) -> int:
    en = lang == "en"
    say = functools.partial(in_lang, lang)
    files, missing = _scenario_files(paths)
    for raw in missing:
        print(
            say("ERROR {raw}: no such file or directory", "錯誤 {raw}：找不到此檔案或目錄").format(
                raw=raw
            )
        )
    if not files:
        listed = ", ".join(paths)
        print(
            say(
                "no scenario files (*{suffix}) found in {listed}",
                "在{listed}中找不到情境檔（*{suffix}）",
            ).format(suffix=SCENARIO_SUFFIX, listed=listed)
        )
        return 2
    passed = failed = malformed = 0
    for shown, path in files:
        try:
            scenario = _read(path, shown)
        except ScenarioError as error:
            malformed += 1
            shown = str(error) if en else scenario_error_text(error, lang)
            print(say("ERROR ", "錯誤 ") + shown)
            continue
        outcome = scenario.run()
        if outcome.passed:
            passed += 1
            print(outcome.verdict(lang))
        else:
            failed += 1
            print(outcome.report(lang, full=False))
    malformed += len(missing)
    total = passed + failed + malformed
    print(
        say(
            "{total} scenario(s): {passed} passed, {failed} failed, {malformed} malformed",
            "共{total}個情境：{passed}個通過、{failed}個未通過、{malformed}個格式錯誤",
        ).format(total=total, passed=passed, failed=failed, malformed=malformed)
    )
    return 2 if malformed else 1 if failed else 0


def _rules(name: str | None) -> int:
    if name is None:
        family = ""
        for rule in RULES.values():
            if rule.family != family:
                family = rule.family
                print(f"{family}:")
            print(f"  {rule.name} ({', '.join(c.id for c in rule.clauses)}): {rule.summary}")
        print("python -m custpolicy rules NAME lists a rule's inputs and the values to expect")
        return 0
    found = RULES.get(name)
    if found is None:
        print(f"error: no rule {name!r}; python -m custpolicy rules lists them", file=sys.stderr)
        return 2
    rule = found
    print(f"{rule.name} ({', '.join(c.id for c in rule.clauses)}): {rule.summary}")
    print("[inputs]")
    for field in rule.inputs:
        required = " (required)" if field.required else ""
        print(f"  {field.name}{required}: {field.doc}; {field.what}")
    print("[expect]")
    for field in rule.outputs:
        needs = "".join(f" (needs inputs.{need})" for need in field.needs)
        print(f"  {field.name}{needs}: {field.doc}; {field.what}")
    print("  clauses: the clauses the result cites; error, error_contains: a refusal expected")
    if rule.event:
        print(f"policy version in force (M-1.9) picked by: {rule.event}")
    return 0


# -- policy files ---------------------------------------------------------------------------------


def _policy_summary(policy: Policy, lang: Lang) -> list[str]:
    """The required parameters still unset, and the assumptions that differ from the defaults."""
    say = functools.partial(in_lang, lang)
    unset = [p.path for p in policy.parameters() if p.required and p.value is None]
    lines = []
    if unset:
        names = say(", ", "、").join(parameter_label(p, lang) for p in unset)
        lines.append(say("  required parameters not set: ", "  尚未設定的必要參數：") + names)
    else:
        lines.append(say("  every required parameter is set", "  必要參數均已設定"))
    assumptions = {p.path for p in policy.parameters() if p.assumption}
    changes = tuple(c for c in Policy().diff(policy) if c.path in assumptions)
    if changes:
        lines.append(say("  assumptions that differ from the defaults:", "  與預設不同的假設："))
        lines += [f"    {line}" for line in PolicyDiff(changes=changes).explain(lang).splitlines()]
    else:
        lines.append(say("  every assumption as the defaults", "  假設均與預設相同"))
    return lines


def _policy_check(file: str, lang: Lang) -> int:
    say = functools.partial(in_lang, lang)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            error.strerror if isinstance(error, OSError) else say("not UTF-8 text", "不是UTF-8文字")
        )
        cannot = say("error: {file}: cannot be read: {reason}", "錯誤：{file}：無法讀取：{reason}")
        print(cannot.format(file=file, reason=reason), file=sys.stderr)
        return 2
    try:
        is_book = "versions" in tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        is_book = False  # Policy.from_toml names the line
    try:
        if not is_book:
            policy = Policy.from_toml(text)
            print(file + say(": a policy", "：一份政策"))
            print("\n".join(_policy_summary(policy, lang)))
            return 0
        book = PolicyBook.from_toml(text)
    except PolicyFileError as error:
        print(f"{say('error: ', '錯誤：')}{file}{say(': ', '：')}{error}", file=sys.stderr)
        return 2
    count = len(book.versions)
    book_of = say(
        "{file}: a policy book of {count} version(s)", "{file}：政策版本簿，共{count}個版本"
    )
    print(book_of.format(file=file, count=count))
    for version in book.versions:
        effective = version.effective.isoformat()
        name = version.label or say("version of {e}", "{e}版本").format(e=effective)
        print(say("{name}, effective {e}:", "{name}，自{e}起生效：").format(name=name, e=effective))
        print("\n".join(_policy_summary(version.policy, lang)))
    return 0


_LANG_HELP = "language: en, zh-Hans or zh-Hant, or a tag of one (zh, zh-CN, zh-TW ...)"


def _lang(tag: str) -> Lang:
    """The ``--lang`` option: a BCP 47 tag, as its canonical tag."""
    try:
        return normalize_lang(tag, "--lang")
    except InvalidInputError as error:
        raise argparse.ArgumentTypeError(f"invalid choice: {tag!r} ({error})") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m custpolicy",
        description="custpolicy: a tour of the rules, and scenario files checked without Python.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    tour = commands.add_parser("tour", help="a guided run of worked examples, with explanations")
    tour.add_argument("--lang", type=_lang, default="en", help=_LANG_HELP)
    explain = commands.add_parser(
        "explain", help="run one scenario file; print its decision and explanation"
    )
    explain.add_argument("file", help="a scenario file (TOML)")
    explain.add_argument("--lang", type=_lang, default="en", help=_LANG_HELP)
    check = commands.add_parser(
        "check", help="run every scenario file in the files and directories given"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories to search")
    check.add_argument("--lang", type=_lang, default="en", help=_LANG_HELP)
    rules = commands.add_parser("rules", help="the rules a scenario may name, or one rule's keys")
    rules.add_argument("name", nargs="?", help="a rule, such as billing.payment_deadline")
    policy = commands.add_parser("policy", help="policy files: check one")
    policy_commands = policy.add_subparsers(dest="policy_command", required=True)
    policy_check = policy_commands.add_parser(
        "check", help="read a policy or policy book file (TOML); print what it sets"
    )
    policy_check.add_argument("file", help="a policy file (TOML)")
    policy_check.add_argument("--lang", type=_lang, default="en", help=_LANG_HELP)
    args = parser.parse_args(argv)
    try:
        if args.command == "explain":
            return _explain(args.file, args.lang)
        if args.command == "check":
            return _scenario_check(args.paths, args.lang)
        if args.command == "rules":
            return _rules(args.name)
        if args.command == "policy":
            return _policy_check(args.file, args.lang)
        return _tour(args.lang)
    except BrokenPipeError:
        # The reader stopped early, as `... | head` does: say nothing more, and send what is
        # still buffered to nowhere, so that Python's exit does not report the broken pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a program stopped by its pipe
