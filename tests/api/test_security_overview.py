"""Mobiel nummer wijzigen, the security overview with "Afmelden", and the security emails."""
from __future__ import annotations

from chalicelib import store
from tests.support.accounts import PASSWORD, block_with_wrong_codes, log_in

PHONE = "+31612345678"
NEW_PHONE = "+31687650000"
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def test_phone_change_needs_reauthentication_and_a_code_on_the_new_number(werkgever_browser, werkgever, outbox,
                                                                          clock):
    clock.advance(6 * 60)
    assert werkgever_browser.post("/api/account/phone", {"phone": "06 87650000"}).error == "reauthentication_required"
    werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    werkgever_browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})

    started = werkgever_browser.post("/api/account/phone", {"phone": "06 87650000"})

    assert started.status == 200 and outbox.sms(NEW_PHONE)
    assert store.users.get(werkgever.user_id).phone == PHONE
    clock.advance(1)
    wrong = werkgever_browser.post("/api/account/phone/confirm", {"code": "zzzzzz"})
    assert wrong.status == 401 and store.users.get(werkgever.user_id).phone == PHONE
    code = next(m for m in reversed(outbox.sms(NEW_PHONE)))[1].split(" is ")[1][:6]
    clock.advance(1)
    done = werkgever_browser.post("/api/account/phone/confirm", {"code": code})
    assert done.status == 200 and store.users.get(werkgever.user_id).phone == NEW_PHONE
    assert "eindigt op 00" in outbox.emails("wim@jansen.nl")[-1].body
    overview = werkgever_browser.get("/api/account/security").body
    assert [(e["method"], e["success"]) for e in overview["security_actions"]] == [
        ("phone_change", True), ("phone_change", False), ("reauth", True)]


def test_a_number_change_and_a_reauthentication_are_not_listed_as_sign_ins(werkgever_browser, outbox, clock):
    # Given Wim, signed in once, confirms it is him again and changes his mobile number
    werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    werkgever_browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})
    werkgever_browser.post("/api/account/phone", {"phone": NEW_PHONE})
    clock.advance(1)
    werkgever_browser.post("/api/account/phone/confirm", {"code": outbox.sms(NEW_PHONE)[-1][1].split(" is ")[1][:6]})

    # When he opens Beveiliging
    overview = werkgever_browser.get("/api/account/security").body

    # Then his one login is the only sign-in; the re-authentication and the number change are security actions
    assert [(e["method"], e["success"]) for e in overview["sign_ins"]] == [("sms", True)]
    assert [e["method"] for e in overview["security_actions"]] == ["phone_change", "reauth"]


def test_sign_ins_and_sessions_name_the_browser_and_system(browser, werkgever, outbox, clock):
    # Given Wim mistypes his password in Firefox on Windows, then signs in there with the SMS code
    firefox = {"User-Agent": FIREFOX_ON_WINDOWS}
    browser.post("/api/auth/login", {"username": "wjansen", "password": "fout-wachtwoord-123"}, headers=firefox)
    clock.advance(10)
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}, headers=firefox)
    browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}, headers=firefox)

    # When he opens Beveiliging
    overview = browser.get("/api/account/security", headers=firefox).body

    # Then each attempt and his session say "Firefox 133 op Windows 10", and nothing of the raw User-Agent is kept
    assert [e["browser"] for e in overview["sign_ins"]] == ["Firefox 133 op Windows 10"] * 2
    assert [s["browser"] for s in overview["sessions"]] == ["Firefox 133 op Windows 10"]
    assert "Gecko" not in str(store.sessions.for_user(werkgever.user_id))


def test_a_browser_nobody_recognises_is_not_named(browser, werkgever, outbox):
    # Given Wim signs in from a program that sends no User-Agent
    log_in(browser, outbox, "wjansen", PASSWORD, PHONE)

    # When he opens Beveiliging
    overview = browser.get("/api/account/security").body

    # Then no browser is named (the page says "onbekende browser")
    assert overview["sign_ins"][0]["browser"] is None and overview["sessions"][0]["browser"] is None


def test_phone_change_ends_all_other_sessions(werkgever_browser, new_browser, outbox):
    other = new_browser()
    log_in(other, outbox, "wjansen", PASSWORD, PHONE)
    werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    werkgever_browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})
    werkgever_browser.post("/api/account/phone", {"phone": NEW_PHONE})
    code = outbox.sms(NEW_PHONE)[-1][1].split(" is ")[1][:6]

    done = werkgever_browser.post("/api/account/phone/confirm", {"code": code})

    assert done.body["sessions_ended"] == 1
    assert other.get("/api/auth/me").status == 401 and werkgever_browser.get("/api/auth/me").status == 200
    log_in(new_browser(), outbox, "wjansen", PASSWORD, NEW_PHONE)


def test_overview_lists_recent_sign_ins_newest_first(browser, werkgever, outbox, clock):
    browser.post("/api/auth/login", {"username": "wjansen", "password": "fout-wachtwoord-123"})
    clock.advance(10)
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    browser.post("/api/auth/code", {"code": "000000"})
    clock.advance(10)
    browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)})

    sign_ins = browser.get("/api/account/security").body["sign_ins"]

    assert [(e["method"], e["success"]) for e in sign_ins] == [("sms", True), ("sms", False), ("password", False)]
    assert sign_ins[0]["at"] == clock.now


def test_overview_lists_active_sessions_and_afmelden_ends_one(werkgever_browser, new_browser, outbox):
    other = new_browser()
    log_in(other, outbox, "wjansen", PASSWORD, PHONE)

    sessions = werkgever_browser.get("/api/account/security").body["sessions"]
    assert len(sessions) == 2 and sum(s["current"] for s in sessions) == 1
    other_id = next(s["session_id"] for s in sessions if not s["current"])

    assert werkgever_browser.request("DELETE", f"/api/account/sessions/{other_id}").status == 200

    assert other.get("/api/auth/me").status == 401
    assert len(werkgever_browser.get("/api/account/security").body["sessions"]) == 1


def test_another_users_session_cannot_be_ended(werkgever_browser, secretariat_browser):
    theirs = secretariat_browser.get("/api/account/security").body["sessions"][0]["session_id"]

    answer = werkgever_browser.request("DELETE", f"/api/account/sessions/{theirs}")

    assert answer.status == 404
    assert secretariat_browser.get("/api/auth/me").status == 200


def test_blocking_is_told_by_email(browser, werkgever, outbox):
    block_with_wrong_codes(browser, "wjansen", PASSWORD)

    notice = outbox.emails("wim@jansen.nl")[-1]
    assert "geblokkeerd" in notice.body and "0413-244211" in notice.body
    assert len([m for m in outbox.emails("wim@jansen.nl") if "geblokkeerd" in m.body]) == 1


def test_unknown_username_leaves_no_sign_in_record(browser, werkgever):
    from chalicelib.store.models import SignIn

    browser.post("/api/auth/login", {"username": "niemand", "password": "fout-wachtwoord-123"})

    assert sum(1 for _ in SignIn.scan()) == 0
