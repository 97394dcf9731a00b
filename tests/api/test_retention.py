"""Bewaartermijnen: run the clock forward and see what is gone and what stays.

The test clock starts on Monday 2026-09-21. moto does not run DynamoDB's TTL sweeper; `sweep` does what it does.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import manage
from chalicelib import store
from chalicelib.domain.roles import Scope
from chalicelib.services import retention
from tests.support.absences import open_tasks
from tests.support.accounts import PASSWORD, SECRETARIAT_PASSWORD, log_in
from tests.support.people import JAN
from tests.support.ttl import sweep

DAY = 24 * 3600


def at(day: date, hour: int = 12) -> int:
    return int(datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp())


def employee(browser, first_name, number):
    return browser.post("/api/employees", {**JAN, "first_name": first_name, "personnel_number": number}
                        ).body["employee_id"]


def sick_and_recovered(browser, employee_id, first="2026-09-01", recovered="2026-09-10"):
    absence = browser.post("/api/absences", {"employee_id": employee_id, "first_sick_day": first},
                           headers={"Idempotency-Key": f"k-{employee_id}"}).body
    done = absence["tasks"][1]
    browser.post(f"/api/tasks/{done['task_id']}/done")
    browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": recovered})
    return absence


def leaves(browser, employee_id, on="2026-09-20"):
    answer = browser.put(f"/api/employees/{employee_id}", {"end_date": on})
    assert answer.status == 200, answer.body


def run_until(clock, deps, day):
    clock.now = at(day)
    sweep(clock.now)
    return retention.purge(deps)


@pytest.fixture
def later(new_browser, outbox):
    """A fresh login of the werkgever user, after the clock moved on (the old session has long expired)."""
    def sign_in():
        browser = new_browser()
        log_in(browser, outbox, "wjansen", PASSWORD, "+31612345678")
        return browser
    return sign_in


@pytest.fixture
def history(werkgever_browser):
    """Jan left on 2026-09-20 after an absence; Piet stays employed after his; Kees left while still sick."""
    jan, piet, kees = (employee(werkgever_browser, name, n) for name, n in (("Jan", "1"), ("Piet", "2"),
                                                                           ("Kees", "3")))
    absences = {"jan": sick_and_recovered(werkgever_browser, jan), "piet": sick_and_recovered(werkgever_browser, piet)}
    werkgever_browser.post("/api/absences", {"employee_id": kees, "first_sick_day": "2026-09-14"},
                           headers={"Idempotency-Key": "kees"})
    leaves(werkgever_browser, jan)
    leaves(werkgever_browser, kees)
    return {"jan": jan, "piet": piet, "kees": kees, "absences": absences}


def dossier(browser, employee_id):
    return browser.get(f"/api/employees/{employee_id}/dossier")


def test_closed_records_get_their_removal_dates(history, werkgever):
    jan_absence = store.absences.get(Scope(werkgever.employer_id), history["absences"]["jan"]["absence_id"])
    piet_absence = store.absences.get(Scope(werkgever.employer_id), history["absences"]["piet"]["absence_id"])
    jan = store.employees.get(Scope(werkgever.employer_id), history["jan"])

    assert jan_absence.purge_at == at(date(2028, 9, 20), 0), "two years after the employment ended (20-09-2026)"
    assert piet_absence.purge_at is None, "still employed: kept"
    assert jan.purge_on == "2028-09-19"
    tasks = store.absences.tasks_of(jan_absence.absence_id)
    assert {t.purge_at for t in tasks if t.status != "open"} == {at(date(2028, 9, 10), 0)}, \
        "two years after the re-integration ended (recovered 10-09-2026)"
    assert {t.purge_at for t in tasks if t.status == "open"} == {None}


def test_before_the_periods_end_everything_stays(history, later, clock, deps):
    report = run_until(clock, deps, date(2028, 9, 9))
    werkgever_browser = later()

    assert report.employees_removed == 0
    for name in ("jan", "piet", "kees"):
        assert dossier(werkgever_browser, history[name]).status == 200
    assert len(dossier(werkgever_browser, history["jan"]).body["absences"][0]["tasks"]) > 1


def test_after_two_years_the_reintegration_tasks_go_and_the_absence_stays(history, later, clock, deps):
    run_until(clock, deps, date(2028, 9, 12))
    werkgever_browser = later()

    for name in ("jan", "piet"):
        [absence] = dossier(werkgever_browser, history[name]).body["absences"]
        assert absence["first_sick_day"] == "2026-09-01" and absence["recovered_on"] == "2026-09-10"
        assert all(t["status"] == "open" for t in absence["tasks"]), "only tasks left open remain"


def test_after_the_employments_end_period_the_employee_is_removed(history, later, werkgever, clock, deps):
    open_before = store.employers.get(werkgever.employer_id).open_tasks

    report = run_until(clock, deps, date(2028, 9, 21))
    werkgever_browser = later()

    assert report.employees_removed == 1 and report.employees_kept == 1
    assert dossier(werkgever_browser, history["jan"]).status == 404
    assert werkgever_browser.get("/api/search?q=1").body["results"] == [], "no search key of Jan is left"
    assert [r["personnel_number"] for r in werkgever_browser.get("/api/search?q=vries").body["results"]] == ["3", "2"]
    assert employee(werkgever_browser, "Nieuwe Jan", "1"), "his personnel number is free again"
    jan_absence_id = history["absences"]["jan"]["absence_id"]
    assert store.absences.get(Scope(werkgever.employer_id), jan_absence_id) is None
    assert store.absences.tasks_of(jan_absence_id) == []
    left_open = [t for t in history["absences"]["jan"]["tasks"] if t["code"] == "ziekmelding_arbodienst"]
    assert store.employers.get(werkgever.employer_id).open_tasks == open_before - len(left_open)
    assert dossier(werkgever_browser, history["piet"]).status == 200, "Piet is still employed"
    assert dossier(werkgever_browser, history["kees"]).status == 200, "Kees is still sick: nothing is removed"


def test_an_eigenrisicodrager_wga_keeps_the_absence_ten_years(history, werkgever_browser, werkgever, later, clock,
                                                                deps, capsys):
    leaves(werkgever_browser, history["jan"], "2026-09-19")
    assert manage.main(["set-retention", werkgever.employer_id, "--eigenrisicodrager-wga", "ja"]) == 0
    assert "WGA: ja" in capsys.readouterr().out

    assert run_until(clock, deps, date(2028, 9, 21)).employees_removed == 0
    assert dossier(later(), history["jan"]).status == 200
    assert run_until(clock, deps, date(2036, 9, 18)).employees_removed == 0, "kept through 18-09-2036"
    assert run_until(clock, deps, date(2036, 9, 19)).employees_removed == 1
    assert dossier(later(), history["jan"]).status == 404


def test_back_in_employment_the_removal_dates_are_withdrawn(history, werkgever_browser, werkgever, later, clock,
                                                             deps):
    werkgever_browser.put(f"/api/employees/{history['jan']}", {"end_date": None})

    assert store.employees.get(Scope(werkgever.employer_id), history["jan"]).purge_on is None
    assert store.absences.get(Scope(werkgever.employer_id), history["absences"]["jan"]["absence_id"]).purge_at is None
    assert run_until(clock, deps, date(2029, 1, 1)).employees_removed == 0
    assert dossier(later(), history["jan"]).status == 200


def test_audit_entries_expire_after_two_years(history, secretariat_browser, secretariat, new_browser, outbox,
                                              werkgever, clock, deps):
    assert secretariat_browser.get(f"/api/admin/audit/{werkgever.employer_id}").body["entries"]

    run_until(clock, deps, date(2028, 9, 22))
    desk = new_browser()
    log_in(desk, outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")

    assert desk.get(f"/api/admin/audit/{werkgever.employer_id}").body["entries"] == []


def test_an_eigenrisicodrager_zw_keeps_the_tasks_five_years(history, werkgever, later, clock, deps):
    assert manage.main(["set-retention", werkgever.employer_id, "--eigenrisicodrager-zw", "ja"]) == 0

    run_until(clock, deps, date(2028, 9, 12))

    [absence] = dossier(later(), history["piet"]).body["absences"]
    assert any(t["status"] == "done" for t in absence["tasks"]), "kept five years after recovery"
    run_until(clock, deps, date(2031, 9, 12))
    [absence] = dossier(later(), history["piet"]).body["absences"]
    assert all(t["status"] == "open" for t in absence["tasks"])


def test_manage_purge_retention(history, clock, deps, capsys, monkeypatch):
    monkeypatch.setattr("chalicelib.services.deps.default_deps", lambda: deps)
    clock.now = at(date(2028, 9, 21))
    sweep(clock.now)

    assert manage.main(["purge-retention"]) == 0

    assert "1 medewerker(s) verwijderd" in capsys.readouterr().out


def test_the_daily_job_runs_as_a_lambda(history, client, clock, deps):
    clock.now = at(date(2028, 9, 21))
    sweep(clock.now)

    answer = client.lambda_.invoke("retention_purge", {})

    assert answer.payload["employees_removed"] == 1


def test_an_employee_added_with_an_end_date_is_removed_after_the_period(werkgever_browser, later, clock, deps):
    gone = werkgever_browser.post("/api/employees", {**JAN, "personnel_number": "9", "end_date": "2026-06-30"})
    assert gone.status == 201

    assert run_until(clock, deps, date(2028, 6, 29)).employees_removed == 0
    assert run_until(clock, deps, date(2028, 7, 1)).employees_removed == 1
    assert dossier(later(), gone.body["employee_id"]).status == 404


def test_when_ttl_removed_an_absence_before_the_job_its_open_tasks_go_with_the_count(werkgever_browser, employer,
                                                                                   clock, deps):
    # Given Jan reported sick, with open tasks counted for the employer
    jan = employee(werkgever_browser, "Jan", "9001")
    absence = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-01"},
                                     headers={"Idempotency-Key": "ttl-gap"}).body
    open_before = store.employers.get(employer["employer_id"]).open_tasks
    assert open_before > 0
    # When DynamoDB's TTL removed the absence while the daily job was down (its grace passed)
    store.models.Absence(employer["employer_id"], absence["absence_id"]).delete()
    # Then the next run removes the tasks left open on it and the count follows
    report = retention.purge(deps)
    assert report.orphaned_tasks_removed == open_before
    assert store.employers.get(employer["employer_id"]).open_tasks == 0
    assert open_tasks(werkgever_browser) == []
