"""The production checklist page: the rows of the chosen level and profile, printed as a form.

The page is the strict build's (`built_site`); it is printed to PDF by chromium as a reader's
"Save as PDF" would, and read back with poppler's pdftotext and pdfinfo.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mlops_standards.catalog import load
from tests.browsing import served

pytestmark = pytest.mark.browser
AREAS = ("Documentation", "Code quality", "Traceability & reproducibility", "Monitoring")


@pytest.fixture(scope="module")
def site(built_site):
    with served(built_site.directory) as url:
        yield url


@pytest.fixture(scope="module")
def catalog():
    return load()


def expected(catalog, level: int, profile: str) -> list[str]:
    kinds = {"batch": {"batch"}, "real-time": {"real-time"}, "both": {"batch", "real-time"}}[
        profile
    ]
    return [
        r.id
        for r in catalog
        if not r.deprecated
        and r.level <= level
        and (r.applies_to == "all" or r.applies_to in kinds)
    ]


def shown_ids(page) -> list[str]:
    rows = page.locator(".mlops-checklist-table tbody tr:visible b")
    return rows.all_inner_texts()


@pytest.mark.parametrize(
    ("level", "profile"), [(3, "batch"), (1, "real-time"), (4, "both"), (2, "real-time")]
)
def test_the_rows_are_every_requirement_of_the_chosen_level_and_profile(
    page, site, catalog, level, profile
):
    page.goto(f"{site}checker/checklist/")
    page.locator(f"#checklist-level-{level}").check()
    page.locator(f"#checklist-profile-{profile}").check()
    assert shown_ids(page) == expected(catalog, level, profile)
    expect(page.locator(".mlops-checklist-for")).to_contain_text(
        f"every requirement up to level {level},"
    )
    # An area with nothing at this level is left out, heading and all.
    for section in page.locator(".mlops-checklist-area").all():
        assert section.is_visible() == (int(section.get_attribute("data-lowest-level")) <= level)


def test_the_default_is_level_3_for_a_batch_product(page, site, catalog):
    page.goto(f"{site}checker/checklist/")
    assert shown_ids(page) == expected(catalog, 3, "batch")


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [page for page in text.stdout.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def printed(browser, site, tmp_path_factory) -> Path:
    """The checklist for level 2, real-time, saved as a PDF in the page's own page size."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}checker/checklist/")
    page.locator("#checklist-level-2").check()
    page.locator("#checklist-profile-real-time").check()
    path = tmp_path_factory.mktemp("print") / "checklist.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    context.close()
    return path


def test_it_prints_on_landscape_a4(printed):
    info = subprocess.run(
        ["pdfinfo", str(printed)], capture_output=True, text=True, check=True
    ).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)


def test_the_printout_holds_the_chosen_rows_once_each_and_no_other(printed, catalog):
    text = "\n".join(pdf_pages(printed))
    printed_ids = re.findall(r"^\s*((?:DOC|CQ|TR|MON)-\d{3}) ", text, re.M)
    assert printed_ids == expected(catalog, 2, "real-time")


def test_the_printout_says_what_it_is_for_and_leaves_the_controls_off(printed):
    first = pdf_pages(printed)[0]
    assert "every requirement up to level 2, Automated training" in first
    assert "real-time product" in first
    assert "Level to sign off" not in "\n".join(pdf_pages(printed))
    for column in ("Status", "Evidence", "Owner", "Date", "Sign-off"):
        assert column in first


def test_links_print_their_target(printed):
    text = "\n".join(pdf_pages(printed))
    assert "http://127.0.0.1:8000/standards/documentation/#doc-001" in text.replace("\n", " ")


def test_no_area_heading_is_left_alone_at_the_foot_of_a_page(printed):
    for number, page in enumerate(pdf_pages(printed), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[-1] not in AREAS, f"page {number} ends with the heading {lines[-1]!r}"
        for area in AREAS:
            if area in lines:
                after = lines[lines.index(area) + 1 :]
                assert any(re.match(r"(DOC|CQ|TR|MON)-\d{3} ", line) for line in after), (
                    number,
                    area,
                )


def test_boxes_print_empty_on_the_checklist_and_on_the_standards_pages(page, site):
    page.emulate_media(media="print")
    page.goto(f"{site}checker/checklist/")
    boxes = page.evaluate("""[...document.querySelectorAll('.mlops-box')].map(b => {
        const s = getComputedStyle(b), after = getComputedStyle(b, '::before');
        return [s.backgroundColor, s.borderTopStyle, after.content];
    })""")
    assert boxes and set(map(tuple, boxes)) == {("rgba(0, 0, 0, 0)", "solid", "none")}
    page.goto(f"{site}standards/documentation/")
    ticks = page.evaluate("""[...document.querySelectorAll('.task-list-indicator')].map(i => {
        const s = getComputedStyle(i, '::before');
        return [s.maskImage || s.webkitMaskImage, s.backgroundColor, s.borderTopStyle];
    })""")
    assert ticks and set(map(tuple, ticks)) == {("none", "rgba(0, 0, 0, 0)", "solid")}
