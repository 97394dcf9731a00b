"""Invitations and first login: link validity, onboarding steps, backup codes, then logged in."""
from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib import store
from chalicelib.store.models import UsernameClaim
from tests.support.accounts import SECRETARIAT_PASSWORD, log_in

EMAIL = "petra@bakkerij.nl"
NEW_PASSWORD = "drie kleine katjes op de mat"


@pytest.fixture
def invite(secretariat_browser, employer, outbox):
    def send(phone=None, email=EMAIL, name="Petra de Bakker"):
        body = {"name": name, "email": email, "employer_id": employer["employer_id"]}
        if phone:
            body["phone"] = phone
        answer = secretariat_browser.post("/api/admin/users", body)
        assert answer.status == 201, answer.body
        return answer.body, outbox.last_invitation_token(email)
    return send


def _onboard(browser, outbox, token, phone="06 11 22 33 44"):
    assert browser.post(f"/api/invitations/{token}/password", {"password": NEW_PASSWORD}).status == 200
    assert browser.post(f"/api/invitations/{token}/phone", {"phone": phone}).status == 200
    code = outbox.last_code("+31611223344")
    assert browser.post(f"/api/invitations/{token}/phone/confirm", {"code": code}).status == 200
    return browser.post(f"/api/invitations/{token}/complete", {"accept_terms": True, "terms_version": "2026-11"})


def test_invitation_email_names_the_username_and_a_24_hour_link(invite, outbox):
    user, token = invite()

    email = outbox.emails(EMAIL)[-1]
    assert email.subject == "Uw uitnodiging voor Verzuimportaal"
    assert f"Uw gebruikersnaam is: {user['username']}" in email.body
    assert "24 uur geldig" in email.body
    assert user["status"] == "invited" and user["username"] == "pdebakker"


