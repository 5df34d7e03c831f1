"""`bench/accuracy.py` scores a corpus the way its README defines: a tiny corpus of one
repository with known labels gives known figures, and a missed target fails the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.scan.tree import write_tree

SCRIPT = Path(__file__).parents[2] / "bench" / "accuracy.py"
LABELS = """repo: example/forecast
commit: 0
license: MIT
kind: a tracked training script
profile: {profile}
expert_level: 0
expert_level_why: notebook-grade
labels:
  TR-004:
    expected: met
    evidence: "train.py:3"
  TR-003:
    expected: met
    evidence: "wrongly labelled: there is no Dockerfile"
  DOC-001:
    expected: unclear
    evidence: "left out of every score"
"""


def _corpus(root: Path, profile: str = "unknown") -> Path:
    write_tree(
        root / "repos" / "example+forecast", {"train.py": "import mlflow\n\nmlflow.autolog()\n"}
    )
    write_tree(root / "labels", {"example+forecast.yaml": LABELS.format(profile=profile)})
    return root


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    checker = str(Path(sys.executable).with_name("mlops-standards"))
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--checker", checker, "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_scores_labels_as_the_corpus_defines_and_reports_every_disagreement(tmp_path: Path) -> None:
    done = _run(str(_corpus(tmp_path / "corpus", profile="batch")))
    out = done.stdout
    assert "agreement 0.500 (1/2)  precision 1.000 (1/1)  recall 0.500 (1/2)" in out
    assert "level 0 = expert 0" in out
    assert "example/forecast TR-003: expert met, checker not-met" in out
    assert "DOC-001" not in out.split("disagreements")[1]  # unclear labels are not scored
    assert "with the labelled profile" in out
    assert done.returncode == 1 and "missed:" in out  # 0.5 is below every target
    assert "[1/1] example/forecast" in done.stderr  # progress, on stderr


def test_a_folder_that_is_not_a_corpus_is_one_line(tmp_path: Path) -> None:
    done = _run(str(tmp_path))
    assert (
        done.returncode == 2
        and done.stderr.strip() == f"accuracy: {tmp_path}: not a corpus (no labels/ folder)"
    )
