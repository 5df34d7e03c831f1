"""Debian's chromium, driven by Playwright, for the pages the checker and the portfolio write.

Import the fixtures into a test module (`from tests.browsing import browser, page, requested`).
Pages are served over HTTP on 127.0.0.1 from a folder; every request a page makes is recorded,
one that would leave 127.0.0.1 is refused, and the test that caused it fails.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Keep chromium from calling home: no component updates, no sync, no first-run pings.
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


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` over HTTP on 127.0.0.1 and a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def stays_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"no {CHROMIUM}: run `make browser` (sh tools/ensure_chromium.sh)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the pages of one test asked for."""
    return []


def open_page(
    browser: Browser, requested: list[str], width: int = 1280, **options
) -> tuple[BrowserContext, Page]:
    """A page in a fresh context (own storage) that records requests and refuses off-site ones."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    context.route(lambda url: not stays_local(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda request: requested.append(request.url))
    return context, page


@pytest.fixture
def page(browser: Browser, requested: list[str]) -> Iterator[Page]:
    context, page = open_page(browser, requested)
    yield page
    context.close()
    assert [u for u in requested if not stays_local(u)] == [], "a request left 127.0.0.1"


def horizontal_overflow(page: Page) -> int:
    """How many pixels the document is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
