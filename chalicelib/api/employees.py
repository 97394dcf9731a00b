"""Medewerkers of the signed-in employer user's employer."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import employees
from .http import api_route, body, deps, json_response, require_session

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER.value


@api_route(bp, "/api/employees")
def list_employees() -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response({"employees": employees.list_all(deps(), principal)})


@api_route(bp, "/api/employees", methods=("POST",))
def add_employee() -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(employees.add(deps(), principal, body(bp.current_request)), 201)


@api_route(bp, "/api/search")
def search() -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    query = (bp.current_request.query_params or {}).get("q", "")
    return json_response({"results": employees.search(deps(), principal, query[:200])})


@api_route(bp, "/api/employees/{employee_id}/dossier")
def dossier(employee_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(employees.dossier(deps(), principal, employee_id))


@api_route(bp, "/api/employees/{employee_id}")
def get_employee(employee_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(employees.get(deps(), principal, employee_id))


@api_route(bp, "/api/employees/{employee_id}", methods=("PUT",))
def update_employee(employee_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(employees.update(deps(), principal, employee_id, body(bp.current_request)))
