"""Turn Sphinx cross-reference roles into mkdocstrings cross-references, in place.

Run by hand (and again after a merge that brings new roles)::

    uv run python tools/crossrefs.py            # rewrite src/ and docs/
    uv run python tools/crossrefs.py --check    # list what it would change; exit 1 if anything

A role such as ``:class:`Money``` or ``:func:`~custpolicy.rules.billing.dunning``` becomes an
autorefs link, ``[`Money`][custpolicy.foundation.money.Money]`` or
``[`dunning`][custpolicy.rules.billing.dunning]``, or ``[`custpolicy.records`][]`` when the text
is the full path itself. The target is always the full path of the page anchor mkdocstrings
gives the object: the module that defines it (where the source file is), not a module that
re-exports it. A ``~`` shortens the text to the last name, as Sphinx does; a relative name is
looked up where Python would find it from the docstring: the enclosing classes, then the
module's names (imported ones followed to where they are defined), then the public modules of
the package. Names that are private or outside custpolicy (``enum.Enum``) have no page in the
site and become plain code: ``[`...`]`` links only what can be linked.

A line the longer text pushes past the line length is wrapped at a space, its tail joined to
the lines that follow in the same paragraph, so the file stays as ruff wants it.

The script is idempotent: on a tree with no roles left it changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib
import inspect
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = "custpolicy"
LINE_LENGTH = 100

ROLE = re.compile(
    r":(?:py:)?(?P<role>func|class|meth|mod|attr|exc|data|obj|const|type):"
    r"`(?P<body>[^`]+)`"
)
_EXPLICIT = re.compile(r"^(?P<text>.+?)\s*<(?P<target>[^<>]+)>$")


# -- where a line sits: its module and enclosing classes ---------------------------------------


def module_name(path: Path) -> str | None:
    """The dotted name of a source file under src/, or None for a file elsewhere."""
    try:
        relative = path.resolve().relative_to(SRC)
    except ValueError:
        return None
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def class_scopes(source: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first line, last line, class path) of every class in the source, outermost first."""
    scopes: list[tuple[int, int, tuple[str, ...]]] = []

    def visit(node: ast.AST, path: tuple[str, ...]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                inner = (*path, child.name)
                scopes.append((child.lineno, child.end_lineno or child.lineno, inner))
                visit(child, inner)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, path)

    visit(ast.parse(source), ())
    return scopes


def classes_at(scopes: list[tuple[int, int, tuple[str, ...]]], line: int) -> tuple[str, ...]:
    """The innermost class path that holds the line (empty at module level)."""
    found: tuple[str, ...] = ()
    for first, last, path in scopes:
        if first <= line <= last and len(path) > len(found):
            found = path
    return found


# -- resolving a name to the full path of its anchor -------------------------------------------


def load(dotted: str) -> tuple[Any, str] | None:
    """The object a full dotted path names and the longest module prefix, or None."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        prefix = ".".join(parts[:cut])
        for name in parts[cut:]:
            try:
                obj = getattr(obj, name)
            except AttributeError:
                return None
        return obj, prefix
    return None


def _defines(module: ModuleType, name: str, obj: Any) -> bool:
    """Whether the module's own source has a top-level ``class name`` that is ``obj``."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return False
    return getattr(module, name, None) is obj and any(
        isinstance(node, ast.ClassDef) and node.name == name for node in tree.body
    )


def defining_module(obj: Any) -> str | None:
    """The module whose source defines a class or function of the package.

    Not ``__module__``: the error classes say ``custpolicy`` there, for tracebacks, while their
    page is that of ``custpolicy.foundation.errors``, where the source has them.
    """
    if inspect.isfunction(obj):
        return module_name(Path(obj.__code__.co_filename))
    outer = obj.__qualname__.split(".")[0]
    home = sys.modules.get(obj.__module__)
    owner = getattr(home, outer, None) if home is not None else None
    if home is not None and _defines(home, outer, owner):
        return home.__name__
    for module in all_modules():
        if _defines(module, outer, owner if owner is not None else obj):
            return module.__name__
    return None


