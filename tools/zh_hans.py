"""Write the Simplified Chinese (zh-Hans) table of the library's texts: a development step.

Run by hand after changing a Chinese text of the package (never at run time):

    uv run python tools/zh_hans.py          # writes src/custpolicy/foundation/_zh_hans.py
    uv run python tools/zh_hans.py --check  # exit 1 if the committed table is out of date

The library's Chinese is written once, in Traditional characters (zh-Hant), in the code. This
script collects every text of the package that holds a Chinese character (the string constants
of its modules, docstrings left out, and the literal parts of its f-strings, which rules join
into explanations at run time), converts each with OpenCC's Taiwan-to-mainland phrase
conversion (``tw2sp``), and applies the glossary's choices (the table of the section
"Simplified Chinese (zh-Hans)" of docs/glossary.md: each zh-Hant term and the mainland word the
library writes for it, with the reason). The result is a dict, zh-Hant text -> zh-Hans text,
in a committed module that the library loads the first time it renders zh-Hans; OpenCC is a
development dependency only. A text that a rule joins from several at run time converts
piece by piece, each piece a text of the table (custpolicy.foundation.lang.hans).

tests/test_zh_hans.py runs :func:`build_table` and fails when the committed table differs.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "custpolicy"
TABLE = PACKAGE / "foundation" / "_zh_hans.py"
GLOSSARY = ROOT / "docs" / "glossary.md"
#: The heading of the glossary's section whose table the conversion applies.
SECTION = "## Simplified Chinese (zh-Hans)"

#: Han ideographs (CJK Unified Ideographs, extension A, compatibility ideographs).
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of ``tree`` (a module's, a class's, a function's)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def texts_of(source: str) -> Iterator[str]:
    """The str constants of Python ``source`` that hold a Chinese character, docstrings left out.

    An f-string gives its literal parts, as Python reads them (``{{`` is ``{``). A constant with
    an ASCII double quote is code, not text (the tour's steps, whose Chinese is the caller's
    data): the library's Chinese quotes with 「」.
    """
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and HAN.search(node.value)
            and '"' not in node.value
        ):
            yield node.value


def library_texts(package: Path = PACKAGE) -> list[str]:
    """Every Chinese text of the package's modules, sorted.

    Not the table's own, and not those of ``custpolicy.testing``: its strategies' names (陳, 林)
    are data for tests, never the library's words.
    """
    found: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        if path != TABLE and "testing" not in path.relative_to(package).parts:
            found.update(texts_of(path.read_text(encoding="utf-8")))
    return sorted(found)


def glossary(path: Path = GLOSSARY) -> dict[str, str]:
    """The glossary's choices: zh-Hant term -> zh-Hans term (the first two columns)."""
    text = path.read_text(encoding="utf-8")
    _, found, rest = text.partition(SECTION + "\n")
    if not found:
        raise SystemExit(f"{path}: no section {SECTION!r}")
    section = rest.split("\n## ", 1)[0]
    terms: dict[str, str] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not HAN.search(cells[0]) or cells[0].startswith("zh-Hant"):
            continue
        traditional, simplified = cells[0], cells[1]
        if traditional in terms:
            raise SystemExit(f"{path}: {traditional} is in the glossary twice")
        terms[traditional] = simplified
    return terms


class Converter:
    """OpenCC's Taiwan-to-mainland conversion with the glossary's choices applied first."""

    def __init__(self, terms: dict[str, str]) -> None:
        from opencc_purepy import OpenCC  # a development dependency

        self.phrases = OpenCC("tw2sp")
        self.terms = terms
        longest_first = sorted(terms, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, longest_first))) if terms else None

    def text(self, text: str) -> str:
        """``text`` in Simplified Chinese: glossary terms as chosen, the rest by OpenCC."""
        if self.pattern is None:
            return str(self.phrases.convert(text))
        parts: list[str] = []
        start = 0
        for match in self.pattern.finditer(text):
            parts.append(str(self.phrases.convert(text[start : match.start()])))
            parts.append(self.terms[match.group()])
            start = match.end()
        parts.append(str(self.phrases.convert(text[start:])))
        return "".join(parts)


def build_table(
    texts: list[str] | None = None, terms: dict[str, str] | None = None
) -> dict[str, str]:
    """zh-Hant text -> zh-Hans text, for every Chinese text of the package."""
    texts = library_texts() if texts is None else texts
    convert = Converter(glossary() if terms is None else terms)
    return {text: convert.text(text) for text in texts}


def module_text(table: dict[str, str]) -> str:
    """The source of the table's module."""
    lines = [
        '"""The library\'s Chinese texts in Simplified characters: zh-Hant text -> zh-Hans text.',
        "",
        "Written by tools/zh_hans.py from the package's own texts (OpenCC tw2sp and the glossary",
        "of docs/glossary.md); do not edit by hand. Loaded by custpolicy.foundation.lang on the",
        "first zh-Hans text.",
        '"""',
        "",
        "TABLE: dict[str, str] = {",
    ]
    lines += [f"    {key!r}: {value!r}," for key, value in table.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the table, or with ``--check`` say whether the committed one is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if it differs")
    args = parser.parse_args(argv)
    wanted = module_text(build_table())
    if args.check:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != wanted:
            print(
                f"{TABLE.relative_to(ROOT)} is out of date: run tools/zh_hans.py", file=sys.stderr
            )
            return 1
        return 0
    TABLE.write_text(wanted, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {wanted.count(chr(10)) - 8} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
