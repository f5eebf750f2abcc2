"""The command line: ``python -m custpolicy tour [--lang en|zh-Hant]``.

This is the only module that prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from custpolicy.clauses import LANGS, Lang
from custpolicy.explain import Explained
from custpolicy.tour import STEPS, run_step


def _tour(lang: Lang) -> int:
    section = ""
    for number, step in enumerate(STEPS, start=1):
        if step.section != section:
            section = step.section
            print(f"\n=== {section} ===")
        print(f"\n[{number}] {step.title(lang)}")
        for line in step.code.splitlines():
            prompt = "..." if line[:1] in (" ", ")", "}", "]") else ">>>"
            print(f"    {prompt} {line}")
        outcome = run_step(step)
        if outcome.error is not None:
            label = "refused" if lang == "en" else "拒絕"
            print(f"    {label}: {type(outcome.error).__name__}: {outcome.error}")
            continue
        if isinstance(outcome.value, Explained):
            for line in outcome.value.explain(lang).splitlines():
                print(f"    | {line}")
        else:
            print(f"    {outcome.value!r}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m custpolicy", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    tour = commands.add_parser("tour", help="a guided run of worked examples, with explanations")
    tour.add_argument("--lang", choices=LANGS, default="en", help="language of the explanations")
    args = parser.parse_args(argv)
    return _tour(args.lang)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
