"""Omgevingen: a werkgever user with access to several employers works in one at a time, chosen per session."""
from __future__ import annotations

import pytest

from chalicelib import store
from chalicelib.services import admin, environments
from tests.support.accounts import PASSWORD, log_in
from tests.support.people import JAN


@pytest.fixture
def second_employer(deps):
    return admin.create_employer(deps, "Aannemer Zuid BV")


@pytest.fixture
def granted(secretariat_browser, werkgever, second_employer):
    answer = secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers",
                                      {"employer_id": second_employer["employer_id"]})
    assert answer.status == 200, answer.body
    return answer.body


def switch(browser, employer_id):
    return browser.post("/api/auth/environment", {"employer_id": employer_id})


def test_a_user_with_one_employer_has_one_environment(werkgever_browser, employer):
    me = werkgever_browser.get("/api/auth/me").body

    assert me["environments"] == [{"employer_id": employer["employer_id"], "name": "Bakkerij Jansen BV"}]
    assert me["employer"]["employer_id"] == employer["employer_id"]


def test_granted_employer_appears_as_a_second_environment(granted, werkgever_browser, employer, second_employer):
    me = werkgever_browser.get("/api/auth/me").body

    assert [e["name"] for e in me["environments"]] == ["Aannemer Zuid BV", "Bakkerij Jansen BV"]
    assert me["employer"]["name"] == "Bakkerij Jansen BV", "a session starts in the user's own employer"
    assert granted["access"] == [{"employer_id": second_employer["employer_id"], "name": "Aannemer Zuid BV"}]


def test_switching_scopes_everything_to_the_chosen_employer(granted, werkgever_browser, second_employer):
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]

    answer = switch(werkgever_browser, second_employer["employer_id"])

    assert answer.status == 200 and answer.body["employer"]["name"] == "Aannemer Zuid BV"
    assert werkgever_browser.get("/api/auth/me").body["employer"]["name"] == "Aannemer Zuid BV"
    assert werkgever_browser.get("/api/employees").body["employees"] == []
    assert werkgever_browser.get(f"/api/employees/{jan}").status == 404
    assert werkgever_browser.get("/api/search?q=vries").body["results"] == []
    piet = werkgever_browser.post("/api/employees", {**JAN, "first_name": "Piet"})
    assert piet.status == 201, "the personnel number is free in this employer"


def test_switching_back_shows_the_first_employers_data_again(granted, werkgever_browser, employer, second_employer):
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    switch(werkgever_browser, second_employer["employer_id"])

    switch(werkgever_browser, employer["employer_id"])

    assert [e["employee_id"] for e in werkgever_browser.get("/api/employees").body["employees"]] == [jan]


def test_the_environment_belongs_to_the_session_not_the_user(granted, werkgever_browser, new_browser, outbox,
                                                              second_employer):
    other_tab_of_other_device = new_browser()
    log_in(other_tab_of_other_device, outbox, "wjansen", PASSWORD, "+31612345678")

    switch(werkgever_browser, second_employer["employer_id"])

    assert other_tab_of_other_device.get("/api/auth/me").body["employer"]["name"] == "Bakkerij Jansen BV"


def test_an_employer_without_access_cannot_be_chosen(werkgever_browser, second_employer):
    refused = switch(werkgever_browser, second_employer["employer_id"])
    unknown = switch(werkgever_browser, "bestaat-niet")
    empty = switch(werkgever_browser, "")

    assert (refused.status, refused.error) == (404, "environment_unknown")
    assert (unknown.status, unknown.error) == (404, "environment_unknown")
    assert empty.status == 422
    assert werkgever_browser.get("/api/auth/me").body["employer"]["name"] == "Bakkerij Jansen BV"


def test_the_secretariat_cannot_switch_environment(secretariat_browser, employer):
    assert switch(secretariat_browser, employer["employer_id"]).status == 403


def test_revoking_access_ends_sessions_working_in_that_environment(granted, werkgever_browser, new_browser, outbox,
                                                                   secretariat_browser, werkgever, second_employer):
    at_home = new_browser()
    log_in(at_home, outbox, "wjansen", PASSWORD, "+31612345678")
    switch(werkgever_browser, second_employer["employer_id"])

    answer = secretariat_browser.request(
        "DELETE", f"/api/admin/users/{werkgever.user_id}/employers/{second_employer['employer_id']}")

    assert answer.status == 200 and answer.body["access"] == []
    assert werkgever_browser.get("/api/employees").status == 401
    assert at_home.get("/api/employees").status == 200
    assert switch(at_home, second_employer["employer_id"]).status == 404
    assert len(at_home.get("/api/auth/me").body["environments"]) == 1


def test_granting_is_checked(secretariat_browser, werkgever, secretariat, employer, second_employer, granted):
    def grant(user_id, employer_id):
        return secretariat_browser.post(f"/api/admin/users/{user_id}/employers", {"employer_id": employer_id})

    assert grant(werkgever.user_id, second_employer["employer_id"]).error == "access_exists"
    assert grant(werkgever.user_id, employer["employer_id"]).error == "access_exists"
    assert grant(werkgever.user_id, "bestaat-niet").error == "employer_unknown"
    assert grant(secretariat.user_id, employer["employer_id"]).error == "not_werkgever"
    assert grant("bestaat-niet", employer["employer_id"]).status == 404
    revoke_unknown = secretariat_browser.request("DELETE", f"/api/admin/users/{werkgever.user_id}/employers/x")
    assert revoke_unknown.status == 404


