"""`mlops-standards new`: start a product from the reference project, with its name substituted.

The reference project (`snippets/demand-forecast/` in this repository) is a working, tested
repository, not a template with placeholders, so what a team starts from is exactly what the
handbook's tests run. Starting a product copies it and replaces its three spellings of the
product name.

A wheel carries a copy of it as package data (`setup.py` writes it at build time, with the
files `project_files` lists), so `mlops-standards new` works wherever the checker is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pathspec

REFERENCE_NAME = "demand-forecast"
PACKAGED = Path(__file__).resolve().parent / "reference_project" / REFERENCE_NAME
"""The copy a wheel carries."""
CHECKOUT = Path(__file__).resolve().parents[2] / "snippets" / REFERENCE_NAME
"""The project itself, in a checkout or an editable install of this repository."""
REFERENCE_PROJECT = PACKAGED if (PACKAGED / "pyproject.toml").is_file() else CHECKOUT
"""The reference project new products start from: the installed copy, else the checkout's."""
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def spellings(name: str) -> dict[str, str]:
    """The product name as a distribution, an import package and a title, each as it appears.

    Args:
        name: lower-case words joined by hyphens, such as `price-forecast`.

    Returns:
        The reference project's spelling mapped to the new one, longest first.
    """
    words = name.split("-")
    return {
        REFERENCE_NAME.replace("-", "_"): "_".join(words),
        REFERENCE_NAME: name,
        "Demand forecast": " ".join(words).capitalize(),
    }


def new_project(path: Path | str, name: str, template: Path = REFERENCE_PROJECT) -> Path:
    """Write a new product repository at `path`, the reference project renamed to `name`.

    Args:
        path: the folder to create; it must not exist or be empty.
        name: the product's name in lower case with hyphens (`price-forecast`); it becomes the
            distribution, command line and model name, and `price_forecast` the package.
        template: the project to copy; the reference project by default.

    Returns:
        The folder written.

    Raises:
        ValueError: `name` is not lower-case words joined by hyphens, or `path` is not empty.
        FileNotFoundError: the template is missing (an installed copy without the project).
    """
    if not NAME.match(name):
        raise ValueError(f"name {name!r}: use lower-case words joined by hyphens")
    target = Path(path)
    if target.exists() and any(target.iterdir()):
        raise ValueError(f"{target} is not empty")
    if not (template / "pyproject.toml").is_file():
        raise FileNotFoundError(f"no project to copy at {template}")
    replacements = spellings(name)
    for relative in project_files(template):
        destination = target / _renamed(relative, replacements)
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = (template / relative).read_text(encoding="utf-8")
        destination.write_text(_renamed(text, replacements), encoding="utf-8")
    return target


def project_files(project: Path) -> Iterator[str]:
    """The files of a project that belong in a copy of it, as POSIX paths relative to it.

    What the project's own .gitignore keeps out of git stays out (a tracking store, a virtual
    environment, generated documents), and so do tool caches.
    """
    ignore_file = project / ".gitignore"
    patterns = ignore_file.read_text(encoding="utf-8").splitlines() if ignore_file.is_file() else []
    ignored = pathspec.GitIgnoreSpec.from_lines(
        [*patterns, "*.egg-info/", "__pycache__/", ".pytest_cache/", ".ruff_cache/"]
    )
    for source in sorted(project.rglob("*")):
        relative = source.relative_to(project).as_posix()
        if source.is_file() and not ignored.match_file(relative):
            yield relative


def _renamed(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text
