"""The built site agrees with the catalog, links resolve, and nothing is loaded from outside it.

One strict build per session (the `built_site` fixture); every test reads its HTML with
`html.parser`, never with regular expressions over markup.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mlops_standards.catalog import Catalog, load

# Elements that never have an end tag (https://html.spec.whatwg.org/#void-elements).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Attributes through which a browser fetches something by itself.
FETCHED = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "link": ("href",),
}  # fmt: skip
# `<link rel>` values that name a page rather than load one.
LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "next", "prev", "author", "license", "me"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>.*?)\1\s*\)|@import\s+(['"])(?P<imp>.*?)\3""")
# Code blocks that may show the include syntax itself (escaped), e.g. on the contributing page.
PROSE_LANGUAGES = {"markdown", "md", "text", "txt"}


class Page(HTMLParser):
    """What the tests need from one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.fetched: list[str] = []
        self.footer = ""
        self.code_blocks: list[tuple[str, str]] = []  # (language, text)
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # (tag, classes) of open elements
        self._cell: list[str] | None = None
        self._code: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        self._record_fetches(tag, attributes)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "pre":
            self._code = []
            languages = [c for _, cs in self._open for c in cs if c.startswith("language-")]
            self.code_blocks.append(
                (languages[-1].removeprefix("language-") if languages else "", "")
            )
        if tag not in VOID:
            self._open.append((tag, classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        self._record_fetches(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "pre" and self._code is not None:
            language, _ = self.code_blocks[-1]
            self.code_blocks[-1] = (language, "".join(self._code))
            self._code = None
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open and self._open[-1][0] == "style":
            self.fetched += css_urls(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._code is not None:
            self._code.append(data)
        if any("md-copyright" in classes for _, classes in self._open):
            self.footer += data

    def _record_fetches(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "link" and set(attributes.get("rel", "").split()) <= LINK_RELS_NOT_FETCHED:
            return
        for name in FETCHED.get(tag, ()):
            if name in attributes:
                # srcset holds "url width, url width"; every other attribute one URL.
                urls = attributes[name].split(",") if name == "srcset" else [attributes[name]]
                self.fetched += [url.split()[0] for url in urls if url.strip()]
        self.fetched += css_urls(attributes.get("style", ""))


def css_urls(css: str) -> list[str]:
    """Every `url(...)` and `@import` target in a piece of CSS."""
    return [m["url"] or m["imp"] for m in CSS_URL.finditer(css)]


def is_external(url: str) -> bool:
    """Whether fetching `url` would leave the site (data: and blob: URLs stay inside)."""
    parts = urlsplit(url.strip())
    return parts.scheme not in ("", "data", "blob") or bool(parts.netloc)


@cache
def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load()


def html_files(built_site) -> list[Path]:
    return sorted(built_site.directory.rglob("*.html"))


def test_the_strict_build_has_no_warning(built_site):
    log = re.sub(r"\x1b\[[0-9;]*m", "", built_site.log)
    assert not [line for line in log.splitlines() if re.match(r"\s*WARNING\b", line)], log
    assert (built_site.directory / "index.html").is_file()


@pytest.mark.parametrize("kind", ["methodology", "golden_path"])
def test_every_requirement_link_resolves_to_an_element(built_site, catalog, kind):
    missing = []
    for requirement in catalog:
        target = getattr(requirement, kind)
        source, _, anchor = target.partition("#")
        html = built_site.page(source)
        if not html.is_file() or anchor not in parse(html).ids:
            missing.append(f"{requirement.id}: {target}")
    assert missing == []


def test_each_standards_page_holds_every_requirement_of_its_area(built_site, catalog):
    for area in catalog.areas:
        page = parse(built_site.page(f"standards/{area.slug}.md"))
        text = " ".join(" ".join(page.text).split())
        for requirement in catalog.in_area(area.prefix):
            assert requirement.anchor in page.ids, requirement.id
            assert f"{requirement.id} · {requirement.title}" in text, requirement.id
            # The "Why" link of every requirement lands on its methodology section.
            methodology = f"../../methodology/{area.slug}/#{requirement.anchor}"
            assert methodology in page.links, (requirement.id, methodology)


def test_the_crosswalk_lists_every_mma_statement(built_site):
    page = parse(built_site.page("crosswalk.md"))
    numbers = {int(row[0]) for row in page.rows if row and row[0].isdigit()}
    assert numbers == set(range(1, 61))


def test_the_maturity_model_lists_what_each_level_adds(built_site, catalog):
    page = parse(built_site.page("maturity-model.md"))
    listed = {row[0] for row in page.rows if row}
    assert {r.id for r in catalog} <= listed


def test_every_page_shows_the_standards_version_in_its_footer(built_site, catalog):
    pages = html_files(built_site)
    assert len(pages) >= 20
    without = [p.relative_to(built_site.directory).as_posix() for p in pages
               if f"v{catalog.version}" not in parse(p).footer]  # fmt: skip
    assert without == []


def test_the_changelog_lists_the_current_version(built_site, catalog):
    page = parse(built_site.page("changelog.md"))
    assert f"v{catalog.version.replace('.', '-')}" in page.ids


def test_no_page_or_stylesheet_fetches_anything_from_outside_the_site(built_site):
    external = []
    for path in html_files(built_site):
        name = path.relative_to(built_site.directory).as_posix()
        external += [f"{name}: {url}" for url in parse(path).fetched if is_external(url)]
    for path in built_site.directory.rglob("*.css"):
        name = path.relative_to(built_site.directory).as_posix()
        urls = css_urls(path.read_text(encoding="utf-8"))
        external += [f"{name}: {url}" for url in urls if is_external(url)]
    assert external == []


def test_no_code_block_shows_an_unexpanded_include(built_site):
    leftovers = [
        f"{path.relative_to(built_site.directory)}: {text.strip()[:80]!r}"
        for path in html_files(built_site)
        for language, text in parse(path).code_blocks
        if "--8<--" in text and language not in PROSE_LANGUAGES
    ]
    assert leftovers == []


def test_no_page_keeps_an_unexpanded_marker(built_site):
    left = [
        path.relative_to(built_site.directory).as_posix()
        for path in html_files(built_site)
        if "<!-- mlops:" in path.read_text(encoding="utf-8")
    ]
    assert left == []


def test_the_crosswalk_gives_each_requirement_its_title(built_site, catalog):
    page = parse(built_site.page("crosswalk.md"))
    cells = [cell for row in page.rows for cell in row]
    for requirement in catalog:
        if requirement.sources.mma:
            assert any(f"{requirement.id} {requirement.title}" in c for c in cells), requirement.id


def test_every_requirement_links_its_three_places_both_ways(built_site, catalog):
    """Standard -> why and how; methodology -> standard and how; golden path -> standard and why."""
    missing = []
    for r in catalog:
        slug = catalog.area(r.area).slug
        standard = f"standards/{slug}.md#{r.anchor}"
        for here, others in (
            (standard, (r.methodology, r.golden_path)),
            (r.methodology, (standard, r.golden_path)),
            (r.golden_path, (standard, r.methodology)),
        ):
            links = {
                _resolve(here, link) for link in parse(built_site.page(here.split("#")[0])).links
            }
            missing += [f"{r.id}: {here} -> {o}" for o in others if _site_url(o) not in links]
    assert missing == []


def _site_url(target: str) -> str:
    """`standards/x.md#a` as the built site's URL path, `standards/x/#a`."""
    path, _, anchor = target.partition("#")
    stem = re.sub(r"(^|/)index\.md$|\.md$", "", path)
    return f"{stem}/#{anchor}" if stem else f"#{anchor}"


