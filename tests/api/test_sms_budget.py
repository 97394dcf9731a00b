"""Every SMS is metered: per account, per number, per number range, per invitation link and portal-wide per hour,
counted atomically before it is sent; numbers abroad get none. Each test prints what an attacker gets per hour.

Found before: 50 SMS to 50 foreign numbers through one invitation link (no session), 20 through
/api/account/phone, 20 through /api/account/reauth, and one for every correct-password login.
"""
from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib.domain.sms_budget import SmsLimits
from chalicelib.services import admin
from tests.support.accounts import PASSWORD, log_in

PHONE = "+31612345678"


def sms_count(outbox) -> int:
    return len(outbox.sms())


@pytest.fixture
def invitation_token(secretariat_browser, employer, outbox) -> str:
    secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@bakkerij.nl",
                                                  "employer_id": employer["employer_id"]})
    return outbox.last_invitation_token("petra@bakkerij.nl")


def test_one_invitation_link_gets_three_sms_an_hour_and_none_abroad(new_browser, invitation_token, outbox):
    # Given an attacker holding one invitation link (no session needed)
    attacker, before = new_browser(), sms_count(outbox)
    numbers = [f"+316200{n:05d}" for n in range(25)] + [f"+4474001{n:05d}" for n in range(25)]
    # When they ask it to send a code to 50 numbers, half of them in the UK
    answers = [attacker.post(f"/api/invitations/{invitation_token}/phone", {"phone": n}) for n in numbers]
    sent = sms_count(outbox) - before
    print(f"\none invitation link: {sent} SMS in an hour (of {len(numbers)} requests)")
    # Then three SMS went out, the rest was refused in Dutch
    assert sent == SmsLimits.per_invitation == 3
    assert {a.error for a in answers[3:25]} == {"sms_limited"}
    assert {a.error for a in answers[25:]} == {"phone_country_not_allowed"}
    assert "secretariaat" in answers[24].body["message"] and "uitnodiging" in answers[24].body["message"]


def test_one_session_gets_the_accounts_eight_sms_an_hour_over_phone_change_and_reauth(werkgever_browser, outbox):
    # Given a signed-in session (its login SMS was the first of the hour)
    before = sms_count(outbox)
    # When it asks for codes to 20 new numbers, and for 20 re-authentications
    changes = [werkgever_browser.post("/api/account/phone", {"phone": f"+316300{n:05d}"}) for n in range(20)]
    reauths = [werkgever_browser.post("/api/account/reauth", {"password": PASSWORD}) for _ in range(20)]
    sent = sms_count(outbox) - before
    print(f"\none session: {sent + 1} SMS in an hour, the login's included (of 41 requests)")
    # Then the account's hourly budget holds over every path together
    assert sent + 1 == SmsLimits.per_account_hour
    assert changes[-1].status == 429 and changes[-1].error == "sms_limited"
    assert reauths[-1].status == 429 and "back-up code" in reauths[-1].body["message"]


def test_twenty_accounts_get_no_more_than_the_portals_hourly_ceiling(deps, employer, new_browser, outbox):
    # Given 20 accounts whose passwords an attacker knows, and a portal-wide ceiling of 50 an hour
    deps.settings = dataclasses.replace(deps.settings, sms_limits=dataclasses.replace(deps.settings.sms_limits,
                                                                                      portal_per_hour=50))
    for n in range(20):
        admin.provision_active_user(deps, username=f"user{n}", name=f"Gebruiker {n}", email=f"u{n}@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"],
                                    phone=f"+3164{n:02d}00000", password=PASSWORD)
    before = sms_count(outbox)
    # When each of them logs in five times within the hour
    answers = [new_browser().post("/api/auth/login", {"username": f"user{n}", "password": PASSWORD})
               for _ in range(5) for n in range(20)]
    sent = sms_count(outbox) - before
    print(f"\n20 accounts: {sent} SMS in an hour (of {len(answers)} correct-password logins)")
    # Then the ceiling holds, and a login past it still goes on to the code page, offering a backup code
    assert sent == 50
    late = answers[-1]
    assert late.status == 200 and late.body["sms_sent"] is False and "back-up code" in late.body["message"]


def test_one_number_gets_eight_sms_an_hour_whichever_account_asks(deps, employer, new_browser, outbox):
    for n in range(3):
        admin.provision_active_user(deps, username=f"gedeeld{n}", name=f"Gedeeld {n}", email=f"g{n}@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"], phone="0655500000",
                                    password=PASSWORD)
    before = sms_count(outbox)
    for _ in range(4):
        for n in range(3):
            new_browser().post("/api/auth/login", {"username": f"gedeeld{n}", "password": PASSWORD})
    assert sms_count(outbox) - before == SmsLimits.per_number_hour == 8


def test_a_number_range_gets_thirty_an_hour(deps, employer, new_browser, outbox):
    # 40 accounts with numbers in one block of ten thousand (+316555…)
    for n in range(40):
        admin.provision_active_user(deps, username=f"blok{n}", name=f"Blok {n}", email=f"b{n}@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"],
                                    phone=f"+3165555{n:04d}", password=PASSWORD)
    before = sms_count(outbox)
    for n in range(40):
        new_browser().post("/api/auth/login", {"username": f"blok{n}", "password": PASSWORD})
    assert sms_count(outbox) - before == SmsLimits.per_prefix_hour == 30


def test_a_new_hour_brings_a_new_budget(werkgever_browser, new_browser, outbox, clock):
    for n in range(10):
        werkgever_browser.post("/api/account/phone", {"phone": f"+316310{n:05d}"})
    assert werkgever_browser.post("/api/account/phone", {"phone": "+31631099999"}).error == "sms_limited"
    clock.advance(3600)
    log_in(new_browser(), outbox, "wjansen", PASSWORD, PHONE)  # asserts the code arrived


def test_twenty_parallel_requests_never_overspend_the_budget(werkgever_browser, new_browser, outbox):
    before = sms_count(outbox)
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(lambda n: werkgever_browser.post("/api/account/phone", {"phone": f"+316320{n:05d}"}),
                      range(20)))
    assert sms_count(outbox) - before == SmsLimits.per_account_hour - 1  # the login's SMS was the first


def test_a_number_abroad_cannot_be_set_by_the_secretariat_or_the_user(secretariat_browser, werkgever_browser,
                                                                      werkgever):
    for browser, path in ((secretariat_browser, f"/api/admin/users/{werkgever.user_id}/phone"),
                          (werkgever_browser, "/api/account/phone")):
        answer = browser.post(path, {"phone": "+44 7400 123456"})
        assert answer.status == 422 and answer.error == "phone_country_not_allowed"
        assert "authenticatie-app" in answer.body["message"]
    assert werkgever_browser.post("/api/account/phone", {"phone": "+32 470 12 34 56"}).status == 200  # België


def test_the_login_sms_counts_too(browser, werkgever, outbox, clock):
    # Eight logins in an hour send eight SMS; the ninth is not sent, and the code page offers a backup code
    for _ in range(8):
        log_in(browser, outbox, "wjansen", PASSWORD, PHONE)
        browser.post("/api/auth/logout")
    before = sms_count(outbox)
    ninth = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert sms_count(outbox) == before and ninth.body["sms_sent"] is False
