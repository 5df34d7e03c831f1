"""Markers inside fenced code are documentation of the marker, not a request to expand it."""

from mlops_standards.catalog import load
from mlops_standards.site.hooks import expand


def test_marker_in_a_fence_is_left_as_written():
    page = "```markdown\n<!-- mlops:version -->\n```\n"
    assert expand(page, "contributing.md", load()) == page


def test_marker_outside_a_fence_on_the_same_page_is_expanded():
    catalog = load()
    page = "~~~text\n<!-- mlops:count -->\n~~~\n\nVersion <!-- mlops:version -->.\n"
    out = expand(page, "contributing.md", catalog)
    assert "<!-- mlops:count -->" in out
    assert f"Version {catalog.version}." in out


def test_indented_marker_output_keeps_its_indent():
    out = expand('=== "Tab"\n\n    <!-- mlops:level 1 -->\n', "maturity-model.md", load())
    table_lines = [line for line in out.splitlines() if line.lstrip().startswith("|")]
    assert table_lines and all(line.startswith("    |") for line in table_lines)
