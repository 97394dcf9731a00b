"""Ziek melden, hersteldmelding and the Poortwachter tasks of the signed-in employer."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import absences
from ..services.absences import (
    AbsenceView,
    FirstDayCorrection,
    OpenTasks,
    RecoveryReport,
    SickReport,
    TaskGuide,
    TaskView,
)
from ..services.sessions import Principal
from .http import api_route, deps, json_response

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/absences", methods=("POST",), role=_ROLE, statuses=(200, 201), response=AbsenceView,
           headers={"Idempotency-Key": "One per submitted form: a repeat gives the first answer (24 hours)."})
def report_sick(request: SickReport, principal: Principal) -> Response:
    """Ziek melden: 201 with the new absence and its tasks; the same Idempotency-Key again gives 200 and the first."""
    absence, created = absences.report_sick(deps(), principal, request,
                                            bp.current_request.headers.get("idempotency-key"))
    return json_response(absence, 201 if created else 200)


@api_route(bp, "/api/absences/{absence_id}", role=_ROLE)
def get_absence(absence_id: str, principal: Principal) -> AbsenceView:
    """One absence with its tasks."""
    return absences.get(deps(), principal, absence_id)


@api_route(bp, "/api/absences/{absence_id}/recovery", methods=("POST",), role=_ROLE)
def report_recovery(absence_id: str, request: RecoveryReport, principal: Principal) -> AbsenceView:
    """Hersteldmelding, full or partial."""
    return absences.report_recovery(deps(), principal, absence_id, request)


@api_route(bp, "/api/absences/{absence_id}/first-sick-day", methods=("PUT",), role=_ROLE)
def correct_first_sick_day(absence_id: str, request: FirstDayCorrection, principal: Principal) -> AbsenceView:
    """A corrected first sick day; the open tasks move with it."""
    return absences.correct_first_sick_day(deps(), principal, absence_id, request)


@api_route(bp, "/api/tasks", role=_ROLE)
def open_tasks(principal: Principal) -> OpenTasks:
    """The open tasks of the active employer, by due date."""
    return absences.open_tasks(deps(), principal)


@api_route(bp, "/api/tasks/guide")
def task_guide() -> TaskGuide:
    """Every Poortwachter step explained: what, who, the deadline and why, what to do here. Public: no data."""
    return absences.guide()


@api_route(bp, "/api/tasks/{task_id}/done", methods=("POST",), role=_ROLE)
def mark_task_done(task_id: str, principal: Principal) -> TaskView:
    """Afgerond."""
    return absences.mark_task_done(deps(), principal, task_id)
