"""The API tests' logins: the passwords their users are provisioned with, and signing in (or getting blocked)
through the Chalice test client."""
from __future__ import annotations

from tests.support.portal import Answer, Browser, Outbox

PASSWORD = "een-lang-genoeg-wachtwoord"
SECRETARIAT_PASSWORD = "secretariaat-wachtwoord-lang"
WIM_PHONE = "+31612345678"  # the werkgever's verified mobile number in the service tests


def log_in(browser: Browser, outbox: Outbox, username: str, password: str, phone: str) -> None:
    """The full two-step login; asserts each step succeeds."""
    started = browser.post("/api/auth/login", {"username": username, "password": password})
    assert started.status == 200, started.body
    done = browser.post("/api/auth/code", {"code": outbox.last_code(phone)})
    assert done.status == 200, done.body


def block_with_wrong_codes(browser: Browser, username: str, password: str) -> Answer:
    """Someone who has the password fails the second factor five times: the account is blocked. The last answer."""
    assert browser.post("/api/auth/login", {"username": username, "password": password}).status == 200
    answers = [browser.post("/api/auth/code", {"code": "zzzzzz"}) for _ in range(5)]
    assert answers[-1].error == "account_blocked", answers[-1].body
    return answers[-1]
