"""Ziek melden and hersteldmelding: one absence per submit, its Poortwachter tasks, and recovery closing them."""
from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta

import boto3
import pytest

from chalicelib import store
from chalicelib.settings import get_settings
from tests.support.absences import open_tasks, sick
from tests.support.people import JAN

# The test clock starts at 1_790_000_000: 2026-09-21 in Amsterdam.
TODAY = date(2026, 9, 21)


@pytest.fixture
def jan(werkgever_browser):
    return werkgever_browser.post("/api/employees", JAN).body["employee_id"]


def test_clock_in_these_tests_is_the_assumed_day(clock):
    assert datetime.fromtimestamp(clock.now, UTC).date() == TODAY


def test_ziekmelding_creates_the_timeline_from_the_first_sick_day(werkgever_browser, jan):
    answer = sick(werkgever_browser, jan, "2026-09-14")

    assert answer.status == 201 and answer.body["status"] == "open"
    due = {t["code"]: t["due"] for t in answer.body["tasks"]}
    first = date(2026, 9, 14)
    assert due["ziekmelding_arbodienst"] == (first + timedelta(days=6)).isoformat()
    assert due["probleemanalyse"] == (first + timedelta(days=6 * 7 - 1)).isoformat()
    assert due["plan_van_aanpak"] == (first + timedelta(days=8 * 7 - 1)).isoformat()
    assert due["melding_42e_week"] == (first + timedelta(days=42 * 7 - 1)).isoformat()
    assert "vangnet_ziekmelding_uwv" not in due


def test_vangnet_adds_the_uwv_report(werkgever_browser, jan):
    answer = sick(werkgever_browser, jan, vangnet=True)

    assert "vangnet_ziekmelding_uwv" in {t["code"] for t in answer.body["tasks"]}


def test_a_pregnancy_related_sickness_sets_the_vangnet_and_nothing_says_why(werkgever_browser, werkgever, jan):
    # When HR reports Jan sick through his pregnancy (vangnet not ticked herself)
    answer = sick(werkgever_browser, jan, pregnancy_related=True)

    # Then the vangnet applies, with its UWV report
    assert answer.status == 201 and answer.body["vangnet"] is True
    assert "vangnet_ziekmelding_uwv" in {t["code"] for t in answer.body["tasks"]}
    # And nothing stored, shown or logged says that it is the pregnancy: not the absence's item, not the dossier,
    # not the audit trail
    item = boto3.client("dynamodb", region_name=get_settings().region).get_item(
        TableName=get_settings().table_name("absences"),
        Key={"employer_id": {"S": werkgever.employer_id}, "absence_id": {"S": answer.body["absence_id"]}})["Item"]
    shown = werkgever_browser.get(f"/api/absences/{answer.body['absence_id']}").body
    trail = store.audit.recent(werkgever.employer_id)
    for what in (json.dumps(item), json.dumps(shown), json.dumps([dataclasses.asdict(e) for e in trail])):
        assert "pregnan" not in what.lower() and "zwanger" not in what.lower()


def test_double_submit_with_one_key_creates_one_absence(werkgever_browser, jan):
    first = sick(werkgever_browser, jan, key="dubbelklik")
    second = sick(werkgever_browser, jan, key="dubbelklik")

    assert (first.status, second.status) == (201, 200)
    assert first.body["absence_id"] == second.body["absence_id"]
    assert len(open_tasks(werkgever_browser)) == len(first.body["tasks"])


def test_no_second_open_absence_for_one_employee(werkgever_browser, jan):
    sick(werkgever_browser, jan, key="a")

    again = sick(werkgever_browser, jan, "2026-09-20", key="b")

    assert again.status == 409 and again.error == "already_absent"


def test_submit_without_idempotency_key_is_refused(werkgever_browser, jan):
    answer = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"})

    assert answer.status == 400 and answer.error == "idempotency_key_missing"


@pytest.mark.parametrize("first_day, code", [("2026-09-22", "sick_day_future"), ("2010-01-01", "sick_day_before_start"),
                                             ("2026-02-30", None), ("14-09-2026", None)])
def test_impossible_first_sick_days_are_refused(werkgever_browser, jan, first_day, code):
    answer = sick(werkgever_browser, jan, first_day)

    assert answer.status == 422 and answer.body["field"] == "first_sick_day"
    assert code is None or answer.error == code
    assert open_tasks(werkgever_browser) == []


def test_unknown_or_foreign_employee_is_refused(werkgever_browser):
    answer = sick(werkgever_browser, "bestaat-niet")

    assert answer.status == 422 and answer.body["field"] == "employee_id"


def test_no_field_for_a_diagnosis_is_stored(werkgever_browser, jan):
    answer = sick(werkgever_browser, jan, diagnose="griep", note="Overdracht: offerte Bakker afmaken")

    assert "diagnose" not in answer.body and answer.body["note"] == "Overdracht: offerte Bakker afmaken"


