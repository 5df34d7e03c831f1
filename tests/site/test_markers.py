"""The catalog-marker Markdown extension: what markers render, and how a wrong one stops a build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from mlops_standards.catalog import load
from mlops_standards.catalog.loader import default_directory
from mlops_standards.site import markers
from mlops_standards.site.markers import CatalogMarkers, Context, MarkerError, expand


@pytest.fixture(scope="module")
def catalog():
    return load()


def context(catalog, page: str = "x.md", root: Path = Path(".")) -> Context:
    return Context(catalog=catalog, page=page, root=root)


def test_markers_expand_from_the_catalog(catalog):
    text = expand("v<!-- mlops:version -->\n<!-- mlops:count -->", context(catalog))
    assert text == f"v{catalog.version}\n{len(catalog)}"
    heading = expand(
        "<!-- mlops:heading tr-005 -->", context(catalog, "methodology/traceability.md")
    )
    assert heading.startswith(f"## TR-005 · {catalog.get('TR-005').title} {{#tr-005}}")


def test_a_heading_links_to_the_two_other_places_of_its_requirement(catalog):
    methodology = expand(
        "<!-- mlops:heading TR-005 -->", context(catalog, "methodology/traceability.md")
    )
    assert "[Standard](../standards/traceability.md#tr-005)" in methodology
    assert "[How: golden path](../golden-paths/traceability.md#tr-005)" in methodology
    assert "Why: methodology" not in methodology
    golden = expand(
        "<!-- mlops:heading TR-010 -->", context(catalog, "golden-paths/automated-training.md")
    )
    assert "[Why: methodology](../methodology/traceability.md#tr-010)" in golden
    assert "How: golden path" not in golden


def test_a_reference_brings_the_title_from_the_catalog(catalog):
    text = expand("See <!-- mlops:req TR-005 -->.", context(catalog, "organisation/llm.md"))
    assert (
        text
        == f"See [TR-005](../standards/traceability.md#tr-005) *{catalog.get('TR-005').title}*."
    )
    listed = expand("<!-- mlops:requirements TR-005 MON-007 -->", context(catalog, "a.md"))
    assert listed.count("\n- ") == 1 and "[why](methodology/monitoring.md#mon-007)" in listed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- mlops:tabel DOC -->", "golden-paths/x.md: unknown marker 'mlops:tabel'"),
        ("<!-- mlops:heading XX-999 -->", "golden-paths/x.md: mlops:heading: unknown ID 'XX-999'"),
        ("<!-- mlops:standards ZZ -->", "golden-paths/x.md: mlops:standards: unknown ID 'ZZ'"),
        ("<!-- mlops:heading -->", "golden-paths/x.md: mlops:heading: takes exactly one"),
        ("<!-- mlops:level two -->", "golden-paths/x.md: mlops:level: "),
        ("<!-- mlops:req TR-999 -->", "golden-paths/x.md: mlops:req: unknown ID 'TR-999'"),
        ("<!-- mlops:requirements -->", "golden-paths/x.md: mlops:requirements: takes one or more"),
        ("<!-- mlops:figure nope -->", "golden-paths/x.md: mlops:figure: no figure named 'nope'"),
        ("<!-- mlops:journey 7 -->", "golden-paths/x.md: mlops:journey: no level 7"),
        ("<!-- mlops:dimensions 1 -->", "golden-paths/x.md: mlops:dimensions: takes no arguments"),
    ],
)
def test_a_wrong_marker_raises_an_error_naming_the_page(catalog, text, message):
    with pytest.raises(MarkerError) as caught:
        expand(f"# Title\n\n{text}\n", context(catalog, "golden-paths/x.md"))
    assert str(caught.value).startswith(message)


def test_marker_in_a_fence_is_left_as_written(catalog):
    page = "```markdown\n<!-- mlops:version -->\n```\n"
    assert expand(page, context(catalog, "contributing.md")) == page


def test_marker_outside_a_fence_on_the_same_page_is_expanded(catalog):
    page = "~~~text\n<!-- mlops:count -->\n~~~\n\nVersion <!-- mlops:version -->.\n"
    out = expand(page, context(catalog, "contributing.md"))
    assert "<!-- mlops:count -->" in out
    assert f"Version {catalog.version}." in out


def test_every_marker_of_a_line_is_expanded(catalog):
    text = expand("<!-- mlops:req TR-005 --> and <!-- mlops:req TR-006 -->", context(catalog))
    assert "<!--" not in text and catalog.get("TR-006").title in text


def test_indented_marker_output_keeps_its_indent(catalog):
    out = expand('=== "Tab"\n\n    <!-- mlops:level 1 -->\n', context(catalog, "maturity-model.md"))
    table_lines = [line for line in out.splitlines() if line.lstrip().startswith("|")]
    assert table_lines and all(line.startswith("    |") for line in table_lines)


def test_the_extension_renders_with_plain_python_markdown_given_a_page(catalog):
    html = markdown.markdown(
        "Version <!-- mlops:version -->", extensions=[CatalogMarkers(page="index.md")]
    )
    assert html == f"<p>Version {catalog.version}</p>"


def test_the_extension_refuses_to_guess_the_page():
    with pytest.raises(MarkerError, match="no page path"):
        markdown.markdown("<!-- mlops:version -->", extensions=[CatalogMarkers()])


def test_the_catalog_is_loaded_again_only_after_an_edit(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(default_directory(), folder)
    first = markers.catalog(folder)
    assert markers.catalog(folder) is first
    meta = folder / "catalog.yaml"
    meta.write_text(meta.read_text().replace(f"version: {first.version}", "version: 9.9.9", 1))
    assert markers.catalog(folder).version == "9.9.9"


def test_a_report_marker_runs_the_checker_on_the_example(catalog, repo_root):
    text = expand(
        "<!-- mlops:report examples/demand-forecast json -->", context(catalog, root=repo_root)
    )
    assert text.startswith("```json\n") and '"standards_version"' in text
    assert str(repo_root) not in text  # paths are shown relative, the same on every machine


def build(tmp_path: Path, page: str, *flags: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs" / "area").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "area" / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: tiny\nmarkdown_extensions:\n  - attr_list\n  - mlops_standards.site.markers\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_real_build_renders_markers_relative_to_their_page(tmp_path, catalog):
    # Not strict: this tiny site has no standards page, so the links are reported as missing.
    result = build(tmp_path, "# Page\n\n<!-- mlops:heading TR-005 -->\n")
    html = (tmp_path / "out" / "area" / "page" / "index.html").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert 'id="tr-005"' in html and catalog.get("TR-005").title in html
    # The extension learnt the page's path from MkDocs: links climb out of area/.
    assert 'href="../standards/traceability.md#tr-005"' in html


def test_a_real_build_fails_and_names_the_page(tmp_path):
    result = build(tmp_path, "# Page\n\n<!-- mlops:heading TR-999 -->\n", "--strict")
    assert result.returncode != 0
    assert "area/page.md: mlops:heading: unknown ID 'TR-999'" in result.stderr + result.stdout
