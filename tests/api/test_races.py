"""Concurrent requests against the conditional writes: the count and single use hold under races."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import store
from chalicelib.domain.errors import DomainError
from chalicelib.services import auth
from tests.api.conftest import PASSWORD

PHONE = "+31612345678"


def _parallel(fn, times):
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(lambda _: _outcome(fn), range(times)))


def _outcome(fn):
    try:
        return fn()
    except DomainError as error:
        return error


def test_twenty_parallel_wrong_passwords_stop_exactly_at_the_threshold(deps, werkgever):
    outcomes = _parallel(lambda: auth.start_login(deps, "wjansen", "fout-wachtwoord-123"), 20)

    assert all(getattr(o, "code", None) == "invalid_credentials" for o in outcomes)
    assert store.users.get(werkgever.user_id).failed_count == deps.settings.lockout_threshold
    with pytest.raises(DomainError) as blocked:
        auth.start_login(deps, "wjansen", PASSWORD)
    assert blocked.value.code == "account_blocked"


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
