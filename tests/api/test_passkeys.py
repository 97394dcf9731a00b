"""Passkeys: added under Instellingen after re-authentication, offered first at login with "Inloggen mislukt" still
there, "Inloggen met passkey" without a password, removed after re-authentication — and refused whenever the
answer is replayed, from another site, for another RP ID, from a clone, too late, or another user's."""
from __future__ import annotations

import pyotp
import pytest

from chalicelib import store
from chalicelib.settings import get_settings
from tests.support.accounts import PASSWORD, log_in
from tests.support.passkeys import Passkeys, SoftwareAuthenticator, b64url

PHONE = "+31612345678"
PHISHING = "https://portaal-verzuim.test"


@pytest.fixture
def authenticator() -> SoftwareAuthenticator:
    settings = get_settings()
    return SoftwareAuthenticator(origin=settings.webauthn_origin, rp_id=settings.webauthn_rp_id)


@pytest.fixture
def wims_passkey(werkgever_browser, authenticator, clock) -> Passkeys:
    """Wim adds a passkey right after logging in (so no re-authentication is asked), then logs out."""
    added = Passkeys(werkgever_browser, authenticator).add("Laptop werk")
    assert added.status == 201, added.body
    werkgever_browser.post("/api/auth/logout")
    clock.advance(10)
    return Passkeys(werkgever_browser, authenticator)


def _password_step(browser, username="wjansen", password=PASSWORD):
    started = browser.post("/api/auth/login", {"username": username, "password": password})
    assert started.status == 200, started.body
    return started.body


# Adding, listing, removing


def test_a_passkey_is_added_with_its_name_listed_and_told_by_email(werkgever_browser, authenticator, outbox, clock):
    # Given Wim, just signed in
    # When he adds a passkey named "Laptop werk"
    added = Passkeys(werkgever_browser, authenticator).add("  Laptop   werk ")
    # Then it is listed with that name, when it was added and that it was never used
    assert added.status == 201 and added.body["passkey"]["name"] == "Laptop werk"
    listed = werkgever_browser.get("/api/account/passkeys").body["passkeys"]
    assert [(p["name"], p["created_at"], p["last_used_at"]) for p in listed] == [("Laptop werk", clock.now, None)]
    # And he is told by email, naming it
    assert "passkey (\u201cLaptop werk\u201d) aan uw account toegevoegd" in outbox.emails("wim@jansen.nl")[-1].body
    assert werkgever_browser.get("/api/auth/me").body["passkeys"] == 1


def test_adding_a_passkey_needs_a_recent_reauthentication(werkgever_browser, authenticator, outbox, clock):
    clock.advance(6 * 60)
    refused = werkgever_browser.post("/api/account/passkeys/options")
    assert refused.status == 403 and refused.error == "reauthentication_required"

    werkgever_browser.post("/api/account/reauth", {"password": PASSWORD})
    werkgever_browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})

    assert Passkeys(werkgever_browser, authenticator).add().status == 201


@pytest.mark.parametrize("name, code", [("   ", "required"), ("x" * 65, "too_long"),
                                        ("Laptop\u202ewerk", "invalid_characters")])
def test_a_blank_too_long_or_odd_name_is_refused_in_dutch_and_nothing_is_added(werkgever_browser, authenticator,
                                                                               name, code):
    answer = Passkeys(werkgever_browser, authenticator).add(name)

    assert answer.status == 422 and answer.body["field"] == "name" and answer.error == code
    assert answer.body["message"].startswith(("Geef", "De naam", "Het veld"))
    assert werkgever_browser.get("/api/account/passkeys").body["passkeys"] == []


@pytest.mark.parametrize("misbehaviour", [{"origin": PHISHING}, {"rp_id": "portaal-verzuim.test"},
                                          {"user_verified": False}])
def test_a_registration_from_another_site_or_without_user_verification_is_refused(werkgever_browser, authenticator,
                                                                                  misbehaviour):
    answer = Passkeys(werkgever_browser, authenticator).add(**misbehaviour)

    assert answer.status == 422 and answer.error == "passkey_refused"
    assert "Passkey toevoegen" in answer.body["message"]
    assert werkgever_browser.get("/api/account/passkeys").body["passkeys"] == []


def test_a_registration_challenge_is_answered_once(werkgever_browser, authenticator):
    options = werkgever_browser.post("/api/account/passkeys/options").body["options"]
    first = werkgever_browser.post("/api/account/passkeys", {"name": "Een", **authenticator.create(options)})
    again = werkgever_browser.post("/api/account/passkeys", {"name": "Twee", **authenticator.create(options)})

    assert first.status == 201
    assert again.status == 410 and again.error == "passkey_challenge_expired"
    assert [p["name"] for p in werkgever_browser.get("/api/account/passkeys").body["passkeys"]] == ["Een"]


