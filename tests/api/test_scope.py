"""A leidinggevende sees only the employees of their departments (an afdeling with its teams, or one team), with
their absences and tasks: everything else is not found, exactly like another employer's objects."""
from __future__ import annotations

import pytest

from chalicelib.domain.roles import EmployerRole, Scope
from chalicelib.services import admin, roles
from tests.support.absences import open_tasks, sick
from tests.support.accounts import PASSWORD, log_in
from tests.support.documents import upload
from tests.support.organisation import MANAGER_PHONE, add_in
from tests.support.people import JAN


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


# A body each id-taking route accepts, so that only the id can make it refuse. A new route that takes an employee,
# absence or task id is covered by the test below without being listed; it fails until its body is given here.
BODIES = {
    ("PUT", "/api/employees/{employee_id}"): {"contract_hours": "20"},
    ("POST", "/api/absences/{absence_id}/recovery"): {"date": "2026-09-21"},
    ("PUT", "/api/absences/{absence_id}/first-sick-day"): {"first_sick_day": "2026-09-15"},
    ("POST", "/api/absences/{absence_id}/documents"): {"type": "overig", "dated": "2026-09-21", "filename": "a.pdf",
                                                       "content_type": "application/pdf", "size": 100},
    ("PUT", "/api/leaves/{leave_id}/birth"): {"born_on": "2026-09-20"},
}
CREATES = {("POST", "/api/absences/{absence_id}/documents")}  # 201 for the own department
REMOVES = ("DELETE", "/api/leaves/{leave_id}")  # tried last for the own department: the routes before read it
SCOPED_IDS = ("{employee_id}", "{absence_id}", "{task_id}", "{leave_id}")
# Routes only a verzuimbeheerder may use at all: a leidinggevende gets 403 whatever the id.
HR_ONLY = ("/api/employees/{employee_id}/access-log", "/api/employees/{employee_id}/access-log.csv")
# Ids of other kinds on werkgever routes: a department is managed by HR (403 for a leidinggevende, tested below),
# a session, a passkey and a trusted browser are the user's own (another user's: 404, in test_security_overview.py,
# test_passkeys.py and test_trusted_browser.py).
OTHER_IDS = ("{department_id}", "{session_id}", "{user_id}",  # a colleague: beheerder routes, test_colleagues.py
             "{passkey_id}", "{trusted_browser_id}")


def _werkgever_routes() -> list[tuple[str, str]]:
    from app import app
    return sorted((method, path) for path, methods in app.routes.items() for method in methods
                  if path.startswith("/api/") and not path.startswith(("/api/admin/", "/api/invitations/",
                                                                        "/api/password-resets/")))


ID_ROUTES = [(method, path) for method, path in _werkgever_routes() if any(i in path for i in SCOPED_IDS)]


def test_every_werkgever_route_with_an_id_is_known_to_the_scope_test():
    unknown = [(method, path) for method, path in _werkgever_routes()
               if "{" in path and not any(i in path for i in (*SCOPED_IDS, *OTHER_IDS))]
    assert unknown == [], "a route takes an id this file does not check for scope: add it to SCOPED_IDS or OTHER_IDS"
    assert len(ID_ROUTES) >= 8


def _ids(organisation, name: str, hr, client) -> dict[str, str]:
    """The ids of one sick employee of the organisation: their employee, absence, first task, and a document of
    their case (added by HR, as every route that takes a document id needs one that exists), and the leave of a
    colleague in their department."""
    absence = organisation.absences[name]
    document = upload(hr, client, absence["absence_id"])["document"]
    # a colleague in the same department with a zwangerschapsverlof (the sick employee cannot have one)
    colleague = add_in(hr, "Fleur", f"90{len(name)}{name}", getattr(organisation, name)["department_id"])
    leave = hr.post("/api/leaves", {"employee_id": colleague["employee_id"], "expected_on": "2026-10-01"})
    assert leave.status == 201, leave.body
    return {"employee_id": absence["employee_id"], "absence_id": absence["absence_id"],
            "task_id": absence["tasks"][0]["task_id"], "document_id": document["document_id"],
            "version": str(document["version"]), "leave_id": leave.body["leave_id"]}


