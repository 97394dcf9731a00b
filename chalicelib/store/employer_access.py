"""Access of werkgever users to employers besides their own: the extra "omgevingen"."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from .audit import Line, audited
from .models import EmployerAccess


def role_at(user_id: str, employer_id: str) -> tuple[str | None, frozenset[str] | None] | None:
    """The user's role and a leidinggevende's departments at an employer granted to them (GetItem); None when it
    is not granted."""
    try:
        item = EmployerAccess.get(user_id, employer_id)
    except DoesNotExist:
        return None
    return item.employer_role, frozenset(item.department_ids) if item.department_ids else None


def employers_of(user_id: str) -> list[str]:
    """The employers a user was given access to: one Query on the user's partition."""
    return [item.employer_id for item in EmployerAccess.query(user_id)]


def roles_of(user_id: str) -> dict[str, tuple[str | None, frozenset[str] | None]]:
    """The user's role and a leidinggevende's departments at each employer granted to them: the same one Query on
    the user's partition as `employers_of`."""
    return {item.employer_id: (item.employer_role, frozenset(item.department_ids) if item.department_ids else None)
            for item in EmployerAccess.query(user_id)}


def users_of(employer_id: str) -> list[str]:
    """The users given access to an employer: one Query on the by_employer index."""
    return list(roles_at(employer_id))


def roles_at(employer_id: str) -> dict[str, tuple[str | None, frozenset[str] | None]]:
    """The users given access to an employer, each with their role there: one Query on the by_employer index."""
    return {item.user_id: (item.employer_role, frozenset(item.department_ids) if item.department_ids else None)
            for item in EmployerAccess.by_employer.query(employer_id)}


def grant(user_id: str, employer_id: str, *, granted_at: int, granted_by: str, audit: Line) -> bool:
    """PutItem `employer-access` (condition not exists) and its line, in one transaction. False when the user has
    this access already."""
    access = EmployerAccess(user_id, employer_id, granted_at=granted_at, granted_by=granted_by)
    return audited(lambda tx: tx.save(access, condition=EmployerAccess.user_id.does_not_exist()), audit)


def set_role(user_id: str, employer_id: str, employer_role: str, department_ids: frozenset[str], *,
             audit: Line) -> bool:
    """The user's role at an employer granted to them; False when the access is gone."""
    actions = [EmployerAccess.employer_role.set(employer_role),
               EmployerAccess.department_ids.set(set(department_ids)) if department_ids
               else EmployerAccess.department_ids.remove()]
    return audited(lambda tx: tx.update(EmployerAccess(user_id, employer_id), actions=actions,
                                        condition=EmployerAccess.user_id.exists()), audit)


def revoke(user_id: str, employer_id: str, *, audit: Line) -> bool:
    """False when there was no such access."""
    return audited(lambda tx: tx.delete(EmployerAccess(user_id, employer_id),
                                        condition=EmployerAccess.user_id.exists()), audit)
