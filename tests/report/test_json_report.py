"""The JSON report follows its published, versioned schema and says what the assessment says."""

import json
from pathlib import Path

import jsonschema
import pytest

from mlops_standards.report import json_report

SCHEMA = json.loads(
    (Path(json_report.__file__).parent / "report-schema.json").read_text(encoding="utf-8")
)


def test_report_validates_against_the_schema(assessment):
    document = json.loads(json_report.render([assessment], []))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        document
    )


def test_schema_version_in_output_matches_the_schema(assessment):
    document = json_report.document([assessment], [])
    assert document["schema_version"] == SCHEMA["properties"]["schema_version"]["const"]


def test_report_carries_level_blockers_and_every_requirement(assessment):
    report = json_report.document([assessment], [])["reports"][0]
    assert report["level"] == assessment.level
    assert report["blocking"] == [r.requirement.id for r in assessment.blocking]
    assert len(report["results"]) == len(assessment.catalog)
    by_id = {r["id"]: r for r in report["results"]}
    assert by_id["MON-004"]["status"] == "waived"
    assert by_id["MON-004"]["message"] == "The target system alerts on a missing day."
    assert by_id["CQ-007"]["status"] == "attested"
    assert by_id["DOC-007"]["status"] == "not-applicable"  # real-time only, profile is batch
    assert by_id["TR-002"]["evidence"][0]["path"] == "uv.lock"
    assert by_id["TR-005"]["golden_path"].endswith("/golden-paths/traceability/#tr-005")


def test_errors_are_reported_and_valid(assessment):
    document = json_report.document([assessment], [("missing", "missing: no such file")])
    jsonschema.validate(document, SCHEMA)
    assert document["errors"] == [{"path": "missing", "message": "missing: no such file"}]


def test_schema_rejects_a_report_with_an_unknown_status(assessment):
    document = json_report.document([assessment], [])
    document["reports"][0]["results"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)