def test_onboarding_ends_logged_in_with_ten_backup_codes(invite, new_browser, outbox):
    user, token = invite()
    browser = new_browser()
    state = browser.get(f"/api/invitations/{token}")
    assert state.status == 200 and state.body["username"] == "pdebakker"
    assert state.body["employer_name"] == "Bakkerij Jansen BV"

    done = _onboard(browser, outbox, token)

    assert done.status == 200
    codes = done.body["backup_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c) == 9 and c[4] == "-" and c.replace("-", "").isalnum() and c == c.lower() for c in codes)
    me = browser.get("/api/auth/me")
    assert me.status == 200 and me.body["username"] == "pdebakker"


def test_activated_account_stores_hashes_terms_and_the_e164_number(invite, new_browser, outbox, clock):
    user, token = invite()
    done = _onboard(new_browser(), outbox, token)

    stored = store.users.get(user["user_id"])
    assert stored.status == "active" and stored.phone == "+31611223344"
    assert stored.terms_version == "2026-11" and stored.terms_accepted_at == clock.now
    stored_hashes = {c.hash for c in stored.backup_codes}
    assert len(stored_hashes) == 10 and not stored_hashes & set(done.body["backup_codes"])
    assert stored.password_hash.startswith("$argon2id$")


def test_new_user_logs_in_after_onboarding(invite, new_browser, outbox):
    user, token = invite()
    first = new_browser()
    _onboard(first, outbox, token)
    first.post("/api/auth/logout")

    log_in(new_browser(), outbox, "pdebakker", NEW_PASSWORD, "+31611223344")


def test_link_expires_after_24_hours(invite, new_browser, clock):
    user, token = invite()
    clock.advance(24 * 3600)

    answer = new_browser().get(f"/api/invitations/{token}")

    assert answer.status == 410 and answer.error == "invitation_expired"
    assert "24 uur geldig" in answer.body["message"]
    assert "0413-244211" in answer.body["message"] and "secretariaat@deverzuimmakelaar.nl" in answer.body["message"]


def test_link_works_once(invite, new_browser, outbox):
    user, token = invite()
    _onboard(new_browser(), outbox, token)

    again = new_browser()
    assert again.get(f"/api/invitations/{token}").error == "invitation_used"
    assert again.post(f"/api/invitations/{token}/password", {"password": NEW_PASSWORD}).status == 410


def test_resend_makes_older_links_invalid(invite, secretariat_browser, new_browser, outbox):
    user, old_token = invite()

    answer = secretariat_browser.post(f"/api/admin/users/{user['user_id']}/resend-invitation")

    assert answer.status == 200
    new_token = outbox.last_invitation_token(EMAIL)
    assert new_token != old_token
    assert new_browser().get(f"/api/invitations/{old_token}").status == 410
    assert new_browser().get(f"/api/invitations/{new_token}").status == 200


def test_fresh_invitation_after_expiry_can_be_used(invite, new_browser, outbox, clock):
    user, token = invite()
    clock.advance(25 * 3600)
    secretariat = new_browser()
    log_in(secretariat, outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")
    assert secretariat.post(f"/api/admin/users/{user['user_id']}/resend-invitation").status == 200

    done = _onboard(new_browser(), outbox, outbox.last_invitation_token(EMAIL))

    assert done.status == 200


def test_unknown_link_says_so_in_dutch(new_browser):
    answer = new_browser().get("/api/invitations/bestaat-niet")

    assert answer.status == 404 and "secretariaat" in answer.body["message"]


@pytest.mark.parametrize("password, error", [
    ("kort", "password_too_short"),
    ("x" * 129, "password_too_long"),
    ("wachtwoord2026!", "password_too_common"),
    ("123456789012", "password_too_common"),
    ("ik-ben-pdebakker-hoor", "password_contains_username"),
])
def test_password_policy_names_the_rule(invite, new_browser, password, error):
    user, token = invite()

    answer = new_browser().post(f"/api/invitations/{token}/password", {"password": password})

    assert answer.status == 422 and answer.error == error and answer.body["field"] == "password"


def test_long_passphrase_without_composition_rules_is_fine(invite, new_browser):
    user, token = invite()

    answer = new_browser().post(f"/api/invitations/{token}/password", {"password": "x" * 100 + " ééé"})

    assert answer.status == 200 and answer.body["password_set"] is True


@pytest.mark.parametrize("notation", ["0611223344", "06-11223344", "+31 6 11 22 33 44", "0031611223344"])
def test_dutch_and_international_notations_become_e164(invite, new_browser, outbox, notation):
    user, token = invite()

    new_browser().post(f"/api/invitations/{token}/phone", {"phone": notation})

    assert outbox.sms("+31611223344")


@pytest.mark.parametrize("number", ["12", "0201234567", "+31 6 1234", "+999 123 456", "geen nummer"])
def test_impossible_or_landline_numbers_are_refused(invite, new_browser, outbox, number):
    user, token = invite()

    answer = new_browser().post(f"/api/invitations/{token}/phone", {"phone": number})

    assert answer.status == 422 and answer.body["field"] == "phone"
    assert not outbox.sms()[1:]


def test_wrong_phone_code_is_refused_and_five_wrong_codes_void_it(invite, new_browser, outbox):
    user, token = invite()
    browser = new_browser()
    browser.post(f"/api/invitations/{token}/phone", {"phone": "0611223344"})
    right = outbox.last_code("+31611223344")
    for _ in range(5):
        answer = browser.post(f"/api/invitations/{token}/phone/confirm", {"code": "000000"})
        assert answer.status == 422 and answer.body["field"] == "code"

    assert browser.post(f"/api/invitations/{token}/phone/confirm", {"code": right}).status == 422


def test_complete_needs_every_step_and_the_terms(invite, new_browser, outbox):
    user, token = invite()
    browser = new_browser()
    assert browser.post(f"/api/invitations/{token}/complete",
                        {"accept_terms": True, "terms_version": "2026-11"}).body["field"] == "password"
    browser.post(f"/api/invitations/{token}/password", {"password": NEW_PASSWORD})
    assert browser.post(f"/api/invitations/{token}/complete",
                        {"accept_terms": True, "terms_version": "2026-11"}).body["field"] == "phone"
    browser.post(f"/api/invitations/{token}/phone", {"phone": "0611223344"})
    browser.post(f"/api/invitations/{token}/phone/confirm", {"code": outbox.last_code("+31611223344")})

    refused = browser.post(f"/api/invitations/{token}/complete", {"accept_terms": False, "terms_version": "2026-11"})

    assert refused.status == 422 and refused.error == "terms_not_accepted"
    assert store.users.get(user["user_id"]).status == "invited"
    assert "vp_session" not in browser.cookies


def test_phone_given_by_the_secretariat_is_prefilled(invite, new_browser):
    user, token = invite(phone="06 48887766")

    state = new_browser().get(f"/api/invitations/{token}").body

    assert state["phone_prefill"] == "+31648887766" and state["phone_verified"] is False


def test_same_name_gets_a_distinct_username(invite):
    first, _ = invite()
    second, _ = invite(email="andere.petra@bakkerij.nl")

    assert (first["username"], second["username"]) == ("pdebakker", "pdebakker2")


def test_failed_invitation_email_leaves_nothing_behind(secretariat_browser, employer, deps):
    from chalicelib.notify.ports import SendFailed

    class BrokenEmail:
        def send_email(self, to, subject, body):
            raise SendFailed("throttled")

    deps.email = BrokenEmail()
    answer = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": EMAIL,
                                                           "employer_id": employer["employer_id"]})

    assert answer.status == 502 and "opnieuw" in answer.body["message"]
    assert store.users.find_by_username("pdebakker") is None
    assert UsernameClaim.count(store.users.username_key("pdebakker")) == 0  # the username is free again


