"""An employer arranged in departments, each with a sick employee, and its leidinggevenden: the fixtures of the API
tests of scope (tests/api/test_scope.py) and of the access log, registered in tests/api/conftest.py."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from chalicelib.domain.roles import EmployerRole
from chalicelib.services import admin, roles
from tests.support.absences import sick
from tests.support.accounts import PASSWORD, log_in
from tests.support.people import JAN

MANAGER_PHONE = "+31612340001"


@dataclass
class Organisation:
    """Magazijn (with the team Nachtploeg) and Kantoor, an employee in each, every one of them sick."""
    magazijn: str
    nachtploeg: str
    kantoor: str
    anna: dict  # in Magazijn
    tim: dict  # in Magazijn › Nachtploeg
    bob: dict  # in Kantoor
    absences: dict[str, dict]  # by first name


def add_in(browser, first_name: str, number: str, department_id: str) -> dict:
    answer = browser.post("/api/employees", {**JAN, "first_name": first_name, "last_name": "Scoop",
                                             "personnel_number": number, "department_id": department_id})
    assert answer.status == 201, answer.body
    return answer.body


@pytest.fixture
def organisation(werkgever_browser) -> Organisation:
    hr = werkgever_browser
    magazijn = hr.post("/api/departments", {"name": "Magazijn"}).body["department_id"]
    nachtploeg = hr.post("/api/departments", {"name": "Nachtploeg", "parent_id": magazijn}).body["department_id"]
    kantoor = hr.post("/api/departments", {"name": "Kantoor"}).body["department_id"]
    people = {"anna": add_in(hr, "Anna", "2001", magazijn), "tim": add_in(hr, "Tim", "2002", nachtploeg),
              "bob": add_in(hr, "Bob", "2003", kantoor)}
    absences = {}
    for name, person in people.items():
        reported = sick(hr, person["employee_id"], key=f"k-{name}")
        assert reported.status == 201, reported.body
        absences[name] = reported.body
    return Organisation(magazijn, nachtploeg, kantoor, absences=absences, **people)


@pytest.fixture
def manager_of(deps, employer, new_browser, outbox):
    """A browser signed in as a new user of the employer who is leidinggevende of these departments."""
    made = []

    def sign_in(*department_ids: str):
        number = len(made) + 1
        user = admin.provision_active_user(deps, username=f"leider{number}", name=f"Lea Leider {number}",
                                           email=f"lea{number}@jansen.nl", role="werkgever",
                                           employer_id=employer["employer_id"], phone=f"{MANAGER_PHONE[:-1]}{number}",
                                           password=PASSWORD)
        roles.set_role(deps, user.user_id, employer["employer_id"],
                       roles.RoleChange(role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset(department_ids)))
        browser = new_browser()
        log_in(browser, outbox, f"leider{number}", PASSWORD, f"{MANAGER_PHONE[:-1]}{number}")
        made.append(user)
        browser.user_id = user.user_id
        return browser

    return sign_in