def imported_from(module: ModuleType, name: str) -> tuple[str, str] | None:
    """(module, name) a ``from ... import name`` of the module's source brings the name from."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return None
    package = module.__name__ if hasattr(module, "__path__") else module.__name__.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    base = node.module or ""
                    if node.level:
                        anchor = package.split(".")
                        anchor = anchor[: len(anchor) - node.level + 1]
                        base = ".".join([*anchor, base] if base else anchor)
                    return base, alias.name
    return None


def canonical(module: ModuleType, name: str, rest: list[str]) -> str | None:
    """The full anchor path of ``name`` (plus attributes ``rest``) as seen from a module."""
    try:
        obj = getattr(module, name)
    except AttributeError:
        return None
    if callable(obj) and not inspect.isclass(obj):
        obj = inspect.unwrap(obj)  # a functools.singledispatch function, say
    if inspect.isclass(obj) or inspect.isfunction(obj):
        defined = defining_module(obj)
        if defined is None or not defined.startswith(PACKAGE):
            return None
        return ".".join([defined, obj.__qualname__, *rest])
    if inspect.ismodule(obj):
        return ".".join([obj.__name__, *rest]) if obj.__name__.startswith(PACKAGE) else None
    origin = imported_from(module, name)
    if origin is not None and origin[0].startswith(PACKAGE):
        source = importlib.import_module(origin[0])
        return canonical(source, origin[1], rest)
    return ".".join([module.__name__, name, *rest])


def all_modules() -> Iterator[ModuleType]:
    """Every module of the package, the package first."""
    package = importlib.import_module(PACKAGE)
    yield package
    for info in pkgutil.walk_packages(package.__path__, f"{PACKAGE}."):
        if info.name != f"{PACKAGE}.__main__":
            yield importlib.import_module(info.name)


def public_modules() -> Iterator[ModuleType]:
    """Every module of the package without a private part in its name."""
    for module in all_modules():
        if not any(part.startswith("_") for part in module.__name__.split(".")):
            yield module


def resolve(
    target: str, module: str | None, classes: tuple[str, ...], role: str = "obj"
) -> str | None:
    """The full path of the anchor a role's target names, or None if it has no page."""
    target = target.lstrip(".")
    if target.startswith(f"{PACKAGE}.") or target == PACKAGE:
        found = load(target)
        if found is None:
            return None
        _, prefix = found
        if target == prefix and role != "mod":
            # ``:func:`custpolicy.foundation.calendars.china``: the function, not its module
            parent, _, name = target.rpartition(".")
            if inspect.isfunction(getattr(importlib.import_module(parent), name, None)):
                return canonical(importlib.import_module(parent), name, [])
        if target == prefix:
            return target
        first, *rest = target[len(prefix) + 1 :].split(".")
        return canonical(importlib.import_module(prefix), first, rest)
    first, *rest = target.split(".")
    if module is not None:
        scope = importlib.import_module(module)
        for depth in range(len(classes), 0, -1):
            owner: Any = scope
            for part in classes[:depth]:
                owner = getattr(owner, part)
            if hasattr(owner, first) or first in getattr(owner, "__annotations__", {}):
                return canonical(scope, classes[0], [*classes[1:depth], first, *rest])
        path = canonical(scope, first, rest)
        if path is not None:
            return path
        if hasattr(scope, first):
            return None  # a name from outside the package: enum, json ...
    candidates = {
        path
        for candidate in public_modules()
        if first in getattr(candidate, "__all__", ())
        and (path := canonical(candidate, first, rest)) is not None
    }
    if rest:  # a module named from its parent package: ``.fairsplit.fair_split``
        candidates |= {
            path
            for candidate in public_modules()
            if candidate.__name__.endswith(f".{first}")
            and (path := resolve(f"{candidate.__name__}.{'.'.join(rest)}", None, ())) is not None
        }
    return candidates.pop() if len(candidates) == 1 else None


@functools.cache
def _package() -> Any:
    """The package as mkdocstrings sees it (griffe reads the source, it does not import)."""
    import griffe

    return griffe.load(PACKAGE, search_paths=[str(SRC)])


def rendered(path: str) -> str:
    """The anchor the site has for ``path``: itself, or its owner's for a member not shown.

    mkdocstrings shows no attribute without a docstring of its own (a constant such as
    ``schema.DATE``, an attrs field described in its class's ``Attributes:`` section), so a
    link to one goes to the module or class that holds it.
    """
    try:
        found = _package()[path.removeprefix(f"{PACKAGE}.")] if path != PACKAGE else None
    except KeyError:
        return path
    if found is not None and found.is_attribute and not found.docstring:
        return path.rpartition(".")[0]
    return path