def test_open_tasks_are_listed_by_due_date_with_overdue_marked(werkgever_browser, jan):
    sick(werkgever_browser, jan, "2026-09-01")

    tasks = open_tasks(werkgever_browser)

    assert [t["due"] for t in tasks] == sorted(t["due"] for t in tasks)
    assert tasks[0]["code"] == "ziekmelding_arbodienst" and tasks[0]["overdue"] is True
    assert tasks[-1]["overdue"] is False


def test_task_marked_done_records_who_and_when(werkgever_browser, jan, werkgever, clock):
    task = sick(werkgever_browser, jan).body["tasks"][0]

    done = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")

    assert done.status == 200 and done.body["status"] == "done"
    assert done.body["done_by"] == werkgever.user_id and done.body["done_at"] == clock.now
    assert task["task_id"] not in [t["task_id"] for t in open_tasks(werkgever_browser)]
    assert werkgever_browser.post(f"/api/tasks/{task['task_id']}/done").status == 409


def test_full_recovery_closes_the_case_and_its_tasks(werkgever_browser, jan):
    absence = sick(werkgever_browser, jan, "2026-09-14").body

    answer = werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-21"})

    assert answer.status == 200 and answer.body["status"] == "closed" and answer.body["recovered_on"] == "2026-09-21"
    remaining = {t["code"] for t in open_tasks(werkgever_browser)}
    assert "plan_van_aanpak" not in remaining and "melding_42e_week" not in remaining
    assert sick(werkgever_browser, jan, "2026-09-21", key="weer-ziek").status == 201


def test_partial_recovery_keeps_the_absence_open_with_its_history(werkgever_browser, jan):
    absence = sick(werkgever_browser, jan, "2026-09-01").body

    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-10", "percentage": 50})
    answer = werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery",
                                    {"date": "2026-09-15", "percentage": 80})

    assert answer.body["status"] == "open"
    assert answer.body["recovery_steps"] == [{"from_date": "2026-09-10", "percentage": 50},
                                             {"from_date": "2026-09-15", "percentage": 80}]


def test_sick_again_within_four_weeks_continues_the_case(werkgever_browser, jan):
    first = sick(werkgever_browser, jan, "2026-08-01", key="eerste").body
    werkgever_browser.post(f"/api/absences/{first['absence_id']}/recovery", {"date": "2026-08-20"})

    again = sick(werkgever_browser, jan, "2026-09-10", key="tweede").body

    assert again["case_start"] == "2026-08-01"


@pytest.mark.parametrize("body, field", [({"date": "2026-09-01"}, "date"), ({"date": "2026-09-30"}, "date"),
                                         ({"date": "2026-09-16", "percentage": 0}, "percentage"),
                                         ({"date": "2026-09-16", "percentage": 150}, "percentage")])
def test_impossible_recovery_is_refused(werkgever_browser, jan, body, field):
    absence = sick(werkgever_browser, jan, "2026-09-14").body

    answer = werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", body)

    assert answer.status == 422 and answer.body["field"] == field
    assert werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["status"] == "open"


def test_another_employers_absence_and_tasks_are_404(werkgever_browser, jan, other_employer_browser):
    absence = sick(werkgever_browser, jan).body
    task_id = absence["tasks"][0]["task_id"]
    intruder = other_employer_browser

    assert intruder.get(f"/api/absences/{absence['absence_id']}").status == 404
    assert intruder.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-20"}).status == 404
    assert intruder.post(f"/api/tasks/{task_id}/done").status == 404
    assert open_tasks(intruder) == []
    assert werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["status"] == "open"


@pytest.mark.parametrize("path", ["/api/employees", "/api/absences"])
@pytest.mark.parametrize("raw", [b"{niet json", b"[1]"])
def test_malformed_bodies_are_400_in_dutch(werkgever_browser, path, raw):
    answer = werkgever_browser.post(path, raw=raw, headers={"Idempotency-Key": "k-raw"})

    assert answer.status == 400 and answer.error == "malformed_json"


@pytest.mark.parametrize("fact", ["vangnet", "work_accident", "third_party_liable"])
def test_yes_no_facts_must_be_booleans(werkgever_browser, jan, fact):
    answer = sick(werkgever_browser, jan, **{fact: "misschien"})

    assert answer.status == 400 and answer.body["field"] == fact


def test_overlapping_an_earlier_absence_is_refused(werkgever_browser, jan):
    first = sick(werkgever_browser, jan, "2026-08-01", key="eerste").body
    werkgever_browser.post(f"/api/absences/{first['absence_id']}/recovery", {"date": "2026-08-20"})
    tasks_before = open_tasks(werkgever_browser)

    inside = sick(werkgever_browser, jan, "2026-08-10", key="binnen")
    before = sick(werkgever_browser, jan, "2026-07-20", key="ervoor")

    assert inside.status == before.status == 409 and inside.error == "absence_overlaps"
    assert "01-08-2026 tot 20-08-2026" in inside.body["message"]
    assert open_tasks(werkgever_browser) == tasks_before


def corrected(browser, absence_id, first_day):
    return browser.put(f"/api/absences/{absence_id}/first-sick-day", {"first_sick_day": first_day})


