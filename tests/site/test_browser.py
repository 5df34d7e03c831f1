"""The built site in a real browser: Debian's chromium driven by Playwright, headless.

The site is served from the session's strict build on 127.0.0.1; every request the browser
makes is recorded and any that leaves 127.0.0.1 fails the test that caused it.
`make browser` (run by `make test`) installs chromium when it is missing and it may.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
MISSING = f"no {CHROMIUM}: run `make browser` as root, or `sudo apt-get install chromium`"
# Keep chromium from calling home: no QUIC, no component updates, no sync, no first-run pings.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 and a free port, from a thread."""
    handler = functools.partial(QuietHandler, directory=str(built_site.directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        # Locally a missing browser is a skip with the way to get it; in CI it is a failure.
        if os.environ.get("CI"):
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the page of one test asked for."""
    return []


@pytest.fixture
def page(browser: Browser, requested: list[str]) -> Iterator[Page]:
    """A fresh page (own storage, so a stored colour scheme never leaks between tests).

    Every request is recorded; one that would leave 127.0.0.1 is aborted, and fails the test.
    """
    context, page = open_page(browser, requested)
    yield page
    context.close()
    assert offsite(requested) == [], f"requests left 127.0.0.1: {offsite(requested)}"


def open_page(browser: Browser, requested: list[str]) -> tuple[BrowserContext, Page]:
    """A page in a new context that records every request and aborts those leaving the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(lambda url: not stays_local(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda request: requested.append(request.url))
    return context, page


def stays_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def offsite(urls: list[str]) -> list[str]:
    return [url for url in urls if not stays_local(url)]


def test_an_offsite_request_is_recorded_and_refused(browser, site_url):
    """Guard the guard: the recording and the filter the other tests rely on catch a fetch."""
    seen: list[str] = []
    context, page = open_page(browser, seen)
    page.goto(site_url)
    outcome = page.evaluate("fetch('https://cdn.example.org/x.js').then(() => 'ok', () => 'no')")
    context.close()
    assert outcome == "no"
    assert offsite(seen) == ["https://cdn.example.org/x.js"]


def test_searching_a_requirement_id_reaches_its_section(page, site_url):
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    # Typed key by key: Material searches on keyboard events, not on a filled value.
    search.press_sequentially("TR-005", delay=40)
    result = page.locator('.md-search-result a[href*="#tr-005"]').first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"#tr-005$"))
    heading = page.locator("#tr-005")
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text("TR-005")


def test_the_why_link_of_a_standard_reaches_its_methodology_section(page, site_url):
    page.goto(f"{site_url}standards/traceability/")
    # The first "Why" link after the TR-005 heading is TR-005's own.
    page.locator('#tr-005 ~ p a:has-text("Why: methodology")').first.click()
    expect(page).to_have_url(f"{site_url}methodology/traceability/#tr-005")
    heading = page.locator("#tr-005")
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text("TR-005")


def test_the_header_toggle_switches_the_colour_scheme(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator('form[data-md-component="palette"] label:visible').click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    page.locator('form[data-md-component="palette"] label:visible').click()
    expect(body).to_have_attribute("data-md-color-scheme", before or "")


def site_pages(built_site) -> list[str]:
    """Every page of the built site, as a URL path relative to its root."""
    pages = [
        path.parent.relative_to(built_site.directory).as_posix() + "/"
        for path in built_site.directory.rglob("index.html")
        if path.parent != built_site.directory
    ]
    return ["", *sorted(pages)]


# The horizontal overflow of the document, and the smallest rendered size of any visible
# figure text, measured in the page (CSS px after the SVG's scaling).
MEASURE = """() => {
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  const sizes = [...document.querySelectorAll('figure svg text')]
    .filter(t => t.getClientRects().length && t.textContent.trim())
    .map(t => { const m = t.getScreenCTM();  // its scale, whether the text is turned or not
                return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); });
  const cut = [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1
                 && !getComputedStyle(w).backgroundImage.includes('gradient'))
    .map(w => w.querySelector('th, td')?.textContent.trim().slice(0, 30));
  const scrolled = [...document.querySelectorAll('.md-typeset pre > code')]
    .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
    .map(c => c.textContent.trim().slice(0, 40));
  return {overflow, smallest: sizes.length ? Math.min(...sizes) : null, cut, scrolled};
}"""
SMALLEST_FIGURE_TEXT = 11  # px: what stays readable on a phone


@pytest.fixture(scope="module")
def measurements(browser, site_url, built_site) -> dict[tuple[int, str], dict]:
    """Every page measured at a phone's width (390 px) and a laptop's (1280 px), light scheme."""
    found = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 844})
        context.route(lambda url: not stays_local(url), lambda route: route.abort())
        page = context.new_page()
        for path in site_pages(built_site):
            page.goto(site_url + path)
            found[(width, path)] = page.evaluate(MEASURE)
        context.close()
    return found


def test_every_page_is_measured(measurements, built_site):
    assert len(measurements) == 2 * len(site_pages(built_site)) >= 60


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(measurements, width):
    wide = {path: m["overflow"] for (w, path), m in measurements.items() if w == width}
    assert {path: px for path, px in wide.items() if px > 0} == {}


@pytest.mark.parametrize("width", [390, 1280])
def test_figure_text_stays_readable(measurements, width):
    small = {
        path: round(m["smallest"], 1)
        for (w, path), m in measurements.items()
        if w == width and m["smallest"] is not None and m["smallest"] < SMALLEST_FIGURE_TEXT
    }
    assert small == {}
    assert any(m["smallest"] for (w, _), m in measurements.items() if w == width)


def test_a_table_wider_than_a_phone_shows_that_it_scrolls(measurements):
    cut = {path: m["cut"] for (w, path), m in measurements.items() if w == 390 and m["cut"]}
    assert cut == {}


def test_code_never_scrolls_sideways_on_a_laptop(measurements):
    scrolled = {
        p: m["scrolled"] for (w, p), m in measurements.items() if w == 1280 and m["scrolled"]
    }
    assert scrolled == {}


def test_a_phone_gets_the_narrow_drawing_and_a_laptop_the_wide_one(browser, site_url):
    shown = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        page.goto(f"{site_url}architecture/")
        shown[width] = page.evaluate(
            "[...document.querySelectorAll('#figure-architecture svg')]"
            ".filter(s => s.getClientRects().length).map(s => s.classList[1])"
        )
        context.close()
    assert shown == {390: ["mlops-diagram--narrow"], 1280: ["mlops-diagram--wide"]}


def test_the_matrix_becomes_one_card_per_level_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}maturity-model/")
    header = page.locator(".mlops-matrix thead")
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.mlops-matrix td'), '::before').content"
    )
    expect(header).to_be_hidden()
    assert label == '"People"'
    context.close()
