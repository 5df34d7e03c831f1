"""The level model, end to end: the level a product's way to production shows (its capability)
and the level its whole checklist certifies, with attestations, waivers and prerequisites.

The reference project (`snippets/demand-forecast`, what `mlops-standards new` copies) is the
fully-met product; each test takes one practice or one attestation away and watches the
levels move, so a test fails if the rule that moves them breaks.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mlops_standards.assess import Status, assess, capability_level, certified_level
from mlops_standards.catalog import load
from tests.scan.tree import GIT, write_tree

REFERENCE = Path(__file__).parents[2] / "snippets" / "demand-forecast"
CONFIG = ".mlops-standards.toml"
STUB = {
    ".github/workflows/ci.yml": "on: [pull_request, push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    '      - run: echo "pytest will run here"\n      - run: echo "deploy here" # kubectl apply\n',
    "CHANGELOG.md": "# Changelog\n\n## x.y.z (yyyy-mm-dd)\n\n- ...\n",
    "MODEL_CARD.md": "# Model card\n",
    "README.md": "# Demand forecast\n\nTBD\n\n## Business goal and KPIs\n\nTBD\n\n## Team\n\nTBD\n\n"
    "## How to run\n\nTODO: describe how to run.\n\n## Architecture\n\nComing soon.\n",
    "docs/index.md": "# Docs\n\nTBD\n",
    "pyproject.toml": '[project]\nname = "pkg"\nversion = "0.1.0"\n',
    "src/pkg/train.py": '"""Training. TODO: evaluation gate comparing the challenger with the champion."""\n\n'
    'import mlflow\n\ngit_sha = "abcd1234"\ndata_version = "0"\n\n\ndef backpropagate(weights):\n'
    "    # TODO: compare the candidate with the champion before promotion\n    return weights\n\n\n"
    'def train():\n    with mlflow.start_run():\n        mlflow.set_tag("git_sha", git_sha)\n'
    '        mlflow.log_param("data_version", data_version)\n        mlflow.log_metric("accuracy", 0.95)\n'
    '        raise ValueError("alert: drift")\n',
    "tests/test_model.py": "def test_placeholder():\n    assert True\n\n\ndef test_todo():\n    pass\n",
}


def _commit(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A", "-f"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "copy"], cwd=root, check=True)
    return root


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """A fresh copy of the reference project, committed, as a new user has it."""
    return _commit(Path(shutil.copytree(REFERENCE, tmp_path / "demand-forecast")))


def _config_without(root: Path, *lines_starting: str, add: str = "") -> None:
    config = root / CONFIG
    kept = [
        line
        for line in config.read_text(encoding="utf-8").splitlines()
        if not line.startswith(lines_starting)
    ]
    config.write_text("\n".join(kept) + "\n" + add, encoding="utf-8")


def test_the_reference_project_is_level_4_and_certified_4(reference: Path) -> None:
    assessment = assess(reference)
    assert (assessment.level, assessment.certified_level) == (4, 4)
    assert [r.requirement.id for r in assessment.placed_by] == list(
        dict.fromkeys(load().levels[4].reached_when.requirements)
    )
    assert assessment.blocking == () and assessment.next_level is None
    unmet = [(r.requirement.id, r.status) for r in assessment.results if not r.status.met]
    assert unmet == []


def test_a_repository_of_stubs_passes_only_what_it_really_has(tmp_path: Path) -> None:
    # Placeholders, TODO comments, TBD headings, echo-only CI and literal "provenance".
    assessment = assess(write_tree(tmp_path, STUB, git=True))
    passed = {r.requirement.id for r in assessment.results if r.status is Status.PASSED}
    assert passed == {"CQ-001", "TR-001"}  # it is a package, in git; nothing else is real
    assert (assessment.level, assessment.certified_level) == (0, 0)
    assert [r.requirement.id for r in assessment.blocking][:2] == ["CQ-004", "CQ-006"]


def test_an_unattested_manual_requirement_is_to_confirm_and_caps_the_certified_level(
    reference: Path,
) -> None:
    _config_without(reference, "TR-020")
    assessment = assess(reference)
    result = assessment.result("TR-020")
    assert result.status is Status.TO_CONFIRM and result.message  # says what evidence to show
    assert assessment.to_confirm == (result,)
    assert assessment.level == 4  # the capability does not depend on paperwork
    assert assessment.certified_level == result.requirement.level - 1


def test_a_waiver_counts_as_met_and_says_why(reference: Path) -> None:
    (reference / "CHANGELOG.md").unlink()
    assert not assess(reference).result("CQ-012").status.met
    _config_without(
        reference, "# What", add='[waive]\nCQ-012 = "releases are announced in the team channel"\n'
    )
    assessment = assess(reference)
    result = assessment.result("CQ-012")
    assert (
        result.status is Status.WAIVED
        and result.message == "releases are announced in the team channel"
    )
    assert assessment.certified_level == 4


def test_losing_the_pipeline_drops_the_capability_two_levels_and_says_what_blocks(
    reference: Path,
) -> None:
    for workflow in (".github/workflows/deploy.yml", ".gitlab-ci.yml", "databricks.yml"):
        (reference / workflow).unlink()
    assessment = assess(reference)
    assert assessment.result("TR-010").status is Status.FAILED
    assert assessment.level == 1
    assert assessment.blocking[0].requirement.id == "TR-010"
    assert assessment.certified_level < 2


def test_a_prerequisite_that_fails_skips_the_checks_that_need_it(tmp_path: Path) -> None:
    assessment = assess(write_tree(tmp_path, {"train.py": "print('no tracking')\n"}, git=True))
    assert assessment.result("TR-004").status is Status.FAILED
    skipped = assessment.result("TR-005")
    assert skipped.status is Status.SKIPPED and skipped.message == "requires TR-004"


def test_level_rules_read_from_the_catalog() -> None:
    catalog = load()
    by_id = {r.id: r for r in catalog.requirements}

    def results(*shown: str) -> list:
        from mlops_standards.assess import Result

        return [
            Result(r, Status.PASSED if r.id in shown else Status.FAILED)
            for r in catalog.requirements
        ]

    assert capability_level(catalog, results()) == 0
    assert capability_level(catalog, results("TR-001", "CQ-004")) == 1
    assert capability_level(catalog, results("TR-001", "CQ-006")) == 1
    assert capability_level(catalog, results("TR-001")) == 0  # needs one of CQ-004, CQ-006
    assert capability_level(catalog, results("TR-001", "CQ-004", "TR-004", "TR-010")) == 2
    assert capability_level(catalog, results("TR-001", "CQ-004", "TR-004", "TR-010", "TR-022")) == 3
    every = [r.id for r in catalog.requirements]
    assert capability_level(catalog, results(*every)) == 4
    assert certified_level(results(*every)) == 4
    level_one = [rid for rid, r in by_id.items() if r.level == 1]
    assert certified_level(results(*level_one)) == 1


def test_a_monorepo_is_one_report_per_project_and_root_ci_counts_where_it_reaches(
    tmp_path: Path,
) -> None:
    train = "import mlflow\nfrom sklearn.linear_model import Ridge\n\nwith mlflow.start_run():\n    Ridge().fit(x, y)\n"
    root = write_tree(
        tmp_path,
        {
            "forecast/pyproject.toml": '[project]\nname = "forecast"\n',
            "forecast/src/forecast/train.py": train,
            "churn/pyproject.toml": '[project]\nname = "churn"\n',
            "churn/src/churn/train.py": train,
            ".github/workflows/forecast.yml": "on:\n  schedule: [{cron: '0 3 * * 1'}]\njobs:\n  train:\n"
            "    runs-on: ubuntu-latest\n    defaults: {run: {working-directory: forecast}}\n"
            "    steps:\n      - run: python -m forecast.train\n",
        },
        git=True,
    )
    from mlops_standards.assess import assess_all

    reports = {a.project: a for a in assess_all(root)}
    assert sorted(reports) == ["churn/", "forecast/"]
    assert reports["forecast/"].result("TR-010").status is Status.PASSED
    assert reports["churn/"].result("TR-010").status is Status.FAILED
    assert all(a.projects == ("churn/", "forecast/") for a in reports.values())


@pytest.mark.parametrize(
    ("files", "kinds", "source"),
    [
        (
            {"serve.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"},
            {"real-time"},
            "inferred",
        ),
        (
            {
                "score.py": "import mlflow\nimport pandas as pd\n\nframe = pd.read_parquet('features.parquet')\nmodel = mlflow.pyfunc.load_model(uri)\nframe['y'] = model.predict(frame)\n"
                "frame.to_parquet('predictions.parquet')\n"
            },
            {"batch"},
            "inferred",
        ),
        ({"README.md": "# Forecast\n"}, set(), "unknown"),
        (
            {
                "serve.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
                CONFIG: 'profile = "batch"\n',
            },
            {"batch"},
            "config",
        ),
        ({CONFIG: 'profile = "both"\n'}, {"batch", "real-time"}, "config"),
    ],
    ids=["service", "batch scoring", "nothing shows", "config wins", "both"],
)
def test_the_profile_is_inferred_with_evidence_or_set(
    tmp_path: Path, files: dict, kinds: set, source: str
) -> None:
    assessment = assess(write_tree(tmp_path, files, git=True))
    assert set(assessment.profile.kinds) == kinds and assessment.profile.source == source
    assert assessment.profile.evidence or source == "unknown"
    batch_only = next(r for r in assessment.results if r.requirement.applies_to == "batch")
    assert (batch_only.status is Status.NOT_APPLICABLE) == ("batch" not in kinds)
    if source == "unknown":
        assert "set profile" in batch_only.message


def test_a_repository_copied_into_another_is_not_its_product(tmp_path: Path) -> None:
    # An example project with its own CI, inside a library's repository: its pipelines never
    # run from there (GitHub and GitLab read CI files at a repository's root only).
    shutil.copytree(REFERENCE, tmp_path / "repo" / "examples" / "demand-forecast")
    root = write_tree(
        tmp_path / "repo",
        {
            "pyproject.toml": '[project]\nname = "library"\n',
            "src/library/__init__.py": "",
            "tests/test_library.py": "from library import x\n\n\ndef test_x():\n    assert x() == 1\n",
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: pytest\n",
        },
        git=True,
    )
    assessment = assess(root)
    assert assessment.level == 1
    assert (
        "examples/demand-forecast/",
        "a repository of its own (its own CI), not this product's code",
    ) in assessment.skipped_paths
    assert assess(root / "examples" / "demand-forecast").level == 4  # checked where it lives