@pytest.mark.usefixtures("documents_bucket")
@pytest.mark.parametrize(("method", "path"), ID_ROUTES)
def test_another_departments_employee_absence_and_task_are_not_found_on_every_route(
        organisation, manager_of, werkgever_browser, client, method, path):
    manager = manager_of(organisation.magazijn)
    ids = _ids(organisation, "bob", werkgever_browser, client)

    answer = manager.request(method, path.format(**ids), BODIES.get((method, path)))

    assert answer.status == (403 if path in HR_ONLY else 404), answer.body
    # and nothing changed for the one who may see it
    bob = werkgever_browser.get(f"/api/absences/{ids['absence_id']}").body
    assert bob["status"] == "open" and bob["first_sick_day"] == "2026-09-14"
    assert bob["tasks"][0]["status"] == "open"
    assert werkgever_browser.get(f"/api/employees/{ids['employee_id']}").body["contract_hours"] == 32


@pytest.mark.usefixtures("documents_bucket")
def test_the_same_routes_work_for_the_own_department(organisation, manager_of, werkgever_browser, client):
    manager = manager_of(organisation.magazijn)
    ids = _ids(organisation, "anna", werkgever_browser, client)

    for method, path in ID_ROUTES:
        if path.endswith("/reopen") or (method, path) == REMOVES:
            continue  # a task must be done before it can be reopened: the done route comes first below; and the
            # leave is removed last, after the routes that read it
        answer = manager.request(method, path.format(**ids), BODIES.get((method, path)))
        expected = 403 if path in HR_ONLY else 201 if (method, path) in CREATES else 200
        assert answer.status == expected, (method, path, answer.body)
    assert manager.post(f"/api/tasks/{ids['task_id']}/reopen").status in (200, 409)
    assert manager.request(REMOVES[0], REMOVES[1].format(**ids)).status == 200


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


def _task_absences(browser) -> set[str]:
    return {task["absence_id"] for task in open_tasks(browser)}


def test_home_lists_and_counts_only_the_tasks_of_the_own_departments(organisation, manager_of, werkgever_browser):
    manager = manager_of(organisation.magazijn)
    ids = {name: absence["absence_id"] for name, absence in organisation.absences.items()}

    assert _task_absences(manager) == {ids["anna"], ids["tim"]}
    assert _task_absences(manager_of(organisation.nachtploeg)) == {ids["tim"]}
    assert _task_absences(werkgever_browser) == set(ids.values())
    counts = manager.get("/api/tasks?view=alles").body["counts"]
    assert counts["alles"] == len(open_tasks(manager)) < len(open_tasks(werkgever_browser))
    assert manager.get("/api/auth/me").body["open_tasks"] == counts["alles"]


def test_a_moved_employees_open_tasks_move_with_them(organisation, manager_of, werkgever_browser):
    magazijn, kantoor = manager_of(organisation.magazijn), manager_of(organisation.kantoor)
    anna = organisation.anna["employee_id"]
    ids = {name: absence["absence_id"] for name, absence in organisation.absences.items()}

    assert werkgever_browser.put(f"/api/employees/{anna}", {"department_id": organisation.kantoor}).status == 200

    assert _task_absences(magazijn) == {ids["tim"]}
    assert _task_absences(kantoor) == {ids["anna"], ids["bob"]}
    assert kantoor.get("/api/tasks?view=alles").body["counts"]["alles"] == len(open_tasks(kantoor))


def test_the_weekly_email_counts_only_what_the_user_may_see(deps, employer, organisation, manager_of, outbox,
                                                           werkgever_browser):
    from chalicelib.services import digest

    team = manager_of(organisation.nachtploeg)
    empty = werkgever_browser.post("/api/departments", {"name": "Nog leeg"}).body["department_id"]
    empty_user = manager_of(empty)
    week = digest.iso_week(deps.today())

    assert digest.send_one(deps, team.user_id, week) == "sent"
    assert digest.send_one(deps, empty_user.user_id, week) == "nothing_open"

    def weekly(to: str) -> list[str]:
        return [m.body for m in outbox.emails(to) if "voor u open" in m.body]

    assert weekly("lea1@jansen.nl") == [weekly("lea1@jansen.nl")[0]]
    assert f"Er staan in Verzuimportaal {len(open_tasks(team))} taken voor u open." in weekly("lea1@jansen.nl")[0]
    assert weekly("lea2@jansen.nl") == []
    assert len(open_tasks(team)) < len(open_tasks(werkgever_browser))


