"""Each documentation check on tiny repositories: passing cases and a failing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import assert_fails, assert_passes, run_check, write_tree

API = (
    "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\n"
    "class Request(BaseModel):\n    store_id: int\n\napp = FastAPI()\n"
)
PASSING = [
    ("DOC-001", "readme section", {"README.md": "# F\n\n## Business goal and KPIs\n"}, "README.md"),
    ("DOC-001", "docs rst", {"docs/index.rst": "Goals\n=====\n\nText.\n"}, "docs/index.rst"),
    ("DOC-002", "codeowners", {".github/CODEOWNERS": "* @team\n"}, ".github/CODEOWNERS"),
    ("DOC-002", "team section", {"README.md": "# F\n\n## Team and contacts\n"}, "README.md"),
    ("DOC-005", "pandera", {"schema.py": "import pandera as pa\n"}, "schema.py"),
    (
        "DOC-005",
        "pydantic",
        {"m.py": "from pydantic import BaseModel\nclass Row(BaseModel):\n    x: int\n"},
        "m.py",
    ),
    (
        "DOC-005",
        "feature dictionary",
        {"docs/feature-dictionary.md": "# Features\n"},
        "docs/feature-dictionary.md",
    ),
    ("DOC-007", "typed fastapi", {"serve.py": API}, "serve.py"),
    ("DOC-007", "openapi", {"api/openapi.yaml": "openapi: 3.1.0\n"}, "api/openapi.yaml"),
    (
        "DOC-008",
        "adr",
        {"docs/adr/0001-use-mlflow.md": "# Use MLflow\n"},
        "docs/adr/0001-use-mlflow.md",
    ),
    (
        "DOC-008",
        "architecture section",
        {"docs/index.md": "# X\n\n## Architecture\n"},
        "docs/index.md",
    ),
    (
        "DOC-009",
        "readme",
        {"README.md": "# F\n\nForecasts daily demand per store.\n\n## Install\n"},
        "README.md",
    ),
    ("DOC-010", "model card", {"MODEL_CARD.md": "# Model card\n"}, "MODEL_CARD.md"),
    (
        "DOC-010",
        "generator",
        {"card.py": "def write_model_card(run):\n    pass\n\nwrite_model_card(1)\n"},
        "card.py",
    ),
]
FAILING = [
    ("DOC-001", "no goal", {"README.md": "# F\n\n## Install\n"}),
    ("DOC-002", "no owners", {"README.md": "# F\n"}),
    ("DOC-005", "no schema", {"train.py": "import pandas\n"}),
    ("DOC-007", "untyped api", {"serve.py": "from fastapi import FastAPI\napp = FastAPI()\n"}),
    ("DOC-008", "no architecture", {"docs/index.md": "# Home\n"}),
    ("DOC-009", "no readme", {"train.py": "x = 1\n"}),
    ("DOC-009", "title only", {"README.md": "# forecast\n"}),
    ("DOC-010", "no card", {"docs/index.md": "# Home\n"}),
]


@pytest.mark.parametrize(("rid", "case", "files", "where"), PASSING)
def test_check_passes_and_names_the_file(
    tmp_path: Path, rid: str, case: str, files: dict, where: str
) -> None:
    assert_passes(tmp_path, rid, files, where, case)


@pytest.mark.parametrize(("rid", "case", "files"), FAILING)
def test_check_fails_and_says_where_it_looked(
    tmp_path: Path, rid: str, case: str, files: dict
) -> None:
    assert_fails(tmp_path, rid, files, case)


def test_heading_inside_a_code_fence_is_not_a_section(tmp_path: Path) -> None:
    readme = "# F\n\n```markdown\n## Business goal\n```\n"
    assert not run_check(write_tree(tmp_path, {"README.md": readme}), "DOC-001").passed


def test_readme_evidence_names_the_lines(tmp_path: Path) -> None:
    readme = "# F\n\nForecasts daily demand per store.\n\n## Usage\n"
    outcome = run_check(write_tree(tmp_path, {"README.md": readme}), "DOC-009")
    assert [(e.path, e.line) for e in outcome.evidence] == [("README.md", 3), ("README.md", 5)]


def test_unreadable_readme_is_an_error(tmp_path: Path) -> None:
    outcome = run_check(write_tree(tmp_path, {"README.md": b"\xff\xfe bad"}), "DOC-009")
    assert outcome.error == "README.md: not UTF-8 text"
