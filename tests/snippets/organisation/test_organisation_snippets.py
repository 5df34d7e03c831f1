"""What the platform team copies from the adoption page: the overlay, the plugin package, the
product mapping and the portfolio job, each valid as shown."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from mlops_standards.catalog import load
from mlops_standards.catalog.overlay import apply_overlay
from mlops_standards.portfolio import read_mapping

SNIPPETS = Path(__file__).parents[3] / "snippets" / "organisation"
PLUGIN = SNIPPETS / "acme-mlops"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_the_overlay_applies_to_the_shipped_standards():
    tailored = apply_overlay(load(), PLUGIN / "src" / "acme_mlops" / "standards.yaml")
    assert tailored.tailored_by == "ACME Retail 2026.2"
    assert tailored.site_url == "https://mlops.acme.example/"


def test_the_plugin_package_declares_its_overlay_and_checks():
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text())["project"]
    assert project["entry-points"]["mlops_standards.overlay"] == {"acme": "acme_mlops:OVERLAY"}
    assert project["entry-points"]["mlops_standards.checks"] == {"acme": "acme_mlops.checks"}
    assert "mlops-standards" in project["dependencies"]


def test_the_mapping_is_read_by_the_portfolio():
    mapping = read_mapping(SNIPPETS / "products.yaml")
    assert mapping["site-search"].brand == "Corner"
    assert {owner.team for owner in mapping.values()} >= {"Forecasting", "Search"}


def test_the_portfolio_job_is_a_valid_workflow_that_keeps_its_history():
    done = subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--builtin-schema",
            "vendor.github-workflows",
            str(SNIPPETS / "portfolio-job.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    steps = yaml.safe_load((SNIPPETS / "portfolio-job.yml").read_text())["jobs"]["portfolio"][
        "steps"
    ]
    build = next(s for s in steps if s.get("name") == "Build the dashboard")["run"]
    assert "mlops-standards portfolio" in build and "--history history.json" in build
    assert "--mapping products.yaml" in build
    assert any("git add history.json" in s.get("run", "") for s in steps)
