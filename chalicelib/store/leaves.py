"""Zwangerschaps- en bevallingsverlof: a leave with its tasks, apart from the absences (domain/wazo.py).

A leave is registered in one transaction with its tasks and the employee's leave mark (`leave_from`/`leave_until`,
which a ziekmelding's transaction checks: store.absences.not_on_leave); the birth date is another. Its tasks are
ordinary tasks (the tasks table, the home page's lists) whose `absence_id` is the leave's id.
"""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from ..domain.roles import Scope
from . import records
from .absences import adjust_open_tasks, delete_tasks, in_scope, move_tasks, task_item, tasks_of
from .audit import Line, add
from .mapping import to_item, to_record
from .models import Employee, Leave, Task
from .transactions import transaction


class Refused(Exception):
    """The employee is sick, or has a leave that is not over yet, or no longer exists."""


def _leave(item: Leave) -> records.Leave:
    return to_record(records.Leave, item)


def get(scope: Scope, leave_id: str) -> records.Leave | None:
    """One GetItem (and, for a leidinggevende, one of its employee); out of scope is not found."""
    try:
        leave = _leave(Leave.get(scope.employer_id, leave_id))
    except DoesNotExist:
        return None
    return leave if in_scope(scope, leave.employee_id) else None


def for_employee(employer_id: str, employee_id: str) -> list[records.Leave]:
    """Every leave of an employee, the latest first: one Query of `by_employee`."""
    return [_leave(item) for item in Leave.by_employee.query(employee_id, scan_index_forward=False)
            if item.employer_id == employer_id]


def existing(employer_id: str, leave_ids: list[str]) -> set[str]:
    """Which of these leaves still exist: BatchGetItem (keys only), 100 a request."""
    ids = list(dict.fromkeys(leave_ids))
    if not ids:
        return set()
    return {leave.leave_id for leave in Leave.batch_get([(employer_id, i) for i in ids],
                                                        attributes_to_get=["employer_id", "leave_id"])}


def register(leave: records.Leave, tasks: list[records.Task], *, audit: Line | None = None) -> None:
    """The leave, its tasks and the employee's leave mark, or nothing: Refused while the employee is sick or an
    earlier leave lasts until the new one's first day or later."""
    first_day = leave.starts_on if leave.born_on is None else min(leave.starts_on, leave.born_on)
    with transaction() as tx:
        tx.update(Employee(leave.employer_id, leave.employee_id),
                  actions=[Employee.leave_id.set(leave.leave_id), Employee.leave_from.set(first_day),
                           Employee.leave_until.set(leave.ends_on)],
                  condition=(Employee.employee_id.exists() & Employee.open_absence_id.does_not_exist()
                             & (Employee.leave_until.does_not_exist()
                                | (Employee.leave_until < first_day))))
        tx.save(to_item(leave), condition=Leave.leave_id.does_not_exist())
        for task in tasks:
            tx.save(task_item(task))
        adjust_open_tasks(tx, leave.employer_id, len(tasks))
        add(tx, audit)
    if not tx.committed:
        raise Refused()


def set_birth(leave: records.Leave, born_on: str, ends_on: str, first_day: str, report_task: records.Task | None,
              report_due: str, *, audit: Line | None = None) -> bool:
    """The date of birth and the leave's new last day, on the leave and (while it is the employee's latest) on the
    employee's mark; an open birth-report task moves to its new due date. False when the leave changed meanwhile."""
    with transaction() as tx:
        tx.update(Leave(leave.employer_id, leave.leave_id),
                  actions=[Leave.born_on.set(born_on), Leave.ends_on.set(ends_on)],
                  condition=Leave.ends_on == leave.ends_on)
        tx.update(Employee(leave.employer_id, leave.employee_id),
                  actions=[Employee.leave_from.set(first_day), Employee.leave_until.set(ends_on)],
                  condition=Employee.leave_id == leave.leave_id)
        if report_task is not None and report_task.status == "open":
            tx.update(Task(report_task.employer_id, report_task.task_id),
                      actions=[Task.due.set(report_due), Task.due_key.set(f"{report_due}#{report_task.task_id}")],
                      condition=Task.status == "open")
        add(tx, audit)
    return tx.committed


def remove(leave: records.Leave, tasks: list[records.Task], employee: records.Employee, *,
           audit: Line | None = None) -> bool:
    """A leave registered in error, with its tasks (each one still open lowers the employer's count) and, while it is
    the employee's latest, the employee's leave mark; all or nothing. False when something changed meanwhile."""
    still_open = [t for t in tasks if t.status == "open"]
    with transaction() as tx:
        tx.delete(Leave(leave.employer_id, leave.leave_id), condition=Leave.ends_on == leave.ends_on)
        for task in tasks:
            tx.delete(Task(task.employer_id, task.task_id), condition=Task.status == task.status)
        adjust_open_tasks(tx, leave.employer_id, -len(still_open))
        if employee.leave_id == leave.leave_id:
            tx.update(Employee(leave.employer_id, leave.employee_id),
                      actions=[Employee.leave_id.remove(), Employee.leave_from.remove(), Employee.leave_until.remove()],
                      condition=Employee.leave_id == leave.leave_id)
        add(tx, audit)
    return tx.committed


def move(employee: records.Employee) -> int:
    """After a move: the employee's leaves and their tasks carry the new department (as store.absences.move)."""
    changed = 0
    for leave in for_employee(employee.employer_id, employee.employee_id):
        if leave.department_id != employee.department_id:
            item = Leave(leave.employer_id, leave.leave_id)
            item.update(actions=[Leave.department_id.set(employee.department_id) if employee.department_id
                                 else Leave.department_id.remove()])
            changed += 1
        changed += move_tasks(tasks_of(leave.leave_id), employee.department_id)
    return changed


def delete_all(employee: records.Employee) -> int:
    """With the employee's record (retention): every leave and its tasks; an open task lowers the employer's count.
    Returns the number of items removed."""
    removed = 0
    for leave in for_employee(employee.employer_id, employee.employee_id):
        tasks = tasks_of(leave.leave_id)
        delete_tasks(tasks)
        Leave(leave.employer_id, leave.leave_id).delete()
        removed += len(tasks) + 1
    return removed
