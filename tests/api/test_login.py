"""Login with password and SMS code: sessions, cookies, expiry, logout."""
from __future__ import annotations

from tests.support.accounts import PASSWORD, log_in

PHONE = "+31612345678"


def test_right_password_sends_a_lowercase_code_to_the_verified_number(browser, outbox, werkgever):
    answer = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    assert answer.status == 200
    assert answer.body == {"next": "code", "method": "sms", "phone_hint": "**********78"}
    code = outbox.last_code(PHONE)
    assert len(code) == 6 and code == code.lower() and code.isalnum()
    assert "vp_session" not in browser.cookies and "vp_login" in browser.cookies


def test_right_code_opens_a_session_with_strict_cookies(browser, outbox, werkgever):
    browser.post("/api/auth/login", {"username": "WJansen", "password": PASSWORD})

    answer = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)})

    assert answer.status == 200
    assert answer.body["user"]["name"] == "Wim Jansen"
    session_cookie = next(c for c in answer.headers["Set-Cookie"] if c.startswith("vp_session="))
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict"):
        assert attribute in session_cookie
    csrf_cookie = next(c for c in answer.headers["Set-Cookie"] if c.startswith("vp_csrf="))
    assert "HttpOnly" not in csrf_cookie
    me = browser.get("/api/auth/me")
    assert me.status == 200
    assert me.body["employer"]["name"] == "Bakkerij Jansen BV"
    assert me.body["contact"] == {"phone": "0413-244211", "email": "secretariaat@deverzuimmakelaar.nl"}


def test_code_typed_with_capitals_and_spaces_is_accepted(browser, outbox, werkgever):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    code = outbox.last_code(PHONE)

    answer = browser.post("/api/auth/code", {"code": f" {code[:3].upper()} {code[3:]} "})

    assert answer.status == 200


def test_wrong_password_and_unknown_user_get_the_same_answer(browser, werkgever):
    wrong = browser.post("/api/auth/login", {"username": "wjansen", "password": "niet-het-wachtwoord"})
    unknown = browser.post("/api/auth/login", {"username": "niemand", "password": "niet-het-wachtwoord"})

    assert wrong.status == unknown.status == 401
    assert wrong.body == unknown.body
    assert wrong.error == "invalid_credentials"
    assert wrong.body["message"].startswith("Gebruikersnaam of wachtwoord onjuist.")
    assert "0413-244211" in wrong.body["message"]  # whom to call when the account turns out to be blocked


def test_code_is_bound_to_its_own_login_attempt(new_browser, outbox, werkgever):
    first, second = new_browser(), new_browser()
    first.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    code_of_first = outbox.last_code(PHONE)
    second.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    answer = second.post("/api/auth/code", {"code": code_of_first})

    assert answer.status == 401 and answer.error == "invalid_code"


def test_code_works_once(browser, new_browser, outbox, werkgever):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    attempt_cookie, code = browser.cookies["vp_login"], outbox.last_code(PHONE)
    assert browser.post("/api/auth/code", {"code": code}).status == 200
    replay = new_browser()
    replay.cookies["vp_login"] = attempt_cookie

    answer = replay.post("/api/auth/code", {"code": code})

    assert answer.status == 410 and answer.error == "login_expired"
    assert "vp_session" not in replay.cookies


def test_code_expires_after_five_minutes(browser, outbox, werkgever, clock):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    clock.advance(5 * 60)

    answer = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)})

    assert answer.status == 410 and answer.error == "code_expired"


def test_code_step_without_a_login_attempt_is_refused(browser, werkgever):
    answer = browser.post("/api/auth/code", {"code": "abc123"})

    assert answer.status == 410 and answer.error == "login_expired"


def test_session_ends_after_thirty_idle_minutes(werkgever_browser, clock):
    clock.advance(29 * 60)
    assert werkgever_browser.get("/api/auth/me").status == 200
    clock.advance(29 * 60)
    assert werkgever_browser.get("/api/auth/me").status == 200

    clock.advance(30 * 60)
    answer = werkgever_browser.get("/api/auth/me")

    assert answer.status == 401 and answer.error == "session_expired"
    assert "verlopen" in answer.body["message"]


def test_session_ends_after_twelve_hours_even_when_active(werkgever_browser, clock):
    for _ in range(12 * 4 - 1):
        clock.advance(15 * 60)
        assert werkgever_browser.get("/api/auth/me").status == 200

    clock.advance(15 * 60)

    assert werkgever_browser.get("/api/auth/me").error == "session_expired"


def test_logout_revokes_the_session_on_the_server(werkgever_browser, new_browser):
    stolen = new_browser()
    stolen.cookies.update(werkgever_browser.cookies)

    assert werkgever_browser.post("/api/auth/logout").status == 200

    assert "vp_session" not in werkgever_browser.cookies
    assert stolen.get("/api/auth/me").status == 401


def test_state_changing_request_without_csrf_header_is_refused(browser, werkgever):
    answer = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}, csrf=False)

    assert answer.status == 403 and answer.error == "csrf_failed"


def test_session_request_with_a_foreign_csrf_token_is_refused(werkgever_browser):
    answer = werkgever_browser.post("/api/auth/logout", headers={"X-CSRF-Token": "van-een-andere-site"})

    assert answer.status == 403 and answer.error == "csrf_failed"
    assert werkgever_browser.get("/api/auth/me").status == 200


def test_me_without_session_is_401(browser):
    answer = browser.get("/api/auth/me")

    assert answer.status == 401 and answer.error == "not_authenticated"


def test_password_is_stored_as_argon2id_with_owasp_parameters(werkgever):
    from chalicelib import store

    stored = store.users.get(werkgever.user_id).password_hash

    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PASSWORD not in stored


def test_session_token_is_stored_only_as_a_hash(werkgever_browser):
    from chalicelib.store.models import Session

    token = werkgever_browser.cookies["vp_session"]
    stored = [s.token_hash for s in Session.scan()]

    assert token not in stored and len(stored) == 1


def test_login_again_after_logout(werkgever_browser, outbox):
    werkgever_browser.post("/api/auth/logout")

    log_in(werkgever_browser, outbox, "wjansen", PASSWORD, PHONE)

    assert werkgever_browser.get("/api/auth/me").status == 200
