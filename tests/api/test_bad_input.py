"""Bad input on every route: 400/422 naming the field in Dutch, never a 500, nothing half-written."""
from __future__ import annotations

import pytest

from chalicelib import store
from chalicelib.store.models import Employer, User

ROUTES_WITH_BODY = [
    ("/api/auth/login", "username"),
    ("/api/auth/code", "code"),
    ("/api/invitations/{token}/password", "password"),
    ("/api/invitations/{token}/phone", "phone"),
    ("/api/invitations/{token}/phone/confirm", "code"),
    ("/api/invitations/{token}/complete", "terms_version"),
    ("/api/admin/employers", "name"),
    ("/api/admin/users", "name"),
    ("/api/admin/users/{user}/phone", "phone"),
    ("/api/auth/backup-code", "code"),
    ("/api/auth/forgot-password", "identifier"),
    ("/api/auth/forgot-username", "email"),
    ("/api/password-resets/{token}", "password"),
    ("/api/account/reauth", "password"),
    ("/api/account/reauth/confirm", "code"),
    ("/api/account/app/confirm", "code"),
    ("/api/account/phone", "phone"),
    ("/api/account/phone/confirm", "code"),
    ("/api/auth/passkey", "credential_id"),
    ("/api/auth/passkey-login", "credential_id"),
]


@pytest.fixture
def token(secretariat_browser, employer, outbox):
    secretariat_browser.post("/api/admin/users", {"name": "Nieuwe Gebruiker", "email": "nieuw@jansen.nl",
                                                  "employer_id": employer["employer_id"]})
    return outbox.last_invitation_token("nieuw@jansen.nl")


def _url(path, token, werkgever):
    return path.format(token=token, user=werkgever.user_id)


def _snapshot():
    return sorted(u.to_simple_dict().__repr__() for u in User.scan()), sum(1 for _ in Employer.scan())


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
@pytest.mark.parametrize("raw", [b"{niet json", b"[1, 2]", b"\xff\xfe", b'"tekst"'])
def test_malformed_json_is_400_in_dutch(secretariat_browser, token, werkgever, path, field, raw):
    before = _snapshot()

    answer = secretariat_browser.post(_url(path, token, werkgever), raw=raw)

    assert answer.status == 400 and answer.error == "malformed_json"
    assert "JSON" in answer.body["message"]
    assert _snapshot() == before


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
def test_missing_field_is_422_naming_it(secretariat_browser, token, werkgever, path, field):
    answer = secretariat_browser.post(_url(path, token, werkgever), {})

    assert answer.status == 422 and answer.body["field"] == field
    assert answer.body["message"].startswith("Vul ")


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
@pytest.mark.parametrize("value", [12345, ["lijst"], {"obj": 1}, True])
def test_wrong_type_is_400_naming_the_field(secretariat_browser, token, werkgever, path, field, value):
    answer = secretariat_browser.post(_url(path, token, werkgever), {
        "username": "a", "password": "b", "code": "c", "phone": "0612345678", "name": "n", "email": "e@x.nl",
        "employer_id": "x", "accept_terms": True, "terms_version": "2026-11", "identifier": "i", field: value})

    assert answer.status == 400 and answer.body["field"] == field and answer.error == "wrong_type"


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
def test_oversized_field_is_422(secretariat_browser, token, werkgever, path, field):
    answer = secretariat_browser.post(_url(path, token, werkgever), {field: "x" * 10_000})

    assert answer.status == 422 and answer.body["field"] == field and answer.error == "too_long"


def test_oversized_body_is_refused(secretariat_browser):
    answer = secretariat_browser.post("/api/admin/employers", raw=b'{"name": "' + b"x" * 70_000 + b'"}')

    assert answer.status == 400 and answer.error == "body_too_large"


@pytest.mark.parametrize("name", ["Jan\u202eDe", "\u200b", "   ", "a" * 101])
def test_odd_unicode_in_names_is_refused_and_nothing_is_written(secretariat_browser, employer, name):
    before = _snapshot()

    employer_answer = secretariat_browser.post("/api/admin/employers", {"name": name})
    user_answer = secretariat_browser.post("/api/admin/users", {"name": name, "email": "x@jansen.nl",
                                                                "employer_id": employer["employer_id"]})

    assert employer_answer.status == user_answer.status == 422
    assert employer_answer.body["field"] == user_answer.body["field"] == "name"
    assert _snapshot() == before


