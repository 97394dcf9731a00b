"""Wachtwoord vergeten and Inloggegevens vergeten: the same answer known or not, a reset link that works once and
for one hour, and a new password that ends every session."""
from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib import store
from chalicelib.domain.errors import (
    AccountBlocked,
    Expired,
    InvalidCode,
    InvalidCredentials,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
)
from chalicelib.services import auth, recovery, sessions
from tests.support.accounts import PASSWORD, WIM_PHONE

RESET_PAGE = "wachtwoord-herstellen.html"
NEW_PASSWORD = "blauwe fietsen langs de dijk"


def _forgot(deps, identifier="wjansen"):
    return recovery.forgot_password(deps, recovery.ForgotPassword(identifier))


def _reset(deps, token, password=NEW_PASSWORD):
    return recovery.reset_password(deps, token, recovery.NewPassword(password))


def test_forgot_password_emails_her_a_link_for_one_hour(deps, email, wim):
    # When Wim asks for a new password by his email address, in capitals
    answer = _forgot(deps, "WIM@jansen.nl")
    # Then he gets the promised answer and an email with a link that names his account
    assert answer == {"message": recovery.FORGOT_PASSWORD_ANSWER}
    sent = email.last("wim@jansen.nl")
    assert sent.subject == "Nieuw wachtwoord kiezen voor Verzuimportaal"
    assert "60 minuten" in sent.body
    assert recovery.view_reset(deps, email.last_link_token("wim@jansen.nl", RESET_PAGE)) == {"username": "wjansen"}


def test_an_unknown_account_gets_the_same_answer_and_no_email(deps, email, wim):
    assert _forgot(deps, "niemand") == _forgot(deps, "niemand@example.nl") == _forgot(deps, "wjansen")
    assert [e.to for e in email.sent] == ["wim@jansen.nl"]


def test_the_link_sets_a_new_password_and_ends_every_session(deps, sms, email, wim):
    # Given Wim is signed in somewhere and asks for a new password
    started = auth.start_login(deps, "wjansen", PASSWORD)
    signed_in = auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE))
    _forgot(deps)
    # When he chooses a new one with the link
    assert _reset(deps, email.last_link_token("wim@jansen.nl", RESET_PAGE)) == {"username": "wjansen"}
    # Then that session has ended, only the new password works, and he is told by email
    with pytest.raises(NotAuthenticated):
        sessions.authenticate(deps, signed_in.session.token, signed_in.session.csrf_token, state_changing=False)
    with pytest.raises(InvalidCredentials):
        auth.start_login(deps, "wjansen", PASSWORD, signed_in.device_token)
    assert auth.start_login(deps, "wjansen", NEW_PASSWORD, signed_in.device_token).method == "sms"
    assert "wachtwoord van uw account is gewijzigd" in email.last("wim@jansen.nl").body


def test_the_link_works_once(deps, email, wim):
    _forgot(deps)
    token = email.last_link_token("wim@jansen.nl", RESET_PAGE)
    _reset(deps, token)

    with pytest.raises(Expired) as again:
        _reset(deps, token, "rode tulpen in het voorjaar")

    assert again.value.code == "reset_used"
    assert auth.start_login(deps, "wjansen", NEW_PASSWORD).method == "sms"


def test_the_link_expires_after_an_hour(deps, email, clock, wim):
    _forgot(deps)
    token = email.last_link_token("wim@jansen.nl", RESET_PAGE)
    clock.advance(hours=1)

    with pytest.raises(Expired) as late:
        recovery.view_reset(deps, token)
    with pytest.raises(Expired):
        _reset(deps, token)

    assert late.value.code == "reset_expired"
    assert auth.start_login(deps, "wjansen", PASSWORD).method == "sms"


