"""Broken catalogs, each a copy of the real one with one defect, built in tmp_path.

Like OpenSSF Scorecard's `testdata/invalid-*.yml`, but derived from the shipped catalog so the
fixtures never drift from it. Every error must name the file, the requirement ID (or MMA item)
and the field, and every problem must be reported in one go.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlops_standards.catalog import CatalogError, load
from mlops_standards.catalog.loader import default_directory

Edit = Callable[[dict[str, Any]], None]


def copy_catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(default_directory(), folder)
    return folder


def edit_yaml(folder: Path, name: str, edit: Edit) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def requirement(data: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(entry for entry in data["requirements"] if entry["id"] == rid)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load(folder)
    assert str(caught.value).startswith("invalid catalog:")
    return caught.value.problems


def set_field(rid: str, name: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        requirement(data, rid)[name] = value

    return edit


def drop_field(rid: str, name: str) -> Edit:
    return lambda data: requirement(data, rid).pop(name)


def duplicate_id(data: dict[str, Any]) -> None:
    requirement(data, "TR-006")["id"] = "TR-005"


def unknown_test(data: dict[str, Any]) -> None:
    requirement(data, "TR-005").setdefault("sources", {})["ml_test_score"] = ["Infra 99"]


def bad_method(data: dict[str, Any]) -> None:
    requirement(data, "TR-005")["verification"]["method"] = "vibes"


# (defect, file edited, edit, file named, ID named, field named)
DEFECTS = [
    ("missing-field", "traceability.yaml", drop_field("TR-005", "title"),
     "traceability.yaml", "TR-005", "title"),
    ("missing-evidence", "traceability.yaml", drop_field("TR-005", "golden_path"),
     "traceability.yaml", "TR-005", "golden_path"),
    ("bad-level", "monitoring.yaml", set_field("MON-002", "level", 7),
     "monitoring.yaml", "MON-002", "level"),
    ("level-as-string", "monitoring.yaml", set_field("MON-002", "level", "2"),
     "monitoring.yaml", "MON-002", "level"),
    ("bad-applies-to", "code_quality.yaml", set_field("CQ-003", "applies_to", "streaming"),
     "code_quality.yaml", "CQ-003", "applies_to"),
    ("bad-verification", "traceability.yaml", bad_method,
     "traceability.yaml", "TR-005", "verification.method"),
    ("bad-link", "documentation.yaml", set_field("DOC-001", "methodology", "http://x.org/a"),
     "documentation.yaml", "DOC-001", "methodology"),
    ("unknown-field", "documentation.yaml", set_field("DOC-001", "owner", "me"),
     "documentation.yaml", "DOC-001", "owner"),
    ("duplicate-id", "traceability.yaml", duplicate_id,
     "traceability.yaml", "TR-005", "id"),
    ("unknown-ml-test-score-test", "traceability.yaml", unknown_test,
     "traceability.yaml", "TR-005", "sources.ml_test_score"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edited", "edit", "file", "rid", "field"),
    [pytest.param(*defect[1:], id=defect[0]) for defect in DEFECTS],
)
def test_a_defective_requirement_is_named_by_file_id_and_field(
    tmp_path, edited, edit, file, rid, field
):
    folder = copy_catalog(tmp_path)
    edit_yaml(folder, edited, edit)
    problems = problems_of(folder)
    assert any(p.startswith(f"{file}: {rid}: {field}: ") for p in problems), problems


def test_an_unmapped_mma_statement_is_named(tmp_path):
    folder = copy_catalog(tmp_path)
    # Statement 31 (pre-commit hooks) loses every requirement that covers it.
    for name in ("documentation.yaml", "code_quality.yaml", "traceability.yaml", "monitoring.yaml"):

        def forget_31(data: dict[str, Any]) -> None:
            for entry in data["requirements"]:
                mma = entry.get("sources", {}).get("mma", [])
                if 31 in mma:
                    mma.remove(31)

        edit_yaml(folder, name, forget_31)
    problems = problems_of(folder)
    assert any(p.startswith("frameworks.yaml: item 31: out_of_scope: ") for p in problems), problems


def test_malformed_yaml_names_the_file(tmp_path):
    folder = copy_catalog(tmp_path)
    path = folder / "documentation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [DOC-099\n", encoding="utf-8")
    problems = problems_of(folder)
    assert any(p.startswith("documentation.yaml: ") and "YAML" in p for p in problems), problems


def test_a_missing_file_is_named(tmp_path):
    folder = copy_catalog(tmp_path)
    (folder / "monitoring.yaml").unlink()
    assert any(p.startswith("monitoring.yaml: ") for p in problems_of(folder))


def test_a_version_that_is_not_semver_is_refused(tmp_path):
    folder = copy_catalog(tmp_path)
    edit_yaml(folder, "catalog.yaml", lambda data: data.update(version="1.0"))
    assert any(p.startswith("catalog.yaml: -: version: ") for p in problems_of(folder))


def test_every_problem_is_reported_at_once(tmp_path):
    folder = copy_catalog(tmp_path)
    edit_yaml(folder, "traceability.yaml", drop_field("TR-005", "title"))
    edit_yaml(folder, "monitoring.yaml", set_field("MON-002", "level", 9))
    edit_yaml(folder, "code_quality.yaml", set_field("CQ-003", "applies_to", "streaming"))
    edit_yaml(folder, "code_quality.yaml", set_field("CQ-004", "summary", ""))
    path = folder / "documentation.yaml"
    path.write_text("requirements: [unclosed\n", encoding="utf-8")
    problems = problems_of(folder)
    expected = [
        "traceability.yaml: TR-005: title: ",
        "monitoring.yaml: MON-002: level: ",
        "code_quality.yaml: CQ-003: applies_to: ",
        "code_quality.yaml: CQ-004: summary: ",
        "documentation.yaml: -: -: ",
    ]
    for prefix in expected:
        assert any(p.startswith(prefix) for p in problems), (prefix, problems)


def test_cross_record_problems_are_reported_with_the_others(tmp_path):
    folder = copy_catalog(tmp_path)
    edit_yaml(folder, "traceability.yaml", duplicate_id)
    edit_yaml(folder, "monitoring.yaml", lambda data: unknown_test_on(data, "MON-001"))
    edit_yaml(folder, "documentation.yaml", drop_field("DOC-002", "summary"))
    problems = problems_of(folder)
    assert any(p.startswith("documentation.yaml: DOC-002: summary: ") for p in problems), problems
    assert any(p.startswith("traceability.yaml: TR-005: id: ") for p in problems), problems
    assert any(
        p.startswith("monitoring.yaml: MON-001: sources.ml_test_score: ") for p in problems
    ), problems


def unknown_test_on(data: dict[str, Any], rid: str) -> None:
    requirement(data, rid).setdefault("sources", {})["ml_test_score"] = ["Data 42"]


def test_the_real_catalog_loads_from_a_copy(tmp_path):
    assert len(load(copy_catalog(tmp_path))) == len(load())
