"""A committed change always has its audit line: the line is written in the change's own transaction, so a
request that fails right after its commit (a throttled read, a timeout) keeps both, and the user's retry adds
no second line."""
from __future__ import annotations

import json

import pytest

from chalicelib.services import audit

EMPLOYEE = {"first_name": "Jan", "infix": "de", "last_name": "Vries", "personnel_number": "1001",
            "date_of_birth": "1980-04-12", "start_date": "2015-03-01", "contract_hours": 32}


def actions(deps, scope) -> list[str]:
    return [entry["action"] for entry in audit.trail(deps, scope)]


@pytest.fixture
def scope(employer) -> str:
    return employer["employer_id"]


@pytest.fixture
def jan(werkgever_browser) -> str:
    return werkgever_browser.post("/api/employees", EMPLOYEE).body["employee_id"]


def report_sick(browser, jan):
    return browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"},
                        headers={"Idempotency-Key": "audit-1"})


def test_a_ziekmelding_that_fails_after_its_commit_keeps_its_line_and_the_retry_adds_none(
        deps, werkgever_browser, jan, scope, faults):
    faults.fail_after("dynamodb", "TransactWriteItems")
    report_sick(werkgever_browser, jan)  # whatever it answers: it committed
    faults.clear()

    retried = report_sick(werkgever_browser, jan)

    assert retried.status in (200, 201) and retried.body["status"] == "open"
    assert actions(deps, scope).count("absence_reported") == 1


@pytest.mark.parametrize("percentage, action", [(100, "recovery_reported"), (50, "partial_recovery_reported")])
def test_a_hersteldmelding_that_fails_after_its_commit_keeps_its_line(deps, werkgever_browser, jan, scope, faults,
                                                                      percentage, action):
    absence = report_sick(werkgever_browser, jan).body
    faults.fail_after("dynamodb", "TransactWriteItems")
    faults.fail_after("dynamodb", "UpdateItem", table="absences")  # how a partial recovery was once written

    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery",
                           {"date": "2026-09-18", "percentage": percentage})
    faults.clear()

    assert actions(deps, scope).count(action) == 1


def test_a_task_done_that_fails_after_its_commit_keeps_its_line(deps, werkgever_browser, jan, scope, faults):
    task = report_sick(werkgever_browser, jan).body["tasks"][0]
    faults.fail_after("dynamodb", "TransactWriteItems")

    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")
    faults.clear()

    assert actions(deps, scope).count("task_done") == 1
    assert werkgever_browser.post(f"/api/tasks/{task['task_id']}/done").status == 409  # it is done
    assert actions(deps, scope).count("task_done") == 1


def test_an_employee_added_or_changed_after_a_failure_past_the_commit_keeps_its_line(deps, werkgever_browser, scope,
                                                                                      faults):
    faults.fail_after("dynamodb", "TransactWriteItems")
    werkgever_browser.post("/api/employees", EMPLOYEE)
    faults.clear()
    assert actions(deps, scope) == ["employee_added"]

    [employee] = werkgever_browser.get("/api/employees").body["employees"]
    faults.fail_after("dynamodb", "TransactWriteItems")
    werkgever_browser.put(f"/api/employees/{employee['employee_id']}", {**EMPLOYEE, "contract_hours": 24})
    faults.clear()
    assert sorted(actions(deps, scope)) == ["employee_added", "employee_changed"]


def test_an_invitation_and_its_resend_keep_their_lines_whatever_fails_after_the_commit(
        deps, secretariat_browser, employer, faults):
    faults.fail_after("dynamodb", "TransactWriteItems")
    secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@bakkerij.nl",
                                                  "employer_id": employer["employer_id"]})
    faults.clear()
    [petra] = [u for u in secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/users").body["users"]
               if u["username"] == "pdebakker"]
    assert actions(deps, "secretariaat").count("user_invited") == 1

    faults.fail_after("dynamodb", "TransactWriteItems")
    secretariat_browser.post(f"/api/admin/users/{petra['user_id']}/resend-invitation")
    faults.clear()
    assert actions(deps, "secretariaat").count("invitation_resent") == 1


def test_an_invitation_whose_email_failed_says_so_in_the_trail(deps, secretariat_browser, employer, faults):
    faults.fail("ses", "SendEmail", "ServiceUnavailable")

    answer = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@bakkerij.nl",
                                                           "employer_id": employer["employer_id"]})

    assert answer.status == 502
    trail = actions(deps, "secretariaat")
    assert (trail.count("user_invited"), trail.count("invitation_not_sent")) == (1, 1)


def _audit_writes(faults) -> list[tuple[str, int]]:
    """Each audit entry written: its action and how many other items its request wrote with it."""
    found = []
    for service, operation, params in faults.calls:
        if service != "dynamodb":
            continue
        if operation == "PutItem" and params["TableName"].endswith("-audit"):
            found.append((params["Item"]["action"]["S"], 0))
        if operation == "TransactWriteItems":
            items = params["TransactItems"]
            for entry in items:
                put = entry.get("Put", {})
                if put.get("TableName", "").endswith("-audit"):
                    found.append((put["Item"]["action"]["S"], len(items) - 1))
    return found


def test_every_change_writes_its_line_in_its_own_transaction(deps, werkgever_browser, secretariat_browser, werkgever,
                                                             employer, faults):
    jan = werkgever_browser.post("/api/employees", EMPLOYEE).body["employee_id"]
    werkgever_browser.put(f"/api/employees/{jan}", {**EMPLOYEE, "contract_hours": 24})
    absence = report_sick(werkgever_browser, jan).body
    werkgever_browser.put(f"/api/absences/{absence['absence_id']}/first-sick-day", {"first_sick_day": "2026-09-15"})
    werkgever_browser.post(f"/api/tasks/{absence['tasks'][0]['task_id']}/done")
    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-18", "percentage": 50})
    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-19"})
    werkgever_browser.get(f"/api/employees/{jan}/dossier")
    other = secretariat_browser.post("/api/admin/employers", {"name": "Tweede BV"}).body["employer_id"]
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers", {"employer_id": other})
    secretariat_browser.delete(f"/api/admin/users/{werkgever.user_id}/employers/{other}")
    invited = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": "petra@bakkerij.nl",
                                                            "employer_id": employer["employer_id"]}).body
    secretariat_browser.post(f"/api/admin/users/{invited['user_id']}/resend-invitation")
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/unlock")
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/phone", {"phone": "0687654321"})
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/deactivate")

    writes = _audit_writes(faults)

    expected = {"employee_added", "employee_changed", "absence_reported", "first_sick_day_corrected", "task_done",
                "partial_recovery_reported", "recovery_reported", "dossier_viewed", "employer_created",
                "employer_access_granted", "employer_access_revoked", "user_invited", "invitation_resent",
                "phone_reset", "account_deactivated"}
    assert expected <= {action for action, _ in writes}, json.dumps(writes)
    alone = [action for action, others in writes if others == 0]
    assert alone == ["dossier_viewed"], "a change's line is written with the change, in one transaction"
