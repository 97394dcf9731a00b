"""The store's promises about accounts — users, employers, access, login attempts, sessions, sign-ins, rate limits
and reset links — checked on moto and on the fake alike (conftest.store)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from pynamodb.exceptions import PutError

from chalicelib.domain import codes
from chalicelib.domain.sms_budget import Bucket
from chalicelib.store import records
from tests.support import builders as make
from tests.support.builders import NOW, THRESHOLD

# Users


def test_a_created_user_is_found_by_id_by_username_and_by_email_whatever_their_case(store):
    # Given a user written with her backup codes, known browsers and app key
    wim = make.user(backup_codes=(records.BackupCode(salt="s1", hash="h1"), records.BackupCode(salt="s2", hash="h2")),
                    devices={"d1": {"since": NOW, "failures": 1}}, totp_secret="sealed", totp_last_step=7)
    # When it is created
    assert store.users.create(wim) is True
    # Then every read gives back exactly that record
    assert store.users.get(wim.user_id) == wim
    assert store.users.find_by_username(f"  {wim.username.upper()} ") == wim
    assert store.users.find_by_email(wim.email.upper()) == [wim]


def test_an_unknown_user_is_none_or_empty_on_every_read(store):
    assert store.users.get("user-nobody") is None
    assert store.users.find_by_username("nobody") is None
    assert store.users.find_by_username("   ") is None
    assert store.users.find_by_email("nobody@example.nl") == []
    assert store.users.get_many([]) == []
    assert store.users.get_many(["user-nobody"]) == []


def test_a_taken_username_is_refused_in_any_case_and_nothing_is_written(store):
    wim = make.user()
    store.users.create(wim)
    # When another user takes the same name in capitals
    other = make.user(username=wim.username.upper())
    # Then the store refuses it and keeps no trace of the second user
    assert store.users.create(other) is False
    assert store.users.get(other.user_id) is None
    assert store.users.find_by_email(other.email) == []


def test_users_of_an_employer_come_by_username_and_several_by_id_once_each(store):
    b, a, elsewhere = make.user("emp-1", username="bert"), make.user("emp-1", username="anna"), make.user("emp-2")
    for u in (b, a, elsewhere):
        store.users.create(u)

    assert list(store.users.list_for_employer("emp-1")) == [a, b]
    found = store.users.get_many([a.user_id, elsewhere.user_id, a.user_id, "user-nobody"])
    assert sorted(found, key=lambda u: u.user_id) == sorted([a, elsewhere], key=lambda u: u.user_id)


def test_failures_count_up_to_the_threshold_and_then_no_further(store):
    wim = make.user()
    store.users.create(wim)

    counts = [store.users.record_failure(wim.user_id, THRESHOLD) for _ in range(THRESHOLD + 2)]

    assert counts == [1, 2, 3, 4, 5, None, None]
    assert store.users.get(wim.user_id).failed_count == THRESHOLD


def test_failures_of_an_inactive_or_unknown_user_are_not_counted(store):
    gone = make.user(status="deactivated")
    store.users.create(gone)

    assert store.users.record_failure(gone.user_id, THRESHOLD) is None
    assert store.users.record_failure("user-nobody", THRESHOLD) is None
    assert store.users.get(gone.user_id).failed_count == 0
    assert store.users.get("user-nobody") is None


def test_a_known_browser_counts_its_failures_up_to_the_limit(store):
    wim = make.user(devices={"d1": {"since": NOW, "failures": 0}})
    store.users.create(wim)

    for _ in range(4):
        store.users.count_device_failure(wim.user_id, "d1", 3)
    store.users.count_device_failure(wim.user_id, "unknown", 3)

    assert store.users.get(wim.user_id).devices == {"d1": {"since": NOW, "failures": 3}}


def test_a_new_password_hash_and_a_bounce_are_kept(store):
    wim = make.user()
    store.users.create(wim)

    store.users.set_password_hash(wim.user_id, "new-hash")
    assert store.users.mark_email_bounced(wim.user_id, NOW + 5) is True
    assert store.users.mark_email_bounced("user-nobody", NOW) is False

    assert store.users.get(wim.user_id) == replace(wim, password_hash="new-hash", email_bounced_at=NOW + 5)
    assert store.users.get("user-nobody") is None


# Employers and the access to them


def test_an_employer_is_read_back_and_listed_by_name(store):
    zwart, bakkerij = make.employer(name="Zwart Transport"), make.employer(name="bakkerij Jansen")
    for e in (zwart, bakkerij):
        store.employers.create(e, audit=make.line("secretariaat"))

    assert store.employers.get(zwart.employer_id) == zwart
    assert store.employers.get("emp-nobody") is None
    assert store.employers.list_all() == [bakkerij, zwart]
    assert sorted(store.employers.get_many([zwart.employer_id, zwart.employer_id, bakkerij.employer_id, "x"]),
                  key=lambda e: e.name.lower()) == [bakkerij, zwart]
    assert store.employers.get_many([]) == []


def test_creating_an_employer_twice_keeps_the_first_and_one_audit_line(store):
    first = make.employer(name="Eerste")
    store.employers.create(first, audit=make.line("secretariaat", "employer_created", NOW))

    store.employers.create(replace(first, name="Tweede"), audit=make.line("secretariaat", "employer_created", NOW + 1))

    assert store.employers.get(first.employer_id).name == "Eerste"
    assert [e.at for e in store.audit.recent("secretariaat")] == [NOW]


def test_a_role_at_a_granted_employer_is_kept_on_the_access_and_read_with_it(store):
    granted = {"granted_at": make.NOW, "granted_by": "user-sanne"}
    store.employer_access.grant("user-1", "emp-a", **granted, audit=make.line("secretariaat", "grant"))
    store.employer_access.grant("user-1", "emp-b", **granted, audit=make.line("secretariaat", "grant"))

    assert store.employer_access.set_role("user-1", "emp-b", "leidinggevende", frozenset({"dep-1", "dep-2"}),
                                          audit=make.line("secretariaat", "role")) is True
    assert store.employer_access.set_role("user-1", "emp-c", "leidinggevende", frozenset({"dep-1"}),
                                          audit=make.line("secretariaat", "role")) is False

    assert store.employer_access.roles_of("user-1") == {"emp-a": (None, None),
                                                        "emp-b": ("leidinggevende", frozenset({"dep-1", "dep-2"}))}
    assert store.employer_access.roles_at("emp-b") == {"user-1": ("leidinggevende", frozenset({"dep-1", "dep-2"}))}
    store.employer_access.set_role("user-1", "emp-b", "verzuimbeheerder", frozenset(),
                                   audit=make.line("secretariaat", "role"))
    assert store.employer_access.roles_of("user-1")["emp-b"] == ("verzuimbeheerder", None)


def test_access_is_granted_once_and_revoked_once_each_with_its_line(store):
    granted = {"granted_at": NOW, "granted_by": "manage.py"}
    assert store.employer_access.grant("user-1", "emp-b", **granted, audit=make.line("secretariaat", "grant")) is True
    assert store.employer_access.grant("user-1", "emp-a", **granted, audit=make.line("secretariaat", "grant")) is True
    assert store.employer_access.grant("user-2", "emp-b", **granted, audit=make.line("secretariaat", "grant")) is True
    assert store.employer_access.grant("user-1", "emp-b", **granted, audit=make.line("secretariaat", "again")) is False

    assert store.employer_access.employers_of("user-1") == ["emp-a", "emp-b"]
    assert store.employer_access.users_of("emp-b") == ["user-1", "user-2"]

    assert store.employer_access.revoke("user-1", "emp-b", audit=make.line("secretariaat", "revoke")) is True
    assert store.employer_access.revoke("user-1", "emp-b", audit=make.line("secretariaat", "revoke again")) is False
    assert store.employer_access.employers_of("user-1") == ["emp-a"]
    assert sorted(e.action for e in store.audit.recent("secretariaat")) == ["grant", "grant", "grant", "revoke"]


# Login attempts and the sessions they open


def _signed_up(store, **changes) -> records.User:
    wim = make.user(**changes)
    assert store.users.create(wim)
    return wim


def test_a_login_attempt_is_read_back_and_written_once(store):
    wim = _signed_up(store, devices={"d1": {"since": NOW, "failures": 0}})
    attempt = make.attempt(wim, device_hash="d1")
    store.logins.create(attempt)

    assert store.logins.get(attempt.attempt_hash) == attempt
    assert store.logins.get("no-such-attempt") is None
    with pytest.raises(PutError):
        store.logins.create(replace(attempt, user_id="someone-else"))
    assert store.logins.get(attempt.attempt_hash) == attempt


def test_a_new_code_replaces_the_old_until_the_attempt_is_used(store):
    wim = _signed_up(store)
    attempt = make.attempt(wim)
    store.logins.create(attempt)

    assert store.logins.replace_code(attempt.attempt_hash, "salt2", "hash2", NOW + 600) is True
    assert store.logins.get(attempt.attempt_hash) == replace(attempt, code_salt="salt2", code_hash="hash2",
                                                             code_expires_at=NOW + 600)
    assert store.logins.complete(attempt, make.session(attempt), make.signin(attempt), THRESHOLD)
    assert store.logins.replace_code(attempt.attempt_hash, "salt3", "hash3", NOW + 900) is False
    assert store.logins.replace_code("no-such-attempt", "salt3", "hash3", NOW + 900) is False


def test_a_login_completes_once_opening_one_session_and_clearing_the_failures(store):
    # Given a user with two failures and a login attempt from a new browser with her new phone number
    wim = _signed_up(store, failed_count=2, phone_pending="+31687654321")
    attempt = make.attempt(wim, phone="+31687654321", phone_is_new=True)
    store.logins.create(attempt)
    first, second = make.session(attempt), make.session(attempt)
    # When the same attempt completes twice
    assert store.logins.complete(attempt, first, make.signin(attempt), THRESHOLD, "new-device") is True
    assert store.logins.complete(attempt, second, make.signin(attempt), THRESHOLD, "other-device") is False
    # Then one session is open, the failures are gone, the browser is known and the new number is hers
    assert store.sessions.get(first.token_hash) == first
    assert store.sessions.get(second.token_hash) is None
    assert store.logins.get(attempt.attempt_hash).consumed is True
    after = store.users.get(wim.user_id)
    assert (after.failed_count, after.phone, after.phone_pending) == (0, "+31687654321", None)
    assert after.devices == {"new-device": {"since": NOW, "failures": 0}}
    assert [(s.success, s.method) for s in store.signins.recent(wim.user_id)] == [(True, "sms")]


@pytest.mark.parametrize("state", [{"failed_count": THRESHOLD}, {"status": "deactivated"},
                                   {"password_changed_at": NOW - 10}], ids=["blocked", "deactivated", "reset"])
def test_a_login_does_not_complete_for_a_blocked_deactivated_or_reset_account(store, state):
    wim = _signed_up(store)
    attempt = make.attempt(wim)
    store.logins.create(attempt)
    # Given the account changed after the password step
    _replace_user(store, wim, **state)
    session = make.session(attempt)

    assert store.logins.complete(attempt, session, make.signin(attempt), THRESHOLD) is False
    assert store.sessions.get(session.token_hash) is None
    assert store.logins.get(attempt.attempt_hash).consumed is False
    assert store.signins.recent(wim.user_id) == []


def _replace_user(store, user: records.User, **state) -> None:
    """Put the user in `state` the way the portal gets there: failures, the secretariat, a password reset."""
    if "failed_count" in state:
        for _ in range(state["failed_count"]):
            store.users.record_failure(user.user_id, THRESHOLD)
    if "status" in state:
        assert store.users.set_status(user.user_id, state["status"], "active")
    if "password_changed_at" in state:
        reset = make.reset(user)
        assert store.password_resets.create(reset)
        assert store.password_resets.use(reset, "new-hash", state["password_changed_at"])


def test_the_secretariat_unlocks_an_active_account_and_deactivates_once(store):
    wim = _signed_up(store, failed_count=THRESHOLD)

    assert store.users.unlock(wim.user_id, audit=make.line("secretariaat", "unlock")) is True
    assert store.users.get(wim.user_id).failed_count == 0
    assert store.users.set_status(wim.user_id, "deactivated", "active") is True
    assert store.users.set_status(wim.user_id, "deactivated", "active") is False
    assert store.users.unlock(wim.user_id) is False
    assert store.users.set_status("user-nobody", "active") is False
    assert store.users.get("user-nobody") is None
    assert [e.action for e in store.audit.recent("secretariaat")] == ["unlock"]


def test_a_login_listing_an_omgeving_revoked_meanwhile_does_not_complete(store):
    wim = _signed_up(store, employer_id="emp-a")
    store.employer_access.grant(wim.user_id, "emp-b", granted_at=NOW, granted_by="manage.py",
                                audit=make.line("secretariaat"))
    attempt = make.attempt(wim)
    store.logins.create(attempt)
    listing = make.session(attempt, employer_ids=frozenset({"emp-a", "emp-b"}))
    store.employer_access.revoke(wim.user_id, "emp-b", audit=make.line("secretariaat"))

    assert store.logins.complete(attempt, listing, make.signin(attempt), THRESHOLD) is False
    assert store.sessions.get(listing.token_hash) is None


def test_a_login_from_a_known_browser_starts_its_failures_again(store):
    wim = _signed_up(store, devices={"d1": {"since": NOW - 99, "failures": 3}, "d2": {"since": NOW, "failures": 1}})
    attempt = make.attempt(wim, device_hash="d1")
    store.logins.create(attempt)

    assert store.logins.complete(attempt, make.session(attempt), make.signin(attempt), THRESHOLD) is True
    assert store.users.get(wim.user_id).devices == {"d1": {"since": NOW - 99, "failures": 0},
                                                    "d2": {"since": NOW, "failures": 1}}


def test_each_backup_code_opens_one_session_once(store):
    codes_ = (records.BackupCode(salt="s0", hash="h0"), records.BackupCode(salt="s1", hash="h1"))
    wim = _signed_up(store, backup_codes=codes_, failed_count=1)
    first, second, wrong = (make.attempt(wim) for _ in range(3))
    for a in (first, second, wrong):
        store.logins.create(a)

    assert store.logins.complete_with_backup_code(first, make.session(first), make.signin(first), THRESHOLD,
                                                  1, "h1") is True
    # the list moved up: index 1 is gone, and h1 is nowhere any more
    assert store.logins.complete_with_backup_code(second, make.session(second), make.signin(second), THRESHOLD,
                                                  1, "h1") is False
    assert store.logins.complete_with_backup_code(wrong, make.session(wrong), make.signin(wrong), THRESHOLD,
                                                  0, "not-h0") is False
    after = store.users.get(wim.user_id)
    assert (after.backup_codes, after.failed_count) == ((codes_[0],), 0)
    assert store.logins.get(second.attempt_hash).consumed is False


def test_an_app_code_time_step_signs_in_once_and_never_an_earlier_one(store):
    wim = _signed_up(store, totp_secret="sealed", totp_last_step=100)
    attempts = [make.attempt(wim, method="totp", totp_secret="sealed") for _ in range(4)]
    for a in attempts:
        store.logins.create(a)

    results = [store.logins.complete_with_totp(a, make.session(a), make.signin(a, success=True), THRESHOLD, step)
               for a, step in zip(attempts, (100, 101, 101, 102), strict=True)]

    assert results == [False, True, False, True]
    assert store.users.get(wim.user_id).totp_last_step == 102


def test_without_an_app_key_no_app_code_signs_in(store):
    wim = _signed_up(store)
    attempt = make.attempt(wim, method="totp")
    store.logins.create(attempt)

    assert store.logins.complete_with_totp(attempt, make.session(attempt), make.signin(attempt), THRESHOLD, 5) is False


# Sessions


def _session_of(store, user: records.User, **changes) -> records.Session:
    attempt = make.attempt(user)
    store.logins.create(attempt)
    session = make.session(attempt, **changes)
    assert store.logins.complete(attempt, session, make.signin(attempt), THRESHOLD)
    return session


def test_a_session_is_read_back_with_the_omgevingen_it_lists(store):
    wim = _signed_up(store)
    listing = _session_of(store, wim, employer_ids=frozenset({wim.employer_id}))
    unlisted = _session_of(store, wim, employer_ids=frozenset())

    assert store.sessions.get(listing.token_hash) == listing
    assert store.sessions.get(unlisted.token_hash).employer_ids is None  # DynamoDB keeps no empty set
    assert store.sessions.get("no-such-session") is None
    assert sorted(s.token_hash for s in store.sessions.for_user(wim.user_id)) == sorted(
        [listing.token_hash, unlisted.token_hash])


def test_the_idle_clock_moves_once_from_the_time_it_was_read(store):
    session = _session_of(store, _signed_up(store))

    assert store.sessions.touch(session.token_hash, NOW + 120, NOW) is True
    assert store.sessions.touch(session.token_hash, NOW + 121, NOW) is False
    assert store.sessions.touch("no-such-session", NOW + 121, NOW) is False
    assert store.sessions.get(session.token_hash).last_seen_at == NOW + 120
    assert store.sessions.get("no-such-session") is None


def test_sessions_end_one_at_a_time_or_all_but_the_callers(store):
    wim, anna = _signed_up(store), _signed_up(store)
    mine, other, third = (_session_of(store, wim) for _ in range(3))
    annas = _session_of(store, anna)

    store.sessions.delete(third.token_hash)
    store.sessions.delete("no-such-session")
    assert store.sessions.get(third.token_hash) is None

    assert store.sessions.delete_all_for_user(wim.user_id, keep=mine.token_hash) == 1
    assert store.sessions.get(other.token_hash) is None
    assert store.sessions.get(mine.token_hash) == mine
    assert store.sessions.delete_all_for_user(wim.user_id) == 1
    assert store.sessions.for_user(wim.user_id) == []
    assert store.sessions.get(annas.token_hash) == annas


# Sign-in history


def test_sign_ins_come_newest_first_and_a_refused_write_stores_nothing(store):
    wim = _signed_up(store)
    for at in (NOW, NOW + 2, NOW + 1):
        store.signins.record(store.signins.new(wim.user_id, at, "password", False, 3600))
    store.signins.record_nothing(NOW + 3)

    recent = store.signins.recent(wim.user_id, limit=2)

    assert recent == [records.SignIn(user_id=wim.user_id, at=NOW + 2, method="password", success=False,
                                     expires_at=NOW + 2 + 3600),
                      records.SignIn(user_id=wim.user_id, at=NOW + 1, method="password", success=False,
                                     expires_at=NOW + 1 + 3600)]
    assert len(store.signins.recent(wim.user_id)) == 3


# Rate limits


def test_a_claim_keeps_its_gap_and_its_count_per_window(store):
    def claim(at: int) -> bool:
        return store.rate_limits.claim("sms-resend#u1", at, gap=30, per_window=3, window=3600)

    assert [claim(NOW), claim(NOW + 10), claim(NOW + 30), claim(NOW + 60), claim(NOW + 90)] == [
        True, False, True, True, False]
    assert claim(NOW + 3600) is True  # a new window
    assert store.rate_limits.claim("sms-resend#u2", NOW + 10, gap=30, per_window=3, window=3600) is True


def test_a_released_claim_may_be_made_again_at_once_but_a_later_one_is_not_undone(store):
    def claim(at: int) -> bool:
        return store.rate_limits.claim("reset#u1", at, gap=60, per_window=2, window=3600)

    assert claim(NOW) is True
    store.rate_limits.release("reset#u1", NOW)
    assert claim(NOW + 1) is True
    store.rate_limits.release("reset#u1", NOW)  # not the claim made at NOW + 1
    store.rate_limits.release("never-claimed", NOW)
    assert claim(NOW + 30) is False
    assert claim(NOW + 61) is True  # the second of this window: the released one did not count
    assert claim(NOW + 122) is False
    assert store.rate_limits.guesses("never-claimed") is None


def _buckets(limit_a: int = 2, limit_b: int = 3) -> list[Bucket]:
    return [Bucket("account", "sms#account#u1#h1", limit_a, NOW + 7200),
            Bucket("portal", "sms#portal#h1", limit_b, NOW + 7200)]


def test_the_sms_budget_is_spent_in_every_bucket_or_in_none(store):
    assert [store.rate_limits.spend(_buckets(), NOW) for _ in range(3)] == [None, None, "account"]
    # the portal bucket took two, not three: a refused spend counts nowhere
    assert store.rate_limits.spend(_buckets(limit_a=9, limit_b=3), NOW) is None
    assert store.rate_limits.spend(_buckets(limit_a=9, limit_b=3), NOW) == "portal"
    assert store.rate_limits.guesses("sms#portal#h1") == (3, NOW)


def test_a_refund_gives_back_one_use_in_every_bucket_and_never_goes_below_zero(store):
    store.rate_limits.spend(_buckets(limit_a=1, limit_b=1), NOW)
    store.rate_limits.refund(_buckets(), NOW)
    store.rate_limits.refund(_buckets(), NOW)

    assert store.rate_limits.guesses("sms#account#u1#h1")[0] == 0
    assert store.rate_limits.spend(_buckets(limit_a=1, limit_b=1), NOW) is None
    assert store.rate_limits.spend(_buckets(limit_a=1, limit_b=1), NOW) == "account"


def test_a_guess_is_counted_only_by_whoever_saw_the_current_count(store):
    key = "guess#abc"
    assert store.rate_limits.guesses(key) is None
    assert store.rate_limits.count_guess(key, None, NOW, NOW + 99) is True
    assert store.rate_limits.count_guess(key, None, NOW, NOW + 99) is False  # raced: someone counted first
    assert store.rate_limits.count_guess(key, 1, NOW + 5, NOW + 99) is True
    assert store.rate_limits.count_guess(key, 1, NOW + 6, NOW + 99) is False
    assert store.rate_limits.guesses(key) == (2, NOW + 5)

    store.rate_limits.forget_guesses(key)
    store.rate_limits.forget_guesses("guess#never")

    assert store.rate_limits.guesses(key) is None
    assert store.rate_limits.count_guess(key, None, NOW + 7, NOW + 99) is True


# Password-reset links


def test_a_reset_link_is_stored_and_becomes_the_users_only_one(store):
    wim = _signed_up(store)
    older, newer = make.reset(wim), make.reset(wim)

    assert store.password_resets.create(older) is True
    assert store.password_resets.create(newer) is True

    assert store.password_resets.get(newer.token_hash) == newer
    assert store.password_resets.get("no-such-link") is None
    assert store.users.get(wim.user_id).reset_hash == newer.token_hash
    assert store.password_resets.use(older, "hash-from-old-link", NOW) is False
    assert store.users.get(wim.user_id).password_hash == wim.password_hash


def test_a_reset_link_sets_the_password_once(store):
    wim = _signed_up(store)
    link = make.reset(wim)
    store.password_resets.create(link)

    assert store.password_resets.use(link, "first-hash", NOW + 10) is True
    assert store.password_resets.use(link, "second-hash", NOW + 20) is False

    after = store.users.get(wim.user_id)
    assert (after.password_hash, after.password_changed_at, after.reset_hash) == ("first-hash", NOW + 10, None)
    assert store.password_resets.get(link.token_hash).used_at == NOW + 10


def test_no_reset_link_for_an_unknown_user_nor_a_password_for_a_deactivated_one(store):
    assert store.password_resets.create(make.reset(make.user())) is False

    wim = _signed_up(store)
    link = make.reset(wim)
    store.password_resets.create(link)
    store.users.set_status(wim.user_id, "deactivated")

    assert store.password_resets.use(link, "new-hash", NOW) is False
    assert store.users.get(wim.user_id).password_hash == wim.password_hash
    assert store.password_resets.get(link.token_hash).used_at is None


def test_a_token_hash_is_what_is_stored(store):
    wim = _signed_up(store)
    token = codes.new_token()
    store.password_resets.create(make.reset(wim, token_hash=codes.token_hash(token)))

    assert store.password_resets.get(token) is None
    assert store.password_resets.get(codes.token_hash(token)).user_id == wim.user_id


# Departments


def _department(name: str, employer_id: str = "emp-1", parent_id: str | None = None) -> records.Department:
    return records.Department(employer_id=employer_id, department_id=f"dep-{name.lower()}", name=name,
                              parent_id=parent_id, created_at=NOW)


def test_a_department_is_read_back_and_listed_only_in_its_own_employer(store):
    assert not store.departments.any_for_employer("emp-1")
    assert store.departments.create(_department("Productie"))
    assert store.departments.create(_department("Ochtend", parent_id="dep-productie"))

    assert store.departments.get("emp-1", "dep-ochtend") == _department("Ochtend", parent_id="dep-productie")
    assert sorted(d.name for d in store.departments.list_for_employer("emp-1")) == ["Ochtend", "Productie"]
    assert store.departments.any_for_employer("emp-1")
    assert store.departments.get("emp-2", "dep-productie") is None
    assert store.departments.list_for_employer("emp-2") == [] and not store.departments.any_for_employer("emp-2")


def test_a_siblings_name_is_refused_in_any_case_and_nothing_is_written(store):
    store.departments.create(_department("Productie"))

    refused = replace(_department("PRODUCTIE "), department_id="dep-other")

    assert not store.departments.create(refused)
    assert [d.department_id for d in store.departments.list_for_employer("emp-1")] == ["dep-productie"]
    assert store.departments.create(replace(refused, employer_id="emp-2")), "another employer may use the name"
