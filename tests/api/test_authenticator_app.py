"""Authenticator app (TOTP): set up with a QR code, log in with its code, no replay, remove after re-auth."""
from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pyotp
import pytest

from chalicelib import store
from tests.support.accounts import PASSWORD

PHONE = "+31612345678"
pytestmark = pytest.mark.usefixtures("totp_key")


def oathtool(secret: str, at: int) -> str:
    """The code of an independent generator (Debian's oathtool) at time `at`."""
    if shutil.which("oathtool") is None:
        pytest.fail("oathtool is missing: apt-get install oathtool", pytrace=False)
    when = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return subprocess.run(["oathtool", "--totp", "-b", secret, "--now", when], check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def app_secret(werkgever_browser, clock):
    """The werkgever sets up an app (right after login, so no re-authentication is asked)."""
    setup = werkgever_browser.post("/api/account/app")
    assert setup.status == 200, setup.body
    secret = setup.body["secret"]
    confirm = werkgever_browser.post("/api/account/app/confirm", {"code": oathtool(secret, clock.now)})
    assert confirm.status == 200, confirm.body
    werkgever_browser.post("/api/auth/logout")
    clock.advance(30)
    return secret


def test_setup_shows_a_server_made_qr_svg_and_the_key_as_text(werkgever_browser):
    answer = werkgever_browser.post("/api/account/app")

    assert answer.status == 200
    assert answer.body["qr_svg"].startswith("<svg") and "<script" not in answer.body["qr_svg"]
    assert answer.body["otpauth_uri"].startswith("otpauth://totp/Verzuimportaal:wjansen?secret=")
    assert answer.body["secret"] in answer.body["otpauth_uri"]


def test_app_is_not_active_before_a_valid_code(werkgever_browser, werkgever, new_browser, outbox):
    werkgever_browser.post("/api/account/app")

    wrong = werkgever_browser.post("/api/account/app/confirm", {"code": "123456"})

    assert wrong.status == 422 and wrong.body["field"] == "code"
    started = new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert started.body["method"] == "sms"


def test_secret_is_stored_encrypted_with_kms(app_secret, werkgever):
    stored = store.users.get(werkgever.user_id).totp_secret

    assert stored and app_secret not in stored and pyotp.TOTP(app_secret).secret not in stored


def test_oathtool_code_logs_in_and_no_sms_is_sent(app_secret, new_browser, outbox, clock):
    browser = new_browser()
    sms_before = len(outbox.sms(PHONE))

    started = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    answer = browser.post("/api/auth/code", {"code": oathtool(app_secret, clock.now)})

    assert started.body["method"] == "totp" and answer.status == 200
    assert len(outbox.sms(PHONE)) == sms_before
    assert browser.get("/api/auth/me").body["second_factor"] == "totp"


def test_previous_and_next_step_are_accepted_but_not_two_steps_off(app_secret, new_browser, clock):
    for offset, expected in ((-30, 200), (30, 200), (-60, 401)):
        clock.advance(120)
        browser = new_browser()
        browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
        assert browser.post("/api/auth/code", {"code": oathtool(app_secret, clock.now + offset)}).status == expected


def test_a_time_step_once_used_is_refused(app_secret, new_browser, clock):
    code = oathtool(app_secret, clock.now)
    first, second = new_browser(), new_browser()
    first.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    second.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert first.post("/api/auth/code", {"code": code}).status == 200

    replay = second.post("/api/auth/code", {"code": code})

    assert replay.status == 401 and replay.error == "code_used"


def test_inloggen_mislukt_still_offers_sms_with_an_app(app_secret, new_browser, outbox, clock):
    browser = new_browser()
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    assert browser.post("/api/auth/code/resend").status == 200
    assert browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}).status == 200


def test_removing_the_app_needs_reauthentication_with_the_app(app_secret, new_browser, outbox, clock):
    browser = new_browser()
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    browser.post("/api/auth/code", {"code": oathtool(app_secret, clock.now)})
    clock.advance(6 * 60)
    assert browser.request("DELETE", "/api/account/app").error == "reauthentication_required"

    started = browser.post("/api/account/reauth", {"password": PASSWORD})
    assert started.body["method"] == "totp"
    assert browser.post("/api/account/reauth/confirm", {"code": oathtool(app_secret, clock.now)}).status == 200
    removed = browser.request("DELETE", "/api/account/app")

    assert removed.status == 200
    assert "verwijderd" in outbox.emails("wim@jansen.nl")[-1].body
    assert new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).body["method"] == "sms"


def test_adding_the_app_is_told_by_email(app_secret, outbox):
    assert "authenticatie-app" in outbox.emails("wim@jansen.nl")[-1].body
