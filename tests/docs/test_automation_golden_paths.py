"""The notebook-to-package, automated training and deployment pages, as built: tested code only.

Each titled block must copy exactly the snippet file or section it includes, and the notebook
page must render the notebook without fetching anything from outside the site.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "golden-paths/notebook-to-package.md",
    "golden-paths/automated-training.md",
    "golden-paths/automated-deployment.md",
]
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$', re.MULTILINE)
BLOCK = re.compile(
    r'<span class="filename">(?P<title>[^<]*)</span><pre>.*?<code>(?P<code>.*?)</code></pre>',
    re.DOTALL,
)


def expected(path: str, section: str | None) -> str:
    """The file, or the lines between a section's markers, as the tests run them."""
    lines = (ROOT / path).read_text().splitlines()
    if section is not None:
        start = lines.index(f"# --8<-- [start:{section}]")
        lines = lines[start + 1 : lines.index(f"# --8<-- [end:{section}]", start)]
    return "\n".join(lines).strip("\n")


@pytest.mark.parametrize("source", PAGES)
def test_every_block_copies_exactly_the_tested_snippet(built_site, source):
    includes = list(INCLUDE.finditer((ROOT / "docs" / source).read_text()))
    built = built_site.page(source).read_text()
    blocks = [
        (b["title"], html.unescape(re.sub(r"<[^>]+>", "", b["code"])).strip("\n"))
        for b in BLOCK.finditer(built)
    ]
    assert len(includes) >= 4
    # A project file is titled with its path in the project; a notebook cell says so.
    titles = [i["path"].removeprefix("snippets/demand-forecast/") for i in includes]
    # Commands and their outputs are run by the copy-paste test; here only included code.
    files = [(t, c) for t, c in blocks if t not in ("Output", "In a second terminal")]
    assert [t for t, _ in files if not t.startswith("Notebook cell")] == [
        t for t in titles if not t.startswith("snippets/notebook_to_package")
    ]
    for include, (_, copied) in zip(includes, files, strict=True):
        assert copied == expected(include["path"], include["section"]), include[0]


def test_each_requirement_section_is_on_its_page(built_site):
    page = built_site.page("golden-paths/automated-deployment.md").read_text()
    assert 'id="tr-019"' in page and 'id="tr-017"' in page
    assert 'id="tr-010"' in built_site.page("golden-paths/automated-training.md").read_text()


def test_the_notebook_is_a_page_of_the_site_without_offsite_scripts(built_site):
    page = (
        built_site.directory / "notebooks/demand_forecasting_exploration/index.html"
    ).read_text()
    assert "Exploring demand: a level-0 notebook" in page
    assert "RandomForestRegressor" in page
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]*)"', page)
    assert [src for src in scripts if re.match(r"(https?:)?//", src)] == []
    assert "require.js" not in page
