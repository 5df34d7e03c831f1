"""The example project's layout: a src/ package, tests mirroring it, a tree that tells the truth."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

# Left behind by running the project's tools locally; git ignores them.
CACHES = {"__pycache__", ".pytest_cache", ".ruff_cache", "site"}
LAYOUT = Path(__file__).resolve().parents[3] / "snippets" / "code_quality" / "project_layout.txt"


def files_in_tree(text: str) -> set[str]:
    """Paths of the files a `tree`-style drawing names, from its indentation."""
    files, parents = set(), []
    for line in text.splitlines()[1:]:
        match = re.match(r"^([│ ]   )*[├└]── (\S+)", line)
        assert match, f"not a tree line: {line!r}"
        depth = (match.start(2) - 4) // 4
        name = match[2]
        parents[depth:] = [name.rstrip("/")]
        if not name.endswith("/"):
            files.add("/".join(parents))
    return files


def test_the_layout_drawing_lists_exactly_the_files_of_the_project(project):
    on_disk = {
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and not CACHES.intersection(path.parts)
    }
    assert files_in_tree(LAYOUT.read_text()) == on_disk


def test_pyproject_declares_an_installable_src_package(project):
    config = tomllib.loads((project / "pyproject.toml").read_text())
    assert config["build-system"]["build-backend"] == "setuptools.build_meta"
    assert config["project"]["name"] == "demand-forecast"
    assert re.fullmatch(r"\d+\.\d+\.\d+", config["project"]["version"])
    assert config["tool"]["setuptools"]["packages"]["find"]["where"] == ["src"]
    assert (project / "src" / "demand_forecast" / "__init__.py").is_file()
    assert "pytest>=8" in config["project"]["optional-dependencies"]["test"]


def test_every_package_module_has_a_test_module(project):
    package = project / "src" / "demand_forecast"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert modules == {"features", "train", "api"}
    for module in modules:
        assert (project / "tests" / f"test_{module}.py").is_file(), module


def test_pytest_settings_find_the_src_package_without_installing(project):
    settings = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["pytest"]
    assert settings["ini_options"]["pythonpath"] == ["src"]
    assert "--import-mode=importlib" in settings["ini_options"]["addopts"]