def test_figures_chart_and_csv_of_a_leidinggevende_count_only_their_departments(organisation, manager_of,
                                                                               werkgever_browser):
    # Given Kantoor also has Karel, who is not sick; Magazijn's Anna and Tim are both sick since 14-09
    add_in(werkgever_browser, "Karel", "2004", organisation.kantoor)
    manager = manager_of(organisation.magazijn)

    mine = manager.get("/api/reports?van=2026-09&tot=2026-09").body["period"]
    everyone = werkgever_browser.get("/api/reports?van=2026-09&tot=2026-09").body["period"]

    # Then no one of Magazijn was free of sick leave, while the employer as a whole had Karel
    assert mine["nulverzuim"] == 0.0 and everyone["nulverzuim"] == 25.0
    assert mine["verzuimpercentage"] > everyone["verzuimpercentage"]
    def total_row(browser) -> list[str]:
        text = browser.get("/api/reports/export.csv?van=2026-09&tot=2026-09").body.decode("utf-8-sig")
        return next(line for line in text.splitlines() if line.startswith("Totaal")).split(";")

    assert total_row(manager)[-1] == "0,0" and total_row(werkgever_browser)[-1] == "25,0"
    assert manager.get("/api/reports/chart.svg?van=2026-09&tot=2026-09").body != werkgever_browser.get(
        "/api/reports/chart.svg?van=2026-09&tot=2026-09").body


def test_rebuild_employee_search_brings_older_records_into_a_leidinggevendes_sight(employer, organisation,
                                                                                   manager_of):
    # Given Tim's records as an earlier release left them: no afdeling on him, no department on his absence and
    # tasks, and no keys in his departments' search partitions
    import manage
    from chalicelib import store
    from chalicelib.store.models import Absence, Employee, EmployeeSearchKey, Task

    tim, absence_id = organisation.tim["employee_id"], organisation.absences["tim"]["absence_id"]
    employer_id = employer["employer_id"]
    Employee(employer_id, tim).update(actions=[Employee.afdeling_id.remove()])
    Absence(employer_id, absence_id).update(actions=[Absence.department_id.remove(), Absence.department_key.remove()])
    for task in Task.by_absence.query(absence_id):
        task.update(actions=[Task.department_id.remove(), Task.open_department_key.remove()])
    for partition in (f"{employer_id}#{organisation.magazijn}", f"{employer_id}#{organisation.nachtploeg}"):
        for key in EmployeeSearchKey.query(partition):
            if key.employee_id == tim:
                key.delete()
    manager = manager_of(organisation.magazijn)
    assert _names(manager.get("/api/search?q=tim")) == set()
    assert manager.get(f"/api/employees/{tim}").status == 404
    assert absence_id not in _task_absences(manager)

    # When ops runs the one-off command
    assert manage.main(["rebuild-employee-search"]) == 0

    # Then the afdeling's leidinggevende finds Tim, his dossier and his tasks again
    assert _names(manager.get("/api/search?q=tim")) == {"Tim"}
    assert manager.get(f"/api/employees/{tim}").status == 200
    assert absence_id in _task_absences(manager)
    assert store.employees.get(Scope(employer_id), tim).afdeling_id == organisation.magazijn


def test_a_leidinggevende_sees_their_part_of_the_tree_and_does_not_arrange_it(organisation, manager_of):
    manager = manager_of(organisation.magazijn)

    listed = [d["full_name"] for d in manager.get("/api/departments").body["departments"]]
    added = manager.post("/api/departments", {"name": "Eigen afdeling"})
    renamed = manager.put(f"/api/departments/{organisation.magazijn}", {"name": "Ons magazijn"})

    assert listed == ["Magazijn", "Magazijn › Nachtploeg"]
    assert (added.status, added.error) == (403, "not_verzuimbeheerder")
    assert (renamed.status, renamed.error) == (403, "not_verzuimbeheerder")
    assert [d["full_name"] for d in manager_of(organisation.nachtploeg).get("/api/departments").body[
        "departments"]] == ["Magazijn › Nachtploeg"]


