"""Release hygiene: the version in pyproject.toml is the newest release in CHANGELOG.md."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.MULTILINE)


def test_the_package_version_has_release_notes():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    releases = RELEASE.findall((ROOT / "CHANGELOG.md").read_text())
    assert releases, "CHANGELOG.md has no release heading like '## [1.2.0] - 2025-06-01'"
    assert releases[0] == version, f"pyproject.toml says {version}, CHANGELOG.md {releases[0]}"
