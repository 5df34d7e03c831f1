"""The rule lifecycle: a retired requirement is neither run nor counted; a preview is reported
from the start and counted from its date."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest

from mlops_standards.assess import Result, Status, assess_all, capability_level, certified_level
from mlops_standards.catalog import CatalogError, load
from mlops_standards.catalog.loader import default_directory
from mlops_standards.report import RENDERERS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
SCHEMA = json.loads((ROOT / "src/mlops_standards/report/report-schema.json").read_text())
CLI = Path(sys.executable).parent / "mlops-standards"
DAY = date(2027, 3, 1)
RETIRED = """
  - id: DOC-011
    title: Diagrams are drawn with the house template
    level: 1
    applies_to: all
    deprecated: true
    verification:
      method: automated
      evidence: A diagram file made from the template.
    summary: Retired; no check is registered for it any more.
    methodology: methodology/documentation.md#doc-001
    golden_path: golden-paths/documentation.md#doc-001
    sources:
      other: [House style]
"""


@pytest.fixture(scope="module")
def shipped():
    return load()


@pytest.fixture(scope="module")
def baseline(shipped):
    return assess_all(EXAMPLE, shipped)[0]


@pytest.fixture(scope="module")
def with_retired(tmp_path_factory):
    """The shipped catalog plus a retired, automated requirement whose check is gone."""
    folder = tmp_path_factory.mktemp("catalog")
    shutil.copytree(default_directory(), folder, dirs_exist_ok=True)
    path = folder / "documentation.yaml"
    path.write_text(path.read_text() + RETIRED)
    return load(folder)


def test_a_retired_requirement_is_not_run_not_counted_and_not_an_error(with_retired, baseline):
    assessment = assess_all(EXAMPLE, with_retired)[0]
    result = assessment.result("DOC-011")
    assert result.status is Status.RETIRED
    assert not result.counted
    assert [r.requirement.id for r in assessment.retired] == ["DOC-011"]
    assert not any(r.status is Status.ERROR for r in assessment.results)
    assert (assessment.level, assessment.certified_level) == (
        baseline.level,
        baseline.certified_level,
    )
    assert result not in assessment.gaps and result not in assessment.blocking
    assert [a.applicable for a in assessment.areas] == [a.applicable for a in baseline.areas]


def test_a_retired_requirement_is_shown_as_retired_in_every_format(with_retired):
    assessments = assess_all(EXAMPLE, with_retired)
    document = json.loads(RENDERERS["json"](assessments, []))
    jsonschema.validate(document, SCHEMA)
    report = document["reports"][0]
    assert report["retired"] == ["DOC-011"]
    assert next(r for r in report["results"] if r["id"] == "DOC-011")["status"] == "retired"
    sarif = json.loads(RENDERERS["sarif"](assessments, []))
    assert "DOC-011" not in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    markdown = RENDERERS["markdown"](assessments, [])
    assert "| DOC-011 |" not in markdown  # the ID is a link to its methodology
    line = next(line for line in markdown.splitlines() if "[DOC-011]" in line)
    assert "| retired |" in line


def unmet_up_to_two(assessment) -> list[str]:
    return [
        r.requirement.id
        for r in assessment.results
        if r.requirement.level <= 2 and not r.status.met and r.counted
    ]


def previewed(catalog, ids: list[str], day: date):
    """The catalog with `ids` turned into previews that count from `day`."""
    changed = [replace(r, counts_from=day) if r.id in ids else r for r in catalog.requirements]
    return replace(catalog, requirements=tuple(changed))


def test_a_preview_is_reported_but_not_counted_the_day_before(shipped, baseline):
    ids = unmet_up_to_two(baseline)
    assert ids and baseline.certified_level < 2
    assessment = assess_all(EXAMPLE, previewed(shipped, ids, DAY), today=DAY - timedelta(days=1))[0]
    assert [r.requirement.id for r in assessment.previews] == ids
    assert all(assessment.result(rid).counts_from == DAY for rid in ids)
    assert assessment.certified_level >= 2
    assert not {r.requirement.id for r in (*assessment.gaps, *assessment.blocking)} & set(ids)
    # Still run: the report shows what the check found, with the date it counts from.
    assert {assessment.result(rid).status for rid in ids} <= {
        Status.FAILED,
        Status.TO_CONFIRM,
        Status.SKIPPED,
    }


def test_a_preview_counts_from_its_date(shipped, baseline):
    ids = unmet_up_to_two(baseline)
    assessment = assess_all(EXAMPLE, previewed(shipped, ids, DAY), today=DAY)[0]
    assert assessment.previews == ()
    assert assessment.certified_level == baseline.certified_level
    assert set(ids) <= {r.requirement.id for r in assessment.gaps}


def results(catalog, failing: set[str], day: date) -> list[Result]:
    """Every requirement passed but `failing`, with previews marked as on `day`."""
    return [
        Result(
            r,
            Status.FAILED if r.id in failing else Status.PASSED,
            counts_from=None if r.counts_on(day) else r.counts_from,
        )
        for r in catalog.requirements
    ]


def test_a_preview_in_a_levels_capability_waits_for_its_date(shipped):
    """A requirement the standards announce for a level's way to production does not move any
    product down before the day it counts."""
    catalog = previewed(shipped, ["TR-022"], DAY)
    before = results(catalog, {"TR-022"}, DAY - timedelta(days=1))
    on_the_day = results(catalog, {"TR-022"}, DAY)
    assert capability_level(catalog, before) == 4
    assert capability_level(catalog, on_the_day) == 2
    assert certified_level(before) == 4
    assert certified_level(on_the_day) == 2


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "check", *args], capture_output=True, text=True, check=False)


def test_the_gate_ignores_a_preview_until_its_date(tmp_path, baseline):
    ids = unmet_up_to_two(baseline)
    overlay = tmp_path / "phase-in.yaml"
    overlay.write_text("change:\n" + "".join(f"  {rid}: {{counts_from: {DAY}}}\n" for rid in ids))
    gate = ["--gate", "certified", "--fail-under", "2", "--overlay", str(overlay), str(EXAMPLE)]
    assert run_check(*gate, "--as-of", str(DAY - timedelta(days=1))).returncode == 0
    on_the_day = run_check(*gate, "--as-of", str(DAY))
    assert on_the_day.returncode == 1
    assert "preview" not in on_the_day.stdout.lower()
    before = run_check(*gate, "--as-of", str(DAY - timedelta(days=1)), "--format", "markdown")
    assert f"counts from {DAY}" in before.stdout


def test_the_catalog_refuses_a_level_resting_on_a_retired_requirement_and_a_bad_date(tmp_path):
    shutil.copytree(default_directory(), tmp_path, dirs_exist_ok=True)
    path = tmp_path / "traceability.yaml"
    text = path.read_text()
    text = text.replace("  - id: TR-004\n", "  - id: TR-004\n    deprecated: true\n", 1)
    text = text.replace("  - id: TR-005\n", "  - id: TR-005\n    counts_from: next spring\n", 1)
    path.write_text(text)
    with pytest.raises(CatalogError) as caught:
        load(tmp_path)
    problems = caught.value.problems
    retired = "TR-004 is retired; a level's capability cannot rest on it"
    assert f"catalog.yaml: level 2: reached_when: {retired}" in problems
    assert (
        "traceability.yaml: TR-005: counts_from: must be a date like 2027-01-31, got 'next spring'"
        in problems
    )
