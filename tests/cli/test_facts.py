"""`mlops-standards facts PATH [--json]`: what was recognised and where, before any verdict.

The JSON form is compared with a golden file, so a change in what the scan sees on this small
repository (a CI job that runs `make test`, a Makefile that runs pytest, tracked training) shows
up in review as a diff of that file. Regenerate it with:

    .venv/bin/python -m pytest tests/cli/test_facts.py --update-golden
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mlops_standards.cli import main
from tests.scan.tree import write_tree

GOLDEN = Path(__file__).with_name("golden") / "facts.json"
TREE = {
    ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: make test\n",
    "Makefile": "test:\n\tuv run pytest -q\n",
    "src/pkg/train.py": 'import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric("mae", 1.0)\n',
    "serve.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    ".gitlab-ci.yml": "test: {script: [\n",
}


def _facts(root: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["facts", str(root), *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_facts_as_json_match_the_golden_file(tmp_path: Path, request) -> None:
    root = write_tree(tmp_path / "repo", TREE, git=True)
    found = json.loads(_facts(root, "--json"))
    found["path"] = "<repo>"
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_facts_as_text_name_the_tool_file_line_and_the_chain(tmp_path: Path) -> None:
    out = _facts(write_tree(tmp_path / "repo", TREE, git=True))
    assert "src/pkg/train.py:3  calls mlflow.start_run [mlflow]" in out
    assert "Makefile:2  pytest -q  (via .github/workflows/ci.yml:6)" in out
    assert "profile: real-time (inferred)" in out
    assert ".gitlab-ci.yml: malformed YAML" in out


def test_facts_of_a_missing_path_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["facts", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such file or directory" in result.output
    assert result.output.strip().count("\n") == 0
