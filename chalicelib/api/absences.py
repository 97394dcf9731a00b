"""Ziek melden, hersteldmelding and the Poortwachter tasks of the signed-in employer."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import absences
from .http import api_route, body, deps, json_response, require_session

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER.value


@api_route(bp, "/api/absences", methods=("POST",))
def report_sick() -> Response:
    request = bp.current_request
    principal = require_session(request, role=_ROLE)
    absence, created = absences.report_sick(deps(), principal, body(request), request.headers.get("idempotency-key"))
    return json_response(absence, 201 if created else 200)


@api_route(bp, "/api/absences/{absence_id}")
def get_absence(absence_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(absences.get(deps(), principal, absence_id))


@api_route(bp, "/api/absences/{absence_id}/recovery", methods=("POST",))
def report_recovery(absence_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(absences.report_recovery(deps(), principal, absence_id, body(bp.current_request)))


@api_route(bp, "/api/absences/{absence_id}/first-sick-day", methods=("PUT",))
def correct_first_sick_day(absence_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(absences.correct_first_sick_day(deps(), principal, absence_id, body(bp.current_request)))


@api_route(bp, "/api/tasks")
def open_tasks() -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response({"tasks": absences.open_tasks(deps(), principal)})


@api_route(bp, "/api/tasks/{task_id}/done", methods=("POST",))
def mark_task_done(task_id: str) -> Response:
    principal = require_session(bp.current_request, role=_ROLE)
    return json_response(absences.mark_task_done(deps(), principal, task_id))