def test_names_keep_accents_and_html_as_plain_text(secretariat_browser, employer):
    answer = secretariat_browser.post("/api/admin/users", {"name": "<b>Zoë</b> Ünal-Ğüzel", "email": "zoe@jansen.nl",
                                                           "employer_id": employer["employer_id"]})

    assert answer.status == 201 and answer.body["name"] == "<b>Zoë</b> Ünal-Ğüzel"
    assert answer.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("email", ["geen-apenstaart", "a@b", "a b@c.nl", "x@" + "a" * 250 + ".nl"])
def test_invalid_email_is_refused(secretariat_browser, employer, email):
    answer = secretariat_browser.post("/api/admin/users", {"name": "Jan", "email": email,
                                                           "employer_id": employer["employer_id"]})

    assert answer.status == 422 and answer.body["field"] == "email"


def test_invitation_for_unknown_employer_is_refused(secretariat_browser):
    answer = secretariat_browser.post("/api/admin/users", {"name": "Jan", "email": "jan@x.nl",
                                                           "employer_id": "bestaat-niet"})

    assert answer.status == 422 and answer.body["field"] == "employer_id"
    assert store.users.find_by_username("jan") is None


@pytest.mark.parametrize("phone", ["+31 6 1234", "0612345678901234567890", "abc", "+44 20 7946 0000"])
def test_impossible_numbers_in_phone_reset_are_refused(secretariat_browser, werkgever, phone):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": phone})

    assert answer.status == 422 and answer.body["field"] == "phone"
    assert store.users.get(werkgever.user_id).phone_pending is None


def test_unknown_username_with_odd_unicode_gets_the_generic_answer(browser):
    answer = browser.post("/api/auth/login", {"username": "\u202e👀\ud7ff", "password": "x"})

    assert answer.status == 401 and answer.error == "invalid_credentials"


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
def test_60_kb_of_brackets_is_400_not_a_crash(secretariat_browser, token, werkgever, path, field):
    # Given a body nested far deeper than any request of ours (it once raised RecursionError: a 500)
    answer = secretariat_browser.post(_url(path, token, werkgever), raw=b"[" * 60_000)
    # Then the portal says so in Dutch
    assert answer.status == 400 and answer.error == "too_deep", answer.body
    assert "genest" in answer.body["message"]


def test_nesting_beyond_eight_levels_inside_a_field_is_400_naming_it(secretariat_browser):
    deep = "x"
    for _ in range(12):
        deep = [deep]
    answer = secretariat_browser.post("/api/admin/employers", {"name": deep})
    assert answer.status == 400 and answer.error == "too_deep" and answer.body["field"] == "name"


@pytest.mark.parametrize("path", ["/api/auth/login", "/api/account/reauth"])
def test_a_lone_surrogate_in_a_password_is_400_naming_the_field(werkgever_browser, path):
    # Given a password that holds half of a surrogate pair (it once crashed the hashing: a 500)
    raw = b'{"username": "wjansen", "password": "geheim\\ud800wachtwoord"}'
    answer = werkgever_browser.post(path, raw=raw)
    # Then the field is named and nothing was evaluated
    assert answer.status == 400 and answer.error == "invalid_characters" and answer.body["field"] == "password"


@pytest.mark.parametrize("path, field", ROUTES_WITH_BODY)
def test_nul_in_any_field_is_400_naming_it(secretariat_browser, token, werkgever, path, field):
    answer = secretariat_browser.post(_url(path, token, werkgever), {field: "a\u0000b"})
    assert answer.status == 400 and answer.error == "invalid_characters" and answer.body["field"] == field


def test_a_blank_key_is_400(browser):
    answer = browser.post("/api/auth/login", {"": "x", "username": "a", "password": "b"})
    assert answer.status == 400 and answer.error == "blank_key"


@pytest.mark.parametrize("email", ["", "   ", "\t"])
def test_a_blank_email_on_forgot_username_is_422_naming_the_field(browser, email):
    # It once went to DynamoDB as an empty index key: a 500
    answer = browser.post("/api/auth/forgot-username", {"email": email})
    assert answer.status == 422 and answer.body["field"] == "email" and answer.error == "required"


def test_a_number_of_5000_digits_is_400(browser):
    answer = browser.post("/api/auth/login", raw=b'{"username": ' + b"9" * 5000 + b"}")
    assert answer.status == 400 and answer.error == "malformed_json"
