"""What produced a training run: the code's commit, the data's version and the environment."""

import hashlib
import platform
import subprocess
import sys
from pathlib import Path

import pandas as pd

NOT_IN_GIT = "unavailable: not a git repository"


def _git(repo_dir: Path, *args: str) -> str | None:
    """Run one read-only git command; None when git or the repository is missing."""
    try:
        done = subprocess.run(
            ["git", "-C", str(repo_dir), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def git_tags(repo_dir: Path | str = ".") -> dict[str, str]:
    """The commit, branch and working-tree state of the code that trains the model.

    Args:
        repo_dir: any directory inside the repository.

    Returns:
        MLflow tags `git.commit`, `git.branch` and `git.dirty`. Outside a git repository
        every value says so instead of failing: the run is still logged, visibly untraceable.
    """
    commit = _git(Path(repo_dir), "rev-parse", "HEAD")
    if commit is None:
        return {"git.commit": NOT_IN_GIT, "git.branch": NOT_IN_GIT, "git.dirty": NOT_IN_GIT}
    # A detached HEAD (as in most CI checkouts) has no branch name: say so.
    branch = _git(Path(repo_dir), "rev-parse", "--abbrev-ref", "HEAD")
    # Uncommitted changes mean the commit alone does not reproduce the code.
    dirty = _git(Path(repo_dir), "status", "--porcelain", "--untracked-files=no")
    return {"git.commit": commit, "git.branch": branch or "HEAD", "git.dirty": str(bool(dirty))}


def data_version(frame: pd.DataFrame) -> str:
    """A content hash of a data frame: equal data give equal hashes, any changed cell another.

    Args:
        frame: the training data exactly as the model sees it.

    Returns:
        The sha256 hex digest of the column names, dtypes and every row.
    """
    digest = hashlib.sha256()
    digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    # hash_pandas_object hashes each row with its index; stable across runs and platforms.
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()


def environment_tags(lock_file: Path | str = "requirements.lock") -> dict[str, str]:
    """The interpreter, the platform and the hash of the lock file the environment came from.

    Args:
        lock_file: the committed lock file the environment was installed from.

    Returns:
        MLflow tags `env.python`, `env.platform`, `env.lock_file` and `env.lock_sha256`;
        a missing lock file is recorded as such rather than silently skipped.
    """
    path = Path(lock_file)
    lock_hash = (
        hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else f"unavailable: {path} not found"
    )
    return {
        "env.python": sys.version.split()[0],
        "env.platform": platform.platform(),
        "env.lock_file": path.name,
        "env.lock_sha256": lock_hash,
    }
