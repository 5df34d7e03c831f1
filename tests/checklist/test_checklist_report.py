"""`check --format checklist`: the production checklist filled in by the checker."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mlops_standards.assess import Status, assess_all

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
CLI = Path(sys.executable).parent / "mlops-standards"
HEADER = "| ID | Requirement | Level | Status | Evidence | Owner | Date | Sign-off |"


def checklist(*args: str) -> str:
    done = subprocess.run(
        [str(CLI), "check", str(EXAMPLE), "--format", "checklist", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    start = lines.index(HEADER) + 2
    table = [line for line in lines[start:] if line.startswith("| [")]
    # Cells split on the pipes the renderer did not escape.
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in table]


@pytest.fixture(scope="module")
def assessment():
    return assess_all(EXAMPLE)[0]


@pytest.mark.parametrize("level", [1, 3])
def test_every_applicable_requirement_up_to_the_level_is_a_row(assessment, level):
    table = rows(checklist("--checklist-level", str(level)))
    expected = [
        r.requirement.id
        for r in assessment.results
        if r.requirement.level <= level and r.status not in (Status.NOT_APPLICABLE, Status.RETIRED)
    ]
    assert [row[0].split("]")[0].lstrip("[") for row in table] == expected


def test_the_checker_fills_status_and_evidence_and_leaves_the_signatures(assessment):
    table = rows(checklist("--checklist-level", "2"))
    by_id = {row[0].split("]")[0].lstrip("["): row for row in table}
    for result in assessment.results:
        row = by_id.get(result.requirement.id)
        if row is None:
            continue
        assert result.status.value.replace("-", " ") in row[3]
        assert row[4], result.requirement.id
        assert len(row) == 8 and row[5:] == ["", "", ""], row


def test_without_a_level_the_checklist_is_the_next_levels(assessment):
    text = checklist()
    assert f"up to level {assessment.next_level} · " in text.splitlines()[0]