def test_the_secretariat_sets_a_role_and_the_admin_page_shows_it(deps, employer, organisation, secretariat_browser,
                                                                  new_browser, outbox):
    # Given a werkgever user of the employer, signed in
    user = admin.provision_active_user(deps, username="piet", name="Piet Planner", email="piet@jansen.nl",
                                       role="werkgever", employer_id=employer["employer_id"],
                                       phone="+31612349999", password=PASSWORD)
    piet = new_browser()
    log_in(piet, outbox, "piet", PASSWORD, "+31612349999")
    assert _names(piet.get("/api/employees?filter=alle")) == {"Anna", "Tim", "Bob"}

    # When the secretariat makes him leidinggevende of Kantoor
    answer = secretariat_browser.put(f"/api/admin/users/{user.user_id}/role", {
        "employer_id": employer["employer_id"], "role": "leidinggevende", "department_ids": [organisation.kantoor]})

    # Then the user's detail says so, his session has ended, and signed in again he sees Kantoor only
    assert answer.status == 200, answer.body
    assert answer.body["roles"] == [{"employer_id": employer["employer_id"], "role": "leidinggevende",
                                     "department_ids": [organisation.kantoor], "beheerder": False}]
    assert piet.get("/api/employees").status == 401
    log_in(piet, outbox, "piet", PASSWORD, "+31612349999")
    assert _names(piet.get("/api/employees?filter=alle")) == {"Bob"}

    # And made verzuimbeheerder again, he sees everyone once more
    back = secretariat_browser.put(f"/api/admin/users/{user.user_id}/role",
                                   {"employer_id": employer["employer_id"], "role": "verzuimbeheerder"})
    assert back.body["roles"][0] == {"employer_id": employer["employer_id"], "role": "verzuimbeheerder",
                                     "department_ids": [], "beheerder": False}
    log_in(piet, outbox, "piet", PASSWORD, "+31612349999")
    assert _names(piet.get("/api/employees?filter=alle")) == {"Anna", "Tim", "Bob"}


@pytest.mark.parametrize(("body", "status", "error"), [
    ({"role": "baas"}, 422, "not_a_choice"),
    ({"role": "leidinggevende", "department_ids": []}, 422, "departments_missing"),
    ({"role": "leidinggevende", "department_ids": ["bestaat-niet"]}, 422, "department_unknown"),
    ({"role": "leidinggevende", "department_ids": [f"d{n}" for n in range(51)]}, 422, "too_many"),
    ({"role": "leidinggevende", "department_ids": "alles"}, 400, "wrong_type"),
    ({"role": "leidinggevende", "department_ids": ["x" * 65]}, 422, "too_long"),
])
def test_a_bad_role_is_refused_in_dutch_and_changes_nothing(employer, werkgever, secretariat_browser, body, status,
                                                            error):
    answer = secretariat_browser.put(f"/api/admin/users/{werkgever.user_id}/role",
                                     {"employer_id": employer["employer_id"], **body})

    assert (answer.status, answer.error) == (status, error), answer.body
    assert secretariat_browser.get(f"/api/admin/users/{werkgever.user_id}").body["roles"][0]["role"] == \
        "verzuimbeheerder"


def test_a_role_at_an_employer_the_user_does_not_work_for_is_refused(werkgever, secretariat_browser):
    other = secretariat_browser.post("/api/admin/employers", {"name": "Elders BV"}).body

    answer = secretariat_browser.put(f"/api/admin/users/{werkgever.user_id}/role",
                                     {"employer_id": other["employer_id"], "role": "verzuimbeheerder"})

    assert (answer.status, answer.error) == (422, "employer_unknown")


def test_only_the_secretariat_sets_roles(employer, werkgever, werkgever_browser):
    answer = werkgever_browser.put(f"/api/admin/users/{werkgever.user_id}/role",
                                   {"employer_id": employer["employer_id"], "role": "verzuimbeheerder"})

    assert answer.status == 403


def test_a_role_at_a_granted_employer_applies_after_switching_to_it(deps, employer, werkgever, organisation,
                                                                    other_employer_browser, secretariat_browser,
                                                                    new_browser, outbox):
    # Given the other employer with a Winkel (Wendy) and a Werkplaats (Wim), where our werkgever is leidinggevende
    # of Winkel; at his own employer he stays verzuimbeheerder
    theirs = other_employer_browser.get("/api/auth/me").body["employer"]["employer_id"]
    winkel = other_employer_browser.post("/api/departments", {"name": "Winkel"}).body["department_id"]
    werkplaats = other_employer_browser.post("/api/departments", {"name": "Werkplaats"}).body["department_id"]
    add_in(other_employer_browser, "Wendy", "4001", winkel)
    add_in(other_employer_browser, "Wim", "4002", werkplaats)
    assert secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers",
                                    {"employer_id": theirs}).status == 200
    set_role = secretariat_browser.put(f"/api/admin/users/{werkgever.user_id}/role",
                                       {"employer_id": theirs, "role": "leidinggevende", "department_ids": [winkel]})
    assert set_role.body["roles"][1] == {"employer_id": theirs, "role": "leidinggevende",
                                         "department_ids": [winkel], "beheerder": False}
    browser = new_browser()
    log_in(browser, outbox, "wjansen", PASSWORD, "+31612345678")
    assert _names(browser.get("/api/employees?filter=alle")) == {"Anna", "Tim", "Bob"}

    # When he switches to the other employer
    assert browser.post("/api/auth/environment", {"employer_id": theirs}).status == 200

    # Then he sees Winkel's employee only; and back home, everyone again
    assert _names(browser.get("/api/employees?filter=alle")) == {"Wendy"}
    assert _names(browser.get("/api/search?q=scoop")) == {"Wendy"}
    assert browser.post("/api/auth/environment", {"employer_id": employer["employer_id"]}).status == 200
    assert _names(browser.get("/api/employees?filter=alle")) == {"Anna", "Tim", "Bob"}


