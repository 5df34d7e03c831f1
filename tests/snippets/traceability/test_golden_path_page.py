"""What the traceability page shows is exactly the tested code, with no snippet syntax leaking."""

import html
import re
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[3]
PAGE = ROOT / "docs/golden-paths/traceability.md"
INCLUDE = re.compile(r'^\s*--8<-- "(?P<file>[^":]+)(?::(?P<section>\w+))?"\s*$', re.M)


def section(path: Path, name: str | None) -> str:
    """The lines a page includes: the whole file, or those between a section's markers."""
    lines = path.read_text().splitlines()
    if name is not None:
        start = lines.index(f"# --8<-- [start:{name}]")
        lines = lines[start + 1 : lines.index(f"# --8<-- [end:{name}]", start)]
    return "\n".join(lines).strip("\n")


def rendered_code_blocks() -> list[str]:
    """The text of every code block of the page, as pymdownx renders it for the copy button."""
    converter = markdown.Markdown(
        extensions=["admonition", "attr_list", "pymdownx.details", "pymdownx.superfences",
                    "pymdownx.snippets", "tables"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}},
    )  # fmt: skip
    page = converter.convert(PAGE.read_text())
    blocks = re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", page, re.S)
    # Pygments wraps tokens in spans; the copy button copies the text without them.
    return [html.unescape(re.sub(r"<[^>]+>", "", block)).strip("\n") for block in blocks]


def test_every_included_file_or_section_is_shown_verbatim_without_markers():
    includes = INCLUDE.findall(PAGE.read_text())
    assert len(includes) >= 15
    shown = rendered_code_blocks()
    for file, name in includes:
        expected = section(ROOT / file, name or None)
        assert "--8<--" not in expected, (file, name)
        assert expected in shown, (file, name)


def test_every_traceability_snippet_is_on_the_page():
    included = {file for file, _ in INCLUDE.findall(PAGE.read_text())}
    snippets = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "snippets/traceability").iterdir()
        if path.is_file() and path.name != "__init__.py"
    }
    assert snippets == included


def test_python_sections_compile_as_pasted():
    for file, name in INCLUDE.findall(PAGE.read_text()):
        if file.endswith(".py"):
            compile(section(ROOT / file, name or None), f"{file}:{name}", "exec")
