"""The store's promises about passkeys, their challenges and trusted browsers: what the login and Instellingen
rely on. Trusted browsers, as the login service uses them, on moto and on the fake alike (conftest.store); the
passkeys' own functions, which only the API tests use, on moto."""
from __future__ import annotations

from dataclasses import replace

import pytest

import chalicelib.store
from chalicelib.domain.passkeys import passkey_id
from tests.support import builders as make
from tests.support.builders import NOW, THRESHOLD
from tests.support.moto_tables import dynamodb_tables


@pytest.fixture
def moto():
    with dynamodb_tables():
        yield chalicelib.store


def _signed_up(store, **changes):
    wim = make.user(**changes)
    assert store.users.create(wim)
    return wim


# Trusted browsers (moto and fake)


def test_a_login_that_trusts_its_browser_keeps_the_trust_once_for_that_user(store):
    wim, anne = _signed_up(store), _signed_up(store)
    attempt = make.attempt(wim)
    store.logins.create(attempt)
    trust = make.trust(attempt)

    assert store.logins.complete(attempt, make.session(attempt), make.signin(attempt), THRESHOLD, trust=trust)

    assert store.trusted_browsers.get(trust.token_hash) == trust
    assert store.trusted_browsers.for_user(wim.user_id) == [trust]
    assert store.trusted_browsers.for_user(anne.user_id) == []
    assert store.trusted_browsers.delete(replace(trust, user_id=anne.user_id)) is False
    assert store.trusted_browsers.delete(trust) is True
    assert store.trusted_browsers.delete(trust) is False
    assert store.trusted_browsers.get(trust.token_hash) is None


def test_a_status_change_a_password_reset_and_a_block_each_end_all_trust(store):
    wim = _signed_up(store)
    assert store.users.get(wim.user_id).trust_epoch == 0

    store.users.set_status(wim.user_id, "deactivated", "active")
    store.users.set_status(wim.user_id, "active", "deactivated")
    store.users.end_trust(wim.user_id)
    reset = make.reset(wim)
    store.password_resets.create(reset)
    store.password_resets.use(reset, "new-hash", NOW)

    assert store.users.get(wim.user_id).trust_epoch == 4
    store.users.end_trust("user-nobody")
    assert store.users.get("user-nobody") is None


# Every change of second factor ends all trust (moto)


def test_every_change_of_a_second_factor_ends_all_trust(moto):
    wim = _signed_up(moto, totp_pending="sealed")
    moto.users.activate_totp(wim.user_id, "sealed", 7)
    moto.users.remove_totp(wim.user_id)
    moto.users.set_phone(wim.user_id, "+31687654321")
    moto.users.set_phone_pending(wim.user_id, "+31611111111")
    moto.users.replace_backup_codes(wim.user_id, [])
    key = make.passkey(wim)
    moto.passkeys.add(key, 10)
    moto.passkeys.remove(key)

    assert moto.users.get(wim.user_id).trust_epoch == 7


def test_a_trusted_login_completes_only_while_the_trust_and_its_epoch_stand(moto):
    wim = _signed_up(moto)
    trust = make.trust(wim)
    attempt = make.attempt(wim)
    moto.logins.create(attempt)
    moto.logins.complete(attempt, make.session(attempt), make.signin(attempt), THRESHOLD, trust=trust)

    opened = make.session(wim)
    assert moto.logins.complete_trusted(make.attempt(wim), opened, make.signin(wim), THRESHOLD, trust) is True
    assert moto.sessions.get(opened.token_hash) == opened

    moto.users.end_trust(wim.user_id)
    refused = make.session(wim)
    assert moto.logins.complete_trusted(make.attempt(wim), refused, make.signin(wim), THRESHOLD, trust) is False
    assert moto.sessions.get(refused.token_hash) is None
    renewed = replace(trust, epoch=1)
    assert moto.logins.complete_trusted(make.attempt(wim), make.session(wim), make.signin(wim), THRESHOLD,
                                        renewed) is False  # no such trust item: the old one had epoch 0


# Passkeys (moto)


def test_a_passkey_is_added_once_listed_with_its_user_and_removed_once(moto):
    wim, anne = _signed_up(moto), _signed_up(moto)
    key = make.passkey(wim)

    assert moto.passkeys.add(key, 10) is True
    assert moto.passkeys.add(replace(key, name="Nog eens"), 10) is False  # the same credential, even for her
    assert moto.passkeys.add(replace(key, user_id=anne.user_id), 10) is False
    wim_now = moto.users.get(wim.user_id)
    assert wim_now.passkey_credential_ids == frozenset({key.credential_id})
    assert moto.passkeys.get(key.passkey_id) == key
    assert moto.passkeys.of_user(wim_now) == [key]
    assert moto.passkeys.of_user(moto.users.get(anne.user_id)) == []

    assert moto.passkeys.remove(replace(key, user_id=anne.user_id)) is False
    assert moto.passkeys.remove(key) is True
    assert moto.passkeys.remove(key) is False
    assert moto.passkeys.get(key.passkey_id) is None
    assert moto.users.get(wim.user_id).passkey_credential_ids is None