def test_correcting_the_first_sick_day_moves_the_open_deadlines(werkgever_browser, jan):
    absence = sick(werkgever_browser, jan, "2026-09-14").body
    done = next(t for t in absence["tasks"] if t["code"] == "ziekmelding_arbodienst")
    werkgever_browser.post(f"/api/tasks/{done['task_id']}/done")

    answer = corrected(werkgever_browser, absence["absence_id"], "2026-09-07")

    assert answer.status == 200
    assert answer.body["first_sick_day"] == answer.body["case_start"] == "2026-09-07"
    due = {t["code"]: t["due"] for t in answer.body["tasks"]}
    assert due["probleemanalyse"] == (date(2026, 9, 7) + timedelta(days=6 * 7 - 1)).isoformat()
    assert due["melding_42e_week"] == (date(2026, 9, 7) + timedelta(days=42 * 7 - 1)).isoformat()
    assert due["ziekmelding_arbodienst"] == done["due"], "a done task keeps its date"
    listed = {t["code"]: t["due"] for t in open_tasks(werkgever_browser)}
    assert listed["probleemanalyse"] == due["probleemanalyse"]
    assert [t["due"] for t in open_tasks(werkgever_browser)] == sorted(listed.values())


@pytest.mark.parametrize("first_day, status, code", [("2026-09-22", 422, "sick_day_future"),
                                                     ("2010-01-01", 422, "sick_day_before_start"),
                                                     ("2026-09-31", 422, None),
                                                     ("2026-09-16", 422, "sick_day_after_recovery")])
def test_impossible_corrections_change_nothing(werkgever_browser, jan, first_day, status, code):
    absence = sick(werkgever_browser, jan, "2026-09-14").body
    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-16", "percentage": 50})

    answer = corrected(werkgever_browser, absence["absence_id"], first_day)

    assert answer.status == status and answer.body["field"] == "first_sick_day"
    assert code is None or answer.error == code
    after = werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body
    assert after["first_sick_day"] == "2026-09-14" and after["tasks"] == werkgever_browser.get(
        f"/api/absences/{absence['absence_id']}").body["tasks"]
    assert {t["due"] for t in after["tasks"]} == {t["due"] for t in absence["tasks"]}


def test_correction_into_an_earlier_absence_is_refused(werkgever_browser, jan):
    first = sick(werkgever_browser, jan, "2026-08-01", key="eerste").body
    werkgever_browser.post(f"/api/absences/{first['absence_id']}/recovery", {"date": "2026-08-20"})
    second = sick(werkgever_browser, jan, "2026-09-14", key="tweede").body

    answer = corrected(werkgever_browser, second["absence_id"], "2026-08-19")

    assert answer.status == 409 and answer.error == "absence_overlaps"


def test_correction_within_four_weeks_of_the_last_case_joins_it(werkgever_browser, jan):
    first = sick(werkgever_browser, jan, "2026-07-01", key="eerste").body
    werkgever_browser.post(f"/api/absences/{first['absence_id']}/recovery", {"date": "2026-08-01"})
    second = sick(werkgever_browser, jan, "2026-09-14", key="tweede").body
    assert second["case_start"] == "2026-09-14"

    answer = corrected(werkgever_browser, second["absence_id"], "2026-08-20")

    assert answer.body["case_start"] == "2026-07-01"
    due = {t["code"]: t["due"] for t in answer.body["tasks"]}
    assert due["melding_42e_week"] == (date(2026, 7, 1) + timedelta(days=42 * 7 - 1)).isoformat()


def test_another_employer_cannot_correct_the_first_sick_day(werkgever_browser, jan,
                                                            other_employer_browser):
    absence = sick(werkgever_browser, jan).body

    assert corrected(other_employer_browser, absence["absence_id"], "2026-09-10").status == 404
    assert werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["first_sick_day"] == "2026-09-14"


def open_task_count(employer_id):
    from chalicelib import store
    return store.employers.get(employer_id).open_tasks


def test_the_employers_open_task_count_follows_every_change(werkgever_browser, jan, employer):
    absence = sick(werkgever_browser, jan, "2026-09-14").body
    assert open_task_count(employer["employer_id"]) == len(absence["tasks"])

    werkgever_browser.post(f"/api/tasks/{absence['tasks'][0]['task_id']}/done")
    werkgever_browser.post(f"/api/tasks/{absence['tasks'][0]['task_id']}/done")
    assert open_task_count(employer["employer_id"]) == len(absence["tasks"]) - 1

    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": "2026-09-21"})
    assert open_task_count(employer["employer_id"]) == len(open_tasks(werkgever_browser))


def test_a_late_report_starts_without_the_plan_evaluations_already_past(werkgever_browser, jan):
    answer = sick(werkgever_browser, jan, "2025-12-01")

    codes = {t["code"]: t["due"] for t in answer.body["tasks"]}
    evaluations = [due for code, due in codes.items() if code.startswith("evaluatie_plan_van_aanpak")]
    assert evaluations and min(evaluations) >= TODAY.isoformat()
    assert codes["probleemanalyse"] < TODAY.isoformat(), "legal deadlines are kept, even when already past"