def test_werkgever_users_cannot_grant_themselves_access(werkgever_browser, werkgever, second_employer):
    answer = werkgever_browser.post(f"/api/admin/users/{werkgever.user_id}/employers",
                                    {"employer_id": second_employer["employer_id"]})

    assert answer.status == 403
    assert len(werkgever_browser.get("/api/auth/me").body["environments"]) == 1


def test_the_second_employers_user_list_shows_the_user_with_access(granted, secretariat_browser, second_employer):
    users = secretariat_browser.get(f"/api/admin/employers/{second_employer['employer_id']}/users").body["users"]

    assert [(u["username"], u.get("via_access")) for u in users] == [("wjansen", True)]


def test_granting_and_revoking_are_in_the_secretariats_audit_trail(granted, secretariat_browser, werkgever, clock,
                                                                   second_employer):
    clock.advance(1)
    secretariat_browser.request("DELETE",
                                f"/api/admin/users/{werkgever.user_id}/employers/{second_employer['employer_id']}")

    entries = secretariat_browser.get("/api/admin/audit/secretariaat").body["entries"]
    actions = [e["action"] for e in entries if e["object_id"].startswith(werkgever.user_id)]
    assert actions[:2] == ["employer_access_revoked", "employer_access_granted"]


def test_a_new_employer_has_no_data_yet(werkgever_browser):
    assert werkgever_browser.get("/api/auth/me").body["has_employees"] is False

    werkgever_browser.post("/api/employees", JAN)

    assert werkgever_browser.get("/api/auth/me").body["has_employees"] is True


def test_open_tasks_per_user_count_every_environment(granted, werkgever_browser, werkgever, second_employer):
    def report_sick(key):
        employee = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
        return werkgever_browser.post("/api/absences", {"employee_id": employee, "first_sick_day": "2026-09-14"},
                                      headers={"Idempotency-Key": key}).body

    here = report_sick("hier")
    switch(werkgever_browser, second_employer["employer_id"])
    there = report_sick("daar")
    werkgever_browser.post(f"/api/tasks/{there['tasks'][0]['task_id']}/done")

    expected = len(here["tasks"]) + len(there["tasks"]) - 1
    assert environments.open_task_count(werkgever) == expected
    assert werkgever_browser.get("/api/auth/me").body["open_tasks"] == expected


def test_access_granted_during_a_session_is_listed_in_it_at_once(werkgever_browser, secretariat_browser, werkgever,
                                                                 second_employer):
    assert len(werkgever_browser.get("/api/auth/me").body["environments"]) == 1

    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers",
                             {"employer_id": second_employer["employer_id"]})

    assert [e["name"] for e in werkgever_browser.get("/api/auth/me").body["environments"]] == [
        "Aannemer Zuid BV", "Bakkerij Jansen BV"]
    assert switch(werkgever_browser, second_employer["employer_id"]).status == 200


def test_a_session_from_before_sessions_listed_their_omgevingen_still_finds_them(granted, werkgever_browser,
                                                                                  werkgever):
    for session in store.sessions.for_user(werkgever.user_id):
        store.models.Session(session.token_hash).update(actions=[store.models.Session.employer_ids.remove()])

    me = werkgever_browser.get("/api/auth/me").body

    assert [e["name"] for e in me["environments"]] == ["Aannemer Zuid BV", "Bakkerij Jansen BV"]


def test_a_sign_in_that_read_the_omgevingen_before_a_revoke_opens_no_session(granted, new_browser, outbox,
                                                                             secretariat_browser, werkgever,
                                                                             second_employer, monkeypatch):
    browser = new_browser()
    assert browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD}).status == 200
    read_before_the_revoke = store.employer_access.employers_of(werkgever.user_id)
    secretariat_browser.request("DELETE",
                                f"/api/admin/users/{werkgever.user_id}/employers/{second_employer['employer_id']}")
    monkeypatch.setattr(store.employer_access, "employers_of", lambda user_id: read_before_the_revoke)

    answer = browser.post("/api/auth/code", {"code": outbox.last_code("+31612345678")})

    assert answer.error == "login_expired" and "Log opnieuw in" in answer.body["message"]
    assert browser.get("/api/auth/me").status == 401
    assert all(second_employer["employer_id"] not in (s.employer_ids or ())
               for s in store.sessions.for_user(werkgever.user_id))
    monkeypatch.undo()
    log_in(browser, outbox, "wjansen", PASSWORD, "+31612345678")
    assert [e["name"] for e in browser.get("/api/auth/me").body["environments"]] == ["Bakkerij Jansen BV"]


def test_an_employer_from_before_the_employees_flag_still_knows_it_has_employees(werkgever_browser, employer):
    werkgever_browser.post("/api/employees", JAN)
    store.models.Employer(employer["employer_id"]).update(actions=[store.models.Employer.has_employees.remove()])

    assert werkgever_browser.get("/api/auth/me").body["has_employees"] is True
    assert store.employers.get(employer["employer_id"]).has_employees is True, "asked once, then stored"


def test_an_employer_from_before_the_flag_without_employees_learns_it_and_the_first_one_still_counts(
        werkgever_browser, employer):
    store.models.Employer(employer["employer_id"]).update(actions=[store.models.Employer.has_employees.remove()])

    assert werkgever_browser.get("/api/auth/me").body["has_employees"] is False
    werkgever_browser.post("/api/employees", JAN)

    assert werkgever_browser.get("/api/auth/me").body["has_employees"] is True
