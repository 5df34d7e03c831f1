"""The handbook builds from the tailored standards: the site shows what the reports count."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import OFFLINE

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "snippets" / "organisation" / "acme-mlops" / "src" / "acme_mlops" / "standards.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tailored_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("acme-site")
    env = {
        **os.environ,
        **OFFLINE,
        "NO_MKDOCS_2_WARNING": "1",
        "MLOPS_STANDARDS_OVERLAY": str(ACME),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def text_of(html: str) -> str:
    """The visible words of some HTML, tags dropped and spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_the_organisations_requirement_has_its_section_and_links(tailored_site):
    html = page(tailored_site, "standards/code-quality")
    section = text_of(between(html, 'id="cq-901"', "</p>\n<p"))
    assert "CQ-901 · Container images are scanned for known vulnerabilities" in section
    assert "preview: reported now, counts from 2027-01-01" in text_of(html)
    assert 'href="https://wiki.acme.example/security/secure-development#containers"' in html


def test_a_retired_requirement_is_shown_as_retired_and_left_off_the_checklists(tailored_site):
    html = page(tailored_site, "standards/documentation")
    section = text_of(html[html.index('id="doc-008"') :][:800])
    assert "retired: no longer required; its ID stays reserved" in section
    checklist = between(html, "mlops-checklist", "</div>")
    assert "DOC-008" not in checklist and "DOC-009" in checklist
    assert "DOC-008" not in text_of(
        between(page(tailored_site, "maturity-model"), 'id="level-3"', 'id="level-4"')
    )


def test_a_changed_level_moves_the_requirement_on_the_maturity_model(tailored_site):
    html = page(tailored_site, "maturity-model")
    assert "DOC-003" in text_of(between(html, 'id="level-2"', 'id="level-3"'))
    assert "DOC-003" not in text_of(between(html, 'id="level-3"', 'id="level-4"'))
    standard = page(tailored_site, "standards/documentation")
    assert "Level 2 (Automated training)" in text_of(
        standard[standard.index('id="doc-003"') :][:600]
    )


def test_the_shipped_site_keeps_the_shipped_levels(built_site):
    html = built_site.page("maturity-model.md").read_text(encoding="utf-8")
    assert "DOC-003" in text_of(between(html, 'id="level-3"', 'id="level-4"'))
    assert "CQ-901" not in built_site.page("standards/code-quality.md").read_text(encoding="utf-8")


def test_the_crosswalk_marks_a_retired_requirement(tailored_site):
    text = text_of(page(tailored_site, "crosswalk"))
    assert "The software architecture is documented (retired)" in text
