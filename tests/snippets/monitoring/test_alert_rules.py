"""The alert rules are valid Prometheus rule files and every alert can reach a person."""

import re
from pathlib import Path

import jsonschema
import yaml

RULES = Path(__file__).parents[3] / "snippets/monitoring/alert_rules.yml"
# Prometheus durations: https://prometheus.io/docs/prometheus/latest/configuration/configuration/#duration
DURATION = r"^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$"
# The rule-file format: https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
RULE_FILE_SCHEMA = {
    "type": "object",
    "required": ["groups"],
    "additionalProperties": False,
    "properties": {
        "groups": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "rules"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "interval": {"type": "string", "pattern": DURATION},
                    "rules": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["alert", "expr", "labels", "annotations"],
                            "additionalProperties": False,
                            "properties": {
                                "alert": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                                "expr": {"type": "string", "minLength": 1},
                                "for": {"type": "string", "pattern": DURATION},
                                "keep_firing_for": {"type": "string", "pattern": DURATION},
                                "labels": {
                                    "type": "object",
                                    "required": ["severity", "team"],
                                    "properties": {"severity": {"enum": ["warning", "critical"]}},
                                    "additionalProperties": {"type": "string"},
                                },
                                "annotations": {
                                    "type": "object",
                                    "required": ["summary", "runbook_url"],
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        }
    },
}


def load() -> dict:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))


def rules() -> list[dict]:
    return [rule for group in load()["groups"] for rule in group["rules"]]


def test_the_file_follows_the_prometheus_rule_format():
    jsonschema.validate(load(), RULE_FILE_SCHEMA)


def test_alert_names_are_unique():
    names = [rule["alert"] for rule in rules()]
    assert len(names) == len(set(names))


def test_the_service_and_the_batch_job_are_both_covered():
    expressions = " ".join(rule["expr"] for rule in rules())
    assert 'up{job="demand-forecast-api"}' in expressions
    assert 'status=~"5.."' in expressions
    assert "demand_forecast_batch_last_success_timestamp_seconds" in expressions


def test_expressions_have_balanced_brackets():
    for rule in rules():
        expr = rule["expr"]
        for opening, closing in ("()", "[]", "{}"):
            assert expr.count(opening) == expr.count(closing), rule["alert"]
        assert not re.search(r"\[\s*\]", expr), rule["alert"]


def test_a_broken_rule_is_rejected():
    broken = load()
    broken["groups"][0]["rules"][0]["for"] = "two minutes"
    del broken["groups"][0]["rules"][1]["labels"]["severity"]
    errors = list(jsonschema.Draft202012Validator(RULE_FILE_SCHEMA).iter_errors(broken))
    assert len(errors) == 2
