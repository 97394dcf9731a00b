"""Lockout that holds against an attacker (domain/lockout.py, docs/security.md):

- password guesses from browsers the account does not know are counted per username: five, then a wait that
  doubles, and none at all after fifty (NIST SP 800-63B-4 allows at most 100);
- the owner's own browser (its vp_device cookie) is counted apart, so a stranger cannot lock her out of it;
- second-factor failures after the right password block the account for the secretariat, by email;
- once blocked, a password is no longer checked from an unknown browser: the right one gets the wrong one's answer;
- every answer on the way looks the same for an unknown username.
"""
from __future__ import annotations

import pytest

from chalicelib import store
from chalicelib.domain.lockout import GuessPolicy
from tests.support.accounts import PASSWORD, block_with_wrong_codes, log_in

PHONE = "+31612345678"
BLOCKED = ("Uw account is geblokkeerd. Neem contact op met het secretariaat: 0413-244211 of "
           "secretariaat@deverzuimmakelaar.nl.")
POLICY = GuessPolicy()


def guess(browser, password="fout-wachtwoord-123", username="wjansen"):
    return browser.post("/api/auth/login", {"username": username, "password": password})


@pytest.fixture
def owners_browser(werkgever, new_browser, outbox):
    """The owner's own browser: she signed in there once (it has her vp_device cookie), then logged out."""
    browser = new_browser()
    log_in(browser, outbox, "wjansen", PASSWORD, PHONE)
    browser.post("/api/auth/logout")
    assert "vp_device" in browser.cookies
    return browser


def test_five_wrong_passwords_from_a_stranger_mean_a_wait_not_a_block(new_browser, werkgever, owners_browser):
    stranger = new_browser()
    answers = [guess(stranger) for _ in range(6)]

    assert [a.status for a in answers] == [401] * 5 + [429]
    assert answers[5].error == "too_many_attempts" and "Wachtwoord vergeten" in answers[5].body["message"]
    assert guess(stranger, PASSWORD).status == 429, "the right password is not even checked during the wait"
    assert store.users.get(werkgever.user_id).failed_count == 0, "the account itself is not blocked"
    assert guess(owners_browser, PASSWORD).status == 200, "the owner's own browser signs in"


def test_the_wait_doubles_and_guessing_stops_for_good_at_fifty(new_browser, werkgever, clock):
    stranger = new_browser()
    checked, waits = 0, []
    for _ in range(40):  # rounds of five guesses, each after the last wait has passed
        for _ in range(POLICY.free):
            if guess(stranger).status == 401:
                checked += 1
        refused = guess(stranger)
        assert refused.status == 429
        wait = POLICY.wait_after(checked)
        if wait is None:
            break
        waits.append(wait)
        clock.advance(wait)
    print(f"\nguesses checked from unknown browsers before they stop: {checked}; waits (min): "
          f"{[w // 60 for w in waits]}")
    assert checked == POLICY.permanent_after == 50 < 100
    assert waits[:4] == [15 * 60, 30 * 60, 60 * 60, 120 * 60] and max(waits) == 24 * 3600
    clock.advance(30 * 24 * 3600)
    assert guess(stranger, PASSWORD).status == 429, "not even a month later"


def test_a_stranger_failing_100_times_never_locks_the_owners_own_browser_out(new_browser, werkgever, owners_browser,
                                                                            outbox, clock):
    stranger = new_browser()
    for attempt in range(100):
        assert guess(stranger).status in (401, 429)
        if attempt % 20 == 19:  # every so often the owner signs in from her own browser
            log_in(owners_browser, outbox, "wjansen", PASSWORD, PHONE)
            owners_browser.post("/api/auth/logout")
        clock.advance(3600)
    # The stranger was refused throughout and is refused still; she signs in as ever
    assert guess(stranger, "nog-steeds-fout").status in (401, 429)
    log_in(owners_browser, outbox, "wjansen", PASSWORD, PHONE)


def test_an_unknown_username_gets_the_same_answers_in_the_same_order(new_browser, werkgever, clock):
    known, unknown = new_browser(), new_browser()
    for _ in range(12):
        a, b = guess(known), guess(unknown, username="jdevries")
        assert (a.status, a.body) == (b.status, b.body)
        clock.advance(60)


