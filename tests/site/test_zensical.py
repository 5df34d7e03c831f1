"""The site under Zensical, Material for MkDocs' successor, which reads the same mkdocs.yml.

Zensical runs Python-Markdown extensions but no MkDocs hook or plugin of ours, so these tests
prove that the catalog-generated content comes from the `mlops_standards.site.markers`
extension: built by Zensical, the standards, maturity-model and crosswalk pages hold it.
The MkDocs build remains the one that ships (see docs/contributing.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlops_standards.catalog import DIMENSIONS, load
from tests.conftest import OFFLINE
from tests.docs.test_built_site import Page

pytestmark = pytest.mark.slow
ZENSICAL = Path(sys.executable).with_name("zensical")
# What a build reads from the repository; the package itself is installed.
SOURCES = ("docs", "snippets", "examples", "mkdocs.yml")


@dataclass(frozen=True)
class Build:
    directory: Path
    returncode: int
    log: str

    def page(self, path: str) -> Page:
        return Page((self.directory / path / "index.html").read_text(encoding="utf-8"))


def zensical_build(project: Path) -> Build:
    """`zensical build` of `project`, offline, with the strictness mkdocs.yml asks for."""
    result = subprocess.run(
        [str(ZENSICAL), "build", "--clean"],
        cwd=project,
        env={**os.environ, **OFFLINE},
        capture_output=True,
        text=True,
        check=False,
    )
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    return Build(project / "site", result.returncode, log)


def copy_project(repo_root: Path, target: Path) -> Path:
    target.mkdir()
    for name in SOURCES:
        source = repo_root / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True)
        else:
            shutil.copy2(source, target / name)
    # The schema is linked from the report package; point the link at the real file.
    link = target / "docs" / "checker" / "report-schema.json"
    link.unlink()
    link.symlink_to(repo_root / "src" / "mlops_standards" / "report" / "report-schema.json")
    return target


@pytest.fixture(scope="module")
def built(repo_root, tmp_path_factory) -> Build:
    build = zensical_build(copy_project(repo_root, tmp_path_factory.mktemp("z") / "project"))
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def catalog():
    return load()


def text_of(page: Page) -> str:
    return " ".join(" ".join(page.text).split())


def test_the_standards_pages_hold_every_requirement(built, catalog):
    for area in catalog.areas:
        page = built.page(f"standards/{area.slug}")
        for requirement in catalog.in_area(area.prefix):
            assert requirement.anchor in page.ids, requirement.id
            assert f"{requirement.id} · {requirement.title}" in text_of(page), requirement.id


def test_the_maturity_model_holds_the_matrix_the_journeys_and_the_level_tables(built, catalog):
    page = built.page("maturity-model")
    text = text_of(page)
    listed = {row[0] for row in page.rows if row}
    assert {r.id for r in catalog} <= listed
    for level in catalog.levels:
        assert f"figure-journey-{level.level}" in page.ids
        for key in DIMENSIONS:
            assert level.dimensions[key] in text


def test_the_crosswalk_lists_every_statement_with_requirement_titles(built, catalog):
    page = built.page("crosswalk")
    numbers = {int(row[0]) for row in page.rows if row and row[0].isdigit()}
    assert numbers == set(range(1, 61))
    assert f"TR-005 {catalog.get('TR-005').title}" in text_of(page)


def test_a_wrong_marker_fails_the_zensical_build_and_names_the_page(repo_root, tmp_path):
    project = copy_project(repo_root, tmp_path / "project")
    page = project / "docs" / "changelog.md"
    page.write_text(page.read_text() + "\n<!-- mlops:heading TR-999 -->\n", encoding="utf-8")
    build = zensical_build(project)
    assert build.returncode != 0
    assert "changelog.md: mlops:heading: unknown ID 'TR-999'" in build.log
