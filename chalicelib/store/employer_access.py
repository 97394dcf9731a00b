"""Access of werkgever users to employers besides their own: the extra "omgevingen"."""
from __future__ import annotations

from .audit import Line, audited
from .models import EmployerAccess


def employers_of(user_id: str) -> list[str]:
    """The employers a user was given access to: one Query on the user's partition."""
    return [item.employer_id for item in EmployerAccess.query(user_id)]


def users_of(employer_id: str) -> list[str]:
    """The users given access to an employer: one Query on the by_employer index."""
    return [item.user_id for item in EmployerAccess.by_employer.query(employer_id)]


def grant(user_id: str, employer_id: str, *, granted_at: int, granted_by: str, audit: Line) -> bool:
    """PutItem `employer-access` (condition not exists) and its line, in one transaction. False when the user has
    this access already."""
    access = EmployerAccess(user_id, employer_id, granted_at=granted_at, granted_by=granted_by)
    return audited(lambda tx: tx.save(access, condition=EmployerAccess.user_id.does_not_exist()), audit)


def revoke(user_id: str, employer_id: str, *, audit: Line) -> bool:
    """False when there was no such access."""
    return audited(lambda tx: tx.delete(EmployerAccess(user_id, employer_id),
                                        condition=EmployerAccess.user_id.exists()), audit)
