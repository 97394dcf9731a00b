"""How the e2e tests run Debian's Chromium through Playwright: the binary, its flags, and the one timeout that
every wait in the browser uses."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, BrowserContext

# Every wait in the browser tests gives up after E2E_TIMEOUT_SECONDS: Playwright's actions, navigations, downloads
# and API requests (each context's default timeout) and expect()'s retrying assertions (whose own default is 5 s).
# The default, 20 s, is for a busy 2-core CI machine running the stand-in, its moto server and Chromium at once,
# where a login has taken more than 5 s to complete. A wait that needs longer says so as a multiple of TIMEOUT_MS.
TIMEOUT_SECONDS = float(os.environ.get("E2E_TIMEOUT_SECONDS", "20"))
TIMEOUT_MS = TIMEOUT_SECONDS * 1000

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.fail(f"Chromium not found at {path}. Install Debian's package (apt-get install chromium) "
                    f"or point CHROMIUM_PATH at a Chromium binary.", pytrace=False)
    return path


def new_context(browser: Browser, **options) -> BrowserContext:
    """A fresh browser profile (own cookies) whose waits use TIMEOUT_MS."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context
