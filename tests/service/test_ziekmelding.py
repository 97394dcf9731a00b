"""Ziek melden: one absence per submit with its Poortwachter tasks and their due dates, never a second open one or
an overlapping one; hersteldmelding and tasks done close what no longer applies."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.domain.errors import Conflict, InvalidInput, MalformedRequest, NotFound
from chalicelib.services import absences, admin, audit, employees, environments
from chalicelib.services.absences import RecoveryReport, SickReport, TasksQuery

FIRST_DAY = date(2026, 9, 14)  # a week before the test clock's today, Monday 2026-09-21
JAN = employees.EmployeeForm(first_name="Jan", infix="de", last_name="Vries", personnel_number="1001",
                             date_of_birth="1980-04-12", start_date="2015-03-01", contract_hours="32")


@pytest.fixture
def jan(deps, werkgever) -> str:
    """Jan de Vries, employee of Bakkerij Jansen BV since 2015."""
    return employees.add(deps, werkgever, JAN)["employee_id"]


def _report(deps, principal, employee_id, first_day=FIRST_DAY, key="submit-1", **facts):
    return absences.report_sick(deps, principal, SickReport(employee_id, first_day.isoformat(), **facts), key)


def _open_tasks(deps, principal) -> list[dict]:
    home = absences.home_tasks(deps, principal, TasksQuery(view="alles"))
    return [task for case in home["cases"] for task in case["tasks"]]


def test_a_ziekmelding_plans_the_poortwachter_tasks_from_the_first_sick_day(deps, werkgever, jan):
    # When Wim reports Jan sick from Monday 14 September
    absence, created = _report(deps, werkgever, jan)
    # Then the absence is open and the law's deadlines run from that day
    assert created is True and absence["status"] == "open" and absence["case_start"] == "2026-09-14"
    due = {t["code"]: date.fromisoformat(t["due"]) for t in absence["tasks"]}
    assert due["ziekmelding_arbodienst"] == FIRST_DAY + timedelta(days=6)
    assert due["probleemanalyse"] == FIRST_DAY + timedelta(weeks=6, days=-1)
    assert due["plan_van_aanpak"] == FIRST_DAY + timedelta(weeks=8, days=-1)
    assert due["melding_42e_week"] == FIRST_DAY + timedelta(weeks=42, days=-1)
    assert due["einde_loondoorbetaling"] == FIRST_DAY + timedelta(weeks=104, days=-1)
    assert "vangnet_ziekmelding_uwv" not in due


def test_the_home_page_lists_the_open_tasks_by_due_date_with_the_overdue_ones_marked(deps, werkgever, jan):
    absence, _ = _report(deps, werkgever, jan)

    listed = _open_tasks(deps, werkgever)

    assert [t["task_id"] for t in listed] == [t["task_id"] for t in sorted(absence["tasks"], key=lambda t: t["due"])]
    assert [t["code"] for t in listed if t["overdue"]] == ["ziekmelding_arbodienst"]  # due Sunday the 20th


def test_vangnet_adds_the_report_to_uwv(deps, werkgever, jan):
    absence, _ = _report(deps, werkgever, jan, vangnet=True)

    assert "vangnet_ziekmelding_uwv" in {t["code"] for t in absence["tasks"]}


def test_the_same_submit_twice_makes_one_absence(deps, werkgever, jan):
    first, created = _report(deps, werkgever, jan, key="dubbelklik")
    again, created_again = _report(deps, werkgever, jan, key="dubbelklik")

    assert (created, created_again) == (True, False)
    assert again["absence_id"] == first["absence_id"]
    assert len(_open_tasks(deps, werkgever)) == len(first["tasks"])


def test_no_second_ziekmelding_while_the_first_is_open(deps, werkgever, jan):
    _report(deps, werkgever, jan, key="a")

    with pytest.raises(Conflict) as refused:
        _report(deps, werkgever, jan, FIRST_DAY + timedelta(days=3), key="b")

    assert refused.value.code == "already_absent"


def test_a_ziekmelding_overlapping_an_earlier_one_is_refused_and_one_soon_after_continues_its_case(
        deps, werkgever, jan):
    # Given Jan was sick from 1 to 10 August
    first, _ = _report(deps, werkgever, jan, date(2026, 8, 1), key="augustus")
    absences.report_recovery(deps, werkgever, first["absence_id"], RecoveryReport("2026-08-10"))
    # When he is reported sick from within that period
    with pytest.raises(Conflict) as overlap:
        _report(deps, werkgever, jan, date(2026, 8, 5), key="overlap")
    # Then that is refused, naming the other period; and a report two weeks later continues the same case
    assert overlap.value.code == "absence_overlaps" and "01-08-2026" in overlap.value.message
    again, _ = _report(deps, werkgever, jan, date(2026, 8, 24), key="september")
    assert again["case_start"] == "2026-08-01"


@pytest.mark.parametrize(("first_day", "code"), [(date(2026, 9, 22), "sick_day_future"),
                                                 (date(2015, 2, 28), "sick_day_before_start")])
def test_an_impossible_first_sick_day_is_refused_and_nothing_is_planned(deps, werkgever, jan, first_day, code):
    with pytest.raises(InvalidInput) as refused:
        _report(deps, werkgever, jan, first_day)

    assert (refused.value.code, refused.value.field) == (code, "first_sick_day")
    assert _open_tasks(deps, werkgever) == []


def test_another_employers_employee_cannot_be_reported_sick(deps, jan, principal_of):
    other = admin.create_employer(deps, "Zwart Transport")["employer_id"]
    stranger = admin.provision_active_user(deps, username="zwart", name="Piet Zwart", email="piet@zwart.nl",
                                           role="werkgever", employer_id=other, phone="0611111111", password="x")

    with pytest.raises(InvalidInput) as refused:
        _report(deps, principal_of(stranger), jan)

    assert refused.value.code == "employee_unknown"
    with pytest.raises(NotFound):
        absences.get(deps, principal_of(stranger), "any-absence")


def test_a_submit_without_an_idempotency_key_is_refused(deps, werkgever, jan):
    with pytest.raises(MalformedRequest):
        absences.report_sick(deps, werkgever, SickReport(jan, FIRST_DAY.isoformat()), None)

    assert _open_tasks(deps, werkgever) == []


def test_the_ziekmelding_is_in_the_employers_audit_trail_by_who_made_it(deps, clock, werkgever, jan):
    clock.advance(minutes=1)  # after Jan was added: the trail is ordered by the second
    absence, _ = _report(deps, werkgever, jan)

    [latest, *_] = audit.trail(deps, werkgever.employer_id)

    assert (latest["action"], latest["object_id"], latest["actor_user_id"]) == (
        "absence_reported", absence["absence_id"], werkgever.user_id)


def test_a_full_recovery_closes_the_case_and_the_tasks_that_no_longer_apply(deps, werkgever, jan):
    absence, _ = _report(deps, werkgever, jan)

    closed = absences.report_recovery(deps, werkgever, absence["absence_id"], RecoveryReport("2026-09-21"))

    assert (closed["status"], closed["recovered_on"]) == ("closed", "2026-09-21")
    assert [t["code"] for t in _open_tasks(deps, werkgever)] == ["ziekmelding_arbodienst"]  # still owed
    with pytest.raises(Conflict):
        absences.report_recovery(deps, werkgever, absence["absence_id"], RecoveryReport("2026-09-21"))


def test_a_task_done_leaves_the_list_once_and_counts_no_more(deps, werkgever, wim, jan):
    absence, _ = _report(deps, werkgever, jan)
    task = absence["tasks"][0]["task_id"]

    done = absences.mark_task_done(deps, werkgever, task)

    assert (done["status"], done["done_by"]) == ("done", werkgever.user_id)
    assert task not in [t["task_id"] for t in _open_tasks(deps, werkgever)]
    assert environments.open_task_count(wim) == len(absence["tasks"]) - 1
    with pytest.raises(Conflict):
        absences.mark_task_done(deps, werkgever, task)