def test_no_more_passkeys_than_the_most_and_none_for_an_inactive_user(moto):
    wim, gone = _signed_up(moto), _signed_up(moto, status="deactivated")
    assert all(moto.passkeys.add(make.passkey(wim), 2) for _ in range(2))

    assert moto.passkeys.add(make.passkey(wim), 2) is False
    assert moto.passkeys.add(make.passkey(gone), 2) is False
    assert len(moto.passkeys.of_user(moto.users.get(wim.user_id))) == 2


def test_a_passkey_signs_in_with_a_new_count_once_and_never_with_a_stale_one(moto):
    wim = _signed_up(moto)
    key = make.passkey(wim, sign_count=3)
    moto.passkeys.add(key, 10)
    first, second = make.attempt(wim), make.attempt(wim)
    for attempt in (first, second):
        moto.logins.create(attempt)

    assert moto.logins.complete_with_passkey(first, make.session(first), make.signin(first), THRESHOLD, key, 4,
                                             True) is True
    stale = make.session(second)
    assert moto.logins.complete_with_passkey(second, stale, make.signin(second), THRESHOLD, key, 4, True) is False
    assert moto.sessions.get(stale.token_hash) is None
    used = moto.passkeys.get(key.passkey_id)
    assert (used.sign_count, used.backed_up, used.last_used_at) == (4, True, NOW)


def test_a_removed_passkey_signs_in_no_more_and_without_an_attempt_none_is_consumed(moto):
    wim = _signed_up(moto)
    key = make.passkey(wim)
    moto.passkeys.add(key, 10)
    attempt = make.attempt(wim)  # "Inloggen met passkey": never stored

    assert moto.logins.complete_with_passkey(attempt, make.session(wim), make.signin(wim), THRESHOLD, key, 0, False,
                                             consume=False) is True
    moto.passkeys.remove(key)
    assert moto.logins.complete_with_passkey(attempt, make.session(wim), make.signin(wim), THRESHOLD, key, 0, False,
                                             consume=False) is False


def test_a_passkey_id_is_a_hash_of_the_credential_id():
    assert passkey_id("abc") == passkey_id("abc") != passkey_id("abd")
    assert len(passkey_id("x" * 1364)) == 64


# Challenges (moto)


def test_an_attempts_passkey_challenge_is_used_once_and_not_after_the_attempt(moto):
    wim = _signed_up(moto)
    attempt = make.attempt(wim)
    moto.logins.create(attempt)

    assert moto.logins.set_passkey_challenge(attempt.attempt_hash, "c1", NOW + 300) is True
    assert moto.logins.use_passkey_challenge(attempt.attempt_hash, "c0") is False
    assert moto.logins.use_passkey_challenge(attempt.attempt_hash, "c1") is True
    assert moto.logins.use_passkey_challenge(attempt.attempt_hash, "c1") is False
    assert moto.logins.get(attempt.attempt_hash).passkey_challenge is None
    moto.logins.complete(attempt, make.session(attempt), make.signin(attempt), THRESHOLD)
    assert moto.logins.set_passkey_challenge(attempt.attempt_hash, "c2", NOW + 300) is False


def test_a_sessions_registration_challenge_is_used_once(moto):
    wim = _signed_up(moto)
    session = make.session(wim)
    attempt = make.attempt(wim)
    moto.logins.create(attempt)
    moto.logins.complete(attempt, session, make.signin(attempt), THRESHOLD)

    moto.sessions.set_passkey_challenge(session.token_hash, "r1", NOW + 300)
    assert moto.sessions.get(session.token_hash).passkey_challenge_expires_at == NOW + 300
    assert moto.sessions.use_passkey_challenge(session.token_hash, "r1") is True
    assert moto.sessions.use_passkey_challenge(session.token_hash, "r1") is False


def test_a_passwordless_challenge_is_consumed_once_and_not_when_expired(moto):
    from chalicelib.store import records

    moto.passkey_challenges.create(records.PasskeyChallenge(token_hash="t1", challenge="c1", expires_at=NOW + 300))
    moto.passkey_challenges.create(records.PasskeyChallenge(token_hash="t2", challenge="c2", expires_at=NOW))

    assert moto.passkey_challenges.consume("t1", NOW) == "c1"
    assert moto.passkey_challenges.consume("t1", NOW) is None
    assert moto.passkey_challenges.consume("t2", NOW) is None
    assert moto.passkey_challenges.consume("t2", NOW - 1) is None  # used up by the expired try
    assert moto.passkey_challenges.consume("nobody", NOW) is None
