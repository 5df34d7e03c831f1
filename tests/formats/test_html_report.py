"""`check --format html`: one page per run, readable offline, with everything the report says."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mlops_standards.assess import Status, assess_all
from tests.browsing import horizontal_overflow, open_page, served

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
CLI = Path(sys.executable).parent / "mlops-standards"


class Sources(HTMLParser):
    """Every URL the page would load by itself: scripts, styles, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.loaded.append(values["src"])
        if tag == "link":
            self.loaded.append(values.get("href", ""))


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [str(CLI), "check", str(EXAMPLE), "--output", str(folder / "index.html")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_the_page_loads_nothing_and_forbids_loading_anything(report_page):
    html = (report_page / "index.html").read_text()
    parser = Sources()
    parser.feed(html)
    assert parser.loaded == []
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_the_page_says_what_the_other_reports_say(report_page):
    assessment = assess_all(EXAMPLE)[0]
    text = re.sub(r"<[^>]+>", "", (report_page / "index.html").read_text())
    assert f"Level {assessment.level} · {assessment.level_name}" in text
    for result in (*assessment.placed_by, *assessment.gaps, *assessment.blocking):
        assert result.requirement.id in text


@pytest.mark.browser
def test_every_requirement_is_a_row_and_the_gaps_link_to_golden_paths(page, report_page):
    assessment = assess_all(EXAMPLE)[0]
    with served(report_page) as url:
        page.goto(url)
        shown = [r for r in assessment.results if r.status is not Status.RETIRED]
        expect(page.locator("table.cards tbody tr")).to_have_count(len(shown))
        gap = assessment.gaps[0].requirement
        link = page.locator(f"li:has(b:text-is('{gap.id}')) a")
        expect(link).to_have_text("golden path")
        assert link.get_attribute("href").endswith(f"#{gap.anchor}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_fits_a_phone_and_a_laptop(browser, report_page, width):
    with served(report_page) as url:
        seen: list[str] = []
        context, sized = open_page(browser, seen, width)
        sized.goto(url)
        assert horizontal_overflow(sized) == 0
        context.close()
