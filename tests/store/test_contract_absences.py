"""The store's promises about employees, ziekmeldingen, their Poortwachter tasks and the audit trail, checked on
moto and on the fake alike (conftest.store)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from pynamodb.exceptions import PutError

from chalicelib.domain.roles import Scope
from chalicelib.store import records
from tests.support import builders as make
from tests.support.builders import NOW


@pytest.fixture
def employer(store) -> records.Employer:
    found = make.employer()
    store.employers.create(found, audit=make.line("secretariaat"))
    return found


@pytest.fixture
def jan(store, employer) -> records.Employee:
    found = make.employee(employer.employer_id)
    assert store.employees.create(found, audit=make.line(employer.employer_id, "employee_added", NOW - 1))
    return found


def _sick(store, employee: records.Employee, first_day: str = "2026-09-14", key: str = "key-1",
          dues: tuple[str, ...] = ("2026-09-20", "2026-10-25", "2026-11-08")):
    absence = make.absence(employee, first_day)
    tasks = make.tasks(absence, *dues)
    assert store.absences.report_sick(absence, tasks, key, NOW + 86400, audit=make.line(employee.employer_id))
    return absence, tasks


# Employees


def test_an_employee_is_read_back_and_the_employer_has_employees(store, employer, jan):
    assert store.employees.get(Scope(employer.employer_id), jan.employee_id) == jan
    assert store.employees.get(Scope(employer.employer_id), "mw-nobody") is None
    assert store.employees.list_for_employer(employer.employer_id) == [jan]
    assert store.employers.get(employer.employer_id).has_employees is True
    assert [e.action for e in store.audit.recent(employer.employer_id)] == ["employee_added"]


def test_an_employee_absence_and_task_out_of_scope_are_not_found(store, employer):
    # Given Jan in the team Nacht of the afdeling Magazijn, sick with his tasks
    jan = make.employee(employer.employer_id, department_id="dep-nacht", afdeling_id="dep-magazijn")
    assert store.employees.create(jan, audit=make.line(employer.employer_id, "employee_added", NOW - 1))
    absence, tasks = _sick(store, jan)

    # Then the team's and the afdeling's scopes find all three, another department's scope none of them
    for departments in ({"dep-nacht"}, {"dep-magazijn"}, {"dep-kantoor", "dep-nacht"}):
        scope = Scope(employer.employer_id, frozenset(departments))
        assert store.employees.get(scope, jan.employee_id).open_absence_id == absence.absence_id
        assert store.absences.get(scope, absence.absence_id) == absence
        assert store.absences.get_task(scope, tasks[0].task_id) == tasks[0]
    elsewhere = Scope(employer.employer_id, frozenset({"dep-kantoor"}))
    assert store.employees.get(elsewhere, jan.employee_id) is None
    assert store.employees.get_many(elsewhere, [jan.employee_id]) == []
    assert store.absences.get(elsewhere, absence.absence_id) is None
    assert store.absences.get_task(elsewhere, tasks[0].task_id) is None
    assert store.employees.get(Scope(employer.employer_id, frozenset()), jan.employee_id) is None


def test_a_personnel_number_is_unique_within_its_employer_in_any_case(store, employer, jan):
    twin = make.employee(employer.employer_id, personnel_number=f" {jan.personnel_number.upper()} ")
    elsewhere = make.employee("emp-other", personnel_number=jan.personnel_number)

    assert store.employees.create(twin) is False
    assert store.employees.get(Scope(employer.employer_id), twin.employee_id) is None
    assert store.employees.create(elsewhere) is True


# Ziekmelding


def test_a_ziekmelding_writes_the_absence_its_tasks_the_mark_on_the_employee_and_the_count(store, employer, jan):
    absence, tasks = _sick(store, jan)

    assert store.absences.get(Scope(employer.employer_id), absence.absence_id) == absence
    assert store.absences.for_employee(employer.employer_id, jan.employee_id) == [absence]
    assert store.absences.reported_with(employer.employer_id, "key-1") == absence.absence_id
    assert store.absences.tasks_of(absence.absence_id) == tasks
    assert store.employees.get(Scope(employer.employer_id), jan.employee_id).open_absence_id == absence.absence_id
    assert store.employers.get(employer.employer_id).open_tasks == 3
    assert [e.employer_id for e in store.digests.employers_with_open_tasks()] == [employer.employer_id]
    assert [e.action for e in store.audit.recent(employer.employer_id)] == ["absence_reported", "employee_added"]


def test_a_ziekmelding_repeated_with_its_request_key_writes_nothing(store, employer, jan):
    first, _ = _sick(store, jan)
    store.absences.report_recovery(first, "2026-09-16", [], [])
    again = make.absence(jan, "2026-09-18")

    assert store.absences.report_sick(again, make.tasks(again, "2026-09-24"), "key-1", NOW + 86400) is False

    assert store.absences.get(Scope(employer.employer_id), again.absence_id) is None
    assert store.absences.reported_with(employer.employer_id, "key-1") == first.absence_id
    assert store.employers.get(employer.employer_id).open_tasks == 3
    assert store.employees.get(Scope(employer.employer_id), jan.employee_id).open_absence_id is None


def test_no_second_open_absence_for_one_employee(store, employer, jan):
    # (refused by the employee's mark, an update: pynamodb sends it after the puts, the answer must still say so)
    first, _ = _sick(store, jan)
    second = make.absence(jan, "2026-09-20")

    with pytest.raises(store.absences.AlreadyAbsent):
        store.absences.report_sick(second, make.tasks(second, "2026-09-26"), "key-2", NOW + 86400,
                                   audit=make.line(employer.employer_id, "second"))

    assert store.absences.for_employee(employer.employer_id, jan.employee_id) == [first]
    assert store.absences.reported_with(employer.employer_id, "key-2") is None
    assert store.employers.get(employer.employer_id).open_tasks == 3
    assert "second" not in [e.action for e in store.audit.recent(employer.employer_id)]


def test_absences_of_an_employee_come_by_first_sick_day(store, employer, jan):
    later, _ = _sick(store, jan, "2026-08-01", "k-later", ())
    store.absences.report_recovery(later, "2026-08-05", [], [])
    earlier, _ = _sick(store, jan, "2026-06-01", "k-earlier", ())

    found = store.absences.for_employee(employer.employer_id, jan.employee_id)

    assert [a.absence_id for a in found] == [earlier.absence_id, later.absence_id]
    assert found[1] == replace(later, status="closed", recovered_on="2026-08-05")


def test_open_tasks_come_by_due_date_up_to_the_limit(store, employer, jan):
    absence, tasks = _sick(store, jan, dues=("2026-11-08", "2026-09-20", "2026-10-25"))
    by_due = sorted(tasks, key=lambda t: t.due)

    assert store.absences.open_tasks(employer.employer_id) == by_due
    assert store.absences.open_tasks(employer.employer_id, limit=2) == by_due[:2]
    assert store.absences.tasks_of(absence.absence_id) == by_due
    assert store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id) == tasks[0]
    assert store.absences.get_task(Scope(employer.employer_id), "task-nobody") is None


def test_a_task_is_done_once_by_whom_and_when_and_leaves_the_open_list(store, employer, jan):
    _, tasks = _sick(store, jan)

    assert store.absences.mark_done(employer.employer_id, tasks[0].task_id, "user-wim", NOW + 60, NOW + 999,
                                    audit=make.line(employer.employer_id, "task_done")) is True
    assert store.absences.mark_done(employer.employer_id, tasks[0].task_id, "user-anna", NOW + 70,
                                    audit=make.line(employer.employer_id, "task_done again")) is False

    assert store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id) == replace(
        tasks[0], status="done", done_by="user-wim", done_at=NOW + 60, purge_at=NOW + 999)
    assert store.absences.open_tasks(employer.employer_id) == tasks[1:]
    assert store.employers.get(employer.employer_id).open_tasks == 2
    assert [e.action for e in store.audit.recent(employer.employer_id)].count("task_done") == 1
    assert store.absences.mark_done(employer.employer_id, "task-nobody", "user-wim", NOW) is False


def test_open_tasks_come_in_pages_by_due_date_within_a_range_and_each_once(store, employer, jan):
    _, tasks = _sick(store, jan, dues=("2026-09-20", "2026-09-20", "2026-09-27", "2026-10-04", "2026-10-25"))
    by_due = sorted(tasks, key=lambda t: (t.due, t.task_id))

    first, after = store.absences.open_tasks_page(Scope(employer.employer_id), limit=2)
    second, after_second = store.absences.open_tasks_page(Scope(employer.employer_id), after=after, limit=2)
    last, end = store.absences.open_tasks_page(Scope(employer.employer_id), after=after_second, limit=2)

    assert first + second + last == by_due and end is None
    assert after == f"{by_due[1].due}#{by_due[1].task_id}"
    in_range, _ = store.absences.open_tasks_page(Scope(employer.employer_id), first="2026-09-21", last="2026-10-04")
    assert in_range == by_due[2:4]
    up_to, _ = store.absences.open_tasks_page(Scope(employer.employer_id), last="2026-09-20")
    assert up_to == by_due[:2]
    exactly_full, more = store.absences.open_tasks_page(Scope(employer.employer_id), limit=5)
    assert exactly_full == by_due and more is None


def test_the_due_dates_up_to_a_day_count_open_tasks_only_up_to_the_limit(store, employer, jan):
    _, tasks = _sick(store, jan, dues=("2026-09-20", "2026-09-27", "2026-10-04", "2026-10-25"))
    store.absences.mark_done(employer.employer_id, tasks[0].task_id, "user-wim", NOW)

    assert store.absences.open_due_dates(Scope(employer.employer_id), "2026-10-04", 10) == ["2026-09-27", "2026-10-04"]
    assert store.absences.open_due_dates(Scope(employer.employer_id), "2026-10-04", 1) == ["2026-09-27"]


def test_a_done_task_is_reopened_once_with_the_count_and_its_proof_removed(store, employer, jan):
    _, tasks = _sick(store, jan)
    store.absences.mark_done(employer.employer_id, tasks[0].task_id, "user-wim", NOW + 60, done_on="2026-09-19",
                             note="Gebeld")
    done = store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id)
    assert (done.done_on, done.done_note) == ("2026-09-19", "Gebeld")

    assert store.absences.reopen(done, audit=make.line(employer.employer_id, "task_reopened", NOW + 70)) is True
    assert store.absences.reopen(done) is False  # open already

    assert store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id) == tasks[0]
    assert store.absences.open_tasks(employer.employer_id)[0] == tasks[0]
    assert store.employers.get(employer.employer_id).open_tasks == 3


def test_a_task_of_a_closed_case_is_not_reopened(store, employer, jan):
    absence, tasks = _sick(store, jan)
    store.absences.mark_done(employer.employer_id, tasks[0].task_id, "user-wim", NOW + 60)
    done = store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id)
    assert store.absences.report_recovery(absence, "2026-09-21", [t.task_id for t in tasks[1:]], [])

    assert store.absences.reopen(done) is False
    assert store.absences.get_task(Scope(employer.employer_id), tasks[0].task_id).status == "done"
    assert store.employers.get(employer.employer_id).open_tasks == 0


def test_a_full_recovery_closes_the_case_frees_the_employee_and_keeps_the_count(store, employer, jan):
    absence, (report, analysis, plan) = _sick(store, jan)
    store.absences.mark_done(employer.employer_id, report.task_id, "user-wim", NOW)
    follow_up = make.task(absence, "2026-09-30", code="hersteldmelding")

    assert store.absences.report_recovery(
        absence, "2026-09-28", [analysis.task_id], [follow_up], done_task_ids=(report.task_id,),
        absence_purge_at=NOW + 500, tasks_purge_at=NOW + 400, audit=make.line(employer.employer_id, "recovery")) is True

    assert store.absences.get(Scope(employer.employer_id), absence.absence_id) == replace(
        absence, status="closed", recovered_on="2026-09-28", purge_at=NOW + 500)
    assert store.employees.get(Scope(employer.employer_id), jan.employee_id).open_absence_id is None
    assert {t.task_id: (t.status, t.purge_at) for t in store.absences.tasks_of(absence.absence_id)} == {
        report.task_id: ("done", NOW + 400), analysis.task_id: ("closed", NOW + 400), plan.task_id: ("open", None),
        follow_up.task_id: ("open", None)}
    assert store.absences.open_tasks(employer.employer_id) == [follow_up, plan]
    assert store.employers.get(employer.employer_id).open_tasks == 2


def test_a_recovery_is_reported_once(store, employer, jan):
    absence, tasks = _sick(store, jan)
    assert store.absences.report_recovery(absence, "2026-09-28", [tasks[0].task_id], [])

    assert store.absences.report_recovery(absence, "2026-09-29", [tasks[1].task_id],
                                          [make.task(absence, "2026-10-01")]) is False

    assert store.absences.get(Scope(employer.employer_id), absence.absence_id).recovered_on == "2026-09-28"
    assert [t.status for t in store.absences.tasks_of(absence.absence_id)] == ["closed", "open", "open"]
    assert store.employers.get(employer.employer_id).open_tasks == 2


def test_a_partial_recovery_is_added_once_to_the_steps_as_read(store, employer, jan):
    absence, _ = _sick(store, jan)
    half = records.RecoveryStep(from_date="2026-09-20", percentage=50)

    assert store.absences.add_recovery_step(absence, half, audit=make.line(employer.employer_id, "partial")) is True
    # the same step again from the same reading: already there, not added twice
    assert store.absences.add_recovery_step(absence, half) is True
    # another step from that stale reading: refused
    assert store.absences.add_recovery_step(
        absence, records.RecoveryStep(from_date="2026-09-22", percentage=80)) is False

    assert store.absences.get(Scope(employer.employer_id), absence.absence_id).steps == (half,)


def test_no_partial_recovery_on_a_closed_absence(store, employer, jan):
    absence, _ = _sick(store, jan)
    store.absences.report_recovery(absence, "2026-09-28", [], [])

    assert store.absences.add_recovery_step(absence, records.RecoveryStep(from_date="2026-09-20",
                                                                          percentage=50)) is False
    assert store.absences.get(Scope(employer.employer_id), absence.absence_id).steps == ()


def test_a_ziekmelding_for_an_employer_the_store_does_not_know_writes_nothing(store):
    ghost = make.employee("emp-ghost")
    store.employees.create(ghost)
    absence = make.absence(ghost)

    with pytest.raises(RuntimeError):
        store.absences.report_sick(absence, make.tasks(absence, "2026-09-20"), "k", NOW + 86400)

    assert store.absences.get(Scope("emp-ghost"), absence.absence_id) is None
    assert store.employees.get(Scope("emp-ghost"), ghost.employee_id).open_absence_id is None


# Audit trail


def test_the_trail_comes_newest_first_and_an_entry_is_written_once(store):
    lines = [make.line("emp-a", f"action-{at}", NOW + at) for at in (0, 2, 1)]
    for line in lines:
        store.audit.record(line)
    store.audit.record(make.line("emp-b", "elsewhere"))

    with pytest.raises(PutError):
        store.audit.record(lines[0])

    assert [e.action for e in store.audit.recent("emp-a")] == ["action-2", "action-1", "action-0"]
    assert store.audit.recent("emp-a", limit=1) == [lines[1].entry]
    assert store.audit.recent("emp-nobody") == []


def test_open_tasks_are_listed_per_department_and_follow_a_move(store, employer):
    # Given Magazijn with the team Nacht, and Kantoor; Jan (in Nacht) and Piet (in Kantoor) sick
    for department in (make.department(employer.employer_id, "dep-magazijn", "Magazijn"),
                       make.department(employer.employer_id, "dep-nacht", "Nacht", parent_id="dep-magazijn"),
                       make.department(employer.employer_id, "dep-kantoor", "Kantoor")):
        assert store.departments.create(department)
    jan = make.employee(employer.employer_id, department_id="dep-nacht", afdeling_id="dep-magazijn")
    piet = make.employee(employer.employer_id, department_id="dep-kantoor", afdeling_id="dep-kantoor")
    for employee in (jan, piet):
        assert store.employees.create(employee)
    _, jan_tasks = _sick(store, jan, key="k-jan", dues=("2026-09-20", "2026-10-25"))
    _, piet_tasks = _sick(store, piet, key="k-piet", dues=("2026-09-21",))
    magazijn = Scope(employer.employer_id, frozenset({"dep-magazijn"}))
    kantoor = Scope(employer.employer_id, frozenset({"dep-kantoor"}))

    # Then the afdeling's scope lists its team's open tasks, by due date, and counts them
    page, more = store.absences.open_tasks_page(magazijn, limit=1)
    assert [t.task_id for t in page] == [jan_tasks[0].task_id] and more is not None
    rest, end = store.absences.open_tasks_page(magazijn, after=more, limit=1)
    assert [t.task_id for t in rest] == [jan_tasks[1].task_id] and end is None
    assert store.absences.open_due_dates(magazijn, "2026-12-31", 10) == ["2026-09-20", "2026-10-25"]
    assert store.absences.count_open(magazijn) == 2 and store.absences.count_open(kantoor) == 1

    # When Jan moves to Kantoor and his absence follows
    moved = replace(jan, department_id="dep-kantoor", afdeling_id="dep-kantoor")
    assert store.absences.move(moved) == 3
    assert store.absences.move(moved) == 0

    # Then his open tasks are Kantoor's, no longer Magazijn's
    assert store.absences.count_open(magazijn) == 0
    assert [t.task_id for t in store.absences.open_tasks_page(kantoor)[0]] == [
        jan_tasks[0].task_id, piet_tasks[0].task_id, jan_tasks[1].task_id]


def test_open_cases_with_a_riv_gap_are_found_by_it_per_department_until_closed_or_filled(store, employer):
    # Given Jan (Magazijn) missing a document since 15 February, Piet (Kantoor) since 1 March, Kees nothing yet
    for department in (make.department(employer.employer_id, "dep-magazijn", "Magazijn"),
                       make.department(employer.employer_id, "dep-kantoor", "Kantoor")):
        assert store.departments.create(department)
    people = {name: make.employee(employer.employer_id, employee_id=f"mw-{name}", personnel_number=number,
                                  department_id=department, afdeling_id=department)
              for name, number, department in (("jan", "1", "dep-magazijn"), ("piet", "2", "dep-kantoor"),
                                               ("kees", "3", "dep-kantoor"))}
    cases = {}
    for name, gap in (("jan", "2026-02-15"), ("piet", "2026-03-01"), ("kees", "2026-10-25")):
        assert store.employees.create(people[name])
        cases[name] = replace(make.absence(people[name], "2026-01-05"), absence_id=f"abs-{name}",
                              department_id=people[name].department_id, riv_gap=gap)
        assert store.absences.report_sick(cases[name], [], f"k-{name}", NOW + 86400)
    whole = Scope(employer.employer_id)
    kantoor = Scope(employer.employer_id, frozenset({"dep-kantoor"}))

    def found(scope, before="2026-09-21", limit=10):
        return [a.absence_id for a in store.absences.with_riv_gap(scope, before, limit)]

    # Then they are found by their gap, oldest first, within the limit and the scope; a gap today is not yet one
    assert found(whole) == ["abs-jan", "abs-piet"]
    assert found(whole, limit=1) == ["abs-jan"]
    assert found(whole, before="2026-02-15") == []
    assert found(kantoor) == ["abs-piet"]

    # When Jan's gap moves on (a document came) — once: a second writer with the old gap is refused
    assert store.absences.set_riv_gap(cases["jan"], "2026-10-11") is True
    assert store.absences.set_riv_gap(cases["jan"], "2026-03-01") is False
    assert store.absences.get(whole, "abs-jan").riv_gap == "2026-10-11"
    assert found(whole) == ["abs-piet"]

    # When Piet moves to Magazijn, and then recovers
    assert store.absences.move(replace(people["piet"], department_id="dep-magazijn", afdeling_id="dep-magazijn"))
    assert found(kantoor) == [] and found(Scope(employer.employer_id, frozenset({"dep-magazijn"}))) == ["abs-piet"]
    assert store.absences.report_recovery(store.absences.get(whole, "abs-piet"), "2026-09-20", [], [])
    assert found(whole) == []
    assert store.absences.set_riv_gap(cases["kees"], None) is True
    assert store.absences.get(whole, "abs-kees").riv_gap is None


def test_a_cases_document_versions_are_read_by_case_and_a_version_is_made_once(store, employer, jan):
    def version(absence_id: str, document_id: str, number: int) -> records.Document:
        return records.Document(employer_id=employer.employer_id, absence_id=absence_id, document_id=document_id,
                                version=number, employee_id=jan.employee_id, type="plan_van_aanpak",
                                dated="2026-09-20", filename=f"plan-{number}.pdf", content_type="application/pdf",
                                uploaded_by="user-wim", created_at=NOW + number, status="upload")

    made = [version("abs-1", "doc-a", 1), version("abs-1", "doc-a", 2), version("abs-1", "doc-b", 1),
            version("abs-2", "doc-c", 1)]
    for document in made:
        assert store.documents.create(document, NOW + 86400) is True
    assert store.documents.create(made[1], NOW + 86400) is False  # two uploads racing for one version: one wins

    assert store.documents.of_case(employer.employer_id, "abs-1") == made[:3]
    assert store.documents.of_case(employer.employer_id, "abs-3") == []
    assert store.documents.of_case("emp-other", "abs-1") == []
    assert store.documents.latest_version(employer.employer_id, "abs-1", "doc-a") == made[1]
    assert store.documents.latest_version(employer.employer_id, "abs-1", "doc-x") is None
    assert store.documents.get(employer.employer_id, "abs-2", "doc-c", 1) == made[3]
    assert store.documents.get(employer.employer_id, "abs-1", "doc-c", 1) is None
