"""An organisation's automated requirements are checked by plugins found through entry points.

Each test runs the installed command in a fresh process, with the example plugin package
(`snippets/organisation/acme-mlops`) made importable and its metadata in place, as
`pip install` leaves them: the checker finds it exactly as it would in a team's CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "snippets" / "organisation" / "acme-mlops"
CLI = Path(sys.executable).parent / "mlops-standards"
AFTER_THE_PREVIEW = "2027-01-01"


def installed(site: Path, name: str, entry_points: str, source: Path | None = None) -> Path:
    """A distribution on `site` with these entry points, and its package copied from `source`."""
    if source is not None:
        shutil.copytree(source, site / source.name)
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    return site


def entry_points_txt(pyproject: Path) -> str:
    """The `entry_points.txt` that installing a project writes, from its pyproject.toml."""
    groups = tomllib.loads(pyproject.read_text())["project"]["entry-points"]
    return "".join(
        f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in entries.items())
        for group, entries in groups.items()
    )


@pytest.fixture
def acme(tmp_path) -> dict[str, str]:
    """The environment of a process in which ACME's plugin package is installed."""
    site = installed(
        tmp_path / "site",
        "acme_mlops",
        entry_points_txt(PLUGIN / "pyproject.toml"),
        PLUGIN / "src" / "acme_mlops",
    )
    return {**os.environ, "PYTHONPATH": str(site)}


def repository(path: Path, scan: bool) -> Path:
    (path / ".github" / "workflows").mkdir(parents=True)
    steps = "      - run: trivy image --exit-code 1 acme/forecast:latest\n" if scan else ""
    (path / ".github" / "workflows" / "ci.yml").write_text(
        "on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: pytest\n" + steps
    )
    (path / "README.md").write_text("# Forecast\n")
    return path


def check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def status(done: subprocess.CompletedProcess[str], rid: str) -> str:
    report = json.loads(done.stdout)["reports"][0]
    return next(r["status"] for r in report["results"] if r["id"] == rid)


def test_the_installed_plugin_checks_the_organisations_requirement(acme, tmp_path):
    scanned = check(acme, str(repository(tmp_path / "scanned", scan=True)))
    unscanned = check(acme, str(repository(tmp_path / "unscanned", scan=False)))
    assert scanned.returncode == 0, scanned.stderr
    assert status(scanned, "CQ-901") == "passed"
    assert status(unscanned, "CQ-901") == "failed"


def test_the_installed_overlay_is_used_without_being_named(acme, tmp_path):
    done = check(acme, str(repository(tmp_path / "repo", scan=False)))
    document = json.loads(done.stdout)
    assert document["standards_tailored_by"] == "ACME Retail 2026.2"
    report = document["reports"][0]
    assert "CQ-901" in report["previews"] and report["retired"] == ["DOC-008"]
    result = next(r for r in report["results"] if r["id"] == "CQ-901")
    assert result["counts_from"] == "2027-01-01"
    assert result["golden_path"].startswith("https://wiki.acme.example/")
    later = json.loads(check(acme, "--as-of", AFTER_THE_PREVIEW, str(tmp_path / "repo")).stdout)
    assert "CQ-901" not in later["reports"][0]["previews"]


def test_an_automated_requirement_without_its_plugin_stops_the_run(tmp_path):
    overlay = PLUGIN / "src" / "acme_mlops" / "standards.yaml"
    env = {k: v for k, v in os.environ.items() if k != "MLOPS_STANDARDS_OVERLAY"}
    done = check(env, "--overlay", str(overlay), str(repository(tmp_path / "repo", scan=True)))
    assert done.returncode == 2
    assert (
        "checks: CQ-901: verification.method: automated, but no installed plugin checks it"
        in done.stderr
    )


def test_a_plugin_that_checks_an_unknown_requirement_or_fails_to_import_is_named(tmp_path):
    site = tmp_path / "site"
    (site / "stray").mkdir(parents=True)
    (site / "stray" / "__init__.py").write_text(
        "from mlops_standards.checks import check, passed\n\n"
        "@check('MON-950')\ndef stray():\n    return passed()\n"
    )
    (site / "broken.py").write_text("import not_a_module_anywhere\n")
    installed(site, "stray", "[mlops_standards.checks]\nstray = stray\nbroken = broken\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = check(env, str(repository(tmp_path / "repo", scan=True)))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert any(
        "checks: MON-950: check: stray.stray checks a requirement the catalog lacks" in line
        for line in lines
    )
    assert any(
        "mlops_standards.checks: broken: broken: cannot be loaded (ModuleNotFoundError" in line
        for line in lines
    )
