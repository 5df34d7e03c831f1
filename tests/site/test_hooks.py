"""The MkDocs hook stops the build, naming the page, when a marker or an ID is wrong."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from mkdocs.exceptions import PluginError

from mlops_standards.catalog import load
from mlops_standards.site import hooks


@pytest.fixture(scope="module")
def catalog():
    return load()


def test_markers_expand_from_the_catalog(catalog):
    text = hooks.expand("v<!-- mlops:version -->\n<!-- mlops:count -->", "x.md", catalog)
    assert text == f"v{catalog.version}\n{len(catalog)}"
    heading = hooks.expand("<!-- mlops:heading tr-005 -->", "methodology/traceability.md", catalog)
    assert heading.startswith(f"## TR-005 · {catalog.get('TR-005').title} {{#tr-005}}")


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("<!-- mlops:tabel DOC -->", "golden-paths/x.md: unknown marker 'mlops:tabel'"),
        ("<!-- mlops:heading XX-999 -->", "golden-paths/x.md: mlops:heading: unknown ID 'XX-999'"),
        ("<!-- mlops:standards ZZ -->", "golden-paths/x.md: mlops:standards: unknown ID 'ZZ'"),
        ("<!-- mlops:heading -->", "golden-paths/x.md: mlops:heading: takes exactly one"),
        ("<!-- mlops:level two -->", "golden-paths/x.md: mlops:level: "),
    ],
)
def test_a_wrong_marker_raises_a_plugin_error_naming_the_page(catalog, markdown, message):
    with pytest.raises(PluginError) as caught:
        hooks.expand(f"# Title\n\n{markdown}\n", "golden-paths/x.md", catalog)
    assert str(caught.value).startswith(message)


def test_a_real_build_fails_and_names_the_page(tmp_path, repo_root):
    (tmp_path / "docs" / "area").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "area" / "page.md").write_text(
        "# Page\n\n<!-- mlops:heading TR-999 -->\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: tiny\nstrict: true\n"
        f"hooks:\n  - {repo_root / 'src/mlops_standards/site/hooks.py'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "area/page.md: mlops:heading: unknown ID 'TR-999'" in result.stderr + result.stdout