def link(match: re.Match[str], module: str | None, classes: tuple[str, ...]) -> str:
    """The mkdocstrings form of one role."""
    body = match["body"]
    explicit = _EXPLICIT.match(body)
    if explicit:
        text, target = explicit["text"], explicit["target"]
    else:
        target = body
        text = body.lstrip("~.")
        if body.startswith("~"):
            text = text.rpartition(".")[2]
    target = target.lstrip("~")
    path = None
    if not any(part.startswith("_") for part in target.lstrip(".").split(".")):
        path = resolve(target, module, classes, match["role"])
    if path is None or any(part.startswith("_") for part in path.split(".")):
        return f"`{text}`"
    path = rendered(path)
    return f"[`{text}`][]" if text == path else f"[`{text}`][{path}]"


# -- rewriting a file ----------------------------------------------------------------------------

_MARKER = re.compile(r"^\s*(?:[-*+] |\d+\. |>>>|\.\.\. |```)")
_CODE = re.compile(r"^\s*(?:>>>|\.\.\. |```)")
_STARTS_BLOCK = re.compile(r"^(?:[-*+] |\d+\. |>>>|\.\.\.|```|#)")
_SECTION = re.compile(
    r"^(?P<indent>\s*)(?:Args|Arguments|Attributes|Raises|Returns|Yields|Warns):$"
)
_ITEM = re.compile(r"^\s*[*]{0,2}[A-Za-z_][\w.]*(?: \([^)]*\))?: ")


def text_regions(source: str) -> list[tuple[int, int]]:
    """The (first, last) line indices of every docstring and comment block of a module."""
    regions = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            regions.append((node.lineno - 1, (node.end_lineno or node.lineno) - 1))
    lines = source.split("\n")
    index = 0
    while index < len(lines):
        if lines[index].lstrip().startswith("#"):
            first = index
            while index + 1 < len(lines) and lines[index + 1].lstrip().startswith("#"):
                index += 1
            regions.append((first, index))
        index += 1
    return regions


def width(text: str) -> int:
    """The width ruff measures: a wide (Chinese) character counts two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _comment_prefix(line: str) -> str:
    """``#`` or ``#:`` and the space after it, for a comment line; empty otherwise."""
    found = re.match(r"^\s*(#:? ?)", line)
    return found[1] if found else ""


def _split_at(line: str, limit: int) -> int | None:
    """The index of the last space within ``limit`` columns that is outside code and links."""
    start = _indent(line) + len(_comment_prefix(line))
    depth, in_code, best = 0, False, None
    column = 0
    for index, char in enumerate(line):
        column += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if column > limit + 1:
            break
        if char == "`":
            in_code = not in_code
        elif not in_code and char == "[":
            depth += 1
        elif not in_code and char == "]":
            depth -= 1
        elif (
            char == " "
            and not in_code
            and depth == 0
            and index > start
            and line[start:index].strip() not in {"", "-", "*", "+"}
            and not _STARTS_BLOCK.match(line[index + 1 :])
        ):
            best = index
    return best


def _continuation(lines: list[str], index: int, first: int) -> str:
    """The indentation that continues line ``index`` of a region starting at ``first``."""
    line = lines[index]
    indent = " " * _indent(line)
    prefix = _comment_prefix(line)
    if prefix:
        return indent + prefix
    if re.match(r"^\s*[-*+] ", line):
        return indent + "  "
    for above in range(index - 1, first - 1, -1):
        section = _SECTION.match(lines[above])
        if section:
            if _indent(line) == len(section["indent"]) + 4 and _ITEM.match(line):
                return indent + "    "
            break
        if not lines[above].strip():
            continue
    return indent


_LINK = re.compile(r"\[`(?P<text>[^`\]]+)`\]\[(?P<target>[^\[\]]*)\]")


def shorten(line: str, short: dict[str, str]) -> str:
    """A summary line with its links written as the scope sees them, longest first.

    A docstring's summary must stay on one line. ``[`Money`][Money]`` resolves as Python would
    from the docstring (mkdocstrings' ``scoped_crossrefs``); this form is used only where the
    full path does not fit. A link that still does not fit becomes plain code.
    """
    links = sorted(_LINK.finditer(line), key=lambda m: -len(m["target"] or m["text"]))
    for found in links:
        if width(line) <= LINE_LENGTH:
            break
        name = short.get(found[0])
        text = found["text"]
        replacement = f"[`{text}`][]" if name == text else f"[`{text}`][{name}]"
        line = line.replace(found[0], replacement if name else f"`{text}`", 1)
    for found in sorted(_LINK.finditer(line), key=lambda m: -len(m[0])):
        if width(line) <= LINE_LENGTH:
            break
        line = line.replace(found[0], f"`{found['text']}`", 1)
    return line


