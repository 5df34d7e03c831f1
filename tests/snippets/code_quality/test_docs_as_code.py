"""The example project's docs build strictly from its repository, API reference included."""

from __future__ import annotations

import os
import subprocess
import sys


def test_mkdocs_builds_the_project_docs_with_the_api_reference(project, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "index.html").read_text()
    # mkdocstrings rendered the docstrings of each module's public functions.
    for name in ("features.clean_sales", "train.train_model", "api.create_app"):
        assert f'id="demand_forecast.{name}"' in page, name
