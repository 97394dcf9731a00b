"""Medewerker toevoegen, wijzigen, uit dienst: the employees of the signed-in user's employer."""
from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from typing import Any

from .. import store
from ..domain.employees import EmployeeFields, clean_employee
from ..domain.errors import InvalidInput, NotFound
from ..observability import logger
from .deps import Deps
from .sessions import Principal

_STORED = ("first_name", "infix", "last_name", "personnel_number", "date_of_birth", "start_date", "contract_hours",
           "work_phone", "work_email", "end_date")


def add(deps: Deps, principal: Principal, data: dict[str, Any]) -> dict:
    fields = clean_employee(data, today=deps.today())
    employee = store.models.Employee(principal.employer_id, str(uuid.uuid4()), created_at=deps.now(),
                                     **_attributes(fields))
    if not store.employees.create(employee):
        raise _number_taken()
    logger.info("employee added", extra={"user_id": principal.user_id, "employee_id": employee.employee_id})
    return view(employee)


def update(deps: Deps, principal: Principal, employee_id: str, data: dict[str, Any]) -> dict:
    """Change an employee's details; the whole record is checked again, as on the add form."""
    current = _get(principal, employee_id)
    fields = clean_employee({**view(current), **data}, today=deps.today())
    changes = {name: value for name, value in _attributes(fields).items() if getattr(current, name) != value}
    if changes and not store.employees.update(current, changes, deps.now()):
        raise _number_taken()
    logger.info("employee changed", extra={"user_id": principal.user_id, "employee_id": employee_id,
                                           "fields": sorted(changes)})
    return view(_get(principal, employee_id))


def get(deps: Deps, principal: Principal, employee_id: str) -> dict:
    return view(_get(principal, employee_id))


def list_all(deps: Deps, principal: Principal) -> list[dict]:
    employees = store.employees.list_for_employer(principal.employer_id)
    return [view(e) for e in sorted(employees, key=lambda e: (e.last_name.lower(), e.first_name.lower()))]


def view(employee: object) -> dict:
    return {"employee_id": employee.employee_id, **{name: getattr(employee, name) for name in _STORED}}


def _get(principal: Principal, employee_id: str) -> object:
    employee = store.employees.get(principal.employer_id, employee_id[:64])
    if employee is None:
        raise NotFound("Deze medewerker bestaat niet.", code="employee_unknown")
    return employee


def _attributes(fields: EmployeeFields) -> dict[str, Any]:
    """Dates as ISO text and hours as a number, the way the store keeps them."""
    values = dataclasses.asdict(fields)
    return {name: (value.isoformat() if isinstance(value, date) else
                   float(value) if name == "contract_hours" else value)
            for name, value in values.items() if name in _STORED}


def _number_taken() -> InvalidInput:
    return InvalidInput("Dit personeelsnummer is al in gebruik bij een andere medewerker.",
                        code="personnel_number_taken", field="personnel_number")
