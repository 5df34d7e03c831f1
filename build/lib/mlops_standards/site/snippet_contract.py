"""The snippet contract: the site shows code only by including tested modules from `snippets/`.

DESIGN.md invariant 4, as a function the test suite runs on the repository:

- every `--8<--` include in `docs/` names an existing file under `snippets/` and, with
  `file:section`, a section that file marks; never lines by number;
- every file under `snippets/` is included by some page;
- section markers `--8<-- [start:x]` / `--8<-- [end:x]` are balanced and unique per file;
- no Python code fence in `docs/` holds anything but include lines.

Includes and section markers are recognised with the very expressions `pymdownx.snippets`
uses to expand them, so the contract and the build can never read a page differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

_INCLUDE = SnippetPreprocessor.RE_ALL_SNIPPETS
_SECTION = SnippetPreprocessor.RE_SNIPPET_SECTION
_TARGET = SnippetPreprocessor.RE_SNIPPET_FILE

# Fence info strings that mean Python (https://pygments.org/docs/lexers/, Python aliases).
PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3", "pycon", "pyi", "ipython3"})
# Files and folders under snippets/ that are plumbing or tool output, not examples: the
# reference project is installed in place, so its build metadata sits next to its code.
IGNORED_FILES = frozenset({"__init__.py", ".coverage"})
IGNORED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints"})
IGNORED_DIR_SUFFIXES = (".egg-info",)

_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LANGUAGE = re.compile(r"^\s*\{?\s*\.?(?P<lang>[\w+-]+)")


@dataclass(frozen=True)
class Include:
    """One `--8<--` include found in a page."""

    page: Path
    """The Markdown file holding it."""
    line: int
    """Its 1-based line number in that file."""
    target: str
    """What was written between the quotes (or on the line of a block include)."""


def violations(docs_dir: Path, snippets_dir: Path, root: Path) -> list[str]:
    """Every breach of the snippet contract, as `path:line: what is wrong`, sorted.

    Args:
        docs_dir: the folder of Markdown pages (`docs/`).
        snippets_dir: the folder of snippet modules (`snippets/`).
        root: the folder includes are resolved against (`pymdownx.snippets`' `base_path`).

    Returns:
        One message per problem; empty when the contract holds.
    """
    root, snippets_dir = root.resolve(), snippets_dir.resolve()
    problems: list[str] = []
    included: set[Path] = set()
    marked = {path: _sections(path, root, problems) for path in _snippet_files(snippets_dir)}
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for include in _includes(page, text):
            path = _check_include(include, root, snippets_dir, marked, problems)
            if path is not None:
                included.add(path)
        problems += _inline_python(page, text, root)
    problems += [
        f"{_show(path, root)}: included by no page under {_show(docs_dir, root)}/"
        for path in marked
        if path not in included
    ]
    return sorted(problems)


def _snippet_files(snippets_dir: Path) -> list[Path]:
    if not snippets_dir.is_dir():
        return []
    return sorted(
        path
        for path in snippets_dir.rglob("*")
        if path.is_file()
        and path.name not in IGNORED_FILES
        and not IGNORED_DIRS.intersection(path.relative_to(snippets_dir).parts)
        and not any(p.endswith(IGNORED_DIR_SUFFIXES) for p in path.relative_to(snippets_dir).parts)
        and path.suffix != ".pyc"
    )


def _includes(page: Path, text: str) -> Iterator[Include]:
    """The includes of a page, read the way `SnippetPreprocessor.parse_snippets` reads them."""
    block = False
    for number, line in enumerate(text.splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match:
            if match["escape"] or (block and match["inline_marker"]):
                continue
            if match["inline_marker"]:
                yield Include(page, number, match["snippet"][1:-1].strip())
            else:
                block = not block
            continue
        target = line.strip()
        # Inside a block include each line names a file; `;` comments one out.
        if block and target and not target.startswith(";"):
            yield Include(page, number, target)


def _check_include(
    include: Include,
    root: Path,
    snippets_dir: Path,
    marked: dict[Path, set[str]],
    problems: list[str],
) -> Path | None:
    """Record what is wrong with one include; the snippet file it names when that exists."""
    where = f"{_show(include.page, root)}:{include.line}"
    parts = _TARGET.match(include.target)
    name = parts.group(1).strip() if parts else include.target
    path = (root / name).resolve()
    if not path.is_file():
        problems.append(f"{where}: includes {name!r}, which does not exist")
        return None
    if not path.is_relative_to(snippets_dir):
        problems.append(f"{where}: includes {name!r}, which is not under snippets/")
        return None
    if parts and parts.group(2):
        problems.append(
            f"{where}: includes {name!r} by line numbers {parts.group(2)!r}; "
            "mark a named section (# --8<-- [start:name]) and include that"
        )
    elif parts and parts.group(3):
        section = parts.group(3)[1:]
        if section not in marked.get(path, set()):
            problems.append(f"{where}: includes section {section!r} of {name}, which has none")
    return path


def _sections(path: Path, root: Path, problems: list[str]) -> set[str]:
    """The well-formed sections of a snippet file; records unbalanced or repeated markers."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return set()  # a binary fixture has no markers
    seen: dict[str, list[tuple[str, int]]] = {}
    for number, line in enumerate(lines, start=1):
        match = _SECTION.match(line)
        if match and not match["escape"]:
            seen.setdefault(match["name"], []).append((match["type"].lower(), number))
    good = set()
    for name, markers in seen.items():
        kinds = [kind for kind, _ in markers]
        where = f"{_show(path, root)}:{markers[0][1]}"
        if kinds == ["start", "end"]:
            good.add(name)
        elif kinds.count("start") > 1 or kinds.count("end") > 1:
            problems.append(f"{where}: section {name!r} is marked more than once ({kinds})")
        elif kinds == ["start"]:
            problems.append(f"{where}: section {name!r} starts but never ends")
        else:
            problems.append(f"{where}: section {name!r} ends before it starts ({kinds})")
    return good


def _inline_python(page: Path, text: str, root: Path) -> list[str]:
    """Python fences holding anything but includes: code the test suite never runs."""
    problems = []
    for start, language, body in _fences(text):
        if language.lower() not in PYTHON_LANGUAGES:
            continue
        block = False
        for number, line in body:
            match = _INCLUDE.match(line)
            if match and not match["escape"]:
                block = block if match["inline_marker"] else not block
                continue
            if line.strip() and not block:
                problems.append(
                    f"{_show(page, root)}:{number}: the ```{language} fence opened on line "
                    f"{start} holds code that is not an include from snippets/: "
                    f"{line.strip()[:60]!r}"
                )
                break
    return problems


def _fences(text: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """Top-level fenced code blocks: (opening line, language, numbered body lines)."""
    lines = list(enumerate(text.splitlines(), start=1))
    index = 0
    while index < len(lines):
        number, line = lines[index]
        opening = _FENCE_OPEN.match(line)
        index += 1
        if not opening or ("`" in opening["info"] and opening["fence"][0] == "`"):
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[tuple[int, str]] = []
        while index < len(lines) and not closing.match(lines[index][1]):
            body.append(lines[index])
            index += 1
        index += 1  # past the closing fence (or the end of the page, which closes it)
        language = _LANGUAGE.match(opening["info"])
        yield number, language["lang"] if language else "", body


def _show(path: Path, root: Path) -> str:
    """A path as a contributor would type it: relative to the repository when inside it."""
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)
