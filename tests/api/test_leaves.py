"""Zwangerschaps- en bevallingsverlof: registered as leave, not as a ziekmelding (issue 17, item 6).

The test clock stands at 2026-09-21. Jan's expected date is Sunday 20 December 2026: the day after is 21 December,
six weeks before that 9 November, four weeks before it 23 November (the default first leave day). With the birth on
the expected date the bevallingsverlof runs 21 December – 14 March 2027 (10 weeks + the 14 untaken days).
"""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chalicelib import store
from chalicelib.domain.roles import Scope
from chalicelib.services import retention
from tests.support.absences import open_tasks, sick
from tests.support.organisation import add_in
from tests.support.people import JAN

EXPECTED = "2026-12-20"


def at(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())


def add(browser, number: str, **fields) -> str:
    answer = browser.post("/api/employees", {**JAN, "first_name": "Fatima", "last_name": "Bakker",
                                             "personnel_number": number, **fields})
    assert answer.status == 201, answer.body
    return answer.body["employee_id"]


def register(browser, employee_id: str, expected_on: str = EXPECTED, **fields):
    return browser.post("/api/leaves", {"employee_id": employee_id, "expected_on": expected_on, **fields})


@pytest.fixture
def fatima(werkgever_browser) -> str:
    return add(werkgever_browser, "3001")


@pytest.fixture
def leave(werkgever_browser, fatima) -> dict:
    answer = register(werkgever_browser, fatima)
    assert answer.status == 201, answer.body
    return answer.body


def test_a_leave_is_registered_with_its_periods_and_the_two_uwv_tasks(werkgever_browser, fatima, employer):
    open_before = store.employers.get(employer["employer_id"]).open_tasks or 0

    answer = register(werkgever_browser, fatima)

    assert answer.status == 201, answer.body
    leave = answer.body
    assert (leave["starts_on"], leave["pregnancy_from"], leave["pregnancy_until"]) == (
        "2026-11-23", "2026-11-23", EXPECTED)
    assert (leave["maternity_from"], leave["maternity_until"], leave["total_days"]) == (
        "2026-12-21", "2027-03-14", 112)
    assert leave["born_on"] is None and leave["on_leave_today"] is False
    assert [(t["title"], t["due"], t["status"]) for t in leave["tasks"]] == [
        ("WAZO-uitkering aanvragen bij UWV", "2026-11-09", "open"),
        ("Bevallingsdatum doorgeven aan UWV", "2027-01-03", "open")]
    # on the home page, as a leave's tasks, and in the employer's count (the weekly email's number)
    answer = werkgever_browser.get("/api/tasks?view=alles").body
    [case] = [c for c in answer["cases"] if c["absence_id"] == leave["leave_id"]]
    assert (case["kind"], case["employee_id"], case["employee_name"]) == ("verlof", fatima, "Fatima de Bakker")
    assert store.employers.get(employer["employer_id"]).open_tasks == open_before + 2


def test_a_chosen_first_day_six_weeks_before_gives_ten_weeks_after_the_birth(werkgever_browser, fatima):
    answer = register(werkgever_browser, fatima, starts_on="2026-11-09")

    assert answer.status == 201, answer.body
    assert (answer.body["maternity_until"], answer.body["total_days"]) == ("2027-02-28", 112)
    assert answer.body["tasks"][0]["due"] == "2026-10-26"  # two weeks before 9 November


@pytest.mark.parametrize(("fields", "field", "code"), [
    ({"starts_on": "2026-11-08"}, "starts_on", "leave_start_outside_window"),
    ({"starts_on": "2026-11-24"}, "starts_on", "leave_start_outside_window"),
    ({"expected_on": "2027-09-01"}, "expected_on", "expected_date_out_of_range"),
    ({"expected_on": "2026-02-01"}, "expected_on", "expected_date_out_of_range"),
    ({"expected_on": "20-12-2026x"}, "expected_on", None),
])
def test_dates_outside_what_the_wazo_allows_are_refused_in_dutch(werkgever_browser, fatima, fields, field, code):
    answer = register(werkgever_browser, fatima, **fields)

    assert answer.status == 422, answer.body
    assert answer.body["field"] == field
    if code:
        assert answer.error == code
    assert werkgever_browser.get(f"/api/employees/{fatima}/dossier").body["leaves"] == []


def test_the_leave_is_in_the_dossier_and_not_among_the_absences(werkgever_browser, fatima, leave):
    dossier = werkgever_browser.get(f"/api/employees/{fatima}/dossier").body

    assert dossier["absences"] == []
    [shown] = dossier["leaves"]
    assert shown["leave_id"] == leave["leave_id"] and len(shown["tasks"]) == 2
    assert {"date": "2026-11-23", "event": "Zwangerschapsverlof begint"} in dossier["timeline"]
    assert {"date": "2027-03-14", "event": "Laatste dag bevallingsverlof"} in dossier["timeline"]
    assert werkgever_browser.get(f"/api/leaves/{leave['leave_id']}").body["tasks"] == leave["tasks"]
    # and who registered and looked at it is in the employee's access log, in Dutch
    logged = werkgever_browser.get(f"/api/employees/{fatima}/access-log").body["entries"]
    assert {"Zwangerschapsverlof geregistreerd", "Verlof bekeken"} <= {entry["what"] for entry in logged}


