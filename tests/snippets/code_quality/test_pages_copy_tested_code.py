"""The copy button on the code-quality and documentation golden paths copies the tested code.

Each include on the page must come out of the built site as exactly the file, or the named
section of it, that the tests run: no `--8<--` markers, no annotation markup, nothing added.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PAGES = ["golden-paths/code-quality.md", "golden-paths/documentation.md"]
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$', re.MULTILINE)
MARKER = re.compile(r"--8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]")
# A highlighted block: its title, then the <code> element the copy button reads.
BLOCK = re.compile(
    r'<span class="filename">(?P<title>[^<]*)</span><pre>.*?<code>(?P<code>.*?)</code></pre>',
    re.DOTALL,
)


def snippet_text(path: str, section: str | None) -> str:
    """The lines pymdownx.snippets should insert: the file or one section, markers dropped."""
    lines, inside = [], section is None
    for line in (ROOT / path).read_text().splitlines():
        marker = MARKER.search(line)
        if marker is None:
            lines += [line] if inside else []
        elif section is not None and marker["name"] == section:
            inside = marker["kind"] == "start"
    return "\n".join(lines).strip("\n")


def copied_blocks(page: Path) -> list[tuple[str, str]]:
    """(title, text the copy button copies) for each titled code block of a built page."""
    return [
        (block["title"], html.unescape(re.sub(r"<[^>]+>", "", block["code"])).strip("\n"))
        for block in BLOCK.finditer(page.read_text())
    ]


@pytest.mark.parametrize("source", PAGES)
def test_every_included_block_copies_exactly_the_tested_file(built_site, source):
    includes = list(INCLUDE.finditer((ROOT / "docs" / source).read_text()))
    blocks = copied_blocks(built_site.page(source))
    assert includes, f"{source} includes no snippet"
    assert len(blocks) == len(includes)
    for include, (title, copied) in zip(includes, blocks, strict=True):
        assert title == include["path"]
        assert "--8<--" not in copied
        assert copied == snippet_text(include["path"], include["section"]), include[0]
