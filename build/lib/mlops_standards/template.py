"""`mlops-standards new`: start a product from the reference project, with its name substituted.

The reference project (`snippets/demand-forecast/` in this repository) is a working, tested
repository, not a template with placeholders, so what a team starts from is exactly what the
handbook's tests run. Starting a product copies it and replaces its three spellings of the
product name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pathspec

REFERENCE_PROJECT = Path(__file__).resolve().parents[2] / "snippets" / "demand-forecast"
"""The reference project, in a checkout or an editable install of this repository."""
REFERENCE_NAME = "demand-forecast"
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
    # What the project's own .gitignore keeps out of git stays out of the copy too.
    patterns = (template / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = pathspec.GitIgnoreSpec.from_lines(
        [*patterns, "*.egg-info/", ".pytest_cache/", ".ruff_cache/"]
    )
    replacements = spellings(name)
    for source in sorted(template.rglob("*")):
        relative = source.relative_to(template).as_posix()
        if not source.is_file() or ignored.match_file(relative):
            continue
        destination = target / _renamed(relative, replacements)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(
            _renamed(source.read_text(encoding="utf-8"), replacements), encoding="utf-8"
        )
    return target


def _renamed(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text
