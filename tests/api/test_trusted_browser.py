""""Deze browser 30 dagen vertrouwen": after a completed second factor, that browser asks only the password for 30
days — until the trust is revoked in Beveiliging, or ended by a password reset, any change of second factor, a
block or a deactivation."""
from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pyotp
import pytest

from chalicelib import store
from chalicelib.settings import get_settings
from tests.support.accounts import PASSWORD, block_with_wrong_codes, log_in
from tests.support.passkeys import Passkeys, SoftwareAuthenticator

PHONE = "+31612345678"
NEW_PASSWORD = "een geheel nieuwe zin van mij"
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _login(browser, password=PASSWORD):
    return browser.post("/api/auth/login", {"username": "wjansen", "password": password})


def _trusted_cookie(answer) -> SimpleCookie:
    line = next(c for c in answer.headers["Set-Cookie"] if c.startswith("vp_trust="))
    jar = SimpleCookie()
    jar.load(line)
    return jar


@pytest.fixture
def trusted(new_browser, werkgever, outbox, clock):
    """Wim signs in with his SMS code and ticks "Deze browser 30 dagen vertrouwen", then logs out."""
    browser = new_browser()
    assert _login(browser).body["method"] == "sms"
    done = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE), "trust_browser": True})
    assert done.status == 200, done.body
    browser.post("/api/auth/logout")
    clock.advance(60)
    return browser


def _asks_second_factor(browser) -> bool:
    answer = _login(browser)
    assert answer.status == 200, answer.body
    return answer.body["next"] == "code"


def test_the_trust_cookie_is_httponly_secure_strict_and_for_30_days(new_browser, werkgever, outbox):
    browser = new_browser()
    _login(browser)

    done = browser.post("/api/auth/code", {"code": outbox.last_code(PHONE), "trust_browser": True})

    morsel = _trusted_cookie(done)["vp_trust"]
    assert morsel["httponly"] and morsel["secure"] and morsel["samesite"] == "Strict"
    assert morsel["path"] == "/api/auth" and morsel["max-age"] == str(30 * 24 * 3600)
    assert store.trusted_browsers.get(morsel.value) is None  # stored only by its hash


def test_a_trusted_browser_asks_only_the_password(trusted, outbox):
    sms_before = len(outbox.sms(PHONE))

    answer = _login(trusted)

    assert answer.status == 200 and answer.body["next"] == "signed_in"
    assert answer.body["user"]["name"] == "Wim Jansen"
    assert len(outbox.sms(PHONE)) == sms_before
    assert trusted.get("/api/auth/me").status == 200
    assert trusted.get("/api/account/security").body["sign_ins"][0]["method"] == "trusted_browser"


def test_a_wrong_password_in_a_trusted_browser_is_still_wrong(trusted):
    answer = _login(trusted, "niet-het-wachtwoord")

    assert answer.status == 401 and answer.error == "invalid_credentials"
    assert trusted.get("/api/auth/me").status == 401


def test_without_ticking_it_or_in_another_browser_the_code_is_asked(new_browser, werkgever, outbox, trusted):
    untrusting = new_browser()
    log_in(untrusting, outbox, "wjansen", PASSWORD, PHONE)
    untrusting.post("/api/auth/logout")

    assert "vp_trust" not in untrusting.cookies
    assert _asks_second_factor(untrusting)
    assert _asks_second_factor(new_browser())


def test_the_trust_ends_after_30_days(trusted, clock):
    clock.advance(30 * 24 * 3600)

    assert _asks_second_factor(trusted)


