"""Sessions and half-done logins end when they must: a password reset ends the logins begun with the old
password, a change of second factor or phone ends the other sessions, a newer reset link ends the older, and a
block ends every session at once."""
from __future__ import annotations

import re

import pyotp
import pytest

from tests.support.accounts import PASSWORD, log_in

PHONE = "+31612345678"
NEW_PASSWORD = "een geheel nieuwe zin van mij"


def reset_token(outbox, to="wim@jansen.nl") -> str:
    return re.search(r"/wachtwoord-herstellen\.html#([A-Za-z0-9_\-]+)", outbox.emails(to)[-1].body).group(1)


def test_a_login_begun_with_the_old_password_cannot_complete_after_a_reset(browser, new_browser, werkgever, outbox,
                                                                          clock):
    # Given an attacker who knows the old password got as far as the code step
    attacker = new_browser()
    assert attacker.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).status == 200
    code = outbox.last_code(PHONE)
    # When the owner resets the password through the emailed link
    browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    assert browser.post(f"/api/password-resets/{reset_token(outbox)}", {"password": NEW_PASSWORD}).status == 200
    # Then the attacker's login does not complete, not even with the right code
    answer = attacker.post("/api/auth/code", {"code": code})
    assert answer.status == 410 and answer.error == "login_expired"
    assert attacker.get("/api/auth/me").status == 401


def test_an_older_reset_link_stops_working_when_a_newer_one_is_sent(browser, werkgever, outbox, clock):
    browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    older = reset_token(outbox)
    clock.advance(61)
    browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    newer = reset_token(outbox)

    assert browser.get(f"/api/password-resets/{older}").error == "reset_used"
    assert browser.post(f"/api/password-resets/{older}", {"password": NEW_PASSWORD}).error == "reset_used"
    assert browser.post(f"/api/password-resets/{newer}", {"password": NEW_PASSWORD}).status == 200


@pytest.mark.usefixtures("totp_key")
def test_adding_and_removing_the_app_end_the_other_sessions(werkgever_browser, new_browser, outbox, clock):
    # Given the werkgever is signed in on a second computer too
    other = new_browser()
    log_in(other, outbox, "wjansen", PASSWORD, PHONE)
    # When she adds an authenticator app on the first
    secret = werkgever_browser.post("/api/account/app").body["secret"]
    assert werkgever_browser.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(clock.now)}).status == 200
    # Then the other session has ended and hers goes on
    assert other.get("/api/auth/me").status == 401
    assert werkgever_browser.get("/api/auth/me").status == 200
    # And removing the app ends the sessions opened since
    third = new_browser()
    third.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    clock.advance(30)
    assert third.post("/api/auth/code", {"code": pyotp.TOTP(secret).at(clock.now)}).status == 200
    assert werkgever_browser.request("DELETE", "/api/account/app").status == 200
    assert third.get("/api/auth/me").status == 401
    assert werkgever_browser.get("/api/auth/me").status == 200


def test_a_block_ends_the_accounts_open_sessions_at_once(werkgever_browser, new_browser, outbox):
    # Given the werkgever is signed in, and someone with her password fails the code five times elsewhere
    attacker = new_browser()
    attacker.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    answers = [attacker.post("/api/auth/code", {"code": "zzzzzz"}) for _ in range(5)]
    # Then the account is blocked and her open session no longer works
    assert answers[-1].error == "account_blocked"
    assert werkgever_browser.get("/api/auth/me").status == 401
