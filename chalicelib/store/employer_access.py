"""Access of werkgever users to employers besides their own: the extra "omgevingen"."""
from __future__ import annotations

from pynamodb.exceptions import DeleteError, PutError

from .conditions import condition_failed
from .models import EmployerAccess


def employers_of(user_id: str) -> list[str]:
    """The employers a user was given access to: one Query on the user's partition."""
    return [item.employer_id for item in EmployerAccess.query(user_id)]


def users_of(employer_id: str) -> list[str]:
    """The users given access to an employer: one Query on the by_employer index."""
    return [item.user_id for item in EmployerAccess.by_employer.query(employer_id)]


def grant(access: EmployerAccess) -> bool:
    """False when the user has this access already."""
    try:
        access.save(condition=EmployerAccess.user_id.does_not_exist())
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def revoke(user_id: str, employer_id: str) -> bool:
    """False when there was no such access."""
    try:
        EmployerAccess(user_id, employer_id).delete(condition=EmployerAccess.user_id.exists())
    except DeleteError as error:
        if condition_failed(error):
            return False
        raise
    return True
