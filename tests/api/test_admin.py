"""The secretariat's tools, and that nobody else can reach them."""
from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib import store
from tests.support.accounts import PASSWORD, block_with_wrong_codes, log_in

ADMIN_ROUTES = [
    ("GET", "/api/admin/employers"),
    ("POST", "/api/admin/employers"),
    ("GET", "/api/admin/employers/{employer}/users"),
    ("POST", "/api/admin/users"),
    ("GET", "/api/admin/users/{user}"),
    ("POST", "/api/admin/users/{user}/resend-invitation"),
    ("POST", "/api/admin/users/{user}/unlock"),
    ("POST", "/api/admin/users/{user}/phone"),
    ("POST", "/api/admin/users/{user}/deactivate"),
    ("POST", "/api/admin/users/{user}/reactivate"),
    ("GET", "/api/admin/audit/{employer}"),
    ("GET", "/api/admin/search?q=jansen"),
    ("GET", "/api/admin/attention"),
]


@pytest.mark.parametrize("method, path", ADMIN_ROUTES)
def test_employer_user_gets_403_on_every_admin_route(werkgever_browser, werkgever, employer, method, path):
    url = path.format(employer=employer["employer_id"], user=werkgever.user_id)

    answer = werkgever_browser.request(method, url, {"name": "x", "phone": "0612345678"})

    assert answer.status == 403 and answer.error == "forbidden"
    assert store.users.get(werkgever.user_id).status == "active"


@pytest.mark.parametrize("method, path", ADMIN_ROUTES)
def test_anonymous_gets_401_on_every_admin_route(browser, werkgever, employer, method, path):
    url = path.format(employer=employer["employer_id"], user=werkgever.user_id)

    assert browser.request(method, url, {}).status == 401


def test_employer_user_sees_only_their_own_employer(werkgever_browser, secretariat_browser):
    secretariat_browser.post("/api/admin/employers", {"name": "Andere Werkgever BV"})

    me = werkgever_browser.get("/api/auth/me").body

    assert me["employer"]["name"] == "Bakkerij Jansen BV"
    assert "Andere Werkgever BV" not in str(me)


def test_create_and_list_employers_by_name(secretariat_browser, employer):
    created = secretariat_browser.post("/api/admin/employers", {"name": "  Aannemer Achterberg  "})

    assert created.status == 201 and created.body["name"] == "Aannemer Achterberg"
    names = [e["name"] for e in secretariat_browser.get("/api/admin/employers").body["employers"]]
    assert names == ["Aannemer Achterberg", "Bakkerij Jansen BV"]


def test_list_users_with_their_status(secretariat_browser, employer, werkgever, browser, deps):
    secretariat_browser.post("/api/admin/users", {"name": "Ingrid Uitgenodigd", "email": "ingrid@jansen.nl",
                                                  "employer_id": employer["employer_id"]})
    block_with_wrong_codes(browser, "wjansen", PASSWORD)

    users = secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/users").body["users"]

    assert {(u["username"], u["status"]) for u in users} == {("iuitgenodigd", "invited"), ("wjansen", "blocked")}
    assert all("password_hash" not in u and "backup_codes" not in u for u in users)


def test_list_users_of_unknown_employer_is_404(secretariat_browser):
    assert secretariat_browser.get("/api/admin/employers/bestaat-niet/users").status == 404


def test_deactivated_user_is_logged_out_and_cannot_log_in(secretariat_browser, werkgever_browser, werkgever,
                                                          new_browser):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")

    assert answer.status == 200 and answer.body["status"] == "deactivated"
    assert werkgever_browser.get("/api/auth/me").status == 401
    login = new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert login.status == 401 and login.error == "invalid_credentials"


def test_a_deactivated_user_in_her_own_browser_is_told_to_call_the_secretariat(secretariat_browser, werkgever_browser,
                                                                              werkgever, new_browser):
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")

    # In the browser she signed in with before, the right password gets the reason and whom to call
    own = werkgever_browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    assert own.status == 423 and own.error == "account_deactivated"
    assert "niet meer actief" in own.body["message"] and "secretariaat" in own.body["message"]
    # a wrong password there, and any password in a browser the account does not know, learn nothing
    wrong = werkgever_browser.post("/api/auth/login", {"username": "wjansen", "password": "niet-het-wachtwoord"})
    stranger = new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    unknown = new_browser().post("/api/auth/login", {"username": "niemand", "password": PASSWORD})
    assert {wrong.error, stranger.error, unknown.error} == {"invalid_credentials"}
    assert stranger.body == unknown.body


