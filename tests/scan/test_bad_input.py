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
from mlops_standards.scan import Repository, ScanError
from mlops_standards.scan.facts import Facts
from mlops_standards.scan.walk import MAX_DEPTH
from tests.scan.tree import write_tree

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
    facts = Facts(repository)
    outcome = run(REGISTRY["CQ-001"], facts)
    assert outcome.error and outcome.error.startswith("pyproject.toml: cannot be read")
    others = [run(c, facts) for rid, c in REGISTRY.items() if rid != "CQ-001"]
    assert len(others) == len(REGISTRY) - 1


def test_binary_file_named_py_is_not_parsed_and_is_named(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"train.py": b"\x00\x01\x02mlflow\x00", "ok.py": "x = 1\n"})
    outcome = run(REGISTRY["TR-004"], Facts(Repository(root)))
    assert not outcome.passed and outcome.error is None
    assert [(e.path, e.detail) for e in outcome.evidence][-1] == (
        "train.py",
        "not searched: binary file",
    )


def test_module_with_a_syntax_error_is_named_where_the_search_looked(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"train.py": "import mlflow\nmlflow.autolog(\n"})
    outcome = run(REGISTRY["TR-004"], Facts(Repository(root)))
    assert not outcome.passed and outcome.error is None
    assert outcome.evidence[-1].path == "train.py"
    assert outcome.evidence[-1].detail.startswith("not searched: malformed Python")


@pytest.mark.parametrize(
    ("files", "rid", "error"),
    [
        ({"pyproject.toml": "[project\nname = 1\n"}, "CQ-001", "pyproject.toml: malformed TOML"),
        (
            {".pre-commit-config.yaml": "repos: [\n"},
            "CQ-002",
            ".pre-commit-config.yaml: malformed YAML",
        ),
        ({".gitlab-ci.yml": "test: {script: [\n"}, "CQ-006", ".gitlab-ci.yml: malformed YAML"),
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
    facts = Facts(Repository(root))
    assert [(p.path, p.error.split(":")[0]) for p in facts.unreadable_python] == [
        ("a.ipynb", "malformed notebook"),
        ("b.ipynb", "malformed notebook"),
    ]
    assert run(REGISTRY["TR-004"], facts).passed


def test_non_utf8_file_name_is_scanned_and_shown_readably(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {})
    with open(os.path.join(os.fsencode(root), b"caf\xe9.py"), "w", encoding="utf-8") as handle:
        handle.write(TRACK)
    outcome = run(REGISTRY["TR-004"], Facts(Repository(root)))
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
    errors = Facts(Repository(root)).unreadable_python
    assert [(e.path, e.error) for e in errors] == [("train.py", "larger than 1024 KiB, not read")]


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
    root = write_tree(tmp_path / "repo", {
        "train.py": b"\x00binary", "pyproject.toml": "[project\n", ".pre-commit-config.yaml": "[",
        "n.ipynb": "{", "README.md": b"\xff\xfe", ".github/workflows/ci.yml": "on: [",
    }, git=True)  # fmt: skip
    (root / "loop").symlink_to(root, target_is_directory=True)
    with open(root / "huge.csv", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = _cli("check", str(root), "--format", "json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert len(report["results"]) == len(load().requirements)
    errors = {r["id"] for r in report["results"] if r["status"] == "error"}
    assert {"CQ-001", "CQ-002", "CQ-006", "DOC-009"} <= errors


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
    facts = Facts(Repository(write_tree(tmp_path, dict.fromkeys(CONFIGS, shape))))
    broken = [
        (rid, o.error)
        for rid, o in ((r, run(c, facts)) for r, c in REGISTRY.items())
        if o.error and "unexpectedly" in o.error
    ]
    assert not broken


@pytest.mark.parametrize("pyproject", ["tool = 5", "project = 5", "project = {name = 5}"])
def test_pyproject_of_an_unexpected_shape_fails_plainly(tmp_path: Path, pyproject: str) -> None:
    facts = Facts(Repository(write_tree(tmp_path, {"pyproject.toml": pyproject, "a.py": ""})))
    for rid in ("CQ-001", "CQ-003", "CQ-012"):
        outcome = run(REGISTRY[rid], facts)
        assert not outcome.passed and outcome.error is None, (rid, outcome)