def test_a_registration_challenge_expires(werkgever_browser, authenticator, clock):
    options = werkgever_browser.post("/api/account/passkeys/options").body["options"]
    clock.advance(get_settings().passkey_challenge_seconds)

    late = werkgever_browser.post("/api/account/passkeys", {"name": "Laat", **authenticator.create(options)})

    assert late.status == 410 and late.error == "passkey_challenge_expired"


def test_adding_a_passkey_ends_the_other_sessions(werkgever_browser, new_browser, authenticator, outbox):
    other = new_browser()
    log_in(other, outbox, "wjansen", PASSWORD, PHONE)

    added = Passkeys(werkgever_browser, authenticator).add()

    assert added.body["sessions_ended"] == 1
    assert other.get("/api/auth/me").status == 401 and werkgever_browser.get("/api/auth/me").status == 200


def test_ten_passkeys_at_most(werkgever_browser, authenticator):
    keys = Passkeys(werkgever_browser, authenticator)
    assert all(keys.add(f"Sleutel {n}").status == 201 for n in range(10))

    refused = werkgever_browser.post("/api/account/passkeys/options")

    assert refused.status == 422 and refused.error == "too_many_passkeys" and "10 passkeys" in refused.body["message"]


def test_removing_a_passkey_needs_reauthentication_ends_it_and_is_told(wims_passkey, new_browser, outbox, clock):
    browser = wims_passkey.browser
    options = _password_step(browser)["passkey"]
    assert wims_passkey.second_factor(options).status == 200
    other = new_browser()
    assert Passkeys(other, wims_passkey.authenticator).second_factor(_password_step(other)["passkey"]).status == 200
    passkey_id = browser.get("/api/account/passkeys").body["passkeys"][0]["passkey_id"]
    clock.advance(6 * 60)
    assert browser.delete(f"/api/account/passkeys/{passkey_id}").error == "reauthentication_required"

    assert browser.post("/api/account/reauth", {"password": PASSWORD}).body["method"] == "sms"
    browser.post("/api/account/reauth/confirm", {"code": outbox.last_code(PHONE)})
    removed = browser.delete(f"/api/account/passkeys/{passkey_id}")

    assert removed.status == 200 and removed.body["passkeys"] == []
    assert "\u201cLaptop werk\u201d is van uw account verwijderd" in outbox.emails("wim@jansen.nl")[-1].body
    assert other.get("/api/auth/me").status == 401
    assert _password_step(new_browser())["method"] == "sms"
    assert Passkeys(new_browser(), wims_passkey.authenticator).sign_in_without_password().error == "passkey_refused"


def test_another_users_passkey_cannot_be_removed(wims_passkey, other_employer_browser):
    # Given Wim's passkey, and Anne of another employer, signed in
    theirs = store.passkeys.of_user(store.users.find_by_username("wjansen"))[0].passkey_id
    # When Anne tries to remove it by its id
    answer = other_employer_browser.delete(f"/api/account/passkeys/{theirs}")
    # Then it does not exist for her, and Wim keeps it
    assert answer.status == 404 and answer.error == "passkey_unknown"
    assert len(store.passkeys.of_user(store.users.find_by_username("wjansen"))) == 1


# The passkey as second factor


def test_at_login_the_passkey_is_offered_first_and_signs_in_without_an_sms(wims_passkey, outbox, clock):
    browser, sms_before = wims_passkey.browser, len(outbox.sms(PHONE))
    # When Wim types his password
    step = _password_step(browser)
    # Then his passkey is asked for (his own credential allowed), and no SMS is sent
    assert step["method"] == "passkey" and step["next"] == "code"
    assert [c["id"] for c in step["passkey"]["allowCredentials"]] == [wims_passkey.authenticator.credentials[0].id]
    assert step["passkey"]["rpId"] == "portal.test"
    assert len(outbox.sms(PHONE)) == sms_before
    # And the passkey opens his session
    done = wims_passkey.second_factor(step["passkey"])
    assert done.status == 200 and done.body["user"]["name"] == "Wim Jansen"
    assert browser.get("/api/auth/me").status == 200
    assert browser.get("/api/account/passkeys").body["passkeys"][0]["last_used_at"] == clock.now
    assert browser.get("/api/account/security").body["sign_ins"][0]["method"] == "passkey"


def test_inloggen_mislukt_still_offers_an_sms_code(wims_passkey, outbox):
    browser = wims_passkey.browser
    _password_step(browser)

    assert browser.post("/api/auth/code/resend").status == 200
    assert browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}).status == 200