def test_a_newer_link_makes_the_older_one_stop_working(deps, email, clock, wim):
    _forgot(deps)
    older = email.last_link_token("wim@jansen.nl", RESET_PAGE)
    clock.advance(minutes=2)
    _forgot(deps)
    newer = email.last_link_token("wim@jansen.nl", RESET_PAGE)

    with pytest.raises(Expired):
        recovery.view_reset(deps, older)
    assert recovery.view_reset(deps, newer) == {"username": "wjansen"}


def test_a_link_that_could_not_be_sent_neither_replaces_the_working_one_nor_uses_up_the_limit(deps, email, clock, wim):
    _forgot(deps)
    working = email.last_link_token("wim@jansen.nl", RESET_PAGE)
    clock.advance(minutes=2)
    email.fail_next()

    _forgot(deps)
    assert len(email.to("wim@jansen.nl")) == 1
    assert recovery.view_reset(deps, working) == {"username": "wjansen"}
    _forgot(deps)  # at once: the failed send did not count
    assert len(email.to("wim@jansen.nl")) == 2


def test_reset_emails_are_limited_per_account(deps, email, clock, wim):
    _forgot(deps)
    _forgot(deps)  # within the minute
    for _ in range(6):
        clock.advance(minutes=2)
        _forgot(deps)

    assert len(email.to("wim@jansen.nl")) == 5


def test_a_reset_does_not_unlock_a_blocked_account(deps, sms, email, wim):
    # Given Wim's own browser, and his account blocked after five wrong codes
    started = auth.start_login(deps, "wjansen", PASSWORD)
    own_browser = auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE)).device_token
    attempt = auth.start_login(deps, "wjansen", PASSWORD, own_browser).attempt_token
    for _ in range(5):
        with pytest.raises((InvalidCode, AccountBlocked)):
            auth.complete_login(deps, attempt, "zzzzzz")
    # When he resets his password
    _forgot(deps)
    _reset(deps, email.last_link_token("wim@jansen.nl", RESET_PAGE))
    # Then his own browser learns the account is still blocked
    with pytest.raises(AccountBlocked):
        auth.start_login(deps, "wjansen", NEW_PASSWORD, own_browser)


def test_the_new_password_follows_the_policy_and_the_link_stays_usable(deps, email, wim):
    _forgot(deps)
    token = email.last_link_token("wim@jansen.nl", RESET_PAGE)

    for weak in ("kort", "wjansen-wjansen-wjansen"):
        with pytest.raises(InvalidInput) as refused:
            _reset(deps, token, weak)
        assert refused.value.field == "password"
    assert recovery.view_reset(deps, token) == {"username": "wjansen"}


def test_an_unknown_link_is_not_found_in_dutch(deps, wim):
    with pytest.raises(NotFound) as unknown:
        recovery.view_reset(deps, "niet-een-link")

    assert unknown.value.code == "reset_unknown" and "Wachtwoord vergeten" in unknown.value.message


def test_forgot_username_emails_the_usernames_of_that_address(deps, email, wim):
    assert recovery.forgot_username(deps, recovery.ForgotUsername(" Wim@Jansen.nl ")) == {
        "message": recovery.FORGOT_USERNAME_ANSWER}

    assert "wjansen" in email.last("wim@jansen.nl").body


def test_forgot_username_is_limited_per_address_known_or_not(deps, email, clock, wim):
    recovery.forgot_username(deps, recovery.ForgotUsername("wim@jansen.nl"))
    recovery.forgot_username(deps, recovery.ForgotUsername("niemand@example.nl"))

    for address in ("wim@jansen.nl", "niemand@example.nl"):
        with pytest.raises(RateLimited):
            recovery.forgot_username(deps, recovery.ForgotUsername(address))
    assert len(email.sent) == 1


def test_an_invited_user_is_told_to_ask_for_a_new_invitation(deps, email, wim):
    store.users.create(replace(wim, user_id="user-anna", username="anna", email="anna@jansen.nl", name="Anna",
                               status="invited", password_hash=None))

    _forgot(deps, "anna")

    sent = email.last("anna@jansen.nl")
    assert "nog niet geactiveerd" in sent.subject
    assert RESET_PAGE not in sent.body
