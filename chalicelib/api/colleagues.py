"""Collega's: the employer's own beheerder lists the users of their employer and sets their roles."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import colleagues
from ..services.colleagues import Colleague, ColleagueRole, Colleagues
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