def test_heractiveren_lets_the_user_in_again_and_tells_her(secretariat_browser, werkgever, new_browser, outbox,
                                                          clock):
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")
    clock.advance(60)

    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/reactivate")

    assert answer.status == 200 and answer.body["status"] == "active"
    assert outbox.emails("wim@jansen.nl")[-1].subject == "Uw account is weer actief"
    log_in(new_browser(), outbox, "wjansen", PASSWORD, "+31612345678")
    trail = secretariat_browser.get("/api/admin/audit/secretariaat").body["entries"]
    assert [e["action"] for e in trail if e["object_id"] == werkgever.user_id][:2] == [
        "account_reactivated", "account_deactivated"]


def test_heractiveren_keeps_a_block_until_it_is_unlocked(secretariat_browser, werkgever, new_browser):
    block_with_wrong_codes(new_browser(), "wjansen", PASSWORD)
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")

    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/reactivate")

    assert answer.status == 200 and answer.body["status"] == "blocked"


def test_only_a_deactivated_account_can_be_reactivated(secretariat_browser, werkgever):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/reactivate")

    assert answer.status == 409 and answer.error == "not_deactivated"
    assert secretariat_browser.post("/api/admin/users/bestaat-niet/reactivate").status == 404


def test_phone_reset_is_confirmed_by_sms_at_next_login(secretariat_browser, werkgever, new_browser, outbox):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": "06 87 65 43 21"})

    assert answer.status == 200 and answer.body["phone_change_pending"] is True
    assert outbox.emails("wim@jansen.nl")[-1].subject == "Uw mobiele nummer wordt gewijzigd"
    log_in(new_browser(), outbox, "wjansen", PASSWORD, "+31687654321")
    user = store.users.get(werkgever.user_id)
    assert user.phone == "+31687654321" and user.phone_pending is None
    assert secretariat_browser.get(f"/api/admin/users/{werkgever.user_id}").body["phone_change_pending"] is False


def test_phone_reset_is_not_applied_until_the_code_is_entered(secretariat_browser, werkgever, new_browser):
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": "0687654321"})

    new_browser().post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    assert store.users.get(werkgever.user_id).phone == "+31612345678"


def test_resend_for_an_active_user_is_refused(secretariat_browser, werkgever):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/resend-invitation")

    assert answer.status == 409 and answer.error == "not_invited"


def test_unknown_user_is_404(secretariat_browser):
    assert secretariat_browser.post("/api/admin/users/bestaat-niet/unlock").status == 404


def test_secretariat_also_logs_in_with_a_second_factor(new_browser, secretariat, outbox):
    browser = new_browser()
    started = browser.post("/api/auth/login", {"username": "secretariaat", "password": "secretariaat-wachtwoord-lang"})

    assert started.status == 200 and browser.get("/api/admin/employers").status == 401
    log_in(browser, outbox, "secretariaat", "secretariaat-wachtwoord-lang", "+31687654321")
    assert browser.get("/api/admin/employers").status == 200


def test_a_fresh_invitation_is_valid_for_24_hours_as_an_iso_time(secretariat_browser, employer, clock):
    # Given the secretariat invites a user now
    invited = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@jansen.nl",
                                                            "employer_id": employer["employer_id"]})
    # When the Beheer page lists the employer's users
    users = secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/users").body["users"]
    # Then the invitation's expiry is an ISO time (as docs/api.md promises), 24 hours from now, not in the past
    listed = next(u for u in users if u["user_id"] == invited.body["user_id"])
    expires = datetime.fromisoformat(listed["invitation_expires_at"])
    assert expires.tzinfo is not None
    assert expires.timestamp() - clock.now == 24 * 3600
    assert invited.body["invitation_expires_at"] == listed["invitation_expires_at"]
