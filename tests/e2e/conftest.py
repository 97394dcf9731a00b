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


@pytest.fixture(scope="session")
def secretariat_context(chromium, stand_in):
    """Het secretariaat, logged in once for the whole run through the API (each sign-in costs an SMS, and the
    account may get only so many an hour): a browser context holding its session."""
    context = new_context(chromium, base_url=stand_in.url)
    api(context.request.post("/api/auth/login", data={"username": "secretariaat", "password": DEMO_PASSWORD},
                             headers={"X-CSRF-Token": "1"}))
    api(context.request.post("/api/auth/code", data={"code": stand_in.last_sms_code(SECRETARIAT_PHONE)},
                             headers={"X-CSRF-Token": "1"}))
    yield context
    context.close()


@pytest.fixture(scope="session")
def secretariat(secretariat_context):
    """The secretariat's API: a request context and its CSRF header."""
    csrf = next(cookie["value"] for cookie in secretariat_context.cookies() if cookie["name"] == "vp_csrf")
    return secretariat_context.request, {"X-CSRF-Token": csrf}


@pytest.fixture
def secretariat_desk(secretariat_context):
    """Beheer (admin.html) in the secretariat's signed-in browser, closed after the test."""
    page = secretariat_context.new_page()
    page.goto("/admin.html")
    yield page
    page.close()
