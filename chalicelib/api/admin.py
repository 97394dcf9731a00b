"""The secretariat's admin routes (role secretariaat only); the actor in the audit trail is the signed-in user."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import admin, audit, departments, environments, roles
from ..services.admin import (
    AdminEmployer,
    AdminEmployerList,
    AdminUser,
    AdminUserDetail,
    AdminUserList,
    Attention,
    FoundUsers,
    InviteUserRequest,
    NewEmployerRequest,
    PhoneResetRequest,
    UserSearchQuery,
)
from ..services.audit import AuditTrail
from ..services.departments import DepartmentList
from ..services.environments import EmployerAccessRequest
from ..services.roles import RoleRequest
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.SECRETARIAAT


@api_route(bp, "/api/admin/employers", role=_ROLE)
def list_employers(principal: Principal) -> AdminEmployerList:
    """All employers, by name."""
    return AdminEmployerList(employers=admin.list_employers(deps()))


@api_route(bp, "/api/admin/employers", methods=("POST",), role=_ROLE, status=201)
def create_employer(request: NewEmployerRequest, principal: Principal) -> AdminEmployer:
    """A new employer: 201 with its id."""
    return admin.create_employer(deps(), request.name, principal.user_id)


@api_route(bp, "/api/admin/employers/{employer_id}/users", role=_ROLE)
def list_users(employer_id: str, principal: Principal) -> AdminUserList:
    """The users of one employer (or of `secretariaat`), and those given access to it."""
    return AdminUserList(users=admin.list_users(deps(), employer_id))


@api_route(bp, "/api/admin/employers/{employer_id}/departments", role=_ROLE)
def list_employer_departments(employer_id: str, principal: Principal) -> DepartmentList:
    """The afdelingen and teams of one employer, to choose a leidinggevende's from."""
    return departments.of_employer(deps(), employer_id)


@api_route(bp, "/api/admin/search", role=_ROLE)
def search_users(query: UserSearchQuery, principal: Principal) -> FoundUsers:
    """Gebruiker zoeken: any employer's users by part of the name, username or email; at most 50, by name."""
    return admin.search_users(deps(), query.q or "")


@api_route(bp, "/api/admin/attention", role=_ROLE)
def attention(principal: Principal) -> Attention:
    """The secretariat's home: blocked accounts, expired invitations and unconfirmed mobile numbers."""
    return admin.attention(deps())


@api_route(bp, "/api/admin/users", methods=("POST",), role=_ROLE, status=201)
def invite(request: InviteUserRequest, principal: Principal) -> AdminUser:
    """Invite a werkgever user: 201 with the new user; the link goes by email."""
    return admin.invite(deps(), request, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}", role=_ROLE)
def get_user(user_id: str, principal: Principal) -> AdminUserDetail:
    """One user, with the employers they were given access to."""
    return admin.get_user(deps(), user_id)


@api_route(bp, "/api/admin/users/{user_id}/resend-invitation", methods=("POST",), role=_ROLE)
def resend(user_id: str, principal: Principal) -> AdminUser:
    """A fresh invitation link; older links stop working."""
    return admin.resend_invitation(deps(), user_id, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/unlock", methods=("POST",), role=_ROLE)
def unlock(user_id: str, principal: Principal) -> AdminUserDetail:
    """Unblock an active account after too many failed attempts."""
    return admin.unlock(deps(), user_id, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/phone", methods=("POST",), role=_ROLE)
def reset_phone(user_id: str, request: PhoneResetRequest, principal: Principal) -> AdminUserDetail:
    """A new mobile number, confirmed by SMS code at the next login."""
    return admin.reset_phone(deps(), user_id, request.phone, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/deactivate", methods=("POST",), role=_ROLE)
def deactivate(user_id: str, principal: Principal) -> AdminUserDetail:
    """Deactivate an account; its sessions end at once."""
    return admin.deactivate(deps(), user_id, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/reactivate", methods=("POST",), role=_ROLE)
def reactivate(user_id: str, principal: Principal) -> AdminUserDetail:
    """Undo a deactivation ("Heractiveren"); the user is emailed. Sessions ended then stay ended."""
    return admin.reactivate(deps(), user_id, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/employers", methods=("POST",), role=_ROLE)
def grant_access(user_id: str, request: EmployerAccessRequest, principal: Principal) -> AdminUserDetail:
    """Give a werkgever user access to one more employer: an extra omgeving."""
    return environments.grant(deps(), user_id, request.employer_id, principal.user_id)


@api_route(bp, "/api/admin/users/{user_id}/role", methods=("PUT",), role=_ROLE)
def set_role(user_id: str, request: RoleRequest, principal: Principal) -> AdminUserDetail:
    """Rol instellen bij één werkgever: verzuimbeheerder, of leidinggevende van afdelingen en teams. De
    gebruiker logt daarna opnieuw in: zijn sessies eindigen."""
    roles.set_role(deps(), user_id, request.employer_id, request.change(), principal.user_id)
    return admin.get_user(deps(), user_id)


@api_route(bp, "/api/admin/users/{user_id}/employers/{employer_id}", methods=("DELETE",), role=_ROLE)
def revoke_access(user_id: str, employer_id: str, principal: Principal) -> AdminUserDetail:
    """Take an extra omgeving away; sessions working in it end at once."""
    return environments.revoke(deps(), user_id, employer_id, principal.user_id)


@api_route(bp, "/api/admin/audit/{scope}", role=_ROLE)
def audit_trail(scope: str, principal: Principal) -> AuditTrail:
    """The audit trail of one employer, or of the secretariat's own actions (`secretariaat`), newest first."""
    return AuditTrail(entries=audit.trail(deps(), scope[:64]))
