"""Absences and their Poortwachter tasks: a ziekmelding and a hersteldmelding are each one transaction."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from .conditions import condition_failed, conditional_update
from .connection import transaction_connection
from .models import Absence, Employee, RecoveryStep, RequestKey, Task


class AlreadyAbsent(Exception):
    """The employee has an open absence already."""


def get(employer_id: str, absence_id: str) -> Absence | None:
    try:
        return Absence.get(employer_id, absence_id)
    except DoesNotExist:
        return None


def for_employee(employee_id: str) -> list[Absence]:
    """Every absence of one employee, oldest first: one Query on the by_employee index."""
    return list(Absence.by_employee.query(employee_id))


def request_key(employer_id: str, key: str) -> RequestKey | None:
    try:
        return RequestKey.get(f"{employer_id}#{key}")
    except DoesNotExist:
        return None


def report_sick(absence: Absence, tasks: list[Task], key: RequestKey) -> bool:
    """Write the absence, its tasks, the employee's open-absence mark and the request key, or nothing.

    False when the request key was used already (a retry); AlreadyAbsent when the employee is absent.
    """
    try:
        with TransactWrite(connection=transaction_connection()) as tx:
            tx.save(key, condition=RequestKey.key.does_not_exist())
            tx.update(Employee(absence.employer_id, absence.employee_id),
                      actions=[Employee.open_absence_id.set(absence.absence_id)],
                      condition=Employee.employee_id.exists() & Employee.open_absence_id.does_not_exist())
            tx.save(absence, condition=Absence.absence_id.does_not_exist())
            for task in tasks:
                tx.save(task)
    except TransactWriteError as error:
        if not condition_failed(error):
            raise
        if error.cancellation_reasons and error.cancellation_reasons[0] is not None:
            return False
        raise AlreadyAbsent() from None
    return True


def report_recovery(absence: Absence, recovered_on: str, closed_task_ids: list[str], new_tasks: list[Task]) -> bool:
    """Close the absence and the tasks that no longer apply, free the employee; False if closed meanwhile."""
    try:
        with TransactWrite(connection=transaction_connection()) as tx:
            tx.update(Absence(absence.employer_id, absence.absence_id),
                      actions=[Absence.status.set("closed"), Absence.recovered_on.set(recovered_on)],
                      condition=Absence.status == "open")
            tx.update(Employee(absence.employer_id, absence.employee_id), actions=[Employee.open_absence_id.remove()],
                      condition=Employee.open_absence_id == absence.absence_id)
            for task_id in closed_task_ids:
                tx.update(Task(absence.employer_id, task_id),
                          actions=[Task.status.set("closed"), Task.open_employer_id.remove()],
                          condition=Task.status == "open")
            for task in new_tasks:
                tx.save(task)
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True


def add_recovery_step(absence: Absence, step: RecoveryStep) -> bool:
    return conditional_update(Absence(absence.employer_id, absence.absence_id),
                              [Absence.steps.set(Absence.steps.append([step]))],
                              Absence.status == "open")


def tasks_of(absence_id: str) -> list[Task]:
    """The tasks of one absence by due date: one Query on the by_absence index."""
    return list(Task.by_absence.query(absence_id))


def open_tasks(employer_id: str, limit: int = 200) -> list[Task]:
    """Open tasks by due date: one Query on the sparse open_by_due index."""
    return list(Task.open_by_due.query(employer_id, limit=limit))


def get_task(employer_id: str, task_id: str) -> Task | None:
    try:
        return Task.get(employer_id, task_id)
    except DoesNotExist:
        return None


def mark_done(employer_id: str, task_id: str, user_id: str, now: int) -> bool:
    return conditional_update(Task(employer_id, task_id),
                              [Task.status.set("done"), Task.open_employer_id.remove(),
                               Task.done_by.set(user_id), Task.done_at.set(now)],
                              Task.status == "open")