def test_a_backup_code_a_passkey_and_the_app_can_trust_the_browser_too(werkgever_browser, new_browser, clock, totp_key):
    codes = werkgever_browser.post("/api/account/backup-codes").body["backup_codes"]
    with_backup = new_browser()
    _login(with_backup)
    assert with_backup.post("/api/auth/backup-code", {"code": codes[0], "trust_browser": True}).status == 200

    secret = werkgever_browser.post("/api/account/app").body["secret"]
    werkgever_browser.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(clock.now)})
    clock.advance(30)
    with_app = new_browser()
    _login(with_app)
    app_code = pyotp.TOTP(secret).at(clock.now)
    assert with_app.post("/api/auth/code", {"code": app_code, "trust_browser": True}).status == 200

    settings = get_settings()
    keys = Passkeys(werkgever_browser, SoftwareAuthenticator(settings.webauthn_origin, settings.webauthn_rp_id))
    keys.add()
    with_passkey = new_browser()
    assert Passkeys(with_passkey, keys.authenticator).second_factor(_login(with_passkey).body["passkey"],
                                                                    trust_browser=True).status == 200

    # The passkey added ended the trusts made before it; the one it made itself stands
    assert _asks_second_factor(with_backup) and _asks_second_factor(with_app)
    assert not _asks_second_factor(with_passkey)


def test_beveiliging_lists_the_trusted_browser_and_vertrouwen_intrekken_ends_it(new_browser, werkgever_browser,
                                                                               outbox, clock):
    # Given Wim trusts his Firefox on Windows
    firefox = {"User-Agent": FIREFOX_ON_WINDOWS}
    browser = new_browser()
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}, headers=firefox)
    browser.post("/api/auth/code", {"code": outbox.last_code(PHONE), "trust_browser": True}, headers=firefox)
    browser.post("/api/auth/logout")
    # When he opens Beveiliging in another browser
    listed = werkgever_browser.get("/api/account/security").body["trusted_browsers"]
    # Then that browser is listed by name, trusted for 30 days
    assert [t["browser"] for t in listed] == ["Firefox 133 op Windows 10"]
    assert listed[0]["expires_at"] == clock.now + 30 * 24 * 3600
    # And "Vertrouwen intrekken" ends it: the next login there asks the code again
    revoked = werkgever_browser.delete(f"/api/account/trusted-browsers/{listed[0]['trusted_browser_id']}")
    assert revoked.status == 200
    assert werkgever_browser.get("/api/account/security").body["trusted_browsers"] == []
    assert _asks_second_factor(browser)


def test_a_trust_ended_by_a_change_is_no_longer_listed(trusted, werkgever_browser):
    assert len(werkgever_browser.get("/api/account/security").body["trusted_browsers"]) == 1

    werkgever_browser.post("/api/account/backup-codes")

    assert werkgever_browser.get("/api/account/security").body["trusted_browsers"] == []


def test_another_users_trusted_browser_cannot_be_revoked(trusted, werkgever_browser, other_employer_browser):
    wims = werkgever_browser.get("/api/account/security").body["trusted_browsers"][0]["trusted_browser_id"]

    answer = other_employer_browser.delete(f"/api/account/trusted-browsers/{wims}")

    assert answer.status == 404 and answer.error == "trusted_browser_unknown"
    assert not _asks_second_factor(trusted)


# Every event that ends all trust: (what happens, done through the portal as a user or the secretariat would)


def _password_reset(ctx):
    ctx.browser().post("/api/auth/forgot-password", {"identifier": "wjansen"})
    token = re.search(r"#([A-Za-z0-9_\-]+)", ctx.outbox.emails("wim@jansen.nl")[-1].body).group(1)
    assert ctx.browser().post(f"/api/password-resets/{token}", {"password": NEW_PASSWORD}).status == 200
    return NEW_PASSWORD


def _app_added(ctx):
    me = ctx.signed_in()
    secret = me.post("/api/account/app").body["secret"]
    assert me.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(ctx.clock.now)}).status == 200
    ctx.clock.advance(30)


def _app_removed(ctx):
    me = ctx.signed_in()
    secret = me.post("/api/account/app").body["secret"]
    me.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(ctx.clock.now)})
    ctx.clock.advance(30)
    trusted = ctx.trusted_again(app_secret=secret)  # adding the app ended the trust: trust anew, then remove it
    assert trusted.delete("/api/account/app").status == 200


def _phone_changed(ctx):
    me = ctx.signed_in()
    assert me.post("/api/account/phone", {"phone": "06 87650000"}).status == 200
    code = ctx.outbox.sms("+31687650000")[-1][1].split(" is ")[1][:6]
    assert me.post("/api/account/phone/confirm", {"code": code}).status == 200


