"""SARIF output validates against the official SARIF 2.1.0 schema (fetched by `make schemas`)."""

import json
from pathlib import Path

import jsonschema
import pytest

from mlops_standards.assess import Status
from mlops_standards.report import sarif_report

SCHEMA_FILE = Path(__file__).parents[2] / ".cache" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    if not SCHEMA_FILE.is_file():
        pytest.fail(f"{SCHEMA_FILE} is missing: run `make schemas` (make test does)")
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_output_validates_against_the_official_schema(assessment, sarif_schema):
    document = json.loads(sarif_report.render([assessment], []))
    jsonschema.Draft4Validator(sarif_schema).validate(document)


def test_every_requirement_is_a_rule_and_every_gap_a_result(assessment):
    run = sarif_report.document([assessment])["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        r.id for r in assessment.catalog
    ]
    gaps = {r.requirement.id for r in assessment.results if r.status in sarif_report.LEVELS}
    assert {result["ruleId"] for result in run["results"]} == gaps
    assert run["properties"]["maturityLevel"] == assessment.level


def test_met_requirements_are_not_results(assessment):
    run = sarif_report.document([assessment])["runs"][0]
    reported = {result["ruleId"] for result in run["results"]}
    met = {r.requirement.id for r in assessment.results if r.status.met}
    assert not reported & met
    assert "MON-004" in met  # waived


def test_a_failed_check_is_an_error_with_a_help_link(assessment):
    run = sarif_report.document([assessment])["runs"][0]
    failed = [r for r in assessment.results if r.status is Status.FAILED]
    assert failed, "the fixture repository must fail something"
    result = next(x for x in run["results"] if x["ruleId"] == failed[0].requirement.id)
    assert result["level"] == "error"
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
    assert rule["helpUri"].startswith("http")