def test_inloggen_mislukt_still_offers_a_backup_code(werkgever_browser, authenticator, new_browser, clock):
    codes = werkgever_browser.post("/api/account/backup-codes").body["backup_codes"]
    Passkeys(werkgever_browser, authenticator).add()
    browser = new_browser()
    _password_step(browser)

    assert browser.post("/api/auth/backup-code", {"code": codes[0]}).status == 200


@pytest.mark.usefixtures("totp_key")
def test_inloggen_mislukt_still_offers_the_app(werkgever_browser, authenticator, new_browser, clock):
    secret = werkgever_browser.post("/api/account/app").body["secret"]
    werkgever_browser.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(clock.now)})
    Passkeys(werkgever_browser, authenticator).add()
    clock.advance(30)
    browser = new_browser()
    assert _password_step(browser)["method"] == "passkey"

    assert browser.post("/api/auth/code", {"code": pyotp.TOTP(secret).at(clock.now)}).status == 200


def test_a_replayed_assertion_is_refused(wims_passkey, new_browser):
    # Given Wim's passkey answered his login's challenge, and the answer was seen by someone else
    answer = wims_passkey.authenticator.get(_password_step(wims_passkey.browser)["passkey"])
    assert wims_passkey.browser.post("/api/auth/passkey", answer).status == 200
    # When it is sent again with the password, in another login
    thief = new_browser()
    _password_step(thief)
    replay = thief.post("/api/auth/passkey", answer)
    # Then it is refused, and no session opens
    assert replay.status == 401 and replay.error == "passkey_refused"
    assert thief.get("/api/auth/me").status == 401


def test_each_challenge_is_answered_once_even_after_a_failure(wims_passkey):
    browser = wims_passkey.browser
    options = _password_step(browser)["passkey"]
    assert wims_passkey.second_factor(options, origin=PHISHING).status == 401

    again = wims_passkey.second_factor(options)

    assert again.status == 410 and again.error == "passkey_challenge_expired"
    fresh = browser.post("/api/auth/passkey/options").body["options"]
    assert wims_passkey.second_factor(fresh).status == 200


@pytest.mark.parametrize("misbehaviour", [{"origin": PHISHING}, {"rp_id": "portaal-verzuim.test"}])
def test_an_assertion_made_on_another_site_is_refused_and_counted(wims_passkey, misbehaviour):
    browser = wims_passkey.browser
    options = _password_step(browser)["passkey"]

    refused = wims_passkey.second_factor(options, **misbehaviour)

    assert refused.status == 401 and refused.error == "passkey_refused"
    assert "Inloggen mislukt" in refused.body["message"]
    assert browser.get("/api/auth/me").status == 401
    assert store.users.find_by_username("wjansen").failed_count == 1


def test_a_cloned_authenticators_sign_count_is_refused_and_audited(wims_passkey, new_browser, secretariat_browser):
    # Given Wim's passkey signed in with count 5
    assert wims_passkey.second_factor(_password_step(wims_passkey.browser)["passkey"], sign_count=5).status == 200
    # When a copy of it signs with a count that did not go up
    clone = new_browser()
    _password_step(clone)
    options = clone.post("/api/auth/passkey/options").body["options"]
    refused = clone.post("/api/auth/passkey", wims_passkey.authenticator.get(options, sign_count=5))
    # Then it is refused as a clone, counted, and written in the secretariat's audit trail
    assert refused.status == 401 and refused.error == "passkey_cloned"
    assert "gekopieerde passkey" in refused.body["message"]
    assert store.users.find_by_username("wjansen").failed_count == 1
    trail = secretariat_browser.get("/api/admin/audit/secretariaat").body["entries"]
    assert trail[0]["action"] == "passkey_clone_refused" and trail[0]["object_type"] == "passkey"


def test_an_authenticator_that_keeps_no_count_signs_in_again_and_again(werkgever_browser, new_browser, clock):
    settings = get_settings()
    synced = SoftwareAuthenticator(origin=settings.webauthn_origin, rp_id=settings.webauthn_rp_id, counting=False,
                                   backup_eligible=True, backed_up=True)
    Passkeys(werkgever_browser, synced).add("Telefoon")

    for _ in range(2):
        browser = new_browser()
        assert Passkeys(browser, synced).second_factor(_password_step(browser)["passkey"]).status == 200
    assert werkgever_browser.get("/api/account/passkeys").body["passkeys"][0]["synced"] is True


