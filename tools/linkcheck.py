"""Check a built site: every internal link reaches a page, every fragment an element on it.

Run after ``mkdocs build`` (CI does, in ``.ci/run``)::

    uv run python tools/linkcheck.py SITE_DIR

Every ``href`` of an ``<a>`` and every ``src`` of an ``<img>`` on every HTML page is checked,
unless it leaves the site (``https://``, ``mailto:`` ...). A path must name a file of the site
(a folder stands for its ``index.html``); a ``#fragment`` must be the ``id`` (or ``name``) of an
element of the page it points to. The text of the pages must hold no Sphinx role left
unconverted (``:class:`Money```, rendered ``:class:<code>Money</code>``): mkdocstrings shows
those as text, not links. Each problem is printed as ``page: target: what is wrong``; the exit
status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

ROLE_TEXT = re.compile(
    r":(?:func|class|meth|mod|attr|exc|data|obj):(?:`[^`<]*`?|<code>[^<]*(?:</code>)?)"
)
_LINKING = {"a": "href", "img": "src"}
# pages mkdocs writes that are not part of the reading: the 404 page links from the site root
SKIPPED = {"404.html"}


class Page(HTMLParser):
    """The ids, the links and the text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the element's id (an anchor's name too) and the address it links to."""
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(str(values[key]))
        wanted = _LINKING.get(tag)
        if wanted and values.get(wanted) is not None:
            self.links.append(str(values[wanted]))


def read(path: Path) -> Page:
    """The parsed page."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _target(site: Path, page: PurePosixPath, path: str) -> Path:
    """The file a link's path names, relative to the page (or to the site root if absolute)."""
    written = unquote(path)
    relative = PurePosixPath(written.lstrip("/")) if path.startswith("/") else page.parent / written
    parts: list[str] = []
    for part in relative.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    target = site.joinpath(*parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def problems(site: Path) -> Iterator[str]:
    """Every dead link, missing anchor and leftover role of the site, one line each."""
    pages = {
        path: read(path)
        for path in sorted(site.rglob("*.html"))
        if path.relative_to(site).as_posix() not in SKIPPED
    }
    for path, page in pages.items():
        shown = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        for found in ROLE_TEXT.finditer(text):
            yield f"{shown}: {found[0]}: a Sphinx role left as text"
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("javascript:", "data:")):
                continue
            target = path if not parts.path else _target(site, PurePosixPath(shown), parts.path)
            if not target.is_file():
                yield f"{shown}: {link}: no such page"
                continue
            if parts.fragment and target.suffix == ".html":
                anchors = pages[target].ids if target in pages else read(target).ids
                if unquote(parts.fragment) not in anchors:
                    yield f"{shown}: {link}: no element with id {unquote(parts.fragment)!r}"


def main(argv: list[str] | None = None) -> int:
    """Print every problem of the site; 1 if there is any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the folder mkdocs built")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site}: not a built site (no index.html)")
        return 1
    found = list(problems(arguments.site))
    for line in found:
        print(line)
    pages = sum(1 for _ in arguments.site.rglob("*.html"))
    print(f"{pages} pages checked, {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