def test_the_invitation_page_learns_until_when_its_link_works_as_an_iso_time(invite, new_browser, clock):
    # Given a fresh invitation
    _, token = invite()
    # When the activation page opens the link
    answer = new_browser().get(f"/api/invitations/{token}")
    # Then it learns the expiry as an ISO time 24 hours from now (docs/api.md `Invitation.expires_at`)
    expires = datetime.fromisoformat(answer.body["expires_at"])
    assert expires.tzinfo is not None and expires.timestamp() - clock.now == 24 * 3600


@pytest.mark.parametrize("password", ["Petra de Bakker", "Bakkerij Jansen BV 2026", "demo-wachtwoord-2026"])
def test_her_own_name_her_employer_and_the_portals_words_are_refused_as_password(invite, new_browser, password):
    # Given Petra de Bakker of Bakkerij Jansen BV opens her invitation
    _, token = invite()
    # When she chooses her own name, her employer's name and a year, or the portal's demo password
    answer = new_browser().post(f"/api/invitations/{token}/password", {"password": password})
    # Then the portal refuses it in Dutch and names the word that made it easy to guess
    assert answer.status == 422 and answer.error == "password_contains_context" and answer.body["field"] == "password"
    assert "‘" in answer.body["message"]


def test_the_first_session_after_activation_names_the_browser(invite, new_browser, outbox):
    # Given Petra activates her account in Safari on an iPhone
    _, token = invite()
    browser = new_browser()
    safari = {"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                            "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"}
    assert browser.post(f"/api/invitations/{token}/password", {"password": NEW_PASSWORD}, headers=safari).status == 200
    assert browser.post(f"/api/invitations/{token}/phone", {"phone": "06 11 22 33 44"}, headers=safari).status == 200
    code = outbox.last_code("+31611223344")
    assert browser.post(f"/api/invitations/{token}/phone/confirm", {"code": code}, headers=safari).status == 200
    assert browser.post(f"/api/invitations/{token}/complete", {"accept_terms": True, "terms_version": "2026-11"},
                        headers=safari).status == 200

    # When she opens Beveiliging in the session the activation started
    overview = browser.get("/api/account/security", headers=safari).body

    # Then that session names her browser and system
    assert [s["browser"] for s in overview["sessions"]] == ["Mobile Safari 18 op iPhone (iOS 18)"]