def test_a_leave_does_not_count_in_the_verzuim_figures(werkgever_browser):
    # Fatima's leave runs from 5 July (expected 1 August); Jan is sick 1–10 July. Both work 32 hours.
    fatima = add(werkgever_browser, "3002")
    assert register(werkgever_browser, fatima, expected_on="2026-08-01").status == 201
    jan = add(werkgever_browser, "3003", first_name="Jan")
    absence = sick(werkgever_browser, jan, "2026-07-01").body
    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-07-11"})

    july = werkgever_browser.get("/api/reports?van=2026-07&tot=2026-07").body["period"]

    # 10 sick days of 2 × 31 employed days: 16.13 %; one report; Fatima has no sick leave (nulverzuim 50 %)
    assert july["verzuimpercentage"] == 16.13
    assert july["nulverzuim"] == 50.0
    assert july["duration_classes"]["kort"] == 1


def test_a_ziekmelding_before_the_leave_begins_is_taken(werkgever_browser, fatima, leave):
    answer = sick(werkgever_browser, fatima, "2026-09-21", key="k-before")

    assert answer.status == 201, "the leave begins on 23 November: sick now is a ziekmelding"


def test_a_ziekmelding_from_a_day_in_a_running_leave_is_refused(werkgever_browser):
    # expected 1 October: the leave runs from 4 September to 24 December
    fatima = add(werkgever_browser, "3004")
    leave = register(werkgever_browser, fatima, expected_on="2026-10-01").body
    assert leave["on_leave_today"] is True

    answer = sick(werkgever_browser, fatima, "2026-09-21", key="k-leave")

    assert answer.status == 409 and answer.error == "on_leave"
    assert "zwangerschaps- of bevallingsverlof" in answer.body["message"]
    assert werkgever_browser.get(f"/api/employees/{fatima}/dossier").body["absences"] == []


def test_no_leave_while_sick_and_no_second_leave_while_one_lasts(werkgever_browser, fatima):
    absence = sick(werkgever_browser, fatima, "2026-09-14", key="k-sick").body

    while_sick = register(werkgever_browser, fatima)
    assert while_sick.status == 409 and while_sick.error == "already_absent"
    assert "meld het herstel" in while_sick.body["message"]

    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-21"})
    assert register(werkgever_browser, fatima).status == 201
    again = register(werkgever_browser, fatima, expected_on="2027-01-10")
    assert again.status == 409 and again.error == "leave_exists"
    assert "tot en met 14-03-2027" in again.body["message"]


def test_the_birth_date_sets_the_end_of_the_leave_and_moves_its_report(werkgever_browser, fatima, employer):
    # expected 15 September: the leave began on 19 August; born on 18 September, three days late
    leave = register(werkgever_browser, fatima, expected_on="2026-09-15").body
    assert leave["maternity_until"] == "2026-12-08"

    later = werkgever_browser.put(f"/api/leaves/{leave['leave_id']}/birth", {"born_on": "2026-09-18"})

    assert later.status == 200, later.body
    assert (later.body["born_on"], later.body["pregnancy_until"], later.body["maternity_until"]) == (
        "2026-09-18", "2026-09-18", "2026-12-11")  # three days late: three days longer
    assert [t["due"] for t in later.body["tasks"] if t["code"] == "bevallingsdatum_uwv"] == ["2026-10-02"]
    # the leave's new last day holds off a ziekmelding too
    assert store.employees.get(Scope(employer["employer_id"]), fatima).leave_until == "2026-12-11"
    assert sick(werkgever_browser, fatima, "2026-09-21", key="k-in-leave").error == "on_leave"


def test_a_birth_date_in_the_future_is_refused(werkgever_browser, leave):
    answer = werkgever_browser.put(f"/api/leaves/{leave['leave_id']}/birth", {"born_on": "2026-09-22"})

    assert answer.status == 422 and answer.error == "date_in_future"


def test_a_leaves_task_is_done_and_reopened_as_any_other(werkgever_browser, leave):
    task = leave["tasks"][0]

    done = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {"note": "Aangevraagd via UWV"})
    assert done.status == 200, done.body
    assert done.body["reopen_until"] is not None
    assert task["task_id"] not in [t["task_id"] for t in open_tasks(werkgever_browser)]

    reopened = werkgever_browser.post(f"/api/tasks/{task['task_id']}/reopen")
    assert reopened.status == 200, reopened.body
    assert task["task_id"] in [t["task_id"] for t in open_tasks(werkgever_browser)]


