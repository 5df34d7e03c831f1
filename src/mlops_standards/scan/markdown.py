"""Documents as sections: each heading with its line and the text written under it.

Markdown is read as tokens by markdown-it-py (a CommonMark parser that gives each block its
source lines), so a `#` inside a code block is not a heading and a heading's section ends at
the next heading. reStructuredText headings are found by their underlines. Front matter is
publishing metadata, not content, and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what is written under it, up to the next heading of any level."""

    heading: str
    level: int
    line: int
    """1-based line of the heading (0 for text before the first heading)."""
    text: str
    """The section's own text: paragraphs, list items, table cells and code, joined."""
    blocks: tuple[str, ...] = ()
    """The kinds of block in it: `paragraph`, `list`, `table`, `code`."""
    end_line: int = 0
    """The last line of the section's own text."""
    images: int = 0
    """Pictures in it (`![...](...)` or `<img>`): a diagram says as much as a paragraph."""

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """One Markdown or reStructuredText file as sections, in order."""

    path: str
    sections: tuple[Section, ...]

    def under(self, section: Section) -> list[Section]:
        """`section` and the deeper sections that follow it, up to the next of its level."""
        start = self.sections.index(section)
        found = [section]
        for other in self.sections[start + 1 :]:
            if other.level <= section.level and other.line:
                break
            found.append(other)
        return found


@cache
def _parser():  # built once: creating a parser costs more than parsing a page
    from markdown_it import MarkdownIt

    # Blocks only: the sections need each block's source text, never its inline markup, and
    # inline parsing is most of a parse's cost.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def _without_front_matter(text: str) -> str:
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


def markdown_sections(text: str) -> tuple[Section, ...]:
    """The sections of a Markdown text."""
    tokens = _parser().parse(_without_front_matter(text))
    sections: list[Section] = []
    heading, level, line = "", 0, 0
    parts: list[str] = []
    blocks: list[str] = []
    end = 0
    in_heading = False
    container = ""
    images = [0]  # <img> tags, which the text loses when markup is stripped

    def close() -> None:
        if heading or parts:
            text = "\n".join(parts)
            pictures = text.count("![") + images[0]
            sections.append(Section(heading, level, line, text, tuple(blocks), end, pictures))

    for token in tokens:
        if token.type == "heading_open":
            close()
            level, line = int(token.tag[1:]), (token.map[0] + 1 if token.map else 0)
            heading, parts, blocks, end, in_heading = "", [], [], line, True
            images[0] = 0
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and in_heading:
            heading = token.content.strip()
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            container = container or "list"
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            container = ""
        elif token.type == "table_open":
            container = "table"
        elif token.type == "table_close":
            container = ""
        elif token.type == "inline":
            images[0] += token.content.lower().count("<img")
            parts.append(token.content)
            kind = container or "paragraph"
            if kind not in blocks:
                blocks.append(kind)
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
            if "code" not in blocks:
                blocks.append("code")
        elif token.type in ("html_block", "html_inline"):
            images[0] += token.content.lower().count("<img")
            parts.append(TAG.sub(" ", token.content))
        if token.map and not in_heading:
            end = max(end, token.map[1])
    close()
    return tuple(sections)


def rst_sections(text: str) -> tuple[Section, ...]:
    """The sections of a reStructuredText text (headings by their underline)."""
    lines = text.splitlines()
    marks: list[tuple[int, str, int]] = []
    levels: list[str] = []
    for number in range(1, len(lines)):
        title, under = lines[number - 1].strip(), lines[number]
        if title and RST_UNDERLINE.match(under) and len(under.strip()) >= len(title) - 1:
            char = under.strip()[0]
            if char not in levels:
                levels.append(char)
            marks.append((number, title, levels.index(char) + 1))
    sections: list[Section] = []
    starts = [(0, "", 0), *marks]
    for index, (line, title, level) in enumerate(starts):
        stop = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines) + 1
        body = lines[line + 1 if line else 0 : max(stop - 1, 0)]
        body_text = "\n".join(body).strip()
        if title or body_text:
            sections.append(
                Section(
                    title, level, line, body_text, ("paragraph",) if body_text else (), stop - 1
                )
            )
    return tuple(sections)


def document(path: str, text: str) -> Document:
    """A document's sections, by its kind (`.rst` or Markdown)."""
    if path.lower().endswith(".rst"):
        return Document(path, rst_sections(text))
    return Document(path, markdown_sections(text))
