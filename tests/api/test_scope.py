"""A leidinggevende sees only the employees of their departments (an afdeling with its teams, or one team), with
their absences and tasks: everything else is not found, exactly like another employer's objects."""
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


def _employee(browser, first_name: str, number: str, department_id: str) -> dict:
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
    people = {"anna": _employee(hr, "Anna", "2001", magazijn), "tim": _employee(hr, "Tim", "2002", nachtploeg),
              "bob": _employee(hr, "Bob", "2003", kantoor)}
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


def _names(answer) -> set[str]:
    assert answer.status == 200, answer.body
    rows = answer.body.get("employees", answer.body.get("results"))
    return {row["first_name"] if "first_name" in row else row["display_name"].split()[0] for row in rows}


def test_a_leidinggevende_of_an_afdeling_sees_its_teams_and_not_other_afdelingen(organisation, manager_of):
    manager = manager_of(organisation.magazijn)

    assert _names(manager.get("/api/employees")) == {"Anna", "Tim"}
    assert _names(manager.get("/api/employees?filter=alle")) == {"Anna", "Tim"}
    assert _names(manager.get("/api/employees?filter=ziek")) == {"Anna", "Tim"}
    assert _names(manager.get("/api/search?q=scoop")) == {"Anna", "Tim"}
    assert _names(manager.get("/api/search?q=2003")) == set()


def test_a_leidinggevende_of_a_team_sees_only_that_team(organisation, manager_of):
    manager = manager_of(organisation.nachtploeg)

    assert _names(manager.get("/api/employees?filter=alle")) == {"Tim"}
    assert _names(manager.get("/api/search?q=scoop")) == {"Tim"}
    assert manager.get(f"/api/employees/{organisation.anna['employee_id']}").status == 404


def test_hr_still_sees_everyone(organisation, werkgever_browser):
    assert _names(werkgever_browser.get("/api/employees?filter=alle")) == {"Anna", "Tim", "Bob"}
    assert _names(werkgever_browser.get("/api/search?q=scoop")) == {"Anna", "Tim", "Bob"}


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/api/employees/{bob}", None),
    ("GET", "/api/employees/{bob}/dossier", None),
    ("PUT", "/api/employees/{bob}", {"contract_hours": "20"}),
    ("GET", "/api/absences/{bob_absence}", None),
    ("POST", "/api/absences/{bob_absence}/recovery", {"date": "2026-09-21"}),
    ("PUT", "/api/absences/{bob_absence}/first-sick-day", {"first_sick_day": "2026-09-15"}),
    ("POST", "/api/tasks/{bob_task}/done", None),
    ("POST", "/api/tasks/{bob_task}/reopen", None),
])
def test_another_departments_employee_absence_and_task_are_not_found(organisation, manager_of, werkgever_browser,
                                                                      method, path, body):
    manager = manager_of(organisation.magazijn)
    ids = {"bob": organisation.bob["employee_id"], "bob_absence": organisation.absences["bob"]["absence_id"],
           "bob_task": organisation.absences["bob"]["tasks"][0]["task_id"]}

    answer = manager.request(method, path.format(**ids), body)

    assert answer.status == 404, answer.body
    # and nothing changed for the one who may see it
    bob = werkgever_browser.get(f"/api/absences/{ids['bob_absence']}").body
    assert bob["status"] == "open" and bob["first_sick_day"] == "2026-09-14"
    assert all(task["status"] == "open" for task in bob["tasks"][:1])


def test_an_own_departments_absence_and_task_are_worked_on_as_by_hr(organisation, manager_of):
    manager = manager_of(organisation.magazijn)
    task = organisation.absences["tim"]["tasks"][0]

    assert manager.post(f"/api/tasks/{task['task_id']}/done").status == 200
    assert manager.get(f"/api/employees/{organisation.tim['employee_id']}/dossier").status == 200


def test_ziek_melden_of_another_departments_employee_is_refused_as_an_unknown_one(organisation, manager_of,
                                                                                  werkgever_browser):
    manager = manager_of(organisation.magazijn)
    werkgever_browser.post(f"/api/absences/{organisation.absences['bob']['absence_id']}/recovery",
                           {"date": "2026-09-21"})

    answer = sick(manager, organisation.bob["employee_id"], first_day="2026-09-21", key="k-bob-2")

    assert answer.status == 422 and answer.error == "employee_unknown"


def test_a_leidinggevende_adds_employees_only_in_their_own_departments(organisation, manager_of):
    manager = manager_of(organisation.magazijn)

    elsewhere = manager.post("/api/employees", {**JAN, "personnel_number": "3001",
                                                "department_id": organisation.kantoor})
    nowhere = manager.post("/api/employees", {**JAN, "personnel_number": "3002"})
    own_team = manager.post("/api/employees", {**JAN, "personnel_number": "3003",
                                               "department_id": organisation.nachtploeg})

    assert elsewhere.status == 422 and elsewhere.error == "department_unknown"
    assert nowhere.status == 422 and nowhere.error == "department_missing"
    assert own_team.status == 201


def test_moving_an_employee_out_of_the_department_takes_them_out_of_sight(organisation, manager_of,
                                                                        werkgever_browser):
    manager = manager_of(organisation.magazijn)
    anna = organisation.anna["employee_id"]

    moved = werkgever_browser.put(f"/api/employees/{anna}", {"department_id": organisation.kantoor})

    assert moved.status == 200
    assert manager.get(f"/api/employees/{anna}").status == 404
    assert manager.get(f"/api/absences/{organisation.absences['anna']['absence_id']}").status == 404
    assert _names(manager.get("/api/search?q=anna")) == set()
    assert _names(manager.get("/api/employees?filter=alle")) == {"Tim"}
    # and back again: she is in sight once more
    werkgever_browser.put(f"/api/employees/{anna}", {"department_id": organisation.nachtploeg})
    assert _names(manager.get("/api/search?q=anna")) == {"Anna"}


def test_a_role_change_ends_the_users_sessions(deps, employer, organisation, manager_of):
    manager = manager_of(organisation.magazijn)
    user_id = manager.user_id

    roles.set_role(deps, user_id, employer["employer_id"],
                   roles.RoleChange(role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset({organisation.kantoor})))

    assert manager.get("/api/employees").status == 401


def test_a_sign_in_begun_before_a_role_change_does_not_open_a_session_with_the_old_role(
        deps, employer, organisation, manager_of, new_browser, outbox):
    user_id = manager_of(organisation.magazijn).user_id
    browser = new_browser()
    started = browser.post("/api/auth/login", {"username": "leider1", "password": PASSWORD})
    assert started.status == 200, started.body

    roles.set_role(deps, user_id, employer["employer_id"],
                   roles.RoleChange(role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset({organisation.kantoor})))
    answer = browser.post("/api/auth/code", {"code": outbox.last_code(f"{MANAGER_PHONE[:-1]}1")})

    assert answer.status != 200
    assert browser.get("/api/employees").status == 401


def test_a_leidinggevende_needs_a_department_of_the_employer(deps, employer, werkgever, organisation):
    for departments, error in ((frozenset(), "departments_missing"), (frozenset({"elders"}), "department_unknown")):
        with pytest.raises(Exception) as refused:
            roles.set_role(deps, werkgever.user_id, employer["employer_id"],
                           roles.RoleChange(role=EmployerRole.LEIDINGGEVENDE, department_ids=departments))
        assert getattr(refused.value, "code", None) == error