def test_the_secretariat_lists_an_employers_departments_and_each_users_role(employer, werkgever, organisation,
                                                                           manager_of, secretariat_browser,
                                                                           werkgever_browser):
    manager_of(organisation.nachtploeg)

    tree = secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/departments")
    users = secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/users").body["users"]

    assert [d["full_name"] for d in tree.body["departments"]] == ["Kantoor", "Magazijn", "Magazijn › Nachtploeg"]
    assert {u["username"]: (u["employer_role"], u["department_ids"]) for u in users} == {
        "wjansen": ("verzuimbeheerder", []), "leider1": ("leidinggevende", [organisation.nachtploeg])}
    assert secretariat_browser.get("/api/admin/employers/bestaat-niet/departments").status == 404
    assert werkgever_browser.get(f"/api/admin/employers/{employer['employer_id']}/departments").status == 403


def test_rapportages_per_department_and_for_one_department(organisation, manager_of, werkgever_browser):
    # Given Kantoor also has Karel, who is not sick; Anna (Magazijn), Tim (Nachtploeg) and Bob (Kantoor) are
    add_in(werkgever_browser, "Karel", "2004", organisation.kantoor)
    period = "?van=2026-09&tot=2026-09"

    # When HR opens Rapportages, for everyone and for Magazijn only
    everyone = werkgever_browser.get(f"/api/reports{period}").body
    magazijn = werkgever_browser.get(f"/api/reports{period}&afdeling={organisation.magazijn}").body

    # Then every department has its row (an afdeling with its teams), and the filter narrows the whole report
    rows = {d["full_name"]: d["nulverzuim"] for d in everyone["departments"]}
    assert rows == {"Kantoor": 50.0, "Magazijn": 0.0, "Magazijn › Nachtploeg": 0.0}
    assert everyone["period"]["nulverzuim"] == 25.0 and everyone["afdeling"] is None
    assert magazijn["afdeling"] == organisation.magazijn and magazijn["period"]["nulverzuim"] == 0.0
    assert [d["full_name"] for d in magazijn["departments"]] == ["Magazijn", "Magazijn › Nachtploeg"]
    # And the leidinggevende of Magazijn sees the same as HR's Magazijn, and not Kantoor's
    manager = manager_of(organisation.magazijn)
    assert manager.get(f"/api/reports{period}").body["period"] == magazijn["period"]
    refused = manager.get(f"/api/reports{period}&afdeling={organisation.kantoor}")
    assert (refused.status, refused.error) == (404, "department_unknown")
    assert manager.get(f"/api/reports/export.csv{period}&afdeling={organisation.kantoor}").status == 404
    assert werkgever_browser.get(f"/api/reports{period}&afdeling=bestaat-niet").status == 404


def test_the_csv_has_a_row_per_department_and_the_chart_follows_the_filter(organisation, werkgever_browser):
    add_in(werkgever_browser, "Karel", "2004", organisation.kantoor)
    period = "?van=2026-09&tot=2026-09"

    text = werkgever_browser.get(f"/api/reports/export.csv{period}").body.decode("utf-8-sig")
    lines = text.splitlines()
    section = lines.index("Afdeling;Verzuimpercentage;Meldingsfrequentie;Gemiddelde verzuimduur (dagen);Nulverzuim (%)")
    assert [line.split(";")[0] for line in lines[section + 1:]] == ["Kantoor", "Magazijn", "Magazijn › Nachtploeg"]
    assert lines[section + 1].endswith(";50,0")
    chart = werkgever_browser.get(f"/api/reports/chart.svg{period}").body
    assert werkgever_browser.get(f"/api/reports/chart.svg{period}&afdeling={organisation.kantoor}").body != chart