def test_a_passkey_whose_backup_eligibility_changed_is_refused(werkgever_browser, authenticator, new_browser):
    Passkeys(werkgever_browser, authenticator).add()
    authenticator.backup_eligible = True  # another authenticator with the same key would not change this
    browser = new_browser()

    answer = Passkeys(browser, authenticator).second_factor(_password_step(browser)["passkey"])

    assert answer.status == 401 and answer.error == "passkey_cloned"


def test_an_expired_challenge_is_refused(wims_passkey, clock):
    options = _password_step(wims_passkey.browser)["passkey"]
    clock.advance(get_settings().passkey_challenge_seconds)

    late = wims_passkey.second_factor(options)

    assert late.status == 410 and late.error == "passkey_challenge_expired"
    assert wims_passkey.browser.get("/api/auth/me").status == 401


def test_another_users_passkey_does_not_complete_wims_login(wims_passkey, new_browser, outbox, deps):
    # Given Anne of another employer with a passkey of her own, in the same authenticator
    from chalicelib.services import admin

    other = admin.create_employer(deps, "Andere Werkgever BV")
    admin.provision_active_user(deps, username="anders", name="Anne Anders", email="anne@anders.nl", role="werkgever",
                                employer_id=other["employer_id"], phone="0622222222", password=PASSWORD)
    anne = new_browser()
    log_in(anne, outbox, "anders", PASSWORD, "+31622222222")
    assert Passkeys(anne, wims_passkey.authenticator).add("Van Anne").status == 201
    annes = wims_passkey.authenticator.credentials[-1]
    # When someone with Wim's password answers with Anne's passkey
    browser = new_browser()
    options = _password_step(browser)["passkey"]
    answer = browser.post("/api/auth/passkey", wims_passkey.authenticator.get(options, credential=annes))
    # Then Wim's login stays closed, and the failure counts for Wim
    assert answer.status == 401 and answer.error == "passkey_refused"
    assert browser.get("/api/auth/me").status == 401
    assert store.users.find_by_username("wjansen").failed_count == 1


def test_five_failed_assertions_block_the_account_as_five_wrong_codes_do(wims_passkey, outbox):
    browser = wims_passkey.browser
    options = _password_step(browser)["passkey"]
    answers = []
    for _ in range(5):
        answers.append(wims_passkey.second_factor(options, origin=PHISHING))
        options = browser.post("/api/auth/passkey/options").body.get("options", options)

    assert [a.status for a in answers] == [401, 401, 401, 401, 423]
    assert answers[-1].error == "account_blocked"
    assert "geblokkeerd" in outbox.emails("wim@jansen.nl")[-1].body


# Inloggen met passkey


def test_inloggen_met_passkey_signs_in_without_a_password_as_a_login_does(wims_passkey, new_browser, outbox):
    # Given a browser Wim never signed in from
    browser = new_browser()
    # When he chooses "Inloggen met passkey"
    done = Passkeys(browser, wims_passkey.authenticator).sign_in_without_password()
    # Then his session opens with the session cookie, the browser is remembered, and he is told by email
    assert done.status == 200 and done.body["user"]["name"] == "Wim Jansen"
    assert {"vp_session", "vp_csrf", "vp_device"} <= set(browser.cookies) and "vp_passkey" not in browser.cookies
    assert browser.get("/api/auth/me").status == 200
    assert outbox.emails("wim@jansen.nl")[-1].subject == "Nieuwe aanmelding op uw account"
    assert browser.get("/api/account/security").body["sign_ins"][0]["method"] == "passkey"


def test_inloggen_met_passkey_needs_user_verification(wims_passkey, new_browser):
    browser = new_browser()

    answer = Passkeys(browser, wims_passkey.authenticator).sign_in_without_password(user_verified=False)

    assert answer.status == 401 and answer.error == "passkey_refused"
    assert browser.get("/api/auth/me").status == 401


def test_an_unknown_passkey_gets_the_answer_of_a_forged_one(wims_passkey, new_browser):
    settings = get_settings()
    stranger = SoftwareAuthenticator(origin=settings.webauthn_origin, rp_id=settings.webauthn_rp_id)
    stranger.create({"rp": {"id": settings.webauthn_rp_id}, "user": {"id": b64url(b"nobody")}, "challenge": "x"})

    unknown = Passkeys(new_browser(), stranger).sign_in_without_password()
    forged = Passkeys(new_browser(), wims_passkey.authenticator).sign_in_without_password(origin=PHISHING)

    assert (unknown.status, unknown.body) == (forged.status, forged.body) == (401, unknown.body)
    assert unknown.error == "passkey_refused"


