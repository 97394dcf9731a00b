"""Medewerkers of the signed-in employer user's employer."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import employees
from ..services.employees import (
    Dossier,
    EmployeeChange,
    EmployeeForm,
    EmployeeList,
    EmployeeListQuery,
    EmployeeView,
    SearchQuery,
    SearchResults,
)
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/employees", role=_ROLE)
def list_employees(query: EmployeeListQuery, principal: Principal) -> EmployeeList:
    """The employer's employees by name: all of them, or with `filter` (and `cursor`) one page of the Medewerkers
    list with the cursor of the next."""
    if query.filter is None and query.cursor is None:
        return employees.list_all(deps(), principal)
    return employees.list_page(deps(), principal, query)


@api_route(bp, "/api/employees", methods=("POST",), role=_ROLE, status=201)
def add_employee(request: EmployeeForm, principal: Principal) -> EmployeeView:
    """Medewerker toevoegen."""
    return employees.add(deps(), principal, request)


@api_route(bp, "/api/search", role=_ROLE)
def search(query: SearchQuery, principal: Principal) -> SearchResults:
    """Dossier zoeken: any part of the name, or a personnel number; absent employees first, at most 50."""
    return {"results": employees.search(deps(), principal, query.q or "")}


@api_route(bp, "/api/employees/{employee_id}/dossier", role=_ROLE)
def dossier(employee_id: str, principal: Principal) -> Dossier:
    """The dossier: the employee, every absence with its tasks, and a timeline."""
    return employees.dossier(deps(), principal, employee_id)


@api_route(bp, "/api/employees/{employee_id}", role=_ROLE)
def get_employee(employee_id: str, principal: Principal) -> EmployeeView:
    """One employee."""
    return employees.get(deps(), principal, employee_id)


@api_route(bp, "/api/employees/{employee_id}", methods=("PUT",), role=_ROLE)
def update_employee(employee_id: str, request: EmployeeChange, principal: Principal) -> EmployeeView:
    """Gegevens wijzigen: the fields sent replace the current ones (null clears an optional one)."""
    return employees.update(deps(), principal, employee_id, request)
