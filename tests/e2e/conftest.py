"""Browser tests: Playwright drives Debian's Chromium against the local stand-in on a free port, every wait
bounded by one setting (E2E_TIMEOUT_SECONDS, tests/support/chromium.py)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.chromium import CHROMIUM_FLAGS, TIMEOUT_MS, chromium_path, new_context
from tests.support.pages import SECRETARIAT_PHONE, api
from tests.support.standin import DEMO_PASSWORD

expect.set_options(timeout=TIMEOUT_MS)


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
        context = new_context(chromium, base_url=stand_in.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def secretariat(chromium, stand_in):
    """Het secretariaat, logged in once per test file through the API: a request context and its CSRF header."""
    context = new_context(chromium, base_url=stand_in.url)
    api(context.request.post("/api/auth/login", data={"username": "secretariaat", "password": DEMO_PASSWORD},
                             headers={"X-CSRF-Token": "1"}))
    api(context.request.post("/api/auth/code", data={"code": stand_in.last_sms_code(SECRETARIAT_PHONE)},
                             headers={"X-CSRF-Token": "1"}))
    csrf = next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "vp_csrf")
    yield context.request, {"X-CSRF-Token": csrf}
    context.close()
