"""Inloggen, as the login service promises it: the password, then a code by SMS (or from the app) bound to this
attempt, a session for the right code once, and a block after five wrong codes."""
from __future__ import annotations

from dataclasses import replace

import pyotp
import pytest

from chalicelib import store
from chalicelib.domain import codes
from chalicelib.domain.errors import (
    AccountBlocked,
    Expired,
    InvalidCode,
    InvalidCredentials,
    NotAuthenticated,
    RateLimited,
    Unavailable,
)
from chalicelib.notify.ports import SendThrottled
from chalicelib.services import auth, sessions
from tests.support.accounts import PASSWORD, WIM_PHONE


def _signed_in(deps, sms, username="wjansen", password=PASSWORD, phone=WIM_PHONE, device=None):
    started = auth.start_login(deps, username, password, device)
    return auth.complete_login(deps, started.attempt_token, sms.last_code(phone))


def test_the_right_password_sends_a_lowercase_code_to_her_verified_number(deps, sms, wim):
    # When Wim types his username and password
    started = auth.start_login(deps, "wjansen", PASSWORD)
    # Then one SMS with a six-character code goes to his number, and the answer shows only its last digits
    assert [to for to, _ in sms.sent] == [WIM_PHONE]
    code = sms.last_code(WIM_PHONE)
    assert len(code) == 6 and code == code.lower()
    assert started.answer() == {"next": "code", "method": "sms", "phone_hint": started.phone_hint}
    assert started.phone_hint.endswith("78") and "612345" not in started.phone_hint


def test_the_right_code_opens_a_session_that_lets_her_in(deps, sms, wim):
    started = auth.start_login(deps, "wjansen", PASSWORD)

    completed = auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE).upper())

    assert completed.answer() == {"user": {"user_id": wim.user_id, "name": "Wim Jansen", "role": "werkgever"}}
    principal = sessions.authenticate(deps, completed.session.token, completed.session.csrf_token, state_changing=True)
    assert (principal.user_id, principal.employer_id) == (wim.user_id, wim.employer_id)


def test_a_wrong_password_and_an_unknown_username_get_the_same_answer_and_no_sms(deps, sms, wim):
    with pytest.raises(InvalidCredentials) as wrong:
        auth.start_login(deps, "wjansen", "niet-het-wachtwoord")
    with pytest.raises(InvalidCredentials) as unknown:
        auth.start_login(deps, "niemand", PASSWORD)

    assert wrong.value.message == unknown.value.message
    assert sms.sent == []


def test_the_code_opens_one_session_once(deps, sms, wim):
    started = auth.start_login(deps, "wjansen", PASSWORD)
    code = sms.last_code(WIM_PHONE)
    auth.complete_login(deps, started.attempt_token, code)

    with pytest.raises(Expired) as again:
        auth.complete_login(deps, started.attempt_token, code)

    assert again.value.code == "login_expired"
    assert len(store.sessions.for_user(wim.user_id)) == 1


def test_the_code_expires_after_five_minutes(deps, sms, clock, wim):
    started = auth.start_login(deps, "wjansen", PASSWORD)
    clock.advance(minutes=5)

    with pytest.raises(Expired) as late:
        auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE))

    assert late.value.code == "code_expired"
    assert store.sessions.for_user(wim.user_id) == []


def test_five_wrong_codes_block_the_account_end_her_sessions_and_tell_her_by_email(deps, sms, email, wim):
    # Given Wim is signed in on his laptop, and someone who knows his password tries codes elsewhere
    laptop = _signed_in(deps, sms)
    started = auth.start_login(deps, "wjansen", PASSWORD)
    # When the fifth wrong code is typed
    for _ in range(4):
        with pytest.raises(InvalidCode):
            auth.complete_login(deps, started.attempt_token, "zzzzzz")
    with pytest.raises(AccountBlocked) as blocked:
        auth.complete_login(deps, started.attempt_token, "zzzzzz")
    # Then the account is blocked: the right code no longer helps, the laptop is signed out, Wim is told whom to call
    assert deps.settings.secretariat_phone in blocked.value.message
    with pytest.raises(AccountBlocked):
        auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE))
    with pytest.raises(NotAuthenticated):
        sessions.authenticate(deps, laptop.session.token, laptop.session.csrf_token, state_changing=False)
    assert "geblokkeerd" in email.last("wim@jansen.nl").body


def test_after_a_block_the_right_password_gets_the_wrong_ones_answer_from_a_browser_it_does_not_know(deps, sms, wim):
    started = auth.start_login(deps, "wjansen", PASSWORD)
    for _ in range(5):
        with pytest.raises((InvalidCode, AccountBlocked)):
            auth.complete_login(deps, started.attempt_token, "zzzzzz")
    sent_before = len(sms.sent)

    with pytest.raises(InvalidCredentials):
        auth.start_login(deps, "wjansen", PASSWORD)

    assert len(sms.sent) == sent_before