def _phone_reset_by_the_secretariat(ctx):
    assert ctx.secretariat().post(f"/api/admin/users/{ctx.user_id}/phone", {"phone": "0687650000"}).status == 200


def _passkey_added(ctx):
    assert ctx.passkeys(ctx.signed_in()).add().status == 201


def _passkey_removed(ctx):
    keys = ctx.passkeys(ctx.signed_in())
    keys.add()
    me = ctx.trusted_again()
    passkey_id = me.get("/api/account/passkeys").body["passkeys"][0]["passkey_id"]
    assert me.delete(f"/api/account/passkeys/{passkey_id}").status == 200


def _backup_codes_renewed(ctx):
    assert ctx.signed_in().post("/api/account/backup-codes").status == 200


def _blocked_and_unlocked(ctx):
    block_with_wrong_codes(ctx.browser(), "wjansen", PASSWORD)
    assert ctx.secretariat().post(f"/api/admin/users/{ctx.user_id}/unlock").status == 200


def _deactivated_and_reactivated(ctx):
    desk = ctx.secretariat()
    assert desk.post(f"/api/admin/users/{ctx.user_id}/deactivate").status == 200
    assert desk.post(f"/api/admin/users/{ctx.user_id}/reactivate").status == 200


class _Context:
    """What an event needs: fresh browsers, Wim signed in elsewhere, the secretariat, the outbox and the clock."""

    def __init__(self, new_browser, outbox, clock, werkgever, secretariat, trusted):
        self.browser, self.outbox, self.clock, self.user_id = new_browser, outbox, clock, werkgever.user_id
        self._secretariat, self._trusted = secretariat, trusted
        settings = get_settings()
        self.authenticator = SoftwareAuthenticator(settings.webauthn_origin, settings.webauthn_rp_id)

    def signed_in(self):
        """Wim in another browser, just signed in (so no re-authentication is asked)."""
        me = self.browser()
        started = _login(me)
        if started.body["method"] == "passkey":
            assert self.passkeys(me).second_factor(started.body["passkey"]).status == 200
        else:
            assert me.post("/api/auth/code", {"code": self.outbox.last_code(PHONE)}).status == 200
        return me

    def passkeys(self, browser):
        return Passkeys(browser, self.authenticator)

    def trusted_again(self, app_secret=None):
        """Trust the trusted browser anew (an event before ended it), by passkey, app or SMS; signed in there."""
        started = _login(self._trusted)
        if started.body["method"] == "totp":
            done = self._trusted.post("/api/auth/code", {"code": pyotp.TOTP(app_secret).at(self.clock.now),
                                                         "trust_browser": True})
        elif started.body["method"] == "passkey":
            done = Passkeys(self._trusted, self.authenticator).second_factor(started.body["passkey"],
                                                                             trust_browser=True)
        else:
            done = self._trusted.post("/api/auth/code", {"code": self.outbox.last_code(PHONE),
                                                         "trust_browser": True})
        assert done.status == 200, done.body
        self.clock.advance(1)
        return self._trusted

    def secretariat(self):
        desk = self.browser()
        from tests.support.accounts import SECRETARIAT_PASSWORD

        log_in(desk, self.outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")
        return desk


@pytest.mark.usefixtures("totp_key")
@pytest.mark.parametrize("event", [_password_reset, _app_added, _app_removed, _phone_changed,
                                   _phone_reset_by_the_secretariat, _passkey_added, _passkey_removed,
                                   _backup_codes_renewed, _blocked_and_unlocked, _deactivated_and_reactivated],
                         ids=lambda event: event.__name__.strip("_"))
def test_every_trust_ending_event_ends_the_trust(trusted, new_browser, outbox, clock, werkgever, secretariat, event):
    # Given Wim's browser is trusted
    context = _Context(new_browser, outbox, clock, werkgever, secretariat, trusted)
    # When this happens
    password = event(context) or PASSWORD
    clock.advance(1)
    trusted.post("/api/auth/logout")
    # Then that browser asks the second factor again with the (right) password, and Beveiliging lists no trust
    answer = _login(trusted, password)
    assert answer.status == 200 and answer.body["next"] == "code", answer.body
