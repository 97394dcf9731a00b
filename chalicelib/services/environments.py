"""Omgevingen: the employers a werkgever user works for, the active one of a session, and their open tasks.

A user's own employer is `User.employer_id`; the secretariat can give access to more (store.employer_access).
Every workspace route works on the session's active employer only, so switching is one session update.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Annotated, Any

from .. import store
from ..domain import accounts, roles
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.fields import Field
from ..observability import logger
from ..store import records
from . import audit
from .admin import AdminUserDetail, get_user
from .deps import Deps
from .sessions import Principal, employer_ids_of


@dataclass(frozen=True)
class EmployerAccessRequest:
    """The employer a werkgever user gets access to besides their own: one more omgeving."""
    employer_id: Annotated[str, Field("de werkgever", max_length=64)]


def employer_ids(user: records.User) -> list[str]:
    """The user's own employer first, then the others they were given access to."""
    return employer_ids_of(user.user_id, user.role, user.employer_id)


def environments(user: records.User, active_employer_id: str) -> list[dict]:
    """The user's omgevingen by name, the active one marked, with their open-task counts."""
    return listed(store.employers.get_many(employer_ids(user)), active_employer_id, scopes_of(user))


def listed(employers: list[records.Employer], active_employer_id: str,
           scopes: dict[str, roles.Scope] | None = None) -> list[dict]:
    """Omgevingen by name, the active one marked, with their open-task counts: the employer's counter, or for a
    leidinggevende there (`scopes`) the count of their own departments' open tasks."""
    return [{"employer_id": e.employer_id, "name": e.name, "active": e.employer_id == active_employer_id,
             "open_tasks": _count(e, (scopes or {}).get(e.employer_id))}
            for e in sorted(employers, key=lambda e: store.employers.name_key(e.name))]


def scopes_of(user: records.User) -> dict[str, roles.Scope]:
    """What the user may see at each of their employers (one Query of the access items for the granted ones)."""
    if user.role != accounts.Role.WERKGEVER.value:
        return {}
    granted = {employer_id: roles.scope_of(employer_id, *role)
               for employer_id, role in store.employer_access.roles_of(user.user_id).items()}
    return {**granted, user.employer_id: roles.scope_of(user.employer_id, user.employer_role, user.department_ids)}


def switch(deps: Deps, principal: Principal, employer_id: Any) -> Principal:
    """Make another of the user's employers the session's active omgeving; returns the caller as now scoped."""
    if not isinstance(employer_id, str) or not employer_id:
        raise InvalidInput("Kies een omgeving.", code="required", field="employer_id")
    user = store.users.get(principal.user_id)
    if user is None or employer_id not in employer_ids(user):
        raise NotFound("Deze omgeving bestaat niet of u heeft er geen toegang toe.", code="environment_unknown")
    own = employer_id == user.employer_id
    role = (user.employer_role, user.department_ids) if own else store.employer_access.role_at(user.user_id,
                                                                                               employer_id)
    if role is None or not store.sessions.set_employer(principal.session_hash, user.user_id, employer_id, own, *role):
        raise NotFound("Deze omgeving bestaat niet of u heeft er geen toegang toe.", code="environment_unknown")
    logger.info("environment switched", extra={"user_id": principal.user_id, "employer_id": employer_id})
    return dataclasses.replace(principal, employer_id=employer_id, employer_role=role[0], department_ids=role[1])


def open_task_count(user: records.User) -> int:
    """Open Poortwachter tasks the user may see over all their employers: a BatchGetItem of the employers'
    counters, and where the user is leidinggevende a count of their departments' open tasks instead."""
    scopes = scopes_of(user)
    return sum(_count(e, scopes.get(e.employer_id)) for e in store.employers.get_many(list(scopes)))


def _count(employer: records.Employer, scope: roles.Scope | None = None) -> int:
    if scope is not None and not scope.whole_employer:
        return store.absences.count_open(scope)
    return max(0, int(employer.open_tasks or 0))


def grant(deps: Deps, user_id: str, employer_id: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    """The secretariat gives a werkgever user access to one more employer; the user's sessions list it at once (a
    grant that died before that shows in them from the next sign-in: less than the user may, never more)."""
    user = store.users.get(user_id)
    if user is None:
        raise NotFound("Deze gebruiker bestaat niet.", code="user_unknown")
    if user.role != accounts.Role.WERKGEVER.value:
        raise InvalidInput("Alleen een werkgever-gebruiker kan toegang krijgen tot een werkgever.",
                           code="not_werkgever", field="user_id")
    if store.employers.get(employer_id) is None:
        raise InvalidInput("Deze werkgever bestaat niet.", code="employer_unknown", field="employer_id")
    if employer_id == user.employer_id or not store.employer_access.grant(
            user_id, employer_id, granted_at=deps.now(), granted_by=actor,
            audit=audit.secretariat_line(deps, actor, "employer_access_granted", "user", f"{user_id}#{employer_id}")):
        raise Conflict("Deze gebruiker heeft al toegang tot deze werkgever.", code="access_exists")
    listed_in = store.sessions.grant_employer(user_id, employer_id)
    logger.info("employer access granted", extra={"user_id": user_id, "employer_id": employer_id,
                                                  "sessions": listed_in})
    return get_user(deps, user_id)


def revoke(deps: Deps, user_id: str, employer_id: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    """Take the access away; sessions working in that omgeving end at once, the others stop listing it.

    The sessions are put right also when there was no access (any more): a revoke that died after its
    transaction is completed by its retry.
    """
    user = store.users.get(user_id)
    if user is None:
        raise NotFound("Deze gebruiker bestaat niet.", code="user_unknown")
    revoked = store.employer_access.revoke(user_id, employer_id, audit=audit.secretariat_line(
        deps, actor, "employer_access_revoked", "user", f"{user_id}#{employer_id}"))
    ended = store.sessions.revoke_employer(user_id, employer_id) if employer_id != user.employer_id else 0
    if not revoked:
        raise NotFound("Deze gebruiker heeft geen extra toegang tot deze werkgever.", code="access_unknown")
    logger.info("employer access revoked", extra={"user_id": user_id, "employer_id": employer_id,
                                                  "sessions_ended": ended})
    return get_user(deps, user_id)
