"""Collega's: the employer's own beheerder lists the users of their employer and sets their roles."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import colleagues
from ..services.colleagues import Colleague, ColleagueInvitation, ColleagueRole, Colleagues
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/colleagues", role=_ROLE)
def list_colleagues(principal: Principal) -> Colleagues:
    """The users of the active employer with their roles there: for its beheerder."""
    return colleagues.list_colleagues(deps(), principal)


@api_route(bp, "/api/colleagues/{user_id}/role", methods=("PUT",), role=_ROLE)
def set_colleague_role(user_id: str, request: ColleagueRole, principal: Principal) -> Colleague:
    """Rol instellen for a colleague, never more than the beheerder's own; the colleague signs in again."""
    return colleagues.set_role(deps(), principal, user_id, request)


@api_route(bp, "/api/colleagues", methods=("POST",), role=_ROLE, status=201)
def invite_colleague(request: ColleagueInvitation, principal: Principal) -> Colleague:
    """Collega uitnodigen with a role (never more than the beheerder's own): the link goes by email, valid 24 h."""
    return colleagues.invite(deps(), principal, request)


@api_route(bp, "/api/colleagues/{user_id}/deactivate", methods=("POST",), role=_ROLE)
def deactivate_colleague(user_id: str, principal: Principal) -> Colleague:
    """Deactiveren: the colleague can no longer sign in and is signed out everywhere."""
    return colleagues.deactivate(deps(), principal, user_id)


@api_route(bp, "/api/colleagues/{user_id}/reactivate", methods=("POST",), role=_ROLE)
def reactivate_colleague(user_id: str, principal: Principal) -> Colleague:
    """Heractiveren: the account as it was before the deactivation."""
    return colleagues.reactivate(deps(), principal, user_id)
