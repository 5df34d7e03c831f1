from tests.browsing import browser, page, requested  # noqa: F401  (fixtures for the browser tests)
