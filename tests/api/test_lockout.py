"""Lockout: five failures in a row block the account; only the right password learns it; the secretariat unlocks."""
from __future__ import annotations

from chalicelib import store
from tests.api.conftest import PASSWORD, log_in

PHONE = "+31612345678"
BLOCKED = ("Uw account is geblokkeerd. Neem contact op met het secretariaat: 0413-244211 of "
           "secretariaat@deverzuimmakelaar.nl.")


def _wrong_password(browser, times):
    for _ in range(times):
        assert browser.post("/api/auth/login", {"username": "wjansen", "password": "fout-wachtwoord-123"}).status == 401


def test_five_wrong_passwords_block_the_account(browser, werkgever):
    _wrong_password(browser, 5)

    answer = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    assert answer.status == 423
    assert answer.body == {"error": "account_blocked", "message": BLOCKED}


def test_only_the_right_password_reveals_the_block(browser, werkgever):
    _wrong_password(browser, 5)

    answer = browser.post("/api/auth/login", {"username": "wjansen", "password": "nog-een-fout-wachtwoord"})

    assert answer.status == 401 and answer.error == "invalid_credentials"


def test_wrong_passwords_and_wrong_codes_count_together(browser, outbox, werkgever):
    _wrong_password(browser, 3)
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert browser.post("/api/auth/code", {"code": "zzzzzz"}).status == 401

    fifth = browser.post("/api/auth/code", {"code": "yyyyyy"})

    assert fifth.status == 423 and fifth.body["message"] == BLOCKED
    right_code = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)})
    assert right_code.status == 423


def test_a_successful_login_resets_the_count(browser, outbox, werkgever):
    _wrong_password(browser, 4)
    log_in(browser, outbox, "wjansen", PASSWORD, PHONE)
    browser.post("/api/auth/logout")

    _wrong_password(browser, 4)

    assert browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).status == 200


def test_secretariat_unlocks_and_the_user_is_told_by_email(browser, secretariat_browser, outbox, werkgever):
    _wrong_password(browser, 5)
    listed = secretariat_browser.get(f"/api/admin/users/{werkgever.user_id}")
    assert listed.body["status"] == "blocked"

    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/unlock")

    assert answer.status == 200 and answer.body["status"] == "active"
    notice = outbox.emails("wim@jansen.nl")[-1]
    assert notice.subject == "Uw account is gedeblokkeerd"
    log_in(browser, outbox, "wjansen", PASSWORD, PHONE)


def test_blocked_user_cannot_finish_a_login_started_before_the_block(new_browser, outbox, werkgever):
    early, attacker = new_browser(), new_browser()
    early.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    code = outbox.last_code(PHONE)
    _wrong_password(attacker, 5)

    assert early.post("/api/auth/code", {"code": code}).status == 423


def test_count_never_passes_the_threshold(browser, werkgever):
    _wrong_password(browser, 8)

    assert store.users.get(werkgever.user_id).failed_count == 5