def test_a_stranger_guessing_passwords_makes_unknown_browsers_wait_but_not_her_own(deps, sms, clock, wim):
    # Given Wim signed in once from his own browser
    own_browser = _signed_in(deps, sms).device_token
    # When a stranger tries five wrong passwords for his username
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            auth.start_login(deps, "wjansen", f"gok-{clock.now}")
    # Then even the right password waits from an unknown browser, and works at once from his own
    with pytest.raises(RateLimited) as waiting:
        auth.start_login(deps, "wjansen", PASSWORD)
    assert waiting.value.code == "too_many_attempts"
    assert auth.start_login(deps, "wjansen", PASSWORD, own_browser).method == "sms"
    clock.advance(minutes=15)
    assert auth.start_login(deps, "wjansen", PASSWORD).method == "sms"


def test_when_the_sms_cannot_be_sent_she_is_told_and_can_have_it_sent_again(deps, sms, clock, wim):
    # Given SNS refuses the first SMS
    sms.fail_next(SendThrottled("slow down"))
    # When Wim types the right password
    started = auth.start_login(deps, "wjansen", PASSWORD)
    # Then he hears that no SMS went, and what to do
    assert started.answer()["sms_sent"] is False
    assert "back-up code" in started.answer()["message"]
    assert sms.sent == []
    # And "SMS opnieuw versturen" sends one whose code lets him in
    clock.advance(seconds=deps.settings.sms_resend_gap_seconds)
    auth.resend_code(deps, started.attempt_token)
    completed = auth.complete_login(deps, started.attempt_token, sms.last_code(WIM_PHONE))
    assert completed.user_id == wim.user_id


def test_a_resent_code_replaces_the_first_and_resends_keep_their_distance(deps, sms, clock, wim):
    started = auth.start_login(deps, "wjansen", PASSWORD)
    first = sms.last_code(WIM_PHONE)
    clock.advance(seconds=deps.settings.sms_resend_gap_seconds)
    auth.resend_code(deps, started.attempt_token)
    second = sms.last_code(WIM_PHONE)

    with pytest.raises(RateLimited):
        auth.resend_code(deps, started.attempt_token)
    with pytest.raises(InvalidCode):
        auth.complete_login(deps, started.attempt_token, first)
    assert auth.complete_login(deps, started.attempt_token, second).user_id == wim.user_id


def test_a_sign_in_from_a_new_browser_is_told_by_email_and_not_from_a_known_one(deps, sms, email, wim):
    first = _signed_in(deps, sms)
    assert first.device_token is not None
    assert email.last("wim@jansen.nl").subject == "Nieuwe aanmelding op uw account"

    again = _signed_in(deps, sms, device=first.device_token)

    assert again.device_token is None
    assert [e.subject for e in email.to("wim@jansen.nl")] == ["Nieuwe aanmelding op uw account"]


@pytest.fixture
def app_user(deps, secrets, wim):
    """Wim with an authenticator app as his second factor (its key sealed for him)."""
    secret = pyotp.random_base32()
    user = replace(wim, user_id="user-app", username="wapp", email="app@jansen.nl",
                   totp_secret=secrets.seal(secret, {"user_id": "user-app"}))
    assert store.users.create(user)
    return secret


def test_with_the_app_the_code_comes_from_the_app_and_each_code_signs_in_once(deps, sms, clock, app_user):
    started = auth.start_login(deps, "wapp", PASSWORD)
    assert (started.method, sms.sent) == ("totp", [])
    code = pyotp.TOTP(app_user).at(clock.now)

    assert auth.complete_login(deps, started.attempt_token, code).user_id == "user-app"
    with pytest.raises(InvalidCode) as used:
        auth.complete_login(deps, auth.start_login(deps, "wapp", PASSWORD).attempt_token, code)
    assert used.value.code == "code_used"


def test_when_kms_is_out_of_reach_the_app_code_waits_and_nothing_is_counted(deps, secrets, clock, app_user):
    started = auth.start_login(deps, "wapp", PASSWORD)
    secrets.fail_next()

    with pytest.raises(Unavailable) as outage:
        auth.complete_login(deps, started.attempt_token, pyotp.TOTP(app_user).at(clock.now))

    assert outage.value.code == "app_code_unavailable"
    assert store.users.get("user-app").failed_count == 0
    assert auth.complete_login(deps, started.attempt_token, pyotp.TOTP(app_user).at(clock.now)).user_id == "user-app"


def test_only_the_hash_of_the_session_token_is_kept(deps, sms, wim):
    completed = _signed_in(deps, sms)

    [kept] = store.sessions.for_user(wim.user_id)

    assert kept.token_hash == codes.token_hash(completed.session.token)
    assert completed.session.token not in repr(kept)
