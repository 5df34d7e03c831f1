"""`make dist`: the wheel an organisation publishes works on its own, outside this repository.

The wheel is built by the Makefile target, installed into fresh virtual environments in a
temporary folder (its dependencies from the package index), and every command is run there,
with nothing of this checkout on the import path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import venv
from pathlib import Path

import jsonschema
import pytest

from mlops_standards.assess import assess_all

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "snippets" / "organisation" / "acme-mlops"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    subprocess.run(
        ["make", "-s", "dist", f"DIST={folder}"], cwd=ROOT, check=True, capture_output=True
    )
    (built,) = folder.glob("mlops_standards-*.whl")
    return built


class Environment:
    """A fresh virtual environment with some packages installed, and a folder to work in."""

    def __init__(self, root: Path, *packages: str) -> None:
        venv.create(root / "venv", with_pip=True)
        self.bin = root / "venv" / "bin"
        self.work = root / "work"
        self.work.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        self.env["PATH"] = f"{self.bin}{os.pathsep}{self.env['PATH']}"
        self.env.pop("MLOPS_STANDARDS_OVERLAY", None)
        self.run("pip", "install", "--quiet", "--disable-pip-version-check", *packages)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
        )


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Environment:
    return Environment(tmp_path_factory.mktemp("fresh"), str(wheel))


def test_the_package_is_the_installed_copy(installed):
    where = installed.run(
        "python", "-c", "import mlops_standards; print(mlops_standards.__file__)"
    ).stdout
    assert where.startswith(str(installed.bin.parent)) and str(ROOT) not in where
    assert installed.run("mlops-standards", "--version").stdout.startswith(
        "mlops-standards, version "
    )


def test_new_then_check_rates_the_new_product_as_the_checkout_does(installed):
    assert (
        installed.run(
            "mlops-standards", "new", "price-forecast", "--name", "price-forecast"
        ).returncode
        == 0
    )
    product = installed.work / "price-forecast"
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", *identity, *args], cwd=product, check=True)
    done = installed.run(
        "mlops-standards", "check", "price-forecast", "--format", "json", "-o", "report.json"
    )
    report = json.loads(done.stdout)["reports"][0]
    assert report["level"] == assess_all(product)[0].level
    schema = installed.run(
        "python",
        "-c",
        "from importlib.resources import files; "
        "print(files('mlops_standards.report').joinpath('report-schema.json').read_text())",
    ).stdout
    jsonschema.validate(json.loads(done.stdout), json.loads(schema))


def test_list_and_explain_read_the_packaged_catalog(installed):
    listed = installed.run("mlops-standards", "list").stdout
    assert "TR-005" in listed and "MON-012" in listed
    explained = installed.run("mlops-standards", "explain", "TR-005").stdout
    assert explained.startswith("TR-005  Each run records the git commit that produced it")


def test_portfolio_and_the_html_report_carry_their_styles(installed):
    if not (installed.work / "report.json").exists():
        installed.run("mlops-standards", "new", "churn", "--name", "churn")
        installed.run("mlops-standards", "check", "churn", "-o", "report.json")
    done = installed.run("mlops-standards", "portfolio", "report.json", "--out", "dashboard")
    assert done.stdout.startswith("1 product in 1 brands")
    page = (installed.work / "dashboard" / "index.html").read_text()
    assert "--level-4" in page and "#filter" in page  # the packaged style sheet and script
    html = installed.run("mlops-standards", "check", ".", "--format", "html", check=False).stdout
    assert "<style>" in html and ".level-0" in html


def test_an_organisations_plugin_package_tailors_and_checks(wheel, tmp_path_factory):
    """The ACME package, installed beside the wheel, is found through its entry points."""
    # Built from a copy: pip builds a source tree in place, and this one is the handbook's.
    source = tmp_path_factory.mktemp("acme-source") / "acme-mlops"
    shutil.copytree(PLUGIN, source)
    acme = Environment(tmp_path_factory.mktemp("acme"), str(wheel), str(source))
    (acme.work / "repo").mkdir()
    (acme.work / "repo" / "build.sh").write_text("#!/bin/sh\ntrivy image acme/forecast\n")
    listed = acme.run("mlops-standards", "list", "--area", "CQ").stdout
    assert "tailored by ACME Retail" in listed and "CQ-901" in listed
    report = json.loads(acme.run("mlops-standards", "check", "repo", "--format", "json").stdout)
    result = next(r for r in report["reports"][0]["results"] if r["id"] == "CQ-901")
    assert result["status"] == "passed" and result["evidence"][0]["path"] == "build.sh"
