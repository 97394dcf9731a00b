"""Employees, in their employer's partition."""
from __future__ import annotations

from pynamodb.exceptions import PutError

from .conditions import condition_failed
from .models import Employee


def create(employee: Employee) -> bool:
    """Write a new employee; False when that id exists already (nothing is changed)."""
    try:
        employee.save(condition=Employee.employee_id.does_not_exist())
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def list_for_employer(employer_id: str) -> list[Employee]:
    """One Query on the employer's partition."""
    return list(Employee.query(employer_id))
