"""Bulk reads and writes of the VerzuimDesk import (services/importing.py): the same items the portal writes,
in batches where no other request can depend on the order, and conditional where an invariant needs it.

Every write can be repeated with the same result (the ids are derived from the import keys), and each step is
written before the item that marks it done, so an interrupted import completes when it is run again:
- employees: the employee and its search keys (BatchWriteItem), then its personnel-number claim, which is what
  tells a later run that the employee exists;
- open absences: the employee's `open_absence_id` (UpdateItem, on condition that it is free or already this
  absence), then the employer's open-task count with a marker per absence (TransactWriteItems, so the count is
  added once), then the tasks and last the absence itself (BatchWriteItem);
- closed absences: the absence (BatchWriteItem); it has no tasks.
"""
from __future__ import annotations

from collections.abc import Iterable

from pynamodb.models import Model

from . import records
from .absences import absence_item, absent_actions, adjust_open_tasks, task_item
from .conditions import conditional_update
from .employees import employee_item, mark_has_employees, number_key, search_keys
from .models import Employee, PersonnelNumberClaim, RequestKey
from .transactions import transaction

_TRANSACTION_ITEMS = 100  # DynamoDB's limit per TransactWriteItems


def claims(employer_id: str, personnel_numbers: Iterable[str]) -> dict[str, str]:
    """Personnel number (lowercase) → employee id, for the numbers already in use: BatchGetItem, 100 a request."""
    keys = sorted({number_key(employer_id, number) for number in personnel_numbers})
    prefix = f"{employer_id}#"
    return {claim.key.removeprefix(prefix): claim.employee_id for claim in PersonnelNumberClaim.batch_get(keys)}


def write_employees(employees: list[records.Employee]) -> None:
    """The employees with their search keys, then their personnel-number claims (BatchWriteItem, 25 a request)."""
    batch_put([item for employee in employees for item in (employee_item(employee), *search_keys(employee))])
    batch_put([PersonnelNumberClaim(number_key(e.employer_id, e.personnel_number), employee_id=e.employee_id)
                for e in employees])
    for employer_id in {e.employer_id for e in employees}:
        mark_has_employees(employer_id)


def mark_absent(absence: records.Absence) -> bool:
    """The employee's open absence is this one; False when the employee is gone or has another open absence."""
    return conditional_update(Employee(absence.employer_id, absence.employee_id), absent_actions(absence),
                              Employee.employee_id.exists() & (Employee.open_absence_id.does_not_exist()
                                                               | (Employee.open_absence_id == absence.absence_id)))


def count_open_tasks(employer_id: str, opened: dict[str, int], marker_expires_at: int) -> int:
    """Add each absence's number of open tasks (absence id → n) to the employer's count once: a marker per absence
    in `request-keys` (condition: not there yet) in the same transaction as the ADD. Returns the number added."""
    added = 0
    pending = dict(opened)
    while pending:
        chunk = dict(list(pending.items())[:_TRANSACTION_ITEMS - 1])
        markers = [RequestKey(marker_key(employer_id, absence_id), record_id=absence_id, expires_at=marker_expires_at)
                   for absence_id in chunk]
        total = sum(chunk.values())
        with transaction() as tx:
            for marker in markers:
                tx.save(marker, condition=RequestKey.key.does_not_exist())
            adjust_open_tasks(tx, employer_id, total)
        if not tx.committed:
            counted = [absence_id for index, absence_id in enumerate(chunk) if tx.refused_at(index)]
            if not counted:
                raise RuntimeError(f"open-task count refused by an unexpected condition: {tx.refused}")
            for absence_id in counted:  # counted by an earlier, interrupted run: not again
                del pending[absence_id]
            continue
        added += total
        for absence_id in chunk:
            del pending[absence_id]
    return added


def marker_key(employer_id: str, absence_id: str) -> str:
    """`import:` cannot occur in the portal's Idempotency-Keys (letters, digits and hyphens only)."""
    return f"{employer_id}#import:{absence_id}"


def write_absences(absences: list[records.Absence], tasks: list[records.Task]) -> None:
    """The tasks first, then the absences (BatchWriteItem, 25 a request): an absence that is there is complete."""
    batch_put([task_item(t) for t in tasks])
    batch_put([absence_item(a) for a in absences])


def batch_put(items: list[Model]) -> None:
    """BatchWriteItem per table; pynamodb sends 25 puts a request and retries unprocessed items. (bench/ fills its
    tables with it too.)"""
    by_model: dict[type[Model], list[Model]] = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item)
    for model, group in by_model.items():
        with model.batch_write() as batch:
            for item in group:
                batch.save(item)
