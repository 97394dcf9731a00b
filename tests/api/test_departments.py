"""Afdelingen and teams: an employer's tree of two levels, with names unique among siblings, in its own partition."""
from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import store
from tests.support.accounts import PASSWORD, log_in
from tests.support.people import JAN


def add(browser, name, parent_id=None):
    body = {"name": name} if parent_id is None else {"name": name, "parent_id": parent_id}
    return browser.post("/api/departments", body)


@pytest.fixture
def productie(werkgever_browser):
    answer = add(werkgever_browser, "Productie")
    assert answer.status == 201, answer.body
    return answer.body


def test_an_afdeling_and_its_teams_are_listed_as_a_tree_by_name(werkgever_browser, productie):
    # Given an afdeling Productie with two teams, and a second afdeling added later
    add(werkgever_browser, "Team Ochtend", productie["department_id"])
    add(werkgever_browser, "Team Avond", productie["department_id"])
    add(werkgever_browser, "Administratie")

    # When the list is read
    listed = werkgever_browser.get("/api/departments").body["departments"]

    # Then afdelingen come by name, each followed by its teams by name, teams named with their afdeling
    assert [d["full_name"] for d in listed] == ["Administratie", "Productie", "Productie › Team Avond",
                                                "Productie › Team Ochtend"]
    assert {d["parent_id"] for d in listed[2:]} == {productie["department_id"]}


def test_a_team_cannot_have_teams_of_its_own(werkgever_browser, productie):
    team = add(werkgever_browser, "Team Ochtend", productie["department_id"]).body

    answer = add(werkgever_browser, "Ploeg 1", team["department_id"])

    assert answer.status == 422 and answer.error == "department_too_deep"
    assert answer.body["field"] == "parent_id" and "Team Ochtend" in answer.body["message"]


@pytest.mark.parametrize("same_name", ["Productie", "productie", "  PRODUCTIE ", "Prodúctie"])
def test_a_name_an_afdeling_already_has_is_refused_whatever_its_case_accents_or_spaces(
        werkgever_browser, productie, same_name):
    answer = add(werkgever_browser, same_name)

    assert answer.status == 422 and answer.error == "department_name_taken"
    assert len(werkgever_browser.get("/api/departments").body["departments"]) == 1


def test_two_afdelingen_may_each_have_a_team_of_the_same_name(werkgever_browser, productie):
    winkel = add(werkgever_browser, "Winkel").body
    add(werkgever_browser, "Team Weekend", productie["department_id"])

    answer = add(werkgever_browser, "Team Weekend", winkel["department_id"])

    assert answer.status == 201 and answer.body["full_name"] == "Winkel › Team Weekend"


@pytest.mark.parametrize(("name", "error"), [("", "required"), ("   ", "required"),
                                             ("x" * 61, "department_name_too_long")])
def test_an_empty_or_too_long_name_gets_a_dutch_422(werkgever_browser, name, error):
    answer = add(werkgever_browser, name)

    assert answer.status == 422 and answer.error == error and answer.body["field"] == "name"


def test_a_name_with_a_control_character_is_refused_and_inner_spaces_are_made_one(werkgever_browser):
    assert add(werkgever_browser, "Magazijn\x07").error == "department_name_invalid"

    answer = add(werkgever_browser, "  Team \t  Noord ")

    assert answer.status == 201 and answer.body["name"] == "Team Noord"


def test_renaming_frees_the_old_name_and_takes_the_new_one(werkgever_browser, productie):
    answer = werkgever_browser.put(f"/api/departments/{productie['department_id']}", {"name": "Fabriek"})

    assert answer.status == 200 and answer.body["name"] == "Fabriek"
    assert add(werkgever_browser, "Productie").status == 201, "the old name is free again"
    assert add(werkgever_browser, "fabriek").error == "department_name_taken"


def test_renaming_to_a_siblings_name_is_refused_and_changes_nothing(werkgever_browser, productie):
    winkel = add(werkgever_browser, "Winkel").body

    answer = werkgever_browser.put(f"/api/departments/{winkel['department_id']}", {"name": "Productie"})

    assert answer.status == 422 and answer.error == "department_name_taken"
    names = [d["name"] for d in werkgever_browser.get("/api/departments").body["departments"]]
    assert names == ["Productie", "Winkel"]


def test_another_employers_departments_are_not_seen_renamed_or_used_as_parent(
        werkgever_browser, other_employer_browser, productie):
    assert other_employer_browser.get("/api/departments").body["departments"] == []
    renamed = other_employer_browser.put(f"/api/departments/{productie['department_id']}", {"name": "Overgenomen"})
    assert renamed.status == 404
    team = add(other_employer_browser, "Team", productie["department_id"])
    assert team.status == 422 and team.error == "department_unknown"
    assert werkgever_browser.get("/api/departments").body["departments"][0]["name"] == "Productie"


