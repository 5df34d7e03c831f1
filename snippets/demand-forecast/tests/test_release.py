"""Release hygiene: the package version is the newest release in CHANGELOG.md."""

import re
from pathlib import Path

from demand_forecast import __version__

ROOT = Path(__file__).resolve().parents[1]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.MULTILINE)


def test_the_package_version_has_release_notes():
    releases = RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert releases, "CHANGELOG.md has no release heading like '## [1.2.0] - 2025-06-01'"
    assert releases[0] == __version__, f"the package says {__version__}, CHANGELOG {releases[0]}"
