"""`mkdocs serve` reuses unchanged conversions, and what it serves equals a fresh build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mlops_standards.site.serve_cache import ServeCache

pytestmark = pytest.mark.slow
HOOK = "src/mlops_standards/site/hooks.py"
SERVE_URL = "http://127.0.0.1:8000/"


def built_files(site: Path) -> dict[str, bytes]:
    """The pages and the search index: everything a conversion or the search cache feeds."""
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    found["search/search_index.json"] = (site / "search" / "search_index.json").read_bytes()
    return found


@pytest.fixture
def project(repo_root, tmp_path, monkeypatch) -> Path:
    """A copy of the site's sources to edit; the build runs from it, as `make serve` does."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("docs", "snippets", "examples"):
        shutil.copytree(repo_root / name, target / name, symlinks=True)
    shutil.copy2(repo_root / "mkdocs.yml", target / "mkdocs.yml")
    (target / Path(HOOK).parent).mkdir(parents=True)
    shutil.copy2(repo_root / HOOK, target / HOOK)
    schema = target / "docs" / "checker" / "report-schema.json"
    schema.unlink()
    schema.symlink_to(repo_root / "src" / "mlops_standards" / "report" / "report-schema.json")
    monkeypatch.chdir(target)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return target


def test_a_served_rebuild_reuses_pages_and_matches_a_fresh_build(project, tmp_path):
    served = tmp_path / "served"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    # One page and one included snippet change, as a contributor's two saves would.
    page = project / "docs" / "changelog.md"
    page.write_text(page.read_text() + "\nAn edit made while serving.\n", encoding="utf-8")
    snippet = project / "snippets" / "demand-forecast" / "src" / "demand_forecast" / "lineage.py"
    snippet.write_text(snippet.read_text() + "\n# An edit to an included file.\n")
    os.utime(snippet, ns=(snippet.stat().st_atime_ns, snippet.stat().st_mtime_ns + 10**9))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    build(config, serve_url=SERVE_URL)
    hook = config.plugins[HOOK]
    reused_after_snippet_edit = hook._cache.hits
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    build(config, serve_url=SERVE_URL)
    reused_when_nothing_changed = hook._cache.hits

    fresh = tmp_path / "fresh"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(fresh))
    config.plugins.on_startup(command="build", dirty=False)
    build(config, serve_url=SERVE_URL)

    assert reused_after_snippet_edit == 0  # an included file changed: every page converts again
    assert reused_when_nothing_changed >= 25
    assert "An edit made while serving." in (served / "changelog" / "index.html").read_text()
    assert built_files(served) == built_files(fresh)


def test_the_fingerprint_changes_with_any_input_a_page_may_read(tmp_path):
    for folder in ("snippets", "examples", "src/mlops_standards/catalog/data", "docs"):
        (tmp_path / folder).mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    catalog = tmp_path / "src/mlops_standards/catalog/data/catalog.yaml"
    catalog.write_text("version: 1.0.0\n")
    cache = ServeCache()
    seen = set()

    def fingerprint(pages: list[str]) -> str:
        cache.start_build(config, pages)
        seen.add(cache.inputs)
        return cache.inputs

    first = fingerprint(["index.md"])
    assert fingerprint(["index.md"]) == first
    catalog.write_text("version: 1.0.1\n")
    fingerprint(["index.md"])
    fingerprint(["index.md", "new.md"])
    config.write_text("site_name: y\n")
    fingerprint(["index.md", "new.md"])
    assert len(seen) == 4
    assert cache.key("a.md", "# A") != cache.key("a.md", "# B") != cache.key("b.md", "# B")
