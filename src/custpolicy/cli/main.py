"""The command line (this is the only module that prints).

- ``python -m custpolicy tour [--lang en|zh-Hant]``: a guided run of worked examples.
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
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from custpolicy.cli.tour import REFUSED, STEPS, run_step, section_title
from custpolicy.foundation.clauses import LANGS, Lang
from custpolicy.foundation.errors import PolicyFileError, ScenarioError
from custpolicy.foundation.explain import Explained
from custpolicy.foundation.policy import Policy, PolicyBook, PolicyDiff, parameter_label
from custpolicy.scenarios import (
    RULES,
    SCENARIO_SUFFIX,
    Scenario,
    parse_scenario,
    scenario_error_text,
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
            label = REFUSED.label(lang) + (": " if lang == "en" else "：")
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
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ScenarioError(f"{shown}: cannot be read: {reason}", source=shown, key=None) from None
    return parse_scenario(text, source=shown)


def _explain(file: str, lang: Lang) -> int:
    try:
        scenario = _read(Path(file), file)
    except ScenarioError as error:
        shown = scenario_error_text(error, lang)
        print(f"error: {shown}" if lang == "en" else f"錯誤：{shown}", file=sys.stderr)
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
    files, missing = _scenario_files(paths)
    for raw in missing:
        print(
            f"ERROR {raw}: no such file or directory" if en else f"錯誤 {raw}：找不到此檔案或目錄"
        )
    if not files:
        listed = ", ".join(paths)
        print(
            f"no scenario files (*{SCENARIO_SUFFIX}) found in {listed}"
            if en
            else f"在{listed}中找不到情境檔（*{SCENARIO_SUFFIX}）"
        )
        return 2
    passed = failed = malformed = 0
    for shown, path in files:
        try:
            scenario = _read(path, shown)
        except ScenarioError as error:
            malformed += 1
            print(f"ERROR {error}" if en else f"錯誤 {scenario_error_text(error, lang)}")
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
        f"{total} scenario(s): {passed} passed, {failed} failed, {malformed} malformed"
        if en
        else f"共{total}個情境：{passed}個通過、{failed}個未通過、{malformed}個格式錯誤"
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
    en = lang == "en"
    unset = [p.path for p in policy.parameters() if p.required and p.value is None]
    lines = []
    if unset:
        names = ", ".join(unset) if en else "、".join(parameter_label(p, "zh-Hant") for p in unset)
        lines.append(
            f"  required parameters not set: {names}" if en else f"  尚未設定的必要參數：{names}"
        )
    else:
        lines.append("  every required parameter is set" if en else "  必要參數均已設定")
    assumptions = {p.path for p in policy.parameters() if p.assumption}
    changes = tuple(c for c in Policy().diff(policy) if c.path in assumptions)
    if changes:
        lines.append(
            "  assumptions that differ from the defaults:" if en else "  與預設不同的假設："
        )
        lines += [f"    {line}" for line in PolicyDiff(changes=changes).explain(lang).splitlines()]
    else:
        lines.append("  every assumption as the defaults" if en else "  假設均與預設相同")
    return lines


def _policy_check(file: str, lang: Lang) -> int:
    en = lang == "en"
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        print(f"error: {file}: cannot be read: {reason}", file=sys.stderr)
        return 2
    try:
        is_book = "versions" in tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        is_book = False  # Policy.from_toml names the line
    try:
        if not is_book:
            policy = Policy.from_toml(text)
            print(f"{file}: a policy" if en else f"{file}：一份政策")
            print("\n".join(_policy_summary(policy, lang)))
            return 0
        book = PolicyBook.from_toml(text)
    except PolicyFileError as error:
        print(f"error: {file}: {error}", file=sys.stderr)
        return 2
    count = len(book.versions)
    print(
        f"{file}: a policy book of {count} version(s)"
        if en
        else f"{file}：政策版本簿，共{count}個版本"
    )
    for version in book.versions:
        effective = version.effective.isoformat()
        name = version.label or (f"version of {effective}" if en else f"{effective}版本")
        print(f"{name}, effective {effective}:" if en else f"{name}，自{effective}起生效：")
        print("\n".join(_policy_summary(version.policy, lang)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m custpolicy",
        description="custpolicy: a tour of the rules, and scenario files checked without Python.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    tour = commands.add_parser("tour", help="a guided run of worked examples, with explanations")
    tour.add_argument("--lang", choices=LANGS, default="en", help="language of the explanations")
    explain = commands.add_parser(
        "explain", help="run one scenario file; print its decision and explanation"
    )
    explain.add_argument("file", help="a scenario file (TOML)")
    explain.add_argument("--lang", choices=LANGS, default="en", help="language of the text")
    check = commands.add_parser(
        "check", help="run every scenario file in the files and directories given"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories to search")
    check.add_argument("--lang", choices=LANGS, default="en", help="language of the text")
    rules = commands.add_parser("rules", help="the rules a scenario may name, or one rule's keys")
    rules.add_argument("name", nargs="?", help="a rule, such as billing.payment_deadline")
    policy = commands.add_parser("policy", help="policy files: check one")
    policy_commands = policy.add_subparsers(dest="policy_command", required=True)
    policy_check = policy_commands.add_parser(
        "check", help="read a policy or policy book file (TOML); print what it sets"
    )
    policy_check.add_argument("file", help="a policy file (TOML)")
    policy_check.add_argument("--lang", choices=LANGS, default="en", help="language of the text")
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
