"""Browser tests: Playwright drives Debian's Chromium against the local stand-in on a free port."""
from __future__ import annotations

import os

import pytest

from tests.support.standin import DEMO_PASSWORD  # noqa: F401 (the tests log in with it)

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.fail(f"Chromium not found at {path}. Install Debian's package (apt-get install chromium) "
                    f"or point CHROMIUM_PATH at a Chromium binary.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, stand_in):
    """A fresh browser profile per call (own cookies), closed after the test."""
    contexts = []

    def make():
        # Dutch users: their language and their clock (the portal's today is the date in Amsterdam)
        context = chromium.new_context(base_url=stand_in.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
