"""`mlops-standards portfolio`, run as the central job runs it: reports in, page and JSON out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from mlops_standards.assess import assess_all

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "mlops-standards"
SCHEMA = json.loads((ROOT / "src/mlops_standards/portfolio/portfolio-schema.json").read_text())


def portfolio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "portfolio", *args], capture_output=True, text=True, check=False
    )


def test_reports_make_a_page_and_a_json_document_that_follows_its_schema(
    tmp_path, make_report, write_reports
):
    paths = write_reports(
        make_report("churn", 1, brand="Fresh", team="CRM", blocking=("TR-004", "TR-010")),
        make_report("pricing", 2, brand="Corner", team="Pricing", blocking=("TR-022",)),
    )
    done = portfolio(*map(str, paths), "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 products in 2 brands; wrote ")
    data = json.loads((tmp_path / "site" / "portfolio.json").read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["summary"]["levels"] == {"0": 0, "1": 1, "2": 1, "3": 0, "4": 0}
    assert [g["name"] for g in data["groups"]] == ["Corner", "Fresh"]
    page = (tmp_path / "site" / "index.html").read_text()
    assert page.startswith("<!doctype html>") and "churn" in page and "pricing" in page


def test_repositories_are_assessed_when_given_as_folders(tmp_path):
    reference = tmp_path / "price-forecast"
    shutil.copytree(
        ROOT / "snippets" / "demand-forecast",
        reference,
        ignore=shutil.ignore_patterns("mlruns", "*.db", "__pycache__", "*.egg-info"),
    )
    done = portfolio(
        str(ROOT / "examples" / "demand-forecast"), str(reference), "--out", str(tmp_path / "site")
    )
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "site" / "portfolio.json").read_text())
    levels = {p["name"]: p["level"] for p in data["products"]}
    expected = {
        path.name: assess_all(path)[0].level
        for path in (ROOT / "examples" / "demand-forecast", reference)
    }
    assert levels == expected and set(levels) == {"demand-forecast", "price-forecast"}


def test_history_shows_what_changed_since_the_last_run(tmp_path, make_report, write_reports):
    history = tmp_path / "history.json"
    first = write_reports(make_report("churn", 1), make_report("pricing", 2))
    assert (
        portfolio(
            *map(str, first), "--out", str(tmp_path / "w1"), "--history", str(history)
        ).returncode
        == 0
    )
    for path in first:
        path.unlink()
    second = write_reports(make_report("churn", 2), make_report("search", 1))
    done = portfolio(*map(str, second), "--out", str(tmp_path / "w2"), "--history", str(history))
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "w2" / "portfolio.json").read_text())
    assert {c["product"]: c["kind"] for c in data["changes"]} == {
        "churn": "up",
        "search": "new",
        "pricing": "gone",
    }
    assert data["previous_run"] == json.loads(history.read_text())["runs"][0]["generated_on"]
    assert len(json.loads(history.read_text())["runs"]) == 2


def test_an_unreadable_report_is_listed_and_the_rest_still_published(
    tmp_path, make_report, write_reports
):
    good = write_reports(make_report("churn", 1))
    bad = tmp_path / "truncated.json"
    bad.write_text('{"schema_version": "2.1", "reports": [')
    done = portfolio(str(good[0]), str(bad), "--out", str(tmp_path / "site"))
    assert done.returncode == 2
    assert f"mlops-standards: {bad}: cannot be read as JSON" in done.stderr
    data = json.loads((tmp_path / "site" / "portfolio.json").read_text())
    assert [p["name"] for p in data["products"]] == ["churn"]
    assert data["errors"][0]["path"] == str(bad)
    assert "truncated.json" in (tmp_path / "site" / "index.html").read_text()


def test_a_bad_mapping_stops_the_run_with_one_line(tmp_path, make_report, write_reports):
    mapping = tmp_path / "products.yaml"
    mapping.write_text("products: [churn]\n")
    done = portfolio(
        str(write_reports(make_report("churn"))[0]),
        "--mapping",
        str(mapping),
        "--out",
        str(tmp_path / "site"),
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"mlops-standards: {mapping}: products: must map product names to a brand and a team"
    )
    assert not (tmp_path / "site").exists()
