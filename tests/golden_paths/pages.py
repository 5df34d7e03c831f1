"""The golden-path pages as a user sees them: code blocks with their titles, in page order."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

OUTPUT = "Output"
"""The title of a block that shows what the command before it printed."""
BACKGROUND = "In a second terminal"
"""The title of a command that keeps running while the page goes on."""
# Material's copy button copies the text of the block's <code> element.
BLOCK = re.compile(
    r'<div class="language-(?P<language>[\w-]+) highlight">'
    r'(?:<span class="filename">(?P<title>[^<]*)</span>)?<pre[^>]*>.*?<code>(?P<code>.*?)</code>',
    re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """One code block of a built page."""

    page: str
    """The page it is on, like `golden-paths/index.md`."""
    language: str
    """Its highlight language: python, bash, text..."""
    title: str
    """Its title: a project path, `Output`, `In a second terminal`, or empty."""
    text: str
    """What the copy button copies."""

    @property
    def is_file(self) -> bool:
        """A block titled with a path is a file of the project."""
        return bool(re.fullmatch(r"[\w./-]+", self.title)) and self.title != OUTPUT

    @property
    def is_command(self) -> bool:
        return self.language == "bash" and self.title in ("", BACKGROUND)


def blocks(built_page: Path, page: str) -> list[Block]:
    """Every code block of one built page, in order, as the copy button copies it."""
    found = []
    for match in BLOCK.finditer(built_page.read_text(encoding="utf-8")):
        text = html.unescape(re.sub(r"<[^>]+>", "", match["code"]))
        title = html.unescape(match["title"] or "")
        found.append(Block(page, match["language"], title, text))
    return found


class _OrderedLinks(HTMLParser):
    """The links of the first ordered list after the element with a given id."""

    def __init__(self, anchor: str) -> None:
        super().__init__()
        self.anchor, self.seen, self.depth, self.links = anchor, False, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id") == self.anchor:
            self.seen = True
        elif self.seen and tag == "ol" and not self.links:
            self.depth += 1
        elif self.depth and tag == "a":
            self.links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "ol":
            self.depth, self.seen = 0, False


def build_order(index_page: Path) -> list[str]:
    """The pages in the order the golden-path index says to follow them, as source paths."""
    parser = _OrderedLinks("build")
    parser.feed(index_page.read_text(encoding="utf-8"))
    order = []
    for href in parser.links:
        target = href.split("#")[0].strip("./").removesuffix("/")
        order.append("golden-paths/index.md" if not target else f"golden-paths/{target}.md")
    return order
