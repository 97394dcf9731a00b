"""Wachtwoord vergeten and Inloggegevens vergeten: same answers for known and unknown, links that work once."""
from __future__ import annotations

import re

import pytest

from tests.support.accounts import PASSWORD, block_with_wrong_codes, log_in

PHONE = "+31612345678"
NEW_PASSWORD = "een geheel nieuwe zin van mij"


def _reset_token(outbox, to="wim@jansen.nl"):
    return re.search(r"/wachtwoord-herstellen\.html#([A-Za-z0-9_\-]+)", outbox.emails(to)[-1].body).group(1)


@pytest.mark.parametrize("known, unknown", [("wjansen", "niemand"), ("wim@jansen.nl", "niemand@nergens.nl")])
def test_forgot_password_answers_known_and_unknown_byte_for_byte_alike(browser, client, werkgever, known, unknown):
    def raw(identifier):
        return client.http.post("/api/auth/forgot-password", headers={"Content-Type": "application/json",
                                                                      "X-CSRF-Token": "1"},
                                body=f'{{"identifier": "{identifier}"}}'.encode())

    a, b = raw(known), raw(unknown)

    assert (a.status_code, a.body, a.headers) == (b.status_code, b.body, b.headers)
    assert a.status_code == 200


def test_forgot_username_answers_known_and_unknown_byte_for_byte_alike(client, werkgever):
    def raw(email):
        return client.http.post("/api/auth/forgot-username", headers={"Content-Type": "application/json",
                                                                      "X-CSRF-Token": "1"},
                                body=f'{{"email": "{email}"}}'.encode())

    a, b = raw("wim@jansen.nl"), raw("niemand@nergens.nl")

    assert (a.status_code, a.body, a.headers) == (b.status_code, b.body, b.headers)


def test_reset_link_sets_a_new_password_and_ends_every_session(werkgever_browser, new_browser, outbox, clock):
    new_browser().post("/api/auth/forgot-password", {"identifier": "WJansen"})
    token = _reset_token(outbox)
    stranger = new_browser()
    assert stranger.get(f"/api/password-resets/{token}").body == {"username": "wjansen"}

    answer = stranger.post(f"/api/password-resets/{token}", {"password": NEW_PASSWORD})

    assert answer.status == 200
    assert werkgever_browser.get("/api/auth/me").status == 401
    assert "wachtwoord van uw account is gewijzigd" in outbox.emails("wim@jansen.nl")[-1].body
    assert stranger.get("/api/auth/me").status == 401
    old = new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert old.status == 401
    log_in(new_browser(), outbox, "wjansen", NEW_PASSWORD, PHONE)


def test_reset_link_works_once_and_for_one_hour(browser, new_browser, outbox, werkgever, clock):
    browser.post("/api/auth/forgot-password", {"identifier": "wim@jansen.nl"})
    token = _reset_token(outbox)
    assert "60 minuten geldig" in outbox.emails("wim@jansen.nl")[-1].body
    assert browser.post(f"/api/password-resets/{token}", {"password": NEW_PASSWORD}).status == 200
    assert browser.post(f"/api/password-resets/{token}", {"password": "nog een ander wachtwoord"}).status == 410

    clock.advance(61)
    browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    late = _reset_token(outbox)
    clock.advance(3600)
    expired = browser.get(f"/api/password-resets/{late}")
    assert expired.status == 410 and expired.error == "reset_expired"
    assert "Wachtwoord vergeten" in expired.body["message"]


def test_new_password_follows_the_policy(browser, outbox, werkgever):
    browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})

    answer = browser.post(f"/api/password-resets/{_reset_token(outbox)}", {"password": "wjansen-wachtwoord"})

    assert answer.status == 422 and answer.error == "password_contains_username"


def test_reset_does_not_unlock_a_blocked_account(werkgever_browser, new_browser, outbox, werkgever):
    werkgever_browser.post("/api/auth/logout")
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)
    werkgever_browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    werkgever_browser.post(f"/api/password-resets/{_reset_token(outbox)}", {"password": NEW_PASSWORD})

    # Her own browser, with the new password, learns the account is still blocked and whom to call
    answer = werkgever_browser.post("/api/auth/login", {"username": "wjansen", "password": NEW_PASSWORD})

    assert answer.status == 423 and "0413-244211" in answer.body["message"]


def test_invited_user_is_told_to_ask_for_a_new_invitation(secretariat_browser, employer, browser, outbox):
    secretariat_browser.post("/api/admin/users", {"name": "Nog Niet Actief", "email": "nieuw@jansen.nl",
                                                  "employer_id": employer["employer_id"]})

    browser.post("/api/auth/forgot-password", {"identifier": "nieuw@jansen.nl"})

    email = outbox.emails("nieuw@jansen.nl")[-1]
    assert "nog niet geactiveerd" in email.body and "nieuwe uitnodiging" in email.body
    assert "wachtwoord-herstellen" not in email.body


def test_forgot_username_emails_the_usernames_of_that_address(browser, outbox, werkgever):
    answer = browser.post("/api/auth/forgot-username", {"email": "WIM@jansen.nl"})

    assert answer.status == 200
    email = outbox.emails("wim@jansen.nl")[-1]
    assert email.subject == "Uw gebruikersnaam voor Verzuimportaal" and "- wjansen" in email.body


def test_forgot_username_is_rate_limited_for_any_address(browser, outbox, werkgever, clock):
    assert browser.post("/api/auth/forgot-username", {"email": "wim@jansen.nl"}).status == 200
    assert browser.post("/api/auth/forgot-username", {"email": "niemand@nergens.nl"}).status == 200

    known = browser.post("/api/auth/forgot-username", {"email": "wim@jansen.nl"})
    unknown = browser.post("/api/auth/forgot-username", {"email": "niemand@nergens.nl"})

    assert known.status == unknown.status == 429 and known.body == unknown.body
    assert len(outbox.emails("wim@jansen.nl")) == 1


def test_reset_emails_are_limited_per_account(browser, outbox, werkgever, clock):
    for _ in range(3):
        browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})

    assert len(outbox.emails("wim@jansen.nl")) == 1


def test_unknown_reset_link_is_404_in_dutch(browser):
    answer = browser.get("/api/password-resets/bestaat-niet")

    assert answer.status == 404 and "Wachtwoord vergeten" in answer.body["message"]
