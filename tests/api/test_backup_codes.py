"""Backup codes: "Gebruik back-up code" at login, each once; renewal after re-authentication."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import store
from chalicelib.domain.errors import DomainError
from chalicelib.services import account, auth
from chalicelib.services.sessions import authenticate
from tests.support.accounts import PASSWORD

PHONE = "+31612345678"


@pytest.fixture
def codes(deps, werkgever, clock):
    """Give the werkgever a fresh set, as after onboarding, and return the codes shown."""
    principal = _principal_after_login(deps)
    return account.regenerate_backup_codes(deps, principal)["backup_codes"]


def _principal_after_login(deps):
    from tests.support.portal import Outbox

    started = auth.start_login(deps, "wjansen", PASSWORD)
    done = auth.complete_login(deps, started.attempt_token, Outbox().last_code(PHONE))
    return authenticate(deps, done.session.token, done.session.csrf_token, state_changing=False)


def _password_step(browser):
    assert browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).status == 200


def test_backup_code_logs_in_once_and_the_count_drops(browser, new_browser, codes):
    _password_step(browser)

    answer = browser.post("/api/auth/backup-code", {"code": codes[0]})

    assert answer.status == 200
    assert browser.get("/api/auth/me").body["backup_codes_left"] == 9
    again = new_browser()
    _password_step(again)
    reused = again.post("/api/auth/backup-code", {"code": codes[0]})
    assert reused.status == 401 and reused.error == "invalid_code" and "al gebruikt" in reused.body["message"]


def test_backup_code_typed_without_dash_or_in_capitals_works(browser, codes):
    _password_step(browser)

    assert browser.post("/api/auth/backup-code", {"code": codes[3].replace("-", "").upper()}).status == 200


def test_wrong_backup_codes_count_toward_the_lockout(browser, codes):
    _password_step(browser)
    for _ in range(4):
        assert browser.post("/api/auth/backup-code", {"code": "aaaa-bbbb"}).status == 401

    fifth = browser.post("/api/auth/backup-code", {"code": "aaaa-bbbb"})

    assert fifth.status == 423
    assert browser.post("/api/auth/backup-code", {"code": codes[1]}).status == 423


def test_backup_code_needs_the_password_first(browser, codes):
    answer = browser.post("/api/auth/backup-code", {"code": codes[0]})

    assert answer.status == 410 and "vp_session" not in browser.cookies


def test_one_code_sent_ten_times_at_once_opens_exactly_one_session(deps, codes):
    from chalicelib.store.models import Session

    attempts = [auth.start_login(deps, "wjansen", PASSWORD).attempt_token for _ in range(10)]
    before = sum(1 for _ in Session.scan())

    def use(token):
        try:
            return auth.complete_with_backup_code(deps, token, codes[5])
        except DomainError as error:
            return error

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(use, attempts))

    assert sum(isinstance(o, auth.LoginCompleted) for o in outcomes) == 1
    assert len(store.users.find_by_username("wjansen").backup_codes) == 9
    # A replay that comes after the winner counts as a failure; five of them block the account, which ends
    # every session, the one just opened too
    blocked = store.users.find_by_username("wjansen").failed_count >= deps.settings.lockout_threshold
    assert sum(1 for _ in Session.scan()) == (0 if blocked else before + 1)


def test_renewal_right_after_a_backup_code_login_replaces_the_set(browser, codes, outbox):
    _password_step(browser)
    browser.post("/api/auth/backup-code", {"code": codes[0]})

    answer = browser.post("/api/account/backup-codes")

    assert answer.status == 200 and len(answer.body["backup_codes"]) == 10
    assert not set(answer.body["backup_codes"]) & set(codes)
    assert browser.get("/api/auth/me").body["backup_codes_left"] == 10
    assert "nieuwe back-up codes" in outbox.emails("wim@jansen.nl")[-1].body
    browser.post("/api/auth/logout")
    _password_step(browser)
    assert browser.post("/api/auth/backup-code", {"code": codes[1]}).status == 401


def test_renewal_later_needs_reauthentication(werkgever_browser, outbox, clock):
    clock.advance(6 * 60)
    refused = werkgever_browser.post("/api/account/backup-codes")
    assert refused.status == 403 and refused.error == "reauthentication_required"

    started = werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    assert started.status == 200 and started.body["method"] == "sms"
    confirmed = werkgever_browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})
    assert confirmed.status == 200

    assert werkgever_browser.post("/api/account/backup-codes").status == 200


def test_reauthentication_with_a_wrong_password_counts_as_a_failure(werkgever_browser, werkgever):
    answer = werkgever_browser.post("/api/account/reauth", {"password": "niet-mijn-wachtwoord"})

    assert answer.status == 422 and answer.body["field"] == "password"
    assert store.users.get(werkgever.user_id).failed_count == 1


def test_reauthentication_code_works_once(werkgever_browser, outbox, clock):
    werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    code = outbox.last_code(PHONE)
    assert werkgever_browser.post("/api/account/reauth/confirm", {"code": code}).status == 200

    assert werkgever_browser.post("/api/account/reauth/confirm", {"code": code}).status == 422


def test_me_reports_how_many_backup_codes_are_left(browser, codes):
    _password_step(browser)
    browser.post("/api/auth/backup-code", {"code": codes[9]})

    assert browser.get("/api/auth/me").body["backup_codes_left"] == 9
