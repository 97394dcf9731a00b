"""Ziek uit dienst (DOMAIN.md): an employment that ends during an open absence plans the UWV report, due on the
last working day; the plan follows the end date when it moves, and goes when the employment continues."""
from __future__ import annotations

import pytest

from tests.support.absences import open_tasks, sick
from tests.support.people import JAN

# The test clock stands at 2026-09-21 in Amsterdam; Jan is sick from 14 September.
REPORT = "ziek_uit_dienst"


@pytest.fixture
def jan(werkgever_browser):
    return werkgever_browser.post("/api/employees", JAN).body["employee_id"]


@pytest.fixture
def sick_jan(werkgever_browser, jan):
    return sick(werkgever_browser, jan, "2026-09-14").body


def reports(browser, absence_id: str) -> list[dict]:
    tasks = browser.get(f"/api/absences/{absence_id}").body["tasks"]
    return [t for t in tasks if t["code"] == REPORT]


def open_reports_on_home(browser) -> list[dict]:
    return [t for t in open_tasks(browser) if t["code"] == REPORT]


def end_employment(browser, employee_id: str, end_date: str | None):
    answer = browser.put(f"/api/employees/{employee_id}", {"end_date": end_date})
    assert answer.status == 200, answer.body
    return answer


def test_an_employment_ending_during_sickness_plans_the_report_on_the_last_working_day(werkgever_browser, jan,
                                                                                      sick_jan):
    open_before = len(open_tasks(werkgever_browser))

    end_employment(werkgever_browser, jan, "2026-10-31")

    [report] = reports(werkgever_browser, sick_jan["absence_id"])
    assert (report["due"], report["status"], report["title"]) == ("2026-10-31", "open",
                                                                  "Ziek-uit-dienstmelding aan UWV")
    assert len(open_tasks(werkgever_browser)) == open_before + 1
    assert [t["task_id"] for t in open_reports_on_home(werkgever_browser)] == [report["task_id"]]


def test_a_later_end_date_moves_the_report_and_plans_no_second_one(werkgever_browser, jan, sick_jan):
    end_employment(werkgever_browser, jan, "2026-10-31")
    [first] = reports(werkgever_browser, sick_jan["absence_id"])

    end_employment(werkgever_browser, jan, "2026-11-30")

    [moved] = reports(werkgever_browser, sick_jan["absence_id"])
    assert (moved["task_id"], moved["due"], moved["status"]) == (first["task_id"], "2026-11-30", "open")


def test_an_employment_that_continues_after_all_withdraws_the_report(werkgever_browser, jan, sick_jan):
    end_employment(werkgever_browser, jan, "2026-10-31")
    open_with_report = len(open_tasks(werkgever_browser))

    end_employment(werkgever_browser, jan, None)

    assert [t["status"] for t in reports(werkgever_browser, sick_jan["absence_id"])] == ["closed"]
    assert open_reports_on_home(werkgever_browser) == []
    assert len(open_tasks(werkgever_browser)) == open_with_report - 1


def test_a_ziekmelding_after_the_end_date_is_known_plans_the_report_with_it(werkgever_browser):
    leaving = werkgever_browser.post("/api/employees", {**JAN, "end_date": "2026-12-31"}).body["employee_id"]

    absence = sick(werkgever_browser, leaving, "2026-09-14").body

    assert [(t["due"], t["status"]) for t in absence["tasks"] if t["code"] == REPORT] == [("2026-12-31", "open")]


def test_a_report_already_done_is_not_planned_again(werkgever_browser, jan, sick_jan):
    end_employment(werkgever_browser, jan, "2026-10-31")
    [report] = reports(werkgever_browser, sick_jan["absence_id"])
    assert werkgever_browser.post(f"/api/tasks/{report['task_id']}/done").status == 200

    end_employment(werkgever_browser, jan, "2026-11-30")

    assert [(t["due"], t["status"]) for t in reports(werkgever_browser, sick_jan["absence_id"])] == [
        ("2026-10-31", "done")]


def test_no_report_for_an_employee_who_is_not_sick_or_has_recovered(werkgever_browser, jan, sick_jan):
    assert werkgever_browser.post(f"/api/absences/{sick_jan['absence_id']}/recovery",
                                  {"date": "2026-09-18"}).status == 200

    end_employment(werkgever_browser, jan, "2026-10-31")

    assert reports(werkgever_browser, sick_jan["absence_id"]) == []
    assert open_reports_on_home(werkgever_browser) == []


def test_the_change_is_in_the_audit_trail(werkgever_browser, secretariat_browser, employer, jan, sick_jan, clock):
    for end_date in ("2026-10-31", "2026-11-30", None):
        clock.advance(60)
        end_employment(werkgever_browser, jan, end_date)

    entries = secretariat_browser.get(f"/api/admin/audit/{employer['employer_id']}").body["entries"]

    planned = [e["action"] for e in entries if e["object_id"] == sick_jan["absence_id"]]
    assert planned[:3] == ["ziek_uit_dienst_withdrawn", "ziek_uit_dienst_moved", "ziek_uit_dienst_planned"]