def _resolve(page: str, href: str) -> str:
    """A link found on `page` (a source path), as a URL path from the site's root."""
    base = _site_url(page).split("#")[0]
    parts = [p for p in base.split("/") if p]
    path, _, anchor = href.partition("#")
    for piece in path.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + ("/" if path else "") + (f"#{anchor}" if anchor else "")


def test_the_parser_sees_what_the_checks_rely_on():
    """Guard the guards: a page with one of each thing the tests above look for."""
    page = Page(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<link rel="canonical" href="https://example.org/">'
        "<style>p{background:url(https://x.example/c.png)}</style></head><body>"
        ""
        '<h2 id="tr-005">T</h2><img src="//img.example/a.png" srcset="a.png 1x, b.png 2x">'
        "<div style=\"background:url('http://x.example/b.png')\"></div>"
        '<table><tr><td>7</td><td>x</td></tr></table><a href="../m/#tr-005">Why</a>'
        '<div class="language-python highlight"><pre><code>--8&lt;-- "x"</code></pre></div>'
        '<footer><div class="md-copyright">MLOps standards v1.2.3</div></footer></body></html>'
    )
    assert "tr-005" in page.ids and page.links == ["../m/#tr-005"]
    assert [url for url in page.fetched if is_external(url)] == [
        "https://cdn.example/x.css", "https://x.example/c.png", "//img.example/a.png",
        "http://x.example/b.png",
    ]  # fmt: skip
    assert page.rows == [["7", "x"]] and page.footer == "MLOps standards v1.2.3"
    assert page.code_blocks == [("python", '--8<-- "x"')]
    assert css_urls("@import 'https://fonts.example/a.css'; a{b:url(data:x)}") == [
        "https://fonts.example/a.css", "data:x",
    ]  # fmt: skip
    assert not is_external("data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org'/>")
