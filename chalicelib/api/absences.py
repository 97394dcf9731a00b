"""Ziek melden, hersteldmelding and the Poortwachter tasks of the signed-in employer."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import absences
from ..services.absences import (
    AbsenceView,
    FirstDayCorrection,
    HomeTasks,
    RecoveryReport,
    SickReport,
    TaskDone,
    TaskGuide,
    TasksQuery,
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
def open_tasks(query: TasksQuery, principal: Principal) -> HomeTasks:
    """"Nu te doen": the counts per view and one page of the chosen view's open tasks, grouped per case."""
    return absences.home_tasks(deps(), principal, query)


@api_route(bp, "/api/tasks/guide")
def task_guide() -> TaskGuide:
    """Every Poortwachter step explained: what, who, the deadline and why, what to do here. Public: no data."""
    return absences.guide()


@api_route(bp, "/api/tasks/{task_id}/done", methods=("POST",), role=_ROLE)
def mark_task_done(task_id: str, request: TaskDone, principal: Principal) -> TaskView:
    """Afronden, with the day it was done (default today) and an optional note."""
    return absences.mark_task_done(deps(), principal, task_id, request)


@api_route(bp, "/api/tasks/{task_id}/reopen", methods=("POST",), role=_ROLE)
def reopen_task(task_id: str, principal: Principal) -> TaskView:
    """Heropenen: a done task of an open case open again, within the period after it was done."""
    return absences.reopen_task(deps(), principal, task_id)
