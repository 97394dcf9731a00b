"""Afdelingen and teams of the signed-in employer user's employer."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import departments
from ..services.departments import DepartmentForm, DepartmentList, DepartmentRename, DepartmentView
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/departments", role=_ROLE)
def list_departments(principal: Principal) -> DepartmentList:
    """Every afdeling by name, each followed by its teams."""
    return departments.list_all(deps(), principal)


@api_route(bp, "/api/departments", methods=("POST",), role=_ROLE, status=201)
def add_department(request: DepartmentForm, principal: Principal) -> DepartmentView:
    """Afdeling toevoegen, or Team toevoegen under an afdeling (`parent_id`)."""
    return departments.add(deps(), principal, request)


@api_route(bp, "/api/departments/{department_id}", methods=("PUT",), role=_ROLE)
def rename_department(department_id: str, request: DepartmentRename, principal: Principal) -> DepartmentView:
    """Naam wijzigen of an afdeling or team."""
    return departments.rename(deps(), principal, department_id, request)
