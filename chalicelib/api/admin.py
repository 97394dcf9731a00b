"""The secretariat's admin routes (role secretariaat only)."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import admin, audit, environments, invitations
from .http import api_route, body, deps, json_response, require_session, text_field

bp = Blueprint(__name__)
_ROLE = Role.SECRETARIAAT.value


def _secretariat() -> str:
    """The signed-in secretariat user's id (the actor in the audit trail); 403 for anyone else."""
    return require_session(bp.current_request, role=_ROLE).user_id


@api_route(bp, "/api/admin/employers")
def list_employers() -> Response:
    _secretariat()
    return json_response({"employers": admin.list_employers(deps())})


@api_route(bp, "/api/admin/employers", methods=("POST",))
def create_employer() -> Response:
    actor = _secretariat()
    data = body(bp.current_request)
    name = text_field(data, "name", "de naam van de werkgever", max_length=1024)
    return json_response(admin.create_employer(deps(), name, actor), 201)


@api_route(bp, "/api/admin/employers/{employer_id}/users")
def list_users(employer_id: str) -> Response:
    _secretariat()
    return json_response({"users": admin.list_users(deps(), employer_id)})


@api_route(bp, "/api/admin/users", methods=("POST",))
def invite() -> Response:
    actor = _secretariat()
    data = body(bp.current_request)
    user = invitations.invite(
        deps(),
        name=text_field(data, "name", "de naam", max_length=1024),
        email=text_field(data, "email", "het e-mailadres", max_length=1024),
        employer_id=text_field(data, "employer_id", "de werkgever", max_length=64),
        phone=text_field(data, "phone", "het mobiele nummer", required=False, max_length=64),
        actor=actor,
    )
    return json_response(admin.user_view(deps(), user), 201)


@api_route(bp, "/api/admin/users/{user_id}")
def get_user(user_id: str) -> Response:
    _secretariat()
    return json_response(admin.get_user(deps(), user_id))


@api_route(bp, "/api/admin/users/{user_id}/resend-invitation", methods=("POST",))
def resend(user_id: str) -> Response:
    actor = _secretariat()
    return json_response(admin.user_view(deps(), invitations.resend(deps(), user_id, actor)))


@api_route(bp, "/api/admin/users/{user_id}/unlock", methods=("POST",))
def unlock(user_id: str) -> Response:
    actor = _secretariat()
    return json_response(admin.unlock(deps(), user_id, actor))


@api_route(bp, "/api/admin/users/{user_id}/phone", methods=("POST",))
def reset_phone(user_id: str) -> Response:
    actor = _secretariat()
    data = body(bp.current_request)
    return json_response(admin.reset_phone(deps(), user_id, text_field(data, "phone", "het mobiele nummer",
                                                                      max_length=64), actor))


@api_route(bp, "/api/admin/users/{user_id}/deactivate", methods=("POST",))
def deactivate(user_id: str) -> Response:
    actor = _secretariat()
    return json_response(admin.deactivate(deps(), user_id, actor))


@api_route(bp, "/api/admin/users/{user_id}/employers", methods=("POST",))
def grant_access(user_id: str) -> Response:
    """Give a werkgever user access to one more employer: an extra omgeving."""
    actor = _secretariat()
    employer_id = text_field(body(bp.current_request), "employer_id", "de werkgever", max_length=64)
    return json_response(environments.grant(deps(), user_id, employer_id, actor))


@api_route(bp, "/api/admin/users/{user_id}/employers/{employer_id}", methods=("DELETE",))
def revoke_access(user_id: str, employer_id: str) -> Response:
    actor = _secretariat()
    return json_response(environments.revoke(deps(), user_id, employer_id, actor))


@api_route(bp, "/api/admin/audit/{scope}")
def audit_trail(scope: str) -> Response:
    """The audit trail of one employer, or of the secretariat's own actions (`secretariaat`), newest first."""
    _secretariat()
    return json_response({"entries": audit.trail(deps(), scope[:64])})
