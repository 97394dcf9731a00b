""""Inloggen mislukt" → "SMS opnieuw versturen": a new code replaces the old one, within limits."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from chalicelib.domain.errors import DomainError
from chalicelib.services import auth
from tests.support.accounts import PASSWORD

PHONE = "+31612345678"


def _start(browser):
    assert browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).status == 200


def test_resend_sends_a_new_code_and_the_old_one_stops_working(browser, outbox, werkgever, clock):
    _start(browser)
    old = outbox.last_code(PHONE)
    clock.advance(30)

    answer = browser.post("/api/auth/code/resend")

    assert answer.status == 200 and answer.body["phone_hint"].endswith("78")
    new = outbox.last_code(PHONE)
    assert len(outbox.sms(PHONE)) == 2
    assert browser.post("/api/auth/code", {"code": old}).status == 401
    assert browser.post("/api/auth/code", {"code": new}).status == 200


def test_resend_within_thirty_seconds_is_refused_in_dutch(browser, outbox, werkgever, clock):
    _start(browser)
    clock.advance(30)
    assert browser.post("/api/auth/code/resend").status == 200
    clock.advance(29)

    answer = browser.post("/api/auth/code/resend")

    assert answer.status == 429 and answer.error == "rate_limited"
    assert "30 seconden" in answer.body["message"]
    assert len(outbox.sms(PHONE)) == 2


def test_at_most_five_resends_per_hour_per_account(new_browser, outbox, werkgever, clock):
    first, second = new_browser(), new_browser()
    _start(first)
    _start(second)
    results = []
    for browser in (first, second, first, second, first, second):
        clock.advance(31)
        results.append(browser.post("/api/auth/code/resend").status)

    assert results == [200, 200, 200, 200, 200, 429]
    clock.advance(3600)
    _start(first)
    assert first.post("/api/auth/code/resend").status == 200


def test_expired_code_can_be_replaced_by_a_resend(browser, outbox, werkgever, clock):
    _start(browser)
    clock.advance(5 * 60)
    assert browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}).error == "code_expired"

    browser.post("/api/auth/code/resend")

    assert browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}).status == 200


def test_resend_without_a_login_attempt_is_refused(browser, outbox):
    answer = browser.post("/api/auth/code/resend")

    assert answer.status == 410 and not outbox.sms()


def test_resend_spam_in_parallel_sends_one_sms(deps, outbox, werkgever, clock):
    started = auth.start_login(deps, "wjansen", PASSWORD)
    clock.advance(31)

    def resend(_):
        try:
            return auth.resend_code(deps, started.attempt_token)
        except DomainError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(resend, range(10)))

    assert sum(1 for o in outcomes if o != "rate_limited") == 1
    assert len(outbox.sms(PHONE)) == 2
