"""The command line: subcommands, output files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlops_standards.catalog import load
from mlops_standards.cli import main

REPOSITORY = {
    "README.md": "# forecast\n",
    "uv.lock": "version = 1\n",
    "src/forecast/__init__.py": "",
}


def write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write(tmp_path / "forecast", REPOSITORY)


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_check_prints_the_level(repo):
    result = run("check", str(repo))
    assert result.exit_code == 0
    assert "Level 0 · Notebook only" in result.output
    assert "Next: level 1 · DevOps but no MLOps" in result.output
    assert "Still missing" not in result.output  # at level 0 the next level is the whole list


def test_check_defaults_to_the_current_directory(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = run("check", "--format", "json")
    assert json.loads(result.output)["reports"][0]["path"] == str(repo.resolve())


def test_fail_under_gates_with_exit_one(repo):
    assert run("check", str(repo), "--fail-under", "0").exit_code == 0
    assert run("check", str(repo), "--fail-under", "1").exit_code == 1


def test_missing_path_is_one_line_and_exit_two(repo, tmp_path):
    result = run("check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file or directory" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_file_instead_of_a_directory_is_exit_two(repo):
    result = run("check", str(repo / "README.md"))
    assert result.exit_code == 2
    assert "not a directory" in result.stderr


def test_several_paths_give_one_report_each_and_a_summary(repo, tmp_path):
    other = write(tmp_path / "search", {"README.md": "# search\n"})
    result = run("check", str(repo), str(other))
    assert result.exit_code == 0
    assert "Summary" in result.output
    assert str(repo.resolve()) in result.output
    assert str(other.resolve()) in result.output


def test_one_bad_path_does_not_stop_the_others(repo, tmp_path):
    result = run("check", str(tmp_path / "nowhere"), str(repo), "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert len(document["reports"]) == 1
    assert document["errors"][0]["path"].endswith("nowhere")


def test_output_files_by_suffix_keep_the_terminal_report(repo, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "check",
        str(repo),
        "-o",
        str(out / "r.json"),
        "-o",
        str(out / "r.md"),
        "-o",
        str(out / "r.sarif"),
    )
    assert result.exit_code == 0
    assert "Level 0" in result.output
    assert json.loads((out / "r.json").read_text())["reports"][0]["level"] == 0
    assert (out / "r.md").read_text().startswith("## MLOps standards: Level 0")
    assert json.loads((out / "r.sarif").read_text())["version"] == "2.1.0"


def test_unknown_output_suffix_is_a_usage_error(repo, tmp_path):
    result = CliRunner().invoke(main, ["check", str(repo), "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    assert "suffix" in result.output


def test_invalid_config_is_one_line_naming_file_and_key(repo):
    (repo / ".mlops-standards.toml").write_text('[waive]\nXYZ-999 = "no"\n')
    result = run("check", str(repo))
    assert result.exit_code == 2
    assert ".mlops-standards.toml: waive.XYZ-999: unknown requirement ID" in result.stderr


def test_list_filters_by_area_and_level():
    result = run("list", "--area", "tr", "--level", "2")
    expected = [r.id for r in load() if r.area == "TR" and r.level == 2]
    assert result.exit_code == 0
    for rid in expected:
        assert rid in result.output
    assert "TR-001" not in result.output  # level 1
    assert "DOC-" not in result.output


def test_explain_gives_why_evidence_and_golden_path():
    requirement = load().get("TR-005")
    result = run("explain", "tr-005")
    assert result.exit_code == 0
    assert requirement.title in result.output
    assert requirement.summary in result.output
    assert requirement.verification.evidence in result.output
    assert "golden-paths/traceability/#tr-005" in result.output


def test_explain_unknown_id_is_exit_two():
    result = run("explain", "NOPE-1")
    assert result.exit_code == 2
    assert "unknown requirement ID" in result.stderr


def test_help_everywhere():
    for args in ([], ["check"], ["list"], ["explain"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_python_dash_m_runs_the_cli(repo):
    result = subprocess.run(
        [sys.executable, "-m", "mlops_standards", "check", str(repo), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0]["level"] == 0


def test_no_colour_when_piped_or_no_color(repo):
    for env in ({}, {"NO_COLOR": "1"}):
        result = subprocess.run(
            [sys.executable, "-m", "mlops_standards", "check", str(repo)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert "\x1b[" not in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_the_gate_chooses_the_level_or_the_certified_level(tmp_path):
    from tests.scan.tree import write_tree

    root = write_tree(
        tmp_path / "tested",
        {
            "src/forecast/model.py": "def predict(rows):\n    return [r * 2 for r in rows]\n",
            "tests/test_model.py": "from forecast.model import predict\n\n\ndef test_doubles():\n    assert predict([1]) == [2]\n",
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: pytest\n",
        },
        git=True,
    )
    report = json.loads(run("check", str(root), "--format", "json").output)["reports"][0]
    assert (report["level"], report["certified_level"]) == (1, 0)
    assert run("check", str(root), "--fail-under", "1").exit_code == 0
    assert run("check", str(root), "--fail-under", "1", "--gate", "certified").exit_code == 1
    assert run("check", str(root), "--fail-under", "2").exit_code == 1
