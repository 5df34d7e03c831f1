"""One fixture repository per maturity level: the exact level and the exact blocking IDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_standards.assess import Status, assess
from tests.assess.levels import WIKI, repository
from tests.scan.tree import write_tree

EXPECTED = {
    0: ["DOC-001", "DOC-002", "DOC-009", "CQ-001", "CQ-002", "CQ-003", "CQ-004", "CQ-006",
        "CQ-007", "TR-002"],
    1: ["DOC-004", "DOC-005", "DOC-006", "CQ-005", "CQ-011", "TR-003", "TR-004", "TR-005",
        "TR-006", "TR-007", "TR-008", "TR-009", "TR-010", "MON-005"],
    2: ["DOC-003", "DOC-008", "DOC-010", "CQ-008", "CQ-012", "TR-011", "TR-012", "TR-013",
        "TR-014", "TR-015", "TR-016", "TR-017", "TR-018", "TR-019", "TR-020", "TR-021",
        "MON-001", "MON-002", "MON-004"],
    3: ["MON-006", "MON-007", "MON-008", "MON-009", "MON-010", "MON-011", "MON-012"],
    4: [],
}  # fmt: skip
SERVING = {
    "src/forecast/api.py": """import time

from fastapi import FastAPI, Request
from pydantic import BaseModel

app = FastAPI()


class ForecastRequest(BaseModel):
    store_id: int


@app.middleware("http")
async def log_requests(request: Request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    log(status_code=response.status_code, latency=time.perf_counter() - start)
    return response
""",
    "load/locustfile.py": "from locust import HttpUser\n",
}


@pytest.mark.parametrize("level", sorted(EXPECTED))
def test_fixture_reaches_exactly_its_level(tmp_path: Path, level: int) -> None:
    assessment = assess(write_tree(tmp_path, repository(level), git=True))
    assert assessment.level == level
    assert [r.requirement.id for r in assessment.blocking] == EXPECTED[level]
    assert not [r for r in assessment.results if r.status is Status.ERROR]


def test_every_pass_and_fail_carries_evidence(tmp_path: Path) -> None:
    assessment = assess(write_tree(tmp_path, repository(2), git=True))
    judged = [r for r in assessment.results if r.status in (Status.PASSED, Status.FAILED)]
    assert judged and all(r.evidence for r in judged)


def test_manual_requirement_without_attestation_needs_it(tmp_path: Path) -> None:
    files = repository(1)
    files[".mlops-standards.toml"] = 'profile = "batch"\n'
    assessment = assess(write_tree(tmp_path, files, git=True))
    assert assessment.level == 0
    result = assessment.result("CQ-007")
    assert result.status is Status.NEEDS_ATTESTATION and "Branch protection" in result.message


def test_real_time_profile_asks_for_the_serving_requirements(tmp_path: Path) -> None:
    files = repository(4)
    files[".mlops-standards.toml"] = files[".mlops-standards.toml"].replace("batch", "real-time")
    assessment = assess(write_tree(tmp_path / "bare", files, git=True))
    assert assessment.level == 2
    assert [r.requirement.id for r in assessment.blocking] == [
        "DOC-007", "CQ-009", "CQ-010", "MON-003"
    ]  # fmt: skip
    assert assessment.result("MON-004").status is Status.NOT_APPLICABLE

    files[".mlops-standards.toml"] += f'CQ-010 = "{WIKI}/security-review"\n'
    served = assess(write_tree(tmp_path / "served", {**files, **SERVING}, git=True))
    assert (served.level, served.blocking) == (4, ())


def test_waiver_counts_as_met_and_keeps_its_reason(tmp_path: Path) -> None:
    files = repository(3)
    files[".mlops-standards.toml"] += '\n[waive]\nMON-002 = "Alerts live in the platform repo."\n'
    files["infra/main.tf"] = 'resource "azurerm_storage_account" "data" {}\n'
    assessment = assess(write_tree(tmp_path, files, git=True))
    assert assessment.level == 3
    assert assessment.result("MON-002").message == "Alerts live in the platform repo."