def test_another_employers_leave_is_not_found(other_employer_browser, leave):
    assert other_employer_browser.get(f"/api/leaves/{leave['leave_id']}").status == 404
    answer = other_employer_browser.put(f"/api/leaves/{leave['leave_id']}/birth", {"born_on": "2026-09-20"})
    assert answer.status == 404 and answer.error == "leave_unknown"
    assert register(other_employer_browser, leave["employee_id"]).error == "employee_unknown"


def test_the_daily_job_keeps_a_leaves_tasks_and_removes_them_with_the_employee(werkgever_browser, clock, deps,
                                                                              employer):
    fatima = add(werkgever_browser, "3005", end_date="2027-06-30")
    leave = register(werkgever_browser, fatima).body
    count = store.employers.get(employer["employer_id"]).open_tasks

    kept = retention.purge(deps)  # the tasks' case is a leave, not a vanished absence
    assert kept.orphaned_tasks_removed == 0
    assert store.employers.get(employer["employer_id"]).open_tasks == count

    clock.now = at(date(2029, 7, 2))  # two years after the employment ended
    gone = retention.purge(deps)
    assert gone.employees_removed == 1
    assert store.leaves.get(Scope(employer["employer_id"]), leave["leave_id"]) is None
    assert store.absences.tasks_of(leave["leave_id"]) == []
    assert store.employers.get(employer["employer_id"]).open_tasks == count - 2


def test_a_leave_and_its_tasks_follow_the_employee_into_a_leidinggevendes_department(organisation, manager_of,
                                                                                    werkgever_browser):
    fleur = add_in(werkgever_browser, "Fleur", "4001", organisation.kantoor)["employee_id"]
    leave = register(werkgever_browser, fleur).body
    manager = manager_of(organisation.magazijn)
    assert manager.get(f"/api/leaves/{leave['leave_id']}").status == 404
    assert not {t["task_id"] for t in leave["tasks"]} & {t["task_id"] for t in open_tasks(manager)}

    moved = werkgever_browser.put(f"/api/employees/{fleur}", {"department_id": organisation.magazijn})
    assert moved.status == 200, moved.body

    assert manager.get(f"/api/leaves/{leave['leave_id']}").status == 200
    assert {t["task_id"] for t in leave["tasks"]} <= {t["task_id"] for t in open_tasks(manager)}


def test_a_leave_registered_in_error_is_removed_with_its_tasks_and_frees_the_employee(werkgever_browser, employer):
    # Given a running leave (expected 1 October) registered for the wrong employee
    fatima = add(werkgever_browser, "3006")
    leave = register(werkgever_browser, fatima, expected_on="2026-10-01").body
    count = store.employers.get(employer["employer_id"]).open_tasks
    assert sick(werkgever_browser, fatima, "2026-09-21", key="k-wrong").error == "on_leave"

    # When it is removed
    answer = werkgever_browser.delete(f"/api/leaves/{leave['leave_id']}")

    # Then it is gone with its tasks and their count, and she can be reported sick on its days
    assert answer.status == 200 and answer.body == {"tasks_removed": 2}, answer.body
    assert werkgever_browser.get(f"/api/leaves/{leave['leave_id']}").status == 404
    assert werkgever_browser.get(f"/api/employees/{fatima}/dossier").body["leaves"] == []
    assert store.employers.get(employer["employer_id"]).open_tasks == count - 2
    assert not {t["task_id"] for t in leave["tasks"]} & {t["task_id"] for t in open_tasks(werkgever_browser)}
    assert sick(werkgever_browser, fatima, "2026-09-21", key="k-right").status == 201
    logged = werkgever_browser.get(f"/api/employees/{fatima}/access-log").body["entries"]
    assert "Verlof verwijderd" in {entry["what"] for entry in logged}
    assert werkgever_browser.delete(f"/api/leaves/{leave['leave_id']}").error == "leave_unknown"


def test_removing_a_leave_with_a_done_task_removes_that_task_without_counting_it(werkgever_browser, employer,
                                                                                leave):
    werkgever_browser.post(f"/api/tasks/{leave['tasks'][0]['task_id']}/done")
    count = store.employers.get(employer["employer_id"]).open_tasks

    assert werkgever_browser.delete(f"/api/leaves/{leave['leave_id']}").body == {"tasks_removed": 2}

    assert store.employers.get(employer["employer_id"]).open_tasks == count - 1
    assert store.absences.tasks_of(leave["leave_id"]) == []


def test_another_employer_cannot_remove_a_leave(other_employer_browser, werkgever_browser, leave):
    answer = other_employer_browser.delete(f"/api/leaves/{leave['leave_id']}")

    assert answer.status == 404 and answer.error == "leave_unknown"
    assert werkgever_browser.get(f"/api/leaves/{leave['leave_id']}").status == 200