def test_adding_and_renaming_are_in_the_employers_audit_trail(werkgever_browser, werkgever, productie, clock):
    clock.advance(60)
    werkgever_browser.put(f"/api/departments/{productie['department_id']}", {"name": "Fabriek"})

    lines = store.audit.recent(werkgever.employer_id)

    assert [(e.action, e.object_id, e.actor_user_id) for e in lines if e.object_type == "department"] == [
        ("department_renamed", productie["department_id"], werkgever.user_id),
        ("department_added", productie["department_id"], werkgever.user_id)]


def test_the_secretariat_has_no_departments_of_its_own(secretariat_browser):
    assert secretariat_browser.get("/api/departments").status == 403


# An employee's department: required once the employer has departments, one of its own, and a move keeps history.

def signed_in_again(browser, outbox):
    """After the clock ran forward past the session's end."""
    log_in(browser, outbox, "wjansen", PASSWORD, "+31612345678")


def new_employee(browser, department_id=None, number="1001"):
    body = {**JAN, "personnel_number": number}
    if department_id is not None:
        body["department_id"] = department_id
    return browser.post("/api/employees", body)


def test_without_departments_an_employee_needs_none(werkgever_browser):
    answer = new_employee(werkgever_browser)

    assert answer.status == 201 and answer.body["department_id"] is None


def test_once_the_employer_has_departments_a_new_employee_needs_one_named_with_the_other_errors(
        werkgever_browser, productie):
    answer = werkgever_browser.post("/api/employees", {**JAN, "department_id": None, "contract_hours": "0"})

    assert answer.status == 422
    assert [e["field"] for e in answer.body["errors"]] == ["contract_hours", "department_id"]
    assert "Kies de afdeling" in answer.body["errors"][1]["message"]
    assert werkgever_browser.get("/api/employees").body["employees"] == []


def test_an_employee_gets_the_department_chosen_from_today(werkgever_browser, productie, deps):
    answer = new_employee(werkgever_browser, productie["department_id"])

    assert answer.status == 201
    assert answer.body["department_id"] == productie["department_id"]
    assert answer.body["department_since"] == deps.today().isoformat()
    assert answer.body["department_history"] == []


def test_another_employers_department_cannot_be_chosen(werkgever_browser, other_employer_browser, productie):
    answer = new_employee(other_employer_browser, productie["department_id"])

    assert answer.status == 422 and answer.body["field"] == "department_id"
    assert answer.error == "department_unknown"


def test_a_move_keeps_where_the_employee_was_until_the_day_before(werkgever_browser, productie, clock, deps, outbox):
    # Given Jan in Productie since today, and a team Magazijn
    magazijn = add(werkgever_browser, "Magazijn").body
    jan = new_employee(werkgever_browser, productie["department_id"]).body
    started = deps.today().isoformat()

    # When he moves to Magazijn ten days later
    clock.advance(10 * 86400)
    signed_in_again(werkgever_browser, outbox)
    moved = werkgever_browser.put(f"/api/employees/{jan['employee_id']}", {"department_id": magazijn["department_id"]})

    # Then he is in Magazijn from today, and Productie is kept in his history until yesterday
    assert moved.status == 200, moved.body
    assert moved.body["department_id"] == magazijn["department_id"]
    assert moved.body["department_since"] == deps.today().isoformat()
    assert moved.body["department_history"] == [{"department_id": productie["department_id"], "from_date": started,
                                                 "until": (deps.today() - timedelta(days=1)).isoformat()}]
    assert werkgever_browser.get(f"/api/employees/{jan['employee_id']}").body == moved.body


def test_a_move_on_the_first_day_corrects_the_department_without_history(werkgever_browser, productie):
    magazijn = add(werkgever_browser, "Magazijn").body
    jan = new_employee(werkgever_browser, productie["department_id"]).body

    moved = werkgever_browser.put(f"/api/employees/{jan['employee_id']}", {"department_id": magazijn["department_id"]})

    assert moved.body["department_id"] == magazijn["department_id"] and moved.body["department_history"] == []


def test_a_change_without_department_keeps_it_and_clearing_it_is_refused(werkgever_browser, productie):
    jan = new_employee(werkgever_browser, productie["department_id"]).body

    kept = werkgever_browser.put(f"/api/employees/{jan['employee_id']}", {"work_phone": "013-1234567"})
    cleared = werkgever_browser.put(f"/api/employees/{jan['employee_id']}", {"department_id": None})

    assert kept.status == 200 and kept.body["department_id"] == productie["department_id"]
    assert cleared.status == 422 and cleared.error == "department_missing"


def test_a_move_is_in_the_audit_trail_as_such(werkgever_browser, werkgever, productie, clock, outbox):
    magazijn = add(werkgever_browser, "Magazijn").body
    jan = new_employee(werkgever_browser, productie["department_id"]).body
    clock.advance(86400)
    signed_in_again(werkgever_browser, outbox)

    werkgever_browser.put(f"/api/employees/{jan['employee_id']}", {"department_id": magazijn["department_id"]})

    assert store.audit.recent(werkgever.employer_id)[0].action == "employee_moved"