def wrap(
    lines: list[str], changed: set[int], regions: list[tuple[int, int]], short: dict[str, str]
) -> list[str]:
    """Wrap the changed lines of docstrings and comments that now pass the line length.

    The tail of a wrapped line joins the next line when that line goes on with the same
    paragraph, else it becomes a line of its own; a line that grows by that is wrapped in turn.
    The summary line of a docstring is never wrapped (it must stay one line): it is reported.
    """
    for first, last in sorted(regions, reverse=True):  # a line inserted moves only later lines
        index = first
        while index <= last:
            line = lines[index]
            if index not in changed or width(line) <= LINE_LENGTH or _CODE.match(line):
                index += 1
                continue
            if index == first and '"""' in line:
                lines[index] = shorten(line, short)
                if width(lines[index]) > LINE_LENGTH:
                    print(f"  too long, shorten by hand: line {index + 1}: {line.strip()[:60]}")
                index += 1
                continue
            cut = _split_at(line, LINE_LENGTH)
            if cut is None:  # a link longer than the room left: write it as the scope sees it
                lines[index] = line = shorten(line, short)
                cut = _split_at(line, LINE_LENGTH) if width(line) > LINE_LENGTH else None
            if cut is None:
                if width(line) > LINE_LENGTH:
                    print(f"  too long, shorten by hand: line {index + 1}: {line.strip()[:60]}")
                index += 1
                continue
            indent = _continuation(lines, index, first)
            lines[index] = line[:cut].rstrip()
            tail = line[cut + 1 :].strip()
            following = index + 1
            after = lines[following] if following <= last else ""
            joins = (
                following <= last
                and after.strip()
                and after.strip() != '"""'
                and not _MARKER.match(after)
                and not _SECTION.match(after)
                and after.startswith(indent)
                and not after[len(indent) :].startswith(" ")
                and (not _ITEM.match(after) or indent.strip())
            )
            if joins:
                lines[following] = f"{indent}{tail} {after[len(indent) :].strip()}"
            else:
                lines.insert(following, f"{indent}{tail}")
                last += 1
                changed = {c + (c > index) for c in changed}
            changed.add(following)
            index += 1
    return lines


def rewrite(path: Path) -> str:
    """The file's text with every role turned into a link."""
    text = path.read_text(encoding="utf-8")
    if not ROLE.search(text):
        return text
    module = module_name(path)
    scopes = class_scopes(text) if path.suffix == ".py" else []
    regions = text_regions(text) if path.suffix == ".py" else []
    lines = text.split("\n")
    changed: set[int] = set()
    short: dict[str, str] = {}  # each link made and the name the role wrote, without ``~``

    def convert(match: re.Match[str], classes: tuple[str, ...]) -> str:
        made = link(match, module, classes)
        body = match["body"].lstrip("~")
        if (
            made.startswith("[")
            and not body.startswith((f"{PACKAGE}.", "."))
            and made.endswith(f".{body}]")  # not a link sent to the owner (see rendered)
        ):
            short[made] = body  # a name the docstring's scope resolves as Python would
        return made

    for number, line in enumerate(lines):
        classes = classes_at(scopes, number + 1)
        new = ROLE.sub(lambda m, c=classes: convert(m, c), line)  # type: ignore[misc]
        if new != line:
            lines[number] = new
            changed.add(number)
    return "\n".join(wrap(lines, changed, regions, short))


def files(roots: list[Path]) -> Iterator[Path]:
    """The Python and Markdown files under the roots."""
    for root in roots:
        if root.is_file():
            yield root
        else:
            yield from sorted(p for p in root.rglob("*") if p.suffix in {".py", ".md"})


def main(argv: list[str] | None = None) -> int:
    """Rewrite the files; with --check, only say which would change."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SRC, ROOT / "docs"])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if needed")
    arguments = parser.parse_args(argv)
    sys.path.insert(0, str(SRC))
    # every file is read (and the package imported) before any is written
    texts = {path: rewrite(path) for path in files(arguments.paths)}
    pending = [path for path, new in texts.items() if new != path.read_text(encoding="utf-8")]
    if not arguments.check:
        for path in pending:
            path.write_text(texts[path], encoding="utf-8")
    for path in pending:
        shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        print(f"{'would rewrite' if arguments.check else 'rewrote'} {shown}")
    return 1 if arguments.check and pending else 0


if __name__ == "__main__":
    sys.exit(main())
