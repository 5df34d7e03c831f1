"""Fixtures shared across the test tree: the repository root and the site built once per session."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A proxy that refuses every connection: a build that reaches for the network fails instead.
OFFLINE = {
    name: "http://127.0.0.1:9"
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
} | {"no_proxy": "", "NO_PROXY": ""}


@dataclass(frozen=True)
class BuiltSite:
    """The result of one `mkdocs build --strict` of the real site."""

    directory: Path
    """The output directory holding the HTML."""
    log: str
    """Everything mkdocs printed (stdout and stderr)."""

    def page(self, source: str) -> Path:
        """The HTML file built from a Markdown source path like `standards/traceability.md`."""
        stem = re.sub(r"(^|/)index\.md$|\.md$", "", source)
        return self.directory / stem / "index.html" if stem else self.directory / "index.html"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout the tests run from."""
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build the real site once per session into a temporary directory, strictly."""
    out = tmp_path_factory.mktemp("site")
    # The Material end-of-life banner is noise, not a warning; silence it so the log is the build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **OFFLINE}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict exited {result.returncode}:\n{log}", pytrace=False)
    return BuiltSite(out, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from what the code gives today (review the diff)",
    )
