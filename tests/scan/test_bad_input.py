"""Bad input never ends in a traceback: a one-line error for the path, or a per-check result,
and the rest of the report complete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from mlops_standards.assess import Status, assess
from mlops_standards.catalog import load
from mlops_standards.checks import REGISTRY, run
from mlops_standards.config import ConfigError
from mlops_standards.scan import Repository, ScanError
from mlops_standards.scan.facts import Facts
from mlops_standards.scan.walk import MAX_DEPTH
from tests.scan.tree import facts, write_tree

TRACK = "import mlflow\nmlflow.autolog()\n"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mlops_standards", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such file or directory"),
        (lambda p: write_tree(p, {"f.txt": "x"}) / "f.txt", "not a directory"),
    ],
    ids=["missing path", "a file"],
)
def test_path_that_is_not_a_directory_is_one_line(tmp_path: Path, make, message: str) -> None:
    target = make(tmp_path)
    with pytest.raises(ScanError, match=message):
        Repository(target)
    result = _cli("check", str(target))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_directory_is_level_0_and_every_failure_says_where_it_looked(tmp_path: Path) -> None:
    assessment = assess(tmp_path)
    assert assessment.level == 0
    automated = [r for r in assessment.results if r.requirement.automated]
    judged = [r for r in automated if r.status is not Status.NOT_APPLICABLE]
    assert {r.status for r in judged} == {Status.FAILED, Status.SKIPPED}
    assert all(r.evidence for r in judged if r.status is Status.FAILED)
    assert all(r.message.startswith("requires ") for r in judged if r.status is Status.SKIPPED)


def test_file_that_cannot_be_read_is_an_error_for_the_checks_that_need_it(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "f"\n', "f/a.py": ""})
    repository = Repository(root)
    assert "pyproject.toml" in repository.paths  # the walk saw it
    target = root / "pyproject.toml"
    target.chmod(0)
    try:
        target.read_bytes()
    except PermissionError:
        pass
    else:
        # Running as root, where mode 000 does not stop reads: make it vanish after the walk.
        target.unlink()
    catalog = load()
    facts_ = Facts(repository, catalog.tools, catalog.markers)
    assert [e.path for e in facts_.parse_errors] == ["pyproject.toml"]
    assert [e.path for e in facts_.errors_for(["package-build"])] == ["pyproject.toml"]
    assert facts_.errors_for(["ci"]) == []
    assert str(facts_.parse_errors[0]).startswith("pyproject.toml: cannot be read")
    assert all(run(c, facts_).error is None for c in REGISTRY.values())  # each check still answers


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01\x02mlflow\x00", "binary file"),
        (b"import mlflow\nmlflow.autolog(\n", "not valid Python"),
    ],
    ids=["binary", "syntax error"],
)
def test_python_file_that_cannot_be_parsed_is_named_once_and_never_evidence(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    root = write_tree(tmp_path, {"train.py": content, "ok.py": "x = 1\n"}, git=True)
    outcome = run(REGISTRY["TR-004"], facts(root))
    assert not outcome.passed and outcome.error is None
    assessment = assess(root)
    assert [e.path for e in assessment.parse_errors] == ["train.py"]
    assert reason in assessment.parse_errors[0].message
    assert assessment.result("TR-004").status is Status.FAILED
    assert "train.py" not in [
        e.path for r in assessment.results if r.status is Status.PASSED for e in r.evidence
    ]


@pytest.mark.parametrize(
    ("files", "rid", "error"),
    [
        ({"pyproject.toml": "[project\nname = 1\n"}, "CQ-001", "pyproject.toml: malformed TOML"),
        (
            {".pre-commit-config.yaml": "repos: [\n"},
            "CQ-002",
            ".pre-commit-config.yaml: malformed YAML",
        ),
        (
            {
                ".gitlab-ci.yml": "test: {script: [\n",
                "tests/test_a.py": "def test_a():\n    assert 1 + 1 == 2\n",
                "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests']\n",
            },
            "CQ-006",
            ".gitlab-ci.yml: malformed YAML",
        ),
        ({"README.md": b"# caf\xe9\n"}, "DOC-009", "README.md: not UTF-8 text"),
    ],
    ids=["toml", "yaml", "ci yaml", "non-utf8 readme"],
)
def test_malformed_file_is_an_error_result_and_the_report_completes(
    tmp_path: Path, files: dict, rid: str, error: str
) -> None:
    assessment = assess(write_tree(tmp_path, files, git=True))
    result = assessment.result(rid)
    assert result.status is Status.ERROR and result.message.startswith(error)
    assert len(assessment.results) == len(load().requirements)


def test_malformed_json_notebook_is_skipped_with_its_reason(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"a.ipynb": '{"cells": [', "b.ipynb": "[1, 2]", "t.py": TRACK})
    found = facts(root)
    assert [(p.path, p.message.split(":")[0]) for p in found.unreadable_python] == [
        ("a.ipynb", "malformed notebook"),
        ("b.ipynb", "malformed notebook"),
    ]
    assert run(REGISTRY["TR-004"], found).passed


def test_non_utf8_file_name_is_scanned_and_shown_readably(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {})
    with open(os.path.join(os.fsencode(root), b"caf\xe9.py"), "w", encoding="utf-8") as handle:
        handle.write(TRACK)
    outcome = run(REGISTRY["TR-004"], facts(root))
    assert outcome.passed and outcome.evidence[0].path == "caf\ufffd.py"
    result = _cli("check", str(root), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "caf\ufffd.py" in result.stdout


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"train.py": TRACK})
    (root / "self").symlink_to(root, target_is_directory=True)
    (root / "a").symlink_to(root / "b")
    (root / "b").symlink_to(root / "a")
    repository = Repository(root)
    assert sorted(f.path for f in repository.files) == ["train.py"]
    assert [path for path, reason in repository.skipped if "symbolic links" in reason] == ["a", "b"]
    assert assess(root).result("TR-004").status is Status.PASSED


def test_file_of_50_mb_is_never_read(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"ok.py": TRACK})
    with open(root / "train.py", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk, 50 MB if read
    tracemalloc.start()
    try:
        assessment = assess(root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert assessment.result("TR-004").status is Status.PASSED
    errors = facts(root).unreadable_python
    assert [(e.path, e.message) for e in errors] == [("train.py", "larger than 1024 KiB, not read")]


def test_very_deep_tree_is_walked_to_the_limit_and_the_rest_reported(tmp_path: Path) -> None:
    deep = tmp_path / "repo" / Path(*["d"] * 200)
    deep.mkdir(parents=True)
    (deep / "train.py").write_text(TRACK, encoding="utf-8")
    shallow = tmp_path / "repo" / Path(*["d"] * 10) / "train.py"
    shallow.write_text(TRACK, encoding="utf-8")
    assessment = assess(tmp_path / "repo")
    assert assessment.result("TR-004").status is Status.PASSED
    assert [reason for _, reason in assessment.skipped_paths] == ["deeper than the walk goes"]
    assert assessment.skipped_paths[0][0].count("/") == MAX_DEPTH


def test_everything_at_once_through_the_command_line(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "repo",
        {
            "train.py": b"\x00binary",
            "pyproject.toml": "[project\n",
            ".pre-commit-config.yaml": "[",
            "n.ipynb": "{",
            "README.md": b"\xff\xfe",
            ".github/workflows/ci.yml": "on: [",
        },
        git=True,
    )
    (root / "loop").symlink_to(root, target_is_directory=True)
    with open(root / "huge.csv", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = _cli("check", str(root), "--format", "json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert len(report["results"]) == len(load().requirements)
    errors = {r["id"] for r in report["results"] if r["status"] == "error"}
    # Each unreadable file is an error of the checks of its practice: packaging, hooks, CI, README.
    assert {"CQ-001", "CQ-002", "DOC-009", "TR-017"} <= errors
    assert {e["path"] for e in report["parse_errors"]} >= {
        "train.py",
        "pyproject.toml",
        "n.ipynb",
        ".github/workflows/ci.yml",
    }


SHAPES = [
    "[]",
    "1",
    "jobs: [1, 2]",
    "on: {push: [main]}\njobs: {a: {steps: x}}",
    "a: {script: 5}",
    "trigger: {branches: 5}\npr: [1]\nsteps: 5",
    "jobs: {a: 5}",
    "targets: [dev]",
]
CONFIGS = [
    ".github/workflows/a.yml",
    ".gitlab-ci.yml",
    "azure-pipelines.yml",
    ".circleci/config.yml",
    "databricks.yml",
    ".pre-commit-config.yaml",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_valid_yaml_of_an_unexpected_shape_never_breaks_a_check(tmp_path: Path, shape: str) -> None:
    found = facts(write_tree(tmp_path, dict.fromkeys(CONFIGS, shape)))
    broken = [
        (rid, o.error)
        for rid, o in ((r, run(c, found)) for r, c in REGISTRY.items())
        if o.error and "unexpectedly" in o.error
    ]
    assert not broken


@pytest.mark.parametrize("pyproject", ["tool = 5", "project = 5", "project = {name = 5}"])
def test_pyproject_of_an_unexpected_shape_fails_plainly(tmp_path: Path, pyproject: str) -> None:
    found = facts(write_tree(tmp_path, {"pyproject.toml": pyproject, "a.py": ""}))
    for rid in ("CQ-001", "CQ-003", "CQ-012"):
        outcome = run(REGISTRY[rid], found)
        assert not outcome.passed and outcome.error is None, (rid, outcome)


@pytest.mark.parametrize("evidence", ["../../etc/hostname", "/etc/hostname", "link/hostname"])
def test_attestation_outside_the_repository_is_a_config_error(
    tmp_path: Path, evidence: str
) -> None:
    root = write_tree(
        tmp_path / "repo",
        {".mlops-standards.toml": f'[attest]\nDOC-003 = "{evidence}"\n', "train.py": TRACK},
    )
    (root / "link").symlink_to("/etc", target_is_directory=True)
    with pytest.raises(ConfigError, match="outside the repository"):
        assess(root)
    result = _cli("check", str(root))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "outside the repository" in result.stderr and result.stderr.strip().count("\n") == 0


def test_attestation_inside_the_repository_is_accepted(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".mlops-standards.toml": '[attest]\nDOC-003 = "docs/review.md"\n',
            "docs/review.md": "# Review\n\nSigned off by the data owner.\n",
        },
    )
    assert assess(root).result("DOC-003").status is Status.ATTESTED


def test_nested_gitignore_negation_is_honoured_without_git(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.log\n",
            "src/.gitignore": "generated/*\n!generated/keep.py\n",
            "src/generated/drop.py": TRACK,
            "src/generated/keep.py": TRACK,
            "build/train.py": TRACK,
            "run.log": "x",
        },
    )
    paths = set(Repository(root).paths)
    assert "src/generated/keep.py" in paths and "src/.gitignore" in paths
    assert not paths & {"src/generated/drop.py", "build/train.py", "run.log"}


def test_committed_file_is_scanned_even_when_gitignore_names_it(tmp_path: Path) -> None:
    # Git lists what is committed, whatever .gitignore says later; the checker reads what git has.
    root = write_tree(
        tmp_path,
        {".gitignore": "*.lock\nnotes/\n", "uv.lock": "version = 1\n", "notes/scratch.py": TRACK},
        git=True,
    )
    (root / "untracked.lock").write_text("x", encoding="utf-8")
    paths = set(Repository(root).paths)
    assert {"uv.lock", "notes/scratch.py"} <= paths and "untracked.lock" not in paths


def test_template_files_are_text_of_a_template_not_parse_errors(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "copier.yml": "_subdirectory: template\nproject_name: {type: str}\n",
            "template/{{project_name}}/train.py.jinja": "import mlflow\n{% if tracking %}mlflow.autolog(){% endif %}\n",
            "template/.github/workflows/ci.yml.jinja": "on: [push]\njobs:\n  {{ job }}:\n    runs-on: ubuntu-latest\n"
            "    steps:\n{% for s in steps %}      - run: {{ s }}\n{% endfor %}\n",
            "template/pyproject.toml.jinja": '[project]\nname = "{{ project_name }}"\n{% if x %}\n',
            "charts/values.yaml": "image: {{ .Values.image }}\nreplicas: {{- .Values.replicas }}\n",
        },
        git=True,
    )
    assessment = assess(root)
    assert assessment.parse_errors == ()
    assert all(r.status is not Status.ERROR for r in assessment.results), [
        (r.requirement.id, r.message) for r in assessment.results if r.status is Status.ERROR
    ]
