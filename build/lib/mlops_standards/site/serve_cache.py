"""`mkdocs serve` rebuilds only what an edit can change; `mkdocs build` never uses this.

MkDocs rebuilds the whole site after every save. Most of that time goes into converting each
page's Markdown and indexing it for search, although one edit changes one page. This cache
keeps, per page, what its conversion produced, keyed on everything the conversion reads:

- the page's own Markdown;
- every file under the folders it may include or render from (`snippets/`, `examples/`, the
  package `src/mlops_standards/`, which holds the catalog, the figures and the report schema),
  by size and modification time;
- the names of all documentation files, since a link is rewritten by whether its target exists;
- the configuration file.

Any change to those gives a new key, so the page is converted again; nothing is served stale.
Pages rendered by plugins (mkdocstrings' `:::` blocks, which register cross-reference anchors
while converting, and mkdocs-jupyter's notebooks) are always converted. The search index keeps
each page's entries under the same rule: same HTML, same entries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

# Folders of the project whose files a page's conversion may read.
INPUT_FOLDERS = ("snippets", "examples", "src/mlops_standards")


@dataclass
class Rendered:
    """What `Page.render` leaves on a page, to put back without converting again."""

    key: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors on other pages, by the target's source path (File objects are per build)."""


class TemplateCode(BytecodeCache):
    """Compiled theme templates, in memory. MkDocs makes a new Jinja environment per rebuild,
    which would compile every template again; Jinja checks each template's source checksum
    before it reuses the code, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ServeCache:
    """Per-page conversion results and search entries, kept across the rebuilds of one server."""

    def __init__(self) -> None:
        self.pages: dict[str, Rendered] = {}
        self.search: dict[str, list[dict[str, Any]]] = {}
        self.templates = TemplateCode()
        self.inputs = ""
        self.hits = 0

    def start_build(self, config_file: Path, doc_files: list[str]) -> None:
        """Take the fingerprint of everything but the pages themselves, once per build."""
        digest = hashlib.sha256()
        for folder in INPUT_FOLDERS:
            for path in sorted((config_file.parent / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    stat = path.stat()
                    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        digest.update("\n".join(sorted(doc_files)).encode())
        digest.update(config_file.read_bytes())
        self.inputs = digest.hexdigest()
        self.hits = 0

    def key(self, src_uri: str, markdown: str) -> str:
        return hashlib.sha256(f"{self.inputs}\0{src_uri}\0{markdown}".encode()).hexdigest()

    def wrap_render(self, page: Any, markdown: str) -> None:
        """Make `page.render` reuse the last conversion when nothing it reads has changed."""
        if not page.file.src_uri.endswith(".md") or "\n::: " in f"\n{markdown}":
            return
        key = self.key(page.file.src_uri, markdown)
        kept = self.pages.get(page.file.src_uri)
        convert = page.render

        def render(config: Any, files: Any) -> None:
            if kept is not None and kept.key == key:
                self.hits += 1
                page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
                page.present_anchor_ids = kept.anchors
                if kept.links is not None:
                    page.links_to_anchors = {
                        files.get_file_from_path(src): links for src, links in kept.links.items()
                    }
                return
            convert(config, files)
            links = page.links_to_anchors
            self.pages[page.file.src_uri] = Rendered(
                key, page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            )  # fmt: skip

        # An attribute of this page object only: the next build makes new pages.
        page.render = render

    def wrap_search(self, index: Any) -> None:
        """Make a Material search index reuse a page's entries when its HTML is unchanged."""
        add = index.add_entry_from_context

        def add_entry_from_context(page: Any) -> None:
            key = hashlib.sha256(
                f"{page.url}\0{page.title}\0{page.meta}\0{page.content}".encode()
            ).hexdigest()
            if key not in self.search:
                before = len(index.entries)
                add(page)
                self.search[key] = index.entries[before:]
                return
            index.entries.extend(self.search[key])

        index.add_entry_from_context = add_entry_from_context
