"""The audit trail: every dossier view, create and change, and every secretariat action; read by the secretariat."""
from __future__ import annotations

from tests.support.absences import sick
from tests.support.people import JAN


def _trail(secretariat_browser, scope):
    answer = secretariat_browser.get(f"/api/admin/audit/{scope}")
    assert answer.status == 200
    return answer.body["entries"]


def test_employer_actions_are_recorded_with_who_and_when(werkgever_browser, werkgever, secretariat_browser,
                                                         employer, clock):
    employee_id = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    clock.advance(1)
    task = sick(werkgever_browser, employee_id).body["tasks"][0]
    clock.advance(1)
    werkgever_browser.get(f"/api/employees/{employee_id}/dossier")
    clock.advance(1)
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")

    entries = _trail(secretariat_browser, employer["employer_id"])

    assert [e["action"] for e in entries] == ["task_done", "dossier_viewed", "absence_reported", "employee_added"]
    assert {e["actor_user_id"] for e in entries} == {werkgever.user_id}
    assert entries[0]["at"] == clock.now and entries[2]["object_type"] == "absence"


def test_secretariat_actions_are_recorded(secretariat_browser, secretariat, werkgever, clock):
    clock.advance(1)
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": "0687654321"})
    clock.advance(1)
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")

    entries = _trail(secretariat_browser, "secretariaat")

    assert [(e["action"], e["object_id"], e["actor_user_id"]) for e in entries[:2]] == [
        ("account_deactivated", werkgever.user_id, secretariat.user_id),
        ("phone_reset", werkgever.user_id, secretariat.user_id)]


def test_command_line_actions_are_recorded_as_manage_py(deps, secretariat_browser, werkgever, clock):
    import manage

    clock.advance(1)
    manage.main(["unlock", "wjansen"])

    assert _trail(secretariat_browser, "secretariaat")[0]["actor_user_id"] == "manage.py"


def test_the_trail_has_no_route_to_change_or_delete_an_entry(secretariat_browser, employer):
    for method in ("PUT", "DELETE", "POST"):
        answer = secretariat_browser.request(method, f"/api/admin/audit/{employer['employer_id']}", {})
        assert answer.status in (403, 405)