def test_the_passwordless_challenge_is_used_once_and_expires(wims_passkey, new_browser, clock):
    browser = new_browser()
    options = browser.post("/api/auth/passkey-login/options").body["options"]
    token = browser.cookies["vp_passkey"]
    assert browser.post("/api/auth/passkey-login", wims_passkey.authenticator.get(options)).status == 200

    browser.cookies["vp_passkey"] = token
    replay = browser.post("/api/auth/passkey-login", wims_passkey.authenticator.get(options))
    assert replay.status == 410 and replay.error == "passkey_login_expired"

    late = new_browser()
    options = late.post("/api/auth/passkey-login/options").body["options"]
    clock.advance(get_settings().passkey_challenge_seconds)
    expired = late.post("/api/auth/passkey-login", wims_passkey.authenticator.get(options))
    assert expired.error == "passkey_login_expired"
    assert new_browser().post("/api/auth/passkey-login", wims_passkey.authenticator.get(options)).status == 410


def test_a_blocked_or_deactivated_account_is_told_whom_to_call_and_stays_closed(wims_passkey, new_browser,
                                                                                secretariat_browser):
    from tests.support.accounts import block_with_wrong_codes

    wim = store.users.find_by_username("wjansen")
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)
    blocked = Passkeys(new_browser(), wims_passkey.authenticator).sign_in_without_password()
    assert blocked.status == 423 and blocked.error == "account_blocked"

    secretariat_browser.post(f"/api/admin/users/{wim.user_id}/unlock")
    secretariat_browser.post(f"/api/admin/users/{wim.user_id}/deactivate")
    browser = new_browser()
    deactivated = Passkeys(browser, wims_passkey.authenticator).sign_in_without_password()
    assert deactivated.status == 423 and deactivated.error == "account_deactivated"
    assert "secretariaat" in deactivated.body["message"]
    assert browser.get("/api/auth/me").status == 401


@pytest.mark.parametrize("user_handle", ["%%%", b64url(b"another-user-id")])
def test_a_passkey_answering_for_another_user_does_not_sign_in(wims_passkey, new_browser, user_handle):
    browser = new_browser()
    options = browser.post("/api/auth/passkey-login/options").body["options"]
    answer = {**wims_passkey.authenticator.get(options), "user_handle": user_handle}

    refused = browser.post("/api/auth/passkey-login", answer)

    assert refused.status == 401 and refused.error == "passkey_refused"


def test_options_for_passwordless_login_are_limited_at_the_edge():
    from chalicelib.api.http import EDGE_ROUTES, Edge

    marked = {path: edges for path, _, edges in EDGE_ROUTES}
    assert Edge.SIGN_IN in marked["/api/auth/passkey-login/options"]
    assert Edge.SIGN_IN in marked["/api/auth/passkey-login"]


# Bad input


@pytest.mark.parametrize("field, size", [("client_data_json", 4097), ("attestation_object", 32 * 1024 + 1),
                                         ("credential_id", 1367)])
def test_an_oversized_registration_field_is_refused_before_it_is_read(werkgever_browser, authenticator, field, size):
    options = werkgever_browser.post("/api/account/passkeys/options").body["options"]
    body = {"name": "Laptop", **authenticator.create(options), field: "A" * size}

    answer = werkgever_browser.post("/api/account/passkeys", body)

    assert answer.status == 422 and answer.error == "too_long" and answer.body["field"] == field


# Not base64url, one byte, a CBOR "break" where a map belongs, an array and a text claiming 2**64 items/bytes
@pytest.mark.parametrize("garbage", ["!!!", "A", b64url(b"\xff" * 64), b64url(b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff"),
                                     b64url(b"\xa1\x63fmt\x7b\xff\xff\xff\xff\xff\xff\xff\xff")])
def test_garbage_in_place_of_an_attestation_is_a_dutch_refusal(werkgever_browser, authenticator, garbage):
    options = werkgever_browser.post("/api/account/passkeys/options").body["options"]
    body = {"name": "Laptop", **authenticator.create(options), "attestation_object": garbage}

    answer = werkgever_browser.post("/api/account/passkeys", body)

    assert answer.status == 422 and answer.error in ("passkey_refused", "required")


@pytest.mark.parametrize("field", ["client_data_json", "authenticator_data", "signature"])
def test_garbage_in_an_assertion_is_refused_not_a_crash(wims_passkey, field):
    options = _password_step(wims_passkey.browser)["passkey"]
    body = {**wims_passkey.authenticator.get(options), field: "%%%" if field != "signature" else b64url(b"0")}

    answer = wims_passkey.browser.post("/api/auth/passkey", body)

    assert answer.status in (401, 422) and answer.error in ("passkey_refused", "malformed_request")
