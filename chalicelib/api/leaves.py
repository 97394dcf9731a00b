"""Zwangerschaps- en bevallingsverlof of the signed-in employer's employees: leave, not a ziekmelding."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import leaves
from ..services.leaves import BirthForm, LeaveForm, LeaveRemoved, LeaveView
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/leaves", methods=("POST",), role=_ROLE, status=201)
def register_leave(request: LeaveForm, principal: Principal) -> LeaveView:
    """Zwangerschapsverlof registreren: 201 with the leave, its periods and its two tasks."""
    return leaves.register(deps(), principal, request)


@api_route(bp, "/api/leaves/{leave_id}", role=_ROLE)
def get_leave(leave_id: str, principal: Principal) -> LeaveView:
    """One leave with its periods and tasks."""
    return leaves.get(deps(), principal, leave_id)


@api_route(bp, "/api/leaves/{leave_id}/birth", methods=("PUT",), role=_ROLE)
def set_birth(leave_id: str, request: BirthForm, principal: Principal) -> LeaveView:
    """Bevallingsdatum invullen or correcting it: the end of the bevallingsverlof follows."""
    return leaves.set_birth(deps(), principal, leave_id, request)


@api_route(bp, "/api/leaves/{leave_id}", methods=("DELETE",), role=_ROLE)
def remove_leave(leave_id: str, principal: Principal) -> LeaveRemoved:
    """Verlof verwijderen: a leave registered in error, with its tasks."""
    return leaves.remove(deps(), principal, leave_id)
