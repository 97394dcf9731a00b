"""Gebruiker zoeken: the secretariat finds anyone, at any employer, by name, username or email; and its home lists
the accounts that need it (blocked, invitation expired, new mobile number not confirmed)."""
from __future__ import annotations

import json

import pytest

import manage
from chalicelib import store
from chalicelib.services import admin
from chalicelib.store.models import UserSearchKey
from tests.support.accounts import PASSWORD, SECRETARIAT_PASSWORD, block_with_wrong_codes, log_in


@pytest.fixture
def karin(deps):
    """Karin van der Bergh-Özdemir, a werkgever of another employer."""
    other = admin.create_employer(deps, "Zorggroep Noord")
    return admin.provision_active_user(deps, username="kvdbergh", name="Karin van der Bergh-Özdemir",
                                       email="k.bergh@zorggroep-noord.nl", role="werkgever",
                                       employer_id=other["employer_id"], phone="0633333333", password=PASSWORD)


@pytest.fixture
def secretarial_desk(secretariat, new_browser, outbox):
    """The secretariat signing in now (after the test moved the clock on): a browser with its session."""
    def sign_in():
        desk = new_browser()
        log_in(desk, outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")
        return desk
    return sign_in


def _invite(deps, employer, name, email):
    return admin.invite(deps, admin.InviteUserRequest(name=name, email=email, employer_id=employer["employer_id"]))


def _search(browser, q):
    return browser.get(f"/api/admin/search?q={q}")


def _usernames(answer):
    return [u["username"] for u in answer.body["users"]]


@pytest.mark.parametrize("q", ["jansen", "wim", "Wim Jansen", "jans", "JANSEN", "wim@jansen.nl", "wjansen", "wjan",
                               "jansen.nl"])
def test_the_werkgever_is_found_by_any_part_of_name_username_or_email(secretariat_browser, werkgever, karin, q):
    # Given Wim Jansen of Bakkerij Jansen BV and Karin of another employer
    # When the secretariat searches
    answer = _search(secretariat_browser, q)

    # Then Wim is found, with his employer and status, and Karin is not
    assert answer.status == 200
    assert _usernames(answer) == ["wjansen"]
    [wim] = answer.body["users"]
    assert wim["name"] == "Wim Jansen" and wim["email"] == "wim@jansen.nl"
    assert wim["employer_name"] == "Bakkerij Jansen BV"
    assert (wim["state"], wim["state_text"]) == ("active", "Actief")


@pytest.mark.parametrize("q", ["van der", "bergh", "Bergh-Ozdemir", "ozdemir", "ÖZDEMIR", "karin van der",
                               "k.bergh@zorggroep-noord.nl", "kbergh", "zorggroep"])
def test_another_employers_user_is_found_without_accents_or_case(secretariat_browser, werkgever, karin, q):
    answer = _search(secretariat_browser, q)

    assert _usernames(answer) == ["kvdbergh"]
    assert answer.body["users"][0]["employer_name"] == "Zorggroep Noord"


def test_every_word_must_match_and_nobody_is_an_empty_answer(secretariat_browser, werkgever, karin):
    assert _usernames(_search(secretariat_browser, "wim bergh")) == []
    answer = _search(secretariat_browser, "pietersen")
    assert answer.status == 200 and answer.body == {"users": [], "more": False}


@pytest.mark.parametrize("q", ["", "a", " j ", "@", "-."])
def test_too_short_a_query_is_refused_in_dutch(secretariat_browser, werkgever, q):
    answer = _search(secretariat_browser, q)

    assert answer.status == 422 and answer.error == "query_too_short"
    assert answer.body["field"] == "q" and "minstens 2 letters" in answer.body["message"]


def test_a_hit_shows_no_password_hash_code_or_full_phone_number(secretariat_browser, werkgever, browser):
    block_with_wrong_codes(browser, "wjansen", PASSWORD)

    answer = _search(secretariat_browser, "wim")

    text = json.dumps(answer.body)
    for secret in ("password", "argon2", "backup", "totp", "invitation_hash", "reset_hash", "devices",
                   "0612345678", "612345678"):
        assert secret not in text
    assert answer.body["users"][0]["phone_hint"].endswith("78")


def test_each_status_is_named_in_dutch(deps, employer, werkgever, karin, browser, clock, secretarial_desk):
    # Given one user of each kind
    _invite(deps, employer, "Otto Oud", "otto@jansen.nl")
    clock.advance(25 * 3600)  # Otto's link expired
    _invite(deps, employer, "Ingrid Nieuw", "ingrid@jansen.nl")
    block_with_wrong_codes(browser, "wjansen", PASSWORD)
    admin.reset_phone(deps, karin.user_id, "0644444444")
    anne = admin.provision_active_user(deps, username="anne", name="Anne Nieuw", email="anne@jansen.nl",
                                       role="werkgever", employer_id=employer["employer_id"], phone="0655555555",
                                       password=PASSWORD)
    admin.deactivate(deps, anne.user_id)

    # When the secretariat searches each
    desk = secretarial_desk()
    states = {q: _search(desk, q).body["users"][0]["state_text"] for q in ("ingrid", "otto", "wim", "karin", "anne")}

    # Then each status reads as the secretariat says it on the phone
    assert states == {"ingrid": "Uitgenodigd", "otto": "Uitnodiging verlopen", "wim": "Geblokkeerd",
                      "karin": "Telefoonnummer niet bevestigd", "anne": "Gedeactiveerd"}


def test_rebuild_user_search_writes_the_keys_of_users_made_before_they_were_kept(secretariat_browser, werkgever,
                                                                                capsys):
    # Given Wim's search keys are missing (he was made before the search existed)
    for key in UserSearchKey.query("users"):
        if key.user_id == werkgever.user_id:
            key.delete()
    assert _usernames(_search(secretariat_browser, "wim")) == []

    # When ops runs the one-off command
    assert manage.main(["rebuild-user-search"]) == 0

    # Then he is found again
    assert "Zoeksleutels geschreven voor 2 gebruiker(s)." in capsys.readouterr().out
    assert _usernames(_search(secretariat_browser, "wim")) == ["wjansen"]


# The secretariat's home

def _attention(browser):
    answer = browser.get("/api/admin/attention")
    assert answer.status == 200, answer.body
    return answer.body


def _listed(body, kind):
    return [u["username"] for u in body[kind]["users"]]


def test_a_blocked_account_is_on_the_home_list_until_it_is_unblocked(secretariat_browser, werkgever, karin, browser):
    # Given nothing needs attention
    body = _attention(secretariat_browser)
    assert [body[kind]["count"] for kind in ("blocked", "invitations", "phones")] == [0, 0, 0]

    # When Wim gets blocked
    block_with_wrong_codes(browser, "wjansen", PASSWORD)

    # Then the home lists him (and not Karin), with his employer
    body = _attention(secretariat_browser)
    assert _listed(body, "blocked") == ["wjansen"] and body["blocked"]["count"] == 1
    assert body["blocked"]["users"][0]["employer_name"] == "Bakkerij Jansen BV"

    # When the secretariat unblocks him, he is off the list
    assert secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/unlock").status == 200
    assert _listed(_attention(secretariat_browser), "blocked") == []


def test_a_failure_or_two_is_not_a_blocked_account(secretariat_browser, werkgever, deps):
    store.users.record_failure(werkgever.user_id, deps.settings.lockout_threshold)
    store.users.record_failure(werkgever.user_id, deps.settings.lockout_threshold)

    assert _listed(_attention(secretariat_browser), "blocked") == []


def test_expired_and_almost_expired_invitations_are_listed_until_used_or_renewed(deps, employer, clock,
                                                                                secretarial_desk):
    # Given Otto was invited 25 hours ago, Ingrid 21 hours ago and Piet just now
    _invite(deps, employer, "Otto Oud", "otto@jansen.nl")
    clock.advance(4 * 3600)
    _invite(deps, employer, "Ingrid Bijna", "ingrid@jansen.nl")
    clock.advance(21 * 3600)
    _invite(deps, employer, "Piet Vers", "piet@jansen.nl")

    # Then the home lists Ingrid's (expiring within hours) and Otto's (expired), not Piet's
    desk = secretarial_desk()
    body = _attention(desk)
    assert _listed(body, "invitations") == ["ibijna", "ooud"]
    assert [u["state"] for u in body["invitations"]["users"]] == ["invited", "invitation_expired"]

    # When Otto gets a new invitation, he is off the list
    otto = store.users.find_by_username("ooud")
    assert desk.post(f"/api/admin/users/{otto.user_id}/resend-invitation").status == 200
    assert _listed(_attention(desk), "invitations") == ["ibijna"]


def test_a_reset_mobile_number_is_listed_until_confirmed_at_login(secretariat_browser, werkgever, new_browser,
                                                                  outbox):
    # When the secretariat resets Wim's number
    reset = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": "0687878787"})
    assert reset.status == 200, reset.body

    # Then the home lists him until he confirms the new number with its SMS code
    assert _listed(_attention(secretariat_browser), "phones") == ["wjansen"]
    log_in(new_browser(), outbox, "wjansen", PASSWORD, "+31687878787")
    assert _listed(_attention(secretariat_browser), "phones") == []
