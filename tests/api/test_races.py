"""Concurrent requests against the conditional writes: the count and single use hold under races."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import store
from chalicelib.domain import codes
from chalicelib.domain.errors import DomainError
from chalicelib.services import admin, auth, environments
from tests.support.accounts import PASSWORD

PHONE = "+31612345678"


@pytest.fixture
def invited(secretariat_browser, employer, outbox) -> str:
    """The token of a fresh invitation of Petra de Bakker."""
    answer = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@bakkerij.nl",
                                                           "employer_id": employer["employer_id"]})
    assert answer.status == 201, answer.body
    return outbox.last_invitation_token("petra@bakkerij.nl")


def _parallel(fn, times):
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(lambda _: _outcome(fn), range(times)))


def _outcome(fn):
    try:
        return fn()
    except DomainError as error:
        return error


def test_twenty_parallel_wrong_passwords_get_no_more_checks_than_the_policy_allows(deps, werkgever):
    # Twenty guesses for one username at once: each must claim its turn first, so at most five are checked
    outcomes = _parallel(lambda: auth.start_login(deps, "wjansen", "fout-wachtwoord-123"), 20)

    assert {o.code for o in outcomes} <= {"invalid_credentials", "too_many_attempts"}
    assert 1 <= sum(o.code == "invalid_credentials" for o in outcomes) <= 5
    assert store.users.get(werkgever.user_id).failed_count == 0, "password guesses never block the account"


def test_twenty_parallel_wrong_codes_stop_exactly_at_the_threshold(deps, werkgever):
    started = auth.start_login(deps, "wjansen", PASSWORD)

    outcomes = _parallel(lambda: auth.complete_login(deps, started.attempt_token, "000000"), 20)

    codes = [o.code for o in outcomes]
    assert set(codes) <= {"invalid_code", "account_blocked"}
    assert store.users.get(werkgever.user_id).failed_count == deps.settings.lockout_threshold


def test_same_code_sent_twice_at_once_opens_exactly_one_session(deps, outbox, werkgever):
    from chalicelib.store.models import Session

    started = auth.start_login(deps, "wjansen", PASSWORD)
    code = outbox.last_code(PHONE)

    outcomes = _parallel(lambda: auth.complete_login(deps, started.attempt_token, code), 2)

    sessions = [o for o in outcomes if isinstance(o, auth.LoginCompleted)]
    assert len(sessions) == 1
    assert sum(1 for _ in Session.scan()) == 1


def test_twenty_parallel_wrong_invitation_phone_codes_are_each_counted(deps, invited, new_browser, outbox):
    # Given an invitation whose phone step sent a code
    token = invited
    browser = new_browser()
    password = {"password": "drie kleine katjes op de mat"}
    assert browser.post(f"/api/invitations/{token}/password", password).status == 200
    assert browser.post(f"/api/invitations/{token}/phone", {"phone": "0611223344"}).status == 200
    right_code = outbox.last_code("+31611223344")
    # When twenty wrong codes arrive at once (a read-then-write counted them as 2)
    answers = _parallel(lambda: new_browser().post(f"/api/invitations/{token}/phone/confirm", {"code": "zzzzzz"}), 20)
    # Then exactly five were tried, and after that not even the right code is accepted
    assert {a.error for a in answers} <= {"invalid_code", "code_attempts_exceeded"}
    assert sum(a.error == "invalid_code" for a in answers) == 5
    invitation = store.invitations.get(codes.token_hash(token))
    assert invitation.phone_code_failures == 5
    late = browser.post(f"/api/invitations/{token}/phone/confirm", {"code": right_code})
    assert late.error == "code_attempts_exceeded" and not store.invitations.get(codes.token_hash(token)).phone_verified


def test_a_revoke_between_a_switchs_check_and_its_write_leaves_no_session_in_that_employer(
        deps, werkgever, werkgever_browser, secretariat_browser, monkeypatch):
    # Given the werkgever was given access to a second employer
    other = admin.create_employer(deps, "Aannemer Zuid BV")["employer_id"]
    assert secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers",
                                    {"employer_id": other}).status == 200
    # When the secretariat revokes it right after the switch checked the access, before the switch writes
    write = store.sessions.set_employer

    def revoked_in_between(*args, **kwargs):
        environments.revoke(deps, werkgever.user_id, other)
        return write(*args, **kwargs)

    monkeypatch.setattr(store.sessions, "set_employer", revoked_in_between)
    answer = werkgever_browser.post("/api/auth/environment", {"employer_id": other})
    # Then the switch is refused and no session of the user works in the revoked employer
    assert answer.status == 404 and answer.error == "environment_unknown"
    assert all(session.employer_id != other for session in store.sessions.for_user(werkgever.user_id))
    assert werkgever_browser.get("/api/employees").status == 200  # still in her own employer
