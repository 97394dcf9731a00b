"""Tenant isolation on moto: with two employers holding the same kinds of data — the same names, the same personnel
number, the same Idempotency-Key — no employer-scoped read gives one of them anything of the other's, also when
asked for the other's object by its id, and no write given the other's id changes it."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

import chalicelib.store as store
from chalicelib.domain.roles import Scope
from chalicelib.store import records
from tests.support import builders as make
from tests.support.builders import NOW


@dataclass(frozen=True)
class Tenant:
    employer: records.Employer
    user: records.User
    jan: records.Employee
    colleague: records.Employee
    absence: records.Absence
    tasks: tuple[records.Task, ...]
    consultant: str
    """A user of another employer given access to this one."""

    @property
    def employer_id(self) -> str:
        return self.employer.employer_id


def _tenant(name: str) -> Tenant:
    employer = make.employer(name=name)
    store.employers.create(employer, audit=make.line("secretariaat"))
    user = make.user(employer.employer_id)
    store.users.create(user)
    jan = make.employee(employer.employer_id, personnel_number="1001")
    colleague = make.employee(employer.employer_id, personnel_number="1002", first_name="Anna", last_name="Vries")
    for employee in (jan, colleague):
        store.employees.create(employee, audit=make.line(employer.employer_id, "employee_added", NOW))
    absence = make.absence(jan)
    tasks = make.tasks(absence, "2026-09-20", "2026-10-25")
    store.absences.report_sick(absence, tasks, "same-key", NOW + 86400,
                               audit=make.line(employer.employer_id, "absence_reported", NOW + 1))
    consultant = make.user("emp-elsewhere")
    store.users.create(consultant)
    store.employer_access.grant(consultant.user_id, employer.employer_id, granted_at=NOW, granted_by="manage.py",
                                audit=make.line("secretariaat"))
    return Tenant(employer, user, jan, colleague, absence, tuple(tasks), consultant.user_id)


@pytest.fixture(scope="module")
def tenants():
    from tests.support.moto_tables import dynamodb_tables

    with dynamodb_tables():
        yield _tenant("Bakkerij Jansen"), _tenant("Zwart Transport")


@pytest.fixture(params=["a asks", "b asks"])
def mine_theirs(request, tenants) -> tuple[Tenant, Tenant]:
    a, b = tenants
    return (a, b) if request.param == "a asks" else (b, a)


def _ids(found, attribute: str) -> set[str]:
    return {getattr(item, attribute) for item in found}


def test_employees_listed_searched_and_absent_are_the_employers_own(mine_theirs):
    mine, theirs = mine_theirs

    assert _ids(store.employees.list_for_employer(mine.employer_id), "employee_id") == {
        mine.jan.employee_id, mine.colleague.employee_id}
    ids, _ = store.employees.search_candidates(Scope(mine.employer_id), "vries")
    assert set(ids) == {mine.jan.employee_id, mine.colleague.employee_id}
    ids, _ = store.employees.search_candidates(Scope(mine.employer_id), "1001")
    assert ids == [mine.jan.employee_id]
    assert _ids(store.employees.absent(mine.employer_id), "employee_id") == {mine.jan.employee_id}
    assert store.employees.any_for_employer(mine.employer_id) is True


def test_the_other_employers_employee_is_not_found_by_its_id(mine_theirs):
    mine, theirs = mine_theirs

    assert store.employees.get(Scope(mine.employer_id), theirs.jan.employee_id) is None
    assert store.employees.get_many(Scope(mine.employer_id),
                                    [theirs.jan.employee_id, theirs.colleague.employee_id]) == []
    assert _ids(store.employees.get_many(Scope(mine.employer_id), [mine.jan.employee_id, theirs.jan.employee_id]),
                "employer_id") == {mine.employer_id}


def test_the_same_personnel_number_is_claimed_apart(mine_theirs):
    mine, theirs = mine_theirs

    assert store.imports.claims(mine.employer_id, ["1001", "1002", "9999"]) == {
        "1001": mine.jan.employee_id, "1002": mine.colleague.employee_id}


def test_absences_and_their_figures_are_the_employers_own(mine_theirs):
    mine, theirs = mine_theirs

    assert [a.absence_id for a in store.absences.of_employer(mine.employer_id)] == [mine.absence.absence_id]
    assert [p.employee_id for p in store.absences.sick_periods(Scope(mine.employer_id))] == [mine.jan.employee_id]
    assert [a.absence_id for a in store.absences.for_employee(mine.employer_id, mine.jan.employee_id)] == [
        mine.absence.absence_id]


def test_the_other_employers_absence_is_not_found_by_its_id_nor_by_its_employee(mine_theirs):
    mine, theirs = mine_theirs

    assert store.absences.get(Scope(mine.employer_id), theirs.absence.absence_id) is None
    assert store.absences.for_employee(mine.employer_id, theirs.jan.employee_id) == []
    assert store.absences.existing(mine.employer_id, [theirs.absence.absence_id, mine.absence.absence_id]) == {
        mine.absence.absence_id}


def test_the_same_idempotency_key_names_each_employers_own_absence(mine_theirs):
    mine, theirs = mine_theirs

    assert store.absences.reported_with(mine.employer_id, "same-key") == mine.absence.absence_id


def test_open_tasks_are_the_employers_own_and_the_others_are_not_found_by_id(mine_theirs):
    mine, theirs = mine_theirs

    for listed in (store.absences.open_tasks(mine.employer_id), store.absences.all_open_tasks(mine.employer_id)):
        assert _ids(listed, "task_id") == _ids(mine.tasks, "task_id")
    assert store.absences.get_task(Scope(mine.employer_id), theirs.tasks[0].task_id) is None
    assert _ids(store.absences.tasks_of(mine.absence.absence_id), "employer_id") == {mine.employer_id}


def test_no_write_given_the_other_employers_ids_changes_their_data(mine_theirs):
    mine, theirs = mine_theirs
    forged = records.Absence(**{**vars(theirs.absence), "employer_id": mine.employer_id})

    assert store.absences.mark_done(mine.employer_id, theirs.tasks[0].task_id, mine.user.user_id, NOW) is False
    assert store.absences.report_recovery(forged, "2026-09-20", [theirs.tasks[1].task_id], []) is False
    assert store.absences.add_recovery_step(forged, records.RecoveryStep(from_date="2026-09-20",
                                                                         percentage=50)) is False
    assert store.absences.correct_first_day(forged, "2026-09-13", "2026-09-13", {}) is False

    assert store.absences.get(Scope(theirs.employer_id), theirs.absence.absence_id) == theirs.absence
    assert [t.status for t in store.absences.tasks_of(theirs.absence.absence_id)] == ["open", "open"]
    assert store.absences.get(Scope(mine.employer_id), theirs.absence.absence_id) is None
    assert store.employers.get(theirs.employer_id).open_tasks == 2


def test_the_audit_trail_is_the_employers_own(mine_theirs):
    mine, theirs = mine_theirs

    trail = store.audit.recent(mine.employer_id)

    assert {e.scope for e in trail} == {mine.employer_id}
    assert [e.action for e in trail] == ["absence_reported", "employee_added", "employee_added"]


def test_the_users_of_an_employer_are_its_own_and_those_given_access_to_it(mine_theirs):
    mine, theirs = mine_theirs

    assert _ids(store.users.list_for_employer(mine.employer_id), "user_id") == {mine.user.user_id}
    assert store.employer_access.users_of(mine.employer_id) == [mine.consultant]


def test_each_employer_counts_its_own_open_tasks_for_the_weekly_email(mine_theirs):
    mine, theirs = mine_theirs

    listed = {e.employer_id: e.open_tasks for e in store.digests.employers_with_open_tasks()}

    assert listed[mine.employer_id] == len(mine.tasks)
    assert store.digests.clear_flag(mine.employer_id) is False
    assert [e.open_tasks for e in store.employers.get_many([mine.employer_id])] == [len(mine.tasks)]
