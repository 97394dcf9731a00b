"""Employees, in their employer's partition, with personnel numbers unique per employer."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from .conditions import condition_failed
from .connection import transaction_connection
from .models import Employee, PersonnelNumberClaim


def number_key(employer_id: str, personnel_number: str) -> str:
    return f"{employer_id}#{personnel_number.strip().lower()}"


def get(employer_id: str, employee_id: str) -> Employee | None:
    """One GetItem; an id of another employer is simply not found."""
    try:
        return Employee.get(employer_id, employee_id)
    except DoesNotExist:
        return None


def create(employee: Employee) -> bool:
    """Write a new employee and claim its personnel number; False when the number is taken."""
    claim = PersonnelNumberClaim(number_key(employee.employer_id, employee.personnel_number),
                                 employee_id=employee.employee_id)
    try:
        with TransactWrite(connection=transaction_connection()) as tx:
            tx.save(claim, condition=PersonnelNumberClaim.key.does_not_exist())
            tx.save(employee, condition=Employee.employee_id.does_not_exist())
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True


def update(current: Employee, changes: dict[str, Any], now: int) -> bool:
    """Apply `changes` (attribute name → value, None removes); a new personnel number moves the claim.

    False when the new personnel number belongs to someone else; nothing is written then.
    """
    actions = [getattr(Employee, name).set(value) if value is not None else getattr(Employee, name).remove()
               for name, value in changes.items()] + [Employee.updated_at.set(now)]
    new_number = changes.get("personnel_number")
    moved = new_number is not None and number_key(current.employer_id, new_number) != number_key(
        current.employer_id, current.personnel_number)
    try:
        with TransactWrite(connection=transaction_connection()) as tx:
            tx.update(Employee(current.employer_id, current.employee_id), actions=actions,
                      condition=Employee.employee_id.exists())
            if moved:
                tx.save(PersonnelNumberClaim(number_key(current.employer_id, new_number),
                                             employee_id=current.employee_id),
                        condition=PersonnelNumberClaim.key.does_not_exist())
                tx.delete(PersonnelNumberClaim(number_key(current.employer_id, current.personnel_number)),
                          condition=PersonnelNumberClaim.employee_id == current.employee_id)
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True


def list_for_employer(employer_id: str) -> list[Employee]:
    """One Query on the employer's partition (paged by pynamodb)."""
    return list(Employee.query(employer_id))