def test_after_a_block_the_right_password_gets_the_wrong_ones_answer_from_unknown_browsers(
        deps, new_browser, werkgever, monkeypatch, clock):
    # Given someone with the password blocked the account by failing the second factor
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)
    checked = []
    verify = deps.passwords.verify
    monkeypatch.setattr(deps.passwords, "verify",
                        lambda stored, password: checked.append(stored == werkgever.password_hash)
                        or verify(stored, password))
    # When a guesser tries 200 more passwords from browsers the account does not know, and then the right one
    answers = []
    for n in range(200):
        answers.append(guess(new_browser(), f"geraden-wachtwoord-{n}"))
        clock.advance(25 * 3600)  # every wait has passed
    right = guess(new_browser(), PASSWORD)
    # Then the right password's answer is one the wrong ones got too, and the account's hash was never checked
    assert any((right.status, right.body) == (a.status, a.body) for a in answers)
    assert right.error in ("invalid_credentials", "too_many_attempts")
    assert not any(checked), "no guess after the block was checked against the account's password"


def test_the_owner_learns_of_the_block_on_her_own_browser_and_by_email(new_browser, werkgever, owners_browser,
                                                                       outbox):
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)

    answer = guess(owners_browser, PASSWORD)

    assert answer.status == 423 and answer.body == {"error": "account_blocked", "message": BLOCKED}
    notice = outbox.emails("wim@jansen.nl")[-1]
    assert "geblokkeerd" in notice.body and "nieuw wachtwoord" in notice.body and "0413-244211" in notice.body


def test_second_factor_failures_block_and_the_secretariat_unlocks(browser, secretariat_browser, outbox, werkgever,
                                                                 owners_browser):
    block_with_wrong_codes(browser, "wjansen", PASSWORD)
    assert secretariat_browser.get(f"/api/admin/users/{werkgever.user_id}").body["status"] == "blocked"

    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/unlock")

    assert answer.status == 200 and answer.body["status"] == "active"
    assert outbox.emails("wim@jansen.nl")[-1].subject == "Uw account is gedeblokkeerd"
    log_in(owners_browser, outbox, "wjansen", PASSWORD, PHONE)


def test_the_secretariats_unlock_also_lets_unknown_browsers_try_again(new_browser, secretariat_browser, werkgever,
                                                                      outbox):
    stranger = new_browser()
    for _ in range(6):
        guess(stranger)
    assert guess(stranger, PASSWORD).status == 429
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/unlock")
    assert guess(new_browser(), PASSWORD).status == 200


def test_a_known_browser_that_fails_five_times_counts_as_unknown_again(owners_browser, werkgever):
    answers = [guess(owners_browser) for _ in range(5 + 5 + 1)]
    # five on the browser's own count, then five on the username's, then the wait
    assert [a.status for a in answers] == [401] * 10 + [429]


def test_a_login_from_a_browser_the_account_does_not_know_is_told_by_email(new_browser, werkgever, outbox):
    # Given the werkgever signs in on a new laptop
    laptop = new_browser()
    before = len(outbox.emails("wim@jansen.nl"))
    log_in(laptop, outbox, "wjansen", PASSWORD, PHONE)
    # Then she gets "Nieuwe aanmelding op uw account" with the time and the browser, and what to do if not her
    notices = outbox.emails("wim@jansen.nl")[before:]
    assert [m.subject for m in notices] == ["Nieuwe aanmelding op uw account"]
    assert "Nederlandse tijd" in notices[0].body and "browser:" in notices[0].body
    assert "Wachtwoord vergeten" in notices[0].body
    # And signing in again on that laptop sends nothing new
    laptop.post("/api/auth/logout")
    log_in(laptop, outbox, "wjansen", PASSWORD, PHONE)
    assert len(outbox.emails("wim@jansen.nl")) == before + 1


def test_the_device_cookie_is_secure_http_only_strict_and_only_for_sign_in(new_browser, werkgever, outbox):
    browser = new_browser()
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    done = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)})
    cookie = next(line for line in done.headers["Set-Cookie"] if line.startswith("vp_device="))
    parts = {part.strip() for part in cookie.split(";")}
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/api/auth"} <= parts
    stored = store.users.find_by_username("wjansen").devices
    assert browser.cookies["vp_device"] not in str(stored), "only its hash is stored"


def test_blocked_user_cannot_finish_a_login_started_before_the_block(new_browser, outbox, werkgever):
    early = new_browser()
    early.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    code = outbox.last_code(PHONE)
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)

    assert early.post("/api/auth/code", {"code": code}).status == 423
